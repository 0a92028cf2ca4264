"""Randomized SVD (Halko, Martinsson & Tropp 2011) with scikit-learn's signature.

To approximate the top ``k`` singular triplets of a large ``m x n`` matrix ``M``:

1. *Range finder*: ``Y = M Omega`` for a Gaussian ``n x (k + p)`` test matrix ``Omega``
   (``p`` oversamples). ``q`` power iterations ``Y <- M (M^H Y)`` sharpen the spectrum
   (the singular values are raised to the power ``2q + 1``), each product followed by a
   normalisation (LU or QR) that keeps the columns from collapsing onto the top singular
   vector. ``Q`` is an orthonormal basis of the final ``Y`` (QR).
2. *Projection*: ``B = Q^H M`` is small, ``(k + p) x n``; its SVD ``B = U_hat S V^H`` gives
   ``M ~ (Q U_hat) S V^H``.

Almost all the work is in the products with ``M``. The signs follow scikit-learn's
``svd_flip`` (largest-magnitude entry of each ``U`` column positive, or of each ``V^H``
row when the matrix was transposed), and the same ``random_state`` draws the same test
matrix as scikit-learn, so the results agree with
``sklearn.utils.extmath.randomized_svd`` up to rounding.

Examples
--------
>>> import numpy as np
>>> rng = np.random.default_rng(0)
>>> M = rng.standard_normal((60, 5)) @ rng.standard_normal((5, 40))
>>> U, s, Vt = randomized_svd(M, 5, random_state=0)
>>> bool(np.allclose(U * s @ Vt, M))
True
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.errors import DomainError
from mml.linalg._validation import as_matrix, check_finite

__all__ = ["randomized_svd", "randomized_range_finder"]


def _random_state(random_state: Any) -> Any:
    """scikit-learn's ``check_random_state``: None, an int, or a generator object."""
    if random_state is None:
        return np.random.mtrand._rand
    if isinstance(random_state, (int, np.integer)):
        return np.random.RandomState(int(random_state))
    if isinstance(random_state, (np.random.RandomState, np.random.Generator)):
        return random_state
    raise DomainError(
        f"random_state must be None, an int, or a numpy random generator, got {random_state!r}"
    )


def _lu_normalise(Y: np.ndarray) -> np.ndarray:
    """``P L`` of the LU factorisation with partial pivoting of a tall ``Y`` (SciPy's
    ``lu(Y, permute_l=True)[0]``): unit lower triangular up to the row permutation.

    Works on ``G = Y^T`` (so each column of ``Y`` is a contiguous row) and recursively on
    halves of the columns: the left half is factored, the right half is updated by one
    matrix product, then factored (LAPACK's ``getrf2``).
    """
    m, k = Y.shape
    GT = np.array(Y.T, order="C")
    rows = np.arange(m)
    _factor_columns(GT, 0, min(m, k), rows)
    L = np.tril(GT.T, -1)[:, :k]
    diagonal = np.arange(min(m, k))
    L[diagonal, diagonal] = 1.0
    out = np.empty_like(L)
    out[rows] = L
    return out


def _factor_columns(GT: np.ndarray, j0: int, j1: int, rows: np.ndarray) -> None:
    """Factor columns ``j0 .. j1-1`` of ``Y = GT^T`` in place (rows above ``j0`` are done)."""
    if j1 - j0 <= 4:
        for j in range(j0, j1):
            pivot = j + int(np.argmax(np.abs(GT[j, j:])))
            if pivot != j:
                GT[:, [j, pivot]] = GT[:, [pivot, j]]
                rows[j], rows[pivot] = rows[pivot], rows[j]
            if GT[j, j] != 0:
                multipliers = GT[j, j + 1 :]
                multipliers /= GT[j, j]
                GT[j + 1 : j1, j + 1 :] -= GT[j + 1 : j1, j, None] * multipliers
        return
    mid = (j0 + j1) // 2
    _factor_columns(GT, j0, mid, rows)
    # U12 = L11^-1 Y12 (forward substitution on the small block), then Y22 -= L21 U12
    for i in range(j0, mid):
        GT[mid:j1, i + 1 : mid] -= GT[mid:j1, i, None] * GT[i, i + 1 : mid]
    GT[mid:j1, mid:] -= GT[mid:j1, j0:mid] @ GT[j0:mid, mid:]
    _factor_columns(GT, mid, j1, rows)


def _qr_basis(Y: np.ndarray) -> np.ndarray:
    from mml.linalg.qr_decomposition import qr

    return qr(Y, mode="reduced")[0]


def randomized_range_finder(
    A: Any,
    *,
    size: int,
    n_iter: int,
    power_iteration_normalizer: str = "auto",
    random_state: Any = None,
) -> np.ndarray:
    """An orthonormal ``Q`` (``m x size``) whose range approximates the range of ``A``.

    Halko et al. Algorithm 4.3 with normalised power iterations (scikit-learn's
    ``randomized_range_finder``). ``'auto'`` normalises by LU when ``n_iter > 2``.

    Raises
    ------
    ValueError
        If ``power_iteration_normalizer`` is not 'auto', 'QR', 'LU' or 'none'.

    Examples
    --------
    >>> import numpy as np
    >>> Q = randomized_range_finder(np.eye(4)[:, :2], size=2, n_iter=2, random_state=0)
    >>> bool(np.allclose(Q.T @ Q, np.eye(2)))
    True
    """
    A = as_matrix(A, name="A")
    state = _random_state(random_state)
    Q = state.normal(size=(A.shape[1], size))
    if A.dtype.kind == "f":
        Q = Q.astype(A.dtype, copy=False)
    if power_iteration_normalizer == "auto":
        power_iteration_normalizer = "none" if n_iter <= 2 else "LU"
    normalisers = {"QR": _qr_basis, "LU": _lu_normalise, "none": lambda Y: Y}
    if power_iteration_normalizer not in normalisers:
        raise ValueError(
            "power_iteration_normalizer must be 'auto', 'QR', 'LU' or 'none', got "
            f"{power_iteration_normalizer!r}"
        )
    normalise = normalisers[power_iteration_normalizer]
    AH = A.conj().T if A.dtype.kind == "c" else A.T
    for _ in range(n_iter):  # power iterations: Q <- A^H A Q, normalised after each product
        Q = normalise(A @ Q)
        Q = normalise(AH @ Q)
    return _qr_basis(A @ Q)


def _svd_flip(U: np.ndarray, Vt: np.ndarray, u_based: bool) -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's ``svd_flip``: make the largest-magnitude entry positive (real).

    For complex data the same entry is made real and positive by a phase ``p``: ``u p`` and
    ``conj(p) v^H`` keep the product ``u v^H``.
    """
    if u_based:
        pivots = U[np.argmax(np.abs(U), axis=0), np.arange(U.shape[1])]
        phases = np.conj(_unit(pivots))  # u p has a positive pivot
    else:
        pivots = Vt[np.arange(Vt.shape[0]), np.argmax(np.abs(Vt), axis=1)]
        phases = _unit(pivots)  # conj(p) v^H has a positive pivot
    return U * phases[None, :], Vt * np.conj(phases)[:, None]


def _unit(x: np.ndarray) -> np.ndarray:
    """``x / |x|`` (1 where ``x = 0``): the sign of a real number, the phase of a complex one."""
    if x.dtype.kind != "c":
        return np.where(x < 0, -1.0, 1.0).astype(x.dtype)
    return np.where(x == 0, 1.0, np.exp(1j * np.angle(x))).astype(x.dtype)


def randomized_svd(
    M: Any,
    n_components: int,
    *,
    n_oversamples: int = 10,
    n_iter: int | str = "auto",
    power_iteration_normalizer: str = "auto",
    transpose: bool | str = "auto",
    flip_sign: bool = True,
    random_state: Any = None,
    svd_lapack_driver: str = "gesdd",
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Truncated SVD ``M ~ U diag(s) Vt`` of rank ``n_components`` by random projection.

    Parameters
    ----------
    M : array_like, shape (n_samples, n_features)
        The matrix to decompose.
    n_components : int
        Number of singular values and vectors to keep.
    n_oversamples : int, default 10
        Extra random directions ``p``; the sketch has ``n_components + p`` columns.
    n_iter : int or 'auto'
        Power iterations; 'auto' is 7 when ``n_components < 0.1 min(M.shape)``, else 4.
    power_iteration_normalizer : {'auto', 'QR', 'LU', 'none'}
        How each power iteration is normalised ('auto': 'none' if ``n_iter <= 2``,
        else 'LU').
    transpose : bool or 'auto'
        Work on ``M^T`` ('auto': when ``n_samples < n_features``).
    flip_sign : bool, default True
        Resolve the sign ambiguity as scikit-learn's ``svd_flip``.
    random_state : None, int, RandomState or Generator
        Seeds the Gaussian test matrix (the same draws as scikit-learn for the same seed).
    svd_lapack_driver : str
        Accepted for compatibility; the small SVD is always :func:`mml.linalg.svd`.

    Returns
    -------
    U : ndarray, shape (n_samples, n_components)
    s : ndarray, shape (n_components,)
        Descending.
    Vt : ndarray, shape (n_components, n_features)

    Raises
    ------
    LinAlgError
        If ``M`` is not 2-D or holds NaN/inf.
    DomainError
        If ``n_components`` is not between 1 and ``min(M.shape)``.

    Examples
    --------
    >>> import numpy as np
    >>> M = np.diag([5.0, 3.0, 1.0, 0.5])
    >>> U, s, Vt = randomized_svd(M, 2, random_state=0)
    >>> np.round(s, 6)
    array([5., 3.])
    """
    from mml.linalg.svd import svd

    A = check_finite(as_matrix(M, name="M"), name="M")
    n_samples, n_features = A.shape
    if not isinstance(n_components, (int, np.integer)) or not (1 <= n_components <= min(A.shape)):
        raise DomainError(
            f"n_components must be an integer between 1 and min(M.shape) = {min(A.shape)}, "
            f"got {n_components!r}"
        )
    n_random = n_components + n_oversamples
    if n_iter == "auto":
        n_iter = 7 if n_components < 0.1 * min(A.shape) else 4
    if transpose == "auto":
        transpose = n_samples < n_features
    if transpose:
        A = A.T
    Q = randomized_range_finder(
        A,
        size=n_random,
        n_iter=int(n_iter),
        power_iteration_normalizer=power_iteration_normalizer,
        random_state=random_state,
    )
    B = Q.conj().T @ A  # (k + p) x n: small
    U_hat, s, Vt = svd(B, full_matrices=False)
    U = Q @ U_hat
    if flip_sign:
        U, Vt = _svd_flip(U, Vt, u_based=not transpose)
    if transpose:
        return Vt[:n_components].T, s[:n_components], U[:, :n_components].T
    return U[:, :n_components], s[:n_components], Vt[:n_components]
