"""Cholesky decomposition ``A = L L^H`` of a Hermitian positive definite matrix (MML book §4.3).

Column by column, ``l_jj = sqrt(a_jj - sum_{k<j} |l_jk|^2)`` and
``l_ij = (a_ij - sum_{k<j} l_ik conj(l_jk)) / l_jj``; a non-positive number under the square
root means ``A`` is not positive definite.

Two versions live here:

- :func:`cholesky_unblocked`: that loop, kept as the readable reference;
- :func:`cholesky_kernel`: recursive on halves,

      [A11  .  ]   [L11  0 ] [L11^H L21^H]        L11 = chol(A11)
      [A21 A22 ] = [L21 L22] [ 0    L22^H]   =>   L21 = A21 L11^{-H}
                                                  L22 = chol(A22 - L21 L21^H),

  with the symmetric update ``A22 - L21 L21^H`` itself split in halves so that only its
  lower triangle is computed (half the flops of a full matmul). Small diagonal blocks are
  factored by elimination on ``[A11 | I]``, which yields ``L11^H`` and ``L11^{-1}`` in one
  sweep; every triangular solve is then a matmul with a stored inverse.

Up to ``_SMALL`` the reference loop itself is used, and a stack of small matrices runs it
on the whole stack at once (:func:`cholesky_stack`).

The public function is NumPy's :func:`cholesky` (with ``upper=``); SciPy's
``cho_factor`` / ``cho_solve`` are in :mod:`mml.linalg.cholesky_substitution`.

Examples
--------
>>> import numpy as np
>>> from mml.linalg import cholesky
>>> cholesky(np.array([[4.0, 2.0], [2.0, 5.0]]))
array([[2., 0.],
       [1., 2.]])
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from mml.errors import NotPositiveDefiniteError
from mml.linalg._validation import (
    as_stacked_matrix,
    check_square,
    common_dtypes,
    map_matrices,
)
from mml.linalg.triangular import invert_triangular

__all__ = [
    "cholesky",
    "cholesky_unblocked",
    "cholesky_kernel",
    "cholesky_stack",
]

# Diagonal blocks up to this size are factored by the elimination sweep.
_BASE = 32
# Symmetric updates up to this size use one full matmul (waste is cheaper than recursion).
_UPDATE_BASE = 128
# Matrices up to this size skip the recursion altogether.
_SMALL = 96


def _not_positive_definite(order: int) -> NotPositiveDefiniteError:
    return NotPositiveDefiniteError(
        f"Matrix is not positive definite: the leading minor of order {order} is not positive"
    )


def cholesky_unblocked(A: np.ndarray) -> np.ndarray:
    """Reference Cholesky, one column at a time, reading the lower triangle of ``A``.

    Column ``j`` is ``a_{j:, j} - L_{j:, :j} conj(L_{j, :j})``, divided by the square root
    of its first entry. It is also the fast path for small matrices.

    Examples
    --------
    >>> import numpy as np
    >>> cholesky_unblocked(np.array([[9.0, 3.0], [3.0, 5.0]]))
    array([[3., 0.],
           [1., 2.]])
    """
    A = np.asarray(A)
    L = np.zeros(A.shape, dtype=np.result_type(A, np.float64))
    complex_ = L.dtype.kind == "c"
    for j in range(L.shape[0]):
        row = L[j, :j].conj() if complex_ else L[j, :j]
        column = A[j:, j] - L[j:, :j] @ row
        d = column[0].real
        if not d > 0:
            raise _not_positive_definite(j + 1)
        column /= math.sqrt(d)
        L[j:, j] = column
    return L


def cholesky_stack(A: np.ndarray) -> np.ndarray:
    """Column-by-column Cholesky of a whole stack ``(S, n, n)`` at once (lower triangles read).

    The loop runs over the ``n`` columns; each step handles every matrix of the stack
    with one batched matrix-vector product, so a stack of many small matrices costs
    ``n`` steps, not ``S`` factorisations.

    Raises
    ------
    NotPositiveDefiniteError
        Naming the stack index of the first matrix that is not positive definite.

    Examples
    --------
    >>> import numpy as np
    >>> cholesky_stack(np.array([[[4.0, 0.0], [2.0, 5.0]], [[1.0, 0.0], [0.0, 9.0]]]))
    array([[[2., 0.],
            [1., 2.]],
    <BLANKLINE>
           [[1., 0.],
            [0., 3.]]])
    """
    L = np.zeros(A.shape, dtype=np.result_type(A, np.float64))
    complex_ = L.dtype.kind == "c"
    for j in range(A.shape[-1]):
        row = L[:, j, :j].conj() if complex_ else L[:, j, :j]
        column = A[:, j:, j] - np.matmul(L[:, j:, :j], row[:, :, None])[:, :, 0]
        d = column[:, 0].real
        failed = np.flatnonzero(~(d > 0))
        if failed.size:
            raise NotPositiveDefiniteError(
                f"Matrix is not positive definite: in the matrix at flat stack index "
                f"{int(failed[0])}, the leading minor of order {j + 1} is not positive"
            )
        column /= np.sqrt(d)[:, None]
        L[:, j:, j] = column
    return L


def _factor_diagonal_block(
    A: np.ndarray, start: int, inverses: dict | None, with_inverse: bool = True
) -> None:
    """Factor a small diagonal block in place; store ``L11^{-1}`` under ``(start, size)``.

    Eliminating ``[A11 | I]`` row by row (``row_j /= sqrt(pivot)``, then subtract multiples
    of it from the rows below) turns it into ``[L11^H | L11^{-1}]``.
    """
    b = A.shape[0]
    lower = np.tril(A)
    sweep = np.empty((b, 2 * b if with_inverse else b), dtype=A.dtype)
    sweep[:, :b] = lower + np.tril(lower, -1).conj().T  # the Hermitian block
    if with_inverse:
        sweep[:, b:] = np.eye(b, dtype=A.dtype)
    for j in range(b):
        d = sweep[j, j].real
        if not d > 0:
            raise _not_positive_definite(start + j + 1)
        sweep[j, j:] /= np.sqrt(d)
        if j + 1 < b:
            multipliers = sweep[j, j + 1 : b].conj()
            sweep[j + 1 :, j:] -= multipliers[:, None] * sweep[j, None, j:]
    A[...] = np.triu(sweep[:, :b]).conj().T
    if with_inverse and inverses is not None:
        inverses[(start, b)] = sweep[:, b:]


def _adjoint(M: np.ndarray) -> np.ndarray:
    """``M^H`` as a view when ``M`` is real (``conj`` would copy it)."""
    return M.conj().T if M.dtype.kind == "c" else M.T


def _solve_right_conj_transpose(L: np.ndarray, X: np.ndarray, inverses: dict, offset: int) -> None:
    """Overwrite ``X`` with ``X L^{-H}`` for lower triangular ``L`` (a right-side solve)."""
    n = L.shape[0]
    inverse = inverses.get((offset, n))
    if inverse is None and n <= _BASE:  # not factored by the sweep: invert it here
        inverse = invert_triangular(L, lower=True)
    if inverse is not None:
        X[...] = X @ _adjoint(inverse)
        return
    k = n // 2
    # [X1 X2] [[La^H, Lb^H], [0, Lc^H]] = [A1 A2]
    _solve_right_conj_transpose(L[:k, :k], X[:, :k], inverses, offset)
    X[:, k:] -= X[:, :k] @ _adjoint(L[k:, :k])
    _solve_right_conj_transpose(L[k:, k:], X[:, k:], inverses, offset + k)


def _subtract_gram_lower(C: np.ndarray, B: np.ndarray) -> None:
    """``C -= B B^H`` on the lower triangle of ``C`` only (the upper one may be scribbled)."""
    n = C.shape[0]
    if n <= _UPDATE_BASE:
        C -= B @ _adjoint(B)
        return
    k = n // 2
    _subtract_gram_lower(C[:k, :k], B[:k])
    C[k:, :k] -= B[k:] @ _adjoint(B[:k])
    _subtract_gram_lower(C[k:, k:], B[k:])


def _factor_recursive(A: np.ndarray, start: int, inverses: dict) -> None:
    """Factor ``A`` in place into its lower Cholesky factor (zeros above the diagonal)."""
    n = A.shape[0]
    if n <= _BASE:
        _factor_diagonal_block(A, start, inverses)
        return
    k = n // 2
    A[:k, k:] = 0  # the upper block of L; the lower triangle alone is read below
    _factor_recursive(A[:k, :k], start, inverses)
    _solve_right_conj_transpose(A[:k, :k], A[k:, :k], inverses, start)
    _subtract_gram_lower(A[k:, k:], A[k:, :k])
    _factor_recursive(A[k:, k:], start + k, inverses)


def cholesky_kernel(A: np.ndarray) -> np.ndarray:
    """Blocked recursive Cholesky of one matrix: the lower factor ``L`` (a new array).

    Only the lower triangle of ``A`` is read.

    Raises
    ------
    NotPositiveDefiniteError
        Naming the order of the first leading minor that is not positive.

    Examples
    --------
    >>> import numpy as np
    >>> cholesky_kernel(np.array([[1.0, 2.0], [2.0, 13.0]]))
    array([[1., 0.],
           [2., 3.]])
    """
    L = np.array(A, dtype=np.result_type(A, np.float64), order="C")
    if L.shape[0] <= _SMALL:  # fast path: no recursion
        return cholesky_unblocked(L)
    _factor_recursive(L, 0, {})
    return L


def cholesky(a: Any, /, *, upper: bool = False) -> np.ndarray:
    """Cholesky factor of a Hermitian positive definite matrix: ``a = L L^H`` (or ``U^H U``).

    Parameters
    ----------
    a : (..., M, M) array_like
        Hermitian (symmetric if real) positive definite. Only the lower triangle is read,
        or the upper one when ``upper`` is true, as in NumPy.
    upper : bool, optional
        Return the upper triangular ``U = L^H`` instead of ``L``.

    Returns
    -------
    L : (..., M, M) ndarray
        Lower (or upper) triangular with a positive real diagonal.

    Raises
    ------
    LinAlgError
        If ``a`` is not square.
    NotPositiveDefiniteError
        If ``a`` is not positive definite (names the first failing leading minor).

    Notes
    -----
    NaN or infinity in the input gives a NaN factor, as in NumPy.

    Examples
    --------
    >>> import numpy as np
    >>> cholesky(np.array([[4.0, 2.0], [2.0, 5.0]]), upper=True)
    array([[2., 1.],
           [0., 2.]])
    """
    A = check_square(as_stacked_matrix(a, "a"))
    work, result = common_dtypes(A)
    n = A.shape[-1]
    if A.ndim > 2 and n <= _SMALL:  # a stack of small matrices: all of them at once
        source = np.swapaxes(A, -1, -2) if upper else A
        flat = source.reshape((int(np.prod(A.shape[:-2])), n, n)).astype(work)
        lower = np.tril(flat)
        finite = np.isfinite(lower).all(axis=(1, 2))
        flat[~finite] = np.eye(n, dtype=work)  # NaN/inf matrices give NaN factors, as in NumPy
        L = cholesky_stack(flat)
        L[~finite] = np.tril(np.full((n, n), np.nan, dtype=work))
        L = L.reshape(A.shape).astype(result, copy=False)
        return np.swapaxes(L, -1, -2) if upper else L

    def kernel(matrix: np.ndarray) -> np.ndarray:
        source = matrix.T if upper else matrix
        # NaN or inf in the triangle that is read ends in a pivot that is NaN or not
        # positive (an error) or in an infinite diagonal entry; NumPy answers NaN there.
        try:
            with np.errstate(invalid="ignore", over="ignore"):
                L = cholesky_kernel(source.astype(work, copy=False))
        except NotPositiveDefiniteError:
            if not np.isfinite(np.tril(source)).all():
                return np.tril(np.full(matrix.shape, np.nan, dtype=work))
            raise
        if np.isfinite(np.diagonal(L)).all():
            return L
        return np.tril(np.full(matrix.shape, np.nan, dtype=work))

    L = map_matrices(kernel, A).astype(result, copy=False)
    return np.swapaxes(L, -1, -2) if upper else L
