"""Stacks of small matrices are eliminated all at once; results equal numpy's, matrix by matrix."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.linalg.matrix_cases import DTYPES, EPS, random_matrix

import mml.linalg as la
from mml.errors import ShapeError, SingularMatrixError
from mml.linalg.lu_batched import eliminate_stack
from mml.linalg.lu_decomposition import lu_factor_unblocked

RNG = np.random.default_rng(31)


def test_stack_elimination_equals_one_matrix_at_a_time():
    stack = random_matrix(RNG, (20, 7, 7))
    G, piv, _ = eliminate_stack(stack, 7)
    for s in range(20):
        lu, p = lu_factor_unblocked(stack[s])
        np.testing.assert_array_equal(piv[s], p)
        np.testing.assert_allclose(G[s], lu, atol=1e-13)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("stack", [(50,), (4, 3), (1,), (0,)])
def test_stacked_solve_inv_det_slogdet_match_numpy(dtype, stack):
    a = random_matrix(RNG, stack + (6, 6), dtype) + 2 * np.eye(6, dtype=dtype)
    b = random_matrix(RNG, stack + (6, 2), dtype)
    tolerance = 1e3 * EPS[np.dtype(dtype)]
    for ours, ref in [
        (la.solve(a, b), np.linalg.solve(a, b)),
        (la.inv(a), np.linalg.inv(a)),
        (la.det(a), np.linalg.det(a)),
        *zip(la.slogdet(a), np.linalg.slogdet(a)),
    ]:
        assert ours.shape == ref.shape and ours.dtype == ref.dtype
        np.testing.assert_allclose(ours, ref, rtol=tolerance, atol=tolerance)


def test_vector_right_hand_side_broadcasts_over_the_stack():
    a = random_matrix(RNG, (5, 4, 4))
    v = random_matrix(RNG, (4,))
    np.testing.assert_allclose(la.solve(a, v), np.linalg.solve(a, v), atol=1e-12)


def test_a_singular_matrix_inside_a_stack_is_named_by_its_index():
    a = np.broadcast_to(np.eye(3), (2, 3, 3, 3)).copy()
    a[1, 2] = [[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [0.0, 0.0, 1.0]]
    with pytest.raises(SingularMatrixError, match=r"stack index \(1, 2\)"):
        la.inv(a)
    d = la.det(a)
    assert d[1, 2] == 0 and d[0, 0] == 1
    sign, logdet = la.slogdet(a)
    assert sign[1, 2] == 0 and logdet[1, 2] == -np.inf


def test_stacks_that_do_not_broadcast():
    with pytest.raises(ShapeError, match="do not broadcast"):
        la.solve(np.ones((2, 3, 3)), np.ones((4, 3, 1)))


@settings(max_examples=20, deadline=None)
@given(
    n=st.integers(1, 12),
    count=st.integers(0, 30),
    dtype=st.sampled_from(DTYPES),
    seed=st.integers(0, 2**32 - 1),
)
def test_stacked_solve_residual(n, count, dtype, seed):
    rng = np.random.default_rng(seed)
    a = random_matrix(rng, (count, n, n), dtype) + 3 * np.sqrt(n) * np.eye(n, dtype=dtype)
    b = random_matrix(rng, (count, n, 2), dtype)
    x = la.solve(a, b)
    np.testing.assert_allclose(a @ x, b, atol=2000 * n * EPS[np.dtype(dtype)])


@pytest.mark.parametrize("shape", [(7, 5, 5), (2, 3, 6, 4), (3, 4, 6), (0, 3, 3)])
def test_stacked_lu_factor_matches_scipy_matrix_by_matrix(shape):
    import scipy.linalg

    a = random_matrix(RNG, shape)
    lu, piv = la.lu_factor(a)
    assert lu.shape == a.shape and piv.shape == shape[:-2] + (min(shape[-2:]),)
    assert piv.dtype == np.int32
    for index in np.ndindex(*shape[:-2]):
        if shape[-1] == shape[-2]:
            lu_ref, piv_ref = scipy.linalg.lu_factor(a[index])
            np.testing.assert_allclose(lu[index], lu_ref, atol=1e-12)
            np.testing.assert_array_equal(piv[index], piv_ref)
        P, L, U = la.lu(a[index])
        k = min(shape[-2:])
        np.testing.assert_allclose(
            np.tril(lu[index][:, :k], -1) + np.eye(*lu[index][:, :k].shape), L, atol=1e-12
        )


def test_solves_with_stacked_factors_match_scipy_batching():
    import scipy.linalg

    a = random_matrix(RNG, (4, 5, 5)) + 3 * np.eye(5)
    b = random_matrix(RNG, (4, 5, 2))
    np.testing.assert_allclose(
        la.lu_solve(la.lu_factor(a), b), scipy.linalg.lu_solve(scipy.linalg.lu_factor(a), b)
    )
    spd = a @ np.swapaxes(a, -1, -2)
    for lower in (False, True):
        ours = la.cho_solve(la.cho_factor(spd, lower=lower), b)
        ref = scipy.linalg.cho_solve(scipy.linalg.cho_factor(spd, lower=lower), b)
        np.testing.assert_allclose(ours, ref, rtol=1e-10)
    upper = np.triu(a)
    np.testing.assert_allclose(
        la.solve_triangular(upper, b, trans="T"), scipy.linalg.solve_triangular(upper, b, trans="T")
    )
    assert la.solve_triangular(upper, b[0, :, 0]).shape == (4, 5)
