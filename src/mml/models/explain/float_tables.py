"""Floats as a worked solution shows them: four significant digits, in aligned tables.

The exact parts of an explanation are Fractions; where the mathematics is irrational
(a Gaussian density, a normalised eigenvector) the numbers are floats, shown rounded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mml.steps.mathtext import matrix_latex, matrix_text_lines

__all__ = ["FloatMatrix", "float_text", "float_vector_text"]


def float_text(value: float, digits: int = 4) -> str:
    """A float with ``digits`` significant digits, ``0`` for exact zero.

    >>> float_text(2 / 3), float_text(-1e-7), float_text(0.0)
    ('0.6667', '-1e-07', '0')
    """
    value = float(value)
    if value == 0:
        return "0"
    return f"{value:.{digits}g}"


def float_vector_text(values: Sequence[float], digits: int = 4) -> str:
    """``(0.7071, -0.7071)``

    >>> float_vector_text([0.5, 1 / 3])
    '(0.5, 0.3333)'
    """
    return "(" + ", ".join(float_text(v, digits) for v in values) + ")"


class _Cell:
    """One rounded float that renders as itself in text and LaTeX."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __mml_text__(self) -> str:
        return self.text

    def __mml_latex__(self) -> str:
        return self.text


@dataclass(frozen=True)
class FloatMatrix:
    """A matrix of floats for display in a derivation (rows of rounded numbers).

    >>> print(FloatMatrix([[1.0, 2 / 3], [0.25, -1.5]]).__mml_text__())
    [    1  0.6667 ]
    [ 0.25    -1.5 ]
    """

    values: Any
    digits: int = 4

    @property
    def shape(self) -> tuple[int, int]:
        rows = [list(r) for r in self.values]
        return (len(rows), len(rows[0]) if rows else 0)

    def tolist(self) -> list[list[Any]]:
        return [[_Cell(float_text(v, self.digits)) for v in row] for row in self.values]

    def __mml_text__(self) -> str:
        return "\n".join(matrix_text_lines(self.tolist()))

    def __mml_latex__(self) -> str:
        return matrix_latex(self.tolist())
