"""The orthogonal complement ``U^⊥ = {x : ⟨x, u⟩ = 0 for all u ∈ U}``, exactly (book §3.6).

For ``U`` spanned by ``b₁, …, b_k``, ``x ⊥ U`` exactly when ``b_iᵀx = 0`` for every i: the
complement is the null space of the matrix with the ``b_i`` as rows, ``U^⊥ = null(Bᵀ)``, and
``dim U + dim U^⊥ = n``. In ℝ³ the complement of a plane is the line of its normal vector.
"""

from __future__ import annotations

from typing import Any

from mml.exact.results import Subspace
from mml.exact.spaces import null_space, vectors_as_columns
from mml.steps import Derivation, Step

__all__ = ["orthogonal_complement"]


def orthogonal_complement(vectors: Any) -> Subspace:
    """A basis of ``U^⊥ = null(Bᵀ)`` for ``U`` spanned by ``vectors`` (book §3.6).

    Parameters
    ----------
    vectors : sequence of vectors in ℚⁿ, a Matrix (its columns), or text (one vector per row)

    Returns
    -------
    Subspace
        ``basis`` (smallest integer vectors), ``dimension`` (n − dim U), ``steps``.

    Raises
    ------
    ShapeError
        If the vectors have different lengths or none are given.

    Examples
    --------
    >>> orthogonal_complement([(1, 0, 1), (0, 1, 1)]).basis     # the normal of a plane in ℝ³
    ((Fraction(-1, 1), Fraction(-1, 1), Fraction(1, 1)),)
    >>> orthogonal_complement([(1, 2)]).dimension
    1
    """
    B = vectors_as_columns(vectors)
    n, k = B.shape
    derivation = Derivation(f"Orthogonal complement of the span of {k} vector(s) in ℚ^{n}")
    derivation.add(
        Step(
            "complement_as_null_space",
            "x ⊥ U exactly when bᵢᵀx = 0 for every spanning vector: U^⊥ = null(Bᵀ), "
            "the null space of the vectors written as rows.",
            after=B.T,
        )
    )
    kernel = null_space(B.T)
    derivation.extend(kernel.steps)
    result = Subspace(kernel.basis, n, derivation, "orthogonal complement")
    derivation.result = result
    derivation.conclusion.append(
        f"dim U^⊥ = {kernel.dimension} = n − dim U = {n} − {n - kernel.dimension}."
    )
    return result
