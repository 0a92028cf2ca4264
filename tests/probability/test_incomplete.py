"""Regularised incomplete gamma and beta functions against scipy.special and mpmath."""

import mpmath
import numpy as np
import pytest
import scipy.special as sc
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mml.errors import DomainError
from mml.probability.incomplete_beta import betainc
from mml.probability.incomplete_gamma import gammainc, gammaincc, log1pmx

from .test_special import assert_close

TINY = np.finfo(float).tiny


def grid(a_values, x_values):
    a, x = np.meshgrid(a_values, x_values)
    return a.ravel(), x.ravel()


A_GRID, X_GRID = grid(np.geomspace(1e-3, 500.0, 80), np.geomspace(1e-6, 2e3, 160))


@pytest.mark.parametrize("ours, reference", [(gammainc, sc.gammainc), (gammaincc, sc.gammaincc)])
def test_incomplete_gamma_matches_scipy_on_a_wide_grid_with_tails(ours, reference):
    expected = reference(A_GRID, X_GRID)
    values = ours(A_GRID, X_GRID)
    normal = expected >= TINY
    assert_close(values[normal], expected[normal])
    assert np.all(values[~normal] < 1e-300)


def test_incomplete_gamma_near_the_transition_x_equal_a():
    a, ratio = grid(np.geomspace(0.01, 500.0, 40), np.linspace(0.5, 1.5, 41))
    x = a * ratio
    assert_close(gammainc(a, x), sc.gammainc(a, x))
    assert_close(gammaincc(a, x), sc.gammaincc(a, x))


@pytest.mark.parametrize(
    "a, x",
    [(3874.675, 6080.22), (7609.5, 11160.6), (2551.4, 1403.27), (1e-6, 0.4), (1e-3, 0.3)],
)
def test_incomplete_gamma_tails_for_extreme_shapes_against_mpmath(a, x):
    # scipy's own relative error reaches 1e-11 at large a, so the reference here is mpmath
    with mpmath.workdps(30):
        lower = float(mpmath.gammainc(a, 0, x, regularized=True))
        upper = float(mpmath.gammainc(a, x, mpmath.inf, regularized=True))
    assert_close(gammainc(a, x), lower)
    assert_close(gammaincc(a, x), upper)


def test_incomplete_gamma_edges():
    assert gammainc(2.0, 0.0) == 0.0 and gammaincc(2.0, 0.0) == 1.0
    assert gammainc(2.0, np.inf) == 1.0 and gammaincc(2.0, np.inf) == 0.0
    assert np.isnan(gammainc(np.nan, 1.0))


def test_incomplete_gamma_rejects_bad_parameters_by_name():
    with pytest.raises(DomainError, match="shape parameter a"):
        gammainc(-1.0, 1.0)
    with pytest.raises(DomainError, match="argument x"):
        gammaincc(1.0, -1.0)


def test_incomplete_beta_matches_scipy_on_a_wide_grid_with_both_tails():
    shape = np.geomspace(1e-2, 1e3, 25)
    tails = np.concatenate([np.geomspace(1e-10, 0.5, 25), 1 - np.geomspace(1e-10, 0.5, 25)])
    a, b, x = (v.ravel() for v in np.meshgrid(shape, shape, tails, indexing="ij"))
    expected = sc.betainc(a, b, x)
    normal = expected >= TINY
    values = betainc(a, b, x)
    assert_close(values[normal], expected[normal])
    assert np.all(values[~normal] < 1e-300)


def test_incomplete_beta_edges_and_domain():
    assert betainc(2.0, 3.0, 0.0) == 0.0 and betainc(2.0, 3.0, 1.0) == 1.0
    with pytest.raises(DomainError, match="parameter b"):
        betainc(1.0, 0.0, 0.5)
    with pytest.raises(DomainError, match=r"\[0, 1\]"):
        betainc(1.0, 1.0, 1.5)


@settings(max_examples=50, deadline=None)
@given(
    st.floats(min_value=0.05, max_value=200.0),
    st.floats(min_value=0.05, max_value=200.0),
    st.floats(min_value=0.0, max_value=1.0),
)
def test_incomplete_beta_symmetry(a, b, x):
    assume(1.0 - (1.0 - x) == x)  # the reflected argument must be exact
    assert abs(betainc(a, b, x) + betainc(b, a, 1 - x) - 1.0) <= 1e-13


def test_log1pmx_against_direct_formula_away_from_zero_and_series_near_it():
    u = np.array([-0.9, -0.5, 0.5, 3.0])
    assert_close(log1pmx(u), u - np.log1p(u), rtol=1e-14)
    assert_close(log1pmx(1e-5), 1e-10 / 2 - 1e-15 / 3 + 1e-20 / 4, rtol=1e-14)


@pytest.mark.parametrize("seed", range(4))
def test_incomplete_beta_with_a_large_and_b_small_near_one_against_mpmath(seed):
    # the continued fraction's terms cancel here (errors reached 3e-10); BGRAT keeps 1e-13
    rng = np.random.default_rng(seed)
    a = 10 ** rng.uniform(np.log10(15), 7, 5)
    b = rng.uniform(0.01, 1.0, 5)
    y = 10 ** rng.uniform(-3, 1.5, 5) / a
    values = betainc(a, b, 1 - y)
    # 1 - y rounds; the reference takes the exact double that was passed
    with mpmath.workdps(40):
        exact = [
            float(mpmath.betainc(ai, bi, 0, mpmath.mpf(float(1 - yi)), regularized=True))
            for ai, bi, yi in zip(a, b, y, strict=True)
        ]
    assert_close(values, exact, rtol=1e-12)


@pytest.mark.parametrize("n, p", [(10**6, 1e-5), (10**7, 1e-6), (10**4, 2e-3)])
def test_binomial_tails_with_huge_n_against_mpmath(n, p):
    # P(X <= k) = I_{1-p}(n - k, k + 1): a huge, b small, x near 1 (stepped BGRAT);
    # P(X > k) = I_p(k + 1, n - k) is its mirror image
    k = np.arange(0, 30)
    lower = betainc(n - k, k + 1.0, 1 - p)
    upper = betainc(k + 1.0, n - k, p)
    with mpmath.workdps(40):
        exact_lower = [
            float(mpmath.betainc(n - int(j), int(j) + 1, 0, mpmath.mpf(1 - p), regularized=True))
            for j in k
        ]
        exact_upper = [
            float(mpmath.betainc(int(j) + 1, n - int(j), 0, mpmath.mpf(p), regularized=True))
            for j in k
        ]
    assert_close(lower, exact_lower, rtol=1e-12)
    assert_close(upper, exact_upper, rtol=1e-12)
