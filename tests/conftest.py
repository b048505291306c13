"""Shared test helpers: hypothesis strategies built from the parameter metadata itself."""

from __future__ import annotations

import math
import os
import shutil

import matplotlib
import pytest

matplotlib.use("Agg")  # widget tests run without a browser; set before pyplot is imported
os.environ.setdefault("MPLBACKEND", "Agg")
# Running the lessons and widgets as tests writes no learner's record (nanoedu.course.record);
# the record's own tests choose a file explicitly. Kernels started by nbval inherit this.
os.environ["NANOEDU_PROGRESS"] = "off"

import numpy as np  # noqa: E402
from hypothesis import settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from scipy.integrate import trapezoid  # noqa: E402

from nanoedu import Nanoparticle, biodistribution  # noqa: E402
from nanoedu.parameters import fields_of  # noqa: E402

# Deterministic like everything else in the course: the same examples on every run and every
# machine (a property failure then reproduces exactly), and no example database on disk.
settings.register_profile("nanoedu", derandomize=True, database=None)
settings.load_profile("nanoedu")

# -- browser tests (test_browser.py, test_website.py) ------------------------------------------
CHROMIUM = os.environ.get("NANOEDU_CHROMIUM", "/usr/bin/chromium")
#: As root, without a sandbox; without the background-networking flags Chromium keeps
#: knocking on this machine's closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REQUIRE_BROWSER = os.environ.get("NANOEDU_REQUIRE_BROWSER") == "1"
HOW = (
    "browser tests need Debian's Chromium (apt-get install chromium) and the Python package "
    "playwright (in the test extra); .ci/run installs both and sets NANOEDU_REQUIRE_BROWSER=1"
)


def need_browser() -> None:
    """Skip (or, with NANOEDU_REQUIRE_BROWSER=1, fail) when Chromium or Playwright is missing."""
    missing = []
    if not (shutil.which(CHROMIUM) or os.path.exists(CHROMIUM)):
        missing.append(f"no Chromium at {CHROMIUM}")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright is not installed")
    if missing:
        if REQUIRE_BROWSER:
            pytest.fail(f"{'; '.join(missing)} (NANOEDU_REQUIRE_BROWSER=1). {HOW}")
        pytest.skip(f"{'; '.join(missing)}. {HOW}")


def value_strategy(f):
    """Any value a field allows: booleans, or floats over the closed bounds (log-spaced if log)."""
    if f.kind == "bool":
        return st.booleans()
    if f.kind == "choice":
        return st.sampled_from(f.options)
    lo, hi = f.bounds
    if f.log:
        return st.floats(math.log10(lo), math.log10(hi)).map(lambda e: min(max(10.0**e, lo), hi))
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


def parameter_sets(cls):
    """Strategy for instances of a parameter set with every field anywhere in its bounds."""
    return st.builds(cls, **{name: value_strategy(f) for name, f in fields_of(cls).items()})


def dashboard_titles() -> frozenset[str]:
    """Titles of every dashboard ``nanoedu.ui`` exports (``nanoedu.ui.dashboard_titles``)."""
    from nanoedu.ui import dashboard_titles as titles

    return titles()


def dashboard_outputs(nb: dict) -> list[dict]:
    """The mime bundles of a stored lesson's dashboard outputs, in order."""
    titles = dashboard_titles()
    return [
        out.get("data", {})
        for cell in nb["cells"]
        for out in cell.get("outputs", [])
        if "".join(out.get("data", {}).get("text/plain", "")).split("\n")[0] in titles
    ]


#: The surfaces the course offers, weighted alike: Cheng et al.'s data set mixes bare, charged,
#: PEGylated and zwitterionic particles and does not report the mix.
COATINGS = (
    {"peg_coverage": 0.0},
    {"peg_coverage": 0.4},
    {"peg_coverage": 0.8},
    {"peg_coverage": 1.0},
    {"zwitterionic": True},
)
#: One week every half hour: the time grid of Cheng et al.'s delivery efficiencies.
WEEK = np.linspace(0.0, 168.0, 337)


def size_group_delivery(lo_nm: float, hi_nm: float) -> dict:
    """Median delivery efficiencies of particles of every coating, log-spaced over a size group
    (Cheng's groups), defined as Cheng et al. define them: DE24 and DE168 the tumour's
    time-averaged %ID over 0-24 h and 0-168 h (area under the curve over the time), DEmax its
    maximum (models/pbpk.py reproduces the published table with these definitions)."""
    sizes = np.geomspace(lo_nm, hi_nm, 11)
    particles = [Nanoparticle(diameter_nm=float(d), **c) for d in sizes for c in COATINGS]
    tumour = biodistribution(particles, times_h=WEEK)["Tumour [%ID]"]
    day = WEEK <= 24.0
    return {
        "DE24": float(np.median(trapezoid(tumour[:, day], WEEK[day], axis=1) / 24.0)),
        "DE168": float(np.median(trapezoid(tumour, WEEK, axis=1) / 168.0)),
        "DEmax": float(np.median(tumour.max(axis=1))),
    }


def terminal_half_life_h(particle, start_h: float, end_h: float) -> float:
    """Half-life of the log-linear fit to plasma %ID between two times (a terminal phase)."""
    t = np.linspace(start_h, end_h, 97)
    blood = biodistribution(particle, times_h=np.r_[0.0, t])["Blood [%ID]"][1:]
    slope = np.polyfit(t, np.log(blood), 1)[0]
    return float(np.log(2) / -slope)
