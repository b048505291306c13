"""Whole-body biodistribution of an intravenous bolus of nanoparticles.

Compartments (amounts in % of the injected dose, %ID): blood (plasma), liver, spleen,
kidney (filtrate in transit), urine, tumour, brain and rest of body. Transfer rates come
from :mod:`nanoedu.models.size`, so every size effect acts through one function.

The linear model is solved exactly by eigen-decomposition, batched over many particles or
patients at once; the saturable option (Kupffer-cell capacity, Ouyang et al. 2020) is
nonlinear and is integrated with ``scipy.integrate.solve_ivp`` (LSODA, rtol 1e-8,
atol 1e-10 %ID).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields as dc_fields
from typing import Any

import numpy as np
from scipy.integrate import solve_ivp
from scipy.linalg import expm

from ..references import sources
from ..results import Result
from ._validate import time_grid
from .body import Nanoparticle, Patient, Tumour
from .size import (
    LIVER_SIZE_EXPONENT,
    SPLEEN_SIZE_EXPONENT,
    in_vivo_diameter_nm,
    peg_shielding_factor,
    phagocytic_size_factor,
    pore_permeability_cm_s,
    renal_sieving,
)

__all__ = [
    "COMPARTMENTS",
    "transfer_rates",
    "rate_matrix",
    "blood_loss_rate_per_h",
    "biodistribution",
    "DEFAULT_TIMES_H",
]

COMPARTMENTS = ("Blood", "Liver", "Spleen", "Kidney", "Urine", "Tumour", "Brain", "Rest of body")
_I = {name: i for i, name in enumerate(COMPARTMENTS)}
#: Default output grid: 0 to 48 h, 193 points (every 15 min).
DEFAULT_TIMES_H = np.linspace(0.0, 48.0, 193)

# Brain exchange (Lin et al. 2016, mouse; values from the science sheet, marked check there):
# cardiac output 16.5 L/h/kg^0.75, brain flow fraction 0.033, permeability-area product
# 1e-6 of brain flow. Brain mass fraction 1.6% of body mass and extracellular volume fraction
# 0.2 (Nance et al. 2012) set the volume the particles that cross can occupy.
_CARDIAC_OUTPUT_ML_H_PER_KG075 = 16.5e3
#: Tumour blood flow as a fraction of cardiac output (Cheng et al. 2020, check).
TUMOUR_FLOW_FRACTION = 0.01


def cardiac_output_mL_per_h(body_mass_g: Any) -> np.ndarray:
    """Cardiac output, 16.5 L/h/kg^0.75 (Lin et al. 2016, mouse) [mL/h]."""
    return _CARDIAC_OUTPUT_ML_H_PER_KG075 * (np.asarray(body_mass_g, dtype=float) / 1000.0) ** 0.75


_BRAIN_FLOW_FRACTION = 0.033
_BRAIN_PS_FRACTION_OF_FLOW = 1e-6
_BRAIN_MASS_FRACTION = 0.016
_BRAIN_ECS_FRACTION = 0.2
_SECONDS_PER_HOUR = 3600.0


def _batch(obj: Any, cls: type, name: str) -> list:
    if obj is None:
        return [cls()]
    if isinstance(obj, cls):
        return [obj]
    if isinstance(obj, Sequence) and not isinstance(obj, str) and len(obj) > 0:
        if all(isinstance(o, cls) for o in obj):
            return list(obj)
    raise ValueError(f"{name} = {obj!r} must be a {cls.__name__} or a non-empty sequence of them.")


def _column(items: list, attr: str) -> np.ndarray:
    return np.array([getattr(o, attr) for o in items], dtype=float)


def _broadcast(*lists: list) -> int:
    sizes = {len(x) for x in lists} - {1}
    if len(sizes) > 1:
        raise ValueError(
            f"batch sizes {sorted(len(x) for x in lists)} do not match: give one of each, "
            "or sequences of equal length."
        )
    return sizes.pop() if sizes else 1


_ALL_FIELD_SOURCES = sorted(
    {f.metadata["nanoedu"]["source"] for c in (Nanoparticle, Patient, Tumour) for f in dc_fields(c)}
)


@sources(*_ALL_FIELD_SOURCES, "lin2016", "nance2012")
def transfer_rates(
    particle: Nanoparticle | Sequence[Nanoparticle] | None = None,
    patient: Patient | Sequence[Patient] | None = None,
    tumour: Tumour | Sequence[Tumour] | None = None,
) -> dict[str, np.ndarray]:
    """First-order transfer rate constants between compartments [1/h], batched.

    Parameters
    ----------
    particle, patient, tumour : parameter set or sequence of them
        Defaults if ``None``. Sequences of equal length (or length 1) form a batch.

    Returns
    -------
    dict of numpy.ndarray
        Rate constants of shape (n,), keyed ``"Blood->Liver"`` etc. [1/h], plus the
        intermediate quantities ``"in-vivo diameter [nm]"``, ``"tumour P [cm/s]"`` and
        ``"tumour transcytosis share [1]"``.

    Notes
    -----
    With :math:`V_p` the plasma volume and :math:`d` the in-vivo diameter:

    - kidney: :math:`k = GFR\\,\\theta(d)/V_p`; kidney to urine at the transit rate;
    - liver, spleen: :math:`k = k_{ref} (d/100)^{a} (1 - 0.95 s_{PEG})`, a = 1 and 2;
    - tumour in: :math:`(P_{pores} + P_{trans}) S_t / V_p`; out: :math:`P_{pores} S_t /
      (\\phi V_t)` (transcytosis is one-way; pore diffusion is two-way);
    - brain: :math:`PS = 10^{-6} Q_{brain}` both ways (Lin et al. 2016);
    - rest of body: diffusion through 4.5 nm small pores of continuous capillaries, both ways.

    Examples
    --------
    >>> r = transfer_rates()
    >>> sorted(k for k in r if "->" in k)[:3]
    ['Blood->Brain', 'Blood->Kidney', 'Blood->Liver']
    """
    ps = _batch(particle, Nanoparticle, "particle")
    pa = _batch(patient, Patient, "patient")
    tu = _batch(tumour, Tumour, "tumour")
    n = _broadcast(ps, pa, tu)

    def col(items: list, attr: str) -> np.ndarray:
        return np.broadcast_to(_column(items, attr), (n,))

    d = in_vivo_diameter_nm(
        col(ps, "diameter_nm"),
        col(ps, "peg_coverage"),
        np.broadcast_to(np.array([p.zwitterionic for p in ps], dtype=bool), (n,)),
        col(ps, "corona_growth_nm"),
    )
    shield = peg_shielding_factor(col(ps, "peg_coverage"))
    v_p = col(pa, "plasma_volume_mL")
    bw_kg = col(pa, "body_mass_g") / 1000.0

    p_small = pore_permeability_cm_s(
        d, col(tu, "small_pore_radius_nm"), col(tu, "small_pore_area_per_length_per_cm")
    )
    p_large = pore_permeability_cm_s(
        d, col(tu, "large_pore_radius_nm"), col(tu, "large_pore_area_per_length_per_cm")
    )
    p_trans = col(tu, "transcytosis_permeability_cm_s")
    s_t = np.array([t.vessel_surface_cm2 for t in tu])
    s_t = np.broadcast_to(s_t, (n,))
    v_t_avail = col(tu, "mass_g") * col(tu, "available_volume_fraction")
    ps_in = (p_small + p_large + p_trans) * s_t * _SECONDS_PER_HOUR
    ps_back = (p_small + p_large) * s_t * _SECONDS_PER_HOUR

    q_brain = _BRAIN_FLOW_FRACTION * cardiac_output_mL_per_h(bw_kg * 1000.0)
    ps_brain = _BRAIN_PS_FRACTION_OF_FLOW * q_brain
    v_brain_ecs = _BRAIN_MASS_FRACTION * bw_kg * 1000.0 * _BRAIN_ECS_FRACTION

    # Continuous capillaries of normal tissue: the same small-pore population, no gaps.
    ps_rest = (
        pore_permeability_cm_s(d, 4.5, 17.6)
        * col(pa, "rest_capillary_surface_cm2")
        * _SECONDS_PER_HOUR
    )
    total_in = p_small + p_large + p_trans
    return {
        "Blood->Kidney": col(pa, "gfr_mL_per_h") * renal_sieving(d) / v_p,
        "Kidney->Urine": col(pa, "kidney_transit_per_h") * np.ones(n),
        "Blood->Liver": col(pa, "liver_uptake_per_h")
        * phagocytic_size_factor(d, LIVER_SIZE_EXPONENT)
        * shield,
        "Blood->Spleen": col(pa, "spleen_uptake_per_h")
        * phagocytic_size_factor(d, SPLEEN_SIZE_EXPONENT)
        * shield,
        "Blood->Tumour": ps_in / v_p,
        "Tumour->Blood": ps_back / v_t_avail,
        "Blood->Brain": ps_brain / v_p,
        "Brain->Blood": ps_brain / v_brain_ecs,
        "Blood->Rest of body": ps_rest / v_p,
        "Rest of body->Blood": ps_rest / col(pa, "rest_interstitial_volume_mL"),
        "in-vivo diameter [nm]": np.asarray(d),
        "tumour P [cm/s]": total_in,
        "tumour transcytosis share [1]": np.divide(
            p_trans, total_in, out=np.zeros(n), where=total_in > 0
        ),
    }


def blood_loss_rate_per_h(rates: dict[str, np.ndarray]) -> np.ndarray:
    """Total first-order rate at which blood loses particles, from :func:`transfer_rates` [1/h]."""
    return sum(v for k, v in rates.items() if k.startswith("Blood->"))


def rate_matrix(
    particle: Nanoparticle | Sequence[Nanoparticle] | None = None,
    patient: Patient | Sequence[Patient] | None = None,
    tumour: Tumour | Sequence[Tumour] | None = None,
) -> np.ndarray:
    """The compartment matrix K of dx/dt = K x, shape (n, 8, 8) [1/h].

    Columns are "from", rows "to"; every column sums to zero, so the dose is conserved.

    Examples
    --------
    >>> K = rate_matrix()
    >>> K.shape, bool(abs(K.sum(axis=1)).max() < 1e-12)
    ((1, 8, 8), True)
    """
    rates = transfer_rates(particle, patient, tumour)
    n = rates["Blood->Liver"].shape[0]
    K = np.zeros((n, 8, 8))
    for key, k in rates.items():
        if "->" not in key:
            continue
        # A rate below 1e-30 /h moves nothing in a human lifetime; zeroing it keeps the
        # eigenproblem well scaled (a 1e-240 /h entry made LAPACK's eigenbasis inexact).
        k = np.where(k < 1e-30, 0.0, k)
        src, dst = key.split("->")
        i, j = _I[dst], _I[src]
        K[:, i, j] += k
        K[:, j, j] -= k
    return K


_CHUNK = 1024  # patients per block in solve_linear


def solve_linear(K: np.ndarray, t: np.ndarray, x0: np.ndarray, t_auc: float) -> tuple:
    """x(t) = V exp(L t) V^-1 x0 for each matrix of a batch (n, m, m); and the exact AUC of
    state 0 (blood) over [0, t_auc]. Shared by every linear compartment model in nanoedu.

    ``t`` holds non-negative times in any order. Returns x with shape (n, len(t), m)."""
    lam, V = np.linalg.eig(K)
    # These compartment matrices have real spectra; working in real arithmetic when the
    # imaginary parts are round-off halves the memory and quarters the flops (cohorts).
    if (
        np.iscomplexobj(lam)
        and np.abs(lam.imag).max(initial=0.0)
        <= 1e-12 * max(np.abs(lam.real).max(initial=0.0), 1e-300)
        and np.abs(V.imag).max(initial=0.0) <= 1e-12
    ):
        lam, V = lam.real, V.real
    # Compartment matrices of this mammillary form have real eigenvalues; a near-defective
    # matrix (coinciding rates) or one with rates many orders of magnitude apart can give an
    # eigenbasis that does not reproduce K. Those items fall back to expm, which is exact.
    with np.errstate(all="ignore"):
        try:
            Vinv = np.linalg.inv(V)
        except np.linalg.LinAlgError:  # a singular eigenbasis somewhere in the batch
            Vinv = np.full_like(V, np.nan)
            for k in range(V.shape[0]):
                try:
                    Vinv[k] = np.linalg.inv(V[k])
                except np.linalg.LinAlgError:
                    pass
        # condition number in the infinity norm (cheaper than an SVD; same purpose)
        cond = np.abs(V).sum(axis=2).max(axis=1) * np.abs(Vinv).sum(axis=2).max(axis=1)
        good = np.isfinite(cond) & (cond < 1e8)
        rebuilt = ((V * lam[:, None, :]) @ Vinv).real
        scale = np.abs(K).max(axis=(1, 2))
        err = np.abs(rebuilt - K).max(axis=(1, 2))
        good &= err <= 1e-10 * scale
    x = np.empty((K.shape[0], t.size, K.shape[1]))
    auc = np.empty(K.shape[0])
    if good.any():
        every = bool(good.all())
        Vg, lg, Wg = (V, lam, Vinv) if every else (V[good], lam[good], Vinv[good])
        c = Wg @ x0.astype(Wg.dtype)
        VgT = np.swapaxes(Vg, 1, 2)
        xg = x if every else np.empty((Vg.shape[0], t.size, K.shape[1]))
        # In chunks: the temporaries stay small and hot in cache (for a 10,000-patient cohort,
        # allocating them whole cost more than the arithmetic).
        real = not np.iscomplexobj(Vg)
        buf = np.empty((min(_CHUNK, Vg.shape[0]), t.size, K.shape[1]), dtype=Vg.dtype)
        for lo in range(0, Vg.shape[0], _CHUNK):
            hi = min(lo + _CHUNK, Vg.shape[0])
            e = buf[: hi - lo]
            np.multiply(lg[lo:hi, None, :], t[None, :, None], out=e)
            np.exp(e, out=e)
            e *= c[lo:hi, None, :]
            if real:
                np.matmul(e, VgT[lo:hi], out=xg[lo:hi])
            else:
                xg[lo:hi] = (e @ VgT[lo:hi]).real
        if not every:
            x[good] = xg
        with np.errstate(divide="ignore", invalid="ignore"):
            g = np.where(np.abs(lg) * t_auc < 1e-12, t_auc, np.expm1(lg * t_auc) / lg)
        auc[good] = np.einsum("nj,nj->n", Vg[:, 0, :], c * g).real
    m = K.shape[1]
    # A closed system (columns of K sum to zero) must conserve sum(x). With rates spanning
    # many orders of magnitude the eigen-solution can miss that by more than 1e-12 of the
    # dose even when its eigenbasis passed the check above; such items are redone with expm.
    scale_k = np.abs(K).max(axis=(1, 2))
    closed = np.abs(K.sum(axis=1)).max(axis=1) <= 1e-12 * np.maximum(scale_k, 1e-300)
    total0 = x0.sum()
    drift = np.abs(x.sum(axis=2) - total0).max(axis=1)
    good &= ~(closed & (drift > 1e-12 * abs(total0)))
    for k in np.flatnonzero(~good):
        # Step from output time to output time: each expm then has a small norm, which keeps
        # a stiff system's round-off (and its loss of the conserved total) near 1e-14.
        order = np.argsort(t, kind="stable")
        xk, prev = x0.astype(float), 0.0
        for j in order:
            xk = expm(K[k] * (t[j] - prev)) @ xk
            x[k, j], prev = xk, t[j]
        # AUC from the augmented-matrix identity: expm([[K, x0],[0, 0]] T)[:, -1] = int x dt
        A = np.zeros((m + 1, m + 1))
        A[:m, :m] = K[k]
        A[:m, m] = x0
        auc[k] = expm(A * t_auc)[0, m]
    return x, auc


def _solve_saturable(
    K: np.ndarray, t: np.ndarray, x0: np.ndarray, k_liver: float, capacity_pct: float
) -> tuple[np.ndarray, np.ndarray]:
    """Integrate dx/dt = K x with Kupffer-cell capacity: liver flux k B (1 - L / L_max).

    A ninth state integrates blood over time, so the AUC is as exact as the solution.
    """
    b, li = _I["Blood"], _I["Liver"]
    A = np.zeros((9, 9))
    A[:8, :8] = K
    A[li, b] -= k_liver  # the liver flux is added back below, with its capacity factor
    A[b, b] += k_liver
    A[8, b] = 1.0

    def free(x: np.ndarray) -> float:
        return max(0.0, 1.0 - x[li] / capacity_pct)

    def rhs(_t: float, x: np.ndarray) -> np.ndarray:
        flux = k_liver * x[b] * free(x)
        dx = A @ x
        dx[b] -= flux
        dx[li] += flux
        return dx

    def jac(_t: float, x: np.ndarray) -> np.ndarray:
        J = A.copy()
        f = free(x)
        dflux_db = k_liver * f
        dflux_dl = -k_liver * x[b] / capacity_pct if f > 0 else 0.0
        J[b, b] -= dflux_db
        J[li, b] += dflux_db
        J[b, li] -= dflux_dl
        J[li, li] += dflux_dl
        return J

    y0 = np.append(x0, 0.0)
    sol = solve_ivp(
        rhs, (0.0, float(t[-1])), y0, method="LSODA", t_eval=t, jac=jac, rtol=1e-8, atol=1e-10
    )
    if not sol.success:  # pragma: no cover - LSODA on this stable system does not fail
        raise RuntimeError(f"solve_ivp failed: {sol.message}")
    return sol.y[:8].T, sol.y[8]


@sources(
    *_ALL_FIELD_SOURCES,
    "lin2016",
    "nance2012",
    "einstein1905",
    "kestin1978",
    "wilhelm2016",
    "sindhwani2020",
)
def biodistribution(
    particle: Nanoparticle | Sequence[Nanoparticle] | None = None,
    patient: Patient | Sequence[Patient] | None = None,
    tumour: Tumour | Sequence[Tumour] | None = None,
    times_h: Any = None,
    saturable: bool = False,
) -> Result:
    """Where an intravenous bolus goes: %ID in each compartment over time.

    Parameters
    ----------
    particle, patient, tumour : parameter set or sequence of them, optional
        Defaults if ``None``. Sequences of equal length form a batch of n.
    times_h : array-like, optional
        Output times [h], increasing, from 0 to at most 1000 h; default 0-48 h every 15 min.
        24 h is always computed for the delivery metric, whether listed or not.
    saturable : bool
        If True, Kupffer-cell uptake saturates at the patient's capacity in particles
        (Ouyang et al. 2020) and the model is integrated with ``solve_ivp``; otherwise the
        linear model is solved exactly.

    Returns
    -------
    Result
        ``values``: ``"<Compartment> [%ID]"`` with shape (T,) or (n, T) for a batch.
        ``metrics``: tumour delivery at 24 h [%ID] and [%ID/g], blood AUC over the output
        window [%ID h], liver + spleen, urine and brain at 24 h [%ID], in-vivo diameter [nm].

    Notes
    -----
    .. math:: \\frac{dx}{dt} = K x, \\qquad x(0) = 100\\,e_{blood}, \\qquad
              x(t) = V e^{\\Lambda t} V^{-1} x(0)

    with K from :func:`rate_matrix`. Because every column of K sums to zero, the sum of all
    compartments stays 100 %ID. Assumptions and lumping: docs/science.md.

    References
    ----------
    Lin Z et al. (2016) Nanotoxicology 10:162. doi:10.3109/17435390.2015.1027314
    Cheng YH et al. (2020) ACS Nano 14:3075. doi:10.1021/acsnano.9b08142

    Examples
    --------
    >>> r = biodistribution()
    >>> round(float(r["Tumour at 24 h [%ID]"]), 2)
    0.7
    >>> bool(abs(sum(v[-1] for v in r.values.values()) - 100.0) < 1e-9)
    True
    """
    if not isinstance(saturable, bool):
        raise ValueError(f"saturable = {saturable!r} must be True or False.")
    t = time_grid(times_h, DEFAULT_TIMES_H)
    ps = _batch(particle, Nanoparticle, "particle")
    pa = _batch(patient, Patient, "patient")
    tu = _batch(tumour, Tumour, "tumour")
    n = _broadcast(ps, pa, tu)
    K = rate_matrix(ps, pa, tu)
    rates = transfer_rates(ps, pa, tu)
    x0 = np.zeros(8)
    x0[_I["Blood"]] = 100.0

    t_all = np.union1d(t, [24.0])
    i24 = int(np.searchsorted(t_all, 24.0))
    if saturable:
        x = np.empty((n, t_all.size, 8))
        auc = np.empty(n)
        for k in range(n):
            p = ps[k if len(ps) > 1 else 0]
            pat = pa[k if len(pa) > 1 else 0]
            cap = 100.0 * pat.kupffer_capacity_particles / p.dose_particles
            x[k], running_auc = _solve_saturable(K[k], t_all, x0, rates["Blood->Liver"][k], cap)
            auc[k] = running_auc[int(np.searchsorted(t_all, t[-1]))]
    else:
        x, auc = solve_linear(K, t_all, x0, float(t[-1]))
    keep = np.isin(t_all, t)
    x24 = x[:, i24, :]
    x = x[:, keep, :]
    squeeze = n == 1
    values = {
        f"{c} [%ID]": (x[0, :, i] if squeeze else x[:, :, i]) for i, c in enumerate(COMPARTMENTS)
    }
    mass = np.array([tt.mass_g for tt in tu])

    def m(v: np.ndarray) -> Any:
        return float(v[0]) if squeeze else v

    metrics = {
        "Tumour at 24 h [%ID]": m(x24[:, _I["Tumour"]]),
        "Tumour at 24 h [%ID/g]": m(x24[:, _I["Tumour"]] / mass),
        "Liver + spleen at 24 h [%ID]": m(x24[:, _I["Liver"]] + x24[:, _I["Spleen"]]),
        "Urine at 24 h [%ID]": m(x24[:, _I["Urine"]]),
        "Brain at 24 h [%ID]": m(x24[:, _I["Brain"]]),
        f"Blood AUC 0-{t[-1]:g} h [%ID h]": m(auc),
        "In-vivo diameter [nm]": m(rates["in-vivo diameter [nm]"]),
    }
    params = {
        "particle": ps if n > 1 else ps[0],
        "patient": pa if n > 1 else pa[0],
        "tumour": tu if n > 1 else tu[0],
        "saturable": saturable,
    }
    return Result(t=t, values=values, metrics=metrics, parameters=params)
