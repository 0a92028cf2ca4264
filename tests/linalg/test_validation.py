"""The shared validators of mml.linalg behave as numpy.linalg's do."""

from __future__ import annotations

import numpy as np
import pytest

from mml.errors import LinAlgError, ShapeError
from mml.linalg._validation import (
    as_matrix,
    as_stacked_matrix,
    check_finite,
    check_square,
    common_dtypes,
    map_matrices,
    real_dtype,
)


@pytest.mark.parametrize("dtype", [np.int8, np.int64, np.uint16, np.bool_])
def test_integers_and_booleans_become_float64(dtype):
    assert as_stacked_matrix(np.ones((2, 2), dtype=dtype)).dtype == np.float64


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.complex64, np.complex128])
def test_supported_inexact_dtypes_are_kept_without_copy(dtype):
    a = np.ones((2, 2), dtype=dtype)
    assert as_stacked_matrix(a) is a


@pytest.mark.parametrize("dtype", [np.float16, object, "U1"])
def test_unsupported_dtypes_are_refused_with_type_error(dtype):
    with pytest.raises(TypeError):
        as_stacked_matrix(np.ones((2, 2)).astype(dtype))


def test_big_endian_input_is_made_native():
    a = np.ones((2, 2), dtype=">f8")
    assert as_stacked_matrix(a).dtype.isnative


@pytest.mark.parametrize("shape", [(), (3,)])
def test_fewer_than_two_dimensions_raises_linalgerror_like_numpy(shape):
    with pytest.raises(LinAlgError, match="at least two-dimensional"):
        as_stacked_matrix(np.ones(shape))
    with pytest.raises(LinAlgError):
        np.linalg.inv(np.ones(shape))


def test_as_matrix_refuses_stacks():
    with pytest.raises(LinAlgError, match="two-dimensional"):
        as_matrix(np.ones((2, 2, 2)))


def test_non_square_message_names_the_shape():
    with pytest.raises(LinAlgError, match=r"must be square \(a has shape \(4, 2, 3\)\)"):
        check_square(np.ones((4, 2, 3)))


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_check_finite_refuses_nan_and_inf(bad):
    a = np.eye(3)
    a[1, 2] = bad
    with pytest.raises(LinAlgError, match="infs or NaNs"):
        check_finite(a)


@pytest.mark.parametrize(
    ("dtypes", "expected"),
    [
        ((np.float32,), np.float32),
        ((np.float64,), np.float64),
        ((np.complex64,), np.complex64),
        ((np.complex128,), np.complex128),
        ((np.float32, np.float64), np.float64),
        ((np.float32, np.complex64), np.complex64),
        ((np.float64, np.complex64), np.complex128),
    ],
)
def test_result_dtype_matches_numpy_solve(dtypes, expected):
    arrays = [np.eye(2, dtype=d) for d in dtypes]
    work, result = common_dtypes(*arrays)
    assert result == expected
    assert work == (np.complex128 if np.dtype(expected).kind == "c" else np.float64)
    if len(arrays) == 2:
        assert np.linalg.solve(*arrays).dtype == expected


def test_real_dtype_of_complex():
    assert real_dtype(np.complex128) == np.float64


def test_map_matrices_broadcasts_stack_dimensions():
    rng = np.random.default_rng(0)
    a = rng.standard_normal((4, 1, 3, 3))
    b = rng.standard_normal((5, 3, 2))
    out = map_matrices(lambda x, y: x @ y, a, b)
    np.testing.assert_allclose(out, a @ b)


def test_map_matrices_keeps_named_tuples_and_scalars():
    stack = np.arange(8.0).reshape(2, 2, 2)
    from mml.linalg._results import SlogdetResult

    out = map_matrices(lambda m: SlogdetResult(m.sum(), m.trace()), stack)
    assert isinstance(out, SlogdetResult)
    np.testing.assert_allclose(out.sign, [6.0, 22.0])


def test_map_matrices_on_empty_stack_gives_empty_outputs_of_the_right_shape():
    out = map_matrices(lambda m: (m.T, m.trace()), np.ones((0, 3, 3)))
    assert out[0].shape == (0, 3, 3)
    assert out[1].shape == (0,)


def test_map_matrices_refuses_stacks_that_do_not_broadcast():
    with pytest.raises(ShapeError, match="do not broadcast"):
        map_matrices(lambda x, y: x @ y, np.ones((2, 2, 2)), np.ones((3, 2, 2)))
