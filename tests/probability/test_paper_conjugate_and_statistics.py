"""Conjugate updates against the unnormalised posterior; worked statistics against NumPy."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from mml.errors import DomainError, ShapeError
from mml.probability.conjugate_updates import (
    beta_binomial_update,
    dirichlet_categorical_update,
    gamma_poisson_update,
    normal_normal_update,
)
from mml.probability.worked_statistics import affine_moments, summary_statistics


def assert_proportional(posterior, unnormalised, points):
    ratios = posterior(points) / unnormalised(points)
    np.testing.assert_allclose(ratios, ratios[0], rtol=1e-9)


def test_beta_binomial_posterior_is_prior_times_likelihood():
    post = beta_binomial_update(2, 3, successes=7, trials=10).value
    mu = np.linspace(0.05, 0.95, 9)
    assert_proportional(
        lambda x: stats.beta(float(post["alpha"]), float(post["beta"])).pdf(x),
        lambda x: stats.binom(10, x).pmf(7) * stats.beta(2, 3).pdf(x),
        mu,
    )


def test_gamma_poisson_posterior_is_prior_times_likelihood():
    counts = [3, 4, 5, 0]
    post = gamma_poisson_update(2, 1, counts).value
    lam = np.linspace(0.2, 8, 9)
    assert_proportional(
        lambda x: stats.gamma(float(post["shape"]), scale=1 / float(post["rate"])).pdf(x),
        lambda x: (
            np.prod([stats.poisson(x).pmf(c) for c in counts], axis=0)
            * stats.gamma(2, scale=1).pdf(x)
        ),
        lam,
    )


def test_normal_normal_posterior_is_prior_times_likelihood():
    data = [1, 2, "2.5"]
    post = normal_normal_update(0, 2, 1, data).value
    mu = np.linspace(-2, 4, 9)
    values = [1, 2, 2.5]
    assert_proportional(
        lambda x: stats.norm(float(post["mean"]), np.sqrt(float(post["variance"]))).pdf(x),
        lambda x: (
            np.prod([stats.norm(x, 1).pdf(v) for v in values], axis=0)
            * stats.norm(0, np.sqrt(2)).pdf(x)
        ),
        mu,
    )


def test_dirichlet_update_and_validation():
    assert dirichlet_categorical_update([1, 2], [3, 4]).value == (4, 6)
    with pytest.raises(ShapeError):
        dirichlet_categorical_update([1, 2], [3])
    with pytest.raises(DomainError, match="cannot exceed"):
        beta_binomial_update(1, 1, successes=5, trials=3)
    with pytest.raises(DomainError, match="alpha"):
        beta_binomial_update(0, 1, successes=0, trials=0)


@settings(max_examples=50, deadline=None)
@given(st.integers(2, 6), st.integers(1, 3), st.data())
def test_summary_statistics_match_numpy(n, d, data):
    X = np.array(data.draw(st.lists(st.integers(-9, 9), min_size=n * d, max_size=n * d))).reshape(
        n, d
    )
    stats_ = summary_statistics(X.tolist())
    np.testing.assert_allclose([float(v) for v in stats_.mean], X.mean(axis=0), atol=1e-12)
    np.testing.assert_allclose(
        np.array(stats_.covariance.tolist(), dtype=float),
        np.cov(X, rowvar=False, bias=True).reshape(d, d),
        atol=1e-12,
    )
    np.testing.assert_allclose(
        np.array(stats_.sample_covariance.tolist(), dtype=float),
        np.cov(X, rowvar=False).reshape(d, d),
        atol=1e-12,
    )
    if d > 1 and np.all(X.std(axis=0) > 0):
        np.testing.assert_allclose(stats_.correlation, np.corrcoef(X, rowvar=False), atol=1e-12)


def test_affine_moments_match_monte_carlo_free_formula():
    mean, cov, steps = affine_moments([1, 2], [[2, 1], [1, 3]], [[1, -1], [2, 0]], [0, 5])
    assert mean == (-1, 7)
    A = np.array([[1, -1], [2, 0]])
    np.testing.assert_allclose(np.array(cov.tolist(), dtype=float), A @ [[2, 1], [1, 3]] @ A.T)
    assert [s.rule for s in steps] == ["mean", "covariance"]
