"""Fitted regression, PCA and mixture models as pictures (book ch. 9–11).

* :func:`regression_fit`: data, the fitted curve and, for a Bayesian model, the predictive
  band ``mean ± 2 std`` (§9.3, eq. 9.57).
* :func:`pca_projection` and :func:`scree_plot`: principal axes and projections, and the
  share of variance each component explains (§10.2–10.4).
* :func:`gmm_iterations`: the components of a Gaussian mixture after each EM step, as small
  multiples (§11.3).

Classifiers are drawn by :mod:`mml.plot.classifiers`, evaluation curves by
:mod:`mml.plot.evaluation`.

Each function takes a fitted estimator of :mod:`mml.models` (or any object with the same
fitted attributes) and the data it was fitted on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from mml.errors import DomainError, ShapeError
from mml.plot.axes import (
    check_fitted,
    class_labels,
    covariance_ellipse,
    new_axes,
    new_figure,
    plane_points,
)

__all__ = [
    "regression_fit",
    "pca_projection",
    "scree_plot",
    "gmm_iterations",
]


def regression_fit(
    model: Any,
    x: Any,
    y: Any,
    features: Callable[[np.ndarray], np.ndarray] | None = None,
    x_range: Any = None,
    ax: Any = None,
) -> Any:
    """Draw one-input regression data, the fitted curve and its predictive band.

    The curve is ``model.predict(features(x))`` on a fine grid. When ``predict`` accepts
    ``return_std`` (as :class:`mml.models.BayesianLinearRegression`), the bands
    ``mean ± std`` and ``mean ± 2 std`` of the predictive distribution are shaded; they
    include the noise variance, so about 95 % of new data fall in the outer band.

    Parameters
    ----------
    model : fitted regressor
        Fitted on ``features(x)``.
    x : array_like of shape (n,) or (n, 1)
        The single input variable.
    y : array_like of shape (n,)
    features : callable, optional
        Maps inputs of shape (m,) to the design matrix the model was fitted on, e.g.
        polynomial features; default ``x[:, None]``.
    x_range : (float, float), optional
        Where to draw the curve; default the data range plus 10 % each side.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ShapeError
        If x has more than one column or y does not match it.
    NotFittedError
        If the model is not fitted.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from mml.models import BayesianLinearRegression
    >>> x = np.array([0.0, 1.0, 2.0, 3.0]); y = np.array([0.1, 0.9, 2.1, 2.9])
    >>> model = BayesianLinearRegression().fit(x[:, None], y)
    >>> fig = regression_fit(model, x, y)
    >>> [line.get_label() for line in fig.axes[0].lines]
    ['data', 'predictive mean']
    """
    xs = np.asarray(x, dtype=float)
    if xs.ndim == 2 and xs.shape[1] == 1:
        xs = xs[:, 0]
    if xs.ndim != 1:
        raise ShapeError(f"regression_fit draws one input variable; x has shape {xs.shape}")
    ys = np.asarray(y, dtype=float)
    if ys.shape != xs.shape:
        raise ShapeError(f"y must have shape {xs.shape} like x; got {ys.shape}")
    features = features or (lambda t: t[:, None])
    if x_range is None:
        lo, hi = float(xs.min()), float(xs.max())
        pad = 0.1 * (hi - lo) if hi > lo else 1.0
        x_range = (lo - pad, hi + pad)
    grid = np.linspace(float(x_range[0]), float(x_range[1]), 300)
    ax = new_axes(ax, figsize=(6, 4))
    design = features(grid)
    try:
        mean, std = model.predict(design, return_std=True)
    except TypeError:
        mean, std = model.predict(design), None
    mean = np.asarray(mean, dtype=float)
    if std is not None:
        std = np.asarray(std, dtype=float)
        ax.fill_between(
            grid,
            mean - 2 * std,
            mean + 2 * std,
            color="tab:blue",
            alpha=0.15,
            label="± 2 std (predictive)",
        )
        ax.fill_between(grid, mean - std, mean + std, color="tab:blue", alpha=0.25, label="± 1 std")
    ax.plot(xs, ys, "o", color="black", markersize=5, label="data")
    ax.plot(
        grid, mean, color="tab:blue", lw=2, label="predictive mean" if std is not None else "fit"
    )
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title(f"{type(model).__name__} on {xs.size} points", fontsize=10)
    ax.legend(fontsize=8)
    return ax.figure


def pca_projection(pca: Any, X: Any, y: Any = None, ax: Any = None) -> Any:
    """Draw data with its principal axes and its projection onto the first one.

    Two features: the data, the principal directions from the mean (half-length
    ``2√λ``, with λ the explained variance) and each point's projection onto the first
    principal line ``x̃ = μ + b₁b₁ᵀ(x − μ)`` (§10.3). More features: the data in the
    coordinates of the first two components, coloured by ``y`` when given.

    Parameters
    ----------
    pca : fitted :class:`mml.models.PCA`
    X : array_like of shape (n, d)
    y : array_like of shape (n,), optional
        Labels for colour.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    NotFittedError
        If ``pca`` is not fitted.
    ShapeError
        If X does not have the fitted number of features.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from mml.models import PCA
    >>> X = np.array([[0.0, 0.0], [1.0, 1.1], [2.0, 1.9], [3.0, 3.2]])
    >>> fig = pca_projection(PCA().fit(X), X)
    >>> fig.axes[0].get_title()
    'PCA: first component explains 99.8% of the variance'
    """
    check_fitted(pca, "components_")
    A = np.asarray(X, dtype=float)
    if A.ndim != 2 or A.shape[1] != pca.components_.shape[1]:
        raise ShapeError(
            f"X must have {pca.components_.shape[1]} features like the data PCA was fitted on; "
            f"got shape {A.shape}"
        )
    ax = new_axes(ax)
    colours = None if y is None else class_labels(y, A.shape[0])
    ratio = np.asarray(pca.explained_variance_ratio_, dtype=float)
    if A.shape[1] == 2:
        mu = np.asarray(pca.mean_, dtype=float)
        b1 = pca.components_[0]
        projected = mu + np.outer((A - mu) @ b1, b1)
        for p, q in zip(A, projected):
            ax.plot(*np.stack([p, q], axis=1), color="0.7", lw=0.7, label="_residual")
        ax.scatter(A[:, 0], A[:, 1], c=colours, s=18, label="data", zorder=3)
        ax.scatter(
            projected[:, 0],
            projected[:, 1],
            s=12,
            marker="x",
            color="tab:red",
            label="projection onto PC 1",
            zorder=3,
        )
        for k, (b, var) in enumerate(zip(pca.components_, pca.explained_variance_)):
            end = mu + 2 * np.sqrt(var) * b
            ax.annotate(
                "",
                xy=tuple(end),
                xytext=tuple(mu),
                arrowprops={"arrowstyle": "-|>", "lw": 2, "color": f"C{k + 2}"},
            )
            ax.text(*end, f" PC {k + 1}", color=f"C{k + 2}", fontsize=9)
        ax.set_aspect("equal", adjustable="datalim")
        ax.set_xlabel("x₁")
        ax.set_ylabel("x₂")
    else:
        Z = pca.transform(A)
        if Z.shape[1] < 2:
            Z = np.column_stack([Z[:, 0], np.zeros(len(Z))])
        if colours is None:
            ax.scatter(Z[:, 0], Z[:, 1], s=18)
        else:
            codes = np.unique(colours, return_inverse=True)[1]
            scatter = ax.scatter(Z[:, 0], Z[:, 1], c=codes, s=18, cmap="tab10")
            handles = scatter.legend_elements()[0]
            ax.legend(handles, [str(c) for c in np.unique(colours)], title="class", fontsize=8)
        ax.set_xlabel(f"PC 1 ({100 * ratio[0]:.1f}%)")
        if ratio.size > 1:
            ax.set_ylabel(f"PC 2 ({100 * ratio[1]:.1f}%)")
        else:
            ax.set_yticks([])  # one component: the scores lie on a line
    ax.set_title(
        f"PCA: first component explains {100 * ratio[0]:.1f}% of the variance", fontsize=10
    )
    if A.shape[1] == 2:
        ax.legend(fontsize=8)
    return ax.figure


def scree_plot(pca: Any, ax: Any = None) -> Any:
    """Draw the explained-variance ratio of each component, and its running total.

    Bars: ``λ_m / Σλ`` per component (eigenvalues of the data covariance, §10.2); line:
    the cumulative share, which tells how many components keep, say, 95 % of the variance.

    Parameters
    ----------
    pca : fitted :class:`mml.models.PCA`
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    NotFittedError
        If ``pca`` is not fitted.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from mml.models import PCA
    >>> X = np.random.default_rng(0).normal(size=(50, 4)) * [3.0, 2.0, 1.0, 0.5]
    >>> fig = scree_plot(PCA().fit(X))
    >>> len(fig.axes[0].patches)
    4
    """
    check_fitted(pca, "explained_variance_ratio_")
    ratio = np.asarray(pca.explained_variance_ratio_, dtype=float)
    m = np.arange(1, ratio.size + 1)
    ax = new_axes(ax, figsize=(6, 4))
    ax.bar(m, ratio, color="tab:blue", alpha=0.7, label="explained variance ratio")
    ax.plot(m, np.cumsum(ratio), "o-", color="tab:red", label="cumulative")
    ax.axhline(0.95, color="0.6", ls=":", lw=1, label="95 %")
    ax.set_xticks(m)
    ax.set_xlabel("principal component")
    ax.set_ylabel("share of the variance")
    ax.set_ylim(0, 1.05)
    ax.set_title("scree plot", fontsize=10)
    ax.legend(fontsize=8, loc="center right")
    return ax.figure


def _full_covariances(covariances: np.ndarray, kind: str, k: int, d: int) -> np.ndarray:
    if kind == "full":
        return covariances
    if kind == "tied":
        return np.broadcast_to(covariances, (k, d, d))
    if kind == "diag":
        return np.stack([np.diag(c) for c in covariances])
    return np.asarray(covariances)[:, None, None] * np.eye(d)  # spherical


def gmm_iterations(
    gmm: Any, X: Any, iterations: Sequence[int] | None = None, ax: Any = None
) -> Any:
    """Draw the mixture components after chosen EM iterations, one small panel each.

    Each panel shows the data, every component's 2σ ellipse (line width by its weight πₖ)
    and its mean, after the M-step of that iteration, with the mean log-likelihood, which
    EM never decreases (§11.3).

    Parameters
    ----------
    gmm : fitted :class:`mml.models.GaussianMixture`
        Fitted with ``record_covariances=True`` so ``history_`` holds the covariances.
    X : array_like of shape (n, 2)
    iterations : sequence of int, optional
        1-based iteration numbers; default up to six spread from first to last.
    ax : sequence of matplotlib Axes, optional
        One per iteration.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    NotFittedError
        If the model is not fitted.
    DomainError
        If the history has no covariances, or an iteration is out of range.
    ShapeError
        If X is not 2-D data, or the number of axes is wrong.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from mml.models import GaussianMixture
    >>> rng = np.random.default_rng(0)
    >>> X = np.vstack([rng.normal(0, 1, (40, 2)), rng.normal(5, 1, (40, 2))])
    >>> gmm = GaussianMixture(2, record_covariances=True, random_state=0).fit(X)
    >>> fig = gmm_iterations(gmm, X, iterations=[1, 2])
    >>> [a.get_title().split(":")[0] for a in fig.axes]
    ['iteration 1', 'iteration 2']
    """
    check_fitted(gmm, "history_")
    A = plane_points(X)
    history = gmm.history_
    if not history or "covariances" not in history[0]:
        raise DomainError(
            "the mixture's history has no covariances; fit it with record_covariances=True"
        )
    count = len(history)
    if iterations is None:
        iterations = sorted({int(round(t)) for t in np.linspace(1, count, min(6, count))})
    for t in iterations:
        if not 1 <= t <= count:
            raise DomainError(f"iteration {t} is outside 1..{count} (the EM steps that ran)")
    if ax is None:
        cols = min(3, len(iterations))
        rows = -(-len(iterations) // cols)
        fig = new_figure((4 * cols, 3.6 * rows))
        grid = fig.subplots(rows, cols, squeeze=False, sharex=True, sharey=True)
        axes = list(grid.ravel())
        for extra in axes[len(iterations) :]:
            extra.remove()
        axes = axes[: len(iterations)]
    else:
        axes = list(np.ravel(np.asarray(ax, dtype=object)))
        if len(axes) != len(iterations):
            raise ShapeError(f"{len(iterations)} iterations need as many axes; got {len(axes)}")
        fig = axes[0].figure
    kind = getattr(gmm, "covariance_type", "full")
    for axis, t in zip(axes, iterations):
        step = history[t - 1]
        means = np.asarray(step["means"], dtype=float)
        k = means.shape[0]
        covs = _full_covariances(np.asarray(step["covariances"], dtype=float), kind, k, 2)
        axis.scatter(A[:, 0], A[:, 1], s=5, color="0.6")
        for j in range(k):
            xy = covariance_ellipse(means[j], covs[j], n_std=2.0)
            weight = float(step["weights"][j])
            axis.plot(xy[:, 0], xy[:, 1], color=f"C{j}", lw=1 + 4 * weight)
            axis.plot([means[j, 0]], [means[j, 1]], "x", color=f"C{j}", mew=2)
        axis.set_title(f"iteration {t}: mean log-lik {step['log_likelihood']:.3f}", fontsize=9)
        axis.set_xlabel("x₁")
        axis.set_ylabel("x₂")
    if ax is None:
        fig.tight_layout()
    return fig
