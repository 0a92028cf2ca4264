"""Shared input validation for ``mml.linalg``: one validator per kind of input.

Every public function of ``mml.linalg`` calls these at its top, the way ``numpy.linalg``
calls ``_assert_stacked_square`` and ``_commonType``:

- :func:`as_stacked_matrix` turns the input into an array of shape ``(..., M, N)``;
- :func:`check_square` and :func:`check_finite` refuse what a kernel cannot take;
- :func:`common_dtypes` picks the precision to compute in and the dtype to return, by
  NumPy's rules (integers and booleans become float64; float32 and complex64 are computed
  in double precision and rounded back at the end, as ``numpy.linalg`` does);
- :func:`map_matrices` applies a kernel written for one 2-D matrix over the leading
  "stack" dimensions, so stacked input is handled once, not in every function.

Examples
--------
>>> import numpy as np
>>> a = as_stacked_matrix([[1, 2], [3, 4]])
>>> a.dtype
dtype('float64')
>>> check_square(a).shape
(2, 2)
>>> common_dtypes(np.ones((2, 2), dtype=np.float32))
(dtype('float64'), dtype('float32'))
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from mml.errors import DTypeError, InvalidMatrixError, ShapeError

__all__ = [
    "as_stacked_matrix",
    "as_matrix",
    "check_square",
    "check_finite",
    "common_dtypes",
    "working_dtype",
    "result_dtype",
    "real_dtype",
    "is_complex",
    "map_matrices",
]

# The four inexact dtypes that LAPACK (and so numpy.linalg) works in.
_SUPPORTED = (np.float32, np.float64, np.complex64, np.complex128)


def _check_dtype(array: np.ndarray, name: str) -> np.ndarray:
    """Promote booleans and integers to float64; refuse dtypes that hold no numbers."""
    kind = array.dtype.kind
    if kind in "biu":
        return array.astype(np.float64)
    if kind in "fc":
        if array.dtype.type not in _SUPPORTED:
            raise DTypeError(
                f"array type {array.dtype.name} of {name} is unsupported in linalg; "
                "use float32, float64, complex64 or complex128"
            )
        if not array.dtype.isnative:
            return array.astype(array.dtype.newbyteorder("="))
        return array
    raise DTypeError(
        f"{name} has dtype {array.dtype} that is not numeric; linalg needs booleans, "
        "integers, or float32/float64/complex64/complex128 numbers"
    )


def as_stacked_matrix(a: Any, name: str = "a") -> np.ndarray:
    """Return ``a`` as an array of shape ``(..., M, N)`` with a dtype that linalg can use.

    Parameters
    ----------
    a : array_like
        A matrix, or a stack of matrices along the leading dimensions.
    name : str, optional
        The argument name used in error messages.

    Returns
    -------
    ndarray
        ``a`` itself when it already qualifies (no copy), else a converted copy. Booleans
        and integers become float64.

    Raises
    ------
    LinAlgError
        If ``a`` has fewer than two dimensions (NumPy's message).
    TypeError
        If the dtype is not numeric, or is float16 / longdouble (NumPy refuses those too).

    Examples
    --------
    >>> as_stacked_matrix([[1, 0], [0, 1]]).dtype
    dtype('float64')
    >>> as_stacked_matrix([1.0, 2.0])
    Traceback (most recent call last):
    ...
    mml.errors.InvalidMatrixError: 1-dimensional array given. Array must be at least two-dimensional (a has shape (2,))
    """
    array = _check_dtype(np.asarray(a), name)
    if array.ndim < 2:
        raise InvalidMatrixError(
            f"{array.ndim}-dimensional array given. Array must be at least "
            f"two-dimensional ({name} has shape {array.shape})"
        )
    return array


def as_matrix(a: Any, name: str = "a") -> np.ndarray:
    """Return ``a`` as one 2-D matrix (no stacking); like :func:`as_stacked_matrix` otherwise.

    Raises
    ------
    LinAlgError
        If ``a`` is not two-dimensional.

    Examples
    --------
    >>> as_matrix([[1, 2], [3, 4]]).shape
    (2, 2)
    """
    array = _check_dtype(np.asarray(a), name)
    if array.ndim != 2:
        raise InvalidMatrixError(
            f"{array.ndim}-dimensional array given. Array must be two-dimensional "
            f"({name} has shape {array.shape})"
        )
    return array


def check_square(a: np.ndarray, name: str = "a") -> np.ndarray:
    """Check that the last two dimensions of ``a`` are equal; return ``a``.

    Raises
    ------
    LinAlgError
        ``Last 2 dimensions of the array must be square``, with the shape of ``a``.

    Examples
    --------
    >>> import numpy as np
    >>> check_square(np.ones((2, 3)))
    Traceback (most recent call last):
    ...
    mml.errors.InvalidMatrixError: Last 2 dimensions of the array must be square (a has shape (2, 3))
    """
    if a.ndim < 2:
        raise InvalidMatrixError(
            f"{a.ndim}-dimensional array given. Array must be at least "
            f"two-dimensional ({name} has shape {a.shape})"
        )
    if a.shape[-1] != a.shape[-2]:
        raise InvalidMatrixError(
            f"Last 2 dimensions of the array must be square ({name} has shape {a.shape})"
        )
    return a


def check_finite(a: np.ndarray, name: str = "a") -> np.ndarray:
    """Check that ``a`` holds no NaN or infinity; return ``a``.

    Raises
    ------
    LinAlgError
        ``Array must not contain infs or NaNs`` (NumPy's message), naming the argument.

    Examples
    --------
    >>> import numpy as np
    >>> check_finite(np.array([[1.0, np.nan]]), name="b")
    Traceback (most recent call last):
    ...
    mml.errors.InvalidMatrixError: Array must not contain infs or NaNs (b has 1 of them)
    """
    finite = np.isfinite(a)
    if not finite.all():
        bad = int(finite.size - np.count_nonzero(finite))
        raise InvalidMatrixError(f"Array must not contain infs or NaNs ({name} has {bad} of them)")
    return a


def is_complex(dtype: Any) -> bool:
    """True for complex dtypes.

    Examples
    --------
    >>> import numpy as np
    >>> is_complex(np.complex64), is_complex(np.float64)
    (True, False)
    """
    return np.dtype(dtype).kind == "c"


def real_dtype(dtype: Any) -> np.dtype:
    """The real dtype of the same precision: complex64 -> float32, complex128 -> float64.

    Examples
    --------
    >>> import numpy as np
    >>> real_dtype(np.complex64)
    dtype('float32')
    """
    dtype = np.dtype(dtype)
    return np.empty(0, dtype=dtype).real.dtype


def common_dtypes(*arrays: np.ndarray) -> tuple[np.dtype, np.dtype]:
    """NumPy's ``_commonType``: the dtype to compute in and the dtype to return.

    The computation runs in float64 (complex128 if any input is complex). The result is
    float32/complex64 only when every input is single precision, as in ``numpy.linalg``.

    Examples
    --------
    >>> import numpy as np
    >>> common_dtypes(np.ones((1, 1), np.float32), np.ones((1, 1), np.complex64))
    (dtype('complex128'), dtype('complex64'))
    >>> common_dtypes(np.ones((1, 1), np.float32), np.ones((1, 1)))
    (dtype('float64'), dtype('float64'))
    """
    single = True
    complex_ = False
    for array in arrays:
        dtype = array.dtype
        if dtype.kind == "c":
            complex_ = True
        if dtype not in (np.dtype(np.float32), np.dtype(np.complex64)):
            single = False
    if complex_:
        return np.dtype(np.complex128), np.dtype(np.complex64 if single else np.complex128)
    return np.dtype(np.float64), np.dtype(np.float32 if single else np.float64)


def working_dtype(*arrays: np.ndarray) -> np.dtype:
    """The dtype a kernel computes in (float64 or complex128); see :func:`common_dtypes`.

    Examples
    --------
    >>> import numpy as np
    >>> working_dtype(np.ones((2, 2), np.complex64))
    dtype('complex128')
    """
    return common_dtypes(*arrays)[0]


def result_dtype(*arrays: np.ndarray) -> np.dtype:
    """The dtype a function returns; see :func:`common_dtypes`.

    Examples
    --------
    >>> import numpy as np
    >>> result_dtype(np.ones((2, 2), np.float32))
    dtype('float32')
    """
    return common_dtypes(*arrays)[1]


def map_matrices(
    kernel: Callable[..., Any],
    *arrays: np.ndarray,
    empty_probe: Callable[[int, int], np.ndarray] | None = None,
) -> Any:
    """Apply a 2-D ``kernel`` to every matrix of a stack, broadcasting the stack dimensions.

    Each array has shape ``(..., M_i, N_i)``. The leading dimensions are broadcast together
    and ``kernel(a_i[idx], ...)`` is called once per index. Its result (an array, a scalar,
    or a tuple of them) is stacked: each output gets shape ``stack_shape + kernel_shape``.
    A plain 2-D input calls the kernel directly, with no overhead.

    Parameters
    ----------
    kernel : callable
        A function of 2-D arrays, one per ``arrays`` entry.
    *arrays : ndarray
        Arrays with at least two dimensions.
    empty_probe : callable, optional
        When the stack is empty the kernel is never called on real data; to learn the
        shape and dtype of its output it is called once on ``empty_probe(M, N)`` (default:
        the ``M x N`` identity, which every square kernel accepts).

    Returns
    -------
    ndarray or tuple of ndarray
        Outputs stacked over the leading dimensions; a tuple type returned by the kernel
        (for example a named tuple) is preserved.

    Raises
    ------
    ShapeError
        If the stack dimensions of the arrays cannot be broadcast together.

    Examples
    --------
    >>> import numpy as np
    >>> stack = np.arange(12.0).reshape(3, 2, 2)
    >>> map_matrices(lambda m: m.trace(), stack)
    array([ 3., 11., 19.])
    >>> map_matrices(lambda m: (m.T, m.sum()), stack)[0].shape
    (3, 2, 2)
    """
    if all(array.ndim == 2 for array in arrays):
        return kernel(*arrays)
    try:
        stack_shape = np.broadcast_shapes(*(array.shape[:-2] for array in arrays))
    except ValueError:
        shapes = ", ".join(str(array.shape) for array in arrays)
        raise ShapeError(
            f"the stack (leading) dimensions of the arrays do not broadcast: {shapes}"
        ) from None
    arrays = tuple(np.broadcast_to(a, stack_shape + a.shape[-2:]) for a in arrays)
    count = int(np.prod(stack_shape))
    if count == 0:
        probe = empty_probe or (lambda m, n: np.eye(m, n, dtype=arrays[0].dtype))
        first = kernel(*(probe(*a.shape[-2:]).astype(a.dtype) for a in arrays))
        return _stack_outputs(first, stack_shape, [], empty=True)
    results = [kernel(*(a[index] for a in arrays)) for index in np.ndindex(*stack_shape)]
    return _stack_outputs(results[0], stack_shape, results, empty=False)


def _stack_outputs(
    first: Any, stack_shape: tuple[int, ...], results: list[Any], empty: bool
) -> Any:
    """Stack per-matrix outputs (arrays, scalars or tuples of them) into stacked arrays."""
    if isinstance(first, tuple):
        parts = []
        for position, item in enumerate(first):
            column = [result[position] for result in results]
            parts.append(_stack_one(item, stack_shape, column, empty))
        if hasattr(first, "_fields"):  # a named tuple keeps its type
            return type(first)(*parts)
        return tuple(parts)
    return _stack_one(first, stack_shape, results, empty)


def _stack_one(first: Any, stack_shape: tuple[int, ...], values: list[Any], empty: bool) -> Any:
    first = np.asarray(first)
    dtype = first.dtype
    for value in values:  # e.g. one matrix of a stack with complex eigenvalues
        dtype = np.promote_types(dtype, np.asarray(value).dtype)
    out = np.empty(stack_shape + first.shape, dtype=dtype)
    if empty:
        return out
    for flat, index in enumerate(np.ndindex(*stack_shape)):
        out[index] = values[flat]
    return out
