"""``Primitive``: a NumPy function together with its derivative rules.

A primitive wraps one NumPy function (``fn``). Calling it on plain arrays just runs
``fn``; calling it on tensors goes through ``mml.autodiff.tensor.apply``, which records the
call. ``mml.autodiff.rules`` attaches to each primitive one VJP and one JVP rule per
differentiable argument:

* ``vjp(g, ans, *args, **kwargs)``: the cotangent of argument ``i`` given the cotangent
  ``g`` of the result ``ans`` (reverse mode, ``g ↦ gᵀ ∂ans/∂args[i]``);
* ``jvp(t, ans, *args, **kwargs)``: the tangent of the result caused by the tangent ``t``
  of argument ``i`` (forward mode, ``t ↦ ∂ans/∂args[i] · t``).

Examples
--------
>>> import numpy as np
>>> from mml.autodiff.primitive import Primitive
>>> cube = Primitive(lambda x: x**3, "cube")
>>> cube.defrules(vjp=lambda g, ans, x: g * 3 * x**2, jvp=lambda t, ans, x: t * 3 * x**2)
>>> cube(np.array(2.0))
np.float64(8.0)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mml.autodiff.modes import GraphError
from mml.autodiff.tensor import apply

__all__ = ["Primitive"]

Rule = Callable[..., Any] | None


class Primitive:
    """A differentiable function: NumPy implementation plus VJP/JVP rules.

    Parameters
    ----------
    fn : callable
        The NumPy implementation on plain arrays.
    name : str
        Name shown in errors and in ``Tensor.grad_fn``.
    nondifferentiable : bool, default False
        True for functions whose result is piecewise constant (``sign``, comparisons):
        their results are constants and carry no gradient.
    """

    def __init__(self, fn: Callable[..., Any], name: str, nondifferentiable: bool = False):
        self.fn = fn
        self.name = name
        self.nondifferentiable = nondifferentiable
        self._vjps: tuple[Rule, ...] | None = None
        self._jvps: tuple[Rule, ...] | None = None
        self._variadic_vjp: Callable[..., Any] | None = None
        self._variadic_jvp: Callable[..., Any] | None = None
        self.__doc__ = f"Differentiable ``{name}`` (see the NumPy function of that name)."

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return apply(self, args, kwargs)

    def __repr__(self) -> str:
        return f"<primitive {self.name}>"

    def defrules(self, vjp: Rule | tuple[Rule, ...], jvp: Rule | tuple[Rule, ...]) -> None:
        """Attach the VJP and JVP rules, one per positional argument (None: not differentiable)."""
        self._vjps = vjp if isinstance(vjp, tuple) else (vjp,)
        self._jvps = jvp if isinstance(jvp, tuple) else (jvp,)

    def defrules_variadic(self, vjp: Callable[..., Any], jvp: Callable[..., Any]) -> None:
        """Rules for a primitive with any number of array arguments (``concatenate``, ``stack``).

        The rules take the argument number first: ``vjp(i, g, ans, *args, **kwargs)``.
        """
        self._variadic_vjp = vjp
        self._variadic_jvp = jvp

    @property
    def has_rules(self) -> bool:
        return self._vjps is not None or self._variadic_vjp is not None

    def vjp_rule(self, i: int) -> Rule:
        """The VJP rule for argument ``i`` (None if that argument is not differentiable)."""
        if self._vjps is not None:
            return self._vjps[i] if i < len(self._vjps) else None
        if self._variadic_vjp is not None:
            rule = self._variadic_vjp
            return lambda g, ans, *args, **kwargs: rule(i, g, ans, *args, **kwargs)
        raise GraphError(f"primitive '{self.name}' has no derivative rules")

    def jvp_rule(self, i: int) -> Rule:
        """The JVP rule for argument ``i`` (None if that argument is not differentiable)."""
        if self._jvps is not None:
            return self._jvps[i] if i < len(self._jvps) else None
        if self._variadic_jvp is not None:
            rule = self._variadic_jvp
            return lambda t, ans, *args, **kwargs: rule(i, t, ans, *args, **kwargs)
        raise GraphError(f"primitive '{self.name}' has no derivative rules")
