"""The derivative rules of every primitive: VJP (reverse) and JVP (forward) side by side.

Notation, for a primitive ``ans = f(x, y, ...)``:

* ``vjp`` maps the cotangent ``g`` (same shape as ``ans``) to ``gᵀ ∂f/∂x``, the
  cotangent of ``x``; reverse mode and backpropagation (MML book §5.6) chain these.
* ``jvp`` maps the tangent ``t`` of ``x`` to ``∂f/∂x · t``, the tangent of ``ans``;
  forward mode chains these.

Rules are written with the differentiable functions of ``mml.autodiff.numpy``, so the
rules can themselves be differentiated: this is where ``grad(grad(f))`` and ``hessian``
come from. Rules return cotangents in the broadcast shape; ``backward.unbroadcast`` sums
them back to each input's shape in one place. Masks (for ``relu``, ``max``, ``clip``) are
constants computed on the plain arrays.

Examples
--------
>>> import numpy as np
>>> import mml.autodiff.numpy as anp
>>> anp.tanh.vjp_rule(0)(np.array(1.0), np.tanh(0.5), np.array(0.5))  # 1 - tanh(0.5)^2
np.float64(0.7864477329659274)
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from mml.autodiff import numpy as anp
from mml.autodiff.numpy import _dtype, _shape
from mml.autodiff.tensor import raw
from mml.errors import DomainError

__all__ = ["reduced_shape", "expand_reduced"]


def reduced_shape(shape: tuple[int, ...], axis: tuple[int, ...] | None) -> tuple[int, ...]:
    """The shape of a reduction over ``axis`` with ``keepdims=True``."""
    if axis is None:
        return (1,) * len(shape)
    return tuple(1 if i in axis else n for i, n in enumerate(shape))


def expand_reduced(g: Any, shape: tuple[int, ...], axis: Any, keepdims: bool) -> Any:
    """Broadcast the cotangent of a reduction back over the reduced axes."""
    if not keepdims:
        g = anp.reshape(g, reduced_shape(shape, axis))
    return anp.broadcast_to(g, shape)


def _count(shape: tuple[int, ...], axis: Any) -> int:
    return math.prod(shape) if axis is None else math.prod(shape[a] for a in axis)


def _balanced(x: Any, y: Any) -> np.ndarray:
    """1 where x > y, 1/2 where x == y (ties share), 0 elsewhere: d max(x, y)/dx."""
    xv, yv = raw(x), raw(y)
    return ((xv > yv) + 0.5 * (xv == yv)).astype(np.result_type(xv, yv, np.float16))


def _extremum_share(ans: Any, x: Any, axis: Any) -> np.ndarray:
    """Where x attains its max (min), each tie weighted 1/count: d max(x)/dx."""
    xv = raw(x)
    location = xv == np.reshape(raw(ans), reduced_shape(np.shape(xv), axis))
    return (location / np.sum(location, axis=axis, keepdims=True)).astype(xv.dtype)


def _inside(x: Any, lo: Any, hi: Any) -> np.ndarray:
    xv = raw(x)
    mask = np.ones(np.shape(xv), dtype=bool)
    if lo is not None:
        mask &= xv >= lo
    if hi is not None:
        mask &= xv <= hi
    return mask


def _positive_or_one(x: Any) -> Any:
    """x where x > 0, else 1: keeps log(x) finite where the y-derivative of x**y is unused."""
    return anp.where(raw(x) > 0, x, 1.0)


def _matmul_vjp_a(g: Any, ans: Any, a: Any, b: Any) -> Any:
    if anp._ndim(b) == 1:
        return g * b if anp._ndim(a) == 1 else anp.expand_dims(g, -1) * b
    if anp._ndim(a) == 1:
        return anp.squeeze(anp.matmul(b, anp.expand_dims(g, -1)), -1)
    return anp.matmul(g, anp.swapaxes(b, -1, -2))


def _matmul_vjp_b(g: Any, ans: Any, a: Any, b: Any) -> Any:
    if anp._ndim(a) == 1:
        return g * a if anp._ndim(b) == 1 else anp.expand_dims(a, -1) * anp.expand_dims(g, -2)
    if anp._ndim(b) == 1:
        return anp.squeeze(anp.matmul(anp.swapaxes(a, -1, -2), anp.expand_dims(g, -1)), -1)
    if anp._ndim(a) == 2 and _is_transposed(b):
        # b is Wᵀ for a row-major W (a Linear layer): compute (gᵀa)ᵀ, so that the gradient
        # reaching W through the transpose is row-major too, like W (same numbers).
        return anp.swapaxes(anp.matmul(anp.swapaxes(g, -1, -2), a), -1, -2)
    return anp.matmul(anp.swapaxes(a, -1, -2), g)


def _linear_weight_vjp(g: Any, x: Any, W: Any) -> Any:
    """gᵀx summed over all leading (batch) axes: the cotangent of W in x Wᵀ + b."""
    if anp._ndim(x) == 2:
        return anp.matmul(anp.swapaxes(g, 0, 1), x)
    out_features, in_features = _shape(W)
    g2 = anp.reshape(g, (-1, out_features))
    x2 = anp.reshape(x, (-1, in_features))
    return anp.matmul(anp.swapaxes(g2, 0, 1), x2)


def _is_transposed(x: Any) -> bool:
    flags = getattr(raw(x), "flags", None)
    return flags is not None and flags.f_contiguous and not flags.c_contiguous


def _einsum_vjp(i: int, g: Any, ans: Any, *operands: Any, subscripts: str) -> Any:
    # d/dX_i of sum(G * einsum(...)) is einsum(other operands and G -> X_i's letters);
    # letters that only X_i carries were summed away, so the result is broadcast back.
    parts, output = anp.einsum_parts(subscripts, len(operands))
    target = parts[i]
    if len(set(target)) != len(target):
        raise DomainError(
            f"einsum gradient for an operand with a repeated letter ('{target}') is not "
            "supported; use diagonal or trace for that step"
        )
    others = [p for j, p in enumerate(parts) if j != i]
    kept = "".join(c for c in target if c in output or any(c in p for p in others))
    rest = [op for j, op in enumerate(operands) if j != i]
    partial = anp.einsum(",".join(others + [output]) + "->" + kept, *rest, g)
    if kept != target:
        shape = _shape(operands[i])
        partial = anp.reshape(partial, tuple(n if c in kept else 1 for c, n in zip(target, shape)))
        partial = anp.broadcast_to(partial, shape)
    return partial


def _einsum_jvp(i: int, t: Any, ans: Any, *operands: Any, subscripts: str) -> Any:
    return anp._einsum_prim(*operands[:i], t, *operands[i + 1 :], subscripts=subscripts)


def _concatenate_vjp(i: int, g: Any, ans: Any, *arrays: Any, axis: int) -> Any:
    start = sum(_shape(a)[axis] for a in arrays[:i])
    stop = start + _shape(arrays[i])[axis]
    return anp.getitem(g, (slice(None),) * axis + (slice(start, stop),))


def _concatenate_jvp(i: int, t: Any, ans: Any, *arrays: Any, axis: int) -> Any:
    parts = [t if j == i else anp.zeros_like(a, _dtype(t)) for j, a in enumerate(arrays)]
    return anp._concatenate_prim(*parts, axis=axis)


def _stack_vjp(i: int, g: Any, ans: Any, *arrays: Any, axis: int) -> Any:
    return anp.getitem(g, (slice(None),) * axis + (i,))


def _stack_jvp(i: int, t: Any, ans: Any, *arrays: Any, axis: int) -> Any:
    parts = [t if j == i else anp.zeros_like(a, _dtype(t)) for j, a in enumerate(arrays)]
    return anp._stack_prim(*parts, axis=axis)


def _inverse_axes(axes: Any, ndim: int) -> Any:
    return None if axes is None else tuple(np.argsort([a % ndim for a in axes]))


# ---- linear algebra helpers (MML book §5.5) ------------------------------------------


def _T(x: Any) -> Any:
    return anp.swapaxes(x, -1, -2)


def _solve_vjp_a(g: Any, ans: Any, a: Any, b: Any) -> Any:
    gb = anp.linalg.solve(_T(a), g)  # A⁻ᵀ g
    if anp._ndim(b) == 1:
        return -anp.expand_dims(gb, -1) * anp.expand_dims(ans, -2)
    return -anp.matmul(gb, _T(ans))


def _symmetric(x: Any) -> Any:
    return (x + _T(x)) * 0.5


def _phi(x: Any) -> Any:
    """Lower triangle with the diagonal halved (the Cholesky derivative's projection)."""
    n = _shape(x)[-1]
    return anp.tril(x) * (1.0 - 0.5 * np.eye(n))


def _cholesky_jvp(t: Any, ans: Any, a: Any) -> Any:
    # dL = L Φ(L⁻¹ dA L⁻ᵀ), for a symmetric direction dA.
    inner = _T(anp.linalg.solve(ans, _T(anp.linalg.solve(ans, _symmetric(t)))))
    return anp.matmul(ans, _phi(inner))


def _cholesky_vjp(g: Any, ans: Any, a: Any) -> Any:
    # Ā = sym(L⁻ᵀ Φ(Lᵀ L̄) L⁻¹) (Murray, 2016), symmetric because A is.
    middle = _phi(anp.matmul(_T(ans), g))
    s = anp.linalg.solve(_T(ans), _T(anp.linalg.solve(_T(ans), _T(middle))))
    return _symmetric(s)


def _eigh_parts(ans: Any) -> tuple[Any, Any, Any]:
    w = anp.getitem(ans, (Ellipsis, 0, slice(None)))
    v = anp.getitem(ans, (Ellipsis, slice(1, None), slice(None)))
    n = _shape(w)[-1]
    off_diagonal = 1.0 - np.eye(n)
    gaps = anp.expand_dims(w, -2) - anp.expand_dims(w, -1) + np.eye(n)  # w_j - w_i
    return w, v, off_diagonal / gaps  # F_ij = 1/(w_j - w_i), 0 on the diagonal


def _eigh_vjp(g: Any, ans: Any, a: Any) -> Any:
    w, v, F = _eigh_parts(ans)
    gw = anp.getitem(g, (Ellipsis, 0, slice(None)))
    gv = anp.getitem(g, (Ellipsis, slice(1, None), slice(None)))
    inner = anp.expand_dims(gw, -2) * np.eye(_shape(gw)[-1]) + F * anp.matmul(_T(v), gv)
    return _symmetric(anp.matmul(v, anp.matmul(inner, _T(v))))


def _eigh_jvp(t: Any, ans: Any, a: Any) -> Any:
    w, v, F = _eigh_parts(ans)
    rotated = anp.matmul(_T(v), anp.matmul(_symmetric(t), v))  # Vᵀ dA V
    dw = anp.diagonal(rotated, 0, -2, -1)
    dv = anp.matmul(v, F * rotated)
    return anp.concatenate([anp.expand_dims(dw, -2), dv], axis=-2)


def _expand_matrix(g: Any) -> Any:
    return anp.expand_dims(anp.expand_dims(g, -1), -1)


LOG2, LOG10, TWO_OVER_SQRT_PI = math.log(2.0), math.log(10.0), 2.0 / math.sqrt(math.pi)

# fmt: off
# ---- elementwise, one argument ---------------------------------------------------------
#                    vjp: g -> cotangent of x                     jvp: t -> tangent of ans
anp.negative.defrules(vjp=lambda g, ans, x: -g,                   jvp=lambda t, ans, x: -t)
anp.exp.defrules(     vjp=lambda g, ans, x: g * ans,              jvp=lambda t, ans, x: t * ans)
anp.exp2.defrules(    vjp=lambda g, ans, x: g * ans * LOG2,       jvp=lambda t, ans, x: t * ans * LOG2)
anp.expm1.defrules(   vjp=lambda g, ans, x: g * (ans + 1),        jvp=lambda t, ans, x: t * (ans + 1))
anp.log.defrules(     vjp=lambda g, ans, x: g / x,                jvp=lambda t, ans, x: t / x)
anp.log2.defrules(    vjp=lambda g, ans, x: g / (x * LOG2),       jvp=lambda t, ans, x: t / (x * LOG2))
anp.log10.defrules(   vjp=lambda g, ans, x: g / (x * LOG10),      jvp=lambda t, ans, x: t / (x * LOG10))
anp.log1p.defrules(   vjp=lambda g, ans, x: g / (x + 1),          jvp=lambda t, ans, x: t / (x + 1))
anp.sqrt.defrules(    vjp=lambda g, ans, x: g * 0.5 / ans,        jvp=lambda t, ans, x: t * 0.5 / ans)
anp.cbrt.defrules(    vjp=lambda g, ans, x: g / (3 * ans**2),     jvp=lambda t, ans, x: t / (3 * ans**2))
anp.square.defrules(  vjp=lambda g, ans, x: g * 2 * x,            jvp=lambda t, ans, x: t * 2 * x)
anp.reciprocal.defrules(vjp=lambda g, ans, x: -g * ans**2,        jvp=lambda t, ans, x: -t * ans**2)
anp.absolute.defrules(vjp=lambda g, ans, x: g * np.sign(raw(x)),  jvp=lambda t, ans, x: t * np.sign(raw(x)))
anp.sin.defrules(     vjp=lambda g, ans, x: g * anp.cos(x),       jvp=lambda t, ans, x: t * anp.cos(x))
anp.cos.defrules(     vjp=lambda g, ans, x: -g * anp.sin(x),      jvp=lambda t, ans, x: -t * anp.sin(x))
anp.tan.defrules(     vjp=lambda g, ans, x: g * (1 + ans**2),     jvp=lambda t, ans, x: t * (1 + ans**2))
anp.arcsin.defrules(  vjp=lambda g, ans, x: g / anp.sqrt(1 - x**2), jvp=lambda t, ans, x: t / anp.sqrt(1 - x**2))
anp.arccos.defrules(  vjp=lambda g, ans, x: -g / anp.sqrt(1 - x**2), jvp=lambda t, ans, x: -t / anp.sqrt(1 - x**2))
anp.arctan.defrules(  vjp=lambda g, ans, x: g / (1 + x**2),       jvp=lambda t, ans, x: t / (1 + x**2))
anp.sinh.defrules(    vjp=lambda g, ans, x: g * anp.cosh(x),      jvp=lambda t, ans, x: t * anp.cosh(x))
anp.cosh.defrules(    vjp=lambda g, ans, x: g * anp.sinh(x),      jvp=lambda t, ans, x: t * anp.sinh(x))
anp.tanh.defrules(    vjp=lambda g, ans, x: g * (1 - ans**2),     jvp=lambda t, ans, x: t * (1 - ans**2))
anp.arcsinh.defrules( vjp=lambda g, ans, x: g / anp.sqrt(x**2 + 1), jvp=lambda t, ans, x: t / anp.sqrt(x**2 + 1))
anp.arccosh.defrules( vjp=lambda g, ans, x: g / anp.sqrt(x**2 - 1), jvp=lambda t, ans, x: t / anp.sqrt(x**2 - 1))
anp.arctanh.defrules( vjp=lambda g, ans, x: g / (1 - x**2),       jvp=lambda t, ans, x: t / (1 - x**2))
anp.sigmoid.defrules( vjp=lambda g, ans, x: g * ans * (1 - ans),  jvp=lambda t, ans, x: t * ans * (1 - ans))
anp.relu.defrules(    vjp=lambda g, ans, x: g * (raw(x) > 0),     jvp=lambda t, ans, x: t * (raw(x) > 0))
anp.erf.defrules(     vjp=lambda g, ans, x: g * TWO_OVER_SQRT_PI * anp.exp(-(x**2)),
                      jvp=lambda t, ans, x: t * TWO_OVER_SQRT_PI * anp.exp(-(x**2)))

# ---- elementwise, two arguments (rules give the broadcast shape; the engine sums back) --
anp.add.defrules(
    vjp=(lambda g, ans, x, y: g,                    lambda g, ans, x, y: g),
    jvp=(lambda t, ans, x, y: t,                    lambda t, ans, x, y: t))
anp.subtract.defrules(
    vjp=(lambda g, ans, x, y: g,                    lambda g, ans, x, y: -g),
    jvp=(lambda t, ans, x, y: t,                    lambda t, ans, x, y: -t))
anp.multiply.defrules(
    vjp=(lambda g, ans, x, y: g * y,                lambda g, ans, x, y: g * x),
    jvp=(lambda t, ans, x, y: t * y,                lambda t, ans, x, y: x * t))
anp.divide.defrules(
    vjp=(lambda g, ans, x, y: g / y,                lambda g, ans, x, y: -g * ans / y),
    jvp=(lambda t, ans, x, y: t / y,                lambda t, ans, x, y: -t * ans / y))
anp.power.defrules(
    vjp=(lambda g, ans, x, y: g * y * x ** (y - 1), lambda g, ans, x, y: g * ans * anp.log(_positive_or_one(x))),
    jvp=(lambda t, ans, x, y: t * y * x ** (y - 1), lambda t, ans, x, y: t * ans * anp.log(_positive_or_one(x))))
anp.maximum.defrules(
    vjp=(lambda g, ans, x, y: g * _balanced(x, y),  lambda g, ans, x, y: g * _balanced(y, x)),
    jvp=(lambda t, ans, x, y: t * _balanced(x, y),  lambda t, ans, x, y: t * _balanced(y, x)))
anp.minimum.defrules(
    vjp=(lambda g, ans, x, y: g * _balanced(y, x),  lambda g, ans, x, y: g * _balanced(x, y)),
    jvp=(lambda t, ans, x, y: t * _balanced(y, x),  lambda t, ans, x, y: t * _balanced(x, y)))
anp.arctan2.defrules(
    vjp=(lambda g, ans, y, x: g * x / (x**2 + y**2), lambda g, ans, y, x: -g * y / (x**2 + y**2)),
    jvp=(lambda t, ans, y, x: t * x / (x**2 + y**2), lambda t, ans, y, x: -t * y / (x**2 + y**2)))
anp.hypot.defrules(
    vjp=(lambda g, ans, x, y: g * x / ans,          lambda g, ans, x, y: g * y / ans),
    jvp=(lambda t, ans, x, y: t * x / ans,          lambda t, ans, x, y: t * y / ans))
anp.logaddexp.defrules(
    vjp=(lambda g, ans, x, y: g * anp.exp(x - ans), lambda g, ans, x, y: g * anp.exp(y - ans)),
    jvp=(lambda t, ans, x, y: t * anp.exp(x - ans), lambda t, ans, x, y: t * anp.exp(y - ans)))

# ---- reductions (axis is a sorted tuple or None) ---------------------------------------
anp._sum.defrules(
    vjp=lambda g, ans, x, axis, keepdims: expand_reduced(g, _shape(x), axis, keepdims),
    jvp=lambda t, ans, x, axis, keepdims: anp._sum(t, axis=axis, keepdims=keepdims))
anp._mean.defrules(
    vjp=lambda g, ans, x, axis, keepdims: expand_reduced(g, _shape(x), axis, keepdims) / _count(_shape(x), axis),
    jvp=lambda t, ans, x, axis, keepdims: anp._mean(t, axis=axis, keepdims=keepdims))
anp._max.defrules(
    vjp=lambda g, ans, x, axis, keepdims: expand_reduced(g, _shape(x), axis, keepdims) * _extremum_share(ans, x, axis),
    jvp=lambda t, ans, x, axis, keepdims: anp._sum(t * _extremum_share(ans, x, axis), axis=axis, keepdims=keepdims))
anp._min.defrules(
    vjp=lambda g, ans, x, axis, keepdims: expand_reduced(g, _shape(x), axis, keepdims) * _extremum_share(ans, x, axis),
    jvp=lambda t, ans, x, axis, keepdims: anp._sum(t * _extremum_share(ans, x, axis), axis=axis, keepdims=keepdims))
anp._logsumexp_prim.defrules(
    vjp=lambda g, ans, x, axis, keepdims: expand_reduced(g, _shape(x), axis, keepdims)
                                          * anp.exp(x - expand_reduced(ans, _shape(x), axis, keepdims)),
    jvp=lambda t, ans, x, axis, keepdims: anp._sum(t * anp.exp(x - expand_reduced(ans, _shape(x), axis, keepdims)),
                                                   axis=axis, keepdims=keepdims))
anp._softmax_prim.defrules(
    vjp=lambda g, ans, x, axis: ans * (g - anp._sum(g * ans, axis=(axis,), keepdims=True)),
    jvp=lambda t, ans, x, axis: ans * (t - anp._sum(t * ans, axis=(axis,), keepdims=True)))
anp._log_softmax_prim.defrules(
    vjp=lambda g, ans, x, axis: g - anp.exp(ans) * anp._sum(g, axis=(axis,), keepdims=True),
    jvp=lambda t, ans, x, axis: t - anp._sum(anp.exp(ans) * t, axis=(axis,), keepdims=True))

# ---- shapes: linear maps, so each JVP is the map itself and each VJP its adjoint ----------
anp._reshape.defrules(
    vjp=(lambda g, ans, x, shape: anp.reshape(g, _shape(x)), None),
    jvp=(lambda t, ans, x, shape: anp.reshape(t, shape), None))
anp._transpose.defrules(
    vjp=lambda g, ans, x, axes: anp.transpose(g, _inverse_axes(axes, anp._ndim(x))),
    jvp=lambda t, ans, x, axes: anp.transpose(t, axes))
anp._swapaxes.defrules(
    vjp=lambda g, ans, x, axis1, axis2: anp.swapaxes(g, axis1, axis2),
    jvp=lambda t, ans, x, axis1, axis2: anp.swapaxes(t, axis1, axis2))
anp._moveaxis.defrules(
    vjp=lambda g, ans, x, source, destination: anp.moveaxis(g, destination, source),
    jvp=lambda t, ans, x, source, destination: anp.moveaxis(t, source, destination))
anp._expand_dims.defrules(
    vjp=lambda g, ans, x, axis: anp.reshape(g, _shape(x)),
    jvp=lambda t, ans, x, axis: anp.expand_dims(t, axis))
anp._squeeze.defrules(
    vjp=lambda g, ans, x, axis: anp.reshape(g, _shape(x)),
    jvp=lambda t, ans, x, axis: anp.squeeze(t, axis))
anp._broadcast_to.defrules(
    vjp=lambda g, ans, x, shape: g,  # the engine's unbroadcast sums it back
    jvp=lambda t, ans, x, shape: anp.broadcast_to(t, shape))
anp._flip.defrules(
    vjp=lambda g, ans, x, axis: anp.flip(g, axis),
    jvp=lambda t, ans, x, axis: anp.flip(t, axis))
anp._astype.defrules(
    vjp=lambda g, ans, x, dtype: anp.astype(g, _dtype(x)),
    jvp=lambda t, ans, x, dtype: anp.astype(t, dtype))
anp.getitem.defrules(
    vjp=(lambda g, ans, x, index: anp.untake(g, index, _shape(x)), None),
    jvp=(lambda t, ans, x, index: anp.getitem(t, index), None))
anp.untake.defrules(
    vjp=(lambda g, ans, x, index, shape: anp.getitem(g, index), None, None),
    jvp=(lambda t, ans, x, index, shape: anp.untake(t, index, shape), None, None))
anp._concatenate_prim.defrules_variadic(vjp=_concatenate_vjp, jvp=_concatenate_jvp)
anp._stack_prim.defrules_variadic(vjp=_stack_vjp, jvp=_stack_jvp)
anp._diagonal.defrules(
    vjp=lambda g, ans, x, offset, axis1, axis2: anp.diagonal_adjoint(g, shape=_shape(x), offset=offset, axis1=axis1, axis2=axis2),
    jvp=lambda t, ans, x, offset, axis1, axis2: anp.diagonal(t, offset, axis1, axis2))
anp.diagonal_adjoint.defrules(
    vjp=lambda g, ans, x, shape, offset, axis1, axis2: anp.diagonal(g, offset, axis1, axis2),
    jvp=lambda t, ans, x, shape, offset, axis1, axis2: anp.diagonal_adjoint(t, shape=shape, offset=offset, axis1=axis1, axis2=axis2))
anp._triu.defrules(
    vjp=lambda g, ans, x, k: anp.triu(g, k),
    jvp=lambda t, ans, x, k: anp.triu(t, k))
anp._tril.defrules(
    vjp=lambda g, ans, x, k: anp.tril(g, k),
    jvp=lambda t, ans, x, k: anp.tril(t, k))
anp._cumsum.defrules(
    vjp=lambda g, ans, x, axis: anp.flip(anp.cumsum(anp.flip(g, axis), axis), axis),
    jvp=lambda t, ans, x, axis: anp.cumsum(t, axis))

# ---- selection ------------------------------------------------------------------------
anp._where.defrules(
    vjp=(None, lambda g, ans, c, x, y: anp.where(c, g, 0.0), lambda g, ans, c, x, y: anp.where(c, 0.0, g)),
    jvp=(None, lambda t, ans, c, x, y: anp.where(c, t, 0.0), lambda t, ans, c, x, y: anp.where(c, 0.0, t)))
anp._clip.defrules(
    vjp=(lambda g, ans, x, lo, hi: g * _inside(x, lo, hi), None, None),
    jvp=(lambda t, ans, x, lo, hi: t * _inside(x, lo, hi), None, None))

# ---- products -------------------------------------------------------------------------
anp.matmul.defrules(
    vjp=(_matmul_vjp_a, _matmul_vjp_b),
    jvp=(lambda t, ans, a, b: anp.matmul(t, b), lambda t, ans, a, b: anp.matmul(a, t)))
anp.linear.defrules(  # y = x Wᵀ + b, for x of shape (..., in), W (out, in), b (out,)
    vjp=(lambda g, ans, x, W, b=None: anp.matmul(g, W),
         lambda g, ans, x, W, b=None: _linear_weight_vjp(g, x, W),
         lambda g, ans, x, W, b=None: g),
    jvp=(lambda t, ans, x, W, b=None: anp.linear(t, W),
         lambda t, ans, x, W, b=None: anp.linear(x, t),
         lambda t, ans, x, W, b=None: t))
anp._einsum_prim.defrules_variadic(vjp=_einsum_vjp, jvp=_einsum_jvp)
# ---- linear algebra, on mml.linalg (MML book §5.5 identities) ---------------------------
anp.linalg.solve_prim.defrules(  # x = A⁻¹ b
    vjp=(_solve_vjp_a,                                          lambda g, ans, a, b: anp.linalg.solve(_T(a), g)),
    jvp=(lambda t, ans, a, b: -anp.linalg.solve(a, anp.matmul(t, ans)), lambda t, ans, a, b: anp.linalg.solve(a, t)))
anp.linalg.inv_prim.defrules(  # d(A⁻¹) = -A⁻¹ dA A⁻¹
    vjp=lambda g, ans, a: -anp.matmul(_T(ans), anp.matmul(g, _T(ans))),
    jvp=lambda t, ans, a: -anp.matmul(ans, anp.matmul(t, ans)))
anp.linalg.det_prim.defrules(  # ∂ det A / ∂A = det(A) A⁻ᵀ
    vjp=lambda g, ans, a: _expand_matrix(g * ans) * _T(anp.linalg.inv(a)),
    jvp=lambda t, ans, a: ans * anp.sum(_T(anp.linalg.inv(a)) * t, axis=(-2, -1)))
anp.linalg.logabsdet_prim.defrules(  # ∂ log|det A| / ∂A = A⁻ᵀ
    vjp=lambda g, ans, a: _expand_matrix(g) * _T(anp.linalg.inv(a)),
    jvp=lambda t, ans, a: anp.sum(_T(anp.linalg.inv(a)) * t, axis=(-2, -1)))
anp.linalg.cholesky_prim.defrules(vjp=_cholesky_vjp, jvp=_cholesky_jvp)
anp.linalg.eigh_packed_prim.defrules(vjp=_eigh_vjp, jvp=_eigh_jvp)
# fmt: on
