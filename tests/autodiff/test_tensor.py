"""The PyTorch-style ``Tensor``: graph semantics that from-scratch engines get wrong."""

from __future__ import annotations

import autograd
import autograd.numpy as agnp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import mml.autodiff.numpy as anp
from mml.autodiff import GraphError, Tensor, no_grad
from mml.errors import DomainError, ShapeError


def test_shared_node_accumulates_both_paths():
    x = Tensor([1.0, 2.0], requires_grad=True)
    y = x * 3.0
    z = (y * y + y).sum()  # y used three times
    z.backward()
    np.testing.assert_allclose(x.grad.numpy(), 3 * (2 * 3 * np.array([1.0, 2.0]) + 1))


def test_diamond_graph_matches_autograd():
    def f(m, x):
        a = m.sin(x)
        b = a * x
        c = m.exp(a) + b * a
        return m.sum(c * b)

    x0 = np.array([0.3, -1.2, 2.0])
    x = Tensor(x0, requires_grad=True)
    f(anp, x).backward()
    np.testing.assert_allclose(x.grad.numpy(), autograd.grad(lambda v: f(agnp, v))(x0))


def test_backward_twice_accumulates_and_zero_grad_resets():
    x = Tensor([1.0, -2.0], requires_grad=True)
    loss = (x**2).sum()
    loss.backward()
    loss.backward()
    np.testing.assert_allclose(x.grad.numpy(), 2 * 2 * np.array([1.0, -2.0]))
    x.zero_grad()
    assert x.grad is None
    loss.backward()
    np.testing.assert_allclose(x.grad.numpy(), 2 * np.array([1.0, -2.0]))


def test_in_place_change_of_a_saved_constant_raises_at_backward():
    x = Tensor([1.0, 2.0], requires_grad=True)
    c = Tensor([3.0, 4.0])
    loss = (x * c).sum()
    c += 1.0
    with pytest.raises(GraphError, match="changed in place"):
        loss.backward()


def test_in_place_change_of_a_leaf_under_no_grad_is_caught_at_backward():
    x = Tensor([1.0, 2.0], requires_grad=True)
    loss = (x * x).sum()  # multiply's VJP needs x itself
    with no_grad():
        x -= 1.0
    with pytest.raises(GraphError, match="'multiply' saved"):
        loss.backward()


def test_in_place_on_a_leaf_that_requires_grad_raises_immediately():
    x = Tensor([1.0], requires_grad=True)
    with pytest.raises(GraphError, match="in-place"):
        x += 1.0


def test_in_place_on_a_graph_tensor_raises():
    x = Tensor([1.0], requires_grad=True)
    y = x * 2.0
    with pytest.raises(GraphError):
        y[0] = 5.0


def test_integer_tensor_cannot_require_grad():
    with pytest.raises(DomainError, match="int64"):
        Tensor([1, 2, 3], requires_grad=True)


def test_non_scalar_backward_without_seed_names_the_shape():
    x = Tensor(np.ones((2, 3)), requires_grad=True)
    with pytest.raises(ShapeError, match=r"\(2, 3\)"):
        (x * 2.0).backward()


def test_non_scalar_backward_with_seed_is_a_vjp():
    x = Tensor([1.0, 2.0, 3.0], requires_grad=True)
    seed = np.array([1.0, 0.0, -1.0])
    (x**2).backward(gradient=seed)
    np.testing.assert_allclose(x.grad.numpy(), 2 * np.array([1.0, 2.0, 3.0]) * seed)


def test_seed_of_the_wrong_shape_is_rejected():
    x = Tensor([1.0, 2.0], requires_grad=True)
    with pytest.raises(ShapeError):
        (x * 2.0).backward(gradient=np.ones(3))


def test_backward_on_a_constant_raises():
    with pytest.raises(GraphError, match="requires_grad"):
        Tensor([1.0]).sum().backward()


def test_no_grad_records_nothing():
    w = Tensor([1.0, 2.0], requires_grad=True)
    with no_grad():
        y = (w * 2.0).sum()
    assert not y.requires_grad
    assert y.grad_fn is None


def test_float32_stays_float32_through_forward_and_backward():
    W = Tensor(np.ones((3, 2), dtype=np.float32), requires_grad=True)
    x = np.ones((4, 3), dtype=np.float32)
    out = anp.tanh(x @ W * 0.5 + 1.0).mean()
    assert out.dtype == np.float32
    out.backward()
    assert W.grad.dtype == np.float32


def test_numpy_array_on_the_left_defers_to_the_tensor():
    x = Tensor([1.0, 2.0], requires_grad=True)
    y = np.array([3.0, 4.0]) * x + np.array([1.0, 1.0])
    assert isinstance(y, Tensor)
    y.sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), [3.0, 4.0])


def test_numpy_ufunc_on_a_tensor_is_refused_rather_than_silently_dropping_the_graph():
    x = Tensor([1.0], requires_grad=True)
    with pytest.raises(TypeError):
        np.exp(x)


def test_methods_follow_numpy():
    a = np.arange(6.0).reshape(2, 3)
    t = Tensor(a)
    np.testing.assert_allclose(t.T.numpy(), a.T)
    np.testing.assert_allclose(t.sum(axis=0, keepdims=True).numpy(), a.sum(0, keepdims=True))
    np.testing.assert_allclose(t.max(axis=1).numpy(), a.max(1))
    np.testing.assert_allclose(t.reshape(3, 2).numpy(), a.reshape(3, 2))
    np.testing.assert_allclose(t[1, ::2].numpy(), a[1, ::2])
    np.testing.assert_allclose((t @ t.T).numpy(), a @ a.T)
    assert t.shape == (2, 3) and t.ndim == 2 and t.size == 6 and len(t) == 2
    assert Tensor(2.5).item() == 2.5


def test_data_assignment_in_place_bumps_the_version():
    p = Tensor([1.0, 2.0], requires_grad=True)
    loss = (p * p).sum()
    with no_grad():
        p.data -= 0.1  # the optimiser idiom
    with pytest.raises(GraphError):
        loss.backward()


@settings(max_examples=10, deadline=None)
@given(
    x=arrays(np.float64, st.sampled_from([(3,), (2, 3)]), elements=st.floats(-2, 2)),
    b=arrays(np.float64, (3,), elements=st.floats(-2, 2)),
)
def test_tensor_backward_matches_autograd_with_broadcasting(x, b):
    def f(m, x, b):
        return m.sum(m.tanh(x * b + b) ** 2 / (1.0 + m.exp(x - b)))

    tx, tb = Tensor(x, requires_grad=True), Tensor(b, requires_grad=True)
    f(anp, tx, tb).backward()
    gx, gb = autograd.grad(lambda x, b: f(agnp, x, b), (0, 1))(x, b)
    np.testing.assert_allclose(tx.grad.numpy(), gx, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(tb.grad.numpy(), gb, rtol=1e-10, atol=1e-12)


def test_tensor_copies_its_data_so_updates_do_not_reach_the_callers_array():
    values = np.array([1.0, 2.0])
    p = Tensor(values, requires_grad=True)
    with no_grad():
        p -= 1.0
    np.testing.assert_array_equal(values, [1.0, 2.0])


def test_numpy_conversion_works_for_constants_and_is_refused_for_graph_tensors():
    np.testing.assert_array_equal(np.asarray(Tensor([1.0, 2.0])), [1.0, 2.0])
    with pytest.raises(GraphError, match="detach"):
        np.asarray(Tensor([1.0], requires_grad=True))
