"""solve, inv, det, slogdet against numpy.linalg, with condition-scaled bounds and invariants."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.linalg.matrix_cases import (
    DTYPES,
    EPS,
    hilbert,
    random_matrix,
    relative_error,
    row_scaled,
)

import mml.linalg as la
from mml.errors import LinAlgError, ShapeError, SingularMatrixError

RNG = np.random.default_rng(11)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n", [1, 5, 64, 150])
def test_solve_matches_numpy(dtype, n):
    a = random_matrix(RNG, (n, n), dtype)
    b = random_matrix(RNG, (n, 2), dtype)
    x = la.solve(a, b)
    ref = np.linalg.solve(a, b)
    assert x.dtype == ref.dtype and x.shape == ref.shape
    bound = 100 * n * EPS[np.dtype(dtype)] * np.linalg.cond(a.astype(np.complex128))
    assert relative_error(x, ref) < bound


@pytest.mark.parametrize("n", [2, 6, 10])
def test_hilbert_solve_has_small_residual_and_condition_scaled_error(n):
    a = hilbert(n)
    x_true = np.ones(n)
    b = a @ x_true
    x = la.solve(a, b)
    eps = EPS[np.dtype(np.float64)]
    residual = np.linalg.norm(a @ x - b) / (np.linalg.norm(a) * np.linalg.norm(x))
    assert residual < 10 * n * eps
    assert relative_error(x, x_true) < 10 * n * eps * np.linalg.cond(a)


@pytest.mark.parametrize("n", [100, 200])
def test_blocked_solve_is_backward_stable_on_a_huge_condition_number(n):
    # Hilbert matrices this size have condition numbers far past 1/eps: only the residual
    # (backward error) is meaningful, and it must stay at the level of n * eps.
    a = hilbert(n)
    b = RNG.standard_normal(n)
    x = la.solve(a, b)
    backward = np.linalg.norm(a @ x - b) / (np.linalg.norm(a, 2) * np.linalg.norm(x))
    assert backward < n * EPS[np.dtype(np.float64)]


def test_rows_scaled_over_300_orders_of_magnitude():
    a = row_scaled(RNG, 10)
    x_true = RNG.standard_normal(10)
    x = la.solve(a, a @ x_true)
    assert relative_error(x, x_true) < 1e-10
    sign, logdet = la.slogdet(a)
    ref_sign, ref_logdet = np.linalg.slogdet(a)
    assert sign == ref_sign
    np.testing.assert_allclose(logdet, ref_logdet, rtol=1e-12)


@pytest.mark.parametrize("dtype", DTYPES)
def test_inv_times_a_is_identity(dtype):
    a = random_matrix(RNG, (3, 30, 30), dtype)
    ainv = la.inv(a)
    assert ainv.dtype == np.dtype(dtype)
    bound = 100 * 30 * EPS[np.dtype(dtype)] * np.linalg.cond(a.astype(np.complex128)).max()
    np.testing.assert_allclose(ainv @ a, np.broadcast_to(np.eye(30), a.shape), atol=bound)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(4, 4), (2, 3, 7, 7), (0, 0), (3, 0, 0), (0, 2, 2)])
def test_det_and_slogdet_match_numpy(dtype, shape):
    a = random_matrix(RNG, shape, dtype)
    d, ref = la.det(a), np.linalg.det(a)
    assert np.shape(d) == np.shape(ref) and np.asarray(d).dtype == np.asarray(ref).dtype
    np.testing.assert_allclose(d, ref, rtol=1e3 * EPS[np.dtype(dtype)])
    sign, logdet = la.slogdet(a)
    ref_sign, ref_logdet = np.linalg.slogdet(a)
    assert np.asarray(sign).dtype == np.asarray(ref_sign).dtype
    assert np.asarray(logdet).dtype == np.asarray(ref_logdet).dtype
    np.testing.assert_allclose(sign, ref_sign, rtol=1e3 * EPS[np.dtype(dtype)])
    np.testing.assert_allclose(logdet, ref_logdet, rtol=1e3 * EPS[np.dtype(dtype)], atol=1e-4)


def test_det_of_a_permutation_counts_row_swaps():
    p = np.eye(5)[[1, 0, 3, 4, 2]]  # one transposition and one 3-cycle: odd
    assert la.det(p) == -1.0


def test_singular_matrix_raises_singular_matrix_error():
    a = np.array([[1.0, 2.0], [2.0, 4.0]])
    with pytest.raises(SingularMatrixError, match="Singular matrix"):
        la.solve(a, np.ones(2))
    with pytest.raises(LinAlgError):
        la.inv(a)
    assert la.det(a) == 0.0
    sign, logdet = la.slogdet(a)
    assert sign == 0.0 and logdet == -np.inf


def test_non_square_raises_linalgerror_naming_the_shape():
    with pytest.raises(LinAlgError, match=r"square \(a has shape \(2, 3\)\)"):
        la.inv(np.ones((2, 3)))


def test_solve_checks_the_right_hand_side_rows():
    with pytest.raises(ShapeError, match="b has 3 rows"):
        la.solve(np.eye(2), np.ones(3))


def test_solve_broadcasts_stacks_as_numpy_does():
    a = random_matrix(RNG, (4, 1, 3, 3))
    b = random_matrix(RNG, (5, 3, 2))
    np.testing.assert_allclose(la.solve(a, b), np.linalg.solve(a, b), atol=1e-10)
    v = random_matrix(RNG, (3,))
    np.testing.assert_allclose(la.solve(a, v), np.linalg.solve(a, v), atol=1e-10)


def test_fortran_ordered_and_strided_views():
    base = random_matrix(RNG, (20, 40))
    a = np.asfortranarray(base[:, ::2])
    b = base[:, 1::7]
    np.testing.assert_allclose(la.solve(a, b), np.linalg.solve(a, b), atol=1e-10)


def test_nan_input_propagates_or_raises_but_never_hangs():
    a = np.eye(3)
    a[1, 1] = np.nan
    try:
        x = la.solve(a, np.ones(3))
    except LinAlgError:
        return
    assert np.isnan(x).any()


@pytest.mark.parametrize("bad", [np.inf, -np.inf, np.nan])
@pytest.mark.parametrize("n", [5, 100])
def test_non_finite_input_propagates_without_warnings_or_hangs(bad, n):
    a = random_matrix(np.random.default_rng(n), (n, n))
    a[2, 1] = bad
    results = [la.solve(a, np.ones(n)), la.inv(a), la.det(a), *la.slogdet(a), *la.qr(a)]
    results += list(la.lu(a, check_finite=False))
    assert any(not np.isfinite(np.asarray(r)).all() for r in results)


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(1, 25),
    batch=st.sampled_from([(), (2,), (2, 3)]),
    dtype=st.sampled_from(DTYPES),
    seed=st.integers(0, 2**32 - 1),
)
def test_solve_residual_is_small(n, batch, dtype, seed):
    rng = np.random.default_rng(seed)
    a = random_matrix(rng, batch + (n, n), dtype) + 3 * np.sqrt(n) * np.eye(n, dtype=dtype)
    b = random_matrix(rng, batch + (n, 1), dtype)
    x = la.solve(a, b)
    assert x.dtype == np.linalg.solve(a, b).dtype
    np.testing.assert_allclose(a @ x, b, atol=200 * n * EPS[np.dtype(dtype)] * 10)
