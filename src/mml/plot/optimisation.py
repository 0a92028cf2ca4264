"""Optimisation as pictures: contours, the gradient field, and optimiser paths (book ch. 7).

* :func:`contour`: level sets of ``f: ℝ² → ℝ`` with arrows along ``−∇f``, the direction of
  steepest descent, which crosses every level set at a right angle (§7.1).
* :func:`optimiser_paths`: gradient descent, momentum and Adam started from the same point
  on one contour plot, using the optimisers of :mod:`mml.optim` and gradients from
  :mod:`mml.autodiff` (§7.1.1–7.1.2).

``f`` takes one argument ``p`` and reads its coordinates as ``p[0]`` and ``p[1]``, so the same
function works on one point, on a whole grid of points (``p`` of shape (2, n, n)) and on an
autodiff ``Tensor``. Write it with operators and ``mml.autodiff.numpy`` functions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from mml.errors import DomainError, MMLError, ShapeError
from mml.plot.axes import new_axes

__all__ = ["contour", "optimiser_paths"]

PATH_COLOURS = ("tab:red", "tab:blue", "tab:green", "tab:purple", "tab:orange", "tab:brown")


def _limits(lim: Any, name: str) -> tuple[float, float]:
    lo, hi = (float(v) for v in lim)
    if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
        raise DomainError(f"{name} must be (low, high) with low < high; got {lim}")
    return lo, hi


def _grid(f: Callable, xlim: tuple, ylim: tuple, n: int) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = np.linspace(*xlim, n), np.linspace(*ylim, n)
    P = np.stack(np.meshgrid(xs, ys))
    with np.errstate(all="ignore"):
        Z = np.asarray(f(P), dtype=float)
    if Z.shape != (n, n):
        raise ShapeError(
            f"f must map a point p to a number, reading p[0] and p[1] (so it also works on a "
            f"grid); on a grid of shape {P.shape} it returned shape {Z.shape}"
        )
    return P, Z


def _gradient(f: Callable, P: np.ndarray, Z: np.ndarray) -> np.ndarray:
    """∇f on the grid: exact by autodiff (the sum over the grid separates), else differences."""
    from mml.autodiff import grad

    try:
        with np.errstate(all="ignore"):
            G = np.asarray(grad(lambda Q: f(Q).sum())(P), dtype=float)
        if G.shape == P.shape:
            return G
    except (MMLError, TypeError, ValueError):
        pass
    gy, gx = np.gradient(Z, P[1][:, 0], P[0][0])
    return np.stack([gx, gy])


def contour(
    f: Callable,
    xlim: Any = (-2.0, 2.0),
    ylim: Any = (-2.0, 2.0),
    levels: int = 20,
    gradient_field: bool = True,
    resolution: int = 100,
    ax: Any = None,
) -> Any:
    """Draw the contour lines of ``f`` on a rectangle, with the field of ``−∇f``.

    The arrows show the direction of steepest descent ``−∇f(p)`` on a coarse grid (drawn at
    equal length: their direction is the point); they are perpendicular to the contours.
    ∇f comes from :func:`mml.autodiff.grad`, or from central differences on the grid when
    ``f`` cannot be traced.

    Parameters
    ----------
    f : callable
        ``f(p)`` with ``p[0], p[1]`` the coordinates; must work on arrays of shape (2, n, n).
    xlim, ylim : (float, float)
    levels : int
        Number of contour levels.
    gradient_field : bool
        Draw the arrows of ``−∇f``.
    resolution : int
        Grid points per axis for the contours.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ShapeError
        If ``f`` does not return one number per grid point.
    DomainError
        For empty or non-finite limits.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = contour(lambda p: p[0] ** 2 + 4 * p[1] ** 2)
    >>> ax = fig.axes[0]
    >>> len(ax.collections) >= 2  # the contour set and the arrows
    True
    """
    xlim, ylim = _limits(xlim, "xlim"), _limits(ylim, "ylim")
    ax = new_axes(ax)
    P, Z = _grid(f, xlim, ylim, resolution)
    finite = Z[np.isfinite(Z)]
    if finite.size == 0:
        raise DomainError("f is not finite anywhere on the rectangle")
    if np.ptp(finite) == 0:
        ax.text(
            0.5, 0.5, f"f is constant ({finite[0]:.3g}) here", transform=ax.transAxes, ha="center"
        )
    else:
        # Levels at quantiles of f, so a steep valley still gets lines where the action is.
        heights = np.unique(np.quantile(finite, np.linspace(0.0, 0.97, levels + 1)[1:]))
        cs = ax.contour(P[0], P[1], Z, levels=heights, cmap="viridis", linewidths=1)
        ax.clabel(cs, fontsize=7, fmt="%.2g")
    if gradient_field:
        coarse = max(2, resolution // 6)
        Pc, Zc = _grid(f, xlim, ylim, coarse)
        G = _gradient(f, Pc, Zc)
        norm = np.hypot(G[0], G[1])
        with np.errstate(all="ignore"):
            U, V = np.where(norm > 0, -G / norm, 0.0)
        ax.quiver(
            Pc[0],
            Pc[1],
            U,
            V,
            color="0.45",
            angles="xy",
            scale=coarse * 1.6,
            width=0.003,
            label="−∇f (steepest descent)",
        )
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    ax.set_title("contours of f and the direction −∇f", fontsize=10)
    return ax.figure


def _run(f: Callable, x0: np.ndarray, make: Callable, steps: int) -> tuple[np.ndarray, bool]:
    from mml.autodiff import GraphError, Tensor

    p = Tensor(x0.copy(), requires_grad=True)
    optimiser = make([p])
    path = [x0.copy()]
    for _ in range(steps):
        optimiser.zero_grad()
        with np.errstate(all="ignore"):
            try:
                loss = f(p)
                loss.backward()
            except (GraphError, TypeError, AttributeError) as error:
                raise DomainError(
                    "f must be differentiable by mml.autodiff: write it with operators and "
                    f"mml.autodiff.numpy functions, not np.asarray or float ({error})"
                ) from error
            optimiser.step()
        point = np.array(p.data, dtype=float)
        if not np.isfinite(point).all() or np.abs(point).max() > 1e12:
            return np.array(path), True
        path.append(point)
    return np.array(path), False


def optimiser_paths(
    f: Callable,
    x0: Any,
    steps: int = 50,
    lr: float = 0.1,
    optimisers: Mapping[str, Callable] | None = None,
    paths: Mapping[str, Any] | None = None,
    xlim: Any = None,
    ylim: Any = None,
    ax: Any = None,
) -> Any:
    """Run several optimisers from ``x0`` on ``f`` and draw their paths on the contours.

    By default: gradient descent ``x ← x − γ∇f`` (``SGD``), momentum 0.9 (``SGD``) and
    ``Adam``, all with learning rate ``lr`` (MML book §7.1). A run that blows up stops and is
    marked "diverged" in the legend.

    Parameters
    ----------
    f : callable
        ``f(p)`` reading ``p[0], p[1]``; must accept an autodiff ``Tensor`` of shape (2,).
    x0 : array_like of shape (2,)
    steps : int
    lr : float
        Learning rate of the default optimisers.
    optimisers : mapping of name to callable, optional
        ``make(params) -> Optimizer``, e.g. ``{"Adam": lambda ps: Adam(ps, lr=0.3)}``.
    paths : mapping of name to array_like of shape (k, 2), optional
        Extra precomputed paths to draw, e.g. ``minimize(...).history``.
    xlim, ylim : (float, float), optional
        Default: a box around all the paths.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
        Each path is a line labelled with its name; its points are the iterates.

    Raises
    ------
    ShapeError
        If ``x0`` is not a point of ℝ², or a given path is not of shape (k, 2).
    DomainError
        For ``steps < 1``, a non-finite ``x0``, or an ``f`` that autodiff cannot differentiate.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = optimiser_paths(lambda p: p[0] ** 2 + 10 * p[1] ** 2, [-2, 1], lr=0.05, steps=20)
    >>> [line.get_label() for line in fig.axes[0].lines]
    ['gradient descent', 'momentum 0.9', 'Adam', 'start']
    """
    from mml.optim import SGD, Adam

    start = np.asarray(x0, dtype=float)
    if start.shape != (2,):
        raise ShapeError(f"x0 must be a point of ℝ² (shape (2,)); got shape {start.shape}")
    if not np.isfinite(start).all():
        raise DomainError(f"x0 must be finite; got {start.tolist()}")
    if steps < 1:
        raise DomainError(f"steps must be at least 1; got {steps}")
    if optimisers is None:
        optimisers = {
            "gradient descent": lambda ps: SGD(ps, lr=lr),
            "momentum 0.9": lambda ps: SGD(ps, lr=lr, momentum=0.9),
            "Adam": lambda ps: Adam(ps, lr=lr),
        }
    runs: dict[str, tuple[np.ndarray, bool]] = {
        name: _run(f, start, make, steps) for name, make in optimisers.items()
    }
    for name, path in (paths or {}).items():
        array = np.asarray(path, dtype=float)
        if array.ndim != 2 or array.shape[1] != 2:
            raise ShapeError(f"path {name!r} must have shape (k, 2); got {array.shape}")
        runs[name] = (array, False)
    everything = np.vstack([start[None]] + [path for path, _ in runs.values()])
    lo, hi = everything.min(axis=0), everything.max(axis=0)
    pad = 0.15 * np.maximum(hi - lo, 1.0)
    xlim = (lo[0] - pad[0], hi[0] + pad[0]) if xlim is None else xlim
    ylim = (lo[1] - pad[1], hi[1] + pad[1]) if ylim is None else ylim
    ax = new_axes(ax, figsize=(7, 5.5))
    contour(f, xlim, ylim, levels=15, gradient_field=False, ax=ax)
    for k, (name, (path, diverged)) in enumerate(runs.items()):
        label = f"{name} (diverged)" if diverged else name
        ax.plot(
            path[:, 0],
            path[:, 1],
            ".-",
            color=PATH_COLOURS[k % len(PATH_COLOURS)],
            lw=1.5,
            markersize=4,
            label=label,
        )
    ax.plot([start[0]], [start[1]], "o", color="black", markersize=7, label="start")
    ax.set_title(f"{steps} steps from ({start[0]:g}, {start[1]:g})", fontsize=10)
    ax.legend(loc="best", fontsize=8)
    return ax.figure
