"""Helpers for LA-EIG's tests (eigenproblems, SVD, expm): inputs and set comparisons."""

from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment

EPS64 = float(np.finfo(np.float64).eps)
EPS32 = float(np.finfo(np.float32).eps)


def eps_of(dtype) -> float:
    return EPS32 if np.dtype(dtype) in (np.dtype(np.float32), np.dtype(np.complex64)) else EPS64


def random_matrix(rng, shape, dtype=np.float64) -> np.ndarray:
    a = rng.standard_normal(shape)
    if np.dtype(dtype).kind == "c":
        a = a + 1j * rng.standard_normal(shape)
    return a.astype(dtype)


def hermitian(rng, n, dtype=np.float64) -> np.ndarray:
    a = random_matrix(rng, (n, n), dtype)
    return ((a + np.conj(a).T) / 2).astype(dtype)


def hilbert(n: int) -> np.ndarray:
    i = np.arange(n)
    return 1.0 / (i[:, None] + i[None, :] + 1.0)


def with_spectrum(rng, values, dtype=np.float64) -> np.ndarray:
    """Q diag(values) Q^H for a random orthogonal/unitary Q."""
    n = len(values)
    q, _ = np.linalg.qr(random_matrix(rng, (n, n), np.result_type(dtype, np.float64)))
    return (q * np.asarray(values)) @ q.conj().T


def set_distance(w: np.ndarray, reference: np.ndarray) -> float:
    """Largest gap after pairing two multisets of (complex) numbers optimally."""
    if w.size == 0:
        return 0.0
    cost = np.abs(np.asarray(w)[:, None] - np.asarray(reference)[None, :])
    rows, cols = linear_sum_assignment(cost)
    return float(cost[rows, cols].max())


def norm2(a: np.ndarray) -> float:
    return float(np.linalg.norm(a, 2)) if a.size else 0.0
