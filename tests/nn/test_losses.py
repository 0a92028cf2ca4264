"""Losses against scikit-learn / SciPy and against their gradients' closed forms."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.special import expit, log_expit, softmax
from sklearn.metrics import hinge_loss as sk_hinge_loss
from sklearn.metrics import log_loss, mean_squared_error

from mml.autodiff import Tensor
from mml.errors import DomainError, ShapeError
from mml.nn import binary_cross_entropy_with_logits, cross_entropy, hinge_loss, mse_loss

logits_strategy = arrays(np.float64, (6, 3), elements=st.floats(-10, 10))


@settings(max_examples=20, deadline=None)
@given(z=logits_strategy, labels=arrays(np.int64, 6, elements=st.integers(0, 2)))
def test_cross_entropy_matches_sklearn_log_loss_and_its_gradient(z, labels):
    loss = cross_entropy(Tensor(z, requires_grad=True), labels)
    expected = log_loss(labels, softmax(z, axis=1), labels=[0, 1, 2])
    assert np.isclose(loss.item(), expected, rtol=1e-7, atol=1e-9)
    logits = Tensor(z, requires_grad=True)
    cross_entropy(logits, labels).backward()
    onehot = np.eye(3)[labels]
    np.testing.assert_allclose(logits.grad.numpy(), (softmax(z, axis=1) - onehot) / 6, atol=1e-12)


def test_cross_entropy_is_stable_for_huge_logits():
    z = np.array([[1000.0, 0.0], [0.0, -1000.0]])
    np.testing.assert_allclose(float(cross_entropy(z, np.array([0, 1]))), 500.0)


def test_cross_entropy_accepts_probability_targets():
    z = np.array([[1.0, 2.0, 0.5]])
    p = np.array([[0.2, 0.5, 0.3]])
    expected = -(p * (z - np.log(np.exp(z).sum()))).sum()
    assert np.isclose(float(cross_entropy(z, p)), expected)


def test_cross_entropy_rejects_bad_labels_and_shapes():
    with pytest.raises(DomainError, match=r"\[0, 3\)"):
        cross_entropy(np.zeros((2, 3)), np.array([0, 3]))
    with pytest.raises(ShapeError):
        cross_entropy(np.zeros((2, 3)), np.array([0, 1, 2]))
    with pytest.raises(ShapeError):
        cross_entropy(np.zeros(3), np.array([0]))


@settings(max_examples=20, deadline=None)
@given(z=arrays(np.float64, 8, elements=st.floats(-30, 30)))
def test_binary_cross_entropy_with_logits_matches_sklearn(z):
    y = (np.arange(8) % 2).astype(float)
    ours = float(binary_cross_entropy_with_logits(z, y))
    exact = -np.mean(y * log_expit(z) + (1 - y) * log_expit(-z))
    assert np.isclose(ours, exact, rtol=1e-12, atol=1e-14)
    if np.all(np.abs(z) < 10):  # where probabilities still resolve 1 - sigma in float64
        assert np.isclose(ours, log_loss(y, expit(z), labels=[0, 1]), rtol=1e-6)
    logits = Tensor(z, requires_grad=True)
    binary_cross_entropy_with_logits(logits, y).backward()
    np.testing.assert_allclose(logits.grad.numpy(), (expit(z) - y) / 8, atol=1e-12)


def test_binary_cross_entropy_does_not_overflow():
    assert np.isfinite(float(binary_cross_entropy_with_logits(np.array([1e4]), np.array([0.0]))))


@settings(max_examples=20, deadline=None)
@given(s=arrays(np.float64, 7, elements=st.floats(-3, 3)))
def test_hinge_loss_matches_sklearn(s):
    y = np.where(np.arange(7) % 3 == 0, -1.0, 1.0)
    assert np.isclose(float(hinge_loss(s, y)), sk_hinge_loss(y, s))


def test_hinge_loss_rejects_zero_one_labels():
    with pytest.raises(DomainError, match="-1 or \\+1"):
        hinge_loss(np.zeros(2), np.array([0.0, 1.0]))


def test_mse_loss_matches_sklearn_and_reductions():
    a, b = np.array([1.0, 2.0, 4.0]), np.array([0.0, 2.0, 1.0])
    assert np.isclose(float(mse_loss(a, b)), mean_squared_error(b, a))
    assert np.isclose(float(mse_loss(a, b, reduction="sum")), 10.0)
    np.testing.assert_allclose(mse_loss(a, b, reduction="none"), [1.0, 0.0, 9.0])
    with pytest.raises(DomainError):
        mse_loss(a, b, reduction="median")
    with pytest.raises(ShapeError):
        mse_loss(a, b[:2])
