"""``quadprog``: small dense convex quadratic programs by the primal active-set method.

Solves ``min ½xᵀQx + cᵀx`` subject to ``A_ub x ≤ b_ub``, ``A_eq x = b_eq`` and
``l ≤ x ≤ u`` for a symmetric positive semidefinite ``Q`` (MML book §7.3.2; Nocedal & Wright
Algorithm 16.3).

The optimum is characterised by the KKT conditions, with multipliers ``λ ≥ 0`` for the
inequality rows, ``ν`` for the equalities and ``μ_l, μ_u ≥ 0`` for the bounds:

``Qx + c + A_ubᵀλ + A_eqᵀν − μ_l + μ_u = 0``, each multiplier times its slack is 0.

1. A feasible start comes from phase 1 of :func:`mml.optim.linprog`; no feasible point
   means status 2 (infeasible).
2. The active-set iteration (:mod:`mml.optim.active_set`) keeps a working set of
   constraints held as equalities, solving for a step on the free variables with
   ``mml.linalg.solve``.
3. When ``Q`` is only semidefinite (the SVM dual with a linear kernel), that step system can
   be singular. The solver then runs proximal-point iterations
   ``x_{k+1} = argmin ½xᵀQx + cᵀx + ρ/2‖x − x_k‖²``, each strictly convex and warm-started,
   which converge to a solution of the original problem. If the steps ``d = x_{k+1} − x_k``
   become a ray along which ``f`` falls without limit (``Qd = 0``, ``cᵀd < 0``, ``d``
   feasible), the QP is reported unbounded (status 3).

Examples
--------
>>> import numpy as np
>>> res = quadprog(np.eye(2), [-1.0, -1.0], A_ub=[[1.0, 1.0]], b_ub=[1.0])
>>> res.x, round(res.fun, 6), res.ineqlin
(array([0.5, 0.5]), -0.75, array([0.5]))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from mml.errors import DomainError, LinAlgError, ShapeError
from mml.optim._validation import as_float_matrix, as_float_vector, positive_integer
from mml.optim.active_set import WorkingSet, solve_strictly_convex
from mml.optim.linprog import linprog
from mml.optim.projection import box_from_bounds

__all__ = ["QuadprogResult", "quadprog"]


@dataclass
class QuadprogResult:
    """The outcome of :func:`quadprog`.

    Attributes
    ----------
    x : ndarray, shape (n,) or None
        The minimiser (None unless ``status == 0``).
    fun : float or None
        ``½xᵀQx + cᵀx``.
    ineqlin : ndarray, shape (m_ub,) or None
        Multipliers ``λ ≥ 0`` of ``A_ub x ≤ b_ub`` (0 for inactive rows).
    eqlin : ndarray, shape (m_eq,) or None
        Multipliers ``ν`` of ``A_eq x = b_eq``.
    lower, upper : ndarray, shape (n,) or None
        Multipliers ``μ_l, μ_u ≥ 0`` of the bounds ``l ≤ x`` and ``x ≤ u``.
    active : tuple of int
        Rows of ``A_ub`` in the final working set.
    at_bounds : dict of int to str
        Variables held at a bound in the final working set: ``"lower"`` or ``"upper"``.
    status : int
        0 optimal, 1 iteration limit, 2 infeasible, 3 unbounded.
    success : bool
    message : str
    nit : int
        Active-set iterations, over all proximal steps.
    """

    x: np.ndarray | None
    fun: float | None
    ineqlin: np.ndarray | None
    eqlin: np.ndarray | None
    lower: np.ndarray | None
    upper: np.ndarray | None
    active: tuple[int, ...]
    at_bounds: dict[int, str]
    status: int
    success: bool
    message: str
    nit: int


def _constraint_pair(A: Any, b: Any, names: tuple[str, str], n: int):
    a_name, b_name = names
    if A is None and b is None:
        return np.empty((0, n)), np.empty(0)
    if A is None or b is None:
        given, missing = (a_name, b_name) if b is None else (b_name, a_name)
        raise ShapeError(f"{given} is given without {missing}")
    A = as_float_matrix(A, a_name)
    b = as_float_vector(b, b_name)
    if A.shape[1] != n:
        raise ShapeError(f"{a_name} has shape {A.shape} but Q has shape ({n}, {n})")
    if b.shape != (A.shape[0],):
        raise ShapeError(f"{b_name} has shape {b.shape} but {a_name} has shape {A.shape}")
    return A, b


def _independent_rows(rows: np.ndarray) -> list[int]:
    """Indices of a maximal linearly independent subset of ``rows``, chosen greedily."""
    from mml.linalg import solve

    chosen: list[int] = []
    for i, row in enumerate(rows):
        norm = float(np.sqrt(row @ row))
        if norm == 0:
            continue
        if chosen:
            basis = rows[chosen]
            coefficients = solve(basis @ basis.T, basis @ row)
            residual = row - basis.T @ coefficients
            if float(np.sqrt(residual @ residual)) <= 1e-10 * norm:
                continue
        chosen.append(i)
    return chosen


def _convexity(Q: np.ndarray) -> str:
    """``"definite"`` (well-conditioned Cholesky), ``"semidefinite"``, or DomainError."""
    from mml.linalg import cho_factor

    scale = max(1.0, float(np.max(np.abs(np.diag(Q))))) if Q.size else 1.0
    try:
        factor, _ = cho_factor(Q)
        pivots = np.abs(np.diag(factor))
        if float(np.min(pivots)) ** 2 >= 1e-10 * scale:
            return "definite"
    except LinAlgError:
        pass
    try:
        cho_factor(Q + 1e-8 * scale * Q.shape[0] * np.eye(Q.shape[0]))
    except LinAlgError:
        raise DomainError(
            "Q is not positive semidefinite: quadprog solves convex QPs only"
        ) from None
    return "semidefinite"


def _initial_working_set(
    x: np.ndarray, lower: np.ndarray, upper: np.ndarray, A_eq: np.ndarray, tol: float
) -> WorkingSet:
    """Hold at their bounds the variables that start there, while ``A_eq`` keeps full rank
    on the free ones (so the working set stays linearly independent)."""
    fixed: dict[int, int] = {}
    free = list(range(x.size))
    for i in range(x.size):
        side = 1 if x[i] >= upper[i] - tol else -1 if x[i] <= lower[i] + tol else 0
        if side == 0:
            continue
        rest = [j for j in free if j != i]
        if A_eq.shape[0] and len(_independent_rows(A_eq[:, rest])) < A_eq.shape[0]:
            continue
        fixed[i] = side
        x[i] = upper[i] if side == 1 else lower[i]
        free = rest
    return WorkingSet(rows=[], fixed=fixed)


def _is_descent_ray(d, Q, c, A_ub, A_eq, lower, upper) -> bool:
    """Whether ``f`` falls without limit along the feasible ray ``x + t d`` (``t → ∞``).

    That holds when ``Qd = 0``, ``A_ub d ≤ 0``, ``A_eq d = 0``, ``d`` respects the finite
    bounds and ``cᵀd < 0``: then ``f(x + td) = f(x) + t cᵀd``. Tested to relative ``1e-9``.
    """
    size = float(np.max(np.abs(d), initial=0.0))
    if size == 0:
        return False
    tol = 1e-9 * size
    q_scale = 1 + float(np.max(np.abs(Q)))
    return bool(
        float(c @ d) < -tol * (1 + float(np.max(np.abs(c))))
        and np.all(np.abs(Q @ d) <= tol * q_scale * d.size)
        and np.all(A_ub @ d <= tol * (1 + np.abs(A_ub).sum(axis=1)))
        and np.all(np.abs(A_eq @ d) <= tol * (1 + np.abs(A_eq).sum(axis=1)))
        and np.all(d[np.isfinite(lower)] >= -tol)
        and np.all(d[np.isfinite(upper)] <= tol)
    )


def quadprog(
    Q: Any,
    c: Any,
    A_ub: Any = None,
    b_ub: Any = None,
    A_eq: Any = None,
    b_eq: Any = None,
    bounds: Any = None,
    *,
    maxiter: int = 10_000,
    tol: float = 1e-10,
) -> QuadprogResult:
    """Minimise ``½xᵀQx + cᵀx`` subject to ``A_ub x ≤ b_ub``, ``A_eq x = b_eq``, ``l ≤ x ≤ u``.

    Parameters
    ----------
    Q : array_like, shape (n, n)
        Symmetric positive semidefinite.
    c : array_like, shape (n,)
    A_ub : array_like, shape (m_ub, n), optional
    b_ub : array_like, shape (m_ub,), optional
    A_eq : array_like, shape (m_eq, n), optional
    b_eq : array_like, shape (m_eq,), optional
    bounds : (low, high) or sequence of n pairs, optional
        None in a pair for no bound. The default None leaves every variable free (unlike
        ``linprog``, whose default is ``x ≥ 0``). Bounds are cheaper than the same
        constraints written as rows of ``A_ub``.
    maxiter : int
        Largest number of active-set iterations in all.
    tol : float
        Tolerance on steps and multipliers.

    Returns
    -------
    QuadprogResult
        ``status`` 0 optimal, 1 iteration limit, 2 infeasible, 3 unbounded below.

    Raises
    ------
    ShapeError
        If the shapes do not fit (the message names both), or ``Q`` is not square.
    DomainError
        If ``Q`` is not symmetric or not positive semidefinite, an entry is not finite, or
        some bounds are empty.

    Examples
    --------
    >>> import numpy as np
    >>> res = quadprog(np.diag([2.0, 2.0]), [-2.0, -5.0], A_ub=[[1.0, 2.0]], b_ub=[3.0],
    ...                A_eq=[[1.0, -1.0]], b_eq=[0.0])
    >>> res.x, res.active
    (array([1., 1.]), (0,))
    >>> res = quadprog(np.eye(2), [-2.0, 0.5], bounds=(0, 1))  # the SVM-dual shape of box
    >>> res.x, res.at_bounds
    (array([1., 0.]), {0: 'upper', 1: 'lower'})
    """
    Q = as_float_matrix(Q, "Q")
    n = Q.shape[0]
    if Q.shape != (n, n) or n == 0:
        raise ShapeError(f"Q must be square and non-empty, got shape {Q.shape}")
    if not np.allclose(Q, Q.T, rtol=1e-10, atol=1e-12):
        raise DomainError("Q must be symmetric")
    Q = (Q + Q.T) / 2
    c = as_float_vector(c, "c")
    if c.shape != (n,):
        raise ShapeError(f"c has shape {c.shape} but Q has shape {Q.shape}")
    A_ub, b_ub = _constraint_pair(A_ub, b_ub, ("A_ub", "b_ub"), n)
    A_eq, b_eq = _constraint_pair(A_eq, b_eq, ("A_eq", "b_eq"), n)
    lower, upper = box_from_bounds((None, None) if bounds is None else bounds, n)
    maxiter = positive_integer(maxiter, "maxiter")

    def result(status, message, outcome=None, nit=0):
        if outcome is None:
            return QuadprogResult(
                None, None, None, None, None, None, (), {}, status, False, message, nit
            )
        x = outcome.x
        eqlin = np.zeros(A_eq.shape[0])
        eqlin[keep] = outcome.eqlin
        sides = {i: ("upper" if side == 1 else "lower") for i, side in outcome.state.fixed.items()}
        return QuadprogResult(
            x,
            float(0.5 * x @ Q @ x + c @ x),
            outcome.ineqlin,
            eqlin,
            outcome.lower,
            outcome.upper,
            tuple(sorted(outcome.state.rows)),
            dict(sorted(sides.items())),
            status,
            status == 0,
            message,
            nit,
        )

    start = linprog(
        np.zeros(n),
        A_ub=A_ub if A_ub.size else None,
        b_ub=b_ub if A_ub.size else None,
        A_eq=A_eq if A_eq.size else None,
        b_eq=b_eq if A_eq.size else None,
        bounds=[
            (lo if np.isfinite(lo) else None, hi if np.isfinite(hi) else None)
            for lo, hi in zip(lower, upper)
        ],
    )
    if start.status == 2:
        return result(2, "The problem is infeasible: the constraints have no common point.")
    semidefinite = _convexity(Q) == "semidefinite"
    keep = _independent_rows(A_eq)
    A_eq_w, b_eq_w = A_eq[keep], b_eq[keep]
    x = np.clip(start.x, lower, upper)
    state = _initial_working_set(x, lower, upper, A_eq_w, tol)
    rho = 1e-3 * max(1.0, float(np.max(np.abs(np.diag(Q))))) if semidefinite else 0.0
    H = Q + rho * np.eye(n)
    total = 0
    while total < maxiter:
        anchor = x
        outcome = solve_strictly_convex(
            H,
            c - rho * anchor,
            A_ub,
            b_ub,
            A_eq_w,
            b_eq_w,
            lower,
            upper,
            x,
            state,
            maxiter - total,
            tol,
        )
        total += outcome.nit
        if not outcome.converged:
            break
        x, state = outcome.x, outcome.state
        # The KKT residual of the original problem is ρ‖x − anchor‖.
        if rho * float(np.max(np.abs(x - anchor))) <= 1e-9 * (1 + float(np.max(np.abs(c)))):
            message = "Optimization terminated successfully: KKT conditions hold."
            return result(0, message, outcome, total)
        if _is_descent_ray(x - anchor, Q, c, A_ub, A_eq, lower, upper):
            return result(3, "The problem is unbounded: f decreases without limit along a ray.")
    return result(1, f"Iteration limit ({maxiter}) reached.", nit=total)
