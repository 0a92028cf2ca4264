"""Solving with LU factors: forward then back substitution (MML book §2.3).

With ``P A = L U``, the system ``A x = b`` becomes ``L y = P b`` (forward substitution,
``L`` unit lower triangular) and then ``U x = y`` (back substitution). Transposed
systems run the same two solves with ``U^T`` first. :func:`lu_solve` has SciPy's
signature and takes the output of :func:`mml.linalg.lu_factor`.

Examples
--------
>>> import numpy as np
>>> import mml.linalg as la
>>> la.lu_solve(la.lu_factor(np.array([[2.0, 1.0], [1.0, 3.0]])), [3.0, 4.0])
array([1., 1.])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.errors import ShapeError
from mml.linalg._validation import (
    as_stacked_matrix,
    check_square,
    common_dtypes,
    map_matrices,
)
from mml.linalg._validation import check_finite as check_finite_values
from mml.linalg.lu_decomposition import PANEL, permutation_from_pivots
from mml.linalg.triangular import solve_lower_inplace, solve_upper_inplace

__all__ = ["lu_solve", "lu_solve_kernel"]


def lu_solve_kernel(
    factors: np.ndarray,
    perm: np.ndarray,
    B: np.ndarray,
    trans: int = 0,
    inverses: tuple[dict, dict] | None = None,
) -> np.ndarray:
    """Solve with a computed factorisation ``A[perm] = L U``; ``B`` is ``(M, K)``.

    ``inverses`` are the diagonal-block inverses that :func:`lu_factor_kernel` collected.
    """
    if trans == 0:  # A x = b  <=>  L U x = b[perm]
        X = np.array(B[perm], dtype=np.result_type(factors, B), order="C")
        if inverses is not None:
            lower_inverses, upper_inverses = inverses
            solve_lower_inplace(factors, X, True, lower_inverses, 0, PANEL)
            solve_upper_inplace(factors, X, False, upper_inverses, 0, PANEL)
        else:
            solve_lower_inplace(factors, X, unit=True)
            solve_upper_inplace(factors, X)
        return X
    # A^T x = b  <=>  U^T L^T (P x) = b, with P the row permutation
    F = factors.conj() if trans == 2 else factors
    Y = np.array(B, dtype=np.result_type(factors, B), order="C")
    solve_lower_inplace(F.T, Y)
    solve_upper_inplace(F.T, Y, unit=True)
    X = np.empty_like(Y)
    X[perm] = Y
    return X


def lu_solve(
    lu_and_piv: tuple[Any, Any],
    b: Any,
    trans: int = 0,
    overwrite_b: bool = False,
    check_finite: bool = True,
) -> np.ndarray:
    """Solve ``a x = b`` given the LU factorisation of ``a`` (SciPy's ``lu_solve``).

    Parameters
    ----------
    lu_and_piv : (lu, piv)
        The output of :func:`lu_factor` for a square ``(..., M, M)`` matrix or stack.
    b : (M,) or (..., M, K) array_like
        Right-hand side; stack dimensions broadcast with ``lu``'s, as in SciPy.
    trans : {0, 1, 2}, optional
        Solve ``a x = b`` (0), ``a^T x = b`` (1) or ``a^H x = b`` (2).
    overwrite_b : bool, optional
        Accepted for SciPy compatibility; ``b`` is never modified.
    check_finite : bool, optional
        Refuse NaN or infinity in the inputs.

    Returns
    -------
    x : ndarray
        The solution, in ``b``'s shape.

    Raises
    ------
    LinAlgError
        If ``lu`` is not square, or an input holds NaN/inf while ``check_finite``.
    ShapeError
        If ``b`` does not have ``M`` rows.

    Examples
    --------
    >>> import numpy as np
    >>> from mml.linalg import lu_factor
    >>> A = np.array([[1.0, 2.0], [3.0, 4.0]])
    >>> lu_solve(lu_factor(A), [5.0, 11.0])
    array([1., 2.])
    """
    del overwrite_b
    factors_in, piv_in = lu_and_piv
    factors = check_square(as_stacked_matrix(factors_in, "lu"), "lu")
    m = factors.shape[-1]
    piv = np.asarray(piv_in)
    if piv.shape != factors.shape[:-1]:
        raise ShapeError(f"piv of shape {piv.shape} does not match lu of shape {factors.shape}")
    B = np.asarray(b)
    if B.dtype.kind in "biu":
        B = B.astype(np.float64)
    vector = B.ndim == 1
    if B.ndim == 0 or (B[:, None] if vector else B).shape[-2] != m:
        raise ShapeError(
            f"b must have {m} rows to match lu of shape {factors.shape}; got {B.shape}"
        )
    B = as_stacked_matrix(B[:, None] if vector else B, "b")
    if check_finite:
        check_finite_values(factors, "lu")
        check_finite_values(B, "b")
    if trans not in (0, 1, 2):
        raise ValueError(f"trans must be 0, 1 or 2; got {trans!r}")
    work, result = common_dtypes(factors, B)

    def kernel(lu: np.ndarray, pivots: np.ndarray, rhs: np.ndarray) -> np.ndarray:
        perm = permutation_from_pivots(pivots[0], m)
        return lu_solve_kernel(
            lu.astype(work, copy=False), perm, rhs.astype(work, copy=False), trans
        )

    X = map_matrices(kernel, factors, piv[..., None, :], B).astype(result, copy=False)
    return X[..., 0] if vector else X
