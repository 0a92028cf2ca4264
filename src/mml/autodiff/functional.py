"""Transformations of functions, in the style of JAX and HIPS autograd.

``grad(f)`` is a new function that returns the gradient of ``f``; the transformations
compose, so ``grad(grad(f))``, ``jacrev(jacrev(f))`` (= ``hessian(f)``), ``jacfwd(jacrev(f))``
and ``jvp(grad(f), ...)`` (= ``hvp``) work, because every derivative rule is itself written
with differentiable primitives (MML book §5.6-5.7).

Two modes (MML book §5.6):

* reverse mode (``vjp``, ``grad``, ``jacrev``): one backward sweep per output entry, so it
  is cheap for functions with few outputs, such as a loss ``ℝⁿ → ℝ``;
* forward mode (``jvp``, ``jacfwd``): one forward sweep per input entry, cheap for
  functions with few inputs.

Examples
--------
>>> import numpy as np
>>> import mml.autodiff.numpy as anp
>>> from mml.autodiff import grad, hessian, jacfwd, jacrev
>>> f = lambda x: anp.sum(x**3)
>>> grad(f)(np.array([1.0, 2.0]))        # 3x^2
array([ 3., 12.])
>>> hessian(f)(np.array([1.0, 2.0]))     # diag(6x)
array([[ 6.,  0.],
       [ 0., 12.]])
>>> g = lambda x: anp.stack([x[0] * x[1], anp.sin(x[0])])
>>> np.allclose(jacfwd(g)(np.array([1.0, 2.0])), jacrev(g)(np.array([1.0, 2.0])))
True
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from mml.autodiff import numpy as anp
from mml.autodiff.backward import backward_pass
from mml.autodiff.tensor import Tensor, check_differentiable_dtype, new_trace, raw
from mml.errors import ShapeError

__all__ = ["vjp", "jvp", "grad", "value_and_grad", "jacrev", "jacfwd", "jacobian", "hessian", "hvp"]


def _as_primal(x: Any) -> Any:
    """Validate an input of a transformation: a float array, or a tensor of an outer trace."""
    if isinstance(x, Tensor):
        value = x if x._trace > 0 else x._value
    else:
        value = np.asarray(x)
    check_differentiable_dtype(value)
    return value


def _shape(x: Any) -> tuple[int, ...]:
    return x.shape if hasattr(x, "shape") else np.shape(x)


def _plain(x: Any) -> Any:
    """Drop a constant (trace-0) tensor wrapper from an output."""
    return x._value if isinstance(x, Tensor) and x._trace == 0 else x


def _zeros(x: Any) -> np.ndarray:
    return np.zeros(_shape(x), dtype=np.result_type(raw(x)))


def _writeable(x: Any) -> Any:
    if isinstance(x, np.ndarray) and not x.flags.writeable:
        return x.copy()
    return x


def vjp(f: Callable[..., Any], *primals: Any) -> tuple[Any, Callable[[Any], tuple[Any, ...]]]:
    """Evaluate ``f(*primals)`` and return its pullback (vector-Jacobian product).

    Parameters
    ----------
    f : callable
        A function of arrays built from ``mml.autodiff.numpy`` functions.
    *primals : array_like
        Floating-point inputs at which to linearise ``f``.

    Returns
    -------
    value : array
        ``f(*primals)``.
    pullback : callable
        ``pullback(u)`` returns the tuple ``(uᵀ ∂f/∂x₁, uᵀ ∂f/∂x₂, ...)``, each with the
        shape of its primal; ``u`` must have the shape of ``value``.

    Raises
    ------
    DomainError
        If a primal is not floating point.
    ShapeError
        If the cotangent ``u`` does not have the output's shape.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[1.0, 2.0], [3.0, 4.0]])
    >>> value, pullback = vjp(lambda x: A @ x, np.array([1.0, 1.0]))
    >>> pullback(np.array([1.0, 0.0]))       # first row of A
    (array([1., 2.]),)
    """
    values = [_as_primal(p) for p in primals]
    trace = new_trace()
    boxes = [Tensor._leaf(v, trace) for v in values]
    out = f(*boxes)
    node = out if isinstance(out, Tensor) and out._trace == trace else None
    value = _plain(node._value if node is not None else out)
    out_shape = _shape(value)

    def pullback(cotangent: Any) -> tuple[Any, ...]:
        ct = cotangent if isinstance(cotangent, Tensor) else np.asarray(cotangent)
        if _shape(ct) != out_shape:
            raise ShapeError(f"cotangent has shape {_shape(ct)}, but f's output has {out_shape}")
        found = {} if node is None else {id(leaf): g for leaf, g in backward_pass(node, ct)}
        results = []
        for box, v in zip(boxes, values):
            g = found.get(id(box))
            results.append(_zeros(v) if g is None else _writeable(_cast_like(g, v)))
        return tuple(results)

    return value, pullback


def _cast_like(g: Any, like: Any) -> Any:
    dtype = np.result_type(raw(like))
    if np.result_type(raw(g)) != dtype:
        return anp.astype(g, dtype)
    return g


def jvp(f: Callable[..., Any], primals: Sequence[Any], tangents: Sequence[Any]) -> tuple[Any, Any]:
    """Evaluate ``f(*primals)`` and its directional derivative ``J·v`` (forward mode).

    Parameters
    ----------
    f : callable
    primals : sequence of array_like
        The point ``x``.
    tangents : sequence of array_like
        The direction ``v``, one per primal and with its shape.

    Returns
    -------
    value, tangent_out : array
        ``f(x)`` and ``∂f/∂x · v``.

    Raises
    ------
    ShapeError
        If the numbers or shapes of primals and tangents differ.
    DomainError
        If a primal is not floating point.

    Examples
    --------
    >>> import numpy as np
    >>> import mml.autodiff.numpy as anp
    >>> jvp(anp.sin, (np.array(0.0),), (np.array(2.0),))   # cos(0) * 2
    (np.float64(0.0), np.float64(2.0))
    """
    primals, tangents = tuple(primals), tuple(tangents)
    if len(primals) != len(tangents):
        raise ShapeError(f"jvp got {len(primals)} primals but {len(tangents)} tangents")
    values = [_as_primal(p) for p in primals]
    trace = new_trace()
    boxes = []
    for v, t in zip(values, tangents):
        t = t if isinstance(t, Tensor) else np.asarray(t, dtype=np.result_type(raw(v)))
        if _shape(t) != _shape(v):
            raise ShapeError(f"tangent has shape {_shape(t)}, but its primal has {_shape(v)}")
        boxes.append(Tensor._forward(v, trace, t))
    out = f(*boxes)
    if isinstance(out, Tensor) and out._trace == trace:
        return _plain(out._value), out._tangent
    out = _plain(out)
    return out, _zeros(out)


def _select(args: tuple, argnums: int | Sequence[int]) -> tuple[tuple[int, ...], bool]:
    single = isinstance(argnums, int)
    nums = (argnums,) if single else tuple(argnums)
    for n in nums:
        if not -len(args) <= n < len(args):
            raise ShapeError(f"argnums {n} is out of range for {len(args)} argument(s)")
    return tuple(n % len(args) for n in nums), single


def _partial(f: Callable, args: tuple, kwargs: dict, nums: tuple[int, ...]) -> Callable:
    def restricted(*chosen: Any) -> Any:
        full = list(args)
        for n, value in zip(nums, chosen):
            full[n] = value
        return f(*full, **kwargs)

    return restricted


def value_and_grad(f: Callable[..., Any], argnums: int | Sequence[int] = 0) -> Callable[..., Any]:
    """A function returning ``(f(*args), ∇f)`` for a scalar-valued ``f``.

    Parameters
    ----------
    f : callable
        Returns a scalar (shape ``()`` or one element).
    argnums : int or sequence of int, default 0
        Which positional arguments to differentiate; a sequence gives a tuple of gradients.

    Raises
    ------
    ShapeError
        If ``f`` does not return a single number.
    DomainError
        If a differentiated argument is not floating point.

    Examples
    --------
    >>> import numpy as np
    >>> value_and_grad(lambda x: (x**2).sum())(np.array([1.0, 2.0]))
    (np.float64(5.0), array([2., 4.]))
    """

    def wrapped(*args: Any, **kwargs: Any) -> tuple[Any, Any]:
        nums, single = _select(args, argnums)
        value, pullback = vjp(_partial(f, args, kwargs, nums), *(args[n] for n in nums))
        shape = _shape(value)
        if math.prod(shape) != 1:
            raise ShapeError(
                f"grad needs f to return a scalar, got shape {shape}; use jacobian for "
                "vector-valued functions"
            )
        grads = pullback(np.ones(shape, dtype=np.result_type(raw(value))))
        return value, grads[0] if single else grads

    return wrapped


def grad(f: Callable[..., Any], argnums: int | Sequence[int] = 0) -> Callable[..., Any]:
    """The gradient function ``x ↦ ∇f(x)`` of a scalar-valued ``f`` (reverse mode).

    The gradient has the shape of the argument (the transpose of the book's row-vector
    convention, as in NumPy-based libraries). ``grad(grad(f))`` differentiates again.

    Raises
    ------
    ShapeError
        If ``f`` does not return a single number.
    DomainError
        If a differentiated argument is not floating point (``grad(f)(3)``).

    Examples
    --------
    >>> import mml.autodiff.numpy as anp
    >>> d_tanh = grad(anp.tanh)
    >>> round(float(d_tanh(0.5)), 6), round(float(grad(d_tanh)(0.5)), 6)
    (0.786448, -0.726862)
    """
    value_and_gradient = value_and_grad(f, argnums)

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        return value_and_gradient(*args, **kwargs)[1]

    return wrapped


def _basis(shape: tuple[int, ...], index: int, dtype: Any) -> np.ndarray:
    e = np.zeros(math.prod(shape), dtype=dtype)
    e[index] = 1
    return e.reshape(shape)


def jacrev(f: Callable[..., Any], argnums: int = 0) -> Callable[..., Any]:
    """The Jacobian ``∂f/∂x`` by reverse mode: one pullback per output entry.

    The result has shape ``f(x).shape + x.shape`` (MML book §5.3: m×n for ``ℝⁿ → ℝᵐ``).

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    >>> jacrev(lambda x: A @ x)(np.zeros(2))
    array([[1., 2.],
           [3., 4.],
           [5., 6.]])
    """

    def jacobian_function(*args: Any, **kwargs: Any) -> Any:
        (n,), _ = _select(args, argnums)
        value, pullback = vjp(_partial(f, args, kwargs, (n,)), args[n])
        out_shape, in_shape = _shape(value), _shape(_as_primal(args[n]))
        dtype = np.result_type(raw(value))
        rows = [pullback(_basis(out_shape, i, dtype))[0] for i in range(math.prod(out_shape))]
        if not rows:
            return np.zeros(out_shape + in_shape, dtype=dtype)
        return anp.reshape(anp.stack(rows), out_shape + in_shape)

    return jacobian_function


jacobian = jacrev


def jacfwd(f: Callable[..., Any], argnums: int = 0) -> Callable[..., Any]:
    """The Jacobian ``∂f/∂x`` by forward mode: one JVP per input entry.

    Same result as ``jacrev``; cheaper when ``x`` has fewer entries than ``f(x)``.

    Examples
    --------
    >>> import numpy as np
    >>> import mml.autodiff.numpy as anp
    >>> jacfwd(lambda x: anp.stack([x[0] ** 2, x[0] * x[1]]))(np.array([1.0, 2.0]))
    array([[2., 0.],
           [2., 1.]])
    """

    def jacobian_function(*args: Any, **kwargs: Any) -> Any:
        (n,), _ = _select(args, argnums)
        restricted = _partial(f, args, kwargs, (n,))
        x = _as_primal(args[n])
        in_shape, dtype = _shape(x), np.result_type(raw(x))
        columns = []
        value = None
        for j in range(math.prod(in_shape)):
            value, column = jvp(restricted, (x,), (_basis(in_shape, j, dtype),))
            columns.append(column)
        if not columns:
            value = restricted(x)
            return np.zeros(_shape(value) + in_shape, dtype=np.result_type(raw(value)))
        return anp.reshape(anp.stack(columns, axis=-1), _shape(value) + in_shape)

    return jacobian_function


def hessian(f: Callable[..., Any], argnums: int = 0) -> Callable[..., Any]:
    """The Hessian ``∂²f/∂x²`` of a scalar ``f`` (MML book §5.7), as ``jacrev(jacrev(f))``.

    Reverse over reverse, as HIPS autograd: the gradient is computed once with its own
    graph recorded (the rules are differentiated, not approximated by finite
    differences), and each row of the Hessian is one more reverse sweep through that
    graph. ``jacfwd(jacrev(f))`` gives the same matrix; without vectorisation it re-runs
    ``f`` once per column, which is slower here.

    Examples
    --------
    >>> import numpy as np
    >>> import mml.autodiff.numpy as anp
    >>> hessian(lambda x: x[0] ** 2 * x[1])(np.array([1.0, 3.0]))
    array([[6., 2.],
           [2., 0.]])
    """
    return jacrev(jacrev(f, argnums), argnums)


def hvp(f: Callable[[Any], Any], x: Any, v: Any) -> Any:
    """Hessian-vector product ``∇²f(x) · v`` without forming the Hessian (forward over reverse).

    Examples
    --------
    >>> import numpy as np
    >>> import mml.autodiff.numpy as anp
    >>> hvp(lambda x: anp.sum(x**3), np.array([1.0, 2.0]), np.array([1.0, 1.0]))
    array([ 6., 12.])
    """
    return jvp(grad(f), (x,), (v,))[1]
