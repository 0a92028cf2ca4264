"""Classifiers as pictures: decision regions and the SVM margin (book ch. 12).

* :func:`decision_boundary`: the regions where any fitted classifier predicts each class.
* :func:`svm_margin`: the separating hyperplane ``f(x) = 0``, the margins ``f(x) = ±1`` and
  the support vectors of a binary SVM (§12.2).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.errors import ShapeError
from mml.plot.axes import check_fitted, class_labels, new_axes, plane_points

__all__ = ["svm_margin", "decision_boundary"]


def _grid_over(A: np.ndarray, resolution: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    lo, hi = A.min(axis=0), A.max(axis=0)
    pad = 0.1 * np.maximum(hi - lo, 1e-9) + 0.5 * (hi == lo)
    xs = np.linspace(lo[0] - pad[0], hi[0] + pad[0], resolution)
    ys = np.linspace(lo[1] - pad[1], hi[1] + pad[1], resolution)
    XX, YY = np.meshgrid(xs, ys)
    return XX, YY, np.column_stack([XX.ravel(), YY.ravel()])


def svm_margin(svc: Any, X: Any, y: Any, resolution: int = 200, ax: Any = None) -> Any:
    """Draw a binary SVM: the boundary ``f(x) = 0``, the margins ``f(x) = ±1``, the
    support vectors (circled) and the data.

    ``f`` is ``svc.decision_function``; for a linear kernel the margin width is
    ``2 / ‖w‖`` (§12.2), for other kernels the curves are its level sets.

    Parameters
    ----------
    svc : fitted :class:`mml.models.SVC` with two classes
    X : array_like of shape (n, 2)
    y : array_like of shape (n,)
    resolution : int
        Grid points per axis for the level sets.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    NotFittedError
        If ``svc`` is not fitted.
    ShapeError
        If X is not 2-D data, or there are more than two classes.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from mml.models import SVC
    >>> X = np.array([[0.0, 0.0], [1.0, 0.0], [3.0, 3.0], [4.0, 3.0]]); y = np.array([0, 0, 1, 1])
    >>> fig = svm_margin(SVC(kernel="linear", C=10.0).fit(X, y), X, y)
    >>> fig.axes[0].get_title()
    'SVM: 2 support vectors, margin width 3.61'
    """
    check_fitted(svc, "support_vectors_")
    A = plane_points(X)
    labels = class_labels(y, A.shape[0])
    classes = np.unique(labels)
    if classes.size != 2:
        raise ShapeError(f"svm_margin draws a binary SVM; got {classes.size} classes")
    XX, YY, grid = _grid_over(A, resolution)
    F = np.asarray(svc.decision_function(grid), dtype=float).reshape(XX.shape)
    ax = new_axes(ax)
    ax.contourf(XX, YY, F, levels=[-1e300, 0, 1e300], colors=["tab:blue", "tab:orange"], alpha=0.12)
    ax.contour(
        XX,
        YY,
        F,
        levels=[-1.0, 0.0, 1.0],
        colors="black",
        linestyles=["--", "-", "--"],
        linewidths=[1, 2, 1],
    )
    for k, c in enumerate(classes):
        mask = labels == c
        ax.scatter(A[mask, 0], A[mask, 1], s=20, color=f"C{k}", label=f"class {c}", zorder=3)
    sv = np.asarray(svc.support_vectors_, dtype=float)
    ax.scatter(
        sv[:, 0],
        sv[:, 1],
        s=120,
        facecolors="none",
        edgecolors="black",
        lw=1.5,
        label="support vectors",
        zorder=4,
    )
    title = f"SVM: {len(sv)} support vectors"
    if getattr(svc, "kernel", None) == "linear":
        w = (np.asarray(svc.dual_coef_, dtype=float) @ sv)[0]  # w = Σ αᵢyᵢxᵢ
        title += f", margin width {2.0 / np.sqrt(float(w @ w)):.3g}"
    ax.plot([], [], "k-", lw=2, label="f(x) = 0")
    ax.plot([], [], "k--", lw=1, label="f(x) = ±1 (margins)")
    ax.set_title(title, fontsize=10)
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    ax.legend(fontsize=8, loc="best")
    return ax.figure


def decision_boundary(model: Any, X: Any, y: Any, resolution: int = 200, ax: Any = None) -> Any:
    """Draw the regions where a classifier predicts each class, with the data on top.

    The colour at each grid point is ``model.predict`` there; the boundaries between the
    regions are where the prediction changes.

    Parameters
    ----------
    model : fitted classifier with ``predict``
    X : array_like of shape (n, 2)
    y : array_like of shape (n,)
    resolution : int
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ShapeError
        If X is not 2-D data or y does not match it.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from mml.models import LogisticRegression
    >>> X = np.array([[0.0, 0.0], [1.0, 0.5], [3.0, 3.0], [4.0, 3.5]]); y = np.array([0, 0, 1, 1])
    >>> fig = decision_boundary(LogisticRegression().fit(X, y), X, y)
    >>> fig.axes[0].get_title()
    'LogisticRegression: training accuracy 100%'
    """
    A = plane_points(X)
    labels = class_labels(y, A.shape[0])
    XX, YY, grid = _grid_over(A, resolution)
    classes = np.unique(labels)
    predicted = np.asarray(model.predict(grid)).reshape(XX.shape)
    index = np.searchsorted(classes, predicted)
    ax = new_axes(ax)
    from matplotlib.colors import ListedColormap

    cmap = ListedColormap([f"C{k}" for k in range(classes.size)])
    ax.contourf(XX, YY, index, levels=np.arange(classes.size + 1) - 0.5, cmap=cmap, alpha=0.2)
    for k, c in enumerate(classes):
        mask = labels == c
        ax.scatter(
            A[mask, 0],
            A[mask, 1],
            s=18,
            color=f"C{k}",
            edgecolors="black",
            linewidths=0.3,
            label=f"class {c}",
        )
    accuracy = float(np.mean(np.asarray(model.predict(A)) == labels))
    ax.set_title(f"{type(model).__name__}: training accuracy {100 * accuracy:.0f}%", fontsize=10)
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    ax.legend(fontsize=8)
    return ax.figure
