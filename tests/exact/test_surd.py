"""Surd arithmetic against SymPy's exact radicals, and its closure laws."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.errors import DomainError
from mml.exact.surd import Surd, as_surd, sqrt, square_free_part
from mml.exact.surd_arrays import SurdMatrix, SurdVector

rationals = st.fractions(min_value=-50, max_value=50, max_denominator=12)
radicands = st.integers(min_value=1, max_value=60)


def to_sympy(x: Surd) -> sympy.Expr:
    return sum(
        (sympy.Rational(q.numerator, q.denominator) * sympy.sqrt(n) for n, q in x.terms),
        sympy.Integer(0),
    )


surds = st.builds(
    lambda terms: Surd.from_terms(dict(terms)),
    st.lists(st.tuples(radicands, rationals), max_size=3),
)


@given(st.integers(min_value=1, max_value=10**7))
@settings(max_examples=60, deadline=None)
def test_square_free_part_rebuilds_n(n):
    s, r = square_free_part(n)
    assert s * s * r == n
    assert sympy.factorint(r) == {p: 1 for p in sympy.factorint(r)}


@given(st.fractions(min_value=0, max_value=10**4, max_denominator=500))
@settings(max_examples=60, deadline=None)
def test_sqrt_matches_sympy(x):
    root = sqrt(x)
    assert (
        sympy.simplify(to_sympy(root) - sympy.sqrt(sympy.Rational(x.numerator, x.denominator))) == 0
    )
    assert root * root == x


@given(surds, surds)
@settings(max_examples=60, deadline=None)
def test_sum_and_product_match_sympy(a, b):
    assert sympy.expand(to_sympy(a + b) - (to_sympy(a) + to_sympy(b))) == 0
    assert sympy.expand(to_sympy(a * b) - to_sympy(a) * to_sympy(b)) == 0
    assert a - a == 0


@given(rationals, rationals, radicands)
@settings(max_examples=60, deadline=None)
def test_quadratic_field_inverse(a, b, n):
    x = Surd.from_terms({1: a, n: b})
    if not x:
        with pytest.raises(DomainError):
            x.inverse()
        return
    assert x * x.inverse() == 1


def test_inverse_with_two_radicals_is_refused():
    with pytest.raises(DomainError, match="two or more radicals"):
        (sqrt(2) + sqrt(3)).inverse()


def test_sqrt_of_negative_names_the_number():
    with pytest.raises(DomainError, match="-3"):
        sqrt(-3)


@given(surds, surds)
@settings(max_examples=60, deadline=None)
def test_order_agrees_with_floats(a, b):
    if abs(float(a) - float(b)) > 1e-9:
        assert (a < b) == (float(a) < float(b))


def test_rendering_text_and_latex():
    x = Surd(Fraction(3, 4), 8)
    assert str(x) == "3√2/2"
    assert x.__mml_latex__() == r"\frac{3\sqrt{2}}{2}"
    assert str(1 - sqrt(2)) == "1 − √2"
    assert str(as_surd(Fraction(-2, 3))) == "-2/3"


def test_surd_vector_is_unit():
    u = SurdVector(1 / sqrt(14), (1, 2, 3))
    assert u.dot(u) == 1
    assert [float(a) for a in u] == pytest.approx([k / math.sqrt(14) for k in (1, 2, 3)])


def test_surd_matrix_product_and_numpy():
    Q = SurdMatrix(
        [
            [sqrt(Fraction(1, 2)), sqrt(Fraction(1, 2))],
            [sqrt(Fraction(1, 2)), -sqrt(Fraction(1, 2))],
        ]
    )
    assert Q @ Q.T == SurdMatrix([[1, 0], [0, 1]])
    np.testing.assert_allclose(Q.to_numpy() @ Q.to_numpy().T, np.eye(2), atol=1e-12)
