"""The estimator contract, as in scikit-learn's ``base.py``.

- ``__init__`` only stores its keyword arguments, under their own names.
- ``fit`` validates the input once, learns attributes whose names end in ``_``,
  and returns ``self``.
- ``get_params``/``set_params`` read and write the constructor arguments (nested
  estimators with ``outer__inner``), which is what ``clone`` and grid search use.

The mixins add ``score``: accuracy for a classifier, :math:`R^2` for a regressor.

Examples
--------
>>> from mml.models import KMeans
>>> model = KMeans(n_clusters=3)
>>> model
KMeans(n_clusters=3)
>>> model.set_params(n_init=2).get_params()["n_init"]
2
"""

from __future__ import annotations

import copy
import inspect
from typing import Any

import numpy as np

from mml.errors import DomainError
from mml.models._sklearn_compat import sklearn_tags

__all__ = [
    "BaseEstimator",
    "ClassifierMixin",
    "RegressorMixin",
    "TransformerMixin",
    "ClusterMixin",
    "DensityMixin",
    "clone",
    "is_classifier",
    "is_regressor",
]


def _same_value(a: Any, b: Any) -> bool:
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


class BaseEstimator:
    """Base class of every ``mml`` estimator (scikit-learn's contract).

    Subclasses list every parameter as an explicit keyword of ``__init__`` (no
    ``*args``/``**kwargs``) and store it unchanged under the same name.
    """

    _estimator_type: str | None = None
    _is_transformer: bool = False

    @classmethod
    def _get_param_names(cls) -> list[str]:
        init = cls.__init__
        if init is object.__init__:
            return []
        parameters = inspect.signature(init).parameters.values()
        names = []
        for p in parameters:
            if p.name == "self":
                continue
            if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
                raise TypeError(
                    f"{cls.__name__}.__init__ must list its parameters explicitly, not {p}."
                )
            names.append(p.name)
        return sorted(names)

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """Return the constructor parameters (and, if ``deep``, those of nested estimators).

        Examples
        --------
        >>> from mml.models import KMeans
        >>> KMeans(n_clusters=2).get_params()["n_clusters"]
        2
        """
        params: dict[str, Any] = {}
        for name in self._get_param_names():
            value = getattr(self, name)
            if deep and hasattr(value, "get_params") and not isinstance(value, type):
                for key, inner in value.get_params().items():
                    params[f"{name}__{key}"] = inner
            params[name] = value
        return params

    def set_params(self, **params: Any) -> BaseEstimator:
        """Set constructor parameters, including nested ones written ``outer__inner``.

        Raises
        ------
        DomainError
            For a name that is not a parameter of this estimator.

        Examples
        --------
        >>> from mml.models import KMeans
        >>> KMeans().set_params(n_clusters=4).n_clusters
        4
        """
        if not params:
            return self
        valid = self.get_params(deep=True)
        nested: dict[str, dict[str, Any]] = {}
        for key, value in params.items():
            name, _, inner = key.partition("__")
            if name not in valid:
                raise DomainError(
                    f"Invalid parameter {name!r} for estimator {self!r}. Valid parameters "
                    f"are: {sorted(self._get_param_names())!r}."
                )
            if inner:
                nested.setdefault(name, {})[inner] = value
            else:
                setattr(self, name, value)
                valid[name] = value
        for name, inner_params in nested.items():
            valid[name].set_params(**inner_params)
        return self

    def __repr__(self) -> str:
        defaults = {
            p.name: p.default
            for p in inspect.signature(type(self).__init__).parameters.values()
            if p.name != "self"
        }
        changed = [
            f"{name}={value!r}"
            for name, value in self.get_params(deep=False).items()
            if not _same_value(value, defaults.get(name, inspect.Parameter.empty))
        ]
        return f"{type(self).__name__}({', '.join(changed)})"

    def _tag_overrides(self) -> dict[str, Any]:
        """Dotted tag paths to override in scikit-learn's ``Tags`` (see ``_sklearn_compat``)."""
        return {}

    def __sklearn_tags__(self) -> Any:
        return sklearn_tags(self)

    def _validate_params_positive(self, **values: Any) -> None:
        for name, value in values.items():
            if value is None or value <= 0:
                raise DomainError(f"{name} must be positive, got {value!r}.")


class ClassifierMixin:
    """Adds ``score`` = mean accuracy, :math:`\\frac{1}{n}\\sum_i [\\hat y_i = y_i]`."""

    _estimator_type = "classifier"

    def score(self, X: Any, y: Any, sample_weight: Any = None) -> float:
        """Mean accuracy of ``predict(X)`` against ``y`` (weighted if given)."""
        from mml.metrics import accuracy_score

        return accuracy_score(y, self.predict(X), sample_weight=sample_weight)


class RegressorMixin:
    """Adds ``score`` = the coefficient of determination :math:`R^2`."""

    _estimator_type = "regressor"

    def score(self, X: Any, y: Any, sample_weight: Any = None) -> float:
        """:math:`R^2 = 1 - \\sum_i (y_i - \\hat y_i)^2 / \\sum_i (y_i - \\bar y)^2`."""
        from mml.metrics import r2_score

        return r2_score(y, self.predict(X), sample_weight=sample_weight)


class TransformerMixin:
    """Adds ``fit_transform`` = ``fit`` followed by ``transform``."""

    _is_transformer = True

    def fit_transform(self, X: Any, y: Any = None, **fit_params: Any) -> np.ndarray:
        """Fit to ``X`` and return its transform."""
        return self.fit(X, y, **fit_params).transform(X)


class ClusterMixin:
    """Adds ``fit_predict`` returning the cluster label of each training sample."""

    _estimator_type = "clusterer"

    def fit_predict(self, X: Any, y: Any = None) -> np.ndarray:
        """Fit and return ``labels_``."""
        return self.fit(X).labels_


class DensityMixin:
    """Marks a density estimator (``score`` is the mean log-likelihood)."""

    _estimator_type = "density_estimator"


def clone(estimator: Any, *, safe: bool = True) -> Any:
    """A new unfitted estimator with the same parameters (scikit-learn's ``clone``).

    Works on any object with ``get_params``, ours or scikit-learn's; lists and
    tuples of estimators are cloned element-wise; other values are deep-copied
    when ``safe`` is False.

    Raises
    ------
    TypeError
        If ``estimator`` has no ``get_params`` and ``safe`` is True.

    Examples
    --------
    >>> from mml.models import KMeans
    >>> clone(KMeans(n_clusters=5))
    KMeans(n_clusters=5)
    """
    if isinstance(estimator, (list, tuple, set, frozenset)):
        return type(estimator)([clone(e, safe=safe) for e in estimator])
    if not hasattr(estimator, "get_params") or isinstance(estimator, type):
        if not safe:
            return copy.deepcopy(estimator)
        raise TypeError(
            f"Cannot clone object {estimator!r} ({type(estimator).__name__}): it has no "
            "get_params method, so it is not an estimator."
        )
    params = estimator.get_params(deep=False)
    new_params = {name: clone(value, safe=False) for name, value in params.items()}
    return type(estimator)(**new_params)


def _estimator_type(estimator: Any) -> str | None:
    kind = getattr(estimator, "_estimator_type", None)
    if kind is None and hasattr(estimator, "__sklearn_tags__"):
        try:
            kind = estimator.__sklearn_tags__().estimator_type
        except Exception:  # noqa: BLE001 - a foreign estimator's tags are optional
            kind = None
    return kind


def is_classifier(estimator: Any) -> bool:
    """True for a classifier (ours or scikit-learn's).

    >>> from mml.models import Perceptron
    >>> is_classifier(Perceptron())
    True
    """
    return _estimator_type(estimator) == "classifier"


def is_regressor(estimator: Any) -> bool:
    """True for a regressor (ours or scikit-learn's).

    >>> from mml.models import Perceptron
    >>> is_regressor(Perceptron())
    False
    """
    return _estimator_type(estimator) == "regressor"
