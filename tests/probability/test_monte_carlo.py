"""The law of large numbers and the central limit theorem, as statistical tests that can fail."""

import numpy as np
import pytest
import scipy.stats as st

from mml.errors import DomainError
from mml.probability import (
    Bernoulli,
    Exponential,
    Normal,
    Poisson,
    StudentT,
    monte_carlo_expectation,
    sample_mean_convergence,
    standardised_sample_means,
)


@pytest.mark.parametrize("distribution", [Exponential(0.5), Bernoulli(0.1), Poisson(3.0)])
def test_running_means_converge_within_a_few_standard_errors(distribution):
    path = sample_mean_convergence(distribution, 20_000, n_paths=8, random_state=0)
    assert path.running_means.shape == (8, 20_000)
    errors = np.abs(path.running_means[:, -1] - path.mean) / path.standard_error[-1]
    assert np.all(errors < 4.5)
    # the spread across paths shrinks like 1/sqrt(n)
    early, late = path.running_means[:, 99].std(), path.running_means[:, -1].std()
    assert late < early / 5


def test_standardised_means_of_a_skewed_law_become_normal():
    z = standardised_sample_means(Exponential(1.0), 400, 3000, random_state=1)
    assert st.kstest(z, "norm").pvalue > 1e-3
    # with samples of size 2 they are still visibly skewed, and the test notices
    z_small = standardised_sample_means(Exponential(1.0), 2, 3000, random_state=1)
    assert st.kstest(z_small, "norm").pvalue < 1e-3


def test_monte_carlo_expectation_of_a_known_moment():
    result = monte_carlo_expectation(lambda x: x**4, Normal(0.0, 1.0), 200_000, random_state=2)
    assert abs(result.estimate - 3.0) < 5 * result.standard_error


def test_infinite_variance_is_refused():
    with pytest.raises(DomainError, match="finite"):
        sample_mean_convergence(StudentT(1.5), 100)
    with pytest.raises(DomainError, match="n_samples"):
        sample_mean_convergence(Normal(), 0)
