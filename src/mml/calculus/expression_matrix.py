"""A matrix (or row vector) whose entries are expressions: gradients, Jacobians, Hessians.

It prints as a matrix of formulas in text and LaTeX, states its shape, and evaluates
at a point to exact fractions (:class:`mml.exact.Matrix`) or to a NumPy float array.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mml.calculus.evaluation import evaluate
from mml.calculus.printing import to_latex, to_text
from mml.parse import Node
from mml.steps import MathText
from mml.steps.mathtext import matrix_latex, matrix_text_lines

__all__ = ["ExpressionMatrix"]


@dataclass(frozen=True)
class ExpressionMatrix:
    """An m×n matrix of expression trees.

    Examples
    --------
    >>> from mml.calculus import as_expression
    >>> J = ExpressionMatrix(((as_expression("2x"), as_expression("1")),))
    >>> J.shape
    (1, 2)
    >>> J.at({"x": 3}).tolist()
    [[Fraction(6, 1), Fraction(1, 1)]]
    """

    rows: tuple[tuple[Node, ...], ...]

    @property
    def shape(self) -> tuple[int, int]:
        """``(m, n)``."""
        return (len(self.rows), len(self.rows[0]) if self.rows else 0)

    def __getitem__(self, index: tuple[int, int]) -> Node:
        i, j = index
        return self.rows[i][j]

    def tolist(self) -> list[list[Node]]:
        """The entries as nested lists."""
        return [list(row) for row in self.rows]

    def text_rows(self) -> list[list[str]]:
        """The entries as plain text."""
        return [[to_text(entry) for entry in row] for row in self.rows]

    def at(self, point: Mapping[str, Any], exact: bool | None = None) -> Any:
        """The matrix at a point.

        With rational values (and ``exact`` not False) the entries are evaluated exactly and
        a :class:`mml.exact.Matrix` is returned when all are rational; otherwise (or with
        ``exact=False``) a NumPy float array of shape ``self.shape``.

        Raises
        ------
        DomainError
            If an entry is undefined at the point, or irrational with ``exact=True``.
        """
        import numpy as np

        from mml.exact import Matrix

        if exact is not False:
            values = [
                [evaluate(entry, point, exact=bool(exact)) for entry in row] for row in self.rows
            ]
            if all(not isinstance(v, float) for row in values for v in row):
                return Matrix(values)
        floats = [
            [float(evaluate(entry, point, exact=False)) for entry in row] for row in self.rows
        ]
        return np.array(floats, dtype=float).reshape(self.shape)

    def __mml_text__(self) -> str:
        return "\n".join(matrix_text_lines(self.text_rows()))

    def __mml_latex__(self) -> str:
        return matrix_latex([[MathText(to_text(e), to_latex(e)) for e in row] for row in self.rows])

    def __str__(self) -> str:
        return self.__mml_text__()
