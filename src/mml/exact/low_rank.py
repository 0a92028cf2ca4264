"""The best rank-k approximation and its Eckart–Young error, exactly (book §4.6).

From the SVD ``A = Σ_i σ_i u_i v_iᵀ``, the rank-k approximation keeps the first k terms::

    A_k = Σ_{i ≤ k} σ_i u_i v_iᵀ

By the Eckart–Young theorem (Theorem 4.25) no rank-k matrix is closer to ``A``:
``‖A − A_k‖₂ = σ_{k+1}`` and ``‖A − A_k‖_F = √(σ_{k+1}² + … + σ_r²)``. Each term
``σ_i u_i v_iᵀ = A v_i v_iᵀ`` is rational, so ``A_k`` is an exact :class:`Matrix`.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from mml.errors import DomainError
from mml.exact.matrix import Matrix, MatrixLike, as_matrix
from mml.exact.surd import Surd, sqrt
from mml.exact.surd_arrays import SurdMatrix
from mml.exact.svd import SVDByHand, svd
from mml.steps import Derivation, MathText, Step, fraction_text

__all__ = ["LowRankApproximation", "rank_k_approximation"]


@dataclass(frozen=True)
class LowRankApproximation:
    """The rank-k approximation ``A_k`` and its errors.

    Attributes
    ----------
    approximation : Matrix
        ``A_k``.
    k : int
    spectral_error : Surd
        ``‖A − A_k‖₂ = σ_{k+1}`` (0 when k ≥ rank).
    frobenius_error : Surd
        ``‖A − A_k‖_F = √(Σ_{i>k} σ_i²)``.
    svd : SVDByHand
    steps : Derivation
    """

    approximation: Matrix
    k: int
    spectral_error: Surd
    frobenius_error: Surd
    svd: SVDByHand
    steps: Derivation

    @property
    def value(self) -> Matrix:
        return self.approximation

    def __str__(self) -> str:
        return self.steps.render("text")

    def _repr_markdown_(self) -> str:
        return self.steps.render("markdown")


def rank_k_approximation(A: MatrixLike, k: int) -> LowRankApproximation:
    """The best rank-k approximation ``A_k = Σ_{i≤k} σ_i u_i v_iᵀ`` with its Eckart–Young errors.

    Parameters
    ----------
    A : matrix-like, shape (m, n)
        As for :func:`mml.exact.svd.svd` (``AᵀA`` with rational eigenvalues).
    k : int
        ``0 ≤ k ≤ min(m, n)``.

    Returns
    -------
    LowRankApproximation
        ``approximation`` (a Matrix), ``spectral_error``, ``frobenius_error``, ``svd``,
        ``steps``.

    Raises
    ------
    DomainError
        If ``k`` is out of range, or ``AᵀA`` has irrational eigenvalues.

    Examples
    --------
    >>> result = rank_k_approximation("3 2 2; 2 3 -2", 1)
    >>> print(result.approximation)
    [ 5/2  5/2  0 ]
    [ 5/2  5/2  0 ]
    >>> print(result.spectral_error, result.frobenius_error)
    3 3
    """
    matrix = as_matrix(A, "A")
    m, n = matrix.shape
    if isinstance(k, bool) or not isinstance(k, int) or not 0 <= k <= min(m, n):
        raise DomainError(f"k = {k!r}: expected an integer with 0 ≤ k ≤ min(m, n) = {min(m, n)}")
    decomposition = svd(matrix)
    derivation = Derivation(f"Best rank-{k} approximation of a {m}×{n} matrix", given=matrix)
    derivation.extend(decomposition.steps)
    sigmas = decomposition.singular_values
    U, V = decomposition.U, decomposition.V
    total = SurdMatrix(Matrix.zeros(m, n))
    for i in range(k):
        u = SurdMatrix([[a] for a in U.columns[i]])
        v = SurdMatrix([[a] for a in V.columns[i]])
        term = u @ v.T * sigmas[i]
        total = total + term
        derivation.add(
            Step(
                "rank_one_term",
                MathText(
                    f"σ{i + 1}·u{i + 1}·v{i + 1}ᵀ with σ{i + 1} = {sigmas[i]}",
                    rf"\sigma_{{{i + 1}}} u_{{{i + 1}}} v_{{{i + 1}}}^\top",
                ),
                after=term.to_matrix(),
            )
        )
    approximation = total.to_matrix()
    derivation.add(Step("sum", f"A_{k} = sum of the first {k} term(s)", after=approximation))
    rest = sigmas[k:]
    spectral = rest[0] if rest else Surd(0)
    squares = sum((s * s for s in rest), Surd(0)).rational()
    frobenius = sqrt(squares)
    difference = matrix - approximation
    direct = sum((a * a for row in difference.rows for a in row), Fraction(0))
    derivation.add(
        Step(
            "eckart_young",
            MathText(
                f"Eckart–Young: ‖A − A_{k}‖₂ = σ{k + 1} = {spectral}; ‖A − A_{k}‖_F = "
                f"√({' + '.join(f'{s}²' for s in rest) or '0'}) = {frobenius} "
                f"(direct: √{fraction_text(direct)}, "
                + ("agrees)" if direct == squares else "DISAGREES)"),
                rf"\|A - A_{{{k}}}\|_2 = {spectral.__mml_latex__()},\ "
                rf"\|A - A_{{{k}}}\|_F = {frobenius.__mml_latex__()}",
            ),
            data={"holds": direct == squares},
        )
    )
    derivation.result = approximation
    derivation.conclusion.append(
        f"Eckart–Young: ‖A − A_{k}‖₂ = {spectral}, ‖A − A_{k}‖_F = {frobenius}; no matrix of "
        f"rank {k} is closer."
    )
    return LowRankApproximation(approximation, k, spectral, frobenius, decomposition, derivation)
