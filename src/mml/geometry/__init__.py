"""Analytic geometry, numerically (book ch. 3): inner products, norms, distances and angles;
orthogonality, orthonormal bases, Gram–Schmidt and orthogonal complements; projections onto
lines, subspaces and affine spaces; rotations; inner products of functions.

The exact, step-by-step versions are in :mod:`mml.exact` (``gram_schmidt``, ``project``,
``angle``, ...). Linear algebra here runs on :mod:`mml.linalg` (QR, SVD, Cholesky) only.

Examples
--------
>>> import numpy as np
>>> from mml import geometry
>>> float(geometry.length([3, 4]))
5.0
>>> geometry.project_onto_line([1, 1, 1], [1, 2, 2]) * 9
array([ 5., 10., 10.])
"""

from mml.geometry.function_inner_products import (
    function_inner_product,
    function_norm,
    gauss_legendre,
    integrate,
)
from mml.geometry.inner_products import (
    angle,
    distance,
    inner_product,
    is_positive_definite,
    is_symmetric,
    length,
)
from mml.geometry.orthogonality import (
    gram_schmidt,
    is_orthogonal,
    is_orthogonal_matrix,
    is_orthonormal,
    orthogonal_complement,
    orthonormal_basis,
)
from mml.geometry.projections import (
    line_projection_matrix,
    project_onto_affine,
    project_onto_line,
    project_onto_subspace,
    projection_matrix,
)
from mml.geometry.rotations import givens, givens_zeroing, rotation_2d, rotation_3d

__all__ = [
    "inner_product",
    "is_positive_definite",
    "is_symmetric",
    "length",
    "distance",
    "angle",
    "is_orthogonal",
    "is_orthonormal",
    "is_orthogonal_matrix",
    "orthonormal_basis",
    "orthogonal_complement",
    "gram_schmidt",
    "projection_matrix",
    "line_projection_matrix",
    "project_onto_line",
    "project_onto_subspace",
    "project_onto_affine",
    "rotation_2d",
    "rotation_3d",
    "givens",
    "givens_zeroing",
    "gauss_legendre",
    "integrate",
    "function_inner_product",
    "function_norm",
]
