"""mml.parse: numbers read exactly, implicit multiplication, names, errors with carets, limits."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mml.errors import MMLError, ParseError
from mml.exact import solve
from mml.parse import (
    MAX_DEPTH,
    constant_value,
    linear_form,
    parse_expression,
    parse_linear_system,
    parse_matrix,
    parse_vector,
)
from mml.parse.tokenizer import MAX_INPUT_LENGTH


def coefficients(text: str) -> dict[str, Fraction]:
    form = linear_form(parse_expression(text), text)
    return {name: value for name, value in form.coefficients.items() if value}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("0.5", Fraction(1, 2)),
        ("1/2", Fraction(1, 2)),
        ("-3", Fraction(-3)),
        ("2.25e1", Fraction(45, 2)),
        ("1/3 + 1/6", Fraction(1, 2)),
        ("(-2)^3", Fraction(-8)),
        ("2^-2", Fraction(1, 4)),
        ("-2^2", Fraction(-4)),
    ],
)
def test_numbers_are_read_exactly(text, expected):
    assert constant_value(parse_expression(text), text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("3x", {"x": 3}),
        ("2(x + y)", {"x": 2, "y": 2}),
        ("-y", {"y": -1}),
        ("1/2 z", {"z": Fraction(1, 2)}),
        ("x_1 + x1 + alpha", {"x_1": 1, "x1": 1, "alpha": 1}),
        ("3x/4", {"x": Fraction(3, 4)}),
        ("2 * (3x - (x - y))", {"x": 4, "y": 2}),
        ("x^1 + 0*y", {"x": 1}),
    ],
)
def test_implicit_multiplication_and_variable_names(text, expected):
    assert coefficients(text) == {k: Fraction(v) for k, v in expected.items()}


def test_equations_with_newlines_semicolons_and_terms_on_both_sides():
    system = parse_linear_system("3x + y = 9\n4x = 5 + 2y")
    assert system.variables == ("x", "y")
    assert system.coefficients == ((3, 1), (4, -2))
    assert system.rhs == (9, 5)


def test_unicode_minus_and_dot_from_slides_are_understood():
    assert parse_linear_system("3x − 2·y = 1").coefficients == ((3, -2),)


@pytest.mark.parametrize(
    "text, position, fragment",
    [
        ("3x + = 9", 5, "expected a term after '+'"),
        ("x*y = 1", 0, "not linear"),
        ("x + y^2 = 1", 4, "not linear"),
        ("1/x = 2", 2, "not linear"),
        ("3x + y", 6, "expected '='"),
        ("3x + y = 9 4x = 1", 11, "missing operator"),
        ("(x + 1 = 2", 7, "expected ')'"),
        ("x = 1/0", 6, "division by zero"),
        ("x = 2 $ 3", 6, "unexpected character"),
    ],
)
def test_errors_name_the_position_with_a_caret(text, position, fragment):
    with pytest.raises(ParseError) as info:
        parse_linear_system(text)
    error = info.value
    assert error.position == position
    assert fragment in str(error)
    caret_line = str(error).splitlines()[-1]
    assert caret_line.index("^") == position + 2


def test_limits_on_length_depth_and_exponent():
    with pytest.raises(ParseError, match="characters long"):
        parse_expression("x + " * (MAX_INPUT_LENGTH // 4 + 1) + "x")
    with pytest.raises(ParseError, match="nested"):
        parse_expression("(" * (MAX_DEPTH + 5) + "x" + ")" * (MAX_DEPTH + 5))
    with pytest.raises(ParseError, match="nested"):
        parse_expression("-" * (MAX_DEPTH + 5) + "x")
    with pytest.raises(ParseError, match="too large"):
        constant_value(parse_expression("10^100000"))
    with pytest.raises(ParseError, match="too large"):
        parse_expression("1e100000")


@pytest.mark.parametrize(
    "text", ["[[1, 2], [3, 4]]", "1 2; 3 4", "1 2\n3 4", "[1 2; 3 4]", "[[1,2],\n [3,4]]"]
)
def test_matrix_spellings_agree(text):
    assert parse_matrix(text) == [[1, 2], [3, 4]]


def test_matrix_entries_are_exact_and_signed():
    assert parse_matrix("1/2 -0.25; -3 (1+1)") == [[Fraction(1, 2), Fraction(-1, 4)], [-3, 2]]


def test_ragged_matrix_and_variable_entries_are_errors():
    with pytest.raises(ParseError, match="different lengths"):
        parse_matrix("[[1, 2], [3]]")
    with pytest.raises(ParseError, match="expected a number"):
        parse_matrix("[[1, x]]")


def test_vectors():
    assert (
        parse_vector("(1, 2, 3)") == parse_vector("[1, 2, 3]") == parse_vector("1 2 3") == [1, 2, 3]
    )
    with pytest.raises(ParseError, match="vector"):
        parse_vector("1 2; 3 4")


alphabet = st.sampled_from(list("xyz0123456789+-*/^=()[];,.  \n_ab") + ["1/2", "x1", "**"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(alphabet, max_size=40).map("".join))
def test_any_text_gives_a_solution_or_an_mml_error(text):
    try:
        solution = solve(text)
    except MMLError:
        return
    assert solution.kind in ("unique", "infinite", "none")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_unicode_text_gives_a_solution_or_an_mml_error(text):
    try:
        solve(text)
    except MMLError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.lists(alphabet, max_size=40).map("".join))
def test_any_text_gives_a_matrix_or_a_parse_error(text):
    try:
        rows = parse_matrix(text)
    except ParseError:
        return
    assert len({len(row) for row in rows}) == 1
