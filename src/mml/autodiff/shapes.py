"""Differentiable shape operations, indexing, joining and selection (part of ``anp``).

Every function here is a linear map of its array argument (``reshape``, ``transpose``,
indexing, ``concatenate``, ...) or picks entries (``where``, ``clip``); their rules, in
``mml.autodiff.rules``, are the map itself (JVP) and its adjoint (VJP). Use them through
``mml.autodiff.numpy``.

Examples
--------
>>> import numpy as np
>>> import mml.autodiff.numpy as anp
>>> from mml.autodiff import grad
>>> grad(lambda x: anp.sum(anp.reshape(x, (2, 2))[0] * 3.0))(np.arange(4.0))
array([3., 3., 0., 0.])
"""

from __future__ import annotations

import builtins
from typing import Any

import numpy as np

from mml.autodiff.primitive import Primitive
from mml.errors import DomainError, ShapeError


def _shape(x: Any) -> tuple[int, ...]:
    return x.shape if hasattr(x, "shape") else np.shape(x)


def _ndim(x: Any) -> int:
    return len(_shape(x))


def _dtype(x: Any) -> np.dtype:
    from mml.autodiff.tensor import dtype_of

    return dtype_of(x)


def _axes(axis: Any, ndim: int) -> tuple[int, ...] | None:
    """Normalise an ``axis`` argument to a sorted tuple of non-negative axes (or None)."""
    if axis is None:
        return None
    axes = (axis,) if isinstance(axis, (int, np.integer)) else tuple(axis)
    out = []
    for a in axes:
        if not -ndim <= a < builtins.max(ndim, 1):
            raise ShapeError(f"axis {a} is out of bounds for an array of dimension {ndim}")
        out.append(int(a) % builtins.max(ndim, 1))
    return tuple(sorted(out))


# -- shapes -----------------------------------------------------------------------------


def _reshape_fn(x: Any, shape: tuple[int, ...]) -> Any:
    return x.reshape(shape) if isinstance(x, np.ndarray) else np.reshape(x, shape)


def _swapaxes_fn(x: Any, axis1: int, axis2: int) -> Any:
    return x.swapaxes(axis1, axis2) if isinstance(x, np.ndarray) else np.swapaxes(x, axis1, axis2)


_reshape = Primitive(_reshape_fn, "reshape")
_transpose = Primitive(np.transpose, "transpose")
_swapaxes = Primitive(_swapaxes_fn, "swapaxes")
_moveaxis = Primitive(np.moveaxis, "moveaxis")
_expand_dims = Primitive(np.expand_dims, "expand_dims")
_squeeze = Primitive(np.squeeze, "squeeze")
_broadcast_to = Primitive(np.broadcast_to, "broadcast_to")
_flip = Primitive(np.flip, "flip")
_astype = Primitive(lambda x, dtype: np.asarray(x).astype(dtype), "astype")


def reshape(x: Any, shape: Any) -> Any:
    """Same values, new shape (one entry may be -1), as ``numpy.reshape``."""
    return _reshape(x, shape if isinstance(shape, tuple) else tuple(np.atleast_1d(shape)))


def ravel(x: Any) -> Any:
    """The values as a 1-D array (row-major order)."""
    return _reshape(x, (-1,))


def transpose(x: Any, axes: Any = None) -> Any:
    """Permute axes (reverse them when ``axes`` is None), as ``numpy.transpose``."""
    return _transpose(x, axes=None if axes is None else tuple(axes))


def swapaxes(x: Any, axis1: int, axis2: int) -> Any:
    """Exchange two axes."""
    return _swapaxes(x, axis1=axis1, axis2=axis2)


def moveaxis(x: Any, source: Any, destination: Any) -> Any:
    """Move axes to new positions, as ``numpy.moveaxis``."""
    return _moveaxis(x, source=source, destination=destination)


def expand_dims(x: Any, axis: Any) -> Any:
    """Insert a length-1 axis at ``axis``."""
    return _expand_dims(x, axis=axis)


def squeeze(x: Any, axis: Any = None) -> Any:
    """Remove length-1 axes."""
    return _squeeze(x, axis=axis)


def broadcast_to(x: Any, shape: Any) -> Any:
    """Repeat ``x`` along new or length-1 axes to ``shape``, by NumPy's broadcasting rules."""
    return _broadcast_to(x, shape=tuple(shape))


def flip(x: Any, axis: Any = None) -> Any:
    """Reverse the order of entries along ``axis`` (all axes when None)."""
    return _flip(x, axis=axis)


def astype(x: Any, dtype: Any) -> Any:
    """Cast to ``dtype`` (gradients are cast back)."""
    return _astype(x, dtype=np.dtype(dtype))


def _is_basic_index(index: Any) -> bool:
    parts = index if isinstance(index, tuple) else (index,)
    return all(
        p is None
        or p is Ellipsis
        or isinstance(p, (int, np.integer, slice))
        or (isinstance(p, np.ndarray) and p.dtype == bool)
        for p in parts
    )


def _untake_fn(g: Any, index: Any, shape: tuple[int, ...]) -> np.ndarray:
    out = np.zeros(shape, dtype=np.result_type(g))
    if _is_basic_index(index):
        out[index] = g
    else:  # integer arrays may repeat a position: add, don't overwrite
        np.add.at(out, index, g)
    return out


getitem = Primitive(lambda x, index: x[index], "getitem")
untake = Primitive(_untake_fn, "untake")  # the adjoint of indexing


def _concatenate(*arrays: Any, axis: int = 0) -> np.ndarray:
    return np.concatenate(arrays, axis=axis)


def _stack(*arrays: Any, axis: int = 0) -> np.ndarray:
    return np.stack(arrays, axis=axis)


_concatenate_prim = Primitive(_concatenate, "concatenate")
_stack_prim = Primitive(_stack, "stack")


def concatenate(arrays: Any, axis: int = 0) -> Any:
    """Join arrays along an existing axis, as ``numpy.concatenate``."""
    arrays = list(arrays)
    if not arrays:
        raise ShapeError("concatenate needs at least one array")
    return _concatenate_prim(*arrays, axis=_axes(axis, _ndim(arrays[0]))[0])


def stack(arrays: Any, axis: int = 0) -> Any:
    """Join arrays of one shape along a new axis, as ``numpy.stack``."""
    arrays = list(arrays)
    if not arrays:
        raise ShapeError("stack needs at least one array")
    return _stack_prim(*arrays, axis=_axes(axis, _ndim(arrays[0]) + 1)[0])


def hstack(arrays: Any) -> Any:
    """Join along the second axis (the first for 1-D arrays)."""
    arrays = list(arrays)
    return concatenate(arrays, axis=0 if _ndim(arrays[0]) == 1 else 1)


def vstack(arrays: Any) -> Any:
    """Join along the first axis, treating 1-D arrays as rows."""
    return concatenate([reshape(a, (1, -1)) if _ndim(a) == 1 else a for a in arrays], axis=0)


# -- selection --------------------------------------------------------------------------

_where = Primitive(np.where, "where")
_clip = Primitive(np.clip, "clip")


def where(condition: Any, x: Any, y: Any) -> Any:
    """``x`` where ``condition`` holds, else ``y`` (condition is a constant)."""
    from mml.autodiff.tensor import raw

    return _where(raw(condition), x, y)


def clip(x: Any, a_min: Any = None, a_max: Any = None) -> Any:
    """Limit values to ``[a_min, a_max]``; the gradient is zero where clipping happened."""
    from mml.autodiff.tensor import raw

    if a_min is None and a_max is None:
        raise DomainError("clip needs a_min or a_max")
    return _clip(x, raw(a_min), raw(a_max))
