"""Seeded buggy implementations fail, each with a message naming the property it breaks."""

from __future__ import annotations

import numpy as np
import pytest

from mml.exercises import coding
from mml.exercises.coding import solutions_learning as learning
from mml.exercises.coding import solutions_linear_algebra as linear
from mml.exercises.coding import solutions_models as models

# ---------------------------------------------------------------- rref


def rref_off_by_one_pivot(A, tol=1e-10):
    R, pivots = linear.rref(A, tol)
    return R, [p + 1 for p in pivots]  # 1-based columns


def rref_no_normalisation(A, tol=1e-10):
    R = np.array(A, dtype=float)
    m, n = R.shape
    pivots, row = [], 0
    for col in range(n):
        if row == m:
            break
        best = row + int(np.argmax(np.abs(R[row:, col])))
        if abs(R[best, col]) <= tol:
            continue
        R[[row, best]] = R[[best, row]]
        for other in range(m):
            if other != row:
                R[other] = R[other] - R[other, col] / R[row, col] * R[row]
        pivots.append(col)
        row += 1
    return R, pivots


def rref_only_below(A, tol=1e-10):
    R = np.array(A, dtype=float)
    m, n = R.shape
    pivots, row = [], 0
    for col in range(n):
        if row == m:
            break
        best = row + int(np.argmax(np.abs(R[row:, col])))
        if abs(R[best, col]) <= tol:
            R[row:, col] = 0.0
            continue
        R[[row, best]] = R[[best, row]]
        R[row] = R[row] / R[row, col]
        for other in range(row + 1, m):  # forgets the rows above
            R[other] = R[other] - R[other, col] * R[row]
        pivots.append(col)
        row += 1
    return R, pivots


# ---------------------------------------------------------------- gram_schmidt


def gram_schmidt_no_normalisation(A):
    A = np.array(A, dtype=float)
    U = np.zeros_like(A)
    for k in range(A.shape[1]):
        u = A[:, k].copy()
        for j in range(k):
            u = u - (U[:, j] @ A[:, k]) / (U[:, j] @ U[:, j]) * U[:, j]
        U[:, k] = u
    return U


def gram_schmidt_projects_on_a(A):
    A = np.array(A, dtype=float)
    Q = np.zeros_like(A)
    for k in range(A.shape[1]):
        u = A[:, k].copy()
        for j in range(k):
            u = u - (A[:, j] @ A[:, k]) * A[:, j]  # projects on a_j, not q_j
        Q[:, k] = u / np.sqrt(u @ u)
    return Q


def gram_schmidt_reversed(A):
    return linear.gram_schmidt(np.array(A, dtype=float)[:, ::-1])[:, ::-1]


# ---------------------------------------------------------------- power_iteration


def power_iteration_norm_as_eigenvalue(A, num_iterations=1000, tol=1e-12):
    _, x = linear.power_iteration(A, num_iterations, tol)
    return float(np.sqrt((A @ x) @ (A @ x))), x  # loses the eigenvalue's sign


def power_iteration_unnormalised(A, num_iterations=1000, tol=1e-12):
    x = np.ones(A.shape[0]) + np.arange(A.shape[0]) / A.shape[0]
    for _ in range(30):
        x = A @ x
    return float(x @ A @ x / (x @ x)), x


# ---------------------------------------------------------------- normal_equations


def normal_equations_ridge_by_accident(X, y):
    return linear.cholesky_solve(X.T @ X + np.eye(X.shape[1]), X.T @ y)


# ---------------------------------------------------------------- softmax cross-entropy


def softmax_wrong_sign(logits, labels):
    loss, grad = learning.softmax_cross_entropy(logits, labels)
    return loss, -grad


def softmax_unstable(logits, labels):
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    n = logits.shape[0]
    loss = -np.log(p[np.arange(n), labels]).mean()
    grad = p.copy()
    grad[np.arange(n), labels] -= 1
    return float(loss), grad / n


def softmax_no_mean_in_gradient(logits, labels):
    loss, grad = learning.softmax_cross_entropy(logits, labels)
    return loss, grad * logits.shape[0]


# ---------------------------------------------------------------- hinge loss


def hinge_wrong_sign(w, b, X, y, C=1.0):
    margins = y * (X @ w + b)
    active = margins < 1.0
    value = 0.5 * (w @ w) + C * np.maximum(0.0, 1.0 - margins).sum()
    return float(value), w + C * (y[active] @ X[active]), float(C * y[active].sum())


def hinge_margin_zero(w, b, X, y, C=1.0):
    margins = y * (X @ w + b)
    active = margins < 0.0  # the margin is 1, not 0
    value = 0.5 * (w @ w) + C * np.maximum(0.0, -margins).sum()
    return float(value), w - C * (y[active] @ X[active]), float(-C * y[active].sum())


# ---------------------------------------------------------------- backprop_mlp


def _mlp(params, X, Y, derivative, scale):
    W1, b1, W2, b2 = (params[k] for k in ("W1", "b1", "W2", "b2"))
    n = X.shape[0]
    H = np.tanh(X @ W1 + b1)
    F = H @ W2 + b2
    loss = 0.5 * ((F - Y) ** 2).sum() / n
    dF = (F - Y) / n * scale
    dZ = (dF @ W2.T) * derivative(H)
    return float(loss), {"W1": X.T @ dZ, "b1": dZ.sum(0), "W2": H.T @ dF, "b2": dF.sum(0)}


def backprop_wrong_tanh_sign(params, X, Y):
    return _mlp(params, X, Y, lambda H: 1.0 + H**2, 1.0)


def backprop_missing_mean(params, X, Y):
    return _mlp(params, X, Y, lambda H: 1.0 - H**2, X.shape[0])


def backprop_bias_not_summed(params, X, Y):
    loss, grads = learning.backprop_mlp(params, X, Y)
    W1, b1 = params["W1"], params["b1"]
    H = np.tanh(X @ W1 + b1)
    F = H @ params["W2"] + params["b2"]
    grads["b2"] = (F - Y)[0] / X.shape[0]  # only the first sample
    return loss, grads


# ---------------------------------------------------------------- gmm_em_step


def gmm_weights_not_divided(X, weights, means, covariances):
    w, mu, cov, ll = learning.gmm_em_step(X, weights, means, covariances)
    return w * X.shape[0], mu, cov, ll


def gmm_covariance_about_old_means(X, weights, means, covariances):
    w, mu, _, ll = learning.gmm_em_step(X, weights, means, covariances)
    log_weighted = np.stack(
        [
            np.log(weights[k]) + learning.gaussian_log_density(X, means[k], covariances[k])
            for k in range(len(weights))
        ],
        axis=1,
    )
    resp = np.exp(log_weighted - log_weighted.max(1, keepdims=True))
    resp /= resp.sum(1, keepdims=True)
    cov = np.empty_like(covariances)
    for k in range(len(weights)):
        centred = X - means[k]  # the old means
        cov[k] = (resp[:, k, None] * centred).T @ centred / resp[:, k].sum()
    return w, mu, cov, ll


def gmm_log_likelihood_mean(X, weights, means, covariances):
    w, mu, cov, ll = learning.gmm_em_step(X, weights, means, covariances)
    return w, mu, cov, ll / X.shape[0]


# ---------------------------------------------------------------- gaussian_conditional


def conditional_plus_sign(mean, cov, given, values):
    m, S = models.gaussian_conditional(mean, cov, given, values)
    a = [i for i in range(len(mean)) if i not in given]
    return m, 2 * cov[np.ix_(a, a)] - S  # Σ_aa + Σ_ab Σ_bb⁻¹ Σ_ba


def conditional_forgets_mu_b(mean, cov, given, values):
    shifted = np.array(mean, dtype=float)
    shifted[given] = 0.0  # uses x_b instead of x_b − μ_b
    m, S = models.gaussian_conditional(shifted, cov, given, values)
    a = [i for i in range(len(mean)) if i not in given]
    return m - shifted[a] + np.asarray(mean)[a], S


# ---------------------------------------------------------------- gradient_descent


def descent_fixed_step(A, b, x0, max_iter=500, tol=1e-10):
    x, values = np.array(x0, dtype=float), []
    for _ in range(max_iter):
        values.append(float(0.5 * x @ A @ x - b @ x))
        x = x - 1.0 * (A @ x - b)  # no line search
    return x, values


def descent_wrong_first_value(A, b, x0, max_iter=500, tol=1e-10):
    x, values = models.gradient_descent(A, b, x0, max_iter, tol)
    return x, values[1:]  # forgets f(x0)


# ---------------------------------------------------------------- pca


def pca_divides_by_n(X, n_components):
    components, variance = models.pca(X, n_components)
    return components, variance * (len(X) - 1) / len(X)


def pca_no_deflation(X, n_components):
    centred = X - X.mean(axis=0)
    S = centred.T @ centred / (len(X) - 1)
    value, vector = linear.power_iteration(S)
    return np.array([vector] * n_components), np.array([value] * n_components)


# ---------------------------------------------------------------- kmeans_step


def kmeans_median(X, centres):
    labels, _ = models.kmeans_step(X, centres)
    updated = np.array(centres, dtype=float)
    for k in range(len(centres)):
        if np.any(labels == k):
            updated[k] = np.median(X[labels == k], axis=0)
    return labels, updated


def kmeans_empty_cluster_nan(X, centres):
    labels, _ = models.kmeans_step(X, centres)
    sums = np.array([X[labels == k].sum(axis=0) for k in range(len(centres))])
    counts = np.array([np.sum(labels == k) for k in range(len(centres))])
    with np.errstate(invalid="ignore"):
        return labels, sums / counts[:, None]  # 0/0 for an empty cluster


def kmeans_farthest(X, centres):
    distances = ((X[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
    labels = np.argmax(distances, axis=1)
    _, updated = models.kmeans_step(X, centres)
    return labels, updated


BUGGY = [
    ("rref", rref_off_by_one_pivot, "pivots", "pivot columns are"),
    ("rref", rref_no_normalisation, "leading_ones", "expected 1"),
    ("rref", rref_only_below, "pivot_columns_cleared", "eliminate above"),
    ("gram_schmidt", gram_schmidt_no_normalisation, "orthonormal", "has length"),
    ("gram_schmidt", gram_schmidt_projects_on_a, "orthonormal", "q_iᵀq_j"),
    ("gram_schmidt", gram_schmidt_reversed, "same_order", "not upper triangular"),
    ("power_iteration", power_iteration_norm_as_eigenvalue, "dominant", "sign matters"),
    ("power_iteration", power_iteration_unnormalised, "unit_length", "has length"),
    ("normal_equations", normal_equations_ridge_by_accident, "normal_equations_hold", "Xᵀ(y − Xθ)"),
    ("softmax_cross_entropy", softmax_wrong_sign, "gradient_matches_autodiff", "gradient"),
    ("softmax_cross_entropy", softmax_wrong_sign, "gradient_finite_differences", "finite"),
    ("softmax_cross_entropy", softmax_unstable, "stable", "maximum logit"),
    ("softmax_cross_entropy", softmax_no_mean_in_gradient, "gradient_matches_autodiff", "gradient"),
    ("hinge_loss", hinge_wrong_sign, "subgradient_matches_autodiff", "∂J/∂w"),
    ("hinge_loss", hinge_margin_zero, "value_matches_mml_nn", "J(w, b)"),
    ("backprop_mlp", backprop_wrong_tanh_sign, "gradients_match_autodiff", "∂L/∂W1"),
    ("backprop_mlp", backprop_wrong_tanh_sign, "gradients_finite_differences", "finite"),
    ("backprop_mlp", backprop_missing_mean, "gradients_match_autodiff", "∂L/∂"),
    ("backprop_mlp", backprop_bias_not_summed, "gradients_match_autodiff", "∂L/∂b2"),
    ("gmm_em_step", gmm_weights_not_divided, "weights_sum_to_one", "sum to"),
    ("gmm_em_step", gmm_covariance_about_old_means, "matches_mml_em", "covariances"),
    ("gmm_em_step", gmm_log_likelihood_mean, "log_likelihood", "log-likelihood"),
    ("gaussian_conditional", conditional_plus_sign, "covariance", "Σ_aa − Σ_ab"),
    ("gaussian_conditional", conditional_plus_sign, "covariance_shrinks", "increased a variance"),
    ("gaussian_conditional", conditional_forgets_mu_b, "mean", "conditional mean"),
    ("gradient_descent", descent_fixed_step, "values_decrease", "f increased"),
    ("gradient_descent", descent_fixed_step, "minimiser", "the minimiser"),
    ("gradient_descent", descent_wrong_first_value, "values_decrease", "f(x0)"),
    ("pca", pca_divides_by_n, "explained_variance", "N − 1"),
    ("pca", pca_no_deflation, "orthonormal", "orthonormal"),
    ("kmeans_step", kmeans_median, "centres_are_means", "KMeans"),
    ("kmeans_step", kmeans_empty_cluster_nan, "empty_cluster_kept", "empty cluster"),
    ("kmeans_step", kmeans_farthest, "assignment", "is nearer"),
]


@pytest.mark.parametrize(
    ("task", "function", "prop", "words"), BUGGY, ids=[f"{t}-{f.__name__}" for t, f, _, _ in BUGGY]
)
def test_buggy_implementation_fails_the_property_it_breaks(task, function, prop, words):
    report = coding.check(task, function)
    assert not report.passed
    assert report.score < 1.0
    failed = {result.name: result for result in report.failed}
    assert prop in failed, str(report)
    assert words in failed[prop].message, failed[prop].message
    assert failed[prop].failing_input  # the input it failed on is shown
    assert prop in str(report) and "FAIL" in str(report)


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize(
    ("task", "function"), [(t, f) for t, f, _, _ in BUGGY if f is not gmm_log_likelihood_mean]
)
def test_buggy_implementations_fail_on_other_seeds_too(task, function, seed):
    assert not coding.check(task, function, seed=seed).passed
