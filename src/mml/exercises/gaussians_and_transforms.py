"""More chapter 6 exercises: marginals and products of Gaussians, and densities of
transformed variables."""

from __future__ import annotations

import random
from fractions import Fraction

from mml.exact.matrix import Matrix
from mml.exact.vectors import vector_text
from mml.exercises.checking import answer_is_vector, check_expression
from mml.exercises.core import Exercise, Feedback, register
from mml.exercises.linear_algebra import _matrix_text
from mml.exercises.nice_numbers import small_integer
from mml.probability.gaussian_algebra import gaussian_marginal, gaussian_product
from mml.steps import MathText, fraction_text, latex_value


@register(
    "gaussian.marginal",
    6,
    "6.5",
    "the marginal (mean, variance) of one coordinate of a 3-D Gaussian",
    answer_is_vector,
    skills=("marginalisation",),
)
def _marginal(rng: random.Random, difficulty: int) -> dict:
    L = Matrix(
        [
            [
                rng.randint(1, 2) if i == j else (small_integer(rng, 1) if j < i else 0)
                for j in range(3)
            ]
            for i in range(3)
        ]
    )
    sigma = L @ L.T
    mean = tuple(Fraction(small_integer(rng, 3)) for _ in range(3))
    k = rng.randrange(3)
    result = gaussian_marginal(mean, sigma, [k])
    answer = (result.mean[0], result.covariance[0, 0])
    return {
        "prompt": MathText(
            f"x ~ N({vector_text(mean)}, {_matrix_text(sigma)}). Give the mean and variance of x{k + 1} as (mean, variance).",
            f"$x \\sim \\mathcal{{N}}({latex_value(mean)}, {latex_value(sigma)})$. Give the mean and variance of $x_{k + 1}$.",
        ),
        "answer": answer,
        "answer_text": vector_text(answer),
        "solution": result.steps,
        "data": {},
    }


@register(
    "gaussian.product",
    6,
    "6.5",
    "mean and variance of the product of two 1-D Gaussian densities",
    answer_is_vector,
    skills=("precision",),
)
def _product(rng: random.Random, difficulty: int) -> dict:
    a, b = Fraction(small_integer(rng, 4)), Fraction(small_integer(rng, 4))
    A, B = Fraction(rng.randint(1, 4)), Fraction(rng.randint(1, 4))
    result = gaussian_product([a], [[A]], [b], [[B]])
    answer = (result.mean[0], result.covariance[0, 0])
    return {
        "prompt": MathText(
            f"N(x | {fraction_text(a)}, {fraction_text(A)}) · N(x | {fraction_text(b)}, {fraction_text(B)}) ∝ N(x | m, c). Give (m, c).",
            f"$\\mathcal{{N}}(x \\mid {fraction_text(a)}, {fraction_text(A)})\\,\\mathcal{{N}}(x \\mid {fraction_text(b)}, {fraction_text(B)}) \\propto \\mathcal{{N}}(x \\mid m, c)$. Give $(m, c)$.",
        ),
        "answer": answer,
        "answer_text": vector_text(answer),
        "solution": result.steps,
        "data": {},
    }


def _density(exercise: Exercise, text: str) -> Feedback:
    return check_expression(exercise.answer, text, ("y",))


@register(
    "change_of_variables",
    6,
    "6.7",
    "the density of Y = g(X) for a monotone g",
    _density,
    skills=("Jacobian",),
)
def _change_of_variables(rng: random.Random, difficulty: int) -> dict:
    from mml.calculus.change_of_variables import change_of_variables

    a, c = rng.randint(2, 4), small_integer(rng, 3)
    cases = [
        ("exp(-x)", f"{a}x + {c}", f"(y - {c})/{a}", "X ~ Exponential(1) on x > 0"),
        ("1", "exp(x)", "log(y)", "X ~ Uniform(0, 1)"),
        ("exp(-x)", "x^2", "sqrt(y)", "X ~ Exponential(1) on x > 0"),
    ]
    density, g, inverse, story = cases[rng.randrange(len(cases) if difficulty > 1 else 1)]
    g = g.replace("+ -", "- ")
    inverse = inverse.replace("- -", "+ ")
    result = change_of_variables(density, inverse=inverse, transform=g)
    return {
        "prompt": MathText(
            f"{story}, density f_X(x) = {density}. Give the density of Y = {g.replace('x', 'X')} (where it is positive).",
            f"{story}, density $f_X(x) = {density}$. Give the density of $Y = {g.replace('x', 'X')}$ (where it is positive).",
        ),
        "answer": result.text,
        "answer_text": result.text,
        "solution": result.steps,
        "data": {},
    }
