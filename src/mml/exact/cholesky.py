"""The Cholesky decomposition ``A = L Lᵀ`` by hand, column by column (book §4.3).

For a symmetric matrix the entries of ``L`` follow from comparing ``L Lᵀ`` with ``A``::

    l_jj = √(a_jj − Σ_{k<j} l_jk²)
    l_ij = (a_ij − Σ_{k<j} l_ik·l_jk) / l_jj        (i > j)

Each column of ``L`` is a rational vector times one square root, so every product
``l_ik·l_jk`` of one column is rational and the arithmetic stays exact (:class:`Surd`). A pivot
``a_jj − Σ l_jk² ≤ 0`` proves that ``A`` is not positive definite: the steps stop there and the
answer says so (it is not an exception).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from mml.errors import ShapeError
from mml.exact.matrix import Matrix, MatrixLike, as_matrix
from mml.exact.surd import Surd, sqrt
from mml.exact.surd_arrays import SurdMatrix
from mml.steps import Derivation, MathText, Step, fraction_latex, fraction_text

__all__ = ["CholeskyResult", "cholesky", "is_positive_definite", "first_asymmetry"]


@dataclass(frozen=True)
class CholeskyResult:
    """The outcome of Cholesky by hand.

    Attributes
    ----------
    L : SurdMatrix or None
        Lower triangular with positive diagonal and ``L Lᵀ = A``; ``None`` when ``A`` is not
        symmetric positive definite.
    positive_definite : bool
        Whether ``A`` is symmetric positive definite.
    failed_at : int or None
        The 0-based column whose pivot was ≤ 0 (``None`` if none failed).
    steps : Derivation
    """

    L: SurdMatrix | None
    positive_definite: bool
    failed_at: int | None
    steps: Derivation

    @property
    def value(self) -> SurdMatrix | None:
        return self.L

    def __bool__(self) -> bool:
        return self.positive_definite

    def __str__(self) -> str:
        return self.steps.render("text")

    def _repr_markdown_(self) -> str:
        return self.steps.render("markdown")


def first_asymmetry(matrix: Matrix) -> tuple[int, int] | None:
    """The first position ``(i, j)``, ``i < j``, with ``a_ij ≠ a_ji`` (``None`` if symmetric)."""
    n = matrix.shape[0]
    for i in range(n):
        for j in range(i + 1, n):
            if matrix[i, j] != matrix[j, i]:
                return i, j
    return None


def _paren(value: Fraction | Surd) -> str:
    text = fraction_text(value) if isinstance(value, Fraction) else str(value)
    return f"({text})" if any(c in text for c in "-/ ") else text


def _partial(rows: list[list[Surd]]) -> SurdMatrix:
    return SurdMatrix([list(row) for row in rows])


def cholesky(A: MatrixLike) -> CholeskyResult:
    """Cholesky by hand: ``A = L Lᵀ`` with each entry of ``L`` worked out (book §4.3).

    Parameters
    ----------
    A : matrix-like, shape (n, n)
        A symmetric matrix of rationals (``Matrix``, nested lists, integer array or text).

    Returns
    -------
    CholeskyResult
        ``L`` (a :class:`SurdMatrix`, or ``None``), ``positive_definite``, ``failed_at``,
        ``steps``. A non-symmetric matrix, or a pivot ≤ 0, is an answer
        (``positive_definite == False``), not an error.

    Raises
    ------
    ShapeError
        If ``A`` is not square.

    Examples
    --------
    >>> result = cholesky("4 2; 2 5")
    >>> print(result.L)
    [ 2  0 ]
    [ 1  2 ]
    >>> print(cholesky("2 1; 1 1").L)
    [ √2     0 ]
    [ √2/2  √2/2 ]
    >>> bad = cholesky("1 2; 2 1")
    >>> bad.positive_definite, bad.failed_at
    (False, 1)
    """
    matrix = as_matrix(A, "A")
    if not matrix.is_square():
        raise ShapeError(f"Cholesky needs a square matrix; A has shape {matrix.shape}")
    n = matrix.shape[0]
    derivation = Derivation(f"Cholesky decomposition A = L·Lᵀ of a {n}×{n} matrix", given=matrix)
    asymmetry = first_asymmetry(matrix)
    if asymmetry is not None:
        i, j = asymmetry
        derivation.add(
            Step(
                "not_symmetric",
                f"a{i + 1}{j + 1} = {fraction_text(matrix[i, j])} but a{j + 1}{i + 1} = "
                f"{fraction_text(matrix[j, i])}: A ≠ Aᵀ, and L·Lᵀ is always symmetric.",
            )
        )
        derivation.result = "A is not symmetric, so it has no Cholesky factor"
        return CholeskyResult(None, False, None, derivation)
    zero = Surd(0)
    L: list[list[Surd]] = [[zero] * n for _ in range(n)]
    for j in range(n):
        squares = [L[j][k] * L[j][k] for k in range(j)]
        pivot = (matrix[j, j] - sum(squares, zero)).rational()
        subtracted = "".join(f" − {_paren(L[j][k])}²" for k in range(j))
        formula = f"l{j + 1}{j + 1} = √(a{j + 1}{j + 1}" + "".join(
            f" − l{j + 1}{k + 1}²" for k in range(j)
        )
        if j == 0:
            shown = f"l11 = √a11 = √{_paren(pivot)}"
        else:
            shown = f"{formula}) = √({fraction_text(matrix[j, j])}{subtracted}) = √{_paren(pivot)}"
        if pivot <= 0:
            derivation.add(
                Step(
                    "nonpositive_pivot",
                    MathText(
                        f"{shown}: the pivot {fraction_text(pivot)} ≤ 0",
                        rf"l_{{{j + 1}{j + 1}}}^2 = {fraction_latex(pivot)} \leq 0",
                    ),
                    note="A square root of a number ≤ 0 is not a positive real: A is not "
                    "positive definite.",
                    data={"column": j, "pivot": pivot},
                )
            )
            derivation.result = "A is not positive definite"
            derivation.conclusion.append(
                f"Pivot {j + 1} is {fraction_text(pivot)} ≤ 0, so xᵀAx ≤ 0 for some x ≠ 0."
            )
            return CholeskyResult(None, False, j, derivation)
        L[j][j] = sqrt(pivot)
        derivation.add(
            Step(
                "diagonal",
                MathText(
                    shown if str(L[j][j]) == f"√{pivot}" else f"{shown} = {L[j][j]}",
                    rf"l_{{{j + 1}{j + 1}}} = \sqrt{{{fraction_latex(pivot)}}} = "
                    rf"{L[j][j].__mml_latex__()}",
                ),
                data={"row": j, "column": j, "pivot": pivot},
            )
        )
        for i in range(j + 1, n):
            products = [L[i][k] * L[j][k] for k in range(j)]
            numerator = matrix[i, j] - sum(products, zero)
            L[i][j] = numerator / L[j][j]
            terms = "".join(f" − l{i + 1}{k + 1}·l{j + 1}{k + 1}" for k in range(j))
            derivation.add(
                Step(
                    "below_diagonal",
                    MathText(
                        f"l{i + 1}{j + 1} = (a{i + 1}{j + 1}{terms}) / l{j + 1}{j + 1} = "
                        f"{_paren(numerator)} / {_paren(L[j][j])} = {L[i][j]}",
                        rf"l_{{{i + 1}{j + 1}}} = \frac{{{numerator.__mml_latex__()}}}"
                        rf"{{{L[j][j].__mml_latex__()}}} = {L[i][j].__mml_latex__()}",
                    ),
                    data={"row": i, "column": j},
                )
            )
        derivation.steps[-1]._after = _partial(L)
    factor = _partial(L)
    derivation.result = factor
    check = factor @ factor.T == matrix
    derivation.conclusion.append("Check: L·Lᵀ = A exactly." if check else "Check failed: L·Lᵀ ≠ A.")
    return CholeskyResult(factor, True, None, derivation)


def is_positive_definite(A: MatrixLike) -> bool:
    """Whether a symmetric matrix is positive definite: every Cholesky pivot is > 0 (§3.2.3).

    >>> is_positive_definite("2 -1; -1 2"), is_positive_definite("1 2; 2 1")
    (True, False)
    """
    return cholesky(A).positive_definite
