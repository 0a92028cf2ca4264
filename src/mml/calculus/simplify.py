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

import math
from fractions import Fraction

from mml.calculus.evaluation import exact_function_value, exact_power
from mml.calculus.expression import ExpressionLike, as_expression, bounded, number
from mml.calculus.printing import to_text
from mml.parse import BinaryOperation, FunctionCall, Negate, Node, Number, Symbol

__all__ = ["simplify", "expand", "Simplifier"]

Factors = list[tuple[Node, Node]]  # (base, exponent) pairs

MAX_EXPANDED_TERMS = 400


class Simplifier:
    """Simplifies trees, remembering what it has done (by identity) for the next call.

    A derivative simplifies each level of the expression on the way up; sharing one
    ``Simplifier`` lets each level reuse the tidy sub-results below it instead of
    walking them again.
    """

    def __init__(self) -> None:
        self._done: dict[int, tuple[Node, Node]] = {}
        self._texts: dict[int, tuple[Node, str]] = {}

    def __call__(self, node: Node) -> Node:
        return self.simplify(node)

    # -- products -------------------------------------------------------------------
    def product_of(self, node: Node) -> tuple[Fraction, Factors]:
        """``node`` as ``coefficient · Π baseᵢ^exponentᵢ`` (``node`` is already simplified)."""
        coefficient = Fraction(1)
        factors: Factors = []
        stack: list[tuple[Node, bool]] = [(node, False)]  # (factor, in the denominator)
        while stack:
            item, below = stack.pop()
            if isinstance(item, BinaryOperation) and item.op in "*/":
                if item.op == "/" and self._is_zero_number(item.right):
                    c, f = Fraction(1), [(item, number(1))]
                else:
                    stack.append((item.right, below if item.op == "*" else not below))
                    stack.append((item.left, below))
                    continue
            else:
                c, f = self._factor_of(item)
            if below:
                coefficient /= c
                factors += [(base, self.negated(exponent)) for base, exponent in f]
            else:
                coefficient *= c
                factors += f
        return coefficient, factors

    @staticmethod
    def _is_zero_number(node: Node) -> bool:
        return isinstance(node, Number) and node.value == 0

    def _factor_of(self, node: Node) -> tuple[Fraction, Factors]:
        if isinstance(node, Number):
            if node.value == 0:
                return Fraction(0), []
            return node.value, []
        if isinstance(node, Negate):
            coefficient, factors = self.product_of(node.operand)
            return -coefficient, factors
        if isinstance(node, BinaryOperation) and node.op == "^":
            base, exponent = node.left, node.right
            if isinstance(exponent, Number) and exponent.value.denominator == 1:
                # (c·Π bᵢ^eᵢ)^n = cⁿ · Π bᵢ^(n·eᵢ) for an integer n
                c, factors = self.product_of(base)
                scaled = exact_power(c, exponent.value) if c != 0 or exponent.value > 0 else None
                if scaled is not None:
                    return scaled, [(b, self.times(e, exponent.value)) for b, e in factors]
            return Fraction(1), [(base, exponent)]
        if isinstance(node, FunctionCall) and node.name == "sqrt":
            return Fraction(1), [(node.arguments[0], number(Fraction(1, 2)))]
        if isinstance(node, BinaryOperation) and node.op in "+-":
            content, reduced = self.content(node)
            return content, [(reduced, number(1))]
        return Fraction(1), [(node, number(1))]

    def content(self, node: Node) -> tuple[Fraction, Node]:
        """A sum as ``content · reduced``: ``2x + 4 → 2·(x + 2)``, ``-x - 1 → -1·(x + 1)``.

        Used for sums inside products, so that ``(2x + 2)/2`` cancels to ``x + 1``.
        """
        terms = self.terms_of(node)
        numerators = [abs(c.numerator) for c, _ in terms if c]
        if not numerators:
            return Fraction(1), node
        content = Fraction(math.gcd(*numerators), math.lcm(*(c.denominator for c, _ in terms if c)))
        if all(c < 0 for c, _ in terms if c):
            content = -content
        if content == 1:
            return Fraction(1), node
        return content, self.build_sum([(c / content, f) for c, f in terms])

    def negated(self, exponent: Node) -> Node:
        """``-exponent``, simplified."""
        if isinstance(exponent, Number):
            return number(-exponent.value)
        return self.simplify(Negate(exponent))

    def times(self, exponent: Node, factor: Fraction) -> Node:
        """``factor·exponent``, simplified."""
        if isinstance(exponent, Number):
            return number(exponent.value * factor)
        return self.simplify(BinaryOperation("*", number(factor), exponent))

    def merge_factors(self, coefficient: Fraction, factors: Factors) -> tuple[Fraction, Factors]:
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
                exponent = self.simplify(total)
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

    def text(self, node: Node) -> str:
        """``to_text(node)``, remembered."""
        known = self._texts.get(id(node))
        if known is not None and known[0] is node:
            return known[1]
        text = to_text(node)
        self._texts[id(node)] = (node, text)
        return text

    def rank(self, base: Node) -> tuple[int, str]:
        """Sort key of a factor: numbers, then variables, then functions, then brackets."""
        kind = 0 if isinstance(base, Number) else 1 if isinstance(base, Symbol) else 2
        if not isinstance(base, (Number, Symbol, FunctionCall)):
            kind = 3
        return kind, self.text(base)

    def build_product(self, coefficient: Fraction, factors: Factors) -> Node:
        """``coefficient · Π factors`` written with a numerator and a denominator."""
        if coefficient == 0 or not factors:
            return number(coefficient)
        ordered = sorted(factors, key=lambda pair: self.rank(pair[0]))
        top = [_factor_node(b, e) for b, e in ordered if not _is_denominator(e)]
        bottom = [_factor_node(b, self.negated(e)) for b, e in ordered if _is_denominator(e)]
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

    # -- sums -----------------------------------------------------------------------
    def terms_of(self, node: Node, sign: int = 1) -> list[tuple[Fraction, Factors]]:
        """``node`` as ``coefficient · monomial`` terms (``node`` already simplified)."""
        terms: list[tuple[Fraction, Factors]] = []
        stack: list[tuple[Node, int]] = [(node, sign)]
        while stack:
            item, item_sign = stack.pop()
            if isinstance(item, BinaryOperation) and item.op in "+-":
                stack.append((item.right, item_sign if item.op == "+" else -item_sign))
                stack.append((item.left, item_sign))
            elif isinstance(item, Negate):
                stack.append((item.operand, -item_sign))
            else:
                coefficient, factors = self.product_of(item)
                terms.append((item_sign * coefficient, factors))
        return terms

    def build_sum(self, terms: list[tuple[Fraction, Factors]]) -> Node:
        """Collect like terms and write the sum, in order of first appearance."""
        collected: dict[Node | None, list] = {}
        for coefficient, factors in terms:
            coefficient, factors = self.merge_factors(coefficient, factors)
            key = self.build_product(Fraction(1), factors) if factors else None
            if key in collected:
                collected[key][0] += coefficient
            else:
                collected[key] = [coefficient, factors]
        result: Node | None = None
        for coefficient, factors in collected.values():
            if coefficient == 0:
                continue
            term = self.build_product(abs(coefficient), factors)
            if result is None:
                result = term if coefficient > 0 else _negative(term)
            else:
                result = BinaryOperation("+" if coefficient > 0 else "-", result, term)
        return number(0) if result is None else result

    # -- expanding ------------------------------------------------------------------
    def expand(self, node: ExpressionLike) -> Node:
        """Multiply out products of sums (``(a + b)·c → a·c + b·c``) and collect terms.

        Used between repeated derivatives (Taylor polynomials), where collecting like terms
        keeps the expressions small. A product that would have more than
        ``MAX_EXPANDED_TERMS`` terms is left as it is.
        """
        return self.build_sum(self._expanded_terms(self.simplify(as_expression(node))))

    def _expanded_terms(self, node: Node) -> list[tuple[Fraction, Factors]]:
        result: list[tuple[Fraction, Factors]] = []
        for coefficient, factors in self.terms_of(node):
            product: list[tuple[Fraction, Factors]] = [(coefficient, [])]
            for base, exponent in factors:
                repeat = _small_power(exponent)
                if repeat and isinstance(base, BinaryOperation) and base.op in "+-":
                    inner = self._expanded_terms(base)
                    if len(product) * len(inner) ** repeat > MAX_EXPANDED_TERMS:
                        product = [(c, f + [(base, exponent)]) for c, f in product]
                        continue
                    for _ in range(repeat):
                        product = [(c1 * c2, f1 + f2) for c1, f1 in product for c2, f2 in inner]
                else:
                    product = [(c, f + [(base, exponent)]) for c, f in product]
            result.extend(product)
        return result

    # -- the walk -------------------------------------------------------------------
    def simplify(self, node: Node) -> Node:
        """The simplified tree (remembered, so a second call is free)."""
        known = self._done.get(id(node))
        if known is not None and known[0] is node:
            return known[1]
        result = self._simplify(node)
        self._done[id(node)] = (node, result)
        self._done[id(result)] = (result, result)
        return result

    def _simplify(self, node: Node) -> Node:
        if isinstance(node, (Number, Symbol)):
            return node
        if isinstance(node, FunctionCall):
            simplified = _simplify_function(node.name, self.simplify(node.arguments[0]))
            if isinstance(simplified, FunctionCall) and simplified.name == "sqrt":
                return self.build_sum(self.terms_of(simplified))
            return simplified
        if isinstance(node, Negate):
            return self.build_sum(self.terms_of(self.simplify(node.operand), -1))
        assert isinstance(node, BinaryOperation)
        if node.op in "+-*/":
            # a chain a ± b ± c (or a·b/c) is simplified link by link, without recursion
            links = _chain_links(node)
            rebuilt = self.simplify(links[0][1])
            for op, operand in links[1:]:
                rebuilt = BinaryOperation(op, rebuilt, self.simplify(operand))
            return self.build_sum(self.terms_of(rebuilt))
        left, right = self.simplify(node.left), self.simplify(node.right)
        if node.op == "^" and isinstance(right, Number) and right.value == 0:
            return number(1)
        if node.op == "/" and isinstance(right, Number) and right.value == 0:
            return BinaryOperation("/", left, right)  # left for evaluation to report
        return self.build_sum(self.terms_of(BinaryOperation(node.op, left, right)))


def _small_power(exponent: Node) -> int:
    """The exponent as a small positive integer (1 to 6), else 0."""
    if isinstance(exponent, Number) and exponent.value.denominator == 1:
        value = exponent.value.numerator
        return value if 1 <= value <= 6 else 0
    return 0


def _chain_links(node: BinaryOperation) -> list[tuple[str, Node]]:
    """``a + b - c`` as ``[("", a), ("+", b), ("-", c)]`` (one family of operators)."""
    family = "+-" if node.op in "+-" else "*/"
    links: list[tuple[str, Node]] = []
    item: Node = node
    while isinstance(item, BinaryOperation) and item.op in family:
        links.append((item.op, item.right))
        item = item.left
    links.append(("", item))
    links.reverse()
    return links


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


@bounded
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
    return Simplifier().simplify(as_expression(expr))


@bounded
def expand(expr: ExpressionLike) -> Node:
    """Multiply out products of sums (small integer powers too), then collect like terms.

    Raises
    ------
    ParseError
        For text that is not an expression.

    Examples
    --------
    >>> from mml.calculus.printing import to_text
    >>> to_text(expand("(x + 1)^2 - x*(x + 2)"))
    '1'
    >>> to_text(expand("(a + b)*(a - b)"))
    'a^2 - b^2'
    """
    return Simplifier().expand(expr)
