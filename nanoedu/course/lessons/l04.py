"""Lesson 04: its predictions, concept checks and exercise (see ``nanoedu.course``)."""

from __future__ import annotations

from functools import cache
from typing import Any

from ..content import Check, Exercise, Part, PredictionText

PREDICTIONS: dict[str, PredictionText] = {}

CHECKS: dict[str, Check] = {}


@cache
def _solve() -> dict[str, Any]:
    from nanoedu import RELEASE_MODELS, fit_release_model, release_dataset

    data = release_dataset("Korsmeyer-Peppas", rate=0.2, exponent=0.45, noise_sd=0.01, seed=1)
    fits = {m: fit_release_model(data.t, data["Released [fraction]"], m) for m in RELEASE_MODELS}
    best = min(fits, key=lambda m: fits[m]["aic"])
    return {"best_model": best, "exponent": fits["Korsmeyer-Peppas"]["exponent"]}


EXERCISE = Exercise(
    parts=(
        Part(
            "best_model",
            "the name of the model with the lowest AIC (one of nanoedu.RELEASE_MODELS)",
            kind="choice",
            options=("first-order", "Higuchi", "Korsmeyer-Peppas"),
            hint='fit each model with fit_release_model(data.t, data["Released '
            '[fraction]"], model) and compare fit["aic"]: lower is better.',
        ),
        Part(
            "exponent",
            "one number (the Korsmeyer-Peppas exponent n the fit recovers)",
            tol=0.03,
            hint='fit_release_model(..., "Korsmeyer-Peppas")["exponent"] on the data '
            "made with seed=1.",
        ),
    ),
    solve=_solve,
)
