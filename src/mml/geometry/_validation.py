"""The one place where ``mml.geometry`` turns its input into float arrays and checks it."""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.errors import DomainError, ShapeError

__all__ = ["as_vectors", "as_basis", "as_square", "check_same_length"]


def _as_float(value: Any, name: str) -> np.ndarray:
    try:
        array = np.asarray(value)
    except (TypeError, ValueError) as error:
        raise ShapeError(f"{name} is not a rectangular array of numbers: {error}") from None
    if array.dtype.kind == "c":
        raise DomainError(f"{name} is complex; mml.geometry works over the reals")
    if array.dtype.kind not in "biuf":
        try:
            array = array.astype(np.float64)
        except (TypeError, ValueError):
            raise DomainError(f"{name} has entries that are not real numbers") from None
    array = array.astype(np.float64, copy=False)
    if not np.all(np.isfinite(array)):
        raise DomainError(f"{name} contains NaN or infinity")
    return array


def as_vectors(value: Any, name: str = "x") -> np.ndarray:
    """A float64 array of shape (..., n) with n ≥ 1: one vector, or a stack of them."""
    array = _as_float(value, name)
    if array.ndim == 0:
        raise ShapeError(f"{name} must be a vector (shape (n,) or (..., n)); got a scalar")
    if array.shape[-1] == 0:
        raise ShapeError(f"{name} has shape {array.shape}: vectors need at least one entry")
    return array


def as_basis(value: Any, n: int | None = None, name: str = "B") -> np.ndarray:
    """A float64 matrix of shape (n, k) whose columns span a subspace (a 1-D input is one column)."""
    array = _as_float(value, name)
    if array.ndim == 1:
        array = array[:, None]
    if array.ndim != 2:
        raise ShapeError(
            f"{name} must be an (n, k) matrix of column vectors; got shape {array.shape}"
        )
    if n is not None and array.shape[0] != n:
        raise ShapeError(f"{name} has shape {array.shape}: its columns must have length {n}")
    return array


def as_square(value: Any, n: int | None = None, name: str = "A") -> np.ndarray:
    """A float64 (n, n) matrix."""
    array = _as_float(value, name)
    if array.ndim != 2 or array.shape[0] != array.shape[1]:
        raise ShapeError(f"{name} must be a square matrix; got shape {array.shape}")
    if n is not None and array.shape[0] != n:
        raise ShapeError(
            f"{name} has shape {array.shape}; expected ({n}, {n}) for vectors of length {n}"
        )
    return array


def check_same_length(x: np.ndarray, y: np.ndarray, names: str = "x and y") -> None:
    if x.shape[-1] != y.shape[-1]:
        raise ShapeError(f"{names} have shapes {x.shape} and {y.shape}: the last axes differ")
