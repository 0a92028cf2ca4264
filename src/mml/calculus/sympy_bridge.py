"""Our expression trees to SymPy and back, for simplifying a *final result* only.

The parsing and the rules are ours; SymPy never sees user text. It is imported inside
the functions, so ``import mml`` stays fast.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from mml.calculus.expression import number
from mml.errors import DomainError
from mml.parse import BinaryOperation, FunctionCall, Negate, Node, Number, Symbol

__all__ = ["to_sympy", "from_sympy", "simplify_with_sympy"]


def _functions() -> dict[str, Any]:
    import sympy

    return {
        "sin": sympy.sin, "cos": sympy.cos, "tan": sympy.tan, "exp": sympy.exp,
        "log": sympy.log, "ln": sympy.log, "sqrt": sympy.sqrt, "sinh": sympy.sinh,
        "cosh": sympy.cosh, "tanh": sympy.tanh, "arcsin": sympy.asin, "arccos": sympy.acos,
        "arctan": sympy.atan, "abs": sympy.Abs, "sign": sympy.sign,
        "heaviside": lambda t: sympy.Heaviside(t, sympy.Rational(1, 2)),
        "relu": lambda t: sympy.Max(0, t),
        "sigmoid": lambda t: 1 / (1 + sympy.exp(-t)),
    }  # fmt: skip


def to_sympy(node: Node) -> Any:
    """A SymPy expression with the same value (variables become real SymPy symbols).

    >>> from mml.calculus import as_expression
    >>> to_sympy(as_expression("x^2/2"))
    x**2/2
    """
    import sympy

    functions = _functions()

    def visit(item: Node) -> Any:
        if isinstance(item, Number):
            return sympy.Rational(item.value.numerator, item.value.denominator)
        if isinstance(item, Symbol):
            if item.name == "pi":
                return sympy.pi
            if item.name == "e":
                return sympy.E
            return sympy.Symbol(item.name, real=True)
        if isinstance(item, Negate):
            return -visit(item.operand)
        if isinstance(item, FunctionCall):
            return functions[item.name](visit(item.arguments[0]))
        assert isinstance(item, BinaryOperation)
        left, right = visit(item.left), visit(item.right)
        if item.op == "+":
            return left + right
        if item.op == "-":
            return left - right
        if item.op == "*":
            return left * right
        if item.op == "/":
            return left / right
        return left**right

    return visit(node)


def from_sympy(expr: Any) -> Node:
    """Our tree for a SymPy expression built from the functions we know.

    Raises
    ------
    DomainError
        For a SymPy object with no counterpart (an unevaluated ``Derivative``, ``zoo``, ...).

    >>> import sympy
    >>> print(from_sympy(sympy.sin(sympy.Symbol("x")) ** 2))
    (sin(x) ^ 2)
    """
    import sympy

    names = {
        sympy.sin: "sin", sympy.cos: "cos", sympy.tan: "tan", sympy.exp: "exp",
        sympy.log: "log", sympy.sinh: "sinh", sympy.cosh: "cosh", sympy.tanh: "tanh",
        sympy.asin: "arcsin", sympy.acos: "arccos", sympy.atan: "arctan", sympy.Abs: "abs",
        sympy.sign: "sign", sympy.Heaviside: "heaviside",
    }  # fmt: skip

    def visit(item: Any) -> Node:
        if item.is_Rational:
            return number(Fraction(int(item.p), int(item.q)))
        if item is sympy.pi:
            return Symbol("pi")
        if item is sympy.E:
            return Symbol("e")
        if item.is_Symbol:
            return Symbol(item.name)
        if item.is_Add:
            terms = [visit(a) for a in item.as_ordered_terms()]
            result = terms[0]
            for term in terms[1:]:
                result = BinaryOperation("+", result, term)
            return result
        if item.is_Mul:
            factors = [visit(a) for a in item.as_ordered_factors()]
            result = factors[0]
            for factor in factors[1:]:
                result = BinaryOperation("*", result, factor)
            return result
        if item.is_Pow:
            base, exponent = item.as_base_exp()
            if exponent == sympy.Rational(1, 2):
                return FunctionCall("sqrt", (visit(base),))
            return BinaryOperation("^", visit(base), visit(exponent))
        if isinstance(item, sympy.Max) and len(item.args) == 2 and 0 in item.args:
            other = item.args[0] if item.args[1] == 0 else item.args[1]
            return FunctionCall("relu", (visit(other),))
        if item.func in names and len(item.args) >= 1:
            return FunctionCall(names[item.func], (visit(item.args[0]),))
        raise DomainError(f"cannot bring the SymPy expression {item} back into mml")

    return visit(expr)


def simplify_with_sympy(node: Node) -> Node:
    """``sympy.simplify`` of a final result, then our own tidying of the tree.

    >>> from mml.calculus import as_expression, to_text
    >>> to_text(simplify_with_sympy(as_expression("sin(x)^2 + cos(x)^2")))
    '1'
    """
    try:
        import sympy
    except ImportError:  # pragma: no cover - sympy is in the test extras
        raise DomainError(
            "simplify='sympy' needs SymPy (pip install sympy); our own simplifier needs nothing"
        ) from None

    from mml.calculus.simplify import simplify

    return simplify(from_sympy(sympy.simplify(to_sympy(node))))
