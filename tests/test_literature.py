"""The models against the literature, in two named kinds (docs/science.md, section 8).

- ``@pytest.mark.calibration``: the published value some parameter was fitted to. It guards the
  fit (a later change that moves it is caught); it proves nothing about the model.
- ``@pytest.mark.prediction``: a published number no parameter was fitted to, compared with a
  two-sided tolerance; the paper's figure, table or sentence is in the docstring. A prediction
  the model does not meet stays, marked ``xfail`` with its reason (also in docs/science.md):
  it is never loosened and never fitted to.

Structural checks (closed forms, limits, conservation, directions) live in the test file of
their model and carry no marker. Unless a test says otherwise, the animal is the course's
25 g mouse and delivery is %ID (percent of the injected dose).
"""

from __future__ import annotations

import contextlib

import numpy as np
import pytest
from conftest import size_group_delivery, terminal_half_life_h

from nanoedu import (
    Ligand,
    Nanoparticle,
    Patient,
    TfRShuttle,
    ThermoLiposome,
    Tumour,
    biodistribution,
    brain_delivery,
    interstitial_pressure,
    targeted_biodistribution,
    thermal_release_rate_per_h,
    tumour_fluid_transport,
    water_viscosity_mPa_s,
)
from nanoedu.models.pbpk import MOUSE_ORGANS

calibration = pytest.mark.calibration
prediction = pytest.mark.prediction

#: Every passing prediction and the parameters its number depends on: ``"Class.field"`` of a
#: parameter set whose default the prediction uses, or ``"human.field"`` of the human preset. The meta-test at the end of this file scales
#: each by 0.5 and by 2 and requires the prediction to fail in at least one direction: a
#: prediction that holds whatever its parameters are predicts nothing (docs/science.md, section 8).
DEPENDS_ON: dict[str, tuple[str, ...]] = {}


def depends_on(*parameters: str):
    """Record the parameters a prediction depends on (for the sensitivity meta-test)."""

    def mark(test):
        DEPENDS_ON[test.__name__] = parameters
        return test

    return mark


#: A factor-of-2 band, two-sided, for medians over hundreds of heterogeneous studies (Cheng et
#: al. 2020's data set spans four orders of magnitude of delivery).
CROSS_STUDY_FACTOR = 2.0


def _within_factor(value: float, published: float, factor: float) -> bool:
    return published / factor <= value <= published * factor


def _blood_half_life_h(particle: Nanoparticle) -> float:
    t = np.linspace(0.0, 96.0, 3841)
    blood = biodistribution(particle, times_h=t)["Blood [%ID]"]
    return float(np.interp(50.0, blood[::-1], t[::-1]))


# -- calibration checks ----------------------------------------------------------------------
@calibration
def test_calibration_delivery_of_10_to_100_nm_particles_at_24_and_168_h_cheng_2020():
    """Cheng et al. 2020 (376 data sets): medians of the 159 particles of 10-100 nm in their
    published data set, DE24 = 0.74 %ID and DE168 = 0.41 %ID (all sizes: 0.76 and 0.35, abstract),
    against the median over the course's coatings (weighted alike) and 11 sizes of 10-100 nm.
    Fitted jointly (with Kirpotin's internalisation, below): the tumour's large-pathway area
    (Tumour.large_pore_area_per_length_per_cm) and its cells' release (Tumour.cell_release_per_h)."""
    g = size_group_delivery(10.0, 100.0)
    assert g["DE24"] == pytest.approx(0.74, rel=0.03)
    assert g["DE168"] == pytest.approx(0.41, rel=0.03)


@calibration
def test_calibration_peak_delivery_follows_the_fitted_24_h_delivery_cheng_2020():
    """Cheng et al. 2020's data set: median DEmax of the 10-100 nm particles, 1.07 %ID. Not a
    prediction: within a factor of 2 of it follows from the fit of DE24 and DE168 above (the
    sensitivity meta-test found it holds with the tumour's other rates halved or doubled)."""
    assert _within_factor(size_group_delivery(10.0, 100.0)["DEmax"], 1.07, CROSS_STUDY_FACTOR)


@calibration
def test_calibration_peg_lipid_doubles_circulation_klibanov_1990():
    """Klibanov et al. 1990: liposomes circulate with t1/2 < 30 min without PEG-PE and 5 h with
    it. Fitted: the liver's reference uptake rate and the PEG shielding law (coverage 0.8)."""
    assert _blood_half_life_h(Nanoparticle(diameter_nm=100.0, peg_coverage=0.0)) < 0.5
    assert _blood_half_life_h(Nanoparticle(diameter_nm=100.0, peg_coverage=0.8)) == pytest.approx(
        5.0, rel=0.3
    )


@calibration
def test_calibration_the_densest_brush_keeps_a_third_in_blood_woodle_1992():
    """Woodle et al. 1992: up to 35% of the dose in blood at 24 h for the best PEG liposomes.
    Fitted: the PEG shielding law at coverage 0.95."""
    r = biodistribution(Nanoparticle(diameter_nm=100.0, peg_coverage=0.95), times_h=[0.0, 24.0])
    assert 25.0 <= r["Blood [%ID]"][-1] <= 45.0


@calibration
def test_calibration_an_antibody_circulates_for_a_week_vieira_1988():
    """Vieira & Rajewsky 1988: mouse IgG half-lives of about a week. Fitted: the FcRn factor
    (nanoedu.models.size.FCRN_UPTAKE_FACTOR), from the terminal slope 7-14 days."""
    r = biodistribution(Nanoparticle(diameter_nm=11.0, antibody=True), times_h=[0.0, 168.0, 336.0])
    b = r["Blood [%ID]"]
    half_life_d = np.log(2.0) / np.log(b[1] / b[2]) * 7.0
    assert 6.0 <= half_life_d <= 8.5


@calibration
def test_calibration_a_tenth_of_a_percent_of_circulating_igg_reaches_the_brain_yu_2011():
    """Yu et al. 2011: about 0.1% of circulating antibody is found in the brain. Fitted jointly
    with Garg & Balthasar's AUC ratio (below; the two disagree by 2x, the fit sits between):
    the barrier's fluid-phase transcytosis (BloodBrainBarrier.fluid_phase_permeability_cm_s)."""
    r = brain_delivery(Nanoparticle(diameter_nm=11.0, antibody=True))
    i24 = int(np.argmin(np.abs(r.t - 24.0)))
    assert 0.0005 < r["Brain [%ID/g]"][i24] / r["Plasma [%ID/mL]"][i24] < 0.002


@calibration
def test_calibration_a_tracer_dose_of_8d3_gives_3_percent_per_gram_lee_2000():
    """Lee et al. 2000 (as quoted by Pardridge): the anti-mouse TfR antibody 8D3 reaches about
    3 %ID/g brain at 1 h after a tracer dose. Fitted: the receptors a carrier can reach
    (TfRShuttle.receptors_pmol_per_g), for a bivalent antibody of K_D 2 nM."""
    r = brain_delivery(
        Nanoparticle(diameter_nm=11.0, antibody=True, dose_particles=1e11),
        shuttle=TfRShuttle(shuttle_on=True, affinity_nM=2.0, bivalent=True),
    )
    assert r["Brain at 1 h [%ID/g]"] == pytest.approx(3.1, rel=0.1)


@calibration
def test_calibration_thermodox_releases_60_percent_in_20_s_needham_2013():
    """Needham et al. 2013: the ThermoDox formulation releases 60% in the first 20 s (at its
    transition, 41.7 degC). Fitted: ThermoLiposome's maximal rate and width, at 42 degC."""
    k = float(thermal_release_rate_per_h(ThermoLiposome(), 42.0))
    assert -np.expm1(-k * 20.0 / 3600.0) == pytest.approx(0.6, abs=0.06)


@calibration
@pytest.mark.parametrize(
    "temperature_c, eta_mPa_s",
    # Kestin, Sokolov & Wakeham (1978), J Phys Chem Ref Data 7:941, recommended values.
    [(10.0, 1.3059), (20.0, 1.0016), (30.0, 0.7972), (40.0, 0.6527)],
)
def test_calibration_water_viscosity_kestin_1978(temperature_c, eta_mPa_s):
    """The Vogel equation's three constants are a fit to water's viscosity: it reproduces
    Kestin et al.'s recommended values within 1%."""
    assert float(water_viscosity_mPa_s(temperature_c)) == pytest.approx(eta_mPa_s, rel=0.01)


# -- predictions -----------------------------------------------------------------------------


@prediction
@pytest.mark.xfail(
    strict=True,
    reason="the model's particles below 10 nm (default 80% PEG) are half renally cleared; "
    "Cheng's <10 nm group is mostly coated gold and dendrimers that are not (docs/science.md)",
)
def test_prediction_delivery_of_particles_below_10_nm_at_24_h_cheng_2020():
    """Cheng et al. 2020's data set: median DE24 of the 30 particles below 10 nm, 1.77 %ID."""
    assert _within_factor(size_group_delivery(3.0, 9.5)["DE24"], 1.77, CROSS_STUDY_FACTOR)


@prediction
@pytest.mark.xfail(
    strict=True,
    reason="as at 24 h: the model's smallest particles are partly renally cleared (docs/science.md)",
)
def test_prediction_delivery_of_particles_below_10_nm_at_168_h_cheng_2020():
    """Cheng et al. 2020's data set: median DE168 of the particles below 10 nm, 0.97 %ID."""
    assert _within_factor(size_group_delivery(3.0, 9.5)["DE168"], 0.97, CROSS_STUDY_FACTOR)


@prediction
@pytest.mark.xfail(
    strict=True,
    reason="above 100 nm the model's uncoated and thinly coated particles are cleared by the "
    "liver within the hour, so its median at 24 h (0.27 %ID) is 2.4x below Cheng's; at 168 h "
    "it is within 2x (a structural check, test_pharmacokinetics.py; docs/science.md)",
)
def test_prediction_delivery_of_particles_above_100_nm_at_24_h_cheng_2020():
    """Cheng et al. 2020's data set: median DE24 of the 187 particles above 100 nm, 0.65 %ID."""
    assert _within_factor(size_group_delivery(100.0, 400.0)["DE24"], 0.65, CROSS_STUDY_FACTOR)


@prediction
@depends_on("Tumour.vessel_conductivity_cm_per_mmHg_s", "Tumour.krogh_radius_um")
@pytest.mark.parametrize("mass_g", [2.0, 5.0])
def test_prediction_fluid_leaving_a_tumour_butler_1975(mass_g):
    """Butler, Grantham & Gullino 1975 (abstract): 2-5 g rat mammary carcinomas lost 0.14-0.22
    mL of fluid per h per g. The course's tumour (Baxter & Jain's hydraulics, the Krogh vessel
    surface) grown to that size; nothing was fitted to a fluid loss. Band: the measured range
    widened by 20% (another species' tumour)."""
    loss = float(Tumour().fluid_outflow_per_h_at(mass_g))  # per mL of tumour ~ per g
    assert 0.14 / 1.2 <= loss <= 0.22 * 1.2


@prediction
@depends_on("Patient.liver_uptake_per_h")
def test_prediction_liver_share_of_8_nm_zwitterionic_dots_at_4_h_choi_2007():
    """Choi et al. 2007, Fig. 3 (as tabulated by The Scientist, 2007): 8.65 nm zwitterionic
    quantum dots, not renally cleared, put 26.5% of the dose in the liver at 4 h. Nothing was
    fitted to dots of this size or time; band +-40%."""
    r = biodistribution(
        Nanoparticle(diameter_nm=8.65, zwitterionic=True, peg_coverage=0.0), times_h=[0.0, 4.0]
    )
    assert r["Liver [%ID]"][-1] == pytest.approx(26.5, rel=0.4)


@prediction
@pytest.mark.xfail(
    strict=True,
    reason="the model's phagocytic uptake scales with diameter, so a 3 nm particle that leaves "
    "in the urine within an hour puts 0.3% in the liver; ultrasmall gold binds serum proteins "
    "and is taken up more (docs/science.md)",
)
def test_prediction_liver_share_of_ultrasmall_gold_zhou_2011():
    """Zhou et al. 2011: 3.7 +- 1.9% of ~2 nm glutathione-coated gold in the liver at 24 h."""
    r = biodistribution(
        Nanoparticle(diameter_nm=3.3, zwitterionic=True, peg_coverage=0.0), times_h=[0.0, 24.0]
    )
    assert 3.7 - 1.9 <= r["Liver [%ID]"][-1] <= 3.7 + 1.9  # mean +- SD


@prediction
@pytest.mark.xfail(
    strict=True,
    reason="the model sends a fifth of uncoated particles to the macrophages of marrow, lung and "
    "carcass (other phagocytes), which Hirn et al. found almost none of 200 nm gold in rats; "
    "Zhang et al.'s 30-99% allows either (docs/science.md)",
)
def test_prediction_liver_takes_almost_all_200_nm_gold_hirn_2011():
    """Hirn et al. 2011 (rats, 24 h): the liver's share rose to > 99% of 200 nm gold."""
    r = biodistribution(Nanoparticle(diameter_nm=200.0, peg_coverage=0.0))
    assert float(r["Liver [%ID]"][np.argmin(np.abs(r.t - 24.0))]) > 95.0


@calibration
def test_calibration_igg_brain_to_plasma_exposure_garg_2009():
    """Garg & Balthasar 2009: control IgG in mice, brain-to-plasma AUC ratio 0.0022 +- 0.00015
    (over two weeks; 0.0021 in FcRn-knockout mice, so no antibody-only exit). Fitted jointly with
    Yu et al.'s ~0.1% (above): the barrier's fluid-phase transcytosis. Band: 1.5x."""
    r = brain_delivery(
        Nanoparticle(diameter_nm=11.0, antibody=True), times_h=np.linspace(0.0, 336.0, 1345)
    )
    assert _within_factor(r["Brain / plasma exposure [1]"], 0.0022, 1.5)


def _targeting_ratios(particle: Nanoparticle, ligand: Ligand | None = None) -> tuple:
    """Targeted / untargeted tumour %ID at 24 h, and the same inside cancer cells."""
    plain = targeted_biodistribution(particle, Ligand(ligands_per_particle=0.0))
    aimed = targeted_biodistribution(particle, ligand or Ligand())
    key = "Tumour: inside cancer cells at 24 h [%ID]"
    return (
        float(aimed["Tumour at 24 h [%ID]"] / plain["Tumour at 24 h [%ID]"]),
        float(aimed[key] / plain[key]),
    )


@prediction
@depends_on("Tumour.large_pore_area_per_length_per_cm")
def test_prediction_a_stealth_liposome_reaches_several_percent_per_gram_of_tumour_kirpotin_2006():
    """Kirpotin et al. 2006: ~100 nm PEG liposomes (targeted or not) reached 7-8 %ID/g in
    mouse tumour xenografts (check: the time point; the model is read at 48 h). Nothing was
    fitted to a liposome's tumour concentration (the tumour's entry was fitted to Cheng et
    al.'s median particle). Band: 3x either way around 7.5 %ID/g (the rule's widest)."""
    r = biodistribution(STEALTH_LIPOSOME, times_h=[0.0, 24.0, 48.0])
    per_g = r.at("Tumour [%ID]", 48.0) / Tumour().mass_g
    assert 7.5 / 3 <= per_g <= 7.5 * 3


@prediction
@depends_on("Patient.spleen_uptake_per_h")
def test_prediction_a_stealth_liposome_in_the_mouse_spleen_harrington_2000():
    """Harrington et al. 2000 (abstract): 111In-labelled PEGylated liposomes in nude mice,
    18.8 +- 4.2 %ID/g in the spleen at 24 h. The spleen's rate was fitted with the liver's to
    circulation times (Klibanov 1990, Woodle 1992), never to a spleen concentration. Spleen
    mass: 0.5% of body mass (Lin et al. 2016's mouse). Band: 3x either way (mean +- 2 SD,
    10.4-27.2, is narrower; the rule's widest band is used because the liposome's PEG density
    is the course's Doxil-like 0.95, not measured)."""
    r = biodistribution(STEALTH_LIPOSOME, times_h=[0.0, 24.0])
    spleen_g = MOUSE_ORGANS["Spleen"].volume * Patient().body_mass_g
    per_g = r.at("Spleen [%ID]", 24.0) / spleen_g
    assert 18.8 / 3 <= per_g <= 18.8 * 3


@prediction
@depends_on("Patient.liver_uptake_per_h")
def test_prediction_a_stealth_liposomes_terminal_half_life_in_mice_harrington_2000():
    """Harrington et al. 2000 (abstract): 111In-labelled PEGylated liposomes in nude mice,
    t1/2beta 10.3 h. The model's Doxil-like liposome (100 nm, PEG 0.95), fitted over 24-72 h.
    Nothing was fitted to this study (the liver's rate: Klibanov's and Woodle's liposomes).
    Band: 2x either way, as for every half-life here (no SD reported)."""
    assert _within_factor(terminal_half_life_h(STEALTH_LIPOSOME, 24.0, 72.0), 10.3, 2.0)


@prediction
@depends_on("Tumour.large_pore_area_per_length_per_cm")
def test_prediction_a_stealth_liposome_in_a_mouse_tumour_harrington_2000():
    """Harrington et al. 2000 (abstract): tumour uptake of the same liposomes was maximal at
    24 h, 5.5 +- 3.0 %ID/g (human tumour xenografts in nude mice). Band: within 3x of the mean
    and within mean + 2 SD (1.8-11.5 %ID/g)."""
    r = biodistribution(STEALTH_LIPOSOME, times_h=[0.0, 24.0])
    per_g = r.at("Tumour [%ID]", 24.0) / Tumour().mass_g
    assert 5.5 / 3 <= per_g <= 5.5 + 2 * 3.0


@prediction
@depends_on("Tumour.vascular_pressure_mmHg")
def test_prediction_pressure_at_the_centre_of_a_rat_mammary_tumour_wiig_1982():
    """Wiig et al. 1982 (abstract): central interstitial fluid pressure of DMBA-induced rat
    mammary tumours heavier than 5.5 g, 16.0 mmHg (SD 4.8, n = 10). The course's tumour
    hydraulics (Baxter & Jain 1989's model, parameters from their papers; nothing fitted to a
    pressure) grown to 5.5 g. Band: the study's mean +- 2 SD, 6.4-25.6 mmHg."""
    r = interstitial_pressure(Tumour(mass_g=5.5))
    assert 16.0 - 2 * 4.8 <= r["Centre pressure [mmHg]"] <= 16.0 + 2 * 4.8


@prediction
@depends_on("Tumour.vascular_pressure_mmHg")
@pytest.mark.parametrize(
    ("mass_g", "low_mmHg", "high_mmHg"),
    [
        pytest.param(33.5, 15.7 - 2 * 5.7, 15.7 + 2 * 5.7, id="cervix-roh-1991"),
        pytest.param(24.0, 4.0, 33.0, id="head-and-neck-gutmann-1992"),
    ],
)
def test_prediction_pressure_in_patients_tumours_roh_1991_gutmann_1992(mass_g, low_mmHg, high_mmHg):
    """Interstitial fluid pressure in patients' carcinomas (wick-in-needle; abstracts): Roh et
    al. 1991, stage IIB-IIIB cervical squamous cell carcinomas, 15.7 +- 5.7 (SD) mmHg, n = 12
    (band mean +- 2 SD; tumour taken as a 4 cm sphere, 33.5 g); Gutmann et al. 1992, head and
    neck squamous cell carcinomas, 4-33 mmHg in all 19 lesions (band: that range; the 24 mL of
    their largest). The same Baxter-Jain hydraulics as Wiig's rat tumours, nothing fitted to a
    pressure; above a gram the centre pressure no longer depends on size."""
    r = interstitial_pressure(Tumour(mass_g=mass_g))
    assert low_mmHg <= r["Centre pressure [mmHg]"] <= high_mmHg


@prediction
@depends_on("Tumour.interstitial_tortuosity")
def test_prediction_albumin_diffuses_in_tumour_tissue_chary_1989():
    """Chary & Jain 1989 (abstract): bovine serum albumin in neoplastic tissue grown in a rabbit
    ear chamber diffuses with D = 6.3 +- 1.9 x 1e-7 cm^2/s (photobleaching). The model's tissue
    diffusion: Stokes-Einstein at 37 degC for albumin's 7.0 nm hydrodynamic diameter (Stokes
    radius 3.5 nm) over the tortuosity squared, the brain's 1.6 (Sykova & Nicholson 2008);
    nothing was fitted to diffusion in a tumour. Band: mean +- 2 SD."""
    r = tumour_fluid_transport(Tumour(), particle_diameter_nm=7.0)
    d = r["Particle diffusion in tissue [cm^2/s]"]
    assert (6.3 - 2 * 1.9) * 1e-7 <= d <= (6.3 + 2 * 1.9) * 1e-7


@calibration
def test_calibration_targeting_multiplies_uptake_into_cancer_cells_kirpotin_2006():
    """Kirpotin et al. 2006 (flow cytometry and histology, as summarised in a secondary
    source): 5.9-fold more immunoliposomes than untargeted liposomes in cancer cells. Fitted:
    the cancer cells' non-specific uptake (Tumour.cancer_cell_uptake_per_h), jointly with the
    delivery calibration above."""
    _, internalised = _targeting_ratios(Nanoparticle(diameter_nm=100.0, peg_coverage=0.95))
    assert internalised == pytest.approx(5.9, rel=0.05)


@prediction
@pytest.mark.xfail(
    strict=True,
    reason="a hard Kupffer-cell capacity raises delivery at 1e13 particles ~2x, not to ~12% "
    "(docs/science.md)",
)
def test_prediction_overwhelming_the_liver_raises_delivery_ouyang_2020():
    """Ouyang et al. 2020: above the threshold of 1e12 particles, up to 12% tumour delivery."""
    r = biodistribution(Nanoparticle(dose_particles=1e13), saturable=True)
    assert _within_factor(r["Tumour at 24 h [%ID]"], 12.0, CROSS_STUDY_FACTOR)


@prediction
@pytest.mark.xfail(
    strict=True,
    reason="the model's uncoated 100 nm particle is a hard particle cleared in minutes; "
    "conventional liposomes leave ~1% in blood a day later (docs/science.md)",
)
def test_prediction_conventional_liposomes_leave_one_percent_in_blood_woodle_1992():
    """Woodle et al. 1992: about 1% of the dose in blood at 24 h without PEG-PE (band 0.5-2%)."""
    r = biodistribution(Nanoparticle(diameter_nm=100.0, peg_coverage=0.0), times_h=[0.0, 24.0])
    assert 0.5 <= r["Blood [%ID]"][-1] <= 2.0


@prediction
@pytest.mark.xfail(
    strict=True,
    reason="the model's densest brush still sends half the dose to the phagocytes by 24 h; "
    "Woodle's best formulations < 10% (a lipid label, which may leave its carrier) "
    "(docs/science.md)",
)
def test_prediction_the_best_peg_liposomes_avoid_liver_and_spleen_woodle_1992():
    """Woodle et al. 1992: less than 10% of the dose in liver + spleen at 24 h in the best PEG
    formulations (band 0-15%)."""
    r = biodistribution(Nanoparticle(diameter_nm=100.0, peg_coverage=0.95))
    assert r["Liver + spleen at 24 h [%ID]"] <= 15.0


# -- a patient: the same particle in a 70 kg human (Patient.preset("human")) -------------------
HUMAN = Patient.preset("human")
STEALTH_LIPOSOME = Nanoparticle(diameter_nm=100.0, peg_coverage=0.95)


def _human_half_life_h(particle: Nanoparticle) -> float:
    """Time until the human preset's blood holds half the dose [h] (built here, so that the
    sensitivity meta-test's scaled preset applies)."""
    t = np.linspace(0.0, 400.0, 1601)
    blood = biodistribution(particle, Patient.preset("human"), times_h=t)["Blood [%ID]"]
    return float(np.interp(50.0, blood[::-1], t[::-1]))


@calibration
def test_calibration_doxil_keeps_half_the_dose_in_patients_blood_for_45_h_gabizon_1994():
    """Gabizon et al. 1994: Doxil (~100 nm PEG liposomes) in patients, median second-phase
    half-life 45 h (most of the dose). Fitted: the human phagocytes' rate constants relative to
    the mouse's (HUMAN_PHAGOCYTE_RATE_RATIO; metabolic allometry would give 132 h)."""
    assert _human_half_life_h(STEALTH_LIPOSOME) == pytest.approx(45.0, rel=0.05)


@prediction
@depends_on("human.liver_uptake_per_h")
def test_prediction_another_peg_liposome_half_life_in_patients_harrington_2001():
    """Harrington et al. 2001 (abstract): 111In-labelled PEG liposomes (another formulation
    than Doxil) in 17 patients, t1/2beta 76.1 h. Band: a factor of 2 (two products, two studies). Nothing but
    Doxil's half-life was fitted to a patient."""
    assert _within_factor(_human_half_life_h(STEALTH_LIPOSOME), 76.1, 2.0)


@prediction
@depends_on("human.liver_uptake_per_h")
def test_prediction_human_igg_terminal_half_life_morell_1970():
    """Morell, Terry & Waldmann 1970 (the subclasses' survival half-lives, as widely cited; the
    table not checked here): human IgG1 survives with a half-life of about 21 days.
    The model's terminal half-life (log-linear slope of blood over 500-1000 h) of an antibody
    in the human preset: its FcRn sparing was fitted to mouse IgG (Vieira 1988) and the human
    phagocytes to Doxil; nothing to a human antibody. Band: a factor of 2."""
    t = np.linspace(0.0, 1000.0, 2001)
    igg = Nanoparticle(diameter_nm=11.0, antibody=True)
    blood = biodistribution(igg, Patient.preset("human"), times_h=t)["Blood [%ID]"]
    i, j = np.searchsorted(t, [500.0, 1000.0])
    half_life_d = np.log(2) * (t[j] - t[i]) / np.log(blood[i] / blood[j]) / 24.0
    assert _within_factor(half_life_d, 21.0, 2.0)


_BELOW_LUNG = pytest.mark.xfail(
    strict=True,
    reason="the model's tumour vessels are those of Cheng et al. 2020's median mouse tumour "
    "(calibrated over every kind of particle); in a patient they give about 4 %ID/kg at every "
    "size, inside the breast and head-and-neck bands but below lung tumours (6.9-29.7), and "
    "without the data's fall with tumour size (docs/science.md)",
)


@prediction
@pytest.mark.parametrize(
    ("mass_g", "mean_pct_per_kg", "sd_pct_per_kg"),
    [
        pytest.param(114.5, 18.3, 5.7, id="lung", marks=_BELOW_LUNG),
    ],
)
def test_prediction_pegylated_liposome_deposition_in_patients_tumours_harrington_2001(
    mass_g, mean_pct_per_kg, sd_pct_per_kg
):
    """Harrington et al. 2001: 111In-labelled PEG liposomes in patients; tumour uptake at 72 h
    by type (mean +- SD %ID/kg; mean volumes 36.2, 114.5 and 234.7 cm^3): head and neck
    33.0 +- 15.8, lung 18.3 +- 5.7, breast 5.3 +- 2.6. Band: mean +- 2 SD (at least 0), for a
    tumour of that type's mean volume (density 1 g/mL) in the human preset. (Breast and
    head-and-neck cancers give bands of 0.1-10.5 and 1.4-64.6 that the model meets with its
    tumour's rates halved or doubled: structural checks in test_pharmacokinetics.py.)"""
    r = biodistribution(STEALTH_LIPOSOME, HUMAN, Tumour(mass_g=mass_g), times_h=[0.0, 72.0])
    per_kg = float(r["Tumour [%ID]"][-1]) / mass_g * 1000.0
    assert max(mean_pct_per_kg - 2 * sd_pct_per_kg, 0.0) <= per_kg
    assert per_kg <= mean_pct_per_kg + 2 * sd_pct_per_kg


# -- the sensitivity meta-test -------------------------------------------------------------
def _xfailed(marked) -> bool:
    """Whether a test, or one parametrized case of it, is marked xfail (it fails already)."""
    return any(
        m.name == "xfail" for m in getattr(marked, "pytestmark", getattr(marked, "marks", ()))
    )


def _cases(test) -> list[dict]:
    """The keyword arguments of each parametrized case of a test that is not marked xfail (one
    empty case if the test is not parametrized)."""
    for mark in getattr(test, "pytestmark", []):
        if mark.name == "parametrize":
            names = (
                [n.strip() for n in mark.args[0].split(",")]
                if isinstance(mark.args[0], str)
                else list(mark.args[0])
            )
            cases = []
            for value in mark.args[1]:
                if _xfailed(value):
                    continue
                values = value.values if hasattr(value, "values") else value
                values = values if len(names) > 1 else (values,)
                cases.append(dict(zip(names, values, strict=True)))
            return cases
    return [{}]


@contextlib.contextmanager
def _scaled_default(parameter: str, factor: float):
    """The default of ``Class.field`` (a nanoedu parameter set) or ``human.field`` (of
    ``Patient.preset("human")``) times ``factor``, while the context lasts."""
    import nanoedu
    from nanoedu.models.body import SPECIES_PRESETS

    cls_name, field_name = parameter.split(".")
    if cls_name == "human":
        defaults = SPECIES_PRESETS["human"]
    else:
        defaults = getattr(nanoedu, cls_name).__init__.__kwdefaults__
    old = defaults[field_name]
    defaults[field_name] = old * factor
    try:
        yield
    finally:
        defaults[field_name] = old


def _fails(test, parameter: str, factor: float) -> bool:
    """Whether the prediction fails with ``parameter`` scaled (False where the scaled value is
    outside the parameter's allowed range: it cannot move that way)."""
    with _scaled_default(parameter, factor):
        for case in _cases(test):
            try:
                test(**case)
            except AssertionError:
                return True
            except ValueError:
                return False
    return False


@pytest.mark.parametrize(
    ("name", "parameter"),
    [(n, p) for n, params in DEPENDS_ON.items() for p in params],
    ids=lambda x: x,
)
def test_every_prediction_fails_when_a_parameter_it_depends_on_moves_two_fold(name, parameter):
    test = globals()[name]
    assert not _xfailed(test), f"{name} is an xfail: it names no parameters"
    assert not _fails(test, parameter, 1.0), f"{name} fails at the defaults"
    assert _fails(test, parameter, 0.5) or _fails(test, parameter, 2.0), (
        f"{name} holds with {parameter} halved and doubled: it predicts nothing about it"
    )


def test_every_passing_prediction_names_what_it_depends_on():
    passing = [
        n
        for n, f in globals().items()
        if n.startswith("test_prediction_") and not _xfailed(f) and _cases(f)
    ]
    assert sorted(passing) == sorted(DEPENDS_ON), set(passing) ^ set(DEPENDS_ON)
