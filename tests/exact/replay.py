"""Replaying recorded row operations: shared by the exact tests."""

from __future__ import annotations

from fractions import Fraction

from mml.exact import Matrix


def apply_row_operation(step, matrix: Matrix) -> Matrix:
    """Apply a recorded swap / scale / add_multiple step to ``matrix`` independently."""
    rows = [list(row) for row in matrix.rows]
    if step.rule == "swap":
        i, j = step.data["rows"]
        rows[i], rows[j] = rows[j], rows[i]
    elif step.rule == "scale":
        i, factor = step.data["row"], step.data["factor"]
        assert factor != 0
        rows[i] = [factor * a for a in rows[i]]
    elif step.rule == "add_multiple":
        t, s, factor = step.data["target"], step.data["source"], step.data["factor"]
        assert t != s
        rows[t] = [a + factor * b for a, b in zip(rows[t], rows[s])]
    else:  # pragma: no cover - only row operations are replayed
        raise AssertionError(step.rule)
    return Matrix([[Fraction(a) for a in row] for row in rows])


ROW_OPERATIONS = {"swap", "scale", "add_multiple"}


def assert_replays(derivation, start: Matrix) -> Matrix:
    """Check each row operation maps its 'before' to its 'after', and that they chain."""
    current = start
    for step in derivation:
        if step.rule not in ROW_OPERATIONS:
            continue
        assert Matrix(step.before) == current, f"step {step} does not start where the last ended"
        replayed = apply_row_operation(step, current)
        assert Matrix(step.after) == replayed, f"step {step} does not follow from its 'before'"
        current = replayed
    return current


def assert_each_step_follows(derivation) -> None:
    """Check every row operation maps its own 'before' to its 'after' (for derivations that
    chain several eliminations, each on its own matrix)."""
    for step in derivation:
        if step.rule in ROW_OPERATIONS:
            assert Matrix(step.after) == apply_row_operation(step, Matrix(step.before)), step
