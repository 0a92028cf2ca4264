r"""The gamma family: :math:`\log|\Gamma(x)|`, :math:`\log B(a, b)` and the digamma function.

Stirling's series for large arguments; below, the recurrence :math:`\Gamma(x+1) = x\Gamma(x)`
into [2, 3), where Cephes' rational approximation has an exact zero at 2; Taylor series
around the zeros of log-gamma (x = 1, 2) and of digamma (1.4616..., -0.5040...) keep the
relative error small exactly where the recurrences cancel. Reflection handles x < 0.
Same names and values as ``scipy.special``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mml.probability.series import (
    EULER_GAMMA,
    LOG_PI,
    LOG_SQRT_2PI,
    as_float_array,
    finish,
    hurwitz_zeta,
    polyval,
)

__all__ = ["gammaln", "betaln", "digamma", "stirling_correction", "LGAMMA_NEAR_ONE"]

# Cephes lgam: Stirling correction A, and lgamma on [2, 3) as x * B(x) / C(x).
_STIRLING = (
    8.11614167470508450300e-4,
    -5.95061904284301438324e-4,
    7.93650340457716943945e-4,
    -2.77777777730099687205e-3,
    8.33333333333331927722e-2,
)
_LGAM_B = (
    -1.37825152569120859100e3,
    -3.88016315134637840924e4,
    -3.31612992738871184744e5,
    -1.16237097492762307383e6,
    -1.72173700820839662146e6,
    -8.53555664245765465627e5,
)
_LGAM_C = (
    1.0,
    -3.51815701436523470549e2,
    -1.70642106651881159223e4,
    -2.20528590553854454839e5,
    -1.13933444367982507207e6,
    -2.53252307177582951285e6,
    -2.01889141433532773231e6,
)
# Cephes ndtr: erf on |x| < 1 as x T(x^2)/U(x^2); erfc(x) = exp(-x^2) P(x)/Q(x) on [1, 8)

# The zeros of digamma near which psi(x) is a Taylor series: (double part, remainder).
_DIGAMMA_ROOTS = (
    (1.4616321449683622, 9.549995429965697e-17),
    (-0.5040830082644554, -8.15428206243813e-18),
)
# B_{2k} / (2k) for the asymptotic series of digamma, k = 1..8.
_DIGAMMA_ASYMPTOTIC = (
    1.0 / 12,
    -1.0 / 120,
    1.0 / 252,
    -1.0 / 240,
    1.0 / 132,
    -691.0 / 32760,
    1.0 / 12,
    -3617.0 / 8160,
)


def _digamma_taylor_coefficients(root: float, order: int = 36) -> tuple[float, ...]:
    """psi(root + t) = sum_n (-1)^(n+1) zeta(n+1, root) t^n; highest power first for Horner."""
    coefficients = [(-1) ** (n + 1) * hurwitz_zeta(n + 1, root) for n in range(1, order + 1)]
    return tuple(reversed(coefficients))


_DIGAMMA_TAYLOR = tuple(_digamma_taylor_coefficients(hi + lo) for hi, lo in _DIGAMMA_ROOTS)
# lgamma(1 + t) = -gamma t + sum_{k>=2} (-1)^k zeta(k) t^k / k, highest power first, without t.
LGAMMA_NEAR_ONE = tuple(
    reversed([-EULER_GAMMA] + [(-1) ** k * hurwitz_zeta(k, 1.0) / k for k in range(2, 34)])
)


def stirling_correction(x: NDArray[np.float64]) -> NDArray[np.float64]:
    """lgamma(x) - [(x - 1/2) log x - x + log sqrt(2 pi)] for x >= 13 (Stirling's series).

    Examples
    --------
    >>> x = np.array([20.0])
    >>> exact = gammaln(20.0) - ((x - 0.5) * np.log(x) - x + LOG_SQRT_2PI)
    >>> bool(np.isclose(stirling_correction(x), exact, rtol=1e-13, atol=0)[0])
    True
    """
    reciprocal = 1.0 / x
    square = reciprocal * reciprocal
    result = polyval(square, _STIRLING)
    result *= reciprocal
    return result


def _gammaln_large(x: NDArray[np.float64]) -> NDArray[np.float64]:
    """(x - 1/2) log x - x + log sqrt(2 pi) + Stirling correction, with few temporaries."""
    with np.errstate(over="ignore", invalid="ignore"):
        result = np.log(x)
        result *= x - 0.5
        result -= x
    result += LOG_SQRT_2PI
    result += stirling_correction(x)
    return result


def _lgamma_on_2_3(p: NDArray[np.float64]) -> NDArray[np.float64]:
    """lgamma(2 + p) for p in [0, 1): p B(p)/C(p), exact zero at p = 0 (Cephes)."""
    return p * polyval(p, _LGAM_B) / polyval(p, _LGAM_C)


def _gammaln_positive(x: NDArray[np.float64]) -> NDArray[np.float64]:
    """log Gamma(x) for x > 0 (1-d)."""
    # Stirling everywhere (clipped to x >= 13), then overwrite the few small x: no big gathers.
    out = _gammaln_large(np.maximum(x, 13.0))
    small = x < 13.0
    if not small.any():
        return out
    u = x[small]
    # Recurrence Gamma(x) = (x - 1) Gamma(x - 1) down to [2, 3), or Gamma(x) = Gamma(x + 1)/x up.
    down = np.maximum(np.floor(u) - 2.0, 0.0)
    product = np.ones_like(u)
    for k in range(1, 11):
        product *= np.where(down >= k, u - k, 1.0)
    up_one = u < 2.0
    up_two = u < 1.0
    product /= np.where(up_one, u, 1.0)
    product /= np.where(up_two, u + 1.0, 1.0)
    p = u - down - 2.0 + up_one + up_two
    with np.errstate(divide="ignore"):
        values = np.log(product) + _lgamma_on_2_3(p)
    # Near the zeros x = 1 and x = 2 the recurrence cancels; use the Taylor series at 1.
    near_one = np.abs(u - 1.0) < 0.2
    t = u[near_one] - 1.0
    values[near_one] = polyval(t, LGAMMA_NEAR_ONE) * t
    near_two = np.abs(u - 2.0) < 0.2
    t = u[near_two] - 2.0
    values[near_two] = polyval(t, LGAMMA_NEAR_ONE) * t + np.log1p(t)
    out[small] = values
    return out


def _sinpi_abs(x: NDArray[np.float64]) -> NDArray[np.float64]:
    """|sin(pi x)| with exact argument reduction (x - round(x) is exact)."""
    return np.abs(np.sin(np.pi * (x - np.round(x))))


def gammaln(x: ArrayLike) -> NDArray[np.float64]:
    r"""Natural logarithm of the absolute value of the gamma function.

    .. math:: \log|\Gamma(x)|, \qquad \Gamma(x) = \int_0^\infty t^{x-1} e^{-t}\,dt.

    For x >= 13 Stirling's series; below that the recurrence
    :math:`\Gamma(x+1) = x\Gamma(x)` moves x into [2, 3), where a rational approximation
    with an exact zero at x = 2 keeps the relative error small near the zeros x = 1 and x = 2.
    Negative x use the reflection formula :math:`\Gamma(x)\Gamma(1-x) = \pi/\sin(\pi x)`.
    Same as ``scipy.special.gammaln``.

    Parameters
    ----------
    x : array_like
        Real arguments, any shape.

    Returns
    -------
    ndarray or float
        ``log|Gamma(x)|``; ``inf`` at the poles 0, -1, -2, ...; NaN propagates.

    Examples
    --------
    >>> float(gammaln(5.0)) == float(np.log(24.0))
    True
    >>> float(gammaln(0.5))  # log sqrt(pi)
    0.5723649429247...
    """
    x = as_float_array(x)
    flat = x.ravel()
    positive = flat > 0
    if positive.all() and np.isfinite(flat).all():
        return finish(_gammaln_positive(flat).reshape(x.shape))
    out = np.full(flat.shape, np.nan)
    out[positive] = _gammaln_positive(flat[positive])
    negative = flat <= 0
    if negative.any():
        xn = flat[negative]
        with np.errstate(divide="ignore", invalid="ignore"):
            reflected = LOG_PI - np.log(_sinpi_abs(xn)) - _gammaln_positive(1.0 - xn)
        reflected[xn == np.round(xn)] = np.inf  # poles
        reflected[np.isneginf(xn)] = np.inf
        out[negative] = reflected
    out[np.isposinf(flat)] = np.inf
    return finish(out.reshape(x.shape))


def betaln(a: ArrayLike, b: ArrayLike) -> NDArray[np.float64]:
    r"""Natural logarithm of the beta function, for a, b > 0.

    .. math:: \log B(a, b) = \log\Gamma(a) + \log\Gamma(b) - \log\Gamma(a + b).

    When an argument is large, the difference :math:`\log\Gamma(b) - \log\Gamma(a+b)` is
    computed from Stirling's series directly, so nothing large cancels.

    Parameters
    ----------
    a, b : array_like
        Positive parameters, broadcast together.

    Returns
    -------
    ndarray or float
        ``log B(a, b)`` (as ``scipy.special.betaln``); NaN where an argument is not positive.

    Examples
    --------
    >>> round(float(betaln(2.0, 3.0)), 12) == round(float(np.log(1 / 12)), 12)
    True
    """
    a, b = np.broadcast_arrays(as_float_array(a), as_float_array(b))
    small = np.minimum(a, b).ravel()
    large = np.maximum(a, b).ravel()
    out = np.full(small.shape, np.nan)
    valid = small > 0
    s, t = small[valid], large[valid]
    result = np.empty_like(s)
    big = t >= 13.0
    sb, tb = s[big], t[big]
    # log Gamma(t) - log Gamma(s + t) by Stirling: no cancellation of large logarithms.
    ratio = (
        -(sb + tb - 0.5) * np.log1p(sb / tb)
        - sb * np.log(tb)
        + sb
        + stirling_correction(tb)
        - stirling_correction(sb + tb)
    )
    result[big] = gammaln(sb) + ratio
    rest = ~big
    result[rest] = gammaln(s[rest]) + gammaln(t[rest]) - gammaln(s[rest] + t[rest])
    out[valid] = result
    return finish(out.reshape(a.shape))


def _digamma_positive(x: NDArray[np.float64]) -> NDArray[np.float64]:
    """psi(x) for x > 0 (1-d), away from the zero handled by a Taylor series."""
    shift = np.maximum(np.ceil(10.0 - x), 0.0)
    z = x + shift
    harmonic = np.zeros_like(x)
    for k in range(int(shift.max(initial=0.0))):
        harmonic += np.where(shift > k, 1.0 / (x + k), 0.0)
    w = (1.0 / z) ** 2
    series = polyval(w, tuple(reversed(_DIGAMMA_ASYMPTOTIC))) * w
    return np.log(z) - 0.5 / z - series - harmonic


def digamma(x: ArrayLike) -> NDArray[np.float64]:
    r"""The digamma function :math:`\psi(x) = \frac{d}{dx}\log\Gamma(x)`.

    Asymptotic series for x >= 10, the recurrence :math:`\psi(x) = \psi(x+1) - 1/x` below,
    a Taylor series around the zeros near 1.4616 and -0.5041 (so the relative error stays
    small there), and reflection :math:`\psi(1-x) - \psi(x) = \pi\cot(\pi x)` for x < 0.
    Same as ``scipy.special.digamma``.

    Parameters
    ----------
    x : array_like
        Real arguments.

    Returns
    -------
    ndarray or float
        ``psi(x)``; ``-inf`` at 0, NaN at the negative integers; NaN propagates.

    Examples
    --------
    >>> float(digamma(1.0))  # minus the Euler-Mascheroni constant
    -0.57721566490153...
    """
    x = as_float_array(x)
    flat = x.ravel()
    out = np.full(flat.shape, np.nan)
    near_root = np.zeros(flat.shape, dtype=bool)
    for (hi, lo), coefficients in zip(_DIGAMMA_ROOTS, _DIGAMMA_TAYLOR, strict=True):
        t = flat - hi
        close = np.abs(t) < (0.3 if hi > 0 else 0.15)
        tc = t[close] - lo
        out[close] = polyval(tc, coefficients) * tc
        near_root |= close
    positive = (flat > 0) & ~near_root
    out[positive] = _digamma_positive(flat[positive])
    negative = (flat < 0) & ~near_root & np.isfinite(flat)
    xn = flat[negative]
    frac = xn - np.round(xn)
    with np.errstate(divide="ignore", invalid="ignore"):
        cot = np.pi / np.tan(np.pi * frac)
    cot[np.abs(frac) == 0.5] = 0.0
    values = _digamma_positive(1.0 - xn) - cot
    values[frac == 0] = np.nan
    out[negative] = values
    out[flat == 0] = -np.inf
    out[np.isposinf(flat)] = np.inf
    return finish(out.reshape(x.shape))
