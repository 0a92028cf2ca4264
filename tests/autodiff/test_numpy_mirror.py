"""On plain arrays, ``mml.autodiff.numpy`` is NumPy: same values, shapes and dtypes."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import mml.autodiff.numpy as anp
from mml.autodiff import Tensor

UNARY_NAMES = [
    "negative", "exp", "exp2", "expm1", "sin", "cos", "tan", "arctan", "sinh", "cosh",
    "tanh", "arcsinh", "square", "absolute", "cbrt", "sign", "floor", "ceil", "rint",
]  # fmt: skip
BINARY_NAMES = ["add", "subtract", "multiply", "maximum", "minimum", "arctan2", "hypot",
                "logaddexp", "equal", "less", "greater_equal"]  # fmt: skip

values = arrays(
    st.sampled_from([np.float32, np.float64]),
    st.sampled_from([(), (3,), (2, 3)]),
    elements=st.floats(-3, 3, width=32),
)


@settings(max_examples=25, deadline=None)
@given(x=values, name=st.sampled_from(UNARY_NAMES))
def test_unary_functions_equal_numpy_on_arrays_and_on_constant_tensors(x, name):
    expected = getattr(np, name)(x)
    ours = getattr(anp, name)(x)
    np.testing.assert_array_equal(ours, expected)
    assert np.result_type(ours) == np.result_type(expected)
    wrapped = getattr(anp, name)(Tensor(x))
    assert isinstance(wrapped, Tensor)
    np.testing.assert_array_equal(wrapped.numpy(), expected)


@settings(max_examples=25, deadline=None)
@given(x=values, y=values, name=st.sampled_from(BINARY_NAMES))
def test_binary_functions_broadcast_like_numpy(x, y, name):
    try:
        expected = getattr(np, name)(x, y)
    except ValueError:
        return  # shapes that do not broadcast
    np.testing.assert_array_equal(getattr(anp, name)(x, y), expected)


@pytest.mark.parametrize("axis", [None, 0, 1, (0, 1), -1])
@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("name", ["sum", "mean", "max", "min", "var", "std"])
def test_reductions_equal_numpy(name, axis, keepdims):
    x = np.arange(6.0).reshape(2, 3) ** 1.5
    np.testing.assert_allclose(
        getattr(anp, name)(x, axis=axis, keepdims=keepdims),
        getattr(np, name)(x, axis=axis, keepdims=keepdims),
        rtol=1e-14,
    )


def test_shape_and_product_functions_equal_numpy():
    x = np.arange(6.0).reshape(2, 3)
    A = np.arange(9.0).reshape(3, 3)
    np.testing.assert_array_equal(anp.reshape(x, (3, 2)), np.reshape(x, (3, 2)))
    np.testing.assert_array_equal(anp.transpose(x), x.T)
    np.testing.assert_array_equal(anp.concatenate([x, x], axis=1), np.concatenate([x, x], 1))
    np.testing.assert_array_equal(anp.stack([x, x], axis=-1), np.stack([x, x], -1))
    np.testing.assert_array_equal(anp.where(x > 2, x, -x), np.where(x > 2, x, -x))
    np.testing.assert_array_equal(anp.clip(x, 1.0, 4.0), np.clip(x, 1.0, 4.0))
    np.testing.assert_array_equal(anp.einsum("ij,jk->ik", x, A), np.einsum("ij,jk->ik", x, A))
    np.testing.assert_array_equal(anp.diag(anp.diag(A)), np.diag(np.diag(A)))
    np.testing.assert_array_equal(anp.diag(np.arange(3.0), 1), np.diag(np.arange(3.0), 1))
    np.testing.assert_array_equal(anp.trace(A), np.trace(A))
    np.testing.assert_array_equal(anp.cumsum(x, axis=1), np.cumsum(x, axis=1))
    np.testing.assert_array_equal(anp.triu(A, 1), np.triu(A, 1))
    np.testing.assert_array_equal(anp.dot(x, A), np.dot(x, A))
    np.testing.assert_array_equal(anp.outer(x[0], x[1]), np.outer(x[0], x[1]))
    np.testing.assert_array_equal(anp.linear(x, A, x[0]), x @ A.T + x[0])


def test_stable_functions_do_not_overflow():
    z = np.array([1000.0, -1000.0, 0.0])
    assert np.isfinite(anp.logsumexp(z))
    np.testing.assert_allclose(anp.softmax(z), [1.0, 0.0, 0.0])
    np.testing.assert_allclose(anp.sigmoid(z), [1.0, 0.0, 0.5])
    assert np.all(np.isfinite(anp.log_softmax(z)[:1]))


def test_einsum_rejects_ellipsis_and_wrong_operand_counts():
    from mml.errors import DomainError, ShapeError

    with pytest.raises(DomainError, match="ellipsis"):
        anp.einsum("...i->i", np.ones((2, 3)))
    with pytest.raises(ShapeError):
        anp.einsum("ij,jk->ik", np.ones((2, 2)))
