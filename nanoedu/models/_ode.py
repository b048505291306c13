"""A banded Jacobian for ``solve_ivp(method="LSODA")`` that every supported scipy accepts.

``solve_ivp`` documents the packed band format ``J_packed[uband + i - j, j] = J[i, j]``, of
shape ``(lband + uband + 1, n)``. Up to scipy 1.15 its LSODA wrapper handed that array to
ODEPACK's Fortran unchanged, and ODEPACK works on ``2 * lband + uband + 1`` rows (the extra
``lband`` rows are LU workspace): the f2py call-back then failed with a bare ``ValueError``
("rv_cb_arr is NULL ... cb_jac_in_lsoda__user__routines failed") the first time LSODA
switched to its stiff method (scipy issue #10793, fixed by PR #22283 in scipy 1.16, which pads
the array itself and, in turn, refuses the padded shape). :func:`lsoda_banded_jacobian` pads
only where the installed scipy needs it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import scipy

__all__ = ["lsoda_banded_jacobian", "SCIPY_PADS_BANDED_LSODA"]


def _scipy_minor(version: str) -> tuple[int, int]:
    """(major, minor) of a scipy version string such as '1.15.3' or '1.16.0rc1'.

    Examples
    --------
    >>> _scipy_minor("1.16.0rc1"), _scipy_minor("1.9.3")
    ((1, 16), (1, 9))
    """
    m = re.match(r"(\d+)\.(\d+)", version)
    if m is None:  # pragma: no cover - scipy always has a numeric version
        raise ValueError(f"unrecognised scipy version {version!r}")
    return int(m.group(1)), int(m.group(2))


#: True where scipy's LSODA wrapper pads a packed banded Jacobian itself (scipy >= 1.16).
SCIPY_PADS_BANDED_LSODA = _scipy_minor(scipy.__version__) >= (1, 16)


def lsoda_banded_jacobian(
    jac: Callable[[float, np.ndarray], np.ndarray], lband: int
) -> Callable[[float, np.ndarray], np.ndarray]:
    """Wrap ``jac`` (returning the packed band, ``lband + uband + 1`` rows) for LSODA.

    On scipy >= 1.16 ``jac`` is returned unchanged; before, its result gets ``lband`` rows of
    zeros appended, the shape ODEPACK's call-back requires.

    Examples
    --------
    >>> import numpy as np
    >>> j = lsoda_banded_jacobian(lambda t, y: np.ones((3, 4)), lband=1)
    >>> j(0.0, np.zeros(4)).shape[0] == (3 if SCIPY_PADS_BANDED_LSODA else 4)
    True
    """
    if SCIPY_PADS_BANDED_LSODA:
        return jac

    def padded(t: float, y: np.ndarray) -> np.ndarray:
        packed = jac(t, y)
        return np.vstack([packed, np.zeros((lband, packed.shape[1]))])

    return padded
