"""Probability pictures: the drawn curves are the densities SciPy computes."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from mml.errors import DomainError, ShapeError
from mml.plot import beta_binomial, conditioning, density, gaussian_ellipses, normal_normal
from mml.probability import Beta, Normal, Poisson


def data(line):
    return np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)


def test_pdf_curves_and_pmf_stems_are_scipys():
    ax = density([Normal(1.0, 2.0), Poisson(3.0)]).axes[0]
    xs, ps = data(ax.lines[0])
    np.testing.assert_allclose(ps, stats.norm(1.0, 2.0).pdf(xs), rtol=1e-10)
    assert np.trapezoid(ps, xs) == pytest.approx(0.998, abs=1e-3)
    ks, pk = data(ax.lines[1])
    np.testing.assert_allclose(pk, stats.poisson(3.0).pmf(ks), rtol=1e-10, atol=1e-300)


def test_density_of_one_distribution_and_of_nothing():
    ax = density(Beta(2.0, 5.0)).axes[0]
    xs, ps = data(ax.lines[0])
    np.testing.assert_allclose(ps, stats.beta(2, 5).pdf(xs), rtol=1e-9)
    with pytest.raises(DomainError):
        density([])
    with pytest.raises(DomainError, match="not a distribution"):
        density([object()])


def test_ellipse_points_are_at_mahalanobis_radius_k():
    mu, S = np.array([1.0, -1.0]), np.array([[2.0, 0.8], [0.8, 1.0]])
    ax = gaussian_ellipses(mu, S, samples=50, random_state=0).axes[0]
    for k, line in zip((1, 2, 3), ax.lines[:3]):
        xy = np.vstack(data(line)).T - mu
        d2 = np.einsum("ni,ij,nj->n", xy, np.linalg.inv(S), xy)
        np.testing.assert_allclose(d2, k**2, rtol=1e-10)
    assert len(ax.collections) == 1  # the samples


def test_singular_covariance_is_a_segment_and_indefinite_is_refused():
    ax = gaussian_ellipses([0, 0], [[1, 1], [1, 1]]).axes[0]
    xs, ys = data(ax.lines[0])
    np.testing.assert_allclose(xs, ys, atol=1e-12)
    with pytest.raises(DomainError, match="semi-definite"):
        gaussian_ellipses([0, 0], [[1, 2], [2, 1]])
    with pytest.raises(ShapeError):
        gaussian_ellipses([0, 0, 0], np.eye(3))


def test_conditional_slice_matches_the_formula_and_scipy():
    mu, S, a = np.array([0.5, -1.0]), np.array([[2.0, 1.2], [1.2, 1.5]]), 1.5
    fig = conditioning(mu, S, x1=a)
    m = mu[1] + S[1, 0] / S[0, 0] * (a - mu[0])
    v = S[1, 1] - S[1, 0] ** 2 / S[0, 0]
    right = fig.axes[1]
    xs, ps = data(right.lines[0])
    np.testing.assert_allclose(ps, stats.norm(m, np.sqrt(v)).pdf(xs), rtol=1e-10)
    dots_x, dots_y = data(right.lines[1])  # the joint along the slice, renormalised
    np.testing.assert_allclose(dots_y, stats.norm(m, np.sqrt(v)).pdf(dots_x), atol=2e-3)
    point = [l for l in fig.axes[0].lines if l.get_label() == "conditional mean"][0]
    assert data(point)[1][0] == pytest.approx(m)


def test_conditioning_needs_a_density():
    with pytest.raises(DomainError, match="positive definite"):
        conditioning([0, 0], [[1, 1], [1, 1]], x1=0.0)


def test_beta_binomial_posterior_is_scipys_beta():
    ax = beta_binomial(2, 3, successes=7, trials=10).axes[0]
    xs, post = data(ax.lines[2])
    np.testing.assert_allclose(post, stats.beta(9, 6).pdf(xs), rtol=1e-9)
    xs, like = data(ax.lines[1])
    assert xs[np.argmax(like)] == pytest.approx(0.7, abs=0.005)  # the MLE k/N
    with pytest.raises(DomainError):
        beta_binomial(1, 1, successes=5, trials=3)


def test_beta_binomial_with_no_trials_keeps_the_prior():
    ax = beta_binomial(2, 2, successes=0, trials=0).axes[0]
    np.testing.assert_allclose(data(ax.lines[2])[1], data(ax.lines[0])[1])


def test_normal_normal_posterior_and_empty_data():
    ax = normal_normal(0, 4, 1, [2.0, 1.0, 3.0]).axes[0]
    v = 1 / (1 / 4 + 3)
    m = v * (6.0 / 1)
    xs, post = data(ax.lines[2])
    np.testing.assert_allclose(post, stats.norm(m, np.sqrt(v)).pdf(xs), rtol=1e-9)
    with pytest.raises(ShapeError):
        normal_normal(0, 1, 1, [])


def test_a_batch_of_distributions_is_refused():
    with pytest.raises(ShapeError, match="one distribution at a time"):
        density(Normal([0.0, 1.0], 1.0))
