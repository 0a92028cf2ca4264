"""Gram–Schmidt orthogonalisation, exactly, with each projection subtracted shown
(book §3.8.3, §3.5).

For basis vectors ``b₁, …, b_k``::

    u₁ = b₁
    u_k = b_k − Σ_{j<k} (⟨b_k, u_j⟩ / ⟨u_j, u_j⟩) · u_j

and, on request, ``q_k = u_k / ‖u_k‖``: a rational direction times one square root
(:class:`~mml.exact.surd.SurdVector`), so ``QᵀQ = I`` holds exactly. A vector that is a
combination of the earlier ones gives ``u_k = 0``; it is reported and dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from mml.errors import ShapeError
from mml.exact.inner_products import as_inner_product_matrix, inner_product_value
from mml.exact.matrix import Matrix
from mml.exact.spaces import vectors_as_columns
from mml.exact.surd import sqrt
from mml.exact.surd_arrays import SurdMatrix, SurdVector
from mml.exact.vectors import smallest_integer_vector, vector_latex, vector_text
from mml.steps import Derivation, MathText, Step, fraction_latex, fraction_text

__all__ = ["GramSchmidtResult", "gram_schmidt", "normalise"]

Vector = tuple[Fraction, ...]


@dataclass(frozen=True)
class GramSchmidtResult:
    """The outcome of Gram–Schmidt.

    Attributes
    ----------
    orthogonal : tuple of vectors
        ``u₁, …, u_r``: pairwise orthogonal, same span as the input (dependent vectors dropped).
    orthonormal : tuple of SurdVector or None
        ``q_i = u_i / ‖u_i‖`` when ``normalise=True``.
    dropped : tuple of int
        0-based indices of input vectors that depended on the earlier ones.
    steps : Derivation
    """

    orthogonal: tuple[Vector, ...]
    orthonormal: tuple[SurdVector, ...] | None
    dropped: tuple[int, ...]
    steps: Derivation

    @property
    def value(self) -> tuple[Any, ...]:
        """The orthonormal vectors when normalised, else the orthogonal ones."""
        return self.orthonormal if self.orthonormal is not None else self.orthogonal

    @property
    def Q(self) -> SurdMatrix:
        """The orthonormal vectors as the columns of a matrix (``normalise=True`` only)."""
        if self.orthonormal is None:
            raise ShapeError("Q needs gram_schmidt(..., normalise=True)")
        return SurdMatrix.from_columns(self.orthonormal)

    def __str__(self) -> str:
        return self.steps.render("text")

    def _repr_markdown_(self) -> str:
        return self.steps.render("markdown")


def _paren(value: Fraction) -> str:
    text = fraction_text(value)
    return f"({text})" if value < 0 or "/" in text else text


def normalise(vector: Any, A: Matrix | None = None) -> SurdVector:
    """``u / ‖u‖`` as a rational direction times one square root (sign kept).

    >>> print(normalise((2, 4, 6)))
    (1/√14)·(1, 2, 3)
    """
    u = tuple(Fraction(a) for a in vector)
    direction = smallest_integer_vector(u)
    first = next(i for i, a in enumerate(u) if a)
    if (direction[first] > 0) != (u[first] > 0):
        direction = tuple(-a for a in direction)
    return SurdVector(1 / sqrt(inner_product_value(direction, direction, A)), direction)


def gram_schmidt(vectors: Any, normalise: bool = False, A: Any = None) -> GramSchmidtResult:
    """Orthogonalise ``vectors`` by Gram–Schmidt, showing each projection subtracted (§3.8.3).

    Parameters
    ----------
    vectors : sequence of vectors, a Matrix (its columns), or text (one vector per row)
        ``b₁, …, b_k`` in ℚⁿ.
    normalise : bool
        Also divide each ``u_i`` by its length (exact square roots).
    A : matrix-like, shape (n, n), optional
        A symmetric positive definite matrix; orthogonality under ``⟨x, y⟩ = xᵀAy``.

    Returns
    -------
    GramSchmidtResult
        ``orthogonal``, ``orthonormal``, ``dropped``, ``Q``, ``steps``.

    Raises
    ------
    ShapeError
        If the vectors have different lengths, or none are given.
    DomainError
        If ``A`` is not symmetric positive definite.

    Examples
    --------
    >>> result = gram_schmidt([(2, 0), (1, 1)])
    >>> result.orthogonal
    ((Fraction(2, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 1)))
    >>> print(gram_schmidt([(1, 1, 0), (1, 0, 1)], normalise=True).orthonormal[1])
    (1/√6)·(1, -1, 2)
    """
    columns = vectors_as_columns(vectors)
    n, k = columns.shape
    matrix = as_inner_product_matrix(A, n)
    inputs = [columns.column(j) for j in range(k)]
    where = "" if matrix is None else " under ⟨x, y⟩ = xᵀAy"
    derivation = Derivation(f"Gram–Schmidt on {k} vector(s) in ℚ^{n}{where}", given=columns)
    found: list[Vector] = []
    names: list[int] = []  # the index (1-based) of u for each found vector
    dropped: list[int] = []
    for index, b in enumerate(inputs):
        u = b
        label = f"u{len(found) + 1}"
        if not found:
            derivation.add(
                Step(
                    "start",
                    MathText(
                        f"{label} = b{index + 1} = {vector_text(b)}",
                        rf"u_1 = b_{{{index + 1}}} = {vector_latex(b)}",
                    ),
                )
            )
        for u_j, j in zip(found, names):
            coefficient = inner_product_value(b, u_j, matrix) / inner_product_value(
                u_j, u_j, matrix
            )
            before = u
            u = tuple(a - coefficient * c for a, c in zip(u, u_j))
            derivation.add(
                Step(
                    "subtract_projection",
                    MathText(
                        f"{label} ← {vector_text(before)} − {_paren(coefficient)}·u{j} "
                        f"= {vector_text(u)}   (⟨b{index + 1}, u{j}⟩/⟨u{j}, u{j}⟩ = "
                        f"{fraction_text(coefficient)})",
                        rf"u_{{{len(found) + 1}}} \leftarrow {vector_latex(before)} - "
                        rf"{fraction_latex(coefficient)}\, u_{{{j}}} = {vector_latex(u)}",
                    ),
                    data={"target": len(found), "source": j - 1, "coefficient": coefficient},
                )
            )
        if not any(u):
            dropped.append(index)
            derivation.add(
                Step(
                    "dependent",
                    f"b{index + 1} − (its projection) = 0: b{index + 1} lies in the span of the "
                    "earlier vectors, so it adds no new direction and is dropped.",
                )
            )
            continue
        found.append(u)
        names.append(len(found))
    orthonormal = None
    if normalise:
        orthonormal = tuple(normalise_vector(u, matrix) for u in found)
        for i, (u, q) in enumerate(zip(found, orthonormal), start=1):
            squared = inner_product_value(u, u, matrix)
            derivation.add(
                Step(
                    "normalise",
                    MathText(
                        f"q{i} = u{i} / ‖u{i}‖ = {vector_text(u)} / √{_paren(squared)} = {q}",
                        rf"q_{{{i}}} = \frac{{u_{{{i}}}}}{{\|u_{{{i}}}\|}} = {q.__mml_latex__()}",
                    ),
                )
            )
    derivation.result = orthonormal if orthonormal is not None else tuple(found)
    derivation.conclusion.append(
        f"{len(found)} orthogonal vector(s) spanning the same space as the input"
        + (f"; dropped b{', b'.join(str(i + 1) for i in dropped)}." if dropped else ".")
    )
    return GramSchmidtResult(tuple(found), orthonormal, tuple(dropped), derivation)


normalise_vector = normalise
