"""Densities of transformed random variables, on paper (book §6.7).

For ``Y = g(X)`` with ``g`` strictly monotone and differentiable, and the inverse
``x = g⁻¹(y)`` given as text:

- change of variables: ``f_Y(y) = f_X(g⁻¹(y)) · |d g⁻¹(y)/dy|``;
- distribution-function technique: ``F_Y(y) = P(g(X) ≤ y) = F_X(g⁻¹(y))`` when ``g`` is
  increasing (``1 − F_X(g⁻¹(y))`` when decreasing), then ``f_Y = dF_Y/dy``.

The inverse is the student's own step on paper (solving ``y = g(x)`` for ``x``); the
derivative, substitution and simplification are ours.

Examples
--------
>>> result = change_of_variables("exp(-x)", inverse="log(y)")
>>> result.text
'1/y^2'
"""

from __future__ import annotations

from dataclasses import dataclass

from mml.calculus.derivative import differentiate
from mml.calculus.expression import as_expression, substitute
from mml.calculus.printing import to_latex, to_text
from mml.calculus.simplify import simplify
from mml.errors import DomainError
from mml.parse.expressions import FunctionCall, Node
from mml.steps import Derivation, MathText, Step

__all__ = ["TransformedDensity", "change_of_variables", "distribution_function_technique"]


@dataclass(frozen=True)
class TransformedDensity:
    """A density (or distribution function) of ``Y`` as an expression in ``y``."""

    value: Node
    steps: Derivation

    @property
    def text(self) -> str:
        return to_text(self.value)

    def __str__(self) -> str:
        return self.steps.render("text")

    def _repr_markdown_(self) -> str:
        return self.steps.render("markdown")


def _math(node: Node, prefix: str = "", prefix_latex: str = "") -> MathText:
    return MathText(prefix + to_text(node), prefix_latex + to_latex(node))


def _check_inverse(transform: str | None, inverse: Node, x: str, y: str) -> None:
    """``g(g⁻¹(y)) = y`` at sample points of y > 0 (the usual support of a transformed variable)."""
    if transform is None:
        return
    from mml.calculus.evaluation import evaluate

    round_trip = substitute(as_expression(transform), {x: inverse})
    for t in (0.3, 0.7, 1.3, 2.1, 3.7):
        try:
            value = float(evaluate(round_trip, {y: t}))
        except (ArithmeticError, ValueError, DomainError):
            continue
        if abs(value - t) > 1e-9 * max(1.0, t):
            raise DomainError(f"g(g⁻¹(y)) is not y: {transform} and the given inverse do not match")


def change_of_variables(
    density: str, inverse: str, transform: str | None = None, x: str = "x", y: str = "y"
) -> TransformedDensity:
    """``f_Y(y) = f_X(g⁻¹(y)) · |d g⁻¹/dy|`` for a monotone transform ``Y = g(X)``.

    Parameters
    ----------
    density : str
        ``f_X`` as an expression in ``x``.
    inverse : str
        ``g⁻¹`` as an expression in ``y``.
    transform : str, optional
        ``g`` in ``x``; when given, ``g(g⁻¹(y)) = y`` is checked.
    x, y : str
        The variable names.

    Raises
    ------
    ParseError
        For text that is not an expression.
    DomainError
        If ``transform`` and ``inverse`` do not match.

    Examples
    --------
    >>> change_of_variables("1", inverse="sqrt(y)", transform="x^2").text
    '1/(2sqrt(y))'
    """
    f = as_expression(density)
    h = as_expression(inverse)
    _check_inverse(transform, h, x, y)
    derivation = Derivation(
        f"Change of variables: the density of Y = g(X) from f_X(x) = {to_text(f)}"
    )
    derivation.add(Step("inverse", _math(h, "x = g⁻¹(y) = ", "x = g^{-1}(y) = ")))
    slope = differentiate(h, y)
    derivation.extend(slope.steps)
    derivation.add(Step("jacobian", _math(slope.value, "d g⁻¹/dy = ", r"\frac{d g^{-1}}{dy} = ")))
    substituted = substitute(f, {x: h})
    derivation.add(Step("substitute", _math(substituted, "f_X(g⁻¹(y)) = ", "f_X(g^{-1}(y)) = ")))
    product = simplify(as_expression(f"({to_text(substituted)}) * abs({to_text(slope.value)})"))
    product = _drop_abs_if_positive(product, slope.value, y)
    product = _tidy(product)
    derivation.add(
        Step(
            "change_of_variables", _math(product, "f_Y(y) = f_X(g⁻¹(y))·|d g⁻¹/dy| = ", "f_Y(y) = ")
        )
    )
    derivation.result = _math(product, "f_Y(y) = ", "f_Y(y) = ")
    return TransformedDensity(product, derivation)


def _drop_abs_if_positive(expression: Node, slope: Node, y: str) -> Node:
    """Write |s| as s when s > 0 at a spread of test points (a monotone increasing inverse)."""
    from mml.calculus.evaluation import evaluate

    values = []
    for t in (0.1, 0.5, 1.0, 2.0, 5.0):
        try:
            values.append(float(evaluate(slope, {y: t})))
        except (ValueError, ZeroDivisionError, ArithmeticError, DomainError):
            continue
    if values and all(v > 0 for v in values):
        return simplify(_replace_abs(expression, 1))
    if values and all(v < 0 for v in values):
        return simplify(_replace_abs(expression, -1))
    return expression


def _replace_abs(node: Node, sign: int) -> Node:
    from dataclasses import replace

    from mml.parse.expressions import BinaryOperation, Negate

    if isinstance(node, FunctionCall) and node.name == "abs":
        inner = node.arguments[0]
        return inner if sign > 0 else Negate(inner)
    if isinstance(node, BinaryOperation):
        return replace(
            node, left=_replace_abs(node.left, sign), right=_replace_abs(node.right, sign)
        )
    if isinstance(node, Negate):
        return Negate(_replace_abs(node.operand, sign))
    if isinstance(node, FunctionCall):
        return FunctionCall(node.name, tuple(_replace_abs(a, sign) for a in node.arguments))
    return node


def distribution_function_technique(
    cdf: str, inverse: str, increasing: bool = True, x: str = "x", y: str = "y"
) -> TransformedDensity:
    """``F_Y(y) = F_X(g⁻¹(y))`` (increasing ``g``) or ``1 − F_X(g⁻¹(y))`` (decreasing), then the
    density ``f_Y = dF_Y/dy``. ``value`` is the density; the steps show both.

    Examples
    --------
    >>> distribution_function_technique("1 - exp(-x)", inverse="y^2").text
    '2y*exp(-y^2)'
    """
    F = as_expression(cdf)
    h = as_expression(inverse)
    derivation = Derivation(f"Distribution-function technique from F_X(x) = {to_text(F)}")
    inside = substitute(F, {x: h})
    F_Y = simplify(inside if increasing else as_expression(f"1 - ({to_text(inside)})"))
    word = "increasing" if increasing else "decreasing"
    derivation.add(
        Step(
            "distribution_function",
            _math(
                F_Y,
                f"g is {word}, so F_Y(y) = P(g(X) ≤ y) = {'F_X(g⁻¹(y))' if increasing else '1 − F_X(g⁻¹(y))'} = ",
                "F_Y(y) = ",
            ),
        )
    )
    density = differentiate(F_Y, y)
    derivation.extend(density.steps)
    value = _tidy(density.value)
    derivation.result = _math(value, "f_Y(y) = dF_Y/dy = ", "f_Y(y) = ")
    return TransformedDensity(value, derivation)


def _tidy(node: Node) -> Node:
    """Simplify the final result with SymPy (ARCHITECTURE: SymPy only tidies results here)."""
    from mml.calculus.sympy_bridge import simplify_with_sympy

    return simplify_with_sympy(node)
