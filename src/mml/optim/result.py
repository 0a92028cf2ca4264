"""The record a minimiser returns: :class:`OptimizeResult`, named as in SciPy.

Examples
--------
>>> import numpy as np
>>> from mml.optim.result import OptimizeResult
>>> res = OptimizeResult(x=np.array([1.0]), fun=0.0, success=True, message="done")
>>> res.x, res.success
(array([1.]), True)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

__all__ = ["OptimizeResult"]


@dataclass
class OptimizeResult:
    """The outcome of :func:`mml.optim.minimize` and of the projected-gradient solvers.

    Attributes
    ----------
    x : ndarray, shape (n,)
        The last iterate: the minimiser when ``success`` is True.
    fun : float
        ``f(x)``.
    jac : ndarray, shape (n,) or None
        The gradient ``∇f(x)``.
    nit : int
        Number of iterations.
    nfev, njev, nhev : int
        Number of evaluations of ``f``, of its gradient and of its Hessian. Finite-difference
        gradients count their function evaluations in ``nfev``.
    success : bool
        True only when a stopping test on the gradient was met at a finite point.
    status : int
        0 converged, 1 iteration limit, 2 line search failed, 3 diverged (non-finite values).
    message : str
        Why the iterations stopped, in words.
    history : list of ndarray
        The iterates ``x_0, x_1, ..., x_nit`` (for plotting a path); empty when the run was
        asked not to keep them.
    fun_history : list of float
        ``f`` at each iterate in ``history``.
    hess_inv : ndarray or None
        The final inverse-Hessian approximation (BFGS only).
    """

    x: np.ndarray
    fun: float
    jac: np.ndarray | None = None
    nit: int = 0
    nfev: int = 0
    njev: int = 0
    nhev: int = 0
    success: bool = False
    status: int = 0
    message: str = ""
    history: list[np.ndarray] = field(default_factory=list)
    fun_history: list[float] = field(default_factory=list)
    hess_inv: np.ndarray | None = None

    def __repr__(self) -> str:
        shown = ("message", "success", "status", "fun", "x", "nit", "nfev", "njev")
        body = "\n".join(f"{name:>8s}: {getattr(self, name)!r}" for name in shown)
        return f"OptimizeResult(\n{body}\n)"
