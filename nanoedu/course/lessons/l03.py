"""Lesson 03: its predictions, concept checks and exercise (see ``nanoedu.course``)."""

from __future__ import annotations

from functools import cache
from typing import Any

from ..content import Check, Exercise, Part, PredictionText

PREDICTIONS: dict[str, PredictionText] = {}

CHECKS: dict[str, Check] = {}


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
            for s in (0.1, 6.0)
        )
        ratio[peg] = early / late
    return {
        "early_over_late_pegylated": ratio[0.8],
        "early_over_late_bare": ratio[0.0],
        "timing_matters_most_for": "bare" if ratio[0.0] > ratio[0.8] else "PEGylated",
    }


EXERCISE = Exercise(
    parts=(
        Part(
            "early_over_late_pegylated",
            "one number (brain exposure over 0-48 h with sonication at 0.1 h over at 6 h, PEG 0.8)",
            tol=0.05,
            hint="brain_delivery(particle, fus=FocusedUltrasound(ultrasound_on=True, "
            'start_h=...))["Brain exposure [%ID h/g]"] for start_h 0.1 and 6, then divide.',
        ),
        Part(
            "early_over_late_bare",
            "one number (the same ratio for PEG coverage 0)",
            tol=0.05,
            hint="the same with Nanoparticle(diameter_nm=20.0, peg_coverage=0.0).",
        ),
        Part(
            "timing_matters_most_for",
            '"PEGylated" or "bare"',
            kind="choice",
            options=("PEGylated", "bare"),
            hint="the larger ratio is the particle for which timing matters.",
        ),
    ),
    solve=_solve,
)
