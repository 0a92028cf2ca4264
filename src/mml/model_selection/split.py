"""Splitting data for validation: hold-out split and (stratified) K-fold (MML book §8.2.4).

The splitters draw the same indices as scikit-learn's for the same ``random_state``
(``KFold``, ``StratifiedKFold`` and unstratified ``train_test_split``), so results
can be compared split by split, and each library accepts the other's splitters.

Examples
--------
>>> import numpy as np
>>> from mml.model_selection import KFold, train_test_split
>>> [test.tolist() for _, test in KFold(n_splits=3).split(np.zeros(5))]
[[0, 1], [2, 3], [4]]
>>> X_train, X_test = train_test_split(np.arange(8), test_size=0.25, random_state=0)
>>> len(X_train), len(X_test)
(6, 2)
"""

from __future__ import annotations

import math
import numbers
import warnings
from collections.abc import Iterator
from typing import Any

import numpy as np

from mml.errors import DomainError, ShapeError
from mml.models._validation import check_random_state

__all__ = ["KFold", "StratifiedKFold", "train_test_split", "check_cv"]


def _num_samples(X: Any) -> int:
    if hasattr(X, "shape") and len(X.shape) > 0:
        return int(X.shape[0])
    try:
        return len(X)
    except TypeError as exc:
        raise ShapeError(
            f"Expected a sequence or array of samples, got {type(X).__name__}."
        ) from exc


def take_rows(X: Any, indices: np.ndarray) -> Any:
    """Rows ``indices`` of ``X``, keeping its type (array, list, or DataFrame via ``iloc``).

    Examples
    --------
    >>> take_rows([10, 20, 30], np.array([2, 0]))
    [30, 10]
    """
    if X is None:
        return None
    if hasattr(X, "iloc"):
        return X.iloc[indices]
    if isinstance(X, np.ndarray) or hasattr(X, "shape") and hasattr(X, "__getitem__"):
        return X[indices]
    return [X[i] for i in indices]


class KFold:
    """K-fold cross-validation: consecutive folds, optionally after one shuffle.

    The first ``n_samples % n_splits`` folds have ``n_samples // n_splits + 1``
    samples, the rest one fewer.

    Parameters
    ----------
    n_splits : int, default=5
        At least 2.
    shuffle : bool, default=False
    random_state : int, RandomState or None
        Used only when ``shuffle``.

    Raises
    ------
    DomainError
        ``n_splits`` below 2, or above the number of samples when splitting.

    Examples
    --------
    >>> [len(test) for _, test in KFold(3).split(range(10))]
    [4, 3, 3]
    """

    def __init__(self, n_splits: int = 5, *, shuffle: bool = False, random_state: Any = None):
        if not isinstance(n_splits, numbers.Integral) or n_splits < 2:
            raise DomainError(f"k-fold cross-validation requires n_splits >= 2, got {n_splits!r}.")
        if not shuffle and random_state is not None:
            raise DomainError(
                "Setting a random_state has no effect since shuffle is False. You should leave "
                "random_state to its default (None), or set shuffle=True."
            )
        self.n_splits = int(n_splits)
        self.shuffle = shuffle
        self.random_state = random_state

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(n_splits={self.n_splits}, random_state="
            f"{self.random_state!r}, shuffle={self.shuffle})"
        )

    def get_n_splits(self, X: Any = None, y: Any = None, groups: Any = None) -> int:
        """The number of folds."""
        return self.n_splits

    def _test_folds(self, n_samples: int, y: Any) -> Iterator[np.ndarray]:
        indices = np.arange(n_samples)
        if self.shuffle:
            check_random_state(self.random_state).shuffle(indices)
        sizes = np.full(self.n_splits, n_samples // self.n_splits, dtype=int)
        sizes[: n_samples % self.n_splits] += 1
        current = 0
        for size in sizes:
            yield indices[current : current + size]
            current += size

    def split(self, X: Any, y: Any = None, groups: Any = None) -> Iterator[tuple]:
        """Yield ``(train_indices, test_indices)`` for each fold."""
        n_samples = _num_samples(X)
        if self.n_splits > n_samples:
            raise DomainError(
                f"Cannot have number of splits n_splits={self.n_splits} greater than the "
                f"number of samples: n_samples={n_samples}."
            )
        for test in self._test_folds(n_samples, y):
            mask = np.zeros(n_samples, dtype=bool)
            mask[test] = True
            yield np.flatnonzero(~mask), np.flatnonzero(mask)


class StratifiedKFold(KFold):
    """K-fold that keeps the class proportions of ``y`` in every fold.

    The samples of each class are dealt round-robin over the folds (scikit-learn's
    allocation), so fold sizes differ by at most one per class.

    Raises
    ------
    DomainError
        More folds than the largest class has members.

    Examples
    --------
    >>> y = [0, 0, 0, 0, 1, 1]
    >>> [np.take(y, test).tolist() for _, test in StratifiedKFold(2).split(np.zeros(6), y)]
    [[0, 0, 1], [0, 0, 1]]
    """

    def _test_folds(self, n_samples: int, y: Any) -> Iterator[np.ndarray]:
        y = np.asarray(y)
        if y.ndim != 1:
            raise ShapeError(f"StratifiedKFold needs 1-D class labels, got shape {y.shape}.")
        rng = check_random_state(self.random_state)
        _, first_index, y_index = np.unique(y, return_index=True, return_inverse=True)
        # Number the classes in order of first appearance, as scikit-learn does.
        _, class_perm = np.unique(first_index, return_inverse=True)
        y_encoded = class_perm[y_index.ravel()]
        n_classes = len(first_index)
        counts = np.bincount(y_encoded)
        if np.all(self.n_splits > counts):
            raise DomainError(
                f"n_splits={self.n_splits} cannot be greater than the number of members in "
                "each class."
            )
        if self.n_splits > counts.min():
            warnings.warn(
                f"The least populated class in y has only {counts.min()} members, which is "
                f"less than n_splits={self.n_splits}.",
                UserWarning,
                stacklevel=4,
            )
        y_order = np.sort(y_encoded)
        allocation = np.asarray(
            [
                np.bincount(y_order[i :: self.n_splits], minlength=n_classes)
                for i in range(self.n_splits)
            ]
        )
        test_folds = np.empty(n_samples, dtype=int)
        for k in range(n_classes):
            folds_for_class = np.arange(self.n_splits).repeat(allocation[:, k])
            if self.shuffle:
                rng.shuffle(folds_for_class)
            test_folds[y_encoded == k] = folds_for_class
        for fold in range(self.n_splits):
            yield np.flatnonzero(test_folds == fold)

    def split(self, X: Any, y: Any = None, groups: Any = None) -> Iterator[tuple]:
        """Yield ``(train_indices, test_indices)``; ``y`` is required.

        Raises
        ------
        ShapeError
            If ``y`` is missing or its length differs from ``X``.
        """
        if y is None:
            raise ShapeError("StratifiedKFold.split requires the class labels y.")
        if _num_samples(y) != _num_samples(X):
            raise ShapeError(f"X has {_num_samples(X)} samples but y has {_num_samples(y)}.")
        yield from super().split(X, y, groups)


def check_cv(cv: Any = 5, y: Any = None, *, classifier: bool = False) -> Any:
    """Turn ``cv`` into a splitter: an int gives (Stratified)KFold, a splitter is kept.

    A classifier with binary or multiclass ``y`` gets :class:`StratifiedKFold`, as in
    scikit-learn. An iterable of ``(train, test)`` pairs is wrapped as a splitter.

    Examples
    --------
    >>> check_cv(3, [0, 1, 0, 1, 0, 1], classifier=True)
    StratifiedKFold(n_splits=3, random_state=None, shuffle=False)
    """
    if cv is None:
        cv = 5
    if isinstance(cv, numbers.Integral):
        if classifier and y is not None:
            y_array = np.asarray(y)
            discrete = y_array.ndim == 1 and (
                y_array.dtype.kind not in "fc" or np.all(y_array == np.round(y_array))
            )
            if discrete:
                return StratifiedKFold(int(cv))
        return KFold(int(cv))
    if hasattr(cv, "split") and hasattr(cv, "get_n_splits"):
        return cv
    if hasattr(cv, "__iter__") and not isinstance(cv, str):
        return _PredefinedSplits(list(cv))
    raise DomainError(f"cv must be an int, a splitter or an iterable of splits, got {cv!r}.")


class _PredefinedSplits:
    def __init__(self, splits: list) -> None:
        self.splits = [(np.asarray(train), np.asarray(test)) for train, test in splits]

    def get_n_splits(self, X: Any = None, y: Any = None, groups: Any = None) -> int:
        return len(self.splits)

    def split(self, X: Any = None, y: Any = None, groups: Any = None) -> Iterator[tuple]:
        yield from self.splits


def _split_sizes(n_samples: int, test_size: Any, train_size: Any) -> tuple[int, int]:
    if test_size is None and train_size is None:
        test_size = 0.25

    def count(size: Any, rounding: Any, name: str) -> int | None:
        if size is None:
            return None
        if isinstance(size, numbers.Integral):
            if not 0 < size < n_samples:
                raise DomainError(
                    f"{name}={size} should be either positive and smaller than the number of "
                    f"samples {n_samples} or a float in the (0, 1) range."
                )
            return int(size)
        if not 0 < size < 1:
            raise DomainError(f"{name}={size} should be a float in the (0, 1) range.")
        return int(rounding(size * n_samples))

    n_test = count(test_size, math.ceil, "test_size")
    n_train = count(train_size, math.floor, "train_size")
    if n_test is None:
        n_test = n_samples - n_train
    if n_train is None:
        n_train = n_samples - n_test
    if n_train + n_test > n_samples:
        raise DomainError(
            f"The sum of train_size and test_size = {n_train + n_test}, should be smaller "
            f"than the number of samples {n_samples}."
        )
    if n_train == 0 or n_test == 0:
        raise DomainError(
            f"With n_samples={n_samples}, test_size={test_size} and train_size={train_size}, "
            "one of the sets would be empty."
        )
    return n_train, n_test


def _stratified_indices(
    y: np.ndarray, n_train: int, n_test: int, rng: np.random.RandomState
) -> tuple[np.ndarray, np.ndarray]:
    classes, y_index = np.unique(y, return_inverse=True)
    y_index = y_index.ravel()
    counts = np.bincount(y_index)
    if counts.min() < 2:
        raise DomainError(
            "The least populated class in y has only 1 member, which is too few. The minimum "
            "number of groups for any class cannot be less than 2."
        )
    if n_train < classes.size or n_test < classes.size:
        raise DomainError(
            f"The train_size = {n_train} and test_size = {n_test} should each be at least the "
            f"number of classes = {classes.size}."
        )
    # Largest-remainder allocation of the test set over the classes.
    share = counts * n_test / y.shape[0]
    n_test_per_class = np.floor(share).astype(int)
    remainder = n_test - n_test_per_class.sum()
    order = np.argsort(-(share - n_test_per_class), kind="stable")
    n_test_per_class[order[:remainder]] += 1
    n_test_per_class = np.minimum(n_test_per_class, counts - 1)
    train, test = [], []
    for k in range(classes.size):
        members = rng.permutation(np.flatnonzero(y_index == k))
        test.append(members[: n_test_per_class[k]])
        train.append(members[n_test_per_class[k] :])
    train_idx = rng.permutation(np.concatenate(train))[:n_train]
    test_idx = rng.permutation(np.concatenate(test))
    return train_idx, test_idx


def train_test_split(
    *arrays: Any,
    test_size: Any = None,
    train_size: Any = None,
    random_state: Any = None,
    shuffle: bool = True,
    stratify: Any = None,
) -> list:
    """Split arrays into random train and test subsets (scikit-learn's signature).

    Float sizes are fractions (test rounded up, train down); ints are counts; the
    default test fraction is 0.25. Without ``stratify`` the split is the one
    scikit-learn draws for the same ``random_state``. With ``stratify=y`` each class
    keeps its proportion in both parts (to within one sample).

    Returns
    -------
    list
        ``[a_train, a_test, b_train, b_test, ...]``, each of the input's type.

    Raises
    ------
    ShapeError
        No arrays, or arrays of different lengths.
    DomainError
        Sizes out of range, ``shuffle=False`` with ``stratify``, or a class with
        fewer than two members when stratifying.

    Examples
    --------
    >>> X_tr, X_te, y_tr, y_te = train_test_split(
    ...     np.arange(10).reshape(5, 2), [0, 1, 0, 1, 0], test_size=2, shuffle=False)
    >>> y_tr, y_te
    ([0, 1, 0], [1, 0])
    """
    if not arrays:
        raise ShapeError("At least one array required as input.")
    n_samples = _num_samples(arrays[0])
    lengths = [_num_samples(a) for a in arrays]
    if len(set(lengths)) > 1:
        raise ShapeError(f"Found input variables with inconsistent numbers of samples: {lengths}")
    n_train, n_test = _split_sizes(n_samples, test_size, train_size)
    if not shuffle:
        if stratify is not None:
            raise DomainError("Stratified train/test split is not implemented for shuffle=False.")
        train, test = np.arange(n_train), np.arange(n_train, n_train + n_test)
    elif stratify is not None:
        y = np.asarray(stratify)
        if y.shape[0] != n_samples:
            raise ShapeError(f"stratify has {y.shape[0]} entries, expected {n_samples}.")
        train, test = _stratified_indices(y, n_train, n_test, check_random_state(random_state))
    else:
        permutation = check_random_state(random_state).permutation(n_samples)
        test = permutation[:n_test]
        train = permutation[n_test : n_test + n_train]
    result = []
    for a in arrays:
        result += [take_rows(a, train), take_rows(a, test)]
    return result
