"""A deterministic corpus of expressions, each built twice: as math text and as SymPy.

The SymPy twin is built by the generator itself (never by parsing our text), so the
reference does not depend on our parser or printer.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import sympy

X, Y = sympy.Symbol("x", real=True), sympy.Symbol("y", real=True)

_FUNCTIONS = {
    "sin": sympy.sin,
    "cos": sympy.cos,
    "tan": sympy.tan,
    "exp": sympy.exp,
    "log": sympy.log,
    "sqrt": sympy.sqrt,
    "sinh": sympy.sinh,
    "cosh": sympy.cosh,
    "tanh": sympy.tanh,
    "arctan": sympy.atan,
    "arcsin": sympy.asin,
    "sigmoid": lambda t: 1 / (1 + sympy.exp(-t)),
}


@dataclass(frozen=True)
class Case:
    text: str
    sympy: Any
    has_functions: bool


def _leaf(rng: random.Random, variables: tuple[str, ...]) -> tuple[str, Any]:
    roll = rng.random()
    if roll < 0.6:
        name = rng.choice(variables)
        return name, {"x": X, "y": Y}[name]
    if roll < 0.9:
        k = rng.randint(1, 5)
        return str(k), sympy.Integer(k)
    return "(1/2)", sympy.Rational(1, 2)


def _expression(rng: random.Random, depth: int, variables: tuple[str, ...], functions: bool):
    if depth == 0 or rng.random() < 0.2:
        return _leaf(rng, variables)
    kinds = ["+", "-", "*", "/", "^", "neg"] + (["f", "f"] if functions else [])
    kind = rng.choice(kinds)
    if kind == "neg":
        text, expr = _expression(rng, depth - 1, variables, functions)
        return f"-({text})", -expr
    if kind == "f":
        name = rng.choice(sorted(_FUNCTIONS))
        text, expr = _expression(rng, depth - 1, variables, functions)
        return f"{name}({text})", _FUNCTIONS[name](expr)
    if kind == "^":
        text, expr = _expression(rng, depth - 1, variables, functions)
        exponent = rng.choice([2, 3, 4, -1, -2])
        return f"({text})^({exponent})", expr ** sympy.Integer(exponent)
    a_text, a = _expression(rng, depth - 1, variables, functions)
    b_text, b = _expression(rng, depth - 1, variables, functions)
    op = {"+": a + b, "-": a - b, "*": a * b, "/": a / b}[kind]
    return f"({a_text}) {kind} ({b_text})", op


def corpus(size: int = 240, seed: int = 20240605) -> list[Case]:
    """``size`` distinct expressions in x (and sometimes y), with and without functions."""
    rng = random.Random(seed)
    cases: list[Case] = []
    seen: set[str] = set()
    while len(cases) < size:
        functions = len(cases) % 3 != 0
        variables = ("x", "y") if len(cases) % 4 == 1 else ("x",)
        text, expr = _expression(rng, rng.randint(1, 4), variables, functions)
        if text in seen or X not in expr.free_symbols or expr.has(sympy.zoo, sympy.nan):
            continue
        seen.add(text)
        cases.append(Case(text, expr, functions))
    return cases
