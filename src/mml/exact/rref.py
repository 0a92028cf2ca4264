"""Row echelon and reduced row echelon forms with their row operations (book §2.3).

Examples
--------
>>> result = rref("[[1, 2, 3], [4, 5, 6], [7, 8, 10]]")
>>> result.pivots
(0, 1, 2)
>>> result.matrix == Matrix.identity(3)
True
>>> str(result.steps[0].description)
'R2 ← R2 − 4·R1'
"""

from __future__ import annotations

from mml.exact.elimination import EchelonForm, Eliminator
from mml.exact.matrix import Matrix, MatrixLike, as_matrix

__all__ = ["row_echelon_form", "rref", "reduced_row_echelon_form"]


def _columns_to_reduce(matrix: Matrix) -> int:
    bar = getattr(matrix, "bar_before", None)
    return matrix.shape[1] if bar is None else bar


def row_echelon_form(A: MatrixLike, steps: bool = True) -> EchelonForm:
    """Row echelon form by Gaussian elimination, with each row operation recorded.

    Works left to right: in each column, the first row (from the current one down) with a
    nonzero entry becomes the pivot row (swapped up if needed), and multiples of it are
    subtracted from the rows below. No pivot is scaled, as on paper.

    Parameters
    ----------
    A : matrix-like
        An m×n matrix (``Matrix``, nested lists, integer array, or text such as ``"1 2; 3 4"``).
        For an ``AugmentedMatrix`` only the columns before the bar are pivoted.
    steps : bool
        Record the row operations (default ``True``).

    Returns
    -------
    EchelonForm
        ``.matrix`` (m×n), ``.pivots`` (0-based columns), ``.rank``, ``.steps``.

    Raises
    ------
    ShapeError, DomainError, ParseError
        For input that is not a rectangular matrix of rational numbers.

    Examples
    --------
    >>> ref = row_echelon_form([[3, 1], [4, -2]])
    >>> print(ref.matrix)
    [ 3      1 ]
    [ 0  -10/3 ]
    >>> str(ref.steps[0].description)
    'R2 ← R2 − 4/3·R1'
    """
    matrix = as_matrix(A, "A")
    engine = Eliminator(matrix, record=steps)
    pivots = engine.forward(_columns_to_reduce(matrix))
    derivation = engine.derivation(
        f"Row echelon form of a {matrix.shape[0]}×{matrix.shape[1]} matrix", matrix
    )
    result = engine.matrix()
    derivation.result = result
    derivation.conclusion.append(_pivot_sentence(pivots))
    return EchelonForm(result, tuple(pivots), derivation)


def rref(A: MatrixLike, steps: bool = True) -> EchelonForm:
    """Reduced row echelon form (Gauss–Jordan), with each row operation recorded.

    First the row echelon form (see :func:`row_echelon_form`); then, from the last pivot up,
    each pivot row is scaled so that its pivot is 1 and multiples of it are subtracted from
    the rows above. The RREF of a matrix is unique.

    Parameters
    ----------
    A : matrix-like
        An m×n matrix; see :func:`row_echelon_form`.
    steps : bool
        Record the row operations (default ``True``).

    Returns
    -------
    EchelonForm
        ``.matrix`` (m×n), ``.pivots``, ``.rank``, ``.steps``.

    Raises
    ------
    ShapeError, DomainError, ParseError
        For input that is not a rectangular matrix of rational numbers.

    Examples
    --------
    >>> print(rref([[2, 4, 5]]).matrix)
    [ 1  2  5/2 ]
    """
    matrix = as_matrix(A, "A")
    engine = Eliminator(matrix, record=steps)
    pivots = engine.forward(_columns_to_reduce(matrix))
    engine.backward(pivots)
    derivation = engine.derivation(
        f"Reduced row echelon form of a {matrix.shape[0]}×{matrix.shape[1]} matrix", matrix
    )
    result = engine.matrix()
    derivation.result = result
    derivation.conclusion.append(_pivot_sentence(pivots))
    return EchelonForm(result, tuple(pivots), derivation)


reduced_row_echelon_form = rref


def _pivot_sentence(pivots: list[int]) -> str:
    if not pivots:
        return "No pivots: the matrix is zero (rank 0)."
    columns = ", ".join(str(c + 1) for c in pivots)
    return f"Pivots in column(s) {columns}: rank {len(pivots)}."
