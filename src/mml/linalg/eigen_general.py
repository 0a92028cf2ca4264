"""Eigenvalues and eigenvectors of a general square matrix: ``eig`` and ``eigvals`` (MML §4.2).

From the Schur form ``A = Z T Z^H`` (:mod:`mml.linalg.schur_decomposition`) the
eigenvalues are the diagonal of ``T`` (for a real 2 x 2 block ``[[a, b], [c, a]]``:
``a +- i sqrt(-b c)``). An eigenvector of ``T`` for ``lam_j`` solves the upper
(quasi-)triangular system ``(T - lam_j I) x = 0`` with ``x_j = 1`` and ``x_i = 0`` below the
block of ``j``; back-substitution runs row by row from the bottom, for all eigenvectors at
once (one row times matrix product per row, a 2 x 2 solve per row pair of a real 2 x 2
block). Then ``v = Z x``, normalised to unit length with its largest entry real, as LAPACK's
``geev``. A real matrix gives real results when every eigenvalue is real, and exact
conjugate pairs otherwise, as NumPy.

NaN or inf input raises ``LinAlgError`` ("Array must not contain infs or NaNs"), as NumPy.

Examples
--------
>>> import numpy as np
>>> w, v = eig(np.array([[2.0, 0.0], [0.0, 3.0]]))
>>> w
array([2., 3.])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.linalg._results import EigResult
from mml.linalg._validation import (
    as_stacked_matrix,
    check_finite,
    check_square,
    common_dtypes,
    map_matrices,
)
from mml.linalg.hessenberg_reduction import hessenberg_reduce
from mml.linalg.schur_decomposition import complex_schur, real_schur, schur_kernel

__all__ = ["eig", "eigvals", "schur_eigenvalues", "triangular_eigenvectors"]

_TINY = float(np.finfo(np.float64).tiny)
_EPS = float(np.finfo(np.float64).eps)


def _blocks(T: np.ndarray) -> np.ndarray:
    """``start[i]`` is True where a diagonal block begins (2 x 2 blocks have ``T[i+1, i] != 0``)."""
    n = T.shape[0]
    start = np.ones(n, dtype=bool)
    if n > 1 and not np.iscomplexobj(T):
        sub = np.diagonal(T, -1) != 0
        start[1:] = ~sub
    return start


def schur_eigenvalues(T: np.ndarray) -> np.ndarray:
    """Eigenvalues from a (quasi-)triangular Schur form, in diagonal order.

    Examples
    --------
    >>> import numpy as np
    >>> schur_eigenvalues(np.array([[1.0, 2.0], [-2.0, 1.0]]))
    array([1.+2.j, 1.-2.j])
    """
    w = np.diagonal(T).astype(np.complex128)
    if np.iscomplexobj(T):
        return w
    start = _blocks(T)
    for i in np.flatnonzero(~start):  # rows i-1, i form a standardised complex block
        imag = np.sqrt(abs(T[i - 1, i] * T[i, i - 1]))
        w[i - 1] = complex(T[i - 1, i - 1], imag)
        w[i] = complex(T[i - 1, i - 1], -imag)
    return w


def triangular_eigenvectors(T: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Eigenvectors ``X`` of a (quasi-)upper triangular ``T``: ``T X = X diag(w)`` (unnormalised).

    Examples
    --------
    >>> import numpy as np
    >>> T = np.array([[1.0, 1.0], [0.0, 2.0]])
    >>> triangular_eigenvectors(T, np.array([1.0, 2.0]))
    array([[1.+0.j, 1.+0.j],
           [0.+0.j, 1.+0.j]])
    """
    n = T.shape[0]
    X = np.zeros((n, n), dtype=np.complex128)
    start = _blocks(T)
    norm = float(np.abs(T).max()) if n else 0.0
    small = max(_EPS * norm, _TINY)  # pivots below this are perturbed, as LAPACK's trevc
    ends = np.ones(n, dtype=bool)
    ends[:-1] = start[1:]
    # block of each column: a 2 x 2 block's eigenvector of the block itself comes first
    i = n - 1
    while i >= 0:
        if start[i]:
            X[i, i] = 1.0
            i -= 1
            continue
        a, b, c, d = T[i - 1, i - 1], T[i - 1, i], T[i, i - 1], T[i, i]
        for j in (i - 1, i):
            X[i - 1, j], X[i, j] = (b, w[j] - a) if b != 0 else (w[j] - d, c)
        i -= 2
    # back-substitution, row by row from the bottom, for all later columns at once
    row = n - 1
    while row >= 0:
        first = row if start[row] else row - 1
        cols = np.arange(row + 1, n)
        if cols.size:
            rhs = -(T[first : row + 1, row + 1 :] @ X[row + 1 :, row + 1 :])
            lam = w[row + 1 :]
            if first == row:
                pivot = T[row, row] - lam
                pivot = np.where(np.abs(pivot) < small, small, pivot)
                X[row, row + 1 :] = rhs[0] / pivot
            else:
                a, b = T[first, first] - lam, T[first, row]
                c, d = T[row, first], T[row, row] - lam
                det = a * d - b * c
                det = np.where(np.abs(det) < small * small, small * small, det)
                X[first, row + 1 :] = (d * rhs[0] - b * rhs[1]) / det
                X[row, row + 1 :] = (a * rhs[1] - c * rhs[0]) / det
            big = np.abs(X[: row + 1, row + 1 :]).max(axis=0) if row >= 0 else None
            if big is not None and float(big.max()) > 1e100:  # keep clear of overflow
                scale = np.where(big > 1e100, 1.0 / big, 1.0)
                X[:, row + 1 :] *= scale
        row = first - 1
    return X


def _normalise_columns(V: np.ndarray) -> np.ndarray:
    """Unit 2-norm, largest-magnitude entry made real (LAPACK geev's convention)."""
    scale = np.abs(V).max(axis=0)
    V = V / np.where(scale == 0, 1.0, scale)  # avoid overflow in the squares
    norms = np.sqrt((np.abs(V) ** 2).sum(axis=0))
    V = V / np.where(norms == 0, 1.0, norms)
    biggest = np.argmax(np.abs(V), axis=0)
    pivot = V[biggest, np.arange(V.shape[1])]
    phase = np.where(
        np.abs(pivot) == 0, 1.0, np.conj(pivot) / np.where(pivot == 0, 1, np.abs(pivot))
    )
    return V * phase


def _eig_kernel(a: np.ndarray, vectors: bool) -> tuple[np.ndarray, np.ndarray | None]:
    """One square float64/complex128 matrix: complex eigenvalues and eigenvectors."""
    n = a.shape[0]
    if n == 0:
        return np.zeros(0, np.complex128), np.zeros((0, 0), np.complex128)
    scale = float(np.abs(a).max())
    if scale == 0.0:
        return np.zeros(n, np.complex128), np.eye(n, dtype=np.complex128)
    if not vectors:  # no Schur vectors, and the QR sweeps touch the active block only
        H, _ = hessenberg_reduce(a / scale)
        T, _ = complex_schur(H, None) if np.iscomplexobj(H) else real_schur(H, None)
        return schur_eigenvalues(T) * scale, None
    T, Z = schur_kernel(a / scale, complex_output=False)
    w = schur_eigenvalues(T)
    V = _normalise_columns(Z @ triangular_eigenvectors(T, w))
    if not np.iscomplexobj(a):  # exact conjugate pairs, as LAPACK returns them
        pairs = np.flatnonzero(~_blocks(T))
        V[:, pairs] = np.conj(V[:, pairs - 1])
    return w * scale, V


def _real_if_possible(w: np.ndarray, v: np.ndarray | None, real_input: bool) -> tuple:
    if real_input and np.all(w.imag == 0):
        return w.real, (v.real if v is not None else None)
    return w, v


def eig(a: Any) -> EigResult:
    """Eigenvalues and right eigenvectors of a square matrix: ``A v = lam v`` (MML §4.2).

    Parameters
    ----------
    a : array_like, shape (..., M, M)
        Matrices (a stack along the leading dimensions is allowed).

    Returns
    -------
    EigResult
        ``eigenvalues`` (..., M), in no particular order, and ``eigenvectors``
        (..., M, M), unit-length columns with ``a @ v[:, i] = w[i] * v[:, i]``. Real
        input gives real arrays when every eigenvalue is real, complex ones otherwise.

    Raises
    ------
    LinAlgError
        If ``a`` is not square (the shape is named) or holds NaN/inf.
    ConvergenceError
        If the QR iteration does not converge.

    Examples
    --------
    >>> import numpy as np
    >>> w, v = eig(np.array([[0.0, -1.0], [1.0, 0.0]]))
    >>> w
    array([0.+1.j, 0.-1.j])
    >>> bool(np.allclose(np.array([[0.0, -1.0], [1.0, 0.0]]) @ v, v * w))
    True
    """
    A = check_square(as_stacked_matrix(a))
    check_finite(A)
    work, result = common_dtypes(A)
    real_input = work.kind == "f"
    complex_result = np.result_type(result, np.complex64)
    if result.kind == "c":
        complex_result = result
    w, v = map_matrices(lambda m: _eig_kernel(m, True), A.astype(work, copy=False))
    w, v = _real_if_possible(w, v, real_input)
    out = result if w.dtype.kind == "f" else complex_result
    return EigResult(w.astype(out, copy=False), v.astype(out, copy=False))


def eigvals(a: Any) -> np.ndarray:
    """Eigenvalues of a square matrix (or a stack), in no particular order.

    Real for real input whose eigenvalues are all real, complex otherwise, as NumPy.

    Raises
    ------
    LinAlgError
        If ``a`` is not square or holds NaN/inf.
    ConvergenceError
        If the QR iteration does not converge.

    Examples
    --------
    >>> import numpy as np
    >>> eigvals(np.array([[2.0, 1.0], [0.0, 3.0]]))
    array([2., 3.])
    """
    A = check_square(as_stacked_matrix(a))
    check_finite(A)
    work, result = common_dtypes(A)
    real_input = work.kind == "f"
    w = map_matrices(lambda m: _eig_kernel(m, False)[0], A.astype(work, copy=False))
    w, _ = _real_if_possible(np.asarray(w), None, real_input)
    if w.dtype.kind == "f":
        return w.astype(result, copy=False)
    return w.astype(np.result_type(result, np.complex64), copy=False)
