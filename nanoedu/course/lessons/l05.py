"""Lesson 05: its predictions, concept checks and exercise (see ``nanoedu.course``)."""

from __future__ import annotations

from functools import cache
from typing import Any

from ..content import Check, Exercise, Part, PredictionText

PREDICTIONS: dict[str, PredictionText] = {}

CHECKS: dict[str, Check] = {}


@cache
def _solve() -> dict[str, Any]:
    from nanoedu import Cohort, PETScanner, companion_estimate, roc_curve, virtual_cohort

    cohort = virtual_cohort(cohort=Cohort(n_patients=300), seed=1)
    good = cohort["Tumour at 24 h [%ID]"] >= 0.7
    auc = {}
    for h in (1.0, 24.0):
        est = companion_estimate(
            cohort, PETScanner(injected_activity_MBq=0.1), imaging_times_h=(h,), seed=2
        )
        auc[h] = float(roc_curve(est["Estimated delivery at 24 h [%ID]"], good)[2])
    return {
        "auc_at_1_h": auc[1.0],
        "auc_at_24_h": auc[24.0],
        "better_imaging_time": "24 h" if auc[24.0] > auc[1.0] else "1 h",
    }


EXERCISE = Exercise(
    parts=(
        Part(
            "auc_at_1_h",
            "one number between 0 and 1 (ROC AUC when imaging at 1 h with 0.1 MBq)",
            tol=0.01,
            hint="companion_estimate(cohort, PETScanner(injected_activity_MBq=0.1), "
            "imaging_times_h=(1.0,), seed=2), then roc_curve(estimates, truth >= 0.7)[2].",
        ),
        Part(
            "auc_at_24_h",
            "one number between 0 and 1 (the same, imaging at 24 h)",
            tol=0.01,
            hint="the same with imaging_times_h=(24.0,).",
        ),
        Part(
            "better_imaging_time",
            '"1 h" or "24 h"',
            kind="choice",
            options=("1 h", "24 h"),
            hint="the higher AUC selects patients better.",
        ),
    ),
    solve=_solve,
)
