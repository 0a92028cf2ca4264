"""``mml.models.explain``: each model's worked mathematics against scikit-learn and invariants."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.errors import DomainError, ShapeError, SingularMatrixError
from mml.models.explain import explain_linear_regression

small_ints = st.integers(min_value=-5, max_value=5)


# -- linear regression ---------------------------------------------------------------------
def test_linear_regression_matches_sklearn_coefficients():
    from sklearn.linear_model import LinearRegression

    X = [[0, 1], [1, 3], [2, 2], [3, 5], [4, 4]]
    y = [1, 3, 2, 6, 5]
    fit = explain_linear_regression(X, y)
    reference = LinearRegression().fit(np.array(X, float), np.array(y, float))
    ours = np.array([float(t) for t in fit.theta_ml])
    np.testing.assert_allclose(ours[0], reference.intercept_, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(ours[1:], reference.coef_, rtol=1e-12, atol=1e-12)


def test_map_estimate_matches_ridge_on_the_design_matrix():
    from sklearn.linear_model import Ridge

    X = [[0], [1], [2], [4]]
    y = [1, 3, 4, 4]
    fit = explain_linear_regression(X, y, prior_variance=2, noise_variance=Fraction(1, 2))
    assert fit.prior_precision == Fraction(1, 4)
    phi = np.array([[1.0, x[0]] for x in X])
    reference = Ridge(alpha=0.25, fit_intercept=False).fit(phi, np.array(y, float))
    np.testing.assert_allclose([float(t) for t in fit.theta_map], reference.coef_, rtol=1e-12)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(small_ints, small_ints), min_size=4, max_size=6))
def test_residual_is_orthogonal_to_every_column_of_phi(points):
    X = [[x] for x, _ in points]
    y = [t for _, t in points]
    if len({x for x, _ in points}) < 2:
        with pytest.raises(SingularMatrixError):
            explain_linear_regression(X, y)
        return
    fit = explain_linear_regression(X, y)
    assert fit.design_matrix.T @ fit.residuals == (0, 0)
    assert fit.steps.by_rule("orthogonality")


def test_singular_design_still_has_a_map_estimate():
    fit = explain_linear_regression([[1], [1]], [2, 4], prior_precision=1)
    assert fit.theta_ml is None
    assert fit.theta_map == (Fraction(6, 5), Fraction(6, 5))  # (ΦᵀΦ + I)θ = (6, 6)


def test_linear_regression_rejects_mismatched_targets_and_half_priors():
    with pytest.raises(ShapeError, match="3 samples"):
        explain_linear_regression([[0], [1], [2]], [1, 2])
    with pytest.raises(ShapeError, match="noise_variance"):
        explain_linear_regression([[0], [1]], [1, 2], prior_variance=1)
    with pytest.raises(DomainError, match="≥ 0"):
        explain_linear_regression([[0], [1]], [1, 2], prior_precision=-1)
