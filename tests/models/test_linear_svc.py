"""LinearSVC: the primal and dual solvers reach liblinear's solution."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.datasets import load_iris, make_classification
from mml.errors import DomainError
from mml.models import LinearSVC
from mml.models.linear_svc import squared_hinge_objective

sksvm = pytest.importorskip("sklearn.svm")
optimize = pytest.importorskip("scipy.optimize")


@pytest.mark.parametrize(
    ("loss", "C"),
    # Plain coordinate descent (no shrinking) needs many epochs for the hinge at large C.
    [
        ("squared_hinge", 0.1),
        ("squared_hinge", 1.0),
        ("squared_hinge", 10.0),
        ("hinge", 0.1),
        ("hinge", 1.0),
    ],
)
def test_binary_coefficients_match_liblinear(loss, C):
    X, y = make_classification(200, 5, random_state=0)
    ours = LinearSVC(loss=loss, C=C, tol=1e-8, max_iter=5000, random_state=0).fit(X, y)
    ref = sksvm.LinearSVC(loss=loss, C=C, tol=1e-8, max_iter=200000).fit(X, y)
    np.testing.assert_allclose(ours.coef_, ref.coef_, atol=1e-5)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, atol=1e-5)


def test_multiclass_accuracy_matches_liblinear():
    X, y = load_iris(return_X_y=True)
    ours = LinearSVC(tol=1e-8, max_iter=5000).fit(X, y)
    ref = sksvm.LinearSVC(tol=1e-8, max_iter=200000).fit(X, y)
    assert ours.coef_.shape == (3, 4)
    assert abs(ours.score(X, y) - ref.score(X, y)) <= 0.01


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10_000))
def test_squared_hinge_gradient_matches_finite_differences(seed):
    rng = np.random.RandomState(seed)
    X, y = rng.normal(size=(20, 3)), np.where(rng.uniform(size=20) > 0.5, 1.0, -1.0)
    upper = rng.uniform(0.1, 2.0, size=20)
    w = rng.normal(size=3)
    _, grad = squared_hinge_objective(w, X, y, upper)
    numeric = optimize.approx_fprime(w, lambda v: squared_hinge_objective(v, X, y, upper)[0], 1e-7)
    np.testing.assert_allclose(grad, numeric, rtol=1e-4, atol=1e-5)


def test_invalid_options():
    X, y = np.eye(4), [0, 1, 0, 1]
    with pytest.raises(DomainError, match="loss"):
        LinearSVC(loss="log").fit(X, y)
    with pytest.raises(DomainError, match="penalty"):
        LinearSVC(penalty="l1").fit(X, y)
