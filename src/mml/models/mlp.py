"""Multi-layer perceptrons with scikit-learn's interface, trained on ``mml.nn`` (MML book §5.6).

The network is :class:`mml.nn.MLP` (``Linear`` layers with an activation between
them), the gradients come from ``mml.autodiff`` by backpropagation, and the updates
from :class:`mml.optim.Adam` or :class:`mml.optim.SGD`. The objective per mini-batch
:math:`B` is scikit-learn's

.. math:: \\frac{1}{|B|}\\sum_{i \\in B} \\ell(f(x_i), y_i) + \\frac{\\alpha}{2|B|}\\sum_k \\lVert W_k\\rVert_F^2 ,

with :math:`\\ell` the cross-entropy (classifier; one logistic output for two classes)
or half the squared error (regressor). Biases are not penalised.

Examples
--------
>>> import numpy as np
>>> from mml.models import MLPClassifier
>>> X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
>>> y = [0, 1, 1, 0]
>>> model = MLPClassifier(hidden_layer_sizes=(8,), activation="tanh", solver="adam",
...                       learning_rate_init=0.05, max_iter=500, random_state=0).fit(X, y)
>>> model.predict(X).tolist()
[0, 1, 1, 0]
"""

from __future__ import annotations

import math
import numbers
import warnings
from typing import Any

import numpy as np

from mml.errors import DomainError
from mml.models._base import BaseEstimator, ClassifierMixin, RegressorMixin
from mml.models._sklearn_compat import interoperable_warning
from mml.models._validation import (
    ConvergenceWarning,
    check_array,
    check_is_fitted,
    check_n_features,
    check_random_state,
    check_X_y,
)
from mml.models.perceptron import encode_classes

__all__ = ["MLPClassifier", "MLPRegressor"]

_ACTIVATIONS = {"identity": "identity", "logistic": "sigmoid", "tanh": "tanh", "relu": "relu"}


class _BaseMLP(BaseEstimator):
    """Training loop shared by the classifier and the regressor."""

    def __init__(
        self,
        hidden_layer_sizes: Any = (100,),
        activation: str = "relu",
        *,
        solver: str = "adam",
        alpha: float = 0.0001,
        batch_size: Any = "auto",
        learning_rate_init: float = 0.001,
        max_iter: int = 200,
        shuffle: bool = True,
        random_state: Any = None,
        tol: float = 1e-4,
        momentum: float = 0.9,
        nesterovs_momentum: bool = True,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float = 1e-8,
        n_iter_no_change: int = 10,
    ) -> None:
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.solver = solver
        self.alpha = alpha
        self.batch_size = batch_size
        self.learning_rate_init = learning_rate_init
        self.max_iter = max_iter
        self.shuffle = shuffle
        self.random_state = random_state
        self.tol = tol
        self.momentum = momentum
        self.nesterovs_momentum = nesterovs_momentum
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.n_iter_no_change = n_iter_no_change

    # -------------------------------------------------------------- building

    def _check_parameters(self) -> tuple[int, ...]:
        sizes = self.hidden_layer_sizes
        sizes = (sizes,) if isinstance(sizes, numbers.Integral) else tuple(sizes)
        if any(not isinstance(s, numbers.Integral) or s < 1 for s in sizes):
            raise DomainError(f"hidden_layer_sizes must be positive integers, got {sizes!r}.")
        if self.activation not in _ACTIVATIONS:
            raise DomainError(
                f"activation must be one of {sorted(_ACTIVATIONS)}, got {self.activation!r}."
            )
        if self.solver not in ("adam", "sgd"):
            raise DomainError(f"solver must be 'adam' or 'sgd', got {self.solver!r}.")
        if self.alpha < 0:
            raise DomainError(f"alpha must be >= 0, got {self.alpha!r}.")
        self._validate_params_positive(
            learning_rate_init=self.learning_rate_init, max_iter=self.max_iter
        )
        return sizes

    def _build(self, n_inputs: int, n_outputs: int, rng: np.random.RandomState) -> None:
        from mml.nn import MLP

        sizes = [n_inputs, *self._check_parameters(), n_outputs]
        net = MLP(sizes, activation=_ACTIVATIONS[self.activation], dtype=np.float64, rng=0)
        # scikit-learn's Glorot initialisation: U(-b, b), b = sqrt(factor / (fan_in + fan_out)).
        factor = 2.0 if self.activation == "logistic" else 6.0
        for layer in net:
            if hasattr(layer, "weight"):
                fan_out, fan_in = layer.weight.shape
                bound = math.sqrt(factor / (fan_in + fan_out))
                layer.weight.data[...] = rng.uniform(-bound, bound, size=(fan_in, fan_out)).T
                layer.bias.data[...] = rng.uniform(-bound, bound, size=fan_out)
        self._net = net

    def _optimizer(self) -> Any:
        from mml.optim import SGD, Adam

        weights = [layer.weight for layer in self._net if hasattr(layer, "weight")]
        biases = [layer.bias for layer in self._net if hasattr(layer, "weight")]
        groups = [{"params": weights}, {"params": biases, "weight_decay": 0.0}]
        if self.solver == "adam":
            return Adam(
                groups,
                lr=self.learning_rate_init,
                betas=(self.beta_1, self.beta_2),
                eps=self.epsilon,
            )
        return SGD(
            groups,
            lr=self.learning_rate_init,
            momentum=self.momentum,
            nesterov=self.nesterovs_momentum and self.momentum > 0,
        )

    # -------------------------------------------------------------- training

    def _train(self, X: np.ndarray, Y: np.ndarray) -> None:
        rng = check_random_state(self.random_state)
        n = X.shape[0]
        self._build(X.shape[1], Y.shape[1] if Y.ndim == 2 else 1, rng)
        optimizer = self._optimizer()
        batch = min(200, n) if self.batch_size == "auto" else int(np.clip(self.batch_size, 1, n))
        self.loss_curve_: list[float] = []
        self.best_loss_, no_improvement = np.inf, 0
        self.t_ = 0
        order = np.arange(n)
        epoch = 0
        for epoch in range(1, self.max_iter + 1):  # noqa: B007 - n_iter_ is reported
            if self.shuffle:
                rng.shuffle(order)
            total = 0.0
            for start in range(0, n, batch):
                rows = order[start : start + batch]
                size = rows.size
                # The L2 term (alpha / 2|B|) ||W||^2 enters as weight decay alpha / |B| on W.
                optimizer.param_groups[0]["weight_decay"] = self.alpha / size
                optimizer.zero_grad()
                loss = self._loss(self._net(X[rows]), Y[rows])
                loss.backward()
                # The reported loss includes the penalty at the weights the batch was scored with.
                penalty = sum(
                    float(np.einsum("ij,ij->", layer.weight.data, layer.weight.data))
                    for layer in self._net
                    if hasattr(layer, "weight")
                )
                optimizer.step()
                total += (float(loss.item()) + 0.5 * self.alpha * penalty / size) * size
                self.t_ += size
            self.loss_ = total / n
            self.loss_curve_.append(self.loss_)
            no_improvement = no_improvement + 1 if self.loss_ > self.best_loss_ - self.tol else 0
            self.best_loss_ = min(self.best_loss_, self.loss_)
            if no_improvement > self.n_iter_no_change:
                break
        else:
            warnings.warn(
                f"Stochastic Optimizer: Maximum iterations ({self.max_iter}) reached and the "
                "optimization hasn't converged yet.",
                interoperable_warning(ConvergenceWarning),
                stacklevel=3,
            )
        self.n_iter_ = epoch
        linear = [layer for layer in self._net if hasattr(layer, "weight")]
        self.coefs_ = [layer.weight.data.T.copy() for layer in linear]
        self.intercepts_ = [layer.bias.data.copy() for layer in linear]
        self.n_layers_ = len(linear) + 1
        self.n_features_in_ = X.shape[1]

    def _forward(self, X: Any) -> np.ndarray:
        check_is_fitted(self)
        X = check_array(X)
        check_n_features(self, X)
        A = X
        activation = {
            "identity": lambda Z: Z,
            "logistic": lambda Z: 1.0 / (1.0 + np.exp(-Z)),
            "tanh": np.tanh,
            "relu": lambda Z: np.maximum(Z, 0.0),
        }[self.activation]
        for k, (W, b) in enumerate(zip(self.coefs_, self.intercepts_, strict=True)):
            A = A @ W + b
            if k < len(self.coefs_) - 1:
                A = activation(A)
        return A


class MLPClassifier(ClassifierMixin, _BaseMLP):
    """Multi-layer perceptron classifier (softmax output; one logistic output for two classes).

    Parameters are scikit-learn's (``hidden_layer_sizes``, ``activation`` in
    {"identity", "logistic", "tanh", "relu"}, ``solver`` in {"adam", "sgd"},
    ``alpha``, ``batch_size``, ``learning_rate_init``, ``max_iter``, ``shuffle``,
    ``random_state``, ``tol``, ``momentum``, ``nesterovs_momentum``, ``beta_1``,
    ``beta_2``, ``epsilon``, ``n_iter_no_change``); a constant learning rate and no
    early stopping.

    Attributes
    ----------
    classes_, loss_, best_loss_, loss_curve_, t_, coefs_, intercepts_, n_iter_,
    n_layers_, n_outputs_, out_activation_, n_features_in_
        As in scikit-learn (``coefs_[k]`` has shape ``(n_in, n_out)``).

    Raises
    ------
    DomainError
        Invalid parameters or a single class.
    """

    def _loss(self, logits: Any, target: np.ndarray) -> Any:
        from mml.nn import binary_cross_entropy_with_logits, cross_entropy

        if self.n_outputs_ == 1:
            return binary_cross_entropy_with_logits(logits, target)
        return cross_entropy(logits, target)

    def fit(self, X: Any, y: Any) -> MLPClassifier:
        """Train by mini-batch gradient descent; returns ``self``."""
        X, y = check_X_y(X, y)
        self.classes_, index = encode_classes(y, type(self).__name__)
        binary = self.classes_.size == 2
        self.n_outputs_ = 1 if binary else self.classes_.size
        self.out_activation_ = "logistic" if binary else "softmax"
        Y = index.astype(np.float64)[:, None] if binary else np.eye(self.classes_.size)[index]
        self._train(X, Y)
        return self

    def predict_proba(self, X: Any) -> np.ndarray:
        """Class probabilities, shape ``(n, n_classes)``."""
        Z = self._forward(X)
        if self.n_outputs_ == 1:
            p = 1.0 / (1.0 + np.exp(-Z[:, 0]))
            return np.column_stack([1 - p, p])
        E = np.exp(Z - Z.max(axis=1, keepdims=True))
        return E / E.sum(axis=1, keepdims=True)

    def predict_log_proba(self, X: Any) -> np.ndarray:
        """Logarithm of :meth:`predict_proba`."""
        with np.errstate(divide="ignore"):
            return np.log(self.predict_proba(X))

    def predict(self, X: Any) -> np.ndarray:
        """The most probable class."""
        proba = self.predict_proba(X)
        return self.classes_[proba.argmax(axis=1)]


class MLPRegressor(RegressorMixin, _BaseMLP):
    """Multi-layer perceptron regressor (identity output, half squared error).

    Same parameters and attributes as :class:`MLPClassifier` (no ``classes_``).
    """

    def _loss(self, output: Any, target: np.ndarray) -> Any:
        from mml.nn import mse_loss

        return mse_loss(output, target) * 0.5

    def fit(self, X: Any, y: Any) -> MLPRegressor:
        """Train by mini-batch gradient descent; returns ``self``."""
        X, y = check_X_y(X, y, multi_output=True, y_numeric=True)
        Y = y[:, None] if y.ndim == 1 else y
        self.n_outputs_ = Y.shape[1]
        self.out_activation_ = "identity"
        self._train(X, Y)
        return self

    def predict(self, X: Any) -> np.ndarray:
        """Network output: ``(n,)`` for one target, ``(n, n_targets)`` otherwise."""
        Z = self._forward(X)
        return Z[:, 0] if Z.shape[1] == 1 else Z

    def _tag_overrides(self) -> dict[str, Any]:
        return {"target_tags.multi_output": True}
