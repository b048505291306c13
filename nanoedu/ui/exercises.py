"""Exercise checkers: say what is right, what is wrong and a hint, never the answer.

Every lesson's exercise names the values a learner computes; ``check_exercise("01", ...)``
compares each with the model's own answer (computed here with the same public API the
lesson uses) and gives feedback per value. Bad input (text for a number, an array for one
value, a name the exercise does not ask for, a ``...`` not yet replaced) gets a friendly
sentence, never a traceback.

Examples
--------
>>> print(check_exercise("00", ratio=...).text)
Exercise 00: 0 of 1 parts right.
- ratio: not filled in yet (replace the ... with your value).
>>> print(check_exercise("00", ratio="fast").text)
Exercise 00: 0 of 1 parts right.
- ratio: should be one number (D at 42 °C divided by D at 37 °C, no unit); got the text 'fast'.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

__all__ = ["EXERCISES", "Exercise", "ExerciseFeedback", "Part", "check_exercise"]


@dataclass(frozen=True)
class Part:
    """One value an exercise asks for.

    ``kind`` is "number" (accepted within ``tol`` relative error), "factor" (a quantity spread
    over decades, accepted within a factor ``tol``) or "choice" (one of ``options``).
    """

    name: str
    what: str
    kind: str = "number"
    tol: float = 0.1
    options: tuple[str, ...] = ()
    hint: str = ""


@dataclass(frozen=True)
class Exercise:
    lesson: str
    parts: tuple[Part, ...]
    solve: Callable[[], dict[str, Any]]

    def names(self) -> list[str]:
        return [p.name for p in self.parts]


@dataclass
class ExerciseFeedback:
    """What a check says: ``text`` (plain), ``right`` (names of the parts that are right)."""

    lesson: str
    text: str
    right: list[str]
    total: int

    @property
    def all_right(self) -> bool:
        return len(self.right) == self.total

    def _repr_html_(self) -> str:
        colour = "#009E73" if self.all_right else "#D55E00"
        return (
            f'<pre role="status" style="color:{colour};white-space:pre-wrap">'
            f"{html.escape(self.text)}</pre>"
        )

    def __repr__(self) -> str:
        return self.text


# -- the model's answers (computed with the lessons' public API) -------------------------------
@cache
def _solve_00() -> dict[str, Any]:
    from nanoedu import diffusion_coefficient_cm2_s

    d37 = float(diffusion_coefficient_cm2_s(5.0, 37.0, "plasma"))
    d42 = float(diffusion_coefficient_cm2_s(5.0, 42.0, "plasma"))
    return {"ratio": d42 / d37}


@cache
def _solve_01() -> dict[str, Any]:
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


@cache
def _solve_02() -> dict[str, Any]:
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


@cache
def _solve_03() -> dict[str, Any]:
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


@cache
def _solve_04() -> dict[str, Any]:
    from nanoedu import RELEASE_MODELS, fit_release_model, release_dataset

    data = release_dataset("Korsmeyer-Peppas", rate=0.2, exponent=0.45, noise_sd=0.01, seed=1)
    fits = {m: fit_release_model(data.t, data["Released [fraction]"], m) for m in RELEASE_MODELS}
    best = min(fits, key=lambda m: fits[m]["aic"])
    return {"best_model": best, "exponent": fits["Korsmeyer-Peppas"]["exponent"]}


@cache
def _solve_05() -> dict[str, Any]:
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


@cache
def _solve_capstone() -> dict[str, Any]:
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


@cache
def _solve_mouse_to_patient() -> dict[str, Any]:
    from nanoedu import Nanoparticle, Patient, Tumour, biodistribution

    liposome = Nanoparticle(diameter_nm=100.0, peg_coverage=0.95)
    t = np.linspace(0.0, 400.0, 1601)
    blood = biodistribution(liposome, Patient.preset("human"), times_h=t)["Blood [%ID]"]
    mouse = biodistribution(liposome, times_h=[0.0, 72.0])["Tumour [%ID]"][-1] / 0.6
    human = (
        biodistribution(
            liposome, Patient.preset("human"), Tumour(mass_g=30.0), times_h=[0.0, 72.0]
        )["Tumour [%ID]"][-1]
        / 30.0
    )
    return {
        "human_half_life_h": float(np.interp(50.0, blood[::-1], t[::-1])),
        "mouse_over_human_per_gram": float(mouse / human),
    }


EXERCISES: dict[str, Exercise] = {
    "00": Exercise(
        "00",
        (
            Part(
                "ratio",
                "one number (D at 42 °C divided by D at 37 °C, no unit)",
                tol=0.005,
                hint='call diffusion_coefficient_cm2_s(5.0, temperature, "plasma") at both '
                "temperatures and divide the warm one by the cool one.",
            ),
        ),
        _solve_00,
    ),
    "01": Exercise(
        "01",
        (
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
                hint='read r["Liver + spleen at 24 h [%ID]"] at the same index as the best '
                "diameter.",
            ),
            Part(
                "best_diameter_dense_peg_nm",
                "one number in nm (the best diameter again, PEG coverage 0.95)",
                tol=0.12,
                hint="repeat the sweep with Nanoparticle(diameter_nm=..., peg_coverage=0.95).",
            ),
        ),
        _solve_01,
    ),
    "02": Exercise(
        "02",
        (
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
        _solve_02,
    ),
    "03": Exercise(
        "03",
        (
            Part(
                "early_over_late_pegylated",
                "one number (brain exposure over 0-48 h with sonication at 0.1 h over at 6 h, "
                "PEG 0.8)",
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
        _solve_03,
    ),
    "04": Exercise(
        "04",
        (
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
        _solve_04,
    ),
    "05": Exercise(
        "05",
        (
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
        _solve_05,
    ),
    "06": Exercise(
        "06",
        (
            Part(
                "human_half_life_h",
                "one number in h (time until the patient's blood holds half the dose of the "
                "100 nm, PEG 0.95 liposome)",
                tol=0.05,
                hint='run biodistribution(liposome, Patient.preset("human"), times_h=t) with t '
                'from 0 to 400 h, and find where r["Blood [%ID]"] falls to 50 (numpy.interp on '
                "the reversed arrays).",
            ),
            Part(
                "mouse_over_human_per_gram",
                "one number, no unit (the mouse tumour's %ID per gram at 72 h divided by the "
                "patient tumour's)",
                kind="factor",
                tol=1.1,
                hint="divide each tumour's %ID at 72 h by its mass: 0.6 g (Tumour()) in the "
                "mouse, 30 g (Tumour(mass_g=30.0)) in the patient.",
            ),
        ),
        _solve_mouse_to_patient,
    ),
    "07": Exercise(
        "07",
        (
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
        _solve_capstone,
    ),
}


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, np.ndarray):
        return f"an array of {value.size} values"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of {len(value)} values"
    return f"{type(value).__name__} {value!r}"


def _one_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    if isinstance(value, np.ndarray) and value.size == 1 and np.issubdtype(value.dtype, np.number):
        return float(value.reshape(()))
    return None


def _judge(part: Part, value: Any, truth: Any) -> tuple[bool, str]:
    if value is Ellipsis:
        return False, "not filled in yet (replace the ... with your value)."
    if part.kind == "choice":
        if not isinstance(value, str) or value.strip().lower() not in (
            o.lower() for o in part.options
        ):
            return False, f"should be {part.what}; got {_describe(value)}."
        ok = value.strip().lower() == str(truth).lower()
        return ok, "right." if ok else f"not what the model gives. Hint: {part.hint}"
    number = _one_number(value)
    if number is None:
        extra = ""
        if isinstance(value, (np.ndarray, list, tuple)):
            extra = " (pick the one value the question asks for, e.g. at numpy.argmax)"
        return False, f"should be {part.what}; got {_describe(value)}{extra}."
    if not math.isfinite(number):
        return False, f"should be a finite number; got {number}."
    truth = float(truth)
    if part.kind == "factor":
        ok = number > 0 and truth / part.tol <= number <= truth * part.tol
        band = f"within a factor of {part.tol:g}"
    else:
        ok = math.isclose(number, truth, rel_tol=part.tol)
        band = f"within {part.tol:.1%}"
    if ok:
        return True, f"right ({band} of the model's value)."
    direction = "too high" if number > truth else "too low"
    return False, f"{direction}. Hint: {part.hint}"


def check_exercise(lesson: str, **answers: Any) -> ExerciseFeedback:
    """Check a lesson's exercise: one keyword per value it asks for (see the lesson's skeleton).

    Returns feedback whose text says, per value, whether it is right, what was expected if the
    input has the wrong form, and a hint if it is wrong; never the model's value. Never raises
    for a learner's input (only for an unknown lesson, an author's error).
    """
    key = str(lesson).zfill(2)
    if key not in EXERCISES:
        raise ValueError(f"lesson = {lesson!r} has no exercise; known: {sorted(EXERCISES)}.")
    ex = EXERCISES[key]
    lines: list[str] = []
    unknown = [n for n in answers if n not in ex.names()]
    if unknown:
        lines.append(
            f"- {', '.join(unknown)}: not asked for here; the exercise asks for "
            f"{', '.join(ex.names())}."
        )
    needs_model = any(answers.get(p.name, Ellipsis) is not Ellipsis for p in ex.parts)
    truth = ex.solve() if needs_model else {}
    right = []
    for part in ex.parts:
        if part.name not in answers:
            lines.append(f"- {part.name}: missing (give it as {part.name}=...: {part.what}).")
            continue
        ok, text = _judge(part, answers[part.name], truth.get(part.name))
        if ok:
            right.append(part.name)
        lines.append(f"- {part.name}: {text}")
    head = f"Exercise {key}: {len(right)} of {len(ex.parts)} parts right."
    if len(right) == len(ex.parts):
        head += " Well done: compare your reasoning with the solution below."
    return ExerciseFeedback(key, "\n".join([head, *lines]), right, len(ex.parts))
