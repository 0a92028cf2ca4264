"""Evaluating expressions: exactly over the rationals, or in floating point.

``evaluate(expr, {"x": 2})`` keeps every value a :class:`~fractions.Fraction` while it can
(polynomials and rational functions at rational points, ``exp(0)``, ``sqrt(9/4)``, ...)
and switches to floats at the first irrational step; with ``exact=True`` it refuses to
round instead.
Values outside a function's domain (``log(0)``, ``sqrt(-1)``, ``1/0``) raise
:class:`~mml.errors.DomainError` naming the sub-expression.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from mml.calculus.expression import ExpressionLike, as_expression, bounded, chain_links
from mml.calculus.printing import to_text
from mml.errors import DomainError
from mml.exact.matrix import as_fraction
from mml.parse import BinaryOperation, FunctionCall, Negate, Node, Number, Symbol

__all__ = ["evaluate", "exact_value", "equivalent", "exact_function_value", "MAX_EXACT_EXPONENT"]

MAX_EXACT_EXPONENT = 1000
_MAX_BITS = 100_000

Value = Fraction | float


def _sigmoid(t: float) -> float:
    if t >= 0:
        return 1.0 / (1.0 + math.exp(-t))
    z = math.exp(t)
    return z / (1.0 + z)


_FLOAT_FUNCTIONS = {
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "exp": math.exp,
    "log": math.log,
    "ln": math.log,
    "sqrt": math.sqrt,
    "sinh": math.sinh,
    "cosh": math.cosh,
    "tanh": math.tanh,
    "arcsin": math.asin,
    "arccos": math.acos,
    "arctan": math.atan,
    "abs": abs,
    "sigmoid": _sigmoid,
    "relu": lambda t: max(t, 0.0),
    "sign": lambda t: float((t > 0) - (t < 0)),
    "heaviside": lambda t: 1.0 if t > 0 else (0.5 if t == 0 else 0.0),
}

# Where each function is defined, as (test, words for the error).
_DOMAINS = {
    "log": (lambda t: t > 0, "positive numbers"),
    "ln": (lambda t: t > 0, "positive numbers"),
    "sqrt": (lambda t: t >= 0, "numbers ≥ 0"),
    "arcsin": (lambda t: -1 <= t <= 1, "numbers in [-1, 1]"),
    "arccos": (lambda t: -1 <= t <= 1, "numbers in [-1, 1]"),
    "tan": (lambda t: math.cos(t) != 0, "numbers where cos ≠ 0"),
}


def _rational_root(value: Fraction, degree: int) -> Fraction | None:
    """The exact ``degree``-th root of a rational ≥ 0, or None when it is irrational."""

    def integer_root(n: int) -> int | None:
        root = round(n ** (1.0 / degree)) if n < 2**1000 else math.isqrt(n)
        for candidate in (root - 1, root, root + 1):
            if candidate >= 0 and candidate**degree == n:
                return candidate
        if degree == 2:
            r = math.isqrt(n)
            return r if r * r == n else None
        return None

    if value < 0:
        return None
    top, bottom = integer_root(value.numerator), integer_root(value.denominator)
    return None if top is None or bottom is None else Fraction(top, bottom)


def exact_function_value(name: str, t: Fraction) -> Fraction | None:
    """``name(t)`` when it is rational (``sin(0) = 0``, ``sqrt(9/4) = 3/2``), else None.

    >>> exact_function_value("sqrt", Fraction(9, 4)), exact_function_value("exp", Fraction(1))
    (Fraction(3, 2), None)
    """
    zero_at_zero = {"sin", "tan", "sinh", "tanh", "arcsin", "arctan"}
    if name in zero_at_zero and t == 0:
        return Fraction(0)
    if name in ("cos", "cosh", "exp") and t == 0:
        return Fraction(1)
    if name in ("log", "ln") and t == 1:
        return Fraction(0)
    if name == "arccos" and t == 1:
        return Fraction(0)
    if name == "sigmoid" and t == 0:
        return Fraction(1, 2)
    if name == "sqrt":
        return _rational_root(t, 2)
    if name == "abs":
        return abs(t)
    if name == "relu":
        return max(t, Fraction(0))
    if name == "sign":
        return Fraction((t > 0) - (t < 0))
    if name == "heaviside":
        return Fraction(1) if t > 0 else (Fraction(1, 2) if t == 0 else Fraction(0))
    return None


def exact_power(base: Fraction, exponent: Fraction) -> Fraction | None:
    """``base ** exponent`` when it is rational and of reasonable size, else None.

    >>> exact_power(Fraction(8, 27), Fraction(2, 3)), exact_power(Fraction(2), Fraction(1, 2))
    (Fraction(4, 9), None)
    """
    if abs(exponent.numerator) > MAX_EXACT_EXPONENT or exponent.denominator > MAX_EXACT_EXPONENT:
        return None
    bits = max(abs(base.numerator), base.denominator).bit_length()
    if bits * abs(exponent.numerator) > _MAX_BITS:
        return None
    if base == 0:
        return None if exponent <= 0 else Fraction(0)
    if exponent.denominator == 1:
        return base**exponent.numerator
    if base < 0:
        return None
    root = _rational_root(base, exponent.denominator)
    return None if root is None else root**exponent.numerator


class _Evaluator:
    def __init__(self, values: Mapping[str, Value], exact: bool) -> None:
        self.values = values
        self.exact = exact

    def fail(self, node: Node, message: str) -> DomainError:
        return DomainError(f"{message} (in {to_text(node)})")

    def inexact(self, node: Node) -> DomainError:
        return self.fail(node, "the value is not a rational number; use exact=False for a float")

    def value(self, node: Node) -> Value:
        if isinstance(node, Number):
            return node.value
        if isinstance(node, Symbol):
            return self.symbol(node)
        if isinstance(node, Negate):
            return -self.value(node.operand)
        if isinstance(node, FunctionCall):
            return self.function(node, self.value(node.arguments[0]))
        assert isinstance(node, BinaryOperation)
        if node.op == "^":
            return self.power(node, self.value(node.left), self.value(node.right))
        links = chain_links(node)  # a ± b ± c or a·b/c, with a loop rather than recursion
        total = self.value(links[0][1])
        for op, operand in links[1:]:
            value = self.value(operand)
            if op == "+":
                total = total + value
            elif op == "-":
                total = total - value
            elif op == "*":
                total = total * value
            else:
                if value == 0:
                    raise self.fail(node, f"division by zero: {to_text(operand)} is 0")
                total = total / value
        return total

    def symbol(self, node: Symbol) -> Value:
        if node.name in self.values:
            return self.values[node.name]
        if node.name == "pi" or node.name == "e":
            if self.exact:
                raise self.inexact(node)
            return math.pi if node.name == "pi" else math.e
        raise DomainError(f"no value given for the variable {node.name!r}")

    def function(self, node: FunctionCall, t: Value) -> Value:
        domain = _DOMAINS.get(node.name)
        if domain is not None and not domain[0](t):
            raise self.fail(node, f"{node.name} is defined for {domain[1]}, not for {t}")
        if isinstance(t, Fraction):
            exact = exact_function_value(node.name, t)
            if exact is not None:
                return exact
        if self.exact:
            raise self.inexact(node)
        try:
            return float(_FLOAT_FUNCTIONS[node.name](float(t)))
        except OverflowError:
            raise self.fail(node, "the value overflows a float") from None

    def power(self, node: Node, base: Value, exponent: Value) -> Value:
        if base == 0 and exponent < 0:
            raise self.fail(node, "0 raised to a negative power")
        if isinstance(base, Fraction) and isinstance(exponent, Fraction):
            exact = exact_power(base, exponent)
            if exact is not None:
                return exact
            if self.exact:
                raise self.inexact(node)
        if base < 0 and float(exponent) != int(float(exponent)):
            raise self.fail(node, f"a negative base {base} to the non-integer power {exponent}")
        try:
            return float(base) ** float(exponent)
        except OverflowError:
            raise self.fail(node, "the value overflows a float") from None


def _as_values(values: Mapping[str, Any], exact: bool) -> dict[str, Value]:
    result: dict[str, Value] = {}
    for name, value in values.items():
        if isinstance(value, float) and not exact:
            if not math.isfinite(value):
                raise DomainError(f"the value of {name} is {value}; expected a finite number")
            result[name] = value
        else:
            result[name] = as_fraction(value, f"the value of {name}")
    return result


@bounded
def evaluate(
    expr: ExpressionLike, values: Mapping[str, Any] | None = None, exact: bool = False
) -> Value:
    """The value of an expression at a point.

    Rational inputs give a :class:`~fractions.Fraction` as long as every step stays rational;
    the first irrational step (``sin(1)``, ``sqrt(2)``) switches to floats, or raises when
    ``exact=True``.

    Parameters
    ----------
    expr : str or Node
    values : mapping of variable name to number
    exact : bool
        Refuse to round: raise :class:`DomainError` if the value is not rational.

    Raises
    ------
    DomainError
        Outside a function's domain (``log(0)``, ``1/0``), a missing variable, or an
        irrational value with ``exact=True``.

    Examples
    --------
    >>> evaluate("x^2/3 + sqrt(y)", {"x": 1, "y": Fraction(1, 4)})
    Fraction(5, 6)
    >>> round(evaluate("sin(x)", {"x": 1}), 6)
    0.841471
    >>> evaluate("log(x - 1)", {"x": 1})
    Traceback (most recent call last):
        ...
    mml.errors.DomainError: log is defined for positive numbers, not for 0 (in log(x - 1))
    """
    node = as_expression(expr)
    evaluator = _Evaluator(_as_values(values or {}, exact), exact)
    value = evaluator.value(node)
    if isinstance(value, float) and not math.isfinite(value):
        raise DomainError(f"the value overflows a float (it came out as {value})")
    return value


def exact_value(expr: ExpressionLike, values: Mapping[str, Any] | None = None) -> Fraction:
    """The exact rational value of an expression, or :class:`DomainError` if it is irrational.

    >>> exact_value("(x + 1)^2 / 4", {"x": "1/2"})
    Fraction(9, 16)
    """
    value = evaluate(expr, values, exact=True)
    assert isinstance(value, Fraction)
    return value


def equivalent(
    first: ExpressionLike,
    second: ExpressionLike,
    variables: tuple[str, ...] | None = None,
    points: int = 12,
    seed: int = 0,
    tolerance: float = 1e-8,
    interval: tuple[float, float] = (-2.0, 2.0),
) -> bool:
    """Whether two expressions agree at random points (equality by evaluation).

    Each variable is drawn uniformly from ``interval``. Points where either side is
    undefined are skipped; at least one point must be defined for both, otherwise the
    answer is False.

    >>> equivalent("2 sin(x) cos(x)", "sin(2x)"), equivalent("x^2", "2x")
    (True, False)
    >>> equivalent("sqrt(y^2)", "y"), equivalent("sqrt(y^2)", "y", interval=(0.1, 5))
    (False, True)
    """
    import random

    from mml.calculus.expression import variables_of

    a, b = as_expression(first), as_expression(second)
    names = variables or tuple(dict.fromkeys(variables_of(a) + variables_of(b)))
    rng = random.Random(seed)
    checked = 0
    for _ in range(points * 4):
        point = {name: rng.uniform(*interval) for name in names}
        try:
            left, right = float(evaluate(a, point)), float(evaluate(b, point))
        except DomainError:
            continue
        if not math.isclose(left, right, rel_tol=tolerance, abs_tol=tolerance):
            return False
        checked += 1
        if checked == points:
            break
    return checked > 0
