"""nanoedu: an interactive, literature-grounded course on theranostic nanomedicine.

The public API is what lessons use. Importing it loads numpy and scipy only; the widget
layer (:mod:`nanoedu.ui`) imports matplotlib and ipywidgets when it is first used.
"""

from __future__ import annotations

from typing import Any

from .models.barriers import (
    BloodBrainBarrier,
    FocusedUltrasound,
    TfRShuttle,
    bbb_permeability_cm_s,
    brain_delivery,
    brain_ecs_diffusion,
    interstitial_pressure,
    interstitial_pressure_numerical,
    renkin_crone_extraction,
    tumour_fluid_transport,
)
from .models.body import Conditions, Nanoparticle, Patient, Tumour
from .models.design import (
    CASES,
    Design,
    PatientCase,
    ScoreWeights,
    case_setup,
    evaluate_design,
    rank_correlation,
)
from .models.imaging import (
    HALF_LIFE_H,
    MRIScanner,
    PETScanner,
    decay_fraction,
    fluorescence_signal,
    mri_measurement,
    noise_equivalent_counts,
    pet_measurement,
    recovery_coefficient,
)
from .models.pbpk import (
    PBPKBody,
    TumourKinetics,
    cheng2020_datasets,
    delivery_efficiency,
    out_of_sample_delivery,
    pbpk_biodistribution,
)
from .models.pharmacokinetics import COMPARTMENTS, biodistribution, rate_matrix, transfer_rates
from .models.release import (
    COMPARTMENT_PH,
    RELEASE_MODELS,
    DrugProperties,
    HeatingProtocol,
    PHCarrier,
    ThermoLiposome,
    fit_release_model,
    ph_release_by_compartment,
    ph_release_rate_per_h,
    release_dataset,
    released_fraction,
    thermal_release_rate_per_h,
    triggered_delivery,
)
from .models.size import (
    diffusion_coefficient_cm2_s,
    in_vivo_diameter_nm,
    medium_viscosity_mPa_s,
    pore_permeability_cm_s,
    renal_sieving,
    water_viscosity_mPa_s,
)
from .models.targeting import (
    Ligand,
    TumourCells,
    binding_kinetics,
    equilibrium_bound_fraction,
    particle_avidity,
    penetration,
    selectivity_against_affinity,
    targeted_biodistribution,
)
from .models.theranostics import (
    Cohort,
    cohort_parameter_sets,
    companion_estimate,
    roc_curve,
    selection_rates,
    treatment_outcomes,
    virtual_cohort,
)
from .parameters import check_value, fields_of, parameter_table
from .references import REFERENCES, cite
from .results import Result, combine_results

__version__ = "0.2.0"

__all__ = [
    "CASES",
    "Design",
    "PatientCase",
    "ScoreWeights",
    "case_setup",
    "evaluate_design",
    "rank_correlation",
    "BloodBrainBarrier",
    "COMPARTMENTS",
    "COMPARTMENT_PH",
    "Cohort",
    "HALF_LIFE_H",
    "MRIScanner",
    "PETScanner",
    "cohort_parameter_sets",
    "companion_estimate",
    "decay_fraction",
    "fluorescence_signal",
    "mri_measurement",
    "pet_measurement",
    "noise_equivalent_counts",
    "recovery_coefficient",
    "roc_curve",
    "selection_rates",
    "treatment_outcomes",
    "virtual_cohort",
    "Conditions",
    "DrugProperties",
    "HeatingProtocol",
    "PHCarrier",
    "RELEASE_MODELS",
    "ThermoLiposome",
    "fit_release_model",
    "ph_release_by_compartment",
    "ph_release_rate_per_h",
    "release_dataset",
    "released_fraction",
    "thermal_release_rate_per_h",
    "triggered_delivery",
    "FocusedUltrasound",
    "TfRShuttle",
    "bbb_permeability_cm_s",
    "brain_delivery",
    "brain_ecs_diffusion",
    "interstitial_pressure",
    "interstitial_pressure_numerical",
    "renkin_crone_extraction",
    "tumour_fluid_transport",
    "Ligand",
    "TumourCells",
    "binding_kinetics",
    "equilibrium_bound_fraction",
    "particle_avidity",
    "penetration",
    "selectivity_against_affinity",
    "targeted_biodistribution",
    "Nanoparticle",
    "Patient",
    "REFERENCES",
    "Result",
    "Tumour",
    "biodistribution",
    "combine_results",
    "PBPKBody",
    "TumourKinetics",
    "cheng2020_datasets",
    "delivery_efficiency",
    "out_of_sample_delivery",
    "pbpk_biodistribution",
    "check_value",
    "cite",
    "diffusion_coefficient_cm2_s",
    "fields_of",
    "in_vivo_diameter_nm",
    "medium_viscosity_mPa_s",
    "parameter_table",
    "pore_permeability_cm_s",
    "rate_matrix",
    "renal_sieving",
    "transfer_rates",
    "water_viscosity_mPa_s",
    "ui",
]


def __getattr__(name: str) -> Any:
    # The widget layer is imported lazily so that `import nanoedu` stays numpy/scipy-only.
    if name == "ui":
        import importlib

        return importlib.import_module(".ui", __name__)
    raise AttributeError(f"module 'nanoedu' has no attribute {name!r}")
