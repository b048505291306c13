"""Validation of array-valued model inputs (the scalar case lives in nanoedu.parameters)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..parameters import check_value


def as_checked_array(name: str, value: Any, unit: str, bounds: tuple[float, float]) -> np.ndarray:
    """Return ``value`` as a float array after checking type, finiteness and closed bounds.

    The error names the parameter, the first offending value, the allowed range and the unit.
    """
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
