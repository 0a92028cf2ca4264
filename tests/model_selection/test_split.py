"""Splitters draw the same indices as scikit-learn's, and stratification keeps proportions."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.errors import DomainError, ShapeError
from mml.model_selection import KFold, StratifiedKFold, check_cv, train_test_split

skms = pytest.importorskip("sklearn.model_selection")


def same_splits(ours, ref):
    ours, ref = list(ours), list(ref)
    assert len(ours) == len(ref)
    for (a_train, a_test), (b_train, b_test) in zip(ours, ref, strict=True):
        np.testing.assert_array_equal(a_train, b_train)
        np.testing.assert_array_equal(a_test, b_test)


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 60), st.integers(2, 6), st.booleans(), st.integers(0, 1000))
def test_kfold_equals_sklearn(n, k, shuffle, seed):
    if k > n:
        with pytest.raises(DomainError, match="n_splits"):
            list(KFold(k).split(np.zeros(n)))
        return
    rs = seed if shuffle else None
    same_splits(
        KFold(k, shuffle=shuffle, random_state=rs).split(np.zeros(n)),
        skms.KFold(k, shuffle=shuffle, random_state=rs).split(np.zeros(n)),
    )


@pytest.mark.filterwarnings("ignore:The least populated class")
@settings(max_examples=30, deadline=None)
@given(st.integers(0, 1000), st.integers(2, 4), st.booleans())
def test_stratified_kfold_equals_sklearn(seed, k, shuffle):
    rng = np.random.RandomState(seed)
    y = rng.choice(["a", "b", "c"], size=40, p=[0.5, 0.3, 0.2])
    rs = seed if shuffle else None
    same_splits(
        StratifiedKFold(k, shuffle=shuffle, random_state=rs).split(np.zeros(40), y),
        skms.StratifiedKFold(k, shuffle=shuffle, random_state=rs).split(np.zeros(40), y),
    )


@settings(max_examples=30, deadline=None)
@given(st.integers(4, 80), st.floats(0.1, 0.6) | st.integers(1, 3), st.integers(0, 1000))
def test_train_test_split_equals_sklearn(n, test_size, seed):
    X, y = np.arange(2 * n).reshape(n, 2), list(range(n))
    ours = train_test_split(X, y, test_size=test_size, random_state=seed)
    ref = skms.train_test_split(X, y, test_size=test_size, random_state=seed)
    for a, b in zip(ours, ref, strict=True):
        np.testing.assert_array_equal(np.asarray(a), np.asarray(b))
    assert isinstance(ours[2], list)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 1000), st.floats(0.15, 0.5))
def test_stratified_split_keeps_class_proportions(seed, test_size):
    rng = np.random.RandomState(seed)
    y = rng.choice([0, 1, 2], size=90, p=[0.6, 0.3, 0.1])
    if np.bincount(y, minlength=3).min() < 2:
        return
    y_train, y_test = train_test_split(y, test_size=test_size, stratify=y, random_state=seed)
    assert len(y_test) == int(np.ceil(test_size * 90))
    assert sorted(np.r_[y_train, y_test].tolist()) == sorted(y.tolist())
    for label in (0, 1, 2):
        expected = np.mean(y == label) * len(y_test)
        assert abs(np.sum(y_test == label) - expected) <= 1.0


def test_check_cv_stratifies_for_classifiers_only():
    from mml.models import KMeans, Perceptron
    from mml.models._base import is_classifier

    y = [0, 1] * 5
    assert isinstance(check_cv(3, y, classifier=is_classifier(Perceptron())), StratifiedKFold)
    assert type(check_cv(3, y, classifier=is_classifier(KMeans()))) is KFold


def test_sklearn_accepts_our_splitters():
    X = np.arange(20.0).reshape(10, 2)
    same_splits(skms.check_cv(KFold(5)).split(X), KFold(5).split(X))


def test_bad_arguments_raise_typed_errors():
    with pytest.raises(DomainError, match="n_splits >= 2"):
        KFold(1)
    with pytest.raises(ShapeError, match="inconsistent"):
        train_test_split([1, 2, 3], [1, 2])
    with pytest.raises(DomainError, match="test_size"):
        train_test_split([1, 2, 3], test_size=1.5)
    with pytest.raises(DomainError, match="only 1 member"):
        train_test_split(list(range(6)), stratify=[0, 0, 0, 0, 0, 1])
    with pytest.raises(ShapeError, match="requires the class labels"):
        list(StratifiedKFold(2).split(np.zeros(4)))
