"""Orthogonal projections onto a line, a subspace and an affine space, exactly (book §3.8).

Onto ``U = span(B)`` (the columns of ``B`` a basis): the coordinates ``λ`` solve the normal
equations ``BᵀB λ = Bᵀx``; the projection is ``π_U(x) = Bλ`` and the projection matrix is
``P = B (BᵀB)⁻¹ Bᵀ``. Two checks close every derivation: ``P² = P`` and the residual
``x − π_U(x)`` is orthogonal to every basis vector. Onto a line the formulas reduce to
``λ = bᵀx / bᵀb`` and ``P = b bᵀ / bᵀb``. Onto an affine space ``x₀ + U``: shift by ``x₀``,
project onto ``U``, shift back.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from mml.errors import ShapeError
from mml.exact.inverse import inverse
from mml.exact.matrix import Matrix, as_vector
from mml.exact.spaces import column_space, vectors_as_columns
from mml.exact.surd import Surd, sqrt
from mml.exact.systems import solve
from mml.exact.vectors import dot, vector_latex, vector_text
from mml.steps import Derivation, MathText, Step, fraction_latex, fraction_text

__all__ = ["ProjectionResult", "project", "project_onto_line", "project_onto_affine"]

Vector = tuple[Fraction, ...]


@dataclass(frozen=True)
class ProjectionResult:
    """The orthogonal projection of a point.

    Attributes
    ----------
    point : tuple of Fraction
        ``π(x)``, the closest point of the subspace (or affine space).
    coordinates : tuple of Fraction
        ``λ`` with ``π(x) = x₀ + Bλ`` in the basis used.
    P : Matrix
        The projection matrix of the (direction) subspace.
    residual : tuple of Fraction
        ``x − π(x)``, orthogonal to the subspace.
    distance : Surd
        ``‖x − π(x)‖``, the distance from ``x`` to the subspace.
    basis : tuple of vectors
        The basis of the subspace actually used (dependent vectors removed).
    steps : Derivation
    """

    point: Vector
    coordinates: Vector
    P: Matrix
    residual: Vector
    distance: Surd
    basis: tuple[Vector, ...]
    steps: Derivation

    @property
    def value(self) -> Vector:
        return self.point

    def __str__(self) -> str:
        return self.steps.render("text")

    def _repr_markdown_(self) -> str:
        return self.steps.render("markdown")


def _target(x: Any, n: int) -> Vector:
    vector = as_vector(x, "x")
    if len(vector) != n:
        raise ShapeError(f"x has {len(vector)} entries; the subspace lives in ℚ^{n}")
    return vector


def _checks(derivation: Derivation, P: Matrix, B: Matrix, residual: Vector) -> None:
    idempotent = P @ P == P
    derivation.add(
        Step(
            "check_idempotent",
            "Check P² = P (projecting twice changes nothing): "
            + ("holds." if idempotent else "FAILS."),
            data={"holds": idempotent},
        )
    )
    products = B.T @ residual
    orthogonal = not any(products)
    derivation.add(
        Step(
            "check_residual",
            MathText(
                f"Check Bᵀ(x − π) = {vector_text(products)}: the residual is "
                + ("orthogonal to U." if orthogonal else "NOT orthogonal to U."),
                rf"B^\top (x - \pi) = {vector_latex(products)}",
            ),
            data={"holds": orthogonal},
        )
    )


def _finish(derivation: Derivation, x: Vector, point: Vector) -> tuple[Vector, Surd]:
    residual = tuple(a - b for a, b in zip(x, point))
    distance = sqrt(dot(residual, residual))
    derivation.result = MathText(f"π(x) = {vector_text(point)}", rf"\pi(x) = {vector_latex(point)}")
    derivation.conclusion.append(f"Distance from x to the subspace: ‖x − π(x)‖ = {distance}.")
    return residual, distance


def project_onto_line(x: Any, b: Any) -> ProjectionResult:
    """Project ``x`` onto the line through the origin spanned by ``b`` (book §3.8.1).

    ``λ = bᵀx / bᵀb``, ``π(x) = λ b``, ``P = b bᵀ / bᵀb``.

    Raises
    ------
    ShapeError
        If the lengths differ.
    DomainError
        If ``b`` is the zero vector (it spans no line).

    Examples
    --------
    >>> result = project_onto_line((1, 1, 1), (1, 2, 2))
    >>> result.point
    (Fraction(5, 9), Fraction(10, 9), Fraction(10, 9))
    >>> print(result.P)
    [ 1/9  2/9  2/9 ]
    [ 2/9  4/9  4/9 ]
    [ 2/9  4/9  4/9 ]
    """
    from mml.errors import DomainError

    direction = as_vector(b, "b")
    if not any(direction):
        raise DomainError("b is the zero vector, so it spans no line to project onto")
    target = _target(x, len(direction))
    derivation = Derivation(f"Project x = {vector_text(target)} onto the line spanned by b")
    bx, bb = dot(direction, target), dot(direction, direction)
    coefficient = bx / bb
    derivation.add(
        Step(
            "coordinate",
            MathText(
                f"λ = bᵀx / bᵀb = {fraction_text(bx)} / {fraction_text(bb)} = "
                f"{fraction_text(coefficient)}",
                rf"\lambda = \frac{{b^\top x}}{{b^\top b}} = \frac{{{fraction_latex(bx)}}}"
                rf"{{{fraction_latex(bb)}}} = {fraction_latex(coefficient)}",
            ),
            data={"coordinate": coefficient},
        )
    )
    point = tuple(coefficient * a for a in direction)
    derivation.add(
        Step(
            "projection",
            MathText(
                f"π(x) = λ·b = {fraction_text(coefficient)}·{vector_text(direction)} = "
                f"{vector_text(point)}",
                rf"\pi(x) = \lambda b = {vector_latex(point)}",
            ),
        )
    )
    column = Matrix.from_columns([direction])
    P = (column @ column.T) / bb
    derivation.add(Step("projection_matrix", "P = b·bᵀ / bᵀb", after=P))
    residual, distance = _finish(derivation, target, point)
    _checks(derivation, P, column, residual)
    return ProjectionResult(point, (coefficient,), P, residual, distance, (direction,), derivation)


def project(x: Any, basis: Any) -> ProjectionResult:
    """Project ``x`` onto ``U = span(basis)`` through the normal equations (book §3.8.2).

    Parameters
    ----------
    x : vector-like, length n
    basis : sequence of vectors in ℚⁿ, or a Matrix whose columns span U
        Dependent vectors are removed first (the pivot columns are kept).

    Returns
    -------
    ProjectionResult
        ``point``, ``coordinates`` (λ), ``P``, ``residual``, ``distance``, ``basis``,
        ``steps``: ``BᵀB``, ``Bᵀx``, the elimination solving ``BᵀBλ = Bᵀx``, ``π = Bλ``,
        ``P = B(BᵀB)⁻¹Bᵀ`` and the checks ``P² = P`` and ``Bᵀ(x − π) = 0``.

    Raises
    ------
    ShapeError
        If ``x`` and the basis vectors have different lengths.
    DomainError
        If every basis vector is zero (U = {0}).

    Examples
    --------
    >>> result = project((6, 0, 0), [(1, 1, 1), (0, 1, 2)])
    >>> result.point, result.coordinates
    ((Fraction(5, 1), Fraction(2, 1), Fraction(-1, 1)), (Fraction(5, 1), Fraction(-3, 1)))
    >>> print(result.distance)
    √6
    """
    from mml.errors import DomainError

    B = vectors_as_columns(basis, "basis")
    n = B.shape[0]
    target = _target(x, n)
    derivation = Derivation(
        f"Project x = {vector_text(target)} onto U = span of {B.shape[1]} vector(s)", given=B
    )
    space = column_space(B)
    if not space.basis:
        raise DomainError("the basis vectors are all zero: U = {0} and π(x) = 0")
    if space.dimension < B.shape[1]:
        derivation.add(
            Step(
                "independent_basis",
                f"The {B.shape[1]} vectors are dependent (rank {space.dimension}); keep the pivot "
                "columns as a basis so that BᵀB is invertible.",
            )
        )
        B = Matrix.from_columns(space.basis)
    if B.shape[1] == 1:
        line = project_onto_line(target, B.column(0))
        derivation.extend(line.steps)
        derivation.result, derivation.conclusion = line.steps.result, line.steps.conclusion
        return ProjectionResult(
            line.point,
            line.coordinates,
            line.P,
            line.residual,
            line.distance,
            line.basis,
            derivation,
        )
    gram = B.T @ B
    rhs = B.T @ target
    derivation.add(Step("gram_matrix", "BᵀB", after=gram))
    derivation.add(
        Step(
            "right_hand_side",
            MathText(f"Bᵀx = {vector_text(rhs)}", rf"B^\top x = {vector_latex(rhs)}"),
        )
    )
    derivation.add(
        Step(
            "normal_equations",
            "Solve the normal equations BᵀB·λ = Bᵀx by elimination (unknowns x1, x2, … are "
            "λ1, λ2, …):",
        )
    )
    solution = solve((gram, rhs))
    derivation.extend(solution.steps)
    assert solution.particular is not None and solution.kind == "unique"
    coordinates = solution.particular
    point = B @ coordinates
    derivation.add(
        Step(
            "projection",
            MathText(
                f"λ = {vector_text(coordinates)}, π(x) = B·λ = {vector_text(point)}",
                rf"\lambda = {vector_latex(coordinates)},\ \pi(x) = B\lambda = "
                rf"{vector_latex(point)}",
            ),
        )
    )
    P = B @ inverse(gram).value @ B.T
    derivation.add(Step("projection_matrix", "P = B·(BᵀB)⁻¹·Bᵀ", after=P))
    residual, distance = _finish(derivation, target, point)
    _checks(derivation, P, B, residual)
    return ProjectionResult(point, coordinates, P, residual, distance, tuple(B.columns), derivation)


def project_onto_affine(x: Any, point: Any, directions: Any) -> ProjectionResult:
    """Project ``x`` onto the affine space ``L = x₀ + span(directions)`` (book §3.8.4).

    ``π_L(x) = x₀ + π_U(x − x₀)``: shift so that ``L`` passes through the origin, project onto
    the direction space ``U``, and shift back.

    Raises
    ------
    ShapeError
        If the lengths differ.

    Examples
    --------
    >>> project_onto_affine((2, 3), (0, 1), [(1, 0)]).point
    (Fraction(2, 1), Fraction(1, 1))
    """
    origin = as_vector(point, "point")
    target = _target(x, len(origin))
    shifted = tuple(a - b for a, b in zip(target, origin))
    inner = project(shifted, directions)
    if len(inner.basis[0]) != len(origin):
        raise ShapeError(f"point has {len(origin)} entries; directions have {len(inner.basis[0])}")
    derivation = Derivation(
        f"Project x = {vector_text(target)} onto the affine space x₀ + U, x₀ = {vector_text(origin)}"
    )
    derivation.add(
        Step(
            "shift",
            MathText(
                f"x − x₀ = {vector_text(shifted)} (move x₀ to the origin)",
                rf"x - x_0 = {vector_latex(shifted)}",
            ),
        )
    )
    derivation.extend(inner.steps)
    result = tuple(a + b for a, b in zip(origin, inner.point))
    derivation.add(
        Step(
            "shift_back",
            MathText(
                f"π_L(x) = x₀ + π_U(x − x₀) = {vector_text(result)}",
                rf"\pi_L(x) = x_0 + \pi_U(x - x_0) = {vector_latex(result)}",
            ),
        )
    )
    derivation.result = MathText(
        f"π_L(x) = {vector_text(result)}", rf"\pi_L(x) = {vector_latex(result)}"
    )
    derivation.conclusion.append(f"Distance from x to L: {inner.distance}.")
    return ProjectionResult(
        result,
        inner.coordinates,
        inner.P,
        inner.residual,
        inner.distance,
        inner.basis,
        derivation,
    )
