"""Sequential minimal optimisation for the SVM dual (MML book §12.3–12.4).

The soft-margin dual (eq. 12.41), with :math:`Q_{ij} = y_i y_j k(x_i, x_j)`:

.. math:: \\min_\\alpha \\tfrac12 \\alpha^\\top Q \\alpha - \\mathbf 1^\\top \\alpha
   \\quad\\text{s.t.}\\quad y^\\top \\alpha = 0,\\; 0 \\le \\alpha_i \\le C_i .

SMO changes two multipliers at a time, which keeps :math:`y^\\top\\alpha = 0` and has a
closed-form solution. The pair is chosen as in libsvm (Fan, Chen & Lin 2005): the
"maximal violating" index :math:`i` and the partner :math:`j` that gives the largest
second-order decrease of the objective. It stops when the KKT conditions hold to
``tol``: :math:`\\max_{I_{up}} -y_t G_t - \\min_{I_{low}} -y_t G_t < \\text{tol}`, with
:math:`G = Q\\alpha - \\mathbf 1` the gradient. Each step is a few vector operations
of length :math:`N`; kernel columns come from :class:`KernelCache`.

Examples
--------
>>> import numpy as np
>>> X = np.array([[0.0], [1.0], [3.0], [4.0]])
>>> y = np.array([-1.0, -1.0, 1.0, 1.0])
>>> result = smo(KernelCache(X, Kernel("linear"), 10), y, np.full(4, 10.0), tol=1e-8)
>>> result.alpha.round(6).tolist(), round(result.rho, 6)
([0.0, 0.5, 0.5, 0.0], 2.0)
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

__all__ = ["Kernel", "KernelCache", "SMOResult", "smo"]

_TAU = 1e-12


@dataclass(frozen=True)
class Kernel:
    """A kernel :math:`k(a, b)` evaluated on all pairs of rows: ``Kernel(...)(A, B)`` is
    ``(len(A), len(B))``. A plain, picklable object (so fitted models can be saved).

    - ``"linear"``: :math:`a^\\top b`
    - ``"poly"``: :math:`(\\gamma a^\\top b + c_0)^d`
    - ``"rbf"``: :math:`\\exp(-\\gamma \\lVert a - b\\rVert^2)` (Gaussian)
    - ``"sigmoid"``: :math:`\\tanh(\\gamma a^\\top b + c_0)`

    Examples
    --------
    >>> Kernel("rbf", gamma=0.5)(np.array([[0.0, 0.0]]), np.array([[1.0, 1.0]])).round(6)
    array([[0.367879]])
    """

    name: str
    gamma: float = 1.0
    coef0: float = 0.0
    degree: int = 3

    def diagonal(self, X: np.ndarray) -> np.ndarray:
        """:math:`k(x_i, x_i)` for every row of ``X``."""
        if self.name == "rbf":
            return np.ones(X.shape[0])
        norms = np.einsum("ij,ij->i", X, X)
        if self.name == "linear":
            return norms
        if self.name == "poly":
            return (self.gamma * norms + self.coef0) ** self.degree
        return np.tanh(self.gamma * norms + self.coef0)

    def __call__(self, A: np.ndarray, B: np.ndarray) -> np.ndarray:
        if self.name == "linear":
            return A @ B.T
        if self.name == "poly":
            return (self.gamma * (A @ B.T) + self.coef0) ** self.degree
        if self.name == "sigmoid":
            return np.tanh(self.gamma * (A @ B.T) + self.coef0)
        D = A @ B.T
        D *= -2.0
        D += np.einsum("ij,ij->i", A, A)[:, None]
        D += np.einsum("ij,ij->i", B, B)[None, :]
        np.maximum(D, 0.0, out=D)
        D *= -self.gamma
        return np.exp(D, out=D)


class KernelCache:
    """Rows :math:`k(x_i, X)` of the training kernel matrix, computed on demand and kept
    within ``cache_size`` MB, least recently used first out (as libsvm's cache).

    The matrix is symmetric, so row ``i`` is also column ``i``; rows are contiguous.
    """

    def __init__(self, X: np.ndarray, kernel: Kernel, cache_size: float) -> None:
        self.X = X
        self.kernel = kernel
        n = X.shape[0]
        self.capacity = max(2, int(cache_size * 2**20 / 8) // max(n, 1))
        self.rows: OrderedDict[int, np.ndarray] = OrderedDict()
        self.diagonal = kernel.diagonal(X)
        self.squared_norms = np.einsum("ij,ij->i", X, X) if kernel.name == "rbf" else None

    def row(self, i: int) -> np.ndarray:
        """:math:`(k(x_i, x_1), \\dots, k(x_i, x_N))`."""
        cached = self.rows.get(i)
        if cached is not None:
            self.rows.move_to_end(i)
            return cached
        if self.squared_norms is None:
            values = self.kernel(self.X[i : i + 1], self.X)[0]
        else:
            # exp(-gamma (|x_i|^2 + |x_t|^2 - 2 x_t . x_i)) with the norms computed once.
            values = self.X @ self.X[i]
            values *= -2.0
            values += self.squared_norms
            values += self.squared_norms[i]
            np.maximum(values, 0.0, out=values)
            values *= -self.kernel.gamma
            np.exp(values, out=values)
        self.rows[i] = values
        if len(self.rows) > self.capacity:
            self.rows.popitem(last=False)
        return values


@dataclass
class SMOResult:
    """Multipliers ``alpha`` (N,), offset ``rho`` (decision :math:`\\sum_i y_i\\alpha_i k(x_i, x) - \\rho`),
    the final gradient, the number of iterations, and whether the KKT test was met."""

    alpha: np.ndarray
    rho: float
    gradient: np.ndarray
    n_iter: int
    converged: bool


def smo(
    cache: KernelCache, y: np.ndarray, C: np.ndarray, tol: float = 1e-3, max_iter: int = -1
) -> SMOResult:
    """Solve the SVM dual by SMO with second-order working-set selection.

    Parameters
    ----------
    cache : KernelCache
    y : ndarray of shape (N,)
        Labels in {-1, +1}.
    C : ndarray of shape (N,)
        Upper bound of each multiplier (``C`` times the sample weight).
    tol : float
        KKT tolerance (libsvm's ``eps``).
    max_iter : int
        -1 for no limit (then libsvm's ``max(10^7, 100 N)``).
    """
    n = y.shape[0]
    alpha = np.zeros(n)
    # v = -y * G with G = Q alpha - 1 the gradient; at alpha = 0, v = y.
    v = y.astype(np.float64).copy()
    K_diag = cache.diagonal
    positive = y > 0
    # I_up: indices whose y_t alpha_t may grow; I_low: may shrink. Only i, j change per step.
    up = positive.copy()
    low = ~positive
    limit = max(10_000_000, 100 * n) if max_iter < 0 else max_iter
    n_iter, converged = 0, False
    while n_iter < limit:
        v_up = np.where(up, v, -np.inf)
        i = int(np.argmax(v_up))
        g_max = v_up[i]
        v_low = np.where(low, v, np.inf)
        if g_max - v_low.min() < tol:
            converged = True
            break
        K_i = cache.row(i)
        # Second-order choice of j: largest decrease (g_max - v_t)^2 / (K_ii + K_tt - 2 K_it).
        gain = np.maximum(g_max - v_low, 0.0)
        quad = np.maximum(K_diag + (K_diag[i] - 2.0 * K_i), _TAU)
        score = (gain * gain) / quad
        j = int(np.argmax(score))
        if not score[j] > 0:
            converged = True
            break
        K_j = cache.row(j)
        old_i, old_j = alpha[i], alpha[j]
        G_i, G_j = -y[i] * v[i], -y[j] * v[j]
        _update_pair(alpha, (G_i, G_j), y, C, i, j, K_diag[i] + K_diag[j] - 2.0 * K_i[j])
        # G += y (K_i y_i d_i + K_j y_j d_j), so v = -y G changes by -(K_i y_i d_i + K_j y_j d_j).
        v -= K_i * (y[i] * (alpha[i] - old_i))
        v -= K_j * (y[j] * (alpha[j] - old_j))
        for t in (i, j):
            up[t] = alpha[t] < C[t] if positive[t] else alpha[t] > 0
            low[t] = alpha[t] > 0 if positive[t] else alpha[t] < C[t]
        n_iter += 1
    G = -y * v
    return SMOResult(alpha, _rho(alpha, G, y, C), G, n_iter, converged)


def _update_pair(
    alpha: np.ndarray,
    gradients: tuple[float, float],
    y: np.ndarray,
    C: np.ndarray,
    i: int,
    j: int,
    quad: float,
) -> None:
    """Analytic solution of the two-variable subproblem, clipped to the box (libsvm)."""
    C_i, C_j = C[i], C[j]
    G_i, G_j = gradients
    quad = quad if quad > 0 else _TAU
    if y[i] != y[j]:
        delta = (-G_i - G_j) / quad
        diff = alpha[i] - alpha[j]
        alpha[i] += delta
        alpha[j] += delta
        if diff > 0:
            if alpha[j] < 0:
                alpha[j], alpha[i] = 0.0, diff
        elif alpha[i] < 0:
            alpha[i], alpha[j] = 0.0, -diff
        if diff > C_i - C_j:
            if alpha[i] > C_i:
                alpha[i], alpha[j] = C_i, C_i - diff
        elif alpha[j] > C_j:
            alpha[j], alpha[i] = C_j, C_j + diff
    else:
        delta = (G_i - G_j) / quad
        total = alpha[i] + alpha[j]
        alpha[i] -= delta
        alpha[j] += delta
        if total > C_i:
            if alpha[i] > C_i:
                alpha[i], alpha[j] = C_i, total - C_i
        elif alpha[j] < 0:
            alpha[j], alpha[i] = 0.0, total
        if total > C_j:
            if alpha[j] > C_j:
                alpha[j], alpha[i] = C_j, total - C_j
        elif alpha[i] < 0:
            alpha[i], alpha[j] = 0.0, total


def _rho(alpha: np.ndarray, G: np.ndarray, y: np.ndarray, C: np.ndarray) -> float:
    """Offset from the free multipliers (average of :math:`y_i G_i`), else the bounds' midpoint."""
    yG = y * G
    at_upper = alpha >= C
    at_lower = alpha <= 0
    free = ~(at_upper | at_lower)
    if free.any():
        return float(yG[free].mean())
    upper_side = (at_upper & (y < 0)) | (at_lower & (y > 0))
    lower_side = (at_upper & (y > 0)) | (at_lower & (y < 0))
    ub = yG[upper_side].min(initial=np.inf)
    lb = yG[lower_side].max(initial=-np.inf)
    return float((ub + lb) / 2.0)
