"""The one Dashboard pattern every lesson's dashboards use (they live in ``*_dashboards.py``).

controls (from parameter metadata) -> model function -> figure updated in place + readout.

A lesson's dashboard is declared once, by :func:`dashboard_factory` on a function whose
signature names its parameter sets and their defaults::

    @dashboard_factory(title="...", controls=["diameter_nm"], compute=..., figure=...,
                       update=..., readout=...)
    def size_dashboard(particle=Nanoparticle(), patient=Patient()) -> Dashboard:
        'Lesson 01: what each organ does with a particle of this size.'

and driven from code as well as by sliders::

    dash = size_dashboard()
    dash.set(diameter_nm=150)
    print(dash.readout)
"""

from __future__ import annotations

import base64
import functools
import html
import inspect
import io
import struct
import time
import zlib
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as widgets
import numpy as np

from ..models.body import Patient
from ..parameters import ParameterSet, fields_of
from .controls import control_for
from .style import finish_axes, hide_canvas_chrome

__all__ = ["Dashboard", "STATIC_DPI", "dashboard_factory"]

#: Resolution of the static image a dashboard's output carries (about 650 px wide).
STATIC_DPI = 60


class Dashboard:
    """Controls -> model -> figure (updated in place) and a text readout.

    Parameters
    ----------
    title : str
        Shown above the controls.
    params : dict
        ``{"particle": Nanoparticle(), ...}``: the parameter sets the model is called with,
        as keyword arguments of ``compute``.
    controls : sequence of str
        Field names (unique across ``params``) that get a control.
    compute : callable
        ``compute(**params) -> result``; pure model call.
    figure : callable
        ``figure() -> (fig, artists)``; builds the figure and its artists once.
    update : callable
        ``update(artists, result)``: moves the artists' data; never creates a figure.
    readout : callable
        ``readout(result) -> str``: the key numbers as plain text.
    control_bounds : dict, optional
        ``{field: (low, high)}``: a narrower slider range than the field allows.
    body_note : str, optional
        Which body a %ID readout describes, when it is not the dashboard's one patient.
    """

    def __init__(
        self,
        *,
        title: str,
        params: dict[str, Any],
        controls: Sequence[str],
        compute: Callable[..., Any],
        figure: Callable[[], tuple[Any, dict[str, Any]]],
        update: Callable[[dict[str, Any], Any], None],
        readout: Callable[[Any], str],
        control_bounds: dict[str, tuple[float, float]] | None = None,
        body_note: str | None = None,
    ) -> None:
        self._body_note = body_note
        self.title = title
        self.params = dict(params)
        self._compute_fn = compute
        self._update_fn = update
        self._readout_fn = readout
        # Which parameter set owns each field. A name two sets share (e.g. temperature_c of a
        # liposome and of a heating protocol) is ambiguous: it must be written "set.field",
        # never silently bound to the first set.
        owners: dict[str, list[str]] = {}
        for key, pset in self.params.items():
            for name in fields_of(pset):
                owners.setdefault(name, []).append(key)
                owners[f"{key}.{name}"] = [key]
        self._owners = owners
        self._owner = {n: k[0] for n, k in owners.items() if len(k) == 1}
        for name in controls:
            self._resolve(name)
        self.controls: dict[str, widgets.Widget] = {
            name: control_for(
                self.params[self._owner[name]],
                self._field(name),
                (control_bounds or {}).get(name),
            )
            for name in controls
        }
        self._silent = False
        for w in self.controls.values():
            w.observe(self._on_change, names="value")
        self.fig, self.artists = figure()
        finish_axes(self.fig.axes)
        hide_canvas_chrome(self.fig)
        self._image: widgets.Image | None = None
        self._moving: list[Any] = []
        self._background: Any = None
        self._extents: dict[Any, list[int]] | None = None  # panels' pixel boxes
        if not isinstance(self.fig.canvas, widgets.DOMWidget):
            # Not the ipympl backend (e.g. inline or Agg): show a PNG that is redrawn in place.
            self._image = widgets.Image(format="png")
        else:
            self._blit_moving_artists()
            _send_frames_fast(self.fig.canvas)
        self._readout_html = widgets.HTML()
        self._widget: widgets.Widget | None = None
        self._holder: widgets.Box | None = None  # where a held-back dashboard will appear
        self.result: Any = None
        self.readout = ""
        self.timings: dict[str, float] = {}
        self.update()

    # -- driving it -------------------------------------------------------------------------
    def set(self, **changes: Any) -> None:
        """Change parameters by field name (validated), move the controls, update once."""
        by_set: dict[str, dict[str, Any]] = {}
        for name, value in changes.items():
            self._resolve(name)
            by_set.setdefault(self._owner[name], {})[self._field(name)] = value
        new = dict(self.params)
        for key, ch in by_set.items():
            new[key] = new[key].replace(**ch)  # raises ValueError before anything changes
        self.params = new
        self._silent = True
        try:
            for name in changes:
                for control in self.controls:
                    if self._owner[control] == self._owner[name] and self._field(
                        control
                    ) == self._field(name):
                        self.controls[control].value = getattr(
                            self.params[self._owner[name]], self._field(name)
                        )
        finally:
            self._silent = False
        self.update()

    def _on_change(self, change: dict[str, Any]) -> None:
        if self._silent:
            return
        owner = change["owner"]
        control = next(n for n, w in self.controls.items() if w is owner)
        key, name = self._owner[control], self._field(control)
        value = change["new"]
        f = fields_of(self.params[key])[name]
        if f.kind == "float" and isinstance(value, float):
            # A log slider's 10**max can exceed the bound by one ulp; the slider's range *is*
            # the bounds, so clamp that round-off instead of refusing the learner's move.
            value = min(max(value, f.bounds[0]), f.bounds[1])
        try:
            self.params[key] = self.params[key].replace(**{name: value})
        except ValueError as err:
            # A slider cannot leave its bounds, but a combination can be invalid (a heat-
            # triggered liposome of 5 nm): say why, and put the control back where the model
            # is, so that what the controls show is always what was computed.
            self._readout_html.value = f"<b>Invalid input:</b> {html.escape(str(err))}"
            self._silent = True
            try:
                owner.value = getattr(self.params[key], name)
            finally:
                self._silent = False
            return
        try:
            self._update(learner=True)
        except Exception as err:
            # Say so in the readout instead of leaving a silently frozen figure; re-raise so
            # the error is also logged (and tests fail).
            self._readout_html.value = (
                f"<b>This setting could not be computed</b> ({type(err).__name__}: "
                f"{html.escape(str(err))}). Please report it to your instructor."
            )
            raise

    def _resolve(self, name: str) -> None:
        """Raise a ValueError unless ``name`` (a field, or "set.field") names one field."""
        sets = self._owners.get(name)
        if sets is None:
            known = sorted(n for n in self._owners if "." not in n)
            raise ValueError(f"{name!r} is not a parameter of this dashboard; known: {known}.")
        if len(sets) > 1:
            raise ValueError(
                f"{name!r} is a parameter of {' and '.join(sets)}: say which, as "
                + " or ".join(repr(f"{k}.{name}") for k in sets)
                + "."
            )

    @staticmethod
    def _field(name: str) -> str:
        return name.rsplit(".", 1)[-1]

    def compute(self) -> Any:
        """Run the model on the current parameters (no drawing)."""
        return self._compute_fn(**self.params)

    def update(self) -> None:
        """Recompute, move the artists, redraw and refresh the readout."""
        self._update(learner=False)

    def _update(self, learner: bool) -> None:
        """:meth:`update`; ``learner``: a control moved in a view, which waits for the frame."""
        t0 = time.perf_counter()
        self.result = self.compute()
        t1 = time.perf_counter()
        self._update_fn(self.artists, self.result)
        if self._image is not None:
            buf = io.BytesIO()
            self.fig.savefig(buf, format="png", dpi=80)
            self._image.value = buf.getvalue()
        else:
            # the frame first: the learner watches the figure, and the readout's message
            # would otherwise go out (and be handled by the browser) before it
            self._redraw(now=learner)
        self.readout = self._readout_fn(self.result)
        if "%ID" in self.readout:
            self.readout += f"\n{self.species_note}"
        self._show_readout()
        self.timings = {"compute_s": t1 - t0, "update_s": time.perf_counter() - t0}

    def _show_readout(self) -> None:
        """Put the readout on the page; while a prediction holds the dashboard back, an empty
        one: the answer is not even in the page, hidden (the prediction calls this again when
        it is locked in)."""
        gate = getattr(self, "_held_by", None)
        text = "" if gate is not None and gate.value is None else self.readout
        self._readout_html.value = (
            '<pre role="status" aria-live="polite" style="margin:0.3em 0;font-size:0.95em;'
            f'line-height:1.35">{html.escape(text)}</pre>'
        )

    def _release(self) -> None:
        """The prediction holding the dashboard back is locked in: its readout, and the
        dashboard itself where it was displayed while held back."""
        self._show_readout()
        if self._holder is not None:
            self._holder.children = (self.widget,)

    # -- drawing it (ipympl) -----------------------------------------------------------------
    # Where a redraw's time went (docs/architecture.md, "Latency"): the model is a few ms, the
    # PNG diff ~10 ms, and drawing the figure 50-100 ms, most of it text (tick labels, titles,
    # legends) that a slider move does not change. So the artists an update moves (the
    # ``artists`` dict's lines, patches and bars, and the legends drawn over them) are
    # "animated": a full draw renders everything else once and keeps it as a background; an
    # update whose changes are all in moving artists restores that background and draws only
    # them (matplotlib's blitting). Anything else that changes (an axis limit, a title, a tick)
    # marks the figure stale, since only animated artists keep their changes to themselves,
    # and the next redraw is a full one.
    def _blit_moving_artists(self) -> None:
        from matplotlib.artist import Artist
        from matplotlib.axes import Axes
        from matplotlib.container import Container

        moving: list[Any] = []
        for artist in self.artists.values():
            parts = list(artist) if isinstance(artist, Container) else [artist]
            moving += [a for a in parts if isinstance(a, Artist) and not isinstance(a, Axes)]
        moving += [ax.get_legend() for ax in self.fig.axes if ax.get_legend() is not None]
        moving += list(self.fig.legends)
        axes_order = {ax: i for i, ax in enumerate(self.fig.axes)}
        # drawn per panel in the figure's order, and within a panel by zorder, as a full draw does
        moving.sort(key=lambda a: (axes_order.get(a.axes, len(axes_order)), a.get_zorder()))
        for a in moving:
            a.set_animated(True)
        self._moving = moving
        # An opaque legend (finish_axes makes them so) looks the same in every frame: its
        # pixels are kept from the full draw and pasted back, not drawn again (drawing a legend
        # of nine entries was half of a blitted frame).
        self._kept: dict[Any, Any] = {}
        self.fig.canvas.mpl_connect("draw_event", self._on_full_draw)

    def _on_full_draw(self, _event: Any) -> None:
        """After a full draw (ours, or one the browser asked for): keep the background, then
        draw the moving artists on it, before the frame is sent."""
        canvas = self.fig.canvas
        if canvas.is_saving():  # savefig's own renderer (the static image), not the screen's
            self._background = self._extents = None
            return
        self._background = (canvas.get_width_height(), canvas.copy_from_bbox(self.fig.bbox))
        self._extents = self._panel_extents()
        self._kept = {}
        self._draw_moving(keep=True)

    def _draw_moving(self, keep: bool = False) -> None:
        """Draw the moving artists in order; an opaque legend is drawn and its pixels kept
        (``keep``), or pasted back from the last full draw."""
        from matplotlib.colors import to_rgba
        from matplotlib.legend import Legend

        canvas = self.fig.canvas
        for a in self._moving:
            if not a.get_visible():
                continue
            if a in self._kept:
                canvas.restore_region(self._kept[a])
                continue
            self.fig.draw_artist(a)
            if (
                keep
                and isinstance(a, Legend)
                and a.get_frame_on()
                and to_rgba(a.get_frame().get_facecolor())[3] == 1.0
            ):
                self._kept[a] = canvas.copy_from_bbox(a.get_window_extent(canvas.get_renderer()))
        # Drawing a legend sets and restores its texts' properties, which marks the panel (and
        # so the figure) stale though nothing changed: this frame is current.
        for ax in self.fig.axes:
            ax.stale = False
        self.fig.stale = False

    def _redraw(self, now: bool = False) -> None:
        """The figure's new frame: the moving artists on the kept background, sent at once,
        when nothing else changed; a full draw otherwise."""
        canvas = self.fig.canvas
        size = canvas.get_width_height()
        if self._background is not None and self._background[0] == size and self.fig.stale:
            if self._redraw_panels():
                return
        if self.fig.stale or self._background is None or self._background[0] != size:
            if now and self._background is not None:
                # A learner moved a control, so a view is showing the figure (it asked for
                # the kept background's draw): draw at once rather than ask it first, a round
                # trip to the browser (20-30 ms) before a draw even starts.
                canvas.draw()
                return
            # Full: ipympl asks the browser, which asks back for a draw when it can show one
            # (none is drawn while no view exists); _on_full_draw adds the moving artists.
            canvas.draw_idle()
            return
        canvas.restore_region(self._background[1])
        self._draw_moving()
        canvas.blit(self.fig.bbox)

    def _panel_extents(self) -> dict[Any, list[int]] | None:
        """Each panel's box in the frame just drawn, [first row, first column, end row, end
        column] of its pixels (labels and title included, two pixels spare); None when boxes
        overlap (a twin axis, labels that reach into a neighbour) or figure-level artists
        could lie across them."""
        from matplotlib.transforms import Bbox

        fig = self.fig
        if fig.texts or fig.lines or fig.patches or fig.images:
            return None
        renderer = fig.canvas.get_renderer()
        height, width = int(renderer.height), int(renderer.width)
        boxes = {}
        for ax in fig.axes:
            b = ax.get_tightbbox(renderer)
            if b is None:
                return None
            # the tight box leaves out an axis' offset text ("1e6") and cuts a long axis
            # label to the panel's height, though both are drawn with the panel
            texts = (ax.xaxis.label, ax.yaxis.label, ax.xaxis.offsetText, ax.yaxis.offsetText)
            b = Bbox.union([b, *(t.get_window_extent(renderer) for t in texts if t.get_text())])
            boxes[ax] = [
                max(0, height - int(np.ceil(b.y1)) - 2),
                max(0, int(b.x0) - 2),
                min(height, height - int(b.y0) + 2),
                min(width, int(np.ceil(b.x1)) + 2),
            ]
        if any(_overlap(a, b) for a in boxes.values() for b in boxes.values() if a is not b):
            return None
        return boxes

    def _redraw_panels(self) -> bool:
        """Redraw only the panels that changed (an axis limit, a title, a tick) into the kept
        background, then blit; False, with nothing sent, when that cannot be done.

        A panel's box (:meth:`_panel_extents`) is cleared and the panel drawn again, its
        moving artists excepted as in a full draw: 10-13 ms where the whole figure took 30-40
        ms. It may grow into empty space (a longer tick label), never into another panel's
        box; something stale outside the panels needs the full draw instead.
        """
        from matplotlib.axes import Axes
        from matplotlib.colors import to_rgba

        fig = self.fig
        boxes = self._extents
        stale = [ax for ax in fig.axes if ax.stale]
        if (
            not boxes
            or not stale
            or any(ax not in boxes for ax in stale)
            or any(
                c.stale and not isinstance(c, Axes) and not c.get_animated()
                for c in fig.get_children()
            )
        ):
            return False
        canvas = fig.canvas
        renderer = canvas.get_renderer()
        canvas.restore_region(self._background[1])
        pixels = np.asarray(renderer.buffer_rgba()).view(np.uint32)[..., 0]  # RGBA as one
        before = pixels.copy()
        rgba = np.round(np.asarray(to_rgba(fig.get_facecolor())) * 255).astype(np.uint8)
        face = rgba.view(np.uint32)[0]
        others = np.zeros(pixels.shape, bool)
        for ax, (r0, c0, r1, c1) in boxes.items():
            if ax not in stale:
                others[r0:r1, c0:c1] = True
        for ax in stale:
            r0, c0, r1, c1 = boxes[ax]
            pixels[r0:r1, c0:c1] = face
            ax.apply_aspect()
            ax.draw(renderer)
        if (others & (pixels != before)).any():
            self._extents = None  # drew over another panel: the full draw repaints it all
            return False
        new = dict(boxes)
        if len(stale) == 1:  # where the panel now is: what is drawn outside the others' boxes
            drawn = (pixels != face) & ~others
            rows, cols = np.nonzero(drawn.any(axis=1))[0], np.nonzero(drawn.any(axis=0))[0]
            if rows.size:
                height, width = pixels.shape
                new[stale[0]] = [
                    max(0, int(rows[0]) - 2),
                    max(0, int(cols[0]) - 2),
                    min(height, int(rows[-1]) + 3),
                    min(width, int(cols[-1]) + 3),
                ]
        else:
            new = self._panel_extents()
        if not new or any(_overlap(new[a], new[b]) for a in stale for b in new if a is not b):
            self._extents = None
            return False
        self._extents = new
        self._background = (self._background[0], canvas.copy_from_bbox(fig.bbox))
        self._draw_moving()
        canvas.blit(fig.bbox)
        return True

    # -- showing it -------------------------------------------------------------------------
    @property
    def widget(self) -> widgets.Widget:
        """The whole dashboard as one ipywidgets container (built once)."""
        if self._widget is not None:
            return self._widget
        figure = self._image if self._image is not None else self.fig.canvas
        head = widgets.HTML(f"<b>{html.escape(self.title)}</b>")
        self._widget = widgets.VBox(
            [
                head,
                widgets.VBox(list(self.controls.values())),
                figure,
                self._readout_html,
                _slider_names(),
            ]
        )
        self._widget.add_class("nanoedu-dashboard")  # lets browser tests find each dashboard
        self._widget.add_class(f"nanoedu-panels-{self.panels}")  # for the latency benchmark
        return self._widget

    def static_png(self, dpi: float = STATIC_DPI, readout: bool = True) -> bytes:
        """The figure with the readout printed below it (or only the title, ``readout=False``:
        a dashboard a prediction holds back), as PNG: what a static view shows."""
        note = self.fig.text(
            0.01,
            -0.02,
            f"{self.title}\n{self.readout if readout else self.HELD_BACK}",
            va="top",
            ha="left",
            family="monospace",
            fontsize=12,  # readable where the picture is shown at its size (a web page)
        )
        try:
            buf = io.BytesIO()
            # "tight" grows the image to take in the text below the figure; the live figure
            # keeps its size and never draws the note
            self.fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
        finally:
            note.remove()
        return buf.getvalue()

    #: Shown instead of the readout while a prediction holds the dashboard back.
    HELD_BACK = "(The dashboard appears once you lock in your prediction above.)"

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        gate = getattr(self, "_held_by", None)
        if gate is not None and gate.value is None:
            # Held back by a prediction: a live notebook shows an empty box, which receives the
            # dashboard when the prediction is locked in (:meth:`_release`), so that nothing of
            # it is in the page before (not merely hidden: a dashboard created hidden also
            # answered its sliders ~10 ms slower in the browser than one shown at once). The
            # plain text (nbval, screen readers) states no readout, and the static picture (for
            # views without a kernel) shows the figure without the readout's numbers.
            if self._holder is None:
                self._holder = widgets.VBox([])
            bundle = self._holder._repr_mimebundle_(**kwargs)
            bundle["text/plain"] = f"{self.title}\n{self.HELD_BACK}"
            bundle["image/png"] = base64.b64encode(self.static_png(readout=False)).decode("ascii")
            return bundle
        bundle = self.widget._repr_mimebundle_(**kwargs)
        # Plain-text fallback = the readout: what a screen reader, a static viewer and nbval see.
        bundle["text/plain"] = f"{self.title}\n{self.readout}"
        # A static image of the figure and its readout, for views without a kernel (GitHub,
        # nbviewer, nbconvert's HTML, a course website): they skip the widget view, which
        # needs a live kernel, and show this instead. nbval does not compare images.
        bundle["image/png"] = base64.b64encode(self.static_png()).decode("ascii")
        return bundle

    @property
    def species_note(self) -> str:
        """Which body a %ID figure describes: the dashboard's patient, or the default mouse."""
        if self._body_note:
            return self._body_note
        patient = next((p for p in self.params.values() if isinstance(p, Patient)), Patient())
        return f"%ID: percent of the injected dose, in a {patient.label} (the course's model body)."

    @property
    def panels(self) -> int:
        """Panels of the figure (axes at distinct positions; a twin axis is not a panel)."""
        return len({tuple(round(b, 3) for b in ax.get_position().bounds) for ax in self.fig.axes})

    def line_data(self, name: str) -> tuple[Any, Any]:
        """(x, y) currently plotted by the named line artist (for tests and checks)."""
        artist = self.artists[name]
        return artist.get_xdata(), artist.get_ydata()


def _overlap(a: list[int], b: list[int]) -> bool:
    """Whether two pixel boxes [row, column, end row, end column] share a pixel."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _png(rgba: Any) -> bytes:
    """An RGBA image (h, w, 4 uint8) as PNG: rows unfiltered, run-length deflate.

    A dashboard's frame is mostly the transparent pixels of a diff (only what moved is
    drawn): this encodes one in 1-2 ms where PIL's default PNG (adaptive filters, zlib 6)
    took 4-7 ms, most of a blitted frame's time in the kernel, for files of about the same
    size (1-15 kB).
    """
    h, w, _ = rgba.shape
    rows = np.empty((h, 1 + 4 * w), np.uint8)
    rows[:, 0] = 0  # filter type None
    rows[:, 1:] = rgba.reshape(h, 4 * w)

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)  # 8-bit RGBA, no interlace
    deflate = zlib.compressobj(1, zlib.DEFLATED, 15, 9, zlib.Z_RLE)
    data = deflate.compress(rows) + deflate.flush()
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def _send_frames_fast(canvas: Any) -> None:
    """Make the ipympl canvas encode its frames with :func:`_png`.

    The frame a canvas sends after a draw or a blit is matplotlib's
    ``FigureCanvasWebAggCore.get_diff_image``: the pixels that changed since the last frame
    (or all of them), as PNG. This is the same method with the faster encoder; a canvas
    without the attributes it relies on (another matplotlib) keeps its own.
    """
    needed = ("_png_is_old", "_force_full", "_last_buff", "set_image_mode", "get_renderer")
    if not all(hasattr(canvas, n) for n in needed):
        return

    def get_diff_image() -> bytes | None:
        if not canvas._png_is_old:
            return None
        pixels = np.asarray(canvas.get_renderer().buffer_rgba())
        buff = pixels.view(np.uint32).squeeze(2)
        if (
            canvas._force_full
            or buff.shape != canvas._last_buff.shape
            or (pixels[:, :, 3] != 255).any()  # a transparent pixel cannot be overlaid
        ):
            canvas.set_image_mode("full")
            output = buff
        else:
            canvas.set_image_mode("diff")
            changed = buff != canvas._last_buff
            # The browser draws a diff at the canvas' top left corner (ipympl: drawImage(image,
            # 0, 0), without clearing): one cut after the last changed row and column draws the
            # same pixels, and has fewer to encode, send and decode (a third of them when one
            # panel's plot area changes).
            rows, cols = np.flatnonzero(changed.any(axis=1)), np.flatnonzero(changed.any(axis=0))
            end_row, end_col = (int(rows[-1]) + 1, int(cols[-1]) + 1) if rows.size else (1, 1)
            output = np.where(changed[:end_row, :end_col], buff[:end_row, :end_col], 0)
        canvas._last_buff = buff.copy()
        canvas._force_full = False
        canvas._png_is_old = False
        return _png(output.view(np.uint8).reshape(*output.shape, 4))

    canvas.get_diff_image = get_diff_image


#: ipywidgets' sliders (noUiSlider) give their draggable handle, the element that takes the
#: keyboard, no accessible name: a screen reader announces "slider" and nothing else (axe-core
#: rule aria-input-field-name). This names every handle after its slider's label, now and for
#: sliders drawn later (one observer per page).
_NAME_SLIDERS_JS = """
(() => {
  const name = (root) => root.querySelectorAll('.noUi-handle:not([aria-label])').forEach((h) => {
    const box = h.closest('.widget-slider') || h.closest('.jupyter-widgets');
    const label = box && box.querySelector('.widget-label');
    const text = label && label.textContent.trim();
    if (text) { h.setAttribute('aria-label', text); }
  });
  if (!window.__nanoeduNameSliders) {
    window.__nanoeduNameSliders = new MutationObserver(() => name(document));
    window.__nanoeduNameSliders.observe(document.body, { subtree: true, childList: true });
  }
  name(document);
})();
"""


def _slider_names() -> widgets.Output:
    """An empty-looking output that runs :data:`_NAME_SLIDERS_JS` where the dashboard is shown."""
    from IPython.display import Javascript

    out = widgets.Output(layout={"height": "0px", "overflow": "hidden"})
    out.append_display_data(Javascript(_NAME_SLIDERS_JS))
    return out


def dashboard_factory(
    *,
    title: str,
    controls: Sequence[str],
    compute: Callable[..., Any],
    figure: Callable[[], tuple[Any, dict[str, Any]]],
    update: Callable[[dict[str, Any], Any], None],
    readout: Callable[[Any], str],
    control_bounds: dict[str, tuple[float, float]] | None = None,
    body_note: str | None = None,
    cls: type[Dashboard] = Dashboard,
) -> Callable[[Callable[..., Any]], Callable[..., Dashboard]]:
    """Declare a dashboard: the decorated function's signature is its parameter sets.

    The decorated function has no body but its docstring. Each of its parameters is one
    parameter set the model is called with; its default (a frozen
    :class:`~nanoedu.parameters.ParameterSet`) is the set a learner starts from. The result is
    the dashboard's factory: called with any of those sets (or ``None`` for the default), it
    builds ``cls(title=..., params=..., ...)`` (see :class:`Dashboard` for the other
    arguments). The factory carries ``.title`` and ``.controls``, so a test or a tool can list
    the course's dashboards without building one.

    A set of the wrong type is refused with a ``ValueError`` that names the parameter and the
    type expected, before any widget is built.
    """

    def wrap(declaration: Callable[..., Any]) -> Callable[..., Dashboard]:
        signature = inspect.signature(declaration)
        defaults = {}
        for name, p in signature.parameters.items():
            if not isinstance(p.default, ParameterSet):
                raise TypeError(
                    f"{declaration.__name__}: parameter {name!r} needs a ParameterSet default "
                    "(the set a learner starts from)."
                )
            defaults[name] = p.default

        @functools.wraps(declaration)
        def factory(*args: Any, **kwargs: Any) -> Dashboard:
            given = signature.bind(*args, **kwargs).arguments
            params = {}
            for name, default in defaults.items():
                value = given.get(name)
                if value is None:
                    value = default
                elif not isinstance(value, type(default)):
                    kind = type(default).__name__
                    raise ValueError(
                        f"{name} must be a {kind} (for example {kind}()), not "
                        f"{type(value).__name__} {value!r}."
                    )
                params[name] = value
            return cls(
                title=title,
                params=params,
                controls=controls,
                compute=compute,
                figure=figure,
                update=update,
                readout=readout,
                control_bounds=control_bounds,
                body_note=body_note,
            )

        factory.title = title  # type: ignore[attr-defined]
        factory.controls = tuple(controls)  # type: ignore[attr-defined]
        return factory

    return wrap
