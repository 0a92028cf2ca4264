"""Loss functions with PyTorch's names, computed stably from logits.

Every loss takes ``reduction`` = "mean" (default), "sum" or "none".

Examples
--------
>>> import numpy as np
>>> from mml.nn import cross_entropy
>>> logits = np.array([[2.0, 0.0], [0.0, 2.0]])
>>> round(float(cross_entropy(logits, np.array([0, 0]))), 4)   # (0.1269 + 2.1269) / 2
1.1269
"""

from __future__ import annotations

from typing import Any

import numpy as np

import mml.autodiff.numpy as anp
from mml.autodiff import Tensor
from mml.autodiff.tensor import dtype_of, raw
from mml.errors import DomainError, ShapeError

__all__ = ["mse_loss", "cross_entropy", "binary_cross_entropy_with_logits", "hinge_loss"]


def _reduce(loss: Any, reduction: str) -> Any:
    if reduction == "mean":
        return anp.mean(loss)
    if reduction == "sum":
        return anp.sum(loss)
    if reduction == "none":
        return loss
    raise DomainError(f"reduction must be 'mean', 'sum' or 'none', got '{reduction}'")


def _shape(x: Any) -> tuple[int, ...]:
    return x.shape if isinstance(x, Tensor) else np.shape(x)


def _as_values(x: Any) -> Any:
    return x if isinstance(x, Tensor) else np.asarray(x)


def _same_shape(a: Any, b: Any, what: str) -> None:
    if _shape(a) != _shape(b):
        raise ShapeError(f"{what}: input has shape {_shape(a)} but target has {_shape(b)}")


def mse_loss(input: Any, target: Any, reduction: str = "mean") -> Any:
    """Mean squared error ``mean((input - target)²)``.

    Raises
    ------
    ShapeError
        If input and target shapes differ.

    Examples
    --------
    >>> import numpy as np
    >>> float(mse_loss(np.array([1.0, 2.0]), np.array([0.0, 0.0])))
    2.5
    """
    input, target = _as_values(input), _as_values(target)
    _same_shape(input, target, "mse_loss")
    diff = input - target
    return _reduce(diff * diff, reduction)


def cross_entropy(logits: Any, target: Any, reduction: str = "mean") -> Any:
    """Cross-entropy of softmax probabilities, from logits: ``-log softmax(z)[target]``.

    Computed as ``logsumexp(z) - z[target]`` through ``log_softmax``, so large logits do
    not overflow.

    Parameters
    ----------
    logits : array_like, shape (N, C)
    target : array_like
        Class indices of shape ``(N,)`` (integers in ``[0, C)``), or class probabilities
        of shape ``(N, C)``.
    reduction : {"mean", "sum", "none"}

    Raises
    ------
    ShapeError
        If the shapes do not fit together.
    DomainError
        If a class index is outside ``[0, C)``.
    """
    logits = _as_values(logits)
    shape = _shape(logits)
    if len(shape) != 2:
        raise ShapeError(f"cross_entropy needs logits of shape (N, C), got {shape}")
    n, c = shape
    target_values = np.asarray(raw(target))
    if target_values.dtype.kind in "iu":
        if target_values.shape != (n,):
            raise ShapeError(f"class indices must have shape ({n},), got {target_values.shape}")
        if n and (target_values.min() < 0 or target_values.max() >= c):
            raise DomainError(f"class indices must be in [0, {c}), got {target_values}")
        weights = np.zeros(shape, dtype=dtype_of(logits))
        weights[np.arange(n), target_values] = 1
    else:
        weights = _as_values(target)
        _same_shape(logits, weights, "cross_entropy")
    log_p = anp.log_softmax(logits, axis=-1)
    if reduction == "mean":  # one node fewer than sum(axis=-1) then mean
        return anp.sum(weights * log_p) * (-1.0 / n)
    return _reduce(-anp.sum(weights * log_p, axis=-1), reduction)


def binary_cross_entropy_with_logits(logits: Any, target: Any, reduction: str = "mean") -> Any:
    """Binary cross-entropy of ``sigmoid(z)`` against ``y ∈ [0, 1]``, from logits.

    ``-[y log σ(z) + (1-y) log(1-σ(z))] = log(1 + e^z) - y z``, evaluated as
    ``logaddexp(0, z) - y z`` so that no exponential overflows.

    Raises
    ------
    ShapeError
        If shapes differ.

    Examples
    --------
    >>> import numpy as np
    >>> round(float(binary_cross_entropy_with_logits(np.array([0.0]), np.array([1.0]))), 6)
    0.693147
    """
    logits, target = _as_values(logits), _as_values(target)
    _same_shape(logits, target, "binary_cross_entropy_with_logits")
    return _reduce(anp.logaddexp(0.0, logits) - target * logits, reduction)


def hinge_loss(scores: Any, target: Any, reduction: str = "mean") -> Any:
    """Hinge loss ``max(0, 1 - y s)`` for labels ``y ∈ {-1, +1}`` (the SVM loss, §12.2).

    Raises
    ------
    DomainError
        If a label is not -1 or +1.
    ShapeError
        If shapes differ.

    Examples
    --------
    >>> import numpy as np
    >>> float(hinge_loss(np.array([2.0, 0.5, -1.0]), np.array([1.0, 1.0, 1.0])))
    0.8333333333333334
    """
    scores, target = _as_values(scores), _as_values(target)
    _same_shape(scores, target, "hinge_loss")
    labels = np.asarray(raw(target))
    if not np.all(np.isin(labels, (-1, 1))):
        raise DomainError("hinge_loss labels must be -1 or +1")
    return _reduce(anp.relu(1.0 - target * scores), reduction)
