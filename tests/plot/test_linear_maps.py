"""Linear maps as pictures: the drawn images are A applied to what was drawn before."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.text import Annotation

from mml.errors import DomainError, ShapeError
from mml.plot import eigenvectors, linear_map, svd_steps


def arrows(ax):
    return {t.get_gid(): np.array(t.xy) for t in ax.texts if isinstance(t, Annotation)}


def line(ax, label):
    return next(l for l in ax.lines if l.get_label() == label)


def test_image_of_the_unit_square_is_the_parallelogram_of_the_columns():
    A = np.array([[2.0, 1.0], [0.5, 1.5]])
    ax = linear_map(A).axes[0]
    square = np.vstack(line(ax, "unit square").get_data())
    image = np.vstack(line(ax, "_outline").get_data())
    np.testing.assert_allclose(image, A @ square)
    np.testing.assert_allclose(arrows(ax)["Ae₁"], A[:, 0])
    np.testing.assert_allclose(arrows(ax)["Ae₂"], A[:, 1])
    assert len(ax.patches) == 1  # the filled image
    assert f"det A = {np.linalg.det(A):.3g}" in ax.get_title()


def test_singular_map_collapses_the_plane_and_reflection_flips_orientation():
    assert "singular" in linear_map([[1, 2], [2, 4]], shape="circle").axes[0].get_title()
    assert "orientation flips" in linear_map([[0, 1], [1, 0]]).axes[0].get_title()


def test_bad_matrices_are_refused_by_name():
    with pytest.raises(ShapeError, match="2×2"):
        linear_map(np.eye(3))
    with pytest.raises(DomainError, match="non-finite"):
        eigenvectors([[1, np.nan], [0, 1]])
    with pytest.raises(DomainError, match="shape"):
        linear_map(np.eye(2), shape="triangle")


def test_eigen_directions_are_kept_by_the_map_and_circle_goes_to_the_ellipse():
    A = np.array([[2.0, 1.0], [1.0, 2.0]])
    ax = eigenvectors(A).axes[0]
    directions = [l for l in ax.lines if l.get_linestyle() == ":"]
    assert len(directions) == 2
    for l in directions:
        d = np.diff(np.vstack(l.get_data()), axis=1)[:, 0]
        Ad = A @ d
        assert abs(Ad[0] * d[1] - Ad[1] * d[0]) < 1e-9  # A d is parallel to d
    image = np.vstack(line(ax, "its image under A").get_data())
    np.testing.assert_allclose(np.linalg.norm(np.linalg.solve(A, image), axis=0), 1.0)
    found = sorted(np.linalg.norm(v) for g, v in arrows(ax).items() if g.startswith("Av"))
    np.testing.assert_allclose(found, sorted(np.linalg.eigvalsh(A)))


def test_rotation_has_no_real_eigenvector_and_a_shear_has_one():
    ax = eigenvectors([[0, -1], [1, 0]]).axes[0]
    assert "no real eigenvector" in ax.get_title()
    assert not [l for l in ax.lines if l.get_linestyle() == ":"]
    shear = eigenvectors([[1, 1], [0, 1]]).axes[0]
    assert len([l for l in shear.lines if l.get_linestyle() == ":"]) == 1


def test_svd_panels_end_at_the_image_of_the_circle():
    A = np.array([[3.0, 0.0], [4.0, 5.0]])
    fig = svd_steps(A)
    assert len(fig.axes) == 4
    circle = np.vstack(line(fig.axes[0], "_unit").get_data())
    final = np.vstack(line(fig.axes[3], "_shape").get_data())
    np.testing.assert_allclose(final, A @ circle, atol=1e-12)
    s = np.linalg.svd(A, compute_uv=False)
    scaled = np.vstack(line(fig.axes[2], "_shape").get_data())
    np.testing.assert_allclose(np.abs(scaled).max(axis=1), s, rtol=1e-3)  # axis-aligned
    assert f"{s[0]:.3g}" in fig.axes[2].get_title()


def test_svd_of_a_singular_matrix_and_into_given_axes():
    from matplotlib.figure import Figure

    axes = Figure().subplots(2, 2)
    fig = svd_steps([[1, 2], [2, 4]], ax=axes)
    assert fig is axes[0, 0].figure
    assert "σ₂ = " in fig.axes[2].get_title()
    with pytest.raises(ShapeError, match="four panels"):
        svd_steps(np.eye(2), ax=axes[0])
