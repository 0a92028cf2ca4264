"""Rotations against SciPy's Rotation, and their invariants (orthogonal, det 1)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.spatial.transform import Rotation

from mml.errors import DomainError, ShapeError
from mml.geometry import givens, givens_zeroing, rotation_2d, rotation_3d

angles = st.floats(min_value=-10, max_value=10, allow_nan=False)
axes = st.lists(st.floats(min_value=-3, max_value=3), min_size=3, max_size=3).filter(
    lambda v: np.linalg.norm(v) > 1e-3
)


@given(axes, angles)
@settings(max_examples=50, deadline=None)
def test_rotation_3d_matches_scipy_rotvec(axis, theta):
    axis = np.array(axis)
    expected = Rotation.from_rotvec(theta * axis / np.linalg.norm(axis)).as_matrix()
    np.testing.assert_allclose(rotation_3d(axis, theta), expected, atol=1e-12)


@pytest.mark.parametrize("name", ["x", "y", "z"])
def test_coordinate_axes_match_scipy_euler(name):
    np.testing.assert_allclose(
        rotation_3d(name, 0.7), Rotation.from_euler(name, 0.7).as_matrix(), atol=1e-14
    )


@given(angles)
@settings(max_examples=30, deadline=None)
def test_rotation_2d_is_orthogonal_with_det_one(theta):
    R = rotation_2d(theta)
    np.testing.assert_allclose(R.T @ R, np.eye(2), atol=1e-14)
    assert np.linalg.det(R) == pytest.approx(1.0)


@given(st.integers(2, 6), st.data(), angles)
@settings(max_examples=30, deadline=None)
def test_givens_rotates_only_its_plane(n, data, theta):
    i = data.draw(st.integers(0, n - 2))
    j = data.draw(st.integers(i + 1, n - 1))
    G = givens(n, i, j, theta)
    np.testing.assert_allclose(G.T @ G, np.eye(n), atol=1e-14)
    assert np.linalg.det(G) == pytest.approx(1.0)
    plane = G[np.ix_([i, j], [i, j])]
    np.testing.assert_allclose(plane, rotation_2d(theta), atol=1e-15)


@given(st.floats(-1e150, 1e150), st.floats(-1e150, 1e150))
@settings(max_examples=40, deadline=None)
def test_givens_zeroing_zeroes_b(a, b):
    c, s, r = givens_zeroing(a, b)
    assert c * c + s * s == pytest.approx(1.0)
    assert c * a + s * b == pytest.approx(r, rel=1e-12, abs=1e-300)
    assert -s * a + c * b == pytest.approx(0.0, abs=1e-12 * max(abs(a), abs(b), 1e-300))


def test_errors():
    with pytest.raises(DomainError, match="axis"):
        rotation_3d("w", 1.0)
    with pytest.raises(ShapeError):
        rotation_3d([1, 0], 1.0)
    with pytest.raises(DomainError, match="different"):
        givens(3, 1, 1, 0.3)
    with pytest.raises(DomainError, match="finite"):
        rotation_2d(np.inf)
