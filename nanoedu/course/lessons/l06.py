"""Lesson 06: its predictions, concept checks and exercise (see ``nanoedu.course``)."""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np

from ..content import Check, Exercise, Part, PredictionText

PREDICTIONS: dict[str, PredictionText] = {}

CHECKS: dict[str, Check] = {}


@cache
def _solve() -> dict[str, Any]:
    from nanoedu import Nanoparticle, Patient, Tumour, biodistribution

    liposome = Nanoparticle(diameter_nm=100.0, peg_coverage=0.95)
    t = np.linspace(0.0, 400.0, 1601)
    blood = biodistribution(liposome, Patient.preset("human"), times_h=t)["Blood [%ID]"]
    mouse = biodistribution(liposome, times_h=[0.0, 72.0])["Tumour [%ID]"][-1] / 0.6
    human = (
        biodistribution(
            liposome, Patient.preset("human"), Tumour(mass_g=30.0), times_h=[0.0, 72.0]
        )["Tumour [%ID]"][-1]
        / 30.0
    )
    return {
        "human_half_life_h": float(np.interp(50.0, blood[::-1], t[::-1])),
        "mouse_over_human_per_gram": float(mouse / human),
    }


EXERCISE = Exercise(
    parts=(
        Part(
            "human_half_life_h",
            "one number in h (time until the patient's blood holds half the dose of the "
            "100 nm, PEG 0.95 liposome)",
            tol=0.05,
            hint='run biodistribution(liposome, Patient.preset("human"), times_h=t) with t '
            'from 0 to 400 h, and find where r["Blood [%ID]"] falls to 50 (numpy.interp on '
            "the reversed arrays).",
        ),
        Part(
            "mouse_over_human_per_gram",
            "one number, no unit (the mouse tumour's %ID per gram at 72 h divided by the "
            "patient tumour's)",
            kind="factor",
            tol=1.1,
            hint="divide each tumour's %ID at 72 h by its mass: 0.6 g (Tumour()) in the "
            "mouse, 30 g (Tumour(mass_g=30.0)) in the patient.",
        ),
    ),
    solve=_solve,
)
