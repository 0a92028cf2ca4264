"""``minimize``: one entry point for unconstrained (and box-constrained) smooth minimisation.

The signature follows ``scipy.optimize.minimize``. The methods are those of MML book ch. 7
and the quasi-Newton methods every library uses:

- ``"gd"``: ``x ← x − α ∇f(x)``, Armijo backtracking (or a fixed ``learning_rate``);
- ``"momentum"``: ``x ← x − γ ∇f(x) + β (x − x_prev)``, fixed step;
- ``"newton"``: ``x ← x − α (∇²f(x) + τI)⁻¹ ∇f(x)``, Armijo backtracking from ``α = 1``;
- ``"bfgs"``: ``x ← x − α H ∇f(x)``, ``H`` by BFGS updates, strong-Wolfe line search;
- ``"lbfgs"``: as BFGS with only the last ``m`` pairs, strong-Wolfe line search;
- ``"projected_gradient"``: ``x ← P(x − α ∇f(x))`` onto the box ``bounds``.

Examples
--------
>>> import numpy as np
>>> from mml.optim import minimize
>>> res = minimize(lambda x: float(np.sum((x - 1.0) ** 2)), np.zeros(3), method="bfgs")
>>> np.round(res.x, 6), res.success
(array([1., 1., 1.]), True)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from mml.errors import DomainError
from mml.optim._validation import as_float_vector, positive_integer, positive_number
from mml.optim.derivatives import Objective
from mml.optim.first_order import gradient_descent_loop, momentum_loop
from mml.optim.iteration import LINE_SEARCHES, Progress
from mml.optim.newton import newton_loop
from mml.optim.projection import box_from_bounds, project_onto_box, projected_gradient_descent
from mml.optim.quasi_newton import bfgs_loop, lbfgs_loop
from mml.optim.result import OptimizeResult

__all__ = ["minimize", "METHODS"]

# Every method's options and their defaults ("maxiter", "gtol", "keep_history" are common).
METHODS: dict[str, dict[str, Any]] = {
    "gd": {"learning_rate": None, "line_search": "armijo", "maxiter": 10_000},
    "momentum": {"learning_rate": 0.01, "momentum": 0.9, "maxiter": 10_000},
    "newton": {"line_search": "armijo", "maxiter": 200},
    "bfgs": {"line_search": "wolfe", "maxiter": 15_000},
    "lbfgs": {"line_search": "wolfe", "memory": 10, "maxiter": 15_000},
    "projected_gradient": {"learning_rate": None, "line_search": "armijo", "maxiter": 10_000},
}
_COMMON = {"gtol": 1e-5, "keep_history": True}
_ALIASES = {"l-bfgs": "lbfgs", "l-bfgs-b": "lbfgs", "steepest_descent": "gd"}


def _resolve_method(method: str, has_bounds: bool) -> str:
    if not isinstance(method, str):
        raise DomainError(f"method must be a string, got {method!r}")
    name = _ALIASES.get(method.lower(), method.lower())
    if name not in METHODS:
        raise DomainError(f"unknown method {method!r}; choose one of {sorted(METHODS)}")
    if has_bounds and name == "gd":
        name = "projected_gradient"
    if has_bounds and name != "projected_gradient":
        raise DomainError(
            f"method {method!r} does not take bounds; use method='projected_gradient'"
        )
    return name


def _resolve_options(name: str, options: dict[str, Any] | None, tol: float | None) -> dict:
    settings = {**_COMMON, **METHODS[name]}
    given = dict(options or {})
    unknown = set(given) - set(settings)
    if unknown:
        raise DomainError(
            f"unknown option(s) {sorted(unknown)} for method {name!r}; it takes {sorted(settings)}"
        )
    if tol is not None:
        settings["gtol"] = tol
    if name == "gd" and given.get("learning_rate") is not None and "line_search" not in given:
        given["line_search"] = None  # a learning rate alone means the book's fixed step
    settings.update(given)
    settings["gtol"] = positive_number(settings["gtol"], "gtol", allow_zero=True)
    settings["maxiter"] = positive_integer(settings["maxiter"], "maxiter")
    if "line_search" in settings and settings["line_search"] not in LINE_SEARCHES:
        raise DomainError(
            f"line_search must be one of {LINE_SEARCHES}, got {settings['line_search']!r}"
        )
    if settings.get("learning_rate") is not None:
        settings["learning_rate"] = positive_number(settings["learning_rate"], "learning_rate")
    if name == "gd" and settings["line_search"] is None and settings["learning_rate"] is None:
        raise DomainError("a fixed step (line_search=None) needs a learning_rate")
    if name == "momentum" and not 0 <= settings["momentum"] < 1:
        raise DomainError(f"momentum must lie in [0, 1), got {settings['momentum']!r}")
    if name == "lbfgs":
        settings["memory"] = positive_integer(settings["memory"], "memory")
    return settings


def minimize(
    fun: Callable[..., Any],
    x0: Any,
    args: tuple = (),
    method: str = "bfgs",
    jac: Callable[..., Any] | bool | None = None,
    hess: Callable[..., Any] | None = None,
    bounds: Any = None,
    tol: float | None = None,
    callback: Callable[[np.ndarray], object] | None = None,
    options: dict[str, Any] | None = None,
) -> OptimizeResult:
    """Minimise a smooth function ``f: ℝⁿ → ℝ`` from ``x0``.

    Parameters
    ----------
    fun : callable
        ``fun(x, *args) -> float`` with ``x`` of shape (n,). With ``jac=True`` it returns
        ``(f(x), ∇f(x))``.
    x0 : array_like, shape (n,)
        The starting point (finite).
    args : tuple
        Extra arguments for ``fun``, ``jac`` and ``hess``.
    method : str
        ``"gd"``, ``"momentum"``, ``"newton"``, ``"bfgs"`` (default), ``"lbfgs"`` or
        ``"projected_gradient"`` (see the module docstring).
    jac : callable, True or None
        ``jac(x, *args) -> (n,)``. None uses ``mml.autodiff`` when it can trace ``fun``,
        else central differences (:func:`mml.optim.derivatives.default_gradient`).
    hess : callable, optional
        ``hess(x, *args) -> (n, n)``, for ``"newton"`` only; None differences the gradient.
    bounds : sequence of (low, high) pairs, optional
        A box; only with ``"gd"`` (which then becomes ``"projected_gradient"``) or
        ``"projected_gradient"``.
    tol : float, optional
        Sets ``gtol``.
    callback : callable, optional
        ``callback(x)`` after each iteration.
    options : dict, optional
        ``maxiter``; ``gtol`` (stop when ``‖∇f‖_∞ ≤ gtol``, default 1e-5);
        ``keep_history`` (default True); ``line_search`` (``"wolfe"``, ``"armijo"`` or
        None); ``learning_rate`` (fixed step, or first trial step); ``momentum`` (β, default
        0.9); ``memory`` (L-BFGS pairs, default 10). See ``METHODS`` for which method
        takes which.

    Returns
    -------
    OptimizeResult
        ``success`` is True only when the gradient test was met. A run whose iterates or
        values become infinite or NaN stops with ``success=False``, ``status=3`` and the last
        finite iterate; a line search that cannot decrease ``f`` gives ``status=2``; the
        iteration limit gives ``status=1``.

    Raises
    ------
    DomainError
        For an unknown method or option, a bad option value, or a start where ``f`` or
        ``∇f`` is not finite.
    ShapeError
        If ``x0`` is not a vector or ``jac``/``hess`` return the wrong shape.

    Examples
    --------
    >>> import numpy as np
    >>> f = lambda x: float(x[0] ** 2 + 10 * x[1] ** 2)
    >>> res = minimize(f, [1.0, 1.0], method="gd", options={"learning_rate": 0.05})
    >>> res.success, len(res.history) == res.nit + 1
    (True, True)
    >>> diverging = minimize(f, [1.0, 1.0], method="gd", options={"learning_rate": 0.5})
    >>> diverging.success, diverging.status
    (False, 3)
    """
    x0 = as_float_vector(x0, "x0")
    name = _resolve_method(method, bounds is not None)
    settings = _resolve_options(name, options, tol)
    if hess is not None and name != "newton":
        raise DomainError(f"hess is used only by method='newton', not {name!r}")
    if name == "projected_gradient":
        lower, upper = box_from_bounds(bounds if bounds is not None else (None, None), x0.size)
        return projected_gradient_descent(
            fun,
            x0,
            lambda x: project_onto_box(x, lower, upper),
            jac=jac,
            args=args,
            learning_rate=settings["learning_rate"],
            line_search=settings["line_search"],
            gtol=settings["gtol"],
            maxiter=settings["maxiter"],
            keep_history=settings["keep_history"],
            callback=callback,
        )
    objective = Objective(fun, x0, args=args, jac=jac, hess=hess)
    progress = Progress(
        objective, settings["gtol"], settings["maxiter"], settings["keep_history"], callback
    )
    fun0, jac0 = objective.value_and_gradient(x0)
    if not progress.finite(x0, fun0, jac0):
        raise DomainError(f"f(x0) = {fun0} or its gradient is not finite at the start x0")
    progress.start(x0, fun0, jac0)
    # Overflow is not an error here: every iterate is checked, and a run whose numbers stop
    # being finite ends with status 3 ("Diverged") and its last finite iterate.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return _run(name, objective, progress, settings)


def _run(name: str, objective: Objective, progress: Progress, settings: dict) -> OptimizeResult:
    if name == "gd":
        return gradient_descent_loop(
            objective, progress, settings["learning_rate"], settings["line_search"]
        )
    if name == "momentum":
        return momentum_loop(objective, progress, settings["learning_rate"], settings["momentum"])
    if name == "newton":
        return newton_loop(objective, progress, settings["line_search"])
    if name == "bfgs":
        return bfgs_loop(objective, progress, settings["line_search"])
    return lbfgs_loop(objective, progress, settings["line_search"], settings["memory"])
