"""Exact characteristic polynomials, eigenvalues and eigenspaces against SymPy."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.errors import ShapeError
from mml.exact import Matrix
from mml.exact.eigen import characteristic_polynomial, eigenvalues, eigenvectors
from mml.exact.polynomial import Polynomial, rational_roots

entries = st.integers(min_value=-4, max_value=4)
LAM = sympy.Symbol("lambda")


@st.composite
def square_matrices(draw, max_n=4):
    n = draw(st.integers(min_value=1, max_value=max_n))
    return Matrix([[draw(entries) for _ in range(n)] for _ in range(n)])


def poly_to_sympy(p: Polynomial) -> sympy.Expr:
    return sum(
        (sympy.Rational(c.numerator, c.denominator) * LAM**k for k, c in enumerate(p.coefficients)),
        sympy.Integer(0),
    )


def as_sympy(A: Matrix) -> sympy.Matrix:
    return sympy.Matrix([[sympy.Rational(a.numerator, a.denominator) for a in r] for r in A.rows])


@given(square_matrices(max_n=5))
@settings(max_examples=30, deadline=None)
def test_characteristic_polynomial_matches_sympy(A):
    n = A.shape[0]
    ours = poly_to_sympy(characteristic_polynomial(A).value)
    reference = (-1) ** n * as_sympy(A).charpoly(LAM).as_expr()
    assert sympy.expand(ours - reference) == 0


def test_faddeev_leverrier_for_large_matrices():
    A = Matrix([[(i * 7 + j * 3) % 5 - 2 for j in range(6)] for i in range(6)])
    result = characteristic_polynomial(A)
    assert result.method == "faddeev_leverrier"
    assert sympy.expand(poly_to_sympy(result.value) - as_sympy(A).charpoly(LAM).as_expr()) == 0


@given(square_matrices(max_n=4))
@settings(max_examples=30, deadline=None)
def test_eigenvalues_match_sympy_exactly_and_numpy_numerically(A):
    ours = eigenvalues(A).value
    n = A.shape[0]
    assert sum(m for _, m in ours) == n
    rational = {
        sympy.Rational(v.numerator, v.denominator): m for v, m in ours if isinstance(v, Fraction)
    }
    assert rational == sympy.roots(as_sympy(A).charpoly(LAM), filter="Q")
    charpoly = poly_to_sympy(characteristic_polynomial(A).value)
    for value, _ in ours:
        if not isinstance(value, Fraction):
            assert sympy.rem(charpoly, sympy.minimal_polynomial(value, LAM), LAM) == 0
    if not any(isinstance(v, sympy.Basic) and v.has(sympy.CRootOf) for v, _ in ours):
        unused = list(np.linalg.eigvals(A.to_numpy()))
        for value, multiplicity in ours:
            z = complex(value)
            for _ in range(multiplicity):
                nearest = min(range(len(unused)), key=lambda i: abs(unused[i] - z))
                assert abs(unused.pop(nearest) - z) < 1e-4


@given(square_matrices(max_n=4))
@settings(max_examples=25, deadline=None)
def test_eigenspaces_satisfy_A_v_equals_lambda_v_with_sympy_dimensions(A):
    result = eigenvectors(A)
    n = A.shape[0]
    for e in result.eigenvalues:
        if e.is_rational:
            for v in e.eigenspace:
                assert A @ v == tuple(e.value * a for a in v)
        shifted = as_sympy(A) - e.value * sympy.eye(n)
        if e.is_rational or len(e.eigenspace):
            assert e.geometric_multiplicity == n - shifted.rank(simplify=True)
        assert 1 <= e.geometric_multiplicity <= e.algebraic_multiplicity


def test_defective_matrix_is_detected():
    result = eigenvectors("2 1 0; 0 2 1; 0 0 2")
    assert result.defective
    (e,) = result.eigenvalues
    assert (e.algebraic_multiplicity, e.geometric_multiplicity) == (3, 1)


def test_symmetric_matrix_with_repeated_eigenvalue_is_not_defective():
    result = eigenvectors("2 0 0; 0 2 0; 0 0 5")
    assert not result.defective
    assert [e.geometric_multiplicity for e in result.eigenvalues] == [2, 1]


def test_irrational_eigenvalues_come_from_sympy():
    values = [v for v, _ in eigenvalues("2 1; 1 1").value]
    assert sympy.simplify(sum(values) - 3) == 0 and sympy.simplify(values[0] * values[1] - 1) == 0
    result = eigenvectors("2 1; 1 1")
    A = as_sympy(Matrix("2 1; 1 1"))
    for e in result.eigenvalues:
        v = sympy.Matrix(e.eigenspace[0])
        assert sympy.simplify(A * v - e.value * v) == sympy.zeros(2, 1)


def test_rational_root_theorem_finds_fractions():
    x = Polynomial.variable_()
    p = (2 * x - 1) ** 2 * (3 * x + 2)
    assert rational_roots(p).roots == ((Fraction(-2, 3), 1), (Fraction(1, 2), 2))


def test_steps_show_the_expansion_and_render_in_every_format():
    result = eigenvectors("2 0 0; 0 3 4; 0 4 9")
    assert result.steps.by_rule("cofactor_expansion")
    text = result.steps.render("text")
    assert "λ = 1, 2, 11" in text and "(λ − 1)(λ − 2)(λ − 11)" in text
    assert r"\lambda" in result.steps.render("latex")


def test_non_square_matrix_is_rejected():
    with pytest.raises(ShapeError, match=r"\(2, 3\)"):
        eigenvalues([[1, 2, 3], [4, 5, 6]])


def test_huge_entries_do_not_hang_the_rational_root_search():
    result = eigenvectors([[10**15, 0], [0, 3 * 10**15]])
    assert [e.value for e in result.eigenvalues] == [10**15, 3 * 10**15]
    assert result.steps.by_rule("large_coefficients")
    values = [v for v, _ in eigenvalues([[10**30, 1], [1, 7 * 10**29 + 1]]).value]
    assert len(values) == 2 and all(not isinstance(v, Fraction) for v in values)
