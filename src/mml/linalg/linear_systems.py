"""Square systems through LU: ``solve``, ``inv``, ``det`` and ``slogdet`` (MML book §2.3, §4.1).

Each factors ``P A = L U`` once (:mod:`mml.linalg.lu_decomposition`) and read the
answer from the factors:

- ``solve``: forward then back substitution, ``x = U^{-1} L^{-1} P b``;
- ``inv``: the same with ``b = I``;
- ``det``: ``det(A) = (-1)^s prod_i u_ii`` with ``s`` the number of row swaps;
- ``slogdet``: the sign and ``sum_i log|u_ii|``, which neither overflows nor underflows.

Stacks of small matrices (up to ``SMALL``) are eliminated all at once by
:mod:`mml.linalg.lu_batched`, so a batch of ten thousand 3x3 systems costs a few array
operations per column rather than ten thousand factorisations.

Examples
--------
>>> import numpy as np
>>> import mml.linalg as la
>>> a = np.array([[3.0, 1.0], [1.0, 2.0]])
>>> la.solve(a, np.array([9.0, 8.0]))
array([2., 3.])
>>> float(la.det(a))
5.0
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.errors import ShapeError, SingularMatrixError
from mml.linalg._results import SlogdetResult
from mml.linalg._validation import (
    as_stacked_matrix,
    check_square,
    common_dtypes,
    map_matrices,
    real_dtype,
)
from mml.linalg.lu_batched import det_stack, slogdet_stack, solve_stack
from mml.linalg.lu_decomposition import (
    SMALL,
    eliminate_small,
    lu_factor_kernel,
    permutation_from_pivots,
)
from mml.linalg.lu_substitution import lu_solve_kernel

__all__ = ["solve", "inv", "det", "slogdet"]


def _raise_if_zero_pivot(diagonal: np.ndarray, shape: tuple[int, ...]) -> None:
    zero = np.flatnonzero(diagonal == 0)
    if zero.size:
        raise SingularMatrixError(
            f"Singular matrix: pivot {int(zero[0])} of the LU factorisation is exactly zero "
            f"(matrix of shape {shape})"
        )


def _solve_square(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """``A^{-1} B`` through LU; small systems eliminate on ``[A | B]`` with no recursion."""
    n = A.shape[0]
    if n > SMALL:
        inverses: tuple[dict, dict] = ({}, {})
        factors, piv, _ = lu_factor_kernel(A, inverses)
        _raise_if_zero_pivot(np.diagonal(factors), A.shape)
        perm = permutation_from_pivots(piv, n)
        return lu_solve_kernel(factors, perm, B, inverses=inverses)
    augmented = np.concatenate([A, B], axis=1)
    eliminate_small(augmented, n, np.arange(n))
    diagonal = np.diagonal(augmented[:, :n]).copy()
    _raise_if_zero_pivot(diagonal, A.shape)
    # back substitution on D^{-1} [U | y], whose U part has a unit diagonal
    with np.errstate(invalid="ignore"):  # inf / inf from inf input: NaN, as in NumPy
        augmented /= diagonal[:, None]
    U, X = augmented[:, :n], augmented[:, n:]
    for i in range(n - 2, -1, -1):
        X[i] -= U[i, i + 1 :] @ X[i + 1 :]
    return X


def _flat_stacks(*arrays: np.ndarray) -> tuple[tuple[int, ...], list[np.ndarray]] | None:
    """Flatten broadcast stacks of small matrices to ``(S, ., .)``, or None to go one by one.

    Stacks of matrices up to ``SMALL`` are eliminated all at once (:mod:`lu_batched`).
    """
    if all(array.ndim == 2 for array in arrays) or arrays[0].shape[-1] > SMALL:
        return None
    try:
        stack_shape = np.broadcast_shapes(*(array.shape[:-2] for array in arrays))
    except ValueError:
        shapes = ", ".join(str(array.shape) for array in arrays)
        raise ShapeError(
            f"the stack (leading) dimensions of the arrays do not broadcast: {shapes}"
        ) from None
    count = int(np.prod(stack_shape))
    flat = [
        np.broadcast_to(array, stack_shape + array.shape[-2:]).reshape((count,) + array.shape[-2:])
        for array in arrays
    ]
    return stack_shape, flat


def solve(a: Any, b: Any) -> np.ndarray:
    """Solve the linear system ``a x = b`` for a square, nonsingular ``a``.

    Parameters
    ----------
    a : (..., M, M) array_like
        Coefficient matrix, or a stack of them.
    b : (M,) or (..., M, K) array_like
        Right-hand side: one vector, or ``K`` columns (stack dimensions broadcast with
        ``a``'s, as in NumPy 2).

    Returns
    -------
    x : (..., M) or (..., M, K) ndarray
        The solution, ``a @ x == b`` up to rounding.

    Raises
    ------
    LinAlgError
        If ``a`` is not square (the message names the shape).
    SingularMatrixError
        If ``a`` is singular (a zero pivot in its LU factorisation).
    ShapeError
        If ``b`` does not have ``M`` rows.

    Examples
    --------
    >>> import numpy as np
    >>> solve(np.array([[1.0, 2.0], [3.0, 5.0]]), np.array([1.0, 2.0]))
    array([-1.,  1.])
    """
    A = check_square(as_stacked_matrix(a, "a"))
    B = np.asarray(b)
    if B.dtype.kind in "biu":
        B = B.astype(np.float64)
    vector = B.ndim == 1
    B = as_stacked_matrix(B[:, None] if vector else B, "b")
    m = A.shape[-1]
    if B.shape[-2] != m:
        raise ShapeError(
            f"solve: b has {B.shape[-2]} rows but a of shape {A.shape} needs {m} "
            f"(b has shape {np.shape(b)})"
        )
    work, result = common_dtypes(A, B)
    stacked = _flat_stacks(A, B)
    if stacked is not None:
        stack_shape, (flat_a, flat_b) = stacked
        x = solve_stack(flat_a.astype(work), flat_b.astype(work), stack_shape)
        x = x.reshape(stack_shape + x.shape[1:]).astype(result, copy=False)
        return x[..., 0] if vector else x

    def kernel(matrix: np.ndarray, rhs: np.ndarray) -> np.ndarray:
        return _solve_square(matrix.astype(work, copy=False), rhs.astype(work, copy=False))

    x = map_matrices(kernel, A, B).astype(result, copy=False)
    return x[..., 0] if vector else x


def inv(a: Any) -> np.ndarray:
    """The inverse ``a^{-1}``, with ``a @ a^{-1} = I``, of a square matrix or stack of them.

    Parameters
    ----------
    a : (..., M, M) array_like
        Matrix to invert.

    Returns
    -------
    ainv : (..., M, M) ndarray

    Raises
    ------
    LinAlgError
        If ``a`` is not square.
    SingularMatrixError
        If ``a`` is singular.

    Examples
    --------
    >>> import numpy as np
    >>> inv(np.array([[2.0, 0.0], [0.0, 4.0]]))
    array([[0.5 , 0.  ],
           [0.  , 0.25]])
    """
    A = check_square(as_stacked_matrix(a, "a"))
    work, result = common_dtypes(A)
    stacked = _flat_stacks(A)
    if stacked is not None:
        stack_shape, (flat,) = stacked
        n = A.shape[-1]
        identity = np.broadcast_to(np.eye(n, dtype=work), flat.shape)
        out = solve_stack(flat.astype(work), identity, stack_shape)
        return out.reshape(A.shape).astype(result, copy=False)

    def kernel(matrix: np.ndarray) -> np.ndarray:
        identity = np.eye(matrix.shape[0], dtype=work)
        return _solve_square(matrix.astype(work, copy=False), identity)

    return map_matrices(kernel, A).astype(result, copy=False)


def _log_diagonal(A: np.ndarray) -> tuple[Any, Any]:
    """Sign (a unit complex number for complex input) and log|det| of one square matrix."""
    factors, _, swaps = lu_factor_kernel(A)
    diagonal = np.diagonal(factors)
    magnitude = np.abs(diagonal)
    if np.any(magnitude == 0):
        return np.zeros((), A.dtype), np.array(-np.inf)
    with np.errstate(invalid="ignore"):  # inf / inf from inf input: NaN, as in NumPy
        sign = np.prod(diagonal / magnitude) * (-1.0 if swaps % 2 else 1.0)
    return sign, np.sum(np.log(magnitude))


def slogdet(a: Any) -> SlogdetResult:
    """Sign and natural log of the absolute value of the determinant: ``det = sign * exp(logabsdet)``.

    ``logabsdet = sum_i log|u_ii|`` over the LU factors, so the result stays finite where
    ``det`` itself would overflow or underflow (MML book §4.1).

    Parameters
    ----------
    a : (..., M, M) array_like

    Returns
    -------
    SlogdetResult
        ``sign`` (``(...)``; 1, -1 or 0, a unit complex number for complex ``a``) and
        ``logabsdet`` (``(...)``, real; ``-inf`` for a singular matrix).

    Raises
    ------
    LinAlgError
        If ``a`` is not square.

    Examples
    --------
    >>> import numpy as np
    >>> sign, logabsdet = slogdet(np.array([[1e200, 0.0], [0.0, -1e200]]))
    >>> float(sign), round(float(logabsdet), 4)
    (-1.0, 921.034)
    """
    A = check_square(as_stacked_matrix(a, "a"))
    work, result = common_dtypes(A)
    stacked = _flat_stacks(A)
    if stacked is not None:
        stack_shape, (flat,) = stacked
        sign, logabsdet = slogdet_stack(flat.astype(work))
        sign, logabsdet = sign.reshape(stack_shape), logabsdet.reshape(stack_shape)
    else:

        def kernel(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            return _log_diagonal(matrix.astype(work, copy=False))

        sign, logabsdet = map_matrices(kernel, A)
    sign = np.asarray(sign).astype(result, copy=False)
    logabsdet = np.asarray(logabsdet).astype(real_dtype(result), copy=False)
    if sign.ndim == 0:
        return SlogdetResult(sign[()], logabsdet[()])
    return SlogdetResult(sign, logabsdet)


def det(a: Any) -> Any:
    """The determinant ``det(a) = (-1)^s prod_i u_ii`` from the LU factorisation ``P a = L U``.

    Parameters
    ----------
    a : (..., M, M) array_like

    Returns
    -------
    det : (...) array_like
        A scalar for one matrix; 0 for a singular matrix, 1 for a ``0 x 0`` one.

    Raises
    ------
    LinAlgError
        If ``a`` is not square.

    Examples
    --------
    >>> import numpy as np
    >>> float(det(np.array([[1.0, 2.0], [3.0, 4.0]])))
    -2.0
    """
    A = check_square(as_stacked_matrix(a, "a"))
    work, result = common_dtypes(A)

    def kernel(matrix: np.ndarray) -> Any:
        factors, _, swaps = lu_factor_kernel(matrix.astype(work, copy=False))
        with np.errstate(over="ignore", under="ignore"):  # as NumPy: inf or 0 past the range
            value = np.prod(np.diagonal(factors))
        return -value if swaps % 2 else value

    stacked = _flat_stacks(A)
    if stacked is not None:
        stack_shape, (flat,) = stacked
        return det_stack(flat.astype(work)).reshape(stack_shape).astype(result, copy=False)
    out = np.asarray(map_matrices(kernel, A)).astype(result, copy=False)
    return out[()] if out.ndim == 0 else out
