"""Reading a linear program and turning it into the standard form of the simplex method.

``min cᵀx`` subject to ``A_ub x ≤ b_ub``, ``A_eq x = b_eq``, ``l ≤ x ≤ u`` becomes
``min c_zᵀz`` subject to ``A z = b``, ``z ≥ 0``, ``b ≥ 0`` (MML book §7.3.1):

- each variable becomes non-negative: ``x = l + x'``, ``x = u − x'``, or ``x = x⁺ − x⁻`` when
  free, so that ``x = offset + M z[:k]``;
- a finite upper bound ``u`` of a variable with a finite lower bound becomes a row
  ``x' ≤ u − l``;
- every ``≤`` row gets a slack column ``s ≥ 0``;
- rows with ``b < 0`` are multiplied by −1.

The same code runs on floats and, with ``exact=True``, on :class:`fractions.Fraction`.

Examples
--------
>>> c = as_lp_array([1, 2], "c", 1, exact=True)
>>> A_ub, b_ub = lp_constraints([[1, 1]], [-1], ("A_ub", "b_ub"), 2, c.shape, exact=True)
>>> A_eq, b_eq = lp_constraints(None, None, ("A_eq", "b_eq"), 2, c.shape, exact=True)
>>> form = standard_form(c, A_ub, b_ub, A_eq, b_eq, lp_bounds(None, 2, True), exact=True)
>>> form.names, form.A.tolist(), form.b.tolist()
(['x1', 'x2', 's1'], [[Fraction(-1, 1), Fraction(-1, 1), Fraction(-1, 1)]], [Fraction(1, 1)])
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from mml.errors import DomainError, ShapeError

__all__ = [
    "StandardForm",
    "as_lp_array",
    "lp_bounds",
    "lp_constraints",
    "standard_form",
    "to_exact",
]


def to_exact(value: Any, name: str) -> Fraction:
    """``value`` as a Fraction; a float is read by its shortest decimal text (0.1 → 1/10)."""
    if isinstance(value, (Fraction, int, np.integer)):
        return Fraction(int(value)) if isinstance(value, np.integer) else Fraction(value)
    if isinstance(value, (float, np.floating)):
        if not np.isfinite(value):
            raise DomainError(f"{name} must be finite, got {value}")
        return Fraction(repr(float(value)))  # 0.1 means 1/10, as a student reads it
    if isinstance(value, str):
        try:
            return Fraction(value)
        except (ValueError, ZeroDivisionError):
            raise DomainError(f"{name} holds {value!r}, which is not a number") from None
    raise DomainError(f"{name} holds {value!r} of type {type(value).__name__}, not a number")


def as_lp_array(value: Any, name: str, ndim: int, exact: bool) -> np.ndarray:
    """``value`` as a finite float array, or an object array of Fractions, with ``ndim`` axes."""
    if exact:
        raw = np.array(value, dtype=object)
        array = np.empty(raw.shape, dtype=object)
        for index, entry in np.ndenumerate(raw):
            array[index] = to_exact(entry, name)
    else:
        try:
            array = np.array(value, dtype=float)
        except (TypeError, ValueError) as error:
            raise DomainError(f"{name} must hold real numbers: {error}") from None
        if not np.all(np.isfinite(array)):
            raise DomainError(f"{name} must be finite, got a NaN or infinite entry")
    if array.ndim != ndim:
        kind = "a vector" if ndim == 1 else "a matrix"
        raise ShapeError(f"{name} must be {kind}, got shape {array.shape}")
    return array


def lp_constraints(
    A: Any, b: Any, names: tuple[str, str], n: int, c_shape: tuple, exact: bool
) -> tuple[np.ndarray, np.ndarray]:
    """``(A, b)`` checked against ``n`` columns and each other; empty when both are None."""
    a_name, b_name = names
    if A is None and b is None:
        empty = np.empty((0, n), dtype=object if exact else float)
        return empty, np.empty(0, dtype=empty.dtype)
    if A is None or b is None:
        given, missing = (a_name, b_name) if b is None else (b_name, a_name)
        raise ShapeError(f"{given} is given without {missing}")
    A = as_lp_array(A, a_name, 2, exact)
    b = as_lp_array(np.atleast_1d(np.asarray(b, dtype=object)), b_name, 1, exact)
    if A.shape[1] != n:
        raise ShapeError(f"{a_name} has shape {A.shape} but c has shape {c_shape}")
    if b.shape != (A.shape[0],):
        raise ShapeError(f"{b_name} has shape {b.shape} but {a_name} has shape {A.shape}")
    return A, b


def lp_bounds(bounds: Any, n: int, exact: bool) -> list[tuple[Any, Any]]:
    """``(low, high)`` for each variable; None for an infinite end."""
    if bounds is None:
        pairs = [(0, None)] * n
    else:
        pairs = list(bounds)
        if len(pairs) == 2 and all(p is None or np.ndim(p) == 0 for p in pairs):
            pairs = [tuple(pairs)] * n
    if len(pairs) != n or any(np.ndim(p) != 1 or len(p) != 2 for p in pairs):
        raise ShapeError(f"bounds must be one (low, high) pair or {n} pairs, got {len(pairs)}")

    def end(value: Any, infinite: float) -> Any:
        if value is None:
            return None
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise DomainError(f"bounds hold {value!r}, which is not a number") from None
        if number == infinite:
            return None
        if not np.isfinite(number):
            side = "lower" if infinite < 0 else "upper"
            raise DomainError(f"a {side} bound must be finite, None or {infinite}, got {value!r}")
        return to_exact(value, "bounds") if exact else number

    result = [(end(low, -np.inf), end(high, np.inf)) for low, high in pairs]
    for i, (low, high) in enumerate(result):
        if low is not None and high is not None and low > high:
            raise DomainError(f"empty bounds for x{i + 1}: ({low}, {high})")
    return result


@dataclass
class StandardForm:
    """``min cᵀz, A z = b, z ≥ 0`` with ``x = offset + M z[:k]`` recovering the variables."""

    c: np.ndarray
    A: np.ndarray
    b: np.ndarray
    offset: np.ndarray
    M: np.ndarray
    names: list[str]
    slack_rows: list[int | None]  # for each row, the column of a +1 slack usable as basis
    negated: np.ndarray  # rows multiplied by −1 to make b ≥ 0
    bound_rows: int  # rows m_ub .. m_ub + bound_rows − 1 hold finite upper bounds


def standard_form(c, A_ub, b_ub, A_eq, b_eq, bounds, exact: bool) -> StandardForm:
    """The standard form of the LP (see the module docstring); ``bounds`` from ``lp_bounds``."""
    n = c.size
    zero, one = (Fraction(0), Fraction(1)) if exact else (0.0, 1.0)
    dtype = object if exact else float
    offset = np.full(n, zero, dtype=dtype)
    columns, names, upper_rows = [], [], []
    for i, (low, high) in enumerate(bounds):
        unit = np.full(n, zero, dtype=dtype)
        unit[i] = one
        if low is not None:
            offset[i] = low
            columns.append(unit)
            names.append(f"x{i + 1}" if low == 0 else f"x{i + 1}'")
            if high is not None:
                upper_rows.append((len(columns) - 1, high - low))
        elif high is not None:
            offset[i] = high
            columns.append(-unit)
            names.append(f"x{i + 1}'")
        else:
            columns += [unit, -unit]
            names += [f"x{i + 1}+", f"x{i + 1}-"]
    M = np.array(columns, dtype=dtype).T.reshape(n, len(columns))
    k = M.shape[1]
    bound_rows = np.full((len(upper_rows), k), zero, dtype=dtype)
    for row, (col, _) in enumerate(upper_rows):
        bound_rows[row, col] = one
    A_ub_z = np.vstack([A_ub @ M, bound_rows])
    b_ub_z = np.concatenate([b_ub - A_ub @ offset, [w for _, w in upper_rows]]).astype(dtype)
    A_eq_z, b_eq_z = A_eq @ M, b_eq - A_eq @ offset
    m_ub, m_eq = A_ub_z.shape[0], A_eq_z.shape[0]
    A = np.full((m_ub + m_eq, k + m_ub), zero, dtype=dtype)
    A[:m_ub, :k] = A_ub_z
    A[m_ub:, :k] = A_eq_z
    for row in range(m_ub):
        A[row, k + row] = one
    names += [f"s{row + 1}" for row in range(m_ub)]
    b = np.concatenate([b_ub_z, b_eq_z]).astype(dtype)
    slack_rows: list[int | None] = [k + row for row in range(m_ub)] + [None] * m_eq
    negative = b < 0
    A[negative] = -A[negative]
    b[negative] = -b[negative]
    for row in np.nonzero(negative)[0]:
        slack_rows[row] = None
    cost = np.concatenate([c @ M, np.full(m_ub, zero, dtype=dtype)]).astype(dtype)
    return StandardForm(cost, A, b, offset, M, names, slack_rows, negative, len(upper_rows))
