"""Vector-valued distributions against scipy.stats: MultivariateNormal, Dirichlet,
Categorical and Multinomial; Gaussian conditioning against the block formula and Monte Carlo."""

import numpy as np
import pytest
import scipy.stats as st
from hypothesis import given, settings
from hypothesis import strategies as st_h

from mml.errors import DomainError, NotPositiveDefiniteError, ShapeError
from mml.probability import Categorical, Dirichlet, Multinomial, MultivariateNormal

from .test_special import assert_close


def random_covariance(d, seed):
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((d, d))
    return A @ A.T / d + 0.1 * np.eye(d), rng.standard_normal(d)


@pytest.mark.parametrize("d", [1, 2, 5, 30])
def test_multivariate_normal_logpdf_pdf_and_entropy_match_scipy(d):
    cov, mean = random_covariance(d, d)
    ours, reference = MultivariateNormal(mean, cov), st.multivariate_normal(mean, cov)
    x = np.random.default_rng(1).standard_normal((200, d)) * 2
    assert_close(ours.logpdf(x), reference.logpdf(x), rtol=1e-12)
    assert_close(ours.pdf(x), reference.pdf(x), rtol=1e-11)
    assert_close(ours.entropy(), reference.entropy(), rtol=1e-12)
    assert ours.logpdf(x[0]).shape == ()
    assert ours.logpdf(x.reshape(20, 10, d)).shape == (20, 10)


def test_multivariate_normal_samples_have_the_right_mean_and_covariance():
    cov, mean = random_covariance(3, 0)
    samples = MultivariateNormal(mean, cov).sample(40_000, random_state=5)
    assert samples.shape == (40_000, 3)
    # standard errors: sqrt(var / n) for the mean, about sqrt(2/n) var for the covariance
    assert np.all(np.abs(samples.mean(axis=0) - mean) < 5 * np.sqrt(np.diag(cov) / 40_000))
    assert np.allclose(np.cov(samples, rowvar=False), cov, atol=0.05 * np.max(cov))
    # each whitened coordinate is standard normal
    whitened = (samples - mean) @ np.linalg.inv(np.linalg.cholesky(cov)).T
    assert st.kstest(whitened[:, 2], "norm").pvalue > 1e-3


def test_conditioning_matches_the_block_matrix_formula():
    cov, mean = random_covariance(5, 3)
    observed, free, values = [1, 3], [0, 2, 4], np.array([0.4, -1.2])
    conditional = MultivariateNormal(mean, cov).condition(observed, values)
    s11 = cov[np.ix_(free, free)]
    s12 = cov[np.ix_(free, observed)]
    s22 = cov[np.ix_(observed, observed)]
    gain = s12 @ np.linalg.inv(s22)
    assert np.allclose(
        conditional.mean(), mean[free] + gain @ (values - mean[observed]), atol=1e-12
    )
    assert np.allclose(conditional.cov(), s11 - gain @ s12.T, atol=1e-12)


def test_conditioning_matches_a_brute_force_monte_carlo_estimate():
    cov = np.array([[1.0, 0.8], [0.8, 2.0]])
    mean = np.array([0.5, -1.0])
    draws = MultivariateNormal(mean, cov).sample(400_000, random_state=11)
    near = np.abs(draws[:, 1] - 0.0) < 0.02  # condition on x2 close to 0
    conditional = MultivariateNormal(mean, cov).condition([1], [0.0])
    selected = draws[near, 0]
    assert abs(selected.mean() - conditional.mean()[0]) < 5 * np.sqrt(
        conditional.var()[0] / near.sum()
    )
    assert abs(selected.var() - conditional.var()[0]) < 0.05


def test_marginal_and_linear_transform():
    cov, mean = random_covariance(4, 8)
    gaussian = MultivariateNormal(mean, cov)
    marginal = gaussian.marginal([2, 0])
    assert np.allclose(marginal.mean(), mean[[2, 0]])
    assert np.allclose(marginal.cov(), cov[np.ix_([2, 0], [2, 0])])
    A = np.array([[1.0, 2.0, 0.0, -1.0], [0.0, 1.0, 1.0, 1.0]])
    b = np.array([3.0, -2.0])
    image = gaussian.linear_transform(A, b)
    assert np.allclose(image.mean(), A @ mean + b)
    assert np.allclose(image.cov(), A @ cov @ A.T)


@pytest.mark.parametrize(
    "cov",
    [
        [[1.0, 2.0], [2.0, 1.0]],  # indefinite
        [[1.0, 1.0], [1.0, 1.0]],  # singular
        [[1.0, 0.5], [0.0, 1.0]],  # not symmetric
        [[-1.0, 0.0], [0.0, 1.0]],
    ],
)
def test_a_covariance_that_is_not_spd_raises_naming_cov(cov):
    with pytest.raises(NotPositiveDefiniteError, match="cov"):
        MultivariateNormal([0.0, 0.0], cov)


def test_multivariate_normal_shape_errors():
    with pytest.raises(ShapeError, match="cov"):
        MultivariateNormal([0.0, 0.0], np.eye(3))
    with pytest.raises(ShapeError, match="x"):
        MultivariateNormal([0.0, 0.0], np.eye(2)).logpdf(np.zeros(3))
    with pytest.raises(DomainError, match="mean"):
        MultivariateNormal([0.0, np.nan], np.eye(2))


@settings(max_examples=25, deadline=None)
@given(st_h.integers(1, 6), st_h.integers(0, 10_000))
def test_multivariate_normal_logpdf_matches_scipy_for_random_covariances(d, seed):
    cov, mean = random_covariance(d, seed)
    x = np.random.default_rng(seed + 1).standard_normal((5, d))
    assert np.allclose(
        MultivariateNormal(mean, cov).logpdf(x),
        st.multivariate_normal(mean, cov).logpdf(x),
        rtol=1e-10,
        atol=1e-10,
    )


ALPHAS = [[1.0, 1.0, 1.0], [0.5, 2.0, 3.0], [30.0, 0.2], [5.0, 5.0, 5.0, 0.7]]


@pytest.mark.parametrize("alpha", ALPHAS)
def test_dirichlet_matches_scipy(alpha):
    ours, reference = Dirichlet(alpha), st.dirichlet(alpha)
    x = np.random.default_rng(0).dirichlet(np.ones(len(alpha)), 50)
    assert_close(ours.logpdf(x), reference.logpdf(x.T), rtol=1e-12)
    assert_close(ours.mean(), reference.mean(), rtol=1e-14)
    assert_close(ours.var(), reference.var(), rtol=1e-13)
    assert np.allclose(ours.cov(), reference.cov(), rtol=1e-12, atol=1e-15)
    assert_close(ours.entropy(), reference.entropy(), rtol=1e-12)


@pytest.mark.parametrize("alpha", ALPHAS)
def test_dirichlet_samples_lie_on_the_simplex_with_beta_marginals(alpha):
    samples = Dirichlet(alpha).sample(3000, random_state=3)
    assert np.allclose(samples.sum(axis=1), 1.0)
    a0 = sum(alpha)
    # the first component of a Dirichlet is Beta(alpha_1, alpha_0 - alpha_1)
    assert st.kstest(samples[:, 0], st.beta(alpha[0], a0 - alpha[0]).cdf).pvalue > 1e-3


def test_dirichlet_rejects_points_off_the_simplex_and_bad_alpha():
    with pytest.raises(DomainError, match="simplex"):
        Dirichlet([1.0, 2.0]).logpdf([0.5, 0.6])
    with pytest.raises(DomainError, match="alpha"):
        Dirichlet([1.0, -2.0])


def test_categorical_matches_a_one_draw_multinomial_and_its_sampler():
    p = np.array([0.1, 0.0, 0.6, 0.3])
    categorical = Categorical(p)
    k = np.arange(-1, 6)
    one_hot = np.eye(4)[np.clip(k, 0, 3)]
    expected = np.where((k >= 0) & (k < 4), st.multinomial(1, p).pmf(one_hot), 0.0)
    assert_close(categorical.pmf(k), expected)
    assert_close(categorical.cdf(k), np.concatenate([[0.0], np.cumsum(p), [1.0, 1.0]])[: len(k)])
    draws = categorical.sample(20_000, random_state=2)
    assert np.all(draws != 1)
    counts = np.bincount(draws, minlength=4)
    assert st.chisquare(counts[p > 0], 20_000 * p[p > 0]).pvalue > 1e-3
    assert categorical.ppf([0.05, 0.1, 0.11, 0.7, 0.71, 1.0]).tolist() == [0, 0, 2, 2, 3, 3]
    assert_close(categorical.entropy(), st.entropy(p))


def test_multinomial_matches_scipy():
    p = [0.2, 0.3, 0.5]
    ours, reference = Multinomial(7, p), st.multinomial(7, p)
    x = np.array([[1, 2, 4], [0, 0, 7], [7, 0, 0], [1, 1, 1], [3, 3, 1]])
    assert_close(ours.pmf(x), reference.pmf(x), rtol=1e-13)
    assert_close(ours.entropy(), reference.entropy(), rtol=1e-12)
    assert np.allclose(ours.cov(), reference.cov())
    draws = ours.sample(5000, random_state=4)
    assert draws.shape == (5000, 3) and np.all(draws.sum(axis=1) == 7)
    # each count is Binomial(n, p_i)
    counts = np.bincount(draws[:, 1], minlength=8)
    expected = 5000 * st.binom(7, 0.3).pmf(np.arange(8))
    pooled = np.concatenate([counts[:5], [counts[5:].sum()]])
    pooled_expected = np.concatenate([expected[:5], [expected[5:].sum()]])
    assert st.chisquare(pooled, pooled_expected).pvalue > 1e-3


def test_probability_vectors_are_checked():
    with pytest.raises(DomainError, match="sum to 1"):
        Categorical([0.5, 0.6])
    with pytest.raises(DomainError, match="p"):
        Multinomial(3, [1.5, -0.5])
    with pytest.raises(ShapeError, match="x"):
        Multinomial(3, [0.5, 0.5]).pmf([1, 1, 1])


def test_product_of_gaussian_densities_matches_the_pointwise_product():
    cov_a, mean_a = random_covariance(3, 21)
    cov_b, mean_b = random_covariance(3, 22)
    a, b = MultivariateNormal(mean_a, cov_a), MultivariateNormal(mean_b, cov_b)
    result = a.product(b)
    x = np.random.default_rng(3).standard_normal((50, 3))
    # log N(x|a,A) + log N(x|b,B) = log c + log N(x|m,C) at every x
    assert np.allclose(
        a.logpdf(x) + b.logpdf(x), result.log_scale + result.distribution.logpdf(x), atol=1e-10
    )
    expected_cov = np.linalg.inv(np.linalg.inv(cov_a) + np.linalg.inv(cov_b))
    assert np.allclose(result.distribution.cov(), expected_cov)
    with pytest.raises(ShapeError):
        a.product(MultivariateNormal([0.0], [[1.0]]))
