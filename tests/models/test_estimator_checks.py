"""Every mml estimator passes scikit-learn's own estimator checks.

A check is marked as an expected failure only where scikit-learn marks the same
check for its own estimator of the same name, with scikit-learn's reason
(``sklearn/utils/_test_common/instance_generator.py``, PER_ESTIMATOR_XFAIL_CHECKS).
The estimators are built with the small settings scikit-learn itself uses for
these checks (PER_ESTIMATOR_CHECK_PARAMS), to keep the suite fast.
"""

from __future__ import annotations

import warnings

import pytest

pytest.importorskip("sklearn")

from sklearn.utils.estimator_checks import parametrize_with_checks  # noqa: E402

from mml import models, preprocessing  # noqa: E402
from mml.models._validation import ConvergenceWarning  # noqa: E402

SAMPLE_WEIGHT_REASON = "sample_weight is not equivalent to removing/repeating samples."

ESTIMATORS = [
    models.KMeans(n_init=2, n_clusters=2, max_iter=5),
    models.Perceptron(max_iter=5),
    models.LogisticRegression(max_iter=5),
    models.SVC(),
    models.LinearSVC(max_iter=20),
    models.MLPClassifier(max_iter=100),
    models.MLPRegressor(max_iter=100),
    models.LinearRegression(),
    models.BayesianLinearRegression(),
    models.Ridge(),
    models.PCA(),
    models.ProbabilisticPCA(),
    models.GaussianMixture(n_init=2, max_iter=5),
    preprocessing.StandardScaler(),
    preprocessing.PolynomialFeatures(),
]

# Exactly the checks scikit-learn expects to fail for its estimator of the same name.
SKLEARN_XFAILS = {
    "KMeans": {
        "check_sample_weight_equivalence_on_dense_data": SAMPLE_WEIGHT_REASON,
        "check_sample_weight_equivalence_on_sparse_data": SAMPLE_WEIGHT_REASON,
    },
    "Ridge": {"check_non_transformer_estimators_n_iter": "n_iter_ cannot be easily accessed."},
    "LogisticRegression": {
        "check_sample_weight_equivalence_on_dense_data": SAMPLE_WEIGHT_REASON,
        "check_sample_weight_equivalence_on_sparse_data": SAMPLE_WEIGHT_REASON,
    },
    "SVC": {
        "check_sample_weight_equivalence_on_dense_data": SAMPLE_WEIGHT_REASON,
        "check_sample_weight_equivalence_on_sparse_data": SAMPLE_WEIGHT_REASON,
    },
    "Perceptron": {
        "check_sample_weight_equivalence_on_dense_data": SAMPLE_WEIGHT_REASON,
        "check_sample_weight_equivalence_on_sparse_data": SAMPLE_WEIGHT_REASON,
    },
}


def expected_failed_checks(estimator):
    return SKLEARN_XFAILS.get(type(estimator).__name__, {})


with warnings.catch_warnings():
    # scikit-learn notes that our classes do not inherit from its BaseEstimator:
    # that is by design (mml.models must work without scikit-learn).
    warnings.filterwarnings("ignore", message=".*does not inherit from")
    checks = parametrize_with_checks(ESTIMATORS, expected_failed_checks=expected_failed_checks)


@checks
def test_sklearn_compatible_estimator(estimator, check):
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*does not inherit from")
        # sklearn runs these checks with tiny max_iter on purpose (PER_ESTIMATOR_CHECK_PARAMS).
        warnings.filterwarnings("ignore", category=ConvergenceWarning)
        check(estimator)
