"""Bookkeeping shared by every descent loop: history, stopping tests, divergence, the result.

Each method in ``mml.optim`` computes a direction its own way; the rest is the same and
lives here, so that every method stops, reports and refuses to diverge silently the same way.

Examples
--------
>>> import numpy as np
>>> from mml.optim.derivatives import Objective
>>> objective = Objective(lambda x: float(x @ x), np.ones(1), jac=lambda x: 2 * x)
>>> progress = Progress(objective, gtol=1e-8, maxiter=5, keep_history=True)
>>> progress.start(np.ones(1), 1.0, np.array([2.0]))
>>> progress.converged()
False
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from mml.optim.derivatives import Objective
from mml.optim.line_search import backtracking_line_search, wolfe_line_search
from mml.optim.result import OptimizeResult

__all__ = ["Progress", "LINE_SEARCHES", "search_along"]

LINE_SEARCHES = ("wolfe", "armijo", None)

STATUS_CONVERGED, STATUS_MAXITER, STATUS_LINE_SEARCH, STATUS_DIVERGED = 0, 1, 2, 3


class Progress:
    """The state of one run: the current iterate, counts, history and why it stopped."""

    def __init__(
        self,
        objective: Objective,
        gtol: float,
        maxiter: int,
        keep_history: bool = True,
        callback: Callable[[np.ndarray], object] | None = None,
    ) -> None:
        self.objective = objective
        self.gtol, self.maxiter = gtol, maxiter
        self.keep_history, self.callback = keep_history, callback
        self.history: list[np.ndarray] = []
        self.fun_history: list[float] = []
        self.nit = 0
        self.x = np.empty(0)
        self.fun = np.nan
        self.jac = np.empty(0)

    def start(self, x: np.ndarray, fun: float, jac: np.ndarray) -> None:
        """Record the starting point."""
        self.x, self.fun, self.jac = x, fun, jac
        self._remember(x, fun)

    def _remember(self, x: np.ndarray, fun: float) -> None:
        if self.keep_history:
            self.history.append(x.copy())
            self.fun_history.append(float(fun))

    def finite(self, x: np.ndarray, fun: float, jac: np.ndarray | None = None) -> bool:
        """Whether a point, its value and its gradient are all finite numbers."""
        ok = bool(np.all(np.isfinite(x)) and np.isfinite(fun))
        return ok and (jac is None or bool(np.all(np.isfinite(jac))))

    def accept(self, x: np.ndarray, fun: float, jac: np.ndarray) -> None:
        """Move to a new iterate (the caller checked that it is finite)."""
        self.nit += 1
        self.x, self.fun, self.jac = x, fun, jac
        self._remember(x, fun)
        if self.callback is not None:
            self.callback(x.copy())

    def gradient_norm(self) -> float:
        """``‖∇f(x)‖_∞``, the quantity the stopping test compares with ``gtol``."""
        return float(np.max(np.abs(self.jac))) if self.jac.size else 0.0

    def converged(self) -> bool:
        """Whether ``‖∇f(x)‖_∞ ≤ gtol``."""
        return self.gradient_norm() <= self.gtol

    def result(self, status: int, message: str, **extra: object) -> OptimizeResult:
        """The :class:`OptimizeResult` of this run; ``success`` only when ``status == 0``."""
        objective = self.objective
        return OptimizeResult(
            x=self.x.copy(),
            fun=float(self.fun),
            jac=self.jac.copy(),
            nit=self.nit,
            nfev=objective.nfev,
            njev=objective.njev,
            nhev=objective.nhev,
            success=status == STATUS_CONVERGED,
            status=status,
            message=message,
            history=self.history,
            fun_history=self.fun_history,
            **extra,
        )

    def converged_result(self, **extra: object) -> OptimizeResult:
        """Status 0: the gradient test holds."""
        return self.result(
            STATUS_CONVERGED,
            f"Optimization terminated successfully: ‖∇f‖∞ = {self.gradient_norm():.3g} ≤ "
            f"gtol = {self.gtol:g}",
            **extra,
        )

    def maxiter_result(self, **extra: object) -> OptimizeResult:
        """Status 1: the iteration limit was reached first."""
        return self.result(
            STATUS_MAXITER,
            f"Maximum number of iterations ({self.maxiter}) reached with "
            f"‖∇f‖∞ = {self.gradient_norm():.3g} > gtol = {self.gtol:g}",
            **extra,
        )

    def diverged_result(self, why: str, **extra: object) -> OptimizeResult:
        """Status 3: values stopped being finite; the last finite iterate is returned."""
        return self.result(
            STATUS_DIVERGED,
            f"Diverged at iteration {self.nit + 1}: {why}; returning the last finite iterate",
            **extra,
        )

    def line_search_result(self, why: str, **extra: object) -> OptimizeResult:
        """Status 2: no step along the direction decreased ``f``."""
        return self.result(
            STATUS_LINE_SEARCH,
            f"Line search failed at iteration {self.nit + 1} with ‖∇f‖∞ = "
            f"{self.gradient_norm():.3g} > gtol = {self.gtol:g}: {why} "
            "(desired error not necessarily achieved due to precision loss)",
            **extra,
        )


def search_along(
    objective: Objective,
    progress: Progress,
    direction: np.ndarray,
    line_search: str | None,
    alpha0: float,
) -> tuple[float, np.ndarray, float, np.ndarray | None, str]:
    """Step from ``progress.x`` along ``direction``; return ``(alpha, x, f, g, message)``.

    ``line_search`` is ``"wolfe"``, ``"armijo"`` or None (a fixed step ``alpha0``). ``alpha``
    is 0.0 when no acceptable step was found; ``g`` is None when the search did not compute
    the gradient at the new point (the caller evaluates it).
    """
    x, fun, jac = progress.x, progress.fun, progress.jac
    if line_search is None:
        x_new = x + alpha0 * direction
        return alpha0, x_new, objective.value(x_new), None, "fixed step"
    if line_search == "armijo":
        res = backtracking_line_search(
            objective.value, x, direction, jac, fun, alpha0=alpha0, fprime=objective.gradient
        )
    else:
        res = wolfe_line_search(
            objective.value_and_gradient, None, x, direction, jac, fun, alpha0=alpha0
        )
        if not res.success and res.alpha > 0:
            # An Armijo-only step still decreases f; take it rather than stop.
            res.success = True
    if not res.success or res.alpha == 0:
        return 0.0, x, fun, jac, res.message
    return res.alpha, x + res.alpha * direction, res.fun, res.jac, res.message
