r"""Kullback-Leibler divergence in closed form between two distributions of the same family.

.. math:: \mathrm{KL}(p\,\|\,q) = \mathbb E_{x\sim p}\Big[\log\frac{p(x)}{q(x)}\Big] \ge 0.

One function per pair of families, looked up by the types of p and q. For pairs without a
closed form, :func:`mml.probability.monte_carlo.kl_divergence_monte_carlo` estimates it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mml.errors import DomainError, ShapeError
from mml.linalg import solve_triangular
from mml.probability.base import Distribution, scalar_or_array
from mml.probability.categorical import Categorical, Multinomial
from mml.probability.continuous import Exponential, Laplace, Normal, Uniform
from mml.probability.discrete import Bernoulli, Binomial, Geometric, Poisson
from mml.probability.gamma_beta import Beta, Gamma
from mml.probability.gamma_function import betaln, digamma, gammaln
from mml.probability.multivariate import Dirichlet, MultivariateNormal

__all__ = ["kl_divergence"]

Array = NDArray[np.float64]


def _x_log_ratio(x: Array, y: Array) -> Array:
    """x log(x / y) with 0 log(0/y) = 0 and x log(x/0) = inf for x > 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x == 0, 0.0, x * (np.log(x) - np.log(y)))


def _bernoulli(p: Bernoulli, q: Bernoulli) -> Array:
    return _x_log_ratio(p.p, q.p) + _x_log_ratio(1.0 - p.p, 1.0 - q.p)


def _binomial(p: Binomial, q: Binomial) -> Array:
    if np.any(p.n != q.n):
        raise DomainError("kl_divergence of binomials needs the same number of trials n")
    return p.n * (_x_log_ratio(p.p, q.p) + _x_log_ratio(1.0 - p.p, 1.0 - q.p))


def _categorical(p: Categorical, q: Categorical) -> Array:
    if p.p.shape != q.p.shape:
        raise ShapeError(f"categories differ: p has {p.p.shape[0]}, q has {q.p.shape[0]}")
    return np.sum(_x_log_ratio(p.p, q.p))


def _multinomial(p: Multinomial, q: Multinomial) -> Array:
    if p.n != q.n:
        raise DomainError("kl_divergence of multinomials needs the same number of draws n")
    return p.n * _categorical(Categorical(p.p), Categorical(q.p))


def _poisson(p: Poisson, q: Poisson) -> Array:
    return p.rate * (np.log(p.rate) - np.log(q.rate)) - p.rate + q.rate


def _geometric(p: Geometric, q: Geometric) -> Array:
    # E_p[X - 1] = 1/p - 1 failures, each contributing log((1-p)/(1-q))
    return np.log(p.p / q.p) + (1.0 / p.p) * _x_log_ratio(1.0 - p.p, 1.0 - q.p)


def _uniform(p: Uniform, q: Uniform) -> Array:
    inside = (p.low >= q.low) & (p.high <= q.high)
    return np.where(inside, np.log(q.width / p.width), np.inf)


def _normal(p: Normal, q: Normal) -> Array:
    ratio = (p.scale / q.scale) ** 2
    return 0.5 * (ratio + ((p.loc - q.loc) / q.scale) ** 2 - 1.0 - np.log(ratio))


def _exponential(p: Exponential, q: Exponential) -> Array:
    return np.log(p.rate / q.rate) + q.rate / p.rate - 1.0


def _laplace(p: Laplace, q: Laplace) -> Array:
    distance = np.abs(p.loc - q.loc)
    return (
        np.log(q.scale / p.scale)
        + distance / q.scale
        + (p.scale / q.scale) * np.exp(-distance / p.scale)
        - 1.0
    )


def _gamma(p: Gamma, q: Gamma) -> Array:
    a, b, c, d = p.shape, p.rate, q.shape, q.rate
    return (
        (a - c) * digamma(a)
        - gammaln(a)
        + gammaln(c)
        + c * (np.log(b) - np.log(d))
        + a * (d - b) / b
    )


def _beta(p: Beta, q: Beta) -> Array:
    a, b, c, d = p.a, p.b, q.a, q.b
    return (
        betaln(c, d)
        - betaln(a, b)
        + (a - c) * digamma(a)
        + (b - d) * digamma(b)
        + (c - a + d - b) * digamma(a + b)
    )


def _dirichlet(p: Dirichlet, q: Dirichlet) -> Array:
    if p.alpha.shape != q.alpha.shape:
        raise ShapeError(f"dimensions differ: {p.alpha.shape} and {q.alpha.shape}")
    a, b = p.alpha, q.alpha
    return (
        gammaln(p.total)
        - np.sum(gammaln(a))
        - gammaln(q.total)
        + np.sum(gammaln(b))
        + np.sum((a - b) * (digamma(a) - digamma(p.total)))
    )


def _multivariate_normal(p: MultivariateNormal, q: MultivariateNormal) -> Array:
    r"""(1/2)[tr(Σq⁻¹Σp) + (μq-μp)ᵀΣq⁻¹(μq-μp) - d + log det Σq - log det Σp] via Lq."""
    if p.dim != q.dim:
        raise ShapeError(f"dimensions differ: {p.dim} and {q.dim}")
    whitened = solve_triangular(q.cholesky_factor, p.cholesky_factor, lower=True)
    shift = q.whitening @ (q.mean_vector - p.mean_vector)
    trace = float(np.sum(whitened * whitened))
    return 0.5 * (trace + float(shift @ shift) - p.dim + q.log_det_cov - p.log_det_cov)


_CLOSED_FORMS: dict[type, Callable[[Any, Any], Array]] = {
    Bernoulli: _bernoulli,
    Binomial: _binomial,
    Categorical: _categorical,
    Multinomial: _multinomial,
    Poisson: _poisson,
    Geometric: _geometric,
    Uniform: _uniform,
    Normal: _normal,
    Exponential: _exponential,
    Laplace: _laplace,
    Gamma: _gamma,
    Beta: _beta,
    Dirichlet: _dirichlet,
    MultivariateNormal: _multivariate_normal,
}


def kl_divergence(p: Distribution, q: Distribution) -> Any:
    r"""The Kullback-Leibler divergence KL(p || q) in nats, in closed form.

    .. math:: \mathrm{KL}(p\,\|\,q) = \int p(x)\log\frac{p(x)}{q(x)}\,dx

    (a sum for discrete distributions). It is >= 0, zero only when p = q, not symmetric, and
    ``inf`` when p puts mass where q has none. Array parameters broadcast.

    Parameters
    ----------
    p, q : Distribution
        Two distributions of the same family: Bernoulli, Binomial (same n), Categorical,
        Multinomial (same n), Poisson, Geometric, Uniform, Normal, Exponential, Laplace,
        Gamma, Beta, Dirichlet or MultivariateNormal.

    Returns
    -------
    float or ndarray

    Raises
    ------
    NotImplementedError
        For a pair with no closed form here (different families, Student's t); use
        :func:`~mml.probability.monte_carlo.kl_divergence_monte_carlo`.
    DomainError, ShapeError
        If the two do not share a support (different n) or a dimension.

    Examples
    --------
    >>> round(float(kl_divergence(Normal(0.0, 1.0), Normal(1.0, 1.0))), 12)
    0.5
    >>> float(kl_divergence(Bernoulli(0.5), Bernoulli(0.5)))
    0.0
    """
    formula = _CLOSED_FORMS.get(type(p))
    if formula is None or type(q) is not type(p):
        raise NotImplementedError(
            f"no closed-form KL divergence between {type(p).__name__} and {type(q).__name__}; "
            "use mml.probability.kl_divergence_monte_carlo"
        )
    return scalar_or_array(formula(p, q))
