"""Rosenblatt's perceptron, one-vs-rest for several classes.

For labels :math:`y_i \\in \\{-1, +1\\}` the perceptron visits the samples in turn
and, whenever one is misclassified (:math:`y_i (w^\\top x_i + b) \\le 0`), moves the
hyperplane towards it:

.. math:: w \\leftarrow w + \\eta\\, y_i x_i, \\qquad b \\leftarrow b + \\eta\\, y_i .

This is stochastic gradient descent on the loss :math:`\\max(0, -y (w^\\top x + b))`
(MML book §12.1 motivates the separating hyperplane it finds). With K > 2 classes
one perceptron per class is trained against the rest, all in the same pass.
At the end of each epoch the weights with the fewest training mistakes so far are
kept "in the pocket" (Gallant's pocket algorithm), so the result is stable on data
that no hyperplane separates.

Examples
--------
>>> import numpy as np
>>> from mml.models import Perceptron
>>> X = np.array([[0.0, 0.0], [0.0, 1.0], [2.0, 2.0], [2.0, 3.0]])
>>> Perceptron().fit(X, [0, 0, 1, 1]).predict(X).tolist()
[0, 0, 1, 1]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.errors import DomainError
from mml.models._base import BaseEstimator, ClassifierMixin
from mml.models._validation import (
    check_array,
    check_classification_targets,
    check_is_fitted,
    check_n_features,
    check_random_state,
    check_X_y,
)

__all__ = ["Perceptron"]


def encode_classes(y: np.ndarray, estimator_name: str) -> tuple[np.ndarray, np.ndarray]:
    """Sorted class labels and each sample's class index; at least two classes needed.

    Raises
    ------
    DomainError
        Fewer than two classes, or continuous targets.

    Examples
    --------
    >>> encode_classes(np.array(["b", "a", "b"]), "Perceptron")
    (array(['a', 'b'], dtype='<U1'), array([1, 0, 1]))
    """
    check_classification_targets(y)
    classes, index = np.unique(y, return_inverse=True)
    if classes.size < 2:
        raise DomainError(
            f"{estimator_name} needs samples of at least 2 classes in the data, but the data "
            f"contains only one class: {classes[0]!r}."
        )
    return classes, index.ravel()


class Perceptron(ClassifierMixin, BaseEstimator):
    """The perceptron learning rule, one-vs-rest, with scikit-learn's stopping rule.

    Parameters
    ----------
    fit_intercept : bool, default=True
    max_iter : int, default=1000
        Maximum number of passes (epochs) over the data.
    tol : float or None, default=1e-3
        Stop when the epoch's summed perceptron loss has not improved by
        ``tol * n_samples`` for ``n_iter_no_change`` epochs. None: run all epochs
        (or until an epoch makes no mistakes).
    shuffle : bool, default=True
        Visit the samples in a new random order each epoch.
    eta0 : float, default=1.0
        Learning rate :math:`\\eta`.
    n_iter_no_change : int, default=5
    random_state : int, RandomState or None, default=0

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    coef_ : ndarray of shape (1, n_features) or (n_classes, n_features)
    intercept_ : ndarray of shape (1,) or (n_classes,)
    n_iter_ : int
    n_features_in_ : int

    Examples
    --------
    >>> X = np.array([[-1.0], [-2.0], [1.0], [2.0]])
    >>> Perceptron().fit(X, [0, 0, 1, 1]).decision_function([[3.0]]) > 0
    array([ True])
    """

    def __init__(
        self,
        *,
        fit_intercept: bool = True,
        max_iter: int = 1000,
        tol: float | None = 1e-3,
        shuffle: bool = True,
        eta0: float = 1.0,
        n_iter_no_change: int = 5,
        random_state: Any = 0,
    ) -> None:
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol
        self.shuffle = shuffle
        self.eta0 = eta0
        self.n_iter_no_change = n_iter_no_change
        self.random_state = random_state

    def fit(self, X: Any, y: Any) -> Perceptron:
        """Learn one separating hyperplane per class (one for two classes)."""
        X, y = check_X_y(X, y)
        self._validate_params_positive(max_iter=self.max_iter, eta0=self.eta0)
        self.classes_, index = encode_classes(y, type(self).__name__)
        n_samples, n_features = X.shape
        n_models = 1 if self.classes_.size == 2 else self.classes_.size
        # Targets in {-1, +1}: column k is "class k versus the rest" (the larger class when binary).
        if n_models == 1:
            targets = np.where(index == 1, 1.0, -1.0)[:, None]
        else:
            targets = np.where(index[:, None] == np.arange(n_models)[None, :], 1.0, -1.0)
        rng = check_random_state(self.random_state)
        W = np.zeros((n_models, n_features))
        b = np.zeros(n_models)
        bias_step = 1.0 if self.fit_intercept else 0.0
        best_loss, no_improvement = np.inf, 0
        order = np.arange(n_samples)
        epoch = 0
        pocket = (np.inf, W.copy(), b.copy())
        for epoch in range(1, self.max_iter + 1):  # noqa: B007 - n_iter_ is reported
            if self.shuffle:
                rng.shuffle(order)
            loss = 0.0
            for i in order:
                x, t = X[i], targets[i]
                margin = t * (W @ x + b)
                wrong = margin <= 0
                if wrong.any():
                    loss -= float(margin[wrong].sum())
                    step = self.eta0 * t * wrong
                    W += step[:, None] * x[None, :]
                    b += bias_step * step
            # Pocket (Gallant 1990): keep the epoch-end weights with the fewest mistakes,
            # since on data that is not separable the last weights oscillate.
            mistakes = int(np.sum(targets * (X @ W.T + b) <= 0))
            if mistakes < pocket[0]:
                pocket = (mistakes, W.copy(), b.copy())
            if loss == 0.0:
                break
            if self.tol is not None:
                if loss > best_loss - self.tol * n_samples:
                    no_improvement += 1
                else:
                    no_improvement = 0
                best_loss = min(best_loss, loss)
                if no_improvement >= self.n_iter_no_change:
                    break
        self.coef_, self.intercept_ = pocket[1], pocket[2]
        self.n_iter_ = epoch
        self.n_features_in_ = n_features
        return self

    def decision_function(self, X: Any) -> np.ndarray:
        """Signed distances (times :math:`\\lVert w\\rVert`): ``(n,)`` binary, ``(n, K)`` else."""
        check_is_fitted(self)
        X = check_array(X)
        check_n_features(self, X)
        scores = X @ self.coef_.T + self.intercept_
        return scores[:, 0] if scores.shape[1] == 1 else scores

    def predict(self, X: Any) -> np.ndarray:
        """The class with the largest score (the sign of the score when binary)."""
        scores = self.decision_function(X)
        if scores.ndim == 1:
            return self.classes_[(scores > 0).astype(int)]
        return self.classes_[np.argmax(scores, axis=1)]
