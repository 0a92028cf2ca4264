"""More chapter 2–4 exercises: inconsistent systems, kernels of linear maps, projections onto
affine spaces, and best low-rank approximations."""

from __future__ import annotations

import random
from fractions import Fraction

from mml import exact
from mml.exact.matrix import Matrix
from mml.exact.vectors import vector_text
from mml.exercises.checking import (
    answer_is_matrix,
    answer_is_vector,
    check_same_subspace,
    check_verdict,
)
from mml.exercises.core import Exercise, Feedback, register
from mml.exercises.linear_algebra import _matrix_text, matrix_prompt, system_prompt, variable_names
from mml.exercises.nice_numbers import integer_vector, matrix_of_rank, small_integer
from mml.steps import MathText, latex_value


def _none_verdict(exercise: Exercise, text: str) -> Feedback:
    return check_verdict("none", text, ("unique", "infinite", "none"))


@register(
    "linear_system.inconsistent",
    2,
    "2.3",
    "show that a system has no solution (answer: none)",
    _none_verdict,
    skills=("consistency",),
)
def _inconsistent(rng: random.Random, difficulty: int) -> dict:
    n = 2 + difficulty
    A = matrix_of_rank(rng, n, n, n - 1, bound=2)
    b = list(A @ integer_vector(rng, n, 3))
    while True:
        b[rng.randrange(n)] += small_integer(rng, 2, nonzero=True)
        solution = exact.solve((A, tuple(b)), variables=variable_names(n))
        if solution.kind == "none":
            break
    return {
        "prompt": system_prompt(
            A, tuple(b), "How many solutions does this system have? (one, infinitely many, none)"
        ),
        "answer": "none",
        "answer_text": "no solution",
        "solution": solution.steps,
        "data": {},
    }


def _kernel(exercise: Exercise, text: str) -> Feedback:
    return check_same_subspace(exercise.answer, text, exercise.data["n"])


@register(
    "linear_map.kernel_image",
    2,
    "2.7",
    "a basis of the kernel of a linear map",
    _kernel,
    skills=("rank–nullity",),
)
def _kernel_image(rng: random.Random, difficulty: int) -> dict:
    m, n = 2 + (difficulty > 1), 3 + (difficulty > 2)
    A = matrix_of_rank(rng, m, n, m - (difficulty == 3), bound=2)
    result = exact.LinearMap(A).kernel()
    result.steps.conclusion.append(
        f"rank–nullity: dim ker Φ + dim Im Φ = {result.dimension} + {n - result.dimension} = {n} = dim of the domain."
    )
    return {
        "prompt": matrix_prompt("Φ(x) = A x. Give a basis of ker Φ for A =", A),
        "answer": result.basis,
        "answer_text": "{" + ", ".join(vector_text(v) for v in result.basis) + "}"
        if result.basis
        else "{}",
        "solution": result.steps,
        "data": {"n": n},
    }


@register(
    "projection.onto_affine",
    3,
    "3.8",
    "the projection of a point onto an affine line in ℝ²/ℝ³",
    answer_is_vector,
    skills=("affine spaces",),
)
def _projection_affine(rng: random.Random, difficulty: int) -> dict:
    from mml.exact.projections import project_onto_affine

    dim = 2 if difficulty == 1 else 3
    x0 = integer_vector(rng, dim, 2)
    d = integer_vector(rng, dim, 2)
    x = integer_vector(rng, dim, 4)
    result = project_onto_affine(x, x0, [d])
    return {
        "prompt": MathText(
            f"Project x = {vector_text(x)} onto the line L = {vector_text(x0)} + span{{{vector_text(d)}}}.",
            f"Project $x = {latex_value(x)}$ onto $L = {latex_value(x0)} + \\operatorname{{span}}\\{{{latex_value(d)}\\}}$.",
        ),
        "answer": result.point,
        "answer_text": vector_text(result.point),
        "solution": result.steps,
        "data": {},
    }


@register(
    "low_rank.approximation",
    4,
    "4.6",
    "the best rank-1 approximation (Eckart–Young)",
    answer_is_matrix,
    skills=("SVD",),
)
def _low_rank(rng: random.Random, difficulty: int) -> dict:
    from mml.exact.low_rank import rank_k_approximation

    # A = U diag(σ) Vᵀ with a Pythagorean U keeps everything rational.
    sigma = sorted(rng.sample(range(1, 6), 2), reverse=True)
    U = Matrix([[Fraction(3, 5), Fraction(-4, 5)], [Fraction(4, 5), Fraction(3, 5)]])
    A = U @ Matrix([[sigma[0] * 5, 0], [0, sigma[1] * 5]])
    result = rank_k_approximation(A, 1)
    return {
        "prompt": matrix_prompt(
            "Give the best rank-1 approximation (in the spectral or Frobenius norm) of", A
        ),
        "answer": result.approximation,
        "answer_text": _matrix_text(result.approximation),
        "solution": result.steps,
        "data": {},
    }
