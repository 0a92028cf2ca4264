"""Singular value decomposition ``A = U diag(s) V^H``: ``svd`` and ``svdvals`` (MML book §4.5).

The route (for ``m >= 2 n`` the matrix is first factored ``A = Q R`` and the SVD of the
small ``R`` taken, as LAPACK does):

1. *Golub–Kahan bidiagonalisation* ``A = Q_L B Q_R^H``: Householder reflectors from the
   left zero column ``k`` below the diagonal, from the right zero row ``k`` past the
   superdiagonal. A complex ``B`` is made real by diagonal unitary scalings.
2. The singular values of the upper bidiagonal ``B`` (diagonal ``d``, superdiagonal ``f``)
   are the non-negative eigenvalues of the *Golub–Kahan tridiagonal* ``T_GK``: zero
   diagonal, off-diagonal ``(d_0, f_0, d_1, f_1, ..., d_{n-1})``. An eigenvector of
   ``sigma`` interleaves ``v`` and ``u``: ``(v_0, u_0, v_1, u_1, ...) / sqrt(2)``, with
   ``B v = sigma u`` and ``B^T u = sigma v``. ``T_GK`` is solved by divide and conquer
   (:mod:`mml.linalg.eigen_tridiagonal`), multiplying out only the non-negative half.
3. Singular values that are zero to working precision pair ``+sigma`` with ``-sigma``, so
   their ``u`` and ``v`` halves are not individually normalised; those columns are
   rebuilt as an orthonormal basis of the span the cluster's vectors offer. Small ones
   (below ``1e-3 sigma_max``) are re-orthogonalised against the larger ones.
4. ``U = Q_L D_L U_B`` and ``V = Q_R D_R V_B``, the reflectors applied in blocks.

Non-finite input (NaN or inf) raises ``LinAlgError``, as NumPy's ``linalg.svd`` does
("SVD did not converge").

Examples
--------
>>> import numpy as np
>>> svdvals(np.array([[3.0, 0.0], [4.0, 5.0]]))
array([6.70820393, 2.23606798])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.linalg._results import SVDResult
from mml.linalg._validation import (
    as_stacked_matrix,
    check_finite,
    common_dtypes,
    map_matrices,
    real_dtype,
)
from mml.linalg.bidiagonal_reduction import bidiagonalize
from mml.linalg.eigen_tridiagonal import tridiagonal_eigh
from mml.linalg.reflectors import apply_reflectors

__all__ = ["svd", "svdvals", "svd_reference"]

_EPS = float(np.finfo(np.float64).eps)
TALL_RATIO = 2  # m >= 2 n: factor A = Q R and take the SVD of R


def _phase(x: np.ndarray) -> np.ndarray:
    """``x / |x|`` (1 where ``x = 0``), by the angle: no overflow for subnormal ``x``."""
    if x.dtype.kind != "c":
        return np.where(x < 0, -1.0, 1.0)
    return np.where(x == 0, 1.0, np.exp(1j * np.angle(x)))


def _real_bidiagonal(d: np.ndarray, f: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Diagonal unitaries with ``B = D_L B_r D_R^H`` and ``B_r`` real, entries >= 0."""
    n = d.shape[0]
    pd, pf = _phase(d), _phase(f)
    right = np.ones(n, dtype=np.result_type(d.dtype, np.float64))
    if n > 1:
        right[1:] = np.cumprod(np.conj(pf) * pd[:-1])  # dR_{i+1} = conj(p(f_i)) p(d_i) dR_i
    left = pd * right
    return left, right


def _orthonormal_completion(good: np.ndarray, candidates: np.ndarray, count: int) -> np.ndarray:
    """``count`` orthonormal columns orthogonal to ``good``, taken from ``candidates`` first.

    Gram–Schmidt with pivoting by remaining norm (twice, for orthogonality); the identity's
    columns fill in if the candidates run out.
    """
    size = good.shape[0]
    pool = np.hstack([candidates, np.eye(size, dtype=good.dtype)])
    chosen: list[np.ndarray] = []
    basis = good
    for _ in range(2):
        pool = pool - basis @ (basis.conj().T @ pool)
    for _ in range(count):
        norms = np.sqrt((np.abs(pool) ** 2).sum(axis=0))
        best = int(np.argmax(norms))
        q = pool[:, best] / norms[best]
        for _ in range(2):  # re-orthogonalise against everything chosen so far
            q = q - basis @ (basis.conj().T @ q)
            if chosen:
                extra = np.column_stack(chosen)
                q = q - extra @ (extra.conj().T @ q)
            q = q / np.sqrt(float(np.vdot(q, q).real))
        chosen.append(q)
        pool = pool - np.outer(q, q.conj() @ pool)
    return np.column_stack(chosen) if chosen else np.zeros((size, 0), dtype=good.dtype)


def _bidiagonal_svd(
    d: np.ndarray, f: np.ndarray, vectors: bool
) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
    """SVD of the real upper bidiagonal ``(d, f)``: ``s`` descending, ``U_B``, ``V_B``."""
    n = d.shape[0]
    off = np.zeros(max(2 * n - 1, 0))
    off[0::2] = d
    off[1::2] = f
    # sigma_max <= 2 max|entry|: keep every eigenpair above -(the cluster threshold below)
    bound = 8 * n * _EPS * float(np.abs(off).max()) if n > 1 else 0.0
    w, Y = tridiagonal_eigh(np.zeros(2 * n), off, vectors=vectors, lowest=-bound)
    s = np.maximum(w[-n:][::-1], 0.0)
    if not vectors:
        return s, None, None
    top = Y[:, -n:][:, ::-1]
    V = top[0::2] * np.sqrt(2.0)
    U = top[1::2] * np.sqrt(2.0)
    scale = float(np.abs(w).max()) if n else 0.0
    U, V = _normalise(U), _normalise(V)
    # Small singular values have close neighbours in T_GK (their own -sigma among them), so
    # their halves lose orthogonality: re-orthogonalise them in order against the larger
    # ones (the change is along vectors of similarly small sigma, so A v = sigma u holds).
    tiny = s <= 4 * n * _EPS * scale
    small = (s <= 1e-3 * scale) & ~tiny
    for j in np.flatnonzero(small):
        V[:, j] = _orthogonalise(V[:, :j], V[:, j])
        U[:, j] = _orthogonalise(U[:, :j], U[:, j])
    if tiny.any():
        # zero to working precision: +-sigma pairs mix freely, so take an orthonormal basis
        # of what every near-zero eigenvector's halves span
        keep = ~tiny
        cluster = Y[:, np.abs(w) <= 4 * n * _EPS * scale]
        count = int(tiny.sum())
        V[:, tiny] = _orthonormal_completion(V[:, keep], cluster[0::2], count)
        U[:, tiny] = _orthonormal_completion(U[:, keep], cluster[1::2], count)
    return s, U, V


def _orthogonalise(Q: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Classical Gram–Schmidt, twice (enough for orthogonality to working precision)."""
    for _ in range(2):
        x = x - Q @ (Q.conj().T @ x)
    return x / np.sqrt(float(np.vdot(x, x).real))


def _normalise(X: np.ndarray) -> np.ndarray:
    norms = np.sqrt((np.abs(X) ** 2).sum(axis=0))
    return X / np.where(norms == 0, 1.0, norms)


def _svd_kernel(
    a: np.ndarray, full_matrices: bool, compute_uv: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | np.ndarray:
    """One matrix in float64/complex128."""
    m, n = a.shape
    if m < n:
        if not compute_uv:
            return _svd_kernel(a.conj().T, full_matrices, False)
        U, s, Vh = _svd_kernel(a.conj().T, full_matrices, True)
        return Vh.conj().T, s, U.conj().T
    k = n
    scale = float(np.abs(a).max()) if a.size else 0.0
    if scale == 0.0:
        s = np.zeros(k)
        if not compute_uv:
            return s
        return np.eye(m, m if full_matrices else k, dtype=a.dtype), s, np.eye(n, dtype=a.dtype)
    A = a / scale  # entries spanning 1e-150 .. 1e150 would overflow the squares otherwise
    if m >= TALL_RATIO * n and n > 1:
        return _tall_svd(A, scale, full_matrices, compute_uv)
    d, f, UL, UR = bidiagonalize(A)
    left, right = _real_bidiagonal(d, f)
    s, UB, VB = _bidiagonal_svd(np.abs(d), np.abs(f), compute_uv)
    s = s * scale
    if not compute_uv:
        return s
    cols = m if full_matrices else n
    M = np.zeros((m, cols), dtype=A.dtype)
    M[:n, :n] = left[:, None] * UB
    if full_matrices:
        M[n:, n:] = np.eye(m - n)
    U = apply_reflectors(UL, M, offset=0)
    V = apply_reflectors(UR, right[:, None] * VB, offset=1)
    return U, s, V.conj().T


def _tall_svd(A: np.ndarray, scale: float, full_matrices: bool, compute_uv: bool) -> Any:
    """``A = Q R`` first, then the SVD of the small square ``R`` (LAPACK does the same)."""
    from mml.linalg.qr_decomposition import qr

    m, n = A.shape
    if not compute_uv:
        return _svd_kernel(qr(A, mode="r"), False, False) * scale
    Q, R = qr(A, mode="complete" if full_matrices else "reduced")
    UR, s, Vh = _svd_kernel(R[:n], False, True)
    if full_matrices:
        U = Q.copy()
        U[:, :n] = Q[:, :n] @ UR
    else:
        U = Q @ UR
    return U, s * scale, Vh


def svd_reference(a: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unblocked reference: bidiagonalise, then cyclic Jacobi on ``T_GK`` (reduced SVD).

    Examples
    --------
    >>> import numpy as np
    >>> U, s, Vh = svd_reference(np.diag([1.0, 3.0]))
    >>> s
    array([3., 1.])
    """
    from mml.linalg.eigen_tridiagonal import tridiagonal_eigh_jacobi

    A = np.asarray(a, dtype=np.result_type(a, np.float64))
    m, n = A.shape
    d, f, UL, UR = bidiagonalize(A)
    left, right = _real_bidiagonal(d, f)
    off = np.zeros(2 * n - 1)
    off[0::2], off[1::2] = np.abs(d), np.abs(f)
    w, Y = tridiagonal_eigh_jacobi(np.zeros(2 * n), off)
    top = Y[:, n:][:, ::-1] * np.sqrt(2.0)
    M = np.zeros((m, n), dtype=A.dtype)
    M[:n] = left[:, None] * top[1::2]
    Vb = right[:, None] * top[0::2]
    for k in reversed(range(n)):  # one reflector at a time
        u = UL[:, k : k + 1]
        M = M - 2.0 * u @ (u.conj().T @ M)
    for k in reversed(range(n - 1)):
        u = UR[:, k : k + 1]
        Vb = Vb - 2.0 * u @ (u.conj().T @ Vb)
    return M, w[n:][::-1], Vb.conj().T


def svd(
    a: Any, full_matrices: bool = True, compute_uv: bool = True, hermitian: bool = False
) -> SVDResult | np.ndarray:
    """Singular value decomposition ``A = U diag(S) Vh`` (MML book §4.5), as NumPy's.

    Parameters
    ----------
    a : array_like, shape (..., M, N)
        Matrices (a stack along the leading dimensions is allowed).
    full_matrices : bool, optional
        If True (default) ``U`` is ``(..., M, M)`` and ``Vh`` is ``(..., N, N)``; else
        ``(..., M, K)`` and ``(..., K, N)`` with ``K = min(M, N)``.
    compute_uv : bool, optional
        If False only the singular values are returned.
    hermitian : bool, optional
        If True ``a`` is taken as Hermitian and the SVD comes from :func:`eigh`.

    Returns
    -------
    SVDResult or ndarray
        ``U``, ``S`` (descending, non-negative, real), ``Vh``; only ``S`` when
        ``compute_uv`` is False.

    Raises
    ------
    LinAlgError
        If ``a`` has fewer than 2 dimensions or holds NaN/inf ("SVD did not converge" in
        NumPy; here the message names the NaNs).
    ConvergenceError
        If an inner iteration fails to converge.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    >>> U, S, Vh = svd(A, full_matrices=False)
    >>> np.round(S, 6)
    array([9.525518, 0.514301])
    >>> bool(np.allclose(U * S @ Vh, A))
    True
    """
    A = as_stacked_matrix(a)
    check_finite(A)
    work, result = common_dtypes(A)
    rdtype = real_dtype(result)
    A = A.astype(work, copy=False)
    if hermitian:
        return _hermitian_svd(A, compute_uv, result, rdtype)
    if not compute_uv:
        s = map_matrices(lambda m: _svd_kernel(m, full_matrices, False), A)
        return np.asarray(s).astype(rdtype, copy=False)

    def kernel(m: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return _svd_kernel(m, full_matrices, True)

    U, s, Vh = map_matrices(kernel, A, empty_probe=lambda m, n: np.zeros((m, n)))
    return SVDResult(U.astype(result, copy=False), s.astype(rdtype), Vh.astype(result, copy=False))


def _hermitian_svd(A: np.ndarray, compute_uv: bool, result: np.dtype, rdtype: np.dtype) -> Any:
    from mml.linalg.eigen_symmetric import eigh, eigvalsh

    if not compute_uv:
        return np.sort(np.abs(eigvalsh(A)), axis=-1)[..., ::-1].astype(rdtype)
    w, V = eigh(A)
    sign = np.sign(w)
    s = np.abs(w)
    order = np.argsort(s, axis=-1)[..., ::-1]
    sign = np.take_along_axis(sign, order, axis=-1)
    s = np.take_along_axis(s, order, axis=-1)
    V = np.take_along_axis(V, order[..., None, :], axis=-1)
    Vh = np.swapaxes(V * sign[..., None, :], -1, -2).conj()
    return SVDResult(V.astype(result), s.astype(rdtype), Vh.astype(result))


def svdvals(x: Any, /) -> np.ndarray:
    """Singular values of a matrix or a stack of matrices, descending (NumPy 2's name).

    The same as ``svd(x, compute_uv=False)``.

    Raises
    ------
    LinAlgError
        If ``x`` has fewer than 2 dimensions or holds NaN/inf.

    Examples
    --------
    >>> import numpy as np
    >>> svdvals(np.diag([1.0, -4.0, 2.0]))
    array([4., 2., 1.])
    """
    return svd(x, compute_uv=False)
