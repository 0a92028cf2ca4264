"""Feature transformations: standardisation and polynomial features.

- :class:`StandardScaler` maps each feature to zero mean and unit variance,
  :math:`z = (x - \\mu) / \\sigma`. Its statistics (count, mean, sum of squared
  deviations) are mergeable, so ``partial_fit`` can stream the data in blocks.
- :class:`PolynomialFeatures` maps :math:`x \\in \\mathbb{R}^D` to all monomials of
  degree at most :math:`d`; linear regression on these features is the
  polynomial fitting of MML book §9.2 (Figure 9.4).

Examples
--------
>>> import numpy as np
>>> from mml.preprocessing import PolynomialFeatures, StandardScaler
>>> StandardScaler().fit_transform([[0.0], [2.0]]).ravel().tolist()
[-1.0, 1.0]
>>> PolynomialFeatures(degree=2).fit_transform([[2.0, 3.0]]).tolist()
[[1.0, 2.0, 3.0, 4.0, 6.0, 9.0]]
"""

from __future__ import annotations

from itertools import chain, combinations, combinations_with_replacement
from typing import Any

import numpy as np

from mml.errors import DomainError, ShapeError
from mml.models._base import BaseEstimator, TransformerMixin
from mml.models._validation import (
    check_array,
    check_is_fitted,
    check_n_features,
    check_sample_weight,
)

__all__ = ["StandardScaler", "PolynomialFeatures"]


class StandardScaler(TransformerMixin, BaseEstimator):
    """Standardise features: :math:`z_{ij} = (x_{ij} - \\mu_j) / \\sigma_j`.

    :math:`\\mu_j` is the (weighted) mean and :math:`\\sigma_j^2` the biased variance
    :math:`\\frac{1}{n}\\sum_i (x_{ij} - \\mu_j)^2`. Features that are constant keep
    :math:`\\sigma_j = 1`, so they map to zero instead of dividing by zero.

    Parameters
    ----------
    copy : bool, default=True
        Kept for scikit-learn compatibility; the input is never modified.
    with_mean, with_std : bool, default=True
        Whether to centre, and whether to scale.

    Attributes
    ----------
    mean_, var_, scale_ : ndarray of shape (n_features,) or None
    n_samples_seen_ : float
        Total weight of the samples seen (their number when unweighted).
    n_features_in_ : int

    Examples
    --------
    >>> scaler = StandardScaler().fit([[1.0, 10.0], [3.0, 10.0]])
    >>> scaler.mean_.tolist(), scaler.scale_.tolist()
    ([2.0, 10.0], [1.0, 1.0])
    >>> scaler.inverse_transform(scaler.transform([[5.0, 11.0]])).tolist()
    [[5.0, 11.0]]
    """

    def __init__(self, *, copy: bool = True, with_mean: bool = True, with_std: bool = True):
        self.copy = copy
        self.with_mean = with_mean
        self.with_std = with_std

    def fit(self, X: Any, y: Any = None, sample_weight: Any = None) -> StandardScaler:
        """Compute the mean and standard deviation of each feature."""
        for name in ("mean_", "var_", "scale_", "n_samples_seen_"):
            self.__dict__.pop(name, None)
        return self.partial_fit(X, y, sample_weight)

    def partial_fit(self, X: Any, y: Any = None, sample_weight: Any = None) -> StandardScaler:
        """Update the statistics with one more block of rows.

        Two blocks with weights :math:`n_a, n_b`, means :math:`\\mu_a, \\mu_b` and
        sums of squared deviations :math:`M_a, M_b` merge as (Chan et al. 1979)
        :math:`\\mu = \\mu_a + \\delta\\, n_b / n`,
        :math:`M = M_a + M_b + \\delta^2 n_a n_b / n`, with :math:`\\delta = \\mu_b - \\mu_a`.
        """
        X = check_array(X)
        weights = check_sample_weight(sample_weight, X.shape[0])
        if hasattr(self, "n_samples_seen_"):
            check_n_features(self, X)
        n_b = weights.sum()
        mean_b = (weights @ X) / n_b
        m2_b = weights @ (X - mean_b) ** 2
        if not hasattr(self, "n_samples_seen_"):
            n, mean, m2 = n_b, mean_b, m2_b
        else:
            n_a, mean_a = self.n_samples_seen_, self._mean
            m2_a = self._var * n_a
            n = n_a + n_b
            delta = mean_b - mean_a
            mean = mean_a + delta * (n_b / n)
            m2 = m2_a + m2_b + delta**2 * (n_a * n_b / n)
        self.n_features_in_ = X.shape[1]
        self.n_samples_seen_ = float(n) if sample_weight is not None else int(round(n))
        self._mean, self._var = mean, m2 / n
        self.mean_ = mean if (self.with_mean or self.with_std) else None
        self.var_ = self._var if self.with_std else None
        if self.with_std:
            scale = np.sqrt(self._var)
            # A feature is constant when its variance is at rounding level (scikit-learn's bound).
            eps = np.finfo(np.float64).eps
            bound = n * eps * self._var + n * (mean * eps) ** 2
            scale[(self._var <= bound) | (scale < 10 * eps)] = 1.0
            self.scale_ = scale
        else:
            self.scale_ = None
        return self

    def transform(self, X: Any) -> np.ndarray:
        """Return :math:`(X - \\mu) / \\sigma`, shape ``(n_samples, n_features)``."""
        check_is_fitted(self)
        X = check_array(X)
        check_n_features(self, X)
        Z = X - self.mean_ if self.with_mean else X.copy()
        if self.with_std:
            Z /= self.scale_
        return Z

    def inverse_transform(self, X: Any) -> np.ndarray:
        """Return :math:`Z \\sigma + \\mu`, undoing :meth:`transform`."""
        check_is_fitted(self)
        Z = check_array(X)
        check_n_features(self, Z)
        X = Z * self.scale_ if self.with_std else Z.copy()
        if self.with_mean:
            X += self.mean_
        return X

    def _tag_overrides(self) -> dict[str, Any]:
        return {"transformer_tags.preserves_dtype": ["float64"]}


class PolynomialFeatures(TransformerMixin, BaseEstimator):
    """All monomials of the features up to a degree, in scikit-learn's column order.

    For :math:`x = (a, b)` and ``degree=2`` the output is
    :math:`(1, a, b, a^2, ab, b^2)`.

    Parameters
    ----------
    degree : int or (int, int), default=2
        Maximum degree, or ``(min_degree, max_degree)``.
    interaction_only : bool, default=False
        Only products of distinct features (no powers above one).
    include_bias : bool, default=True
        Include the constant column of ones (whatever the minimum degree).
    order : {"C", "F"}, default="C"
        Memory layout of the output.

    Attributes
    ----------
    powers_ : ndarray of shape (n_output_features, n_features)
        ``powers_[i, j]`` is the exponent of feature ``j`` in output column ``i``.
    n_output_features_ : int
    n_features_in_ : int

    Raises
    ------
    DomainError
        A negative degree or a minimum degree above the maximum.

    Examples
    --------
    >>> poly = PolynomialFeatures(degree=2, include_bias=False).fit([[0.0, 0.0]])
    >>> poly.get_feature_names_out().tolist()
    ['x0', 'x1', 'x0^2', 'x0 x1', 'x1^2']
    """

    def __init__(
        self,
        degree: Any = 2,
        *,
        interaction_only: bool = False,
        include_bias: bool = True,
        order: str = "C",
    ):
        self.degree = degree
        self.interaction_only = interaction_only
        self.include_bias = include_bias
        self.order = order

    def _degrees(self) -> tuple[int, int]:
        if isinstance(self.degree, (int, np.integer)) and not isinstance(self.degree, bool):
            low, high = 0, int(self.degree)
        elif isinstance(self.degree, tuple) and len(self.degree) == 2:
            low, high = (int(d) for d in self.degree)
        else:
            raise DomainError(f"degree must be an int or a pair of ints, got {self.degree!r}.")
        if high == 0 and not self.include_bias:
            raise DomainError(
                "Setting degree to zero and include_bias to False would result in an empty "
                "output array."
            )
        if low < 0 or high < low:
            raise DomainError(
                f"degree must satisfy 0 <= min_degree <= max_degree, got {self.degree!r}."
            )
        return low, high

    def _combinations(self, n_features: int) -> list[tuple[int, ...]]:
        low, high = self._degrees()
        pick = combinations if self.interaction_only else combinations_with_replacement
        start = max(1, low)
        combos = chain.from_iterable(pick(range(n_features), d) for d in range(start, high + 1))
        bias = [()] if self.include_bias else []
        return bias + list(combos)

    def fit(self, X: Any, y: Any = None) -> PolynomialFeatures:
        """Work out the output columns (the exponent of each feature in each)."""
        X = check_array(X)
        if self.order not in ("C", "F"):
            raise DomainError(f"order must be 'C' or 'F', got {self.order!r}.")
        combos = self._combinations(X.shape[1])
        powers = np.zeros((len(combos), X.shape[1]), dtype=np.int64)
        for row, combo in enumerate(combos):
            for j in combo:
                powers[row, j] += 1
        self.powers_ = powers
        self._combos = combos
        self.n_output_features_ = len(combos)
        self.n_features_in_ = X.shape[1]
        return self

    def transform(self, X: Any) -> np.ndarray:
        """Evaluate every monomial on every row, shape ``(n_samples, n_output_features)``."""
        check_is_fitted(self)
        X = check_array(X)
        check_n_features(self, X)
        out = np.empty((X.shape[0], self.n_output_features_), order=self.order)
        # Each monomial of degree d is a monomial of degree d - 1 times one feature.
        index = {}
        for col, combo in enumerate(self._combos):
            if not combo:
                out[:, col] = 1.0
            elif len(combo) == 1 or combo[:-1] not in index:
                out[:, col] = np.prod(X[:, list(combo)], axis=1)
            else:
                out[:, col] = out[:, index[combo[:-1]]] * X[:, combo[-1]]
            index[combo] = col
        return out

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Names such as ``"x0 x1^2"`` for each output column.

        Raises
        ------
        ShapeError
            If ``input_features`` has the wrong length.
        """
        check_is_fitted(self)
        if input_features is None:
            input_features = [f"x{j}" for j in range(self.n_features_in_)]
        elif len(input_features) != self.n_features_in_:
            raise ShapeError(
                f"input_features should have length {self.n_features_in_}, got "
                f"{len(input_features)}."
            )
        names = []
        for row in self.powers_:
            terms = [
                name if p == 1 else f"{name}^{p}"
                for name, p in zip(input_features, row, strict=True)
                if p
            ]
            names.append(" ".join(terms) if terms else "1")
        return np.asarray(names, dtype=object)
