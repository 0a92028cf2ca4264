"""Classifier and evaluation pictures agree with scikit-learn's numbers."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn import metrics as skm

from mml.errors import DomainError, NotFittedError, ShapeError
from mml.models import SVC, LogisticRegression
from mml.plot import (
    confusion_matrix,
    decision_boundary,
    learning_curve,
    loss_curves,
    roc_curve,
    svm_margin,
    validation_curve,
)

RNG = np.random.default_rng(1)


def two_clusters():
    X = np.vstack([RNG.normal([0, 0], 0.6, (20, 2)), RNG.normal([3, 3], 0.6, (20, 2))])
    return X, np.repeat([0, 1], 20)


def test_support_vectors_are_circled_and_margin_is_two_over_norm_w():
    X, y = two_clusters()
    svc = SVC(kernel="linear", C=1.0).fit(X, y)
    ax = svm_margin(svc, X, y, resolution=60).axes[0]
    circled = ax.collections[-1].get_offsets()
    np.testing.assert_allclose(circled, svc.support_vectors_)
    w = (svc.dual_coef_ @ svc.support_vectors_)[0]
    assert f"margin width {2 / np.linalg.norm(w):.3g}" in ax.get_title()


def test_svm_margin_refuses_three_classes_and_an_unfitted_model():
    X, y = two_clusters()
    y3 = y.copy()
    y3[:5] = 2
    with pytest.raises(ShapeError, match="binary"):
        svm_margin(SVC(kernel="linear").fit(X, y3), X, y3)
    with pytest.raises(NotFittedError):
        svm_margin(SVC(), X, y)


def test_decision_regions_follow_predict_and_one_feature_is_refused():
    X, y = two_clusters()
    model = LogisticRegression().fit(X, y)
    ax = decision_boundary(model, X, y, resolution=40).axes[0]
    assert "100%" in ax.get_title()
    from matplotlib.collections import PathCollection

    scatters = [c for c in ax.collections if type(c) is PathCollection]
    assert len(scatters) == 2  # one per class
    grid = np.array([[0.0, 0.0], [3.0, 3.0]])
    assert model.predict(grid).tolist() == [0, 1]
    with pytest.raises(ShapeError):
        decision_boundary(model, X[:, :1], y)


def test_confusion_cells_are_sklearns_counts_and_rates():
    y_true = [0, 1, 2, 2, 1, 0, 2]
    y_pred = [0, 2, 2, 2, 1, 1, 0]
    ax = confusion_matrix(y_true, y_pred).axes[0]
    counts = np.array([int(t.get_text()) for t in ax.texts]).reshape(3, 3)
    np.testing.assert_array_equal(counts, skm.confusion_matrix(y_true, y_pred))
    ax = confusion_matrix(y_true, y_pred, normalize="true").axes[0]
    rates = np.array([float(t.get_text()) for t in ax.texts]).reshape(3, 3)
    expected = skm.confusion_matrix(y_true, y_pred, normalize="true")
    np.testing.assert_allclose(rates, expected, atol=0.005)
    with pytest.raises(ShapeError):
        confusion_matrix([0, 1], [0])


def test_confusion_matrix_with_a_single_class():
    ax = confusion_matrix([1, 1, 1], [1, 1, 1]).axes[0]
    assert [t.get_text() for t in ax.texts] == ["3"]


def test_roc_area_is_sklearns_auc():
    y = RNG.integers(0, 2, 60)
    score = y + RNG.normal(0, 0.8, 60)
    ax = roc_curve(y, score).axes[0]
    fpr, tpr, _ = skm.roc_curve(y, score)
    np.testing.assert_allclose(ax.lines[0].get_xdata(), fpr)
    np.testing.assert_allclose(ax.lines[0].get_ydata(), tpr)
    assert f"AUC = {skm.roc_auc_score(y, score):.3g}" in ax.lines[0].get_label()


def test_perfect_scores_give_auc_one():
    assert "AUC = 1" in roc_curve([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]).axes[0].lines[0].get_label()


def test_learning_and_validation_curves_draw_fold_means():
    train = np.array([[1.0, 0.8], [0.9, 0.9], [0.85, 0.95]])
    test = np.array([[0.5, 0.7], [0.7, 0.8], [0.8, 0.8]])
    ax = learning_curve([10, 20, 30], train, test).axes[0]
    np.testing.assert_allclose(ax.lines[0].get_ydata(), train.mean(axis=1))
    np.testing.assert_allclose(ax.lines[1].get_ydata(), test.mean(axis=1))
    assert len(ax.collections) == 2  # the ± std bands
    ax = validation_curve([1e-3, 1e-1, 1e1], train, test, param_name="C").axes[0]
    assert ax.get_xscale() == "log"
    assert "best C = 10" in ax.get_title()
    with pytest.raises(ShapeError, match="one row per"):
        learning_curve([10, 20], train, test)


def test_learning_curve_from_mml_model_selection():
    from mml.model_selection import learning_curve as compute

    X, y = two_clusters()
    sizes, train, test = compute(
        LogisticRegression(), X, y, cv=3, train_sizes=[0.5, 1.0], shuffle=True, random_state=0
    )
    ax = learning_curve(sizes, train, test).axes[0]
    np.testing.assert_allclose(ax.lines[1].get_xdata(), sizes)


def test_loss_curves_and_their_log_scale():
    ax = loss_curves([3.0, 1.0, 0.5], log_scale=True).axes[0]
    assert ax.get_yscale() == "log"
    assert ax.lines[0].get_label() == "loss (last 0.5)"
    with pytest.raises(DomainError, match="≤ 0"):
        loss_curves({"train": [1.0, 0.0]}, log_scale=True)
    with pytest.raises(ShapeError):
        loss_curves({"train": []})
