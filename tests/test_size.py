"""Size models against closed forms, limits, literature values and monotonic trends."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import parameter_sets
from hypothesis import given, settings
from hypothesis import strategies as st

from nanoedu import (
    Conditions,
    Nanoparticle,
    diffusion_coefficient_cm2_s,
    in_vivo_diameter_nm,
    medium_viscosity_mPa_s,
    pore_permeability_cm_s,
    renal_sieving,
    water_viscosity_mPa_s,
)
from nanoedu.models.size import diffusive_hindrance, peg_shielding_factor, phagocytic_size_factor

K_B = 1.380649e-23


def test_viscosities_at_body_temperature_match_the_science_sheet():
    assert float(water_viscosity_mPa_s(37.0)) == pytest.approx(0.69, rel=0.01)
    assert float(medium_viscosity_mPa_s("plasma", 37.0)) == pytest.approx(1.2, rel=1e-9)
    with pytest.raises(ValueError, match="medium = 'blood'"):
        medium_viscosity_mPa_s("blood")


def test_stokes_einstein_closed_form():
    d_nm, T_c = 37.0, 25.0
    eta = float(water_viscosity_mPa_s(T_c)) * 1e-3
    expected_cm2_s = K_B * (T_c + 273.15) / (3 * math.pi * eta * d_nm * 1e-9) * 1e4
    assert float(diffusion_coefficient_cm2_s(d_nm, T_c)) == pytest.approx(expected_cm2_s, rel=1e-12)


def test_diffusion_of_10_nm_in_water_at_37_c_is_6_6e_7():
    # SCIENCE.md: D(10 nm, water, 37 degC) is about 6.6e-7 cm^2/s.
    assert float(diffusion_coefficient_cm2_s(10.0, 37.0, "water")) == pytest.approx(
        6.6e-7, rel=0.02
    )


@settings(max_examples=50, deadline=None)
@given(st.floats(0.5, 490.0), st.floats(1.001, 10.0), st.floats(5.0, 50.0))
def test_diffusion_falls_with_size_and_rises_with_temperature(d, factor, T):
    assert diffusion_coefficient_cm2_s(d * factor, T) < diffusion_coefficient_cm2_s(d, T)
    assert diffusion_coefficient_cm2_s(d, T + 1.0) > diffusion_coefficient_cm2_s(d, T)
    assert diffusion_coefficient_cm2_s(d, T, "plasma") < diffusion_coefficient_cm2_s(d, T, "water")


def test_diffusion_is_inverse_in_diameter():
    D = diffusion_coefficient_cm2_s(np.array([10.0, 20.0, 40.0]))
    assert D[0] / D[1] == pytest.approx(2.0) and D[1] / D[2] == pytest.approx(2.0)


def test_renal_sieving_collapses_across_5_5_nm_choi_2007():
    assert float(renal_sieving(5.5)) == pytest.approx(0.5)
    assert float(renal_sieving(4.36)) > 0.9  # Choi 2007: 4.36 nm dots renally cleared
    assert float(renal_sieving(8.65)) < 1e-3  # Choi 2007: 8.65 nm dots retained
    d = np.linspace(1, 500, 2000)
    theta = renal_sieving(d)
    assert np.all(np.diff(theta) <= 0) and np.all((theta >= 0) & (theta <= 1))


def test_corona_adds_size_unless_zwitterionic_or_pegylated():
    assert float(in_vivo_diameter_nm(4.4, zwitterionic=True)) == 4.4
    assert float(in_vivo_diameter_nm(4.4)) == pytest.approx(19.4)  # > 15 nm growth (Choi 2007)
    assert float(in_vivo_diameter_nm(4.4, peg_coverage=1.0)) == pytest.approx(4.4)
    assert float(in_vivo_diameter_nm(50.0, peg_coverage=0.5)) == pytest.approx(57.5)


def test_hindrance_limits():
    assert float(diffusive_hindrance(0.0)) == 1.0
    assert float(diffusive_hindrance(1.0)) == 0.0 and float(diffusive_hindrance(3.0)) == 0.0
    lam = np.linspace(0, 0.999, 500)
    assert np.all(np.diff(diffusive_hindrance(lam)) < 0)


def test_infinite_pore_gives_free_diffusion():
    # lambda -> 0: H -> 1 and (1 - lambda)^2 -> 1, so P -> D_free * A/L.
    P = float(pore_permeability_cm_s(10.0, 1e5, 1.0))
    assert P == pytest.approx(float(diffusion_coefficient_cm2_s(10.0)), rel=1e-3)


def test_particles_larger_than_the_pore_do_not_cross():
    assert float(pore_permeability_cm_s(9.0, 4.5, 17.6)) == 0.0
    assert float(pore_permeability_cm_s(8.9, 4.5, 17.6)) > 0.0


def test_phagocytic_uptake_rises_with_size_and_falls_with_peg():
    d = np.geomspace(1, 500, 50)
    assert np.all(np.diff(phagocytic_size_factor(d, 1.0)) > 0)
    s = np.linspace(0, 1, 21)
    assert np.all(np.diff(peg_shielding_factor(s)) < 0)
    assert float(peg_shielding_factor(0.0)) == 1.0


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -3.0, 1e7, "ten", None, True])
def test_size_functions_reject_bad_diameters(bad):
    with pytest.raises(ValueError, match="hydrodynamic_diameter_nm"):
        diffusion_coefficient_cm2_s(bad)
    with pytest.raises(ValueError, match="nm"):
        renal_sieving(bad)


def test_array_input_reports_the_offending_value():
    with pytest.raises(ValueError, match=r"hydrodynamic_diameter_nm = nan nm"):
        diffusion_coefficient_cm2_s(np.array([10.0, np.nan]))
    with pytest.raises(
        ValueError, match=r"temperature_c = 99 degC is out of range: allowed 0 to 60 degC"
    ):
        diffusion_coefficient_cm2_s(10.0, 99.0)


def test_zwitterionic_must_be_boolean():
    with pytest.raises(ValueError, match="zwitterionic = 'yes' must be True or False"):
        in_vivo_diameter_nm(10.0, zwitterionic="yes")
    assert list(in_vivo_diameter_nm([4.0, 4.0], zwitterionic=np.array([True, False]))) == [
        4.0,
        19.0,
    ]


@settings(max_examples=40, deadline=None)
@given(parameter_sets(Conditions), parameter_sets(Nanoparticle))
def test_diffusion_is_finite_and_positive_over_all_bounds(conditions, particle):
    D = diffusion_coefficient_cm2_s(particle.diameter_nm, conditions.temperature_c, "plasma")
    assert np.isfinite(D) and D > 0
