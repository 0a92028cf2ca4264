"""Weight initialisers: Xavier (Glorot) and He (Kaiming), with PyTorch's names and formulas.

For a weight of shape ``(fan_out, fan_in)``:

* Xavier/Glorot keeps the variance of activations and of gradients about equal across
  layers of tanh/sigmoid units: ``Var W = gain² · 2 / (fan_in + fan_out)``;
  uniform on ``[-a, a]`` with ``a = gain · sqrt(6 / (fan_in + fan_out))``.
* He/Kaiming does the same for ReLU units, which zero half their inputs:
  ``Var W = gain² / fan`` with ``gain = sqrt(2)``; uniform bound ``gain · sqrt(3 / fan)``.

Each function fills a tensor in place and returns it; ``rng`` is a seed or a
``numpy.random.Generator``.

Examples
--------
>>> import numpy as np
>>> from mml.autodiff import Tensor
>>> from mml.nn.init import kaiming_normal_
>>> W = Tensor(np.zeros((256, 784), dtype=np.float32))
>>> _ = kaiming_normal_(W, nonlinearity="relu", rng=0)
>>> round(float(W.numpy().std() * np.sqrt(784 / 2)), 1)    # std = sqrt(2 / fan_in)
1.0
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from mml.autodiff import Tensor, no_grad
from mml.errors import DomainError, ShapeError

__all__ = [
    "calculate_gain",
    "fan_in_and_fan_out",
    "uniform_",
    "normal_",
    "zeros_",
    "ones_",
    "xavier_uniform_",
    "xavier_normal_",
    "kaiming_uniform_",
    "kaiming_normal_",
    "he_uniform_",
    "he_normal_",
]


def as_generator(rng: Any) -> np.random.Generator:
    """A ``numpy.random.Generator`` from a seed, a generator, or None (fresh entropy)."""
    if isinstance(rng, np.random.Generator):
        return rng
    return np.random.default_rng(rng)


def calculate_gain(nonlinearity: str, param: float | None = None) -> float:
    """The recommended gain for an activation (PyTorch's table).

    Raises
    ------
    DomainError
        For an unknown nonlinearity.
    """
    linear = {"linear", "identity", "conv1d", "conv2d", "conv3d", "sigmoid"}
    if nonlinearity in linear:
        return 1.0
    if nonlinearity == "tanh":
        return 5.0 / 3.0
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        slope = 0.01 if param is None else float(param)
        return math.sqrt(2.0 / (1 + slope**2))
    if nonlinearity == "selu":
        return 3.0 / 4.0
    raise DomainError(f"unknown nonlinearity '{nonlinearity}'")


def fan_in_and_fan_out(shape: tuple[int, ...]) -> tuple[int, int]:
    """``(fan_in, fan_out)`` of a weight of shape ``(out, in, *receptive_field)``."""
    if len(shape) < 2:
        raise ShapeError(f"fan in and fan out need a weight with 2 or more axes, got {shape}")
    receptive = math.prod(shape[2:])
    return shape[1] * receptive, shape[0] * receptive


def _fill(tensor: Tensor, values: np.ndarray) -> Tensor:
    with no_grad():
        tensor[...] = values.astype(tensor.dtype)
    return tensor


def uniform_(tensor: Tensor, a: float = 0.0, b: float = 1.0, rng: Any = None) -> Tensor:
    """Fill with draws from the uniform distribution on ``[a, b)``."""
    return _fill(tensor, as_generator(rng).uniform(a, b, size=tensor.shape))


def normal_(tensor: Tensor, mean: float = 0.0, std: float = 1.0, rng: Any = None) -> Tensor:
    """Fill with draws from ``N(mean, std²)``."""
    return _fill(tensor, as_generator(rng).normal(mean, std, size=tensor.shape))


def zeros_(tensor: Tensor) -> Tensor:
    """Fill with zeros."""
    return _fill(tensor, np.zeros(tensor.shape))


def ones_(tensor: Tensor) -> Tensor:
    """Fill with ones."""
    return _fill(tensor, np.ones(tensor.shape))


def xavier_uniform_(tensor: Tensor, gain: float = 1.0, rng: Any = None) -> Tensor:
    """Xavier/Glorot uniform: ``U(-a, a)``, ``a = gain · sqrt(6 / (fan_in + fan_out))``."""
    fan_in, fan_out = fan_in_and_fan_out(tensor.shape)
    bound = gain * math.sqrt(6.0 / (fan_in + fan_out))
    return uniform_(tensor, -bound, bound, rng)


def xavier_normal_(tensor: Tensor, gain: float = 1.0, rng: Any = None) -> Tensor:
    """Xavier/Glorot normal: ``N(0, gain² · 2 / (fan_in + fan_out))``."""
    fan_in, fan_out = fan_in_and_fan_out(tensor.shape)
    return normal_(tensor, 0.0, gain * math.sqrt(2.0 / (fan_in + fan_out)), rng)


def _kaiming_std(tensor: Tensor, a: float, mode: str, nonlinearity: str) -> float:
    if mode not in ("fan_in", "fan_out"):
        raise DomainError(f"mode must be 'fan_in' or 'fan_out', got '{mode}'")
    fan_in, fan_out = fan_in_and_fan_out(tensor.shape)
    fan = fan_in if mode == "fan_in" else fan_out
    return calculate_gain(nonlinearity, a) / math.sqrt(fan)


def kaiming_uniform_(
    tensor: Tensor,
    a: float = 0.0,
    mode: str = "fan_in",
    nonlinearity: str = "leaky_relu",
    rng: Any = None,
) -> Tensor:
    """He/Kaiming uniform: ``U(-b, b)``, ``b = gain · sqrt(3 / fan)``."""
    bound = math.sqrt(3.0) * _kaiming_std(tensor, a, mode, nonlinearity)
    return uniform_(tensor, -bound, bound, rng)


def kaiming_normal_(
    tensor: Tensor,
    a: float = 0.0,
    mode: str = "fan_in",
    nonlinearity: str = "leaky_relu",
    rng: Any = None,
) -> Tensor:
    """He/Kaiming normal: ``N(0, gain² / fan)``."""
    return normal_(tensor, 0.0, _kaiming_std(tensor, a, mode, nonlinearity), rng)


he_uniform_ = kaiming_uniform_
he_normal_ = kaiming_normal_
