"""What a scanner reports: PET with radioactive decay, counting noise and partial-volume loss;
MRI relaxation change from iron; fluorescence attenuated with depth. A measurement is never
the truth: every function here takes a seed for its noise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.special import erf

from ..parameters import ParameterSet, check_seed, check_value, choice_field, field
from ..references import sources
from ._validate import as_checked_array

__all__ = [
    "HALF_LIFE_H",
    "PETScanner",
    "MRIScanner",
    "recovery_coefficient",
    "decay_fraction",
    "pet_measurement",
    "noise_equivalent_counts",
    "mri_measurement",
    "fluorescence_signal",
    "sphere_diameter_mm",
]

#: Physical half-lives of PET labels [h] (NuDat).
HALF_LIFE_H = {"64Cu": 12.7, "89Zr": 78.4}
_FE_MG_PER_MMOL = 55.845


@sources("nudat")
def decay_fraction(label: str, times_h: Any) -> np.ndarray:
    r"""Fraction of the label's activity left after t, :math:`e^{-\ln 2\, t / t_{1/2}}` [1].

    Examples
    --------
    >>> round(float(decay_fraction("64Cu", 12.7)), 6)
    0.5
    """
    if label not in HALF_LIFE_H:
        raise ValueError(f"label = {label!r} is not one of {list(HALF_LIFE_H)}.")
    t = as_checked_array("times_h", times_h, "h", (0.0, 1e4))
    return np.exp(-np.log(2.0) * t / HALF_LIFE_H[label])


@sources("soret2007")
def recovery_coefficient(diameter_mm: Any, fwhm_mm: Any) -> np.ndarray:
    r"""Partial-volume recovery at the centre of a uniform sphere imaged with a Gaussian PSF [1].

    .. math:: RC = \mathrm{erf}\Big(\frac{R}{\sqrt2\sigma}\Big) -
              \sqrt{\frac{2}{\pi}}\frac{R}{\sigma}e^{-R^2/2\sigma^2}, \qquad
              \sigma = \mathrm{FWHM}/2.355

    Small lesions look fainter than they are (Soret et al. 2007).

    Examples
    --------
    >>> bool(recovery_coefficient(30.0, 2.0) > 0.99 and recovery_coefficient(1.0, 2.0) < 0.1)
    True
    """
    d = as_checked_array("diameter_mm", diameter_mm, "mm", (0.0, 1000.0))
    f = as_checked_array("fwhm_mm", fwhm_mm, "mm", (0.01, 50.0))
    sigma = f / (2.0 * np.sqrt(2.0 * np.log(2.0)))
    x = (d / 2.0) / sigma
    return erf(x / np.sqrt(2.0)) - np.sqrt(2.0 / np.pi) * x * np.exp(-(x**2) / 2.0)


def sphere_diameter_mm(mass_g: Any) -> np.ndarray:
    """Diameter of a sphere of tissue of this mass (density 1 g/mL) [mm]."""
    m = as_checked_array("mass_g", mass_g, "g", (0.0, 1e4))
    return 10.0 * (6.0 * m / np.pi) ** (1.0 / 3.0)


@dataclass(frozen=True, kw_only=True)
class PETScanner(ParameterSet):
    """A PET scan of a radiolabelled particle."""

    label: str = choice_field(
        "64Cu",
        options=("64Cu", "89Zr"),
        source="lee2017",
        description="positron-emitting label (half-life 12.7 h or 78.4 h)",
    )
    injected_activity_MBq: float = field(
        10.0,
        unit="MBq",
        bounds=(0.1, 400.0),
        log=True,
        source="assumption",
        description="activity injected with the particle",
    )
    sensitivity_cps_per_MBq: float = field(
        2e4,
        unit="counts/s per MBq",
        bounds=(1e3, 2e5),
        log=True,
        source="assumption",
        description="counts detected per second per MBq in the field of view (~2% sensitivity)",
    )
    scan_min: float = field(
        10.0,
        unit="min",
        bounds=(1.0, 60.0),
        source="assumption",
        description="duration of each scan",
    )
    noise_equivalent_fraction: float = field(
        0.01,
        unit="1",
        bounds=(1e-4, 1.0),
        log=True,
        source="assumption",
        description="share of detected counts that count for noise after reconstruction",
    )
    resolution_fwhm_mm: float = field(
        1.5,
        unit="mm",
        bounds=(0.5, 10.0),
        source="soret2007",
        description="spatial resolution (preclinical ~1.5 mm, clinical ~5 mm)",
    )
    anatomy_volume_sd: float = field(
        0.15,
        unit="ln units",
        bounds=(0.0, 1.0),
        source="assumption",
        description="error (SD of the log) of a tumour's volume read from its outline on CT or "
        "MRI, which the partial-volume correction and the per-gram value use",
    )


@sources("nudat", "soret2007", "lee2017")
def pet_measurement(
    true_pct_per_g: Any,
    tumour_mass_g: Any,
    times_h: Any,
    scanner: PETScanner | None = None,
    seed: int = 0,
    correct_partial_volume: bool = True,
    noise: bool = True,
    background_pct_per_g: Any = 0.0,
    anatomy_mass_g: Any = None,
) -> np.ndarray:
    r"""Tumour uptake [%ID/g] as a PET scan reports it (decay-corrected), with noise.

    Parameters
    ----------
    true_pct_per_g : array-like
        True tumour concentration [%ID/g], shape (..., T) matching ``times_h``.
    tumour_mass_g : array-like
        Tumour mass [g], broadcast against the leading axes (sets counts and size).
    times_h : array-like
        Scan times [h], shape (T,).
    scanner : PETScanner, optional
    seed : int
        Seed of the counting noise.
    correct_partial_volume : bool
        Divide by the recovery coefficient of a sphere of the tumour's size (the tumour's size
        is known from anatomy); otherwise report the partial-volume-biased value.
    noise : bool
        False gives the expected value (no counting noise): the noiseless limit for checks.
    background_pct_per_g : array-like
        Concentration of the tissue around the tumour [%ID/g], broadcast against
        ``true_pct_per_g`` (default 0: a cold background). A sphere in a hot background
        measures :math:`RC\,c + (1 - RC)\,c_{bg}` (spill-in); the correction subtracts the
        background, measured in a large region and so taken as exact, before dividing by RC.
    anatomy_mass_g : array-like, optional
        The tumour's mass as read from anatomy [g], which the reported value uses to turn
        counts into %ID/g and for the partial-volume correction (default: the true mass, a
        perfect outline).

    Notes
    -----
    Noise-equivalent counts
    :math:`N \sim \mathrm{Poisson}(f\,A_0\,\frac{(RC\,c + (1 - RC)\,c_{bg})\,m}{100}\,e^{-\lambda t}\,S\,t_{scan})`;
    reported :math:`\%ID/g = 100 N/(f A_0 e^{-\lambda t} S t_{scan} m)` (less the background's
    spill-in and ÷ RC if corrected). Later scans and shorter half-lives give fewer counts, hence
    noisier values; a hot background adds counts that carry no information on the tumour.
    """
    sc = scanner or PETScanner()
    rng = np.random.default_rng(check_seed(seed))
    expected, eff, rc, spill, m_b = _expected_counts(
        true_pct_per_g, tumour_mass_g, times_h, sc, background_pct_per_g
    )
    counts = rng.poisson(expected) if noise else expected
    if anatomy_mass_g is None:
        m_read, rc_read, spill_read = m_b, rc, spill
    else:
        # the outline sets the volume the counts are divided by, and the sphere it corrects for
        m_a = as_checked_array("anatomy_mass_g", anatomy_mass_g, "g", (1e-4, 1e3))
        m_read = np.asarray(m_a)[..., None] if np.ndim(m_a) else m_a
        rc_read = recovery_coefficient(sphere_diameter_mm(m_read), sc.resolution_fwhm_mm)
        spill_read = (1.0 - rc_read) * np.asarray(background_pct_per_g, dtype=float)
    measured = 100.0 * counts / (eff * m_read)
    return (measured - spill_read) / rc_read if correct_partial_volume else measured


def _expected_counts(
    true_pct_per_g: Any,
    tumour_mass_g: Any,
    times_h: Any,
    sc: PETScanner,
    background_pct_per_g: Any = 0.0,
) -> tuple:
    """Expected noise-equivalent counts of a tumour, and the terms pet_measurement needs."""
    c = as_checked_array("true_pct_per_g", true_pct_per_g, "%ID/g", (0.0, 1e4))
    m = as_checked_array("tumour_mass_g", tumour_mass_g, "g", (1e-4, 1e3))
    t = np.atleast_1d(as_checked_array("times_h", times_h, "h", (0.0, 1e4)))
    m_b = np.asarray(m)[..., None] if np.ndim(m) else m
    rc = recovery_coefficient(sphere_diameter_mm(m_b), sc.resolution_fwhm_mm)
    per_count = (
        sc.injected_activity_MBq
        * decay_fraction(sc.label, t)
        * sc.sensitivity_cps_per_MBq
        * sc.scan_min
        * 60.0
    )
    # Reconstruction and scatter correction amplify noise: the image behaves as if only a
    # fraction f of the detected counts were Poisson-independent.
    eff = per_count * sc.noise_equivalent_fraction
    bg = as_checked_array("background_pct_per_g", background_pct_per_g, "%ID/g", (0.0, 1e4))
    spill = (1.0 - rc) * bg
    expected = (rc * c + spill) / 100.0 * m_b * eff
    return expected, eff, rc, spill, m_b


@sources("soret2007")
def noise_equivalent_counts(
    true_pct_per_g: Any,
    tumour_mass_g: Any,
    times_h: Any,
    scanner: PETScanner | None = None,
    background_pct_per_g: Any = 0.0,
) -> np.ndarray:
    """Expected noise-equivalent counts from a tumour in one scan (the mean of the Poisson
    count :func:`pet_measurement` draws): fewer counts, noisier image.

    Examples
    --------
    >>> n24, n72 = noise_equivalent_counts(0.4, 0.6, [24.0, 72.0])
    >>> bool(n72 < n24 / 10)  # 64Cu decays with a 12.7 h half-life
    True
    """
    return _expected_counts(
        true_pct_per_g, tumour_mass_g, times_h, scanner or PETScanner(), background_pct_per_g
    )[0]


@dataclass(frozen=True, kw_only=True)
class MRIScanner(ParameterSet):
    """T2*-weighted MRI of an iron-oxide particle (ferumoxytol-like)."""

    iron_dose_mg: float = field(
        0.1,
        unit="mg",
        bounds=(0.001, 10.0),
        log=True,
        source="assumption",
        description="iron injected (4 mg/kg in a 25 g mouse, a ferumoxytol imaging dose)",
    )
    relaxivity_per_mM_s: float = field(
        60.0,
        unit="1/(mM s)",
        bounds=(1.0, 500.0),
        source="assumption",
        description="r2* of the particle's iron (ferumoxytol-like order of magnitude)",
    )
    noise_sd_per_s: float = field(
        2.0,
        unit="1/s",
        bounds=(0.0, 50.0),
        source="assumption",
        description="noise of a measured change in R2*",
    )


@sources("miller2015")
def mri_measurement(
    true_pct_per_g: Any, scanner: MRIScanner | None = None, seed: int = 0
) -> np.ndarray:
    r"""Measured change in relaxation rate, :math:`\Delta R_2^* = r_2^*[Fe] + \varepsilon` [1/s].

    [Fe] (mM) from the tumour's %ID/g of the injected iron; Gaussian noise ε.

    Examples
    --------
    >>> float(mri_measurement(1.0, MRIScanner(noise_sd_per_s=0.0)))  # doctest: +ELLIPSIS
    1.07...
    """
    sc = scanner or MRIScanner()
    c = as_checked_array("true_pct_per_g", true_pct_per_g, "%ID/g", (0.0, 1e4))
    fe_mM = c / 100.0 * sc.iron_dose_mg / _FE_MG_PER_MMOL * 1e3  # mmol/L per g/mL of tissue
    rng = np.random.default_rng(check_seed(seed))
    return sc.relaxivity_per_mM_s * fe_mM + rng.normal(0.0, sc.noise_sd_per_s, np.shape(c))


@sources("assumption")
def fluorescence_signal(
    true_pct_per_g: Any,
    depth_mm: Any,
    attenuation_per_mm: float = 1.0,
    noise_sd: float = 0.01,
    seed: int = 0,
) -> np.ndarray:
    r"""Relative fluorescence signal, :math:`c\,e^{-\mu_{eff} z} + \varepsilon` [a.u.].

    Near-infrared light in tissue is attenuated with an effective coefficient of about
    1 /mm; a tumour a centimetre deep is invisible to a surface camera.

    Examples
    --------
    >>> float(fluorescence_signal(1.0, 0.0, noise_sd=0.0))
    1.0
    """
    c = as_checked_array("true_pct_per_g", true_pct_per_g, "%ID/g", (0.0, 1e4))
    z = as_checked_array("depth_mm", depth_mm, "mm", (0.0, 200.0))
    mu = check_value("attenuation_per_mm", attenuation_per_mm, "1/mm", (0.0, 20.0))
    sd = check_value("noise_sd", noise_sd, "a.u.", (0.0, 10.0))
    rng = np.random.default_rng(check_seed(seed))
    return c * np.exp(-mu * z) + rng.normal(0.0, sd, np.broadcast_shapes(np.shape(c), np.shape(z)))
