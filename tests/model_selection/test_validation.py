"""Cross-validation, grid search and curves agree with scikit-learn's, in both directions."""

from __future__ import annotations

import numpy as np
import pytest

from mml.errors import DomainError
from mml.model_selection import (
    GridSearchCV,
    KFold,
    ParameterGrid,
    StratifiedKFold,
    cross_val_score,
    cross_validate,
    learning_curve,
    validation_curve,
)
from mml.models import KMeans, Perceptron

skms = pytest.importorskip("sklearn.model_selection")
sklin = pytest.importorskip("sklearn.linear_model")
skd = pytest.importorskip("sklearn.datasets")


@pytest.fixture(scope="module")
def regression():
    return skd.make_regression(n_samples=60, n_features=4, noise=5.0, random_state=0)


@pytest.fixture(scope="module")
def blobs():
    return skd.make_blobs(n_samples=90, centers=3, random_state=0)


@pytest.mark.parametrize(
    "scoring", [None, "r2", "neg_mean_squared_error", "neg_mean_absolute_error"]
)
def test_cross_val_score_with_sklearn_estimator_equals_sklearn(regression, scoring):
    X, y = regression
    ours = cross_val_score(sklin.Ridge(alpha=1.0), X, y, cv=5, scoring=scoring)
    ref = skms.cross_val_score(sklin.Ridge(alpha=1.0), X, y, cv=5, scoring=scoring)
    np.testing.assert_allclose(ours, ref, rtol=1e-12)


def test_sklearn_cross_val_score_accepts_our_estimator_and_splitter(blobs):
    X, y = blobs
    ref = skms.cross_val_score(Perceptron(), X, y, cv=StratifiedKFold(3))
    ours = cross_val_score(Perceptron(), X, y, cv=3)
    np.testing.assert_array_equal(ours, ref)


def test_cross_validate_multimetric_and_train_scores(blobs):
    X, y = blobs
    ours = cross_validate(
        Perceptron(),
        X,
        y,
        cv=3,
        scoring=["accuracy", "f1_macro"],
        return_train_score=True,
        return_estimator=True,
        return_indices=True,
    )
    ref = skms.cross_validate(
        Perceptron(), X, y, cv=3, scoring=["accuracy", "f1_macro"], return_train_score=True
    )
    for key in ("test_accuracy", "test_f1_macro", "train_accuracy", "train_f1_macro"):
        np.testing.assert_allclose(ours[key], ref[key], rtol=1e-12)
    assert len(ours["estimator"]) == 3 and len(ours["indices"]["test"]) == 3


def test_unsupervised_cross_validate_uses_estimator_score():
    X = np.random.RandomState(0).normal(size=(30, 2))
    result = cross_validate(KMeans(n_clusters=2, random_state=0), X, cv=KFold(3))
    assert result["test_score"].shape == (3,) and np.all(result["test_score"] <= 0)


def test_failed_fit_gets_error_score_with_warning():
    X, y = np.zeros((6, 1)), np.array([0, 0, 0, 0, 0, 1])
    with pytest.warns(RuntimeWarning, match="fit failed"):
        scores = cross_val_score(Perceptron(), X, y, cv=KFold(3))
    assert np.isnan(scores).any()
    with pytest.raises(DomainError):
        cross_val_score(Perceptron(), X, y, cv=KFold(3), error_score="raise")


def test_parameter_grid_order_equals_sklearn():
    grid = [{"kernel": ["linear"], "C": [1, 10]}, {"kernel": ["rbf"], "gamma": [0.1, 1], "C": [1]}]
    assert list(ParameterGrid(grid)) == list(skms.ParameterGrid(grid))
    assert len(ParameterGrid(grid)) == len(skms.ParameterGrid(grid))


def test_grid_search_equals_sklearn_on_sklearn_estimator(regression):
    X, y = regression
    grid = {"alpha": [0.01, 1.0, 100.0], "fit_intercept": [True, False]}
    ours = GridSearchCV(sklin.Ridge(), grid, cv=4, return_train_score=True).fit(X, y)
    ref = skms.GridSearchCV(sklin.Ridge(), grid, cv=4, return_train_score=True).fit(X, y)
    assert ours.best_params_ == ref.best_params_
    assert ours.best_index_ == ref.best_index_
    for key in ("mean_test_score", "std_test_score", "mean_train_score", "split3_test_score"):
        np.testing.assert_allclose(ours.cv_results_[key], ref.cv_results_[key], rtol=1e-10)
    np.testing.assert_array_equal(
        ours.cv_results_["rank_test_score"], ref.cv_results_["rank_test_score"]
    )
    np.testing.assert_allclose(ours.predict(X), ref.predict(X))


def test_sklearn_grid_search_accepts_our_estimator(blobs):
    X, y = blobs
    grid = {"eta0": [0.01, 1.0], "fit_intercept": [True, False]}
    ours = GridSearchCV(Perceptron(), grid, cv=3).fit(X, y)
    ref = skms.GridSearchCV(Perceptron(), grid, cv=3).fit(X, y)
    assert ours.best_params_ == ref.best_params_
    np.testing.assert_allclose(
        ours.cv_results_["mean_test_score"], ref.cv_results_["mean_test_score"]
    )
    assert ours.score(X, y) == ref.score(X, y)


def test_multimetric_grid_search_refits_named_metric(blobs):
    X, y = blobs
    search = GridSearchCV(
        Perceptron(), {"eta0": [0.1, 1.0]}, scoring=["accuracy", "f1_macro"], refit="f1_macro", cv=3
    ).fit(X, y)
    assert search.best_score_ == search.cv_results_["mean_test_f1_macro"][search.best_index_]
    with pytest.raises(DomainError, match="refit"):
        GridSearchCV(Perceptron(), {"eta0": [1.0]}, scoring=["accuracy", "f1_macro"]).fit(X, y)


def test_learning_curve_equals_sklearn(regression):
    X, y = regression
    ours = learning_curve(sklin.Ridge(), X, y, cv=3, train_sizes=[0.2, 0.5, 1.0])
    ref = skms.learning_curve(sklin.Ridge(), X, y, cv=3, train_sizes=[0.2, 0.5, 1.0])
    for a, b in zip(ours, ref, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-10)


def test_validation_curve_equals_sklearn(regression):
    X, y = regression
    kwargs = dict(param_name="alpha", param_range=[0.1, 10.0, 1000.0], cv=3)
    ours = validation_curve(sklin.Ridge(), X, y, **kwargs)
    ref = skms.validation_curve(sklin.Ridge(), X, y, **kwargs)
    for a, b in zip(ours, ref, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-10)


def test_unknown_scoring_lists_valid_names(blobs):
    X, y = blobs
    with pytest.raises(DomainError, match="not a valid scoring value"):
        cross_val_score(Perceptron(), X, y, scoring="bogus")


def test_our_estimators_inside_sklearn_pipeline_and_our_grid_search_over_it(blobs):
    from sklearn.pipeline import make_pipeline

    from mml.models import LogisticRegression
    from mml.preprocessing import StandardScaler

    X, y = blobs
    pipe = make_pipeline(StandardScaler(), LogisticRegression())
    ref_scores = skms.cross_val_score(pipe, X, y, cv=3)
    np.testing.assert_allclose(cross_val_score(pipe, X, y, cv=3), ref_scores)
    search = GridSearchCV(pipe, {"logisticregression__C": [0.01, 1.0]}, cv=3).fit(X, y)
    assert search.best_estimator_.steps[-1][1].C in (0.01, 1.0)
    assert search.score(X, y) == search.best_estimator_.score(X, y)
