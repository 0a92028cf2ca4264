"""Contours and optimiser paths: the arrows are −∇f, the paths are the optimisers' iterates."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.quiver import Quiver

from mml.errors import DomainError, ShapeError
from mml.plot import contour, optimiser_paths


def quadratic(p):
    return p[0] ** 2 + 4 * p[1] ** 2


def test_gradient_arrows_point_along_minus_the_gradient():
    ax = contour(quadratic, resolution=30).axes[0]
    (q,) = [c for c in ax.collections if isinstance(c, Quiver)]
    X, Y = q.X, q.Y
    G = -np.stack([2 * X, 8 * Y])
    norm = np.linalg.norm(G, axis=0)
    keep = norm > 0
    np.testing.assert_allclose(q.U[keep], (G[0] / np.where(keep, norm, 1))[keep], atol=1e-12)
    np.testing.assert_allclose(q.V[keep], (G[1] / np.where(keep, norm, 1))[keep], atol=1e-12)


def test_untraceable_function_falls_back_to_differences():
    def plain_numpy(p):
        return np.asarray(p[0], dtype=float) ** 2 + np.asarray(p[1], dtype=float) ** 2

    ax = contour(plain_numpy, resolution=24).axes[0]
    (q,) = [c for c in ax.collections if isinstance(c, Quiver)]
    inner = (np.abs(q.X) > 0.5) & (np.abs(q.X) < 1.5) & (np.abs(q.Y) < 0.1)
    np.testing.assert_allclose(q.U[inner], -np.sign(q.X[inner]), atol=0.05)


def test_constant_function_and_bad_input():
    ax = contour(lambda p: 0 * p[0] + 1.0, gradient_field=False).axes[0]
    assert "constant" in ax.texts[0].get_text()
    with pytest.raises(ShapeError, match="map a point p to a number"):
        contour(lambda p: np.ones(3))
    with pytest.raises(DomainError, match="low < high"):
        contour(quadratic, xlim=(1, 0))


def test_gradient_descent_path_takes_the_textbook_steps():
    lr, x0 = 0.05, np.array([-2.0, 1.0])
    ax = optimiser_paths(quadratic, x0, lr=lr, steps=10).axes[0]
    gd = next(l for l in ax.lines if l.get_label() == "gradient descent")
    path = np.vstack(gd.get_data()).T
    assert path.shape == (11, 2)
    expected = [x0]
    for _ in range(10):  # x <- x - lr * grad f(x), grad f = (2x, 8y)
        x = expected[-1]
        expected.append(x - lr * np.array([2 * x[0], 8 * x[1]]))
    np.testing.assert_allclose(path, expected)
    values = quadratic(path.T)
    assert (np.diff(values) < 0).all()


def test_adam_path_follows_the_papers_update_and_extra_paths_are_drawn():
    x0, lr, b1, b2, eps = np.array([1.5, -1.0]), 0.1, 0.9, 0.999, 1e-8
    ax = optimiser_paths(
        quadratic, x0, lr=lr, steps=5, paths={"given": [[1.5, -1.0], [0.0, 0.0]]}
    ).axes[0]
    adam = np.vstack(next(l for l in ax.lines if l.get_label() == "Adam").get_data()).T
    x, m, v, reference = x0.copy(), np.zeros(2), np.zeros(2), [x0.copy()]
    for t in range(1, 6):  # Kingma & Ba (2015), Algorithm 1
        g = np.array([2 * x[0], 8 * x[1]])
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g**2
        x = x - lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)
        reference.append(x.copy())
    np.testing.assert_allclose(adam, reference, rtol=1e-7)
    assert "given" in [l.get_label() for l in ax.lines]


def test_divergence_is_marked_and_bad_starts_refused():
    ax = optimiser_paths(quadratic, [1.0, 1.0], lr=2.0, steps=400).axes[0]
    labels = [l.get_label() for l in ax.lines]
    assert "gradient descent (diverged)" in labels
    with pytest.raises(ShapeError):
        optimiser_paths(quadratic, [1.0, 1.0, 1.0])
    with pytest.raises(DomainError):
        optimiser_paths(quadratic, [1.0, 1.0], steps=0)
    with pytest.raises(ShapeError):
        optimiser_paths(quadratic, [1.0, 1.0], steps=1, paths={"bad": [1, 2, 3]})


def test_a_function_autodiff_cannot_trace_is_named():
    def plain_numpy(p):
        return np.asarray(p[0], dtype=float) ** 2

    with pytest.raises(DomainError, match="mml.autodiff.numpy"):
        optimiser_paths(plain_numpy, [1.0, 1.0], steps=2)
