"""The chain rule as a product of Jacobians, against differentiating the composition."""

from __future__ import annotations

import numpy as np
import pytest

from mml.calculus import chain_rule, jacobian
from mml.errors import DomainError, ParseError


@pytest.mark.parametrize(
    ("outer", "inner", "shape"),
    [
        ("x1^2 + 2x2", "x1 = sin(t), x2 = cos(t)", (1, 1)),
        ("exp(x1*x2^2)", "x1 = t*cos(t), x2 = t*sin(t)", (1, 1)),
        ("x1*x2, x1 + x2", "x1 = s + t, x2 = s*t", (2, 2)),
        ("sin(u)*v + log(1 + v^2)", "u = x^2 - y, v = x*y", (1, 2)),
    ],
)
def test_product_of_jacobians_equals_the_jacobian_of_the_composition(outer, inner, shape):
    d = chain_rule(outer, inner)
    assert d.shape == shape
    direct = jacobian(list(d.functions), d.variables)
    rng = np.random.default_rng(0)
    for _ in range(5):
        point = {
            name: float(v) for name, v in zip(d.variables, rng.uniform(-1.5, 1.5, len(d.variables)))
        }
        assert np.allclose(
            d.at(point, exact=False), direct.at(point, exact=False), rtol=1e-10, atol=1e-12
        )


def test_the_shapes_of_both_jacobians_are_stated():
    d = chain_rule("x1*x2, x1 + x2, x1", "x1 = s + t, x2 = s*t")
    shapes = [step.data["shape"] for step in d.steps]
    assert shapes == [(3, 2), (2, 2), (3, 2)]
    assert "(3×2)(2×2) = 3×2" in str(d)


def test_mapping_input_and_explicit_variables():
    d = chain_rule("a*b", {"a": "t", "b": "t^2"}, variables="t")
    assert d.value.text_rows() == [["3t^2"]]


def test_bad_requests():
    with pytest.raises(DomainError, match="both intermediate and final"):
        chain_rule("x^2", "x = x + 1")
    with pytest.raises(ParseError):
        chain_rule("x^2", "x + 1 = t")
    with pytest.raises(DomainError, match="no variables"):
        chain_rule("x^2", "x = 3")
