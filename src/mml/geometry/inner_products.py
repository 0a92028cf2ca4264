"""Inner products, the norms and distances they induce, and angles (book §3.2–3.4), numerically.

``⟨x, y⟩_A = xᵀ A y`` for a symmetric positive definite ``A`` (the dot product when ``A`` is
None); ``‖x‖_A = √⟨x, x⟩_A``; ``d_A(x, y) = ‖x − y‖_A``; ``cos ω = ⟨x, y⟩_A / (‖x‖_A ‖y‖_A)``.
Every function takes single vectors of shape (n,) or stacks of shape (..., n) and broadcasts.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.errors import DomainError, LinAlgError
from mml.geometry._validation import as_square, as_vectors, check_same_length

__all__ = [
    "inner_product",
    "is_positive_definite",
    "is_symmetric",
    "length",
    "distance",
    "angle",
    "as_inner_product_matrix",
]


def is_symmetric(A: Any, rtol: float = 1e-10, atol: float = 1e-12) -> bool:
    """Whether ``A = Aᵀ`` up to rounding.

    >>> is_symmetric([[2, 1], [1, 2]]), is_symmetric([[2, 1], [0, 2]])
    (True, False)
    """
    matrix = as_square(A)
    return bool(np.allclose(matrix, matrix.T, rtol=rtol, atol=atol))


def is_positive_definite(A: Any) -> bool:
    """Whether ``A`` is symmetric positive definite: symmetric, and Cholesky succeeds (§3.2.3).

    Raises
    ------
    ShapeError
        If ``A`` is not square.
    DomainError
        If ``A`` has NaN or infinite entries.

    Examples
    --------
    >>> is_positive_definite([[9, 6], [6, 5]]), is_positive_definite([[9, 6], [6, 3]])
    (True, False)
    """
    from mml.linalg import cholesky

    matrix = as_square(A)
    if not is_symmetric(matrix):
        return False
    try:
        cholesky(matrix)
    except LinAlgError:
        return False
    return True


def as_inner_product_matrix(A: Any, n: int) -> np.ndarray | None:
    """Validate the matrix of an inner product on ℝⁿ (None means the dot product).

    Raises
    ------
    ShapeError
        If ``A`` is not n×n.
    DomainError
        If ``A`` is not symmetric positive definite.
    """
    if A is None:
        return None
    matrix = as_square(A, n)
    if not is_symmetric(matrix):
        raise DomainError("A is not symmetric, so xᵀAy is not an inner product")
    if not is_positive_definite(matrix):
        raise DomainError("A is not positive definite, so xᵀAy is not an inner product")
    return matrix


def _inner(x: np.ndarray, y: np.ndarray, A: np.ndarray | None) -> np.ndarray:
    if A is not None:
        y = y @ A.T  # (A y) for every stacked y
    return np.sum(x * y, axis=-1)


def inner_product(x: Any, y: Any, A: Any = None) -> np.ndarray | float:
    """The inner product ``⟨x, y⟩ = xᵀ A y`` (the dot product when ``A`` is None), §3.2.

    Parameters
    ----------
    x, y : array_like, shape (..., n)
        Broadcast against each other.
    A : array_like, shape (n, n), optional
        Symmetric positive definite.

    Returns
    -------
    float or ndarray, shape (...)

    Raises
    ------
    ShapeError
        If the last axes differ, or ``A`` is not n×n.
    DomainError
        If ``A`` is not symmetric positive definite, or an input has NaN/inf.

    Examples
    --------
    >>> float(inner_product([1, 2], [3, 4]))
    11.0
    >>> float(inner_product([1, 1], [-1, 1], A=[[2, -1], [-1, 2]]))
    0.0
    """
    u, v = as_vectors(x, "x"), as_vectors(y, "y")
    check_same_length(u, v)
    matrix = as_inner_product_matrix(A, u.shape[-1])
    result = _inner(u, v, matrix)
    return result[()] if result.ndim == 0 else result


def length(x: Any, A: Any = None) -> np.ndarray | float:
    """The induced norm ``‖x‖ = √⟨x, x⟩`` (§3.3); the Euclidean length when ``A`` is None.

    >>> float(length([3, 4]))
    5.0
    """
    u = as_vectors(x, "x")
    matrix = as_inner_product_matrix(A, u.shape[-1])
    # scale by the largest entry first, so that huge or tiny entries neither overflow nor underflow
    scale = np.max(np.abs(u), axis=-1, keepdims=True)
    safe = np.where(scale > 0, scale, 1.0)
    unit = u / safe
    result = safe[..., 0] * np.sqrt(np.maximum(_inner(unit, unit, matrix), 0.0))
    return result[()] if result.ndim == 0 else result


def distance(x: Any, y: Any, A: Any = None) -> np.ndarray | float:
    """The distance ``d(x, y) = ‖x − y‖`` induced by the inner product (§3.3).

    With ``A`` this is the Mahalanobis distance with inverse covariance ``A``.

    >>> float(distance([1, 2], [4, 6]))
    5.0
    """
    u, v = as_vectors(x, "x"), as_vectors(y, "y")
    check_same_length(u, v)
    return length(u - v, A)


def angle(x: Any, y: Any, A: Any = None) -> np.ndarray | float:
    """The angle ``ω ∈ [0, π]`` with ``cos ω = ⟨x, y⟩ / (‖x‖ ‖y‖)`` (§3.4).

    Raises
    ------
    DomainError
        If ``x`` or ``y`` is the zero vector (no angle is defined).

    Examples
    --------
    >>> round(float(angle([1, 0], [1, 1])), 6) == round(np.pi / 4, 6)
    True
    """
    u, v = as_vectors(x, "x"), as_vectors(y, "y")
    check_same_length(u, v)
    matrix = as_inner_product_matrix(A, u.shape[-1])
    nu, nv = np.asarray(length(u, matrix)), np.asarray(length(v, matrix))
    if np.any(nu == 0) or np.any(nv == 0):
        raise DomainError("the angle with the zero vector is not defined")
    # normalise before the inner product: no overflow, and |cos ω| ≤ 1 up to rounding
    cosine = _inner(u / nu[..., None], v / nv[..., None], matrix)
    result = np.arccos(np.clip(cosine, -1.0, 1.0))
    return result[()] if result.ndim == 0 else result
