"""Lesson 06: its predictions, concept checks and exercise (see ``nanoedu.course``)."""

from __future__ import annotations

from functools import cache
from typing import Any

from ..content import Check, Exercise, Option, Part, PredictionText

PREDICTIONS: dict[str, PredictionText] = {
    "half_life": PredictionText(
        question="How many hours until the patient's blood holds half the dose of this liposome?",
        why="The model's human phagocytes clear each millilitre of plasma {slower:.2g} times "
        "more slowly than the mouse's, a rate calibrated on Doxil's half-life in patients "
        "(Gabizon et al. 1994). Metabolic allometry alone ({allometric:.2g} times slower) "
        "would keep half the dose for {allometric_h:.0f} h, about three times longer than "
        "patients do. Another PEG liposome circulated somewhat longer in patients (Harrington "
        "et al. 2001), within 2x of the calibrated model.",
        unit="h",
    ),
    "second_dose": PredictionText(
        question="What percentage of the dose is in the patient's blood 24 h after a dose "
        "given with anti-PEG antibodies present?",
        why="Practically none. With its brush's shielding gone the model clears the liposome "
        "like an uncoated particle: half the dose leaves the patient's blood in "
        "{half_life_h:.2g} h instead of about two days, and by 72 h liver and spleen hold "
        "{phagocytes_pct:.0f}% of it. That is the worst case, seen in animals given a low "
        "first dose of empty PEG liposomes; patients given Doxil at its clinical dose have "
        "not shown it.",
        unit="%ID",
    ),
}

CHECKS: dict[str, Check] = {
    "allometry": Check(
        question="A particle keeps half its dose in a mouse's blood for 18 h. Which is the best "
        "first estimate for a 70 kg patient?",
        options=(
            Option(
                "About 18 h: a half-life belongs to the particle, not the body",
                "Size and coat matter, but so does the body: a patient's phagocytes clear each "
                "millilitre of plasma more slowly than a mouse's, so the same particle stays "
                "longer.",
                misconception="a particle's half-life is a property of the particle alone",
            ),
            Option(
                "Longer, by a factor that must be measured",
                "Yes: rates per volume fall with body mass (allometry says about 7x), but PEG "
                "liposomes in patients circulate only 2.5-4x longer than in the model mouse, so "
                "the factor is a hypothesis to test against clinical data.",
            ),
            Option(
                "About 2800 times longer, in proportion to the patient's body mass",
                "Volumes grow with body mass, but so do the flows and the phagocytes that clear "
                "them (about as M^0.75): the half-life grows far less than the mass.",
                misconception="a half-life grows in proportion to body mass",
            ),
            Option(
                "Shorter: a patient's much larger liver and spleen clear it faster",
                "The larger organs serve a larger blood volume: what sets the half-life is the "
                "share of the blood cleared per hour, and that is smaller in a patient.",
                misconception="a bigger liver means faster clearance, whatever the blood "
                "volume it serves",
            ),
        ),
        answer=1,
        seed=3,
        why="Rates per volume fall with body mass (allometry predicts 7x for M^-0.25); PEG "
        "liposomes in patients circulate 2.5-4x longer than in the model mouse, so the rule is "
        "a hypothesis to test against clinical data, not a law.",
    ),
    "epr": Check(
        question="PEG liposomes reached patients' tumours at 5-33 %ID/kg depending on the tumour "
        "type (Harrington et al. 2001), and a PET-labelled liposome varied many-fold between "
        "women with the same breast cancer (Lee et al. 2017). What follows for a nanomedicine "
        "trial?",
        options=(
            Option(
                "EPR is a mouse artefact: nothing reaches a patient's tumour",
                "The patients' tumours held more of the dose per kilogram than their bodies' "
                "average (about 1.4 %ID/kg): EPR exists in patients, but it is small and "
                "varies.",
                misconception="EPR does not exist in patients",
            ),
            Option(
                "Patients differ; an image could pick who gets treated",
                "Yes: uptake varies several-fold between tumour types and many-fold within one, "
                "so measuring it (a companion image, lesson 05) could select the patients whose "
                "tumours take the carrier up.",
            ),
            Option(
                "Dose by tumour type: within one type, every tumour takes the same share",
                "Lee et al. saw many-fold differences between women with the same breast "
                "cancer: EPR varies from patient to patient, not only between tumour types.",
                misconception="EPR is fixed by the tumour type",
            ),
            Option(
                "A tumour at 33 %ID/kg holds a third of the dose",
                "%ID/kg is per kilogram of tumour: a 30 g tumour at 33 %ID/kg holds about 1% "
                "of the dose.",
                misconception="%ID/kg is a share of the whole dose",
            ),
        ),
        answer=1,
        seed=1,
        why="EPR in patients is real but small and variable: between tumour types (Harrington "
        "et al. 2001) and between patients with the same cancer (Lee et al. 2017). Measuring it "
        "per patient is the argument for a companion image.",
    ),
    "abc_dose": Check(
        question="Rats given a low first dose of empty PEG liposomes clear a second dose within "
        "hours, yet in patients given Doxil every four weeks the clearance slowed over three "
        "cycles (Gabizon et al. 2008). Which is the most likely reason?",
        options=(
            Option(
                "Humans do not make antibodies against PEG",
                "Many people carry anti-PEG antibodies without ever having had a PEGylated drug "
                "(about 72% of recent blood samples, Yang et al. 2016).",
                misconception="humans do not make anti-PEG antibodies",
            ),
            Option(
                "Doxil's high dose and toxic cargo blunt the antibody response",
                "Yes: in rats the effect shrinks as the first dose grows (Ishida et al. 2005), "
                "and a cytotoxic cargo such as doxorubicin is thought to kill the spleen's B "
                "cells that would make the antibodies; the animal data came from low doses of "
                "empty liposomes.",
            ),
            Option(
                "Rats are a poor model for people, so their safety data can be ignored",
                "The rat result is real and explains what conditions cause the effect (a low "
                "dose of an empty carrier): that tells you which new products to watch, not to "
                "ignore animals.",
                misconception="a finding in animals that patients do not show means animal "
                "data are useless",
            ),
            Option(
                "Doxil's PEG coat hides it completely from antibodies",
                "Antibodies against PEG bind the coat itself: that is how accelerated blood "
                "clearance works when it happens.",
                misconception="PEG makes a particle invisible to the immune system",
            ),
        ),
        answer=1,
        seed=2,
        why="Accelerated blood clearance is dose dependent: strongest after a low first dose of "
        "an empty (drug-free) PEG liposome, weaker as the first dose grows (Ishida et al. 2005); "
        "Doxil is given at high doses of a cytotoxic drug, and its clearance did not speed up "
        "over cycles in patients.",
    ),
    "species": Check(
        question="Dams et al. (2000) saw accelerated blood clearance in rats and a rhesus monkey "
        "but not in the mice of the same study. What does that tell you?",
        options=(
            Option(
                "Mice have no liver macrophages to clear it",
                "A mouse's liver macrophages clear most particles (lesson 01); what differed was "
                "the antibody response that marks the second dose for them.",
                misconception="mice lack the macrophages that clear particles",
            ),
            Option(
                "Species differ in their response: check other species",
                "Yes: an immune response is a property of the species, so safety found, or "
                "missed, in one species must be checked in others and finally in patients.",
            ),
            Option(
                "Two species against one: the mouse result was a failed experiment",
                "A result that differs between species is information, not an error: the mouse "
                "is simply less prone to this response.",
                misconception="a finding missing in one species means that experiment failed",
            ),
        ),
        answer=1,
        seed=2,
        why="Dams et al. 2000 found the effect in rats and a rhesus monkey, not in their mice: "
        "an immune response is a property of the species, so one species' safety data do not "
        "transfer.",
    ),
    "clinic": Check(
        question="Doxil, Abraxane, Onivyde and Vyxeos are approved cancer nanomedicines. What "
        "do they mainly change compared with the free drugs?",
        options=(
            Option(
                "Which cells take the drug up: each carries a ligand for cancer cells",
                "None of them carries a ligand; the ligand-targeted carriers that reached "
                "trials (BIND-014, MM-302) have not been approved.",
                misconception="approved nanomedicines work by active targeting",
            ),
            Option(
                "How the drug is carried and cleared, and so its side effects",
                "Yes: Doxil circulates for days (less heart damage, more hand-foot syndrome), "
                "Abraxane needs no toxic solvent, Vyxeos holds two drugs at a fixed ratio.",
            ),
            Option(
                "Where most of the dose goes: EPR puts most of it into the tumour",
                "Even in the best patients a tumour holds a few percent of the dose at most; "
                "the liver, spleen and blood hold most of it.",
                misconception="EPR delivers most of a dose to the tumour",
            ),
        ),
        answer=1,
        seed=0,
        why="The approved cancer nanomedicines change the drug's formulation and circulation, "
        "and with them its side effects; none carries a targeting ligand.",
    ),
    "heat_trial": Check(
        question="In HEAT (701 patients), ThermoDox with radiofrequency ablation gave no "
        "survival benefit overall; patients with a single lesion ablated for at least 45 "
        "minutes lived longer. What does that subgroup show?",
        options=(
            Option(
                "That 45 minutes of heating makes ThermoDox work",
                "The subgroup was chosen after the results were known (post hoc): it suggests "
                "a cause but cannot prove one; many subgroups of a failed trial look good by "
                "chance.",
                misconception="a subgroup found after the results proves a cause",
            ),
            Option(
                "A hypothesis to test in a new trial",
                "Yes: lesson 04's model makes it plausible (the drug is freed only while the "
                "tissue is hot), but only a new trial could test it; OPTIMA, with at least 45 "
                "minutes of ablation, was stopped for futility.",
            ),
            Option(
                "That heat-triggered release does not happen in patients",
                "The trial measured survival, not release: a failed trial does not show that "
                "the mechanism is absent, only that it did not help these patients enough.",
                misconception="a failed trial disproves the mechanism behind it",
            ),
            Option(
                "Nothing at all: a failed trial's subgroups are noise",
                "A subgroup cannot prove a cause, but it can suggest one worth testing, which "
                "is what the follow-up trial did.",
                misconception="a failed trial's subgroups carry no information",
            ),
        ),
        answer=1,
        seed=3,
        why="A post hoc subgroup gives a hypothesis, not a cause. The models of lessons 02-05 "
        "give candidate reasons why carriers that worked in mice failed in patients; only trials "
        "designed to test them can say which hold.",
    ),
}


@cache
def _solve() -> dict[str, Any]:
    from nanoedu import Nanoparticle, Patient, Tumour, biodistribution

    liposome = Nanoparticle(diameter_nm=100.0, peg_coverage=0.95)
    mouse, human = Patient(), Patient.preset("human")
    at_24_h = [0.0, 24.0]
    # %ID in each body's tumour at 24 h: the course's 0.6 g tumour, and a 30 g one in the patient
    in_mouse = biodistribution(liposome, mouse, Tumour(), times_h=at_24_h)["Tumour [%ID]"][-1]
    in_human = biodistribution(liposome, human, Tumour(mass_g=30.0), times_h=at_24_h)[
        "Tumour [%ID]"
    ][-1]

    # SUV: the tumour's share of the dose per gram, divided by the body's average (1 / body mass)
    def suv(pct_id: float, tumour_g: float, body_g: float) -> float:
        return pct_id / 100.0 / tumour_g * body_g

    mouse_suv = suv(in_mouse, 0.6, mouse.body_mass_g)
    human_suv = suv(in_human, 30.0, human.body_mass_g)
    return {
        "mouse_suv_24h": float(mouse_suv),
        "human_suv_24h": float(human_suv),
        "higher_suv": "patient" if human_suv > mouse_suv else "mouse",
    }


EXERCISE = Exercise(
    parts=(
        Part(
            "higher_suv",
            '"mouse" or "patient" (whose tumour has the higher SUV)',
            kind="choice",
            options=("mouse", "patient"),
            hint="compare your two SUVs.",
            because="human_suv_24h",
        ),
        Part(
            "mouse_suv_24h",
            "one number, no unit (the SUV of the mouse's 0.6 g tumour at 24 h)",
            tol=0.05,
            hint="run biodistribution for the liposome in Patient() with Tumour() and times_h "
            "[0, 24]; take the last value of its tumour's %ID, divide by 100 and by 0.6 g, and "
            "multiply by the mouse's body_mass_g.",
        ),
        Part(
            "human_suv_24h",
            "one number, no unit (the SUV of the patient's 30 g tumour at 24 h)",
            tol=0.05,
            hint='the same steps with Patient.preset("human") and Tumour(mass_g=30.0): divide '
            "the tumour's %ID at 24 h by 100 and by 30 g, and multiply by 70000 g.",
        ),
    ),
    solve=_solve,
    solution="Per gram of tumour the mouse wins by far: its whole body weighs 25 g, so each "
    "gram of it holds a large share of the dose. The SUV divides that out: the mouse's tumour "
    "sits at {mouse_suv_24h:.2g} times its body's average concentration, the patient's at "
    "{human_suv_24h:.2g}. Relative to its own body, the richer tumour is the "
    "{higher_suv}'s: compare bodies by concentration relative to the body, as PET does, not by "
    "%ID or %ID per gram.",
)
