"""Lessons 00 and 01: the diffusion, size and biodistribution dashboards.

Each is the generic :class:`~nanoedu.ui.pattern.Dashboard` with a compute function that
calls the public models, a figure laid out once, an update that moves artists, and a readout.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..models.body import Conditions, Nanoparticle, Patient, Tumour
from ..models.pharmacokinetics import COMPARTMENTS, biodistribution, transfer_rates
from ..models.size import RENAL_CUTOFF_NM, diffusion_coefficient_cm2_s
from ..parameters import ParameterSet, flag_field
from ..results import Result
from .pattern import Dashboard, dashboard_factory
from .style import COMPARTMENT_COLOURS, PALETTE, format_amount, new_figure, wrap_title

__all__ = ["diffusion_dashboard", "size_dashboard", "biodistribution_dashboard", "ModelOptions"]

# Diameters (as synthesised) on which the size dashboard draws its curves [nm].
_SIZE_GRID_NM = np.geomspace(1.0, 500.0, 90)
#: Cell diameter used to make diffusion times concrete [um].
_CELL_DIAMETER_UM = 10.0


@dataclass(frozen=True, kw_only=True)
class ModelOptions(ParameterSet):
    """Switches of the biodistribution model shown as checkboxes."""

    saturable: bool = flag_field(
        False,
        source="ouyang2020",
        description="Kupffer-cell uptake saturates at the liver's capacity (solve_ivp)",
    )


# -- lesson 00: diffusion ------------------------------------------------------------------
def _diffusion_compute(particle: Nanoparticle, conditions: Conditions) -> Result:
    T = conditions.temperature_c
    d = particle.diameter_nm
    t_s = np.linspace(0.0, 10.0, 101)
    D_w = float(diffusion_coefficient_cm2_s(d, T, "water"))
    D_p = float(diffusion_coefficient_cm2_s(d, T, "plasma"))
    um2 = 1e8  # cm^2 -> um^2
    return Result(
        axis=t_s,
        axis_label="Time [s]",
        values={
            "grid diameter [nm]": _SIZE_GRID_NM,
            "D water [cm^2/s]": diffusion_coefficient_cm2_s(_SIZE_GRID_NM, T, "water"),
            "D plasma [cm^2/s]": diffusion_coefficient_cm2_s(_SIZE_GRID_NM, T, "plasma"),
            "RMS distance water [um]": np.sqrt(6 * D_w * um2 * t_s),
            "RMS distance plasma [um]": np.sqrt(6 * D_p * um2 * t_s),
        },
        metrics={
            "D in water [cm^2/s]": D_w,
            "D in plasma [cm^2/s]": D_p,
            "Time to diffuse one cell diameter in plasma [s]": (_CELL_DIAMETER_UM**2)
            / (6 * D_p * um2),
        },
        parameters={"particle": particle, "conditions": conditions},
    )


def _diffusion_figure() -> tuple[Any, dict[str, Any]]:
    fig, (ax1, ax2) = new_figure(2, width_in=9.0)
    a = {}
    (a["water"],) = ax1.loglog([], [], color=PALETTE["blue"], label="water")
    (a["plasma"],) = ax1.loglog([], [], color=PALETTE["vermillion"], label="plasma")
    (a["marker"],) = ax1.loglog([], [], "o", color=PALETTE["black"], label="your particle")
    ax1.set(
        xlim=(1, 500),
        ylim=(5e-9, 5e-6),
        xlabel="hydrodynamic diameter [nm]",
        ylabel="diffusion coefficient D [cm²/s]",
        title="Stokes-Einstein: D = kT / (3πηd)",
    )
    ax1.legend(loc="upper right")
    (a["rms_water"],) = ax2.plot([], [], color=PALETTE["blue"], label="water")
    (a["rms_plasma"],) = ax2.plot([], [], color=PALETTE["vermillion"], label="plasma")
    ax2.axhline(_CELL_DIAMETER_UM, color=PALETTE["grey"], ls="--", lw=1, label="one cell (10 µm)")
    ax2.set(
        xlim=(0, 10),
        ylim=(0, 40),
        xlabel="time [s]",
        ylabel="RMS distance in 3-D [µm]",
        title="How far it wanders: √(6Dt)",
    )
    ax2.legend(loc="upper left")
    return fig, a


def _diffusion_update(a: dict[str, Any], r: Result) -> None:
    d = r.parameters["particle"].diameter_nm
    a["water"].set_data(r["grid diameter [nm]"], r["D water [cm^2/s]"])
    a["plasma"].set_data(r["grid diameter [nm]"], r["D plasma [cm^2/s]"])
    a["marker"].set_data([d, d], [r["D in water [cm^2/s]"], r["D in plasma [cm^2/s]"]])
    a["rms_water"].set_data(r.t, r["RMS distance water [um]"])
    a["rms_plasma"].set_data(r.t, r["RMS distance plasma [um]"])


def _diffusion_readout(r: Result) -> str:
    p, c = r.parameters["particle"], r.parameters["conditions"]
    return (
        f"Particle {p.diameter_nm:.3g} nm at {c.temperature_c:.3g} °C\n"
        f"D in water:  {r['D in water [cm^2/s]']:.3g} cm²/s\n"
        f"D in plasma: {r['D in plasma [cm^2/s]']:.3g} cm²/s\n"
        f"Time to wander one cell diameter (10 µm) in plasma: "
        f"{r['Time to diffuse one cell diameter in plasma [s]']:.3g} s"
    )


@dashboard_factory(
    title="Diffusion: how size and temperature set a particle's random walk",
    controls=["diameter_nm", "temperature_c"],
    compute=_diffusion_compute,
    figure=_diffusion_figure,
    update=_diffusion_update,
    readout=_diffusion_readout,
)
def diffusion_dashboard(
    particle: Nanoparticle = Nanoparticle(),
    conditions: Conditions = Conditions(),
) -> Dashboard:
    """Lesson 00: size and temperature -> Stokes-Einstein diffusion and distance travelled."""


# -- lesson 01: size -> sieving, permeability, phagocytosis --------------------------------
def _size_compute(particle: Nanoparticle, patient: Patient, tumour: Tumour) -> Result:
    grid = [particle.replace(diameter_nm=float(d)) for d in _SIZE_GRID_NM]
    g = transfer_rates(grid, patient, tumour)
    here = transfer_rates(particle, patient, tumour)
    d_vivo = float(here["in-vivo diameter [nm]"][0])
    corona = d_vivo - particle.diameter_nm
    return Result(
        axis=_SIZE_GRID_NM,
        axis_label="Diameter [nm]",
        values={
            "in-vivo diameter [nm]": g["in-vivo diameter [nm]"],
            "renal clearance [1/h]": g[("Blood", "Kidney")],
            "tumour permeability [cm/s]": g["tumour P [cm/s]"],
            "liver uptake [1/h]": g[("Blood", "Liver")],
            "spleen uptake [1/h]": g[("Blood", "Spleen")],
        },
        metrics={
            "In-vivo diameter [nm]": d_vivo,
            "Largest synthesised size with 5.5 nm in blood [nm]": RENAL_CUTOFF_NM - corona,
            "D in plasma [cm^2/s]": float(diffusion_coefficient_cm2_s(d_vivo, 37.0, "plasma")),
            "Renal clearance [1/h]": float(here[("Blood", "Kidney")][0]),
            "Tumour permeability [cm/s]": float(here["tumour P [cm/s]"][0]),
            "Small-pore share of tumour entry [1]": float(
                here["tumour P small pores [cm/s]"][0] / max(here["tumour P [cm/s]"][0], 1e-300)
            ),
            "Liver uptake [1/h]": float(here[("Blood", "Liver")][0]),
            "Spleen uptake [1/h]": float(here[("Blood", "Spleen")][0]),
        },
        parameters={"particle": particle, "patient": patient, "tumour": tumour},
    )


def _size_figure() -> tuple[Any, dict[str, Any]]:
    fig, (ax1, ax2, ax3) = new_figure(3, width_in=11.0)
    a = {}
    (a["renal"],) = ax1.semilogx([], [], color=PALETTE["sky"])
    (a["renal_marker"],) = ax1.semilogx([], [], "o", color=PALETTE["black"])
    a["cutoff"] = ax1.axvline(5.5, color=PALETTE["grey"], ls="--", lw=1)
    a["renal_ax"] = ax1
    # The title moves with the sliders (it names the size that passes): an artist of its own,
    # redrawn with the curves rather than forcing a full redraw (_TitleText).
    a["renal_title"] = ax1.title
    ax1.set_title("Kidney")
    ax1.set(
        xlim=(1, 500),
        ylim=(-0.5, 16),
        xlabel="diameter as synthesised [nm]",
        ylabel="renal clearance rate [1/h]",
    )
    (a["perm"],) = ax2.loglog([], [], color=PALETTE["green"])
    (a["perm_marker"],) = ax2.loglog([], [], "o", color=PALETTE["black"])
    ax2.set(
        xlim=(1, 500),
        ylim=(1e-10, 1e-4),
        xlabel="diameter as synthesised [nm]",
        ylabel="tumour vessel permeability [cm/s]",
        title="Tumour vessel wall: small pores + large pathway",
    )
    (a["liver"],) = ax3.loglog([], [], color=PALETTE["orange"], label="liver")
    (a["spleen"],) = ax3.loglog([], [], color=PALETTE["purple"], label="spleen")
    (a["mps_marker"],) = ax3.loglog([], [], "o", color=PALETTE["black"], label="your particle")
    ax3.set(
        xlim=(1, 500),
        ylim=(1e-5, 20),
        xlabel="diameter as synthesised [nm]",
        ylabel="phagocytic uptake rate [1/h]",
        title="Liver and spleen macrophages",
    )
    ax3.legend(loc="lower right")
    return fig, a


class _TitleText:
    """An axes as :func:`wrap_title` sees it, whose ``set_title`` changes only the words.

    ``Axes.set_title`` also resets the transforms of the panel's left and right titles; they
    are not moving artists, so that marked the figure stale and made every move of a slider
    that moves the kidney's cut-off (PEG coverage, zwitterionic) a full redraw instead of a
    blit of the moving artists (the title is one of them).
    """

    def __init__(self, title: Any) -> None:
        self.title = title
        self.figure = title.axes.figure
        self._axes = title.axes

    def get_position(self, original: bool = False) -> Any:
        return self._axes.get_position(original=original)

    def get_title(self) -> str:
        return self.title.get_text()

    def set_title(self, text: str) -> None:
        self.title.set_text(text)


def _size_update(a: dict[str, Any], r: Result) -> None:
    x = r.axis
    d = r.parameters["particle"].diameter_nm
    a["renal"].set_data(x, r["renal clearance [1/h]"])
    a["renal_marker"].set_data([d], [r["Renal clearance [1/h]"]])
    # The 5.5 nm threshold applies in blood; show the as-synthesised size that reaches it.
    cut = r["Largest synthesised size with 5.5 nm in blood [nm]"]
    a["cutoff"].set_xdata([cut, cut])
    a["cutoff"].set_visible(cut >= 1.0)
    wrap_title(
        _TitleText(a["renal_title"]),
        f"Kidney: passes below {cut:.2g} nm as made"
        if cut >= 1.0
        else "Kidney: corona blocks all sizes",
    )
    a["perm"].set_data(x, r["tumour permeability [cm/s]"])
    a["perm_marker"].set_data([d], [r["Tumour permeability [cm/s]"]])
    a["liver"].set_data(x, r["liver uptake [1/h]"])
    a["spleen"].set_data(x, r["spleen uptake [1/h]"])
    a["mps_marker"].set_data([d, d], [r["Liver uptake [1/h]"], r["Spleen uptake [1/h]"]])


def _size_readout(r: Result) -> str:
    p = r.parameters["particle"]
    coat = "zwitterionic" if p.zwitterionic else f"PEG coverage {p.peg_coverage:.2f}"
    return (
        f"Particle {p.diameter_nm:.3g} nm, {coat} -> {r['In-vivo diameter [nm]']:.3g} nm in blood\n"
        f"Renal clearance rate:      {format_amount(r['Renal clearance [1/h]'], '/h')}\n"
        f"Tumour vessel permeability: {r['Tumour permeability [cm/s]']:.3g} cm/s "
        f"({100 * r['Small-pore share of tumour entry [1]']:.0f}% through small pores)\n"
        f"Liver uptake rate:         {format_amount(r['Liver uptake [1/h]'], '/h')}\n"
        f"Spleen uptake rate:        {format_amount(r['Spleen uptake [1/h]'], '/h')}"
    )


@dashboard_factory(
    title="Size and surface: what each organ does with your particle",
    controls=["diameter_nm", "peg_coverage", "zwitterionic"],
    compute=_size_compute,
    figure=_size_figure,
    update=_size_update,
    readout=_size_readout,
)
def size_dashboard(
    particle: Nanoparticle = Nanoparticle(),
    patient: Patient = Patient(),
    tumour: Tumour = Tumour(),
) -> Dashboard:
    """Lesson 01: size and coating -> renal clearance, tumour permeability, phagocytosis."""


# -- lesson 01: biodistribution ------------------------------------------------------------
#: The biodistribution dashboard follows the dose for a week (Cheng et al. 2020 report delivery
#: at 24 h and 168 h), every hour.
_BIO_TIMES_H = np.linspace(0.0, 168.0, 169)


def _bio_compute(
    particle: Nanoparticle, patient: Patient, tumour: Tumour, options: ModelOptions
) -> Result:
    return biodistribution(
        particle, patient, tumour, times_h=_BIO_TIMES_H, saturable=options.saturable
    )


def _bio_figure() -> tuple[Any, dict[str, Any]]:
    fig, (ax1, ax2) = new_figure(2, width_in=11.0, height_in=3.8)
    a = {}
    for c in COMPARTMENTS:
        (a[c],) = ax1.semilogy(
            [],
            [],
            color=COMPARTMENT_COLOURS[c],
            label=c,
            lw=3.0 if c == "Tumour" else 1.8,
            ls="--" if c == "Other phagocytes" else "-",
        )
    ax1.set(
        xlim=(0, 168),
        ylim=(1e-3, 150),
        xlabel="time after injection [h]",
        ylabel="amount [% of injected dose]",
        title="Where the dose is over a week (mouse)",
    )
    ax1.set_xticks([0, 24, 48, 72, 96, 120, 144, 168])
    ax1.legend(loc="lower left", ncols=2)
    x = np.arange(len(COMPARTMENTS))
    a["bars"] = ax2.bar(
        x,
        np.full(len(COMPARTMENTS), 1e-3),
        bottom=1e-3,
        color=[COMPARTMENT_COLOURS[c] for c in COMPARTMENTS],
    )
    ax2.set_yscale("log")
    ax2.set(
        ylim=(1e-3, 150),
        ylabel="amount at 24 h [% of injected dose]",
        title="At 24 h (median tumour delivery in the literature: 0.7 %ID)",
    )
    short = {"Rest of body": "Rest", "Other phagocytes": "Other phag."}
    ax2.set_xticks(x, [short.get(c, c) for c in COMPARTMENTS], rotation=30)
    ax2.axhline(0.7, color=PALETTE["grey"], ls="--", lw=1)
    return fig, a


def _bio_update(a: dict[str, Any], r: Result) -> None:
    i24 = int(np.argmin(np.abs(r.t - 24.0)))
    floor = 1e-3
    for c, bar in zip(COMPARTMENTS, a["bars"], strict=True):
        y = np.maximum(r[f"{c} [%ID]"], floor * 0.5)  # log axis: clip what is below the plot
        a[c].set_data(r.t, y)
        bar.set_height(max(float(r[f"{c} [%ID]"][i24]), floor) - floor)


def _bio_readout(r: Result) -> str:
    p = r.parameters["particle"]
    coat = "zwitterionic" if p.zwitterionic else f"PEG coverage {p.peg_coverage:.2f}"
    tum = r["Tumour at 24 h [%ID]"]
    extra = ""
    if r.parameters["saturable"]:
        extra = f"\nSaturable Kupffer uptake on; dose {p.dose_particles:.3g} particles"
    return (
        f"Particle {p.diameter_nm:.3g} nm, {coat} ({r['In-vivo diameter [nm]']:.3g} nm in blood)\n"
        f"Tumour at 24 h: {format_amount(tum, '%ID')} ({r['Tumour at 24 h [%ID/g]']:.3g} %ID/g): "
        f"{tum * 10:.3g} of every 1000 particles; after a week (168 h): "
        f"{format_amount(r['Tumour at 168 h [%ID]'], '%ID')}\n"
        f"Liver + spleen at 24 h: {r['Liver + spleen at 24 h [%ID]']:.3g} %ID; other "
        f"phagocytes (marrow, lung, carcass): {r['Other phagocytes at 24 h [%ID]']:.3g} %ID\n"
        f"Urine at 24 h: {format_amount(r['Urine at 24 h [%ID]'], '%ID')}\n"
        f"Blood exposure (AUC 0-168 h): {r['Blood AUC 0-168 h [%ID h]']:.3g} %ID·h" + extra
    )


@dashboard_factory(
    title="Biodistribution: where the injected dose ends up",
    controls=["diameter_nm", "peg_coverage", "zwitterionic", "dose_particles", "saturable"],
    compute=_bio_compute,
    figure=_bio_figure,
    update=_bio_update,
    readout=_bio_readout,
)
def biodistribution_dashboard(
    particle: Nanoparticle = Nanoparticle(),
    patient: Patient = Patient(),
    tumour: Tumour = Tumour(),
    options: ModelOptions = ModelOptions(),
) -> Dashboard:
    """Lesson 01: where an injected dose goes over 48 h, against size, coating and dose."""
