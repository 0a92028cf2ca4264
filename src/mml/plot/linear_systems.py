"""Linear systems as pictures: lines in the plane, planes in space (book §2.1).

The solution set is drawn on top: the intersection point, the common line, or nothing when
the system is inconsistent.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.errors import ShapeError

__all__ = ["linear_system"]

COLOURS = ("tab:blue", "tab:orange", "tab:green", "tab:purple", "tab:brown", "tab:pink")


def _solution(system: Any):
    from mml.exact import Solution, solve

    return system if isinstance(system, Solution) else solve(system)


def _equation_label(row: tuple, value: Any, names: tuple[str, ...]) -> str:
    from mml.exact.systems import _equation_text

    return _equation_text(row, value, names).text


def _extent(solution) -> float:
    points = [abs(float(v)) for v in (solution.particular or ())]
    points += [abs(float(v)) for v in solution.b]
    return max(5.0, 1.5 * max(points, default=0.0))


def _plot_lines(solution, ax) -> None:
    names = solution.variables
    r = _extent(solution)
    center = (
        np.array([float(v) for v in solution.particular]) if solution.particular else np.zeros(2)
    )
    xs = np.linspace(center[0] - r, center[0] + r, 200)
    for k, (row, value) in enumerate(zip(solution.A.rows, solution.b)):
        a, b, c = float(row[0]), float(row[1]), float(value)
        label = _equation_label(row, value, names)
        colour = COLOURS[k % len(COLOURS)]
        if b != 0:
            ax.plot(xs, (c - a * xs) / b, color=colour, label=label)
        elif a != 0:
            ax.axvline(c / a, color=colour, label=label)
    if solution.kind == "unique":
        x, y = (float(v) for v in solution.particular)
        ax.plot([x], [y], "o", color="black", markersize=8, label=f"solution ({x:g}, {y:g})")
    elif solution.kind == "infinite" and len(solution.directions) == 1:
        p = np.array([float(v) for v in solution.particular])
        d = np.array([float(v) for v in solution.directions[0]])
        d = d / np.hypot(*d)
        t = np.linspace(-2 * r, 2 * r, 2)
        ax.plot(
            p[0] + t * d[0],
            p[1] + t * d[1],
            "--",
            color="black",
            linewidth=3,
            alpha=0.6,
            label="solution set (a line)",
        )
    ax.set_xlim(center[0] - r, center[0] + r)
    ax.set_ylim(center[1] - r, center[1] + r)
    ax.set_xlabel(names[0])
    ax.set_ylabel(names[1])
    ax.axhline(0, color="grey", linewidth=0.5, label="_axis")
    ax.axvline(0, color="grey", linewidth=0.5, label="_axis")
    ax.legend(loc="best", fontsize=8)


def _plot_planes(solution, ax) -> None:
    names = solution.variables
    r = _extent(solution)
    center = (
        np.array([float(v) for v in solution.particular]) if solution.particular else np.zeros(3)
    )
    grid = np.linspace(-r, r, 12)
    U, V = np.meshgrid(grid, grid)
    for k, (row, value) in enumerate(zip(solution.A.rows, solution.b)):
        normal = np.array([float(v) for v in row])
        if not normal.any():
            continue
        c = float(value)
        # Solve for the coordinate with the largest coefficient, over a grid of the other two.
        axis = int(np.argmax(np.abs(normal)))
        others = [i for i in range(3) if i != axis]
        coords = [None, None, None]
        coords[others[0]] = U + center[others[0]]
        coords[others[1]] = V + center[others[1]]
        coords[axis] = (
            c - normal[others[0]] * coords[others[0]] - normal[others[1]] * coords[others[1]]
        ) / normal[axis]
        ax.plot_surface(*coords, alpha=0.35, color=COLOURS[k % len(COLOURS)])
        ax.plot([], [], color=COLOURS[k % len(COLOURS)], label=_equation_label(row, value, names))
    if solution.kind == "unique":
        p = [float(v) for v in solution.particular]
        ax.plot(
            [p[0]], [p[1]], [p[2]], "o", color="black", markersize=8, label="solution (one point)"
        )
    elif solution.kind == "infinite" and len(solution.directions) == 1:
        p = np.array([float(v) for v in solution.particular])
        d = np.array([float(v) for v in solution.directions[0]])
        d = d / np.sqrt(d @ d)
        t = np.linspace(-r, r, 2)
        line = p[:, None] + d[:, None] * t
        ax.plot(*line, color="black", linewidth=3, label="solution set (a line)")
    ax.set_xlabel(names[0])
    ax.set_ylabel(names[1])
    ax.set_zlabel(names[2])
    ax.legend(loc="upper left", fontsize=8)


def linear_system(system: Any, ax: Any = None) -> Any:
    """Draw a system of linear equations in 1, 2 or 3 unknowns with its solution set.

    Two unknowns: one line per equation, and the intersection point (unique), the common line
    (infinitely many) or nothing (no solution). Three unknowns: one plane per equation, and the
    point or line they share.

    Parameters
    ----------
    system : str, (A, b) or Solution
        Anything :func:`mml.solve` accepts, or its result.
    ax : matplotlib Axes, optional
        Where to draw (a 3-D axes for three unknowns); a new figure is made if omitted.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ShapeError
        For more than three unknowns (no picture of ℝ⁴).
    """
    from mml.plot.axes import new_axes

    solution = _solution(system)
    n = len(solution.variables)
    if n > 3:
        raise ShapeError(f"a picture needs at most 3 unknowns; this system has {n}")
    ax = new_axes(ax, projection="3d" if n == 3 else None)
    fig = ax.figure
    if n == 1:
        x = float(solution.particular[0]) if solution.particular else None
        ax.axhline(0, color="grey", label="_axis")
        if x is not None:
            ax.plot(
                [x], [0], "o", color="black", markersize=8, label=f"{solution.variables[0]} = {x:g}"
            )
            ax.legend()
        ax.set_yticks([])
        ax.set_xlabel(solution.variables[0])
    elif n == 2:
        _plot_lines(solution, ax)
    else:
        _plot_planes(solution, ax)
    ax.set_title(solution.meaning, fontsize=10)
    return fig
