"""Reordering a complex Schur form: move chosen eigenvalues to the top-left (LAPACK trsen).

Two neighbouring diagonal entries of an upper triangular ``T`` swap places under one
plane rotation: with ``t11, t12, t22`` the 2 x 2 block, the rotation ``G`` that maps
``(t12, t22 - t11)`` onto ``(r, 0)`` gives ``G T G^H`` with ``t22`` first and ``t11`` second
(LAPACK ``trexc``). Applied to the rows and columns of ``T`` and the columns of ``Z``,
``A = Z T Z^H`` still holds. Bubbling every selected eigenvalue up past the unselected
ones puts the selected cluster first, so ``Z[:, :sdim]`` spans their invariant subspace.

Examples
--------
>>> import numpy as np
>>> T = np.array([[1.0, 2.0], [0.0, 3.0]], dtype=complex)
>>> T2, Z2, sdim = reorder_schur(T, np.eye(2, dtype=complex), np.array([False, True]))
>>> np.round(np.diag(T2).real, 12), sdim
(array([3., 1.]), 1)
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["reorder_schur", "SORT_CRITERIA"]

SORT_CRITERIA = {
    "lhp": lambda w: w.real < 0,
    "rhp": lambda w: w.real >= 0,
    "iuc": lambda w: abs(w) <= 1,
    "ouc": lambda w: abs(w) > 1,
}


def _swap(T: np.ndarray, Z: np.ndarray, k: int) -> None:
    """Swap the diagonal entries ``k`` and ``k + 1`` of the upper triangular ``T`` in place."""
    t11, t22 = T[k, k], T[k + 1, k + 1]
    f, g = T[k, k + 1], t22 - t11
    r = math.hypot(abs(f), abs(g))
    if r == 0.0:
        return
    c = abs(f) / r
    s = (f / abs(f) if f != 0 else 1.0) * np.conj(g) / r
    rows = T[k : k + 2, k:]  # T <- G T G^H, the 2 x 2 block included
    first = rows[0].copy()
    rows[0] = c * first + s * rows[1]
    rows[1] = c * rows[1] - np.conj(s) * first
    for M in (T[: k + 2, k : k + 2], Z[:, k : k + 2]):
        left = M[:, 0].copy()
        M[:, 0] = c * left + np.conj(s) * M[:, 1]
        M[:, 1] = c * M[:, 1] - s * left
    T[k, k], T[k + 1, k + 1] = t22, t11  # exact, as the similarity gives them up to rounding
    T[k + 1, k] = 0.0


def reorder_schur(
    T: np.ndarray, Z: np.ndarray, selected: np.ndarray
) -> tuple[np.ndarray, np.ndarray, int]:
    """Move the diagonal entries with ``selected`` True to the front; returns ``(T, Z, sdim)``.

    ``T`` is upper triangular (complex Schur form) and ``A = Z T Z^H`` is preserved.
    """
    T, Z = T.copy(), Z.copy()
    selected = list(np.asarray(selected, dtype=bool))
    front = 0
    for k in range(T.shape[0]):
        if not selected[k]:
            continue
        for position in range(k - 1, front - 1, -1):  # bubble it up to ``front``
            _swap(T, Z, position)
            selected[position], selected[position + 1] = selected[position + 1], selected[position]
        front += 1
    return T, Z, front
