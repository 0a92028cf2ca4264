"""Change of variables against scipy.stats and numerical integration; inverse transform
sampling by a Kolmogorov-Smirnov test."""

import numpy as np
import scipy.integrate as integrate
import scipy.stats as st

from mml.probability import Exponential, Normal, Uniform
from mml.probability.transforms import change_of_variables, inverse_transform_sample


def test_exp_of_a_normal_is_lognormal():
    density = change_of_variables(Normal(0.3, 0.8).pdf, np.log, lambda y: 1.0 / y)
    y = np.geomspace(1e-3, 50, 200)
    assert np.allclose(density(y), st.lognorm(s=0.8, scale=np.exp(0.3)).pdf(y), rtol=1e-12)


def test_a_decreasing_map_keeps_the_density_positive_and_normalised():
    # Y = -log(U) for U uniform is Exponential(1); g^{-1}(y) = exp(-y) is decreasing
    density = change_of_variables(Uniform().pdf, lambda y: np.exp(-y), lambda y: -np.exp(-y))
    y = np.linspace(0.01, 10, 50)
    assert np.allclose(density(y), np.exp(-y))
    total, _ = integrate.quad(lambda v: float(density(v)), 0, np.inf)
    assert abs(total - 1.0) < 1e-8


def test_inverse_transform_samples_follow_the_target():
    draws = inverse_transform_sample(Exponential(2.0).ppf, 3000, random_state=4)
    assert st.kstest(draws, st.expon(scale=0.5).cdf).pvalue > 1e-3
    assert st.kstest(draws, st.expon(scale=0.6).cdf).pvalue < 1e-3  # and can tell a wrong one
