"""Partial derivatives, gradients, Jacobians and Hessians, with the shapes stated.

Book layout (MML book §5.2–5.3, §5.7): the gradient of ``f: ℝⁿ → ℝ`` is the *row* vector
``∇f = [∂f/∂x₁ ⋯ ∂f/∂xₙ]`` of shape 1×n, and the Jacobian of ``f: ℝⁿ → ℝᵐ`` is the m×n
matrix whose row i is the gradient of ``fᵢ``. The Hessian of a scalar ``f`` is n×n with
entries ``∂²f/∂xᵢ∂xⱼ``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from mml.calculus.derivative import Derivative, differentiate
from mml.calculus.expression import (
    ExpressionLike,
    as_expression,
    bounded,
    check_variables,
    parse_point,
    variables_of,
)
from mml.calculus.expression_matrix import ExpressionMatrix
from mml.calculus.printing import to_latex, to_text
from mml.errors import DomainError, ParseError
from mml.parse import Node, Parser
from mml.steps import Derivation, MathText, Step, text_value

__all__ = [
    "partial",
    "gradient",
    "jacobian",
    "hessian",
    "parse_functions",
    "DerivativeMatrix",
]


def parse_functions(functions: str | ExpressionLike | Iterable[ExpressionLike]) -> tuple[Node, ...]:
    """The components of a vector function: text ``"x^2*y, sin(x) + y"`` or a list.

    Components are separated by ``,`` or ``;`` (commas inside a call belong to the call).

    Raises
    ------
    ParseError
        With the position in the whole text and a caret.

    >>> [to_text(f) for f in parse_functions("x^2*y, sin(x) + y")]
    ['x^2*y', 'sin(x) + y']
    """
    if isinstance(functions, str):
        parser = Parser(functions)
        parser.skip_separators()
        nodes = [parser.expression()]
        while parser.at(",", ";") or parser.current.kind == "newline":
            parser.skip_separators()
            if parser.current.kind != "end":
                nodes.append(parser.expression())
        parser.finish()
        return tuple(as_expression(node) for node in nodes)
    if isinstance(functions, (Node, int)):
        return (as_expression(functions),)
    nodes = tuple(as_expression(f) for f in functions)
    if not nodes:
        raise ParseError("expected at least one function")
    return nodes


def _variables(nodes: Sequence[Node], variables: Any) -> tuple[str, ...]:
    if variables is None:
        found: dict[str, None] = {}
        for node in nodes:
            for name in variables_of(node):
                found.setdefault(name)
        if not found:
            raise DomainError("the function has no variables; name them with variables=")
        return tuple(found)
    return check_variables(variables)


def _m(node: Node) -> MathText:
    return MathText(to_text(node), to_latex(node))


def _shape_text(m: int, n: int) -> MathText:
    return MathText(f"{m}×{n}", rf"{m} \times {n}")


@dataclass(frozen=True)
class DerivativeMatrix:
    """A gradient (1×n), Jacobian (m×n) or Hessian (n×n) with its worked solution.

    Attributes
    ----------
    value : ExpressionMatrix
        The entries as expressions; ``value.at(point)`` evaluates them.
    functions : tuple of Node
        The component functions (one for a gradient or Hessian).
    variables : tuple of str
        The variables, in the order of the columns.
    kind : str
        ``"gradient"``, ``"jacobian"`` or ``"hessian"``.
    steps : Derivation
    """

    value: ExpressionMatrix
    functions: tuple[Node, ...]
    variables: tuple[str, ...]
    kind: str
    steps: Derivation = field(compare=False, repr=False)

    @property
    def shape(self) -> tuple[int, int]:
        """``(1, n)`` for a gradient, ``(m, n)`` for a Jacobian, ``(n, n)`` for a Hessian."""
        return self.value.shape

    def at(self, point: Mapping[str, Any] | Sequence[Any], exact: bool | None = None) -> Any:
        """Evaluate at a point (a mapping, or values in the order of ``variables``)."""
        if not isinstance(point, Mapping):
            point = dict(zip(self.variables, point))
        return self.value.at(point, exact)

    def __str__(self) -> str:
        return self.steps.render("text")

    def _repr_markdown_(self) -> str:
        return self.steps.render("markdown")


def _evaluate_at(
    derivation: Derivation, value: ExpressionMatrix, names: tuple[str, ...], at: Any
) -> None:
    """Add the step that evaluates the matrix at a point; the values become the result."""
    if at is None:
        return
    point = parse_point(at)
    missing = [name for name in names if name not in point]
    if missing:
        raise DomainError(f"the point gives no value for {', '.join(missing)}")
    numbers = value.at(point)
    where = ", ".join(f"{name} = {text_value(point[name])}" for name in point)
    derivation.add(
        Step(
            "evaluate",
            MathText(f"at {where}", r"\text{at } " + where),
            after=numbers,
            data={"point": point, "value": numbers},
        )
    )
    derivation.result = numbers


def partial(expr: ExpressionLike, wrt: str, steps: bool = True) -> Derivative:
    """The partial derivative ``∂f/∂wrt``, the other variables held constant (§5.2).

    >>> partial("x^2*y + y^3", "y").text
    'x^2 + 3y^2'
    """
    return differentiate(expr, wrt, steps=steps)


def _component_label(count: int):
    """``∂fᵢ/∂x`` (or ``∂f/∂x`` for one function), in text and LaTeX."""

    def label(i: int, name: str) -> MathText:
        f, latex_f = ("f", "f") if count == 1 else (f"f{i + 1}", f"f_{{{i + 1}}}")
        x = to_latex(as_expression(name))
        return MathText(f"∂{f}/∂{name}", rf"\frac{{\partial {latex_f}}}{{\partial {x}}}")

    return label


def _rows(
    nodes: Sequence[Node], names: tuple[str, ...], derivation: Derivation, label: Any
) -> tuple[tuple[Node, ...], ...]:
    rows = []
    for i, node in enumerate(nodes):
        row = []
        for name in names:
            d = differentiate(node, name)
            row.append(d.value)
            rules = [r for r in d.rules() if r != "simplify"]
            lhs = label(i, name)
            derivation.add(
                Step(
                    "partial_derivative",
                    MathText(f"{lhs.text} = {d.text}", f"{lhs.latex} = {d.latex}"),
                    note=MathText(
                        f"rules: {', '.join(rules)}; the other variables held constant",
                        r"\text{rules: " + ", ".join(rules).replace("_", r"\_") + "}",
                    ),
                    data={"function": node, "variable": name, "derivative": d},
                )
            )
        rows.append(tuple(row))
    return tuple(rows)


@bounded
def gradient(
    expr: ExpressionLike,
    variables: Sequence[str] | str | None = None,
    at: Mapping[str, Any] | str | None = None,
) -> DerivativeMatrix:
    """The gradient of a scalar function as a 1×n row vector (book layout, §5.2).

    ``∇f = df/dx = [∂f/∂x₁  ⋯  ∂f/∂xₙ] ∈ ℝ^{1×n}``.

    Parameters
    ----------
    expr : str or Node
    variables : sequence of str or "x, y", optional
        The order of the columns; default: order of first appearance in ``expr``.
        Names in ``expr`` that are not listed are constants (parameters).
    at : mapping or "x = 1, y = 2", optional
        Also evaluate the gradient at this point (exactly where possible), as a last step.

    Raises
    ------
    ParseError, DomainError

    Examples
    --------
    >>> g = gradient("x^2*y + sin(y)", "x, y")
    >>> g.shape
    (1, 2)
    >>> g.value.text_rows()
    [['2x*y', 'x^2 + cos(y)']]
    >>> g.at({"x": 1, "y": 0}).tolist()
    [[Fraction(0, 1), Fraction(2, 1)]]
    """
    node = as_expression(expr)
    names = _variables([node], variables)
    n = len(names)
    derivation = Derivation(
        MathText(f"Gradient of f = {to_text(node)}", f"\\text{{Gradient of }} f = {to_latex(node)}")
    )
    rows = _rows([node], names, derivation, _component_label(1))
    value = ExpressionMatrix(rows)
    shape = _shape_text(1, n)
    derivation.add(
        Step(
            "gradient",
            MathText(
                f"collect the partial derivatives in a row: ∇f = df/d({', '.join(names)}) has shape {shape.text}",
                rf"\nabla f = \frac{{df}}{{d\mathbf{{x}}}} \in \mathbb{{R}}^{{{shape.latex}}}",
            ),
            after=value,
            note=f"f maps ℝ^{n} to ℝ: 1 output (row), {n} inputs (columns)",
            data={"shape": (1, n)},
        )
    )
    derivation.result = value
    _evaluate_at(derivation, value, names, at)
    return DerivativeMatrix(value, (node,), names, "gradient", derivation)


@bounded
def jacobian(
    functions: str | Iterable[ExpressionLike],
    variables: Sequence[str] | str | None = None,
    at: Mapping[str, Any] | str | None = None,
) -> DerivativeMatrix:
    """The Jacobian of a vector function ``f: ℝⁿ → ℝᵐ``, an m×n matrix (§5.3).

    ``J[i, j] = ∂fᵢ/∂xⱼ``: row i is the gradient of ``fᵢ``, column j belongs to ``xⱼ``.

    Parameters
    ----------
    functions : str or list
        ``"x^2*y, sin(x) + y"`` (components separated by ``,`` or ``;``) or a list.
    variables : sequence of str or "x, y", optional
    at : mapping or "x = 1, y = 2", optional
        Also evaluate the Jacobian at this point, as a last step.

    Raises
    ------
    ParseError, DomainError

    Examples
    --------
    >>> J = jacobian("x^2*y, sin(x) + y", "x, y")
    >>> J.shape
    (2, 2)
    >>> J.value.text_rows()
    [['2x*y', 'x^2'], ['cos(x)', '1']]
    """
    nodes = parse_functions(functions)
    names = _variables(nodes, variables)
    m, n = len(nodes), len(names)
    listed = ", ".join(to_text(f) for f in nodes)
    derivation = Derivation(
        MathText(
            f"Jacobian of f = ({listed})",
            r"\text{Jacobian of } f = \left(" + ", ".join(to_latex(f) for f in nodes) + r"\right)",
        )
    )
    rows = _rows(nodes, names, derivation, _component_label(m))
    value = ExpressionMatrix(rows)
    shape = _shape_text(m, n)
    derivation.add(
        Step(
            "jacobian",
            MathText(
                f"stack the gradients of f1..f{m} as rows: J = df/dx has shape {shape.text}",
                rf"J = \frac{{d\mathbf{{f}}}}{{d\mathbf{{x}}}} \in \mathbb{{R}}^{{{shape.latex}}}",
            ),
            after=value,
            note=f"f maps ℝ^{n} to ℝ^{m}: {m} outputs (rows), {n} inputs (columns)",
            data={"shape": (m, n)},
        )
    )
    derivation.result = value
    _evaluate_at(derivation, value, names, at)
    return DerivativeMatrix(value, nodes, names, "jacobian", derivation)


@bounded
def hessian(expr: ExpressionLike, variables: Sequence[str] | str | None = None) -> DerivativeMatrix:
    """The Hessian ``H[i, j] = ∂²f/∂xᵢ∂xⱼ`` of a scalar function, n×n (§5.7).

    The Jacobian of the gradient; symmetric when the second partials are continuous.

    >>> hessian("x^3 + x*y^2", "x, y").value.text_rows()
    [['6x', '2y'], ['2y', '2x']]
    """
    node = as_expression(expr)
    names = _variables([node], variables)
    n = len(names)
    first = gradient(node, names)
    derivation = Derivation(
        MathText(f"Hessian of f = {to_text(node)}", f"\\text{{Hessian of }} f = {to_latex(node)}")
    )
    derivation.extend(first.steps)

    def second(i: int, name: str) -> MathText:
        xi, xj = to_latex(as_expression(names[i])), to_latex(as_expression(name))
        return MathText(
            f"∂²f/∂{name}∂{names[i]}", rf"\frac{{\partial^2 f}}{{\partial {xj} \partial {xi}}}"
        )

    rows = _rows(list(first.value.rows[0]), names, derivation, second)
    value = ExpressionMatrix(rows)
    symmetric = all(to_text(rows[i][j]) == to_text(rows[j][i]) for i in range(n) for j in range(i))
    shape = _shape_text(n, n)
    derivation.add(
        Step(
            "hessian",
            MathText(
                f"differentiate each entry of the gradient again: H has shape {shape.text}",
                rf"H = \frac{{\partial^2 f}}{{\partial \mathbf{{x}}^2}} \in \mathbb{{R}}^{{{shape.latex}}}",
            ),
            after=value,
            note="mixed partials agree: H is symmetric" if symmetric else "",
            data={"shape": (n, n), "symmetric": symmetric},
        )
    )
    derivation.result = value
    return DerivativeMatrix(value, (node,), names, "hessian", derivation)
