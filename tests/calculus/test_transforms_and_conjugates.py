"""Change of variables (§6.7) against scipy.stats and Monte Carlo; convex conjugates (§7.3)
against a numerical supremum on a grid."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import integrate, stats

from mml.calculus import evaluate
from mml.calculus.change_of_variables import change_of_variables, distribution_function_technique
from mml.calculus.convex_conjugate import convex_conjugate
from mml.errors import DomainError


def density(result, y: float) -> float:
    return float(evaluate(result.value, {"y": y}))


def test_lognormal_from_a_standard_normal():
    result = change_of_variables("exp(-x^2/2)/sqrt(2*pi)", inverse="log(y)", transform="exp(x)")
    for y in (0.2, 1.0, 3.5):
        assert density(result, y) == pytest.approx(stats.lognorm(1).pdf(y), rel=1e-12)


def test_square_of_a_uniform_integrates_to_one_and_matches_monte_carlo():
    result = change_of_variables("1", inverse="sqrt(y)", transform="x^2")
    total, _ = integrate.quad(lambda y: density(result, y), 0, 1)
    assert total == pytest.approx(1, abs=1e-6)
    samples = np.random.default_rng(0).uniform(size=20000) ** 2
    cdf = np.vectorize(lambda t: integrate.quad(lambda y: density(result, y), 0, t)[0])
    assert stats.kstest(samples, cdf).pvalue > 0.01


def test_decreasing_transform_uses_the_absolute_slope():
    # Y = -2X + 1 for X ~ N(0, 1) is N(1, 4)
    result = change_of_variables("exp(-x^2/2)/sqrt(2*pi)", inverse="(1 - y)/2", transform="1 - 2x")
    for y in (-1.0, 1.0, 2.5):
        assert density(result, y) == pytest.approx(stats.norm(1, 2).pdf(y), rel=1e-12)


def test_distribution_function_technique_agrees_with_change_of_variables():
    # X ~ Exp(1), Y = sqrt(X): F_Y(y) = 1 − exp(−y²), a Weibull with shape 2.
    by_cdf = distribution_function_technique("1 - exp(-x)", inverse="y^2")
    by_density = change_of_variables("exp(-x)", inverse="y^2", transform="sqrt(x)")
    for y in (0.3, 1.0, 2.0):
        assert density(by_cdf, y) == pytest.approx(stats.weibull_min(2).pdf(y), rel=1e-12)
        assert density(by_density, y) == pytest.approx(density(by_cdf, y), rel=1e-12)


def test_a_wrong_inverse_is_refused():
    with pytest.raises(DomainError, match="do not match"):
        change_of_variables("1", inverse="y^2", transform="x^2")


@pytest.mark.parametrize(
    "f, numeric, ys",
    [
        ("x^2/2", lambda x: x**2 / 2, [-2.0, 0.5, 3.0]),
        ("exp(x)", np.exp, [0.5, 1.0, 4.0]),
        ("x*log(x)", lambda x: x * np.log(x), [-1.0, 0.0, 1.5]),
        ("-log(x)", lambda x: -np.log(x), [-3.0, -1.0, -0.2]),
    ],
)
def test_conjugates_equal_the_supremum_on_a_grid(f, numeric, ys):
    result = convex_conjugate(f)
    grid = np.linspace(1e-6 if "log" in f else -50, 60, 2_000_001)
    with np.errstate(all="ignore"):
        values = numeric(grid)
    for y in ys:
        supremum = np.nanmax(grid * y - values)
        assert float(evaluate(result.value, {"y": y})) == pytest.approx(supremum, abs=1e-4)


def test_the_conjugate_of_abs_is_the_indicator_of_the_unit_interval():
    result = convex_conjugate("abs(x)")
    assert result.value is None and "[−1, 1]" in result.domain


def test_an_unknown_function_needs_its_inverse_and_a_wrong_one_is_refused():
    with pytest.raises(DomainError, match="derivative_inverse"):
        convex_conjugate("x^6")
    assert convex_conjugate("x^6/6", derivative_inverse="y^(1/5)").value is not None
    with pytest.raises(DomainError, match="not the inverse"):
        convex_conjugate("x^2/2", derivative_inverse="2y")
