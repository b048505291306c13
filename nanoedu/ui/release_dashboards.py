"""Lesson 04 dashboards: release against temperature and pH, a heating protocol, model fitting."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.patches import Rectangle

from ..constants import SECONDS_PER_HOUR
from ..models.body import Conditions, Nanoparticle
from ..models.release import (
    COMPARTMENT_PH,
    RELEASE_MODELS,
    DrugProperties,
    HeatingProtocol,
    PHCarrier,
    ThermoLiposome,
    fit_release_model,
    ph_release_by_compartment,
    release_dataset,
    released_fraction,
    thermal_release_rate_per_h,
    triggered_delivery,
)
from ..parameters import ParameterSet, choice_field, field
from ..results import Result, combine_results
from .pattern import Dashboard, dashboard_factory
from .style import PALETTE, fit_ylim, new_figure

__all__ = ["release_dashboard", "heating_dashboard", "fitting_dashboard", "LIPOSOME_PARTICLE"]

#: A 100 nm, densely PEGylated liposome (the carrier of the heating dashboard).
LIPOSOME_PARTICLE = Nanoparticle(diameter_nm=100.0, peg_coverage=0.95)
_T_GRID = np.linspace(36.0, 45.0, 91)
_SECONDS = np.linspace(0.0, 60.0, 61)
_PH_COLOURS = (PALETTE["vermillion"], PALETTE["green"], PALETTE["blue"], PALETTE["purple"])
STRATEGIES = ("triggered carrier", "carrier, not heated", "free drug")
_STRATEGY_COLOURS = (PALETTE["vermillion"], PALETTE["blue"], PALETTE["grey"])


# -- release against temperature and pH ----------------------------------------------------
def _release_compute(
    liposome: ThermoLiposome, carrier: PHCarrier, conditions: Conditions
) -> Result:
    k_grid = thermal_release_rate_per_h(liposome, _T_GRID)
    k_here = float(thermal_release_rate_per_h(liposome, conditions.temperature_c))
    k_body = float(thermal_release_rate_per_h(liposome, 37.0))
    ph = ph_release_by_compartment(carrier)
    values = {
        "Temperature grid [degC]": _T_GRID,
        "Released in 20 s [fraction]": -np.expm1(-k_grid * 20.0 / SECONDS_PER_HOUR),
        "Seconds [s]": _SECONDS,
        "Released at your temperature [fraction]": -np.expm1(-k_here * _SECONDS / SECONDS_PER_HOUR),
        "Released at 37 degC [fraction]": -np.expm1(-k_body * _SECONDS / SECONDS_PER_HOUR),
        "pH hours [h]": ph.t,
    }
    values.update(ph.values)
    metrics = dict(ph.metrics)
    metrics["Released in 20 s at your temperature [fraction]"] = float(
        -np.expm1(-k_here * 20 / SECONDS_PER_HOUR)
    )
    metrics["Released in 1 h at 37 degC [fraction]"] = float(-np.expm1(-k_body))
    return Result(
        axis=_SECONDS,
        axis_label="Time [s]",
        values=values,
        metrics=metrics,
        parameters={"liposome": liposome, "carrier": carrier, "conditions": conditions},
    )


def _release_figure() -> tuple[Any, dict[str, Any]]:
    fig, (ax1, ax2, ax3) = new_figure(3, width_in=11.5)
    a = {}
    (a["T"],) = ax1.plot([], [], color=PALETTE["vermillion"])
    (a["T_marker"],) = ax1.plot([], [], "o", color=PALETTE["black"])
    ax1.set(
        xlim=(36, 45),
        ylim=(-0.02, 1.02),
        xlabel="temperature [°C]",
        ylabel="released in 20 s [fraction]",
        title="Thermosensitive liposome",
    )
    (a["s_here"],) = ax2.plot([], [], color=PALETTE["vermillion"], label="your temperature")
    (a["s_body"],) = ax2.plot([], [], color=PALETTE["grey"], ls="--", label="37 °C")
    ax2.set(
        xlim=(0, 60),
        ylim=(-0.02, 1.02),
        xlabel="time in the heated zone [s]",
        ylabel="released [fraction]",
        title="Seconds count",
    )
    ax2.legend(loc="lower right")
    for (name, ph), c in zip(COMPARTMENT_PH.items(), _PH_COLOURS, strict=True):
        (a[f"ph:{name}"],) = ax3.plot([], [], color=c, label=f"{name} (pH {ph})")
    ax3.set(
        xlim=(0, 24),
        ylim=(-0.02, 1.02),
        xlabel="time [h]",
        ylabel="released [fraction]",
        title="Acid-responsive carrier",
    )
    ax3.set_xticks([0, 6, 12, 18, 24])
    ax3.legend(loc="center right")
    return fig, a


def _release_update(a: dict[str, Any], r: Result) -> None:
    a["T"].set_data(r["Temperature grid [degC]"], r["Released in 20 s [fraction]"])
    T = r.parameters["conditions"].temperature_c
    a["T_marker"].set_data([T], [r["Released in 20 s at your temperature [fraction]"]])
    a["s_here"].set_data(r.t, r["Released at your temperature [fraction]"])
    a["s_body"].set_data(r.t, r["Released at 37 degC [fraction]"])
    for name in COMPARTMENT_PH:
        a[f"ph:{name}"].set_data(r["pH hours [h]"], r[f"{name} [fraction released]"])


def _release_readout(r: Result) -> str:
    T = r.parameters["conditions"].temperature_c
    c = r.parameters["carrier"]
    halves = ", ".join(f"{name} {r[f'Half-time in {name} [h]']:.3g} h" for name in COMPARTMENT_PH)
    return (
        f"At {T:.3g} °C the liposome releases {100 * r['Released in 20 s at your temperature [fraction]']:.3g}% "
        f"in 20 s; at 37 °C it leaks {100 * r['Released in 1 h at 37 degC [fraction]']:.3g}% per hour\n"
        f"Acid-responsive carrier (pKa {c.pKa:.3g}), half-time of release: {halves}"
    )


@dashboard_factory(
    title="Triggers: heat and acid",
    controls=["temperature_c", "transition_c", "pKa"],
    compute=_release_compute,
    figure=_release_figure,
    update=_release_update,
    readout=_release_readout,
)
def release_dashboard(
    liposome: ThermoLiposome = ThermoLiposome(),
    carrier: PHCarrier = PHCarrier(),
    conditions: Conditions = Conditions(temperature_c=42.0),
) -> Dashboard:
    """Lesson 04: temperature and pH -> release of a thermosensitive and an acid-responsive carrier."""


# -- heating protocol -------------------------------------------------------------------------
_NO_HEAT = HeatingProtocol(heating_on=False)


@functools.lru_cache(maxsize=32)
def _delivery(
    particle: Nanoparticle,
    liposome: ThermoLiposome,
    heating: HeatingProtocol,
    drug: DrugProperties,
    strategy: str,
) -> Result:
    # Parameter sets are frozen dataclasses, hence hashable: safe cache keys. The Result is
    # only read by the dashboard, never changed.
    return triggered_delivery(particle, liposome, heating, drug, strategy=strategy)


def _heat_compute(
    particle: Nanoparticle, liposome: ThermoLiposome, heating: HeatingProtocol, drug: DrugProperties
) -> Result:
    # Only the triggered carrier depends on the heating protocol: the other two are cached, so
    # moving a heating slider recomputes one strategy, not three.
    runs = {
        s: _delivery(particle, liposome, heating if s == STRATEGIES[0] else _NO_HEAT, drug, s)
        for s in STRATEGIES
    }
    return combine_results(runs, parameters={"heating": heating, "particle": particle})


def _heat_figure() -> tuple[Any, dict[str, Any]]:
    fig, (ax1, ax2) = new_figure(2, width_in=10.5)
    a = {}
    for s, c in zip(STRATEGIES, _STRATEGY_COLOURS, strict=True):
        (a[f"t:{s}"],) = ax1.plot([], [], color=c, label=s)
    # A Rectangle in axes-height coordinates, not axvspan: axvspan returns a Polygon before
    # matplotlib 3.9 and a Rectangle after, and the update moves it with set_x/set_width.
    a["heat_span"] = ax1.add_patch(
        Rectangle(
            (0, 0),
            1,
            1,
            transform=ax1.get_xaxis_transform(),
            color=PALETTE["orange"],
            alpha=0.15,
            lw=0,
        )
    )
    ax1.set(
        xlim=(0, 48),
        ylim=(0, 12),
        xlabel="time after injection [h]",
        ylabel="drug in the tumour [% of dose]",
        title="Shaded: tumour heated",
    )
    ax1.set_xticks([0, 12, 24, 36, 48])
    ax1.legend(loc="upper right")
    x = np.arange(3)
    a["bars_t"] = ax2.bar(x - 0.18, np.ones(3), width=0.36, color=PALETTE["green"], label="tumour")
    a["bars_b"] = ax2.bar(
        x + 0.18, np.ones(3), width=0.36, color=PALETTE["grey"], label="rest of body (free drug)"
    )
    ax2.set_xticks(x, ["triggered", "not heated", "free drug"])
    ax2.set(
        yscale="log",
        ylim=(1, 1e4),
        ylabel="drug exposure, 0-48 h [% dose × h]",
        title="Where the drug acts",
    )
    ax2.legend(loc="upper right")
    return fig, a


def _heat_update(a: dict[str, Any], r: Result) -> None:
    top = 0.0
    for s in STRATEGIES:
        y = r[f"{s}: Drug in tumour [% dose]"]
        a[f"t:{s}"].set_data(r.t, y)
        top = max(top, float(y.max()))
    h = r.parameters["heating"]
    x0, x1 = h.start_h, h.start_h + h.duration_h
    a["heat_span"].set_x(x0)
    a["heat_span"].set_width(x1 - x0)
    a["heat_span"].set_visible(h.heating_on)
    for bar, s in zip(a["bars_t"], STRATEGIES, strict=True):
        bar.set_height(max(r[f"{s}: Tumour drug AUC [% dose h]"], 1.0))
    for bar, s in zip(a["bars_b"], STRATEGIES, strict=True):
        bar.set_height(max(r[f"{s}: Free drug in body AUC [% dose h]"], 1.0))
    fit_ylim(a[f"t:{STRATEGIES[0]}"].axes, top, floor=0.1)


def _heat_readout(r: Result) -> str:
    h = r.parameters["heating"]
    lines = [
        f"Heating {'on' if h.heating_on else 'off'}: {h.temperature_c:.3g} °C from "
        f"{h.start_h:.3g} h for {h.duration_h:.3g} h"
    ]
    free = r["free drug: Tumour drug AUC [% dose h]"]
    for s in STRATEGIES:
        tum = r[f"{s}: Tumour drug AUC [% dose h]"]
        lines.append(
            f"{s}: tumour drug at 24 h {r[f'{s}: Drug in tumour at 24 h [% dose]']:.3g}% of dose; "
            f"tumour exposure {tum / free:.3g}x free drug; tumour/body {r[f'{s}: Tumour / body drug exposure [1]']:.3g}"
        )
    return "\n".join(lines)


@dashboard_factory(
    title="Heat-triggered release: tumour against body",
    controls=["temperature_c", "start_h", "duration_h", "heating_on"],
    compute=_heat_compute,
    figure=_heat_figure,
    update=_heat_update,
    readout=_heat_readout,
)
def heating_dashboard(
    particle: Nanoparticle = LIPOSOME_PARTICLE,
    liposome: ThermoLiposome = ThermoLiposome(),
    heating: HeatingProtocol = HeatingProtocol(),
    drug: DrugProperties = DrugProperties(),
) -> Dashboard:
    """Lesson 04: a heating protocol -> drug in the tumour against drug elsewhere."""


# -- fitting release models ---------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class FitChoice(ParameterSet):
    """The model a learner fits, and the noise of the generated data."""

    model: str = choice_field(
        "Higuchi",
        options=RELEASE_MODELS,
        source="siepmann2012",
        description="release model to fit",
    )
    noise_sd: float = field(
        0.02,
        unit="fraction",
        bounds=(0.0, 0.1),
        source="design",
        description="standard deviation of the noise added to the generated data",
    )


#: The generating model of the fitting dashboard's data (stated in the lesson).
DATA_MODEL, DATA_RATE, DATA_SEED = "first-order", 0.3, 7


def _fit_compute(choice: FitChoice) -> Result:
    data = release_dataset(DATA_MODEL, DATA_RATE, noise_sd=choice.noise_sd, seed=DATA_SEED)
    fits = {m: fit_release_model(data.t, data["Released [fraction]"], m) for m in RELEASE_MODELS}
    fit = fits[choice.model]
    tt = np.linspace(0.0, 8.0, 161)
    curve = released_fraction(choice.model, tt, fit["rate"], fit.get("exponent", 0.5))
    metrics = {f"{m} AIC": f["aic"] for m, f in fits.items()}
    metrics.update(
        {
            "Fitted rate": fit["rate"],
            "Fitted exponent": fit.get("exponent", np.nan),
            "R2": fit["r2"],
            "SSE": fit["sse"],
        }
    )
    return Result(
        axis=data.t,
        values={
            "Data [fraction]": data["Released [fraction]"],
            "Curve time [h]": tt,
            "Fit [fraction]": curve,
        },
        metrics=metrics,
        parameters={"choice": choice},
    )


def _fit_figure() -> tuple[Any, dict[str, Any]]:
    fig, (ax1, ax2) = new_figure(2, width_in=10.5)
    a = {}
    (a["data"],) = ax1.plot([], [], "o", color=PALETTE["black"], label="generated data")
    (a["fit"],) = ax1.plot([], [], color=PALETTE["blue"], label="your fit")
    ax1.set(
        xlim=(0, 8.2),
        ylim=(-0.05, 1.05),
        xlabel="time [h]",
        ylabel="released [fraction]",
        title="Fit a release model",
    )
    ax1.legend(loc="lower right")
    x = np.arange(len(RELEASE_MODELS))
    a["aic"] = ax2.bar(x, np.zeros(len(RELEASE_MODELS)), color=PALETTE["sky"])
    ax2.set_xticks(x, list(RELEASE_MODELS))
    ax2.set(
        ylim=(-100, 0), ylabel="AIC [lower is better]", title="Which model do the data support?"
    )
    return fig, a


def _fit_update(a: dict[str, Any], r: Result) -> None:
    a["data"].set_data(r.t, r["Data [fraction]"])
    a["fit"].set_data(r["Curve time [h]"], r["Fit [fraction]"])
    chosen = r.parameters["choice"].model
    aics = [r[f"{m} AIC"] for m in RELEASE_MODELS]
    for bar, m, v in zip(a["aic"], RELEASE_MODELS, aics, strict=True):
        bar.set_height(v)
        bar.set_color(PALETTE["blue"] if m == chosen else PALETTE["sky"])
    ax = a["aic"][0].axes
    low = min(aics)
    if low < ax.get_ylim()[0] or low > ax.get_ylim()[0] / 3:
        ax.set_ylim(1.15 * low, 0)


def _fit_readout(r: Result) -> str:
    m = r.parameters["choice"].model
    extra = f", n = {r['Fitted exponent']:.3g}" if m == "Korsmeyer-Peppas" else ""
    best = min(RELEASE_MODELS, key=lambda x: r[f"{x} AIC"])
    return (
        f"{m}: k = {r['Fitted rate']:.3g}{extra}; R² = {r['R2']:.4f}\n"
        f"AIC: "
        + ", ".join(f"{x} {r[f'{x} AIC']:.3g}" for x in RELEASE_MODELS)
        + f"\nLowest AIC (best supported): {best}"
    )


@dashboard_factory(
    title="Fitting release data: which model?",
    controls=["model", "noise_sd"],
    compute=_fit_compute,
    figure=_fit_figure,
    update=_fit_update,
    readout=_fit_readout,
)
def fitting_dashboard(
    choice: FitChoice = FitChoice(),
) -> Dashboard:
    """Lesson 04: choose a release model and see how well it fits generated data."""
