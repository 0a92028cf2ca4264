"""Issue 5 (continuous optimisation) benchmarks.

- ``minimize(method="lbfgs")`` on an L2-regularised logistic regression in 1000 dimensions vs
  SciPy's L-BFGS-B, both stopping at ``‖∇f‖∞ ≤ gtol``: target at most 1.5× the function and
  gradient evaluations of SciPy (in the note); the time ratio is reported.
- ``linprog`` (dense two-phase simplex, Bland's rule) on a 50×100 dense LP vs HiGHS: time
  ratio reported; the goal is correctness (the objective values are checked to agree).
- ``quadprog`` (active set) on linear-SVM duals (box as bounds) vs SciPy's SLSQP: reported.
"""

from __future__ import annotations

import numpy as np

from benchmarks.harness import Row, compare


def logistic_problem(n_samples: int, n_features: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_samples, n_features))
    w_true = rng.normal(size=n_features)
    y = (X @ w_true + 0.5 * rng.normal(size=n_samples) > 0).astype(float)
    alpha = 1e-3

    def loss_and_gradient(w):
        z = X @ w
        p = 0.5 * (1 + np.tanh(z / 2))  # the logistic sigmoid, without overflow
        loss = np.sum(np.logaddexp(0, z) - y * z) / n_samples + 0.5 * alpha * w @ w
        return float(loss), X.T @ (p - y) / n_samples + alpha * w

    return loss_and_gradient


def _lbfgs_rows(quick: bool) -> list[Row]:
    from scipy.optimize import minimize as scipy_minimize

    from mml.optim import minimize

    n_features = 1000
    n_samples = 1000 if quick else 3000
    gtol = 1e-5
    fun = logistic_problem(n_samples, n_features)
    x0 = np.zeros(n_features)

    def ours():
        return minimize(
            fun, x0, method="lbfgs", jac=True, options={"gtol": gtol, "keep_history": False}
        )

    def reference():
        # ftol=0: stop on the projected-gradient test alone, as ours does.
        return scipy_minimize(
            fun,
            x0,
            jac=True,
            method="L-BFGS-B",
            options={"gtol": gtol, "ftol": 0.0, "maxiter": 15_000},
        )

    mine, theirs = ours(), reference()
    gradient_ratio = mine.nfev / theirs.nfev
    verdict = "hit" if gradient_ratio <= 1.5 else "MISS"
    note = (
        f"f+∇f evaluations {mine.nfev} vs {theirs.nfev} = {gradient_ratio:.2f}× "
        f"(target ≤ 1.5×: {verdict}); ‖∇f‖∞ {np.max(np.abs(mine.jac)):.1e} vs "
        f"{np.max(np.abs(theirs.jac)):.1e}; f differs by {abs(mine.fun - theirs.fun):.1e}"
    )
    print(note, flush=True)
    size = f"{n_samples}×{n_features}"
    repeat = 3 if quick else 5
    return [
        compare(
            "minimize lbfgs logistic (time)",
            size,
            ours,
            reference,
            "scipy L-BFGS-B",
            repeat=repeat,
            note=note,
        )
    ]


def _linprog_rows(quick: bool) -> list[Row]:
    from scipy.optimize import linprog as scipy_linprog

    from mml.optim import linprog

    rng = np.random.default_rng(1)
    m, n = 50, 100
    A = rng.uniform(0, 1, size=(m, n))
    b = rng.uniform(1, 2, size=m) * n / 4
    c = -rng.uniform(0, 1, size=n)
    mine = linprog(c, A_ub=A, b_ub=b)
    theirs = scipy_linprog(c, A_ub=A, b_ub=b, method="highs")
    assert mine.status == theirs.status == 0
    assert abs(mine.fun - theirs.fun) <= 1e-8 * (1 + abs(theirs.fun))
    note = f"objective agrees to {abs(mine.fun - theirs.fun):.1e}; {mine.nit} pivots"
    return [
        compare(
            "linprog dense LP",
            f"{m}×{n}",
            lambda: linprog(c, A_ub=A, b_ub=b),
            lambda: scipy_linprog(c, A_ub=A, b_ub=b, method="highs"),
            "scipy HiGHS",
            repeat=3 if quick else 7,
            note=note,
        )
    ]


def _quadprog_rows(quick: bool) -> list[Row]:
    return [_svm_dual_row(half, quick) for half in ((30,) if quick else (30, 100))]


def _svm_dual_row(half: int, quick: bool) -> Row:
    from scipy.optimize import minimize as scipy_minimize

    from mml.optim import quadprog

    rng = np.random.default_rng(2)
    X = np.vstack([rng.normal(size=(half, 2)) + 1, rng.normal(size=(half, 2)) - 1])
    y = np.concatenate([np.ones(half), -np.ones(half)])
    n = 2 * half
    Q = np.outer(y, y) * (X @ X.T)

    def ours():
        return quadprog(Q, -np.ones(n), A_eq=y[None, :], b_eq=[0.0], bounds=(0, 1))

    def reference():
        return scipy_minimize(
            lambda a: 0.5 * a @ Q @ a - a.sum(),
            np.zeros(n),
            jac=lambda a: Q @ a - 1,
            bounds=[(0, 1)] * n,
            constraints={"type": "eq", "fun": lambda a: y @ a, "jac": lambda a: y},
            method="SLSQP",
            options={"ftol": 1e-12, "maxiter": 1000},
        )

    mine, theirs = ours(), reference()
    note = f"dual objective {mine.fun:.8f} vs SLSQP {theirs.fun:.8f}"
    return compare(
        "quadprog linear-SVM dual",
        f"{n} points",
        ours,
        reference,
        "scipy SLSQP",
        repeat=3 if quick else 5,
        note=note,
    )


def run(quick: bool) -> list[Row]:
    return _lbfgs_rows(quick) + _linprog_rows(quick) + _quadprog_rows(quick)
