"""One EM iteration of a small Gaussian mixture, with every number shown (MML book §11.2–11.3).

E-step: the responsibilities ``r_nk = π_k N(xₙ|μ_k, Σ_k) / Σ_j π_j N(xₙ|μ_j, Σ_j)``.
M-step: ``N_k = Σₙ r_nk``, ``μ_k = (1/N_k) Σₙ r_nk xₙ``,
``Σ_k = (1/N_k) Σₙ r_nk (xₙ − μ_k)(xₙ − μ_k)ᵀ``, ``π_k = N_k / N``.
The log-likelihood ``Σₙ log Σ_k π_k N(xₙ|μ_k, Σ_k)`` cannot decrease (§11.3); the
derivation checks it. The densities are irrational, so the numbers are floats.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from mml.errors import DomainError, NotPositiveDefiniteError, ShapeError
from mml.models.explain.float_tables import FloatMatrix, float_text, float_vector_text
from mml.steps import Derivation, MathText, Step

__all__ = ["GMMIterationExplanation", "explain_gmm_iteration"]


@dataclass(frozen=True)
class GMMIterationExplanation:
    """The result of one EM iteration.

    Attributes
    ----------
    densities : ndarray, shape (N, K)
        ``N(xₙ | μ_k, Σ_k)`` under the initial parameters.
    responsibilities : ndarray, shape (N, K)
        ``r_nk``; each row sums to 1.
    counts : ndarray, shape (K,)
        ``N_k``.
    means : ndarray, shape (K, D)
    covariances : ndarray, shape (K, D, D)
    weights : ndarray, shape (K,)
        The updated parameters.
    log_likelihood_before, log_likelihood_after : float
        Under the initial and the updated parameters.
    steps : Derivation
    """

    densities: np.ndarray
    responsibilities: np.ndarray
    counts: np.ndarray
    means: np.ndarray
    covariances: np.ndarray
    weights: np.ndarray
    log_likelihood_before: float
    log_likelihood_after: float
    steps: Derivation

    def __str__(self) -> str:
        return self.steps.render("text")

    def _repr_markdown_(self) -> str:
        return self.steps.render("markdown")


def _as_floats(value: Any, name: str) -> np.ndarray:
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as error:
        raise DomainError(f"{name} must be numbers: {error}") from None
    if not np.all(np.isfinite(array)):
        raise DomainError(f"{name} has an entry that is not finite")
    return array


def _read_parameters(
    X: Any, means: Any, covariances: Any, weights: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    X = _as_floats(X, "X")
    if X.ndim == 1:
        X = X[:, None]
    if X.ndim != 2 or X.shape[0] == 0:
        raise ShapeError(f"X must be N samples (rows) × D features, got shape {X.shape}")
    n, d = X.shape
    mu = _as_floats(means, "means")
    if mu.ndim == 1 and d == 1:
        mu = mu[:, None]
    if mu.ndim != 2 or mu.shape[1] != d or mu.shape[0] == 0:
        raise ShapeError(f"means must be K×{d} (one row per component), got shape {mu.shape}")
    k = mu.shape[0]
    cov = _as_floats(covariances, "covariances")
    if d == 1 and cov.shape == (k,):
        cov = cov[:, None, None]
    if cov.shape != (k, d, d):
        expected = f"K = {k} variances" if d == 1 else f"K×D×D = {k}×{d}×{d} covariances"
        raise ShapeError(f"expected {expected}, got shape {cov.shape}")
    pi = _as_floats(weights, "weights")
    if pi.shape != (k,):
        raise ShapeError(f"weights must have K = {k} entries, got shape {pi.shape}")
    if np.any(pi <= 0) or abs(pi.sum() - 1) > 1e-9:
        raise DomainError(f"weights must be positive and sum to 1, got {pi.tolist()}")
    return X, mu, cov, pi


def _log_densities(X: np.ndarray, mu: np.ndarray, cov: np.ndarray) -> tuple[np.ndarray, ...]:
    """``log N(xₙ|μ_k, Σ_k)``, the squared Mahalanobis distances, and ``det Σ_k``."""
    from mml.linalg import cholesky, solve_triangular

    n, d = X.shape
    k = mu.shape[0]
    log_p = np.empty((n, k))
    squared = np.empty((n, k))
    dets = np.empty(k)
    for j in range(k):
        if not np.allclose(cov[j], cov[j].T):
            raise DomainError(f"covariance {j + 1} is not symmetric")
        try:
            L = cholesky(cov[j])
        except NotPositiveDefiniteError:
            raise NotPositiveDefiniteError(
                f"covariance {j + 1} is not positive definite: {cov[j].tolist()}"
            ) from None
        diff = solve_triangular(L, (X - mu[j]).T, lower=True)
        squared[:, j] = np.sum(diff**2, axis=0)
        log_det = 2 * float(np.sum(np.log(np.diagonal(L))))
        dets[j] = math.exp(log_det)
        log_p[:, j] = -0.5 * (squared[:, j] + d * math.log(2 * math.pi) + log_det)
    return log_p, squared, dets


def _log_likelihood(log_p: np.ndarray, pi: np.ndarray) -> tuple[float, np.ndarray]:
    """``Σₙ log Σ_k π_k N(xₙ|·)`` by log-sum-exp, and the log of each row's sum."""
    weighted = log_p + np.log(pi)
    top = weighted.max(axis=1, keepdims=True)
    row = (top + np.log(np.exp(weighted - top).sum(axis=1, keepdims=True)))[:, 0]
    return float(row.sum()), row


def _point(x: np.ndarray) -> str:
    return float_text(x[0]) if x.size == 1 else float_vector_text(x)


def _density_text(
    x: np.ndarray, j: int, mean: np.ndarray, cov: np.ndarray, sq: float, det: float
) -> str:
    if x.size == 1:
        return (
            f"N({float_text(x[0])} | {float_text(mean[0])}, {float_text(cov[0, 0])}) = "
            f"exp(−({float_text(x[0])} − {float_text(mean[0])})²/(2·{float_text(cov[0, 0])}))"
            f"/√(2π·{float_text(cov[0, 0])})"
        )
    return (
        f"N(x | μ{j}, Σ{j}) = exp(−½·{float_text(sq)})/√((2π)^{x.size}·{float_text(det)}) "
        f"(squared Mahalanobis distance {float_text(sq)}, |Σ{j}| = {float_text(det)})"
    )


def explain_gmm_iteration(
    X: Any, means: Any, variances_or_covariances: Any, weights: Any
) -> GMMIterationExplanation:
    """One EM iteration for a small Gaussian mixture, worked with the numbers (§11.2–11.3).

    Parameters
    ----------
    X : array_like, shape (N,) or (N, D)
        The data; a 1-D array is N scalar samples.
    means : array_like, shape (K,) for 1-D data, or (K, D)
    variances_or_covariances : array_like, shape (K,) for 1-D data, or (K, D, D)
    weights : array_like, shape (K,)
        Positive mixture weights summing to 1.

    Returns
    -------
    GMMIterationExplanation
        ``densities``, ``responsibilities``, ``counts``, the updated ``means``,
        ``covariances`` and ``weights``, ``log_likelihood_before`` and ``_after``, ``steps``.

    Raises
    ------
    ShapeError
        If the shapes of the data and parameters do not fit together.
    DomainError
        For weights that are not a distribution, a non-symmetric covariance, or non-finite
        numbers.
    NotPositiveDefiniteError
        If a covariance (given or updated) is not positive definite.

    Examples
    --------
    >>> em = explain_gmm_iteration([-1, 0, 2, 3], means=[0, 2], variances_or_covariances=[1, 1],
    ...                            weights=[0.5, 0.5])
    >>> em.responsibilities.sum(axis=1)
    array([1., 1., 1., 1.])
    >>> em.log_likelihood_after >= em.log_likelihood_before
    True
    """
    X, mu, cov, pi = _read_parameters(X, means, variances_or_covariances, weights)
    n, d = X.shape
    k = mu.shape[0]
    derivation = Derivation(
        f"One EM iteration for a mixture of K = {k} Gaussians on N = {n} samples "
        f"in {d} dimension(s)",
        given=FloatMatrix(X),
    )
    for j in range(k):
        shown = f"σ² = {float_text(cov[j, 0, 0])}" if d == 1 else "Σ ="
        derivation.add(
            Step(
                "parameters",
                f"component {j + 1}: π = {float_text(pi[j])}, μ = {_point(mu[j])}, {shown}",
                after=None if d == 1 else FloatMatrix(cov[j]),
            )
        )
    log_p, squared, dets = _log_densities(X, mu, cov)
    densities = np.exp(log_p)
    before, row_log = _log_likelihood(log_p, pi)
    # E-step (§11.2.1): responsibilities, computed in logs so that far points do not underflow
    resp = np.exp(log_p + np.log(pi) - row_log[:, None])
    for i in range(n):
        factors = "; ".join(
            f"{_density_text(X[i], j + 1, mu[j], cov[j], squared[i, j], dets[j])} = "
            f"{float_text(densities[i, j])}, π{j + 1}·N = {float_text(pi[j] * densities[i, j])}"
            for j in range(k)
        )
        derivation.add(
            Step(
                "densities",
                f"x{i + 1} = {_point(X[i])}: {factors}; "
                f"p(x{i + 1}) = {float_text(math.exp(row_log[i]))}",
            )
        )
    derivation.add(
        Step(
            "log_likelihood",
            f"log-likelihood before: Σₙ log Σ_k π_k N(xₙ|μ_k, Σ_k) = {float_text(before, 8)}",
            data={"value": before},
        )
    )
    derivation.add(
        Step(
            "responsibilities",
            MathText(
                "E-step: r_nk = π_k N(xₙ|μ_k, Σ_k) / Σ_j π_j N(xₙ|μ_j, Σ_j) "
                "(one row per sample, one column per component; rows sum to 1):",
                r"r_{nk} = \frac{\pi_k \mathcal{N}(x_n|\mu_k,\Sigma_k)}"
                r"{\sum_j \pi_j \mathcal{N}(x_n|\mu_j,\Sigma_j)}",
            ),
            after=FloatMatrix(resp),
        )
    )
    # M-step (§11.2.2-11.2.4)
    counts = resp.sum(axis=0)
    if np.any(counts <= 0):
        raise DomainError("a component has no responsibility left (N_k = 0); EM cannot update it")
    derivation.add(
        Step(
            "counts",
            f"M-step: N_k = Σₙ r_nk = {float_vector_text(counts)} (they sum to N = {n})",
        )
    )
    new_mu = (resp.T @ X) / counts[:, None]
    for j in range(k):
        derivation.add(
            Step(
                "update_mean",
                f"μ{j + 1} = (1/N{j + 1}) Σₙ r_n{j + 1} xₙ = {_point(new_mu[j])}",
            )
        )
    new_cov = np.empty_like(cov)
    for j in range(k):
        centred = X - new_mu[j]
        new_cov[j] = (resp[:, j, None] * centred).T @ centred / counts[j]
        label = "σ²" if d == 1 else "Σ"
        derivation.add(
            Step(
                "update_covariance",
                f"{label}{j + 1} = (1/N{j + 1}) Σₙ r_n{j + 1} (xₙ − μ{j + 1})(xₙ − μ{j + 1})ᵀ"
                + (f" = {float_text(new_cov[j, 0, 0])}" if d == 1 else ":"),
                after=None if d == 1 else FloatMatrix(new_cov[j]),
            )
        )
    new_pi = counts / n
    derivation.add(Step("update_weights", f"π_k = N_k / N = {float_vector_text(new_pi)}"))
    try:
        after, _ = _log_likelihood(_log_densities(X, new_mu, new_cov)[0], new_pi)
        verdict = "it did not decrease, as EM guarantees (§11.3)"
    except NotPositiveDefiniteError:
        # a component sits on points that span less than D dimensions: det Σ_k = 0 (§11.2)
        after = math.inf
        verdict = (
            "a covariance became singular (a component collapsed onto its points), so the "
            "likelihood is unbounded: the degenerate solution of maximum likelihood for GMMs"
        )
    derivation.add(
        Step(
            "log_likelihood",
            f"log-likelihood after: {float_text(after, 8)} ≥ {float_text(before, 8)}: {verdict}",
            data={"value": after, "increase": after - before},
        )
    )
    if after < before - 1e-9 * max(1.0, abs(before)):
        raise AssertionError("EM decreased the log-likelihood")  # a bug, never the user's input
    derivation.result = (
        "μ = " + ", ".join(_point(m) for m in new_mu) + f"; π = {float_vector_text(new_pi)}"
    )
    return GMMIterationExplanation(
        densities, resp, counts, new_mu, new_cov, new_pi, before, after, derivation
    )
