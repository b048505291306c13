"""Widgets built from parameter metadata: range, step, unit and tooltip come from the field."""

from __future__ import annotations

import math
from typing import Any

import ipywidgets as widgets

from ..parameters import fields_of

__all__ = ["control_for", "label_for"]


def label_for(name: str, unit: str) -> str:
    """Slider label: field name without its unit suffix, plus the unit in brackets."""
    base = name
    for suffix in ("_nm", "_nM", "_mL", "_h", "_g", "_um", "_c", "_cm_s", "_per_h", "_particles"):
        if base.endswith(suffix):
            base = base[: -len(suffix)]
            break
    text = base.replace("_", " ").replace("peg ", "PEG ")
    return f"{text} [{unit}]" if unit and unit not in ("1", "") else text


def control_for(parameter_set: Any, name: str) -> widgets.Widget:
    """Make the control for one field of a parameter set, at the set's current value.

    Float fields become sliders (logarithmic where the field says so) whose range is the
    field's bounds, so a slider cannot reach an invalid value; bool fields become checkboxes.
    """
    meta = fields_of(parameter_set)
    if name not in meta:
        raise ValueError(
            f"{type(parameter_set).__name__} has no parameter {name!r}; known: {sorted(meta)}."
        )
    f = meta[name]
    value = getattr(parameter_set, name)
    label = label_for(name, f.unit)
    style = {"description_width": "initial"}
    layout = widgets.Layout(width="100%", max_width="420px")
    tooltip = f"{f.description} ({f.format_range()}; source: {f.source})"
    if f.kind == "choice":
        return widgets.ToggleButtons(
            options=list(f.options), value=value, description=label, tooltip=tooltip, style=style
        )
    if f.kind == "bool":
        return widgets.Checkbox(
            value=bool(value),
            description=label,
            tooltip=tooltip,
            style=style,
            indent=False,
            layout=layout,
        )
    lo, hi = f.bounds
    if f.log:
        w = widgets.FloatLogSlider(
            value=value,
            base=10,
            min=math.log10(lo),
            max=math.log10(hi),
            step=(math.log10(hi) - math.log10(lo)) / 200,
            description=label,
            readout_format=".3g",
            continuous_update=False,
            style=style,
            layout=layout,
        )
    else:
        w = widgets.FloatSlider(
            value=value,
            min=lo,
            max=hi,
            step=(hi - lo) / 100,
            description=label,
            readout_format=".3g",
            continuous_update=False,
            style=style,
            layout=layout,
        )
    w.tooltip = tooltip
    return w
