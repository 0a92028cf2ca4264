"""Linear maps given by a matrix: kernel, image and transformation matrices (book §2.7)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from mml.errors import ShapeError
from mml.exact.matrix import Matrix, MatrixLike, as_matrix, as_vector
from mml.exact.results import ExactResult, Subspace
from mml.exact.spaces import change_of_basis, column_space, null_space, vectors_as_columns
from mml.steps import Derivation, Step

__all__ = ["LinearMap", "kernel", "image", "transformation_matrix"]


def kernel(A: MatrixLike) -> Subspace:
    """The kernel (null space) of the linear map ``x ↦ A x``; see :func:`null_space`."""
    return null_space(A)


def image(A: MatrixLike) -> Subspace:
    """The image (column space) of the linear map ``x ↦ A x``; see :func:`column_space`."""
    return column_space(A)


def transformation_matrix(A: MatrixLike, domain_basis: Any, codomain_basis: Any) -> ExactResult:
    """The matrix of ``x ↦ A x`` with respect to bases B (domain) and C (codomain): ``C⁻¹ A B``.

    Column j holds the C-coordinates of the image of the j-th vector of B (book §2.7.1).

    Raises
    ------
    ShapeError
        If the bases do not fit the shape of ``A``.

    Examples
    --------
    >>> T = transformation_matrix([[2, 0], [0, 3]], [(1, 1), (1, -1)], [(1, 0), (0, 1)])
    >>> T.value.tolist() == [[2, 2], [3, -3]]
    True
    """
    matrix = as_matrix(A, "A")
    B = vectors_as_columns(domain_basis, "domain_basis")
    C = vectors_as_columns(codomain_basis, "codomain_basis")
    m, n = matrix.shape
    if B.shape != (n, n) or C.shape != (m, m):
        raise ShapeError(
            f"A is {m}×{n}, so the domain basis needs {n} vectors of length {n} and the codomain "
            f"basis {m} vectors of length {m}; got {B.shape} and {C.shape} as columns"
        )
    images = matrix @ B
    assert isinstance(images, Matrix)
    result = change_of_basis(images, C) if m == n else None
    if result is None:
        from mml.exact.inverse import inverse

        inverse_c = inverse(C)
        value = inverse_c.value @ images
        derivation = Derivation("Transformation matrix C⁻¹·A·B", given=matrix)
        derivation.extend(inverse_c.steps)
        derivation.result = value
        return ExactResult(value, derivation, "inverse")
    derivation = Derivation("Transformation matrix: column j = C-coordinates of A·bⱼ", given=matrix)
    derivation.add(Step("images", "Images of the domain basis vectors, A·B:", after=images))
    derivation.extend(result.steps)
    derivation.result = result.value
    return ExactResult(result.value, derivation, "gauss_jordan")


@dataclass(frozen=True)
class LinearMap:
    """The linear map ``Φ(x) = A x`` from ℚⁿ to ℚᵐ (book §2.7).

    Examples
    --------
    >>> phi = LinearMap([[1, 2], [2, 4]])
    >>> phi.rank, phi.nullity, phi.is_injective, phi.is_surjective
    (1, 1, False, False)
    >>> phi((1, 1))
    (Fraction(3, 1), Fraction(6, 1))
    """

    matrix: Matrix

    def __init__(self, matrix: MatrixLike) -> None:
        object.__setattr__(self, "matrix", as_matrix(matrix, "matrix"))

    def __call__(self, vector: Any) -> tuple[Fraction, ...]:
        v = as_vector(vector, "vector")
        if len(v) != self.matrix.shape[1]:
            raise ShapeError(
                f"the map takes vectors of length {self.matrix.shape[1]}; got {len(v)}"
            )
        result = self.matrix @ v
        assert isinstance(result, tuple)
        return result

    def kernel(self) -> Subspace:
        """``ker Φ = {x : A x = 0}``."""
        return null_space(self.matrix)

    def image(self) -> Subspace:
        """``Im Φ``, spanned by the pivot columns of A."""
        return column_space(self.matrix)

    @property
    def rank(self) -> int:
        return self.image().dimension

    @property
    def nullity(self) -> int:
        return self.kernel().dimension

    @property
    def is_injective(self) -> bool:
        return self.nullity == 0

    @property
    def is_surjective(self) -> bool:
        return self.rank == self.matrix.shape[0]

    def transformation_matrix(self, domain_basis: Any, codomain_basis: Any) -> ExactResult:
        """The matrix of Φ w.r.t. the given bases; see :func:`transformation_matrix`."""
        return transformation_matrix(self.matrix, domain_basis, codomain_basis)
