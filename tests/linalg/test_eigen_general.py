"""eig / eigvals / schur / hessenberg: against numpy/scipy, and A V = V diag(w), A = Z T Z^H."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.linalg.eigen_cases import eps_of, norm2, random_matrix, set_distance, with_spectrum

import mml.linalg.schur_decomposition as sd
from mml.errors import ConvergenceError, LinAlgError, MMLError
from mml.linalg.eigen_general import eig, eigvals
from mml.linalg.hessenberg_reduction import hessenberg
from mml.linalg.real_schur_blocks import standardize_2x2
from mml.linalg.schur_decomposition import schur

DTYPES = [np.float32, np.float64, np.complex64, np.complex128]


def assert_eigenpairs(a, w, v, tol_factor=100.0, eps=2.2e-16):
    n = a.shape[-1]
    scale = max(norm2(a), np.finfo(float).tiny)
    assert norm2(a @ v - v * w) <= tol_factor * n * eps * scale
    assert np.allclose(np.linalg.norm(v, axis=0), 1, atol=tol_factor * n * eps)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n", [1, 2, 3, 10, 45])
def test_eig_matches_numpy_as_a_set(dtype, n):
    rng = np.random.default_rng(n)
    a = random_matrix(rng, (n, n), dtype)
    w, v = eig(a)
    wr = np.linalg.eigvals(a)
    assert w.dtype == wr.dtype and v.dtype == wr.dtype
    eps = eps_of(dtype)
    wide = a.astype(np.result_type(dtype, np.float64))
    # eigenvalue condition numbers of random matrices are modest; allow a factor sqrt(n)
    assert set_distance(w, np.linalg.eigvals(wide)) <= 200 * n * eps * norm2(wide)
    assert_eigenpairs(wide, w.astype(np.complex128), v.astype(np.complex128), eps=eps)
    assert set_distance(eigvals(a), w) <= 10 * n * eps * norm2(wide)


def test_real_input_gives_real_results_or_exact_conjugate_pairs():
    rng = np.random.default_rng(1)
    sym = random_matrix(rng, (20, 20))
    w, v = eig(sym + sym.T)
    assert w.dtype == np.float64 and v.dtype == np.float64
    a = random_matrix(rng, (21, 21))
    w, v = eig(a)
    assert w.dtype == np.complex128
    complex_ = w[w.imag != 0]
    assert set_distance(complex_, complex_.conj()) == 0.0  # exact pairs
    for value in complex_:
        partner = np.flatnonzero(w == value.conjugate())
        assert partner.size and np.array_equal(v[:, partner[0]], v[:, w == value][:, 0].conj())


def test_rotation_and_triangular_and_zero():
    w, v = eig(np.array([[0.0, -1.0], [1.0, 0.0]]))
    assert set_distance(w, np.array([1j, -1j])) < 1e-15
    rng = np.random.default_rng(2)
    t = np.triu(random_matrix(rng, (8, 8)))
    w, v = eig(t)
    assert set_distance(w, np.diag(t)) < 1e-14
    assert_eigenpairs(t, w, v)
    w, v = eig(np.zeros((3, 3)))
    assert np.array_equal(w, np.zeros(3)) and np.array_equal(v, np.eye(3))


@pytest.mark.parametrize("size", [2, 4, 8])
def test_defective_jordan_block(size):
    a = 2.0 * np.eye(size) + np.diag(np.ones(size - 1), 1)
    w, v = eig(a)
    assert np.allclose(w, 2.0)
    assert norm2(a @ v - v * w) <= 1e-14
    rng = np.random.default_rng(size)
    q = np.linalg.qr(random_matrix(rng, (size, size)))[0]
    b = q @ a @ q.T  # perturbation theory: eigenvalues move by eps^(1/size)
    w = eigvals(b)
    assert set_distance(w, np.full(size, 2.0)) <= 10 * (2.2e-16) ** (1 / size)


def test_repeated_and_spread_eigenvalues():
    rng = np.random.default_rng(3)
    a = with_spectrum(rng, np.repeat([1.0, -3.0, 5.0], [5, 4, 6]))
    w, v = eig(a)
    assert set_distance(w, np.repeat([1.0, -3.0, 5.0], [5, 4, 6])) < 1e-12
    assert_eigenpairs(a, w, v)
    scaled = (10.0 ** np.linspace(-150, 150, 9))[:, None] * random_matrix(rng, (9, 9))
    w, v = eig(scaled)
    assert np.all(np.isfinite(w)) and norm2(scaled @ v - v * w) <= 1e-12 * norm2(scaled)


@pytest.mark.parametrize("shape", [(4, 5, 5), (2, 3, 1, 1), (0, 3, 3), (3, 0, 0), (0, 0)])
def test_stacked_and_empty(shape):
    rng = np.random.default_rng(4)
    a = random_matrix(rng, shape)
    w, v = eig(a)
    wr, vr = np.linalg.eig(a)
    assert w.shape == wr.shape and v.shape == vr.shape
    if a.size:
        assert np.allclose(a @ v, v * w[..., None, :], atol=1e-12)
        for k in np.ndindex(shape[:-2]):
            assert set_distance(w[k], wr[k]) < 1e-12
    assert eigvals(a).shape == wr.shape


def test_errors():
    with pytest.raises(LinAlgError, match=r"square.*\(3, 2\)"):
        eig(np.ones((3, 2)))
    with pytest.raises(LinAlgError, match="infs or NaNs"):
        eig(np.array([[np.nan, 1.0], [0.0, 1.0]]))
    with pytest.raises(LinAlgError, match="infs or NaNs"):
        eigvals(np.array([[np.inf]]))
    with pytest.raises(LinAlgError, match="infs or NaNs"):
        schur(np.array([[np.nan, 1.0], [0.0, 1.0]]), check_finite=False)
    with pytest.raises(LinAlgError, match="infs or NaNs"):
        hessenberg(np.array([[np.nan, 1.0], [0.0, 1.0]]))
    with pytest.raises(ValueError, match="output"):
        schur(np.eye(2), output="upper")
    with pytest.raises(MMLError, match="sort"):
        schur(np.eye(2), sort="lhp")


def test_non_convergence_raises_convergence_error(monkeypatch):
    monkeypatch.setattr(sd, "MAX_ITERATIONS", 0)
    with pytest.raises(ConvergenceError, match="did not converge"):
        eig(np.random.default_rng(5).standard_normal((6, 6)))
    with pytest.raises(ConvergenceError):
        schur(np.random.default_rng(5).standard_normal((6, 6)) + 1j)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("output", ["real", "complex"])
def test_schur_invariants(dtype, output):
    rng = np.random.default_rng(6)
    a = random_matrix(rng, (25, 25), dtype)
    T, Z = schur(a, output=output)
    ref_T, _ = scipy.linalg.schur(a, output=output)
    assert T.dtype == ref_T.dtype and Z.dtype == ref_T.dtype
    eps = eps_of(dtype)
    wide = a.astype(np.result_type(dtype, np.float64))
    assert norm2(Z @ T @ Z.conj().T - wide) <= 100 * 25 * eps * norm2(wide)
    assert norm2(Z.conj().T @ Z - np.eye(25)) <= 100 * 25 * eps
    quasi = T.dtype.kind == "f"
    assert np.all(np.tril(T, -2 if quasi else -1) == 0)
    if quasi:  # 2 x 2 blocks standardised: equal diagonal, b c < 0, no two in a row
        sub = np.flatnonzero(np.diagonal(T, -1))
        assert np.all(np.diff(sub) > 1)
        for i in sub:
            assert T[i, i] == T[i + 1, i + 1] and T[i, i + 1] * T[i + 1, i] < 0
    assert set_distance(np.linalg.eigvals(T), np.linalg.eigvals(wide)) < 1e3 * eps * norm2(wide)


def test_hessenberg_of_huge_entries_and_nan_without_check():
    a = np.random.default_rng(12).standard_normal((6, 6)) * 1e200
    H, Q = hessenberg(a, calc_q=True)
    assert np.all(np.isfinite(H)) and norm2(Q @ H @ Q.T - a) <= 1e-13 * norm2(a)
    out = hessenberg(
        np.array([[np.nan, 1.0, 2.0], [1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), check_finite=False
    )
    assert np.isnan(out).any()


def test_hessenberg_invariants_and_scipy_agreement():
    rng = np.random.default_rng(7)
    for dtype in (np.float64, np.complex128, np.float32):
        a = random_matrix(rng, (30, 30), dtype)
        H, Q = hessenberg(a, calc_q=True)
        assert H.dtype == np.dtype(dtype) and Q.dtype == np.dtype(dtype)
        eps = eps_of(dtype)
        assert np.all(np.tril(H, -2) == 0)
        assert norm2(Q @ H @ Q.conj().T - a) <= 100 * 30 * eps * norm2(a)
        assert norm2(Q.conj().T @ Q - np.eye(30)) <= 100 * 30 * eps
        ref = scipy.linalg.hessenberg(a)
        assert np.allclose(np.abs(H), np.abs(ref), atol=1e3 * eps * norm2(a))
        assert np.array_equal(hessenberg(a), H)


def test_standardize_2x2_reconstructs_the_block():
    rng = np.random.default_rng(8)
    for _ in range(200):
        a, b, c, d = rng.standard_normal(4) * 10.0 ** rng.integers(-3, 4, 4)
        aa, bb, cc, dd, cs, sn = standardize_2x2(a, b, c, d)
        R = np.array([[cs, -sn], [sn, cs]])
        assert np.allclose(
            R @ [[aa, bb], [cc, dd]] @ R.T,
            [[a, b], [c, d]],
            atol=1e-12 * (abs(a) + abs(b) + abs(c) + abs(d)),
        )
        assert cc == 0 or (aa == dd and bb * cc < 0)


@settings(max_examples=20, deadline=None)
@given(
    n=st.integers(1, 25),
    dtype=st.sampled_from([np.float64, np.complex128]),
    seed=st.integers(0, 2**31),
    kind=st.sampled_from(["random", "integer", "sparse"]),
)
def test_hypothesis_eigenpairs(n, dtype, seed, kind):
    rng = np.random.default_rng(seed)
    a = random_matrix(rng, (n, n), dtype)
    if kind == "integer":
        a = np.round(3 * a.real).astype(dtype)
    elif kind == "sparse":
        a = a * (rng.random((n, n)) < 0.2)
    w, v = eig(a)
    # defective (integer, sparse) cases can have ill-conditioned eigenvectors: the residual
    # stays small regardless, which is what backward stability promises
    assert norm2(a @ v - v * w) <= 1e3 * n * 2.2e-16 * max(norm2(a), 1e-300)


@pytest.mark.parametrize("criterion", ["lhp", "rhp", "iuc", "ouc", lambda w: w.imag > 1e-12])
@pytest.mark.parametrize("dtype", [np.float64, np.complex128])
def test_schur_sort_puts_the_selected_eigenvalues_first(criterion, dtype):
    rng = np.random.default_rng(10)
    a = random_matrix(rng, (12, 12), dtype)
    T, Z, sdim = schur(a, output="complex", sort=criterion)
    assert norm2(Z @ T @ Z.conj().T - a) <= 1e-13 * norm2(a)
    assert norm2(Z.conj().T @ Z - np.eye(12)) <= 1e-13 and np.all(np.tril(T, -1) == 0)
    w = np.diagonal(T)
    test = (
        criterion
        if callable(criterion)
        else {
            "lhp": lambda x: x.real < 0,
            "rhp": lambda x: x.real >= 0,
            "iuc": lambda x: abs(x) <= 1,
            "ouc": lambda x: abs(x) > 1,
        }[criterion]
    )
    chosen = np.array([bool(test(x)) for x in w])
    assert chosen[:sdim].all() and not chosen[sdim:].any()
    assert set_distance(w, np.linalg.eigvals(a)) < 1e-12 * norm2(a)
    _, _, ref_sdim = scipy.linalg.schur(a, output="complex", sort=criterion)
    if not callable(criterion):
        assert sdim == ref_sdim


def test_schur_sort_needs_complex_output_for_real_input():
    with pytest.raises(MMLError, match="output='complex'"):
        schur(np.eye(3), sort="lhp")
    with pytest.raises(ValueError, match="sort must be"):
        schur(np.eye(3), output="complex", sort="upper")
    T, Z, sdim = schur(np.zeros((0, 0)), output="complex", sort="lhp")
    assert T.shape == (0, 0) and sdim == 0


def test_rounding_noise_blocks_deflate_instead_of_stalling():
    # the ones matrix reduces to a Hessenberg form whose trailing block is graded noise
    # (down to 1e-230): its shifts would underflow without the eps^2 ||H|| deflation
    a = np.ones((29, 29))
    w, v = eig(a)
    assert set_distance(w, np.r_[29.0, np.zeros(28)]) < 1e-12
    assert norm2(a @ v - v * w) < 1e-12
    assert set_distance(eigvals(np.ones((40, 40)) + 1j), np.r_[40 + 40j, np.zeros(39)]) < 1e-11


@pytest.mark.parametrize("scale", [1e-250, 1e250])
def test_schur_and_eig_of_hugely_scaled_complex_matrices(scale):
    rng = np.random.default_rng(11)
    a = np.triu(random_matrix(rng, (20, 20), np.complex128), -1) * scale
    T, Z = schur(a)
    assert np.all(np.isfinite(T)) and norm2(Z @ T @ Z.conj().T - a) <= 1e-13 * norm2(a)
    w, v = eig(a)
    assert norm2(a @ v - v * w) <= 1e-13 * norm2(a)


def test_eig_of_fortran_ordered_and_strided_views():
    rng = np.random.default_rng(14)
    a = random_matrix(rng, (15, 15))
    for view in (np.asfortranarray(a), np.kron(a, np.ones((3, 2)))[::3, ::2]):
        w, v = eig(view)
        assert set_distance(w, np.linalg.eigvals(a)) < 1e-12
        assert norm2(a @ v - v * w) < 1e-12
        T, Z = schur(view)
        assert norm2(Z @ T @ Z.T - a) < 1e-12
