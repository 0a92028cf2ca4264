"""Modules, layers, initialisers: registration, shapes, dtypes, state dicts, errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.autodiff import Tensor
from mml.errors import DomainError, MMLError, ShapeError
from mml.nn import (
    GELU,
    MLP,
    Dropout,
    Linear,
    Module,
    Parameter,
    ReLU,
    Sequential,
    Sigmoid,
    Softmax,
    Tanh,
    init,
)


def test_linear_computes_x_w_transpose_plus_b():
    layer = Linear(3, 2, rng=0)
    x = np.random.default_rng(1).normal(size=(5, 3)).astype(np.float32)
    expected = x @ layer.weight.numpy().T + layer.bias.numpy()
    np.testing.assert_allclose(layer(x).numpy(), expected, rtol=1e-6)


def test_linear_default_init_is_pytorch_uniform_bound():
    layer = Linear(400, 50, rng=0)
    bound = 1 / np.sqrt(400)
    w, b = layer.weight.numpy(), layer.bias.numpy()
    assert np.abs(w).max() <= bound and np.abs(b).max() <= bound
    assert np.abs(w).max() > 0.95 * bound  # it fills the interval
    assert abs(w.std() - bound / np.sqrt(3)) < 0.02 * bound


def test_networks_are_float32_by_default_and_float64_on_request():
    assert MLP([3, 4, 2], rng=0)(np.ones((1, 3))).dtype == np.float32
    net64 = MLP([3, 4, 2], dtype=np.float64, rng=0)
    assert net64(np.ones((1, 3))).dtype == np.float64
    assert MLP([3, 4, 2], rng=0).to(np.float64)(np.ones((1, 3))).dtype == np.float64


def test_linear_rejects_inputs_of_the_wrong_width():
    with pytest.raises(ShapeError, match="last axis 3"):
        Linear(3, 2, rng=0)(np.ones((4, 5)))


def test_parameters_are_registered_in_order_with_dotted_names():
    net = MLP([3, 4, 4, 2], rng=0)
    names = [name for name, _ in net.named_parameters()]
    assert names == ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"]
    assert all(p.requires_grad for p in net.parameters())


def test_shared_parameter_is_listed_once_and_gets_both_gradients():
    shared = Linear(2, 2, bias=False, rng=0)
    net = Sequential(shared, Tanh(), shared)
    assert len(list(net.parameters())) == 1
    x = np.array([[0.5, -1.0]], dtype=np.float32)
    net(x).sum().backward()
    W = shared.weight.numpy()
    h = np.tanh(x @ W.T)
    # d/dW sum(h W^T) + path through h
    expected = np.ones((2, 1)) @ h + ((np.ones((1, 2)) @ W) * (1 - h**2)).T @ x
    np.testing.assert_allclose(shared.weight.grad.numpy(), expected, rtol=1e-5)


def test_state_dict_round_trip_restores_outputs():
    a, b = MLP([3, 5, 2], rng=0), MLP([3, 5, 2], rng=1)
    x = np.ones((2, 3), dtype=np.float32)
    assert not np.allclose(a(x).numpy(), b(x).numpy())
    b.load_state_dict(a.state_dict())
    np.testing.assert_array_equal(a(x).numpy(), b(x).numpy())


def test_load_state_dict_reports_missing_and_wrong_shapes():
    net = MLP([3, 5, 2], rng=0)
    state = net.state_dict()
    del state["0.bias"]
    with pytest.raises(MMLError, match="0.bias"):
        net.load_state_dict(state)
    state = net.state_dict()
    state["0.weight"] = np.zeros((3, 5))
    with pytest.raises(ShapeError, match="0.weight"):
        net.load_state_dict(state)


def test_zero_grad_clears_every_parameter():
    net = MLP([3, 4, 2], rng=0)
    net(np.ones((1, 3))).sum().backward()
    assert all(p.grad is not None for p in net.parameters())
    net.zero_grad()
    assert all(p.grad is None for p in net.parameters())


def test_module_without_super_init_gets_a_clear_error():
    class Broken(Module):
        def __init__(self):
            self.w = Parameter(np.zeros(2))

    with pytest.raises(MMLError, match="super"):
        Broken()


def test_dropout_scales_in_training_and_is_identity_in_eval():
    drop = Dropout(0.25, rng=0)
    x = np.ones((400, 50), dtype=np.float32)
    y = drop(x).numpy() if isinstance(drop(x), Tensor) else drop(x)
    kept = y != 0
    assert abs(kept.mean() - 0.75) < 0.01
    np.testing.assert_allclose(y[kept], 1 / 0.75)
    drop.eval()
    assert drop(x) is x
    with pytest.raises(DomainError):
        Dropout(1.0)


def test_activations_match_their_formulas():
    x = np.linspace(-3, 3, 13)
    np.testing.assert_allclose(ReLU()(Tensor(x)).numpy(), np.maximum(x, 0))
    np.testing.assert_allclose(Sigmoid()(Tensor(x)).numpy(), 1 / (1 + np.exp(-x)))
    np.testing.assert_allclose(Tanh()(Tensor(x)).numpy(), np.tanh(x))
    p = Softmax(dim=0)(Tensor(x)).numpy()
    np.testing.assert_allclose(p, np.exp(x) / np.exp(x).sum())
    from scipy.special import erf

    np.testing.assert_allclose(GELU()(Tensor(x)).numpy(), 0.5 * x * (1 + erf(x / np.sqrt(2))))
    tanh_form = 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3)))
    np.testing.assert_allclose(GELU("tanh")(Tensor(x)).numpy(), tanh_form)


@settings(max_examples=10, deadline=None)
@given(
    fan_in=st.integers(50, 300),
    fan_out=st.integers(50, 300),
    which=st.sampled_from(["xavier_uniform_", "xavier_normal_", "he_uniform_", "he_normal_"]),
)
def test_initialisers_have_the_variance_they_promise(fan_in, fan_out, which):
    W = Tensor(np.zeros((fan_out, fan_in)))
    kwargs = {} if which.startswith("xavier") else {"nonlinearity": "relu"}
    getattr(init, which)(W, rng=0, **kwargs)
    if which.startswith("xavier"):
        variance = 2.0 / (fan_in + fan_out)
    else:
        variance = 2.0 / fan_in
    assert abs(W.numpy().var() / variance - 1) < 0.1
    if which.endswith("uniform_"):
        assert np.abs(W.numpy()).max() <= np.sqrt(3 * variance)


def test_init_rejects_unknown_options():
    with pytest.raises(DomainError):
        init.calculate_gain("swish")
    with pytest.raises(DomainError):
        init.kaiming_normal_(Tensor(np.zeros((2, 2))), mode="fan_sideways")
    with pytest.raises(ShapeError):
        init.xavier_uniform_(Tensor(np.zeros(3)))


def test_mlp_rejects_bad_sizes_and_activations():
    with pytest.raises(DomainError):
        MLP([3])
    with pytest.raises(DomainError):
        MLP([3, 0, 2])
    with pytest.raises(DomainError, match="swish"):
        MLP([3, 2], activation="swish")
