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

import math
from typing import Any

import numpy as np

from mml.autodiff.primitive import Primitive
from mml.autodiff.shapes import (  # noqa: F401  (re-exported: anp is one namespace)
    _astype,
    _axes,
    _broadcast_to,
    _clip,
    _concatenate_prim,
    _dtype,
    _expand_dims,
    _flip,
    _moveaxis,
    _ndim,
    _reshape,
    _shape,
    _squeeze,
    _stack_prim,
    _swapaxes,
    _transpose,
    _where,
    astype,
    broadcast_to,
    clip,
    concatenate,
    expand_dims,
    flip,
    getitem,
    hstack,
    moveaxis,
    ravel,
    reshape,
    squeeze,
    stack,
    swapaxes,
    transpose,
    untake,
    vstack,
    where,
)

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


def _sum_fn(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    if isinstance(x, np.ndarray) and x.dtype.kind == "f":
        return np.add.reduce(x, axis=axis, keepdims=keepdims)  # np.sum without its wrapper
    return np.sum(x, axis=axis, keepdims=keepdims)


_sum = Primitive(_sum_fn, "sum")
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


_cumsum = Primitive(np.cumsum, "cumsum")


def cumsum(x: Any, axis: int | None = None) -> Any:
    """Running sum along ``axis`` (of the flattened array when None)."""
    if axis is None:
        return _cumsum(ravel(x), axis=0)
    return _cumsum(x, axis=_axes(axis, _ndim(x))[0])


from mml.autodiff import (  # noqa: E402
    linalg,  # noqa: E402  (anp.linalg, as numpy.linalg)
    matrices,
    shapes,
)
from mml.autodiff.matrices import (  # noqa: E402, F401  (re-exported)
    _diagonal,
    _einsum_prim,
    _tril,
    _triu,
    diag,
    diagonal,
    diagonal_adjoint,
    dot,
    einsum,
    einsum_parts,
    inner,
    linear,
    matmul,
    outer,
    trace,
    tril,
    triu,
)

PRIMITIVES: tuple[Primitive, ...] = tuple(
    dict.fromkeys(
        value
        for module in (globals(), vars(shapes), vars(matrices), vars(linalg))
        for value in list(module.values())
        if isinstance(value, Primitive)
    )
)
"""Every primitive defined here (the rules table covers each differentiable one)."""
