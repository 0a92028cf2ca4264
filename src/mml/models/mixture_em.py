"""The two steps of EM for a Gaussian mixture, as pure functions (MML book §11.2–11.3).

E-step: responsibilities
:math:`r_{nk} = \\pi_k \\mathcal N(x_n|\\mu_k,\\Sigma_k) / \\sum_j \\pi_j \\mathcal N(x_n|\\mu_j,\\Sigma_j)`
(eq. 11.17), computed in log space with the log-sum-exp trick.

M-step: with :math:`N_k = \\sum_n r_{nk}`,
:math:`\\mu_k = \\frac{1}{N_k}\\sum_n r_{nk} x_n` (11.20),
:math:`\\Sigma_k = \\frac{1}{N_k}\\sum_n r_{nk}(x_n-\\mu_k)(x_n-\\mu_k)^\\top` (11.30),
:math:`\\pi_k = N_k / N` (11.42), plus ``reg_covar`` on the diagonal.

Densities use the Cholesky factor :math:`U_k` of each precision matrix,
:math:`\\Sigma_k^{-1} = U_k U_k^\\top`, so that
:math:`\\log\\mathcal N = -\\tfrac12 (D\\log 2\\pi + \\lVert U_k^\\top (x-\\mu_k)\\rVert^2) + \\log\\det U_k`.
Covariance types: ``"full"`` (one matrix per component), ``"tied"`` (one shared
matrix), ``"diag"`` (diagonal per component), ``"spherical"`` (one variance per
component).

Examples
--------
>>> import numpy as np
>>> X = np.array([[0.0], [1.0], [10.0], [11.0]])
>>> resp = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])
>>> weights, means, covariances = m_step(X, resp, 1e-6, "full")
>>> weights.round(6).tolist(), means.ravel().round(6).tolist()
([0.5, 0.5], [0.5, 10.5])
"""

from __future__ import annotations

import math

import numpy as np

from mml.errors import NotPositiveDefiniteError

__all__ = [
    "m_step",
    "precision_cholesky",
    "log_gaussian_prob",
    "e_step",
    "log_sum_exp",
    "n_parameters",
]

_ILL_DEFINED = (
    "Fitting the mixture model failed because some components have ill-defined empirical "
    "covariance (for instance caused by singleton or collapsed samples). Try to decrease the "
    "number of components, increase reg_covar, or scale the input data."
)


def m_step(
    X: np.ndarray, resp: np.ndarray, reg_covar: float, covariance_type: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Weights ``(K,)``, means ``(K, D)`` and covariances from responsibilities ``(N, K)``.

    Covariances have shape ``(K, D, D)`` (full), ``(D, D)`` (tied), ``(K, D)`` (diag)
    or ``(K,)`` (spherical).
    """
    nk = resp.sum(axis=0) + 10 * np.finfo(resp.dtype).eps
    means = (resp.T @ X) / nk[:, None]
    n_components, n_features = means.shape
    if covariance_type == "full":
        covariances = np.empty((n_components, n_features, n_features))
        root = np.ascontiguousarray(np.sqrt(resp).T)  # (K, N): contiguous per component
        for k in range(n_components):
            # Y^T Y with Y = sqrt(r_k) (X - mu_k): a symmetric rank-N update (half the flops).
            Y = X - means[k]
            Y *= root[k][:, None]
            covariances[k] = Y.T @ Y
            covariances[k] /= nk[k]
            covariances[k].flat[:: n_features + 1] += reg_covar
    elif covariance_type == "tied":
        covariances = X.T @ X - (nk * means.T) @ means
        covariances /= nk.sum()
        covariances.flat[:: n_features + 1] += reg_covar
    else:
        avg_X2 = (resp.T @ (X * X)) / nk[:, None]
        diagonal = avg_X2 - means**2 + reg_covar
        diagonal = np.maximum(diagonal, reg_covar)
        covariances = diagonal if covariance_type == "diag" else diagonal.mean(axis=1)
    return nk / X.shape[0], means, covariances


def precision_cholesky(covariances: np.ndarray, covariance_type: str) -> np.ndarray:
    """Upper-triangular :math:`U` with :math:`\\Sigma^{-1} = U U^\\top` (or :math:`1/\\sqrt{\\sigma^2}`).

    Raises
    ------
    NotPositiveDefiniteError
        If a covariance is not positive definite (a collapsed component).
    """
    from mml.linalg import cholesky, solve_triangular

    if covariance_type in ("full", "tied"):
        stack = covariances[None] if covariance_type == "tied" else covariances
        n_features = stack.shape[-1]
        out = np.empty_like(stack)
        identity = np.eye(n_features)
        for k, cov in enumerate(stack):
            try:
                L = cholesky(cov)
            except NotPositiveDefiniteError as exc:
                raise NotPositiveDefiniteError(_ILL_DEFINED) from exc
            # Sigma = L L^T  =>  Sigma^{-1} = L^{-T} L^{-1} = U U^T with U = L^{-T}.
            out[k] = solve_triangular(L, identity, lower=True).T
        return out[0] if covariance_type == "tied" else out
    if np.any(covariances <= 0.0):
        raise NotPositiveDefiniteError(_ILL_DEFINED)
    return 1.0 / np.sqrt(covariances)


def log_gaussian_prob(
    X: np.ndarray, means: np.ndarray, precisions_chol: np.ndarray, covariance_type: str
) -> np.ndarray:
    """:math:`\\log \\mathcal N(x_n | \\mu_k, \\Sigma_k)` for every sample and component, ``(N, K)``."""
    n_samples, n_features = X.shape
    n_components = means.shape[0]
    if covariance_type == "full":
        log_det = np.log(np.diagonal(precisions_chol, axis1=1, axis2=2)).sum(axis=1)
        # One matmul for all components: X [U_1 ... U_K] - [mu_1 U_1 ... mu_K U_K].
        U_all = precisions_chol.transpose(1, 0, 2).reshape(n_features, n_components * n_features)
        shift = np.einsum("kd,kde->ke", means, precisions_chol).reshape(-1)
        Y = X @ U_all
        Y -= shift
        Y *= Y
        # Sum each block of D columns with one more matmul (faster than a small-axis reduce).
        blocks = np.repeat(np.eye(n_components), n_features, axis=0)
        mahalanobis = Y @ blocks
    elif covariance_type == "tied":
        log_det = np.full(n_components, np.log(np.diag(precisions_chol)).sum())
        Y = X @ precisions_chol
        M = means @ precisions_chol
        mahalanobis = (Y * Y).sum(axis=1)[:, None] - 2.0 * (Y @ M.T) + (M * M).sum(axis=1)[None, :]
    elif covariance_type == "diag":
        log_det = np.log(precisions_chol).sum(axis=1)
        P = precisions_chol**2
        mahalanobis = (
            (X * X) @ P.T - 2.0 * X @ (means * P).T + ((means**2) * P).sum(axis=1)[None, :]
        )
    else:
        log_det = n_features * np.log(precisions_chol)
        P = precisions_chol**2
        mahalanobis = (
            (X * X).sum(axis=1)[:, None] * P[None, :]
            - 2.0 * (X @ means.T) * P[None, :]
            + ((means**2).sum(axis=1) * P)[None, :]
        )
    return -0.5 * (n_features * math.log(2 * math.pi) + mahalanobis) + log_det


def log_sum_exp(A: np.ndarray) -> np.ndarray:
    """:math:`\\log \\sum_k e^{a_{nk}}` per row, stable by subtracting the row maximum."""
    # Column by column: reductions along a short axis are slow in NumPy.
    top = A[:, 0].copy()
    for k in range(1, A.shape[1]):
        np.maximum(top, A[:, k], out=top)
    top = np.where(np.isfinite(top), top, 0.0)
    return top + np.log(np.exp(A - top[:, None]) @ np.ones(A.shape[1]))


def e_step(
    X: np.ndarray,
    weights: np.ndarray,
    means: np.ndarray,
    precisions_chol: np.ndarray,
    covariance_type: str,
) -> tuple[float, np.ndarray]:
    """Mean log-likelihood and log-responsibilities ``(N, K)`` (MML eq. 11.17)."""
    weighted = log_gaussian_prob(X, means, precisions_chol, covariance_type) + np.log(weights)
    norm = log_sum_exp(weighted)
    return float(norm.mean()), weighted - norm[:, None]


def n_parameters(n_components: int, n_features: int, covariance_type: str) -> int:
    """Number of free parameters, for BIC and AIC.

    >>> n_parameters(2, 3, "full")
    19
    """
    if covariance_type == "full":
        cov = n_components * n_features * (n_features + 1) / 2.0
    elif covariance_type == "diag":
        cov = n_components * n_features
    elif covariance_type == "tied":
        cov = n_features * (n_features + 1) / 2.0
    else:
        cov = n_components
    return int(cov + n_features * n_components + n_components - 1)
