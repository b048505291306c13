"""docs/instructor-guide.md answers every question each lesson asks, in the lesson's order.

Per lesson: one answer per *predict first* prompt that asks something, as many numbered
answers under "Guiding questions, concept K." as the lesson's guiding-questions block after
concept K has, one per concept check (multiple-choice letters equal to the lesson's answers),
and the exercise; plus objectives, timing, prerequisites, discussion prompts and misconceptions.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from nanoedu.ui.quiz import concept_check, shuffled_order

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "docs" / "instructor-guide.md").read_text(encoding="utf-8")
LESSONS = sorted((ROOT / "lessons").glob("[0-9][0-9]_*.ipynb"))


def _src(cell) -> str:
    return "".join(cell["source"])


def _lesson_questions(path: Path) -> dict:
    nb = json.loads(path.read_text())
    concept, predicts, guiding, quizzes = 0, [], {}, []
    for cell in nb["cells"]:
        text = _src(cell)
        if cell["cell_type"] == "markdown":
            for m in re.finditer(r"^## Concept (\d+)", text, re.M):
                concept = int(m.group(1))
            if re.search(r"^## Concept:", text, re.M):  # a lesson with a single, unnumbered concept
                concept = 1
            for m in re.finditer(r"^\*\*Predict first\.\*\*(.*?)(?:\n\s*\n|\Z)", text, re.M | re.S):
                if "?" in m.group(1):
                    predicts.append(concept)
            if "**Guiding questions**" in text:
                block = text.split("**Guiding questions**", 1)[1]
                guiding[concept] = len(re.findall(r"^\d+\. ", block, re.M))
        elif re.search(r"\b(MultipleChoice|NumericQuestion|concept_check)\(", text):
            quizzes.extend(_shown_letters(text))
    return {"predicts": predicts, "guiding": guiding, "quizzes": quizzes}


def _shown_letters(code: str) -> list:
    """The letter of the right answer as the learner sees it (options are shuffled stably), or
    None for a numeric question."""
    out = []
    for node in ast.walk(ast.parse(code)):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None)
        if name == "NumericQuestion":
            out.append(None)
        elif name == "concept_check":  # the course's content, shown as concept_check builds it
            lesson, key = (ast.literal_eval(a) for a in node.args[:2])
            q = concept_check(lesson, key)
            out.append("abcdefghij"[q.answer])
        elif name == "MultipleChoice":
            question, options = ast.literal_eval(node.args[0]), ast.literal_eval(node.args[1])
            kw = {
                k.arg: ast.literal_eval(k.value)
                for k in node.keywords
                if k.arg in ("answer", "seed", "shuffle")
            }
            order = (
                shuffled_order(question, len(options), kw.get("seed", 0))
                if kw.get("shuffle", True)
                else list(range(len(options)))
            )
            out.append("abcdefgh"[order.index(kw["answer"])])
    return out


def _guide_section(number: int) -> str:
    parts = re.split(r"^## (?=Lesson \d\d )", GUIDE, flags=re.M)
    for part in parts:
        if part.startswith(f"Lesson {number:02d} "):
            return part
    raise AssertionError(f"docs/instructor-guide.md has no '## Lesson {number:02d}' section")


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_guide_answers_every_question_of_the_lesson(path):
    asked = _lesson_questions(path)
    section = _guide_section(int(path.name[:2]))
    for heading in (
        "**Objectives.**",
        "**Timing.**",
        "**Prerequisites.**",
        "### Answers",
        "### Discussion prompts",
        "### Common misconceptions",
        "**Exercise.**",
    ):
        assert heading in section, heading
    answered_predicts = [
        int(k) for k in re.findall(r"\*\*Predict first, concept (\d+)\.\*\*", section)
    ]
    assert answered_predicts == asked["predicts"], "predict-first prompts"
    answered_guiding = {}
    for m in re.finditer(r"\*\*Guiding questions, concept (\d+)\.\*\*\n((?:\d+\. .*\n)+)", section):
        answered_guiding[int(m.group(1))] = len(re.findall(r"^\d+\. ", m.group(2), re.M))
    assert answered_guiding == asked["guiding"], "guiding questions (concept: count)"
    checks = re.search(r"\*\*Concept checks\.\*\*\n((?:\d+\. .*\n)+)", section)
    assert checks, "concept checks"
    answers = re.findall(r"^\d+\. (.*)$", checks.group(1), re.M)
    assert len(answers) == len(asked["quizzes"]), "one answer per concept check"
    for given, letter in zip(answers, asked["quizzes"], strict=True):
        if letter is not None:
            assert given.startswith(f"({letter})"), (given, letter)


def test_guide_explains_binder_and_jupyterhub_with_nbgitpuller():
    for text in ("binder/", "nbgitpuller", "git-pull?repo=", "repo2docker", "postBuild"):
        assert text in GUIDE, text
