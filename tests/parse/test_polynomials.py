"""Polynomial expansion of expression trees against SymPy's expand and diff."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.errors import ParseError
from mml.parse import parse_expression
from mml.parse.polynomials import derivative, polynomial, polynomial_text

X, Y = sympy.symbols("x y")


def to_sympy(poly):
    total = sympy.Integer(0)
    for monomial, coefficient in poly.items():
        term = sympy.Rational(coefficient.numerator, coefficient.denominator)
        for name in monomial:
            term *= sympy.Symbol(name)
        total += term
    return sympy.expand(total)


atoms = st.sampled_from(["x", "y", "2", "1/3", "(x - y)", "(2x + 1)", "3y"])


@st.composite
def quadratics(draw):
    terms = []
    for _ in range(draw(st.integers(1, 4))):
        left, right = draw(atoms), draw(atoms)
        sign = draw(st.sampled_from(["+", "-"]))
        terms.append(f"{sign} {left}*{right}")
    return " ".join(terms).lstrip("+ ")


@settings(max_examples=80, deadline=None)
@given(quadratics())
def test_expansion_and_derivative_agree_with_sympy(text):
    poly = polynomial(parse_expression(text), text, max_degree=2)
    reference = sympy.expand(sympy.sympify(text.replace("2x", "2*x").replace("3y", "3*y")))
    assert sympy.simplify(to_sympy(poly) - reference) == 0
    assert sympy.simplify(to_sympy(derivative(poly, "x")) - sympy.diff(reference, X)) == 0
    # the printed form reads back to the same polynomial
    printed = polynomial_text(poly).replace("·", "*")
    assert polynomial(parse_expression(printed), printed, max_degree=2) == poly


def test_degree_limit_is_a_parse_error_with_a_caret():
    with pytest.raises(ParseError, match="degree") as info:
        polynomial(parse_expression("x + x*y*y"), "x + x*y*y", max_degree=2)
    assert info.value.position is not None


def test_constant_powers_are_exact():
    assert polynomial(parse_expression("2^-1 x"), "2^-1 x") == {("x",): Fraction(1, 2)}
