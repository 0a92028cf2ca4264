"""Rank, the four fundamental subspaces, independence, spans, bases and coordinates
(book §2.4–2.6), exactly and with steps.

Examples
--------
>>> A = [[1, 2, 3], [2, 4, 6]]
>>> rank(A)
1
>>> null_space(A).basis
((Fraction(-2, 1), Fraction(1, 1), Fraction(0, 1)), (Fraction(-3, 1), Fraction(0, 1), Fraction(1, 1)))
>>> print(column_space(A))
span{(1, 2)}
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from mml.errors import DomainError, ShapeError
from mml.exact.elimination import Eliminator
from mml.exact.matrix import AugmentedMatrix, Matrix, MatrixLike, as_matrix, as_vector
from mml.exact.results import ExactResult, Subspace
from mml.exact.rref import rref
from mml.exact.systems import null_space_basis, solve
from mml.exact.vectors import smallest_integer_vector, vector_text
from mml.steps import Derivation, MathText, Step

__all__ = [
    "rank",
    "null_space",
    "column_space",
    "row_space",
    "is_linearly_independent",
    "IndependenceResult",
    "in_span",
    "SpanMembership",
    "basis",
    "coordinates",
    "change_of_basis",
    "vectors_as_columns",
]


def vectors_as_columns(vectors: Any, name: str = "vectors") -> Matrix:
    """The matrix whose columns are the given vectors (a list of vectors, or text).

    Raises
    ------
    ShapeError
        If the vectors have different lengths or none are given.
    """
    if isinstance(vectors, Matrix):
        return vectors
    if isinstance(vectors, str):
        return as_matrix(vectors, name).T
    listed = [as_vector(v, f"{name}[{i}]") for i, v in enumerate(vectors)]
    if not listed:
        raise ShapeError(f"{name}: expected at least one vector")
    lengths = {len(v) for v in listed}
    if len(lengths) > 1:
        raise ShapeError(f"{name} have different lengths {[len(v) for v in listed]}")
    return Matrix._trusted(
        tuple(tuple(v[i] for v in listed) for i in range(len(listed[0]))), len(listed)
    )


def rank(A: MatrixLike) -> int:
    """The rank of ``A``: the number of pivots in its row echelon form (book §2.6.2).

    >>> rank("1 2; 2 4"), rank([[1, 0], [0, 1]])
    (1, 2)
    """
    matrix = as_matrix(A, "A")
    return len(Eliminator(matrix, record=False).forward())


def null_space(A: MatrixLike) -> Subspace:
    """A basis of the null space (kernel) ``{x : A x = 0}`` by the Minus-1 trick (§2.3.3).

    Each basis vector is the smallest integer vector with its free variable positive.

    Parameters
    ----------
    A : matrix-like, shape (m, n)

    Returns
    -------
    Subspace
        ``basis`` (n − rank vectors of length n), ``dimension``, ``steps``.

    Examples
    --------
    >>> null_space([[2, 4]]).basis
    ((Fraction(-2, 1), Fraction(1, 1)),)
    >>> null_space([[1, 0], [0, 1]]).dimension
    0
    """
    matrix = as_matrix(A, "A")
    n = matrix.shape[1]
    reduced = rref(matrix)
    derivation = Derivation(f"Null space of a {matrix.shape[0]}×{n} matrix", given=matrix)
    derivation.extend(reduced.steps)
    free = [j for j in range(n) if j not in reduced.pivots]
    if not free:
        derivation.add(
            Step("no_free_variables", "Every column has a pivot: only x = 0 solves A·x = 0.")
        )
        derivation.result = MathText("{0}", r"\{\mathbf{0}\}")
        return Subspace((), n, derivation, "null space")
    square, raw = null_space_basis(reduced.matrix, reduced.pivots, n)
    derivation.add(
        Step(
            "minus_one_trick",
            "Minus-1 trick: a row with −1 on the diagonal for each free column; those columns "
            "span the null space.",
            after=square,
        )
    )
    vectors = tuple(smallest_integer_vector(v, positive_at=j) for v, j in zip(raw, free))
    result = Subspace(vectors, n, derivation, "null space")
    derivation.result = result
    derivation.conclusion.append(f"dim ker A = {len(vectors)} = n − rank = {n} − {reduced.rank}.")
    return result


def column_space(A: MatrixLike) -> Subspace:
    """A basis of the column space (image): the columns of ``A`` at the pivot positions (§2.6).

    >>> column_space([[1, 2], [2, 4]]).basis
    ((Fraction(1, 1), Fraction(2, 1)),)
    """
    matrix = as_matrix(A, "A")
    echelon = rref(matrix)
    derivation = Derivation(
        f"Column space of a {matrix.shape[0]}×{matrix.shape[1]} matrix", given=matrix
    )
    derivation.extend(echelon.steps)
    vectors = tuple(matrix.column(j) for j in echelon.pivots)
    derivation.add(
        Step(
            "pivot_columns",
            f"The pivot columns {', '.join(str(j + 1) for j in echelon.pivots) or '(none)'} of the "
            "original matrix form a basis of its column space.",
        )
    )
    result = Subspace(vectors, matrix.shape[0], derivation, "column space")
    derivation.result = result
    return result


def row_space(A: MatrixLike) -> Subspace:
    """A basis of the row space: the nonzero rows of the RREF, as smallest integer vectors.

    >>> row_space([[1, 2], [2, 4]]).basis
    ((Fraction(1, 1), Fraction(2, 1)),)
    """
    matrix = as_matrix(A, "A")
    echelon = rref(matrix)
    derivation = Derivation(
        f"Row space of a {matrix.shape[0]}×{matrix.shape[1]} matrix", given=matrix
    )
    derivation.extend(echelon.steps)
    vectors = tuple(smallest_integer_vector(echelon.matrix.row(i)) for i in range(echelon.rank))
    derivation.add(
        Step("nonzero_rows", "The nonzero rows of the RREF form a basis of the row space.")
    )
    result = Subspace(vectors, matrix.shape[1], derivation, "row space")
    derivation.result = result
    return result


@dataclass(frozen=True)
class IndependenceResult:
    """Whether vectors are linearly independent; if not, a nontrivial relation Σ cᵢvᵢ = 0."""

    independent: bool
    relation: tuple[Fraction, ...] | None
    steps: Derivation

    def __bool__(self) -> bool:
        return self.independent

    def __str__(self) -> str:
        return self.steps.render("text")


def is_linearly_independent(vectors: Any) -> IndependenceResult:
    """Test linear independence by elimination on the vectors as columns (book §2.5).

    The vectors are independent exactly when every column has a pivot. Otherwise a null-space
    vector of the column matrix gives a nontrivial combination that is zero.

    Examples
    --------
    >>> result = is_linearly_independent([(1, 2, 3), (4, 5, 6), (7, 8, 9)])
    >>> bool(result), result.relation
    (False, (Fraction(1, 1), Fraction(-2, 1), Fraction(1, 1)))
    """
    matrix = vectors_as_columns(vectors)
    kernel = null_space(matrix)
    derivation = Derivation(
        f"Are these {matrix.shape[1]} vectors linearly independent?", given=matrix
    )
    derivation.extend(kernel.steps)
    if not kernel.basis:
        derivation.result = "independent"
        derivation.conclusion.append(
            "Every column has a pivot: the vectors are linearly independent."
        )
        return IndependenceResult(True, None, derivation)
    relation = kernel.basis[0]
    terms = " + ".join(f"({c})·v{i + 1}" for i, c in enumerate(relation) if c)
    derivation.result = "dependent"
    derivation.conclusion.append(
        f"Not every column has a pivot: {terms} = 0, so they are dependent."
    )
    return IndependenceResult(False, relation, derivation)


@dataclass(frozen=True)
class SpanMembership:
    """Whether a vector lies in a span; if so, coefficients with Σ cᵢvᵢ = vector."""

    contained: bool
    coefficients: tuple[Fraction, ...] | None
    steps: Derivation

    def __bool__(self) -> bool:
        return self.contained

    def __str__(self) -> str:
        return self.steps.render("text")


def in_span(vector: Any, vectors: Any, steps: bool = True) -> SpanMembership:
    """Whether ``vector`` is a linear combination of ``vectors``, with the coefficients.

    Solves ``[v₁ … v_k] c = vector``; a solution is one choice of coefficients.

    Examples
    --------
    >>> member = in_span((3, 5), [(1, 1), (1, 2)])
    >>> bool(member), member.coefficients
    (True, (Fraction(1, 1), Fraction(2, 1)))
    >>> bool(in_span((0, 1), [(1, 1)]))
    False
    """
    matrix = vectors_as_columns(vectors)
    target = as_vector(vector, "vector")
    if len(target) != matrix.shape[0]:
        raise ShapeError(
            f"vector has {len(target)} entries; the spanning vectors have {matrix.shape[0]}"
        )
    solution = solve((matrix, target))
    if solution.kind == "none":
        return SpanMembership(False, None, solution.steps)
    return SpanMembership(True, solution.particular, solution.steps)


def basis(vectors: Any) -> Subspace:
    """A basis of ``span(vectors)`` chosen from the vectors themselves (the pivot columns).

    >>> basis([(1, 2), (2, 4), (0, 1)]).basis
    ((Fraction(1, 1), Fraction(2, 1)), (Fraction(0, 1), Fraction(1, 1)))
    """
    matrix = vectors_as_columns(vectors)
    result = column_space(matrix)
    return Subspace(result.basis, result.ambient_dimension, result.steps, "span")


def coordinates(vector: Any, basis_vectors: Any) -> ExactResult:
    """The coordinates of ``vector`` with respect to a basis: the unique c with B c = vector.

    Raises
    ------
    DomainError
        If the vectors are not a basis of a space containing ``vector``.

    Examples
    --------
    >>> coordinates((3, 5), [(1, 1), (1, 2)]).value
    (Fraction(1, 1), Fraction(2, 1))
    """
    matrix = vectors_as_columns(basis_vectors, "basis")
    solution = solve((matrix, as_vector(vector, "vector")))
    if solution.kind == "none":
        raise DomainError(
            f"{vector_text(as_vector(vector))} is not in the span of the basis vectors"
        )
    if solution.kind == "infinite":
        raise DomainError("the given vectors are linearly dependent, so they are not a basis")
    assert solution.particular is not None
    return ExactResult(solution.particular, solution.steps, "solve")


def change_of_basis(old_basis: Any, new_basis: Any) -> ExactResult:
    """The matrix S that turns coordinates w.r.t. ``old_basis`` into coordinates w.r.t.
    ``new_basis``: ``S = C⁻¹ B`` with B, C the basis vectors as columns (book §2.7.2).

    Computed by Gauss–Jordan on ``[C | B]``.

    Raises
    ------
    ShapeError
        If the bases live in different spaces or are not square.
    DomainError
        If ``new_basis`` is not a basis.

    Examples
    --------
    >>> change_of_basis([(1, 0), (0, 1)], [(1, 1), (1, -1)]).value.tolist() == [
    ...     [Fraction(1, 2), Fraction(1, 2)], [Fraction(1, 2), Fraction(-1, 2)]]
    True
    """
    B = vectors_as_columns(old_basis, "old_basis")
    C = vectors_as_columns(new_basis, "new_basis")
    if B.shape != C.shape or not C.is_square():
        raise ShapeError(f"bases as columns have shapes {B.shape} and {C.shape}; both must be n×n")
    n = C.shape[0]
    engine = Eliminator(AugmentedMatrix.from_parts(C, B))
    pivots = engine.forward(n)
    if len(pivots) < n:
        raise DomainError("new_basis is linearly dependent, so it is not a basis")
    engine.backward(pivots)
    derivation = engine.derivation("Change of basis: Gauss–Jordan on [C | B] gives [I | C⁻¹B]")
    result = engine.matrix()
    value = Matrix._trusted(tuple(row[n:] for row in result.rows), n)
    derivation.result = value
    return ExactResult(value, derivation, "gauss_jordan")
