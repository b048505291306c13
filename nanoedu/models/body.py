"""The three parameter sets of the course: the particle, the body it is injected into, the tumour.

Defaults describe a 25 g tumour-bearing mouse, the species in which the delivery data that
the course reproduces (Wilhelm 2016, Cheng 2020) were measured. Vary any field with
``p.replace(field=value)`` or ``dataclasses.replace``; bad values raise ``ValueError``.

Examples
--------
>>> Nanoparticle(diameter_nm=100).in_vivo_diameter_nm
103.0
>>> round(Tumour().vessel_surface_cm2, 2)
38.4
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..constants import SECONDS_PER_HOUR
from ..parameters import ParameterSet, field, flag_field
from .size import in_vivo_diameter_nm

__all__ = [
    "Conditions",
    "Nanoparticle",
    "Patient",
    "SPECIES_PRESETS",
    "Tumour",
    "CAPILLARY_RADIUS_UM",
]

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
    zwitterionic: bool = flag_field(
        False,
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
    antibody: bool = flag_field(
        False,
        source="vieira1988",
        description="an antibody (IgG) rather than a particle: no corona or PEG, and FcRn "
        "recycling spares it from macrophages, so it circulates for days",
    )
    anti_peg_antibodies: bool = flag_field(
        False,
        source="ishida2005",
        description="the body already has anti-PEG antibodies (a PEGylated dose days to weeks "
        "before): they bind the brush, so PEG no longer shields (accelerated blood clearance)",
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
                self.diameter_nm,
                self.peg_coverage,
                self.zwitterionic or self.antibody,
                self.corona_growth_nm,
            )
        )


#: Cardiac output of the 25 g mouse, 16.5 L/h/kg^0.75 (Lin et al. 2016) [mL/h].
MOUSE_CARDIAC_OUTPUT_ML_PER_H = 16.5e3 * 0.025**0.75
#: Metabolic allometry's scaling of a rate constant per plasma volume to a body of mass M (an
#: intrinsic clearance as M^0.75, the plasma volume as M): the hypothesis the human preset's
#: phagocytes do NOT follow (see HUMAN_PHAGOCYTE_RATE_RATIO); kept for comparison in teaching.
ALLOMETRIC_RATE_EXPONENT = -0.25


@dataclass(frozen=True, kw_only=True)
class Patient(ParameterSet):
    """The body a particle is injected into (default: a 25 g mouse).

    ``Patient.preset("human")`` gives a 70 kg adult (``Patient.presets()`` lists the species).
    Measured human volumes and flows where they exist; the phagocytes' rate constants calibrated
    on Doxil's half-life in patients; the rest (the phagocytes' capacity, the rest of the body's
    capillaries and lymph) the mouse's, scaled allometrically. Each field's description says
    which. ``species`` and ``label`` name the body a result describes.
    """

    body_mass_g: float = field(
        25.0,
        unit="g",
        bounds=(15.0, 150000.0),
        log=True,
        source="diehl2001",
        description="body mass (mouse 25 g; human 70 kg, Brown et al. 1997)",
    )
    plasma_volume_mL: float = field(
        1.0,
        unit="mL",
        bounds=(0.3, 6000.0),
        log=True,
        source="diehl2001",
        description="plasma volume: 72 mL/kg blood x (1 - 0.45 haematocrit) x 25 g "
        "(human: 3000 mL, Davies & Morris 1993)",
    )
    cardiac_output_mL_per_h: float = field(
        MOUSE_CARDIAC_OUTPUT_ML_PER_H,
        unit="mL/h",
        bounds=(300.0, 600000.0),
        log=True,
        source="lin2016",
        description="cardiac output (mouse: 16.5 L/h/kg^0.75, 17 mL/min; human: 5.6 L/min, "
        "Davies & Morris 1993)",
    )
    liver_flow_fraction: float = field(
        0.161,
        unit="1",
        bounds=(0.05, 0.4),
        source="brown1997",
        description="liver blood flow (hepatic artery + portal vein) as a fraction of cardiac "
        "output (mouse 0.161; human 0.227)",
    )
    spleen_flow_fraction: float = field(
        0.011,
        unit="1",
        bounds=(0.001, 0.1),
        log=True,
        source="lin2016",
        description="spleen blood flow as a fraction of cardiac output (mouse 0.011; human "
        "0.014, Davies & Morris 1993: 77 of 5600 mL/min)",
    )
    brain_mass_g: float = field(
        0.4,
        unit="g",
        bounds=(0.1, 2000.0),
        log=True,
        source="brown1997",
        description="brain mass (1.65% of body mass in the mouse; human 1400 g, 2%)",
    )
    gfr_mL_per_h: float = field(
        15.0,
        unit="mL/h",
        bounds=(1.0, 15000.0),
        log=True,
        source="qi2004",
        description="glomerular filtration rate (mouse 0.25 mL/min; human 125 mL/min, "
        "Davies & Morris 1993)",
    )
    kidney_transit_per_h: float = field(
        1.0,
        unit="1/h",
        bounds=(0.1, 10.0),
        source="assumption",
        description="rate at which filtered particles leave kidney and bladder into urine",
    )
    liver_uptake_per_h: float = field(
        1.3,
        unit="1/h",
        bounds=(0.01, 10.0),
        log=True,
        source="calibrated",
        description="Kupffer-cell uptake rate constant for an unshielded 100 nm particle "
        "(human: the mouse's x 0.40, calibrated on Doxil's half-life in patients)",
    )
    spleen_uptake_per_h: float = field(
        0.15,
        unit="1/h",
        bounds=(0.001, 5.0),
        log=True,
        source="calibrated",
        description="splenic macrophage uptake rate constant for an unshielded 100 nm particle "
        "(human: the mouse's x 0.40, calibrated on Doxil's half-life in patients)",
    )
    other_uptake_per_h: float = field(
        0.35,
        unit="1/h",
        bounds=(0.0, 5.0),
        source="assumption",
        description="uptake by macrophages of bone marrow, lung and the rest of the body "
        "(unshielded 100 nm particle; human: the mouse's x 0.40, as the liver)",
    )
    kupffer_capacity_particles: float = field(
        1e12,
        unit="particles",
        bounds=(1e9, 1e17),
        log=True,
        source="ouyang2020",
        description="particles Kupffer cells take up before their uptake saturates (human: "
        "the mouse's x M/25 g, with liver mass)",
    )
    rest_capillary_surface_cm2: float = field(
        2500.0,
        unit="cm^2",
        bounds=(100.0, 1e8),
        log=True,
        source="assumption",
        description="capillary surface of the rest of the body (continuous endothelium; "
        "human: the mouse's x M/25 g)",
    )
    rest_interstitial_volume_mL: float = field(
        5.0,
        unit="mL",
        bounds=(1.0, 30000.0),
        log=True,
        source="assumption",
        description="interstitial fluid volume of the rest of the body (20% of body mass; "
        "human: 16%, 11.2 L)",
    )
    lymph_flow_mL_per_h: float = field(
        0.3,
        unit="mL/h",
        bounds=(0.01, 1000.0),
        log=True,
        source="assumption",
        description="lymph returning interstitial fluid (and what it carries) to the blood "
        "(human: the mouse's x (M/25 g)^0.75, 2.8 L/day)",
    )

    @classmethod
    def presets(cls) -> tuple[str, ...]:
        """Names of the species :meth:`preset` knows."""
        return tuple(SPECIES_PRESETS)

    @classmethod
    def preset(cls, species: str, **changes: Any) -> Patient:
        """The body of a species (``"mouse"``, ``"human"``), with optional changes.

        Examples
        --------
        >>> Patient.preset("human").label
        '70 kg human'
        >>> Patient.preset("dog")
        Traceback (most recent call last):
        ...
        ValueError: species = 'dog' is not known: choose one of 'mouse', 'human'.
        """
        if species not in SPECIES_PRESETS:
            known = ", ".join(repr(k) for k in SPECIES_PRESETS)
            raise ValueError(f"species = {species!r} is not known: choose one of {known}.")
        return cls(**{**SPECIES_PRESETS[species], **changes})

    @property
    def species(self) -> str:
        """The species this body's mass belongs to: mouse (below 100 g), rat, or human."""
        if self.body_mass_g < 100.0:
            return "mouse"
        if self.body_mass_g < 2000.0:
            return "rat"
        return "human"

    @property
    def label(self) -> str:
        """The body in words, e.g. ``'25 g mouse'`` or ``'70 kg human'``."""
        m = self.body_mass_g
        mass = f"{m / 1000:.3g} kg" if m >= 1000.0 else f"{m:.3g} g"
        return f"{mass} {self.species}"

    @property
    def blood_volume_mL(self) -> float:
        """Blood volume, plasma over (1 - haematocrit 0.45) [mL]."""
        return self.plasma_volume_mL / (1.0 - 0.45)

    @property
    def circulation_time_s(self) -> float:
        """Time the heart takes to pump the whole blood volume once, V_blood / CO [s]."""
        return self.blood_volume_mL / self.cardiac_output_mL_per_h * SECONDS_PER_HOUR


#: The human phagocytes' uptake rate constants (per plasma volume) relative to the mouse's,
#: **calibrated** on one product's clinical pharmacokinetics: a 100 nm liposome with a dense
#: PEG brush (peg_coverage 0.95, Doxil-like) keeps half its dose in a patient's blood for 45 h
#: (Gabizon et al. 1994, the median second-phase half-life of Doxil). Metabolic allometry
#: (rates per volume as M^-0.25, 0.14 for a 70 kg patient) would keep it three times longer:
#: PEG-liposome clearance follows the phagocyte system, not body mass alone.
#: Liver, spleen and the other phagocytes keep the mouse's proportions (an assumption).
HUMAN_PHAGOCYTE_RATE_RATIO = 0.40


def _scaled(mass_g: float) -> dict[str, float]:
    """The mouse's unmeasured fields scaled to a human body of ``mass_g``: phagocytic rates by
    the calibrated :data:`HUMAN_PHAGOCYTE_RATE_RATIO`, capacity, capillary surface and lymph
    allometrically."""
    mouse, r = Patient(), mass_g / 25.0
    return {
        "liver_uptake_per_h": mouse.liver_uptake_per_h * HUMAN_PHAGOCYTE_RATE_RATIO,
        "spleen_uptake_per_h": mouse.spleen_uptake_per_h * HUMAN_PHAGOCYTE_RATE_RATIO,
        "other_uptake_per_h": mouse.other_uptake_per_h * HUMAN_PHAGOCYTE_RATE_RATIO,
        "kupffer_capacity_particles": mouse.kupffer_capacity_particles * r,
        "rest_capillary_surface_cm2": mouse.rest_capillary_surface_cm2 * r,
        "lymph_flow_mL_per_h": mouse.lymph_flow_mL_per_h * r**0.75,
    }


#: The species :meth:`Patient.preset` knows: measured values (sources in the field
#: descriptions: Brown et al. 1997, Davies & Morris 1993) and the mouse's unmeasured ones
#: scaled allometrically.
SPECIES_PRESETS: dict[str, dict[str, float]] = {
    "mouse": {},
    "human": {
        "body_mass_g": 70000.0,
        "plasma_volume_mL": 3000.0,
        "cardiac_output_mL_per_h": 5600.0 * 60.0,
        "liver_flow_fraction": 0.227,
        "spleen_flow_fraction": 77.0 / 5600.0,
        "brain_mass_g": 1400.0,
        "gfr_mL_per_h": 125.0 * 60.0,
        "rest_interstitial_volume_mL": 11200.0,
        **_scaled(70000.0),
    },
}


@dataclass(frozen=True, kw_only=True)
class Tumour(ParameterSet):
    """A solid tumour: one geometry and one set of vessels for every model of the course.

    The default is a 0.6 g subcutaneous mouse xenograft. The whole-body model, the
    penetration model (a Krogh cylinder around one capillary) and the interstitial-pressure
    model (a uniformly perfused sphere) all take their vessel surface per volume from the
    Krogh radius, and the pressure model takes its radius from the mass.
    """

    mass_g: float = field(
        0.6,
        unit="g",
        bounds=(0.05, 500.0),
        source="cheng2020",
        description="tumour mass (2.4% of a 25 g mouse; a patient's tumour: tens of grams)",
    )
    krogh_radius_um: float = field(
        50.0,
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
        description="radius of the large pathway (cut-off 200 nm-1.2 um: radius 100-600 nm)",
    )
    large_pore_area_per_length_per_cm: float = field(
        0.235,
        unit="1/cm",
        bounds=(0.0, 5.0),
        source="calibrated",
        description="large-pathway area per vessel surface per length, A/L (mostly through "
        "endothelial cells); Schmidt & Wittrup fitted 0.65 to macromolecule data",
    )
    transcellular_fraction: float = field(
        0.95,
        unit="1",
        bounds=(0.0, 1.0),
        source="sindhwani2020",
        description="share of the large pathway that is one-way transport through endothelial "
        "cells (the rest: gaps, both ways)",
    )
    blood_capture_ratio: float = field(
        1.0,
        unit="1",
        bounds=(0.0, 10.0),
        source="assumption",
        description="capture of opsonised particles from the tumour's blood by its perivascular "
        "macrophages, per unit blood flow, relative to the body's other phagocytic organs",
    )
    available_volume_fraction: float = field(
        0.5,
        unit="1",
        bounds=(0.05, 0.7),
        source="schmidt2009",
        description="interstitial volume fraction, open to the smallest solutes (larger "
        "particles see less of it)",
    )
    macrophage_uptake_per_h: float = field(
        0.29,
        unit="1/h",
        bounds=(0.0, 2.0),
        source="chou2023",
        description="uptake of free particles by tumour-associated macrophages (100 nm "
        "particle): the median of the maximum tumour-phagocyte uptake over the 378 fits of "
        "Cheng et al. 2020's model (as published by Chou et al. 2023)",
    )
    cell_release_per_h: float = field(
        0.15,
        unit="1/h",
        bounds=(0.0, 0.5),
        source="calibrated",
        description="return of particles from tumour macrophages and cancer cells to the "
        "interstitium (exocytosis, cell turnover); fitted with the large pathway's area to "
        "Cheng et al.'s median delivery over 24 and 168 h (their fits' median: 0.097 /h)",
    )
    cancer_cell_uptake_per_h: float = field(
        0.041,
        unit="1/h",
        bounds=(0.0, 1.0),
        source="calibrated",
        description="uptake of free particles into cancer cells without a receptor "
        "(pinocytosis); fitted to Kirpotin et al. 2006's 5.9x more targeted than untargeted "
        "liposomes inside cancer cells",
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
    interstitial_tortuosity: float = field(
        1.6,
        unit="1",
        bounds=(1.0, 5.0),
        source="sykova2008",
        description="tortuosity of the interstitium: diffusion in tissue is the free value over "
        "its square (the brain's 1.6, Sykova & Nicholson 2008, applied to tumours: an "
        "assumption; Chary & Jain 1989's albumin in tumour tissue tests it, docs/science.md)",
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
    def vessel_surface_per_volume_per_cm(self) -> float:
        """Vessel surface per tumour volume of a Krogh cylinder, 2 r_c / R^2 [1/cm]."""
        r_c = CAPILLARY_RADIUS_UM * 1e-4
        r_k = self.krogh_radius_um * 1e-4
        return 2.0 * r_c / r_k**2

    @property
    def vessel_surface_cm2(self) -> float:
        """Total vessel surface of the tumour (density 1 g/mL) [cm^2]."""
        return self.vessel_surface_per_volume_per_cm * self.mass_g

    @property
    def radius_mm(self) -> float:
        """Radius of a sphere of the tumour's mass (density 1 g/mL) [mm]."""
        return float(sphere_radius_mm(self.mass_g))

    @property
    def effective_pressure_mmHg(self) -> float:
        """p_e = p_v - sigma (pi_v - pi_i) [mmHg]."""
        return max(self.vascular_pressure_mmHg - self.oncotic_gradient_mmHg, 0.0)

    @property
    def alpha(self) -> float:
        """Baxter & Jain's alpha = R sqrt(L_p S/V / K) [1]."""
        return float(self.alpha_at(self.mass_g))

    def alpha_at(self, mass_g: Any) -> np.ndarray:
        """alpha of this tumour's tissue grown (or shrunk) to ``mass_g`` [1]."""
        return (sphere_radius_mm(mass_g) / 10.0) * np.sqrt(
            self.vessel_conductivity_cm_per_mmHg_s
            * self.vessel_surface_per_volume_per_cm
            / self.interstitial_conductivity_cm2_per_mmHg_s
        )

    @property
    def fluid_outflow_per_h(self) -> float:
        """Interstitial fluid leaving the tumour per tumour volume, from the pressure model [1/h].

        See :meth:`fluid_outflow_per_h_at`.
        """
        return float(self.fluid_outflow_per_h_at(self.mass_g))

    def fluid_outflow_per_h_at(self, mass_g: Any) -> np.ndarray:
        """Fluid outflow per volume of this tumour's tissue at ``mass_g`` [1/h].

        The fluid the vessels filter, :math:`L_p\\,(S/V)\\,\\overline{(p_e - p)}`, with the
        mean over the sphere of Baxter & Jain's profile,
        :math:`\\overline{p_e - p} = 3 p_e (\\alpha\\coth\\alpha - 1)/\\alpha^2`. At steady
        state it all leaves through the tumour's surface; larger tumours lose less per gram.
        """
        a = np.asarray(self.alpha_at(mass_g), dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            mean = np.where(a < 1e-3, 1.0 - a * a / 15.0, 3.0 * (a / np.tanh(a) - 1.0) / (a * a))
        per_s = (
            self.vessel_conductivity_cm_per_mmHg_s
            * self.vessel_surface_per_volume_per_cm
            * self.effective_pressure_mmHg
            * mean
        )
        return per_s * SECONDS_PER_HOUR


def sphere_radius_mm(mass_g: Any) -> np.ndarray:
    """Radius of a sphere of tissue (density 1 g/mL) of the given mass [mm]."""
    return 10.0 * (3.0 * np.asarray(mass_g, dtype=float) / (4.0 * np.pi)) ** (1.0 / 3.0)


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
