r"""The published nanoparticle PBPK model of a tumour-bearing mouse (Cheng et al. 2020).

The structure and the organ parameters are those of the group's model for gold nanoparticles
(Lin, Monteiro-Riviere & Riviere 2016) with the tumour that Cheng et al. 2020 added and fitted
to 376 data sets; the per-dataset tumour fits are the ones that group published with its
AI-assisted successor (Chou et al. 2023). Written in this package's style from the equations;
no code was copied.

Every organ but the brain has three places: capillary blood (volume fraction ``BV`` of the
organ), tissue, and phagocytic cells (RES). Blood enters an organ from the arterial plasma at
the organ's flow ``Q`` and leaves at the concentration of its capillary blood; the spleen's
outflow goes to the liver (portal vein), every other organ's to the venous plasma; the lung
takes the whole cardiac output from venous to arterial plasma. Between capillary blood and
tissue the exchange is permeability-limited,

.. math::
    J = PA\,\left(C_b - \frac{C_t}{P}\right), \qquad PA = PAC \cdot Q,

with the organ's partition coefficient ``P``. Phagocytes take particles up from the tissue (in
the liver, from the sinusoidal blood, where Kupffer cells sit) with a rate that grows in time,

.. math::
    K_{up}(t) = \frac{K_{max}\, t^{n}}{K_{50}^{n} + t^{n}},

and release them at ``K_rel``. Particles leave the body in urine (from the kidney's capillary
blood, ``K_urine``) and in bile (from liver tissue, ``K_bile``); both scale as BW^0.75.

The model is linear in the amounts but time-varying (the uptake grows in time), so it is
stepped with matrix exponentials, the uptake held at each step's midpoint (the second-order
Magnus rule), on a grid fine where the uptake changes, batched over particles with
:func:`~._linalg.expm_batch`; within 0.1% of ``scipy.integrate.solve_ivp`` (LSODA, rtol 1e-8;
tests/test_pbpk.py).

Delivery efficiency is Cheng et al.'s: the tumour holds its tissue and its phagocytes (not
its capillary blood), and DE24 and DE168 are its time-averaged %ID over the first 24 and
168 h (the area under the curve divided by the time), DEmax its maximum.

Examples
--------
>>> r = pbpk_biodistribution(TumourKinetics(), times_h=[0.0, 1.0, 24.0])
>>> round(float(sum(r[k][-1] for k in PBPK_COMPARTMENTS)), 6)  # every particle is somewhere
100.0
"""

from __future__ import annotations

import csv
import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, NamedTuple

import numpy as np

from ..parameters import ParameterSet, field
from ..results import Result
from ._linalg import expm_batch, flow_matrix
from ._validate import as_checked_array, batch_size, parameter_batch, time_grid

__all__ = [
    "OrganKinetics",
    "MOUSE_ORGANS",
    "PBPKBody",
    "TumourKinetics",
    "PBPK_STATES",
    "PBPK_FLOWS",
    "PBPK_COMPARTMENTS",
    "pbpk_rate_matrices",
    "pbpk_biodistribution",
    "delivery_efficiency",
    "PBPKDataset",
    "cheng2020_datasets",
    "particle_class",
    "class_parameters",
    "tumour_kinetics_for",
    "out_of_sample_delivery",
]


class OrganKinetics(NamedTuple):
    """One organ of the mouse model: physiology and the particle's (gold) kinetics there.

    Fractions of cardiac output (``flow``) and of body mass (``volume``); ``blood``: capillary
    blood as a fraction of the organ; ``partition``: tissue:plasma partition coefficient;
    ``pa``: permeability-area product as a fraction of the organ's flow; the phagocytes'
    maximum uptake rate [1/h], time of half-maximal uptake [h], Hill coefficient and release
    rate [1/h] (``None`` where the model has no phagocytes, the brain).
    """

    flow: float
    volume: float
    blood: float
    partition: float
    pa: float
    uptake_max_per_h: float | None
    uptake_half_time_h: float | None
    uptake_hill: float | None
    release_per_h: float | None


#: The mouse's organs (Lin et al. 2016 physiology and gold-particle kinetics, as used by Cheng et
#: al. 2020 for every data set; Brown et al. 1997 flows and volumes). The rest of the body
#: takes the flow and volume left over; the liver's flow is the hepatic artery's (the spleen's
#: outflow joins it); the lung's permeability is a fraction of the whole cardiac output.
MOUSE_ORGANS: dict[str, OrganKinetics] = {
    "Liver": OrganKinetics(0.02, 0.055, 0.31, 0.08, 0.001, 0.3, 48.0, 5.0, 0.0015),
    "Spleen": OrganKinetics(0.011, 0.005, 0.17, 0.15, 0.15, 5.0, 36.0, 5.0, 0.001),
    "Kidney": OrganKinetics(0.091, 0.017, 0.24, 0.15, 0.01, 0.12, 48.0, 5.0, 0.001),
    "Lung": OrganKinetics(1.0, 0.007, 0.5, 0.15, 0.001, 0.085, 48.0, 5.0, 0.003),
    "Brain": OrganKinetics(0.033, 0.017, 0.03, 0.15, 1e-6, None, None, None, None),
    "Muscle": OrganKinetics(0.159, 0.384, 0.04, 0.15, 5e-5, 0.4, 48.0, 5.0, 0.005),
    "Rest of body": OrganKinetics(0.0, 0.0, 0.04, 0.15, 5e-5, 0.4, 48.0, 5.0, 0.005),
}
#: Sources of the organ table (for docs and the bibliography).
MOUSE_ORGANS_SOURCE = "lin2016"
#: Blood and plasma volumes as fractions of body mass; the arterial share of plasma.
BLOOD_VOLUME_FRACTION = 0.06
PLASMA_VOLUME_FRACTION = 0.0355
ARTERIAL_PLASMA_SHARE = 0.2
#: Biliary and urinary clearance coefficients [L/h/kg^0.75] (Lin et al. 2016).
BILE_CLEARANCE_L_PER_H_PER_KG075 = 3e-5
URINE_CLEARANCE_L_PER_H_PER_KG075 = 3e-6

_ORGANS = tuple(MOUSE_ORGANS) + ("Tumour",)
_PHAGOCYTE_ORGANS = tuple(o for o in _ORGANS if o != "Brain")

#: The model's named states (amounts, %ID): arterial and venous plasma; each organ's capillary
#: blood, tissue and phagocytes (the brain has no phagocytes); urine and bile.
PBPK_STATES: tuple[str, ...] = (
    ("Arterial plasma", "Venous plasma")
    + tuple(
        f"{o}: {part}"
        for o in _ORGANS
        for part in (("blood", "tissue", "phagocytes") if o != "Brain" else ("blood", "tissue"))
    )
    + ("Urine", "Bile")
)
_S = {name: i for i, name in enumerate(PBPK_STATES)}
#: Reported compartments and the states each sums (the tumour without its capillary blood, as
#: Cheng et al. report delivery; every other organ whole).
PBPK_COMPARTMENTS: dict[str, tuple[str, ...]] = {
    "Blood [%ID]": ("Arterial plasma", "Venous plasma"),
    **{
        f"{o} [%ID]": tuple(s for s in PBPK_STATES if s.startswith(f"{o}: "))
        for o in _ORGANS
        if o != "Tumour"
    },
    "Tumour [%ID]": ("Tumour: tissue", "Tumour: phagocytes"),
    "Tumour capillary blood [%ID]": ("Tumour: blood",),
    "Urine [%ID]": ("Urine",),
    "Bile [%ID]": ("Bile",),
}


@dataclass(frozen=True, kw_only=True)
class PBPKBody(ParameterSet):
    """The mouse of the PBPK model: body mass and cardiac output."""

    body_mass_g: float = field(
        20.0,
        unit="g",
        bounds=(10.0, 50.0),
        source="cheng2020",
        description="body mass of the mouse (the model's default; the data sets' mice 16-35 g)",
    )
    cardiac_output_l_per_h_per_kg075: float = field(
        16.5,
        unit="L/h/kg^0.75",
        bounds=(5.0, 40.0),
        source="lin2016",
        description="cardiac output coefficient: QC = coefficient x BW^0.75",
    )


@dataclass(frozen=True, kw_only=True)
class TumourKinetics(ParameterSet):
    """The tumour of the PBPK model: its physiology and the particle's kinetics in it.

    These are the parameters Cheng et al. 2020 fitted to each data set (bounds: the fits'
    range). The defaults are the medians of the 378 per-dataset fits, each taken alone (no
    data set has all of them).
    """

    permeability_area_fraction: float = field(
        0.003,
        unit="1",
        bounds=(4.9e-6, 0.9),
        log=True,
        source="chou2023",
        description="PATC: tumour permeability-area product as a fraction of its blood flow",
    )
    partition: float = field(
        0.08,
        unit="1",
        bounds=(2.0e-4, 8.7),
        log=True,
        source="chou2023",
        description="PT: tumour tissue:plasma partition coefficient",
    )
    uptake_max_per_h: float = field(
        0.29,
        unit="1/h",
        bounds=(1e-3, 45.6),
        log=True,
        source="chou2023",
        description="KTRESmax: maximum rate of uptake by the tumour's phagocytes",
    )
    uptake_half_time_h: float = field(
        12.0,
        unit="h",
        bounds=(1e-5, 180.0),
        log=True,
        source="chou2023",
        description="KTRES50: time at which the phagocytes' uptake reaches half its maximum",
    )
    uptake_hill: float = field(
        1.925,
        unit="1",
        bounds=(0.01, 10.0),
        log=True,
        source="chou2023",
        description="KTRESn: Hill coefficient of the phagocytes' uptake in time",
    )
    release_per_h: float = field(
        0.097,
        unit="1/h",
        bounds=(1e-4, 15.0),
        log=True,
        source="chou2023",
        description="KTRESrelease: release rate from the tumour's phagocytes",
    )
    flow_fraction: float = field(
        0.02,
        unit="1",
        bounds=(0.005, 0.06),
        source="chou2023",
        description="QTC: tumour blood flow as a fraction of cardiac output",
    )
    volume_fraction: float = field(
        0.0076,
        unit="1",
        bounds=(5e-4, 0.2),
        log=True,
        source="chou2023",
        description="VTC: tumour mass as a fraction of body mass",
    )
    blood_fraction: float = field(
        0.02,
        unit="1",
        bounds=(0.005, 0.5),
        log=True,
        source="chou2023",
        description="BVT: capillary blood as a fraction of the tumour",
    )


#: The model's flows as (from state, to state); each carries a first-order rate constant
#: [1/h] that :func:`pbpk_rate_matrices` computes from the physiology.
PBPK_FLOWS: tuple[tuple[str, str], ...] = (
    ("Venous plasma", "Lung: blood"),
    ("Lung: blood", "Arterial plasma"),
    *(("Arterial plasma", f"{o}: blood") for o in _ORGANS if o != "Lung"),
    *((f"{o}: blood", "Venous plasma") for o in _ORGANS if o not in ("Lung", "Spleen")),
    ("Spleen: blood", "Liver: blood"),
    *((f"{o}: blood", f"{o}: tissue") for o in _ORGANS),
    *((f"{o}: tissue", f"{o}: blood") for o in _ORGANS),
    *((f"{o}: tissue", f"{o}: phagocytes") for o in _PHAGOCYTE_ORGANS if o != "Liver"),
    ("Liver: blood", "Liver: phagocytes"),
    *((f"{o}: phagocytes", f"{o}: tissue") for o in _PHAGOCYTE_ORGANS if o != "Liver"),
    ("Liver: phagocytes", "Liver: blood"),
    ("Kidney: blood", "Urine"),
    ("Liver: tissue", "Bile"),
)
_UPTAKE_FLOWS = {
    o: (
        ("Liver: blood", "Liver: phagocytes")
        if o == "Liver"
        else (f"{o}: tissue", f"{o}: phagocytes")
    )
    for o in _PHAGOCYTE_ORGANS
}


def _organ_table(tumour: TumourKinetics) -> dict[str, OrganKinetics]:
    organs = dict(MOUSE_ORGANS)
    used_flow = sum(k.flow for name, k in organs.items() if name not in ("Lung", "Rest of body"))
    used_volume = sum(k.volume for name, k in organs.items() if name != "Rest of body")
    rest = organs["Rest of body"]
    # The rest of the body takes what the named organs, the tumour and the plasma leave
    # (Cheng et al. subtract the plasma volume, not the blood volume).
    organs["Rest of body"] = rest._replace(
        flow=1.0 - used_flow - tumour.flow_fraction,
        volume=1.0 - used_volume - tumour.volume_fraction - PLASMA_VOLUME_FRACTION,
    )
    organs["Tumour"] = OrganKinetics(
        tumour.flow_fraction,
        tumour.volume_fraction,
        tumour.blood_fraction,
        tumour.partition,
        tumour.permeability_area_fraction,
        tumour.uptake_max_per_h,
        tumour.uptake_half_time_h,
        tumour.uptake_hill,
        tumour.release_per_h,
    )
    return organs


def _flow_rates(body: PBPKBody, organs: dict[str, OrganKinetics]) -> dict[tuple[str, str], float]:
    """First-order rate constants [1/h] of every flow but the phagocytes' uptake."""
    bw = body.body_mass_g / 1000.0  # kg; the model takes 1 kg of tissue as 1 L
    qc = body.cardiac_output_l_per_h_per_kg075 * bw**0.75  # L/h
    v_plasma = PLASMA_VOLUME_FRACTION * bw
    v_art, v_ven = ARTERIAL_PLASMA_SHARE * v_plasma, (1 - ARTERIAL_PLASMA_SHARE) * v_plasma
    rates: dict[tuple[str, str], float] = {}
    for name, k in organs.items():
        q = qc * k.flow
        v = k.volume * bw
        v_blood, v_tissue = v * k.blood, v * (1.0 - k.blood)
        pa = k.pa * (qc if name == "Lung" else q)
        if name == "Lung":
            rates[("Venous plasma", "Lung: blood")] = qc / v_ven
            rates[("Lung: blood", "Arterial plasma")] = qc / v_blood
        else:
            rates[("Arterial plasma", f"{name}: blood")] = q / v_art
            out = "Liver: blood" if name == "Spleen" else "Venous plasma"
            rates[(f"{name}: blood", out)] = q / v_blood
        rates[(f"{name}: blood", f"{name}: tissue")] = pa / v_blood
        rates[(f"{name}: tissue", f"{name}: blood")] = pa / (k.partition * v_tissue)
        if k.release_per_h is not None:
            rates[(f"{name}: phagocytes", _UPTAKE_FLOWS[name][0])] = k.release_per_h
        if name == "Kidney":
            rates[("Kidney: blood", "Urine")] = (
                URINE_CLEARANCE_L_PER_H_PER_KG075 * bw**0.75 / v_blood
            )
        if name == "Liver":
            rates[("Liver: tissue", "Bile")] = (
                BILE_CLEARANCE_L_PER_H_PER_KG075 * bw**0.75 / v_tissue
            )
    return rates


#: The unit uptake flow into each organ's phagocytes (times K_up,o(t) in the rate matrix).
_UPTAKE_UNITS = {
    o: flow_matrix({_UPTAKE_FLOWS[o]: 1.0}, _S, len(PBPK_STATES)) for o in _PHAGOCYTE_ORGANS
}
for _unit in _UPTAKE_UNITS.values():
    _unit.flags.writeable = False


def pbpk_rate_matrices(
    tumour: TumourKinetics, body: PBPKBody
) -> tuple[np.ndarray, dict[str, np.ndarray], dict[str, OrganKinetics]]:
    """The model as matrices: dA/dt = (M0 + sum over organs of K_up,o(t) U_o) A.

    Returns ``M0`` (every constant flow), ``{organ: U_o}`` (the unit uptake flow into the
    organ's phagocytes) and the organ table whose uptake parameters give K_up,o(t).
    """
    organs = _organ_table(tumour)
    m0 = flow_matrix(_flow_rates(body, organs), _S, len(PBPK_STATES))
    return m0, dict(_UPTAKE_UNITS), organs


def _hill(t: np.ndarray, k: OrganKinetics) -> np.ndarray:
    t = np.asarray(t, dtype=float)
    tn = t**k.uptake_hill
    return k.uptake_max_per_h * tn / (k.uptake_half_time_h**k.uptake_hill + tn)


#: Internal steps: geometric from 1 us to 0.05 h (fast tumour uptake can switch on within
#: seconds: K50 down to 1e-5 h in the fits), every 0.05 h to 3 h (where the uptake of most
#: fits rises), then every 0.5 h: within 0.1% of LSODA at rtol 1e-8 (tests/test_pbpk.py).
_EARLY_STEPS_H = np.concatenate([[0.0], np.geomspace(1e-6, 0.05, 30), np.arange(0.1, 3.0, 0.05)])
_STEP_H = 0.5


def _step_grid(t_end: float, outputs: np.ndarray) -> np.ndarray:
    late = np.arange(3.0, t_end + _STEP_H, _STEP_H)
    grid = np.concatenate([_EARLY_STEPS_H, late, outputs])
    return np.unique(grid[grid <= t_end])


#: Times at which delivery efficiency is defined [h] (Cheng et al. 2020: DE24, DE168).
DE_TIMES_H = (24.0, 168.0)
_DEFAULT_TIMES_H = np.linspace(0.0, 168.0, 337)


def pbpk_biodistribution(
    tumour: TumourKinetics | Sequence[TumourKinetics] = TumourKinetics(),
    body: PBPKBody | Sequence[PBPKBody] = PBPKBody(),
    times_h: Any = None,
) -> Result:
    """Biodistribution of an intravenous dose in the Cheng et al. 2020 mouse model [%ID].

    Parameters
    ----------
    tumour : TumourKinetics or sequence of TumourKinetics
        The tumour's parameters (one per particle for a batch).
    body : PBPKBody or sequence of PBPKBody
        The mouse (one per particle, or one for all).
    times_h : array_like of float, optional
        Output times [h], from 0, increasing, at most 1000 h (default 0-168 h, every 0.5 h).

    Returns
    -------
    Result
        ``"<organ> [%ID]"`` for blood (plasma), every organ, the tumour (tissue and
        phagocytes), its capillary blood, urine and bile, shape (T,) or (n, T); metrics
        ``"DE24 [%ID]"``, ``"DE168 [%ID]"`` (time-averaged tumour %ID over 0-24 h and 0-168 h)
        and ``"DEmax [%ID]"`` (maximum over 0-168 h).

    Notes
    -----
    Amounts obey :math:`dA/dt = (M_0 + \\sum_o K_{up,o}(t) U_o) A`, stepped with
    :math:`A(t+h) = \\exp(h\\,M(t + h/2))\\,A(t)` (module docstring). The dose enters the venous
    plasma at 0 h (the group's code infuses it over 18 s).

    References
    ----------
    Cheng YH et al. (2020) ACS Nano 14:3075. doi:10.1021/acsnano.9b08142
    Lin Z et al. (2016) Nanotoxicology 10:162. doi:10.3109/17435390.2015.1027314

    Examples
    --------
    >>> r = pbpk_biodistribution()
    >>> round(float(r["DE24 [%ID]"]), 2) > 0
    True
    """
    tumours = parameter_batch(tumour, TumourKinetics, "tumour")
    bodies = parameter_batch(body, PBPKBody, "body")
    n = batch_size(tumours, bodies)
    tumours, bodies = tumours * (n // len(tumours)), bodies * (n // len(bodies))
    t_out = time_grid(times_h, _DEFAULT_TIMES_H, from_zero=True)
    t_end = max(float(t_out[-1]), DE_TIMES_H[-1])
    grid = _step_grid(t_end, np.concatenate([t_out, DE_TIMES_H]))
    s = len(PBPK_STATES)
    tumour_rows = [_S["Tumour: tissue"], _S["Tumour: phagocytes"]]
    # The constant part of the matrix, with an extra row that integrates the tumour's AUC
    # (dAUC/dt = tumour %ID) with the amounts.
    m0 = np.zeros((n, s + 1, s + 1))
    m0[:, s, tumour_rows] = 1.0
    uptake_rates = {o: np.empty((n, grid.size - 1)) for o in _PHAGOCYTE_ORGANS}
    mid = 0.5 * (grid[1:] + grid[:-1])
    for b, (tk, bd) in enumerate(zip(tumours, bodies, strict=True)):
        m0[b, :s, :s], _, organs = pbpk_rate_matrices(tk, bd)
        for o in _PHAGOCYTE_ORGANS:
            uptake_rates[o][b] = _hill(mid, organs[o])
    units = {o: np.pad(u, ((0, 1), (0, 1))) for o, u in _UPTAKE_UNITS.items()}
    state = np.zeros((n, s + 1))
    state[:, _S["Venous plasma"]] = 100.0
    saved = {0.0: state.copy()}
    keep = set(np.concatenate([t_out, DE_TIMES_H]).tolist())
    tumour_max = np.zeros(n)  # over the step grid to 168 h, which holds every output time
    for k in range(grid.size - 1):
        m = m0.copy()
        for o in _PHAGOCYTE_ORGANS:
            m += uptake_rates[o][:, k, None, None] * units[o]
        state = np.einsum("nij,nj->ni", expm_batch((grid[k + 1] - grid[k]) * m), state)
        t = float(grid[k + 1])
        if t <= DE_TIMES_H[-1]:
            tumour_max = np.maximum(tumour_max, state[:, tumour_rows].sum(axis=1))
        if t in keep:
            saved[t] = state.copy()
    out = np.stack([saved[float(t)] for t in t_out], axis=-1)  # (n, s+1, T)
    values = {
        label: out[:, [_S[x] for x in parts], :].sum(axis=1)
        for label, parts in PBPK_COMPARTMENTS.items()
    }
    metrics = {
        "DE24 [%ID]": saved[24.0][:, s] / 24.0,
        "DE168 [%ID]": saved[168.0][:, s] / 168.0,
        "DEmax [%ID]": tumour_max,
    }
    if isinstance(tumour, TumourKinetics) and isinstance(body, PBPKBody):
        values = {k: v[0] for k, v in values.items()}
        metrics = {k: float(v[0]) for k, v in metrics.items()}
    return Result(
        axis=t_out, values=values, metrics=metrics, parameters={"tumour": tumour, "body": body}
    )


def delivery_efficiency(
    tumour: TumourKinetics | Sequence[TumourKinetics] = TumourKinetics(),
    body: PBPKBody | Sequence[PBPKBody] = PBPKBody(),
) -> dict[str, Any]:
    """Cheng et al.'s DE24, DE168 and DEmax [%ID] of one tumour (floats) or a batch (arrays).

    Examples
    --------
    >>> de = delivery_efficiency()
    >>> sorted(de)
    ['DE168 [%ID]', 'DE24 [%ID]', 'DEmax [%ID]']
    """
    return pbpk_biodistribution(tumour, body, times_h=[0.0, 24.0]).metrics


class PBPKDataset(NamedTuple):
    """One published tumour-delivery data set with Cheng et al.'s fit of it (Chou et al. 2023).

    ``targeting`` is "Active", "Passive" or "" (not reported); ``diameter_nm`` and
    ``zeta_mv`` are NaN where not reported. ``de24``, ``de168``, ``demax``: the fitted
    model's delivery efficiencies [%ID]; ``tumour``: the fitted parameters; ``body``: the mouse.
    """

    id: int
    type: str
    targeting: str
    diameter_nm: float
    zeta_mv: float
    shape: str
    tumour_model: str
    cancer: str
    dose_mg_per_kg: float
    de24: float
    de168: float
    demax: float
    tumour: TumourKinetics
    body: PBPKBody


def cheng2020_datasets() -> tuple[PBPKDataset, ...]:
    """The 378 data sets of nanoedu/data/cheng2020_datasets.csv (source and licence in its head).

    Examples
    --------
    >>> data = cheng2020_datasets()
    >>> len(data), data[0].type, data[0].tumour.partition
    (378, 'Inorganic', 0.265)
    """
    return _datasets()


@functools.cache
def _datasets() -> tuple[PBPKDataset, ...]:
    text = resources.files("nanoedu").joinpath("data/cheng2020_datasets.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))

    def num(x: str) -> float:
        return float(x) if x else float("nan")

    out = []
    for r in rows:
        tumour = TumourKinetics(
            permeability_area_fraction=float(r["patc"]),
            partition=float(r["pt"]),
            uptake_max_per_h=float(r["ktres_max_per_h"]),
            uptake_half_time_h=float(r["ktres50_h"]),
            uptake_hill=float(r["ktres_n"]),
            release_per_h=float(r["ktres_release_per_h"]),
            flow_fraction=float(r["qtc"]),
            volume_fraction=float(r["vtc"]),
            blood_fraction=float(r["bvt"]),
        )
        out.append(
            PBPKDataset(
                id=int(r["id"]),
                type=r["type"],
                targeting=r["targeting"],
                diameter_nm=num(r["diameter_nm"]),
                zeta_mv=num(r["zeta_mv"]),
                shape=r["shape"],
                tumour_model=r["tumour_model"],
                cancer=r["cancer"],
                dose_mg_per_kg=float(r["dose_mg_per_kg"]),
                de24=float(r["de24_pct"]),
                de168=float(r["de168_pct"]),
                demax=float(r["demax_pct"]),
                tumour=tumour,
                body=PBPKBody(body_mass_g=float(r["body_mass_g"])),
            )
        )
    return tuple(out)


#: The particle's own parameters of the tumour (the rest, flow, mass and blood fraction,
#: describe the mouse's tumour and come with each data set).
PARTICLE_TUMOUR_PARAMETERS = (
    "permeability_area_fraction",
    "partition",
    "uptake_max_per_h",
    "uptake_half_time_h",
    "uptake_hill",
    "release_per_h",
)
#: Size bands of the class rule [nm]: below 30, 30-100, 100 and above (and not reported).
SIZE_BANDS_NM = (30.0, 100.0)
#: Fewest training data sets a class needs; below it the rule falls back to a coarser class.
MIN_CLASS_SIZE = 5


def particle_class(particle_type: str, targeting: str, diameter_nm: float) -> tuple[str, str, str]:
    """A particle's class for the class rule: (type, targeting, size band); NaN: not reported.

    Examples
    --------
    >>> particle_class("Organic", "Passive", 96.4)
    ('Organic', 'Passive', '30-100 nm')
    """
    if math.isnan(diameter_nm):
        band = "size not reported"
    elif diameter_nm < SIZE_BANDS_NM[0]:
        band = f"< {SIZE_BANDS_NM[0]:g} nm"
    elif diameter_nm < SIZE_BANDS_NM[1]:
        band = f"{SIZE_BANDS_NM[0]:g}-{SIZE_BANDS_NM[1]:g} nm"
    else:
        band = f">= {SIZE_BANDS_NM[1]:g} nm"
    return (particle_type, targeting or "targeting not reported", band)


def _class_of(d: PBPKDataset) -> tuple[str, str, str]:
    return particle_class(d.type, d.targeting, d.diameter_nm)


def class_parameters(
    training: Sequence[PBPKDataset], cls: tuple[str, str, str]
) -> dict[str, float]:
    """Geometric means of the particle's tumour parameters over the training sets of a class.

    A class with fewer than ``MIN_CLASS_SIZE`` training sets falls back to (type, targeting),
    then to (type), then to all training sets.
    """
    for depth in (3, 2, 1, 0):
        members = [d for d in training if _class_of(d)[:depth] == cls[:depth]]
        if len(members) >= MIN_CLASS_SIZE or depth == 0:
            break
    return {
        name: float(np.exp(np.mean([np.log(getattr(d.tumour, name)) for d in members])))
        for name in PARTICLE_TUMOUR_PARAMETERS
    }


#: The particle types and targeting the class rule knows (Cheng et al.'s categories).
PARTICLE_TYPES = ("Inorganic", "Organic", "Hybrid")
TARGETING = ("Passive", "Active")


def tumour_kinetics_for(
    particle_type: str, targeting: str, diameter_nm: float, tumour: TumourKinetics | None = None
) -> TumourKinetics:
    """The backbone's tumour parameters for a particle described by the course's knobs.

    The stated rule (docs/science.md, section 2): the geometric mean of each particle-dependent
    tumour parameter over Cheng et al.'s fitted data sets of the particle's class (type,
    targeting, size band; fewer than ``MIN_CLASS_SIZE`` sets fall back to type and targeting,
    then type), on the tumour physiology of ``tumour`` (default: the median fit's).

    Parameters
    ----------
    particle_type : {"Inorganic", "Organic", "Hybrid"}
        Material class (gold, silica and iron oxide are inorganic; liposomes, polymers and
        dendrimers organic).
    targeting : {"Passive", "Active"}
        Whether the particle carries a targeting ligand.
    diameter_nm : float
        Hydrodynamic diameter [nm], 1 to 500.
    tumour : TumourKinetics, optional
        The tumour whose flow, mass and blood fraction are kept.

    Examples
    --------
    >>> tk = tumour_kinetics_for("Organic", "Passive", 100.0)
    >>> 0.1 < delivery_efficiency(tk)["DE24 [%ID]"] < 10.0
    True
    """
    if particle_type not in PARTICLE_TYPES:
        raise ValueError(
            f"particle_type = {particle_type!r} must be one of {', '.join(PARTICLE_TYPES)}."
        )
    if targeting not in TARGETING:
        raise ValueError(f"targeting = {targeting!r} must be one of {', '.join(TARGETING)}.")
    d = float(as_checked_array("diameter_nm", diameter_nm, "nm", (1.0, 500.0)))
    base = TumourKinetics() if tumour is None else tumour
    if not isinstance(base, TumourKinetics):
        raise ValueError(f"tumour = {tumour!r} must be a TumourKinetics (or None).")
    cls = particle_class(particle_type, targeting, d)
    return base.replace(**class_parameters(cheng2020_datasets(), cls))


def out_of_sample_delivery(
    datasets: Sequence[PBPKDataset] | None = None,
) -> dict[str, Any]:
    """Predict held-back data sets' DE24 from the particle's class alone (rule fixed in advance).

    The rule, chosen before any result was seen (docs/science.md): the odd-numbered data sets
    train, the even-numbered are predicted. A particle's tumour parameters are the geometric
    means over its class's training sets (:func:`class_parameters`; class = type, targeting,
    size band); the tumour's flow, mass and blood fraction and the mouse's body mass are the
    data set's own (they describe the animal, not the particle). The naive predictor gives every
    held-back set the training sets' median DE24.

    Returns
    -------
    dict
        ``n_train``, ``n_test``; ``within_3x_model`` and ``within_3x_naive`` (fractions of held-back
        sets whose tabled DE24 is within a factor of 3 of the prediction);
        ``median_fold_error_model`` and ``..._naive``; arrays ``predicted``, ``observed``,
        ``naive``; ``ids``.
    """
    data = cheng2020_datasets() if datasets is None else tuple(datasets)
    if not all(isinstance(d, PBPKDataset) for d in data):
        raise ValueError(
            "datasets must be PBPKDataset rows (from cheng2020_datasets()), or None for all."
        )
    train = [d for d in data if d.id % 2 == 1]
    test = [d for d in data if d.id % 2 == 0]
    if len(train) < MIN_CLASS_SIZE or not test:
        raise ValueError(
            f"datasets must hold at least {MIN_CLASS_SIZE} odd-numbered and one even-numbered "
            f"data set; got {len(train)} and {len(test)}."
        )
    cache: dict[tuple[str, str, str], dict[str, float]] = {}
    tumours = []
    for d in test:
        cls = _class_of(d)
        if cls not in cache:
            cache[cls] = class_parameters(train, cls)
        tumours.append(d.tumour.replace(**cache[cls]))
    predicted = delivery_efficiency(tumours, [d.body for d in test])["DE24 [%ID]"]
    observed = np.array([d.de24 for d in test])
    naive = np.full(len(test), float(np.median([d.de24 for d in train])))

    def fold(pred: np.ndarray) -> np.ndarray:
        return np.exp(np.abs(np.log(pred / observed)))

    return {
        "n_train": len(train),
        "n_test": len(test),
        "within_3x_model": float(np.mean(fold(predicted) <= 3.0)),
        "within_3x_naive": float(np.mean(fold(naive) <= 3.0)),
        "median_fold_error_model": float(np.median(fold(predicted))),
        "median_fold_error_naive": float(np.median(fold(naive))),
        "predicted": predicted,
        "observed": observed,
        "naive": naive,
        "ids": np.array([d.id for d in test]),
    }
