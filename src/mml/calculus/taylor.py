"""Taylor polynomials in one or several variables, and linearisation (MML book §5.8).

``T_k(x) = Σ_{|α| ≤ k} ∂^α f(x₀) / α! · (x − x₀)^α``: in one variable
``Σ f⁽ʲ⁾(x₀)/j! (x − x₀)ʲ``. The derivatives are ours (:func:`differentiate`); the
coefficients stay exact where they are rational (``e`` stays ``exp(1)``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import product as cartesian
from typing import Any

from mml.calculus.derivative import differentiate
from mml.calculus.evaluation import evaluate
from mml.calculus.expression import (
    ExpressionLike,
    as_expression,
    bounded,
    check_variables,
    number,
    substitute,
    tree_size,
    variables_of,
)
from mml.calculus.printing import to_latex, to_text
from mml.calculus.simplify import Simplifier, simplify
from mml.calculus.table import Table
from mml.errors import DomainError
from mml.parse import BinaryOperation, Negate, Node, Number, Symbol
from mml.steps import Derivation, MathText, Step

__all__ = ["taylor_polynomial", "linearise", "TaylorPolynomial", "MAX_ORDER", "MAX_DERIVATIVE_SIZE"]

MAX_ORDER = 12
MAX_DERIVATIVE_SIZE = 5_000


@dataclass(frozen=True)
class TaylorPolynomial:
    """A Taylor polynomial with its coefficients and worked solution.

    Attributes
    ----------
    value : Node
        The polynomial ``T_k``.
    expression : Node
        The function ``f``.
    variables : tuple of str
    point : tuple of Node
        The expansion point ``x₀`` (exact numbers, or constants such as ``pi``).
    order : int
    coefficients : dict
        Multi-index ``α`` (a tuple of ints, one per variable) → ``∂^α f(x₀)/α!``.
    steps : Derivation
    """

    value: Node
    expression: Node
    variables: tuple[str, ...]
    point: tuple[Node, ...]
    order: int
    coefficients: dict[tuple[int, ...], Node] = field(compare=False)
    steps: Derivation = field(compare=False, repr=False)

    @property
    def text(self) -> str:
        """The polynomial as plain text."""
        return to_text(self.value)

    @property
    def latex(self) -> str:
        """The polynomial as LaTeX."""
        return to_latex(self.value)

    def __call__(self, *values: Any, **named: Any) -> Any:
        """``T_k`` at a point, exactly when the point and coefficients are rational."""
        point = dict(zip(self.variables, values)) | named
        return evaluate(self.value, point)

    def error(self, point: Mapping[str, Any] | Sequence[Any] | Any) -> float:
        """``|f(p) − T_k(p)|`` at a point near ``x₀``."""
        if not isinstance(point, Mapping):
            point = dict(zip(self.variables, point if isinstance(point, Sequence) else [point]))
        return abs(float(evaluate(self.expression, point)) - float(evaluate(self.value, point)))

    def __str__(self) -> str:
        return self.steps.render("text")

    def _repr_markdown_(self) -> str:
        return self.steps.render("markdown")


def _point(x0: Any, names: tuple[str, ...]) -> tuple[Node, ...]:
    if isinstance(x0, Mapping):
        missing = [name for name in names if name not in x0]
        if missing:
            raise DomainError(f"the expansion point gives no value for {', '.join(missing)}")
        values = [x0[name] for name in names]
    elif isinstance(x0, (list, tuple)):
        values = list(x0)
    else:
        values = [x0]
    if len(values) != len(names):
        raise DomainError(
            f"the expansion point has {len(values)} coordinates; the variables "
            f"{', '.join(names)} need {len(names)}"
        )
    nodes = []
    for value in values:
        node = value if isinstance(value, Node) else None
        if node is None:
            node = as_expression(value) if isinstance(value, str) else number(value)
        if variables_of(node):
            raise DomainError(f"the expansion point {to_text(node)} must be a constant")
        nodes.append(simplify(node))
    return tuple(nodes)


def _shift(name: str, at: Node) -> Node:
    """``x − x₀`` (just ``x`` when ``x₀ = 0``)."""
    if isinstance(at, Number) and at.value == 0:
        return Symbol(name)
    return simplify(BinaryOperation("-", Symbol(name), at))


def _multi_indices(n: int, order: int) -> list[tuple[int, ...]]:
    found = [a for a in cartesian(range(order + 1), repeat=n) if sum(a) <= order]
    return sorted(found, key=lambda a: (sum(a), tuple(-k for k in a)))


def _derivative_name(alpha: tuple[int, ...], names: tuple[str, ...]) -> MathText:
    total = sum(alpha)
    if total == 0:
        return MathText("f", "f")
    if len(names) == 1:
        return MathText(f"f^({total})", f"f^{{({total})}}")
    parts = [(name, k) for name, k in zip(names, alpha) if k]
    text = "".join(f"∂{name}" + (f"^{k}" if k > 1 else "") for name, k in parts)
    latex = " ".join(rf"\partial {name}" + (f"^{{{k}}}" if k > 1 else "") for name, k in parts)
    power = "" if total == 1 else str(total)
    return MathText(
        f"∂{power}f/{text}",
        rf"\frac{{\partial^{{{total}}} f}}{{{latex}}}"
        if total > 1
        else rf"\frac{{\partial f}}{{{latex}}}",
    )


def _coefficient_cell(value: Node, factorial: int, coefficient: Node) -> MathText:
    if factorial == 1:
        return MathText(to_text(coefficient), to_latex(coefficient))
    return MathText(
        f"{to_text(value)}/{factorial} = {to_text(coefficient)}",
        rf"\frac{{{to_latex(value)}}}{{{factorial}}} = {to_latex(coefficient)}",
    )


@bounded
def taylor_polynomial(
    expr: ExpressionLike,
    x0: Any = 0,
    order: int = 2,
    variables: Sequence[str] | str | None = None,
) -> TaylorPolynomial:
    """The Taylor polynomial of order ``order`` of ``f`` at ``x0`` (§5.8).

    ``T_k(x) = Σ_{|α| ≤ k} ∂^α f(x₀)/α! · (x − x₀)^α`` with ``α! = α₁!⋯αₙ!``.

    Parameters
    ----------
    expr : str or Node
    x0 : number, str, sequence or mapping
        The expansion point: a number for one variable, else one value per variable.
    order : int
        ``k``, between 0 and ``MAX_ORDER``.
    variables : sequence of str or "x, y", optional
        Default: the variables of ``expr`` in order of first appearance.

    Returns
    -------
    TaylorPolynomial

    Raises
    ------
    DomainError
        For a bad order or point, or a function undefined at ``x0`` (e.g. ``log`` at 0).

    Examples
    --------
    >>> taylor_polynomial("exp(x)", 0, 3).text
    '1 + x + x^2/2 + x^3/6'
    >>> taylor_polynomial("x*exp(y)", {"x": 1, "y": 0}, 2).text
    '1 + (x - 1) + y + y*(x - 1) + y^2/2'
    """
    node = as_expression(expr)
    if isinstance(order, bool) or not isinstance(order, int) or not 0 <= order <= MAX_ORDER:
        raise DomainError(f"order must be an integer from 0 to {MAX_ORDER}, got {order!r}")
    names = check_variables(variables) if variables is not None else variables_of(node)
    if not names:
        names = ("x",)
    at = _point(x0, names)
    point_text = ", ".join(f"{n} = {to_text(a)}" for n, a in zip(names, at))
    derivation = Derivation(
        MathText(
            f"Taylor polynomial of order {order} of f = {to_text(node)} at {point_text}",
            rf"\text{{Taylor polynomial of order {order} of }} f = {to_latex(node)}"
            rf"\text{{ at }} {', '.join(f'{to_latex(Symbol(n))} = {to_latex(a)}' for n, a in zip(names, at))}",
        )
    )
    tidy = Simplifier()
    derivatives: dict[tuple[int, ...], Node] = {(0,) * len(names): node}
    coefficients: dict[tuple[int, ...], Node] = {}
    rows = []
    terms: list[Node] = []
    substitution = dict(zip(names, at))
    for alpha in _multi_indices(len(names), order):
        if alpha not in derivatives:
            # ∂^α f = ∂/∂x_i of ∂^(α - e_i) f, for the first i with α_i > 0
            i = next(k for k, a in enumerate(alpha) if a)
            previous = alpha[:i] + (alpha[i] - 1,) + alpha[i + 1 :]
            # multiply out and collect, so that repeated derivatives stay small
            derivatives[alpha] = tidy.expand(
                differentiate(derivatives[previous], names[i], steps=False).value
            )
            size = tree_size(derivatives[alpha])
            if size > MAX_DERIVATIVE_SIZE:
                raise DomainError(
                    f"the derivative of order {sum(alpha)} of f already has {size} terms and "
                    f"operations (more than {MAX_DERIVATIVE_SIZE}); ask for a lower order"
                )
        value = simplify(substitute(derivatives[alpha], substitution))
        try:
            evaluate(value, {})
        except DomainError as error:
            raise DomainError(
                f"f is not differentiable {sum(alpha)} times at {point_text}: {error}"
            ) from None
        factorial = math.prod(math.factorial(k) for k in alpha)
        coefficient = simplify(BinaryOperation("/", value, number(factorial)))
        coefficients[alpha] = coefficient
        term: Node = coefficient
        for name, a0, k in zip(names, at, alpha):
            if k:
                term = BinaryOperation("*", term, BinaryOperation("^", _shift(name, a0), number(k)))
        terms.append(simplify(term))
        label = _derivative_name(alpha, names)
        rows.append(
            (
                str(sum(alpha)) if len(names) == 1 else str(alpha),
                MathText(
                    f"{label.text} = {to_text(derivatives[alpha])}",
                    f"{label.latex} = {to_latex(derivatives[alpha])}",
                ),
                MathText(to_text(value), to_latex(value)),
                _coefficient_cell(value, factorial, coefficient),
            )
        )
    index = MathText("k", "k") if len(names) == 1 else MathText("α", r"\alpha")
    at_point = MathText("at x₀", r"\text{at } x_0")
    table = Table.build((index, "derivative", at_point, "coefficient"), rows)
    derivation.add(
        Step(
            "derivatives",
            MathText(
                "differentiate, evaluate at x₀, divide by k!"
                if len(names) == 1
                else "each partial derivative ∂^α f, at x₀, divided by α! = α₁!·…·αₙ!",
                r"\text{derivatives at } x_0 \text{, divided by } "
                + ("k!" if len(names) == 1 else r"\alpha!"),
            ),
            after=table,
            data={"coefficients": coefficients},
        )
    )
    # Keep the terms apart (no collecting), so the powers of (x − x₀) stay visible.
    nonzero = [term for term in terms if not (isinstance(term, Number) and term.value == 0)]
    polynomial = nonzero[0] if nonzero else number(0)
    for term in nonzero[1:]:
        if isinstance(term, Negate):
            polynomial = BinaryOperation("-", polynomial, term.operand)
        else:
            polynomial = BinaryOperation("+", polynomial, term)
    derivation.add(
        Step(
            "taylor_polynomial",
            MathText(
                f"T_{order} = sum of coefficient·(x − x₀)^k = {to_text(polynomial)}",
                rf"T_{{{order}}} = {to_latex(polynomial)}",
            ),
            data={"polynomial": polynomial},
        )
    )
    derivation.result = MathText(
        f"T_{order} = {to_text(polynomial)}", rf"T_{{{order}}} = {to_latex(polynomial)}"
    )
    return TaylorPolynomial(polynomial, node, names, at, order, coefficients, derivation)


def linearise(
    expr: ExpressionLike, x0: Any, variables: Sequence[str] | str | None = None
) -> TaylorPolynomial:
    """The linearisation ``f(x₀) + ∇f(x₀)(x − x₀)``: the Taylor polynomial of order 1 (§5.8).

    Examples
    --------
    >>> L = linearise("sqrt(x)", 4)
    >>> L.text
    '2 + (x - 4)/4'
    >>> L("41/10")
    Fraction(81, 40)
    """
    taylor = taylor_polynomial(expr, x0, 1, variables)
    derivation = taylor.steps
    derivation.title = MathText(
        "Linearisation: "
        + _plain(derivation.title).replace("Taylor polynomial of order 1 of ", ""),
        r"\text{Linearisation of } " + to_latex(taylor.expression),
    )
    gradient_row = [
        taylor.coefficients[tuple(int(i == j) for i in range(len(taylor.variables)))]
        for j in range(len(taylor.variables))
    ]
    derivation.steps.insert(
        1,
        Step(
            "linearisation",
            MathText(
                f"f(x) ≈ f(x₀) + ∇f(x₀)(x − x₀) with ∇f(x₀) = [{', '.join(to_text(g) for g in gradient_row)}] (1×{len(gradient_row)})",
                r"f(\mathbf{x}) \approx f(\mathbf{x}_0) + \nabla f(\mathbf{x}_0)(\mathbf{x} - \mathbf{x}_0)",
            ),
            data={"gradient": tuple(gradient_row)},
        ),
    )
    return taylor


def _plain(item: Any) -> str:
    return item.text if isinstance(item, MathText) else str(item)
