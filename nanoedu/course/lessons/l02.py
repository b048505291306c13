"""Lesson 02: its predictions, concept checks and exercise (see ``nanoedu.course``)."""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np

from ..content import Check, Exercise, Part, PredictionText

PREDICTIONS: dict[str, PredictionText] = {}

CHECKS: dict[str, Check] = {}


@cache
def _solve() -> dict[str, Any]:
    from nanoedu import Ligand, selectivity_against_affinity

    out: dict[str, Any] = {}
    occupied = {}
    for n in (30, 100):
        r = selectivity_against_affinity(ligand=Ligand(ligands_per_particle=float(n)))
        best = int(np.nanargmax(r["Selectivity [1]"]))
        out[f"best_kd_{n}_ligands_nM"] = float(r.axis[best])
        occupied[n] = float(r["Occupied, rich [1]"][best])
    out["binds_cancer_cells_more_strongly"] = (
        "30 ligands" if occupied[30] > occupied[100] else "100 ligands"
    )
    return out


EXERCISE = Exercise(
    parts=(
        Part(
            "best_kd_30_ligands_nM",
            "one number in nM (the single-bond K_D of highest selectivity, 30 ligands)",
            kind="factor",
            tol=2.0,
            hint="selectivity_against_affinity(ligand=Ligand(ligands_per_particle=30.0)); "
            'the K_D values are r.axis, the selectivity r["Selectivity [1]"] '
            "(numpy.nanargmax).",
        ),
        Part(
            "best_kd_100_ligands_nM",
            "one number in nM (the same for 100 ligands)",
            kind="factor",
            tol=2.0,
            hint="the same with ligands_per_particle=100.0.",
        ),
        Part(
            "binds_cancer_cells_more_strongly",
            '"30 ligands" or "100 ligands"',
            kind="choice",
            options=("30 ligands", "100 ligands"),
            hint='compare r["Occupied, rich [1]"] at each design\'s best K_D.',
        ),
    ),
    solve=_solve,
)
