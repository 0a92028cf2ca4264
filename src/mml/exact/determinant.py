"""Determinants and the trace, with steps (book §4.1).

Three methods, as on paper:

- ``cofactor``: Laplace expansion along the row or column with the most zeros, recursively,
  down to 2×2 determinants ``ad − bc`` (n ≤ 4 by default);
- ``sarrus``: the rule of Sarrus for 3×3 matrices (on request);
- ``elimination``: row echelon form, then ``det = (−1)^swaps · product of the pivots``.
"""

from __future__ import annotations

from fractions import Fraction

from mml.errors import DomainError, ShapeError
from mml.exact.elimination import Eliminator
from mml.exact.matrix import Matrix, MatrixLike, as_matrix
from mml.exact.results import ExactResult
from mml.steps import Derivation, MathText, Step, factor_text, fraction_latex, fraction_text

__all__ = ["det", "determinant", "trace", "METHODS"]

METHODS = ("auto", "cofactor", "sarrus", "elimination")
MAX_COFACTOR_SIZE = 4


def _square(A: MatrixLike, what: str) -> Matrix:
    matrix = as_matrix(A, "A")
    if not matrix.is_square():
        raise ShapeError(f"the {what} is defined for square matrices; A has shape {matrix.shape}")
    return matrix


def _label_latex(label: str) -> str:
    """``det A`` → ``\\det A``; ``det(M12)`` → ``\\det(M_{12})``."""
    if label.startswith("det(M") and label.endswith(")"):
        return rf"\det(M_{{{label[5:-1]}}})"
    return label.replace("det ", r"\det ")


def _minor(matrix: Matrix, i: int, j: int) -> Matrix:
    rows = tuple(row[:j] + row[j + 1 :] for k, row in enumerate(matrix.rows) if k != i)
    return Matrix._trusted(rows, matrix.shape[1] - 1)


def _cofactor(matrix: Matrix, derivation: Derivation, label: str) -> Fraction:
    n = matrix.shape[0]
    if n == 0:
        return Fraction(1)
    if n == 1:
        return matrix[0, 0]
    if n == 2:
        (a, b), (c, d) = matrix.rows
        value = a * d - b * c
        derivation.add(
            Step(
                "two_by_two",
                MathText(
                    f"{label} = {factor_text(a)}·{factor_text(d)} − {factor_text(b)}·{factor_text(c)} = {fraction_text(value)}",
                    rf"{_label_latex(label)} = {fraction_latex(a)} \cdot {fraction_latex(d)} - "
                    rf"{fraction_latex(b)} \cdot {fraction_latex(c)} = {fraction_latex(value)}",
                ),
                before=matrix,
                data={"value": value},
            )
        )
        return value
    # Expand along the line (row or column) with the most zeros: fewer minors to compute.
    row_zeros = [sum(1 for a in row if a == 0) for row in matrix.rows]
    column_zeros = [sum(1 for a in column if a == 0) for column in matrix.columns]
    best_row = max(range(n), key=lambda i: row_zeros[i])
    best_column = max(range(n), key=lambda j: column_zeros[j])
    along_row = row_zeros[best_row] >= column_zeros[best_column]
    index = best_row if along_row else best_column
    line = "row" if along_row else "column"
    zeros = row_zeros[best_row] if along_row else column_zeros[best_column]
    terms = []
    for k in range(n):
        i, j = (index, k) if along_row else (k, index)
        terms.append((i, j, matrix[i, j]))
    shown = " + ".join(
        f"{'−' if (i + j) % 2 else '+'}{factor_text(a)}·det(M{i + 1}{j + 1})"
        for i, j, a in terms
        if a != 0
    ).lstrip("+")
    why = f" (it has {zeros} zero{'s' if zeros != 1 else ''})" if zeros else ""
    derivation.add(
        Step(
            "cofactor_expansion",
            f"{label}: expand along {line} {index + 1}{why}: {shown or '0'}",
            before=matrix,
            data={"line": line, "index": index},
        )
    )
    total = Fraction(0)
    for i, j, a in terms:
        if a == 0:
            continue
        minor_value = _cofactor(_minor(matrix, i, j), derivation, f"det(M{i + 1}{j + 1})")
        total += (-1) ** (i + j) * a * minor_value
    derivation.add(
        Step(
            "combine",
            f"{label} = {fraction_text(total)}",
            data={"value": total},
        )
    )
    return total


def _sarrus(matrix: Matrix, derivation: Derivation) -> Fraction:
    a = matrix.rows
    plus = [(a[0][0], a[1][1], a[2][2]), (a[0][1], a[1][2], a[2][0]), (a[0][2], a[1][0], a[2][1])]
    minus = [(a[0][2], a[1][1], a[2][0]), (a[0][0], a[1][2], a[2][1]), (a[0][1], a[1][0], a[2][2])]
    plus_values = [x * y * z for x, y, z in plus]
    minus_values = [x * y * z for x, y, z in minus]
    derivation.add(
        Step(
            "sarrus",
            "Rule of Sarrus: the three down-right diagonals "
            + " + ".join("·".join(factor_text(v) for v in t) for t in plus)
            + " minus the three up-right diagonals "
            + " + ".join("·".join(factor_text(v) for v in t) for t in minus),
            before=matrix,
        )
    )
    value = sum(plus_values, Fraction(0)) - sum(minus_values, Fraction(0))
    derivation.add(
        Step(
            "combine",
            f"det A = ({' + '.join(fraction_text(v) for v in plus_values)}) − "
            f"({' + '.join(fraction_text(v) for v in minus_values)}) = {fraction_text(value)}",
            data={"value": value},
        )
    )
    return value


def _elimination(matrix: Matrix, derivation: Derivation) -> Fraction:
    engine = Eliminator(matrix)
    pivots = engine.forward()
    derivation.steps.extend(engine.steps)
    n = matrix.shape[0]
    if len(pivots) < n:
        derivation.add(
            Step(
                "zero_pivot",
                f"Only {len(pivots)} pivots for {n} columns: a zero on the diagonal, so det A = 0.",
            )
        )
        return Fraction(0)
    diagonal = [engine.entry(i, i) for i in range(n)]
    value = engine.sign * _product(diagonal)
    swaps = "" if engine.sign == 1 else "−"
    derivation.add(
        Step(
            "product_of_pivots",
            f"det A = {swaps}(product of the diagonal) = {swaps}"
            + "·".join(factor_text(d) for d in diagonal)
            + f" = {fraction_text(value)}"
            + (" (an odd number of row swaps flips the sign)" if engine.sign == -1 else ""),
            data={"value": value},
        )
    )
    return value


def _product(values: list[Fraction]) -> Fraction:
    result = Fraction(1)
    for v in values:
        result *= v
    return result


def det(A: MatrixLike, method: str = "auto") -> ExactResult:
    """The determinant of a square matrix, exactly, with the steps of the chosen method.

    Parameters
    ----------
    A : matrix-like, shape (n, n)
    method : {"auto", "cofactor", "sarrus", "elimination"}
        ``auto`` is cofactor expansion for n ≤ 4 and elimination above that.

    Returns
    -------
    ExactResult
        ``value`` (a Fraction), ``steps``, ``method``.

    Raises
    ------
    ShapeError
        If ``A`` is not square, or Sarrus is asked for a matrix that is not 3×3.
    DomainError
        For an unknown method.

    Examples
    --------
    >>> det("1 2; 3 4").value
    Fraction(-2, 1)
    >>> det([[2, 0, 1], [1, 3, 2], [1, 1, 2]], method="sarrus").value
    Fraction(6, 1)
    >>> det([[2, 0, 1], [1, 3, 2], [1, 1, 2]], method="elimination").value
    Fraction(6, 1)
    """
    matrix = _square(A, "determinant")
    if method not in METHODS:
        raise DomainError(f"unknown method {method!r}; expected one of {', '.join(METHODS)}")
    n = matrix.shape[0]
    if method == "auto":
        method = "cofactor" if n <= MAX_COFACTOR_SIZE else "elimination"
    derivation = Derivation(f"Determinant of a {n}×{n} matrix by {method}", given=matrix)
    if method == "sarrus":
        if n != 3:
            raise ShapeError(f"the rule of Sarrus is for 3×3 matrices; A is {n}×{n}")
        value = _sarrus(matrix, derivation)
    elif method == "cofactor":
        value = _cofactor(matrix, derivation, "det A")
    else:
        value = _elimination(matrix, derivation)
    derivation.result = MathText(
        f"det A = {fraction_text(value)}", rf"\det A = {fraction_latex(value)}"
    )
    derivation.conclusion.append(
        "det A ≠ 0: A is invertible."
        if value != 0
        else "det A = 0: A is singular (not invertible)."
    )
    return ExactResult(value, derivation, method)


determinant = det


def trace(A: MatrixLike) -> Fraction:
    """The trace: the sum of the diagonal entries (book §4.1.2).

    >>> trace("1 2; 3 4")
    Fraction(5, 1)
    """
    matrix = _square(A, "trace")
    return sum((matrix[i, i] for i in range(matrix.shape[0])), Fraction(0))
