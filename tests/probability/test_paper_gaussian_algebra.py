"""Exact Gaussian algebra against scipy.stats densities and NumPy block formulas."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from mml.errors import NotPositiveDefiniteError, ShapeError
from mml.probability.gaussian_algebra import (
    gaussian_affine,
    gaussian_conditional,
    gaussian_marginal,
    gaussian_product,
    gaussian_sum,
)

MEAN = [1, -1, 2]
COV = [[4, 2, 1], [2, 3, 1], [1, 1, 2]]


def floats(matrix):
    return np.array(matrix.tolist(), dtype=float)


def test_conditional_equals_joint_over_marginal_density():
    result = gaussian_conditional(MEAN, COV, given=[2], values=[3])
    joint = stats.multivariate_normal(MEAN, COV)
    marginal = stats.norm(MEAN[2], np.sqrt(COV[2][2]))
    conditional = stats.multivariate_normal(
        [float(v) for v in result.mean], floats(result.covariance)
    )
    rng = np.random.default_rng(0)
    for x12 in rng.normal(size=(5, 2)):
        ratio = joint.pdf([*x12, 3.0]) / marginal.pdf(3.0)
        assert conditional.pdf(x12) == pytest.approx(ratio, rel=1e-10)


def test_conditional_matches_the_block_formula_in_numpy():
    result = gaussian_conditional(MEAN, COV, given=[0, 2], values=[0, 1])
    S = np.array(COV, dtype=float)
    mu = np.array(MEAN, dtype=float)
    a, b = [1], [0, 2]
    gain = S[np.ix_(a, b)] @ np.linalg.inv(S[np.ix_(b, b)])
    np.testing.assert_allclose(
        [float(v) for v in result.mean], mu[a] + gain @ (np.array([0, 1]) - mu[b])
    )
    np.testing.assert_allclose(floats(result.covariance), S[np.ix_(a, a)] - gain @ S[np.ix_(b, a)])


def test_conditional_mean_agrees_with_monte_carlo_in_a_thin_slice():
    result = gaussian_conditional([0, 0], [[1, "0.8"], ["0.8", 1]], given=[1], values=[1])
    rng = np.random.default_rng(1)
    samples = rng.multivariate_normal([0, 0], [[1, 0.8], [0.8, 1]], size=400_000)
    near = samples[np.abs(samples[:, 1] - 1) < 0.02, 0]
    assert near.mean() == pytest.approx(float(result.mean[0]), abs=0.03)
    assert near.var() == pytest.approx(float(result.covariance[0, 0]), abs=0.03)


def test_marginal_affine_sum_and_product():
    assert gaussian_marginal(MEAN, COV, [0, 2]).covariance.tolist() == [[4, 1], [1, 2]]
    A = [[1, 1, 0], [0, 1, -1]]
    affine = gaussian_affine(MEAN, COV, A, [1, 1])
    np.testing.assert_allclose(
        floats(affine.covariance), np.array(A) @ np.array(COV) @ np.array(A).T
    )
    assert affine.mean == (1, -2)
    assert gaussian_sum([1], [[2]], [3], [[5]]).covariance.tolist() == [[7]]
    product = gaussian_product([0], [[1]], [2], [[3]])
    # N(x|0,1)·N(x|2,3) ∝ N(x | m, c) with c = 3/4, m = 1/2
    assert product.covariance.tolist() == [[3 / 4]] and product.mean == (0.5,)
    xs = np.linspace(-3, 3, 7)
    ratio = (
        stats.norm(0, 1).pdf(xs)
        * stats.norm(2, np.sqrt(3)).pdf(xs)
        / stats.norm(0.5, np.sqrt(0.75)).pdf(xs)
    )
    np.testing.assert_allclose(ratio, stats.norm(2, 2).pdf(0) * np.ones_like(xs))


def test_bad_covariances_name_the_argument():
    with pytest.raises(NotPositiveDefiniteError, match="positive definite"):
        gaussian_conditional([0, 0], [[1, 2], [2, 1]], given=[1], values=[0])
    with pytest.raises(NotPositiveDefiniteError, match="symmetric"):
        gaussian_marginal([0, 0], [[1, 0], [1, 1]], [0])
    with pytest.raises(ShapeError):
        gaussian_conditional([0, 0], [[1, 0], [0, 1]], given=[2], values=[0])
