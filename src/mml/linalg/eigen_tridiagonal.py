"""Eigenvalues and eigenvectors of a real symmetric tridiagonal matrix, by divide and conquer.

``T`` has diagonal ``d`` (n) and off-diagonal ``e`` (n - 1). Cutting it at ``m`` with
``beta = e[m-1]`` gives (Cuppen 1981; Gu & Eisenstat 1995)::

    T = diag(T1, T2) + |beta| v v^T,   v = (e_m, sign(beta) e_{m+1}),

where ``T1`` and ``T2`` lose ``|beta|`` from their touching diagonal entries. With
``T1 = Q1 L1 Q1^T`` and ``T2 = Q2 L2 Q2^T`` solved recursively, what is left is the
rank-one update ``D + rho z z^T`` (``D = diag(L1, L2)``, ``z = diag(Q1, Q2)^T v``). Its
eigenvalues are the roots of the *secular equation*

    f(lam) = 1 / rho + sum_j z_j^2 / (d_j - lam) = 0,

one in each gap between consecutive ``d_j`` and one past the last. They are found for all
gaps at once (NumPy arrays, Li's "middle way" rational iteration with a bisection
safeguard), and the eigenvectors come from Löwner's formula (``z`` recomputed from the
roots), which keeps them orthogonal. The merged eigenvectors are ``diag(Q1, Q2) W``: two
matrix products, where the flops go.

Small blocks (the leaves of the recursion) are solved all at once by the batched cyclic
Jacobi method of :mod:`mml.linalg.jacobi_eigen`.

Examples
--------
>>> import numpy as np
>>> w, V = tridiagonal_eigh(np.array([2.0, 2.0, 2.0]), np.array([-1.0, -1.0]))
>>> np.round(w, 6)
array([0.585786, 2.      , 3.414214])
"""

from __future__ import annotations

import math

import numpy as np

from mml.errors import ConvergenceError
from mml.linalg.jacobi_eigen import jacobi_eigh_batch

__all__ = ["tridiagonal_eigh", "tridiagonal_eigh_jacobi", "rank_one_eigh"]

LEAF_SIZE = 24
_EPS = float(np.finfo(np.float64).eps)


def _dense_tridiagonal(d: np.ndarray, e: np.ndarray) -> np.ndarray:
    n = d.shape[0]
    T = np.zeros((n, n))
    T[np.arange(n), np.arange(n)] = d
    T[np.arange(n - 1), np.arange(1, n)] = e
    T[np.arange(1, n), np.arange(n - 1)] = e
    return T


def tridiagonal_eigh_jacobi(d: np.ndarray, e: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The short reference path: Jacobi on the dense tridiagonal, sorted ascending.

    Examples
    --------
    >>> import numpy as np
    >>> w, V = tridiagonal_eigh_jacobi(np.array([1.0, 1.0]), np.array([1.0]))
    >>> np.round(w, 12)
    array([0., 2.])
    """
    w, V = jacobi_eigh_batch(_dense_tridiagonal(np.asarray(d, float), np.asarray(e, float))[None])
    order = np.argsort(w[0], kind="stable")
    return w[0][order], V[0][:, order]


def tridiagonal_eigh(
    d: np.ndarray, e: np.ndarray, vectors: bool = True
) -> tuple[np.ndarray, np.ndarray | None]:
    """Eigenvalues (ascending) and eigenvectors of the symmetric tridiagonal ``(d, e)``.

    Parameters
    ----------
    d : ndarray, shape (n,)
        The diagonal (float64, finite).
    e : ndarray, shape (n - 1,)
        The off-diagonal.
    vectors : bool
        When False only the eigenvalues are computed (the merges then carry the first and
        last rows of the eigenvector matrices, not the whole matrices).

    Returns
    -------
    w : ndarray, shape (n,)
        Ascending eigenvalues.
    V : ndarray, shape (n, n) or None
        Orthonormal eigenvectors as columns, ``T V = V diag(w)``.

    Raises
    ------
    ConvergenceError
        If the secular-equation or Jacobi iterations fail to converge (not expected for
        finite input).

    Examples
    --------
    >>> import numpy as np
    >>> w, V = tridiagonal_eigh(np.zeros(2), np.ones(1))
    >>> w
    array([-1.,  1.])
    """
    d = np.array(d, dtype=np.float64)
    e = np.asarray(e, dtype=np.float64)
    n = d.shape[0]
    if n == 0:
        return np.zeros(0), (np.zeros((0, 0)) if vectors else None)
    leaves: list[tuple[int, int]] = []
    tree = _split(0, n, d, e, leaves)
    solved = _solve_leaves(d, e, leaves)
    w, V = _evaluate(tree, solved, vectors)
    return w, (V if vectors else None)


def _split(lo: int, hi: int, d: np.ndarray, e: np.ndarray, leaves: list) -> tuple:
    """Cut ``[lo, hi)`` in halves down to the leaves, correcting ``d`` at each cut."""
    if hi - lo <= LEAF_SIZE:
        leaves.append((lo, hi))
        return ("leaf", len(leaves) - 1)
    mid = (lo + hi) // 2
    beta = float(e[mid - 1])
    d[mid - 1] -= abs(beta)
    d[mid] -= abs(beta)
    return ("merge", _split(lo, mid, d, e, leaves), _split(mid, hi, d, e, leaves), beta)


def _solve_leaves(d: np.ndarray, e: np.ndarray, leaves: list) -> list:
    size = max(hi - lo for lo, hi in leaves)
    batch = np.zeros((len(leaves), size, size))
    for k, (lo, hi) in enumerate(leaves):
        batch[k, : hi - lo, : hi - lo] = _dense_tridiagonal(d[lo:hi], e[lo : hi - 1])
    w, V = jacobi_eigh_batch(batch)
    solved = []
    for k, (lo, hi) in enumerate(leaves):
        m = hi - lo
        order = np.argsort(w[k, :m], kind="stable")
        solved.append((w[k, :m][order], V[k, :m, :m][:, order]))
    return solved


def _evaluate(node: tuple, solved: list, vectors: bool) -> tuple[np.ndarray, np.ndarray]:
    """Return ascending eigenvalues and either all of Q or its first and last rows."""
    if node[0] == "leaf":
        w, V = solved[node[1]]
        return w, (V if vectors else V[[0, -1]])
    _, left, right, beta = node
    w1, Q1 = _evaluate(left, solved, vectors)
    w2, Q2 = _evaluate(right, solved, vectors)
    n1 = w1.shape[0]
    sign = 1.0 if beta >= 0 else -1.0
    z = np.concatenate([Q1[-1], sign * Q2[0]])
    w, W = rank_one_eigh(np.concatenate([w1, w2]), z, abs(beta))
    if vectors:
        return w, np.vstack([Q1 @ W[:n1], Q2 @ W[n1:]])
    return w, np.vstack([Q1[0] @ W[:n1], Q2[-1] @ W[n1:]])


def rank_one_eigh(D: np.ndarray, z: np.ndarray, rho: float) -> tuple[np.ndarray, np.ndarray]:
    """Eigen-decompose ``diag(D) + rho z z^T`` (``rho >= 0``): ascending ``w`` and ``W``.

    Examples
    --------
    >>> import numpy as np
    >>> w, W = rank_one_eigh(np.array([0.0, 1.0]), np.array([1.0, 1.0]), 1.0)
    >>> np.allclose((np.diag([0.0, 1.0]) + np.ones((2, 2))) @ W, W * w)
    True
    """
    m = D.shape[0]
    norm_z = math.sqrt(float(z @ z))
    if rho == 0.0 or norm_z == 0.0:
        order = np.argsort(D, kind="stable")
        return D[order], np.eye(m)[:, order]
    z = z / norm_z
    rho = rho * norm_z * norm_z
    perm = np.argsort(D, kind="stable")
    d = D[perm].copy()
    zs = z[perm].copy()
    tolerance = 8.0 * _EPS * max(float(np.abs(d).max()), rho)
    deflated = rho * np.abs(zs) <= tolerance
    rotations = _deflate_close_pairs(d, zs, deflated, tolerance)
    keep = np.flatnonzero(~deflated)
    W = np.eye(m)
    values = d.copy()
    if keep.size:
        roots, vectors = _secular_roots(d[keep], zs[keep], rho)
        values[keep] = roots
        W[np.ix_(keep, keep)] = vectors
    for p, j, c, s in reversed(rotations):  # W = G^T W' for each recorded rotation
        row_p = W[p].copy()
        W[p] = c * row_p + s * W[j]
        W[j] = -s * row_p + c * W[j]
    order = np.argsort(values, kind="stable")
    out = np.empty_like(W)
    out[perm] = W[:, order]
    return values[order], out


def _deflate_close_pairs(
    d: np.ndarray, z: np.ndarray, deflated: np.ndarray, tolerance: float
) -> list[tuple[int, int, float, float]]:
    """Rotate away the ``z`` component of nearly equal ``d`` pairs (in place); LAPACK dlaed2."""
    rotations = []
    previous = -1
    for j in np.flatnonzero(~deflated).tolist():
        if previous >= 0:
            zp, zj = float(z[previous]), float(z[j])
            t = math.hypot(zp, zj)
            c, s = zj / t, zp / t
            if abs(c * s * (float(d[previous]) - float(d[j]))) <= tolerance:
                dp, dj = float(d[previous]), float(d[j])
                d[previous] = c * c * dp + s * s * dj
                d[j] = s * s * dp + c * c * dj
                z[previous], z[j] = 0.0, t
                deflated[previous] = True
                rotations.append((previous, j, c, s))
        previous = j
    return rotations


def _secular_roots(d: np.ndarray, z: np.ndarray, rho: float) -> tuple[np.ndarray, np.ndarray]:
    """All roots of ``1/rho + sum z_j^2/(d_j - lam)`` and the eigenvectors (Löwner's ``z``)."""
    k = d.shape[0]
    if k == 1:
        return d + rho * z * z, np.ones((1, 1))
    z2 = z * z
    inv_rho = 1.0 / rho
    # Pick each root's origin: the pole nearer to it, decided by the sign of f at the midpoint.
    gaps = np.diff(d)
    mid = d[:-1] + gaps / 2
    f_mid = inv_rho + (z2 / (d[None, :] - mid[:, None])).sum(axis=1)
    left = np.append(f_mid >= 0.0, True)
    index = np.arange(k)
    origin_index = np.where(left, index, index + 1)
    origin = d[origin_index]
    lo = np.where(left, 0.0, -np.append(gaps, 0.0) / 2)
    hi = np.where(left, np.append(gaps / 2, rho * float(z2.sum())), 0.0)
    dd = d[None, :] - origin[:, None]  # d_j - origin_i, exact for the nearest poles
    tau = _initial_guess(f_mid, z2, d, gaps, left, lo, hi, rho)
    right_pole = np.minimum(index + 1, k - 1)
    rows = index
    for _ in range(100):
        # only the roots not yet converged are iterated (``rows``)
        delta = dd[rows] - tau[rows, None]
        terms = z2 / delta
        f = inv_rho + terms.sum(axis=1)
        slopes = terms / delta
        lower = index[None, :] <= rows[:, None]  # psi collects j <= i, phi the rest
        dpsi = (slopes * lower).sum(axis=1)
        dphi = slopes.sum(axis=1) - dpsi
        t = tau[rows]
        error = 8.0 * np.abs(terms).sum(axis=1) + 2 * inv_rho + 3 * np.abs(t) * (dpsi + dphi)
        lo_r = np.where(f < 0, t, lo[rows])
        hi_r = np.where(f > 0, t, hi[rows])
        converged = np.abs(f) <= _EPS * error
        converged |= (hi_r - lo_r) <= 4 * _EPS * np.maximum(np.abs(lo_r), np.abs(hi_r))
        lo[rows], hi[rows] = lo_r, hi_r
        going = ~converged
        if not going.any():
            break
        sub = np.flatnonzero(going)
        r = rows[sub]
        eta = _middle_way_step(
            delta[sub], f[sub], dpsi[sub], dphi[sub], r, right_pole[r], r == k - 1
        )
        step = t[sub] + eta
        outside = ~np.isfinite(step) | (step <= lo[r]) | (step >= hi[r])
        tau[r] = np.where(outside, (lo[r] + hi[r]) / 2, step)
        rows = r
    else:
        raise ConvergenceError("the secular equation of divide and conquer did not converge")
    delta = dd - tau[:, None]  # delta[i, j] = d_j - lam_i
    roots = origin + tau
    # Löwner: z_hat_j^2 = (lam_j - d_j)/rho * prod_{i != j} (lam_i - d_j) / (d_i - d_j)
    diff = d[:, None] - d[None, :]
    np.fill_diagonal(diff, 1.0)
    ratios = -delta / diff
    np.fill_diagonal(ratios, 1.0)
    z_hat2 = (-np.diagonal(delta) / rho) * ratios.prod(axis=0)
    z_hat = np.copysign(np.sqrt(np.abs(z_hat2)), z)
    U = (z_hat[None, :] / delta).T
    U /= np.sqrt((U * U).sum(axis=0))
    return roots, U


def _initial_guess(f_mid, z2, d, gaps, left, lo, hi, rho) -> np.ndarray:
    """Start each root where f, with all but its two nearest poles frozen at the midpoint, is 0."""
    k = d.shape[0]
    tau = (lo + hi) / 2
    i = np.arange(k - 1)
    half = gaps / 2
    zi, zj = z2[:-1], z2[1:]
    c = f_mid - zi / (-half) - zj / half
    # c + zi/(d_i - lam) + zj/(d_{i+1} - lam) = 0 as a quadratic in tau (origin d_i or d_{i+1})
    is_left = left[:-1]
    qa = c
    qb = np.where(is_left, -(c * gaps + zi + zj), c * gaps - zi - zj)
    qc = np.where(is_left, zi * gaps, -zj * gaps)
    disc = np.sqrt(np.abs(qb * qb - 4 * qa * qc))
    q = -(qb + np.copysign(disc, qb)) / 2
    first = q / np.where(qa == 0.0, 1.0, qa)
    second = qc / np.where(q == 0.0, 1.0, q)
    inside = lambda t: np.isfinite(t) & (t > lo[i]) & (t < hi[i])  # noqa: E731
    guess = np.where(inside(first), first, np.where(inside(second), second, tau[i]))
    tau[i] = guess
    # the last root: the other poles frozen at the bracket's far end, c - z_k^2 / tau = 0
    far = d[-1] + hi[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        c_last = 1.0 / rho + float((z2[:-1] / (d[:-1] - far)).sum())
        last = z2[-1] / c_last if c_last > 0 else np.nan
    if np.isfinite(last) and lo[-1] < last < hi[-1]:
        tau[-1] = last
    return tau


def _middle_way_step(delta, f, dpsi, dphi, index, right_pole, last) -> np.ndarray:
    """Li's middle way: fit two poles (``d_i``, ``d_{i+1}``) to f and solve the quadratic."""
    rows = np.arange(delta.shape[0])
    d_i = delta[rows, index]
    d_ip1 = delta[rows, right_pole]
    c = f - d_i * dpsi - np.where(last, 0.0, d_ip1 * dphi)
    a = (d_i + d_ip1) * f - d_i * d_ip1 * (dpsi + dphi)
    b = d_i * d_ip1 * f
    root = np.sqrt(np.abs(a * a - 4 * b * c))
    safe_c = np.where(c == 0.0, 1.0, c)
    quad = np.where(
        a <= 0.0, (a - root) / (2 * safe_c), 2 * b / np.where(a + root == 0, 1.0, a + root)
    )
    quad = np.where(c == 0.0, b / np.where(a == 0.0, 1.0, a), quad)
    # last root: one pole d_k; f ~ c + s/(delta_k - eta) with s = delta_k^2 dpsi
    c_last = f - d_i * dpsi
    one_pole = d_i + d_i * d_i * dpsi / np.where(c_last == 0.0, 1.0, c_last)
    eta = np.where(last, one_pole, quad)
    slope = dpsi + dphi
    newton = -f / np.where(slope == 0.0, 1.0, slope)
    return np.where(f * eta >= 0.0, newton, eta)  # wrong direction: fall back to Newton
