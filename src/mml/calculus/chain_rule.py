"""The multivariate chain rule as a product of Jacobians (MML book §5.2.2, §5.3).

For ``f(x)`` with ``x = x(t)``: ``df/dt = ∂f/∂x · ∂x/∂t``, an (m×n)(n×k) = m×k product.
Both Jacobians are ours (:func:`jacobian`), and the product is written entry by entry
with ``x`` replaced by ``x(t)``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from mml.calculus.expression import (
    ExpressionLike,
    as_expression,
    bounded,
    check_variable,
    check_variables,
    substitute,
    variables_of,
)
from mml.calculus.expression_matrix import ExpressionMatrix
from mml.calculus.gradients import DerivativeMatrix, jacobian, parse_functions
from mml.calculus.printing import to_latex, to_text
from mml.calculus.simplify import Simplifier
from mml.errors import DomainError, ParseError
from mml.parse import BinaryOperation, Node, Symbol, parse_equations
from mml.steps import Derivation, MathText, Step

__all__ = ["chain_rule", "parse_substitution"]


def parse_substitution(inner: str | Mapping[str, ExpressionLike]) -> dict[str, Node]:
    """``"x1 = sin(t), x2 = cos(t)"`` (or a mapping) as ``{"x1": sin(t), "x2": cos(t)}``.

    Raises
    ------
    ParseError
        For text that is not ``name = expression`` pairs (with a caret).

    >>> {k: to_text(v) for k, v in parse_substitution("x1 = sin(t); x2 = cos(t)").items()}
    {'x1': 'sin(t)', 'x2': 'cos(t)'}
    """
    if isinstance(inner, Mapping):
        return {check_variable(name): as_expression(value) for name, value in inner.items()}
    if not isinstance(inner, str):
        raise ParseError(f"expected 'x1 = ..., x2 = ...' or a mapping, got {type(inner).__name__}")
    found: dict[str, Node] = {}
    for equation in parse_equations(inner):
        if not isinstance(equation.lhs, Symbol):
            raise ParseError("expected 'name = expression' pairs", inner, equation.start)
        found[check_variable(equation.lhs.name)] = as_expression(equation.rhs)
    return found


@bounded
def chain_rule(
    outer: str | Sequence[ExpressionLike],
    inner: str | Mapping[str, ExpressionLike],
    variables: Sequence[str] | str | None = None,
) -> DerivativeMatrix:
    """``d f(x(t)) / dt = ∂f/∂x · ∂x/∂t`` as a product of Jacobians (§5.2.2).

    Parameters
    ----------
    outer : str or list
        ``f`` as a function of the intermediate variables, e.g. ``"x1^2 + 2x2"`` (several
        components separated by ``,``).
    inner : str or mapping
        The intermediate variables as functions of the final ones:
        ``"x1 = sin(t), x2 = cos(t)"``.
    variables : sequence of str or "s, t", optional
        The final variables (default: in order of appearance in ``inner``).

    Returns
    -------
    DerivativeMatrix
        The m×k derivative, its steps, and ``kind == "chain_rule"``.

    Raises
    ------
    ParseError, DomainError
        For bad text, or a final variable that is also an intermediate one.

    Examples
    --------
    >>> d = chain_rule("x1^2 + 2x2", "x1 = sin(t), x2 = cos(t)")
    >>> d.shape, d.value.text_rows()
    ((1, 1), [['2cos(t)*sin(t) - 2sin(t)']])
    """
    functions = parse_functions(outer)
    substitution = parse_substitution(inner)
    middle = tuple(substitution)
    if variables is None:
        found: dict[str, None] = {}
        for node in substitution.values():
            for name in variables_of(node):
                found.setdefault(name)
        final = tuple(found)
        if not final:
            raise DomainError("the inner functions have no variables; name them with variables=")
    else:
        final = check_variables(variables)
    clash = set(final) & set(middle)
    if clash:
        raise DomainError(f"{', '.join(sorted(clash))} cannot be both intermediate and final")
    outer_jacobian = jacobian(list(functions), middle)
    inner_jacobian = jacobian(list(substitution.values()), final)
    m, n, k = len(functions), len(middle), len(final)
    tidy = Simplifier()
    rows = []
    for i in range(m):
        row = []
        for j in range(k):
            total: Node | None = None
            for l in range(n):
                term = BinaryOperation(
                    "*",
                    substitute(outer_jacobian.value[i, l], substitution),
                    inner_jacobian.value[l, j],
                )
                total = term if total is None else BinaryOperation("+", total, term)
            assert total is not None
            row.append(tidy(total))
        rows.append(tuple(row))
    value = ExpressionMatrix(tuple(rows))
    composed = tuple(tidy(substitute(f, substitution)) for f in functions)
    derivation = _steps(functions, substitution, final, outer_jacobian, inner_jacobian, value)
    return DerivativeMatrix(value, composed, final, "chain_rule", derivation)


def _steps(
    functions: tuple[Node, ...],
    substitution: dict[str, Node],
    final: tuple[str, ...],
    outer_jacobian: DerivativeMatrix,
    inner_jacobian: DerivativeMatrix,
    value: ExpressionMatrix,
) -> Derivation:
    m, n, k = len(functions), len(substitution), len(final)
    x, t = ", ".join(substitution), ", ".join(final)
    inner_text = ", ".join(f"{name} = {to_text(node)}" for name, node in substitution.items())
    derivation = Derivation(
        MathText(
            f"Chain rule for f = {', '.join(to_text(f) for f in functions)} with {inner_text}",
            r"\text{Chain rule for } f = "
            + ", ".join(to_latex(f) for f in functions)
            + r"\text{ with } "
            + ", ".join(f"{to_latex(Symbol(a))} = {to_latex(b)}" for a, b in substitution.items()),
        )
    )
    derivation.add(
        Step(
            "outer_jacobian",
            MathText(
                f"∂f/∂({x}) has shape {m}×{n}",
                rf"\frac{{\partial f}}{{\partial x}} \in \mathbb{{R}}^{{{m} \times {n}}}",
            ),
            after=outer_jacobian.value,
            data={"shape": (m, n), "jacobian": outer_jacobian},
        )
    )
    derivation.add(
        Step(
            "inner_jacobian",
            MathText(
                f"∂({x})/∂({t}) has shape {n}×{k}",
                rf"\frac{{\partial x}}{{\partial t}} \in \mathbb{{R}}^{{{n} \times {k}}}",
            ),
            after=inner_jacobian.value,
            data={"shape": (n, k), "jacobian": inner_jacobian},
        )
    )
    derivation.add(
        Step(
            "chain",
            MathText(
                f"df/d({t}) = ∂f/∂({x}) · ∂({x})/∂({t}): ({m}×{n})({n}×{k}) = {m}×{k}, with {x} written in {t}",
                rf"\frac{{df}}{{dt}} = \frac{{\partial f}}{{\partial x}} \frac{{\partial x}}{{\partial t}} \in \mathbb{{R}}^{{{m} \times {k}}}",
            ),
            after=value,
            data={"shape": (m, k)},
        )
    )
    derivation.result = value
    return derivation
