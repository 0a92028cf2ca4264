"""quadprog (active set) against the KKT conditions, closed forms, SciPy and scikit-learn."""

import numpy as np
import pytest
import scipy.optimize as so
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.errors import DomainError, ShapeError
from mml.optim.quadprog import quadprog


def random_qp(seed, n, m_ub, m_eq, rank=None):
    rng = np.random.default_rng(seed)
    M = rng.normal(size=(n, rank or n))
    Q = M @ M.T + (0 if rank else 0.5) * np.eye(n)
    c = rng.normal(size=n) * 3
    x_feasible = rng.normal(size=n)
    A_ub = rng.normal(size=(m_ub, n))
    b_ub = A_ub @ x_feasible + rng.uniform(0, 1, size=m_ub)
    A_eq = rng.normal(size=(m_eq, n))
    b_eq = A_eq @ x_feasible
    return Q, c, A_ub, b_ub, A_eq, b_eq


def assert_kkt(res, Q, c, A_ub, b_ub, A_eq, b_eq, lower=None, upper=None, tol=1e-7):
    x = res.x
    n = x.size
    lower = np.full(n, -np.inf) if lower is None else lower
    upper = np.full(n, np.inf) if upper is None else upper
    scale = 1 + np.abs(c).max() + np.abs(Q).max()
    # Primal feasibility.
    assert np.all(A_ub @ x <= b_ub + tol)
    np.testing.assert_allclose(A_eq @ x, b_eq, atol=tol)
    assert np.all(x >= lower - tol) and np.all(x <= upper + tol)
    # Dual feasibility.
    assert np.all(res.ineqlin >= -tol) and np.all(res.lower >= -tol) and np.all(res.upper >= -tol)
    # Stationarity of the Lagrangian.
    stationarity = Q @ x + c + A_ub.T @ res.ineqlin + A_eq.T @ res.eqlin - res.lower + res.upper
    np.testing.assert_allclose(stationarity, 0, atol=tol * scale)
    # Complementary slackness.
    np.testing.assert_allclose(res.ineqlin * (b_ub - A_ub @ x), 0, atol=tol * scale)
    finite_lower, finite_upper = np.isfinite(lower), np.isfinite(upper)
    low, up = finite_lower, finite_upper
    np.testing.assert_allclose(res.lower[low] * (x - lower)[low], 0, atol=tol * scale)
    np.testing.assert_allclose(res.upper[up] * (upper - x)[up], 0, atol=tol * scale)
    assert np.all(res.lower[~finite_lower] == 0) and np.all(res.upper[~finite_upper] == 0)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 6), st.integers(0, 8), st.integers(0, 2))
def test_strictly_convex_qp_satisfies_kkt_and_matches_slsqp(seed, n, m_ub, m_eq):
    m_eq = min(m_eq, n)
    Q, c, A_ub, b_ub, A_eq, b_eq = random_qp(seed, n, m_ub, m_eq)
    res = quadprog(Q, c, A_ub, b_ub, A_eq, b_eq)
    assert res.status == 0, res.message
    assert_kkt(res, Q, c, A_ub, b_ub, A_eq, b_eq)
    constraints = []
    if m_ub:
        constraints.append(
            {"type": "ineq", "fun": lambda x: b_ub - A_ub @ x, "jac": lambda x: -A_ub}
        )
    if m_eq:
        constraints.append({"type": "eq", "fun": lambda x: A_eq @ x - b_eq, "jac": lambda x: A_eq})
    ref = so.minimize(
        lambda x: 0.5 * x @ Q @ x + c @ x,
        np.linalg.lstsq(A_eq, b_eq, rcond=None)[0] if m_eq else np.zeros(n),
        jac=lambda x: Q @ x + c,
        constraints=constraints,
        method="SLSQP",
        options={"ftol": 1e-14, "maxiter": 500},
    )
    if ref.success:  # SLSQP's answer is a bound only when it converged
        assert res.fun <= ref.fun + 1e-7 * (1 + abs(ref.fun))


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 7), st.integers(0, 4), st.booleans())
def test_qp_with_bounds_satisfies_kkt_and_matches_slsqp(seed, n, m_ub, semidefinite):
    Q, c, A_ub, b_ub, A_eq, b_eq = random_qp(seed, n, m_ub, 1, rank=1 if semidefinite else None)
    rng = np.random.default_rng(seed)
    lower = np.where(rng.random(n) < 0.8, -rng.uniform(0, 2, n), -np.inf)
    upper = np.where(rng.random(n) < 0.8, rng.uniform(0, 2, n), np.inf)
    if semidefinite:
        lower, upper = -rng.uniform(0, 2, n), rng.uniform(0, 2, n)  # keeps it bounded
    # Make the zero vector feasible, so the problem is never infeasible.
    b_ub, b_eq = np.abs(b_ub) + 0.1, np.zeros(1)
    bounds = [
        (lo if np.isfinite(lo) else None, hi if np.isfinite(hi) else None)
        for lo, hi in zip(lower, upper)
    ]
    res = quadprog(Q, c, A_ub, b_ub, A_eq, b_eq, bounds=bounds)
    assert res.status == 0, res.message
    assert_kkt(res, Q, c, A_ub, b_ub, A_eq, b_eq, lower, upper, tol=1e-6)
    constraints = [{"type": "eq", "fun": lambda x: A_eq @ x - b_eq, "jac": lambda x: A_eq}]
    if m_ub:
        constraints.append(
            {"type": "ineq", "fun": lambda x: b_ub - A_ub @ x, "jac": lambda x: -A_ub}
        )
    ref = so.minimize(
        lambda x: 0.5 * x @ Q @ x + c @ x,
        np.zeros(n),
        jac=lambda x: Q @ x + c,
        constraints=constraints,
        bounds=bounds,
        method="SLSQP",
        options={"ftol": 1e-14, "maxiter": 500},
    )
    if ref.success:  # SLSQP's answer is a bound only when it converged
        assert res.fun <= ref.fun + 1e-7 * (1 + abs(ref.fun))


@pytest.mark.parametrize("seed", range(3))
def test_equality_constrained_qp_matches_the_closed_form_kkt_solution(seed):
    Q, c, _, _, A_eq, b_eq = random_qp(seed, 5, 0, 2)
    kkt = np.block([[Q, A_eq.T], [A_eq, np.zeros((2, 2))]])
    expected = np.linalg.solve(kkt, np.concatenate([-c, b_eq]))
    res = quadprog(Q, c, A_eq=A_eq, b_eq=b_eq)
    np.testing.assert_allclose(res.x, expected[:5], atol=1e-9)
    np.testing.assert_allclose(res.eqlin, expected[5:], atol=1e-8)


def test_unconstrained_qp_is_the_solution_of_q_x_equals_minus_c():
    Q, c, *_ = random_qp(4, 4, 0, 0)
    np.testing.assert_allclose(quadprog(Q, c).x, np.linalg.solve(Q, -c), atol=1e-10)


@pytest.mark.parametrize("seed", range(3))
def test_semidefinite_qp_satisfies_kkt(seed):
    Q, c, A_ub, b_ub, A_eq, b_eq = random_qp(seed, 6, 0, 1, rank=2)
    # Box 0 ≤ x ≤ 2 keeps it bounded along the null space of Q.
    A_ub = np.vstack([np.eye(6), -np.eye(6)])
    b_ub = np.concatenate([2 * np.ones(6), np.zeros(6)])
    b_eq = A_eq @ np.ones(6)
    res = quadprog(Q, c, A_ub, b_ub, A_eq, b_eq)
    assert res.status == 0, res.message
    assert_kkt(res, Q, c, A_ub, b_ub, A_eq, b_eq, tol=1e-6)


def test_svm_dual_with_a_linear_kernel_gives_sklearns_weights():
    from sklearn.svm import SVC

    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(size=(12, 2)) + 1.5, rng.normal(size=(12, 2)) - 1.5])
    y = np.array([1.0] * 12 + [-1.0] * 12)
    C = 1.0
    # Dual (MML book eq. 12.41): min ½αᵀ(yyᵀ∘XXᵀ)α − 1ᵀα, 0 ≤ α ≤ C, yᵀα = 0; Q has rank 2.
    Q = np.outer(y, y) * (X @ X.T)
    A_ub = np.vstack([np.eye(24), -np.eye(24)])
    b_ub = np.concatenate([C * np.ones(24), np.zeros(24)])
    res = quadprog(Q, -np.ones(24), A_ub, b_ub, A_eq=y[None, :], b_eq=[0.0])
    assert res.status == 0, res.message
    svc = SVC(kernel="linear", C=C, tol=1e-10).fit(X, y)
    np.testing.assert_allclose((res.x * y) @ X, svc.coef_[0], atol=1e-5)
    # The same box written as bounds gives the same dual solution, by a cheaper route.
    boxed = quadprog(Q, -np.ones(24), A_eq=y[None, :], b_eq=[0.0], bounds=(0, C))
    np.testing.assert_allclose((boxed.x * y) @ X, svc.coef_[0], atol=1e-5)
    assert boxed.fun == pytest.approx(res.fun, abs=1e-9)


def test_svm_dual_with_an_rbf_kernel_gives_sklearns_dual_coefficients():
    from sklearn.svm import SVC

    rng = np.random.default_rng(1)
    X = rng.normal(size=(40, 2))
    y = np.where(X[:, 0] ** 2 + X[:, 1] ** 2 > 1.2, 1.0, -1.0)
    gamma, C = 0.7, 2.0
    K = np.exp(-gamma * ((X[:, None, :] - X[None, :, :]) ** 2).sum(-1))
    res = quadprog(np.outer(y, y) * K, -np.ones(40), A_eq=y[None, :], b_eq=[0.0], bounds=(0, C))
    assert res.status == 0, res.message
    svc = SVC(kernel="rbf", gamma=gamma, C=C, tol=1e-10).fit(X, y)
    alpha_y = np.zeros(40)
    alpha_y[svc.support_] = svc.dual_coef_[0]
    np.testing.assert_allclose(res.x * y, alpha_y, atol=1e-5)
    # The intercept is ν, the multiplier of yᵀα = 0: for 0 < αᵢ < C stationarity reads
    # yᵢ(Σⱼ αⱼyⱼK(xᵢ, xⱼ) + ν) = 1, the margin condition with b = ν.
    assert res.eqlin[0] == pytest.approx(svc.intercept_[0], abs=1e-5)


def test_infeasible_qp_is_reported():
    res = quadprog(np.eye(1), [0.0], A_ub=[[1.0], [-1.0]], b_ub=[-1.0, -1.0])
    assert res.status == 2 and not res.success and res.x is None


def test_unbounded_semidefinite_qp_is_reported():
    res = quadprog(np.diag([1.0, 0.0]), [0.0, -1.0], A_ub=[[0.0, -1.0]], b_ub=[0.0])
    assert res.status == 3 and not res.success


def test_indefinite_or_asymmetric_q_raises_domain_error():
    with pytest.raises(DomainError, match="positive semidefinite"):
        quadprog(np.diag([1.0, -1.0]), [0.0, 0.0])
    with pytest.raises(DomainError, match="symmetric"):
        quadprog([[1.0, 1.0], [0.0, 1.0]], [0.0, 0.0])


def test_mismatched_shapes_raise_shape_error_naming_both():
    with pytest.raises(ShapeError, match=r"\(3,\).*\(2, 2\)"):
        quadprog(np.eye(2), [1.0, 2.0, 3.0])
    with pytest.raises(ShapeError, match=r"\(1, 3\).*\(2, 2\)"):
        quadprog(np.eye(2), [1.0, 2.0], A_ub=[[1.0, 1.0, 1.0]], b_ub=[1.0])
    with pytest.raises(ShapeError, match=r"\(2,\).*\(1, 2\)"):
        quadprog(np.eye(2), [1.0, 2.0], A_eq=[[1.0, 1.0]], b_eq=[1.0, 2.0])
    with pytest.raises(ShapeError, match="bounds"):
        quadprog(np.eye(2), [1.0, 2.0], bounds=[(0, 1)] * 3)


def test_empty_bounds_raise_domain_error():
    with pytest.raises(DomainError, match="empty bounds"):
        quadprog(np.eye(2), [1.0, 2.0], bounds=[(0, 1), (2, 1)])


def test_infeasible_bounds_and_equalities_are_reported():
    res = quadprog(np.eye(2), [0.0, 0.0], A_eq=[[1.0, 1.0]], b_eq=[5.0], bounds=(0, 1))
    assert res.status == 2


def test_unbounded_direction_blocked_by_a_bound_is_not_unbounded():
    res = quadprog(np.diag([1.0, 0.0]), [0.0, -1.0], bounds=[(None, None), (None, 3)])
    assert res.status == 0
    np.testing.assert_allclose(res.x, [0, 3], atol=1e-9)
    assert res.upper[1] == pytest.approx(1.0)
