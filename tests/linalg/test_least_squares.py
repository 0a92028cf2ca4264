"""lstsq, pinv and matrix_rank against numpy.linalg, on full-rank and rank-deficient input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.linalg.matrix_cases import DTYPES, EPS, hilbert, random_matrix

import mml.linalg as la
from mml.errors import LinAlgError

RNG = np.random.default_rng(17)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(8, 3), (3, 8), (5, 5), (0, 3), (3, 0)])
@pytest.mark.parametrize("vector", [True, False])
def test_lstsq_matches_numpy(dtype, shape, vector):
    a = random_matrix(RNG, shape, dtype)
    b = random_matrix(RNG, (shape[0],) if vector else (shape[0], 2), dtype)
    ours, ref = la.lstsq(a, b), np.linalg.lstsq(a, b)
    tolerance = 1e3 * EPS[np.dtype(dtype)]
    for x, y in zip(ours, ref):
        assert np.shape(x) == np.shape(y)
        assert np.asarray(x).dtype.kind == np.asarray(y).dtype.kind
        np.testing.assert_allclose(x, y, rtol=tolerance, atol=tolerance)


def test_rank_deficient_lstsq_gives_the_minimum_norm_solution():
    a = random_matrix(RNG, (10, 3)) @ random_matrix(RNG, (3, 6))
    b = random_matrix(RNG, (10,))
    x, residuals, rank, s = la.lstsq(a, b)
    assert rank == 3 and residuals.shape == (0,)
    np.testing.assert_allclose(x, np.linalg.pinv(a) @ b, atol=1e-10)
    # x is orthogonal to the null space of a: adding a null vector only makes it longer
    null_vector = np.linalg.svd(a)[2][-1]
    assert np.linalg.norm(x) < np.linalg.norm(x + 0.1 * null_vector)


def test_lstsq_rcond_truncates_small_singular_values():
    a = np.diag([1.0, 1e-8])
    x, _, rank, _ = la.lstsq(a, np.ones(2), rcond=1e-6)
    assert rank == 1
    np.testing.assert_allclose(x, [1.0, 0.0])


def test_lstsq_incompatible_rows():
    with pytest.raises(LinAlgError, match="Incompatible dimensions"):
        la.lstsq(np.ones((3, 2)), np.ones(4))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(4, 4), (6, 3), (2, 3, 5), (0, 3), (2, 0, 0)])
def test_pinv_matches_numpy_and_penrose_conditions(dtype, shape):
    a = random_matrix(RNG, shape, dtype)
    p = la.pinv(a)
    ref = np.linalg.pinv(a)
    assert p.shape == ref.shape and p.dtype == ref.dtype
    tolerance = 1e3 * EPS[np.dtype(dtype)]
    np.testing.assert_allclose(p, ref, atol=tolerance * 10)
    np.testing.assert_allclose(a @ p @ a, a, atol=tolerance * 10)


def test_pinv_rcond_and_rtol_are_exclusive():
    with pytest.raises(ValueError, match="can't be both set"):
        la.pinv(np.eye(2), rcond=1e-3, rtol=1e-3)
    np.testing.assert_allclose(la.pinv(np.diag([1.0, 1e-20]), rtol=None), np.diag([1.0, 0.0]))


@pytest.mark.parametrize("n", [4, 8, 10])
def test_matrix_rank_of_hilbert_matches_numpy(n):
    assert la.matrix_rank(hilbert(n)) == np.linalg.matrix_rank(hilbert(n))


def test_matrix_rank_of_vectors_scalars_and_stacks():
    assert la.matrix_rank(np.zeros(4)) == 0
    assert la.matrix_rank(np.array(2.0)) == 1
    stack = np.stack([np.eye(3), np.diag([1.0, 1.0, 0.0])])
    np.testing.assert_array_equal(la.matrix_rank(stack), [3, 2])
    assert la.matrix_rank(np.diag([1.0, 1e-3]), tol=1e-2) == 1
    assert la.matrix_rank(np.diag([1.0, 1e-3]), rtol=1e-2) == 1
    with pytest.raises(ValueError):
        la.matrix_rank(np.eye(2), tol=1.0, rtol=1.0)


@settings(max_examples=20, deadline=None)
@given(
    m=st.integers(1, 12),
    n=st.integers(1, 12),
    r=st.integers(0, 12),
    seed=st.integers(0, 2**32 - 1),
)
def test_rank_of_a_product_of_thin_factors(m, n, r, seed):
    rng = np.random.default_rng(seed)
    r = min(r, m, n)
    a = rng.standard_normal((m, r)) @ rng.standard_normal((r, n))
    assert la.matrix_rank(a) == r == np.linalg.matrix_rank(a)
