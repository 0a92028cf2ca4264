"""NumPy-style operators and methods of ``Tensor`` (a mixin), and its in-place updates.

Every operator calls the differentiable function of ``mml.autodiff.numpy`` with NumPy's
name (``a @ b`` is ``anp.matmul(a, b)``, ``x.sum(axis=0)`` is ``anp.sum(x, axis=0)``), so
tensors read like arrays. In-place updates are allowed on constants and, inside
``no_grad()``, on parameters; they bump a version counter that the backward pass checks.

Examples
--------
>>> from mml.autodiff import Tensor
>>> x = Tensor([[1.0, 2.0], [3.0, 4.0]])
>>> (x.T @ x).sum(axis=0)
Tensor([24., 34.])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.autodiff import tensor as _tensor
from mml.autodiff.modes import GraphError, _GradMode

__all__ = ["TensorMethods"]


class TensorMethods:
    """Operators and NumPy-style methods shared by every ``Tensor``."""

    __slots__ = ()

    # -- in-place operations: allowed on constants, guarded on graph tensors ------------

    def _inplace(self, ufunc: Any, other: Any) -> Any:
        if self._trace > 0 and _GradMode.enabled:
            kind = "a leaf tensor that requires grad" if self.is_leaf else "a graph tensor"
            raise GraphError(
                f"in-place operation on {kind}; write y = y + 1 instead, or update "
                "parameters inside `with no_grad():`"
            )
        if self._trace > 1:
            raise GraphError("in-place operation on a tensor inside a transformation")
        if isinstance(self._value, np.ndarray) and self._value.ndim > 0:
            ufunc(self._value, _tensor.raw(other), out=self._value)
        else:
            self._value = np.asarray(ufunc(self._value, _tensor.raw(other)))
        self._version += 1
        return self

    def __iadd__(self, other: Any) -> Any:
        return self._inplace(np.add, other)

    def __isub__(self, other: Any) -> Any:
        return self._inplace(np.subtract, other)

    def __imul__(self, other: Any) -> Any:
        return self._inplace(np.multiply, other)

    def __itruediv__(self, other: Any) -> Any:
        return self._inplace(np.true_divide, other)

    def __setitem__(self, index: Any, value: Any) -> None:
        def assign(target, source, out):
            target[_raw_index(index)] = source
            return target

        self._inplace(assign, value)

    def zero_(self) -> Any:
        """Set every value to zero in place (PyTorch name)."""
        return self._inplace(lambda target, _, out: np.multiply(target, 0, out=out), 0)

    # -- operators ---------------------------------------------------------------------

    def __add__(self, other: Any) -> Any:
        return anp.add(self, other)

    def __radd__(self, other: Any) -> Any:
        return anp.add(other, self)

    def __sub__(self, other: Any) -> Any:
        return anp.subtract(self, other)

    def __rsub__(self, other: Any) -> Any:
        return anp.subtract(other, self)

    def __mul__(self, other: Any) -> Any:
        return anp.multiply(self, other)

    def __rmul__(self, other: Any) -> Any:
        return anp.multiply(other, self)

    def __truediv__(self, other: Any) -> Any:
        return anp.divide(self, other)

    def __rtruediv__(self, other: Any) -> Any:
        return anp.divide(other, self)

    def __pow__(self, other: Any) -> Any:
        return anp.power(self, other)

    def __rpow__(self, other: Any) -> Any:
        return anp.power(other, self)

    def __matmul__(self, other: Any) -> Any:
        return anp.matmul(self, other)

    def __rmatmul__(self, other: Any) -> Any:
        return anp.matmul(other, self)

    def __neg__(self) -> Any:
        return anp.negative(self)

    def __pos__(self) -> Any:
        return self

    def __abs__(self) -> Any:
        return anp.abs(self)

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        # np.asarray(tensor) works for constants; for tensors in a graph it would silently
        # drop the history, so it is refused (as PyTorch does).
        if self._trace > 0:
            raise GraphError(
                "cannot convert a tensor that requires grad to a NumPy array; use "
                "t.detach().numpy() (or t.numpy()) to take its values"
            )
        return np.asarray(_tensor.raw(self), dtype=dtype)

    def __getitem__(self, index: Any) -> Any:
        return anp.getitem(self, _raw_index(index))

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]

    def __eq__(self, other: Any) -> Any:  # type: ignore[override]
        return anp.equal(self, other)

    def __ne__(self, other: Any) -> Any:  # type: ignore[override]
        return anp.not_equal(self, other)

    def __lt__(self, other: Any) -> Any:
        return anp.less(self, other)

    def __le__(self, other: Any) -> Any:
        return anp.less_equal(self, other)

    def __gt__(self, other: Any) -> Any:
        return anp.greater(self, other)

    def __ge__(self, other: Any) -> Any:
        return anp.greater_equal(self, other)

    # -- NumPy-style methods -------------------------------------------------------------

    @property
    def T(self) -> Any:
        return anp.transpose(self)

    def transpose(self, *axes: Any) -> Any:
        if len(axes) == 1 and (axes[0] is None or isinstance(axes[0], (tuple, list))):
            axes = axes[0]
        return anp.transpose(self, axes or None)

    def reshape(self, *shape: Any) -> Any:
        if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
            shape = shape[0]
        return anp.reshape(self, tuple(shape))

    def ravel(self) -> Any:
        return anp.reshape(self, (-1,))

    flatten = ravel

    def astype(self, dtype: Any) -> Any:
        return anp.astype(self, dtype)

    def sum(self, axis: Any = None, keepdims: bool = False) -> Any:
        return anp.sum(self, axis=axis, keepdims=keepdims)

    def mean(self, axis: Any = None, keepdims: bool = False) -> Any:
        return anp.mean(self, axis=axis, keepdims=keepdims)

    def max(self, axis: Any = None, keepdims: bool = False) -> Any:
        return anp.max(self, axis=axis, keepdims=keepdims)

    def min(self, axis: Any = None, keepdims: bool = False) -> Any:
        return anp.min(self, axis=axis, keepdims=keepdims)

    def var(self, axis: Any = None, ddof: int = 0, keepdims: bool = False) -> Any:
        return anp.var(self, axis=axis, ddof=ddof, keepdims=keepdims)

    def std(self, axis: Any = None, ddof: int = 0, keepdims: bool = False) -> Any:
        return anp.std(self, axis=axis, ddof=ddof, keepdims=keepdims)

    def argmax(self, axis: Any = None) -> np.ndarray:
        return np.argmax(_tensor.raw(self), axis=axis)

    def argmin(self, axis: Any = None) -> np.ndarray:
        return np.argmin(_tensor.raw(self), axis=axis)

    def dot(self, other: Any) -> Any:
        return anp.dot(self, other)

    def clip(self, a_min: Any = None, a_max: Any = None) -> Any:
        return anp.clip(self, a_min, a_max)

    def exp(self) -> Any:
        return anp.exp(self)

    def log(self) -> Any:
        return anp.log(self)

    def sqrt(self) -> Any:
        return anp.sqrt(self)

    def tanh(self) -> Any:
        return anp.tanh(self)

    def sigmoid(self) -> Any:
        return anp.sigmoid(self)

    def relu(self) -> Any:
        return anp.relu(self)


def _raw_index(index: Any) -> Any:
    """An index with any tensors in it replaced by their arrays (indices are constants)."""
    if isinstance(index, tuple):
        return tuple(_tensor.raw(i) for i in index)
    return _tensor.raw(index)


from mml.autodiff import numpy as anp  # noqa: E402  (operators call the primitives)
