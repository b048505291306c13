"""The concept inventory (nanoedu/course/inventory.py): its items as the course keeps them, the
page that shows them (docs/teaching/concept-inventory.md) written from them, and the normalised
gain with its readers of nbgrader's files. The inventory's nbgrader notebook is tested with the
other assignments (tests/test_assignments.py); that the right option is not usually the longest,
with the concept checks (tests/test_course.py)."""

from __future__ import annotations

import csv
import json
import math
import re
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from nanoedu.course import Option
from nanoedu.course.inventory import (
    ITEMS,
    LETTERS,
    OUTCOMES,
    Item,
    item,
    main,
    nbgrader_responses,
    nbgrader_scores,
    normalised_gain,
    sync_doc,
)

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "teaching" / "concept-inventory.md"
SYLLABUS = (ROOT / "docs" / "teaching" / "syllabus.md").read_text(encoding="utf-8")


# -- the items -----------------------------------------------------------------------------------
def test_15_to_20_items_of_four_options_each_wrong_one_naming_its_misconception():
    assert 15 <= len(ITEMS) <= 20
    assert [it.id for it in ITEMS] == [f"CI-{i:02d}" for i in range(1, len(ITEMS) + 1)]
    for it in ITEMS:
        assert len(it.options) == 4, it.id
        assert len({o.text for o in it.options}) == 4, it.id
        for i, o in enumerate(it.options):
            assert bool(o.misconception) == (i != it.answer), (it.id, LETTERS[i])
        assert it.question.strip() and all(o.text.strip() for o in it.options)


def test_the_keys_are_spread_over_the_letters():
    keys = Counter(it.key for it in ITEMS)
    assert set(keys) == set(LETTERS), keys
    assert max(keys.values()) <= 0.4 * len(ITEMS), keys


def test_every_outcome_is_tested_as_the_syllabus_says():
    """The syllabus's last column lists each outcome's items."""
    for outcome in OUTCOMES:
        row = re.search(rf"^\| \*\*{outcome}\. .*\| (CI-[\d, CI-]+) \|$", SYLLABUS, re.M)
        assert row, f"the syllabus has no row for {outcome}"
        listed = re.findall(r"CI-\d\d", row.group(1))
        assert listed == [it.id for it in ITEMS if it.outcome == outcome], outcome


def test_an_item_refuses_what_would_make_it_undiagnostic():
    it = item("CI-01")
    with pytest.raises(ValueError, match="option A is wrong but names no misconception"):
        replace(it, options=(Option("x", ""), *it.options[1:]))
    with pytest.raises(ValueError, match="option D is the key but names a misconception"):
        replace(it, options=(*it.options[:3], Option("x", "", misconception="m")))
    with pytest.raises(ValueError, match="an item has four"):
        replace(it, options=it.options[:3], answer=0)
    with pytest.raises(ValueError, match="outcome = 'O11'"):
        replace(it, outcome="O11")
    with pytest.raises(ValueError, match="item_id = 'CI-99'"):
        item("CI-99")
    assert isinstance(it, Item) and it.feedback(it.key) == "CI-01: right, the key is D."
    assert it.feedback("") == "CI-01: no answer given; the key is D."


# -- the page ------------------------------------------------------------------------------------
def test_the_page_shows_the_packages_items():
    page = PAGE.read_text(encoding="utf-8")
    assert sync_doc(page) == page, (
        "docs/teaching/concept-inventory.md differs from nanoedu/course/inventory.py: edit the "
        "items there, then run python -m nanoedu inventory sync-doc"
    )
    for it in ITEMS:  # and the generated parts are where a reader looks for them
        assert f"### {it.id} · " in page and f"| {it.id} | {it.key} |" in page


def test_sync_doc_rewrites_only_its_regions_and_refuses_a_page_without_them(tmp_path, capsys):
    page = PAGE.read_text(encoding="utf-8")
    drifted = tmp_path / "page.md"
    drifted.write_text(page.replace("**Key: D.**", "**Key: A.**", 1), encoding="utf-8")
    assert main(["sync-doc", str(drifted)]) == 0
    assert drifted.read_text(encoding="utf-8") == page
    assert "rewritten" in capsys.readouterr().out
    bare = re.sub(r"<!-- (BEGIN|END) GENERATED yaml[^\n]*\n", "", page)
    with pytest.raises(ValueError, match=r"regions \['items', 'key-table'\]"):
        sync_doc(bare)


def test_the_yaml_block_reads_back_as_the_items():
    yaml = pytest.importorskip("yaml")
    page = PAGE.read_text(encoding="utf-8")
    block = yaml.safe_load(re.search(r"```yaml\n(.*?)```", page, re.S).group(1))
    assert block == [
        {
            "id": it.id,
            "lesson": it.lesson,
            "outcome": it.outcome,
            "question": it.question,
            "options": [o.text for o in it.options],
            "answer": it.answer,
            "misconceptions": {LETTERS.index(c): m for c, m in it.misconceptions.items()},
        }
        for it in ITEMS
    ]


def test_the_pages_gain_script_runs_on_a_class(tmp_path):
    """The page's script (its python block under *Computing the gains*) on three students,
    one of whom took only the pre-test."""
    page = PAGE.read_text(encoding="utf-8")
    section = page.split("## Computing the gains", 1)[1].split("\n## ", 1)[0]
    script = tmp_path / "gains.py"
    script.write_text(re.search(r"```python\n(.*?)```", section, re.S).group(1))
    rows = []
    for student, pre_right, post_right in (("s1", 5, 15), ("s2", 10, 15), ("s3", 4, None)):
        for phase, right in (("pre", pre_right), ("post", post_right)):
            if right is None:
                continue
            for k, it in enumerate(ITEMS):
                wrong = next(c for c in LETTERS if c != it.key)
                rows.append((student, phase, it.id, it.key if k < right else wrong))
    responses = tmp_path / "responses.csv"
    with open(responses, "w", newline="") as f:
        csv.writer(f).writerows([("student", "phase", "item", "choice"), *rows])
    done = subprocess.run(
        [sys.executable, str(script), str(responses)], capture_output=True, text=True, check=True
    )
    # 2 matched: pre (25 + 50)/2 = 37.5%, post 75%: <g> = 37.5/62.5 = 0.60
    assert "2 students" in done.stdout and "class <g> = 0.60" in done.stdout, done.stdout
    assert len(re.findall(r"^CI-\d\d ", done.stdout, re.M)) == len(ITEMS)


# -- the gain ------------------------------------------------------------------------------------
def test_normalised_gain_closed_form():
    # ann 20 -> 60 (own g 0.5), bo 60 -> 100 (1.0), cy 100 -> 100 (own g undefined), dee
    # only before, eve only after. Class: pre 60, post 86.67: <g> = 26.67/40 = 2/3.
    g = normalised_gain(
        {"ann": 20, "bo": 60, "cy": 100, "dee": 0}, {"ann": 60, "bo": 100, "cy": 100, "eve": 90}
    )
    assert (g.matched, g.perfect_pre, g.only_pre, g.only_post) == (3, 1, 1, 1)
    assert g.pre == pytest.approx(60.0) and g.post == pytest.approx(260 / 3)
    assert g.class_gain == pytest.approx(2 / 3)
    assert g.mean_student_gain == pytest.approx(0.75)
    assert "3 students took both tests" in g.text() and "<g> = 0.67" in g.text()
    # Hake's worked example on the page: 35% -> 70% is 0.54; a loss is a negative gain
    assert normalised_gain({"a": 35}, {"a": 70}).class_gain == pytest.approx(35 / 65)
    assert normalised_gain({"a": 50}, {"a": 25}).class_gain == pytest.approx(-0.5)
    # everyone perfect before but one: the mean of own gains skips only the perfect ones
    g = normalised_gain({"a": 100, "b": 0}, {"a": 100, "b": 100})
    assert g.class_gain == pytest.approx(1.0) and g.mean_student_gain == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("pre", "post", "message"),
    [
        ({"a": 120}, {"a": 50}, r"pre_scores\['a'\] = 120 is not a percentage: allowed 0 to 100"),
        ({"a": 50}, {"a": -1}, r"post_scores\['a'\] = -1 is not a percentage"),
        ({"a": math.nan}, {"a": 50}, r"pre_scores\['a'\] = nan"),
        ({"a": "x"}, {"a": 50}, r"pre_scores\['a'\] = 'x'"),
        ([50], {"a": 50}, r"pre_scores = \[50\]: give a mapping"),
        ({"a": 50}, {"b": 50}, "no student is in both"),
        ({"a": 100}, {"a": 100}, "scored 100% on the pre-test"),
    ],
)
def test_normalised_gain_refuses_bad_input(pre, post, message):
    with pytest.raises(ValueError, match=message):
        normalised_gain(pre, post)


GRADES_HEADER = (
    "assignment,duedate,timestamp,student_id,last_name,first_name,email,raw_score,"
    "late_submission_penalty,score,max_score"
)


def test_nbgrader_scores_and_the_gain_command(tmp_path, capsys):
    """grades.csv as nbgrader export writes it: a row per student and assignment, a
    student who did not submit with an empty timestamp and 0."""
    grades = tmp_path / "grades.csv"
    stamp = "2026-01-12 10:00:00"
    grades.write_text(
        "\n".join(
            [
                GRADES_HEADER,
                f"inventory,,{stamp},ann,,,,4.0,0.0,4.0,20.0",
                f"inventory,,{stamp},bo,,,,12.0,0.0,12.0,20.0",
                "inventory,,,cy,,,,0.0,0.0,0.0,20.0",
                f"inventory-post,,{stamp},ann,,,,12.0,2.0,10.0,20.0",
                f"inventory-post,,{stamp},bo,,,,20.0,0.0,20.0,20.0",
                f"inventory-post,,{stamp},cy,,,,15.0,0.0,15.0,20.0",
                f"lesson00,,{stamp},ann,,,,4.0,0.0,4.0,4.0",
            ]
        )
        + "\n"
    )
    assert nbgrader_scores(grades, "inventory") == {"ann": 20.0, "bo": 60.0}
    assert nbgrader_scores(grades, "inventory-post") == {"ann": 60.0, "bo": 100.0, "cy": 75.0}
    assert main(["gain", str(grades)]) == 0
    out = capsys.readouterr().out
    assert "2 students took both tests (0 took only the pre-test, 1 only the post-test" in out
    assert "class <g> = 0.67" in out and "students' own gains 0.75" in out
    with pytest.raises(ValueError, match="no submission of assignment = 'inventory-2'"):
        nbgrader_scores(grades, "inventory-2")
    (tmp_path / "other.csv").write_text("student,score\nann,3\n")
    assert main(["gain", str(tmp_path / "other.csv")]) == 2
    assert "is not nbgrader's grades.csv" in capsys.readouterr().out


def _submission(choices: dict[str, str]) -> dict:
    """A submitted inventory notebook, its answer cells as a learner leaves them: the
    released line, then the learner's own (given ``choices``, by item id)."""
    cells = []
    for it in ITEMS:
        src = f'{it.variable} = "?"\n# YOUR CODE HERE\nraise NotImplementedError()'
        if it.id in choices:
            src = src.replace('"?"', choices[it.id])
        cells.append({"cell_type": "code", "metadata": {}, "source": src.splitlines(True)})
    cells.insert(0, {"cell_type": "markdown", "metadata": {}, "source": 'answer_CI_01 = "A"'})
    return {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def test_nbgrader_responses_reads_the_letters_learners_chose(tmp_path, capsys):
    """Submitted notebooks: one with every key, one with two answers (one in lower case, one
    in single quotes) and one left as released (markdown is not read)."""
    keys = {it.id: f'"{it.key}"' for it in ITEMS}
    for phase, student, nb in (
        ("inventory", "keys", _submission(keys)),
        ("inventory", "partly", _submission({"CI-02": '"b"', "CI-03": "'A'", "CI-04": '"E"'})),
        ("inventory", "blank", _submission({})),
        ("inventory-post", "keys", _submission(keys)),
    ):
        folder = tmp_path / "course" / "submitted" / student / phase
        folder.mkdir(parents=True)
        (folder / "inventory.ipynb").write_text(json.dumps(nb))
    chosen = nbgrader_responses(tmp_path / "course" / "submitted", "inventory")
    assert chosen["keys"] == {it.id: it.key for it in ITEMS}
    assert chosen["blank"] == dict.fromkeys(chosen["keys"], "")
    assert {k: v for k, v in chosen["partly"].items() if v} == {"CI-02": "B", "CI-03": "A"}
    out = tmp_path / "responses.csv"
    assert main(["responses", str(tmp_path / "course"), "--out", str(out)]) == 0
    with open(out, newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 4 * len(ITEMS)
    assert {"student": "partly", "phase": "pre", "item": "CI-02", "choice": "B"} in rows
    assert main(["responses", str(tmp_path / "nowhere")]) == 2
    assert "nothing submitted" in capsys.readouterr().out
