"""Linear support vector classification in the primal (MML book §12.2.5).

The soft-margin SVM as empirical risk minimisation with the hinge loss (eq. 12.31):

.. math:: \\min_{w} \\tfrac12 \\lVert w\\rVert^2 + C \\sum_i s_i \\max(0, 1 - y_i w^\\top \\tilde x_i)^p ,

with :math:`\\tilde x = (x, \\text{intercept\\_scaling})`, so the bias is the last weight
and is regularised too (liblinear's formulation, used by scikit-learn's LinearSVC).

- ``loss="squared_hinge"`` (:math:`p = 2`, the default): the objective is
  differentiable, with gradient
  :math:`w - 2C\\sum_i s_i y_i \\tilde x_i \\max(0, 1 - y_i w^\\top\\tilde x_i)`, and is
  minimised by L-BFGS from :mod:`mml.optim`.
- ``loss="hinge"`` (:math:`p = 1`): not differentiable at the margin, so it is solved
  by dual coordinate descent (Hsieh et al. 2008): one multiplier at a time,
  :math:`\\alpha_i \\leftarrow \\min(\\max(\\alpha_i - G_i / Q_{ii}, 0), C s_i)` with
  :math:`G_i = y_i w^\\top \\tilde x_i - 1`, keeping :math:`w = \\sum_i \\alpha_i y_i \\tilde x_i`.

Several classes: one classifier per class against the rest.

Examples
--------
>>> import numpy as np
>>> from mml.models import LinearSVC
>>> X = np.array([[0.0, 0.0], [1.0, 1.0], [3.0, 3.0], [4.0, 4.0]])
>>> LinearSVC().fit(X, [0, 0, 1, 1]).predict([[0.5, 0.5], [3.5, 3.5]]).tolist()
[0, 1]
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
    check_random_state,
    check_sample_weight,
    check_X_y,
)
from mml.models.logistic_regression import class_weights
from mml.models.perceptron import encode_classes

__all__ = ["LinearSVC", "squared_hinge_objective"]


def squared_hinge_objective(
    w: np.ndarray, X: np.ndarray, y: np.ndarray, upper: np.ndarray
) -> tuple[float, np.ndarray]:
    """:math:`\\tfrac12\\lVert w\\rVert^2 + \\sum_i u_i \\max(0, 1 - y_i w^\\top x_i)^2` and its gradient.

    ``upper`` holds :math:`u_i = C s_i`.

    Examples
    --------
    >>> f, g = squared_hinge_objective(np.zeros(1), np.array([[1.0]]), np.array([1.0]), np.ones(1))
    >>> f, g.tolist()
    (1.0, [-2.0])
    """
    slack = np.maximum(1.0 - y * (X @ w), 0.0)
    value = 0.5 * float(w @ w) + float(upper @ (slack * slack))
    grad = w - 2.0 * (X.T @ (upper * y * slack))
    return value, grad


def _dual_coordinate_descent(
    X: np.ndarray, y: np.ndarray, upper: np.ndarray, tol: float, max_iter: int, rng: Any
) -> tuple[np.ndarray, int, bool]:
    """Hinge-loss dual by coordinate descent; returns (w, epochs, converged)."""
    n = X.shape[0]
    alpha = np.zeros(n)
    w = np.zeros(X.shape[1])
    Q_diag = np.einsum("ij,ij->i", X, X)
    order = np.arange(n)
    for epoch in range(1, max_iter + 1):
        rng.shuffle(order)
        largest, smallest = -np.inf, np.inf
        for i in order:
            if Q_diag[i] == 0.0:
                continue
            G = y[i] * float(w @ X[i]) - 1.0
            # Projected gradient: zero where a bound is active in the direction of descent.
            if alpha[i] == 0.0:
                projected = min(G, 0.0)
            elif alpha[i] == upper[i]:
                projected = max(G, 0.0)
            else:
                projected = G
            largest, smallest = max(largest, projected), min(smallest, projected)
            if projected != 0.0:
                old = alpha[i]
                alpha[i] = min(max(old - G / Q_diag[i], 0.0), upper[i])
                w += (alpha[i] - old) * y[i] * X[i]
        if largest - smallest < tol:
            return w, epoch, True
    return w, max_iter, False


class LinearSVC(ClassifierMixin, BaseEstimator):
    """Linear SVM trained in the primal (squared hinge) or by dual coordinate descent (hinge).

    Parameters
    ----------
    penalty : "l2"
    loss : {"squared_hinge", "hinge"}, default="squared_hinge"
    dual : "auto" or bool
        Kept for compatibility; the solver follows ``loss``.
    tol : float, default=1e-4
    C : float, default=1.0
    multi_class : "ovr"
    fit_intercept : bool, default=True
    intercept_scaling : float, default=1
        Value of the constant feature that carries the (regularised) bias.
    class_weight : None, "balanced" or dict
    verbose : int
    random_state : int, RandomState or None
        Order of the coordinates in dual coordinate descent.
    max_iter : int, default=1000

    Attributes
    ----------
    classes_, coef_ (1 or n_classes, n_features), intercept_, n_iter_, n_features_in_

    Raises
    ------
    DomainError
        Unsupported options or a single class.
    """

    def __init__(
        self,
        penalty: str = "l2",
        loss: str = "squared_hinge",
        *,
        dual: Any = "auto",
        tol: float = 1e-4,
        C: float = 1.0,
        multi_class: str = "ovr",
        fit_intercept: bool = True,
        intercept_scaling: float = 1,
        class_weight: Any = None,
        verbose: int = 0,
        random_state: Any = None,
        max_iter: int = 1000,
    ) -> None:
        self.penalty = penalty
        self.loss = loss
        self.dual = dual
        self.tol = tol
        self.C = C
        self.multi_class = multi_class
        self.fit_intercept = fit_intercept
        self.intercept_scaling = intercept_scaling
        self.class_weight = class_weight
        self.verbose = verbose
        self.random_state = random_state
        self.max_iter = max_iter

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> LinearSVC:
        """Train one linear SVM (or one per class); returns ``self``."""
        from mml.optim import minimize

        if self.penalty != "l2" or self.multi_class != "ovr":
            raise DomainError("Only penalty='l2' and multi_class='ovr' are provided.")
        if self.loss not in ("squared_hinge", "hinge"):
            raise DomainError(f"loss must be 'squared_hinge' or 'hinge', got {self.loss!r}.")
        if not self.C > 0:
            raise DomainError(f"C must be positive, got {self.C!r}.")
        self._validate_params_positive(max_iter=self.max_iter)
        X, y = check_X_y(X, y)
        weights = check_sample_weight(sample_weight, X.shape[0])
        self.classes_, index = encode_classes(y, type(self).__name__)
        upper = (
            self.C
            * weights
            * class_weights(self.class_weight, self.classes_, index, weights)[index]
        )
        Xt = (
            np.hstack([X, np.full((X.shape[0], 1), float(self.intercept_scaling))])
            if self.fit_intercept
            else X
        )
        rng = check_random_state(self.random_state)
        problems = (
            [index == 1]
            if self.classes_.size == 2
            else [index == k for k in range(self.classes_.size)]
        )
        solutions, iterations, converged = [], [], True
        for positive in problems:
            signs = np.where(positive, 1.0, -1.0)
            if self.loss == "squared_hinge":
                result = minimize(
                    squared_hinge_objective,
                    np.zeros(Xt.shape[1]),
                    args=(Xt, signs, upper),
                    method="lbfgs",
                    jac=True,
                    options={"maxiter": self.max_iter, "gtol": self.tol, "keep_history": False},
                )
                w, n_iter, ok = np.asarray(result.x), int(result.nit), bool(result.success)
            else:
                w, n_iter, ok = _dual_coordinate_descent(
                    Xt, signs, upper, self.tol, self.max_iter, rng
                )
            solutions.append(w)
            iterations.append(n_iter)
            converged = converged and (ok or n_iter < self.max_iter)
        if not converged:
            warnings.warn(
                "Liblinear-style solver failed to converge, increase the number of iterations.",
                interoperable_warning(ConvergenceWarning),
                stacklevel=2,
            )
        W = np.array(solutions)
        d = X.shape[1]
        self.coef_ = W[:, :d].copy()
        self.intercept_ = (
            W[:, d] * float(self.intercept_scaling) if self.fit_intercept else np.zeros(len(W))
        )
        self.n_iter_ = int(max(iterations))
        self.n_features_in_ = d
        return self

    def decision_function(self, X: Any) -> np.ndarray:
        """:math:`w^\\top x + b`: ``(n,)`` for two classes, ``(n, K)`` otherwise."""
        check_is_fitted(self)
        X = check_array(X)
        check_n_features(self, X)
        scores = X @ self.coef_.T + self.intercept_
        return scores[:, 0] if scores.shape[1] == 1 else scores

    def predict(self, X: Any) -> np.ndarray:
        """The sign of the score, or the class with the largest score."""
        scores = self.decision_function(X)
        if scores.ndim == 1:
            return self.classes_[(scores > 0).astype(int)]
        return self.classes_[scores.argmax(axis=1)]
