"""Lesson 01: its predictions, concept checks and exercise (see ``nanoedu.course``)."""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np

from ..content import Check, Exercise, Part, PredictionText

PREDICTIONS: dict[str, PredictionText] = {}

CHECKS: dict[str, Check] = {}


@cache
def _solve() -> dict[str, Any]:
    from nanoedu import Nanoparticle, biodistribution

    diameters = np.geomspace(10.0, 200.0, 40)
    out: dict[str, Any] = {}
    for peg, suffix in ((0.8, ""), (0.95, "_dense_peg")):
        r = biodistribution(
            [Nanoparticle(diameter_nm=float(d), peg_coverage=peg) for d in diameters]
        )
        best = int(np.argmax(r["Tumour at 24 h [%ID]"]))
        out[f"best_diameter{suffix}_nm"] = float(diameters[best])
        if not suffix:
            out["liver_and_spleen_pct"] = float(r["Liver + spleen at 24 h [%ID]"][best])
    return out


EXERCISE = Exercise(
    parts=(
        Part(
            "best_diameter_nm",
            "one number in nm (the diameter with the most tumour delivery at 24 h, PEG 0.8)",
            tol=0.12,
            hint="sweep at least 20 diameters from 10 to 200 nm (numpy.geomspace), read "
            'r["Tumour at 24 h [%ID]"] and take the diameter at its numpy.argmax.',
        ),
        Part(
            "liver_and_spleen_pct",
            "one number in %ID (liver + spleen at 24 h for that best particle)",
            tol=0.12,
            hint='read r["Liver + spleen at 24 h [%ID]"] at the same index as the best diameter.',
        ),
        Part(
            "best_diameter_dense_peg_nm",
            "one number in nm (the best diameter again, PEG coverage 0.95)",
            tol=0.12,
            hint="repeat the sweep with Nanoparticle(diameter_nm=..., peg_coverage=0.95).",
        ),
    ),
    solve=_solve,
)
