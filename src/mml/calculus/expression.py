"""The expression layer of ``mml.calculus``: the parser's tree, read as mathematics.

``mml.calculus`` works on the tree that :func:`mml.parse.parse_expression` builds
(:class:`~mml.parse.Number`, :class:`~mml.parse.Symbol`, :class:`~mml.parse.Negate`,
:class:`~mml.parse.BinaryOperation`, :class:`~mml.parse.FunctionCall`). This module holds
what every other module of the package needs: reading text or a tree with checks
(:func:`as_expression`), building nodes (:func:`add`, :func:`multiply`, ...), the named
constants ``pi`` and ``e``, substitution and the check that a name is a variable.
"""

from __future__ import annotations

import functools
import keyword
import re
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import Any, TypeVar

from mml.errors import DomainError, ParseError
from mml.exact.matrix import as_fraction
from mml.parse import FUNCTIONS, BinaryOperation, FunctionCall, Negate, Node, Number, Symbol
from mml.parse import parse_expression as _parse

__all__ = [
    "CONSTANTS",
    "ExpressionLike",
    "as_expression",
    "number",
    "symbol",
    "add",
    "subtract",
    "multiply",
    "divide",
    "power",
    "negate",
    "call",
    "depends_on",
    "variables_of",
    "check_variable",
    "substitute",
    "is_number",
    "ZERO",
    "ONE",
    "parse_point",
    "chain_links",
    "symbols_in",
    "tree_size",
    "MAX_NODES",
    "bounded",
]

MAX_NODES = 5000
"""The most operations and leaves an expression may have in ``mml.calculus``."""

ExpressionLike = Any  # str | Node | int | Fraction
F = TypeVar("F", bound=Callable[..., Any])

CONSTANTS = frozenset({"pi", "e"})
"""Names read as the constants π and e, never as variables."""

_IDENTIFIER = re.compile(r"[^\W\d]\w*\Z")


def bounded(function: F) -> F:
    """Turn Python's ``RecursionError`` on a pathologically nested tree into a DomainError.

    Long sums and products are walked with loops; only nesting (brackets inside brackets,
    functions of functions) recurses, and the parser limits that. This is the last guard.

    >>> bounded(lambda: 1)()
    1
    """

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except RecursionError:
            raise DomainError(
                f"{function.__name__}: the expression is nested too deeply to work with here; "
                "split it into smaller parts"
            ) from None

    return guarded  # type: ignore[return-value]


def number(value: Any) -> Number:
    """A number node holding an exact rational.

    >>> number(Fraction(1, 2)).value
    Fraction(1, 2)
    """
    return Number(as_fraction(value, "number"))


ZERO = number(0)
ONE = number(1)


def symbol(name: str) -> Symbol:
    """A variable (or constant) node.

    >>> symbol("x").name
    'x'
    """
    return Symbol(name)


def is_number(node: Node, value: Any = None) -> bool:
    """Whether ``node`` is a number (equal to ``value`` when one is given).

    >>> is_number(number(0), 0), is_number(symbol("x"))
    (True, False)
    """
    if not isinstance(node, Number):
        return False
    return value is None or node.value == Fraction(value)


def add(left: Node, right: Node) -> Node:
    """``left + right`` (no simplification).

    >>> print(add(symbol("x"), ONE))
    (x + 1)
    """
    return BinaryOperation("+", left, right)


def subtract(left: Node, right: Node) -> Node:
    """``left - right`` (no simplification).

    >>> print(subtract(symbol("x"), ONE))
    (x - 1)
    """
    return BinaryOperation("-", left, right)


def multiply(left: Node, right: Node) -> Node:
    """``left * right`` (no simplification).

    >>> print(multiply(number(2), symbol("x")))
    (2 * x)
    """
    return BinaryOperation("*", left, right)


def divide(left: Node, right: Node) -> Node:
    """``left / right`` (no simplification).

    >>> print(divide(ONE, symbol("x")))
    (1 / x)
    """
    return BinaryOperation("/", left, right)


def power(base: Node, exponent: Node | int | Fraction) -> Node:
    """``base ^ exponent`` (no simplification).

    >>> print(power(symbol("x"), 2))
    (x ^ 2)
    """
    if not isinstance(exponent, Node):
        exponent = number(exponent)
    return BinaryOperation("^", base, exponent)


def negate(operand: Node) -> Node:
    """``-operand`` (no simplification).

    >>> print(negate(symbol("x")))
    -(x)
    """
    return Negate(operand)


def call(name: str, argument: Node) -> Node:
    """``name(argument)`` for a function in :data:`mml.parse.FUNCTIONS`.

    Raises
    ------
    DomainError
        For a name that is not a known function.

    >>> print(call("sin", symbol("x")))
    sin(x)
    """
    if name not in FUNCTIONS:
        raise DomainError(f"unknown function {name!r}; known: {', '.join(sorted(FUNCTIONS))}")
    return FunctionCall(name, (argument,))


def _check_tree(node: Node, text: str | None) -> None:
    """Every function call has one argument; every node is one we know."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, FunctionCall):
            if len(item.arguments) != 1:
                message = f"{item.name} takes one argument, found {len(item.arguments)}"
                if text is not None:
                    raise ParseError(message, text, item.start, expected="one argument")
                raise DomainError(message)
            stack.extend(item.arguments)
        elif isinstance(item, BinaryOperation):
            stack.extend((item.left, item.right))
        elif isinstance(item, Negate):
            stack.append(item.operand)
        elif not isinstance(item, (Number, Symbol)):
            raise DomainError(f"not an expression node: {item!r}")


def as_expression(expr: ExpressionLike) -> Node:
    """Read math text (or accept a tree or a number) as an expression tree.

    Parameters
    ----------
    expr : str, Node, int or Fraction
        Math text such as ``"x^2 * sin(x)"``, or a tree from :func:`mml.parse.parse_expression`.

    Raises
    ------
    ParseError
        For text that is not an expression, with the position and a caret line; also
        for a function called with more than one argument.

    Examples
    --------
    >>> print(as_expression("2(x + 1)"))
    (2 * (x + 1))
    >>> as_expression("sin(x, y)")
    Traceback (most recent call last):
        ...
    mml.errors.ParseError: sin takes one argument, found 2 at position 0
      sin(x, y)
      ^
    """
    if isinstance(expr, Node):
        _check_tree(expr, None)
        return expr
    if isinstance(expr, bool):
        raise DomainError("expected an expression, got a bool")
    if isinstance(expr, (int, Fraction)):
        return number(expr)
    if not isinstance(expr, str):
        raise ParseError(
            f"expected math text (a str) or an expression tree, got {type(expr).__name__}"
        )
    node = _parse(expr)
    _check_tree(node, expr)
    size = tree_size(node)
    if size > MAX_NODES:
        raise ParseError(
            f"the expression has {size} operations and terms; at most {MAX_NODES} are accepted",
            expr,
            0,
        )
    return node


def children(node: Node) -> tuple[Node, ...]:
    """The direct sub-expressions of ``node``.

    >>> [str(c) for c in children(as_expression("x + 1"))]
    ['x', '1']
    """
    if isinstance(node, BinaryOperation):
        return (node.left, node.right)
    if isinstance(node, Negate):
        return (node.operand,)
    if isinstance(node, FunctionCall):
        return node.arguments
    return ()


def chain_links(node: BinaryOperation) -> list[tuple[str, Node]]:
    """A left-leaning chain ``a + b - c`` as ``[("", a), ("+", b), ("-", c)]``.

    Sums and differences form one family, products and quotients another. Walking a long
    chain with a loop, rather than recursion, keeps 1000-term sums within Python's limits.

    >>> [(op, str(n)) for op, n in chain_links(as_expression("a + b - c"))]
    [('', 'a'), ('+', 'b'), ('-', 'c')]
    """
    family = "+-" if node.op in "+-" else "*/" if node.op in "*/" else node.op
    links: list[tuple[str, Node]] = []
    item: Node = node
    while isinstance(item, BinaryOperation) and item.op in family:
        links.append((item.op, item.right))
        item = item.left
    links.append(("", item))
    links.reverse()
    return links


def symbols_in(node: Node) -> frozenset[str]:
    """Every name in ``node`` (variables and constants), found without recursion.

    >>> sorted(symbols_in(as_expression("x*pi + sin(y)")))
    ['pi', 'x', 'y']
    """
    names: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Symbol):
            names.add(item.name)
        else:
            stack.extend(children(item))
    return frozenset(names)


def tree_size(node: Node) -> int:
    """The number of nodes (operations and leaves) in ``node``.

    >>> tree_size(as_expression("x^2 + 1"))
    5
    """
    count = 0
    stack = [node]
    while stack:
        item = stack.pop()
        count += 1
        stack.extend(children(item))
    return count


def depends_on(node: Node, name: str) -> bool:
    """Whether the variable ``name`` occurs in ``node``.

    >>> depends_on(as_expression("x*y + 1"), "y"), depends_on(as_expression("x"), "y")
    (True, False)
    """
    return name in symbols_in(node)


def variables_of(node: Node) -> tuple[str, ...]:
    """The variables of ``node`` in order of first appearance (constants left out).

    >>> variables_of(as_expression("y*sin(x) + pi*y"))
    ('y', 'x')
    """
    seen: dict[str, None] = {}
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Symbol):
            if item.name not in CONSTANTS:
                seen.setdefault(item.name, None)
        else:
            stack.extend(reversed(children(item)))
    return tuple(seen)


def check_variable(name: Any, what: str = "variable") -> str:
    """Check that ``name`` can be a variable: an identifier, not a function or constant.

    Raises
    ------
    DomainError
        For a name that is not an identifier (``"x+y"``, ``"2"``), a function name
        (``"sin"``) or a constant (``"pi"``, ``"e"``).

    >>> check_variable("x_1")
    'x_1'
    >>> check_variable("pi")
    Traceback (most recent call last):
        ...
    mml.errors.DomainError: 'pi' is the constant pi, not a variable; cannot use it as the variable
    """
    if not isinstance(name, str) or not _IDENTIFIER.match(name) or keyword.iskeyword(name):
        raise DomainError(f"{name!r} is not a variable name; expected a name such as 'x' or 'x_1'")
    if name in FUNCTIONS:
        raise DomainError(f"{name!r} is a function, not a variable; cannot use it as the {what}")
    if name in CONSTANTS:
        raise DomainError(
            f"{name!r} is the constant {name}, not a variable; cannot use it as the {what}"
        )
    return name


def check_variables(names: Iterable[Any] | str, what: str = "variable") -> tuple[str, ...]:
    """Check a list of variable names (or one comma-separated string); no repeats.

    >>> check_variables("x, y")
    ('x', 'y')
    """
    if isinstance(names, str):
        names = [part.strip() for part in names.split(",")]
    checked = tuple(check_variable(name, what) for name in names)
    if len(set(checked)) != len(checked):
        raise DomainError(f"variables {checked} name the same variable twice")
    if not checked:
        raise DomainError("expected at least one variable")
    return checked


def substitute(node: Node, values: Mapping[str, Any]) -> Node:
    """Replace variables by expressions (or numbers), everywhere at once.

    >>> print(substitute(as_expression("x^2 + y"), {"x": 3, "y": as_expression("z")}))
    ((3 ^ 2) + z)
    """
    replacement = {
        name: value if isinstance(value, Node) else number(value) for name, value in values.items()
    }

    def visit(item: Node) -> Node:
        if isinstance(item, Symbol):
            return replacement.get(item.name, item)
        if isinstance(item, BinaryOperation):
            links = chain_links(item)
            result = visit(links[0][1])
            for op, operand in links[1:]:
                result = BinaryOperation(op, result, visit(operand))
            return result
        if isinstance(item, Negate):
            return Negate(visit(item.operand))
        if isinstance(item, FunctionCall):
            return FunctionCall(item.name, tuple(visit(a) for a in item.arguments))
        return item

    return visit(node)


def parse_point(point: str | Mapping[str, Any]) -> dict[str, Any]:
    """A point ``"x = 1, y = -1/2"`` (or a mapping) as ``{name: Fraction}``.

    Raises
    ------
    ParseError
        For text that is not ``name = number`` pairs (with a caret).
    DomainError
        For a name that cannot be a variable.

    >>> parse_point("x = 1, y = -1/2")
    {'x': Fraction(1, 1), 'y': Fraction(-1, 2)}
    """
    if isinstance(point, Mapping):
        return {check_variable(name): value for name, value in point.items()}
    if not isinstance(point, str):
        raise ParseError(f"expected a point such as 'x = 1, y = 2', got {type(point).__name__}")
    from mml.parse import constant_value, parse_equations

    values: dict[str, Any] = {}
    for equation in parse_equations(point):
        if not isinstance(equation.lhs, Symbol):
            raise ParseError(
                "expected 'name = value' pairs, e.g. 'x = 1, y = 2'", point, equation.start
            )
        name = check_variable(equation.lhs.name)
        values[name] = constant_value(equation.rhs, point)
    return values
