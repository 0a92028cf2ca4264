"""Optimisation on paper: Lagrange multipliers vs SLSQP, gradient-descent tables vs floats."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize

from mml.errors import DomainError, ParseError, ShapeError
from mml.optim.gradient_descent_table import gradient_descent_table
from mml.optim.lagrange import lagrange


def test_lagrange_matches_slsqp_on_a_constrained_quadratic():
    result = lagrange("x^2 + 2y^2 - x*y + z^2", "x + y = 4; x - z = 1")
    reference = minimize(
        lambda v: v[0] ** 2 + 2 * v[1] ** 2 - v[0] * v[1] + v[2] ** 2,
        np.zeros(3),
        method="SLSQP",
        constraints=[
            {"type": "eq", "fun": lambda v: v[0] + v[1] - 4},
            {"type": "eq", "fun": lambda v: v[0] - v[2] - 1},
        ],
        tol=1e-12,
    )
    ours = [float(result.point[name]) for name in ("x", "y", "z")]
    np.testing.assert_allclose(ours, reference.x, atol=1e-6)
    assert float(result.value) == pytest.approx(reference.fun, abs=1e-8)


def test_lagrange_stationarity_holds_exactly():
    result = lagrange("x^2 + y^2", "x + 2y = 5")
    x, y, lam = result.point["x"], result.point["y"], result.multipliers["λ1"]
    assert 2 * x + lam == 0 and 2 * y + 2 * lam == 0 and x + 2 * y == 5
    assert [s.rule for s in result.steps][:2] == ["lagrangian", "stationarity"]


def test_lagrange_rejects_nonlinear_constraints_and_degenerate_systems():
    with pytest.raises(ParseError, match="degree"):
        lagrange("x^2", "x^2 + y = 1")
    with pytest.raises(ParseError, match="degree"):
        lagrange("x^3", "x = 1")
    with pytest.raises(DomainError, match="no unique"):
        lagrange("x", "y = 1")


@settings(max_examples=40, deadline=None)
@given(
    st.integers(1, 4),
    st.integers(-2, 2),
    st.integers(1, 4),
    st.lists(st.integers(-5, 5), min_size=4, max_size=4),
    st.sampled_from([Fraction(1, 10), Fraction(1, 8), Fraction(1, 5)]),
    st.sampled_from([Fraction(0), Fraction(1, 2)]),
)
def test_gradient_descent_table_matches_the_float_recurrence(a, b, d, vectors, gamma, alpha):
    A = [[a + abs(b), b], [b, d + abs(b)]]
    rhs, x0 = vectors[:2], vectors[2:]
    table = gradient_descent_table(A, rhs, x0, gamma, iterations=6, momentum=alpha)
    An, bn = np.array(A, float), np.array(rhs, float)
    x, previous = np.array(x0, float), np.array(x0, float)
    for k in range(6):
        np.testing.assert_allclose([float(v) for v in table.iterates[k]], x, rtol=1e-12, atol=1e-12)
        g = An @ x - bn
        np.testing.assert_allclose(
            [float(v) for v in table.gradients[k]], g, rtol=1e-12, atol=1e-12
        )
        x, previous = x - float(gamma) * g + float(alpha) * (x - previous), x
    np.testing.assert_allclose(
        [float(v) for v in table.minimiser], np.linalg.solve(An, bn), atol=1e-12
    )


def test_gradient_descent_table_validation():
    with pytest.raises(DomainError, match="symmetric"):
        gradient_descent_table([[1, 2], [0, 1]], [0, 0], [0, 0], "0.1")
    with pytest.raises(ShapeError):
        gradient_descent_table([[1, 0], [0, 1]], [0], [0, 0], "0.1")
    with pytest.raises(DomainError, match="step_size"):
        gradient_descent_table([[1, 0], [0, 1]], [0, 0], [0, 0], 0)


def test_simplex_tableaux_reach_the_highs_optimum_and_pivot_correctly():
    from scipy.optimize import linprog as scipy_linprog

    from mml.optim.simplex_tableaux import simplex_tableaux

    c, A_ub, b_ub = [-3, -5], [[1, 0], [0, 2], [3, 2]], [4, 12, 18]
    result = simplex_tableaux(c, A_ub=A_ub, b_ub=b_ub)
    reference = scipy_linprog(c, A_ub=A_ub, b_ub=b_ub, method="highs")
    assert float(result.value["fun"]) == pytest.approx(reference.fun)
    np.testing.assert_allclose([float(v) for v in result.value["x"]], reference.x)
    tableaux = [step.after for step in result.steps]
    for before, after in zip(tableaux, tableaux[1:]):
        # a pivot keeps the row space: the stacked constraint rows have the same rank
        from mml.exact import Matrix, rank

        rows_before = Matrix([list(r) for r in before.rows[:-1]])
        rows_after = Matrix([list(r) for r in after.rows[:-1]])
        both = Matrix([list(r) for r in rows_before.rows + rows_after.rows])
        assert rank(both) == rank(rows_before) == rank(rows_after)


def test_simplex_tableaux_report_infeasible_and_unbounded():
    from mml.optim.simplex_tableaux import simplex_tableaux

    assert (
        simplex_tableaux([1, 1], A_ub=[[-1, -1]], b_ub=[-2], A_eq=[[1, 1]], b_eq=[1]).value[
            "status"
        ]
        == "infeasible"
    )
    assert simplex_tableaux([-1, 0], A_ub=[[-1, 1]], b_ub=[1]).value["status"] == "unbounded"
