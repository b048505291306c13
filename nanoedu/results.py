"""The small frozen ``Result`` every model function returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["Result"]


@dataclass(frozen=True)
class Result:
    """Model output: times, named arrays (labels carry units), scalar metrics, inputs used.

    Attributes
    ----------
    t : numpy.ndarray
        Times [h], shape (T,).
    values : dict
        ``{"Tumour [%ID]": array}``; arrays have shape (T,) or (n, T) for a batch of n.
    metrics : dict
        Named summary numbers (scalars, or arrays of shape (n,) for a batch), units in labels.
    parameters : dict
        The parameter sets and options the model was called with.
    """

    t: np.ndarray
    values: dict[str, np.ndarray]
    metrics: dict[str, Any] = field(default_factory=dict)
    parameters: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, label: str) -> np.ndarray:
        """Return a value or metric by its label, or by the label without its unit."""
        for store in (self.values, self.metrics):
            if label in store:
                return store[label]
            for key, v in store.items():
                if key.split(" [")[0] == label:
                    return v
        raise KeyError(f"{label!r}; known: {list(self.values) + list(self.metrics)}")

    def to_table(self, times_h: Any = None, decimals: int = 3) -> str:
        """Fixed-width table of every value at the given times (default: every 6th point)."""
        t = np.asarray(self.t)
        if times_h is None:
            idx = np.arange(0, t.size, max(1, t.size // 8))
        else:
            idx = np.array([int(np.argmin(np.abs(t - x))) for x in np.atleast_1d(times_h)])
        labels = list(self.values)
        header = ["t [h]"] + labels
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
