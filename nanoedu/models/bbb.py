"""The blood-brain barrier as a wall: its permeability to a particle of a given size, with or
without focused ultrasound, and the fraction a capillary bed extracts in one pass.

Shared by the whole-body model (:mod:`nanoedu.models.pharmacokinetics`, whose brain
compartment uses :func:`bbb_permeability_cm_s`) and the brain-delivery model of lesson 03
(:mod:`nanoedu.models.barriers`), so that both give the same brain uptake for a particle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..parameters import ParameterSet, field, flag_field
from ..references import sources
from ._validate import as_checked_array
from .size import pore_permeability_cm_s

__all__ = [
    "BloodBrainBarrier",
    "FocusedUltrasound",
    "bbb_permeability_cm_s",
    "renkin_crone_extraction",
    "vesicle_fit",
]


@dataclass(frozen=True, kw_only=True)
class BloodBrainBarrier(ParameterSet):
    """The brain's capillaries and extracellular space (default: mouse)."""

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
        3.0e-9,
        unit="cm/s",
        bounds=(0.0, 1e-7),
        source="calibrated",
        description="non-specific transcytosis permeability (calibrated jointly: IgG brain/plasma "
        "~0.1% at 24 h, Yu et al. 2011, and an AUC ratio of 0.0022, Garg & Balthasar 2009)",
    )
    vesicle_size_scale_nm: float = field(
        35.0,
        unit="nm",
        bounds=(10.0, 300.0),
        source="assumption",
        description="size scale of vesicular transport, exp(-(d/d_v)^2): soft, so that 80 nm "
        "transferrin-gold still reaches brain tissue (Wiley et al. 2013) while the share below "
        "50 nm stays within 1.6x of a 70 nm vesicle's hard cut-off",
    )
    isf_clearance_per_h: float = field(
        0.06,
        unit="1/h",
        bounds=(0.0, 2.0),
        source="assumption",
        description="clearance of brain interstitial fluid by bulk flow",
    )
    efflux_per_h: float = field(
        0.87,
        unit="1/h",
        bounds=(0.0, 5.0),
        source="zhang2001",
        description="return of macromolecules and particles from brain to blood, the same for "
        "every agent (IgG half-time 48 min after injection into the brain; not FcRn-specific: "
        "Garg & Balthasar 2009 found the same brain:plasma IgG ratio without FcRn)",
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
class FocusedUltrasound(ParameterSet):
    """Focused ultrasound with microbubbles: a transient opening of the barrier."""

    ultrasound_on: bool = flag_field(
        False,
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
    vesicular transcytosis :math:`P_v e^{-(d/d_v)^2}`,
    and, after focused ultrasound at :math:`t_0`, gaps whose area decays as
    :math:`e^{-(t - t_0)/\\tau}`.

    Examples
    --------
    >>> float(bbb_permeability_cm_s(200.0)) < 1e-20  # too large for junctions and vesicles
    True
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


def vesicle_fit(in_vivo_diameter_nm: Any, bbb: BloodBrainBarrier) -> np.ndarray:
    """Share of vesicular transport a particle keeps, exp(-(d/d_v)^2) [1].

    Whichever route (fluid phase or a receptor) loads the transcytotic vesicle, larger cargo
    is carried less; the fall is soft (a stated assumption, not a hard cut-off: Wiley et al.
    2013 found 80 nm transferrin-gold in brain tissue).

    Examples
    --------
    >>> [round(float(vesicle_fit(d, BloodBrainBarrier())), 3) for d in (11.0, 50.0, 80.0)]
    [0.906, 0.13, 0.005]
    """
    d = np.asarray(in_vivo_diameter_nm, dtype=float)
    return np.exp(-((d / bbb.vesicle_size_scale_nm) ** 2))
