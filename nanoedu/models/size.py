"""Size -> diffusion, renal sieving, vessel permeability and phagocytic uptake.

Every function here takes a hydrodynamic diameter in nanometres (scalar or array) and
returns plain numbers; units are in the names and docstrings.
"""

from __future__ import annotations

import numpy as np

from ..constants import BOLTZMANN_J_PER_K, ZERO_CELSIUS_K
from ..references import sources
from ._validate import as_checked_array

__all__ = [
    "water_viscosity_mPa_s",
    "medium_viscosity_mPa_s",
    "diffusion_coefficient_cm2_s",
    "in_vivo_diameter_nm",
    "renal_sieving",
    "diffusive_hindrance",
    "pore_permeability_cm_s",
    "phagocytic_size_factor",
    "peg_shielding_factor",
    "fcrn_factor",
    "pore_partition",
    "tumour_available_volume_fraction",
    "RENAL_CUTOFF_NM",
    "RENAL_WIDTH_NM",
]

#: Hydrodynamic diameter at which glomerular sieving is one half [nm] (Choi et al. 2007).
RENAL_CUTOFF_NM = 5.5
#: Width of the logistic sieving curve [nm]. Chosen so that sieving is ~0.95 at 4.4 nm and
#: ~0.05 at 6.7 nm and below 0.001 at 8.7 nm: the steep fall Choi et al. 2007 saw between
#: their 4.36 nm dots (renally cleared) and 8.65 nm dots (retained in liver, lung, spleen).
RENAL_WIDTH_NM = 0.4

# Vogel fit to water viscosity (see references["kestin1978"]): eta = A 10^(B/(T - C)).
_VOGEL_A_PA_S = 2.414e-5
_VOGEL_B_K = 247.8
_VOGEL_C_K = 140.0
# Plasma/water viscosity ratio: plasma is 1.2 mPa s at 37 degC (Kesmarky 2008), divided by the
# Vogel water viscosity at 37 degC; assumed independent of temperature over 20-45 degC.
_PLASMA_AT_37C_MPA_S = 1.2
_PLASMA_TO_WATER = _PLASMA_AT_37C_MPA_S / (
    1e3 * _VOGEL_A_PA_S * 10.0 ** (_VOGEL_B_K / (37.0 + ZERO_CELSIUS_K - _VOGEL_C_K))
)

_TEMPERATURE_BOUNDS_C = (0.0, 60.0)
_DIAMETER_BOUNDS_NM = (0.1, 5000.0)


@sources("kestin1978")
def water_viscosity_mPa_s(temperature_c: float | np.ndarray = 37.0) -> np.ndarray:
    """Dynamic viscosity of liquid water.

    Parameters
    ----------
    temperature_c : float or array
        Temperature [degC], 0 to 60.

    Returns
    -------
    numpy.ndarray
        Viscosity [mPa s].

    Notes
    -----
    Vogel equation :math:`\\eta = A\\,10^{B/(T-C)}` with A = 2.414e-5 Pa s, B = 247.8 K,
    C = 140 K, T in kelvin; within 1% of the reference values of Kestin et al. (1978)
    from 10 to 50 degC.

    References
    ----------
    Kestin J et al. (1978) J Phys Chem Ref Data 7:941. doi:10.1063/1.555581

    Examples
    --------
    >>> round(float(water_viscosity_mPa_s(37.0)), 3)
    0.69
    """
    t = as_checked_array("temperature_c", temperature_c, "degC", _TEMPERATURE_BOUNDS_C)
    kelvin = t + ZERO_CELSIUS_K
    return 1e3 * _VOGEL_A_PA_S * 10.0 ** (_VOGEL_B_K / (kelvin - _VOGEL_C_K))


@sources("kestin1978", "kesmarky2008")
def medium_viscosity_mPa_s(
    medium: str = "water", temperature_c: float | np.ndarray = 37.0
) -> np.ndarray:
    """Viscosity of ``"water"`` or blood ``"plasma"`` at a temperature [mPa s].

    Plasma is taken as 1.2 mPa s at 37 degC (Késmárky et al. 2008) and scaled with water's
    temperature dependence.

    Examples
    --------
    >>> round(float(medium_viscosity_mPa_s("plasma", 37.0)), 2)
    1.2
    """
    eta_w = water_viscosity_mPa_s(temperature_c)
    if medium == "water":
        return eta_w
    if medium == "plasma":
        return eta_w * _PLASMA_TO_WATER
    raise ValueError(f"medium = {medium!r} is not known: allowed 'water' or 'plasma'.")


@sources("einstein1905", "kestin1978", "kesmarky2008")
def diffusion_coefficient_cm2_s(
    hydrodynamic_diameter_nm: float | np.ndarray,
    temperature_c: float | np.ndarray = 37.0,
    medium: str = "water",
) -> np.ndarray:
    """Free diffusion coefficient of a sphere, Stokes-Einstein.

    Parameters
    ----------
    hydrodynamic_diameter_nm : float or array
        Hydrodynamic diameter [nm], 0.1 to 5000.
    temperature_c : float or array
        Temperature [degC], 0 to 60.
    medium : {"water", "plasma"}
        The liquid the particle diffuses in.

    Returns
    -------
    numpy.ndarray
        Diffusion coefficient [cm^2/s].

    Notes
    -----
    .. math:: D = \\frac{k_B T}{3 \\pi \\eta d_h}

    References
    ----------
    Einstein A (1905) Ann Phys 322:549. doi:10.1002/andp.19053220806

    Examples
    --------
    >>> f"{float(diffusion_coefficient_cm2_s(10.0)):.2e}"
    '6.58e-07'
    """
    d = as_checked_array(
        "hydrodynamic_diameter_nm", hydrodynamic_diameter_nm, "nm", _DIAMETER_BOUNDS_NM
    )
    t = as_checked_array("temperature_c", temperature_c, "degC", _TEMPERATURE_BOUNDS_C)
    eta_pa_s = medium_viscosity_mPa_s(medium, t) * 1e-3
    d_m = d * 1e-9
    D_m2_s = BOLTZMANN_J_PER_K * (t + ZERO_CELSIUS_K) / (3.0 * np.pi * eta_pa_s * d_m)
    return D_m2_s * 1e4


@sources("choi2007", "walkey2012")
def in_vivo_diameter_nm(
    diameter_nm: float | np.ndarray,
    peg_coverage: float | np.ndarray = 0.0,
    zwitterionic: bool | np.ndarray = False,
    corona_growth_nm: float | np.ndarray = 15.0,
) -> np.ndarray:
    """Hydrodynamic diameter in blood, after the serum-protein corona has formed [nm].

    Parameters
    ----------
    diameter_nm : float or array
        Hydrodynamic diameter as synthesised [nm].
    peg_coverage : float or array
        Fraction of the surface shielded by a dense PEG brush [1], 0 to 1.
    zwitterionic : bool or array of bool
        A zwitterionic or neutral coating that adsorbs no serum protein.
    corona_growth_nm : float or array
        Growth of an unshielded, non-zwitterionic particle in serum [nm].

    Returns
    -------
    numpy.ndarray
        In-vivo hydrodynamic diameter [nm].

    Notes
    -----
    .. math:: d_{vivo} = d + \\Delta d_{corona} (1 - s_{PEG}) \\, [\\text{not zwitterionic}]

    Choi et al. (2007) found that zwitterionic coatings prevent serum-protein adsorption,
    which otherwise added more than 15 nm. Scaling the growth by the unshielded fraction is
    a stated simplification of the reduced adsorption on dense PEG (Walkey et al. 2012).

    Examples
    --------
    >>> float(in_vivo_diameter_nm(4.4, zwitterionic=True))
    4.4
    >>> float(in_vivo_diameter_nm(4.4))
    19.4
    """
    d = as_checked_array("diameter_nm", diameter_nm, "nm", _DIAMETER_BOUNDS_NM)
    s = as_checked_array("peg_coverage", peg_coverage, "1", (0.0, 1.0))
    g = as_checked_array("corona_growth_nm", corona_growth_nm, "nm", (0.0, 100.0))
    z = np.asarray(zwitterionic)
    if z.dtype != bool:
        raise ValueError(
            f"zwitterionic = {zwitterionic!r} must be True or False (or an array of them)."
        )
    return d + np.where(z, 0.0, g * (1.0 - s))


@sources("choi2007")
def renal_sieving(
    hydrodynamic_diameter_nm: float | np.ndarray,
    cutoff_nm: float = RENAL_CUTOFF_NM,
    width_nm: float = RENAL_WIDTH_NM,
) -> np.ndarray:
    """Glomerular sieving coefficient (filtrate/plasma concentration) against size [1].

    Parameters
    ----------
    hydrodynamic_diameter_nm : float or array
        In-vivo hydrodynamic diameter [nm].
    cutoff_nm : float
        Diameter at which sieving is one half [nm], 1 to 50.
    width_nm : float
        Width of the transition [nm], 0.05 to 10.

    Returns
    -------
    numpy.ndarray
        Sieving coefficient [1], between 0 and 1.

    Notes
    -----
    .. math:: \\theta(d) = \\frac{1}{1 + \\exp((d - d_{50}) / w)}

    A logistic stand-in for the glomerular sieving curve, centred on the 5.5 nm threshold of
    Choi et al. (2007), with w = 0.4 nm (see :data:`RENAL_WIDTH_NM`). Only the particle's
    in-vivo (corona-included) diameter matters.

    References
    ----------
    Choi HS et al. (2007) Nat Biotechnol 25:1165. doi:10.1038/nbt1340

    Examples
    --------
    >>> float(renal_sieving(5.5))
    0.5
    >>> bool(renal_sieving(4.4) > 0.9 and renal_sieving(8.0) < 0.01)
    True
    """
    d = as_checked_array(
        "hydrodynamic_diameter_nm", hydrodynamic_diameter_nm, "nm", _DIAMETER_BOUNDS_NM
    )
    c = as_checked_array("cutoff_nm", cutoff_nm, "nm", (1.0, 50.0))
    w = as_checked_array("width_nm", width_nm, "nm", (0.05, 10.0))
    # exp overflows for very large d; the sieving coefficient is then exactly 0 in float.
    z = np.minimum((d - c) / w, 700.0)
    return 1.0 / (1.0 + np.exp(z))


@sources("schmidt2009")
def diffusive_hindrance(lam: float | np.ndarray) -> np.ndarray:
    """Diffusive hindrance H(lambda) of a sphere in a cylindrical pore (Renkin-type fit) [1].

    Notes
    -----
    .. math:: H = \\frac{1 - 2.105\\lambda + 2.0865\\lambda^3 - 1.7068\\lambda^5 + 0.72603\\lambda^6}{1 - 0.75857\\lambda^5}

    for :math:`\\lambda = r/r_{pore} < 1`, and 0 for :math:`\\lambda \\ge 1` (the particle
    does not fit). As used by Schmidt & Wittrup (2009).

    Examples
    --------
    >>> float(diffusive_hindrance(0.0))
    1.0
    >>> float(diffusive_hindrance(1.2))
    0.0
    """
    lam = as_checked_array("lambda", lam, "1", (0.0, 1e6))
    l_in = np.minimum(lam, 1.0)
    num = 1 - 2.105 * l_in + 2.0865 * l_in**3 - 1.7068 * l_in**5 + 0.72603 * l_in**6
    den = 1 - 0.75857 * l_in**5
    return np.where(lam < 1.0, num / den, 0.0)


@sources("schmidt2009", "einstein1905", "kestin1978")
def pore_permeability_cm_s(
    hydrodynamic_diameter_nm: float | np.ndarray,
    pore_radius_nm: float | np.ndarray,
    area_per_length_per_cm: float | np.ndarray,
    temperature_c: float = 37.0,
) -> np.ndarray:
    """Diffusive permeability of a vessel wall through one population of cylindrical pores.

    Parameters
    ----------
    hydrodynamic_diameter_nm : float or array
        Particle hydrodynamic diameter [nm].
    pore_radius_nm : float or array
        Pore radius [nm].
    area_per_length_per_cm : float or array
        Pore area per unit vessel surface divided by pore length, A/L [1/cm].
    temperature_c : float
        Temperature [degC].

    Returns
    -------
    numpy.ndarray
        Permeability [cm/s].

    Notes
    -----
    .. math:: P = D_{free}\\, H(\\lambda)\\, (1-\\lambda)^2\\, \\frac{A}{L}, \\qquad \\lambda = r / r_{pore}

    (1 - lambda)^2 is the steric partition coefficient. Summing two populations gives the
    two-pore model of Schmidt & Wittrup (2009).

    References
    ----------
    Schmidt MM, Wittrup KD (2009) Mol Cancer Ther 8:2861. doi:10.1158/1535-7163.MCT-09-0195

    Examples
    --------
    >>> float(pore_permeability_cm_s(20.0, 4.5, 17.6))  # does not fit through a 4.5 nm pore
    0.0
    """
    d = as_checked_array(
        "hydrodynamic_diameter_nm", hydrodynamic_diameter_nm, "nm", _DIAMETER_BOUNDS_NM
    )
    rp = as_checked_array("pore_radius_nm", pore_radius_nm, "nm", (0.1, 1e5))
    al = as_checked_array("area_per_length_per_cm", area_per_length_per_cm, "1/cm", (0.0, 1e4))
    lam = (d / 2.0) / rp
    phi = np.clip(1.0 - lam, 0.0, None) ** 2
    return (
        diffusion_coefficient_cm2_s(d, temperature_c, "water") * diffusive_hindrance(lam) * phi * al
    )


#: The particle size whose free diffusivity sets the vesicular pathway's speed [nm].
VESICULAR_REFERENCE_NM = 100.0


@sources("sindhwani2020", "schmidt2009")
def vesicular_permeability_cm_s(
    hydrodynamic_diameter_nm: float | np.ndarray,
    pathway_radius_nm: float | np.ndarray,
    area_per_length_per_cm: float | np.ndarray,
) -> np.ndarray:
    """Permeability of a vessel wall's one-way transcellular (vesicular) pathway [cm/s].

    .. math:: P_v = D_{100}\\, (1-\\lambda)^2\\, \\frac{A}{L}, \\qquad \\lambda = r / r_{pathway}

    Vesicles carry a particle through the endothelium at a rate that does not depend on how
    fast the particle diffuses, only on whether it fits (Sindhwani et al. 2020: 15-100 nm gold
    crossed mostly through cells). A stated simplification: every size moves at the free
    diffusivity of a 100 nm sphere (:data:`VESICULAR_REFERENCE_NM`) through the pathway's
    area per length, times the steric partition; diffusion through pores
    (:func:`pore_permeability_cm_s`) falls with size as 1/d, this pathway does not.

    Examples
    --------
    >>> a, b = vesicular_permeability_cm_s([20.0, 200.0], 500.0, 0.3)
    >>> round(float(a / b), 2)  # only the partition differs: (0.98 / 0.8)^2
    1.5
    """
    rp = as_checked_array("pathway_radius_nm", pathway_radius_nm, "nm", (0.1, 1e5))
    al = as_checked_array("area_per_length_per_cm", area_per_length_per_cm, "1/cm", (0.0, 1e4))
    phi = pore_partition(hydrodynamic_diameter_nm, rp)  # checks the diameter
    return diffusion_coefficient_cm2_s(VESICULAR_REFERENCE_NM, 37.0, "water") * phi * al


#: Reference in-vivo diameter for the phagocytic rate constants [nm].
PHAGOCYTIC_REFERENCE_NM = 100.0
#: Size exponents of liver and spleen uptake (stated simplification, see docs/science.md):
#: liver uptake roughly proportional to diameter (Walkey et al. 2012 macrophage uptake rose
#: with size), spleen steeper because splenic filtration favours large particles.
LIVER_SIZE_EXPONENT = 1.0
SPLEEN_SIZE_EXPONENT = 2.0
#: Phagocytic uptake that a complete PEG brush leaves [1], and the steepness of the fall with
#: coverage. Calibrated (docs/science.md): unshielded 100 nm particles leave blood with a
#: half-life under 30 min and PEG-lipid liposomes with about 5 h (Klibanov et al. 1990), and
#: the densest brush keeps about a third of a 100 nm dose in blood at 24 h (Woodle et al. 1992).
PEG_RESIDUAL_UPTAKE = 0.01
PEG_SHIELDING_EXPONENT = 1.5
#: Share of phagocytic (and pinocytic) uptake that ends in degradation for an antibody, which
#: the neonatal Fc receptor recycles back to blood. Calibrated so that an IgG-sized antibody
#: circulates with a half-life of about a week in a mouse (Vieira & Rajewsky 1988).
FCRN_UPTAKE_FACTOR = 0.045
#: The tumour interstitium as a matrix of channels (Schmidt & Wittrup 2009, as implemented
#: independently): 90% of the space in channels of 13.8 nm radius, 10% in channels of 1 um.
TUMOUR_MATRIX_CHANNELS = ((13.8, 0.9), (1000.0, 0.1))


@sources("walkey2012", "tsoi2016")
def phagocytic_size_factor(
    hydrodynamic_diameter_nm: float | np.ndarray, exponent: float
) -> np.ndarray:
    """Size dependence of phagocytic uptake relative to a 100 nm particle [1].

    .. math:: f(d) = (d / 100\\,\\mathrm{nm})^{a}

    Examples
    --------
    >>> float(phagocytic_size_factor(50.0, 1.0))
    0.5
    """
    d = as_checked_array(
        "hydrodynamic_diameter_nm", hydrodynamic_diameter_nm, "nm", _DIAMETER_BOUNDS_NM
    )
    return (d / PHAGOCYTIC_REFERENCE_NM) ** exponent


@sources("walkey2012", "klibanov1990", "woodle1992")
def peg_shielding_factor(peg_coverage: float | np.ndarray) -> np.ndarray:
    """Fraction of phagocytic uptake that remains with a PEG brush [1].

    .. math:: g(s) = g_{min} + (1 - g_{min})(1 - s)^{1.5}, \\qquad g_{min} = 0.01

    Falls monotonically, and steeply as the brush closes, with the shielded fraction s: a
    stated simplification of the fall of serum-protein adsorption and macrophage uptake
    with PEG density (Walkey et al. 2012); calibrated as :data:`PEG_RESIDUAL_UPTAKE` says.

    Examples
    --------
    >>> round(float(peg_shielding_factor(1.0)), 12)
    0.01
    >>> float(peg_shielding_factor(0.0))
    1.0
    """
    s = as_checked_array("peg_coverage", peg_coverage, "1", (0.0, 1.0))
    return PEG_RESIDUAL_UPTAKE + (1.0 - PEG_RESIDUAL_UPTAKE) * (1.0 - s) ** PEG_SHIELDING_EXPONENT


@sources("vieira1988")
def fcrn_factor(antibody: bool | np.ndarray) -> np.ndarray:
    """Share of uptake by cells that degrades the agent: :data:`FCRN_UPTAKE_FACTOR` for an
    antibody (recycled by FcRn), 1 for a particle [1].

    Examples
    --------
    >>> fcrn_factor([False, True]).tolist()
    [1.0, 0.045]
    """
    a = np.asarray(antibody)
    if a.dtype != bool:
        raise ValueError(f"antibody = {antibody!r} must be True or False (or an array of them).")
    return np.where(a, FCRN_UPTAKE_FACTOR, 1.0)


def pore_partition(
    hydrodynamic_diameter_nm: float | np.ndarray, pore_radius_nm: float | np.ndarray
) -> np.ndarray:
    """Steric partition of a sphere into a cylindrical pore, (1 - r/r_p)^2 (0 if it does not
    fit) [1].

    Examples
    --------
    >>> float(pore_partition(10.0, 10.0))
    0.25
    """
    d = as_checked_array(
        "hydrodynamic_diameter_nm", hydrodynamic_diameter_nm, "nm", _DIAMETER_BOUNDS_NM
    )
    return np.clip(1.0 - (d / 2.0) / pore_radius_nm, 0.0, None) ** 2


@sources("schmidt2009")
def tumour_available_volume_fraction(
    hydrodynamic_diameter_nm: float | np.ndarray, interstitial_fraction: float | np.ndarray = 0.5
) -> np.ndarray:
    """Volume fraction of tumour tissue that a particle of this size can occupy [1].

    .. math:: \\phi(d) = \\phi_0 \\sum_i f_i \\,(1 - r/r_i)^2

    The interstitium (fraction :math:`\\phi_0` of the tissue) as channels of two radii: 90% of
    it 13.8 nm, 10% of it 1 um (the fit of Schmidt & Wittrup 2009 to measured available
    volumes). An antibody (r ~ 5.5 nm) sees about half of the interstitium; a 50 nm particle
    about a tenth, only the wide channels.

    Examples
    --------
    >>> round(float(tumour_available_volume_fraction(11.0)), 3)
    0.212
    """
    phi0 = as_checked_array("interstitial_fraction", interstitial_fraction, "1", (0.0, 1.0))
    return phi0 * sum(
        f * pore_partition(hydrodynamic_diameter_nm, r) for r, f in TUMOUR_MATRIX_CHANNELS
    )
