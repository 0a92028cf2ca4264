"""Geometry pictures: the drawn projection is the least-squares one, Gram–Schmidt is QR."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.text import Annotation

from mml.errors import DomainError, ShapeError
from mml.plot import angle_between, gram_schmidt_steps, projection


def arrows(ax):
    found = {t.get_gid(): np.array(t.xy) for t in ax.texts if isinstance(t, Annotation)}
    for c in ax.collections:  # 3-D quivers
        if c.get_gid():
            segments = c.get_segments() if hasattr(c, "get_segments") else []
            found[c.get_gid()] = segments
    return found


def test_angle_of_45_degrees_and_an_inner_product_that_changes_it():
    ax = angle_between([1, 0], [1, 1]).axes[0]
    assert "ω = 45°" in ax.get_title()
    # ⟨e1, e2⟩ = e1ᵀ A e2 = 1 with ‖e1‖ = ‖e2‖ = √2: cos ω = 1/2, ω = 60°.
    ax = angle_between([1, 0], [0, 1], inner=[[2, 1], [1, 2]]).axes[0]
    assert "ω = 60°" in ax.get_title()


def test_angle_needs_nonzero_vectors_and_a_positive_definite_inner_product():
    with pytest.raises(DomainError, match="zero vector"):
        angle_between([0, 0], [1, 1])
    with pytest.raises(DomainError, match="positive definite"):
        angle_between([1, 0], [0, 1], inner=[[1, 2], [2, 1]])
    with pytest.raises(ShapeError):
        angle_between([1, 0, 0], [0, 1, 0])


def test_projection_onto_a_line_matches_least_squares_and_residual_is_orthogonal():
    x, b = np.array([1.0, 2.0]), np.array([2.0, 1.0])
    ax = projection(x, b).axes[0]
    p = arrows(ax)["π_U(x)"]
    coef = np.linalg.lstsq(b[:, None], x, rcond=None)[0]
    np.testing.assert_allclose(p, b * coef)
    residual = next(l for l in ax.lines if l.get_label() == "x − π_U(x) ⊥ U")
    start, end = np.vstack(residual.get_data()).T
    np.testing.assert_allclose(start, x)
    assert abs((start - end) @ b) < 1e-12


def test_projection_onto_a_plane_in_3d_is_the_books_example():
    # MML book Example 3.11: U = span{(1,1,1), (0,1,2)}, x = (6, 0, 0) -> (5, 2, -1).
    fig = projection([6, 0, 0], [[1, 0], [1, 1], [1, 2]])
    ax = fig.axes[0]
    assert "(5, 2, -1)" in ax.get_title()
    assert f"{np.sqrt(6):.3g}" in ax.get_title()
    assert len([c for c in ax.collections if type(c).__name__ == "Poly3DCollection"]) == 1


def test_a_point_already_in_the_subspace_projects_to_itself():
    assert "distance ‖x − π_U(x)‖ = 0" in projection([2, 4], [1, 2]).axes[0].get_title()


def test_dependent_basis_and_bad_shapes_are_refused():
    with pytest.raises(DomainError, match="linearly dependent"):
        projection([1, 2, 3], [[1, 2], [1, 2], [1, 2]])
    with pytest.raises(ShapeError, match="span all"):
        projection([1, 2], np.eye(2))
    with pytest.raises(ShapeError):
        projection([1, 2, 3], [1, 2])


def test_gram_schmidt_arrows_are_the_orthonormal_columns_of_qr():
    B = np.array([[2.0, 1.0], [0.0, 1.0]])
    fig = gram_schmidt_steps(B)
    Q = np.linalg.qr(B)[0]
    assert len(fig.axes) == 2
    for k, ax in enumerate(fig.axes):
        u = arrows(ax)["u" + "₁₂"[k]]
        np.testing.assert_allclose(np.abs(u), np.abs(Q[:, k]), atol=1e-12)
    np.testing.assert_allclose(arrows(fig.axes[1])["u₁"] @ arrows(fig.axes[1])["u₂"], 0.0)


def test_a_dependent_vector_adds_nothing_and_3d_gets_three_panels():
    fig = gram_schmidt_steps([[2, 1, 4], [0, 1, 2]])
    assert "depends on the others" in fig.axes[2].get_title()
    assert "u₃" not in arrows(fig.axes[2])
    fig = gram_schmidt_steps([[1, 1, 0], [1, 0, 1], [0, 1, 1]])
    assert len(fig.axes) == 3 and fig.axes[0].name == "3d"
    with pytest.raises(ShapeError, match="axes"):
        gram_schmidt_steps(np.eye(2), ax=[fig.axes[0]])
