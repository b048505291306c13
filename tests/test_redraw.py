"""Dashboards redraw by blitting under ipympl: only the artists an update moves are drawn on a
kept background (a panel whose axis limits or title changed is redrawn alone), and the frame
is the one a full draw would give. Every slider of every dashboard is moved.

Run in a subprocess with the ipympl backend (the rest of the suite uses Agg, where a dashboard
shows a PNG instead of a live canvas).
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

import pytest

#: Moves per slider: six for a dashboard's first slider, the third and the last frame compared
#: with a full draw's; three for each other one, the last frame compared (as in the browser,
#: five slider steps a move, walking one way: the moves a learner's key presses make). A
#: stale or missing artist stays in every later frame, so the frames compared catch one made
#: at any move before them; each comparison costs two full draws, and comparing every frame
#: of the first sliders doubled the test's time (it runs in every leg of the version matrix).
FIRST_MOVES, OTHER_MOVES = 6, 3

_SCRIPT = r"""
import json
import math
import numpy as np
import sys
from matplotlib.backends.backend_agg import FigureCanvasAgg
import nanoedu.ui as ui
from nanoedu.models.design import PatientCase
sys.path.insert(0, "benchmarks")
from run import as_if_shown, count_draws

FIRST_MOVES, OTHER_MOVES = int(sys.argv[1]), int(sys.argv[2])

def frame(fig):
    return np.asarray(fig.canvas.get_renderer().buffer_rgba()).astype(int)

def browser_view(canvas):
    # What the browser shows: each PNG the canvas sends, drawn as ipympl draws it, at the top
    # left corner, a "full" one on a cleared canvas, a "diff" one over the last (its
    # transparent pixels keep what was there)
    import io
    from PIL import Image
    shown = {"image": None}
    send_binary = canvas.send_binary
    def receive(data):
        png = np.asarray(Image.open(io.BytesIO(data)).convert("RGBA")).astype(int)
        if canvas._current_image_mode == "full" or shown["image"] is None:
            shown["image"] = png.copy()
        else:
            part = shown["image"][: png.shape[0], : png.shape[1]]
            drawn = png[..., 3] > 0
            part[drawn] = png[drawn]
        return send_binary(data)
    canvas.send_binary = receive
    return shown

def brain_design():
    # lesson 07's second designer: a transferrin-receptor particle in a glioblastoma, whose
    # cohort panel rescales at almost every move of the size slider
    d = ui.design_dashboard(case=PatientCase(case="glioblastoma"))
    d.set(ligand="transferrin receptor", affinity_nM=1.0, ligands_per_particle=1.0)
    return d

builds = {n: getattr(ui, n) for n in ui.__all__ if n.endswith("_dashboard")}
builds["design_dashboard, glioblastoma + transferrin receptor"] = brain_design

def walk(control, moves):
    # five steps of the slider per move, one way until an end, then back
    log = hasattr(control, "base")
    at = math.log10(control.value) if log else control.value
    up, out = True, []
    for _ in range(moves):
        if at + 5 * control.step > control.max:
            up = False
        elif at - 5 * control.step < control.min:
            up = True
        at += 5 * control.step if up else -5 * control.step
        out.append(10 ** at if log else at)
    return out

out = {}
for name, build in builds.items():
    d = build()
    canvas = d.fig.canvas
    full, panels = count_draws(d)
    shown = browser_view(canvas)
    as_if_shown(d)  # a browser showing it answers each "draw" request (as make bench does)
    full.clear()
    sliders = [(c, w) for c, w in d.controls.items() if hasattr(w, "max")]
    for k, (control, w) in enumerate(sliders):
        n_full, n_panels, worst, unlike = len(full), sum(panels), 0.0, 0
        values = walk(w, FIRST_MOVES if k == 0 else OTHER_MOVES)
        for i, value in enumerate(values):
            w.value = value
            if i != len(values) - 1 and not (k == 0 and i == len(values) // 2 - 1):
                continue  # compared: the last frame, and the first slider's middle one
            live = frame(d.fig)
            unlike += int((shown["image"] != live).any(axis=2).sum())
            for a in d._moving:
                a.set_animated(False)
            FigureCanvasAgg.draw(canvas)  # the reference: everything drawn in one pass
            ref = frame(d.fig)
            for a in d._moving:
                a.set_animated(True)
            canvas.draw()  # back to a kept background (counts as a full draw: subtracted below)
            full.pop()
            worst = max(worst, float((np.abs(live - ref).max(axis=2) > 64).mean()))
        out[f"{name}: {control}"] = {
            "moves": len(values),
            "full": len(full) - n_full,
            "panels": sum(panels) - n_panels,
            "worst": worst,
            "unlike_browser": unlike,
        }
    # a limit of one panel changes (as an axis that follows the data rescales): that panel
    # alone is drawn again, and the frame is the full draw's
    ax = d.fig.axes[0]
    n_full, n_panels = len(full), sum(panels)
    ax.set_xlim(*ax.get_xlim()[::-1])
    d.update()
    live = frame(d.fig)
    for a in d._moving:
        a.set_animated(False)
    FigureCanvasAgg.draw(canvas)
    ref = frame(d.fig)
    for a in d._moving:
        a.set_animated(True)
    canvas.draw()
    full.pop()
    after_xlim = {
        "full": len(full) - n_full,
        "panels": sum(panels) - n_panels,
        "worst": float((np.abs(live - ref).max(axis=2) > 64).mean()),
    }
    # a change outside every panel (the figure's own colour) draws the whole figure
    n_full = len(full)
    d.fig.patch.set_facecolor("#fffffe")
    d.update()
    out[name] = {"after_xlim": after_xlim, "full_after_facecolor": len(full) - n_full}
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def redraws() -> dict:
    env = {**os.environ, "MPLBACKEND": "module://ipympl.backend_nbagg"}
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(FIRST_MOVES), str(OTHER_MOVES)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=pathlib.Path(__file__).resolve().parents[1],
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _sliders(redraws: dict) -> dict:
    return {k: v for k, v in redraws.items() if "moves" in v}


def _dashboards(redraws: dict) -> dict:
    return {k: v for k, v in redraws.items() if "after_xlim" in v}


def test_every_dashboard_and_every_slider_is_measured(redraws):
    from conftest import dashboard_titles

    import nanoedu.ui as ui

    assert len(_dashboards(redraws)) == len(dashboard_titles()) + 1  # + the brain design
    for name in (n for n in ui.__all__ if n.endswith("_dashboard")):
        d = getattr(ui, name)()
        sliders = [c for c, w in d.controls.items() if hasattr(w, "max")]
        assert all(f"{name}: {c}" in redraws for c in sliders), (name, sliders)


def test_no_slider_move_draws_the_whole_figure(redraws):
    # a move blits the moving artists, or redraws the one panel whose axis rescaled (10-13
    # ms); the whole figure (30-40 ms) at most once a slider
    slow = {name: r["full"] for name, r in _sliders(redraws).items() if r["full"] > 1}
    assert not slow, f"full redraws on a slider's moves: {slow}"


def test_a_blitted_frame_is_the_frame_a_full_draw_gives(redraws):
    # antialiasing may differ by a few levels at a curve's edge; a missing or stale artist
    # changes whole curves (thousands of pixels by >64 levels)
    bad = {name: r["worst"] for name, r in _sliders(redraws).items() if r["worst"] > 1e-3}
    assert not bad, f"share of pixels off by > 64 levels: {bad}"


def test_the_browser_shows_the_frame_the_kernel_drew(redraws):
    # the PNGs sent (full frames, and diffs cut after their last changed row and column),
    # drawn as ipympl draws them, give the kernel's frame pixel for pixel
    bad = {n: r["unlike_browser"] for n, r in _sliders(redraws).items() if r["unlike_browser"]}
    assert not bad, f"pixels the browser shows differently from the kernel's frame: {bad}"


def test_a_change_in_one_panel_redraws_that_panel_alone(redraws):
    for name, r in _dashboards(redraws).items():
        after = r["after_xlim"]
        assert (after["full"], after["panels"]) == (0, 1), (name, after)
        assert after["worst"] <= 1e-3, (name, after)


def test_a_change_outside_the_panels_draws_the_whole_figure(redraws):
    assert all(r["full_after_facecolor"] == 1 for r in _dashboards(redraws).values()), redraws
