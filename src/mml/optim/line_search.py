"""Step lengths along a descent direction: backtracking (Armijo) and strong Wolfe.

Along a direction ``p`` with ``∇f(x)ᵀp < 0`` we look at ``φ(α) = f(x + α p)``, with
``φ'(α) = ∇f(x + α p)ᵀp``, and accept a step ``α`` that satisfies

- the **Armijo** (sufficient decrease) condition ``φ(α) ≤ φ(0) + c₁ α φ'(0)``, and, for Wolfe,
- the **strong curvature** condition ``|φ'(α)| ≤ c₂ |φ'(0)|``,

with ``0 < c₁ < c₂ < 1`` (MML book §7.1; Nocedal & Wright, *Numerical Optimization*, §3.1 and
Algorithms 3.5–3.6). A step at which ``f`` is not finite counts as too long.

Examples
--------
>>> import numpy as np
>>> f = lambda x: float(x @ x)
>>> res = backtracking_line_search(f, np.array([1.0]), np.array([-1.0]), np.array([2.0]))
>>> res.alpha, res.success
(1.0, True)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from mml.errors import DomainError

__all__ = ["LineSearchResult", "backtracking_line_search", "wolfe_line_search"]


@dataclass
class LineSearchResult:
    """A step length and what was learnt at ``x + alpha p``.

    Attributes
    ----------
    alpha : float
        The step length; 0.0 when no acceptable step was found.
    fun : float
        ``f(x + alpha p)``.
    jac : ndarray or None
        ``∇f(x + alpha p)`` when the search evaluated it (Wolfe), else None.
    success : bool
        Whether ``alpha`` satisfies the requested conditions.
    nfev : int
        Number of trial points evaluated.
    message : str
        Why the search stopped.
    """

    alpha: float
    fun: float
    jac: np.ndarray | None
    success: bool
    nfev: int
    message: str


def _check_parameters(c1: float, c2: float | None, alpha0: float) -> None:
    if not 0 < c1 < 1:
        raise DomainError(f"c1 must lie in (0, 1), got {c1}")
    if c2 is not None and not c1 < c2 < 1:
        raise DomainError(f"c2 must lie in (c1, 1) = ({c1}, 1), got {c2}")
    if not (np.isfinite(alpha0) and alpha0 > 0):
        raise DomainError(f"the initial step alpha0 must be positive and finite, got {alpha0}")


def _not_descent(fun: float, slope: float) -> LineSearchResult:
    return LineSearchResult(
        0.0, fun, None, False, 0, f"p is not a descent direction: ∇f(x)ᵀp = {slope:.3g} ≥ 0"
    )


def backtracking_line_search(
    f: Callable[[np.ndarray], float],
    xk: np.ndarray,
    pk: np.ndarray,
    gfk: np.ndarray,
    old_fval: float | None = None,
    alpha0: float = 1.0,
    c1: float = 1e-4,
    max_steps: int = 60,
    fprime: Callable[[np.ndarray], np.ndarray] | None = None,
) -> LineSearchResult:
    """Shrink ``α`` from ``alpha0`` until the Armijo condition holds.

    ``φ(α) ≤ φ(0) + c₁ α φ'(0)`` with ``φ'(0) = ∇f(x)ᵀp``. Each rejected ``α`` is replaced
    by the minimiser of the quadratic through ``φ(0)``, ``φ'(0)`` and ``φ(α)``, kept inside
    ``[α/10, α/2]`` (and ``α/2`` when ``φ(α)`` is not finite).

    Parameters
    ----------
    f : callable
        ``f(x) -> float``.
    xk, pk, gfk : ndarray, shape (n,)
        The point, the search direction and ``∇f(xk)``.
    old_fval : float, optional
        ``f(xk)`` if already known.
    alpha0 : float
        The first trial step.
    c1 : float
        The sufficient-decrease constant, ``0 < c1 < 1``.
    max_steps : int
        Give up after this many trial points.
    fprime : callable, optional
        ``∇f``. When given, a trial point where ``f`` changed by less than its rounding error
        is judged by the slope instead: it is accepted when
        ``∇f(x + αp)ᵀp ≤ (2c₁ − 1) ∇f(x)ᵀp``, the Armijo condition of the quadratic model
        (Hager & Zhang's approximate Armijo condition). This lets a run reach a small gradient
        where the decrease of ``f`` is below ``eps·|f|``.

    Returns
    -------
    LineSearchResult
        ``jac`` is ``∇f`` at the new point when ``fprime`` was evaluated there, else None.

    Raises
    ------
    DomainError
        If ``c1`` or ``alpha0`` is out of range.

    Examples
    --------
    >>> import numpy as np
    >>> f = lambda x: float(x[0] ** 4)
    >>> res = backtracking_line_search(f, np.array([1.0]), np.array([-4.0]), np.array([4.0]))
    >>> round(res.alpha, 4), res.success
    (0.1, True)
    """
    _check_parameters(c1, None, alpha0)
    phi0 = float(f(xk)) if old_fval is None else float(old_fval)
    slope = float(gfk @ pk)
    if not slope < 0:
        return _not_descent(phi0, slope)
    alpha, nfev = float(alpha0), 0
    rounding = 1e-10 * abs(phi0) + 1e-300
    for _ in range(max_steps):
        with np.errstate(all="ignore"):
            phi = float(f(xk + alpha * pk))
        nfev += 1
        if np.isfinite(phi) and phi <= phi0 + c1 * alpha * slope:
            return LineSearchResult(alpha, phi, None, True, nfev, "Armijo condition holds")
        if fprime is not None and abs(phi - phi0) <= rounding:
            gradient = np.asarray(fprime(xk + alpha * pk), dtype=float)
            if float(gradient @ pk) <= (2 * c1 - 1) * slope:
                return LineSearchResult(
                    alpha, phi, gradient, True, nfev, "approximate Armijo condition holds"
                )
        if np.isfinite(phi):
            # Minimiser of the quadratic q(a) with q(0)=φ0, q'(0)=slope, q(α)=φ(α).
            trial = -slope * alpha**2 / (2 * (phi - phi0 - slope * alpha))
            alpha = min(max(trial, alpha / 10), alpha / 2)
        else:
            alpha /= 2
    return LineSearchResult(
        0.0,
        phi0,
        None,
        False,
        nfev,
        f"no step satisfied the Armijo condition in {max_steps} trials",
    )


def _cubic_minimiser(
    a: float, fa: float, da: float, b: float, fb: float, db: float
) -> float | None:
    """Minimiser of the cubic matching ``φ`` and ``φ'`` at ``a`` and ``b`` (N&W eq. 3.59)."""
    with np.errstate(all="ignore"):
        d1 = da + db - 3 * (fa - fb) / (a - b)
        radicand = d1 * d1 - da * db
        if not np.isfinite(radicand) or radicand < 0:
            return None
        d2 = np.copysign(np.sqrt(radicand), b - a)
        denominator = db - da + 2 * d2
        if denominator == 0:
            return None
        x = b - (b - a) * (db + d2 - d1) / denominator
    return float(x) if np.isfinite(x) else None


def wolfe_line_search(
    f: Callable[[np.ndarray], float],
    fprime: Callable[[np.ndarray], np.ndarray] | None,
    xk: np.ndarray,
    pk: np.ndarray,
    gfk: np.ndarray,
    old_fval: float,
    alpha0: float = 1.0,
    c1: float = 1e-4,
    c2: float = 0.9,
    amax: float = 1e10,
    max_steps: int = 30,
) -> LineSearchResult:
    """Find ``α`` satisfying the strong Wolfe conditions (bracketing, then zoom).

    Phase one grows ``α`` until an interval is known to contain acceptable steps; phase two
    (zoom) shrinks it by safeguarded cubic interpolation (Nocedal & Wright Algorithms 3.5
    and 3.6).

    Parameters
    ----------
    f : callable
        ``f(x) -> float``, or ``f(x) -> (float, gradient)`` when ``fprime`` is None.
    fprime : callable or None
        ``∇f(x) -> ndarray``.
    xk, pk, gfk : ndarray, shape (n,)
        The point, the search direction and ``∇f(xk)``.
    old_fval : float
        ``f(xk)``.
    alpha0 : float
        The first trial step (1 for Newton and quasi-Newton directions).
    c1, c2 : float
        Wolfe constants, ``0 < c1 < c2 < 1`` (0.9 suits quasi-Newton, 0.1 nonlinear CG).
    amax : float
        Largest step allowed.
    max_steps : int
        Largest number of trial points.

    Returns
    -------
    LineSearchResult
        With ``jac = ∇f(xk + alpha pk)``. On failure ``alpha`` is the best Armijo step found,
        if any (``success`` is then False).

    Raises
    ------
    DomainError
        If the constants are out of range.

    Examples
    --------
    >>> import numpy as np
    >>> f = lambda x: float(x @ x)
    >>> g = lambda x: 2 * x
    >>> x = np.array([1.0, 1.0])
    >>> res = wolfe_line_search(f, g, x, -g(x), g(x), f(x))
    >>> res.alpha, res.fun, res.success
    (0.5, 0.0, True)
    """
    _check_parameters(c1, c2, alpha0)
    phi0 = float(old_fval)
    slope0 = float(gfk @ pk)
    if not slope0 < 0:
        return _not_descent(phi0, slope0)
    nfev = 0

    def evaluate(alpha: float) -> tuple[float, float, np.ndarray]:
        nonlocal nfev
        nfev += 1
        x = xk + alpha * pk
        with np.errstate(all="ignore"):
            if fprime is None:
                value, gradient = f(x)
            else:
                value, gradient = f(x), fprime(x)
            gradient = np.asarray(gradient, dtype=float)
            value = float(value)
            slope = float(gradient @ pk)
        if not (np.isfinite(value) and np.isfinite(slope)):
            value, slope = np.inf, np.inf
        return value, slope, gradient

    # Near a minimum the decrease c₁αφ'(0) falls below the rounding error of f; there a
    # point where f has not grown beyond that error and the curvature condition holds is
    # accepted (the "approximate Wolfe" conditions of Hager & Zhang, 2005).
    rounding = 1e-10 * abs(phi0) + 1e-300

    def armijo(alpha: float, phi: float) -> bool:
        return phi <= phi0 + c1 * alpha * slope0

    def curvature(slope: float) -> bool:
        return abs(slope) <= -c2 * slope0

    def done(alpha: float, phi: float, gradient: np.ndarray) -> LineSearchResult:
        return LineSearchResult(alpha, phi, gradient, True, nfev, "strong Wolfe conditions hold")

    def zoom(lo, hi) -> LineSearchResult:
        # lo and hi are (alpha, phi, slope, gradient); lo satisfies Armijo with the lowest φ.
        while nfev < max_steps:
            a_lo, a_hi = lo[0], hi[0]
            width = abs(a_hi - a_lo)
            trial = None
            if np.isfinite(hi[1]):
                trial = _cubic_minimiser(a_lo, lo[1], lo[2], a_hi, hi[1], hi[2])
            low, high = min(a_lo, a_hi), max(a_lo, a_hi)
            if trial is None or not (low + 0.1 * width <= trial <= high - 0.1 * width):
                trial = (a_lo + a_hi) / 2
            if width <= 1e-16 * max(1.0, high):
                break
            phi, slope, gradient = evaluate(trial)
            if phi <= phi0 + rounding and curvature(slope):
                return done(trial, phi, gradient)
            if not armijo(trial, phi) or phi >= lo[1]:
                hi = (trial, phi, slope, gradient)
                continue
            if curvature(slope):
                return done(trial, phi, gradient)
            if slope * (a_hi - a_lo) >= 0:
                hi = lo
            lo = (trial, phi, slope, gradient)
        if lo[0] > 0:
            return LineSearchResult(
                lo[0], lo[1], lo[3], False, nfev, "zoom ended with an Armijo step only"
            )
        return LineSearchResult(0.0, phi0, gfk, False, nfev, "no acceptable step found")

    previous = (0.0, phi0, slope0, gfk)
    alpha = min(float(alpha0), amax)
    while nfev < max_steps:
        phi, slope, gradient = evaluate(alpha)
        current = (alpha, phi, slope, gradient)
        if phi <= phi0 + rounding and curvature(slope):
            return done(alpha, phi, gradient)
        if not armijo(alpha, phi) or (nfev > 1 and phi >= previous[1]):
            return zoom(previous, current)
        if curvature(slope):
            return done(alpha, phi, gradient)
        if slope >= 0:
            return zoom(current, previous)
        previous = current
        if alpha >= amax:
            break
        alpha = min(2 * alpha, amax)
    if previous[0] > 0:
        return LineSearchResult(
            previous[0], previous[1], previous[3], False, nfev, "step grew to its limit"
        )
    return LineSearchResult(0.0, phi0, gfk, False, nfev, "no acceptable step found")
