"""The Binder environment: its files are well formed, and it alone runs every lesson."""

from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import stat
import subprocess
import sys

import pytest
from test_leaks import leaks, with_dump

ROOT = pathlib.Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"
LESSONS = sorted((ROOT / "lessons").glob("[0-9][0-9]_*.ipynb"))


def _pins() -> dict[str, str]:
    pins = {}
    for line in (BINDER / "requirements.txt").read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if m:
            pins[m.group(1).lower().replace("_", "-")] = m.group(2)
    return pins


def test_postbuild_has_shebang_set_e_and_is_executable():
    text = (BINDER / "postBuild").read_text()
    assert text.startswith("#!/usr/bin/env bash\n") or text.startswith("#!/bin/bash\n")
    assert re.search(r"^set -e|^set -[a-z]*e[a-z]*( |$)|^set -euo pipefail", text, re.M)
    assert "--no-deps" in text, "nanoedu must be installed without dependencies"
    assert (BINDER / "postBuild").stat().st_mode & stat.S_IXUSR


def test_runtime_names_the_python_that_ci_tests():
    """binder/runtime.txt names the Python that runs the full suite (.ci/run's last run).

    The version matrix runs the fast suite on other Pythons too; there this test is about a
    Python it is not running on, so it skips, unless NANOEDU_REQUIRE_BINDER_PYTHON=1 (set by
    .ci/run for the full suite) says that this run must be the Binder Python.
    """
    runtime = (BINDER / "runtime.txt").read_text().strip()
    running = f"python-{sys.version_info.major}.{sys.version_info.minor}"
    if runtime != running and os.environ.get("NANOEDU_REQUIRE_BINDER_PYTHON") != "1":
        pytest.skip(f"about the Binder Python ({runtime}); this run is {running}")
    assert runtime == running


def test_every_requirement_is_pinned():
    lines = [
        ln.strip()
        for ln in (BINDER / "requirements.txt").read_text().splitlines()
        if ln.strip() and not ln.lstrip().startswith("#")
    ]
    assert lines and all("==" in ln for ln in lines), [ln for ln in lines if "==" not in ln]


def test_pins_satisfy_pyproject_ranges():
    tomllib = pytest.importorskip("tomllib")
    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = list(project["dependencies"]) + list(project["optional-dependencies"]["lab"])
    pins = _pins()
    for spec in wanted:
        req = Requirement(spec)
        name = req.name.lower().replace("_", "-")
        assert name in pins, f"{name} is not pinned in binder/requirements.txt"
        assert req.specifier.contains(pins[name], prereleases=True), (spec, pins[name])


def test_requirements_in_matches_pyproject_dependencies():
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    listed = {
        ln.split("#")[0].strip().replace(" ", "")
        for ln in (BINDER / "requirements.in").read_text().splitlines()
        if ln.split("#")[0].strip()
    }
    for spec in list(project["dependencies"]) + list(project["optional-dependencies"]["lab"]):
        assert spec.replace(" ", "") in listed, spec


def test_every_binder_badge_links_to_a_file_that_exists():
    readme = (ROOT / "README.md").read_text()
    links = re.findall(r"https://mybinder\.org/v2/gh/[^)\s]+", readme)
    assert links, "README has no Binder badge"
    for link in links:
        m = re.search(r"urlpath=lab(?:%2F|/)tree(?:%2F|/)([^&)\s]+)", link)
        assert m, link
        path = m.group(1).replace("%2F", "/")
        assert (ROOT / path).is_file(), path
    assert "lessons/00_start_here.ipynb" in readme


def test_overrides_are_valid_json_with_the_settings_the_browser_needs():
    import json

    o = json.loads((BINDER / "overrides.json").read_text())
    assert o["@jupyterlab/notebook-extension:tracker"]["windowingMode"] == "none"
    assert o["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"


@pytest.mark.slow
def test_an_environment_built_from_binder_alone_runs_every_lesson(tmp_path):
    """requirements.txt, then postBuild, in a fresh venv; then every lesson top to bottom.

    The lessons also run under strict nbval in the full suite's environment; this second
    execution is in another environment and tests what that one cannot: that Binder's exact
    pins (binder/requirements.txt) and postBuild alone run every lesson. It reuses pip's wheel
    cache (pip's default), so within one CI run the pins are downloaded at most once.
    """
    repo = tmp_path / "repo"
    shutil.copytree(
        ROOT,
        repo,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "*.egg-info", "build", "__pycache__", ".hypothesis"
        ),
    )
    env_dir = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", str(env_dir)], check=True)
    bin_dir = env_dir / "bin"
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("VIRTUAL_ENV", "PYTHONPATH", "JUPYTER"))
    }
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["JUPYTER_DATA_DIR"] = str(tmp_path / "jupyter-data")  # no user-level kernelspecs
    env["JUPYTER_CONFIG_DIR"] = str(tmp_path / "jupyter-config")
    env["MPLBACKEND"] = "Agg"

    def run(*cmd, **kw):
        return subprocess.run(cmd, check=True, env=env, capture_output=True, text=True, **kw)  # noqa: E731

    run(
        str(bin_dir / "python"),
        "-m",
        "pip",
        "install",
        "--quiet",
        "-r",
        "binder/requirements.txt",
        cwd=repo,
    )
    run("bash", "binder/postBuild", cwd=repo)
    out = run(
        str(bin_dir / "python"),
        "-c",
        "import nanoedu, sys, pathlib; print(pathlib.Path(nanoedu.__file__).parent.parent, sys.prefix)",
    )
    pkg_parent, prefix = out.stdout.split()
    assert pathlib.Path(prefix) == env_dir and pathlib.Path(pkg_parent) != repo, (
        "nanoedu not installed"
    )
    assert (env_dir / "share/jupyter/lab/settings/overrides.json").is_file()
    # Binder serves the learner lessons without outputs (no answer under its question)
    for lesson in LESSONS:
        served = json.loads((repo / "lessons" / lesson.name).read_text())
        code = [c for c in served["cells"] if c["cell_type"] == "code"]
        assert all(c["outputs"] == [] and c["execution_count"] is None for c in code), lesson
    # Each served lesson, run top to bottom with nothing locked as a learner's Run All does,
    # is also the leak test's run (tests/test_leaks.py): one cell added at the end lists the
    # predictions the kernel made, and nothing may state their answers before the lock.
    found = []
    for lesson in LESSONS:
        served = repo / "lessons" / lesson.name
        served.write_text(json.dumps(with_dump(json.loads(served.read_text()))))
        run(
            str(bin_dir / "jupyter"),
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--ExecutePreprocessor.timeout=300",
            "--output-dir",
            str(tmp_path / "out"),
            str(served),
            cwd=repo / "lessons",
        )
        executed = json.loads((tmp_path / "out" / lesson.name).read_text())
        found += [f"{lesson.name}: {leak}" for leak in leaks(executed)]
    assert not found, "answers before their lock:\n" + "\n".join(found)
