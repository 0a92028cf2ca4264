"""Diagonalisation ``A = P D P⁻¹``, or the reason it fails (book §4.4).

``A`` (n×n) is diagonalisable exactly when it has n linearly independent eigenvectors, i.e. every
eigenvalue's geometric multiplicity equals its algebraic multiplicity. Then the eigenvectors are
the columns of ``P`` and the eigenvalues the diagonal of ``D``, and ``AP = PD``. A defective
eigenvalue, or (over ℝ) a complex one, is reported as the answer, not raised. A symmetric matrix
can be diagonalised by an orthogonal matrix (``orthogonal=True``): Gram–Schmidt inside each
eigenspace, then normalisation, gives ``A = Q D Qᵀ`` (spectral theorem, §4.4).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from mml.exact.eigen import EigenResult, eigenvectors, irrational_diagonal_factors
from mml.exact.gram_schmidt import gram_schmidt
from mml.exact.inverse import inverse
from mml.exact.matrix import Matrix, MatrixLike, as_matrix
from mml.exact.surd_arrays import SurdMatrix
from mml.steps import Derivation, MathText, Step

__all__ = ["Diagonalisation", "diagonalise", "diagonalize"]


@dataclass(frozen=True)
class Diagonalisation:
    """The outcome of :func:`diagonalise`.

    Attributes
    ----------
    diagonalisable : bool
    P : Matrix, SurdMatrix, SymPy Matrix or None
        Eigenvectors as columns (a :class:`SurdMatrix` with orthonormal columns when
        ``orthogonal=True``; SymPy when some eigenvalue is irrational); ``None`` if not
        diagonalisable.
    D : Matrix, SymPy Matrix or None
        The eigenvalues on the diagonal, in the order of the columns of ``P``.
    P_inverse : Matrix, SurdMatrix, SymPy Matrix or None
        ``P⁻¹`` (``Pᵀ`` in the orthogonal case).
    reason : str
        Why the matrix is or is not diagonalisable.
    eigen : EigenResult
    steps : Derivation
    """

    diagonalisable: bool
    P: Any
    D: Any
    P_inverse: Any
    reason: str
    eigen: EigenResult
    steps: Derivation

    def __bool__(self) -> bool:
        return self.diagonalisable

    @property
    def value(self) -> tuple[Any, Any] | None:
        return (self.P, self.D) if self.diagonalisable else None

    def __str__(self) -> str:
        return self.steps.render("text")

    def _repr_markdown_(self) -> str:
        return self.steps.render("markdown")


def _value_text(value: Any) -> str:
    return str(value)


def _fail(matrix: Matrix, eigen: EigenResult, derivation: Derivation) -> Diagonalisation | None:
    complex_values = [e for e in eigen.eigenvalues if not e.is_real]
    if complex_values:
        listed = ", ".join(_value_text(e.value) for e in complex_values)
        reason = f"A has non-real eigenvalues ({listed}), so it is not diagonalisable over ℝ" + (
            "" if not eigen.defective else ""
        )
        derivation.add(Step("complex_eigenvalues", reason + "."))
        derivation.result = "not diagonalisable over ℝ"
        return Diagonalisation(False, None, None, None, reason, eigen, derivation)
    defective = [e for e in eigen.eigenvalues if e.defective]
    if defective:
        e = defective[0]
        total = sum(x.geometric_multiplicity for x in eigen.eigenvalues)
        reason = (
            f"λ = {_value_text(e.value)} has algebraic multiplicity {e.algebraic_multiplicity} "
            f"but only {e.geometric_multiplicity} independent eigenvector(s): A is defective, with "
            f"{total} independent eigenvectors for n = {matrix.shape[0]}"
        )
        derivation.add(Step("defective", reason + ", so no invertible P of eigenvectors exists."))
        derivation.result = "not diagonalisable (defective)"
        return Diagonalisation(False, None, None, None, reason, eigen, derivation)
    return None


def _irrational_case(matrix: Matrix, eigen: EigenResult, derivation: Derivation) -> Diagonalisation:
    D, P, P_inverse, holds = irrational_diagonal_factors(matrix, eigen)
    if P is None:
        reason = (
            "n independent eigenvectors, but some eigenvalues are roots of a cubic or higher "
            "factor, so P has no short closed form"
        )
        derivation.add(Step("no_closed_form", reason + "."))
        derivation.result = "diagonalisable over ℝ"
        return Diagonalisation(True, None, D, None, reason, eigen, derivation)
    derivation.add(
        Step(
            "assemble",
            "P = [eigenvectors as columns], D = diag(eigenvalues) (irrational entries, by SymPy); "
            f"check A·P = P·D: {'holds' if holds else 'FAILS'}.",
            data={"holds": holds},
        )
    )
    reason = "n independent eigenvectors (some eigenvalues are irrational)"
    derivation.result = "diagonalisable over ℝ"
    return Diagonalisation(True, P, D, P_inverse, reason, eigen, derivation)


def diagonalise(A: MatrixLike, orthogonal: bool = False) -> Diagonalisation:
    """Diagonalise ``A = P D P⁻¹`` from its eigenvectors, or explain why not (book §4.4).

    Parameters
    ----------
    A : matrix-like, shape (n, n)
    orthogonal : bool
        For a symmetric ``A``: orthonormal eigenvectors, ``A = Q D Qᵀ`` with ``Q`` a
        :class:`SurdMatrix` (Gram–Schmidt inside each eigenspace, then normalisation).

    Returns
    -------
    Diagonalisation
        ``diagonalisable``, ``P``, ``D``, ``P_inverse``, ``reason``, ``eigen``, ``steps``.

    Raises
    ------
    ShapeError
        If ``A`` is not square.
    DomainError
        If ``orthogonal=True`` and ``A`` is not symmetric.

    Examples
    --------
    >>> result = diagonalise("4 2; 1 3")
    >>> print(result.P)
    [ -1  2 ]
    [  1  1 ]
    >>> print(result.D)
    [ 2  0 ]
    [ 0  5 ]
    >>> diagonalise("1 1; 0 1").reason
    'λ = 1 has algebraic multiplicity 2 but only 1 independent eigenvector(s): A is defective, with 1 independent eigenvectors for n = 2'
    >>> print(diagonalise("2 1; 1 2", orthogonal=True).P)
    [ -√2/2  √2/2 ]
    [  √2/2  √2/2 ]
    """
    from mml.errors import DomainError

    matrix = as_matrix(A, "A")
    if orthogonal and matrix != matrix.T:
        raise DomainError("orthogonal diagonalisation needs a symmetric matrix (A = Aᵀ)")
    eigen = eigenvectors(matrix)
    n = matrix.shape[0]
    derivation = Derivation(f"Diagonalise a {n}×{n} matrix: A = P·D·P⁻¹", given=matrix)
    derivation.extend(eigen.steps)
    failed = _fail(matrix, eigen, derivation)
    if failed is not None:
        return failed
    if not eigen.is_rational:
        return _irrational_case(matrix, eigen, derivation)
    values = [e.value for e in eigen.eigenvalues for _ in e.eigenspace]
    D = Matrix._trusted(
        tuple(tuple(values[i] if i == j else Fraction(0) for j in range(n)) for i in range(n)), n
    )
    if orthogonal:
        columns = []
        for e in eigen.eigenvalues:
            basis = gram_schmidt(e.eigenspace, normalise=True)
            derivation.extend(basis.steps)
            columns.extend(basis.orthonormal or ())
        Q = SurdMatrix.from_columns(columns)
        derivation.add(Step("assemble", "Q = [orthonormal eigenvectors], D = diag(λ)", after=Q))
        holds = Q @ SurdMatrix(D) @ Q.T == matrix
        derivation.add(
            Step(
                "check",
                MathText(
                    "Check Q·D·Qᵀ = A: " + ("holds." if holds else "FAILS."),
                    r"Q D Q^\top = A\ \text{" + ("holds" if holds else "FAILS") + "}",
                ),
                data={"holds": holds},
            )
        )
        derivation.result = D
        reason = "A is symmetric: orthonormal eigenvectors exist (spectral theorem)"
        return Diagonalisation(True, Q, D, Q.T, reason, eigen, derivation)
    P = Matrix.from_columns([v for e in eigen.eigenvalues for v in e.eigenspace])
    derivation.add(Step("assemble", "P = [eigenvectors as columns]", after=P))
    derivation.add(Step("diagonal", "D = diag(eigenvalues, in the same order)", after=D))
    P_inverse = inverse(P).value
    derivation.add(Step("inverse", "P⁻¹ (Gauss–Jordan on [P | I])", after=P_inverse))
    holds = matrix @ P == P @ D and P @ D @ P_inverse == matrix
    derivation.add(
        Step(
            "check",
            MathText(
                "Check A·P = P·D and P·D·P⁻¹ = A: " + ("holds." if holds else "FAILS."),
                r"AP = PD,\ PDP^{-1} = A\ \text{" + ("holds" if holds else "FAILS") + "}",
            ),
            data={"holds": holds},
        )
    )
    derivation.result = D
    derivation.conclusion.append("Powers are cheap now: Aᵏ = P·Dᵏ·P⁻¹.")
    reason = f"{n} linearly independent eigenvectors"
    return Diagonalisation(True, P, D, P_inverse, reason, eigen, derivation)


diagonalize = diagonalise
