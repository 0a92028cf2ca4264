"""Rotations: in the plane, about an axis in ℝ³, and Givens rotations in ℝⁿ (book §3.9).

Every rotation matrix is orthogonal with determinant 1, so it keeps lengths and angles.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.errors import DomainError, ShapeError
from mml.geometry._validation import as_vectors

__all__ = ["rotation_2d", "rotation_3d", "givens", "givens_zeroing"]

_AXES = {"x": 0, "y": 1, "z": 2}


def _angle(theta: Any, name: str = "theta") -> float:
    try:
        value = float(theta)
    except (TypeError, ValueError):
        raise DomainError(f"{name} must be a real number; got {theta!r}") from None
    if not np.isfinite(value):
        raise DomainError(f"{name} is {value}; expected a finite number")
    return value


def rotation_2d(theta: float) -> np.ndarray:
    """The rotation of the plane by ``theta`` radians, counterclockwise (book eq. 3.75)::

        R(θ) = [[cos θ, −sin θ], [sin θ, cos θ]]

    >>> rotation_2d(np.pi / 2).round(12) @ [1, 0]
    array([0., 1.])
    """
    t = _angle(theta)
    c, s = np.cos(t), np.sin(t)
    return np.array([[c, -s], [s, c]])


def rotation_3d(axis: Any, theta: float) -> np.ndarray:
    """The rotation of ℝ³ by ``theta`` about ``axis`` (right-hand rule), book §3.9.2.

    Parameters
    ----------
    axis : {"x", "y", "z"} or array_like, shape (3,)
        A coordinate axis, or any nonzero direction (normalised here).
    theta : float
        The angle in radians.

    Returns
    -------
    ndarray, shape (3, 3)
        By Rodrigues' formula ``R = I + sin θ K + (1 − cos θ) K²`` with ``K`` the cross-product
        matrix of the unit axis; for ``"x"``, ``"y"``, ``"z"`` these are the book's R₁, R₂, R₃.

    Raises
    ------
    DomainError
        For an unknown axis name or the zero vector.

    Examples
    --------
    >>> (rotation_3d("z", np.pi / 2) @ [1, 0, 0]).round(12)
    array([0., 1., 0.])
    """
    t = _angle(theta)
    if isinstance(axis, str):
        if axis.lower() not in _AXES:
            raise DomainError(f"axis {axis!r}: expected 'x', 'y', 'z' or a 3-vector")
        direction = np.eye(3)[_AXES[axis.lower()]]
    else:
        direction = as_vectors(axis, "axis")
        if direction.shape != (3,):
            raise ShapeError(f"axis must have shape (3,); got {direction.shape}")
        scale = np.sqrt(direction @ direction)
        if scale == 0:
            raise DomainError("the rotation axis is the zero vector")
        direction = direction / scale
    kx, ky, kz = direction
    K = np.array([[0.0, -kz, ky], [kz, 0.0, -kx], [-ky, kx, 0.0]])
    return np.eye(3) + np.sin(t) * K + (1.0 - np.cos(t)) * (K @ K)


def givens(n: int, i: int, j: int, theta: float) -> np.ndarray:
    """The Givens rotation ``R_ij(θ)`` of ℝⁿ: a rotation in the plane of coordinates i and j
    (book eq. 3.80), 0-based ``i < j``::

        r_ii = r_jj = cos θ,  r_ij = −sin θ,  r_ji = sin θ,  otherwise the identity.

    Raises
    ------
    DomainError
        If ``i`` or ``j`` is out of range or ``i == j``.

    Examples
    --------
    >>> givens(3, 0, 2, np.pi / 2).round(12)
    array([[ 0.,  0., -1.],
           [ 0.,  1.,  0.],
           [ 1.,  0.,  0.]])
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 2:
        raise DomainError(f"n = {n!r}: a Givens rotation needs an integer dimension n ≥ 2")
    for name, index in (("i", i), ("j", j)):
        if (
            isinstance(index, bool)
            or not isinstance(index, (int, np.integer))
            or not 0 <= index < n
        ):
            raise DomainError(f"{name} = {index!r} is not a coordinate index 0..{n - 1}")
    if i == j:
        raise DomainError(f"i = j = {i}: a Givens rotation needs two different coordinates")
    t = _angle(theta)
    R = np.eye(n)
    c, s = np.cos(t), np.sin(t)
    R[i, i] = R[j, j] = c
    R[i, j], R[j, i] = -s, s
    return R


def givens_zeroing(a: float, b: float) -> tuple[float, float, float]:
    """``(c, s, r)`` with ``[[c, s], [−s, c]] @ [a, b] = [r, 0]`` and ``r = √(a² + b²) ≥ 0``.

    The rotation that zeroes ``b``: the building block of Givens QR. Computed with ``hypot`` so
    that it neither overflows nor underflows.

    >>> c, s, r = givens_zeroing(3.0, 4.0)
    >>> round(c, 12), round(s, 12), round(r, 12)
    (0.6, 0.8, 5.0)
    """
    a, b = _angle(a, "a"), _angle(b, "b")
    scale = max(abs(a), abs(b))
    if scale == 0:
        return 1.0, 0.0, 0.0
    # divide by the larger entry first: exact for subnormals, and no overflow
    a_scaled, b_scaled = a / scale, b / scale
    r_scaled = float(np.hypot(a_scaled, b_scaled))
    return a_scaled / r_scaled, b_scaled / r_scaled, scale * r_scaled
