"""LU decomposition with partial pivoting: ``P A = L U`` (MML book §2.3, Gaussian elimination).

Gaussian elimination with partial pivoting picks, in each column ``j``, the row with the
largest entry at or below the diagonal, swaps it up, and subtracts multiples
``l_ij = a_ij / a_jj`` of the pivot row from the rows below. The multipliers form the unit
lower triangular ``L``, and what remains is the upper triangular ``U``.

Two versions live here:

- :func:`lu_factor_unblocked`: the textbook loop over columns, kept as the reference;
- :func:`lu_factor_kernel`: the fast one. It is recursive (LAPACK's ``getrf2``): factor the
  left half of the columns, update the right half with one triangular solve and one
  matmul (``A22 -= L21 @ U12``), then factor what remains. Narrow panels at the bottom of
  the recursion run a left-looking column loop on a contiguous transposed copy, which
  also yields the inverse of their diagonal block, so every triangular solve above them
  is a matmul. Up to ``SMALL`` columns there is no recursion at all.

The public functions follow SciPy: :func:`lu_factor` and :func:`lu`; :func:`lu_solve`, which
uses the factors, is in :mod:`mml.linalg.lu_substitution`.

Examples
--------
>>> import numpy as np
>>> from mml.linalg import lu
>>> P, L, U = lu(np.array([[1.0, 2.0], [3.0, 4.0]]))
>>> P @ L @ U
array([[1., 2.],
       [3., 4.]])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.linalg._results import LUFactorResult, LUResult
from mml.linalg._validation import (
    as_stacked_matrix,
    common_dtypes,
    map_matrices,
)
from mml.linalg._validation import (
    check_finite as check_finite_values,
)
from mml.linalg.triangular import solve_lower_inplace

__all__ = [
    "lu_factor",
    "lu",
    "lu_factor_unblocked",
    "lu_factor_kernel",
    "permutation_from_pivots",
]

# Width of the panels that run the column loop; below this many columns no recursion.
PANEL = 16
# Up to this many columns, no recursion: one elimination loop over the whole matrix.
SMALL = 64


def lu_factor_unblocked(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Reference LU with partial pivoting, one column at a time.

    Returns ``(lu, piv)`` as LAPACK's ``getrf`` (0-based ``piv``): row ``i`` was swapped
    with row ``piv[i]`` at step ``i``.

    Examples
    --------
    >>> import numpy as np
    >>> lu_, piv = lu_factor_unblocked(np.array([[1.0, 2.0], [3.0, 4.0]]))
    >>> piv
    array([1, 1])
    >>> lu_
    array([[3.        , 4.        ],
           [0.33333333, 0.66666667]])
    """
    LU = np.array(A, dtype=np.result_type(A, np.float64))
    m, n = LU.shape
    piv = np.arange(min(m, n))
    for j in range(min(m, n)):
        p = j + int(np.argmax(np.abs(LU[j:, j])))
        piv[j] = p
        LU[[j, p]] = LU[[p, j]]
        if LU[j, j] != 0:
            LU[j + 1 :, j] /= LU[j, j]
        LU[j + 1 :, j + 1 :] -= np.outer(LU[j + 1 :, j], LU[j, j + 1 :])
    return LU, piv


def _factor_panel(
    G: np.ndarray, c0: int, c1: int, piv: np.ndarray, inverses: dict, upper_inverses: dict | None
) -> int:
    """Left-looking (Crout) column loop on the panel ``G[c0:, c0:c1]``. Returns the swaps.

    Column ``j`` receives all the updates of the columns before it at its turn, with
    ``u = L11^{-1} a_top`` and one vector-matrix product, instead of rank-1 updates of the
    whole panel at every step; that reads the panel once per column and never writes it.
    The inverses of the panel's unit lower triangle ``L11`` and of its diagonal block
    ``U11`` are built on the way (one row or column per step) and stored in ``inverses``
    and ``upper_inverses`` under ``(c0, width)``, for the triangular solves that follow.
    Row swaps are applied to the rest of ``G`` in one gather at the end.
    """
    w = c1 - c0
    panel = G[c0:, c0:c1].T.copy()  # row j of `panel` is column c0 + j of G, contiguous
    rows = panel.shape[1]
    L_inverse = np.zeros((w, w), dtype=panel.dtype)
    U_inverse = None if upper_inverses is None else np.zeros((w, w), dtype=panel.dtype)
    singular = False
    order = list(range(rows))  # where each row of G[c0:] ends up
    swaps = 0
    for j in range(w):
        column = panel[j, j:]
        if j:
            u = L_inverse[:j, :j] @ panel[j, :j]  # U[:j, j]
            panel[j, :j] = u
            column -= u @ panel[:j, j:]  # a[j:, j] - L[j:, :j] U[:j, j]
        p = j + int(np.abs(column).argmax())
        piv[c0 + j] = c0 + p
        if p != j:
            swaps += 1
            order[j], order[p] = order[p], order[j]
            saved = panel[:, j].copy()
            panel[:, j] = panel[:, p]
            panel[:, p] = saved
        pivot = panel[j, j]
        if pivot != 0:
            panel[j, j + 1 :] /= pivot
            if U_inverse is not None:  # column j of U11 is (u, pivot): extend inv(U11)
                if j:
                    U_inverse[:j, j] = -(U_inverse[:j, :j] @ u) / pivot
                U_inverse[j, j] = 1 / pivot
        else:
            singular = True
        if j:  # row j of L11 is panel[:j, j]: extend inv(L11) by one row
            L_inverse[j, :j] = -(panel[:j, j] @ L_inverse[:j, :j])
        L_inverse[j, j] = 1
    G[c0:, c0:c1] = panel.T
    if swaps:
        moved_order = np.array(order)
        moved = np.flatnonzero(moved_order != np.arange(rows))
        block = G[c0:]
        left, right = block[:, :c0], block[:, c1:]
        left[moved] = left[moved_order[moved]]
        right[moved] = right[moved_order[moved]]
    inverses[(c0, w)] = L_inverse
    if upper_inverses is not None and not singular:
        upper_inverses[(c0, w)] = U_inverse
    return swaps


def eliminate_small(G: np.ndarray, steps: int, piv: np.ndarray) -> int:
    """Unblocked elimination in place over all columns of ``G``; the fast path at small sizes.

    Columns to the right of ``steps`` are carried along, so ``G = [A | B]`` turns into
    ``[L\\U | L^{-1} P B]``. Returns the number of row swaps.
    """
    swaps = 0
    for j in range(steps):
        p = j + int(np.abs(G[j:, j]).argmax())
        piv[j] = p
        if p != j:
            swaps += 1
            saved = G[j].copy()
            G[j] = G[p]
            G[p] = saved
        pivot = G[j, j]
        if pivot != 0:
            G[j + 1 :, j] /= pivot
        G[j + 1 :, j + 1 :] -= G[j + 1 :, j, None] * G[j, None, j + 1 :]
    return swaps


def _factor_recursive(
    G: np.ndarray, c0: int, c1: int, piv: np.ndarray, inverses: dict, upper_inverses: dict | None
) -> int:
    """Factor the columns ``c0:c1`` of ``G`` (rows ``c0:``), getrf2-style. Returns swaps."""
    if c1 - c0 <= PANEL:
        return _factor_panel(G, c0, c1, piv, inverses, upper_inverses)
    k = c0 + (c1 - c0) // 2
    swaps = _factor_recursive(G, c0, k, piv, inverses, upper_inverses)
    # U12 = L11^{-1} A12, then the Schur complement A22 -= L21 U12 (the bulk of the flops)
    solve_lower_inplace(G[c0:k, c0:k], G[c0:k, k:c1], True, inverses, c0, PANEL)
    G[k:, k:c1] -= G[k:, c0:k] @ G[c0:k, k:c1]
    return swaps + _factor_recursive(G, k, c1, piv, inverses, upper_inverses)


def lu_factor_kernel(
    A: np.ndarray, inverses: tuple[dict, dict] | None = None
) -> tuple[np.ndarray, np.ndarray, int]:
    """Blocked recursive LU of one ``(M, N)`` matrix: ``(lu, piv, number_of_row_swaps)``.

    ``A`` is not modified. Same output convention as :func:`lu_factor_unblocked`. When
    ``inverses`` (two dicts) is given, it receives the inverted diagonal blocks of ``L``
    and ``U``, for :func:`lu_solve_kernel` to reuse.

    Examples
    --------
    >>> import numpy as np
    >>> lu_, piv, swaps = lu_factor_kernel(np.array([[0.0, 1.0], [1.0, 0.0]]))
    >>> piv, swaps
    (array([1, 1]), 1)
    """
    G = np.array(A, dtype=np.result_type(A, np.float64), order="C")
    m, n = G.shape
    r = min(m, n)
    piv = np.arange(r)
    if r <= SMALL:
        return G, piv, eliminate_small(G, r, piv)
    # inv(U) blocks are only collected for a caller that will solve with them
    lower_inverses, upper_inverses = inverses if inverses is not None else ({}, None)
    swaps = _factor_recursive(G, 0, r, piv, lower_inverses, upper_inverses)
    if n > m:  # wide: the columns right of the square part only need L^{-1}
        solve_lower_inplace(G[:, :m], G[:, m:], unit=True)
    return G, piv, swaps


def permutation_from_pivots(piv: np.ndarray, m: int) -> np.ndarray:
    """Turn LAPACK's swap sequence into a row order ``perm`` with ``A[perm] = L U``.

    Examples
    --------
    >>> import numpy as np
    >>> permutation_from_pivots(np.array([2, 2, 2]), 3)
    array([2, 0, 1])
    """
    perm = list(range(m))
    for i, p in enumerate(piv.tolist()):
        perm[i], perm[p] = perm[p], perm[i]
    return np.array(perm, dtype=np.intp)


def lu_factor(a: Any, overwrite_a: bool = False, check_finite: bool = True) -> LUFactorResult:
    """LU decomposition with partial pivoting in LAPACK's compact form (SciPy's ``lu_factor``).

    Computes ``P A = L U`` with ``L`` unit lower triangular (stored below the diagonal of
    ``lu``) and ``U`` upper triangular (on and above it). The row swaps are in ``piv``.

    Parameters
    ----------
    a : (..., M, N) array_like
        Matrix, or stack of matrices, to factor.
    overwrite_a : bool, optional
        Accepted for SciPy compatibility; ``a`` is never modified.
    check_finite : bool, optional
        Refuse NaN or infinity in ``a``.

    Returns
    -------
    lu : (..., M, N) ndarray
        ``U`` in the upper triangle, the multipliers of ``L`` strictly below.
    piv : (..., min(M, N)) ndarray of int32
        Row ``i`` was swapped with row ``piv[i]`` at step ``i`` (0-based).

    Raises
    ------
    LinAlgError
        If ``a`` has fewer than two dimensions, or holds NaN/inf while ``check_finite``.

    Notes
    -----
    A singular ``a`` is factored anyway (a zero appears on the diagonal of ``U``), as in
    SciPy; :func:`lu_solve` and :func:`mml.linalg.solve` are where it matters.

    Examples
    --------
    >>> import numpy as np
    >>> lu_, piv = lu_factor(np.array([[1.0, 2.0], [3.0, 4.0]]))
    >>> piv
    array([1, 1], dtype=int32)
    """
    del overwrite_a
    A = as_stacked_matrix(a, "a")
    if check_finite:
        check_finite_values(A, "a")
    work, result = common_dtypes(A)
    m, n = A.shape[-2:]
    if A.ndim > 2 and min(m, n) <= SMALL:  # a stack of small matrices: all of them at once
        from mml.linalg.lu_batched import eliminate_stack

        count = int(np.prod(A.shape[:-2]))
        G, piv, _ = eliminate_stack(A.reshape((count, m, n)).astype(work), min(m, n))
        return LUFactorResult(
            G.reshape(A.shape).astype(result, copy=False),
            piv.reshape(A.shape[:-2] + (min(m, n),)).astype(np.int32),
        )

    def kernel(matrix: np.ndarray) -> LUFactorResult:
        factors, piv, _ = lu_factor_kernel(matrix.astype(work, copy=False))
        return LUFactorResult(factors.astype(result, copy=False), piv.astype(np.int32))

    return map_matrices(kernel, A)


def lu(
    a: Any,
    permute_l: bool = False,
    overwrite_a: bool = False,
    check_finite: bool = True,
    p_indices: bool = False,
) -> LUResult | tuple[np.ndarray, np.ndarray]:
    """LU decomposition ``A = P L U`` with partial pivoting (SciPy's ``scipy.linalg.lu``).

    Parameters
    ----------
    a : (..., M, N) array_like
        Matrix, or stack of matrices, to factor.
    permute_l : bool, optional
        Return ``(P @ L, U)`` instead of ``(P, L, U)``.
    overwrite_a : bool, optional
        Accepted for SciPy compatibility; ``a`` is never modified.
    check_finite : bool, optional
        Refuse NaN or infinity in ``a``.
    p_indices : bool, optional
        Return the permutation as row indices ``p`` (``A = L[p] @ U``) instead of a matrix.

    Returns
    -------
    P : (..., M, M) ndarray, or (..., M) int ndarray when ``p_indices``
        The permutation.
    L : (..., M, K) ndarray
        Unit lower triangular (trapezoidal), ``K = min(M, N)``.
    U : (..., K, N) ndarray
        Upper triangular (trapezoidal).

    Raises
    ------
    LinAlgError
        If ``a`` has fewer than two dimensions, or holds NaN/inf while ``check_finite``.

    Examples
    --------
    >>> import numpy as np
    >>> p, L, U = lu(np.array([[1.0, 2.0], [3.0, 4.0]]), p_indices=True)
    >>> p
    array([1, 0])
    >>> L
    array([[1.        , 0.        ],
           [0.33333333, 1.        ]])
    """
    del overwrite_a
    A = as_stacked_matrix(a, "a")
    if check_finite:
        check_finite_values(A, "a")
    work, result = common_dtypes(A)
    m, n = A.shape[-2:]
    k = min(m, n)

    def kernel(matrix: np.ndarray) -> tuple[np.ndarray, ...]:
        factors, piv, _ = lu_factor_kernel(matrix.astype(work, copy=False))
        L = np.tril(factors[:, :k], -1)
        L[np.arange(k), np.arange(k)] = 1
        U = np.triu(factors[:k])
        # A[perm] = L U, so A = (L U)[p] with p the inverse permutation
        p = np.argsort(permutation_from_pivots(piv, m))
        L, U = L.astype(result, copy=False), U.astype(result, copy=False)
        if permute_l:
            return L[p], U
        if p_indices:
            return p, L, U
        P = np.zeros((m, m), dtype=result)
        P[np.arange(m), p] = 1
        return P, L, U

    out = map_matrices(kernel, A)
    if not permute_l:
        return LUResult(*out)
    return out
