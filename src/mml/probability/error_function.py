r"""The error-function family: erf, erfc, erfcx, their inverses, and the normal cdf.

Cephes' rational approximations (erf on |x| < 1 as a function of :math:`x^2`; erfc beyond
as :math:`e^{-x^2}R(x)`), so the right tail keeps its relative accuracy down to underflow.
The inverses are in :mod:`mml.probability.inverse_error_function`. Same names as
``scipy.special``.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mml.probability.series import SQRT_2, as_float_array, finish, polyval

__all__ = ["erf", "erfc", "erfcx", "ndtr", "log_ndtr"]

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
    x = as_float_array(x)
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
    return finish(out.reshape(x.shape))


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
    x = as_float_array(x)
    flat = x.ravel()
    ax = np.abs(flat)
    central = ax < 1.0
    out = np.empty_like(flat)
    out[central] = 1.0 - _erf_central(flat[central])
    outer = ~central
    values = _erfc_positive(ax[outer])
    out[outer] = np.where(flat[outer] < 0, 2.0 - values, values)
    return finish(out.reshape(x.shape))


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
    x = as_float_array(x)
    flat = x.ravel()
    out = np.empty_like(flat)
    large = flat >= 1.0
    out[large] = _erfcx_large(flat[large])
    rest = ~large
    xr = flat[rest]
    with np.errstate(over="ignore"):
        out[rest] = np.exp(xr * xr) * np.asarray(erfc(xr))
    return finish(out.reshape(x.shape))


def _log_erfc_positive(x: NDArray[np.float64]) -> NDArray[np.float64]:
    """log erfc(x) for x >= 0 without underflow."""
    out = np.empty_like(x)
    large = x >= 1.0
    xl = x[large]
    out[large] = np.log(_erfcx_large(xl)) - xl * xl
    out[~large] = np.log(1.0 - _erf_central(x[~large]))
    return out


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
    x = as_float_array(x)
    flat = x.ravel()
    z = flat * (1.0 / SQRT_2)
    az = np.abs(z)
    # The tail erfc(|z|)/2 on the whole array (clipped to |z| >= 1), then overwrite |z| < 1:
    # Phi = (1 + erf(z))/2 near 0 and (1 - erf(|z|))/2 a little further out.
    # exp(-z^2) directly (as SciPy does): its rounding, below 1e-13 relative even at
    # z = 26, is far inside the 1e-12 budget, and it halves the cost of the tail.
    w = np.maximum(az, 1.0)
    with np.errstate(over="ignore"):
        tail = np.negative(w * w)
    np.exp(tail, out=tail)
    tail *= _erfcx_large(w)
    tail *= 0.5
    small = np.flatnonzero(az < 1.0)
    zs = az[small]
    # Phi(-|x|) = (1 - erf(|z|))/2 for |z| < 1, without cancellation
    tail[small] = 0.5 - 0.5 * _erf_central(zs)
    upper = flat > 0
    tail[upper] = 1.0 - tail[upper]
    return finish(tail.reshape(x.shape))


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
    x = as_float_array(x)
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
    return finish(out.reshape(x.shape))
