"""Lesson 04: its predictions, concept checks and exercise (see ``nanoedu.course``)."""

from __future__ import annotations

from functools import cache
from typing import Any

from ..content import Check, Exercise, Option, Part, PredictionText

PREDICTIONS: dict[str, PredictionText] = {
    "best_fit": PredictionText(
        question="These data were made from first-order release plus noise. Which model will the "
        "Akaike information criterion (AIC) pick as best supported?",
        why="AIC charges every fitted parameter, so a second parameter must buy a real "
        "improvement in the fit; with data this clean, the model that made them wins. R^2 alone "
        "would not have told you: it is {higuchi_r2:.3f} even for Higuchi, the wrong shape.",
        choices=("first-order", "Higuchi", "Korsmeyer-Peppas"),
    ),
    "one_pass": PredictionText(
        question="Blood takes about 2 s to cross a tumour. What fraction of its load does the "
        "liposome release in one 2 s pass at 42 degC?",
        why="First-order release: 1 - exp(-k t), with k = {k_42:.3g} /h at 42 degC and t = 2 s, "
        "a modest share per pass; the many passes during an hour of heating add up. At 40 degC, "
        "two degrees below the transition, k is only {k_40:.2g} /h and almost nothing is "
        "released.",
        unit="",
        rel_tol=0.2,
    ),
    "heated": PredictionText(
        question="How many times more drug exposure (tumour drug AUC) does the tumour get from "
        "heat-triggered liposomes, heated for an hour from the injection, than from the same "
        "dose of free drug?",
        why="Every pass through the heated tumour frees drug right inside its vessels, where the "
        "tumour takes much of it up at once (Manzoor et al. 2012). Unheated, the same liposomes "
        "hold on to their drug: the tumour then gets {unheated:.2g} times the free drug's "
        "exposure, less than from free drug.",
        unit="times",
    ),
}

CHECKS: dict[str, Check] = {
    "seconds": Check(
        question="Why must a thermosensitive liposome release most of its drug within seconds "
        "at 42 °C?",
        options=(
            Option(
                "Blood spends only seconds in the hot tumour on each pass",
                "Yes: drug still inside its carrier when the blood leaves the hot tumour is "
                "carried back into the body.",
            ),
            Option(
                "Heating can hold a tumour at 42 °C for only a few seconds",
                "Heating lasts tens of minutes to an hour (the dashboard heats for an hour). "
                "What lasts seconds is one pass of the blood through the hot tumour.",
                misconception="the heating itself lasts only seconds (a blood pass taken for "
                "the heating time)",
            ),
            Option(
                "Fast release pulls more liposomes out of the blood into the tumour",
                "Release changes where the drug leaves its carrier, not how many carriers reach "
                "the tumour: the drug is freed inside the tumour's vessels and crosses into the "
                "tissue as free drug.",
                misconception="triggered release increases how many carriers reach the tumour",
            ),
            Option(
                "Doxorubicin breaks down within seconds at 42 °C",
                "Mild heat does not destroy doxorubicin (these studies heat for up to an hour "
                "with it); the clock that matters is how long the blood stays in the hot tumour.",
                misconception="mild heat destroys the drug",
            ),
        ),
        answer=0,
        seed=1,
        why="Intravascular triggered release works pass by pass: each transit of a few seconds "
        "through the hot tumour releases 1 - exp(-k(T) t_transit) of the load (Manzoor et al. "
        "2012).",
    ),
    "acid": Check(
        question="An acid-responsive carrier has pKa 6.0. Where does it release fastest?",
        options=(
            Option(
                "In tumour extracellular fluid (pH about 6.7)",
                "The tumour's fluid is only mildly acidic, still above this carrier's pKa: "
                "release there is slow. Lysosomes, in every cell that takes carriers up, are far "
                "more acidic.",
                misconception="acid-triggered means tumour-specific: the tumour is the most "
                "acidic place a carrier meets",
            ),
            Option(
                "Where the pH equals its pKa, 6.0",
                "At pH = pKa the rate is only half its maximum; it keeps rising as the pH falls "
                "further below the pKa.",
                misconception="release peaks where the pH equals the pKa",
            ),
            Option(
                "In lysosomes (pH about 5.0)",
                "Yes: lysosomes are the most acidic place the carrier reaches, after a cell has "
                "taken it up.",
            ),
            Option(
                "In blood (pH 7.4), where most of the carriers are",
                "Most of the dose is in the blood at first, but each carrier there releases "
                "slowly (half-time of days at pH 7.4): the amount present is not the rate.",
                misconception="release is fastest where most of the carrier is (amount taken "
                "for rate)",
            ),
        ),
        answer=2,
        seed=0,
        why="The release rate rises as the pH falls below the pKa, so a pH trigger fires mostly "
        "after uptake, in whichever cells take the carriers up: most of them in the liver and "
        "spleen (lesson 01).",
    ),
    "unheated": Check(
        question="Unheated, this lesson's thermosensitive liposome gives the tumour less drug "
        "exposure than the same dose of free drug. Why?",
        options=(
            Option(
                "Its drug stays inside: the few carriers in the tumour release it slowly",
                "Yes: most carriers end up in the liver, and those that reach the tumour keep "
                "their drug at 37 °C. Free drug, by contrast, is taken up from every pass of "
                "blood. Encapsulated drug is not available drug.",
            ),
            Option(
                "Without heat the liposomes cannot leave the blood, so none reach the tumour",
                "Unheated, they still reach the tumour, as slowly as any particle of their size "
                "(lesson 01); what they lack is release, not access.",
                misconception="a thermosensitive liposome reaches the tumour only when heated",
            ),
            Option(
                "They leak their drug in the blood, where it is cleared before reaching the tumour",
                "At 37 °C this liposome leaks only about 1% of its load per hour: it keeps its "
                "drug. The problem is the opposite, too little release.",
                misconception="a liposome's drug leaks out in the blood anyway",
            ),
        ),
        answer=0,
        seed=0,
        why="Release rate decides: an untriggered carrier that releases too slowly can do worse "
        "than free drug (SPI-077's cisplatin, Zamboni et al. 2004).",
    ),
}


@cache
def _solve() -> dict[str, Any]:
    from nanoedu import RELEASE_MODELS, fit_release_model, release_dataset

    data = release_dataset("Korsmeyer-Peppas", rate=0.2, exponent=0.45, noise_sd=0.01, seed=1)
    fits = {m: fit_release_model(data.t, data["Released [fraction]"], m) for m in RELEASE_MODELS}
    best = min(fits, key=lambda m: fits[m]["aic"])
    return {
        "best_model": best,
        "lowest_aic": float(fits[best]["aic"]),
        "exponent": float(fits["Korsmeyer-Peppas"]["exponent"]),
    }


EXERCISE = Exercise(
    parts=(
        Part(
            "best_model",
            "the name of the model with the lowest AIC (one of nanoedu.RELEASE_MODELS)",
            kind="choice",
            options=("first-order", "Higuchi", "Korsmeyer-Peppas"),
            because="lowest_aic",
            hint="fit each of the three models to the same data and compare the fits' AIC "
            "values: the lowest wins. The name counts once lowest_aic, the AIC it wins with, is "
            "right too.",
        ),
        Part(
            "lowest_aic",
            "one number (the AIC of the best-supported model; AIC can be negative)",
            tol=0.01,
            hint='each fit returns its AIC under the key "aic"; take the smallest (the most '
            "negative) of the three, from fits of the data made with seed 1.",
        ),
        Part(
            "exponent",
            "one number (the Korsmeyer-Peppas exponent n the fit recovers)",
            tol=0.03,
            hint='the Korsmeyer-Peppas fit returns n under the key "exponent"; fit the data '
            "made with seed 1 (noise 0.01), not the dashboard's data.",
        ),
    ),
    solve=_solve,
    solution="AIC picks {best_model} (AIC {lowest_aic:.3g}), the model that made the data. The "
    "Korsmeyer-Peppas fit recovers n = {exponent:.3g}, close to the exponent the data were made "
    "with. An exponent near one half is what diffusion out of the carrier gives (Fickian "
    "release, the square root of time of Higuchi's law, which is why Higuchi, not first-order, "
    "comes second); an exponent near one means release at a constant rate.",
)
