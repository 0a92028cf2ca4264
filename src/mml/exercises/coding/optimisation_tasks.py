"""Coding task of chapter 7: ``gradient_descent`` with a backtracking line search.

Properties: the result minimises the quadratic (it equals ``mml.linalg.solve(A, b)`` and
the gradient there vanishes), and the recorded values never increase.

Examples
--------
>>> from mml.exercises.coding.grading import TASKS, grade
>>> from mml.exercises.coding.solutions_models import gradient_descent
>>> grade(TASKS["gradient_descent"], gradient_descent).passed
True
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.exercises.coding import solutions_models as solutions
from mml.exercises.coding.grading import (
    Case,
    CodingTask,
    Property,
    expect,
    expect_close,
    register_task,
)

__all__: list[str] = []


def _descent_cases(rng: np.random.Generator) -> list[Case]:
    cases = [
        Case(
            "A = diag(2, 1), b = (1, 1), x0 = 0",
            {"A": np.diag([2.0, 1.0]), "b": np.ones(2), "x0": np.zeros(2)},
        ),
        Case(
            "a badly scaled A = diag(50, 1) (a fixed step 1 would diverge)",
            {"A": np.diag([50.0, 1.0]), "b": np.array([1.0, -1.0]), "x0": np.array([1.0, 1.0])},
        ),
    ]
    for n in (3, 5, 4):
        B = rng.standard_normal((n, n))
        A = B @ B.T / n + np.eye(n)
        inputs = {"A": A, "b": rng.standard_normal(n), "x0": rng.standard_normal(n)}
        cases.append(Case(f"a random {n}×{n} positive definite A", inputs))
    return cases


def _descent_output(output: Any, case: Case) -> tuple[np.ndarray, np.ndarray]:
    expect(
        isinstance(output, tuple | list) and len(output) == 2,
        f"expected a pair (x, values), got {type(output).__name__}",
    )
    x, values = np.asarray(output[0], dtype=float), np.asarray(output[1], dtype=float)
    n = len(case.inputs["b"])
    expect(x.shape == (n,), f"x has shape {x.shape}, expected ({n},)")
    expect(values.ndim == 1 and values.size >= 1, "values should be a list of numbers")
    return x, values


def _finite(x: np.ndarray) -> None:
    expect(np.all(np.isfinite(x)), "x contains NaN or inf: the iteration diverged")


def _descent_minimiser(case: Case, output: Any, function: Any) -> None:
    from mml.linalg import solve

    x, _ = _descent_output(output, case)
    _finite(x)
    expected = solve(case.inputs["A"], case.inputs["b"])
    expect_close(x, expected, "x (vs mml.linalg.solve(A, b), the minimiser)", atol=1e-6)


def _descent_gradient(case: Case, output: Any, function: Any) -> None:
    x, _ = _descent_output(output, case)
    _finite(x)
    gradient = case.inputs["A"] @ x - case.inputs["b"]
    size = float(np.sqrt(gradient @ gradient))
    expect(size < 1e-6, f"‖∇f(x)‖ = ‖Ax − b‖ = {size:.3g} at the returned x, expected ≈ 0")


def _descent_monotone(case: Case, output: Any, function: Any) -> None:
    _, values = _descent_output(output, case)
    A, b, x0 = case.inputs["A"], case.inputs["b"], case.inputs["x0"]
    start = float(0.5 * x0 @ A @ x0 - b @ x0)
    expect(
        abs(values[0] - start) < 1e-9 * max(1.0, abs(start)),
        f"values[0] = {values[0]:.6g}, expected f(x0) = {start:.6g}",
    )
    finite = values[np.isfinite(values)]
    scale = max(1.0, float(np.abs(finite).max())) if finite.size else 1.0
    # a NaN or inf step counts as a rise: the iteration diverged
    rises = np.flatnonzero(~(np.diff(values) <= 1e-12 * scale))
    if rises.size:
        k = int(rises[0])
        expect(
            False,
            f"f increased at step {k + 1}, from {values[k]:.6g} to {values[k + 1]:.6g}: shrink"
            " the step until Armijo's condition holds",
        )


register_task(
    CodingTask(
        name="gradient_descent",
        title="Gradient descent with backtracking",
        statement=(
            "Write `gradient_descent(A, b, x0, max_iter=500, tol=1e-10)` minimising"
            " $f(x) = \\tfrac12 x^\\top A x - b^\\top x$ for symmetric positive definite $A$"
            " (MML book §7.1): step along $-\\nabla f = b - Ax$, halving the step size from 1"
            " until $f$ decreases enough (Armijo). Return the final $x$ and the list of $f$"
            " values from $f(x_0)$ on."
        ),
        solution=solutions.gradient_descent,
        cases=_descent_cases,
        properties=(
            Property("minimiser", "x equals the minimiser A⁻¹b", _descent_minimiser),
            Property("stationary", "the gradient vanishes at x", _descent_gradient),
            Property("values_decrease", "f never increases along the iterates", _descent_monotone),
        ),
        chapter=7,
    )
)
