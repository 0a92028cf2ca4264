"""Cholesky by hand: L·Lᵀ = A exactly, agreement with NumPy, and failing pivots as answers."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.errors import ShapeError
from mml.exact import Matrix
from mml.exact.cholesky import cholesky, is_positive_definite

small = st.integers(min_value=-4, max_value=4)


@st.composite
def spd_matrices(draw):
    n = draw(st.integers(min_value=1, max_value=4))
    B = Matrix([[draw(small) for _ in range(n)] for _ in range(n)])
    return B @ B.T + Matrix.identity(n)


@given(spd_matrices())
@settings(max_examples=30, deadline=None)
def test_factor_reproduces_A_exactly_and_matches_numpy(A):
    result = cholesky(A)
    assert result.positive_definite
    assert result.L @ result.L.T == A
    np.testing.assert_allclose(result.L.to_numpy(), np.linalg.cholesky(A.to_numpy()), atol=1e-10)


@given(st.integers(min_value=1, max_value=4), st.data())
@settings(max_examples=30, deadline=None)
def test_verdict_agrees_with_eigenvalues(n, data):
    rows = [[data.draw(small) for _ in range(n)] for _ in range(n)]
    A = Matrix(rows) + Matrix(rows).T
    eigenvalues = np.linalg.eigvalsh(A.to_numpy())
    if abs(eigenvalues).min() > 1e-9:
        assert is_positive_definite(A) == bool(eigenvalues.min() > 0)


def test_failing_pivot_stops_the_steps():
    result = cholesky("1 2; 2 1")
    assert not result.positive_definite and result.L is None
    assert result.steps[-1].rule == "nonpositive_pivot"
    assert result.steps[-1].data["pivot"] == -3


def test_non_symmetric_matrix_is_an_answer():
    result = cholesky("2 1; 0 2")
    assert not result and result.steps[0].rule == "not_symmetric"


def test_non_square_matrix_is_a_shape_error():
    with pytest.raises(ShapeError, match=r"\(2, 3\)"):
        cholesky([[1, 2, 3], [4, 5, 6]])


def test_surd_entries_render_in_latex():
    latex = cholesky("2 1; 1 2").steps.render("latex")
    assert r"\sqrt{2}" in latex and r"\frac{\sqrt{6}}{2}" in latex
