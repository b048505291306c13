"""Physical constants, each with its unit in the name (SI unless the name says otherwise)."""

from __future__ import annotations

__all__ = [
    "AVOGADRO_PER_MOL",
    "BOLTZMANN_J_PER_K",
    "ZERO_CELSIUS_K",
    "BODY_TEMPERATURE_C",
    "SECONDS_PER_HOUR",
]

#: Boltzmann constant [J/K] (exact in the 2019 SI).
BOLTZMANN_J_PER_K = 1.380649e-23
#: 0 degC in kelvin [K].
ZERO_CELSIUS_K = 273.15
#: Core body temperature used as the default for every model [degC].
BODY_TEMPERATURE_C = 37.0
#: Avogadro constant [1/mol] (exact in the 2019 SI).
AVOGADRO_PER_MOL = 6.02214076e23
#: Seconds in an hour [s/h]: the lesson unit of time is the hour, permeabilities are in cm/s.
SECONDS_PER_HOUR = 3600.0
