"""A 2×2 matrix as a picture: what it does to the plane (book §2.7, §4.2, §4.5).

* :func:`linear_map`: the unit square (or circle) and a grid, before and after ``x ↦ Ax``;
  the columns of A are where the basis vectors land, and |det A| is the area factor.
* :func:`eigenvectors`: the unit circle goes to an ellipse; along an eigenvector the image
  is the same direction, stretched by its eigenvalue: ``Av = λv``.
* :func:`svd_steps`: ``A = U Σ Vᵀ`` as three moves: rotate (Vᵀ), scale the axes (Σ),
  rotate (U).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.errors import DomainError, ShapeError
from mml.plot.axes import new_axes, new_figure

__all__ = ["linear_map", "eigenvectors", "svd_steps"]

BEFORE, AFTER = "0.6", "tab:blue"
E1, E2 = "tab:red", "tab:green"


def _matrix_2x2(A: Any) -> np.ndarray:
    M = np.asarray(A, dtype=float)
    if M.shape != (2, 2):
        raise ShapeError(
            f"a picture of a linear map of the plane needs a 2×2 matrix; got {M.shape}"
        )
    if not np.isfinite(M).all():
        raise DomainError(f"the matrix has non-finite entries: {M.tolist()}")
    return M


def _outline(shape: str, points: int = 200) -> np.ndarray:
    if shape == "square":
        return np.array([[0, 1, 1, 0, 0], [0, 0, 1, 1, 0]], dtype=float)
    if shape == "circle":
        t = np.linspace(0.0, 2.0 * np.pi, points)
        return np.stack([np.cos(t), np.sin(t)])
    raise DomainError(f"shape must be 'square' or 'circle'; got {shape!r}")


def _arrow(ax: Any, v: np.ndarray, colour: str, label: str | None = None, **kw: Any) -> None:
    ax.annotate(
        "",
        xy=(v[0], v[1]),
        xytext=(0, 0),
        gid=label,
        arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 2, **kw},
    )
    if label:
        ax.text(v[0], v[1], f" {label}", color=colour, fontsize=9, va="bottom")


def _frame(ax: Any, points: np.ndarray, margin: float = 0.3) -> None:
    r = max(1.2, float(np.abs(points).max())) + margin
    ax.set_xlim(-r, r)
    ax.set_ylim(-r, r)
    ax.set_aspect("equal")
    ax.axhline(0, color="0.85", lw=0.8, zorder=0)
    ax.axvline(0, color="0.85", lw=0.8, zorder=0)


def linear_map(A: Any, shape: str = "square", grid: int = 5, ax: Any = None) -> Any:
    """Draw the image of the unit square (or circle) and a grid under ``x ↦ Ax``.

    The grey outline and grid are the input; the blue ones are their images. The arrows are
    ``Ae₁`` and ``Ae₂``, the columns of A. The image of the unit square is a parallelogram of
    area ``|det A|`` (a segment or a point when A is singular).

    Parameters
    ----------
    A : array_like of shape (2, 2)
    shape : {"square", "circle"}
        The unit square [0, 1]² or the unit circle.
    grid : int
        Number of grid lines each way over [-1, 1]² (0 for none).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ShapeError
        If A is not 2×2.
    DomainError
        For non-finite entries or an unknown ``shape``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = linear_map([[2, 1], [0, 1]])
    >>> fig.axes[0].get_title()
    'x ↦ Ax, det A = 2: areas scale by 2'
    """
    M = _matrix_2x2(A)
    outline = _outline(shape)
    ax = new_axes(ax)
    image = M @ outline
    drawn = [outline, image]
    if grid:
        for c in np.linspace(-1.0, 1.0, grid):
            for line in (np.array([[c, c], [-1.0, 1.0]]), np.array([[-1.0, 1.0], [c, c]])):
                ax.plot(*line, color=BEFORE, lw=0.5, alpha=0.6, label="_grid")
                ax.plot(*(M @ line), color=AFTER, lw=0.5, alpha=0.6, label="_grid")
                drawn.append(M @ line)
    ax.plot(*outline, "--", color=BEFORE, lw=1.5, label=f"unit {shape}")
    ax.fill(*image, color=AFTER, alpha=0.25, label="its image under A")
    ax.plot(*image, color=AFTER, lw=2, label="_outline")
    _arrow(ax, M[:, 0], E1, "Ae₁")
    _arrow(ax, M[:, 1], E2, "Ae₂")
    det = M[0, 0] * M[1, 1] - M[0, 1] * M[1, 0]
    what = (
        "A is singular: the plane collapses"
        if np.isclose(det, 0.0)
        else (f"areas scale by {abs(det):.3g}" + (", orientation flips" if det < 0 else ""))
    )
    ax.set_title(f"x ↦ Ax, det A = {det:.3g}: {what}", fontsize=10)
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    _frame(ax, np.hstack(drawn))
    ax.legend(loc="lower right", fontsize=8)
    return ax.figure


def eigenvectors(A: Any, ax: Any = None) -> Any:
    """Draw the unit circle, its image under A, and the real eigenvectors with ``Av = λv``.

    Each real eigenvector ``v`` (unit length) is drawn as a dotted line through the origin
    (the direction A keeps) with the arrows ``v`` and ``Av = λv``. A rotation has no real
    eigenvectors, and the title says so.

    Parameters
    ----------
    A : array_like of shape (2, 2)
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ShapeError
        If A is not 2×2.
    DomainError
        For non-finite entries.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = eigenvectors([[2, 1], [1, 2]])
    >>> fig.axes[0].get_title()
    'eigenvalues λ = 3, 1: the circle goes to an ellipse'
    """
    from mml.linalg import eig

    M = _matrix_2x2(A)
    ax = new_axes(ax)
    circle = _outline("circle")
    image = M @ circle
    ax.plot(*circle, "--", color=BEFORE, lw=1.5, label="unit circle")
    ax.plot(*image, color=AFTER, lw=2, label="its image under A")
    values, vectors = eig(M)
    real = np.abs(np.imag(values)) <= 1e-12 * max(1.0, float(np.abs(values).max()))
    if real.all():
        lam = np.real(values)
        V = np.real(vectors)
        r = 1.3 * max(1.2, float(np.abs(image).max()))
        for k, colour in enumerate((E1, E2)):
            v = V[:, k] / np.hypot(*V[:, k])
            if k == 1 and abs(abs(v @ (V[:, 0] / np.hypot(*V[:, 0]))) - 1.0) < 1e-9:
                break  # a defective matrix: only one eigen-direction
            ax.plot([-r * v[0], r * v[0]], [-r * v[1], r * v[1]], ":", color=colour, lw=1)
            _arrow(ax, v, colour, f"v{k + 1}", alpha=0.5)
            _arrow(ax, lam[k] * v, colour, f"Av{k + 1} = {lam[k]:.3g}·v{k + 1}")
            ax.plot([], [], color=colour, label=f"eigenvector v{k + 1}, λ = {lam[k]:.3g}")
        shape = "a segment" if np.isclose(lam, 0.0).any() else "an ellipse"
        title = f"eigenvalues λ = {', '.join(f'{x:.3g}' for x in lam)}: the circle goes to {shape}"
    else:
        re, im = float(np.real(values[0])), abs(float(np.imag(values[0])))
        title = f"complex eigenvalues λ = {re:.3g} ± {im:.3g}i: no real eigenvector"
    ax.set_title(title, fontsize=10)
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    _frame(ax, np.hstack([circle, image]))
    ax.legend(loc="lower right", fontsize=8)
    return ax.figure


def svd_steps(A: Any, ax: Any = None) -> Any:
    """Draw ``A = U Σ Vᵀ`` as rotate, scale, rotate, in four panels.

    Panel 1: the unit circle with the right singular vectors ``v₁, v₂``. Panel 2: after Vᵀ
    they lie on the axes (a rotation, or a reflection when det V = −1). Panel 3: Σ stretches
    the axes by ``σ₁ ≥ σ₂ ≥ 0``. Panel 4: U turns them to ``σ₁u₁, σ₂u₂``, which is ``Av₁, Av₂``.

    Parameters
    ----------
    A : array_like of shape (2, 2)
    ax : sequence of 4 matplotlib Axes, optional
        Where to draw the four panels; a new 1×4 figure is made if omitted.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ShapeError
        If A is not 2×2, or ``ax`` is not four axes.
    DomainError
        For non-finite entries.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = svd_steps([[3, 0], [4, 5]])
    >>> [a.get_title().split(":")[0] for a in fig.axes]
    ['x', 'Vᵀx', 'ΣVᵀx', 'UΣVᵀx = Ax']
    """
    from mml.linalg import svd

    M = _matrix_2x2(A)
    if ax is None:
        fig = new_figure((14, 4))
        axes = fig.subplots(1, 4)
    else:
        axes = list(np.ravel(np.asarray(ax, dtype=object)))
        if len(axes) != 4:
            raise ShapeError(f"svd_steps draws four panels; got {len(axes)} axes")
        fig = axes[0].figure
    U, s, Vt = svd(M)
    circle = _outline("circle")
    stages = [np.eye(2), Vt, np.diag(s) @ Vt, U @ np.diag(s) @ Vt]
    titles = [
        "x: unit circle, right singular vectors",
        "Vᵀx: rotate v₁, v₂ onto the axes",
        f"ΣVᵀx: scale by σ₁ = {s[0]:.3g}, σ₂ = {s[1]:.3g}",
        "UΣVᵀx = Ax: rotate onto u₁, u₂",
    ]
    extent = max(1.2, float(s[0]))
    for stage, (axis, T, title) in enumerate(zip(axes, stages, titles)):
        axis.plot(*circle, "--", color=BEFORE, lw=1, label="_unit")
        axis.plot(*(T @ circle), color=AFTER, lw=2, label="_shape")
        for k, colour in enumerate((E1, E2)):
            label = {0: f"v{k + 1}", 3: f"Av{k + 1} = σ{k + 1}u{k + 1}"}.get(stage)
            _arrow(axis, T @ Vt[k], colour, label)
        axis.set_title(title, fontsize=9)
        _frame(axis, np.array([[extent], [extent]]))
    axes[0].plot([], [], color=E1, label="v₁ and its images")
    axes[0].plot([], [], color=E2, label="v₂ and its images")
    axes[0].legend(loc="lower left", fontsize=7)
    if ax is None:
        fig.tight_layout()
    return fig
