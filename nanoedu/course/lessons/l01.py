"""Lesson 01: its predictions, concept checks and exercise (see ``nanoedu.course``)."""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np

from ..content import Check, Exercise, Option, Part, PredictionText

PREDICTIONS: dict[str, PredictionText] = {
    "corona": PredictionText(
        question="A plain 4.4 nm quantum dot (no PEG, no zwitterionic coat) in blood: will the "
        "kidney's 5.5 nm filter let it through?",
        choices=(
            "Yes: 4.4 nm is below the 5.5 nm cut-off",
            "No: in blood it measures more than 5.5 nm",
        ),
        why="In blood the plain dot measures {plain_nm:.1f} nm, its protein corona included, "
        "far above the filter. Only a zwitterionic coat, which adsorbs almost no protein, keeps "
        "it at {zwitterionic_nm:.1f} nm; Choi et al. (2007) found that ordinary coatings gained "
        "more than 15 nm.",
    ),
    "crossing": PredictionText(
        question="With the default PEG coat, up to what synthesised diameter does the kidney "
        "clear a particle faster than the liver takes it up?",
        why="About {crossing_nm:.0f} nm as made, {crossing_blood_nm:.0f} nm in blood with its "
        "corona. The renal filter is a soft cut-off near 5.5 nm in blood, not a wall, and the "
        "liver takes up small PEGylated particles slowly, so the kidney still wins a little "
        "above the cut-off. Above that size the liver wins at every size.",
        unit="nm",
    ),
    "delivery": PredictionText(
        question="What percentage of the injected dose will the default 50 nm PEGylated "
        "particle put in the tumour at 24 h (in the course's 25 g mouse)?",
        why="About 1%. Macrophages in liver, spleen, marrow and lung take most of the dose out "
        "of the blood long before the tumour's small vessel surface can take up its share. "
        "Published mouse studies give a median of 0.7 %ID (Wilhelm et al. 2016).",
        unit="%ID",
    ),
}

CHECKS: dict[str, Check] = {
    "corona_kidney": Check(
        question="A 4 nm particle with neither PEG nor a zwitterionic coat gains about 15 nm of "
        "serum protein in blood. Where is most of it a day after injection?",
        options=(
            Option(
                "In the urine: 4 nm is below the 5.5 nm cut-off",
                "The kidney filters by the size in blood, corona included: at 19 nm the "
                "particle is far too big for the glomerulus.",
                misconception="the kidney filters by the size as synthesised",
            ),
            Option(
                "In the liver and spleen",
                "Yes: at 19 nm in blood and with a bare, protein-coated surface, it is too big "
                "for the kidney and an easy catch for the macrophages of liver and spleen.",
            ),
            Option(
                "In the tumour: small particles slip through its vessels",
                "A tumour takes up a small share of any dose, whatever the size: the macrophages "
                "clear the blood far faster than the tumour's vessel wall lets particles in.",
                misconception="the smaller the particle, the more of it reaches a tumour",
            ),
            Option(
                "Still in the blood: it is too small for macrophages",
                "Macrophage uptake does fall with size, but a 19 nm particle coated in serum "
                "proteins is still taken up within hours; only PEG or a zwitterionic coat slows "
                "the macrophages much.",
                misconception="small particles escape the macrophages altogether",
            ),
        ),
        answer=1,
        seed=4,
        why="The kidney sees the size in blood, corona included (Choi et al. 2007): 19 nm is "
        "far above 5.5 nm, so the macrophages of liver and spleen clear it.",
    ),
    "peg": Check(
        question="You raise a 50 nm particle's PEG coverage from 0.8 to 0.95. What happens in "
        "the model?",
        options=(
            Option(
                "The thicker coat makes it bigger, so the liver takes it up faster",
                "A dense brush adds little to the size in blood and stops most of the corona "
                "from forming: the particle is slightly smaller in blood, and the liver takes "
                "it up several times more slowly.",
                misconception="PEG's bulk makes a particle bigger and easier to catch",
            ),
            Option(
                "The liver takes it up more slowly and the tumour gets more",
                "Yes: fewer serum proteins reach the surface, the macrophages take the particle "
                "up more slowly, it stays in the blood longer and the tumour has more time to "
                "take its share.",
            ),
            Option(
                "The liver no longer takes it up at all, so it stays in the blood",
                "Denser PEG slows the macrophages several-fold but does not stop them: liver "
                "and spleen still hold a large share of the dose a day later.",
                misconception="PEG makes a particle invisible to macrophages",
            ),
            Option(
                "The PEG binds the tumour's cells, so the tumour holds it",
                "PEG binds nothing on purpose: it is a water-loving brush that keeps proteins "
                "and cells off. The tumour gets more only because more particles stay in the "
                "blood for longer.",
                misconception="PEG is a targeting ligand",
            ),
        ),
        answer=1,
        seed=3,
        why="A dense PEG brush keeps serum proteins off the surface, so the macrophages of liver "
        "and spleen take the particle up more slowly; it circulates longer and more of it "
        "reaches the tumour.",
    ),
    "routes": Check(
        question="In the course's model, how do most 50 nm particles cross a tumour's vessel wall?",
        options=(
            Option(
                "Through wide gaps between the endothelial cells",
                "That is the classic picture behind the EPR effect. Sindhwani et al. (2020) "
                "found such gaps rare in the mouse tumours they imaged, and the model follows "
                "them; how much the gaps carry in other tumours and in patients is debated.",
                misconception="tumour vessels are riddled with wide gaps that particles pour "
                "through",
            ),
            Option(
                "Through the endothelial cells, carried in vesicles",
                "Yes, in this model: it follows Sindhwani et al. (2020), who found that most "
                "of their gold particles crossed mouse tumour vessels through the cells. That "
                "is one group's work in mice, and how general it is remains debated.",
            ),
            Option(
                "Through the small pores, which pass any size",
                "The small pores (radius about 4.5 nm) pass only particles below about 9 nm in "
                "blood; a 50 nm particle does not fit.",
                misconception="the small pores let particles of any size through",
            ),
            Option(
                "By diffusing through the cells' membranes, as small drugs do",
                "Small fat-soluble drug molecules can dissolve through a membrane; a 50 nm "
                "particle cannot. A cell has to take it up in a vesicle.",
                misconception="particles cross membranes by dissolving through them like small "
                "drugs",
            ),
        ),
        answer=1,
        seed=0,
        why="Above about 9 nm in blood only the large pathway is left; in the model, following "
        "Sindhwani et al. (2020), it runs mostly through the endothelial cells. The EPR picture "
        "of wide gaps, and how well either route works in patients, are still debated.",
    ),
    "race": Check(
        question="Why does only about 1% of a typical dose reach a tumour in the model?",
        options=(
            Option(
                "The kidneys filter most particles out of the blood",
                "Only particles below about 5.5 nm in blood pass the kidney's filter; a 50 nm "
                "particle never does.",
                misconception="the kidneys clear most nanoparticles",
            ),
            Option(
                "Macrophages in other organs catch most particles first",
                "Yes: delivery is a race. The tumour's uptake clearance (permeability times "
                "vessel surface) is tiny next to the macrophages' clearance in liver, spleen, "
                "marrow and lung, so they win almost all the dose.",
            ),
            Option(
                "Particles drift through blood by diffusion, too slowly to arrive",
                "Blood flow carries particles round the body in seconds (lesson 00); the "
                "bottleneck is the tumour's vessel wall, not the journey to it.",
                misconception="particles reach organs by diffusing through the blood",
            ),
            Option(
                "The tumour's cells pump the particles back out",
                "Efflux pumps act on small drug molecules, not on whole particles; and most of "
                "the dose never reaches the tumour in the first place.",
                misconception="drug-efflux pumps throw nanoparticles out of cancer cells",
            ),
        ),
        answer=1,
        seed=2,
        why="Delivery is a race: the tumour's uptake clearance (permeability x vessel surface) "
        "is tiny next to phagocytic clearance, so the macrophages win almost all the dose. "
        "Blood flow, not diffusion, carries particles to organs.",
    ),
}


@cache
def _solve() -> dict[str, Any]:
    from nanoedu import Nanoparticle, biodistribution

    diameters = np.geomspace(10.0, 200.0, 40)
    out: dict[str, Any] = {}
    for peg, suffix in ((0.8, ""), (0.95, "_dense_peg")):
        r = biodistribution(
            [Nanoparticle(diameter_nm=float(d), peg_coverage=peg) for d in diameters]
        )
        best = int(np.argmax(r["Tumour at 24 h [%ID]"]))
        out[f"best_diameter{suffix}_nm"] = float(diameters[best])
        if not suffix:
            out["liver_and_spleen_pct"] = float(r["Liver + spleen at 24 h [%ID]"][best])
    return out


EXERCISE = Exercise(
    parts=(
        Part(
            "best_diameter_nm",
            "one number in nm (the diameter with the most tumour delivery at 24 h, PEG 0.8)",
            tol=0.12,
            hint="sweep at least 20 diameters from 10 to 200 nm, evenly spaced on a log scale "
            '(numpy.geomspace), read sweep["Tumour at 24 h [%ID]"] and take the diameter at its '
            "numpy.argmax.",
        ),
        Part(
            "liver_and_spleen_pct",
            "one number in %ID (liver + spleen at 24 h for that best particle)",
            tol=0.12,
            hint='read sweep["Liver + spleen at 24 h [%ID]"] at the same index as the best diameter.',
        ),
        Part(
            "best_diameter_dense_peg_nm",
            "one number in nm (the best diameter again, PEG coverage 0.95)",
            tol=0.12,
            hint="repeat the sweep with peg_coverage=0.95 for every particle.",
        ),
    ),
    solve=_solve,
    solution="With the default PEG coverage the tumour gets most from particles of about "
    "{best_diameter_nm:.2g} nm, and liver and spleen then hold {liver_and_spleen_pct:.2g} %ID. "
    "With the denser brush the best size moves up to about {best_diameter_dense_peg_nm:.2g} nm. "
    "The optimum is shallow: smaller particles enter easily but wash out of the tumour again "
    "(and the smallest leave through the kidney), while larger ones are caught sooner by "
    "macrophages and cross the vessel wall more slowly. Denser PEG raises delivery more the "
    "larger the particle, so the optimum moves up.",
)
