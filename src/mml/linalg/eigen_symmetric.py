"""Symmetric (Hermitian) eigenproblems: ``eigh`` and ``eigvalsh`` (MML book §4.2, §4.4).

The spectral theorem says a symmetric matrix is ``A = Q diag(w) Q^H`` with ``Q`` unitary
and ``w`` real. The route, as in LAPACK's ``syevd``:

1. *Householder tridiagonalisation* ``A = Q T Q^H``: for ``k = 0 .. n-3`` a reflector
   ``H = I - 2 u u^H`` zeroes column ``k`` below the subdiagonal, and the trailing block is
   updated as ``A <- A - u w^H - w u^H`` (``p = A u``, ``w = 2 p - 2 (u^H p) u``): one
   ``(m, 2) @ (2, m)`` product per step. A Hermitian ``T`` is made real by a diagonal
   unitary scaling of its off-diagonal phases.
2. *Divide and conquer* on the real tridiagonal ``T`` (:mod:`mml.linalg.eigen_tridiagonal`).
3. *Back-transformation* ``V = Q W``: the reflectors are applied in blocks of 32 in compact
   WY form ``I - Y S Y^H`` (three matrix products per block).

Real matrices of size up to 16 (and stacks of them) skip steps 1-3 and go straight to the
batched Jacobi method. :func:`eigh_reference` is the short unblocked path kept to check
the fast one: tridiagonalise, then Jacobi on the dense tridiagonal.

Non-finite input (NaN or inf) in the triangle that is read raises ``LinAlgError`` instead
of returning NaN (NumPy returns meaningless numbers there); the other triangle is ignored.

Examples
--------
>>> import numpy as np
>>> w, V = eigh(np.array([[2.0, 1.0], [1.0, 2.0]]))
>>> w
array([1., 3.])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.linalg._results import EighResult
from mml.linalg._validation import (
    as_stacked_matrix,
    check_finite,
    check_square,
    common_dtypes,
    map_matrices,
    real_dtype,
)
from mml.linalg.eigen_tridiagonal import (
    LEAF_SIZE,
    tridiagonal_eigh,
    tridiagonal_eigh_jacobi,
)
from mml.linalg.jacobi_eigen import jacobi_eigh_batch
from mml.linalg.reflectors import BLOCK, apply_reflectors, householder_vector

__all__ = [
    "eigh",
    "eigvalsh",
    "eigh_reference",
    "tridiagonalize",
    "tridiagonalize_reference",
]


def _real_off_diagonal(
    d: np.ndarray, off: np.ndarray, U: np.ndarray, complex_: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Scale by a diagonal unitary ``D`` so that the off-diagonal becomes real and >= 0."""
    n = d.shape[0]
    phases = np.ones(n, dtype=off.dtype if complex_ else np.float64)
    if not complex_:
        return d, off.real.copy(), U, phases
    magnitude = np.abs(off)
    unit = np.where(magnitude == 0, 1.0, np.exp(1j * np.angle(off)))  # off / |off|
    if n >= 2:
        phases[1:] = np.cumprod(unit)
    return d, magnitude, U, phases


def tridiagonalize(
    A: np.ndarray, block: int = BLOCK
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Householder reduction ``A = Q T Q^H`` of a Hermitian matrix (both triangles given).

    Blocked as LAPACK's ``sytrd``/``latrd``: inside a block of ``block`` columns the
    updates ``A <- A - V W^H - W V^H`` are kept pending (each new column and each product
    ``A u`` is corrected by small products with ``V`` and ``W``), then applied to the
    trailing matrix as one matrix product.

    Returns
    -------
    d : ndarray, shape (n,)
        The diagonal of the real tridiagonal ``T``.
    e : ndarray, shape (n - 1,)
        Its off-diagonal (real, any sign).
    U : ndarray, shape (n, n - 2)
        Unit reflector vectors ``u_k`` (zero above row ``k + 1``); ``Q = H_0 ... H_{n-3} D``.
    phases : ndarray, shape (n,)
        The diagonal ``D`` that turned the complex off-diagonal real (all ones if real).

    Examples
    --------
    >>> import numpy as np
    >>> d, e, U, phases = tridiagonalize(np.array([[4.0, 1, 2], [1, 2, 0], [2, 0, 3]]))
    >>> float(d[0]), round(abs(float(e[0])), 4)
    (4.0, 2.2361)
    """
    A = np.array(A, dtype=np.result_type(A.dtype, np.float64), order="C")
    n = A.shape[0]
    complex_ = np.iscomplexobj(A)
    if n <= 2 * block:  # small: the unblocked loop makes fewer NumPy calls
        d, off, U = _tridiagonalize_unblocked(A)
        return _real_off_diagonal(d, off, U, complex_)
    U = np.zeros((n, max(n - 2, 0)), dtype=A.dtype)
    off = np.zeros(max(n - 1, 0), dtype=A.dtype)
    d = np.zeros(n)
    steps = max(n - 2, 0)
    for k0 in range(0, steps, block):
        k1 = min(k0 + block, steps)
        V = U[:, k0:k1]
        W = np.zeros((n, k1 - k0), dtype=A.dtype)
        Vh, Wh = (V.conj(), W.conj()) if complex_ else (V, W)  # conjugates share memory if real
        for j, k in enumerate(range(k0, k1)):
            # column k of the updated matrix: A - V W^H - W V^H applied to it on the fly
            column = A[k:, k] - V[k:, :j] @ Wh[k, :j] - W[k:, :j] @ Vh[k, :j]
            d[k] = column[0].real
            u, beta = householder_vector(column[1:])
            off[k] = beta
            if u is None:
                continue
            V[k + 1 :, j] = u
            if complex_:
                Vh[k + 1 :, j] = u.conj()
            Vr, Wr = V[k + 1 :, :j], W[k + 1 :, :j]
            p = (
                A[k + 1 :, k + 1 :] @ u
                - Vr @ (Wh[k + 1 :, :j].T @ u)
                - Wr @ (Vh[k + 1 :, :j].T @ u)
            )
            w = 2.0 * p - (2.0 * np.vdot(u, p).real) * u
            W[k + 1 :, j] = w
            if complex_:
                Wh[k + 1 :, j] = w.conj()
        # the pending rank-2b update, as one product: A - [V W] [W V]^H
        left = np.hstack([V[k1:], W[k1:]])
        right = np.hstack([W[k1:], V[k1:]])
        A[k1:, k1:] -= left @ (right.conj().T if complex_ else right.T)
    if n >= 1:
        d[n - 1] = A[n - 1, n - 1].real
    if n >= 2:
        d[n - 2] = A[n - 2, n - 2].real
        off[n - 2] = A[n - 1, n - 2]
    return _real_off_diagonal(d, off, U, complex_)


def tridiagonalize_reference(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unblocked reduction, one rank-2 update per column; returns ``(d, |e|)`` only.

    Examples
    --------
    >>> import numpy as np
    >>> d, e = tridiagonalize_reference(np.array([[4.0, 1, 2], [1, 2, 0], [2, 0, 3]]))
    >>> float(d[0]), round(float(e[0]), 4)
    (4.0, 2.2361)
    """
    d, off, _ = _tridiagonalize_unblocked(A)
    return d, np.abs(off)


def _tridiagonalize_unblocked(A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(d, off, U)`` column by column (fewer NumPy calls than blocking for small ``n``)."""
    A = np.array(A, dtype=np.result_type(A.dtype, np.float64))
    n = A.shape[0]
    off = np.zeros(max(n - 1, 0), dtype=A.dtype)
    U = np.zeros((n, max(n - 2, 0)), dtype=A.dtype)
    for k in range(n - 2):
        u, off[k] = householder_vector(A[k + 1 :, k])
        if u is None:
            continue
        U[k + 1 :, k] = u
        trailing = A[k + 1 :, k + 1 :]
        p = trailing @ u
        w = 2.0 * p - (2.0 * np.vdot(u, p).real) * u
        trailing -= np.outer(u, w.conj()) + np.outer(w, u.conj())  # H A H = A - u w^H - w u^H
    if n >= 2:
        off[n - 2] = A[n - 1, n - 2]
    return np.diagonal(A).real.copy(), off, U


def _hermitian_from_triangle(a: np.ndarray, UPLO: str) -> np.ndarray:
    """Rebuild the full Hermitian matrix from the triangle NumPy reads (diagonal taken real)."""
    triangle = np.tril(a, -1) if UPLO == "L" else np.triu(a, 1)
    full = triangle + triangle.conj().T
    full[np.diag_indices_from(full)] = a.diagonal().real
    return full


def _eigh_kernel(a: np.ndarray, UPLO: str, vectors: bool) -> tuple[np.ndarray, np.ndarray | None]:
    """One Hermitian matrix in float64/complex128: ascending ``w`` and ``V`` (or None)."""
    A = _hermitian_from_triangle(a, UPLO)
    n = A.shape[0]
    scale = float(np.abs(A).max()) if n else 0.0
    if scale == 0.0:
        return np.zeros(n), (np.eye(n, dtype=A.dtype) if vectors else None)
    A = A / scale  # entries spanning 1e-150 .. 1e150 would overflow the squares otherwise
    if n <= LEAF_SIZE and not np.iscomplexobj(A):
        w, V = jacobi_eigh_batch(A[None])
        order = np.argsort(w[0], kind="stable")
        return w[0][order] * scale, (V[0][:, order] if vectors else None)
    d, e, U, phases = tridiagonalize(A)
    w, W = tridiagonal_eigh(d, e, vectors=vectors)
    if not vectors:
        return w * scale, None
    V = apply_reflectors(U, phases[:, None] * W)
    return w * scale, V


def eigh_reference(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unblocked reference path: tridiagonalise, Jacobi on the tridiagonal, reflect back.

    Examples
    --------
    >>> import numpy as np
    >>> w, V = eigh_reference(np.array([[2.0, 0.0], [0.0, 1.0]]))
    >>> w
    array([1., 2.])
    """
    A = np.asarray(a)
    d, e, U, phases = tridiagonalize(A)
    w, W = tridiagonal_eigh_jacobi(d, e)
    M = phases[:, None] * W
    for k in reversed(range(U.shape[1])):  # H_k M = M - 2 u (u^H M), one reflector at a time
        u = U[:, k : k + 1]
        M = M - 2.0 * u @ (u.conj().T @ M)
    return w, M


def _prepare(a: Any, UPLO: str) -> tuple[np.ndarray, np.dtype, np.dtype]:
    if UPLO not in ("L", "U"):
        raise ValueError(f"UPLO argument must be 'L' or 'U', got {UPLO!r}")
    A = check_square(as_stacked_matrix(a))
    if not np.isfinite(A).all():  # only the triangle that is read has to be finite
        check_finite(np.tril(A) if UPLO == "L" else np.triu(A))
    work, result = common_dtypes(A)
    return A.astype(work, copy=False), work, result


def _batched_small_real(A: np.ndarray, UPLO: str) -> tuple[np.ndarray, np.ndarray]:
    """A stack of small real symmetric matrices, all solved by one batched Jacobi."""
    n = A.shape[-1]
    flat = A.reshape(-1, n, n)
    lower = np.tril(flat, -1) if UPLO == "L" else np.triu(flat, 1)
    full = lower + lower.transpose(0, 2, 1)
    idx = np.arange(n)
    full[:, idx, idx] = flat[:, idx, idx]
    scale = np.abs(full).max(axis=(1, 2))
    scale = np.where(scale == 0, 1.0, scale)
    w, V = jacobi_eigh_batch(full / scale[:, None, None])
    order = np.argsort(w, axis=1, kind="stable")
    w = np.take_along_axis(w, order, axis=1) * scale[:, None]
    V = np.take_along_axis(V, order[:, None, :], axis=2)
    return w.reshape(A.shape[:-1]), V.reshape(A.shape)


def eigh(a: Any, UPLO: str = "L") -> EighResult:
    """Eigenvalues and eigenvectors of a real symmetric or complex Hermitian matrix.

    ``A = V diag(w) V^H`` with ``w`` real and ascending and ``V`` unitary (MML book §4.4,
    spectral theorem). Only the triangle named by ``UPLO`` is read, as in NumPy.

    Parameters
    ----------
    a : array_like, shape (..., M, M)
        Hermitian matrices (a stack along the leading dimensions is allowed).
    UPLO : {'L', 'U'}, optional
        Use the lower (default) or the upper triangle.

    Returns
    -------
    EighResult
        ``eigenvalues`` (..., M), ascending, real; ``eigenvectors`` (..., M, M), the
        normalised eigenvector of ``eigenvalues[..., i]`` in column ``i``.

    Raises
    ------
    LinAlgError
        If ``a`` is not square (the shape is named) or holds NaN/inf.
    ConvergenceError
        If an inner iteration fails to converge.
    ValueError
        If ``UPLO`` is not ``'L'`` or ``'U'``.

    Examples
    --------
    >>> import numpy as np
    >>> w, V = eigh(np.array([[1.0, -2j], [2j, 5.0]]))
    >>> np.round(w, 6)
    array([0.171573, 5.828427])
    >>> bool(np.allclose(V.conj().T @ V, np.eye(2)))
    True
    """
    A, work, result = _prepare(a, UPLO)
    rdtype = real_dtype(result)
    n = A.shape[-1]
    if A.ndim > 2 and 0 < n <= LEAF_SIZE and work.kind == "f" and A.size:
        w, V = _batched_small_real(A, UPLO)
        return EighResult(w.astype(rdtype), V.astype(result))

    def kernel(m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        w, V = _eigh_kernel(m, UPLO, vectors=True)
        return w, V

    w, V = map_matrices(kernel, A)
    return EighResult(w.astype(rdtype, copy=False), V.astype(result, copy=False))


def eigvalsh(a: Any, UPLO: str = "L") -> np.ndarray:
    """Eigenvalues of a real symmetric or complex Hermitian matrix, ascending.

    The same computation as :func:`eigh` without the eigenvectors (the divide-and-conquer
    merges then carry only two rows of each eigenvector matrix).

    Parameters
    ----------
    a : array_like, shape (..., M, M)
        Hermitian matrices.
    UPLO : {'L', 'U'}, optional
        Use the lower (default) or the upper triangle.

    Returns
    -------
    ndarray, shape (..., M)
        Real eigenvalues in ascending order (float32 for single-precision input).

    Raises
    ------
    LinAlgError
        If ``a`` is not square or holds NaN/inf.
    ValueError
        If ``UPLO`` is not ``'L'`` or ``'U'``.

    Examples
    --------
    >>> import numpy as np
    >>> eigvalsh(np.array([[2, 1], [1, 2]]))
    array([1., 3.])
    """
    A, work, result = _prepare(a, UPLO)
    rdtype = real_dtype(result)
    n = A.shape[-1]
    if A.ndim > 2 and 0 < n <= LEAF_SIZE and work.kind == "f" and A.size:
        return _batched_small_real(A, UPLO)[0].astype(rdtype)
    w = map_matrices(lambda m: _eigh_kernel(m, UPLO, vectors=False)[0], A)
    return np.asarray(w).astype(rdtype, copy=False)
