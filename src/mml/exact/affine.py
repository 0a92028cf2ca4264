"""Affine subspaces ``x₀ + span(d₁, …, d_k)`` (book §2.8)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from mml.errors import ShapeError
from mml.exact.matrix import Matrix, as_vector
from mml.exact.vectors import combination

__all__ = ["AffineSubspace"]


@dataclass(frozen=True)
class AffineSubspace:
    """The affine subspace ``point + span(directions)``.

    Examples
    --------
    >>> line = AffineSubspace((Fraction(5, 2), Fraction(0)), ((Fraction(-2), Fraction(1)),))
    >>> line.dimension, line.contains((Fraction(1, 2), 1))
    (1, True)
    >>> print(line)
    (5/2, 0) + t·(-2, 1)
    """

    point: tuple[Fraction, ...]
    directions: tuple[tuple[Fraction, ...], ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "point", as_vector(self.point, "point"))
        directions = tuple(as_vector(d, "direction") for d in self.directions)
        for d in directions:
            if len(d) != len(self.point):
                raise ShapeError(
                    f"direction {d} has {len(d)} entries; the point has {len(self.point)}"
                )
        object.__setattr__(self, "directions", directions)

    @property
    def dimension(self) -> int:
        """The dimension of the direction space (rank of the directions)."""
        from mml.exact.spaces import rank

        if not self.directions:
            return 0
        return rank(Matrix.from_columns(self.directions))

    @property
    def ambient_dimension(self) -> int:
        return len(self.point)

    def contains(self, vector: Sequence[Any]) -> bool:
        """Whether ``vector − point`` lies in the span of the directions."""
        from mml.exact.spaces import in_span

        v = as_vector(vector, "vector")
        if len(v) != len(self.point):
            raise ShapeError(
                f"vector has {len(v)} entries; the subspace lives in dimension {len(self.point)}"
            )
        shifted = tuple(a - b for a, b in zip(v, self.point))
        if not self.directions:
            return not any(shifted)
        return bool(in_span(shifted, self.directions))

    def __contains__(self, vector: Sequence[Any]) -> bool:
        return self.contains(vector)

    def __str__(self) -> str:
        from mml.exact.systems import parameter_names

        return combination(
            self.point, self.directions, parameter_names(len(self.directions), [])
        ).text
