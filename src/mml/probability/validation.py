"""Checks for distribution parameters and random states: one validator per kind of input.

Every distribution calls these in its constructor, so a bad parameter is refused at the
boundary with a :class:`~mml.errors.DomainError` that names the argument, never deep inside
a computation as a NaN.

Examples
--------
>>> as_parameter(0.3, "p", probability=True)
array(0.3)
>>> as_parameter(-1.0, "scale", positive=True)
Traceback (most recent call last):
...
mml.errors.DomainError: scale must be positive; got -1.0
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mml.errors import DomainError, ShapeError

__all__ = ["as_parameter", "as_probability_vector", "check_random_state", "as_values"]


def _describe(values: NDArray[np.float64], bad: NDArray[np.bool_]) -> str:
    first = values[bad].ravel()[0] if values.ndim else values
    return repr(float(first))


def as_parameter(
    value: ArrayLike,
    name: str,
    *,
    positive: bool = False,
    nonnegative: bool = False,
    probability: bool = False,
    integer: bool = False,
) -> NDArray[np.float64]:
    """Return a distribution parameter as a finite float array, or raise naming ``name``.

    Parameters
    ----------
    value : array_like
        The parameter (scalar or array; arrays broadcast like SciPy's parameters).
    name : str
        The argument name, used in the error message.
    positive, nonnegative, probability, integer : bool
        Require value > 0, value >= 0, 0 <= value <= 1, or a whole number.

    Returns
    -------
    ndarray of float64

    Raises
    ------
    DomainError
        If a value is NaN, infinite, or outside the required range.
    Examples
    --------
    >>> as_parameter([1, 2], "n", integer=True)
    array([1., 2.])
    """
    try:
        values = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise DomainError(
            f"{name} must be a real number or an array of them; got {value!r}"
        ) from error
    if not np.all(np.isfinite(values)):
        raise DomainError(f"{name} must be finite; got {_describe(values, ~np.isfinite(values))}")
    checks = [
        (positive, values <= 0, "must be positive"),
        (nonnegative, values < 0, "must be non-negative"),
        (probability, (values < 0) | (values > 1), "is a probability and must lie in [0, 1]"),
        (integer, values != np.round(values), "must be a whole number"),
    ]
    for wanted, bad, message in checks:
        if wanted and np.any(bad):
            raise DomainError(f"{name} {message}; got {_describe(values, bad)}")
    return values


def as_probability_vector(value: ArrayLike, name: str = "p") -> NDArray[np.float64]:
    """Return the probabilities of k categories, shape ``(..., k)``, checked to sum to 1.

    Raises
    ------
    ShapeError
        If ``value`` is a scalar or has no categories.
    DomainError
        If an entry is outside [0, 1] or a row does not sum to 1 (within 1e-10 per entry).
    Examples
    --------
    >>> as_probability_vector([0.25, 0.75]).tolist()
    [0.25, 0.75]
    """
    values = as_parameter(value, name, probability=True)
    if values.ndim == 0 or values.shape[-1] == 0:
        raise ShapeError(
            f"{name} must have shape (..., k) with k >= 1 categories; got {values.shape}"
        )
    total = values.sum(axis=-1)
    if np.any(np.abs(total - 1.0) > 1e-10 * values.shape[-1]):
        raise DomainError(f"{name} must sum to 1 over its last axis; the sums are {total}")
    return values


def as_values(x: ArrayLike, name: str = "x") -> NDArray[np.float64]:
    """Points at which to evaluate a density or cdf, as float64 (NaN propagates).

    Examples
    --------
    >>> as_values([1, 2]).dtype
    dtype('float64')
    """
    try:
        return np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise DomainError(f"{name} must be real numbers; got {x!r}") from error


def check_random_state(random_state: Any) -> np.random.Generator:
    """Turn ``None``, an integer seed, or a Generator into a ``numpy.random.Generator``.

    A ``numpy.random.RandomState`` is accepted too (its bit stream seeds a new Generator).

    Raises
    ------
    DomainError
        If ``random_state`` is none of these.

    Examples
    --------
    >>> int(check_random_state(0).integers(10)) == int(check_random_state(0).integers(10))
    True
    """
    if random_state is None or isinstance(random_state, (int, np.integer)):
        return np.random.default_rng(random_state)
    if isinstance(random_state, np.random.Generator):
        return random_state
    if isinstance(random_state, np.random.RandomState):
        return np.random.default_rng(random_state.randint(2**63 - 1, dtype=np.int64))
    raise DomainError(
        f"random_state must be None, an int or a numpy.random.Generator; got {random_state!r}"
    )
