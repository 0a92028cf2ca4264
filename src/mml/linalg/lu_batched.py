"""LU with partial pivoting on a whole stack of small matrices at once.

A stack of ``S`` matrices of size ``n x n`` (a batch of covariances, say) would cost
``S`` Python-level factorisations one after another. Here the loop runs over the ``n``
columns only, and each step (pick the pivot, swap the rows, eliminate below it) acts
on all ``S`` matrices together with array operations, so the Python cost no longer
grows with the size of the stack. It is the same Gaussian elimination as
:func:`mml.linalg.lu_decomposition.lu_factor_unblocked` (MML book §2.3), one column at a
time for every matrix of the stack.

Examples
--------
>>> import numpy as np
>>> stack = np.array([[[0.0, 1.0], [2.0, 0.0]], [[4.0, 2.0], [2.0, 3.0]]])
>>> G, piv, swaps = eliminate_stack(stack, 2)
>>> swaps
array([1, 0])
>>> np.diagonal(G, axis1=1, axis2=2)
array([[2., 1.],
       [4., 2.]])
"""

from __future__ import annotations

import numpy as np

__all__ = ["eliminate_stack", "back_substitute_stack", "solve_stack", "det_stack", "slogdet_stack"]


def eliminate_stack(G: np.ndarray, steps: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Partial-pivoting elimination of every matrix of ``G`` (``(S, M, C)``), on a copy.

    Columns right of ``steps`` are carried along, so ``[A | B]`` becomes
    ``[L\\U | L^{-1} P B]``. Returns the eliminated stack, the LAPACK-style pivots
    ``(S, steps)`` and the number of row swaps of each matrix ``(S,)``.
    """
    G = np.array(G, dtype=np.result_type(G, np.float64))
    stack = np.arange(G.shape[0])
    piv = np.empty((G.shape[0], steps), dtype=np.intp)
    swaps = np.zeros(G.shape[0], dtype=np.intp)
    for j in range(steps):
        p = j + np.abs(G[:, j:, j]).argmax(axis=1)
        piv[:, j] = p
        swaps += p != j
        row = G[stack, j].copy()
        G[stack, j] = G[stack, p]
        G[stack, p] = row
        pivot = G[:, j, j]
        # a zero pivot means a zero column below it: dividing by 1 leaves it as it is
        G[:, j + 1 :, j] /= np.where(pivot == 0, 1, pivot)[:, None]
        G[:, j + 1 :, j + 1 :] -= G[:, j + 1 :, j, None] * G[:, j, None, j + 1 :]
    return G, piv, swaps


def back_substitute_stack(U: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Solve ``U X = Y`` for a stack of upper triangular ``U`` (``(S, n, n)``, ``Y`` ``(S, n, k)``).

    Examples
    --------
    >>> import numpy as np
    >>> U = np.array([[[2.0, 1.0], [0.0, 4.0]]])
    >>> back_substitute_stack(U, np.array([[[4.0], [8.0]]]))[:, :, 0]
    array([[1., 2.]])
    """
    X = np.array(Y, dtype=np.result_type(U, Y))
    n = U.shape[-1]
    for i in range(n - 1, -1, -1):
        X[:, i] -= np.matmul(U[:, i, None, i + 1 :], X[:, i + 1 :])[:, 0]
        X[:, i] /= U[:, i, i, None]
    return X


def _diagonals(U: np.ndarray) -> np.ndarray:
    n = min(U.shape[-2:])
    return np.diagonal(U[:, :n, :n], axis1=1, axis2=2)


def solve_stack(A: np.ndarray, B: np.ndarray, stack_shape: tuple[int, ...]) -> np.ndarray:
    """``A_s^{-1} B_s`` for every ``s`` (``A`` is ``(S, n, n)``, ``B`` ``(S, n, k)``).

    ``stack_shape`` (whose product is ``S``) is only used to name a singular matrix.

    Raises
    ------
    SingularMatrixError
        If some ``A_s`` has an exactly zero pivot; the message gives its stack index.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[[2.0, 0.0], [0.0, 4.0]], [[0.0, 1.0], [1.0, 0.0]]])
    >>> solve_stack(A, np.ones((2, 2, 1)), (2,))[:, :, 0]
    array([[0.5 , 0.25],
           [1.  , 1.  ]])
    """
    from mml.errors import SingularMatrixError

    n = A.shape[-1]
    G, _, _ = eliminate_stack(np.concatenate([A, B], axis=2), n)
    U = G[:, :, :n]
    singular = np.flatnonzero((_diagonals(U) == 0).any(axis=1))
    if singular.size:
        where = np.unravel_index(int(singular[0]), stack_shape)
        raise SingularMatrixError(
            f"Singular matrix: the matrix at stack index {tuple(int(i) for i in where)} has a "
            f"zero pivot in its LU factorisation (stack of {n}x{n} matrices, shape "
            f"{stack_shape + (n, n)})"
        )
    return back_substitute_stack(U, G[:, :, n:])


def det_stack(A: np.ndarray) -> np.ndarray:
    """Determinants of a stack ``(S, n, n)``: ``(-1)^swaps prod diag(U)`` for each matrix.

    Examples
    --------
    >>> import numpy as np
    >>> det_stack(np.array([[[1.0, 2.0], [3.0, 4.0]], [[2.0, 0.0], [0.0, 3.0]]]))
    array([-2.,  6.])
    """
    G, _, swaps = eliminate_stack(A, A.shape[-1])
    with np.errstate(over="ignore", under="ignore"):  # as NumPy: inf or 0 past the range
        values = np.prod(_diagonals(G), axis=1)
    return np.where(swaps % 2, -values, values)


def slogdet_stack(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sign and ``log|det|`` of every matrix of a stack ``(S, n, n)``.

    Examples
    --------
    >>> import numpy as np
    >>> sign, logabsdet = slogdet_stack(np.array([[[0.0, 2.0], [2.0, 0.0]]]))
    >>> sign, np.round(logabsdet, 6)
    (array([-1.]), array([1.386294]))
    """
    G, _, swaps = eliminate_stack(A, A.shape[-1])
    diagonal = _diagonals(G)
    magnitude = np.abs(diagonal)
    singular = (magnitude == 0).any(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        units = np.where(magnitude == 0, 1, diagonal / np.where(magnitude == 0, 1, magnitude))
        sign = np.prod(units, axis=1) * np.where(swaps % 2, -1.0, 1.0)
        logabsdet = np.sum(np.log(magnitude), axis=1)
    sign = np.where(singular, 0, sign)
    logabsdet = np.where(singular, -np.inf, logabsdet)
    return sign, logabsdet
