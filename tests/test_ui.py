"""Widget tests without a browser: controls from metadata, dashboards respond, quizzes explain."""

from __future__ import annotations

import math

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

from nanoedu import Ligand, Nanoparticle, biodistribution, targeted_biodistribution, ui
from nanoedu.parameters import fields_of
from nanoedu.ui import (
    MultipleChoice,
    NumericQuestion,
    avidity_dashboard,
    biodistribution_dashboard,
    brain_dashboard,
    check_exercise,
    cohort_dashboard,
    control_for,
    design_dashboard,
    diffusion_dashboard,
    fitting_dashboard,
    heating_dashboard,
    penetration_dashboard,
    pressure_dashboard,
    release_dashboard,
    scanner_dashboard,
    shuttle_dashboard,
    size_dashboard,
    strategy_dashboard,
    targeting_dashboard,
)

# Every dashboard the UI exports, so that a new one is tested without being listed here (the
# browser test finds them the same way).
DASHBOARDS = [getattr(ui, name) for name in ui.__all__ if name.endswith("_dashboard")]


def test_slider_range_is_the_parameter_bounds():
    p = Nanoparticle()
    meta = fields_of(p)
    s = control_for(p, "peg_coverage")
    assert isinstance(s, widgets.FloatSlider)
    assert (s.min, s.max) == meta["peg_coverage"].bounds and s.value == 0.8
    log = control_for(p, "diameter_nm")
    assert isinstance(log, widgets.FloatLogSlider)
    assert (10**log.min, 10**log.max) == pytest.approx(meta["diameter_nm"].bounds)
    assert "nm" in log.description and "source: design" in log.tooltip
    assert isinstance(control_for(p, "zwitterionic"), widgets.Checkbox)
    with pytest.raises(ValueError, match="no parameter 'size'"):
        control_for(p, "size")


def test_sliders_cannot_reach_invalid_values():
    s = control_for(Nanoparticle(), "peg_coverage")
    s.value = 5.0  # ipywidgets clamps to the bounds
    assert s.value == 1.0


@pytest.mark.parametrize(
    "make, line",
    [
        (diffusion_dashboard, "rms_plasma"),
        (size_dashboard, "mps_marker"),
        (biodistribution_dashboard, "Tumour"),
    ],
)
def test_moving_a_control_changes_readout_and_plotted_data(make, line):
    dash = make()
    fig_before = plt.get_fignums()
    before_readout = dash.readout
    before_y = np.array(dash.line_data(line)[1], dtype=float).copy()
    dash.controls["diameter_nm"].value = 150.0  # as a learner's slider would
    assert dash.params[next(k for k in dash.params if k == "particle")].diameter_nm == 150.0
    assert dash.readout != before_readout
    after_y = np.array(dash.line_data(line)[1], dtype=float)
    assert after_y.shape != before_y.shape or not np.allclose(after_y, before_y)
    assert plt.get_fignums() == fig_before  # updated in place, no new figure
    plt.close(dash.fig)


def test_set_drives_the_dashboard_and_moves_the_slider():
    dash = biodistribution_dashboard()
    dash.set(diameter_nm=150.0, peg_coverage=0.2)
    assert dash.controls["diameter_nm"].value == 150.0
    assert dash.controls["peg_coverage"].value == 0.2
    expected = biodistribution(
        Nanoparticle(diameter_nm=150.0, peg_coverage=0.2), times_h=np.linspace(0, 168, 169)
    )
    assert f"{expected['Tumour at 24 h [%ID]']:.3g} %ID" in dash.readout
    np.testing.assert_allclose(
        dash.line_data("Tumour")[1], np.maximum(expected["Tumour [%ID]"], 5e-4)
    )
    plt.close(dash.fig)


def test_set_rejects_bad_values_and_changes_nothing():
    dash = size_dashboard()
    before = dash.readout
    with pytest.raises(ValueError, match="diameter_nm = 5000 nm is out of range"):
        dash.set(diameter_nm=5000.0)
    with pytest.raises(ValueError, match="not a parameter"):
        dash.set(colour=3)
    assert dash.readout == before and dash.params["particle"].diameter_nm == 50.0
    plt.close(dash.fig)


def test_checkbox_switches_the_saturable_model():
    dash = biodistribution_dashboard()
    dash.set(dose_particles=1e13)
    linear = dash.result["Tumour at 24 h [%ID]"]
    dash.controls["saturable"].value = True
    assert dash.result.parameters["saturable"] is True
    assert dash.result["Tumour at 24 h [%ID]"] > linear
    assert "Saturable Kupffer uptake on" in dash.readout
    plt.close(dash.fig)


def test_zwitterionic_small_particle_moves_the_renal_cutoff_marker():
    dash = size_dashboard()
    dash.set(zwitterionic=True, diameter_nm=4.0)
    assert dash.artists["cutoff"].get_xdata()[0] == pytest.approx(5.5)
    assert "4 nm in blood" in dash.readout
    dash.set(zwitterionic=False, peg_coverage=0.0)
    assert "corona blocks all sizes" in dash.artists["renal_ax"].get_title().replace("\n", " ")
    plt.close(dash.fig)


def test_dashboard_plain_text_repr_is_its_readout():
    dash = diffusion_dashboard()
    bundle = dash._repr_mimebundle_()
    assert bundle["text/plain"].endswith(dash.readout)
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert dash.widget is dash.widget  # built once
    plt.close(dash.fig)


def test_every_axis_has_labels_with_units():
    for make in DASHBOARDS:
        dash = make()
        for ax in dash.fig.axes:
            assert ax.get_ylabel() and "[" in ax.get_ylabel(), (make.__name__, ax.get_ylabel())
            if not ax.patches:  # bar charts have named categories instead of an x quantity
                assert "[" in ax.get_xlabel(), (make.__name__, ax.get_xlabel())
        plt.close(dash.fig)


def test_multiple_choice_feedback_is_deterministic_and_explains():
    q = MultipleChoice(
        "Q?", ["a", "b", "c"], answer=2, why="Because.", hints=["H0", "", ""], shuffle=False
    )
    assert q.check(2) == "Correct. Because."
    assert q.check(0) == "Not quite. H0 Because."
    assert "Because." in q._feedback.value
    q._radio.value = "b"
    q._button.click()
    assert q.last_feedback == "Not quite. Because."
    with pytest.raises(ValueError, match="choice = 7"):
        q.check(7)
    with pytest.raises(ValueError, match="answer = 3"):
        MultipleChoice("Q?", ["a", "b"], answer=3, why="", shuffle=False)
    assert q._repr_mimebundle_()["text/plain"] == "Q?\n  (a) a\n  (b) b\n  (c) c"


def test_numeric_question_accepts_within_tolerance_only():
    q = NumericQuestion("How much?", answer=0.7, rel_tol=0.1, unit="%ID", why="Wilhelm 2016.")
    assert q.check(0.75).startswith("Correct: 0.7 %ID")
    # a wrong answer says only that it is outside the tolerance (no "too high": no bisection)
    assert q.check(1.0) == "Not quite: 1 %ID is not within 10% of the answer. 2 tries left."
    assert q.check(0.1) == "Not quite: 0.1 %ID is not within 10% of the answer. 1 try left."
    assert q.check(math.nan).startswith("Please enter a finite number")
    q._box.value = 0.69
    q._button.click()
    assert q.last_feedback.startswith("Correct")
    with pytest.raises(ValueError, match="rel_tol"):
        NumericQuestion("x", answer=1.0, rel_tol=2.0, unit="", why="")


def test_dashboards_refuse_non_parameter_inputs():
    from nanoedu import Ligand

    with pytest.raises(ValueError, match=r"particle must be a Nanoparticle .*not int 42"):
        diffusion_dashboard(particle=42)
    # a parameter set of the wrong kind, which used to fail only inside the model
    with pytest.raises(ValueError, match="particle must be a Nanoparticle .*not Ligand"):
        diffusion_dashboard(Ligand())
    with pytest.raises(TypeError, match="unexpected keyword argument 'patient'"):
        diffusion_dashboard(patient=None)


def test_a_declared_dashboard_has_its_title_controls_and_signature_without_being_built():
    import inspect

    from nanoedu import Nanoparticle
    from nanoedu.ui import dashboard_factory

    assert diffusion_dashboard.title.startswith("Diffusion")
    assert diffusion_dashboard.controls == ("diameter_nm", "temperature_c")
    assert list(inspect.signature(diffusion_dashboard).parameters) == ["particle", "conditions"]
    assert diffusion_dashboard.__doc__.startswith("Lesson 00")
    dash = diffusion_dashboard(Nanoparticle(diameter_nm=20.0), None)  # None: the default set
    assert dash.params["particle"].diameter_nm == 20.0
    assert (
        dash.params["conditions"]
        == inspect.signature(diffusion_dashboard).parameters["conditions"].default
    )
    plt.close(dash.fig)
    with pytest.raises(TypeError, match="needs a ParameterSet default"):

        @dashboard_factory(
            title="t",
            controls=[],
            compute=lambda **p: None,
            figure=lambda: (plt.figure(), {}),
            update=lambda a, r: None,
            readout=lambda r: "",
        )
        def broken(particle=None):
            """No default set."""


def test_the_shuttle_dashboard_shows_the_models_numbers_after_any_move():
    # a K_D move runs the chosen K_D alone and reuses the sweep of the same particle, barrier
    # and shuttle (barrier_dashboards._SWEEPS): every number is still brain_delivery's, sweep
    # included, after moves of each control in turn
    from nanoedu.models.barriers import brain_delivery
    from nanoedu.ui.barrier_dashboards import _KD_GRID

    dash = shuttle_dashboard()
    moves = [
        ("affinity_nM", 3.0),
        ("dose_particles", 1e13),
        ("affinity_nM", 300.0),
        ("bivalent", False),
        ("affinity_nM", 0.5),
        ("dose_particles", 1e12),
        ("affinity_nM", 30.0),
    ]
    for control, value in moves:
        dash.controls[control].value = value
        p = dash.params
        want = brain_delivery(
            p["particle"],
            p["bbb"],
            p["shuttle"].replace(shuttle_on=True),
            affinities_nM=_KD_GRID,
        )
        got = dash.result
        assert list(got.values) == list(want.values), control
        for k, v in want.values.items():
            np.testing.assert_allclose(got[k], v, rtol=1e-12, atol=0, err_msg=f"{control}: {k}")
        assert got.metrics == pytest.approx(want.metrics, rel=1e-12), control
    plt.close(dash.fig)


@pytest.mark.parametrize(
    "make, control, value, line",
    [
        (avidity_dashboard, "affinity_nM", 1e5, "multi"),
        (penetration_dashboard, "affinity_nM", 3e5, "t24"),
        (targeting_dashboard, "ligands_per_particle", 5.0, "t:Tumour: inside cancer cells"),
        (brain_dashboard, "ultrasound_on", True, "brain"),
        (shuttle_dashboard, "dose_particles", 1e12, "sweep"),
        (pressure_dashboard, "mass_g", 0.1, "p"),
        (release_dashboard, "temperature_c", 39.0, "s_here"),
        (heating_dashboard, "duration_h", 3.0, "t:triggered carrier"),
        (fitting_dashboard, "model", "Korsmeyer-Peppas", "fit"),
        (scanner_dashboard, "label", "89Zr", "meas"),
        (cohort_dashboard, "image_quality", "low counts", "roc"),
    ],
)
def test_targeting_dashboards_respond_to_their_controls(make, control, value, line):
    dash = make()
    before_readout = dash.readout
    before_y = np.array(dash.line_data(line)[1], dtype=float).copy()
    figs = plt.get_fignums()
    dash.controls[control].value = value
    assert dash.readout != before_readout
    assert not np.allclose(np.array(dash.line_data(line)[1], dtype=float), before_y)
    assert plt.get_fignums() == figs
    plt.close(dash.fig)


def test_targeting_dashboard_readout_is_the_model():
    dash = targeting_dashboard()
    dash.set(ligands_per_particle=10.0, affinity_nM=100.0)
    r = targeted_biodistribution(ligand=Ligand(ligands_per_particle=10.0, affinity_nM=100.0))
    assert f"targeted {r['Tumour at 24 h [%ID]']:.3g} %ID" in dash.readout
    plt.close(dash.fig)


def test_penetration_dashboard_readout_is_the_model():
    from nanoedu import penetration

    dash = penetration_dashboard()
    dash.set(dose_particles=1e13)
    r = penetration(
        particle=dash.params["particle"], times_h=(1.0, 6.0, 24.0), n_cells=25, rtol=1e-4
    )
    share = r["Tumour volume with >= 1 particle per cell [1]"]
    assert f"{100 * share:.0f}%" in dash.readout
    plt.close(dash.fig)


def test_brain_dashboard_readout_is_the_model():
    from nanoedu import FocusedUltrasound, brain_delivery

    dash = brain_dashboard()
    dash.set(ultrasound_on=True, diameter_nm=20.0)
    r = brain_delivery(Nanoparticle(diameter_nm=20.0), fus=FocusedUltrasound(ultrasound_on=True))
    assert f"{r['Brain at 24 h [%ID/g]']:.3g} %ID/g" in dash.readout
    assert "focused ultrasound" in dash.readout
    plt.close(dash.fig)


@pytest.mark.parametrize("make", DASHBOARDS, ids=lambda f: f.__name__)
def test_every_control_works_at_both_ends_of_its_range(make):
    # A learner can drag any slider to either end: the dashboard must update, never raise
    # (an exception in a callback leaves a frozen widget in the browser).
    dash = make()
    for name, w in dash.controls.items():
        if isinstance(w, widgets.Checkbox):
            ends = [not w.value, w.value]
        elif isinstance(w, widgets.ToggleButtons):
            ends = list(w.options)
        elif isinstance(w, widgets.FloatLogSlider):
            ends = [10**w.min, 10**w.max]
        else:
            ends = [w.min, w.max]
        start = w.value
        for v in ends:
            before = dash.readout
            w.value = v
            assert "Invalid input" not in dash._readout_html.value, (name, v)
            assert dash.readout and dash.readout != "" and before is not None
            for line in dash.fig.axes[0].get_lines():
                assert np.all(np.isfinite(np.asarray(line.get_ydata(), dtype=float))), (name, v)
        w.value = start
    plt.close(dash.fig)


def test_threshold_moves_the_roc_operating_point_and_strategy_bars():
    dash = cohort_dashboard()
    before = np.array(dash.line_data("op")[0], dtype=float).copy()
    dash.set(threshold_pct=2.0)
    assert not np.allclose(np.array(dash.line_data("op")[0], dtype=float), before)
    plt.close(dash.fig)
    strat = strategy_dashboard()
    heights = [b.get_height() for b in strat.artists["reach target"]]
    strat.set(max_dose_multiple=6.0)
    assert [b.get_height() for b in strat.artists["reach target"]] != heights
    plt.close(strat.fig)


def test_design_dashboard_readout_is_the_model_and_tries_are_recorded():
    from nanoedu import Design, PatientCase, evaluate_design

    dash = design_dashboard()
    dash.set(case="glioblastoma", ligand="transferrin receptor", affinity_nM=1.0)
    m = evaluate_design(
        Design(ligand="transferrin receptor", affinity_nM=1.0), PatientCase(case="glioblastoma")
    ).metrics
    assert f"Score: {m['Score [0-100]']:.1f} / 100" in dash.readout
    assert f"rank correlation {m['Image-outcome rank correlation [1]']:.2f}" in dash.readout
    heights = [b.get_height() for b in dash.artists["parts"]]
    assert heights == pytest.approx(
        [
            m["Delivery part [1]"],
            m["Release part [1]"],
            m["Off-target part [1]"],
            m["Prediction part [1]"],
        ]
    )
    assert "No tries recorded yet" in dash.tries_table()
    widget = dash.widget
    assert dash._button in widget.children and dash._table_html in widget.children
    dash._button.click()  # what the learner's click does
    dash.set(case="liver metastasis", trigger="heat")
    row = dash.record()
    assert len(dash.tries) == 2 and row["trigger"] == "heat" and row["case"] == "liver metastasis"
    table = dash.tries_table().splitlines()
    assert len(table) == 3 and "glioblastoma" in table[1] and "heat" in table[2]
    best = max(range(2), key=lambda i: dash.tries[i]["score"])
    assert table[best + 1].lstrip().startswith(f"{best + 1}*")
    assert "heat" in dash._table_html.value
    plt.close(dash.fig)


def test_design_dashboard_says_when_a_choice_has_no_effect():
    dash = design_dashboard()
    dash.set(case="glioblastoma", trigger="heat")
    assert "offers no heating" in dash.readout
    dash.set(affinity_nM=100.0)
    assert "affinity and ligand sliders change nothing" in dash.readout
    plt.close(dash.fig)


def test_an_invalid_combination_is_explained_and_the_control_moves_back():
    dash = design_dashboard()
    dash.set(trigger="heat", diameter_nm=100.0)
    before = dash.readout
    dash.controls["diameter_nm"].value = 10.0  # a heat-triggered liposome cannot be 10 nm
    assert "Invalid input" in dash._readout_html.value
    assert "thermosensitive liposome" in dash._readout_html.value
    assert dash.controls["diameter_nm"].value == pytest.approx(100.0)
    assert dash.params["design"].diameter_nm == 100.0 and dash.readout == before
    dash.controls["trigger"].value = "pH"
    dash.controls["diameter_nm"].value = 10.0
    assert dash.params["design"].diameter_nm == pytest.approx(10.0)
    plt.close(dash.fig)


def test_multiple_choice_shuffles_stably_and_keeps_answer_and_hints_with_their_option():
    from nanoedu.ui.quiz import shuffled_order

    opts, hints = ["right", "w1", "w2", "w3"], ["", "h1", "h2", "h3"]
    q = MultipleChoice("Which?", opts, answer=0, why="W.", hints=hints)
    order = shuffled_order("Which?", 4)
    assert q.options == [opts[i] for i in order]
    assert q.options[q.answer] == "right"
    assert q.check(q.answer) == "Correct. W."
    wrong = q.options.index("w2")
    assert q.check(wrong) == "Not quite. h2 W."
    again = MultipleChoice("Which?", opts, answer=0, why="W.", hints=hints)
    assert again.options == q.options  # stable across runs
    seeds = {tuple(MultipleChoice("Which?", opts, 0, "W.", seed=s).options) for s in range(6)}
    assert len(seeds) > 1  # the seed picks another order


def test_prediction_locks_once_reveals_gated_widgets_and_compares():
    import ipywidgets as widgets

    from nanoedu.ui import Prediction

    p = Prediction("Tumour at 24 h?", answer=0.36, unit="%ID", why="The liver wins the race.")
    gated = widgets.HTML("dashboard")
    assert p.unlocks(gated) is gated and gated.layout.display == "none"
    line = p.compare()
    assert "Lock in your prediction" in line._repr_mimebundle_()["text/plain"]
    assert "0.36" not in p._repr_mimebundle_()["text/plain"]  # the static view never shows it
    # bad input: a friendly message, nothing locked, nothing revealed
    for bad in ("", "lots", "3 mm", float("nan"), [1, 2], True):
        msg = p.lock(bad)
        assert msg.startswith(("Please", "The answer is asked in")), (bad, msg)
        assert p.value is None and gated.layout.display == "none"
    p._input.value = "3 %ID"
    p._button.click()
    assert p.value == 3.0 and gated.layout.display is None
    assert p._input.disabled and p._button.disabled
    assert line.widget.value.count("8.3 times too high") == 1
    assert p.comparison_text() == (
        "You predicted 3 %ID; the model gives 0.36 %ID: 8.3 times too high. The liver wins the race."
    )
    assert p.lock("0.4").startswith("Already locked in: 3 %ID")
    close = Prediction("x?", answer=10.0, unit="nm", why="")
    close.lock(11)
    assert "within 25%" in close.comparison_text()


def test_a_held_dashboard_has_no_readout_on_the_page_until_the_lock():
    from nanoedu.ui import Prediction, diffusion_dashboard

    d = diffusion_dashboard()
    p = Prediction("D at 20 nm?", answer=2.0, unit="um^2/ms", why="Stokes-Einstein.")
    assert d.readout and d.readout.splitlines()[0] in d._readout_html.value
    p.unlocks(d)
    # not merely hidden: the readout's text is not in the page (a browser's DOM) at all
    assert (
        d.widget.layout.display == "none" and d.readout.splitlines()[0] not in d._readout_html.value
    )
    d.set(diameter_nm=40.0)  # a move while held back (a lesson's code may set it)
    assert d.readout.splitlines()[0] not in d._readout_html.value
    # displayed while held back: an empty box, which receives the dashboard at the lock
    bundle = d._repr_mimebundle_()
    assert d._holder is not None and d._holder.children == ()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == d._holder.model_id
    p.lock(3.0)
    assert d.widget.layout.display is None and d._holder.children == (d.widget,)
    assert d.readout.splitlines()[0] in d._readout_html.value
    assert d.readout.splitlines()[0] in d._repr_mimebundle_()["text/plain"]
    plt.close(d.fig)


def test_choice_prediction_and_its_errors():
    from nanoedu.ui import Prediction

    p = Prediction("Faster?", answer=1, choices=["10 nm", "100 nm"], why="D falls with size.")
    assert p.lock(5).startswith("Pick one of the 2 options")
    p._button.click()
    assert p.last_feedback == "Choose an option first."
    p._input.value = "100 nm"
    p._button.click()
    assert p.comparison_text().startswith('You predicted "100 nm"; the model agrees.')
    with pytest.raises(ValueError, match="either unit"):
        Prediction("x", answer=1.0, why="")
    with pytest.raises(ValueError, match="choice index"):
        Prediction("x", answer=2, choices=["a", "b"], why="")
    with pytest.raises(ValueError, match="finite number"):
        Prediction("x", answer=float("inf"), unit="nm", why="")


def test_every_exercise_checker_accepts_the_models_answer_and_never_reveals_it():
    from nanoedu.course import LESSONS, exercise
    from nanoedu.course.exercises import _TRIES

    for key in LESSONS:
        ex = exercise(key)
        _TRIES.clear()  # one wrong try per part below: the answer is never shown
        truth = ex.solve()
        assert check_exercise(key, **truth).all_right, key
        blank = check_exercise(key, **{n: ... for n in ex.names()})
        assert "not filled in yet" in blank.text and not blank.right
        for part in ex.parts:
            wrong = dict(truth)
            if part.kind == "choice":
                wrong[part.name] = next(o for o in part.options if o != truth[part.name])
            else:
                wrong[part.name] = truth[part.name] * 10.0
            fb = check_exercise(key, **wrong)
            assert part.name not in fb.right and "Hint:" in fb.text, (key, part.name)
            shown = f"{truth[part.name]:.4g}" if part.kind != "choice" else ""
            if len(shown) >= 3:  # (a one-digit value like 5 nm also appears in ordinary text)
                assert shown not in fb.text, (key, part.name)
            # wrong form: a friendly sentence, never an exception
            odd = check_exercise(key, **{**truth, part.name: {"a": 1}})
            assert "should be" in odd.text, (key, part.name)
    with pytest.raises(ValueError, match="has no exercise"):
        check_exercise("99")


def test_a_field_two_parameter_sets_share_must_be_named_with_its_set():
    from nanoedu import Ligand, TfRShuttle
    from nanoedu.ui import Dashboard

    def make(controls):
        return Dashboard(
            title="t",
            params={"ligand": Ligand(), "shuttle": TfRShuttle()},
            controls=controls,
            compute=lambda ligand, shuttle: (ligand.affinity_nM, shuttle.affinity_nM),
            figure=lambda: (plt.figure(), {}),
            update=lambda a, r: None,
            readout=lambda r: f"ligand {r[0]:g} nM, shuttle {r[1]:g} nM",
        )

    with pytest.raises(ValueError, match="'ligand.affinity_nM' or 'shuttle.affinity_nM'"):
        make(["affinity_nM"])
    dash = make(["shuttle.affinity_nM"])
    with pytest.raises(ValueError, match="say which"):
        dash.set(affinity_nM=3.0)
    dash.set(**{"shuttle.affinity_nM": 3.0})
    assert dash.readout == f"ligand {Ligand().affinity_nM:g} nM, shuttle 3 nM"
    assert dash.controls["shuttle.affinity_nM"].value == 3.0
    dash.set(**{"ligand.affinity_nM": 7.0})
    assert dash.result[0] == 7.0 and dash.controls["shuttle.affinity_nM"].value == 3.0
    dash.set(ligands_per_particle=5.0)  # a field only one set has needs no prefix
    assert dash.params["ligand"].ligands_per_particle == 5.0
    plt.close(dash.fig)


def test_no_title_runs_past_its_axes_and_every_label_says_what_a_learner_needs():
    from nanoedu.ui.controls import LABELS

    for make in DASHBOARDS:
        dash = make()
        fig = dash.fig
        fig.canvas.draw()
        r = fig.canvas.get_renderer()
        for ax in fig.axes:
            if ax.get_title():
                title, box = ax.title.get_window_extent(r), ax.get_window_extent(r)
                assert title.width <= box.width * 1.1, (make.__name__, ax.get_title())
                assert fig.bbox.x0 - 1 <= title.x0 and title.x1 <= fig.bbox.x1 + 1
        for name, w in dash.controls.items():
            label = w.description
            # no unit repeated in the words ("radius mm [mm]"), no "affinity" for a K_D
            words = label.split("[")[0].split()
            assert not any(u in words for u in ("mm", "nm", "pct", "MBq", "h", "g")), label
            if name.endswith("affinity_nM"):
                assert label.startswith("K_D") and "tighter" in label
            assert name.split(".")[-1] in LABELS or "_" not in label, label
        plt.close(fig)


def test_curves_of_a_panel_differ_in_grey_or_in_line_style_or_marker():
    # readable in grey-scale print and without colour vision: two curves of different colour
    # whose grey levels are close must differ in line style, marker or width
    from matplotlib.colors import to_rgb

    from nanoedu.ui.style import _luminance

    for make in DASHBOARDS:
        dash = make()
        for ax in dash.fig.axes:
            lines = [
                ln
                for ln in ax.get_lines()
                if len(ln.get_xdata()) != 1 and ln.get_linestyle() not in ("None", " ", "")
            ]
            for i, a in enumerate(lines):
                for b in lines[i + 1 :]:
                    if to_rgb(a.get_color()) == to_rgb(b.get_color()):
                        continue
                    if abs(_luminance(a.get_color()) - _luminance(b.get_color())) >= 0.15:
                        continue
                    look = lambda ln: (str(ln.get_linestyle()), ln.get_marker(), ln.get_linewidth())  # noqa: E731
                    assert look(a) != look(b), (make.__name__, a.get_label(), b.get_label())
        plt.close(dash.fig)


def test_every_percent_of_dose_readout_names_the_body_it_describes():
    """A %ID figure means nothing without its body: every dashboard whose readout shows %ID
    says which (the default mouse, or the patient the dashboard was given)."""
    from nanoedu import Patient
    from nanoedu.ui import biodistribution_dashboard

    seen = 0
    for make in DASHBOARDS:
        dash = make()
        if "%ID" in dash.readout:
            seen += 1
            assert "in a 25 g mouse" in dash.readout, dash.title
        plt.close(dash.fig)
    assert seen >= 5
    human = biodistribution_dashboard(patient=Patient.preset("human"))
    assert "in a 70 kg human" in human.readout
    plt.close(human.fig)


def test_a_slider_can_be_narrower_than_its_field_but_not_wider():
    from nanoedu import Tumour
    from nanoedu.ui.controls import control_for

    w = control_for(Tumour(), "mass_g", (0.05, 3.0))
    assert (w.min, w.max) == (0.05, 3.0)
    with pytest.raises(ValueError, match="mass_g"):
        control_for(Tumour(), "mass_g", (0.05, 1000.0))
