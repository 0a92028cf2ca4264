"""Backtracking (Armijo) and strong-Wolfe line searches: the conditions they promise."""

import numpy as np
import pytest
import scipy.optimize as so
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.errors import DomainError
from mml.optim import backtracking_line_search, wolfe_line_search

C1, C2 = 1e-4, 0.9


def rosen(x):
    return float(so.rosen(x))


points = st.lists(st.floats(-2, 2), min_size=2, max_size=5).map(np.array)


@settings(max_examples=60, deadline=None)
@given(points)
def test_wolfe_step_satisfies_both_strong_wolfe_conditions(x):
    g = so.rosen_der(x)
    p = -g
    if g @ g < 1e-12:
        return
    f0 = rosen(x)
    res = wolfe_line_search(rosen, so.rosen_der, x, p, g, f0, c1=C1, c2=C2)
    assert res.success, res.message
    x_new = x + res.alpha * p
    assert rosen(x_new) <= f0 + C1 * res.alpha * (g @ p) + 1e-12 * abs(f0)
    assert abs(so.rosen_der(x_new) @ p) <= C2 * abs(g @ p) + 1e-12
    np.testing.assert_allclose(res.jac, so.rosen_der(x_new))
    # SciPy's strong-Wolfe search finds a step meeting the same conditions here too.
    assert so.line_search(rosen, so.rosen_der, x, p, g, f0, c1=C1, c2=C2)[0] is not None


@settings(max_examples=60, deadline=None)
@given(points, st.floats(1e-3, 1e3))
def test_backtracking_step_satisfies_armijo_and_is_at_most_the_first_trial(x, alpha0):
    g = so.rosen_der(x)
    p = -g
    if g @ g < 1e-12:
        return
    f0 = rosen(x)
    res = backtracking_line_search(rosen, x, p, g, f0, alpha0=alpha0, c1=C1)
    assert res.success
    assert 0 < res.alpha <= alpha0
    assert res.fun == pytest.approx(rosen(x + res.alpha * p))
    assert res.fun <= f0 + C1 * res.alpha * (g @ p)


def test_exact_step_on_a_quadratic_is_found_by_wolfe_with_small_c2():
    A = np.diag([1.0, 10.0])
    f = lambda x: 0.5 * x @ A @ x  # noqa: E731
    x = np.array([1.0, 1.0])
    g = A @ x
    res = wolfe_line_search(f, lambda x: A @ x, x, -g, g, f(x), c1=1e-7, c2=1e-6)
    exact = (g @ g) / (g @ A @ g)  # argmin_α f(x − αg)
    assert res.alpha == pytest.approx(exact, rel=1e-5)


def test_ascent_direction_is_refused_without_evaluating():
    x = np.array([1.0])
    for search in (
        lambda: backtracking_line_search(rosen, x, np.array([1.0]), np.array([2.0]), 1.0),
        lambda: wolfe_line_search(rosen, so.rosen_der, x, np.array([1.0]), np.array([2.0]), 1.0),
    ):
        res = search()
        assert not res.success and res.alpha == 0 and res.nfev == 0
        assert "not a descent direction" in res.message


def test_steps_into_a_nan_region_are_shortened():
    f = lambda x: float(x @ x) if x[0] > -0.5 else np.nan  # noqa: E731
    x = np.array([1.0])
    g = 2 * x
    res_b = backtracking_line_search(f, x, -g, g, f(x))
    res_w = wolfe_line_search(f, lambda x: 2 * x, x, -g, g, f(x), alpha0=10.0)
    for res in (res_b, res_w):
        assert res.success and np.isfinite(res.fun) and res.fun < 1.0


def test_wolfe_accepts_value_and_gradient_in_one_callable():
    x = np.array([-1.2, 1.0])
    g = so.rosen_der(x)
    both = wolfe_line_search(lambda z: (rosen(z), so.rosen_der(z)), None, x, -g, g, rosen(x))
    apart = wolfe_line_search(rosen, so.rosen_der, x, -g, g, rosen(x))
    assert both.alpha == apart.alpha and both.nfev == apart.nfev


@pytest.mark.parametrize(
    "kwargs", [{"c1": 0.0}, {"c1": 1.0}, {"c2": 1e-5}, {"c2": 1.0}, {"alpha0": -1.0}]
)
def test_bad_constants_raise_domain_error(kwargs):
    x = np.array([1.0, 1.0])
    g = so.rosen_der(x) + 1
    with pytest.raises(DomainError):
        wolfe_line_search(rosen, so.rosen_der, x, -g, g, rosen(x), **kwargs)
