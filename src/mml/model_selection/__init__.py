"""Model selection: data splits, cross-validation, grid search, learning and validation curves.

Signatures are scikit-learn's, so these functions accept scikit-learn estimators and
splitters, and scikit-learn's functions accept ours (MML book §8.2.4, §8.3.3).

Examples
--------
>>> from mml.model_selection import KFold
>>> KFold(n_splits=3).get_n_splits()
3
"""

from __future__ import annotations

from mml.model_selection.search import GridSearchCV, ParameterGrid
from mml.model_selection.split import KFold, StratifiedKFold, check_cv, train_test_split
from mml.model_selection.validation import (
    cross_val_score,
    cross_validate,
    learning_curve,
    validation_curve,
)

__all__ = [
    "GridSearchCV",
    "KFold",
    "ParameterGrid",
    "StratifiedKFold",
    "check_cv",
    "cross_val_score",
    "cross_validate",
    "learning_curve",
    "train_test_split",
    "validation_curve",
]
