"""The named tuples that ``mml.linalg`` functions return.

They carry the same field names as NumPy's (NumPy's ``linalg.EigResult`` and friends) and
SciPy's conventions, so both attribute access (``res.eigenvalues``) and tuple unpacking
(``w, v = la.eigh(a)``) work as they do there.

Examples
--------
>>> import numpy as np
>>> from mml.linalg._results import SlogdetResult
>>> sign, logabsdet = SlogdetResult(np.float64(1.0), np.float64(0.0))
>>> float(sign), float(logabsdet)
(1.0, 0.0)
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

__all__ = [
    "EigResult",
    "EighResult",
    "QRResult",
    "SlogdetResult",
    "SVDResult",
    "LUResult",
    "LUFactorResult",
    "CholeskyFactorResult",
    "LstsqResult",
]


class EigResult(NamedTuple):
    """``eig(a)``: eigenvalues ``(..., M)`` and right eigenvectors ``(..., M, M)`` as columns."""

    eigenvalues: np.ndarray[Any, Any]
    eigenvectors: np.ndarray[Any, Any]


class EighResult(NamedTuple):
    """``eigh(a)``: ascending real eigenvalues ``(..., M)`` and orthonormal eigenvectors."""

    eigenvalues: np.ndarray[Any, Any]
    eigenvectors: np.ndarray[Any, Any]


class QRResult(NamedTuple):
    """``qr(a)``: ``A = Q R`` with ``Q`` orthonormal columns and ``R`` upper triangular."""

    Q: np.ndarray[Any, Any]
    R: np.ndarray[Any, Any]


class SlogdetResult(NamedTuple):
    """``slogdet(a)``: ``det(A) = sign * exp(logabsdet)``."""

    sign: np.ndarray[Any, Any]
    logabsdet: np.ndarray[Any, Any]


class SVDResult(NamedTuple):
    """``svd(a)``: ``A = U diag(S) Vh`` with ``S`` descending and non-negative."""

    U: np.ndarray[Any, Any]
    S: np.ndarray[Any, Any]
    Vh: np.ndarray[Any, Any]


class LUResult(NamedTuple):
    """``lu(a)`` (SciPy's ``scipy.linalg.lu``): ``A = P L U``."""

    P: np.ndarray[Any, Any]
    L: np.ndarray[Any, Any]
    U: np.ndarray[Any, Any]


class LUFactorResult(NamedTuple):
    """``lu_factor(a)`` (SciPy): ``L`` below and ``U`` on/above the diagonal of ``lu``.

    ``piv[i]`` is the row that row ``i`` was swapped with at step ``i`` (LAPACK's
    ``ipiv``, 0-based as in SciPy).
    """

    lu: np.ndarray[Any, Any]
    piv: np.ndarray[Any, Any]


class CholeskyFactorResult(NamedTuple):
    """``cho_factor(a)`` (SciPy): the factor ``c`` and whether it is the lower one."""

    c: np.ndarray[Any, Any]
    lower: bool


class LstsqResult(NamedTuple):
    """``lstsq(a, b)``: solution, residual sums of squares, rank and singular values."""

    x: np.ndarray[Any, Any]
    residuals: np.ndarray[Any, Any]
    rank: int
    s: np.ndarray[Any, Any]
