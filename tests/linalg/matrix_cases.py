"""Input classes shared by LA-API's linalg tests: random, ill-conditioned, scaled, complex."""

from __future__ import annotations

import numpy as np

EPS = {
    np.dtype(np.float32): np.finfo(np.float32).eps,
    np.dtype(np.float64): np.finfo(np.float64).eps,
    np.dtype(np.complex64): np.finfo(np.float32).eps,
    np.dtype(np.complex128): np.finfo(np.float64).eps,
}

DTYPES = [np.float32, np.float64, np.complex64, np.complex128]


def random_matrix(rng: np.random.Generator, shape: tuple[int, ...], dtype=np.float64) -> np.ndarray:
    a = rng.standard_normal(shape)
    if np.dtype(dtype).kind == "c":
        a = a + 1j * rng.standard_normal(shape)
    return a.astype(dtype)


def hilbert(n: int) -> np.ndarray:
    i = np.arange(n)
    return 1.0 / (i[:, None] + i[None, :] + 1.0)


def spd_matrix(rng: np.random.Generator, n: int, dtype=np.float64) -> np.ndarray:
    a = random_matrix(rng, (n, n), dtype)
    return (a @ a.conj().T + n * np.eye(n)).astype(dtype)


def row_scaled(rng: np.random.Generator, n: int) -> np.ndarray:
    """A well-conditioned matrix whose rows are scaled by 1e-150 .. 1e150."""
    scales = 10.0 ** np.linspace(-150, 150, n)
    return scales[:, None] * random_matrix(rng, (n, n))


def relative_error(x: np.ndarray, reference: np.ndarray) -> float:
    denominator = max(np.linalg.norm(reference), np.finfo(np.float64).tiny)
    return float(np.linalg.norm(x - reference) / denominator)
