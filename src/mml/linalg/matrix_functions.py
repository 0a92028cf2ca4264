"""The matrix exponential ``expm`` by scaling and squaring with Padé approximants.

``exp(A) = sum_k A^k / k!`` (the solution operator of ``x' = A x``). Following Higham
(2005) and Al-Mohy & Higham (2009), as ``scipy.linalg.expm``: with ``eta = ||A||_1``, the
diagonal Padé approximant ``r_m(A) = (V - U)^{-1} (V + U)`` of degree ``m`` in
{3, 5, 7, 9, 13} is accurate to double precision when ``eta <= theta_m``; otherwise ``A``
is scaled by ``2^-s`` so that ``||A / 2^s||_1 <= theta_13`` and the result squared ``s``
times, ``exp(A) = r_13(A / 2^s)^(2^s)``. ``U`` collects the odd powers of ``A`` and ``V``
the even ones, so each approximant costs a few matrix products and one linear solve.

NaN or inf input raises ``LinAlgError`` (SciPy returns NaN there); a result too large for
float64 overflows to inf, as in SciPy.

Examples
--------
>>> import numpy as np
>>> np.round(expm(np.array([[0.0, 1.0], [-1.0, 0.0]])), 6)  # a rotation by 1 radian
array([[ 0.540302,  0.841471],
       [-0.841471,  0.540302]])
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from mml.linalg._validation import (
    as_stacked_matrix,
    check_finite,
    check_square,
    common_dtypes,
    map_matrices,
)

__all__ = ["expm", "expm_taylor"]

# Padé coefficients b_0 .. b_m and the 1-norm bounds theta_m (Higham 2005, Table 2.3)
_PADE = {
    3: (120.0, 60.0, 12.0, 1.0),
    5: (30240.0, 15120.0, 3360.0, 420.0, 30.0, 1.0),
    7: (17297280.0, 8648640.0, 1995840.0, 277200.0, 25200.0, 1512.0, 56.0, 1.0),
    9: (
        17643225600.0,
        8821612800.0,
        2075673600.0,
        302702400.0,
        30270240.0,
        2162160.0,
        110880.0,
        3960.0,
        90.0,
        1.0,
    ),
    13: (
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
    ),
}
_THETA = {
    3: 1.495585217958292e-2,
    5: 2.539398330063230e-1,
    7: 9.504178996162932e-1,
    9: 2.097847961257068e0,
    13: 5.371920351148152e0,
}


def _pade(A: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray]:
    """``U`` (odd part) and ``V`` (even part) of the degree-``m`` Padé numerator."""
    b = _PADE[m]
    identity = np.eye(A.shape[0], dtype=A.dtype)
    A2 = A @ A
    if m == 13:
        A4 = A2 @ A2
        A6 = A4 @ A2
        odd = A6 @ (b[13] * A6 + b[11] * A4 + b[9] * A2)
        odd += b[7] * A6 + b[5] * A4 + b[3] * A2 + b[1] * identity
        even = A6 @ (b[12] * A6 + b[10] * A4 + b[8] * A2)
        even += b[6] * A6 + b[4] * A4 + b[2] * A2 + b[0] * identity
        return A @ odd, even
    powers = [identity, A2]
    while len(powers) <= m // 2:
        powers.append(powers[-1] @ A2)
    odd = sum(b[2 * j + 1] * powers[j] for j in range(m // 2 + 1))
    even = sum(b[2 * j] * powers[j] for j in range(m // 2 + 1))
    return A @ odd, even


def _expm_kernel(A: np.ndarray) -> np.ndarray:
    from mml.linalg.linear_systems import solve

    n = A.shape[0]
    if n == 0:
        return A.copy()
    if n == 1:
        return np.exp(A)
    eta = float(np.abs(A).sum(axis=0).max())  # ||A||_1
    for m in (3, 5, 7, 9):
        if eta <= _THETA[m]:
            U, V = _pade(A, m)
            return solve(V - U, V + U)
    s = max(0, math.ceil(math.log2(eta / _THETA[13]))) if eta > 0 else 0
    U, V = _pade(A / 2.0**s, 13)
    X = solve(V - U, V + U)
    with np.errstate(over="ignore", invalid="ignore"):  # overflow gives inf, as SciPy
        for _ in range(s):  # undo the scaling: exp(A) = exp(A / 2^s)^(2^s)
            X = X @ X
    return X


def expm(A: Any) -> np.ndarray:
    """Matrix exponential ``exp(A) = sum_k A^k / k!`` (``scipy.linalg.expm``'s signature).

    Parameters
    ----------
    A : array_like, shape (..., M, M)
        Square matrices; a stack along the leading dimensions is allowed.

    Returns
    -------
    ndarray, shape (..., M, M)
        ``exp(A)``, float32/complex64 for single-precision input.

    Raises
    ------
    LinAlgError
        If ``A`` is not square (the shape is named) or holds NaN/inf.

    Examples
    --------
    >>> import numpy as np
    >>> expm(np.zeros((2, 2)))
    array([[1., 0.],
           [0., 1.]])
    >>> float(expm(np.array([[1.0]]))[0, 0])
    2.718281828459045
    """
    array = check_square(as_stacked_matrix(A, name="A"), name="A")
    check_finite(array, name="A")
    work, result = common_dtypes(array)
    out = map_matrices(_expm_kernel, array.astype(work, copy=False))
    return np.asarray(out).astype(result, copy=False)


def expm_taylor(A: np.ndarray, terms: int = 30) -> np.ndarray:
    """The readable reference: truncated Taylor series after scaling, then squaring.

    Examples
    --------
    >>> import numpy as np
    >>> bool(np.allclose(expm_taylor(np.array([[0.0, 1.0], [0.0, 0.0]])), [[1, 1], [0, 1]]))
    True
    """
    A = np.asarray(A, dtype=np.result_type(A, np.float64))
    norm = float(np.abs(A).sum(axis=0).max()) if A.size else 0.0
    s = max(0, math.ceil(math.log2(norm))) + 1 if norm > 0 else 0
    B = A / 2.0**s
    term = np.eye(A.shape[0], dtype=A.dtype)
    total = term.copy()
    for k in range(1, terms):
        term = term @ B / k
        total = total + term
    for _ in range(s):
        total = total @ total
    return total
