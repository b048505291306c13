"""Validation of array-valued model inputs (the scalar case lives in nanoedu.parameters)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..parameters import check_value, inputs_validated


def as_checked_array(name: str, value: Any, unit: str, bounds: tuple[float, float]) -> np.ndarray:
    """Return ``value`` as a float array after checking type, finiteness and closed bounds.

    The error names the parameter, the first offending value, the allowed range and the unit.
    Inside :func:`~nanoedu.parameters.validated_inputs` the value is only converted.
    """
    if inputs_validated():
        return np.asarray(value, dtype=float)
    if isinstance(value, (bool, str, bytes)) or value is None:
        check_value(name, value, unit, bounds)  # raises the uniform type error
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        check_value(name, value, unit, bounds)
        raise
    if arr.ndim == 0:
        return np.asarray(
            check_value(name, value if np.isscalar(value) else float(arr), unit, bounds)
        )
    bad = ~np.isfinite(arr) | (arr < bounds[0]) | (arr > bounds[1])
    if bad.any():
        check_value(name, float(arr[bad][0]), unit, bounds)
    return arr


def time_grid(
    times_h: Any, default: np.ndarray, *, from_zero: bool = False, max_h: float = 1000.0
) -> np.ndarray:
    """Output times of a time-course model: ``default`` if None, else checked [h].

    At least two strictly increasing times within 0 to ``max_h`` h; the first must be 0 if
    ``from_zero`` (models that step forward from the injection).
    """
    if times_h is None:
        return default
    t = np.atleast_1d(as_checked_array("times_h", times_h, "h", (0.0, max_h))).astype(float)
    if t.ndim != 1 or t.size < 2 or np.any(np.diff(t) <= 0) or (from_zero and t[0] != 0.0):
        start = "start at 0 h and " if from_zero else ""
        raise ValueError(
            f"times_h must {start}hold at least two strictly increasing times in h "
            f"(0 to {max_h:g} h); got {t!r}."
        )
    return t


def parameter_batch(obj: Any, cls: type, name: str) -> list:
    """A model's batch of parameter sets: ``[cls()]`` for None, ``[obj]`` for one, the list for a
    non-empty sequence of ``cls``; anything else a ``ValueError`` naming the parameter."""
    if obj is None:
        return [cls()]
    if isinstance(obj, cls):
        return [obj]
    if isinstance(obj, Sequence) and not isinstance(obj, str) and len(obj) > 0:
        if all(isinstance(o, cls) for o in obj):
            return list(obj)
    raise ValueError(f"{name} = {obj!r} must be a {cls.__name__} or a non-empty sequence of them.")


def batch_size(*lists: list) -> int:
    """The common length of batches of length n or 1; a ``ValueError`` if two n differ."""
    sizes = {len(x) for x in lists} - {1}
    if len(sizes) > 1:
        raise ValueError(
            f"batch sizes {sorted(len(x) for x in lists)} do not match: give one of each, "
            "or sequences of equal length."
        )
    return sizes.pop() if sizes else 1
