"""Exhaustive grid search over hyperparameters with cross-validation (MML book §8.3.3).

For every combination :math:`\\theta` in the grid, the mean cross-validated score
:math:`\\bar s(\\theta) = \\frac1K \\sum_k s_k(\\theta)` is computed; the best
:math:`\\theta` is then refitted on all the data.

Examples
--------
>>> import numpy as np
>>> from mml.model_selection import GridSearchCV
>>> from mml.models import KMeans
>>> X = np.r_[np.zeros((6, 1)), np.full((6, 1), 10.0)] + np.arange(12)[:, None] * 0.01
>>> search = GridSearchCV(KMeans(random_state=0), {"n_clusters": [1, 2]}, cv=3).fit(X)
>>> search.best_params_
{'n_clusters': 2}
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np

from mml.errors import DomainError
from mml.model_selection.scoring import check_scoring
from mml.model_selection.split import check_cv
from mml.model_selection.validation import _fit_and_score
from mml.models._base import BaseEstimator, clone, is_classifier
from mml.models._validation import check_is_fitted

__all__ = ["ParameterGrid", "GridSearchCV"]


class ParameterGrid:
    """Every combination of the listed parameter values, in scikit-learn's order.

    ``param_grid`` is a dict ``name -> list of values`` or a list of such dicts;
    keys are visited in sorted order, the last key varying fastest.

    Raises
    ------
    DomainError
        A value list that is empty or not a sequence.

    Examples
    --------
    >>> list(ParameterGrid({"b": [1, 2], "a": ["x"]}))
    [{'a': 'x', 'b': 1}, {'a': 'x', 'b': 2}]
    """

    def __init__(self, param_grid: Mapping | list) -> None:
        grids = [param_grid] if isinstance(param_grid, Mapping) else list(param_grid)
        for grid in grids:
            if not isinstance(grid, Mapping):
                raise DomainError(
                    f"Parameter grid should be a dict or a list of dicts, got {grid!r}."
                )
            for name, values in grid.items():
                if isinstance(values, (str, bytes)) or not hasattr(values, "__len__"):
                    raise DomainError(
                        f"Parameter grid for parameter {name!r} needs to be a list or a numpy "
                        f"array, but got {values!r}."
                    )
                if len(values) == 0:
                    raise DomainError(f"Parameter grid for parameter {name!r} is empty.")
        self.param_grid = grids

    def __iter__(self) -> Iterator[dict]:
        for grid in self.param_grid:
            items = sorted(grid.items())
            if not items:
                yield {}
                continue
            keys, values = zip(*items, strict=True)
            for combination in itertools.product(*values):
                yield dict(zip(keys, combination, strict=True))

    def __len__(self) -> int:
        return sum(
            int(np.prod([len(v) for v in grid.values()])) if grid else 1 for grid in self.param_grid
        )


def _rank_min(scores: np.ndarray) -> np.ndarray:
    """Rank 1 for the best (largest) score, ties share the smallest rank, NaN last."""
    filled = np.where(np.isnan(scores), -np.inf, scores)
    ranks = np.array([1 + np.sum(filled > s) for s in filled], dtype=np.int32)
    nan = np.isnan(scores)
    if nan.any():
        ranks[nan] = np.sum(~nan) + 1
    return ranks


class GridSearchCV(BaseEstimator):
    """Cross-validated exhaustive search over ``param_grid``, then refit on all data.

    Parameters
    ----------
    estimator : estimator
        Ours or scikit-learn's.
    param_grid : dict or list of dicts
    scoring : None, str, callable, list or dict
        None uses ``estimator.score``; several metrics need ``refit`` to name one.
    n_jobs, verbose, pre_dispatch
        Accepted for compatibility; the fits run one after another.
    refit : bool or str, default=True
    cv : int, splitter or iterable, default=None (5-fold)
    error_score : "raise" or float, default=nan
    return_train_score : bool, default=False

    Attributes
    ----------
    cv_results_ : dict of arrays
        ``params``, ``param_<name>``, ``split<k>_test_score``, ``mean_test_score``,
        ``std_test_score``, ``rank_test_score``, fit and score times.
    best_index_, best_params_, best_score_, best_estimator_, n_splits_, scorer_

    Examples
    --------
    >>> from mml.models import Perceptron
    >>> X = np.array([[-3.0], [-2.0], [-1.0], [1.0], [2.0], [3.0]])
    >>> y = [0, 0, 0, 1, 1, 1]
    >>> GridSearchCV(Perceptron(), {"eta0": [0.1, 1.0]}, cv=3).fit(X, y).best_score_
    1.0
    """

    def __init__(
        self,
        estimator: Any,
        param_grid: Any,
        *,
        scoring: Any = None,
        n_jobs: int | None = None,
        refit: Any = True,
        cv: Any = None,
        verbose: int = 0,
        pre_dispatch: Any = "2*n_jobs",
        error_score: Any = np.nan,
        return_train_score: bool = False,
    ) -> None:
        self.estimator = estimator
        self.param_grid = param_grid
        self.scoring = scoring
        self.n_jobs = n_jobs
        self.refit = refit
        self.cv = cv
        self.verbose = verbose
        self.pre_dispatch = pre_dispatch
        self.error_score = error_score
        self.return_train_score = return_train_score

    @property
    def _estimator_type(self) -> str | None:  # type: ignore[override]
        return getattr(self.estimator, "_estimator_type", None)

    def fit(self, X: Any, y: Any = None, **params: Any) -> GridSearchCV:
        """Score every candidate on every split; refit the best one on all of ``X``."""
        candidates = list(ParameterGrid(self.param_grid))
        scorer = check_scoring(self.estimator, self.scoring)
        multimetric = isinstance(scorer, dict)
        if multimetric and self.refit is not False and self.refit not in scorer:
            raise DomainError(
                "For multi-metric scoring, refit must be the name of the metric used to pick "
                f"the best parameters (one of {sorted(scorer)}), or False; got {self.refit!r}."
            )
        splitter = check_cv(self.cv, y, classifier=is_classifier(self.estimator))
        splits = list(splitter.split(X, y))
        runs = [
            [
                _fit_and_score(
                    clone(self.estimator).set_params(**candidate),
                    X,
                    y,
                    scorer,
                    train,
                    test,
                    params=params,
                    return_train_score=self.return_train_score,
                    error_score=self.error_score,
                )
                for train, test in splits
            ]
            for candidate in candidates
        ]
        self.cv_results_ = self._results(candidates, runs, list(scorer) if multimetric else None)
        self.n_splits_ = len(splits)
        self.scorer_ = scorer
        self.multimetric_ = multimetric
        if self.refit is not False:
            key = f"rank_test_{self.refit}" if multimetric else "rank_test_score"
            self.best_index_ = int(np.argmin(self.cv_results_[key]))
            mean_key = f"mean_test_{self.refit}" if multimetric else "mean_test_score"
            self.best_score_ = float(self.cv_results_[mean_key][self.best_index_])
            self.best_params_ = candidates[self.best_index_]
            self.best_estimator_ = clone(self.estimator).set_params(**self.best_params_)
            if y is None:
                self.best_estimator_.fit(X, **params)
            else:
                self.best_estimator_.fit(X, y, **params)
            if hasattr(self.best_estimator_, "n_features_in_"):
                self.n_features_in_ = self.best_estimator_.n_features_in_
        return self

    def _results(self, candidates: list, runs: list, metric_names: list | None) -> dict:
        results: dict[str, Any] = {}
        for timing in ("fit_time", "score_time"):
            values = np.array([[r[timing] for r in run] for run in runs])
            results[f"mean_{timing}"] = values.mean(axis=1)
            results[f"std_{timing}"] = values.std(axis=1)
        names = sorted({name for candidate in candidates for name in candidate})
        for name in names:
            column = np.ma.masked_all(len(candidates), dtype=object)
            for i, candidate in enumerate(candidates):
                if name in candidate:
                    column[i] = candidate[name]
            results[f"param_{name}"] = column
        results["params"] = candidates
        sets = ["test"] + (["train"] if self.return_train_score else [])
        for which in sets:
            for metric in metric_names or [None]:
                suffix = metric or "score"
                scores = np.array(
                    [
                        [
                            r[f"{which}_scores"] if metric is None else r[f"{which}_scores"][metric]
                            for r in run
                        ]
                        for run in runs
                    ]
                )
                for k in range(scores.shape[1]):
                    results[f"split{k}_{which}_{suffix}"] = scores[:, k]
                results[f"mean_{which}_{suffix}"] = scores.mean(axis=1)
                results[f"std_{which}_{suffix}"] = scores.std(axis=1)
                if which == "test":
                    results[f"rank_test_{suffix}"] = _rank_min(scores.mean(axis=1))
        return results

    def _best(self) -> Any:
        check_is_fitted(self, "best_estimator_")
        return self.best_estimator_

    @property
    def classes_(self) -> np.ndarray:
        """The classes of the refitted best estimator."""
        return self._best().classes_

    def predict(self, X: Any) -> np.ndarray:
        """``best_estimator_.predict``."""
        return self._best().predict(X)

    def predict_proba(self, X: Any) -> np.ndarray:
        """``best_estimator_.predict_proba``."""
        return self._best().predict_proba(X)

    def decision_function(self, X: Any) -> np.ndarray:
        """``best_estimator_.decision_function``."""
        return self._best().decision_function(X)

    def transform(self, X: Any) -> np.ndarray:
        """``best_estimator_.transform``."""
        return self._best().transform(X)

    def score(self, X: Any, y: Any = None) -> float:
        """The refit metric of ``best_estimator_`` on ``(X, y)``."""
        best = self._best()
        scorer = self.scorer_[self.refit] if self.multimetric_ else self.scorer_
        return float(scorer(best, X, y))
