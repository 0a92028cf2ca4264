"""``mml.models.explain``: each model's worked mathematics against scikit-learn and invariants."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.errors import DomainError, ShapeError, SingularMatrixError
from mml.models.explain import (
    explain_gmm_iteration,
    explain_linear_regression,
    explain_pca,
    explain_svm_dual,
)

small_ints = st.integers(min_value=-5, max_value=5)


# -- linear regression ---------------------------------------------------------------------
def test_linear_regression_matches_sklearn_coefficients():
    from sklearn.linear_model import LinearRegression

    X = [[0, 1], [1, 3], [2, 2], [3, 5], [4, 4]]
    y = [1, 3, 2, 6, 5]
    fit = explain_linear_regression(X, y)
    reference = LinearRegression().fit(np.array(X, float), np.array(y, float))
    ours = np.array([float(t) for t in fit.theta_ml])
    np.testing.assert_allclose(ours[0], reference.intercept_, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(ours[1:], reference.coef_, rtol=1e-12, atol=1e-12)


def test_map_estimate_matches_ridge_on_the_design_matrix():
    from sklearn.linear_model import Ridge

    X = [[0], [1], [2], [4]]
    y = [1, 3, 4, 4]
    fit = explain_linear_regression(X, y, prior_variance=2, noise_variance=Fraction(1, 2))
    assert fit.prior_precision == Fraction(1, 4)
    phi = np.array([[1.0, x[0]] for x in X])
    reference = Ridge(alpha=0.25, fit_intercept=False).fit(phi, np.array(y, float))
    np.testing.assert_allclose([float(t) for t in fit.theta_map], reference.coef_, rtol=1e-12)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(small_ints, small_ints), min_size=4, max_size=6))
def test_residual_is_orthogonal_to_every_column_of_phi(points):
    X = [[x] for x, _ in points]
    y = [t for _, t in points]
    if len({x for x, _ in points}) < 2:
        with pytest.raises(SingularMatrixError):
            explain_linear_regression(X, y)
        return
    fit = explain_linear_regression(X, y)
    assert fit.design_matrix.T @ fit.residuals == (0, 0)
    assert fit.steps.by_rule("orthogonality")


def test_singular_design_still_has_a_map_estimate():
    fit = explain_linear_regression([[1], [1]], [2, 4], prior_precision=1)
    assert fit.theta_ml is None
    assert fit.theta_map == (Fraction(6, 5), Fraction(6, 5))  # (ΦᵀΦ + I)θ = (6, 6)


def test_linear_regression_rejects_mismatched_targets_and_half_priors():
    with pytest.raises(ShapeError, match="3 samples"):
        explain_linear_regression([[0], [1], [2]], [1, 2])
    with pytest.raises(ShapeError, match="noise_variance"):
        explain_linear_regression([[0], [1]], [1, 2], prior_variance=1)
    with pytest.raises(DomainError, match="≥ 0"):
        explain_linear_regression([[0], [1]], [1, 2], prior_precision=-1)


# -- PCA -----------------------------------------------------------------------------------
def _assert_same_up_to_sign(ours, reference):
    for a, b in zip(ours, reference):
        sign = np.sign(a @ b)
        np.testing.assert_allclose(sign * a, b, atol=1e-10)


@pytest.mark.parametrize(
    "X, M",
    [
        ([[1, 1], [2, 2], [3, 3], [2, 4]], 1),  # rational eigenvalues
        ([[0, 0], [1, 2], [3, 1], [4, 4], [2, 0]], 1),  # irrational (quadratic) eigenvalues
        ([[0, 0, 1], [1, 2, 0], [2, 1, 3], [4, 0, 0]], 2),  # an irreducible cubic
    ],
)
def test_pca_matches_sklearn(X, M):
    from sklearn.decomposition import PCA

    pca = explain_pca(X, n_components=M)
    data = np.array(X, float)
    n = len(X)
    reference = PCA(n_components=M, svd_solver="full").fit(data)
    np.testing.assert_allclose(
        pca.explained_variance[:M] * n / (n - 1), reference.explained_variance_, rtol=1e-8
    )
    _assert_same_up_to_sign(pca.components, reference.components_)
    np.testing.assert_allclose(
        np.abs(pca.projections), np.abs(reference.transform(data)), atol=1e-10
    )


@settings(max_examples=20, deadline=None)
@given(st.lists(st.tuples(small_ints, small_ints), min_size=2, max_size=5))
def test_pca_reconstruction_error_is_the_discarded_eigenvalue(points):
    pca = explain_pca([list(p) for p in points], n_components=1)
    assert pca.reconstruction_error == pytest.approx(float(pca.discarded_variance), abs=1e-9)
    np.testing.assert_allclose(pca.components @ pca.components.T, np.eye(1), atol=1e-12)


def test_pca_with_a_repeated_eigenvalue_gives_orthonormal_directions():
    pca = explain_pca([[1, 0], [-1, 0], [0, 1], [0, -1]], n_components=2)
    assert pca.eigenvalues == (Fraction(1, 2), Fraction(1, 2))
    np.testing.assert_allclose(pca.components @ pca.components.T, np.eye(2), atol=1e-12)
    assert pca.reconstruction_error == pytest.approx(0.0, abs=1e-12)


def test_pca_rejects_too_many_components():
    with pytest.raises(ShapeError, match="between 1 and D = 2"):
        explain_pca([[1, 2], [3, 4]], n_components=3)


# -- GMM -----------------------------------------------------------------------------------
def _sklearn_one_em_step(X, means, covariances, weights):
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.mixture import GaussianMixture

    precisions = np.array([np.linalg.inv(c) for c in covariances])
    model = GaussianMixture(
        n_components=len(weights),
        covariance_type="full",
        max_iter=1,
        reg_covar=0.0,
        init_params="random",
        random_state=0,
        weights_init=weights,
        means_init=means,
        precisions_init=precisions,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X)
    return model


@pytest.mark.parametrize(
    "X, means, covariances, weights",
    [
        (
            [[-1.0], [0.0], [2.0], [3.0], [0.5]],
            [[0.0], [2.0]],
            [[[1.0]], [[0.5]]],
            [0.3, 0.7],
        ),
        (
            [[0, 0], [1, 0], [0, 1], [4, 4], [5, 4], [2, 2]],
            [[0.0, 0.0], [4.0, 4.0]],
            [[[1.0, 0.0], [0.0, 1.0]], [[2.0, 0.5], [0.5, 1.0]]],
            [0.4, 0.6],
        ),
    ],
)
def test_one_em_iteration_matches_sklearn(X, means, covariances, weights):
    X = np.array(X, float)
    em = explain_gmm_iteration(X, means, covariances, weights)
    reference = _sklearn_one_em_step(X, np.array(means), np.array(covariances), np.array(weights))
    np.testing.assert_allclose(em.means, reference.means_, rtol=1e-10)
    np.testing.assert_allclose(em.covariances, reference.covariances_, rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(em.weights, reference.weights_, rtol=1e-10)
    n = len(X)
    assert em.log_likelihood_before == pytest.approx(reference.lower_bound_ * n, rel=1e-10)
    assert em.log_likelihood_after == pytest.approx(reference.score(X) * n, rel=1e-10)


def test_one_dimensional_variances_are_accepted_as_a_flat_list():
    em = explain_gmm_iteration([-1, 0, 2, 3], [0, 2], [1, 1], [0.5, 0.5])
    assert em.covariances.shape == (2, 1, 1)
    np.testing.assert_allclose(em.counts, [2.0, 2.0])  # the data are symmetric about 1


@settings(max_examples=20, deadline=None)
@given(
    st.lists(st.floats(-5, 5), min_size=3, max_size=8),
    st.tuples(st.floats(-3, 3), st.floats(-3, 3)),
    st.tuples(st.floats(0.2, 4), st.floats(0.2, 4)),
    st.floats(0.1, 0.9),
)
def test_em_never_decreases_the_log_likelihood(xs, means, variances, weight):
    em = explain_gmm_iteration(xs, list(means), list(variances), [weight, 1 - weight])
    np.testing.assert_allclose(em.responsibilities.sum(axis=1), 1.0)
    assert em.log_likelihood_after >= em.log_likelihood_before - 1e-9


def test_gmm_rejects_weights_that_are_not_a_distribution():
    with pytest.raises(DomainError, match="sum to 1"):
        explain_gmm_iteration([0, 1], [0, 1], [1, 1], [0.5, 0.6])
    with pytest.raises(ShapeError, match="K = 2 variances"):
        explain_gmm_iteration([0, 1], [0, 1], [1, 1, 1], [0.5, 0.5])


# -- SVM -----------------------------------------------------------------------------------
SVM_EXAMPLE = (
    [[0.3, 1.1], [2.7, 3.0], [3.0, 3.3], [-1.0, 0.2], [0.1, -1.0]],
    [1, 1, 1, -1, -1],
)


def test_svm_dual_matches_libsvm():
    from sklearn.svm import SVC

    X, y = SVM_EXAMPLE
    svm = explain_svm_dual(X, y)
    reference = SVC(kernel="linear", C=1e8, tol=1e-12).fit(np.array(X), np.array(y))
    assert svm.support == tuple(sorted(reference.support_))
    order = np.argsort(reference.support_)
    np.testing.assert_allclose(svm.dual_coef, reference.dual_coef_[0][order], rtol=1e-6)
    np.testing.assert_allclose(svm.w, reference.coef_[0], rtol=1e-6)
    assert svm.b == pytest.approx(reference.intercept_[0], rel=1e-6)


def test_symmetric_svm_example_is_exact():
    svm = explain_svm_dual([[1, 1], [2, 2], [-1, -1], [-2, -2]], ["b", "b", "a", "a"])
    assert svm.exact and svm.kkt_satisfied
    assert svm.labels == (1, 1, -1, -1)
    assert svm.alpha_exact == (Fraction(1, 4), 0, Fraction(1, 4), 0)
    assert svm.b_exact == 0
    assert len(svm.steps.by_rule("kkt_point")) == 4


def test_soft_margin_svm_matches_libsvm():
    from sklearn.svm import SVC

    X = [[0, 0], [1, 1], [2, 0], [1, -1], [0.5, 0.2]]
    y = [-1, 1, 1, -1, 1]
    svm = explain_svm_dual(X, y, C=1)
    reference = SVC(kernel="linear", C=1, tol=1e-12).fit(np.array(X), np.array(y))
    assert svm.kkt_satisfied
    np.testing.assert_allclose(svm.w, reference.coef_[0], rtol=1e-6, atol=1e-9)
    assert svm.b == pytest.approx(reference.intercept_[0], rel=1e-6)


@settings(max_examples=20, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 4), small_ints), min_size=1, max_size=3),
    st.lists(st.tuples(st.integers(-4, -1), small_ints), min_size=1, max_size=3),
)
def test_separable_svm_satisfies_kkt_and_beats_the_known_gap(positive, negative):
    X = [list(p) for p in positive + negative]
    y = [1] * len(positive) + [-1] * len(negative)
    svm = explain_svm_dual(X, y)
    assert svm.kkt_satisfied
    assert svm.margin >= 2 - 1e-9  # the line x = 0 already separates with a gap of 2
    for xi, yi in zip(np.array(X, float), y):
        assert yi * (svm.w @ xi + svm.b) >= 1 - 1e-6


def test_hard_margin_on_inseparable_data_says_so():
    with pytest.raises(DomainError, match="not linearly separable"):
        explain_svm_dual([[0, 0], [1, 1], [2, 2]], [1, -1, 1])
    with pytest.raises(ShapeError, match="two classes"):
        explain_svm_dual([[0, 0], [1, 1]], [1, 1])


# -- rendering -----------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["text", "markdown", "latex"])
def test_every_explanation_renders_in_every_format(fmt):
    results = [
        explain_linear_regression([[0], [1], [2]], [1, 3, 4], prior_precision=1),
        explain_pca([[0, 0], [1, 2], [3, 1], [4, 4], [2, 0]]),
        explain_gmm_iteration(
            [[0, 0], [1, 0], [4, 4], [5, 4]], [[0, 0], [4, 4]], [np.eye(2), np.eye(2)], [0.5, 0.5]
        ),
        explain_svm_dual(*SVM_EXAMPLE),
    ]
    for result in results:
        rendered = result.steps.render(fmt)
        assert str(result.steps.result) in rendered or fmt != "text"
        assert len(rendered.splitlines()) > 5


def test_svm_with_irregular_data_checks_kkt_to_tolerance():
    from sklearn.svm import SVC

    rng = np.random.default_rng(3)
    X = np.vstack([rng.normal(2, 0.7, (3, 2)), rng.normal(-2, 0.7, (3, 2))])
    y = [1, 1, 1, -1, -1, -1]
    svm = explain_svm_dual(X, y)
    reference = SVC(kernel="linear", C=1e8, tol=1e-12).fit(X, y)
    assert svm.kkt_satisfied
    np.testing.assert_allclose(svm.w, reference.coef_[0], rtol=1e-5)
    assert svm.b == pytest.approx(reference.intercept_[0], rel=1e-5, abs=1e-8)
