"""Maximum-likelihood fits against scipy.stats' fit and against perturbed parameters."""

import numpy as np
import pytest
import scipy.special as sc
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
    MultivariateNormal,
    Normal,
    Poisson,
    StudentT,
    Uniform,
    fit_mle,
)

from .test_special import assert_close

RNG = np.random.default_rng(2024)


def test_continuous_fits_match_scipy():
    x = RNG.normal(1.0, 2.0, 500)
    fitted = fit_mle(Normal, x)
    assert_close([fitted.loc, fitted.scale], st.norm.fit(x), rtol=1e-12)
    x = RNG.exponential(0.5, 500)
    _, scale = st.expon.fit(x, floc=0)
    assert_close(fit_mle(Exponential, x).rate, 1 / scale, rtol=1e-12)
    x = RNG.gamma(2.5, 1 / 1.7, 2000)
    a, _, scale = st.gamma.fit(x, floc=0)
    fitted = fit_mle(Gamma, x)
    assert_close([fitted.shape, fitted.rate], [a, 1 / scale], rtol=1e-8)
    x = RNG.beta(2.0, 5.0, 2000)
    a, b, _, _ = st.beta.fit(x, floc=0, fscale=1)
    fitted = fit_mle(Beta, x)
    assert_close([fitted.a, fitted.b], [a, b], rtol=1e-6)
    x = RNG.laplace(1.0, 2.0, 1001)
    fitted = fit_mle(Laplace, x)
    assert_close([fitted.loc, fitted.scale], st.laplace.fit(x), rtol=1e-12)
    x = RNG.uniform(-1.0, 3.0, 100)
    fitted = fit_mle(Uniform, x)
    assert fitted.low == x.min() and fitted.high == x.max()


def test_discrete_fits_are_the_closed_forms():
    x = RNG.poisson(3.5, 400)
    assert fit_mle(Poisson, x).rate == pytest.approx(x.mean())
    x = RNG.binomial(1, 0.3, 400)
    assert fit_mle(Bernoulli, x).p == pytest.approx(x.mean())
    x = RNG.binomial(12, 0.3, 400)
    assert fit_mle(Binomial, x, n=12).p == pytest.approx(x.mean() / 12)
    x = RNG.geometric(0.2, 400)
    assert fit_mle(Geometric, x).p == pytest.approx(1 / x.mean())
    labels = np.array([0, 2, 2, 1, 2, 0])
    assert np.allclose(fit_mle(Categorical, labels, k=4).p, [2 / 6, 1 / 6, 3 / 6, 0.0])


def test_multivariate_fits():
    x = RNG.multivariate_normal([1.0, -1.0], [[1.0, 0.5], [0.5, 2.0]], 300)
    fitted = fit_mle(MultivariateNormal, x)
    assert np.allclose(fitted.mean(), x.mean(axis=0))
    assert np.allclose(fitted.cov(), np.cov(x, rowvar=False, bias=True))
    x = RNG.dirichlet([1.5, 2.0, 3.5], 3000)
    fitted = fit_mle(Dirichlet, x)
    # at the maximum the gradient of the mean log-likelihood vanishes:
    # psi(sum alpha) - psi(alpha_k) + mean log x_k = 0
    gradient = sc.digamma(fitted.alpha.sum()) - sc.digamma(fitted.alpha) + np.log(x).mean(axis=0)
    assert np.all(np.abs(gradient) < 1e-10)


@pytest.mark.parametrize(
    "family, data, perturb",
    [
        (Gamma, RNG.gamma(0.7, 2.0, 300), lambda d, e: Gamma(d.shape * (1 + e), d.rate)),
        (Beta, RNG.beta(0.5, 3.0, 300), lambda d, e: Beta(d.a, d.b * (1 + e))),
        (Normal, RNG.normal(0, 1, 50), lambda d, e: Normal(d.loc + e, d.scale)),
    ],
)
def test_the_fit_beats_nearby_parameters(family, data, perturb):
    fitted = fit_mle(family, data)
    best = fitted.logpdf(data).sum()
    for epsilon in (-1e-3, 1e-3):
        assert perturb(fitted, epsilon).logpdf(data).sum() < best


def test_impossible_data_are_refused():
    with pytest.raises(DomainError, match="positive"):
        fit_mle(Gamma, [1.0, -2.0])
    with pytest.raises(DomainError, match="between 0 and 1"):
        fit_mle(Beta, [0.5, 1.0])
    with pytest.raises(DomainError, match="n="):
        fit_mle(Binomial, [1, 2])
    with pytest.raises(DomainError, match="at least one"):
        fit_mle(Normal, [])
    with pytest.raises(NotImplementedError):
        fit_mle(StudentT, [1.0, 2.0])
