"""A small table of formulas for derivations: forward/backward passes, Taylor coefficients.

It renders as aligned plain-text columns and as a LaTeX ``array``, so a
:class:`~mml.steps.Step` can carry it as its ``after`` state.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mml.steps import MathText
from mml.steps.mathtext import escape_latex

__all__ = ["Table"]

Cell = MathText | str


def _text(cell: Cell) -> str:
    return cell.text if isinstance(cell, MathText) else str(cell)


def _latex(cell: Cell) -> str:
    return cell.latex if isinstance(cell, MathText) else r"\text{" + escape_latex(str(cell)) + "}"


@dataclass(frozen=True)
class Table:
    """Rows of cells under a header; a cell is plain text or a :class:`MathText`.

    Examples
    --------
    >>> t = Table(("k", "coefficient"), (("0", "1"), ("1", "1/2")))
    >>> print(t)
    k | coefficient
    --+------------
    0 | 1
    1 | 1/2
    """

    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]

    @classmethod
    def build(cls, header: Sequence[Cell], rows: Sequence[Sequence[Cell]]) -> Table:
        """A table from any sequences of cells."""
        return cls(tuple(header), tuple(tuple(row) for row in rows))

    def column(self, j: int) -> list[Cell]:
        """The cells of column ``j``."""
        return [row[j] for row in self.rows]

    def __mml_text__(self) -> str:
        cells = [[_text(c) for c in self.header]] + [[_text(c) for c in r] for r in self.rows]
        widths = [max(len(row[j]) for row in cells) for j in range(len(self.header))]

        def line(row: list[str]) -> str:
            return " | ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip()

        rule = "-+-".join("-" * w for w in widths)
        return "\n".join([line(cells[0]), rule] + [line(row) for row in cells[1:]])

    def __mml_latex__(self) -> str:
        spec = "|".join("l" for _ in self.header)
        head = " & ".join(_latex(c) for c in self.header)
        body = r" \\ ".join(" & ".join(_latex(c) for c in row) for row in self.rows)
        return rf"\begin{{array}}{{{spec}}} {head} \\ \hline {body} \end{{array}}"

    def __str__(self) -> str:
        return self.__mml_text__()
