"""randomized_svd: against sklearn.utils.extmath.randomized_svd (same seeds, same signs)."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.utils.extmath import randomized_svd as sklearn_randomized_svd

from mml.errors import DomainError, LinAlgError
from mml.linalg.randomized import randomized_range_finder, randomized_svd


def low_rank_plus_noise(rng, m, n, rank, noise=1e-3):
    return rng.standard_normal((m, rank)) @ rng.standard_normal(
        (rank, n)
    ) + noise * rng.standard_normal((m, n))


@pytest.mark.parametrize("normalizer", ["auto", "QR", "LU", "none"])
@pytest.mark.parametrize("shape", [(300, 120), (120, 300)])
def test_matches_scikit_learn(normalizer, shape):
    rng = np.random.default_rng(0)
    M = low_rank_plus_noise(rng, *shape, rank=12)
    ours = randomized_svd(M, 10, random_state=3, power_iteration_normalizer=normalizer)
    ref = sklearn_randomized_svd(M, 10, random_state=3, power_iteration_normalizer=normalizer)
    for x, y in zip(ours, ref):
        assert x.shape == y.shape
        assert np.allclose(x, y, atol=1e-9)


def test_recovers_exact_low_rank_and_reconstruction_error():
    rng = np.random.default_rng(1)
    M = rng.standard_normal((200, 8)) @ rng.standard_normal((8, 90))
    U, s, Vt = randomized_svd(M, 8, random_state=0)
    assert np.allclose(U * s @ Vt, M, atol=1e-10)
    assert np.allclose(s, np.linalg.svd(M, compute_uv=False)[:8])
    assert np.allclose(U.T @ U, np.eye(8)) and np.allclose(Vt @ Vt.T, np.eye(8))
    N = low_rank_plus_noise(rng, 200, 90, 20, noise=0.1)
    err = np.linalg.norm(N - (lambda u, s, v: u * s @ v)(*randomized_svd(N, 5, random_state=0)))
    ref = np.linalg.norm(
        N - (lambda u, s, v: u * s @ v)(*sklearn_randomized_svd(N, 5, random_state=0))
    )
    assert abs(err - ref) <= 1e-10 * ref


def test_random_state_kinds_and_options():
    rng = np.random.default_rng(2)
    M = low_rank_plus_noise(rng, 80, 60, 6)
    a = randomized_svd(M, 4, random_state=np.random.RandomState(5))
    b = randomized_svd(M, 4, random_state=5)
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    c = randomized_svd(M, 4, random_state=np.random.default_rng(5), n_iter=2, flip_sign=False)
    assert np.allclose(np.abs(c[1]), b[1], rtol=1e-6)
    d = randomized_svd(M, 4, random_state=0, transpose=True, n_oversamples=5)
    assert d[0].shape == (80, 4) and d[2].shape == (4, 60)
    Q = randomized_range_finder(M, size=6, n_iter=3, random_state=0)
    assert np.allclose(Q.T @ Q, np.eye(6))


def test_errors():
    M = np.ones((5, 4))
    with pytest.raises(DomainError, match="n_components"):
        randomized_svd(M, 0)
    with pytest.raises(DomainError, match="n_components"):
        randomized_svd(M, 5)
    with pytest.raises(LinAlgError, match="infs or NaNs"):
        randomized_svd(np.full((3, 3), np.nan), 1)
    with pytest.raises(LinAlgError, match="two-dimensional"):
        randomized_svd(np.ones(4), 1)
    with pytest.raises(ValueError, match="power_iteration_normalizer"):
        randomized_svd(M, 2, power_iteration_normalizer="cholesky")
    with pytest.raises(DomainError, match="random_state"):
        randomized_svd(M, 2, random_state="seed")


@pytest.mark.parametrize("shape", [(5000, 30), (100, 17), (7, 7), (30, 5)])
def test_lu_normaliser_matches_scipy_permuted_l(shape):
    import scipy.linalg

    from mml.linalg.randomized import _lu_normalise

    Y = np.random.default_rng(sum(shape)).standard_normal(shape)
    assert np.allclose(_lu_normalise(Y), scipy.linalg.lu(Y, permute_l=True)[0], atol=1e-13)


def test_complex_and_single_precision_input():
    rng = np.random.default_rng(3)
    left = rng.standard_normal((90, 6)) + 1j * rng.standard_normal((90, 6))
    C = left @ (rng.standard_normal((6, 50)) + 1j * rng.standard_normal((6, 50)))
    for X in (C, C.T):
        U, s, Vt = randomized_svd(X, 6, random_state=0)
        assert np.allclose((U * s) @ Vt, X, atol=1e-10)
        assert np.allclose(s, np.linalg.svd(X, compute_uv=False)[:6])
        pivots = U[np.argmax(np.abs(U), axis=0), np.arange(6)] if X is C else None
        if pivots is not None:  # the largest entry of each u is made real and positive
            assert np.allclose(pivots.imag, 0) and np.all(pivots.real > 0)
    M = rng.standard_normal((120, 40)).astype(np.float32)
    ours = randomized_svd(M, 5, random_state=1)
    ref = sklearn_randomized_svd(M, 5, random_state=1)
    assert all(x.dtype == np.float32 for x in ours)
    assert np.allclose(ours[1], ref[1], rtol=1e-4)
