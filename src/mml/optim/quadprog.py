"""``quadprog``: small dense convex quadratic programs by the primal active-set method.

Solves ``min ½xᵀQx + cᵀx`` subject to ``A_ub x ≤ b_ub`` and ``A_eq x = b_eq`` for a symmetric
positive semidefinite ``Q`` (MML book §7.3.2; Nocedal & Wright Algorithm 16.3).

The optimum is characterised by the KKT conditions, with multipliers ``λ ≥ 0`` for the
inequalities and ``ν`` for the equalities:

``Qx + c + A_ubᵀλ + A_eqᵀν = 0``,  ``λ_i (b_ub − A_ub x)_i = 0``.

The method keeps a *working set* ``W`` of constraints treated as equalities. Each iteration
solves the equality-constrained step ``[Q A_Wᵀ; A_W 0] [p; λ] = [−(Qx + c); 0]``
(``mml.linalg.solve``), moves along ``p`` until a constraint blocks (adding it to ``W``),
and, when ``p = 0``, drops an inequality whose multiplier is negative. A feasible start comes
from phase 1 of :func:`mml.optim.linprog`. When ``Q`` is only semidefinite (the SVM dual with
a linear kernel), the step system can be singular; the solver then runs proximal-point
iterations ``x_{k+1} = argmin ½xᵀQx + cᵀx + ρ/2‖x − x_k‖²``, each strictly convex, which
converge to a solution of the original problem.

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
from mml.optim.linprog import linprog

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
    active : tuple of int
        Rows of ``A_ub`` in the final working set.
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
    active: tuple[int, ...]
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


def _is_unbounded(Q, c, A_ub, A_eq, tol) -> bool:
    """Whether a direction ``d`` with ``Qd = 0``, ``A_ub d ≤ 0``, ``A_eq d = 0``, ``cᵀd < 0`` exists."""
    n = c.size
    res = linprog(
        c,
        A_ub=A_ub if A_ub.size else None,
        b_ub=np.zeros(A_ub.shape[0]) if A_ub.size else None,
        A_eq=np.vstack([Q, A_eq]),
        b_eq=np.zeros(n + A_eq.shape[0]),
        bounds=(-1, 1),
        tol=tol,
    )
    return res.status == 0 and res.fun < -1e-8 * (1 + float(np.max(np.abs(c))))


def _active_set(H, c, A_ub, b_ub, A_eq, b_eq, x, working, maxiter, tol):
    """Primal active-set iterations on ``½xᵀHx + cᵀx`` with ``H ≻ 0``.

    ``working`` lists the inequality rows treated as equalities. Returns
    ``(x, λ_ub, ν_eq, working, nit, converged)``.
    """
    from mml.linalg import solve

    n, m_eq = x.size, A_eq.shape[0]
    scale = 1 + float(np.max(np.abs(c))) + float(np.max(np.abs(H)))
    for nit in range(1, maxiter + 1):
        A_W = np.vstack([A_eq, A_ub[working]])
        k = A_W.shape[0]
        kkt = np.zeros((n + k, n + k))
        kkt[:n, :n], kkt[:n, n:], kkt[n:, :n] = H, A_W.T, A_W
        rhs = np.concatenate([-(H @ x + c), np.zeros(k)])
        solution = solve(kkt, rhs)
        p, multipliers = solution[:n], solution[n:]
        if float(np.max(np.abs(p), initial=0.0)) <= tol * (1 + float(np.max(np.abs(x)))):
            inequality = multipliers[m_eq:]
            if inequality.size == 0 or float(np.min(inequality)) >= -tol * scale:
                lam = np.zeros(A_ub.shape[0])
                lam[working] = np.maximum(inequality, 0.0)
                return x, lam, multipliers[:m_eq], working, nit, True
            # Dropping the constraint with the most negative multiplier lets f decrease.
            working = [w for j, w in enumerate(working) if j != int(np.argmin(inequality))]
            continue
        step, blocking = 1.0, None
        slopes = A_ub @ p
        for i in np.nonzero(slopes > tol * (1 + np.abs(slopes).max(initial=0.0)))[0]:
            if i in working:
                continue
            room = max(float(b_ub[i] - A_ub[i] @ x), 0.0) / float(slopes[i])
            if room < step:  # ties keep the lowest row index
                step, blocking = room, int(i)
        x = x + step * p
        if blocking is not None:
            working = working + [blocking]
    return x, None, None, working, maxiter, False


def quadprog(
    Q: Any,
    c: Any,
    A_ub: Any = None,
    b_ub: Any = None,
    A_eq: Any = None,
    b_eq: Any = None,
    *,
    maxiter: int = 10_000,
    tol: float = 1e-10,
) -> QuadprogResult:
    """Minimise ``½xᵀQx + cᵀx`` subject to ``A_ub x ≤ b_ub`` and ``A_eq x = b_eq``.

    Parameters
    ----------
    Q : array_like, shape (n, n)
        Symmetric positive semidefinite.
    c : array_like, shape (n,)
    A_ub : array_like, shape (m_ub, n), optional
    b_ub : array_like, shape (m_ub,), optional
    A_eq : array_like, shape (m_eq, n), optional
    b_eq : array_like, shape (m_eq,), optional
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
        If ``Q`` is not symmetric or not positive semidefinite, or an entry is not finite.

    Examples
    --------
    >>> import numpy as np
    >>> res = quadprog(np.diag([2.0, 2.0]), [-2.0, -5.0], A_ub=[[1.0, 2.0]], b_ub=[3.0],
    ...                A_eq=[[1.0, -1.0]], b_eq=[0.0])
    >>> res.x, res.active
    (array([1., 1.]), (0,))
    """
    Q = as_float_matrix(Q, "Q")
    n = Q.shape[0]
    if Q.shape != (n, n):
        raise ShapeError(f"Q must be square, got shape {Q.shape}")
    if not np.allclose(Q, Q.T, rtol=1e-10, atol=1e-12):
        raise DomainError("Q must be symmetric")
    Q = (Q + Q.T) / 2
    c = as_float_vector(c, "c")
    if c.shape != (n,):
        raise ShapeError(f"c has shape {c.shape} but Q has shape {Q.shape}")
    A_ub, b_ub = _constraint_pair(A_ub, b_ub, ("A_ub", "b_ub"), n)
    A_eq, b_eq = _constraint_pair(A_eq, b_eq, ("A_eq", "b_eq"), n)
    maxiter = positive_integer(maxiter, "maxiter")

    def result(status, message, x=None, lam=None, nu=None, working=(), nit=0):
        fun = None if x is None else float(0.5 * x @ Q @ x + c @ x)
        return QuadprogResult(
            x, fun, lam, nu, tuple(sorted(working)), status, status == 0, message, nit
        )

    start = linprog(
        np.zeros(n),
        A_ub=A_ub if A_ub.size else None,
        b_ub=b_ub if A_ub.size else None,
        A_eq=A_eq if A_eq.size else None,
        b_eq=b_eq if A_eq.size else None,
        bounds=(None, None),
    )
    if start.status == 2:
        return result(2, "The problem is infeasible: the constraints have no common point.")
    kind = _convexity(Q)
    if kind == "semidefinite" and _is_unbounded(Q, c, A_ub, A_eq, 1e-9):
        return result(3, "The problem is unbounded: f decreases without limit along a ray.")
    keep = _independent_rows(A_eq)
    A_eq_w, b_eq_w = A_eq[keep], b_eq[keep]
    x, working, total = start.x, [], 0
    rho = 0.0 if kind == "definite" else 1e-3 * max(1.0, float(np.max(np.abs(np.diag(Q)))))
    identity = np.eye(n)
    while total < maxiter:
        anchor = x
        x, lam, nu, working, nit, converged = _active_set(
            Q + rho * identity,
            c - rho * anchor,
            A_ub,
            b_ub,
            A_eq_w,
            b_eq_w,
            x,
            working,
            maxiter - total,
            tol,
        )
        total += nit
        if not converged:
            break
        # The KKT residual of the original problem is ρ‖x − anchor‖.
        if rho == 0 or rho * float(np.max(np.abs(x - anchor))) <= 1e-9 * (1 + np.abs(c).max()):
            full_nu = np.zeros(A_eq.shape[0])
            full_nu[keep] = nu
            message = "Optimization terminated successfully: KKT conditions hold."
            return result(0, message, x, lam, full_nu, working, total)
    return result(1, f"Iteration limit ({maxiter}) reached.", nit=total)
