"""Orthogonal projections onto a line, a subspace and an affine space (book §3.8), numerically.

Onto ``U`` spanned by the columns of ``B``: ``P = B (BᵀB)⁻¹ Bᵀ``. It is computed as ``P = Q Qᵀ``
from an orthonormal basis ``Q`` of ``U`` (SVD), which is the same matrix, works when the columns
of ``B`` are dependent, and avoids squaring the condition number of ``B``. The projected point is
``π_U(x) = Q (Qᵀ x)``. Onto an affine space ``L = x₀ + U``: ``π_L(x) = x₀ + π_U(x − x₀)``.
Points may be one vector of shape (n,) or a stack of shape (..., n).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.errors import DomainError
from mml.geometry._validation import as_basis, as_vectors, check_same_length
from mml.geometry.orthogonality import orthonormal_basis

__all__ = [
    "projection_matrix",
    "line_projection_matrix",
    "project_onto_line",
    "project_onto_subspace",
    "project_onto_affine",
]


def line_projection_matrix(b: Any) -> np.ndarray:
    """``P = b bᵀ / bᵀb``, the projection onto the line spanned by ``b`` (§3.8.1).

    Raises
    ------
    DomainError
        If ``b`` is the zero vector.

    >>> line_projection_matrix([1, 2, 2]) * 9
    array([[1., 2., 2.],
           [2., 4., 4.],
           [2., 4., 4.]])
    """
    direction = as_vectors(b, "b")
    if direction.ndim != 1:
        raise DomainError("b must be one vector of shape (n,)")
    size = np.max(np.abs(direction))
    if size == 0:
        raise DomainError("b is the zero vector, so it spans no line to project onto")
    unit = direction / size
    return np.outer(unit, unit) / (unit @ unit)


def project_onto_line(x: Any, b: Any) -> np.ndarray:
    """``π(x) = (bᵀx / bᵀb) b``, the orthogonal projection onto the line spanned by ``b``.

    >>> project_onto_line([1, 1, 1], [1, 2, 2]) * 9
    array([ 5., 10., 10.])
    """
    direction = as_vectors(b, "b")
    if direction.ndim != 1:
        raise DomainError("b must be one vector of shape (n,)")
    points = as_vectors(x, "x")
    check_same_length(points, direction, "x and b")
    size = np.max(np.abs(direction))
    if size == 0:
        raise DomainError("b is the zero vector, so it spans no line to project onto")
    unit = direction / size
    return (points @ unit / (unit @ unit))[..., None] * unit


def projection_matrix(B: Any) -> np.ndarray:
    """``P = B (BᵀB)⁻¹ Bᵀ``, the projection onto the column span of ``B`` (§3.8.2), as ``Q Qᵀ``.

    ``P`` is symmetric and idempotent (``P² = P``); dependent columns are allowed.

    >>> P = projection_matrix([[1, 0], [1, 1], [1, 2]])
    >>> np.allclose(P @ P, P), np.allclose(P, P.T)
    (True, True)
    """
    Q = orthonormal_basis(B)
    return Q @ Q.T


def project_onto_subspace(x: Any, B: Any) -> np.ndarray:
    """The orthogonal projection of ``x`` onto the span of the columns of ``B`` (§3.8.2).

    Parameters
    ----------
    x : array_like, shape (n,) or (..., n)
    B : array_like, shape (n, k)

    Returns
    -------
    ndarray, the shape of ``x``

    Examples
    --------
    >>> project_onto_subspace([6, 0, 0], [[1, 0], [1, 1], [1, 2]]).round(12)
    array([ 5.,  2., -1.])
    """
    points = as_vectors(x, "x")
    basis = as_basis(B, points.shape[-1])
    Q = orthonormal_basis(basis)
    return (points @ Q) @ Q.T


def project_onto_affine(x: Any, point: Any, B: Any) -> np.ndarray:
    """The orthogonal projection onto the affine space ``L = x₀ + span(B)`` (§3.8.4).

    ``π_L(x) = x₀ + π_U(x − x₀)``: shift, project onto the direction space, shift back.

    >>> project_onto_affine([2, 3], [0, 1], [[1], [0]])
    array([2., 1.])
    """
    origin = as_vectors(point, "point")
    if origin.ndim != 1:
        raise DomainError("point must be one vector of shape (n,)")
    points = as_vectors(x, "x")
    check_same_length(points, origin, "x and point")
    return origin + project_onto_subspace(points - origin, as_basis(B, origin.shape[0]))
