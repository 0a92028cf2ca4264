"""Training optimisers against PyTorch's published algorithms, written out in plain Python.

The reference updates below follow the pseudo-code boxes of the ``torch.optim``
documentation one scalar at a time (a different implementation from ours, which works on
whole arrays in place). The comparison with torch itself is in benchmarks/.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mml.autodiff.numpy as anp
from mml.autodiff import Tensor
from mml.errors import DomainError
from mml.optim import SGD, Adagrad, Adam, AdamW, RMSprop

A = np.array([[3.0, 0.5, 0.0], [0.5, 1.0, 0.2], [0.0, 0.2, 0.5]])
b = np.array([1.0, -2.0, 0.5])


def loss_and_grad(theta):
    """f(θ) = ½ θᵀAθ - bᵀθ + 0.1 Σ θ⁴ (a smooth, non-quadratic test function)."""
    return A @ theta - b + 0.4 * theta**3


def reference_sgd(theta, steps, lr, momentum=0.0, dampening=0.0, wd=0.0, nesterov=False):
    theta = [float(v) for v in theta]
    buf = [None] * len(theta)
    for _ in range(steps):
        grad = loss_and_grad(np.array(theta))
        for i in range(len(theta)):
            g = grad[i] + wd * theta[i]
            if momentum:
                buf[i] = g if buf[i] is None else momentum * buf[i] + (1 - dampening) * g
                g = g + momentum * buf[i] if nesterov else buf[i]
            theta[i] -= lr * g
    return np.array(theta)


def reference_rmsprop(theta, steps, lr, alpha, eps, wd, momentum, centered):
    theta = [float(v) for v in theta]
    n = len(theta)
    v, buf, g_avg = [0.0] * n, [0.0] * n, [0.0] * n
    for _ in range(steps):
        grad = loss_and_grad(np.array(theta))
        for i in range(n):
            g = grad[i] + wd * theta[i]
            v[i] = alpha * v[i] + (1 - alpha) * g * g
            if centered:
                g_avg[i] = alpha * g_avg[i] + (1 - alpha) * g
                denom = math.sqrt(v[i] - g_avg[i] ** 2) + eps
            else:
                denom = math.sqrt(v[i]) + eps
            if momentum:
                buf[i] = momentum * buf[i] + g / denom
                theta[i] -= lr * buf[i]
            else:
                theta[i] -= lr * g / denom
    return np.array(theta)


def reference_adagrad(theta, steps, lr, lr_decay, wd, initial, eps):
    theta = [float(v) for v in theta]
    total = [initial] * len(theta)
    for t in range(1, steps + 1):
        grad = loss_and_grad(np.array(theta))
        clr = lr / (1 + (t - 1) * lr_decay)
        for i in range(len(theta)):
            g = grad[i] + wd * theta[i]
            total[i] += g * g
            theta[i] -= clr * g / (math.sqrt(total[i]) + eps)
    return np.array(theta)


def reference_adam(theta, steps, lr, beta1, beta2, eps, wd, amsgrad, decoupled):
    theta = [float(v) for v in theta]
    n = len(theta)
    m, v, v_max = [0.0] * n, [0.0] * n, [0.0] * n
    for t in range(1, steps + 1):
        grad = loss_and_grad(np.array(theta))
        for i in range(n):
            g = grad[i]
            if decoupled:
                theta[i] *= 1 - lr * wd
            else:
                g += wd * theta[i]
            m[i] = beta1 * m[i] + (1 - beta1) * g
            v[i] = beta2 * v[i] + (1 - beta2) * g * g
            m_hat = m[i] / (1 - beta1**t)
            v_max[i] = max(v_max[i], v[i])
            v_hat = (v_max[i] if amsgrad else v[i]) / (1 - beta2**t)
            theta[i] -= lr * m_hat / (math.sqrt(v_hat) + eps)
    return np.array(theta)


def run(optimizer_class, steps, theta0, **kwargs):
    theta = Tensor(theta0.copy(), requires_grad=True)
    opt = optimizer_class([theta], **kwargs)
    for _ in range(steps):
        opt.zero_grad()
        t = theta
        loss = 0.5 * (t @ (A @ t)) - b @ t + 0.1 * anp.sum(t**4)
        loss.backward()
        opt.step()
    return theta.numpy()


theta0 = np.array([1.5, -0.5, 2.0])


@settings(max_examples=15, deadline=None)
@given(
    lr=st.floats(0.01, 0.1),
    momentum=st.sampled_from([0.0, 0.5, 0.9]),
    dampening=st.sampled_from([0.0, 0.3]),
    wd=st.sampled_from([0.0, 0.01]),
    nesterov=st.booleans(),
)
def test_sgd_matches_the_pytorch_algorithm(lr, momentum, dampening, wd, nesterov):
    if nesterov and (momentum == 0 or dampening != 0):
        with pytest.raises(DomainError, match="Nesterov"):
            SGD([Tensor([1.0], requires_grad=True)], lr, momentum, dampening, wd, nesterov)
        return
    ours = run(SGD, 15, theta0, lr=lr, momentum=momentum, dampening=dampening,
               weight_decay=wd, nesterov=nesterov)  # fmt: skip
    expected = reference_sgd(theta0, 15, lr, momentum, dampening, wd, nesterov)
    np.testing.assert_allclose(ours, expected, rtol=1e-10, atol=1e-12)


@settings(max_examples=15, deadline=None)
@given(
    lr=st.floats(0.001, 0.05),
    alpha=st.sampled_from([0.9, 0.99]),
    wd=st.sampled_from([0.0, 0.01]),
    momentum=st.sampled_from([0.0, 0.9]),
    centered=st.booleans(),
)
def test_rmsprop_matches_the_pytorch_algorithm(lr, alpha, wd, momentum, centered):
    ours = run(RMSprop, 15, theta0, lr=lr, alpha=alpha, weight_decay=wd, momentum=momentum,
               centered=centered)  # fmt: skip
    expected = reference_rmsprop(theta0, 15, lr, alpha, 1e-8, wd, momentum, centered)
    np.testing.assert_allclose(ours, expected, rtol=1e-9, atol=1e-12)


@settings(max_examples=15, deadline=None)
@given(
    lr=st.floats(0.01, 0.5),
    lr_decay=st.sampled_from([0.0, 0.1]),
    wd=st.sampled_from([0.0, 0.01]),
    initial=st.sampled_from([0.0, 0.1]),
)
def test_adagrad_matches_the_pytorch_algorithm(lr, lr_decay, wd, initial):
    ours = run(Adagrad, 15, theta0, lr=lr, lr_decay=lr_decay, weight_decay=wd,
               initial_accumulator_value=initial)  # fmt: skip
    expected = reference_adagrad(theta0, 15, lr, lr_decay, wd, initial, 1e-10)
    np.testing.assert_allclose(ours, expected, rtol=1e-9, atol=1e-12)


@settings(max_examples=20, deadline=None)
@given(
    lr=st.floats(0.001, 0.1),
    beta1=st.sampled_from([0.0, 0.9]),
    beta2=st.sampled_from([0.99, 0.999]),
    wd=st.sampled_from([0.0, 0.05]),
    amsgrad=st.booleans(),
    decoupled=st.booleans(),
)
def test_adam_and_adamw_match_the_pytorch_algorithm(lr, beta1, beta2, wd, amsgrad, decoupled):
    cls = AdamW if decoupled else Adam
    ours = run(cls, 15, theta0, lr=lr, betas=(beta1, beta2), weight_decay=wd, amsgrad=amsgrad)
    expected = reference_adam(theta0, 15, lr, beta1, beta2, 1e-8, wd, amsgrad, decoupled)
    np.testing.assert_allclose(ours, expected, rtol=1e-9, atol=1e-12)


def test_adam_first_step_moves_every_coordinate_by_about_lr():
    ours = run(Adam, 1, theta0, lr=0.01)
    np.testing.assert_allclose(np.abs(ours - theta0), 0.01, rtol=1e-5)


def test_state_is_per_parameter_and_param_groups_have_their_own_lr():
    w1 = Tensor([1.0, 1.0], requires_grad=True)
    w2 = Tensor([1.0], requires_grad=True)
    opt = SGD([{"params": [w1]}, {"params": [w2], "lr": 0.5}], lr=0.1, momentum=0.9)
    (w1.sum() + w2.sum()).backward()
    opt.step()
    np.testing.assert_allclose(w1.numpy(), [0.9, 0.9])
    np.testing.assert_allclose(w2.numpy(), [0.5])
    assert set(map(id, opt.state)) == {id(w1), id(w2)}
    assert opt.state[w1]["momentum_buffer"].shape == (2,)


def test_parameters_without_gradient_are_left_alone():
    used, unused = Tensor([1.0], requires_grad=True), Tensor([2.0], requires_grad=True)
    opt = Adam([used, unused], lr=0.1)
    (used * 3.0).sum().backward()
    opt.step()
    assert unused.numpy()[0] == 2.0 and unused not in opt.state


def test_float32_parameters_stay_float32():
    w = Tensor(np.ones(3, dtype=np.float32), requires_grad=True)
    for cls in (SGD, RMSprop, Adagrad, Adam, AdamW):
        opt = cls([w], lr=0.01)
        (w * w).sum().backward()
        opt.step()
        opt.zero_grad()
        assert w.dtype == np.float32


def test_state_dict_round_trip_continues_identically():
    def make():
        w = Tensor(theta0.copy(), requires_grad=True)
        return w, Adam([w], lr=0.05)

    def step(w, opt):
        opt.zero_grad()
        (w**2).sum().backward()
        opt.step()

    w1, opt1 = make()
    for _ in range(3):
        step(w1, opt1)
    w2, opt2 = make()
    w2.data = w1.numpy().copy()
    opt2.load_state_dict(opt1.state_dict())
    step(w1, opt1)
    step(w2, opt2)
    np.testing.assert_array_equal(w1.numpy(), w2.numpy())


def test_closure_is_evaluated_with_gradients():
    w = Tensor([2.0], requires_grad=True)
    opt = SGD([w], lr=0.25)

    def closure():
        opt.zero_grad()
        loss = (w * w).sum()
        loss.backward()
        return loss

    assert opt.step(closure).item() == 4.0
    assert w.numpy()[0] == 1.0


@pytest.mark.parametrize(
    ("cls", "kwargs"),
    [
        (SGD, {"lr": -1.0}),
        (SGD, {"momentum": -0.1}),
        (Adam, {"betas": (0.9, 1.0)}),
        (RMSprop, {"alpha": 1.5}),
        (Adagrad, {"lr_decay": -1.0}),
    ],
)
def test_invalid_hyperparameters_raise(cls, kwargs):
    with pytest.raises(DomainError):
        cls([Tensor([1.0], requires_grad=True)], **kwargs)


def test_empty_or_constant_parameter_lists_are_rejected():
    with pytest.raises(DomainError, match="empty"):
        SGD([], lr=0.1)
    with pytest.raises(DomainError):
        SGD([Tensor([1.0])], lr=0.1)
