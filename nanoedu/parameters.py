"""The parameter field helper: every number carries its unit, bounds, description and source.

A parameter set is a frozen, keyword-only dataclass whose fields are made with :func:`field`.
The same bounds validate input (``ValueError`` naming parameter, value, range and unit) and
set the range of the slider that a dashboard builds for the field.

Examples
--------
>>> from dataclasses import dataclass
>>> @dataclass(frozen=True, kw_only=True)
... class Bead(ParameterSet):
...     diameter_nm: float = field(50.0, unit="nm", bounds=(1.0, 500.0),
...                                description="bead diameter", source="design")
>>> Bead().diameter_nm
50.0
>>> Bead(diameter_nm=1000.0)
Traceback (most recent call last):
...
ValueError: diameter_nm = 1000 nm is out of range: allowed 1 to 500 nm (bead diameter).
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import functools
import math
import numbers
from dataclasses import dataclass
from typing import Any

import numpy as np

from .references import REFERENCES

__all__ = [
    "Field",
    "ParameterSet",
    "field",
    "choice_field",
    "flag_field",
    "fields_of",
    "check_value",
    "check_int",
    "check_seed",
    "parameter_table",
    "validated_inputs",
    "inputs_validated",
]

#: Set while a public function works on values derived from inputs it has already checked.
_VALIDATED = contextvars.ContextVar("nanoedu_inputs_validated", default=False)


@contextlib.contextmanager
def validated_inputs():
    """Within this block, per-value checks are skipped: every value is derived from inputs the
    public function that opened it has already validated.

    Parameters are validated once, where they enter a public function (its parameter sets in
    ``__post_init__``, its other arguments with :func:`check_value`); the internal steps take
    checked values. Nested public calls inside the block trust their arguments too.

    Examples
    --------
    >>> with validated_inputs():
    ...     check_value("t", 7, "h", (0, 1))  # not checked: the caller vouched for it
    7.0
    """
    token = _VALIDATED.set(True)
    try:
        yield
    finally:
        _VALIDATED.reset(token)


def inputs_validated() -> bool:
    """Whether the caller runs inside :func:`validated_inputs`."""
    return _VALIDATED.get()


@dataclass(frozen=True)
class Field:
    """Metadata of one parameter: unit, closed bounds, description, source key and slider scale."""

    name: str
    unit: str
    bounds: tuple[float, float]
    description: str
    source: str
    log: bool = False
    kind: str = "float"
    options: tuple[str, ...] = ()

    def format_range(self) -> str:
        """Return the allowed range as text, e.g. ``'1 to 500 nm'``."""
        lo, hi = self.bounds
        unit = f" {self.unit}" if self.unit and self.unit != "1" else ""
        return f"{lo:g} to {hi:g}{unit}"


def field(
    default: Any,
    *,
    unit: str,
    bounds: tuple[float, float],
    description: str,
    source: str,
    log: bool = False,
    kind: str = "float",
    options: tuple[str, ...] = (),
) -> Any:
    """Declare a parameter field with its metadata.

    Parameters
    ----------
    default : float or bool
        Default value (must lie within ``bounds``).
    unit : str
        Unit in the lesson unit system (nm, h, %ID, mL, degC, mmHg); ``"1"`` if dimensionless.
    bounds : tuple of float
        Closed interval of allowed values; also the slider range.
    description : str
        One-line description shown as the slider tooltip and in tables.
    source : str
        Key into :data:`nanoedu.references.REFERENCES`.
    log : bool
        Whether a slider for this field should be logarithmic.
    kind : {"float", "bool", "choice"}
        ``"bool"`` fields become checkboxes and take ``True``/``False`` only; ``"choice"``
        fields take one of ``options`` and become a set of toggle buttons.
    options : tuple of str
        The allowed values of a ``"choice"`` field.

    Raises
    ------
    ValueError
        If ``source`` is not a key of :data:`nanoedu.references.REFERENCES` (checked when the
        parameter set is defined, i.e. at import), or the default is outside the bounds.
    """
    if source not in REFERENCES:
        raise ValueError(
            f"source = {source!r} is not in nanoedu.references.REFERENCES: add the paper there, "
            "or use 'assumption', 'calibrated' or 'design'."
        )
    if kind not in ("float", "bool", "choice"):
        raise ValueError(f"kind = {kind!r} must be 'float', 'bool' or 'choice'.")
    meta = {
        "unit": unit,
        "bounds": (float(bounds[0]), float(bounds[1])),
        "description": description,
        "source": source,
        "log": log,
        "kind": kind,
        "options": tuple(options),
    }
    return dataclasses.field(default=default, metadata={"nanoedu": meta})


def choice_field(default: str, *, options: tuple[str, ...], description: str, source: str) -> Any:
    """Declare a field that takes one of ``options`` (a set of toggle buttons in a dashboard).

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True, kw_only=True)
    ... class Coat(ParameterSet):
    ...     coating: str = choice_field("PEG", options=("PEG", "none"),
    ...                                 description="surface", source="design")
    >>> Coat(coating="gold")
    Traceback (most recent call last):
    ...
    ValueError: coating = 'gold' is not one of the allowed choices ['PEG', 'none'] (surface).
    """
    if default not in options:
        raise ValueError(f"default {default!r} is not one of the options {list(options)}.")
    return field(
        default,
        unit="",
        bounds=(0, 0),
        description=description,
        source=source,
        kind="choice",
        options=options,
    )


def flag_field(default: bool, *, description: str, source: str) -> Any:
    """Declare a True/False field (a checkbox in a dashboard).

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True, kw_only=True)
    ... class Switch(ParameterSet):
    ...     on: bool = flag_field(False, description="switch", source="design")
    >>> Switch(on=1)
    Traceback (most recent call last):
    ...
    ValueError: on = 1 must be True or False, not int (switch).
    """
    return field(
        bool(default), unit="", bounds=(0, 1), description=description, source=source, kind="bool"
    )


def fields_of(obj_or_cls: Any) -> dict[str, Field]:
    """Return ``{name: Field}`` for every parameter field of a parameter set (class or instance)."""
    cls = obj_or_cls if isinstance(obj_or_cls, type) else type(obj_or_cls)
    if not dataclasses.is_dataclass(cls):
        raise ValueError(
            f"{obj_or_cls!r} is not a parameter set (a dataclass such as Nanoparticle())."
        )
    return dict(_fields_of_class(cls))


@functools.cache
def _fields_of_class(cls: type) -> tuple[tuple[str, Field], ...]:
    # Cached per class: validation runs on every construction (e.g. 90 particles per update).
    out = []
    for f in dataclasses.fields(cls):
        meta = f.metadata.get("nanoedu")
        if meta is not None:
            out.append((f.name, Field(name=f.name, **meta)))
    return tuple(out)


def check_value(
    name: str, value: Any, unit: str, bounds: tuple[float, float], what: str = ""
) -> float:
    """Validate one number against closed bounds and return it as ``float``.

    Raises ``ValueError`` naming the parameter, the value, the allowed range and the unit for
    wrongly typed, non-finite or out-of-range input.

    Examples
    --------
    >>> check_value("time_h", 2, "h", (0, 100))
    2.0
    >>> check_value("time_h", float("nan"), "h", (0, 100))
    Traceback (most recent call last):
    ...
    ValueError: time_h = nan h is not a finite number: allowed 0 to 100 h.
    """
    if _VALIDATED.get():
        return float(value)
    f = Field(
        name=name,
        unit=unit,
        bounds=(float(bounds[0]), float(bounds[1])),
        description=what,
        source="",
    )
    return _check(f, value)


def check_int(
    name: str, value: Any, bounds: tuple[int, int], unit: str = "", what: str = ""
) -> int:
    """Validate a whole number against closed bounds and return it as ``int``.

    Examples
    --------
    >>> check_int("n_cells", 20, (5, 400), "cells")
    20
    >>> check_int("n_cells", 2.5, (5, 400), "cells")
    Traceback (most recent call last):
    ...
    ValueError: n_cells = 2.5 must be a whole number from 5 to 400 cells.
    """
    lo, hi = bounds
    unit_text = f" {unit}" if unit else ""
    tail = f" ({what})" if what else ""
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, np.integer))
        or not lo <= int(value) <= hi
    ):
        raise ValueError(
            f"{name} = {value!r} must be a whole number from {lo} to {hi}{unit_text}{tail}."
        )
    return int(value)


def check_seed(seed: Any) -> int:
    """Validate a random seed (a non-negative whole number) and return it as ``int``.

    Examples
    --------
    >>> check_seed(3)
    3
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed = {seed!r} must be a non-negative whole number.")
    return int(seed)


def _check(f: Field, value: Any) -> Any:
    unit = f" {f.unit}" if f.unit and f.unit != "1" else ""
    tail = f" ({f.description})" if f.description else ""
    if f.kind == "choice":
        if not isinstance(value, str) or value not in f.options:
            raise ValueError(
                f"{f.name} = {value!r} is not one of the allowed choices {list(f.options)}{tail}."
            )
        return value
    if f.kind == "bool":
        if not isinstance(value, bool):
            raise ValueError(
                f"{f.name} = {value!r} must be True or False, not {type(value).__name__}{tail}."
            )
        return value
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(
            f"{f.name} = {value!r} must be a real number in {f.unit or 'no unit'}, "
            f"not {type(value).__name__}: allowed {f.format_range()}{tail}."
        )
    v = float(value)
    if not math.isfinite(v):
        raise ValueError(
            f"{f.name} = {v}{unit} is not a finite number: allowed {f.format_range()}{tail}."
        )
    lo, hi = f.bounds
    if not lo <= v <= hi:
        raise ValueError(
            f"{f.name} = {v:g}{unit} is out of range: allowed {f.format_range()}{tail}."
        )
    return v


class ParameterSet:
    """Mixin for frozen parameter dataclasses: validates every field on construction."""

    def __post_init__(self) -> None:
        for name, f in fields_of(self).items():
            value = _check(f, getattr(self, name))
            object.__setattr__(self, name, value)

    def replace(self, **changes: Any) -> Any:
        """Return a copy with some fields changed (validated), like ``dataclasses.replace``."""
        unknown = set(changes) - set(fields_of(self))
        if unknown:
            raise ValueError(
                f"{type(self).__name__} has no parameter(s) {sorted(unknown)}; "
                f"known: {sorted(fields_of(self))}."
            )
        return dataclasses.replace(self, **changes)

    def table(self) -> str:
        """Return a plain-text table of the parameters (see :func:`parameter_table`)."""
        return parameter_table(self)


def parameter_table(*parameter_sets: Any) -> str:
    """Format one or more parameter sets as a fixed-width text table for display in a lesson.

    Columns: set, parameter, value, unit, allowed range, source key, description.

    Examples
    --------
    >>> from nanoedu import Nanoparticle
    >>> print(parameter_table(Nanoparticle()).splitlines()[0].split())
    ['set', 'parameter', 'value', 'unit', 'range', 'source', 'description']
    """
    rows = [("set", "parameter", "value", "unit", "range", "source", "description")]
    for p in parameter_sets:
        for name, f in fields_of(p).items():
            value = getattr(p, name)
            shown = str(value) if isinstance(value, (bool, str)) else f"{value:.4g}"
            if f.kind == "bool":
                rng = "True/False"
            elif f.kind == "choice":
                rng = "/".join(f.options)
            else:
                rng = f"{f.bounds[0]:g}-{f.bounds[1]:g}"
            rows.append((type(p).__name__, name, shown, f.unit, rng, f.source, f.description))
    widths = [max(len(r[i]) for r in rows) for i in range(6)]
    lines = []
    for r in rows:
        cells = [r[i].ljust(widths[i]) for i in range(6)] + [r[6]]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)
