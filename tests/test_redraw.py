"""Dashboards redraw by blitting under ipympl: only the artists an update moves are drawn on a
kept background, and the frame is the one a full draw would give.

Run in a subprocess with the ipympl backend (the rest of the suite uses Agg, where a dashboard
shows a PNG instead of a live canvas).
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

import pytest

_SCRIPT = r"""
import json
import numpy as np
import sys
from matplotlib.backends.backend_agg import FigureCanvasAgg
import nanoedu.ui as ui
sys.path.insert(0, "benchmarks")
from run import as_if_shown

def frame(fig):
    return np.asarray(fig.canvas.get_renderer().buffer_rgba()).astype(int)

out = {}
for name in [n for n in ui.__all__ if n.endswith("_dashboard")]:
    d = getattr(ui, name)()
    canvas = d.fig.canvas
    full = []
    draw = canvas.draw
    canvas.draw = lambda: (full.append(1), draw())[1]
    as_if_shown(d)  # a browser showing it answers each "draw" request (as make bench does)
    full.clear()
    control = next(w for w in d.controls.values() if hasattr(w, "max"))
    start = control.value
    other = start + (control.max - start) / 3 if control.max > start else start - (start - control.min) / 3
    worst = 0.0
    for i in range(6):
        control.value = other if i % 2 == 0 else start
        live = frame(d.fig)
        for a in d._moving:
            a.set_animated(False)
        FigureCanvasAgg.draw(canvas)  # the reference: everything drawn in one pass
        ref = frame(d.fig)
        for a in d._moving:
            a.set_animated(True)
        canvas.draw()  # back to a kept background (counts as a full draw: subtracted below)
        full.pop()
        worst = max(worst, float((np.abs(live - ref).max(axis=2) > 64).mean()))
    # a change outside the moving artists (an axis limit) must give a full draw
    ax = d.fig.axes[0]
    n_full = len(full)
    ax.set_xlim(*ax.get_xlim()[::-1])
    d.update()
    out[name] = {"moves": 6, "full": n_full, "worst": worst, "full_after_xlim": len(full) - n_full}
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def redraws() -> dict:
    env = {**os.environ, "MPLBACKEND": "module://ipympl.backend_nbagg"}
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=pathlib.Path(__file__).resolve().parents[1],
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_every_dashboard_is_measured(redraws):
    from conftest import dashboard_titles

    assert len(redraws) == len(dashboard_titles())


def test_a_slider_move_blits_instead_of_drawing_the_whole_figure(redraws):
    # at most the moves that genuinely rescale an axis redraw everything (one or two of six)
    slow = {name: r["full"] for name, r in redraws.items() if r["full"] > 2}
    assert not slow, f"full redraws on a slider move (of 6): {slow}"


def test_a_blitted_frame_is_the_frame_a_full_draw_gives(redraws):
    # antialiasing may differ by a few levels at a curve's edge; a missing or stale artist
    # changes whole curves (thousands of pixels by >64 levels)
    bad = {name: r["worst"] for name, r in redraws.items() if r["worst"] > 1e-3}
    assert not bad, f"share of pixels off by > 64 levels: {bad}"


def test_a_change_outside_the_moving_artists_draws_the_whole_figure(redraws):
    assert all(r["full_after_xlim"] == 1 for r in redraws.values()), redraws
