"""Coding tasks about fitting models to data (chapters 10–11): ``gmm_em_step``,
``kmeans_step``, ``pca``.

Properties compare with ``mml.models`` (``mixture_em``'s steps, ``KMeans``, ``PCA``) and
check what every step of the algorithm guarantees: the weights sum to 1, the objective
never increases, the components are orthonormal.

Examples
--------
>>> from mml.exercises.coding.grading import TASKS, grade
>>> from mml.exercises.coding.solutions_learning import gmm_em_step
>>> grade(TASKS["gmm_em_step"], gmm_em_step).passed
True
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.exercises.coding import solutions_learning as solutions
from mml.exercises.coding import solutions_models
from mml.exercises.coding.grading import (
    Case,
    CodingTask,
    Property,
    expect,
    expect_close,
    register_task,
)
from mml.exercises.coding.solutions_linear_algebra import cholesky_factor, power_iteration

__all__: list[str] = []


def _tuple(output: Any, n: int, what: str) -> tuple:
    expect(
        isinstance(output, tuple | list) and len(output) == n,
        f"expected {what}, got {type(output).__name__}",
    )
    return tuple(output)


# ---------------------------------------------------------------- one EM step for a GMM (§11.3)


def _gmm_cases(rng: np.random.Generator) -> list[Case]:
    cases = []
    for n, d, k in ((20, 1, 2), (30, 2, 2), (40, 2, 3), (30, 3, 2)):
        centres = 4.0 * rng.standard_normal((k, d))
        X = centres[rng.integers(0, k, n)] + rng.standard_normal((n, d))
        weights = rng.dirichlet(np.full(k, 3.0))
        means = X[rng.choice(n, k, replace=False)] + 0.1 * rng.standard_normal((k, d))
        A = rng.standard_normal((k, d, d))
        covariances = np.einsum("kij,klj->kil", A, A) / d + np.eye(d)
        cases.append(
            Case(
                f"N = {n} points in R^{d}, K = {k} components",
                {"X": X, "weights": weights, "means": means, "covariances": covariances},
            )
        )
    return cases


def _gmm_output(output: Any, case: Case) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    weights, means, covariances, log_likelihood = _tuple(
        output, 4, "(weights, means, covariances, log_likelihood)"
    )
    result = [np.asarray(a, dtype=float) for a in (weights, means, covariances)]
    for name, got in zip(("weights", "means", "covariances"), result):
        expected = case.inputs[name].shape
        expect(got.shape == expected, f"{name} has shape {got.shape}, expected {expected}")
        expect(np.all(np.isfinite(got)), f"{name} contains NaN or inf")
    return result[0], result[1], result[2], float(log_likelihood)


def _log_likelihood(
    X: np.ndarray, weights: np.ndarray, means: np.ndarray, covariances: np.ndarray
) -> tuple[float, np.ndarray]:
    from mml.models.mixture_em import e_step, precision_cholesky

    mean_ll, log_resp = e_step(X, weights, means, precision_cholesky(covariances, "full"), "full")
    return mean_ll * X.shape[0], log_resp


def _gmm_weights(case: Case, output: Any, function: Any) -> None:
    weights = _gmm_output(output, case)[0]
    expect(np.all(weights >= 0), f"weights {weights.round(6).tolist()} has a negative entry")
    expect(
        abs(weights.sum() - 1.0) < 1e-8,
        f"the weights sum to {weights.sum():.6g}, expected 1 (π_k = N_k / N)",
    )


def _gmm_covariances(case: Case, output: Any, function: Any) -> None:
    from mml.linalg import eigvalsh

    covariances = _gmm_output(output, case)[2]
    for k, cov in enumerate(covariances):
        expect(np.allclose(cov, cov.T, atol=1e-10), f"covariance {k} is not symmetric")
        smallest = float(eigvalsh(cov).min())
        expect(smallest > 0, f"covariance {k} is not positive definite (eigenvalue {smallest:.3g})")


def _gmm_log_likelihood(case: Case, output: Any, function: Any) -> None:
    returned = _gmm_output(output, case)[3]
    expected, _ = _log_likelihood(**case.inputs)
    expect_close(
        returned,
        expected,
        "the log-likelihood Σ_n log Σ_k π_k N(x_n|μ_k, Σ_k) (at the parameters passed in)",
    )


def _gmm_matches_mml(case: Case, output: Any, function: Any) -> None:
    from mml.models.mixture_em import m_step

    weights, means, covariances, _ = _gmm_output(output, case)
    _, log_resp = _log_likelihood(**case.inputs)
    expected = m_step(case.inputs["X"], np.exp(log_resp), 0.0, "full")
    for name, got, reference in zip(
        ("weights", "means", "covariances"), (weights, means, covariances), expected
    ):
        expect_close(got, reference, f"the new {name} (vs mml.models.mixture_em e_step + m_step)")


def _gmm_monotone(case: Case, output: Any, function: Any) -> None:
    weights, means, covariances, _ = _gmm_output(output, case)
    before, _ = _log_likelihood(**case.inputs)
    try:
        after, _ = _log_likelihood(case.inputs["X"], weights, means, covariances)
    except Exception as error:  # noqa: BLE001  (a covariance that is not positive definite)
        expect(False, f"the new parameters have no likelihood: {error}")
    expect(
        after >= before - 1e-8 * abs(before),
        f"the log-likelihood fell from {before:.6g} to {after:.6g}",
    )


register_task(
    CodingTask(
        name="gmm_em_step",
        title="One EM iteration for a Gaussian mixture",
        statement=(
            "Write `gmm_em_step(X, weights, means, covariances)` doing one EM iteration for a"
            " Gaussian mixture with full covariances (MML book §11.3): the E-step's"
            " responsibilities $r_{nk}$ (eq. 11.17), then the M-step's $\\mu_k$, $\\Sigma_k$"
            " and $\\pi_k$ (eqs. 11.20, 11.30, 11.42). Also return the log-likelihood at the"
            " parameters passed in. No `numpy.linalg`: write the Gaussian log-density with"
            " your own Cholesky factor."
        ),
        solution=solutions.gmm_em_step,
        helpers=(cholesky_factor, solutions.gaussian_log_density),
        cases=_gmm_cases,
        properties=(
            Property("weights_sum_to_one", "π_k ≥ 0 and Σ_k π_k = 1", _gmm_weights),
            Property(
                "covariances_positive_definite",
                "each Σ_k is symmetric positive definite",
                _gmm_covariances,
            ),
            Property("log_likelihood", "the returned log-likelihood is right", _gmm_log_likelihood),
            Property("matches_mml_em", "the new parameters equal mml's EM step", _gmm_matches_mml),
            Property(
                "likelihood_does_not_decrease",
                "the log-likelihood does not decrease",
                _gmm_monotone,
            ),
        ),
        chapter=11,
    )
)


# ---------------------------------------------------------------- one k-means step


def _kmeans_cases(rng: np.random.Generator) -> list[Case]:
    cases = []
    for n, d, k in ((12, 2, 2), (30, 2, 3), (40, 3, 4)):
        centres = 4.0 * rng.standard_normal((k, d))
        X = centres[rng.integers(0, k, n)] + rng.standard_normal((n, d))
        start = X[rng.choice(n, k, replace=False)] + 0.5 * rng.standard_normal((k, d))
        cases.append(Case(f"N = {n} points in R^{d}, K = {k}", {"X": X, "centres": start}))
    X = rng.standard_normal((10, 2))
    far = np.array([[0.0, 0.0], [100.0, 100.0]])
    cases.append(
        Case(
            "a centre far from every point (its cluster is empty)",
            {"X": X, "centres": far},
            {"empty": 1},
        )
    )
    return cases


def _kmeans_output(output: Any, case: Case) -> tuple[np.ndarray, np.ndarray]:
    labels, centres = _tuple(output, 2, "a pair (labels, centres)")
    labels, centres = np.asarray(labels), np.asarray(centres, dtype=float)
    n, shape = len(case.inputs["X"]), case.inputs["centres"].shape
    expect(labels.shape == (n,), f"labels has shape {labels.shape}, expected ({n},)")
    expect(centres.shape == shape, f"centres has shape {centres.shape}, expected {shape}")
    expect(np.all(np.isfinite(centres)), "centres contains NaN or inf (an empty cluster?)")
    return labels.astype(int), centres


def _squared_distances(X: np.ndarray, centres: np.ndarray) -> np.ndarray:
    return ((X[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)


def _kmeans_assignment(case: Case, output: Any, function: Any) -> None:
    labels, _ = _kmeans_output(output, case)
    D = _squared_distances(case.inputs["X"], case.inputs["centres"])
    chosen = D[np.arange(len(labels)), np.clip(labels, 0, D.shape[1] - 1)]
    wrong = np.flatnonzero((chosen > D.min(axis=1) + 1e-9) | (labels < 0) | (labels >= D.shape[1]))
    expect(
        wrong.size == 0,
        f"point {wrong[0] if wrong.size else 0} is assigned to centre "
        f"{labels[wrong[0]] if wrong.size else 0}, but centre "
        f"{int(D[wrong[0]].argmin()) if wrong.size else 0} is nearer (assign with the old centres)",
    )


def _kmeans_means(case: Case, output: Any, function: Any) -> None:
    from mml.models import KMeans

    if case.extra.get("empty") is not None:
        return
    _, centres = _kmeans_output(output, case)
    start = case.inputs["centres"]
    model = KMeans(n_clusters=len(start), init=start, n_init=1, max_iter=1).fit(case.inputs["X"])
    expect_close(centres, model.cluster_centers_, "the new centres (vs mml.models.KMeans, 1 step)")


def _kmeans_empty(case: Case, output: Any, function: Any) -> None:
    k = case.extra.get("empty")
    if k is None:
        return
    _, centres = _kmeans_output(output, case)
    expect_close(centres[k], case.inputs["centres"][k], f"the empty cluster {k}'s centre (kept)")


def _kmeans_objective(case: Case, output: Any, function: Any) -> None:
    _, centres = _kmeans_output(output, case)
    X = case.inputs["X"]
    before = float(_squared_distances(X, case.inputs["centres"]).min(axis=1).sum())
    after = float(_squared_distances(X, centres).min(axis=1).sum())
    expect(
        after <= before + 1e-9 * before,
        f"the k-means objective rose from {before:.6g} to {after:.6g}",
    )


register_task(
    CodingTask(
        name="kmeans_step",
        title="One iteration of k-means",
        statement=(
            "Write `kmeans_step(X, centres)` doing one iteration of Lloyd's algorithm: assign"
            " each point to its nearest centre, then move each centre to the mean of its"
            " points (a centre with no points stays). Return the labels and the new centres."
        ),
        solution=solutions_models.kmeans_step,
        cases=_kmeans_cases,
        properties=(
            Property("assignment", "each point goes to its nearest centre", _kmeans_assignment),
            Property("centres_are_means", "new centres equal mml.models.KMeans's", _kmeans_means),
            Property("empty_cluster_kept", "an empty cluster's centre stays", _kmeans_empty),
            Property(
                "objective_does_not_increase", "Σ min ‖x − c‖² does not rise", _kmeans_objective
            ),
        ),
        chapter=11,
    )
)


# ---------------------------------------------------------------- PCA by power iteration


def _pca_cases(rng: np.random.Generator) -> list[Case]:
    from mml.linalg import qr

    cases = []
    for n, scales, k in (
        (40, [3.0, 1.0], 2),
        (60, [4.0, 2.0, 0.5], 1),
        (80, [5.0, 3.0, 1.5, 0.5], 2),
        (100, [6.0, 4.0, 2.5, 1.0, 0.3], 3),
    ):
        d = len(scales)
        Q = qr(rng.standard_normal((d, d))).Q
        X = (rng.standard_normal((n, d)) * scales) @ Q.T + rng.standard_normal(d)
        cases.append(
            Case(f"N = {n} points in R^{d}, {k} component(s)", {"X": X, "n_components": k})
        )
    return cases


def _pca_output(output: Any, case: Case) -> tuple[np.ndarray, np.ndarray]:
    components, variance = _tuple(output, 2, "a pair (components, explained_variance)")
    components, variance = np.asarray(components, dtype=float), np.asarray(variance, dtype=float)
    k, d = case.inputs["n_components"], case.inputs["X"].shape[1]
    expect(
        components.shape == (k, d), f"components has shape {components.shape}, expected ({k}, {d})"
    )
    expect(
        variance.shape == (k,), f"explained_variance has shape {variance.shape}, expected ({k},)"
    )
    return components, variance


def _pca_reference(case: Case) -> Any:
    from mml.models import PCA

    return PCA(n_components=case.inputs["n_components"]).fit(case.inputs["X"])


def _pca_orthonormal(case: Case, output: Any, function: Any) -> None:
    components, _ = _pca_output(output, case)
    gram = components @ components.T
    expect_close(gram, np.eye(len(gram)), "components @ componentsᵀ (orthonormal rows)", atol=1e-6)


def _pca_variance(case: Case, output: Any, function: Any) -> None:
    _, variance = _pca_output(output, case)
    expected = _pca_reference(case).explained_variance_
    expect_close(variance, expected, "the explained variance (vs mml.models.PCA, divisor N − 1)")


def _pca_components(case: Case, output: Any, function: Any) -> None:
    components, _ = _pca_output(output, case)
    expected = _pca_reference(case).components_
    signs = np.where(np.sum(expected * components, axis=1) < 0, -1.0, 1.0)
    expect_close(
        components,
        expected * signs[:, None],
        "the components (vs mml.models.PCA, up to sign)",
        atol=1e-6,
    )


register_task(
    CodingTask(
        name="pca",
        title="PCA by power iteration",
        statement=(
            "Write `pca(X, n_components)` returning the principal directions (as rows) and"
            " their variances (MML book §10.2–10.4): centre the data, form the covariance"
            " $S = X_c^\\top X_c/(N-1)$, and find its top eigenvectors one at a time by power"
            " iteration, deflating $S \\leftarrow S - \\lambda v v^\\top$ after each. No"
            " `numpy.linalg`."
        ),
        solution=solutions_models.pca,
        helpers=(power_iteration,),
        cases=_pca_cases,
        properties=(
            Property("orthonormal", "the components are orthonormal", _pca_orthonormal),
            Property("explained_variance", "the variances equal mml.models.PCA's", _pca_variance),
            Property(
                "components_match_mml_pca",
                "the components equal mml.models.PCA's up to sign",
                _pca_components,
            ),
        ),
        chapter=10,
    )
)
