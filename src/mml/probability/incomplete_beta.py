r"""The regularised incomplete beta function :math:`I_x(a, b)`, from scratch and vectorised.

The cdf behind Beta, Binomial and Student's t. Lentz's continued fraction below the mean
(with :math:`I_x(a, b) = 1 - I_{1-x}(b, a)` above it), times the prefactor
:math:`x^a(1-x)^b/(aB(a, b))` written around the mean so it stays accurate for large a and
b. For a large first parameter, b < 40 and x near 1, where the fraction's terms cancel,
DiDonato and Morris's series in incomplete gamma functions (BGRAT, after stepping b down
into (0, 1]) is used instead.
Both x and y = 1 - x are carried, since y may hold digits that x has lost.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mml.errors import DomainError
from mml.probability.gamma_function import betaln, gammaln, stirling_correction
from mml.probability.incomplete_gamma import (
    _EPS,
    _TINY,
    _finish,
    _iterate,
    _log1pmx_with,
    _log_gamma_prefix,
    gammaincc,
)
from mml.probability.series import LOG_SQRT_2PI

__all__ = ["betainc"]

_BGRAT_TERMS = 30


def _log_beta_prefix(
    a: NDArray[np.float64], b: NDArray[np.float64], x: NDArray[np.float64], y: NDArray[np.float64]
) -> NDArray[np.float64]:
    """log(x^a y^b / B(a, b)) with y = 1 - x, without cancellation for large a and b."""
    out = np.empty_like(a)
    large = (a >= 13.0) & (b >= 13.0)
    al, bl, xl, yl = a[large], b[large], x[large], y[large]
    # x = x0 (1 + u), y = y0 (1 + v) around the mean x0 = a/(a+b); a u + b v = 0 exactly.
    shift = xl * bl - yl * al
    out[large] = (
        -al * _log1pmx_with(shift / al, xl * ((al + bl) / al))
        - bl * _log1pmx_with(-shift / bl, yl * ((al + bl) / bl))
        + 0.5 * np.log(al * bl / (al + bl))
        - LOG_SQRT_2PI
        - stirling_correction(al)
        - stirling_correction(bl)
        + stirling_correction(al + bl)
    )
    small = ~large
    xs, ys = x[small], y[small]
    # log x from log1p(-y) when x is near 1: y carries the digits there
    with np.errstate(divide="ignore"):
        log_x = np.where(xs > 0.5, np.log1p(-np.minimum(ys, 0.5)), np.log(xs))
        log_y = np.where(ys > 0.5, np.log1p(-np.minimum(xs, 0.5)), np.log(ys))
    out[small] = a[small] * log_x + b[small] * log_y - betaln(a[small], b[small])
    return out


def _beta_fraction(
    a: NDArray[np.float64], b: NDArray[np.float64], x: NDArray[np.float64]
) -> NDArray[np.float64]:
    """The continued fraction of I_x(a, b) (converges fast for x < (a+1)/(a+b+2))."""
    d = (a * (1.0 - x) + 1.0 - b * x) / (a + 1.0)  # 1 - (a+b) x/(a+1), no cancellation
    d = np.where(np.abs(d) < _TINY, _TINY, d)
    d = 1.0 / d

    def update(s: dict[str, NDArray[np.float64]], coefficient: NDArray[np.float64]) -> None:
        d = 1.0 + coefficient * s["d"]
        d[np.abs(d) < _TINY] = _TINY
        c = 1.0 + coefficient / s["c"]
        c[np.abs(c) < _TINY] = _TINY
        s["d"] = 1.0 / d
        s["c"] = c

    def step(s: dict[str, NDArray[np.float64]], m: int) -> NDArray[np.bool_]:
        a, b, x = s["a"], s["b"], s["x"]
        even = m * (b - m) * x / ((a + 2 * m - 1.0) * (a + 2 * m))
        update(s, even)
        s["h"] *= s["d"] * s["c"]
        odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1.0))
        update(s, odd)
        delta = s["d"] * s["c"]
        s["h"] *= delta
        return np.abs(delta - 1.0) <= _EPS

    state = {"a": a, "b": b, "x": x, "c": np.ones_like(a), "d": d, "h": d.copy()}
    return _iterate(state, step, "h", "incomplete beta continued fraction")


def _beta_large_a_small_b(
    a: NDArray[np.float64], b: NDArray[np.float64], x: NDArray[np.float64], y: NDArray[np.float64]
) -> NDArray[np.float64]:
    """I_x(a, b) for a >= 15, b <= 1 and x near 1: DiDonato and Morris's BGRAT (1992, eq. 9).

    With t = a + (b-1)/2 and u = -t log x, I_x(a, b) = Q(b, u) Gamma(a+b)/(Gamma(a) t^b)
    plus a series of terms p_n J_n, where J_n follows from J_{n-1} by a two-term recurrence.
    """
    t = a + 0.5 * (b - 1.0)
    log_x = np.where(y < 0.35, np.log1p(-np.minimum(y, 0.35)), np.log(x))
    u = -t * log_x
    log_ratio = gammaln(b) - betaln(a, b) - b * np.log(t)  # log Gamma(a+b) / (Gamma(a) t^b)
    with np.errstate(under="ignore"):
        prefix = np.exp(_log_gamma_prefix(b, u) + log_ratio)
        j = np.asarray(gammaincc(b, u)) * np.exp(log_ratio)
    total = j.copy()
    p = [np.ones_like(a)]
    log_x_half_squared = (0.5 * log_x) ** 2
    power = np.ones_like(a)
    t4 = 4.0 * t * t
    b2n = b.copy()
    for n in range(1, _BGRAT_TERMS):
        pn = np.zeros_like(a)
        for m in range(1, n):
            pn += (m * b - n) * p[n - m] / math.factorial(2 * m + 1)
        pn = pn / n + (b - 1.0) / math.factorial(2 * n + 1)
        p.append(pn)
        j = (b2n * (b2n + 1.0) * j + (u + b2n + 1.0) * power * prefix) / t4
        power = power * log_x_half_squared
        b2n = b2n + 2.0
        total += pn * j
    return total


def _beta_large_a_moderate_b(
    a: NDArray[np.float64], b: NDArray[np.float64], x: NDArray[np.float64], y: NDArray[np.float64]
) -> NDArray[np.float64]:
    """I_x(a, b) for a >= 15, b < 40, x near 1: step b down to b' in (0, 1], then BGRAT.

    I_x(a, b) = I_x(a, b') + sum_{i<n} x^a y^(b'+i) Gamma(a+b'+i) / (Gamma(a) Gamma(b'+i+1)),
    a sum of positive terms (n = ceil(b) - 1), each the previous one times y (a+b'+i)/(b'+i+1).
    """
    steps = np.ceil(b) - 1.0
    reduced = b - steps
    log_x = np.where(y < 0.35, np.log1p(-np.minimum(y, 0.35)), np.log(x))
    with np.errstate(under="ignore", divide="ignore"):
        term = np.exp(a * log_x + reduced * np.log(y) - betaln(a, reduced) - np.log(reduced))
    total = _beta_large_a_small_b(a, reduced, x, y)
    for i in range(int(steps.max(initial=0.0))):
        total += np.where(i < steps, term, 0.0)
        term = term * y * (a + reduced + i) / (reduced + i + 1.0)
    return total


def betainc(a: ArrayLike, b: ArrayLike, x: ArrayLike) -> NDArray[np.float64]:
    r"""Regularised incomplete beta function :math:`I_x(a, b)`.

    .. math:: I_x(a, b) = \frac{1}{B(a, b)}\int_0^x t^{a-1}(1-t)^{b-1}\,dt,

    the cdf of a Beta(a, b) variable. Lentz's continued fraction below the mean, and the
    symmetry :math:`I_x(a, b) = 1 - I_{1-x}(b, a)` above it. Same as ``scipy.special.betainc``.

    Parameters
    ----------
    a, b : array_like
        Positive shape parameters.
    x : array_like
        Arguments in [0, 1]; all three broadcast together.

    Returns
    -------
    ndarray or float
        Values in [0, 1]; NaN propagates.

    Raises
    ------
    DomainError
        If some a <= 0, b <= 0, or x outside [0, 1].

    Examples
    --------
    >>> round(float(betainc(2.0, 3.0, 0.4)), 12)  # 1 - (1-x)^4 - 4x(1-x)^3 for Beta(2, 3)
    0.5248
    """
    a, b, x = np.broadcast_arrays(
        np.asarray(a, dtype=np.float64),
        np.asarray(b, dtype=np.float64),
        np.asarray(x, dtype=np.float64),
    )
    shape = a.shape
    a, b, x = a.ravel(), b.ravel(), x.ravel()
    return _finish(_regularised_beta(a, b, x, 1.0 - x), shape)


def _regularised_beta(
    a: NDArray[np.float64], b: NDArray[np.float64], x: NDArray[np.float64], y: NDArray[np.float64]
) -> NDArray[np.float64]:
    """I_x(a, b) for 1-d arrays, with y = 1 - x given separately (it may be more accurate)."""
    if np.any(a <= 0):
        raise DomainError("betainc: the shape parameter a must be positive")
    if np.any(b <= 0):
        raise DomainError("betainc: the shape parameter b must be positive")
    if np.any((x < 0) | (x > 1)):
        raise DomainError("betainc: the argument x must lie in [0, 1]")
    out = np.full(a.shape, np.nan)
    # y = 1 - x may hold digits that x lost (x rounds to 1 while y is tiny)
    out[x == 0] = 0.0
    out[y == 0] = 1.0
    inner = (x > 0) & (y > 0) & np.isfinite(a) & np.isfinite(b)
    series = inner & (a >= 15.0) & (b < 40.0) & (y <= 0.3)
    out[series] = _beta_large_a_moderate_b(a[series], b[series], x[series], y[series])
    inner &= ~series
    # the mirror image, where the fraction would be taken for 1 - I_y(b, a) anyway
    mirror = inner & (b >= 15.0) & (a < 40.0) & (x <= 0.3) & (x > (a + 1.0) / (a + b + 2.0))
    out[mirror] = 1.0 - _beta_large_a_moderate_b(b[mirror], a[mirror], y[mirror], x[mirror])
    inner &= ~mirror
    a, b, x, y = a[inner], b[inner], x[inner], y[inner]
    swap = x > (a + 1.0) / (a + b + 2.0)
    a, b = np.where(swap, b, a), np.where(swap, a, b)
    x, y = np.where(swap, y, x), np.where(swap, x, y)
    with np.errstate(under="ignore"):
        values = np.exp(_log_beta_prefix(a, b, x, y)) / a * _beta_fraction(a, b, x)
    out[inner] = np.where(swap, 1.0 - values, values)
    return out
