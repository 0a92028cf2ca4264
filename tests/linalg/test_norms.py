"""norm, vector_norm, matrix_norm and cond against numpy.linalg for every order and axis."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from tests.linalg.matrix_cases import DTYPES, random_matrix

import mml.linalg as la
from mml.errors import LinAlgError

RNG = np.random.default_rng(23)

VECTOR_ORDERS = [None, 0, 1, 2, 3, 0.5, -1, -2, np.inf, -np.inf]
MATRIX_ORDERS = [None, "fro", "nuc", 1, -1, 2, -2, np.inf, -np.inf]


@pytest.mark.filterwarnings("ignore:divide by zero:RuntimeWarning")  # numpy's, for ord < 0
@pytest.mark.parametrize("dtype", DTYPES + [np.int64])
@pytest.mark.parametrize("ord", VECTOR_ORDERS)
def test_vector_norms(dtype, ord):
    x = random_matrix(RNG, (7,), np.float64 if dtype == np.int64 else dtype)
    if dtype == np.int64:
        x = (10 * x).astype(np.int64)
    ours, ref = la.norm(x, ord), np.linalg.norm(x, ord)
    assert np.asarray(ours).dtype == np.asarray(ref).dtype
    np.testing.assert_allclose(ours, ref, rtol=1e-5)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("ord", MATRIX_ORDERS)
@pytest.mark.parametrize("axis", [None, (0, 1), (1, 0)])
@pytest.mark.parametrize("keepdims", [False, True])
def test_matrix_norms(dtype, ord, axis, keepdims):
    x = random_matrix(RNG, (5, 4), dtype)
    ours = la.norm(x, ord, axis=axis, keepdims=keepdims)
    ref = np.linalg.norm(x, ord, axis=axis, keepdims=keepdims)
    assert np.shape(ours) == np.shape(ref)
    np.testing.assert_allclose(ours, ref, rtol=1e-5)


@pytest.mark.parametrize("ord", MATRIX_ORDERS)
def test_matrix_norms_over_other_axes_of_a_stack(ord):
    x = random_matrix(RNG, (3, 4, 5))
    np.testing.assert_allclose(
        la.norm(x, ord, axis=(2, 0)), np.linalg.norm(x, ord, axis=(2, 0)), rtol=1e-10
    )
    np.testing.assert_allclose(
        la.matrix_norm(x, ord=ord or "fro"), np.linalg.matrix_norm(x, ord=ord or "fro"), rtol=1e-10
    )


@pytest.mark.parametrize("axis", [None, 0, -1, (0, 2), (1,)])
@pytest.mark.parametrize("ord", [1, 2, np.inf, 0, 3])
@pytest.mark.parametrize("keepdims", [False, True])
def test_vector_norm_over_any_axes(axis, ord, keepdims):
    x = random_matrix(RNG, (3, 4, 5))
    ours = la.vector_norm(x, axis=axis, ord=ord, keepdims=keepdims)
    ref = np.linalg.vector_norm(x, axis=axis, ord=ord, keepdims=keepdims)
    assert np.shape(ours) == np.shape(ref)
    np.testing.assert_allclose(ours, ref, rtol=1e-12)


@pytest.mark.parametrize(
    ("x", "ord", "axis"),
    [
        (np.ones(3), "fro", None),
        (np.ones((2, 2)), 3, None),
        (np.ones((2, 2, 2)), 2, None),
        (np.ones((2, 2)), None, (0, 0)),
    ],
)
def test_invalid_orders_and_axes_raise_value_error_like_numpy(x, ord, axis):
    with pytest.raises(ValueError):
        np.linalg.norm(x, ord, axis)
    with pytest.raises(ValueError):
        la.norm(x, ord, axis)


@pytest.mark.parametrize("p", [None, 1, -1, 2, -2, np.inf, -np.inf, "fro", "nuc"])
def test_cond_matches_numpy(p):
    x = random_matrix(RNG, (2, 5, 5))
    np.testing.assert_allclose(la.cond(x, p), np.linalg.cond(x, p), rtol=1e-8)


def test_cond_of_a_singular_matrix_is_infinite():
    singular = np.array([[1.0, 2.0], [2.0, 4.0]])
    assert la.cond(singular, 1) == np.inf
    assert la.cond(np.zeros((2, 2))) == np.linalg.cond(np.zeros((2, 2)))


def test_cond_of_empty_or_non_square():
    with pytest.raises(LinAlgError, match="empty"):
        la.cond(np.zeros((0, 0)))
    with pytest.raises(LinAlgError, match="square"):
        la.cond(np.ones((2, 3)), 1)
    np.testing.assert_allclose(
        la.cond(np.ones((2, 3)) + np.eye(2, 3)), np.linalg.cond(np.ones((2, 3)) + np.eye(2, 3))
    )


@settings(max_examples=30, deadline=None)
@given(
    x=hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=1, max_dims=3, max_side=5),
        elements=st.floats(-1e6, 1e6),
    )
)
def test_default_norm_of_any_array(x):
    np.testing.assert_allclose(la.norm(x), np.linalg.norm(x), rtol=1e-12)
