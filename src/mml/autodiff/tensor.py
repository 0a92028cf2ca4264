"""The ``Tensor``: a NumPy array that remembers how it was computed.

Every differentiable operation is a *primitive* (see ``mml.autodiff.numpy``). Calling a
primitive on tensors runs NumPy on the arrays inside and, while gradients are being
recorded, returns a new tensor that points back to its inputs: the computational graph of
MML book §5.6. ``Tensor.backward`` walks that graph once in reverse topological order and
applies each primitive's vector-Jacobian product (VJP) from ``mml.autodiff.rules``.

Nesting (``grad(grad(f))``, ``hessian``) works as in HIPS autograd: each transformation
gets its own *trace*, a number. A tensor of trace ``k`` wraps a value of a lower trace (or
a plain array), so the derivative rules, which are written with differentiable primitives,
are themselves recorded by the enclosing transformation. Trace 0 is "constant", trace 1 is
the PyTorch-style tape of tensors made with ``requires_grad=True``, and the functional API
(``grad``, ``jvp``, ...) draws fresh trace numbers from 2 upwards.

Examples
--------
>>> from mml.autodiff import Tensor
>>> x = Tensor([1.0, 2.0, 3.0], requires_grad=True)
>>> y = (x * x).sum()          # y = x1^2 + x2^2 + x3^2
>>> y.backward()
>>> x.grad                     # dy/dx = 2x
Tensor([2., 4., 6.])
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from mml.autodiff.modes import (  # noqa: F401  (re-exported)
    FORWARD,
    REVERSE,
    GraphError,
    _creation_numbers,
    _GradMode,
    enable_grad,
    is_grad_enabled,
    new_trace,
    no_grad,
)
from mml.errors import DomainError, ShapeError

__all__ = ["Tensor", "GraphError", "no_grad", "enable_grad", "is_grad_enabled"]


def raw(value: Any) -> Any:
    """The plain NumPy value under any number of tensor wrappers."""
    while isinstance(value, Tensor):
        value = value._value
    return value


def dtype_of(value: Any) -> np.dtype:
    """The NumPy dtype of an array, a NumPy scalar, a Python number or a tensor."""
    value = raw(value)
    dtype = getattr(value, "dtype", None)
    return dtype if dtype is not None else np.result_type(value)


def check_differentiable_dtype(value: Any, what: str = "an input") -> None:
    """Raise ``DomainError`` unless ``value`` holds real floating-point numbers.

    Integers have no derivative, and the rules are written for real arguments (complex
    derivatives would need conjugates), so both are refused rather than answered wrongly.
    """
    dtype = np.asarray(raw(value)).dtype
    if not np.issubdtype(dtype, np.floating):
        raise DomainError(
            f"cannot differentiate with respect to {what} of dtype {dtype}: gradients are "
            "defined for real floating-point values only (write 3.0 instead of 3, or use "
            ".astype(float))"
        )


def apply(primitive: Any, args: tuple, kwargs: dict) -> Any:
    """Run ``primitive`` on ``args``, recording it on the innermost trace among them.

    The one dispatch point of the package. Plain arrays in, plain array out. Otherwise the
    inputs of the innermost trace are unwrapped one level, the primitive runs on the
    unwrapped values (which may record on outer traces), and the result is wrapped as a
    node of the innermost trace: a reverse-mode node that remembers its inputs, or a
    forward-mode value carrying its tangent from the primitive's JVP rules.
    """
    top = -1
    box = None
    for a in args:
        if isinstance(a, Tensor) and a._trace > top:
            top = a._trace
            box = a
    if top < 0:
        return primitive.fn(*args, **kwargs)
    if top == 0 or primitive.nondifferentiable:
        return Tensor._constant(primitive.fn(*[raw(a) for a in args], **kwargs))
    inner = []
    parents = []
    saved = []
    nested = False
    i = 0
    for a in args:
        if isinstance(a, Tensor):
            saved.append((a, a._version))
            trace = a._trace
            if trace == top:
                parents.append((i, a))
                a = a._value
            elif trace == 0:
                a = a._value
            if top > 1 and isinstance(a, Tensor):
                nested = True
        inner.append(a)
        i += 1
    # Unwrapped values of outer traces are still tensors: let those traces record too.
    value = apply(primitive, inner, kwargs) if nested else primitive.fn(*inner, **kwargs)
    if box._mode == REVERSE:
        if not _GradMode.enabled:
            return value if isinstance(value, Tensor) else Tensor._constant(value)
        return Tensor._node(value, top, primitive, parents, inner, kwargs, saved)
    tangent = None
    for i, a in parents:
        rule = primitive.jvp_rule(i)
        if rule is None:
            continue
        contribution = rule(a._tangent, value, *inner, **kwargs)
        tangent = contribution if tangent is None else tangent + contribution
    if tangent is None:
        return value
    out_shape = np.shape(raw(value))
    if tangent.shape != out_shape:
        tangent = anp.broadcast_to(tangent, out_shape)
    return Tensor._forward(value, top, tangent)


# Imported here, after ``apply`` and ``raw``: the methods import the primitives, which use them.
from mml.autodiff.tensor_methods import TensorMethods  # noqa: E402


class Tensor(TensorMethods):
    """An array with automatic differentiation, following NumPy and PyTorch names.

    Parameters
    ----------
    data : array_like
        The values, copied. Python floats and lists become float64 arrays unless ``dtype``
        says otherwise; a ``Tensor`` is copied without its history (like ``detach``).
    requires_grad : bool, default False
        Record operations on this tensor so that ``backward()`` fills ``.grad``.
        Only floating-point tensors can require gradients.
    dtype : data-type, optional
        NumPy dtype for the values.

    Attributes
    ----------
    grad : Tensor or None
        The accumulated gradient, same shape and dtype as the tensor (leaves only).
    shape, ndim, size, dtype, T
        As for ``numpy.ndarray``.

    Raises
    ------
    DomainError
        If ``requires_grad=True`` for integer or boolean data.

    Notes
    -----
    Semantics that from-scratch engines often get wrong, made explicit here:

    * a value used twice (a shared node) receives the sum of both gradient paths;
    * ``backward()`` called again adds to ``.grad`` (as PyTorch); ``zero_grad()`` resets;
    * changing a tensor in place after an operation saved it raises ``GraphError`` at
      ``backward()``;
    * ``backward()`` of a non-scalar needs an explicit seed ``gradient``.

    Examples
    --------
    >>> import numpy as np
    >>> from mml.autodiff import Tensor
    >>> W = Tensor(np.array([[1.0, 2.0], [3.0, 4.0]]), requires_grad=True)
    >>> x = Tensor([1.0, -1.0])
    >>> loss = ((W @ x) ** 2).sum()
    >>> loss.item()
    2.0
    >>> loss.backward()
    >>> W.grad          # d loss / dW = 2 (W x) x^T
    Tensor([[-2.,  2.],
            [-2.,  2.]])
    """

    __slots__ = (
        "_value",
        "_trace",
        "_mode",
        "_prim",
        "_parents",
        "_args",
        "_kwargs",
        "_saved",
        "_tangent",
        "_grad",
        "_version",
        "_seq",
        "__weakref__",
    )
    __array_ufunc__ = None  # ndarray <op> Tensor defers to Tensor's reflected operators
    __hash__ = object.__hash__

    def __init__(self, data: Any, requires_grad: bool = False, dtype: Any = None) -> None:
        value = np.array(raw(data), dtype=dtype)  # a copy, as torch.tensor: in-place updates
        # of the tensor never reach the caller's array
        self._value = value
        self._mode = REVERSE
        self._prim = None
        self._parents = ()
        self._args = ()
        self._kwargs = None
        self._saved = ()
        self._tangent = None
        self._grad = None
        self._version = 0
        self._trace = 0
        self._seq = next(_creation_numbers)
        if requires_grad:
            self.requires_grad = True

    # -- construction of graph nodes (used by ``apply`` and the functional API) --------

    @classmethod
    def _constant(cls, value: Any) -> Tensor:
        t = cls.__new__(cls)
        t._value = value
        t._trace = 0
        t._mode = REVERSE
        t._prim = None
        t._parents = ()
        t._saved = ()
        t._grad = None
        t._version = 0
        t._seq = next(_creation_numbers)
        return t

    @classmethod
    def _node(cls, value, trace, prim, parents, args, kwargs, saved) -> Tensor:
        t = cls.__new__(cls)
        t._value = value
        t._trace = trace
        t._mode = REVERSE
        t._prim = prim
        t._parents = parents
        t._args = args
        t._kwargs = kwargs
        t._saved = saved
        t._grad = None
        t._version = 0
        t._seq = next(_creation_numbers)
        return t

    @classmethod
    def _leaf(cls, value: Any, trace: int) -> Tensor:
        """An input of a reverse-mode transformation."""
        return cls._node(value, trace, None, (), (), None, ())

    @classmethod
    def _forward(cls, value: Any, trace: int, tangent: Any) -> Tensor:
        t = cls.__new__(cls)
        t._value = value
        t._trace = trace
        t._mode = FORWARD
        t._prim = None
        t._parents = ()
        t._saved = ()
        t._tangent = tangent
        t._grad = None
        t._version = 0
        t._seq = next(_creation_numbers)
        return t

    # -- array-like attributes ------------------------------------------------------------

    @property
    def data(self) -> np.ndarray:
        """The NumPy array inside (no history). Assigning to it changes the values."""
        return raw(self)

    @data.setter
    def data(self, value: Any) -> None:
        if self._trace > 1:
            raise GraphError("cannot assign .data of a tensor inside a transformation")
        if value is self._value:  # ``p.data -= step`` changed the array in place
            self._version += 1
        else:
            self._value = np.asarray(raw(value), dtype=np.result_type(self._value))

    @property
    def shape(self) -> tuple[int, ...]:
        return self._value.shape

    @property
    def ndim(self) -> int:
        return len(self.shape)

    @property
    def size(self) -> int:
        return math.prod(self.shape)

    @property
    def dtype(self) -> np.dtype:
        return dtype_of(self)

    def __len__(self) -> int:
        if not self.shape:
            raise TypeError("len() of a 0-d tensor")
        return self.shape[0]

    def numpy(self) -> np.ndarray:
        """The values as a NumPy array (no history)."""
        return np.asarray(raw(self))

    def item(self) -> float:
        """The single value of a one-element tensor as a Python number."""
        return np.asarray(raw(self)).item()

    def tolist(self) -> Any:
        return np.asarray(raw(self)).tolist()

    def __float__(self) -> float:
        return float(raw(self))

    def __int__(self) -> int:
        return int(raw(self))

    def __bool__(self) -> bool:
        return bool(raw(self))

    def __repr__(self) -> str:
        text = np.array2string(np.asarray(raw(self)), separator=", ", prefix="Tensor(")
        extra = ", requires_grad=True" if self._trace == 1 else ""
        if self._trace > 1:
            extra = f", trace={self._trace}"
        return f"Tensor({text}{extra})"

    # -- autograd state ------------------------------------------------------------------

    @property
    def requires_grad(self) -> bool:
        """True when operations on this tensor are recorded for ``backward()``."""
        return self._trace > 0

    @requires_grad.setter
    def requires_grad(self, flag: bool) -> None:
        if self._prim is not None or self._trace > 1:
            raise GraphError("requires_grad can only be changed on leaf tensors")
        if flag:
            check_differentiable_dtype(self._value, "a tensor")
        self._trace = 1 if flag else 0

    def requires_grad_(self, flag: bool = True) -> Tensor:
        """Set ``requires_grad`` in place and return the tensor (PyTorch name)."""
        self.requires_grad = flag
        return self

    @property
    def is_leaf(self) -> bool:
        """True for tensors made by the user rather than by an operation."""
        return self._prim is None

    @property
    def grad(self) -> Tensor | None:
        return self._grad

    @grad.setter
    def grad(self, value: Any) -> None:
        self._grad = None if value is None else Tensor(value)

    @property
    def grad_fn(self) -> str | None:
        """Name of the primitive that produced this tensor (None for leaves)."""
        return None if self._prim is None else self._prim.name

    def zero_grad(self) -> None:
        """Forget the accumulated gradient (``.grad`` becomes None)."""
        self._grad = None

    def detach(self) -> Tensor:
        """The same values as a constant tensor, cut off from the graph."""
        return Tensor._constant(raw(self))

    def backward(self, gradient: Any = None) -> None:
        """Accumulate d(self)/d(leaf) into ``.grad`` of every leaf that requires grad.

        Parameters
        ----------
        gradient : array_like, optional
            The seed: the gradient of some scalar with respect to ``self``, with
            ``self``'s shape. Required unless ``self`` has a single element.

        Raises
        ------
        ShapeError
            If ``self`` is not a scalar and no ``gradient`` is given, or if the
            ``gradient``'s shape differs from ``self.shape``.
        GraphError
            If ``self`` does not require gradients, or a saved tensor was changed in place.
        """
        if self._trace != 1:
            raise GraphError(
                "backward() needs a tensor computed from tensors with requires_grad=True"
                if self._trace == 0
                else "use grad/vjp, not backward(), inside a functional transformation"
            )
        shape = self.shape
        if gradient is None:
            if self.size != 1:
                raise ShapeError(
                    f"backward() of a tensor of shape {shape} needs a seed gradient of that "
                    "shape, e.g. y.backward(gradient=np.ones(y.shape)); or reduce it to a "
                    "scalar first, e.g. y.sum().backward()"
                )
            seed = np.ones(shape, dtype=self.dtype)
        else:
            seed = np.asarray(raw(gradient), dtype=self.dtype)
            if seed.shape != shape:
                raise ShapeError(
                    f"backward() seed gradient has shape {seed.shape}, expected {shape}"
                )
        for leaf, g in backward_pass(self, seed):
            if leaf._trace != 1:
                continue
            if g.dtype != leaf._value.dtype:
                g = g.astype(leaf._value.dtype)
            leaf._grad = Tensor._constant(g if leaf._grad is None else leaf._grad._value + g)


from mml.autodiff import numpy as anp  # noqa: E402  (operators need the primitives)
from mml.autodiff.backward import backward_pass  # noqa: E402
