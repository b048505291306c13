"""LSODA with a banded Jacobian works on every scipy the package allows.

scipy before 1.16 needs the packed band padded with ``lband`` rows; 1.16 and later refuse the
padding. These tests force LSODA into its stiff method (the only one that calls the Jacobian),
so on the wrong side of that line they fail with scipy's bare ``ValueError``, as
``penetration`` did on Python 3.10 with scipy 1.15.3.
"""

from __future__ import annotations

import numpy as np
from scipy.integrate import solve_ivp

from nanoedu import penetration
from nanoedu.models import targeting
from nanoedu.models._ode import lsoda_banded_jacobian


def _stiff_chain(n: int = 30) -> np.ndarray:
    """A tridiagonal, stiff linear system: rates from 1e-2 to 1e4 per unit time."""
    A = np.diag(-np.logspace(-2, 4, n))
    A += np.diag(0.5 * np.logspace(-2, 4, n)[:-1], -1)  # each state feeds the next
    A += np.diag(np.full(n - 1, 1e-3), 1)
    return A


def test_banded_jacobian_matches_the_dense_one_in_lsoda_stiff_mode():
    A = _stiff_chain()
    n = A.shape[0]
    calls = []

    def packed(t, y):
        calls.append(t)
        J = np.zeros((3, n))  # lband = uband = 1: J_packed[1 + i - j, j] = A[i, j]
        for i in range(n):
            for j in range(max(0, i - 1), min(n, i + 2)):
                J[1 + i - j, j] = A[i, j]
        return J

    y0 = np.ones(n)
    kw = dict(method="LSODA", rtol=1e-8, atol=1e-12, t_eval=[1.0, 10.0])
    banded = solve_ivp(
        lambda t, y: A @ y,
        (0.0, 10.0),
        y0,
        jac=lsoda_banded_jacobian(packed, lband=1),
        lband=1,
        uband=1,
        **kw,
    )
    dense = solve_ivp(lambda t, y: A @ y, (0.0, 10.0), y0, jac=lambda t, y: A, **kw)
    assert calls, "LSODA never switched to its stiff method: the test would prove nothing"
    assert banded.success and dense.success
    np.testing.assert_allclose(banded.y, dense.y, rtol=1e-5, atol=1e-10)


def test_penetration_uses_its_banded_jacobian(monkeypatch):
    """The binding-site barrier model reaches the Jacobian (it is stiff) and solves."""
    calls = []
    real = targeting.lsoda_banded_jacobian

    def counting(jac, lband):
        def counted(t, y):
            calls.append(t)
            return jac(t, y)

        return real(counted, lband)

    monkeypatch.setattr(targeting, "lsoda_banded_jacobian", counting)
    r = penetration(n_cells=20)
    assert calls, "penetration's Jacobian was never called"
    assert np.all(np.isfinite(r["Bound [nM]"])) and r["Bound [nM]"].max() > 0
