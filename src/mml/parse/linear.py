"""Linear forms and linear systems read from equations.

A linear form is ``c1·x1 + ... + cn·xn + constant`` with exact rational coefficients.
Anything else (``x*y``, ``x^2``, ``1/x``, ``sin(x)``) is rejected as *not linear*, with a
caret under the offending term.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from mml.errors import ParseError
from mml.parse.expressions import BinaryOperation, FunctionCall, Negate, Node, Number, Symbol
from mml.parse.parser import Equation, parse_equations

__all__ = [
    "LinearForm",
    "LinearSystem",
    "linear_form",
    "constant_value",
    "parse_linear_system",
    "MAX_EXPONENT",
]

MAX_EXPONENT = 1000
MAX_POWER_BITS = 100_000


@dataclass(frozen=True)
class LinearForm:
    """``sum(coefficients[name] * name) + constant``."""

    coefficients: dict[str, Fraction]
    constant: Fraction

    @property
    def is_constant(self) -> bool:
        return not any(self.coefficients.values())

    def scaled(self, factor: Fraction) -> LinearForm:
        return LinearForm(
            {k: v * factor for k, v in self.coefficients.items()}, self.constant * factor
        )

    def plus(self, other: LinearForm, sign: int = 1) -> LinearForm:
        merged = dict(self.coefficients)
        for name, value in other.coefficients.items():
            merged[name] = merged.get(name, Fraction(0)) + sign * value
        return LinearForm(merged, self.constant + sign * other.constant)


def _power(base: Fraction, exponent: Fraction, node: Node, text: str) -> Fraction:
    """``base ** exponent`` for an integer exponent of bounded size."""
    if exponent.denominator != 1:
        raise ParseError(
            f"exponent {exponent} is not an integer; only integer powers are exact",
            text,
            node.start,
        )
    n = exponent.numerator
    bits = max(base.numerator.bit_length(), base.denominator.bit_length())
    if abs(n) > MAX_EXPONENT or bits * abs(n) > MAX_POWER_BITS:
        raise ParseError(
            f"power {n} is too large (exponents up to {MAX_EXPONENT} on small numbers)",
            text,
            node.start,
        )
    if base == 0 and n < 0:
        raise ParseError("division by zero: 0 to a negative power", text, node.start)
    return base**n


def linear_form(node: Node, text: str = "") -> LinearForm:
    """The linear form of an expression tree.

    Raises
    ------
    ParseError
        "not linear" with a caret under the offending term; "division by zero".

    Examples
    --------
    >>> from mml.parse.parser import parse_expression
    >>> form = linear_form(parse_expression("2(x + y) - 1/2 z + 3"))
    >>> {k: str(v) for k, v in form.coefficients.items()}, form.constant
    ({'x': '2', 'y': '2', 'z': '-1/2'}, Fraction(3, 1))
    """
    if isinstance(node, Number):
        return LinearForm({}, node.value)
    if isinstance(node, Symbol):
        return LinearForm({node.name: Fraction(1)}, Fraction(0))
    if isinstance(node, Negate):
        return linear_form(node.operand, text).scaled(Fraction(-1))
    if isinstance(node, FunctionCall):
        raise ParseError(
            f"not linear: the function {node.name}(...) cannot appear in a linear equation",
            text,
            node.start,
            expected="a linear expression such as 3x + 2y",
        )
    assert isinstance(node, BinaryOperation)
    if node.op in "+-":
        left, right = linear_form(node.left, text), linear_form(node.right, text)
        return left.plus(right, 1 if node.op == "+" else -1)
    if node.op == "*":
        left, right = linear_form(node.left, text), linear_form(node.right, text)
        if not left.is_constant and not right.is_constant:
            raise ParseError(
                f"not linear: product of two terms with variables ({_source(node, text)})",
                text,
                node.start,
                expected="a linear expression such as 3x + 2y",
            )
        if left.is_constant:
            return right.scaled(left.constant)
        return left.scaled(right.constant)
    if node.op == "/":
        left, right = linear_form(node.left, text), linear_form(node.right, text)
        if not right.is_constant:
            raise ParseError(
                f"not linear: division by an expression with variables ({_source(node.right, text)})",
                text,
                node.right.start,
                expected="division by a number",
            )
        if right.constant == 0:
            raise ParseError("division by zero", text, node.right.start)
        return left.scaled(1 / right.constant)
    # node.op == "^"
    base, exponent = linear_form(node.left, text), linear_form(node.right, text)
    if not exponent.is_constant:
        raise ParseError(
            "not linear: a variable in an exponent", text, node.right.start, expected="a number"
        )
    if base.is_constant:
        return LinearForm({}, _power(base.constant, exponent.constant, node, text))
    if exponent.constant == 1:
        return base
    if exponent.constant == 0:
        return LinearForm({}, Fraction(1))
    raise ParseError(
        f"not linear: {_source(node, text)} is a power of a variable",
        text,
        node.start,
        expected="a linear expression such as 3x + 2y",
    )


def _source(node: Node, text: str) -> str:
    return text[node.start : node.end] if text and node.end > node.start else str(node)


def constant_value(node: Node, text: str = "") -> Fraction:
    """The exact value of an expression that has no variables.

    Raises
    ------
    ParseError
        If the expression contains a variable (caret under it) or a function.

    >>> from mml.parse.parser import parse_expression
    >>> constant_value(parse_expression("-(1/2)^2 + 0.25"))
    Fraction(0, 1)
    """
    form = linear_form(node, text)
    if not form.is_constant:
        name = next(name for name, value in form.coefficients.items() if value)
        position = text.find(name, node.start) if text else node.start
        raise ParseError(
            f"expected a number, found the variable {name!r}",
            text,
            position if position >= 0 else node.start,
            expected="a number",
        )
    return form.constant


@dataclass(frozen=True)
class LinearSystem:
    """``A x = b`` read from equations; ``variables`` in order of first appearance."""

    variables: tuple[str, ...]
    coefficients: tuple[tuple[Fraction, ...], ...]
    rhs: tuple[Fraction, ...]
    equations: tuple[str, ...]


def _order_of_appearance(equations: list[Equation]) -> list[str]:
    names: list[str] = []

    def visit(node: Node) -> None:
        if isinstance(node, Symbol):
            if node.name not in names:
                names.append(node.name)
        elif isinstance(node, Negate):
            visit(node.operand)
        elif isinstance(node, BinaryOperation):
            visit(node.left)
            visit(node.right)
        elif isinstance(node, FunctionCall):
            for argument in node.arguments:
                visit(argument)

    for equation in equations:
        visit(equation.lhs)
        visit(equation.rhs)
    return names


def parse_linear_system(text: str) -> LinearSystem:
    """Read a system of linear equations into ``A x = b`` form.

    Terms may stand on both sides; each equation becomes ``lhs − rhs = 0``. Variables are
    ordered by first appearance.

    Raises
    ------
    ParseError
        For malformed text, or a non-linear term (with a caret under it).

    Examples
    --------
    >>> system = parse_linear_system("3x + y = 9; 4x = 5 + 2y")
    >>> system.variables
    ('x', 'y')
    >>> [[str(a) for a in row] for row in system.coefficients], [str(b) for b in system.rhs]
    ([['3', '1'], ['4', '-2']], ['9', '5'])
    """
    equations = parse_equations(text)
    names = _order_of_appearance(equations)
    rows, rhs = [], []
    for equation in equations:
        form = linear_form(equation.lhs, text).plus(linear_form(equation.rhs, text), -1)
        rows.append(tuple(form.coefficients.get(name, Fraction(0)) for name in names))
        rhs.append(-form.constant)
    sources = tuple(text[eq.start : eq.end].strip() for eq in equations)
    return LinearSystem(tuple(names), tuple(rows), tuple(rhs), sources)
