"""Model pictures: bands are the predictive std, projections lie on the first principal axis,
ellipses are the recorded EM covariances."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.decomposition import PCA as SkPCA

from mml.errors import DomainError, NotFittedError, ShapeError
from mml.models import PCA, BayesianLinearRegression, GaussianMixture, LinearRegression
from mml.plot import gmm_iterations, pca_projection, regression_fit, scree_plot

RNG = np.random.default_rng(0)


def polynomial(t):
    return np.column_stack([t, t**2, t**3])


def test_predictive_band_is_two_predictive_stds_around_the_mean():
    x = np.linspace(-1, 1, 12)
    y = np.sin(3 * x) + 0.1 * RNG.normal(size=x.size)
    model = BayesianLinearRegression().fit(polynomial(x), y)
    ax = regression_fit(model, x, y, features=polynomial).axes[0]
    mean_line = next(l for l in ax.lines if l.get_label() == "predictive mean")
    grid = mean_line.get_xdata()
    mean, std = model.predict(polynomial(grid), return_std=True)
    np.testing.assert_allclose(mean_line.get_ydata(), mean)
    outer = ax.collections[0].get_paths()[0].vertices
    assert outer[:, 1].max() == pytest.approx((mean + 2 * std).max())
    assert outer[:, 1].min() == pytest.approx((mean - 2 * std).min())


def test_plain_regressor_has_no_band_and_a_one_point_data_set_draws():
    x, y = np.array([0.0, 1.0, 2.0]), np.array([1.0, 3.0, 5.0])
    ax = regression_fit(LinearRegression().fit(x[:, None], y), x, y).axes[0]
    assert not ax.collections
    fit = next(l for l in ax.lines if l.get_label() == "fit")
    np.testing.assert_allclose(fit.get_ydata(), 2 * fit.get_xdata() + 1)
    one = regression_fit(BayesianLinearRegression().fit([[1.0]], [2.0]), [1.0], [2.0]).axes[0]
    assert one.get_xlim()[0] < 1.0 < one.get_xlim()[1]
    with pytest.raises(ShapeError, match="one input"):
        regression_fit(LinearRegression(), np.ones((3, 2)), np.ones(3))


def test_projections_lie_on_the_first_principal_axis():
    X = RNG.normal(size=(30, 2)) @ np.array([[2.0, 1.0], [0.0, 0.5]])
    pca = PCA().fit(X)
    ax = pca_projection(pca, X).axes[0]
    projected = ax.collections[1].get_offsets()
    b1 = SkPCA().fit(X).components_[0]
    centred = projected - X.mean(axis=0)
    np.testing.assert_allclose(centred[:, 0] * b1[1] - centred[:, 1] * b1[0], 0.0, atol=1e-10)
    np.testing.assert_allclose(np.abs(centred @ b1), np.abs((X - X.mean(0)) @ b1))


def test_many_features_draw_the_first_two_scores_and_unfitted_is_refused():
    X = RNG.normal(size=(40, 4)) * [3.0, 2.0, 1.0, 0.2]
    y = (X[:, 0] > 0).astype(int)
    pca = PCA(n_components=3).fit(X)
    ax = pca_projection(pca, X, y).axes[0]
    np.testing.assert_allclose(ax.collections[0].get_offsets(), pca.transform(X)[:, :2])
    with pytest.raises(NotFittedError):
        pca_projection(PCA(), X)
    with pytest.raises(ShapeError):
        pca_projection(pca, X[:, :2])


def test_scree_bars_are_the_explained_variance_ratios():
    X = RNG.normal(size=(40, 4)) * [3.0, 2.0, 1.0, 0.2]
    pca = PCA().fit(X)
    ax = scree_plot(pca).axes[0]
    heights = [p.get_height() for p in ax.patches]
    np.testing.assert_allclose(heights, SkPCA().fit(X).explained_variance_ratio_, rtol=1e-10)
    cumulative = next(l for l in ax.lines if l.get_label() == "cumulative")
    assert cumulative.get_ydata()[-1] == pytest.approx(1.0)


def test_scree_of_a_one_dimensional_data_set():
    pca = PCA().fit(RNG.normal(size=(10, 1)))
    assert len(scree_plot(pca).axes[0].patches) == 1


def blobs():
    return np.vstack([RNG.normal(0, 1, (40, 2)), RNG.normal([5, 3], 0.7, (40, 2))])


def test_last_panel_shows_the_fitted_mixture():
    X = blobs()
    gmm = GaussianMixture(2, record_covariances=True, random_state=0).fit(X)
    fig = gmm_iterations(gmm, X)
    assert 1 <= len(fig.axes) <= 6
    assert fig.axes[-1].get_title().startswith(f"iteration {len(gmm.history_)}")
    last = fig.axes[-1]
    for j in range(2):
        means = [l for l in last.lines if l.get_marker() == "x"]
        np.testing.assert_allclose(np.ravel(means[j].get_data()), gmm.means_[j])
        ring = np.vstack(last.lines[2 * j].get_data()).T - gmm.means_[j]
        d2 = np.einsum("ni,ij,nj->n", ring, np.linalg.inv(gmm.covariances_[j]), ring)
        np.testing.assert_allclose(d2, 4.0, rtol=1e-8)


def test_gmm_needs_recorded_covariances_and_valid_iterations():
    X = blobs()
    plain = GaussianMixture(2, random_state=0).fit(X)
    with pytest.raises(DomainError, match="record_covariances"):
        gmm_iterations(plain, X)
    diag = GaussianMixture(2, covariance_type="diag", record_covariances=True, random_state=0)
    diag.fit(X)
    assert len(gmm_iterations(diag, X, iterations=[1]).axes) == 1
    with pytest.raises(DomainError, match="outside"):
        gmm_iterations(diag, X, iterations=[0])
    with pytest.raises(ShapeError):
        gmm_iterations(diag, X[:, :1])


def test_pca_of_a_one_dimensional_data_set_is_a_strip_of_scores():
    X = RNG.normal(size=(12, 1))
    pca = PCA().fit(X)
    ax = pca_projection(pca, X, y=np.array(["a", "b"] * 6)).axes[0]
    offsets = ax.collections[0].get_offsets()
    np.testing.assert_allclose(offsets[:, 0], pca.transform(X)[:, 0])
    np.testing.assert_allclose(offsets[:, 1], 0.0)
