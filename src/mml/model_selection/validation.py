"""Cross-validation and the learning and validation curves (MML book §8.2.4, §8.3.3).

K-fold cross-validation estimates the generalisation error by fitting on
:math:`K-1` folds and scoring on the held-out one,
:math:`\\mathbb{E}_V[R(f, V)] \\approx \\frac{1}{K}\\sum_k R(f^{(k)}, V^{(k)})`.

All functions take scikit-learn's arguments and work with any estimator that has
``get_params``/``fit``, ours or scikit-learn's, and with any splitter that has
``split``/``get_n_splits``.

Examples
--------
>>> import numpy as np
>>> from mml.model_selection import cross_val_score
>>> from mml.models import Perceptron
>>> X = np.r_[np.zeros((5, 1)), np.ones((5, 1))]
>>> y = np.r_[np.zeros(5), np.ones(5)]
>>> cross_val_score(Perceptron(), X, y, cv=5).tolist()
[1.0, 1.0, 1.0, 1.0, 1.0]
"""

from __future__ import annotations

import numbers
import time
import warnings
from typing import Any

import numpy as np

from mml.errors import DomainError
from mml.model_selection.scoring import check_scoring
from mml.model_selection.split import _num_samples, check_cv, take_rows
from mml.models._base import clone, is_classifier

__all__ = ["cross_validate", "cross_val_score", "learning_curve", "validation_curve"]


class FitFailedWarning(RuntimeWarning):
    """A fit failed during cross-validation; its score was replaced by ``error_score``."""


def _fit_params_for(params: dict | None, n_samples: int, indices: np.ndarray) -> dict:
    routed = {}
    for key, value in (params or {}).items():
        if hasattr(value, "__len__") and not isinstance(value, str) and len(value) == n_samples:
            routed[key] = take_rows(np.asarray(value), indices)
        else:
            routed[key] = value
    return routed


def _score(scorer: Any, estimator: Any, X: Any, y: Any) -> Any:
    if isinstance(scorer, dict):
        return {name: float(s(estimator, X, y)) for name, s in scorer.items()}
    return float(scorer(estimator, X, y))


def _fit_and_score(
    estimator: Any,
    X: Any,
    y: Any,
    scorer: Any,
    train: np.ndarray,
    test: np.ndarray,
    *,
    params: dict | None,
    return_train_score: bool,
    error_score: Any,
) -> dict:
    X_train, X_test = take_rows(X, train), take_rows(X, test)
    y_train, y_test = take_rows(y, train), take_rows(y, test)
    fit_params = _fit_params_for(params, _num_samples(X), train)
    start = time.perf_counter()
    result: dict[str, Any] = {"estimator": estimator}
    try:
        if y_train is None:
            estimator.fit(X_train, **fit_params)
        else:
            estimator.fit(X_train, y_train, **fit_params)
    except Exception as exc:
        if isinstance(error_score, str) and error_score == "raise":
            raise
        if not isinstance(error_score, numbers.Number):
            raise DomainError("error_score must be 'raise' or a number.") from exc
        warnings.warn(
            f"Estimator fit failed; the score on this train-test partition is set to "
            f"{error_score}. Details: {type(exc).__name__}: {exc}",
            FitFailedWarning,
            stacklevel=4,
        )
        result["fit_time"] = time.perf_counter() - start
        result["score_time"] = 0.0
        failed = (
            {name: float(error_score) for name in scorer}
            if isinstance(scorer, dict)
            else float(error_score)
        )
        result["test_scores"] = failed
        if return_train_score:
            result["train_scores"] = failed
        return result
    result["fit_time"] = time.perf_counter() - start
    start = time.perf_counter()
    result["test_scores"] = _score(scorer, estimator, X_test, y_test)
    result["score_time"] = time.perf_counter() - start
    if return_train_score:
        result["train_scores"] = _score(scorer, estimator, X_train, y_train)
    return result


def _collect(results: list[dict], key: str, out: dict, prefix: str) -> None:
    first = results[0][key]
    if isinstance(first, dict):
        for name in first:
            out[f"{prefix}_{name}"] = np.array([r[key][name] for r in results])
    else:
        out[f"{prefix}_score"] = np.array([r[key] for r in results])


def cross_validate(
    estimator: Any,
    X: Any,
    y: Any = None,
    *,
    groups: Any = None,
    scoring: Any = None,
    cv: Any = None,
    n_jobs: int | None = None,
    verbose: int = 0,
    params: dict | None = None,
    pre_dispatch: Any = "2*n_jobs",
    return_train_score: bool = False,
    return_estimator: bool = False,
    return_indices: bool = False,
    error_score: Any = np.nan,
) -> dict:
    """Fit and score a fresh clone of ``estimator`` on each cross-validation split.

    ``n_jobs``, ``verbose`` and ``pre_dispatch`` are accepted for compatibility; the
    folds run one after another.

    Returns
    -------
    dict
        ``fit_time``, ``score_time`` and ``test_score`` (or ``test_<name>`` per
        metric), arrays of shape ``(n_splits,)``; ``train_score``, ``estimator``,
        ``indices`` when asked for.

    Examples
    --------
    >>> from mml.models import KMeans
    >>> X = np.random.RandomState(0).normal(size=(20, 2))
    >>> sorted(cross_validate(KMeans(n_clusters=2, random_state=0), X, cv=4))
    ['fit_time', 'score_time', 'test_score']
    """
    splitter = check_cv(cv, y, classifier=is_classifier(estimator))
    scorer = check_scoring(estimator, scoring)
    splits = list(splitter.split(X, y, groups))
    results = [
        _fit_and_score(
            clone(estimator),
            X,
            y,
            scorer,
            train,
            test,
            params=params,
            return_train_score=return_train_score,
            error_score=error_score,
        )
        for train, test in splits
    ]
    out: dict[str, Any] = {
        "fit_time": np.array([r["fit_time"] for r in results]),
        "score_time": np.array([r["score_time"] for r in results]),
    }
    _collect(results, "test_scores", out, "test")
    if return_train_score:
        _collect(results, "train_scores", out, "train")
    if return_estimator:
        out["estimator"] = [r["estimator"] for r in results]
    if return_indices:
        out["indices"] = {"train": [s[0] for s in splits], "test": [s[1] for s in splits]}
    return out


def cross_val_score(
    estimator: Any,
    X: Any,
    y: Any = None,
    *,
    groups: Any = None,
    scoring: Any = None,
    cv: Any = None,
    n_jobs: int | None = None,
    verbose: int = 0,
    params: dict | None = None,
    pre_dispatch: Any = "2*n_jobs",
    error_score: Any = np.nan,
) -> np.ndarray:
    """The test score of each cross-validation split, shape ``(n_splits,)``.

    Raises
    ------
    DomainError
        If ``scoring`` names several metrics (use :func:`cross_validate`).
    """
    if isinstance(scoring, (list, tuple, set, dict)):
        raise DomainError("cross_val_score takes a single metric; use cross_validate.")
    result = cross_validate(
        estimator,
        X,
        y,
        groups=groups,
        scoring=scoring,
        cv=cv,
        params=params,
        error_score=error_score,
    )
    return result["test_score"]


def learning_curve(
    estimator: Any,
    X: Any,
    y: Any,
    *,
    groups: Any = None,
    train_sizes: Any = np.linspace(0.1, 1.0, 5),  # noqa: B008 - scikit-learn's default
    cv: Any = None,
    scoring: Any = None,
    exploit_incremental_learning: bool = False,
    n_jobs: int | None = None,
    pre_dispatch: Any = "all",
    verbose: int = 0,
    shuffle: bool = False,
    random_state: Any = None,
    error_score: Any = np.nan,
    return_times: bool = False,
    params: dict | None = None,
) -> tuple:
    """Train and test scores as the training set grows (the curves of MML Figure 8.x).

    Fractions in ``train_sizes`` are of the largest training fold; each tick trains
    on the first ``n`` indices of each fold's training set.

    Returns
    -------
    train_sizes_abs : ndarray of shape (n_ticks,)
    train_scores, test_scores : ndarray of shape (n_ticks, n_splits)
    fit_times, score_times : ndarray of shape (n_ticks, n_splits), if ``return_times``

    Raises
    ------
    DomainError
        Sizes outside (0, 1] as fractions, or above the training fold as counts.
    """
    from mml.models._validation import check_random_state

    splitter = check_cv(cv, y, classifier=is_classifier(estimator))
    scorer = check_scoring(estimator, scoring)
    splits = list(splitter.split(X, y, groups))
    n_max = len(splits[0][0])
    sizes = np.asarray(train_sizes)
    if sizes.dtype.kind == "f":
        if sizes.min() <= 0 or sizes.max() > 1:
            raise DomainError(
                f"train_sizes as fractions must be within (0, 1], got [{sizes.min()}, "
                f"{sizes.max()}]."
            )
        sizes = np.clip((sizes * n_max).astype(int), 1, n_max)
    elif sizes.min() <= 0 or sizes.max() > n_max:
        raise DomainError(
            f"train_sizes as counts must be within (0, {n_max}], got [{sizes.min()}, "
            f"{sizes.max()}]."
        )
    sizes = np.unique(sizes)
    rng = check_random_state(random_state) if shuffle else None
    shape = (len(sizes), len(splits))
    train_scores, test_scores = np.empty(shape), np.empty(shape)
    fit_times, score_times = np.empty(shape), np.empty(shape)
    for j, (train, test) in enumerate(splits):
        if rng is not None:
            train = rng.permutation(train)
        for i, n in enumerate(sizes):
            r = _fit_and_score(
                clone(estimator),
                X,
                y,
                scorer,
                train[:n],
                test,
                params=params,
                return_train_score=True,
                error_score=error_score,
            )
            train_scores[i, j], test_scores[i, j] = r["train_scores"], r["test_scores"]
            fit_times[i, j], score_times[i, j] = r["fit_time"], r["score_time"]
    if return_times:
        return sizes, train_scores, test_scores, fit_times, score_times
    return sizes, train_scores, test_scores


def validation_curve(
    estimator: Any,
    X: Any,
    y: Any,
    *,
    param_name: str,
    param_range: Any,
    groups: Any = None,
    cv: Any = None,
    scoring: Any = None,
    n_jobs: int | None = None,
    pre_dispatch: Any = "all",
    verbose: int = 0,
    error_score: Any = np.nan,
    params: dict | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Train and test scores as one parameter varies (model selection, MML §8.3.3).

    Returns
    -------
    train_scores, test_scores : ndarray of shape (len(param_range), n_splits)
    """
    splitter = check_cv(cv, y, classifier=is_classifier(estimator))
    scorer = check_scoring(estimator, scoring)
    splits = list(splitter.split(X, y, groups))
    shape = (len(param_range), len(splits))
    train_scores, test_scores = np.empty(shape), np.empty(shape)
    for i, value in enumerate(param_range):
        for j, (train, test) in enumerate(splits):
            model = clone(estimator).set_params(**{param_name: value})
            r = _fit_and_score(
                model,
                X,
                y,
                scorer,
                train,
                test,
                params=params,
                return_train_score=True,
                error_score=error_score,
            )
            train_scores[i, j], test_scores[i, j] = r["train_scores"], r["test_scores"]
    return train_scores, test_scores
