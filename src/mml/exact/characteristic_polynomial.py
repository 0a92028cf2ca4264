"""The characteristic polynomial ``p(λ) = det(A − λI)``, expanded with steps (book §4.2).

For n ≤ 4 the determinant of ``A − λI`` is expanded by Laplace along the row or column with the
most zeros, with polynomial entries, down to 2×2 determinants; every minor is a step. Above that
the Faddeev–LeVerrier recursion gives the coefficients, each one a step.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from mml.errors import ShapeError
from mml.exact.matrix import Matrix, MatrixLike, as_matrix
from mml.exact.polynomial import Polynomial
from mml.exact.results import ExactResult
from mml.steps import Derivation, MathText, Step, fraction_latex, fraction_text

__all__ = ["characteristic_polynomial", "square_matrix", "MAX_COFACTOR_SIZE"]

MAX_COFACTOR_SIZE = 4


def square_matrix(A: MatrixLike) -> Matrix:
    matrix = as_matrix(A, "A")
    if not matrix.is_square():
        raise ShapeError(f"eigenvalues are defined for square matrices; A has shape {matrix.shape}")
    if matrix.shape[0] == 0:
        raise ShapeError("A is 0×0: it has no eigenvalues")
    return matrix


# -- A − λI as something a renderer can show ------------------------------------------------
def _entry(p: Polynomial) -> MathText:
    """``2 − λ`` rather than ``−λ + 2`` for the diagonal of A − λI."""
    if p.degree == 1 and p.coefficients[1] == -1:
        c = p.coefficients[0]
        if c == 0:
            return MathText("−λ", r"-\lambda")
        return MathText(f"{fraction_text(c)} − λ", rf"{fraction_latex(c)} - \lambda")
    return MathText(str(p), p.__mml_latex__())


@dataclass(frozen=True)
class _PolynomialMatrix:
    """Rows of polynomials, shown entry by entry (a matrix-like for the renderers)."""

    rows: tuple[tuple[Polynomial, ...], ...]

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.rows), len(self.rows[0]) if self.rows else 0)

    def tolist(self) -> list[list[MathText]]:
        return [[_entry(p) for p in row] for row in self.rows]


def _shifted(matrix: Matrix) -> _PolynomialMatrix:
    n = matrix.shape[0]
    lam = Polynomial.variable_()
    return _PolynomialMatrix(
        tuple(
            tuple(matrix[i, j] - lam if i == j else Polynomial([matrix[i, j]]) for j in range(n))
            for i in range(n)
        )
    )


def _paren(p: Polynomial) -> str:
    text = _entry(p).text
    return f"({text})" if (" " in text or text.startswith(("-", "−"))) else text


def _minor(rows: tuple[tuple[Polynomial, ...], ...], i: int, j: int) -> _PolynomialMatrix:
    return _PolynomialMatrix(tuple(row[:j] + row[j + 1 :] for k, row in enumerate(rows) if k != i))


def _expand(matrix: _PolynomialMatrix, derivation: Derivation, label: str) -> Polynomial:
    rows = matrix.rows
    n = len(rows)
    if n == 1:
        return rows[0][0]
    if n == 2:
        (a, b), (c, d) = rows
        value = a * d - b * c
        derivation.add(
            Step(
                "two_by_two",
                MathText(
                    f"{label} = {_paren(a)}·{_paren(d)} − {_paren(b)}·{_paren(c)} = {value}",
                    rf"{label} = {value.__mml_latex__()}",
                ),
                before=matrix,
                data={"value": value},
            )
        )
        return value
    # Expand along the line with the most zeros: each zero saves a minor.
    row_zeros = [sum(1 for p in row if not p.coefficients) for row in rows]
    column_zeros = [sum(1 for row in rows if not row[j].coefficients) for j in range(n)]
    best_row = max(range(n), key=lambda i: row_zeros[i])
    best_column = max(range(n), key=lambda j: column_zeros[j])
    along_row = row_zeros[best_row] >= column_zeros[best_column]
    index = best_row if along_row else best_column
    positions = [(index, k) if along_row else (k, index) for k in range(n)]
    terms = [(i, j, rows[i][j]) for i, j in positions if rows[i][j].coefficients]
    shown = " ".join(
        f"{'−' if (i + j) % 2 else '+'} {_paren(p)}·det(M{i + 1}{j + 1})" for i, j, p in terms
    ).lstrip("+ ")
    derivation.add(
        Step(
            "cofactor_expansion",
            f"{label}: expand along {'row' if along_row else 'column'} {index + 1}: {shown or '0'}",
            before=matrix,
            data={"line": "row" if along_row else "column", "index": index},
        )
    )
    total = Polynomial([])
    for i, j, p in terms:
        minor = _expand(_minor(rows, i, j), derivation, f"det(M{i + 1}{j + 1})")
        total = total + p * minor * (-1 if (i + j) % 2 else 1)
    derivation.add(Step("combine", MathText(f"{label} = {total}", rf"{total.__mml_latex__()}")))
    return total


def _faddeev_leverrier(matrix: Matrix, derivation: Derivation) -> Polynomial:
    """``det(λI − A) = Σ c_k λ^k`` by M_k = A M_{k−1} + c_{n−k+1} I, c_{n−k} = −tr(A M_k)/k."""
    n = matrix.shape[0]
    coefficients = [Fraction(0)] * (n + 1)
    coefficients[n] = Fraction(1)
    M = Matrix.zeros(n, n)
    identity = Matrix.identity(n)
    for k in range(1, n + 1):
        M = matrix @ M + identity * coefficients[n - k + 1]
        AM = matrix @ M
        coefficients[n - k] = -sum((AM[i, i] for i in range(n)), Fraction(0)) / k
        derivation.add(
            Step(
                "faddeev_leverrier",
                f"M{k} = A·M{k - 1} + c{n - k + 1}·I; c{n - k} = −tr(A·M{k})/{k} = "
                f"{fraction_text(coefficients[n - k])}",
                after=M,
                data={"k": k, "coefficient": coefficients[n - k]},
            )
        )
    sign = -1 if n % 2 else 1
    return Polynomial([sign * c for c in coefficients])


def characteristic_polynomial(A: MatrixLike) -> ExactResult:
    """The characteristic polynomial ``p(λ) = det(A − λI)`` (book §4.2, Definition 4.5).

    Parameters
    ----------
    A : matrix-like, shape (n, n)

    Returns
    -------
    ExactResult
        ``value`` (a :class:`~mml.exact.polynomial.Polynomial` of degree n with leading
        coefficient ``(−1)ⁿ``), ``steps``, ``method`` (``"cofactor"`` for n ≤ 4, else
        ``"faddeev_leverrier"``).

    Raises
    ------
    ShapeError
        If ``A`` is not square or is empty.

    Examples
    --------
    >>> print(characteristic_polynomial("4 2; 1 3").value)
    λ² − 7λ + 10
    >>> print(characteristic_polynomial("2 0 0; 0 3 4; 0 4 9").value)
    -λ³ + 14λ² − 35λ + 22
    """
    matrix = square_matrix(A)
    n = matrix.shape[0]
    derivation = Derivation(f"Characteristic polynomial p(λ) = det(A − λI) of a {n}×{n} matrix")
    shifted = _shifted(matrix)
    derivation.add(Step("subtract_lambda", "A − λI: subtract λ on the diagonal", after=shifted))
    if n <= MAX_COFACTOR_SIZE:
        method = "cofactor"
        value = _expand(shifted, derivation, "det(A − λI)")
    else:
        method = "faddeev_leverrier"
        derivation.add(
            Step(
                "method",
                f"n = {n} > {MAX_COFACTOR_SIZE}: use the Faddeev–LeVerrier recursion for "
                "det(λI − A) = Σ c_k λ^k, then p(λ) = (−1)ⁿ det(λI − A).",
            )
        )
        value = _faddeev_leverrier(matrix, derivation)
    derivation.result = MathText(f"p(λ) = {value}", rf"p(\lambda) = {value.__mml_latex__()}")
    return ExactResult(value, derivation, method)
