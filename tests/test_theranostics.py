"""Imaging and theranostic decisions: decay, noise, partial volume, cohort, estimates, ROC."""

from __future__ import annotations

import numpy as np
import pytest

from nanoedu import (
    HALF_LIFE_H,
    Cohort,
    MRIScanner,
    Nanoparticle,
    PETScanner,
    biodistribution,
    cohort_parameter_sets,
    companion_estimate,
    decay_fraction,
    fluorescence_signal,
    mri_measurement,
    pet_measurement,
    recovery_coefficient,
    roc_curve,
    treatment_outcomes,
    virtual_cohort,
)

SMALL = Cohort(n_patients=60)


@pytest.mark.parametrize("label", ["64Cu", "89Zr"])
def test_radioactive_decay_law(label):
    half = HALF_LIFE_H[label]
    t = np.array([0.0, half, 2 * half, 0.37 * half])
    np.testing.assert_allclose(decay_fraction(label, t), [1.0, 0.5, 0.25, 2**-0.37], rtol=1e-12)
    assert HALF_LIFE_H == {"64Cu": 12.7, "89Zr": 78.4}


def test_partial_volume_recovery_limits():
    assert float(recovery_coefficient(100.0, 2.0)) == pytest.approx(1.0, abs=1e-12)
    assert float(recovery_coefficient(0.0, 2.0)) == 0.0
    d = np.linspace(0.1, 20, 200)
    rc = recovery_coefficient(d, 2.0)
    assert np.all(np.diff(rc) >= 0) and np.all(np.diff(rc[d < 6]) > 0)  # rises, then saturates at 1
    assert float(recovery_coefficient(4.0, 1.5)) > float(recovery_coefficient(4.0, 5.0))


def test_pet_noise_is_seeded_and_noiseless_limit_is_exact():
    truth = np.full(5, 1.3)
    a = pet_measurement(truth, 0.2, [1, 4, 24, 48, 72], seed=3)
    b = pet_measurement(truth, 0.2, [1, 4, 24, 48, 72], seed=3)
    assert np.array_equal(a, b) and not np.allclose(a, truth, rtol=1e-6)
    exact = pet_measurement(truth, 0.2, [1, 4, 24, 48, 72], noise=False)
    np.testing.assert_allclose(exact, truth, rtol=1e-12)
    biased = pet_measurement(
        truth,
        0.01,
        [24.0],
        PETScanner(resolution_fwhm_mm=5.0),
        noise=False,
        correct_partial_volume=False,
    )
    assert biased[0] < 0.5 * 1.3  # a 2.7 mm tumour at 5 mm resolution looks much fainter


def test_hot_background_spills_in_and_its_correction_is_exact_without_noise():
    truth, bg, mass = np.array([[1.0]]), np.array([[20.0]]), 0.05
    sc = PETScanner(resolution_fwhm_mm=4.0)
    rc = float(recovery_coefficient(float(np.cbrt(6 * mass / np.pi) * 10), 4.0))
    assert rc < 0.8  # a 4.6 mm tumour at 4 mm resolution
    raw = pet_measurement(
        truth, mass, [24.0], sc, noise=False, correct_partial_volume=False, background_pct_per_g=bg
    )
    assert float(raw[0, 0]) == pytest.approx(rc * 1.0 + (1 - rc) * 20.0, rel=1e-12)
    corrected = pet_measurement(truth, mass, [24.0], sc, noise=False, background_pct_per_g=bg)
    assert float(corrected[0, 0]) == pytest.approx(1.0, rel=1e-12)
    # the background's counts carry no information on the tumour, only noise
    many = np.ones((400, 1))
    cold = pet_measurement(many, mass, [24.0], sc, seed=4)
    hot = pet_measurement(many, mass, [24.0], sc, seed=4, background_pct_per_g=20.0 * many)
    assert np.std(hot) > 1.5 * np.std(cold)
    with pytest.raises(ValueError, match="background_pct_per_g"):
        pet_measurement(truth, mass, [24.0], background_pct_per_g=-1.0)


def test_pet_noise_grows_with_decay_and_fewer_counts():
    truth = np.full(400, 1.0)
    spread = {}
    for label in ("64Cu", "89Zr"):
        m = pet_measurement(truth, 0.2, np.full(400, 72.0), PETScanner(label=label), seed=1)
        spread[label] = np.std(m)
    assert spread["64Cu"] > 1.5 * spread["89Zr"]  # 64Cu has decayed far more by 72 h
    low = pet_measurement(
        truth, 0.2, np.full(400, 24.0), PETScanner(injected_activity_MBq=0.1), seed=1
    )
    high = pet_measurement(
        truth, 0.2, np.full(400, 24.0), PETScanner(injected_activity_MBq=10.0), seed=1
    )
    assert np.std(low) > 5 * np.std(high)


def test_mri_and_fluorescence_signals():
    sc = MRIScanner(noise_sd_per_s=0.0)
    r = mri_measurement(np.array([0.5, 1.0, 2.0]), sc)
    np.testing.assert_allclose(r / r[0], [1, 2, 4], rtol=1e-12)  # linear in iron
    f = fluorescence_signal(1.0, np.array([0.0, 1.0, 5.0]), attenuation_per_mm=1.0, noise_sd=0.0)
    np.testing.assert_allclose(f, np.exp(-np.array([0.0, 1.0, 5.0])), rtol=1e-12)


def test_cohort_is_reproducible_by_seed():
    a = virtual_cohort(cohort=SMALL, seed=4)["Tumour at 24 h [%ID]"]
    b = virtual_cohort(cohort=SMALL, seed=4)["Tumour at 24 h [%ID]"]
    c = virtual_cohort(cohort=SMALL, seed=5)["Tumour at 24 h [%ID]"]
    assert np.array_equal(a, b) and not np.array_equal(a, c)


def test_default_cohort_delivery_is_near_the_median_and_spans_an_order_of_magnitude():
    # Wilhelm 2016 / Cheng 2020: median ~0.7 %ID, delivery spanning orders of magnitude
    d = virtual_cohort(cohort=Cohort(n_patients=2000))["Tumour at 24 h [%ID]"]
    assert 0.3 <= np.median(d) <= 3.0
    assert np.percentile(d, 95) / np.percentile(d, 5) > 10.0


def test_vectorised_cohort_equals_a_per_patient_loop():
    t = np.linspace(0, 48, 25)
    c = virtual_cohort(cohort=SMALL, seed=9, times_h=t)
    for i in (0, 7, 33, 59):
        patient, tumour = cohort_parameter_sets(c, i)
        one = biodistribution(Nanoparticle(), patient, tumour, times_h=t)
        for k in ("Blood [%ID]", "Liver [%ID]", "Tumour [%ID]", "Urine [%ID]"):
            np.testing.assert_allclose(c[k][i], one[k], rtol=1e-9, atol=1e-12)


def test_cohort_conserves_dose():
    c = virtual_cohort(cohort=Cohort(n_patients=500))
    total = sum(v for v in c.values.values())
    assert np.abs(total - 100.0).max() < 1e-9


def test_without_noise_an_image_at_24_h_recovers_the_truth():
    c = virtual_cohort(cohort=SMALL)
    e = companion_estimate(c, imaging_times_h=(24.0,), noise=False)
    np.testing.assert_allclose(
        e["Estimated delivery at 24 h [%ID]"], e["True delivery at 24 h [%ID]"], rtol=1e-5
    )
    # (the factors themselves are not all identifiable: where the blood is empty by the
    # imaging time, clearance and permeability trade off; the delivery they imply is exact)


@pytest.mark.parametrize("times", [(1.0,), (1.0, 4.0)])
def test_early_images_miss_what_the_estimator_does_not_know(times):
    """The estimator assumes the median tumour macrophages: carried forward from early images,
    its estimate errs, even without noise, and errs most for the tumours whose macrophages differ
    most from the median's (with equal macrophages and a perfect outline it is exact)."""
    c = virtual_cohort(cohort=SMALL)
    e = companion_estimate(c, imaging_times_h=times, noise=False)
    err = np.log(e["Estimated delivery at 24 h [%ID]"] / e["True delivery at 24 h [%ID]"])
    assert np.abs(err).max() > 0.02
    ret = np.log(c.parameters["retention factor"])
    assert np.corrcoef(err, ret)[0, 1] < -0.5  # more retention than assumed: underestimated
    same = virtual_cohort(cohort=SMALL.replace(retention_sd=0.0))
    exact = companion_estimate(
        same, PETScanner(anatomy_volume_sd=0.0), imaging_times_h=times, noise=False
    )
    np.testing.assert_allclose(
        exact["Estimated delivery at 24 h [%ID]"], exact["True delivery at 24 h [%ID]"], rtol=1e-5
    )


def test_roc_auc_is_one_without_noise_and_falls_towards_half_with_noise():
    c = virtual_cohort(cohort=Cohort(n_patients=400))
    truth = c["Tumour at 24 h [%ID]"]
    good = truth >= np.median(truth)
    exact = companion_estimate(c, noise=False)["Estimated delivery at 24 h [%ID]"]
    assert roc_curve(exact, good)[2] == pytest.approx(1.0)
    aucs = []
    for activity, fraction in ((10.0, 0.01), (0.1, 0.01), (0.1, 1e-4)):
        sc = PETScanner(injected_activity_MBq=activity, noise_equivalent_fraction=fraction)
        est = companion_estimate(c, sc, seed=5)["Estimated delivery at 24 h [%ID]"]
        aucs.append(roc_curve(est, good)[2])
    assert aucs[0] > aucs[1] > aucs[2]
    # A handful of counts per image: the estimate then knows little more than each tumour's
    # size (which it is given, and which alone ranks %ID: larger tumours take up more).
    by_size = roc_curve(c.parameters["tumour mass [g]"], good)[2]
    assert aucs[2] < by_size + 0.02


def test_roc_curve_closed_cases():
    fpr, tpr, auc = roc_curve([0.9, 0.8, 0.2, 0.1], [True, True, False, False])
    assert auc == 1.0 and tpr[-1] == 1.0 and fpr[-1] == 1.0
    assert roc_curve([0.1, 0.2, 0.8, 0.9], [True, True, False, False])[2] == 0.0
    assert roc_curve([0.5, 0.5, 0.5, 0.5], [True, False, True, False])[2] == 0.5


def test_strategies_trade_reach_against_liver_exposure():
    c = virtual_cohort(cohort=Cohort(n_patients=400))
    e = companion_estimate(c, noise=False)
    out = treatment_outcomes(
        c["Tumour at 24 h [%ID]"],
        e["Estimated delivery at 24 h [%ID]"],
        c["Liver at 24 h [%ID]"],
        blood_auc=c["Blood AUC 0-24 h [%ID h]"],
    )
    allp, sel, dose = (
        out["treat everyone"],
        out["treat the image-selected"],
        out["dose by the image"],
    )
    assert dose["reach target"] > allp["reach target"]  # dosing by the image reaches more
    assert dose["mean liver exposure"] > allp["mean liver exposure"]  # at an off-target price
    assert sel["mean liver exposure"] < allp["mean liver exposure"]  # selection spares the rest
    assert sel["reach target"] == pytest.approx(allp["reach target"])  # exact image: no one missed
    assert allp["mean blood exposure"] > sel["mean blood exposure"]  # the unselected get none
    # dosing by the image: each patient's exposure is the dose multiple times that patient's AUC
    est = np.asarray(e["Estimated delivery at 24 h [%ID]"])
    multiple = np.minimum(1.2 * 0.7 / est, 3.0)
    assert dose["mean blood exposure"] == pytest.approx(
        float(np.mean(multiple * c["Blood AUC 0-24 h [%ID h]"])), rel=1e-12
    )


@pytest.mark.parametrize(
    "call, fragment",
    [
        (lambda: decay_fraction("18F", 1.0), "label = '18F'"),
        (lambda: recovery_coefficient(-1.0, 2.0), "diameter_mm = -1 mm"),
        (lambda: pet_measurement(1.0, 0.1, [1.0], seed=-2), "seed = -2"),
        (
            lambda: virtual_cohort(cohort=Cohort(n_patients=5)),
            "n_patients = 5 patients is out of range",
        ),
        (
            lambda: companion_estimate(virtual_cohort(cohort=SMALL), imaging_times_h=(1, 2, 3)),
            "one or two",
        ),
        (lambda: roc_curve([1.0, 2.0], [True, True]), "both positives and negatives"),
        (
            lambda: treatment_outcomes([1.0], [1.0], [1.0], max_dose_multiple=0.5),
            "max_dose_multiple = 0.5",
        ),
        (lambda: PETScanner(label="11C"), "label = '11C' is not one of the allowed choices"),
    ],
)
def test_bad_input_is_refused_clearly(call, fragment):
    with pytest.raises(ValueError, match=fragment):
        call()


def test_noise_equivalent_counts_are_the_mean_of_the_pet_count_and_halve_with_the_label():
    from nanoedu import PETScanner, decay_fraction, noise_equivalent_counts

    t = np.array([1.0, 13.7, 24.0])
    n = noise_equivalent_counts(0.5, 0.6, t)
    # closed form: A0 x decay x sensitivity x scan time x NEC fraction x RC x c/100 x mass
    from nanoedu.models.imaging import recovery_coefficient, sphere_diameter_mm

    sc = PETScanner()
    rc = recovery_coefficient(sphere_diameter_mm(0.6), sc.resolution_fwhm_mm)
    want = (
        sc.injected_activity_MBq
        * decay_fraction(sc.label, t)
        * sc.sensitivity_cps_per_MBq
        * sc.scan_min
        * 60.0
        * sc.noise_equivalent_fraction
        * rc
        * 0.5
        / 100.0
        * 0.6
    )
    assert np.allclose(n, want, rtol=1e-12)
    ratio = n[1] / n[0]
    assert ratio == pytest.approx(
        float(decay_fraction("64Cu", 13.7) / decay_fraction("64Cu", 1.0)), rel=1e-12
    )
    double = noise_equivalent_counts(0.5, 0.6, t, PETScanner(injected_activity_MBq=20.0))
    assert np.allclose(double, 2 * n, rtol=1e-12)
    with pytest.raises(ValueError, match="tumour_mass_g"):
        noise_equivalent_counts(0.5, -1.0, t)


def test_selection_rates_count_true_positives_and_true_negatives():
    from nanoedu import selection_rates

    scores = [0.1, 0.9, 0.8, 0.2, 0.7]
    good = [False, True, False, True, True]
    assert selection_rates(scores, good, 0.5) == (2 / 3, 0.5)
    assert selection_rates(scores, good, 0.0) == (1.0, 0.0)
    sens, spec = selection_rates([1.0], [True], 0.5)
    assert sens == 1.0 and np.isnan(spec)
    with pytest.raises(ValueError, match="same shape"):
        selection_rates([1.0, 2.0], [True], 0.5)
