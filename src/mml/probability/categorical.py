r"""Distributions over k categories: Categorical (one draw) and Multinomial (n draws).

The Categorical takes values 0, ..., k-1 (as ``torch.distributions.Categorical``); the
Multinomial counts how often each category came up in n independent draws
(``scipy.stats.multinomial``). Both are parametrised by a probability vector p that sums to 1
(MML book §6.2, and the Dirichlet-Categorical conjugacy of §6.6).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mml.errors import ShapeError
from mml.probability.base import DiscreteDistribution, Distribution, scalar_or_array
from mml.probability.gamma_function import gammaln
from mml.probability.validation import as_parameter, as_probability_vector, as_values

__all__ = ["Categorical", "Multinomial"]

Array = NDArray[np.float64]


def _probability_vector(p: ArrayLike) -> Array:
    values = as_probability_vector(p, "p")
    if values.ndim != 1:
        raise ShapeError(
            f"p must be one probability vector of shape (k,); got shape {values.shape}"
        )
    return values


def _x_log_y(x: Array, y: Array) -> Array:
    """x log y with 0 log y = 0 (also for y = 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x == 0, 0.0, x * np.log(y))


class Categorical(DiscreteDistribution):
    """One draw from k categories, P(X = i) = p[i] for i = 0, ..., k-1.

    Parameters
    ----------
    p : array_like, shape (k,)
        Category probabilities, non-negative and summing to 1.

    Raises
    ------
    DomainError
        If an entry of p is outside [0, 1] or p does not sum to 1.
    ShapeError
        If p is not a vector.

    Examples
    --------
    >>> die = Categorical([0.5, 0.25, 0.25])
    >>> float(die.pmf(1)), float(die.cdf(1)), float(die.mean()), int(die.ppf(0.6))
    (0.25, 0.75, 0.75, 1)
    """

    _parameter_names = ("p",)

    def __init__(self, p: ArrayLike) -> None:
        self.p = _probability_vector(p)

    @property
    def k(self) -> int:
        """The number of categories."""
        return self.p.shape[0]

    def _batch_shape(self) -> tuple[int, ...]:
        return ()

    def _logpmf(self, x: Array) -> Array:
        inside = (x >= 0) & (x < self.k) & (x == np.floor(x))
        index = np.where(inside, x, 0).astype(np.int64)
        with np.errstate(divide="ignore"):
            return np.where(inside, np.log(self.p[index]), -np.inf)

    def _cdf(self, x: Array) -> Array:
        cumulative = np.concatenate([[0.0], np.minimum(np.cumsum(self.p), 1.0)])
        index = np.clip(x + 1, 0, self.k).astype(np.int64)
        return cumulative[index]

    def _ppf(self, q: Array) -> Array:
        # the smallest i with F(i) >= q; F(k-1) is forced to 1 against rounding
        cumulative = np.cumsum(self.p)
        cumulative[-1] = 1.0
        first = np.flatnonzero(self.p > 0)[0]
        return np.maximum(np.searchsorted(cumulative, q, side="left"), np.where(q == 0, 0, first))

    def mean(self) -> Any:
        return scalar_or_array(np.sum(np.arange(self.k) * self.p))

    def var(self) -> Any:
        values = np.arange(self.k)
        return scalar_or_array(np.sum((values - self.mean()) ** 2 * self.p))

    def entropy(self) -> Any:
        return scalar_or_array(-np.sum(_x_log_y(self.p, self.p)))

    def _sample(self, shape: tuple[int, ...], rng: np.random.Generator) -> NDArray[Any]:
        # inverse transform: the first category whose cumulative probability exceeds U
        cumulative = np.cumsum(self.p)
        cumulative[-1] = np.inf
        return np.searchsorted(cumulative, rng.random(shape), side="right").astype(np.int64)


class Multinomial(Distribution):
    r"""Counts of k categories in n independent draws (``scipy.stats.multinomial(n, p)``).

    .. math:: P(X = x) = \frac{n!}{x_1! \cdots x_k!} p_1^{x_1} \cdots p_k^{x_k},
              \quad \sum_i x_i = n.

    Parameters
    ----------
    n : int
        Number of draws, a non-negative whole number.
    p : array_like, shape (k,)
        Category probabilities summing to 1.

    Raises
    ------
    DomainError
        If n is negative or fractional, or p is not a probability vector.

    Examples
    --------
    >>> m = Multinomial(4, [0.5, 0.25, 0.25])
    >>> round(float(m.pmf([2, 1, 1])), 12), m.mean().tolist()
    (0.1875, [2.0, 1.0, 1.0])
    """

    _parameter_names = ("n", "p")

    def __init__(self, n: ArrayLike, p: ArrayLike) -> None:
        n_value = as_parameter(n, "n", nonnegative=True, integer=True)
        if n_value.ndim != 0:
            raise ShapeError(f"n must be a single whole number; got shape {n_value.shape}")
        self.n = n_value
        self.p = _probability_vector(p)

    def _batch_shape(self) -> tuple[int, ...]:
        return ()

    def logpmf(self, x: ArrayLike) -> Any:
        """log P(X = x) for count vectors x of shape (..., k); -inf off the support."""
        x = as_values(x)
        if x.ndim == 0 or x.shape[-1] != self.p.shape[0]:
            raise ShapeError(f"x must have shape (..., {self.p.shape[0]}); got {x.shape}")
        n = float(self.n)
        on_support = (
            np.all(x >= 0, axis=-1) & np.all(x == np.floor(x), axis=-1) & (np.sum(x, axis=-1) == n)
        )
        safe = np.where(on_support[..., None], x, 0.0)
        values = gammaln(n + 1.0) - np.sum(gammaln(safe + 1.0), axis=-1)
        values = values + np.sum(_x_log_y(safe, self.p), axis=-1)
        return scalar_or_array(np.where(on_support, values, -np.inf))

    def pmf(self, x: ArrayLike) -> Any:
        """P(X = x) for count vectors x of shape (..., k)."""
        return scalar_or_array(np.exp(self.logpmf(x)))

    def mean(self) -> Any:
        return self.n * self.p

    def var(self) -> Any:
        """The variances of the k counts, n p_i (1 - p_i)."""
        return self.n * self.p * (1.0 - self.p)

    def cov(self) -> Array:
        """The covariance matrix n (diag(p) - p p^T)."""
        return self.n * (np.diag(self.p) - np.outer(self.p, self.p))

    def entropy(self) -> Any:
        """-E[log P(X)] = -log n! - n sum p log p + sum_i E[log X_i!], X_i ~ Binomial(n, p_i)."""
        from mml.probability.discrete import Binomial

        n = float(self.n)
        counts = np.arange(n + 1.0)
        expected_log_factorials = sum(
            float(np.sum(Binomial(n, p_i).pmf(counts) * gammaln(counts + 1.0))) for p_i in self.p
        )
        value = -gammaln(n + 1.0) - n * np.sum(_x_log_y(self.p, self.p)) + expected_log_factorials
        return scalar_or_array(value)

    def _sample(self, shape: tuple[int, ...], rng: np.random.Generator) -> NDArray[Any]:
        # conditional binomials: X_i ~ Binomial(n - X_1 - ... - X_{i-1}, p_i / (p_i + ... + p_k))
        remaining_count = np.full(shape, int(self.n), dtype=np.int64)
        remaining_mass = 1.0
        counts = np.zeros((*shape, self.p.shape[0]), dtype=np.int64)
        for i, p_i in enumerate(self.p[:-1]):
            share = min(1.0, p_i / remaining_mass) if remaining_mass > 0 else 0.0
            counts[..., i] = rng.binomial(remaining_count, share)
            remaining_count -= counts[..., i]
            remaining_mass -= p_i
        counts[..., -1] = remaining_count
        return counts
