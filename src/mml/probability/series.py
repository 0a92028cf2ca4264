"""Shared numerics of the special functions: constants, Horner's rule and the Hurwitz zeta.

Polynomials and rational functions are evaluated by Horner's rule in place on one work
array, which keeps each step a single vectorised multiply-add over the whole sub-array.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["polyval", "hurwitz_zeta", "LOG_SQRT_2PI", "LOG_PI", "SQRT_PI", "SQRT_2", "EULER_GAMMA"]

LOG_SQRT_2PI = 0.91893853320467274178  # log(sqrt(2 pi))
LOG_PI = 1.14472988584940017414
SQRT_PI = 1.7724538509055160273
SQRT_2 = 1.4142135623730950488
EULER_GAMMA = 0.57721566490153286061


def as_float_array(x: ArrayLike) -> NDArray[np.float64]:
    return np.asarray(x, dtype=np.float64)


def finish(out: NDArray[np.float64]) -> NDArray[np.float64]:
    """Return a NumPy scalar for 0-d results, as ufuncs do."""
    return out[()] if out.ndim == 0 else out


def polyval(x: NDArray[np.float64], coefficients: tuple[float, ...]) -> NDArray[np.float64]:
    """Horner's rule, highest power first, in place on one work array.

    Examples
    --------
    >>> polyval(np.array([2.0, 3.0]), (1.0, 0.0, -1.0))  # x^2 - 1
    array([3., 8.])
    """
    if coefficients[0] == 1.0:
        result = x + coefficients[1]
    else:
        result = x * coefficients[0]
        result += coefficients[1]
    for c in coefficients[2:]:
        result *= x
        result += c
    return result


def hurwitz_zeta(s: int, a: float, terms: int = 20) -> float:
    """zeta(s, a) = sum_k (a + k)^-s by Euler-Maclaurin summation (used for constants only).

    Examples
    --------
    >>> round(hurwitz_zeta(2, 1.0), 12) == round(np.pi**2 / 6, 12)  # zeta(2) = pi^2/6
    True
    """
    bernoulli = (1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6)
    total = sum((a + k) ** -s for k in range(terms))
    n = a + terms
    total += n ** (1 - s) / (s - 1) + 0.5 * n**-s
    rising = float(s)  # s (s+1) ... (s+2j-2)
    factorial = 2.0  # (2j)!
    for j, b2j in enumerate(bernoulli, start=1):
        total += b2j / factorial * rising * n ** (-s - 2 * j + 1)
        rising *= (s + 2 * j - 1) * (s + 2 * j)
        factorial *= (2 * j + 1) * (2 * j + 2)
    return total
