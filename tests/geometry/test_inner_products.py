"""Numeric inner products, norms, distances and angles against NumPy and SciPy."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.spatial.distance import mahalanobis

from mml.errors import DomainError, ShapeError
from mml.geometry import angle, distance, inner_product, is_positive_definite, length

finite = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, allow_infinity=False)
SPD = np.array([[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]])


@given(arrays(float, (5, 3), elements=finite), arrays(float, (5, 3), elements=finite))
@settings(max_examples=40, deadline=None)
def test_stacked_inner_products_match_einsum(x, y):
    np.testing.assert_allclose(inner_product(x, y), np.einsum("ij,ij->i", x, y), atol=1e-8)
    np.testing.assert_allclose(
        inner_product(x, y, SPD), np.einsum("ij,jk,ik->i", x, SPD, y), rtol=1e-10, atol=1e-6
    )


@given(arrays(float, 3, elements=finite), arrays(float, 3, elements=finite))
@settings(max_examples=40, deadline=None)
def test_distance_is_scipy_mahalanobis(x, y):
    assert distance(x, y, SPD) == pytest.approx(mahalanobis(x, y, SPD), rel=1e-9, abs=1e-9)
    assert distance(x, y) == pytest.approx(np.linalg.norm(x - y), rel=1e-12, abs=1e-12)


@given(arrays(float, 4, elements=finite), arrays(float, 4, elements=finite))
@settings(max_examples=40, deadline=None)
def test_angle_matches_arccos_of_normalised_dot(x, y):
    if not x.any() or not y.any():
        with pytest.raises(DomainError):
            angle(x, y)
        return
    u, v = x / np.abs(x).max(), y / np.abs(y).max()  # scale first: no underflow in the reference
    expected = np.arccos(np.clip(u @ v / np.linalg.norm(u) / np.linalg.norm(v), -1, 1))
    assert angle(x, y) == pytest.approx(expected, abs=1e-6)


def test_length_survives_extreme_scales():
    assert length([3e200, 4e200]) == pytest.approx(5e200)
    assert length([3e-200, 4e-200]) == pytest.approx(5e-200)
    assert angle([1e300, 0], [1e300, 1e300]) == pytest.approx(np.pi / 4)


def test_positive_definiteness_agrees_with_eigenvalues():
    rng = np.random.default_rng(0)
    for _ in range(20):
        M = rng.standard_normal((4, 4))
        S = M + M.T
        assert is_positive_definite(S) == bool(np.linalg.eigvalsh(S).min() > 0)
    assert not is_positive_definite([[1, 2], [0, 1]])  # not symmetric


def test_bad_input_is_named():
    with pytest.raises(DomainError, match="NaN"):
        length([1, np.nan])
    with pytest.raises(ShapeError, match="last axes"):
        inner_product([1, 2], [1, 2, 3])
    with pytest.raises(DomainError, match="not positive definite"):
        inner_product([1, 0], [0, 1], A=[[1, 2], [2, 1]])


def test_length_under_A_survives_extreme_scales():
    assert length([3e200, 0, 0], SPD) == pytest.approx(6e200)
    assert distance([1e-200, 0, 0], [0, 0, 0], SPD) == pytest.approx(2e-200)
