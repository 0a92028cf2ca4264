"""Printing expressions as plain text (which the parser reads back) and as LaTeX.

Parentheses are written only where precedence needs them: sums bind loosest, then
products and quotients, then unary minus, then powers. A positive integer in front of a
variable or a function is written the way students write it: ``2x``, ``3sin(x)``.
"""

from __future__ import annotations

import re
from fractions import Fraction

from mml.calculus.expression import bounded, chain_links
from mml.parse import BinaryOperation, FunctionCall, Negate, Node, Number, Symbol

__all__ = ["to_text", "to_latex"]

_SUM, _PRODUCT, _UNARY, _POWER, _ATOM = 1, 2, 3, 4, 5

_LATEX_FUNCTIONS = {
    "sin": r"\sin",
    "cos": r"\cos",
    "tan": r"\tan",
    "log": r"\log",
    "ln": r"\ln",
    "sinh": r"\sinh",
    "cosh": r"\cosh",
    "tanh": r"\tanh",
    "arcsin": r"\arcsin",
    "arccos": r"\arccos",
    "arctan": r"\arctan",
    "sigmoid": r"\sigma",
    "relu": r"\operatorname{ReLU}",
    "sign": r"\operatorname{sign}",
    "heaviside": r"H",
}

_GREEK = {
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
    "lambda", "mu", "nu", "xi", "rho", "sigma", "tau", "phi", "chi", "psi", "omega",
    "Gamma", "Delta", "Theta", "Lambda", "Xi", "Sigma", "Phi", "Psi", "Omega",
}  # fmt: skip


def _precedence(node: Node) -> int:
    if isinstance(node, Number):
        if node.value < 0:
            return _UNARY
        return _ATOM if node.value.denominator == 1 else _PRODUCT
    if isinstance(node, Negate):
        return _UNARY
    if isinstance(node, BinaryOperation):
        return {"+": _SUM, "-": _SUM, "*": _PRODUCT, "/": _PRODUCT, "^": _POWER}[node.op]
    return _ATOM


def _is_negative(node: Node) -> bool:
    return isinstance(node, Negate) or (isinstance(node, Number) and node.value < 0)


def _without_sign(node: Node) -> Node:
    if isinstance(node, Negate):
        return node.operand
    assert isinstance(node, Number)
    return Number(-node.value)


def _starts_with_letter(node: Node) -> bool:
    """Whether ``node`` prints starting with a name (so ``2x`` may be written without ``*``)."""
    while isinstance(node, BinaryOperation) and node.op == "^":
        node = node.left
    if isinstance(node, Symbol):
        return re.fullmatch(r"[eE]\d+", node.name) is None  # '2e3' would read as 2000
    return isinstance(node, FunctionCall)


def _is_coefficient(left: Node, right: Node) -> bool:
    """Whether ``left·right`` may be written ``2x`` or ``2(x + 1)``."""
    return (
        isinstance(left, Number)
        and left.value > 0
        and left.value.denominator == 1
        and (_starts_with_letter(right) or _starts_with_bracket(right))
    )


def _starts_with_bracket(node: Node) -> bool:
    """``(x + 1)`` or ``(x + 1)^2``: ``2(x + 1)^2`` reads as 2·(x + 1)²."""
    while isinstance(node, BinaryOperation) and node.op == "^":
        node = node.left
    return _precedence(node) == _SUM


# -- text ------------------------------------------------------------------------------
def _text(node: Node, minimum: int) -> str:
    body = _text_body(node)
    return f"({body})" if _precedence(node) < minimum else body


def _text_body(node: Node) -> str:
    if isinstance(node, Number):
        value = node.value
        if value < 0:
            return "-" + _text(Number(-value), _PRODUCT)
        return str(value.numerator) if value.denominator == 1 else f"{value}"
    if isinstance(node, Symbol):
        return node.name
    if isinstance(node, Negate):
        return "-" + _text(node.operand, _PRODUCT + 1 if _is_negative(node.operand) else _PRODUCT)
    if isinstance(node, FunctionCall):
        return f"{node.name}(" + ", ".join(_text(a, _SUM) for a in node.arguments) + ")"
    assert isinstance(node, BinaryOperation)
    left, right = node.left, node.right
    if node.op in "+-":
        links = chain_links(node)
        parts = [_text(links[0][1], _SUM)]
        for op, term in links[1:]:
            if _is_negative(term):
                op = "-" if op == "+" else "+"
                term = _without_sign(term)
            # a sum nested on the right was built on purpose (a Taylor term): keep its brackets
            parts.append(f" {op} {_text(term, _POWER if _is_negative(term) else _PRODUCT)}")
        return "".join(parts)
    if node.op in "*/":
        links = chain_links(node)
        first = links[0][1]
        text = _text(first, _PRODUCT)
        for k, (op, factor) in enumerate(links[1:]):
            if k == 0 and op == "*" and _is_coefficient(first, factor):
                text = f"{text}{_text(factor, _POWER)}"
            else:
                text += f"{op}{_text(factor, _UNARY + 1)}"
        return text
    return f"{_text(left, _ATOM)}^{_text(right, _ATOM)}"


@bounded
def to_text(node: Node) -> str:
    """Plain text that :func:`mml.parse.parse_expression` reads back to the same value.

    >>> from mml.calculus.expression import as_expression
    >>> to_text(as_expression("2*x*cos(x) + (x^2)*(-sin(x))"))
    '2x*cos(x) + x^2*(-sin(x))'
    >>> to_text(as_expression("(a - b) - (c + d)/(-2)"))
    'a - b - (c + d)/(-2)'
    """
    return _text(node, 0)


# -- LaTeX -----------------------------------------------------------------------------
def _latex_number(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    sign = "-" if value < 0 else ""
    return rf"{sign}\frac{{{abs(value.numerator)}}}{{{value.denominator}}}"


def _latex_symbol(name: str) -> str:
    if name == "pi":
        return r"\pi"
    base, underscore, index = name.partition("_")
    if base in _GREEK:
        base = "\\" + base
    elif len(base) > 1 and not (base[0].isalpha() and base[1:].isdigit()):
        base = rf"\mathrm{{{base}}}"
    elif len(base) > 1:  # x1 -> x_{1}
        base, index, underscore = base[0], base[1:] + index, "_"
    return f"{base}_{{{index}}}" if underscore and index else base


def _paren_latex(body: str) -> str:
    return rf"\left({body}\right)"


def _latex(node: Node, minimum: int) -> str:
    body = _latex_body(node)
    precedence = _precedence(node)
    if isinstance(node, Number) and node.value > 0 and node.value.denominator != 1:
        precedence = _POWER  # \frac{1}{2} needs brackets only as the base of a power
    return _paren_latex(body) if precedence < minimum else body


def _latex_body(node: Node) -> str:
    if isinstance(node, Number):
        return _latex_number(node.value)
    if isinstance(node, Symbol):
        return _latex_symbol(node.name)
    if isinstance(node, Negate):
        return "-" + _latex(node.operand, _PRODUCT + 1 if _is_negative(node.operand) else _PRODUCT)
    if isinstance(node, FunctionCall):
        argument = node.arguments[0] if len(node.arguments) == 1 else None
        inner = ", ".join(_latex(a, _SUM) for a in node.arguments)
        if node.name == "exp" and argument is not None:
            return rf"e^{{{inner}}}"
        if node.name == "sqrt":
            return rf"\sqrt{{{inner}}}"
        if node.name == "abs":
            return rf"\left|{inner}\right|"
        name = _LATEX_FUNCTIONS.get(node.name, rf"\operatorname{{{node.name}}}")
        return name + _paren_latex(inner)
    assert isinstance(node, BinaryOperation)
    left, right = node.left, node.right
    if node.op in "+-":
        links = chain_links(node)
        parts = [_latex(links[0][1], _SUM)]
        for op, term in links[1:]:
            if _is_negative(term):
                op = "-" if op == "+" else "+"
                term = _without_sign(term)
            parts.append(f" {op} {_latex(term, _POWER if _is_negative(term) else _PRODUCT)}")
        return "".join(parts)
    if node.op == "*":
        factors = [n for op, n in chain_links(node) if op != "/"]
        if any(op == "/" for op, _ in chain_links(node)):
            factors = [left, right]  # a quotient inside: print this product alone
        text = _latex(factors[0], _PRODUCT)
        for k, factor in enumerate(factors[1:]):
            text = _latex_product(text, factors[0] if k == 0 else None, factor)
        return text
    if node.op == "/":
        return rf"\frac{{{_latex(left, 0)}}}{{{_latex(right, 0)}}}"
    base = _latex(left, _ATOM)
    if isinstance(left, FunctionCall) and left.name in ("exp", "sqrt"):
        base = _paren_latex(base)
    return f"{base}^{{{_latex(right, 0)}}}"


def _latex_product(left_text: str, left: Node | None, right: Node) -> str:
    right_text = _latex(right, _UNARY + 1)
    if right_text[:1].isdigit() or right_text.startswith("-") or isinstance(right, Number):
        return rf"{left_text} \cdot {right_text}"
    if isinstance(left, Number) and left.value.denominator == 1:
        return f"{left_text}{right_text}" if left.value > 0 else rf"{left_text} {right_text}"
    return rf"{left_text} \, {right_text}"


@bounded
def to_latex(node: Node) -> str:
    r"""LaTeX math (without ``$``) for an expression.

    >>> from mml.calculus.expression import as_expression
    >>> to_latex(as_expression("x^2*sin(x) + exp(-x)/2"))
    'x^{2} \\, \\sin\\left(x\\right) + \\frac{e^{-x}}{2}'
    >>> to_latex(as_expression("3x_1 - sqrt(alpha)"))
    '3x_{1} - \\sqrt{\\alpha}'
    """
    return _latex(node, 0)
