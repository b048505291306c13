"""Lesson 05: its predictions, concept checks and exercise (see ``nanoedu.course``)."""

from __future__ import annotations

from functools import cache
from typing import Any

from ..content import Check, Exercise, Option, Part, PredictionText

PREDICTIONS: dict[str, PredictionText] = {
    "label": PredictionText(
        question="A particle that circulates for days is imaged at 72 h. Which label leaves more "
        "counts, and so the better image?",
        why="89Zr (half-life {zr_half:.3g} h) keeps {zr_left:.0%} of its activity at 72 h; 64Cu "
        "({cu_half:.3g} h) keeps {cu_left:.1%}, so its 72 h image is mostly counting noise. "
        "Decay correction restores the average, not the counts.",
        choices=("64Cu", "89Zr"),
    ),
    "share": PredictionText(
        question="Each virtual patient is the course's 25 g mouse with its own tumour. The target "
        "is 0.7 %ID in the tumour at 24 h, a little below the median mouse's delivery. What "
        "percentage of the 300 virtual patients reach it?",
        why="Delivery spans {spread:.2g}-fold between the cohort's 10th and 90th percentiles "
        "(log-normal permeability, clearance and tumour size), so even a target below the median "
        "is missed by a sizeable minority: the patients an image should find.",
        unit="%",
    ),
    "strategy": PredictionText(
        question="Which strategy brings the most virtual patients (25 g mice) to the target "
        "exposure?",
        why="Dosing by the image: tumours that take up little get more drug (up to the maximum "
        "dose multiple), so {reach_dose:.0%} reach the target against {reach_all:.0%} when "
        "everyone gets the standard dose; the price is more drug in the liver. Selection spares "
        "the liver most but reaches only those who would have reached the target anyway.",
        choices=("treat everyone", "treat the image-selected", "dose by the image"),
    ),
}

CHECKS: dict[str, Check] = {
    "decay_correction": Check(
        question="At 72 h a 64Cu label keeps about 2% of its activity. The scanner's software "
        "corrects for decay. What does that correction do to the 72 h image?",
        options=(
            Option(
                "Restores the average, but scales the noise up with it",
                "Yes: it multiplies the few counts there are by the same large factor, so the "
                "value is right on average but scatters widely. Only more counts (a longer "
                "half-life, more activity) make it precise.",
            ),
            Option(
                "Restores the lost counts, so the 72 h image is as good as one taken at 1 h",
                "Counts that never happened cannot be restored: the correction scales up the "
                "few there are, and their relative noise (about 1/sqrt(N)) with them.",
                misconception="decay correction removes the problem of a short half-life",
            ),
            Option(
                "Nothing useful: decayed activity cannot be quantified any more",
                "The decay law is known exactly, so the average can be corrected; what cannot "
                "be corrected is the noise of having few counts.",
                misconception="a decayed signal can no longer be quantified",
            ),
            Option(
                "It makes the tumour read higher than its true uptake",
                "The correction divides by the fraction left, exp(-ln 2 t / t_half), which "
                "undoes the decay exactly: on average the value is the truth, neither higher nor "
                "lower.",
                misconception="correcting for decay inflates the result",
            ),
        ),
        answer=0,
        seed=2,
        why="Decay correction fixes the average, not the noise: after 72 h 64Cu has about 2% of "
        "its activity left, so few counts and a noisy value; 89Zr keeps over half.",
    ),
    "partial_volume": Check(
        question="A 3 mm tumour imaged with 5 mm resolution reads far below its true uptake, "
        "decay-corrected and with plenty of counts. Why?",
        options=(
            Option(
                "The scanner's blur spreads the tumour's counts beyond its outline",
                "Yes: partial volume. An object smaller than about three times the resolution "
                "keeps only a fraction of its signal (the recovery coefficient); dividing by it needs "
                "the tumour's size from anatomy.",
            ),
            Option(
                "The label has decayed, and decay correction cannot recover it",
                "The value is already decay-corrected, and decay correction restores the "
                "average exactly: decay adds noise, not this shortfall.",
                misconception="every shortfall in a PET value is decay",
            ),
            Option(
                "Small tumours take up less particle per gram, and the scanner reports that",
                "The true uptake per gram is what it is; the reading is low because the blur "
                "spreads a small object's counts over a larger region.",
                misconception="a PET value is the true uptake (a low reading means low uptake)",
            ),
            Option(
                "Counting noise makes small tumours read low",
                "With plenty of counts the noise is small, and counting noise scatters values "
                "both ways: it is not a bias. The blur is.",
                misconception="counting noise biases a value low",
            ),
        ),
        answer=0,
        seed=2,
        why="Partial volume (Soret et al. 2007) is why the PET value of a small tumour needs "
        "the tumour's size from CT or MRI; decay and counting noise are separate problems.",
    ),
    "roc_auc": Check(
        question="Imaging at 24 h separates good from poor candidates with an ROC AUC of 0.9. "
        "What does 0.9 mean?",
        options=(
            Option(
                "A random good candidate outscores a random poor one 9 times in 10",
                "Yes: the ROC AUC is a ranking probability, the same at every threshold.",
            ),
            Option(
                "90 of every 100 treat-or-not decisions the image makes are right",
                "That is accuracy, which depends on the threshold you choose and on how many "
                "good candidates there are; the ROC AUC does not.",
                misconception="ROC AUC is the share of right decisions (accuracy)",
            ),
            Option(
                "The image selects 90% of the good candidates",
                "That is the sensitivity at one threshold; the ROC AUC sums up all thresholds.",
                misconception="ROC AUC is the sensitivity",
            ),
            Option(
                "Each patient's estimate lies within 10% of their true delivery at 24 h",
                "The ROC AUC only asks whether estimates rank the patients right: estimates all "
                "twice too high would still score 1.",
                misconception="ROC AUC measures how close each estimate is to the truth",
            ),
        ),
        answer=0,
        seed=1,
        why="The ROC AUC is the chance that a random good candidate scores above a random poor "
        "one: 0.5 is a coin toss, 1 a perfect ranking.",
    ),
    "selection": Check(
        question="Treating only the image-selected spares the liver most. What is its cost?",
        options=(
            Option(
                "Those turned away get nothing from this drug and need another treatment",
                "Yes: selection is only ethical where an alternative exists for those it turns "
                "away.",
            ),
            Option(
                "It brings fewer patients to the target than treating everyone",
                "Hardly: those it turns away are mostly the ones whose tumours would not have "
                "reached the target at the standard dose anyway (compare the first panel).",
                misconception="selection lowers how many patients reach the target",
            ),
            Option(
                "Selected patients need a higher dose to make up for those who are turned away",
                "Selection changes no one's dose: the selected get the standard dose. Raising "
                "doses is what dosing by the image does.",
                misconception="selection raises the dose of the selected",
            ),
        ),
        answer=0,
        seed=0,
        why="Selection spares those who would not benefit, but gives them nothing: it needs an "
        "alternative treatment for them.",
    ),
}


@cache
def _solve() -> dict[str, Any]:
    from nanoedu import Cohort, PETScanner, companion_estimate, roc_curve, virtual_cohort

    cohort = virtual_cohort(cohort=Cohort(n_patients=300), seed=1)
    good = cohort["Tumour at 24 h [%ID]"] >= 0.7
    scanner = PETScanner(label="64Cu", injected_activity_MBq=0.1)
    auc = {}
    for hours in (4.0, 24.0):
        est = companion_estimate(cohort, scanner, imaging_times_h=(hours,), seed=2)
        auc[hours] = float(roc_curve(est["Estimated delivery at 24 h [%ID]"], good)[2])
    return {
        "auc_at_4_h": auc[4.0],
        "auc_at_24_h": auc[24.0],
        "better_imaging_time": "4 h" if auc[4.0] > auc[24.0] else "24 h",
    }


EXERCISE = Exercise(
    parts=(
        Part(
            "auc_at_4_h",
            "one number between 0 and 1 (the ROC AUC imaging at 4 h with 0.1 MBq of 64Cu)",
            tol=0.005,
            hint="estimate each virtual patient's delivery from one image at 4 h (the scanner "
            "with 0.1 MBq, image seed 2), then take the area from roc_curve: its third result, "
            "with the true good candidates (delivery >= 0.7 %ID) as the truth.",
        ),
        Part(
            "auc_at_24_h",
            "one number between 0 and 1 (the same, imaging at 24 h)",
            tol=0.005,
            hint="the same steps with a single image at 24 h; keep the same scanner and seeds.",
        ),
        Part(
            "better_imaging_time",
            '"4 h" or "24 h"',
            kind="choice",
            options=("4 h", "24 h"),
            because="auc_at_4_h",
            hint="the higher ROC AUC selects patients better; the choice counts once "
            "auc_at_4_h is right.",
        ),
    ),
    solve=_solve,
    solution="At the dashboard's low counts (a tenth of a MBq of 64Cu) the ROC AUC is "
    "{auc_at_4_h:.3f} imaging at 4 h and "
    "{auc_at_24_h:.3f} at 24 h: {better_imaging_time} selects better. With so little activity "
    "counting noise dominates: between 4 h and 24 h the label decays through about one and a "
    "half half-lives, keeping about a third of its activity, so the late image is much noisier. "
    "By 4 h the particle has begun to collect in each tumour, and carrying that image forward "
    "through the model costs less than the late image's noise. With the dashboard's typical "
    "counts (1 MBq) the balance tips back: 24 h is best, because it measures each tumour's "
    "uptake directly.",
)
