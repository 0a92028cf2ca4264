"""Embedded data sets load as documented; generators match scikit-learn's draws."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mml import datasets
from mml.errors import DomainError, ShapeError

skd = pytest.importorskip("sklearn.datasets")


def test_iris_equals_sklearns_copy():
    ours = datasets.load_iris()
    ref = skd.load_iris()
    np.testing.assert_array_equal(ours.data, ref.data)
    np.testing.assert_array_equal(ours.target, ref.target)
    assert ours.target_names == list(ref.target_names)
    assert ours.feature_names == ref.feature_names


def test_digits_equal_sklearns_copy():
    ours = datasets.load_digits()
    ref = skd.load_digits()
    np.testing.assert_array_equal(ours.data, ref.data)
    np.testing.assert_array_equal(ours.images, ref.images)
    np.testing.assert_array_equal(ours.target, ref.target)
    X, y = datasets.load_digits(n_class=3, return_X_y=True)
    X_ref, y_ref = skd.load_digits(n_class=3, return_X_y=True)
    np.testing.assert_array_equal(X, X_ref)
    np.testing.assert_array_equal(y, y_ref)


def test_old_faithful_has_272_eruptions_in_two_clusters():
    faithful = datasets.load_old_faithful()
    X = faithful.data
    assert X.shape == (272, 2)
    assert X[:3].tolist() == [[3.6, 79.0], [1.8, 54.0], [3.333, 74.0]]
    assert 1.5 < X[:, 0].min() < 2.0 and 5.0 < X[:, 0].max() < 5.2
    assert 43 <= X[:, 1].min() and X[:, 1].max() <= 96
    short = X[:, 0] < 3.0  # the two well-known modes of eruption length
    assert 80 < short.sum() < 120


def test_polynomial_regression_file_equals_a_fresh_draw():
    x_tr, y_tr, x_te, y_te = datasets.polynomial_regression_sample()
    X, y = datasets.load_polynomial_regression(return_X_y=True)
    np.testing.assert_array_equal(X[:, 0], x_tr)
    np.testing.assert_array_equal(y, y_tr)
    test = datasets.load_polynomial_regression(subset="test")
    np.testing.assert_array_equal(test.data[:, 0], x_te)
    np.testing.assert_array_equal(test.target, y_te)
    assert datasets.load_polynomial_regression(subset="all").data.shape == (210, 1)
    residual = y_te - (-np.sin(x_te / 5) + np.cos(x_te))
    assert abs(residual.std() - 0.2) < 0.03


def test_loader_errors():
    with pytest.raises(DomainError):
        datasets.load_digits(n_class=11)
    with pytest.raises(DomainError):
        datasets.load_polynomial_regression(subset="validation")


@settings(max_examples=25, deadline=None)
@given(
    st.integers(1, 60) | st.lists(st.integers(1, 10), min_size=1, max_size=4),
    st.integers(1, 4),
    st.floats(0.1, 3.0),
    st.booleans(),
    st.integers(0, 1000),
)
def test_make_blobs_equals_sklearn(n_samples, n_features, std, shuffle, seed):
    kwargs = dict(n_features=n_features, cluster_std=std, shuffle=shuffle, random_state=seed)
    ours = datasets.make_blobs(n_samples, return_centers=True, **kwargs)
    ref = skd.make_blobs(n_samples, return_centers=True, **kwargs)
    for a, b in zip(ours, ref, strict=True):
        np.testing.assert_array_equal(a, b)


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 60), st.none() | st.floats(0.0, 0.5), st.booleans(), st.integers(0, 1000))
def test_make_moons_equals_sklearn(n, noise, shuffle, seed):
    ours = datasets.make_moons(n, noise=noise, shuffle=shuffle, random_state=seed)
    ref = skd.make_moons(n, noise=noise, shuffle=shuffle, random_state=seed)
    for a, b in zip(ours, ref, strict=True):
        np.testing.assert_array_equal(a, b)


@settings(max_examples=25, deadline=None)
@given(
    st.integers(1, 40),
    st.integers(1, 8),
    st.integers(0, 8),
    st.integers(1, 3),
    st.floats(0.0, 5.0),
    st.booleans(),
    st.integers(0, 1000),
)
def test_make_regression_equals_sklearn(n, d, informative, targets, noise, shuffle, seed):
    kwargs = dict(
        n_informative=informative,
        n_targets=targets,
        noise=noise,
        shuffle=shuffle,
        coef=True,
        random_state=seed,
        bias=1.5,
    )
    ours = datasets.make_regression(n, d, **kwargs)
    ref = skd.make_regression(n, d, **kwargs)
    for a, b in zip(ours, ref, strict=True):
        np.testing.assert_array_equal(a, b)


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 4), st.integers(1, 2), st.integers(0, 1000), st.booleans())
def test_make_classification_structure(n_classes, clusters, seed, shuffle):
    n_informative = 4
    bunch = datasets.make_classification(
        n_samples=120,
        n_features=10,
        n_informative=n_informative,
        n_redundant=2,
        n_repeated=1,
        n_classes=n_classes,
        n_clusters_per_class=clusters,
        flip_y=0.0,
        shuffle=shuffle,
        random_state=seed,
        return_X_y=False,
    )
    X, y, info = bunch.X, bunch.y, bunch.feature_info
    assert X.shape == (120, 10)
    assert sorted(info) == sorted(
        ["informative"] * 4 + ["redundant"] * 2 + ["repeated"] + ["random"] * 3
    )
    assert (
        np.bincount(y).tolist()
        == np.bincount(
            skd.make_classification(
                n_samples=120,
                n_features=10,
                n_informative=4,
                n_redundant=2,
                n_repeated=1,
                n_classes=n_classes,
                n_clusters_per_class=clusters,
                flip_y=0.0,
                random_state=seed,
            )[1]
        ).tolist()
    )
    informative = X[:, [i for i, kind in enumerate(info) if kind == "informative"]]
    redundant = X[:, [i for i, kind in enumerate(info) if kind == "redundant"]]
    # Redundant features are exact linear combinations of the informative ones.
    coef, *_ = np.linalg.lstsq(informative, redundant, rcond=None)
    np.testing.assert_allclose(informative @ coef, redundant, atol=1e-8)
    repeated = X[:, info.index("repeated")]
    assert any(np.array_equal(repeated, X[:, j]) for j in range(10) if info[j] != "repeated")


def test_make_classification_is_learnable_like_sklearns():
    from sklearn.linear_model import LogisticRegression

    # One cluster per class: the classes sit on distinct cube corners, so a line separates them.
    kwargs = dict(n_samples=400, class_sep=2.0, n_clusters_per_class=1, random_state=0)
    X, y = datasets.make_classification(**kwargs)
    X_ref, y_ref = skd.make_classification(**kwargs)
    ours = LogisticRegression().fit(X, y).score(X, y)
    ref = LogisticRegression().fit(X_ref, y_ref).score(X_ref, y_ref)
    assert ours > 0.85 and abs(ours - ref) < 0.1


def test_generator_errors():
    with pytest.raises(DomainError, match="sum to less"):
        datasets.make_classification(n_features=3, n_informative=2, n_redundant=2)
    with pytest.raises(DomainError, match="2\\*\\*n_informative"):
        datasets.make_classification(n_informative=1, n_classes=3)
    with pytest.raises(ShapeError):
        datasets.make_blobs([10, 10], centers=[[0.0, 0.0]])
    with pytest.raises(DomainError):
        datasets.make_moons("many")
