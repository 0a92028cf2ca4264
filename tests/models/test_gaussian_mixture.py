"""GaussianMixture: EM never decreases the likelihood, and matches scikit-learn from the same start."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.datasets import load_old_faithful, make_blobs
from mml.errors import DomainError
from mml.models import GaussianMixture
from mml.preprocessing import StandardScaler

skmix = pytest.importorskip("sklearn.mixture")

COVARIANCE_TYPES = ["full", "tied", "diag", "spherical"]


def faithful():
    return StandardScaler().fit_transform(load_old_faithful().data)


def quietly(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_old_faithful_log_likelihood_matches_sklearn_from_same_start(covariance_type):
    X = faithful()
    start = quietly(
        skmix.GaussianMixture(2, covariance_type=covariance_type, max_iter=1, random_state=0).fit, X
    )
    kwargs = dict(
        n_components=2,
        covariance_type=covariance_type,
        weights_init=start.weights_,
        means_init=start.means_,
        precisions_init=start.precisions_,
        max_iter=200,
        tol=1e-8,
    )
    ours = GaussianMixture(**kwargs).fit(X)
    ref = skmix.GaussianMixture(**kwargs).fit(X)
    assert ours.score(X) == pytest.approx(ref.score(X), rel=0.005)
    assert ours.lower_bound_ == pytest.approx(ref.lower_bound_, rel=1e-6)
    np.testing.assert_allclose(ours.means_, ref.means_, atol=1e-4)
    np.testing.assert_allclose(ours.weights_, ref.weights_, atol=1e-4)
    assert ours.bic(X) == pytest.approx(ref.bic(X), rel=1e-6)
    assert ours.aic(X) == pytest.approx(ref.aic(X), rel=1e-6)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_blobs_with_same_initial_parameters_match_sklearn(covariance_type):
    X, _ = make_blobs(600, 3, centers=4, random_state=2)
    start = quietly(
        skmix.GaussianMixture(4, covariance_type=covariance_type, max_iter=1, random_state=0).fit, X
    )
    kwargs = dict(
        n_components=4,
        covariance_type=covariance_type,
        weights_init=start.weights_,
        means_init=start.means_,
        precisions_init=start.precisions_,
        max_iter=50,
        tol=0,
    )
    ours = quietly(GaussianMixture(**kwargs).fit, X)
    ref = quietly(skmix.GaussianMixture(**kwargs).fit, X)
    assert ours.lower_bound_ == pytest.approx(ref.lower_bound_, rel=1e-8)
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), atol=1e-6)
    np.testing.assert_allclose(ours.score_samples(X), ref.score_samples(X), rtol=1e-8)


@settings(max_examples=20, deadline=None)
@given(
    st.integers(0, 10_000),
    st.sampled_from(COVARIANCE_TYPES),
    st.integers(1, 4),
    st.sampled_from(["kmeans", "k-means++", "random", "random_from_data"]),
)
def test_em_never_decreases_the_log_likelihood(seed, covariance_type, k, init):
    X, _ = make_blobs(120, 2, centers=3, cluster_std=1.5, random_state=seed)
    model = quietly(
        GaussianMixture(
            k,
            covariance_type=covariance_type,
            init_params=init,
            max_iter=30,
            tol=0,
            random_state=seed,
        ).fit,
        X,
    )
    ll = model.lower_bounds_
    assert len(model.history_) == model.n_iter_ == 30
    assert np.all(np.diff(ll) >= -1e-9 * np.abs(ll[1:]))
    # The final parameters are at least as good as the last recorded E-step.
    assert model.score(X) >= ll[-1] - 1e-9


def test_predictions_are_consistent():
    X, _ = make_blobs(200, 2, centers=3, random_state=0)
    model = GaussianMixture(3, random_state=0).fit(X)
    proba = model.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_array_equal(proba.argmax(axis=1), model.predict(X))
    np.testing.assert_array_equal(
        GaussianMixture(3, random_state=0).fit_predict(X), model.predict(X)
    )
    np.testing.assert_allclose(model.weights_.sum(), 1.0)


def test_more_initialisations_never_lower_the_likelihood():
    X, _ = make_blobs(300, 2, centers=5, random_state=3)
    one = quietly(GaussianMixture(5, n_init=1, random_state=1, init_params="random").fit, X)
    many = quietly(GaussianMixture(5, n_init=4, random_state=1, init_params="random").fit, X)
    assert many.lower_bound_ >= one.lower_bound_ - 1e-12


def test_sample_follows_the_fitted_mixture():
    X = faithful()
    model = GaussianMixture(2, random_state=0).fit(X)
    samples, labels = model.sample(20000)
    assert samples.shape == (20000, 2) and np.all(np.diff(labels) >= 0)
    np.testing.assert_allclose(np.bincount(labels) / 20000, model.weights_, atol=0.02)
    for k in range(2):
        np.testing.assert_allclose(samples[labels == k].mean(axis=0), model.means_[k], atol=0.05)
        np.testing.assert_allclose(
            np.cov(samples[labels == k], rowvar=False), model.covariances_[k], atol=0.05
        )


def test_history_records_parameters_for_plotting():
    X = faithful()
    model = GaussianMixture(2, record_covariances=True, random_state=0).fit(X)
    entry = model.history_[0]
    assert set(entry) == {"log_likelihood", "weights", "means", "covariances"}
    assert entry["covariances"].shape == (2, 2, 2)


def test_invalid_parameters():
    X = np.random.RandomState(0).normal(size=(10, 2))
    with pytest.raises(DomainError, match="covariance_type"):
        GaussianMixture(covariance_type="banded").fit(X)
    with pytest.raises(DomainError, match="n_samples >= n_components"):
        GaussianMixture(n_components=20).fit(X)
    with pytest.raises(DomainError, match="init_params"):
        GaussianMixture(init_params="magic").fit(X)
