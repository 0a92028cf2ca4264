"""Analytic geometry as pictures: angles, orthogonal projections, Gram–Schmidt (book ch. 3).

* :func:`angle_between`: two vectors and the angle ω with ``cos ω = ⟨x, y⟩ / (‖x‖ ‖y‖)``,
  for the dot product or any inner product ``⟨x, y⟩ = xᵀAy`` (§3.2–3.4).
* :func:`projection`: ``π_U(x) = B (BᵀB)⁻¹ Bᵀ x`` onto a line or a plane, with the residual
  ``x − π_U(x)`` at a right angle to U (§3.8).
* :func:`gram_schmidt_steps`: ``u_k = b_k − Σ_{j<k} π_{u_j}(b_k)``, one panel per step
  (§3.8.3).

2-D and 3-D vectors are drawn; the arithmetic is done in floating point.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.errors import DomainError, ShapeError
from mml.plot.axes import new_axes, new_figure

__all__ = ["angle_between", "projection", "gram_schmidt_steps"]

X_COLOUR, Y_COLOUR, P_COLOUR, R_COLOUR = "tab:blue", "tab:orange", "tab:green", "tab:red"


def _vector(x: Any, name: str) -> np.ndarray:
    v = np.asarray(x, dtype=float)
    if v.ndim != 1 or v.shape[0] not in (2, 3):
        raise ShapeError(f"{name} must be a vector in ℝ² or ℝ³ to be drawn; got shape {v.shape}")
    if not np.isfinite(v).all():
        raise DomainError(f"{name} has non-finite entries: {v.tolist()}")
    return v


def _columns(B: Any, name: str) -> np.ndarray:
    M = np.asarray(B, dtype=float)
    if M.ndim == 1:
        M = M[:, None]
    if M.ndim != 2 or M.shape[0] not in (2, 3) or M.shape[1] < 1:
        raise ShapeError(
            f"{name} must hold vectors of ℝ² or ℝ³ as columns, shape (n, k) with n = 2 or 3; "
            f"got shape {M.shape}"
        )
    if not np.isfinite(M).all():
        raise DomainError(f"{name} has non-finite entries")
    return M


def _arrow(ax: Any, start: np.ndarray, end: np.ndarray, colour: str, label: str, **kw) -> None:
    """An arrow from start to end; its artist's gid is ``label`` (so tests can find it)."""
    if start.shape[0] == 3:
        d = end - start
        ax.quiver(
            *start, *d, color=colour, arrow_length_ratio=0.1, lw=2, label=label, gid=label, **kw
        )
        ax.text(*end, f" {label}", color=colour, fontsize=9)
    else:
        ax.annotate(
            "",
            xy=tuple(end),
            xytext=tuple(start),
            gid=label,
            arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 2, **kw},
        )
        ax.plot([], [], color=colour, label=label)
        ax.text(*end, f" {label}", color=colour, fontsize=9)


def _square_frame(ax: Any, points: np.ndarray) -> None:
    lo = np.minimum(points.min(axis=1), 0.0) - 0.5
    hi = np.maximum(points.max(axis=1), 0.0) + 0.5
    centre, r = (lo + hi) / 2, float((hi - lo).max()) / 2
    ax.set_xlim(centre[0] - r, centre[0] + r)
    ax.set_ylim(centre[1] - r, centre[1] + r)
    if points.shape[0] == 3:
        ax.set_zlim(centre[2] - r, centre[2] + r)
        ax.set_zlabel("x₃")
    else:
        ax.set_aspect("equal")
        ax.axhline(0, color="0.85", lw=0.8, zorder=0)
        ax.axvline(0, color="0.85", lw=0.8, zorder=0)
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")


def angle_between(x: Any, y: Any, inner: Any = None, ax: Any = None) -> Any:
    """Draw two vectors of ℝ² and the angle ω between them.

    ``cos ω = ⟨x, y⟩ / (√⟨x, x⟩ √⟨y, y⟩)`` with ``⟨x, y⟩ = xᵀAy`` (A = I, the dot product,
    by default). The arc is drawn at the Euclidean angle on the page; with another inner
    product the title gives the angle that inner product defines (MML book §3.4).

    Parameters
    ----------
    x, y : array_like of shape (2,)
    inner : array_like of shape (2, 2), optional
        Symmetric positive definite A of the inner product.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ShapeError
        If x or y is not in ℝ², or ``inner`` is not 2×2.
    DomainError
        For a zero vector (no angle), or an ``inner`` that is not positive definite.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = angle_between([1, 0], [1, 1])
    >>> fig.axes[0].get_title()
    'cos ω = ⟨x, y⟩ / (‖x‖ ‖y‖) = 0.707, ω = 45° (0.785 rad)'
    """
    x, y = _vector(x, "x"), _vector(y, "y")
    if x.shape[0] != 2 or y.shape[0] != 2:
        raise ShapeError("angle_between draws vectors of ℝ²")
    A = np.eye(2) if inner is None else np.asarray(inner, dtype=float)
    if A.shape != (2, 2):
        raise ShapeError(f"inner must be a 2×2 matrix; got shape {A.shape}")
    if not np.allclose(A, A.T) or A[0, 0] <= 0 or A[0, 0] * A[1, 1] - A[0, 1] ** 2 <= 0:
        raise DomainError(f"inner must be symmetric positive definite; got {A.tolist()}")
    xx, yy = x @ A @ x, y @ A @ y
    if xx == 0 or yy == 0:
        raise DomainError("the angle is undefined for a zero vector")
    cos = float(np.clip((x @ A @ y) / np.sqrt(xx * yy), -1.0, 1.0))
    omega = float(np.arccos(cos))
    ax = new_axes(ax)
    _arrow(ax, np.zeros(2), x, X_COLOUR, "x")
    _arrow(ax, np.zeros(2), y, Y_COLOUR, "y")
    # The arc at the angle seen on the page, from x to y.
    a0, a1 = np.arctan2(x[1], x[0]), np.arctan2(y[1], y[0])
    delta = (a1 - a0 + np.pi) % (2 * np.pi) - np.pi
    r = 0.3 * min(np.hypot(*x), np.hypot(*y))
    t = np.linspace(a0, a0 + delta, 50)
    ax.plot(r * np.cos(t), r * np.sin(t), color="black", lw=1, label="ω")
    mid = a0 + delta / 2
    ax.text(1.3 * r * np.cos(mid), 1.3 * r * np.sin(mid), "ω", fontsize=11, ha="center")
    norm = "‖x‖ ‖y‖" if inner is None else "√⟨x,x⟩ √⟨y,y⟩, ⟨x,y⟩ = xᵀAy"
    ax.set_title(
        f"cos ω = ⟨x, y⟩ / ({norm}) = {cos:.3g}, ω = {np.degrees(omega):.3g}° ({omega:.3g} rad)",
        fontsize=10,
    )
    _square_frame(ax, np.stack([x, y], axis=1))
    return ax.figure


def _projector(B: np.ndarray) -> np.ndarray:
    from mml.linalg import matrix_rank, solve

    if matrix_rank(B) < B.shape[1]:
        raise DomainError(
            f"the {B.shape[1]} basis vectors are linearly dependent, so they are not a basis; "
            "drop the dependent ones (for example with gram_schmidt_steps)"
        )
    return B @ solve(B.T @ B, B.T)  # P = B (BᵀB)⁻¹ Bᵀ, book (3.59)


def projection(x: Any, basis: Any, ax: Any = None) -> Any:
    """Draw the orthogonal projection of x onto the subspace U spanned by ``basis``.

    ``π_U(x) = B (BᵀB)⁻¹ Bᵀ x`` where B holds the basis as columns (MML book §3.8). U is
    drawn as a line (one basis vector) or a plane (two, in ℝ³); the residual ``x − π_U(x)``
    is dashed and orthogonal to U, and its length is the distance from x to U.

    Parameters
    ----------
    x : array_like of shape (n,), n = 2 or 3
    basis : array_like of shape (n,) or (n, k), k < n
        Basis vectors of U as columns.
    ax : matplotlib Axes, optional
        A 3-D axes when n = 3.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ShapeError
        If the shapes do not fit (or U is the whole space).
    DomainError
        If the basis vectors are linearly dependent, or entries are not finite.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = projection([1, 2], [2, 1])
    >>> fig.axes[0].get_title()
    'π_U(x) = (1.6, 0.8), distance ‖x − π_U(x)‖ = 1.34'
    """
    x = _vector(x, "x")
    B = _columns(basis, "basis")
    n, k = B.shape
    if n != x.shape[0]:
        raise ShapeError(f"x is in ℝ^{x.shape[0]} but the basis vectors are in ℝ^{n}")
    if k >= n:
        raise ShapeError(f"{k} basis vectors span all of ℝ^{n}; project onto a line or a plane")
    p = _projector(B) @ x
    ax = new_axes(ax, projection="3d" if n == 3 else None)
    r = 1.1 * max(float(np.sqrt(p @ p)), 1.0)
    extent = [x, p]
    if k == 1:
        d = B[:, 0] / np.sqrt(B[:, 0] @ B[:, 0])
        line = np.outer(d, [-r, r])
        ax.plot(*line, color="0.5", lw=1.5, label="U (a line)")
    else:
        Q = _orthonormal(B)
        s = np.linspace(-r, r, 8)
        S, T = np.meshgrid(s, s)
        plane = Q[:, :1, None] * S + Q[:, 1:2, None] * T
        ax.plot_surface(*plane, alpha=0.15, color="0.5")
        ax.view_init(elev=20, azim=-50)
        extent += list(plane.reshape(3, -1).T)
        ax.plot([], [], color="0.5", lw=6, alpha=0.4, label="U (a plane)")
    origin = np.zeros(n)
    _arrow(ax, origin, x, X_COLOUR, "x")
    _arrow(ax, origin, p, P_COLOUR, "π_U(x)")
    ax.plot(*np.stack([x, p], axis=1), "--", color=R_COLOUR, lw=1.5, label="x − π_U(x) ⊥ U")
    distance = float(np.sqrt((x - p) @ (x - p)))
    coords = ", ".join(f"{v:.3g}" for v in p)
    ax.set_title(f"π_U(x) = ({coords}), distance ‖x − π_U(x)‖ = {distance:.3g}", fontsize=10)
    _square_frame(ax, np.stack([x, p, -x * 0.2], axis=1))
    if n == 3:
        for setter, lim in zip((ax.set_xlim, ax.set_ylim, ax.set_zlim), _limits3(*extent)):
            setter(*lim)
    ax.legend(loc="upper left", fontsize=8)
    return ax.figure


def _limits3(*points: np.ndarray) -> list[tuple[float, float]]:
    P = np.stack(points + (np.zeros(3),))
    return [(float(lo) - 0.5, float(hi) + 0.5) for lo, hi in zip(P.min(axis=0), P.max(axis=0))]


def _orthonormal(B: np.ndarray) -> np.ndarray:
    """Orthonormal columns spanning the columns of B (Gram–Schmidt)."""
    return np.stack([u for u, _ in _gram_schmidt(B) if u is not None], axis=1)


def _gram_schmidt(B: np.ndarray) -> list[tuple[np.ndarray | None, np.ndarray]]:
    """For each column b_k: (u_k / ‖u_k‖ or None if b_k is dependent, its projection)."""
    basis: list[np.ndarray] = []
    steps = []
    scale = max(1.0, float(np.abs(B).max()))
    for b in B.T:
        shadow = sum(((b @ q) * q for q in basis), np.zeros_like(b))
        u = b - shadow
        norm = float(np.sqrt(u @ u))
        if norm <= 1e-10 * scale:
            steps.append((None, shadow))
            continue
        basis.append(u / norm)
        steps.append((u / norm, shadow))
    return steps


def gram_schmidt_steps(vectors: Any, ax: Any = None) -> Any:
    """Draw Gram–Schmidt one step per panel: ``u_k = b_k − Σ_{j<k} π_{u_j}(b_k)``.

    Panel k shows the earlier orthonormal vectors, ``b_k``, its projection onto their span
    (dashed) and the new direction ``u_k = b_k − projection`` (MML book §3.8.3). A vector
    that depends on the earlier ones leaves nothing (``u_k = 0``) and the panel says so.

    Parameters
    ----------
    vectors : array_like of shape (n, k), n = 2 or 3
        The vectors ``b_1, …, b_k`` as columns.
    ax : sequence of k matplotlib Axes, optional
        One per step (3-D axes when n = 3); a new 1×k figure is made if omitted.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ShapeError
        For vectors outside ℝ² and ℝ³, or a wrong number of axes.
    DomainError
        For non-finite entries.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = gram_schmidt_steps([[2, 1], [0, 1]])
    >>> [a.get_title() for a in fig.axes]
    ['step 1: u₁ = b₁ / ‖b₁‖', 'step 2: u₂ ∝ b₂ − π_u₁(b₂)']
    """
    B = _columns(vectors, "vectors")
    n, k = B.shape
    projection_kind = "3d" if n == 3 else None
    if ax is None:
        fig = new_figure((4.2 * k, 4))
        axes = [fig.add_subplot(1, k, i + 1, projection=projection_kind) for i in range(k)]
    else:
        axes = list(np.ravel(np.asarray(ax, dtype=object)))
        if len(axes) != k:
            raise ShapeError(f"{k} vectors need {k} axes, one per step; got {len(axes)}")
        fig = axes[0].figure
    sub = "₁₂₃₄₅₆₇₈₉"
    steps = _gram_schmidt(B)
    done: list[np.ndarray] = []
    origin = np.zeros(n)
    for i, (axis, b, (u, shadow)) in enumerate(zip(axes, B.T, steps)):
        s = sub[i] if i < len(sub) else str(i + 1)
        for j, q in enumerate(done):
            _arrow(axis, origin, q, "0.4", f"u{sub[j]}")
        _arrow(axis, origin, b, X_COLOUR, f"b{s}")
        if i and np.any(shadow):
            axis.plot(
                *np.stack([origin, shadow], axis=1),
                "--",
                color=P_COLOUR,
                lw=1.5,
                label="projection onto the span so far",
            )
            axis.plot(
                *np.stack([shadow, b], axis=1), ":", color=R_COLOUR, lw=1.5, label="b − projection"
            )
        if u is None:
            title = f"step {i + 1}: b{s} depends on the others, u{s} = 0"
        else:
            _arrow(axis, origin, u, R_COLOUR, f"u{s}")
            done.append(u)
            rest = " − ".join(f"π_u{sub[j]}(b{s})" for j in range(len(done) - 1))
            title = (
                f"step {i + 1}: u{s} = b{s} / ‖b{s}‖"
                if not rest
                else (f"step {i + 1}: u{s} ∝ b{s} − {rest}")
            )
        axis.set_title(title, fontsize=9)
        _square_frame(axis, np.concatenate([B, -0.2 * B], axis=1))
    if ax is None:
        fig.tight_layout()
    return fig
