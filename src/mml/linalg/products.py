"""Products and small matrix operations (MML book §2.2, §3.2, §4.1).

``matmul``, ``multi_dot`` (the cheapest parenthesisation of a chain of products, by
dynamic programming), ``matrix_power`` (repeated squaring), ``outer``, ``cross``,
``vecdot`` (``sum_i conj(x_i) y_i``), ``tensordot``, ``trace``, ``diagonal`` and
``matrix_transpose``, with ``numpy.linalg``'s names and signatures.

Examples
--------
>>> import numpy as np
>>> import mml.linalg as la
>>> la.matrix_power(np.array([[1, 1], [1, 0]]), 10)
array([[89, 55],
       [55, 34]])
>>> la.cross([1.0, 0.0, 0.0], [0.0, 1.0, 0.0])
array([0., 0., 1.])
"""

from __future__ import annotations

import operator
from typing import Any

import numpy as np

from mml.errors import InvalidMatrixError, ShapeError
from mml.linalg._validation import check_square

__all__ = [
    "matmul",
    "multi_dot",
    "matrix_power",
    "outer",
    "cross",
    "vecdot",
    "tensordot",
    "trace",
    "diagonal",
    "matrix_transpose",
]


def matmul(x1: Any, x2: Any, /) -> np.ndarray:
    """Matrix product ``x1 @ x2``, broadcasting stacks; vectors as in ``numpy.matmul``.

    Examples
    --------
    >>> import numpy as np
    >>> matmul(np.eye(2), np.array([1.0, 2.0]))
    array([1., 2.])
    """
    return np.matmul(x1, x2)


def matrix_transpose(x: Any, /) -> np.ndarray:
    """Transpose each matrix of a stack: swap the last two axes.

    Raises
    ------
    ValueError
        If ``x`` has fewer than two dimensions.

    Examples
    --------
    >>> import numpy as np
    >>> matrix_transpose(np.arange(6).reshape(1, 2, 3)).shape
    (1, 3, 2)
    """
    array = np.asanyarray(x)
    if array.ndim < 2:
        raise ValueError(f"Input array must be at least 2-dimensional, got shape {array.shape}")
    return np.swapaxes(array, -1, -2)


def trace(x: Any, /, *, offset: int = 0, dtype: Any = None) -> Any:
    """Sum of the (``offset``) diagonal of each matrix in the last two axes.

    Examples
    --------
    >>> import numpy as np
    >>> int(trace(np.arange(9).reshape(3, 3)))
    12
    """
    return np.trace(np.asanyarray(x), offset, axis1=-2, axis2=-1, dtype=dtype)


def diagonal(x: Any, /, *, offset: int = 0) -> np.ndarray:
    """The (``offset``) diagonal of each matrix in the last two axes.

    Examples
    --------
    >>> import numpy as np
    >>> diagonal(np.arange(9).reshape(3, 3), offset=1)
    array([1, 5])
    """
    return np.diagonal(np.asanyarray(x), offset, axis1=-2, axis2=-1)


def outer(x1: Any, x2: Any, /) -> np.ndarray:
    """Outer product ``x1 x2^T`` of two vectors: ``out[i, j] = x1[i] * x2[j]``.

    Raises
    ------
    ValueError
        If either input is not one-dimensional.

    Examples
    --------
    >>> outer([1, 2], [3, 4])
    array([[3, 4],
           [6, 8]])
    """
    a, b = np.asanyarray(x1), np.asanyarray(x2)
    if a.ndim != 1 or b.ndim != 1:
        raise ValueError(
            f"Input arrays must be one-dimensional, but they are x1.ndim={a.ndim} and x2.ndim={b.ndim}."
        )
    return a[:, None] * b[None, :]


def cross(x1: Any, x2: Any, /, *, axis: int = -1) -> np.ndarray:
    """Cross product of 3-vectors: ``(a2 b3 - a3 b2, a3 b1 - a1 b3, a1 b2 - a2 b1)``.

    Raises
    ------
    ValueError
        If the vectors along ``axis`` do not have length 3.

    Examples
    --------
    >>> cross([0, 0, 1], [1, 0, 0])
    array([0, 1, 0])
    """
    a, b = np.asanyarray(x1), np.asanyarray(x2)
    if a.shape[axis] != 3 or b.shape[axis] != 3:
        raise ValueError(
            "Both input arrays must be (arrays of) 3-dimensional vectors, but they are "
            f"{a.shape[axis]} and {b.shape[axis]} dimensional instead."
        )
    a, b = np.moveaxis(a, axis, -1), np.moveaxis(b, axis, -1)
    a1, a2, a3 = a[..., 0], a[..., 1], a[..., 2]
    b1, b2, b3 = b[..., 0], b[..., 1], b[..., 2]
    out = np.stack([a2 * b3 - a3 * b2, a3 * b1 - a1 * b3, a1 * b2 - a2 * b1], axis=-1)
    return np.moveaxis(out, -1, axis)


def vecdot(x1: Any, x2: Any, /, *, axis: int = -1) -> np.ndarray:
    """Vector dot product along ``axis``, conjugating the first argument: ``sum conj(x1) x2``.

    Examples
    --------
    >>> import numpy as np
    >>> vecdot(np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([1.0, 1.0]))
    array([3., 7.])
    """
    a, b = np.asanyarray(x1), np.asanyarray(x2)
    if a.shape[axis] != b.shape[axis]:
        raise ShapeError(
            f"vecdot: the vectors along axis {axis} differ in length: {a.shape} and {b.shape}"
        )
    a, b = np.moveaxis(a, axis, -1), np.moveaxis(b, axis, -1)
    return np.matmul(a.conj()[..., None, :], b[..., :, None])[..., 0, 0]


def tensordot(x1: Any, x2: Any, /, *, axes: Any = 2) -> np.ndarray:
    """Sum products over the last ``axes`` axes of ``x1`` and the first of ``x2`` (or pairs).

    The contracted axes are moved together and flattened, so the contraction is one
    matrix product.

    Examples
    --------
    >>> import numpy as np
    >>> a = np.arange(24.0).reshape(2, 3, 4)
    >>> tensordot(a, np.ones((3, 4)), axes=2)
    array([ 66., 210.])
    """
    a, b = np.asanyarray(x1), np.asanyarray(x2)
    if isinstance(axes, int) or np.ndim(axes) == 0:
        count = operator.index(axes)
        axes_a = list(range(a.ndim - count, a.ndim))
        axes_b = list(range(count))
    else:
        axes_a, axes_b = axes
        axes_a = [axes_a] if np.ndim(axes_a) == 0 else list(axes_a)
        axes_b = [axes_b] if np.ndim(axes_b) == 0 else list(axes_b)
    axes_a = [axis % a.ndim for axis in axes_a]
    axes_b = [axis % b.ndim for axis in axes_b]
    if len(axes_a) != len(axes_b) or any(a.shape[i] != b.shape[j] for i, j in zip(axes_a, axes_b)):
        raise ShapeError(
            f"shape-mismatch for sum: axes {axes_a} of {a.shape} and {axes_b} of {b.shape}"
        )
    free_a = [i for i in range(a.ndim) if i not in axes_a]
    free_b = [j for j in range(b.ndim) if j not in axes_b]
    inner = int(np.prod([a.shape[i] for i in axes_a]))
    left = np.transpose(a, free_a + axes_a).reshape(-1, inner)
    right = np.transpose(b, axes_b + free_b).reshape(inner, -1)
    shape = [a.shape[i] for i in free_a] + [b.shape[j] for j in free_b]
    return (left @ right).reshape(shape)


def matrix_power(a: Any, n: int) -> np.ndarray:
    """``a`` to the integer power ``n`` by repeated squaring (``n < 0`` inverts first).

    Uses the binary digits of ``n``: ``a^13 = a^8 a^4 a``, so about ``2 log2(n)`` products.

    Raises
    ------
    LinAlgError
        If ``a`` is not square.
    TypeError
        If ``n`` is not an integer.
    SingularMatrixError
        If ``n < 0`` and ``a`` is singular.

    Examples
    --------
    >>> import numpy as np
    >>> matrix_power(np.array([[2.0, 0.0], [0.0, 3.0]]), -1)
    array([[0.5       , 0.        ],
           [0.        , 0.33333333]])
    """
    from mml.linalg.linear_systems import inv

    array = np.asanyarray(a)
    check_square(array)
    try:
        power = operator.index(n)
    except TypeError as error:
        raise TypeError("exponent must be an integer") from error
    if power == 0:
        out = np.empty_like(array)
        out[...] = np.eye(array.shape[-2], dtype=array.dtype)
        return out
    if power < 0:
        array = inv(array)
        power = -power
    result = None
    square = array
    while True:  # binary powering: multiply in a^(2^k) where bit k of n is set
        power, bit = divmod(power, 2)
        if bit:
            result = square if result is None else np.matmul(result, square)
        if not power:
            return result
        square = np.matmul(square, square)


def _chain_order(dims: list[int]) -> list[list[int]]:
    """Split points of the cheapest parenthesisation (matrix-chain dynamic programming)."""
    n = len(dims) - 1
    cost = [[0.0] * n for _ in range(n)]
    split = [[0] * n for _ in range(n)]
    for length in range(1, n):
        for i in range(n - length):
            j = i + length
            cost[i][j] = float("inf")
            for k in range(i, j):
                q = cost[i][k] + cost[k + 1][j] + dims[i] * dims[k + 1] * dims[j + 1]
                if q < cost[i][j]:
                    cost[i][j], split[i][j] = q, k
    return split


def _multiply_chain(arrays: list[np.ndarray], split: list[list[int]], i: int, j: int) -> np.ndarray:
    if i == j:
        return arrays[i]
    k = split[i][j]
    return _multiply_chain(arrays, split, i, k) @ _multiply_chain(arrays, split, k + 1, j)


def multi_dot(arrays: Any, *, out: np.ndarray | None = None) -> Any:
    """Product of two or more matrices, in the order with the fewest scalar multiplications.

    The first array may be a row vector (1-D) and the last a column vector (1-D).

    Raises
    ------
    ValueError
        With fewer than two arrays.
    LinAlgError
        If an inner array is not two-dimensional.
    ShapeError
        If neighbouring shapes do not chain.

    Examples
    --------
    >>> import numpy as np
    >>> multi_dot([np.ones((10, 100)), np.ones((100, 5)), np.ones(5)]).shape
    (10,)
    """

    items = [np.asanyarray(a) for a in arrays]
    if len(items) < 2:
        raise ValueError("Expecting at least two arrays.")
    first_vector, last_vector = items[0].ndim == 1, items[-1].ndim == 1
    if first_vector:
        items[0] = items[0][None, :]
    if last_vector:
        items[-1] = items[-1][:, None]
    for position, item in enumerate(items):
        if item.ndim != 2:
            raise InvalidMatrixError(
                f"{item.ndim}-dimensional array given. Array must be two-dimensional "
                f"(array {position} has shape {item.shape})"
            )
    for position in range(len(items) - 1):
        if items[position].shape[1] != items[position + 1].shape[0]:
            raise ShapeError(
                f"multi_dot: array {position} of shape {items[position].shape} does not chain "
                f"with array {position + 1} of shape {items[position + 1].shape}"
            )
    dims = [item.shape[0] for item in items] + [items[-1].shape[1]]
    result = _multiply_chain(items, _chain_order(dims), 0, len(items) - 1)
    if first_vector and last_vector:
        result = result[0, 0]
    elif first_vector or last_vector:
        result = result.ravel()
    if out is not None:
        out[...] = result
        return out
    return result
