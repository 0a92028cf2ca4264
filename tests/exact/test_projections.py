"""Exact projections against NumPy least squares, with P² = P and residual ⊥ U."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.errors import DomainError, ShapeError
from mml.exact import Matrix
from mml.exact.projections import project, project_onto_affine, project_onto_line

entries = st.integers(min_value=-5, max_value=5)


@st.composite
def problems(draw):
    n = draw(st.integers(min_value=2, max_value=4))
    k = draw(st.integers(min_value=1, max_value=n))
    basis = [tuple(draw(entries) for _ in range(n)) for _ in range(k)]
    x = tuple(draw(entries) for _ in range(n))
    return x, basis


@given(problems())
@settings(max_examples=30, deadline=None)
def test_projection_matches_least_squares_and_is_orthogonal(problem):
    x, basis = problem
    if not any(any(b) for b in basis):
        with pytest.raises(DomainError):
            project(x, basis)
        return
    result = project(x, basis)
    B = np.array(basis, dtype=float).T
    coefficients = np.linalg.lstsq(B, np.array(x, float), rcond=None)[0]
    np.testing.assert_allclose([float(a) for a in result.point], B @ coefficients, atol=1e-9)
    assert result.P @ result.P == result.P
    assert result.P == result.P.T
    B_used = Matrix.from_columns(result.basis)
    assert not any(B_used.T @ result.residual)
    assert all(step.data["holds"] for step in result.steps if step.rule.startswith("check_"))


def test_line_projection_book_example():
    # MML book Example 3.10: project onto the line spanned by b = (1, 2, 2)
    result = project_onto_line((1, 1, 1), (1, 2, 2))
    assert result.P == Matrix([[1, 2, 2], [2, 4, 4], [2, 4, 4]]) / 9
    assert result.coordinates == (pytest.approx(5 / 9),)


def test_subspace_projection_book_example_shows_normal_equations():
    # MML book Example 3.11
    result = project((6, 0, 0), [(1, 1, 1), (0, 1, 2)])
    assert result.point == (5, 2, -1)
    assert str(result.distance) == "√6"
    rules = [step.rule for step in result.steps]
    assert "gram_matrix" in rules and "normal_equations" in rules


def test_dependent_basis_is_reduced_first():
    result = project((1, 2, 3), [(1, 0, 0), (2, 0, 0), (0, 1, 0)])
    assert len(result.basis) == 2 and result.point == (1, 2, 0)


def test_affine_projection_shifts_and_shifts_back():
    result = project_onto_affine((2, 3), (0, 1), [(1, 0)])
    assert result.point == (2, 1)
    assert result.steps[0].rule == "shift" and result.steps[-1].rule == "shift_back"


def test_errors_name_the_problem():
    with pytest.raises(ShapeError, match="x has 2 entries"):
        project((1, 2), [(1, 0, 0)])
    with pytest.raises(DomainError, match="zero vector"):
        project_onto_line((1, 2), (0, 0))
