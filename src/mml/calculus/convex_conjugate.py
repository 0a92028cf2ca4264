"""Legendre–Fenchel conjugates on paper (book §7.3.3).

``f*(y) = sup_x (x·y − f(x))``. For a differentiable convex ``f`` the supremum is where
``y = f'(x)``: with ``x* = (f')⁻¹(y)``, ``f*(y) = y·x* − f(x*)``. The inverse of ``f'`` comes
from a small table of the book's standard functions, or from the caller.

Examples
--------
>>> convex_conjugate("x^2/2").text
'y^2/2'
>>> convex_conjugate("exp(x)").text
'y*(log(y) - 1)'
"""

from __future__ import annotations

from dataclasses import dataclass

from mml.calculus.derivative import differentiate
from mml.calculus.evaluation import equivalent
from mml.calculus.expression import as_expression, substitute
from mml.calculus.printing import to_latex, to_text
from mml.errors import DomainError
from mml.parse.expressions import Node
from mml.steps import Derivation, MathText, Step

__all__ = ["ConvexConjugate", "convex_conjugate", "STANDARD_INVERSES"]

# f → (x = (f')⁻¹(y), where the formula holds)
STANDARD_INVERSES = {
    "x^2/2": ("y", "all y"),
    "x^2": ("y/2", "all y"),
    "exp(x)": ("log(y)", "y > 0 (f*(0) = 0, f*(y) = ∞ for y < 0)"),
    "-log(x)": ("-1/y", "y < 0 (f*(y) = ∞ for y ≥ 0)"),
    "x*log(x)": ("exp(y - 1)", "all y"),
    "x^4/4": ("y^(1/3)", "all y (real cube root)"),
}


@dataclass(frozen=True)
class ConvexConjugate:
    """``f*(y)`` as an expression in ``y`` (None for the indicator case), with the steps."""

    value: Node | None
    domain: str
    steps: Derivation

    @property
    def text(self) -> str:
        return to_text(self.value) if self.value is not None else self.domain

    def __str__(self) -> str:
        return self.steps.render("text")


def _math(node: Node, prefix: str, prefix_latex: str) -> MathText:
    return MathText(prefix + to_text(node), prefix_latex + to_latex(node))


def convex_conjugate(f: str, derivative_inverse: str | None = None) -> ConvexConjugate:
    """The convex conjugate ``f*(y) = sup_x (xy − f(x))`` of a function of ``x``.

    Parameters
    ----------
    f : str
        A convex function of ``x``; ``abs(x)`` is handled as the book's non-smooth example.
    derivative_inverse : str, optional
        ``x = (f')⁻¹(y)`` as an expression in ``y``; needed unless ``f`` is one of
        ``STANDARD_INVERSES``. It is checked: ``f'((f')⁻¹(y)) = y``.

    Raises
    ------
    DomainError
        When no inverse is known for ``f'``, or the given one is wrong.
    """
    expression = as_expression(f)
    derivation = Derivation(f"Convex conjugate of f(x) = {to_text(expression)}")
    derivation.add(
        Step(
            "definition",
            MathText("f*(y) = sup_x (x·y − f(x))", r"f^*(y) = \sup_x \left(xy - f(x)\right)"),
        )
    )
    if equivalent(expression, as_expression("abs(x)"), variables=("x",)):
        derivation.add(
            Step(
                "nonsmooth",
                "x·y − |x| is bounded above exactly when |y| ≤ 1 (then the sup is 0 at x = 0); "
                "for |y| > 1 it grows without bound.",
            )
        )
        domain = "f*(y) = 0 for |y| ≤ 1, +∞ otherwise (the indicator of [−1, 1])"
        derivation.result = domain
        return ConvexConjugate(None, domain, derivation)
    slope = differentiate(expression, "x")
    derivation.add(
        Step(
            "stationarity",
            _math(
                slope.value, "set the derivative of x·y − f(x) to 0: y = f'(x) = ", "y = f'(x) = "
            ),
        )
    )
    domain = "all y"
    if derivative_inverse is None:
        match = next(
            (
                key
                for key in STANDARD_INVERSES
                if equivalent(expression, as_expression(key), variables=("x",))
            ),
            None,
        )
        if match is None:
            raise DomainError(
                f"give derivative_inverse: no standard inverse of f'(x) = {to_text(slope.value)} is known "
                f"(the table has {', '.join(STANDARD_INVERSES)})"
            )
        derivative_inverse, domain = STANDARD_INVERSES[match]
    x_star = as_expression(derivative_inverse)
    if not equivalent(substitute(slope.value, {"x": x_star}), as_expression("y"), variables=("y",)):
        raise DomainError(f"f'({derivative_inverse}) is not y: that is not the inverse of f'")
    derivation.add(Step("solve", _math(x_star, "solve for x: x* = (f')⁻¹(y) = ", "x^* = ")))
    value = as_expression(
        f"y*({to_text(x_star)}) - ({to_text(substitute(expression, {'x': x_star}))})"
    )
    from mml.calculus.sympy_bridge import simplify_with_sympy

    value = simplify_with_sympy(value)
    derivation.add(Step("substitute", _math(value, "f*(y) = y·x* − f(x*) = ", "f^*(y) = ")))
    derivation.result = _math(value, "f*(y) = ", "f^*(y) = ") + f" ({domain})"
    return ConvexConjugate(value, domain, derivation)
