r"""Maximum-likelihood estimates of distribution parameters (MML book §8.3).

``fit_mle(Family, data)`` returns the member of the family that maximises
:math:`\sum_n \log p(x_n \mid \theta)`. Most families have a closed form (set the gradient
of the log-likelihood to zero and solve); Gamma, Beta and Dirichlet need a few Newton or
fixed-point steps on equations with the digamma function. Compare ``scipy.stats.<dist>.fit``
with the location (and scale) fixed where our family has none.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mml.errors import ConvergenceError, DomainError, ShapeError
from mml.probability.base import Distribution
from mml.probability.categorical import Categorical
from mml.probability.continuous import Exponential, Laplace, Normal, Uniform
from mml.probability.discrete import Bernoulli, Binomial, Geometric, Poisson
from mml.probability.gamma_beta import Beta, Gamma
from mml.probability.gamma_function import digamma
from mml.probability.multivariate import Dirichlet, MultivariateNormal

__all__ = ["fit_mle"]

Array = NDArray[np.float64]


def _trigamma(x: Array) -> Array:
    """psi'(x) by the recurrence up to x >= 10 and the asymptotic series (for Newton steps)."""
    x = np.asarray(x, dtype=np.float64)
    result = np.zeros_like(x)
    shifted = x.copy()
    for _ in range(10):
        small = shifted < 10.0
        result += np.where(small, 1.0 / shifted**2, 0.0)
        shifted = np.where(small, shifted + 1.0, shifted)
    w = 1.0 / (shifted * shifted)
    series = 1.0 / shifted + w / 2.0 + w / shifted * (1 / 6 - w * (1 / 30 - w * (1 / 42 - w / 30)))
    return result + series


def _positive(data: Array, family: str) -> Array:
    if np.any(data <= 0):
        raise DomainError(f"{family} data must be positive")
    return data


def _unit_interval(data: Array, family: str) -> Array:
    if np.any((data <= 0) | (data >= 1)):
        raise DomainError(f"{family} data must lie strictly between 0 and 1")
    return data


def _gamma_shape(mean_log_gap: float) -> float:
    """Solve log(a) - psi(a) = s (s > 0) by Newton's method from Minka's starting point."""
    s = mean_log_gap
    a = (3.0 - s + np.sqrt((s - 3.0) ** 2 + 24.0 * s)) / (12.0 * s)
    for _ in range(100):
        f = np.log(a) - float(digamma(a)) - s
        step = f / (1.0 / a - float(_trigamma(np.array(a))))
        a_new = a - step
        a = a_new if a_new > 0 else a / 2.0
        if abs(step) <= 1e-14 * a:
            return float(a)
    raise ConvergenceError("the Gamma shape estimate did not converge")


def _dirichlet_concentration(mean_log: Array, start: Array) -> Array:
    """Minka's fixed point: psi(alpha_k) = psi(sum alpha) + mean log x_k, with Newton inversions."""
    alpha = start.copy()
    for _ in range(1000):
        target = float(digamma(alpha.sum())) + mean_log
        # invert digamma by Newton's method from Minka's initialisation
        y = np.where(target >= -2.22, np.exp(target) + 0.5, -1.0 / (target - float(digamma(1.0))))
        for _ in range(5):
            y = y - (digamma(y) - target) / _trigamma(y)
        if np.max(np.abs(y - alpha)) <= 1e-13 * np.max(alpha):
            return y
        alpha = y
    raise ConvergenceError("the Dirichlet estimate did not converge")


def _fit_gamma(x: Array) -> Gamma:
    x = _positive(x, "Gamma")
    mean = float(x.mean())
    gap = float(np.log(mean) - np.log(x).mean())
    if gap <= 0:
        raise DomainError("Gamma needs data that are not all equal")
    shape = _gamma_shape(gap)
    return Gamma(shape, shape / mean)


def _fit_beta(x: Array) -> Beta:
    x = _unit_interval(x, "Beta")
    mean_log_x, mean_log_1mx = float(np.log(x).mean()), float(np.log1p(-x).mean())
    m, v = float(x.mean()), float(x.var())
    if v <= 0:
        raise DomainError("Beta needs data that are not all equal")
    common = m * (1 - m) / v - 1.0  # method of moments as the start
    theta = np.array([max(m * common, 1e-3), max((1 - m) * common, 1e-3)])
    for _ in range(200):
        total = theta.sum()
        gradient = np.array(
            [
                float(digamma(total) - digamma(theta[0])) + mean_log_x,
                float(digamma(total) - digamma(theta[1])) + mean_log_1mx,
            ]
        )
        shared = float(_trigamma(np.array(total)))
        hessian = np.array([[shared, shared], [shared, shared]]) - np.diag(_trigamma(theta))
        # the 2x2 Newton system solved by Cramer's rule
        det = hessian[0, 0] * hessian[1, 1] - hessian[0, 1] * hessian[1, 0]
        step = np.array(
            [
                (gradient[0] * hessian[1, 1] - gradient[1] * hessian[0, 1]) / det,
                (hessian[0, 0] * gradient[1] - hessian[1, 0] * gradient[0]) / det,
            ]
        )
        new = theta - step
        while np.any(new <= 0):
            step /= 2.0
            new = theta - step
        theta = new
        if np.max(np.abs(step) / theta) <= 1e-13:
            return Beta(theta[0], theta[1])
    raise ConvergenceError("the Beta estimate did not converge")


def _fit_binomial(x: Array, n: int | None) -> Binomial:
    if n is None:
        raise DomainError("fit_mle(Binomial, data, n=...) needs the number of trials n")
    if np.any((x < 0) | (x > n) | (x != np.round(x))):
        raise DomainError(f"Binomial data must be whole numbers in [0, {n}]")
    return Binomial(n, float(x.mean()) / n)


def _fit_categorical(x: Array, k: int | None) -> Categorical:
    if np.any((x < 0) | (x != np.round(x))):
        raise DomainError("Categorical data must be category indices 0, 1, 2, ...")
    k = int(x.max()) + 1 if k is None else k
    if np.any(x >= k):
        raise DomainError(f"Categorical data must be below k = {k}")
    return Categorical(np.bincount(x.astype(np.int64), minlength=k) / x.size)


def _fit_multivariate_normal(x: Array) -> MultivariateNormal:
    if x.ndim != 2:
        raise ShapeError(f"MultivariateNormal data must have shape (N, d); got {x.shape}")
    mean = x.mean(axis=0)
    centred = x - mean
    return MultivariateNormal(mean, centred.T @ centred / x.shape[0])


def _fit_dirichlet(x: Array) -> Dirichlet:
    if x.ndim != 2 or np.any(x <= 0) or np.any(np.abs(x.sum(axis=1) - 1.0) > 1e-10):
        raise DomainError("Dirichlet data must be rows of positive probabilities summing to 1")
    mean, second = x.mean(axis=0), (x[:, 0] ** 2).mean()
    scale = (mean[0] - second) / (second - mean[0] ** 2)  # moments of the first component
    return Dirichlet(_dirichlet_concentration(np.log(x).mean(axis=0), mean * max(scale, 0.1)))


_CLOSED_FORMS: dict[type, Callable[[Array], Distribution]] = {
    Bernoulli: lambda x: Bernoulli(float(x.mean())),
    Poisson: lambda x: Poisson(float(x.mean())),
    Geometric: lambda x: Geometric(1.0 / float(x.mean())),
    Exponential: lambda x: Exponential(1.0 / float(_positive(x, "Exponential").mean())),
    Normal: lambda x: Normal(float(x.mean()), float(x.std())),
    Uniform: lambda x: Uniform(float(x.min()), float(x.max())),
    Laplace: lambda x: Laplace(float(np.median(x)), float(np.abs(x - np.median(x)).mean())),
    Gamma: _fit_gamma,
    Beta: _fit_beta,
    MultivariateNormal: _fit_multivariate_normal,
    Dirichlet: _fit_dirichlet,
}


def fit_mle(family: type, data: ArrayLike, **known: Any) -> Any:
    r"""The maximum-likelihood member of ``family`` for i.i.d. ``data``.

    ======================  =============================================================
    family                  estimate
    ======================  =============================================================
    Bernoulli, Poisson      the sample mean
    Binomial (n known)      mean / n
    Geometric               1 / mean
    Categorical             the relative frequencies (``k=`` categories, optional)
    Exponential             rate = 1 / mean
    Normal                  the mean and the 1/N standard deviation
    Uniform                 the sample minimum and maximum
    Laplace                 the median and the mean absolute deviation from it
    Gamma                   Newton's method on log a - psi(a) = log mean - mean log
    Beta                    Newton's method on the digamma equations
    MultivariateNormal      the mean and the 1/N covariance (rows are observations)
    Dirichlet               Minka's fixed-point iteration
    ======================  =============================================================

    Parameters
    ----------
    family : type
        One of the classes above.
    data : array_like
        Observations (shape (N,), or (N, d) for MultivariateNormal and Dirichlet).
    **known
        ``n`` for Binomial, ``k`` for Categorical.

    Returns
    -------
    Distribution
        An instance of ``family``.

    Raises
    ------
    DomainError
        If the data cannot come from the family (negative counts, values outside (0, 1), ...)
        or do not determine the estimate (all equal, no data).
    NotImplementedError
        For a family without an estimator here.

    Examples
    --------
    >>> fit_mle(Normal, [1.0, 2.0, 3.0, 6.0])
    Normal(loc=3.0, scale=1.8708286933869707)
    >>> fit_mle(Binomial, [3, 5, 4], n=10).p
    array(0.4)
    """
    x = np.asarray(data, dtype=np.float64)
    if x.size == 0:
        raise DomainError("fit_mle needs at least one observation")
    if not np.all(np.isfinite(x)):
        raise DomainError("data must be finite")
    if family is Binomial:
        return _fit_binomial(x, known.get("n"))
    if family is Categorical:
        return _fit_categorical(x, known.get("k"))
    estimator = _CLOSED_FORMS.get(family)
    if estimator is None:
        raise NotImplementedError(f"no maximum-likelihood estimator for {family!r} here")
    return estimator(x)
