"""Triangular solves: blocked kernel vs row-by-row reference vs scipy.linalg.solve_triangular."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg
from tests.linalg.matrix_cases import DTYPES, EPS, random_matrix

import mml.linalg as la
from mml.errors import LinAlgError, ShapeError, SingularMatrixError
from mml.linalg.triangular import (
    invert_triangular,
    solve_triangular_blocked,
    solve_triangular_unblocked,
)

RNG = np.random.default_rng(7)


def well_conditioned_triangle(n: int, lower: bool, dtype=np.float64) -> np.ndarray:
    t = random_matrix(RNG, (n, n), dtype) / np.sqrt(n) + 3 * np.eye(n)
    return np.tril(t) if lower else np.triu(t)


@pytest.mark.parametrize("lower", [True, False])
@pytest.mark.parametrize("n", [1, 17, 100, 257])
def test_blocked_solve_matches_row_by_row_reference(lower, n):
    t = well_conditioned_triangle(n, lower)
    b = random_matrix(RNG, (n, 3))
    np.testing.assert_allclose(
        solve_triangular_blocked(t, b, lower), solve_triangular_unblocked(t, b, lower), atol=1e-12
    )


@pytest.mark.parametrize("lower", [True, False])
def test_recursive_inverse_is_the_inverse(lower):
    t = well_conditioned_triangle(150, lower)
    np.testing.assert_allclose(invert_triangular(t, lower) @ t, np.eye(150), atol=1e-12)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("trans", [0, 1, 2, "N", "T", "C"])
@pytest.mark.parametrize("lower", [True, False])
@pytest.mark.parametrize("unit_diagonal", [True, False])
def test_matches_scipy(dtype, trans, lower, unit_diagonal):
    a = random_matrix(RNG, (40, 40), dtype) / 10 + 2 * np.eye(40, dtype=dtype)
    b = random_matrix(RNG, (40, 2), dtype)
    kwargs = dict(trans=trans, lower=lower, unit_diagonal=unit_diagonal)
    x = la.solve_triangular(a, b, **kwargs)
    ref = scipy.linalg.solve_triangular(a, b, **kwargs)
    assert x.dtype == ref.dtype
    np.testing.assert_allclose(
        x, ref, rtol=1e3 * EPS[np.dtype(dtype)], atol=1e3 * EPS[np.dtype(dtype)]
    )


def test_vector_right_hand_side_keeps_its_shape():
    x = la.solve_triangular(np.triu(np.ones((3, 3))), np.ones(3))
    np.testing.assert_allclose(x, [0.0, 0.0, 1.0])


def test_zero_on_the_diagonal_is_singular():
    with pytest.raises(SingularMatrixError, match="diagonal entry 1"):
        la.solve_triangular(np.array([[1.0, 0.0], [1.0, 0.0]]), np.ones(2), lower=True)


def test_shape_errors_name_both_shapes():
    with pytest.raises(ShapeError, match=r"\(3, 3\)"):
        la.solve_triangular(np.eye(3), np.ones(4))
    with pytest.raises(LinAlgError, match="square"):
        la.solve_triangular(np.ones((2, 3)), np.ones(2))


def test_nan_is_refused_unless_check_finite_is_false():
    b = np.array([1.0, np.nan])
    with pytest.raises(LinAlgError, match="infs or NaNs"):
        la.solve_triangular(np.eye(2), b)
    assert np.isnan(la.solve_triangular(np.eye(2), b, check_finite=False)).any()


def test_empty_system():
    assert la.solve_triangular(np.zeros((0, 0)), np.zeros((0, 2))).shape == (0, 2)
