"""Theranostic feedback: a virtual patient cohort, companion imaging that estimates each
patient's tumour delivery, and the decisions it supports (select patients, adapt the dose).

The cohort is solved as one batch of linear systems (``solve_linear``): 10,000 patients'
full biodistributions in a fraction of a second, equal to solving each patient's own
parameter sets one by one (tested).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from scipy.integrate import trapezoid

from ..parameters import ParameterSet, check_seed, check_value, field, fields_of
from ..references import sources
from ..results import Result
from ._validate import as_checked_array, time_grid
from .body import Nanoparticle, Patient, Tumour
from .imaging import PETScanner, pet_measurement
from .pharmacokinetics import (
    COMPARTMENT_GROUPS,
    COMPARTMENTS,
    STATES,
    TUMOUR_STATES,
    initial_state,
    rate_matrix,
    solve_linear,
    transfer_rates,
)

__all__ = [
    "Cohort",
    "virtual_cohort",
    "cohort_parameter_sets",
    "companion_estimate",
    "roc_curve",
    "selection_rates",
    "treatment_outcomes",
]

_I = {c: i for i, c in enumerate(STATES)}
#: Most rounds of the alternating clearance/permeability fit in :func:`companion_estimate`.
MAX_ROUNDS = 25


@dataclass(frozen=True, kw_only=True)
class Cohort(ParameterSet):
    """How patients differ: log-normal spreads around the default patient and tumour."""

    n_patients: float = field(
        300.0,
        unit="patients",
        bounds=(10.0, 20000.0),
        source="design",
        description="number of virtual patients",
    )
    permeability_sd: float = field(
        0.8,
        unit="ln units",
        bounds=(0.0, 2.0),
        source="assumption",
        description="spread (SD of the log) of tumour vessel permeability between patients",
    )
    phagocytic_sd: float = field(
        0.5,
        unit="ln units",
        bounds=(0.0, 2.0),
        source="assumption",
        description="spread (SD of the log) of liver and spleen uptake between patients",
    )
    retention_sd: float = field(
        0.5,
        unit="ln units",
        bounds=(0.0, 2.0),
        source="assumption",
        description="spread (SD of the log) of how fast each tumour's macrophages take up "
        "particles (tumours differ in macrophage content); the companion estimate assumes the "
        "median",
    )
    tumour_mass_sd: float = field(
        0.5,
        unit="ln units",
        bounds=(0.0, 2.0),
        source="assumption",
        description="spread (SD of the log) of tumour mass between patients",
    )


def _factor_bounds(
    patient: Patient, tumour: Tumour
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Ranges of the permeability and phagocytic factors that keep every parameter in bounds."""
    ft, fp = fields_of(Tumour), fields_of(Patient)
    perm_hi = min(
        ft[name].bounds[1] / max(getattr(tumour, name), 1e-300)
        for name in ("small_pore_area_per_length_per_cm", "large_pore_area_per_length_per_cm")
    )
    phagocytes = [n for n in _PHAGOCYTE_FIELDS if getattr(patient, n) > 0]
    mps_lo = max(fp[n].bounds[0] / getattr(patient, n) for n in phagocytes)
    mps_hi = min(fp[n].bounds[1] / getattr(patient, n) for n in phagocytes)
    return (0.0, perm_hi), (mps_lo, mps_hi)


#: The patient's phagocytic uptake rates that the phagocytic factor scales, and their states.
_PHAGOCYTE_FIELDS = ("liver_uptake_per_h", "spleen_uptake_per_h", "other_uptake_per_h")
_PHAGOCYTE_STATES = ("Liver", "Spleen", "Other phagocytes")


@dataclass(frozen=True)
class CohortScaling:
    """What the cohort's factors act on, from the reference patient's rates (computed once)."""

    phagocyte_flows: np.ndarray  # plasma flow through each phagocytic organ / plasma volume [1/h]
    back_share: float  # share of the tumour's exit to blood that is back-diffusion (vs outflow)
    tumour_plasma_flow: float  # the reference tumour's plasma flow / plasma volume [1/h]
    tumour: Tumour  # the reference tumour (its mass and fluid balance)


def cohort_scaling(particle: Nanoparticle, patient: Patient, tumour: Tumour) -> CohortScaling:
    """The reference quantities :func:`cohort_matrices` scales (see :class:`CohortScaling`)."""
    rates = transfer_rates(particle, patient, tumour)
    back, out = (
        float(rates["tumour back-diffusion [1/h]"][0]),
        float(rates["tumour outflow [1/h]"][0]),
    )
    return CohortScaling(
        phagocyte_flows=rates["phagocyte plasma flows [mL/h]"][:, 0] / patient.plasma_volume_mL,
        back_share=back / (back + out) if back + out > 0 else 1.0,
        tumour_plasma_flow=float(rates["tumour plasma flow [mL/h]"][0]) / patient.plasma_volume_mL,
        tumour=tumour,
    )


def cohort_matrices(
    base: np.ndarray,
    scaling: CohortScaling,
    f_perm: np.ndarray,
    f_mps: np.ndarray,
    mass: np.ndarray,
    f_ret: np.ndarray | None = None,
) -> np.ndarray:
    """Rate matrices of a cohort from the reference matrix: entries rescaled per patient.

    Exactly the matrices of each patient's own parameter sets (tested): phagocytic uptake
    (the tumour's perivascular macrophages' too) scales its intrinsic clearance (then is
    flow-limited again); tumour entry scales with
    permeability and vessel surface (mass); the tumour's back-diffusion with permeability
    (surface per volume is fixed), its fluid outflow with the tumour's size (Baxter & Jain).
    ``f_ret`` scales the tumour macrophages' uptake of free particles. Each column still sums
    to zero. ``base`` may be the untargeted or the targeted matrix.
    """
    n = f_perm.size
    K = np.broadcast_to(base, (n, *base.shape)).copy()
    b, tu = _I["Blood"], _I["Tumour"]

    def set_rate(dst: int, src: int, k: np.ndarray) -> None:
        K[:, src, src] += base[dst, src] - k
        K[:, dst, src] = k

    def phagocytic(dst: int, q: float) -> np.ndarray:
        """Uptake from blood into dst, flow-limited at q [1/h], with its intrinsic clearance
        (recovered from the reference rate) scaled by the phagocytic factor."""
        if q <= 0:
            return np.zeros(n)
        intrinsic = -q * np.log1p(-min(base[dst, b] / q, 1.0 - 1e-15))
        return q * -np.expm1(-f_mps * intrinsic / q)

    for name, q in zip(_PHAGOCYTE_STATES, scaling.phagocyte_flows, strict=True):
        set_rate(_I[name], b, phagocytic(_I[name], q))
    ref = scaling.tumour
    # The tumour's perivascular macrophages: like the organs' phagocytes, and, like the flow
    # that limits them, in proportion to the tumour's mass.
    tam = _I["Tumour: in macrophages"]
    set_rate(tam, b, phagocytic(tam, scaling.tumour_plasma_flow) * mass / ref.mass_g)
    if f_ret is not None:  # each tumour's macrophages take up free particles at their own rate
        set_rate(tam, tu, base[tam, tu] * f_ret)
    set_rate(tu, b, base[tu, b] * f_perm * mass / ref.mass_g)
    outflow_ratio = ref.fluid_outflow_per_h_at(mass) / ref.fluid_outflow_per_h
    share = scaling.back_share
    set_rate(b, tu, base[b, tu] * (share * f_perm + (1.0 - share) * outflow_ratio))
    return K


@sources("cheng2020", "wilhelm2016", "lin2016")
def virtual_cohort(
    particle: Nanoparticle | None = None,
    cohort: Cohort | None = None,
    seed: int = 1,
    patient: Patient | None = None,
    tumour: Tumour | None = None,
    times_h: Any = None,
) -> Result:
    r"""Biodistribution in a virtual cohort whose tumours and clearance differ (log-normally).

    Parameters
    ----------
    particle, cohort, patient, tumour : parameter sets, optional
        The particle; the spreads; the median patient and tumour.
    seed : int
        Seed of the cohort (same seed, same patients).
    times_h : array-like, optional
        Output times [h]; default 0-48 h every 0.5 h.

    Returns
    -------
    Result
        ``"<Compartment> [%ID]"`` with shape (n, T); metrics (arrays of n): tumour delivery at
        24 h [%ID] and [%ID/g], liver at 24 h; parameters: each patient's permeability factor,
        phagocytic factor and tumour mass.

    Notes
    -----
    Patient i has permeability factor :math:`e^{\sigma_P z}`, phagocytic factor
    :math:`e^{\sigma_M z}` and tumour mass :math:`m_0 e^{\sigma_m z}` (z standard normal, drawn
    with ``seed``), clipped so that every parameter stays within its bounds. The factors act on
    the tumour's pore areas and transcytosis permeability, and on liver and spleen uptake; the
    matrices are built from the reference matrix and solved as one batch.

    Examples
    --------
    >>> r = virtual_cohort(cohort=Cohort(n_patients=50))
    >>> r["Tumour [%ID]"].shape
    (50, 97)
    """
    particle = particle or Nanoparticle()
    cohort = cohort or Cohort()
    patient = patient or Patient()
    tumour = tumour or Tumour()
    seed = check_seed(seed)
    t = time_grid(times_h, np.linspace(0.0, 48.0, 97))
    f_perm, f_mps, mass = cohort_factors(cohort, seed, patient, tumour)
    f_ret = retention_factors(cohort, seed, tumour)
    return _solve_cohort(particle, patient, tumour, t, f_perm, f_mps, mass, f_ret, seed=int(seed))


def cohort_factors(
    cohort: Cohort, seed: int, patient: Patient, tumour: Tumour
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each virtual patient's permeability factor, phagocytic factor and tumour mass [g].

    Log-normal around the median patient and tumour (``seed`` fixes them), clipped so that every
    parameter they scale stays within its bounds.
    """
    n = int(round(cohort.n_patients))
    z = np.random.default_rng(int(check_seed(seed))).standard_normal((3, n))
    (p_lo, p_hi), (m_lo, m_hi) = _factor_bounds(patient, tumour)
    f_perm = np.clip(np.exp(cohort.permeability_sd * z[0]), p_lo, p_hi)
    f_mps = np.clip(np.exp(cohort.phagocytic_sd * z[1]), m_lo, m_hi)
    mass_bounds = fields_of(Tumour)["mass_g"].bounds
    mass = np.clip(tumour.mass_g * np.exp(cohort.tumour_mass_sd * z[2]), *mass_bounds)
    return f_perm, f_mps, mass


def retention_factors(cohort: Cohort, seed: int, tumour: Tumour) -> np.ndarray:
    """Each virtual patient's tumour-macrophage uptake factor (log-normal, median 1).

    Drawn from its own stream of ``seed``, so the other factors are those of
    :func:`cohort_factors`; clipped so that the uptake stays within its bounds.
    """
    n = int(round(cohort.n_patients))
    z = np.random.default_rng([int(check_seed(seed)), 1]).standard_normal(n)
    hi = fields_of(Tumour)["macrophage_uptake_per_h"].bounds[1] / max(
        tumour.macrophage_uptake_per_h, 1e-300
    )
    return np.clip(np.exp(cohort.retention_sd * z), 0.0, hi)


def _solve_cohort(
    particle: Nanoparticle,
    patient: Patient,
    tumour: Tumour,
    t: np.ndarray,
    f_perm: np.ndarray,
    f_mps: np.ndarray,
    mass: np.ndarray,
    f_ret: np.ndarray,
    seed: int = 0,
) -> Result:
    base = rate_matrix(particle, patient, tumour)[0]
    K = cohort_matrices(base, cohort_scaling(particle, patient, tumour), f_perm, f_mps, mass, f_ret)
    x0 = initial_state()
    # 24 h is appended at the end (not merged in order), so that the outputs are views of
    # the solution rather than masked copies: for 10,000 patients that copy cost as much as
    # the solve. solve_linear accepts any times; only the AUC needs the last to be the end.
    # The tumour's four states are summed inside the solve (one fewer copy of the result).
    x, blood_auc = solve_linear(K, np.append(t, 24.0), x0, 24.0, groups=COMPARTMENT_GROUPS)
    values = {f"{c} [%ID]": x[:, :-1, i] for i, c in enumerate(COMPARTMENTS)}
    tum24 = x[:, -1, COMPARTMENTS.index("Tumour")]
    return Result(
        axis=t,
        values=values,
        metrics={
            "Tumour at 24 h [%ID]": tum24,
            "Tumour at 24 h [%ID/g]": tum24 / mass,
            "Liver at 24 h [%ID]": x[:, -1, _I["Liver"]],
            "Blood AUC 0-24 h [%ID h]": blood_auc,
        },
        parameters={
            "particle": particle,
            "patient": patient,
            "tumour": tumour,
            "seed": seed,
            "permeability factor": f_perm,
            "phagocytic factor": f_mps,
            "tumour mass [g]": mass,
            "retention factor": f_ret,
        },
    )


def cohort_parameter_sets(cohort_result: Result, i: int) -> tuple[Patient, Tumour]:
    """Patient i of a cohort as ordinary parameter sets (for checking the batch one by one)."""
    p = cohort_result.parameters
    pat, tu = p["patient"], p["tumour"]
    fp, fm, m = p["permeability factor"][i], p["phagocytic factor"][i], p["tumour mass [g]"][i]
    return (
        replace(
            pat,
            **{name: getattr(pat, name) * fm for name in _PHAGOCYTE_FIELDS},
        ),
        replace(
            tu,
            mass_g=float(m),
            small_pore_area_per_length_per_cm=tu.small_pore_area_per_length_per_cm * fp,
            large_pore_area_per_length_per_cm=tu.large_pore_area_per_length_per_cm * fp,
            macrophage_uptake_per_h=tu.macrophage_uptake_per_h * p["retention factor"][i],
        ),
    )


def _bisect_log(
    fn: Any, target: np.ndarray, lo: Any, hi: Any, increasing: bool, steps: int = 34
) -> np.ndarray:
    """Vectorised bisection in log space for a monotone fn(f) -> array, fn(f) = target.

    ``lo`` and ``hi`` may be arrays (a bracket per patient); the bracket shrinks 2^steps-fold.
    """
    a = np.broadcast_to(np.log(lo), target.shape).astype(float)
    b = np.broadcast_to(np.log(hi), target.shape).astype(float)
    for _ in range(steps):
        mid = 0.5 * (a + b)
        above = fn(np.exp(mid)) > target
        if increasing:
            b, a = np.where(above, mid, b), np.where(above, a, mid)
        else:
            a, b = np.where(above, mid, a), np.where(above, b, mid)
    return np.exp(0.5 * (a + b))


@sources("lee2017", "miller2015", "ramanathan2017")
def companion_estimate(
    cohort_result: Result,
    scanner: PETScanner | None = None,
    imaging_times_h: Any = (24.0,),
    seed: int = 0,
    noise: bool = True,
) -> Result:
    r"""Estimate each patient's tumour delivery at 24 h from PET images of the blood pool and
    the tumour at one or two time points.

    Each patient's phagocytic factor is fitted to the blood-pool signal, then the permeability
    factor to the tumour signal (partial-volume corrected with the tumour size read from
    anatomy), twice round; the fitted patient's model then gives delivery at 24 h. Vectorised
    bisection over the whole cohort. The estimator is not the truth: it reads each tumour's
    volume with the scanner's anatomy error (``PETScanner.anatomy_volume_sd``) and assumes the
    median tumour macrophages (the cohort's retention factors are unknown to it), so early
    images, carried forward to 24 h through its model, give an estimate, not the truth, even
    without noise. An image at 24 h measures the tumour's %ID itself: a volume error then moves
    only the partial-volume correction (tested).

    Returns
    -------
    Result
        ``t`` is the imaging times; values ``"Estimated delivery at 24 h [%ID]"``, ``"True
        delivery at 24 h [%ID]"``, the fitted factors and the measured signals.

    Examples
    --------
    >>> c = virtual_cohort(cohort=Cohort(n_patients=20))
    >>> exact = companion_estimate(c, PETScanner(anatomy_volume_sd=0.0), noise=False)
    >>> bool(np.allclose(exact["Estimated delivery at 24 h [%ID]"], c["Tumour at 24 h [%ID]"], rtol=1e-4))
    True
    >>> early = companion_estimate(c, imaging_times_h=(1.0,), noise=False)  # before retention
    >>> bool(np.allclose(early["Estimated delivery at 24 h [%ID]"], c["Tumour at 24 h [%ID]"], rtol=1e-4))
    False
    """
    sc = scanner or PETScanner()
    ti = np.atleast_1d(as_checked_array("imaging_times_h", imaging_times_h, "h", (0.1, 200.0)))
    if ti.size not in (1, 2) or np.any(np.diff(ti) <= 0):
        raise ValueError(f"imaging_times_h must be one or two increasing times in h; got {ti!r}.")
    if not isinstance(noise, bool):
        raise ValueError(f"noise = {noise!r} must be True or False.")
    p = cohort_result.parameters
    particle, patient, tumour = p["particle"], p["patient"], p["tumour"]
    mass = p["tumour mass [g]"]
    # The reference matrix is computed once; every fit step only rescales its entries.
    base = rate_matrix(particle, patient, tumour)[0]
    scaling = cohort_scaling(particle, patient, tumour)
    truth = _patients_at(
        base,
        scaling,
        ti,
        p["permeability factor"],
        p["phagocytic factor"],
        mass,
        p["retention factor"],
    )
    # What the clinician knows is not the truth model's own number: the tumour's volume comes
    # from its outline on CT or MRI (with the scanner's anatomy error), and each tumour's
    # macrophages are assumed to be the median's.
    z = np.random.default_rng([int(check_seed(seed)), 2]).standard_normal(mass.shape)
    mass_read = mass * np.exp(sc.anatomy_volume_sd * z)
    v_p = patient.plasma_volume_mL
    blood_conc = truth["Blood [%ID]"] / v_p  # %ID/mL
    tum_conc = truth["Tumour [%ID]"] / mass[:, None]  # %ID/g
    # The heart's blood pool (~0.1 mL in a mouse) is imaged like a sphere of that volume.
    meas_blood = pet_measurement(
        blood_conc, np.full(mass.shape, 0.1), ti, sc, seed=seed, noise=noise
    )
    meas_tum = pet_measurement(
        tum_conc, mass, ti, sc, seed=seed + 1, noise=noise, anatomy_mass_g=mass_read
    )
    mass = mass_read  # the estimator's model knows the tumour only as read from anatomy
    f_perm = np.ones_like(mass)
    f_mps = np.ones_like(mass)
    # Alternate: clearance from the blood pool, then permeability from the tumour (the blood
    # also feeds the tumour, so the two fits are coupled). The first round brackets 1e-3..1e3;
    # later rounds search 4-fold either side of the last estimate. Rounds stop when the estimated
    # delivery at 24 h moves by less than 1e-7 (relative); the factors themselves may stay loose
    # where the data barely depend on them (a patient whose blood is empty by the imaging time
    # says little about its exact clearance), which is why delivery, not the factors, is checked.
    est24 = np.full(mass.shape, np.inf)
    for round_ in range(MAX_ROUNDS):
        wide = round_ == 0
        fp_fixed = f_perm.copy()

        def blood_of(fm: np.ndarray, fp: np.ndarray = fp_fixed) -> np.ndarray:
            r = _patients_at(base, scaling, ti, fp, fm, mass)
            return (r["Blood [%ID]"] / v_p).sum(axis=1)

        lo_m = 1e-3 if wide else np.maximum(f_mps / 4, 1e-3)
        hi_m = 1e3 if wide else np.minimum(f_mps * 4, 1e3)
        steps = 34 if wide else 30
        new_mps = _bisect_log(blood_of, meas_blood.sum(axis=1), lo_m, hi_m, False, steps)
        fm_fixed = new_mps.copy()

        def tumour_of(fp: np.ndarray, fm: np.ndarray = fm_fixed) -> np.ndarray:
            r = _patients_at(base, scaling, ti, fp, fm, mass)
            return (r["Tumour [%ID]"] / mass[:, None]).sum(axis=1)

        lo_p = 1e-3 if wide else np.maximum(f_perm / 4, 1e-3)
        hi_p = 1e3 if wide else np.minimum(f_perm * 4, 1e3)
        new_perm = _bisect_log(tumour_of, meas_tum.sum(axis=1), lo_p, hi_p, True, steps)
        f_mps, f_perm = new_mps, new_perm
        new_est = _patients_at(base, scaling, 24.0, f_perm, f_mps, mass)["Tumour [%ID]"][:, 0]
        with np.errstate(divide="ignore", invalid="ignore"):
            moved = np.abs(new_est / est24 - 1.0)
        est24 = new_est
        if round_ > 0 and float(np.nanmax(moved)) < 1e-7:
            break
    return Result(
        axis=ti,
        values={
            "Estimated delivery at 24 h [%ID]": est24,
            "True delivery at 24 h [%ID]": cohort_result["Tumour at 24 h [%ID]"],
            "Fitted permeability factor": f_perm,
            "Fitted phagocytic factor": f_mps,
            "Measured tumour [%ID/g]": meas_tum,
            "Measured blood [%ID/mL]": meas_blood,
        },
        metrics={},
        parameters={"scanner": sc, "seed": seed, "noise": noise},
    )


def _patients_at(
    base: np.ndarray,
    scaling: CohortScaling,
    t: np.ndarray,
    f_perm: np.ndarray,
    f_mps: np.ndarray,
    mass: np.ndarray,
    f_ret: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """Blood and tumour of given patients at times t, from the reference rate matrix."""
    K = cohort_matrices(
        base, scaling, np.asarray(f_perm, float), np.asarray(f_mps, float), mass, f_ret
    )
    tt = np.atleast_1d(t).astype(float)
    x, _ = solve_linear(K, tt, initial_state(), float(tt.max()))
    return {
        "Blood [%ID]": x[:, :, _I["Blood"]],
        "Tumour [%ID]": x[:, :, list(TUMOUR_STATES)].sum(axis=2),
    }


def selection_rates(scores: Any, positive: Any, threshold: float) -> tuple[float, float]:
    """Sensitivity and specificity of selecting ``scores >= threshold`` as a test for
    ``positive``: the share of positives selected, and the share of negatives turned away
    (NaN when there are none of that kind).

    Examples
    --------
    >>> selection_rates([0.1, 0.4, 0.35, 0.8], [False, False, True, True], 0.38)
    (0.5, 0.5)
    """
    s = np.asarray(scores, dtype=float)
    y = np.asarray(positive, dtype=bool)
    if s.shape != y.shape:
        raise ValueError(
            f"scores and positive must have the same shape; got {s.shape} and {y.shape}."
        )
    chosen = s >= threshold
    sens = float(chosen[y].mean()) if y.any() else float("nan")
    spec = float((~chosen[~y]).mean()) if (~y).any() else float("nan")
    return sens, spec


def roc_curve(scores: Any, positive: Any) -> tuple[np.ndarray, np.ndarray, float]:
    """ROC curve of a score against true labels: (false-positive rate, true-positive rate, AUC).

    AUC is the Mann-Whitney probability that a random positive scores above a random negative
    (ties count one half).

    Examples
    --------
    >>> roc_curve([0.1, 0.4, 0.35, 0.8], [False, False, True, True])[2]
    0.75
    """
    s = np.asarray(scores, dtype=float)
    y = np.asarray(positive, dtype=bool)
    if s.shape != y.shape or s.ndim != 1 or not np.all(np.isfinite(s)):
        raise ValueError("scores must be a finite 1-D array with one label per score.")
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if n_pos == 0 or n_neg == 0:
        raise ValueError(f"need both positives and negatives; got {n_pos} and {n_neg}.")
    order = np.argsort(-s, kind="mergesort")
    s_sorted, y_sorted = s[order], y[order]
    distinct = np.r_[np.flatnonzero(np.diff(s_sorted)), s.size - 1]
    tps = np.cumsum(y_sorted)[distinct]
    fps = (1 + distinct) - tps
    tpr = np.r_[0.0, tps / n_pos]
    fpr = np.r_[0.0, fps / n_neg]
    return fpr, tpr, float(trapezoid(tpr, fpr))


@sources("miller2015", "ramanathan2017")
def treatment_outcomes(
    true_delivery: Any,
    estimated_delivery: Any,
    liver: Any,
    threshold_pct: float = 0.7,
    target_pct: float = 0.7,
    max_dose_multiple: float = 3.0,
    margin: float = 1.2,
    blood_auc: Any = None,
) -> dict[str, dict[str, float]]:
    r"""Compare treating everyone, treating the image-selected, and dosing by the image.

    Tumour exposure of patient i is :math:`E_i = m_i d_i` (dose multiple × true delivery per
    standard dose, in %ID-equivalents); off-target exposure :math:`m_i \cdot` liver %ID. Response
    is a teaching simplification, an Emax curve :math:`E/(E_{50} + E)` with :math:`E_{50}` = the
    target. Strategies: fixed (m = 1 for all); selected (m = 1 if the estimate reaches the
    threshold, else untreated); adapted (m = target / estimate, capped at the maximum).

    Returns
    -------
    dict
        Per strategy: ``"reach target"`` (fraction of all patients), ``"treated"`` (fraction),
        ``"mean response"`` and ``"mean liver exposure"`` (per patient, %ID-equivalents), and,
        if ``blood_auc`` [%ID h] is given, ``"mean blood exposure"`` (dose multiple × AUC).
    """
    d = np.asarray(as_checked_array("true_delivery", true_delivery, "%ID", (0.0, 100.0)), float)
    e = np.asarray(
        as_checked_array("estimated_delivery", estimated_delivery, "%ID", (0.0, 100.0)), float
    )
    lv = np.asarray(as_checked_array("liver", liver, "%ID", (0.0, 100.0)), float)
    thr = check_value("threshold_pct", threshold_pct, "%ID", (0.0, 100.0))
    tgt = check_value("target_pct", target_pct, "%ID", (1e-6, 100.0))
    cap = check_value("max_dose_multiple", max_dose_multiple, "x standard dose", (1.0, 20.0))
    mg = check_value("margin", margin, "x target", (1.0, 3.0))
    auc = (
        None
        if blood_auc is None
        else np.asarray(as_checked_array("blood_auc", blood_auc, "%ID h", (0.0, 1e6)), float)
    )
    with np.errstate(divide="ignore"):
        adapted = np.where(e > 0, np.minimum(mg * tgt / np.where(e > 0, e, 1.0), cap), cap)
    multiples = {
        "treat everyone": np.ones_like(d),
        "treat the image-selected": (e >= thr).astype(float),
        "dose by the image": adapted,
    }
    out = {}
    for name, m in multiples.items():
        E = m * d
        out[name] = {
            "reach target": float(np.mean(E >= tgt * (1 - 1e-12))),
            "treated": float(np.mean(m > 0)),
            "mean response": float(np.mean(E / (tgt + E))),
            "mean liver exposure": float(np.mean(m * lv)),
        }
        if auc is not None:
            out[name]["mean blood exposure"] = float(np.mean(m * auc))
    return out
