"""Chapter 7 exercises: gradient descent by hand, Lagrange multipliers, the simplex method."""

from __future__ import annotations

import random
from fractions import Fraction

from mml.exact.matrix import Matrix
from mml.exact.vectors import vector_text
from mml.exercises.checking import answer_is_number, answer_is_vector
from mml.exercises.core import Exercise, Feedback, register
from mml.exercises.linear_algebra import _matrix_text
from mml.exercises.nice_numbers import small_integer
from mml.optim.gradient_descent_table import gradient_descent_table
from mml.optim.lagrange import lagrange
from mml.optim.simplex_tableaux import simplex_tableaux
from mml.steps import MathText, Step, fraction_text, latex_value


@register(
    "gradient_descent.steps",
    7,
    "7.1",
    "two steps of gradient descent on a quadratic",
    answer_is_vector,
    skills=("gradient", "step size"),
)
def _gradient_descent(rng: random.Random, difficulty: int) -> dict:
    A = (
        Matrix([[rng.randint(1, 3), 0], [0, rng.randint(1, 4)]])
        if difficulty == 1
        else Matrix([[2, 1], [1, 2]])
    )
    b = (Fraction(small_integer(rng, 3)), Fraction(small_integer(rng, 3)))
    x0 = (Fraction(small_integer(rng, 2)), Fraction(small_integer(rng, 2)))
    gamma = Fraction(1, rng.choice([2, 4, 5]))
    table = gradient_descent_table(A, b, x0, gamma, iterations=2)
    answer = table.iterates[-1]
    return {
        "prompt": MathText(
            f"f(x) = ½ xᵀAx − bᵀx with A = {_matrix_text(A)}, b = {vector_text(b)}. Start at x0 = {vector_text(x0)} "
            f"and take two gradient steps with γ = {fraction_text(gamma)}. Give x2.",
            f"$f(x) = \\tfrac12 x^\\top A x - b^\\top x$ with $A = {latex_value(A)}$, $b = {latex_value(b)}$. "
            f"Start at $x_0 = {latex_value(x0)}$ and take two gradient steps with $\\gamma = {latex_value(gamma)}$. Give $x_2$.",
        ),
        "answer": answer,
        "answer_text": vector_text(answer),
        "solution": table.steps,
        "data": {},
    }


@register(
    "lagrange.equality",
    7,
    "7.2",
    "minimise a quadratic on a line: the optimal point",
    answer_is_vector,
    skills=("Lagrangian", "stationarity"),
)
def _lagrange(rng: random.Random, difficulty: int) -> dict:
    a, b = rng.randint(1, 3), rng.randint(1, 3)
    p, q = rng.randint(1, 3), small_integer(rng, 3, nonzero=True)
    c = small_integer(rng, 6)
    objective = f"{a}x^2 + {b}y^2"
    constraint = f"{p}x + {q}y = {c}".replace("+ -", "- ")
    result = lagrange(objective, constraint)
    answer = (result.point["x"], result.point["y"])
    return {
        "prompt": MathText(
            f"Minimise {objective} subject to {constraint} with a Lagrange multiplier. Give the point (x, y).",
            f"Minimise ${objective}$ subject to ${constraint}$ with a Lagrange multiplier. Give the point $(x, y)$.",
        ),
        "answer": answer,
        "answer_text": vector_text(answer),
        "solution": result.steps,
        "data": {},
    }


@register(
    "linear_program.simplex",
    7,
    "7.3",
    "the optimal value of a small LP by the simplex method",
    answer_is_number,
    skills=("tableau", "Bland's rule"),
)
def _simplex(rng: random.Random, difficulty: int) -> dict:
    while True:
        c = [-rng.randint(1, 5), -rng.randint(1, 5)]
        A = [[rng.randint(1, 3), rng.randint(0, 3)] for _ in range(1 + difficulty)]
        b = [rng.randint(4, 12) for _ in A]
        result = simplex_tableaux(c, A_ub=A, b_ub=b)
        if result.value["status"] == "optimal":
            break
    rows = "; ".join(f"{r[0]}x + {r[1]}y ≤ {v}" for r, v in zip(A, b))
    rows_latex = rows.replace("≤", r"\le")
    objective = f"{c[0]}x {'-' if c[1] < 0 else '+'} {abs(c[1])}y"
    return {
        "prompt": MathText(
            f"Minimise {objective} subject to {rows}, x, y ≥ 0. Give the optimal value.",
            f"Minimise ${objective}$ subject to ${rows_latex}$, $x, y \\ge 0$. Give the optimal value.",
        ),
        "answer": result.value["fun"],
        "answer_text": fraction_text(result.value["fun"]),
        "solution": result.steps,
        "data": {},
    }


def _verdict(exercise: Exercise, text: str) -> Feedback:
    from mml.exercises.checking import check_verdict

    return check_verdict(exercise.answer, text, ("yes", "no"))


@register(
    "convexity.check",
    7,
    "7.3",
    "is a quadratic function convex? (yes/no, by its Hessian)",
    _verdict,
    skills=("Hessian", "positive semidefinite"),
)
def _convexity(rng: random.Random, difficulty: int) -> dict:
    from mml.calculus import hessian

    a, c = rng.randint(-1, 4), rng.randint(-1, 4)
    b = small_integer(rng, 3)
    f = f"{a}x^2 + {b}x*y + {c}y^2".replace("+ -", "- ")
    result = hessian(f, "x, y")
    H = Matrix([[2 * a, b], [b, 2 * c]])
    # Convex ⇔ H positive semidefinite ⇔ diagonal ≥ 0 and det ≥ 0 (2×2).
    convex = H[0, 0] >= 0 and H[1, 1] >= 0 and H[0, 0] * H[1, 1] - H[0, 1] ** 2 >= 0
    result.steps.add(
        Step(
            "psd_test",
            f"H = {_matrix_text(H)}: diagonal ≥ 0 and det H = {fraction_text(H[0, 0] * H[1, 1] - H[0, 1] ** 2)} "
            f"{'≥' if convex else '<'} 0 or a negative diagonal entry, so f is {'convex' if convex else 'not convex'}.",
        )
    )
    return {
        "prompt": MathText(
            f"Is f(x, y) = {f} convex (yes/no)?", f"Is $f(x, y) = {f}$ convex (yes/no)?"
        ),
        "answer": "yes" if convex else "no",
        "answer_text": "yes" if convex else "no",
        "solution": result.steps,
        "data": {},
    }


def _expression(exercise: Exercise, text: str) -> Feedback:
    from mml.exercises.checking import check_expression

    return check_expression(exercise.answer, text, ("y",))


@register(
    "convex_conjugate",
    7,
    "7.3",
    "the convex conjugate f*(y) of a standard function",
    _expression,
    skills=("Legendre–Fenchel",),
)
def _convex_conjugate(rng: random.Random, difficulty: int) -> dict:
    from mml.calculus.convex_conjugate import convex_conjugate

    a = rng.randint(1, 4)
    f = rng.choice([f"{a}*x^2/2", "exp(x)", "x*log(x)", f"x^2/{2 * a}"])
    result = convex_conjugate(
        f,
        derivative_inverse=None
        if f in ("exp(x)", "x*log(x)")
        else (f"y/{a}" if f.startswith(f"{a}*") else f"{a}*y"),
    )
    return {
        "prompt": MathText(
            f"Give the convex conjugate f*(y) = sup_x (xy − f(x)) of f(x) = {f}.",
            f"Give the convex conjugate $f^*(y)$ of $f(x) = {f}$.",
        ),
        "answer": result.text,
        "answer_text": result.text,
        "solution": result.steps,
        "data": {},
    }
