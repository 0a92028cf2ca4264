"""An MLP trained with mml follows a hand-written NumPy network step for step.

Same initial weights, same minibatches, same SGD-with-momentum updates, 20 steps, float32:
the NumPy network's backward pass is written out by hand below (MML book §5.6), so this
checks the whole stack (Tensor graph, rules, losses, optimiser) against the formulas.
"""

from __future__ import annotations

import itertools

import autograd
import autograd.numpy as agnp
import numpy as np

from mml.nn import MLP, cross_entropy
from mml.optim import SGD, DataLoader


def three_blobs(n_per_class: int = 40, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    centres = np.array([[0.0, 2.0], [-2.0, -1.0], [2.0, -1.0]])
    X = np.concatenate([c + 0.8 * rng.normal(size=(n_per_class, 2)) for c in centres])
    y = np.repeat(np.arange(3), n_per_class)
    return X.astype(np.float32), y


def numpy_network_losses(weights, batches, lr, momentum):
    """Forward and backward by hand for Linear-ReLU-Linear-ReLU-Linear + cross-entropy."""
    W1, b1, W2, b2, W3, b3 = [w.copy() for w in weights]
    params = [W1, b1, W2, b2, W3, b3]
    buffers = [None] * 6
    losses = []
    for X, y in batches:
        n = len(y)
        z1 = X @ W1.T + b1
        h1 = np.maximum(z1, 0)
        z2 = h1 @ W2.T + b2
        h2 = np.maximum(z2, 0)
        z3 = h2 @ W3.T + b3
        shifted = z3 - z3.max(axis=1, keepdims=True)
        log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        losses.append(-log_p[np.arange(n), y].mean())
        dz3 = np.exp(log_p)
        dz3[np.arange(n), y] -= 1
        dz3 /= n  # d loss / d logits = (softmax - onehot) / N
        dh2 = dz3 @ W3
        dz2 = dh2 * (z2 > 0)
        dh1 = dz2 @ W2
        dz1 = dh1 * (z1 > 0)
        grads = [dz1.T @ X, dz1.sum(0), dz2.T @ h1, dz2.sum(0), dz3.T @ h2, dz3.sum(0)]
        for i, (p, g) in enumerate(zip(params, grads)):
            buffers[i] = g.copy() if buffers[i] is None else momentum * buffers[i] + g
            p -= lr * buffers[i]
    return np.array(losses), params


def test_mlp_follows_a_hand_written_numpy_network_for_20_steps():
    X, y = three_blobs()
    net = MLP([2, 16, 16, 3], activation="relu", rng=0)
    initial = [p.numpy().copy() for p in net.parameters()]
    assert all(w.dtype == np.float32 for w in initial)
    loader = DataLoader(X, y, batch_size=16, shuffle=True, rng=1)
    batches = list(itertools.islice(itertools.chain.from_iterable([loader] * 3), 20))

    optimizer = SGD(net.parameters(), lr=0.1, momentum=0.9)
    ours = []
    for xb, yb in batches:
        optimizer.zero_grad()
        loss = cross_entropy(net(xb), yb)
        loss.backward()
        optimizer.step()
        ours.append(loss.item())

    expected, final = numpy_network_losses(initial, batches, lr=0.1, momentum=0.9)
    np.testing.assert_allclose(ours, expected, rtol=2e-5, atol=1e-6)
    for p, w in zip(net.parameters(), final):
        np.testing.assert_allclose(p.numpy(), w, rtol=1e-4, atol=1e-5)
    assert ours[-1] < 0.5 * ours[0]  # and it did learn


def test_lecture_mlp_gradients_match_autograd_in_float64():
    net = MLP([3, 4, 2], activation="tanh", dtype=np.float64, rng=0)
    W0, b0, W2, b2 = [p.numpy() for p in net.parameters()]
    x = np.array([[1.0, 0.5, -1.0], [0.0, -2.0, 0.3]])
    target = np.array([[0.5, -0.5], [1.0, 0.0]])
    loss = ((net(x) - target) ** 2).sum()
    loss.backward()

    def reference(W0, b0, W2, b2):
        return agnp.sum((agnp.tanh(x @ W0.T + b0) @ W2.T + b2 - target) ** 2)

    grads = autograd.grad(reference, (0, 1, 2, 3))(W0, b0, W2, b2)
    for p, g in zip(net.parameters(), grads):
        np.testing.assert_allclose(p.grad.numpy(), g, rtol=1e-12)
