"""The public API and the architecture's layering rules."""

from __future__ import annotations

import ast
import pathlib
import subprocess
import sys

import nanoedu

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_import_nanoedu_loads_neither_matplotlib_nor_ipywidgets():
    code = "import sys, nanoedu; print('matplotlib' in sys.modules, 'ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_everything_in_all_resolves():
    for name in nanoedu.__all__:
        assert getattr(nanoedu, name) is not None, name


def _imports(path: pathlib.Path) -> set[str]:
    tree = ast.parse(path.read_text())
    mods = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            mods.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            mods.add(("." * node.level) + (node.module or ""))
    return mods


def test_models_never_import_ui_matplotlib_or_ipywidgets_and_never_print():
    for path in (ROOT / "nanoedu" / "models").glob("*.py"):
        mods = _imports(path)
        bad = {
            m for m in mods if "ui" in m.split(".") or m.startswith(("matplotlib", "ipywidgets"))
        }
        assert not bad, (path.name, bad)
        assert "print(" not in path.read_text(), path.name


def test_nothing_changes_global_matplotlib_state_at_import():
    code = (
        "import matplotlib, copy; before = copy.deepcopy(dict(matplotlib.rcParams));"
        "import nanoedu.ui; after = dict(matplotlib.rcParams);"
        "print(sorted(k for k in before if before[k] != after[k]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"MPLBACKEND": "Agg", "PATH": ""},
    )
    assert out.stdout.strip() == "[]"


def test_no_string_in_the_package_holds_a_control_character():
    # A docstring's "\frac" or "\theta" written without r"" becomes a form feed or a tab:
    # the equation shown by help() and the docs then silently loses its command.
    root = pathlib.Path(nanoedu.__file__).parent
    bad = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if any(ch in node.value for ch in "\a\b\f\v\t"):
                    bad.append(f"{path.relative_to(root)}:{node.lineno}")
    assert not bad, f"control characters (an unescaped backslash?) in strings at {bad}"
