"""Targeting: ligand-receptor binding, multivalent avidity, tumour penetration, and what a
ligand changes in the whole body.

Concentrations are in nM (of ligand or of particles), times in h, distances in um.
The particle-level binding of a multivalent particle follows the ideal superselectivity
model of Martinez-Veracoechea & Frenkel (2011); penetration into tumour tissue around one
capillary is the Krogh-cylinder model of Thurber, Schmidt & Wittrup (2008) and Graff &
Wittrup (2003), solved by the method of lines; the whole-body comparison splits the tumour
of :mod:`nanoedu.models.pharmacokinetics` into free, bound, internalised and
macrophage-held particles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.integrate import solve_ivp

from ..constants import AVOGADRO_PER_MOL, SECONDS_PER_HOUR
from ..parameters import ParameterSet, check_int, check_value, field
from ..references import sources
from ..results import Result
from ._ode import lsoda_banded_jacobian
from ._validate import as_checked_array, time_grid
from .body import CAPILLARY_RADIUS_UM, Nanoparticle, Patient, Tumour
from .pharmacokinetics import (
    DEFAULT_TIMES_H,
    REPORT_TIMES_H,
    STATES,
    TUMOUR_STATES,
    biodistribution_result,
    blood_loss_rate_per_h,
    initial_state,
    matrix_from_rates,
    solve_linear,
    transfer_rates,
)
from .size import diffusion_coefficient_cm2_s

__all__ = [
    "Ligand",
    "TumourCells",
    "equilibrium_bound_fraction",
    "binding_kinetics",
    "particle_avidity",
    "selectivity_against_affinity",
    "penetration",
    "targeted_biodistribution",
    "TARGETED_COMPARTMENTS",
]

_PER_M_S_TO_PER_NM_H = 1e-9 * SECONDS_PER_HOUR
#: Binding that equilibrates faster than this [1/h] (k_on S/phi + k_off; within ~4 s) is
#: treated as instantaneous equilibrium in the whole-body model: the amounts then differ from
#: the full kinetics by about (competing rate)/(that rate), under 0.5% of the tumour's content
#: for the tumour's fastest competing flow (~4 /h, washout of the smallest particles; tested
#: to 0.2% on fast binders), and the system stays well scaled: rates many orders of magnitude
#: apart cost the exact solution (and the capstone's matrix exponentials) their last digits.
FAST_BINDING_PER_H = 1e3
#: Apparent particle K_D above which a particle is treated as not binding at all [nM] (1 M).
NO_BINDING_ABOVE_NM = 1e9
#: Lowest apparent particle K_D the avidity model reports [nM] (1 fM). Below it the ideal model's
#: numbers (down to 1e-30 nM for 30 nanomolar ligands) mean one thing only: the particle does
#: not come off within the course's week (k_off < 4e-7 /h at k_on = 1e5 /M/s), i.e. it is bound
#: irreversibly; the formula's own assumptions (every bond independent and reversible) no
#: longer describe it. Such particles are reported at this floor, as irreversible binders.
APPARENT_KD_FLOOR_NM = 1e-6


@dataclass(frozen=True, kw_only=True)
class Ligand(ParameterSet):
    """A targeting ligand and how many of them a particle carries."""

    affinity_nM: float = field(
        1.0,
        unit="nM",
        bounds=(0.01, 1e6),
        log=True,
        source="thurber2008addr",
        description="dissociation constant K_D of one ligand-receptor bond (1e6 nM = 1 mM)",
    )
    kon_per_M_s: float = field(
        1e5,
        unit="1/(M s)",
        bounds=(0.0, 1e8),
        source="thurber2008addr",
        description="association rate constant of one bond (0 = no binding)",
    )
    ligands_per_particle: float = field(
        30.0,
        unit="ligands",
        bounds=(0.0, 500.0),
        source="design",
        description="ligands on one particle (0 = untargeted)",
    )
    tether_reach_nm: float = field(
        10.0,
        unit="nm",
        bounds=(2.0, 30.0),
        source="martinez2011",
        description="how far a tethered ligand reaches from the particle surface",
    )

    @property
    def koff_per_h(self) -> float:
        """Dissociation rate constant of one bond, k_off = k_on K_D [1/h]."""
        return self.kon_per_M_s * _PER_M_S_TO_PER_NM_H * self.affinity_nM


@dataclass(frozen=True, kw_only=True)
class TumourCells(ParameterSet):
    """The cells of a tumour that a ligand may bind (default: HER2-overexpressing cancer)."""

    receptors_per_cell: float = field(
        1e6,
        unit="per cell",
        bounds=(100.0, 1e7),
        log=True,
        source="kirpotin2006",
        description="target receptors on one cancer cell (HER2 overexpression: ~1e6)",
    )
    internalisation_per_h: float = field(
        0.1,
        unit="1/h",
        bounds=(0.0, 5.0),
        source="thurber2008addr",
        description="rate at which bound receptors (and what they bind) are internalised",
    )
    cell_diameter_um: float = field(
        12.0,
        unit="um",
        bounds=(5.0, 30.0),
        source="assumption",
        description="diameter of a cancer cell",
    )

    @property
    def surface_um2(self) -> float:
        """Cell surface area, pi d^2 [um^2]."""
        return float(np.pi * self.cell_diameter_um**2)

    def density_per_mL(self, tumour: Tumour) -> float:
        """Cancer cells per mL of tumour: the non-interstitial volume filled with cells [1/mL]."""
        volume_mL = np.pi / 6.0 * (self.cell_diameter_um * 1e-4) ** 3
        return float((1.0 - tumour.available_volume_fraction) / volume_mL)


@sources("thurber2008addr")
def equilibrium_bound_fraction(concentration_nM: Any, affinity_nM: Any) -> np.ndarray:
    """Fraction of receptors bound at equilibrium without internalisation, C / (C + K_D) [1].

    Examples
    --------
    >>> float(equilibrium_bound_fraction(1.0, 1.0))
    0.5
    """
    c = as_checked_array("concentration_nM", concentration_nM, "nM", (0.0, 1e9))
    k = as_checked_array("affinity_nM", affinity_nM, "nM", (1e-6, 1e9))
    return c / (c + k)


@sources("thurber2008addr")
def binding_kinetics(
    ligand: Ligand | None = None,
    cells: TumourCells | None = None,
    concentration_nM: float = 1.0,
    times_h: Any = None,
) -> Result:
    """Binding and internalisation of a monovalent ligand at constant concentration.

    Parameters
    ----------
    ligand, cells : parameter sets, optional
        Defaults if ``None``; only the bond (k_on, K_D) and the internalisation rate matter.
    concentration_nM : float
        Free ligand concentration, held constant [nM], 0 to 1e6.
    times_h : array-like, optional
        Output times [h], 0 to 1000; default 0-24 h.

    Returns
    -------
    Result
        ``"Bound [fraction of receptors]"`` and ``"Internalised [receptor equivalents]"``
        (cumulative, per receptor); metrics: the steady bound fraction.

    Notes
    -----
    .. math:: \\frac{dB}{dt} = k_{on} C (R_T - B) - k_{off} B - k_{int} B

    With C constant the solution is :math:`B = B_{ss}(1 - e^{-\\kappa t})`,
    :math:`\\kappa = k_{on} C + k_{off} + k_{int}`, :math:`B_{ss}/R_T = k_{on} C / \\kappa`,
    which is C / (C + K_D) when k_int = 0. Internalised: :math:`I = k_{int} \\int B\\,dt`.

    Examples
    --------
    >>> r = binding_kinetics(Ligand(affinity_nM=1.0), TumourCells(internalisation_per_h=0.0), 1.0)
    >>> round(float(r["Steady bound fraction [1]"]), 6)
    0.5
    """
    ligand = ligand or Ligand()
    cells = cells or TumourCells()
    C = check_value("concentration_nM", concentration_nM, "nM", (0.0, 1e6))
    t = (
        np.linspace(0.0, 24.0, 97)
        if times_h is None
        else as_checked_array("times_h", times_h, "h", (0.0, 1000.0))
    )
    kon = ligand.kon_per_M_s * _PER_M_S_TO_PER_NM_H
    kappa = kon * C + ligand.koff_per_h + cells.internalisation_per_h
    b_ss = kon * C / kappa if kappa > 0 else 0.0
    bound = b_ss * -np.expm1(-kappa * t)
    integral = b_ss * (t + np.expm1(-kappa * t) / kappa) if kappa > 0 else np.zeros_like(t)
    return Result(
        axis=t,
        values={
            "Bound [fraction of receptors]": bound,
            "Internalised [receptor equivalents]": cells.internalisation_per_h * integral,
        },
        metrics={
            "Steady bound fraction [1]": b_ss,
            "Time to half of steady binding [h]": np.log(2) / kappa if kappa > 0 else np.inf,
        },
        parameters={"ligand": ligand, "cells": cells, "concentration_nM": C},
    )


def _avidity_terms(
    particle: Nanoparticle,
    ligand: Ligand,
    receptors_per_cell: Any,
    cell_surface_um2: float,
    ligands_in_reach: float | None = None,
    affinity_nM: Any = None,
) -> dict:
    d = particle.diameter_nm
    h = ligand.tether_reach_nm
    contact_nm2 = np.pi * d * h  # spherical cap within reach of the membrane
    rho_per_nm2 = np.asarray(receptors_per_cell, dtype=float) / (cell_surface_um2 * 1e6)
    n_receptors = rho_per_nm2 * contact_nm2
    # ligands on that cap: the cap is the fraction h/d of the particle's surface
    k_ligands = (
        ligand.ligands_per_particle * h / d if ligands_in_reach is None else ligands_in_reach
    )
    reach_L = 4.0 / 3.0 * np.pi * (h * 1e-8) ** 3
    c_eff_nM = 1e9 / (AVOGADRO_PER_MOL * reach_L)
    kd = ligand.affinity_nM if affinity_nM is None else np.asarray(affinity_nM, dtype=float)
    x = n_receptors * c_eff_nM / kd  # bond strength x receptors in reach
    # (1 + x)^k - 1, accurate for small x; it overflows to inf for very strong avidity,
    # which then means an apparent K_D of 0 (irreversible binding), handled below.
    with np.errstate(over="ignore"):
        q = np.expm1(k_ligands * np.log1p(x))
    with np.errstate(divide="ignore", over="ignore"):  # a denormal q gives K_D = inf: no binding
        k_app = np.where(q > 0, c_eff_nM / np.where(q > 0, q, 1.0), np.inf)
    k_app = np.maximum(k_app, APPARENT_KD_FLOOR_NM)
    footprints = cell_surface_um2 * 1e6 / contact_nm2
    return {
        "receptors in reach": n_receptors,
        "ligands in reach": k_ligands,
        "apparent K_D [nM]": k_app,
        "sites per cell": np.minimum(np.asarray(receptors_per_cell, dtype=float), footprints),
        "effective concentration [nM]": c_eff_nM,
    }


@sources("martinez2011")
def particle_avidity(
    particle: Nanoparticle | None = None,
    ligand: Ligand | None = None,
    cells: TumourCells | None = None,
    concentration_nM: float = 0.1,
    receptors_per_cell: Any = None,
) -> Result:
    """Equilibrium binding of a multivalent particle against receptor density.

    Parameters
    ----------
    particle, ligand, cells : parameter sets, optional
        Defaults if ``None``.
    concentration_nM : float
        Free particle concentration near the cells [nM], 1e-6 to 1e4.
    receptors_per_cell : array-like, optional
        Receptor numbers to evaluate [per cell]; default 1e2 to 1e7 (60 points).

    Returns
    -------
    Result
        ``t`` holds the receptor numbers. Values: ``"Sites occupied [1]"`` (fraction of a
        cell's particle-binding sites that hold a particle), ``"Monovalent sites occupied
        [1]"`` (the same particle with one ligand in reach), ``"Apparent K_D [nM]"``.
        Metrics at 1e4 and 1e6 receptors per cell and their ratio, the selectivity.

    Notes
    -----
    Ideal superselectivity model (Martinez-Veracoechea & Frenkel 2011): a particle with k
    ligands in reach of N_R receptors has :math:`q = (1 + N_R c_{eff}/K_D)^k - 1` bound
    states, and occupies a site with probability

    .. math:: \\theta = \\frac{z q}{1 + z q}, \\qquad z = C / c_{eff}

    i.e. :math:`\\theta = C/(C + K_{app})`, :math:`K_{app} = c_{eff}/q`. Here
    :math:`c_{eff} = 1/(N_A \\tfrac43 \\pi h^3)` is the local concentration of a ligand
    tethered within reach h, N_R the receptors under the cap of area :math:`\\pi d h`, and
    k the particle's ligands on that cap. With weak bonds and many ligands, binding rises
    far more steeply than linearly with receptor density: superselectivity.

    Examples
    --------
    >>> r = particle_avidity(ligand=Ligand(ligands_per_particle=0))
    >>> float(r["Selectivity 1e6 vs 1e4 receptors [1]"])
    nan
    """
    particle = particle or Nanoparticle()
    ligand = ligand or Ligand()
    cells = cells or TumourCells()
    C = check_value("concentration_nM", concentration_nM, "nM", (1e-6, 1e4))
    R = (
        np.geomspace(1e2, 1e7, 60)
        if receptors_per_cell is None
        else as_checked_array("receptors_per_cell", receptors_per_cell, "per cell", (1.0, 1e8))
    )
    grid = _avidity_terms(particle, ligand, R, cells.surface_um2)
    mono = _avidity_terms(particle, ligand, R, cells.surface_um2, ligands_in_reach=1.0)
    ends = _avidity_terms(particle, ligand, np.array([1e4, 1e6]), cells.surface_um2)
    theta = C / (C + grid["apparent K_D [nM]"])
    theta_mono = C / (C + mono["apparent K_D [nM]"])
    t_ends = C / (C + ends["apparent K_D [nM]"])
    with np.errstate(invalid="ignore", divide="ignore"):
        selectivity = t_ends[1] / t_ends[0] if t_ends[0] > 0 else np.nan
    return Result(
        axis=R,
        axis_label="Receptors per cell",
        values={
            "Sites occupied [1]": theta,
            "Monovalent sites occupied [1]": theta_mono,
            "Apparent K_D [nM]": grid["apparent K_D [nM]"],
        },
        metrics={
            "Occupied at 1e4 receptors [1]": float(t_ends[0]),
            "Occupied at 1e6 receptors [1]": float(t_ends[1]),
            "Selectivity 1e6 vs 1e4 receptors [1]": float(selectivity),
            "Ligands in reach [1]": float(ends["ligands in reach"]),
            "Receptors in reach at 1e6 per cell [1]": float(ends["receptors in reach"][1]),
        },
        parameters={"particle": particle, "ligand": ligand, "cells": cells, "concentration_nM": C},
    )


@sources("martinez2011")
def selectivity_against_affinity(
    particle: Nanoparticle | None = None,
    ligand: Ligand | None = None,
    cells: TumourCells | None = None,
    concentration_nM: float = 0.1,
    affinities_nM: Any = None,
    low_receptors: float = 1e4,
    high_receptors: float = 1e6,
) -> Result:
    """Selectivity (sites occupied on a receptor-rich over a receptor-poor cell) against the
    single-bond K_D, for the ligand count of ``ligand`` (see :func:`particle_avidity`).

    Returns
    -------
    Result
        ``t`` holds the K_D values [nM]; values ``"Selectivity [1]"``, ``"Occupied, rich
        [1]"`` and ``"Occupied, poor [1]"``.

    Examples
    --------
    >>> r = selectivity_against_affinity(affinities_nM=[1.0, 1e5])
    >>> bool(r["Selectivity [1]"][1] > 100 * r["Selectivity [1]"][0])
    True
    """
    particle = particle or Nanoparticle()
    ligand = ligand or Ligand()
    cells = cells or TumourCells()
    C = check_value("concentration_nM", concentration_nM, "nM", (1e-6, 1e4))
    lo = check_value("low_receptors", low_receptors, "per cell", (1.0, 1e8))
    hi = check_value("high_receptors", high_receptors, "per cell", (1.0, 1e8))
    kd = (
        np.geomspace(0.01, 1e6, 81)
        if affinities_nM is None
        else np.atleast_1d(as_checked_array("affinities_nM", affinities_nM, "nM", (1e-6, 1e9)))
    )
    occupied = {}
    for name, R in (("rich", hi), ("poor", lo)):
        terms = _avidity_terms(particle, ligand, R, cells.surface_um2, affinity_nM=kd)
        occupied[name] = C / (C + terms["apparent K_D [nM]"])
    with np.errstate(divide="ignore", invalid="ignore"):
        sel = np.where(occupied["poor"] > 0, occupied["rich"] / occupied["poor"], np.nan)
    return Result(
        axis=kd,
        axis_label="K_D [nM]",
        values={
            "Selectivity [1]": sel,
            "Occupied, rich [1]": occupied["rich"],
            "Occupied, poor [1]": occupied["poor"],
        },
        metrics={},
        parameters={"particle": particle, "ligand": ligand, "cells": cells, "concentration_nM": C},
    )


def _plasma_decay(particle: Nanoparticle, patient: Patient, tumour: Tumour) -> tuple[float, float]:
    """Initial plasma concentration [nM] and its decay rate [1/h] from the whole-body model.

    The decay rate is the blood's total first-order loss rate in the linear model (uptake by
    every organ; back-flux neglected, which is < 1% of the loss for particles above ~10 nm).
    """
    rates = transfer_rates(particle, patient, tumour)
    k_el = float(blood_loss_rate_per_h(rates)[0])
    c0 = particle.dose_particles / AVOGADRO_PER_MOL / (patient.plasma_volume_mL * 1e-3) * 1e9
    return c0, k_el


def _particle_binding(
    particle: Nanoparticle, ligand: Ligand, cells: TumourCells, tumour: Tumour
) -> dict:
    """Particle-level rate constants in tissue: on [1/(nM h)], off and internalisation [1/h],
    binding-site concentration [nM of tissue]."""
    terms = _avidity_terms(particle, ligand, cells.receptors_per_cell, cells.surface_um2)
    kon = ligand.kon_per_M_s * _PER_M_S_TO_PER_NM_H  # the first bond forms at the single-bond rate
    k_app = float(terms["apparent K_D [nM]"])
    # An apparent K_D above 1 M is no binding: such a "bond" lasts well under a millisecond and
    # holds < 1e-9 of the free particles, while its off-rate (up to 1e6 /h) would make the
    # whole-body system needlessly stiff (and cost the exact solution its precision).
    if not np.isfinite(k_app) or k_app > NO_BINDING_ABOVE_NM:
        kon, koff = 0.0, 0.0
    else:
        koff = kon * k_app
    sites_nM = (
        float(terms["sites per cell"]) * cells.density_per_mL(tumour) / AVOGADRO_PER_MOL * 1e12
    )
    return {
        "kon": kon,
        "koff": koff,
        "kint": cells.internalisation_per_h,
        "sites_nM": sites_nM,
        "apparent K_D [nM]": k_app,
    }


@sources("thurber2008", "graff2003", "schmidt2009", "nance2012", "martinez2011")
def penetration(
    particle: Nanoparticle | None = None,
    ligand: Ligand | None = None,
    cells: TumourCells | None = None,
    patient: Patient | None = None,
    tumour: Tumour | None = None,
    times_h: Any = (1.0, 6.0, 24.0),
    n_cells: int = 40,
    constant_plasma_nM: float | None = None,
    rtol: float = 1e-6,
) -> Result:
    r"""Penetration of particles into tumour tissue around one capillary (Krogh cylinder).

    Parameters
    ----------
    particle, ligand, cells, patient, tumour : parameter sets, optional
        Defaults if ``None``. The particle's dose sets the plasma concentration; its size sets
        diffusion (Stokes-Einstein over ``Tumour.interstitial_tortuosity`` squared) and vessel
        permeability.
    times_h : sequence of float
        Times at which to report profiles [h], increasing, 0 < t <= 168.
    n_cells : int
        Radial finite volumes between the capillary wall and the Krogh radius, 5 to 400.
    constant_plasma_nM : float, optional
        Hold the plasma at this concentration [nM] instead of the whole-body decay (used for
        the steady-state closed form).
    rtol : float
        Relative tolerance of the time integration, 1e-10 to 1e-2 (dashboards use 1e-4: the
        profiles then agree with 1e-6 to well under 1% of their peak).

    Returns
    -------
    Result
        ``t`` is the output times. Values (shape (times, n_cells)): ``"Free [nM]"``,
        ``"Bound [nM]"``, ``"Internalised [nM]"`` (particles per tissue volume),
        ``"Radius [um]"`` (cell centres), ``"Particles per cell"`` (bound + internalised).
        Metrics at the last time: the fraction of the tumour volume with at least one
        particle per cell, and the distance from the wall at which bound + internalised
        falls to half its wall value.

    Notes
    -----
    In the interstitium (free C, void fraction :math:`\phi`), on the cells (bound B, sites
    :math:`S_T`) and inside them (I):

    .. math::
        \partial_t C = \frac{D}{r}\partial_r(r\,\partial_r C) - k_{on}\frac{C}{\phi}(S_T - B) + k_{off} B,
        \quad \partial_t B = k_{on}\frac{C}{\phi}(S_T - B) - (k_{off} + k_{int}) B,
        \quad \partial_t I = k_{int} B

    with :math:`-D\partial_r C = P_{in} C_p(t) - P_{back} C/\phi` at the capillary wall
    :math:`r_c` = 8 um and no flux at the Krogh radius (Thurber et al. 2008; Graff & Wittrup
    2003). Particle-level k_on, k_off from the avidity model (:func:`particle_avidity`).
    Method of lines on a finite-volume grid (mass-conserving), ``solve_ivp`` LSODA with an
    analytic banded Jacobian, rtol 1e-6, atol 1e-12 nM.

    Examples
    --------
    >>> r = penetration(n_cells=20)
    >>> r["Radius [um]"].shape
    (20,)
    """
    particle = particle or Nanoparticle()
    ligand = ligand or Ligand()
    cells = cells or TumourCells()
    patient = patient or Patient()
    tumour = tumour or Tumour()
    n_cells = check_int("n_cells", n_cells, (5, 400), "radial cells")
    rtol = check_value("rtol", rtol, "1", (1e-10, 1e-2))
    t_out = np.atleast_1d(as_checked_array("times_h", times_h, "h", (1e-6, 168.0)))
    if np.any(np.diff(t_out) <= 0):
        raise ValueError(f"times_h must be strictly increasing (h, up to 168 h); got {t_out!r}.")
    if constant_plasma_nM is not None:
        constant_plasma_nM = check_value("constant_plasma_nM", constant_plasma_nM, "nM", (0.0, 1e4))

    tissue = _tissue_transport(particle, ligand, cells, patient, tumour, constant_plasma_nM)
    grid = _krogh_grid(tumour.krogh_radius_um, n_cells, tissue["D"])
    Y, t = _solve_krogh(grid, tissue, t_out, rtol)
    return _penetration_result(Y, t, grid, tissue, particle, ligand, cells, patient, tumour)


def _tissue_transport(
    particle: Nanoparticle,
    ligand: Ligand,
    cells: TumourCells,
    patient: Patient,
    tumour: Tumour,
    constant_plasma_nM: float | None,
) -> dict:
    """Step 1 of :func:`penetration`: what the particle does at the wall and in the tissue.

    Wall permeability in and back [um/h] (the whole-body model's), tissue diffusion [um^2/h]
    (Stokes-Einstein over the tortuosity squared), the available volume fraction, the binding
    rate constants and the plasma concentration (start [nM] and decay [1/h]).
    """
    rates = transfer_rates(particle, patient, tumour)
    um_per_h = 1e4 * SECONDS_PER_HOUR  # cm/s -> um/h
    d_vivo = float(rates["in-vivo diameter [nm]"][0])
    D = (
        float(diffusion_coefficient_cm2_s(d_vivo, 37.0, "water"))
        / tumour.interstitial_tortuosity**2
    )
    bind = _particle_binding(particle, ligand, cells, tumour)
    if constant_plasma_nM is None:
        c0, k_el = _plasma_decay(particle, patient, tumour)
    else:
        c0, k_el = constant_plasma_nM, 0.0
    return {
        "p_in": float(rates["tumour P [cm/s]"][0]) * um_per_h,
        "p_back": float(rates["tumour P back [cm/s]"][0]) * um_per_h,
        "D": D * 1e8 * SECONDS_PER_HOUR,  # cm^2/s -> um^2/h
        "phi": float(rates["tumour available volume [1]"][0]),
        "kon": bind["kon"],
        "koff": bind["koff"],
        "kint": bind["kint"],
        "sites": bind["sites_nM"],
        "apparent K_D [nM]": bind["apparent K_D [nM]"],
        "c0": c0,
        "k_el": k_el,
    }


def _krogh_grid(krogh_radius_um: float, n: int, D: float) -> dict:
    """Step 2: finite volumes between the capillary wall (8 um) and the Krogh radius."""
    r_c = CAPILLARY_RADIUS_UM
    faces = np.linspace(r_c, krogh_radius_um, n + 1)
    vol = np.pi * (faces[1:] ** 2 - faces[:-1] ** 2)  # per unit length [um^2]
    dr = faces[1] - faces[0]
    return {
        "n": n,
        "r_c": r_c,
        "R": krogh_radius_um,
        "centres": 0.5 * (faces[1:] + faces[:-1]),
        "vol": vol,
        "g": 2 * np.pi * faces[1:-1] * D / dr,  # conductance between neighbours [um^2/h]
        "wall": 2 * np.pi * r_c,  # wall perimeter [um]
    }


def _solve_krogh(grid: dict, k: dict, t_out: np.ndarray, rtol: float):
    """Step 3: the method-of-lines system, its banded Jacobian, and LSODA.

    State layout interleaved per radial cell, so the Jacobian is banded (3 below, 3 above):
    y[0] = net influx through the wall; y[1 + 3i], y[2 + 3i], y[3 + 3i] = C_i, B_i, I_i.
    Returns the states at the output times (times x states) and the times.
    """
    n, vol, g, wall, phi = grid["n"], grid["vol"], grid["g"], grid["wall"], k["phi"]
    kon, koff, kint, S = k["kon"], k["koff"], k["kint"], k["sites"]
    main = np.zeros(n)  # the diffusion operator on C (amount balance / cell volume)
    main[:-1] -= g / vol[:-1]
    main[1:] -= g / vol[1:]
    main[0] -= wall * k["p_back"] / phi / vol[0]
    lower, upper = g / vol[1:], g / vol[:-1]  # coupling to cell i-1 and to cell i+1
    iC, iB, iI = slice(1, 3 * n + 1, 3), slice(2, 3 * n + 1, 3), slice(3, 3 * n + 1, 3)

    def rhs(t: float, y: np.ndarray) -> np.ndarray:
        C, B = y[iC], y[iB]
        binding = kon * C / phi * (S - B) - koff * B
        influx = wall * k["p_in"] * k["c0"] * np.exp(-k["k_el"] * t)
        diffusion = main * C
        diffusion[1:] += lower * C[:-1]
        diffusion[:-1] += upper * C[1:]
        dy = np.empty_like(y)
        dy[iC] = diffusion - binding
        dy[1] += influx / vol[0]
        dy[iB] = binding - kint * B
        dy[iI] = kint * B
        dy[0] = influx - wall * k["p_back"] * y[1] / phi
        return dy

    u = 3  # upper bandwidth; packed[u + i - j, j] = J[i, j]
    cols_C = np.arange(1, 3 * n + 1, 3)

    def jac(t: float, y: np.ndarray) -> np.ndarray:
        C, B = y[iC], y[iB]
        dC = kon / phi * (S - B)  # d(binding)/dC
        dB = -kon * C / phi - koff  # d(binding)/dB
        J = np.zeros((7, 3 * n + 1))
        J[u, cols_C] = main - dC  # dC_i/dC_i
        J[u - 1, cols_C + 1] = -dB  # dC_i/dB_i   (row = col - 1)
        J[u + 1, cols_C] = dC  # dB_i/dC_i   (row = col + 1)
        J[u, cols_C + 1] = dB - kint  # dB_i/dB_i
        J[u + 1, cols_C + 1] = kint  # dI_i/dB_i   (row = col + 1)
        J[u + 3, cols_C[:-1]] = lower  # dC_{i+1}/dC_i (row = col + 3)
        J[u - 3, cols_C[1:]] = upper  # dC_i/dC_{i+1} (row = col - 3)
        J[u - 1, 1] = -wall * k["p_back"] / phi  # dW/dC_0     (row 0, col 1)
        return J

    sol = solve_ivp(
        rhs,
        (0.0, float(t_out[-1])),
        np.zeros(3 * n + 1),
        method="LSODA",
        t_eval=t_out,
        jac=lsoda_banded_jacobian(jac, lband=3),
        lband=3,
        uband=3,
        rtol=rtol,
        atol=1e-12,
    )
    if not sol.success:  # pragma: no cover
        raise RuntimeError(f"solve_ivp failed: {sol.message}")
    return sol.y.T, sol.t


def _penetration_result(Y, t, grid, k, particle, ligand, cells, patient, tumour) -> Result:
    """Step 4: profiles, particles per cell, and the two summary metrics."""
    n, vol, centres, r_c = grid["n"], grid["vol"], grid["centres"], grid["r_c"]
    free, bound, internal = (
        Y[:, 1 : 3 * n + 1 : 3],
        Y[:, 2 : 3 * n + 1 : 3],
        Y[:, 3 : 3 * n + 1 : 3],
    )
    per_cell = (bound + internal) * 1e-12 * AVOGADRO_PER_MOL / cells.density_per_mL(tumour)
    last = bound[-1] + internal[-1]
    reached = float(np.sum(vol[per_cell[-1] >= 1.0]) / np.sum(vol))
    below = np.flatnonzero(last < last[0] / 2.0)
    depth = float(centres[below[0]] - r_c) if below.size and last[0] > 0 else grid["R"] - r_c
    return Result(
        axis=t,
        values={
            "Radius [um]": centres,
            "Free [nM]": free,
            "Bound [nM]": bound,
            "Internalised [nM]": internal,
            "Particles per cell": per_cell,
            "Tissue amount [nM um^2]": (free + bound + internal) @ vol,
            "Net influx [nM um^2]": Y[:, 0],
        },
        metrics={
            "Tumour volume with >= 1 particle per cell [1]": reached,
            "Half-binding depth from the vessel [um]": depth,
            "Binding sites [nM]": k["sites"],
            "Particle apparent K_D [nM]": k["apparent K_D [nM]"],
            "Plasma at t = 0 [nM]": k["c0"],
            "Diffusion in tissue [um^2/h]": k["D"],
        },
        parameters={
            "particle": particle,
            "ligand": ligand,
            "cells": cells,
            "patient": patient,
            "tumour": tumour,
            "n_cells": n,
        },
    )


#: The states of the targeted whole-body model: the same as the untargeted one's (a ligand only
#: adds binding to cancer cells in the tumour).
TARGETED_COMPARTMENTS = STATES


def targeted_rate_matrix(
    particles: Sequence[Nanoparticle],
    ligand: Ligand,
    cells: TumourCells,
    patient: Patient,
    tumour: Tumour,
) -> tuple[np.ndarray, np.ndarray]:
    """The (n, 12, 12) rate matrix of :func:`targeted_biodistribution` [1/h], and rho.

    The untargeted matrix (:func:`~nanoedu.models.pharmacokinetics.rate_matrix`) plus binding
    of free tumour particles to cancer cells, unbinding, and internalisation of bound ones.
    rho is each particle's bound/free ratio where binding is fast enough to be treated as an
    instantaneous equilibrium (0 otherwise): the "Tumour" state then holds free + bound, of
    which rho/(1 + rho) is on cancer cells. Columns sum to zero (the dose is conserved).
    """
    rates = transfer_rates(list(particles), patient, tumour)
    K = matrix_from_rates(rates)
    n = K.shape[0]
    tf, on, inside, _mac = TUMOUR_STATES
    rho = np.zeros(n)  # bound/free ratio of binding treated as instantaneous (0 otherwise)
    for k, p in enumerate(particles):
        b = _particle_binding(p, ligand, cells, tumour)
        k_bind = b["kon"] * b["sites_nM"] / float(rates["tumour available volume [1]"][k])
        if b["koff"] + k_bind > FAST_BINDING_PER_H:
            # Rapid equilibrium: bound = rho x free within seconds. The tumour-free state then
            # holds the free + bound pool; the flows that act on free particles (back to blood,
            # into macrophages, into cancer cells without a receptor) act on its free share,
            # and internalisation on its bound share.
            free_share = b["koff"] / (b["koff"] + k_bind)
            bound_share = 1.0 - free_share
            rho[k] = bound_share / free_share if free_share > 0 else np.inf
            leaving = K[k, :, tf].copy()
            leaving[tf] = 0.0
            K[k, :, tf] = leaving * free_share
            K[k, tf, tf] = -K[k, :, tf].sum()
            flows = ((tf, inside, b["kint"] * bound_share),)
        else:
            flows = ((tf, on, k_bind), (on, tf, b["koff"]), (on, inside, b["kint"]))
        for src, dst, rate in flows:
            K[k, dst, src] += rate
            K[k, src, src] -= rate
    return K, rho


@sources("kirpotin2006", "martinez2011", "thurber2008addr", "lin2016", "cheng2020")
def targeted_biodistribution(
    particle: Nanoparticle | Sequence[Nanoparticle] | None = None,
    ligand: Ligand | None = None,
    cells: TumourCells | None = None,
    patient: Patient | None = None,
    tumour: Tumour | None = None,
    times_h: Any = None,
) -> Result:
    r"""Whole-body biodistribution with the tumour split by where the particles are.

    Parameters
    ----------
    particle : Nanoparticle or sequence of them, optional
        Defaults if ``None``; a sequence gives a batch.
    ligand, cells, patient, tumour : parameter sets, optional
        Defaults if ``None``. ``Ligand(ligands_per_particle=0)`` (or k_on = 0) is untargeted.
    times_h : array-like, optional
        Output times [h]; default 0-48 h every 15 min.

    Returns
    -------
    Result
        ``"<Compartment> [%ID]"`` for the eight compartments of
        :func:`~nanoedu.models.pharmacokinetics.biodistribution` (the tumour one holding free
        particles) plus ``"Tumour: on cancer cells"``, ``"Tumour: inside cancer cells"`` and
        ``"Tumour: in macrophages"``; metrics: total tumour and inside-cancer-cell %ID at 24 h.

    Notes
    -----
    The eight-compartment matrix of :func:`~nanoedu.models.pharmacokinetics.rate_matrix`,
    with free tumour particles binding cancer cells at the pseudo-first-order rate
    :math:`k_{on} S_T/\phi` (binding sites in excess of particles: at the default dose,
    particles are < 0.1% of sites), unbinding at k_off, internalised at k_int, and taken up
    by tumour-associated macrophages at a nonspecific rate whether targeted or not. Only
    free particles diffuse back to blood. Linear, so solved exactly.

    Examples
    --------
    >>> plain = targeted_biodistribution(ligand=Ligand(ligands_per_particle=0))
    >>> float(plain["Tumour: on cancer cells at 24 h [%ID]"])
    0.0
    """
    ps = [particle or Nanoparticle()] if not isinstance(particle, Sequence) else list(particle)
    ligand = ligand or Ligand()
    cells = cells or TumourCells()
    patient = patient or Patient()
    tumour = tumour or Tumour()
    t = time_grid(times_h, DEFAULT_TIMES_H)
    K, rho = targeted_rate_matrix(ps, ligand, cells, patient, tumour)
    n = K.shape[0]
    tf, on, inside, mac = TUMOUR_STATES
    t_all = np.union1d(t, REPORT_TIMES_H)
    x, auc = solve_linear(K, t_all, initial_state(), float(t[-1]))
    # Binding in rapid equilibrium: the free state held free + bound; split it back.
    pool = x[:, :, tf].copy()
    bound_part = np.where(np.isinf(rho), 1.0, rho / (1.0 + np.where(np.isinf(rho), 0.0, rho)))
    x[:, :, tf] = pool * (1.0 - bound_part)[:, None]
    x[:, :, on] += pool * bound_part[:, None]
    i24 = int(np.searchsorted(t_all, 24.0))
    tumour24 = x[:, i24, list(TUMOUR_STATES)].sum(axis=1)

    def m(v: np.ndarray) -> Any:
        return float(v[0]) if n == 1 else v

    extra = {
        "Tumour: inside cancer cells at 24 h [%ID]": m(x[:, i24, inside]),
        "Tumour: on cancer cells at 24 h [%ID]": m(x[:, i24, on]),
        "Tumour: in macrophages at 24 h [%ID]": m(x[:, i24, mac]),
        "Share of tumour dose inside cancer cells at 24 h [1]": m(x[:, i24, inside] / tumour24),
    }
    rates = transfer_rates(ps, patient, tumour)
    return biodistribution_result(
        x,
        auc,
        t_all,
        t,
        rates,
        n,
        ps,
        [patient],
        [tumour],
        {"ligand": ligand, "cells": cells},
        extra,
    )
