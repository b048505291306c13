"""Whole-body model: exact solution, conservation, trends, literature facts, bad input."""

from __future__ import annotations

import re

import numpy as np
import pytest
from conftest import COATINGS, parameter_sets, size_group_delivery, terminal_half_life_h
from hypothesis import HealthCheck, given, settings
from scipy.integrate import solve_ivp, trapezoid

from nanoedu import COMPARTMENTS, Nanoparticle, Patient, Tumour, biodistribution, rate_matrix
from nanoedu.models.pharmacokinetics import FLOWS, STATES, initial_state, transfer_rates

TIMES = np.linspace(0.0, 48.0, 97)
M = len(STATES)


def _stack(r):
    """The reported compartments (the tumour summed over its states): they hold the dose."""
    return np.stack([r[f"{c} [%ID]"] for c in COMPARTMENTS], axis=-1)


def test_columns_of_the_rate_matrix_sum_to_zero_and_offdiagonals_are_nonnegative():
    K = rate_matrix([Nanoparticle(diameter_nm=d) for d in (3.0, 30.0, 300.0)])
    assert K.shape == (3, M, M)
    assert np.abs(K.sum(axis=1)).max() < 1e-12
    off = K - np.einsum("nii->ni", K)[:, :, None] * np.eye(M)
    assert off.min() >= 0.0


@pytest.mark.parametrize("diameter_nm", [3.0, 5.0, 6.0, 20.0, 50.0, 300.0])
@pytest.mark.parametrize("zwitterionic", [False, True])
def test_exact_solution_matches_solve_ivp_to_1e_6(diameter_nm, zwitterionic):
    p = Nanoparticle(diameter_nm=diameter_nm, zwitterionic=zwitterionic)
    r = biodistribution(p, times_h=TIMES)
    K = rate_matrix(p)[0]
    x0 = initial_state()
    sol = solve_ivp(
        lambda t, x: K @ x,
        (0, 48),
        x0,
        t_eval=TIMES,
        method="Radau",
        jac=lambda t, x: K,
        rtol=1e-11,
        atol=1e-13,
    )
    states = sol.y.T
    reference = np.stack(
        [
            states[:, [i for i, s in enumerate(STATES) if s.startswith("Tumour")]].sum(axis=1)
            if c == "Tumour"
            else states[:, STATES.index(c)]
            for c in COMPARTMENTS
        ],
        axis=-1,
    )
    exact = _stack(r)
    # relative to each compartment's largest amount (tiny compartments are compared in scale)
    scale = np.maximum(np.abs(reference).max(axis=0), 1e-12)
    assert np.max(np.abs(exact - reference) / scale) < 1e-6


def test_blood_auc_is_the_exact_integral():
    r = biodistribution(times_h=np.linspace(0, 48, 4001))
    trap = trapezoid(r["Blood [%ID]"], r.t)
    assert r["Blood AUC 0-48 h [%ID h]"] == pytest.approx(trap, rel=1e-5)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parameter_sets(Nanoparticle), parameter_sets(Patient), parameter_sets(Tumour))
def test_dose_conserved_nonnegative_and_finite_over_all_bounds(particle, patient, tumour):
    r = biodistribution(particle, patient, tumour, times_h=TIMES)
    x = _stack(r)
    assert np.all(np.isfinite(x))
    # Conserved to 1e-9 %ID, or to what double precision allows when the fastest exchange
    # turns over many million times in the run (bodies whose fields come from different species,
    # e.g. a human's capillary surface over a mouse's plasma): eps x k_max t_end of the dose.
    k_max = max(
        float(np.max(v)) for k, v in transfer_rates(particle, patient, tumour).items() if k in FLOWS
    )
    allowed = max(1e-9, 100.0 * np.finfo(float).eps * k_max * TIMES[-1])
    assert np.abs(x.sum(axis=-1) - 100.0).max() < allowed
    assert x.min() > -1e-9
    # sinks never decrease
    for c in ("Liver", "Spleen", "Urine"):
        assert np.all(np.diff(r[f"{c} [%ID]"]) > -1e-9)


def test_rates_many_orders_apart_still_conserve_dose():
    # Found by hypothesis: a 1e-235 /cm pore area once broke the eigenbasis (40 %ID lost).
    tumour = Tumour(
        small_pore_area_per_length_per_cm=3.1e-235,
        large_pore_area_per_length_per_cm=0.0,
        small_pore_radius_nm=5.0,
        krogh_radius_um=50.0,
        mass_g=1.0,
    )
    patient = Patient(
        gfr_mL_per_h=1.0,
        kidney_transit_per_h=1.0,
        liver_uptake_per_h=1.0,
        spleen_uptake_per_h=1.0,
        rest_capillary_surface_cm2=100.0,
    )
    particle = Nanoparticle(diameter_nm=1.0, peg_coverage=0.0, corona_growth_nm=8.0)
    x = _stack(biodistribution(particle, patient, tumour, times_h=TIMES))
    assert np.abs(x.sum(axis=-1) - 100.0).max() < 1e-9


def test_defective_matrix_uses_the_exact_fallback():
    # blood -> kidney -> urine at equal rates k is a Jordan block: kidney = 100 k t exp(-k t).
    from nanoedu.models.pharmacokinetics import solve_linear

    k = 0.7
    K = np.zeros((1, M, M))
    K[0, 0, 0], K[0, 3, 0] = -k, k
    K[0, 3, 3], K[0, 4, 3] = -k, k
    x0 = initial_state()
    x, auc = solve_linear(K, TIMES, x0, 48.0)
    np.testing.assert_allclose(x[0, :, 0], 100 * np.exp(-k * TIMES), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(
        x[0, :, 3], 100 * k * TIMES * np.exp(-k * TIMES), rtol=1e-8, atol=1e-10
    )
    assert auc[0] == pytest.approx(100 / k * (1 - np.exp(-k * 48)), rel=1e-9)


def test_sinks_solved_by_their_inflow_match_expm_and_groups_sum_states():
    # solve_linear leaves the sinks (liver, spleen, urine, ...) out of the eigenproblem and
    # gives each the integral of its inflow; against expm of the full matrix, and with the
    # tumour's states summed by COMPARTMENT_GROUPS.
    from scipy.linalg import expm

    from nanoedu.models.pharmacokinetics import COMPARTMENT_GROUPS, solve_linear

    K = rate_matrix(Nanoparticle(diameter_nm=30.0), Patient(), Tumour())
    x0 = initial_state()
    x0[1] = 5.0  # something already in a sink (the liver) stays there
    x, _ = solve_linear(K, TIMES, x0, 48.0)
    want = np.array([expm(K[0] * t) @ x0 for t in TIMES])
    np.testing.assert_allclose(x[0], want, rtol=1e-8, atol=1e-10)
    g, _ = solve_linear(K, TIMES, x0, 48.0, groups=COMPARTMENT_GROUPS)
    np.testing.assert_allclose(g[0], want @ COMPARTMENT_GROUPS, rtol=1e-8, atol=1e-10)
    with pytest.raises(ValueError, match="groups"):
        solve_linear(K, TIMES, x0, 48.0, groups=np.ones((M, 2)))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parameter_sets(Nanoparticle), parameter_sets(Patient))
def test_saturable_model_conserves_dose_and_respects_capacity(particle, patient):
    r = biodistribution(particle, patient, times_h=TIMES, saturable=True)
    x = _stack(r)
    assert np.abs(x.sum(axis=-1) - 100.0).max() < 1e-6
    assert x.min() > -1e-7
    capacity_pct = 100.0 * patient.kupffer_capacity_particles / particle.dose_particles
    assert r["Liver [%ID]"].max() <= capacity_pct * (1 + 1e-6) + 1e-9


def test_saturable_model_with_ample_capacity_equals_the_linear_one():
    p, pat = Nanoparticle(dose_particles=1e8), Patient(kupffer_capacity_particles=1e15)
    lin = biodistribution(p, pat, times_h=TIMES)
    sat = biodistribution(p, pat, times_h=TIMES, saturable=True)
    # capacity 1e9 %ID: the saturation factor differs from 1 by < 1e-7
    assert np.abs(_stack(lin) - _stack(sat)).max() < 1e-5


def test_batch_equals_one_at_a_time():
    particles = [
        Nanoparticle(diameter_nm=d, peg_coverage=s) for d, s in [(5, 0), (20, 0.5), (80, 0.9)]
    ]
    batch = biodistribution(particles, times_h=TIMES)
    for k, p in enumerate(particles):
        single = biodistribution(p, times_h=TIMES)
        np.testing.assert_allclose(_stack(batch)[k], _stack(single), rtol=1e-10, atol=1e-12)
        assert batch["Tumour at 24 h [%ID]"][k] == pytest.approx(
            single["Tumour at 24 h [%ID]"], rel=1e-10
        )


def test_tumour_at_24_h_is_computed_even_if_24_h_is_not_an_output_time():
    a = biodistribution(times_h=[0.0, 10.0, 30.0])["Tumour at 24 h [%ID]"]
    b = biodistribution()["Tumour at 24 h [%ID]"]
    assert a == pytest.approx(b, rel=1e-10)


@pytest.mark.parametrize(
    "kwargs, fragment",
    [
        ({"times_h": [0.0, -1.0]}, "times_h = -1 h is out of range"),
        ({"times_h": [0.0, 5.0, 5.0]}, "strictly increasing"),
        ({"times_h": [1.0]}, "at least two"),
        ({"times_h": [0.0, float("nan")]}, "not a finite number"),
        ({"saturable": "yes"}, "saturable"),
        ({"particle": 50.0}, "particle = 50.0 must be a Nanoparticle"),
        ({"particle": [Nanoparticle()] * 2, "tumour": [Tumour()] * 3}, "batch sizes"),
    ],
)
def test_bad_input_is_refused_clearly(kwargs, fragment):
    with pytest.raises(ValueError, match=fragment):
        biodistribution(**kwargs)


def test_result_table_and_summary():
    r = biodistribution(times_h=[0.0, 12.0, 24.0, 48.0])
    table = r.to_table(at=[0.0, 24.0])
    lines = table.splitlines()
    assert lines[0].split()[:3] == ["Time", "[h]", "Blood"] and len(lines) == 3
    assert lines[1].split()[1] == "100.000"
    assert re.search(r"^Tumour at 24 h \[%ID\]: \d\.\d+$", r.summary(), re.M)
    assert "-0.000" not in table
    assert r["Tumour"] is r["Tumour [%ID]"]
    with pytest.raises(KeyError, match="no result labelled 'Heart'"):
        r["Heart"]
    with pytest.raises(KeyError, match="Did you mean 'Tumour"):
        r["Tumor"]
    # a label without its unit that two labels share is ambiguous: name both, return neither
    with pytest.raises(KeyError, match=r"'Tumour at 24 h \[%ID\]', 'Tumour at 24 h \[%ID/g\]'"):
        r["Tumour at 24 h"]


def test_a_result_is_read_at_a_time_and_results_combine_through_one_helper():
    from nanoedu import combine_results

    r = biodistribution(times_h=[0.0, 12.0, 24.0, 48.0])
    assert r.at("Tumour [%ID]", 24) == pytest.approx(r["Tumour at 24 h [%ID]"], rel=1e-9)
    assert r.at("Blood [%ID]", 6.0) == pytest.approx(np.mean(r["Blood [%ID]"][:2]))
    for bad in (49.0, -1.0, float("nan"), "24", True):
        with pytest.raises(ValueError, match="time_h"):
            r.at("Blood [%ID]", bad)
    with pytest.raises(ValueError, match="not a time course"):
        r.at("Tumour at 24 h [%ID]", 24)
    other = biodistribution(Nanoparticle(diameter_nm=20.0), times_h=[0.0, 12.0, 24.0, 48.0])
    both = combine_results({"50 nm": r, "20 nm": other})
    assert both["20 nm: Tumour [%ID]"] is other["Tumour [%ID]"]
    assert both["50 nm: Tumour at 24 h [%ID]"] == r["Tumour at 24 h [%ID]"]
    assert both.parameters["20 nm"]["particle"].diameter_nm == 20.0
    with pytest.raises(ValueError, match="another axis"):
        combine_results({"a": r, "b": biodistribution(times_h=[0.0, 24.0])})


def test_tumour_delivery_peaks_and_then_falls_over_a_week():
    # Free particles leave the tumour (back to blood, with its fluid); bound, internalised and
    # phagocytosed ones stay: delivery rises, peaks and falls, as Cheng et al. 2020's time
    # courses do (DE168 < DE24).
    r = biodistribution(times_h=np.linspace(0.0, 168.0, 337))
    tumour = r["Tumour [%ID]"]
    peak = int(np.argmax(tumour))
    assert 0 < peak < tumour.size - 1
    assert r["Tumour at 168 h [%ID]"] < 0.75 * r["Tumour at 24 h [%ID]"]
    held = r["Tumour: in macrophages [%ID]"] + r["Tumour: inside cancer cells [%ID]"]
    assert held[-1] > r["Tumour: free [%ID]"][-1]


def test_small_free_particles_wash_out_of_the_tumour_faster_than_large_ones():
    rates = transfer_rates([Nanoparticle(diameter_nm=d) for d in (5.0, 20.0, 50.0, 100.0)])
    out = rates[("Tumour", "Blood")]
    assert np.all(np.diff(out) < 0)


def test_an_antibody_is_spared_by_macrophages_and_circulates_for_days():
    igg = Nanoparticle(diameter_nm=11.0, antibody=True)
    particle = Nanoparticle(diameter_nm=11.0, peg_coverage=0.0, zwitterionic=True)
    a, p = transfer_rates([igg, particle])[("Blood", "Liver")]
    assert a < 0.1 * p
    assert igg.in_vivo_diameter_nm == 11.0  # no corona
    r = biodistribution(igg, times_h=[0.0, 72.0])
    assert r["Blood [%ID]"][-1] > 25.0


def test_phagocytic_uptake_is_limited_by_the_organs_plasma_flow():
    # Huge intrinsic uptake: every pass through the organ extracts (almost) everything.
    patient = Patient(liver_uptake_per_h=10.0, spleen_uptake_per_h=5.0)
    rates = transfer_rates(Nanoparticle(diameter_nm=500.0, peg_coverage=0.0), patient)
    flows = rates["phagocyte plasma flows [mL/h]"][:, 0] / patient.plasma_volume_mL
    organs = (("Blood", "Liver"), ("Blood", "Spleen"), ("Blood", "Other phagocytes"))
    for k, q in zip(organs, flows, strict=True):
        assert 0 < rates[k][0] < q
    assert rates[("Blood", "Spleen")][0] > 0.9 * flows[1]  # the spleen is flow-limited here


# -- species ------------------------------------------------------------------------------------
def test_the_mouse_preset_is_the_default_body():
    assert Patient.preset("mouse") == Patient()
    assert Patient().label == "25 g mouse"


def test_an_unknown_species_is_refused_with_the_known_ones():
    with pytest.raises(ValueError, match="'dog'.*'mouse', 'human'"):
        Patient.preset("dog")


def test_species_presets_are_validated_like_every_parameter_set():
    with pytest.raises(ValueError, match="body_mass_g"):
        Patient.preset("human", body_mass_g=1e6)


def test_the_human_preset_is_a_70_kg_adult_whose_blood_circulates_once_a_minute():
    """Blood volume over cardiac output: ~6 s in the mouse, ~1 min in a human (5.5 L at
    5.6 L/min)."""
    human = Patient.preset("human")
    assert human.label == "70 kg human" and human.species == "human"
    assert 5.0 <= Patient().circulation_time_s <= 8.0
    assert 50.0 <= human.circulation_time_s <= 70.0


def test_a_humans_phagocytes_are_the_calibrated_ratio_of_the_mouses_not_allometry():
    """Far from flow limitation, the liver's rate constant in the human preset is the mouse's
    times the ratio calibrated on Doxil (0.40), not metabolic allometry's (70 kg/25 g)^-0.25."""
    from nanoedu.models.body import ALLOMETRIC_RATE_EXPONENT, HUMAN_PHAGOCYTE_RATE_RATIO

    p = Nanoparticle(diameter_nm=100.0, peg_coverage=0.95)
    mouse = transfer_rates(p)[("Blood", "Liver")][0]
    human = transfer_rates(p, Patient.preset("human"))[("Blood", "Liver")][0]
    assert human / mouse == pytest.approx(HUMAN_PHAGOCYTE_RATE_RATIO, rel=0.02)
    assert human / mouse > 2.5 * (70000.0 / 25.0) ** ALLOMETRIC_RATE_EXPONENT


def test_the_same_dose_is_conserved_in_a_human():
    r = biodistribution(patient=Patient.preset("human"), times_h=[0.0, 24.0, 168.0])
    total = sum(r[f"{c} [%ID]"] for c in COMPARTMENTS)
    np.testing.assert_allclose(total, 100.0, rtol=1e-9)


def test_anti_peg_antibodies_take_the_brushs_protection_away():
    """Accelerated blood clearance (Ishida et al. 2005; Dams et al. 2000): with anti-PEG
    antibodies a densely PEGylated liposome is cleared like an unshielded particle, in hours."""
    stealth = Nanoparticle(diameter_nm=100.0, peg_coverage=0.95)
    bound = Nanoparticle(diameter_nm=100.0, peg_coverage=0.95, anti_peg_antibodies=True)
    r = biodistribution([stealth, bound], times_h=[0.0, 4.0])
    first, second = r["Blood [%ID]"][:, -1]
    assert first > 50.0 and second < 1.0
    k = transfer_rates(
        [bound, Nanoparticle(diameter_nm=100.0, peg_coverage=0.95, zwitterionic=False)]
    )[("Blood", "Liver")]
    assert k[0] > 20 * k[1]


# -- structural checks that were once listed as predictions ---------------------------------
# The sensitivity meta-test (tests/test_literature.py) found that each holds with the
# parameters it depends on halved or doubled: they follow from the model's structure, and
# predict nothing (docs/science.md, section 8).
def test_ultrasmall_zwitterionic_particles_leave_mostly_in_urine_within_a_day():
    """Zhou et al. 2011 found > 50% of ~2 nm glutathione-coated gold (about 3.3 nm in blood) in
    urine within 24 h. One-sided: it holds for any GFR or kidney transit within 2x."""
    r = biodistribution(
        Nanoparticle(diameter_nm=3.3, zwitterionic=True, peg_coverage=0.0), times_h=[0.0, 24.0]
    )
    assert 50.0 <= r["Urine [%ID]"][-1] <= 100.0


@pytest.mark.parametrize("diameter_nm", [20.0, 50.0, 100.0, 200.0])
def test_the_liver_holds_30_to_99_percent_of_uncoated_particles(diameter_nm):
    """Zhang, Poon et al. 2016 (review): 30-99% of administered nanoparticles accumulate in the
    liver. Uncoated particles at 24 h: it holds for any liver uptake rate within 2x."""
    r = biodistribution(Nanoparticle(diameter_nm=diameter_nm, peg_coverage=0.0))
    assert 30.0 <= r.at("Liver [%ID]", 24.0) <= 99.0


@pytest.mark.parametrize(
    ("mass_g", "mean_pct_per_kg", "sd_pct_per_kg"),
    [
        pytest.param(234.7, 5.3, 2.6, id="breast"),
        pytest.param(36.2, 33.0, 15.8, id="head-and-neck"),
    ],
)
def test_pegylated_liposomes_in_a_patients_tumour_fall_in_harringtons_wide_bands(
    mass_g, mean_pct_per_kg, sd_pct_per_kg
):
    """Harrington et al. 2001: 111In PEG liposomes at 72 h, breast cancers 5.3 +- 2.6 %ID/kg
    (mean volume 234.7 cm^3), head and neck 33.0 +- 15.8 (36.2 cm^3). Mean +- 2 SD spans 0.1-10.5
    and 1.4-64.6 %ID/kg, which the human preset meets with the tumour's entry, its macrophages
    or its blood capture halved or doubled: structural, not a prediction (docs/science.md,
    section 8). The lung band, narrower, is a prediction (test_literature.py)."""
    liposome = Nanoparticle(diameter_nm=100.0, peg_coverage=0.95)
    r = biodistribution(
        liposome, Patient.preset("human"), Tumour(mass_g=mass_g), times_h=[0.0, 72.0]
    )
    per_kg = float(r["Tumour [%ID]"][-1]) / mass_g * 1000.0
    assert max(mean_pct_per_kg - 2 * sd_pct_per_kg, 0.0) <= per_kg
    assert per_kg <= mean_pct_per_kg + 2 * sd_pct_per_kg


def test_particles_above_100_nm_keep_chengs_median_at_a_week():
    """Cheng et al. 2020: median DE168 of the particles above 100 nm, 0.23 %ID. The model's
    median over the course's coatings and sizes of 100-400 nm is within 2x of it, and stays so
    with the tumour's entry, macrophages, blood capture or release halved or doubled: a
    cross-study median in a 2x band is structural here, not a prediction (docs/science.md)."""
    median = size_group_delivery(100.0, 400.0)["DE168"]  # Cheng's time-averaged DE168
    assert 0.23 / 2 <= median <= 0.23 * 2


def test_design_moves_tumour_delivery_a_few_fold_not_orders_of_magnitude():
    """Structural: over the course's design grid (10-200 nm, every coating, no ligand, default
    mouse) tumour delivery at 24 h spans at most 30-fold; Wilhelm et al. 2016 and Cheng et al.
    2020 found medians within a few-fold whatever the design. The model's vesicular entry
    barely depends on size, and the tumour's macrophages capture a share of what the body's
    phagocytes clear, so a fast-cleared particle still leaves some of itself in the tumour."""
    particles = [
        Nanoparticle(diameter_nm=d, **c) for c in COATINGS for d in (10, 20, 50, 100, 150, 200)
    ]
    tumour = biodistribution(particles, times_h=[0.0, 24.0])["Tumour at 24 h [%ID]"]
    assert tumour.max() / tumour.min() <= 30.0
    # and the ordering a learner should see: PEG beats bare at every size above the kidney's cut
    bare, peg = tumour[:6], tumour[18:24]
    assert np.all(peg > bare)


def test_pegylated_hollow_gold_circulates_for_about_eight_hours_you_2014():
    """Structural (it holds with the liver's rate halved or doubled, so it is not counted as a
    prediction): You et al. 2014 (abstract), PEG-coated hollow gold nanospheres, 63 nm, blood
    half-life 8.19 +- 1.4 h in mice. The model's 63 nm particle at the default PEG coverage
    (0.8; the study's brush density is not reported), log-linear fit over 4-48 h, within 2x."""
    half_life_h = terminal_half_life_h(Nanoparticle(diameter_nm=63.0, peg_coverage=0.8), 4.0, 48.0)
    assert 8.19 / 2 <= half_life_h <= 8.19 * 2
