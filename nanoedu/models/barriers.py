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

from ..constants import AVOGADRO_PER_MOL
from ..parameters import ParameterSet, check_value, field
from ..references import sources
from ..results import Result
from ._validate import as_checked_array, time_grid
from .body import Nanoparticle, Patient, Tumour
from .pharmacokinetics import biodistribution, transfer_rates
from .size import diffusion_coefficient_cm2_s, diffusive_hindrance, pore_permeability_cm_s

__all__ = [
    "BloodBrainBarrier",
    "TfRShuttle",
    "FocusedUltrasound",
    "TumourPressure",
    "renkin_crone_extraction",
    "bbb_permeability_cm_s",
    "brain_delivery",
    "brain_ecs_diffusion",
    "interstitial_pressure",
    "interstitial_pressure_numerical",
    "tumour_fluid_transport",
]


@dataclass(frozen=True, kw_only=True)
class BloodBrainBarrier(ParameterSet):
    """The brain's capillaries and extracellular space (default: mouse)."""

    brain_mass_g: float = field(
        0.4,
        unit="g",
        bounds=(0.1, 2.0),
        source="lin2016",
        description="brain mass (1.6% of a 25 g mouse)",
    )
    blood_flow_mL_per_min_per_g: float = field(
        1.0,
        unit="mL/min/g",
        bounds=(0.1, 3.0),
        source="pardridge2012",
        description="cerebral blood flow per gram of brain",
    )
    capillary_surface_cm2_per_g: float = field(
        150.0,
        unit="cm^2/g",
        bounds=(20.0, 400.0),
        source="pardridge2012",
        description="capillary surface per gram of brain",
    )
    junction_pore_radius_nm: float = field(
        1.0,
        unit="nm",
        bounds=(0.2, 10.0),
        source="pardridge2012",
        description="effective radius of the tight-junction pathway",
    )
    junction_area_per_length_per_cm: float = field(
        0.03,
        unit="1/cm",
        bounds=(0.0, 10.0),
        source="pardridge2012",
        description="tight-junction pore area per surface per length (sucrose P ~ 1e-8 cm/s)",
    )
    fluid_phase_permeability_cm_s: float = field(
        1.5e-10,
        unit="cm/s",
        bounds=(0.0, 1e-8),
        source="yu2011",
        description="non-specific transcytosis permeability (calibrated: IgG brain/plasma ~0.1%)",
    )
    vesicle_diameter_nm: float = field(
        70.0,
        unit="nm",
        bounds=(20.0, 300.0),
        source="assumption",
        description="inner diameter of endothelial transport vesicles",
    )
    isf_clearance_per_h: float = field(
        0.06,
        unit="1/h",
        bounds=(0.0, 2.0),
        source="assumption",
        description="clearance of brain interstitial fluid by bulk flow",
    )
    ecs_volume_fraction: float = field(
        0.2,
        unit="1",
        bounds=(0.05, 0.4),
        source="nance2012",
        description="brain extracellular space volume fraction",
    )
    ecs_tortuosity: float = field(
        1.6,
        unit="1",
        bounds=(1.0, 3.0),
        source="nance2012",
        description="tortuosity of the brain extracellular space",
    )
    ecs_channel_radius_nm: float = field(
        100.0,
        unit="nm",
        bounds=(10.0, 500.0),
        source="nance2012",
        description="effective channel radius of the brain ECS (dense-PEG particles to ~114 nm pass)",
    )

    @property
    def flow_mL_per_h_per_g(self) -> float:
        """Blood flow [mL/h/g]."""
        return self.blood_flow_mL_per_min_per_g * 60.0


@dataclass(frozen=True, kw_only=True)
class TfRShuttle(ParameterSet):
    """A transferrin-receptor binder that carries its cargo across the barrier."""

    shuttle_on: bool = field(
        False,
        unit="",
        bounds=(0, 1),
        kind="bool",
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
    bivalent: bool = field(
        False,
        unit="",
        bounds=(0, 1),
        kind="bool",
        source="niewoehner2014",
        description="two binding arms (cross-links TfR, which is then sorted to lysosomes)",
    )
    receptors_pmol_per_g: float = field(
        0.1,
        unit="pmol/g",
        bounds=(0.001, 10.0),
        log=True,
        source="pardridge2012",
        description="transferrin receptors at the barrier per gram of brain",
    )
    transcytosis_per_h: float = field(
        5.0,
        unit="1/h",
        bounds=(0.1, 50.0),
        source="assumption",
        description="rate at which bound receptors cross the endothelium",
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


@dataclass(frozen=True, kw_only=True)
class FocusedUltrasound(ParameterSet):
    """Focused ultrasound with microbubbles: a transient opening of the barrier."""

    ultrasound_on: bool = field(
        False,
        unit="",
        bounds=(0, 1),
        kind="bool",
        source="hynynen2001",
        description="open the barrier with focused ultrasound",
    )
    start_h: float = field(
        0.1,
        unit="h",
        bounds=(0.0, 48.0),
        source="hynynen2001",
        description="time of sonication after injection",
    )
    opened_pore_radius_nm: float = field(
        100.0,
        unit="nm",
        bounds=(5.0, 500.0),
        source="assumption",
        description="radius of the gaps the sonication opens",
    )
    opened_area_per_length_per_cm: float = field(
        0.05,
        unit="1/cm",
        bounds=(0.0, 5.0),
        source="assumption",
        description="gap area per surface per length just after sonication",
    )
    recovery_h: float = field(
        4.0,
        unit="h",
        bounds=(0.25, 48.0),
        source="hynynen2001",
        description="time constant of the barrier's closing",
    )


@sources("pardridge2012")
def renkin_crone_extraction(ps_mL_per_h: Any, flow_mL_per_h: Any) -> np.ndarray:
    """Fraction extracted in one pass through a capillary bed, E = 1 - exp(-PS/F) [1].

    Examples
    --------
    >>> round(float(renkin_crone_extraction(1.0, 1.0)), 4)
    0.6321
    """
    ps = as_checked_array("ps_mL_per_h", ps_mL_per_h, "mL/h", (0.0, 1e12))
    f = as_checked_array("flow_mL_per_h", flow_mL_per_h, "mL/h", (1e-12, 1e12))
    return -np.expm1(-ps / f)


@sources("pardridge2012", "yu2011", "hynynen2001", "schmidt2009")
def bbb_permeability_cm_s(
    hydrodynamic_diameter_nm: Any,
    bbb: BloodBrainBarrier | None = None,
    fus: FocusedUltrasound | None = None,
    times_h: Any = 0.0,
) -> np.ndarray:
    """Passive permeability of the blood-brain barrier [cm/s], against size and time.

    Notes
    -----
    Tight junctions as a pore population (two-pore formula, radius ~1 nm), non-specific
    vesicular transcytosis :math:`P_v (1 - d/d_v)^2` for particles smaller than the vesicle,
    and, after focused ultrasound at :math:`t_0`, gaps whose area decays as
    :math:`e^{-(t - t_0)/\\tau}`.

    Examples
    --------
    >>> float(bbb_permeability_cm_s(200.0))  # too large for junctions and vesicles
    0.0
    """
    bbb = bbb or BloodBrainBarrier()
    fus = fus or FocusedUltrasound()
    d = as_checked_array("hydrodynamic_diameter_nm", hydrodynamic_diameter_nm, "nm", (0.1, 5000.0))
    t = as_checked_array("times_h", times_h, "h", (0.0, 1000.0))
    d_b, t_b = np.broadcast_arrays(d, t)
    p = pore_permeability_cm_s(
        d_b, bbb.junction_pore_radius_nm, bbb.junction_area_per_length_per_cm
    )
    p = p + bbb.fluid_phase_permeability_cm_s * vesicle_fit(d_b, bbb)
    if fus.ultrasound_on:
        open_frac = np.where(t_b >= fus.start_h, np.exp(-(t_b - fus.start_h) / fus.recovery_h), 0.0)
        p = p + open_frac * pore_permeability_cm_s(
            d_b, fus.opened_pore_radius_nm, fus.opened_area_per_length_per_cm
        )
    return p


def _integrate_linear(k_out: np.ndarray, inflow: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Solve dA/dt = inflow(t) - k_out(t) A, A(0) = 0, on grid t (last axis of inflow).

    Exponential integrator: k_out constant (its step mean) and the inflow linear over each step,
    which is exact for such inputs and second-order accurate otherwise.
    """
    A = np.zeros(inflow.shape)
    h = np.diff(t)
    k = 0.5 * (k_out[1:] + k_out[:-1])
    kh = k * h
    with np.errstate(divide="ignore", invalid="ignore"):
        e = np.exp(-kh)
        small = kh < 1e-6
        w0 = np.where(small, h * (1 - kh / 2), -np.expm1(-kh) / k)  # int e^{-k(h-s)} ds
        w1 = np.where(small, h * (0.5 - kh / 6), (1.0 - w0 / h) / k)  # int e^{-k(h-s)} s/h ds
    for j in range(h.size):
        f0, f1 = inflow[..., j], inflow[..., j + 1]
        A[..., j + 1] = A[..., j] * e[j] + f0 * w0[j] + (f1 - f0) * w1[j]
    return A


def vesicle_fit(in_vivo_diameter_nm: Any, bbb: BloodBrainBarrier) -> np.ndarray:
    """Share of vesicular transport a particle keeps, (1 - d/d_v)^2 (0 above the vesicle size).

    The cargo must fit the transcytotic vesicle, whichever route (fluid phase or a receptor)
    loads it.
    """
    return np.clip(1.0 - np.asarray(in_vivo_diameter_nm) / bbb.vesicle_diameter_nm, 0.0, None) ** 2


def tfr_flux(c_nM: np.ndarray, shuttle: TfRShuttle, affinity_nM: Any = None) -> np.ndarray:
    """Transcytosed binder reaching the brain [pmol/h/g] at plasma concentration c [nM]."""
    kd = shuttle.affinity_nM if affinity_nM is None else np.asarray(affinity_nM, dtype=float)
    kon = shuttle.kon_per_M_s * 1e-9 * 3600.0  # 1/(nM h)
    koff = kon * kd
    arms = 2 if shuttle.bivalent else 1
    if arms == 2:
        # Before it can leave, the second arm must let go without rebinding its neighbour.
        koff = koff * koff / (koff + kon * shuttle.rebinding_nM)
    kd_eff = koff / kon
    occupied = c_nM / (c_nM + kd_eff)
    k_sort = shuttle.lysosomal_sorting_per_h * arms
    released = koff / (koff + k_sort + shuttle.transcytosis_per_h)
    return shuttle.receptors_pmol_per_g * shuttle.transcytosis_per_h * occupied * released


@sources("yu2011", "niewoehner2014", "pardridge2012", "hynynen2001", "nance2012", "lin2016")
def brain_delivery(
    particle: Nanoparticle | None = None,
    bbb: BloodBrainBarrier | None = None,
    shuttle: TfRShuttle | None = None,
    fus: FocusedUltrasound | None = None,
    patient: Patient | None = None,
    tumour: Tumour | None = None,
    times_h: Any = None,
    affinities_nM: Any = None,
) -> Result:
    r"""How much of a dose reaches the brain, by passive entry, a TfR shuttle and/or focused
    ultrasound.

    Parameters
    ----------
    particle, bbb, shuttle, fus, patient, tumour : parameter sets, optional
        Defaults if ``None`` (shuttle and ultrasound default to off).
    times_h : array-like, optional
        Output grid [h], increasing from 0, at most 1000 h; default 0-48 h every 0.25 h (the
        integrator is exact for piecewise-linear plasma input; 0.25 h agrees with 0.02 h to 1%).
    affinities_nM : array-like, optional
        If given, the shuttle's brain uptake is also computed for each of these K_D values
        (``"Brain at 24 h for each K_D [%ID/g]"``), all on the same plasma curve.

    Returns
    -------
    Result
        ``"Brain [%ID/g]"``, ``"Plasma [%ID/mL]"``, ``"BBB permeability [cm/s]"`` over time;
        metrics: brain at 24 h [%ID/g] and the brain/plasma exposure ratio over the window.

    Notes
    -----
    Per gram of brain, with plasma concentration :math:`C_p(t)` from the whole-body model:

    .. math::
        \frac{dA}{dt} = CL(t)\,C_p - \Big(\frac{CL(t)}{\phi_{ECS}} + k_{ISF}\Big) A + J_{TfR}(C_p),
        \quad CL = F\,\big(1 - e^{-PS/F}\big)

    Renkin-Crone clearance from the passive permeability (:func:`bbb_permeability_cm_s`);
    ISF bulk-flow clearance; the shuttle flux, scaled by the vesicle fit
    :math:`(1 - d/d_v)^2` like vesicular transport,
    :math:`J = R\,k_t\,\frac{C}{C + K_D^{eff}}\,\frac{k_{off}}{k_{off} + k_{sort} + k_t}`: a
    bound receptor crosses at :math:`k_t`, and its cargo is released on the brain side only
    if it unbinds before it is sorted to lysosomes or recycled (Yu et al. 2011). A bivalent
    binder must free both arms (slower release, tighter luminal binding) and is sorted twice
    as fast (Niewoehner et al. 2014). Solved with an exponential integrator on the grid.

    Examples
    --------
    >>> r = brain_delivery(Nanoparticle(diameter_nm=11.0, zwitterionic=True))
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
    blood = biodistribution(particle, patient, tumour, times_h=t)["Blood [%ID]"]
    c_pct = blood / patient.plasma_volume_mL  # %ID/mL
    dose_pmol = particle.dose_particles / AVOGADRO_PER_MOL * 1e12
    c_nM = c_pct / 100.0 * dose_pmol / patient.plasma_volume_mL  # pmol/mL = nM
    d = float(transfer_rates(particle, patient, tumour)["in-vivo diameter [nm]"][0])
    perm = bbb_permeability_cm_s(d, bbb, fus, t)
    ps = perm * bbb.capillary_surface_cm2_per_g * 3600.0  # mL/h/g
    F = bbb.flow_mL_per_h_per_g
    cl = F * -np.expm1(-ps / F)
    k_out = cl / bbb.ecs_volume_fraction + bbb.isf_clearance_per_h
    inflow = cl * c_pct
    fits = float(vesicle_fit(d, bbb))
    if shuttle.shuttle_on:
        inflow = inflow + fits * tfr_flux(c_nM, shuttle) / dose_pmol * 100.0
    brain = _integrate_linear(k_out, inflow, t)
    i24 = int(np.argmin(np.abs(t - 24.0)))
    auc_p = trapezoid(c_pct, t)
    auc_b = trapezoid(brain, t)
    values = {"Brain [%ID/g]": brain, "Plasma [%ID/mL]": c_pct, "BBB permeability [cm/s]": perm}
    metrics = {
        "Brain at 24 h [%ID/g]": float(brain[i24]),
        "Brain at 24 h [nM]": float(brain[i24] / 100.0 * dose_pmol),
        "Brain / plasma exposure [1]": float(auc_b / auc_p),
        "Plasma at 0 h [nM]": float(c_nM[0]),
        "In-vivo diameter [nm]": d,
    }
    if affinities_nM is not None:
        kd = np.atleast_1d(as_checked_array("affinities_nM", affinities_nM, "nM", (1e-3, 1e7)))
        flux = fits * tfr_flux(c_nM[None, :], shuttle, kd[:, None]) / dose_pmol * 100.0
        sweep = _integrate_linear(k_out, cl * c_pct + flux, t)
        values["K_D [nM]"] = kd
        values["Brain at 24 h for each K_D [%ID/g]"] = sweep[:, i24]
    return Result(
        t=t,
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


@dataclass(frozen=True, kw_only=True)
class TumourPressure(ParameterSet):
    """A spherical, uniformly perfused tumour (Baxter & Jain 1989)."""

    radius_mm: float = field(
        5.0,
        unit="mm",
        bounds=(0.5, 20.0),
        source="baxter1989",
        description="tumour radius",
    )
    vessel_conductivity_cm_per_mmHg_s: float = field(
        2.8e-7,
        unit="cm/(mmHg s)",
        bounds=(1e-9, 1e-5),
        log=True,
        source="baxter1989",
        description="hydraulic conductivity of the vessel wall, L_p (leakiness)",
    )
    interstitial_conductivity_cm2_per_mmHg_s: float = field(
        4.13e-8,
        unit="cm^2/(mmHg s)",
        bounds=(1e-10, 1e-5),
        log=True,
        source="baxter1989",
        description="hydraulic conductivity of the interstitium, K",
    )
    vessel_surface_per_volume_per_cm: float = field(
        200.0,
        unit="1/cm",
        bounds=(10.0, 500.0),
        source="baxter1989",
        description="vessel surface per tumour volume, S/V",
    )
    vascular_pressure_mmHg: float = field(
        25.0,
        unit="mmHg",
        bounds=(5.0, 60.0),
        source="baxter1989",
        description="microvascular pressure",
    )
    oncotic_gradient_mmHg: float = field(
        4.1,
        unit="mmHg",
        bounds=(0.0, 20.0),
        source="baxter1989",
        description="reflection coefficient x oncotic pressure difference, sigma (pi_v - pi_i)",
    )

    @property
    def effective_pressure_mmHg(self) -> float:
        """p_e = p_v - sigma (pi_v - pi_i) [mmHg]."""
        return max(self.vascular_pressure_mmHg - self.oncotic_gradient_mmHg, 0.0)

    @property
    def alpha(self) -> float:
        """alpha = R sqrt(L_p S/V / K) [1]."""
        R = self.radius_mm / 10.0
        return R * float(
            np.sqrt(
                self.vessel_conductivity_cm_per_mmHg_s
                * self.vessel_surface_per_volume_per_cm
                / self.interstitial_conductivity_cm2_per_mmHg_s
            )
        )


def _sinh_ratio(a: float, x: np.ndarray) -> np.ndarray:
    """sinh(a x) / sinh(a) for 0 <= x <= 1 without overflow."""
    return np.exp(a * (x - 1.0)) * -np.expm1(-2.0 * a * x) / -np.expm1(-2.0 * a)


def _cosh_ratio(a: float, x: np.ndarray) -> np.ndarray:
    """cosh(a x) / sinh(a) for 0 <= x <= 1 without overflow."""
    return np.exp(a * (x - 1.0)) * (1.0 + np.exp(-2.0 * a * x)) / -np.expm1(-2.0 * a)


@sources("baxter1989")
def interstitial_pressure(
    tumour: TumourPressure | None = None, r_over_R: Any = None
) -> tuple[np.ndarray, np.ndarray]:
    r"""Analytic interstitial fluid pressure and outward fluid velocity in a spherical tumour.

    Returns
    -------
    tuple of numpy.ndarray
        Pressure [mmHg] and radial fluid velocity [um/s] at ``r_over_R`` (default 200 points).

    Notes
    -----
    Darcy's law with a uniform Starling source, :math:`K\nabla^2 p = -L_p\frac{S}{V}(p_e - p)`,
    p(R) = 0, regular at the centre (Baxter & Jain 1989):

    .. math:: \frac{p}{p_e} = 1 - \frac{\sinh(\alpha r/R)}{(r/R)\sinh\alpha}, \qquad
              \alpha = R\sqrt{L_p S / (V K)}, \qquad u = -K\frac{dp}{dr}

    Examples
    --------
    >>> p, u = interstitial_pressure(r_over_R=[0.0, 1.0])
    >>> round(float(p[0]), 2), float(p[1])
    (20.9, 0.0)
    """
    tp = tumour or TumourPressure()
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
    return p, u_um_s


@sources("baxter1989")
def interstitial_pressure_numerical(
    tumour: TumourPressure | None = None, n_cells: int = 400
) -> tuple[np.ndarray, np.ndarray]:
    """The same pressure profile by finite volumes (for checking the closed form).

    Returns cell-centre positions r/R and pressures [mmHg].
    """
    tp = tumour or TumourPressure()
    if (
        isinstance(n_cells, bool)
        or not isinstance(n_cells, (int, np.integer))
        or not 10 <= n_cells <= 100000
    ):
        raise ValueError(f"n_cells = {n_cells!r} must be a whole number from 10 to 100000.")
    n = int(n_cells)
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
    return x, p


@sources("baxter1989", "nance2012")
def tumour_fluid_transport(
    tumour: TumourPressure | None = None,
    diameters_nm: Any = None,
    particle_diameter_nm: float = 50.0,
) -> Result:
    r"""Pressure, outflow and what the outflow does to particles of each size.

    The outward interstitial velocity is largest at the rim. Against it, a particle diffusing
    inward (tissue diffusion D = D_free / 1.6^2) penetrates a distance :math:`\ell = D/u_{rim}`
    (steady 1-D convection-diffusion), and the Peclet number :math:`Pe = u_{rim} \delta / D`
    over the rim layer :math:`\delta = R/\alpha` where the pressure drops says which wins.

    Returns
    -------
    Result
        ``t`` is r/R; values pressure [mmHg], velocity [um/s], and against ``diameters_nm``
        the Peclet number and the penetration length [um]; metrics for ``particle_diameter_nm``.

    Examples
    --------
    >>> r = tumour_fluid_transport()
    >>> bool(r["Centre pressure [mmHg]"] > 0.9 * 20.9)
    True
    """
    tp = tumour or TumourPressure()
    d = (
        np.geomspace(1.0, 500.0, 60)
        if diameters_nm is None
        else np.atleast_1d(as_checked_array("diameters_nm", diameters_nm, "nm", (0.1, 5000.0)))
    )
    dp = check_value("particle_diameter_nm", particle_diameter_nm, "nm", (0.1, 5000.0))
    x = np.linspace(0.0, 1.0, 201)
    p, u = interstitial_pressure(tp, x)
    u_rim = float(u[-1])  # um/s
    delta_um = tp.radius_mm * 1e3 / max(tp.alpha, 1e-12)
    D = diffusion_coefficient_cm2_s(np.append(d, dp), 37.0, "water") / 1.6**2 * 1e8  # um^2/s
    pe = u_rim * min(delta_um, tp.radius_mm * 1e3) / D
    ell = np.where(u_rim > 0, D / max(u_rim, 1e-300), np.inf)
    return Result(
        t=x,
        values={
            "Pressure [mmHg]": p,
            "Velocity [um/s]": u,
            "Diameter [nm]": d,
            "Peclet number [1]": pe[:-1],
            "Penetration length [um]": ell[:-1],
        },
        metrics={
            "Centre pressure [mmHg]": float(p[0]),
            "Effective vascular pressure [mmHg]": tp.effective_pressure_mmHg,
            "Rim velocity [um/s]": u_rim,
            "Pressure-drop layer [um]": float(min(delta_um, tp.radius_mm * 1e3)),
            "Particle Peclet number [1]": float(pe[-1]),
            "Particle penetration length [um]": float(ell[-1]),
            "alpha [1]": tp.alpha,
        },
        parameters={"tumour": tp, "particle_diameter_nm": dp},
    )
