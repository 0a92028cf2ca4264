"""Solving with a Cholesky factor: SciPy's ``cho_factor`` and ``cho_solve`` (MML book §4.3).

With ``A = L L^H``, the system ``A x = b`` is two triangular solves: ``L y = b`` forward,
then ``L^H x = y`` backward. Factoring once and solving many times is how Gaussian
processes and Newton steps use the Cholesky factor.

Examples
--------
>>> import numpy as np
>>> import mml.linalg as la
>>> la.cho_solve(la.cho_factor(np.array([[4.0, 2.0], [2.0, 5.0]])), [6.0, 7.0])
array([1., 1.])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.errors import ShapeError
from mml.linalg._results import CholeskyFactorResult
from mml.linalg._validation import (
    as_stacked_matrix,
    check_square,
    common_dtypes,
    map_matrices,
)
from mml.linalg._validation import check_finite as check_finite_values
from mml.linalg.cholesky_decomposition import cholesky
from mml.linalg.triangular import solve_lower_inplace, solve_upper_inplace

__all__ = ["cho_factor", "cho_solve"]


def cho_factor(
    a: Any, lower: bool = False, overwrite_a: bool = False, check_finite: bool = True
) -> CholeskyFactorResult:
    """Cholesky factor for :func:`cho_solve` (SciPy's ``scipy.linalg.cho_factor``).

    Parameters
    ----------
    a : (..., M, M) array_like
        Hermitian positive definite; the triangle named by ``lower`` is read.
    lower : bool, optional
        Compute ``L`` with ``a = L L^H`` (default: the upper ``U`` with ``a = U^H U``).
    overwrite_a : bool, optional
        Accepted for SciPy compatibility; ``a`` is never modified.
    check_finite : bool, optional
        Refuse NaN or infinity in ``a``.

    Returns
    -------
    CholeskyFactorResult
        ``(c, lower)``: the factor in the chosen triangle of ``c``; as in SciPy, the other
        triangle holds the entries of ``a`` and is not to be used.

    Raises
    ------
    NotPositiveDefiniteError
        If ``a`` is not positive definite.

    Examples
    --------
    >>> import numpy as np
    >>> c, low = cho_factor(np.array([[4.0, 2.0], [2.0, 5.0]]))
    >>> np.triu(c), low
    (array([[2., 1.],
           [0., 2.]]), False)
    """
    del overwrite_a
    A = check_square(as_stacked_matrix(a, "a"))
    if check_finite:
        check_finite_values(A, "a")
    factor = cholesky(A, upper=not lower)
    c = np.array(A, dtype=factor.dtype)
    mask = (
        np.tril(np.ones(A.shape[-2:], dtype=bool))
        if lower
        else np.triu(np.ones(A.shape[-2:], dtype=bool))
    )
    c[..., mask] = factor[..., mask]
    return CholeskyFactorResult(c, lower)


def cho_solve(
    c_and_lower: tuple[Any, bool],
    b: Any,
    overwrite_b: bool = False,
    check_finite: bool = True,
) -> np.ndarray:
    """Solve ``a x = b`` given the Cholesky factor of ``a`` (SciPy's ``cho_solve``).

    With ``a = L L^H``: solve ``L y = b`` forward, then ``L^H x = y`` backward.

    Parameters
    ----------
    c_and_lower : (c, lower)
        The output of :func:`cho_factor` (a ``(..., M, M)`` factor or stack of them).
    b : (M,) or (..., M, K) array_like
        Right-hand side; stack dimensions broadcast with ``c``'s, as in SciPy.
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
    ShapeError
        If ``b`` does not have ``M`` rows.

    Examples
    --------
    >>> import numpy as np
    >>> a = np.array([[4.0, 2.0], [2.0, 5.0]])
    >>> cho_solve(cho_factor(a), [10.0, 13.0])
    array([1.5, 2. ])
    """
    del overwrite_b
    c_in, lower = c_and_lower
    c = check_square(as_stacked_matrix(c_in, "c"), "c")
    m = c.shape[-1]
    B = np.asarray(b)
    if B.dtype.kind in "biu":
        B = B.astype(np.float64)
    vector = B.ndim == 1
    if B.ndim == 0 or (B[:, None] if vector else B).shape[-2] != m:
        raise ShapeError(f"b must have {m} rows to match c of shape {c.shape}; got {B.shape}")
    B = as_stacked_matrix(B[:, None] if vector else B, "b")
    if check_finite:
        check_finite_values(c, "c")
        check_finite_values(B, "b")
    work, result = common_dtypes(c, B)

    def kernel(factor: np.ndarray, rhs: np.ndarray) -> np.ndarray:
        L = np.tril(factor) if lower else np.triu(factor).conj().T
        L = L.astype(work, copy=False)
        X = np.array(rhs, dtype=work, order="C")
        solve_lower_inplace(L, X)  # L y = b
        solve_upper_inplace(L.conj().T, X)  # L^H x = y
        return X

    X = map_matrices(kernel, c, B).astype(result, copy=False)
    return X[..., 0] if vector else X
