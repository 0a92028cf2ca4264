"""Gaussian mixture model fitted by expectation maximisation (MML book ch. 11).

The model is :math:`p(x) = \\sum_{k=1}^K \\pi_k \\mathcal N(x | \\mu_k, \\Sigma_k)`.
EM alternates the E-step and M-step of :mod:`mml.models.mixture_em` until the mean
log-likelihood improves by less than ``tol``; each iteration never decreases it
(§11.3). ``history_`` records each iteration for plotting.

Examples
--------
>>> import numpy as np
>>> from mml.models import GaussianMixture
>>> X = np.r_[np.random.RandomState(0).normal(0, 1, (50, 1)),
...           np.random.RandomState(1).normal(8, 1, (50, 1))]
>>> gmm = GaussianMixture(n_components=2, random_state=0).fit(X)
>>> sorted(gmm.means_.ravel().round(0).tolist())
[0.0, 8.0]
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np

from mml.errors import DomainError, ShapeError
from mml.models._base import BaseEstimator, DensityMixin
from mml.models._sklearn_compat import interoperable_warning
from mml.models._validation import (
    ConvergenceWarning,
    check_array,
    check_is_fitted,
    check_n_features,
    check_random_state,
)
from mml.models.mixture_em import (
    e_step,
    log_gaussian_prob,
    log_sum_exp,
    m_step,
    n_parameters,
    precision_cholesky,
)

__all__ = ["GaussianMixture", "ConvergenceWarning"]

_COVARIANCE_TYPES = ("full", "tied", "diag", "spherical")
_INIT_PARAMS = ("kmeans", "k-means++", "random", "random_from_data")


class GaussianMixture(DensityMixin, BaseEstimator):
    """Gaussian mixture fitted by EM, with scikit-learn's interface.

    Parameters
    ----------
    n_components : int, default=1
    covariance_type : {"full", "tied", "diag", "spherical"}, default="full"
    tol : float, default=1e-3
        Stop when the mean log-likelihood improves by less than this.
    reg_covar : float, default=1e-6
        Added to the diagonal of every covariance, keeping it positive definite.
    max_iter : int, default=100
    n_init : int, default=1
        Restarts; the run with the highest final log-likelihood is kept.
    init_params : {"kmeans", "k-means++", "random", "random_from_data"}
        How the first responsibilities are chosen: K-means labels, k-means++ seeds,
        random responsibilities, or random data points.
    weights_init, means_init, precisions_init : array or None
        Fixed initial parameters (they override ``init_params``).
    random_state : int, RandomState or None
    warm_start : bool, default=False
        Start from the previous solution on a repeated ``fit``.
    verbose, verbose_interval : int
        Kept for compatibility.
    record_covariances : bool, default=False
        Also store the covariances of every iteration in ``history_``.

    Attributes
    ----------
    weights_ : ndarray of shape (n_components,)
    means_ : ndarray of shape (n_components, n_features)
    covariances_, precisions_, precisions_cholesky_ : ndarray
        Shapes depend on ``covariance_type``.
    converged_ : bool
    n_iter_ : int
    lower_bound_ : float
        Final mean log-likelihood of the best run.
    history_ : list of dict
        One entry per iteration of the best run: ``"log_likelihood"`` (mean, after
        the E-step), ``"weights"``, ``"means"`` (and ``"covariances"``) after the M-step.
    n_features_in_ : int
    """

    def __init__(
        self,
        n_components: int = 1,
        *,
        covariance_type: str = "full",
        tol: float = 1e-3,
        reg_covar: float = 1e-6,
        max_iter: int = 100,
        n_init: int = 1,
        init_params: str = "kmeans",
        weights_init: Any = None,
        means_init: Any = None,
        precisions_init: Any = None,
        random_state: Any = None,
        warm_start: bool = False,
        verbose: int = 0,
        verbose_interval: int = 10,
        record_covariances: bool = False,
    ) -> None:
        self.n_components = n_components
        self.covariance_type = covariance_type
        self.tol = tol
        self.reg_covar = reg_covar
        self.max_iter = max_iter
        self.n_init = n_init
        self.init_params = init_params
        self.weights_init = weights_init
        self.means_init = means_init
        self.precisions_init = precisions_init
        self.random_state = random_state
        self.warm_start = warm_start
        self.verbose = verbose
        self.verbose_interval = verbose_interval
        self.record_covariances = record_covariances

    # ------------------------------------------------------------------ checks

    def _check_parameters(self, X: np.ndarray) -> None:
        if self.covariance_type not in _COVARIANCE_TYPES:
            raise DomainError(
                f"covariance_type must be one of {_COVARIANCE_TYPES}, got {self.covariance_type!r}."
            )
        if self.init_params not in _INIT_PARAMS:
            raise DomainError(
                f"init_params must be one of {_INIT_PARAMS}, got {self.init_params!r}."
            )
        self._validate_params_positive(
            n_components=self.n_components, max_iter=self.max_iter, n_init=self.n_init
        )
        if self.tol < 0 or self.reg_covar < 0:
            raise DomainError("tol and reg_covar must be non-negative.")
        if X.shape[0] < self.n_components:
            raise DomainError(
                f"Expected n_samples >= n_components but got n_components = "
                f"{self.n_components}, n_samples = {X.shape[0]}."
            )

    # ---------------------------------------------------------- initialisation

    def _initial_resp(self, X: np.ndarray, rng: np.random.RandomState) -> np.ndarray:
        n, k = X.shape[0], self.n_components
        resp = np.zeros((n, k))
        if self.init_params == "kmeans":
            from mml.models.kmeans import KMeans

            labels = KMeans(n_clusters=k, n_init=1, random_state=rng).fit(X).labels_
            resp[np.arange(n), labels] = 1.0
        elif self.init_params == "k-means++":
            from mml.models.kmeans import kmeans_plusplus

            _, indices = kmeans_plusplus(X, k, random_state=rng)
            resp[indices, np.arange(k)] = 1.0
        elif self.init_params == "random":
            resp = rng.uniform(size=(n, k))
            resp /= resp.sum(axis=1)[:, None]
        else:
            indices = rng.choice(n, size=k, replace=False)
            resp[indices, np.arange(k)] = 1.0
        return resp

    def _initialize(self, X: np.ndarray, rng: np.random.RandomState) -> None:
        if (
            self.weights_init is not None
            and self.means_init is not None
            and (self.precisions_init is not None)
        ):
            weights, means = self._given_weights(), self._given_means(X)
            self._set_from_precisions(weights, means, self._given_precisions(X))
            return
        weights, means, covariances = m_step(
            X, self._initial_resp(X, rng), self.reg_covar, self.covariance_type
        )
        if self.weights_init is not None:
            weights = self._given_weights()
        if self.means_init is not None:
            means = self._given_means(X)
        if self.precisions_init is not None:
            self._set_from_precisions(weights, means, self._given_precisions(X))
            return
        self._set_parameters(weights, means, covariances)

    def _given_weights(self) -> np.ndarray:
        weights = np.asarray(self.weights_init, dtype=np.float64)
        if weights.shape != (self.n_components,):
            raise ShapeError(
                f"weights_init has shape {weights.shape}, expected ({self.n_components},)."
            )
        if np.any(weights < 0) or not np.isclose(weights.sum(), 1.0):
            raise DomainError("weights_init must be non-negative and sum to 1.")
        return weights

    def _given_means(self, X: np.ndarray) -> np.ndarray:
        means = check_array(self.means_init, input_name="means_init")
        if means.shape != (self.n_components, X.shape[1]):
            raise ShapeError(
                f"means_init has shape {means.shape}, expected ({self.n_components}, {X.shape[1]})."
            )
        return means

    def _given_precisions(self, X: np.ndarray) -> np.ndarray:
        return np.asarray(self.precisions_init, dtype=np.float64)

    def _set_from_precisions(self, weights: np.ndarray, means: np.ndarray, P: np.ndarray) -> None:
        from mml.linalg import cholesky, inv

        if self.covariance_type in ("full", "tied"):
            stack = P[None] if self.covariance_type == "tied" else P
            covariances = np.array([inv(p) for p in stack])
            chol = np.array([cholesky(p) for p in stack])  # P = L L^T: L is our U
            if self.covariance_type == "tied":
                covariances, chol = covariances[0], chol[0]
        else:
            covariances, chol = 1.0 / P, np.sqrt(P)
        self.weights_, self.means_, self.covariances_ = weights, means, covariances
        self.precisions_cholesky_ = chol

    def _set_parameters(
        self, weights: np.ndarray, means: np.ndarray, covariances: np.ndarray
    ) -> None:
        self.weights_, self.means_, self.covariances_ = weights, means, covariances
        self.precisions_cholesky_ = precision_cholesky(covariances, self.covariance_type)

    # -------------------------------------------------------------------- fit

    def _snapshot(self, log_likelihood: float) -> dict:
        entry = {
            "log_likelihood": log_likelihood,
            "weights": self.weights_.copy(),
            "means": self.means_.copy(),
        }
        if self.record_covariances:
            entry["covariances"] = self.covariances_.copy()
        return entry

    def fit(self, X: Any, y: Any = None) -> GaussianMixture:
        """Estimate the parameters by EM; returns ``self``.

        Raises
        ------
        DomainError
            Invalid parameters, or fewer samples than components.
        NotPositiveDefiniteError
            A component collapsed (increase ``reg_covar``).
        """
        self.fit_predict(X, y)
        return self

    def fit_predict(self, X: Any, y: Any = None) -> np.ndarray:
        """Fit, then return the most responsible component of each sample."""
        X = check_array(X, ensure_min_samples=2)
        self._check_parameters(X)
        warm = self.warm_start and hasattr(self, "converged_")
        n_init = 1 if warm else self.n_init
        rng = check_random_state(self.random_state)
        best = None
        for _ in range(n_init):
            if not warm:
                self._initialize(X, rng)
            lower_bound = -np.inf if not warm else self.lower_bound_
            history, converged, n_iter = [], False, 0
            for n_iter in range(1, self.max_iter + 1):  # noqa: B007 - n_iter_ is reported
                previous = lower_bound
                lower_bound, log_resp = e_step(
                    X, self.weights_, self.means_, self.precisions_cholesky_, self.covariance_type
                )
                self._set_parameters(
                    *m_step(X, np.exp(log_resp), self.reg_covar, self.covariance_type)
                )
                history.append(self._snapshot(lower_bound))
                if abs(lower_bound - previous) < self.tol:
                    converged = True
                    break
            if best is None or lower_bound > best[0]:
                params = (self.weights_, self.means_, self.covariances_, self.precisions_cholesky_)
                best = (lower_bound, params, history, converged, n_iter)
        lower_bound, params, history, converged, n_iter = best
        self.weights_, self.means_, self.covariances_, self.precisions_cholesky_ = params
        if not converged and self.max_iter > 0:
            warnings.warn(
                f"Best performing initialization did not converge after {n_iter} iterations. "
                "Try different init parameters, or increase max_iter, tol, or check for "
                "degenerate data.",
                interoperable_warning(ConvergenceWarning),
                stacklevel=2,
            )
        self.converged_, self.n_iter_, self.lower_bound_ = converged, n_iter, lower_bound
        self.history_ = history
        self.lower_bounds_ = np.array([h["log_likelihood"] for h in history])
        self.precisions_ = self._precisions()
        self.n_features_in_ = X.shape[1]
        # A final E-step so that fit_predict(X) equals fit(X).predict(X).
        _, log_resp = e_step(
            X, self.weights_, self.means_, self.precisions_cholesky_, self.covariance_type
        )
        return log_resp.argmax(axis=1)

    def _precisions(self) -> np.ndarray:
        U = self.precisions_cholesky_
        if self.covariance_type == "full":
            return np.einsum("kij,klj->kil", U, U)
        if self.covariance_type == "tied":
            return U @ U.T
        return U**2

    # -------------------------------------------------------------- inference

    def _checked(self, X: Any) -> np.ndarray:
        check_is_fitted(self)
        X = check_array(X)
        check_n_features(self, X)
        return X

    def _weighted_log_prob(self, X: np.ndarray) -> np.ndarray:
        log_prob = log_gaussian_prob(
            X, self.means_, self.precisions_cholesky_, self.covariance_type
        )
        return log_prob + np.log(self.weights_)

    def score_samples(self, X: Any) -> np.ndarray:
        """:math:`\\log p(x_n) = \\log\\sum_k \\pi_k \\mathcal N(x_n|\\mu_k,\\Sigma_k)`, shape ``(n,)``."""
        return log_sum_exp(self._weighted_log_prob(self._checked(X)))

    def score(self, X: Any, y: Any = None) -> float:
        """Mean log-likelihood of the rows of ``X``."""
        return float(self.score_samples(X).mean())

    def predict_proba(self, X: Any) -> np.ndarray:
        """Responsibilities :math:`r_{nk}` (eq. 11.17), shape ``(n, K)``; rows sum to 1."""
        weighted = self._weighted_log_prob(self._checked(X))
        return np.exp(weighted - log_sum_exp(weighted)[:, None])

    def predict(self, X: Any) -> np.ndarray:
        """The component with the largest responsibility for each row."""
        return self._weighted_log_prob(self._checked(X)).argmax(axis=1)

    def bic(self, X: Any) -> float:
        """Bayesian information criterion :math:`-2\\log L + p \\log N` (lower is better, §8.6)."""
        X = self._checked(X)
        p = n_parameters(self.n_components, X.shape[1], self.covariance_type)
        return -2 * self.score(X) * X.shape[0] + p * math.log(X.shape[0])

    def aic(self, X: Any) -> float:
        """Akaike information criterion :math:`-2\\log L + 2p` (lower is better, §8.6)."""
        X = self._checked(X)
        p = n_parameters(self.n_components, X.shape[1], self.covariance_type)
        return -2 * self.score(X) * X.shape[0] + 2 * p

    def sample(self, n_samples: int = 1) -> tuple[np.ndarray, np.ndarray]:
        """Draw ``n_samples`` points: a component from :math:`\\pi`, then :math:`\\mu_k + L_k z`.

        Returns
        -------
        X : ndarray of shape (n_samples, n_features)
        y : ndarray of shape (n_samples,)
            The component of each point (sorted, as in scikit-learn).

        Raises
        ------
        DomainError
            If ``n_samples < 1``.
        """
        from mml.linalg import cholesky

        check_is_fitted(self)
        if n_samples < 1:
            raise DomainError(f"Invalid value for 'n_samples': {n_samples}. It must be >= 1.")
        rng = check_random_state(self.random_state)
        counts = rng.multinomial(n_samples, self.weights_)
        d = self.means_.shape[1]
        parts = []
        for k, count in enumerate(counts):
            z = rng.standard_normal(size=(count, d))
            if self.covariance_type == "full":
                z = z @ cholesky(self.covariances_[k]).T
            elif self.covariance_type == "tied":
                z = z @ cholesky(self.covariances_).T
            elif self.covariance_type == "diag":
                z = z * np.sqrt(self.covariances_[k])
            else:
                z = z * np.sqrt(self.covariances_[k])
            parts.append(self.means_[k] + z)
        y = np.repeat(np.arange(self.n_components), counts)
        return np.vstack(parts), y
