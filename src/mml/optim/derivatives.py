"""Where the gradient comes from, and the counted objective every minimiser calls.

A minimiser needs ``f``, ``∇f`` and sometimes ``∇²f``. The user may pass them; when the
gradient is missing, :func:`default_gradient` chooses reverse-mode automatic differentiation
(``mml.autodiff.grad``) when it works on ``f``, and central finite differences otherwise.
That one choice lives in that one small function.

Examples
--------
>>> import numpy as np
>>> g = central_difference_gradient(lambda x: float(x @ x), np.array([1.0, -2.0]))
>>> np.round(g, 6)
array([ 2., -4.])
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from mml.errors import DomainError, ShapeError

__all__ = [
    "Objective",
    "central_difference_gradient",
    "central_difference_hessian",
    "default_gradient",
]

# Central differences balance truncation O(h^2) against rounding O(eps/h): h ~ eps^(1/3).
_CENTRAL_STEP = np.finfo(float).eps ** (1 / 3)


def central_difference_gradient(fun: Callable[[np.ndarray], float], x: np.ndarray) -> np.ndarray:
    """Gradient by central differences, ``∂f/∂x_i ≈ (f(x + h e_i) − f(x − h e_i)) / (2h)``.

    The step is ``h_i = eps^(1/3) · max(1, |x_i|)``, which makes the error ``O(eps^(2/3))``
    (MML book §5.2, the definition of the partial derivative).

    Parameters
    ----------
    fun : callable
        ``f(x) -> float`` for ``x`` of shape (n,).
    x : ndarray, shape (n,)
        The point.

    Returns
    -------
    ndarray, shape (n,)
        The approximate gradient. It costs ``2n`` evaluations of ``f``.

    Examples
    --------
    >>> import numpy as np
    >>> np.round(central_difference_gradient(lambda x: x[0] ** 2 * x[1], np.array([3.0, 2.0])), 6)
    array([12.,  9.])
    """
    x = np.asarray(x, dtype=float)
    gradient = np.empty_like(x)
    for i in range(x.size):
        h = _CENTRAL_STEP * max(1.0, abs(x[i]))
        forward, backward = x.copy(), x.copy()
        forward[i] += h
        backward[i] -= h
        gradient[i] = (float(fun(forward)) - float(fun(backward))) / (forward[i] - backward[i])
    return gradient


def central_difference_hessian(
    gradient: Callable[[np.ndarray], np.ndarray], x: np.ndarray
) -> np.ndarray:
    """Hessian by central differences of the gradient, symmetrised: ``H ← (H + Hᵀ)/2``.

    Column ``i`` is ``(∇f(x + h e_i) − ∇f(x − h e_i)) / (2h)``; it costs ``2n`` gradients.

    Examples
    --------
    >>> import numpy as np
    >>> H = central_difference_hessian(lambda x: np.array([2 * x[0] + x[1], x[0]]), np.zeros(2))
    >>> np.round(H, 6)
    array([[2., 1.],
           [1., 0.]])
    """
    x = np.asarray(x, dtype=float)
    n = x.size
    hessian = np.empty((n, n))
    for i in range(n):
        h = _CENTRAL_STEP * max(1.0, abs(x[i]))
        forward, backward = x.copy(), x.copy()
        forward[i] += h
        backward[i] -= h
        hessian[:, i] = (gradient(forward) - gradient(backward)) / (forward[i] - backward[i])
    return (hessian + hessian.T) / 2


def default_gradient(
    fun: Callable[[np.ndarray], float], x0: np.ndarray
) -> tuple[Callable[[np.ndarray], np.ndarray], str]:
    """Choose how to differentiate ``fun`` when no gradient was given.

    ``mml.autodiff.grad`` is used when that package is installed and differentiates ``fun``
    at ``x0`` to a finite array of the right shape whose directional derivative along a fixed
    direction agrees with a central difference (``fun`` must be written with operations
    autodiff can trace; one that converts to ``float`` or calls plain NumPy cuts the trace,
    and is caught by this check). Otherwise central finite differences are used.

    Returns
    -------
    gradient : callable
        ``x -> ∇f(x)`` as a float array of shape (n,).
    kind : str
        ``"autodiff"`` or ``"central differences"``.

    Examples
    --------
    >>> import numpy as np
    >>> gradient, kind = default_gradient(lambda x: float(np.sum(x**2)), np.ones(2))
    >>> np.round(gradient(np.array([1.0, 2.0])), 6)
    array([2., 4.])
    """
    try:
        from mml.autodiff import grad
    except ImportError:
        grad = None
    if grad is not None:
        try:
            autodiff_gradient = grad(fun)
            probe = np.asarray(autodiff_gradient(x0), dtype=float)
        except Exception:  # any failure to trace fun means: use differences
            probe = None
        if _agrees_with_differences(fun, x0, probe):
            return (lambda x: np.asarray(autodiff_gradient(x), dtype=float)), "autodiff"
    return (lambda x: central_difference_gradient(fun, x)), "central differences"


def _agrees_with_differences(
    fun: Callable[[np.ndarray], float], x0: np.ndarray, gradient: np.ndarray | None
) -> bool:
    """Whether ``gradient`` is finite, of the shape of ``x0``, and right along one direction."""
    if gradient is None or gradient.shape != x0.shape or not np.all(np.isfinite(gradient)):
        return False
    direction = np.random.default_rng(0).standard_normal(x0.size)
    direction /= np.sqrt(direction @ direction)
    h = _CENTRAL_STEP * max(1.0, float(np.max(np.abs(x0))))
    with np.errstate(all="ignore"):
        difference = (float(fun(x0 + h * direction)) - float(fun(x0 - h * direction))) / (2 * h)
    slope = float(gradient @ direction)
    return abs(slope - difference) <= 1e-4 * (1 + abs(slope) + abs(difference))


class Objective:
    """``f``, ``∇f`` and ``∇²f`` of one minimisation, counting every evaluation.

    Parameters
    ----------
    fun : callable
        ``fun(x, *args) -> float``; with ``jac=True`` it returns ``(f, ∇f)``.
    x0 : ndarray, shape (n,)
        The starting point (used to choose and check the gradient).
    args : tuple
        Extra arguments passed to ``fun``, ``jac`` and ``hess``.
    jac : callable, True or None
        The gradient ``jac(x, *args) -> (n,)``, or True when ``fun`` returns it too, or None
        to let :func:`default_gradient` choose.
    hess : callable or None
        The Hessian ``hess(x, *args) -> (n, n)``; None uses ``mml.autodiff.hessian`` when the
        gradient came from autodiff, else central differences of ``∇f``.
    """

    def __init__(
        self,
        fun: Callable[..., Any],
        x0: np.ndarray,
        args: tuple = (),
        jac: Callable[..., Any] | bool | None = None,
        hess: Callable[..., Any] | None = None,
    ) -> None:
        if not callable(fun):
            raise DomainError(f"fun must be callable, got {type(fun).__name__}")
        if jac is not None and jac is not True and not callable(jac):
            raise DomainError(f"jac must be a callable, True or None, got {jac!r}")
        if hess is not None and not callable(hess):
            raise DomainError(f"hess must be a callable or None, got {hess!r}")
        self.n = x0.size
        self.nfev = self.njev = self.nhev = 0
        self._fun, self._jac, self._hess, self._args = fun, jac, hess, tuple(args)
        self.gradient_kind = "given"
        if jac is None:
            self._default_gradient, self.gradient_kind = default_gradient(self._plain_value, x0)

    def _plain_value(self, x: np.ndarray) -> float:
        self.nfev += 1
        value = self._fun(x, *self._args)
        return value[0] if self._jac is True else value

    def value(self, x: np.ndarray) -> float:
        """``f(x)`` as a float (``nan`` stays ``nan``: the caller decides what it means)."""
        with np.errstate(all="ignore"):
            value = np.asarray(self._plain_value(x), dtype=float)
        if value.size != 1:
            raise ShapeError(f"fun must return a scalar, got an array of shape {value.shape}")
        return float(value.reshape(()))

    def gradient(self, x: np.ndarray) -> np.ndarray:
        """``∇f(x)`` as a float array of shape (n,)."""
        self.njev += 1
        with np.errstate(all="ignore"):
            if self._jac is True:
                self.nfev += 1
                gradient = self._fun(x, *self._args)[1]
            elif self._jac is None:
                gradient = self._default_gradient(x)
            else:
                gradient = self._jac(x, *self._args)
            gradient = np.asarray(gradient, dtype=float)
        if gradient.shape != (self.n,):
            gradient = self._reshape(gradient, "gradient", (self.n,))
        return gradient

    def value_and_gradient(self, x: np.ndarray) -> tuple[float, np.ndarray]:
        """``(f(x), ∇f(x))``, evaluating ``fun`` once when it returns both."""
        if self._jac is True:
            self.nfev += 1
            self.njev += 1
            with np.errstate(all="ignore"):
                value, gradient = self._fun(x, *self._args)
                value = np.asarray(value, dtype=float)
                gradient = np.asarray(gradient, dtype=float)
            if value.size != 1:
                raise ShapeError(f"fun must return a scalar, got an array of shape {value.shape}")
            return float(value.reshape(())), self._reshape(gradient, "gradient", (self.n,))
        return self.value(x), self.gradient(x)

    def hessian(self, x: np.ndarray) -> np.ndarray:
        """``∇²f(x)`` as a float array of shape (n, n)."""
        self.nhev += 1
        if self._hess is None and self.gradient_kind == "autodiff":
            hessian = self._autodiff_hessian(x)
            if hessian is not None:
                return hessian
        if self._hess is None:
            return central_difference_hessian(self.gradient, x)
        with np.errstate(all="ignore"):
            hessian = np.asarray(self._hess(x, *self._args), dtype=float)
        return self._reshape(hessian, "hess", (self.n, self.n))

    def _autodiff_hessian(self, x: np.ndarray) -> np.ndarray | None:
        """``mml.autodiff.hessian`` of ``f`` at ``x``, or None where it cannot be traced."""
        from mml.autodiff import hessian

        try:
            with np.errstate(all="ignore"):
                value = np.asarray(hessian(self._plain_value)(x), dtype=float)
        except Exception:  # any failure to trace fun means: use differences
            return None
        if value.shape != (self.n, self.n) or not np.all(np.isfinite(value)):
            return None
        return (value + value.T) / 2

    @staticmethod
    def _reshape(array: np.ndarray, name: str, shape: tuple[int, ...]) -> np.ndarray:
        if array.size != int(np.prod(shape)):
            raise ShapeError(f"{name} returned an array of shape {array.shape}, expected {shape}")
        return array.reshape(shape)
