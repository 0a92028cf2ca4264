"""Exact inner products, lengths, distances and angles against NumPy/SciPy and SymPy."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.spatial.distance import mahalanobis

from mml.errors import DomainError, ShapeError
from mml.exact.inner_products import angle, are_orthogonal, distance, inner_product, length

vectors = st.lists(st.integers(min_value=-6, max_value=6), min_size=3, max_size=3)
SPD = [[2, 1, 0], [1, 2, 1], [0, 1, 2]]


@given(vectors, vectors)
@settings(max_examples=40, deadline=None)
def test_inner_product_under_A_matches_numpy(x, y):
    assert inner_product(x, y, SPD).value == np.array(x) @ np.array(SPD) @ np.array(y)


@given(vectors, vectors)
@settings(max_examples=40, deadline=None)
def test_distance_matches_scipy_mahalanobis(x, y):
    expected = mahalanobis(x, y, np.array(SPD, dtype=float))
    assert float(distance(x, y, SPD).value) == pytest.approx(expected, abs=1e-12)


@given(vectors, vectors)
@settings(max_examples=40, deadline=None)
def test_angle_matches_arccos_of_normalised_dot(x, y):
    if not any(x) or not any(y):
        with pytest.raises(DomainError):
            angle(x, y)
        return
    u, v = np.array(x, float), np.array(y, float)
    expected = math.acos(np.clip(u @ v / np.sqrt(u @ u) / np.sqrt(v @ v), -1, 1))
    result = angle(x, y)
    assert result.radians == pytest.approx(expected, abs=1e-7)
    # Cauchy–Schwarz: |cos ω| ≤ 1 exactly
    assert -1 <= result.cosine <= 1


def test_length_is_an_exact_surd():
    assert str(length((1, 2, 3)).value) == "√14"
    assert "√14" in str(length((1, 2, 3)).steps)


def test_named_angle_and_orthogonality_depend_on_the_inner_product():
    assert str(angle((1, 1), (1, 2), A="2 -1; -1 2").exact) == "π/6"
    assert are_orthogonal((1, 1), (-1, 1)).value
    assert not are_orthogonal((1, 1), (-1, 1), A="2 0; 0 1").value


def test_non_spd_matrix_is_rejected_with_reason():
    with pytest.raises(DomainError, match="not symmetric"):
        inner_product((1, 0), (0, 1), A="1 2; 0 1")
    with pytest.raises(DomainError, match="not positive definite"):
        length((1, 0), A="1 2; 2 1")


def test_length_mismatch_names_both():
    with pytest.raises(ShapeError, match="3 entries but y has 2"):
        inner_product((1, 2, 3), (1, 2))


def test_is_inner_product_agrees_with_numpy_eigenvalues():
    from mml.exact.inner_products import is_inner_product

    for rows in (
        [[9, 6], [6, 5]],
        [[9, 6], [6, 3]],
        [[2, -1, 0], [-1, 2, -1], [0, -1, 2]],
        [[1, 2], [0, 1]],
    ):
        A = np.array(rows, dtype=float)
        expected = bool(np.allclose(A, A.T) and np.linalg.eigvalsh(A).min() > 0)
        result = is_inner_product(rows)
        assert result.value == expected
        assert result.steps.by_rule("criterion")
