"""Lesson 02: its predictions, concept checks and exercise (see ``nanoedu.course``)."""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np

from ..content import Check, Exercise, Option, Part, PredictionText

PREDICTIONS: dict[str, PredictionText] = {
    "half": PredictionText(
        question="At a ligand concentration equal to K_D, what fraction of the receptors is bound "
        "at equilibrium (no internalisation)?",
        why="C / (C + K_D) = 1/2 when C = K_D: that is what K_D means. Getting there is slow for "
        "an antibody-like bond (k_on = 1e5 /M/s): half-way after {t_half_h:.2g} h at 1 nM, "
        "because the approach rate k_on C + k_off is small at nanomolar concentrations; a higher "
        "concentration gets there faster.",
        unit="",
        rel_tol=0.1,
    ),
    "bonds": PredictionText(
        question="To bind cancer cells (1e6 receptors) but spare healthy ones (1e4), should a "
        "30-ligand particle's single bonds be strong or weak?",
        why="Weak: a particle held by one weak bond lets go at once, so it stays only where many "
        "bonds form together, on receptor-rich cells (superselectivity, Martinez-Veracoechea & "
        "Frenkel 2011). Strong bonds hold it on any cell it touches: the selectivity, binding to "
        "cancer over healthy cells, is {strong:.2g} with strong bonds and {weak:.2g} with weak "
        "ones.",
        choices=("strong (K_D about 1 nM)", "weak (K_D about 100 uM)"),
    ),
    "deeper": PredictionText(
        question="At the same dose, which binder has at least one particle on more of the "
        "tumour's cells after 24 h?",
        why="The loose one: it puts at least one particle on every cell in {loose:.0%} of the "
        "volume around the capillary, the tight one in {tight:.0%}. Tight binders are caught by "
        "the first cells near the vessel, so the diffusing pool is used up there (the "
        "binding-site barrier, Graff & Wittrup 2003).",
        choices=("the tight binder (K_D 1 nM)", "the loose binder (K_D 3e5 nM)"),
    ),
    "gain": PredictionText(
        question="How many times more of the dose does the targeted 50 nm particle put in the "
        "tumour at 24 h than the same particle without ligands?",
        why="Less than twice ({targeted:.3g} against {untargeted:.3g} %ID in a 25 g mouse): a "
        "ligand cannot make particles cross the vessel wall faster or escape the liver; it only "
        "hands those that arrive to the cancer cells, which keep them, instead of the tumour's "
        "macrophages, which release them again. Where they end up changes far more: "
        "{inside_gain:.2g} times as much inside the cancer cells (as Kirpotin et al. 2006 saw).",
        unit="times",
    ),
}

CHECKS: dict[str, Check] = {
    "kirpotin": Check(
        question="Kirpotin et al. (2006) added anti-HER2 antibody fragments to long-circulating "
        "liposomes. What changed in HER2-rich tumours in mice?",
        options=(
            Option(
                "Much more of the dose reached the tumour: HER2 pulled them out of the blood",
                "Particles reach a tumour with the blood flow and cross its vessel wall at the "
                "same slow rate, ligand or not; HER2 sits on the cancer cells behind that wall. "
                "Kirpotin et al. found about the same amount in the tumours.",
                misconception="targeted particles home in on a tumour like guided missiles",
            ),
            Option(
                "About as much arrived, but far more ended up inside the cancer cells",
                "Yes: the ligand acts only after the particle has crossed the vessel wall, and "
                "there it decides which cells take the particle up.",
            ),
            Option(
                "They spread further from the vessels, reaching more of the tumour's cells",
                "Binding works the other way: the cells near a vessel catch the particles they "
                "meet (the binding-site barrier, concept 3). The ligand changed which cells took "
                "the liposomes up, not how far they spread.",
                misconception="a targeting ligand helps particles penetrate deeper into a tumour",
            ),
        ),
        answer=1,
        seed=3,
        why="Entry into the tumour is limited by the vessel wall and by the race with liver and "
        "spleen, which a ligand does not change; once inside, the ligand decides which cells "
        "take the particle up.",
    ),
    "binding_site_barrier": Check(
        question="Why do very tight binders penetrate tumour tissue poorly?",
        options=(
            Option(
                "They leave the vessels more slowly, because they bind on the way out",
                "The receptor sits on the cancer cells, not on the vessel wall: in the model a "
                "tight and a loose binder cross the wall at the same rate. What differs is what "
                "happens after they have crossed it.",
                misconception="a ligand changes how fast particles cross the vessel wall",
            ),
            Option(
                "The first cells they meet catch them, so few get further",
                "Yes: each bound particle leaves the diffusing pool; with tight binding the pool "
                "is used up near the capillary, unless the dose fills those sites first (Graff & "
                "Wittrup 2003).",
            ),
            Option(
                "They diffuse more slowly through the tissue than loose binders",
                "A free particle diffuses at the rate its size sets (lesson 00), whatever its "
                "affinity. Bound particles do not move at all, and tight binders stay bound, "
                "near the vessel where they first met a cell.",
                misconception="affinity changes how fast a free particle diffuses",
            ),
        ),
        answer=1,
        seed=0,
        why="The binding-site barrier: each bound particle is removed from the diffusing pool; "
        "tight binding empties the pool close to the capillary unless the dose saturates those "
        "sites.",
    ),
}


@cache
def _solve() -> dict[str, Any]:
    from nanoedu import Ligand, selectivity_against_affinity

    best_kd, occupied = {}, {}
    for n in (20, 60):
        r = selectivity_against_affinity(ligand=Ligand(ligands_per_particle=float(n)))
        best = int(np.nanargmax(r["Selectivity [1]"]))  # the most selective K_D of the sweep
        best_kd[n] = float(r.axis[best])
        occupied[n] = float(r["Occupied, rich [1]"][best])  # a cancer cell's sites, at that K_D
    return {
        "best_kd_20_ligands_nM": best_kd[20],
        "best_kd_60_ligands_nM": best_kd[60],
        "occupancy_60_over_20": occupied[60] / occupied[20],
        "binds_cancer_cells_more_strongly": (
            "60 ligands" if occupied[60] > occupied[20] else "20 ligands"
        ),
    }


EXERCISE = Exercise(
    parts=(
        Part(
            "best_kd_20_ligands_nM",
            "one number in nM (the single-bond K_D of highest selectivity, 20 ligands)",
            kind="factor",
            tol=2.0,
            hint="sweep with selectivity_against_affinity, giving it a Ligand with 20 ligands per "
            "particle; the K_D values are the result's axis, the selectivity r[\"Selectivity "
            '[1]"]; numpy.nanargmax gives the index of the highest.',
        ),
        Part(
            "best_kd_60_ligands_nM",
            "one number in nM (the same for 60 ligands)",
            kind="factor",
            tol=2.0,
            hint="the same sweep with 60 ligands per particle.",
        ),
        Part(
            "occupancy_60_over_20",
            "one number (the cancer cell's occupied sites at the 60-ligand design's best K_D, "
            "divided by the 20-ligand design's at its best K_D)",
            tol=0.05,
            hint='read r["Occupied, rich [1]"] of each sweep at the index of its highest '
            "selectivity, then divide the 60-ligand value by the 20-ligand value.",
        ),
        Part(
            "binds_cancer_cells_more_strongly",
            '"20 ligands" or "60 ligands"',
            kind="choice",
            options=("20 ligands", "60 ligands"),
            hint="the design whose cancer-cell occupancy at its best K_D is higher.",
            because="occupancy_60_over_20",
        ),
    ),
    solve=_solve,
    solution="With 20 ligands the most selective single-bond K_D is {best_kd_20_ligands_nM:.3g} "
    "nM; with 60 ligands it moves to weaker bonds, {best_kd_60_ligands_nM:.3g} nM: with more "
    "ligands in reach, a particle can afford weaker single bonds before it starts sticking to "
    "receptor-poor cells. At its best K_D the 60-ligand design occupies "
    "{occupancy_60_over_20:.3g} times as many of a cancer cell's sites as the 20-ligand design "
    "at its own, so the 60-ligand design binds cancer cells more strongly: more ligands buy "
    "both selectivity and binding. Bond strength and ligand number are chosen together.",
)
