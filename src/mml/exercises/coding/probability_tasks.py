"""Coding task of chapter 6: ``gaussian_conditional``.

Properties compare with ``mml.probability.MultivariateNormal`` and ``mml.linalg.solve`` and
check the invariants of conditioning: the covariance shrinks (``Σ_aa − Σ_{a|b}`` is
positive semidefinite), and independent blocks are untouched.

Examples
--------
>>> from mml.exercises.coding.grading import TASKS, grade
>>> from mml.exercises.coding.solutions_models import gaussian_conditional
>>> grade(TASKS["gaussian_conditional"], gaussian_conditional).passed
True
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.exercises.coding import solutions_models as solutions
from mml.exercises.coding.grading import (
    Case,
    CodingTask,
    Property,
    expect,
    expect_close,
    register_task,
)
from mml.exercises.coding.solutions_linear_algebra import cholesky_factor, cholesky_solve

__all__: list[str] = []


def _conditional_cases(rng: np.random.Generator) -> list[Case]:
    cases = [
        Case(
            "the 2-D example N(0, [[2, 1], [1, 2]]) given x₂ = 1",
            {
                "mean": np.zeros(2),
                "cov": np.array([[2.0, 1.0], [1.0, 2.0]]),
                "given": [1],
                "values": np.array([1.0]),
            },
        ),
        Case(
            "independent blocks: conditioning changes nothing",
            {
                "mean": np.array([1.0, -1.0, 2.0]),
                "cov": np.diag([1.0, 2.0, 3.0]),
                "given": [2],
                "values": np.array([5.0]),
            },
            {"independent": True},
        ),
    ]
    for d, observed in ((3, [0]), (4, [1, 3]), (5, [4, 0]), (4, [2])):
        B = rng.standard_normal((d, d))
        cov = B @ B.T + d * np.eye(d)
        values = rng.standard_normal(len(observed))
        label = f"D = {d}, observing indices {observed}"
        inputs = {"mean": rng.standard_normal(d), "cov": cov, "given": observed, "values": values}
        cases.append(Case(label, inputs))
    return cases


def _conditional_reference(
    mean: np.ndarray, cov: np.ndarray, given: list[int], values: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    from mml.linalg import solve

    a = [i for i in range(len(mean)) if i not in given]
    S_ab, S_bb = cov[np.ix_(a, given)], cov[np.ix_(given, given)]
    gain = solve(S_bb, S_ab.T).T  # Σ_ab Σ_bb⁻¹ (S_bb is symmetric)
    return mean[a] + gain @ (values - mean[given]), cov[np.ix_(a, a)] - gain @ S_ab.T


def _conditional_output(output: Any, case: Case) -> tuple[np.ndarray, np.ndarray]:
    expect(
        isinstance(output, tuple | list) and len(output) == 2,
        f"expected a pair (mean, cov), got {type(output).__name__}",
    )
    n = len(case.inputs["mean"]) - len(case.inputs["given"])
    mean, cov = np.asarray(output[0], dtype=float), np.asarray(output[1], dtype=float)
    expect(mean.shape == (n,), f"the mean has shape {mean.shape}, expected ({n},)")
    expect(cov.shape == (n, n), f"the covariance has shape {cov.shape}, expected ({n}, {n})")
    return mean, cov


def _conditional_mean(case: Case, output: Any, function: Any) -> None:
    mean, _ = _conditional_output(output, case)
    expected, _ = _conditional_reference(**case.inputs)
    expect_close(mean, expected, "the conditional mean μ_a + Σ_ab Σ_bb⁻¹ (x_b − μ_b)")


def _conditional_cov(case: Case, output: Any, function: Any) -> None:
    _, cov = _conditional_output(output, case)
    _, expected = _conditional_reference(**case.inputs)
    expect_close(cov, expected, "the conditional covariance Σ_aa − Σ_ab Σ_bb⁻¹ Σ_ba")


def _conditional_shrinks(case: Case, output: Any, function: Any) -> None:
    from mml.linalg import eigvalsh

    _, cov = _conditional_output(output, case)
    a = [i for i in range(len(case.inputs["mean"])) if i not in case.inputs["given"]]
    expect(np.allclose(cov, cov.T, atol=1e-10), "the conditional covariance is not symmetric")
    smallest = float(eigvalsh(cov).min())
    expect(smallest > 0, f"the conditional covariance is not positive definite ({smallest:.3g})")
    shrink = float(eigvalsh(case.inputs["cov"][np.ix_(a, a)] - cov).min())
    expect(
        shrink > -1e-9,
        f"observing data increased a variance: Σ_aa − Σ_{{a|b}} has eigenvalue {shrink:.3g}",
    )


def _conditional_independent(case: Case, output: Any, function: Any) -> None:
    if not case.extra.get("independent"):
        return
    mean, cov = _conditional_output(output, case)
    a = [i for i in range(len(case.inputs["mean"])) if i not in case.inputs["given"]]
    expect_close(mean, case.inputs["mean"][a], "the mean of independent entries (unchanged)")
    expect_close(cov, case.inputs["cov"][np.ix_(a, a)], "the covariance of independent entries")


register_task(
    CodingTask(
        name="gaussian_conditional",
        title="Conditioning a Gaussian",
        statement=(
            "Write `gaussian_conditional(mean, cov, given, values)` returning the mean and"
            " covariance of $p(x_a \\mid x_b = \\text{values})$ for a joint Gaussian"
            " (MML book eq. 6.66): $\\mu_{a|b} = \\mu_a + \\Sigma_{ab}\\Sigma_{bb}^{-1}"
            "(x_b - \\mu_b)$, $\\Sigma_{a|b} = \\Sigma_{aa} - \\Sigma_{ab}\\Sigma_{bb}^{-1}"
            "\\Sigma_{ba}$. No `numpy.linalg`: solve with $\\Sigma_{bb}$ by Cholesky."
        ),
        solution=solutions.gaussian_conditional,
        helpers=(cholesky_factor, cholesky_solve),
        cases=_conditional_cases,
        properties=(
            Property("mean", "μ_{a|b} is right", _conditional_mean),
            Property("covariance", "Σ_{a|b} is right", _conditional_cov),
            Property(
                "covariance_shrinks",
                "Σ_{a|b} is positive definite and no larger than Σ_aa",
                _conditional_shrinks,
            ),
            Property(
                "independent_blocks_unchanged",
                "conditioning on an independent block changes nothing",
                _conditional_independent,
            ),
        ),
        chapter=6,
    )
)
