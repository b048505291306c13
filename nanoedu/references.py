"""The bibliography: every parameter's ``source`` key resolves here; :func:`cite` prints them.

Entries whose value in nanoedu could not be confirmed against the paper's full text in the
session that added them say so in ``note`` (the "(check)" items of the science sheet).

Examples
--------
>>> print(format_reference("choi2007"))
Choi HS, Liu W, Misra P, et al. (2007). Renal clearance of quantum dots. Nat Biotechnol 25:1165-1170. doi:10.1038/nbt1340
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

__all__ = ["Reference", "REFERENCES", "format_reference", "cite", "sources_of", "sources"]


@dataclass(frozen=True)
class Reference:
    """One bibliography entry."""

    authors: str
    year: int | None
    title: str
    journal: str
    doi: str
    note: str = ""
    pmid: str = ""


REFERENCES: dict[str, Reference] = {
    "einstein1905": Reference(
        "Einstein A",
        1905,
        "Über die von der molekularkinetischen Theorie der Wärme geforderte Bewegung von in "
        "ruhenden Flüssigkeiten suspendierten Teilchen",
        "Ann Phys 322:549-560",
        "10.1002/andp.19053220806",
    ),
    "kestin1978": Reference(
        "Kestin J, Sokolov M, Wakeham WA",
        1978,
        "Viscosity of liquid water in the range -8 °C to 150 °C",
        "J Phys Chem Ref Data 7:941-948",
        "10.1063/1.555581",
        "nanoedu uses the Vogel fit eta = A 10^(B/(T-C)), A = 2.414e-5 Pa s, B = 247.8 K, "
        "C = 140 K, which reproduces these reference values within 1% from 10 to 50 °C.",
    ),
    "kesmarky2008": Reference(
        "Késmárky G, Kenyeres P, Rábai M, Tóth K",
        2008,
        "Plasma viscosity: a forgotten variable",
        "Clin Hemorheol Microcirc 39:243-246",
        "10.3233/CH-2008-1088",
        "Normal plasma viscosity 1.10-1.30 mPa s at 37 °C; nanoedu uses 1.2 mPa s.",
    ),
    "choi2007": Reference(
        "Choi HS, Liu W, Misra P, et al.",
        2007,
        "Renal clearance of quantum dots",
        "Nat Biotechnol 25:1165-1170",
        "10.1038/nbt1340",
    ),
    "schmidt2009": Reference(
        "Schmidt MM, Wittrup KD",
        2009,
        "A modeling analysis of the effects of molecular size and binding affinity on tumor "
        "targeting",
        "Mol Cancer Ther 8:2861-2871",
        "10.1158/1535-7163.MCT-09-0195",
        "Two-pore values (r = 4.5 nm, A/L = 17.6 /cm; r = 500 nm, A/L = 0.65 /cm) taken from "
        "the project science sheet, which marks the large-pore value (check): not confirmed "
        "against the paper's table here.",
    ),
    "hobbs1998": Reference(
        "Hobbs SK, Monsky WL, Yuan F, et al.",
        1998,
        "Regulation of transport pathways in tumor vessels: role of tumor type and "
        "microenvironment",
        "Proc Natl Acad Sci USA 95:4607-4612",
        "10.1073/pnas.95.8.4607",
    ),
    "sindhwani2020": Reference(
        "Sindhwani S, Syed AM, Ngai J, et al.",
        2020,
        "The entry of nanoparticles into solid tumours",
        "Nat Mater 19:566-575",
        "10.1038/s41563-019-0566-2",
        "Up to 97% of nanoparticles enter tumours through endothelial cells, not gaps.",
    ),
    "tsoi2016": Reference(
        "Tsoi KM, MacParland SA, Ma XZ, et al.",
        2016,
        "Mechanism of hard-nanomaterial clearance by the liver",
        "Nat Mater 15:1212-1221",
        "10.1038/nmat4718",
    ),
    "ouyang2020": Reference(
        "Ouyang B, Poon W, Zhang YN, et al.",
        2020,
        "The dose threshold for nanoparticle tumour delivery",
        "Nat Mater 19:1362-1371",
        "10.1038/s41563-020-0755-z",
        "Threshold of 1 trillion particles in mice; above it Kupffer-cell uptake is overwhelmed.",
    ),
    "walkey2012": Reference(
        "Walkey CD, Olsen JB, Guo H, Emili A, Chan WCW",
        2012,
        "Nanoparticle size and surface chemistry determine serum protein adsorption and "
        "macrophage uptake",
        "J Am Chem Soc 134:2139-2147",
        "10.1021/ja2084338",
    ),
    "wilhelm2016": Reference(
        "Wilhelm S, Tavares AJ, Dai Q, et al.",
        2016,
        "Analysis of nanoparticle delivery to tumours",
        "Nat Rev Mater 1:16014",
        "10.1038/natrevmats.2016.14",
        "Median tumour delivery 0.7% of the injected dose (2005-2015).",
    ),
    "cheng2020": Reference(
        "Cheng YH, He C, Riviere JE, Monteiro-Riviere NA, Lin Z",
        2020,
        "Meta-analysis of nanoparticle delivery to tumors using a physiologically based "
        "pharmacokinetic modeling and simulation approach",
        "ACS Nano 14:3075-3095",
        "10.1021/acsnano.9b08142",
        "Median 0.76 %ID at 24 h (376 data sets), mean 2.24%. Tumour 2.4% of body weight "
        "(check: from the science sheet, not confirmed against the paper here).",
    ),
    "chou2023": Reference(
        "Chou WC, Chen Q, Yuan L, et al.",
        2023,
        "An artificial intelligence-assisted physiologically-based pharmacokinetic model to "
        "predict nanoparticle delivery to tumors in mice",
        "J Control Release 361:53-63",
        "10.1016/j.jconrel.2023.07.040",
        "Publishes (GitHub UFPBPK/Nano-AI-PBPK-G1, CC0 1.0) the per-dataset tumour parameters "
        "that Cheng et al. 2020 fitted with their PBPK model, with each data set's particle, "
        "tumour model and DE24/DE168/DEmax; nanoedu ships that table "
        "(nanoedu/data/cheng2020_datasets.csv).",
    ),
    "lin2016": Reference(
        "Lin Z, Monteiro-Riviere NA, Riviere JE",
        2016,
        "A physiologically based pharmacokinetic model for polyethylene glycol-coated gold "
        "nanoparticles of different sizes in adult mice",
        "Nanotoxicology 10:162-172",
        "10.3109/17435390.2015.1027314",
        "Cardiac output, brain flow fraction and brain permeability-area fraction as listed "
        "in the science sheet from that group's code (check).",
    ),
    "diehl2001": Reference(
        "Diehl KH, Hull R, Morton D, et al.",
        2001,
        "A good practice guide to the administration of substances and removal of blood, "
        "including routes and volumes",
        "J Appl Toxicol 21:15-23",
        "10.1002/jat.727",
        "Mouse circulating blood volume 72 mL/kg.",
    ),
    "qi2004": Reference(
        "Qi Z, Whitt I, Mehta A, et al.",
        2004,
        "Serial determination of glomerular filtration rate in conscious mice using "
        "FITC-inulin clearance",
        "Am J Physiol Renal Physiol 286:F590-F596",
        "10.1152/ajprenal.00324.2003",
        "Conscious-mouse GFR of roughly 0.2-0.3 mL/min (check: order of magnitude confirmed "
        "from the abstract only).",
    ),
    "thurber2008": Reference(
        "Thurber GM, Schmidt MM, Wittrup KD",
        2008,
        "Factors determining antibody distribution in tumors",
        "Trends Pharmacol Sci 29:57-61",
        "10.1016/j.tips.2007.11.004",
        "Krogh cylinder: capillary radius about 8 um, Krogh radius 50-200 um.",
    ),
    "rippe1994": Reference(
        "Rippe B, Haraldsson B",
        1994,
        "Transport of macromolecules across microvascular walls: the two-pore theory",
        "Physiol Rev 74:163-219",
        "10.1152/physrev.1994.74.1.163",
    ),
    "baxter1989": Reference(
        "Baxter LT, Jain RK",
        1989,
        "Transport of fluid and macromolecules in tumors. I. Role of interstitial pressure "
        "and convection",
        "Microvasc Res 37:77-104",
        "10.1016/0026-2862(89)90074-5",
    ),
    "nance2012": Reference(
        "Nance EA, Woodworth GF, Sailor KA, et al.",
        2012,
        "A dense poly(ethylene glycol) coating improves penetration of large polymeric "
        "nanoparticles within brain tissue",
        "Sci Transl Med 4:149ra119",
        "10.1126/scitranslmed.3003594",
    ),
    "kirpotin2006": Reference(
        "Kirpotin DB, Drummond DC, Shao Y, et al.",
        2006,
        "Antibody targeting of long-circulating lipidic nanoparticles does not increase tumor "
        "localization but does increase internalization in animal models",
        "Cancer Res 66:6732-6740",
        "10.1158/0008-5472.CAN-05-4199",
        "HER2-overexpressing xenografts; similar tumour accumulation of targeted and untargeted "
        "liposomes, much more uptake into cancer cells with targeting.",
    ),
    "graff2003": Reference(
        "Graff CP, Wittrup KD",
        2003,
        "Theoretical analysis of antibody targeting of tumor spheroids: importance of dosage "
        "for penetration, and affinity for retention",
        "Cancer Res 63:1288-1296",
        "",
        "No DOI registered for this article; cited by journal, volume and pages.",
    ),
    "thurber2008addr": Reference(
        "Thurber GM, Schmidt MM, Wittrup KD",
        2008,
        "Antibody tumor penetration: transport opposed by systemic and antigen-mediated clearance",
        "Adv Drug Deliv Rev 60:1421-1434",
        "10.1016/j.addr.2008.04.012",
        "Typical kon 1e5 /M/s; antigen densities 1e4-1e6 per cell; internalisation half-lives "
        "of hours (check: typical ranges as summarised there, not one measured system).",
    ),
    "martinez2011": Reference(
        "Martinez-Veracoechea FJ, Frenkel D",
        2011,
        "Designing super selectivity in multivalent nano-particle binding",
        "Proc Natl Acad Sci USA 108:10963-10968",
        "10.1073/pnas.1105351108",
    ),
    "yu2011": Reference(
        "Yu YJ, Zhang Y, Kenrick M, et al.",
        2011,
        "Boosting brain uptake of a therapeutic antibody by reducing its affinity for a "
        "transcytosis target",
        "Sci Transl Med 3:84ra44",
        "10.1126/scitranslmed.3002230",
        "About 0.1% of a circulating antibody reaches the brain; lower-affinity anti-TfR "
        "bispecifics reach more at therapeutic doses.",
    ),
    "niewoehner2014": Reference(
        "Niewoehner J, Bohrmann B, Collin L, et al.",
        2014,
        "Increased brain penetration and potency of a therapeutic antibody using a monovalent "
        "molecular shuttle",
        "Neuron 81:49-60",
        "10.1016/j.neuron.2013.10.061",
    ),
    "pardridge2012": Reference(
        "Pardridge WM",
        2012,
        "Drug transport across the blood-brain barrier",
        "J Cereb Blood Flow Metab 32:1959-1972",
        "10.1038/jcbfm.2012.126",
        "Brain capillary surface ~150 cm^2/g; tight junctions exclude all but small lipid-"
        "soluble molecules (check: values as summarised in the review).",
    ),
    "hynynen2001": Reference(
        "Hynynen K, McDannold N, Vykhodtseva N, Jolesz FA",
        2001,
        "Noninvasive MR imaging-guided focal opening of the blood-brain barrier in rabbits",
        "Radiology 220:640-646",
        "10.1148/radiol.2202001804",
        "Focused ultrasound with microbubbles opens the barrier transiently; it closes within "
        "hours (check: the recovery time constant used is a teaching value within that range).",
    ),
    "thorne2006": Reference(
        "Thorne RG, Nicholson C",
        2006,
        "In vivo diffusion analysis with quantum dots and dextrans predicts the width of brain "
        "extracellular space",
        "Proc Natl Acad Sci USA 103:5567-5572",
        "10.1073/pnas.0509425103",
        "Brain extracellular space width 38-64 nm.",
    ),
    "manzoor2012": Reference(
        "Manzoor AA, Lindner LH, Landon CD, et al.",
        2012,
        "Overcoming limitations in nanoparticle drug delivery: triggered, intravascular release "
        "to improve drug penetration into tumors",
        "Cancer Res 72:5566-5575",
        "10.1158/0008-5472.CAN-12-1683",
        "Lysolipid thermosensitive liposomes release inside heated tumour vessels within seconds.",
    ),
    "needham2000": Reference(
        "Needham D, Anyarambhatla G, Kong G, Dewhirst MW",
        2000,
        "A new temperature-sensitive liposome for use with mild hyperthermia: characterization "
        "and testing in a human tumor xenograft model",
        "Cancer Res 60:1197-1201",
        "",
        "No DOI registered for this article. The lysolipid thermosensitive liposome's first "
        "description; the course's release figures (60% in 20 s, T_m 41.7 degC) are from "
        "Needham et al. 2013.",
    ),
    "casey2010": Reference(
        "Casey JR, Grinstein S, Orlowski J",
        2010,
        "Sensors and regulators of intracellular pH",
        "Nat Rev Mol Cell Biol 11:50-61",
        "10.1038/nrm2820",
        "Early endosome ~6.3, late endosome ~5.5, lysosome ~4.7-5.0.",
    ),
    "webb2011": Reference(
        "Webb BA, Chimenti M, Jacobson MP, Barber DL",
        2011,
        "Dysregulated pH: a perfect storm for cancer progression",
        "Nat Rev Cancer 11:671-677",
        "10.1038/nrc3110",
        "Tumour extracellular pH ~6.7-7.1, blood 7.4.",
    ),
    "siepmann2012": Reference(
        "Siepmann J, Siepmann F",
        2012,
        "Modeling of diffusion controlled drug delivery",
        "J Control Release 161:351-362",
        "10.1016/j.jconrel.2011.10.006",
        "Higuchi (square-root-of-time) and Korsmeyer-Peppas (power-law) release models and "
        "their ranges of validity.",
    ),
    "gabizon1994": Reference(
        "Gabizon A, Catane R, Uziely B, et al.",
        1994,
        "Prolonged circulation time and enhanced accumulation in malignant exudates of "
        "doxorubicin encapsulated in polyethylene-glycol coated liposomes",
        "Cancer Res 54:987-992",
        "",
        "No DOI registered. Free doxorubicin leaves plasma within minutes to hours (check: the "
        "teaching elimination rate is within that range).",
    ),
    "miller2015": Reference(
        "Miller MA, Gadde S, Pfirschke C, et al.",
        2015,
        "Predicting therapeutic nanomedicine efficacy using a companion magnetic resonance "
        "imaging nanoparticle",
        "Sci Transl Med 7:314ra183",
        "10.1126/scitranslmed.aac6522",
        "Ferumoxytol MRI uptake predicted which tumours took up a therapeutic nanoparticle, "
        "and their response to it (the companion-imaging idea of lesson 05).",
    ),
    "ramanathan2017": Reference(
        "Ramanathan RK, Korn RL, Raghunand N, et al.",
        2017,
        "Correlation between ferumoxytol uptake in tumor lesions by MRI and response to "
        "nanoliposomal irinotecan in patients with advanced solid tumors: a pilot study",
        "Clin Cancer Res 23:3638-3648",
        "10.1158/1078-0432.CCR-16-1990",
    ),
    "lee2017": Reference(
        "Lee H, Shields AF, Siegel BA, et al.",
        2017,
        "64Cu-MM-302 positron emission tomography quantifies variability of enhanced "
        "permeability and retention of nanoparticles in relation to treatment response in "
        "patients with metastatic breast cancer",
        "Clin Cancer Res 23:4190-4202",
        "10.1158/1078-0432.CCR-16-3193",
        "(check: citation as given in the science sheet)",
    ),
    "nudat": Reference(
        "National Nuclear Data Center",
        None,
        "NuDat: evaluated nuclear structure data",
        "Brookhaven National Laboratory",
        "",
        "Half-lives: 64Cu 12.7 h, 89Zr 78.4 h (as in the science sheet).",
    ),
    "soret2007": Reference(
        "Soret M, Bacharach SL, Buvat I",
        2007,
        "Partial-volume effect in PET tumor imaging",
        "J Nucl Med 48:932-945",
        "10.2967/jnumed.106.035774",
    ),
    "haugeberg1988": Reference(
        "Haugeberg G, Strohmeyer T, Lierse W, Bocker W",
        1988,
        "The vascularization of liver metastases. Histological investigation of "
        "gelatine-injected liver specimens with special regard to the vascularization of "
        "micrometastases",
        "J Cancer Res Clin Oncol 114:415-419",
        "10.1007/BF02128188",
        "19 human livers with metastases: hypervascular metastases filled from the hepatic "
        "artery in 12 of 16; more than half also drew portal blood at their periphery.",
    ),
    "you2014": Reference(
        "You J, Zhou J, Zhou M, et al.",
        2014,
        "Pharmacokinetics, clearance, and biosafety of polyethylene glycol-coated hollow gold "
        "nanospheres",
        "Part Fibre Toxicol 11:26",
        "10.1186/1743-8977-11-26",
        "PEG-coated hollow gold nanospheres, average diameter 63 nm, in mice: blood half-life "
        "8.19 +- 1.4 h (abstract).",
    ),
    "sarin2009": Reference(
        "Sarin H, Kanevsky AS, Wu H, et al.",
        2009,
        "Physiologic upper limit of pore size in the blood-tumor barrier of malignant solid tumors",
        "J Transl Med 7:51",
        "10.1186/1479-5876-7-51",
        "Rodent malignant glioma: dendrimers up to ~12 nm cross the blood-tumour barrier, larger "
        "ones do not.",
    ),
    "brown1997": Reference(
        "Brown RP, Delp MD, Lindstedt SL, Rhomberg LR, Beliles RP",
        1997,
        "Physiological parameter values for physiologically based pharmacokinetic models",
        "Toxicol Ind Health 13:407-484",
        "10.1177/074823379701300401",
        "Mouse organ masses: liver 5.5% and brain 1.65% of body mass.",
    ),
    "dewhirst2013": Reference(
        "Dewhirst MW, Landon CD, Hofmann CL, Stauffer PR",
        2013,
        "Novel approaches to treatment of hepatocellular carcinoma and hepatic metastases using "
        "thermal ablation and thermosensitive liposomes",
        "Surg Oncol Clin N Am 22:545-561",
        "10.1016/j.soc.2013.02.009",
    ),
    "klibanov1990": Reference(
        "Klibanov AL, Maruyama K, Torchilin VP, Huang L",
        1990,
        "Amphipathic polyethyleneglycols effectively prolong the circulation time of liposomes",
        "FEBS Lett 268:235-237",
        "10.1016/0014-5793(90)81016-H",
        "BALB/c mice: liposomes with PEG-PE circulate with t1/2 = 5 h, without it t1/2 < 30 min.",
    ),
    "woodle1992": Reference(
        "Woodle MC, Matthay KK, Newman MS, et al.",
        1992,
        "Versatility in lipid compositions showing prolonged circulation with sterically "
        "stabilized liposomes",
        "Biochim Biophys Acta 1105:193-200",
        "10.1016/0005-2736(92)90194-Q",
        "Mice and rats: up to 35% of the dose in blood at 24 h in the best PEG formulations "
        "(liver + spleen < 10%), against 1% (and 40%) without PEG-PE.",
    ),
    "needham2013": Reference(
        "Needham D, Park JY, Wright AM, Tong J",
        2013,
        "Materials characterization of the low temperature sensitive liposome (LTSL): effects "
        "of the lipid composition (lysolipid and DSPE-PEG2000) on the thermal transition and "
        "release of doxorubicin",
        "Faraday Discuss 161:515-534",
        "10.1039/C2FD20111A",
        "The ThermoDox formulation (9.7 mol% MSPC) releases 60% of its doxorubicin in the first "
        "20 s; with MSPC the transition peak sits at 41.7 degC.",
    ),
    "zhou2011": Reference(
        "Zhou C, Long M, Qin Y, Sun X, Zheng J",
        2011,
        "Luminescent gold nanoparticles with efficient renal clearance",
        "Angew Chem Int Ed 50:3168-3172",
        "10.1002/anie.201007321",
        "~2 nm glutathione-coated gold in mice: more than 50% of the dose in urine within 24 h, "
        "3.7 +/- 1.9% in the liver.",
    ),
    "garg2009": Reference(
        "Garg A, Balthasar JP",
        2009,
        "Investigation of the influence of FcRn on the distribution of IgG to the brain",
        "AAPS J 11:553-557",
        "10.1208/s12248-009-9129-9",
        "Control IgG1 in mice: brain-to-plasma AUC ratio 0.0022 +/- 0.00015.",
    ),
    "vieira1988": Reference(
        "Vieira P, Rajewsky K",
        1988,
        "The half-lives of serum immunoglobulins in adult mice",
        "Eur J Immunol 18:313-316",
        "10.1002/eji.1830180221",
        "IgG subclasses in mice circulate with half-lives of several days (about 6-8 days for "
        "IgG1 and IgG2a; check: not confirmed against the paper's table in this session).",
    ),
    "hirn2011": Reference(
        "Hirn S, Semmler-Behnke M, Schleh C, et al.",
        2011,
        "Particle size-dependent and surface charge-dependent biodistribution of gold "
        "nanoparticles after intravenous administration",
        "Eur J Pharm Biopharm 77:407-416",
        "10.1016/j.ejpb.2010.12.029",
        "Rats, 24 h: the liver's share rose from 50% of 1.4 nm gold to > 99% of 200 nm gold.",
    ),
    "zhang2016": Reference(
        "Zhang YN, Poon W, Tavares AJ, McGilvray ID, Chan WCW",
        2016,
        "Nanoparticle-liver interactions: cellular uptake and hepatobiliary elimination",
        "J Control Release 240:332-348",
        "10.1016/j.jconrel.2016.01.020",
        "30-99% of administered nanoparticles accumulate and are sequestered in the liver.",
    ),
    "lee2000": Reference(
        "Lee HJ, Engelhardt B, Lesley J, Bickel U, Pardridge WM",
        2000,
        "Targeting rat anti-mouse transferrin receptor monoclonal antibodies through blood-brain "
        "barrier in mouse",
        "J Pharmacol Exp Ther 292:1048-1052",
        "",
        pmid="10688622",
        note="The rat anti-mouse TfR antibody 8D3 reaches about 3 %ID/g brain within an hour of an "
        "intravenous tracer dose (as quoted in Pardridge's reviews; check: the paper's table "
        "was not read in this session).",
    ),
    "butler1975": Reference(
        "Butler TP, Grantham FH, Gullino PM",
        1975,
        "Bulk transfer of fluid in the interstitial compartment of mammary tumors",
        "Cancer Res 35:3084-3088",
        "",
        pmid="1182701",
        note="2-5 g rat mammary carcinomas lost 0.14-0.22 mL of fluid per h per g; the loss "
        "fell with tumour size.",
    ),
    "zhang2001": Reference(
        "Zhang Y, Pardridge WM",
        2001,
        "Mediated efflux of IgG molecules from brain to blood across the blood-brain barrier",
        "J Neuroimmunol 114:168-172",
        "10.1016/S0165-5728(01)00242-9",
        "IgG injected into the brain leaves it for the blood with a half-time of about 48 min, "
        "by a saturable (FcRn-mediated) route (check: from the abstract as recalled, not "
        "confirmed against the paper in this session).",
    ),
    "davies1993": Reference(
        "Davies B, Morris T",
        1993,
        "Physiological parameters in laboratory animals and humans",
        "Pharm Res 10:1093-1095",
        "10.1023/A:1018943613122",
        "Human (70 kg): cardiac output 5.6 L/min, plasma volume 3.0 L, GFR 125 mL/min, spleen "
        "blood flow 77 mL/min (read from a secondary table of the paper's values: check).",
    ),
    "morell1970": Reference(
        "Morell A, Terry WD, Waldmann TA",
        1970,
        "Metabolic properties of IgG subclasses in man",
        "J Clin Invest 49:673-680",
        "10.1172/JCI106279",
        "Survival half-life of human IgG1 about 21 days (IgG3 about 7 days); as widely cited, "
        "not confirmed against the paper's table in this session (check).",
    ),
    "sykova2008": Reference(
        "Sykova E, Nicholson C",
        2008,
        "Diffusion in brain extracellular space",
        "Physiol Rev 88:1277-1340",
        "10.1152/physrev.00027.2007",
        "In normal brain the extracellular volume fraction is typically ~20% and the tortuosity "
        "~1.6 (free diffusion reduced 2.6-fold), with regional variations (abstract).",
    ),
    "chary1989": Reference(
        "Chary SR, Jain RK",
        1989,
        "Direct measurement of interstitial convection and diffusion of albumin in normal and "
        "neoplastic tissues by fluorescence photobleaching",
        "Proc Natl Acad Sci USA 86:5385-5389",
        "10.1073/pnas.86.14.5385",
        "Rabbit ear chamber, FRAP of bovine serum albumin: diffusion 5.8 +- 1.3e-7 cm^2/s in "
        "normal and 6.3 +- 1.9e-7 cm^2/s in neoplastic tissue; fluid velocity ~0.6 um/s "
        "(abstract).",
    ),
    "roh1991": Reference(
        "Roh HD, Boucher Y, Kalnicki S, Buchsbaum R, Bloomer WD, Jain RK",
        1991,
        "Interstitial hypertension in carcinoma of uterine cervix in patients: possible "
        "correlation with tumor oxygenation and radiation response",
        "Cancer Res 51:6695-6698",
        "",
        "Wick-in-needle IFP in stage IIB-IIIB squamous cell carcinomas of the cervix: "
        "15.7 +- 5.7 (SD) mmHg, n = 12 (range of means 10-26); normal cervix 0-3 mmHg "
        "(abstract).",
    ),
    "gutmann1992": Reference(
        "Gutmann R, et al.",
        1992,
        "Interstitial hypertension in head and neck tumors in patients: correlation with tumor "
        "size",
        "Cancer Res 52:1993-1995",
        "",
        "Wick-in-needle IFP in squamous cell carcinomas of the head and neck: 4-33 mmHg in all "
        "19 lesions, rising with size, highest in a 24 mL tumour (abstract; the co-authors "
        "were not shown on the page read: check).",
    ),
    "wiig1982": Reference(
        "Wiig H, Tveit E, Hultborn R, Reed RK, Weiss L",
        1982,
        "Interstitial fluid pressure in DMBA-induced rat mammary tumours",
        "Scand J Clin Lab Invest 42:159-164",
        "10.1080/00365518209168067",
        "Central IFP of tumours heavier than 5.5 g: 16.0 mmHg (SD 4.8, n = 10), maximum 23.3; "
        "superficial layers (< 800 um) 2.4 mmHg (SD 2.4, n = 19) (abstract; the authors are "
        "as the paper is usually cited, not shown on the page read: check).",
    ),
    "harrington2000": Reference(
        "Harrington KJ, Rowlinson-Busza G, Syrigos KN, et al.",
        2000,
        "Biodistribution and pharmacokinetics of 111In-DTPA-labelled pegylated liposomes in a "
        "human tumour xenograft model: implications for novel targeting strategies",
        "Br J Cancer 83:232-238",
        "10.1054/bjoc.1999.1232",
        "Nude mice, 111In-DTPA-labelled PEGylated liposomes: t1/2alpha 1.1 h, t1/2beta 10.3 h; "
        "tumour 5.5 +- 3.0 %ID/g at 24 h (maximal); 19.3 +- 2.8 and 18.8 +- 4.2 %ID/g at 24 h in "
        "liver and spleen (abstract).",
    ),
    "harrington2001": Reference(
        "Harrington KJ, Mohammadtaghi S, Uster PS, et al.",
        2001,
        "Effective targeting of solid tumors in patients with locally advanced cancers by "
        "radiolabeled pegylated liposomes",
        "Clin Cancer Res 7:243-254",
        "",
        "No DOI registered. 17 patients, 111In-labelled PEGylated liposomes: plasma t1/2beta "
        "76.1 h; tumour uptake about 0.5-3.5 %ID at 72 h; head and neck 33.0 +- 15.8, lung "
        "18.3 +- 5.7, breast 5.3 +- 2.6 %ID/kg (abstract).",
    ),
    "sarkaria2018": Reference(
        "Sarkaria JN, Hu LS, Parney IF, et al.",
        2018,
        "Is the blood-brain barrier really disrupted in all glioblastomas? A critical "
        "assessment of existing clinical data",
        "Neuro Oncol 20:184-191",
        "10.1093/neuonc/nox175",
        "The contrast-enhancing core of a glioblastoma has a disrupted barrier; every "
        "glioblastoma also has clinically significant tumour behind an intact one.",
    ),
    "zamboni2004": Reference(
        "Zamboni WC, Gervais AC, Egorin MJ, et al.",
        2004,
        "Systemic and tumor disposition of platinum after administration of cisplatin or "
        "STEALTH liposomal-cisplatin formulations (SPI-077 and SPI-077 B103) in a preclinical "
        "tumor model of melanoma",
        "Cancer Chemother Pharmacol 53:329-336",
        "10.1007/s00280-003-0719-4",
        "SPI-077 put about 4x more platinum into B16 tumours than cisplatin, but no unbound "
        "platinum was detectable in the tumour's extracellular fluid (volume and pages: check).",
    ),
    "provenzano2012": Reference(
        "Provenzano PP, Cuevas C, Chang AE, et al.",
        2012,
        "Enzymatic targeting of the stroma ablates physical barriers to treatment of "
        "pancreatic ductal adenocarcinoma",
        "Cancer Cell 21:418-429",
        "10.1016/j.ccr.2012.01.007",
        "Pancreatic cancer's dense stroma raises interstitial fluid pressure and collapses "
        "vessels.",
    ),
    "strosberg2017": Reference(
        "Strosberg J, El-Haddad G, Wolin E, et al.",
        2017,
        "Phase 3 trial of 177Lu-Dotatate for midgut neuroendocrine tumors",
        "N Engl J Med 376:125-135",
        "10.1056/NEJMoa1607427",
        "NETTER-1: progression-free at 20 months 65.2% against 10.8%.",
    ),
    "sartor2021": Reference(
        "Sartor O, de Bono J, Chi KN, et al.",
        2021,
        "Lutetium-177-PSMA-617 for metastatic castration-resistant prostate cancer",
        "N Engl J Med 385:1091-1103",
        "10.1056/NEJMoa2107322",
        "VISION: median overall survival 15.3 against 11.3 months; patients selected by PSMA PET.",
    ),
    "seidlin1946": Reference(
        "Seidlin SM, Marinelli LD, Oshry E",
        1946,
        "Radioactive iodine therapy: effect on functioning metastases of adenocarcinoma of the "
        "thyroid",
        "JAMA 132:838-847",
        "10.1001/jama.1946.02870490016004",
        "Radioiodine imaged and treated the same thyroid metastases: the first theranostic pair.",
    ),
    "james2012": Reference(
        "James ML, Gambhir SS",
        2012,
        "A molecular imaging primer: modalities, imaging agents, and applications",
        "Physiol Rev 92:897-965",
        "10.1152/physrev.00049.2010",
        "Table comparing modalities (sensitivity, resolution, depth); the lesson's clinical "
        "figures are typical values of that kind (check against the table).",
    ),
    "ishida2005": Reference(
        "Ishida T, Harada M, Wang XY, et al.",
        2005,
        "Accelerated blood clearance of PEGylated liposomes following preceding liposome "
        "injection: effects of lipid dose and PEG surface-density and chain length of the "
        "first-dose liposomes",
        "J Control Release 105:305-317",
        "10.1016/j.jconrel.2005.04.003",
        "A first dose of PEGylated liposomes makes a second, given days later, clear rapidly "
        "(anti-PEG IgM); the effect weakens as the first lipid dose rises.",
    ),
    "szebeni2014": Reference(
        "Szebeni J",
        2014,
        "Complement activation-related pseudoallergy: a stress reaction in blood triggered by "
        "nanomedicines and biologicals",
        "Mol Immunol 61:163-173",
        "10.1016/j.molimm.2014.06.038",
        "Liposomal, micellar and polymer-conjugated drugs can trigger non-IgE infusion "
        "reactions through complement activation (CARPA); unpredictable, occasionally lethal.",
        "25124145",
    ),
    "dams2000": Reference(
        "Dams ETM, Laverman P, Oyen WJG, et al.",
        2000,
        "Accelerated blood clearance and altered biodistribution of repeated injections of "
        "sterically stabilized liposomes",
        "J Pharmacol Exp Ther 292:1071-1079",
        "",
        "No DOI registered. Rats, weekly 99mTc-PEG-liposomes: blood at 4 h after the second "
        "dose 0.6 +- 0.1 %ID against 52.6 +- 3.7 after the first; liver 8.1 -> 46.2 %ID.",
    ),
    "gabizon2003": Reference(
        "Gabizon A, Shmeeda H, Barenholz Y",
        2003,
        "Pharmacokinetics of pegylated liposomal doxorubicin: review of animal and human studies",
        "Clin Pharmacokinet 42:419-436",
        "10.2165/00003088-200342050-00002",
        "(check: not retrieved in the session that added it)",
    ),
    "lyass2000": Reference(
        "Lyass O, Uziely B, Ben-Yosef R, et al.",
        2000,
        "Correlation of toxicity with pharmacokinetics of pegylated liposomal doxorubicin "
        "(Doxil) in metastatic breast carcinoma",
        "Cancer 89:1037-1047",
        "",
        "Palmar-plantar erythrodysesthesia (hand-foot syndrome) usually after two or more "
        "courses, more frequent and severe with shorter dosing intervals.",
    ),
    "tak2018": Reference(
        "Tak WY, Lin SM, Wang Y, et al.",
        2018,
        "Phase III HEAT study adding lyso-thermosensitive liposomal doxorubicin to radiofrequency "
        "ablation in patients with unresectable hepatocellular carcinoma lesions",
        "Clin Cancer Res 24:73-83",
        "10.1158/1078-0432.CCR-16-2433",
        "701 patients: no progression-free (HR 0.96) or overall survival benefit; a post hoc "
        "subgroup with >= 45 min of ablation had longer overall survival (HR 0.63).",
    ),
    "vonhoff2016": Reference(
        "Von Hoff DD, Mita MM, Ramanathan RK, et al.",
        2016,
        "Phase I study of PSMA-targeted docetaxel-containing nanoparticle BIND-014 in patients "
        "with advanced solid tumors",
        "Clin Cancer Res 22:3157-3163",
        "10.1158/1078-0432.CCR-15-2548",
    ),
    "miller2016": Reference(
        "Miller K, Cortes J, Hurvitz SA, et al.",
        2016,
        "HERMIONE: a randomized phase 2 trial of MM-302 plus trastuzumab versus chemotherapy of "
        "physician's choice plus trastuzumab in patients with previously treated, anthracycline-"
        "naive, HER2-positive, locally advanced/metastatic breast cancer",
        "BMC Cancer 16:352",
        "10.1186/s12885-016-2385-z",
        "The trial design; the trial was stopped in 2016 when benefit was judged unlikely.",
    ),
    "anselmo2019": Reference(
        "Anselmo AC, Mitragotri S",
        2019,
        "Nanoparticles in the clinic: an update",
        "Bioeng Transl Med 4:e10143",
        "10.1002/btm2.10143",
        "Approved nanomedicines and their years (check: the approval list was not retrieved).",
    ),
    "matsumura1986": Reference(
        "Matsumura Y, Maeda H",
        1986,
        "A new concept for macromolecular therapeutics in cancer chemotherapy: mechanism of "
        "tumoritropic accumulation of proteins and the antitumor agent smancs",
        "Cancer Res 46:6387-6392",
        "",
        "No DOI registered. The first description of the EPR effect.",
    ),
    "nichols2014": Reference(
        "Nichols JW, Bae YH",
        2014,
        "EPR: evidence and fallacy",
        "J Control Release 190:451-464",
        "",
        "A critical review of the evidence for the EPR effect: how far tumour accumulation "
        "seen in mouse models carries over to the more varied tumours of patients. Cited in "
        "lessons 00-01 for the sceptical side of EPR. (check: the paper was not found in the "
        "search corpus; authors, title, journal and pages from secondary bibliographies, DOI "
        "not verified and left out.)",
    ),
    "danhier2016": Reference(
        "Danhier F",
        2016,
        "To exploit the tumor microenvironment: since the EPR effect fails in the clinic, what "
        "is the future of nanomedicine?",
        "J Control Release 244:108-121",
        "",
        "Review: the EPR effect, the main rationale of tumour nanomedicines, works in rodents "
        "but has not been shown to give efficacy gains in patients; proposes modulating the "
        "tumour microenvironment instead. Authors, year, title, journal and pages checked "
        "against the article's first page. (check: DOI 10.1016/j.jconrel.2016.11.015 appears "
        "in a secondary bibliography but was not confirmed against the publisher, so it is "
        "left out.)",
    ),
    "moghimi2018": Reference(
        "Moghimi SM, Simberg D",
        2018,
        "Nanoparticle transport pathways into tumors",
        "J Nanopart Res 20:169",
        "10.1007/s11051-018-4273-8",
        "Reviews the evidence for the two routes of nanoparticles across tumour vessels, "
        "between endothelial cells and through them, and suggests ways to re-evaluate both; "
        "written before Sindhwani et al. (2020).",
    ),
    "tenzer2013": Reference(
        "Tenzer S, Docter D, Kuharev J, et al.",
        2013,
        "Rapid formation of plasma protein corona critically affects nanoparticle pathophysiology",
        "Nat Nanotechnol 8:772-781",
        "10.1038/nnano.2013.181",
        "The corona forms within half a minute from about 300 proteins (check).",
    ),
    "salvati2013": Reference(
        "Salvati A, Pitek AS, Monopoli MP, et al.",
        2013,
        "Transferrin-functionalized nanoparticles lose their targeting capabilities when a "
        "biomolecule corona adsorbs on the surface",
        "Nat Nanotechnol 8:137-143",
        "10.1038/nnano.2012.237",
    ),
    "gradishar2005": Reference(
        "Gradishar WJ, Tjulandin S, Davidson N, et al.",
        2005,
        "Phase III trial of nanoparticle albumin-bound paclitaxel compared with polyethylated "
        "castor oil-based paclitaxel in women with breast cancer",
        "J Clin Oncol 23:7794-7803",
        "10.1200/JCO.2005.04.937",
        "Response rate 33% against 19% (volume, pages and DOI: check).",
    ),
    "lancet2018": Reference(
        "Lancet JE, Uy GL, Cortes JE, et al.",
        2018,
        "CPX-351 (cytarabine and daunorubicin) liposome for injection versus conventional "
        "cytarabine plus daunorubicin in older patients with newly diagnosed secondary acute "
        "myeloid leukemia",
        "J Clin Oncol 36:2684-2692",
        "10.1200/JCO.2017.77.6112",
        "Median overall survival 9.56 against 5.95 months.",
    ),
    "adams2018": Reference(
        "Adams D, Gonzalez-Duarte A, O'Riordan WD, et al.",
        2018,
        "Patisiran, an RNAi therapeutic, for hereditary transthyretin amyloidosis",
        "N Engl J Med 379:11-21",
        "10.1056/NEJMoa1716153",
    ),
    "autio2018": Reference(
        "Autio KA, Dreicer R, Anderson J, et al.",
        2018,
        "Safety and efficacy of BIND-014, a docetaxel nanoparticle targeting prostate-specific "
        "membrane antigen for patients with metastatic castration-resistant prostate cancer: a "
        "phase 2 clinical trial",
        "JAMA Oncol 4:1344-1351",
        "10.1001/jamaoncol.2018.2168",
        "(volume and pages: check)",
    ),
    "assumption": Reference(
        "nanoedu",
        None,
        "Stated modelling assumption (see docs/science.md)",
        "-",
        "",
        "Not a literature value: a teaching-model choice, stated with its reason.",
    ),
    "calibrated": Reference(
        "nanoedu",
        None,
        "Calibrated so that the default model reproduces a published aggregate (see "
        "docs/science.md)",
        "-",
        "",
        "Fitted to Wilhelm 2016 / Cheng 2020 median delivery and Sindhwani 2020 route split.",
    ),
    "design": Reference(
        "nanoedu",
        None,
        "Design choice of the learner's particle (a starting point, not data)",
        "-",
        "",
    ),
}


def format_reference(key: str) -> str:
    """Return one reference as a single citation line (authors, year, title, journal, DOI)."""
    try:
        r = REFERENCES[key]
    except KeyError:
        raise ValueError(
            f"source = {key!r} is not in the bibliography; known keys: {sorted(REFERENCES)}."
        ) from None
    year = f" ({r.year})" if r.year else ""
    doi = f" doi:{r.doi}" if r.doi else (f" PMID:{r.pmid}" if r.pmid else "")
    journal = f" {r.journal}." if r.journal != "-" else ""
    title = r.title if r.title.endswith(("?", "!", ".")) else f"{r.title}."
    return f"{r.authors}{year}. {title}{journal}{doi}".rstrip()


def sources(*keys: str) -> Any:
    """Decorator recording the bibliography keys behind a model function (for :func:`cite`)."""
    unknown = [k for k in keys if k not in REFERENCES]
    if unknown:
        raise ValueError(f"unknown source keys {unknown}; known: {sorted(REFERENCES)}.")

    def mark(fn: Any) -> Any:
        fn.__sources__ = tuple(sorted(set(getattr(fn, "__sources__", ())) | set(keys)))
        return fn

    return mark


def sources_of(*parameter_sets: Any) -> list[str]:
    """Return the sorted source keys behind one or more parameter sets or model functions."""
    from .parameters import fields_of

    keys: set[str] = set()
    for p in parameter_sets:
        if callable(p) and hasattr(p, "__sources__"):
            keys.update(p.__sources__)
        elif dataclasses.is_dataclass(p):
            keys.update(f.source for f in fields_of(p).values())
        else:
            raise ValueError(
                f"cannot cite {p!r}: give parameter sets or model functions marked with @sources."
            )
    return sorted(keys)


def cite(*parameter_sets: Any) -> str:
    """Return (and print) the bibliography behind parameter sets and/or model functions.

    Examples
    --------
    >>> from nanoedu import Nanoparticle
    >>> text = cite(Nanoparticle())  # doctest: +ELLIPSIS
    [choi2007] Choi HS...
    """
    lines = [f"[{k}] {format_reference(k)}" for k in sources_of(*parameter_sets)]
    text = "\n".join(lines)
    print(text)
    return text
