"""Quantile functions by inverting a cdf numerically, where no closed form exists.

Continuous case: Newton's method on ``log F(x) = log q`` (or ``log S(x) = log(1 - q)`` in
the upper half, where 1 - q is exact), safeguarded by a bracket that shrinks at every step
and falls back to bisection whenever Newton's step would leave it. Working with logarithms
keeps the relative accuracy for q down to 1e-300.

Discrete case: start from a guess and walk to the smallest k with F(k) >= q.

Both work on whole arrays; entries drop out as they converge.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from mml.errors import ConvergenceError

__all__ = ["invert_continuous", "invert_discrete"]

Array = NDArray[np.float64]
_UNDERFLOW = 1e-300
Function = Callable[..., Array]


def _subset(params: dict[str, Array], keep: NDArray[np.bool_]) -> dict[str, Array]:
    return {key: value[keep] for key, value in params.items()}


def _bisection_point(lo: Array, hi: Array, positive: bool) -> Array:
    """A point strictly inside (lo, hi), which may be infinite at either end."""
    with np.errstate(invalid="ignore", over="ignore"):
        if positive:  # geometric mean: scale-free on (0, inf); below 1e-300 counts as 0
            middle = np.sqrt(np.maximum(lo, _UNDERFLOW)) * np.sqrt(hi)  # no underflow
        else:
            middle = 0.5 * lo + 0.5 * hi
        above = lo + 2.0 * np.maximum(1.0, np.abs(lo))
        below = hi - 2.0 * np.maximum(1.0, np.abs(hi))
    middle = np.where(np.isposinf(hi), above, middle)
    middle = np.where(np.isneginf(lo), below, middle)
    return np.where(np.isinf(lo) & np.isinf(hi), 0.0, middle)


def invert_continuous(
    q: Array,
    cdf: Function,
    sf: Function,
    logpdf: Function,
    params: dict[str, Array],
    guess: Array,
    lower: float = -np.inf,
    upper: float = np.inf,
    max_iterations: int = 400,
) -> Array:
    """Solve F(x) = q for 1-d arrays ``q``, ``guess`` and parameter arrays of the same length.

    ``cdf(x, **params)``, ``sf(x, **params)`` and ``logpdf(x, **params)`` must accept
    subsets of the parameters. q = 0 and q = 1 give ``lower`` and ``upper``.
    Examples
    --------
    >>> q = np.array([0.1, 0.9])
    >>> x = invert_continuous(
    ...     q,
    ...     lambda x: -np.expm1(-x),  # Exponential(1): F(x) = 1 - exp(-x)
    ...     lambda x: np.exp(-x),
    ...     lambda x: -x,
    ...     {},
    ...     np.ones(2),
    ...     lower=0.0,
    ... )
    >>> np.allclose(x, -np.log1p(-q))
    True
    """
    out = np.full(q.shape, np.nan)
    out[q == 0] = lower
    out[q == 1] = upper
    active = np.flatnonzero((q > 0) & (q < 1))
    q, params = q[active], _subset(params, active)
    upper_half = q > 0.5
    with np.errstate(divide="ignore"):
        target = np.log(np.where(upper_half, 1.0 - q, q))
    x = np.clip(guess[active], lower, upper)
    lo = np.full(q.shape, lower)
    hi = np.full(q.shape, upper)
    inside = np.isfinite(x) & (x > lo) & (x < hi)
    x = np.where(inside, x, _bisection_point(lo, hi, lower == 0))
    for _ in range(max_iterations):
        if active.size == 0:
            return out
        # each entry needs only one of F and S: evaluate them on their own halves
        tail = np.empty_like(x)
        for half, function in ((upper_half, sf), (~upper_half, cdf)):
            if half.any():
                tail[half] = function(x[half], **_subset(params, half))
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            log_tail = np.log(tail)
            residual = log_tail - target
            # F increases and S decreases: is x beyond the answer?
            beyond = np.where(upper_half, residual < 0, residual > 0)
            hi = np.where(beyond, x, hi)
            lo = np.where(beyond, lo, x)
            slope = np.exp(logpdf(x, **params) - log_tail) * np.where(upper_half, -1.0, 1.0)
            step = residual / slope
            # Near a finite end of the support take Newton's step in the logarithm of the
            # distance to it: exact for power-law tails such as F ~ c x^a or S ~ c (1 - x)^b
            proposal = x - step
            if np.isfinite(lower):
                below = x - lower
                proposal = np.where(below > 0, lower + below * np.exp(-step / below), proposal)
            if np.isfinite(upper):
                above = upper - x
                near_upper = (above > 0) & (~np.isfinite(lower) | (above < x - lower))
                proposal = np.where(near_upper, upper - above * np.exp(step / above), proposal)
        with np.errstate(invalid="ignore"):
            change = np.abs(proposal - x)
        bad = ~(np.isfinite(proposal) & (proposal > lo) & (proposal < hi))
        # Newton converges quadratically: after a step below 1e-10 |x| the error is far below
        # rounding, so take that step and stop; a step below rounding stops where it is
        # measure steps against the distance to a finite end of the support too (x near 1
        # for a Beta): that distance is what the digits of x must resolve
        scale = np.abs(x)
        if np.isfinite(upper):
            scale = np.minimum(scale, upper - x)
        if np.isfinite(lower):
            scale = np.minimum(scale, x - lower)
        final_step = ~bad & (change <= 1e-10 * scale)
        rounding_step = change <= np.spacing(np.abs(x))
        bisection = _bisection_point(lo, hi, lower == 0)
        proposal = np.where(bad, bisection, proposal)
        with np.errstate(invalid="ignore"):
            gap = np.spacing(np.minimum(np.abs(lo), np.abs(hi)))  # lo and hi are neighbours
            narrow = np.isfinite(hi - lo) & (hi - lo <= gap)
        overflow = bad & np.isinf(bisection)  # the bracket grew past the largest float
        done = (residual == 0) | final_step | rounding_step | narrow | (proposal == x) | overflow
        # a small Newton step inside the bracket is still taken before stopping
        newton_inside = ~bad & (final_step | rounding_step) & (residual != 0)
        take = ~done | overflow | newton_inside
        x = np.where(take, proposal, x)
        underflow = ~done & (lower == 0) & (hi <= 2 * _UNDERFLOW)  # below 1e-300: say 0
        x = np.where(underflow, 0.0, x)
        done |= underflow
        if done.any():
            out[active[done]] = x[done]
            keep = ~done
            active, q, x, lo, hi = active[keep], q[keep], x[keep], lo[keep], hi[keep]
            upper_half, target = upper_half[keep], target[keep]
            params = _subset(params, keep)
    if active.size:
        raise ConvergenceError(f"quantile inversion did not converge for q = {q[:3]} ...")
    return out


def invert_discrete(
    q: Array,
    cdf: Function,
    params: dict[str, Array],
    guess: Array,
    lower: Array | float = 0.0,
    upper: Array | float = np.inf,
    max_iterations: int = 2_000,
) -> Array:
    """The smallest integer k in [lower, upper] with cdf(k) >= q, for 1-d arrays.

    From the guess, steps that double in length bracket the answer (so a poor guess costs
    O(log distance) evaluations of the cdf); bisection on the integers finishes.
    q = 0 gives ``lower`` and q = 1 gives ``upper``.
    Examples
    --------
    >>> cdf = lambda k: np.minimum((k + 1) / 6, 1.0)  # a fair die with faces 0..5
    >>> invert_discrete(np.array([0.1, 0.5, 0.51]), cdf, {}, np.zeros(3), 0.0, 5.0).tolist()
    [0.0, 2.0, 3.0]
    """
    lower = np.broadcast_to(np.asarray(lower, dtype=np.float64), q.shape)
    upper = np.broadcast_to(np.asarray(upper, dtype=np.float64), q.shape)
    original = q
    q = np.where((q == 0) | (q == 1), 0.5, q)  # the ends are set at the end
    k = np.clip(np.floor(guess), lower, upper)
    at_least = cdf(k, **params) >= q
    hi = np.where(at_least, k, np.nan)  # cdf(hi) >= q
    lo = np.where(at_least, np.nan, k)  # cdf(lo) < q, or lo = lower - 1
    step = np.ones(q.shape)
    for _ in range(max_iterations):
        need_lo, need_hi = np.isnan(lo), np.isnan(hi)
        if not (need_lo.any() or need_hi.any()):
            break
        probe = np.where(need_lo, hi - step, np.minimum(lo + step, upper))
        below = need_lo & (probe < lower)
        at_least = cdf(np.clip(probe, lower, upper), **params) >= q
        lo = np.where(below, lower - 1.0, lo)
        lo = np.where((need_lo & ~below & ~at_least) | (need_hi & ~at_least), probe, lo)
        hi = np.where((need_lo & ~below & at_least) | (need_hi & at_least), probe, hi)
        step *= 2.0
    else:
        raise ConvergenceError("discrete quantile search did not bracket the answer")
    while True:
        gap = hi - lo > 1
        if not gap.any():
            break
        middle = np.where(gap, np.floor(0.5 * (lo + hi)), hi)
        at_least = cdf(middle, **params) >= q
        hi = np.where(gap & at_least, middle, hi)
        lo = np.where(gap & ~at_least, middle, lo)
    hi = np.where(original == 0, lower, hi)
    return np.where(original == 1, upper, hi)
