"""Colour-blind-safe palette and figure defaults, applied per figure (never globally)."""

from __future__ import annotations

import math
from typing import Any

import matplotlib.pyplot as plt

__all__ = [
    "PALETTE",
    "COMPARTMENT_COLOURS",
    "RC",
    "DPI",
    "new_figure",
    "finish_axes",
    "hide_canvas_chrome",
]

#: Okabe & Ito (2008) colour-universal-design palette.
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}

COMPARTMENT_COLOURS = {
    "Blood": PALETTE["vermillion"],
    "Liver": PALETTE["orange"],
    "Spleen": PALETTE["purple"],
    "Kidney": PALETTE["sky"],
    "Urine": PALETTE["yellow"],
    "Tumour": PALETTE["green"],
    "Brain": PALETTE["blue"],
    "Rest of body": PALETTE["grey"],
    "Other phagocytes": PALETTE["black"],
}

#: rcParams used inside each nanoedu figure only (via ``plt.rc_context``).
RC: dict[str, Any] = {
    "font.size": 10,
    "axes.titlesize": 10,
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "lines.linewidth": 2.0,
    # A fixed title position: automatic placement measures every tick label on each draw
    # (~13 ms of a 3-panel redraw here).
    "axes.titley": 1.0,
}

#: Dots per inch of dashboard figures; with ipympl every update sends a PNG of this size.
DPI = 80


def new_figure(ncols: int, width_in: float = 10.0, height_in: float = 3.4) -> tuple[Any, list]:
    """Create a figure with ``ncols`` axes and a fixed layout, without displaying it.

    The layout is computed once here (fixed margins), never per draw: recomputing a
    constrained layout on every update costs ~4x the redraw time (docs/architecture.md, budgets).
    With the ipympl backend the canvas is a widget that a Dashboard embeds.
    """
    with plt.ioff(), plt.rc_context(RC):
        fig = plt.figure(figsize=(width_in, height_in), dpi=DPI)
        axes = [fig.add_subplot(1, ncols, i + 1) for i in range(ncols)]
        fig.subplots_adjust(left=0.07, right=0.98, bottom=0.16, top=0.88, wspace=0.38)
    return fig, axes


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def decade_label(value: float, _pos: Any = None) -> str:
    """Tick label for a log axis: plain numbers near 1, 10 with a superscript otherwise.

    Unicode superscripts instead of mathtext: mathtext tick labels were the largest single
    cost of a dashboard redraw.

    Examples
    --------
    >>> [decade_label(v) for v in (1e-5, 0.01, 1.0, 100.0, 1e6)]
    ['10⁻⁵', '0.01', '1', '100', '10⁶']
    """
    if value <= 0:
        return ""
    exponent = round(math.log10(value))
    if -2 <= exponent <= 3:
        return f"{value:g}"
    return "10" + str(exponent).translate(_SUPERSCRIPT)


def wrap_title(ax: Any, text: str | None = None) -> None:
    """Set (or re-wrap) an axes' title on as many lines as it needs to stay within the axes'
    width, so that no title runs into its neighbour's or off the figure."""
    import textwrap

    text = ax.get_title() if text is None else text
    fig = ax.figure
    # original=True: the layout box, without apply_aspect (which marks the figure stale)
    width_in = ax.get_position(original=True).width * fig.get_figwidth()
    size = ax.title.get_fontsize()
    # an average glyph of this sans-serif font is about 0.55 em wide
    chars = max(12, int(width_in * 72.0 / (0.55 * size)))
    wrapped = textwrap.fill(" ".join(text.split()), chars)
    if wrapped != ax.get_title():  # setting the same title would still force a full redraw
        ax.set_title(wrapped)


#: Line styles given, in turn, to curves of one panel that grey-scale printing (or colour-blind
#: eyes) could not tell apart by colour alone.
LINE_STYLES = (
    "-",
    "--",
    ":",
    "-.",
    (0, (6, 2, 1, 2, 1, 2)),
    (0, (1, 3)),
    (0, (8, 3)),
    (0, (3, 1, 1, 1)),
    (0, (2, 4)),
    (0, (10, 2, 2, 2)),
)
#: Markers for the same purpose where a panel's line styles already carry a meaning (solid:
#: targeted, dashed: untargeted).
LINE_MARKERS = ("o", "s", "^", "D", "v", "P", "X")


def _luminance(colour: Any) -> float:
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def distinguish_lines(ax: Any, min_grey_step: float = 0.15) -> None:
    """Give curves of one panel that differ only by colour (grey levels closer than
    ``min_grey_step``) different line styles, in order, and redraw the legend to match."""
    from matplotlib.colors import to_rgb

    lines = [
        ln
        for ln in ax.get_lines()
        if len(ln.get_xdata()) != 1 and ln.get_linestyle() not in ("None", " ", "")
    ]
    clash = set()
    for i, a in enumerate(lines):
        for b in lines[i + 1 :]:
            same = (a.get_linestyle(), a.get_marker(), a.get_linewidth()) == (
                b.get_linestyle(),
                b.get_marker(),
                b.get_linewidth(),
            )
            # the same colour is the same quantity on purpose (e.g. two reference lines)
            differ = to_rgb(a.get_color()) != to_rgb(b.get_color())
            close = abs(_luminance(a.get_color()) - _luminance(b.get_color())) < min_grey_step
            if same and differ and close:
                clash.update((a, b))
    if not clash:
        return
    styles_mean_something = len({str(ln.get_linestyle()) for ln in lines}) > 1
    groups: dict[Any, int] = {}
    for ln in lines:
        if ln not in clash:
            continue
        if styles_mean_something:
            # one marker per colour, so a colour's solid and dashed curves share it
            k = groups.setdefault(ln.get_color(), len(groups))
            ln.set_marker(LINE_MARKERS[k % len(LINE_MARKERS)])
            ln.set_markevery(0.12)
            ln.set_markersize(4)
        else:
            k = len(groups)
            groups[id(ln)] = k
            ln.set_linestyle(LINE_STYLES[k % len(LINE_STYLES)])
    legend = ax.get_legend()
    if legend is not None:
        handles, labels = ax.get_legend_handles_labels()
        ax.legend(
            handles,
            labels,
            loc=legend._loc,
            ncols=getattr(legend, "_ncols", 1),
            fontsize=legend.get_texts()[0].get_fontsize() if legend.get_texts() else None,
        )


def finish_axes(axes: list) -> None:
    """Cheap ticks on log axes once the scales are set: decades only, plain-text labels; titles
    wrapped to their axes' width; legends opaque."""
    from matplotlib.ticker import FuncFormatter, NullLocator

    for ax in axes:
        if ax.get_title():
            wrap_title(ax)
        distinguish_lines(ax)  # (may rebuild the legend)
        if ax.get_legend() is not None:
            # opaque: a curve passing behind is hidden, not blended, so the legend looks the
            # same in every frame and a dashboard can paste it back instead of redrawing it
            ax.get_legend().get_frame().set_alpha(1.0)
        for axis in (ax.xaxis, ax.yaxis):
            if axis.get_scale() == "log":
                axis.set_minor_locator(NullLocator())
                axis.set_major_formatter(FuncFormatter(decade_label))


def hide_canvas_chrome(fig: Any) -> None:
    """Hide ipympl's header, footer, toolbar and resize handle (no-op for other canvases)."""
    canvas = fig.canvas
    for attr, value in (
        ("header_visible", False),
        ("footer_visible", False),
        ("resizable", False),
        ("toolbar_visible", False),
    ):
        if hasattr(canvas, attr):
            setattr(canvas, attr, value)


def nice_ceil(x: float) -> float:
    """The smallest of 1, 2, 2.5 or 5 times a power of ten that is >= ``x`` (``x`` > 0).

    Examples
    --------
    >>> [nice_ceil(v) for v in (0.7, 1.0, 1.3, 2.2, 3.0, 7.5, 130.0)]
    [1.0, 1.0, 2.0, 2.5, 5.0, 10.0, 200.0]
    """
    power = 10.0 ** math.floor(math.log10(x))
    return next(m * power for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * power >= x * (1 - 1e-12))


def fit_ylim(axes: Any, peak: float, headroom: float = 1.15, floor: float = 1e-9) -> None:
    """Rescale a linear y axis from 0 only when the data leave it or shrink below a third of it.

    The axes stay put while a slider moves a little (a learner compares by position), and
    follow the data when they change scale, to a round top (:func:`nice_ceil`): a slider
    dragged one way then rescales the axis a few times, not at every step (each rescale is a
    full redraw).
    """
    top = nice_ceil(headroom * max(float(peak), floor))
    for ax in axes if isinstance(axes, (list, tuple)) else (axes,):
        _, hi = ax.get_ylim()
        if top > hi or top < hi / 3:
            ax.set_ylim(0, top)


def format_amount(x: float, unit: str) -> str:
    """A computed number for a learner: 3 significant digits, values below 1e-4 as a bound.

    Examples
    --------
    >>> format_amount(0.01234, "%ID"), format_amount(2e-9, "/h")
    ('0.0123 %ID', '< 0.0001 /h')
    """
    return f"< 0.0001 {unit}" if abs(x) < 1e-4 else f"{x:.3g} {unit}"
