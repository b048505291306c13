"""Lesson 06: the same particle in a mouse and in a patient.

One batched call of the whole-body model for the course's 25 g mouse (0.6 g tumour) and the
70 kg human preset (a 30 g tumour), with the particle's size, PEG coverage and anti-PEG
antibodies (accelerated blood clearance) as controls.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..models.body import Nanoparticle, Patient, Tumour
from ..models.pharmacokinetics import biodistribution
from ..results import Result
from .pattern import Dashboard, dashboard_factory
from .style import PALETTE, new_figure

__all__ = ["species_dashboard", "PATIENT_TUMOUR_G"]

#: The patient's tumour in the dashboard [g]: a few centimetres across, like the tumours in
#: Harrington et al. 2001 (mean volumes 36-235 cm^3).
PATIENT_TUMOUR_G = 30.0
_TIMES_H = np.linspace(0.0, 168.0, 337)
_AT_H = 72.0
_PLACES = ("Blood", "Liver + spleen", "Other phagocytes", "Rest of body", "Urine")


def _time_to_half(t: np.ndarray, blood: np.ndarray) -> float:
    """First time the blood holds half the dose [h]; inf if it never does within the run."""
    below = np.nonzero(blood <= 50.0)[0]
    if below.size == 0:
        return float("inf")
    i = int(below[0])
    return float(np.interp(50.0, [blood[i], blood[i - 1]], [t[i], t[i - 1]]))


def _species_compute(particle: Nanoparticle) -> Result:
    bodies = [Patient(), Patient.preset("human")]
    tumours = [Tumour(), Tumour(mass_g=PATIENT_TUMOUR_G)]
    r = biodistribution(particle, bodies, tumours, times_h=_TIMES_H)
    i = int(np.argmin(np.abs(r.t - _AT_H)))
    blood = r["Blood [%ID]"]
    values, metrics = {}, {}
    for k, (name, tumour) in enumerate(zip(("mouse", "human"), tumours, strict=True)):
        values[f"Blood, {name} [%ID]"] = blood[k]
        at = {
            "Blood": blood[k, i],
            "Liver + spleen": r["Liver [%ID]"][k, i] + r["Spleen [%ID]"][k, i],
            "Other phagocytes": r["Other phagocytes [%ID]"][k, i],
            "Rest of body": r["Rest of body [%ID]"][k, i],
            "Urine": r["Urine [%ID]"][k, i],
        }
        for place, v in at.items():
            metrics[f"{place} at 72 h, {name} [%ID]"] = float(v)
        tumour_pct = float(r["Tumour [%ID]"][k, i])
        metrics[f"Tumour at 72 h, {name} [%ID]"] = tumour_pct
        metrics[f"Tumour at 72 h, {name} [%ID/kg]"] = tumour_pct / tumour.mass_g * 1000.0
        metrics[f"Blood half-life, {name} [h]"] = _time_to_half(r.t, blood[k])
    metrics["In-vivo diameter [nm]"] = particle.in_vivo_diameter_nm
    return Result(
        axis=r.t,
        values=values,
        metrics=metrics,
        parameters={"particle": particle, "bodies": bodies, "tumours": tumours},
    )


def _species_figure() -> tuple[Any, dict[str, Any]]:
    fig, (ax1, ax2) = new_figure(2, width_in=11.0, height_in=3.8)
    a: dict[str, Any] = {}
    (a["mouse"],) = ax1.plot([], [], color=PALETTE["blue"], lw=2.0, label="25 g mouse")
    (a["human"],) = ax1.plot([], [], color=PALETTE["vermillion"], lw=2.0, label="70 kg human")
    ax1.axhline(50.0, color=PALETTE["grey"], ls=":", lw=1)
    ax1.set(
        xlim=(0, 168),
        ylim=(0, 100),
        xlabel="time after injection [h]",
        ylabel="in blood [% of injected dose]",
        title="The same particle in two bodies",
    )
    ax1.set_xticks([0, 24, 48, 72, 96, 120, 144, 168])
    ax1.legend(loc="upper right")
    x = np.arange(len(_PLACES))
    a["bars mouse"] = ax2.bar(x - 0.2, np.zeros(len(_PLACES)), 0.4, color=PALETTE["blue"])
    a["bars human"] = ax2.bar(
        x + 0.2, np.zeros(len(_PLACES)), 0.4, color=PALETTE["vermillion"], hatch="//"
    )
    ax2.set(ylim=(0, 100), ylabel="amount at 72 h [% of injected dose]", title="At 72 h")
    ax2.set_xticks(x, ["Blood", "Liver+spleen", "Other phag.", "Rest", "Urine"], rotation=20)
    return fig, a


def _species_update(a: dict[str, Any], r: Result) -> None:
    for name in ("mouse", "human"):
        a[name].set_data(r.t, r[f"Blood, {name} [%ID]"])
        for bar, place in zip(a[f"bars {name}"], _PLACES, strict=True):
            bar.set_height(r[f"{place} at 72 h, {name} [%ID]"])


def _half_life_text(h: float) -> str:
    return "over 168 h" if not np.isfinite(h) else f"{h:.3g} h"


def _species_readout(r: Result) -> str:
    p = r.parameters["particle"]
    abc = ", anti-PEG antibodies present" if p.anti_peg_antibodies else ""
    return (
        f"Particle {p.diameter_nm:.3g} nm, PEG coverage {p.peg_coverage:.2f}{abc} "
        f"({r['In-vivo diameter [nm]']:.3g} nm in blood)\n"
        f"Time to half the dose in blood: mouse {_half_life_text(r['Blood half-life, mouse [h]'])}, "
        f"human {_half_life_text(r['Blood half-life, human [h]'])} (PEG liposomes in patients: "
        "45-76 h)\n"
        f"Tumour at 72 h: mouse {r['Tumour at 72 h, mouse [%ID]']:.3g} %ID "
        f"({r['Tumour at 72 h, mouse [%ID/kg]']:.3g} %ID/kg of a 0.6 g tumour); human "
        f"{r['Tumour at 72 h, human [%ID]']:.3g} %ID ({r['Tumour at 72 h, human [%ID/kg]']:.3g} "
        f"%ID/kg of a {PATIENT_TUMOUR_G:.0f} g tumour)\n"
        f"Liver + spleen at 72 h: mouse {r['Liver + spleen at 72 h, mouse [%ID]']:.3g} %ID, "
        f"human {r['Liver + spleen at 72 h, human [%ID]']:.3g} %ID"
    )


@dashboard_factory(
    title="From mouse to patient: the same particle in two bodies",
    controls=["diameter_nm", "peg_coverage", "anti_peg_antibodies"],
    compute=_species_compute,
    figure=_species_figure,
    update=_species_update,
    readout=_species_readout,
    body_note="%ID: percent of the injected dose, in a 25 g mouse (0.6 g tumour) and a 70 kg "
    f"human ({PATIENT_TUMOUR_G:.0f} g tumour).",
)
def species_dashboard(
    particle: Nanoparticle = Nanoparticle(diameter_nm=100.0, peg_coverage=0.95),
) -> Dashboard:
    """Lesson 06: one particle in the course's mouse and in a 70 kg patient."""
