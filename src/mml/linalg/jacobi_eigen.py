"""The cyclic Jacobi eigenvalue method for a batch of small real symmetric matrices.

A Jacobi rotation in the ``(p, q)`` plane, ``A <- J^T A J``, zeroes ``a_pq``; the sum of
squares off the diagonal falls by ``2 a_pq^2`` each time, and sweeping over all pairs
converges quadratically to ``diag(w)`` with the rotations' product as eigenvectors
(Golub & Van Loan §8.5). A round-robin (circle) schedule splits each sweep into ``L - 1``
rounds of ``L / 2`` disjoint pairs, and one round is applied to every matrix of the batch at
once by three batched matrix products. This solves the leaves of divide and conquer and
stacks of small matrices in ``eigh``.

Examples
--------
>>> import numpy as np
>>> w, V = jacobi_eigh_batch(np.array([[[2.0, 1.0], [1.0, 2.0]]]))
>>> np.sort(w[0])
array([1., 3.])
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from mml.errors import ConvergenceError

__all__ = ["jacobi_eigh_batch"]

_EPS = float(np.finfo(np.float64).eps)


def jacobi_eigh_batch(a: np.ndarray, max_sweeps: int = 40) -> tuple[np.ndarray, np.ndarray]:
    """Eigen-decompose a batch ``(B, L, L)`` of real symmetric matrices by cyclic Jacobi.

    Each round of a sweep rotates ``L/2`` disjoint index pairs (a round-robin schedule),
    applied to every matrix of the batch by three batched matrix products. Returns
    unsorted eigenvalues ``(B, L)`` and eigenvectors ``(B, L, L)`` as columns.

    Raises
    ------
    ConvergenceError
        If the off-diagonal mass has not vanished after ``max_sweeps`` sweeps.

    Examples
    --------
    >>> import numpy as np
    >>> w, V = jacobi_eigh_batch(np.array([[[2.0, 1.0], [1.0, 2.0]]]))
    >>> np.sort(w[0])
    array([1., 3.])
    """
    batch, size, _ = a.shape
    if size == 1:
        return a[:, :, 0].copy(), np.ones((batch, 1, 1))
    even = size + size % 2
    A = np.zeros((batch, even, even))
    A[:, :size, :size] = a  # a padded index stays decoupled: its rotations are all identity
    V = np.broadcast_to(np.eye(even), A.shape).copy()
    scale = float(np.sqrt((A * A).sum(axis=(1, 2))).max())
    if scale == 0.0:
        return np.zeros((batch, size)), V[:, :size, :size].copy()
    tolerance = even * (_EPS * scale) ** 2
    off_mask = ~np.eye(even, dtype=bool)
    half = even // 2
    gathers, scatters = _schedule(even)
    zeros = np.zeros((batch, 2 * half))
    J = np.zeros_like(A)
    J_flat = J.reshape(batch, -1)
    for _ in range(max_sweeps):
        off = (A[:, off_mask] ** 2).sum(axis=1).max()
        if off <= tolerance:
            w = np.diagonal(A, axis1=1, axis2=2)[:, :size].copy()
            return w, V[:, :size, :size].copy()
        for gather, scatter in zip(gathers, scatters):
            g = A.reshape(batch, -1)[:, gather]
            app, aqq, apq = g[:, :half], g[:, half : 2 * half], g[:, 2 * half :]
            # tan(2 phi) = 2 a_pq / (a_qq - a_pp) with |phi| <= pi/4 zeroes a_pq
            difference = aqq - app
            phi = 0.5 * np.arctan2(np.copysign(1.0, difference) * (2.0 * apq), np.abs(difference))
            c, s = np.cos(phi), np.sin(phi)
            J_flat[:, scatter] = np.concatenate([zeros, c, c, s, -s], axis=1)
            A = np.matmul(J.transpose(0, 2, 1), A @ J)
            V = V @ J
    raise ConvergenceError(f"Jacobi eigenvalue iteration did not converge in {max_sweeps} sweeps")


@lru_cache(maxsize=64)
def _schedule(even: int) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """Flat positions for each round: gather ``(a_pp, a_qq, a_pq)``; scatter the previous
    round's off-diagonal zeros, then ``(c, c, s, -s)`` at ``pp, qq, pq, qp``.

    Memoised: it depends only on the size (the arrays are never written to).
    """
    pairs_p, pairs_q = _round_robin(even)
    gathers, off_diagonals, diagonals = [], [], []
    for P, Q in zip(pairs_p, pairs_q):
        gathers.append(np.concatenate([P * even + P, Q * even + Q, P * even + Q]))
        diagonals.append(np.concatenate([P * even + P, Q * even + Q]))
        off_diagonals.append(np.concatenate([P * even + Q, Q * even + P]))
    scatters = [  # each round clears the previous round's off-diagonal entries (cyclically)
        np.concatenate([off_diagonals[r - 1], diagonals[r], off_diagonals[r]])
        for r in range(len(gathers))
    ]
    for array in (*gathers, *scatters):
        array.setflags(write=False)
    return tuple(gathers), tuple(scatters)


def _round_robin(even: int) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """The circle method: ``even - 1`` rounds that pair every index with every other once."""
    players = list(range(even))
    ps, qs = [], []
    for _ in range(even - 1):
        half = even // 2
        p = np.array(players[:half])
        q = np.array(players[half:][::-1])
        ps.append(np.minimum(p, q))
        qs.append(np.maximum(p, q))
        players = [players[0], players[-1], *players[1:-1]]
    return ps, qs
