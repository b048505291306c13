"""The capstone: one particle design, scored for a patient case with the course's models.

A design is what a formulation scientist chooses: size, coating, ligand and its affinity,
release trigger and imaging label. :func:`evaluate_design` carries it through the models of
lessons 01-05 for one of two cases (a liver metastasis; a glioblastoma behind the blood-brain
barrier) and for a seeded virtual cohort of that case, and scores four things: tumour delivery,
drug released in the tumour, drug released elsewhere, and how well the companion image ranks
patients by the drug their tumour receives.

The model is the targeted whole-body model (:func:`~nanoedu.models.targeting.targeted_rate_matrix`)
with the cargo followed inside its carriers: each state releases its cargo at the trigger's rate
for that place (pH of blood, tumour fluid or lysosome; temperature of a heated tumour), and the
released drug is counted where it was released. Linear, piecewise constant in time (heating on
or off), so solved exactly with ``expm`` for the whole cohort at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.integrate import trapezoid

from ..constants import AVOGADRO_PER_MOL
from ..parameters import (
    ParameterSet,
    check_seed,
    check_value,
    choice_field,
    field,
    validated_inputs,
)
from ..references import sources
from ..results import Result
from ._linalg import expm_batch
from .barriers import BloodBrainBarrier, TfRShuttle, brain_balance, tfr_kinetics, vesicle_fit
from .body import Nanoparticle, Patient, Tumour
from .imaging import MRIScanner, PETScanner, mri_measurement, pet_measurement
from .pharmacokinetics import (
    COMPARTMENTS,
    TUMOUR_BLOOD_FLOW_ML_PER_H_PER_G,
    initial_state,
    solve_linear,
)
from .release import (
    COMPARTMENT_PH,
    DrugProperties,
    HeatingProtocol,
    PHCarrier,
    ThermoLiposome,
    heated_transit_release_per_h,
    ph_release_rate_per_h,
    thermal_release_rate_per_h,
)
from .targeting import (
    TARGETED_COMPARTMENTS,
    TUMOUR_STATES,
    Ligand,
    TumourCells,
    targeted_rate_matrix,
)
from .theranostics import Cohort, cohort_factors, cohort_matrices, cohort_scaling

__all__ = [
    "CASES",
    "Design",
    "PatientCase",
    "ScoreWeights",
    "CaseSetup",
    "case_setup",
    "evaluate_design",
    "rank_correlation",
]

CASES = ("liver metastasis", "glioblastoma")
COATINGS = ("PEG", "zwitterionic", "none")
LIGANDS = ("none", "tumour antigen", "transferrin receptor")
TRIGGERS = ("none", "pH", "heat")
LABELS = ("64Cu PET", "89Zr PET", "iron oxide MRI")

#: The heat trigger is the thermosensitive liposome of lesson 04 (~100 nm, Needham et al. 2013):
#: a lipid vesicle that holds drug is not made much below 50 nm, so smaller heat designs are refused.
HEAT_MIN_DIAMETER_NM = 50.0
#: Pore area of the glioblastoma's vessels [1/cm]: a tenth of the course's default tumour
#: (assumption: Sarin et al. 2009 attribute the brain tumour barrier's low permeability to
#: fewer pores, not smaller ones than ~12 nm).
GLIOMA_PORE_AREA_PER_LENGTH_PER_CM = 1.76
#: Mouse organ masses as fractions of body mass (Brown et al. 1997), for image backgrounds.
LIVER_MASS_FRACTION = 0.055
BRAIN_MASS_FRACTION = 0.0165
#: Payload: every carrier holds drug in proportion to its volume (an **assumption** that fits
#: liposomes loaded to a fixed internal concentration, Doxil-like, and polymer particles loaded
#: to a fixed weight fraction), so a carrier's payload relative to the reference 50 nm carrier
#: is (d/50)^3: a 5 nm carrier holds 1000 times less. Every design gives the same drug dose,
#: so the number of particles injected is the reference dose divided by that payload: small
#: carriers need many more particles, which saturate receptors (the shuttle, a ligand's
#: targets) and the liver's macrophages sooner.
REFERENCE_CARRIER_NM = 50.0
#: Particles of the reference 50 nm carrier that hold the standard drug dose (the course's
#: default dose).
REFERENCE_DOSE_PARTICLES = 1e11
#: Delivery and release that score one half: the median delivery of nanoparticles to tumours
#: (0.7 %ID; Wilhelm et al. 2016, Cheng et al. 2020), and the same amount of drug released.
HALF_SCORE_PCT = 0.7
#: Where each state of the targeted model holds its carriers, for the pH trigger: blood and
#: healthy tissue fluid at 7.4; liver, spleen and tumour macrophages have taken carriers into
#: lysosomes; carriers on cancer cells sit in the acidic tumour fluid; internalised ones reach
#: lysosomes. Carriers in urine have left the body: they release nothing that counts.
STATE_PH = {
    "Blood": COMPARTMENT_PH["blood"],
    "Liver": COMPARTMENT_PH["lysosome"],
    "Spleen": COMPARTMENT_PH["lysosome"],
    "Kidney": COMPARTMENT_PH["blood"],
    "Urine": None,
    "Tumour": COMPARTMENT_PH["tumour extracellular"],
    "Brain": COMPARTMENT_PH["blood"],
    "Rest of body": COMPARTMENT_PH["blood"],
    "Other phagocytes": COMPARTMENT_PH["lysosome"],
    "Tumour: on cancer cells": COMPARTMENT_PH["tumour extracellular"],
    "Tumour: inside cancer cells": COMPARTMENT_PH["lysosome"],
    "Tumour: in macrophages": COMPARTMENT_PH["lysosome"],
}
_N = len(TARGETED_COMPARTMENTS)
_LEFT_BODY = np.array([STATE_PH[s] is None for s in TARGETED_COMPARTMENTS])
_STATE_PH_VALUES = np.array(
    [7.4 if STATE_PH[s] is None else STATE_PH[s] for s in TARGETED_COMPARTMENTS]
)
_IN_TUMOUR = np.isin(np.arange(_N), TUMOUR_STATES)
_RELEASED_TUMOUR, _RELEASED_ELSEWHERE = _N, _N + 1
_BLOOD = COMPARTMENTS.index("Blood")


@dataclass(frozen=True, kw_only=True)
class PatientCase(ParameterSet):
    """Which patient the particle is designed for."""

    case: str = choice_field(
        "liver metastasis",
        options=CASES,
        source="design",
        description="patient case: a liver metastasis, or a glioblastoma behind the blood-brain barrier",
    )


@dataclass(frozen=True, kw_only=True)
class Design(ParameterSet):
    """A theranostic particle: what the learner chooses in the capstone."""

    diameter_nm: float = field(
        50.0,
        unit="nm",
        bounds=(5.0, 200.0),
        log=True,
        source="design",
        description="hydrodynamic diameter as synthesised, before the protein corona",
    )
    coating: str = choice_field(
        "PEG",
        options=COATINGS,
        source="design",
        description="surface: PEG (80% coverage), zwitterionic, or none",
    )
    ligand: str = choice_field(
        "none",
        options=LIGANDS,
        source="design",
        description="targeting ligand: none, a tumour antigen, or the transferrin receptor",
    )
    affinity_nM: float = field(
        10.0,
        unit="nM",
        bounds=(0.1, 1000.0),
        log=True,
        source="design",
        description="K_D of one ligand-receptor bond (smaller binds tighter)",
    )
    ligands_per_particle: float = field(
        30.0,
        unit="ligands",
        bounds=(1.0, 100.0),
        log=True,
        source="design",
        description="ligands on one particle (more bind more tightly: avidity)",
    )
    trigger: str = choice_field(
        "none",
        options=TRIGGERS,
        source="design",
        description="release trigger: none (slow leak), acidic pH, or mild heat of the tumour "
        "(a thermosensitive liposome, 50 nm or larger)",
    )
    label: str = choice_field(
        "64Cu PET",
        options=LABELS,
        source="design",
        description="imaging label, scanned at 24 h",
    )

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.trigger == "heat" and self.diameter_nm < HEAT_MIN_DIAMETER_NM:
            raise ValueError(
                f"trigger = 'heat' is a thermosensitive liposome, made at {HEAT_MIN_DIAMETER_NM:g} "
                f"to 200 nm; diameter_nm = {self.diameter_nm:.3g} nm is too small for a lipid "
                "vesicle that holds drug: choose a larger size or another trigger."
            )

    @property
    def payload_relative(self) -> float:
        """Drug one particle holds, relative to the reference 50 nm carrier: (d/50)^3 [1]."""
        return (self.diameter_nm / REFERENCE_CARRIER_NM) ** 3

    @property
    def particles_per_dose(self) -> float:
        """Particles that hold the standard drug dose (the reference dose / payload)."""
        return REFERENCE_DOSE_PARTICLES / self.payload_relative

    def particle(self) -> Nanoparticle:
        """The design as the course's :class:`Nanoparticle`, dosed to the standard drug dose."""
        return Nanoparticle(
            diameter_nm=self.diameter_nm,
            peg_coverage=0.8 if self.coating == "PEG" else 0.0,
            zwitterionic=self.coating == "zwitterionic",
            dose_particles=self.particles_per_dose,
        )

    def ligand_parameters(self) -> Ligand:
        """The ligand as the course's :class:`Ligand` (none = no ligands on the particle)."""
        return Ligand(
            affinity_nM=self.affinity_nM,
            ligands_per_particle=0.0 if self.ligand == "none" else self.ligands_per_particle,
        )


@dataclass(frozen=True, kw_only=True)
class ScoreWeights(ParameterSet):
    """How much each part of the score counts (normalised by their sum)."""

    delivery_weight: float = field(
        1.0,
        unit="1",
        bounds=(0.0, 5.0),
        source="design",
        description="weight of tumour delivery at 24 h",
    )
    release_weight: float = field(
        2.0,
        unit="1",
        bounds=(0.0, 5.0),
        source="design",
        description="weight of drug released in the tumour by 48 h (what treats)",
    )
    off_target_weight: float = field(
        1.5,
        unit="1",
        bounds=(0.0, 5.0),
        source="design",
        description="weight of drug released outside the tumour by 48 h (what harms)",
    )
    prediction_weight: float = field(
        1.0,
        unit="1",
        bounds=(0.0, 5.0),
        source="design",
        description="weight of how well the image ranks patients by released drug",
    )
    off_target_limit_pct: float = field(
        50.0,
        unit="% of dose",
        bounds=(0.0, 100.0),
        source="design",
        description="toxicity gate: a design that frees more of its drug outside the tumour by "
        "48 h scores 0, however well it does otherwise (free drug frees all of it there)",
    )


@dataclass(frozen=True)
class CaseSetup:
    """The parameter sets of one patient case and what the case allows."""

    name: str
    patient: Patient
    tumour: Tumour
    cells: TumourCells
    behind_bbb: bool
    heating_available: bool
    background: str
    background_mass_g: float
    story: str


@sources("haugeberg1988", "sarin2009", "brown1997")
def case_setup(case: PatientCase | str) -> CaseSetup:
    """The parameter sets of a patient case.

    Both cases use the course's 25 g mouse, as the data the models are calibrated to do.

    - liver metastasis: a tumour in the liver with its own vessels, fed from arterial blood (the
      hepatic artery, as most liver metastases are, Haugeberg et al. 1988; the portal blood some
      draw at their rim is left out), with the course's default tumour vessels (leaky, with rare
      large gaps); the image's background is the healthy liver, which takes up most
      particles; mild heating of a liver tumour is available (radiofrequency or microwave
      heating, Dewhirst et al. 2013).
    - glioblastoma: a 0.1 g orthotopic tumour (assumption: ~100 mm^3 in a 0.4 g brain) whose
      vessels keep the blood-brain barrier's character: pores up to ~12 nm (radius 6 nm), a
      tenth as many as the default tumour's, and no large pathway (Sarin et al. 2009), so no
      particle reaches its macrophages from blood; a transferrin-receptor ligand can cross them as the
      brain shuttle of lesson 03 does the barrier. The background is brain. The course models no heating of a
      brain tumour, so a heat trigger never fires here.

    Examples
    --------
    >>> case_setup("glioblastoma").tumour.large_pore_area_per_length_per_cm
    0.0
    """
    name = case.case if isinstance(case, PatientCase) else PatientCase(case=case).case
    patient = Patient()
    if name == "liver metastasis":
        return CaseSetup(
            name=name,
            patient=patient,
            tumour=Tumour(),
            cells=TumourCells(),
            behind_bbb=False,
            heating_available=True,
            background="Liver",
            background_mass_g=LIVER_MASS_FRACTION * patient.body_mass_g,
            story="a colorectal cancer metastasis in the liver, the organ that clears particles",
        )
    return CaseSetup(
        name=name,
        patient=patient,
        tumour=Tumour(
            mass_g=0.1,
            small_pore_radius_nm=6.0,
            small_pore_area_per_length_per_cm=GLIOMA_PORE_AREA_PER_LENGTH_PER_CM,
            large_pore_area_per_length_per_cm=0.0,
            # Its macrophages sit behind that barrier: without a large pathway no opsonised
            # particle reaches them from blood (assumption, with Sarin et al.'s closed vessels).
            blood_capture_ratio=0.0,
        ),
        cells=TumourCells(),
        behind_bbb=True,
        heating_available=False,
        background="Brain",
        background_mass_g=BRAIN_MASS_FRACTION * patient.body_mass_g,
        story="a brain tumour whose vessels keep much of the blood-brain barrier",
    )


def rank_correlation(x: Any, y: Any) -> float:
    """Spearman's rank correlation (ties get their average rank); 0 if either is constant.

    Examples
    --------
    >>> rank_correlation([1, 2, 3, 4], [10, 20, 30, 45])
    1.0
    """
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if a.shape != b.shape or a.ndim != 1 or a.size < 3:
        raise ValueError("x and y must be 1-D arrays of the same length (at least 3).")
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        raise ValueError("x and y must be finite.")
    ra, rb = _average_ranks(a), _average_ranks(b)
    ra, rb = ra - ra.mean(), rb - rb.mean()
    den = float(np.sqrt((ra * ra).sum() * (rb * rb).sum()))
    # A constant outcome cannot be ranked: no image predicts it, so it scores nothing.
    return float((ra * rb).sum() / den) if den > 0 else 0.0


def _average_ranks(x: np.ndarray) -> np.ndarray:
    order = np.argsort(x, kind="mergesort")
    ranks = np.empty(x.size)
    ranks[order] = np.arange(1, x.size + 1)
    _, inverse, counts = np.unique(x, return_inverse=True, return_counts=True)
    return (np.bincount(inverse, weights=ranks) / counts)[inverse]


def _release_rates(design: Design, temperature_c: float) -> np.ndarray:
    """Release rate of the cargo in each state of the targeted model [1/h].

    The tumour's states are at ``temperature_c`` (the rest of the body at 37 degC); carriers in
    urine have left the body and release nothing that counts.
    """
    if design.trigger == "pH":
        r = ph_release_rate_per_h(PHCarrier(), _STATE_PH_VALUES)
    elif design.trigger == "heat":
        lip = ThermoLiposome()
        r = np.where(
            _IN_TUMOUR,
            thermal_release_rate_per_h(lip, temperature_c),
            thermal_release_rate_per_h(lip, 37.0),
        )
    else:  # the same carrier chemistry without its acid-labile link: its neutral leak
        r = np.full(_N, PHCarrier().baseline_per_h)
    return np.where(_LEFT_BODY, 0.0, r)


def _augment(K: np.ndarray, r: np.ndarray, heat_per_h: np.ndarray, extraction: float) -> np.ndarray:
    """Carrier matrix K (n, m, m) -> cargo matrix (n, m + 2, m + 2) with two released-drug sinks.

    Cargo moves with its carrier and leaves it at r (per state); released drug is counted in
    the tumour or elsewhere. ``heat_per_h`` (n,) releases cargo from blood as it passes a heated
    tumour: the tumour takes up ``extraction`` of it at once, the rest joins the circulation.
    """
    n = K.shape[0]
    A = np.zeros((n, _N + 2, _N + 2))
    A[:, :_N, :_N] = K
    idx = np.arange(_N)
    A[:, idx, idx] -= r
    A[:, _RELEASED_TUMOUR, :_N] += np.where(_IN_TUMOUR, r, 0.0)
    A[:, _RELEASED_ELSEWHERE, :_N] += np.where(_IN_TUMOUR, 0.0, r)
    A[:, _BLOOD, _BLOOD] -= heat_per_h
    A[:, _RELEASED_TUMOUR, _BLOOD] += extraction * heat_per_h
    A[:, _RELEASED_ELSEWHERE, _BLOOD] += (1.0 - extraction) * heat_per_h
    return A


def _shuttle_rate_per_h(
    base: np.ndarray, particle: Nanoparticle, setup: CaseSetup, design: Design
) -> float:
    """Blood -> tumour rate of transferrin-receptor transcytosis [1/h], linearised.

    The carrier binds the receptors of the tumour's vessels as lesson 03's shuttle does the
    barrier's (:func:`~nanoedu.models.barriers.tfr_kinetics`), with as many binding arms as its
    ligands that reach the receptors at once: a particle with many ligands binds with high
    avidity and stays on the vessel wall (Wiley et al. 2013). To keep the capstone linear, the
    clearance is what the receptors release into the tumour over the median patient's first
    24 h divided by the plasma exposure then: the same total for that patient, with the
    saturation (hence the affinity optimum) of the dose actually given.
    """
    bbb = BloodBrainBarrier()
    shuttle = TfRShuttle(shuttle_on=True, affinity_nM=design.affinity_nM)
    t = np.linspace(0.0, 24.0, 97)
    x, _ = solve_linear(base[None], t, initial_state(), 24.0)
    v_p = setup.patient.plasma_volume_mL
    c_pct = x[0, :, _BLOOD] / v_p  # %ID/mL
    dose_pmol = particle.dose_particles / AVOGADRO_PER_MOL * 1e12
    d = particle.in_vivo_diameter_nm
    rates = tfr_kinetics(shuttle, design.affinity_nM, shuttle_arms(design, particle))
    zero = np.zeros_like(t)
    _, released, _ = brain_balance(
        t,
        c_pct,
        zero,
        zero,
        dose_pmol,
        v_p,
        setup.tumour.mass_g,
        shuttle,
        rates,
        float(vesicle_fit(d, bbb)),
    )
    exposure = trapezoid(c_pct, t)
    clearance_mL_per_h_per_g = float(released[-1]) / exposure if exposure > 0 else 0.0
    return clearance_mL_per_h_per_g * setup.tumour.mass_g / v_p


def shuttle_arms(design: Design, particle: Nanoparticle) -> float:
    """Ligands of a design that reach a receptor-covered surface at once (at least 1).

    The cap of the particle within the tether's reach holds the fraction h/d of its ligands
    (lesson 02's avidity geometry, :func:`~nanoedu.models.targeting.particle_avidity`).
    """
    ligand = design.ligand_parameters()
    k = ligand.ligands_per_particle * ligand.tether_reach_nm / particle.diameter_nm
    return float(np.clip(k, 1.0, max(ligand.ligands_per_particle, 1.0)))


def _carrier_matrices(
    design: Design, particle: Nanoparticle, setup: CaseSetup, n: int, seed: int
) -> tuple[np.ndarray, np.ndarray, float]:
    """Step 1 of :func:`evaluate_design`: the carriers' rate matrices for the median patient
    (index 0) and the n virtual patients, their tumour masses, and the shuttle's rate [1/h]."""
    K_ref, _rho = targeted_rate_matrix(
        [particle], design.ligand_parameters(), setup.cells, setup.patient, setup.tumour
    )
    base = K_ref[0]
    f_perm, f_mps, mass = cohort_factors(Cohort(n_patients=n), seed, setup.patient, setup.tumour)
    f_perm, f_mps = np.r_[1.0, f_perm], np.r_[1.0, f_mps]
    mass = np.r_[setup.tumour.mass_g, mass]
    K = cohort_matrices(
        base, cohort_scaling(particle, setup.patient, setup.tumour), f_perm, f_mps, mass
    )
    shuttle = 0.0
    if design.ligand == "transferrin receptor" and setup.behind_bbb:
        shuttle = _shuttle_rate_per_h(base, particle, setup, design)
        ratio = mass / setup.tumour.mass_g  # receptor transcytosis scales with tumour size
        K[:, TUMOUR_STATES[0], _BLOOD] += shuttle * ratio
        K[:, _BLOOD, _BLOOD] -= shuttle * ratio
    return K, mass, shuttle


def _cargo_at_24_and_48_h(
    design: Design, setup: CaseSetup, K: np.ndarray, mass: np.ndarray
) -> tuple[np.ndarray, np.ndarray, bool]:
    """Step 2: where the cargo is at 24 h and 48 h (carriers' states + the two released-drug
    sinks), stepping through the heating window if the heat trigger fires; and whether it did."""
    heat, drug = HeatingProtocol(), DrugProperties()
    n = K.shape[0]
    heated = design.trigger == "heat" and setup.heating_available
    A_base = _augment(K, _release_rates(design, 37.0), np.zeros(n), drug.tumour_extraction)
    x = np.zeros((n, _N + 2))
    x[:, _BLOOD] = 100.0
    step24 = expm_batch(A_base * 24.0)
    if heated:
        k_hot = float(thermal_release_rate_per_h(ThermoLiposome(), heat.temperature_c))
        # Tumour blood flow per gram is fixed (pharmacokinetics.TUMOUR_BLOOD_FLOW_ML_PER_H_PER_G).
        q_t = TUMOUR_BLOOD_FLOW_ML_PER_H_PER_G * mass
        k_heat = heated_transit_release_per_h(
            k_hot, drug.transit_s, q_t, setup.patient.plasma_volume_mL
        )
        A_hot = _augment(
            K, _release_rates(design, heat.temperature_c), k_heat, drug.tumour_extraction
        )
        on, off = heat.start_h, heat.start_h + heat.duration_h
        for A, h in ((A_base, on), (A_hot, off - on), (A_base, 24.0 - off)):
            if h > 0:
                x = np.einsum("nij,nj->ni", expm_batch(A * h), x)
        x24 = x
    else:
        x24 = np.einsum("nij,nj->ni", step24, x)
    return x24, np.einsum("nij,nj->ni", step24, x24), heated


def _image_at_24_h(
    design: Design,
    setup: CaseSetup,
    carriers24: np.ndarray,
    conc: np.ndarray,
    mass: np.ndarray,
    seed: int,
    noise: bool,
) -> tuple[np.ndarray, str]:
    """Step 3: each patient's image of the carriers at 24 h (PET with the background's spill-in,
    or MRI), and its label."""
    if design.label == "iron oxide MRI":
        scanner = MRIScanner() if noise else MRIScanner(noise_sd_per_s=0.0)
        return mri_measurement(conc, scanner, seed=seed + 1), "image at 24 h [1/s]"
    background = carriers24[:, COMPARTMENTS.index(setup.background)] / setup.background_mass_g
    image = pet_measurement(
        conc[:, None],
        mass,
        [24.0],
        PETScanner(label=design.label.split()[0]),
        seed=seed + 1,
        noise=noise,
        background_pct_per_g=background[:, None],
    )[:, 0]
    return image, "image at 24 h [%ID/g]"


@sources(
    "wilhelm2016",
    "cheng2020",
    "sarin2009",
    "brown1997",
    "dewhirst2013",
    "yu2011",
    "manzoor2012",
    "needham2013",
    "webb2011",
    "lee2017",
    "miller2015",
)
def evaluate_design(
    design: Design | None = None,
    case: PatientCase | str | None = None,
    weights: ScoreWeights | None = None,
    n_patients: int = 100,
    seed: int = 1,
    imaging_noise: bool = True,
) -> Result:
    r"""Carry one design through the course's models for a patient case, and score it.

    Parameters
    ----------
    design : Design, optional
        The particle (default: 50 nm, PEG, no ligand, no trigger, 64Cu).
    case : PatientCase or str, optional
        ``"liver metastasis"`` (default) or ``"glioblastoma"``.
    weights : ScoreWeights, optional
        Weights of the four parts of the score.
    n_patients : int
        Virtual patients of the case (10-2000) over which the image's prediction is judged; their
        tumours and clearance differ as in :class:`~nanoedu.models.theranostics.Cohort`.
    seed : int
        Seed of the cohort; the images' noise uses ``seed + 1``.
    imaging_noise : bool
        False gives noiseless images (the limit in which only biology limits the prediction).

    Returns
    -------
    Result
        ``t`` = (0, 24, 48) h; values: where the cargo is for the median patient (``"<state>
        [% dose]"`` at each t), and per virtual patient ``"Cohort: image at 24 h"`` (%ID/g for
        PET, ΔR2* [1/s] for MRI) and ``"Cohort: released in tumour by 48 h [% dose/g]"``; metrics: tumour
        delivery at 24 h [%ID], drug released in the tumour and elsewhere by 48 h [% dose], the
        image-outcome rank correlation, each part's score in [0, 1] and the total score [0-100].

    Notes
    -----
    Cargo in carriers follows the targeted model's matrix :math:`K` (12 states) and leaves its
    carrier at the trigger's rate :math:`r_s` in state :math:`s`:

    .. math::
        \frac{dy}{dt} = (K - \mathrm{diag}\,r)\,y - k_h(t)\,y_B\,e_B,\quad
        \frac{dR_{tumour}}{dt} = \sum_{s \in tumour} r_s y_s + E\,k_h(t)\,y_B,\quad
        \frac{dR_{else}}{dt} = \sum_{s \notin tumour} r_s y_s + (1 - E)\,k_h(t)\,y_B

    with :math:`k_h = (Q_t/V_p)(1 - e^{-k(T)\tau})` while the tumour is heated (lesson 04) and 0
    otherwise. The total is the dose at every time (tested). Score parts:
    :math:`s_D = D/(D + 0.7)`, :math:`s_R = R/(R + 0.7)` (0.7 %ID: the median delivery of
    nanomedicines), :math:`s_O = 1 - O/100`, :math:`s_P = \max(\rho, 0)` with ρ Spearman's
    correlation between the image at 24 h and the drug released per gram of each patient's
    tumour (concentration is what treats); delivery D is of the carriers (and their label),
    whether or not they still hold cargo;
    score :math:`= 100 \sum w_i s_i / \sum w_i`, or 0 for a design that frees more than
    ``weights.off_target_limit_pct`` of its drug outside the tumour by 48 h (the toxicity
    gate). Released drug is counted where it is released; its later redistribution is not
    followed (lesson 04 follows it for the heat trigger).

    Examples
    --------
    >>> r = evaluate_design(Design(trigger="pH"), "liver metastasis", n_patients=20)
    >>> bool(abs(sum(v[-1] for k, v in r.values.items() if not k.startswith("Cohort")) - 100) < 1e-9)
    True
    """
    design = Design() if design is None else design
    weights = ScoreWeights() if weights is None else weights
    for name, value, cls in (("design", design, Design), ("weights", weights, ScoreWeights)):
        if not isinstance(value, cls):
            raise ValueError(
                f"{name} = {value!r} must be a {cls.__name__} (or None for the default)."
            )
    setup = case_setup(PatientCase() if case is None else case)
    w = np.array(
        [
            weights.delivery_weight,
            weights.release_weight,
            weights.off_target_weight,
            weights.prediction_weight,
        ]
    )
    if w.sum() <= 0:
        raise ValueError(
            "ScoreWeights: at least one weight must be above 0 (each 0 to 5, unitless); got all 0."
        )
    n = int(check_value("n_patients", n_patients, "patients", (10.0, 2000.0)))
    seed = check_seed(seed)
    if not isinstance(imaging_noise, bool):
        raise ValueError(f"imaging_noise = {imaging_noise!r} must be True or False.")

    # Validated once, above: every step below works on derived, checked values.
    with validated_inputs():
        return _evaluate(design, setup, weights, w, n, seed, imaging_noise)


def _evaluate(
    design: Design,
    setup: CaseSetup,
    weights: ScoreWeights,
    w: np.ndarray,
    n: int,
    seed: int,
    imaging_noise: bool,
) -> Result:
    """The body of :func:`evaluate_design`, on checked inputs."""
    particle = design.particle()
    K, mass, shuttle = _carrier_matrices(design, particle, setup, n, seed)
    x24, x48, heated = _cargo_at_24_and_48_h(design, setup, K, mass)
    # The carriers (and their label) move whether or not their cargo has left them.
    carriers24 = expm_batch(K * 24.0)[:, :, _BLOOD] * 100.0
    tumour24 = carriers24[:, list(TUMOUR_STATES)].sum(axis=1)
    released = x48[:, _RELEASED_TUMOUR]
    image, image_label = _image_at_24_h(
        design, setup, carriers24, tumour24 / mass, mass, seed, imaging_noise
    )
    # What treats is the drug per gram of tumour, so that is what the image should rank.
    released_per_g = released / mass
    rho = rank_correlation(image[1:], released_per_g[1:])

    delivered, rel, off = float(tumour24[0]), float(released[0]), float(x48[0, _RELEASED_ELSEWHERE])
    parts = np.array(
        [
            delivered / (delivered + HALF_SCORE_PCT),
            rel / (rel + HALF_SCORE_PCT),
            1.0 - off / 100.0,
            max(rho, 0.0),
        ]
    )
    # The toxicity gate: off-target release is not only traded against benefit (its weight),
    # it can disqualify a design outright, as dose-limiting toxicity does in a trial.
    passes_gate = off <= weights.off_target_limit_pct
    score = 100.0 * float((w * parts).sum() / w.sum()) if passes_gate else 0.0
    states = [*TARGETED_COMPARTMENTS, "Released in tumour", "Released elsewhere"]
    values: dict[str, np.ndarray] = {
        f"{s} [% dose]": np.array([100.0 if i == _BLOOD else 0.0, x24[0, i], x48[0, i]])
        for i, s in enumerate(states)
    }
    values[f"Cohort: {image_label}"] = image[1:]
    values["Cohort: released in tumour by 48 h [% dose/g]"] = released_per_g[1:]
    return Result(
        axis=np.array([0.0, 24.0, 48.0]),
        values=values,
        metrics={
            "Tumour delivery at 24 h [%ID]": delivered,
            "Released in tumour by 48 h [% dose]": rel,
            "Released elsewhere by 48 h [% dose]": off,
            "Image-outcome rank correlation [1]": rho,
            "Delivery part [1]": float(parts[0]),
            "Release part [1]": float(parts[1]),
            "Off-target part [1]": float(parts[2]),
            "Prediction part [1]": float(parts[3]),
            "Score [0-100]": score,
            "Passes the toxicity gate [1]": float(passes_gate),
            "Heat trigger fired [1]": float(heated),
            "Payload per particle, relative to 50 nm [1]": design.payload_relative,
            "Particles injected [1]": design.particles_per_dose,
            "Shuttle uptake rate [1/h]": shuttle,
        },
        parameters={"design": design, "case": setup, "weights": weights, "seed": seed},
    )
