"""Rate matrices of first-order flows, and matrix exponentials of a batch of small matrices.

``scipy.linalg.expm`` accepts a stack of matrices but treats them one at a time (about 23 us
each for 13 x 13 here); the capstone needs four exponentials of ~100 patients' matrices per
dashboard update, which that would spend most of the update's compute budget on. This is the
same algorithm (Higham 2005: scaling and squaring with the [13/13] Padé approximant), applied
to the whole stack with numpy's batched matmul and solve; tested against scipy to 1e-12.
"""

from __future__ import annotations

import numpy as np

__all__ = ["expm_batch", "flow_matrix"]

# Padé [13/13] coefficients and the 1-norm below which it is accurate to double precision
# (Higham 2005, Table 2.3).
_B = (
    64764752532480000.0,
    32382376266240000.0,
    7771770303897600.0,
    1187353796428800.0,
    129060195264000.0,
    10559470521600.0,
    670442572800.0,
    33522128640.0,
    1323241920.0,
    40840800.0,
    960960.0,
    16380.0,
    182.0,
    1.0,
)
_THETA_13 = 5.371920351148152


def expm_batch(A: np.ndarray) -> np.ndarray:
    """exp(A) for each matrix of a stack A of shape (n, m, m).

    Examples
    --------
    >>> import numpy as np
    >>> round(float(expm_batch(np.array([[[np.log(2.0)]]]))[0, 0, 0]), 12)
    2.0
    """
    A = np.asarray(A, dtype=float)
    if A.ndim != 3 or A.shape[1] != A.shape[2]:
        raise ValueError(f"A must be a stack of square matrices (n, m, m); got shape {A.shape}.")
    if not np.all(np.isfinite(A)):
        raise ValueError("A must be finite.")
    norm = np.abs(A).sum(axis=1).max(axis=1)
    with np.errstate(divide="ignore"):
        s = np.where(norm > _THETA_13, np.ceil(np.log2(norm / _THETA_13)), 0.0).astype(int)
    A = A / (2.0**s)[:, None, None]
    eye = np.broadcast_to(np.eye(A.shape[1]), A.shape)
    A2 = A @ A
    A4 = A2 @ A2
    A6 = A4 @ A2
    b = _B
    U = A @ (
        A6 @ (b[13] * A6 + b[11] * A4 + b[9] * A2) + b[7] * A6 + b[5] * A4 + b[3] * A2 + b[1] * eye
    )
    V = A6 @ (b[12] * A6 + b[10] * A4 + b[8] * A2) + b[6] * A6 + b[4] * A4 + b[2] * A2 + b[0] * eye
    R = np.linalg.solve(V - U, V + U)
    for k in range(int(s.max(initial=0))):
        square = k < s
        R = np.where(square[:, None, None], R @ R, R)
    return R


def flow_matrix(rates: dict, index: dict[str, int], n_states: int) -> np.ndarray:
    """The matrix M of dA/dt = M A for first-order flows ``{(from, to): k}`` [1/h].

    Each rate leaves its "from" state (the diagonal) and enters its "to" state, so every column
    sums to zero. Rates may be scalars or arrays of shape (n,) (a batch: M is (n, m, m)).

    Examples
    --------
    >>> flow_matrix({("a", "b"): 2.0}, {"a": 0, "b": 1}, 2).tolist()
    [[-2.0, 0.0], [2.0, 0.0]]
    """
    shape = np.shape(next(iter(rates.values())))
    m = np.zeros(shape + (n_states, n_states))
    for (src, dst), k in rates.items():
        i, j = index[src], index[dst]
        m[..., j, i] += k
        m[..., i, i] -= k
    return m
