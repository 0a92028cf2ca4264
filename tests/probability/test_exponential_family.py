"""Exponential-family forms: they reproduce the log-densities, and grad A(eta) = E[T(X)]."""

import numpy as np
import pytest

from mml.probability import (
    Bernoulli,
    Beta,
    Binomial,
    Categorical,
    Dirichlet,
    Exponential,
    Gamma,
    Geometric,
    Laplace,
    MultivariateNormal,
    Normal,
    Poisson,
    StudentT,
    exponential_family,
)

FAMILIES = [
    Bernoulli(0.3),
    Binomial(9, 0.6),
    Categorical([0.2, 0.5, 0.3]),
    Poisson(4.5),
    Geometric(0.35),
    Exponential(1.7),
    Normal(1.5, 0.8),
    Gamma(3.2, 2.1),
    Beta(2.5, 4.0),
    Dirichlet([1.5, 2.0, 3.5]),
    MultivariateNormal([1.0, -0.5], [[1.0, 0.4], [0.4, 0.8]]),
]


def log_density(distribution, x):
    if hasattr(distribution, "logpmf"):
        return distribution.logpmf(x)
    return distribution.logpdf(x)


@pytest.mark.parametrize("distribution", FAMILIES, ids=repr)
def test_the_form_reproduces_the_log_density(distribution):
    x = distribution.sample(50, random_state=0)
    form = exponential_family(distribution)
    assert np.allclose(form.logpdf(x), log_density(distribution, x), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("distribution", FAMILIES, ids=repr)
def test_the_gradient_of_the_log_partition_is_the_mean_of_the_sufficient_statistics(distribution):
    form = exponential_family(distribution)
    eta = form.natural_parameters
    gradient = np.empty_like(eta)
    for i in range(eta.size):
        step = 1e-5 * max(1.0, abs(eta[i]))
        up, down = eta.copy(), eta.copy()
        up[i] += step
        down[i] -= step
        gradient[i] = (form.log_partition_function(up) - form.log_partition_function(down)) / (
            2 * step
        )
    statistics = form.sufficient_statistics(distribution.sample(200_000, random_state=1))
    mean = statistics.mean(axis=0)
    standard_error = statistics.std(axis=0) / np.sqrt(len(statistics))
    assert np.all(np.abs(gradient - mean) <= 5 * standard_error + 1e-6)


def test_gradient_check_can_fail():
    # the same check rejects a log-partition that is off by a factor
    form = exponential_family(Poisson(4.5))
    eta = form.natural_parameters[0]
    wrong = (2 * np.exp(eta + 1e-5) - 2 * np.exp(eta - 1e-5)) / 2e-5
    statistics = Poisson(4.5).sample(200_000, random_state=1)
    assert abs(wrong - statistics.mean()) > 5 * statistics.std() / np.sqrt(200_000)


@pytest.mark.parametrize("distribution", [Laplace(), StudentT(3.0), Normal(np.zeros(2))])
def test_non_members_and_array_parameters_are_refused(distribution):
    with pytest.raises(NotImplementedError):
        exponential_family(distribution)
