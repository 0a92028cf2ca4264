"""ProbabilisticPCA: closed-form maximum likelihood, checked against SciPy densities and perturbations."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.datasets import load_iris
from mml.errors import DomainError
from mml.models import ProbabilisticPCA

stats = pytest.importorskip("scipy.stats")
skdec = pytest.importorskip("sklearn.decomposition")


def test_log_likelihood_is_the_gaussian_density_of_the_model():
    X, _ = load_iris(return_X_y=True)
    model = ProbabilisticPCA(n_components=2).fit(X)
    density = stats.multivariate_normal(model.mean_, model.get_covariance())
    np.testing.assert_allclose(model.score_samples(X), density.logpdf(X), rtol=1e-10)


def test_model_covariance_keeps_top_eigenvalues_and_averages_the_rest():
    X, _ = load_iris(return_X_y=True)
    model = ProbabilisticPCA(n_components=2).fit(X)
    S = np.cov(X, rowvar=False, ddof=0)
    eigenvalues = np.sort(np.linalg.eigvalsh(S))[::-1]
    model_eigenvalues = np.sort(np.linalg.eigvalsh(model.get_covariance()))[::-1]
    np.testing.assert_allclose(model_eigenvalues[:2], eigenvalues[:2], rtol=1e-10)
    np.testing.assert_allclose(model_eigenvalues[2:], eigenvalues[2:].mean(), rtol=1e-10)
    # The same subspace as PCA.
    ref = skdec.PCA(2).fit(X)
    np.testing.assert_allclose(np.abs(model.components_ @ ref.components_.T), np.eye(2), atol=1e-8)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 3))
def test_maximum_likelihood_beats_perturbed_parameters(seed, M):
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(80, 5)) @ rng.normal(size=(5, 5))
    model = ProbabilisticPCA(n_components=M).fit(X)
    best = model.score(X)
    for _ in range(3):
        perturbed = ProbabilisticPCA(n_components=M).fit(X)
        perturbed.W_ = model.W_ + 0.05 * rng.normal(size=model.W_.shape) * np.abs(model.W_).max()
        perturbed.noise_variance_ = model.noise_variance_ * rng.uniform(0.7, 1.3)
        assert perturbed.score(X) <= best + 1e-9


def test_posterior_mean_reconstruction_and_sampling():
    rng = np.random.RandomState(1)
    Z = rng.normal(size=(4000, 2))
    W = np.array([[2.0, 0.0], [1.0, 1.0], [0.0, 3.0], [0.5, -0.5]])
    X = Z @ W.T + 5.0 + 0.1 * rng.normal(size=(4000, 4))
    model = ProbabilisticPCA(n_components=2, random_state=0).fit(X)
    assert model.noise_variance_ == pytest.approx(0.01, rel=0.1)
    reconstruction = model.inverse_transform(model.transform(X))
    assert np.mean((reconstruction - X) ** 2) < 0.02
    samples = model.sample(20000)
    np.testing.assert_allclose(np.cov(samples, rowvar=False), model.get_covariance(), atol=0.3)


def test_invalid_number_of_components():
    X = np.random.RandomState(0).normal(size=(10, 3))
    with pytest.raises(DomainError, match="n_components"):
        ProbabilisticPCA(n_components=3).fit(X)
