"""Gradient descent on a quadratic, iterate by iterate in exact fractions (book §7.1).

For ``f(x) = ½ xᵀ A x − bᵀ x`` the gradient is ``A x − b`` and the minimiser solves
``A x = b``. Each row of the table holds ``k``, ``x_k``, ``∇f(x_k)``, ``f(x_k)``.

Examples
--------
>>> table = gradient_descent_table("2 0; 0 1", [2, 1], x0=[0, 0], step_size="1/2", iterations=2)
>>> table.iterates[-1]
(Fraction(1, 1), Fraction(3, 4))
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from mml.errors import DomainError, ShapeError
from mml.exact.matrix import Matrix, MatrixLike, as_fraction, as_matrix, as_vector
from mml.exact.vectors import dot, vector_text
from mml.steps import Derivation, Step, fraction_text

__all__ = ["GradientDescentTable", "gradient_descent_table"]


@dataclass(frozen=True)
class GradientDescentTable:
    """Iterates ``x_0 … x_K``, their gradients and values, and the exact minimiser."""

    iterates: list[tuple[Fraction, ...]]
    gradients: list[tuple[Fraction, ...]]
    values: list[Fraction]
    minimiser: tuple[Fraction, ...] | None
    steps: Derivation

    def __str__(self) -> str:
        return self.steps.render("text")


def _largest_eigenvalue(A: Matrix) -> float:
    # Power iteration in floats (A is symmetric here), only to state the step-size bound.
    n = A.shape[0]
    v = [1.0 + 0.1 * i for i in range(n)]
    rows = [[float(a) for a in row] for row in A.rows]
    estimate = 0.0
    for _ in range(500):
        w = [sum(a * x for a, x in zip(row, v)) for row in rows]
        norm = sum(x * x for x in w) ** 0.5
        if norm == 0:
            return 0.0
        estimate = sum(x * y for x, y in zip(v, w)) / sum(x * x for x in v)
        v = [x / norm for x in w]
    return estimate


def gradient_descent_table(
    A: MatrixLike, b: Any, x0: Any, step_size: Any, iterations: int = 5, momentum: Any = 0
) -> GradientDescentTable:
    """Run gradient descent (optionally heavy-ball momentum) on ``½xᵀAx − bᵀx`` exactly.

    ``x_{k+1} = x_k − γ ∇f(x_k) + α (x_k − x_{k−1})``; with symmetric positive definite ``A`` it
    converges when ``0 < γ < 2/λ_max`` (and ``α = 0``).

    Parameters
    ----------
    A : matrix-like, shape (n, n), symmetric
    b, x0 : vectors of length n
    step_size : number
        ``γ > 0``.
    iterations : int
        How many steps to take (at most 50 on paper).
    momentum : number
        ``α`` in [0, 1).

    Raises
    ------
    ShapeError
        If the shapes do not fit.
    DomainError
        If ``A`` is not symmetric, or the step size or momentum is out of range.
    """
    matrix = as_matrix(A, "A")
    rhs, x = as_vector(b, "b"), as_vector(x0, "x0")
    n = matrix.shape[0]
    if matrix.shape != (n, n) or len(rhs) != n or len(x) != n:
        raise ShapeError(
            f"A must be n×n with b and x0 of length n; got {matrix.shape}, {len(rhs)}, {len(x)}"
        )
    if matrix != matrix.T:
        raise DomainError("A must be symmetric: f(x) = ½xᵀAx − bᵀx uses only its symmetric part")
    gamma, alpha = as_fraction(step_size, "step_size"), as_fraction(momentum, "momentum")
    if gamma <= 0 or not 0 <= alpha < 1:
        raise DomainError(f"need step_size > 0 and 0 ≤ momentum < 1; got {gamma} and {alpha}")
    if not 0 <= iterations <= 50:
        raise DomainError(f"iterations must be between 0 and 50 on paper; got {iterations}")

    def gradient(v: tuple[Fraction, ...]) -> tuple[Fraction, ...]:
        Av = matrix @ v
        assert isinstance(Av, tuple)
        return tuple(a - c for a, c in zip(Av, rhs))

    def value(v: tuple[Fraction, ...]) -> Fraction:
        Av = matrix @ v
        assert isinstance(Av, tuple)
        return dot(v, Av) / 2 - dot(rhs, v)

    title = "Gradient descent" + (" with momentum" if alpha else "") + " on f(x) = ½xᵀAx − bᵀx"
    derivation = Derivation(title, given=matrix)
    lam = _largest_eigenvalue(matrix)
    if lam > 0:
        bound = 2 / lam
        derivation.add(
            Step(
                "step_size_bound",
                f"λ_max(A) ≈ {lam:.4g}, so plain gradient descent converges for γ < 2/λ_max ≈ {bound:.4g}; "
                f"here γ = {fraction_text(gamma)}"
                + (
                    " (inside the bound)."
                    if float(gamma) < bound
                    else " (outside the bound: expect divergence)."
                ),
            )
        )
    iterates, gradients, values = [x], [], []
    previous = x
    for k in range(iterations + 1):
        g = gradient(x)
        gradients.append(g)
        values.append(value(x))
        derivation.add(
            Step(
                "iterate",
                f"k = {k}: x = {vector_text(x)}, ∇f(x) = Ax − b = {vector_text(g)}, f(x) = {fraction_text(values[-1])}",
                data={"k": k, "x": x, "gradient": g, "value": values[-1]},
            )
        )
        if k == iterations:
            break
        new = tuple(xi - gamma * gi + alpha * (xi - pi) for xi, gi, pi in zip(x, g, previous))
        previous, x = x, new
        iterates.append(x)
    from mml.exact.systems import solve

    solution = solve((matrix, rhs))
    minimiser = solution.particular if solution.kind == "unique" else None
    if minimiser is not None:
        derivation.add(
            Step("minimiser", f"The minimiser solves A x = b: x* = {vector_text(minimiser)}")
        )
    derivation.result = f"x_{iterations} = {vector_text(x)}"
    return GradientDescentTable(iterates, gradients, values, minimiser, derivation)
