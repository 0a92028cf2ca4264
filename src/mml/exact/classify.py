"""Which decompositions exist for a matrix, and why: the matrix phylogeny of book §4.7.

Every real matrix has an SVD. A square matrix has a determinant and eigenvalues; it has an
inverse when ``det A ≠ 0``; an eigendecomposition ``A = P D P⁻¹`` when it has n independent
eigenvectors; an orthogonal one ``A = Q D Qᵀ`` when it is symmetric; and a Cholesky factor
``A = L Lᵀ`` when it is symmetric positive definite.
"""

from __future__ import annotations

from dataclasses import dataclass

from mml.exact.cholesky import cholesky
from mml.exact.determinant import det
from mml.exact.diagonalise import diagonalise
from mml.exact.matrix import Matrix, MatrixLike, as_matrix
from mml.steps import Derivation, Step

__all__ = ["MatrixClassification", "classify_matrix"]


@dataclass(frozen=True)
class MatrixClassification:
    """The properties of a matrix that decide which decompositions it has.

    Attributes
    ----------
    square, symmetric, invertible, orthogonal, positive_definite, diagonalisable : bool
        (``invertible``, ``orthogonal``, ``diagonalisable`` are False for non-square matrices.)
    decompositions : tuple of str
        The decompositions that exist, e.g. ``("SVD", "eigendecomposition", "Cholesky")``.
    steps : Derivation
        The reason for each verdict.
    """

    square: bool
    symmetric: bool
    invertible: bool
    orthogonal: bool
    positive_definite: bool
    diagonalisable: bool
    decompositions: tuple[str, ...]
    steps: Derivation

    @property
    def value(self) -> tuple[str, ...]:
        return self.decompositions

    def __str__(self) -> str:
        return self.steps.render("text")

    def _repr_markdown_(self) -> str:
        return self.steps.render("markdown")


def classify_matrix(A: MatrixLike) -> MatrixClassification:
    """Classify ``A`` and list the decompositions it has, each verdict with its reason (§4.7).

    Parameters
    ----------
    A : matrix-like, shape (m, n)

    Returns
    -------
    MatrixClassification

    Examples
    --------
    >>> classify_matrix("2 1; 1 2").decompositions
    ('SVD', 'LU / inverse', 'eigendecomposition', 'orthogonal eigendecomposition', 'Cholesky')
    >>> result = classify_matrix("1 1; 0 1")
    >>> result.diagonalisable, result.decompositions
    (False, ('SVD', 'LU / inverse'))
    >>> classify_matrix("1 2 3; 4 5 6").decompositions
    ('SVD',)
    """
    matrix = as_matrix(A, "A")
    m, n = matrix.shape
    derivation = Derivation(f"Which decompositions does this {m}×{n} matrix have?", given=matrix)
    found = ["SVD"]
    derivation.add(Step("svd", "Every real matrix has a singular value decomposition A = UΣVᵀ."))
    square = m == n and m > 0
    symmetric = square and matrix == matrix.T
    if not square:
        derivation.add(
            Step(
                "not_square",
                f"A is {m}×{n}, not square: no determinant, inverse, eigenvalues or Cholesky.",
            )
        )
        derivation.result = "SVD only"
        return MatrixClassification(False, False, False, False, False, False, ("SVD",), derivation)
    determinant = det(matrix).value
    invertible = determinant != 0
    derivation.add(
        Step(
            "determinant",
            f"det A = {determinant}: "
            + ("A is invertible (LU with pivoting, A⁻¹)." if invertible else "A is singular."),
        )
    )
    if invertible:
        found.append("LU / inverse")
    orthogonal = matrix.T @ matrix == Matrix.identity(n)
    if orthogonal:
        derivation.add(Step("orthogonal", "AᵀA = I: A is orthogonal (A⁻¹ = Aᵀ)."))
    diagonal = diagonalise(matrix)
    derivation.add(Step("eigendecomposition", f"Eigendecomposition: {diagonal.reason}."))
    if diagonal.diagonalisable:
        found.append("eigendecomposition")
    if symmetric:
        found.append("orthogonal eigendecomposition")
        derivation.add(
            Step("symmetric", "A = Aᵀ: by the spectral theorem A = QDQᵀ with Q orthogonal.")
        )
    factor = cholesky(matrix)
    positive_definite = factor.positive_definite
    if positive_definite:
        found.append("Cholesky")
    derivation.add(
        Step(
            "cholesky",
            "Cholesky A = LLᵀ exists (A is symmetric positive definite)."
            if positive_definite
            else "No Cholesky factor: A is not symmetric positive definite.",
        )
    )
    derivation.result = ", ".join(found)
    return MatrixClassification(
        True,
        symmetric,
        invertible,
        orthogonal,
        positive_definite,
        diagonal.diagonalisable,
        tuple(found),
        derivation,
    )
