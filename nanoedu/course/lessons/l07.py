"""Lesson 07: its predictions, concept checks and exercise (see ``nanoedu.course``)."""

from __future__ import annotations

from functools import cache
from typing import Any

from ..content import Check, Exercise, Option, Part, PredictionText

PREDICTIONS: dict[str, PredictionText] = {
    "trigger": PredictionText(
        question="For the liver metastasis, starting from the default 50 nm PEGylated "
        "particle: which trigger frees the most drug in the tumour by 48 h?",
        why="Heat: it frees the drug inside the heated tumour's vessels, pass after pass. A pH "
        "trigger fires wherever carriers meet acid, mostly in the lysosomes of liver and spleen "
        "macrophages; without a trigger the drug leaks out slowly wherever the carrier is.",
        choices=("none", "pH", "heat"),
    ),
    "smallest": PredictionText(
        question="The glioma's vessels pass particles up to about 12 nm in blood; the kidneys "
        "clear those below 5.5 nm. With the default PEG coat, what is the smallest size worth "
        "trying, of 2, 5, 8, 10 and 20 nm (as made)?",
        why="The corona of the PEG coat adds about {corona_nm:.2g} nm in blood (lesson 01): a "
        "2 nm particle is {blood_2_nm:.2g} nm in blood and leaves through the kidneys, a 5 nm "
        "one is {blood_5_nm:.2g} nm, inside the window; from 10 nm as made the glioma's pores "
        "shut it out unless a shuttle carries it.",
        unit="nm",
        rel_tol=0.1,
    ),
}

CHECKS: dict[str, Check] = {
    "ph_liver": Check(
        question="In the liver-metastasis case, a pH-triggered carrier frees almost all of its "
        "drug outside the tumour. Where?",
        options=(
            Option(
                "In the blood, where the carriers spend the most time",
                "Blood stays at pH 7.4, where the trigger barely fires, however long the "
                "carriers circulate.",
                misconception="a trigger fires wherever the carrier spends the most time",
            ),
            Option(
                "In liver and spleen lysosomes",
                "Yes: their macrophages take up most carriers and digest them in lysosomes at "
                "about pH 5, where the trigger fires.",
            ),
            Option(
                "In the urine, after the kidneys filter the carriers",
                "A 50 nm carrier is ten times too large for the kidney's filter (about 5.5 nm "
                "in blood); it stays in the body.",
                misconception="the kidneys clear particles of any size",
            ),
        ),
        answer=1,
        seed=5,
        why="The trigger responds to acid wherever it is. Kupffer cells and splenic macrophages "
        "take up most particles and digest them in lysosomes at pH ~5, so the trigger fires "
        "there too; blood at 7.4 barely triggers it.",
    ),
    "heat_image": Check(
        question="The heat trigger frees the most drug in the liver metastasis, yet its "
        "prediction part is low. Why?",
        options=(
            Option(
                "Heat frees drug from carriers in the blood, which the image misses",
                "Yes: the image counts carriers that left the vessels by 24 h; drug freed from "
                "carriers passing through the hot tumour depends on each patient's blood level "
                "instead.",
            ),
            Option(
                "Heat opens the tumour's vessels, so more carriers enter than the image shows",
                "The model's heat acts on release, not on entry: the drug is freed from carriers "
                "still in the blood, and the image counts all carriers that entered.",
                misconception="heat works by letting more carriers into the tumour",
            ),
            Option(
                "Heat frees so much drug that every patient receives the same amount",
                "Patients still differ several-fold in the drug they receive; the image ranks "
                "them in a different order because it measures something else.",
                misconception="a poor ranking means the patients no longer differ",
            ),
        ),
        answer=0,
        seed=4,
        why="A companion image predicts what it measures. Intravascular release depends on each "
        "patient's blood level while the tumour is hot, not on how many carriers later leave "
        "the vessels, so ranking patients by the carrier image no longer ranks them by drug "
        "received.",
    ),
    "glioma_ligand": Check(
        question="For the glioblastoma, which single change raises the tumour delivery of a "
        "50 nm PEGylated particle most?",
        options=(
            Option(
                "A tumour-antigen ligand that binds the cancer cells tightly",
                "It binds only once the particle has left the vessels, which a 50 nm particle "
                "cannot do through the glioma's ~12 nm pores.",
                misconception="a ligand for the cancer cells pulls particles out of the blood",
            ),
            Option(
                "One transferrin-receptor ligand of intermediate affinity",
                "Yes: the transferrin receptor carries the particle across the vessel wall "
                "(lesson 03), best with one ligand and a moderate affinity.",
            ),
            Option(
                "Thirty transferrin-receptor ligands, for the firmest binding",
                "So many ligands bind the vessel wall so avidly that the particle never lets go "
                "on the far side (Wiley et al. 2013): delivery falls to about zero.",
                misconception="more ligands always mean more transport",
            ),
            Option(
                "A pH trigger, as the tumour is acidic",
                "A trigger changes where the drug is freed, not where the carriers go: it "
                "cannot get a particle across the vessel wall.",
                misconception="a release trigger changes where carriers go",
            ),
        ),
        answer=1,
        seed=5,
        why="A ligand for the cancer cells acts only after the particle has left the vessels, "
        "which a 50 nm particle cannot do through ~12 nm pores; the transferrin receptor carries "
        "it across the endothelium (lesson 03), if few ligands let it go on the far side. A "
        "trigger changes where drug is freed, not where carriers go.",
    ),
    "weights": Check(
        question="You rescore the designs with ScoreWeights(prediction_weight=0, "
        "off_target_weight=3). What have you changed?",
        options=(
            Option(
                "The particles: carriers now free less drug outside the tumour",
                "The weights change how the score counts the four numbers, not what the model "
                "computes: every design frees exactly the same drug, where it did before.",
                misconception="a score's weights change what the particle does",
            ),
            Option(
                "Measured data: the weights are fitted to how patients fared",
                "No trial has measured them: the course chose them (source 'design' in the "
                "parameter table), as a statement of values.",
                misconception="a score's weights are measured from clinical outcomes",
            ),
            Option(
                "A clinical judgement of harm against benefit",
                "Yes: how much drug freed elsewhere a gain in the tumour is worth, and whether a "
                "companion image matters at all, are judgements a patient, an oncologist and a "
                "regulator may make differently.",
            ),
        ),
        answer=2,
        seed=2,
        why="The weights encode value judgements, not physics or data: change them and the "
        "ranking of designs can change, so a design worth defending should survive reasonable "
        "weights.",
    ),
}


@cache
def _solve() -> dict[str, Any]:
    from nanoedu import Design, ScoreWeights, evaluate_design

    def best_design(weights: ScoreWeights) -> tuple[float, Design]:
        """The best (score, design) among the candidates, for the glioblastoma."""
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
        return best

    score, d = best_design(ScoreWeights())
    new_score, new_d = best_design(ScoreWeights(prediction_weight=0.0, off_target_weight=3.0))
    return {
        "best_diameter_nm": d.diameter_nm,
        "best_score": float(score),
        "best_ligand": d.ligand,
        "best_trigger": d.trigger,
        "new_best_score": float(new_score),
        "winner_changes_with_weights": "yes" if new_d != d else "no",
    }


EXERCISE = Exercise(
    parts=(
        Part(
            "best_diameter_nm",
            "one number in nm (the winning design's diameter, default weights)",
            tol=0.01,
            hint="loop over the 5 sizes, 2 ligands and 2 triggers, score each design for the "
            'glioblastoma and keep the one with the highest metrics["Score [0-100]"].',
        ),
        Part(
            "best_ligand",
            '"none" or "transferrin receptor"',
            kind="choice",
            options=("none", "transferrin receptor"),
            hint="the winner's d.ligand.",
            because="best_score",
        ),
        Part(
            "best_trigger",
            '"none" or "pH"',
            kind="choice",
            options=("none", "pH"),
            hint="the winner's d.trigger.",
            because="best_score",
        ),
        Part(
            "best_score",
            "one number, 0-100 (the winning design's score, default weights)",
            tol=0.01,
            hint="keep the score together with the design while you loop, as the pair "
            "(score, d), and replace the pair whenever a design beats it.",
        ),
        Part(
            "winner_changes_with_weights",
            '"yes" or "no"',
            kind="choice",
            options=("yes", "no"),
            hint="compare the two winners' designs (size, ligand and trigger).",
            because="new_best_score",
        ),
        Part(
            "new_best_score",
            "one number, 0-100 (the best score with prediction_weight 0 and off_target_weight 3)",
            tol=0.01,
            hint="run the same loop with the second ScoreWeights, passed as the third argument "
            "of evaluate_design, and keep its best score.",
        ),
    ),
    solve=_solve,
    solution="With the default weights the best of the candidates is {best_diameter_nm:g} nm "
    "with the {best_ligand} ligand and the {best_trigger} trigger, scoring {best_score:.3g}. "
    "With prediction_weight 0 and off_target_weight 3 the best score is {new_best_score:.3g}; "
    "does the winner change? {winner_changes_with_weights}. The weights say how much a gain in "
    "the tumour is worth against drug freed elsewhere, and whether the companion image counts: "
    "a clinical judgement, not a fact of the model.",
)
