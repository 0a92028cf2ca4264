"""SVC: SMO satisfies the KKT conditions, and agrees with libsvm (scikit-learn's SVC)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.datasets import load_iris, make_blobs, make_classification, make_moons
from mml.errors import DomainError
from mml.models import SVC
from mml.models.smo import Kernel, KernelCache, smo
from mml.preprocessing import StandardScaler

sksvm = pytest.importorskip("sklearn.svm")


@pytest.mark.parametrize(
    ("kernel", "kwargs"),
    [
        ("rbf", {}),
        ("linear", {}),
        ("poly", {"degree": 2, "coef0": 1.0}),
        ("sigmoid", {"gamma": 0.01}),
    ],
)
def test_binary_decision_function_close_to_libsvm(kernel, kwargs):
    X, y = make_moons(120, noise=0.2, random_state=0)
    ours = SVC(kernel=kernel, C=2.0, tol=1e-6, **kwargs).fit(X, y)
    ref = sksvm.SVC(kernel=kernel, C=2.0, tol=1e-6, **kwargs).fit(X, y)
    np.testing.assert_allclose(ours.decision_function(X), ref.decision_function(X), atol=1e-4)
    np.testing.assert_array_equal(ours.support_, ref.support_)
    np.testing.assert_allclose(ours.dual_coef_, ref.dual_coef_, atol=1e-4)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, atol=1e-4)
    assert ours._gamma == pytest.approx(ref._gamma)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.floats(0.1, 10.0), st.sampled_from(["rbf", "linear", "poly"]))
def test_smo_solution_satisfies_kkt_conditions(seed, C, kernel):
    X, y = make_classification(60, 4, n_informative=3, n_redundant=0, random_state=seed)
    y_signed = np.where(y == 1, 1.0, -1.0)
    tol = 1e-5
    kernel_fn = Kernel(kernel, gamma=0.25, coef0=1.0, degree=2)
    result = smo(KernelCache(X, kernel_fn, 1), y_signed, np.full(60, C), tol=tol)
    assert result.converged
    alpha = result.alpha
    assert abs(alpha @ y_signed) < 1e-8 * max(1.0, C)  # equality constraint y^T alpha = 0
    assert np.all(alpha >= 0) and np.all(alpha <= C)
    margin = y_signed * (kernel_fn(X, X) @ (alpha * y_signed) - result.rho)
    free = (alpha > 1e-8) & (alpha < C - 1e-8)
    # MML §12.3.4: alpha = 0 -> y f >= 1; 0 < alpha < C -> y f = 1; alpha = C -> y f <= 1.
    assert np.all(margin[alpha <= 1e-8] >= 1 - 2 * tol)
    assert np.all(np.abs(margin[free] - 1) <= 2 * tol)
    assert np.all(margin[alpha >= C - 1e-8] <= 1 + 2 * tol)


def test_linear_kernel_weights_match_libsvm():
    X, y = make_blobs(80, 3, centers=2, random_state=1)
    ours = SVC(kernel="linear", C=0.5, tol=1e-8).fit(X, y)
    ref = sksvm.SVC(kernel="linear", C=0.5, tol=1e-8).fit(X, y)
    np.testing.assert_allclose(ours.dual_coef_ @ ours.support_vectors_, ref.coef_, atol=1e-5)


def test_multiclass_accuracy_within_one_point_of_libsvm():
    X, y = load_iris(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    ours = SVC().fit(X, y)
    ref = sksvm.SVC().fit(X, y)
    assert abs(ours.score(X, y) - ref.score(X, y)) <= 0.01
    assert ours.decision_function(X).shape == (150, 3)
    assert ours.n_support_.sum() == len(ours.support_)


def test_small_cache_gives_the_same_solution():
    X, y = make_moons(200, noise=0.3, random_state=3)
    roomy = SVC(cache_size=200).fit(X, y)
    tight = SVC(cache_size=0.001).fit(X, y)  # a few rows only: the LRU path
    np.testing.assert_allclose(roomy.decision_function(X), tight.decision_function(X), atol=1e-12)


def test_sample_weight_scales_the_box():
    X, y = make_moons(60, noise=0.3, random_state=4)
    sw = np.random.RandomState(0).uniform(0.5, 3.0, size=60)
    ours = SVC(C=1.0, tol=1e-6).fit(X, y, sample_weight=sw)
    ref = sksvm.SVC(C=1.0, tol=1e-6).fit(X, y, sample_weight=sw)
    np.testing.assert_allclose(ours.decision_function(X), ref.decision_function(X), atol=1e-4)


def test_invalid_parameters():
    X, y = np.eye(4), [0, 1, 0, 1]
    with pytest.raises(DomainError, match="kernel"):
        SVC(kernel="laplace").fit(X, y)
    with pytest.raises(DomainError, match="gamma"):
        SVC(gamma=-1.0).fit(X, y)
    with pytest.raises(DomainError, match="C must be positive"):
        SVC(C=0.0).fit(X, y)
