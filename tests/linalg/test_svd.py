"""svd / svdvals: against numpy.linalg, and U diag(s) V^H = A with orthonormal U, V."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.linalg.eigen_cases import eps_of, hilbert, norm2, random_matrix

from mml.errors import LinAlgError
from mml.linalg.bidiagonal_reduction import bidiagonalize, bidiagonalize_unblocked
from mml.linalg.svd import svd, svd_reference, svdvals

DTYPES = [np.float32, np.float64, np.complex64, np.complex128]


def assert_svd(a, U, s, Vh, full, tol_factor=50.0, eps=None):
    m, n = a.shape
    k = min(m, n)
    eps = eps_of(U.dtype) if eps is None else eps
    scale = max(norm2(a), np.finfo(float).tiny)
    assert U.shape == ((m, m) if full else (m, k)) and Vh.shape == ((n, n) if full else (k, n))
    assert np.all(np.diff(s) <= 0) and np.all(s >= 0)
    assert norm2((U[:, :k] * s) @ Vh[:k] - a) <= tol_factor * max(m, n) * eps * scale
    assert norm2(U.conj().T @ U - np.eye(U.shape[1])) <= tol_factor * max(m, n) * eps
    assert norm2(Vh @ Vh.conj().T - np.eye(Vh.shape[0])) <= tol_factor * max(m, n) * eps


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(1, 1), (3, 2), (2, 3), (7, 7), (40, 25), (25, 40), (90, 90)])
@pytest.mark.parametrize("full", [True, False])
def test_svd_matches_numpy_and_invariants(dtype, shape, full):
    rng = np.random.default_rng(sum(shape))
    a = random_matrix(rng, shape, dtype)
    U, s, Vh = svd(a, full_matrices=full)
    assert U.dtype == np.dtype(dtype) and s.dtype == np.finfo(dtype).dtype
    wide = a.astype(np.result_type(dtype, np.float64))
    reference = np.linalg.svd(wide, compute_uv=False)
    assert np.abs(s - reference).max() <= 20 * max(shape) * eps_of(dtype) * reference[0]
    assert_svd(wide, U.astype(wide.dtype), s, Vh.astype(wide.dtype), full, eps=eps_of(dtype))


def test_singular_vectors_agree_with_numpy_up_to_paired_signs():
    rng = np.random.default_rng(1)
    a = random_matrix(rng, (30, 20), np.complex128)
    U, s, Vh = svd(a, full_matrices=False)
    Ur, sr, Vhr = np.linalg.svd(a, full_matrices=False)
    phases = np.sum(Ur.conj() * U, axis=0)  # u_i = phase_i * ur_i
    assert np.allclose(np.abs(phases), 1, atol=1e-10)
    assert np.allclose(U, Ur * phases, atol=1e-10)
    assert np.allclose(Vh, Vhr * phases.conj()[:, None], atol=1e-10)


@pytest.mark.parametrize(
    "a",
    [
        np.zeros((4, 3)),
        np.ones((6, 6)),
        np.eye(5),
        np.diag([3.0, 0.0, 1.0, 0.0]),
        np.random.default_rng(2).standard_normal((30, 5))
        @ np.random.default_rng(3).standard_normal((5, 20)),
    ],
    ids=["zero", "ones", "identity", "diag-with-zeros", "rank-5"],
)
def test_rank_deficient_matrices(a):
    for matrix in (a, a.T):
        U, s, Vh = svd(matrix)
        assert_svd(matrix, U, s, Vh, True)
        assert np.allclose(s, np.linalg.svd(matrix, compute_uv=False), atol=1e-13 * max(1, s[0]))


def test_hilbert_and_ill_conditioned_singular_values():
    a = hilbert(10)
    U, s, Vh = svd(a)
    assert np.abs(s - np.linalg.svd(a, compute_uv=False)).max() <= 50 * 2.2e-16 * s[0]
    assert_svd(a, U, s, Vh, True, tol_factor=500)


def test_entries_spanning_1e150_scale():
    rng = np.random.default_rng(4)
    a = (10.0 ** np.linspace(-150, 150, 8))[:, None] * rng.standard_normal((8, 6))
    U, s, Vh = svd(a)
    reference = np.linalg.svd(a, compute_uv=False)
    assert np.abs(s - reference).max() <= 1e-14 * reference[0]
    assert_svd(a, U, s, Vh, True)


@pytest.mark.parametrize("shape", [(0, 3), (3, 0), (0, 0), (2, 0, 4), (0, 2, 2)])
def test_empty_shapes_match_numpy(shape):
    a = np.zeros(shape)
    for full in (True, False):
        ours = svd(a, full_matrices=full)
        ref = np.linalg.svd(a, full_matrices=full)
        assert [x.shape for x in ours] == [x.shape for x in ref]
    assert svdvals(a).shape == np.linalg.svd(a, compute_uv=False).shape


def test_stacked_and_hermitian_and_values_only():
    rng = np.random.default_rng(5)
    a = random_matrix(rng, (3, 2, 9, 6))
    U, s, Vh = svd(a, full_matrices=False)
    assert U.shape == (3, 2, 9, 6) and s.shape == (3, 2, 6) and Vh.shape == (3, 2, 6, 6)
    assert np.allclose((U * s[..., None, :]) @ Vh, a, atol=1e-12)
    assert np.allclose(svd(a, compute_uv=False), np.linalg.svd(a, compute_uv=False))
    h = random_matrix(rng, (12, 12), np.complex128)
    h = h + h.conj().T
    U, s, Vh = svd(h, hermitian=True)
    assert np.allclose(s, np.linalg.svd(h, compute_uv=False)) and np.allclose(U * s @ Vh, h)
    assert np.allclose(svd(h, compute_uv=False, hermitian=True), s)


def test_svdvals_and_reference_path():
    rng = np.random.default_rng(6)
    a = random_matrix(rng, (20, 12))
    assert np.allclose(svdvals(a), np.linalg.svd(a, compute_uv=False))
    U, s, Vh = svd_reference(a)
    assert np.allclose(s, svdvals(a)) and np.allclose(U * s @ Vh, a)
    d, f, _, _ = bidiagonalize(a)
    B = np.diag(np.abs(d)) + np.diag(np.abs(f), 1)
    assert np.allclose(np.linalg.svd(B, compute_uv=False), svdvals(a))


def test_errors():
    with pytest.raises(LinAlgError, match="infs or NaNs"):
        svd(np.array([[1.0, np.nan]]))
    with pytest.raises(LinAlgError, match="two-dimensional"):
        svdvals(np.ones(3))
    assert svd(np.array([[3, 4]])).S.dtype == np.float64


@settings(max_examples=25, deadline=None)
@given(
    m=st.integers(1, 30),
    n=st.integers(1, 30),
    rank=st.integers(0, 30),
    dtype=st.sampled_from([np.float64, np.complex128]),
    seed=st.integers(0, 2**31),
)
def test_hypothesis_shapes_and_ranks(m, n, rank, dtype, seed):
    rng = np.random.default_rng(seed)
    rank = min(rank, m, n)
    a = random_matrix(rng, (m, rank), dtype) @ random_matrix(rng, (rank, n), dtype)
    U, s, Vh = svd(a)
    assert_svd(a, U, s, Vh, True, tol_factor=100)


@pytest.mark.parametrize("full", [True, False])
def test_tall_matrices_go_through_qr_first_and_agree_with_direct_path(full, monkeypatch):
    import importlib

    svd_module = importlib.import_module("mml.linalg.svd")  # the name svd is the function

    rng = np.random.default_rng(7)
    a = random_matrix(rng, (120, 9), np.complex128)
    U, s, Vh = svd(a, full_matrices=full)
    assert_svd(a, U, s, Vh, full)
    monkeypatch.setattr(svd_module, "TALL_RATIO", 10**9)  # force the bidiagonal path
    U2, s2, Vh2 = svd(a, full_matrices=full)
    assert np.allclose(s, s2, atol=1e-13)
    assert np.allclose(np.abs(np.sum(U[:, :9].conj() * U2[:, :9], axis=0)), 1, atol=1e-10)
    assert np.allclose(svd(a, compute_uv=False), s, atol=1e-13)


def test_upper_hessenberg_with_small_singular_values_keeps_orthogonality():
    for seed in (22, 128, 199):
        rng = np.random.default_rng(seed)
        n = int(rng.integers(20, 40))
        a = np.triu(rng.standard_normal((n, n)), -1)
        U, s, Vh = svd(a)
        assert_svd(a, U, s, Vh, True, tol_factor=5)


@pytest.mark.parametrize("shape", [(100, 70), (70, 70), (200, 33), (65, 64)])
def test_blocked_bidiagonalisation_agrees_with_the_unblocked_one(shape):
    from mml.linalg.reflectors import apply_reflectors

    a = np.random.default_rng(shape[0]).standard_normal(shape)
    m, n = shape
    d, f, UL, UR = bidiagonalize(a, block=16)  # small blocks, so the blocked path runs
    d2, f2, _, _ = bidiagonalize_unblocked(a)
    assert np.allclose(np.abs(d), np.abs(d2), atol=1e-12)
    assert np.allclose(np.abs(f), np.abs(f2), atol=1e-12)
    B = np.zeros((m, n))
    B[:n] = np.diag(d) + np.diag(f, 1)
    QL = apply_reflectors(UL, np.eye(m), offset=0)
    QR = apply_reflectors(UR, np.eye(n), offset=1)
    assert np.allclose(QL @ B @ QR.T, a, atol=1e-13)


def test_fortran_ordered_and_strided_views():
    rng = np.random.default_rng(13)
    a = random_matrix(rng, (30, 20), np.complex128)
    for view in (np.asfortranarray(a), np.kron(a, np.ones((2, 3)))[::2, ::3], a.T.T):
        U, s, Vh = svd(view, full_matrices=False)
        assert np.allclose(s, np.linalg.svd(a, compute_uv=False))
        assert np.allclose((U * s) @ Vh, a)
