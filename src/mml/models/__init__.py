"""Machine-learning models from scratch, with scikit-learn's names and contract.

Every estimator stores its parameters in ``__init__``, learns in ``fit`` (which
returns ``self``), exposes fitted attributes ending in ``_``, and passes
scikit-learn's ``check_estimator``. They are built on NumPy and ``mml.linalg`` /
``mml.optim`` only; scikit-learn is needed for none of them.

Examples
--------
>>> from mml.models import KMeans
>>> KMeans(n_clusters=3).get_params()["n_clusters"]
3
"""

from __future__ import annotations

from mml.models._base import BaseEstimator, clone, is_classifier, is_regressor
from mml.models.bayesian_linear_regression import BayesianLinearRegression
from mml.models.gaussian_mixture import GaussianMixture
from mml.models.kmeans import KMeans
from mml.models.linear_regression import LinearRegression, Ridge
from mml.models.linear_svc import LinearSVC
from mml.models.logistic_regression import LogisticRegression
from mml.models.mlp import MLPClassifier, MLPRegressor
from mml.models.pca import PCA
from mml.models.perceptron import Perceptron
from mml.models.probabilistic_pca import ProbabilisticPCA
from mml.models.svm import SVC

__all__ = [
    "BaseEstimator",
    "BayesianLinearRegression",
    "GaussianMixture",
    "KMeans",
    "LinearRegression",
    "LinearSVC",
    "LogisticRegression",
    "MLPClassifier",
    "MLPRegressor",
    "PCA",
    "Perceptron",
    "ProbabilisticPCA",
    "Ridge",
    "SVC",
    "clone",
    "is_classifier",
    "is_regressor",
]
