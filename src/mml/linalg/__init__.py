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
from mml.linalg.cholesky_decomposition import cholesky
from mml.linalg.cholesky_substitution import cho_factor, cho_solve
from mml.linalg.eigen_general import eig, eigvals
from mml.linalg.eigen_symmetric import eigh, eigvalsh
from mml.linalg.least_squares import lstsq, matrix_rank, pinv
from mml.linalg.linear_systems import det, inv, slogdet, solve
from mml.linalg.lu_decomposition import lu, lu_factor
from mml.linalg.lu_substitution import lu_solve
from mml.linalg.matrix_functions import expm
from mml.linalg.norms import cond, matrix_norm, norm, vector_norm
from mml.linalg.products import (
    cross,
    diagonal,
    matmul,
    matrix_power,
    matrix_transpose,
    multi_dot,
    outer,
    tensordot,
    trace,
    vecdot,
)
from mml.linalg.qr_decomposition import qr
from mml.linalg.randomized import randomized_svd
from mml.linalg.schur_decomposition import hessenberg, schur
from mml.linalg.svd import svd, svdvals
from mml.linalg.tensor_equations import tensorinv, tensorsolve
from mml.linalg.triangular import solve_triangular

__all__ = [
    # numpy.linalg
    "solve",
    "inv",
    "det",
    "slogdet",
    "lstsq",
    "pinv",
    "matrix_rank",
    "matrix_power",
    "multi_dot",
    "cond",
    "norm",
    "vector_norm",
    "matrix_norm",
    "eig",
    "eigvals",
    "eigh",
    "eigvalsh",
    "svd",
    "svdvals",
    "qr",
    "cholesky",
    "tensorsolve",
    "tensorinv",
    "outer",
    "cross",
    "trace",
    "diagonal",
    "matmul",
    "vecdot",
    "matrix_transpose",
    "tensordot",
    # SciPy's names
    "lu",
    "lu_factor",
    "lu_solve",
    "solve_triangular",
    "cho_factor",
    "cho_solve",
    "hessenberg",
    "schur",
    "expm",
    # scikit-learn's
    "randomized_svd",
    # errors and results
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
