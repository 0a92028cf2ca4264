"""Differentiable NumPy: ``import mml.autodiff.numpy as anp``.

The names mirror NumPy's. On plain arrays every function is the NumPy function; on
tensors (or inside ``grad``, ``jvp``, ...) each call is recorded so that it can be
differentiated. The derivative rules live in ``mml.autodiff.rules``.

Functions here are either *primitives* (with a rule in the table) or short compositions
of primitives (``var``, ``dot``, ``trace``, ...), which need no rule of their own.

Examples
--------
>>> import numpy as np
>>> import mml.autodiff.numpy as anp
>>> from mml.autodiff import grad
>>> f = lambda x: anp.sum(anp.tanh(x) ** 2)
>>> np.round(grad(f)(np.array([0.0, 1.0])), 6)
array([0.    , 0.6397])
>>> anp.exp(np.array([0.0]))          # plain arrays in, plain arrays out
array([1.])
"""

from __future__ import annotations

import builtins
import math
from typing import Any

import numpy as np

from mml.autodiff.primitive import Primitive
from mml.errors import DomainError, ShapeError

# Constructors and constants are plain NumPy: their results do not depend on inputs.
pi = np.pi
e = np.e
inf = np.inf
newaxis = None
float32 = np.float32
float64 = np.float64
zeros = np.zeros
ones = np.ones
eye = np.eye
arange = np.arange
linspace = np.linspace
full = np.full


def _shape(x: Any) -> tuple[int, ...]:
    return x.shape if hasattr(x, "shape") else np.shape(x)


def _ndim(x: Any) -> int:
    return len(_shape(x))


def _dtype(x: Any) -> np.dtype:
    from mml.autodiff.tensor import dtype_of

    return dtype_of(x)


def zeros_like(x: Any, dtype: Any = None) -> np.ndarray:
    """Zeros with the shape and dtype of ``x`` (a constant: no gradient flows through)."""
    return np.zeros(_shape(x), dtype=dtype or _dtype(x))


def ones_like(x: Any, dtype: Any = None) -> np.ndarray:
    """Ones with the shape and dtype of ``x`` (a constant)."""
    return np.ones(_shape(x), dtype=dtype or _dtype(x))


def array(x: Any, dtype: Any = None) -> Any:
    """``numpy.array`` for plain data; tensors pass through (cast if ``dtype`` is given)."""
    from mml.autodiff.tensor import Tensor

    if isinstance(x, Tensor):
        return x if dtype is None else astype(x, dtype)
    if isinstance(x, (list, tuple)) and any(isinstance(v, Tensor) for v in x):
        return stack([array(v, dtype) for v in x])
    return np.array(x, dtype=dtype)


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


# -- elementwise functions of one argument ---------------------------------------------


def _sigmoid(x: Any) -> Any:
    # 1 / (1 + exp(-x)) without overflow: exp only of -|x| <= 0.
    z = np.exp(-np.abs(x))
    return np.where(np.asarray(x) >= 0, 1 / (1 + z), z / (1 + z))


def _relu(x: Any) -> Any:
    return np.maximum(x, 0)


_erf_vector = np.vectorize(math.erf, otypes=[float])


def _erf(x: Any) -> Any:
    x = np.asarray(x)
    out = _erf_vector(x).astype(x.dtype if x.dtype.kind == "f" else np.float64, copy=False)
    return out[()] if out.ndim == 0 else out


negative = Primitive(np.negative, "negative")
exp = Primitive(np.exp, "exp")
exp2 = Primitive(np.exp2, "exp2")
expm1 = Primitive(np.expm1, "expm1")
log = Primitive(np.log, "log")
log2 = Primitive(np.log2, "log2")
log10 = Primitive(np.log10, "log10")
log1p = Primitive(np.log1p, "log1p")
sqrt = Primitive(np.sqrt, "sqrt")
cbrt = Primitive(np.cbrt, "cbrt")
square = Primitive(np.square, "square")
reciprocal = Primitive(np.reciprocal, "reciprocal")
absolute = Primitive(np.absolute, "absolute")
abs = absolute  # noqa: A001  (NumPy's name)
sin = Primitive(np.sin, "sin")
cos = Primitive(np.cos, "cos")
tan = Primitive(np.tan, "tan")
arcsin = Primitive(np.arcsin, "arcsin")
arccos = Primitive(np.arccos, "arccos")
arctan = Primitive(np.arctan, "arctan")
sinh = Primitive(np.sinh, "sinh")
cosh = Primitive(np.cosh, "cosh")
tanh = Primitive(np.tanh, "tanh")
arcsinh = Primitive(np.arcsinh, "arcsinh")
arccosh = Primitive(np.arccosh, "arccosh")
arctanh = Primitive(np.arctanh, "arctanh")
sigmoid = Primitive(_sigmoid, "sigmoid")
expit = sigmoid  # SciPy's name
relu = Primitive(_relu, "relu")
erf = Primitive(_erf, "erf")

# -- elementwise functions of two arguments (broadcasting) -----------------------------

add = Primitive(np.add, "add")
subtract = Primitive(np.subtract, "subtract")
multiply = Primitive(np.multiply, "multiply")
divide = Primitive(np.divide, "divide")
true_divide = divide
power = Primitive(np.power, "power")
maximum = Primitive(np.maximum, "maximum")
minimum = Primitive(np.minimum, "minimum")
arctan2 = Primitive(np.arctan2, "arctan2")
hypot = Primitive(np.hypot, "hypot")
logaddexp = Primitive(np.logaddexp, "logaddexp")

# -- piecewise-constant functions: results are constants ---------------------------------

sign = Primitive(np.sign, "sign", nondifferentiable=True)
floor = Primitive(np.floor, "floor", nondifferentiable=True)
ceil = Primitive(np.ceil, "ceil", nondifferentiable=True)
rint = Primitive(np.rint, "rint", nondifferentiable=True)
equal = Primitive(np.equal, "equal", nondifferentiable=True)
not_equal = Primitive(np.not_equal, "not_equal", nondifferentiable=True)
less = Primitive(np.less, "less", nondifferentiable=True)
less_equal = Primitive(np.less_equal, "less_equal", nondifferentiable=True)
greater = Primitive(np.greater, "greater", nondifferentiable=True)
greater_equal = Primitive(np.greater_equal, "greater_equal", nondifferentiable=True)
logical_and = Primitive(np.logical_and, "logical_and", nondifferentiable=True)
logical_or = Primitive(np.logical_or, "logical_or", nondifferentiable=True)
logical_not = Primitive(np.logical_not, "logical_not", nondifferentiable=True)
isfinite = Primitive(np.isfinite, "isfinite", nondifferentiable=True)
isnan = Primitive(np.isnan, "isnan", nondifferentiable=True)


def argmax(x: Any, axis: int | None = None) -> np.ndarray:
    """Index of the largest value (an integer constant)."""
    from mml.autodiff.tensor import raw

    return np.argmax(raw(x), axis=axis)


def argmin(x: Any, axis: int | None = None) -> np.ndarray:
    """Index of the smallest value (an integer constant)."""
    from mml.autodiff.tensor import raw

    return np.argmin(raw(x), axis=axis)


# -- reductions ---------------------------------------------------------------------------


def _logsumexp(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    # log sum exp(x) = m + log sum exp(x - m) with m = max x: no overflow.
    m = np.max(x, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0)
    out = np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True)) + m
    if keepdims:
        return out
    return out.reshape(()) if axis is None else np.squeeze(out, axis=axis)


_sum = Primitive(np.sum, "sum")
_mean = Primitive(np.mean, "mean")
_max = Primitive(np.max, "max")
_min = Primitive(np.min, "min")
_logsumexp_prim = Primitive(_logsumexp, "logsumexp")


def sum(x: Any, axis: Any = None, keepdims: bool = False) -> Any:  # noqa: A001
    """Sum over ``axis`` (all axes when None), as ``numpy.sum``."""
    return _sum(x, axis=_axes(axis, _ndim(x)), keepdims=keepdims)


def mean(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """Arithmetic mean over ``axis``, as ``numpy.mean``."""
    return _mean(x, axis=_axes(axis, _ndim(x)), keepdims=keepdims)


def max(x: Any, axis: Any = None, keepdims: bool = False) -> Any:  # noqa: A001
    """Largest value over ``axis``; ties share the gradient equally."""
    return _max(x, axis=_axes(axis, _ndim(x)), keepdims=keepdims)


def min(x: Any, axis: Any = None, keepdims: bool = False) -> Any:  # noqa: A001
    """Smallest value over ``axis``; ties share the gradient equally."""
    return _min(x, axis=_axes(axis, _ndim(x)), keepdims=keepdims)


amax = max
amin = min


def logsumexp(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """``log(sum(exp(x)))`` over ``axis``, computed without overflow (as SciPy's)."""
    return _logsumexp_prim(x, axis=_axes(axis, _ndim(x)), keepdims=keepdims)


def var(x: Any, axis: Any = None, ddof: int = 0, keepdims: bool = False) -> Any:
    """Variance ``sum((x - mean)^2) / (N - ddof)`` over ``axis``, as ``numpy.var``."""
    axes = _axes(axis, _ndim(x))
    shape = _shape(x)
    n = math.prod(shape[a] for a in (axes if axes is not None else range(len(shape))))
    centred = x - _mean(x, axis=axes, keepdims=True)
    return _sum(centred * centred, axis=axes, keepdims=keepdims) / (n - ddof)


def std(x: Any, axis: Any = None, ddof: int = 0, keepdims: bool = False) -> Any:
    """Standard deviation: the square root of ``var``."""
    return sqrt(var(x, axis=axis, ddof=ddof, keepdims=keepdims))


def _softmax(x: Any, axis: int = -1) -> Any:
    z = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return z / np.sum(z, axis=axis, keepdims=True)


def _log_softmax(x: Any, axis: int = -1) -> Any:
    return x - _logsumexp(x, axis=axis, keepdims=True)


_softmax_prim = Primitive(_softmax, "softmax")
_log_softmax_prim = Primitive(_log_softmax, "log_softmax")


def softmax(x: Any, axis: int = -1) -> Any:
    """``exp(x) / sum(exp(x))`` along ``axis`` (shifted by the max, so it cannot overflow)."""
    return _softmax_prim(x, axis=_axes(axis, _ndim(x))[0])


def log_softmax(x: Any, axis: int = -1) -> Any:
    """``x - logsumexp(x)`` along ``axis``: the log of ``softmax``, computed stably."""
    return _log_softmax_prim(x, axis=_axes(axis, _ndim(x))[0])


# -- shapes -----------------------------------------------------------------------------

_reshape = Primitive(np.reshape, "reshape")
_transpose = Primitive(np.transpose, "transpose")
_swapaxes = Primitive(np.swapaxes, "swapaxes")
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


# -- products -----------------------------------------------------------------------------

matmul = Primitive(np.matmul, "matmul")


def _linear(x: Any, weight: Any, bias: Any = None) -> Any:
    y = np.matmul(x, np.swapaxes(weight, -1, -2))
    if bias is not None:
        y += bias  # y is a fresh array: add in place, as BLAS's gemm with beta = 1 would
    return y


linear = Primitive(_linear, "linear")
linear.__doc__ = """The affine map of a layer, ``x Wᵀ + b`` (PyTorch's ``nn.functional.linear``).

One primitive instead of transpose, matmul and add: fewer graph nodes per layer, and the
weight's gradient ``gᵀx`` comes out in the weight's own (row-major) layout.
"""


def _einsum(*operands: Any, subscripts: str) -> Any:
    return np.einsum(subscripts, *operands)


_einsum_prim = Primitive(_einsum, "einsum")


def einsum_parts(subscripts: str, count: int) -> tuple[list[str], str]:
    """Split ``"ij,jk->ik"`` into ``(["ij", "jk"], "ik")``, checking it."""
    text = subscripts.replace(" ", "")
    if "." in text:
        raise DomainError("einsum: ellipsis ('...') is not supported; name every axis")
    inputs, arrow, output = text.partition("->")
    parts = inputs.split(",")
    if len(parts) != count:
        raise ShapeError(
            f"einsum subscripts '{subscripts}' name {len(parts)} operands, got {count}"
        )
    if not arrow:  # implicit output: the letters used once, in alphabetical order
        letters = "".join(parts)
        output = "".join(sorted(c for c in set(letters) if letters.count(c) == 1))
    if not all(p.isalpha() or p == "" for p in parts + [output]):
        raise DomainError(f"einsum subscripts must be letters: '{subscripts}'")
    return parts, output


def einsum(subscripts: str, *operands: Any) -> Any:
    """Einstein summation with explicit subscripts, as ``numpy.einsum("ij,jk->ik", A, B)``."""
    parts, output = einsum_parts(subscripts, len(operands))
    return _einsum_prim(*operands, subscripts=",".join(parts) + "->" + output)


def dot(a: Any, b: Any) -> Any:
    """``numpy.dot`` for scalars, vectors and matrices (``matmul`` or ``multiply``)."""
    if _ndim(a) == 0 or _ndim(b) == 0:
        return multiply(a, b)
    if _ndim(a) <= 2 and _ndim(b) <= 2:
        return matmul(a, b)
    raise ShapeError(
        f"dot of arrays with shapes {_shape(a)} and {_shape(b)}: use matmul or einsum for "
        "arrays with more than two axes"
    )


def outer(a: Any, b: Any) -> Any:
    """Outer product ``a_i b_j`` of two vectors (flattened first, as NumPy)."""
    return multiply(reshape(a, (-1, 1)), reshape(b, (1, -1)))


def inner(a: Any, b: Any) -> Any:
    """Sum of products over the last axes."""
    return sum(multiply(a, b), axis=-1)


def _diagonal_adjoint(g: Any, shape: tuple[int, ...], offset: int, axis1: int, axis2: int):
    ndim = len(shape)
    a1, a2 = axis1 % ndim, axis2 % ndim
    others = [k for k in range(ndim) if k not in (a1, a2)]
    moved = np.zeros(tuple(shape[k] for k in others) + (shape[a1], shape[a2]), np.result_type(g))
    length = np.shape(g)[-1]
    rows = np.arange(length) + builtins.max(-offset, 0)
    cols = np.arange(length) + builtins.max(offset, 0)
    moved[..., rows, cols] = g
    return np.transpose(moved, np.argsort(others + [a1, a2]))


_diagonal = Primitive(np.diagonal, "diagonal")
diagonal_adjoint = Primitive(_diagonal_adjoint, "diagonal_adjoint")


def diagonal(x: Any, offset: int = 0, axis1: int = 0, axis2: int = 1) -> Any:
    """The diagonal ``x[i, i + offset]`` of the (axis1, axis2) planes, as ``numpy.diagonal``."""
    return _diagonal(x, offset=offset, axis1=axis1, axis2=axis2)


def diag(v: Any, k: int = 0) -> Any:
    """A square matrix with ``v`` on diagonal ``k`` (1-D ``v``), or the diagonal of a matrix."""
    if _ndim(v) == 1:
        n = _shape(v)[0] + builtins.abs(k)
        return diagonal_adjoint(v, shape=(n, n), offset=k, axis1=0, axis2=1)
    if _ndim(v) == 2:
        return diagonal(v, offset=k)
    raise ShapeError(f"diag needs a 1-D or 2-D array, got shape {_shape(v)}")


def trace(x: Any, offset: int = 0) -> Any:
    """Sum of the diagonal of a matrix (MML book §4.1)."""
    return sum(diagonal(x, offset=offset), axis=-1)


_triu = Primitive(np.triu, "triu")
_tril = Primitive(np.tril, "tril")
_cumsum = Primitive(np.cumsum, "cumsum")


def triu(x: Any, k: int = 0) -> Any:
    """Upper triangle (entries on and above diagonal ``k``); the rest set to zero."""
    return _triu(x, k=k)


def tril(x: Any, k: int = 0) -> Any:
    """Lower triangle (entries on and below diagonal ``k``); the rest set to zero."""
    return _tril(x, k=k)


def cumsum(x: Any, axis: int | None = None) -> Any:
    """Running sum along ``axis`` (of the flattened array when None)."""
    if axis is None:
        return _cumsum(ravel(x), axis=0)
    return _cumsum(x, axis=_axes(axis, _ndim(x))[0])


from mml.autodiff import linalg  # noqa: E402  (anp.linalg, as numpy.linalg)

PRIMITIVES: tuple[Primitive, ...] = tuple(
    dict.fromkeys(
        value
        for value in list(globals().values()) + list(vars(linalg).values())
        if isinstance(value, Primitive)
    )
)
"""Every primitive defined here (the rules table covers each differentiable one)."""
