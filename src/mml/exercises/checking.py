"""Checkers that judge an answer by what it means, not how it is written (CURRICULUM §0.1).

Each returns a :class:`Feedback`. Malformed text never crashes a checker: the parser's
message, with its caret, becomes the feedback.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction

from mml.errors import MMLError
from mml.exact.matrix import Matrix
from mml.exact.spaces import rank, vectors_as_columns
from mml.exact.vectors import vector_text
from mml.exercises.answers import (
    parse_affine,
    parse_matrix_answer,
    parse_number,
    parse_vector_answer,
    parse_vector_set,
    parse_verdict,
)
from mml.exercises.core import Exercise, Feedback
from mml.steps import fraction_text

__all__ = [
    "guarded",
    "check_number",
    "check_vector",
    "check_matrix",
    "check_same_subspace",
    "check_same_affine",
    "check_verdict",
    "check_up_to_scale",
    "CORRECT",
]


def CORRECT(message: str = "that is right") -> Feedback:
    return Feedback(True, 1.0, message)


def guarded(checker: Callable[..., Feedback]) -> Callable[..., Feedback]:
    """Turn any MMLError raised while reading the answer into feedback with its message."""

    def run(*args: object, **kwargs: object) -> Feedback:
        try:
            return checker(*args, **kwargs)
        except MMLError as error:
            return Feedback(
                False, 0.0, f"could not read the answer: {error}", "check the format of your answer"
            )

    run.__name__ = checker.__name__
    run.__doc__ = checker.__doc__
    return run


@guarded
def check_number(expected: Fraction, text: str) -> Feedback:
    """Exact equality in any spelling (``0.5``, ``1/2``, ``2/4``)."""
    given = parse_number(text)
    if given == expected:
        return CORRECT()
    close = abs(float(given) - float(expected)) <= 1e-2 * max(1.0, abs(float(expected)))
    hint = "close: keep exact fractions instead of rounding" if close else "recheck the arithmetic"
    return Feedback(False, 0.0, f"{fraction_text(given)} is not the value", hint)


@guarded
def check_vector(expected: Sequence[Fraction], text: str) -> Feedback:
    """Exact equality of a vector, entry by entry; names the first wrong entry."""
    given = parse_vector_answer(text)
    if len(given) != len(expected):
        return Feedback(
            False, 0.0, f"expected {len(expected)} entries, got {len(given)}", "count the unknowns"
        )
    wrong = [i for i, (a, b) in enumerate(zip(given, expected)) if a != b]
    if not wrong:
        return CORRECT()
    score = 1 - len(wrong) / len(expected)
    return Feedback(
        False,
        score,
        f"{len(wrong)} of {len(expected)} entries are wrong",
        f"entry {wrong[0] + 1} is not right",
    )


@guarded
def check_matrix(expected: Matrix, text: str) -> Feedback:
    """Shape first (a transposed answer gets its own feedback), then entries; names the first
    wrong row."""
    given = parse_matrix_answer(text)
    if given.shape != expected.shape:
        if given.shape == expected.shape[::-1] and given.T == expected:
            return Feedback(False, 0.5, "right numbers, transposed", "rows and columns are swapped")
        return Feedback(
            False,
            0.0,
            f"expected a {expected.shape[0]}×{expected.shape[1]} matrix, got {given.shape[0]}×{given.shape[1]}",
            "check the shape",
        )
    wrong_rows = [i for i in range(expected.shape[0]) if given.row(i) != expected.row(i)]
    if not wrong_rows:
        return CORRECT()
    if given.T == expected:
        return Feedback(False, 0.5, "right numbers, transposed", "rows and columns are swapped")
    score = 1 - len(wrong_rows) / expected.shape[0]
    return Feedback(
        False, score, f"{len(wrong_rows)} row(s) differ", f"row {wrong_rows[0] + 1} is not right"
    )


def _span_check(
    expected: Sequence[Sequence[Fraction]], given: Sequence[Sequence[Fraction]], n: int
) -> tuple[bool, bool, int]:
    """(every given vector lies in the span of expected, spans are equal, dimension)."""
    if not expected:
        return (not any(any(v) for v in given)), not any(any(v) for v in given), 0
    E = vectors_as_columns(expected)
    r = rank(E)
    if not given:
        return True, r == 0, r
    G = vectors_as_columns(given)
    both = vectors_as_columns(list(expected) + list(given))
    inside = rank(both) == r
    return inside, inside and rank(G) == r, r


@guarded
def check_same_subspace(
    expected: Sequence[Sequence[Fraction]], text: str, n: int, require_basis: bool = True
) -> Feedback:
    """Any basis (or spanning set) of the same subspace: ``rank S = rank T = rank [S T]``;
    a basis must also have exactly ``dim`` vectors."""
    given = parse_vector_set(text)
    for vector in given:
        if len(vector) != n:
            return Feedback(
                False,
                0.0,
                f"the vectors should have {n} entries; {vector_text(vector)} has {len(vector)}",
                "check each vector's length",
            )
    inside, same, dimension = _span_check(expected, given, n)
    if not inside:
        outside = next(v for v in given if not _span_check(expected, [v], n)[0])
        return Feedback(
            False,
            0.0,
            f"{vector_text(outside)} is not in the subspace",
            "check that vector against the defining conditions",
        )
    if not same:
        return Feedback(
            False,
            0.5,
            f"your vectors lie in the subspace but span less than its dimension {dimension}",
            "a vector is missing",
        )
    if require_basis and len(given) != dimension:
        return Feedback(
            False,
            0.75,
            f"the span is right, but a basis has exactly {dimension} vector(s); you gave {len(given)}",
            "remove the dependent vectors",
        )
    return CORRECT("the same subspace" + (" (any basis is accepted)" if dimension else ""))


@guarded
def check_same_affine(
    A: Matrix, b: Sequence[Fraction], variables: Sequence[str], text: str
) -> Feedback:
    """Any particular point plus any basis of the null space: the point satisfies ``A x = b``
    and the directions span ``ker A``."""
    point, directions = parse_affine(text, variables)
    Ax = A @ point
    if Ax != tuple(b):
        wrong = next(i for i, (u, v) in enumerate(zip(Ax, b)) if u != v)
        partial = 0.0
        if directions and all(not any(A @ d) for d in directions):
            partial = 0.25
        return Feedback(
            False,
            partial,
            f"the point {vector_text(point)} does not satisfy equation {wrong + 1}",
            f"substitute your point into equation {wrong + 1}",
        )
    from mml.exact.spaces import null_space

    kernel = null_space(A).basis
    for d in directions:
        if any(A @ d):
            return Feedback(
                False,
                0.5,
                f"the point is right, but the direction {vector_text(d)} is not a solution of A·x = 0",
                "a direction must solve the homogeneous system",
            )
    inside, same, dimension = _span_check(kernel, directions, len(variables))
    if not same:
        return Feedback(
            False,
            0.5,
            f"the point is right, but the directions span less than the {dimension}-dimensional null space",
            "one direction per free variable",
        )
    if len(directions) != dimension:
        return Feedback(
            False,
            0.75,
            f"right set, but use {dimension} independent direction(s)",
            "drop the dependent direction",
        )
    return CORRECT(
        "the same solution set (any particular point and any basis of directions are accepted)"
    )


@guarded
def check_verdict(expected: str, text: str, choices: Sequence[str]) -> Feedback:
    """A classification: unique / infinite / none, yes / no, …"""
    given = parse_verdict(text, choices)
    if given is None:
        return Feedback(False, 0.0, f"answer with one of: {', '.join(choices)}", "")
    if given == expected:
        return CORRECT()
    return Feedback(
        False,
        0.0,
        f"it is not {given!r}",
        "look at the pivots: which columns have one, and is any row 0 = c?",
    )


@guarded
def check_up_to_scale(expected: Sequence[Fraction], text: str) -> Feedback:
    """Any nonzero multiple: ``rank [s t] = 1``."""
    given = parse_vector_answer(text)
    if len(given) != len(expected):
        return Feedback(False, 0.0, f"expected {len(expected)} entries, got {len(given)}", "")
    if not any(given):
        return Feedback(False, 0.0, "the zero vector is never an answer here", "")
    if rank(vectors_as_columns([expected, given])) == 1:
        return CORRECT("right, up to scale")
    return Feedback(
        False, 0.0, f"{vector_text(given)} is not a multiple of the expected vector", ""
    )


@guarded
def check_numeric(expected: float, text: str, relative: float = 1e-6) -> Feedback:
    """A value within a relative tolerance (for answers that are not rational)."""
    from mml.calculus import evaluate

    given = float(evaluate(text, {}))
    if abs(given - expected) <= relative * max(1.0, abs(expected)):
        return CORRECT()
    return Feedback(
        False, 0.0, f"{given:.6g} is not the value", "recheck each factor of the chain rule"
    )


def split_top_level(text: str, separator: str = ",") -> list[str]:
    """Split at separators that are not inside brackets: ``"f(a, b), c"`` → two parts."""
    parts, depth, current = [], 0, []
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == separator and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts]


def _strip_brackets(text: str) -> str:
    text = text.strip()
    while len(text) >= 2 and text[0] in "([" and text[-1] in ")]" and _balanced(text[1:-1]):
        text = text[1:-1].strip()
    return text


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += ch in "(["
        depth -= ch in ")]"
        if depth < 0:
            return False
    return depth == 0


@guarded
def check_expression(expected: str, text: str, variables: Sequence[str]) -> Feedback:
    """Any algebraically equal expression (equality at random points)."""
    from mml.calculus import equivalent

    if equivalent(text, expected, variables=tuple(variables)):
        return CORRECT("equivalent to the expected expression")
    return Feedback(
        False, 0.0, "not equal to the expected expression", "check each rule you applied"
    )


@guarded
def check_expression_matrix(
    expected: Sequence[Sequence[str]], text: str, variables: Sequence[str]
) -> Feedback:
    """A vector or matrix of expressions, ``(a, b)`` or ``[[a, b], [c, d]]``, entry by entry,
    each up to algebraic equivalence; names the first wrong entry."""
    from mml.calculus import equivalent

    body = _strip_brackets(text)
    rows = (
        [split_top_level(_strip_brackets(row)) for row in split_top_level(body)]
        if body.startswith(("[", "("))
        else [split_top_level(body)]
    )
    if len(expected) == 1 and len(rows) > 1 and all(len(r) == 1 for r in rows):
        rows = [[r[0] for r in rows]]
    shape = (len(expected), len(expected[0]))
    if (len(rows), len(rows[0])) != shape or any(len(r) != shape[1] for r in rows):
        return Feedback(
            False,
            0.0,
            f"expected {shape[0]}×{shape[1]} entries",
            "check the shape (rows = outputs, columns = variables)",
        )
    wrong = [
        (i, j)
        for i in range(shape[0])
        for j in range(shape[1])
        if not equivalent(rows[i][j], expected[i][j], variables=tuple(variables))
    ]
    if not wrong:
        return CORRECT("every entry is equivalent")
    i, j = wrong[0]
    score = 1 - len(wrong) / (shape[0] * shape[1])
    return Feedback(
        False,
        score,
        f"{len(wrong)} entr{'y is' if len(wrong) == 1 else 'ies are'} wrong",
        f"entry ({i + 1}, {j + 1}) is not right",
    )


@guarded
def check_same_set(expected: Sequence[Fraction], text: str) -> Feedback:
    """A multiset of exact numbers in any order (eigenvalues with multiplicity)."""
    given = sorted(
        parse_number(part)
        for part in split_top_level(_strip_brackets(text.replace("{", "(").replace("}", ")")))
        if part
    )
    wanted = sorted(expected)
    if given == wanted:
        return CORRECT("the same values (order does not matter)")
    missing = [v for v in wanted if v not in given]
    hint = f"{fraction_text(missing[0])} is missing" if missing else "a value is repeated too often"
    common = sum(min(given.count(v), wanted.count(v)) for v in set(wanted))
    return Feedback(False, common / max(len(wanted), 1), f"expected {len(wanted)} value(s)", hint)


# -- adaptors: a kind's checker in terms of its stored answer ------------------------------------
def answer_is_number(exercise: Exercise, text: str) -> Feedback:
    """The exercise's answer is an exact number."""
    return check_number(exercise.answer, text)


def answer_is_numeric(exercise: Exercise, text: str) -> Feedback:
    """The exercise's answer is a float, accepted to a relative 1e-6."""
    return check_numeric(exercise.answer, text)


def answer_is_vector(exercise: Exercise, text: str) -> Feedback:
    """The exercise's answer is an exact vector."""
    return check_vector(exercise.answer, text)


def answer_is_matrix(exercise: Exercise, text: str) -> Feedback:
    """The exercise's answer is an exact matrix."""
    return check_matrix(exercise.answer, text)


def answer_up_to_scale(exercise: Exercise, text: str) -> Feedback:
    """The exercise's answer is a vector, any nonzero multiple accepted."""
    return check_up_to_scale(exercise.answer, text)


def answer_is_same_set(exercise: Exercise, text: str) -> Feedback:
    """The exercise's answer is a multiset of exact numbers, in any order."""
    return check_same_set(exercise.answer, text)
