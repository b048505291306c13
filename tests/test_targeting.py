"""Targeting models: closed forms, limits, conservation, mesh convergence, literature facts."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import parameter_sets
from hypothesis import HealthCheck, given, settings
from scipy.special import i0, i1, k0, k1

from nanoedu import (
    COMPARTMENTS,
    Ligand,
    Nanoparticle,
    Tumour,
    TumourCells,
    binding_kinetics,
    biodistribution,
    equilibrium_bound_fraction,
    particle_avidity,
    penetration,
    selectivity_against_affinity,
    targeted_biodistribution,
    transfer_rates,
)
from nanoedu.models.targeting import _particle_binding

UNTARGETED = Ligand(ligands_per_particle=0.0)


@pytest.mark.parametrize("C, K", [(0.1, 1.0), (1.0, 1.0), (30.0, 3.0), (1e-3, 1e2)])
def test_equilibrium_bound_fraction_is_c_over_c_plus_kd(C, K):
    assert float(equilibrium_bound_fraction(C, K)) == pytest.approx(C / (C + K), rel=1e-14)
    r = binding_kinetics(
        Ligand(affinity_nM=K), TumourCells(internalisation_per_h=0.0), C, times_h=[0.0, 1000.0]
    )
    assert r["Bound [fraction of receptors]"][-1] == pytest.approx(C / (C + K), rel=1e-9)
    assert r["Bound [fraction of receptors]"][0] == 0.0


def test_binding_kinetics_matches_its_ode():
    from scipy.integrate import solve_ivp

    lig, cells, C = (
        Ligand(affinity_nM=2.0, kon_per_M_s=3e5),
        TumourCells(internalisation_per_h=0.3),
        0.7,
    )
    t = np.linspace(0, 24, 49)
    r = binding_kinetics(lig, cells, C, times_h=t)
    kon = lig.kon_per_M_s * 1e-9 * 3600
    sol = solve_ivp(
        lambda _t, y: [kon * C * (1 - y[0]) - lig.koff_per_h * y[0] - 0.3 * y[0], 0.3 * y[0]],
        (0, 24),
        [0.0, 0.0],
        t_eval=t,
        rtol=1e-11,
        atol=1e-13,
    )
    np.testing.assert_allclose(r["Bound [fraction of receptors]"], sol.y[0], rtol=1e-7, atol=1e-12)
    np.testing.assert_allclose(
        r["Internalised [receptor equivalents]"], sol.y[1], rtol=1e-7, atol=1e-12
    )


def test_one_ligand_in_reach_reduces_to_monovalent_binding():
    # k = 1: q = N_R c_eff / K_D, so theta = C / (C + K_D / N_R)
    r = particle_avidity(concentration_nM=0.5, receptors_per_cell=[1e5])
    from nanoedu.models.targeting import _avidity_terms

    terms = _avidity_terms(
        Nanoparticle(), Ligand(), np.array([1e5]), TumourCells().surface_um2, 1.0
    )
    expected = 0.5 / (0.5 + Ligand().affinity_nM / terms["receptors in reach"][0])
    assert r["Monovalent sites occupied [1]"][0] == pytest.approx(expected, rel=1e-12)


def test_weaker_bonds_are_more_selective_for_receptor_rich_cells_martinez_2011():
    r = selectivity_against_affinity(affinities_nM=[1.0, 1e2, 1e3, 1e4, 1e5])
    s = r["Selectivity [1]"]
    # Strong bonds bind both cells irreversibly (selectivity exactly 1: the apparent K_D sits at
    # the model's floor, APPARENT_KD_FLOOR_NM); from there on, weaker bonds -> more selective.
    assert np.all(np.diff(s) >= 0) and np.all(np.diff(s[1:]) > 0)
    assert s[0] < 2 and s[-1] > 1e4  # strong bonds bind everything; weak bonds discriminate
    # superselective: occupancy rises faster than linearly with receptor density
    a = particle_avidity(ligand=Ligand(affinity_nM=1e5), receptors_per_cell=[2e5, 4e5])
    occ = a["Sites occupied [1]"]
    assert occ[1] / occ[0] > 2.0 * 2  # more than the 2x of monovalent, linear binding


def test_untargeted_particles_do_not_bind():
    r = particle_avidity(ligand=UNTARGETED)
    assert np.all(r["Sites occupied [1]"] == 0)
    assert np.isnan(r["Selectivity 1e6 vs 1e4 receptors [1]"])


@pytest.mark.parametrize(
    "carried",
    [
        {"affinity_nM": 0.01},
        {"affinity_nM": 1e4},
        {"kon_per_M_s": 1e3},
        {"tether_reach_nm": 2.0},
    ],
)
def test_a_particle_without_ligands_ignores_the_ligand_it_does_not_carry(carried):
    # what lets the targeting dashboard run the untargeted particle once per particle
    # (targeting_dashboards._untargeted), not again at every move of its K_D slider
    plain = targeted_biodistribution(ligand=UNTARGETED)
    r = targeted_biodistribution(ligand=Ligand(ligands_per_particle=0.0, **carried))
    assert all(np.array_equal(r[k], v) for k, v in plain.values.items())
    assert r.metrics == plain.metrics


def test_zero_kon_behaves_as_untargeted_in_the_whole_body():
    plain = targeted_biodistribution(ligand=UNTARGETED)
    for lig in (Ligand(kon_per_M_s=0.0), Ligand(ligands_per_particle=0.0, affinity_nM=0.01)):
        r = targeted_biodistribution(ligand=lig)
        for k, v in plain.values.items():
            np.testing.assert_allclose(r[k], v, rtol=0, atol=1e-12)
    # and the limit is continuous: the difference shrinks in proportion to k_on
    diffs = []
    for kon in (1e-2, 1e-4, 1e-6):
        r = targeted_biodistribution(ligand=Ligand(kon_per_M_s=kon))
        diffs.append(
            abs(
                r["Tumour: inside cancer cells at 24 h [%ID]"]
                - plain["Tumour: inside cancer cells at 24 h [%ID]"]
            )
        )
    assert diffs[0] / diffs[1] == pytest.approx(100.0, rel=0.01)  # linear in k_on ...
    assert diffs[1] / diffs[2] == pytest.approx(100.0, rel=0.01)
    assert diffs[2] < 1e-6  # ... so it vanishes with k_on [%ID]


@pytest.mark.parametrize(
    "lig",
    [
        Ligand(affinity_nM=3e5, kon_per_M_s=1e7, ligands_per_particle=10.0),  # fast unbinding
        Ligand(affinity_nM=1.0, kon_per_M_s=1e8),  # fast, near-irreversible binding
    ],
)
def test_rapid_binding_equilibrium_matches_the_full_kinetics(lig):
    # Force the same system through both branches: full kinetics (threshold raised) against
    # instantaneous equilibrium; they agree to the stated 0.2% (of the tumour's content).
    import nanoedu.models.targeting as T

    b = _particle_binding(Nanoparticle(), lig, TumourCells(), Tumour())
    k_bind = b["kon"] * b["sites_nM"] / Tumour().available_volume_fraction
    assert b["koff"] + k_bind > T.FAST_BINDING_PER_H
    fast = targeted_biodistribution(ligand=lig)
    saved = T.FAST_BINDING_PER_H
    try:
        T.FAST_BINDING_PER_H = 1e12
        full = targeted_biodistribution(ligand=lig)
    finally:
        T.FAST_BINDING_PER_H = saved
    # every amount agrees to 0.2% of the tumour's content (the free pool under near-irreversible
    # binding is ~1e-7 %ID in the full kinetics and 0 at equilibrium)
    tumour_scale = max(full[k].max() for k in full.values if k.startswith("Tumour"))
    for k in fast.values:
        np.testing.assert_allclose(fast[k][4:], full[k][4:], rtol=2e-3, atol=2e-3 * tumour_scale)


def test_no_binding_above_1_molar_is_continuous():
    from nanoedu.models.targeting import NO_BINDING_ABOVE_NM

    cells = TumourCells(receptors_per_cell=100.0)
    lig = Ligand(ligands_per_particle=5.0, affinity_nM=1.0)  # 50 nm / 10 nm reach: 1 in reach
    k_app_1nM = _particle_binding(Nanoparticle(), lig, cells, Tumour())["apparent K_D [nM]"]
    # with one ligand in reach the apparent K_D is proportional to the single-bond K_D
    at = NO_BINDING_ABOVE_NM / k_app_1nM
    below = targeted_biodistribution(ligand=lig.replace(affinity_nM=0.95 * at), cells=cells)
    above = targeted_biodistribution(ligand=lig.replace(affinity_nM=1.05 * at), cells=cells)
    assert below["Tumour: on cancer cells [%ID]"].max() > 0
    assert above["Tumour: on cancer cells [%ID]"].max() == 0
    for k in below.values:
        np.testing.assert_allclose(below[k], above[k], rtol=0, atol=1e-8)


def test_untargeted_whole_body_is_the_whole_body_model():
    # One model: without a ligand the targeted model is biodistribution(), state by state.
    r = targeted_biodistribution(ligand=UNTARGETED)
    b = biodistribution()
    for k, v in b.values.items():
        np.testing.assert_allclose(r[k], v, rtol=1e-9, atol=1e-12)
    assert r["Tumour: on cancer cells [%ID]"].max() == 0.0


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parameter_sets(Nanoparticle), parameter_sets(Ligand), parameter_sets(TumourCells))
def test_whole_body_dose_conserved_over_all_bounds(particle, ligand, cells):
    r = targeted_biodistribution(particle, ligand, cells, times_h=np.linspace(0, 48, 25))
    x = np.stack([r[f"{c} [%ID]"] for c in COMPARTMENTS], axis=-1)
    parts = sum(r[k] for k in r.values if k.startswith("Tumour: "))
    np.testing.assert_allclose(parts, r["Tumour [%ID]"], rtol=1e-9, atol=1e-12)
    assert np.all(np.isfinite(x)) and x.min() > -1e-9
    assert np.abs(x.sum(axis=-1) - 100.0).max() < 1e-9


def _pen(**kw):
    return penetration(times_h=(6.0, 24.0), **kw)


def test_penetration_conserves_mass():
    for lig in (Ligand(), Ligand(affinity_nM=3e5), UNTARGETED):
        r = _pen(ligand=lig)
        np.testing.assert_allclose(
            r["Tissue amount [nM um^2]"], r["Net influx [nM um^2]"], rtol=1e-9
        )
        assert r["Free [nM]"].min() > -1e-12


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parameter_sets(Nanoparticle), parameter_sets(Ligand), parameter_sets(TumourCells))
def test_penetration_conserves_mass_and_stays_nonnegative_over_all_bounds(particle, ligand, cells):
    # rtol 1e-9: the influx state is a difference of large gross fluxes for the smallest
    # particles at the highest doses, so its error follows the solver's relative tolerance.
    r = penetration(particle, ligand, cells, times_h=(1.0, 24.0), n_cells=10, rtol=1e-9)
    for k in ("Free [nM]", "Bound [nM]", "Internalised [nM]"):
        assert np.all(np.isfinite(r[k])) and r[k].min() > -1e-9 * max(1.0, np.abs(r[k]).max())
    influx = r["Net influx [nM um^2]"]
    # Exact in the scheme; numerically to the solver's tolerances: rtol 1e-6 and, per state,
    # atol 1e-12 nM over the cylinder's cross-section (C, B, I and the influx integral).
    area_um2 = np.pi * (Tumour().krogh_radius_um ** 2 - 8.0**2)
    np.testing.assert_allclose(
        r["Tissue amount [nM um^2]"], influx, rtol=1e-6, atol=4 * 1e-12 * area_um2
    )


def test_penetration_converges_under_mesh_refinement():
    lig = Ligand(affinity_nM=3e5)
    profiles = {}
    for n in (20, 40, 80, 160):
        r = penetration(ligand=lig, times_h=(24.0,), n_cells=n, rtol=1e-9)
        profiles[n] = (r["Radius [um]"], (r["Bound [nM]"] + r["Internalised [nM]"])[-1])
    x_ref, y_ref = profiles[160]
    err = {}
    for n in (20, 40, 80):
        x, y = profiles[n]
        err[n] = np.max(np.abs(y - np.interp(x, x_ref, y_ref))) / y_ref.max()
    assert err[80] < err[40] < err[20]
    assert err[40] / err[80] > 1.7  # at least first-order convergence
    assert err[20] < 0.05  # the dashboards' 25 cells are within a few percent


def test_penetration_agrees_with_the_bessel_closed_form_in_the_linear_steady_state():
    # Trace plasma concentration (B << S: linear), held constant until steady state:
    # D (1/r)(r C')' = k_eff C, k_eff = kon S/phi * kint/(koff + kint), with the wall and
    # no-flux conditions, gives C = a I0(nu r) + b K0(nu r).
    lig, cells, tumour, particle = Ligand(affinity_nM=1e5), TumourCells(), Tumour(), Nanoparticle()
    cp = 1e-6
    r = penetration(
        particle,
        lig,
        cells,
        tumour=tumour,
        times_h=(168.0,),
        n_cells=300,
        constant_plasma_nM=cp,
        rtol=1e-10,
    )
    rates = transfer_rates(particle)
    p_in = float(rates["tumour P [cm/s]"][0]) * 1e4 * 3600
    p_back = float(rates["tumour P back [cm/s]"][0]) * 1e4 * 3600
    from nanoedu.models.size import diffusion_coefficient_cm2_s

    D = (
        float(diffusion_coefficient_cm2_s(float(rates["in-vivo diameter [nm]"][0])))
        / Tumour().interstitial_tortuosity ** 2
        * 1e8
        * 3600
    )
    b = _particle_binding(particle, lig, cells, tumour)
    phi = float(rates["tumour available volume [1]"][0])
    k_eff = b["kon"] * b["sites_nM"] / phi * b["kint"] / (b["koff"] + b["kint"])
    nu = np.sqrt(k_eff / D)
    rc, R = 8.0, tumour.krogh_radius_um
    # unknowns a, b: a I1(nu R) - b K1(nu R) = 0 ; -D nu (a I1(nu rc) - b K1(nu rc)) + (p_back/phi)(a I0 + b K0) = p_in cp
    A = np.array(
        [
            [i1(nu * R), -k1(nu * R)],
            [
                -D * nu * i1(nu * rc) + p_back / phi * i0(nu * rc),
                D * nu * k1(nu * rc) + p_back / phi * k0(nu * rc),
            ],
        ]
    )
    a, bb = np.linalg.solve(A, [0.0, p_in * cp])
    x = r["Radius [um]"]
    exact = a * i0(nu * x) + bb * k0(nu * x)
    assert nu * (R - rc) > 1.0, "the limit should have a real gradient to compare"
    np.testing.assert_allclose(r["Free [nM]"][-1], exact, rtol=0.01)


def test_higher_affinity_concentrates_binding_near_the_vessel_graff_2003():
    # Graff & Wittrup 2003: tight binders are captured by the first cells they meet.
    tight = _pen(ligand=Ligand(affinity_nM=1e4))
    loose = _pen(ligand=Ligand(affinity_nM=3e5))
    assert tight["Particle apparent K_D [nM]"] < loose["Particle apparent K_D [nM]"]
    for r in (tight, loose):
        prof = (r["Bound [nM]"] + r["Internalised [nM]"])[-1]
        r.metrics["gradient"] = prof[0] / prof[-1]
    assert tight["gradient"] > 10 * loose["gradient"]
    assert (
        tight["Half-binding depth from the vessel [um]"]
        < loose["Half-binding depth from the vessel [um]"]
    )
    assert (
        tight["Tumour volume with >= 1 particle per cell [1]"]
        < loose["Tumour volume with >= 1 particle per cell [1]"]
    )


def test_a_higher_dose_penetrates_deeper():
    # Graff & Wittrup 2003: dose for penetration (saturate the sites near the vessel).
    low = _pen(particle=Nanoparticle(dose_particles=1e11))
    high = _pen(particle=Nanoparticle(dose_particles=1e13))
    assert (
        high["Tumour volume with >= 1 particle per cell [1]"]
        > low["Tumour volume with >= 1 particle per cell [1]"]
    )


@pytest.mark.parametrize(
    "call, fragment",
    [
        (lambda: penetration(n_cells=3), "n_cells = 3"),
        (lambda: penetration(times_h=(5.0, 2.0)), "strictly increasing"),
        (lambda: penetration(times_h=(500.0,)), "times_h = 500 h is out of range"),
        (lambda: penetration(rtol=0.5), "rtol = 0.5"),
        (lambda: binding_kinetics(concentration_nM=-1.0), "concentration_nM = -1 nM"),
        (lambda: particle_avidity(concentration_nM=float("nan")), "concentration_nM = nan"),
        (lambda: Ligand(affinity_nM=0.0), "affinity_nM = 0 nM is out of range"),
        (lambda: TumourCells(receptors_per_cell="many"), "receptors_per_cell = 'many'"),
        (lambda: targeted_biodistribution(times_h=[1.0]), "at least two"),
        (lambda: equilibrium_bound_fraction(1.0, 0.0), "affinity_nM = 0 nM"),
    ],
)
def test_bad_input_is_refused_clearly(call, fragment):
    with pytest.raises(ValueError, match=fragment):
        call()


def test_targeting_raises_delivery_of_10_to_100_nm_particles_whatever_the_receptors():
    """Structural, once listed as a prediction: Cheng et al. 2020's data set has a median DE24 of
    1.02 %ID for actively targeted 10-100 nm particles against 0.64 for passive ones (ratio
    1.6). The model's median ratio lies within 1.5x of it, and stays there with the receptors
    per cell, the ligands per particle or the affinity halved or doubled (the sensitivity
    meta-test of tests/test_literature.py): the gain comes from bound particles not washing
    out, not from how many receptors there are, so it predicts nothing about targeting."""
    sizes = np.geomspace(10.0, 100.0, 11)
    particles = [Nanoparticle(diameter_nm=float(d)) for d in sizes]
    plain = targeted_biodistribution(particles, Ligand(ligands_per_particle=0.0))
    aimed = targeted_biodistribution(particles, Ligand())
    ratio = float(np.median(aimed["Tumour at 24 h [%ID]"] / plain["Tumour at 24 h [%ID]"]))
    assert 1.6 / 1.5 <= ratio <= 1.6 * 1.5


@pytest.mark.parametrize("receptors_per_cell", [1e4, 1e6])
def test_targeting_changes_where_a_liposome_goes_not_how_much_arrives(receptors_per_cell):
    """Structural (it holds for every parameter halved or doubled, so it is not counted as a
    prediction): Kirpotin et al. 2006 found anti-HER2 immunoliposomes and plain PEG liposomes
    (~100 nm) accumulate alike (ratio ~1) while 5.9x more of the targeted ones end inside
    cancer cells (the calibration of test_literature.py). Free liposomes in the tumour are
    taken up by its macrophages at the median rate of Cheng et al. 2020's fits, so accumulation
    is limited by entry, not by retention: the ratio stays within 0.67-1.5, and more receptors
    send more of the tumour's dose into cancer cells."""
    p = Nanoparticle(diameter_nm=100.0, peg_coverage=0.95)
    cells = TumourCells(receptors_per_cell=receptors_per_cell)
    plain = targeted_biodistribution(p, Ligand(ligands_per_particle=0.0), cells=cells)
    aimed = targeted_biodistribution(p, Ligand(), cells=cells)
    ratio = float(aimed["Tumour at 24 h [%ID]"] / plain["Tumour at 24 h [%ID]"])
    assert 1 / 1.5 <= ratio <= 1.5
    key = "Tumour: inside cancer cells at 24 h [%ID]"
    assert 3.0 <= float(aimed[key] / plain[key]) <= 12.0


def test_more_receptors_send_more_of_a_targeted_dose_into_cancer_cells():
    p = Nanoparticle(diameter_nm=100.0, peg_coverage=0.95)
    inside = [
        float(
            targeted_biodistribution(p, Ligand(), cells=TumourCells(receptors_per_cell=r))[
                "Tumour: inside cancer cells at 24 h [%ID]"
            ]
        )
        for r in (1e2, 1e4, 1e6)
    ]
    assert inside[0] < inside[1] <= inside[2]
