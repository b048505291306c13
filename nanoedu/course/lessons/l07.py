"""Lesson 07: its predictions, concept checks and exercise (see ``nanoedu.course``)."""

from __future__ import annotations

from functools import cache
from typing import Any

from ..content import Check, Exercise, Part, PredictionText

PREDICTIONS: dict[str, PredictionText] = {}

CHECKS: dict[str, Check] = {}


@cache
def _solve() -> dict[str, Any]:
    from nanoedu import Design, ScoreWeights, evaluate_design

    winners = []
    for weights in (ScoreWeights(), ScoreWeights(prediction_weight=0.0, off_target_weight=3.0)):
        best = None
        for size in (5.0, 8.0, 10.0, 20.0, 50.0):
            for ligand in ("none", "transferrin receptor"):
                for trigger in ("none", "pH"):
                    d = Design(
                        diameter_nm=size,
                        ligand=ligand,
                        affinity_nM=1.0,
                        ligands_per_particle=1.0,
                        trigger=trigger,
                    )
                    score = evaluate_design(d, "glioblastoma", weights).metrics["Score [0-100]"]
                    if best is None or score > best[0]:
                        best = (score, d)
        winners.append(best[1])
    d = winners[0]
    return {
        "best_diameter_nm": d.diameter_nm,
        "best_ligand": d.ligand,
        "best_trigger": d.trigger,
        "winner_changes_with_weights": "yes" if winners[1] != winners[0] else "no",
    }


EXERCISE = Exercise(
    parts=(
        Part(
            "best_diameter_nm",
            "one number in nm (the winning design's diameter, default weights)",
            tol=0.01,
            hint="loop over the 5 sizes, 2 ligands and 2 triggers, score each with "
            'evaluate_design(d, "glioblastoma").metrics["Score [0-100]"], keep the best.',
        ),
        Part(
            "best_ligand",
            '"none" or "transferrin receptor"',
            kind="choice",
            options=("none", "transferrin receptor"),
            hint="the winner's d.ligand.",
        ),
        Part(
            "best_trigger",
            '"none" or "pH"',
            kind="choice",
            options=("none", "pH"),
            hint="the winner's d.trigger.",
        ),
        Part(
            "winner_changes_with_weights",
            '"yes" or "no"',
            kind="choice",
            options=("yes", "no"),
            hint="score the same candidates with ScoreWeights(prediction_weight=0.0, "
            "off_target_weight=3.0) and compare the two winners.",
        ),
    ),
    solve=_solve,
)
