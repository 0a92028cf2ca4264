"""Traces and recording modes: which computations are being differentiated.

Each transformation gets a *trace* number: 0 means constant, 1 the PyTorch-style tape of
tensors with ``requires_grad=True``, and ``grad``, ``jvp``, ... take fresh numbers from 2
upwards, so an inner transformation always has the larger number. ``no_grad`` switches
reverse-mode recording off.

Examples
--------
>>> from mml.autodiff import is_grad_enabled, no_grad
>>> with no_grad():
...     is_grad_enabled()
False
"""

from __future__ import annotations

import itertools
from contextlib import ContextDecorator

from mml.errors import MMLError

__all__ = ["GraphError", "no_grad", "enable_grad", "is_grad_enabled", "new_trace"]

REVERSE = 0
FORWARD = 1


class GraphError(MMLError, RuntimeError):
    """The computational graph was used in a way that would give a wrong gradient.

    Raised for in-place changes to values the backward pass still needs, and for
    ``backward()`` on a tensor that does not require gradients.
    """


class _GradMode:
    """Whether reverse-mode operations are recorded (``no_grad`` switches it off)."""

    enabled = True


# Creation numbers: a node is always created after its inputs, so processing nodes from the
# highest number down is a topological order for the backward sweep.
_creation_numbers = itertools.count()

# Trace numbers for the functional transformations. A counter that only grows, so a
# transformation started inside another one always has the larger (inner) number.
_trace_numbers = itertools.count(2)


def new_trace() -> int:
    """A fresh trace number, larger than every trace in use."""
    return next(_trace_numbers)


def is_grad_enabled() -> bool:
    """True unless inside a ``no_grad()`` block."""
    return _GradMode.enabled


class no_grad(ContextDecorator):
    """Context manager (and decorator) that stops recording reverse-mode graphs.

    Inside it, operations on tensors give constant tensors, as ``torch.no_grad``. Use it
    for parameter updates and for evaluation.

    Examples
    --------
    >>> from mml.autodiff import Tensor, no_grad
    >>> w = Tensor([1.0, 2.0], requires_grad=True)
    >>> with no_grad():
    ...     y = w * 2.0
    >>> y.requires_grad
    False
    """

    def __enter__(self) -> no_grad:
        self._previous = _GradMode.enabled
        _GradMode.enabled = False
        return self

    def __exit__(self, *exc: object) -> None:
        _GradMode.enabled = self._previous


class enable_grad(ContextDecorator):
    """Context manager that switches recording back on inside a ``no_grad`` block."""

    def __enter__(self) -> enable_grad:
        self._previous = _GradMode.enabled
        _GradMode.enabled = True
        return self

    def __exit__(self, *exc: object) -> None:
        _GradMode.enabled = self._previous
