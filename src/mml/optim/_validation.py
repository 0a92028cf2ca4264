"""Input checks shared by every solver in ``mml.optim``: one validator per kind of input.

Examples
--------
>>> as_float_vector([1, 2], "x0")
array([1., 2.])
>>> as_float_matrix([[1, 2]], "A_ub").shape
(1, 2)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.errors import DomainError, ShapeError

__all__ = ["as_float_vector", "as_float_matrix", "positive_integer", "positive_number"]


def _as_float_array(value: Any, name: str) -> np.ndarray:
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as error:
        raise DomainError(f"{name} must hold real numbers: {error}") from None
    if not np.all(np.isfinite(array)):
        raise DomainError(f"{name} must be finite, got a NaN or infinite entry")
    return array


def as_float_vector(value: Any, name: str, size: int | None = None) -> np.ndarray:
    """``value`` as a finite float vector of shape (n,); a scalar becomes shape (1,).

    Raises ShapeError when it has more than one dimension or is not of length ``size``.
    """
    array = _as_float_array(value, name)
    if array.ndim == 0:
        array = array.reshape(1)
    if array.ndim != 1:
        raise ShapeError(f"{name} must be a vector, got shape {array.shape}")
    if size is not None and array.size != size:
        raise ShapeError(f"{name} has shape {array.shape}, expected ({size},)")
    return array.copy()


def as_float_matrix(value: Any, name: str, columns: int | None = None) -> np.ndarray:
    """``value`` as a finite float matrix of shape (m, n), with ``n == columns`` if given."""
    array = _as_float_array(value, name)
    if array.ndim != 2:
        raise ShapeError(f"{name} must be a matrix, got shape {array.shape}")
    if columns is not None and array.shape[1] != columns:
        raise ShapeError(f"{name} has shape {array.shape}, expected (m, {columns})")
    return array


def positive_integer(value: Any, name: str) -> int:
    """``value`` as an int ≥ 1, else DomainError."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise DomainError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


def positive_number(value: Any, name: str, allow_zero: bool = False) -> float:
    """``value`` as a finite float > 0 (or ≥ 0), else DomainError."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise DomainError(f"{name} must be a number, got {value!r}") from None
    if not np.isfinite(number) or number < 0 or (number == 0 and not allow_zero):
        bound = "≥ 0" if allow_zero else "> 0"
        raise DomainError(f"{name} must be finite and {bound}, got {value!r}")
    return number
