"""Taylor polynomials against sympy.series, in one and two variables; linearisation."""

from __future__ import annotations

import pytest
import sympy

from mml.calculus import equivalent, to_text
from mml.calculus.sympy_bridge import to_sympy
from mml.calculus.taylor import linearise, taylor_polynomial
from mml.errors import DomainError

x, y, t = sympy.symbols("x y t", real=True)


@pytest.mark.parametrize(
    ("text", "reference", "x0", "order"),
    [
        ("exp(x)", sympy.exp(x), 0, 5),
        ("sin(x)", sympy.sin(x), 0, 7),
        ("cos(x)", sympy.cos(x), 1, 4),
        ("log(1 + x)", sympy.log(1 + x), 0, 6),
        ("sqrt(x)", sympy.sqrt(x), 4, 3),
        ("1/(1 - x)", 1 / (1 - x), 0, 5),
        ("x^4 - 3x^2 + 2", x**4 - 3 * x**2 + 2, 2, 4),
        ("tan(x)", sympy.tan(x), 0, 5),
        ("exp(x)*sin(x)", sympy.exp(x) * sympy.sin(x), "1/2", 3),
        ("arctan(x)", sympy.atan(x), 1, 3),
    ],
)
def test_univariate_taylor_agrees_with_sympy_series(text, reference, x0, order):
    ours = taylor_polynomial(text, x0, order)
    a = sympy.Rational(x0) if isinstance(x0, str) else sympy.Integer(x0)
    expected = sympy.series(reference, x, a, order + 1).removeO()
    assert sympy.simplify(to_sympy(ours.value) - expected) == 0


@pytest.mark.parametrize(
    ("text", "reference", "x0", "order"),
    [
        ("x*exp(y)", x * sympy.exp(y), (1, 0), 2),
        ("sin(x + y^2)", sympy.sin(x + y**2), (0, 0), 3),
        ("x^2*y + exp(x*y)", x**2 * y + sympy.exp(x * y), (1, 0), 2),
        ("log(x) + x*y", sympy.log(x) + x * y, (1, 2), 3),
    ],
)
def test_bivariate_taylor_agrees_with_sympy(text, reference, x0, order):
    ours = taylor_polynomial(text, x0, order, "x, y")
    # T_k(x) is the Taylor polynomial in t of f(x0 + t (x − x0)) at t = 0, evaluated at t = 1
    a, b = x0
    along = reference.subs({x: a + t * (x - a), y: b + t * (y - b)}, simultaneous=True)
    expected = sympy.series(along, t, 0, order + 1).removeO().subs(t, 1)
    assert sympy.simplify(to_sympy(ours.value) - expected) == 0


def test_coefficients_are_exact_and_named_by_multi_index():
    T = taylor_polynomial("exp(x)", 0, 4)
    assert to_text(T.coefficients[(4,)]) == "1/24"
    T2 = taylor_polynomial("x^2*y^3", (1, 1), 2, "x, y")
    assert to_text(T2.coefficients[(1, 1)]) == "6"


def test_irrational_coefficients_stay_symbolic():
    T = taylor_polynomial("exp(x)", 1, 2)
    assert "exp(1)" in T.text
    assert equivalent(T.value, "exp(1)*(1 + (x - 1) + (x - 1)^2/2)")


def test_taylor_steps_show_a_table_of_derivatives():
    T = taylor_polynomial("sin(x)", 0, 3)
    table = T.steps.by_rule("derivatives")[0].after
    assert len(table.rows) == 4
    assert "f^(3) = -cos(x)" in str(T)


def test_linearisation_error_shrinks_quadratically():
    L = linearise("sqrt(x)*exp(y)", {"x": 4, "y": 0})
    assert to_text(L.value) == "2 + (x - 4)/4 + 2y"
    errors = [L.error({"x": 4 + h, "y": h}) for h in (1e-1, 1e-2)]
    assert errors[1] < errors[0] / 50
    assert L.steps.by_rule("linearisation")[0].data["gradient"][1].value == 2


def test_taylor_polynomial_at_a_rational_point_evaluates_exactly():
    from fractions import Fraction

    L = linearise("sqrt(x)", 4)
    assert L("41/10") == Fraction(81, 40)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"expr": "log(x)", "x0": 0, "order": 1}, "not differentiable"),
        ({"expr": "x", "x0": 0, "order": -1}, "order"),
        ({"expr": "x", "x0": 0, "order": 99}, "order"),
        ({"expr": "x*y", "x0": (1,), "order": 1}, "coordinates"),
        ({"expr": "x*y", "x0": {"x": 1}, "order": 1}, "no value for y"),
        ({"expr": "x", "x0": "y", "order": 1}, "constant"),
    ],
)
def test_bad_requests_are_domain_errors(kwargs, message):
    with pytest.raises(DomainError, match=message):
        taylor_polynomial(**kwargs)
