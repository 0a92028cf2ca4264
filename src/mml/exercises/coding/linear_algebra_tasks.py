"""Coding tasks of chapters 2–4 and 9: ``rref``, ``gram_schmidt``, ``power_iteration``,
``normal_equations``.

Each task's inputs are seeded; its properties compare the student's output with ``mml``'s
own implementation (``mml.exact.rref``, ``mml.linalg.qr``, ``mml.linalg.eigh``,
``mml.models.LinearRegression``) and with the invariants a right answer must satisfy.

Examples
--------
>>> from mml.exercises.coding.grading import TASKS, grade
>>> from mml.exercises.coding.solutions_linear_algebra import gram_schmidt
>>> grade(TASKS["gram_schmidt"], gram_schmidt).passed
True
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.exercises.coding import solutions_linear_algebra as solutions
from mml.exercises.coding.grading import (
    Case,
    CodingTask,
    Property,
    expect,
    expect_close,
    register_task,
)

__all__: list[str] = []


def _pair(output: Any, what: str) -> tuple[Any, Any]:
    expect(
        isinstance(output, tuple | list) and len(output) == 2,
        f"expected a pair {what}, got {type(output).__name__}",
    )
    return output[0], output[1]


# ---------------------------------------------------------------- rref (§2.3)


def _rref_cases(rng: np.random.Generator) -> list[Case]:
    cases = [
        Case(
            "a 3×3 matrix whose first entry is 0 (needs a row swap)",
            {"A": np.array([[0.0, 2.0, 4.0], [1.0, 1.0, 1.0], [2.0, 0.0, 3.0]])},
        ),
        Case(
            "a 3×4 matrix of rank 2 with a zero first column",
            {"A": np.array([[0.0, 1.0, 2.0, 3.0], [0.0, 2.0, 4.0, 7.0], [0.0, 1.0, 2.0, 4.0]])},
        ),
    ]
    for m, n, r in ((3, 3, 3), (3, 4, 2), (4, 3, 2), (2, 5, 2), (4, 4, 3)):
        B = rng.integers(-3, 4, size=(m, r))
        C = rng.integers(-3, 4, size=(r, n))
        cases.append(Case(f"a random {m}×{n} integer matrix of rank ≤ {r}", {"A": (B @ C) * 1.0}))
    return cases


def _exact_rref(A: np.ndarray) -> tuple[np.ndarray, list[int]]:
    from mml.exact import rref

    result = rref(np.rint(A).astype(int).tolist(), steps=False)
    return result.matrix.to_numpy(), list(result.pivots)


def _rref_output(output: Any, A: np.ndarray) -> tuple[np.ndarray, list[int]]:
    R, pivots = _pair(output, "(R, pivots)")
    R = np.asarray(R, dtype=float)
    expect(R.shape == A.shape, f"R has shape {R.shape}, expected {A.shape} (the shape of A)")
    return R, [int(p) for p in pivots]


def _rref_pivots(case: Case, output: Any, function: Any) -> None:
    A = case.inputs["A"]
    _, pivots = _rref_output(output, A)
    expected = _exact_rref(A)[1]
    expect(
        pivots == expected,
        f"pivot columns are {pivots}, expected {expected} (0-based column indices)",
    )


def _rref_leading_ones(case: Case, output: Any, function: Any) -> None:
    R, pivots = _rref_output(output, case.inputs["A"])
    for i, p in enumerate(pivots[: R.shape[0]]):
        expect(
            0 <= p < R.shape[1] and abs(R[i, p] - 1.0) < 1e-8,
            f"the pivot of row {i} (column {p}) is {R[i, p] if 0 <= p < R.shape[1] else '—'},"
            " expected 1: divide each pivot row by its pivot",
        )


def _rref_columns_cleared(case: Case, output: Any, function: Any) -> None:
    R, pivots = _rref_output(output, case.inputs["A"])
    for i, p in enumerate(pivots[: R.shape[0]]):
        others = np.delete(R[:, p], i)
        expect(
            np.all(np.abs(others) < 1e-8),
            f"pivot column {p} has nonzero entries besides row {i}: {R[:, p].round(6).tolist()}"
            " (eliminate above the pivot as well as below)",
        )


def _rref_zero_rows_last(case: Case, output: Any, function: Any) -> None:
    R, pivots = _rref_output(output, case.inputs["A"])
    rest = R[len(pivots) :]
    expect(
        np.all(np.abs(rest) < 1e-8),
        f"rows {len(pivots)} and below should be zero (rank {len(pivots)}), got "
        f"{rest.round(6).tolist()}",
    )


def _rref_matches_exact(case: Case, output: Any, function: Any) -> None:
    R, _ = _rref_output(output, case.inputs["A"])
    expect_close(R, _exact_rref(case.inputs["A"])[0], "R (vs mml.exact.rref)")


register_task(
    CodingTask(
        name="rref",
        title="Reduced row echelon form",
        statement=(
            "Write `rref(A)` returning the reduced row echelon form $R$ of a matrix $A$ and the"
            " list of its pivot columns (0-based), by Gauss–Jordan elimination (MML book"
            " §2.3). In $R$ every pivot is 1, it is the only nonzero entry of its column, and"
            " zero rows come last. Use NumPy arrays and arithmetic only."
        ),
        solution=solutions.rref,
        cases=_rref_cases,
        properties=(
            Property("pivots", "the pivot columns are those of mml.exact.rref", _rref_pivots),
            Property("leading_ones", "every pivot equals 1", _rref_leading_ones),
            Property(
                "pivot_columns_cleared",
                "a pivot is the only nonzero entry of its column",
                _rref_columns_cleared,
            ),
            Property("zero_rows_last", "rows past the rank are zero", _rref_zero_rows_last),
            Property(
                "matches_mml_exact", "R equals mml.exact.rref(A) (exact)", _rref_matches_exact
            ),
        ),
        chapter=2,
    )
)


# ---------------------------------------------------------------- gram_schmidt (§3.8)


def _gram_schmidt_cases(rng: np.random.Generator) -> list[Case]:
    cases = [
        Case("the 2×2 example [[3, 1], [4, 1]]", {"A": np.array([[3.0, 1.0], [4.0, 1.0]])}),
        Case(
            "3 integer vectors in R³",
            {"A": np.array([[1.0, 1.0, 0.0], [1.0, 0.0, 1.0], [0.0, 1.0, 1.0]])},
        ),
    ]
    for m, k in ((4, 2), (5, 3), (6, 4), (3, 3)):
        cases.append(Case(f"{k} random vectors in R^{m}", {"A": rng.standard_normal((m, k))}))
    return cases


def _q_output(output: Any, A: np.ndarray) -> np.ndarray:
    Q = np.asarray(output, dtype=float)
    expect(Q.shape == A.shape, f"Q has shape {Q.shape}, expected {A.shape} (one column per a_k)")
    expect(np.all(np.isfinite(Q)), "Q contains NaN or inf")
    return Q


def _gs_orthonormal(case: Case, output: Any, function: Any) -> None:
    Q = _q_output(output, case.inputs["A"])
    gram = Q.T @ Q
    k = gram.shape[0]
    for j in range(k):
        expect(
            abs(gram[j, j] - 1.0) < 1e-8,
            f"column {j} of Q has length {np.sqrt(max(gram[j, j], 0.0)):.6g}, expected 1"
            " (normalise each u_k)",
        )
    off = np.abs(gram - np.diag(np.diag(gram)))
    i, j = np.unravel_index(int(np.argmax(off)), off.shape)
    expect(off[i, j] < 1e-8, f"columns {i} and {j} of Q have q_iᵀq_j = {gram[i, j]:.6g}, not 0")


def _gs_same_span(case: Case, output: Any, function: Any) -> None:
    A = case.inputs["A"]
    Q = _q_output(output, A)
    # A = Q R with R = Qᵀ A: the projection of A onto span(Q) must give A back
    expect_close(Q @ (Q.T @ A), A, "Q Qᵀ A (the projection of A onto span Q)", atol=1e-8)


def _gs_same_order(case: Case, output: Any, function: Any) -> None:
    A = case.inputs["A"]
    Q = _q_output(output, A)
    R = Q.T @ A
    below = np.abs(np.tril(R, -1))
    i, j = np.unravel_index(int(np.argmax(below)), below.shape)
    expect(
        below[i, j] < 1e-8,
        f"QᵀA is not upper triangular: entry ({i}, {j}) is {R[i, j]:.6g}; q_{i} must be"
        f" orthogonal to a_{j} (keep the columns in their order)",
    )


def _gs_matches_qr(case: Case, output: Any, function: Any) -> None:
    from mml.linalg import qr

    A = case.inputs["A"]
    Q = _q_output(output, A)
    reference = qr(A, mode="reduced").Q
    signs = np.where(np.sum(reference * Q, axis=0) < 0, -1.0, 1.0)
    expect_close(Q, reference * signs, "Q (vs mml.linalg.qr, up to column signs)")


register_task(
    CodingTask(
        name="gram_schmidt",
        title="Gram–Schmidt orthonormalisation",
        statement=(
            "Write `gram_schmidt(A)` returning a matrix $Q$ whose columns are an orthonormal"
            " basis of the span of the columns of $A$, by the Gram–Schmidt process (MML book"
            " §3.8.3): $u_k = a_k - \\sum_{j<k} (q_j^\\top a_k) q_j$, $q_k = u_k/\\lVert u_k"
            " \\rVert$. Keep the order: the first $j$ columns of $Q$ span the first $j$ of $A$."
            " Use NumPy arrays and arithmetic only (no `numpy.linalg`)."
        ),
        solution=solutions.gram_schmidt,
        cases=_gram_schmidt_cases,
        properties=(
            Property("orthonormal", "QᵀQ = I", _gs_orthonormal),
            Property("same_span", "span Q = span A (Q Qᵀ A = A)", _gs_same_span),
            Property("same_order", "QᵀA is upper triangular", _gs_same_order),
            Property("matches_mml_qr", "Q equals mml.linalg.qr's Q up to signs", _gs_matches_qr),
        ),
        chapter=3,
    )
)


# ---------------------------------------------------------------- power_iteration (§4.2)


def _power_cases(rng: np.random.Generator) -> list[Case]:
    from mml.linalg import qr

    cases = [Case("the 2×2 matrix [[2, 1], [1, 2]]", {"A": np.array([[2.0, 1.0], [1.0, 2.0]])})]
    for n, sign in ((3, 1.0), (4, -1.0), (5, 1.0), (3, -1.0)):
        Q = qr(rng.standard_normal((n, n))).Q
        values = rng.uniform(-1.0, 1.0, n)
        values[0] = sign * rng.uniform(3.0, 5.0)
        label = "negative" if sign < 0 else "positive"
        cases.append(
            Case(
                f"a random symmetric {n}×{n} matrix, dominant eigenvalue {label}",
                {"A": (Q * values) @ Q.T},
            )
        )
    return cases


def _power_output(output: Any, A: np.ndarray) -> tuple[float, np.ndarray]:
    value, vector = _pair(output, "(eigenvalue, eigenvector)")
    vector = np.asarray(vector, dtype=float).reshape(-1)
    expect(vector.shape == (A.shape[0],), f"the eigenvector has {vector.size} entries")
    expect(np.all(np.isfinite(vector)), "the eigenvector contains NaN or inf")
    return float(value), vector


def _power_unit(case: Case, output: Any, function: Any) -> None:
    _, v = _power_output(output, case.inputs["A"])
    length = float(np.sqrt(v @ v))
    expect(abs(length - 1.0) < 1e-6, f"the eigenvector has length {length:.6g}, expected 1")


def _power_eigen_equation(case: Case, output: Any, function: Any) -> None:
    A = case.inputs["A"]
    value, v = _power_output(output, A)
    v = v / np.sqrt(v @ v)
    residual = float(np.abs(A @ v - value * v).max())
    expect(residual < 1e-6, f"‖A v − λ v‖ = {residual:.3g} with λ = {value:.6g}: not an eigenpair")


def _power_dominant(case: Case, output: Any, function: Any) -> None:
    from mml.linalg import eigvalsh

    A = case.inputs["A"]
    value, _ = _power_output(output, A)
    values = eigvalsh(A)
    expected = float(values[np.argmax(np.abs(values))])
    expect(
        abs(value - expected) < 1e-6 * max(1.0, abs(expected)),
        f"eigenvalue {value:.6g}, expected the dominant one {expected:.6g} (mml.linalg.eigvalsh;"
        " its sign matters: use the Rayleigh quotient vᵀAv)",
    )


def _power_matches_eigh(case: Case, output: Any, function: Any) -> None:
    from mml.linalg import eigh

    A = case.inputs["A"]
    _, v = _power_output(output, A)
    values, vectors = eigh(A)
    expected = vectors[:, int(np.argmax(np.abs(values)))]
    expected = expected * (1.0 if expected @ v >= 0 else -1.0)
    expect_close(v, expected, "the eigenvector (vs mml.linalg.eigh, up to sign)", atol=1e-6)


register_task(
    CodingTask(
        name="power_iteration",
        title="Power iteration",
        statement=(
            "Write `power_iteration(A, num_iterations=1000, tol=1e-12)` returning the"
            " eigenvalue of largest absolute value of a symmetric matrix $A$ and a unit"
            " eigenvector for it (MML book §4.2): repeat $x \\leftarrow Ax/\\lVert Ax\\rVert$"
            " and estimate $\\lambda = x^\\top A x$. Use NumPy arrays and arithmetic only."
        ),
        solution=solutions.power_iteration,
        cases=_power_cases,
        properties=(
            Property("unit_length", "‖v‖ = 1", _power_unit),
            Property("eigen_equation", "A v = λ v", _power_eigen_equation),
            Property("dominant", "λ is the eigenvalue of largest |λ|", _power_dominant),
            Property(
                "matches_mml_eigh", "v equals mml.linalg.eigh's up to sign", _power_matches_eigh
            ),
        ),
        chapter=4,
    )
)


# ---------------------------------------------------------------- normal_equations (§9.2)


def _regression_cases(rng: np.random.Generator) -> list[Case]:
    cases = []
    for n, d, noise in ((6, 2, 0.0), (12, 3, 0.1), (20, 4, 0.5), (9, 1, 0.2), (30, 5, 1.0)):
        X = rng.standard_normal((n, d))
        theta = rng.integers(-3, 4, d) * 1.0
        y = X @ theta + noise * rng.standard_normal(n)
        label = f"N = {n}, D = {d}, " + ("no noise" if noise == 0 else f"noise {noise}")
        cases.append(Case(label, {"X": X, "y": y}, {"theta": theta, "noise": noise}))
    return cases


def _theta_output(output: Any, X: np.ndarray) -> np.ndarray:
    theta = np.asarray(output, dtype=float)
    expect(theta.shape == (X.shape[1],), f"θ has shape {theta.shape}, expected ({X.shape[1]},)")
    return theta


def _regression_normal_equations(case: Case, output: Any, function: Any) -> None:
    X, y = case.inputs["X"], case.inputs["y"]
    theta = _theta_output(output, X)
    gradient = X.T @ (y - X @ theta)
    scale = np.abs(X.T @ y).max() + 1.0
    expect(
        np.abs(gradient).max() < 1e-8 * scale,
        f"Xᵀ(y − Xθ) = {gradient.round(6).tolist()}, expected 0 (the residual must be"
        " orthogonal to the columns of X)",
    )


def _regression_matches_mml(case: Case, output: Any, function: Any) -> None:
    from mml.models import LinearRegression

    X, y = case.inputs["X"], case.inputs["y"]
    theta = _theta_output(output, X)
    expected = LinearRegression(fit_intercept=False).fit(X, y).coef_
    expect_close(theta, expected, "θ (vs mml.models.LinearRegression(fit_intercept=False))")


def _regression_recovers(case: Case, output: Any, function: Any) -> None:
    if case.extra["noise"] != 0:
        return
    theta = _theta_output(output, case.inputs["X"])
    expect_close(theta, case.extra["theta"], "θ on noiseless data (vs the true θ)")


register_task(
    CodingTask(
        name="normal_equations",
        title="Linear regression by the normal equations",
        statement=(
            "Write `normal_equations(X, y)` returning the least-squares parameters $\\theta$"
            " of $y \\approx X\\theta$ by solving the normal equations"
            " $X^\\top X\\theta = X^\\top y$ (MML book §9.2, eq. 9.12) without"
            " `numpy.linalg`: factor $X^\\top X$ by Cholesky and substitute twice."
        ),
        solution=solutions.normal_equations,
        helpers=(solutions.cholesky_factor, solutions.cholesky_solve),
        cases=_regression_cases,
        properties=(
            Property("normal_equations_hold", "Xᵀ(y − Xθ) = 0", _regression_normal_equations),
            Property(
                "matches_mml_linear_regression",
                "θ equals mml.models.LinearRegression's coef_",
                _regression_matches_mml,
            ),
            Property("recovers_noiseless", "θ is exact on noiseless data", _regression_recovers),
        ),
        chapter=9,
    )
)
