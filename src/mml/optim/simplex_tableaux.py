"""The simplex method on paper: every tableau of an exact ``linprog`` run as a derivation
(book §7.3.1).

Examples
--------
>>> result = simplex_tableaux([-3, -2], A_ub=[[1, 1], [1, 3]], b_ub=[4, 6])
>>> result.value["x"], result.value["fun"]
((Fraction(4, 1), Fraction(0, 1)), Fraction(-12, 1))
>>> [step.rule for step in result.steps][:2]
['tableau', 'tableau']
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from mml.exact.matrix import AugmentedMatrix
from mml.exact.results import ExactResult
from mml.exact.vectors import vector_text
from mml.optim.linprog import linprog
from mml.steps import Derivation, Step, fraction_text

__all__ = ["simplex_tableaux"]

_STATUS = {0: "optimal", 1: "iteration limit", 2: "infeasible", 3: "unbounded"}


def simplex_tableaux(
    c: Any,
    A_ub: Any = None,
    b_ub: Any = None,
    A_eq: Any = None,
    b_eq: Any = None,
    bounds: Any = (0, None),
) -> ExactResult:
    """Solve ``min cᵀx`` s.t. ``A_ub x ≤ b_ub``, ``A_eq x = b_eq``, bounds, exactly, showing
    each tableau, the entering column (Bland's rule) and the leaving row (minimum ratio).

    Arguments are those of :func:`mml.optim.linprog` (entries read as exact fractions).

    Returns
    -------
    ExactResult
        ``value`` is ``{"status": ..., "x": tuple or None, "fun": Fraction or None}``.

    Raises
    ------
    ShapeError
        If the shapes of the arguments do not fit (named by ``linprog``).
    """
    result = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=bounds, exact=True)
    names = result.column_names
    derivation = Derivation("Simplex method (two phases, Bland's rule) on min cᵀx")
    for tableau_step in result.tableaux:
        rows = tuple(tuple(Fraction(v) for v in row) for row in tableau_step.tableau.tolist())
        width = len(rows[0])
        matrix = AugmentedMatrix._with_bar(rows, width, width - 1)
        basis = ", ".join(names[j] if j < len(names) else f"col{j + 1}" for j in tableau_step.basis)
        if tableau_step.entering is not None and tableau_step.leaving is not None:
            entering = names[tableau_step.entering] if tableau_step.entering < len(names) else "?"
            action = f"{entering} enters (first column with a negative reduced cost), row {tableau_step.leaving + 1} leaves (smallest ratio)"
        else:
            action = tableau_step.note or "final tableau of this phase"
        derivation.add(
            Step(
                "tableau",
                f"Phase {tableau_step.phase}, basis ({basis}): {action}",
                after=matrix,
                note="last row: reduced costs | −objective",
            )
        )
    status = _STATUS.get(result.status, str(result.status))
    x = tuple(Fraction(v) for v in result.x) if result.x is not None else None
    fun = Fraction(result.fun) if result.fun is not None else None
    if x is not None:
        derivation.result = f"x* = {vector_text(x)}, cᵀx* = {fraction_text(fun)}"
    else:
        derivation.result = f"{status}: {result.message}"
    return ExactResult({"status": status, "x": x, "fun": fun}, derivation, "simplex")
