"""Closed-form KL divergences against numerical integration, exact sums and Monte Carlo."""

import numpy as np
import pytest
import scipy.integrate as integrate
import scipy.stats as st

from mml.errors import DomainError
from mml.probability import (
    Bernoulli,
    Beta,
    Binomial,
    Categorical,
    Dirichlet,
    Exponential,
    Gamma,
    Geometric,
    Laplace,
    Multinomial,
    MultivariateNormal,
    Normal,
    Poisson,
    StudentT,
    Uniform,
    kl_divergence,
    kl_divergence_monte_carlo,
)

CONTINUOUS_PAIRS = [
    (Normal(0.3, 1.2), Normal(-1.0, 0.7), st.norm(0.3, 1.2), st.norm(-1.0, 0.7)),
    (Exponential(2.0), Exponential(0.5), st.expon(scale=0.5), st.expon(scale=2.0)),
    (Laplace(0.5, 1.0), Laplace(-0.2, 2.0), st.laplace(0.5, 1.0), st.laplace(-0.2, 2.0)),
    (Gamma(2.5, 1.5), Gamma(4.0, 0.7), st.gamma(2.5, scale=1 / 1.5), st.gamma(4.0, scale=1 / 0.7)),
    (Beta(2.0, 5.0), Beta(0.8, 1.3), st.beta(2.0, 5.0), st.beta(0.8, 1.3)),
    (Uniform(0.2, 0.7), Uniform(0.0, 1.5), st.uniform(0.2, 0.5), st.uniform(0.0, 1.5)),
]


@pytest.mark.parametrize(
    "p, q, sp, sq", CONTINUOUS_PAIRS, ids=[repr(c[0]) for c in CONTINUOUS_PAIRS]
)
def test_continuous_kl_matches_numerical_integration(p, q, sp, sq):
    lo, hi = sp.support()
    lo, hi = max(lo, sp.ppf(1e-15)), min(hi, sp.isf(1e-15))
    value, _ = integrate.quad(
        lambda x: sp.pdf(x) * (sp.logpdf(x) - sq.logpdf(x)), lo, hi, limit=200
    )
    assert np.isclose(kl_divergence(p, q), value, rtol=1e-7, atol=1e-10)
    assert kl_divergence(p, p) == pytest.approx(0.0, abs=1e-12)


DISCRETE_PAIRS = [
    (Bernoulli(0.3), Bernoulli(0.8), st.bernoulli(0.3), st.bernoulli(0.8), np.arange(2)),
    (Binomial(12, 0.3), Binomial(12, 0.6), st.binom(12, 0.3), st.binom(12, 0.6), np.arange(13)),
    (Poisson(3.0), Poisson(5.5), st.poisson(3.0), st.poisson(5.5), np.arange(200)),
    (Geometric(0.3), Geometric(0.1), st.geom(0.3), st.geom(0.1), np.arange(1, 400)),
]


@pytest.mark.parametrize(
    "p, q, sp, sq, k", DISCRETE_PAIRS, ids=[repr(c[0]) for c in DISCRETE_PAIRS]
)
def test_discrete_kl_matches_the_defining_sum(p, q, sp, sq, k):
    value = np.sum(sp.pmf(k) * (sp.logpmf(k) - sq.logpmf(k)))
    assert np.isclose(kl_divergence(p, q), value, rtol=1e-12)


def test_categorical_and_multinomial_kl():
    p, q = np.array([0.2, 0.5, 0.3]), np.array([0.1, 0.1, 0.8])
    assert np.isclose(kl_divergence(Categorical(p), Categorical(q)), st.entropy(p, q), rtol=1e-13)
    assert np.isclose(
        kl_divergence(Multinomial(5, p), Multinomial(5, q)), 5 * st.entropy(p, q), rtol=1e-13
    )
    assert kl_divergence(Categorical([0.5, 0.5]), Categorical([1.0, 0.0])) == np.inf


def test_multivariate_normal_kl_matches_the_formula_in_numpy():
    rng = np.random.default_rng(0)
    A, B = rng.standard_normal((2, 4, 4))
    s1, s2 = A @ A.T + np.eye(4), B @ B.T + np.eye(4)
    m1, m2 = rng.standard_normal((2, 4))
    inv2 = np.linalg.inv(s2)
    expected = 0.5 * (
        np.trace(inv2 @ s1)
        + (m2 - m1) @ inv2 @ (m2 - m1)
        - 4
        + np.linalg.slogdet(s2)[1]
        - np.linalg.slogdet(s1)[1]
    )
    assert np.isclose(
        kl_divergence(MultivariateNormal(m1, s1), MultivariateNormal(m2, s2)), expected
    )


def test_dirichlet_kl_against_monte_carlo():
    p, q = Dirichlet([2.0, 3.0, 0.7]), Dirichlet([1.0, 1.0, 1.0])
    estimate = kl_divergence_monte_carlo(p, q, 200_000, random_state=0)
    assert abs(kl_divergence(p, q) - estimate.estimate) < 5 * estimate.standard_error


def test_uniform_kl_is_infinite_when_supports_are_not_nested():
    assert kl_divergence(Uniform(0.0, 2.0), Uniform(0.0, 1.0)) == np.inf


def test_kl_without_closed_form_says_so():
    with pytest.raises(NotImplementedError, match="monte_carlo"):
        kl_divergence(StudentT(3.0), StudentT(4.0))
    with pytest.raises(NotImplementedError):
        kl_divergence(Normal(), Laplace())
    with pytest.raises(DomainError, match="same number of trials"):
        kl_divergence(Binomial(3, 0.5), Binomial(4, 0.5))


def test_kl_broadcasts_over_array_parameters():
    values = kl_divergence(Normal(0.0, 1.0), Normal(np.array([0.0, 1.0, 2.0]), 1.0))
    assert np.allclose(values, [0.0, 0.5, 2.0])
