"""Support vector classification with kernels, solved by SMO (MML book ch. 12).

The decision function is :math:`f(x) = \\sum_{i \\in SV} y_i \\alpha_i k(x_i, x) + b`
(eq. 12.x), where the :math:`\\alpha_i` solve the dual by :func:`mml.models.smo.smo`;
only the support vectors (:math:`\\alpha_i > 0`) are kept. With more than two classes
one binary SVM per class is trained against the rest (one-vs-rest), and the class
with the largest decision value wins.

Examples
--------
>>> import numpy as np
>>> from mml.models import SVC
>>> X = np.array([[0.0, 0.0], [1.0, 1.0], [3.0, 3.0], [4.0, 4.0]])
>>> model = SVC(kernel="linear", C=10.0).fit(X, [0, 0, 1, 1])
>>> model.support_.tolist(), model.predict([[0.5, 0.0], [3.5, 4.0]]).tolist()
([1, 2], [0, 1])
"""

from __future__ import annotations

import numbers
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
from mml.models.logistic_regression import class_weights
from mml.models.perceptron import encode_classes
from mml.models.smo import Kernel, KernelCache, smo

__all__ = ["SVC"]


class SVC(ClassifierMixin, BaseEstimator):
    """C-support vector classifier with scikit-learn's interface.

    Parameters
    ----------
    C : float, default=1.0
        Penalty on slack; the box constraint :math:`0 \\le \\alpha_i \\le C`.
    kernel : {"linear", "poly", "rbf", "sigmoid"}, default="rbf"
    degree : int, default=3
    gamma : "scale", "auto" or float
        "scale" is :math:`1/(D \\operatorname{Var}(X))`, "auto" is :math:`1/D`.
    coef0 : float, default=0.0
    shrinking : bool
        Kept for compatibility (the solver does not shrink).
    probability : "deprecated"
        Kept for compatibility; probability estimates are not provided.
    tol : float, default=1e-3
        KKT tolerance of SMO.
    cache_size : float, default=200
        Kernel cache in MB.
    class_weight : None, "balanced" or dict
        Multiplies ``C`` per class.
    verbose, break_ties, random_state
        Kept for compatibility.
    max_iter : int, default=-1
        SMO iterations per binary problem (-1: no limit).
    decision_function_shape : "ovr"
        Only one-vs-rest is provided.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    support_ : ndarray of shape (n_SV,)
        Indices of the support vectors (of any of the binary problems), grouped by class.
    support_vectors_ : ndarray of shape (n_SV, n_features)
    dual_coef_ : ndarray of shape (1, n_SV) or (n_classes, n_SV)
        :math:`y_i \\alpha_i` for each binary problem (row ``k``: class ``k`` versus the
        rest; a single row for two classes, positive for ``classes_[1]``).
    intercept_ : ndarray of shape (1,) or (n_classes,)
    n_support_ : ndarray of shape (n_classes,)
        Support vectors of each class.
    n_iter_ : ndarray
        SMO iterations of each binary problem.
    n_features_in_ : int

    Raises
    ------
    DomainError
        Invalid parameters or a single class.
    """

    def __init__(
        self,
        *,
        C: float = 1.0,
        kernel: str = "rbf",
        degree: int = 3,
        gamma: Any = "scale",
        coef0: float = 0.0,
        shrinking: bool = True,
        probability: Any = "deprecated",
        tol: float = 1e-3,
        cache_size: float = 200,
        class_weight: Any = None,
        verbose: bool = False,
        max_iter: int = -1,
        decision_function_shape: str = "ovr",
        break_ties: bool = False,
        random_state: Any = None,
    ) -> None:
        self.C = C
        self.kernel = kernel
        self.degree = degree
        self.gamma = gamma
        self.coef0 = coef0
        self.shrinking = shrinking
        self.probability = probability
        self.tol = tol
        self.cache_size = cache_size
        self.class_weight = class_weight
        self.verbose = verbose
        self.max_iter = max_iter
        self.decision_function_shape = decision_function_shape
        self.break_ties = break_ties
        self.random_state = random_state

    def _kernel_function(self, X: np.ndarray) -> Kernel:
        if isinstance(self.gamma, str):
            if self.gamma == "scale":
                variance = float(X.var())
                gamma = 1.0 / (X.shape[1] * variance) if variance > 0 else 1.0
            elif self.gamma == "auto":
                gamma = 1.0 / X.shape[1]
            else:
                raise DomainError(
                    f"gamma must be 'scale', 'auto' or a positive float, got {self.gamma!r}."
                )
        elif isinstance(self.gamma, numbers.Real) and self.gamma > 0:
            gamma = float(self.gamma)
        else:
            raise DomainError(
                f"gamma must be 'scale', 'auto' or a positive float, got {self.gamma!r}."
            )
        self._gamma = gamma
        kernels = ("linear", "poly", "rbf", "sigmoid")
        if self.kernel not in kernels:
            raise DomainError(f"kernel must be one of {kernels}, got {self.kernel!r}.")
        return Kernel(self.kernel, gamma, float(self.coef0), int(self.degree))

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> SVC:
        """Solve one dual problem (or one per class) by SMO; returns ``self``."""
        X, y = check_X_y(X, y)
        if not (isinstance(self.C, numbers.Real) and self.C > 0):
            raise DomainError(f"C must be positive, got {self.C!r}.")
        if self.decision_function_shape != "ovr":
            raise DomainError("Only decision_function_shape='ovr' is provided.")
        weights = check_sample_weight(sample_weight, X.shape[0])
        self.classes_, index = encode_classes(y, type(self).__name__)
        box = (
            self.C
            * weights
            * class_weights(self.class_weight, self.classes_, index, weights)[index]
        )
        kernel = self._kernel_function(X)
        self._kernel = kernel
        cache = KernelCache(X, kernel, self.cache_size)
        n_classes = self.classes_.size
        targets = [index == 1] if n_classes == 2 else [index == k for k in range(n_classes)]
        alphas, rhos, iterations = [], [], []
        for positive in targets:
            signs = np.where(positive, 1.0, -1.0)
            result = smo(cache, signs, box, tol=self.tol, max_iter=self.max_iter)
            if not result.converged:
                warnings.warn(
                    f"Solver terminated early (max_iter={self.max_iter}). Consider "
                    "pre-processing your data with StandardScaler.",
                    interoperable_warning(ConvergenceWarning),
                    stacklevel=2,
                )
            alphas.append(result.alpha * signs)
            rhos.append(result.rho)
            iterations.append(result.n_iter)
        coefficients = np.array(alphas)  # (n_problems, N): y_i alpha_i
        support = np.flatnonzero(np.any(coefficients != 0, axis=0))
        # Grouped by class, then by position, as libsvm (and scikit-learn) order them.
        support = support[np.argsort(index[support], kind="stable")]
        self.support_ = support
        self.support_vectors_ = X[support]
        self.dual_coef_ = coefficients[:, support]
        self.intercept_ = -np.array(rhos)
        self.n_support_ = np.bincount(index[support], minlength=n_classes).astype(np.int32)
        self.n_iter_ = np.array(iterations)
        self.fit_status_ = 0
        self.shape_fit_ = X.shape
        self.n_features_in_ = X.shape[1]
        return self

    def decision_function(self, X: Any) -> np.ndarray:
        """:math:`f(x) = \\sum_i y_i\\alpha_i k(x_i, x) + b`: ``(n,)`` binary, ``(n, K)`` else."""
        check_is_fitted(self)
        X = check_array(X)
        check_n_features(self, X)
        if self.support_vectors_.shape[0] == 0:
            scores = np.zeros((X.shape[0], self.dual_coef_.shape[0])) + self.intercept_
        else:
            scores = self._kernel(X, self.support_vectors_) @ self.dual_coef_.T + self.intercept_
        return scores[:, 0] if scores.shape[1] == 1 else scores

    def predict(self, X: Any) -> np.ndarray:
        """The sign of :math:`f` (two classes) or the class with the largest :math:`f_k`."""
        scores = self.decision_function(X)
        if scores.ndim == 1:
            return self.classes_[(scores > 0).astype(int)]
        return self.classes_[scores.argmax(axis=1)]

    def _tag_overrides(self) -> dict[str, Any]:
        return {"input_tags.pairwise": False}
