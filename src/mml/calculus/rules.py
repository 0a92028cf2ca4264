"""The table of derivative rules for the functions the parser knows (MML book Table 5.1).

Each function name maps to the name of its rule (as it appears in ``Step.rule``), its
outer derivative ``f'(u)`` as a tree, and the same as a student reads it. One line per
function, so the calculus can be checked at a glance.
"""

from __future__ import annotations

from collections.abc import Callable

from mml.calculus.expression import (
    ONE,
    ZERO,
    call,
    divide,
    multiply,
    negate,
    number,
    power,
    subtract,
)
from mml.parse import BinaryOperation, Node

__all__ = ["RULES", "FUNCTION_RULES"]

RULES = (
    "constant", "variable", "constant_multiple", "sum", "difference", "product", "quotient",
    "power", "exponential", "general_power", "chain", "exp", "log", "trig", "sqrt",
    "hyperbolic", "inverse_trig", "abs", "sigmoid", "relu", "step_function", "simplify",
)  # fmt: skip
"""The names of the rules that appear as ``Step.rule`` in a derivative's steps."""


def _sqrt_one_minus_square(u: Node) -> Node:
    return call("sqrt", subtract(ONE, power(u, 2)))


# name -> (rule name, f'(u) as a tree, f'(u) as the student reads it)
FUNCTION_RULES: dict[str, tuple[str, Callable[[Node], Node], str]] = {
    "sin": ("trig", lambda u: call("cos", u), "cos(u)"),
    "cos": ("trig", lambda u: negate(call("sin", u)), "-sin(u)"),
    "tan": ("trig", lambda u: divide(ONE, power(call("cos", u), 2)), "1/cos(u)^2"),
    "exp": ("exp", lambda u: call("exp", u), "exp(u)"),
    "log": ("log", lambda u: divide(ONE, u), "1/u"),
    "ln": ("log", lambda u: divide(ONE, u), "1/u"),
    "sqrt": ("sqrt", lambda u: divide(ONE, multiply(number(2), call("sqrt", u))), "1/(2sqrt(u))"),
    "sinh": ("hyperbolic", lambda u: call("cosh", u), "cosh(u)"),
    "cosh": ("hyperbolic", lambda u: call("sinh", u), "sinh(u)"),
    "tanh": ("hyperbolic", lambda u: subtract(ONE, power(call("tanh", u), 2)), "1 - tanh(u)^2"),
    "arcsin": ("inverse_trig", lambda u: divide(ONE, _sqrt_one_minus_square(u)), "1/sqrt(1 - u^2)"),
    "arccos": (
        "inverse_trig",
        lambda u: negate(divide(ONE, _sqrt_one_minus_square(u))),
        "-1/sqrt(1 - u^2)",
    ),
    "arctan": (
        "inverse_trig",
        lambda u: divide(ONE, BinaryOperation("+", ONE, power(u, 2))),
        "1/(1 + u^2)",
    ),
    "abs": ("abs", lambda u: call("sign", u), "sign(u)  (u ≠ 0)"),
    "sigmoid": (
        "sigmoid",
        lambda u: multiply(call("sigmoid", u), subtract(ONE, call("sigmoid", u))),
        "sigmoid(u)*(1 - sigmoid(u))",
    ),
    "relu": ("relu", lambda u: call("heaviside", u), "heaviside(u)  (u ≠ 0)"),
    "sign": ("step_function", lambda u: ZERO, "0  (u ≠ 0)"),
    "heaviside": ("step_function", lambda u: ZERO, "0  (u ≠ 0)"),
}
