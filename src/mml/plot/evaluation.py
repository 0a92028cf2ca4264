"""How well a model does, as pictures: loss curves, confusion matrix, ROC, learning and
validation curves (book §8.2).

Each function takes the numbers (losses, labels and scores, or the arrays returned by
:func:`mml.model_selection.learning_curve` and :func:`~mml.model_selection.validation_curve`),
so it works with any model.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from mml.errors import DomainError, ShapeError
from mml.plot.axes import new_axes

__all__ = ["loss_curves", "confusion_matrix", "roc_curve", "learning_curve", "validation_curve"]


def loss_curves(curves: Any, log_scale: bool = False, ax: Any = None) -> Any:
    """Draw one or more loss curves against the epoch (or iteration).

    Parameters
    ----------
    curves : array_like of shape (T,), or mapping of name to array_like
        E.g. ``{"train": history.train_loss, "validation": history.val_loss}``.
    log_scale : bool
        A logarithmic loss axis (for losses that fall by orders of magnitude).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ShapeError
        For a curve that is not one-dimensional or is empty.
    DomainError
        For ``log_scale`` with a loss ≤ 0.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = loss_curves({"train": [1.0, 0.5, 0.3], "validation": [1.1, 0.7, 0.6]})
    >>> [line.get_label() for line in fig.axes[0].lines]
    ['train (last 0.3)', 'validation (last 0.6)']
    """
    named = dict(curves) if isinstance(curves, Mapping) else {"loss": curves}
    ax = new_axes(ax, figsize=(6, 4))
    for name, values in named.items():
        v = np.asarray(values, dtype=float)
        if v.ndim != 1 or v.size == 0:
            raise ShapeError(
                f"curve {name!r} must be a non-empty 1-D sequence; got shape {v.shape}"
            )
        if log_scale and (v <= 0).any():
            raise DomainError(f"curve {name!r} has losses ≤ 0, which a log scale cannot show")
        ax.plot(np.arange(1, v.size + 1), v, lw=2, label=f"{name} (last {v[-1]:.3g})")
    from matplotlib.ticker import MaxNLocator

    if log_scale:
        ax.set_yscale("log")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    ax.set_title("loss curves", fontsize=10)
    ax.legend(fontsize=8)
    return ax.figure


def confusion_matrix(
    y_true: Any, y_pred: Any, labels: Any = None, normalize: str | None = None, ax: Any = None
) -> Any:
    """Draw the confusion matrix ``C[i, j]`` = number of samples of class i predicted as j.

    Computed by :func:`mml.metrics.confusion_matrix`; the diagonal holds the correct
    predictions. ``normalize="true"`` divides each row by its total (recall on the diagonal).

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n,)
    labels : array_like, optional
        The classes, in order; default the sorted classes present.
    normalize : {None, "true", "pred", "all"}
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
        One text per cell, with the count or share.

    Raises
    ------
    ShapeError
        If the label arrays differ in length.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = confusion_matrix([0, 0, 1, 1], [0, 1, 1, 1])
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['1', '1', '0', '2']
    """
    from mml import metrics

    C = np.asarray(metrics.confusion_matrix(y_true, y_pred, labels=labels, normalize=normalize))
    names = (
        np.unique(np.concatenate([np.asarray(y_true), np.asarray(y_pred)]))
        if labels is None
        else np.asarray(labels)
    )
    ax = new_axes(ax, figsize=(1.0 + 0.9 * max(3, len(names)), 0.8 + 0.9 * max(3, len(names))))
    image = ax.imshow(C, cmap="Blues")
    ax.figure.colorbar(image, ax=ax, fraction=0.046)
    top = C.max() if C.size else 0
    for i in range(C.shape[0]):
        for j in range(C.shape[1]):
            text = f"{C[i, j]:.2f}" if normalize else f"{int(C[i, j])}"
            colour = "white" if top and C[i, j] > 0.6 * top else "black"
            ax.text(j, i, text, ha="center", va="center", color=colour, fontsize=10)
    ax.set_xticks(range(len(names)), [str(n) for n in names])
    ax.set_yticks(range(len(names)), [str(n) for n in names])
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    accuracy = float(np.trace(C) / C.sum()) if normalize in (None, "all") and C.sum() else None
    title = "confusion matrix" + (
        f": accuracy {100 * accuracy:.1f}%" if accuracy is not None else ""
    )
    ax.set_title(title, fontsize=10)
    return ax.figure


def roc_curve(y_true: Any, y_score: Any, pos_label: Any = None, ax: Any = None) -> Any:
    """Draw the ROC curve (true-positive against false-positive rate) and its area.

    Each threshold t on the score gives one point ``(FPR(t), TPR(t))``, from
    :func:`mml.metrics.roc_curve`; the area under it (AUC) is the probability that a random
    positive scores above a random negative. The diagonal is a classifier that guesses.

    Parameters
    ----------
    y_true : array_like of shape (n,)
        Two classes.
    y_score : array_like of shape (n,)
        Higher means more likely positive (``decision_function`` or a probability).
    pos_label : optional
        The positive class; default the larger label.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ShapeError
        If the arrays differ in length.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = roc_curve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    >>> fig.axes[0].lines[0].get_label()
    'ROC (AUC = 0.75)'
    """
    from mml import metrics

    fpr, tpr, _ = metrics.roc_curve(y_true, y_score, pos_label=pos_label)
    auc = float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))
    ax = new_axes(ax, figsize=(5, 5))
    ax.plot(fpr, tpr, lw=2, color="tab:blue", label=f"ROC (AUC = {auc:.3g})")
    ax.fill_between(fpr, tpr, color="tab:blue", alpha=0.1)
    ax.plot([0, 1], [0, 1], ":", color="0.5", label="chance")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.set_aspect("equal")
    ax.set_xlabel("false-positive rate")
    ax.set_ylabel("true-positive rate")
    ax.set_title("ROC curve", fontsize=10)
    ax.legend(fontsize=8, loc="lower right")
    return ax.figure


def _fold_mean(scores: np.ndarray) -> np.ndarray:
    """Mean over the folds that did not fail (NaN scores), NaN where all failed."""
    ok = ~np.isnan(scores)
    count = ok.sum(axis=1)
    total = np.where(ok, scores, 0.0).sum(axis=1)
    return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def _score_band(ax: Any, x: np.ndarray, scores: Any, colour: str, label: str) -> None:
    s = np.asarray(scores, dtype=float)
    if s.ndim != 2 or s.shape[0] != x.size:
        raise ShapeError(
            f"scores must have shape ({x.size}, n_folds), one row per point; got {s.shape}"
        )
    mean, std = _fold_mean(s), np.sqrt(_fold_mean((s - _fold_mean(s)[:, None]) ** 2))
    ax.plot(x, mean, "o-", color=colour, label=label)
    ax.fill_between(x, mean - std, mean + std, color=colour, alpha=0.15)


def learning_curve(train_sizes: Any, train_scores: Any, test_scores: Any, ax: Any = None) -> Any:
    """Draw training and validation scores against the number of training samples.

    Means over the folds, with ± one standard deviation shaded. A gap that stays wide
    means overfitting (more data helps); two low curves that meet mean underfitting.

    Parameters
    ----------
    train_sizes : array_like of shape (k,)
    train_scores, test_scores : array_like of shape (k, n_folds)
        As returned by :func:`mml.model_selection.learning_curve`.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ShapeError
        If the score arrays do not have one row per training size.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = learning_curve([10, 20], [[1.0, 0.9], [0.95, 0.9]], [[0.6, 0.7], [0.8, 0.8]])
    >>> [line.get_label() for line in fig.axes[0].lines]
    ['training score', 'validation score']
    """
    x = np.asarray(train_sizes, dtype=float).reshape(-1)
    ax = new_axes(ax, figsize=(6, 4))
    _score_band(ax, x, train_scores, "tab:blue", "training score")
    _score_band(ax, x, test_scores, "tab:orange", "validation score")
    ax.set_xlabel("training samples")
    ax.set_ylabel("score")
    ax.set_title("learning curve", fontsize=10)
    ax.legend(fontsize=8)
    return ax.figure


def validation_curve(
    param_range: Any,
    train_scores: Any,
    test_scores: Any,
    param_name: str = "parameter",
    log_scale: bool | None = None,
    ax: Any = None,
) -> Any:
    """Draw training and validation scores against one hyperparameter.

    The best value is where the validation score peaks (marked); to its one side the model
    underfits, to the other it overfits.

    Parameters
    ----------
    param_range : array_like of shape (k,)
    train_scores, test_scores : array_like of shape (k, n_folds)
        As returned by :func:`mml.model_selection.validation_curve`.
    param_name : str
    log_scale : bool, optional
        Default: logarithmic when the positive values span more than two decades.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ShapeError
        If the score arrays do not have one row per parameter value.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = validation_curve([0.01, 1, 100], [[0.9], [0.8], [0.5]], [[0.6], [0.75], [0.5]],
    ...                        param_name="alpha")
    >>> fig.axes[0].get_title()
    'validation curve: best alpha = 1 (score 0.75)'
    """
    x = np.asarray(param_range, dtype=float).reshape(-1)
    ax = new_axes(ax, figsize=(6, 4))
    _score_band(ax, x, train_scores, "tab:blue", "training score")
    _score_band(ax, x, test_scores, "tab:orange", "validation score")
    if log_scale is None:
        log_scale = bool((x > 0).all() and x.max() / x.min() > 100)
    if log_scale:
        ax.set_xscale("log")
    mean = _fold_mean(np.asarray(test_scores, dtype=float))
    if np.isnan(mean).all():
        raise DomainError("every validation score is NaN: all the fits failed")
    best = int(np.nanargmax(mean))
    ax.axvline(x[best], color="0.5", ls=":", label="_best")
    ax.set_xlabel(param_name)
    ax.set_ylabel("score")
    ax.set_title(
        f"validation curve: best {param_name} = {x[best]:g} (score {mean[best]:.3g})", fontsize=10
    )
    ax.legend(fontsize=8)
    return ax.figure
