"""Probabilistic PCA, the latent-variable view of PCA (MML book §10.7; Tipping & Bishop 1999).

Generative model: :math:`z \\sim \\mathcal N(0, I_M)`,
:math:`x = Wz + \\mu + \\epsilon`, :math:`\\epsilon \\sim \\mathcal N(0, \\sigma^2 I_D)`, so
:math:`p(x) = \\mathcal N(\\mu, C)` with :math:`C = WW^\\top + \\sigma^2 I` (eq. 10.76).

Maximum-likelihood solution from the eigendecomposition of the (1/N) sample
covariance, eigenvalues :math:`\\lambda_1 \\ge \\dots \\ge \\lambda_D`:

.. math:: \\sigma^2 = \\frac{1}{D-M}\\sum_{j>M}\\lambda_j, \\qquad
   W = U_M(\\Lambda_M - \\sigma^2 I)^{1/2}.

The posterior over the latent code (eq. 10.80) has mean
:math:`(W^\\top W + \\sigma^2 I)^{-1} W^\\top (x - \\mu)` and covariance
:math:`\\sigma^2 (W^\\top W + \\sigma^2 I)^{-1}`.

Examples
--------
>>> import numpy as np
>>> from mml.models import ProbabilisticPCA
>>> rng = np.random.RandomState(0)
>>> X = rng.normal(size=(500, 1)) @ np.array([[3.0, 1.0, 0.0]]) + 0.1 * rng.normal(size=(500, 3))
>>> ppca = ProbabilisticPCA(n_components=1).fit(X)
>>> round(ppca.noise_variance_, 2)
0.01
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from mml.errors import DomainError
from mml.models._base import BaseEstimator, TransformerMixin
from mml.models._validation import (
    check_array,
    check_is_fitted,
    check_n_features,
    check_random_state,
)
from mml.models.pca import flip_signs, principal_axes

__all__ = ["ProbabilisticPCA"]


class ProbabilisticPCA(TransformerMixin, BaseEstimator):
    """Maximum-likelihood probabilistic PCA with ``n_components < n_features``.

    Parameters
    ----------
    n_components : int, default=1
    random_state : int, RandomState or None
        Used by :meth:`sample`.

    Attributes
    ----------
    W_ : ndarray of shape (n_features, n_components)
        The factor loadings :math:`W`.
    components_ : ndarray of shape (n_components, n_features)
        Orthonormal principal directions :math:`U_M^\\top`.
    explained_variance_ : ndarray of shape (n_components,)
        :math:`\\lambda_1, \\dots, \\lambda_M` (maximum-likelihood, divided by N).
    noise_variance_ : float
        :math:`\\sigma^2`.
    mean_ : ndarray of shape (n_features,)
    n_features_in_ : int

    Raises
    ------
    DomainError
        ``n_components`` not in ``[1, min(n_samples, n_features - 1)]``.
    """

    def __init__(self, n_components: int = 1, *, random_state: Any = None) -> None:
        self.n_components = n_components
        self.random_state = random_state

    def fit(self, X: Any, y: Any = None) -> ProbabilisticPCA:
        """Closed-form maximum-likelihood estimates of :math:`\\mu, W, \\sigma^2`."""
        X = check_array(X, ensure_min_samples=2, ensure_min_features=2)
        n, d = X.shape
        M = self.n_components
        if not isinstance(M, (int, np.integer)) or not 1 <= M <= min(n, d - 1):
            raise DomainError(
                f"n_components must be an integer in [1, min(n_samples, n_features - 1)] = "
                f"[1, {min(n, d - 1)}], got {M!r}."
            )
        self.mean_ = X.mean(axis=0)
        s, Vt = principal_axes(X - self.mean_, "full")
        Vt = flip_signs(Vt)
        eigenvalues = np.zeros(d)
        eigenvalues[: s.size] = s**2 / n
        sigma2 = float(eigenvalues[M:].mean())
        self.noise_variance_ = max(sigma2, np.finfo(np.float64).tiny)
        self.explained_variance_ = eigenvalues[:M]
        self.components_ = Vt[:M]
        scale = np.sqrt(np.maximum(self.explained_variance_ - self.noise_variance_, 0.0))
        self.W_ = self.components_.T * scale
        self.n_features_in_ = d
        return self

    def _checked(self, X: Any) -> np.ndarray:
        check_is_fitted(self)
        X = check_array(X)
        check_n_features(self, X)
        return X

    def get_covariance(self) -> np.ndarray:
        """:math:`C = WW^\\top + \\sigma^2 I`, shape ``(n_features, n_features)``."""
        check_is_fitted(self)
        C = self.W_ @ self.W_.T
        C[np.diag_indices_from(C)] += self.noise_variance_
        return C

    def transform(self, X: Any) -> np.ndarray:
        """Posterior means :math:`E[z|x] = (W^\\top W + \\sigma^2 I)^{-1} W^\\top (x-\\mu)`."""
        from mml.linalg import solve

        X = self._checked(X)
        M = self.W_.T @ self.W_
        M[np.diag_indices_from(M)] += self.noise_variance_
        return solve(M, self.W_.T @ (X - self.mean_).T).T

    def inverse_transform(self, Z: Any) -> np.ndarray:
        """Mean of :math:`p(x|z)`: :math:`Wz + \\mu`."""
        check_is_fitted(self)
        Z = check_array(Z)
        return Z @ self.W_.T + self.mean_

    def score_samples(self, X: Any) -> np.ndarray:
        """:math:`\\log \\mathcal N(x_n | \\mu, C)` for each row (eq. 10.77)."""
        from mml.linalg import cho_solve, cholesky

        X = self._checked(X)
        L = cholesky(self.get_covariance())
        Xr = X - self.mean_
        mahalanobis = np.sum(Xr * cho_solve((L, True), Xr.T).T, axis=1)
        log_det = 2.0 * np.log(np.diag(L)).sum()
        return -0.5 * (mahalanobis + X.shape[1] * math.log(2 * math.pi) + log_det)

    def score(self, X: Any, y: Any = None) -> float:
        """Average log-likelihood."""
        return float(self.score_samples(X).mean())

    def sample(self, n_samples: int = 1) -> np.ndarray:
        """Draw :math:`x = Wz + \\mu + \\epsilon` from the generative model, ``(n, D)``.

        Raises
        ------
        DomainError
            If ``n_samples < 1``.
        """
        check_is_fitted(self)
        if n_samples < 1:
            raise DomainError(f"n_samples must be >= 1, got {n_samples}.")
        rng = check_random_state(self.random_state)
        z = rng.standard_normal(size=(n_samples, self.W_.shape[1]))
        noise = rng.standard_normal(size=(n_samples, self.W_.shape[0]))
        return z @ self.W_.T + self.mean_ + math.sqrt(self.noise_variance_) * noise
