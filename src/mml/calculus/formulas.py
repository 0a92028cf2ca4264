"""Small builders for formulas that read well as text and as LaTeX (for the steps).

A formula is a :class:`~mml.steps.MathText`; these helpers write ``d/dx[u]``, bracket a
factor when it needs it, and join pieces, so the steps of the calculus read the same in a
terminal and in a LaTeX document.
"""

from __future__ import annotations

from mml.calculus.printing import to_latex, to_text
from mml.parse import BinaryOperation, Negate, Node, Number, Symbol
from mml.steps import MathText
from mml.steps.mathtext import escape_latex

__all__ = ["Notation", "formula_of", "words", "join", "bracketed", "as_factor", "formula"]


class Notation:
    """``d/dx[u]`` or ``∂/∂x[u]`` in text and LaTeX."""

    def __init__(self, variable: str, partial: bool) -> None:
        self.variable = variable
        x_latex = to_latex(Symbol(variable))
        if partial:
            self.text_op = f"∂/∂{variable}"
            self.latex_op = rf"\frac{{\partial}}{{\partial {x_latex}}}"
        else:
            self.text_op = f"d/d{variable}"
            self.latex_op = rf"\frac{{d}}{{d{x_latex}}}"

    def d(self, node: Node) -> MathText:
        """``d/dx[node]`` (or ``∂/∂x[node]``)."""
        return MathText(
            f"{self.text_op}[{to_text(node)}]", rf"{self.latex_op}\left[{to_latex(node)}\right]"
        )


def formula_of(node: Node) -> MathText:
    """An expression as a formula (text and LaTeX).

    >>> from mml.calculus.expression import as_expression
    >>> formula_of(as_expression("x^2")).latex
    'x^{2}'
    """
    return MathText(to_text(node), to_latex(node))


def words(text: str) -> MathText:
    """Words inside a formula: plain in text, ``\\text{...}`` in LaTeX.

    >>> words("at x").latex
    '\\\\text{at x}'
    """
    return MathText(text, r"\text{" + escape_latex(text) + "}")


def join(*parts: MathText | str) -> MathText:
    """Concatenate formulas; a plain string is a math symbol (``" = "``, ``"·"``).

    >>> join(formula("a"), "·", formula("b")).latex
    'a \\\\cdot b'
    """
    text, latex = [], []
    for part in parts:
        if isinstance(part, MathText):
            text.append(part.text)
            latex.append(part.latex)
        else:
            text.append(part)
            latex.append(part.replace("·", r" \cdot ").replace("−", "-"))
    return MathText("".join(text), "".join(latex))


def bracketed(item: MathText) -> MathText:
    """``(item)`` in both spellings.

    >>> bracketed(formula("x + 1")).text
    '(x + 1)'
    """
    return MathText(f"({item.text})", rf"\left({item.latex}\right)")


def as_factor(node: Node) -> MathText:
    """``node`` as a factor of a product: bracketed if it is a sum, a quotient or has a sign.

    >>> from mml.calculus.expression import as_expression
    >>> as_factor(as_expression("x + 1")).text, as_factor(as_expression("x")).text
    ('(x + 1)', 'x')
    """
    bracket = isinstance(node, Negate) or (isinstance(node, BinaryOperation) and node.op in "+-/")
    bracket = bracket or (
        isinstance(node, Number) and (node.value < 0 or node.value.denominator > 1)
    )
    return bracketed(formula_of(node)) if bracket else formula_of(node)


def formula(text: str, latex: str | None = None) -> MathText:
    """A formula given in both spellings (the same when ``latex`` is None).

    >>> formula("x²", "x^2").latex
    'x^2'
    """
    return MathText(text, text if latex is None else latex)
