"""L2-regularised logistic regression, binary and multinomial (MML book §8.2, §12 intro).

For two classes, :math:`p(y=1|x) = \\sigma(w^\\top x + b)`; for :math:`K > 2`,
:math:`p(y=k|x) = \\operatorname{softmax}(Wx + b)_k`. The parameters minimise the
regularised empirical risk (scikit-learn's scaling)

.. math:: \\frac{1}{S}\\Big(\\sum_i s_i\\, \\ell(y_i, x_i) + \\frac{1}{2C}\\lVert W\\rVert^2\\Big),

with :math:`\\ell` the cross-entropy, :math:`s_i` the sample weights and
:math:`S = \\sum_i s_i`; the intercept is not penalised. The gradient is
:math:`\\frac1S(X^\\top \\operatorname{diag}(s)(P - Y) + W/C)`. It is minimised by
L-BFGS or Newton's method from :mod:`mml.optim`.

Examples
--------
>>> import numpy as np
>>> from mml.models import LogisticRegression
>>> X = np.array([[-2.0], [-1.0], [1.0], [2.0]])
>>> model = LogisticRegression().fit(X, [0, 0, 1, 1])
>>> model.predict([[-3.0], [3.0]]).tolist()
[0, 1]
>>> model.predict_proba([[0.0]]).round(6).tolist()
[[0.5, 0.5]]
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from mml.errors import DomainError
from mml.models._base import BaseEstimator, ClassifierMixin
from mml.models._sklearn_compat import interoperable_warning
from mml.models._validation import (
    ConvergenceWarning,
    check_array,
    check_is_fitted,
    check_n_features,
    check_sample_weight,
    check_X_y,
)
from mml.models.perceptron import encode_classes

__all__ = ["LogisticRegression", "class_weights", "logistic_loss_and_gradient", "softmax"]


def softmax(Z: np.ndarray) -> np.ndarray:
    """Row-wise :math:`e^{z_k} / \\sum_j e^{z_j}`, shifted by the row maximum for stability.

    >>> softmax(np.array([[0.0, np.log(3.0)]])).round(6).tolist()
    [[0.25, 0.75]]
    """
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def _log_sigmoid(z: np.ndarray) -> np.ndarray:
    # log sigma(z) = -log(1 + e^{-z}), computed without overflow for either sign.
    return -np.logaddexp(0.0, -z)


def logistic_loss_and_gradient(
    theta: np.ndarray,
    X: np.ndarray,
    Y: np.ndarray,
    weights: np.ndarray,
    C: float,
    fit_intercept: bool,
) -> tuple[float, np.ndarray]:
    """Objective and gradient for parameters ``theta`` flattened from ``(K', D [+1])``.

    ``Y`` is ``(N,)`` in {0, 1} for the binary model (``K' = 1``) or one-hot ``(N, K)``.

    Examples
    --------
    >>> X, y = np.array([[1.0], [-1.0]]), np.array([1.0, 0.0])
    >>> f, g = logistic_loss_and_gradient(np.zeros(2), X, y, np.ones(2), 1.0, True)
    >>> round(f, 6), g.tolist()
    (0.693147, [-0.5, 0.0])
    """
    n, d = X.shape
    total = weights.sum()
    penalty = 0.0 if np.isinf(C) else 1.0 / C
    binary = Y.ndim == 1
    rows = 1 if binary else Y.shape[1]
    params = theta.reshape(rows, d + int(fit_intercept))
    W = params[:, :d]
    b = params[:, d] if fit_intercept else np.zeros(rows)
    Z = X @ W.T + b
    if binary:
        z = Z[:, 0]
        # -[y log s(z) + (1-y) log s(-z)]
        loss = -(Y * _log_sigmoid(z) + (1.0 - Y) * _log_sigmoid(-z))
        residual = (1.0 / (1.0 + np.exp(-z)) - Y)[:, None]
    else:
        top = Z.max(axis=1, keepdims=True)
        log_norm = top[:, 0] + np.log(np.exp(Z - top).sum(axis=1))
        loss = log_norm - (Z * Y).sum(axis=1)
        residual = np.exp(Z - log_norm[:, None]) - Y
    value = (weights @ loss + 0.5 * penalty * float((W * W).sum())) / total
    weighted = residual * weights[:, None]
    grad_W = (weighted.T @ X + penalty * W) / total
    if fit_intercept:
        grad = np.hstack([grad_W, weighted.sum(axis=0)[:, None] / total])
    else:
        grad = grad_W
    return float(value), grad.ravel()


def class_weights(
    class_weight: Any, classes: np.ndarray, index: np.ndarray, sample_weight: Any = None
) -> np.ndarray:
    """Weight of each class: ones, ``N / (K N_k)`` for "balanced", or looked up in a dict.

    With sample weights, "balanced" uses weighted counts (scikit-learn >= 1.6).

    Raises
    ------
    DomainError
        For another value, or a dict naming a label that is not a class.

    Examples
    --------
    >>> class_weights("balanced", np.array([0, 1]), np.array([0, 0, 0, 1])).tolist()
    [0.6666666666666666, 2.0]
    """
    if class_weight is None:
        return np.ones(classes.size)
    if isinstance(class_weight, str) and class_weight == "balanced":
        counts = np.bincount(index, weights=sample_weight, minlength=classes.size)
        return counts.sum() / (classes.size * counts.astype(np.float64))
    if isinstance(class_weight, dict):
        unknown = set(class_weight) - set(classes.tolist())
        if unknown:
            raise DomainError(
                f"class_weight names labels that are not classes: {sorted(unknown)!r}."
            )
        return np.array([float(class_weight.get(c, 1.0)) for c in classes.tolist()])
    raise DomainError(f"class_weight must be None, 'balanced' or a dict, got {class_weight!r}.")


def _hessian(
    theta: np.ndarray,
    X: np.ndarray,
    Y: np.ndarray,
    weights: np.ndarray,
    C: float,
    fit_intercept: bool,
) -> np.ndarray:
    """Hessian of the objective (for Newton's method), ``(K'(D+1))^2``."""
    n, d = X.shape
    total = weights.sum()
    penalty = 0.0 if np.isinf(C) else 1.0 / C
    Xa = np.hstack([X, np.ones((n, 1))]) if fit_intercept else X
    rows = 1 if Y.ndim == 1 else Y.shape[1]
    params = theta.reshape(rows, Xa.shape[1])
    Z = Xa @ params.T
    P = 1.0 / (1.0 + np.exp(-Z)) if rows == 1 else softmax(Z)
    p_dim = Xa.shape[1]
    H = np.empty((rows * p_dim, rows * p_dim))
    for k in range(rows):
        for j in range(k, rows):
            if rows == 1:
                s = P[:, 0] * (1 - P[:, 0])
            else:
                s = P[:, k] * ((k == j) - P[:, j])
            block = (Xa * (weights * s)[:, None]).T @ Xa
            H[k * p_dim : (k + 1) * p_dim, j * p_dim : (j + 1) * p_dim] = block
            H[j * p_dim : (j + 1) * p_dim, k * p_dim : (k + 1) * p_dim] = block.T
    regulariser = np.tile(np.r_[np.full(d, penalty), np.zeros(p_dim - d)], rows)
    H[np.diag_indices_from(H)] += regulariser
    return H / total


class LogisticRegression(ClassifierMixin, BaseEstimator):
    """Logistic regression with L2 penalty, solved by L-BFGS or Newton (``mml.optim``).

    Parameters
    ----------
    penalty : "deprecated", "l2" or None
        scikit-learn 1.8+ reads the penalty from ``C`` and ``l1_ratio``; None or
        ``C=inf`` gives the unpenalised model.
    C : float, default=1.0
        Inverse regularisation strength.
    l1_ratio : float, default=0.0
        Only 0 (pure L2) is provided.
    class_weight : None, "balanced" or dict
        Multiplies the sample weights of each class; "balanced" uses
        :math:`N / (K N_k)`.
    dual, intercept_scaling, random_state, verbose, warm_start, n_jobs
        Kept for scikit-learn compatibility (``dual`` must be False).
    tol : float, default=1e-4
        Stop when the largest gradient entry is below ``tol``.
    fit_intercept : bool, default=True
    solver : {"lbfgs", "newton-cholesky"}, default="lbfgs"
    max_iter : int, default=100

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    coef_ : ndarray of shape (1, n_features) or (n_classes, n_features)
    intercept_ : ndarray of shape (1,) or (n_classes,)
    n_iter_ : ndarray of shape (1,)
    n_features_in_ : int

    Raises
    ------
    DomainError
        Unsupported parameter values, or a single class.
    """

    def __init__(
        self,
        penalty: Any = "deprecated",
        *,
        C: float = 1.0,
        l1_ratio: float = 0.0,
        dual: bool = False,
        tol: float = 1e-4,
        fit_intercept: bool = True,
        intercept_scaling: float = 1,
        class_weight: Any = None,
        random_state: Any = None,
        solver: str = "lbfgs",
        max_iter: int = 100,
        verbose: int = 0,
        warm_start: bool = False,
        n_jobs: int | None = None,
    ) -> None:
        self.penalty = penalty
        self.C = C
        self.l1_ratio = l1_ratio
        self.dual = dual
        self.tol = tol
        self.fit_intercept = fit_intercept
        self.intercept_scaling = intercept_scaling
        self.class_weight = class_weight
        self.random_state = random_state
        self.solver = solver
        self.max_iter = max_iter
        self.verbose = verbose
        self.warm_start = warm_start
        self.n_jobs = n_jobs

    def _check_parameters(self) -> float:
        if self.penalty not in ("deprecated", "l2", None):
            raise DomainError(f"Only the L2 penalty is provided, got penalty={self.penalty!r}.")
        if self.l1_ratio not in (0, 0.0, None):
            raise DomainError(f"Only l1_ratio=0 (L2) is provided, got {self.l1_ratio!r}.")
        if self.dual:
            raise DomainError("dual=True is not provided by mml.")
        if self.solver not in ("lbfgs", "newton-cholesky"):
            raise DomainError(f"solver must be 'lbfgs' or 'newton-cholesky', got {self.solver!r}.")
        if not (isinstance(self.C, (int, float)) and self.C > 0):
            raise DomainError(f"C must be a positive number, got {self.C!r}.")
        self._validate_params_positive(max_iter=self.max_iter)
        return np.inf if self.penalty is None else float(self.C)

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> LogisticRegression:
        """Minimise the regularised cross-entropy; returns ``self``."""
        from mml.optim import minimize

        C = self._check_parameters()
        X, y = check_X_y(X, y)
        weights = check_sample_weight(sample_weight, X.shape[0])
        self.classes_, index = encode_classes(y, type(self).__name__)
        weights = weights * class_weights(self.class_weight, self.classes_, index, weights)[index]
        n_classes = self.classes_.size
        Y = index.astype(np.float64) if n_classes == 2 else np.eye(n_classes)[index]
        rows = 1 if n_classes == 2 else n_classes
        size = rows * (X.shape[1] + int(self.fit_intercept))
        theta0 = np.zeros(size)
        if self.warm_start and hasattr(self, "coef_") and self.coef_.shape[0] == rows:
            start = self.coef_
            if self.fit_intercept:
                start = np.hstack([start, self.intercept_[:, None]])
            theta0 = start.ravel()
        args = (X, Y, weights, C, self.fit_intercept)
        options = {"maxiter": self.max_iter, "gtol": self.tol, "keep_history": False}
        if self.solver == "lbfgs":
            result = minimize(
                logistic_loss_and_gradient,
                theta0,
                args=args,
                method="lbfgs",
                jac=True,
                options=options,
            )
        else:
            result = minimize(
                lambda t, *a: logistic_loss_and_gradient(t, *a)[0],
                theta0,
                args=args,
                method="newton",
                jac=lambda t, *a: logistic_loss_and_gradient(t, *a)[1],
                hess=_hessian,
                options=options,
            )
        if not result.success and result.nit >= self.max_iter:
            warnings.warn(
                f"{self.solver} failed to converge after {result.nit} iterations; increase "
                "max_iter or scale the data.",
                interoperable_warning(ConvergenceWarning),
                stacklevel=2,
            )
        params = np.asarray(result.x).reshape(rows, -1)
        d = X.shape[1]
        self.coef_ = params[:, :d].copy()
        self.intercept_ = params[:, d].copy() if self.fit_intercept else np.zeros(rows)
        if rows > 1:
            # Softmax ignores a common shift of the (unpenalised) intercepts: fix it at mean 0.
            self.intercept_ -= self.intercept_.mean()
        self.n_iter_ = np.array([int(result.nit)])
        self.n_features_in_ = d
        return self

    def decision_function(self, X: Any) -> np.ndarray:
        """Scores :math:`Wx + b`: shape ``(n,)`` for two classes, ``(n, K)`` otherwise."""
        check_is_fitted(self)
        X = check_array(X)
        check_n_features(self, X)
        scores = X @ self.coef_.T + self.intercept_
        return scores[:, 0] if scores.shape[1] == 1 else scores

    def predict_proba(self, X: Any) -> np.ndarray:
        """Class probabilities, shape ``(n, K)``; columns follow ``classes_``."""
        scores = self.decision_function(X)
        if scores.ndim == 1:
            p = 1.0 / (1.0 + np.exp(-scores))
            return np.column_stack([1 - p, p])
        return softmax(scores)

    def predict_log_proba(self, X: Any) -> np.ndarray:
        """Logarithm of :meth:`predict_proba`."""
        with np.errstate(divide="ignore"):
            return np.log(self.predict_proba(X))

    def predict(self, X: Any) -> np.ndarray:
        """The most probable class of each row."""
        scores = self.decision_function(X)
        if scores.ndim == 1:
            return self.classes_[(scores > 0).astype(int)]
        return self.classes_[scores.argmax(axis=1)]
