"""The field helper: metadata is complete, and bad input is refused with a clear message."""

from __future__ import annotations

import dataclasses
import math

import pytest

import nanoedu
import nanoedu.ui  # noqa: F401  (its modules define the dashboards' parameter sets)
from nanoedu import Nanoparticle, Tumour, check_value, parameter_table
from nanoedu.parameters import ParameterSet, fields_of
from nanoedu.references import REFERENCES


def _all_parameter_sets(cls: type = ParameterSet) -> list[type]:
    """Every parameter set nanoedu defines (models and dashboards), found, not listed."""
    found = []
    for sub in cls.__subclasses__():
        if sub.__module__.startswith("nanoedu."):
            found.append(sub)
        found += _all_parameter_sets(sub)
    return sorted(set(found), key=lambda c: (c.__module__, c.__name__))


SETS = _all_parameter_sets()


def test_discovery_finds_the_sets_of_every_layer():
    names = {c.__name__ for c in SETS}
    assert {"Nanoparticle", "Patient", "Tumour", "Design", "PatientCase", "ScoreWeights"} <= names
    assert {"ModelOptions", "Decision", "FitChoice", "TissueExposure"} <= names


@pytest.mark.parametrize("cls", SETS)
def test_every_field_has_complete_metadata(cls):
    fields = fields_of(cls)
    assert fields, cls
    assert len(fields) == len(dataclasses.fields(cls)), "a field lacks nanoedu metadata"
    default = cls()
    for name, f in fields.items():
        assert f.description and f.source in REFERENCES, name
        ref = REFERENCES[f.source]
        if f.source not in ("assumption", "calibrated", "design"):
            assert ref.doi.startswith("10.") or ref.pmid.isdigit(), (
                f"{name}: source {f.source} has neither a DOI nor a PubMed ID"
            )
        if f.kind == "float":
            assert f.unit, name
            lo, hi = f.bounds
            assert lo < hi and lo <= getattr(default, name) <= hi, name
            if f.log:
                assert lo > 0, name


@pytest.mark.parametrize("cls", SETS)
def test_parameter_sets_are_frozen_and_keyword_only(cls):
    p = cls()
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.__setattr__(next(iter(fields_of(cls))), 1.0)
    with pytest.raises(TypeError):
        cls(1.0)


@pytest.mark.parametrize(
    "value, fragment",
    [
        (1000.0, "out of range"),
        (0.5, "out of range"),
        (float("nan"), "not a finite number"),
        (float("inf"), "not a finite number"),
        ("50", "must be a real number"),
        (None, "must be a real number"),
        (True, "must be a real number"),
        ([50.0], "must be a real number"),
    ],
)
def test_bad_diameter_names_parameter_value_range_and_unit(value, fragment):
    with pytest.raises(ValueError) as err:
        Nanoparticle(diameter_nm=value)
    msg = str(err.value)
    assert fragment in msg
    assert "diameter_nm" in msg and "1 to 500 nm" in msg


def test_bool_field_rejects_numbers():
    with pytest.raises(ValueError, match="zwitterionic = 1 must be True or False"):
        Nanoparticle(zwitterionic=1)


def test_replace_validates_and_rejects_unknown_names():
    p = Nanoparticle().replace(diameter_nm=150)
    assert p.diameter_nm == 150.0 and isinstance(p.diameter_nm, float)
    with pytest.raises(ValueError, match="peg_coverage = 2 is out of range: allowed 0 to 1"):
        Nanoparticle().replace(peg_coverage=2)
    with pytest.raises(ValueError, match="no parameter"):
        Nanoparticle().replace(size=3)
    with pytest.raises(ValueError, match="out of range"):
        dataclasses.replace(Tumour(), mass_g=-1.0)


def test_check_value():
    assert check_value("time_h", 3, "h", (0, 10)) == 3.0
    with pytest.raises(ValueError, match=r"time_h = -1 h is out of range: allowed 0 to 10 h"):
        check_value("time_h", -1, "h", (0, 10))


def test_parameter_table_lists_every_field_with_its_source():
    text = parameter_table(Nanoparticle(), Tumour())
    lines = text.splitlines()
    assert len(lines) == 1 + len(fields_of(Nanoparticle)) + len(fields_of(Tumour))
    assert "diameter_nm" in text and "schmidt2009" in text and "nm" in text


def test_cite_prints_doi_lines(capsys):
    text = nanoedu.cite(Nanoparticle(), nanoedu.biodistribution)
    assert "doi:10.1038/nbt1340" in text and "doi:10.1038/natrevmats.2016.14" in text
    assert capsys.readouterr().out.strip() == text
    with pytest.raises(ValueError, match="cannot cite"):
        nanoedu.cite(42)


def test_tumour_vessel_surface_is_krogh_geometry():
    t = Tumour(krogh_radius_um=100.0, mass_g=1.0)
    assert math.isclose(t.vessel_surface_per_volume_per_cm, 2 * 8e-4 / (100e-4) ** 2)
    assert math.isclose(t.vessel_surface_cm2, 16.0)


def test_a_source_key_that_is_not_in_the_bibliography_is_refused_at_definition():
    from nanoedu.parameters import field

    with pytest.raises(ValueError, match="not in nanoedu.references.REFERENCES"):
        field(1.0, unit="nm", bounds=(0, 2), description="x", source="nobody2099")


def test_whole_numbers_are_checked_as_such():
    from nanoedu.parameters import check_int

    assert check_int("n", 5, (1, 10)) == 5
    for bad in (2.5, True, "3", 0, 11):
        with pytest.raises(ValueError, match="must be a whole number from 1 to 10"):
            check_int("n", bad, (1, 10))


def test_things_that_are_not_parameter_sets_are_refused():
    with pytest.raises(ValueError, match="not a parameter set"):
        parameter_table(42)
    with pytest.raises(ValueError, match="not a parameter set"):
        fields_of("Nanoparticle")
