"""No input makes calculus hang, recurse without bound, or fail with a raw traceback."""

from __future__ import annotations

import pytest

from mml.calculus import (
    backprop_trace,
    differentiate,
    evaluate,
    simplify,
    taylor_polynomial,
    to_latex,
    to_text,
)
from mml.errors import DomainError, ParseError


def test_a_sum_of_800_terms_is_differentiated_with_loops_not_recursion():
    text = " + ".join(f"{k}x^{k % 7}" for k in range(1, 800))
    d = differentiate(text, "x")
    assert evaluate(d.value, {"x": 1}) == sum(k * (k % 7) for k in range(1, 800))
    assert to_latex(d.value)


def test_a_chain_of_2400_differences_simplifies_to_a_multiple():
    text = " - ".join(["x"] * 2400)
    assert to_text(simplify(text)) == "-2398x"


def test_the_product_rule_refuses_a_product_of_hundreds_of_factors():
    with pytest.raises(DomainError, match="product of 500 factors"):
        differentiate("*".join(["(x+1)"] * 500), "x")


def test_a_product_of_sixty_factors_still_works():
    d = differentiate("*".join(f"(x+{k})" for k in range(1, 61)), "x")
    assert len(d.text) > 1000


def test_a_too_large_expression_is_a_parse_error():
    with pytest.raises(ParseError, match="at most 5000"):
        simplify(" + ".join(["x*y"] * 2000))


def test_pathological_nesting_is_a_domain_error_not_a_recursion_error():
    with pytest.raises(DomainError, match="nested too deeply"):
        differentiate("/".join(["x"] * 1500), "x")


def test_huge_exponents_do_not_hang():
    d = differentiate("(x + 1)^123456789", "x")
    assert d.text == "123456789(x + 1)^123456788"
    with pytest.raises(DomainError):
        evaluate(d.value, {"x": 1})


def test_taylor_stops_when_derivatives_explode(monkeypatch):
    from mml.calculus import taylor

    monkeypatch.setattr(taylor, "MAX_DERIVATIVE_SIZE", 200)
    with pytest.raises(DomainError, match="lower order"):
        taylor_polynomial("tan(exp(sin(x)))", 0, 12)


def test_taylor_multiplies_out_so_high_orders_stay_small():
    T = taylor_polynomial("exp(sin(x))", 0, 12)
    assert T.text.startswith("1 + x + x^2/2 - x^4/8 - x^5/15")


def test_backprop_refuses_graphs_too_large_to_read():
    with pytest.raises(DomainError, match="at most 400"):
        backprop_trace(" + ".join(["x*y"] * 150), {"x": 1, "y": 2})
