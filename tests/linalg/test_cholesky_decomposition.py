"""Cholesky: L L^H = A, agreement with numpy and scipy, the unblocked reference, and errors."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.linalg.matrix_cases import DTYPES, EPS, hilbert, random_matrix, spd_matrix

import mml.linalg as la
from mml.errors import LinAlgError, NotPositiveDefiniteError, ShapeError
from mml.linalg.cholesky_decomposition import cholesky_kernel, cholesky_unblocked

RNG = np.random.default_rng(3)


@pytest.mark.parametrize("n", [1, 40, 97, 200, 333])
@pytest.mark.parametrize("dtype", [np.float64, np.complex128])
def test_blocked_cholesky_matches_unblocked_reference(n, dtype):
    a = spd_matrix(RNG, n, dtype)
    np.testing.assert_allclose(cholesky_kernel(a), cholesky_unblocked(a), atol=1e-12 * n)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(5,), (150,), (3, 20), (2, 2, 7)])
@pytest.mark.parametrize("upper", [False, True])
def test_cholesky_matches_numpy_and_reconstructs(dtype, shape, upper):
    n = shape[-1]
    stack = shape[:-1]
    a = np.stack([spd_matrix(RNG, n, dtype) for _ in range(int(np.prod(stack)))])
    a = a.reshape(stack + (n, n))
    ours = la.cholesky(a, upper=upper)
    ref = np.linalg.cholesky(a, upper=upper)
    assert ours.dtype == ref.dtype and ours.shape == ref.shape
    tolerance = 100 * n * EPS[np.dtype(dtype)] * np.abs(a).max()
    np.testing.assert_allclose(ours, ref, atol=tolerance)
    product = (
        np.swapaxes(ours, -1, -2).conj() @ ours
        if upper
        else ours @ np.swapaxes(ours, -1, -2).conj()
    )
    np.testing.assert_allclose(product, a, atol=tolerance)


@pytest.mark.parametrize("n", [4, 8, 10])
def test_hilbert_factor_reconstructs_to_machine_precision(n):
    a = hilbert(n)
    L = la.cholesky(a)
    assert np.linalg.norm(L @ L.T - a) / np.linalg.norm(a) < 10 * n * EPS[np.dtype(np.float64)]
    np.testing.assert_allclose(L, np.linalg.cholesky(a), atol=1e-6)


@pytest.mark.parametrize("scale", [2.0**-498, 2.0**498])
def test_scaling_by_1e150_scales_the_factor_exactly(scale):
    a = spd_matrix(RNG, 120)
    np.testing.assert_allclose(la.cholesky(scale * a), np.sqrt(scale) * la.cholesky(a), rtol=1e-14)


def test_only_the_named_triangle_is_read():
    a = spd_matrix(RNG, 50)
    lower_only = np.tril(a)
    np.testing.assert_allclose(la.cholesky(lower_only), la.cholesky(a), atol=1e-12)
    np.testing.assert_allclose(
        la.cholesky(np.triu(a), upper=True), la.cholesky(a, upper=True), atol=1e-12
    )


@pytest.mark.parametrize("n", [3, 150])
def test_indefinite_matrix_raises_not_positive_definite_naming_the_minor(n):
    a = spd_matrix(RNG, n)
    a[n - 1, n - 1] = -1e6
    with pytest.raises(NotPositiveDefiniteError, match=f"order {n}"):
        la.cholesky(a)
    with pytest.raises(LinAlgError):
        np.linalg.cholesky(a)


def test_non_square_is_refused_with_the_shape():
    with pytest.raises(LinAlgError, match=r"\(3, 4\)"):
        la.cholesky(np.ones((3, 4)))


def test_nan_gives_nan_like_numpy_and_never_hangs():
    a = np.eye(3)
    a[0, 0] = np.nan
    assert np.isnan(la.cholesky(a)).any()
    assert np.isnan(np.linalg.cholesky(a)).any()


def test_nan_in_the_unread_triangle_is_ignored_like_numpy():
    a = spd_matrix(RNG, 4)
    a[0, 3] = np.nan
    np.testing.assert_allclose(la.cholesky(a), np.linalg.cholesky(a))


def test_empty_matrices():
    assert la.cholesky(np.zeros((0, 0))).shape == (0, 0)
    assert la.cholesky(np.zeros((2, 0, 0))).shape == (2, 0, 0)


@pytest.mark.parametrize("lower", [False, True])
@pytest.mark.parametrize("dtype", [np.float64, np.complex128])
def test_cho_factor_and_cho_solve_match_scipy(lower, dtype):
    a = spd_matrix(RNG, 60, dtype)
    b = random_matrix(RNG, (60, 3), dtype)
    c, low = la.cho_factor(a, lower=lower)
    c_ref, low_ref = scipy.linalg.cho_factor(a, lower=lower)
    assert low == low_ref
    triangle = np.tril if lower else np.triu
    np.testing.assert_allclose(triangle(c), triangle(c_ref), atol=1e-11)
    np.testing.assert_allclose(
        la.cho_solve((c, low), b), scipy.linalg.cho_solve((c_ref, low), b), atol=1e-10
    )
    assert la.cho_solve((c, low), b[:, 0]).shape == (60,)


def test_cho_solve_checks_rows():
    with pytest.raises(ShapeError, match="rows"):
        la.cho_solve(la.cho_factor(np.eye(3)), np.ones(2))


@settings(max_examples=25, deadline=None)
@given(n=st.integers(0, 130), dtype=st.sampled_from(DTYPES), seed=st.integers(0, 2**32 - 1))
def test_factor_reconstructs_any_spd_matrix(n, dtype, seed):
    a = spd_matrix(np.random.default_rng(seed), n, dtype)
    L = la.cholesky(a)
    assert L.dtype == np.dtype(dtype)
    np.testing.assert_array_equal(np.triu(L, 1), 0)
    np.testing.assert_allclose(
        L @ L.conj().T, a, atol=200 * max(n, 1) * EPS[np.dtype(dtype)] * max(n, 1)
    )


@pytest.mark.parametrize("upper", [False, True])
@pytest.mark.parametrize("dtype", DTYPES)
def test_stack_of_small_matrices_matches_numpy(upper, dtype):
    a = np.stack([spd_matrix(RNG, 5, dtype) for _ in range(12)]).reshape(3, 4, 5, 5)
    ours, ref = la.cholesky(a, upper=upper), np.linalg.cholesky(a, upper=upper)
    assert ours.dtype == ref.dtype
    np.testing.assert_allclose(ours, ref, atol=1e3 * EPS[np.dtype(dtype)] * 10)


def test_stack_with_an_indefinite_matrix_names_it_and_nan_matrices_give_nan():
    a = np.stack([spd_matrix(RNG, 4) for _ in range(3)])
    with_nan = a.copy()
    with_nan[1, 2, 1] = np.nan
    L = la.cholesky(with_nan)
    assert np.isnan(L[1]).any() and np.isfinite(L[[0, 2]]).all()
    a[2, 3, 3] = -100.0
    with pytest.raises(NotPositiveDefiniteError, match="stack index 2.*order 4"):
        la.cholesky(a)
