"""mml.plot.linear_system draws the lecture's systems with the right artists, headless."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from mpl_toolkits.mplot3d.art3d import Poly3DCollection  # noqa: E402

from mml.errors import ShapeError  # noqa: E402
from mml.plot import linear_system  # noqa: E402

P3 = "2x + 4y - z = 5; 7x - 2y + 3z = 6; 9x + 2y + 2z = 11"


def drawn(ax):
    return [line for line in ax.lines if line.get_label() != "_axis"]


def test_problem_2_has_two_lines_meeting_in_the_solution_point():
    fig = linear_system("3x + y = 9; 4x - 2y = 5")
    ax = fig.axes[0]
    lines, point = drawn(ax)[:2], drawn(ax)[2]
    assert len(drawn(ax)) == 3
    x, y = point.get_xdata()[0], point.get_ydata()[0]
    assert (x, y) == pytest.approx((2.3, 2.1))
    for line in lines:  # the point lies on both drawn lines
        xs, ys = line.get_xdata(), line.get_ydata()
        assert np.interp(x, xs, ys) == pytest.approx(y)


def test_problem_3_draws_three_planes_and_a_line_on_all_of_them():
    fig = linear_system(P3)
    ax = fig.axes[0]
    planes = [c for c in ax.collections if isinstance(c, Poly3DCollection)]
    assert len(planes) == 3
    solution_line = [line for line in ax.lines if line.get_label() == "solution set (a line)"][0]
    xs, ys, zs = solution_line.get_data_3d()
    A = np.array([[2, 4, -1], [7, -2, 3], [9, 2, 2]], float)
    b = np.array([5, 6, 11], float)
    for point in zip(xs, ys, zs):
        np.testing.assert_allclose(A @ np.array(point), b, atol=1e-9)


def test_problem_4_and_an_inconsistent_system():
    fig = linear_system("2x + 4y = 5")
    labels = [line.get_label() for line in fig.axes[0].lines]
    assert "solution set (a line)" in labels
    fig = linear_system("x + y = 1; x + y = 2")
    assert len(drawn(fig.axes[0])) == 2  # two parallel lines, no solution drawn
    assert "No solution" in fig.axes[0].get_title()


def test_draws_into_a_given_axes_and_refuses_four_unknowns():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    assert linear_system("3x = 6", ax=ax) is fig
    with pytest.raises(ShapeError, match="at most 3"):
        linear_system("a + b + c + d = 1")
