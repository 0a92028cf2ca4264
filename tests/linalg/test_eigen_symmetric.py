"""eigh / eigvalsh: against numpy.linalg and the invariants A V = V diag(w), V^H V = I."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.linalg.eigen_cases import eps_of, hermitian, hilbert, norm2, random_matrix, with_spectrum

import mml.linalg.eigen_symmetric as es
from mml.errors import LinAlgError
from mml.linalg.eigen_tridiagonal import (
    rank_one_eigh,
    tridiagonal_eigh,
    tridiagonal_eigh_jacobi,
)
from mml.linalg.jacobi_eigen import jacobi_eigh_batch

DTYPES = [np.float32, np.float64, np.complex64, np.complex128]


def assert_eigenpairs(a, w, v, tol_factor=50.0, eps=None):
    n = a.shape[-1]
    eps = eps_of(v.dtype) if eps is None else eps
    scale = max(norm2(a), np.finfo(float).tiny)
    assert np.all(np.diff(w) >= 0), "eigenvalues must ascend"
    residual = norm2(a @ v - v * w)
    assert residual <= tol_factor * n * eps * scale
    assert norm2(v.conj().T @ v - np.eye(n)) <= tol_factor * n * eps


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n", [1, 2, 5, 24, 25, 70, 130])
def test_eigh_matches_numpy_and_invariants(dtype, n):
    rng = np.random.default_rng(n)
    a = hermitian(rng, n, dtype)
    w, v = es.eigh(a)
    expected = np.linalg.eigvalsh(a.astype(np.result_type(dtype, np.float64)))
    eps = eps_of(dtype)
    assert w.dtype == np.finfo(dtype).dtype and v.dtype == np.dtype(dtype)
    assert np.abs(w - expected).max() <= 20 * n * eps * norm2(a)
    wide = a.astype(np.result_type(dtype, np.float64))
    assert_eigenpairs(wide, w.astype(float), v.astype(wide.dtype), 50, eps=eps)
    assert np.allclose(es.eigvalsh(a), w, atol=20 * n * eps * norm2(a))


def test_repeated_eigenvalues_keep_orthonormal_vectors():
    rng = np.random.default_rng(1)
    values = np.repeat([-2.0, 0.0, 1.0, 3.0], [20, 15, 25, 10])
    a = with_spectrum(rng, values)
    w, v = es.eigh(a)
    assert np.allclose(w, np.sort(values), atol=1e-12)
    assert_eigenpairs(a, w, v)


def test_identity_zero_and_diagonal():
    w, v = es.eigh(np.eye(40))
    assert np.array_equal(w, np.ones(40)) and np.allclose(v.T @ v, np.eye(40))
    w, v = es.eigh(np.zeros((30, 30)))
    assert np.array_equal(w, np.zeros(30)) and np.array_equal(v, np.eye(30))
    d = np.arange(50.0)[::-1]
    assert np.allclose(es.eigvalsh(np.diag(d)), np.sort(d))


def test_wilkinson_matrix_close_pairs():
    n = 41
    d = np.abs(np.arange(n) - n // 2).astype(float)
    a = np.diag(d) + np.diag(np.ones(n - 1), 1) + np.diag(np.ones(n - 1), -1)
    w, v = es.eigh(a)
    assert np.abs(w - np.linalg.eigvalsh(a)).max() < 1e-12
    assert_eigenpairs(a, w, v)


def test_hilbert_eigenvalues_absolute_accuracy():
    a = hilbert(10)
    w = es.eigvalsh(a)
    assert np.abs(w - np.linalg.eigvalsh(a)).max() <= 100 * np.finfo(float).eps * norm2(a)


def test_entries_spanning_1e150_scale():
    rng = np.random.default_rng(2)
    scales = 10.0 ** np.linspace(-150, 150, 12)
    a = hermitian(rng, 12) * np.sqrt(scales[:, None] * scales[None, :])
    w, v = es.eigh(a)
    assert np.all(np.isfinite(w)) and np.all(np.isfinite(v))
    assert norm2(a @ v - v * w) <= 1e-13 * norm2(a)
    assert norm2(v.T @ v - np.eye(12)) <= 1e-13
    top = np.linalg.eigvalsh(a)
    assert np.abs(w - top).max() <= 1e-13 * norm2(a)


@pytest.mark.parametrize("uplo", ["L", "U"])
def test_only_the_named_triangle_is_read(uplo):
    rng = np.random.default_rng(3)
    a = random_matrix(rng, (30, 30), np.complex128)  # not Hermitian: other triangle ignored
    w, v = es.eigh(a, UPLO=uplo)
    assert np.allclose(w, np.linalg.eigvalsh(a, UPLO=uplo), atol=1e-12)
    full = np.tril(a, -1) if uplo == "L" else np.triu(a, 1)
    full = full + full.conj().T + np.diag(a.diagonal().real)
    assert_eigenpairs(full, w, v)


@pytest.mark.parametrize("shape", [(3, 4, 6, 6), (2, 30, 30), (5, 1, 1)])
def test_stacked_input(shape):
    rng = np.random.default_rng(4)
    a = random_matrix(rng, shape)
    a = a + np.swapaxes(a, -1, -2)
    w, v = es.eigh(a)
    assert w.shape == shape[:-1] and v.shape == shape
    assert np.allclose(w, np.linalg.eigvalsh(a), atol=1e-12)
    assert np.allclose(a @ v, v * w[..., None, :], atol=1e-11)
    assert np.allclose(es.eigvalsh(a), w, atol=1e-12)


@pytest.mark.parametrize("shape", [(0, 0), (2, 0, 0), (0, 3, 3)])
def test_empty_input(shape):
    w, v = es.eigh(np.zeros(shape))
    ref_w, ref_v = np.linalg.eigh(np.zeros(shape))
    assert w.shape == ref_w.shape and v.shape == ref_v.shape
    assert es.eigvalsh(np.zeros(shape)).shape == ref_w.shape


def test_integer_input_promotes_to_float64_and_views_work():
    a = np.array([[2, 1], [1, 2]])
    w, v = es.eigh(a)
    assert w.dtype == np.float64 and np.allclose(w, [1, 3])
    rng = np.random.default_rng(5)
    big = hermitian(rng, 60)
    view = np.asfortranarray(big)[::1, ::1]
    strided = np.kron(big, np.ones((2, 2)))[::2, ::2]
    for x in (view, strided):
        assert np.allclose(es.eigvalsh(x), np.linalg.eigvalsh(big), atol=1e-12)


def test_errors_name_the_problem():
    with pytest.raises(LinAlgError, match=r"square.*\(2, 3\)"):
        es.eigh(np.ones((2, 3)))
    with pytest.raises(LinAlgError, match="infs or NaNs"):
        es.eigh(np.array([[1.0, np.nan], [np.nan, 1.0]]))
    with pytest.raises(LinAlgError, match="infs or NaNs"):
        es.eigvalsh(np.array([[np.inf, 0.0], [0.0, 1.0]]))
    with pytest.raises(LinAlgError, match="two-dimensional"):
        es.eigh(np.ones(3))
    with pytest.raises(ValueError, match="UPLO"):
        es.eigh(np.eye(2), UPLO="X")


def test_reference_paths_agree_with_the_fast_ones():
    rng = np.random.default_rng(6)
    for dtype in (np.float64, np.complex128):
        a = hermitian(rng, 70, dtype)
        d, e, _, _ = es.tridiagonalize(a)
        d_ref, e_ref = es.tridiagonalize_reference(a)
        assert np.allclose(d, d_ref, atol=1e-12) and np.allclose(np.abs(e), e_ref, atol=1e-12)
        w_ref, v_ref = es.eigh_reference(a)
        assert np.allclose(es.eigvalsh(a), w_ref, atol=1e-10)
        assert_eigenpairs(a, w_ref, v_ref, tol_factor=2000)


@pytest.mark.parametrize("n", [1, 2, 30, 200])
def test_tridiagonal_divide_and_conquer_matches_jacobi(n):
    rng = np.random.default_rng(n)
    d, e = rng.standard_normal(n), rng.standard_normal(n - 1)
    w, V = tridiagonal_eigh(d, e)
    w_ref, _ = tridiagonal_eigh_jacobi(d, e)
    T = np.diag(d) + np.diag(e, 1) + np.diag(e, -1)
    assert np.allclose(w, w_ref, atol=1e-11)
    assert norm2(T @ V - V * w) <= 1e-13 * max(norm2(T), 1)
    assert norm2(V.T @ V - np.eye(n)) <= 1e-13
    w_only, none = tridiagonal_eigh(d, e, vectors=False)
    assert none is None and np.allclose(w_only, w, atol=1e-12)


def test_rank_one_update_with_deflation():
    D = np.array([1.0, 1.0, 1.0 + 1e-17, 2.0, 3.0, 3.0])
    z = np.array([1.0, 0.0, 1.0, 1e-20, 1.0, 1.0])
    w, W = rank_one_eigh(D, z, 0.5)
    A = np.diag(D) + 0.5 * np.outer(z, z)
    assert np.allclose(w, np.linalg.eigvalsh(A), atol=1e-14)
    assert np.allclose(A @ W, W * w, atol=1e-14) and np.allclose(W.T @ W, np.eye(6), atol=1e-14)


def test_batched_jacobi_solves_each_matrix():
    rng = np.random.default_rng(7)
    a = random_matrix(rng, (6, 7, 7))
    a = a + a.transpose(0, 2, 1)
    w, V = jacobi_eigh_batch(a)
    assert np.allclose(np.sort(w, axis=1), np.linalg.eigvalsh(a), atol=1e-12)
    assert np.allclose(a @ V, V * w[:, None, :], atol=1e-12)


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(1, 40),
    dtype=st.sampled_from([np.float64, np.complex128, np.float32]),
    seed=st.integers(0, 2**31),
    scale=st.sampled_from([1e-8, 1.0, 1e8]),
)
def test_hypothesis_random_hermitian(n, dtype, seed, scale):
    rng = np.random.default_rng(seed)
    a = (hermitian(rng, n, np.result_type(dtype, np.float64)) * scale).astype(dtype)
    w, v = es.eigh(a)
    wide = a.astype(np.result_type(dtype, np.float64))
    assert_eigenpairs(wide, w.astype(float), v.astype(wide.dtype), 100, eps=eps_of(dtype))


def test_secular_problems_solved_in_one_batch_match_one_at_a_time():
    from mml.linalg.secular_equation import secular_roots

    rng = np.random.default_rng(9)
    problems = []
    for k in (2, 5, 17, 40):
        d = np.sort(rng.standard_normal(k)) + np.arange(k) * 1e-3
        z = rng.standard_normal(k)
        problems.append((d, z / np.linalg.norm(z), float(rng.uniform(0.1, 3.0))))
    together = secular_roots(problems)
    for (d, z, rho), (lam, U) in zip(problems, together):
        alone_lam, alone_U = secular_roots([(d, z, rho)])[0]
        A = np.diag(d) + rho * np.outer(z, z)
        assert np.allclose(lam, np.linalg.eigvalsh(A), atol=1e-14 * np.abs(A).max())
        assert np.allclose(lam, alone_lam, rtol=0, atol=1e-15 * np.abs(A).max())
        assert np.allclose(A @ U, U * lam, atol=1e-13) and np.allclose(
            U.T @ U, np.eye(len(d)), atol=1e-14
        )


def test_nan_in_the_unread_triangle_is_ignored():
    a = np.array([[2.0, np.nan], [1.0, 2.0]])
    assert np.allclose(es.eigvalsh(a, UPLO="L"), [1.0, 3.0])
    with pytest.raises(LinAlgError, match="infs or NaNs"):
        es.eigvalsh(a, UPLO="U")


@pytest.mark.parametrize("scale", [1e-310, 1e-200, 1e-160, 1.0, 1e160, 1e300])
@pytest.mark.parametrize("dtype", [np.float64, np.complex128])
def test_householder_vector_is_unit_and_reflects_at_any_scale(scale, dtype):
    from mml.linalg.reflectors import householder_vector

    x = (
        np.array([3.0, 4.0, 0.0, 1.0])
        + (1j * np.array([1.0, 0, 2.0, 0]) if dtype == np.complex128 else 0)
    ) * scale
    u, beta = householder_vector(x.astype(dtype))
    assert abs(np.linalg.norm(u) - 1) < 1e-15
    if scale < 1e-300:  # x itself is subnormal: only the unit length is meaningful
        return
    reflected = x - 2 * u * np.vdot(u, x)
    assert abs(abs(beta) - np.linalg.norm(x / scale) * scale) <= 1e-14 * abs(beta)
    assert np.abs(reflected[1:]).max() <= 1e-14 * abs(beta)


@pytest.mark.parametrize("n", [10, 40, 200])
def test_tridiagonal_lowest_returns_only_the_wanted_eigenpairs(n):
    rng = np.random.default_rng(n)
    d, e = rng.standard_normal(n), rng.standard_normal(n - 1)
    w_all, V_all = tridiagonal_eigh(d, e)
    w, V = tridiagonal_eigh(d, e, lowest=0.1)
    assert np.array_equal(w, w_all[w_all >= 0.1])
    T = np.diag(d) + np.diag(e, 1) + np.diag(e, -1)
    assert np.allclose(T @ V, V * w, atol=1e-12) and np.allclose(
        V.T @ V, np.eye(w.size), atol=1e-13
    )
