"""The primal active-set iteration for a strictly convex QP with bounds and linear constraints.

It minimises ``½xᵀHx + cᵀx`` (``H`` symmetric positive definite) subject to
``A_eq x = b_eq``, ``A_ub x ≤ b_ub`` and ``l ≤ x ≤ u``, from a feasible start (Nocedal &
Wright Algorithm 16.3). The *working set* holds the equality rows, some inequality rows and
some *fixed* variables (held at one of their bounds). Each iteration solves the
equality-constrained step on the free variables ``F`` only,

``[H_FF  A_WFᵀ] [p_F]   [−g_F]``
``[A_WF  0    ] [λ  ] = [ 0  ]``,  ``g = Hx + c``,

so a bound costs nothing but a smaller system: with the box constraints of an SVM dual the
system is only as large as the number of free multipliers. A step is cut short by the first
blocking constraint, which joins the working set; at ``p = 0`` a working constraint with a
negative multiplier leaves it. Every added constraint is independent of the working set
(it has ``aᵀp > 0`` while ``A_W p = 0``), so the system stays nonsingular.

Examples
--------
>>> import numpy as np
>>> state = WorkingSet(rows=[], fixed={})
>>> out = solve_strictly_convex(np.eye(2), np.array([-2.0, -2.0]), np.empty((0, 2)),
...                             np.empty(0), np.empty((0, 2)), np.empty(0),
...                             np.zeros(2), np.ones(2), np.zeros(2), state, 100, 1e-10)
>>> out.x, out.converged, sorted(out.state.fixed.items())
(array([1., 1.]), True, [(0, 1), (1, 1)])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["WorkingSet", "ActiveSetOutcome", "solve_strictly_convex"]

LOWER, UPPER = -1, 1


@dataclass
class WorkingSet:
    """Inequality rows treated as equalities, and variables fixed at a bound (±1 = upper/lower)."""

    rows: list[int]
    fixed: dict[int, int]


@dataclass
class ActiveSetOutcome:
    """Where the iteration stopped, with the KKT multipliers when it converged.

    ``ineqlin`` (rows of ``A_ub``), ``eqlin`` (rows of ``A_eq``), ``lower`` and ``upper``
    (bounds) are the multipliers ``≥ 0`` (``eqlin`` of any sign); None unless ``converged``.
    """

    x: np.ndarray
    state: WorkingSet
    nit: int
    converged: bool
    ineqlin: np.ndarray | None = None
    eqlin: np.ndarray | None = None
    lower: np.ndarray | None = None
    upper: np.ndarray | None = None


def _step(H, g, A_W, free):
    """Solve the equality-constrained step on the free variables; return ``(p, λ)``."""
    from mml.linalg import solve

    n, k, f = g.size, A_W.shape[0], free.size
    p = np.zeros(n)
    if f + k == 0:
        return p, np.zeros(0)
    kkt = np.zeros((f + k, f + k))
    kkt[:f, :f] = H[np.ix_(free, free)]
    kkt[:f, f:] = A_W[:, free].T
    kkt[f:, :f] = A_W[:, free]
    solution = solve(kkt, np.concatenate([-g[free], np.zeros(k)]))
    p[free] = solution[:f]
    return p, solution[f:]


def _blocking(x, p, A_ub, b_ub, lower, upper, state, free, tol):
    """The largest step in (0, 1] keeping feasibility, and the constraint that blocks it."""
    step, blocking = 1.0, None
    if A_ub.shape[0]:
        slopes = A_ub @ p
        threshold = tol * (1 + float(np.max(np.abs(slopes))))
        for i in np.nonzero(slopes > threshold)[0]:
            if int(i) in state.rows:
                continue
            room = max(float(b_ub[i] - A_ub[i] @ x), 0.0) / float(slopes[i])
            if room < step:
                step, blocking = room, ("row", int(i), 0)
    threshold = tol * (1 + float(np.max(np.abs(p))))
    for i in free:
        if p[i] > threshold and np.isfinite(upper[i]):
            room = max(float(upper[i] - x[i]), 0.0) / float(p[i])
            if room < step:
                step, blocking = room, ("bound", int(i), UPPER)
        elif p[i] < -threshold and np.isfinite(lower[i]):
            room = max(float(x[i] - lower[i]), 0.0) / float(-p[i])
            if room < step:
                step, blocking = room, ("bound", int(i), LOWER)
    return step, blocking


def solve_strictly_convex(
    H: np.ndarray,
    c: np.ndarray,
    A_ub: np.ndarray,
    b_ub: np.ndarray,
    A_eq: np.ndarray,
    b_eq: np.ndarray,
    lower: np.ndarray,
    upper: np.ndarray,
    x: np.ndarray,
    state: WorkingSet,
    maxiter: int,
    tol: float,
) -> ActiveSetOutcome:
    """Run active-set iterations from the feasible ``x`` and working set ``state``.

    ``A_eq`` must have linearly independent rows, and ``state`` must be a working set
    that is independent together with them (an empty one always is).
    """
    n, m_eq = x.size, A_eq.shape[0]
    scale = 1 + float(np.max(np.abs(c), initial=0.0)) + float(np.max(np.abs(H), initial=0.0))
    state = WorkingSet(list(state.rows), dict(state.fixed))
    x = x.copy()
    for nit in range(1, maxiter + 1):
        free = np.array([i for i in range(n) if i not in state.fixed], dtype=int)
        A_W = np.vstack([A_eq, A_ub[state.rows]]) if state.rows else A_eq
        g = H @ x + c
        p, multipliers = _step(H, g, A_W, free)
        if float(np.max(np.abs(p), initial=0.0)) > tol * (1 + float(np.max(np.abs(x)))):
            step, blocking = _blocking(x, p, A_ub, b_ub, lower, upper, state, free, tol)
            x = x + step * p
            if blocking is not None:
                kind, index, side = blocking
                if kind == "row":
                    state.rows.append(index)
                else:
                    state.fixed[index] = side
                    x[index] = upper[index] if side == UPPER else lower[index]
            continue
        # p = 0: x minimises over the working set. Read off the multipliers.
        residual = g + A_W.T @ multipliers  # = −(Σ upper μ eᵢ − Σ lower μ eᵢ)
        row_multipliers = multipliers[m_eq:]
        candidates = [(float(v), "row", j) for j, v in enumerate(row_multipliers)]
        bound_multipliers = {i: -side * float(residual[i]) for i, side in state.fixed.items()}
        candidates += [(v, "bound", i) for i, v in bound_multipliers.items() if lower[i] < upper[i]]
        worst = min(candidates, default=(0.0, "", -1))
        if worst[0] >= -tol * scale:
            ineqlin = np.zeros(A_ub.shape[0])
            ineqlin[state.rows] = np.maximum(row_multipliers, 0.0)
            low, high = np.zeros(n), np.zeros(n)
            for i, side in state.fixed.items():
                target = high if side == UPPER else low
                target[i] = bound_multipliers[i]
            return ActiveSetOutcome(x, state, nit, True, ineqlin, multipliers[:m_eq], low, high)
        # Dropping the constraint with the most negative multiplier lets f decrease.
        if worst[1] == "row":
            del state.rows[worst[2]]
        else:
            del state.fixed[worst[2]]
    return ActiveSetOutcome(x, state, maxiter, False)
