"""minimize against scipy.optimize.minimize and closed forms."""

import numpy as np
import pytest
import scipy.optimize as so
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.errors import DomainError, ShapeError
from mml.optim import minimize
from mml.optim.derivatives import Objective, central_difference_gradient, central_difference_hessian

QUASI_NEWTON = ["bfgs", "lbfgs"]


def rosen(x):
    return float(so.rosen(x))


def logistic_problem(seed, n_samples=80, n_features=5):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_samples, n_features))
    y = (X @ rng.normal(size=n_features) + rng.normal(size=n_samples) > 0).astype(float)

    def loss(w):
        z = X @ w
        return float(np.sum(np.logaddexp(0, z) - y * z) / n_samples + 0.05 * w @ w)

    def gradient(w):
        p = 1 / (1 + np.exp(-(X @ w)))
        return X.T @ (p - y) / n_samples + 0.1 * w

    return loss, gradient, n_features


def spd_matrix(seed, n):
    rng = np.random.default_rng(seed)
    Q = rng.normal(size=(n, n))
    return Q @ Q.T + n * np.eye(n), rng.normal(size=n)


@pytest.mark.parametrize("method", QUASI_NEWTON)
@pytest.mark.parametrize("x0", [[-1.2, 1.0], [2.0, -1.0, 0.5, 1.5, -0.3]])
def test_rosenbrock_minimum_matches_scipy(method, x0):
    ref = so.minimize(so.rosen, x0, jac=so.rosen_der, method="BFGS", options={"gtol": 1e-10})
    res = minimize(rosen, x0, method=method, jac=so.rosen_der, options={"gtol": 1e-10})
    assert res.success, res.message
    np.testing.assert_allclose(res.x, ref.x, atol=1e-6)
    assert res.fun == pytest.approx(ref.fun, abs=1e-12)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 6))
def test_quadratic_minimum_is_the_solution_of_the_normal_equations(seed, n):
    A, b = spd_matrix(seed, n)
    expected = np.linalg.solve(A, b)
    for method in ["gd", "momentum", "bfgs", "lbfgs"]:
        options = {"gtol": 1e-9}
        if method == "momentum":
            options["learning_rate"] = 1 / np.max(np.linalg.eigvalsh(A))
        res = minimize(
            lambda x: 0.5 * x @ A @ x - b @ x,
            np.zeros(n),
            method=method,
            jac=lambda x: A @ x - b,
            options=options,
        )
        assert res.success, (method, res.message)
        np.testing.assert_allclose(res.x, expected, atol=1e-6)


@pytest.mark.parametrize("method", ["gd", "bfgs", "lbfgs"])
@pytest.mark.parametrize("seed", [0, 1])
def test_logistic_loss_minimum_matches_scipy(method, seed):
    loss, gradient, n = logistic_problem(seed)
    ref = so.minimize(loss, np.zeros(n), jac=gradient, method="BFGS", options={"gtol": 1e-11})
    res = minimize(loss, np.zeros(n), method=method, jac=gradient, options={"gtol": 1e-10})
    assert res.success, res.message
    np.testing.assert_allclose(res.x, ref.x, atol=1e-6)


def test_fixed_step_gradient_descent_follows_the_closed_form_iterates():
    # On ½xᵀAx − bᵀx with step γ: x_k − x* = (I − γA)^k (x_0 − x*)  (MML book §7.1).
    A, b = spd_matrix(3, 3)
    x_star = np.linalg.solve(A, b)
    gamma = 1 / np.max(np.linalg.eigvalsh(A))
    res = minimize(
        lambda x: 0.5 * x @ A @ x - b @ x,
        np.ones(3),
        method="gd",
        jac=lambda x: A @ x - b,
        options={"learning_rate": gamma, "maxiter": 5, "gtol": 0},
    )
    step = np.eye(3) - gamma * A
    for k, x_k in enumerate(res.history):
        expected = x_star + np.linalg.matrix_power(step, k) @ (np.ones(3) - x_star)
        np.testing.assert_allclose(x_k, expected, atol=1e-12)
    assert res.status == 1 and not res.success


@pytest.mark.parametrize("method", ["gd", "momentum"])
def test_too_large_step_diverges_with_success_false_and_finite_output(method):
    options = {"learning_rate": 4.0, "maxiter": 100_000}
    res = minimize(
        lambda x: float(x @ x), [1.0, -2.0], method=method, jac=lambda x: 2 * x, options=options
    )
    assert not res.success and res.status == 3
    assert "Diverged" in res.message
    assert np.all(np.isfinite(res.x)) and np.isfinite(res.fun)


@pytest.mark.parametrize("method", ["gd", "bfgs", "lbfgs"])
def test_function_unbounded_below_is_never_a_success(method):
    res = minimize(
        lambda x: float(-np.exp(x[0])),
        [0.0],
        method=method,
        jac=lambda x: -np.exp(x),
        options={"maxiter": 200},
    )
    assert not res.success
    assert np.all(np.isfinite(res.x)) and np.isfinite(res.fun)


def test_nan_outside_a_small_region_is_treated_as_a_too_long_step():
    f = lambda x: float(np.log(4 - x @ x) + (x - 0.5) @ (x - 0.5)) if x @ x < 4 else np.nan  # noqa: E731
    res = minimize(f, [0.0, 0.0], method="bfgs")
    assert res.success and np.all(np.isfinite(res.x)) and res.x @ res.x < 4


@pytest.mark.parametrize("method", QUASI_NEWTON + ["gd"])
def test_gradient_is_found_automatically_when_not_given(method):
    res = minimize(rosen, [-1.2, 1.0], method=method, options={"maxiter": 50_000})
    assert res.success, res.message
    np.testing.assert_allclose(res.x, [1, 1], atol=1e-4)


def test_jac_true_means_fun_returns_value_and_gradient():
    res = minimize(lambda x: (float(x @ x), 2 * x), [3.0, 4.0], jac=True)
    assert res.success
    np.testing.assert_allclose(res.x, 0, atol=1e-8)
    assert res.nfev == res.njev


def test_args_reach_fun_and_jac():
    res = minimize(
        lambda x, a: float((x - a) @ (x - a)), [0.0], args=(2.0,), jac=lambda x, a: 2 * (x - a)
    )
    np.testing.assert_allclose(res.x, [2.0])


def test_history_starts_at_x0_and_has_one_point_per_iteration():
    calls = []
    res = minimize(rosen, [-1.2, 1.0], jac=so.rosen_der, method="lbfgs", callback=calls.append)
    assert len(res.history) == res.nit + 1 == len(res.fun_history)
    np.testing.assert_array_equal(res.history[0], [-1.2, 1.0])
    assert len(calls) == res.nit
    assert np.all(np.diff(res.fun_history) <= 0)  # line searches only accept decreasing steps


def test_bounds_use_projected_gradient_and_match_scipy():
    bounds = [(-0.5, 0.5), (0.0, 2.0)]
    ref = so.minimize(
        so.rosen,
        [0.0, 0.0],
        jac=so.rosen_der,
        method="L-BFGS-B",
        bounds=bounds,
        options={"gtol": 1e-12, "ftol": 1e-15},
    )
    res = minimize(
        rosen,
        [0.0, 0.0],
        jac=so.rosen_der,
        bounds=bounds,
        method="projected_gradient",
        options={"gtol": 1e-9, "maxiter": 100_000},
    )
    assert res.success, res.message
    np.testing.assert_allclose(res.x, ref.x, atol=1e-6)


def test_unknown_method_option_or_bounds_raise_domain_error():
    with pytest.raises(DomainError, match="unknown method"):
        minimize(rosen, [0.0, 0.0], method="simplex")
    with pytest.raises(DomainError, match="unknown option"):
        minimize(rosen, [0.0, 0.0], options={"learning_rate": 0.1})
    with pytest.raises(DomainError, match="bounds"):
        minimize(rosen, [0.0, 0.0], method="bfgs", bounds=[(0, 1), (0, 1)])
    with pytest.raises(DomainError, match="momentum"):
        minimize(rosen, [0.0, 0.0], method="momentum", options={"momentum": 1.0})


def test_bad_starting_point_raises():
    with pytest.raises(ShapeError, match=r"\(2, 2\)"):
        minimize(rosen, np.zeros((2, 2)))
    with pytest.raises(DomainError, match="finite"):
        minimize(rosen, [np.nan, 0.0])
    with pytest.raises(DomainError, match="not finite at the start"):
        minimize(lambda x: float(np.log(x[0])) if x[0] > 0 else np.nan, [-1.0], jac=lambda x: 1 / x)


def test_gradient_of_wrong_shape_raises_shape_error():
    with pytest.raises(ShapeError, match="gradient"):
        minimize(rosen, [0.0, 0.0], jac=lambda x: np.zeros(3))


def test_newton_on_rosenbrock_matches_scipy_trust_exact():
    x0 = [-1.2, 1.0, 0.7]
    ref = so.minimize(
        so.rosen,
        x0,
        jac=so.rosen_der,
        hess=so.rosen_hess,
        method="trust-exact",
        options={"gtol": 1e-10},
    )
    res = minimize(
        rosen, x0, method="newton", jac=so.rosen_der, hess=so.rosen_hess, options={"gtol": 1e-10}
    )
    assert res.success, res.message
    np.testing.assert_allclose(res.x, ref.x, atol=1e-6)
    assert res.nhev == res.nit


def test_newton_solves_a_quadratic_in_one_step():
    A, b = spd_matrix(7, 4)
    res = minimize(
        lambda x: 0.5 * x @ A @ x - b @ x,
        np.zeros(4),
        method="newton",
        jac=lambda x: A @ x - b,
        hess=lambda x: A,
    )
    assert res.nit == 1
    np.testing.assert_allclose(res.x, np.linalg.solve(A, b), atol=1e-12)


def test_newton_escapes_an_indefinite_hessian_to_a_minimum():
    # f = x⁴ − x² + y²: at x = 0.1 the Hessian has a negative eigenvalue; minima at x = ±1/√2.
    f = lambda z: float(z[0] ** 4 - z[0] ** 2 + z[1] ** 2)  # noqa: E731
    res = minimize(f, [0.1, 1.0], method="newton", options={"gtol": 1e-8})
    assert res.success, res.message
    np.testing.assert_allclose(np.abs(res.x), [1 / np.sqrt(2), 0], atol=1e-6)
    assert np.all(np.diff(res.fun_history) <= 0)


def test_newton_logistic_loss_with_difference_hessian_matches_scipy():
    loss, gradient, n = logistic_problem(2)
    ref = so.minimize(loss, np.zeros(n), jac=gradient, method="BFGS", options={"gtol": 1e-11})
    res = minimize(loss, np.zeros(n), method="newton", jac=gradient, options={"gtol": 1e-10})
    assert res.success, res.message
    np.testing.assert_allclose(res.x, ref.x, atol=1e-6)


def test_central_differences_match_the_exact_gradient_and_hessian():
    x = np.array([-1.2, 1.0, 0.4])
    np.testing.assert_allclose(central_difference_gradient(rosen, x), so.rosen_der(x), rtol=1e-7)
    np.testing.assert_allclose(
        central_difference_hessian(so.rosen_der, x), so.rosen_hess(x), rtol=1e-6, atol=1e-6
    )


def test_autodiff_is_chosen_for_traceable_functions_and_differences_otherwise():
    anp = pytest.importorskip("mml.autodiff.numpy")
    traceable = lambda x: anp.sum((x - 1.0) ** 2) + anp.sum(x**4)  # noqa: E731
    assert Objective(traceable, np.ones(3)).gradient_kind == "autodiff"
    # float() cuts the autodiff trace (its gradient would be 0): differences are used instead.
    cut = lambda x: float(np.sum((x - 1.0) ** 2))  # noqa: E731
    assert Objective(cut, np.ones(3)).gradient_kind == "central differences"
    res = minimize(traceable, np.zeros(3), method="newton", options={"gtol": 1e-10})
    assert res.success
    np.testing.assert_allclose(4 * res.x**3 + 2 * (res.x - 1), 0, atol=1e-9)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 5), st.floats(2.05, 50))
def test_fixed_step_beyond_two_over_lambda_max_never_reports_success(seed, n, factor):
    # On a quadratic, gradient descent with γ > 2/λ_max diverges (MML book §7.1).
    A, b = spd_matrix(seed, n)
    gamma = factor / np.max(np.linalg.eigvalsh(A))
    res = minimize(
        lambda x: 0.5 * x @ A @ x - b @ x,
        np.linalg.solve(A, b) + 1.0,
        method="gd",
        jac=lambda x: A @ x - b,
        options={"learning_rate": gamma, "maxiter": 5000, "keep_history": False},
    )
    assert not res.success and res.status in (1, 3)
    assert np.all(np.isfinite(res.x)) and np.isfinite(res.fun)


def test_non_scalar_objective_raises_shape_error():
    with pytest.raises(ShapeError, match="scalar"):
        minimize(lambda x: x**2, [1.0, 2.0], jac=lambda x: 2 * x)


def test_newton_with_a_nan_hessian_stops_with_a_message():
    res = minimize(
        rosen, [0.0, 0.0], method="newton", jac=so.rosen_der, hess=lambda x: np.full((2, 2), np.nan)
    )
    assert not res.success and res.status == 3
    assert "Hessian" in res.message
