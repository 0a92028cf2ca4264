"""Input validation shared by every estimator: one validator per kind of input.

These play the part of scikit-learn's ``check_array``, ``check_X_y``,
``check_is_fitted`` and ``check_random_state`` (``sklearn/utils/validation.py``),
but raise the errors of :mod:`mml.errors`, which are also ``ValueError`` or
``AttributeError``, so code written for scikit-learn keeps working.

Examples
--------
>>> import numpy as np
>>> from mml.models._validation import check_array
>>> check_array([[1, 2], [3, 4]]).dtype
dtype('float64')
>>> check_array([1.0, 2.0])
Traceback (most recent call last):
...
mml.errors.ShapeError: Expected 2D array, got 1D array instead: shape (2,). Reshape your data either using array.reshape(-1, 1) if your data has a single feature or array.reshape(1, -1) if it contains a single sample.
"""

from __future__ import annotations

import numbers
import warnings
from typing import Any

import numpy as np

from mml.errors import DomainError, ShapeError
from mml.models._sklearn_compat import interoperable_warning, not_fitted_error

__all__ = [
    "ConvergenceWarning",
    "DataConversionWarning",
    "check_array",
    "check_X_y",
    "column_or_1d",
    "check_is_fitted",
    "check_random_state",
    "check_classification_targets",
    "check_n_features",
    "check_sample_weight",
]


class DataConversionWarning(UserWarning):
    """Input data was converted to another shape or type (scikit-learn's name)."""


class ConvergenceWarning(UserWarning):
    """An iterative fit stopped at ``max_iter`` before meeting its tolerance (scikit-learn's name)."""


def _is_sparse(X: Any) -> bool:
    module = type(X).__module__ or ""
    return module.startswith("scipy.sparse") or hasattr(X, "tocsr")


def check_array(
    X: Any,
    *,
    ensure_2d: bool = True,
    allow_nd: bool = False,
    ensure_min_samples: int = 1,
    ensure_min_features: int = 1,
    ensure_all_finite: bool = True,
    dtype: Any = np.float64,
    input_name: str = "X",
) -> np.ndarray:
    """Validate an array-like input and return it as a NumPy array.

    Parameters
    ----------
    X : array_like
        The input, usually of shape ``(n_samples, n_features)``.
    ensure_2d : bool, default=True
        Require exactly two dimensions.
    allow_nd : bool, default=False
        Allow more than two dimensions.
    ensure_min_samples, ensure_min_features : int, default=1
        Smallest number of rows (and, for 2-D input, columns) accepted.
    ensure_all_finite : bool, default=True
        Reject NaN and infinity.
    dtype : numpy dtype or None, default=float64
        The dtype of the result; None keeps the input's dtype.
    input_name : str, default="X"
        The name used in error messages.

    Returns
    -------
    numpy.ndarray
        The validated array (a copy only where a conversion was needed).

    Raises
    ------
    ShapeError
        Wrong number of dimensions, or too few samples or features.
    DomainError
        Sparse, complex, NaN or infinite input.
    TypeError
        Entries that are not numbers (for example dicts).

    Examples
    --------
    >>> check_array([[1.0, float("nan")]])
    Traceback (most recent call last):
    ...
    mml.errors.DomainError: Input X contains NaN.
    """
    if _is_sparse(X):
        raise DomainError(
            f"Sparse data was passed for {input_name}, but dense data is required. "
            "Use '.toarray()' to convert to a dense numpy array."
        )
    array = np.asarray(X)
    if np.iscomplexobj(array):
        raise DomainError(f"Complex data not supported for {input_name}:\n{array!r}")
    if dtype is not None:
        if array.dtype.kind in "OUS" or array.dtype != dtype:
            array = array.astype(dtype)
    if ensure_2d:
        if array.ndim == 0:
            raise ShapeError(
                f"Expected 2D array, got scalar array instead: {input_name}={array!r}. "
                "Reshape your data either using array.reshape(-1, 1) if your data has a "
                "single feature or array.reshape(1, -1) if it contains a single sample."
            )
        if array.ndim == 1:
            raise ShapeError(
                f"Expected 2D array, got 1D array instead: shape {array.shape}. "
                "Reshape your data either using array.reshape(-1, 1) if your data has a "
                "single feature or array.reshape(1, -1) if it contains a single sample."
            )
    if not allow_nd and array.ndim > 2:
        raise ShapeError(
            f"Found array with dim {array.ndim} for {input_name}; expected <= 2 "
            f"(shape {array.shape})."
        )
    if ensure_all_finite and array.dtype.kind in "fc":
        _assert_all_finite(array, input_name)
    if ensure_min_samples > 0 and array.ndim >= 1:
        n_samples = array.shape[0]
        if n_samples < ensure_min_samples:
            raise ShapeError(
                f"Found array with {n_samples} sample(s) (shape={array.shape}) while a "
                f"minimum of {ensure_min_samples} is required."
            )
    if ensure_min_features > 0 and array.ndim == 2:
        n_features = array.shape[1]
        if n_features < ensure_min_features:
            raise ShapeError(
                f"Found array with {n_features} feature(s) (shape={array.shape}) while a "
                f"minimum of {ensure_min_features} is required."
            )
    return array


def _assert_all_finite(array: np.ndarray, input_name: str) -> None:
    if np.isfinite(array.sum()) or array.size == 0:
        return
    if np.isnan(array).any():
        raise DomainError(f"Input {input_name} contains NaN.")
    if not np.isfinite(array).all():
        raise DomainError(f"Input {input_name} contains infinity or a value too large.")


def column_or_1d(y: Any, *, warn: bool = True, input_name: str = "y") -> np.ndarray:
    """Ravel a column vector ``(n, 1)`` to ``(n,)``, warning that it was converted.

    Raises
    ------
    ShapeError
        If ``y`` is neither 1-D nor a single column.

    Examples
    --------
    >>> column_or_1d([1, 2, 3]).shape
    (3,)
    """
    array = np.asarray(y)
    if array.ndim == 1:
        return array
    if array.ndim == 2 and array.shape[1] == 1:
        if warn:
            warnings.warn(
                "A column-vector y was passed when a 1d array was expected. Please change "
                "the shape of y to (n_samples, ), for example using ravel().",
                interoperable_warning(DataConversionWarning),
                stacklevel=3,
            )
        return array.ravel()
    raise ShapeError(f"{input_name} should be a 1d array, got an array of shape {array.shape}.")


def check_X_y(
    X: Any,
    y: Any,
    *,
    multi_output: bool = False,
    y_numeric: bool = False,
    ensure_min_samples: int = 1,
    dtype: Any = np.float64,
) -> tuple[np.ndarray, np.ndarray]:
    """Validate features and targets together.

    ``X`` goes through :func:`check_array`. ``y`` must be given, have as many
    entries as ``X`` has rows, and be finite when numeric. A column vector ``y`` is
    ravelled with a :class:`DataConversionWarning` unless ``multi_output``.

    Raises
    ------
    ShapeError
        ``y`` is None or its length differs from the number of rows of ``X``.
    DomainError
        NaN or infinity in ``X`` or ``y``.

    Examples
    --------
    >>> X, y = check_X_y([[0.0], [1.0]], [0, 1])
    >>> X.shape, y.shape
    ((2, 1), (2,))
    >>> check_X_y([[0.0], [1.0]], [0, 1, 1])
    Traceback (most recent call last):
    ...
    mml.errors.ShapeError: Found input variables with inconsistent numbers of samples: [2, 3] (X has 2 rows, y has 3 entries).
    """
    if y is None:
        raise ShapeError("This estimator requires y to be passed, but the target y is None.")
    X = check_array(X, ensure_min_samples=ensure_min_samples, dtype=dtype)
    if multi_output:
        y = check_array(y, ensure_2d=False, dtype=np.float64 if y_numeric else None, input_name="y")
    else:
        y = column_or_1d(y)
        if y.dtype.kind in "fc" or y_numeric:
            y = check_array(
                y, ensure_2d=False, dtype=np.float64 if y_numeric else None, input_name="y"
            )
        elif _is_sparse(y):  # pragma: no cover - np.asarray of sparse gives a 0-d object
            raise DomainError("Sparse y is not supported.")
    if y.ndim == 0 or X.shape[0] != y.shape[0]:
        n_y = y.shape[0] if y.ndim else 1
        raise ShapeError(
            f"Found input variables with inconsistent numbers of samples: [{X.shape[0]}, "
            f"{n_y}] (X has {X.shape[0]} rows, y has {n_y} entries)."
        )
    return X, y


def check_classification_targets(y: np.ndarray) -> None:
    """Reject continuous targets for a classifier.

    Raises
    ------
    DomainError
        If ``y`` holds non-integer floats ("Unknown label type: continuous").

    Examples
    --------
    >>> check_classification_targets(np.array([0.0, 1.0]))
    >>> check_classification_targets(np.array([0.5, 1.0]))
    Traceback (most recent call last):
    ...
    mml.errors.DomainError: Unknown label type: continuous. A classifier needs discrete class labels, got non-integer values such as 0.5.
    """
    if y.dtype.kind == "f":
        fractional = y[y != np.round(y)]
        if fractional.size:
            raise DomainError(
                "Unknown label type: continuous. A classifier needs discrete class labels, "
                f"got non-integer values such as {float(fractional[0])!r}."
            )
    if y.dtype.kind == "O":
        kinds = {type(label) for label in y.ravel()}
        if len(kinds) > 1 and not all(issubclass(k, numbers.Number) for k in kinds):
            raise DomainError(f"Unknown label type: mixed label types {sorted(map(str, kinds))}.")


def check_n_features(estimator: Any, X: np.ndarray) -> None:
    """Check that ``X`` has as many columns as the data ``estimator`` was fitted on.

    Raises
    ------
    ShapeError
        Naming both numbers of features.
    """
    expected = estimator.n_features_in_
    if X.shape[1] != expected:
        raise ShapeError(
            f"X has {X.shape[1]} features, but {type(estimator).__name__} is expecting "
            f"{expected} features as input."
        )


def check_is_fitted(estimator: Any, attributes: str | list[str] | None = None) -> None:
    """Raise :class:`mml.errors.NotFittedError` unless ``estimator`` has been fitted.

    An estimator counts as fitted when it has an attribute whose name ends in an
    underscore (scikit-learn's convention), or the named ``attributes``.

    Examples
    --------
    >>> from mml.models import KMeans
    >>> check_is_fitted(KMeans())
    Traceback (most recent call last):
    ...
    mml.errors.NotFittedError: This KMeans instance is not fitted yet. Call 'fit' with appropriate arguments before using this estimator.
    """
    if attributes is not None:
        names = [attributes] if isinstance(attributes, str) else list(attributes)
        fitted = all(hasattr(estimator, name) for name in names)
    else:
        fitted = any(name.endswith("_") and not name.startswith("__") for name in vars(estimator))
    if not fitted:
        raise not_fitted_error(
            f"This {type(estimator).__name__} instance is not fitted yet. Call 'fit' with "
            "appropriate arguments before using this estimator."
        )


def check_random_state(seed: Any) -> np.random.RandomState:
    """Turn ``seed`` into a ``numpy.random.RandomState`` (scikit-learn's convention).

    None gives NumPy's global RandomState, an integer a new one seeded with it, and a
    RandomState is returned as it is.

    Raises
    ------
    DomainError
        For anything else.

    Examples
    --------
    >>> check_random_state(0).randint(10)
    5
    """
    if seed is None or seed is np.random:
        return np.random.mtrand._rand
    if isinstance(seed, numbers.Integral):
        return np.random.RandomState(int(seed))
    if isinstance(seed, np.random.RandomState):
        return seed
    raise DomainError(f"{seed!r} cannot be used to seed a numpy.random.RandomState instance.")


def check_sample_weight(sample_weight: Any, n_samples: int) -> np.ndarray:
    """Return sample weights as a float array of length ``n_samples`` (ones when None).

    Raises
    ------
    ShapeError
        Wrong length.
    DomainError
        Negative, NaN or infinite weights.

    Examples
    --------
    >>> check_sample_weight(None, 3)
    array([1., 1., 1.])
    """
    if sample_weight is None:
        return np.ones(n_samples)
    if isinstance(sample_weight, numbers.Number):
        return np.full(n_samples, float(sample_weight))
    weights = check_array(sample_weight, ensure_2d=False, input_name="sample_weight")
    if weights.shape != (n_samples,):
        raise ShapeError(
            f"sample_weight.shape == {weights.shape}, expected ({n_samples},) to match X."
        )
    if (weights < 0).any():
        raise DomainError("Negative values in sample_weight are not allowed.")
    if n_samples and not weights.any():
        raise DomainError("Sample weights must not be all zero: at least one must be positive.")
    return weights
