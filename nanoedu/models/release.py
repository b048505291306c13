"""Triggered release: first-order, Higuchi and Korsmeyer-Peppas kinetics and their fits;
pH-responsive release by compartment; thermosensitive liposomes releasing inside a heated
tumour's vessels, coupled to the whole-body model; the resulting drug exposure.

Amounts are fractions of the loaded dose (0-1) or % of dose; times in h (release curves in
the lesson's dashboards are also shown in minutes or seconds where that is the scale).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.integrate import trapezoid
from scipy.optimize import curve_fit

from ..constants import SECONDS_PER_HOUR
from ..parameters import ParameterSet, check_seed, check_value, field, flag_field
from ..references import sources
from ..results import Result
from ._linalg import expm_batch
from ._validate import as_checked_array, time_grid
from .body import Nanoparticle, Patient, Tumour
from .pharmacokinetics import (
    TUMOUR_BLOOD_FLOW_ML_PER_H_PER_G,
    blood_loss_rate_per_h,
    transfer_rates,
)

__all__ = [
    "heated_transit_release_per_h",
    "heated_pass_fraction",
    "PHCarrier",
    "ThermoLiposome",
    "HeatingProtocol",
    "DrugProperties",
    "COMPARTMENT_PH",
    "RELEASE_MODELS",
    "released_fraction",
    "ph_release_rate_per_h",
    "ph_release_by_compartment",
    "thermal_release_rate_per_h",
    "release_dataset",
    "fit_release_model",
    "triggered_delivery",
]

#: Typical pH of the places a carrier passes (Webb et al. 2011; Casey et al. 2010).
COMPARTMENT_PH = {"blood": 7.4, "tumour extracellular": 6.7, "endosome": 5.5, "lysosome": 5.0}
RELEASE_MODELS = ("first-order", "Higuchi", "Korsmeyer-Peppas")


@sources("siepmann2012")
def released_fraction(model: str, times_h: Any, rate: float, exponent: float = 0.5) -> np.ndarray:
    r"""Fraction of the load released by time t for an empirical release model [1].

    Parameters
    ----------
    model : {"first-order", "Higuchi", "Korsmeyer-Peppas"}
    times_h : array-like
        Times [h], 0 to 1e4.
    rate : float
        k [1/h] (first-order), k_H [1/h^0.5] (Higuchi) or k [1/h^n] (Korsmeyer-Peppas), > 0.
    exponent : float
        Korsmeyer-Peppas n, 0.1 to 1.5 (ignored otherwise).

    Notes
    -----
    First-order :math:`1 - e^{-kt}`; Higuchi :math:`k_H\sqrt{t}`; Korsmeyer-Peppas
    :math:`k t^n`. The two empirical laws are capped at 1 (they hold for the first ~60% of
    release only, Siepmann & Siepmann 2012).

    Examples
    --------
    >>> round(float(released_fraction("first-order", 1.0, 0.693147)), 4)
    0.5
    """
    if model not in RELEASE_MODELS:
        raise ValueError(f"model = {model!r} is not one of {list(RELEASE_MODELS)}.")
    t = as_checked_array("times_h", times_h, "h", (0.0, 1e4))
    k = check_value("rate", rate, "per h (model units)", (1e-9, 1e6))
    n = check_value("exponent", exponent, "1", (0.1, 1.5))
    if model == "first-order":
        return -np.expm1(-k * t)
    if model == "Higuchi":
        return np.minimum(k * np.sqrt(t), 1.0)
    return np.minimum(k * t**n, 1.0)


@dataclass(frozen=True, kw_only=True)
class PHCarrier(ParameterSet):
    """An acid-responsive carrier (e.g. a hydrazone-linked or pH-sensitive polymer carrier)."""

    baseline_per_h: float = field(
        0.005,
        unit="1/h",
        bounds=(0.0, 1.0),
        source="assumption",
        description="release rate at neutral pH (leak)",
    )
    triggered_per_h: float = field(
        1.0,
        unit="1/h",
        bounds=(0.01, 100.0),
        log=True,
        source="assumption",
        description="additional release rate when fully acid-triggered",
    )
    pKa: float = field(
        6.0,
        unit="pH",
        bounds=(4.0, 7.5),
        source="assumption",
        description="pH at which the trigger is half on",
    )
    hill: float = field(
        2.0,
        unit="1",
        bounds=(0.5, 6.0),
        source="assumption",
        description="steepness of the pH switch (cooperativity)",
    )


@sources("webb2011", "casey2010")
def ph_release_rate_per_h(carrier: PHCarrier | None = None, pH: Any = 7.4) -> np.ndarray:
    r"""Release rate constant of an acid-responsive carrier, k(pH) [1/h].

    .. math:: k = k_0 + \frac{k_{max}}{1 + 10^{n(pH - pK_a)}}

    Examples
    --------
    >>> c = PHCarrier()
    >>> bool(ph_release_rate_per_h(c, 5.0) > 100 * ph_release_rate_per_h(c, 7.4))
    True
    """
    c = carrier or PHCarrier()
    ph = as_checked_array("pH", pH, "pH", (0.0, 14.0))
    return c.baseline_per_h + c.triggered_per_h / (1.0 + 10.0 ** (c.hill * (ph - c.pKa)))


@sources("webb2011", "casey2010")
def ph_release_by_compartment(carrier: PHCarrier | None = None, times_h: Any = None) -> Result:
    """Fraction released over time if the carrier sat in blood, tumour fluid, endosome, lysosome.

    Returns
    -------
    Result
        ``"<compartment> [fraction released]"`` over ``times_h`` (default 0-24 h), and the
        rate constant and half-time in each as metrics.

    Examples
    --------
    >>> r = ph_release_by_compartment()
    >>> bool(r["lysosome [fraction released]"][-1] > r["blood [fraction released]"][-1])
    True
    """
    c = carrier or PHCarrier()
    t = (
        np.linspace(0.0, 24.0, 97)
        if times_h is None
        else as_checked_array("times_h", times_h, "h", (0.0, 1e4))
    )
    values, metrics = {}, {}
    for name, ph in COMPARTMENT_PH.items():
        k = float(ph_release_rate_per_h(c, ph))
        values[f"{name} [fraction released]"] = -np.expm1(-k * t)
        metrics[f"Rate in {name} [1/h]"] = k
        metrics[f"Half-time in {name} [h]"] = np.log(2) / k if k > 0 else np.inf
    return Result(axis=t, values=values, metrics=metrics, parameters={"carrier": c})


@dataclass(frozen=True, kw_only=True)
class ThermoLiposome(ParameterSet):
    """A lysolipid thermosensitive liposome (ThermoDox-like)."""

    leak_per_h: float = field(
        0.01,
        unit="1/h",
        bounds=(0.0, 1.0),
        source="manzoor2012",
        description="release rate at body temperature (leak)",
    )
    max_release_per_h: float = field(
        226.0,
        unit="1/h",
        bounds=(1.0, 5000.0),
        log=True,
        source="calibrated",
        description="release rate far above the transition (calibrated: 60% in the first 20 s, "
        "Needham et al. 2013)",
    )
    transition_c: float = field(
        41.7,
        unit="degC",
        bounds=(38.0, 46.0),
        source="needham2013",
        description="lipid phase-transition temperature T_m",
    )
    width_c: float = field(
        0.3,
        unit="degC",
        bounds=(0.05, 3.0),
        source="calibrated",
        description="width of the transition",
    )


@sources("manzoor2012", "needham2013")
def thermal_release_rate_per_h(
    liposome: ThermoLiposome | None = None, temperature_c: Any = 37.0
) -> np.ndarray:
    r"""Release rate constant of a thermosensitive liposome, k(T) [1/h].

    .. math:: k = k_{leak} + \frac{k_{max}}{1 + e^{-(T - T_m)/w}}

    With the defaults, about 60% is released in 20 s at 42 degC (Needham et al. 2013) and
    about 1% per hour leaks at 37 degC.

    Examples
    --------
    >>> k42 = float(thermal_release_rate_per_h(ThermoLiposome(), 42.0))
    >>> round(1 - float(np.exp(-k42 * 20 / SECONDS_PER_HOUR)), 2)
    0.6
    """
    lip = liposome or ThermoLiposome()
    T = as_checked_array("temperature_c", temperature_c, "degC", (20.0, 60.0))
    z = np.clip(-(T - lip.transition_c) / lip.width_c, -700.0, 700.0)
    return lip.leak_per_h + lip.max_release_per_h / (1.0 + np.exp(z))


@sources("siepmann2012")
def release_dataset(
    model: str = "first-order",
    rate: float = 0.3,
    exponent: float = 0.5,
    times_h: Any = (0.25, 0.5, 1.0, 2.0, 3.0, 4.0, 6.0, 8.0),
    noise_sd: float = 0.02,
    seed: int = 7,
) -> Result:
    """A small release data set made from stated parameters plus seeded Gaussian noise.

    The numbers are not measurements: they are generated (and say so in the lesson) so that a
    learner can see whether a fit recovers what made them.

    Examples
    --------
    >>> r = release_dataset(seed=1)
    >>> r["Released [fraction]"].shape
    (8,)
    """
    t = np.atleast_1d(as_checked_array("times_h", times_h, "h", (1e-6, 1e4)))
    sd = check_value("noise_sd", noise_sd, "fraction", (0.0, 0.2))
    seed = check_seed(seed)
    truth = released_fraction(model, t, rate, exponent)
    noisy = np.clip(truth + np.random.default_rng(seed).normal(0.0, sd, t.size), 0.0, 1.0)
    return Result(
        axis=t,
        values={"Released [fraction]": noisy, "Truth [fraction]": truth},
        metrics={},
        parameters={
            "model": model,
            "rate": rate,
            "exponent": exponent,
            "noise_sd": sd,
            "seed": int(seed),
        },
    )


@sources("siepmann2012")
def fit_release_model(times_h: Any, released: Any, model: str) -> dict[str, float]:
    """Least-squares fit of a release model to data.

    Returns
    -------
    dict
        ``rate`` (and ``exponent`` for Korsmeyer-Peppas), ``sse`` (sum of squared residuals),
        ``r2`` and ``aic`` (Akaike information criterion, n ln(SSE/n) + 2p, to compare models
        with different numbers of parameters).

    Examples
    --------
    >>> d = release_dataset(noise_sd=0.0)
    >>> round(fit_release_model(d.t, d["Released [fraction]"], "first-order")["rate"], 6)
    0.3
    """
    if model not in RELEASE_MODELS:
        raise ValueError(f"model = {model!r} is not one of {list(RELEASE_MODELS)}.")
    t = np.atleast_1d(as_checked_array("times_h", times_h, "h", (0.0, 1e4)))
    y = np.atleast_1d(as_checked_array("released", released, "fraction", (0.0, 1.0)))
    if t.shape != y.shape or t.size < 3:
        raise ValueError(
            f"times_h and released must have the same length, at least 3; got {t.size} and {y.size}."
        )
    if model == "Korsmeyer-Peppas":

        def f(tt: np.ndarray, k: float, n: float) -> np.ndarray:
            return np.minimum(k * np.maximum(tt, 0) ** n, 1.0)

        p0, bounds = (0.3, 0.5), ([1e-9, 0.1], [1e6, 1.5])
    elif model == "Higuchi":

        def f(tt: np.ndarray, k: float) -> np.ndarray:
            return np.minimum(k * np.sqrt(np.maximum(tt, 0)), 1.0)

        p0, bounds = (0.3,), ([1e-9], [1e6])
    else:

        def f(tt: np.ndarray, k: float) -> np.ndarray:
            return -np.expm1(-k * tt)

        p0, bounds = (0.3,), ([1e-9], [1e6])
    popt, _ = curve_fit(f, t, y, p0=p0, bounds=bounds, maxfev=20000)
    resid = y - f(t, *popt)
    sse = float(resid @ resid)
    sst = float(((y - y.mean()) ** 2).sum())
    n = t.size
    out = {
        "rate": float(popt[0]),
        "sse": sse,
        "r2": 1.0 - sse / sst if sst > 0 else np.nan,
        "aic": n * np.log(max(sse, 1e-300) / n) + 2 * len(popt),
    }
    if model == "Korsmeyer-Peppas":
        out["exponent"] = float(popt[1])
    return out


@dataclass(frozen=True, kw_only=True)
class HeatingProtocol(ParameterSet):
    """Mild hyperthermia of the tumour."""

    heating_on: bool = flag_field(
        True,
        source="manzoor2012",
        description="heat the tumour",
    )
    start_h: float = field(
        0.0,
        unit="h",
        bounds=(0.0, 24.0),
        source="manzoor2012",
        description="start of heating after injection",
    )
    duration_h: float = field(
        1.0,
        unit="h",
        bounds=(0.05, 6.0),
        source="manzoor2012",
        description="how long the tumour is held at temperature",
    )
    temperature_c: float = field(
        42.0,
        unit="degC",
        bounds=(37.0, 45.0),
        source="manzoor2012",
        description="tumour temperature while heated",
    )


@dataclass(frozen=True, kw_only=True)
class DrugProperties(ParameterSet):
    """The free drug once released (doxorubicin-like defaults)."""

    distribution_volume_mL: float = field(
        50.0,
        unit="mL",
        bounds=(1.0, 2000.0),
        log=True,
        source="assumption",
        description="volume the free drug spreads into outside the tumour (2 L/kg)",
    )
    body_extraction: float = field(
        0.2,
        unit="1",
        bounds=(0.0, 1.0),
        source="assumption",
        description="fraction of the free drug in blood the body removes per pass (all organs)",
    )
    tumour_extraction: float = field(
        0.5,
        unit="1",
        bounds=(0.0, 1.0),
        source="assumption",
        description="fraction of drug released in tumour vessels that the tumour takes up "
        "(judgement: Manzoor 2012 imaged the uptake but reports no fraction)",
    )
    tumour_washout_per_h: float = field(
        0.05,
        unit="1/h",
        bounds=(0.0, 5.0),
        source="assumption",
        description="loss of drug from tumour tissue (binding to DNA keeps it)",
    )
    transit_s: float = field(
        2.0,
        unit="s",
        bounds=(0.1, 30.0),
        source="assumption",
        description="time blood spends in the heated tumour's vessels per pass (judgement, "
        "of the order of a tumour's capillary transit time)",
    )


#: The drug's states, in % of the loaded dose.
STATES = (
    "carrier in blood",
    "carrier in other tissues",
    "free drug in body",
    "drug in tumour",
    "eliminated",
    "carrier in tumour",
)


def _release_matrix(
    k_to_tumour: float,
    k_elsewhere: float,
    leak: float,
    k_trig: float,
    extract: float,
    k_el: float,
    k_tu: float,
    k_wash: float,
) -> np.ndarray:
    """Linear transfer matrix between the drug states (columns from, rows to) [1/h]."""
    K = np.zeros((len(STATES), len(STATES)))
    cb, ct, fp, dt, el, cu = range(len(STATES))
    flows = [
        (cb, cu, k_to_tumour),  # carriers entering the tumour (drug still inside)
        (cb, ct, k_elsewhere),  # carriers cleared to liver, spleen and other tissues
        (cb, fp, leak + (1.0 - extract) * k_trig),  # leak; triggered release not taken up
        (cb, dt, extract * k_trig),  # released in tumour vessels and taken up there
        (ct, fp, leak),  # carriers in other tissues leak into the body
        (cu, dt, leak),  # carriers in the tumour leak into it
        (fp, el, k_el),
        (fp, dt, k_tu),  # free drug in the body reaching the tumour
        (dt, fp, k_wash),
    ]
    for src, dst, k in flows:
        K[dst, src] += k
        K[src, src] -= k
    return K


def heated_transit_release_per_h(
    release_per_h: Any, transit_s: float, tumour_flow_mL_per_h: Any, plasma_volume_mL: float
) -> Any:
    r"""Rate at which carriers in plasma release their load inside a heated tumour's vessels [1/h].

    The one place the course couples heat-triggered release to blood transit (used by
    :func:`triggered_delivery` and the capstone's design model).

    Parameters
    ----------
    release_per_h : float or array
        The carrier's release rate at the tumour's temperature [1/h].
    transit_s : float
        Time plasma spends in the heated vessels per pass [s].
    tumour_flow_mL_per_h : float or array
        Tumour plasma flow [mL/h].
    plasma_volume_mL : float
        Plasma volume the carriers circulate in [mL].

    Notes
    -----
    Each pass of plasma through the heated tumour releases :math:`1 - e^{-k\tau}` of what it
    carries, and the plasma passes at :math:`Q_t/V_p`, so
    :math:`k_{heat} = (Q_t/V_p)\,(1 - e^{-k\tau})` (Manzoor et al. 2012 describe release in
    the heated vessels within seconds).

    Examples
    --------
    >>> round(float(heated_transit_release_per_h(1e9, 2.0, 6.0, 1.0)), 6)  # all of it: Q/V
    6.0
    """
    return tumour_flow_mL_per_h / plasma_volume_mL * heated_pass_fraction(release_per_h, transit_s)


def heated_pass_fraction(release_per_h: Any, transit_s: float) -> Any:
    r"""Fraction of its load a carrier releases in one pass through heated vessels [1].

    :math:`1 - e^{-k\tau}` for release rate k [1/h] and transit time τ [s].

    Examples
    --------
    >>> round(float(heated_pass_fraction(0.693147 * SECONDS_PER_HOUR, 1.0)), 3)  # one half-life per pass
    0.5
    """
    return -np.expm1(-release_per_h * transit_s / SECONDS_PER_HOUR)


def _carrier_rates(particle: Any, patient: Any, tumour: Any) -> tuple[float, float]:
    """The carrier's total loss rate from blood and its rate into the tumour [1/h] (the
    whole-body model's). Cached for parameter sets: they depend on the particle, patient and
    tumour only, not on the heating or the drug, and were half of a run's time (0.8 of 1.5 ms)
    when a heating slider moves. Anything else goes to transfer_rates, which validates it."""
    if (
        isinstance(particle, Nanoparticle)
        and isinstance(patient, Patient)
        and isinstance(tumour, Tumour)
    ):
        return _carrier_rates_cached(particle, patient, tumour)
    return _carrier_rates_cached.__wrapped__(particle, patient, tumour)


@functools.lru_cache(maxsize=64)
def _carrier_rates_cached(particle: Any, patient: Any, tumour: Any) -> tuple[float, float]:
    # frozen parameter sets, hence safe keys; floats, so nothing cached can be changed
    rates = transfer_rates(particle, patient, tumour)
    return float(blood_loss_rate_per_h(rates)[0]), float(rates[("Blood", "Tumour")][0])


@sources("manzoor2012", "needham2013", "cheng2020", "lin2016")
def triggered_delivery(
    particle: Nanoparticle | None = None,
    liposome: ThermoLiposome | None = None,
    heating: HeatingProtocol | None = None,
    drug: DrugProperties | None = None,
    patient: Patient | None = None,
    tumour: Tumour | None = None,
    strategy: str = "triggered carrier",
    times_h: Any = None,
) -> Result:
    r"""Where a drug goes when it is given free, in a carrier, or in a heat-triggered carrier.

    Parameters
    ----------
    particle, liposome, heating, drug, patient, tumour : parameter sets, optional
        Defaults if ``None``: a 100 nm PEGylated liposome heated to 42 degC for 1 h from
        injection.
    strategy : {"triggered carrier", "carrier, not heated", "free drug"}
    times_h : array-like, optional
        Output times [h], increasing, starting at 0; default 0-48 h every 0.25 h.

    Returns
    -------
    Result
        Each of ``STATES`` in % of dose over time; metrics: drug in tumour at 24 h, AUCs of
        tumour and plasma free drug, and their ratio.

    Notes
    -----
    A linear system, piecewise constant in time (heating on/off), solved exactly interval by
    interval with ``expm``. Carriers leave blood at the whole-body model's total rate for the
    particle; they leak at k(37 degC). While the tumour is heated, each pass of blood through
    it releases the fraction :math:`1 - e^{-k(T)\tau}` (transit time τ), so carriers in blood
    release at :math:`(Q_t/V_p)(1 - e^{-k(T)\tau})`; a fraction E of that drug is taken up by
    the tumour at once (intravascular release, Manzoor et al. 2012), the rest joins plasma.
    Free drug spreads into a distribution volume V_d; the body removes it at
    :math:`k_{el} = CO\,E_{body}/V_d` and the tumour takes it up at :math:`Q_t E_t/V_d`, its share
    of cardiac output. Tumour blood flow is 1% of cardiac output (Cheng et al. 2020, check).
    The sum of all states is the dose at every time (tested).

    Examples
    --------
    >>> r = triggered_delivery()
    >>> bool(abs(sum(v[-1] for v in r.values.values()) - 100) < 1e-9)
    True
    """
    strategies = ("triggered carrier", "carrier, not heated", "free drug")
    if strategy not in strategies:
        raise ValueError(f"strategy = {strategy!r} is not one of {list(strategies)}.")
    particle = particle or Nanoparticle(diameter_nm=100.0, peg_coverage=0.95)
    lip = liposome or ThermoLiposome()
    heat = heating or HeatingProtocol()
    drug = drug or DrugProperties()
    patient = patient or Patient()
    tumour = tumour or Tumour()
    t = time_grid(times_h, np.linspace(0.0, 48.0, 193), from_zero=True)

    k_carrier, k_in = _carrier_rates(particle, patient, tumour)
    cardiac_output = patient.cardiac_output_mL_per_h
    q_t = TUMOUR_BLOOD_FLOW_ML_PER_H_PER_G * tumour.mass_g
    v_p = patient.plasma_volume_mL
    leak = float(thermal_release_rate_per_h(lip, 37.0))
    # Free drug: every organ extracts it from the blood it receives; the tumour gets its share
    # blood flow (1% of the mouse's cardiac output). Both rates divide by the drug's distribution volume.
    k_el = cardiac_output * drug.body_extraction / drug.distribution_volume_mL
    k_tu = q_t * drug.tumour_extraction / drug.distribution_volume_mL
    k_ret = float(thermal_release_rate_per_h(lip, heat.temperature_c))
    heated_on = strategy == "triggered carrier" and heat.heating_on
    per_pass = heated_pass_fraction(k_ret, drug.transit_s)
    k_heat = heated_transit_release_per_h(k_ret, drug.transit_s, q_t, v_p) if heated_on else 0.0
    wash = drug.tumour_washout_per_h
    args = (k_in, k_carrier - k_in, leak)
    base = _release_matrix(*args, 0.0, drug.tumour_extraction, k_el, k_tu, wash)
    heated = _release_matrix(*args, k_heat, drug.tumour_extraction, k_el, k_tu, wash)
    x0 = np.zeros(len(STATES))
    x0[2 if strategy == "free drug" else 0] = 100.0
    on, off = heat.start_h, heat.start_h + heat.duration_h
    # breakpoints: output times and the heating edges
    grid = np.union1d(t, [b for b in (on, off) if 0.0 < b < t[-1]])
    x = np.empty((grid.size, len(STATES)))
    x[0] = x0
    # Each step is heated or not and has a size; most steps share both, so each distinct
    # (heated, size) pair is exponentiated once, all of them in one batch.
    mid = 0.5 * (grid[1:] + grid[:-1])
    hot = ((on <= mid) & (mid < off)).tolist()
    keys = list(zip(hot, np.round(np.diff(grid), 12).tolist(), strict=True))
    distinct = list(dict.fromkeys(keys))
    # expm_batch, not scipy.linalg.expm: on a 5 x 5 matrix scipy's OpenBLAS wakes its worker
    # threads, which then spin for ~20 ms of CPU a call (measured with time.process_time
    # against time.thread_time); in a kernel beside JupyterLab and the browser on two cores
    # they took the CPU the heating dashboard's update and its redraw needed (31 ms a move at
    # p50, against 5-7 ms alone)
    exps = expm_batch(np.stack([(heated if on_ else base) * h for on_, h in distinct]))
    steps = dict(zip(distinct, exps, strict=True))
    for j, key in enumerate(keys, start=1):
        x[j] = steps[key] @ x[j - 1]
    keep = np.isin(grid, t)
    x = x[keep]
    values = {f"{s.capitalize()} [% dose]": x[:, i] for i, s in enumerate(STATES)}
    i24 = int(np.argmin(np.abs(t - 24.0)))
    auc_t = float(trapezoid(x[:, 3], t))
    auc_p = float(trapezoid(x[:, 2], t))
    return Result(
        axis=t,
        values=values,
        metrics={
            "Drug in tumour at 24 h [% dose]": float(x[i24, 3]),
            "Tumour drug AUC [% dose h]": auc_t,
            "Free drug in body AUC [% dose h]": auc_p,
            "Tumour / body drug exposure [1]": auc_t / auc_p if auc_p > 0 else np.inf,
            "Released per pass while heated [1]": float(per_pass),
        },
        parameters={
            "strategy": strategy,
            "particle": particle,
            "liposome": lip,
            "heating": heat,
            "drug": drug,
        },
    )
