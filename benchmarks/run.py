"""Measure the performance budgets of docs/architecture.md; print budget, measurement, verdict.

Run with ``make bench`` (or ``python benchmarks/run.py``). Dashboards are timed with the
ipympl canvas that lessons use, answered as a browser showing it would (no browser needed):
"full update" is ``dash.set(...)``: the model, the new frame (the moving artists blitted on
the kept background, a panel whose limits changed redrawn, or the whole figure when something
else changed) and the PNG diff ipympl sends; "compute" is the model call alone; "redraw" is a
full ``fig.canvas.draw()``. Every slider of every dashboard is also moved over its whole range
as a learner moves it, and the five slowest (p90 of the update) are printed.
"""

from __future__ import annotations

import json
import os
import pathlib
import statistics
import subprocess
import sys
import time

import matplotlib
import numpy as np

matplotlib.use("module://ipympl.backend_nbagg")

ROOT = pathlib.Path(__file__).resolve().parents[1]
REPEATS_IMPORT = 7
REPEATS_UPDATE = 30
#: Runs of the browser test whose median judges each slider's latency (_browser_latency)
BROWSER_RUNS = 3


def _import_time(statement: str) -> float:
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    times = []
    for _ in range(REPEATS_IMPORT):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        times.append(float(out.stdout))
    return statistics.median(times)


def as_if_shown(dash) -> None:
    """Answer the dashboard's canvas as a browser showing it does: every "draw" request it
    sends comes straight back as a draw message (no browser, no network in between)."""
    canvas = dash.fig.canvas
    send = canvas.send

    def browser(content, buffers=None):
        send(content, buffers)
        if json.loads(content.get("data", "{}")).get("type") == "draw":
            canvas._handle_message(None, {"type": "draw"}, [])

    canvas.send = browser
    canvas._handle_message(None, {"type": "initialized"}, [])
    canvas._handle_message(None, {"type": "refresh"}, [])


def count_draws(dash) -> tuple[list, list]:
    """From now on, count the dashboard's whole-figure draws and its panel redraws: two lists
    that grow by one entry a draw (a panel redraw's entry is whether it was done)."""
    canvas = dash.fig.canvas
    full: list = []
    panels: list = []
    draw = canvas.draw
    canvas.draw = lambda: (full.append(1), draw())[1]
    redraw_panels = dash._redraw_panels
    dash._redraw_panels = lambda: (lambda done: (panels.append(done), done)[1])(redraw_panels())
    return full, panels


def _dashboard_times(make, control: str, values: list) -> dict[str, float]:
    dash = make()
    as_if_shown(dash)  # the first frame (font cache, full PNG) is not what a learner waits for
    compute, redraw, update = [], [], []
    for i in range(REPEATS_UPDATE):
        value = values[i % len(values)]
        t0 = time.perf_counter()
        dash.set(**{control: value})  # what a slider move costs: model, frame, PNG diff
        update.append(time.perf_counter() - t0)
        compute.append(dash.timings["compute_s"])
        t1 = time.perf_counter()
        dash.fig.canvas.draw()  # the whole figure, as a move that rescales an axis draws it
        redraw.append(time.perf_counter() - t1)
    return {
        "compute_ms": 1e3 * statistics.median(compute),
        "redraw_ms": 1e3 * statistics.median(redraw),
        "update_ms": 1e3 * statistics.median(update),
    }


def _website_seconds() -> float | None:
    """Wall time of ``website/build.py`` into a scratch folder (None without Sphinx)."""
    import tempfile

    try:
        import sphinx  # noqa: F401
    except ImportError:
        return None
    with tempfile.TemporaryDirectory() as out:
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, str(ROOT / "website" / "build.py"), "--out", out],
            cwd=ROOT,
            check=True,
            capture_output=True,
            env={**os.environ, "MPLBACKEND": "Agg"},
        )
        return time.perf_counter() - t0


def _lesson_suite_seconds() -> float:
    """Wall time of strict nbval of every lesson as `make nbval` runs it (both cores)."""
    lessons = sorted(str(p) for p in (ROOT / "lessons").glob("[0-9][0-9]_*.ipynb"))
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n", "2", "--dist", "loadscope", "--nbval",
         "--nbval-current-env", "--nbval-sanitize-with", "lessons/sanitize.cfg", *lessons],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )  # fmt: skip
    return time.perf_counter() - t0


def _out_of_sample() -> list[tuple]:
    """The PBPK backbone's out-of-sample prediction of DE24 against the median predictor."""
    from nanoedu.models.pbpk import out_of_sample_delivery

    r = out_of_sample_delivery()
    return [
        (
            f"PBPK out of sample: held-back data sets within 3x (n = {r['n_test']})",
            "info",
            f"model {100 * r['within_3x_model']:.0f}% (median fold error "
            f"{r['median_fold_error_model']:.2f}); median predictor "
            f"{100 * r['within_3x_naive']:.0f}% ({r['median_fold_error_naive']:.2f})",
            True,
        )
    ]


def _kernel_peak_mb(lesson: pathlib.Path) -> float:
    """Peak resident memory of a kernel that ran the lesson top to bottom [MB]."""
    import nbclient
    import nbformat

    nb = nbformat.read(lesson, as_version=4)
    # VmHWM: this process's own peak resident memory (ru_maxrss would also count memory
    # inherited from the benchmark process that launched the kernel).
    nb.cells.append(
        nbformat.v4.new_code_cell(
            "print([int(line.split()[1]) for line in open('/proc/self/status') "
            "if line.startswith('VmHWM')][0])"
        )
    )
    nbclient.NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(lesson.parent)}}
    ).execute()
    return int(nb.cells[-1].outputs[0]["text"]) / 1024.0  # VmHWM is in kB


def _cohort_budget() -> list[tuple]:
    """Virtual cohort: 10,000 patients, full biodistribution at 100 times, against a
    per-patient solve_ivp loop (timed on 100 patients and scaled to 10,000)."""
    from scipy.integrate import solve_ivp

    from nanoedu import Cohort, virtual_cohort
    from nanoedu.models.pharmacokinetics import rate_matrix

    t = np.linspace(0.0, 48.0, 100)
    virtual_cohort(cohort=Cohort(n_patients=100), times_h=t)  # warm-up
    runs = []
    # Each timed run starts as a single call would: with no earlier 10,000-patient result
    # still held. Holding one makes the next run write its 65 MB result into fresh pages, which
    # on this virtual machine costs ~0.13 s of page faults on top of ~0.1 s of computation
    # (measured separately below and reported, not hidden).
    c = None
    for _ in range(5):
        c = None
        t0 = time.perf_counter()
        c = virtual_cohort(cohort=Cohort(n_patients=10000), times_h=t)
        runs.append(time.perf_counter() - t0)
    batch_s = statistics.median(runs)
    held = []
    for _ in range(3):
        t0 = time.perf_counter()
        held.append(virtual_cohort(cohort=Cohort(n_patients=10000), times_h=t))
        runs.append(time.perf_counter() - t0)
    held_s = statistics.median(runs[-3:])
    del held
    from nanoedu.models.pharmacokinetics import initial_state
    from nanoedu.models.theranostics import cohort_matrices, cohort_scaling

    p = c.parameters
    base = rate_matrix(p["particle"], p["patient"], p["tumour"])[0]
    K = cohort_matrices(
        base,
        cohort_scaling(p["particle"], p["patient"], p["tumour"]),
        p["permeability factor"][:100],
        p["phagocytic factor"][:100],
        p["tumour mass [g]"][:100],
    )
    x0 = initial_state()

    def loop_seconds(method: str) -> float:
        # solve_ivp on each patient, at the accuracy the exact solution is tested to (1e-6)
        t0 = time.perf_counter()
        for k in range(100):
            solve_ivp(
                lambda _t, x, A=K[k]: A @ x,
                (0.0, 48.0),
                x0,
                t_eval=t,
                method=method,
                rtol=1e-6,
                atol=1e-9,
            )
        return (time.perf_counter() - t0) * 100.0  # scaled to 10,000 patients

    rk45, lsoda = loop_seconds("RK45"), loop_seconds("LSODA")
    return [
        (
            "virtual cohort: 10,000 patients x 100 times",
            "<= 0.5 s",
            f"{batch_s:.3f} s",
            batch_s <= 0.5,
        ),
        (
            "virtual cohort: speed-up over a solve_ivp loop (default RK45)",
            ">= 100x",
            f"{rk45 / batch_s:.0f}x (loop ~{rk45:.0f} s)",
            rk45 / batch_s >= 100,
        ),
        (
            "  (the same, while earlier results are still held: time / speed-up)",
            "info",
            f"{held_s:.3f} s / {rk45 / held_s:.0f}x",
            True,
        ),
        (
            "  (for reference: over a loop with the stiff solver LSODA)",
            "-",
            f"{lsoda / batch_s:.0f}x (loop ~{lsoda:.0f} s)",
            True,
        ),
    ]


def _browser_latency() -> list[tuple]:
    """End-to-end latency in JupyterLab in Chromium: slider key press to the first redraw of the
    dashboard's canvas, against a bare ipympl figure of the same panel count in the same run
    (tests/test_browser.py measures both and writes benchmarks/results/latency.json; the
    accessibility results of the same run go to axe.json).

    The test runs BROWSER_RUNS times and each slider is judged by the median of its runs: its
    p50 over the bare figure's p50 of the same run, and its p90. One run cannot tell a slider
    at 0.5x from one at 0.6x on the 2-core machine: a slider's p50 ratio moves by 0.1 from run
    to run, and a few seconds when something else takes the CPU raised one slider's presses
    from 30-40 to 45-70 ms (lesson 06's diameter, 0.76x in a run where it read 0.46-0.54x in
    four others). The runs go to benchmarks/results/latency-runs.json.
    """
    import shutil
    import subprocess

    if os.environ.get("NANOEDU_BENCH_BROWSER") == "0":
        return [("browser latency", "-", "skipped (NANOEDU_BENCH_BROWSER=0)", True)]
    chromium = os.environ.get("NANOEDU_CHROMIUM", "/usr/bin/chromium")
    if not (shutil.which(chromium) or os.path.exists(chromium)):
        return [("browser latency", "-", f"not measured: no Chromium at {chromium}", True)]
    runs = []
    for _ in range(BROWSER_RUNS):
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "tests/test_browser.py",
            ],
            cwd=ROOT,
            env=dict(os.environ, MPLBACKEND="Agg", NANOEDU_REQUIRE_BROWSER="1"),
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            tail = (proc.stdout.strip().splitlines() or ["(no output)"])[-1]
            return [
                ("browser latency", "-", f"not measured: the browser test failed ({tail})", False)
            ]
        runs.append(json.loads((ROOT / "benchmarks" / "results" / "latency.json").read_text()))
    (ROOT / "benchmarks" / "results" / "latency-runs.json").write_text(json.dumps(runs, indent=1))
    return judge_latency(runs)


def judge_latency(runs: list[dict]) -> list[tuple]:
    """make bench's rows for the browser timings of one or more runs of tests/test_browser.py
    (each a latency.json): every slider judged by the median over the runs of its p90 and of
    its p50 against the bare figure of its panel count on its lesson's page in the same run."""
    rows = []
    # the bare figures were measured on each lesson's page: their median per panel count
    for n in sorted({n for data in runs for per in data["bare"].values() for n in per}):
        p50s = [per[n]["p50_ms"] for data in runs for per in data["bare"].values() if n in per]
        rows.append(
            (
                f"bare ipympl figure, {n} panel(s), on a lesson page: key press to redraw (p50)",
                "info",
                f"{statistics.median(p50s):.0f} ms (median of {len(p50s)} lesson pages)",
                True,
            )
        )
    # each slider's runs: the p50 ratio to its bare figure in that run, and the p90
    measured: dict[tuple, list] = {}
    for data in runs:
        for s in data["sliders"]:
            bare = data["bare"][s["lesson"]][str(s["panels"])]["p50_ms"]
            key = (s["lesson"], s["index"], s["dashboard"], s["slider"])
            measured.setdefault(key, []).append((s["p50_ms"] / bare, s["p90_ms"], s["p50_ms"]))
    sliders = {
        key: {
            "ratio": statistics.median(r for r, _, _ in m),
            "p90_ms": statistics.median(p for _, p, _ in m),
            "p50_ms": statistics.median(p for _, _, p in m),
            "ratios": sorted(r for r, _, _ in m),
        }
        for key, m in measured.items()
    }

    def within(s: dict) -> bool:
        return s["p90_ms"] < 100.0 and s["ratio"] <= 0.6

    # one row a dashboard: its slowest slider (p90) and its slowest against the bare figure
    # (p50). The budgets are judged here, not asserted by the browser test (docs/architecture.md,
    # "Budgets").
    by_dashboard: dict[tuple, dict] = {}
    for (lesson, index, title, slider), s in sliders.items():
        by_dashboard.setdefault((lesson, index, title), {})[slider] = s
    for (lesson, _, title), own in by_dashboard.items():
        slow = max(own, key=lambda n: own[n]["p90_ms"])
        far = max(own, key=lambda n: own[n]["ratio"])
        spread = own[far]["ratios"]
        rows.append(
            (
                f"{lesson[:2]} {title[:36]}: {len(own)} sliders, key press to redraw",
                "p90<100ms, p50<=0.6x",
                f"p90 {own[slow]['p90_ms']:.0f} ms ({slow[:20]}); p50 {own[far]['ratio']:.2f}x "
                f"({far[:20]}: {own[far]['p50_ms']:.0f} ms; runs {spread[0]:.2f}-{spread[-1]:.2f}x)",
                all(within(s) for s in own.values()),
            )
        )
    over = [
        f"{lesson[:2]}/{index} {slider[:16]} {s['ratio']:.2f}x"
        for (lesson, index, _, slider), s in sliders.items()
        if not within(s)
    ]
    rows.append(
        (
            f"every slider of every dashboard, median of {len(runs)} run(s): p90 and p50 "
            "both within budget",
            f"{len(sliders)} of {len(sliders)}",
            f"{len(sliders) - len(over)}" + (f" (over: {'; '.join(over)})" if over else ""),
            not over,
        )
    )
    return rows


def _slider_values(w) -> list[float]:
    """Values over a slider's whole range, low to high, as a learner drags it."""
    lo, hi = float(w.min), float(w.max)
    if hasattr(w, "base"):  # a logarithmic slider stores exponents
        return [float(v) for v in np.logspace(lo, hi, REPEATS_UPDATE)]
    return [float(v) for v in np.linspace(lo, hi, REPEATS_UPDATE)]


def _every_slider(name: str, make) -> list[dict]:
    """Every slider of a dashboard, moved over its whole range (REPEATS_UPDATE moves): the
    update a move costs in the kernel (model, frame, PNG diff), p50 and p90, and how many
    moves drew a panel again or the whole figure."""
    dash = make()
    as_if_shown(dash)
    full, panels = count_draws(dash)
    rows = []
    for control, w in dash.controls.items():
        if not (hasattr(w, "min") and hasattr(w, "max") and isinstance(w.value, float)):
            continue
        start, times, n_full, n_panels = w.value, [], len(full), sum(panels)
        for value in _slider_values(w):
            before = dash.result
            t0 = time.perf_counter()
            w.value = value  # as the slider sends it (a log slider's end is clamped)
            if dash.result is not before:  # not a value it had, or one the model refused
                times.append(1e3 * (time.perf_counter() - t0))
        w.value = start
        rows.append(
            {
                "dashboard": name,
                "slider": control,
                "p50_ms": float(np.percentile(times, 50)),
                "p90_ms": float(np.percentile(times, 90)),
                "full": len(full) - n_full,
                "panels": sum(panels) - n_panels,
            }
        )
    import matplotlib.pyplot as plt

    plt.close(dash.fig)
    return rows


def _first_slider(make) -> tuple[str, list[float]]:
    """The first slider of a dashboard and values spread over its whole range."""
    dash = make()
    try:
        for control, w in dash.controls.items():
            if hasattr(w, "min") and hasattr(w, "max") and isinstance(w.value, float):
                lo, hi = float(w.min), float(w.max)
                if hasattr(w, "base"):  # a logarithmic slider stores exponents
                    return control, [float(v) for v in np.logspace(lo, hi, REPEATS_UPDATE)]
                return control, [float(v) for v in np.linspace(lo, hi, REPEATS_UPDATE)]
    finally:
        import matplotlib.pyplot as plt

        plt.close(dash.fig)
    raise ValueError(f"{make.__name__} has no slider to measure.")


def main() -> int:
    from nanoedu import RELEASE_MODELS, ui

    # Every dashboard the package exports is measured: those below on the control a learner
    # moves most; one added later on its first slider, over the slider's whole range.
    dashboards = {name: getattr(ui, name) for name in ui.__all__ if name.endswith("_dashboard")}
    avidity_dashboard = dashboards["avidity_dashboard"]
    biodistribution_dashboard = dashboards["biodistribution_dashboard"]
    brain_dashboard = dashboards["brain_dashboard"]
    cohort_dashboard = dashboards["cohort_dashboard"]
    design_dashboard = dashboards["design_dashboard"]
    diffusion_dashboard = dashboards["diffusion_dashboard"]
    fitting_dashboard = dashboards["fitting_dashboard"]
    heating_dashboard = dashboards["heating_dashboard"]
    penetration_dashboard = dashboards["penetration_dashboard"]
    pressure_dashboard = dashboards["pressure_dashboard"]
    release_dashboard = dashboards["release_dashboard"]
    scanner_dashboard = dashboards["scanner_dashboard"]
    shuttle_dashboard = dashboards["shuttle_dashboard"]
    size_dashboard = dashboards["size_dashboard"]
    strategy_dashboard = dashboards["strategy_dashboard"]
    targeting_dashboard = dashboards["targeting_dashboard"]

    rows = []
    base = _import_time("import numpy, scipy.integrate")
    ours = _import_time("import nanoedu")
    ratio = ours / base
    rows.append(
        (
            "import nanoedu / import numpy, scipy.integrate",
            "<= 1.3x",
            f"{ratio:.2f}x ({1e3 * ours:.0f} ms / {1e3 * base:.0f} ms)",
            ratio <= 1.3,
        )
    )

    # Every update gets a value not seen before, as when a learner drags a slider, so that
    # no cache inside a dashboard can make its compute look cheaper than it is.
    def spread(lo: float, hi: float) -> list[float]:
        return [float(v) for v in np.geomspace(lo, hi, REPEATS_UPDATE)]

    def configured(make, **preset):
        def build():
            dash = make()
            dash.set(**preset)
            return dash

        return build

    chosen = [
        ("diffusion_dashboard", diffusion_dashboard, "diameter_nm", spread(10.0, 200.0)),
        ("size_dashboard", size_dashboard, "diameter_nm", spread(10.0, 200.0)),
        (
            "biodistribution_dashboard",
            biodistribution_dashboard,
            "diameter_nm",
            spread(10.0, 200.0),
        ),
        ("avidity_dashboard", avidity_dashboard, "affinity_nM", spread(1.0, 3e5)),
        ("penetration_dashboard", penetration_dashboard, "affinity_nM", spread(1.0, 3e5)),
        ("targeting_dashboard", targeting_dashboard, "affinity_nM", spread(1.0, 3e5)),
        ("brain_dashboard", brain_dashboard, "diameter_nm", spread(10.0, 200.0)),
        ("shuttle_dashboard", shuttle_dashboard, "affinity_nM", spread(1.0, 1e4)),
        ("pressure_dashboard", pressure_dashboard, "mass_g", spread(0.1, 3.0)),
        ("release_dashboard", release_dashboard, "temperature_c", spread(38.0, 44.0)),
        ("heating_dashboard", heating_dashboard, "duration_h", spread(0.25, 4.0)),
        ("fitting_dashboard", fitting_dashboard, "model", list(RELEASE_MODELS)),
        ("scanner_dashboard", scanner_dashboard, "injected_activity_MBq", spread(0.2, 50.0)),
        # The cohort's estimate is computed once per image-quality/timing preset (about 0.4-1 s
        # on first use, then kept); the threshold and dose sliders only re-read it. Measured on
        # the sliders, after one warm-up visit to the preset.
        ("cohort_dashboard", cohort_dashboard, "threshold_pct", spread(0.1, 4.0)),
        ("strategy_dashboard", strategy_dashboard, "max_dose_multiple", spread(1.0, 9.0)),
        # Options whose compute is heavier than the default are measured on their own: the
        # saturable liver integrates an ODE; the capstone's heat trigger adds two matrix
        # exponentials and the transferrin-receptor shuttle in a glioblastoma a plasma solve.
        (
            "biodistribution_dashboard, saturable on",
            configured(biodistribution_dashboard, saturable=True),
            "diameter_nm",
            spread(10.0, 200.0),
        ),
        ("design_dashboard", design_dashboard, "diameter_nm", spread(5.0, 200.0)),
        (
            "design_dashboard, liver + heat + antigen",
            configured(design_dashboard, trigger="heat", ligand="tumour antigen"),
            "diameter_nm",
            spread(50.0, 200.0),  # a heat-triggered liposome is 50 nm or larger
        ),
        (
            "design_dashboard, glioblastoma + TfR + pH",
            configured(
                design_dashboard, case="glioblastoma", ligand="transferrin receptor", trigger="pH"
            ),
            "affinity_nM",
            spread(0.1, 1000.0),
        ),
    ]
    listed = {row[0] for row in chosen}
    for name, make in dashboards.items():
        if name not in listed:
            chosen.append((name, make, *_first_slider(make)))
    for name, make, control, values in chosen:
        t = _dashboard_times(make, control, values)
        share = t["compute_ms"] / t["redraw_ms"]
        rows.append(
            (
                f"{name}: compute / redraw",
                "<= 20%",
                f"{100 * share:.1f}% ({t['compute_ms']:.2f} ms / {t['redraw_ms']:.1f} ms)",
                share <= 0.2,
            )
        )
        rows.append(
            (
                f"{name}: full update (median)",
                "<= 50 ms",
                f"{t['update_ms']:.1f} ms",
                t["update_ms"] <= 50.0,
            )
        )

    # Every slider of every dashboard above (the configured ones included), moved over its
    # whole range: the five slowest by p90 of the update a move costs in the kernel.
    sliders = []
    for name, make, _, _ in chosen:
        sliders += _every_slider(name, make)
    sliders.sort(key=lambda r: -r["p90_ms"])
    rows.append(
        (
            f"every slider ({len(sliders)}, {REPEATS_UPDATE} moves each): the five slowest",
            "-",
            "p90 of the update in the kernel: model, frame, PNG diff",
            True,
        )
    )
    for r in sliders[:5]:
        rows.append(
            (
                f"  {r['dashboard']} / {r['slider']}",
                "p50<=50ms",
                f"p50 {r['p50_ms']:.1f} ms, p90 {r['p90_ms']:.1f} ms ({r['panels']} panel, "
                f"{r['full']} full redraws)",
                r["p50_ms"] <= 50.0,
            )
        )

    suite_s = _lesson_suite_seconds()
    rows.append(
        (
            "whole lesson suite (strict nbval, make nbval)",
            "<= 90 s",
            f"{suite_s:.1f} s",
            suite_s <= 90.0,
        )
    )
    for lesson in sorted((ROOT / "lessons").glob("[0-9][0-9]_*.ipynb")):
        mb = _kernel_peak_mb(lesson)
        rows.append(
            (
                f"peak memory of the kernel running {lesson.name}",
                "<= 300 MB",
                f"{mb:.0f} MB",
                mb <= 300.0,
            )
        )

    site_s = _website_seconds()
    rows.append(
        (
            "course website build (website/build.py)",
            "<= 120 s",
            "not measured: Sphinx is not installed" if site_s is None else f"{site_s:.1f} s",
            site_s is None or site_s <= 120.0,
        )
    )
    rows.extend(_out_of_sample())
    rows.extend(_browser_latency())
    rows.extend(_cohort_budget())  # last: it holds 10,000 patients in memory

    w0 = max(len(r[0]) for r in rows)
    w2 = max(len(r[2]) for r in rows)
    print(f"{'measure'.ljust(w0)}  {'budget':9}  {'measured'.ljust(w2)}  verdict")
    for name, budget, measured, ok in rows:
        print(
            f"{name.ljust(w0)}  {budget:9}  {measured.ljust(w2)}  {('-' if budget in ('-', 'info') else ('met' if ok else 'OVER'))}"
        )
    print(
        f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
        f"matplotlib {matplotlib.__version__}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
