"""Householder QR: Q^H Q = I, Q R = A, every numpy mode, blocked vs unblocked reference."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.linalg.matrix_cases import DTYPES, EPS, hilbert, random_matrix, row_scaled

import mml.linalg as la
from mml.errors import LinAlgError
from mml.linalg.householder import householder_vector, vector_norm2
from mml.linalg.qr_decomposition import qr_kernel, qr_unblocked

RNG = np.random.default_rng(5)
SHAPES = [(1, 1), (6, 6), (9, 4), (4, 9), (70, 33), (33, 70), (2, 5, 3), (0, 0), (0, 3), (3, 0)]


@pytest.mark.parametrize("shape", [(1, 1), (40, 40), (100, 37), (37, 100), (129, 129)])
@pytest.mark.parametrize("dtype", [np.float64, np.complex128])
def test_blocked_qr_matches_unblocked_reference(shape, dtype):
    a = random_matrix(RNG, shape, dtype)
    h_fast, tau_fast = qr_kernel(a)
    h_slow, tau_slow = qr_unblocked(a)
    np.testing.assert_allclose(h_fast, h_slow, atol=1e-12 * max(shape))
    np.testing.assert_allclose(tau_fast, tau_slow, atol=1e-12)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("mode", ["reduced", "complete", "r", "raw"])
def test_every_mode_matches_numpy(dtype, shape, mode):
    a = random_matrix(RNG, shape, dtype)
    ours, ref = la.qr(a, mode=mode), np.linalg.qr(a, mode=mode)
    if mode == "r":
        ours, ref = (ours,), (ref,)
    assert len(ours) == len(ref)
    tolerance = 100 * max(max(shape), 1) * EPS[np.dtype(dtype)]
    for x, y in zip(ours, ref):
        assert x.shape == y.shape and x.dtype == y.dtype
        np.testing.assert_allclose(x, y, atol=tolerance)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("mode", ["reduced", "complete"])
def test_q_is_orthonormal_and_qr_is_a(dtype, mode):
    a = random_matrix(RNG, (3, 80, 50), dtype)
    Q, R = la.qr(a, mode=mode)
    tolerance = 200 * 80 * EPS[np.dtype(dtype)]
    eye = np.eye(Q.shape[-1])
    np.testing.assert_allclose(
        np.swapaxes(Q, -1, -2).conj() @ Q, np.broadcast_to(eye, (3,) + eye.shape), atol=tolerance
    )
    np.testing.assert_allclose(Q @ R, a, atol=tolerance * np.abs(a).max())
    np.testing.assert_array_equal(np.tril(R, -1), 0)


def test_named_tuple_fields():
    result = la.qr(np.eye(3))
    assert isinstance(result, la.QRResult)
    np.testing.assert_allclose(result.Q @ result.R, np.eye(3), atol=1e-15)


@pytest.mark.parametrize("n", [5, 10])
def test_hilbert_q_stays_orthonormal(n):
    Q, R = la.qr(hilbert(n))
    np.testing.assert_allclose(Q.T @ Q, np.eye(n), atol=20 * n * EPS[np.dtype(np.float64)])
    np.testing.assert_allclose(Q @ R, hilbert(n), atol=20 * n * EPS[np.dtype(np.float64)])


def test_rows_scaled_from_1e_minus150_to_1e150():
    a = row_scaled(RNG, 12).T  # columns span 300 orders of magnitude
    Q, R = la.qr(a)
    np.testing.assert_allclose(Q.T @ Q, np.eye(12), atol=1e-13)
    column_error = np.abs(Q @ R - a).max(axis=0) / np.abs(a).max(axis=0)
    assert column_error.max() < 1e-13


def test_rank_deficient_matrix_still_factors():
    a = random_matrix(RNG, (20, 3)) @ random_matrix(RNG, (3, 10))
    Q, R = la.qr(a)
    np.testing.assert_allclose(Q @ R, a, atol=1e-12)
    assert np.abs(np.diagonal(R)[3:]).max() < 1e-12 * np.abs(a).max()


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="mode"):
        la.qr(np.eye(2), mode="economic")


def test_one_dimensional_input_is_refused_like_numpy():
    with pytest.raises(LinAlgError, match="two-dimensional"):
        la.qr(np.ones(3))


def test_householder_vector_reflects_onto_e1():
    x = random_matrix(RNG, (7,), np.complex128)
    v, tau, beta = householder_vector(x)
    H = np.eye(7) - tau * np.outer(v, v.conj())
    np.testing.assert_allclose(H.conj().T @ x, np.r_[beta, np.zeros(6)], atol=1e-14)
    assert abs(beta) == pytest.approx(np.linalg.norm(x))


@pytest.mark.parametrize("scale", [1e-170, 1e170])
def test_vector_norm_survives_extreme_scales(scale):
    x = np.array([3.0, 4.0]) * scale
    assert vector_norm2(x) == pytest.approx(5 * scale, rel=1e-15)


def test_nan_propagates_without_hanging():
    a = np.eye(3)
    a[2, 0] = np.nan
    assert np.isnan(la.qr(a).R).any()


@settings(max_examples=25, deadline=None)
@given(
    m=st.integers(0, 45),
    n=st.integers(0, 45),
    dtype=st.sampled_from(DTYPES),
    seed=st.integers(0, 2**32 - 1),
)
def test_reduced_qr_invariants_for_any_shape(m, n, dtype, seed):
    a = random_matrix(np.random.default_rng(seed), (m, n), dtype)
    Q, R = la.qr(a)
    k = min(m, n)
    tolerance = 300 * max(m, n, 1) * EPS[np.dtype(dtype)]
    np.testing.assert_allclose(Q.conj().T @ Q, np.eye(k), atol=tolerance)
    np.testing.assert_allclose(Q @ R, a, atol=tolerance * max(np.abs(a).max(initial=0), 1))
