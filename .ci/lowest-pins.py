"""Print pip constraints that pin each runtime dependency to the lowest version pyproject allows.

Used by .ci/run for the minimum-dependency run: `python .ci/lowest-pins.py > FILE`, then
`pip install -e ".[test]" -c FILE`. Only the package's own dependencies (`[project]
dependencies`) are pinned: they are what the package claims to support; the test tools
resolve as usual. A dependency without a lower bound is left out (nothing to pin).
"""

from __future__ import annotations

import pathlib
import re
import sys

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: run this with any Python >= 3.11
    sys.exit(".ci/lowest-pins.py needs Python >= 3.11 (tomllib)")

pyproject = pathlib.Path(__file__).resolve().parents[1] / "pyproject.toml"
for spec in tomllib.loads(pyproject.read_text())["project"]["dependencies"]:
    name = re.match(r"[A-Za-z0-9_.\-]+", spec).group(0)
    lower = re.search(r">=\s*([0-9][^,;\s]*)", spec)
    if lower:
        print(f"{name}=={lower.group(1)}")
