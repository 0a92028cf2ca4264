"""Perceptron: separates separable data, and scores like scikit-learn's on blobs."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.errors import DomainError
from mml.models import Perceptron

sklearn_linear = pytest.importorskip("sklearn.linear_model")
sklearn_datasets = pytest.importorskip("sklearn.datasets")


@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_linearly_separable_data_is_classified_perfectly(seed):
    rng = np.random.RandomState(seed)
    w = rng.normal(size=3)
    X = rng.normal(size=(60, 3))
    margin = X @ w
    X, margin = X[np.abs(margin) > 0.3], margin[np.abs(margin) > 0.3]
    y = (margin > 0).astype(int)
    if len(np.unique(y)) < 2:
        return
    model = Perceptron(tol=None, max_iter=2000, fit_intercept=False).fit(X, y)
    assert model.score(X, y) == 1.0


@pytest.mark.parametrize("centers", [2, 3, 4])
def test_accuracy_within_a_few_points_of_sklearn(centers):
    X, y = sklearn_datasets.make_blobs(n_samples=400, centers=centers, random_state=1)
    ours = Perceptron().fit(X, y).score(X, y)
    ref = sklearn_linear.Perceptron().fit(X, y).score(X, y)
    assert ours >= ref - 0.05


def test_string_labels_round_trip():
    X = np.array([[0.0], [1.0], [3.0], [4.0]])
    y = np.array(["no", "no", "yes", "yes"])
    assert Perceptron().fit(X, y).predict(X).tolist() == y.tolist()


def test_one_class_is_a_domain_error():
    with pytest.raises(DomainError, match="only one class"):
        Perceptron().fit(np.eye(3), [1, 1, 1])
