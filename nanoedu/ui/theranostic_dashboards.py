"""Lesson 05 dashboards: what the scanner sees, the cohort and its ROC, treatment strategies."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..models.body import Nanoparticle, Tumour
from ..models.imaging import PETScanner, noise_equivalent_counts, pet_measurement
from ..models.pharmacokinetics import biodistribution
from ..models.theranostics import (
    Cohort,
    companion_estimate,
    roc_curve,
    selection_rates,
    treatment_outcomes,
    virtual_cohort,
)
from ..parameters import ParameterSet, choice_field, field
from ..results import Result
from .pattern import Dashboard, dashboard_factory
from .style import PALETTE, fit_ylim, new_figure

__all__ = [
    "scanner_dashboard",
    "cohort_dashboard",
    "strategy_dashboard",
    "Decision",
    "IMAGING_PRESETS",
]

_SCAN_TIMES_H = np.array([1.0, 4.0, 24.0, 48.0, 72.0])
_CURVE_T = np.linspace(0.0, 72.0, 145)
#: Image quality presets of the cohort dashboards: injected activity [MBq].
IMAGING_PRESETS = {"high counts": 10.0, "typical": 1.0, "low counts": 0.1}
IMAGING_TIMES = {"24 h": (24.0,), "1 h": (1.0,), "1 h + 4 h": (1.0, 4.0)}
COHORT_SEED, IMAGE_SEED = 1, 2


# -- what the scanner sees -----------------------------------------------------------------------
def _scan_compute(particle: Nanoparticle, scanner: PETScanner, tumour: Tumour) -> Result:
    r = biodistribution(particle, tumour=tumour, times_h=_CURVE_T)
    true = r["Tumour [%ID]"] / tumour.mass_g
    at_scans = np.interp(_SCAN_TIMES_H, _CURVE_T, true)
    corrected = pet_measurement(at_scans, tumour.mass_g, _SCAN_TIMES_H, scanner, seed=IMAGE_SEED)
    raw = pet_measurement(
        at_scans,
        tumour.mass_g,
        _SCAN_TIMES_H,
        scanner,
        seed=IMAGE_SEED,
        correct_partial_volume=False,
    )
    counts = noise_equivalent_counts(at_scans, tumour.mass_g, _SCAN_TIMES_H, scanner)
    return Result(
        axis=_CURVE_T,
        values={
            "True [%ID/g]": true,
            "Scan times [h]": _SCAN_TIMES_H,
            "Measured [%ID/g]": corrected,
            "Uncorrected [%ID/g]": raw,
            "Noise-equivalent counts": counts,
        },
        metrics={
            "True at 24 h [%ID/g]": float(at_scans[2]),
            "Measured at 24 h [%ID/g]": float(corrected[2]),
            "Uncorrected at 24 h [%ID/g]": float(raw[2]),
            "Counts at 24 h": float(counts[2]),
            "Counts at 72 h": float(counts[4]),
        },
        parameters={"scanner": scanner, "tumour": tumour},
    )


def _scan_figure() -> tuple[Any, dict[str, Any]]:
    fig, (ax1, ax2) = new_figure(2, width_in=10.5)
    a = {}
    (a["true"],) = ax1.plot([], [], color=PALETTE["black"], label="truth (model)")
    (a["meas"],) = ax1.plot([], [], "o", color=PALETTE["vermillion"], label="PET, corrected")
    (a["raw"],) = ax1.plot([], [], "s", mfc="none", color=PALETTE["blue"], label="PET, uncorrected")
    ax1.set(
        xlim=(0, 72),
        ylim=(0, 2),
        xlabel="time after injection [h]",
        ylabel="tumour uptake [% of injected dose per g]",
        title="What the scanner reports",
    )
    ax1.set_xticks([0, 12, 24, 36, 48, 60, 72])
    ax1.legend(loc="lower right")
    (a["counts"],) = ax2.semilogy([], [], "o-", color=PALETTE["green"])
    ax2.set(
        xlim=(0, 72),
        ylim=(1, 1e6),
        xlabel="time after injection [h]",
        ylabel="noise-equivalent counts in the tumour [count]",
        title="Counts fall as the label decays",
    )
    ax2.set_xticks([0, 12, 24, 36, 48, 60, 72])
    return fig, a


def _scan_update(a: dict[str, Any], r: Result) -> None:
    a["true"].set_data(r.t, r["True [%ID/g]"])
    a["meas"].set_data(r["Scan times [h]"], r["Measured [%ID/g]"])
    a["raw"].set_data(r["Scan times [h]"], r["Uncorrected [%ID/g]"])
    a["counts"].set_data(r["Scan times [h]"], np.maximum(r["Noise-equivalent counts"], 1.0))
    peak = max(float(np.max(r["True [%ID/g]"])), float(np.max(r["Measured [%ID/g]"])))
    fit_ylim(a["true"].axes, peak, headroom=1.2, floor=0.05)


def _scan_readout(r: Result) -> str:
    s = r.parameters["scanner"]
    err = r["Measured at 24 h [%ID/g]"] / r["True at 24 h [%ID/g]"] - 1
    return (
        f"{s.label} label, {s.injected_activity_MBq:.3g} MBq, resolution {s.resolution_fwhm_mm:.3g} mm\n"
        f"At 24 h: truth {r['True at 24 h [%ID/g]']:.3g} %ID/g; PET {r['Measured at 24 h [%ID/g]']:.3g} "
        f"(error {100 * err:+.1f}%); without partial-volume correction {r['Uncorrected at 24 h [%ID/g]']:.3g}\n"
        f"Noise-equivalent counts: {r['Counts at 24 h']:.3g} at 24 h, {r['Counts at 72 h']:.3g} at 72 h"
    )


@dashboard_factory(
    title="What the scanner sees: PET against the truth",
    controls=["label", "injected_activity_MBq", "resolution_fwhm_mm"],
    compute=_scan_compute,
    figure=_scan_figure,
    update=_scan_update,
    readout=_scan_readout,
)
def scanner_dashboard(
    particle: Nanoparticle = Nanoparticle(),
    scanner: PETScanner = PETScanner(),
    tumour: Tumour = Tumour(mass_g=0.1),
) -> Dashboard:
    """Lesson 05: a PET label, activity and resolution -> what the scanner reports against the truth."""


# -- cohort and ROC ------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class Decision(ParameterSet):
    """How the image is used: image quality, imaging times, threshold, dose target."""

    image_quality: str = choice_field(
        "typical",
        options=tuple(IMAGING_PRESETS),
        source="lee2017",
        description="counts per image (10, 1 or 0.1 MBq of 64Cu)",
    )
    imaging: str = choice_field(
        "24 h",
        options=tuple(IMAGING_TIMES),
        source="lee2017",
        description="when the patient is imaged",
    )
    threshold_pct: float = field(
        0.7,
        unit="%ID",
        bounds=(0.05, 5.0),
        log=True,
        source="wilhelm2016",
        description="estimated delivery above which a patient is selected",
    )
    target_pct: float = field(
        0.7,
        unit="%ID",
        bounds=(0.05, 5.0),
        log=True,
        source="wilhelm2016",
        description="tumour exposure (delivery x dose multiple) the treatment needs",
    )
    max_dose_multiple: float = field(
        3.0,
        unit="x dose",
        bounds=(1.0, 10.0),
        source="assumption",
        description="largest dose multiple a patient may receive",
    )


@functools.lru_cache(maxsize=4)
def _cohort(particle: Nanoparticle, cohort: Cohort) -> Result:
    return virtual_cohort(particle, cohort, seed=COHORT_SEED)


@functools.lru_cache(maxsize=16)
def _estimate(particle: Nanoparticle, cohort: Cohort, quality: str, imaging: str) -> np.ndarray:
    # One estimate per image-quality/timing preset, computed on first use and kept: the
    # threshold and dose sliders then only re-read it.
    c = _cohort(particle, cohort)
    sc = PETScanner(injected_activity_MBq=IMAGING_PRESETS[quality])
    return companion_estimate(c, sc, IMAGING_TIMES[imaging], seed=IMAGE_SEED)[
        "Estimated delivery at 24 h [%ID]"
    ]


def _cohort_compute(particle: Nanoparticle, cohort: Cohort, decision: Decision) -> Result:
    c = _cohort(particle, cohort)
    est = _estimate(particle, cohort, decision.image_quality, decision.imaging)
    true = c["Tumour at 24 h [%ID]"]
    good = true >= decision.target_pct
    fpr, tpr, auc = (
        roc_curve(est, good)
        if 0 < good.sum() < good.size
        else (np.array([0, 1.0]),) * 2 + (np.nan,)
    )
    sens, spec = selection_rates(est, good, decision.threshold_pct)
    outcomes = treatment_outcomes(
        true,
        est,
        c["Liver at 24 h [%ID]"],
        decision.threshold_pct,
        decision.target_pct,
        decision.max_dose_multiple,
        blood_auc=c["Blood AUC 0-24 h [%ID h]"],
    )
    return Result(
        axis=true,
        axis_label="True delivery at 24 h [%ID]",
        values={"Estimated [%ID]": est, "FPR": fpr, "TPR": tpr},
        metrics={
            "AUC": auc,
            "Sensitivity": sens,
            "Specificity": spec,
            "Median true delivery [%ID]": float(np.median(true)),
            "Good candidates [fraction]": float(good.mean()),
        },
        parameters={"decision": decision, "outcomes": outcomes, "n": true.size},
    )


def _cohort_figure() -> tuple[Any, dict[str, Any]]:
    fig, (ax1, ax2) = new_figure(2, width_in=10.5)
    a = {}
    (a["scatter"],) = ax1.loglog([], [], ".", color=PALETTE["blue"], alpha=0.6, ms=4)
    a["thr"] = ax1.axvline(0.7, color=PALETTE["vermillion"], lw=1.5)
    a["tgt"] = ax1.axhline(0.7, color=PALETTE["grey"], ls="--", lw=1)
    ax1.plot([0.01, 30], [0.01, 30], color=PALETTE["grey"], lw=0.8)
    ax1.set(
        xlim=(0.02, 20),
        ylim=(0.02, 20),
        xlabel="estimated from the image [%ID at 24 h]",
        ylabel="true tumour delivery [%ID at 24 h]",
        title="Each dot a patient (red: threshold)",
    )
    (a["roc"],) = ax2.plot([], [], color=PALETTE["blue"])
    (a["op"],) = ax2.plot([], [], "o", color=PALETTE["vermillion"])
    ax2.plot([0, 1], [0, 1], color=PALETTE["grey"], ls=":", lw=1)
    ax2.set(
        xlim=(0, 1),
        ylim=(0, 1.02),
        xlabel="1 - specificity [fraction]",
        ylabel="sensitivity [fraction]",
        title="ROC: selecting good candidates",
    )
    return fig, a


def _cohort_update(a: dict[str, Any], r: Result) -> None:
    d = r.parameters["decision"]
    a["scatter"].set_data(np.clip(r["Estimated [%ID]"], 0.021, 19.9), np.clip(r.axis, 0.021, 19.9))
    a["thr"].set_xdata([d.threshold_pct, d.threshold_pct])
    a["tgt"].set_ydata([d.target_pct, d.target_pct])
    a["roc"].set_data(r["FPR"], r["TPR"])
    a["op"].set_data([1 - r["Specificity"]], [r["Sensitivity"]])


def _cohort_readout(r: Result) -> str:
    d = r.parameters["decision"]
    return (
        f"{r.parameters['n']} virtual patients; median true delivery {r['Median true delivery [%ID]']:.3g} %ID; "
        f"{100 * r['Good candidates [fraction]']:.0f}% reach the {d.target_pct:.3g} %ID target\n"
        f"Image: {d.image_quality}, at {d.imaging}. ROC AUC {r['AUC']:.3f}\n"
        f"Threshold {d.threshold_pct:.3g} %ID: sensitivity {r['Sensitivity']:.2f}, "
        f"specificity {r['Specificity']:.2f}"
    )


@dashboard_factory(
    title="The cohort: imaged uptake against true delivery",
    controls=["image_quality", "imaging", "threshold_pct"],
    compute=_cohort_compute,
    figure=_cohort_figure,
    update=_cohort_update,
    readout=_cohort_readout,
)
def cohort_dashboard(
    particle: Nanoparticle = Nanoparticle(),
    cohort: Cohort = Cohort(),
    decision: Decision = Decision(),
) -> Dashboard:
    """Lesson 05: a virtual cohort imaged, and the ROC of selecting patients by the image."""


# -- three strategies ------------------------------------------------------------------------------
_STRATS = ("treat everyone", "treat the image-selected", "dose by the image")
_METRICS = ("reach target", "mean response", "mean liver exposure")


def _strategy_figure() -> tuple[Any, dict[str, Any]]:
    fig, axes = new_figure(3, width_in=11.5)
    a = {}
    colours = (PALETTE["grey"], PALETTE["blue"], PALETTE["vermillion"])
    labels = ("everyone", "selected", "image dose")
    titles = ("Reach the target", "Mean response (Emax)", "Off-target: liver")
    ylabels = (
        "patients reaching target [fraction]",
        "mean response [fraction of Emax]",
        "mean liver exposure [%ID x dose]",
    )
    for ax, m, title, yl in zip(axes, _METRICS, titles, ylabels, strict=True):
        a[m] = ax.bar(np.arange(3), np.zeros(3), color=colours)
        ax.set_xticks(np.arange(3), labels)
        ax.set(ylim=(0, 1.0), title=title, ylabel=yl)
    return fig, a


def _strategy_update(a: dict[str, Any], r: Result) -> None:
    out = r.parameters["outcomes"]
    for m in _METRICS:
        heights = [out[s][m] for s in _STRATS]
        for bar, h in zip(a[m], heights, strict=True):
            bar.set_height(h)
        if m == "mean liver exposure":
            fit_ylim(a[m][0].axes, max(heights), headroom=1.2)


def _strategy_readout(r: Result) -> str:
    out = r.parameters["outcomes"]
    d = r.parameters["decision"]
    lines = [
        f"Target exposure {d.target_pct:.3g} %ID; dose up to {d.max_dose_multiple:.3g}x; "
        f"image {d.image_quality} at {d.imaging}"
    ]
    for s in _STRATS:
        o = out[s]
        lines.append(
            f"{s}: treated {100 * o['treated']:.0f}%, reach target {100 * o['reach target']:.0f}%, "
            f"mean response {o['mean response']:.2f}, liver exposure {o['mean liver exposure']:.3g}, "
            f"blood exposure {o['mean blood exposure']:.3g} %ID h"
        )
    return "\n".join(lines)


@dashboard_factory(
    title="Three strategies: treat all, select by image, dose by image",
    controls=["target_pct", "max_dose_multiple", "threshold_pct"],
    compute=_cohort_compute,
    figure=_strategy_figure,
    update=_strategy_update,
    readout=_strategy_readout,
)
def strategy_dashboard(
    particle: Nanoparticle = Nanoparticle(),
    cohort: Cohort = Cohort(),
    decision: Decision = Decision(),
) -> Dashboard:
    """Lesson 05: fixed dose, image-selected, or image-dosed: reach, response and liver exposure."""
