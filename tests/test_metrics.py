"""mml.metrics equals scikit-learn's metrics exactly, on hypothesis-generated labels."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mml import metrics
from mml.errors import DomainError, ShapeError

skm = pytest.importorskip("sklearn.metrics")

labels_pairs = st.integers(min_value=1, max_value=40).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(0, 3), min_size=n, max_size=n),
        st.lists(st.integers(0, 3), min_size=n, max_size=n),
    )
)
weights = st.none() | st.lists(st.floats(0.1, 5.0), min_size=40, max_size=40)


def quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def assert_same(ours, ref):
    if ref is None:
        assert ours is None
    elif isinstance(ref, (tuple, list)):
        assert len(ours) == len(ref)
        for a, b in zip(ours, ref, strict=True):
            assert_same(a, b)
    else:
        np.testing.assert_array_equal(np.asarray(ours), np.asarray(ref))


@settings(max_examples=40, deadline=None)
@given(labels_pairs, weights)
def test_accuracy_and_confusion_matrix_equal_sklearn(pair, w):
    y_true, y_pred = pair
    sw = None if w is None else w[: len(y_true)]
    for normalize in (True, False):
        assert metrics.accuracy_score(
            y_true, y_pred, normalize=normalize, sample_weight=sw
        ) == skm.accuracy_score(y_true, y_pred, normalize=normalize, sample_weight=sw)
    for normalize in (None, "true", "pred", "all"):
        ours = quiet(
            metrics.confusion_matrix, y_true, y_pred, sample_weight=sw, normalize=normalize
        )
        ref = quiet(skm.confusion_matrix, y_true, y_pred, sample_weight=sw, normalize=normalize)
        assert ours.dtype == ref.dtype
        np.testing.assert_array_equal(ours, ref)


@settings(max_examples=60, deadline=None)
@given(
    labels_pairs,
    st.sampled_from([None, "micro", "macro", "weighted"]),
    st.sampled_from(["warn", 0.0, 1.0]),
    st.sampled_from([0.5, 1.0, 2.0]),
)
def test_precision_recall_fscore_support_equals_sklearn(pair, average, zero_division, beta):
    y_true, y_pred = pair
    kwargs = dict(average=average, zero_division=zero_division, beta=beta)
    ours = quiet(metrics.precision_recall_fscore_support, y_true, y_pred, **kwargs)
    ref = quiet(skm.precision_recall_fscore_support, y_true, y_pred, **kwargs)
    assert_same(ours, ref)


@settings(max_examples=40, deadline=None)
@given(labels_pairs)
def test_binary_f1_equals_sklearn(pair):
    y_true = [v % 2 for v in pair[0]]
    y_pred = [v % 2 for v in pair[1]]
    assert quiet(metrics.f1_score, y_true, y_pred) == quiet(skm.f1_score, y_true, y_pred)


@pytest.mark.parametrize(
    ("y_true", "y_pred"),
    [([1, 1, 1], [1, 1, 1]), ([0, 0, 0], [1, 1, 1]), ([0, 1, 0, 1], [1, 0, 1, 0]), ([2], [2])],
    ids=["one-class", "all-wrong-one-class", "all-wrong", "single-sample"],
)
def test_edge_cases_equal_sklearn(y_true, y_pred):
    assert_same(
        quiet(metrics.precision_recall_fscore_support, y_true, y_pred),
        quiet(skm.precision_recall_fscore_support, y_true, y_pred),
    )
    assert quiet(metrics.f1_score, y_true, y_pred, average="macro") == quiet(
        skm.f1_score, y_true, y_pred, average="macro"
    )
    assert metrics.accuracy_score(y_true, y_pred) == skm.accuracy_score(y_true, y_pred)
    assert quiet(metrics.classification_report, y_true, y_pred) == quiet(
        skm.classification_report, y_true, y_pred
    )


@settings(max_examples=30, deadline=None)
@given(labels_pairs, st.integers(1, 4), st.booleans())
def test_classification_report_equals_sklearn(pair, digits, as_dict):
    y_true, y_pred = pair
    ours = quiet(metrics.classification_report, y_true, y_pred, digits=digits, output_dict=as_dict)
    ref = quiet(skm.classification_report, y_true, y_pred, digits=digits, output_dict=as_dict)
    assert ours == ref


def test_classification_report_with_target_names():
    y_true, y_pred = ["a", "b", "c", "a"], ["a", "c", "c", "b"]
    names = ["ant", "bee", "cat"]
    assert quiet(metrics.classification_report, y_true, y_pred, target_names=names) == quiet(
        skm.classification_report, y_true, y_pred, target_names=names
    )


regression_pairs = st.integers(2, 30).flatmap(
    lambda n: st.tuples(
        st.lists(st.floats(-100, 100), min_size=n, max_size=n),
        st.lists(st.floats(-100, 100), min_size=n, max_size=n),
        st.lists(st.floats(0.1, 3.0), min_size=n, max_size=n) | st.none(),
    )
)


@settings(max_examples=60, deadline=None)
@given(regression_pairs)
def test_regression_metrics_equal_sklearn(triple):
    y_true, y_pred, sw = triple
    for name in ("mean_squared_error", "mean_absolute_error", "r2_score"):
        ours = getattr(metrics, name)(y_true, y_pred, sample_weight=sw)
        ref = getattr(skm, name)(y_true, y_pred, sample_weight=sw)
        assert ours == ref, name


def test_multioutput_regression_equals_sklearn():
    rng = np.random.RandomState(0)
    y_true, y_pred = rng.normal(size=(20, 3)), rng.normal(size=(20, 3))
    for multioutput in ("raw_values", "uniform_average", [0.2, 0.3, 0.5]):
        for name in ("mean_squared_error", "mean_absolute_error", "r2_score"):
            assert_same(
                getattr(metrics, name)(y_true, y_pred, multioutput=multioutput),
                getattr(skm, name)(y_true, y_pred, multioutput=multioutput),
            )
    assert metrics.r2_score(y_true, y_pred, multioutput="variance_weighted") == skm.r2_score(
        y_true, y_pred, multioutput="variance_weighted"
    )


def test_r2_of_constant_target():
    assert metrics.r2_score([1.0, 1.0], [1.0, 1.0]) == skm.r2_score([1.0, 1.0], [1.0, 1.0])
    assert metrics.r2_score([1.0, 1.0], [1.0, 2.0]) == skm.r2_score([1.0, 1.0], [1.0, 2.0])


scores_and_labels = st.integers(2, 40).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(0, 1), min_size=n, max_size=n),
        st.lists(st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.7, 0.9, 1.0]), min_size=n, max_size=n),
        st.lists(st.floats(0.1, 3.0), min_size=n, max_size=n) | st.none(),
    )
)


@settings(max_examples=60, deadline=None)
@given(scores_and_labels, st.booleans())
def test_roc_curve_and_auc_equal_sklearn(triple, drop):
    y_true, y_score, sw = triple
    ours = quiet(metrics.roc_curve, y_true, y_score, sample_weight=sw, drop_intermediate=drop)
    ref = quiet(skm.roc_curve, y_true, y_score, sample_weight=sw, drop_intermediate=drop)
    assert_same(ours, ref)
    assume(len(set(y_true)) == 2)
    assert metrics.roc_auc_score(y_true, y_score, sample_weight=sw) == skm.roc_auc_score(
        y_true, y_score, sample_weight=sw
    )
    assert metrics.roc_auc_score(y_true, y_score, max_fpr=0.5) == skm.roc_auc_score(
        y_true, y_score, max_fpr=0.5
    )


def test_roc_auc_of_one_class_is_nan_with_warning():
    with pytest.warns(metrics.UndefinedMetricWarning, match="Only one class"):
        assert np.isnan(metrics.roc_auc_score([1, 1, 1], [0.2, 0.3, 0.9]))


def test_multiclass_ovr_auc_equals_sklearn():
    rng = np.random.RandomState(0)
    y = rng.randint(0, 3, size=60)
    proba = rng.dirichlet(np.ones(3), size=60)
    for average in ("macro", "weighted"):
        assert metrics.roc_auc_score(y, proba, multi_class="ovr", average=average) == pytest.approx(
            skm.roc_auc_score(y, proba, multi_class="ovr", average=average), 1e-12
        )


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 4), st.booleans())
def test_log_loss_equals_sklearn(seed, k, weighted):
    rng = np.random.RandomState(seed)
    y = rng.randint(0, k, size=25)
    assume(len(np.unique(y)) == k)
    proba = rng.dirichlet(np.ones(k), size=25)
    sw = rng.uniform(0.1, 2, size=25) if weighted else None
    assert metrics.log_loss(y, proba, sample_weight=sw) == skm.log_loss(y, proba, sample_weight=sw)


def test_log_loss_binary_vector_and_extreme_probabilities():
    y, p = [0, 1, 1, 0], [0.0, 1.0, 0.3, 0.2]
    assert metrics.log_loss(y, p) == skm.log_loss(y, p)


def test_bad_inputs_raise_typed_errors():
    with pytest.raises(ShapeError, match="inconsistent"):
        metrics.accuracy_score([0, 1], [0, 1, 1])
    with pytest.raises(DomainError, match="continuous"):
        metrics.f1_score([0.5, 1.0], [0, 1])
    with pytest.raises(DomainError, match="average='binary'"):
        metrics.f1_score([0, 1, 2], [0, 1, 2])
    with pytest.raises(DomainError, match="greater than 1"):
        metrics.log_loss([0, 1], [0.5, 1.5])
    with pytest.raises(DomainError, match="only one label"):
        metrics.log_loss([1, 1], [0.5, 0.5])
    with pytest.raises(ShapeError, match="different shapes"):
        metrics.mean_squared_error([1.0, 2.0], [1.0])
