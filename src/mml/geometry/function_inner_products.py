"""Inner products of functions, ``⟨u, v⟩ = ∫ₐᵇ u(x) v(x) dx``, by Gauss–Legendre quadrature
(book §3.7).

The nodes of the m-point Gauss–Legendre rule are the roots of the Legendre polynomial Pₘ, found
here by Newton's method from the Chebyshev-like guesses ``cos(π(i − 1/4)/(m + 1/2))``; Pₘ and its
derivative come from the three-term recurrence ``(k+1)P_{k+1} = (2k+1)x P_k − k P_{k−1}``. The
weights are ``2 / ((1 − x²) Pₘ'(x)²)``. The rule integrates polynomials of degree ≤ 2m − 1
exactly; for other smooth functions the interval is split into ``intervals`` equal pieces.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from mml.errors import ConvergenceError, DomainError

__all__ = ["gauss_legendre", "integrate", "function_inner_product", "function_norm"]

Function = Callable[[np.ndarray], Any]


def _legendre(m: int, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``Pₘ(x)`` and ``Pₘ'(x)`` by the three-term recurrence."""
    previous, current = np.ones_like(x), x.copy()
    for k in range(1, m):
        previous, current = current, ((2 * k + 1) * x * current - k * previous) / (k + 1)
    derivative = m * (x * current - previous) / (x * x - 1.0)
    return current, derivative


def gauss_legendre(m: int) -> tuple[np.ndarray, np.ndarray]:
    """Nodes and weights of the m-point Gauss–Legendre rule on [−1, 1].

    Raises
    ------
    DomainError
        If ``m`` is not a positive integer.
    ConvergenceError
        If Newton's method does not converge (it does for every m tried, up to thousands).

    Examples
    --------
    >>> x, w = gauss_legendre(2)
    >>> np.allclose(x, [-1 / np.sqrt(3), 1 / np.sqrt(3)]), np.allclose(w, [1, 1])
    (True, True)
    """
    if isinstance(m, bool) or not isinstance(m, (int, np.integer)) or m < 1:
        raise DomainError(f"m = {m!r}: the number of quadrature points must be an integer ≥ 1")
    if m == 1:
        return np.array([0.0]), np.array([2.0])
    i = np.arange(1, m + 1)
    x = np.cos(np.pi * (i - 0.25) / (m + 0.5))
    for _ in range(100):
        value, derivative = _legendre(m, x)
        step = value / derivative
        x = x - step
        if np.max(np.abs(step)) < 1e-15:
            break
    else:  # pragma: no cover - Newton converges quadratically from these guesses
        raise ConvergenceError(f"Newton's method for the {m}-point Gauss–Legendre nodes stalled")
    _, derivative = _legendre(m, x)
    weights = 2.0 / ((1.0 - x * x) * derivative * derivative)
    order = np.argsort(x)
    return x[order], weights[order]


def _interval(a: Any, b: Any) -> tuple[float, float]:
    try:
        lo, hi = float(a), float(b)
    except (TypeError, ValueError):
        raise DomainError(f"the interval [{a!r}, {b!r}] must have real end points") from None
    if not (np.isfinite(lo) and np.isfinite(hi)):
        raise DomainError(f"the interval [{lo}, {hi}] must be finite")
    return lo, hi


def integrate(f: Function, a: float, b: float, points: int = 32, intervals: int = 8) -> float:
    """``∫ₐᵇ f(x) dx`` by composite Gauss–Legendre quadrature.

    Parameters
    ----------
    f : callable
        Takes a NumPy array of points and returns the values there (vectorised).
    a, b : float
        Finite end points (``b < a`` gives the negative integral).
    points : int
        Nodes per piece (exact for polynomials of degree ≤ 2·points − 1).
    intervals : int
        Number of equal pieces.

    Raises
    ------
    DomainError
        For an infinite interval, a bad count, or ``f`` returning NaN/inf or the wrong shape.

    Examples
    --------
    >>> round(integrate(np.sin, 0, np.pi), 12)
    2.0
    """
    lo, hi = _interval(a, b)
    if isinstance(intervals, bool) or not isinstance(intervals, (int, np.integer)) or intervals < 1:
        raise DomainError(f"intervals = {intervals!r}: expected an integer ≥ 1")
    nodes, weights = gauss_legendre(points)
    edges = np.linspace(lo, hi, intervals + 1)
    half = (edges[1:] - edges[:-1]) / 2  # (intervals,)
    middle = (edges[1:] + edges[:-1]) / 2
    x = middle[:, None] + half[:, None] * nodes[None, :]
    with np.errstate(all="ignore"):  # a NaN or inf from f is reported below, by name
        values = np.asarray(f(x), dtype=float)
    if values.shape != x.shape:
        values = np.broadcast_to(values, x.shape) if values.ndim == 0 else values
    if values.shape != x.shape:
        raise DomainError(
            f"f returned shape {values.shape} for points of shape {x.shape}; it must be vectorised"
        )
    if not np.all(np.isfinite(values)):
        raise DomainError("f returned NaN or infinity on the interval")
    return float(np.sum(half[:, None] * weights[None, :] * values))


def function_inner_product(
    u: Function,
    v: Function,
    a: float,
    b: float,
    points: int = 32,
    intervals: int = 8,
) -> float:
    """``⟨u, v⟩ = ∫ₐᵇ u(x) v(x) dx`` (book eq. 3.37), by Gauss–Legendre quadrature.

    Examples
    --------
    >>> abs(function_inner_product(np.sin, np.cos, -np.pi, np.pi)) < 1e-14   # orthogonal
    True
    >>> round(function_inner_product(lambda x: x, lambda x: x, 0, 1), 14)
    0.33333333333333
    """
    return integrate(
        lambda x: np.asarray(u(x), dtype=float) * np.asarray(v(x), dtype=float),
        a,
        b,
        points,
        intervals,
    )


def function_norm(u: Function, a: float, b: float, points: int = 32, intervals: int = 8) -> float:
    """``‖u‖ = √⟨u, u⟩`` on [a, b].

    >>> round(function_norm(np.sin, -np.pi, np.pi) ** 2, 12) == round(np.pi, 12)
    True
    """
    return float(np.sqrt(max(function_inner_product(u, u, a, b, points, intervals), 0.0)))
