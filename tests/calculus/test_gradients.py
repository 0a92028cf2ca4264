"""Gradients, Jacobians and Hessians against finite differences and SymPy, shapes as in the book."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.calculus import evaluate, to_text
from mml.calculus.gradients import gradient, hessian, jacobian, parse_functions, partial
from mml.calculus.sympy_bridge import to_sympy
from mml.errors import DomainError, ParseError
from mml.exact import Matrix
from tests.calculus.strategies import defined_value, expressions


def _finite_difference_gradient(node, names, point, h=1e-6):
    row = []
    for name in names:
        up, down = dict(point), dict(point)
        up[name] += h
        down[name] -= h
        row.append((float(evaluate(node, up)) - float(evaluate(node, down))) / (2 * h))
    return np.array(row)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(expressions, st.floats(-1.5, 1.5), st.floats(-1.5, 1.5))
def test_gradient_matches_central_differences(node, x, y):
    point = {"x": x, "y": y}
    defined_value(node, point)
    g = gradient(node, ("x", "y"))
    assert g.shape == (1, 2)
    ours = g.at(point, exact=False)[0]
    reference = _finite_difference_gradient(node, ("x", "y"), point)
    scale = max(1.0, float(np.max(np.abs(reference))))
    assert np.allclose(ours, reference, rtol=1e-5, atol=1e-5 * scale)


def test_gradient_is_a_row_vector_with_its_shape_in_the_steps():
    g = gradient("x^2*y + sin(y)", "x, y")
    assert g.shape == (1, 2)
    assert [to_text(e) for e in g.value.rows[0]] == ["2x*y", "x^2 + cos(y)"]
    assert "1×2" in str(g)
    assert g.steps.by_rule("gradient")[0].data["shape"] == (1, 2)
    assert g.at({"x": 1, "y": 0}) == Matrix([[0, 2]])


def test_jacobian_of_the_book_example_against_sympy():
    x, y = sympy.symbols("x y", real=True)
    J = jacobian("x^2*y, sin(x) + y, exp(x*y)", "x, y")
    assert J.shape == (3, 2)
    reference = sympy.Matrix([x**2 * y, sympy.sin(x) + y, sympy.exp(x * y)]).jacobian([x, y])
    for i in range(3):
        for j in range(2):
            assert sympy.simplify(to_sympy(J.value[i, j]) - reference[i, j]) == 0
    assert "3×2" in str(J) and "3 outputs (rows), 2 inputs (columns)" in str(J)


def test_jacobian_of_a_linear_map_is_its_matrix():
    J = jacobian("2x - 3y + z, x/2 + 4z", "x, y, z")
    assert J.at({"x": 5, "y": -1, "z": 2}) == Matrix([[2, -3, 1], ["1/2", 0, 4]])


@settings(max_examples=20, deadline=None, derandomize=True)
@given(expressions, expressions, st.floats(-1.5, 1.5), st.floats(-1.5, 1.5))
def test_jacobian_matches_central_differences(f1, f2, x, y):
    point = {"x": x, "y": y}
    defined_value(f1, point)
    defined_value(f2, point)
    J = jacobian([f1, f2], ("x", "y"))
    ours = J.at(point, exact=False)
    reference = np.vstack([_finite_difference_gradient(f, ("x", "y"), point) for f in (f1, f2)])
    scale = max(1.0, float(np.max(np.abs(reference))))
    assert ours.shape == (2, 2)
    assert np.allclose(ours, reference, rtol=1e-5, atol=1e-5 * scale)


def test_hessian_against_sympy_and_symmetric():
    x, y = sympy.symbols("x y", real=True)
    H = hessian("x^3*y + exp(x*y) - y^2", "x, y")
    reference = sympy.hessian(x**3 * y + sympy.exp(x * y) - y**2, (x, y))
    assert H.shape == (2, 2)
    for i in range(2):
        for j in range(2):
            assert sympy.simplify(to_sympy(H.value[i, j]) - reference[i, j]) == 0
    assert H.steps.by_rule("hessian")[0].data["symmetric"]


def test_partial_derivative_names_the_rules():
    d = partial("x^2*y + y^3", "y")
    assert d.text == "x^2 + 3y^2"
    assert "∂/∂y" in str(d)


def test_parameters_not_listed_as_variables_are_constants():
    g = gradient("a*x^2 + b", "x")
    assert g.shape == (1, 1)
    assert to_text(g.value[0, 0]) == "2a*x"


def test_jacobian_text_with_a_bad_component_has_a_caret_in_the_whole_text():
    with pytest.raises(ParseError) as info:
        jacobian("x^2, y +, x")
    assert info.value.position == 8


def test_parse_functions_keeps_commas_inside_calls():
    assert [to_text(f) for f in parse_functions("x; y^2\n sin(x)")] == ["x", "y^2", "sin(x)"]


@pytest.mark.parametrize("variables", ["x, sin", "x, x", "pi", ["x", "2"]])
def test_bad_variable_lists_are_domain_errors(variables):
    with pytest.raises(DomainError):
        gradient("x^2", variables)


def test_constant_function_without_variables_needs_them_named():
    with pytest.raises(DomainError, match="variables="):
        gradient("3")
    assert gradient("3", "x").at({"x": 1}) == Matrix([[0]])


def test_irrational_entries_evaluate_to_floats():
    value = gradient("sin(x)", "x").at({"x": 1})
    assert isinstance(value, np.ndarray) and math.isclose(value[0, 0], math.cos(1))
