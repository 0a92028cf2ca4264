"""linprog (two-phase simplex, Bland's rule) against scipy.optimize.linprog (HiGHS)."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog as scipy_linprog

from mml.errors import DomainError, ShapeError
from mml.optim.linprog import linprog
from mml.optim.simplex import pivot


def reference_status(c, bounds, **constraints):
    """HiGHS's status, with 'infeasible' checked: HiGHS's presolve may call an unbounded LP
    infeasible, so a feasible zero-objective problem means the LP is really unbounded."""
    ref = scipy_linprog(c, bounds=bounds, method="highs", **constraints)
    if ref.status == 2:
        feasible = scipy_linprog(np.zeros(len(c)), bounds=bounds, method="highs", **constraints)
        if feasible.status == 0:
            return 3, None
    return ref.status, ref.fun


@st.composite
def small_lps(draw):
    n = draw(st.integers(1, 4))
    m_ub = draw(st.integers(0, 4))
    m_eq = draw(st.integers(0, 2))
    entries = st.integers(-4, 4)
    c = draw(st.lists(entries, min_size=n, max_size=n))
    constraints = {}
    if m_ub:
        constraints["A_ub"] = draw(
            st.lists(st.lists(entries, min_size=n, max_size=n), min_size=m_ub, max_size=m_ub)
        )
        constraints["b_ub"] = draw(st.lists(st.integers(-3, 8), min_size=m_ub, max_size=m_ub))
    if m_eq:
        constraints["A_eq"] = draw(
            st.lists(st.lists(entries, min_size=n, max_size=n), min_size=m_eq, max_size=m_eq)
        )
        constraints["b_eq"] = draw(st.lists(st.integers(-3, 3), min_size=m_eq, max_size=m_eq))
    bound = st.sampled_from([(0, None), (None, None), (-2, None), (None, 3), (-1, 2), (1, 1)])
    bounds = draw(st.lists(bound, min_size=n, max_size=n))
    return c, constraints, bounds


@settings(max_examples=150, deadline=None)
@given(small_lps())
def test_status_and_optimal_value_match_highs(lp):
    c, constraints, bounds = lp
    status, fun = reference_status(c, bounds, **constraints)
    res = linprog(c, bounds=bounds, **constraints)
    assert res.status == status, res.message
    if status == 0:
        assert res.fun == pytest.approx(fun, abs=1e-7)
        assert np.all(res.slack >= -1e-9)
        assert np.allclose(res.con, 0, atol=1e-9)
        low = np.array([-np.inf if lo is None else lo for lo, _ in bounds])
        high = np.array([np.inf if hi is None else hi for _, hi in bounds])
        assert np.all(res.x >= low - 1e-9) and np.all(res.x <= high + 1e-9)


@settings(max_examples=60, deadline=None)
@given(small_lps())
def test_exact_mode_agrees_with_float_mode_and_is_exactly_feasible(lp):
    c, constraints, bounds = lp
    exact = linprog(c, bounds=bounds, exact=True, **constraints)
    approx = linprog(c, bounds=bounds, **constraints)
    assert exact.status == approx.status
    if exact.status == 0:
        assert all(isinstance(v, Fraction) for v in exact.x)
        assert float(exact.fun) == pytest.approx(approx.fun, abs=1e-9)
        assert all(s >= 0 for s in exact.slack)
        assert all(v == 0 for v in exact.con)


def test_textbook_lp_has_vertex_solution():
    res = linprog([-3, -2], A_ub=[[1, 1], [1, 3]], b_ub=[4, 6])
    assert res.success and res.status == 0
    np.testing.assert_allclose(res.x, [4, 0])
    assert res.fun == pytest.approx(-12)


def test_infeasible_lp_is_reported_as_infeasible():
    res = linprog([1, 1], A_ub=[[1, 1]], b_ub=[1], A_eq=[[1, 1]], b_eq=[3])
    assert res.status == 2 and not res.success and res.x is None
    assert "infeasible" in res.message


def test_unbounded_lp_is_reported_as_unbounded():
    res = linprog([-1, -1], A_ub=[[1, -1]], b_ub=[1])
    assert res.status == 3 and not res.success and res.x is None
    assert "unbounded" in res.message


def test_bland_rule_terminates_on_beales_cycling_example():
    # Beale (1955): Dantzig's largest-coefficient rule cycles on this degenerate LP.
    c = [-0.75, 150, -0.02, 6]
    A_ub = [[0.25, -60, -0.04, 9], [0.5, -90, -0.02, 3], [0, 0, 1, 0]]
    res = linprog(c, A_ub=A_ub, b_ub=[0, 0, 1])
    ref = scipy_linprog(c, A_ub=A_ub, b_ub=[0, 0, 1], method="highs")
    assert res.status == 0
    assert res.fun == pytest.approx(ref.fun)


def test_redundant_equality_rows_are_dropped_after_phase_one():
    res = linprog([1, 2], A_eq=[[1, 1], [2, 2]], b_eq=[1, 2])
    assert res.status == 0
    np.testing.assert_allclose(res.x, [1, 0])


def test_every_recorded_tableau_follows_from_the_previous_by_its_pivot():
    res = linprog(
        [-1, -1, 0],
        A_ub=[[1, 2, 1], [3, 1, 0]],
        b_ub=[4, 6],
        A_eq=[[1, -1, 1]],
        b_eq=[1],
        exact=True,
    )
    assert res.status == 0
    steps = res.tableaux
    assert steps[-1].entering is None
    for before, after in zip(steps, steps[1:]):
        if before.phase != after.phase:
            continue
        tableau = before.tableau.copy()
        pivot(tableau, before.leaving, before.entering, 0)
        assert (tableau == after.tableau).all()
        assert after.basis[before.leaving] == before.entering


def test_exact_mode_reads_decimals_as_their_fractions():
    res = linprog(["-1", Fraction(-1, 3)], A_ub=[[0.1, 0.2]], b_ub=[1], exact=True)
    assert res.fun == Fraction(-10)


@pytest.mark.parametrize(
    "kwargs, shapes",
    [
        ({"A_ub": [[1, 2, 3]], "b_ub": [1]}, ["(1, 3)", "(2,)"]),
        ({"A_ub": [[1, 2]], "b_ub": [1, 2]}, ["(2,)", "(1, 2)"]),
        ({"A_eq": [[1, 2], [3, 4]], "b_eq": [1]}, ["(1,)", "(2, 2)"]),
    ],
)
def test_mismatched_shapes_raise_shape_error_naming_both(kwargs, shapes):
    with pytest.raises(ShapeError) as info:
        linprog([1, 1], **kwargs)
    for shape in shapes:
        assert shape in str(info.value)


def test_constraint_matrix_without_right_hand_side_raises_shape_error():
    with pytest.raises(ShapeError, match="A_ub is given without b_ub"):
        linprog([1, 1], A_ub=[[1, 1]])


def test_nan_coefficient_and_empty_bounds_raise_domain_error():
    with pytest.raises(DomainError, match="finite"):
        linprog([np.nan, 1])
    with pytest.raises(DomainError, match="empty bounds"):
        linprog([1, 1], bounds=[(0, 1), (3, 2)])


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 12), st.integers(1, 12))
def test_random_real_lps_match_highs(seed, n, m):
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(m, n))
    b = rng.normal(size=m) + 0.5
    c = rng.normal(size=n)
    bounds = [(-1, 2)] * (n // 2) + [(0, None)] * (n - n // 2)
    status, fun = reference_status(c, bounds, A_ub=A, b_ub=b)
    res = linprog(c, A_ub=A, b_ub=b, bounds=bounds)
    assert res.status == status, res.message
    if status == 0:
        assert res.fun == pytest.approx(fun, rel=1e-8, abs=1e-8)


def test_infinite_bounds_mean_no_bound_and_wrong_sided_infinity_is_refused():
    res = linprog([1, 0], A_ub=[[-1, -1]], b_ub=[-1], bounds=[(-np.inf, np.inf), (0, np.inf)])
    assert res.status == 3
    with pytest.raises(DomainError, match="lower bound"):
        linprog([1, 1], bounds=[(np.inf, None), (0, 1)])


@pytest.mark.parametrize("scale", [1e-4, 1e5])
def test_scaling_the_constraints_keeps_status_and_solution(scale):
    rng = np.random.default_rng(5)
    A, x_feasible = rng.normal(size=(6, 4)), rng.uniform(0, 1, size=4)
    b = A @ x_feasible + rng.uniform(0, 1, size=6)
    c = rng.uniform(0.1, 1, size=4)
    A_eq = rng.normal(size=(1, 4))
    b_eq = A_eq @ x_feasible
    plain = linprog(c, A_ub=A, b_ub=b, A_eq=A_eq, b_eq=b_eq)
    scaled = linprog(c, A_ub=scale * A, b_ub=scale * b, A_eq=scale * A_eq, b_eq=scale * b_eq)
    assert plain.status == scaled.status == 0
    np.testing.assert_allclose(scaled.x, plain.x, atol=1e-7)


@settings(max_examples=60, deadline=None)
@given(small_lps(), st.booleans())
def test_marginals_solve_the_dual_lp_with_the_same_value(lp, exact):
    # Default bounds x ≥ 0: the dual is max b_ubᵀy + b_eqᵀv s.t. A_ubᵀy + A_eqᵀv ≤ c, y ≤ 0.
    c, constraints, _ = lp
    res = linprog(c, exact=exact, **constraints)
    if res.status != 0:
        return
    n = len(c)
    A_ub = np.array(constraints.get("A_ub", np.empty((0, n))), dtype=float).reshape(-1, n)
    A_eq = np.array(constraints.get("A_eq", np.empty((0, n))), dtype=float).reshape(-1, n)
    b_ub = np.array(constraints.get("b_ub", []), dtype=float)
    b_eq = np.array(constraints.get("b_eq", []), dtype=float)
    y, v = res.ineqlin.astype(float), res.eqlin.astype(float)
    assert np.all(y <= 1e-9)
    assert np.all(A_ub.T @ y + A_eq.T @ v <= np.array(c) + 1e-9)
    assert b_ub @ y + b_eq @ v == pytest.approx(float(res.fun), abs=1e-9)
    if exact:  # strong duality holds exactly in fractions
        dual_value = sum(bi * yi for bi, yi in zip(constraints.get("b_ub", []), res.ineqlin))
        dual_value += sum(bi * vi for bi, vi in zip(constraints.get("b_eq", []), res.eqlin))
        assert dual_value == res.fun


def test_marginals_match_scipy_on_a_nondegenerate_lp():
    c, A_ub, b_ub, A_eq, b_eq = [1, 2, 3], [[-1, 1, 0]], [-0.5], [[1, 1, 1]], [2]
    res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq)
    ref = scipy_linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, method="highs")
    np.testing.assert_allclose(res.ineqlin, ref.ineqlin.marginals, atol=1e-12)
    np.testing.assert_allclose(res.eqlin, ref.eqlin.marginals, atol=1e-12)
    res = linprog([-1, -1], A_ub=[[1, 2], [3, 1]], b_ub=[4, 6])
    ref = scipy_linprog([-1, -1], A_ub=[[1, 2], [3, 1]], b_ub=[4, 6], method="highs")
    np.testing.assert_allclose(res.ineqlin, ref.ineqlin.marginals, atol=1e-12)
