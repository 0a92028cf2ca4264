"""Principal component analysis (MML book ch. 10).

For centred data :math:`\\bar X = X - \\mathbf 1 \\mu^\\top` with SVD
:math:`\\bar X = U S V^\\top`, the principal directions are the rows of
:math:`V^\\top` and the variance along direction :math:`k` is
:math:`\\lambda_k = s_k^2/(N-1)`, the eigenvalues of the sample covariance
(§10.2, the maximum-variance view). Projecting onto the first :math:`M` directions
minimises the average squared reconstruction error (§10.3).

Solvers (``svd_solver``):

- ``"full"``: exact, from the R factor of a QR of :math:`\\bar X` and the SVD of
  :math:`R` (:math:`\\bar X = Q R = (Q U_R) S V^\\top`), so only a ``D x D``
  matrix is decomposed;
- ``"covariance_eigh"``: eigendecomposition of :math:`\\bar X^\\top \\bar X`
  (``D x D``), best for tall data;
- ``"gram"``: the high-dimensional trick of §10.5, eigendecomposition of the
  ``N x N`` Gram matrix :math:`\\bar X \\bar X^\\top = U S^2 U^\\top`, then
  :math:`V = \\bar X^\\top U S^{-1}`, best when :math:`D \\gg N`;
- ``"randomized"``: Halko–Martinsson–Tropp, via :func:`mml.linalg.randomized_svd`;
- ``"auto"``: as scikit-learn (``covariance_eigh`` for tall data, ``randomized``
  for large data and few components, ``full`` otherwise), and ``gram`` for wide data.

Signs follow scikit-learn: the largest entry (in absolute value) of each component
is positive.

Examples
--------
>>> import numpy as np
>>> from mml.models import PCA
>>> X = np.array([[-1.0, -1.0], [-2.0, -1.0], [-3.0, -2.0], [1.0, 1.0], [2.0, 1.0], [3.0, 2.0]])
>>> pca = PCA(n_components=2).fit(X)
>>> pca.explained_variance_ratio_.round(5).tolist()
[0.99244, 0.00756]
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np

from mml.errors import DomainError, ShapeError
from mml.models._base import BaseEstimator, TransformerMixin
from mml.models._validation import check_array, check_is_fitted, check_n_features

__all__ = ["PCA", "flip_signs"]

_SOLVERS = ("auto", "full", "covariance_eigh", "gram", "randomized")


def flip_signs(Vt: np.ndarray) -> np.ndarray:
    """Make the largest-magnitude entry of each row of ``Vt`` positive (scikit-learn's ``svd_flip``).

    Examples
    --------
    >>> flip_signs(np.array([[0.6, -0.8], [0.8, 0.6]])).tolist()
    [[-0.6, 0.8], [0.8, 0.6]]
    """
    if Vt.size == 0:
        return Vt
    largest = np.argmax(np.abs(Vt), axis=1)
    signs = np.sign(Vt[np.arange(Vt.shape[0]), largest])
    signs[signs == 0] = 1.0
    return Vt * signs[:, None]


def _eigh_descending(M: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    from mml.linalg import eigh

    values, vectors = eigh(M)
    order = np.argsort(values)[::-1]
    return np.maximum(values[order], 0.0), vectors[:, order]


def principal_axes(Xc: np.ndarray, solver: str) -> tuple[np.ndarray, np.ndarray]:
    """Singular values ``s`` (descending) and right singular vectors ``Vt`` of centred ``Xc``.

    ``solver`` is ``"full"``, ``"covariance_eigh"`` or ``"gram"`` (see the module notes);
    all return ``min(N, D)`` components.

    Examples
    --------
    >>> s, Vt = principal_axes(np.array([[1.0, 0.0], [-1.0, 0.0]]), "gram")
    >>> s.round(12).tolist()
    [1.414213562373, 0.0]
    """
    from mml.linalg import qr, svd

    n, d = Xc.shape
    k = min(n, d)
    if solver == "full":
        R = qr(Xc, mode="r") if n > d else Xc
        _, s, Vt = svd(R, full_matrices=False)
        return s[:k], Vt[:k]
    if solver == "covariance_eigh":
        values, V = _eigh_descending(Xc.T @ Xc)
        return np.sqrt(values[:k]), V[:, :k].T
    # Gram trick (MML §10.5): eigenvectors of X X^T give V = X^T U S^{-1}.
    values, U = _eigh_descending(Xc @ Xc.T)
    s = np.sqrt(values[:k])
    tol = s.max(initial=0.0) * max(n, d) * np.finfo(np.float64).eps
    Vt = np.zeros((k, d))
    keep = s > tol
    Vt[keep] = (Xc.T @ U[:, :k][:, keep] / s[keep]).T
    if not keep.all() and keep.any() and d > keep.sum():
        # Directions with zero variance: any orthonormal completion will do.
        _, _, full_Vt = svd(Vt[keep], full_matrices=True)
        Vt[~keep] = full_Vt[keep.sum() : k]
    return s, Vt


class PCA(TransformerMixin, BaseEstimator):
    """Principal component analysis with scikit-learn's interface.

    Parameters
    ----------
    n_components : int, float in (0, 1), or None
        Number of components; a float keeps the fewest components whose explained
        variance ratio exceeds it (exact solvers only); None keeps ``min(N, D)``.
    copy : bool, default=True
        Kept for compatibility; the input is never modified.
    whiten : bool, default=False
        Scale the projections to unit variance: divide by :math:`\\sqrt{\\lambda_k}`.
    svd_solver : {"auto", "full", "covariance_eigh", "gram", "randomized"}
    tol : float, default=0.0
        Kept for compatibility (used by scikit-learn's ARPACK solver only).
    iterated_power : int or "auto"
        Power iterations of the randomized solver.
    n_oversamples : int, default=10
    power_iteration_normalizer : {"auto", "QR", "LU", "none"}
    random_state : int, RandomState or None

    Attributes
    ----------
    components_ : ndarray of shape (n_components, n_features)
        Orthonormal principal directions (rows), by decreasing variance.
    explained_variance_ : ndarray of shape (n_components,)
        :math:`\\lambda_k = s_k^2 / (N - 1)`.
    explained_variance_ratio_ : ndarray of shape (n_components,)
    singular_values_ : ndarray of shape (n_components,)
    mean_ : ndarray of shape (n_features,)
    n_components_, n_samples_, n_features_in_ : int
    noise_variance_ : float
        Mean of the discarded variances (the probabilistic-PCA :math:`\\sigma^2`).

    Raises
    ------
    DomainError
        Invalid ``n_components`` or ``svd_solver``.

    Examples
    --------
    >>> X = np.random.RandomState(0).normal(size=(50, 4))
    >>> pca = PCA(n_components=2, whiten=True).fit(X)
    >>> Z = pca.transform(X)
    >>> Z.std(axis=0, ddof=1).round(10).tolist()
    [1.0, 1.0]
    """

    def __init__(
        self,
        n_components: Any = None,
        *,
        copy: bool = True,
        whiten: bool = False,
        svd_solver: str = "auto",
        tol: float = 0.0,
        iterated_power: Any = "auto",
        n_oversamples: int = 10,
        power_iteration_normalizer: str = "auto",
        random_state: Any = None,
    ) -> None:
        self.n_components = n_components
        self.copy = copy
        self.whiten = whiten
        self.svd_solver = svd_solver
        self.tol = tol
        self.iterated_power = iterated_power
        self.n_oversamples = n_oversamples
        self.power_iteration_normalizer = power_iteration_normalizer
        self.random_state = random_state

    def _choose_solver(self, n: int, d: int, k: Any) -> str:
        if self.svd_solver not in _SOLVERS:
            raise DomainError(f"svd_solver must be one of {_SOLVERS}, got {self.svd_solver!r}.")
        if self.svd_solver != "auto":
            return self.svd_solver
        if d <= 1000 and n >= 10 * d:
            return "covariance_eigh"
        if n <= 1000 and d >= 10 * n:
            return "gram"
        if max(n, d) <= 500:
            return "full"
        if isinstance(k, numbers.Integral) and 1 <= k < 0.8 * min(n, d):
            return "randomized"
        return "full"

    def _check_n_components(self, n: int, d: int, solver: str) -> Any:
        k = self.n_components
        limit = min(n, d)
        if k is None:
            return limit
        if isinstance(k, str) or isinstance(k, bool):
            raise DomainError(f"n_components must be an int, a float in (0, 1) or None, got {k!r}.")
        if isinstance(k, numbers.Integral):
            if not 0 <= k <= limit:
                raise DomainError(
                    f"n_components={k} must be between 0 and min(n_samples, n_features)="
                    f"{limit} with svd_solver={solver!r}."
                )
            if solver == "randomized" and k == 0:
                raise DomainError("n_components must be at least 1 with svd_solver='randomized'.")
            return int(k)
        if isinstance(k, numbers.Real) and 0 < k < 1:
            if solver == "randomized":
                raise DomainError("A float n_components needs an exact solver, not 'randomized'.")
            return float(k)
        raise DomainError(f"n_components must be an int, a float in (0, 1) or None, got {k!r}.")

    def _fit(self, X: Any) -> np.ndarray:
        X = check_array(X)
        n, d = X.shape
        solver = self._choose_solver(n, d, self.n_components)
        k = self._check_n_components(n, d, solver)
        self.mean_ = X.mean(axis=0)
        Xc = X - self.mean_
        ddof = max(n - 1, 1)
        if solver == "randomized":
            from mml.linalg import randomized_svd

            _, s, Vt = randomized_svd(
                Xc,
                k,
                n_oversamples=self.n_oversamples,
                n_iter=self.iterated_power,
                power_iteration_normalizer=self.power_iteration_normalizer,
                flip_sign=False,
                random_state=self.random_state,
            )
            Vt = flip_signs(Vt)
            variance = s**2 / ddof
            total = float(np.einsum("ij,ij->", Xc, Xc)) / ddof
            ratio = variance / total if total > 0 else np.zeros_like(variance)
            rest = min(n, d) - k
            noise = (total - variance.sum()) / rest if rest > 0 else 0.0
        else:
            s, Vt = principal_axes(Xc, solver)
            Vt = flip_signs(Vt)
            variance = s**2 / ddof
            total = variance.sum()
            ratio = variance / total if total > 0 else np.zeros_like(variance)
            if isinstance(k, float):
                k = int(np.searchsorted(np.cumsum(ratio), k, side="right") + 1)
                k = min(k, s.size)
            noise = float(variance[k:].mean()) if k < min(n, d) else 0.0
        self.components_ = np.ascontiguousarray(Vt[:k])
        self.explained_variance_ = variance[:k].copy()
        self.explained_variance_ratio_ = ratio[:k].copy()
        self.singular_values_ = s[:k].copy()
        self.noise_variance_ = float(max(noise, 0.0))
        self.n_components_ = k
        self.n_samples_ = n
        self.n_features_in_ = d
        return Xc

    def fit(self, X: Any, y: Any = None) -> PCA:
        """Find the principal directions of ``X`` (n_samples, n_features); returns ``self``."""
        self._fit(X)
        return self

    def fit_transform(self, X: Any, y: Any = None) -> np.ndarray:
        """Fit, then return the projections of ``X``, shape ``(n_samples, n_components)``."""
        Xc = self._fit(X)
        return self._project(Xc)

    def _project(self, Xc: np.ndarray) -> np.ndarray:
        Z = Xc @ self.components_.T
        if self.whiten:
            Z /= np.sqrt(np.where(self.explained_variance_ > 0, self.explained_variance_, 1.0))
        return Z

    def transform(self, X: Any) -> np.ndarray:
        """Coordinates :math:`z = B^\\top (x - \\mu)` in the principal subspace (§10.3)."""
        check_is_fitted(self)
        X = check_array(X)
        check_n_features(self, X)
        return self._project(X - self.mean_)

    def inverse_transform(self, X: Any) -> np.ndarray:
        """Reconstruction :math:`\\tilde x = B z + \\mu` in the original space (§10.3)."""
        check_is_fitted(self)
        Z = check_array(X)
        if Z.shape[1] != self.n_components_:
            raise ShapeError(
                f"X has {Z.shape[1]} columns but PCA has {self.n_components_} components."
            )
        if self.whiten:
            Z = Z * np.sqrt(self.explained_variance_)
        return Z @ self.components_ + self.mean_

    def get_covariance(self) -> np.ndarray:
        """Model covariance :math:`B (\\Lambda - \\sigma^2 I) B^\\top + \\sigma^2 I` (§10.7)."""
        check_is_fitted(self)
        excess = np.maximum(self.explained_variance_ - self.noise_variance_, 0.0)
        cov = (self.components_.T * excess) @ self.components_
        cov[np.diag_indices_from(cov)] += self.noise_variance_
        return cov

    def score_samples(self, X: Any) -> np.ndarray:
        """Log-likelihood of each row under :math:`\\mathcal N(\\mu, \\text{get\\_covariance()})`.

        Raises
        ------
        NotPositiveDefiniteError
            If the model covariance is singular (for example with all components kept
            and a zero-variance feature).
        """
        from mml.linalg import cho_solve, cholesky

        check_is_fitted(self)
        X = check_array(X)
        check_n_features(self, X)
        L = cholesky(self.get_covariance())
        Xr = X - self.mean_
        mahalanobis = np.sum(Xr * cho_solve((L, True), Xr.T).T, axis=1)
        log_det = 2.0 * np.log(np.diag(L)).sum()
        return -0.5 * (mahalanobis + X.shape[1] * math.log(2 * math.pi) + log_det)

    def score(self, X: Any, y: Any = None) -> float:
        """Average log-likelihood of the rows of ``X``."""
        return float(np.mean(self.score_samples(X)))

    def _tag_overrides(self) -> dict[str, Any]:
        return {"transformer_tags.preserves_dtype": ["float64"]}
