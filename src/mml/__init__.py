"""mml: Mathematics for Machine Learning, Code + Paper.

Two faces on one core:

- **Paper**: exact mathematics over :class:`fractions.Fraction` that records every
  step it takes (``mml.exact``, ``mml.steps``, ``mml.parse``).
- **Code**: floating-point algorithms on NumPy arrays, written from scratch, with the
  names of the libraries people already know (``mml.linalg``, ``mml.autodiff``, ...).

Subpackages are imported on first use, so ``import mml`` stays fast.

Examples
--------
>>> import mml
>>> sol = mml.solve("3x + y = 9; 4x - 2y = 5")
>>> sol.kind
'unique'
>>> [str(value) for value in sol.particular]
['23/10', '21/10']
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_SUBPACKAGES = frozenset(
    {
        "errors",
        "steps",
        "parse",
        "exact",
        "linalg",
        "geometry",
        "autodiff",
        "calculus",
        "nn",
        "optim",
        "probability",
        "models",
        "metrics",
        "model_selection",
        "preprocessing",
        "datasets",
        "exercises",
        "plot",
        "cli",
        "tour",
    }
)

if TYPE_CHECKING:  # pragma: no cover
    from mml.exact.systems import Solution


def solve(system: Any) -> Solution:
    """Solve a system of linear equations exactly, with every row operation recorded.

    This is :func:`mml.exact.solve`; see there for the full description.

    Examples
    --------
    >>> import mml
    >>> mml.solve("3x = 6").particular
    (Fraction(2, 1),)
    """
    from mml.exact.systems import solve as exact_solve

    return exact_solve(system)


def __getattr__(name: str) -> Any:
    if name in _SUBPACKAGES:
        module = importlib.import_module(f"mml.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'mml' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _SUBPACKAGES)


__all__ = ["__version__", "solve"]
