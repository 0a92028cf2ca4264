"""Losses and scores with scikit-learn's names, signatures and results.

Regression: :func:`mean_squared_error`, :func:`mean_absolute_error`, :func:`r2_score`.
Classification: :func:`accuracy_score`, :func:`confusion_matrix`,
:func:`precision_recall_fscore_support`, :func:`f1_score`, :func:`log_loss`,
:func:`roc_curve`, :func:`roc_auc_score`, :func:`classification_report`.

Every function computes in the same order of floating-point operations as
scikit-learn, so results are equal, not merely close (MML book §8.2 on empirical
risk; §8.2.4 and the confusion matrix of ch. 12 for classification).

Examples
--------
>>> from mml.metrics import accuracy_score, r2_score
>>> accuracy_score([0, 1, 1, 0], [0, 1, 0, 0])
0.75
>>> round(r2_score([1.0, 2.0, 3.0], [1.0, 2.0, 4.0]), 3)
0.5
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from mml.errors import DomainError, ShapeError

__all__ = [
    "UndefinedMetricWarning",
    "mean_squared_error",
    "mean_absolute_error",
    "r2_score",
    "accuracy_score",
    "confusion_matrix",
    "precision_recall_fscore_support",
    "f1_score",
    "log_loss",
    "roc_curve",
    "roc_auc_score",
    "classification_report",
]


class UndefinedMetricWarning(UserWarning):
    """A score is ill-defined for these labels (for example precision with no predicted positives)."""


# ---------------------------------------------------------------- regression


def _regression_targets(y_true: Any, y_pred: Any, sample_weight: Any) -> tuple:
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.ndim == 1:
        y_true = y_true.reshape(-1, 1)
    if y_pred.ndim == 1:
        y_pred = y_pred.reshape(-1, 1)
    if y_true.shape != y_pred.shape or y_true.ndim != 2:
        raise ShapeError(
            f"y_true and y_pred have different shapes: {y_true.shape} and {y_pred.shape}."
        )
    if not (np.isfinite(y_true).all() and np.isfinite(y_pred).all()):
        raise DomainError("Input y_true or y_pred contains NaN or infinity.")
    if sample_weight is not None:
        sample_weight = np.asarray(sample_weight, dtype=np.float64)
        if sample_weight.shape != (y_true.shape[0],):
            raise ShapeError(
                f"sample_weight has shape {sample_weight.shape}, expected ({y_true.shape[0]},)."
            )
    return y_true, y_pred, sample_weight


def _combine_outputs(errors: np.ndarray, multioutput: Any) -> float | np.ndarray:
    if isinstance(multioutput, str):
        if multioutput == "raw_values":
            return errors
        if multioutput != "uniform_average":
            raise DomainError(f"multioutput={multioutput!r} is not supported.")
        return float(np.average(errors))
    return float(np.average(errors, weights=np.asarray(multioutput, dtype=np.float64)))


def mean_squared_error(
    y_true: Any, y_pred: Any, *, sample_weight: Any = None, multioutput: Any = "uniform_average"
) -> float | np.ndarray:
    """Mean squared error :math:`\\frac{1}{n}\\sum_i (y_i - \\hat y_i)^2` (MML §8.2.1).

    Shapes: ``y_true`` and ``y_pred`` are ``(n,)`` or ``(n, k)``; the result is a
    float, or ``(k,)`` with ``multioutput="raw_values"``.

    Raises
    ------
    ShapeError
        Shapes differ. DomainError: NaN or infinity.

    Examples
    --------
    >>> mean_squared_error([3.0, -0.5, 2.0, 7.0], [2.5, 0.0, 2.0, 8.0])
    0.375
    """
    y_true, y_pred, sample_weight = _regression_targets(y_true, y_pred, sample_weight)
    errors = np.average((y_true - y_pred) ** 2, axis=0, weights=sample_weight)
    return _combine_outputs(errors, multioutput)


def mean_absolute_error(
    y_true: Any, y_pred: Any, *, sample_weight: Any = None, multioutput: Any = "uniform_average"
) -> float | np.ndarray:
    """Mean absolute error :math:`\\frac{1}{n}\\sum_i |y_i - \\hat y_i|`.

    Examples
    --------
    >>> mean_absolute_error([3.0, -0.5, 2.0, 7.0], [2.5, 0.0, 2.0, 8.0])
    0.5
    """
    y_true, y_pred, sample_weight = _regression_targets(y_true, y_pred, sample_weight)
    errors = np.average(np.abs(y_pred - y_true), axis=0, weights=sample_weight)
    return _combine_outputs(errors, multioutput)


def r2_score(
    y_true: Any,
    y_pred: Any,
    *,
    sample_weight: Any = None,
    multioutput: Any = "uniform_average",
    force_finite: bool = True,
) -> float | np.ndarray:
    """Coefficient of determination :math:`R^2 = 1 - SS_{res} / SS_{tot}`.

    :math:`SS_{res} = \\sum_i w_i (y_i - \\hat y_i)^2`,
    :math:`SS_{tot} = \\sum_i w_i (y_i - \\bar y)^2`. A constant ``y_true`` gives
    1.0 for a perfect prediction and 0.0 otherwise when ``force_finite``.

    Examples
    --------
    >>> r2_score([3.0, -0.5, 2.0, 7.0], [2.5, 0.0, 2.0, 8.0])
    0.948...
    """
    y_true, y_pred, sample_weight = _regression_targets(y_true, y_pred, sample_weight)
    if y_true.shape[0] < 2:
        warnings.warn(
            "R^2 score is not well-defined with less than two samples.",
            UndefinedMetricWarning,
            stacklevel=2,
        )
        return float("nan")
    weight = 1.0 if sample_weight is None else sample_weight[:, None]
    numerator = np.sum(weight * (y_true - y_pred) ** 2, axis=0)
    mean = np.average(y_true, axis=0, weights=sample_weight)
    denominator = np.sum(weight * (y_true - mean) ** 2, axis=0)
    nonzero_den = denominator != 0
    nonzero_num = numerator != 0
    scores = np.ones(y_true.shape[1])
    with np.errstate(divide="ignore", invalid="ignore"):
        raw = 1 - numerator / denominator
    if force_finite:
        valid = nonzero_den & nonzero_num
        scores[valid] = raw[valid]
        scores[nonzero_num & ~nonzero_den] = 0.0
    else:
        scores = raw
    if isinstance(multioutput, str) and multioutput == "variance_weighted":
        if not np.any(nonzero_den):
            return float(np.average(scores))
        return float(np.average(scores, weights=denominator))
    return _combine_outputs(scores, multioutput)


# ------------------------------------------------------------ classification


def _labels_of(y: np.ndarray, name: str) -> str:
    """'binary', 'multiclass' or raise for continuous or multilabel targets."""
    if y.ndim != 1:
        raise ShapeError(f"{name} must be 1-D labels, got shape {y.shape}.")
    if y.dtype.kind in "fc":
        if not np.isfinite(y).all():
            raise DomainError(f"{name} contains NaN or infinity.")
        if np.any(y != np.round(y)):
            raise DomainError(f"Classification metrics can't handle continuous targets in {name}.")
    return "binary" if np.unique(y).size <= 2 else "multiclass"


def _check_targets(y_true: Any, y_pred: Any) -> tuple[str, np.ndarray, np.ndarray, np.ndarray]:
    """Validate two label vectors; return (type, labels, y_true, y_pred)."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.ndim == 2 and y_true.shape[1] == 1:
        y_true = y_true.ravel()
    if y_pred.ndim == 2 and y_pred.shape[1] == 1:
        y_pred = y_pred.ravel()
    if y_true.shape[0] != y_pred.shape[0]:
        raise ShapeError(
            f"Found input variables with inconsistent numbers of samples: "
            f"[{y_true.shape[0]}, {y_pred.shape[0]}]."
        )
    types = {_labels_of(y_true, "y_true"), _labels_of(y_pred, "y_pred")}
    try:
        labels = np.unique(np.concatenate([y_true, y_pred]))
    except TypeError as exc:
        raise DomainError("Mix of label input types (string and number).") from exc
    kind = "multiclass" if "multiclass" in types or labels.size > 2 else "binary"
    return kind, labels, y_true, y_pred


def _weights(sample_weight: Any, n: int) -> np.ndarray | None:
    if sample_weight is None:
        return None
    weights = np.asarray(sample_weight)
    if weights.shape != (n,):
        raise ShapeError(f"sample_weight has shape {weights.shape}, expected ({n},).")
    return weights


def accuracy_score(
    y_true: Any, y_pred: Any, *, normalize: bool = True, sample_weight: Any = None
) -> float:
    """Fraction (or, with ``normalize=False``, number) of correct predictions.

    :math:`\\mathrm{acc} = \\frac{1}{n}\\sum_i [\\hat y_i = y_i]`.

    Examples
    --------
    >>> accuracy_score([0, 2, 1, 3], [0, 1, 2, 3])
    0.5
    """
    _, _, y_true, y_pred = _check_targets(y_true, y_pred)
    weights = _weights(sample_weight, y_true.shape[0])
    score = y_true == y_pred
    if normalize:
        return float(np.average(score, weights=weights))
    if weights is not None:
        return float(np.dot(score, weights))
    return float(score.sum())


def confusion_matrix(
    y_true: Any,
    y_pred: Any,
    *,
    labels: Any = None,
    sample_weight: Any = None,
    normalize: str | None = None,
) -> np.ndarray:
    """Matrix ``C`` with ``C[i, j]`` = number of samples of class ``i`` predicted as ``j``.

    ``normalize`` of ``"true"``, ``"pred"`` or ``"all"`` divides by row sums,
    column sums or the total.

    Raises
    ------
    DomainError
        ``labels`` empty or sharing nothing with ``y_true``.

    Examples
    --------
    >>> confusion_matrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2])
    array([[2, 0, 0],
           [0, 0, 1],
           [1, 0, 2]])
    """
    _, present, y_true, y_pred = _check_targets(y_true, y_pred)
    if labels is None:
        labels = present
    else:
        labels = np.asarray(labels)
        if labels.size == 0:
            raise DomainError("'labels' should contain at least one label.")
        if y_true.size and not np.isin(y_true, labels).any():
            raise DomainError("At least one label specified must be in y_true.")
    if normalize not in (None, "true", "pred", "all"):
        raise DomainError("normalize must be one of {'true', 'pred', 'all', None}.")
    weights = _weights(sample_weight, y_true.shape[0])
    if weights is None:
        weights = np.ones(y_true.shape[0], dtype=np.int64)
    dtype = np.int64 if weights.dtype.kind in "iub" else np.float64
    n_labels = labels.size
    order = np.argsort(labels, kind="stable")
    sorted_labels = labels[order]
    true_pos = np.searchsorted(sorted_labels, y_true)
    pred_pos = np.searchsorted(sorted_labels, y_pred)
    true_pos = np.minimum(true_pos, n_labels - 1)
    pred_pos = np.minimum(pred_pos, n_labels - 1)
    keep = (sorted_labels[true_pos] == y_true) & (sorted_labels[pred_pos] == y_pred)
    rows, cols = order[true_pos[keep]], order[pred_pos[keep]]
    cm = np.zeros((n_labels, n_labels), dtype=dtype)
    np.add.at(cm, (rows, cols), weights[keep].astype(dtype))
    if normalize is not None:
        with np.errstate(all="ignore"):
            if normalize == "true":
                cm = cm / cm.sum(axis=1, keepdims=True)
            elif normalize == "pred":
                cm = cm / cm.sum(axis=0, keepdims=True)
            else:
                cm = cm / cm.sum()
        cm = np.nan_to_num(cm)
    return cm


def _divide(numerator: np.ndarray, denominator: np.ndarray, metric: str, zero_division: Any):
    mask = denominator == 0
    denominator = np.array(denominator, dtype=np.float64)
    denominator[mask] = 1
    result = np.asarray(numerator, dtype=np.float64) / denominator
    if mask.any():
        if isinstance(zero_division, str):
            value = 0.0
            warnings.warn(
                f"{metric} is ill-defined and being set to 0.0 for labels with no "
                "samples. Use `zero_division` parameter to control this behavior.",
                UndefinedMetricWarning,
                stacklevel=3,
            )
        else:
            value = float(zero_division)
        result[mask] = value
    return result


def _nan_average(values: np.ndarray, weights: np.ndarray | None) -> float:
    if values.shape[0] == 0:
        return float("nan")
    mask = np.isnan(values)
    if mask.all():
        return float("nan")
    if weights is None:
        return float(np.nanmean(values))
    values, weights = values[~mask], np.asarray(weights)[~mask]
    if np.sum(weights) == 0:
        return float(np.average(values))
    return float(np.average(values, weights=weights))


def precision_recall_fscore_support(
    y_true: Any,
    y_pred: Any,
    *,
    beta: float = 1.0,
    labels: Any = None,
    pos_label: Any = 1,
    average: str | None = None,
    sample_weight: Any = None,
    zero_division: Any = "warn",
) -> tuple:
    """Precision :math:`tp/(tp+fp)`, recall :math:`tp/(tp+fn)`, F-beta and support per class.

    :math:`F_\\beta = (1+\\beta^2)\\,tp / ((1+\\beta^2)\\,tp + \\beta^2 fn + fp)`.
    ``average`` of None gives arrays over ``labels``; ``"binary"`` the scores of
    ``pos_label``; ``"micro"`` pools the counts; ``"macro"`` averages the classes;
    ``"weighted"`` weights them by support. ``zero_division`` (``"warn"``, 0, 1 or
    ``nan``) is used where a denominator is zero.

    Raises
    ------
    DomainError
        Unknown ``average``, ``average="binary"`` on multiclass targets, or a
        ``pos_label`` that is not a label.

    Examples
    --------
    >>> p, r, f, s = precision_recall_fscore_support([0, 1, 1, 1], [0, 1, 0, 1])
    >>> p.tolist(), r.round(3).tolist(), s.tolist()
    ([0.5, 1.0], [1.0, 0.667], [1, 3])
    """
    if average not in (None, "binary", "micro", "macro", "weighted"):
        raise DomainError(
            f"average has to be one of (None, 'binary', 'micro', 'macro', 'weighted'), "
            f"got {average!r}."
        )
    kind, present, y_true, y_pred = _check_targets(y_true, y_pred)
    if average == "binary":
        if kind != "binary":
            raise DomainError(
                "Target is multiclass but average='binary'. Please choose another average "
                "setting, one of [None, 'micro', 'macro', 'weighted']."
            )
        if pos_label not in present.tolist() and present.size >= 2:
            raise DomainError(
                f"pos_label={pos_label!r} is not a valid label. It should be one of {present}"
            )
        labels = [pos_label]
    weights = _weights(sample_weight, y_true.shape[0])
    if labels is None:
        labels = present
    labels = np.asarray(labels)
    w = np.ones(y_true.shape[0]) if weights is None else weights.astype(np.float64)
    correct = y_true == y_pred
    # Per-label counts: tp (predicted and true), predicted, true.
    tp_sum = np.array([np.sum(w[correct & (y_true == label)]) for label in labels])
    pred_sum = np.array([np.sum(w[y_pred == label]) for label in labels])
    true_sum = np.array([np.sum(w[y_true == label]) for label in labels])
    if weights is None and correct.any():
        # Counts are integers; scikit-learn keeps them as floats when nothing is correct
        # (its "pathological case"), and we follow it so supports print the same way.
        tp_sum, pred_sum, true_sum = (a.astype(np.int64) for a in (tp_sum, pred_sum, true_sum))
    if average == "micro":
        tp_sum, pred_sum, true_sum = (np.array([a.sum()]) for a in (tp_sum, pred_sum, true_sum))
    beta2 = beta**2
    precision = _divide(tp_sum, pred_sum, "Precision", zero_division)
    recall = _divide(tp_sum, true_sum, "Recall", zero_division)
    if np.isposinf(beta):
        f_score = recall
    elif beta == 0:
        f_score = precision
    else:
        denom = beta2 * true_sum.astype(np.float64) + pred_sum.astype(np.float64)
        f_score = _divide((1 + beta2) * tp_sum.astype(np.float64), denom, "F-score", zero_division)
    if average is None:
        return precision, recall, f_score, true_sum
    avg_weights = true_sum if average == "weighted" else None
    return (
        _nan_average(precision, avg_weights),
        _nan_average(recall, avg_weights),
        _nan_average(f_score, avg_weights),
        None,
    )


def f1_score(
    y_true: Any,
    y_pred: Any,
    *,
    labels: Any = None,
    pos_label: Any = 1,
    average: str | None = "binary",
    sample_weight: Any = None,
    zero_division: Any = "warn",
) -> float | np.ndarray:
    """F1 score, the harmonic mean of precision and recall: :math:`2PR/(P+R)`.

    See :func:`precision_recall_fscore_support` for ``average`` and ``zero_division``.

    Examples
    --------
    >>> f1_score([0, 1, 1, 1], [0, 1, 0, 1])
    0.8
    """
    _, _, f, _ = precision_recall_fscore_support(
        y_true,
        y_pred,
        beta=1.0,
        labels=labels,
        pos_label=pos_label,
        average=average,
        sample_weight=sample_weight,
        zero_division=zero_division,
    )
    return f


def log_loss(
    y_true: Any,
    y_proba: Any,
    *,
    normalize: bool = True,
    sample_weight: Any = None,
    labels: Any = None,
) -> float:
    """Cross-entropy :math:`-\\frac{1}{n}\\sum_i \\sum_k [y_i = k] \\log p_{ik}` (MML §8.2).

    ``y_proba`` is ``(n, K)`` with columns in sorted label order, or ``(n,)`` with
    the probability of the larger label. Probabilities are clipped to
    ``[eps, 1 - eps]``.

    Raises
    ------
    DomainError
        Probabilities outside [0, 1], or fewer than two classes without ``labels``.
    ShapeError
        Lengths or numbers of classes that disagree.

    Examples
    --------
    >>> round(log_loss(["spam", "ham", "ham", "spam"],
    ...                [[.1, .9], [.9, .1], [.8, .2], [.35, .65]]), 5)
    0.21616
    """
    proba = np.asarray(y_proba, dtype=np.float64)
    y_true = np.asarray(y_true)
    if proba.size and proba.max() > 1:
        raise DomainError(f"y_proba contains values greater than 1: {proba.max()}")
    if proba.size and proba.min() < 0:
        raise DomainError(f"y_proba contains values lower than 0: {proba.min()}")
    if not np.isfinite(proba).all():
        raise DomainError("y_proba contains NaN or infinity.")
    if proba.shape[0] != y_true.shape[0]:
        raise ShapeError(f"y_true has {y_true.shape[0]} samples but y_proba has {proba.shape[0]}.")
    classes = np.unique(y_true if labels is None else np.asarray(labels))
    if classes.size == 1:
        if labels is None:
            raise DomainError(
                "y_true contains only one label "
                f"({classes[0]!r}). Please provide the list of all expected class labels "
                "explicitly through the labels argument."
            )
        raise DomainError(
            f"The labels array needs to contain at least two labels, got {classes!r}."
        )
    if not np.isin(y_true, classes).all():
        raise DomainError("y_true contains values not in labels.")
    one_hot = (y_true[:, None] == classes[None, :]).astype(np.float64)
    if proba.ndim == 1:
        proba = proba[:, None]
    if proba.shape[1] == 1:
        proba = np.concatenate([1 - proba, proba], axis=1)
    if classes.size != proba.shape[1]:
        raise ShapeError(
            f"y_true and y_proba contain different numbers of classes: {classes.size} vs "
            f"{proba.shape[1]}. Classes found in y_true: {classes}"
        )
    eps = np.finfo(proba.dtype).eps
    proba = np.clip(proba, eps, 1 - eps)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(one_hot == 0, 0.0, one_hot * np.log(proba))
    loss = -np.sum(terms, axis=1)
    weights = _weights(sample_weight, loss.shape[0])
    if normalize:
        return float(np.average(loss, weights=weights))
    if weights is not None:
        return float(np.dot(loss, weights))
    return float(loss.sum())


def _positive_class(y_true: np.ndarray, pos_label: Any) -> Any:
    if pos_label is not None:
        return pos_label
    classes = np.unique(y_true)
    if classes.dtype.kind in "OUS" or not (
        set(classes.tolist()) <= {0, 1} or set(classes.tolist()) <= {-1, 1}
    ):
        raise DomainError(
            f"y_true takes value in {classes.tolist()} and pos_label is not specified: either "
            "make y_true take value in {0, 1} or {-1, 1} or pass pos_label explicitly."
        )
    return 1


def roc_curve(
    y_true: Any,
    y_score: Any,
    *,
    pos_label: Any = None,
    sample_weight: Any = None,
    drop_intermediate: bool = True,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Receiver operating characteristic: false and true positive rates per threshold.

    Scores are sorted in decreasing order; at each distinct score ``t`` the rates
    are :math:`FPR = fp(t)/N` and :math:`TPR = tp(t)/P`. ``thresholds[0]`` is
    ``inf`` so the curve starts at (0, 0). With ``drop_intermediate`` collinear
    points are removed.

    Examples
    --------
    >>> fpr, tpr, thresholds = roc_curve([1, 1, 2, 2], [0.1, 0.4, 0.35, 0.8], pos_label=2)
    >>> fpr.tolist(), tpr.tolist()
    ([0.0, 0.0, 0.5, 0.5, 1.0], [0.0, 0.5, 0.5, 1.0, 1.0])
    """
    y_true = np.asarray(y_true).ravel()
    y_score = np.asarray(y_score, dtype=np.float64).ravel()
    if y_true.shape != y_score.shape:
        raise ShapeError(f"y_true has shape {y_true.shape} but y_score has {y_score.shape}.")
    if not np.isfinite(y_score).all():
        raise DomainError("y_score contains NaN or infinity.")
    if np.unique(y_true).size > 2:
        raise DomainError("roc_curve needs binary y_true (multiclass format is not supported).")
    positive = _positive_class(y_true, pos_label)
    weight = _weights(sample_weight, y_true.shape[0])
    if weight is not None:
        keep = weight != 0
        y_true, y_score, weight = y_true[keep], y_score[keep], weight[keep]
    y_true = (y_true == positive).astype(np.float64)
    order = np.argsort(-y_score, kind="stable")
    y_score, y_true = y_score[order], y_true[order]
    if weight is not None:
        weight = weight[order]
    distinct = np.nonzero(np.diff(y_score))[0]
    threshold_idxs = np.concatenate([distinct, [y_true.size - 1]])
    tps = np.cumsum(y_true * (1.0 if weight is None else weight))[threshold_idxs]
    if weight is not None:
        fps = np.cumsum((1 - y_true) * weight)[threshold_idxs]
    else:
        fps = 1 + threshold_idxs.astype(np.float64) - tps
    thresholds = y_score[threshold_idxs]
    if drop_intermediate and fps.shape[0] > 2:
        corners = np.concatenate([[True], np.logical_or(np.diff(fps, 2), np.diff(tps, 2)), [True]])
        keep = np.where(corners)[0]
        fps, tps, thresholds = fps[keep], tps[keep], thresholds[keep]
    tps = np.concatenate([[0.0], tps])
    fps = np.concatenate([[0.0], fps])
    thresholds = np.concatenate([[np.inf], thresholds])
    if fps[-1] <= 0:
        warnings.warn("No negative samples in y_true.", UndefinedMetricWarning, stacklevel=2)
        fpr = np.full(fps.shape, np.nan)
    else:
        fpr = fps / fps[-1]
    if tps[-1] <= 0:
        warnings.warn("No positive samples in y_true.", UndefinedMetricWarning, stacklevel=2)
        tpr = np.full(tps.shape, np.nan)
    else:
        tpr = tps / tps[-1]
    return fpr, tpr, thresholds


def _trapezoid_area(x: np.ndarray, y: np.ndarray) -> float:
    direction = 1.0
    dx = np.diff(x)
    if np.any(dx < 0):
        if not np.all(dx <= 0):
            raise DomainError(f"x is neither increasing nor decreasing: {x}.")
        direction = -1.0
    return float(direction * (dx * (y[1:] + y[:-1]) / 2.0).sum())


def roc_auc_score(
    y_true: Any,
    y_score: Any,
    *,
    average: str | None = "macro",
    sample_weight: Any = None,
    max_fpr: float | None = None,
    multi_class: str = "raise",
    labels: Any = None,
) -> float:
    """Area under the ROC curve by the trapezoidal rule (binary targets).

    For multiclass ``y_score`` of shape ``(n, K)`` pass ``multi_class="ovr"``: the
    one-vs-rest AUCs are averaged (``"macro"``, or ``"weighted"`` by prevalence).
    A ``y_true`` with a single class gives NaN and an :class:`UndefinedMetricWarning`.

    Raises
    ------
    DomainError
        Multiclass targets without ``multi_class="ovr"``, or a bad ``max_fpr``.

    Examples
    --------
    >>> roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    0.75
    """
    y_true = np.asarray(y_true)
    y_score = np.asarray(y_score, dtype=np.float64)
    classes = np.unique(y_true if labels is None else np.asarray(labels))
    if y_score.ndim == 2 and y_score.shape[1] > 2 or classes.size > 2:
        if multi_class != "ovr":
            raise DomainError(
                "multi_class must be 'ovr' for multiclass y_true ('ovo' is not implemented)."
            )
        if y_score.ndim != 2 or y_score.shape[1] != classes.size:
            raise ShapeError(
                f"y_score must have one column per class ({classes.size}), got {y_score.shape}."
            )
        aucs = np.array(
            [
                _binary_auc((y_true == label).astype(int), y_score[:, k], sample_weight, None)
                for k, label in enumerate(classes)
            ]
        )
        if average == "weighted":
            prevalence = np.array([np.sum(y_true == label) for label in classes])
            return float(np.average(aucs, weights=prevalence))
        if average is None:
            return aucs
        return float(np.average(aucs))
    if y_score.ndim == 2:
        y_score = y_score[:, -1]
    positive = classes[-1] if classes.size == 2 else 1
    return _binary_auc((y_true == positive).astype(int), y_score, sample_weight, max_fpr)


def _binary_auc(y_true: np.ndarray, y_score: np.ndarray, sample_weight: Any, max_fpr: Any):
    if np.unique(y_true).size != 2:
        warnings.warn(
            "Only one class is present in y_true. ROC AUC score is not defined in that case.",
            UndefinedMetricWarning,
            stacklevel=3,
        )
        return float("nan")
    fpr, tpr, _ = roc_curve(y_true, y_score, sample_weight=sample_weight)
    if max_fpr is None or max_fpr == 1:
        return _trapezoid_area(fpr, tpr)
    if max_fpr <= 0 or max_fpr > 1:
        raise DomainError(f"Expected max_fpr in range (0, 1], got: {max_fpr!r}")
    stop = np.searchsorted(fpr, max_fpr, "right")
    x_interp = [fpr[stop - 1], fpr[stop]]
    y_interp = [tpr[stop - 1], tpr[stop]]
    tpr = np.append(tpr[:stop], np.interp(max_fpr, x_interp, y_interp))
    fpr = np.append(fpr[:stop], max_fpr)
    partial = _trapezoid_area(fpr, tpr)
    min_area = 0.5 * max_fpr**2
    return 0.5 * (1 + (partial - min_area) / (max_fpr - min_area))


def classification_report(
    y_true: Any,
    y_pred: Any,
    *,
    labels: Any = None,
    target_names: Any = None,
    sample_weight: Any = None,
    digits: int = 2,
    output_dict: bool = False,
    zero_division: Any = "warn",
) -> str | dict:
    """Text (or dict) report of precision, recall, F1 and support per class, and averages.

    The same layout as scikit-learn's, character for character.

    Examples
    --------
    >>> print(classification_report([0, 1, 2, 2, 2], [0, 0, 2, 2, 1]))
                  precision    recall  f1-score   support
    <BLANKLINE>
               0       0.50      1.00      0.67         1
               1       0.00      0.00      0.00         1
               2       1.00      0.67      0.80         3
    <BLANKLINE>
        accuracy                           0.60         5
       macro avg       0.50      0.56      0.49         5
    weighted avg       0.70      0.60      0.61         5
    <BLANKLINE>
    """
    _, present, y_true, y_pred = _check_targets(y_true, y_pred)
    labels_given = labels is not None
    labels = present if labels is None else np.asarray(labels)
    micro_is_accuracy = not labels_given or set(labels.tolist()) >= set(present.tolist())
    if target_names is not None and len(labels) != len(target_names):
        if not labels_given:
            raise DomainError(
                f"Number of classes, {len(labels)}, does not match size of target_names, "
                f"{len(target_names)}. Try specifying the labels parameter"
            )
    if target_names is None:
        target_names = [f"{label}" for label in labels]
    headers = ["precision", "recall", "f1-score", "support"]
    p, r, f1, s = precision_recall_fscore_support(
        y_true,
        y_pred,
        labels=labels,
        average=None,
        sample_weight=sample_weight,
        zero_division=zero_division,
    )
    rows = list(zip(target_names, p, r, f1, s, strict=False))
    report_dict: dict = {}
    report = ""
    if output_dict:
        for name, *scores in rows:
            report_dict[name] = dict(zip(headers, [float(v) for v in scores], strict=True))
    else:
        width = max(max(len(n) for n in target_names), len("weighted avg"), digits)
        head_fmt = "{:>{width}s} " + " {:>9}" * len(headers)
        report = head_fmt.format("", *headers, width=width) + "\n\n"
        row_fmt = "{:>{width}s} " + " {:>9.{digits}f}" * 3 + " {:>9}\n"
        for row in rows:
            report += row_fmt.format(*row, width=width, digits=digits)
        report += "\n"
    for average in ("micro", "macro", "weighted"):
        heading = "accuracy" if average == "micro" and micro_is_accuracy else f"{average} avg"
        avg_p, avg_r, avg_f1, _ = precision_recall_fscore_support(
            y_true,
            y_pred,
            labels=labels,
            average=average,
            sample_weight=sample_weight,
            zero_division=zero_division,
        )
        avg = [avg_p, avg_r, avg_f1, np.sum(s)]
        if output_dict:
            report_dict[heading] = dict(zip(headers, [float(v) for v in avg], strict=True))
        elif heading == "accuracy":
            fmt = "{:>{width}s} " + " {:>9.{digits}}" * 2 + " {:>9.{digits}f}" + " {:>9}\n"
            report += fmt.format(heading, "", "", *avg[2:], width=width, digits=digits)
        else:
            report += row_fmt.format(heading, *avg, width=width, digits=digits)
    if output_dict:
        if "accuracy" in report_dict:
            report_dict["accuracy"] = report_dict["accuracy"]["precision"]
        return report_dict
    return report
