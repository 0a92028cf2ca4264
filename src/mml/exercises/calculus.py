"""Chapter 5 exercises: derivatives by the rules, gradients, Jacobians, Hessians, Taylor
polynomials, linearisation and backpropagation. Answers are checked by equivalence."""

from __future__ import annotations

import random

from mml.calculus import (
    backprop_trace,
    differentiate,
    gradient,
    hessian,
    jacobian,
    linearise,
    taylor_polynomial,
)
from mml.exercises.checking import (
    answer_is_numeric,
    check_expression,
    check_expression_matrix,
)
from mml.exercises.core import Exercise, Feedback, register
from mml.steps import MathText

INNER = ("x^2", "3x", "2x + 1", "x^3 - x", "sin(x)", "exp(x)")
OUTER = ("sin({u})", "cos({u})", "exp({u})", "({u})^3", "sqrt({u}^2 + 1)", "log({u}^2 + 1)")
FACTORS = ("x^2", "x", "exp(x)", "sin(x)", "cos(x)", "x^3", "(x + 1)")


def _latex(text: str) -> str:
    from mml.calculus import as_expression, to_latex

    return to_latex(as_expression(text))


def _derivative_expression(rng: random.Random, difficulty: int) -> str:
    if difficulty == 1:
        return f"{rng.choice(FACTORS)} * {rng.choice(FACTORS[1:])}"
    inner = rng.choice(INNER)
    composed = rng.choice(OUTER).format(u=inner)
    if difficulty == 2:
        return composed
    return (
        f"{rng.choice(FACTORS)} * {composed}"
        if rng.random() < 0.5
        else f"{composed} / ({rng.choice(('x^2 + 1', 'exp(x)', '2 + cos(x)'))})"
    )


def _expression(exercise: Exercise, text: str) -> Feedback:
    return check_expression(exercise.answer, text, exercise.data["variables"])


@register(
    "derivative.rules",
    5,
    "5.1",
    "a derivative by the sum, product, quotient and chain rules",
    _expression,
    skills=("product rule", "chain rule"),
)
def _derivative(rng: random.Random, difficulty: int) -> dict:
    expression = _derivative_expression(rng, difficulty)
    result = differentiate(expression, "x")
    return {
        "prompt": MathText(
            f"Differentiate f(x) = {expression} with respect to x.",
            f"Differentiate $f(x) = {_latex(expression)}$ with respect to $x$.",
        ),
        "answer": result.text,
        "answer_text": result.text,
        "solution": result.steps,
        "data": {"variables": ("x",)},
    }


def _matrix(exercise: Exercise, text: str) -> Feedback:
    return check_expression_matrix(exercise.answer, text, exercise.data["variables"])


TWO_VARIABLE = (
    "x^2*y",
    "x*y^2",
    "exp(x*y)",
    "sin(x + y)",
    "x^3 + y^2",
    "cos(x)*y",
    "x*exp(y)",
    "log(x^2 + y^2 + 1)",
)


@register(
    "gradient.partial",
    5,
    "5.2",
    "the gradient of f(x, y) as a row (∂f/∂x, ∂f/∂y)",
    _matrix,
    skills=("partial derivatives",),
)
def _gradient(rng: random.Random, difficulty: int) -> dict:
    terms = rng.sample(TWO_VARIABLE, 1 + difficulty)
    expression = " + ".join(terms)
    result = gradient(expression, "x, y")
    rows = result.value.text_rows()
    return {
        "prompt": MathText(
            f"Give the gradient of f(x, y) = {expression} as (∂f/∂x, ∂f/∂y).",
            f"Give the gradient of $f(x, y) = {_latex(expression)}$ as $(\\partial f/\\partial x, \\partial f/\\partial y)$.",
        ),
        "answer": rows,
        "answer_text": "(" + ", ".join(rows[0]) + ")",
        "solution": result.steps,
        "data": {"variables": ("x", "y")},
    }


@register(
    "jacobian",
    5,
    "5.3",
    "the Jacobian of f: ℝ² → ℝ² (rows = outputs)",
    _matrix,
    skills=("Jacobian",),
)
def _jacobian(rng: random.Random, difficulty: int) -> dict:
    first, second = rng.sample(TWO_VARIABLE, 2)
    if difficulty == 1:
        first, second = rng.choice(("x^2*y", "x + 2y", "x*y")), rng.choice(("x - y", "y^2", "3x"))
    functions = f"{first}, {second}"
    result = jacobian(functions, "x, y")
    rows = result.value.text_rows()
    return {
        "prompt": MathText(
            f"Give the Jacobian of f(x, y) = ({functions}) as [[∂f1/∂x, ∂f1/∂y], [∂f2/∂x, ∂f2/∂y]].",
            f"Give the Jacobian of $f(x, y) = ({_latex(first)}, {_latex(second)})$ (rows = components).",
        ),
        "answer": rows,
        "answer_text": "[" + ", ".join("[" + ", ".join(r) + "]" for r in rows) + "]",
        "solution": result.steps,
        "data": {"variables": ("x", "y")},
    }


@register("hessian", 5, "5.7", "the Hessian of f(x, y)", _matrix, skills=("second derivatives",))
def _hessian(rng: random.Random, difficulty: int) -> dict:
    expression = " + ".join(rng.sample(TWO_VARIABLE[:5], difficulty))
    result = hessian(expression, "x, y")
    rows = result.value.text_rows()
    return {
        "prompt": MathText(
            f"Give the Hessian of f(x, y) = {expression}.",
            f"Give the Hessian of $f(x, y) = {_latex(expression)}$.",
        ),
        "answer": rows,
        "answer_text": "[" + ", ".join("[" + ", ".join(r) + "]" for r in rows) + "]",
        "solution": result.steps,
        "data": {"variables": ("x", "y")},
    }


@register(
    "taylor.polynomial",
    5,
    "5.8",
    "a Taylor polynomial of order 2 at 0",
    _expression,
    skills=("Taylor series",),
)
def _taylor(rng: random.Random, difficulty: int) -> dict:
    expression = rng.choice(
        ("exp(2x)", "cos(x)", "sin(x) + x^2", "log(1 + x)", "sqrt(1 + x)", "exp(x)*cos(x)")
    )
    order = 1 + difficulty
    result = taylor_polynomial(expression, 0, order)
    text = str(result.text) if hasattr(result, "text") else str(result.value)
    return {
        "prompt": MathText(
            f"Give the Taylor polynomial of order {order} of f(x) = {expression} at x0 = 0.",
            f"Give the Taylor polynomial of order ${order}$ of $f(x) = {_latex(expression)}$ at $x_0 = 0$.",
        ),
        "answer": text,
        "answer_text": text,
        "solution": result.steps,
        "data": {"variables": ("x",)},
    }


@register(
    "linearisation",
    5,
    "5.8",
    "the linearisation of f(x, y) at a point",
    _expression,
    skills=("gradient", "tangent plane"),
)
def _linearisation(rng: random.Random, difficulty: int) -> dict:
    expression = rng.choice(("x^2*y", "x*y + y^2", "x^3 - x*y", "x^2 + 3y^2"))
    point = {"x": rng.randint(-2, 2), "y": rng.randint(-2, 2)}
    result = linearise(expression, point)
    text = str(result.text)
    return {
        "prompt": MathText(
            f"Linearise f(x, y) = {expression} at (x, y) = ({point['x']}, {point['y']}).",
            f"Linearise $f(x, y) = {_latex(expression)}$ at $(x, y) = ({point['x']}, {point['y']})$.",
        ),
        "answer": text,
        "answer_text": text,
        "solution": result.steps,
        "data": {"variables": ("x", "y")},
    }


@register(
    "backprop.trace",
    5,
    "5.6",
    "df/dx by a forward and a backward pass (6 significant digits)",
    answer_is_numeric,
    skills=("backpropagation",),
)
def _backprop(rng: random.Random, difficulty: int) -> dict:
    expression = rng.choice(
        (
            "sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))",
            "exp(sin(x)) * x^2",
            "log(1 + x^2) + sqrt(1 + x^2)",
            "sin(x^2) * exp(x)",
        )
    )
    x = rng.choice((0.5, 1, 2, -1)) if difficulty > 1 else 1
    trace = backprop_trace(expression, {"x": x})
    value = float(trace.gradient["x"])
    return {
        "prompt": MathText(
            f"For f(x) = {expression}, run a forward pass at x = {x} and a backward pass; give df/dx (6 significant digits).",
            f"For $f(x) = {_latex(expression)}$, run a forward pass at $x = {x}$ and a backward pass; give $df/dx$ (6 significant digits).",
        ),
        "answer": value,
        "answer_text": f"{value:.8g}",
        "solution": trace.steps,
        "data": {},
    }


@register(
    "gradient.chain_rule",
    5,
    "5.2",
    "df/dt for f(x(t), y(t)) by the chain rule",
    _expression,
    skills=("chain rule",),
)
def _chain_rule(rng: random.Random, difficulty: int) -> dict:
    from mml.calculus import as_expression, substitute, to_text

    f = rng.choice(("x^2*y", "x*y + y^2", "exp(x*y)", "sin(x) + x*y"))
    x_of_t = rng.choice(("t^2", "2t + 1", "cos(t)"))
    y_of_t = rng.choice(("3t", "t^3", "exp(t)"))
    composed = substitute(
        as_expression(f), {"x": as_expression(x_of_t), "y": as_expression(y_of_t)}
    )
    result = differentiate(composed, "t")
    return {
        "prompt": MathText(
            f"f(x, y) = {f} with x = {x_of_t}, y = {y_of_t}. Give df/dt as an expression in t.",
            f"$f(x, y) = {_latex(f)}$ with $x = {_latex(x_of_t)}$, $y = {_latex(y_of_t)}$. Give $df/dt$ in terms of $t$.",
        ),
        "answer": result.text,
        "answer_text": result.text,
        "solution": result.steps,
        "data": {"variables": ("t",), "composed": to_text(composed)},
    }
