"""Orthonormal bases, complements and Gram–Schmidt against SciPy's orth/null_space and NumPy's QR."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mml.errors import DomainError
from mml.geometry import (
    gram_schmidt,
    is_orthogonal,
    is_orthogonal_matrix,
    is_orthonormal,
    orthogonal_complement,
    orthonormal_basis,
)

small = st.integers(min_value=-4, max_value=4).map(float)


def same_subspace(P: np.ndarray, Q: np.ndarray) -> bool:
    """Whether two orthonormal bases span the same subspace (equal projection matrices)."""
    return P.shape == Q.shape and np.allclose(P @ P.T, Q @ Q.T, atol=1e-8)


@given(st.integers(2, 5), st.integers(1, 5), st.data())
@settings(max_examples=40, deadline=None)
def test_orthonormal_basis_and_complement_match_scipy(n, k, data):
    B = data.draw(arrays(float, (n, k), elements=small))
    Q = orthonormal_basis(B)
    N = orthogonal_complement(B)
    assert same_subspace(Q, scipy.linalg.orth(B))
    assert same_subspace(N, scipy.linalg.null_space(B.T))
    assert Q.shape[1] + N.shape[1] == n
    assert np.allclose(Q.T @ N, 0, atol=1e-10)


@given(st.integers(2, 5), st.integers(1, 5), st.data())
@settings(max_examples=40, deadline=None)
def test_gram_schmidt_spans_the_input_and_is_orthonormal(n, k, data):
    B = data.draw(arrays(float, (n, k), elements=small))
    Q = gram_schmidt(B)
    assert np.allclose(Q.T @ Q, np.eye(Q.shape[1]), atol=1e-10)
    assert same_subspace(Q, scipy.linalg.orth(B))


def test_gram_schmidt_is_qr_up_to_signs():
    rng = np.random.default_rng(1)
    B = rng.standard_normal((6, 4))
    Q = gram_schmidt(B)
    reference, _ = np.linalg.qr(B)
    np.testing.assert_allclose(np.abs(Q), np.abs(reference), atol=1e-12)


def test_gram_schmidt_under_an_spd_inner_product():
    A = np.array([[2.0, 1.0, 0.0], [1.0, 2.0, 0.0], [0.0, 0.0, 1.0]])
    Q = gram_schmidt(np.eye(3), A=A)
    np.testing.assert_allclose(Q.T @ A @ Q, np.eye(3), atol=1e-12)
    assert is_orthonormal(Q, A=A)


def test_gram_schmidt_keeps_orthogonality_on_hilbert_columns():
    n = 8
    H = 1.0 / (np.arange(n)[:, None] + np.arange(n)[None, :] + 1)
    Q = gram_schmidt(H, tol=1e-14)
    assert np.allclose(Q.T @ Q, np.eye(Q.shape[1]), atol=1e-12)


def test_orthogonality_tests():
    assert is_orthogonal([1, 1], [-1, 1])
    assert not is_orthogonal([1, 1], [-1, 1], A=[[2, 0], [0, 1]])
    assert is_orthogonal_matrix(np.array([[0, 1], [1, 0]]))
    assert not is_orthogonal_matrix(np.array([[1, 1], [0, 1]]))


def test_normal_of_a_plane_in_r3():
    normal = orthogonal_complement(np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]))
    assert normal.shape == (3, 1)
    np.testing.assert_allclose(np.abs(normal[:, 0]), np.array([1, 1, 1]) / np.sqrt(3))


def test_bad_input():
    with pytest.raises(DomainError, match="NaN"):
        orthonormal_basis([[np.nan, 1.0]])
