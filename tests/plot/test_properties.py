"""Random matrices (hypothesis): the pictures keep their geometric promises for any input."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mml.plot import eigenvectors, linear_map
from mml.plot.axes import covariance_ellipse

entries = st.floats(-5, 5, allow_nan=False).map(lambda v: round(v, 3))
matrices = arrays(np.float64, (2, 2), elements=entries)


@settings(max_examples=10, deadline=None)
@given(matrices)
def test_image_outline_is_A_times_the_square(A):
    ax = linear_map(A, grid=0).axes[0]
    lines = {line.get_label(): np.vstack(line.get_data()) for line in ax.lines}
    np.testing.assert_allclose(lines["_outline"], A @ lines["unit square"], atol=1e-12)


@settings(max_examples=10, deadline=None)
@given(matrices)
def test_symmetric_matrices_keep_two_orthogonal_directions(M):
    S = M + M.T
    ax = eigenvectors(S).axes[0]
    directions = [
        np.diff(np.vstack(line.get_data()), axis=1)[:, 0]
        for line in ax.lines
        if line.get_linestyle() == ":"
    ]
    for d in directions:
        Sd = S @ d
        assert abs(Sd[0] * d[1] - Sd[1] * d[0]) <= 1e-8 * (1 + np.abs(S).max()) * (d @ d)
    if len(directions) == 2:
        a, b = directions
        assert abs(a @ b) <= 1e-8 * np.sqrt((a @ a) * (b @ b))


@settings(max_examples=20, deadline=None)
@given(matrices, st.floats(0.5, 3.0))
def test_ellipse_points_have_mahalanobis_radius_k(M, k):
    S = M @ M.T + 0.1 * np.eye(2)
    xy = covariance_ellipse([1.0, -2.0], S, n_std=k, points=40) - [1.0, -2.0]
    d2 = np.einsum("ni,ij,nj->n", xy, np.linalg.inv(S), xy)
    np.testing.assert_allclose(d2, k**2, rtol=1e-8)
