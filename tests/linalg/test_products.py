"""Products, tensor equations and small operations against numpy.linalg."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.linalg.matrix_cases import random_matrix

import mml.linalg as la
from mml.errors import LinAlgError, ShapeError, SingularMatrixError

RNG = np.random.default_rng(29)


@pytest.mark.parametrize("n", [0, 1, 2, 3, 7, 16, -1, -3])
def test_matrix_power_matches_numpy(n):
    a = random_matrix(RNG, (2, 4, 4)) / 2
    np.testing.assert_allclose(
        la.matrix_power(a, n), np.linalg.matrix_power(a, n), rtol=1e-9, atol=1e-12
    )


def test_matrix_power_of_integers_stays_integer():
    fibonacci = la.matrix_power(np.array([[1, 1], [1, 0]]), 30)
    assert fibonacci.dtype.kind == "i" and fibonacci[0, 1] == 832040


def test_matrix_power_errors():
    with pytest.raises(TypeError, match="integer"):
        la.matrix_power(np.eye(2), 1.5)
    with pytest.raises(LinAlgError, match="square"):
        la.matrix_power(np.ones((2, 3)), 2)
    with pytest.raises(SingularMatrixError):
        la.matrix_power(np.zeros((2, 2)), -1)


@settings(max_examples=25, deadline=None)
@given(dims=st.lists(st.integers(1, 8), min_size=3, max_size=7), seed=st.integers(0, 2**32 - 1))
def test_multi_dot_equals_left_to_right_product(dims, seed):
    rng = np.random.default_rng(seed)
    arrays = [rng.standard_normal((dims[i], dims[i + 1])) for i in range(len(dims) - 1)]
    expected = arrays[0]
    for array in arrays[1:]:
        expected = expected @ array
    np.testing.assert_allclose(la.multi_dot(arrays), expected, rtol=1e-10, atol=1e-10)


def test_multi_dot_vectors_and_errors():
    a, b = random_matrix(RNG, (3, 4)), random_matrix(RNG, (4, 5))
    v, w = random_matrix(RNG, (3,)), random_matrix(RNG, (5,))
    np.testing.assert_allclose(la.multi_dot([v, a, b, w]), np.linalg.multi_dot([v, a, b, w]))
    out = np.empty((3, 5))
    assert la.multi_dot([a, b], out=out) is out
    with pytest.raises(ValueError, match="at least two"):
        la.multi_dot([a])
    with pytest.raises(ShapeError, match="does not chain"):
        la.multi_dot([a, a, b])


def test_small_operations_match_numpy():
    x, y = random_matrix(RNG, (4, 3)), random_matrix(RNG, (4, 3))
    np.testing.assert_allclose(la.cross(x, y), np.linalg.cross(x, y))
    np.testing.assert_allclose(la.cross(x.T, y.T, axis=0), np.linalg.cross(x.T, y.T, axis=0))
    np.testing.assert_allclose(la.outer(x[0], y[1]), np.linalg.outer(x[0], y[1]))
    z = random_matrix(RNG, (2, 4, 3), np.complex128)
    np.testing.assert_allclose(la.vecdot(z, z[0]), np.linalg.vecdot(z, z[0]))
    np.testing.assert_allclose(la.vecdot(z, z, axis=1), np.linalg.vecdot(z, z, axis=1))
    np.testing.assert_allclose(la.trace(z, offset=-1), np.linalg.trace(z, offset=-1))
    np.testing.assert_allclose(la.diagonal(z, offset=1), np.linalg.diagonal(z, offset=1))
    np.testing.assert_array_equal(la.matrix_transpose(z), np.linalg.matrix_transpose(z))
    np.testing.assert_allclose(la.matmul(z, x.T), np.linalg.matmul(z, x.T))


@pytest.mark.parametrize("axes", [0, 1, 2, ([0, 1], [1, 0]), (2, 0), ([-1], [0])])
def test_tensordot_matches_numpy(axes):
    a, b = random_matrix(RNG, (3, 4, 5)), random_matrix(RNG, (5, 4, 3))
    if axes == 1 or axes == (2, 0) or axes == ([-1], [0]):
        pass
    elif axes == 2:
        b = random_matrix(RNG, (4, 5, 2))
    elif axes == ([0, 1], [1, 0]):
        b = random_matrix(RNG, (4, 3, 2))
    np.testing.assert_allclose(
        la.tensordot(a, b, axes=axes), np.linalg.tensordot(a, b, axes=axes), atol=1e-12
    )


def test_shape_errors_of_small_operations():
    with pytest.raises(ValueError, match="3-dimensional"):
        la.cross(np.ones(2), np.ones(2))
    with pytest.raises(ValueError, match="one-dimensional"):
        la.outer(np.ones((2, 2)), np.ones(2))
    with pytest.raises(ValueError):
        la.tensordot(np.ones((2, 3)), np.ones((4, 3)), axes=1)
    with pytest.raises(ValueError):
        la.matrix_transpose(np.ones(3))


def test_tensorsolve_and_tensorinv_match_numpy():
    a = random_matrix(RNG, (2, 3, 6))
    b = random_matrix(RNG, (2, 3))
    np.testing.assert_allclose(la.tensorsolve(a, b), np.linalg.tensorsolve(a, b), atol=1e-10)
    c = random_matrix(RNG, (6, 2, 3))
    np.testing.assert_allclose(
        la.tensorsolve(c, b, axes=(0,)),
        np.linalg.tensorsolve(c, b, axes=(0,)),
        atol=1e-10,
    )
    t = random_matrix(RNG, (4, 6, 8, 3))
    np.testing.assert_allclose(la.tensorinv(t), np.linalg.tensorinv(t), atol=1e-10)
    np.testing.assert_allclose(la.tensorinv(c, ind=1), np.linalg.tensorinv(c, ind=1), atol=1e-10)


def test_tensor_equation_errors():
    with pytest.raises(LinAlgError, match="prod"):
        la.tensorsolve(np.ones((2, 3, 4)), np.ones((2, 3)))
    with pytest.raises(ValueError, match="ind"):
        la.tensorinv(np.ones((2, 2)), ind=0)
