"""LinearRegression and Ridge: coefficients equal scikit-learn's to 1e-8 relative."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.datasets import load_iris, load_polynomial_regression, make_regression
from mml.errors import DomainError
from mml.models import LinearRegression, Ridge
from mml.preprocessing import PolynomialFeatures

sklin = pytest.importorskip("sklearn.linear_model")


def assert_same_fit(ours, ref, rtol=1e-8):
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=rtol, atol=1e-10)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, rtol=rtol, atol=1e-10)


def test_iris_petal_width_regression_matches_sklearn():
    X, _ = load_iris(return_X_y=True)
    features, target = X[:, :3], X[:, 3]
    assert_same_fit(
        LinearRegression().fit(features, target), sklin.LinearRegression().fit(features, target)
    )
    assert_same_fit(
        Ridge(alpha=2.0).fit(features, target), sklin.Ridge(alpha=2.0).fit(features, target)
    )


def test_polynomial_fit_of_book_figure_matches_sklearn():
    X, y = load_polynomial_regression(return_X_y=True)
    Phi = PolynomialFeatures(degree=4, include_bias=False).fit_transform(X)
    assert_same_fit(LinearRegression().fit(Phi, y), sklin.LinearRegression().fit(Phi, y))


@settings(max_examples=25, deadline=None)
@given(
    st.integers(0, 10_000),
    st.integers(5, 60),
    st.integers(1, 6),
    st.integers(1, 3),
    st.booleans(),
    st.booleans(),
)
def test_linear_regression_matches_sklearn(seed, n, d, k, intercept, weighted):
    if n <= d + 1:
        return
    X, y = make_regression(n, d, n_targets=k, noise=1.0, bias=3.0, random_state=seed)
    sw = np.random.RandomState(seed).uniform(0.5, 2.0, size=n) if weighted else None
    ours = LinearRegression(fit_intercept=intercept).fit(X, y, sample_weight=sw)
    ref = sklin.LinearRegression(fit_intercept=intercept).fit(X, y, sample_weight=sw)
    assert_same_fit(ours, ref)
    np.testing.assert_allclose(ours.predict(X), ref.predict(X), rtol=1e-8, atol=1e-8)


@settings(max_examples=25, deadline=None)
@given(
    st.integers(0, 10_000),
    st.integers(3, 40),
    st.integers(1, 50),
    st.floats(1e-3, 100.0),
    st.booleans(),
    st.sampled_from(["auto", "cholesky", "svd"]),
)
def test_ridge_matches_sklearn_primal_and_dual(seed, n, d, alpha, intercept, solver):
    X, y = make_regression(n, d, noise=1.0, random_state=seed)
    ours = Ridge(alpha=alpha, fit_intercept=intercept, solver=solver).fit(X, y)
    ref = sklin.Ridge(alpha=alpha, fit_intercept=intercept, solver="cholesky").fit(X, y)
    assert_same_fit(ours, ref, rtol=1e-7)


def test_ridge_alpha_per_target_matches_sklearn():
    X, Y = make_regression(50, 5, n_targets=3, random_state=0)
    alpha = np.array([0.1, 10.0, 1000.0])
    assert_same_fit(Ridge(alpha=alpha).fit(X, Y), sklin.Ridge(alpha=alpha).fit(X, Y))


def test_rank_deficient_design_gives_minimum_norm_solution_like_sklearn():
    rng = np.random.RandomState(0)
    A = rng.normal(size=(30, 3))
    X = np.hstack([A, A[:, :1] + A[:, 1:2]])  # 4th column = 1st + 2nd
    y = rng.normal(size=30)
    ours = LinearRegression().fit(X, y)
    assert ours.rank_ == 3
    assert_same_fit(ours, sklin.LinearRegression().fit(X, y), rtol=1e-7)
    wide = rng.normal(size=(4, 9))
    assert_same_fit(
        LinearRegression().fit(wide, y[:4]), sklin.LinearRegression().fit(wide, y[:4]), rtol=1e-7
    )


def test_residual_is_orthogonal_to_the_columns():
    X, y = make_regression(80, 6, noise=10.0, random_state=1)
    model = LinearRegression().fit(X, y)
    residual = y - model.predict(X)
    np.testing.assert_allclose(X.T @ (residual - residual.mean()), 0.0, atol=1e-8)
    assert abs(residual.sum()) < 1e-8


def test_ridge_normal_equations_hold():
    X, y = make_regression(40, 8, noise=5.0, random_state=2)
    alpha = 3.0
    model = Ridge(alpha=alpha, fit_intercept=False).fit(X, y)
    np.testing.assert_allclose(X.T @ (X @ model.coef_ - y) + alpha * model.coef_, 0.0, atol=1e-8)


def test_invalid_parameters_raise_domain_errors():
    X, y = np.eye(3), np.ones(3)
    with pytest.raises(DomainError, match="alpha"):
        Ridge(alpha=-1.0).fit(X, y)
    with pytest.raises(DomainError, match="solver"):
        Ridge(solver="sag").fit(X, y)
    with pytest.raises(DomainError, match="positive"):
        LinearRegression(positive=True).fit(X, y)
