"""Vector and matrix norms and the condition number (MML book §3.1, §4.5).

Vector norms ``||x||_p = (sum_i |x_i|^p)^(1/p)``, with ``p = inf`` the largest ``|x_i|``
and ``p = 0`` the number of nonzeros. Matrix norms: ``1`` (largest column sum of
``|a_ij|``), ``inf`` (largest row sum), ``'fro'`` (``sqrt(sum |a_ij|^2)``), ``2`` (the largest
singular value), ``'nuc'`` (the sum of the singular values), and their negative
counterparts (smallest instead of largest). The condition number is
``cond(A) = ||A|| ||A^{-1}||``, for ``p = 2`` the ratio of extreme singular values.

Examples
--------
>>> import numpy as np
>>> import mml.linalg as la
>>> float(la.norm(np.array([3.0, 4.0])))
5.0
>>> float(la.norm(np.array([[1.0, -2.0], [3.0, 4.0]]), 1))
6.0
"""

from __future__ import annotations

import operator
from typing import Any

import numpy as np

from mml.errors import DTypeError, InvalidMatrixError, LinAlgError
from mml.linalg._validation import as_stacked_matrix, check_square, common_dtypes, real_dtype

__all__ = ["norm", "vector_norm", "matrix_norm", "cond"]


def _as_inexact(x: Any) -> np.ndarray:
    array = np.asarray(x)
    if array.dtype.kind not in "fc":
        if array.dtype.kind not in "biu":
            raise DTypeError(f"norm needs numbers; got an array of dtype {array.dtype}")
        array = array.astype(np.float64)
    return array


def _normalize_axis(axis: int, ndim: int) -> int:
    if not -ndim <= axis < ndim:
        raise np.exceptions.AxisError(axis, ndim)
    return axis % ndim


def _singular_values_along(x: np.ndarray, row_axis: int, col_axis: int) -> np.ndarray:
    from mml.linalg.svd import svdvals

    moved = np.moveaxis(x, (row_axis, col_axis), (-2, -1))
    return svdvals(moved)


def _vector_norm_along(x: np.ndarray, ord: Any, axis: tuple[int, ...], keepdims: bool) -> Any:
    magnitude = np.abs(x)
    if ord == np.inf:
        return magnitude.max(axis=axis, keepdims=keepdims, initial=0)
    if ord == -np.inf:
        return magnitude.min(axis=axis, keepdims=keepdims)
    if ord == 0:
        return (x != 0).astype(x.real.dtype).sum(axis=axis, keepdims=keepdims)
    if ord == 1:
        return magnitude.sum(axis=axis, keepdims=keepdims)
    if ord is None or ord == 2:
        return np.sqrt((x.conj() * x).real.sum(axis=axis, keepdims=keepdims))
    if isinstance(ord, str):
        raise ValueError(f"Invalid norm order '{ord}' for vectors")
    with np.errstate(divide="ignore"):  # a zero entry with ord < 0 gives inf, then norm 0
        powered = magnitude**ord
        total = powered.sum(axis=axis, keepdims=keepdims)
        return total ** (1.0 / np.asarray(ord, dtype=total.dtype))


def _matrix_norm_along(x: np.ndarray, ord: Any, axis: tuple[int, int], keepdims: bool) -> Any:
    nd = x.ndim
    row_axis, col_axis = (_normalize_axis(a, nd) for a in axis)
    if row_axis == col_axis:
        raise ValueError("Duplicate axes given.")
    magnitude = np.abs(x)
    if ord in (2, -2, "nuc"):
        s = _singular_values_along(x, row_axis, col_axis)
        if ord == 2:
            result = s.max(axis=-1, initial=0)
        elif ord == -2:
            result = s.min(axis=-1)
        else:
            result = s.sum(axis=-1)
    elif ord in (1, -1):  # column sums
        sums = magnitude.sum(axis=row_axis)
        reduce_axis = col_axis - 1 if col_axis > row_axis else col_axis
        result = sums.max(axis=reduce_axis, initial=0) if ord == 1 else sums.min(axis=reduce_axis)
    elif ord in (np.inf, -np.inf):  # row sums
        sums = magnitude.sum(axis=col_axis)
        reduce_axis = row_axis - 1 if row_axis > col_axis else row_axis
        result = sums.max(axis=reduce_axis, initial=0) if ord > 0 else sums.min(axis=reduce_axis)
    elif ord in (None, "fro", "f"):
        result = np.sqrt((x.conj() * x).real.sum(axis=(row_axis, col_axis)))
    else:
        raise ValueError("Invalid norm order for matrices.")
    if keepdims:
        shape = list(x.shape)
        shape[row_axis] = shape[col_axis] = 1
        result = np.reshape(result, shape)
    return result


def norm(x: Any, ord: Any = None, axis: Any = None, keepdims: bool = False) -> Any:
    """Matrix or vector norm, as NumPy's ``linalg.norm``.

    Parameters
    ----------
    x : array_like
        With ``axis=None``, a 1-D (vector norm) or 2-D (matrix norm) array; with
        ``ord=None`` any shape, flattened to one vector (the Frobenius/2-norm).
    ord : {None, int, float, inf, -inf, 'fro', 'nuc'}, optional
        Which norm (see the module docstring); ``None`` is the 2-norm of vectors and the
        Frobenius norm of matrices.
    axis : int or 2-tuple of ints, optional
        One axis for vector norms, two for matrix norms.
    keepdims : bool, optional
        Keep the reduced axes with length one.

    Returns
    -------
    float or ndarray

    Raises
    ------
    ValueError
        For an order that does not exist for the kind of norm, duplicate axes, or more
        than two axes.

    Examples
    --------
    >>> import numpy as np
    >>> float(norm(np.array([1.0, -2.0, 2.0]), np.inf))
    2.0
    >>> norm(np.arange(6.0).reshape(2, 3), axis=1)
    array([2.23606798, 7.07106781])
    """
    array = _as_inexact(x)
    nd = array.ndim
    if axis is None:
        if ord is None or (ord in ("f", "fro") and nd == 2) or (ord == 2 and nd == 1):
            flat = array.ravel(order="K")
            result = np.sqrt((flat.conj() * flat).real.sum())
            return np.reshape(result, nd * [1]) if keepdims else result
        axis = tuple(range(nd))
    elif not isinstance(axis, tuple):
        try:
            axis = (operator.index(axis),)
        except TypeError as error:
            raise TypeError("'axis' must be None, an integer or a tuple of integers") from error
    if len(axis) == 1:
        return _vector_norm_along(array, ord, axis, keepdims)
    if len(axis) == 2:
        return _matrix_norm_along(array, ord, axis, keepdims)
    raise ValueError("Improper number of dimensions to norm.")


def vector_norm(x: Any, /, *, axis: Any = None, keepdims: bool = False, ord: Any = 2) -> Any:
    """Vector norm over one or more axes (the Array API's ``vector_norm``), as NumPy's.

    Parameters
    ----------
    x : array_like
    axis : int or tuple of ints, optional
        The axes that form the vector; all of them by default.
    keepdims : bool, optional
    ord : {int, float, inf, -inf}, optional
        Default 2.

    Returns
    -------
    float or ndarray

    Examples
    --------
    >>> import numpy as np
    >>> float(vector_norm(np.array([[3.0, 0.0], [0.0, 4.0]])))
    5.0
    """
    array = _as_inexact(x)
    shape = list(array.shape)
    if axis is None:
        flat, reduce_axis = array.ravel(), 0
    elif isinstance(axis, tuple):
        axes = tuple(_normalize_axis(a, array.ndim) for a in axis)
        rest = tuple(i for i in range(array.ndim) if i not in axes)
        moved = np.transpose(array, axes + rest)
        flat = moved.reshape((int(np.prod([shape[i] for i in axes])), *[shape[i] for i in rest]))
        reduce_axis = 0
    else:
        flat, reduce_axis = array, axis
    result = norm(flat, axis=reduce_axis, ord=ord)
    if keepdims:
        axes = range(len(shape)) if axis is None else (axis if isinstance(axis, tuple) else (axis,))
        for i in axes:
            shape[_normalize_axis(i, len(shape))] = 1
        result = np.reshape(result, tuple(shape))
    return result


def matrix_norm(x: Any, /, *, keepdims: bool = False, ord: Any = "fro") -> Any:
    """Matrix norm of each matrix in the last two axes (the Array API's ``matrix_norm``).

    Examples
    --------
    >>> import numpy as np
    >>> float(matrix_norm(np.eye(4)))
    2.0
    >>> round(float(matrix_norm(np.diag([3.0, 1.0]), ord=2)), 12)
    3.0
    """
    return norm(x, axis=(-2, -1), keepdims=keepdims, ord=ord)


def cond(x: Any, p: Any = None) -> Any:
    """Condition number ``||x|| ||x^{-1}||`` (``p`` = None or 2: ``s_max / s_min``).

    Parameters
    ----------
    x : (..., M, N) array_like
        Square unless ``p`` is None, 2 or -2.
    p : {None, 1, -1, 2, -2, inf, -inf, 'fro', 'nuc'}, optional
        The norm; ``-2`` gives ``s_min / s_max``.

    Returns
    -------
    float or ndarray
        ``inf`` for a singular matrix (unless the input itself has NaN).

    Raises
    ------
    LinAlgError
        For an empty matrix, or a non-square one with a ``p`` that needs the inverse.

    Examples
    --------
    >>> import numpy as np
    >>> float(cond(np.diag([10.0, 0.1])))
    100.0
    >>> float(cond(np.array([[1.0, 1.0], [1.0, 1.0]]), 1))
    inf
    """
    from mml.linalg.linear_systems import inv
    from mml.linalg.svd import svdvals

    A = as_stacked_matrix(x, "x")
    if A.size == 0 and min(A.shape[-2:]) == 0:
        raise InvalidMatrixError(f"cond is not defined on empty arrays (x has shape {A.shape})")
    if p is None or p in (2, -2):
        s = svdvals(A)
        with np.errstate(all="ignore"):
            r = s[..., -1] / s[..., 0] if p == -2 else s[..., 0] / s[..., -1]
    else:
        check_square(A, "x")
        _, result = common_dtypes(A)

        def safe_inverse(matrix: np.ndarray) -> np.ndarray:
            try:
                return inv(matrix)
            except LinAlgError:
                return np.full(matrix.shape, np.nan, dtype=result)

        if A.ndim == 2:
            inverse = safe_inverse(A)
        else:
            flat = A.reshape((-1,) + A.shape[-2:])
            inverse = np.stack([safe_inverse(m) for m in flat]).reshape(A.shape)
        with np.errstate(all="ignore"):
            r = norm(A, p, axis=(-2, -1)) * norm(inverse, p, axis=(-2, -1))
        r = np.asarray(r).astype(real_dtype(result), copy=False)
    r = np.asarray(r)
    nan_mask = np.isnan(r)
    if nan_mask.any():
        nan_mask &= ~np.isnan(A).any(axis=(-2, -1))
        if r.ndim > 0:
            r[nan_mask] = np.inf
        elif nan_mask:
            return r.dtype.type(np.inf)
    return r[()] if r.ndim == 0 else r
