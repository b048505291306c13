"""Lesson 07 (capstone): the design dashboard, with a table of the learner's own tries."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import numpy as np

from ..models.design import Design, PatientCase, ScoreWeights, case_setup, evaluate_design
from ..models.targeting import TARGETED_COMPARTMENTS, TUMOUR_STATES
from ..results import Result
from .pattern import Dashboard, dashboard_factory
from .style import PALETTE, format_amount, new_figure

__all__ = ["design_dashboard", "DesignDashboard"]

_PARTS = ("Delivery part [1]", "Release part [1]", "Off-target part [1]", "Prediction part [1]")
_PART_LABELS = ("delivery", "release", "off-target\n(1 - share)", "prediction")
_CARGO = (
    "freed:\ntumour",
    "freed:\nelsewhere",
    "carrier:\ntumour",
    "carrier:\nliver+spl.",
    "carrier:\nother",
    "carrier:\nurine",
)
_FLOOR = 1e-4  # % of dose: the log axis' bottom; smaller amounts sit on it


def _cargo_at_48h(r: Result) -> np.ndarray:
    def at48(state: str) -> float:
        return float(r[f"{state} [% dose]"][-1])

    tumour = sum(at48(TARGETED_COMPARTMENTS[i]) for i in TUMOUR_STATES)
    mps = at48("Liver") + at48("Spleen")
    other = sum(at48(s) for s in ("Blood", "Kidney", "Brain", "Rest of body"))
    return np.array(
        [
            at48("Released in tumour"),
            at48("Released elsewhere"),
            tumour,
            mps,
            other,
            at48("Urine"),
        ]
    )


def _compute(design: Design, case: PatientCase, weights: ScoreWeights) -> Result:
    return evaluate_design(design, case, weights)


def _figure() -> tuple[Any, dict[str, Any]]:
    fig, axes = new_figure(3, width_in=12.0, height_in=3.6)
    fig.subplots_adjust(bottom=0.2, left=0.06, wspace=0.3)
    a: dict[str, Any] = {}
    ax = axes[0]
    colours = (PALETTE["green"], PALETTE["blue"], PALETTE["orange"], PALETTE["purple"])
    a["parts"] = ax.bar(np.arange(4), np.zeros(4), color=colours)
    ax.set_xticks(np.arange(4), _PART_LABELS, fontsize=8)
    ax.set(ylim=(0, 1.0), title="The score's four parts", ylabel="part of the score [0-1]")
    ax = axes[1]
    colours = (
        PALETTE["green"],
        PALETTE["vermillion"],
        PALETTE["sky"],
        PALETTE["orange"],
        PALETTE["grey"],
        PALETTE["yellow"],
    )
    a["cargo"] = ax.bar(np.arange(6), np.full(6, _FLOOR), color=colours, bottom=0)
    ax.set_yscale("log")
    ax.set_xticks(np.arange(6), _CARGO, fontsize=7)
    ax.set(
        ylim=(_FLOOR, 150.0),
        title="Where the drug is at 48 h (freed or still in carriers)",
        ylabel="drug [% of dose]",
    )
    ax = axes[2]
    (a["cohort"],) = ax.plot([], [], "o", ms=3.5, color=PALETTE["blue"], alpha=0.6)
    ax.set(
        title="Does the image rank patients?",
        xlabel="image at 24 h ÷ the cohort's largest [1]",
        ylabel="drug in tumour ÷ the cohort's largest [1]",
        xlim=(-0.05, 1.05),
        ylim=(-0.05, 1.05),
    )
    return fig, a


def _relative(v: np.ndarray) -> np.ndarray:
    """Values divided by the largest magnitude among them (all zero when they are all zero)."""
    top = float(np.abs(v).max())
    return v / top if top > 0 else np.zeros_like(v)


def _update(a: dict[str, Any], r: Result) -> None:
    for bar, key in zip(a["parts"], _PARTS, strict=True):
        bar.set_height(r[key])
    for bar, h in zip(a["cargo"], np.maximum(_cargo_at_48h(r), _FLOOR), strict=True):
        bar.set_height(h)
    key_x = next(k for k in r.values if k.startswith("Cohort: image"))
    # The panel asks whether the image ranks the patients, which does not depend on scale: each
    # axis shows the cohort's values divided by the largest of them, and the readout states the
    # cohort's median values in their units. In absolute units the axes had to follow the
    # values, which change ten-fold a key press for some designs (a transferrin-receptor
    # particle in a glioblastoma, from 200 nm down: 1e-13 to 1e-2 %ID/g), and each rescale
    # redrew the panel; divided by the largest, the points keep their place on fixed axes. An
    # image that reads below zero (no signal above the blood's, after background subtraction)
    # shows on the negative side, which the x axis then opens.
    x = _relative(r[key_x])
    y = _relative(r["Cohort: released in tumour by 48 h [% dose/g]"])
    a["cohort"].set_data(x, y)
    ax = a["cohort"].axes
    lim = (-1.05 if x.min() < -0.01 else -0.05, 1.05 if x.max() > 0.01 else 0.05)
    if ax.get_xlim() != lim:
        ax.set_xlim(*lim)


def _median(r: Result, key: str) -> str:
    """The cohort's median of one quantity, in its unit (the panel shows them relative)."""
    key = next(k for k in r.values if k.startswith(key))
    unit = key[key.rindex("[") + 1 : -1]
    return format_amount(float(np.median(r[key])), unit)


def _readout(r: Result) -> str:
    design: Design = r.parameters["design"]
    setup = r.parameters["case"]
    lines = [
        f"Case: {setup.name}, {setup.story}.",
        f"Tumour delivery at 24 h: {format_amount(r['Tumour delivery at 24 h [%ID]'], '%ID')} "
        "(carriers, whether or not they still hold drug)",
        f"Payload: {r['Payload per particle, relative to 50 nm [1]']:.3g}x a 50 nm carrier's "
        f"drug, so {r['Particles injected [1]']:.2g} particles carry the standard drug dose",
        f"Drug released in the tumour by 48 h: "
        f"{format_amount(r['Released in tumour by 48 h [% dose]'], '% of dose')}",
        f"Drug released elsewhere by 48 h: "
        f"{format_amount(r['Released elsewhere by 48 h [% dose]'], '% of dose')}",
        f"Image ({design.label}) against drug per gram of tumour, 100 virtual patients: "
        f"rank correlation {r['Image-outcome rank correlation [1]']:.2f}; medians "
        f"{_median(r, 'Cohort: image')} and "
        f"{_median(r, 'Cohort: released in tumour by 48 h [% dose/g]')}",
        "Score: {:.1f} / 100 (delivery {:.2f}, release {:.2f}, off-target {:.2f}, "
        "prediction {:.2f})".format(r["Score [0-100]"], *(r[k] for k in _PARTS)),
    ]
    if not r["Passes the toxicity gate [1]"]:
        limit = r.parameters["weights"].off_target_limit_pct
        lines.append(
            f"Toxicity gate: more than {limit:g}% of the drug is freed outside the tumour, so the "
            "design scores 0 whatever its other parts (a dose-limiting toxicity)."
        )
    if design.trigger == "heat" and not setup.heating_available:
        lines.append("Note: this case offers no heating, so the heat-sensitive carrier only leaks.")
    if design.ligand == "none" and (
        design.affinity_nM != Design().affinity_nM
        or design.ligands_per_particle != Design().ligands_per_particle
    ):
        lines.append("Note: without a ligand, the affinity and ligand sliders change nothing.")
    if design.ligand == "transferrin receptor" and setup.behind_bbb:
        lines.append(
            f"Transferrin-receptor shuttle: {r['Shuttle uptake rate [1/h]']:.2g} /h out of the "
            "blood into the tumour (many ligands bind the vessel wall too avidly to let go)"
        )
    return "\n".join(lines)


class DesignDashboard(Dashboard):
    """The design dashboard plus a table of the learner's tries (``record()``)."""

    COLUMNS = (
        ("case", "case"),
        ("size [nm]", "diameter_nm"),
        ("coating", "coating"),
        ("ligand", "ligand"),
        ("K_D [nM]", "affinity_nM"),
        ("ligands", "ligands_per_particle"),
        ("trigger", "trigger"),
        ("label", "label"),
        ("delivery [%ID]", "Tumour delivery at 24 h [%ID]"),
        ("freed in tumour [%]", "Released in tumour by 48 h [% dose]"),
        ("freed elsewhere [%]", "Released elsewhere by 48 h [% dose]"),
        ("rank corr.", "Image-outcome rank correlation [1]"),
        ("score", "Score [0-100]"),
    )

    def __init__(self, **kwargs: Any) -> None:
        case_setup(kwargs["params"]["case"])  # validates the case before any widget is built
        self.tries: list[dict[str, Any]] = []
        self._table_html = widgets.HTML()
        self._button = widgets.Button(
            description="Record this try",
            tooltip="add the current design and its numbers to the table below",
            icon="plus",
        )
        self._button.on_click(lambda _b: self.record())
        super().__init__(**kwargs)

    def record(self) -> dict[str, Any]:
        """Add the current design and its computed numbers to the table of tries."""
        r = self.result
        design, setup = r.parameters["design"], r.parameters["case"]
        row: dict[str, Any] = {}
        for head, key in self.COLUMNS:
            if key == "case":
                row[head] = setup.name
            elif hasattr(design, key):
                row[head] = getattr(design, key)
            else:
                row[head] = float(r[key])
        self.tries.append(row)
        self._table_html.value = self._table_as_html()
        return row

    def tries_table(self) -> str:
        """The table of tries as plain text (the best score marked with ``*``)."""
        if not self.tries:
            return "No tries recorded yet: press 'Record this try' (or call record())."
        heads = ["#"] + [h for h, _ in self.COLUMNS]
        best = int(np.argmax([t["score"] for t in self.tries]))
        rows = [
            [f"{i + 1}{'*' if i == best else ''}"] + [_cell(t[h]) for h, _ in self.COLUMNS]
            for i, t in enumerate(self.tries)
        ]
        widths = [max(len(x) for x in col) for col in zip(heads, *rows, strict=True)]
        lines = ["  ".join(h.rjust(w) for h, w in zip(heads, widths, strict=True))]
        lines += ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
        return "\n".join(lines)

    def _table_as_html(self) -> str:
        return (
            '<pre style="margin:0.3em 0;font-size:0.85em;line-height:1.3;white-space:pre;'
            'overflow-x:auto">'
            f"{html.escape(self.tries_table())}</pre>"
        )

    @property
    def widget(self) -> widgets.Widget:
        if self._widget is None:
            base = super().widget
            self._table_html.value = self._table_as_html()
            base.children = (*base.children, self._button, self._table_html)
        return self._widget


def _cell(v: Any) -> str:
    if isinstance(v, str):
        return v
    return f"{v:.3g}"


@dashboard_factory(
    title="Design a theranostic particle",
    controls=[
        "case",
        "diameter_nm",
        "coating",
        "ligand",
        "affinity_nM",
        "ligands_per_particle",
        "trigger",
        "label",
    ],
    compute=_compute,
    figure=_figure,
    update=_update,
    readout=_readout,
    cls=DesignDashboard,
)
def design_dashboard(
    design: Design = Design(),
    case: PatientCase = PatientCase(),
    weights: ScoreWeights = ScoreWeights(),
) -> DesignDashboard:
    """Lesson 07: design one particle for a patient case and see its score; record your tries."""
