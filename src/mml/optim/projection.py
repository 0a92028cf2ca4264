"""Euclidean projections onto a box and onto the simplex, and projected gradient descent.

For a closed convex set ``C``, the projection ``P_C(v) = argmin_{x ∈ C} ‖x − v‖`` is unique,
and projected gradient descent ``x_{k+1} = P_C(x_k − α_k ∇f(x_k))`` minimises a smooth
``f`` over ``C`` (MML book §7.2 on constrained optimisation; Bertsekas, *Nonlinear
Programming*, §2.3). A point is stationary exactly when ``x = P_C(x − ∇f(x))``.

Examples
--------
>>> import numpy as np
>>> project_onto_box(np.array([-1.0, 0.5, 3.0]), 0.0, 1.0)
array([0. , 0.5, 1. ])
>>> project_onto_simplex(np.array([0.5, 0.5, 1.0]))
array([0.16666667, 0.16666667, 0.66666667])
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from mml.errors import DomainError, ShapeError
from mml.optim._validation import as_float_vector, positive_integer, positive_number
from mml.optim.derivatives import Objective
from mml.optim.iteration import Progress
from mml.optim.result import OptimizeResult

__all__ = [
    "project_onto_box",
    "project_onto_simplex",
    "box_from_bounds",
    "projected_gradient_descent",
]


def project_onto_box(x: Any, lower: Any = -np.inf, upper: Any = np.inf) -> np.ndarray:
    """Project onto the box ``{x : lower ≤ x ≤ upper}``: ``P(x)_i = min(max(x_i, l_i), u_i)``.

    Parameters
    ----------
    x : array_like, shape (n,)
        The point to project.
    lower, upper : float or array_like, shape (n,)
        The bounds; ``-inf`` / ``inf`` for none.

    Returns
    -------
    ndarray, shape (n,)

    Raises
    ------
    ShapeError
        If a bound array does not match ``x``.
    DomainError
        If some ``lower_i > upper_i`` (the box is empty) or ``x`` is not finite.

    Examples
    --------
    >>> project_onto_box([2.0, -3.0], lower=[0.0, -1.0], upper=[1.0, 1.0])
    array([ 1., -1.])
    """
    x = as_float_vector(x, "x")
    lower, upper = _bound_array(lower, "lower", x.size), _bound_array(upper, "upper", x.size)
    if np.any(lower > upper):
        i = int(np.argmax(lower > upper))
        raise DomainError(f"empty box: lower[{i}] = {lower[i]} > upper[{i}] = {upper[i]}")
    return np.minimum(np.maximum(x, lower), upper)


def _bound_array(bound: Any, name: str, n: int) -> np.ndarray:
    array = np.asarray(bound, dtype=float)
    if np.any(np.isnan(array)):
        raise DomainError(f"{name} holds NaN")
    if array.ndim == 0:
        return np.full(n, float(array))
    if array.shape != (n,):
        raise ShapeError(f"{name} has shape {array.shape}, but x has shape ({n},)")
    return array


def project_onto_simplex(v: Any, radius: float = 1.0) -> np.ndarray:
    """Project onto the simplex ``{x : x_i ≥ 0, Σ x_i = radius}``.

    The projection is ``x_i = max(v_i − θ, 0)``, with the threshold ``θ`` chosen so the
    entries sum to ``radius``; sorting ``v`` finds ``θ`` in ``O(n log n)`` (Duchi et al.,
    2008, Figure 1).

    Parameters
    ----------
    v : array_like, shape (n,)
    radius : float, > 0

    Returns
    -------
    ndarray, shape (n,)

    Raises
    ------
    DomainError
        If ``radius ≤ 0`` or ``v`` is not finite.

    Examples
    --------
    >>> project_onto_simplex([2.0, 0.0])
    array([1., 0.])
    >>> project_onto_simplex([1.0, 1.0, 1.0], radius=3.0)
    array([1., 1., 1.])
    """
    v = as_float_vector(v, "v")
    radius = positive_number(radius, "radius")
    u = np.sort(v)[::-1]
    cumulative = np.cumsum(u) - radius
    k = np.arange(1, v.size + 1)
    # ρ = the largest k with u_k − (Σ_{j≤k} u_j − radius)/k > 0.
    rho = int(np.nonzero(u - cumulative / k > 0)[0][-1])
    theta = cumulative[rho] / (rho + 1)
    return np.maximum(v - theta, 0.0)


def box_from_bounds(bounds: Any, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Turn SciPy-style ``bounds`` into ``(lower, upper)`` arrays of shape (n,).

    ``bounds`` is one pair ``(low, high)`` for every variable, or a sequence of ``n`` pairs;
    None in a pair means no bound.

    Examples
    --------
    >>> box_from_bounds([(0, None), (None, 2)], 2)
    (array([  0., -inf]), array([inf,  2.]))
    """
    pairs = list(bounds)
    if len(pairs) == 2 and all(p is None or np.isscalar(p) for p in pairs):
        pairs = [tuple(pairs)] * n
    if len(pairs) != n or any(np.ndim(p) != 1 or len(p) != 2 for p in pairs):
        raise ShapeError(
            f"bounds must be one (low, high) pair or {n} pairs, got {len(pairs)} entries"
        )
    lower = np.array([-np.inf if p[0] is None else float(p[0]) for p in pairs])
    upper = np.array([np.inf if p[1] is None else float(p[1]) for p in pairs])
    if np.any(np.isnan(lower)) or np.any(np.isnan(upper)):
        raise DomainError("bounds hold NaN")
    if np.any(lower > upper):
        i = int(np.argmax(lower > upper))
        raise DomainError(f"empty bounds for x[{i}]: ({lower[i]}, {upper[i]})")
    return lower, upper


class _ProjectedProgress(Progress):
    """Progress whose stationarity measure is ``‖x − P(x − ∇f(x))‖_∞``."""

    def __init__(self, *args: Any, project: Callable[[np.ndarray], np.ndarray], **kw: Any):
        super().__init__(*args, **kw)
        self.project = project

    def gradient_norm(self) -> float:
        if not self.jac.size:
            return 0.0
        return float(np.max(np.abs(self.x - self.project(self.x - self.jac))))


def projected_gradient_descent(
    fun: Callable[..., float],
    x0: Any,
    project: Callable[[np.ndarray], np.ndarray],
    jac: Callable[..., Any] | bool | None = None,
    args: tuple = (),
    learning_rate: float | None = None,
    line_search: str | None = "armijo",
    gtol: float = 1e-6,
    maxiter: int = 10_000,
    keep_history: bool = True,
    callback: Callable[[np.ndarray], object] | None = None,
) -> OptimizeResult:
    """Minimise ``f`` over a convex set by ``x_{k+1} = P(x_k − α_k ∇f(x_k))``.

    With ``line_search="armijo"`` the step backtracks along the projection arc until
    ``f(x(α)) ≤ f(x) + 10⁻⁴ ∇f(x)ᵀ(x(α) − x)``, ``x(α) = P(x − α∇f(x))`` (Bertsekas'
    Armijo rule along the arc), starting from the Barzilai–Borwein step ``sᵀs / sᵀy`` of the
    last iteration; with None it is the fixed ``learning_rate``. The run stops
    when ``‖x − P(x − ∇f(x))‖_∞ ≤ gtol``.

    Parameters
    ----------
    fun, jac, args
        As for :func:`mml.optim.minimize`.
    x0 : array_like, shape (n,)
        The start; it is projected first.
    project : callable
        ``P(x) -> ndarray`` of shape (n,), e.g. ``project_onto_simplex`` or
        ``lambda x: project_onto_box(x, 0, 1)``.
    learning_rate : float, optional
        The fixed step, or the first trial step of the line search (default 1).
    line_search : {"armijo", None}
    gtol : float
        Tolerance on the projected gradient.
    maxiter : int
    keep_history : bool
        Keep every iterate in ``result.history``.
    callback : callable, optional
        Called as ``callback(x)`` after each iteration.

    Returns
    -------
    OptimizeResult

    Raises
    ------
    DomainError
        For a bad option value, or when ``line_search=None`` and no ``learning_rate``.

    Examples
    --------
    >>> import numpy as np
    >>> target = np.array([0.9, 0.6, -0.3])
    >>> res = projected_gradient_descent(lambda x: float((x - target) @ (x - target)),
    ...                                  np.ones(3) / 3, project_onto_simplex,
    ...                                  jac=lambda x: 2 * (x - target))
    >>> np.round(res.x, 6), res.success
    (array([0.65, 0.35, 0.  ]), True)
    """
    if line_search not in ("armijo", None):
        raise DomainError(f"line_search must be 'armijo' or None, got {line_search!r}")
    if line_search is None and learning_rate is None:
        raise DomainError("a fixed step (line_search=None) needs a learning_rate")
    alpha = 1.0 if learning_rate is None else positive_number(learning_rate, "learning_rate")
    gtol = positive_number(gtol, "gtol", allow_zero=True)
    maxiter = positive_integer(maxiter, "maxiter")
    x = as_float_vector(project(as_float_vector(x0, "x0")), "P(x0)")
    objective = Objective(fun, x, args=args, jac=jac)
    progress = _ProjectedProgress(objective, gtol, maxiter, keep_history, callback, project=project)
    fun0, jac0 = objective.value_and_gradient(x)
    if not progress.finite(x, fun0, jac0):
        raise DomainError("f(x0) or its gradient is not finite at the projected start")
    progress.start(x, fun0, jac0)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return _projected_loop(objective, progress, project, alpha, learning_rate, line_search)


def _projected_loop(
    objective: Objective,
    progress: Progress,
    project: Callable[[np.ndarray], np.ndarray],
    alpha: float,
    learning_rate: float | None,
    line_search: str | None,
) -> OptimizeResult:
    while not progress.converged():
        if progress.nit >= progress.maxiter:
            return progress.maxiter_result()
        step = alpha
        for _ in range(60 if line_search else 1):
            with np.errstate(all="ignore"):
                x_new = project(progress.x - step * progress.jac)
            fun_new = objective.value(x_new)
            change = x_new - progress.x
            decrease = 1e-4 * float(progress.jac @ change)
            if line_search is None or (np.isfinite(fun_new) and fun_new <= progress.fun + decrease):
                break
            if abs(fun_new - progress.fun) <= 1e-10 * abs(progress.fun) + 1e-300:
                # f changed by less than its rounding error: judge by the slope instead
                # (the approximate Armijo condition, as in backtracking_line_search).
                jac_new = objective.gradient(x_new)
                if float(jac_new @ change) <= (2e-4 - 1) * float(progress.jac @ change):
                    break
            step /= 2
        else:
            return progress.line_search_result("no step along the projection arc decreased f")
        jac_new = objective.gradient(x_new)
        if not progress.finite(x_new, fun_new, jac_new):
            return progress.diverged_result("f(x) or ∇f(x) is not finite")
        s, y = x_new - progress.x, jac_new - progress.jac
        progress.accept(x_new, fun_new, jac_new)
        if line_search is not None and learning_rate is None:
            # Barzilai–Borwein: the step that fits the last secant, αₖ = sᵀs / sᵀy.
            curvature = float(s @ y)
            alpha = float(s @ s) / curvature if curvature > 0 else 2 * step
            alpha = min(max(alpha, 1e-12), 1e12)
    return progress.converged_result()
