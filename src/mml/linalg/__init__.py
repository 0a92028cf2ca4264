"""Numeric linear algebra written from scratch: a drop-in for ``numpy.linalg``.

``import mml.linalg as la`` works where ``numpy.linalg`` did: the same names, argument
names, defaults, named-tuple results (``EigResult``, ``EighResult``, ``QRResult``,
``SlogdetResult``, ``SVDResult``), dtype rules, stacked ``(..., M, N)`` input and
``LinAlgError`` (our subclasses ``SingularMatrixError``, ``NotPositiveDefiniteError`` and
``ConvergenceError``). Beyond NumPy, SciPy's ``lu``, ``lu_factor``, ``lu_solve``,
``solve_triangular``, ``cho_factor``, ``cho_solve``, ``hessenberg``, ``schur``, ``expm``
and scikit-learn's ``randomized_svd`` are here with their signatures.

The algorithms (MML book ch. 4) are blocked so that the bulk of the work is matrix
multiplication; NumPy is used only for arrays, elementwise arithmetic and ``@``.

Examples
--------
>>> import numpy as np
>>> import mml.linalg as la
>>> issubclass(la.LinAlgError, ValueError)
True
"""

from __future__ import annotations

from mml.errors import (
    ConvergenceError,
    LinAlgError,
    NotPositiveDefiniteError,
    SingularMatrixError,
)
from mml.linalg._results import (
    CholeskyFactorResult,
    EighResult,
    EigResult,
    LstsqResult,
    LUFactorResult,
    LUResult,
    QRResult,
    SlogdetResult,
    SVDResult,
)
from mml.linalg.cholesky_decomposition import cho_factor, cho_solve, cholesky
from mml.linalg.linear_systems import det, inv, slogdet, solve
from mml.linalg.lu_decomposition import lu, lu_factor, lu_solve
from mml.linalg.qr_decomposition import qr
from mml.linalg.triangular import solve_triangular

__all__ = [
    "solve",
    "inv",
    "det",
    "slogdet",
    "lu",
    "lu_factor",
    "lu_solve",
    "solve_triangular",
    "cholesky",
    "cho_factor",
    "cho_solve",
    "qr",
    "LinAlgError",
    "SingularMatrixError",
    "NotPositiveDefiniteError",
    "ConvergenceError",
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
