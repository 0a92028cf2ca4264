"""Reading a student's answer: numbers, vectors, matrices, sets of vectors, parametric
solution sets and verdicts, all through the project's own parser (never ``eval``).

Examples
--------
>>> parse_number("0.5") == parse_number("2/4")
True
>>> parse_vector_set("span{(1, 2), (3, 4)}")
[(Fraction(1, 1), Fraction(2, 1)), (Fraction(3, 1), Fraction(4, 1))]
>>> point, directions = parse_affine("(5/2, 0) + t(-2, 1)", ("x", "y"))
>>> point, directions
((Fraction(5, 2), Fraction(0, 1)), [(Fraction(-2, 1), Fraction(1, 1))])
>>> parse_affine("x = 5/2 - 2t, y = t", ("x", "y")) == (point, directions)
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from fractions import Fraction

from mml.errors import ParseError
from mml.exact.matrix import Matrix, as_matrix, as_vector
from mml.parse import constant_value, linear_form, parse_equations, parse_expression
from mml.parse.expressions import Symbol

__all__ = [
    "parse_number",
    "parse_vector_answer",
    "parse_matrix_answer",
    "parse_vector_set",
    "parse_affine",
    "parse_verdict",
    "VERDICTS",
]

VERDICTS = {
    "unique": ("unique", "one", "exactly one", "one solution", "a unique solution", "single"),
    "infinite": ("infinite", "infinitely many", "infinitely many solutions", "many", "infinity"),
    "none": ("none", "no solution", "no solutions", "inconsistent", "empty", "{}", "∅"),
    "yes": ("yes", "true", "y", "independent", "in the span", "contained"),
    "no": ("no", "false", "n", "dependent", "not in the span", "not contained"),
}


def parse_number(text: str) -> Fraction:
    """An exact number: ``3``, ``-1/2``, ``0.25``, ``2^-1``."""
    return constant_value(parse_expression(text), text)


def parse_vector_answer(text: str) -> tuple[Fraction, ...]:
    """A vector: ``(1, 2)``, ``[1, 2]``, ``1 2``."""
    return as_vector(text.strip(), "answer")


def parse_matrix_answer(text: str) -> Matrix:
    """A matrix: ``[[1, 2], [3, 4]]`` or ``1 2; 3 4``."""
    return as_matrix(text.strip(), "answer")


def parse_verdict(text: str, choices: Sequence[str]) -> str | None:
    """The verdict a phrase names (``"infinitely many"`` → ``"infinite"``), or None."""
    phrase = " ".join(text.strip().lower().replace(".", " ").split())
    for choice in choices:
        if phrase in VERDICTS.get(choice, (choice,)) or phrase == choice:
            return choice
    return None


_GROUP = re.compile(r"\(([^()]*)\)")


def parse_vector_set(text: str) -> list[tuple[Fraction, ...]]:
    """Vectors written as a set or list: ``{(1,2), (3,4)}``, ``span{(1,2)}``, ``(1,2), (3,4)``,
    ``[[1,2],[3,4]]`` (rows are the vectors); ``{}`` or ``{0}`` is the empty basis."""
    stripped = text.strip()
    if stripped.lower().startswith("span"):
        stripped = stripped[4:].strip()
    if stripped in ("{}", "{0}", "∅", "{ }", "[]"):
        return []
    if stripped.startswith("[["):
        return [tuple(row) for row in as_matrix(stripped, "answer").rows]
    if stripped.startswith("{") and stripped.endswith("}"):
        stripped = stripped[1:-1]
    groups = list(_GROUP.finditer(stripped))
    if not groups:
        raise ParseError(
            "expected vectors in parentheses, such as (1, 2), (3, 4)", text, 0, expected="(…)"
        )
    leftover = _GROUP.sub("", stripped).replace(",", "").strip()
    if leftover:
        position = text.find(leftover[0])
        raise ParseError(f"unexpected {leftover[0]!r} between the vectors", text, max(position, 0))
    return [as_vector(f"({group.group(1)})", "vector") for group in groups]


_TERM = re.compile(r"\s*([+-])?\s*([^\W\d][\w]*)?\s*\*?\s*·?\s*\(([^()]*)\)\s*")


def parse_affine(
    text: str, variables: Sequence[str]
) -> tuple[tuple[Fraction, ...], list[tuple[Fraction, ...]]]:
    """A solution set ``point + span(directions)`` in either spelling:

    - vector form: ``(5/2, 0) + t(-2, 1)`` or ``(1, 2, 0) + s*(1, 0, 1) + t*(0, 1, 1)``;
    - equations: ``x = 5/2 - 2t, y = t`` (one per variable, parameters on the right).

    A plain point ``(1, 2)`` has no directions.

    Raises
    ------
    ParseError
        With a caret, for text in neither form or vectors of the wrong length.
    """
    n = len(variables)
    if "=" in text:
        return _affine_from_equations(text, variables)
    point: tuple[Fraction, ...] | None = None
    directions: dict[str, tuple[Fraction, ...]] = {}
    position = 0
    while position < len(text):
        match = _TERM.match(text, position)
        if match is None or match.end() == position:
            raise ParseError(
                "expected a point and directions such as (5/2, 0) + t(-2, 1)", text, position
            )
        sign, name, body = match.groups()
        vector = as_vector(f"({body})", "vector")
        if len(vector) != n:
            raise ParseError(
                f"this vector has {len(vector)} entries; the system has {n} unknowns",
                text,
                match.start(3),
            )
        if sign == "-":
            vector = tuple(-v for v in vector)
        if name is None:
            if point is not None:
                raise ParseError("two points without a parameter", text, match.start())
            point = vector
        else:
            directions[name] = tuple(a + b for a, b in zip(directions.get(name, (0,) * n), vector))
        position = match.end()
    if point is None:
        point = tuple(Fraction(0) for _ in range(n))
    return point, list(directions.values())


def _affine_from_equations(
    text: str, variables: Sequence[str]
) -> tuple[tuple[Fraction, ...], list[tuple[Fraction, ...]]]:
    equations = parse_equations(text)
    values: dict[str, tuple[Fraction, dict[str, Fraction]]] = {}
    for equation in equations:
        if not isinstance(equation.lhs, Symbol) or equation.lhs.name not in variables:
            raise ParseError(
                f"write each equation as <variable> = <expression>, with a variable of {tuple(variables)}",
                text,
                equation.start,
            )
        form = linear_form(equation.rhs, text)
        values[equation.lhs.name] = (form.constant, dict(form.coefficients))
    parameters: list[str] = []
    for name, (_, coefficients) in values.items():
        for parameter, value in coefficients.items():
            if parameter in variables and parameter != name:
                raise ParseError(
                    f"{parameter} is an unknown, not a parameter", text, text.find(parameter)
                )
            if value and parameter not in parameters:
                parameters.append(parameter)
    # A variable written as itself (y = y) or left out is free: it is its own parameter.
    for name in variables:
        if name not in values:
            values[name] = (Fraction(0), {name: Fraction(1)})
            parameters.append(name)
    point = tuple(values[name][0] for name in variables)
    directions = [
        tuple(values[name][1].get(parameter, Fraction(0)) for name in variables)
        for parameter in parameters
    ]
    return point, directions
