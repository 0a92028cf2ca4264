"""A small simplifier of our own: constant folding, 0/1 identities, like terms.

It does what a student does when tidying a derivative, and no more:

- fold numbers: ``2*3 → 6``, ``4^(1/2) → 2``, ``sin(0) → 0``, ``log(1) → 0``;
- drop identities: ``x + 0``, ``1*x``, ``x^1``, ``x^0 → 1``, ``0*x → 0``, ``--x → x``;
- collect like terms in a sum: ``2x + 3x → 5x``, ``x - x → 0``;
- collect powers in a product: ``x*x^2 → x^3``, ``x^2/x → x``, ``sqrt(x)*sqrt(x) → x``;
- ``log(exp(u)) → u`` and ``exp(log(u)) → u``.

It never expands brackets, so ``2(x + 1)`` stays as it is. Like a computer algebra system it
cancels ``x/x → 1`` without noting that ``x ≠ 0`` was assumed.
"""

from __future__ import annotations

from fractions import Fraction

from mml.calculus.evaluation import exact_function_value, exact_power
from mml.calculus.expression import ExpressionLike, as_expression, number
from mml.calculus.printing import to_text
from mml.parse import BinaryOperation, FunctionCall, Negate, Node, Number, Symbol

__all__ = ["simplify"]

Factors = list[tuple[Node, Node]]  # (base, exponent) pairs


def _product_of(node: Node) -> tuple[Fraction, Factors]:
    """``node`` as ``coefficient · Π baseᵢ^exponentᵢ`` (``node`` is already simplified)."""
    if isinstance(node, Number):
        return node.value, []
    if isinstance(node, Negate):
        coefficient, factors = _product_of(node.operand)
        return -coefficient, factors
    if isinstance(node, BinaryOperation) and node.op in "*/":
        c1, f1 = _product_of(node.left)
        c2, f2 = _product_of(node.right)
        if node.op == "*":
            return c1 * c2, f1 + f2
        if c2 == 0:
            return Fraction(1), [(node, number(1))]
        return c1 / c2, f1 + [(base, _negated(exponent)) for base, exponent in f2]
    if isinstance(node, BinaryOperation) and node.op == "^":
        base, exponent = node.left, node.right
        if isinstance(exponent, Number) and exponent.value.denominator == 1:
            # (c·Π bᵢ^eᵢ)^n = cⁿ · Π bᵢ^(n·eᵢ) for an integer n
            c, factors = _product_of(base)
            scaled = exact_power(c, exponent.value) if c != 0 or exponent.value > 0 else None
            if scaled is not None:
                return scaled, [(b, _times(e, exponent.value)) for b, e in factors]
        return Fraction(1), [(base, exponent)]
    if isinstance(node, FunctionCall) and node.name == "sqrt":
        return Fraction(1), [(node.arguments[0], number(Fraction(1, 2)))]
    return Fraction(1), [(node, number(1))]


def _negated(exponent: Node) -> Node:
    if isinstance(exponent, Number):
        return number(-exponent.value)
    return _simplify(Negate(exponent))


def _times(exponent: Node, factor: Fraction) -> Node:
    if isinstance(exponent, Number):
        return number(exponent.value * factor)
    return _simplify(BinaryOperation("*", number(factor), exponent))


def _merge_factors(coefficient: Fraction, factors: Factors) -> tuple[Fraction, Factors]:
    """Add the exponents of equal bases; fold numeric powers of numbers into the coefficient."""
    exponents: dict[Node, list[Node]] = {}
    for base, exponent in factors:
        exponents.setdefault(base, []).append(exponent)
    merged: Factors = []
    for base, found in exponents.items():
        if all(isinstance(e, Number) for e in found):
            exponent: Node = number(sum((e.value for e in found), Fraction(0)))  # type: ignore[attr-defined]
        else:
            total = found[0]
            for e in found[1:]:
                total = BinaryOperation("+", total, e)
            exponent = _simplify(total)
        if isinstance(exponent, Number) and exponent.value == 0:
            continue
        if isinstance(base, Number) and isinstance(exponent, Number):
            folded = exact_power(base.value, exponent.value)
            if folded is not None:
                coefficient *= folded
                continue
        if isinstance(base, Number) and base.value == 1:
            continue
        merged.append((base, exponent))
    return coefficient, merged


def _rank(base: Node) -> tuple[int, str]:
    kind = 0 if isinstance(base, Number) else 1 if isinstance(base, Symbol) else 2
    if isinstance(base, FunctionCall):
        kind = 2
    elif not isinstance(base, (Number, Symbol)):
        kind = 3
    return kind, to_text(base)


def _is_denominator(exponent: Node) -> bool:
    return (isinstance(exponent, Number) and exponent.value < 0) or isinstance(exponent, Negate)


def _factor_node(base: Node, exponent: Node) -> Node:
    if isinstance(exponent, Number):
        if exponent.value == 1:
            return base
        if exponent.value == Fraction(1, 2):
            return FunctionCall("sqrt", (base,))
    return BinaryOperation("^", base, exponent)


def _chain(nodes: list[Node]) -> Node | None:
    result: Node | None = None
    for node in nodes:
        result = node if result is None else BinaryOperation("*", result, node)
    return result


def _build_product(coefficient: Fraction, factors: Factors) -> Node:
    """``coefficient · Π factors`` written with a numerator and a denominator."""
    if coefficient == 0 or not factors:
        return number(coefficient)
    ordered = sorted(factors, key=lambda pair: _rank(pair[0]))
    top = [_factor_node(b, e) for b, e in ordered if not _is_denominator(e)]
    bottom = [_factor_node(b, _negated(e)) for b, e in ordered if _is_denominator(e)]
    size = abs(coefficient)
    if size.numerator != 1 or not top:
        top.insert(0, number(size.numerator))
    if size.denominator != 1:
        bottom.insert(0, number(size.denominator))
    numerator = _chain(top)
    assert numerator is not None
    denominator = _chain(bottom)
    result = numerator if denominator is None else BinaryOperation("/", numerator, denominator)
    return Negate(result) if coefficient < 0 else result


def _terms_of(node: Node, sign: int = 1) -> list[tuple[Fraction, Factors]]:
    """``node`` as a list of ``coefficient · monomial`` terms (``node`` already simplified)."""
    if isinstance(node, BinaryOperation) and node.op in "+-":
        right_sign = sign if node.op == "+" else -sign
        return _terms_of(node.left, sign) + _terms_of(node.right, right_sign)
    if isinstance(node, Negate):
        return _terms_of(node.operand, -sign)
    coefficient, factors = _product_of(node)
    return [(sign * coefficient, factors)]


def _build_sum(terms: list[tuple[Fraction, Factors]]) -> Node:
    collected: dict[Node | None, list] = {}
    for coefficient, factors in terms:
        coefficient, factors = _merge_factors(coefficient, factors)
        key = _build_product(Fraction(1), factors) if factors else None
        if key in collected:
            collected[key][0] += coefficient
        else:
            collected[key] = [coefficient, factors]
    result: Node | None = None
    for coefficient, factors in collected.values():
        if coefficient == 0:
            continue
        term = _build_product(abs(coefficient), factors)
        if result is None:
            result = term if coefficient > 0 else _negative(term)
        else:
            result = BinaryOperation("+" if coefficient > 0 else "-", result, term)
    return number(0) if result is None else result


def _negative(term: Node) -> Node:
    return number(-term.value) if isinstance(term, Number) else Negate(term)


def _simplify_function(name: str, argument: Node) -> Node:
    if isinstance(argument, Number):
        value = exact_function_value(name, argument.value)
        if value is not None:
            return number(value)
    if isinstance(argument, FunctionCall):
        inner = argument.arguments[0]
        if name in ("log", "ln") and argument.name == "exp":
            return inner
        if name == "exp" and argument.name in ("log", "ln"):
            return inner
    if name in ("log", "ln") and isinstance(argument, Symbol) and argument.name == "e":
        return number(1)
    return FunctionCall(name, (argument,))


def _simplify(node: Node) -> Node:
    if isinstance(node, (Number, Symbol)):
        return node
    if isinstance(node, FunctionCall):
        simplified = _simplify_function(node.name, _simplify(node.arguments[0]))
        if isinstance(simplified, FunctionCall) and simplified.name == "sqrt":
            return _build_sum(_terms_of(simplified))
        return simplified
    if isinstance(node, Negate):
        return _build_sum(_terms_of(_simplify(node.operand), -1))
    assert isinstance(node, BinaryOperation)
    left, right = _simplify(node.left), _simplify(node.right)
    if node.op == "^" and isinstance(right, Number) and right.value == 0:
        return number(1)
    if node.op == "/" and isinstance(right, Number) and right.value == 0:
        return BinaryOperation("/", left, right)  # left for evaluation to report
    return _build_sum(_terms_of(BinaryOperation(node.op, left, right)))


def simplify(expr: ExpressionLike) -> Node:
    """Tidy an expression: fold numbers, drop 0 and 1, collect like terms and powers.

    The result has the same value wherever both are defined (``x/x → 1`` assumes
    ``x ≠ 0``, as a computer algebra system does).

    Parameters
    ----------
    expr : str or Node

    Returns
    -------
    Node
        The simplified expression tree.

    Raises
    ------
    ParseError
        For text that is not an expression.

    Examples
    --------
    >>> from mml.calculus.printing import to_text
    >>> to_text(simplify("2*x*1 + 0 + 3x - x^2/x"))
    '4x'
    >>> to_text(simplify("x*x^2*cos(0) - (1/2)*y*2"))
    'x^3 - y'
    >>> to_text(simplify("(x + 1)*(x + 1)/4"))
    '(x + 1)^2/4'
    """
    return _simplify(as_expression(expr))
