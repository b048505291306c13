"""Widgets built from parameter metadata: range, step, unit and tooltip come from the field."""

from __future__ import annotations

import math
from typing import Any

import ipywidgets as widgets

from ..parameters import fields_of

__all__ = ["control_for", "label_for"]


#: Labels written for a learner where the field's name would mislead or repeat its unit (the
#: slider that sets K_D says so: a higher K_D binds more weakly).
LABELS = {
    "affinity_nM": "K_D, lower binds tighter",
    "ligands_per_particle": "ligands per particle",
    "concentration_nM": "particle concentration",
    "dose_particles": "dose",
    "threshold_pct": "selection threshold",
    "target_pct": "target delivery",
    "max_dose_multiple": "maximum dose",
    "vessel_conductivity_cm_per_mmHg_s": "vessel leakiness L_p",
    "injected_activity_MBq": "injected activity",
    "resolution_fwhm_mm": "resolution (FWHM)",
    "noise_sd": "noise (SD)",
    "transition_c": "transition T_m",
    "mass_g": "tumour mass",
    "start_h": "starts at",
    "duration_h": "lasts",
    "shuttle_on": "transferrin-receptor shuttle",
    "ultrasound_on": "focused ultrasound",
    "heating_on": "heating on",
    "peg_coverage": "PEG coverage",
    "imaging": "imaging time",
}
#: How a unit is shown beside a control.
UNIT_SHOWN = {"degC": "°C", "ligands": "", "x dose": "x standard dose", "1": ""}
_UNIT_SUFFIXES = (
    "_cm_per_mmHg_s",
    "_g_cm3",
    "_mL_per_h",
    "_per_h",
    "_cm_s",
    "_particles",
    "_fwhm_mm",
    "_pct",
    "_MBq",
    "_nm",
    "_nM",
    "_mL",
    "_mm",
    "_um",
    "_h",
    "_g",
    "_c",
)


def label_for(name: str, unit: str) -> str:
    """Control label: the learner's name for the field (:data:`LABELS`, else the field name
    without its unit suffix), and its unit in brackets.

    Examples
    --------
    >>> label_for("affinity_nM", "nM")
    'K_D, lower binds tighter [nM]'
    >>> label_for("radius_mm", "mm")
    'radius [mm]'
    >>> label_for("temperature_c", "degC")
    'temperature [°C]'
    """
    base = LABELS.get(name)
    if base is None:
        base = name
        for suffix in _UNIT_SUFFIXES:
            if base.endswith(suffix) and len(base) > len(suffix):
                base = base[: -len(suffix)]
                break
        base = base.replace("_", " ")
    shown = UNIT_SHOWN.get(unit, unit)
    return f"{base} [{shown}]" if shown else base


def control_for(
    parameter_set: Any, name: str, bounds: tuple[float, float] | None = None
) -> widgets.Widget:
    """Make the control for one field of a parameter set, at the set's current value.

    Float fields become sliders (logarithmic where the field says so) whose range is the
    field's bounds, so a slider cannot reach an invalid value; bool fields become checkboxes.
    ``bounds`` narrows a slider's range (e.g. to a mouse's tumours when the field also
    allows a patient's); it must lie within the field's bounds and hold the current value.
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
    if bounds is not None:
        b_lo, b_hi = (float(b) for b in bounds)
        if not (lo <= b_lo < b_hi <= hi and b_lo <= value <= b_hi):
            raise ValueError(
                f"slider bounds for {name} = ({b_lo:g}, {b_hi:g}) must lie within "
                f"{f.format_range()} and hold the current value {value:g}."
            )
        lo, hi = b_lo, b_hi
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
