"""Lesson 03: its predictions, concept checks and exercise (see ``nanoedu.course``)."""

from __future__ import annotations

from functools import cache
from typing import Any

from ..content import Check, Exercise, Option, Part, PredictionText

PREDICTIONS: dict[str, PredictionText] = {
    "extracted": PredictionText(
        question="Brain blood flow is about 60 mL/h per gram, an antibody's PS about 6e-4 mL/h "
        "per gram. What fraction of the antibody is extracted in one pass?",
        why="E = 1 - exp(-PS/F), which is close to PS/F = {ps_over_f:.1g} when PS << F: the "
        "uptake is permeability-limited, and faster blood flow would not help.",
        unit="",
        rel_tol=0.1,
    ),
    "route": PredictionText(
        question="For a 50 nm particle, which raises brain uptake at 24 h more?",
        why="The shuttle, in this model: it rides the transferrin receptor's own vesicles for as "
        "long as the particle circulates, and gives {shuttle_gain:.0f} times passive entry at "
        "24 h. Ultrasound raises the brain's content up to {fus_peak:.0f} times passive while the "
        "gaps are open, but they close within hours and what got in leaves again: "
        "{fus_gain:.1f} times passive at 24 h. Read the shuttle's gain as an upper bound: its "
        "transport is calibrated on an antibody (8D3, Lee et al. 2000), and the data on "
        "nanoparticles carried by the receptor are far weaker. A 200 nm particle fits neither a "
        "vesicle nor the opened gaps: nothing gets it in.",
        choices=("the transferrin-receptor shuttle", "focused ultrasound"),
    ),
    "affinity": PredictionText(
        question="At the default therapeutic dose of a monovalent antibody, which K_D delivers "
        "most into brain tissue at 24 h?",
        why="An intermediate affinity: tight binders are carried across but stay stuck to the "
        "receptor and are sorted away; loose ones are rarely bound in the first place (Yu et al. "
        "2011). At a trace dose the receptors are not saturated and tighter binding pays.",
        unit="nM",
        rel_tol=0.5,
    ),
    "core": PredictionText(
        question="The tumour's vessels become ten times leakier (L_p x 10). Its core pressure:",
        why="It barely changes ({change:+.1%}): the core of a large tumour is already at the "
        "vessels' effective pressure, so no pressure difference is left to push more fluid in. "
        "Leakier vessels steepen the fall at the rim instead, where fluid streams out (Baxter & "
        "Jain 1989).",
        choices=("rises clearly (> 5%)", "barely changes (within 5%)", "falls clearly (> 5%)"),
    ),
}

CHECKS: dict[str, Check] = {
    "tight_shuttle": Check(
        question="Why does an anti-transferrin-receptor antibody with very high affinity deliver "
        "little into brain tissue?",
        options=(
            Option(
                "It is too large to slip through the tight junctions between endothelial cells",
                "No antibody passes the tight junctions, whatever its affinity: a shuttle goes "
                "through the endothelial cell. A lower-affinity version of the same antibody, "
                "just as large, gets more into the brain (Yu et al. 2011).",
                misconception="the blood-brain barrier is a size filter between its cells",
            ),
            Option(
                "It crosses, but does not let go of the receptor on the brain side",
                "Yes: release on the brain side matters as much as binding on the blood side; a "
                "tight binder stays on the receptor and goes back to the blood with it or to the "
                "lysosome (Yu et al. 2011; Niewoehner et al. 2014).",
            ),
            Option(
                "Once it binds, the receptor is no longer taken into the cell",
                "The receptor carries its cargo into and across the cell whatever the affinity "
                "(the model's transcytosis rate is the same for every binder); the trouble is on "
                "the far side, where a tight binder does not let go.",
                misconception="tight binding stops the receptor's own transport",
            ),
        ),
        answer=1,
        seed=4,
        why="Transcytosis needs both binding on the blood side and release on the brain side; "
        "tight binders release slowly and are sorted away (Yu et al. 2011; Niewoehner et al. "
        "2014).",
    ),
    "bivalent": Check(
        question="A two-armed (bivalent) anti-transferrin-receptor antibody and a one-armed "
        "(monovalent) one with the same K_D per arm: which puts more into brain tissue?",
        options=(
            Option(
                "The two-armed one: two arms hold the receptor more firmly",
                "Holding on is what goes wrong on the brain side: both arms must let go before "
                "the antibody is released, and receptors cross-linked by two arms are sent to "
                "the lysosome faster.",
                misconception="more binding arms always mean more delivery",
            ),
            Option(
                "The one-armed one: it lets go more easily on the brain side",
                "Yes: a bivalent binder leaves only when both arms have let go without the "
                "second rebinding, and cross-linked receptors are sorted to lysosomes twice as "
                "fast (Niewoehner et al. 2014).",
            ),
            Option(
                "Both the same: the receptor alone sets how fast transport goes",
                "The receptor crosses at the same rate, but what is released on the brain side "
                "depends on the binder: the second arm rebinds, and cross-linked receptors are "
                "sorted to lysosomes faster.",
                misconception="the receptor alone sets transport, whatever binds it",
            ),
        ),
        answer=1,
        seed=1,
        why="A carrier leaves the receptor only when all its arms have let go; one arm lets go "
        "most easily, and a receptor held by one arm is not cross-linked and sorted to the "
        "lysosome (Niewoehner et al. 2014).",
    ),
    "pressure": Check(
        question="Where in a large solid tumour is the interstitial fluid pressure highest, and "
        "what does that do?",
        options=(
            Option(
                "At the rim, pushing fluid and particles towards the core",
                "The rim is where the pressure is lowest: it falls to the surrounding tissue's "
                "at the surface, so fluid streams outward there and carries particles out, not "
                "in.",
                misconception="fluid and particles are pushed into a tumour from its rim",
            ),
            Option(
                "In the core, near the vessels' pressure: little fluid flows in there",
                "Yes: with the tissue's pressure close to the vessels' there is no pressure "
                "difference to drive fluid out of the core's vessels; the gradient, and an "
                "outward flow, exist only at the rim (Baxter & Jain 1989).",
            ),
            Option(
                "Nowhere: leaky vessels let the fluid drain away, so the pressure stays low",
                "Leaky vessels do the opposite: with no working lymphatics the fluid they leak "
                "accumulates until the tissue's pressure nearly equals the vessels' (Baxter & "
                "Jain 1989).",
                misconception="leaky vessels mean low interstitial pressure and easy penetration",
            ),
        ),
        answer=1,
        seed=1,
        why="With the interstitial pressure close to the vascular pressure there is no pressure "
        "difference to drive fluid out of the core's vessels; the gradient, and an outward "
        "flow, exist only at the rim (Baxter & Jain 1989).",
    ),
}


@cache
def _solve() -> dict[str, Any]:
    from nanoedu import FocusedUltrasound, Nanoparticle, brain_delivery

    ratio = {}
    for peg in (0.8, 0.0):
        p = Nanoparticle(diameter_nm=20.0, peg_coverage=peg)
        early, late = (
            brain_delivery(p, fus=FocusedUltrasound(ultrasound_on=True, start_h=s))[
                "Brain exposure [%ID h/g]"
            ]
            for s in (0.1, 12.0)
        )
        ratio[peg] = early / late
    return {
        "early_over_late_pegylated": ratio[0.8],
        "early_over_late_bare": ratio[0.0],
        "bare_over_pegylated": ratio[0.0] / ratio[0.8],
        "timing_matters_most_for": "bare" if ratio[0.0] > ratio[0.8] else "PEGylated",
    }


EXERCISE = Exercise(
    parts=(
        Part(
            "early_over_late_pegylated",
            "one number (brain exposure over 0-48 h with sonication at 0.1 h over that with "
            "sonication at 12 h, PEG 0.8)",
            tol=0.05,
            hint="pass fus=FocusedUltrasound(ultrasound_on=True, start_h=...) to brain_delivery "
            'and read "Brain exposure [%ID h/g]" for start_h 0.1 and 12; divide early by late.',
        ),
        Part(
            "early_over_late_bare",
            "one number (the same ratio for PEG coverage 0)",
            tol=0.05,
            hint="the same for a 20 nm particle with peg_coverage=0.0.",
        ),
        Part(
            "bare_over_pegylated",
            "one number (the bare particle's early/late ratio over the PEGylated one's)",
            tol=0.05,
            hint="divide your early_over_late_bare by your early_over_late_pegylated.",
        ),
        Part(
            "timing_matters_most_for",
            '"PEGylated" or "bare"',
            kind="choice",
            options=("PEGylated", "bare"),
            hint="the particle whose exposure depends more on when the barrier is opened.",
            because="bare_over_pegylated",
        ),
    ),
    solve=_solve,
    solution="Opening the barrier just after the injection rather than 12 h later gives the "
    "PEGylated particle "
    "{early_over_late_pegylated:.3g} times the brain exposure, the bare particle "
    "{early_over_late_bare:.3g} times: timing matters {bare_over_pegylated:.3g} times more for "
    "the bare particle. What ultrasound lets in depends on what is in the blood while the "
    "barrier is open, and what entered leaves again within hours. The PEGylated particle still "
    "circulates at 12 h; the liver and spleen have cleared most of the bare one by then. Time "
    "the opening to the plasma curve: early for a particle that is cleared fast.",
)
