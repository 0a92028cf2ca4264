r"""Distributions written in exponential-family form (MML book §6.6.3).

.. math:: p(x \mid \eta) = h(x)\,\exp\big(\eta^\top T(x) - A(\eta)\big)

with natural parameters η, sufficient statistics T(x), log-partition function A(η) and base
measure h(x). The log-partition function generates the moments of the sufficient
statistics, :math:`\nabla A(\eta) = \mathbb E[T(X)]`, which the tests check numerically.
Minimal (not over-complete) parametrisations are used throughout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mml.linalg import cholesky, solve_triangular
from mml.probability.base import Distribution
from mml.probability.categorical import Categorical
from mml.probability.continuous import Exponential, Normal
from mml.probability.discrete import Bernoulli, Binomial, Geometric, Poisson
from mml.probability.gamma_beta import Beta, Gamma
from mml.probability.gamma_function import betaln, gammaln
from mml.probability.multivariate import Dirichlet, MultivariateNormal
from mml.probability.series import LOG_SQRT_2PI

__all__ = ["ExponentialFamilyForm", "exponential_family"]

Array = NDArray[np.float64]


@dataclass(frozen=True)
class ExponentialFamilyForm:
    """One distribution as h(x) exp(η·T(x) - A(η)).

    Attributes
    ----------
    natural_parameters : ndarray, shape (m,)
        η.
    sufficient_statistics : callable
        T: points of shape (...) or (..., d) to statistics of shape (..., m).
    log_partition_function : callable
        A: natural parameters (m,) to a float; A(η) normalises the density.
    log_base_measure : callable
        log h: points to log-values of shape (...).
    Examples
    --------
    >>> from mml.probability import Poisson
    >>> form = exponential_family(Poisson(3.0))
    >>> round(form.log_partition, 12)  # A(eta) = exp(eta) = rate
    3.0
    """

    natural_parameters: Array
    sufficient_statistics: Callable[[Array], Array]
    log_partition_function: Callable[[Array], float]
    log_base_measure: Callable[[Array], Array]

    @property
    def log_partition(self) -> float:
        """A(η) at this distribution's natural parameters."""
        return float(self.log_partition_function(self.natural_parameters))

    def logpdf(self, x: ArrayLike) -> Any:
        """log h(x) + η·T(x) - A(η), equal to the distribution's own log-density (or mass)."""
        x = np.asarray(x, dtype=np.float64)
        statistics = self.sufficient_statistics(x)
        return self.log_base_measure(x) + statistics @ self.natural_parameters - self.log_partition


def _scalar(distribution: Distribution) -> None:
    for name, value in distribution.parameters().items():
        if np.ndim(value) != 0 and not isinstance(
            distribution, (Categorical, Dirichlet, MultivariateNormal)
        ):
            raise NotImplementedError(
                f"exponential_family needs scalar parameters; {name} has shape {np.shape(value)}"
            )


def _column(x: Array) -> Array:
    return x[..., None]


def _zero(x: Array) -> Array:
    return np.zeros(np.shape(x))


def _bernoulli(d: Bernoulli) -> ExponentialFamilyForm:
    p = float(d.p)
    return ExponentialFamilyForm(
        np.array([np.log(p) - np.log1p(-p)]),  # the log-odds
        _column,
        lambda eta: float(np.logaddexp(0.0, eta[0])),  # log(1 + e^eta)
        _zero,
    )


def _binomial(d: Binomial) -> ExponentialFamilyForm:
    n, p = float(d.n), float(d.p)
    return ExponentialFamilyForm(
        np.array([np.log(p) - np.log1p(-p)]),
        _column,
        lambda eta: float(n * np.logaddexp(0.0, eta[0])),
        lambda x: gammaln(n + 1.0) - gammaln(x + 1.0) - gammaln(n - x + 1.0),
    )


def _categorical(d: Categorical) -> ExponentialFamilyForm:
    # eta_i = log(p_i / p_k) for i < k, T(x) = one-hot of x without its last entry
    p = d.p
    k = p.shape[0]
    return ExponentialFamilyForm(
        np.log(p[:-1]) - np.log(p[-1]),
        lambda x: (np.asarray(x)[..., None] == np.arange(k - 1)).astype(np.float64),
        lambda eta: float(np.logaddexp.reduce(np.concatenate([[0.0], eta]))),
        _zero,
    )


def _poisson(d: Poisson) -> ExponentialFamilyForm:
    return ExponentialFamilyForm(
        np.array([np.log(float(d.rate))]),
        _column,
        lambda eta: float(np.exp(eta[0])),
        lambda x: -gammaln(x + 1.0),
    )


def _geometric(d: Geometric) -> ExponentialFamilyForm:
    # p (1-p)^(x-1) = exp(x log(1-p) - log((1-p)/p))
    p = float(d.p)
    return ExponentialFamilyForm(
        np.array([np.log1p(-p)]),
        _column,
        lambda eta: float(eta[0] - np.log(-np.expm1(eta[0]))),
        _zero,
    )


def _exponential(d: Exponential) -> ExponentialFamilyForm:
    return ExponentialFamilyForm(
        np.array([-float(d.rate)]), _column, lambda eta: float(-np.log(-eta[0])), _zero
    )


def _normal(d: Normal) -> ExponentialFamilyForm:
    mu, sigma2 = float(d.loc), float(d.scale) ** 2
    return ExponentialFamilyForm(
        np.array([mu / sigma2, -0.5 / sigma2]),
        lambda x: np.stack([x, x * x], axis=-1),
        # A = mu^2 / (2 sigma^2) + log sigma = -eta1^2 / (4 eta2) - log(-2 eta2) / 2
        lambda eta: float(-(eta[0] ** 2) / (4.0 * eta[1]) - 0.5 * np.log(-2.0 * eta[1])),
        lambda x: np.full(np.shape(x), -LOG_SQRT_2PI),
    )


def _gamma(d: Gamma) -> ExponentialFamilyForm:
    return ExponentialFamilyForm(
        np.array([float(d.shape) - 1.0, -float(d.rate)]),
        lambda x: np.stack([np.log(x), x], axis=-1),
        lambda eta: float(gammaln(eta[0] + 1.0) - (eta[0] + 1.0) * np.log(-eta[1])),
        _zero,
    )


def _beta(d: Beta) -> ExponentialFamilyForm:
    return ExponentialFamilyForm(
        np.array([float(d.a) - 1.0, float(d.b) - 1.0]),
        lambda x: np.stack([np.log(x), np.log1p(-x)], axis=-1),
        lambda eta: float(betaln(eta[0] + 1.0, eta[1] + 1.0)),
        _zero,
    )


def _dirichlet(d: Dirichlet) -> ExponentialFamilyForm:
    return ExponentialFamilyForm(
        d.alpha - 1.0,
        np.log,
        lambda eta: float(np.sum(gammaln(eta + 1.0)) - gammaln(np.sum(eta + 1.0))),
        lambda x: np.zeros(np.shape(x)[:-1]),
    )


def _multivariate_normal(d: MultivariateNormal) -> ExponentialFamilyForm:
    # eta = (Sigma^-1 mu, -vec(Sigma^-1)/2), T(x) = (x, vec(x x^T))
    dim = d.dim
    precision = d.whitening.T @ d.whitening

    def statistics(x: Array) -> Array:
        outer = x[..., :, None] * x[..., None, :]
        return np.concatenate([x, outer.reshape(*x.shape[:-1], dim * dim)], axis=-1)

    def log_partition(eta: Array) -> float:
        # A = (1/2) eta1^T P^-1 eta1 - (1/2) log det P with P = -2 sym(eta2), via P = L L^T
        linear, quadratic = eta[:dim], eta[dim:].reshape(dim, dim)
        factor = cholesky(-(quadratic + quadratic.T))
        whitened = solve_triangular(factor, linear, lower=True)
        return float(0.5 * whitened @ whitened - np.sum(np.log(np.diag(factor))))

    return ExponentialFamilyForm(
        np.concatenate([precision @ d.mean_vector, (-0.5 * precision).ravel()]),
        statistics,
        log_partition,
        lambda x: np.full(np.shape(x)[:-1], -dim * LOG_SQRT_2PI),
    )


_FORMS: dict[type, Callable[[Any], ExponentialFamilyForm]] = {
    Bernoulli: _bernoulli,
    Binomial: _binomial,
    Categorical: _categorical,
    Poisson: _poisson,
    Geometric: _geometric,
    Exponential: _exponential,
    Normal: _normal,
    Gamma: _gamma,
    Beta: _beta,
    Dirichlet: _dirichlet,
    MultivariateNormal: _multivariate_normal,
}


def exponential_family(distribution: Distribution) -> ExponentialFamilyForm:
    r"""Write a distribution as :math:`h(x)\exp(\eta^\top T(x) - A(\eta))` (MML book §6.6.3).

    Parameters
    ----------
    distribution : Distribution
        Bernoulli, Binomial (n fixed), Categorical, Poisson, Geometric, Exponential, Normal,
        Gamma, Beta, Dirichlet or MultivariateNormal, with scalar parameters.

    Returns
    -------
    ExponentialFamilyForm

    Raises
    ------
    NotImplementedError
        For a distribution that is not an exponential family here (Uniform, Laplace,
        Student's t, Multinomial) or has array parameters.

    Examples
    --------
    >>> form = exponential_family(Bernoulli(0.25))
    >>> round(float(form.natural_parameters[0]), 6)  # log(0.25 / 0.75)
    -1.098612
    >>> round(float(form.logpdf(1.0)), 12) == round(float(np.log(0.25)), 12)
    True
    >>> normal = exponential_family(Normal(1.0, 2.0))
    >>> normal.natural_parameters.tolist()  # (mu / sigma^2, -1 / (2 sigma^2))
    [0.25, -0.125]
    """
    build = _FORMS.get(type(distribution))
    if build is None:
        raise NotImplementedError(
            f"{type(distribution).__name__} is not written as an exponential family here"
        )
    _scalar(distribution)
    return build(distribution)
