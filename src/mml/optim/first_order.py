"""Gradient descent and gradient descent with momentum (MML book §7.1 and §7.1.2).

These are the loops behind ``minimize(method="gd")`` and ``minimize(method="momentum")``;
call them through :func:`mml.optim.minimize`.

Examples
--------
>>> import numpy as np
>>> from mml.optim import minimize
>>> res = minimize(lambda x: float((x - 3) @ (x - 3)), np.zeros(2), method="gd")
>>> np.round(res.x, 6), res.success
(array([3., 3.]), True)
"""

from __future__ import annotations

import numpy as np

from mml.optim.derivatives import Objective
from mml.optim.iteration import Progress, search_along
from mml.optim.result import OptimizeResult

__all__ = ["gradient_descent_loop", "momentum_loop"]


def gradient_descent_loop(
    objective: Objective,
    progress: Progress,
    learning_rate: float | None,
    line_search: str | None,
) -> OptimizeResult:
    """Steepest descent, ``x_{k+1} = x_k − α_k ∇f(x_k)``.

    With ``line_search=None`` the step is the fixed ``learning_rate`` (the book's ``γ``;
    on a quadratic it converges when ``γ < 2/λ_max``). With a line search the first trial
    step is ``learning_rate`` (default 1), then twice the previous accepted step.
    """
    alpha0 = 1.0 if learning_rate is None else learning_rate
    while not progress.converged():
        if progress.nit >= progress.maxiter:
            return progress.maxiter_result()
        direction = -progress.jac
        alpha, x, fun, jac, why = search_along(objective, progress, direction, line_search, alpha0)
        if alpha == 0:
            return progress.line_search_result(why)
        if not progress.finite(x, fun):
            return progress.diverged_result(
                f"f(x) is not finite after a step of {alpha:g}; try a smaller learning_rate"
            )
        if jac is None:
            jac = objective.gradient(x)
        if not progress.finite(x, fun, jac):
            return progress.diverged_result("the gradient is not finite")
        progress.accept(x, fun, jac)
        if line_search is not None and learning_rate is None:
            alpha0 = 2 * alpha
    return progress.converged_result()


def momentum_loop(
    objective: Objective, progress: Progress, learning_rate: float, momentum: float
) -> OptimizeResult:
    """Heavy-ball momentum, ``x_{k+1} = x_k − γ ∇f(x_k) + α (x_k − x_{k−1})``.

    ``γ`` is ``learning_rate`` and ``α`` is ``momentum`` (MML book eq. 7.11); the update is a
    fixed step, so a too-large ``γ`` diverges, and that is reported as ``success=False``.
    """
    velocity = np.zeros_like(progress.x)
    while not progress.converged():
        if progress.nit >= progress.maxiter:
            return progress.maxiter_result()
        velocity = momentum * velocity - learning_rate * progress.jac
        with np.errstate(all="ignore"):
            x = progress.x + velocity
        fun, jac = objective.value_and_gradient(x)
        if not progress.finite(x, fun, jac):
            return progress.diverged_result(
                f"f(x) or ∇f(x) is not finite; try a smaller learning_rate than {learning_rate:g}"
            )
        progress.accept(x, fun, jac)
    return progress.converged_result()
