"""Barriers: the blood-brain barrier (passive, transferrin-receptor shuttle, focused
ultrasound), diffusion in the brain's extracellular space, and tumour interstitial pressure.

Brain delivery is a satellite of the whole-body model: plasma concentrations come from
:func:`~nanoedu.models.pharmacokinetics.biodistribution` (the brain takes far too little to
change them), and the brain's own balance is integrated on a fine time grid.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.integrate import trapezoid
from scipy.sparse.linalg import spsolve

from ..constants import AVOGADRO_PER_MOL, SECONDS_PER_HOUR
from ..parameters import ParameterSet, check_int, check_value, field, flag_field
from ..references import sources
from ..results import Result
from ._validate import as_checked_array, time_grid
from .bbb import (
    BloodBrainBarrier,
    FocusedUltrasound,
    bbb_permeability_cm_s,
    renkin_crone_extraction,
    vesicle_fit,
)
from .body import Nanoparticle, Patient, Tumour
from .pharmacokinetics import HAEMATOCRIT, biodistribution
from .size import diffusion_coefficient_cm2_s, diffusive_hindrance

__all__ = [
    "BloodBrainBarrier",
    "TfRShuttle",
    "FocusedUltrasound",
    "renkin_crone_extraction",
    "bbb_permeability_cm_s",
    "brain_delivery",
    "brain_balance",
    "brain_ecs_diffusion",
    "interstitial_pressure",
    "interstitial_pressure_numerical",
    "tumour_fluid_transport",
]


@dataclass(frozen=True, kw_only=True)
class TfRShuttle(ParameterSet):
    """A transferrin-receptor binder that carries its cargo across the barrier."""

    shuttle_on: bool = flag_field(
        False,
        source="yu2011",
        description="carry a transferrin-receptor binder (the brain shuttle)",
    )
    affinity_nM: float = field(
        100.0,
        unit="nM",
        bounds=(0.1, 1e5),
        log=True,
        source="yu2011",
        description="K_D of one binder-TfR bond",
    )
    kon_per_M_s: float = field(
        1e5,
        unit="1/(M s)",
        bounds=(1e3, 1e7),
        log=True,
        source="thurber2008addr",
        description="association rate constant of one bond",
    )
    bivalent: bool = flag_field(
        False,
        source="niewoehner2014",
        description="two binding arms (cross-links TfR, which is then sorted to lysosomes)",
    )
    receptors_pmol_per_g: float = field(
        0.52,
        unit="pmol/g",
        bounds=(0.001, 10.0),
        log=True,
        source="calibrated",
        description="transferrin receptors a carrier can reach at the barrier, per gram of brain "
        "(calibrated: a tracer dose of the anti-TfR antibody 8D3 gives ~3 %ID/g at 1 h)",
    )
    transcytosis_per_h: float = field(
        5.0,
        unit="1/h",
        bounds=(0.1, 50.0),
        source="assumption",
        description="rate at which bound receptors cross the endothelium (about 10 min)",
    )
    lysosomal_sorting_per_h: float = field(
        1.0,
        unit="1/h",
        bounds=(0.0, 20.0),
        source="niewoehner2014",
        description="sorting of a bound receptor to lysosomes (per binding arm)",
    )
    rebinding_nM: float = field(
        1000.0,
        unit="nM",
        bounds=(1.0, 1e5),
        log=True,
        source="assumption",
        description="local receptor concentration a second arm rebinds to",
    )


def tfr_kinetics(shuttle: TfRShuttle, affinity_nM: Any = None, arms: Any = None) -> dict:
    """Rate constants of a carrier at the barrier's transferrin receptors [1/h, 1/(nM h)].

    A carrier with ``arms`` binders that reach the receptors (default: 2 if the shuttle is
    bivalent, else 1) leaves a receptor only when every arm has let go without rebinding a
    neighbouring receptor at ``rebinding_nM``: :math:`k_{off}^{eff} = k_{off}^a/(k_{off} +
    k_{on} c_{local})^{a-1}`. Each bound arm is sorted to lysosomes at the sorting rate
    (Niewoehner et al. 2014). ``released`` is the fraction of transcytosed carriers that let go
    on the brain side before they are sorted or recycled (Yu et al. 2011).
    """
    kd = shuttle.affinity_nM if affinity_nM is None else np.asarray(affinity_nM, dtype=float)
    a = (2.0 if shuttle.bivalent else 1.0) if arms is None else np.asarray(arms, dtype=float)
    kon = shuttle.kon_per_M_s * 1e-9 * SECONDS_PER_HOUR  # 1/(nM h)
    koff = kon * kd
    koff_eff = koff**a / (koff + kon * shuttle.rebinding_nM) ** (a - 1.0)
    k_sort = shuttle.lysosomal_sorting_per_h * a
    released = koff_eff / (koff_eff + k_sort + shuttle.transcytosis_per_h)
    return {"kon": kon, "koff": koff_eff, "sort": k_sort, "released": released}


def _step_weights(kh: np.ndarray, h: Any) -> tuple[np.ndarray, np.ndarray]:
    """exp(-kh) and the weight w0 = (1 - exp(-kh))/k of an exponential step of length h with a
    constant inflow (h where kh is tiny)."""
    kh = np.asarray(kh, dtype=float)
    e = np.exp(-kh)
    with np.errstate(divide="ignore", invalid="ignore"):
        w0 = -np.expm1(-kh) * (h / kh)
    small = kh < 1e-6
    if np.any(small):
        w0 = np.where(small, h * (1.0 - kh / 2.0), w0)
    return e, w0


def brain_balance(
    t: np.ndarray,
    c_pct: np.ndarray,
    cl_passive: np.ndarray,
    k_ecs_out: np.ndarray,
    dose_pmol: float,
    plasma_mL: float,
    brain_g: float,
    shuttle: TfRShuttle | None,
    rates: dict | None,
    fits: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Step the brain's balance (and the plasma the shuttle removes) over the grid t.

    Per gram of brain: carriers bound to the barrier's receptors B and carriers in the
    extracellular space A [%ID/g]; plasma concentration c [%ID/mL] is the whole-body model's,
    less what the receptors remove from it. Every rate is held over a step at its value at the
    step's start (the steps are short next to the binding and transport time scales: tested
    against a finer grid). Arrays may carry a leading axis (several affinities at once).
    Returns B, A and c on the grid.
    """
    rows = np.shape(rates["koff"]) if rates else ()
    # time first inside the loop (each step reads and writes contiguous rows), transposed back
    B, A, c = (np.zeros((t.size, *rows)) for _ in range(3))
    survival = np.ones(rows)
    c[0] = c_pct[0]
    hs = np.diff(t)
    # The extracellular space's exit rate depends on time only: its weights for every step at once.
    e_a, w_a = _step_weights(np.broadcast_to(k_ecs_out, t.shape)[:-1] * hs, hs)
    if rates:
        kt = shuttle.transcytosis_per_h
        kon_nM = rates["kon"] * dose_pmol / 100.0  # binding rate per %ID/mL in plasma [1/h]
        k_leave = rates["koff"] + kt
        # receptors in %ID-equivalents per gram (the dose sets how many carriers one receptor
        # is), and the share of them a carrier of this size fits
        R_fit = 100.0 * shuttle.receptors_pmol_per_g / dose_pmol * fits
        released = rates["released"]
    for j in range(t.size - 1):
        h, cj = hs[j], c[j]
        inflow_a = cl_passive[j] * cj
        if rates:
            bind = kon_nM * cj
            k_b = bind + k_leave  # >= the transcytosis rate > 0
            kh = k_b * h
            B[j + 1] = B[j] * np.exp(-kh) + bind * R_fit * (-np.expm1(-kh) / k_b)
            crossed = kt * 0.5 * (B[j] + B[j + 1])
            # what the receptors took from plasma over the step (bound now + crossed)
            taken = (B[j + 1] - B[j] + crossed * h) * brain_g
            kept = 1.0 - taken / np.maximum(cj * plasma_mL, 1e-300)
            survival = survival * np.minimum(np.maximum(kept, 0.0), 1.0)
            inflow_a = inflow_a + crossed * released
        A[j + 1] = A[j] * e_a[j] + inflow_a * w_a[j]
        c[j + 1] = c_pct[j + 1] * survival
    return np.moveaxis(B, 0, -1), np.moveaxis(A, 0, -1), np.moveaxis(c, 0, -1)


@sources(
    "yu2011",
    "niewoehner2014",
    "pardridge2012",
    "lee2000",
    "hynynen2001",
    "nance2012",
    "lin2016",
)
def brain_delivery(
    particle: Nanoparticle | None = None,
    bbb: BloodBrainBarrier | None = None,
    shuttle: TfRShuttle | None = None,
    fus: FocusedUltrasound | None = None,
    patient: Patient | None = None,
    tumour: Tumour | None = None,
    times_h: Any = None,
    affinities_nM: Any = None,
    shuttle_arms: float | None = None,
) -> Result:
    r"""How much of a dose reaches the brain, by passive entry, a TfR shuttle and/or focused
    ultrasound.

    Parameters
    ----------
    particle, bbb, shuttle, fus, patient, tumour : parameter sets, optional
        Defaults if ``None`` (shuttle and ultrasound default to off).
    times_h : array-like, optional
        Output grid [h], increasing from 0, at most 1000 h; default 0-48 h every 0.25 h
        (0.25 h agrees with 0.025 h to 1%, tested).
    affinities_nM : array-like, optional
        If given, the shuttle's brain uptake is also computed for each of these K_D values
        (``"Brain at 24 h for each K_D [%ID/g]"``).
    shuttle_arms : float, optional
        Binders of one carrier that reach the receptors at once, 1 to 100 (default: 2 if the
        shuttle is bivalent, else 1). A particle with many ligands binds with high avidity.

    Returns
    -------
    Result
        Over time: ``"Brain [%ID/g]"`` (bound to the barrier's receptors + in the brain's
        extracellular space), ``"Brain: in tissue [%ID/g]"``, ``"Brain: bound to vessels
        [%ID/g]"``, ``"Plasma [%ID/mL]"``, ``"BBB permeability [cm/s]"``; metrics: brain at
        1 h and 24 h [%ID/g], in tissue at 24 h [%ID/g] and [nM], the brain/plasma exposure
        ratio over the window.

    Notes
    -----
    Plasma :math:`C_p(t)` [%ID/mL] comes from the whole-body model (:func:`biodistribution`),
    whose brain compartment uses the same barrier, so without a shuttle or ultrasound this
    model and the whole-body model give the same brain (tested). Per gram of brain:

    .. math::
        \frac{dB}{dt} = k_{on} C (R - B) - (k_{off}^{eff} + k_t) B, \quad
        \frac{dA}{dt} = CL(t)\,C_p + f\,k_t B - \Big(\frac{CL(t)}{\phi_{ECS}} + k_{ISF}\Big) A

    with Renkin-Crone clearance :math:`CL = F(1 - e^{-PS/F})` from the barrier's permeability
    (:func:`bbb_permeability_cm_s`, with focused ultrasound if on), receptors R, transcytosis
    :math:`k_t`, and :math:`f` the fraction released on the brain side (:func:`tfr_kinetics`).
    What the receptors take up is removed from plasma, so the dose is never exceeded. The
    receptor capacity R is calibrated so that a tracer dose of a high-affinity bivalent
    anti-TfR antibody (like 8D3) gives about 3 %ID/g at 1 h (Lee et al. 2000).

    Examples
    --------
    >>> r = brain_delivery(Nanoparticle(diameter_nm=11.0, antibody=True))
    >>> bool(r["Brain / plasma exposure [1]"] < 0.005)
    True
    """
    particle = particle or Nanoparticle()
    bbb = bbb or BloodBrainBarrier()
    shuttle = shuttle or TfRShuttle()
    fus = fus or FocusedUltrasound()
    patient = patient or Patient()
    tumour = tumour or Tumour()
    t = time_grid(times_h, np.linspace(0.0, 48.0, 193), from_zero=True)
    arms = (
        None
        if shuttle_arms is None
        else check_value("shuttle_arms", shuttle_arms, "binders", (1.0, 100.0))
    )
    whole = biodistribution(particle, patient, tumour, times_h=t, bbb=bbb)
    c_pct = whole["Blood [%ID]"] / patient.plasma_volume_mL  # %ID/mL
    dose_pmol = particle.dose_particles / AVOGADRO_PER_MOL * 1e12
    d = float(whole["In-vivo diameter [nm]"])
    perm = bbb_permeability_cm_s(d, bbb, fus, t)
    ps = perm * bbb.capillary_surface_cm2_per_g * SECONDS_PER_HOUR  # mL/h/g
    F = bbb.flow_mL_per_h_per_g * (1.0 - HAEMATOCRIT)  # plasma flow [mL/h/g]
    cl = F * -np.expm1(-ps / F)
    # The same exits for every agent: back across the barrier, with the brain's interstitial
    # fluid, and the measured efflux of macromolecules (no antibody-only exit: Garg &
    # Balthasar 2009 found the same IgG brain:plasma ratio without FcRn).
    k_out = cl / bbb.ecs_volume_fraction + bbb.isf_clearance_per_h + bbb.efflux_per_h
    fits = float(vesicle_fit(d, bbb))
    on = shuttle.shuttle_on

    def run(affinity: Any = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        rates = tfr_kinetics(shuttle, affinity, arms) if on else None
        return brain_balance(
            t,
            c_pct,
            cl,
            k_out,
            dose_pmol,
            patient.plasma_volume_mL,
            patient.brain_mass_g,
            shuttle,
            rates,
            fits,
        )

    kd = None
    if affinities_nM is not None:
        kd = np.atleast_1d(as_checked_array("affinities_nM", affinities_nM, "nM", (1e-3, 1e7)))
    if on and kd is not None:
        # the sweep and the chosen K_D in one pass (rows are independent): half the stepping
        b_all, a_all, p_all = run(np.append(kd, shuttle.affinity_nM))
        bound, tissue, plasma = b_all[-1], a_all[-1], p_all[-1]
    else:
        bound, tissue, plasma = run()
    brain = bound + tissue
    i1, i24 = (int(np.argmin(np.abs(t - h))) for h in (1.0, 24.0))
    values = {
        "Brain [%ID/g]": brain,
        "Brain: in tissue [%ID/g]": tissue,
        "Brain: bound to vessels [%ID/g]": bound,
        "Plasma [%ID/mL]": plasma,
        "BBB permeability [cm/s]": perm,
    }
    metrics = {
        "Brain at 1 h [%ID/g]": float(brain[i1]),
        "Brain at 24 h [%ID/g]": float(brain[i24]),
        "Brain tissue at 24 h [%ID/g]": float(tissue[i24]),
        "Brain tissue at 24 h [nM]": float(tissue[i24] / 100.0 * dose_pmol),
        "Brain / plasma exposure [1]": float(trapezoid(brain, t) / trapezoid(plasma, t)),
        # over the output times (default 0-48 h): the area under the brain's curve
        "Brain exposure [%ID h/g]": float(trapezoid(brain, t)),
        "Plasma at 0 h [nM]": float(c_pct[0] / 100.0 * dose_pmol),
        "In-vivo diameter [nm]": d,
    }
    if kd is not None:
        if on:
            b_kd, a_kd = b_all[:-1], a_all[:-1]
        else:
            b_kd, a_kd = np.zeros((kd.size, t.size)), np.broadcast_to(tissue, (kd.size, t.size))
        values["K_D [nM]"] = kd
        values["Brain at 24 h for each K_D [%ID/g]"] = (b_kd + a_kd)[:, i24]
        values["Brain tissue at 24 h for each K_D [%ID/g]"] = a_kd[:, i24]
    return Result(
        axis=t,
        values=values,
        metrics=metrics,
        parameters={"particle": particle, "bbb": bbb, "shuttle": shuttle, "fus": fus},
    )


@sources("nance2012", "thorne2006", "einstein1905")
def brain_ecs_diffusion(
    hydrodynamic_diameter_nm: Any, bbb: BloodBrainBarrier | None = None
) -> np.ndarray:
    r"""Effective diffusion coefficient in the brain's extracellular space [cm^2/s].

    .. math:: D^* = \frac{D_{free}}{\lambda^2}\,H(\lambda_c)\,(1 - \lambda_c)^2, \quad \lambda_c = r / r_{ECS}

    Tortuosity λ = 1.6 and volume fraction 0.2 (Nance et al. 2012); steric hindrance in
    channels of effective radius 100 nm, so that densely PEGylated particles of ~100 nm still
    diffuse and 200 nm particles do not (Nance et al. 2012; ECS width 38-64 nm by Thorne &
    Nicholson 2006 — a deformable matrix lets somewhat larger particles through).

    Examples
    --------
    >>> float(brain_ecs_diffusion(200.0))
    0.0
    """
    bbb = bbb or BloodBrainBarrier()
    d = as_checked_array("hydrodynamic_diameter_nm", hydrodynamic_diameter_nm, "nm", (0.1, 5000.0))
    lam = (d / 2.0) / bbb.ecs_channel_radius_nm
    steric = diffusive_hindrance(lam) * np.clip(1.0 - lam, 0.0, None) ** 2
    return diffusion_coefficient_cm2_s(d, 37.0, "water") / bbb.ecs_tortuosity**2 * steric


def _sinh_ratio(a: float, x: np.ndarray) -> np.ndarray:
    """sinh(a x) / sinh(a) for 0 <= x <= 1 without overflow."""
    return np.exp(a * (x - 1.0)) * -np.expm1(-2.0 * a * x) / -np.expm1(-2.0 * a)


def _cosh_ratio(a: float, x: np.ndarray) -> np.ndarray:
    """cosh(a x) / sinh(a) for 0 <= x <= 1 without overflow."""
    return np.exp(a * (x - 1.0)) * (1.0 + np.exp(-2.0 * a * x)) / -np.expm1(-2.0 * a)


@sources("baxter1989", "butler1975")
def interstitial_pressure(tumour: Tumour | None = None, r_over_R: Any = None) -> Result:
    r"""Analytic interstitial fluid pressure and outward fluid velocity in a spherical tumour.

    Parameters
    ----------
    tumour : Tumour, optional
        The tumour (default: the course's). Its radius comes from its mass, its vessel surface
        per volume from its Krogh radius: the same tumour as the whole-body and penetration
        models.
    r_over_R : array-like, optional
        Radial positions, 0 (centre) to 1 (surface); default 200 points.

    Returns
    -------
    Result
        Axis r/R; values ``"Pressure [mmHg]"`` and ``"Velocity [um/s]"`` (outward); metrics
        the centre pressure [mmHg], alpha [1] and the fluid leaving the tumour per gram
        [mL/h/g].

    Notes
    -----
    Darcy's law with a uniform Starling source, :math:`K\nabla^2 p = -L_p\frac{S}{V}(p_e - p)`,
    p(R) = 0, regular at the centre (Baxter & Jain 1989):

    .. math:: \frac{p}{p_e} = 1 - \frac{\sinh(\alpha r/R)}{(r/R)\sinh\alpha}, \qquad
              \alpha = R\sqrt{L_p S / (V K)}, \qquad u = -K\frac{dp}{dr}

    The fluid the vessels filter leaves through the surface:
    :math:`Q/V = L_p (S/V)\,3 p_e(\alpha\coth\alpha - 1)/\alpha^2`
    (:attr:`~nanoedu.models.body.Tumour.fluid_outflow_per_h`), which the whole-body model uses
    to wash free particles out of the tumour.

    Examples
    --------
    >>> r = interstitial_pressure(r_over_R=[0.0, 1.0])
    >>> round(float(r["Pressure [mmHg]"][0]), 1), float(r["Pressure [mmHg]"][1])
    (20.9, 0.0)
    """
    tp = tumour or Tumour()
    x = (
        np.linspace(0.0, 1.0, 200)
        if r_over_R is None
        else np.atleast_1d(as_checked_array("r_over_R", r_over_R, "1", (0.0, 1.0)))
    )
    a, pe, R = tp.alpha, tp.effective_pressure_mmHg, tp.radius_mm / 10.0
    xs = np.maximum(x, 1e-9)
    f = np.where(x > 1e-6, _sinh_ratio(a, xs) / xs, a / np.sinh(a) if a < 700 else 0.0)
    p = pe * (1.0 - f)
    # f'(x) = (a x cosh(a x) - sinh(a x)) / (x^2 sinh a); u = K p_e f'(x) / R
    fp = np.where(x > 1e-6, (a * xs * _cosh_ratio(a, xs) - _sinh_ratio(a, xs)) / xs**2, 0.0)
    u_um_s = tp.interstitial_conductivity_cm2_per_mmHg_s * pe * fp / R * 1e4
    centre = pe * (1.0 - (a / np.sinh(a) if a < 700 else 0.0))
    return Result(
        axis=x,
        axis_label="r/R [1]",
        values={"Pressure [mmHg]": p, "Velocity [um/s]": u_um_s},
        metrics={
            "Centre pressure [mmHg]": float(centre),
            "Effective vascular pressure [mmHg]": tp.effective_pressure_mmHg,
            "alpha [1]": a,
            "Fluid outflow [mL/h/g]": tp.fluid_outflow_per_h,
            "Tumour radius [mm]": tp.radius_mm,
        },
        parameters={"tumour": tp},
    )


@sources("baxter1989")
def interstitial_pressure_numerical(tumour: Tumour | None = None, n_cells: int = 400) -> Result:
    """The same pressure profile by finite volumes (for checking the closed form).

    Returns a Result over cell-centre positions r/R with ``"Pressure [mmHg]"``.
    """
    tp = tumour or Tumour()
    n = check_int("n_cells", n_cells, (10, 100000), "radial cells")
    a2, pe = tp.alpha**2, tp.effective_pressure_mmHg
    faces = np.linspace(0.0, 1.0, n + 1)
    x = 0.5 * (faces[1:] + faces[:-1])
    h = faces[1] - faces[0]
    vol = (faces[1:] ** 3 - faces[:-1] ** 3) / 3.0
    g = faces[1:-1] ** 2 / h  # face conductance (x^2 / h)
    main = np.zeros(n)
    main[:-1] -= g
    main[1:] -= g
    main[-1] -= faces[-1] ** 2 / (h / 2.0)  # p = 0 at the surface, half a cell away
    main -= a2 * vol
    A = sp.diags([main, g, g], [0, 1, -1], format="csc")
    p = spsolve(A, -a2 * vol * pe)
    return Result(
        axis=x, axis_label="r/R [1]", values={"Pressure [mmHg]": p}, parameters={"tumour": tp}
    )


@sources("baxter1989", "nance2012")
def tumour_fluid_transport(
    tumour: Tumour | None = None,
    diameters_nm: Any = None,
    particle_diameter_nm: float = 50.0,
) -> Result:
    r"""Pressure, outflow and what the outflow does to particles of each size.

    The outward interstitial velocity is largest at the rim. Against it, a particle diffusing
    inward (tissue diffusion D = D_free / lambda^2, lambda = ``Tumour.interstitial_tortuosity``)
    penetrates a distance :math:`\ell = D/u_{rim}`
    (steady 1-D convection-diffusion), and the Peclet number :math:`Pe = u_{rim} \delta / D`
    over the rim layer :math:`\delta = R/\alpha` where the pressure drops says which wins.

    Returns
    -------
    Result
        Axis r/R; values pressure [mmHg], velocity [um/s], and against ``diameters_nm``
        the Peclet number and the penetration length [um]; metrics for ``particle_diameter_nm``
        and those of :func:`interstitial_pressure`.

    Examples
    --------
    >>> r = tumour_fluid_transport()
    >>> bool(r["Centre pressure [mmHg]"] > 0.9 * 20.9)
    True
    """
    tp = tumour or Tumour()
    d = (
        np.geomspace(1.0, 500.0, 60)
        if diameters_nm is None
        else np.atleast_1d(as_checked_array("diameters_nm", diameters_nm, "nm", (0.1, 5000.0)))
    )
    dp = check_value("particle_diameter_nm", particle_diameter_nm, "nm", (0.1, 5000.0))
    x = np.linspace(0.0, 1.0, 201)
    pressure = interstitial_pressure(tp, x)
    p, u = pressure["Pressure [mmHg]"], pressure["Velocity [um/s]"]
    u_rim = float(u[-1])  # um/s
    delta_um = min(tp.radius_mm * 1e3 / max(tp.alpha, 1e-12), tp.radius_mm * 1e3)
    D_tissue = diffusion_coefficient_cm2_s(np.append(d, dp), 37.0, "water") / (
        tp.interstitial_tortuosity**2
    )
    D = D_tissue * 1e8  # um^2/s
    pe = u_rim * delta_um / D
    ell = np.where(u_rim > 0, D / max(u_rim, 1e-300), np.inf)
    return Result(
        axis=x,
        axis_label="r/R [1]",
        values={
            "Pressure [mmHg]": p,
            "Velocity [um/s]": u,
            "Diameter [nm]": d,
            "Peclet number [1]": pe[:-1],
            "Penetration length [um]": ell[:-1],
        },
        metrics={
            **pressure.metrics,
            "Rim velocity [um/s]": u_rim,
            "Pressure-drop layer [um]": float(delta_um),
            "Particle Peclet number [1]": float(pe[-1]),
            "Particle penetration length [um]": float(ell[-1]),
            "Particle diffusion in tissue [cm^2/s]": float(D_tissue[-1]),
        },
        parameters={"tumour": tp, "particle_diameter_nm": dp},
    )
