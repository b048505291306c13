"""A package others can reuse: version in one place, licenses, citation, and a working wheel."""

from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import zipfile

import pytest

import nanoedu
from nanoedu.__main__ import main
from nanoedu.authoring import copy_lessons, course_lessons

ROOT = pathlib.Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "lessons").glob("[0-9][0-9]_*.ipynb"))


def _pyproject() -> dict:
    tomllib = pytest.importorskip("tomllib")
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_the_version_lives_in_one_place_and_the_citation_and_changelog_name_it():
    project = _pyproject()["project"]
    assert "version" not in project and "version" in project["dynamic"]
    dynamic = _pyproject()["tool"]["setuptools"]["dynamic"]["version"]
    assert dynamic == {"attr": "nanoedu.__version__"}
    cff = (ROOT / "CITATION.cff").read_text()
    assert re.search(r"^version: (\S+)$", cff, re.M).group(1) == nanoedu.__version__
    first = re.search(r"^## (\d+\.\d+\.\d+)", (ROOT / "CHANGELOG.md").read_text(), re.M)
    assert first and first.group(1) == nanoedu.__version__


def test_citation_file_has_the_fields_citation_tools_require():
    cff = (ROOT / "CITATION.cff").read_text()
    for key in ("cff-version", "message", "title", "authors", "version", "license"):
        assert re.search(rf"^{key}:", cff, re.M), key


def test_licenses_for_code_and_content():
    assert "MIT License" in (ROOT / "LICENSE").read_text()
    content = (ROOT / "LICENSE-CONTENT.md").read_text()
    assert "CC BY 4.0" in content and "lessons/" in content and "docs/" in content
    project = _pyproject()["project"]
    assert project["license"] == "MIT AND CC-BY-4.0"
    assert all((ROOT / f).is_file() for f in project["license-files"])


def test_the_package_list_names_every_package_under_nanoedu():
    listed = set(_pyproject()["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "nanoedu").rglob("__init__.py")
    }
    assert found <= listed, found - listed
    assert "nanoedu._lessons" in listed


def test_course_lessons_are_the_numbered_lessons():
    assert [p.name for p in course_lessons()] == [p.name for p in LESSONS]


def test_copy_lessons_clears_outputs_and_never_overwrites(tmp_path):
    written = copy_lessons(tmp_path / "mine")
    assert [p.name for p in written] == [p.name for p in LESSONS]
    for p in written:
        nb = json.loads(p.read_text())
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code)
        assert "widgets" not in nb.get("metadata", {})
    # The learner works in a copy; a second copy must not touch it.
    mine = written[1]
    mine.write_text(mine.read_text().replace("Size matters", "My notes"))
    before = {p.name: p.read_text() for p in written}
    with pytest.raises(ValueError, match=re.escape(str(mine))) as err:
        copy_lessons(tmp_path / "mine")
    assert "nothing was overwritten" in str(err.value)
    assert {p.name: p.read_text() for p in written} == before


def test_lessons_command_names_the_file_it_will_not_overwrite(tmp_path, capsys):
    (tmp_path / LESSONS[0].name).write_text("my work")
    assert main(["lessons", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert LESSONS[0].name in err and "nothing was overwritten" in err
    assert (tmp_path / LESSONS[0].name).read_text() == "my work"
    assert sorted(p.name for p in tmp_path.iterdir()) == [LESSONS[0].name]


def test_lessons_command_refuses_a_file_as_the_folder(tmp_path, capsys):
    target = tmp_path / "a-file"
    target.write_text("x")
    assert main(["lessons", str(target)]) == 2
    assert "not a folder" in capsys.readouterr().err


@pytest.mark.slow
def test_the_wheel_carries_everything_a_lesson_needs(tmp_path):
    """Build sdist and wheel; install the wheel alone in a fresh venv; run a lesson with it.

    Lesson 01 runs here in another environment than strict nbval's: the wheel's, which has
    nothing of the repository (what a learner who pip-installed the course has).
    """
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        text=True,
    )
    wheel = next(dist.glob("nanoedu-*.whl"))
    sdist = next(dist.glob("nanoedu-*.tar.gz"))
    assert nanoedu.__version__ in wheel.name and nanoedu.__version__ in sdist.name
    names = zipfile.ZipFile(wheel).namelist()
    for lesson in LESSONS:
        assert f"nanoedu/_lessons/{lesson.name}" in names, lesson.name
    assert any(n.endswith("licenses/LICENSE-CONTENT.md") for n in names), names[-5:]
    assert "nanoedu/data/cheng2020_datasets.csv" in names  # the PBPK backbone's data

    env_dir = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(env_dir)], check=True)
    py = str(env_dir / "bin" / "python")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("VIRTUAL_ENV", "PYTHONPATH", "JUPYTER"))
    }
    env.update(
        PATH=f"{env_dir / 'bin'}{os.pathsep}{env.get('PATH', '')}",
        JUPYTER_DATA_DIR=str(tmp_path / "jupyter-data"),
        JUPYTER_CONFIG_DIR=str(tmp_path / "jupyter-config"),
        MPLBACKEND="Agg",
    )
    work = tmp_path / "learner"  # outside the repository: nothing can import from the clone

    def run(*cmd):
        return subprocess.run(
            cmd, check=True, env=env, cwd=tmp_path, capture_output=True, text=True
        )

    run(py, "-m", "pip", "install", "--quiet", str(wheel), "nbclient", "ipykernel")
    where = run(py, "-c", "import nanoedu; print(nanoedu.__file__)").stdout.strip()
    assert pathlib.Path(where).is_relative_to(env_dir), where
    out = run(py, "-m", "nanoedu", "lessons", str(work)).stdout
    assert "Copied" in out and sorted(p.name for p in work.iterdir()) == [p.name for p in LESSONS]
    lesson = work / LESSONS[1].name  # lesson 01: the whole-body model and its dashboards
    script = (
        "import sys, nbformat, nbclient\n"
        "nb = nbformat.read(sys.argv[1], as_version=4)\n"
        "nbclient.NotebookClient(nb, timeout=300, kernel_name='python3').execute()\n"
        "errors = [o for c in nb.cells for o in c.get('outputs', []) "
        "if o.get('output_type') == 'error']\n"
        "print(len(errors), sum(c.cell_type == 'code' for c in nb.cells))\n"
    )
    errors, n_code = run(py, "-c", script, str(lesson)).stdout.split()
    assert errors == "0" and int(n_code) > 5
    shutil.rmtree(env_dir)


def test_a_second_make_lab_copies_only_missing_lessons_and_keeps_the_learners_work(tmp_path):
    # `make lab` runs `python -m nanoedu lessons my-lessons --keep-existing` every time.
    folder = tmp_path / "my-lessons"
    assert main(["lessons", str(folder), "--keep-existing"]) == 0
    mine = folder / LESSONS[1].name
    mine.write_text(mine.read_text().replace("Size matters", "My notes"))
    (folder / LESSONS[2].name).unlink()  # the learner starts lesson 02 afresh
    before = mine.read_text()
    assert main(["lessons", str(folder), "--keep-existing"]) == 0
    assert mine.read_text() == before
    assert (folder / LESSONS[2].name).is_file()
    fresh = json.loads((folder / LESSONS[2].name).read_text())
    assert all(c.get("outputs", []) == [] for c in fresh["cells"])


def test_clear_outputs_command_clears_in_place(tmp_path):
    target = tmp_path / LESSONS[1].name
    target.write_text(LESSONS[1].read_text())
    assert main(["clear-outputs", str(target)]) == 0
    nb = json.loads(target.read_text())
    assert all(c.get("outputs", []) == [] for c in nb["cells"] if c["cell_type"] == "code")
    assert nb["cells"][0]["source"] == json.loads(LESSONS[1].read_text())["cells"][0]["source"]


def test_make_lab_opens_the_learners_copy_not_the_committed_lessons():
    makefile = (ROOT / "Makefile").read_text()
    lab = makefile.split("\nlab:", 1)[1].split("\n\n", 1)[0]
    assert "-m nanoedu lessons $(LEARNER_DIR) --keep-existing" in lab
    assert "$(LEARNER_DIR)/00_start_here.ipynb" in lab
    assert "my-lessons/" in (ROOT / ".gitignore").read_text().splitlines()
