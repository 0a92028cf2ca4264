"""Discrete joint distributions of two variables as a table, worked exactly (book §6.2–6.4).

Rows are the values of the row variable X, columns the values of the column variable Y, and
entry (i, j) is ``p(X = xᵢ, Y = yⱼ)``. Marginals come from the sum rule, conditionals from
the product rule, and independence is ``p(x, y) = p(x) p(y)`` in every cell.

Examples
--------
>>> table = JointTable("1/8 1/8; 1/4 1/2", rows=("rain", "dry"), columns=("late", "on time"),
...                    row_variable="W", column_variable="T")
>>> table.marginal("W").value
{'rain': Fraction(1, 4), 'dry': Fraction(3, 4)}
>>> table.conditional("T", given="rain").value
{'late': Fraction(1, 2), 'on time': Fraction(1, 2)}
>>> bool(table.independence())
False
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from mml.errors import DomainError, ShapeError
from mml.exact.matrix import Matrix, MatrixLike, as_matrix
from mml.exact.results import ExactResult
from mml.steps import Derivation, Step, factor_text, fraction_text

__all__ = ["JointTable", "IndependenceCheck"]


@dataclass(frozen=True)
class IndependenceCheck:
    """Whether X and Y are independent; ``counterexample`` is the first cell that fails."""

    independent: bool
    counterexample: tuple[str, str] | None
    steps: Derivation

    def __bool__(self) -> bool:
        return self.independent

    def __str__(self) -> str:
        return self.steps.render("text")


class JointTable:
    """A joint pmf ``p(X, Y)`` as a table of exact probabilities.

    Parameters
    ----------
    table : matrix-like
        Nonnegative entries summing to 1 (text such as ``"0.1 0.2; 0.3 0.4"`` is fine).
    rows, columns : sequence of str, optional
        The values of X and of Y (default ``x1, x2, …`` and ``y1, y2, …``).
    row_variable, column_variable : str
        The names of the two variables (default ``"X"`` and ``"Y"``).

    Raises
    ------
    DomainError
        For negative entries or entries that do not sum to 1.
    ShapeError
        If the labels do not match the table's shape.
    """

    def __init__(
        self,
        table: MatrixLike,
        rows: Sequence[str] | None = None,
        columns: Sequence[str] | None = None,
        row_variable: str = "X",
        column_variable: str = "Y",
    ) -> None:
        matrix = as_matrix(table, "table")
        m, n = matrix.shape
        self.rows = tuple(rows) if rows is not None else tuple(f"x{i + 1}" for i in range(m))
        self.columns = (
            tuple(columns) if columns is not None else tuple(f"y{j + 1}" for j in range(n))
        )
        if len(self.rows) != m or len(self.columns) != n:
            raise ShapeError(
                f"the table is {m}×{n} but {len(self.rows)} row labels and {len(self.columns)} "
                "column labels were given"
            )
        if any(p < 0 for row in matrix.rows for p in row):
            raise DomainError("a joint table holds probabilities; it has a negative entry")
        total = sum((p for row in matrix.rows for p in row), Fraction(0))
        if total != 1:
            raise DomainError(f"the entries of a joint table must sum to 1; they sum to {total}")
        if row_variable == column_variable:
            raise DomainError("the two variables need different names")
        self.matrix: Matrix = matrix
        self.row_variable = row_variable
        self.column_variable = column_variable

    def _axis(self, variable: str) -> int:
        if variable == self.row_variable:
            return 0
        if variable == self.column_variable:
            return 1
        raise DomainError(
            f"unknown variable {variable!r}; the table has {self.row_variable!r} and "
            f"{self.column_variable!r}"
        )

    def marginal(self, variable: str) -> ExactResult:
        """``p(X = x) = Σ_y p(x, y)`` (sum rule), as ``{value: probability}`` with steps."""
        axis = self._axis(variable)
        other = self.column_variable if axis == 0 else self.row_variable
        labels = self.rows if axis == 0 else self.columns
        lines = self.matrix.rows if axis == 0 else self.matrix.columns
        derivation = Derivation(f"Marginal p({variable}) by the sum rule", given=self.matrix)
        result = {}
        for label, line in zip(labels, lines):
            value = sum(line, Fraction(0))
            result[label] = value
            derivation.add(
                Step(
                    "sum_rule",
                    f"p({variable} = {label}) = Σ_{other} p({label}, {other}) = "
                    + " + ".join(fraction_text(p) for p in line)
                    + f" = {fraction_text(value)}",
                    data={"value": value},
                )
            )
        derivation.result = ", ".join(
            f"p({variable} = {k}) = {fraction_text(v)}" for k, v in result.items()
        )
        return ExactResult(result, derivation, "sum_rule")

    def conditional(self, variable: str, given: str) -> ExactResult:
        """``p(variable | other = given) = p(variable, given) / p(given)`` (product rule)."""
        axis = self._axis(variable)
        other = self.column_variable if axis == 0 else self.row_variable
        other_labels = self.columns if axis == 0 else self.rows
        if given not in other_labels:
            raise DomainError(
                f"{other} has no value {given!r}; its values are {list(other_labels)}"
            )
        index = other_labels.index(given)
        line = self.matrix.column(index) if axis == 0 else self.matrix.row(index)
        labels = self.rows if axis == 0 else self.columns
        marginal = sum(line, Fraction(0))
        derivation = Derivation(f"Conditional p({variable} | {other} = {given})", given=self.matrix)
        derivation.add(
            Step(
                "sum_rule",
                f"p({other} = {given}) = "
                + " + ".join(fraction_text(p) for p in line)
                + f" = {fraction_text(marginal)}",
            )
        )
        if marginal == 0:
            raise DomainError(f"p({other} = {given}) = 0, so conditioning on it is undefined")
        result = {}
        for label, p in zip(labels, line):
            result[label] = p / marginal
            derivation.add(
                Step(
                    "product_rule",
                    f"p({variable} = {label} | {given}) = p({label}, {given}) / p({given}) = "
                    f"{factor_text(p)} / {factor_text(marginal)} = {fraction_text(result[label])}",
                    data={"value": result[label]},
                )
            )
        derivation.result = ", ".join(
            f"p({k} | {given}) = {fraction_text(v)}" for k, v in result.items()
        )
        return ExactResult(result, derivation, "product_rule")

    def independence(self) -> IndependenceCheck:
        """Whether ``p(x, y) = p(x)·p(y)`` in every cell (§6.4.5)."""
        p_x = self.marginal(self.row_variable)
        p_y = self.marginal(self.column_variable)
        derivation = Derivation(
            f"Are {self.row_variable} and {self.column_variable} independent?", given=self.matrix
        )
        derivation.extend(p_x.steps)
        derivation.extend(p_y.steps)
        for i, x in enumerate(self.rows):
            for j, y in enumerate(self.columns):
                product = p_x.value[x] * p_y.value[y]
                joint = self.matrix[i, j]
                holds = product == joint
                derivation.add(
                    Step(
                        "product_rule",
                        f"p({x})·p({y}) = {factor_text(p_x.value[x])}·{factor_text(p_y.value[y])} = "
                        f"{fraction_text(product)} {'=' if holds else '≠'} p({x}, {y}) = {fraction_text(joint)}",
                    )
                )
                if not holds:
                    derivation.result = "dependent"
                    derivation.conclusion.append(
                        f"The cell ({x}, {y}) breaks p(x, y) = p(x)p(y): the variables are dependent."
                    )
                    return IndependenceCheck(False, (x, y), derivation)
        derivation.result = "independent"
        derivation.conclusion.append("Every cell is the product of its marginals: independent.")
        return IndependenceCheck(True, None, derivation)

    def expectation(self, variable: str, values: Sequence[Any] | None = None) -> ExactResult:
        """``E[variable] = Σ v·p(v)``, with the numeric values of the labels (default: the
        labels read as numbers)."""
        from mml.exact.matrix import as_fraction

        marginal = self.marginal(variable)
        labels = list(marginal.value)
        numbers = [as_fraction(v, "value") for v in (values if values is not None else labels)]
        if len(numbers) != len(labels):
            raise ShapeError(f"{len(labels)} values needed for {variable}; got {len(numbers)}")
        total = sum((v * marginal.value[k] for v, k in zip(numbers, labels)), Fraction(0))
        derivation = Derivation(f"E[{variable}] by definition")
        derivation.extend(marginal.steps)
        derivation.add(
            Step(
                "expectation",
                f"E[{variable}] = "
                + " + ".join(
                    f"{factor_text(v)}·{factor_text(marginal.value[k])}"
                    for v, k in zip(numbers, labels)
                )
                + f" = {fraction_text(total)}",
            )
        )
        derivation.result = f"E[{variable}] = {fraction_text(total)}"
        return ExactResult(total, derivation, "definition")
