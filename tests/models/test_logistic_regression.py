"""LogisticRegression: the gradient is right, and the fit matches scikit-learn's."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.datasets import load_digits, load_iris, make_classification
from mml.errors import DomainError
from mml.models import LogisticRegression
from mml.models.logistic_regression import _hessian, logistic_loss_and_gradient
from mml.preprocessing import StandardScaler

sklin = pytest.importorskip("sklearn.linear_model")
optimize = pytest.importorskip("scipy.optimize")


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 4), st.booleans(), st.floats(0.1, 10.0))
def test_gradient_and_hessian_match_finite_differences(seed, n_classes, intercept, C):
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(15, 3))
    labels = rng.randint(0, n_classes, size=15)
    Y = labels.astype(float) if n_classes == 2 else np.eye(n_classes)[labels]
    weights = rng.uniform(0.5, 2.0, size=15)
    rows = 1 if n_classes == 2 else n_classes
    theta = rng.normal(size=rows * (3 + int(intercept)))
    args = (X, Y, weights, C, intercept)
    _, grad = logistic_loss_and_gradient(theta, *args)
    numeric = optimize.approx_fprime(theta, lambda t: logistic_loss_and_gradient(t, *args)[0], 1e-7)
    np.testing.assert_allclose(grad, numeric, rtol=1e-4, atol=1e-6)
    H = _hessian(theta, *args)
    numeric_H = np.array(
        [
            optimize.approx_fprime(
                theta, lambda t, i=i: logistic_loss_and_gradient(t, *args)[1][i], 1e-7
            )
            for i in range(theta.size)
        ]
    )
    np.testing.assert_allclose(H, numeric_H, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("solver", ["lbfgs", "newton-cholesky"])
def test_iris_multinomial_matches_sklearn(solver):
    X, y = load_iris(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    ours = LogisticRegression(solver=solver, max_iter=200, tol=1e-8).fit(X, y)
    ref = sklin.LogisticRegression(max_iter=1000, tol=1e-10).fit(X, y)
    assert abs(ours.score(X, y) - ref.score(X, y)) <= 0.01
    np.testing.assert_allclose(ours.coef_, ref.coef_, atol=1e-4)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, atol=1e-4)
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), atol=1e-5)


def test_digits_accuracy_within_one_point_of_sklearn():
    X, y = load_digits(return_X_y=True)
    X = X[:600] / 16.0
    y = y[:600]
    ours = LogisticRegression(C=0.5, max_iter=300).fit(X, y)
    ref = sklin.LogisticRegression(C=0.5, max_iter=300).fit(X, y)
    assert abs(ours.score(X, y) - ref.score(X, y)) <= 0.01


@pytest.mark.parametrize("class_weight", [None, "balanced", {0: 3.0}])
def test_binary_with_weights_matches_sklearn(class_weight):
    X, y = make_classification(300, 5, weights=[0.8], random_state=0)
    sw = np.random.RandomState(0).uniform(0.5, 2.0, size=300)
    kwargs = dict(C=0.3, tol=1e-10, class_weight=class_weight, max_iter=500)
    ours = LogisticRegression(**kwargs).fit(X, y, sample_weight=sw)
    ref = sklin.LogisticRegression(**kwargs).fit(X, y, sample_weight=sw)
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, rtol=1e-5, atol=1e-6)
    assert ours.coef_.shape == (1, 5)


def test_optimum_has_zero_gradient():
    X, y = make_classification(200, 4, random_state=1)
    model = LogisticRegression(C=2.0, tol=1e-10, max_iter=500).fit(X, y)
    theta = np.r_[model.coef_.ravel(), model.intercept_]
    _, grad = logistic_loss_and_gradient(theta, X, y.astype(float), np.ones(200), 2.0, True)
    assert np.abs(grad).max() < 1e-8


def test_probabilities_are_consistent():
    X, y = make_classification(100, 4, n_classes=3, n_informative=3, n_redundant=0, random_state=2)
    model = LogisticRegression().fit(X, y)
    P = model.predict_proba(X)
    np.testing.assert_allclose(P.sum(axis=1), 1.0)
    np.testing.assert_array_equal(model.classes_[P.argmax(axis=1)], model.predict(X))
    np.testing.assert_allclose(np.exp(model.predict_log_proba(X)), P)


def test_unsupported_options_raise():
    X, y = np.eye(4), [0, 1, 0, 1]
    with pytest.raises(DomainError, match="l1_ratio"):
        LogisticRegression(l1_ratio=0.5).fit(X, y)
    with pytest.raises(DomainError, match="solver"):
        LogisticRegression(solver="saga").fit(X, y)
    with pytest.raises(DomainError, match="only one class"):
        LogisticRegression().fit(X, [1, 1, 1, 1])
