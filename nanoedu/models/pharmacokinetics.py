"""Whole-body biodistribution of an intravenous bolus of nanoparticles (or antibodies).

Where the dose goes, in % of the injected dose (%ID): blood (plasma); liver, spleen and the
other phagocytes of the body (bone marrow, lung, carcass), which keep what they take up;
kidney (filtrate in transit) and urine; the tumour, split into particles free in its
interstitium, on cancer cells, inside cancer cells and inside tumour-associated macrophages;
the brain's extracellular space; and the interstitium of the rest of the body. Transfer rates
come from :mod:`nanoedu.models.size` (sieving, pores, phagocytosis), the blood-brain barrier of
:mod:`nanoedu.models.bbb`, and the tumour's own geometry and fluid balance
(:class:`~nanoedu.models.body.Tumour`), so every size effect acts through one function.

The linear model is solved exactly by eigen-decomposition, batched over many particles or
patients at once; the saturable option (Kupffer-cell capacity, Ouyang et al. 2020) is
nonlinear and is integrated with ``scipy.integrate.solve_ivp`` (LSODA, rtol 1e-8,
atol 1e-10 %ID). Assumptions, lumping and calibrations: docs/science.md, section 2.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields as dc_fields
from typing import Any

import numpy as np
from scipy.integrate import solve_ivp
from scipy.linalg import expm

from ..constants import SECONDS_PER_HOUR
from ..parameters import validated_inputs
from ..references import sources
from ..results import Result
from ._linalg import flow_matrix
from ._validate import batch_size, parameter_batch, time_grid
from .bbb import BloodBrainBarrier, bbb_permeability_cm_s
from .body import MOUSE_CARDIAC_OUTPUT_ML_PER_H, Nanoparticle, Patient, Tumour
from .size import (
    LIVER_SIZE_EXPONENT,
    SPLEEN_SIZE_EXPONENT,
    fcrn_factor,
    in_vivo_diameter_nm,
    peg_shielding_factor,
    phagocytic_size_factor,
    pore_partition,
    pore_permeability_cm_s,
    renal_sieving,
    tumour_available_volume_fraction,
    vesicular_permeability_cm_s,
)

__all__ = [
    "COMPARTMENTS",
    "STATES",
    "TUMOUR_STATES",
    "COMPARTMENT_GROUPS",
    "FLOWS",
    "transfer_rates",
    "rate_matrix",
    "matrix_from_rates",
    "biodistribution_result",
    "blood_loss_rate_per_h",
    "biodistribution",
    "DEFAULT_TIMES_H",
    "REPORT_TIMES_H",
]

#: The organs a result reports (``"<name> [%ID]"``); "Tumour" is the sum of the tumour's states.
COMPARTMENTS = (
    "Blood",
    "Liver",
    "Spleen",
    "Kidney",
    "Urine",
    "Tumour",
    "Brain",
    "Rest of body",
    "Other phagocytes",
)
#: The model's states: the organs (state "Tumour" holds the particles free in the tumour's
#: interstitium) and three more places in the tumour.
STATES = COMPARTMENTS + (
    "Tumour: on cancer cells",
    "Tumour: inside cancer cells",
    "Tumour: in macrophages",
)
_I = {name: i for i, name in enumerate(STATES)}
#: Indices of the tumour's states: free, on cancer cells, inside cancer cells, in macrophages.
TUMOUR_STATES = (
    _I["Tumour"],
    _I["Tumour: on cancer cells"],
    _I["Tumour: inside cancer cells"],
    _I["Tumour: in macrophages"],
)
#: (len(STATES), len(COMPARTMENTS)): sums the states into the reported compartments (the
#: tumour's four states into "Tumour"); for ``solve_linear(..., groups=COMPARTMENT_GROUPS)``.
COMPARTMENT_GROUPS = np.zeros((len(STATES), len(COMPARTMENTS)))
COMPARTMENT_GROUPS[np.arange(len(COMPARTMENTS)), np.arange(len(COMPARTMENTS))] = 1.0
COMPARTMENT_GROUPS[list(TUMOUR_STATES), COMPARTMENTS.index("Tumour")] = 1.0
COMPARTMENT_GROUPS.flags.writeable = False
#: The model's flows between states, as (from, to); :func:`transfer_rates` gives each one's
#: rate constant under this key (the targeted model adds binding, section 3 of
#: docs/science.md).
FLOWS: tuple[tuple[str, str], ...] = (
    ("Blood", "Kidney"),
    ("Kidney", "Urine"),
    ("Blood", "Liver"),
    ("Blood", "Spleen"),
    ("Blood", "Other phagocytes"),
    ("Blood", "Tumour"),
    ("Tumour", "Blood"),
    ("Blood", "Tumour: in macrophages"),
    ("Tumour", "Tumour: in macrophages"),
    ("Tumour: in macrophages", "Tumour"),
    ("Tumour", "Tumour: inside cancer cells"),
    ("Tumour: inside cancer cells", "Tumour"),
    ("Blood", "Brain"),
    ("Brain", "Blood"),
    ("Blood", "Rest of body"),
    ("Rest of body", "Blood"),
)
#: Default output grid: 0 to 48 h, 193 points (every 15 min).
DEFAULT_TIMES_H = np.linspace(0.0, 48.0, 193)
#: Times at which delivery metrics are always computed, listed as output times or not [h]:
#: 24 h (the delivery efficiency of Wilhelm 2016 and Cheng 2020) and 168 h (Cheng's DE168).
REPORT_TIMES_H = (24.0, 168.0)

# Flows come from the patient (cardiac output, liver and spleen fractions; Brown et al. 1997,
# Lin et al. 2016); the haematocrit is 0.45 in mouse and human.
HAEMATOCRIT = 0.45
#: Tumour blood flow per gram [mL/h/g]: 1% of the mouse's cardiac output for a 0.6 g tumour
#: (Cheng et al. 2020, check), 0.29 mL/min/g; the same per gram in every body.
TUMOUR_BLOOD_FLOW_ML_PER_H_PER_G = 0.01 * MOUSE_CARDIAC_OUTPUT_ML_PER_H / 0.6

# Continuous capillaries of the rest of the body, two-pore theory (Rippe & Haraldsson 1994):
# small pores (the tumour's small-pore population, Schmidt & Wittrup 2009) and rare large
# pores of radius 25 nm that carry 6% of the filtered fluid. A large pore conducts fluid in
# proportion to its area times r^2 (Poiseuille), which sets the large pores' A/L.
REST_SMALL_PORE_RADIUS_NM = 4.5
REST_SMALL_PORE_AREA_PER_LENGTH_PER_CM = 17.6
REST_LARGE_PORE_RADIUS_NM = 25.0
REST_LARGE_PORE_FLUID_FRACTION = 0.06
REST_LARGE_PORE_AREA_PER_LENGTH_PER_CM = (
    REST_SMALL_PORE_AREA_PER_LENGTH_PER_CM
    * REST_LARGE_PORE_FLUID_FRACTION
    / (1.0 - REST_LARGE_PORE_FLUID_FRACTION)
    * (REST_SMALL_PORE_RADIUS_NM / REST_LARGE_PORE_RADIUS_NM) ** 2
)


_ALL_FIELD_SOURCES = sorted(
    {
        f.metadata["nanoedu"]["source"]
        for c in (Nanoparticle, Patient, Tumour, BloodBrainBarrier)
        for f in dc_fields(c)
    }
)


def _flow_limited(intrinsic_per_h: np.ndarray, plasma_flow_mL_h: np.ndarray, v_p: np.ndarray):
    """Uptake rate from plasma [1/h] of an organ that extracts 1 - exp(-CL_int/Q) per pass."""
    q = plasma_flow_mL_h / v_p
    return q * -np.expm1(-intrinsic_per_h / q)


@sources(*_ALL_FIELD_SOURCES, "lin2016", "brown1997", "nance2012", "rippe1994", "schmidt2009")
def transfer_rates(
    particle: Nanoparticle | Sequence[Nanoparticle] | None = None,
    patient: Patient | Sequence[Patient] | None = None,
    tumour: Tumour | Sequence[Tumour] | None = None,
    bbb: BloodBrainBarrier | None = None,
) -> dict[tuple[str, str] | str, np.ndarray]:
    r"""First-order transfer rate constants between the model's states [1/h], batched.

    Parameters
    ----------
    particle, patient, tumour : parameter set or sequence of them
        Defaults if ``None``. Sequences of equal length (or length 1) form a batch.
    bbb : BloodBrainBarrier, optional
        The brain's capillaries (default: the mouse's).

    Returns
    -------
    dict of numpy.ndarray
        Rate constants of shape (n,), keyed by the flow's (from, to) pair of :data:`FLOWS`,
        e.g. ``("Blood", "Liver")`` [1/h], plus the
        intermediate quantities ``"in-vivo diameter [nm]"``, ``"tumour P [cm/s]"`` (the
        tumour vessels' permeability, both pathways), ``"tumour P small pores [cm/s]"``,
        ``"tumour available volume [1]"`` and ``"brain PS [mL/h]"``.

    Notes
    -----
    With :math:`V_p` the plasma volume, :math:`d` the in-vivo diameter and
    :math:`g` the PEG (and, for antibodies, FcRn) factor:

    - kidney: :math:`GFR\,\theta(d)/V_p`; kidney to urine at the transit rate;
    - liver, spleen, other phagocytes: intrinsic clearance
      :math:`k_{ref} (d/100)^a g\,V_p` (a = 1, 2, 1), flow-limited,
      :math:`k = (Q/V_p)(1 - e^{-CL_{int}/Q})` with the organ's plasma flow Q;
    - tumour in: :math:`P S_t / V_p` (two-pore, Schmidt & Wittrup 2009); free tumour particles
      out to blood by back-diffusion :math:`P S_t/(\phi(d) V_t)` and with the interstitial
      fluid the tumour's vessels filter, :math:`(Q_f/V_t)\,\phi(d)/\phi_0^2` (Baxter & Jain
      1989; carried by the fluid in the channels they fit); taken
      up by tumour macrophages (:math:`k_{TAM}(d/100)g`) and into cancer cells;
    - brain: Renkin-Crone clearance :math:`F(1 - e^{-PS/F})` with the blood-brain barrier's
      permeability; out by the same clearance over the extracellular volume and by
      interstitial bulk flow;
    - rest of body: diffusion through small and large pores of continuous capillaries and
      convection through the large pores; back by diffusion and with the lymph.

    Examples
    --------
    >>> r = transfer_rates()
    >>> sorted(k for k in r if isinstance(k, tuple))[:2]
    [('Blood', 'Brain'), ('Blood', 'Kidney')]
    """
    ps = parameter_batch(particle, Nanoparticle, "particle")
    pa = parameter_batch(patient, Patient, "patient")
    tu = parameter_batch(tumour, Tumour, "tumour")
    if bbb is None:
        bbb = BloodBrainBarrier()
    elif not isinstance(bbb, BloodBrainBarrier):
        raise ValueError(f"bbb = {bbb!r} must be a BloodBrainBarrier (or None for the default).")
    n = batch_size(ps, pa, tu)
    # Validated once, here: every quantity below is derived from the checked parameter sets.
    with validated_inputs():
        return _rates(ps, pa, tu, bbb, n)


def _rates(ps: list, pa: list, tu: list, bbb: BloodBrainBarrier, n: int) -> dict:
    """The body of :func:`transfer_rates`, on checked parameter sets of a batch of n."""

    def col(items: list, attr: str) -> np.ndarray:
        return np.broadcast_to(np.array([getattr(o, attr) for o in items], dtype=float), (n,))

    def flag(items: list, attr: str) -> np.ndarray:
        return np.broadcast_to(np.array([getattr(o, attr) for o in items], dtype=bool), (n,))

    antibody = flag(ps, "antibody")
    d = in_vivo_diameter_nm(
        col(ps, "diameter_nm"),
        col(ps, "peg_coverage"),
        flag(ps, "zwitterionic") | antibody,
        col(ps, "corona_growth_nm"),
    )
    # An antibody carries no PEG brush (its coverage is ignored); FcRn recycling spares it.
    # Anti-PEG antibodies (accelerated blood clearance) bind the brush and opsonise it: PEG no
    # longer shields (a stated simplification of Dams et al. 2000's second-dose clearance).
    peg = np.where(
        flag(ps, "anti_peg_antibodies"), 1.0, peg_shielding_factor(col(ps, "peg_coverage"))
    )
    shield = np.where(antibody, fcrn_factor(antibody), peg)
    v_p = col(pa, "plasma_volume_mL")
    plasma_flow = col(pa, "cardiac_output_mL_per_h") * (1.0 - HAEMATOCRIT)
    liver_fraction = col(pa, "liver_flow_fraction")
    spleen_fraction = col(pa, "spleen_flow_fraction")

    def phagocytic(k_ref: np.ndarray, exponent: float, flow_fraction: Any) -> np.ndarray:
        intrinsic = k_ref * phagocytic_size_factor(d, exponent) * shield
        return _flow_limited(intrinsic, flow_fraction * plasma_flow, v_p)

    # Perivascular macrophages of the tumour capture opsonised particles from its blood, with
    # the other phagocytic organs' extraction per unit flow times blood_capture_ratio: a
    # particle the body clears fast still leaves a share of itself in the tumour (Cheng et
    # al. 2020's tumour has its own phagocytes; docs/science.md, section 1).
    tumour_blood_flow = TUMOUR_BLOOD_FLOW_ML_PER_H_PER_G * col(tu, "mass_g")
    tumour_flow_fraction = tumour_blood_flow / col(pa, "cardiac_output_mL_per_h")
    tumour_capture = phagocytic(
        col(pa, "other_uptake_per_h") * tumour_flow_fraction * col(tu, "blood_capture_ratio"),
        LIVER_SIZE_EXPONENT,
        tumour_flow_fraction,
    )

    # Tumour: two-pore permeability, size-dependent available volume, fluid outflow.
    p_small = pore_permeability_cm_s(
        d, col(tu, "small_pore_radius_nm"), col(tu, "small_pore_area_per_length_per_cm")
    )
    p_large = pore_permeability_cm_s(
        d, col(tu, "large_pore_radius_nm"), col(tu, "large_pore_area_per_length_per_cm")
    )
    # Most of the large pathway is one-way transport through endothelial cells (Sindhwani et
    # al. 2020), at a rate that does not depend on the particle's diffusivity; only the gaps
    # are diffusive (docs/science.md, section 1).
    transcellular = col(tu, "transcellular_fraction")
    p_vesicular = vesicular_permeability_cm_s(
        d, col(tu, "large_pore_radius_nm"), col(tu, "large_pore_area_per_length_per_cm")
    )
    p_t = p_small + transcellular * p_vesicular + (1.0 - transcellular) * p_large
    # Back to blood only through the small pores and the large pathway's gaps.
    p_back = p_small + p_large * (1.0 - transcellular)
    s_t = np.broadcast_to(np.array([t.vessel_surface_cm2 for t in tu]), (n,))
    v_t = col(tu, "mass_g")
    phi0 = col(tu, "available_volume_fraction")
    phi = tumour_available_volume_fraction(d, phi0)
    ps_t = p_t * s_t * SECONDS_PER_HOUR
    outflow = np.broadcast_to(np.array([t.fluid_outflow_per_h for t in tu]), (n,))
    with np.errstate(divide="ignore", invalid="ignore"):
        back = np.where(phi > 0, p_back * s_t * SECONDS_PER_HOUR / (phi * v_t), 0.0)
    # Free particles leave with the interstitial fluid the vessels filter; a particle is carried
    # only by the fluid in the channels it fits (the share phi/phi0 of the interstitium), so
    # large particles stay near the vessels while small ones wash out (docs/science.md).
    washout = outflow / phi0 * (phi / phi0)

    # Brain: Renkin-Crone clearance through the blood-brain barrier (same as lesson 03).
    m_brain = col(pa, "brain_mass_g")
    ps_brain = (
        bbb_permeability_cm_s(d, bbb) * bbb.capillary_surface_cm2_per_g * m_brain * SECONDS_PER_HOUR
    )
    f_brain = bbb.flow_mL_per_h_per_g * (1.0 - HAEMATOCRIT) * m_brain
    cl_brain = f_brain * -np.expm1(-ps_brain / f_brain)

    # Rest of body: continuous capillaries, small and large pores, convection with the lymph.
    s_rest = col(pa, "rest_capillary_surface_cm2")
    ps_rest = (
        (
            pore_permeability_cm_s(
                d, REST_SMALL_PORE_RADIUS_NM, REST_SMALL_PORE_AREA_PER_LENGTH_PER_CM
            )
            + pore_permeability_cm_s(
                d, REST_LARGE_PORE_RADIUS_NM, REST_LARGE_PORE_AREA_PER_LENGTH_PER_CM
            )
        )
        * s_rest
        * SECONDS_PER_HOUR
    )
    lymph = col(pa, "lymph_flow_mL_per_h")
    convection = (
        REST_LARGE_PORE_FLUID_FRACTION * lymph * pore_partition(d, REST_LARGE_PORE_RADIUS_NM)
    )
    v_isf = col(pa, "rest_interstitial_volume_mL")

    return {
        ("Blood", "Kidney"): col(pa, "gfr_mL_per_h") * renal_sieving(d) / v_p,
        ("Kidney", "Urine"): col(pa, "kidney_transit_per_h") * np.ones(n),
        ("Blood", "Liver"): phagocytic(
            col(pa, "liver_uptake_per_h"), LIVER_SIZE_EXPONENT, liver_fraction
        ),
        ("Blood", "Spleen"): phagocytic(
            col(pa, "spleen_uptake_per_h"), SPLEEN_SIZE_EXPONENT, spleen_fraction
        ),
        ("Blood", "Other phagocytes"): phagocytic(
            col(pa, "other_uptake_per_h"), LIVER_SIZE_EXPONENT, 1.0
        ),
        ("Blood", "Tumour"): ps_t / v_p,
        ("Tumour", "Blood"): back + washout,
        ("Blood", "Tumour: in macrophages"): tumour_capture,
        ("Tumour", "Tumour: in macrophages"): col(tu, "macrophage_uptake_per_h")
        * phagocytic_size_factor(d, LIVER_SIZE_EXPONENT)
        * fcrn_factor(antibody),
        ("Tumour: in macrophages", "Tumour"): col(tu, "cell_release_per_h") * np.ones(n),
        ("Tumour", "Tumour: inside cancer cells"): col(tu, "cancer_cell_uptake_per_h") * np.ones(n),
        ("Tumour: inside cancer cells", "Tumour"): col(tu, "cell_release_per_h") * np.ones(n),
        ("Blood", "Brain"): cl_brain / v_p,
        ("Brain", "Blood"): cl_brain / (bbb.ecs_volume_fraction * m_brain)
        + bbb.isf_clearance_per_h
        + bbb.efflux_per_h,
        ("Blood", "Rest of body"): (ps_rest + convection) / v_p,
        ("Rest of body", "Blood"): (ps_rest + lymph) / v_isf,
        "in-vivo diameter [nm]": np.asarray(d),
        "tumour P [cm/s]": p_t,
        "tumour P small pores [cm/s]": p_small,
        "tumour P back [cm/s]": p_back,
        "tumour available volume [1]": phi,
        "tumour back-diffusion [1/h]": back,
        "tumour outflow [1/h]": washout,
        "phagocyte plasma flows [mL/h]": np.stack(
            [liver_fraction * plasma_flow, spleen_fraction * plasma_flow, plasma_flow]
        ),
        "brain PS [mL/h]": ps_brain,
        "tumour plasma flow [mL/h]": tumour_blood_flow * (1.0 - HAEMATOCRIT),
    }


def blood_loss_rate_per_h(rates: dict) -> np.ndarray:
    """Total first-order rate at which blood loses particles, from :func:`transfer_rates` [1/h]."""
    return sum(rates[flow] for flow in FLOWS if flow[0] == "Blood")


def rate_matrix(
    particle: Nanoparticle | Sequence[Nanoparticle] | None = None,
    patient: Patient | Sequence[Patient] | None = None,
    tumour: Tumour | Sequence[Tumour] | None = None,
    bbb: BloodBrainBarrier | None = None,
) -> np.ndarray:
    """The matrix K of dx/dt = K x over :data:`STATES`, shape (n, 12, 12) [1/h].

    Columns are "from", rows "to"; every column sums to zero, so the dose is conserved.

    Examples
    --------
    >>> K = rate_matrix()
    >>> K.shape, bool(abs(K.sum(axis=1)).max() < 1e-12)
    ((1, 12, 12), True)
    """
    rates = transfer_rates(particle, patient, tumour, bbb)
    return matrix_from_rates(rates)


def matrix_from_rates(rates: dict) -> np.ndarray:
    """The rate matrix (n, 12, 12) [1/h] of the flows in ``rates`` (from :func:`transfer_rates`).

    Each flow (from, to) of :data:`FLOWS` leaves its "from" state (diagonal) and enters its "to"
    state; every column sums to zero.

    Examples
    --------
    >>> K = matrix_from_rates(transfer_rates())
    >>> K.shape
    (1, 12, 12)
    """
    # A rate below 1e-30 /h moves nothing in a human lifetime; zeroing it keeps the
    # eigenproblem well scaled (a 1e-240 /h entry made LAPACK's eigenbasis inexact).
    return flow_matrix(
        {f: np.where(rates[f] < 1e-30, 0.0, rates[f]) for f in FLOWS}, _I, len(STATES)
    )


_CHUNK = 1024  # patients per block in solve_linear


def _eigen(K: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Eigenvalues, eigenvectors and their inverse for a batch (n, m, m), and which items'
    eigenbasis reproduces K well enough to use (the rest fall back to expm)."""
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
        good &= err <= 1e-10 * np.maximum(scale, 1e-300)
    return lam, V, Vinv, good


def solve_linear(
    K: np.ndarray,
    t: np.ndarray,
    x0: np.ndarray,
    t_auc: float,
    groups: np.ndarray | None = None,
) -> tuple:
    r"""x(t) = V exp(L t) V^-1 x0 for each matrix of a batch (n, m, m); and the exact AUC of
    state 0 (blood) over [0, t_auc]. Shared by every linear compartment model in nanoedu.

    States that nothing leaves in any item of the batch (sinks: liver, spleen, urine, ...) are
    not part of the eigenproblem. The transient states T evolve on their own,
    :math:`x_T(t) = V e^{\Lambda t} c`, and a sink S only accumulates what flows in:
    :math:`x_S(t) = x_S(0) + K_{ST} \int_0^t x_T = x_S(0) + K_{ST} V \Lambda^{-1}
    (e^{\Lambda t} - 1) c`. So every state at every time is one product of
    :math:`e^{\Lambda t} c` with a fixed matrix, plus a constant: no second exponential.

    ``groups`` (m, r), optional, sums states into r outputs (each state in exactly one group,
    e.g. the tumour's four states into one compartment); the sum is folded into that matrix.
    ``t`` holds non-negative times in any order. Returns x with shape (n, len(t), m) (or r).
    """
    n, m = K.shape[0], K.shape[1]
    P = np.eye(m) if groups is None else np.asarray(groups, dtype=float)
    if P.shape[0] != m or not np.allclose(P.sum(axis=1), 1.0):
        raise ValueError(f"groups must have {m} rows that each sum to 1; got shape {P.shape}")
    r = P.shape[1]
    sink = np.all(K == 0.0, axis=(0, 1))  # a column of zeros in every item: nothing leaves
    sink[0] = False  # blood is always solved (its AUC is reported)
    tr, sk = np.flatnonzero(~sink), np.flatnonzero(sink)
    KT = K[:, tr[:, None], tr]
    lam, V, Vinv, good = _eigen(KT)
    # The sink map divides by each eigenvalue: a transient block with a zero eigenvalue
    # (possible only if a state has no way out in some items of the batch) goes to expm.
    good &= np.all(
        np.abs(lam) > 1e-14 * np.maximum(np.abs(KT).max(axis=(1, 2)), 1e-300)[:, None], axis=1
    )
    x = np.empty((n, t.size, r))
    auc = np.empty(n)
    total0 = x0.sum()
    drift = np.full(n, np.inf)  # largest departure of sum(x) from the dose (closed systems)
    if good.any():
        every = bool(good.all())
        Vg, lg, Wg = (V, lam, Vinv) if every else (V[good], lam[good], Vinv[good])
        c = Wg @ x0[tr].astype(Wg.dtype)
        # M maps e^{lt} c to the outputs: V^T into the transient states, (K_ST V / l)^T into
        # the sinks, then summed into groups; the sinks' constant part is added after.
        KST = (K[:, sk[:, None], tr] if every else K[good][:, sk[:, None], tr]).astype(Vg.dtype)
        S = (KST @ Vg) / lg[:, None, :]
        M = np.swapaxes(Vg, 1, 2) @ P[tr].astype(Vg.dtype) + np.swapaxes(S, 1, 2) @ P[sk]
        offset = (x0[sk] - np.einsum("nsj,nj->ns", S, c)) @ P[sk] if sk.size else None
        real = not np.iscomplexobj(Vg)
        if real:
            offset = None if offset is None else offset.real
        xg = x if every else np.empty((Vg.shape[0], t.size, r))
        drift_g = np.empty(Vg.shape[0])
        # In chunks: the temporaries stay small and hot in cache (for a 10,000-patient cohort,
        # allocating them whole cost more than the arithmetic).
        buf = np.empty((min(_CHUNK, Vg.shape[0]), t.size, tr.size), dtype=Vg.dtype)
        for lo in range(0, Vg.shape[0], _CHUNK):
            hi = min(lo + _CHUNK, Vg.shape[0])
            e = buf[: hi - lo]
            np.multiply(lg[lo:hi, None, :], t[None, :, None], out=e)
            np.exp(e, out=e)
            e *= c[lo:hi, None, :]
            if real:
                np.matmul(e, M[lo:hi], out=xg[lo:hi])
            else:
                xg[lo:hi] = (e @ M[lo:hi]).real
            if offset is not None:
                xg[lo:hi] += offset[lo:hi, None, :].real
            # checked while the chunk is still in cache
            drift_g[lo:hi] = np.abs(xg[lo:hi].sum(axis=2) - total0).max(axis=1)
        drift[good] = drift_g
        if not every:
            x[good] = xg
        with np.errstate(divide="ignore", invalid="ignore"):
            ga = np.where(np.abs(lg) * t_auc < 1e-12, t_auc, np.expm1(lg * t_auc) / lg)
        auc[good] = np.einsum("nj,nj->n", Vg[:, 0, :], c * ga).real
    # A closed system (columns of K sum to zero) must conserve sum(x). With rates spanning
    # many orders of magnitude the eigen-solution can miss that by more than 1e-12 of the
    # dose even when its eigenbasis passed the check above; such items are redone with expm.
    scale_k = np.abs(K).max(axis=(1, 2))
    closed = np.abs(K.sum(axis=1)).max(axis=1) <= 1e-12 * np.maximum(scale_k, 1e-300)
    good &= ~(closed & ~(drift <= 1e-12 * abs(total0)))
    for k in np.flatnonzero(~good):
        # Step from output time to output time: each expm then has a small norm, which keeps
        # a stiff system's round-off (and its loss of the conserved total) near 1e-14.
        order = np.argsort(t, kind="stable")
        xk, prev = x0.astype(float), 0.0
        for j in order:
            xk = expm(K[k] * (t[j] - prev)) @ xk
            x[k, j], prev = xk @ P, t[j]
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

    An extra last state integrates blood over time, so the AUC is as exact as the solution.
    """
    b, li = _I["Blood"], _I["Liver"]
    m = K.shape[0]
    A = np.zeros((m + 1, m + 1))
    A[:m, :m] = K
    A[li, b] -= k_liver  # the liver flux is added back below, with its capacity factor
    A[b, b] += k_liver
    A[m, b] = 1.0

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
    return sol.y[:m].T, sol.y[m]


@sources(
    *_ALL_FIELD_SOURCES,
    "lin2016",
    "brown1997",
    "nance2012",
    "rippe1994",
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
    bbb: BloodBrainBarrier | None = None,
) -> Result:
    """Where an intravenous bolus goes: %ID in each compartment over time.

    Parameters
    ----------
    particle, patient, tumour : parameter set or sequence of them, optional
        Defaults if ``None``. Sequences of equal length form a batch of n.
    times_h : array-like, optional
        Output times [h], increasing, from 0 to at most 1000 h; default 0-48 h every 15 min.
        24 h and 168 h are always computed for the delivery metrics, listed or not.
    saturable : bool
        If True, Kupffer-cell uptake saturates at the patient's capacity in particles
        (Ouyang et al. 2020) and the model is integrated with ``solve_ivp``; otherwise the
        linear model is solved exactly.
    bbb : BloodBrainBarrier, optional
        The brain's capillaries (default: the mouse's).

    Returns
    -------
    Result
        ``values``: ``"<Compartment> [%ID]"`` for :data:`COMPARTMENTS` (the tumour summed over
        its states) and ``"Tumour: free [%ID]"``, ``"Tumour: on cancer cells [%ID]"``,
        ``"Tumour: inside cancer cells [%ID]"``, ``"Tumour: in macrophages [%ID]"``; shape (T,)
        or (n, T) for a batch. ``metrics``: tumour delivery at 24 h [%ID] and [%ID/g] and at
        168 h [%ID], its peak over the output window, blood AUC over the output window
        [%ID h], liver + spleen, other phagocytes, urine and brain at 24 h [%ID], in-vivo
        diameter [nm].

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
    >>> bool(abs(sum(r[f"{c} [%ID]"][-1] for c in COMPARTMENTS) - 100.0) < 1e-9)
    True
    >>> bool(r["Tumour at 168 h [%ID]"] < r["Tumour at 24 h [%ID]"])
    True
    """
    if not isinstance(saturable, bool):
        raise ValueError(f"saturable = {saturable!r} must be True or False.")
    t = time_grid(times_h, DEFAULT_TIMES_H)
    ps = parameter_batch(particle, Nanoparticle, "particle")
    pa = parameter_batch(patient, Patient, "patient")
    tu = parameter_batch(tumour, Tumour, "tumour")
    n = batch_size(ps, pa, tu)
    rates = transfer_rates(ps, pa, tu, bbb)
    K = matrix_from_rates(rates)
    x, auc, t_all = _solve(K, t, saturable, ps, pa, rates)
    return biodistribution_result(x, auc, t_all, t, rates, n, ps, pa, tu, {"saturable": saturable})


def initial_state() -> np.ndarray:
    """The state at injection: the whole dose (100 %ID) in blood."""
    x0 = np.zeros(len(STATES))
    x0[_I["Blood"]] = 100.0
    return x0


def _solve(
    K: np.ndarray, t: np.ndarray, saturable: bool, ps: list, pa: list, rates: dict
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """States at the output times and the report times, and the blood AUC over the output window."""
    x0 = initial_state()
    t_all = np.union1d(t, REPORT_TIMES_H)
    if not saturable:
        x, auc = solve_linear(K, t_all, x0, float(t[-1]))
        return x, auc, t_all
    n = K.shape[0]
    x = np.empty((n, t_all.size, K.shape[1]))
    auc = np.empty(n)
    for k in range(n):
        p = ps[k if len(ps) > 1 else 0]
        pat = pa[k if len(pa) > 1 else 0]
        cap = 100.0 * pat.kupffer_capacity_particles / p.dose_particles
        x[k], running_auc = _solve_saturable(K[k], t_all, x0, rates[("Blood", "Liver")][k], cap)
        auc[k] = running_auc[int(np.searchsorted(t_all, t[-1]))]
    return x, auc, t_all


def biodistribution_result(
    x: np.ndarray,
    auc: np.ndarray,
    t_all: np.ndarray,
    t: np.ndarray,
    rates: dict,
    n: int,
    ps: list,
    pa: list,
    tu: list,
    options: dict,
    extra_metrics: dict | None = None,
) -> Result:
    """The Result of a whole-body solution x (n, len(t_all), states), shared by the untargeted
    and the targeted model (:func:`~nanoedu.models.targeting.targeted_biodistribution`).

    ``auc`` is each solution's blood AUC over 0 to ``t[-1]`` [%ID h]; ``t`` the output times
    (a subset of ``t_all``, which also holds :data:`REPORT_TIMES_H`); ``ps``, ``pa``, ``tu`` the
    parameter sets (length n or 1); ``options`` and ``extra_metrics`` go into the parameters
    and the metrics.
    """
    tumour_total = x[:, :, list(TUMOUR_STATES)].sum(axis=2)
    keep = np.isin(t_all, t)
    at = {h: int(np.searchsorted(t_all, h)) for h in REPORT_TIMES_H}
    squeeze = n == 1

    def v(arr: np.ndarray) -> np.ndarray:
        return arr[0] if squeeze else arr

    def m(arr: np.ndarray) -> Any:
        return float(arr[0]) if squeeze else arr

    values = {}
    for c in COMPARTMENTS:
        series = tumour_total if c == "Tumour" else x[:, :, _I[c]]
        values[f"{c} [%ID]"] = v(series[:, keep])
    for i in TUMOUR_STATES:  # "Tumour" holds the free particles; the others name their place
        place = STATES[i].split(": ", 1)[1] if ": " in STATES[i] else "free"
        values[f"Tumour: {place} [%ID]"] = v(x[:, keep, i])
    mass = np.array([tt.mass_g for tt in tu])
    x24 = x[:, at[24.0], :]
    metrics = {
        "Tumour at 24 h [%ID]": m(tumour_total[:, at[24.0]]),
        "Tumour at 24 h [%ID/g]": m(tumour_total[:, at[24.0]] / mass),
        "Tumour at 168 h [%ID]": m(tumour_total[:, at[168.0]]),
        f"Tumour peak 0-{t[-1]:g} h [%ID]": m(tumour_total[:, keep].max(axis=1)),
        "Liver + spleen at 24 h [%ID]": m(x24[:, _I["Liver"]] + x24[:, _I["Spleen"]]),
        "Other phagocytes at 24 h [%ID]": m(x24[:, _I["Other phagocytes"]]),
        "Urine at 24 h [%ID]": m(x24[:, _I["Urine"]]),
        "Brain at 24 h [%ID]": m(x24[:, _I["Brain"]]),
        f"Blood AUC 0-{t[-1]:g} h [%ID h]": m(auc),
        "In-vivo diameter [nm]": m(rates["in-vivo diameter [nm]"]),
    }
    metrics.update(extra_metrics or {})
    params = {
        "particle": ps if n > 1 else ps[0],
        "patient": pa if n > 1 else pa[0],
        "tumour": tu if n > 1 else tu[0],
        **options,
    }
    return Result(axis=t, values=values, metrics=metrics, parameters=params)
