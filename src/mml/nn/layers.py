"""Layers: ``Linear`` and the activation functions, with PyTorch's names.

``Linear`` computes ``y = x Wᵀ + b`` for a batch ``x`` of shape ``(N, in_features)``; the
weight has shape ``(out_features, in_features)`` so that row ``j`` of ``W`` holds the
incoming weights of output unit ``j`` (MML book §5.6 writes ``f = σ(A x + b)`` for one
column vector ``x``; a batch of rows turns ``A x`` into ``x Aᵀ``).

Examples
--------
>>> import numpy as np
>>> from mml.nn import Linear
>>> layer = Linear(3, 2, rng=0)
>>> layer.weight.shape, layer.bias.shape
((2, 3), (2,))
>>> layer(np.ones((5, 3))).shape        # a batch of 5 inputs in, 5 outputs out
(5, 2)
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

import mml.autodiff.numpy as anp
from mml.autodiff import Tensor
from mml.errors import DomainError, ShapeError
from mml.nn.init import as_generator, kaiming_uniform_, uniform_
from mml.nn.module import Module, Parameter

__all__ = ["Linear", "ReLU", "Sigmoid", "Tanh", "GELU", "Softmax", "Dropout", "Identity"]


def as_input(x: Any, dtype: Any) -> Any:
    """Tensors pass through; arrays and lists become arrays of the network's dtype."""
    if isinstance(x, Tensor):
        return x
    return np.asarray(x, dtype=dtype)


class Linear(Module):
    """Affine layer ``y = x Wᵀ + b``.

    Parameters
    ----------
    in_features, out_features : int
        Sizes of each input and output vector.
    bias : bool, default True
    dtype : data-type, default float32
    rng : int or numpy.random.Generator, optional
        Seed for the initial weights.

    Attributes
    ----------
    weight : Parameter, shape (out_features, in_features)
        Initialised as PyTorch does: ``U(-1/sqrt(in), 1/sqrt(in))`` (He uniform with
        ``a = sqrt(5)``).
    bias : Parameter, shape (out_features,) or None
        ``U(-1/sqrt(in), 1/sqrt(in))``.

    Raises
    ------
    ShapeError
        If the input's last axis is not ``in_features`` long.
    """

    def __init__(
        self,
        in_features: int,
        out_features: int,
        bias: bool = True,
        dtype: Any = np.float32,
        rng: Any = None,
    ) -> None:
        super().__init__()
        if in_features < 1 or out_features < 1:
            raise DomainError(f"Linear needs positive sizes, got {in_features}, {out_features}")
        generator = as_generator(rng)
        self.in_features, self.out_features = int(in_features), int(out_features)
        self.weight = Parameter(np.empty((out_features, in_features), dtype=dtype))
        kaiming_uniform_(self.weight, a=math.sqrt(5.0), rng=generator)
        if bias:
            bound = 1.0 / math.sqrt(in_features)
            self.bias = Parameter(np.empty(out_features, dtype=dtype))
            uniform_(self.bias, -bound, bound, rng=generator)
        else:
            self.bias = None

    def forward(self, x: Any) -> Any:
        x = as_input(x, self.weight.dtype)
        shape = x.shape
        if len(shape) == 0 or shape[-1] != self.in_features:
            raise ShapeError(
                f"Linear({self.in_features}, {self.out_features}) needs inputs with last axis "
                f"{self.in_features}, got shape {shape}"
            )
        return anp.linear(x, self.weight, self.bias)

    def extra_repr(self) -> str:
        return (
            f"in_features={self.in_features}, out_features={self.out_features}, "
            f"bias={self.bias is not None}"
        )


class Identity(Module):
    """``f(x) = x``."""

    def forward(self, x: Any) -> Any:
        return x


class ReLU(Module):
    """``max(x, 0)``, elementwise (gradient 0 at 0, as PyTorch)."""

    def forward(self, x: Any) -> Any:
        return anp.relu(x)


class Sigmoid(Module):
    """``1 / (1 + exp(-x))``, elementwise."""

    def forward(self, x: Any) -> Any:
        return anp.sigmoid(x)


class Tanh(Module):
    """``tanh(x)``, elementwise."""

    def forward(self, x: Any) -> Any:
        return anp.tanh(x)


class GELU(Module):
    """Gaussian error linear unit ``x Φ(x)``, ``Φ`` the standard normal CDF.

    Parameters
    ----------
    approximate : {"none", "tanh"}
        "none" uses ``Φ(x) = (1 + erf(x/√2)) / 2``; "tanh" uses
        ``(1 + tanh(√(2/π) (x + 0.044715 x³))) / 2``, as PyTorch.
    """

    def __init__(self, approximate: str = "none") -> None:
        super().__init__()
        if approximate not in ("none", "tanh"):
            raise DomainError(f"approximate must be 'none' or 'tanh', got '{approximate}'")
        self.approximate = approximate

    def forward(self, x: Any) -> Any:
        if self.approximate == "tanh":
            inner = math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)
            return 0.5 * x * (1.0 + anp.tanh(inner))
        return 0.5 * x * (1.0 + anp.erf(x * (1.0 / math.sqrt(2.0))))

    def extra_repr(self) -> str:
        return f"approximate='{self.approximate}'"


class Softmax(Module):
    """``exp(x) / sum(exp(x))`` along ``dim`` (PyTorch's argument name)."""

    def __init__(self, dim: int = -1) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, x: Any) -> Any:
        return anp.softmax(x, axis=self.dim)


class Dropout(Module):
    """Zero each entry with probability ``p`` while training, scaling the rest by ``1/(1-p)``.

    In evaluation mode (``model.eval()``) it is the identity, so the expected activation is
    the same in both modes.

    Raises
    ------
    DomainError
        If ``p`` is not in ``[0, 1)``.
    """

    def __init__(self, p: float = 0.5, rng: Any = None) -> None:
        super().__init__()
        if not 0.0 <= p < 1.0:
            raise DomainError(f"dropout probability must be in [0, 1), got {p}")
        self.p = float(p)
        self.rng = as_generator(rng)

    def forward(self, x: Any) -> Any:
        if not self.training or self.p == 0.0:
            return x
        keep = self.rng.random(np.shape(x.data if isinstance(x, Tensor) else x)) >= self.p
        return x * (keep / (1.0 - self.p)).astype(np.result_type(x.dtype, np.float32))

    def extra_repr(self) -> str:
        return f"p={self.p}"
