"""Least squares, pseudo-inverse and rank through the SVD (MML book §4.5, §9.2).

With ``A = U diag(s) V^H``, singular values below ``rcond * max(s)`` are treated as zero
and the rest inverted:

- ``pinv(A) = V diag(1/s) U^H`` (the Moore–Penrose pseudo-inverse);
- ``lstsq``: ``x = pinv(A) b``, the minimum-norm minimiser of ``||A x - b||``;
- ``matrix_rank``: how many singular values exceed the tolerance.

The SVD itself is :func:`mml.linalg.svd` (Golub–Kahan bidiagonalisation).

Examples
--------
>>> import numpy as np
>>> import mml.linalg as la
>>> A = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
>>> x, residuals, rank, s = la.lstsq(A, np.array([1.0, 1.0, 3.0]))
>>> np.round(x, 12), rank
(array([1.33333333, 1.33333333]), 2)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.errors import InvalidMatrixError
from mml.linalg._results import LstsqResult
from mml.linalg._validation import as_matrix, as_stacked_matrix, common_dtypes, real_dtype
from mml.linalg.svd import svd

__all__ = ["lstsq", "pinv", "matrix_rank"]

_NOT_GIVEN: Any = object()


def lstsq(a: Any, b: Any, rcond: float | None = None) -> LstsqResult:
    """Least-squares solution of ``a x = b``: the ``x`` of least norm minimising ``||b - a x||``.

    Parameters
    ----------
    a : (M, N) array_like
        Coefficient matrix.
    b : (M,) or (M, K) array_like
        Right-hand side(s).
    rcond : float, optional
        Singular values below ``rcond * max(s)`` count as zero. Default
        ``eps * max(M, N)``, as in NumPy.

    Returns
    -------
    LstsqResult
        ``x`` ((N,) or (N, K)); ``residuals``, the squared 2-norms ``||b - a x||^2`` per
        column ((1,) or (K,)), empty unless ``rank == N < M``; ``rank`` (int); and ``s``,
        the singular values of ``a`` ((min(M, N),)). Unpacks as NumPy's 4-tuple.

    Raises
    ------
    LinAlgError
        If ``a`` or ``b`` has the wrong number of dimensions, or their rows differ
        ("Incompatible dimensions", naming both shapes).

    Examples
    --------
    >>> import numpy as np
    >>> x, res, rank, s = lstsq(np.array([[1.0], [1.0]]), np.array([1.0, 3.0]))
    >>> x, res, rank
    (array([2.]), array([2.]), 1)
    """
    A = as_matrix(a, "a")
    B = np.asarray(b)
    vector = B.ndim == 1
    B = as_matrix(B[:, None] if vector else B, "b")
    m, n = A.shape
    if B.shape[0] != m:
        raise InvalidMatrixError(
            f"Incompatible dimensions: a has shape {A.shape} but b has shape {np.shape(b)}"
        )
    work, result = common_dtypes(A, B)
    real = real_dtype(result)
    if rcond is None:
        rcond = float(np.finfo(np.float64).eps) * max(m, n)
    A_work, B_work = A.astype(work, copy=False), B.astype(work, copy=False)
    k = min(m, n)
    if k == 0:
        x = np.zeros((n, B.shape[1]), dtype=work)
        s = np.zeros(0, dtype=np.float64)
        rank = 0
    else:
        U, s, Vh = svd(A_work, full_matrices=False)
        large = s > rcond * s.max()
        rank = int(np.count_nonzero(large))
        inverse_s = np.zeros_like(s)
        inverse_s[large] = 1.0 / s[large]
        x = Vh.conj().T @ (inverse_s[:, None] * (U.conj().T @ B_work))
    if rank == n and m > n:
        residual = B_work - A_work @ x
        residuals = np.sum((residual.conj() * residual).real, axis=0)
    else:
        residuals = np.zeros(0)
    x = x.astype(result, copy=False)
    return LstsqResult(
        x[:, 0] if vector else x,
        residuals.astype(real, copy=False),
        rank,
        np.asarray(s).astype(real, copy=False),
    )


def pinv(
    a: Any, rcond: Any = None, hermitian: bool = False, *, rtol: Any = _NOT_GIVEN
) -> np.ndarray:
    """Moore–Penrose pseudo-inverse ``a^+ = V diag(1/s) U^H`` (small ``s`` dropped).

    Parameters
    ----------
    a : (..., M, N) array_like
        Matrix, or stack of matrices.
    rcond : float or array_like, optional
        Relative cutoff: singular values ``<= rcond * max(s)`` are set to zero. Default
        ``1e-15`` (NumPy's), or ``max(M, N) * eps`` when ``rtol=None`` is passed.
    hermitian : bool, optional
        ``a`` is Hermitian; the SVD may use that.
    rtol : float, optional
        The Array API name of ``rcond``; give only one of the two.

    Returns
    -------
    (..., N, M) ndarray

    Raises
    ------
    LinAlgError
        If ``a`` has fewer than two dimensions.
    ValueError
        If both ``rcond`` and ``rtol`` are given.

    Examples
    --------
    >>> import numpy as np
    >>> np.round(pinv(np.array([[1.0, 2.0], [2.0, 4.0]])), 6)
    array([[0.04, 0.08],
           [0.08, 0.16]])
    """
    A = as_stacked_matrix(a, "a")
    if rcond is None:
        if rtol is _NOT_GIVEN:
            rcond = 1e-15
        elif rtol is None:
            rcond = max(A.shape[-2:]) * np.finfo(A.dtype).eps
        else:
            rcond = rtol
    elif rtol is not _NOT_GIVEN:
        raise ValueError("`rtol` and `rcond` can't be both set.")
    work, result = common_dtypes(A)
    m, n = A.shape[-2:]
    if min(m, n) == 0:
        return np.zeros(A.shape[:-2] + (n, m), dtype=result)
    U, s, Vh = svd(A.astype(work, copy=False), full_matrices=False, hermitian=hermitian)
    cutoff = np.asarray(rcond)[..., None] * s.max(axis=-1, keepdims=True)
    large = s > cutoff
    inverse_s = np.where(large, 1.0 / np.where(large, s, 1.0), 0.0)
    out = np.swapaxes(Vh, -1, -2).conj() @ (inverse_s[..., None] * np.swapaxes(U, -1, -2).conj())
    return out.astype(result, copy=False)


def matrix_rank(A: Any, tol: Any = None, hermitian: bool = False, *, rtol: Any = None) -> Any:
    """Rank of a matrix: the number of singular values above a tolerance.

    Parameters
    ----------
    A : (..., M, N) array_like
        Matrix or stack of matrices; a vector or scalar has rank 1 unless it is all zero.
    tol : float or array_like, optional
        Absolute threshold. Default ``max(s) * max(M, N) * eps``, as in NumPy.
    hermitian : bool, optional
        ``A`` is Hermitian; the SVD may use that.
    rtol : float or array_like, optional
        Relative threshold (times ``max(s)``); give only one of ``tol`` and ``rtol``.

    Returns
    -------
    int or (...) ndarray of int

    Raises
    ------
    ValueError
        If both ``tol`` and ``rtol`` are given.

    Examples
    --------
    >>> import numpy as np
    >>> int(matrix_rank(np.array([[1.0, 2.0], [2.0, 4.0]])))
    1
    >>> matrix_rank(np.zeros(3))
    0
    """
    if rtol is not None and tol is not None:
        raise ValueError("`tol` and `rtol` can't be both set.")
    array = np.asarray(A)
    if array.ndim < 2:
        return int(not np.all(array == 0))
    M = as_stacked_matrix(array, "A")
    S = svd(M, compute_uv=False, hermitian=hermitian)
    if tol is None:
        if rtol is None:
            rtol = max(M.shape[-2:]) * np.finfo(S.dtype).eps
        else:
            rtol = np.asarray(rtol)[..., None]
        tol = S.max(axis=-1, keepdims=True, initial=0) * rtol
    else:
        tol = np.asarray(tol)[..., None]
    return np.count_nonzero(S > tol, axis=-1)
