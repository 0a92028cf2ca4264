"""Numeric projections against least squares (NumPy), with P² = P and residual ⊥ U."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mml.errors import DomainError, ShapeError
from mml.geometry import (
    line_projection_matrix,
    project_onto_affine,
    project_onto_line,
    project_onto_subspace,
    projection_matrix,
)

small = st.integers(min_value=-5, max_value=5).map(float)


@given(st.integers(2, 5), st.integers(1, 4), st.data())
@settings(max_examples=40, deadline=None)
def test_subspace_projection_matches_lstsq(n, k, data):
    B = data.draw(arrays(float, (n, k), elements=small))
    x = data.draw(arrays(float, n, elements=small))
    point = project_onto_subspace(x, B)
    coefficients = np.linalg.lstsq(B, x, rcond=None)[0]
    np.testing.assert_allclose(point, B @ coefficients, atol=1e-8)
    P = projection_matrix(B)
    np.testing.assert_allclose(P @ P, P, atol=1e-10)
    np.testing.assert_allclose(B.T @ (x - point), 0, atol=1e-8)


def test_projection_matrix_equals_normal_equations_formula():
    B = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    np.testing.assert_allclose(projection_matrix(B), B @ np.linalg.inv(B.T @ B) @ B.T, atol=1e-12)


def test_line_projection_book_example():
    np.testing.assert_allclose(
        line_projection_matrix([1, 2, 2]), np.outer([1, 2, 2], [1, 2, 2]) / 9
    )
    np.testing.assert_allclose(project_onto_line([1, 1, 1], [1, 2, 2]), np.array([5, 10, 10]) / 9)


def test_stacked_points_project_one_by_one():
    rng = np.random.default_rng(2)
    B = rng.standard_normal((4, 2))
    X = rng.standard_normal((7, 4))
    stacked = project_onto_subspace(X, B)
    np.testing.assert_allclose(stacked, [project_onto_subspace(x, B) for x in X], atol=1e-12)


def test_affine_projection_lies_on_the_space_and_residual_is_orthogonal():
    x0 = np.array([1.0, 2.0, 3.0])
    B = np.array([[1.0], [1.0], [0.0]])
    x = np.array([4.0, -1.0, 7.0])
    point = project_onto_affine(x, x0, B)
    np.testing.assert_allclose((point - x0) @ np.array([1, -1, 0]), 0, atol=1e-12)
    np.testing.assert_allclose((x - point) @ B[:, 0], 0, atol=1e-12)


def test_errors():
    with pytest.raises(DomainError, match="zero vector"):
        project_onto_line([1, 2], [0, 0])
    with pytest.raises(ShapeError):
        project_onto_subspace([1, 2, 3], [[1.0], [0.0]])
