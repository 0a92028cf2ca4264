r"""Continuous distributions with closed-form quantiles: Uniform, Normal, Exponential, Laplace.

Each follows ``scipy.stats`` (``uniform``, ``norm``, ``expon``, ``laplace``) with readable
parameter names; sampling is by the inverse transform :math:`X = F^{-1}(U)` (MML book §6.7)
except for the Normal, which scales standard normal draws.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mml.errors import DomainError
from mml.probability.base import ContinuousDistribution, scalar_or_array
from mml.probability.error_function import log_ndtr, ndtr
from mml.probability.inverse_error_function import ndtri
from mml.probability.series import LOG_SQRT_2PI
from mml.probability.validation import as_parameter

__all__ = ["Uniform", "Normal", "Exponential", "Laplace"]

Array = NDArray[np.float64]


class Uniform(ContinuousDistribution):
    """The uniform distribution on [low, high] (``scipy.stats.uniform(low, high - low)``).

    Parameters
    ----------
    low, high : float or array_like
        The ends of the interval, low < high.

    Raises
    ------
    DomainError
        If low >= high.

    Examples
    --------
    >>> u = Uniform(2.0, 6.0)
    >>> float(u.pdf(3.0)), float(u.cdf(3.0)), float(u.ppf(0.5)), round(float(u.var()), 4)
    (0.25, 0.25, 4.0, 1.3333)
    """

    _parameter_names = ("low", "high")

    def __init__(self, low: ArrayLike = 0.0, high: ArrayLike = 1.0) -> None:
        self.low = as_parameter(low, "low")
        self.high = as_parameter(high, "high")
        if np.any(self.high <= self.low):
            raise DomainError("high must be greater than low for a uniform distribution")

    @property
    def width(self) -> Array:
        return self.high - self.low

    def _logpdf(self, x: Array) -> Array:
        inside = (x >= self.low) & (x <= self.high)
        return np.where(inside, -np.log(self.width), -np.inf)

    def _cdf(self, x: Array) -> Array:
        return np.clip((x - self.low) / self.width, 0.0, 1.0)

    def _sf(self, x: Array) -> Array:
        return np.clip((self.high - x) / self.width, 0.0, 1.0)

    def _ppf(self, q: Array) -> Array:
        return self.low + q * self.width

    def mean(self) -> Any:
        return scalar_or_array(0.5 * (self.low + self.high))

    def var(self) -> Any:
        return scalar_or_array(self.width**2 / 12.0)

    def entropy(self) -> Any:
        return scalar_or_array(np.log(self.width))

    def _sample(self, shape: tuple[int, ...], rng: np.random.Generator) -> Array:
        return self.low + self.width * rng.random(shape)


class Normal(ContinuousDistribution):
    r"""The Gaussian :math:`\mathcal N(\mu, \sigma^2)` with loc = μ and scale = σ (MML book §6.5).

    .. math:: p(x) = \frac{1}{\sqrt{2\pi}\sigma} \exp\Big(-\frac{(x-\mu)^2}{2\sigma^2}\Big).

    ``cdf`` and ``ppf`` use :func:`~mml.probability.error_function.ndtr` and
    :func:`~mml.probability.inverse_error_function.ndtri`, accurate far into both tails
    (``scipy.stats.norm(loc, scale)``).

    Parameters
    ----------
    loc : float or array_like
        The mean μ.
    scale : float or array_like
        The standard deviation σ > 0.

    Raises
    ------
    DomainError
        If scale is not positive.

    Examples
    --------
    >>> n = Normal(1.0, 2.0)
    >>> float(n.cdf(1.0)), float(n.var()), round(float(n.ppf(0.975)), 6)
    (0.5, 4.0, 4.919928)
    """

    _parameter_names = ("loc", "scale")

    def __init__(self, loc: ArrayLike = 0.0, scale: ArrayLike = 1.0) -> None:
        self.loc = as_parameter(loc, "loc")
        self.scale = as_parameter(scale, "scale", positive=True)

    def _standardise(self, x: Array) -> Array:
        if self.loc.ndim == 0 and self.scale.ndim == 0 and self.loc == 0 and self.scale == 1:
            return x  # the standard normal: skip two passes over the data
        return (x - self.loc) / self.scale

    def _logpdf(self, x: Array) -> Array:
        z = self._standardise(x)
        return -0.5 * z * z - LOG_SQRT_2PI - np.log(self.scale)

    def _cdf(self, x: Array) -> Array:
        return np.asarray(ndtr(self._standardise(x)))

    def _sf(self, x: Array) -> Array:
        return np.asarray(ndtr(-self._standardise(x)))

    def logcdf(self, x: ArrayLike) -> Any:
        """log F(x), finite far into the left tail (``scipy.stats.norm.logcdf``)."""
        return scalar_or_array(log_ndtr(self._standardise(np.asarray(x, dtype=np.float64))))

    def _ppf(self, q: Array) -> Array:
        return self.loc + self.scale * ndtri(q)

    def mean(self) -> Any:
        return scalar_or_array(np.broadcast_arrays(self.loc, self.scale)[0].copy())

    def var(self) -> Any:
        return scalar_or_array(np.broadcast_arrays(self.scale**2, self.loc)[0].copy())

    def entropy(self) -> Any:
        return scalar_or_array(0.5 + LOG_SQRT_2PI + np.log(self.scale) + 0.0 * self.loc)

    def _sample(self, shape: tuple[int, ...], rng: np.random.Generator) -> Array:
        return self.loc + self.scale * rng.standard_normal(shape)


class Exponential(ContinuousDistribution):
    r"""Waiting times at a constant rate λ: :math:`p(x) = \lambda e^{-\lambda x}`, x >= 0.

    ``scipy.stats.expon(scale=1/rate)``.

    Parameters
    ----------
    rate : float or array_like
        λ > 0 (the mean is 1/λ).

    Raises
    ------
    DomainError
        If the rate is not positive.

    Examples
    --------
    >>> e = Exponential(2.0)
    >>> float(e.mean()), round(float(e.cdf(1.0)), 12) == round(1 - float(np.exp(-2.0)), 12)
    (0.5, True)
    """

    _parameter_names = ("rate",)

    def __init__(self, rate: ArrayLike = 1.0) -> None:
        self.rate = as_parameter(rate, "rate", positive=True)

    def _logpdf(self, x: Array) -> Array:
        return np.where(x >= 0, np.log(self.rate) - self.rate * x, -np.inf)

    def _cdf(self, x: Array) -> Array:
        return -np.expm1(-self.rate * np.maximum(x, 0.0))

    def _sf(self, x: Array) -> Array:
        return np.exp(-self.rate * np.maximum(x, 0.0))

    def _ppf(self, q: Array) -> Array:
        with np.errstate(divide="ignore"):
            return -np.log1p(-q) / self.rate

    def mean(self) -> Any:
        return scalar_or_array(1.0 / self.rate)

    def var(self) -> Any:
        return scalar_or_array(1.0 / self.rate**2)

    def entropy(self) -> Any:
        return scalar_or_array(1.0 - np.log(self.rate))

    def _sample(self, shape: tuple[int, ...], rng: np.random.Generator) -> Array:
        # inverse transform with 1 - U in (0, 1], so the logarithm is finite
        return -np.log1p(-rng.random(shape)) / self.rate


class Laplace(ContinuousDistribution):
    r"""The double exponential :math:`p(x) = \frac{1}{2b} e^{-|x-\mu|/b}` (``scipy.stats.laplace``).

    Parameters
    ----------
    loc : float or array_like
        The centre μ (mean, median and mode).
    scale : float or array_like
        b > 0; the variance is 2b².

    Raises
    ------
    DomainError
        If scale is not positive.

    Examples
    --------
    >>> lap = Laplace(0.0, 1.0)
    >>> float(lap.cdf(0.0)), float(lap.var()), round(float(lap.ppf(0.25)), 12)
    (0.5, 2.0, -0.69314718056)
    """

    _parameter_names = ("loc", "scale")

    def __init__(self, loc: ArrayLike = 0.0, scale: ArrayLike = 1.0) -> None:
        self.loc = as_parameter(loc, "loc")
        self.scale = as_parameter(scale, "scale", positive=True)

    def _logpdf(self, x: Array) -> Array:
        return -np.abs(x - self.loc) / self.scale - np.log(2.0 * self.scale)

    def _cdf(self, x: Array) -> Array:
        z = (x - self.loc) / self.scale
        return np.where(
            z < 0, 0.5 * np.exp(np.minimum(z, 0.0)), 1.0 - 0.5 * np.exp(-np.maximum(z, 0.0))
        )

    def _sf(self, x: Array) -> Array:
        z = (x - self.loc) / self.scale
        return np.where(
            z > 0, 0.5 * np.exp(-np.maximum(z, 0.0)), 1.0 - 0.5 * np.exp(np.minimum(z, 0.0))
        )

    def _ppf(self, q: Array) -> Array:
        with np.errstate(divide="ignore"):
            z = np.where(q <= 0.5, np.log(2.0 * q), -np.log(2.0 * (1.0 - q)))
        return self.loc + self.scale * z

    def mean(self) -> Any:
        return scalar_or_array(np.broadcast_arrays(self.loc, self.scale)[0].copy())

    def var(self) -> Any:
        return scalar_or_array(np.broadcast_arrays(2.0 * self.scale**2, self.loc)[0].copy())

    def entropy(self) -> Any:
        return scalar_or_array(1.0 + np.log(2.0 * self.scale) + 0.0 * self.loc)

    def _sample(self, shape: tuple[int, ...], rng: np.random.Generator) -> Array:
        # a Laplace variable is an Exponential(1/scale) one with a random sign
        magnitude = -np.log1p(-rng.random(shape))
        sign = np.where(rng.random(shape) < 0.5, -1.0, 1.0)
        return self.loc + self.scale * sign * magnitude
