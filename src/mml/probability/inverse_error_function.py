r"""Inverses of the error functions and of the normal cdf: erfinv, erfcinv, ndtri.

Each starts from Giles' single-precision approximation (or the asymptotic
:math:`\operatorname{erfc}(x) \approx e^{-x^2}/(x\sqrt\pi)` deep in the tail) and finishes
with Newton's method on :math:`\log\operatorname{erfc}`, which is concave, so the iteration
converges from any start and keeps relative accuracy for arguments down to 1e-300; Halley's
method on erf itself is used near 0. Same names and values as ``scipy.special``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mml.probability.error_function import _erf_central, _log_erfc_positive, erfcx
from mml.probability.series import SQRT_2, SQRT_PI, as_float_array, finish, polyval

__all__ = ["erfinv", "erfcinv", "ndtri"]

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
    >>> from mml.probability.error_function import erfc
    >>> round(float(erfcinv(erfc(3.0))), 12)
    3.0
    """
    y = as_float_array(y)
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
    return finish(out.reshape(y.shape))


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
    >>> from mml.probability.error_function import erf
    >>> round(float(erfinv(erf(0.3))), 15)
    0.3
    """
    v = as_float_array(v)
    flat = v.ravel()
    out = np.full(flat.shape, np.nan)
    av = np.abs(flat)
    central = av <= 0.5
    out[central] = _erfinv_central(flat[central])
    outer = (av > 0.5) & (av < 1.0)
    out[outer] = np.copysign(_erfcinv_small(1.0 - av[outer]), flat[outer])
    edge = av == 1.0
    out[edge] = np.copysign(np.inf, flat[edge])
    return finish(out.reshape(v.shape))


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
    p = as_float_array(p)
    flat = p.ravel()
    out = np.full(flat.shape, np.nan)
    lower = (flat >= 0) & (flat <= 0.5)
    out[lower] = -SQRT_2 * np.asarray(erfcinv(2.0 * flat[lower]))
    upper = (flat > 0.5) & (flat <= 1.0)
    out[upper] = SQRT_2 * np.asarray(erfcinv(2.0 * (1.0 - flat[upper])))
    return finish(out.reshape(p.shape))
