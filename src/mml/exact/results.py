"""Result records shared by the exact functions: a value with the derivation behind it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from mml.exact.vectors import vector_latex, vector_text
from mml.steps import Derivation

__all__ = ["ExactResult", "Subspace"]


@dataclass(frozen=True)
class ExactResult:
    """An exact answer and the worked solution that produced it.

    Attributes
    ----------
    value : object
        The answer (a Fraction, a Matrix, a tuple of coordinates, ...).
    steps : Derivation
        How it was found.
    method : str
        The method used (``"cofactor"``, ``"gauss_jordan"``, ...).
    """

    value: Any
    steps: Derivation
    method: str = ""

    def __str__(self) -> str:
        return self.steps.render("text")

    def _repr_markdown_(self) -> str:
        return self.steps.render("markdown")


@dataclass(frozen=True)
class Subspace:
    """A subspace of ℚⁿ given by a basis, with the derivation that found it.

    Iterating yields the basis vectors; ``len`` is the dimension.
    """

    basis: tuple[tuple[Fraction, ...], ...]
    ambient_dimension: int
    steps: Derivation = field(compare=False)
    name: str = field(default="span", compare=False)

    @property
    def dimension(self) -> int:
        return len(self.basis)

    def __len__(self) -> int:
        return len(self.basis)

    def __iter__(self) -> Iterator[tuple[Fraction, ...]]:
        return iter(self.basis)

    def contains(self, vector: Sequence[Any]) -> bool:
        """Whether ``vector`` lies in the subspace."""
        from mml.exact.spaces import in_span

        return (
            bool(in_span(vector, self.basis, steps=False))
            if self.basis
            else not any(Fraction(v) for v in vector)
        )

    def __contains__(self, vector: Sequence[Any]) -> bool:
        return self.contains(vector)

    def __mml_text__(self) -> str:
        if not self.basis:
            return "{0}"
        return "span{" + ", ".join(vector_text(b) for b in self.basis) + "}"

    def __mml_latex__(self) -> str:
        if not self.basis:
            return r"\{\mathbf{0}\}"
        return (
            r"\operatorname{span}\left\{"
            + ", ".join(vector_latex(b) for b in self.basis)
            + r"\right\}"
        )

    def __str__(self) -> str:
        return self.__mml_text__()

    def _repr_markdown_(self) -> str:
        return self.steps.render("markdown")
