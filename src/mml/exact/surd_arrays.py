"""Vectors and matrices of exact surds: a normalised vector ``(1/√14)·(1, 2, 3)`` and the
matrices ``Q``, ``L``, ``U``, ``V`` of Gram–Schmidt, Cholesky and the SVD by hand.

Examples
--------
>>> q = SurdVector(1 / sqrt(2), (1, 1))
>>> print(q, q.dot(q))
(1/√2)·(1, 1) 1
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from fractions import Fraction
from typing import Any

from mml.errors import ShapeError
from mml.exact.matrix import Matrix, as_fraction
from mml.exact.surd import Surd, as_surd, sqrt  # noqa: F401 - sqrt for the doctests
from mml.steps.mathtext import fraction_latex, fraction_text, matrix_latex, matrix_text_lines

__all__ = ["SurdVector", "SurdMatrix"]


class SurdVector:
    """A rational vector times one surd, ``scale·(d₁, …, dₙ)``: how a unit vector is written.

    Parameters
    ----------
    scale : Surd or rational
    direction : sequence of rationals

    Examples
    --------
    >>> u = SurdVector(1 / sqrt(14), (1, 2, 3))
    >>> print(u)
    (1/√14)·(1, 2, 3)
    >>> u.dot(u)
    Surd(1, 1)
    >>> print(u.entries[1])
    √14/7
    """

    __slots__ = ("scale", "direction")

    def __init__(self, scale: Any, direction: Iterable[Any]) -> None:
        self.scale = as_surd(scale)
        self.direction = tuple(as_fraction(d, "direction entry") for d in direction)

    @property
    def entries(self) -> tuple[Surd, ...]:
        """The entries as surds."""
        return tuple(self.scale * d for d in self.direction)

    def __len__(self) -> int:
        return len(self.direction)

    def __iter__(self) -> Iterator[Surd]:
        return iter(self.entries)

    def __getitem__(self, i: int) -> Surd:
        return self.scale * self.direction[i]

    def dot(self, other: SurdVector | Sequence[Any]) -> Surd:
        """The dot product, exactly."""
        if not isinstance(other, SurdVector):
            other = SurdVector(1, other)
        if len(other) != len(self):
            raise ShapeError(f"vectors of lengths {len(self)} and {len(other)}")
        total = sum((a * b for a, b in zip(self.direction, other.direction)), Fraction(0))
        return self.scale * other.scale * total

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SurdVector):
            return self.entries == other.entries
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.entries)

    def _scale_text(self) -> tuple[str, str]:
        if self.scale == 1:
            return "", ""
        inverse = self.scale.inverse() if len(self.scale.terms) == 1 else None
        if inverse is not None and inverse.terms and inverse.terms[0][1].denominator == 1:
            return f"(1/{inverse})", rf"\frac{{1}}{{{inverse.__mml_latex__()}}}"
        return f"({self.scale})", self.scale.__mml_latex__()

    def __mml_text__(self) -> str:
        scale, _ = self._scale_text()
        body = "(" + ", ".join(fraction_text(d) for d in self.direction) + ")"
        return f"{scale}·{body}" if scale else body

    def __mml_latex__(self) -> str:
        _, scale = self._scale_text()
        body = (
            r"\begin{pmatrix} "
            + r" \\ ".join(fraction_latex(d) for d in self.direction)
            + r" \end{pmatrix}"
        )
        return f"{scale} {body}" if scale else body

    def __str__(self) -> str:
        return self.__mml_text__()

    def __repr__(self) -> str:
        return f"SurdVector({self.scale!r}, {tuple(str(d) for d in self.direction)})"


class SurdMatrix:
    """An immutable matrix of :class:`Surd` entries (``Q`` of Gram–Schmidt, ``L``, ``U``, ``V``).

    Parameters
    ----------
    rows : nested sequence of Surds or rationals, or an exact :class:`Matrix`

    Examples
    --------
    >>> Q = SurdMatrix.from_columns([SurdVector(1 / sqrt(2), (1, 1)), SurdVector(1 / sqrt(2), (1, -1))])
    >>> print(Q)
    [ √2/2   √2/2 ]
    [ √2/2  -√2/2 ]
    >>> Q.T @ Q == Matrix.identity(2)
    True
    """

    __slots__ = ("_rows", "_ncols")

    def __init__(self, rows: Any, ncols: int | None = None) -> None:
        if isinstance(rows, (Matrix, SurdMatrix)):
            rows, ncols = rows.rows, rows.shape[1]
        built = tuple(tuple(as_surd(a) for a in row) for row in rows)
        lengths = {len(row) for row in built}
        if len(lengths) > 1:
            raise ShapeError(f"matrix has rows of different lengths {sorted(lengths)}")
        self._rows = built
        self._ncols = len(built[0]) if built else (ncols or 0)

    @classmethod
    def from_columns(cls, columns: Sequence[Any], m: int | None = None) -> SurdMatrix:
        """The matrix with the given columns (SurdVectors or sequences)."""
        listed = [tuple(c) for c in columns]
        if not listed:
            return cls((), 0) if not m else cls(tuple(() for _ in range(m)), 0)
        return cls(tuple(tuple(c[i] for c in listed) for i in range(len(listed[0]))), len(listed))

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self._rows), self._ncols)

    @property
    def rows(self) -> tuple[tuple[Surd, ...], ...]:
        return self._rows

    @property
    def columns(self) -> tuple[tuple[Surd, ...], ...]:
        return tuple(tuple(row[j] for row in self._rows) for j in range(self._ncols))

    def __getitem__(self, index: tuple[int, int]) -> Surd:
        i, j = index
        return self._rows[i][j]

    @property
    def T(self) -> SurdMatrix:
        return SurdMatrix(self.columns, len(self._rows))

    def __matmul__(self, other: Any) -> SurdMatrix:
        other = other if isinstance(other, SurdMatrix) else SurdMatrix(other)
        if self._ncols != other.shape[0]:
            raise ShapeError(f"cannot multiply matrices of shapes {self.shape} and {other.shape}")
        columns = other.columns
        zero = Surd(0)
        return SurdMatrix(
            tuple(
                tuple(sum((a * b for a, b in zip(row, col)), zero) for col in columns)
                for row in self._rows
            ),
            other.shape[1],
        )

    def __rmatmul__(self, other: Any) -> SurdMatrix:
        return SurdMatrix(other) @ self

    def _combine(self, other: Any, sign: int) -> SurdMatrix:
        other = other if isinstance(other, SurdMatrix) else SurdMatrix(other)
        if self.shape != other.shape:
            raise ShapeError(f"matrices of shapes {self.shape} and {other.shape}")
        return SurdMatrix(
            tuple(
                tuple(a + sign * b for a, b in zip(r, s)) for r, s in zip(self._rows, other._rows)
            ),
            self._ncols,
        )

    def __add__(self, other: Any) -> SurdMatrix:
        return self._combine(other, 1)

    def __sub__(self, other: Any) -> SurdMatrix:
        return self._combine(other, -1)

    def __mul__(self, scalar: Any) -> SurdMatrix:
        factor = as_surd(scalar)
        return SurdMatrix(tuple(tuple(a * factor for a in r) for r in self._rows), self._ncols)

    __rmul__ = __mul__

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Matrix):
            other = SurdMatrix(other)
        if not isinstance(other, SurdMatrix):
            return NotImplemented
        return self.shape == other.shape and self._rows == other._rows

    def __hash__(self) -> int:
        return hash(self._rows)

    def is_rational(self) -> bool:
        return all(a.is_rational() for row in self._rows for a in row)

    def to_matrix(self) -> Matrix:
        """The exact :class:`Matrix` (raises DomainError if an entry is irrational)."""
        return Matrix._trusted(
            tuple(tuple(a.rational() for a in row) for row in self._rows), self._ncols
        )

    def tolist(self) -> list[list[Surd]]:
        return [list(row) for row in self._rows]

    def to_numpy(self) -> Any:
        """A float64 NumPy array of the values."""
        import numpy as np

        return np.array([[float(a) for a in row] for row in self._rows], dtype=float).reshape(
            self.shape
        )

    def __mml_text__(self) -> str:
        return "\n".join(matrix_text_lines(self.tolist()))

    def __mml_latex__(self) -> str:
        return matrix_latex(self.tolist())

    def __str__(self) -> str:
        return self.__mml_text__()

    def __repr__(self) -> str:
        return "SurdMatrix(" + repr([[str(a) for a in row] for row in self._rows]) + ")"
