"""Orthogonality, orthonormal bases, Gram–Schmidt and the orthogonal complement (book §3.4–3.6,
§3.8.3), numerically.

Bases are given as the columns of an (n, k) matrix. ``orthonormal_basis`` and
``orthogonal_complement`` use the SVD (``mml.linalg.svd``), which reveals the rank reliably:
singular values below ``max(n, k)·eps·σ₁`` count as zero, the usual rank cut-off of ``orth`` and
``null_space``. ``gram_schmidt`` orthogonalises each column twice against the earlier ones
("twice is enough"), so its columns are orthonormal to working precision.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.errors import DomainError
from mml.geometry._validation import as_basis, as_square, as_vectors, check_same_length
from mml.geometry.inner_products import as_inner_product_matrix

__all__ = [
    "is_orthogonal",
    "is_orthonormal",
    "is_orthogonal_matrix",
    "orthonormal_basis",
    "orthogonal_complement",
    "gram_schmidt",
]


def is_orthogonal(x: Any, y: Any, A: Any = None, atol: float = 1e-10) -> bool:
    """Whether ``⟨x, y⟩ = 0``, relative to the lengths: ``|⟨x, y⟩| ≤ atol·‖x‖·‖y‖`` (§3.4).

    The same pair can be orthogonal under one inner product and not under another:

    >>> is_orthogonal([1, 1], [-1, 1]), is_orthogonal([1, 1], [-1, 1], A=[[2, 0], [0, 1]])
    (True, False)
    """
    u, v = as_vectors(x, "x"), as_vectors(y, "y")
    check_same_length(u, v)
    if u.ndim != 1 or v.ndim != 1:
        raise DomainError("is_orthogonal compares two single vectors of shape (n,)")
    matrix = as_inner_product_matrix(A, u.shape[-1])
    w = v if matrix is None else matrix @ v
    inner = float(u @ w)
    scale = np.sqrt(abs(float(u @ (u if matrix is None else matrix @ u))) * abs(float(v @ w)))
    return bool(abs(inner) <= atol * scale)


def is_orthonormal(B: Any, A: Any = None, atol: float = 1e-10) -> bool:
    """Whether the columns of ``B`` are orthonormal: ``BᵀAB = I`` (``BᵀB = I`` for ``A = None``).

    >>> is_orthonormal([[1, 0], [0, 1], [0, 0]])
    True
    """
    basis = as_basis(B)
    matrix = as_inner_product_matrix(A, basis.shape[0])
    gram = basis.T @ (basis if matrix is None else matrix @ basis)
    return bool(np.allclose(gram, np.eye(basis.shape[1]), rtol=0, atol=atol))


def is_orthogonal_matrix(Q: Any, atol: float = 1e-10) -> bool:
    """Whether ``Q`` is square with ``QᵀQ = I`` (§3.4: orthogonal matrices keep lengths and angles).

    >>> c, s = np.cos(0.3), np.sin(0.3)
    >>> is_orthogonal_matrix([[c, -s], [s, c]]), is_orthogonal_matrix([[1, 1], [0, 1]])
    (True, False)
    """
    matrix = as_square(Q, name="Q")
    return bool(np.allclose(matrix.T @ matrix, np.eye(matrix.shape[0]), rtol=0, atol=atol))


def _svd_rank(B: np.ndarray, rcond: float | None) -> tuple[np.ndarray, int]:
    from mml.linalg import svd

    n, k = B.shape
    U, s, _ = svd(B, full_matrices=True)
    if rcond is None:
        rcond = np.finfo(float).eps * max(n, k)
    rank = int(np.sum(s > rcond * s[0])) if s.size and s[0] > 0 else 0
    return U, rank


def orthonormal_basis(B: Any, rcond: float | None = None) -> np.ndarray:
    """An orthonormal basis of the span of the columns of ``B`` (§3.5), shape (n, r).

    Parameters
    ----------
    B : array_like, shape (n, k)
    rcond : float, optional
        Singular values below ``rcond·σ₁`` count as zero (default ``max(n, k)·eps``).

    Returns
    -------
    ndarray, shape (n, r)
        r = rank of ``B``; the left singular vectors of the nonzero singular values.

    Examples
    --------
    >>> orthonormal_basis([[1, 2], [1, 2], [0, 0]]).shape
    (3, 1)
    """
    basis = as_basis(B)
    if basis.shape[1] == 0:
        return np.zeros((basis.shape[0], 0))
    U, rank = _svd_rank(basis, rcond)
    return U[:, :rank]


def orthogonal_complement(B: Any, rcond: float | None = None) -> np.ndarray:
    """An orthonormal basis of ``U^⊥ = {x : Bᵀx = 0}`` for ``U`` = span of the columns of ``B``
    (book §3.6), shape (n, n − r).

    Examples
    --------
    >>> normal = orthogonal_complement([[1, 0], [0, 1], [0, 0]])   # the xy-plane in ℝ³
    >>> np.abs(normal).ravel().tolist()
    [0.0, 0.0, 1.0]
    """
    basis = as_basis(B)
    n = basis.shape[0]
    if basis.shape[1] == 0:
        return np.eye(n)
    U, rank = _svd_rank(basis, rcond)
    return U[:, rank:]


def gram_schmidt(B: Any, A: Any = None, tol: float = 1e-10) -> np.ndarray:
    """Orthonormalise the columns of ``B`` by Gram–Schmidt (book §3.8.3), dropping dependent ones.

    ``u_k = b_k − Σ_j ⟨b_k, q_j⟩ q_j`` (classical Gram–Schmidt, one matrix-vector product),
    done twice ("twice is enough" for orthogonality to working precision), then
    ``q_k = u_k / ‖u_k‖``. A column whose residual is below ``tol`` times its own length lies
    in the span of the earlier ones and is skipped.

    Parameters
    ----------
    B : array_like, shape (n, k)
    A : array_like, shape (n, n), optional
        Symmetric positive definite; orthonormal under ``⟨x, y⟩ = xᵀAy``.
    tol : float

    Returns
    -------
    ndarray, shape (n, r)
        Orthonormal columns (``QᵀAQ = I``) with the same span as ``B``; the same as the Q of a
        QR decomposition up to the signs of the columns.

    Examples
    --------
    >>> Q = gram_schmidt([[1, 1], [1, 0], [0, 1]])
    >>> np.allclose(Q.T @ Q, np.eye(2))
    True
    """
    basis = as_basis(B)
    matrix = as_inner_product_matrix(A, basis.shape[0])
    n, k = basis.shape
    Q = np.zeros((n, k))
    AQ = np.zeros((n, k))  # A·Q, so that Qᵀ A u is one matrix-vector product
    r = 0
    for j in range(k):
        b = basis[:, j]
        Ab = b if matrix is None else matrix @ b
        size = np.sqrt(max(float(b @ Ab), 0.0))
        if size == 0:
            continue
        u = b / size  # work at unit scale: no overflow, and a relative tolerance
        for _ in range(2):  # classical Gram–Schmidt, twice: orthogonal to working precision
            u = u - Q[:, :r] @ (AQ[:, :r].T @ u)
        Au = u if matrix is None else matrix @ u
        residual = np.sqrt(max(float(u @ Au), 0.0))
        if residual <= tol:
            continue
        Q[:, r], AQ[:, r] = u / residual, Au / residual
        r += 1
    return Q[:, :r].copy()
