"""Matrix computations written down with the shape of every intermediate (MML book §5.4–5.5).

:class:`ShapeWork` records ``name = formula`` with its shape and exact value as one step of
a :class:`~mml.steps.Derivation`; the gradient identities of
:mod:`mml.calculus.matrix_gradients` are worked through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from mml.errors import ShapeError
from mml.exact import Matrix, as_vector
from mml.steps import Derivation, MathText, Step
from mml.steps.mathtext import escape_latex

__all__ = ["GradientIdentity", "ShapeWork", "column", "scalar", "check_shapes"]


@dataclass(frozen=True)
class GradientIdentity:
    """An identity of §5.5: the function, the variable, the gradient and its shape."""

    name: str
    function: MathText
    wrt: str
    gradient: MathText
    shape: str
    operands: tuple[str, ...]


def column(value: Any, name: str) -> Matrix:
    """A vector as an n×1 column matrix.

    >>> column("1 2", "x").shape
    (2, 1)
    """
    return Matrix([[entry] for entry in as_vector(value, name)])


def _shape_text(shape: tuple[int, int]) -> MathText:
    return MathText(f"{shape[0]}×{shape[1]}", rf"{shape[0]} \times {shape[1]}")


class ShapeWork:
    """Records ``name = formula`` with its shape and value, one step each."""

    def __init__(self, identity: GradientIdentity) -> None:
        self.identity = identity
        self.shapes: dict[str, tuple[int, int]] = {}
        self.derivation = Derivation(
            MathText(
                f"Gradient of {identity.function.text} with respect to {identity.wrt}",
                rf"\text{{Gradient of }} {identity.function.latex} \text{{ with respect to }} {identity.wrt}",
            )
        )

    def given(self, name: str, value: Matrix, latex: str | None = None) -> Matrix:
        """Record an operand with its shape."""
        return self.step("operand", name, MathText(name, latex or name), value, "given")

    def step(
        self, rule: str, name: str, formula: MathText, value: Matrix, note: str = ""
    ) -> Matrix:
        """Record ``name = formula`` with its shape and value as one step."""
        shape = value.shape
        self.shapes[name] = shape
        size = _shape_text(shape)
        description = MathText(
            f"{name} = {formula.text}   ({size.text})"
            if formula.text != name
            else f"{name}   ({size.text})",
            (rf"{formula.latex} \in \mathbb{{R}}^{{{size.latex}}}"),
        )
        self.derivation.add(
            Step(
                rule,
                description,
                after=value,
                note=_note(note) if note else "",
                data={"name": name, "shape": shape, "value": value},
            )
        )
        return value


_NOTE_LATEX = {
    "ᵀ": r"\ensuremath{^\top}",
    "⁻": r"\ensuremath{^{-}}",
    "¹": r"\ensuremath{^{1}}",
    "Σ": r"\ensuremath{\Sigma}",
}


def _note(note: str) -> MathText:
    """A note in words, with the superscripts spelled for LaTeX."""
    latex = escape_latex(note)
    for symbol, command in _NOTE_LATEX.items():
        latex = latex.replace(symbol, command)
    return MathText(note, r"\text{" + latex + "}")


def scalar(value: Matrix) -> Fraction:
    """The entry of a 1×1 matrix.

    >>> scalar(Matrix([[3]]))
    Fraction(3, 1)
    """
    return value[0, 0]


def check_shapes(condition: bool, message: str) -> None:
    """Raise ShapeError(message) unless the shapes fit.

    >>> check_shapes(True, "never shown")
    """
    if not condition:
        raise ShapeError(message)
