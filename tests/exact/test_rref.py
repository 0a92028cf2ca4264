"""rref / row_echelon_form / rank / det / inverse / null space against SymPy, and replay."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.errors import ShapeError, SingularMatrixError
from mml.exact import (
    Matrix,
    column_space,
    det,
    in_span,
    inverse,
    is_linearly_independent,
    null_space,
    rank,
    row_echelon_form,
    row_space,
    rref,
)
from tests.exact.replay import assert_replays

entries = st.integers(min_value=-9, max_value=9)


@st.composite
def matrices(draw, square=False, max_size=5):
    m = draw(st.integers(1, max_size))
    n = m if square else draw(st.integers(1, max_size))
    return draw(st.lists(st.lists(entries, min_size=n, max_size=n), min_size=m, max_size=m))


def to_sympy(rows):
    return sympy.Matrix(rows)


def as_fraction_rows(matrix: sympy.Matrix):
    return [[Fraction(int(v.p), int(v.q)) for v in matrix.row(i)] for i in range(matrix.rows)]


@settings(max_examples=80, deadline=None)
@given(matrices())
def test_rref_matrix_and_pivots_agree_with_sympy(rows):
    ours = rref(rows)
    reference, pivots = to_sympy(rows).rref()
    assert ours.matrix.tolist() == as_fraction_rows(reference)
    assert ours.pivots == tuple(pivots)


@settings(max_examples=80, deadline=None)
@given(matrices())
def test_rank_and_null_space_dimension_agree_with_sympy(rows):
    reference = to_sympy(rows)
    assert rank(rows) == reference.rank()
    kernel = null_space(rows)
    assert kernel.dimension == len(reference.nullspace())
    A = Matrix(rows)
    for vector in kernel.basis:
        assert all(v == 0 for v in A @ vector)
        assert all(v.denominator == 1 for v in vector)


@settings(max_examples=80, deadline=None)
@given(matrices(square=True))
def test_det_agrees_with_sympy_for_every_method(rows):
    expected = Fraction(int(to_sympy(rows).det()))
    assert det(rows).value == expected
    assert det(rows, method="elimination").value == expected
    if len(rows) <= 4:
        assert det(rows, method="cofactor").value == expected
    if len(rows) == 3:
        assert det(rows, method="sarrus").value == expected


@settings(max_examples=60, deadline=None)
@given(matrices(square=True, max_size=4))
def test_inverse_times_matrix_is_identity_or_singular(rows):
    A = Matrix(rows)
    if to_sympy(rows).det() == 0:
        with pytest.raises(SingularMatrixError):
            inverse(rows)
        return
    result = inverse(rows)
    assert A @ result.value == Matrix.identity(len(rows))
    assert_replays(result.steps, result.steps.given)


@settings(max_examples=60, deadline=None)
@given(matrices())
def test_every_rref_and_ref_derivation_replays(rows):
    for result in (rref(rows), row_echelon_form(rows)):
        final = assert_replays(result.steps, Matrix(rows))
        assert final == result.matrix


def test_ref_of_lecture_matrix_has_zero_row():
    ref = row_echelon_form("2 4 -1; 7 -2 3; 9 2 2")
    assert ref.rank == 2
    assert not any(ref.matrix.row(2))


def test_rref_renders_latex_with_bmatrix_and_row_operations():
    latex = rref("[[1, 2, 3], [4, 5, 6], [7, 8, 10]]").steps.render("latex")
    assert r"\begin{bmatrix}" in latex and r"R_{2} \leftarrow R_{2} - 4\, R_{1}" in latex


def test_spaces_of_a_rank_one_matrix():
    A = [[1, 2, 3], [2, 4, 6]]
    assert column_space(A).basis == ((1, 2),)
    assert row_space(A).basis == ((1, 2, 3),)
    assert null_space(A).dimension == 2
    assert (-2, 1, 0) in null_space(A)


def test_independence_gives_a_true_relation():
    vectors = [(1, 2, 3), (4, 5, 6), (7, 8, 9)]
    result = is_linearly_independent(vectors)
    assert not result
    combination = [sum(c * v[i] for c, v in zip(result.relation, vectors)) for i in range(3)]
    assert combination == [0, 0, 0]
    assert is_linearly_independent([(1, 0), (0, 1)])


def test_in_span_coefficients_reproduce_the_vector():
    member = in_span((1, 4, 7), [(1, 1, 1), (0, 1, 2)])
    assert member
    a, b = member.coefficients
    assert (a, a + b, a + 2 * b) == (1, 4, 7)
    assert not in_span((1, 0, 0), [(1, 1, 1), (0, 1, 2)])


def test_det_rejects_non_square_and_sarrus_needs_3x3():
    with pytest.raises(ShapeError, match=r"\(2, 3\)"):
        det([[1, 2, 3], [4, 5, 6]])
    with pytest.raises(ShapeError, match="Sarrus"):
        det([[1, 2], [3, 4]], method="sarrus")
