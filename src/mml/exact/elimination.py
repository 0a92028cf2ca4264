"""Gaussian elimination with every row operation recorded (book §2.3).

The engine keeps each row as integer numerators over one common denominator, so the
arithmetic runs on Python integers (fraction-free in the inner loop) while every recorded
step still reads in fractions. Snapshots of the rows are tuples of immutable rows, so
recording a step costs O(m); the matrices of a step are built only when someone looks.

Row operations are named as on paper, 1-based:

- ``swap``: ``R1 ↔ R2``
- ``scale``: ``R2 ← −3/10·R2``
- ``add_multiple``: ``R2 ← R2 − 4/3·R1``
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from mml.exact.matrix import AugmentedMatrix, Matrix, small_integer_fraction
from mml.steps import Derivation, MathText, Step, fraction_latex, fraction_text

__all__ = ["Eliminator", "EchelonForm", "describe_add_multiple", "describe_scale", "describe_swap"]

Row = tuple[tuple[int, ...], int]  # (numerators, positive common denominator)


_ZERO, _ONE = Fraction(0), Fraction(1)


def _fractions(numerators: tuple[int, ...], denominator: int) -> tuple[Fraction, ...]:
    """The entries of an integer row over its denominator (0 and 1 shared, as most are)."""
    if denominator == 1:
        return tuple([small_integer_fraction(a) for a in numerators])
    return tuple(
        [
            _ZERO if a == 0 else _ONE if a == denominator else Fraction(a, denominator)
            for a in numerators
        ]
    )


def _row_from_fractions(values: tuple[Fraction, ...]) -> Row:
    denominators = [v.denominator for v in values]
    if all(d == 1 for d in denominators):  # an integer row: nothing to scale or reduce
        return tuple([v.numerator for v in values]), 1
    denominator = math.lcm(*denominators)
    numerators = tuple(v.numerator * (denominator // v.denominator) for v in values)
    return _normalised(numerators, denominator)


def _normalised(numerators: list[int] | tuple[int, ...], denominator: int) -> Row:
    # Reduce by the gcd of the whole row and keep the denominator positive.
    if denominator < 0:
        numerators, denominator = [-a for a in numerators], -denominator
    divisor = math.gcd(*numerators, denominator)
    if divisor > 1:
        return tuple([a // divisor for a in numerators]), denominator // divisor
    return tuple(numerators), denominator


def describe_swap(i: int, j: int) -> MathText:
    """``R{i+1} ↔ R{j+1}`` (0-based arguments)."""
    return MathText(f"R{i + 1} ↔ R{j + 1}", rf"R_{{{i + 1}}} \leftrightarrow R_{{{j + 1}}}")


def describe_scale(i: int, factor: Fraction) -> MathText:
    """``R{i+1} ← factor·R{i+1}``."""
    text = f"R{i + 1} ← {fraction_text(factor)}·R{i + 1}"
    latex = rf"R_{{{i + 1}}} \leftarrow {fraction_latex(factor)}\, R_{{{i + 1}}}"
    return MathText(text, latex)


def describe_add_multiple(target: int, source: int, factor: Fraction) -> MathText:
    """``R{t} ← R{t} + factor·R{s}``, written with a minus for negative factors."""
    sign = "−" if factor < 0 else "+"
    size = abs(factor)
    coefficient_text = "" if size == 1 else f"{fraction_text(size)}·"
    coefficient_latex = "" if size == 1 else fraction_latex(size) + r"\, "
    t, s = target + 1, source + 1
    text = f"R{t} ← R{t} {sign} {coefficient_text}R{s}"
    latex = (
        rf"R_{{{t}}} \leftarrow R_{{{t}}} {'-' if factor < 0 else '+'} {coefficient_latex}R_{{{s}}}"
    )
    return MathText(text, latex)


def _below_note(numerator: int, denominator: int) -> Callable[[], str]:
    return lambda: f"eliminate below the pivot {fraction_text(Fraction(numerator, denominator))}"


class _RowOperation(Step):
    """A recorded row operation; its description, data and matrices are built on access."""

    __slots__ = ("_engine", "_arguments", "_before_rows", "_after_rows", "_data")

    def __init__(
        self,
        engine: Eliminator,
        rule: str,
        arguments: tuple,
        before: tuple[Row, ...],
        after: tuple[Row, ...],
        note: str | Callable[[], str],
    ) -> None:
        self.rule = rule
        self._engine = engine
        self._arguments = arguments
        self._before_rows = before
        self._after_rows = after
        self._description = self._describe
        self._note = note
        self._data = None

    @property
    def before(self) -> Matrix:
        return self._engine._build(self._before_rows)

    @property
    def after(self) -> Matrix:
        return self._engine._build(self._after_rows)

    def _describe(self) -> MathText:
        if self.rule == "swap":
            return describe_swap(*self._arguments)
        if self.rule == "scale":
            i, p, q = self._arguments
            return describe_scale(i, Fraction(p, q))
        target, source, p, q = self._arguments
        return describe_add_multiple(target, source, Fraction(p, q))

    @property
    def data(self) -> dict:  # type: ignore[override]
        if self._data is None:
            if self.rule == "swap":
                self._data = {"rows": self._arguments}
            elif self.rule == "scale":
                i, p, q = self._arguments
                self._data = {"row": i, "factor": Fraction(p, q)}
            else:
                target, source, p, q = self._arguments
                self._data = {"target": target, "source": source, "factor": Fraction(p, q)}
        return self._data


@dataclass(frozen=True)
class EchelonForm:
    """The result of (reduced) row echelon form.

    Attributes
    ----------
    matrix : Matrix
        The echelon form (an :class:`AugmentedMatrix` when the input was augmented).
    pivots : tuple of int
        0-based pivot columns.
    steps : Derivation
        The row operations, each with the matrix before and after it.
    """

    matrix: Matrix
    pivots: tuple[int, ...]
    steps: Derivation

    @property
    def rank(self) -> int:
        """The number of pivots."""
        return len(self.pivots)

    def __str__(self) -> str:
        return self.steps.render("text")

    def _repr_markdown_(self) -> str:
        return self.steps.render("markdown")


class Eliminator:
    """Rows under elimination, with each operation recorded as a :class:`Step`.

    Parameters
    ----------
    matrix : Matrix
        The starting matrix (an ``AugmentedMatrix`` keeps its bar in every step).
    record : bool
        Record steps (default). With ``False`` only the final matrix is kept.
    """

    def __init__(self, matrix: Matrix, record: bool = True) -> None:
        self.shape = matrix.shape
        self.bar_before = getattr(matrix, "bar_before", None)
        self.rows: list[Row] = [_row_from_fractions(row) for row in matrix.rows]
        self.record = record
        self.steps: list[Step] = []
        self._last: tuple[Row, ...] = tuple(self.rows)
        self._built: dict[int, tuple[tuple[Row, ...], Matrix]] = {}
        self.sign = 1  # (−1)^(number of swaps), for determinants

    # -- reading ----------------------------------------------------------------------
    def is_zero(self, i: int, j: int) -> bool:
        return self.rows[i][0][j] == 0

    def entry(self, i: int, j: int) -> Fraction:
        numerators, denominator = self.rows[i]
        return Fraction(numerators[j], denominator)

    def _build(self, snapshot: tuple[Row, ...]) -> Matrix:
        cached = self._built.get(id(snapshot))
        if cached is not None and cached[0] is snapshot:
            return cached[1]
        rows = tuple(_fractions(numerators, d) for numerators, d in snapshot)
        if self.bar_before is None:
            matrix = Matrix._trusted(rows, self.shape[1])
        else:
            matrix = AugmentedMatrix._with_bar(rows, self.shape[1], self.bar_before)
        self._built[id(snapshot)] = (snapshot, matrix)
        return matrix

    def matrix(self) -> Matrix:
        """The current matrix."""
        return self._build(tuple(self.rows))

    def _record(self, rule: str, arguments: tuple, note: str | Callable[[], str]) -> None:
        after = tuple(self.rows)
        self.steps.append(_RowOperation(self, rule, arguments, self._last, after, note))
        self._last = after

    # -- the three row operations -----------------------------------------------------
    def swap(self, i: int, j: int, note: str = "") -> None:
        """``Ri ↔ Rj``."""
        self.rows[i], self.rows[j] = self.rows[j], self.rows[i]
        self.sign = -self.sign
        if self.record:
            self._record("swap", (i, j), note)

    def scale(self, i: int, factor: Fraction, note: str = "") -> None:
        """``Ri ← factor·Ri`` for a nonzero ``factor``."""
        self._scale(i, factor.numerator, factor.denominator, note)

    def _scale(self, i: int, p: int, q: int, note: str | Callable[[], str] = "") -> None:
        numerators, denominator = self.rows[i]
        self.rows[i] = _normalised([a * p for a in numerators], denominator * q)
        if self.record:
            self._record("scale", (i, p, q), note)

    def add_multiple(self, target: int, source: int, factor: Fraction, note: str = "") -> None:
        """``R_target ← R_target + factor·R_source``."""
        self._add_multiple(target, source, factor.numerator, factor.denominator, note)

    def _add_multiple(
        self, target: int, source: int, p: int, q: int, note: str | Callable[[], str] = ""
    ) -> None:
        # R_t ← R_t + (p/q)·R_s on integer rows: a/a_den + (p/q)·b/b_den
        #   = (a·q·b_den + p·a_den·b) / (a_den·q·b_den), then reduced by the row's gcd.
        (a_nums, a_den), (b_nums, b_den) = self.rows[target], self.rows[source]
        left, right = q * b_den, p * a_den
        # Columns before ``start`` are zero in the source row: only the target row is scaled.
        start = 0
        while start < len(b_nums) and b_nums[start] == 0:
            start += 1
        combined = [a * left for a in a_nums[:start]]
        combined += [a * left + b * right for a, b in zip(a_nums[start:], b_nums[start:])]
        self.rows[target] = _normalised(combined, a_den * q * b_den)
        if self.record:
            self._record("add_multiple", (target, source, p, q), note)

    # -- the algorithms ---------------------------------------------------------------
    def forward(self, columns: int | None = None) -> list[int]:
        """Row echelon form: pivots left to right, zeros below each pivot. Returns pivots."""
        m, n = self.shape
        columns = n if columns is None else columns
        pivots: list[int] = []
        row = 0
        for col in range(columns):
            if row >= m:
                break
            pivot_row = next((r for r in range(row, m) if self.rows[r][0][col] != 0), None)
            if pivot_row is None:
                continue
            if pivot_row != row:
                self.swap(row, pivot_row, note=f"bring a nonzero pivot into column {col + 1}")
            pivot_numerators, pivot_denominator = self.rows[row]
            pivot_numerator = pivot_numerators[col]
            note = _below_note(pivot_numerator, pivot_denominator)
            for r in range(row + 1, m):
                numerators, denominator = self.rows[r]
                if numerators[col] != 0:
                    # factor = −a_rc / a_pc, from the integer representations
                    self._add_multiple(
                        r,
                        row,
                        -numerators[col] * pivot_denominator,
                        denominator * pivot_numerator,
                        note,
                    )
            pivots.append(col)
            row += 1
        return pivots

    def backward(self, pivots: list[int]) -> None:
        """From row echelon to reduced row echelon form: pivots 1, zeros above them."""
        for row in range(len(pivots) - 1, -1, -1):
            col = pivots[row]
            pivot_numerators, pivot_denominator = self.rows[row]
            if pivot_numerators[col] != pivot_denominator:  # pivot ≠ 1
                self._scale(row, pivot_denominator, pivot_numerators[col], "make the pivot 1")
            for r in range(row):
                numerators, denominator = self.rows[r]
                if numerators[col] != 0:
                    self._add_multiple(
                        r, row, -numerators[col], denominator, "eliminate above the pivot"
                    )

    def derivation(self, title: str | MathText, given: Matrix | None = None) -> Derivation:
        """A derivation that shares this engine's step list: later operations appear in it."""
        derivation = Derivation(title, given=given)
        derivation.steps = self.steps
        return derivation
