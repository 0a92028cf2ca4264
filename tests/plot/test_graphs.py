"""Computation graphs: one box per node, adjoints equal to the gradients of autograd."""

from __future__ import annotations

import numpy as np
import pytest

import mml.autodiff.numpy as anp
from mml.autodiff import Tensor
from mml.errors import DomainError, ShapeError
from mml.plot import adjoints, computation_graph


def boxes(ax, gid="node"):
    return [t for t in ax.texts if t.get_gid() == gid]


def test_leaf_adjoints_are_autograds_gradient():
    autograd = pytest.importorskip("autograd")
    agnp = pytest.importorskip("autograd.numpy")

    def f(x, y, np_):
        return np_.sin(x * y) + 2.0 * x * x

    x, y = Tensor(0.7, requires_grad=True), Tensor(-1.3, requires_grad=True)
    table = adjoints(f(x, y, anp))
    gx, gy = autograd.grad(lambda v: f(v[0], v[1], agnp))(agnp.array([0.7, -1.3]))
    assert float(table[id(x)]) == pytest.approx(gx, rel=1e-12)
    assert float(table[id(y)]) == pytest.approx(gy, rel=1e-12)


def test_a_shared_node_sums_its_children_adjoints():
    x = Tensor(np.array([1.0, 2.0]), requires_grad=True)
    a = x * 3.0
    z = (a * a + a).sum()  # dz/da = 2a + 1, used by two children
    table = adjoints(z)
    np.testing.assert_allclose(table[id(a)], 2 * np.array([3.0, 6.0]) + 1)
    np.testing.assert_allclose(table[id(x)], 3 * (2 * np.array([3.0, 6.0]) + 1))


def test_graph_of_x_times_y_plus_x_has_four_boxes_and_four_edges():
    ax = computation_graph(lambda x, y: x * y + x, x=2.0, y=3.0).axes[0]
    texts = {t.get_text().split("\n")[0]: t.get_text() for t in boxes(ax)}
    assert set(texts) == {"x", "y", "multiply", "add"}
    assert "v̄ = 4" in texts["x"]  # d(xy + x)/dx = y + 1
    assert "v̄ = 2" in texts["y"]
    assert "v = 8" in texts["add"] and "v̄ = 1" in texts["add"]
    assert len(boxes(ax, "edge")) == 4


def test_constants_get_grey_boxes_and_named_output_tensors_work():
    x = Tensor(0.5, requires_grad=True)
    out = anp.cos(x**2) * 3.0
    ax = computation_graph(out, x=x).axes[0]
    assert len(boxes(ax, "constant")) == 2  # the exponent 2 and the factor 3
    assert any(t.get_text().startswith("x\n") for t in boxes(ax))


def test_graph_errors_name_the_problem():
    with pytest.raises(ShapeError, match="scalar"):
        computation_graph(lambda x: x * 2.0, x=[1.0, 2.0])
    with pytest.raises(DomainError, match="requires_grad"):
        computation_graph(Tensor(1.0))
    with pytest.raises(DomainError):
        computation_graph(42)
