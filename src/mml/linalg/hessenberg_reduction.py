"""Hessenberg form ``A = Q H Q^H`` by Householder reflectors (the first step of ``eig``).

``H`` is zero below its first subdiagonal. For ``k = 0 .. n-3`` a reflector
``P = I - 2 u u^H`` built from ``A[k+1:, k]`` zeroes that column below the subdiagonal and
is applied from both sides (``A <- P A P``), so the eigenvalues are unchanged (MML book
§4.2: similar matrices share eigenvalues). The QR algorithm then works on ``H``, where one
step costs ``O(n^2)`` instead of ``O(n^3)``.

Examples
--------
>>> import numpy as np
>>> H = hessenberg(np.arange(9.0).reshape(3, 3))
>>> float(H[2, 0])
0.0
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.linalg._validation import as_matrix, check_square, common_dtypes
from mml.linalg._validation import check_finite as refuse_non_finite
from mml.linalg.reflectors import apply_reflectors, householder_vector

__all__ = ["hessenberg", "hessenberg_reduce"]


def hessenberg_reduce(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``A = Q H Q^H`` by Householder reflectors; returns ``H`` and the reflector vectors.

    ``U[:, k]`` is zero above row ``k + 1``; ``Q = H_0 H_1 ... H_{n-3}``.

    Examples
    --------
    >>> import numpy as np
    >>> H, U = hessenberg_reduce(np.arange(16.0).reshape(4, 4))
    >>> bool(np.allclose(np.tril(H, -2), 0))
    True
    """
    H = np.array(A, dtype=np.result_type(A.dtype, np.float64), order="C")
    n = H.shape[0]
    U = np.zeros((n, max(n - 2, 0)), dtype=H.dtype)
    for k in range(n - 2):
        u, beta = householder_vector(H[k + 1 :, k])
        if u is None:
            continue
        U[k + 1 :, k] = u
        rows = H[k + 1 :, k + 1 :]
        rows -= np.outer(2.0 * u, u.conj() @ rows)  # H <- P H
        cols = H[:, k + 1 :]
        cols -= np.outer(cols @ (2.0 * u), u.conj())  # H <- H P
        H[k + 1, k] = beta
        H[k + 2 :, k] = 0.0
    return H, U


def hessenberg(
    a: Any, calc_q: bool = False, overwrite_a: bool = False, check_finite: bool = True
) -> np.ndarray | tuple[np.ndarray, np.ndarray]:
    """Hessenberg form ``A = Q H Q^H`` (``scipy.linalg.hessenberg``'s signature).

    ``H`` is zero below the first subdiagonal and ``Q`` is unitary; built from ``n - 2``
    Householder reflectors.

    Parameters
    ----------
    a : array_like, shape (M, M)
        The matrix.
    calc_q : bool, optional
        Also return ``Q``.
    overwrite_a : bool, optional
        Accepted for compatibility; ``a`` is never modified.
    check_finite : bool, optional
        Refuse NaN/inf input (``LinAlgError``). When False, NaN propagates into ``H``.

    Returns
    -------
    H : ndarray, shape (M, M)
    Q : ndarray, shape (M, M)
        Only when ``calc_q``.

    Raises
    ------
    LinAlgError
        If ``a`` is not a square 2-D array, or holds NaN/inf (with ``check_finite``).

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[2.0, 5, 8, 7], [5, 2, 2, 8], [7, 5, 6, 6], [5, 4, 4, 8]])
    >>> H, Q = hessenberg(A, calc_q=True)
    >>> bool(np.allclose(Q @ H @ Q.T, A)), bool(np.allclose(np.tril(H, -2), 0))
    (True, True)
    """
    A = check_square(as_matrix(a))
    if check_finite:
        refuse_non_finite(A)
    work, result = common_dtypes(A)
    A = A.astype(work)
    scale = float(np.abs(A).max()) if A.size else 0.0
    if not np.isfinite(scale) or scale == 0.0:
        scale = 1.0  # NaN (check_finite=False) propagates; a zero matrix is its own form
    H, U = hessenberg_reduce(A / scale)  # unit largest entry: no overflow in the norms
    H = H * scale
    if not calc_q:
        return H.astype(result)
    Q = apply_reflectors(U, np.eye(A.shape[0], dtype=work))
    return H.astype(result), Q.astype(result)
