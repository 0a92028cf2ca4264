"""StandardScaler and PolynomialFeatures against scikit-learn and their invariants."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.errors import DomainError, NotFittedError, ShapeError
from mml.preprocessing import PolynomialFeatures, StandardScaler

skp = pytest.importorskip("sklearn.preprocessing")


@pytest.mark.filterwarnings("ignore:invalid value encountered in sqrt")
@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 30), st.integers(1, 5), st.booleans())
def test_standard_scaler_matches_sklearn(seed, n, d, weighted):
    rng = np.random.RandomState(seed)
    X = rng.normal(
        loc=rng.uniform(-50, 50, size=d), scale=rng.uniform(0.1, 10, size=d), size=(n, d)
    )
    sw = rng.uniform(0.5, 2.0, size=n) if weighted else None
    ours = StandardScaler().fit(X, sample_weight=sw)
    ref = skp.StandardScaler().fit(X, sample_weight=sw)
    np.testing.assert_allclose(ours.mean_, ref.mean_, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(ours.var_, ref.var_, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(ours.transform(X), ref.transform(X), rtol=1e-9, atol=1e-9)


def test_standardised_columns_have_zero_mean_unit_variance_and_round_trip():
    X = np.random.RandomState(0).normal(3.0, 4.0, size=(100, 3))
    scaler = StandardScaler().fit(X)
    Z = scaler.transform(X)
    np.testing.assert_allclose(Z.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(Z.std(axis=0), 1.0, rtol=1e-12)
    np.testing.assert_allclose(scaler.inverse_transform(Z), X, rtol=1e-12)


def test_partial_fit_in_blocks_equals_fit_on_all_rows():
    X = np.random.RandomState(1).normal(size=(90, 4)) * 5 + 2
    streamed = StandardScaler()
    for block in np.array_split(X, 7):
        streamed.partial_fit(block)
    whole = StandardScaler().fit(X)
    np.testing.assert_allclose(streamed.mean_, whole.mean_, rtol=1e-12)
    np.testing.assert_allclose(streamed.var_, whole.var_, rtol=1e-12)
    assert streamed.n_samples_seen_ == 90


def test_constant_feature_keeps_unit_scale():
    X = np.array([[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]])
    scaler = StandardScaler().fit(X)
    assert scaler.scale_[1] == 1.0
    np.testing.assert_array_equal(scaler.transform(X)[:, 1], 0.0)


def test_without_mean_or_std_matches_sklearn():
    X = np.random.RandomState(2).normal(size=(20, 3))
    for kwargs in ({"with_mean": False}, {"with_std": False}):
        np.testing.assert_allclose(
            StandardScaler(**kwargs).fit_transform(X), skp.StandardScaler(**kwargs).fit_transform(X)
        )


@settings(max_examples=30, deadline=None)
@given(
    st.integers(1, 4),
    st.integers(0, 4) | st.tuples(st.integers(0, 2), st.integers(2, 3)),
    st.booleans(),
    st.booleans(),
)
def test_polynomial_features_match_sklearn(n_features, degree, interaction_only, include_bias):
    X = np.random.RandomState(n_features).normal(size=(6, n_features))
    kwargs = dict(degree=degree, interaction_only=interaction_only, include_bias=include_bias)
    try:
        ref = skp.PolynomialFeatures(**kwargs).fit(X)
    except ValueError:
        with pytest.raises(DomainError):
            PolynomialFeatures(**kwargs).fit(X)
        return
    ours = PolynomialFeatures(**kwargs).fit(X)
    if ref.n_output_features_ == 0:  # scikit-learn cannot build powers_ for zero columns
        assert ours.transform(X).shape == (6, 0)
        return
    np.testing.assert_array_equal(ours.powers_, ref.powers_)
    np.testing.assert_allclose(ours.transform(X), ref.transform(X), rtol=1e-12)
    assert ours.get_feature_names_out().tolist() == ref.get_feature_names_out().tolist()


def test_errors_name_the_problem():
    with pytest.raises(NotFittedError):
        StandardScaler().transform([[1.0]])
    scaler = StandardScaler().fit([[1.0, 2.0]])
    with pytest.raises(ShapeError, match="X has 1 features, but StandardScaler is expecting 2"):
        scaler.transform([[1.0]])
    with pytest.raises(DomainError, match="degree"):
        PolynomialFeatures(degree=-1).fit([[1.0]])
