"""Least-squares linear regression and ridge regression (MML book §9.2).

For features :math:`X \\in \\mathbb{R}^{N\\times D}` and targets :math:`y`:

- :class:`LinearRegression` finds the maximum-likelihood parameters
  :math:`\\theta_{ML} = \\arg\\min \\lVert y - X\\theta\\rVert^2` (eq. 9.12). Instead of
  forming :math:`(X^\\top X)^{-1}`, it takes the QR decomposition of the augmented
  matrix :math:`[X \\; y] = Q [R \\; z]` and solves the triangular system
  :math:`R\\theta = z`, which is backward stable.
- :class:`Ridge` finds the MAP estimate under the prior
  :math:`\\theta \\sim \\mathcal N(0, \\sigma^2/\\alpha\\, I)`, i.e.
  :math:`(X^\\top X + \\alpha I)\\theta = X^\\top y` (eq. 9.31), by a Cholesky
  factorisation; when :math:`D > N` it solves the smaller dual system
  :math:`\\theta = X^\\top (X X^\\top + \\alpha I)^{-1} y`.

With ``fit_intercept`` the data are centred first, so the intercept is not
penalised: :math:`b = \\bar y - \\bar x^\\top \\theta`.

Examples
--------
>>> import numpy as np
>>> from mml.models import LinearRegression, Ridge
>>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
>>> y = 2.0 * X.ravel() + 1.0
>>> model = LinearRegression().fit(X, y)
>>> model.coef_.round(10).tolist(), round(float(model.intercept_), 10)
([2.0], 1.0)
>>> Ridge(alpha=5.0).fit(X, y).coef_.round(4).tolist()
[1.0]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.errors import DomainError, NotPositiveDefiniteError
from mml.models._base import BaseEstimator, RegressorMixin
from mml.models._validation import (
    check_array,
    check_is_fitted,
    check_n_features,
    check_sample_weight,
    check_X_y,
)

__all__ = ["LinearRegression", "Ridge", "least_squares_qr"]


def least_squares_qr(X: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, int]:
    """Solve :math:`\\min_\\Theta \\lVert Y - X\\Theta\\rVert_F` for ``X`` (n, d), ``Y`` (n, k).

    Full column rank: one QR of :math:`[X\\;Y]`, then :math:`R\\Theta = Z`. Otherwise
    (rank below ``d``, or ``n < d``) the minimum-norm solution from ``lstsq``.

    Returns
    -------
    Theta : ndarray of shape (d, k)
    rank : int

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    >>> Theta, rank = least_squares_qr(X, np.array([[1.0], [2.0], [3.0]]))
    >>> Theta.round(12).ravel().tolist(), rank
    ([1.0, 2.0], 2)
    """
    return _least_squares_augmented(np.hstack([X, Y]), X.shape[1])


def _least_squares_augmented(A: np.ndarray, d: int) -> tuple[np.ndarray, int]:
    """:func:`least_squares_qr` for ``A = [X Y]`` already in one array (no extra copy)."""
    from mml.linalg import lstsq, qr, solve_triangular

    n = A.shape[0]
    if n >= d:
        R_aug = qr(A, mode="r")
        R, Z = R_aug[:d, :d], R_aug[:d, d:]
        diagonal = np.abs(np.diag(R))
        scale = diagonal.max() if d else 0.0
        if d == 0 or diagonal.min() > max(n, d) * np.finfo(np.float64).eps * scale:
            return solve_triangular(R, Z, lower=False), d
    result = lstsq(A[:, :d], A[:, d:], rcond=None)
    return result[0], int(result[2])


def _preprocess(
    X: np.ndarray, Y: np.ndarray, weights: np.ndarray, fit_intercept: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``A = [X - x̄, Y - ȳ]`` (weighted means) in one array, rows scaled by :math:`\\sqrt{w_i}`.

    Returns ``A`` and the offsets :math:`\\bar x`, :math:`\\bar y` (zeros without intercept).
    """
    n, d = X.shape
    A = np.empty((n, d + Y.shape[1]))
    if fit_intercept:
        total = weights.sum()
        X_offset = (weights @ X) / total
        Y_offset = (weights @ Y) / total
        np.subtract(X, X_offset, out=A[:, :d])
        np.subtract(Y, Y_offset, out=A[:, d:])
    else:
        X_offset, Y_offset = np.zeros(d), np.zeros(Y.shape[1])
        A[:, :d], A[:, d:] = X, Y
    if not np.all(weights == 1.0):
        A *= np.sqrt(weights)[:, None]
    return A, X_offset, Y_offset


class _LinearModel(RegressorMixin, BaseEstimator):
    """Shared fit bookkeeping and prediction :math:`\\hat y = X\\theta + b`."""

    def _fit_data(self, X: Any, y: Any, sample_weight: Any) -> tuple:
        X, y = check_X_y(X, y, multi_output=True, y_numeric=True)
        weights = check_sample_weight(sample_weight, X.shape[0])
        Y = y.reshape(-1, 1) if y.ndim == 1 else y
        self.n_features_in_ = X.shape[1]
        A, X_offset, Y_offset = _preprocess(X, Y, weights, self.fit_intercept)
        return A, X_offset, Y_offset, y.ndim

    def _set_coefficients(
        self, Theta: np.ndarray, X_offset: np.ndarray, Y_offset: np.ndarray, y_ndim: int
    ) -> None:
        coef = Theta.T  # (k, d)
        intercept = Y_offset - coef @ X_offset if self.fit_intercept else np.zeros(coef.shape[0])
        if y_ndim == 1:
            self.coef_, self.intercept_ = coef[0], float(intercept[0])
        else:
            self.coef_, self.intercept_ = coef, intercept

    def predict(self, X: Any) -> np.ndarray:
        """:math:`\\hat y = X\\theta + b`, shape ``(n,)`` or ``(n, k)``."""
        check_is_fitted(self)
        X = check_array(X)
        check_n_features(self, X)
        return X @ self.coef_.T + self.intercept_

    def _tag_overrides(self) -> dict[str, Any]:
        return {"target_tags.multi_output": True}


class LinearRegression(_LinearModel):
    """Ordinary least squares, :math:`\\theta_{ML} = \\arg\\min_\\theta \\lVert y - X\\theta - b\\rVert^2`.

    Parameters
    ----------
    fit_intercept : bool, default=True
    copy_X : bool, default=True
        Kept for scikit-learn compatibility; the input is never modified.
    tol : float, default=1e-6
        Kept for scikit-learn compatibility (used there only by sparse solvers).
    n_jobs : None
        Kept for scikit-learn compatibility.
    positive : bool, default=False
        Non-negative least squares is not provided; True raises DomainError.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,) or (n_targets, n_features)
    intercept_ : float or ndarray of shape (n_targets,)
    rank_ : int
        Numerical rank of the centred design matrix.
    n_features_in_ : int

    Examples
    --------
    >>> X = np.array([[1.0, 1.0], [1.0, 2.0], [2.0, 2.0], [2.0, 3.0]])
    >>> y = X @ np.array([1.0, 2.0]) + 3.0
    >>> LinearRegression().fit(X, y).predict([[3.0, 5.0]]).round(10).tolist()
    [16.0]
    """

    def __init__(
        self,
        *,
        fit_intercept: bool = True,
        copy_X: bool = True,
        tol: float = 1e-6,
        n_jobs: int | None = None,
        positive: bool = False,
    ) -> None:
        self.fit_intercept = fit_intercept
        self.copy_X = copy_X
        self.tol = tol
        self.n_jobs = n_jobs
        self.positive = positive

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> LinearRegression:
        """Least-squares fit by QR of :math:`[X\\;y]`; returns ``self``.

        Raises
        ------
        ShapeError, DomainError
            For invalid input (see :func:`mml.models._validation.check_X_y`).
        """
        if self.positive:
            raise DomainError("LinearRegression(positive=True) is not provided by mml.")
        A, X_offset, Y_offset, y_ndim = self._fit_data(X, y, sample_weight)
        Theta, self.rank_ = _least_squares_augmented(A, self.n_features_in_)
        self._set_coefficients(Theta, X_offset, Y_offset, y_ndim)
        return self


def ridge_cholesky(X: np.ndarray, Y: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """Solve :math:`(X^\\top X + \\alpha I)\\Theta = X^\\top Y` (primal) or its dual form.

    ``alpha`` has one entry per column of ``Y``. Returns ``Theta`` of shape (d, k).

    Raises
    ------
    NotPositiveDefiniteError
        If the regularised Gram matrix is singular (``alpha == 0`` and rank-deficient).

    Examples
    --------
    >>> ridge_cholesky(np.eye(2), np.ones((2, 1)), np.array([1.0])).ravel().round(12).tolist()
    [0.5, 0.5]
    """
    from mml.linalg import cho_solve, cholesky

    n, d = X.shape
    primal = d <= n
    G = X.T @ X if primal else X @ X.T
    rhs = X.T @ Y if primal else Y
    out = np.empty((G.shape[0], Y.shape[1]))
    same = np.all(alpha == alpha[0])
    groups = [np.arange(Y.shape[1])] if same else [np.array([j]) for j in range(Y.shape[1])]
    for columns in groups:
        A = G.copy()
        A[np.diag_indices_from(A)] += alpha[columns[0]]
        L = cholesky(A)
        out[:, columns] = cho_solve((L, True), rhs[:, columns])
    return out if primal else X.T @ out


class Ridge(_LinearModel):
    """Ridge regression: :math:`\\min_\\theta \\lVert y - X\\theta - b\\rVert^2 + \\alpha\\lVert\\theta\\rVert^2`.

    Parameters
    ----------
    alpha : float or array of shape (n_targets,), default=1.0
        Regularisation strength :math:`\\alpha \\ge 0`.
    fit_intercept : bool, default=True
    copy_X : bool, default=True
    max_iter, tol, random_state
        Kept for scikit-learn compatibility (used there by iterative solvers).
    solver : {"auto", "cholesky", "svd"}, default="auto"
        "auto" and "cholesky" solve the normal equations by Cholesky (the dual ones
        when there are more features than samples); "svd" uses
        :math:`\\theta = V \\operatorname{diag}(s/(s^2+\\alpha)) U^\\top y`.
    positive : bool, default=False
        Not provided; True raises DomainError.

    Attributes
    ----------
    coef_, intercept_, n_features_in_
    n_iter_ : None
        No iterations (direct solver), as in scikit-learn.

    Raises
    ------
    DomainError
        Negative ``alpha``, unknown ``solver``, or ``positive=True``.

    Examples
    --------
    >>> X = np.array([[1.0], [2.0], [3.0]])
    >>> Ridge(alpha=0.0).fit(X, [2.0, 4.0, 6.0]).coef_.round(10).tolist()
    [2.0]
    """

    def __init__(
        self,
        alpha: Any = 1.0,
        *,
        fit_intercept: bool = True,
        copy_X: bool = True,
        max_iter: int | None = None,
        tol: float = 1e-4,
        solver: str = "auto",
        positive: bool = False,
        random_state: Any = None,
    ) -> None:
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.copy_X = copy_X
        self.max_iter = max_iter
        self.tol = tol
        self.solver = solver
        self.positive = positive
        self.random_state = random_state

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> Ridge:
        """Fit by Cholesky (or SVD) on the centred data; returns ``self``."""
        if self.positive:
            raise DomainError("Ridge(positive=True) is not provided by mml.")
        if self.solver not in ("auto", "cholesky", "svd"):
            raise DomainError(f"solver must be 'auto', 'cholesky' or 'svd', got {self.solver!r}.")
        A, X_offset, Y_offset, y_ndim = self._fit_data(X, y, sample_weight)
        Xc, Yc = A[:, : self.n_features_in_], A[:, self.n_features_in_ :]
        alpha = np.asarray(self.alpha, dtype=np.float64).ravel()
        if alpha.size == 1:
            alpha = np.full(Yc.shape[1], alpha[0])
        if alpha.size != Yc.shape[1] or np.any(alpha < 0) or not np.all(np.isfinite(alpha)):
            raise DomainError(
                f"alpha must be non-negative, one value or one per target ({Yc.shape[1]}); "
                f"got {self.alpha!r}."
            )
        Theta = None
        if self.solver != "svd":
            try:
                Theta = ridge_cholesky(Xc, Yc, alpha)
            except NotPositiveDefiniteError:
                Theta = None  # singular when alpha == 0: fall back to the SVD solution
        if Theta is None:
            Theta = _ridge_svd(Xc, Yc, alpha)
        self._set_coefficients(Theta, X_offset, Y_offset, y_ndim)
        self.n_iter_ = None
        return self


def _ridge_svd(X: np.ndarray, Y: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """:math:`\\Theta = V \\operatorname{diag}(s / (s^2 + \\alpha)) U^\\top Y`, zero for tiny ``s``."""
    from mml.linalg import svd

    U, s, Vt = svd(X, full_matrices=False)
    tiny = s <= s.max(initial=0.0) * max(X.shape) * np.finfo(np.float64).eps
    UtY = U.T @ Y
    denominator = s[:, None] ** 2 + alpha[None, :]
    factor = np.where(tiny[:, None], 0.0, s[:, None] / np.where(tiny[:, None], 1.0, denominator))
    return Vt.T @ (factor * UtY)
