"""Reference solutions of the linear-algebra coding tasks (NumPy arrays and arithmetic only).

Their signatures and docstrings are the students' stubs; their bodies are the instructor's
solution. Each is written the way the book teaches it, not the fastest way.

Examples
--------
>>> import numpy as np
>>> R, pivots = rref(np.array([[1.0, 2.0], [2.0, 4.0]]))
>>> R.tolist(), pivots
([[1.0, 2.0], [0.0, 0.0]], [0])
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "rref",
    "gram_schmidt",
    "power_iteration",
    "cholesky_factor",
    "cholesky_solve",
    "normal_equations",
]


def rref(A: np.ndarray, tol: float = 1e-10) -> tuple[np.ndarray, list[int]]:
    """Reduced row echelon form of ``A`` by Gauss–Jordan elimination (MML book §2.3).

    Work column by column. In each column, pick the row (from the current one down) with the
    largest entry in absolute value as the pivot row (partial pivoting), swap it up, scale it
    so the pivot is 1, and subtract multiples of it from every other row. A column whose
    candidates are all below ``tol`` in absolute value has no pivot.

    Parameters
    ----------
    A : ndarray of shape (m, n)
    tol : float
        Entries at most ``tol`` in absolute value count as zero.

    Returns
    -------
    R : ndarray of shape (m, n)
        The reduced row echelon form.
    pivots : list of int
        The pivot columns, 0-based, in increasing order.

    Examples
    --------
    >>> R, pivots = rref(np.array([[0.0, 2.0], [1.0, 1.0]]))
    >>> R.tolist(), pivots
    ([[1.0, 0.0], [0.0, 1.0]], [0, 1])
    """
    R = np.array(A, dtype=float)
    m, n = R.shape
    pivots = []
    row = 0
    for col in range(n):
        if row == m:
            break
        best = row + int(np.argmax(np.abs(R[row:, col])))
        if abs(R[best, col]) <= tol:
            R[row:, col] = 0.0
            continue
        R[[row, best]] = R[[best, row]]
        R[row] = R[row] / R[row, col]
        for other in range(m):
            if other != row:
                R[other] = R[other] - R[other, col] * R[row]
        pivots.append(col)
        row += 1
    return R, pivots


def gram_schmidt(A: np.ndarray) -> np.ndarray:
    """Orthonormalise the columns of ``A`` by (modified) Gram–Schmidt (MML book §3.8.3).

    Column ``k`` of ``Q`` is column ``k`` of ``A`` minus its projections onto the columns
    ``q_1, …, q_{k-1}`` found before, divided by its length:
    ``u_k = a_k − Σ_{j<k} (q_jᵀ a_k) q_j``, ``q_k = u_k / ‖u_k‖``.

    Parameters
    ----------
    A : ndarray of shape (m, k)
        Linearly independent columns (k ≤ m).

    Returns
    -------
    Q : ndarray of shape (m, k)
        Orthonormal columns (``QᵀQ = I``) spanning the same space, in the same order: the
        first ``j`` columns of ``Q`` span the first ``j`` columns of ``A``.

    Examples
    --------
    >>> gram_schmidt(np.array([[3.0, 1.0], [4.0, 1.0]])).round(4).tolist()
    [[0.6, 0.8], [0.8, -0.6]]
    """
    A = np.array(A, dtype=float)
    Q = np.zeros_like(A)
    for k in range(A.shape[1]):
        u = A[:, k].copy()
        for j in range(k):
            u = u - (Q[:, j] @ u) * Q[:, j]
        Q[:, k] = u / np.sqrt(u @ u)
    return Q


def power_iteration(
    A: np.ndarray, num_iterations: int = 1000, tol: float = 1e-12
) -> tuple[float, np.ndarray]:
    """The dominant eigenpair of a symmetric matrix by power iteration (MML book §4.2).

    Start from a fixed vector, then repeat ``x ← A x / ‖A x‖``; the eigenvalue estimate is the
    Rayleigh quotient ``λ = xᵀ A x`` (x has length 1), which keeps the eigenvalue's sign.
    Stop when ``x`` changes by less than ``tol`` (up to sign) or after ``num_iterations``.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        Symmetric, with one eigenvalue strictly largest in absolute value.
    num_iterations : int
    tol : float

    Returns
    -------
    eigenvalue : float
        The eigenvalue of largest absolute value.
    eigenvector : ndarray of shape (n,)
        A unit eigenvector for it.

    Examples
    --------
    >>> value, vector = power_iteration(np.array([[2.0, 1.0], [1.0, 2.0]]))
    >>> round(value, 8), np.abs(vector).round(6).tolist()
    (3.0, [0.707107, 0.707107])
    """
    A = np.array(A, dtype=float)
    x = np.ones(A.shape[0]) + np.arange(A.shape[0]) / A.shape[0]
    x = x / np.sqrt(x @ x)
    for _ in range(num_iterations):
        y = A @ x
        y = y / np.sqrt(y @ y)
        if min(np.abs(y - x).max(), np.abs(y + x).max()) < tol:
            x = y
            break
        x = y
    return float(x @ A @ x), x


def cholesky_factor(M: np.ndarray) -> np.ndarray:
    """Lower-triangular ``L`` with ``M = L Lᵀ`` for symmetric positive definite ``M`` (§4.3).

    ``L_jj = sqrt(M_jj − Σ_{k<j} L_jk²)`` and ``L_ij = (M_ij − Σ_{k<j} L_ik L_jk) / L_jj``.

    Examples
    --------
    >>> cholesky_factor(np.array([[4.0, 2.0], [2.0, 2.0]])).tolist()
    [[2.0, 0.0], [1.0, 1.0]]
    """
    n = M.shape[0]
    L = np.zeros((n, n))
    for j in range(n):
        L[j, j] = np.sqrt(M[j, j] - L[j, :j] @ L[j, :j])
        for i in range(j + 1, n):
            L[i, j] = (M[i, j] - L[i, :j] @ L[j, :j]) / L[j, j]
    return L


def cholesky_solve(M: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Solve ``M x = b`` for symmetric positive definite ``M`` (MML book §4.3).

    Factor ``M = L Lᵀ`` (:func:`cholesky_factor`), then forward substitution ``L z = b`` and
    back substitution ``Lᵀ x = z``.

    Examples
    --------
    >>> cholesky_solve(np.array([[4.0, 2.0], [2.0, 3.0]]), np.array([2.0, 1.0])).tolist()
    [0.5, 0.0]
    """
    L = cholesky_factor(M)
    n = L.shape[0]
    z = np.zeros(n)
    for i in range(n):
        z[i] = (b[i] - L[i, :i] @ z[:i]) / L[i, i]
    x = np.zeros(n)
    for i in reversed(range(n)):
        x[i] = (z[i] - L[i + 1 :, i] @ x[i + 1 :]) / L[i, i]
    return x


def normal_equations(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Least-squares parameters ``θ`` of ``y ≈ X θ`` by the normal equations (MML book §9.2).

    The maximum-likelihood estimate solves ``XᵀX θ = Xᵀy`` (eq. 9.12); ``XᵀX`` is symmetric
    positive definite when ``X`` has full column rank, so solve it by Cholesky.

    Parameters
    ----------
    X : ndarray of shape (N, D)
        Full column rank (no intercept column is added).
    y : ndarray of shape (N,)

    Returns
    -------
    theta : ndarray of shape (D,)

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    >>> normal_equations(X, np.array([1.0, 3.0, 5.0])).round(8).tolist()
    [1.0, 2.0]
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    return cholesky_solve(X.T @ X, X.T @ y)
