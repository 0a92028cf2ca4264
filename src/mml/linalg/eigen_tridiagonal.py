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

from mml.linalg.jacobi_eigen import jacobi_eigh_batch
from mml.linalg.secular_equation import secular_roots

__all__ = ["tridiagonal_eigh", "tridiagonal_eigh_jacobi", "rank_one_eigh"]

LEAF_SIZE = 16
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
    d: np.ndarray, e: np.ndarray, vectors: bool = True, lowest: float | None = None
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
    lowest : float, optional
        Return only the eigenpairs with eigenvalue ``>= lowest`` (the last merge then
        multiplies out only those eigenvectors).

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
    w, V = _evaluate(tree, solved, vectors, lowest)
    if lowest is not None and tree[0] == "leaf":
        wanted = w >= lowest
        w, V = w[wanted], V[:, wanted]
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


def _evaluate(
    tree: tuple, solved: list, vectors: bool, lowest: float | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Merge bottom-up, one level (height) at a time, so that all the secular equations
    of a level are solved in one batch. Returns ascending eigenvalues and either all of
    ``Q`` or its first and last rows."""
    levels: list[list[tuple]] = []
    _by_height(tree, levels)
    results: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # by id of the merge node

    def fetch(node: tuple) -> tuple[np.ndarray, np.ndarray]:
        if node[0] == "leaf":
            w, V = solved[node[1]]
            return w, (V if vectors else V[[0, -1]])
        return results[id(node)]

    for level in levels:
        prepared = []
        for node in level:
            _, left, right, beta = node
            (w1, Q1), (w2, Q2) = fetch(left), fetch(right)
            n1, n2 = w1.shape[0], w2.shape[0]
            sign = 1.0 if beta >= 0 else -1.0
            z = np.concatenate([Q1[-1], sign * Q2[0]])
            if vectors:  # the basis diag(Q1, Q2)
                Q = np.zeros((n1 + n2, n1 + n2))
                Q[:n1, :n1] = Q1
                Q[n1:, n1:] = Q2
            else:  # only its first and last rows
                Q = np.zeros((2, n1 + n2))
                Q[0, :n1] = Q1[0]
                Q[1, n1:] = Q2[-1]
            state = _deflate(np.concatenate([w1, w2]), z, abs(beta), Q)
            if node is tree:
                state["lowest"] = lowest
            prepared.append(state)
        _solve_and_finish(prepared)
        for node, state in zip(level, prepared):
            results[id(node)] = state["result"]
    return results[id(tree)] if tree[0] == "merge" else fetch(tree)


def _by_height(node: tuple, levels: list) -> int:
    """Group the merge nodes by height above the leaves (children come first)."""
    if node[0] == "leaf":
        return 0
    height = 1 + max(_by_height(node[1], levels), _by_height(node[2], levels))
    while len(levels) < height:
        levels.append([])
    levels[height - 1].append(node)
    return height


def rank_one_eigh(
    D: np.ndarray, z: np.ndarray, rho: float, Q: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Eigen-decompose ``diag(D) + rho z z^T`` (``rho >= 0``): ascending ``w`` and ``Q W``.

    ``Q`` (default the identity) is the basis the eigenvectors ``W`` are returned in. Only
    the eigenvectors of the non-deflated part are dense; a deflated one is a column of
    ``Q`` (or a rotation of two), so the product costs ``rows x k x k`` for ``k``
    non-deflated values, not a full square product.

    Examples
    --------
    >>> import numpy as np
    >>> w, W = rank_one_eigh(np.array([0.0, 1.0]), np.array([1.0, 1.0]), 1.0)
    >>> bool(np.allclose((np.diag([0.0, 1.0]) + np.ones((2, 2))) @ W, W * w))
    True
    """
    state = _deflate(D, z, rho, np.eye(D.shape[0]) if Q is None else Q)
    _solve_and_finish([state])
    return state["result"]


def _deflate(D: np.ndarray, z: np.ndarray, rho: float, Q: np.ndarray) -> dict:
    """Sort, normalise ``z``, deflate (small ``z_j``, close ``d_j``); the rest is a secular
    problem. The basis columns follow every permutation and rotation."""
    norm_z = math.sqrt(float(z @ z))
    if rho == 0.0 or norm_z == 0.0:
        order = np.argsort(D, kind="stable")
        return {"result": (D[order], Q[:, order]), "keep": np.zeros(0, dtype=int)}
    z = z / norm_z
    rho = rho * norm_z * norm_z
    perm = np.argsort(D, kind="stable")
    d = D[perm].copy()
    zs = z[perm].copy()
    basis = Q[:, perm]  # columns in sorted order
    tolerance = 8.0 * _EPS * max(float(np.abs(d).max()), rho)
    deflated = rho * np.abs(zs) <= tolerance
    for p, j, c, s in _deflate_close_pairs(d, zs, deflated, tolerance):
        # basis <- basis G^T for each rotation G that zeroed z_p, in the order applied
        column_p = basis[:, p].copy()
        basis[:, p] = c * column_p - s * basis[:, j]
        basis[:, j] = s * column_p + c * basis[:, j]
    keep = np.flatnonzero(~deflated)
    return {"d": d, "z": zs, "rho": rho, "basis": basis, "keep": keep}


def _solve_and_finish(states: list[dict]) -> None:
    """Solve every pending secular problem in one batch, then rotate the bases."""
    pending = [s for s in states if "result" not in s and s["keep"].size > 1]
    if pending:
        roots = secular_roots([(s["d"][s["keep"]], s["z"][s["keep"]], s["rho"]) for s in pending])
        for state, (lam, W) in zip(pending, roots):
            state["roots"], state["W"] = lam, W
    for state in states:
        if "result" in state:
            continue
        d, keep, basis = state["d"], state["keep"], state["basis"]
        values = d.copy()
        lowest = state.get("lowest")
        if keep.size == 1:  # one pole: lam = d + rho z^2, eigenvector e
            values[keep] = d[keep] + state["rho"] * state["z"][keep] ** 2
        elif keep.size > 1:
            values[keep] = state["roots"]
            if lowest is None:
                basis[:, keep] = basis[:, keep] @ state["W"]
            else:  # only the eigenvectors that were asked for
                wanted = np.flatnonzero(state["roots"] >= lowest)
                basis[:, keep[wanted]] = basis[:, keep] @ state["W"][:, wanted]
        order = np.argsort(values, kind="stable")
        if lowest is not None:
            order = order[values[order] >= lowest]
        state["result"] = (values[order], basis[:, order])


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
