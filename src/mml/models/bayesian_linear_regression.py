"""Bayesian linear regression with a Gaussian prior (MML book §9.3).

Prior :math:`\\theta \\sim \\mathcal N(0, \\alpha^{-1} I)`, likelihood
:math:`y \\mid X, \\theta \\sim \\mathcal N(X\\theta, \\beta^{-1} I)` (here
:math:`\\alpha^{-1}` is ``prior_variance`` and :math:`\\beta^{-1}` is ``noise_variance``).

- Posterior (eq. 9.43): :math:`S_N = (\\alpha I + \\beta X^\\top X)^{-1}`,
  :math:`m_N = \\beta S_N X^\\top y`, computed from one Cholesky factorisation of
  :math:`A = S_N^{-1}`.
- Predictive distribution (eq. 9.57): mean :math:`x_*^\\top m_N`, variance
  :math:`x_*^\\top S_N x_* + \\beta^{-1}`.
- Log marginal likelihood (evidence, §9.3.5):
  :math:`\\log p(y) = \\tfrac D2\\log\\alpha + \\tfrac N2\\log\\beta - \\tfrac\\beta2\\lVert y - Xm_N\\rVert^2
  - \\tfrac\\alpha2\\lVert m_N\\rVert^2 - \\tfrac12\\log|A| - \\tfrac N2\\log 2\\pi`.

With ``optimize_hyperparameters`` the evidence is maximised over :math:`\\alpha, \\beta`
by MacKay's fixed-point updates, :math:`\\gamma = \\sum_i \\lambda_i/(\\alpha+\\lambda_i)`,
:math:`\\alpha = \\gamma/\\lVert m_N\\rVert^2`,
:math:`\\beta^{-1} = \\lVert y - X m_N\\rVert^2/(N-\\gamma)` (the empirical-Bayes
estimate of scikit-learn's ``BayesianRidge``). With ``fit_intercept`` the data are
centred, so the intercept is not part of the prior.

Examples
--------
>>> import numpy as np
>>> from mml.models import BayesianLinearRegression
>>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
>>> y = np.array([0.1, 0.9, 2.1, 2.9])
>>> model = BayesianLinearRegression(prior_variance=10.0, noise_variance=0.01).fit(X, y)
>>> mean, std = model.predict([[4.0]], return_std=True)
>>> round(float(mean[0]), 2), bool(std[0] > 0.1)
(3.9, True)
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from mml.errors import DomainError
from mml.models._base import BaseEstimator, RegressorMixin
from mml.models._validation import (
    check_array,
    check_is_fitted,
    check_n_features,
    check_random_state,
    check_sample_weight,
    check_X_y,
)

__all__ = ["BayesianLinearRegression", "posterior"]


def posterior(
    X: np.ndarray, y: np.ndarray, prior_precision: float, noise_precision: float
) -> tuple[np.ndarray, np.ndarray, float]:
    """Posterior mean ``m_N`` (D,), covariance ``S_N`` (D, D) and log-evidence.

    Raises
    ------
    NotPositiveDefiniteError
        If :math:`\\alpha I + \\beta X^\\top X` is not positive definite (``alpha == 0``
        with rank-deficient ``X``).

    Examples
    --------
    >>> m, S, _ = posterior(np.eye(2), np.array([1.0, 2.0]), 1.0, 1.0)
    >>> m.round(12).tolist(), S.round(12).tolist()
    ([0.5, 1.0], [[0.5, 0.0], [0.0, 0.5]])
    """
    from mml.linalg import cho_solve, cholesky

    n, d = X.shape
    A = noise_precision * (X.T @ X)
    A[np.diag_indices_from(A)] += prior_precision
    L = cholesky(A)
    mean = cho_solve((L, True), noise_precision * (X.T @ y))
    covariance = cho_solve((L, True), np.eye(d))
    residual = y - X @ mean
    log_det_A = 2.0 * np.log(np.diag(L)).sum()
    evidence = (
        0.5 * d * math.log(prior_precision)
        + 0.5 * n * math.log(noise_precision)
        - 0.5 * noise_precision * float(residual @ residual)
        - 0.5 * prior_precision * float(mean @ mean)
        - 0.5 * log_det_A
        - 0.5 * n * math.log(2 * math.pi)
    )
    return mean, covariance, evidence


class BayesianLinearRegression(RegressorMixin, BaseEstimator):
    """Bayesian linear regression: Gaussian posterior over weights and predictive variance.

    Parameters
    ----------
    prior_variance : float, default=1.0
        :math:`\\alpha^{-1}`, the prior variance of each weight.
    noise_variance : float, default=1.0
        :math:`\\beta^{-1}`, the variance of the observation noise.
    fit_intercept : bool, default=True
    optimize_hyperparameters : bool, default=False
        Maximise the evidence over both variances (type-II maximum likelihood).
    max_iter : int, default=300
    tol : float, default=1e-6
        Stop the fixed-point iteration when the weights change by less than this.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
        The posterior mean :math:`m_N`.
    posterior_covariance_ : ndarray of shape (n_features, n_features)
        :math:`S_N` (scikit-learn's ``sigma_``).
    intercept_ : float
    prior_variance_, noise_variance_ : float
        The values used (optimised if asked).
    log_marginal_likelihood_ : float
    n_iter_ : int
    n_features_in_ : int

    Raises
    ------
    DomainError
        Non-positive variances.
    """

    def __init__(
        self,
        *,
        prior_variance: float = 1.0,
        noise_variance: float = 1.0,
        fit_intercept: bool = True,
        optimize_hyperparameters: bool = False,
        max_iter: int = 300,
        tol: float = 1e-6,
    ) -> None:
        self.prior_variance = prior_variance
        self.noise_variance = noise_variance
        self.fit_intercept = fit_intercept
        self.optimize_hyperparameters = optimize_hyperparameters
        self.max_iter = max_iter
        self.tol = tol

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> BayesianLinearRegression:
        """Compute the posterior over the weights; returns ``self``."""
        from mml.linalg import eigvalsh

        X, y = check_X_y(X, y, y_numeric=True)
        self._validate_params_positive(
            prior_variance=self.prior_variance,
            noise_variance=self.noise_variance,
            max_iter=self.max_iter,
        )
        weights = check_sample_weight(sample_weight, X.shape[0])
        n = X.shape[0]
        if self.fit_intercept:
            x_mean, y_mean = (weights @ X) / weights.sum(), float(weights @ y / weights.sum())
            Xc, yc = X - x_mean, y - y_mean
        else:
            x_mean, y_mean, Xc, yc = np.zeros(X.shape[1]), 0.0, X, y
        root = np.sqrt(weights)
        Xc, yc = Xc * root[:, None], yc * root
        alpha, beta = 1.0 / self.prior_variance, 1.0 / self.noise_variance
        mean, covariance, evidence = posterior(Xc, yc, alpha, beta)
        self.n_iter_ = 1
        if self.optimize_hyperparameters:
            eigenvalues = np.maximum(eigvalsh(Xc.T @ Xc), 0.0)
            for iteration in range(1, self.max_iter + 1):
                self.n_iter_ = iteration
                gamma = float(np.sum(beta * eigenvalues / (alpha + beta * eigenvalues)))
                residual = yc - Xc @ mean
                alpha = gamma / max(float(mean @ mean), np.finfo(float).tiny)
                beta = max(n - gamma, np.finfo(float).eps) / max(
                    float(residual @ residual), np.finfo(float).tiny
                )
                previous = mean
                mean, covariance, evidence = posterior(Xc, yc, alpha, beta)
                if np.max(np.abs(mean - previous)) < self.tol:
                    break
        self.coef_ = mean
        self.x_mean_ = x_mean
        self.posterior_covariance_ = covariance
        self.intercept_ = y_mean - float(x_mean @ mean) if self.fit_intercept else 0.0
        self.prior_variance_, self.noise_variance_ = 1.0 / alpha, 1.0 / beta
        self.log_marginal_likelihood_ = evidence
        self.n_features_in_ = X.shape[1]
        return self

    def predict(self, X: Any, return_std: bool = False) -> Any:
        """Predictive mean, and with ``return_std`` its standard deviation (eq. 9.57).

        The standard deviation includes the noise:
        :math:`\\sqrt{(x-\\bar x)^\\top S_N (x-\\bar x) + \\beta^{-1}}` (:math:`\\bar x = 0`
        without intercept).
        """
        check_is_fitted(self)
        X = check_array(X)
        check_n_features(self, X)
        mean = X @ self.coef_ + self.intercept_
        if not return_std:
            return mean
        # Prediction = y_mean + (x - x_mean)^T theta: only the centred part is uncertain.
        Xc = X - self.x_mean_
        variance = np.sum((Xc @ self.posterior_covariance_) * Xc, axis=1) + self.noise_variance_
        return mean, np.sqrt(variance)

    def sample_weights(self, n_samples: int = 1, random_state: Any = None) -> np.ndarray:
        """Draw weight vectors from the posterior (for plotting functions from it), ``(n, D)``.

        Raises
        ------
        DomainError
            If ``n_samples < 1``.
        """
        from mml.linalg import cholesky

        check_is_fitted(self)
        if n_samples < 1:
            raise DomainError(f"n_samples must be >= 1, got {n_samples}.")
        rng = check_random_state(random_state)
        L = cholesky(self.posterior_covariance_)
        z = rng.standard_normal(size=(n_samples, self.coef_.shape[0]))
        return self.coef_ + z @ L.T
