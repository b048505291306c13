"""Lesson 03 dashboards: brain delivery by strategy, the shuttle's affinity sweep, tumour pressure."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from ..models.barriers import (
    BloodBrainBarrier,
    FocusedUltrasound,
    TfRShuttle,
    brain_delivery,
    tumour_fluid_transport,
)
from ..models.body import Nanoparticle, Tumour
from ..results import Result
from .pattern import Dashboard, dashboard_factory
from .style import PALETTE, fit_ylim, format_amount, new_figure

__all__ = ["brain_dashboard", "shuttle_dashboard", "pressure_dashboard", "ANTIBODY"]

#: An antibody (IgG, 11 nm, no corona, recycled by FcRn) at a therapeutic dose (~20 mg/kg in a
#: 25 g mouse).
ANTIBODY = Nanoparticle(diameter_nm=11.0, antibody=True, peg_coverage=0.0, dose_particles=2e15)
_KD_GRID = np.geomspace(0.1, 1e5, 41)


# -- brain delivery by strategy ------------------------------------------------------------
def _brain_compute(
    particle: Nanoparticle, bbb: BloodBrainBarrier, shuttle: TfRShuttle, fus: FocusedUltrasound
) -> Result:
    chosen = brain_delivery(particle, bbb, shuttle, fus)
    passive = brain_delivery(
        particle, bbb, shuttle.replace(shuttle_on=False), fus.replace(ultrasound_on=False)
    )
    values = dict(chosen.values)
    values["Passive brain [%ID/g]"] = passive["Brain [%ID/g]"]
    values["Passive BBB permeability [cm/s]"] = passive["BBB permeability [cm/s]"]
    metrics = dict(chosen.metrics)
    metrics["Passive brain at 24 h [%ID/g]"] = passive["Brain at 24 h [%ID/g]"]
    return Result(axis=chosen.t, values=values, metrics=metrics, parameters=chosen.parameters)


def _brain_figure() -> tuple[Any, dict[str, Any]]:
    fig, (ax1, ax2) = new_figure(2, width_in=10.5)
    a = {}
    (a["brain"],) = ax1.semilogy([], [], color=PALETTE["blue"], label="your strategy")
    (a["passive"],) = ax1.semilogy([], [], color=PALETTE["grey"], ls="--", label="passive only")
    ax1.set(
        xlim=(0, 48),
        ylim=(1e-5, 10),
        xlabel="time after injection [h]",
        ylabel="brain [% of injected dose per g]",
        title="How much reaches the brain",
    )
    ax1.set_xticks([0, 12, 24, 36, 48])
    ax1.legend(loc="lower right")
    (a["perm"],) = ax2.semilogy([], [], color=PALETTE["vermillion"], label="your strategy")
    (a["perm_passive"],) = ax2.semilogy(
        [], [], color=PALETTE["grey"], ls="--", label="passive only"
    )
    ax2.set(
        xlim=(0, 48),
        ylim=(1e-13, 1e-5),
        xlabel="time after injection [h]",
        ylabel="barrier permeability [cm/s]",
        title="The barrier, opened and closing",
    )
    ax2.set_xticks([0, 12, 24, 36, 48])
    ax2.legend(loc="upper right")
    return fig, a


def _brain_update(a: dict[str, Any], r: Result) -> None:
    a["brain"].set_data(r.t, np.maximum(r["Brain [%ID/g]"], 5e-6))
    a["passive"].set_data(r.t, np.maximum(r["Passive brain [%ID/g]"], 5e-6))
    a["perm"].set_data(r.t, np.maximum(r["BBB permeability [cm/s]"], 5e-14))
    a["perm_passive"].set_data(r.t, np.maximum(r["Passive BBB permeability [cm/s]"], 5e-14))


def _brain_readout(r: Result) -> str:
    p, s, f = r.parameters["particle"], r.parameters["shuttle"], r.parameters["fus"]
    strategy = (
        " + ".join(
            [
                x
                for x, on in (
                    ("TfR shuttle", s.shuttle_on),
                    ("focused ultrasound", f.ultrasound_on),
                )
                if on
            ]
        )
        or "passive only"
    )
    brain, passive = r["Brain at 24 h [%ID/g]"], r["Passive brain at 24 h [%ID/g]"]
    if passive > 0:
        gain = f"{brain / passive:.3g}x passive"
    else:
        gain = "passive entry: none" if brain == 0 else "passive entry: none; all by your strategy"
    return (
        f"{p.diameter_nm:.3g} nm particle ({r['In-vivo diameter [nm]']:.3g} nm in blood), {strategy}\n"
        f"Brain at 24 h: {format_amount(brain, '%ID/g')} ({gain})\n"
        f"Brain exposure relative to plasma exposure (0-48 h): "
        f"{100 * r['Brain / plasma exposure [1]']:.3g}%"
    )


@dashboard_factory(
    title="Into the brain: passive, transferrin-receptor shuttle, focused ultrasound",
    controls=["diameter_nm", "shuttle_on", "ultrasound_on"],
    compute=_brain_compute,
    figure=_brain_figure,
    update=_brain_update,
    readout=_brain_readout,
)
def brain_dashboard(
    particle: Nanoparticle = Nanoparticle(),
    bbb: BloodBrainBarrier = BloodBrainBarrier(),
    shuttle: TfRShuttle = TfRShuttle(),
    fus: FocusedUltrasound = FocusedUltrasound(),
) -> Dashboard:
    """Lesson 03: size and strategy (passive, TfR shuttle, focused ultrasound) -> brain uptake."""


# -- the shuttle's affinity sweep -----------------------------------------------------------
#: The K_D sweep's arrays, kept per particle, barrier and shuttle with its K_D set aside: each
#: row of the sweep has its own K_D (tfr_kinetics takes the row's, never the shuttle's), so a
#: move of the K_D slider runs the chosen K_D alone (2.2 ms) instead of the 41-point sweep with
#: it (4.6 ms); a move of another control runs both in one pass, as before.
_SWEEP_KEYS = (
    "K_D [nM]",
    "Brain at 24 h for each K_D [%ID/g]",
    "Brain tissue at 24 h for each K_D [%ID/g]",
)
_SWEEPS: dict[tuple, dict[str, np.ndarray]] = {}
_SWEEPS_KEPT = 32


def _shuttle_compute(particle: Nanoparticle, bbb: BloodBrainBarrier, shuttle: TfRShuttle) -> Result:
    on = shuttle.replace(shuttle_on=True)
    key = (particle, bbb, on.replace(affinity_nM=TfRShuttle().affinity_nM))
    sweep = _SWEEPS.get(key)
    if sweep is None:
        r = brain_delivery(particle, bbb, on, affinities_nM=_KD_GRID)
        if len(_SWEEPS) >= _SWEEPS_KEPT:
            _SWEEPS.pop(next(iter(_SWEEPS)))  # the oldest
        _SWEEPS[key] = {k: r[k] for k in _SWEEP_KEYS}
        return r
    chosen = brain_delivery(particle, bbb, on)
    return dataclasses.replace(chosen, values={**chosen.values, **sweep})


def _shuttle_figure() -> tuple[Any, dict[str, Any]]:
    fig, (ax1, ax2) = new_figure(2, width_in=10.5)
    a = {}
    (a["sweep"],) = ax1.semilogx([], [], color=PALETTE["blue"])
    (a["marker"],) = ax1.semilogx([], [], "o", color=PALETTE["black"])
    ax1.set(
        xlim=(0.1, 1e5),
        ylim=(0, 1),
        xlabel="TfR binding K_D [nM]",
        ylabel="in brain tissue at 24 h [% of injected dose per g]",
        title="Tighter is not better",
    )
    (a["time"],) = ax2.plot([], [], color=PALETTE["blue"], label="in brain tissue")
    (a["bound"],) = ax2.plot(
        [], [], color=PALETTE["grey"], ls="--", label="bound to the vessels' receptors"
    )
    ax2.legend(loc="upper right")
    ax2.set(
        xlim=(0, 48),
        ylim=(0, 1),
        xlabel="time after injection [h]",
        ylabel="brain [% of injected dose per g]",
        title="Your binder over time",
    )
    ax2.set_xticks([0, 12, 24, 36, 48])
    return fig, a


def _shuttle_update(a: dict[str, Any], r: Result) -> None:
    sweep = r["Brain tissue at 24 h for each K_D [%ID/g]"]
    a["sweep"].set_data(r["K_D [nM]"], sweep)
    kd = r.parameters["shuttle"].affinity_nM
    a["marker"].set_data([kd], [r["Brain tissue at 24 h [%ID/g]"]])
    a["time"].set_data(r.t, r["Brain: in tissue [%ID/g]"])
    a["bound"].set_data(r.t, r["Brain: bound to vessels [%ID/g]"])
    top = max(sweep.max(), r["Brain [%ID/g]"].max())
    fit_ylim([a["sweep"].axes, a["time"].axes], top, floor=1e-6)


def _shuttle_readout(r: Result) -> str:
    s, p = r.parameters["shuttle"], r.parameters["particle"]
    sweep = r["Brain tissue at 24 h for each K_D [%ID/g]"]
    best = int(np.argmax(sweep))
    return (
        f"{'Bivalent' if s.bivalent else 'Monovalent'} binder, K_D {s.affinity_nM:.3g} nM, dose "
        f"{p.dose_particles:.3g} molecules ({r['Plasma at 0 h [nM]']:.3g} nM in plasma at first)\n"
        f"In brain tissue at 24 h: {r['Brain tissue at 24 h [%ID/g]']:.3g} %ID/g "
        f"({r['Brain tissue at 24 h [nM]']:.3g} nM); still bound to the vessels: "
        f"{r['Brain at 24 h [%ID/g]'] - r['Brain tissue at 24 h [%ID/g]']:.3g} %ID/g\n"
        f"Best K_D at this dose: {r['K_D [nM]'][best]:.3g} nM, giving {sweep[best]:.3g} %ID/g"
    )


@dashboard_factory(
    title="The transferrin-receptor shuttle: affinity, dose and valency",
    controls=["affinity_nM", "dose_particles", "bivalent"],
    compute=_shuttle_compute,
    figure=_shuttle_figure,
    update=_shuttle_update,
    readout=_shuttle_readout,
)
def shuttle_dashboard(
    particle: Nanoparticle = ANTIBODY,
    bbb: BloodBrainBarrier = BloodBrainBarrier(),
    shuttle: TfRShuttle = TfRShuttle(shuttle_on=True),
) -> Dashboard:
    """Lesson 03: the transferrin-receptor shuttle's affinity, dose and valency -> brain uptake."""


# -- tumour pressure -------------------------------------------------------------------------
def _pressure_compute(tumour: Tumour, particle: Nanoparticle) -> Result:
    r = tumour_fluid_transport(tumour, particle_diameter_nm=particle.in_vivo_diameter_nm)
    r.parameters["particle"] = particle
    return r


def _pressure_figure() -> tuple[Any, dict[str, Any]]:
    fig, (ax1, ax2, ax3) = new_figure(3, width_in=11.5)
    a = {}
    (a["p"],) = ax1.plot([], [], color=PALETTE["vermillion"])
    ax1.set(
        xlim=(0, 1),
        ylim=(0, 60),
        xlabel="distance from centre / radius [r/R]",
        ylabel="interstitial fluid pressure [mmHg]",
        title="High, flat pressure in the core",
    )
    (a["u"],) = ax2.plot([], [], color=PALETTE["blue"])
    ax2.set(
        xlim=(0, 1),
        ylim=(0, 1),
        xlabel="distance from centre / radius [r/R]",
        ylabel="outward fluid velocity [µm/s]",
        title="Fluid streams out at the rim",
    )
    (a["ell"],) = ax3.loglog([], [], color=PALETTE["green"])
    (a["ell_marker"],) = ax3.loglog([], [], "o", color=PALETTE["black"])
    ax3.set(
        xlim=(1, 500),
        ylim=(0.1, 1e5),
        xlabel="particle diameter in blood [nm]",
        ylabel="inward reach against the outflow [µm]",
        title="Big particles are swept out",
    )
    return fig, a


def _pressure_update(a: dict[str, Any], r: Result) -> None:
    a["p"].set_data(r.axis, r["Pressure [mmHg]"])
    a["u"].set_data(r.axis, r["Velocity [um/s]"])
    a["ell"].set_data(r["Diameter [nm]"], np.clip(r["Penetration length [um]"], 0.05, 2e5))
    d = r.parameters["particle_diameter_nm"]
    a["ell_marker"].set_data([d], [np.clip(r["Particle penetration length [um]"], 0.05, 2e5)])
    fit_ylim(a["p"].axes, np.max(r["Pressure [mmHg]"]))
    fit_ylim(a["u"].axes, np.max(r["Velocity [um/s]"]))


def _pressure_readout(r: Result) -> str:
    tp = r.parameters["tumour"]
    return (
        f"Tumour {tp.mass_g:.3g} g (radius {tp.radius_mm:.3g} mm), vessel leakiness L_p "
        f"{tp.vessel_conductivity_cm_per_mmHg_s:.3g} cm/(mmHg s)\n"
        f"Centre pressure {r['Centre pressure [mmHg]']:.3g} mmHg (vessels: "
        f"{r['Effective vascular pressure [mmHg]']:.3g} mmHg effective); pressure falls within "
        f"{r['Pressure-drop layer [um]']:.3g} µm of the rim; fluid leaves at "
        f"{r['Fluid outflow [mL/h/g]']:.2g} mL/h per g\n"
        f"Outflow at the rim {r['Rim velocity [um/s]']:.3g} µm/s; for your "
        f"{r.parameters['particle_diameter_nm']:.3g} nm particle Pe = "
        f"{r['Particle Peclet number [1]']:.3g}, inward reach {r['Particle penetration length [um]']:.3g} µm"
    )


@dashboard_factory(
    title="The tumour's own barrier: interstitial fluid pressure",
    controls=["mass_g", "vessel_conductivity_cm_per_mmHg_s", "diameter_nm"],
    # A mouse's tumours (the field also allows a patient's, up to 500 g).
    control_bounds={"mass_g": (0.05, 3.0)},
    compute=_pressure_compute,
    figure=_pressure_figure,
    update=_pressure_update,
    readout=_pressure_readout,
)
def pressure_dashboard(
    tumour: Tumour = Tumour(),
    particle: Nanoparticle = Nanoparticle(),
) -> Dashboard:
    """Lesson 03: tumour size and vessel leakiness -> interstitial pressure and outflow."""
