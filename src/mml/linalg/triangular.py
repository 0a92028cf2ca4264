"""Triangular systems: forward and back substitution, blocked so the work is matmul.

A lower triangular system ``L X = B`` is solved top-down (forward substitution,
``x_i = (b_i - sum_{j<i} l_ij x_j) / l_ii``) and an upper one bottom-up (back
substitution); MML book §2.3. The fast kernels split the matrix in two,

    [L11  0 ] [X1]   [B1]        X1 = L11^{-1} B1
    [L21 L22] [X2] = [B2]   =>   X2 = L22^{-1} (B2 - L21 X1),

so nearly all the flops are in the product ``L21 @ X1``. At the bottom of the recursion the
small diagonal block is inverted (by substitution on the identity) and applied with one
matmul. :func:`solve_triangular_unblocked` is the textbook row-by-row version, kept as the
readable reference that the tests compare the fast path with.

Examples
--------
>>> import numpy as np
>>> from mml.linalg import solve_triangular
>>> L = np.array([[2.0, 0.0], [1.0, 1.0]])
>>> solve_triangular(L, np.array([4.0, 5.0]), lower=True)
array([2., 3.])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.errors import ShapeError, SingularMatrixError
from mml.linalg._validation import (
    as_stacked_matrix,
    check_square,
    common_dtypes,
    map_matrices,
)
from mml.linalg._validation import (
    check_finite as check_finite_values,
)

__all__ = ["solve_triangular", "solve_triangular_unblocked"]

# Blocks this small are inverted directly; larger ones are split in two.
_BASE = 32


def solve_triangular_unblocked(
    T: np.ndarray, B: np.ndarray, lower: bool, unit_diagonal: bool = False
) -> np.ndarray:
    """Reference substitution, one row at a time (no blocking). ``B`` is ``(n, k)``.

    Examples
    --------
    >>> import numpy as np
    >>> solve_triangular_unblocked(np.array([[1.0, 2.0], [0.0, 4.0]]), np.eye(2), lower=False)
    array([[ 1.  , -0.5 ],
           [ 0.  ,  0.25]])
    """
    n = T.shape[0]
    X = np.array(B, dtype=np.result_type(T, B, np.float64))
    rows = range(n) if lower else range(n - 1, -1, -1)
    for i in rows:
        done = slice(0, i) if lower else slice(i + 1, n)
        X[i] -= T[i, done] @ X[done]
        if not unit_diagonal:
            X[i] /= T[i, i]
    return X


def _invert_small(T: np.ndarray, lower: bool, unit: bool) -> np.ndarray:
    """Inverse of a small triangular block by substitution on the identity."""
    n = T.shape[0]
    eye = np.eye(n, dtype=T.dtype)
    return solve_triangular_unblocked(T, eye, lower, unit)


def invert_triangular(T: np.ndarray, lower: bool, unit: bool = False) -> np.ndarray:
    """Inverse of a triangular matrix, recursively: the off-diagonal block is two matmuls.

    ``inv([[A, 0], [C, D]]) = [[inv(A), 0], [-inv(D) C inv(A), inv(D)]]``.
    """
    n = T.shape[0]
    if n <= _BASE:
        return _invert_small(T, lower, unit)
    k = n // 2
    out = np.zeros_like(T)
    first = invert_triangular(T[:k, :k], lower, unit)
    second = invert_triangular(T[k:, k:], lower, unit)
    out[:k, :k] = first
    out[k:, k:] = second
    if lower:
        out[k:, :k] = -(second @ (T[k:, :k] @ first))
    else:
        out[:k, k:] = -(first @ (T[:k, k:] @ second))
    return out


def _small_inverse(
    T: np.ndarray, lower: bool, unit: bool, cache: dict | None, offset: int
) -> np.ndarray:
    """Inverse of a base block, remembered in ``cache`` under its position when given.

    A recursive factorisation solves with the same diagonal blocks at every level of its
    recursion, so inverting each one once saves most of the small-block work.
    """
    if cache is None:
        return _invert_small(T, lower, unit)
    key = (offset, T.shape[0])
    inverse = cache.get(key)
    if inverse is None:
        inverse = cache[key] = _invert_small(T, lower, unit)
    return inverse


def solve_lower_inplace(
    L: np.ndarray,
    X: np.ndarray,
    unit: bool = False,
    cache: dict | None = None,
    offset: int = 0,
    base: int = _BASE,
) -> None:
    """Overwrite ``X`` (``n x k``) with ``L^{-1} X`` for lower triangular ``L``.

    ``cache`` (a dict) and ``offset`` (the position of ``L`` in a larger factor) let a
    caller reuse the inverted diagonal blocks across calls on the same factor; ``base``
    is the size below which a block is inverted rather than split.
    """
    n = L.shape[0]
    if n <= base:
        X[...] = _small_inverse(L, True, unit, cache, offset) @ X
        return
    k = n // 2
    solve_lower_inplace(L[:k, :k], X[:k], unit, cache, offset, base)
    X[k:] -= L[k:, :k] @ X[:k]
    solve_lower_inplace(L[k:, k:], X[k:], unit, cache, offset + k, base)


def solve_upper_inplace(
    U: np.ndarray,
    X: np.ndarray,
    unit: bool = False,
    cache: dict | None = None,
    offset: int = 0,
    base: int = _BASE,
) -> None:
    """Overwrite ``X`` (``n x k``) with ``U^{-1} X`` for upper triangular ``U``."""
    n = U.shape[0]
    if n <= base:
        X[...] = _small_inverse(U, False, unit, cache, offset) @ X
        return
    k = n // 2
    solve_upper_inplace(U[k:, k:], X[k:], unit, cache, offset + k, base)
    X[:k] -= U[:k, k:] @ X[k:]
    solve_upper_inplace(U[:k, :k], X[:k], unit, cache, offset, base)


def solve_triangular_blocked(
    T: np.ndarray, B: np.ndarray, lower: bool, unit_diagonal: bool = False
) -> np.ndarray:
    """Blocked solve of ``T X = B`` (``B`` is ``(n, k)``); returns a new array."""
    X = np.array(B, dtype=np.result_type(T, B), order="C")
    if lower:
        solve_lower_inplace(T, X, unit_diagonal)
    else:
        solve_upper_inplace(T, X, unit_diagonal)
    return X


def _singular_diagonal(T: np.ndarray) -> int | None:
    zero = np.flatnonzero(np.diagonal(T) == 0)
    return int(zero[0]) if zero.size else None


def solve_triangular(
    a: Any,
    b: Any,
    trans: int | str = 0,
    lower: bool = False,
    unit_diagonal: bool = False,
    overwrite_b: bool = False,
    check_finite: bool = True,
) -> np.ndarray:
    """Solve ``a x = b`` for a triangular ``a`` (SciPy's ``scipy.linalg.solve_triangular``).

    Forward substitution when ``lower`` is true, back substitution otherwise, blocked so
    that the bulk of the work is matrix multiplication.

    Parameters
    ----------
    a : (..., M, M) array_like
        A triangular matrix (or a stack); only the triangle named by ``lower`` is read.
    b : (M,) or (..., M, K) array_like
        Right-hand side; stack dimensions broadcast with ``a``'s, as in SciPy.
    trans : {0, 1, 2, 'N', 'T', 'C'}, optional
        Solve ``a x = b`` (0, 'N'), ``a^T x = b`` (1, 'T') or ``a^H x = b`` (2, 'C').
    lower : bool, optional
        Use the lower triangle of ``a`` (default: the upper one).
    unit_diagonal : bool, optional
        Assume the diagonal of ``a`` is all ones and do not read it.
    overwrite_b : bool, optional
        Accepted for SciPy compatibility; ``b`` is never modified.
    check_finite : bool, optional
        Refuse NaN or infinity in the inputs.

    Returns
    -------
    x : (..., M) or (..., M, K) ndarray
        The solution.

    Raises
    ------
    LinAlgError
        If ``a`` is not a square matrix, or holds NaN/inf while ``check_finite``.
    SingularMatrixError
        If a diagonal entry is zero (names the first one).
    ShapeError
        If ``b`` does not have ``M`` rows.

    Examples
    --------
    >>> import numpy as np
    >>> U = np.array([[1.0, 2.0], [0.0, 4.0]])
    >>> solve_triangular(U, [5.0, 8.0])
    array([1., 2.])
    >>> solve_triangular(U, [1.0, 10.0], trans="T")
    array([1., 2.])
    """
    del overwrite_b
    A = check_square(as_stacked_matrix(a, "a"))
    B = np.asarray(b)
    if B.dtype.kind in "biu":
        B = B.astype(np.float64)
    vector = B.ndim == 1
    if B.ndim == 0 or (B[:, None] if vector else B).shape[-2] != A.shape[-1]:
        raise ShapeError(
            f"b must have shape ({A.shape[-1]},) or (..., {A.shape[-1]}, K) to match a of "
            f"shape {A.shape}; got {B.shape}"
        )
    B = as_stacked_matrix(B[:, None] if vector else B, "b")
    if check_finite:
        check_finite_values(A, "a")
        check_finite_values(B, "b")
    work, result = common_dtypes(A, B)
    kind = {0: 0, 1: 1, 2: 2, "N": 0, "T": 1, "C": 2}.get(trans)
    if kind is None:
        raise ValueError(f"trans must be 0, 1, 2, 'N', 'T' or 'C'; got {trans!r}")
    solve_lower = lower != bool(kind)  # a transposed upper triangle is a lower one

    def kernel(matrix: np.ndarray, rhs: np.ndarray) -> np.ndarray:
        T = matrix.astype(work, copy=False)
        if kind:
            T = T.conj().T if kind == 2 else T.T
        T = np.tril(T) if solve_lower else np.triu(T)
        if not unit_diagonal:
            zero = _singular_diagonal(T)
            if zero is not None:
                raise SingularMatrixError(
                    f"singular matrix: diagonal entry {zero} of the triangular matrix is zero"
                )
        return solve_triangular_blocked(T, rhs.astype(work, copy=False), solve_lower, unit_diagonal)

    X = map_matrices(kernel, A, B).astype(result, copy=False)
    return X[..., 0] if vector else X
