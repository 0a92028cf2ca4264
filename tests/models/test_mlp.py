"""MLPClassifier / MLPRegressor follow scikit-learn's training step by step."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from mml.datasets import load_digits, make_regression
from mml.errors import DomainError
from mml.models import MLPClassifier, MLPRegressor

sknn = pytest.importorskip("sklearn.neural_network")


def quietly(fn, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args)


@pytest.fixture(scope="module")
def digits():
    X, y = load_digits(return_X_y=True)
    return X[:600] / 16.0, y[:600]


@pytest.mark.parametrize("activation", ["relu", "tanh", "logistic"])
def test_sgd_training_is_sklearns_step_for_step(digits, activation):
    X, y = digits
    kwargs = dict(
        solver="sgd",
        activation=activation,
        max_iter=5,
        tol=0,
        random_state=0,
        learning_rate_init=0.05,
        hidden_layer_sizes=(32, 16),
    )
    ours = quietly(MLPClassifier(**kwargs).fit, X, y)
    ref = quietly(sknn.MLPClassifier(learning_rate="constant", **kwargs).fit, X, y)
    np.testing.assert_allclose(ours.loss_curve_, ref.loss_curve_, rtol=1e-9)
    for a, b in zip(ours.coefs_, ref.coefs_, strict=True):
        np.testing.assert_allclose(a, b, atol=1e-9)
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), atol=1e-9)


def test_adam_training_tracks_sklearn_and_reaches_same_accuracy(digits):
    X, y = digits
    kwargs = dict(max_iter=30, tol=0, random_state=0)
    ours = quietly(MLPClassifier(**kwargs).fit, X, y)
    ref = quietly(sknn.MLPClassifier(**kwargs).fit, X, y)
    # Adam's epsilon sits inside the bias correction in scikit-learn, outside in PyTorch's
    # (and mml.optim's) form, so the curves agree closely but not exactly.
    np.testing.assert_allclose(ours.loss_curve_, ref.loss_curve_, rtol=0.02)
    assert abs(ours.score(X, y) - ref.score(X, y)) <= 0.01


def test_binary_classifier_uses_one_logistic_output(digits):
    X, y = digits
    y = (y > 4).astype(int)
    model = quietly(MLPClassifier(max_iter=5, random_state=0, solver="sgd").fit, X, y)
    ref = quietly(
        sknn.MLPClassifier(max_iter=5, random_state=0, solver="sgd", learning_rate="constant").fit,
        X,
        y,
    )
    assert model.coefs_[-1].shape == (100, 1) and model.out_activation_ == "logistic"
    np.testing.assert_allclose(model.loss_curve_, ref.loss_curve_, rtol=1e-9)


def test_regressor_matches_sklearn():
    X, y = make_regression(300, 5, noise=1.0, random_state=0)
    y = y / 100.0
    kwargs = dict(solver="sgd", learning_rate_init=0.01, max_iter=10, tol=0, random_state=1)
    ours = quietly(MLPRegressor(**kwargs).fit, X, y)
    ref = quietly(sknn.MLPRegressor(learning_rate="constant", **kwargs).fit, X, y)
    np.testing.assert_allclose(ours.loss_curve_, ref.loss_curve_, rtol=1e-9)
    np.testing.assert_allclose(ours.predict(X), ref.predict(X), atol=1e-9)


def test_loss_decreases_and_training_stops_on_the_same_plateau_as_sklearn(digits):
    X, y = digits
    kwargs = dict(
        solver="sgd",
        learning_rate_init=0.1,
        max_iter=300,
        tol=1e-3,
        n_iter_no_change=3,
        random_state=0,
    )
    ours = quietly(MLPClassifier(**kwargs).fit, X, y)
    ref = quietly(sknn.MLPClassifier(learning_rate="constant", **kwargs).fit, X, y)
    assert ours.loss_curve_[-1] < ours.loss_curve_[0] / 5
    assert ours.n_iter_ == ref.n_iter_ < 300
    assert ours.score(X, y) > 0.97


def test_invalid_parameters():
    X, y = np.eye(4), [0, 1, 0, 1]
    with pytest.raises(DomainError, match="activation"):
        MLPClassifier(activation="softplus").fit(X, y)
    with pytest.raises(DomainError, match="hidden_layer_sizes"):
        MLPClassifier(hidden_layer_sizes=(0,)).fit(X, y)
    with pytest.raises(DomainError, match="solver"):
        MLPRegressor(solver="lbfgs").fit(X, [0.0, 1.0, 2.0, 3.0])
