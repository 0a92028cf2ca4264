"""``check_grads``: compare automatic derivatives with finite differences.

For a direction ``v`` the central difference ``(f(x + εv) − f(x − εv)) / 2ε`` approximates
the directional derivative ``J v`` with error O(ε²). Forward mode is checked directly
(``jvp`` against it); reverse mode through the identity ``⟨uᵀJ, v⟩ = ⟨u, J v⟩`` for a
random cotangent ``u``. For ``order`` > 1 the derivative functions themselves
(``(x, v) ↦ J(x) v`` and ``(x, u) ↦ uᵀ J(x)``) are checked the same way, as in HIPS
autograd's ``check_grads``.

Examples
--------
>>> import numpy as np
>>> import mml.autodiff.numpy as anp
>>> from mml.autodiff import check_grads
>>> check_grads(lambda x: anp.sum(anp.sin(x) * x), (np.array([0.1, 0.7]),), order=2)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from mml.autodiff import numpy as anp
from mml.autodiff.functional import jvp, vjp
from mml.autodiff.tensor import raw
from mml.errors import DomainError, MMLError

__all__ = ["check_grads", "GradientCheckError"]


class GradientCheckError(MMLError, AssertionError):
    """An automatic derivative disagrees with finite differences."""


def _evaluate(f: Callable[..., Any], args: Sequence[Any]) -> np.ndarray:
    return np.asarray(raw(f(*args)), dtype=np.float64)


def _directional_difference(f, args, directions, eps) -> np.ndarray:
    plus = [a + eps * d for a, d in zip(args, directions)]
    minus = [a - eps * d for a, d in zip(args, directions)]
    return (_evaluate(f, plus) - _evaluate(f, minus)) / (2 * eps)


def _close(analytic: Any, numeric: Any, rtol: float, atol: float) -> bool:
    analytic = np.asarray(raw(analytic), dtype=np.float64)
    scale = atol + rtol * np.maximum(np.abs(numeric), np.abs(analytic))
    return bool(np.all(np.abs(analytic - numeric) <= scale))


def check_grads(
    f: Callable[..., Any],
    args: Any,
    order: int = 2,
    modes: Sequence[str] = ("fwd", "rev"),
    eps: float = 1e-6,
    rtol: float = 1e-5,
    atol: float = 1e-6,
    seed: int = 0,
) -> None:
    """Check forward and reverse derivatives of ``f`` up to ``order`` at ``args``.

    Parameters
    ----------
    f : callable
        Function of one or more float arrays, built from ``mml.autodiff.numpy``.
    args : array_like or tuple of array_like
        The point; a tuple gives several arguments. Values are checked in float64.
    order : int, default 2
        Highest derivative order to check.
    modes : sequence of {"fwd", "rev"}
        Forward mode (``jvp``), reverse mode (``vjp``), or both.
    eps, rtol, atol : float
        Finite-difference step and tolerances.
    seed : int
        Seed for the random directions.

    Raises
    ------
    GradientCheckError
        If a derivative disagrees with finite differences (the message says which).
    DomainError
        If ``order`` < 1 or a mode is unknown.
    """
    if order < 1:
        raise DomainError(f"order must be at least 1, got {order}")
    unknown = set(modes) - {"fwd", "rev"}
    if unknown:
        raise DomainError(f"unknown mode(s) {sorted(unknown)}; use 'fwd' and/or 'rev'")
    args = tuple(args) if isinstance(args, (tuple, list)) else (args,)
    args = tuple(np.asarray(raw(a), dtype=np.float64) for a in args)
    rng = np.random.default_rng(seed)
    n = len(args)
    for mode in modes:
        directions = [rng.standard_normal(np.shape(a)) for a in args]
        numeric = _directional_difference(f, args, directions, eps)
        if mode == "fwd":
            analytic = jvp(f, args, directions)[1]
            if not _close(analytic, numeric, rtol, atol):
                raise GradientCheckError(
                    f"forward mode (order {order} remaining): jvp {np.asarray(raw(analytic))} "
                    f"differs from finite differences {numeric}"
                )
            if order > 1:
                check_grads(
                    lambda *xv: jvp(f, xv[:n], xv[n:])[1],
                    args + tuple(directions),
                    order - 1,
                    modes,
                    eps,
                    rtol,
                    atol,
                    seed + 1,
                )
        else:
            value = _evaluate(f, args)
            u = rng.standard_normal(value.shape)
            cotangents = vjp(f, *args)[1](u)
            analytic = sum(
                np.sum(np.asarray(raw(c), dtype=np.float64) * d)
                for c, d in zip(cotangents, directions)
            )
            if not _close(analytic, np.sum(u * numeric), rtol, atol):
                raise GradientCheckError(
                    f"reverse mode (order {order} remaining): <vjp(u), v> = {analytic} but "
                    f"<u, J v> from finite differences = {np.sum(u * numeric)}"
                )
            if order > 1:
                check_grads(
                    lambda *xu: _flat_pullback(f, xu[:n], xu[n]),
                    args + (u,),
                    order - 1,
                    modes,
                    eps,
                    rtol,
                    atol,
                    seed + 1,
                )


def _flat_pullback(f: Callable[..., Any], args: Sequence[Any], u: Any) -> Any:
    cotangents = vjp(f, *args)[1](u)
    if len(cotangents) == 1:
        return cotangents[0]
    return anp.concatenate([anp.reshape(c, (-1,)) for c in cotangents])
