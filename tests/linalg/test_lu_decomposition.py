"""LU with partial pivoting: P L U = A, agreement with SciPy and with the unblocked reference."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.linalg.matrix_cases import DTYPES, EPS, hilbert, random_matrix, row_scaled

import mml.linalg as la
from mml.errors import LinAlgError, ShapeError
from mml.linalg.lu_decomposition import (
    lu_factor_kernel,
    lu_factor_unblocked,
    permutation_from_pivots,
)

RNG = np.random.default_rng(20261126)


def reconstruction_error(a: np.ndarray) -> float:
    P, L, U = la.lu(a)
    return float(np.linalg.norm(P @ L @ U - a) / max(np.linalg.norm(a), 1e-300))


@pytest.mark.parametrize(
    "shape", [(1, 1), (5, 5), (40, 40), (70, 33), (200, 90), (90, 200), (130, 130)]
)
def test_blocked_lu_matches_unblocked_reference(shape):
    a = random_matrix(RNG, shape)
    fast, piv_fast, _ = lu_factor_kernel(a)
    slow, piv_slow = lu_factor_unblocked(a)
    np.testing.assert_array_equal(piv_fast, piv_slow)
    np.testing.assert_allclose(fast, slow, atol=1e-12 * shape[0])


@pytest.mark.parametrize("n", [3, 50, 200])
def test_lu_factor_matches_scipy(n):
    a = random_matrix(RNG, (n, n))
    lu, piv = la.lu_factor(a)
    lu_ref, piv_ref = scipy.linalg.lu_factor(a)
    np.testing.assert_array_equal(piv, piv_ref)
    np.testing.assert_allclose(lu, lu_ref, atol=1e-11)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(6, 6), (9, 4), (4, 9), (3, 5, 5), (0, 0), (3, 0), (2, 0, 3)])
def test_p_l_u_reconstructs_a(dtype, shape):
    a = random_matrix(RNG, shape, dtype)
    P, L, U = la.lu(a)
    k = min(shape[-2:])
    assert P.shape == shape[:-1] + (shape[-2],)
    assert L.shape == shape[:-1] + (k,) and U.shape == shape[:-2] + (k, shape[-1])
    assert L.dtype == U.dtype == np.dtype(dtype)
    np.testing.assert_allclose(P @ L @ U, a, atol=50 * EPS[np.dtype(dtype)] * max(k, 1) * 4)
    np.testing.assert_array_equal(np.triu(L, 1), 0)
    np.testing.assert_array_equal(np.tril(U, -1), 0)
    if k:
        assert np.all(np.abs(L) <= 1 + 1e-6)  # partial pivoting bounds the multipliers


def test_lu_matches_scipy_in_every_output_mode():
    a = random_matrix(RNG, (7, 5))
    for ours, ref in zip(la.lu(a), scipy.linalg.lu(a)):
        np.testing.assert_allclose(ours, ref, atol=1e-13)
    for ours, ref in zip(la.lu(a, p_indices=True), scipy.linalg.lu(a, p_indices=True)):
        np.testing.assert_allclose(ours, ref, atol=1e-13)
    for ours, ref in zip(la.lu(a, permute_l=True), scipy.linalg.lu(a, permute_l=True)):
        np.testing.assert_allclose(ours, ref, atol=1e-13)


@pytest.mark.parametrize("n", [4, 8, 10])
def test_hilbert_lu_has_small_backward_error(n):
    assert reconstruction_error(hilbert(n)) < 20 * n * EPS[np.dtype(np.float64)]


def test_rows_scaled_from_1e_minus150_to_1e150_reconstruct_rowwise():
    a = row_scaled(RNG, 12)
    P, L, U = la.lu(a)
    rows = np.abs(P @ L @ U - a).max(axis=1) / np.abs(a).max(axis=1)
    assert rows.max() < 1e-12


def test_rank_deficient_matrix_is_factored_with_a_zero_pivot():
    a = random_matrix(RNG, (6, 3)) @ random_matrix(RNG, (3, 6))
    P, L, U = la.lu(a)
    np.testing.assert_allclose(P @ L @ U, a, atol=1e-12)
    assert np.min(np.abs(np.diagonal(U))) < 1e-12 * np.abs(a).max()


@pytest.mark.parametrize("trans", [0, 1, 2])
@pytest.mark.parametrize("dtype", [np.float64, np.complex128])
def test_lu_solve_matches_scipy(trans, dtype):
    a = random_matrix(RNG, (60, 60), dtype)
    b = random_matrix(RNG, (60, 3), dtype)
    x = la.lu_solve(la.lu_factor(a), b, trans=trans)
    ref = scipy.linalg.lu_solve(scipy.linalg.lu_factor(a), b, trans=trans)
    np.testing.assert_allclose(x, ref, rtol=1e-9, atol=1e-9)
    x1 = la.lu_solve(la.lu_factor(a), b[:, 0], trans=trans)
    assert x1.shape == (60,)


def test_permutation_from_pivots_follows_the_swap_sequence():
    a = random_matrix(RNG, (30, 30))
    lu, piv = la.lu_factor(a)
    perm = permutation_from_pivots(piv, 30)
    L = np.tril(lu, -1) + np.eye(30)
    np.testing.assert_allclose(L @ np.triu(lu), a[perm], atol=1e-12)


def test_lu_refuses_nan_when_check_finite():
    a = np.eye(3)
    a[0, 1] = np.nan
    with pytest.raises(LinAlgError, match="infs or NaNs"):
        la.lu_factor(a)
    lu, _ = la.lu_factor(a, check_finite=False)  # propagates instead, never hangs
    assert np.isnan(lu).any()


def test_lu_solve_refuses_a_right_hand_side_of_the_wrong_length():
    with pytest.raises(ShapeError, match="rows"):
        la.lu_solve(la.lu_factor(np.eye(3)), np.ones(4))


def test_integer_input_is_promoted_to_float64():
    lu, _ = la.lu_factor(np.array([[2, 1], [4, 3]]))
    assert lu.dtype == np.float64


@settings(max_examples=25, deadline=None)
@given(
    m=st.integers(0, 40),
    n=st.integers(0, 40),
    dtype=st.sampled_from(DTYPES),
    seed=st.integers(0, 2**32 - 1),
)
def test_lu_reconstructs_any_shape_and_dtype(m, n, dtype, seed):
    a = random_matrix(np.random.default_rng(seed), (m, n), dtype)
    P, L, U = la.lu(a)
    tolerance = 200 * EPS[np.dtype(dtype)] * max(m, n, 1)
    np.testing.assert_allclose(P @ L @ U, a, atol=tolerance * max(np.abs(a).max(initial=0), 1))
