"""Automatic differentiation on NumPy arrays (MML book §5.6).

* ``Tensor``: PyTorch-style reverse mode (``requires_grad``, ``backward()``, ``.grad``).
* ``mml.autodiff.numpy`` (``anp``): NumPy's names, differentiable.
* ``mml.autodiff.rules``: every primitive's VJP and JVP, side by side, in one table.
* Transformations in the style of JAX/autograd: ``grad``, ``value_and_grad``, ``vjp``,
  ``jvp``, ``jacrev``/``jacfwd``/``jacobian``, ``hessian``, ``hvp``; ``no_grad()``.
* ``check_grads``: both modes against finite differences, to any order.

Examples
--------
>>> import numpy as np
>>> import mml.autodiff.numpy as anp
>>> from mml.autodiff import grad
>>> f = lambda x: anp.sqrt(x**2 + anp.exp(x**2)) + anp.cos(x**2 + anp.exp(x**2))
>>> round(float(grad(f)(1.0)), 6)           # the example graph of MML book §5.6
5.983083
"""

from __future__ import annotations

from mml.autodiff.tensor import GraphError, Tensor, enable_grad, is_grad_enabled, no_grad  # isort: skip
from mml.autodiff import (
    numpy,  # noqa: F401  (defines the primitives)
    rules,  # noqa: F401  (attaches their derivative rules)
)
from mml.autodiff.check import GradientCheckError, check_grads
from mml.autodiff.functional import (
    grad,
    hessian,
    hvp,
    jacfwd,
    jacobian,
    jacrev,
    jvp,
    value_and_grad,
    vjp,
)

__all__ = [
    "Tensor",
    "GraphError",
    "no_grad",
    "enable_grad",
    "is_grad_enabled",
    "grad",
    "value_and_grad",
    "vjp",
    "jvp",
    "jacrev",
    "jacfwd",
    "jacobian",
    "hessian",
    "hvp",
    "check_grads",
    "GradientCheckError",
]
