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
    "journey": Check(
        question="A day after a 50 nm PEGylated particle is injected into the course's mouse, "
        "where is most of the dose?",
        options=(
            Option(
                "In the tumour",
                "The tumour gets about 1% of the dose: it has a small share of the blood flow "
                "and its vessel wall lets particles through slowly.",
                misconception="a particle designed for a tumour goes mostly to the tumour",
            ),
            Option(
                "In the liver and spleen",
                "Yes: their macrophages filter the blood on every pass, and most particles meet "
                "them long before they cross a tumour's vessel wall.",
            ),
            Option(
                "In the urine",
                "The kidneys filter only particles smaller than about 5.5 nm in the blood; a 50 "
                "nm particle, protein corona and all, is ten times too big.",
                misconception="the kidneys clear anything small, whatever its size in the blood",
            ),
            Option(
                "Still in the blood, hidden by its PEG coat",
                "PEG slows the macrophages down but does not stop them: a tenth of the dose is "
                "left in the blood after a day.",
                misconception="PEG makes a particle invisible to the immune system",
            ),
        ),
        answer=1,
        seed=2,
        why="Step 2 of the journey: the liver's and spleen's macrophages clear most particles "
        "from the blood; lesson 01 shows how size and PEG change how fast.",
    ),
    "sources": Check(
        question="A readout uses the liver's uptake rate, 1.3 /h. What tells you where that "
        "number comes from?",
        options=(
            Option(
                "Its source key in parameter_table() or nanoedu.cite()",
                "Yes: the key names a paper, or says the value is calibrated or an assumption, "
                "and cite() prints the reference.",
            ),
            Option(
                "Nothing: a model's defaults are measured for every mouse",
                "A default is one value chosen for the course's mouse; some are measured, some "
                "fitted (calibrated) and some assumed, and the source key says which.",
                misconception="a number on a slider is data",
            ),
            Option(
                "The dashboard's figure",
                "The figure shows what the model computes from the number, not where the number "
                "comes from.",
                misconception="a model's output is evidence for its inputs",
            ),
        ),
        seed=7,
        answer=0,
        why="Every parameter carries its unit, range, description and source key; cite() turns "
        "the keys into references.",
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
