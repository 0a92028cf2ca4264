"""Backpropagation traces: adjoints against finite differences, MLP gradients against NumPy."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.calculus import evaluate, gradient, to_text
from mml.calculus.backprop import backprop_trace
from mml.calculus.mlp_trace import mlp_backprop_trace
from mml.errors import DomainError, ParseError, ShapeError
from tests.calculus.strategies import defined_value, expressions

BOOK = "sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))"


def _forward(trace, point, bump=None, h=0.0):
    """Re-run the forward pass, adding h to one intermediate variable."""
    environment = dict(point)
    for node in trace.nodes:
        environment[node.name] = float(evaluate(node.definition, environment))
        if node.name == bump:
            environment[node.name] += h
    return environment["f"]


def test_book_graph_has_the_books_intermediate_variables():
    trace = backprop_trace(BOOK, {"x": 2})
    definitions = [(n.name, to_text(n.definition)) for n in trace.nodes]
    assert definitions == [
        ("a", "x^2"), ("b", "exp(a)"), ("c", "a + b"), ("d", "sqrt(c)"), ("g", "cos(c)"), ("f", "d + g"),
    ]  # fmt: skip
    assert trace.nodes[0].value == 4  # exact while rational


def test_book_gradient_matches_the_closed_form():
    x = 1.3
    trace = backprop_trace(BOOK, {"x": x})
    c = x**2 + math.exp(x**2)
    closed_form = 2 * x * (1 + math.exp(x**2)) * (1 / (2 * math.sqrt(c)) - math.sin(c))
    assert math.isclose(trace.gradient["x"], closed_form, rel_tol=1e-12)


@pytest.mark.parametrize("x", [0.4, 1.1, -0.7])
def test_every_adjoint_matches_a_finite_difference_through_the_graph(x):
    trace = backprop_trace(BOOK, {"x": x})
    h = 1e-6
    for node in trace.nodes[:-1]:
        numeric = (
            _forward(trace, {"x": x}, node.name, h) - _forward(trace, {"x": x}, node.name, -h)
        ) / (2 * h)
        assert math.isclose(
            float(trace.adjoints[node.name].value), numeric, rel_tol=1e-5, abs_tol=1e-6
        )
    numeric_x = (_forward(trace, {"x": x + h}) - _forward(trace, {"x": x - h})) / (2 * h)
    assert math.isclose(float(trace.gradient["x"]), numeric_x, rel_tol=1e-5)


def test_adjoint_is_the_sum_of_its_chain_rule_factors():
    trace = backprop_trace(BOOK, {"x": 1})
    c = trace.adjoints["c"]
    assert {factor.parent for factor in c.factors} == {"d", "g"}
    assert math.isclose(sum(f.contribution for f in c.factors), c.value)
    for factor in c.factors:
        assert factor.parent_adjoint == trace.adjoints[factor.parent].value


def test_shared_nodes_accumulate_exactly():
    trace = backprop_trace("x*y + x^2*y", {"x": 3, "y": "1/2"})
    assert trace.gradient == {"x": Fraction(1, 2) + 3, "y": Fraction(12)}


@settings(max_examples=30, deadline=None, derandomize=True)
@given(expressions, st.floats(-1.5, 1.5), st.floats(-1.5, 1.5))
def test_trace_gradient_equals_the_symbolic_gradient(node, x, y):
    point = {"x": x, "y": y}
    defined_value(node, point)
    trace = backprop_trace(node, point, "x, y")
    symbolic = gradient(node, ("x", "y")).at(point, exact=False)[0]
    ours = np.array([float(trace.gradient["x"]), float(trace.gradient["y"])])
    scale = max(1.0, float(np.max(np.abs(symbolic))))
    assert np.allclose(ours, symbolic, rtol=1e-9, atol=1e-9 * scale)


def test_trace_renders_both_tables():
    text = str(backprop_trace(BOOK, {"x": 2}))
    assert "forward_pass" in text and "backward_pass" in text
    assert "∂f/∂c = ∂f/∂d·∂d/∂c + ∂f/∂g·∂g/∂c" in text.replace("∂f/∂c   | ", "∂f/∂c = ").replace(
        "∂f/∂g·∂g/∂c + ∂f/∂d·∂d/∂c", "∂f/∂d·∂d/∂c + ∂f/∂g·∂g/∂c"
    )
    latex = backprop_trace(BOOK, {"x": 2}).steps.render("latex")
    assert latex.count("{") == latex.count("}")


def test_missing_input_and_bad_text():
    with pytest.raises(DomainError, match="no value given for the input x"):
        backprop_trace("x + y", {"y": 1})
    with pytest.raises(ParseError):
        backprop_trace("x +", {"x": 1})
    with pytest.raises(DomainError, match="log"):
        backprop_trace("log(x)", {"x": 0})
    with pytest.raises(DomainError, match="f is kept"):
        backprop_trace("f*x", {"f": 1, "x": 2})


# -- the MLP ------------------------------------------------------------------------------
def _numpy_mlp(Ws, bs, x, y, activation):
    """Forward and backward pass written by hand in NumPy (the reference)."""
    act = {
        "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
        "tanh": np.tanh,
        "relu": lambda z: np.maximum(z, 0),
    }[activation]
    dact = {
        "sigmoid": lambda z: act(z) * (1 - act(z)),
        "tanh": lambda z: 1 - np.tanh(z) ** 2,
        "relu": lambda z: (z > 0).astype(float),
    }[activation]
    hs, zs = [x], []
    for k, (W, b) in enumerate(zip(Ws, bs)):
        z = W @ hs[-1] + b
        zs.append(z)
        hs.append(act(z) if k < len(Ws) - 1 else z)
    loss = float(np.sum((y - hs[-1]) ** 2))
    delta = 2 * (hs[-1] - y)
    grads = {}
    for k in range(len(Ws), 0, -1):
        grads[f"W{k}"] = np.outer(delta, hs[k - 1])
        grads[f"b{k}"] = delta
        if k > 1:
            delta = (delta @ Ws[k - 1]) * dact(zs[k - 2])
    return loss, grads


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_mlp_3_2_2_gradients_match_a_numpy_backward_pass(activation):
    rng = np.random.default_rng(7)
    Ws = [np.round(rng.normal(size=(2, 3)), 2), np.round(rng.normal(size=(2, 2)), 2)]
    bs = [np.round(rng.normal(size=2), 2), np.round(rng.normal(size=2), 2)]
    x, y = np.array([0.5, -1.0, 2.0]), np.array([1.0, 0.0])
    trace = mlp_backprop_trace(
        [W.tolist() for W in Ws], [b.tolist() for b in bs], x.tolist(), y.tolist(), activation
    )
    loss, grads = _numpy_mlp(Ws, bs, x, y, activation)
    assert math.isclose(float(trace.loss), loss, rel_tol=1e-12)
    for name, value in grads.items():
        assert np.allclose(
            np.array(trace.gradients[name], dtype=float), value, rtol=1e-10, atol=1e-12
        )


def test_mlp_gradients_match_finite_differences_of_the_loss():
    Ws = [[[0.2, -0.4, 0.1], [0.5, 0.3, -0.2]], [[1.0, -1.5]]]
    bs = [[0.1, -0.1], [0.05]]
    x, y = [1.0, 0.5, -1.0], [0.3]
    trace = mlp_backprop_trace(Ws, bs, x, y, "tanh")
    h = 1e-6
    for k, W in enumerate(Ws, start=1):
        for i in range(len(W)):
            for j in range(len(W[0])):
                up = [np.array(M, dtype=float) for M in Ws]
                down = [np.array(M, dtype=float) for M in Ws]
                up[k - 1][i, j] += h
                down[k - 1][i, j] -= h
                numeric = (
                    float(mlp_backprop_trace(up, bs, x, y, "tanh").loss)
                    - float(mlp_backprop_trace(down, bs, x, y, "tanh").loss)
                ) / (2 * h)
                assert math.isclose(
                    float(trace.gradients[f"W{k}"][i][j]), numeric, rel_tol=1e-5, abs_tol=1e-8
                )


def test_mlp_with_relu_and_rational_weights_is_exact():
    trace = mlp_backprop_trace(["1 -1; 2 0"], ["0 1"], x="1 2", y="0 1", activation="relu")
    assert trace.loss == 5
    assert trace.gradients["W1"] == [[-2, -4], [4, 8]]
    assert all(isinstance(v, Fraction) for row in trace.gradients["W1"] for v in row)


def test_mlp_tables_state_every_shape():
    trace = mlp_backprop_trace(["1 0 1; 0 1 1"], ["0 0"], x="1 2 3", y="1 1", activation="identity")
    text = str(trace)
    assert "∂L/∂W1" in text and "2×3" in text and "1×2" in text


@pytest.mark.parametrize(
    ("weights", "biases", "x", "y", "message"),
    [
        (["1 2; 3 4"], ["1 2"], "1 2 3", "1 1", "needs 3 columns"),
        (["1 2; 3 4"], ["1"], "1 2", "1 1", "b1 has length 1"),
        (["1 2; 3 4"], ["1 2"], "1 2", "1", "outputs 2 values"),
        (["1 2; 3 4"], [], "1 2", "1 1", "bias vectors"),
    ],
)
def test_mlp_shape_errors_name_the_shapes(weights, biases, x, y, message):
    with pytest.raises(ShapeError, match=message):
        mlp_backprop_trace(weights, biases, x, y)


def test_mlp_unknown_activation():
    with pytest.raises(DomainError, match="unknown activation"):
        mlp_backprop_trace(["1"], ["0"], "1", "1", activation="softplus")
