"""K-means clustering: Lloyd's algorithm with k-means++ seeding (MML book §11.1, Example 11.x).

K-means minimises the within-cluster sum of squares (the *inertia*)

.. math:: J = \\sum_{i=1}^n w_i \\min_k \\lVert x_i - \\mu_k \\rVert^2 ,

alternating an assignment step (each point to its nearest centre) and an update
step (each centre to the weighted mean of its points). It is the hard-assignment
limit of EM for a Gaussian mixture with shared spherical covariance.

Examples
--------
>>> import numpy as np
>>> from mml.models import KMeans
>>> X = np.array([[1.0, 2.0], [1.0, 4.0], [1.0, 0.0], [10.0, 2.0], [10.0, 4.0], [10.0, 0.0]])
>>> model = KMeans(n_clusters=2, random_state=0).fit(X)
>>> sorted(model.cluster_centers_.tolist())
[[1.0, 2.0], [10.0, 2.0]]
>>> float(model.inertia_)
16.0
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from mml.errors import DomainError, ShapeError
from mml.models._base import BaseEstimator, ClusterMixin, TransformerMixin
from mml.models._validation import (
    check_array,
    check_is_fitted,
    check_n_features,
    check_random_state,
    check_sample_weight,
)

__all__ = ["KMeans", "kmeans_plusplus", "squared_distances"]


def squared_distances(X: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """Squared Euclidean distances ``D[i, k] = ||x_i - c_k||^2``, shape ``(n, K)``.

    Uses :math:`\\lVert x\\rVert^2 - 2 x^\\top c + \\lVert c\\rVert^2` so the bulk is one
    matrix product; tiny negative values from cancellation are clipped to zero.

    Examples
    --------
    >>> squared_distances(np.array([[0.0, 0.0], [3.0, 4.0]]), np.array([[0.0, 0.0]]))
    array([[ 0.],
           [25.]])
    """
    D = X @ centers.T
    D *= -2.0
    D += np.einsum("ij,ij->i", X, X)[:, None]
    D += np.einsum("ij,ij->i", centers, centers)[None, :]
    np.maximum(D, 0.0, out=D)
    return D


def kmeans_plusplus(
    X: Any,
    n_clusters: int,
    *,
    sample_weight: Any = None,
    random_state: Any = None,
    n_local_trials: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Greedy k-means++ seeding (Arthur & Vassilvitskii 2007), as in scikit-learn.

    The first centre is drawn with probability proportional to the weights; each
    next one from ``2 + log(k)`` candidates drawn with probability proportional to
    :math:`w_i D(x_i)^2`, keeping the candidate that lowers the potential most.

    Returns
    -------
    centers : ndarray of shape (n_clusters, n_features)
    indices : ndarray of shape (n_clusters,)
        The rows of ``X`` chosen as centres.

    Raises
    ------
    DomainError
        If ``n_clusters`` exceeds the number of samples.

    Examples
    --------
    >>> centers, indices = kmeans_plusplus(np.eye(3), 2, random_state=0)
    >>> centers.shape
    (2, 3)
    """
    X = check_array(X)
    n_samples = X.shape[0]
    if not 1 <= n_clusters <= n_samples:
        raise DomainError(f"n_samples={n_samples} should be >= n_clusters={n_clusters}.")
    weights = check_sample_weight(sample_weight, n_samples)
    rng = check_random_state(random_state)
    if n_local_trials is None:
        n_local_trials = 2 + int(math.log(n_clusters))
    indices = np.empty(n_clusters, dtype=np.int64)
    indices[0] = rng.choice(n_samples, p=weights / weights.sum())
    closest = squared_distances(X, X[indices[:1]])[:, 0]
    potential = float(weights @ closest)
    for c in range(1, n_clusters):
        draws = rng.uniform(size=n_local_trials) * potential
        candidates = np.searchsorted(np.cumsum(weights * closest), draws)
        np.clip(candidates, None, n_samples - 1, out=candidates)
        to_candidates = np.minimum(closest[:, None], squared_distances(X, X[candidates]))
        potentials = weights @ to_candidates
        best = int(np.argmin(potentials))
        indices[c] = candidates[best]
        closest, potential = to_candidates[:, best], float(potentials[best])
    return X[indices].copy(), indices


def _assign(
    X: np.ndarray, x_norms: np.ndarray, centers: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Nearest centre of each row and the squared distance to it.

    Uses :math:`\\lVert x - c\\rVert^2 = \\lVert x\\rVert^2 - 2x^\\top c + \\lVert c\\rVert^2`;
    the minimum over the K centres is a running comparison of K contiguous rows, which is
    faster than ``argmin`` along a short axis.
    """
    scores = (-2.0 * centers) @ X.T  # (K, N), contiguous rows
    scores += np.einsum("ij,ij->i", centers, centers)[:, None]
    labels = np.zeros(X.shape[0], dtype=np.intp)
    best = scores[0].copy()
    for k in range(1, centers.shape[0]):
        closer = scores[k] < best
        labels[closer] = k
        np.minimum(best, scores[k], out=best)
    best += x_norms
    np.maximum(best, 0.0, out=best)
    return labels, best


def _lloyd(
    X: np.ndarray, weights: np.ndarray, centers: np.ndarray, max_iter: int, tol: float
) -> tuple[np.ndarray, np.ndarray, float, int]:
    """Run Lloyd iterations from ``centers``; return (labels, centers, inertia, n_iter)."""
    n_clusters = centers.shape[0]
    x_norms = np.einsum("ij,ij->i", X, X)
    unweighted = bool(np.all(weights == 1.0))
    cluster_ids = np.arange(n_clusters)[:, None]
    labels = None
    n_iter = 0
    for n_iter in range(1, max_iter + 1):  # noqa: B007 - n_iter is reported
        new_labels, distances = _assign(X, x_norms, centers)
        # Update step: weighted mean of the points of each cluster (one matmul).
        membership = (new_labels == cluster_ids).astype(np.float64)  # (K, N)
        if not unweighted:
            membership *= weights
        mass = membership.sum(axis=1)
        new_centers = membership @ X
        empty = mass == 0
        if empty.any():
            # Relocate empty clusters to the points farthest from their centre.
            far = np.argsort(-distances)[: int(empty.sum())]
            new_centers[empty] = X[far]
            mass[empty] = 1.0
        new_centers /= mass[:, None]
        shift = float(((new_centers - centers) ** 2).sum())
        centers = new_centers
        if labels is not None and np.array_equal(labels, new_labels):
            labels = new_labels
            break
        labels = new_labels
        if shift <= tol:
            break
    labels, distances = _assign(X, x_norms, centers)
    inertia = float(weights @ distances)
    return labels, centers, inertia, n_iter


class KMeans(ClusterMixin, TransformerMixin, BaseEstimator):
    """K-means clustering (Lloyd's algorithm) with k-means++ initialisation.

    Parameters
    ----------
    n_clusters : int, default=8
    init : {"k-means++", "random"} or ndarray of shape (n_clusters, n_features)
    n_init : int or "auto", default="auto"
        Number of restarts; the run with the lowest inertia is kept. "auto" is 1
        for k-means++ and 10 otherwise.
    max_iter : int, default=300
    tol : float, default=1e-4
        Relative tolerance: stop when the squared shift of the centres falls below
        ``tol`` times the mean feature variance.
    random_state : int, RandomState or None

    Attributes
    ----------
    cluster_centers_ : ndarray of shape (n_clusters, n_features)
    labels_ : ndarray of shape (n_samples,)
    inertia_ : float
        :math:`\\sum_i w_i \\lVert x_i - \\mu_{z_i}\\rVert^2`.
    n_iter_ : int
    n_features_in_ : int

    Raises
    ------
    DomainError
        ``n_clusters`` larger than the number of samples, or invalid parameters.

    Examples
    --------
    >>> X = np.array([[0.0], [0.1], [5.0], [5.1]])
    >>> KMeans(n_clusters=2, random_state=1).fit(X).predict([[0.05], [4.9]]).tolist() in (
    ...     [0, 1], [1, 0])
    True
    """

    def __init__(
        self,
        n_clusters: int = 8,
        *,
        init: Any = "k-means++",
        n_init: Any = "auto",
        max_iter: int = 300,
        tol: float = 1e-4,
        random_state: Any = None,
    ) -> None:
        self.n_clusters = n_clusters
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def _initial_centers(self, X: np.ndarray, weights: np.ndarray, rng: Any) -> np.ndarray:
        if isinstance(self.init, str):
            if self.init == "k-means++":
                return kmeans_plusplus(X, self.n_clusters, sample_weight=weights, random_state=rng)[
                    0
                ]
            if self.init == "random":
                chosen = rng.choice(
                    X.shape[0], self.n_clusters, replace=False, p=weights / weights.sum()
                )
                return X[chosen].copy()
            raise DomainError(f"init must be 'k-means++', 'random' or an array, got {self.init!r}.")
        centers = check_array(self.init, input_name="init")
        if centers.shape != (self.n_clusters, X.shape[1]):
            raise ShapeError(
                f"init has shape {centers.shape}, expected ({self.n_clusters}, {X.shape[1]})."
            )
        return centers.copy()

    def fit(self, X: Any, y: Any = None, sample_weight: Any = None) -> KMeans:
        """Cluster ``X`` of shape ``(n_samples, n_features)``; returns ``self``."""
        X = check_array(X)
        weights = check_sample_weight(sample_weight, X.shape[0])
        self._validate_params_positive(n_clusters=self.n_clusters, max_iter=self.max_iter)
        if self.n_clusters > X.shape[0]:
            raise DomainError(f"n_samples={X.shape[0]} should be >= n_clusters={self.n_clusters}.")
        if self.n_init == "auto":
            n_init = 1 if isinstance(self.init, str) and self.init == "k-means++" else 10
        else:
            n_init = int(self.n_init)
            self._validate_params_positive(n_init=n_init)
        if not isinstance(self.init, str):
            n_init = 1
        rng = check_random_state(self.random_state)
        tol = float(np.mean(np.var(X, axis=0))) * self.tol if self.tol > 0 else 0.0
        best = None
        for _ in range(n_init):
            centers = self._initial_centers(X, weights, rng)
            run = _lloyd(X, weights, centers, self.max_iter, tol)
            if best is None or run[2] < best[2]:
                best = run
        self.labels_, self.cluster_centers_, self.inertia_, self.n_iter_ = best
        self.n_features_in_ = X.shape[1]
        return self

    def _checked(self, X: Any) -> np.ndarray:
        check_is_fitted(self)
        X = check_array(X)
        check_n_features(self, X)
        return X

    def predict(self, X: Any) -> np.ndarray:
        """Index of the nearest centre for each row of ``X``."""
        X = self._checked(X)
        return np.argmin(squared_distances(X, self.cluster_centers_), axis=1)

    def transform(self, X: Any) -> np.ndarray:
        """Euclidean distances to every centre, shape ``(n_samples, n_clusters)``."""
        X = self._checked(X)
        return np.sqrt(squared_distances(X, self.cluster_centers_))

    def score(self, X: Any, y: Any = None, sample_weight: Any = None) -> float:
        """Minus the inertia of ``X`` with respect to the fitted centres."""
        X = self._checked(X)
        weights = check_sample_weight(sample_weight, X.shape[0])
        return -float(weights @ squared_distances(X, self.cluster_centers_).min(axis=1))
