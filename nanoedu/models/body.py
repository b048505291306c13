"""The three parameter sets of the course: the particle, the body it is injected into, the tumour.

Defaults describe a 25 g tumour-bearing mouse, the species in which the delivery data that
the course reproduces (Wilhelm 2016, Cheng 2020) were measured. Vary any field with
``p.replace(field=value)`` or ``dataclasses.replace``; bad values raise ``ValueError``.

Examples
--------
>>> Nanoparticle(diameter_nm=100).in_vivo_diameter_nm
103.0
>>> round(Tumour().vessel_surface_cm2, 2)
9.6
"""

from __future__ import annotations

from dataclasses import dataclass

from ..parameters import ParameterSet, field
from .size import in_vivo_diameter_nm

__all__ = ["Conditions", "Nanoparticle", "Patient", "Tumour", "CAPILLARY_RADIUS_UM"]

#: Tumour capillary radius [um] (Thurber, Schmidt & Wittrup 2008).
CAPILLARY_RADIUS_UM = 8.0


@dataclass(frozen=True, kw_only=True)
class Nanoparticle(ParameterSet):
    """A nanoparticle as designed: size, surface and injected dose."""

    diameter_nm: float = field(
        50.0,
        unit="nm",
        bounds=(1.0, 500.0),
        log=True,
        source="design",
        description="hydrodynamic diameter as synthesised, before the protein corona",
    )
    peg_coverage: float = field(
        0.8,
        unit="1",
        bounds=(0.0, 1.0),
        source="walkey2012",
        description="fraction of the surface shielded by a dense PEG brush",
    )
    zwitterionic: bool = field(
        False,
        unit="",
        bounds=(0, 1),
        kind="bool",
        source="choi2007",
        description="zwitterionic coating that adsorbs no serum protein",
    )
    corona_growth_nm: float = field(
        15.0,
        unit="nm",
        bounds=(0.0, 50.0),
        source="choi2007",
        description="diameter added by the serum-protein corona on an unshielded surface",
    )
    dose_particles: float = field(
        1e11,
        unit="particles",
        bounds=(1e8, 1e16),
        log=True,
        source="ouyang2020",
        description="particles (or molecules) injected; matters where binding or uptake saturates",
    )

    @property
    def in_vivo_diameter_nm(self) -> float:
        """Hydrodynamic diameter in blood, corona included [nm]."""
        return float(
            in_vivo_diameter_nm(
                self.diameter_nm, self.peg_coverage, self.zwitterionic, self.corona_growth_nm
            )
        )


@dataclass(frozen=True, kw_only=True)
class Patient(ParameterSet):
    """The body a particle is injected into (default: a 25 g mouse)."""

    body_mass_g: float = field(
        25.0,
        unit="g",
        bounds=(15.0, 50.0),
        source="diehl2001",
        description="body mass",
    )
    plasma_volume_mL: float = field(
        1.0,
        unit="mL",
        bounds=(0.3, 3.0),
        source="diehl2001",
        description="plasma volume: 72 mL/kg blood x (1 - 0.45 haematocrit) x 25 g",
    )
    gfr_mL_per_h: float = field(
        15.0,
        unit="mL/h",
        bounds=(1.0, 40.0),
        source="qi2004",
        description="glomerular filtration rate",
    )
    kidney_transit_per_h: float = field(
        1.0,
        unit="1/h",
        bounds=(0.1, 10.0),
        source="assumption",
        description="rate at which filtered particles leave kidney and bladder into urine",
    )
    liver_uptake_per_h: float = field(
        1.2,
        unit="1/h",
        bounds=(0.01, 10.0),
        log=True,
        source="tsoi2016",
        description="Kupffer-cell uptake rate constant for an unshielded 100 nm particle",
    )
    spleen_uptake_per_h: float = field(
        0.15,
        unit="1/h",
        bounds=(0.001, 5.0),
        log=True,
        source="tsoi2016",
        description="splenic macrophage uptake rate constant for an unshielded 100 nm particle",
    )
    kupffer_capacity_particles: float = field(
        1e12,
        unit="particles",
        bounds=(1e9, 1e15),
        log=True,
        source="ouyang2020",
        description="particles Kupffer cells take up before their uptake saturates",
    )
    rest_capillary_surface_cm2: float = field(
        2500.0,
        unit="cm^2",
        bounds=(100.0, 10000.0),
        log=True,
        source="rippe1994",
        description="capillary surface of the rest of the body (continuous endothelium)",
    )
    rest_interstitial_volume_mL: float = field(
        5.0,
        unit="mL",
        bounds=(1.0, 15.0),
        source="assumption",
        description="interstitial fluid volume of the rest of the body",
    )


@dataclass(frozen=True, kw_only=True)
class Tumour(ParameterSet):
    """A solid tumour and its vessels (default: subcutaneous mouse xenograft)."""

    mass_g: float = field(
        0.6,
        unit="g",
        bounds=(0.05, 3.0),
        source="cheng2020",
        description="tumour mass (2.4% of a 25 g body)",
    )
    krogh_radius_um: float = field(
        100.0,
        unit="um",
        bounds=(50.0, 200.0),
        source="thurber2008",
        description="half the distance between capillaries (Krogh cylinder radius)",
    )
    small_pore_radius_nm: float = field(
        4.5,
        unit="nm",
        bounds=(1.0, 20.0),
        source="schmidt2009",
        description="radius of the small pores of the vessel wall",
    )
    small_pore_area_per_length_per_cm: float = field(
        17.6,
        unit="1/cm",
        bounds=(0.0, 100.0),
        source="schmidt2009",
        description="small-pore area per vessel surface per pore length, A/L",
    )
    large_pore_radius_nm: float = field(
        500.0,
        unit="nm",
        bounds=(50.0, 1000.0),
        source="hobbs1998",
        description="radius of inter-endothelial gaps (cut-off 200 nm-1.2 um: radius 100-600 nm)",
    )
    large_pore_area_per_length_per_cm: float = field(
        0.02,
        unit="1/cm",
        bounds=(0.0, 5.0),
        source="calibrated",
        description="gap area per vessel surface per pore length, A/L (gaps are rare)",
    )
    transcytosis_permeability_cm_s: float = field(
        3.2e-8,
        unit="cm/s",
        bounds=(0.0, 1e-6),
        source="calibrated",
        description="permeability of the active route through endothelial cells",
    )
    available_volume_fraction: float = field(
        0.3,
        unit="1",
        bounds=(0.05, 0.6),
        source="schmidt2009",
        description="tumour volume fraction open to particles (interstitium)",
    )

    @property
    def vessel_surface_per_volume_per_cm(self) -> float:
        """Vessel surface per tumour volume of a Krogh cylinder, 2 r_c / R^2 [1/cm]."""
        r_c = CAPILLARY_RADIUS_UM * 1e-4
        r_k = self.krogh_radius_um * 1e-4
        return 2.0 * r_c / r_k**2

    @property
    def vessel_surface_cm2(self) -> float:
        """Total vessel surface of the tumour (density 1 g/mL) [cm^2]."""
        return self.vessel_surface_per_volume_per_cm * self.mass_g


@dataclass(frozen=True, kw_only=True)
class Conditions(ParameterSet):
    """Physical conditions of a measurement or of the body."""

    temperature_c: float = field(
        37.0,
        unit="degC",
        bounds=(20.0, 45.0),
        source="kestin1978",
        description="temperature (37 degC in the body; 42 degC in a heated tumour)",
    )
