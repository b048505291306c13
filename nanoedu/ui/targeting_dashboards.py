"""Lesson 02 dashboards: avidity and selectivity, penetration, targeted vs untargeted."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..models.body import Nanoparticle, Patient, Tumour
from ..models.targeting import (
    APPARENT_KD_FLOOR_NM,
    Ligand,
    TumourCells,
    particle_avidity,
    penetration,
    selectivity_against_affinity,
    targeted_biodistribution,
)
from ..parameters import ParameterSet, field
from ..results import Result, combine_results
from .pattern import Dashboard, dashboard_factory
from .style import PALETTE, fit_ylim, new_figure

__all__ = [
    "avidity_dashboard",
    "penetration_dashboard",
    "targeting_dashboard",
    "TissueExposure",
    "WEAK_LIGAND",
]

#: Receptor numbers of a receptor-poor (healthy) and a receptor-rich (cancer) cell [per cell].
POOR, RICH = 1e4, 1e6
#: The avidity dashboard starts from weak single bonds (10 uM, a peptide rather than an
#: antibody fragment), where many ligands make binding superselective (Martinez-Veracoechea &
#: Frenkel 2011); nanomolar bonds bind both cells irreversibly, and the learner can move there.
WEAK_LIGAND = Ligand(affinity_nM=1e4)


@dataclass(frozen=True, kw_only=True)
class TissueExposure(ParameterSet):
    """Free particle concentration the cells see in the tissue."""

    concentration_nM: float = field(
        0.1,
        unit="nM",
        bounds=(1e-4, 100.0),
        log=True,
        source="assumption",
        description="free particle concentration at the cells (1e11 particles in 1 mL: 0.17 nM)",
    )


def _fmt(x: float, unit: str = "") -> str:
    """A computed K_D or ratio for a learner: infinite means no binding; tiny means irreversible."""
    u = f" {unit}" if unit else ""
    if not np.isfinite(x):
        return "no binding"
    if 0 < x <= APPARENT_KD_FLOOR_NM:
        return f"<= {APPARENT_KD_FLOOR_NM:g}{u} (irreversible)"
    return f"{x:.3g}{u}"


# -- avidity and selectivity ---------------------------------------------------------------
def _avidity_compute(
    particle: Nanoparticle, ligand: Ligand, cells: TumourCells, exposure: TissueExposure
) -> Result:
    a = particle_avidity(particle, ligand, cells, exposure.concentration_nM)
    s = selectivity_against_affinity(
        particle, ligand, cells, exposure.concentration_nM, low_receptors=POOR, high_receptors=RICH
    )
    values = dict(a.values)
    values["K_D grid [nM]"] = s.axis
    values["Selectivity [1]"] = s["Selectivity [1]"]
    return Result(
        axis=a.axis,
        values=values,
        metrics=dict(a.metrics),
        parameters=a.parameters,
        axis_label=a.axis_label,
    )


def _avidity_figure() -> tuple[Any, dict[str, Any]]:
    fig, (ax1, ax2) = new_figure(2, width_in=10.5)
    a = {}
    (a["multi"],) = ax1.semilogx([], [], color=PALETTE["blue"], label="your particle")
    (a["mono"],) = ax1.semilogx([], [], color=PALETTE["grey"], ls="--", label="one ligand in reach")
    for R, name in ((POOR, "healthy\n1e4"), (RICH, "cancer\n1e6")):
        ax1.axvline(R, color=PALETTE["grey"], lw=1, ls=":")
        ax1.text(R * 1.15, 0.5, name, fontsize=8, color=PALETTE["grey"])
    ax1.set(
        xlim=(1e2, 1e7),
        ylim=(-0.03, 1.03),
        xlabel="receptors per cell [count]",
        ylabel="binding sites occupied [fraction]",
        title="Binding against receptor density",
    )
    ax1.legend(loc="upper left")
    (a["sel"],) = ax2.loglog([], [], color=PALETTE["vermillion"])
    (a["sel_marker"],) = ax2.loglog([], [], "o", color=PALETTE["black"])
    ax2.set(
        xlim=(1e-2, 1e6),
        ylim=(0.5, 1e8),
        xlabel="single-bond K_D [nM]",
        ylabel="selectivity, cancer / healthy cell [ratio]",
        title="Weak bonds, many ligands: superselective",
    )
    return fig, a


def _avidity_update(a: dict[str, Any], r: Result) -> None:
    a["multi"].set_data(r.axis, r["Sites occupied [1]"])
    a["mono"].set_data(r.axis, r["Monovalent sites occupied [1]"])
    sel = np.nan_to_num(r["Selectivity [1]"], nan=1.0)
    a["sel"].set_data(r["K_D grid [nM]"], np.clip(sel, 0.5, None))
    kd = r.parameters["ligand"].affinity_nM
    here = r["Selectivity 1e6 vs 1e4 receptors [1]"]
    a["sel_marker"].set_data([kd], [max(here, 0.5) if np.isfinite(here) else 1.0])


def _avidity_readout(r: Result) -> str:
    lig = r.parameters["ligand"]
    sel = r["Selectivity 1e6 vs 1e4 receptors [1]"]
    return (
        f"{lig.ligands_per_particle:.3g} ligands per particle, single-bond K_D {lig.affinity_nM:.3g} nM "
        f"({r['Ligands in reach [1]']:.2g} ligands in reach of the cell)\n"
        f"Sites occupied on a healthy cell (1e4 receptors): {r['Occupied at 1e4 receptors [1]']:.3g}\n"
        f"Sites occupied on a cancer cell (1e6 receptors):  {r['Occupied at 1e6 receptors [1]']:.3g}\n"
        f"Selectivity, cancer over healthy: {_fmt(sel)}"
    )


@dashboard_factory(
    title="Avidity: bond strength, ligand number and selectivity",
    controls=["affinity_nM", "ligands_per_particle", "concentration_nM"],
    compute=_avidity_compute,
    figure=_avidity_figure,
    update=_avidity_update,
    readout=_avidity_readout,
)
def avidity_dashboard(
    particle: Nanoparticle = Nanoparticle(),
    ligand: Ligand = WEAK_LIGAND,
    cells: TumourCells = TumourCells(),
    exposure: TissueExposure = TissueExposure(),
) -> Dashboard:
    """Lesson 02: ligand number and bond strength -> binding against receptor density."""


# -- penetration (binding-site barrier) ----------------------------------------------------
_PEN_TIMES_H = (1.0, 6.0, 24.0)
_PEN_CELLS = 25  # radial cells: profiles within 1% of a 4x finer grid (tests/test_targeting.py)


def _pen_compute(particle: Nanoparticle, ligand: Ligand, cells: TumourCells) -> Result:
    return penetration(particle, ligand, cells, times_h=_PEN_TIMES_H, n_cells=_PEN_CELLS, rtol=1e-4)


def _pen_figure() -> tuple[Any, dict[str, Any]]:
    fig, (ax1, ax2) = new_figure(2, width_in=10.5)
    a = {}
    colours = (PALETTE["sky"], PALETTE["blue"], PALETTE["black"])
    for t, c in zip(_PEN_TIMES_H, colours, strict=True):
        (a[f"t{t:g}"],) = ax1.semilogy([], [], color=c, label=f"{t:g} h")
    ax1.axhline(1.0, color=PALETTE["grey"], ls=":", lw=1)
    ax1.set(
        xlim=(0, 192),
        ylim=(1e-3, 1e4),
        xlabel="distance from the capillary wall [µm]",
        ylabel="particles per cell (bound + inside) [count]",
        title="How deep the particles get",
    )
    ax1.legend(loc="upper right")
    (a["free"],) = ax2.semilogy([], [], color=PALETTE["orange"], label="free in interstitium")
    (a["bound"],) = ax2.semilogy([], [], color=PALETTE["green"], label="bound to cells")
    (a["inside"],) = ax2.semilogy([], [], color=PALETTE["purple"], label="inside cells")
    ax2.set(
        xlim=(0, 192),
        ylim=(1e-8, 1e2),
        xlabel="distance from the capillary wall [µm]",
        ylabel="concentration at 24 h [nM of tissue]",
        title="Where they are at 24 h",
    )
    ax2.legend(loc="upper right")
    return fig, a


def _pen_update(a: dict[str, Any], r: Result) -> None:
    x = r["Radius [um]"] - 8.0
    for k, t in enumerate(_PEN_TIMES_H):
        a[f"t{t:g}"].set_data(x, np.maximum(r["Particles per cell"][k], 5e-4))
    floor = 5e-9
    a["free"].set_data(x, np.maximum(r["Free [nM]"][-1], floor))
    a["bound"].set_data(x, np.maximum(r["Bound [nM]"][-1], floor))
    a["inside"].set_data(x, np.maximum(r["Internalised [nM]"][-1], floor))
    right = float(x[-1] + (x[1] - x[0]) / 2)
    for ax in {a["free"].axes, a["t1"].axes}:
        if ax.get_xlim() != (0.0, right):  # unchanged limits would still force a full redraw
            ax.set_xlim(0.0, right)


def _pen_readout(r: Result) -> str:
    lig = r.parameters["ligand"]
    p = r.parameters["particle"]
    return (
        f"Single-bond K_D {lig.affinity_nM:.3g} nM, {lig.ligands_per_particle:.3g} ligands: particle "
        f"K_D {_fmt(r['Particle apparent K_D [nM]'], 'nM')}; dose {p.dose_particles:.3g} particles "
        f"({r['Plasma at t = 0 [nM]']:.3g} nM in plasma)\n"
        f"Tumour volume with at least one particle per cell at 24 h: "
        f"{100 * r['Tumour volume with >= 1 particle per cell [1]']:.0f}%\n"
        f"Binding falls to half its wall value {r['Half-binding depth from the vessel [um]']:.3g} µm "
        f"from the vessel"
    )


@dashboard_factory(
    title="The binding-site barrier: penetration from one capillary",
    controls=["affinity_nM", "ligands_per_particle", "dose_particles"],
    compute=_pen_compute,
    figure=_pen_figure,
    update=_pen_update,
    readout=_pen_readout,
)
def penetration_dashboard(
    particle: Nanoparticle = Nanoparticle(),
    ligand: Ligand = Ligand(),
    cells: TumourCells = TumourCells(),
) -> Dashboard:
    """Lesson 02: affinity and dose -> how far particles penetrate from a capillary."""


# -- targeted against untargeted, whole body ------------------------------------------------
_SPLIT = (
    "Tumour: free",
    "Tumour: on cancer cells",
    "Tumour: inside cancer cells",
    "Tumour: in macrophages",
)
_SPLIT_COLOURS = (PALETTE["orange"], PALETTE["green"], PALETTE["purple"], PALETTE["grey"])


@functools.lru_cache(maxsize=32)
def _untargeted(
    particle: Nanoparticle, cells: TumourCells, patient: Patient, tumour: Tumour
) -> Result:
    # A particle without ligands goes where its size and surface send it, whatever the ligand it
    # does not carry (the same numbers for any affinity, on-rate or tether: tested in
    # tests/test_targeting.py), so the untargeted run is done once per particle, not again at
    # every move of the K_D or ligand-count slider. Parameter sets are frozen, hence safe keys;
    # the Result is only read.
    return targeted_biodistribution(
        particle, Ligand(ligands_per_particle=0.0), cells, patient, tumour
    )


def _tgt_compute(
    particle: Nanoparticle, ligand: Ligand, cells: TumourCells, patient: Patient, tumour: Tumour
) -> Result:
    targeted = targeted_biodistribution(particle, ligand, cells, patient, tumour)
    plain = _untargeted(particle, cells, patient, tumour)
    return combine_results(
        {"Targeted": targeted, "Untargeted": plain}, parameters=targeted.parameters
    )


def _tgt_figure() -> tuple[Any, dict[str, Any]]:
    fig, (ax1, ax2) = new_figure(2, width_in=10.5)
    a = {}
    for name, c in zip(_SPLIT, _SPLIT_COLOURS, strict=True):
        (a[f"t:{name}"],) = ax1.plot([], [], color=c, label=name.replace("Tumour: ", ""))
        (a[f"u:{name}"],) = ax1.plot([], [], color=c, ls="--")
    ax1.set(
        xlim=(0, 48),
        ylim=(0, 1.0),
        xlabel="time after injection [h]",
        ylabel="amount in the tumour [% of injected dose]",
        title="Solid: targeted; dashed: untargeted",
    )
    ax1.set_xticks([0, 12, 24, 36, 48])
    ax1.legend(loc="upper left")
    x = np.arange(3)
    a["bars_u"] = ax2.bar(
        x - 0.18, np.zeros(3), width=0.36, color=PALETTE["grey"], label="untargeted"
    )
    a["bars_t"] = ax2.bar(
        x + 0.18, np.zeros(3), width=0.36, color=PALETTE["blue"], label="targeted"
    )
    ax2.set_xticks(x, ["whole tumour", "inside cancer cells", "in macrophages"])
    ax2.set(
        ylim=(0, 1.0),
        ylabel="at 24 h [% of injected dose]",
        title="A ligand changes which cells, not how much",
    )
    ax2.legend(loc="upper right")
    return fig, a


def _tgt_update(a: dict[str, Any], r: Result) -> None:
    top = 0.0
    for name in _SPLIT:
        yt = r[f"Targeted: {name} [%ID]"]
        yu = r[f"Untargeted: {name} [%ID]"]
        a[f"t:{name}"].set_data(r.t, yt)
        a[f"u:{name}"].set_data(r.t, yu)
        top = max(top, float(yt.max()), float(yu.max()))
    keys = (
        "Tumour at 24 h [%ID]",
        "Tumour: inside cancer cells at 24 h [%ID]",
        "Tumour: in macrophages at 24 h [%ID]",
    )
    heights_u = [r[f"Untargeted: {k}"] for k in keys]
    heights_t = [r[f"Targeted: {k}"] for k in keys]
    for bar, h in zip(a["bars_u"], heights_u, strict=True):
        bar.set_height(h)
    for bar, h in zip(a["bars_t"], heights_t, strict=True):
        bar.set_height(h)
    fit_ylim([a[f"t:{_SPLIT[0]}"].axes, a["bars_u"][0].axes], max(top, *heights_u, *heights_t))


def _tgt_readout(r: Result) -> str:
    lig = r.parameters["ligand"]
    tu, tt = r["Untargeted: Tumour at 24 h [%ID]"], r["Targeted: Tumour at 24 h [%ID]"]
    iu = r["Untargeted: Tumour: inside cancer cells at 24 h [%ID]"]
    it = r["Targeted: Tumour: inside cancer cells at 24 h [%ID]"]
    ratio = f"{it / iu:.3g}x" if iu > 0 else "no untargeted uptake to compare"
    return (
        f"{lig.ligands_per_particle:.3g} ligands, single-bond K_D {lig.affinity_nM:.3g} nM\n"
        f"Tumour at 24 h: untargeted {tu:.3g} %ID, targeted {tt:.3g} %ID (ratio {tt / tu:.3g})\n"
        f"Inside cancer cells at 24 h: untargeted {iu:.3g} %ID, targeted {it:.3g} %ID ({ratio})\n"
        f"Share of the tumour's particles inside cancer cells: untargeted "
        f"{100 * r['Untargeted: Share of tumour dose inside cancer cells at 24 h [1]']:.0f}%, targeted "
        f"{100 * r['Targeted: Share of tumour dose inside cancer cells at 24 h [1]']:.0f}%"
    )


@dashboard_factory(
    title="Targeted against untargeted: where the tumour's particles end up",
    controls=["ligands_per_particle", "affinity_nM", "diameter_nm"],
    compute=_tgt_compute,
    figure=_tgt_figure,
    update=_tgt_update,
    readout=_tgt_readout,
)
def targeting_dashboard(
    particle: Nanoparticle = Nanoparticle(),
    ligand: Ligand = Ligand(),
    cells: TumourCells = TumourCells(),
    patient: Patient = Patient(),
    tumour: Tumour = Tumour(),
) -> Dashboard:
    """Lesson 02: the same particle with and without a ligand, in the whole body."""
