"""The simplex tableau: pivoting and Bland's rule, in floats or exactly in fractions.

A tableau for ``min cᵀx`` subject to ``Ax = b, x ≥ 0`` with basis ``B`` holds
``B⁻¹A | B⁻¹b`` in its constraint rows and the reduced costs ``c − c_Bᵀ B⁻¹A | −c_Bᵀ B⁻¹b``
in its last row (MML book §7.3; Dantzig's tableau). A pivot on ``(r, j)`` makes column ``j``
a unit vector by row operations. **Bland's rule** chooses the entering column as the
*lowest-indexed* column with a negative reduced cost and, among the rows that tie in the
ratio test ``b_i / a_ij`` (``a_ij > 0``), the row whose basic variable has the lowest index;
with it the method cannot cycle.

The same code runs on a float array (entries within ``tol`` of zero count as zero) and on an
object array of :class:`fractions.Fraction` (``tol = 0``, exact), so that the Paper side can
show every tableau.

Examples
--------
>>> from fractions import Fraction
>>> import numpy as np
>>> T = np.array([[1, 1, 1, 0, 4], [1, 3, 0, 1, 6], [-3, -2, 0, 0, 0]], dtype=object)
>>> T = np.vectorize(Fraction, otypes=[object])(T)
>>> steps = []
>>> status, nit = run_simplex(T, [2, 3], 4, tol=0, maxiter=10, steps=steps, phase=2)
>>> status, nit, T[-1, -1]
(0, 1, Fraction(12, 1))
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = [
    "TableauStep",
    "bland_entering",
    "bland_leaving",
    "pivot",
    "run_simplex",
    "OPTIMAL",
    "ITERATION_LIMIT",
    "UNBOUNDED",
]

OPTIMAL, ITERATION_LIMIT, UNBOUNDED = 0, 1, 3


@dataclass(frozen=True)
class TableauStep:
    """One tableau of a simplex run, and the pivot chosen on it.

    Attributes
    ----------
    phase : int
        1 (minimising the sum of artificial variables) or 2 (the real objective).
    tableau : ndarray, shape (m + 1, k + 1)
        Constraint rows ``[B⁻¹A | B⁻¹b]`` and the reduced-cost row ``[c̄ | −z]`` (a copy).
    basis : tuple of int
        The column of the basic variable of each constraint row.
    entering : int or None
        The pivot column chosen by Bland's rule; None on the final tableau of a phase.
    leaving : int or None
        The pivot row; None when the tableau is final or the column shows unboundedness.
    note : str
        What happened, in words.
    """

    phase: int
    tableau: np.ndarray
    basis: tuple[int, ...]
    entering: int | None
    leaving: int | None
    note: str


def bland_entering(reduced_costs: np.ndarray, columns: int, tol: float) -> int | None:
    """The lowest index ``j < columns`` with ``c̄_j < −tol``, or None when the basis is optimal.

    Examples
    --------
    >>> import numpy as np
    >>> bland_entering(np.array([0.0, -1.0, -5.0]), 3, 1e-9)
    1
    """
    negative = np.nonzero(reduced_costs[:columns] < -tol)[0]
    return int(negative[0]) if negative.size else None


def bland_leaving(column: np.ndarray, rhs: np.ndarray, basis: list[int], tol: float) -> int | None:
    """The row of the minimum ratio ``rhs_i / column_i`` over ``column_i > tol``.

    Ties (within ``tol`` in float mode, exact for fractions) go to the row whose basic
    variable has the lowest index. None means no entry is positive: the LP is unbounded
    along this column.

    Examples
    --------
    >>> import numpy as np
    >>> bland_leaving(np.array([1.0, 2.0, -1.0]), np.array([2.0, 4.0, 1.0]), [5, 3, 4], 1e-9)
    1
    """
    rows = np.nonzero(column > tol)[0]
    if rows.size == 0:
        return None
    ratios = rhs[rows] / column[rows]
    smallest = min(ratios)
    ties = [int(r) for r, q in zip(rows, ratios) if q - smallest <= tol * (1 + abs(smallest))]
    return min(ties, key=lambda r: basis[r])


def pivot(tableau: np.ndarray, row: int, col: int, tol: float) -> None:
    """Pivot in place on ``(row, col)``: divide the row by the pivot, clear the column.

    Examples
    --------
    >>> import numpy as np
    >>> T = np.array([[2.0, 1.0, 4.0], [-1.0, 0.0, 0.0]])
    >>> pivot(T, 0, 0, 1e-12)
    >>> T
    array([[1. , 0.5, 2. ],
           [0. , 0.5, 2. ]])
    """
    tableau[row] = tableau[row] / tableau[row, col]
    factors = tableau[:, col].copy()
    factors[row] = 0
    tableau -= np.multiply.outer(factors, tableau[row])
    if tableau.dtype.kind != "O":
        # Round-off: the pivot column is a unit vector, and b stays ≥ 0.
        tableau[:, col] = 0.0
        tableau[row, col] = 1.0
        rhs = tableau[:-1, -1]
        rhs[(rhs < 0) & (rhs > -tol)] = 0.0


def run_simplex(
    tableau: np.ndarray,
    basis: list[int],
    columns: int,
    tol: float,
    maxiter: int,
    steps: list[TableauStep] | None,
    phase: int,
) -> tuple[int, int]:
    """Pivot by Bland's rule until optimal, unbounded, or ``maxiter`` pivots.

    Only the first ``columns`` columns may enter the basis (phase 2 excludes the artificial
    variables). ``tableau`` and ``basis`` are updated in place; when ``steps`` is a list, a
    :class:`TableauStep` is appended for every tableau seen.

    Returns
    -------
    status : int
        ``OPTIMAL`` (0), ``ITERATION_LIMIT`` (1) or ``UNBOUNDED`` (3).
    nit : int
        Number of pivots.
    """

    def record(entering: int | None, leaving: int | None, note: str) -> None:
        if steps is not None:
            steps.append(TableauStep(phase, tableau.copy(), tuple(basis), entering, leaving, note))

    for nit in range(maxiter + 1):
        entering = bland_entering(tableau[-1, :-1], columns, tol)
        if entering is None:
            record(None, None, "no negative reduced cost: optimal")
            return OPTIMAL, nit
        leaving = bland_leaving(tableau[:-1, entering], tableau[:-1, -1], basis, tol)
        if leaving is None:
            record(entering, None, f"column {entering} has no positive entry: unbounded")
            return UNBOUNDED, nit
        if nit == maxiter:
            break
        record(entering, leaving, f"pivot on row {leaving}, column {entering} (Bland's rule)")
        pivot(tableau, leaving, entering, tol)
        basis[leaving] = entering
    return ITERATION_LIMIT, maxiter
