"""The derivative from the difference quotient, against SymPy and against the rules."""

from __future__ import annotations

import random

import pytest
import sympy

from mml.calculus import difference_quotient, differentiate, to_text
from mml.calculus.sympy_bridge import to_sympy
from mml.errors import DomainError

x = sympy.Symbol("x", real=True)


def _random_polynomial(rng: random.Random) -> str:
    terms = [f"{rng.randint(-5, 5)}*x^{k}" for k in range(rng.randint(1, 6))]
    if rng.random() < 0.5:
        terms.append(f"({rng.randint(-3, 3)}x + {rng.randint(1, 4)})^{rng.randint(2, 4)}")
    return " + ".join(terms)


@pytest.mark.parametrize("seed", range(12))
def test_difference_quotient_agrees_with_sympy_diff(seed):
    text = _random_polynomial(random.Random(seed))
    derivation = difference_quotient(text)
    ours = derivation.steps[-1].data["derivative"]
    expected = sympy.diff(
        sympy.expand(to_sympy(differentiate(text, "x", simplify=False).expression)), x
    )
    assert sympy.expand(to_sympy(ours) - expected) == 0


def test_steps_follow_the_book():
    d = difference_quotient("x^3 - 2x")
    assert [s.rule for s in d] == ["definition", "substitute", "expand", "divide", "limit"]
    assert to_text(d.steps[2].data["numerator"]) == "3h*x^2 + 3h^2*x + h^3 - 2h"
    assert to_text(d.steps[-1].data["derivative"]) == "3x^2 - 2"


def test_constants_and_parameters():
    assert to_text(difference_quotient("5").steps[-1].data["derivative"]) == "0"
    d = difference_quotient("a*x^2 + b*x + c")
    assert to_text(d.steps[-1].data["derivative"]) == "2a*x + b"


def test_h_in_use_is_renamed():
    d = difference_quotient("h*x^2")
    assert to_text(d.steps[-1].data["derivative"]) == "2h*x"


@pytest.mark.parametrize("text", ["sin(x)", "1/x", "x^(1/2)", "2^x"])
def test_non_polynomials_are_sent_to_the_rules(text):
    with pytest.raises(DomainError, match="polynomials"):
        difference_quotient(text)
