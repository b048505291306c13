"""Barrier models: Renkin-Crone limits, the pressure closed form, brain delivery facts."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import parameter_sets
from hypothesis import HealthCheck, given, settings

from nanoedu import (
    BloodBrainBarrier,
    FocusedUltrasound,
    Nanoparticle,
    Patient,
    TfRShuttle,
    Tumour,
    bbb_permeability_cm_s,
    brain_delivery,
    brain_ecs_diffusion,
    interstitial_pressure,
    interstitial_pressure_numerical,
    renkin_crone_extraction,
    tumour_fluid_transport,
)

ANTIBODY = Nanoparticle(diameter_nm=11.0, antibody=True, dose_particles=2e15)


def test_renkin_crone_limits():
    F = 60.0
    small = float(renkin_crone_extraction(1e-3 * F, F))
    assert small == pytest.approx(1e-3, rel=1e-3)  # PS << F: E ~ PS/F
    assert float(renkin_crone_extraction(50 * F, F)) == pytest.approx(1.0, abs=1e-12)  # PS >> F
    ps = np.geomspace(1e-6, 1e3, 50)
    e = renkin_crone_extraction(ps, F)
    assert np.all(np.diff(e) > 0) and np.all((e >= 0) & (e <= 1))


def _tumour_of_radius(radius_mm: float, **kw) -> Tumour:
    return Tumour(mass_g=4.0 / 3.0 * np.pi * (radius_mm / 10.0) ** 3, **kw)


@pytest.mark.parametrize("radius_mm, lp", [(5.0, 2.8e-7), (3.0, 2.8e-8), (8.0, 1e-6), (2.5, 1e-9)])
def test_pressure_closed_form_matches_the_numerical_solution(radius_mm, lp):
    tp = _tumour_of_radius(radius_mm, vessel_conductivity_cm_per_mmHg_s=lp)
    assert tp.radius_mm == pytest.approx(radius_mm)
    errs = []
    for n in (400, 1600):
        num = interstitial_pressure_numerical(tp, n)
        p_exact = interstitial_pressure(tp, num.axis)["Pressure [mmHg]"]
        errs.append(np.abs(num["Pressure [mmHg]"] - p_exact).max() / tp.effective_pressure_mmHg)
    assert errs[1] < 2e-3
    assert errs[1] <= errs[0]


def test_pressure_limits_and_velocity():
    # alpha -> 0: p(0) ~ p_e alpha^2 / 6; large alpha: flat core at p_e, falling at the rim
    tp = _tumour_of_radius(2.5, vessel_conductivity_cm_per_mmHg_s=1e-9)
    p0 = interstitial_pressure(tp, [0.0])["Pressure [mmHg]"][0]
    assert p0 == pytest.approx(tp.effective_pressure_mmHg * tp.alpha**2 / 6, rel=0.02)
    big = _tumour_of_radius(8.0)
    r = interstitial_pressure(big, np.linspace(0, 1, 2001))
    p, u = r["Pressure [mmHg]"], r["Velocity [um/s]"]
    # alpha = 16.6: the centre sits within alpha/sinh(alpha) ~ 1e-6 of p_e
    assert p[0] == pytest.approx(big.effective_pressure_mmHg, rel=1e-5) and p[-1] == pytest.approx(
        0.0, abs=1e-9
    )
    assert np.all(np.diff(p) <= 1e-12) and np.all(u >= -1e-12) and u[1000] < 1e-3 * u[-1]
    # u = -K dp/dr, checked by differentiating the pressure numerically
    x = np.linspace(0, 1, 2001)
    dpdr = np.gradient(p, x * big.radius_mm / 10.0)
    u_num = -big.interstitial_conductivity_cm2_per_mmHg_s * dpdr * 1e4
    np.testing.assert_allclose(u[1900:-1], u_num[1900:-1], rtol=0.02)


def test_outflow_sweeps_large_particles_from_the_rim():
    r = tumour_fluid_transport()
    ell = r["Penetration length [um]"]
    assert np.all(np.diff(ell) < 0)
    assert r["Peclet number [1]"][-1] > 1 > r["Peclet number [1]"][0]
    leaky = tumour_fluid_transport(Tumour(vessel_conductivity_cm_per_mmHg_s=2.8e-6))
    assert leaky["Rim velocity [um/s]"] > r["Rim velocity [um/s]"]


def test_antibody_sized_passive_brain_exposure_is_under_half_a_percent_of_plasma():
    r = brain_delivery(ANTIBODY)
    assert r["Brain / plasma exposure [1]"] < 0.005  # the calibration: tests/test_literature.py


def test_intermediate_affinity_delivers_more_than_the_highest_yu_2011():
    """Yu et al. 2011 report the direction (a lower-affinity anti-TfR antibody reaches the brain
    better at therapeutic doses), not a ratio. The 1.5x floor replaces an earlier 2x that was the
    previous model's own value (2.05x): with one brain efflux for every agent and a soft vesicle
    size dependence, the tightest binder delivers relatively more (the optimum gives 1.7x)."""
    kd = [0.1, 1.0, 100.0, 1e5]
    r = brain_delivery(ANTIBODY, shuttle=TfRShuttle(shuttle_on=True), affinities_nM=kd)
    b = r["Brain at 24 h for each K_D [%ID/g]"]
    assert b[2] > 1.5 * b[0] and b[2] > b[1] and b[2] > b[3]  # rises, then falls
    passive = brain_delivery(ANTIBODY)["Brain at 24 h [%ID/g]"]
    assert b[2] > 2 * passive


def test_sweep_equals_single_runs():
    for kd in (1.0, 300.0):
        single = brain_delivery(ANTIBODY, shuttle=TfRShuttle(shuttle_on=True, affinity_nM=kd))
        sweep = brain_delivery(ANTIBODY, shuttle=TfRShuttle(shuttle_on=True), affinities_nM=[kd])
        assert sweep["Brain at 24 h for each K_D [%ID/g]"][0] == pytest.approx(
            single["Brain at 24 h [%ID/g]"], rel=1e-12
        )


def test_monovalent_shuttle_beats_bivalent_niewoehner_2014():
    mono = brain_delivery(ANTIBODY, shuttle=TfRShuttle(shuttle_on=True))
    bi = brain_delivery(ANTIBODY, shuttle=TfRShuttle(shuttle_on=True, bivalent=True))
    assert mono["Brain at 24 h [%ID/g]"] > bi["Brain at 24 h [%ID/g]"]


def test_focused_ultrasound_raises_uptake_and_the_barrier_recloses():
    fus = FocusedUltrasound(ultrasound_on=True, start_h=1.0, recovery_h=4.0)
    p = Nanoparticle()
    base = float(bbb_permeability_cm_s(53.0))
    opened = float(bbb_permeability_cm_s(53.0, fus=fus, times_h=1.0))
    later = float(bbb_permeability_cm_s(53.0, fus=fus, times_h=1.0 + 15 * 4.0))
    assert opened > 5 * base  # gaps of 100 nm radius against vesicles a 53 nm particle barely fits
    assert abs(later - base) / base < 1e-3
    assert float(bbb_permeability_cm_s(53.0, fus=fus, times_h=0.5)) == base  # before sonication
    t = np.linspace(0.0, 48.0, 193)
    with_fus = brain_delivery(p, fus=fus, times_h=t)["Brain [%ID/g]"]
    without = brain_delivery(p, times_h=t)["Brain [%ID/g]"]
    at4, at24 = int(np.argmin(np.abs(t - 4.0))), int(np.argmin(np.abs(t - 24.0)))
    # while the barrier is open a 50 nm particle enters several times faster; what entered
    # leaves with the brain's efflux (the same for every agent), so by 24 h the gain is gone
    assert with_fus[at4] > 2 * without[at4]
    assert with_fus[at24] < 1.5 * without[at24]


def test_time_integration_converges():
    fus = FocusedUltrasound(ultrasound_on=True)
    sh = TfRShuttle(shuttle_on=True)
    coarse = brain_delivery(ANTIBODY, shuttle=sh, fus=fus)
    fine = brain_delivery(ANTIBODY, shuttle=sh, fus=fus, times_h=np.linspace(0, 48, 1921))
    for label in ("Brain at 24 h [%ID/g]", "Brain tissue at 24 h [%ID/g]"):
        assert coarse[label] == pytest.approx(fine[label], rel=0.01)
    # and against a stiff ODE solver of the same balance (bound B, tissue A) on the same plasma
    from scipy.integrate import solve_ivp

    from nanoedu.models.barriers import tfr_kinetics
    from nanoedu.models.bbb import vesicle_fit
    from nanoedu.models.pharmacokinetics import HAEMATOCRIT

    t = fine.t
    cp = fine["Plasma [%ID/mL]"]
    bbb = BloodBrainBarrier()
    d = fine["In-vivo diameter [nm]"]
    k = tfr_kinetics(sh)
    dose_pmol = ANTIBODY.dose_particles / 6.02214076e23 * 1e12
    R = 100 * sh.receptors_pmol_per_g / dose_pmol * float(vesicle_fit(d, bbb))
    F = bbb.flow_mL_per_h_per_g * (1 - HAEMATOCRIT)

    def rhs(tt, y):
        c = np.interp(tt, t, cp)
        perm = float(bbb_permeability_cm_s(d, bbb, fus, tt))
        cl = F * -np.expm1(-perm * bbb.capillary_surface_cm2_per_g * 3600 / F)
        c_nM = c / 100 * dose_pmol
        dB = k["kon"] * c_nM * R - (k["kon"] * c_nM + k["koff"] + sh.transcytosis_per_h) * y[0]
        dA = (
            cl * c
            + k["released"] * sh.transcytosis_per_h * y[0]
            - (cl / bbb.ecs_volume_fraction + bbb.isf_clearance_per_h + bbb.efflux_per_h) * y[1]
        )
        return [dB, dA]

    sol = solve_ivp(rhs, (0, 24), [0.0, 0.0], method="LSODA", rtol=1e-9, atol=1e-14, max_step=0.05)
    assert fine["Brain at 24 h [%ID/g]"] == pytest.approx(sol.y[:, -1].sum(), rel=5e-3)


def test_brain_ecs_diffusion_against_size_nance_2012():
    d = np.array([10.0, 50.0, 100.0, 114.0, 200.0])
    D = brain_ecs_diffusion(d)
    assert np.all(np.diff(D[:4]) < 0) and D[3] > 0 and D[4] == 0
    free = 6.58e-7  # 10 nm in water at 37 degC
    assert D[0] < free / 1.6**2


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parameter_sets(Nanoparticle), parameter_sets(TfRShuttle), parameter_sets(FocusedUltrasound))
def test_brain_delivery_is_finite_and_nonnegative_over_all_bounds(particle, shuttle, fus):
    r = brain_delivery(particle, shuttle=shuttle, fus=fus)
    b = r["Brain [%ID/g]"]
    assert np.all(np.isfinite(b)) and b.min() >= 0.0
    # what the brain holds plus what is still in plasma never exceeds the dose
    patient = Patient()
    held = b * patient.brain_mass_g + r["Plasma [%ID/mL]"] * patient.plasma_volume_mL
    assert held.max() <= 100.0 * (1 + 1e-9)


@pytest.mark.parametrize(
    "call, fragment",
    [
        (lambda: renkin_crone_extraction(-1.0, 1.0), "ps_mL_per_h = -1 mL/h"),
        (lambda: renkin_crone_extraction(1.0, 0.0), "flow_mL_per_h = 0 mL/h"),
        (lambda: brain_delivery(times_h=[1.0, 2.0]), "must start at 0 h"),
        (lambda: brain_delivery(affinities_nM=[-1.0]), "affinities_nM = -1 nM"),
        (lambda: interstitial_pressure(r_over_R=[1.5]), "r_over_R = 1.5"),
        (lambda: interstitial_pressure_numerical(n_cells=3), "n_cells = 3"),
        (lambda: Tumour(mass_g=1000.0), "mass_g = 1000 g is out of range"),
        (lambda: brain_delivery(shuttle_arms=0.5), "shuttle_arms = 0.5 binders"),
        (lambda: TfRShuttle(bivalent="yes"), "bivalent = 'yes' must be True or False"),
        (
            lambda: tumour_fluid_transport(particle_diameter_nm=float("nan")),
            "particle_diameter_nm = nan",
        ),
    ],
)
def test_bad_input_is_refused_clearly(call, fragment):
    with pytest.raises(ValueError, match=fragment):
        call()


@pytest.mark.parametrize(
    "particle",
    [Nanoparticle(), Nanoparticle(diameter_nm=11.0, antibody=True), Nanoparticle(diameter_nm=5.0)],
)
def test_lessons_01_and_03_give_the_same_brain_for_the_same_particle(particle):
    # One brain: the whole-body model's brain compartment and brain_delivery (no shuttle, no
    # ultrasound) use the same barrier; they differ only by the latter's time stepping.
    from nanoedu import biodistribution

    whole = biodistribution(particle)
    alone = brain_delivery(particle)
    per_g = whole["Brain at 24 h [%ID]"] / Patient().brain_mass_g
    assert alone["Brain at 24 h [%ID/g]"] == pytest.approx(per_g, rel=0.02)


def test_the_brain_has_one_exit_for_every_agent_garg_2009():
    """Garg & Balthasar 2009 found the same IgG brain:plasma ratio with and without FcRn: the
    brain returns an antibody to blood exactly as it returns a particle of the same size."""
    from nanoedu import transfer_rates

    igg = transfer_rates(Nanoparticle(diameter_nm=11.0, antibody=True))
    dot = transfer_rates(Nanoparticle(diameter_nm=11.0, zwitterionic=True))
    assert igg[("Brain", "Blood")][0] == pytest.approx(dot[("Brain", "Blood")][0], rel=1e-12)
