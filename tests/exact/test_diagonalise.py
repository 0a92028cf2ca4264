"""Diagonalisation: A·P = P·D exactly, defective and complex cases as answers."""

from __future__ import annotations

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.errors import DomainError
from mml.exact import Matrix
from mml.exact.diagonalise import diagonalise
from mml.exact.surd_arrays import SurdMatrix

entries = st.integers(min_value=-3, max_value=3)


@st.composite
def diagonalisable_matrices(draw):
    """P·D·P⁻¹ with integer P (det ±1) and integer D, so the answer is known to exist."""
    n = draw(st.integers(min_value=1, max_value=3))
    upper = Matrix(
        [[1 if i == j else (draw(entries) if j > i else 0) for j in range(n)] for i in range(n)]
    )
    lower = Matrix(
        [[1 if i == j else (draw(entries) if j < i else 0) for j in range(n)] for i in range(n)]
    )
    P = upper @ lower
    D = Matrix([[draw(entries) if i == j else 0 for j in range(n)] for i in range(n)])
    return P @ D @ sympy_inverse(P)


def sympy_inverse(P: Matrix) -> Matrix:
    inv = sympy.Matrix([[int(a) for a in r] for r in P.rows]).inv()
    return Matrix([[sympy.Rational(v).p for v in inv.row(i)] for i in range(inv.rows)])


@given(diagonalisable_matrices())
@settings(max_examples=25, deadline=None)
def test_diagonalisable_matrix_satisfies_AP_equals_PD(A):
    result = diagonalise(A)
    assert result.diagonalisable
    assert A @ result.P == result.P @ result.D
    assert result.P @ result.D @ result.P_inverse == A


@given(st.integers(min_value=1, max_value=2), st.data())
@settings(max_examples=25, deadline=None)
def test_verdict_agrees_with_sympy(n, data):
    A = Matrix([[data.draw(entries) for _ in range(n)] for _ in range(n)])
    reference = sympy.Matrix([[int(a) for a in r] for r in A.rows]).is_diagonalizable(
        reals_only=True
    )
    assert diagonalise(A).diagonalisable == reference


def test_defective_matrix_explains_why():
    result = diagonalise("1 1; 0 1")
    assert not result and result.P is None
    assert "algebraic multiplicity 2" in result.reason and result.steps[-1].rule == "defective"


def test_rotation_is_not_diagonalisable_over_the_reals():
    result = diagonalise("0 -1; 1 0")
    assert not result and "non-real" in result.reason


def test_symmetric_matrix_orthogonally():
    A = Matrix("2 1 0; 1 2 0; 0 0 3")
    result = diagonalise(A, orthogonal=True)
    Q = result.P
    assert isinstance(Q, SurdMatrix)
    assert Q.T @ Q == Matrix.identity(3)
    assert Q @ SurdMatrix(result.D) @ Q.T == A


def test_orthogonal_needs_symmetry():
    with pytest.raises(DomainError, match="symmetric"):
        diagonalise("1 2; 3 4", orthogonal=True)


def test_irrational_eigenvalues_give_sympy_factors():
    result = diagonalise("2 1; 1 1")
    A = sympy.Matrix([[2, 1], [1, 1]])
    assert result.diagonalisable
    assert sympy.simplify(A * result.P - result.P * result.D) == sympy.zeros(2, 2)
