r"""Distributions on the integers: Bernoulli, Binomial, Poisson and Geometric (MML book §6.2).

The probability masses use Loader's saddle-point form,

.. math:: \log\binom{n}{k}p^k q^{n-k} = \delta(n) - \delta(k) - \delta(n-k)
          - D(k, np) - D(n-k, nq) + \tfrac12\log\frac{n}{2\pi k(n-k)},

with :math:`\delta` the Stirling remainder of :math:`\log k!` and
:math:`D(x, m) = x\log(x/m) + m - x` computed without cancellation; so the masses keep their
relative accuracy for n and λ in the millions. The cdfs are regularised incomplete beta and
gamma functions, which hold their accuracy in both tails.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mml.errors import DomainError
from mml.probability.base import DiscreteDistribution, scalar_or_array
from mml.probability.gamma_function import gammaln, stirling_correction
from mml.probability.incomplete_beta import _regularised_beta
from mml.probability.incomplete_gamma import gammainc, gammaincc, log1pmx
from mml.probability.inverse_error_function import ndtri
from mml.probability.inversion import invert_discrete
from mml.probability.series import LOG_SQRT_2PI
from mml.probability.validation import as_parameter

__all__ = ["Bernoulli", "Binomial", "Poisson", "Geometric"]

Array = NDArray[np.float64]


def stirling_remainder(k: Array) -> Array:
    """delta(k) = log k! - [(k + 1/2) log k - k + log sqrt(2 pi)] for k >= 1."""
    k = np.asarray(k, dtype=np.float64)
    large = k >= 13
    out = np.empty_like(k)
    out[large] = stirling_correction(k[large])
    ks = k[~large]
    with np.errstate(divide="ignore", invalid="ignore"):
        out[~large] = gammaln(ks + 1.0) - (ks + 0.5) * np.log(ks) + ks - LOG_SQRT_2PI
    return out


def deviance_term(x: Array, m: Array) -> Array:
    """D(x, m) = x log(x/m) + m - x >= 0, with m (1 + u) log(1 + u) - m u near x = m."""
    x, m = np.broadcast_arrays(np.asarray(x, dtype=np.float64), np.asarray(m, dtype=np.float64))
    with np.errstate(divide="ignore", invalid="ignore"):
        u = (x - m) / m
        direct = x * np.log(x / m) + m - x
        # (1 + u) log(1 + u) - u = u^2 - (1 + u) (u - log(1 + u))
        near = m * (u * u - (1.0 + u) * log1pmx(np.where(np.abs(u) < 0.3, u, 0.0)))
    out = np.where(np.abs(u) < 0.3, near, direct)
    return np.where(x == 0, m, out)


def _parameters(*arrays: Array) -> tuple[Array, ...]:
    return tuple(np.broadcast_arrays(*arrays))


class Bernoulli(DiscreteDistribution):
    """A single trial: X = 1 with probability p, else 0 (``scipy.stats.bernoulli``).

    Parameters
    ----------
    p : float or array_like
        Success probability in [0, 1].

    Raises
    ------
    DomainError
        If p is outside [0, 1].

    Examples
    --------
    >>> coin = Bernoulli(0.3)
    >>> float(coin.pmf(1)), float(coin.mean()), round(float(coin.var()), 2)
    (0.3, 0.3, 0.21)
    """

    _parameter_names = ("p",)

    def __init__(self, p: ArrayLike) -> None:
        self.p = as_parameter(p, "p", probability=True)

    def _logpmf(self, k: Array) -> Array:
        p = self.p
        with np.errstate(divide="ignore"):
            values = np.where(k == 1, np.log(p), np.where(k == 0, np.log1p(-p), -np.inf))
        return values

    def _cdf(self, k: Array) -> Array:
        return np.where(k < 0, 0.0, np.where(k < 1, 1.0 - self.p, 1.0))

    def _sf(self, k: Array) -> Array:
        return np.where(k < 0, 1.0, np.where(k < 1, self.p, 0.0))

    def _ppf(self, q: Array) -> Array:
        return np.where(q <= 1.0 - self.p, 0.0, 1.0)

    def mean(self) -> Any:
        return scalar_or_array(self.p)

    def var(self) -> Any:
        return scalar_or_array(self.p * (1.0 - self.p))

    def entropy(self) -> Any:
        p = self.p
        with np.errstate(divide="ignore", invalid="ignore"):
            h = -np.where(p > 0, p * np.log(p), 0.0) - np.where(p < 1, (1 - p) * np.log1p(-p), 0.0)
        return scalar_or_array(h)

    def _sample(self, shape: tuple[int, ...], rng: np.random.Generator) -> NDArray[Any]:
        return (rng.random(shape) < self.p).astype(np.int64)


class Binomial(DiscreteDistribution):
    """The number of successes in n independent Bernoulli(p) trials (``scipy.stats.binom``).

    .. math:: P(X = k) = \\binom{n}{k} p^k (1-p)^{n-k}, \\quad k = 0, \\dots, n.

    Parameters
    ----------
    n : int or array_like
        Number of trials, a non-negative whole number.
    p : float or array_like
        Success probability in [0, 1].

    Raises
    ------
    DomainError
        If n is negative or fractional, or p is outside [0, 1].

    Examples
    --------
    >>> b = Binomial(10, 0.5)
    >>> round(float(b.pmf(5)), 10), float(b.cdf(10)), float(b.mean())
    (0.24609375, 1.0, 5.0)
    """

    _parameter_names = ("n", "p")

    def __init__(self, n: ArrayLike, p: ArrayLike) -> None:
        self.n = as_parameter(n, "n", nonnegative=True, integer=True)
        self.p = as_parameter(p, "p", probability=True)

    def _logpmf(self, k: Array) -> Array:
        k, n, p = _parameters(k, self.n, self.p)
        q = 1.0 - p
        inside = (k > 0) & (k < n)
        with np.errstate(divide="ignore", invalid="ignore"):
            bulk = (
                stirling_remainder(n)
                - stirling_remainder(k)
                - stirling_remainder(n - k)
                - deviance_term(k, n * p)
                - deviance_term(n - k, n * q)
                + 0.5 * np.log(n / (2.0 * np.pi * k * (n - k)))
            )
            first = np.where(n == 0, 0.0, n * np.log1p(-p))
            last = np.where(n == 0, 0.0, n * np.log(p))
        out = np.where(inside, bulk, -np.inf)
        out = np.where(k == 0, first, out)
        return np.where((k == n) & (k > 0), last, out)

    def _cdf(self, k: Array) -> Array:
        k, n, p = _parameters(k, self.n, self.p)
        return self._tail(k, n, p, lower=True)

    def _sf(self, k: Array) -> Array:
        k, n, p = _parameters(k, self.n, self.p)
        return self._tail(k, n, p, lower=False)

    @staticmethod
    def _tail(k: Array, n: Array, p: Array, lower: bool) -> Array:
        """P(X <= k) = I_{1-p}(n-k, k+1) and P(X > k) = I_p(k+1, n-k), for 0 <= k < n."""
        shape = k.shape
        k, n, p = k.ravel(), n.ravel(), p.ravel()
        out = np.where(k < 0, 0.0, 1.0) if lower else np.where(k < 0, 1.0, 0.0)
        inside = (k >= 0) & (k < n) & (p > 0) & (p < 1)
        a, b = n[inside] - k[inside], k[inside] + 1.0
        x, y = 1.0 - p[inside], p[inside]
        out[inside] = _regularised_beta(a, b, x, y) if lower else _regularised_beta(b, a, y, x)
        degenerate = (k >= 0) & (k < n) & ((p == 0) | (p == 1))
        mass_at_zero = p == 0  # all mass at 0 when p = 0, at n when p = 1
        value = np.where(mass_at_zero, 1.0, 0.0) if lower else np.where(mass_at_zero, 0.0, 1.0)
        out[degenerate] = value[degenerate]
        return out.reshape(shape)

    def _ppf(self, q: Array) -> Array:
        q, n, p = _parameters(q, self.n, self.p)
        shape = q.shape
        q, n, p = q.ravel(), n.ravel(), p.ravel()
        guess = n * p + ndtri(np.clip(q, 1e-300, 1 - 1e-16)) * np.sqrt(n * p * (1 - p))

        def cdf(k: Array, n: Array, p: Array) -> Array:
            return self._tail(k, n, p, lower=True)

        return invert_discrete(q, cdf, {"n": n, "p": p}, guess, 0.0, n).reshape(shape)

    def mean(self) -> Any:
        return scalar_or_array(self.n * self.p)

    def var(self) -> Any:
        return scalar_or_array(self.n * self.p * (1.0 - self.p))

    def entropy(self) -> Any:
        """-sum_k P(k) log P(k), summed over the whole support {0, ..., n}."""
        n, p = _parameters(self.n, self.p)
        values = [
            _entropy_of_masses(Binomial(ni, pi).logpmf(np.arange(ni + 1.0)))
            for ni, pi in zip(n.ravel(), p.ravel(), strict=True)
        ]
        return scalar_or_array(np.reshape(values, n.shape))

    def _sample(self, shape: tuple[int, ...], rng: np.random.Generator) -> NDArray[Any]:
        return rng.binomial(self.n.astype(np.int64), self.p, size=shape)


def _entropy_of_masses(log_masses: Array) -> float:
    masses = np.exp(log_masses)
    with np.errstate(invalid="ignore"):
        return float(-np.sum(np.where(masses > 0, masses * log_masses, 0.0)))


class Poisson(DiscreteDistribution):
    """Counts of events at a constant rate (``scipy.stats.poisson`` with ``mu = rate``).

    .. math:: P(X = k) = e^{-\\lambda} \\lambda^k / k!, \\quad k = 0, 1, 2, \\dots

    Parameters
    ----------
    rate : float or array_like
        The mean number of events λ > 0.

    Raises
    ------
    DomainError
        If the rate is not positive.

    Examples
    --------
    >>> poisson = Poisson(2.0)
    >>> round(float(poisson.pmf(0)), 12) == round(float(np.exp(-2.0)), 12)
    True
    """

    _parameter_names = ("rate",)

    def __init__(self, rate: ArrayLike) -> None:
        self.rate = as_parameter(rate, "rate", positive=True)

    def _logpmf(self, k: Array) -> Array:
        k, rate = _parameters(k, self.rate)
        with np.errstate(divide="ignore", invalid="ignore"):
            bulk = -stirling_remainder(k) - deviance_term(k, rate) - 0.5 * np.log(2 * np.pi * k)
        return np.where(k > 0, bulk, np.where(k == 0, -rate, -np.inf))

    def _cdf(self, k: Array) -> Array:
        k, rate = _parameters(k, self.rate)
        return np.where(k < 0, 0.0, gammaincc(np.maximum(k, 0.0) + 1.0, rate))

    def _sf(self, k: Array) -> Array:
        k, rate = _parameters(k, self.rate)
        return np.where(k < 0, 1.0, gammainc(np.maximum(k, 0.0) + 1.0, rate))

    def _ppf(self, q: Array) -> Array:
        q, rate = _parameters(q, self.rate)
        shape = q.shape
        q, rate = q.ravel(), rate.ravel()
        guess = np.maximum(rate + ndtri(np.clip(q, 1e-300, 1 - 1e-16)) * np.sqrt(rate), 0.0)

        def cdf(k: Array, rate: Array) -> Array:
            return gammaincc(k + 1.0, rate)

        return invert_discrete(q, cdf, {"rate": rate}, guess).reshape(shape)

    def mean(self) -> Any:
        return scalar_or_array(self.rate)

    def var(self) -> Any:
        return scalar_or_array(self.rate)

    def entropy(self) -> Any:
        """-sum_k P(k) log P(k) over k within 40 standard deviations of the mean."""
        values = []
        for rate in self.rate.ravel():
            spread = 40.0 * np.sqrt(rate) + 40.0
            k = np.arange(max(0.0, np.floor(rate - spread)), np.ceil(rate + spread) + 1.0)
            values.append(_entropy_of_masses(Poisson(rate).logpmf(k)))
        return scalar_or_array(np.reshape(values, self.rate.shape))

    def _sample(self, shape: tuple[int, ...], rng: np.random.Generator) -> NDArray[Any]:
        return rng.poisson(self.rate, size=shape)


class Geometric(DiscreteDistribution):
    """The trial of the first success, k = 1, 2, ... (``scipy.stats.geom``).

    .. math:: P(X = k) = (1-p)^{k-1} p, \\qquad F(k) = 1 - (1-p)^k.

    Parameters
    ----------
    p : float or array_like
        Success probability in (0, 1].

    Raises
    ------
    DomainError
        If p is outside (0, 1].

    Examples
    --------
    >>> g = Geometric(0.25)
    >>> float(g.mean()), round(float(g.cdf(2)), 12), int(g.ppf(0.25))
    (4.0, 0.4375, 1)
    """

    _parameter_names = ("p",)

    def __init__(self, p: ArrayLike) -> None:
        self.p = as_parameter(p, "p", probability=True)
        if np.any(self.p == 0):
            raise DomainError("p must lie in (0, 1] for a geometric distribution; got 0.0")

    def _logpmf(self, k: Array) -> Array:
        k, p = _parameters(k, self.p)
        with np.errstate(invalid="ignore"):
            values = np.where(k == 1, 0.0, (k - 1.0) * np.log1p(-p)) + np.log(p)
        return np.where(k >= 1, values, -np.inf)

    def _cdf(self, k: Array) -> Array:
        k, p = _parameters(k, self.p)
        with np.errstate(invalid="ignore"):
            values = -np.expm1(np.maximum(k, 1.0) * np.log1p(-p))
        return np.where(k >= 1, values, 0.0)

    def _sf(self, k: Array) -> Array:
        k, p = _parameters(k, self.p)
        with np.errstate(invalid="ignore"):
            values = np.exp(np.maximum(k, 1.0) * np.log1p(-p))
        return np.where(k >= 1, values, 1.0)

    def _ppf(self, q: Array) -> Array:
        q, p = _parameters(q, self.p)
        with np.errstate(divide="ignore", invalid="ignore"):
            k = np.ceil(np.log1p(-q) / np.log1p(-p))
        k = np.where(p == 1, 1.0, np.maximum(k, 1.0))
        # F(k - 1) >= q can happen by rounding in the division: step back once
        return np.where((k > 1) & (self._cdf(k - 1.0) >= q), k - 1.0, k)

    def mean(self) -> Any:
        return scalar_or_array(1.0 / self.p)

    def var(self) -> Any:
        return scalar_or_array((1.0 - self.p) / self.p**2)

    def entropy(self) -> Any:
        p = self.p
        with np.errstate(divide="ignore", invalid="ignore"):
            h = (-np.where(p < 1, (1 - p) * np.log1p(-p), 0.0) - p * np.log(p)) / p
        return scalar_or_array(h)

    def _sample(self, shape: tuple[int, ...], rng: np.random.Generator) -> NDArray[Any]:
        # inverse transform: F(k) >= u  <=>  k >= log(1 - u) / log(1 - p)
        u = rng.random(shape)
        with np.errstate(divide="ignore"):
            k = np.ceil(np.log1p(-u) / np.log1p(-self.p))
        return np.maximum(np.where(self.p == 1, 1.0, k), 1.0).astype(np.int64)
