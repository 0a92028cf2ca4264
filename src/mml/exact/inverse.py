"""The inverse by Gauss–Jordan elimination on ``[A | I]`` (book §2.2.2, §2.3.4)."""

from __future__ import annotations

from mml.errors import ShapeError
from mml.exact.elimination import Eliminator
from mml.exact.matrix import AugmentedMatrix, Matrix, MatrixLike, as_matrix
from mml.exact.results import ExactResult
from mml.steps import Step

__all__ = ["inverse"]


def inverse(A: MatrixLike) -> ExactResult:
    """The inverse of a square matrix by Gauss–Jordan on ``[A | I]`` → ``[I | A⁻¹]``.

    Parameters
    ----------
    A : matrix-like, shape (n, n)

    Returns
    -------
    ExactResult
        ``value`` (the inverse, a Matrix) and ``steps``.

    Raises
    ------
    ShapeError
        If ``A`` is not square.
    SingularMatrixError
        If ``A`` has rank < n; the exception's ``steps`` attribute holds the elimination that
        shows the missing pivot.

    Examples
    --------
    >>> print(inverse("[[2, 1], [1, 1]]").value)
    [  1  -1 ]
    [ -1   2 ]
    >>> inverse("1 2; 2 4")
    Traceback (most recent call last):
        ...
    mml.errors.SingularMatrixError: the matrix is singular: rank 1 < 2, so it has no inverse
    """
    matrix = as_matrix(A, "A")
    if not matrix.is_square():
        raise ShapeError(f"only a square matrix can have an inverse; A has shape {matrix.shape}")
    n = matrix.shape[0]
    augmented = AugmentedMatrix.from_parts(matrix, Matrix.identity(n))
    engine = Eliminator(augmented)
    pivots = engine.forward(n)
    derivation = engine.derivation(
        f"Inverse of a {n}×{n} matrix by Gauss–Jordan on [A | I]", augmented
    )
    if len(pivots) < n:
        derivation.add(
            Step("missing_pivot", f"Only {len(pivots)} pivot(s) in the left block: A is singular.")
        )
        from mml.errors import SingularMatrixError

        error = SingularMatrixError(
            f"the matrix is singular: rank {len(pivots)} < {n}, so it has no inverse"
        )
        error.steps = derivation  # type: ignore[attr-defined]
        raise error
    engine.backward(pivots)
    result = engine.matrix()
    value = Matrix._trusted(tuple(row[n:] for row in result.rows), n)
    derivation.result = value
    derivation.conclusion.append("The left block is I, so the right block is A⁻¹.")
    return ExactResult(value, derivation, "gauss_jordan")
