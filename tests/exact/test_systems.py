"""mml.exact.solve: the lecture's problems as properties, SymPy agreement, replay."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import mml
from mml.errors import DomainError, ParseError, ShapeError
from mml.exact import Matrix, solve
from tests.exact.replay import assert_replays

LECTURE_3X3 = "2x + 4y - z = 5; 7x - 2y + 3z = 6; 9x + 2y + 2z = 11"


def assert_solution_properties(solution):
    """A·particular = b exactly; A·d = 0; number of directions = n − rank."""
    A, b = solution.A, solution.b
    assert A @ solution.particular == b
    for direction in solution.directions:
        assert any(direction)
        assert all(v == 0 for v in A @ direction)
    assert len(solution.directions) == A.shape[1] - solution.rank


def parallel(u, v) -> bool:
    return Matrix.from_columns([u, v]).shape and mml.exact.rank(Matrix.from_columns([u, v])) == 1


def test_problem_1_scalar_equation_has_x_equal_2():
    solution = mml.solve("3x = 6")
    assert solution.kind == "unique"
    assert solution.particular == (Fraction(2),)


def test_problem_2_unique_solution_in_fractions():
    solution = mml.solve("3x + y = 9; 4x - 2y = 5")
    assert solution.kind == "unique"
    assert solution.as_dict() == {"x": Fraction(23, 10), "y": Fraction(21, 10)}
    assert_solution_properties(solution)
    assert str(solution.steps[0].description) == "R2 ← R2 − 4/3·R1"


def test_problem_3_rank_two_with_one_free_variable_parallel_to_lecture_direction():
    solution = mml.solve(LECTURE_3X3)
    assert solution.kind == "infinite"
    assert solution.rank == 2
    assert solution.free == ("z",)
    assert_solution_properties(solution)
    (direction,) = solution.directions
    assert parallel(direction, (-10, 13, 32))
    assert direction == (-10, 13, 32)  # smallest integer vector, free variable positive


def test_problem_3_other_parametrisations_are_points_of_the_same_line():
    solution = mml.solve(LECTURE_3X3)
    assert solution.is_solution((-3, 6, 13))  # the curriculum's alternative particular solution
    assert solution.solution_set.contains((-3, 6, 13))
    assert not solution.is_solution((0, 0, 0))


def test_problem_4_one_equation_two_unknowns_is_a_line():
    solution = mml.solve("2x + 4y = 5")
    assert solution.kind == "infinite"
    assert_solution_properties(solution)
    assert parallel(solution.directions[0], (-2, 1))


def test_point_for_parameter_values_is_a_solution():
    solution = mml.solve(LECTURE_3X3)
    for t in (-2, 0, Fraction(1, 3), 5):
        point = solution.point(t)
        assert solution.is_solution(point)
    with pytest.raises(ShapeError):
        solution.point(1, 2)


def test_inconsistent_system_is_an_answer_with_the_contradicting_row():
    solution = mml.solve("x + y = 1; 2x + 2y = 3")
    assert solution.kind == "none"
    assert solution.particular is None
    contradiction = solution.steps.by_rule("contradiction")
    assert contradiction and "0 = 1" in str(contradiction[0].description)
    with pytest.raises(DomainError):
        solution.point()


def test_pair_input_names_variables_x1_to_xn():
    solution = solve(([[1, 2], [3, 4]], [5, 6]))
    assert solution.variables == ("x1", "x2")
    assert solution.is_solution(solution.particular)
    assert solve([[1, 2], [3, 4]], [5, 6]).particular == solution.particular


def test_mismatched_b_is_a_shape_error():
    with pytest.raises(ShapeError, match="3 entries"):
        solve(([[1, 2], [3, 4]], [1, 2, 3]))


def test_terms_on_both_sides_and_decimals_are_read_exactly():
    solution = solve("0.5x = y + 1; x - 1/2 y = 2(1 + 0.25)")
    assert solution.is_solution(solution.particular)
    expected = sympy.linsolve(
        [
            sympy.Rational(1, 2) * sympy.Symbol("x") - sympy.Symbol("y") - 1,
            sympy.Symbol("x") - sympy.Symbol("y") / 2 - sympy.Rational(5, 2),
        ],
        [sympy.Symbol("x"), sympy.Symbol("y")],
    )
    (point,) = expected
    assert solution.particular == tuple(Fraction(int(v.p), int(v.q)) for v in point)


def test_nonlinear_term_is_rejected_with_caret_under_it():
    with pytest.raises(ParseError) as info:
        solve("x + y^2 = 1")
    assert info.value.position == 4
    assert "not linear" in str(info.value)


def test_general_solution_renders_in_every_format():
    solution = mml.solve(LECTURE_3X3)
    for fmt in ("text", "markdown", "latex"):
        out = solution.steps.render(fmt)
        assert "32" in out and "17" in out


def test_every_solve_derivation_replays():
    for text in ("3x + y = 9; 4x - 2y = 5", LECTURE_3X3, "2x + 4y = 5", "y = 1; x + y = 2"):
        solution = mml.solve(text)
        assert_replays(solution.steps, solution.steps.given)


small_ints = st.integers(min_value=-6, max_value=6)


@st.composite
def systems(draw):
    m = draw(st.integers(1, 4))
    n = draw(st.integers(1, 4))
    A = draw(st.lists(st.lists(small_ints, min_size=n, max_size=n), min_size=m, max_size=m))
    b = draw(st.lists(small_ints, min_size=m, max_size=m))
    return A, b


@settings(max_examples=60, deadline=None)
@given(systems())
def test_solvability_and_solution_agree_with_sympy(system):
    A, b = system
    solution = solve((A, b))
    symbols = sympy.symbols(f"x1:{len(A[0]) + 1}")
    reference = sympy.linsolve((sympy.Matrix(A), sympy.Matrix(b)), *symbols)
    if reference == sympy.EmptySet:
        assert solution.kind == "none"
        return
    assert solution.kind != "none"
    assert_solution_properties(solution)
    (point,) = reference
    free_symbols = set().union(*(sympy.sympify(v).free_symbols for v in point))
    assert len(free_symbols) == len(solution.directions)
    assert_replays(solution.steps, solution.steps.given)
