"""The small frozen ``Result`` every model function returns."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["Result", "TIME_AXES", "combine_results"]


#: Axis labels of time courses; :attr:`Result.t` is defined only for these.
TIME_AXES = ("Time [h]", "Time [s]")


@dataclass(frozen=True)
class Result:
    """Model output: the independent axis, named arrays (labels carry units), metrics, inputs.

    Attributes
    ----------
    axis : numpy.ndarray
        The independent axis, shape (T,): times for a time course, or the diameters, K_D
        values, radii or patients a result is computed over.
    values : dict
        ``{"Tumour [%ID]": array}``; arrays have shape (T,) or (n, T) for a batch of n.
    metrics : dict
        Named summary numbers (scalars, or arrays of shape (n,) for a batch), units in labels.
    parameters : dict
        The parameter sets and options the model was called with.
    axis_label : str
        Name and unit of the axis, e.g. ``"Time [h]"``, ``"Diameter [nm]"``, ``"K_D [nM]"``.

    Examples
    --------
    >>> r = Result(axis=np.array([1.0, 10.0]), values={"D [cm^2/s]": np.array([4e-6, 4e-7])},
    ...            axis_label="Diameter [nm]")
    >>> print(r.to_table())
    Diameter [nm]  D [cm^2/s]
                1       0.000
               10       0.000
    >>> r.t
    Traceback (most recent call last):
    ...
    AttributeError: this result's axis is 'Diameter [nm]', not time: use .axis
    """

    axis: np.ndarray
    values: dict[str, np.ndarray]
    metrics: dict[str, Any] = field(default_factory=dict)
    parameters: dict[str, Any] = field(default_factory=dict)
    axis_label: str = "Time [h]"

    @property
    def t(self) -> np.ndarray:
        """The times of a time course (the axis, when it is time)."""
        if self.axis_label not in TIME_AXES:
            raise AttributeError(f"this result's axis is {self.axis_label!r}, not time: use .axis")
        return self.axis

    def keys(self) -> list[str]:
        """Every label a result answers to: its values, then its metrics."""
        return list(self.values) + list(self.metrics)

    def __getitem__(self, label: str) -> np.ndarray:
        """Return a value or metric by its label, or by the label without its unit.

        A label without its unit that two labels share (``"Tumour at 24 h"`` for ``[%ID]`` and
        ``[%ID/g]``) raises ``KeyError`` naming both: give the unit.
        """
        for store in (self.values, self.metrics):
            if label in store:
                return store[label]
        matches = {
            k: v
            for store in (self.values, self.metrics)
            for k, v in store.items()
            if _name(k) == label
        }
        if len(matches) == 1:
            return next(iter(matches.values()))
        if matches:
            raise KeyError(
                f"{label!r} names {len(matches)} results: {list(matches)}; give the one you mean, "
                "unit included."
            )
        close = difflib.get_close_matches(label, self.keys(), n=3, cutoff=0.4)
        hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise KeyError(f"no result labelled {label!r}.{hint} Known labels: {self.keys()}")

    def at(self, label: str, time_h: Any) -> Any:
        """A time course's value at a time [h], linearly interpolated between output times.

        Examples
        --------
        >>> r = Result(axis=np.array([0.0, 24.0]), values={"Tumour [%ID]": np.array([0.0, 1.0])})
        >>> r.at("Tumour [%ID]", 12)
        0.5
        """
        t = self.t
        values = np.asarray(self[label], dtype=float)
        if values.shape[-1:] != t.shape:
            raise ValueError(f"{label!r} is not a time course of this result (axis {t.shape}).")
        if isinstance(time_h, bool) or not isinstance(time_h, (int, float, np.number)):
            raise ValueError(f"time_h = {time_h!r} must be a number of hours.")
        if not (np.isfinite(time_h) and t[0] <= time_h <= t[-1]):
            raise ValueError(
                f"time_h = {time_h!r} h is out of range: allowed {t[0]:g} to {t[-1]:g} h "
                "(the result's times)."
            )
        if values.ndim == 1:
            return float(np.interp(time_h, t, values))
        return np.array([np.interp(time_h, t, row) for row in values])

    def to_table(self, at: Any = None, decimals: int = 3) -> str:
        """Fixed-width table of every value along the axis, at the points nearest ``at``
        (default: about eight points), headed by the axis' name and unit."""
        t = np.asarray(self.axis)
        if at is None:
            idx = np.arange(0, t.size, max(1, t.size // 8))
        else:
            idx = np.array([int(np.argmin(np.abs(t - x))) for x in np.atleast_1d(at)])
        labels = [k for k, v in self.values.items() if np.shape(v)[-1:] == t.shape]
        header = [self.axis_label] + labels
        rows = []
        for i in idx:
            cells = [f"{t[i]:g}"]
            for lab in labels:
                v = np.asarray(self.values[lab])
                # round-off like -1e-15 would print as "-0.000": show what is below the
                # printed precision as 0
                shown = (
                    0.0
                    if v.ndim == 1 and abs(v[i]) < 0.5 * 10.0**-decimals
                    else v[i]
                    if v.ndim == 1
                    else 0
                )
                cells.append("(batch)" if v.ndim > 1 else f"{shown:.{decimals}f}")
            rows.append(cells)
        widths = [max(len(r[j]) for r in [header] + rows) for j in range(len(header))]
        lines = ["  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True))]
        lines += ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
        return "\n".join(lines)

    def summary(self, decimals: int = 3) -> str:
        """One line per metric: ``label: value``."""
        out = []
        for k, v in self.metrics.items():
            arr = np.asarray(v)
            if arr.ndim == 0:
                out.append(f"{k}: {float(arr):.{decimals}g}")
            else:
                out.append(
                    f"{k}: median {np.median(arr):.{decimals}g} "
                    f"(range {arr.min():.{decimals}g} to {arr.max():.{decimals}g}, n = {arr.size})"
                )
        return "\n".join(out)


def _name(label: str) -> str:
    """A label without its unit: ``"Tumour [%ID]"`` -> ``"Tumour"``."""
    return label.split(" [")[0]


def combine_results(parts: dict[str, Result], parameters: dict | None = None) -> Result:
    """One Result from several on the same axis, each label prefixed with its part's name.

    The one way results are put side by side (targeted against untargeted, one strategy against
    another): ``combine_results({"Targeted": a, "Untargeted": b})["Targeted: Tumour [%ID]"]``.
    Parameters are kept per part unless ``parameters`` gives the combined result's own.

    Examples
    --------
    >>> a = Result(axis=np.array([0.0, 1.0]), values={"Blood [%ID]": np.array([100.0, 50.0])})
    >>> b = Result(axis=np.array([0.0, 1.0]), values={"Blood [%ID]": np.array([100.0, 80.0])})
    >>> combine_results({"PEG": a, "bare": b}).keys()
    ['PEG: Blood [%ID]', 'bare: Blood [%ID]']
    """
    if not parts or not all(isinstance(r, Result) for r in parts.values()):
        raise ValueError(f"parts = {parts!r} must map names to Results (at least one).")
    first = next(iter(parts.values()))
    for name, r in parts.items():
        if r.axis_label != first.axis_label or not np.array_equal(r.axis, first.axis):
            raise ValueError(
                f"part {name!r} has another axis ({r.axis_label}, {r.axis.size} points) than "
                f"the first ({first.axis_label}, {first.axis.size} points)."
            )
    return Result(
        axis=first.axis,
        values={f"{n}: {k}": v for n, r in parts.items() for k, v in r.values.items()},
        metrics={f"{n}: {k}": v for n, r in parts.items() for k, v in r.metrics.items()},
        parameters={n: r.parameters for n, r in parts.items()}
        if parameters is None
        else parameters,
        axis_label=first.axis_label,
    )
