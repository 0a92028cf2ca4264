"""Exact derivatives with every rule named: sum, product, quotient, chain, power, ...

The rules are ours, applied to the parser's tree; each application is a
:class:`~mml.steps.Step` of the :class:`~mml.steps.Derivation`, top-down as a student
writes them (MML book §5.1, Table 5.1 and the chain rule (5.32)). The result is tidied by
:func:`mml.calculus.simplify`; ``simplify="sympy"`` lets SymPy tidy the final result only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mml.calculus.expression import (
    ONE,
    ZERO,
    ExpressionLike,
    as_expression,
    bounded,
    call,
    check_variable,
    depends_on,
    divide,
    multiply,
    negate,
    number,
    power,
    subtract,
    variables_of,
)
from mml.calculus.formulas import (
    Notation,
    as_factor,
    bracketed,
    formula,
    formula_of,
    join,
    words,
)
from mml.calculus.printing import to_latex, to_text
from mml.calculus.rules import FUNCTION_RULES
from mml.calculus.simplify import Simplifier
from mml.errors import DomainError
from mml.parse import BinaryOperation, FunctionCall, Negate, Node, Symbol
from mml.steps import Derivation, MathText, Step
from mml.steps.mathtext import as_text

__all__ = ["differentiate", "Derivative", "MAX_PRODUCT_FACTORS"]

MAX_PRODUCT_FACTORS = 60


@dataclass(frozen=True)
class Derivative:
    """The derivative of an expression and the worked solution behind it.

    Attributes
    ----------
    expression : Node
        The function that was differentiated.
    variable : str
        The variable of differentiation.
    value : Node
        The derivative, simplified.
    steps : Derivation
        One step per rule application, top-down, then the simplification.
    """

    expression: Node
    variable: str
    value: Node
    steps: Derivation = field(compare=False, repr=False)

    @property
    def text(self) -> str:
        """The derivative as plain text (the parser reads it back)."""
        return to_text(self.value)

    @property
    def latex(self) -> str:
        """The derivative as LaTeX math."""
        return to_latex(self.value)

    def rules(self) -> list[str]:
        """The rule names used, in the order of the steps."""
        return [step.rule for step in self.steps]

    def __str__(self) -> str:
        return self.steps.render("text")

    def _repr_markdown_(self) -> str:
        return self.steps.render("markdown")


class _Differentiator:
    def __init__(
        self,
        variable: str,
        notation: Notation,
        derivation: Derivation | None,
        tidy: Simplifier | None = None,
    ) -> None:
        self.x = variable
        self.tidy = tidy or Simplifier()  # shared, so each level reuses the tidy levels below
        self.notation = notation
        self.u = Notation("u", False)
        self.derivation = derivation

    # -- recording ----------------------------------------------------------------
    def record(
        self, rule: str, description: MathText, node: Node, note: MathText | str = ""
    ) -> Step | None:
        if self.derivation is None:
            return None
        step = Step(rule, description, note=note, data={"expression": node, "variable": self.x})
        self.derivation.add(step)
        return step

    def finish(self, step: Step | None, node: Node, raw: Node) -> Node:
        result = self.tidy(raw)
        if step is not None:
            after = join(self.notation.d(node), " = ", formula_of(result))
            if after.text != as_text(step.description):
                step._after = after
            step.data["derivative"] = result
        return result

    def outer(self, rule: str, outer_u: Node, inner: Node, name: str) -> None:
        """The outer derivative, with u standing for the inner function."""
        u = Symbol("u")
        description = join(
            self.u.d(outer_u), " = ", formula_of(self.tidy(self.derivative_in_u(outer_u)))
        )
        note = join(
            words(f"outer {name}, with "), formula_of(Symbol("u")), " = ", formula_of(inner)
        )
        self.record(rule, description, outer_u, note)
        del u

    def derivative_in_u(self, outer_u: Node) -> Node:
        return _Differentiator("u", self.u, None, self.tidy).diff(outer_u)

    # -- rules --------------------------------------------------------------------
    def diff(self, node: Node) -> Node:
        d = self.notation.d
        if not depends_on(node, self.x):
            note = join(words("it does not depend on "), formula_of(Symbol(self.x)))
            step = self.record("constant", join(d(node), " = 0"), node, note)
            return self.finish(step, node, ZERO)
        if isinstance(node, Symbol):
            step = self.record("variable", join(d(node), " = 1"), node)
            return self.finish(step, node, ONE)
        if isinstance(node, Negate):
            return self.constant_multiple(node, number(-1), node.operand)
        if isinstance(node, FunctionCall):
            return self.function(node)
        assert isinstance(node, BinaryOperation)
        if node.op in "+-":
            return self.sum(node)
        if node.op == "*":
            return self.product(node)
        if node.op == "/":
            return self.quotient(node)
        return self.power(node)

    def constant_multiple(self, node: Node, c: Node, u: Node) -> Node:
        d = self.notation.d
        c = self.tidy(c)
        description = join(d(node), " = ", as_factor(c), "·", d(u))
        note = join(
            words("the factor "),
            formula_of(c),
            words(" does not depend on "),
            formula_of(Symbol(self.x)),
        )
        step = self.record("constant_multiple", description, node, note)
        return self.finish(step, node, multiply(c, self.diff(u)))

    def sum(self, node: BinaryOperation) -> Node:
        terms: list[tuple[str, Node]] = []
        stack: list[tuple[str, Node]] = [("+", node)]
        while stack:  # flatten a ± b ± c, keeping the order of the terms
            sign, item = stack.pop()
            if isinstance(item, BinaryOperation) and item.op in "+-":
                right_sign = sign if item.op == "+" else ("-" if sign == "+" else "+")
                stack.append((right_sign, item.right))
                stack.append((sign, item.left))
            else:
                terms.append((sign, item))
        rule = "sum" if all(sign == "+" for sign, _ in terms) else "difference"
        parts: list[MathText | str] = [self.notation.d(node), " = "]
        for k, (sign, term) in enumerate(terms):
            if k or sign == "-":
                parts.append(f" {sign} " if k else "-")
            parts.append(self.notation.d(term))
        step = self.record(rule, join(*parts), node, words("differentiate term by term"))
        total: Node | None = None
        for sign, term in terms:
            derivative = self.diff(term)
            if total is None:
                total = derivative if sign == "+" else negate(derivative)
            else:
                total = BinaryOperation(sign, total, derivative)
        assert total is not None
        return self.finish(step, node, total)

    def product(self, node: BinaryOperation) -> Node:
        factors: list[Node] = []
        stack: list[Node] = [node]
        while stack:
            item = stack.pop()
            if isinstance(item, BinaryOperation) and item.op == "*":
                stack.extend((item.right, item.left))
            else:
                factors.append(item)
        constants = [f for f in factors if not depends_on(f, self.x)]
        variables = [f for f in factors if depends_on(f, self.x)]
        if len(variables) > MAX_PRODUCT_FACTORS:
            raise DomainError(
                f"a product of {len(variables)} factors that depend on {self.x}: the product "
                f"rule would write {len(variables)} terms of {len(variables)} factors; at most "
                f"{MAX_PRODUCT_FACTORS} factors are differentiated (write repeated factors as a power)"
            )
        if constants:
            return self.constant_multiple(node, _product(constants), _product(variables))
        d = self.notation.d
        parts: list[MathText | str] = [d(node), " = "]
        for k in range(len(variables)):
            if k:
                parts.append(" + ")
            for j, factor in enumerate(variables):
                if j:
                    parts.append("·")
                parts.append(d(factor) if j == k else as_factor(factor))
        note = formula("(uv)' = u'v + uv'")
        step = self.record("product", join(*parts), node, note)
        derivatives = [self.diff(f) for f in variables]
        total: Node | None = None
        for k in range(len(variables)):
            term = _product([derivatives[j] if j == k else f for j, f in enumerate(variables)])
            total = term if total is None else BinaryOperation("+", total, term)
        assert total is not None
        return self.finish(step, node, total)

    def quotient(self, node: BinaryOperation) -> Node:
        u, v = node.left, node.right
        if not depends_on(v, self.x):
            return self.constant_multiple(node, divide(ONE, v), u)
        d = self.notation.d
        description = join(
            d(node), " = (", d(u), "·", as_factor(v), " − ", as_factor(u), "·", d(v), ") / ",
            bracketed(formula_of(v)), "^2",
        )  # fmt: skip
        note = formula("(u/v)' = (u'v − uv')/v²", r"(u/v)' = (u'v - uv')/v^2")
        step = self.record("quotient", description, node, note)
        du, dv = self.diff(u), self.diff(v)
        raw = divide(subtract(multiply(du, v), multiply(u, dv)), power(v, 2))
        return self.finish(step, node, raw)

    def power(self, node: BinaryOperation) -> Node:
        base, exponent = node.left, node.right
        d = self.notation.d
        if not depends_on(exponent, self.x):
            outer = multiply(exponent, power(base, self.tidy(subtract(exponent, ONE))))
            if isinstance(base, Symbol):
                note = formula("d/dx xⁿ = n·xⁿ⁻¹", r"\frac{d}{dx} x^n = n x^{n-1}")
                step = self.record(
                    "power", join(d(node), " = ", formula_of(self.tidy(outer))), node, note
                )
                return self.finish(step, node, outer)
            self.outer("power", power(Symbol("u"), exponent), base, "power")
            return self.chain(node, base, outer)
        if not depends_on(base, self.x):
            outer = multiply(node, call("log", base))
            if isinstance(exponent, Symbol):
                note = formula("d/dx aˣ = aˣ·log(a)", r"\frac{d}{dx} a^x = a^x \log a")
                step = self.record(
                    "exponential", join(d(node), " = ", formula_of(self.tidy(outer))), node, note
                )
                return self.finish(step, node, outer)
            self.outer("exponential", power(base, Symbol("u")), exponent, "exponential")
            return self.chain(node, exponent, outer)
        description = join(
            d(node), " = ", formula_of(node), "·(", d(exponent), "·log", bracketed(formula_of(base)), " + ",
            as_factor(exponent), "·", d(base), " / ", as_factor(base), ")",
        )  # fmt: skip
        note = words("write u^v = exp(v·log(u)), then use the chain and product rules")
        step = self.record("general_power", description, node, note)
        du, dv = self.diff(base), self.diff(exponent)
        inner = BinaryOperation(
            "+", multiply(dv, call("log", base)), divide(multiply(exponent, du), base)
        )
        return self.finish(step, node, multiply(node, inner))

    def function(self, node: FunctionCall) -> Node:
        if node.name not in FUNCTION_RULES:
            raise DomainError(f"no derivative rule for the function {node.name!r}")
        rule, outer_of, outer_text = FUNCTION_RULES[node.name]
        u = node.arguments[0]
        outer = outer_of(u)
        if isinstance(u, Symbol):
            d = self.notation.d
            note = formula(f"d/du {node.name}(u) = {outer_text}")
            step = self.record(rule, join(d(node), " = ", formula_of(self.tidy(outer))), node, note)
            return self.finish(step, node, outer)
        self.outer(rule, FunctionCall(node.name, (Symbol("u"),)), u, f"function {node.name}")
        return self.chain(node, u, outer)

    def chain(self, node: Node, inner: Node, outer: Node) -> Node:
        d = self.notation.d
        description = join(d(node), " = ", as_factor(self.tidy(outer)), "·", d(inner))
        note = words("outer derivative times inner derivative")
        step = self.record("chain", description, node, note)
        return self.finish(step, node, multiply(outer, self.diff(inner)))


def _product(factors: list[Node]) -> Node:
    result = factors[0]
    for factor in factors[1:]:
        result = multiply(result, factor)
    return result


@bounded
def differentiate(
    expr: ExpressionLike, wrt: str = "x", simplify: bool | str = True, steps: bool = True
) -> Derivative:
    """The derivative of ``expr`` with respect to ``wrt``, each rule a named step.

    Other variables are held constant, so this is also the partial derivative
    ``∂f/∂wrt`` (MML book §5.1–5.2). Rules (``Step.rule``): constant, variable,
    constant_multiple, sum, difference, product, quotient, power, exponential
    (``aᵘ``), general_power (``uᵛ``), chain, and one per function family: exp, log, trig,
    sqrt, hyperbolic, inverse_trig, abs, sigmoid, relu, step_function.

    Parameters
    ----------
    expr : str or Node
        The function, e.g. ``"x^2 * sin(x)"``.
    wrt : str
        The variable; it need not occur in ``expr`` (then the derivative is 0).
    simplify : bool or "sympy"
        Tidy the result with our simplifier (True), leave it raw (False), or also let
        SymPy simplify the final result (``"sympy"``; the steps stay ours).
    steps : bool
        Record the steps (set False for speed when only the value is needed).

    Returns
    -------
    Derivative
        ``.value`` (a tree), ``.text``, ``.latex`` and ``.steps``.

    Raises
    ------
    ParseError
        For text that is not an expression (with a caret).
    DomainError
        If ``wrt`` is not a variable name (a function name, ``pi``, ``e``, ``x+y``).

    Examples
    --------
    >>> d = differentiate("x^2 * sin(x)", "x")
    >>> d.text
    '2x*sin(x) + x^2*cos(x)'
    >>> d.rules()
    ['product', 'power', 'trig', 'simplify']
    >>> differentiate("exp(x^2)").text
    '2x*exp(x^2)'
    """
    variable = check_variable(wrt, "variable of differentiation")
    node = as_expression(expr)
    partial = len(variables_of(node)) > 1
    notation = Notation(variable, partial)
    title = join(
        words("Differentiate "),
        formula_of(node),
        words(" with respect to "),
        formula_of(Symbol(variable)),
    )
    derivation = Derivation(title) if steps else None
    differentiator = _Differentiator(variable, notation, derivation)
    try:
        raw = differentiator.diff(node)
        value = differentiator.tidy(raw) if simplify else raw
    except RecursionError:
        raise DomainError(
            "the expression is nested too deeply to differentiate here; split it into parts"
        ) from None
    if simplify == "sympy":
        from mml.calculus.sympy_bridge import simplify_with_sympy

        value = simplify_with_sympy(value)
    if derivation is None:
        derivation = Derivation(title)
    derivation.add(
        Step(
            "simplify",
            join(
                words("tidy the result: " if simplify else "the result, not simplified: "),
                notation.d(node),
                " = ",
                formula_of(value),
            ),
            data={"expression": node, "derivative": value, "variable": variable, "by": simplify},
        )
    )
    derivation.result = join(notation.d(node), " = ", formula_of(value))
    return Derivative(node, variable, value, derivation)
