"""The §5.5 identities on exact numbers, each confirmed by finite differences."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.calculus.matrix_gradients import GRADIENT_IDENTITIES, matrix_gradient
from mml.errors import DomainError, ShapeError

H = 1e-6


def _numeric_gradient(f, X):
    """Central differences of a scalar f with respect to each entry of X (same shape)."""
    X = np.array(X, dtype=float)
    G = np.zeros_like(X)
    for index in np.ndindex(X.shape):
        up, down = X.copy(), X.copy()
        up[index] += H
        down[index] -= H
        G[index] = (f(up) - f(down)) / (2 * H)
    return G


def _ints(shape, rng):
    return rng.integers(-4, 5, size=shape)


FUNCTIONS = {
    "linear": lambda ops: (lambda x: float(ops["a"] @ x), "x"),
    "quadratic_form": lambda ops: (lambda x: float(x @ ops["A"] @ x), "x"),
    "bilinear": lambda ops: (lambda X: float(ops["a"] @ X @ ops["b"]), "X"),
    "trace": lambda ops: (lambda X: float(np.trace(ops["A"] @ X)), "X"),
    "trace_AXB": lambda ops: (lambda X: float(np.trace(ops["A"] @ X @ ops["B"])), "X"),
    "determinant": lambda ops: (lambda X: float(np.linalg.det(X)), "X"),
    "least_squares": lambda ops: (
        lambda t: float(np.sum((ops["y"] - ops["Phi"] @ t) ** 2)),
        "theta",
    ),
}


def _operands(name, m, n, p, rng):
    shapes = {
        "linear": {"a": (n,), "x": (n,)},
        "quadratic_form": {"A": (n, n), "x": (n,)},
        "bilinear": {"a": (m,), "X": (m, n), "b": (n,)},
        "trace": {"A": (n, m), "X": (m, n)},
        "trace_AXB": {"A": (p, m), "X": (m, n), "B": (n, p)},
        "determinant": {"X": (n, n)},
        "least_squares": {"Phi": (m, n), "y": (m,), "theta": (n,)},
    }[name]
    return {key: _ints(shape, rng) for key, shape in shapes.items()}


@settings(max_examples=8, deadline=None, derandomize=True)
@given(
    st.sampled_from(sorted(GRADIENT_IDENTITIES)),
    st.integers(1, 3),
    st.integers(1, 3),
    st.integers(1, 3),
    st.integers(0, 2**32 - 1),
)
def test_identity_matches_finite_differences(name, m, n, p, seed):
    rng = np.random.default_rng(seed)
    operands = _operands(name, m, n, p, rng)
    if name == "determinant" and round(np.linalg.det(operands["X"])) == 0:
        operands["X"] = operands["X"] + 10 * np.eye(n, dtype=int)
    result = matrix_gradient(name, **{k: v.tolist() for k, v in operands.items()})
    floats = {k: v.astype(float) for k, v in operands.items()}
    f, wrt = FUNCTIONS[name](floats)
    numeric = _numeric_gradient(f, floats[wrt])
    ours = result.value.to_numpy()
    if numeric.ndim == 1:
        numeric = numeric.reshape(1, -1)  # gradients with respect to vectors are rows (1×n)
    assert ours.shape == numeric.shape
    assert np.allclose(ours, numeric, rtol=1e-6, atol=1e-5)
    assert float(result.function_value) == pytest.approx(f(floats[wrt]))


@pytest.mark.parametrize("name", sorted(GRADIENT_IDENTITIES))
def test_identity_states_the_shape_of_every_intermediate(name):
    rng = np.random.default_rng(3)
    operands = _operands(name, 2, 3, 2, rng)
    if name == "determinant":
        operands["X"] = operands["X"] + 10 * np.eye(3, dtype=int)
    result = matrix_gradient(name, **{k: v.tolist() for k, v in operands.items()})
    for step in result.steps:
        if step.rule == "check":
            continue
        assert step.data["value"].shape == step.data["shape"]
        assert "×" in str(step.description)
    assert list(result.shapes.values())[-1] == result.shape  # the gradient comes last


@pytest.mark.parametrize("name", sorted(GRADIENT_IDENTITIES))
def test_each_solution_confirms_its_identity_by_exact_differences(name):
    rng = np.random.default_rng(11)
    operands = _operands(name, 3, 2, 2, rng)
    if name == "determinant":
        operands["X"] = operands["X"] + 10 * np.eye(2, dtype=int)
    result = matrix_gradient(name, **{k: v.tolist() for k, v in operands.items()})
    check = result.steps.by_rule("check")[0]
    assert check.data["agrees"]
    assert check.data["differences"] == result.value


def test_quadratic_form_book_formula_and_symmetric_case():
    g = matrix_gradient("quadratic_form", A="2 1; 1 3", x="1 2")
    # symmetric A: xᵀ(A + Aᵀ) = 2xᵀA
    assert g.value.tolist() == [[8, 14]]
    assert g.shapes == {
        "A": (2, 2),
        "x": (2, 1),
        "Ax": (2, 1),
        "xᵀAx": (1, 1),
        "A + Aᵀ": (2, 2),
        "∂f/∂x": (1, 2),
    }


def test_bilinear_and_trace_gradients_have_the_shape_of_X():
    assert matrix_gradient("bilinear", a="1 2", X="1 0 1; 0 1 0", b="3 4 5").shape == (2, 3)
    assert matrix_gradient("trace", A="1 2; 3 4; 5 6", X="1 0 0; 0 1 0").shape == (2, 3)


def test_shape_errors_name_both_shapes():
    with pytest.raises(ShapeError, match=r"A has shape \(2, 3\)"):
        matrix_gradient("quadratic_form", A="1 2 3; 4 5 6", x="1 2")
    with pytest.raises(ShapeError, match="tr\\(AX\\)"):
        matrix_gradient("trace", A="1 2", X="1 2")


def test_bad_requests_are_domain_errors():
    with pytest.raises(DomainError, match="unknown identity"):
        matrix_gradient("hessian", X="1")
    with pytest.raises(DomainError, match="missing x"):
        matrix_gradient("quadratic_form", A="1")
    with pytest.raises(DomainError, match="invertible"):
        matrix_gradient("determinant", X="1 2; 2 4")
