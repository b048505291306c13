"""The concept inventory: 20 multiple-choice items on the course's central ideas, given before
the first session and after the last, and the normalised gain that reads them.

Each item tests a course outcome of docs/teaching/syllabus.md (O1-O10) and names the lesson
that teaches it; each has four options, and each wrong one stands for a named misconception
(an :class:`~nanoedu.course.content.Option` whose ``misconception`` says which; the
inventory gives no feedback while it is taken, so ``feedback`` is empty and
:meth:`Item.feedback` words it from the misconception after the post-test).

:data:`ITEMS` is the one source of the items: docs/teaching/concept-inventory.md shows them
(with their key, a key table and a YAML block) between ``<!-- BEGIN GENERATED ... -->`` and
``<!-- END GENERATED ... -->`` lines, which ``python -m nanoedu inventory sync-doc`` writes
from :data:`ITEMS` (a test fails when they differ). ``python -m nanoedu assignments DIR``
writes them as the nbgrader assignment ``inventory``
(:func:`nanoedu.course.assignments.inventory_notebook`), one autograded point per item.

:func:`normalised_gain` computes Hake's class gain from the pre- and post-test scores of the
students who took both; :func:`nbgrader_scores` reads those scores from nbgrader's
``grades.csv`` (``nbgrader export``) and :func:`nbgrader_responses` the letters learners chose
from their submitted notebooks. ``python -m nanoedu inventory gain grades.csv`` and
``python -m nanoedu inventory responses COURSE_DIR`` run them.

Examples
--------
>>> len(ITEMS), item("CI-13").key, item("CI-13").lesson
(20, 'C', '04')
>>> g = normalised_gain(pre_scores={"ann": 20, "bo": 60, "cy": 50}, post_scores={"ann": 60, "bo": 100})
>>> g.matched, g.pre, g.post, round(g.class_gain, 4), g.mean_student_gain
(2, 40.0, 80.0, 0.6667, 0.75)
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .content import LESSONS, Option

__all__ = [
    "DOC_PATH",
    "ITEMS",
    "LETTERS",
    "OUTCOMES",
    "POST",
    "PRE",
    "Gain",
    "Item",
    "doc_regions",
    "item",
    "main",
    "nbgrader_responses",
    "nbgrader_scores",
    "normalised_gain",
    "sync_doc",
]

#: The options' letters, in order.
LETTERS = "ABCD"
#: nbgrader's names of the pre-test and the post-test (the same notebook released twice; the
#: instructor copies ``source/inventory`` to ``source/inventory-post`` for the post-test).
PRE, POST = "inventory", "inventory-post"
#: The page that shows the items (in a clone of the repository).
DOC_PATH = Path(__file__).resolve().parents[2] / "docs" / "teaching" / "concept-inventory.md"

#: The syllabus's course outcomes, as the inventory's headings name them.
OUTCOMES: dict[str, str] = {
    "O1": "transport physics",
    "O2": "where a dose goes",
    "O3": "routes into a tumour and its barrier",
    "O4": "targeting",
    "O5": "into the brain",
    "O6": "triggered release",
    "O7": "imaging and decisions",
    "O8": "mouse to patient",
    "O9": "design and trade-offs",
    "O10": "models as evidence",
}

_ID = re.compile(r"^CI-\d\d$")


@dataclass(frozen=True)
class Item:
    """One multiple-choice item; ``answer`` indexes ``options`` (the key), as in a
    :class:`~nanoedu.course.content.Check`."""

    id: str
    lesson: str
    outcome: str
    question: str
    options: tuple[Option, ...]
    answer: int

    def __post_init__(self) -> None:
        if not _ID.match(self.id):
            raise ValueError(f"item id = {self.id!r} is not of the form CI-NN.")
        if self.lesson not in LESSONS:
            raise ValueError(f"{self.id}: lesson = {self.lesson!r}; known: {list(LESSONS)}.")
        if self.outcome not in OUTCOMES:
            raise ValueError(f"{self.id}: outcome = {self.outcome!r}; known: {list(OUTCOMES)}.")
        if len(self.options) != len(LETTERS):
            raise ValueError(f"{self.id}: {len(self.options)} options; an item has four.")
        if not 0 <= self.answer < len(self.options):
            raise ValueError(f"{self.id}: answer = {self.answer} is not an option index (0-3).")
        for i, o in enumerate(self.options):
            if (i == self.answer) == bool(o.misconception):
                raise ValueError(
                    f"{self.id}: option {LETTERS[i]} "
                    + (
                        "is the key but names a misconception."
                        if o.misconception
                        else "is wrong but names no misconception."
                    )
                )

    @property
    def key(self) -> str:
        """The key's letter."""
        return LETTERS[self.answer]

    @property
    def variable(self) -> str:
        """The name a learner's answer is given in the nbgrader notebook: ``answer_CI_01``."""
        return "answer_" + self.id.replace("-", "_")

    @property
    def misconceptions(self) -> dict[str, str]:
        """The misconception each wrong option stands for, by letter."""
        return {LETTERS[i]: o.misconception for i, o in enumerate(self.options) if o.misconception}

    def feedback(self, choice: str) -> str:
        """What a learner who chose ``choice`` (a letter; blank if skipped) reads after the
        post-test: the key and, for a wrong option, its misconception.

        >>> item("CI-19").feedback("a")
        "CI-19: the key is C. A stands for the misconception: a carrier's payload grows with its diameter."
        """
        c = str(choice).strip().upper()
        if c == self.key:
            return f"{self.id}: right, the key is {self.key}."
        if c not in self.misconceptions:
            return f"{self.id}: no answer given; the key is {self.key}."
        return (
            f"{self.id}: the key is {self.key}. {c} stands for the misconception: "
            f"{self.misconceptions[c]}."
        )


def _right(text: str) -> Option:
    return Option(text, "")


def _wrong(text: str, misconception: str) -> Option:
    return Option(text, "", misconception=misconception)


ITEMS: tuple[Item, ...] = (
    Item(
        "CI-01",
        lesson="00",
        outcome="O1",
        question="Warming blood plasma from 37 °C to 42 °C makes a 5 nm particle diffuse about "
        "12% faster. Where does most of that rise come from?",
        options=(
            _wrong(
                "The particle's thermal energy: the temperature rises by about 12%",
                "a rise in °C is read as a proportional rise in thermal energy (in kelvin, 37 "
                "to 42 °C is a 1.6% rise)",
            ),
            _wrong(
                "The particle shrinks as it warms",
                "a particle's size changes with body temperature",
            ),
            _wrong(
                "Faster blood flow in the warm tissue carries it along",
                "diffusion is confused with transport by flowing liquid (convection)",
            ),
            _right("The liquid's viscosity falls as it warms"),
        ),
        answer=3,
    ),
    Item(
        "CI-02",
        lesson="00",
        outcome="O1",
        question="By diffusion alone, a 50 nm particle wanders across one cell (10 µm) of "
        "plasma in about 2 s. About how long would diffusion alone take to carry it 1 mm, a "
        "hundred times further?",
        options=(
            _wrong(
                "About 200 s: a hundred times the distance takes a hundred times the time",
                "diffusion covers distance in proportion to time, like steady motion",
            ),
            _right("Hours: the time grows with the square of the distance"),
            _wrong(
                "About 20 s: the time grows with the square root of the distance",
                "the square-root law is read the wrong way round (distance grows with the "
                "square root of time, so time grows with distance squared)",
            ),
            _wrong(
                "About 2 s: at the nanoscale, diffusion is fast over any distance",
                "nanoparticles diffuse fast over any distance, so diffusion could carry them "
                "between organs",
            ),
        ),
        answer=1,
    ),
    Item(
        "CI-03",
        lesson="01",
        outcome="O2",
        question="Two particles are both 5 nm as made: one has a zwitterionic coat, the other a "
        "plain coat (no PEG). A day after injection, which of them is mostly in the urine?",
        options=(
            _wrong(
                "Both: 5 nm is below the kidney's 5.5 nm cut-off",
                "the kidney filters by the size as synthesised, not the size in blood with its "
                "protein corona",
            ),
            _wrong(
                "Neither: nanoparticles are always too large for the kidney",
                "the kidneys never clear nanoparticles, whatever their size in blood",
            ),
            _right("The zwitterionic one only"),
            _wrong(
                "The plain one only: its protein coat marks it for excretion",
                "serum proteins on a particle send it to the kidneys (they mark it for the "
                "macrophages of liver and spleen)",
            ),
        ),
        answer=2,
    ),
    Item(
        "CI-04",
        lesson="01",
        outcome="O2",
        question="In the course's model, with the liver's uptake allowed to saturate, a very "
        "high dose (10¹³ particles instead of 10¹¹) roughly doubles how much of the dose the "
        "default 50 nm particle puts in the tumour. Why?",
        options=(
            _wrong(
                "More particles push each other through the tumour's vessel wall",
                "crowding drives particles across the vessel wall",
            ),
            _right(
                "The liver's macrophages are saturated, so particles stay in the blood "
                "longer and the tumour has more time to take its share"
            ),
            _wrong(
                "The kidneys are saturated, so fewer particles are lost in the urine",
                "the kidneys clear most nanoparticles, so they are the organ to overwhelm",
            ),
            _wrong(
                "The tumour's receptors pull harder at a high concentration",
                "an untargeted particle enters a tumour by binding its receptors",
            ),
        ),
        answer=1,
    ),
    Item(
        "CI-05",
        lesson="01",
        outcome="O3",
        question="Which statement about how particles cross a tumour's vessel wall does the "
        "evidence in the course support?",
        options=(
            _wrong(
                "Through wide gaps that every tumour's vessels have: the EPR effect is "
                "established in patients",
                "the EPR effect is a settled mechanism that works in patients as it does in "
                "mouse tumours",
            ),
            _wrong(
                "Only particles below about 9 nm in blood cross; larger ones never leave the blood",
                "the small pores are the only way out of a tumour's vessels",
            ),
            _wrong(
                "They do not cross; they reach the cancer cells through the lymphatic vessels",
                "lymphatic vessels carry particles into a tumour (lymph flows out of tissue, "
                "and tumours drain poorly)",
            ),
            _right(
                "In one group's mouse study most crossed through the endothelial cells; how "
                "either route works in patients is debated"
            ),
        ),
        answer=3,
    ),
    Item(
        "CI-06",
        lesson="02",
        outcome="O4",
        question="You want a particle that binds cancer cells with 10⁶ receptors each and "
        "leaves healthy cells with 10⁴ alone. Which design does that best?",
        options=(
            _wrong(
                "A single ligand with the tightest bond you can make",
                "selectivity comes from a single bond's affinity",
            ),
            _wrong(
                "Many ligands, each with a very tight bond",
                "avidity just multiplies affinity: more and tighter bonds always mean more "
                "selectivity",
            ),
            _right("Many ligands, each with a weak bond"),
            _wrong(
                "None: a cell with any receptors binds a targeted particle as well as a cell "
                "with many",
                "binding depends on whether a cell has the receptor, not on how many it has",
            ),
        ),
        answer=2,
    ),
    Item(
        "CI-07",
        lesson="02",
        outcome="O4",
        question="A particle binds its receptor on tumour cells very tightly. A day after "
        "leaving a capillary, where in the tissue is most of it?",
        options=(
            _right("On the first cells near the vessel it left"),
            _wrong(
                "Spread evenly: binding does not change how far particles get",
                "binding and penetration are independent of each other",
            ),
            _wrong(
                "Deep in the tissue: the receptors draw it in",
                "receptors attract particles from a distance",
            ),
            _wrong(
                "Still in the capillary: tight binders cannot leave the vessel",
                "a ligand changes how fast particles cross the vessel wall",
            ),
        ),
        answer=0,
    ),
    Item(
        "CI-08",
        lesson="02",
        outcome="O4",
        question="Across published mouse studies (Cheng et al. 2020), particles with a "
        "targeting ligand put about 1.4 times as much of the dose in tumours as particles "
        "without. What does a targeting ligand mainly change?",
        options=(
            _wrong(
                "How fast particles leave the blood for the tumour",
                "targeted particles home in on a tumour from the blood, like guided missiles",
            ),
            _wrong(
                "How many particles the liver catches",
                "a ligand hides a particle from the macrophages",
            ),
            _wrong(
                "Nothing: a 1.4-fold gain shows that ligands do not work",
                "a ligand's only possible benefit is more of the dose in the tumour",
            ),
            _right("Which cells in the tumour take the particles up"),
        ),
        answer=3,
    ),
    Item(
        "CI-09",
        lesson="03",
        outcome="O1",
        question="A small fat-soluble drug crosses the brain's capillary wall so easily that "
        "its permeability-surface product (PS) is a hundred times the blood flow. What limits "
        "how fast it enters the brain?",
        options=(
            _right("The blood flow: almost all of it is extracted in one pass"),
            _wrong(
                "The permeability of the barrier, as for every substance",
                "uptake across a capillary bed is always permeability-limited",
            ),
            _wrong(
                "How fast it diffuses through the brain tissue",
                "tissue diffusion, not the capillary, sets how fast blood hands a substance to "
                "an organ",
            ),
            _wrong(
                "Its size: small molecules are filtered by the tight junctions",
                "the blood-brain barrier is a size filter between its cells",
            ),
        ),
        answer=0,
    ),
    Item(
        "CI-10",
        lesson="03",
        outcome="O5",
        question="Focused ultrasound opens the blood-brain barrier while a 50 nm particle "
        "circulates. An hour later the brain holds about five times as much of it as without "
        "ultrasound. How much does it hold at 24 h, compared with no ultrasound?",
        options=(
            _wrong(
                "Still about five times as much: what enters the brain stays there",
                "entry into the brain is one-way",
            ),
            _wrong(
                "More, about fifteen times: the particles keep accumulating while the barrier "
                "stays open",
                "a barrier opened by ultrasound stays open",
            ),
            _right("About the same: the gaps close within hours, and what entered leaves again"),
            _wrong(
                "Less: the ultrasound destroys the particles it lets in",
                "ultrasound destroys the particles it lets in",
            ),
        ),
        answer=2,
    ),
    Item(
        "CI-11",
        lesson="03",
        outcome="O3",
        question="At the rim of a solid tumour, fluid streams outward. Which particle gets "
        "further inward against that flow by diffusion?",
        options=(
            _wrong(
                "A 100 nm particle: its greater mass gives it the momentum to push on against the "
                "outward flow",
                "momentum, not diffusion against drag, decides how a particle moves in tissue",
            ),
            _wrong(
                "Neither gets further: the flow carries every particle out alike",
                "diffusion does not matter where there is a flow",
            ),
            _wrong(
                "Neither enters at all: no particle can move against an outward flow",
                "any outward flow stops all entry, however fast a particle diffuses (the Péclet "
                "number ignored)",
            ),
            _right(
                "A 10 nm particle: it diffuses ten times faster, so it reaches about ten "
                "times deeper"
            ),
        ),
        answer=3,
    ),
    Item(
        "CI-12",
        lesson="04",
        outcome="O6",
        question="Three release laws fit the same release data with R² between 0.97 and 0.99. "
        "How should you choose between them?",
        options=(
            _wrong(
                "By the highest R²",
                "a good R² means the right mechanism",
            ),
            _right(
                "By the lowest AIC, which charges each extra parameter, bearing in mind that "
                "noisy data may not tell them apart"
            ),
            _wrong(
                "By the model with the most parameters, as it captures the most detail",
                "a more flexible model is better supported by the data",
            ),
            _wrong(
                "By the Korsmeyer-Peppas exponent: if n lies between 0.5 and 1, the release is "
                "anomalous",
                "a fitted exponent proves a mechanism",
            ),
        ),
        answer=1,
    ),
    Item(
        "CI-13",
        lesson="04",
        outcome="O6",
        question="An acid-triggered carrier (pKa 6.0) is taken up mostly by the macrophages of "
        "the liver and spleen. Where is most of its drug freed?",
        options=(
            _wrong(
                "In the tumour's fluid: the tumour is the most acidic place in the body",
                "acid-triggered means tumour-specific",
            ),
            _wrong(
                "In the blood, where most of the carriers are at first",
                "release is fastest where most of the carrier is (an amount taken for a rate)",
            ),
            _right("In the macrophages' lysosomes"),
            _wrong(
                "Nowhere: the body's fluids never get as acidic as pH 6.0",
                "the body is at pH 7.4 throughout (the acidic compartments inside cells are "
                "forgotten)",
            ),
        ),
        answer=2,
    ),
    Item(
        "CI-14",
        lesson="04",
        outcome="O6",
        question="Heat-triggered liposomes give a tumour about 12 times the drug exposure of "
        "free drug when heating starts at injection, and about 9 times when it starts 6 h "
        "later. Why less?",
        options=(
            _right("Fewer liposomes are still in the blood when the heating starts"),
            _wrong(
                "The liposomes already sitting in the tumour have leaked their drug",
                "a thermosensitive liposome works by releasing drug from carriers that have "
                "entered the tumour (release in the heated vessels is overlooked)",
            ),
            _wrong(
                "The tumour grows used to heat within hours",
                "the tumour's response to heat, not how long the carrier circulates, sets the "
                "benefit",
            ),
            _wrong(
                "The drug breaks down inside the liposomes over 6 h",
                "the drug degrades in its carrier",
            ),
        ),
        answer=0,
    ),
    Item(
        "CI-15",
        lesson="05",
        outcome="O7",
        question="A companion image selects patients whose estimated tumour delivery is above a "
        "threshold. You lower the threshold. What happens?",
        options=(
            _right("Sensitivity rises and specificity falls"),
            _wrong(
                "Sensitivity and specificity both rise: a lower bar catches more of everything",
                "moving the threshold can improve sensitivity and specificity together",
            ),
            _wrong(
                "The ROC AUC rises",
                "the ROC AUC depends on the threshold chosen (it summarises all thresholds)",
            ),
            _wrong(
                "Sensitivity falls, because poorer candidates are let in",
                "sensitivity is the share of the selected who are good candidates (confused "
                "with the positive predictive value)",
            ),
        ),
        answer=0,
    ),
    Item(
        "CI-16",
        lesson="05",
        outcome="O7",
        question="Dosing each patient by the image (up to three times the standard dose) brings "
        "the most patients to the target exposure. What is its main cost?",
        options=(
            _wrong(
                "It brings fewer patients to the target than treating everyone",
                "dosing each patient individually lowers how many reach the target",
            ),
            _right(
                "Patients whose tumours take up little get a higher dose, and more liver and "
                "blood exposure with it"
            ),
            _wrong(
                "None: a higher dose only helps",
                "more dose always helps",
            ),
            _wrong(
                "Patients the image does not select go untreated",
                "dosing by the image is confused with selecting by the image",
            ),
        ),
        answer=1,
    ),
    Item(
        "CI-17",
        lesson="06",
        outcome="O8",
        question="The same liposome puts 1.7 %ID in a mouse's 0.6 g tumour and 0.11 %ID in a "
        "patient's 30 g tumour (the course's model, 72 h after injection). What follows?",
        options=(
            _wrong(
                "The liposome works about fifteen times worse in patients",
                "%ID can be compared between species",
            ),
            _wrong(
                "Patients' tumours show no EPR effect",
                "EPR does not exist in patients",
            ),
            _right(
                "A patient has about 2800 times more tissue sharing the dose: compare per "
                "kilogram, or relative to the body"
            ),
            _wrong(
                "The mouse measurement must have been wrong",
                "a difference between species means an experiment failed",
            ),
        ),
        answer=2,
    ),
    Item(
        "CI-18",
        lesson="06",
        outcome="O10",
        question="The course's model keeps half of a PEG liposome in a mouse's blood for 18 h "
        "and in a patient's for 45 h. Where does that factor of 2.5 come from?",
        options=(
            _right(
                "A calibration: the human phagocytes' rates are set so that a Doxil-like "
                "liposome matches patients' data"
            ),
            _wrong(
                "Kleiber's law: rates per volume scale as body mass to the power -1/4",
                "allometric scaling is a law that predicts a particle's clearance (it would say "
                "7 times, and it is a hypothesis)",
            ),
            _wrong(
                "The ratio of the two body masses",
                "a half-life grows in proportion to body mass",
            ),
            _wrong(
                "A measurement in the same mice",
                "every number in a model was measured in the body the model describes",
            ),
        ),
        answer=0,
    ),
    Item(
        "CI-19",
        lesson="07",
        outcome="O9",
        question="The capstone assumes that a carrier holds drug in proportion to its volume. "
        "How many 5 nm carriers carry as much drug as one 50 nm carrier?",
        options=(
            _wrong(
                "10",
                "a carrier's payload grows with its diameter",
            ),
            _wrong(
                "100",
                "a carrier's payload grows with its surface area (drug carried on the surface)",
            ),
            _right("1000"),
            _wrong(
                "1: each carrier holds one unit of drug, whatever its size",
                "a carrier's payload does not depend on its size",
            ),
        ),
        answer=2,
    ),
    Item(
        "CI-20",
        lesson="07",
        outcome="O9",
        question="A ⁶⁴Cu label sits on a heat-triggered liposome. The PET image at 24 h shows a "
        "lot of label in a patient's tumour. What does that tell you?",
        options=(
            _wrong(
                "That the drug was freed in the tumour",
                "a label shows where the drug is",
            ),
            _right(
                "Where the carriers are at 24 h; drug that heat freed from carriers in the "
                "blood is not in the picture"
            ),
            _wrong(
                "Nothing: PET cannot see nanoparticles",
                "a nanoparticle cannot be imaged (the label, not the particle, is what PET counts)",
            ),
            _wrong(
                "That the heat trigger failed: the carriers are still in the tumour at 24 h, so "
                "they still hold their drug",
                "a carrier that is still seen still holds its drug (the label stays on the "
                "carrier whether or not the drug has left)",
            ),
        ),
        answer=1,
    ),
)


def item(item_id: str) -> Item:
    """An item by its id (``"CI-07"``)."""
    for it in ITEMS:
        if it.id == item_id:
            return it
    raise ValueError(f"item_id = {item_id!r}; the inventory has {ITEMS[0].id} to {ITEMS[-1].id}.")


# -- the page: docs/teaching/concept-inventory.md -----------------------------------------------
def _lesson_titles() -> dict[str, str]:
    """Each lesson's short title ("Start here"), from its notebook's first heading."""
    from ..authoring import course_lessons

    titles = {}
    for path in course_lessons():
        first = json.loads(path.read_text(encoding="utf-8"))["cells"][0]["source"]
        head = ("".join(first) if isinstance(first, list) else first).splitlines()[0]
        m = re.match(r"^# (\d\d) · ([^:]+)", head)
        if m:
            titles[m.group(1)] = m.group(2).strip()
    return titles


def _items_markdown() -> str:
    out = []
    for it in ITEMS:
        out += [
            f"### {it.id} · {OUTCOMES[it.outcome]} (lesson {it.lesson}, {it.outcome})",
            "",
            it.question,
            "",
            *(f"- **{LETTERS[i]}.** {o.text}" for i, o in enumerate(it.options)),
            "",
            f"**Key: {it.key}.**",
            *(f"- {c}: *misconception:* {m}." for c, m in it.misconceptions.items()),
            "",
        ]
    return "\n".join(out[:-1])


def _key_table_markdown() -> str:
    titles = _lesson_titles()
    rows = [
        f"| {it.id} | {it.key} | {it.outcome} {OUTCOMES[it.outcome]} | "
        f"{it.lesson} {titles.get(it.lesson, '')} |"
        for it in ITEMS
    ]
    keys = [it.key for it in ITEMS]
    spread = ", ".join(f"{c} {keys.count(c)}" for c in LETTERS)
    return "\n".join(
        ["| item | key | outcome | lesson |", "|---|---|---|---|", *rows, ""]
        + [
            f"The keys are spread over the four letters ({spread}), so that no letter pays off "
            "as a guess."
        ]
    )


def _yaml_string(text: str, indent: int, first: int) -> str:
    """``text`` as a YAML double-quoted scalar (JSON's quoting, which YAML reads), folded at
    spaces to stay within 100 columns: ``first`` is the column it starts at, ``indent`` that of
    its next lines (YAML reads each folded line break as one space)."""
    if "  " in text or text != text.strip():
        raise ValueError(f"{text!r}: an item's text has no double, leading or trailing spaces.")

    def inner(s: str) -> str:
        return json.dumps(s, ensure_ascii=False)[1:-1]

    lines, room = [""], 100 - first - 2
    for word in text.split(" "):
        grown = f"{lines[-1]} {word}" if lines[-1] else word
        if lines[-1] and len(inner(grown)) > room:
            lines.append(word)
            room = 100 - indent - 1
        else:
            lines[-1] = grown
    return '"' + ("\n" + " " * indent).join(inner(line) for line in lines) + '"'


def _items_yaml() -> str:
    out = []
    for it in ITEMS:
        out += [
            f"- id: {it.id}",
            f"  lesson: '{it.lesson}'",
            f"  outcome: {it.outcome}",
            f"  question: {_yaml_string(it.question, 4, 12)}",
            "  options:",
            *(f"  - {_yaml_string(o.text, 4, 4)}" for o in it.options),
            f"  answer: {it.answer}",
            "  misconceptions:",
            *(
                f"    {i}: {_yaml_string(o.misconception, 6, 7)}"
                for i, o in enumerate(it.options)
                if o.misconception
            ),
        ]
    return "```yaml\n" + "\n".join(out) + "\n```"


def doc_regions() -> dict[str, str]:
    """The generated parts of the page, by region name: ``items`` (each item with its key and
    misconceptions), ``key-table`` and ``yaml`` (the machine-readable block)."""
    return {"items": _items_markdown(), "key-table": _key_table_markdown(), "yaml": _items_yaml()}


_REGION = re.compile(
    r"(?P<begin><!-- BEGIN GENERATED (?P<name>[a-z-]+)\b[^\n]*-->\n)(?P<body>.*?)\n"
    r"(?P<end><!-- END GENERATED (?P=name) -->)",
    re.S,
)


def sync_doc(text: str) -> str:
    """The page ``text`` with its generated regions rewritten from :data:`ITEMS`; the rest of
    the page is kept as it is.

    >>> page = "".join(
    ...     f"<!-- BEGIN GENERATED {name}: edit ITEMS -->\\nold\\n<!-- END GENERATED {name} -->\\n"
    ...     for name in doc_regions()
    ... )
    >>> new = sync_doc(page)
    >>> new.count("### CI-"), new.count("```yaml"), sync_doc(new) == new
    (20, 1, True)
    """
    regions = doc_regions()
    found = [m.group("name") for m in _REGION.finditer(text)]
    if sorted(found) != sorted(regions):
        raise ValueError(
            f"the page has the generated regions {found}; it needs each of {sorted(regions)} "
            "once, each between '<!-- BEGIN GENERATED name ... -->' and "
            "'<!-- END GENERATED name -->' lines."
        )
    return _REGION.sub(
        lambda m: m.group("begin") + "\n" + regions[m.group("name")] + "\n\n" + m.group("end"),
        text,
    )


# -- gains --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Gain:
    """A class's normalised gain over the students who took both tests (``matched``).

    ``pre`` and ``post`` are the class's average percentages, ``class_gain`` Hake's
    ⟨g⟩ = (post - pre)/(100 - pre) from those averages (the one to report), and
    ``mean_student_gain`` the mean of each student's own (post - pre)/(100 - pre), over the
    matched students who scored below 100% before (``perfect_pre`` scored 100% and are left
    out of that mean only; nan if every one of them did). ``only_pre`` and ``only_post`` count
    the students who took one test, left out of everything.
    """

    matched: int
    pre: float
    post: float
    class_gain: float
    mean_student_gain: float
    perfect_pre: int
    only_pre: int
    only_post: int

    def text(self) -> str:
        """A summary to print."""
        alone = (
            f" ({self.only_pre} took only the pre-test, {self.only_post} only the post-test: "
            "not counted)"
            if self.only_pre or self.only_post
            else ""
        )
        perfect = f", {self.perfect_pre} with 100% before left out" if self.perfect_pre else ""
        return (
            f"{self.matched} students took both tests{alone}: pre {self.pre:.1f}%, post "
            f"{self.post:.1f}%, class <g> = {self.class_gain:.2f} (Hake); mean of the "
            f"students' own gains {self.mean_student_gain:.2f}{perfect}."
        )


def _percentages(scores: Mapping[str, float], name: str) -> dict[str, float]:
    if not isinstance(scores, Mapping):
        raise ValueError(f"{name} = {scores!r}: give a mapping of student to percentage.")
    out = {}
    for student, value in scores.items():
        try:
            v = float(value)
        except (TypeError, ValueError):
            v = math.nan
        if not 0.0 <= v <= 100.0:  # also refuses nan
            raise ValueError(
                f"{name}[{student!r}] = {value!r} is not a percentage: allowed 0 to 100."
            )
        out[str(student)] = v
    return out


def normalised_gain(pre_scores: Mapping[str, float], post_scores: Mapping[str, float]) -> Gain:
    """Hake's normalised gain of a class, from each student's percentage right (0-100) on the
    pre-test and on the post-test, by student; only students in both count.

    >>> g = normalised_gain({"a": 35, "b": 35}, {"a": 70, "b": 70})
    >>> round(g.class_gain, 2)
    0.54
    """
    pre = _percentages(pre_scores, "pre_scores")
    post = _percentages(post_scores, "post_scores")
    both = sorted(set(pre) & set(post))
    if not both:
        raise ValueError(
            f"no student is in both pre_scores ({len(pre)} students) and post_scores "
            f"({len(post)}): the gain needs students who took both tests (the same ids)."
        )
    mean_pre = sum(pre[s] for s in both) / len(both)
    mean_post = sum(post[s] for s in both) / len(both)
    if mean_pre == 100.0:
        raise ValueError(
            "every student who took both tests scored 100% on the pre-test: the gain "
            "(post - pre)/(100 - pre) is undefined."
        )
    own = [(post[s] - pre[s]) / (100.0 - pre[s]) for s in both if pre[s] < 100.0]
    return Gain(
        matched=len(both),
        pre=mean_pre,
        post=mean_post,
        class_gain=(mean_post - mean_pre) / (100.0 - mean_pre),
        mean_student_gain=sum(own) / len(own),
        perfect_pre=len(both) - len(own),
        only_pre=len(set(pre) - set(post)),
        only_post=len(set(post) - set(pre)),
    )


def nbgrader_scores(path: str | os.PathLike[str], assignment: str) -> dict[str, float]:
    """Each student's percentage (raw score over the maximum) on ``assignment`` from the
    ``grades.csv`` that ``nbgrader export`` writes; students without a submission (nbgrader
    writes them with an empty timestamp and a score of 0) are left out."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    need = {"assignment", "student_id", "timestamp", "raw_score", "max_score"}
    if not rows or not need <= set(rows[0]):
        raise ValueError(
            f"{path} is not nbgrader's grades.csv: it needs the columns {sorted(need)} "
            "(nbgrader export writes them)."
        )
    out = {}
    for r in rows:
        if r["assignment"] != assignment or not r["timestamp"].strip():
            continue
        top = float(r["max_score"])
        if top <= 0:
            raise ValueError(f"{path}: assignment {assignment!r} has max_score {top}.")
        out[r["student_id"]] = 100.0 * float(r["raw_score"]) / top
    if not out:
        names = sorted({r["assignment"] for r in rows})
        raise ValueError(
            f"{path} has no submission of assignment = {assignment!r}; it has {names}."
        )
    return out


def nbgrader_responses(
    submitted: str | os.PathLike[str], assignment: str
) -> dict[str, dict[str, str]]:
    """The letter each learner chose per item (``""`` if none) in their submitted notebooks
    of ``assignment``: ``submitted/<student>/<assignment>/*.ipynb`` (nbgrader's
    ``submitted/`` or ``autograded/`` folder), by student then item id."""
    folder = Path(submitted)
    notebooks = sorted(folder.glob(f"*/{assignment}/*.ipynb"))
    if not notebooks:
        raise ValueError(f"no notebook in {folder}/<student>/{assignment}/: nothing submitted.")
    out: dict[str, dict[str, str]] = {}
    for path in notebooks:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        code = "\n".join(
            "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in cells
            if c.get("cell_type") == "code"
        )
        chosen = out.setdefault(path.parent.parent.name, {})
        for it in ITEMS:
            found = re.findall(rf"^\s*{it.variable}\s*=\s*[\"']([^\"'\n]*)[\"']", code, re.M)
            letter = found[-1].strip().upper() if found else ""
            chosen[it.id] = letter if len(letter) == 1 and letter in LETTERS else ""
    return out


def main(argv: list[str]) -> int:
    """``python -m nanoedu inventory {sync-doc,gain,responses} ...``."""
    parser = argparse.ArgumentParser(
        prog="python -m nanoedu inventory",
        description="The concept inventory (docs/teaching/concept-inventory.md).",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sync = sub.add_parser(
        "sync-doc", help="rewrite the page's items, key table and YAML block from the package"
    )
    sync.add_argument(
        "page", nargs="?", default=str(DOC_PATH), help="the page (default: %(default)s)"
    )
    gain = sub.add_parser(
        "gain", help="the class's normalised gain from nbgrader's grades.csv (nbgrader export)"
    )
    gain.add_argument("grades", help="grades.csv")
    responses = sub.add_parser(
        "responses",
        help="the letters learners chose, from an nbgrader course's submitted/ folder, as "
        "responses.csv (student,phase,item,choice) for the page's per-item script",
    )
    responses.add_argument("course", help="the nbgrader course directory")
    responses.add_argument("--out", default="responses.csv", help="default: %(default)s")
    for p in (gain, responses):
        p.add_argument(
            "--pre", default=PRE, help="the pre-test's assignment (default: %(default)s)"
        )
        p.add_argument("--post", default=POST, help="the post-test's (default: %(default)s)")
    args = parser.parse_args(argv)
    try:
        if args.command == "sync-doc":
            page = Path(args.page)
            text = page.read_text(encoding="utf-8")
            new = sync_doc(text)
            if new != text:
                page.write_text(new, encoding="utf-8")
            print(
                f"{page}: {'rewritten from' if new != text else 'agrees with'} the package's items."
            )
        elif args.command == "gain":
            result = normalised_gain(
                nbgrader_scores(args.grades, args.pre), nbgrader_scores(args.grades, args.post)
            )
            print(result.text())
        else:
            rows = [
                (student, phase, item_id, letter)
                for phase, name in (("pre", args.pre), ("post", args.post))
                for student, chosen in nbgrader_responses(
                    Path(args.course) / "submitted", name
                ).items()
                for item_id, letter in chosen.items()
            ]
            with open(args.out, "w", newline="", encoding="utf-8") as f:
                writer = csv.writer(f)
                writer.writerow(["student", "phase", "item", "choice"])
                writer.writerows(rows)
            print(f"Wrote {len(rows)} answers to {args.out}.")
    except (ValueError, OSError) as err:
        print(f"error: {err}")
        return 2
    return 0
