"""Triggered release: closed forms, conservation, monotonic triggers, literature, fits."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import parameter_sets
from hypothesis import HealthCheck, given, settings

from nanoedu import (
    COMPARTMENT_PH,
    RELEASE_MODELS,
    DrugProperties,
    HeatingProtocol,
    Nanoparticle,
    PHCarrier,
    ThermoLiposome,
    fit_release_model,
    ph_release_rate_per_h,
    release_dataset,
    released_fraction,
    thermal_release_rate_per_h,
    triggered_delivery,
)


def test_first_order_release_is_its_exponential():
    t = np.linspace(0, 10, 41)
    np.testing.assert_allclose(
        released_fraction("first-order", t, 0.4), 1 - np.exp(-0.4 * t), rtol=1e-14
    )
    np.testing.assert_allclose(
        released_fraction("Higuchi", [0.25, 4.0], 0.2), [0.1, 0.4], rtol=1e-14
    )
    assert float(released_fraction("Korsmeyer-Peppas", 100.0, 0.5, 0.45)) == 1.0  # capped


def test_release_is_monotonic_in_temperature_and_acidity():
    k_T = thermal_release_rate_per_h(ThermoLiposome(), np.linspace(30, 50, 201))
    assert np.all(np.diff(k_T) > 0)
    k_pH = ph_release_rate_per_h(PHCarrier(), np.linspace(8.0, 4.0, 201))  # more acidic ->
    assert np.all(np.diff(k_pH) > 0)
    rates = [float(ph_release_rate_per_h(PHCarrier(), ph)) for ph in COMPARTMENT_PH.values()]
    assert rates == sorted(rates)  # blood < tumour fluid < endosome < lysosome


def test_little_leakage_at_37_c_over_an_hour():
    k = float(thermal_release_rate_per_h(ThermoLiposome(), 37.0))
    assert -np.expm1(-k * 1.0) < 0.05


@pytest.mark.parametrize(
    "model, rate, exponent",
    [("first-order", 0.3, 0.5), ("Higuchi", 0.25, 0.5), ("Korsmeyer-Peppas", 0.2, 0.7)],
)
def test_fits_recover_the_generating_parameters(model, rate, exponent):
    exact = release_dataset(model, rate, exponent, noise_sd=0.0)
    f = fit_release_model(exact.t, exact["Released [fraction]"], model)
    assert f["rate"] == pytest.approx(rate, rel=1e-4)
    if model == "Korsmeyer-Peppas":
        assert f["exponent"] == pytest.approx(exponent, rel=1e-4)
    noisy = release_dataset(model, rate, exponent, noise_sd=0.01, seed=3)
    g = fit_release_model(noisy.t, noisy["Released [fraction]"], model)
    assert g["rate"] == pytest.approx(rate, rel=0.1)


def test_aic_prefers_the_generating_model():
    d = release_dataset("first-order", 0.3, noise_sd=0.01, seed=11)
    aic = {m: fit_release_model(d.t, d["Released [fraction]"], m)["aic"] for m in RELEASE_MODELS}
    assert min(aic, key=aic.get) == "first-order"


def test_dataset_is_reproducible_by_seed():
    a = release_dataset(seed=5)["Released [fraction]"]
    b = release_dataset(seed=5)["Released [fraction]"]
    c = release_dataset(seed=6)["Released [fraction]"]
    assert np.array_equal(a, b) and not np.array_equal(a, c)


@pytest.mark.parametrize("strategy", ["triggered carrier", "carrier, not heated", "free drug"])
def test_drug_is_conserved(strategy):
    r = triggered_delivery(strategy=strategy)
    total = sum(r.values.values())
    np.testing.assert_allclose(total, 100.0, rtol=0, atol=1e-9)
    assert min(v.min() for v in r.values.values()) > -1e-9


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    parameter_sets(ThermoLiposome), parameter_sets(HeatingProtocol), parameter_sets(DrugProperties)
)
def test_drug_conserved_over_all_bounds(liposome, heating, drug):
    r = triggered_delivery(liposome=liposome, heating=heating, drug=drug)
    x = np.stack(list(r.values.values()), axis=-1)
    assert np.all(np.isfinite(x)) and x.min() > -1e-9
    assert np.abs(x.sum(axis=-1) - 100.0).max() < 1e-9


def test_heat_triggered_release_puts_more_drug_in_the_tumour_manzoor_2012():
    trig = triggered_delivery(strategy="triggered carrier")
    cold = triggered_delivery(strategy="carrier, not heated")
    free = triggered_delivery(strategy="free drug")
    key = "Tumour drug AUC [% dose h]"
    assert trig[key] > 5 * free[key] and trig[key] > 5 * cold[key]
    ti = "Tumour / body drug exposure [1]"
    assert trig[ti] > 5 * free[ti]
    off = triggered_delivery(heating=HeatingProtocol(heating_on=False))
    np.testing.assert_allclose(
        off["Drug in tumour [% dose]"], cold["Drug in tumour [% dose]"], atol=1e-12
    )


def test_longer_and_hotter_heating_release_more():
    base = triggered_delivery()["Tumour drug AUC [% dose h]"]
    longer = triggered_delivery(heating=HeatingProtocol(duration_h=2.0))[
        "Tumour drug AUC [% dose h]"
    ]
    cooler = triggered_delivery(heating=HeatingProtocol(temperature_c=40.0))[
        "Tumour drug AUC [% dose h]"
    ]
    assert longer > base > cooler


@pytest.mark.parametrize(
    "call, fragment",
    [
        (lambda: released_fraction("zero-order", 1.0, 0.1), "model = 'zero-order'"),
        (lambda: released_fraction("Higuchi", -1.0, 0.1), "times_h = -1 h"),
        (lambda: fit_release_model([1, 2], [0.1, 0.2], "Higuchi"), "at least 3"),
        (lambda: fit_release_model([1, 2, 3], [0.1, 0.2, 1.5], "Higuchi"), "released = 1.5"),
        (lambda: release_dataset(seed=-1), "seed = -1"),
        (lambda: triggered_delivery(strategy="magic"), "strategy = 'magic'"),
        (lambda: thermal_release_rate_per_h(temperature_c=float("nan")), "temperature_c = nan"),
        (lambda: HeatingProtocol(temperature_c=60.0), "temperature_c = 60 degC is out of range"),
        (lambda: ph_release_rate_per_h(pH="acidic"), "pH = 'acidic'"),
    ],
)
def test_bad_input_is_refused_clearly(call, fragment):
    with pytest.raises(ValueError, match=fragment):
        call()


def test_choice_parameters_are_validated():
    from nanoedu.ui.release_dashboards import FitChoice

    assert FitChoice(model="first-order").model == "first-order"
    with pytest.raises(ValueError, match="model = 'linear' is not one of the allowed choices"):
        FitChoice(model="linear")
    assert Nanoparticle().dose_particles == 1e11
