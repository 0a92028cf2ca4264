"""Newton's method with a line search and a Hessian shifted until it is positive definite.

The Newton direction solves ``∇²f(x) p = −∇f(x)``. Far from a minimum the Hessian may be
indefinite, and then ``p`` need not go downhill; we solve ``(∇²f(x) + τI) p = −∇f(x)`` with
the smallest ``τ ≥ 0`` (from the sequence 0, β, 2β, 4β, ...) for which the Cholesky
factorisation succeeds (Nocedal & Wright Algorithm 3.3). Near a strict minimum ``τ = 0``
and the convergence is quadratic. The linear algebra is ``mml.linalg.cho_factor`` /
``cho_solve``.

Examples
--------
>>> import numpy as np
>>> from mml.optim import minimize
>>> A = np.array([[3.0, 1.0], [1.0, 2.0]])
>>> res = minimize(lambda x: 0.5 * x @ A @ x - x.sum(), np.zeros(2), method="newton",
...                jac=lambda x: A @ x - 1, hess=lambda x: A)
>>> res.nit, np.round(res.x, 6)
(1, array([0.2, 0.4]))
"""

from __future__ import annotations

import numpy as np

from mml.errors import InvalidMatrixError, LinAlgError
from mml.optim.derivatives import Objective
from mml.optim.iteration import Progress, search_along
from mml.optim.result import OptimizeResult

__all__ = ["newton_direction", "newton_loop"]


def newton_direction(hessian: np.ndarray, gradient: np.ndarray) -> tuple[np.ndarray, float]:
    """Solve ``(H + τI) p = −g`` for the smallest ``τ`` in ``0, β, 2β, ...`` with ``H + τI ≻ 0``.

    Returns ``(p, τ)``. ``β = 10⁻³ · max(1, max |H_ii|)``.

    Raises
    ------
    LinAlgError
        If ``H`` holds non-finite values, so that no shift makes it positive definite.

    Examples
    --------
    >>> import numpy as np
    >>> p, tau = newton_direction(np.diag([2.0, 4.0]), np.array([2.0, 4.0]))
    >>> p, tau
    (array([-1., -1.]), 0.0)
    >>> p, tau = newton_direction(np.diag([1.0, -1.0]), np.array([1.0, 1.0]))
    >>> bool(tau > 1), bool(p @ np.array([1.0, 1.0]) < 0)
    (True, True)
    """
    from mml.linalg import cho_factor, cho_solve

    if not np.all(np.isfinite(hessian)):
        raise InvalidMatrixError("the Hessian holds NaN or infinite entries")
    hessian = (hessian + hessian.T) / 2
    identity = np.eye(hessian.shape[0])
    beta = 1e-3 * max(1.0, float(np.max(np.abs(np.diag(hessian)))))
    tau = 0.0
    for _ in range(80):
        try:
            factor = cho_factor(hessian + tau * identity)
        except LinAlgError:
            tau = max(2 * tau, beta)
            continue
        return cho_solve(factor, -gradient), tau
    raise InvalidMatrixError("no diagonal shift made the Hessian positive definite")


def newton_loop(
    objective: Objective, progress: Progress, line_search: str | None
) -> OptimizeResult:
    """``x_{k+1} = x_k + α_k p_k`` with the (shifted) Newton direction ``p_k`` and ``α`` from 1."""
    while not progress.converged():
        if progress.nit >= progress.maxiter:
            return progress.maxiter_result()
        hessian = objective.hessian(progress.x)
        try:
            direction, _ = newton_direction(hessian, progress.jac)
        except LinAlgError as error:
            return progress.diverged_result(str(error))
        alpha, x, fun, jac, why = search_along(objective, progress, direction, line_search, 1.0)
        if alpha == 0:
            return progress.line_search_result(why)
        if jac is None:
            jac = objective.gradient(x)
        if not progress.finite(x, fun, jac):
            return progress.diverged_result("f(x) or ∇f(x) is not finite")
        progress.accept(x, fun, jac)
    return progress.converged_result()
