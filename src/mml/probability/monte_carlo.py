r"""Monte-Carlo helpers: the law of large numbers, the central limit theorem, estimates of
expectations and of KL divergences that have no closed form.

For i.i.d. :math:`X_i` with mean μ and standard deviation σ, the running mean
:math:`\bar X_n = \frac1n\sum_{i\le n} X_i` converges to μ (law of large numbers), with
standard error :math:`\sigma/\sqrt n`, and :math:`\sqrt n(\bar X_n - \mu)/\sigma` tends to
:math:`\mathcal N(0, 1)` (central limit theorem). These functions produce the numbers for
those two classic plots.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mml.errors import DomainError
from mml.probability.base import Distribution

__all__ = [
    "SampleMeanPath",
    "sample_mean_convergence",
    "standardised_sample_means",
    "monte_carlo_expectation",
    "MonteCarloEstimate",
    "kl_divergence_monte_carlo",
]

Array = NDArray[np.float64]


@dataclass(frozen=True)
class SampleMeanPath:
    """Running sample means of independent paths, with the quantities to plot around them.

    Attributes
    ----------
    n : ndarray, shape (n_samples,)
        Sample sizes 1, 2, ..., n_samples.
    running_means : ndarray, shape (n_paths, n_samples)
        The mean of the first n draws of each path.
    mean : float
        The true mean μ.
    standard_error : ndarray, shape (n_samples,)
        σ / sqrt(n), the spread of the running mean around μ.
    Examples
    --------
    >>> from mml.probability import Normal
    >>> path = sample_mean_convergence(Normal(), 100, n_paths=2, random_state=0)
    >>> path.running_means.shape, float(path.standard_error[-1])
    ((2, 100), 0.1)
    """

    n: Array
    running_means: Array
    mean: float
    standard_error: Array


def _positive_int(value: int, name: str) -> int:
    if int(value) != value or value < 1:
        raise DomainError(f"{name} must be a positive whole number; got {value!r}")
    return int(value)


def _scalar_distribution(distribution: Distribution) -> tuple[float, float]:
    mu, sigma = np.asarray(distribution.mean()), np.asarray(distribution.std())
    if mu.shape != () or not np.isfinite(mu) or not np.isfinite(sigma):
        raise DomainError(
            f"{distribution!r} needs a finite scalar mean and variance for the LLN/CLT demo"
        )
    return float(mu), float(sigma)


def sample_mean_convergence(
    distribution: Distribution, n_samples: int, n_paths: int = 1, random_state: Any = None
) -> SampleMeanPath:
    r"""Running means :math:`\bar X_1, \dots, \bar X_N` of i.i.d. draws: the law of large numbers.

    Parameters
    ----------
    distribution : Distribution
        A univariate distribution with finite mean and variance.
    n_samples : int
        Draws per path, N.
    n_paths : int
        Independent paths.
    random_state : None, int or numpy.random.Generator
        Seed or generator.

    Returns
    -------
    SampleMeanPath

    Raises
    ------
    DomainError
        If the mean or variance is not finite (e.g. Student's t with df <= 2), or a count is
        not a positive whole number.

    Examples
    --------
    >>> from mml.probability import Exponential
    >>> path = sample_mean_convergence(Exponential(2.0), 10_000, random_state=0)
    >>> bool(abs(path.running_means[0, -1] - path.mean) < 5 * path.standard_error[-1])
    True
    """
    n_samples = _positive_int(n_samples, "n_samples")
    n_paths = _positive_int(n_paths, "n_paths")
    mu, sigma = _scalar_distribution(distribution)
    draws = np.asarray(distribution.sample((n_paths, n_samples), random_state), dtype=np.float64)
    n = np.arange(1, n_samples + 1, dtype=np.float64)
    running = np.cumsum(draws, axis=1) / n
    return SampleMeanPath(n, running, mu, sigma / np.sqrt(n))


def standardised_sample_means(
    distribution: Distribution, sample_size: int, n_repeats: int, random_state: Any = None
) -> Array:
    r"""Z-scores :math:`\sqrt n(\bar X_n - \mu)/\sigma` of repeated samples: the central limit theorem.

    For large n their histogram approaches the standard normal density, whatever the shape
    of the distribution (as long as its variance is finite).

    Returns
    -------
    ndarray, shape (n_repeats,)

    Examples
    --------
    >>> from mml.probability import Bernoulli
    >>> z = standardised_sample_means(Bernoulli(0.3), 400, 2000, random_state=1)
    >>> bool(abs(z.mean()) < 0.1 and abs(z.std() - 1) < 0.1)
    True
    """
    sample_size = _positive_int(sample_size, "sample_size")
    n_repeats = _positive_int(n_repeats, "n_repeats")
    mu, sigma = _scalar_distribution(distribution)
    draws = np.asarray(
        distribution.sample((n_repeats, sample_size), random_state), dtype=np.float64
    )
    return np.sqrt(sample_size) * (draws.mean(axis=1) - mu) / sigma


@dataclass(frozen=True)
class MonteCarloEstimate:
    """A Monte-Carlo estimate with its standard error (the sample std over sqrt(n)).

    Examples
    --------
    >>> MonteCarloEstimate(1.0, 0.01).standard_error
    0.01
    """

    estimate: float
    standard_error: float


def monte_carlo_expectation(
    function: Callable[[Any], Any],
    distribution: Distribution,
    n_samples: int,
    random_state: Any = None,
) -> MonteCarloEstimate:
    r"""Estimate :math:`\mathbb E[f(X)] \approx \frac1n\sum_i f(x_i)` with :math:`x_i \sim p`.

    ``function`` receives all n draws at once (shape (n, ...)) and returns n values.

    Examples
    --------
    >>> from mml.probability import Normal
    >>> result = monte_carlo_expectation(lambda x: x**2, Normal(0.0, 1.0), 100_000, 0)
    >>> bool(abs(result.estimate - 1.0) < 5 * result.standard_error)
    True
    """
    n_samples = _positive_int(n_samples, "n_samples")
    if n_samples < 2:
        raise DomainError("n_samples must be at least 2 to estimate a standard error")
    draws = distribution.sample(n_samples, random_state)
    values = np.asarray(function(draws), dtype=np.float64).reshape(n_samples, -1)
    if values.shape[1] != 1:
        raise DomainError("function must return one number per draw")
    values = values[:, 0]
    return MonteCarloEstimate(float(values.mean()), float(values.std(ddof=1) / np.sqrt(n_samples)))


def kl_divergence_monte_carlo(
    p: Distribution, q: Distribution, n_samples: int = 100_000, random_state: Any = None
) -> MonteCarloEstimate:
    r"""Estimate :math:`\mathrm{KL}(p\|q) = \mathbb E_p[\log p(X) - \log q(X)]` by sampling from p.

    For pairs with no closed form (Student's t, mixtures of families). Both distributions need
    ``logpdf`` (or ``logpmf``).

    Examples
    --------
    >>> from mml.probability import Normal, StudentT
    >>> result = kl_divergence_monte_carlo(StudentT(5.0), Normal(0.0, 1.3), 50_000, 0)
    >>> bool(0 < result.estimate < 0.1)
    True
    """

    def log_density(distribution: Distribution) -> Callable[[Any], Any]:
        return getattr(distribution, "logpdf", None) or distribution.logpmf  # type: ignore[attr-defined]

    log_p, log_q = log_density(p), log_density(q)
    return monte_carlo_expectation(lambda x: log_p(x) - log_q(x), p, n_samples, random_state)
