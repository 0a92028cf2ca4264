"""Exact SVD by hand: U Σ Vᵀ = A, orthonormal U and V, σ against NumPy; rank-k and Eckart–Young."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.errors import DomainError
from mml.exact import Matrix
from mml.exact.low_rank import rank_k_approximation
from mml.exact.svd import svd

entries = st.integers(min_value=-3, max_value=3)


@st.composite
def small_matrices(draw):
    m, n = draw(st.sampled_from([(2, 2), (3, 2), (2, 3), (1, 2), (2, 1)]))
    return Matrix([[draw(entries) for _ in range(n)] for _ in range(m)])


def by_hand_or_none(A):
    try:
        return svd(A)
    except DomainError as error:
        assert "irrational" in str(error)
        return None


@given(small_matrices())
@settings(max_examples=40, deadline=None)
def test_reconstruction_orthogonality_and_values_match_numpy(A):
    result = by_hand_or_none(A)
    if result is None:
        return
    m, n = A.shape
    assert result.U @ result.Sigma @ result.V.T == A
    assert result.U.T @ result.U == Matrix.identity(m)
    assert result.V.T @ result.V == Matrix.identity(n)
    np.testing.assert_allclose(
        [float(s) for s in result.singular_values],
        np.linalg.svd(A.to_numpy(), compute_uv=False),
        atol=1e-12,
    )
    assert result.rank == np.linalg.matrix_rank(A.to_numpy())


def test_book_example_4_13():
    result = svd([[1, 0, 1], [-2, 1, 0]])
    assert [str(s) for s in result.singular_values] == ["√6", "1"]
    assert str(result.V[0, 0]) == "√30/6"  # 5/√30


@given(small_matrices(), st.integers(min_value=0, max_value=2))
@settings(max_examples=40, deadline=None)
def test_rank_k_errors_are_eckart_young_and_match_numpy(A, k):
    if k > min(A.shape) or by_hand_or_none(A) is None:
        return
    result = rank_k_approximation(A, k)
    a = A.to_numpy()
    u, s, vt = np.linalg.svd(a)
    reference = (u[:, :k] * s[:k]) @ vt[:k]
    # With σ_k = σ_{k+1} the best rank-k approximation is not unique: compare errors only.
    unique = k == 0 or k >= len(s) or s[k - 1] - s[k] > 1e-9
    if unique:
        np.testing.assert_allclose(result.approximation.to_numpy(), reference, atol=1e-10)
    difference = a - result.approximation.to_numpy()
    assert float(result.spectral_error) == pytest.approx(np.linalg.norm(difference, 2), abs=1e-9)
    assert float(result.frobenius_error) == pytest.approx(np.linalg.norm(difference), abs=1e-9)
    assert result.steps[-1].data["holds"]


def test_irrational_eigenvalues_of_gram_matrix_are_refused():
    with pytest.raises(DomainError, match="irrational"):
        svd([[1, 1], [0, 1]])


def test_k_out_of_range():
    with pytest.raises(DomainError, match="0 ≤ k ≤ min"):
        rank_k_approximation("1 0; 0 1", 3)


@pytest.mark.parametrize(
    "rows",
    [
        [[3, 2, 2], [2, 3, -2]],
        [[1, 1], [1, 1]],
        [[2, 0], [0, -3]],
        [[1, 0], [0, 1], [1, 1]],
        [[0, 0], [0, 0], [0, 0]],
        [[1, 2], [2, 4], [0, 0]],
        [[4, 0], [3, -5]],
    ],
)
def test_known_exercises_decompose_exactly(rows):
    A = Matrix(rows)
    result = svd(A)
    assert result.U @ result.Sigma @ result.V.T == A
    assert result.U.T @ result.U == Matrix.identity(A.shape[0])
    assert result.V.T @ result.V == Matrix.identity(A.shape[1])
    np.testing.assert_allclose(
        [float(s) for s in result.singular_values],
        np.linalg.svd(A.to_numpy(), compute_uv=False),
        atol=1e-12,
    )


def test_one_by_one_and_zero_matrices():
    assert [str(s) for s in svd([[-3]]).singular_values] == ["3"]
    zero = svd([[0, 0], [0, 0], [0, 0]])
    assert zero.rank == 0 and zero.U.T @ zero.U == Matrix.identity(3)
