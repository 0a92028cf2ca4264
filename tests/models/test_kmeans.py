"""KMeans against scikit-learn and against the invariants of Lloyd's algorithm."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.errors import DomainError
from mml.models import KMeans
from mml.models.kmeans import kmeans_plusplus, squared_distances

sklearn_cluster = pytest.importorskip("sklearn.cluster")
sklearn_datasets = pytest.importorskip("sklearn.datasets")


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_inertia_matches_sklearn_within_one_percent_from_same_init(seed):
    X, _ = sklearn_datasets.make_blobs(n_samples=500, centers=5, n_features=4, random_state=seed)
    init = X[np.random.RandomState(seed).choice(500, 5, replace=False)]
    ours = KMeans(n_clusters=5, init=init, n_init=1).fit(X)
    ref = sklearn_cluster.KMeans(n_clusters=5, init=init, n_init=1, algorithm="lloyd").fit(X)
    assert ours.inertia_ == pytest.approx(ref.inertia_, rel=0.01)


def test_inertia_matches_sklearn_with_kmeans_plusplus_and_restarts():
    X, _ = sklearn_datasets.make_blobs(n_samples=600, centers=6, random_state=3)
    ours = KMeans(n_clusters=6, n_init=5, random_state=0).fit(X)
    ref = sklearn_cluster.KMeans(n_clusters=6, n_init=5, random_state=0).fit(X)
    assert ours.inertia_ == pytest.approx(ref.inertia_, rel=0.01)


@settings(max_examples=25, deadline=None)
@given(
    st.integers(min_value=0, max_value=10_000),
    st.integers(min_value=1, max_value=5),
)
def test_lloyd_fixed_point_each_center_is_mean_of_its_points(seed, k):
    X = np.random.RandomState(seed).normal(size=(40, 3))
    model = KMeans(n_clusters=k, random_state=seed, max_iter=500, tol=0).fit(X)
    for j in range(k):
        members = X[model.labels_ == j]
        if len(members):
            np.testing.assert_allclose(model.cluster_centers_[j], members.mean(axis=0), atol=1e-10)
    D = squared_distances(X, model.cluster_centers_)
    assert model.inertia_ == pytest.approx(D.min(axis=1).sum())
    np.testing.assert_array_equal(model.predict(X), model.labels_)


def test_more_restarts_never_increase_inertia():
    X = np.random.RandomState(0).normal(size=(200, 2))
    one = KMeans(n_clusters=6, n_init=1, random_state=5).fit(X).inertia_
    many = KMeans(n_clusters=6, n_init=8, random_state=5).fit(X).inertia_
    assert many <= one + 1e-12


def test_kmeans_plusplus_picks_distinct_rows():
    X = np.random.RandomState(1).normal(size=(50, 2))
    centers, idx = kmeans_plusplus(X, 5, random_state=0)
    assert len(set(idx.tolist())) == 5
    np.testing.assert_array_equal(centers, X[idx])


def test_transform_is_distance_to_centres():
    X = np.random.RandomState(2).normal(size=(30, 2))
    model = KMeans(n_clusters=3, random_state=0).fit(X)
    expected = np.sqrt(((X[:, None, :] - model.cluster_centers_[None]) ** 2).sum(-1))
    np.testing.assert_allclose(model.transform(X), expected, atol=1e-12)
    assert model.score(X) == pytest.approx(-model.inertia_)


def test_too_many_clusters_is_a_domain_error():
    with pytest.raises(DomainError, match="n_clusters=5"):
        KMeans(n_clusters=5).fit(np.eye(3))
