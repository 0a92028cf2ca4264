"""Chapter 6 exercises: Bayes' theorem, joint tables, moments, Gaussians, conjugacy."""

from __future__ import annotations

import random
from fractions import Fraction

from mml.exact.matrix import Matrix
from mml.exact.vectors import vector_text
from mml.exercises.checking import (
    answer_is_matrix,
    answer_is_number,
    answer_is_vector,
    check_verdict,
)
from mml.exercises.core import Exercise, Feedback, register
from mml.exercises.linear_algebra import _matrix_text
from mml.exercises.nice_numbers import small_integer
from mml.probability.bayes import bayes, diagnostic_test
from mml.probability.conjugate_updates import beta_binomial_update, gamma_poisson_update
from mml.probability.gaussian_algebra import gaussian_affine, gaussian_conditional
from mml.probability.joint_table import JointTable
from mml.probability.worked_statistics import summary_statistics
from mml.steps import MathText, fraction_text, latex_value, text_value

NICE_DENOMINATORS = (2, 4, 5, 10, 20, 100)


def _probability(rng: random.Random, denominators=NICE_DENOMINATORS, low: int = 1) -> Fraction:
    d = rng.choice(denominators)
    return Fraction(rng.randint(low, d - 1), d)


@register(
    "bayes.two_events",
    6,
    "6.3",
    "the disease-test problem: p(disease | positive)",
    answer_is_number,
    skills=("Bayes", "sum rule"),
)
def _bayes_two_events(rng: random.Random, difficulty: int) -> dict:
    prior = _probability(rng, (10, 20, 100) if difficulty > 1 else (4, 5, 10))
    sensitivity = (
        Fraction(rng.randint(14, 19), 20) if difficulty > 1 else Fraction(rng.randint(7, 9), 10)
    )
    specificity = Fraction(rng.randint(7, 9), 10) if difficulty < 3 else _probability(rng, (20,))
    result = diagnostic_test(prior, sensitivity, specificity)
    return {
        "prompt": MathText(
            f"A disease has prevalence {fraction_text(prior)}. A test has sensitivity {fraction_text(sensitivity)} "
            f"and specificity {fraction_text(specificity)}. A person tests positive. What is p(disease | +)? "
            "Give an exact fraction.",
            f"A disease has prevalence ${latex_value(prior)}$. A test has sensitivity ${latex_value(sensitivity)}$ "
            f"and specificity ${latex_value(specificity)}$. A person tests positive. What is "
            r"$p(\text{disease} \mid +)$? Give an exact fraction.",
        ),
        "answer": result.posterior["disease"],
        "answer_text": fraction_text(result.posterior["disease"]),
        "solution": result.steps,
        "data": {},
    }


@register(
    "bayes.multi_hypothesis",
    6,
    "6.3",
    "posterior of one of several hypotheses",
    answer_is_number,
    skills=("Bayes", "evidence"),
)
def _bayes_multi(rng: random.Random, difficulty: int) -> dict:
    k = 2 + difficulty
    weights = [rng.randint(1, 4) for _ in range(k)]
    total = sum(weights)
    names = [f"urn{i + 1}" for i in range(k)]
    prior = {n: Fraction(w, total) for n, w in zip(names, weights)}
    likelihood = {n: Fraction(rng.randint(0, 5), 5) for n in names}
    if not any(likelihood.values()):
        likelihood[names[0]] = Fraction(1, 5)
    target = next(n for n in names if likelihood[n])
    result = bayes(prior, likelihood, "red")
    listing_text = "; ".join(
        f"p({n}) = {fraction_text(prior[n])}, p(red | {n}) = {fraction_text(likelihood[n])}"
        for n in names
    )
    return {
        "prompt": MathText(
            f"One of {k} urns is picked, then a ball is drawn: {listing_text}. The ball is red. What is p({target} | red)?",
            f"One of {k} urns is picked, then a ball is drawn: {listing_text}. The ball is red. What is $p(\\text{{{target}}} \\mid \\text{{red}})$?",
        ),
        "answer": result.posterior[target],
        "answer_text": fraction_text(result.posterior[target]),
        "solution": result.steps,
        "data": {},
    }


def _joint_table(rng: random.Random, m: int, n: int, independent: bool | None = None) -> JointTable:
    if independent:
        px = [rng.randint(1, 3) for _ in range(m)]
        py = [rng.randint(1, 3) for _ in range(n)]
        total = sum(px) * sum(py)
        rows = [[Fraction(a * b, total) for b in py] for a in px]
    else:
        counts = [[rng.randint(0, 4) for _ in range(n)] for _ in range(m)]
        counts[0][0] += 1
        total = sum(map(sum, counts))
        rows = [[Fraction(c, total) for c in row] for row in counts]
    return JointTable(rows)


def _table_prompt(table: JointTable, question: str) -> MathText:
    return MathText(
        f"The joint pmf p(X, Y) (rows x1.., columns y1..) is\n{text_value(table.matrix)}\n{question}",
        f"The joint pmf $p(X, Y)$ (rows $x_1, \\dots$, columns $y_1, \\dots$) is $${latex_value(table.matrix)}$$ {question}",
    )


@register(
    "probability.joint_table",
    6,
    "6.2",
    "a marginal distribution from a joint table",
    answer_is_vector,
    skills=("sum rule",),
)
def _joint_marginal(rng: random.Random, difficulty: int) -> dict:
    table = _joint_table(rng, 2 + (difficulty > 1), 2 + (difficulty > 2))
    result = table.marginal("X")
    values = tuple(result.value.values())
    return {
        "prompt": _table_prompt(table, "Give the marginal p(X) as a vector (p(x1), p(x2), …)."),
        "answer": values,
        "answer_text": vector_text(values),
        "solution": result.steps,
        "data": {},
    }


@register(
    "expectation.discrete",
    6,
    "6.4",
    "E[X] from a joint table",
    answer_is_number,
    skills=("expectation",),
)
def _expectation(rng: random.Random, difficulty: int) -> dict:
    table = _joint_table(rng, 2 + (difficulty > 1), 2)
    values = [small_integer(rng, 3 * difficulty) for _ in table.rows]
    result = table.expectation("X", values)
    return {
        "prompt": _table_prompt(
            table, f"X takes the values {', '.join(map(str, values))} on x1, x2, …. Compute E[X]."
        ),
        "answer": result.value,
        "answer_text": fraction_text(result.value),
        "solution": result.steps,
        "data": {},
    }


def _independence_verdict(exercise: Exercise, text: str) -> Feedback:
    return check_verdict(exercise.answer, text, ("yes", "no"))


@register(
    "independence.check",
    6,
    "6.4",
    "are X and Y independent? (yes/no)",
    _independence_verdict,
    skills=("product rule",),
)
def _independence_check(rng: random.Random, difficulty: int) -> dict:
    independent = rng.random() < 0.5
    table = _joint_table(rng, 2 + (difficulty > 1), 2 + (difficulty > 2), independent)
    check = table.independence()
    return {
        "prompt": _table_prompt(table, "Are X and Y independent (yes/no)?"),
        "answer": "yes" if check else "no",
        "answer_text": "yes" if check else "no",
        "solution": check.steps,
        "data": {},
    }


@register(
    "covariance.empirical",
    6,
    "6.4",
    "the empirical covariance matrix (1/N)",
    answer_is_matrix,
    skills=("centring", "outer products"),
)
def _covariance(rng: random.Random, difficulty: int) -> dict:
    n, d = 3 + difficulty, 2
    data = [[small_integer(rng, 4) for _ in range(d)] for _ in range(n)]
    result = summary_statistics(data)
    return {
        "prompt": MathText(
            f"The rows of\n{text_value(Matrix(data))}\nare {n} samples. Give the covariance matrix with the 1/N convention.",
            f"The rows of $${latex_value(Matrix(data))}$$ are ${n}$ samples. Give the covariance matrix with the $1/N$ convention.",
        ),
        "answer": result.covariance,
        "answer_text": _matrix_text(result.covariance),
        "solution": result.steps,
        "data": {},
    }


@register(
    "gaussian.conditional",
    6,
    "6.5",
    "mean and variance of a conditional Gaussian",
    answer_is_vector,
    skills=("Schur complement",),
)
def _gaussian_conditional(rng: random.Random, difficulty: int) -> dict:
    # Σ = L Lᵀ with small integer L keeps Σ positive definite with integer entries.
    a, c = rng.randint(1, 2), rng.randint(1, 2)
    b = small_integer(rng, 2)
    L = Matrix([[a, 0], [b, c]])
    sigma = L @ L.T
    mean = (Fraction(small_integer(rng, 3)), Fraction(small_integer(rng, 3)))
    observed = Fraction(small_integer(rng, 4))
    result = gaussian_conditional(mean, sigma, given=[1], values=[observed])
    answer = (result.mean[0], result.covariance[0, 0])
    return {
        "prompt": MathText(
            f"(x1, x2) ~ N({vector_text(mean)}, {_matrix_text(sigma)}). Given x2 = {fraction_text(observed)}, "
            "give the mean and the variance of x1 as (mean, variance).",
            f"$(x_1, x_2) \\sim \\mathcal{{N}}\\left({latex_value(mean)}, {latex_value(sigma)}\\right)$. Given "
            f"$x_2 = {latex_value(observed)}$, give the mean and variance of $x_1$ as (mean, variance).",
        ),
        "answer": answer,
        "answer_text": vector_text(answer),
        "solution": result.steps,
        "data": {},
    }


@register(
    "gaussian.linear_transform",
    6,
    "6.5",
    "the covariance of A x + b for a Gaussian x",
    answer_is_matrix,
    skills=("A Σ Aᵀ",),
)
def _gaussian_linear(rng: random.Random, difficulty: int) -> dict:
    sigma = (
        Matrix([[rng.randint(1, 3), 0], [0, rng.randint(1, 3)]])
        if difficulty == 1
        else Matrix([[2, 1], [1, 2]])
    )
    A = Matrix([[small_integer(rng, 2) for _ in range(2)] for _ in range(2)])
    result = gaussian_affine((0, 0), sigma, A, (1, -1))
    return {
        "prompt": MathText(
            f"x ~ N(0, Σ) with Σ = {_matrix_text(sigma)}. Give the covariance of y = A x + b with A = {_matrix_text(A)}, b = (1, -1).",
            f"$x \\sim \\mathcal{{N}}(0, \\Sigma)$ with $\\Sigma = {latex_value(sigma)}$. Give the covariance of $y = Ax + b$ "
            f"with $A = {latex_value(A)}$, $b = (1, -1)^\\top$.",
        ),
        "answer": result.covariance,
        "answer_text": _matrix_text(result.covariance),
        "solution": result.steps,
        "data": {},
    }


@register(
    "conjugacy.beta_binomial",
    6,
    "6.6",
    "Beta posterior after coin flips: (α', β')",
    answer_is_vector,
    skills=("conjugate prior",),
)
def _beta_binomial(rng: random.Random, difficulty: int) -> dict:
    alpha, beta = rng.randint(1, 4), rng.randint(1, 4)
    trials = rng.randint(3, 6 * difficulty + 4)
    heads = rng.randint(0, trials)
    result = beta_binomial_update(alpha, beta, heads, trials)
    answer = (result.value["alpha"], result.value["beta"])
    return {
        "prompt": MathText(
            f"Prior Beta({alpha}, {beta}) on the probability of heads; {heads} heads in {trials} flips. Give the posterior (α', β').",
            f"Prior $\\mathrm{{Beta}}({alpha}, {beta})$ on the probability of heads; ${heads}$ heads in ${trials}$ flips. "
            "Give the posterior $(\\alpha', \\beta')$.",
        ),
        "answer": answer,
        "answer_text": vector_text(answer),
        "solution": result.steps,
        "data": {},
    }


@register(
    "conjugacy.gamma_poisson",
    6,
    "6.6",
    "Gamma posterior of a Poisson rate: (α', β')",
    answer_is_vector,
    skills=("conjugate prior",),
)
def _gamma_poisson(rng: random.Random, difficulty: int) -> dict:
    shape, rate = rng.randint(1, 4), rng.randint(1, 3)
    counts = [rng.randint(0, 6) for _ in range(2 + difficulty)]
    result = gamma_poisson_update(shape, rate, counts)
    answer = (result.value["shape"], result.value["rate"])
    return {
        "prompt": MathText(
            f"Prior Gamma({shape}, {rate}) (shape, rate) on a Poisson rate; counts {counts}. Give the posterior (α', β').",
            f"Prior $\\mathrm{{Gamma}}({shape}, {rate})$ (shape, rate) on a Poisson rate; counts ${counts}$. "
            "Give the posterior $(\\alpha', \\beta')$.",
        ),
        "answer": answer,
        "answer_text": vector_text(answer),
        "solution": result.steps,
        "data": {},
    }
