"""Multivariate polynomials of bounded degree read from an expression tree.

A polynomial is a dict from monomials to exact coefficients; a monomial is a sorted tuple of
variable names with repeats (``("x", "x", "y")`` is x²y; ``()`` is the constant term). This is
what quadratic objectives and their gradients need (book §7.2), without any symbolic engine.

Examples
--------
>>> from mml.parse.parser import parse_expression
>>> text = "(x + y)^2 - 2x + 1"
>>> poly = polynomial(parse_expression(text), text, max_degree=2)
>>> sorted((m, str(c)) for m, c in poly.items())
[((), '1'), (('x',), '-2'), (('x', 'x'), '1'), (('x', 'y'), '2'), (('y', 'y'), '1')]
"""

from __future__ import annotations

from fractions import Fraction

from mml.errors import ParseError
from mml.parse.expressions import BinaryOperation, FunctionCall, Negate, Node, Number, Symbol
from mml.parse.linear import constant_value

__all__ = ["Polynomial", "polynomial", "derivative", "polynomial_text"]

Monomial = tuple[str, ...]
Polynomial = dict[Monomial, Fraction]


def _clean(poly: Polynomial) -> Polynomial:
    return {m: c for m, c in poly.items() if c != 0}


def _add(p: Polynomial, q: Polynomial, sign: int = 1) -> Polynomial:
    out = dict(p)
    for m, c in q.items():
        out[m] = out.get(m, Fraction(0)) + sign * c
    return _clean(out)


def _multiply(p: Polynomial, q: Polynomial) -> Polynomial:
    out: Polynomial = {}
    for m1, c1 in p.items():
        for m2, c2 in q.items():
            m = tuple(sorted(m1 + m2))
            out[m] = out.get(m, Fraction(0)) + c1 * c2
    return _clean(out)


def _degree(poly: Polynomial) -> int:
    return max((len(m) for m in poly), default=0)


def polynomial(node: Node, text: str = "", max_degree: int = 2) -> Polynomial:
    """Expand an expression into a polynomial of degree at most ``max_degree``.

    Raises
    ------
    ParseError
        For a function call, a division by a non-constant, a non-integer or negative power of
        a variable, or a degree above ``max_degree`` (caret under the term).
    """

    def expand(n: Node) -> Polynomial:
        if isinstance(n, Number):
            return _clean({(): n.value})
        if isinstance(n, Symbol):
            return {(n.name,): Fraction(1)}
        if isinstance(n, Negate):
            return {m: -c for m, c in expand(n.operand).items()}
        if isinstance(n, FunctionCall):
            raise ParseError(f"{n.name}(...) is not a polynomial term", text, n.start)
        assert isinstance(n, BinaryOperation)
        if n.op in "+-":
            return _add(expand(n.left), expand(n.right), 1 if n.op == "+" else -1)
        if n.op == "*":
            result = _multiply(expand(n.left), expand(n.right))
        elif n.op == "/":
            divisor = expand(n.right)
            if _degree(divisor) > 0:
                raise ParseError("division by an expression with variables", text, n.right.start)
            value = divisor.get((), Fraction(0))
            if value == 0:
                raise ParseError("division by zero", text, n.right.start)
            return {m: c / value for m, c in expand(n.left).items()}
        else:  # "^"
            exponent = constant_value(n.right, text)
            base = expand(n.left)
            if exponent.denominator != 1 or exponent < 0:
                if _degree(base) == 0:
                    return _clean({(): constant_value(n, text)})
                raise ParseError("only whole-number powers of variables", text, n.start)
            if int(exponent) > max_degree and _degree(base) > 0:
                raise ParseError(f"degree above {max_degree}", text, n.start)
            result = {(): Fraction(1)}
            for _ in range(int(exponent)):
                result = _multiply(result, base)
        if _degree(result) > max_degree:
            raise ParseError(
                f"degree above {max_degree}: this needs a polynomial of degree ≤ {max_degree}",
                text,
                n.start,
            )
        return result

    return expand(node)


def derivative(poly: Polynomial, variable: str) -> Polynomial:
    """∂/∂variable of a polynomial.

    >>> derivative({("x", "x"): Fraction(1), ("x", "y"): Fraction(3)}, "x")
    {('x',): Fraction(2, 1), ('y',): Fraction(3, 1)}
    """
    out: Polynomial = {}
    for monomial, coefficient in poly.items():
        power = monomial.count(variable)
        if power:
            rest = list(monomial)
            rest.remove(variable)
            key = tuple(rest)
            out[key] = out.get(key, Fraction(0)) + coefficient * power
    return _clean(out)


def polynomial_text(poly: Polynomial) -> str:
    """A polynomial written out, highest degree first: ``x^2 + 2x·y - 2x + 1``.

    >>> polynomial_text({("x", "x"): Fraction(1), (): Fraction(-1, 2)})
    'x^2 - 1/2'
    """
    if not poly:
        return "0"
    parts = []
    for monomial in sorted(poly, key=lambda m: (-len(m), m)):
        c = poly[monomial]
        names = []
        for name in sorted(set(monomial)):
            power = monomial.count(name)
            names.append(name if power == 1 else f"{name}^{power}")
        body = "·".join(names)
        size = abs(c)
        size_text = (
            str(size.numerator) if size.denominator == 1 else f"{size.numerator}/{size.denominator}"
        )
        term = size_text if not body else (body if size == 1 else f"{size_text}{body}")
        parts.append(("-" if c < 0 else "+", term))
    first_sign, first = parts[0]
    return ("-" if first_sign == "-" else "") + first + "".join(f" {s} {t}" for s, t in parts[1:])
