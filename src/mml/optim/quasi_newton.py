"""Quasi-Newton methods: BFGS and limited-memory BFGS (L-BFGS).

Both build curvature information from the steps ``s_k = x_{k+1} − x_k`` and the gradient
changes ``y_k = ∇f(x_{k+1}) − ∇f(x_k)``. BFGS keeps a dense inverse-Hessian approximation

``H_{k+1} = (I − ρ s yᵀ) H_k (I − ρ y sᵀ) + ρ s sᵀ``,  ``ρ = 1 / (yᵀs)``

(Nocedal & Wright eq. 6.17); L-BFGS keeps only the last ``m`` pairs and applies ``H_k`` to
a vector with the two-loop recursion (Algorithm 7.4), in ``O(mn)`` time and memory. The
update is skipped when ``yᵀs`` is not safely positive, which keeps ``H`` positive definite.

Examples
--------
>>> import numpy as np
>>> from mml.optim import minimize
>>> rosen = lambda x: float((1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2)
>>> res = minimize(rosen, np.array([-1.2, 1.0]), method="lbfgs")
>>> np.round(res.x, 4), res.success
(array([1., 1.]), True)
"""

from __future__ import annotations

from collections import deque

import numpy as np

from mml.optim.derivatives import Objective
from mml.optim.iteration import Progress, search_along
from mml.optim.result import OptimizeResult

__all__ = ["bfgs_loop", "lbfgs_loop", "two_loop_recursion"]


def _curvature_ok(s: np.ndarray, y: np.ndarray) -> bool:
    # yᵀs > 0 is what keeps the update positive definite; demand it with a relative margin.
    return float(y @ s) > 1e-10 * float(np.sqrt((s @ s) * (y @ y)))


def _first_step(gradient: np.ndarray) -> float:
    # Before any curvature is known, try a step of unit length, α = 1/‖∇f‖ (as L-BFGS-B does).
    norm = float(np.sqrt(np.sum((gradient / np.max(np.abs(gradient))) ** 2))) * float(
        np.max(np.abs(gradient))
    )
    return max(1.0 / norm, 1e-300) if norm > 0 else 1.0


def _step(
    objective: Objective, progress: Progress, direction: np.ndarray, line_search, alpha0: float
):
    alpha, x, fun, jac, why = search_along(objective, progress, direction, line_search, alpha0)
    if alpha > 0 and jac is None:
        jac = objective.gradient(x)
    return alpha, x, fun, jac, why


def bfgs_loop(objective: Objective, progress: Progress, line_search: str | None) -> OptimizeResult:
    """BFGS with a dense inverse Hessian, scaled by ``yᵀs / yᵀy`` before the first update."""
    n = progress.x.size
    inverse_hessian = np.eye(n)
    first = True
    while not progress.converged():
        if progress.nit >= progress.maxiter:
            return progress.maxiter_result(hess_inv=inverse_hessian)
        direction = -(inverse_hessian @ progress.jac)
        if not float(direction @ progress.jac) < 0:
            inverse_hessian, first = np.eye(n), True
            direction = -progress.jac
        alpha0 = _first_step(progress.jac) if first else 1.0
        alpha, x, fun, jac, why = _step(objective, progress, direction, line_search, alpha0)
        if alpha == 0:
            return progress.line_search_result(why, hess_inv=inverse_hessian)
        if not progress.finite(x, fun, jac):
            return progress.diverged_result("f(x) or ∇f(x) is not finite", hess_inv=inverse_hessian)
        s, y = x - progress.x, jac - progress.jac
        progress.accept(x, fun, jac)
        if _curvature_ok(s, y):
            if first:
                inverse_hessian = np.eye(n) * (float(y @ s) / float(y @ y))
                first = False
            rho = 1.0 / float(y @ s)
            hy = inverse_hessian @ y
            # (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, expanded so that it costs two outer products.
            inverse_hessian = (
                inverse_hessian
                - rho * (np.outer(s, hy) + np.outer(hy, s))
                + (rho * rho * float(y @ hy) + rho) * np.outer(s, s)
            )
    return progress.converged_result(hess_inv=inverse_hessian)


def two_loop_recursion(
    gradient: np.ndarray, steps: deque[np.ndarray], changes: deque[np.ndarray]
) -> np.ndarray:
    """Return ``H_k ∇f`` for the L-BFGS matrix built from the pairs ``(s_i, y_i)``.

    The initial matrix is ``γ I`` with ``γ = s_{k−1}ᵀ y_{k−1} / y_{k−1}ᵀ y_{k−1}``
    (Nocedal & Wright Algorithm 7.4 and eq. 7.20).

    Examples
    --------
    >>> import numpy as np
    >>> from collections import deque
    >>> A = np.diag([1.0, 4.0])
    >>> s = deque([np.array([1.0, 0.0]), np.array([0.0, 1.0])])
    >>> y = deque([A @ v for v in s])
    >>> two_loop_recursion(np.array([1.0, 4.0]), s, y)  # H = A⁻¹ recovered exactly
    array([1., 1.])
    """
    q = gradient.copy()
    rhos = [1.0 / float(y @ s) for s, y in zip(steps, changes)]
    alphas = []
    for s, y, rho in zip(reversed(steps), reversed(changes), reversed(rhos)):
        a = rho * float(s @ q)
        alphas.append(a)
        q -= a * y
    if steps:
        q *= float(steps[-1] @ changes[-1]) / float(changes[-1] @ changes[-1])
    for s, y, rho, a in zip(steps, changes, rhos, reversed(alphas)):
        b = rho * float(y @ q)
        q += (a - b) * s
    return q


def lbfgs_loop(
    objective: Objective, progress: Progress, line_search: str | None, memory: int
) -> OptimizeResult:
    """L-BFGS keeping the last ``memory`` pairs ``(s, y)``."""
    steps: deque[np.ndarray] = deque(maxlen=memory)
    changes: deque[np.ndarray] = deque(maxlen=memory)
    while not progress.converged():
        if progress.nit >= progress.maxiter:
            return progress.maxiter_result()
        direction = -two_loop_recursion(progress.jac, steps, changes)
        if not float(direction @ progress.jac) < 0:
            steps.clear()
            changes.clear()
            direction = -progress.jac
        alpha0 = 1.0 if steps else _first_step(progress.jac)
        alpha, x, fun, jac, why = _step(objective, progress, direction, line_search, alpha0)
        if alpha == 0:
            return progress.line_search_result(why)
        if not progress.finite(x, fun, jac):
            return progress.diverged_result("f(x) or ∇f(x) is not finite")
        s, y = x - progress.x, jac - progress.jac
        progress.accept(x, fun, jac)
        if _curvature_ok(s, y):
            steps.append(s)
            changes.append(y)
    return progress.converged_result()
