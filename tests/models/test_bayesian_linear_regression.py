"""BayesianLinearRegression against closed forms (NumPy/SciPy) and scikit-learn's BayesianRidge."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.datasets import load_polynomial_regression, make_regression
from mml.errors import DomainError
from mml.models import BayesianLinearRegression
from mml.preprocessing import PolynomialFeatures

stats = pytest.importorskip("scipy.stats")
sklin = pytest.importorskip("sklearn.linear_model")


@settings(max_examples=25, deadline=None)
@given(
    st.integers(0, 10_000),
    st.integers(2, 30),
    st.integers(1, 6),
    st.floats(0.1, 10.0),
    st.floats(0.01, 2.0),
)
def test_posterior_and_evidence_match_closed_forms(seed, n, d, prior_var, noise_var):
    rng = np.random.RandomState(seed)
    X, y = rng.normal(size=(n, d)), rng.normal(size=n)
    model = BayesianLinearRegression(
        prior_variance=prior_var, noise_variance=noise_var, fit_intercept=False
    ).fit(X, y)
    S_N = np.linalg.inv(np.eye(d) / prior_var + X.T @ X / noise_var)  # MML eq. (9.43a)
    m_N = S_N @ X.T @ y / noise_var  # MML eq. (9.43b)
    np.testing.assert_allclose(model.posterior_covariance_, S_N, rtol=1e-8, atol=1e-12)
    np.testing.assert_allclose(model.coef_, m_N, rtol=1e-8, atol=1e-10)
    evidence = stats.multivariate_normal(
        np.zeros(n), prior_var * X @ X.T + noise_var * np.eye(n)
    ).logpdf(y)
    assert model.log_marginal_likelihood_ == pytest.approx(evidence, rel=1e-8)
    X_new = rng.normal(size=(4, d))
    mean, std = model.predict(X_new, return_std=True)
    np.testing.assert_allclose(mean, X_new @ m_N, rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(
        std**2, np.einsum("ij,jk,ik->i", X_new, S_N, X_new) + noise_var, rtol=1e-8
    )


def test_evidence_prefers_the_right_polynomial_degree():
    X, y = load_polynomial_regression(return_X_y=True, subset="all")
    evidences = [
        BayesianLinearRegression(prior_variance=1.0, noise_variance=0.04)
        .fit(PolynomialFeatures(degree, include_bias=False).fit_transform(X), y)
        .log_marginal_likelihood_
        for degree in range(1, 10)
    ]
    # Straight lines explain -sin(x/5) + cos(x) badly; a moderate degree wins (MML §8.6).
    assert int(np.argmax(evidences)) + 1 >= 3
    assert evidences[0] < max(evidences) - 50


def test_empirical_bayes_matches_sklearn_bayesian_ridge():
    X, y = make_regression(200, 5, noise=10.0, random_state=0)
    ours = BayesianLinearRegression(optimize_hyperparameters=True).fit(X, y)
    ref = sklin.BayesianRidge(tol=1e-10, max_iter=1000).fit(X, y)
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-4)
    assert ours.intercept_ == pytest.approx(ref.intercept_, abs=1e-3)
    assert ours.noise_variance_ == pytest.approx(1.0 / ref.alpha_, rel=1e-3)
    assert ours.prior_variance_ == pytest.approx(1.0 / ref.lambda_, rel=1e-3)
    np.testing.assert_allclose(ours.posterior_covariance_, ref.sigma_, rtol=1e-3)


def test_posterior_weight_samples_have_posterior_moments():
    X, y = make_regression(50, 3, noise=5.0, random_state=1)
    model = BayesianLinearRegression(prior_variance=100.0, noise_variance=25.0).fit(X, y)
    draws = model.sample_weights(40000, random_state=0)
    np.testing.assert_allclose(draws.mean(axis=0), model.coef_, atol=0.05)
    S = model.posterior_covariance_
    np.testing.assert_allclose(np.cov(draws, rowvar=False), S, atol=0.05 * np.abs(S).max())


def test_more_data_shrinks_the_posterior():
    rng = np.random.RandomState(2)
    X, y = rng.normal(size=(200, 2)), rng.normal(size=200)
    few = BayesianLinearRegression().fit(X[:10], y[:10]).posterior_covariance_
    many = BayesianLinearRegression().fit(X, y).posterior_covariance_
    assert np.trace(many) < np.trace(few)


def test_invalid_variances():
    with pytest.raises(DomainError, match="prior_variance"):
        BayesianLinearRegression(prior_variance=0.0).fit(np.eye(3), np.ones(3))
