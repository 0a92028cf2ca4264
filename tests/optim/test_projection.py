"""Projections onto a box and the simplex, and projected gradient descent."""

import numpy as np
import pytest
import scipy.optimize as so
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.errors import DomainError, ShapeError
from mml.optim import project_onto_box, project_onto_simplex, projected_gradient_descent

vectors = st.lists(st.floats(-100, 100), min_size=1, max_size=12).map(np.array)


@settings(max_examples=80, deadline=None)
@given(vectors, st.floats(0.01, 50))
def test_simplex_projection_is_feasible_and_satisfies_the_optimality_condition(v, radius):
    x = project_onto_simplex(v, radius)
    assert np.all(x >= 0)
    assert x.sum() == pytest.approx(radius, rel=1e-12, abs=1e-12)
    # Variational inequality of a projection: (v − x)ᵀ(y − x) ≤ 0 for every y in the set;
    # checking the vertices radius·e_i suffices, since the set is their convex hull.
    vertices = radius * np.eye(v.size)
    assert np.all((vertices - x) @ (v - x) <= 1e-9 * (1 + np.abs(v).max()) * radius)


def test_simplex_projection_matches_a_quadratic_program_solved_by_scipy():
    rng = np.random.default_rng(0)
    for _ in range(5):
        v = rng.normal(size=6)
        ref = so.minimize(
            lambda x, v=v: np.sum((x - v) ** 2),
            np.ones(6) / 6,
            method="SLSQP",
            bounds=[(0, None)] * 6,
            constraints={"type": "eq", "fun": lambda x: x.sum() - 1},
            options={"ftol": 1e-14},
        )
        np.testing.assert_allclose(project_onto_simplex(v), ref.x, atol=1e-6)


def test_point_on_the_simplex_is_its_own_projection():
    x = np.array([0.2, 0.3, 0.5])
    np.testing.assert_allclose(project_onto_simplex(x), x)


@settings(max_examples=50, deadline=None)
@given(vectors)
def test_box_projection_is_clipping_and_idempotent(v):
    lower, upper = -np.abs(v) / 2, np.abs(v) / 3
    x = project_onto_box(v, lower, upper)
    np.testing.assert_array_equal(x, np.clip(v, lower, upper))
    np.testing.assert_array_equal(project_onto_box(x, lower, upper), x)


def test_box_with_scalar_and_infinite_bounds():
    np.testing.assert_array_equal(project_onto_box([-5.0, 5.0], 0.0), [0.0, 5.0])


def test_bad_box_and_simplex_input_raise():
    with pytest.raises(DomainError, match="empty box"):
        project_onto_box([0.0, 0.0], [0.0, 2.0], [1.0, 1.0])
    with pytest.raises(ShapeError, match=r"\(3,\)"):
        project_onto_box([0.0, 0.0], np.zeros(3), 1.0)
    with pytest.raises(DomainError, match="radius"):
        project_onto_simplex([1.0, 2.0], radius=0)
    with pytest.raises(DomainError, match="finite"):
        project_onto_simplex([np.nan, 1.0])


def test_projected_gradient_on_the_simplex_solves_a_least_squares_problem_like_scipy():
    rng = np.random.default_rng(1)
    A, b = rng.normal(size=(10, 4)), rng.normal(size=10)
    f = lambda x: float(np.sum((A @ x - b) ** 2))  # noqa: E731
    jac = lambda x: 2 * A.T @ (A @ x - b)  # noqa: E731
    res = projected_gradient_descent(f, np.ones(4) / 4, project_onto_simplex, jac=jac, gtol=1e-10)
    ref = so.minimize(
        f,
        np.ones(4) / 4,
        jac=jac,
        method="SLSQP",
        bounds=[(0, None)] * 4,
        constraints={"type": "eq", "fun": lambda x: x.sum() - 1},
        options={"ftol": 1e-15, "maxiter": 500},
    )
    assert res.success, res.message
    np.testing.assert_allclose(res.x, ref.x, atol=1e-6)
    assert all(abs(x.sum() - 1) < 1e-12 and np.all(x >= 0) for x in res.history)


def test_fixed_step_projected_gradient_that_diverges_reports_it():
    res = projected_gradient_descent(
        lambda x: float(x @ x),
        [1.0, -1.0],
        lambda x: project_onto_box(x, -np.inf, np.inf),
        jac=lambda x: 2 * x,
        learning_rate=5.0,
        line_search=None,
    )
    assert not res.success and res.status == 3
    assert np.all(np.isfinite(res.x))


def test_fixed_step_needs_a_learning_rate():
    with pytest.raises(DomainError, match="learning_rate"):
        projected_gradient_descent(lambda x: 0.0, [0.0], lambda x: x, line_search=None)
