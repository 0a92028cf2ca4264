"""Special functions from scratch: log-gamma, digamma and the error-function family.

Every function here is a NumPy ufunc-like function: it takes scalars or arrays, broadcasts, and
returns a float64 array (a 0-d input gives a NumPy float). The algorithms are the classical
piecewise rational approximations (Cody, Moshier's Cephes, the same families SciPy compiles)
evaluated with Horner's rule on whole sub-arrays, so no Python loop runs over elements.

The regularised incomplete gamma and beta functions live in :mod:`mml.probability.incomplete`.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "gammaln",
    "betaln",
    "digamma",
    "erf",
    "erfc",
    "erfcx",
    "erfinv",
    "erfcinv",
    "ndtr",
    "log_ndtr",
    "ndtri",
]

LOG_SQRT_2PI = 0.91893853320467274178  # log(sqrt(2 pi))
LOG_PI = 1.14472988584940017414
SQRT_PI = 1.7724538509055160273
SQRT_2 = 1.4142135623730950488

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
# and exp(-x^2) R(x)/S(x) beyond.
_ERF_T = (
    9.60497373987051638749e0,
    9.00260197203842689217e1,
    2.23200534594684319226e3,
    7.00332514112805075473e3,
    5.55923013010394962768e4,
)
_ERF_U = (
    1.0,
    3.35617141647503099647e1,
    5.21357949780152679795e2,
    4.59432382970980127987e3,
    2.26290000613890934246e4,
    4.92673942608635921086e4,
)
_ERFC_P = (
    2.46196981473530512524e-10,
    5.64189564831068821977e-1,
    7.46321056442269912687e0,
    4.86371970985681366614e1,
    1.96520832956077098242e2,
    5.26445194995477358631e2,
    9.34528527171957607540e2,
    1.02755188689515710272e3,
    5.57535335369399327526e2,
)
_ERFC_Q = (
    1.0,
    1.32281951154744992508e1,
    8.67072140885989742329e1,
    3.54937778887819891062e2,
    9.75708501743205489753e2,
    1.82390916687909736289e3,
    2.24633760818710981792e3,
    1.65666309194161350182e3,
    5.57535340817727675546e2,
)
_ERFC_R = (
    5.64189583547755073984e-1,
    1.27536670759978104416e0,
    5.01905042251180477414e0,
    6.16021097993053585195e0,
    7.40974269950448939160e0,
    2.97886665372100240670e0,
)
_ERFC_S = (
    1.0,
    2.26052863220117276590e0,
    9.39603524938001434673e0,
    1.20489539808096656605e1,
    1.70814450747565897222e1,
    9.60896809063285878198e0,
    3.36907645100081516050e0,
)
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
# Giles (2010) single-precision erfinv, a starting point for Newton's method.
_GILES_CENTRAL = (
    2.81022636e-08,
    3.43273939e-07,
    -3.5233877e-06,
    -4.39150654e-06,
    0.00021858087,
    -0.00125372503,
    -0.00417768164,
    0.246640727,
    1.50140941,
)
_GILES_TAIL = (
    -0.000200214257,
    0.000100950558,
    0.00134934322,
    -0.00367342844,
    0.00573950773,
    -0.0076224613,
    0.00943887047,
    1.00167406,
    2.83297682,
)


def _as_float_array(x: ArrayLike) -> NDArray[np.float64]:
    return np.asarray(x, dtype=np.float64)


def _finish(out: NDArray[np.float64]) -> NDArray[np.float64]:
    """Return a NumPy scalar for 0-d results, as ufuncs do."""
    return out[()] if out.ndim == 0 else out


def polyval(x: NDArray[np.float64], coefficients: tuple[float, ...]) -> NDArray[np.float64]:
    """Horner's rule, highest power first, in place on one work array."""
    if coefficients[0] == 1.0:
        result = x + coefficients[1]
    else:
        result = x * coefficients[0]
        result += coefficients[1]
    for c in coefficients[2:]:
        result *= x
        result += c
    return result


def _hurwitz_zeta(s: int, a: float, terms: int = 20) -> float:
    """zeta(s, a) = sum_k (a + k)^-s by Euler-Maclaurin summation (used for constants only)."""
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


def _digamma_taylor_coefficients(root: float, order: int = 36) -> tuple[float, ...]:
    """psi(root + t) = sum_n (-1)^(n+1) zeta(n+1, root) t^n; highest power first for Horner."""
    coefficients = [(-1) ** (n + 1) * _hurwitz_zeta(n + 1, root) for n in range(1, order + 1)]
    return tuple(reversed(coefficients))


_DIGAMMA_TAYLOR = tuple(_digamma_taylor_coefficients(hi + lo) for hi, lo in _DIGAMMA_ROOTS)
EULER_GAMMA = 0.57721566490153286061
# lgamma(1 + t) = -gamma t + sum_{k>=2} (-1)^k zeta(k) t^k / k, highest power first, without t.
_LGAMMA_NEAR_ONE = tuple(
    reversed([-EULER_GAMMA] + [(-1) ** k * _hurwitz_zeta(k, 1.0) / k for k in range(2, 34)])
)


def _stirling_correction(x: NDArray[np.float64]) -> NDArray[np.float64]:
    """lgamma(x) - [(x - 1/2) log x - x + log sqrt(2 pi)] for x >= 13 (Stirling's series)."""
    with np.errstate(over="ignore"):
        p = 1.0 / (x * x)
    return polyval(p, _STIRLING) / x


def _gammaln_large(x: NDArray[np.float64]) -> NDArray[np.float64]:
    with np.errstate(over="ignore", invalid="ignore"):
        result = (x - 0.5) * np.log(x) - x + LOG_SQRT_2PI
    result += _stirling_correction(x)
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
    values[near_one] = polyval(t, _LGAMMA_NEAR_ONE) * t
    near_two = np.abs(u - 2.0) < 0.2
    t = u[near_two] - 2.0
    values[near_two] = polyval(t, _LGAMMA_NEAR_ONE) * t + np.log1p(t)
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
    x = _as_float_array(x)
    flat = x.ravel()
    positive = flat > 0
    if positive.all() and np.isfinite(flat).all():
        return _finish(_gammaln_positive(flat).reshape(x.shape))
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
    return _finish(out.reshape(x.shape))


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
    a, b = np.broadcast_arrays(_as_float_array(a), _as_float_array(b))
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
        + _stirling_correction(tb)
        - _stirling_correction(sb + tb)
    )
    result[big] = gammaln(sb) + ratio
    rest = ~big
    result[rest] = gammaln(s[rest]) + gammaln(t[rest]) - gammaln(s[rest] + t[rest])
    out[valid] = result
    return _finish(out.reshape(a.shape))


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
    x = _as_float_array(x)
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
    return _finish(out.reshape(x.shape))


def _erfcx_large(x: NDArray[np.float64]) -> NDArray[np.float64]:
    """exp(x^2) erfc(x) for x >= 1 (the rational part of Cephes' erfc)."""
    mid = x < 8.0
    if mid.all():
        return polyval(x, _ERFC_P) / polyval(x, _ERFC_Q)
    out = np.empty_like(x)
    xm = x[mid]
    out[mid] = polyval(xm, _ERFC_P) / polyval(xm, _ERFC_Q)
    xl = np.minimum(x[~mid], 1e8)  # the ratio overflows beyond; it is 1/(x sqrt(pi)) there
    values = polyval(xl, _ERFC_R) / polyval(xl, _ERFC_S)
    out[~mid] = values * (xl / x[~mid])
    return out


_ROUNDING_SHIFT = 6755399441055744.0  # 1.5 * 2**52: adding and subtracting it rounds to integer


def _exp_minus_square(x: NDArray[np.float64]) -> NDArray[np.float64]:
    """exp(-x^2) with x^2 split as m^2 + (2m + f) f, m a multiple of 1/128 (Cephes expx2).

    m^2 is exact, so the rounding error of x^2 (up to 1e-13 relative near x = 26) never
    reaches the exponent.
    """
    m = np.minimum(x, 1e5) * 128.0
    m += _ROUNDING_SHIFT
    m -= _ROUNDING_SHIFT
    m *= 1.0 / 128.0
    f = x - m
    result = np.exp(-m * m)
    result *= np.exp(-(2.0 * m + f) * f)
    return result


def _erf_central(x: NDArray[np.float64]) -> NDArray[np.float64]:
    z = x * x
    return x * polyval(z, _ERF_T) / polyval(z, _ERF_U)


def _erfc_positive(x: NDArray[np.float64]) -> NDArray[np.float64]:
    """erfc(x) for x >= 1."""
    return _exp_minus_square(x) * _erfcx_large(x)


def erf(x: ArrayLike) -> NDArray[np.float64]:
    r"""The error function.

    .. math:: \operatorname{erf}(x) = \frac{2}{\sqrt\pi}\int_0^x e^{-t^2}\,dt.

    A rational function of :math:`x^2` for |x| < 1 and :math:`1 - \operatorname{erfc}(|x|)`
    beyond (Cephes coefficients). Same as ``scipy.special.erf``.

    Parameters
    ----------
    x : array_like
        Real arguments.

    Returns
    -------
    ndarray or float
        Values in [-1, 1]; NaN propagates.

    Examples
    --------
    >>> round(float(erf(1.0)), 15)
    0.842700792949715
    """
    x = _as_float_array(x)
    flat = x.ravel()
    ax = np.abs(flat)
    # 1 - erfc(|x|) on the whole array (clipped to |x| >= 1), then overwrite |x| < 1.
    # Plain exp(-x^2) suffices: its rounding error is below 1e-16 absolute here.
    w = np.maximum(ax, 1.0)
    with np.errstate(over="ignore"):
        tail = np.exp(-w * w)
    tail *= _erfcx_large(w)
    out = np.subtract(1.0, tail, out=tail)
    np.copysign(out, flat, out=out)
    central = ax < 1.0
    out[central] = _erf_central(flat[central])
    return _finish(out.reshape(x.shape))


def erfc(x: ArrayLike) -> NDArray[np.float64]:
    r"""The complementary error function :math:`\operatorname{erfc}(x) = 1 - \operatorname{erf}(x)`.

    Computed without cancellation for large x: :math:`e^{-x^2} R(x)` with a rational R,
    so the relative error stays small deep in the right tail (down to the underflow near
    x = 26.5). Same as ``scipy.special.erfc``.

    Parameters
    ----------
    x : array_like
        Real arguments.

    Returns
    -------
    ndarray or float
        Values in [0, 2]; NaN propagates.

    Examples
    --------
    >>> float(erfc(10.0))
    2.088487583762...e-45
    """
    x = _as_float_array(x)
    flat = x.ravel()
    ax = np.abs(flat)
    central = ax < 1.0
    out = np.empty_like(flat)
    out[central] = 1.0 - _erf_central(flat[central])
    outer = ~central
    values = _erfc_positive(ax[outer])
    out[outer] = np.where(flat[outer] < 0, 2.0 - values, values)
    return _finish(out.reshape(x.shape))


def erfcx(x: ArrayLike) -> NDArray[np.float64]:
    r"""The scaled complementary error function :math:`e^{x^2}\operatorname{erfc}(x)`.

    Useful for :math:`\log\operatorname{erfc}(x) = \log\operatorname{erfcx}(x) - x^2` when
    erfc itself underflows. Same as ``scipy.special.erfcx`` for x >= 0 (for negative x it
    is computed as ``exp(x**2) * erfc(x)`` and overflows past x = -26.6).

    Parameters
    ----------
    x : array_like
        Real arguments.

    Returns
    -------
    ndarray or float
        Positive values; NaN propagates.

    Examples
    --------
    >>> round(float(erfcx(100.0) * 100.0 * np.sqrt(np.pi)), 6)
    0.99995
    """
    x = _as_float_array(x)
    flat = x.ravel()
    out = np.empty_like(flat)
    large = flat >= 1.0
    out[large] = _erfcx_large(flat[large])
    rest = ~large
    xr = flat[rest]
    with np.errstate(over="ignore"):
        out[rest] = np.exp(xr * xr) * np.asarray(erfc(xr))
    return _finish(out.reshape(x.shape))


def _log_erfc_positive(x: NDArray[np.float64]) -> NDArray[np.float64]:
    """log erfc(x) for x >= 0 without underflow."""
    out = np.empty_like(x)
    large = x >= 1.0
    xl = x[large]
    out[large] = np.log(_erfcx_large(xl)) - xl * xl
    out[~large] = np.log(1.0 - _erf_central(x[~large]))
    return out


def _erfcinv_small(y: NDArray[np.float64]) -> NDArray[np.float64]:
    """The x >= 0 with erfc(x) = y, for 0 < y <= 1/2: Newton's method on log erfc.

    log erfc is concave and decreasing, so Newton's method converges from any start; the
    start is Giles' single-precision formula, or the asymptotic erfc(x) ~ exp(-x^2)/(x sqrt pi)
    deep in the tail.
    """
    w = -np.log(y * (2.0 - y))
    x = np.empty_like(y)
    central = w < 5.0
    x[central] = polyval(w[central] - 2.5, _GILES_CENTRAL)
    tail = ~central
    x[tail] = polyval(np.sqrt(w[tail]) - 3.0, _GILES_TAIL)
    x *= 1.0 - y  # Giles' formula gives erfinv(v) / v, here v = 1 - y
    deep = w > 25.0
    x0 = np.sqrt(w[deep])
    x[deep] = np.sqrt(w[deep] - np.log(x0 * SQRT_PI))
    log_y = np.log(y)
    for _ in range(4):
        g = _log_erfc_positive(x) - log_y
        # d/dx log erfc(x) = -2 / (sqrt(pi) erfcx(x))
        x = x + g * (0.5 * SQRT_PI) * np.asarray(erfcx(x))
    return x


def _erfinv_central(v: NDArray[np.float64]) -> NDArray[np.float64]:
    """erfinv(v) for |v| <= 1/2 by Halley's method on erf (cubic convergence)."""
    w = -np.log((1.0 - v) * (1.0 + v))
    x = v * polyval(w - 2.5, _GILES_CENTRAL)
    for _ in range(2):
        f = _erf_central(x) - v
        u = f / ((2.0 / SQRT_PI) * np.exp(-x * x))
        x = x - u / (1.0 + x * u)
    return x


def erfcinv(y: ArrayLike) -> NDArray[np.float64]:
    r"""Inverse of the complementary error function: :math:`\operatorname{erfc}(x) = y`.

    For y near 1 this is :math:`\operatorname{erfinv}(1-y)` (1 - y is exact there); for small
    y Newton's method on :math:`\log\operatorname{erfc}`, accurate down to the smallest
    subnormal y; :math:`\operatorname{erfcinv}(2-y) = -\operatorname{erfcinv}(y)` for y > 1.
    Same as ``scipy.special.erfcinv``.

    Parameters
    ----------
    y : array_like
        Values in [0, 2].

    Returns
    -------
    ndarray or float
        ``inf`` at 0, ``-inf`` at 2, NaN outside [0, 2].

    Examples
    --------
    >>> round(float(erfcinv(erfc(3.0))), 12)
    3.0
    """
    y = _as_float_array(y)
    flat = y.ravel()
    out = np.full(flat.shape, np.nan)
    centre = (flat >= 0.5) & (flat <= 1.5)
    out[centre] = _erfinv_central(1.0 - flat[centre])
    low = (flat > 0) & (flat < 0.5)
    out[low] = _erfcinv_small(flat[low])
    high = (flat > 1.5) & (flat < 2.0)
    out[high] = -_erfcinv_small(2.0 - flat[high])
    out[flat == 0] = np.inf
    out[flat == 2] = -np.inf
    return _finish(out.reshape(y.shape))


def erfinv(v: ArrayLike) -> NDArray[np.float64]:
    r"""Inverse of the error function: :math:`\operatorname{erf}(x) = v` for v in [-1, 1].

    Halley's method on erf for |v| <= 1/2; beyond, :math:`\pm\operatorname{erfcinv}(1-|v|)`.
    Same as ``scipy.special.erfinv``.

    Parameters
    ----------
    v : array_like
        Values in [-1, 1].

    Returns
    -------
    ndarray or float
        ``+-inf`` at +-1, NaN outside [-1, 1].

    Examples
    --------
    >>> round(float(erfinv(erf(0.3))), 15)
    0.3
    """
    v = _as_float_array(v)
    flat = v.ravel()
    out = np.full(flat.shape, np.nan)
    av = np.abs(flat)
    central = av <= 0.5
    out[central] = _erfinv_central(flat[central])
    outer = (av > 0.5) & (av < 1.0)
    out[outer] = np.copysign(_erfcinv_small(1.0 - av[outer]), flat[outer])
    edge = av == 1.0
    out[edge] = np.copysign(np.inf, flat[edge])
    return _finish(out.reshape(v.shape))


def ndtr(x: ArrayLike) -> NDArray[np.float64]:
    r"""The standard normal cumulative distribution function.

    .. math:: \Phi(x) = \tfrac12\operatorname{erfc}(-x/\sqrt2).

    Relative accuracy holds in the left tail down to underflow near x = -38.
    Same as ``scipy.special.ndtr``.

    Parameters
    ----------
    x : array_like
        Real arguments.

    Returns
    -------
    ndarray or float
        Values in [0, 1].

    Examples
    --------
    >>> float(ndtr(0.0))
    0.5
    """
    x = _as_float_array(x)
    flat = x.ravel()
    z = flat * (1.0 / SQRT_2)
    az = np.abs(z)
    # The tail erfc(|z|)/2 on the whole array (clipped to |z| >= 1), then overwrite |z| < 1:
    # Phi = (1 + erf(z))/2 near 0 and (1 - erf(|z|))/2 a little further out.
    w = np.maximum(az, 1.0)
    tail = _erfc_positive(w)
    tail *= 0.5
    central = az < 1.0 / SQRT_2
    tail[central] = 0.5 - 0.5 * _erf_central(az[central])
    middle = (az >= 1.0 / SQRT_2) & (az < 1.0)
    tail[middle] = 0.5 * (1.0 - _erf_central(az[middle]))
    out = np.where(flat > 0, 1.0 - tail, tail)
    return _finish(out.reshape(x.shape))


def log_ndtr(x: ArrayLike) -> NDArray[np.float64]:
    r"""Logarithm of the standard normal cdf, :math:`\log\Phi(x)`, finite far into the left tail.

    Uses :math:`\log\Phi(x) = \log\operatorname{erfcx}(-x/\sqrt2) - x^2/2 - \log 2` for x < -1
    and ``log1p(-Phi(-x))`` for x > 1, as ``scipy.special.log_ndtr``.

    Parameters
    ----------
    x : array_like
        Real arguments.

    Returns
    -------
    ndarray or float
        Values <= 0.

    Examples
    --------
    >>> round(float(log_ndtr(-40.0)), 6)
    -804.608442
    """
    x = _as_float_array(x)
    flat = x.ravel()
    out = np.empty_like(flat)
    left = (flat < -1.0) & np.isfinite(flat)
    z = -flat[left] / SQRT_2
    out[left] = np.log(_erfcx_large(z)) - z * z - math.log(2.0)
    out[np.isneginf(flat)] = -np.inf
    right = flat > 1.0
    out[right] = np.log1p(-np.asarray(ndtr(-flat[right])))
    middle = ~(left | right) & ~np.isneginf(flat)
    out[middle] = np.log(np.asarray(ndtr(flat[middle])))
    return _finish(out.reshape(x.shape))


def ndtri(p: ArrayLike) -> NDArray[np.float64]:
    r"""Inverse of the standard normal cdf: :math:`\Phi(x) = p`.

    .. math:: \Phi^{-1}(p) = -\sqrt2\,\operatorname{erfcinv}(2p),

    with 2p exact, so the relative error stays small for p down to the smallest subnormal.
    For p > 1/2 the symmetric form with 1 - p (exact there) is used.
    Same as ``scipy.special.ndtri``.

    Parameters
    ----------
    p : array_like
        Probabilities in [0, 1].

    Returns
    -------
    ndarray or float
        ``-inf`` at 0, ``inf`` at 1, NaN outside [0, 1].

    Examples
    --------
    >>> round(float(ndtri(0.975)), 12)
    1.95996398454
    """
    p = _as_float_array(p)
    flat = p.ravel()
    out = np.full(flat.shape, np.nan)
    lower = (flat >= 0) & (flat <= 0.5)
    out[lower] = -SQRT_2 * np.asarray(erfcinv(2.0 * flat[lower]))
    upper = (flat > 0.5) & (flat <= 1.0)
    out[upper] = SQRT_2 * np.asarray(erfcinv(2.0 * (1.0 - flat[upper])))
    return _finish(out.reshape(p.shape))
