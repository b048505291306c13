"""Lesson 00: its predictions, concept checks and exercise (see ``nanoedu.course``)."""

from __future__ import annotations

from functools import cache
from typing import Any

from ..content import Check, Exercise, Option, Part, PredictionText

PREDICTIONS: dict[str, PredictionText] = {
    "walk": PredictionText(
        question="How many times faster does a 10 nm particle diffuse than a 100 nm particle?",
        why="D = kT / (3 pi eta d) is inversely proportional to d: ten times the size, a tenth "
        "of the D. The liquid slows both alike: plasma is about 1.7 times as viscous as water "
        "at 37 degC.",
        unit="times",
    ),
}

CHECKS: dict[str, Check] = {
    "double_diameter": Check(
        question="You double a particle's hydrodynamic diameter. What happens to its diffusion "
        "coefficient?",
        options=(
            Option(
                "It doubles",
                "A bigger particle feels more drag from the liquid, so it wanders less, not more.",
                misconception="bigger particles move faster (momentum, not drag, in mind)",
            ),
            Option(
                "It halves",
                "Yes: the drag on a sphere grows with its diameter, so D falls as 1/d.",
            ),
            Option(
                "It falls four-fold",
                "That would need drag growing with the particle's area; Stokes drag grows with "
                "its diameter only.",
                misconception="drag scales with a particle's surface area",
            ),
            Option(
                "It does not change",
                "The liquid and the temperature matter, but so does size: d is in the "
                "denominator of D = kT / (3 pi eta d).",
                misconception="diffusion is a property of the liquid alone",
            ),
        ),
        answer=1,
        why="D = kT / (3 pi eta d) is inversely proportional to d: twice the size, half the D.",
    ),
}


@cache
def _solve() -> dict[str, Any]:
    from nanoedu import diffusion_coefficient_cm2_s

    d_37 = float(diffusion_coefficient_cm2_s(5.0, 37.0, "plasma"))
    d_42 = float(diffusion_coefficient_cm2_s(5.0, 42.0, "plasma"))
    return {"ratio": d_42 / d_37}


EXERCISE = Exercise(
    parts=(
        Part(
            "ratio",
            "one number (D at 42 °C divided by D at 37 °C, no unit)",
            tol=0.005,
            hint="compute D of the 5 nm particle in plasma at each temperature (the function "
            "from the concept above takes the medium as its third argument), then divide the "
            "warm one by the cool one.",
        ),
    ),
    solve=_solve,
    solution="D rises by a factor of {ratio:.3f}. Both T and the viscosity change; most of the "
    "rise comes from water's viscosity falling as it warms, much less from T itself (310 to "
    "315 K in kelvin).",
)
