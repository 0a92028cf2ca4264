"""PCA: explained variance equal to scikit-learn's to 1e-8, components up to sign."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.datasets import load_digits, load_iris
from mml.errors import DomainError
from mml.models import PCA

skdec = pytest.importorskip("sklearn.decomposition")


def assert_same_pca(ours, ref, rtol=1e-8):
    np.testing.assert_allclose(
        ours.explained_variance_, ref.explained_variance_, rtol=rtol, atol=1e-12
    )
    np.testing.assert_allclose(
        ours.explained_variance_ratio_, ref.explained_variance_ratio_, rtol=rtol, atol=1e-12
    )
    np.testing.assert_allclose(ours.mean_, ref.mean_, rtol=1e-12, atol=1e-12)
    # Components agree up to sign (and both libraries pick the same sign rule).
    dots = np.abs(np.sum(ours.components_ * ref.components_, axis=1))
    np.testing.assert_allclose(dots, 1.0, atol=1e-6)


@pytest.mark.parametrize("solver", ["full", "covariance_eigh", "gram"])
def test_iris_matches_sklearn_for_every_exact_solver(solver):
    X, _ = load_iris(return_X_y=True)
    ours = PCA(n_components=3, svd_solver=solver).fit(X)
    ref = skdec.PCA(n_components=3, svd_solver="full").fit(X)
    assert_same_pca(ours, ref)
    np.testing.assert_allclose(ours.components_, ref.components_, atol=1e-7)
    assert ours.noise_variance_ == pytest.approx(ref.noise_variance_, rel=1e-8)


def test_digits_matches_sklearn():
    X, _ = load_digits(return_X_y=True)
    ours = PCA(n_components=10, svd_solver="full").fit(X)
    ref = skdec.PCA(n_components=10, svd_solver="full").fit(X)
    assert_same_pca(ours, ref)
    np.testing.assert_allclose(ours.transform(X[:20]), ref.transform(X[:20]), atol=1e-6)


@settings(max_examples=20, deadline=None)
@given(
    st.integers(0, 10_000),
    st.integers(3, 40),
    st.integers(2, 40),
    st.sampled_from(["full", "covariance_eigh", "gram", "auto"]),
)
def test_random_data_matches_sklearn(seed, n, d, solver):
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n, d)) * np.linspace(5.0, 0.5, d)
    k = min(n, d) - 1
    ours = PCA(n_components=k, svd_solver=solver).fit(X)
    ref = skdec.PCA(n_components=k, svd_solver="full").fit(X)
    np.testing.assert_allclose(
        ours.explained_variance_, ref.explained_variance_, rtol=1e-7, atol=1e-10
    )
    # Projections onto the principal subspace agree (the subspace is unique here).
    P_ours = ours.components_.T @ ours.components_
    P_ref = ref.components_.T @ ref.components_
    gap = np.min(np.abs(np.diff(ref.explained_variance_))) if k > 1 else 1.0
    if gap > 1e-6:
        np.testing.assert_allclose(P_ours, P_ref, atol=1e-6)


def test_gram_trick_on_wide_data_matches_full_svd():
    rng = np.random.RandomState(3)
    X = rng.normal(size=(20, 2000))
    ours = PCA(n_components=10, svd_solver="gram").fit(X)
    ref = skdec.PCA(n_components=10, svd_solver="full").fit(X)
    assert_same_pca(ours, ref)
    np.testing.assert_allclose(ours.components_ @ ours.components_.T, np.eye(10), atol=1e-10)


def test_randomized_matches_sklearn_randomized():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(300, 80)) @ np.diag(np.linspace(10.0, 0.1, 80))
    ours = PCA(n_components=5, svd_solver="randomized", random_state=0).fit(X)
    ref = skdec.PCA(n_components=5, svd_solver="randomized", random_state=0).fit(X)
    assert_same_pca(ours, ref, rtol=1e-6)
    assert ours.noise_variance_ == pytest.approx(ref.noise_variance_, rel=1e-6)


def test_float_n_components_keeps_enough_variance_like_sklearn():
    X, _ = load_digits(return_X_y=True)
    for fraction in (0.5, 0.8, 0.95):
        ours = PCA(n_components=fraction, svd_solver="full").fit(X)
        ref = skdec.PCA(n_components=fraction, svd_solver="full").fit(X)
        assert ours.n_components_ == ref.n_components_
        assert ours.explained_variance_ratio_.sum() > fraction


def test_whitening_and_round_trip():
    X = np.random.RandomState(1).normal(size=(100, 5)) @ np.random.RandomState(2).normal(
        size=(5, 5)
    )
    pca = PCA(whiten=True).fit(X)
    Z = pca.transform(X)
    np.testing.assert_allclose(np.cov(Z, rowvar=False), np.eye(5), atol=1e-10)
    np.testing.assert_allclose(pca.inverse_transform(Z), X, atol=1e-10)
    ref = skdec.PCA(whiten=True).fit(X)
    np.testing.assert_allclose(np.abs(Z), np.abs(ref.transform(X)), atol=1e-8)


def test_projection_minimises_reconstruction_error_property():
    rng = np.random.RandomState(4)
    X = rng.normal(size=(60, 6)) * np.array([5.0, 4.0, 3.0, 1.0, 0.5, 0.1])
    pca = PCA(n_components=3).fit(X)
    error = np.mean(np.sum((X - pca.inverse_transform(pca.transform(X))) ** 2, axis=1))
    discarded = (60 - 1) / 60 * PCA().fit(X).explained_variance_[3:].sum()
    assert error == pytest.approx(discarded, rel=1e-10)  # MML eq. (10.44)


def test_log_likelihood_matches_sklearn():
    X, _ = load_iris(return_X_y=True)
    ours = PCA(n_components=2).fit(X)
    ref = skdec.PCA(n_components=2).fit(X)
    np.testing.assert_allclose(ours.score_samples(X), ref.score_samples(X), rtol=1e-8)
    assert ours.score(X) == pytest.approx(ref.score(X), rel=1e-10)


def test_invalid_arguments():
    X = np.random.RandomState(0).normal(size=(10, 3))
    with pytest.raises(DomainError, match="n_components=5"):
        PCA(n_components=5).fit(X)
    with pytest.raises(DomainError, match="svd_solver"):
        PCA(svd_solver="arpack").fit(X)
    with pytest.raises(DomainError):
        PCA(n_components=0.5, svd_solver="randomized").fit(X)
