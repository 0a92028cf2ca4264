"""``linprog``: linear programs by the two-phase simplex method with Bland's rule.

Solves ``min cᵀx`` subject to ``A_ub x ≤ b_ub``, ``A_eq x = b_eq``, ``l ≤ x ≤ u``, with the
signature and status codes of ``scipy.optimize.linprog`` (MML book §7.3.1).

1. **Standard form.** Each variable becomes non-negative (``x = l + x'``, ``x = u − x'``, or
   ``x = x⁺ − x⁻`` when free); finite upper bounds become rows; every ``≤`` row gets a slack;
   rows with ``b < 0`` are negated.
2. **Phase 1** adds an artificial variable to every row without a ready basic slack and
   minimises their sum. A positive minimum means the constraints have no common point:
   the LP is *infeasible* (status 2), not a wrong answer.
3. **Phase 2** starts from that basis and minimises ``cᵀx``. An entering column without a
   positive entry proves the LP *unbounded* (status 3).

``exact=True`` runs the same algorithm on :class:`fractions.Fraction` and keeps every
tableau (``result.tableaux``) for a worked solution.

Examples
--------
>>> res = linprog([-3, -2], A_ub=[[1, 1], [1, 3]], b_ub=[4, 6])
>>> res.x, res.fun, res.status
(array([4., 0.]), -12.0, 0)
>>> linprog([1, 1], A_ub=[[-1, -1]], b_ub=[-2], A_eq=[[1, 1]], b_eq=[1]).status
2
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from mml.errors import ShapeError
from mml.optim._validation import positive_integer
from mml.optim.lp_standard_form import (
    StandardForm,
    as_lp_array,
    lp_bounds,
    lp_constraints,
    standard_form,
)
from mml.optim.simplex import (
    ITERATION_LIMIT,
    OPTIMAL,
    UNBOUNDED,
    TableauStep,
    pivot,
    run_simplex,
)

__all__ = ["LinprogResult", "linprog"]

INFEASIBLE = 2
_MESSAGES = {
    OPTIMAL: "Optimization terminated successfully.",
    ITERATION_LIMIT: "Iteration limit reached.",
    INFEASIBLE: "The problem is infeasible: phase 1 ended with a positive sum of artificials.",
    UNBOUNDED: "The problem is unbounded: an improving direction has no limiting constraint.",
}


@dataclass
class LinprogResult:
    """The outcome of :func:`linprog`, with the fields of SciPy's result.

    Attributes
    ----------
    x : ndarray, shape (n,) or None
        The optimal point (float, or object array of Fraction when ``exact``); None unless
        ``status == 0``.
    fun : float or Fraction or None
        ``cᵀx``.
    slack : ndarray, shape (m_ub,) or None
        ``b_ub − A_ub x ≥ 0``.
    con : ndarray, shape (m_eq,) or None
        ``b_eq − A_eq x`` (zero up to round-off).
    status : int
        0 optimal, 1 iteration limit, 2 infeasible, 3 unbounded.
    success : bool
        ``status == 0``.
    message : str
    nit : int
        Pivots in both phases together.
    tableaux : list of TableauStep
        Every tableau seen, phase 1 then phase 2 (kept when ``keep_tableaux``).
    column_names : tuple of str
        Names of the standard-form columns of the tableaux (``x1``, ``x1'``, ``x1+``,
        ``s1``, ``a1``, ...); phase-2 tableaux use the columns before the artificials.
    ineqlin, eqlin : ndarray or None
        The marginals (dual values) ``∂fun/∂b_ub ≤ 0`` and ``∂fun/∂b_eq``, as SciPy's
        ``res.ineqlin.marginals`` and ``res.eqlin.marginals``: with the default bounds
        ``x ≥ 0`` they solve the dual LP, ``max b_ubᵀy + b_eqᵀv`` subject to
        ``A_ubᵀy + A_eqᵀv ≤ c``, ``y ≤ 0``, with the same optimal value (strong duality).
    """

    x: np.ndarray | None
    fun: Any
    slack: np.ndarray | None
    con: np.ndarray | None
    status: int
    success: bool
    message: str
    nit: int
    tableaux: list[TableauStep] = field(default_factory=list)
    column_names: tuple[str, ...] = ()
    ineqlin: np.ndarray | None = None
    eqlin: np.ndarray | None = None


def _phase_one(form: StandardForm, tol, maxiter, steps):
    """Build the phase-1 tableau, run it, and return (status, nit, tableau, basis)."""
    m, width = form.A.shape
    artificial_rows = [row for row in range(m) if form.slack_rows[row] is None]
    dtype = form.A.dtype
    zero, one = (Fraction(0), Fraction(1)) if dtype.kind == "O" else (0.0, 1.0)
    T = np.full((m + 1, width + len(artificial_rows) + 1), zero, dtype=dtype)
    T[:m, :width] = form.A
    T[:m, -1] = form.b
    basis = [form.slack_rows[row] for row in range(m)]
    for a, row in enumerate(artificial_rows):
        T[row, width + a] = one
        basis[row] = width + a
        form.names.append(f"a{a + 1}")
        # Reduced costs of the phase-1 objective Σ a_i: subtract the rows they are basic in.
        T[-1, :] -= T[row, :]
        T[-1, width + a] = 0
    if not artificial_rows:  # the slacks are a feasible basis: no phase 1 needed
        return OPTIMAL, 0, T, basis, width
    status, nit = run_simplex(T, basis, T.shape[1] - 1, tol, maxiter, steps, phase=1)
    return status, nit, T, basis, width


def _drive_out_artificials(
    T: np.ndarray, basis: list[int], width: int, tol
) -> tuple[np.ndarray, list[int]]:
    """Pivot basic artificial variables (at level 0) out; delete rows that are redundant.

    Returns the phase-2 tableau and the constraint rows it kept."""
    keep = []
    for row in range(len(basis)):
        if basis[row] < width:
            keep.append(row)
            continue
        candidates = np.nonzero(abs(T[row, :width]) > tol)[0]
        if candidates.size:
            pivot(T, row, int(candidates[0]), tol)
            basis[row] = int(candidates[0])
            keep.append(row)
    rows = keep + [T.shape[0] - 1]
    return T[rows][:, list(range(width)) + [T.shape[1] - 1]].copy(), keep


def _dual_values(form: StandardForm, kept: list[int], basis: list[int], exact: bool):
    """``y = ∂(optimal cᵀx)/∂b`` for every standard-form row: solve ``B_ᵀ y = c_B``.

    ``B`` is the optimal basis (the kept rows, the basic columns); a redundant row that phase 1
    deleted gets 0. Rows negated to make ``b ≥ 0`` get their sign back.
    """
    B = form.A[np.ix_(kept, basis)]
    c_B = form.c[basis]
    if exact:
        from mml.exact.inverse import inverse

        inverse_T = np.array(inverse(B.T.tolist()).value.tolist(), dtype=object)
        y_kept = inverse_T @ c_B if len(kept) else np.empty(0, dtype=object)
        y = np.full(form.A.shape[0], Fraction(0), dtype=object)
    else:
        from mml.linalg import solve

        y_kept = solve(B.T, c_B) if len(kept) else np.empty(0)
        y = np.zeros(form.A.shape[0])
    y[kept] = y_kept
    y[form.negated] = -y[form.negated]
    return y


def linprog(
    c: Any,
    A_ub: Any = None,
    b_ub: Any = None,
    A_eq: Any = None,
    b_eq: Any = None,
    bounds: Any = (0, None),
    *,
    exact: bool = False,
    maxiter: int = 10_000,
    tol: float = 1e-9,
    keep_tableaux: bool | None = None,
) -> LinprogResult:
    """Minimise ``cᵀx`` subject to ``A_ub x ≤ b_ub``, ``A_eq x = b_eq``, ``l ≤ x ≤ u``.

    Parameters
    ----------
    c : array_like, shape (n,)
        The objective coefficients.
    A_ub : array_like, shape (m_ub, n), optional
    b_ub : array_like, shape (m_ub,), optional
    A_eq : array_like, shape (m_eq, n), optional
    b_eq : array_like, shape (m_eq,), optional
    bounds : (low, high) or sequence of n pairs
        None for an infinite end; default ``(0, None)``: ``x ≥ 0`` as in SciPy.
    exact : bool
        Compute in :class:`fractions.Fraction` (floats are read by their decimal text, so
        ``0.1`` is ``1/10``).
    maxiter : int
        Largest number of pivots in each phase.
    tol : float
        Entries within ``tol`` of zero count as zero (float mode only).
    keep_tableaux : bool, optional
        Keep every tableau in ``result.tableaux``; default: only when ``exact``.

    Returns
    -------
    LinprogResult
        ``status`` 0 optimal, 1 iteration limit, 2 infeasible, 3 unbounded (SciPy's codes).

    Raises
    ------
    ShapeError
        If the shapes of ``c``, ``A_ub``, ``b_ub``, ``A_eq``, ``b_eq`` or ``bounds`` do not
        fit; the message names both shapes.
    DomainError
        For a NaN or infinite coefficient, or empty bounds ``low > high``.

    Examples
    --------
    >>> res = linprog([-1, -1], A_ub=[[1, 2], [3, 1]], b_ub=[4, 6], exact=True)
    >>> [str(v) for v in res.x], str(res.fun), len(res.tableaux)
    (['8/5', '6/5'], '-14/5', 3)
    >>> linprog([-1, 0], A_ub=[[-1, 1]], b_ub=[1]).status  # x1 can grow for ever
    3
    """
    maxiter = positive_integer(maxiter, "maxiter")
    tol_value = 0 if exact else float(tol)
    c = as_lp_array(np.atleast_1d(np.asarray(c, dtype=object)), "c", 1, exact)
    n = c.size
    if n == 0:
        raise ShapeError("c has shape (0,): a linear program needs at least one variable")
    A_ub, b_ub = lp_constraints(A_ub, b_ub, ("A_ub", "b_ub"), n, c.shape, exact)
    A_eq, b_eq = lp_constraints(A_eq, b_eq, ("A_eq", "b_eq"), n, c.shape, exact)
    form = standard_form(c, A_ub, b_ub, A_eq, b_eq, lp_bounds(bounds, n, exact), exact)
    steps: list[TableauStep] | None = (
        [] if (exact if keep_tableaux is None else keep_tableaux) else None
    )

    def result(status: int, nit: int, z=None, duals=None) -> LinprogResult:
        x = fun = slack = con = ineqlin = eqlin = None
        if duals is not None:
            m_ub = A_ub.shape[0]
            ineqlin, eqlin = duals[:m_ub], duals[m_ub + form.bound_rows :]
        if z is not None:
            x = form.offset + form.M @ z[: form.M.shape[1]]
            fun = c @ x
            slack, con = b_ub - A_ub @ x, b_eq - A_eq @ x
            if not exact:
                fun = float(fun)
        return LinprogResult(
            x,
            fun,
            slack,
            con,
            status,
            status == OPTIMAL,
            _MESSAGES[status],
            nit,
            steps if steps is not None else [],
            tuple(form.names),
            ineqlin,
            eqlin,
        )

    status, nit1, T, basis, width = _phase_one(form, tol_value, maxiter, steps)
    if status == ITERATION_LIMIT:
        return result(ITERATION_LIMIT, nit1)
    # A positive minimum of Σ artificials proves infeasibility; round-off scales with |b|.
    b_scale = 1 + max((abs(v) for v in form.b), default=0)
    if -T[-1, -1] > tol_value * b_scale * max(1, len(basis)):
        return result(INFEASIBLE, nit1)
    T, kept = _drive_out_artificials(T, basis, width, tol_value)
    basis = [column for column in basis if column < width]
    # Phase-2 reduced costs: c̄ = c − c_Bᵀ(B⁻¹A), and −z = −c_Bᵀ(B⁻¹b) in the corner.
    T[-1, :-1] = form.c
    T[-1, -1] = 0
    for row, column in enumerate(basis):
        T[-1] -= form.c[column] * T[row]
    status, nit2 = run_simplex(T, basis, width, tol_value, maxiter, steps, phase=2)
    if status != OPTIMAL:
        return result(status, nit1 + nit2)
    z = np.full(width, T[-1, -1] * 0, dtype=T.dtype)
    for row, column in enumerate(basis):
        z[column] = T[row, -1]
    return result(OPTIMAL, nit1 + nit2, z, _dual_values(form, kept, basis, exact))
