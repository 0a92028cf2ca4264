"""QR decomposition ``A = Q R`` by Householder reflections (MML book §3.8, §4).

Column ``j`` of ``A`` is reflected onto a multiple of ``e_j`` by ``H_j = I - tau_j v_j v_j^H``
(:mod:`mml.linalg.householder`), which zeroes everything below the diagonal; after
``k = min(M, N)`` steps ``H_k^H ... H_1^H A = R`` and ``Q = H_1 ... H_k``.

- :func:`qr_unblocked`: one reflector at a time over the whole trailing matrix, kept as
  the readable reference;
- :func:`qr_kernel`: LAPACK's ``geqrf``. Blocks of ``_BLOCK`` columns are gathered into
  ``I - V T V^H`` (compact WY) and applied to the rest of the matrix with three matmuls.
  Inside a block, halves are factored recursively, down to panels of ``_PANEL`` columns
  that run one reflector at a time on a contiguous transposed copy. ``Q`` is accumulated
  the same way, block by block from the last.

Stacked input is factored one matrix at a time.

Examples
--------
>>> import numpy as np
>>> from mml.linalg import qr
>>> Q, R = qr(np.array([[3.0, 1.0], [4.0, 2.0]]))
>>> R
array([[-5. , -2.2],
       [ 0. ,  0.4]])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.linalg._results import QRResult
from mml.linalg._validation import as_stacked_matrix, common_dtypes, map_matrices
from mml.linalg.householder import (
    apply_block_reflector,
    householder_vector,
    triangular_factor,
)

__all__ = ["qr", "qr_unblocked", "qr_kernel", "form_q"]

# Columns per block reflector applied to the rest of the matrix, and per reflector-loop panel.
_BLOCK = 128
_PANEL = 16
_MODES = ("reduced", "complete", "r", "raw")


def qr_unblocked(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Reference Householder QR in LAPACK's compact form ``(h, tau)``.

    ``R`` is the upper triangle of ``h``; below the diagonal, column ``j`` holds
    ``v_j[1:]``.

    Examples
    --------
    >>> import numpy as np
    >>> h, tau = qr_unblocked(np.array([[3.0], [4.0]]))
    >>> h, tau
    (array([[-5. ],
           [ 0.5]]), array([1.6]))
    """
    H = np.array(A, dtype=np.result_type(A, np.float64))
    m, n = H.shape
    k = min(m, n)
    taus = np.zeros(k, dtype=H.dtype)
    for j in range(k):
        v, tau, beta = householder_vector(H[j:, j])
        taus[j] = tau
        # apply H_j^H = I - conj(tau) v v^H to the columns on the right
        trailing = H[j:, j + 1 :]
        trailing -= np.conj(tau) * np.outer(v, v.conj() @ trailing)
        H[j, j] = beta
        H[j + 1 :, j] = v[1:]
    return H, taus


def _factor_panel(P: np.ndarray, taus: np.ndarray) -> None:
    """Unblocked QR of a panel stored transposed: row ``i`` of ``P`` is column ``i``."""
    b = P.shape[0]
    complex_ = P.dtype.kind == "c"
    for i in range(b):
        v, tau, beta = householder_vector(P[i, i:])
        taus[i] = tau
        if i + 1 < b and tau != 0:
            rest = P[i + 1 :, i:]  # the later columns, as rows
            w = rest @ (v.conj() if complex_ else v)
            rest -= (np.conj(tau) * w)[:, None] * v[None, :]
        P[i, i] = beta
        P[i, i + 1 :] = v[1:]


def _reflectors(H: np.ndarray, j: int, b: int) -> np.ndarray:
    """The unit lower trapezoidal ``V`` of the panel starting at ``(j, j)`` (a copy)."""
    V = H[j:, j : j + b].copy()
    V[:b] = np.tril(V[:b], -1) + np.eye(b, dtype=V.dtype)
    return V


def _factor_block(
    H: np.ndarray, j: int, width: int, taus: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Factor the columns ``j : j + width`` (rows ``j:``) in place; return their ``T`` and ``V``.

    Narrow blocks run the reflector loop; wider ones are split in halves, the right half
    updated by the left half's block reflector, and the two ``T`` factors joined:
    ``(I - V1 T1 V1^H)(I - V2 T2 V2^H) = I - [V1 V2] [[T1, -T1 V1^H V2 T2], [0, T2]] [V1 V2]^H``.
    """
    if width <= _PANEL:
        panel = H[j:, j : j + width].T.copy()
        _factor_panel(panel, taus[j : j + width])
        H[j:, j : j + width] = panel.T
        V = _reflectors(H, j, width)
        return triangular_factor(V, taus[j : j + width]), V
    half = width // 2
    T1, V1 = _factor_block(H, j, half, taus)
    apply_block_reflector(V1, T1, H[j:, j + half : j + width], adjoint=True)
    T2, V2 = _factor_block(H, j + half, width - half, taus)
    T = np.zeros((width, width), dtype=H.dtype)
    T[:half, :half] = T1
    T[half:, half:] = T2
    V1_lower = V1[half:].conj().T if V1.dtype.kind == "c" else V1[half:].T
    T[:half, half:] = -T1 @ (V1_lower @ V2) @ T2
    V = np.zeros((V1.shape[0], width), dtype=H.dtype)
    V[:, :half] = V1
    V[half:, half:] = V2
    return T, V


def _qr_blocked(A: np.ndarray) -> tuple[np.ndarray, np.ndarray, list]:
    """``(h, tau)`` and the ``(start, T, V)`` of each block, for :func:`form_q` to reuse."""
    H = np.array(A, dtype=np.result_type(A, np.float64), order="C")
    m, n = H.shape
    k = min(m, n)
    taus = np.zeros(k, dtype=H.dtype)
    blocks = []
    with np.errstate(invalid="ignore", over="ignore"):  # inf input: NaN out, as in NumPy
        for j in range(0, k, _BLOCK):
            b = min(_BLOCK, k - j)
            T, V = _factor_block(H, j, b, taus)
            blocks.append((j, T, V))
            if j + b < n:
                apply_block_reflector(V, T, H[j:, j + b :], adjoint=True)
    return H, taus, blocks


def qr_kernel(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Blocked Householder QR (compact WY): ``(h, tau)`` as :func:`qr_unblocked`.

    Blocks of ``_BLOCK`` columns update the rest of the matrix with three matmuls each;
    inside a block, halves are factored recursively down to panels of ``_PANEL`` columns.

    Examples
    --------
    >>> import numpy as np
    >>> h, tau = qr_kernel(np.array([[3.0, 1.0], [4.0, 2.0]]))
    >>> np.triu(h)
    array([[-5. , -2.2],
           [ 0. ,  0.4]])
    """
    H, taus, _ = _qr_blocked(A)
    return H, taus


def form_q(H: np.ndarray, taus: np.ndarray, columns: int, blocks: list | None = None) -> np.ndarray:
    """The first ``columns`` columns of ``Q = H_1 ... H_k``, accumulated backwards by blocks.

    ``blocks`` are the ``(start, T, V)`` triples of the factorisation, when known.

    Examples
    --------
    >>> import numpy as np
    >>> h, tau = qr_kernel(np.array([[3.0], [4.0]]))
    >>> form_q(h, tau, 2)
    array([[-0.6, -0.8],
           [-0.8,  0.6]])
    """
    m = H.shape[0]
    k = taus.shape[0]
    if blocks is None:
        blocks = []
        for j in range(0, k, _BLOCK):
            V = _reflectors(H, j, min(_BLOCK, k - j))
            blocks.append((j, triangular_factor(V, taus[j : j + V.shape[1]]), V))
    Q = np.eye(m, columns, dtype=H.dtype)
    with np.errstate(invalid="ignore", over="ignore"):
        for j, T, V in reversed(blocks):
            apply_block_reflector(V, T, Q[j:, j:])
    return Q


def qr(a: Any, mode: str = "reduced") -> QRResult | np.ndarray | tuple[np.ndarray, np.ndarray]:
    """QR decomposition ``a = Q R`` with ``Q`` orthonormal columns and ``R`` upper triangular.

    Parameters
    ----------
    a : (..., M, N) array_like
        Matrix, or stack of matrices, to factor.
    mode : {'reduced', 'complete', 'r', 'raw'}, optional
        As in NumPy, with ``K = min(M, N)``:

        - 'reduced': ``Q`` is ``(..., M, K)``, ``R`` is ``(..., K, N)``;
        - 'complete': ``Q`` is ``(..., M, M)``, ``R`` is ``(..., M, N)``;
        - 'r': only ``R``, ``(..., K, N)``;
        - 'raw': ``(h, tau)``, LAPACK's compact form with ``h`` transposed
          (``(..., N, M)``) and ``tau`` ``(..., K)``.

    Returns
    -------
    QRResult or ndarray or tuple
        ``QRResult(Q, R)`` for 'reduced' and 'complete', ``R`` for 'r', ``(h, tau)`` for
        'raw'.

    Raises
    ------
    LinAlgError
        If ``a`` has fewer than two dimensions.
    ValueError
        If ``mode`` is not one of the four above.

    Examples
    --------
    >>> import numpy as np
    >>> a = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    >>> Q, R = qr(a)
    >>> Q.shape, R.shape
    ((3, 2), (2, 2))
    >>> np.allclose(Q @ R, a), np.allclose(Q.T @ Q, np.eye(2))
    (True, True)
    """
    if mode not in _MODES:
        raise ValueError(f"Unrecognized mode {mode!r}; use one of {', '.join(_MODES)}")
    A = as_stacked_matrix(a, "a")
    work, result = common_dtypes(A)
    m, n = A.shape[-2:]
    k = min(m, n)

    def kernel(matrix: np.ndarray) -> Any:
        H, taus, blocks = _qr_blocked(matrix.astype(work, copy=False))
        if mode == "raw":
            return H.T.astype(result), taus.astype(result)
        rows = m if mode == "complete" else k
        R = np.triu(H[:rows]).astype(result, copy=False)
        if mode == "r":
            return R
        Q = form_q(H, taus, m if mode == "complete" else k, blocks)
        return QRResult(Q.astype(result, copy=False), R)

    return map_matrices(kernel, A)
