"""Golub–Kahan bidiagonalisation ``A = Q_L B Q_R^H``, the first step of the SVD (MML §4.5).

For ``k = 0 .. n-1`` a reflector from the left zeroes column ``k`` below the diagonal and
one from the right zeroes row ``k`` past the superdiagonal. ``B`` (upper bidiagonal) has
the singular values of ``A``: orthogonal transformations on either side change none of
them. Real matrices are reduced in blocks (LAPACK ``labrd``) so that half the work is
matrix products.

Examples
--------
>>> import numpy as np
>>> d, f, UL, UR = bidiagonalize(np.array([[3.0, 0.0], [4.0, 5.0]]))
>>> B = np.diag(np.abs(d)) + np.diag(np.abs(f), 1)
>>> float(np.round((B**2).sum(), 6)), float(np.round(abs(d).prod(), 6))  # ‖A‖_F², |det A| kept
(50.0, 15.0)
"""

from __future__ import annotations

import numpy as np

from mml.linalg.reflectors import BLOCK, householder_vector

__all__ = ["bidiagonalize", "bidiagonalize_unblocked"]


def bidiagonalize(
    A: np.ndarray, block: int = BLOCK
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Householder reduction ``A = Q_L B Q_R^H`` of an ``m x n`` matrix with ``m >= n``.

    Real matrices are reduced in blocks (LAPACK's ``labrd``): inside a block the updates
    ``A <- A - V Y^T - X W^T`` stay pending (``V``, ``W`` the left and right reflectors),
    each new column and row being corrected on the fly, and the trailing matrix is
    updated once per block by a single matrix product. Complex matrices take the
    unblocked path (:func:`bidiagonalize_unblocked`).

    Returns
    -------
    d, f : ndarray
        Diagonal (n) and superdiagonal (n - 1) of ``B`` (complex for complex ``A``).
    UL : ndarray, shape (m, n)
        Left reflector vectors, ``u_k`` zero above row ``k``.
    UR : ndarray, shape (n, n - 1)
        Right reflector vectors, ``u_k`` zero above row ``k + 1``.

    Examples
    --------
    >>> import numpy as np
    >>> d, f, UL, UR = bidiagonalize(np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]))
    >>> bool(np.isclose(abs(d[0]), np.sqrt(35)))
    True
    """
    A = np.array(A, dtype=np.result_type(A.dtype, np.float64), order="C")
    if np.iscomplexobj(A) or A.shape[1] <= 4 * block:  # small: fewer calls unblocked
        return bidiagonalize_unblocked(A)
    m, n = A.shape
    d = np.zeros(n)
    f = np.zeros(n - 1)
    UL = np.zeros((m, n))
    UR = np.zeros((n, n - 1))
    for k0 in range(0, n, block):
        k1 = min(k0 + block, n)
        V, W = UL[:, k0:k1], UR[:, k0 : min(k1, n - 1)]
        Y = np.zeros((n, k1 - k0))
        X = np.zeros((m, k1 - k0))
        for j, c in enumerate(range(k0, k1)):
            # column c of the updated matrix, then its left reflector and Y = 2 A^T v
            column = A[c:, c] - V[c:, :j] @ Y[c, :j] - X[c:, :j] @ W[c, :j]
            v, d[c] = householder_vector(column)
            if v is not None:
                V[c:, j] = v
                Y[c + 1 :, j] = 2.0 * (
                    A[c:, c + 1 :].T @ v
                    - Y[c + 1 :, :j] @ (V[c:, :j].T @ v)
                    - W[c + 1 :, :j] @ (X[c:, :j].T @ v)
                )
            if c == n - 1:
                continue
            # row c after that reflector, its right reflector, and X = 2 A w
            row = (
                A[c, c + 1 :] - V[c, : j + 1] @ Y[c + 1 :, : j + 1].T - X[c, :j] @ W[c + 1 :, :j].T
            )
            w, f[c] = householder_vector(row)
            if w is not None:
                W[c + 1 :, j] = w
                X[c + 1 :, j] = 2.0 * (
                    A[c + 1 :, c + 1 :] @ w
                    - V[c + 1 :, : j + 1] @ (Y[c + 1 :, : j + 1].T @ w)
                    - X[c + 1 :, :j] @ (W[c + 1 :, :j].T @ w)
                )
        # the pending update of the trailing matrix as one product: A - [V X] [Y W]^T
        width = W.shape[1]
        left = np.hstack([V[k1:], X[k1:, :width]])
        right = np.hstack([Y[k1:], W[k1:]])
        A[k1:, k1:] -= left @ right.T
    return d, f, UL, UR


def bidiagonalize_unblocked(
    A: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The readable path: one left and one right reflector per column, applied at once.

    Examples
    --------
    >>> import numpy as np
    >>> d, f, UL, UR = bidiagonalize_unblocked(np.array([[3.0, 0.0], [4.0, 1.0]]))
    >>> float(abs(d[0]))
    5.0
    """
    A = np.array(A, dtype=np.result_type(A.dtype, np.float64), order="C")
    m, n = A.shape
    complex_ = np.iscomplexobj(A)
    d = np.zeros(n, dtype=A.dtype)
    f = np.zeros(max(n - 1, 0), dtype=A.dtype)
    UL = np.zeros((m, n), dtype=A.dtype)
    UR = np.zeros((n, max(n - 1, 0)), dtype=A.dtype)
    for k in range(n):
        u, d[k] = householder_vector(A[k:, k])
        if u is not None:
            UL[k:, k] = u
            block = A[k:, k + 1 :]
            block -= np.outer(2.0 * u, u.conj() @ block)  # H A: A - 2 u (u^H A)
        if k < n - 1:
            row = A[k, k + 1 :]
            u, gamma = householder_vector(row.conj() if complex_ else row.copy())
            f[k] = np.conj(gamma)
            if u is not None:
                UR[k + 1 :, k] = u
                block = A[k + 1 :, k + 1 :]
                block -= np.outer(block @ (2.0 * u), u.conj())  # A H: A - 2 (A u) u^H
    return d, f, UL, UR
