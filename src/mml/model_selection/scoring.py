"""Scorers: functions ``scorer(estimator, X, y) -> float`` where larger is better.

Names follow scikit-learn (``"accuracy"``, ``"r2"``, ``"neg_mean_squared_error"``,
...); losses are negated so that model selection always maximises.

Examples
--------
>>> import numpy as np
>>> from mml.model_selection.scoring import get_scorer
>>> from mml.models import Perceptron
>>> X, y = np.array([[0.0], [1.0], [3.0], [4.0]]), [0, 0, 1, 1]
>>> get_scorer("accuracy")(Perceptron().fit(X, y), X, y)
1.0
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from mml import metrics
from mml.errors import DomainError

__all__ = ["get_scorer", "check_scoring", "SCORERS"]


def _predict_scorer(metric: Callable, sign: float = 1.0, **kwargs: Any) -> Callable:
    def scorer(estimator: Any, X: Any, y: Any) -> float:
        return sign * metric(y, estimator.predict(X), **kwargs)

    return scorer


def _proba_scorer(metric: Callable, sign: float = 1.0) -> Callable:
    def scorer(estimator: Any, X: Any, y: Any) -> float:
        proba = estimator.predict_proba(X)
        return sign * metric(y, proba, labels=getattr(estimator, "classes_", None))

    return scorer


def _roc_auc(estimator: Any, X: Any, y: Any) -> float:
    if hasattr(estimator, "decision_function"):
        scores = np.asarray(estimator.decision_function(X))
    else:
        scores = np.asarray(estimator.predict_proba(X))[:, 1]
    # y must be encoded so that the class scored positively is the larger one.
    classes = getattr(estimator, "classes_", np.unique(y))
    return metrics.roc_auc_score((np.asarray(y) == classes[-1]).astype(int), scores)


SCORERS: dict[str, Callable] = {
    "accuracy": _predict_scorer(metrics.accuracy_score),
    "r2": _predict_scorer(metrics.r2_score),
    "neg_mean_squared_error": _predict_scorer(metrics.mean_squared_error, -1.0),
    "neg_mean_absolute_error": _predict_scorer(metrics.mean_absolute_error, -1.0),
    "f1": _predict_scorer(metrics.f1_score),
    "f1_macro": _predict_scorer(metrics.f1_score, average="macro"),
    "f1_micro": _predict_scorer(metrics.f1_score, average="micro"),
    "f1_weighted": _predict_scorer(metrics.f1_score, average="weighted"),
    "neg_log_loss": _proba_scorer(metrics.log_loss, -1.0),
    "roc_auc": _roc_auc,
}


def get_scorer(scoring: str | Callable) -> Callable:
    """The scorer with this name (a callable is returned as it is).

    Raises
    ------
    DomainError
        For an unknown name; the message lists the known ones.
    """
    if callable(scoring):
        return scoring
    if scoring not in SCORERS:
        raise DomainError(
            f"{scoring!r} is not a valid scoring value. Valid options are {sorted(SCORERS)}."
        )
    return SCORERS[scoring]


def _default_score(estimator: Any, X: Any, y: Any) -> float:
    if y is None:
        return estimator.score(X)
    return estimator.score(X, y)


def check_scoring(estimator: Any, scoring: Any = None) -> Callable | dict[str, Callable]:
    """A scorer for ``estimator``: its own ``score`` when ``scoring`` is None.

    A list or tuple of names, or a dict name -> scorer, gives a dict of scorers
    (multi-metric evaluation).

    Raises
    ------
    DomainError
        If ``scoring`` is None and the estimator has no ``score`` method.
    """
    if scoring is None:
        if not hasattr(estimator, "score"):
            raise DomainError(
                f"If no scoring is specified, the estimator passed should have a 'score' "
                f"method. The estimator {estimator!r} does not."
            )
        return _default_score
    if isinstance(scoring, (list, tuple, set)):
        return {name: get_scorer(name) for name in scoring}
    if isinstance(scoring, dict):
        return {name: get_scorer(s) for name, s in scoring.items()}
    return get_scorer(scoring)
