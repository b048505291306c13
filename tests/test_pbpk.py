"""The Cheng et al. 2020 mouse PBPK backbone (nanoedu.models.pbpk): the port and its solver.

The port is proved on the published model's own numbers: Chou et al. 2023 publish, for each
of Cheng et al.'s data sets, the fitted tumour parameters and the delivery efficiencies
(DE24, DE168, DEmax) that the fitted model gives. Run with those parameters, the port must give
those values. Nothing here is fitted by nanoedu: these are checks of the port (structural), not
predictions.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from nanoedu.models import pbpk
from nanoedu.models.pbpk import (
    PBPK_COMPARTMENTS,
    PBPK_FLOWS,
    PBPK_STATES,
    PBPKBody,
    TumourKinetics,
    cheng2020_datasets,
    delivery_efficiency,
    out_of_sample_delivery,
    pbpk_biodistribution,
    pbpk_rate_matrices,
)

DATA = cheng2020_datasets()
_BY_ID = {d.id: d for d in DATA}
# The table prints DE values to two decimals: a port agrees when it is within 10% of the table's
# value or within the table's rounding (0.005 %ID).
ROUNDING_PCT = 0.005


def _agrees(model: float, table: float, rel: float = 0.10) -> bool:
    return abs(model - table) <= max(rel * table, ROUNDING_PCT)


def test_the_table_has_the_papers_data_sets():
    # Cheng et al. 2020 analysed 376 data sets; the published table has 378 rows (two added).
    assert len(DATA) == 378 and len({d.id for d in DATA}) == 378
    assert {d.type for d in DATA} == {"Inorganic", "Organic", "Hybrid"}
    # its median DE24 is the paper's median delivery, 0.76 %ID at 24 h (a check of the table)
    assert np.median([d.de24 for d in DATA]) == pytest.approx(0.76, abs=0.05)


@pytest.mark.parametrize(
    ("dataset_id", "what"),
    [
        (1, "gold nanorod, targeted, cervical xenograft"),
        (4, "gold nanosphere 38 nm, brain xenograft"),
        (113, "polymeric 37 nm, lung allograft"),
        (178, "liposome 96 nm, cervical xenograft"),
        (78, "silica 219 nm, brain xenograft"),
    ],
)
def test_port_reproduces_the_published_fits_delivery_efficiency(dataset_id, what):
    d = _BY_ID[dataset_id]
    de = delivery_efficiency(d.tumour, d.body)
    for label, table in (("DE24", d.de24), ("DE168", d.de168), ("DEmax", d.demax)):
        model = de[f"{label} [%ID]"]
        assert _agrees(model, table), (what, label, model, table)


#: Data sets whose tabled efficiencies the port (and an independent re-run of the group's R code)
#: does not reproduce: rows swapped in the table (38/39's DEmax, 118/119, 165/166, 296/297), a
#: value off by ten (306's DE168, 323), and values no parameter set in the row gives (the rest).
#: docs/science.md lists them.
TABLE_DISAGREEMENTS = {
    5, 13, 19, 20, 29, 31, 33, 38, 39, 42, 85, 91, 101, 118, 119, 165, 166, 199, 206, 220,
    235, 296, 297, 306, 322, 323, 335, 349, 357, 361, 362,
}  # fmt: skip


@pytest.fixture(scope="module")
def whole_table():
    """The port's DE24, DE168 and DEmax for all 378 fitted data sets (~15 s, once)."""
    return delivery_efficiency([d.tumour for d in DATA], [d.body for d in DATA])


def test_port_reproduces_the_published_fits_of_every_particle_class(whole_table):
    agree = {
        d.id: all(
            _agrees(whole_table[f"{k} [%ID]"][i], getattr(d, k.lower()))
            for k in ("DE24", "DE168", "DEmax")
        )
        for i, d in enumerate(DATA)
    }
    assert {i for i, ok in agree.items() if not ok} == TABLE_DISAGREEMENTS
    for kind in ("Inorganic", "Organic", "Hybrid"):
        share = np.mean([agree[d.id] for d in DATA if d.type == kind])
        assert share >= 0.85, (kind, share)
    assert np.mean(list(agree.values())) >= 0.9


def _lsoda(tumour: TumourKinetics, body: PBPKBody, t_eval: np.ndarray) -> np.ndarray:
    m0, units, organs = pbpk_rate_matrices(tumour, body)

    def rhs(t, y):
        m = m0.copy()
        for organ, u in units.items():
            k = organs[organ]
            tn = t**k.uptake_hill
            m += k.uptake_max_per_h * tn / (k.uptake_half_time_h**k.uptake_hill + tn) * u
        return m @ y

    y0 = np.zeros(len(PBPK_STATES))
    y0[PBPK_STATES.index("Venous plasma")] = 100.0
    sol = solve_ivp(
        rhs, (0.0, t_eval[-1]), y0, method="LSODA", rtol=1e-8, atol=1e-10, t_eval=t_eval
    )
    return sol.y


@pytest.mark.parametrize("dataset_id", [1, 13, 229])  # slow uptake; fast; switched on in 36 s
def test_the_exact_stepping_matches_lsoda(dataset_id):
    d = _BY_ID[dataset_id]
    t = np.array([0.0, 0.5, 2.0, 8.0, 24.0, 72.0, 168.0])
    r = pbpk_biodistribution(d.tumour, d.body, times_h=t)
    y = _lsoda(d.tumour, d.body, t)
    for label, parts in PBPK_COMPARTMENTS.items():
        ref = y[[PBPK_STATES.index(p) for p in parts]].sum(axis=0)
        np.testing.assert_allclose(r[label], ref, rtol=1e-3, atol=1e-6, err_msg=label)


def test_every_particle_is_somewhere_at_every_time():
    r = pbpk_biodistribution([d.tumour for d in DATA[:20]], [d.body for d in DATA[:20]])
    total = sum(r[label] for label in PBPK_COMPARTMENTS)
    np.testing.assert_allclose(total, 100.0, atol=1e-6)
    assert all(np.all(v >= -1e-9) for v in r.values.values())


def test_flows_are_pairs_of_named_states_and_conserve_mass():
    assert all(a in PBPK_STATES and b in PBPK_STATES and a != b for a, b in PBPK_FLOWS)
    m0, units, _ = pbpk_rate_matrices(TumourKinetics(), PBPKBody())
    np.testing.assert_allclose(m0.sum(axis=0), 0.0, atol=1e-9)  # columns: what leaves arrives
    nonzero = {
        (PBPK_STATES[j], PBPK_STATES[i])
        for i, j in zip(*np.nonzero(m0 + sum(units.values())), strict=True)
        if i != j
    }
    assert nonzero == set(PBPK_FLOWS)


def test_more_permeability_delivers_more_and_almost_none_delivers_almost_nothing():
    de = [
        delivery_efficiency(TumourKinetics(permeability_area_fraction=x))["DE24 [%ID]"]
        for x in (4.9e-6, 1e-4, 1e-3, 1e-2)
    ]
    assert all(a < b for a, b in zip(de, de[1:], strict=False)), de
    assert de[0] < 0.1 * de[2], de


def test_the_mouse_physiology_is_the_papers():
    # derived quantities of the 20 g mouse (Lin et al. 2016 coefficients)
    qc = 16.5 * 0.02**0.75
    assert qc == pytest.approx(0.877519, rel=1e-6)
    organs = pbpk._organ_table(TumourKinetics(flow_fraction=0.01, volume_fraction=0.024))
    assert organs["Rest of body"].flow == pytest.approx(0.676)
    assert organs["Rest of body"].volume == pytest.approx(0.4555)


def test_bad_input_is_named():
    with pytest.raises(ValueError, match=r"partition = 20 1 is out of range|partition = 20"):
        TumourKinetics(partition=20.0)
    with pytest.raises(ValueError, match="must be a TumourKinetics"):
        pbpk_biodistribution("gold")
    with pytest.raises(ValueError, match="times_h must start at 0 h"):
        pbpk_biodistribution(times_h=[1.0, 2.0])
    with pytest.raises(ValueError, match=r"batch sizes \[2, 3\] do not match"):
        pbpk_biodistribution([TumourKinetics()] * 3, [PBPKBody()] * 2)
    with pytest.raises(ValueError, match="body_mass_g = nan"):
        PBPKBody(body_mass_g=math.nan)


def test_out_of_sample_delivery_against_the_median_predictor():
    # The rule was fixed before the result was seen (nanoedu.models.pbpk.out_of_sample_delivery):
    # odd-numbered data sets train, even-numbered ones are predicted from their class alone.
    # Measured when it was written: 61% of held-back sets within 3x (median fold error 2.10),
    # against 59% (2.43) for "every particle delivers the median". `make bench` prints it.
    r = out_of_sample_delivery()
    assert r["n_train"] == 189 and r["n_test"] == 189
    assert set(r["ids"] % 2) == {0}
    fold = np.maximum(r["predicted"] / r["observed"], r["observed"] / r["predicted"])
    assert r["within_3x_model"] == pytest.approx(np.mean(fold <= 3))
    assert r["median_fold_error_model"] < r["median_fold_error_naive"]
    assert 0.5 <= r["within_3x_model"] <= 0.7 and 0.5 <= r["within_3x_naive"] <= 0.7
    with pytest.raises(ValueError, match="PBPKDataset rows"):
        out_of_sample_delivery([1, 2, 3])
    with pytest.raises(ValueError, match="at least 5 odd-numbered"):
        out_of_sample_delivery(DATA[:4])


def test_the_course_knobs_map_onto_the_backbone_and_design_moves_delivery_a_few_fold():
    # Structural (the rule reads the fitted table): over the course's design grid (material
    # type, targeting, 10-200 nm) the backbone's DE24 spans at most 30-fold, as the data's
    # size, material and targeting groups do (Wilhelm 2016; Cheng 2020: ~0.7 %ID whatever the
    # design), where the course's home-made model spans three orders of magnitude.
    from nanoedu.models.pbpk import tumour_kinetics_for

    grid = [
        tumour_kinetics_for(kind, aim, d)
        for kind in ("Inorganic", "Organic")
        for aim in ("Passive", "Active")
        for d in (10.0, 20.0, 50.0, 100.0, 200.0)
    ]
    de24 = delivery_efficiency(grid)["DE24 [%ID]"]
    assert de24.max() / de24.min() <= 30.0, de24
    assert 0.3 <= np.median(de24) <= 3.0
    with pytest.raises(ValueError, match="particle_type = 'gold'"):
        tumour_kinetics_for("gold", "Passive", 50.0)
    with pytest.raises(ValueError, match="diameter_nm = 1000 nm is out of range"):
        tumour_kinetics_for("Organic", "Passive", 1000.0)
