"""Build the chapter notebooks (ch02 … ch12) from the cells written below.

Run ``python notebooks/build_notebooks.py`` after changing a cell; it rewrites every
``notebooks/chNN_*.ipynb`` with its outputs cleared. Each notebook mixes the Paper side
(exact worked solutions) and the Code side (from-scratch NumPy, compared with NumPy itself),
and ends with exercises checked by ``mml.exercises``. They run in ``make test`` (nbmake).
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import nbformat
import nbformat.v4 as nbf

HERE = Path(__file__).resolve().parent


def setup_cell(cells: list[tuple[str, str]]) -> str:
    """Imports for the notebook: only the ``mml`` names its cells use (ruff-clean)."""
    body = "\n".join(text for kind, text in cells if kind == "code")
    names = [name for name in ("exact", "exercises") if f"{name}." in body]
    lines = ["import numpy as np", "from IPython.display import Markdown, display", ""]
    if "mml." in body.replace("from mml.", "").replace("import mml.", ""):
        lines.append("import mml")
    if names:
        lines.append(f"from mml import {', '.join(names)}")
    lines += [
        "",
        "",
        "def show(derivation):",
        '    """Render a worked solution (an mml Derivation) as Markdown with LaTeX."""',
        '    display(Markdown(derivation.render("markdown")))',
    ]
    return "\n".join(lines)


def md(text: str) -> tuple[str, str]:
    return ("markdown", textwrap.dedent(text).strip())


def code(text: str) -> tuple[str, str]:
    return ("code", textwrap.dedent(text).strip())


def exercise_cells(kind: str, seed: int, wrong: str) -> list[tuple[str, str]]:
    """Generate an exercise, check the stored answer and a wrong one, show the solution."""
    return [
        code(
            f"""
            ex = exercises.generate("{kind}", seed={seed}, difficulty=1)
            display(Markdown(ex.render("markdown")))
            """
        ),
        md(
            """
            Work it on paper, then type your answer in the cell below (replace
            `ex.answer_text` by your own text). The check reads the answer by its meaning,
            not its spelling.
            """
        ),
        code(
            f"""
            answer = ex.answer_text  # ← your answer here, as text
            print(exercises.check(ex, answer))
            print(exercises.check(ex, {json.dumps(wrong)}))  # a wrong answer gets a hint
            """
        ),
        code('display(Markdown(ex.render("markdown", with_solution=True)))'),
    ]


def coding_cells(task: str, attempt: str) -> list[tuple[str, str]]:
    """Show a coding task's statement and stub, and grade a first (flawed) attempt."""
    return [
        md(
            f"""
            ### Coding exercise: `{task}`

            The hidden tests compare your function with `mml`'s own implementation and with
            invariants on seeded random inputs. `numpy.linalg`, SciPy, scikit-learn and
            PyTorch are not allowed inside it. Here is the statement and the stub; below, a
            first attempt with a bug, and what the check says about it. Replace it with your
            own and rerun.
            """
        ),
        code(
            f"""
            from mml.exercises import coding

            display(Markdown(coding.statement("{task}")))
            print(coding.stub("{task}"))
            """
        ),
        code(attempt),
        code(f'print(coding.check("{task}", {task}))'),
    ]


CHAPTERS: dict[str, tuple[str, list[tuple[str, str]]]] = {}


def chapter(filename: str, title: str, cells: list[tuple[str, str]]) -> None:
    CHAPTERS[filename] = (title, cells)


# ------------------------------------------------------------------------- chapter 2
chapter(
    "ch02_linear_algebra",
    "Chapter 2: Linear Algebra",
    [
        md(
            """
            ## Paper: a system of linear equations, exactly

            `mml.solve` runs Gaussian elimination over fractions and records every row
            operation (MML book §2.3).
            """
        ),
        code(
            """
            solution = mml.solve("2x + 4y - z = 5; 7x - 2y + 3z = 6; 9x + 2y + 2z = 11")
            print(solution.kind, solution.summary())
            show(solution.steps)
            """
        ),
        code(
            """
            line = mml.solve("x + 2y - z = 1; 2x + 4y + z = 5")  # infinitely many solutions
            print(line.summary())
            """
        ),
        code(
            """
            R = exact.rref("1 2 3; 4 5 6; 7 8 10")
            print(R.matrix, "pivots:", R.pivots)
            print(exact.inverse("2 1; 1 1").value)
            print("rank:", exact.rank("1 2; 2 4"))
            print("null space basis:", exact.null_space("1 2 3; 2 4 6"))
            """
        ),
        md(
            """
            ## Code: the same solve on floating-point arrays

            `mml.linalg.solve` is LU with partial pivoting, written on NumPy arrays; it
            agrees with `numpy.linalg.solve` to rounding.
            """
        ),
        code(
            """
            from mml import linalg

            rng = np.random.default_rng(0)
            A, b = rng.standard_normal((200, 200)), rng.standard_normal(200)
            x = linalg.solve(A, b)
            print("max |x − numpy| =", np.abs(x - np.linalg.solve(A, b)).max())
            print("residual ‖Ax − b‖ =", np.linalg.norm(A @ x - b))
            print("det agrees:", np.isclose(linalg.det(A[:5, :5]), np.linalg.det(A[:5, :5])))
            """
        ),
        md("## Exercises"),
        *exercise_cells("linear_system.unique", 7, "(0, 0)"),
        *exercise_cells("rref", 3, "[[1, 0], [0, 1]]"),
        *coding_cells(
            "rref",
            """
            def rref(A, tol=1e-10):
                # First attempt: eliminates and finds pivots, but forgets to scale pivots to 1.
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
                            R[other] -= R[other, col] / R[row, col] * R[row]
                    pivots.append(col)
                    row += 1
                return R, pivots
            """,
        ),
    ],
)

# ------------------------------------------------------------------------- chapter 3
chapter(
    "ch03_analytic_geometry",
    "Chapter 3: Analytic Geometry",
    [
        md(
            """
            ## Paper: lengths, angles, orthonormal bases and projections

            Inner products, angles and Gram–Schmidt over exact numbers, with surds such as
            √6 kept exact (MML book §3.1–3.8).
            """
        ),
        code(
            """
            print(exact.inner_product((1, 2), (3, 4)).value, exact.length((3, 4)).value)
            angle = exact.angle((1, 0), (1, 1))
            show(angle.steps)
            """
        ),
        code(
            """
            basis = exact.gram_schmidt([(1, 1, 0), (1, 0, 1)], normalise=True)
            print([str(q) for q in basis.orthonormal])
            projection = exact.project((6, 0, 0), [(1, 1, 1), (0, 1, 2)])
            print("projection:", projection.point, " distance:", projection.distance)
            show(projection.steps)
            """
        ),
        md(
            """
            ## Code: QR and norms on arrays

            `mml.linalg.qr` (Householder) gives an orthonormal basis of the column space, as
            Gram–Schmidt does, up to the signs of the columns; compare with NumPy.
            """
        ),
        code(
            """
            from mml import linalg

            rng = np.random.default_rng(1)
            A = rng.standard_normal((6, 3))
            Q, R = linalg.qr(A)
            print("QᵀQ = I:", np.allclose(Q.T @ Q, np.eye(3)), " A = QR:", np.allclose(Q @ R, A))
            Q_np, _ = np.linalg.qr(A)
            print("same Q up to signs:", np.allclose(np.abs(Q), np.abs(Q_np)))
            print("norms:", linalg.norm(A), np.linalg.norm(A))
            """
        ),
        md("## Exercises"),
        *exercise_cells("gram_schmidt", 2, "(1, 0, 0), (0, 1, 0)"),
        *exercise_cells("projection.onto_line", 4, "(0, 0)"),
        *coding_cells(
            "gram_schmidt",
            """
            def gram_schmidt(A):
                # First attempt: normalises every column but never removes the projections.
                A = np.array(A, dtype=float)
                return A / np.sqrt((A * A).sum(axis=0))
            """,
        ),
    ],
)

# ------------------------------------------------------------------------- chapter 4
chapter(
    "ch04_matrix_decompositions",
    "Chapter 4: Matrix Decompositions",
    [
        md(
            """
            ## Paper: determinants, eigenvalues, diagonalisation, Cholesky, SVD

            Every decomposition by hand, exactly (MML book §4.1–4.6).
            """
        ),
        code(
            """
            print("det:", exact.det([[2, 0, 1], [1, 3, 2], [1, 1, 2]]).value)
            print("p(λ) =", exact.characteristic_polynomial("4 2; 1 3").value)
            diagonal = exact.diagonalise("4 2; 1 3")
            print(diagonal.P, diagonal.D, sep="\\n")
            show(diagonal.steps)
            """
        ),
        code(
            """
            print(exact.diagonalise("1 1; 0 1").reason)  # a defective matrix
            print(exact.cholesky("4 2; 2 5").L)
            svd = exact.svd("3 2 2; 2 3 -2")
            print("singular values:", [str(s) for s in svd.singular_values])
            """
        ),
        md(
            """
            ## Code: eigh, svd and cholesky on arrays

            From-scratch symmetric eigensolver, SVD and Cholesky, checked against NumPy.
            """
        ),
        code(
            """
            from mml import linalg

            rng = np.random.default_rng(2)
            B = rng.standard_normal((50, 50))
            S = B @ B.T + 50 * np.eye(50)
            values, vectors = linalg.eigh(S)
            print("eigenvalues match NumPy:", np.allclose(values, np.linalg.eigvalsh(S)))
            print("S V = V Λ:", np.allclose(S @ vectors, vectors * values))
            s, s_np = linalg.svd(B, compute_uv=False), np.linalg.svd(B, compute_uv=False)
            print("singular values match:", np.allclose(s, s_np))
            L = linalg.cholesky(S)
            print("cholesky matches:", np.allclose(L, np.linalg.cholesky(S)))
            """
        ),
        md("## Exercises"),
        *exercise_cells("eigen.values", 5, "1, 2"),
        *exercise_cells("determinant.cofactor", 1, "0"),
        *coding_cells(
            "power_iteration",
            """
            def power_iteration(A, num_iterations=1000, tol=1e-12):
                # First attempt: the eigenvalue estimate ‖Ax‖ loses the eigenvalue's sign.
                x = np.ones(A.shape[0])
                for _ in range(num_iterations):
                    y = A @ x
                    x = y / np.sqrt(y @ y)
                return float(np.sqrt((A @ x) @ (A @ x))), x
            """,
        ),
    ],
)

# ------------------------------------------------------------------------- chapter 5
chapter(
    "ch05_vector_calculus",
    "Chapter 5: Vector Calculus",
    [
        md(
            """
            ## Paper: derivatives with named rules, gradients, Jacobians, backprop by hand

            Every rule applied is a step (MML book §5.1–5.6).
            """
        ),
        code(
            """
            from mml import calculus

            d = calculus.differentiate("x^2 * sin(x)", "x")
            print(d.text)
            show(d.steps)
            """
        ),
        code(
            """
            print(calculus.gradient("x^2*y + exp(x*y)", ["x", "y"]).value)
            print(calculus.jacobian("x*y, x + y^2", ["x", "y"]).value)
            print(calculus.taylor_polynomial("exp(x)", 0, 3).text)
            """
        ),
        code(
            """
            # The example graph of MML book §5.6, forward values and backward adjoints at x = 1
            trace = calculus.backprop_trace("sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))", {"x": 1})
            show(trace.steps)
            """
        ),
        md(
            """
            ## Code: reverse-mode automatic differentiation

            `mml.autodiff.grad` on the same function, compared with a central difference.
            """
        ),
        code(
            """
            import mml.autodiff.numpy as anp
            from mml.autodiff import check_grads, grad


            def f(x):
                return anp.sqrt(x**2 + anp.exp(x**2)) + anp.cos(x**2 + anp.exp(x**2))


            h = 1e-6
            print("autodiff:", float(grad(f)(1.0)))
            print("finite difference:", float((f(1.0 + h) - f(1.0 - h)) / (2 * h)))
            check_grads(lambda W: anp.sum(anp.tanh(W @ np.ones(3)) ** 2), np.eye(3) * 0.5)
            print("check_grads passed (both modes vs finite differences)")
            """
        ),
        md("## Exercises"),
        *exercise_cells("derivative.rules", 3, "0"),
        *exercise_cells("gradient.partial", 2, "(0, 0)"),
        *coding_cells(
            "backprop_mlp",
            """
            def backprop_mlp(params, X, Y):
                # First attempt: the derivative of tanh is 1 − tanh², not 1 + tanh².
                W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
                n = X.shape[0]
                H = np.tanh(X @ W1 + b1)
                F = H @ W2 + b2
                loss = 0.5 * ((F - Y) ** 2).sum() / n
                dF = (F - Y) / n
                dZ = (dF @ W2.T) * (1.0 + H**2)
                return loss, {"W1": X.T @ dZ, "b1": dZ.sum(0), "W2": H.T @ dF, "b2": dF.sum(0)}
            """,
        ),
    ],
)

# ------------------------------------------------------------------------- chapter 6
chapter(
    "ch06_probability",
    "Chapter 6: Probability and Distributions",
    [
        md(
            """
            ## Paper: sum rule, product rule, Bayes' theorem, Gaussians, conjugacy

            Exact fractions throughout (MML book §6.1–6.6).
            """
        ),
        code(
            """
            from mml.probability.bayes import diagnostic_test
            from mml.probability.joint_table import JointTable

            test = diagnostic_test(prior="0.01", sensitivity="0.95", specificity="0.9")
            print("p(disease | positive) =", test.posterior["disease"])
            show(test.steps)
            table = JointTable(
                "1/8 1/8; 1/4 1/2",
                rows=("rain", "dry"),
                columns=("late", "on time"),
                row_variable="W",
                column_variable="T",
            )
            print(table.marginal("W").value, table.conditional("T", given="rain").value)
            """
        ),
        code(
            """
            from mml.probability.conjugate_updates import beta_binomial_update
            from mml.probability.gaussian_algebra import gaussian_conditional

            conditional = gaussian_conditional([0, 0], "2 1; 1 2", given=[1], values=[1])
            print("mean:", conditional.mean, " covariance:", conditional.covariance.tolist())
            show(conditional.steps)
            print("posterior:", beta_binomial_update(2, 2, successes=7, trials=10).value)
            """
        ),
        md(
            """
            ## Code: distributions on arrays

            Densities, CDFs and sampling written from scratch, compared with closed forms
            and with sample statistics.
            """
        ),
        code(
            """
            from mml.probability import MultivariateNormal, Normal

            normal = Normal(1.0, 2.0)
            x = np.linspace(-3, 5, 5)
            by_hand = np.exp(-((x - 1.0) ** 2) / 8) / np.sqrt(8 * np.pi)
            print("pdf matches the formula:", np.allclose(normal.pdf(x), by_hand))
            print("cdf(1) =", float(normal.cdf(1.0)))
            mvn = MultivariateNormal(np.zeros(2), np.array([[2.0, 1.0], [1.0, 2.0]]))
            samples = mvn.sample(20000, random_state=0)
            print("sample covariance ≈ Σ:", np.cov(samples.T).round(2).tolist())
            """
        ),
        md("## Exercises"),
        *exercise_cells("bayes.two_events", 1, "1/2"),
        *exercise_cells("gaussian.conditional", 2, "0"),
        *coding_cells(
            "gaussian_conditional",
            """
            def gaussian_conditional(mean, cov, given, values):
                # First attempt: adds the correction to the covariance instead of subtracting it.
                a = [i for i in range(len(mean)) if i not in given]
                S_ab, S_bb = cov[np.ix_(a, given)], cov[np.ix_(given, given)]
                if len(given) == 1:
                    gain = S_ab / S_bb[0, 0]
                else:  # Σ_bb⁻¹ by Gauss–Jordan on [Σ_bb | I]
                    M = np.hstack([S_bb, np.eye(len(given))])
                    for j in range(len(given)):
                        M[j] /= M[j, j]
                        for i in range(len(given)):
                            if i != j:
                                M[i] -= M[i, j] * M[j]
                    gain = S_ab @ M[:, len(given) :]
                mu = mean[a] + gain @ (values - mean[given])
                return mu, cov[np.ix_(a, a)] + gain @ S_ab.T
            """,
        ),
    ],
)

# ------------------------------------------------------------------------- chapter 7
chapter(
    "ch07_optimization",
    "Chapter 7: Continuous Optimization",
    [
        md(
            """
            ## Paper: gradient descent, Lagrange multipliers and the simplex method, exactly

            MML book §7.1–7.3.
            """
        ),
        code(
            """
            from mml.optim.gradient_descent_table import gradient_descent_table
            from mml.optim.lagrange import lagrange
            from mml.optim.simplex_tableaux import simplex_tableaux

            table = gradient_descent_table("2 0; 0 1", [1, 1], [0, 0], "1/4", iterations=3)
            show(table.steps)
            print(lagrange("x^2 + y^2", "x + y = 1").value)
            """
        ),
        code(
            """
            lp = simplex_tableaux([-1, -1], A_ub=[[1, 2], [3, 1]], b_ub=[4, 6])
            print(lp.value)
            """
        ),
        md(
            """
            ## Code: minimize, linprog and optimisers on arrays

            The same problems in floating point; the quadratic's minimiser is
            `A⁻¹ b`, which NumPy gives directly.
            """
        ),
        code(
            """
            from mml.optim import linprog, minimize

            A, b = np.array([[2.0, 0.0], [0.0, 1.0]]), np.array([1.0, 1.0])
            result = minimize(lambda x: 0.5 * x @ A @ x - b @ x, np.zeros(2))
            print("minimize:", result.x.round(6), " NumPy A⁻¹b:", np.linalg.solve(A, b))
            lp = linprog([-1, -1], A_ub=[[1, 2], [3, 1]], b_ub=[4, 6])
            print("linprog:", lp.x.round(6), lp.fun)
            """
        ),
        md("## Exercises"),
        *exercise_cells("gradient_descent.steps", 1, "(0, 0)"),
        *exercise_cells("lagrange.equality", 2, "(0, 0)"),
        *coding_cells(
            "gradient_descent",
            """
            def gradient_descent(A, b, x0, max_iter=500, tol=1e-10):
                # First attempt: a fixed step size of 0.1 and no line search.
                x = np.array(x0, dtype=float)
                values = [float(0.5 * x @ A @ x - b @ x)]
                for _ in range(max_iter):
                    x = x - 0.1 * (A @ x - b)
                    values.append(float(0.5 * x @ A @ x - b @ x))
                return x, values
            """,
        ),
    ],
)

# ------------------------------------------------------------------------- chapter 8
chapter(
    "ch08_models_meet_data",
    "Chapter 8: When Models Meet Data",
    [
        md(
            """
            ## Paper: empirical risk, maximum likelihood, cross-validation folds

            MML book §8.2–8.3: the maximum-likelihood estimate in closed form, and the exact
            summary statistics of a small data set.
            """
        ),
        code(
            """
            from mml.probability.worked_statistics import summary_statistics

            stats = summary_statistics([[1, 2], [3, 4], [5, 9]])
            print("mean:", stats.mean, " covariance:", stats.covariance.tolist())
            """
        ),
        md(
            """
            ## Code: standardising, k-fold cross-validation and maximum likelihood on arrays
            """
        ),
        code(
            """
            from mml.model_selection import KFold, cross_val_score
            from mml.models import Ridge
            from mml.preprocessing import StandardScaler
            from mml.probability import Normal, fit_mle

            rng = np.random.default_rng(3)
            X = rng.standard_normal((60, 3)) * [1.0, 10.0, 100.0]
            y = X @ [1.0, 0.1, 0.01] + 0.1 * rng.standard_normal(60)
            Z = StandardScaler().fit_transform(X)
            print("standardised means ≈ 0:", Z.mean(axis=0).round(12), " stds:", Z.std(axis=0))
            scores = cross_val_score(Ridge(alpha=1.0), Z, y, cv=KFold(n_splits=5))
            print("5-fold R² scores:", np.round(scores, 3))
            data = rng.normal(2.0, 0.5, 500)
            fitted = fit_mle(Normal, data)
            print("MLE:", fitted, " NumPy mean/std:", data.mean(), data.std())
            """
        ),
        md("## Exercises"),
        *exercise_cells("data.standardise", 1, "(0, 0)"),
        *exercise_cells("mle.closed_form", 2, "0"),
        *coding_cells(
            "softmax_cross_entropy",
            """
            def softmax_cross_entropy(logits, labels):
                # First attempt: exp of raw logits overflows for large values.
                p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
                n = logits.shape[0]
                grad = p.copy()
                grad[np.arange(n), labels] -= 1
                return float(-np.log(p[np.arange(n), labels]).mean()), grad / n
            """,
        ),
    ],
)

# ------------------------------------------------------------------------- chapter 9
chapter(
    "ch09_linear_regression",
    "Chapter 9: Linear Regression",
    [
        md(
            """
            ## Paper: the normal equations, exactly

            The maximum-likelihood parameters solve `XᵀX θ = Xᵀy` (MML book §9.2).
            """
        ),
        code(
            """
            X = [[1, 0], [1, 1], [1, 2], [1, 3]]
            y = [1, 3, 4, 7]
            XtX = exact.Matrix(X).T @ exact.Matrix(X)
            Xty = exact.Matrix(X).T @ exact.Matrix([[v] for v in y])
            theta = mml.solve((XtX, [row[0] for row in Xty.tolist()]))
            print("θ =", [str(v) for v in theta.particular])
            show(theta.steps)
            """
        ),
        md(
            """
            ## Code: LinearRegression, Ridge and Bayesian linear regression

            Compared with NumPy's least squares.
            """
        ),
        code(
            """
            from mml.models import BayesianLinearRegression, LinearRegression

            rng = np.random.default_rng(4)
            X = rng.uniform(-3, 3, (40, 1))
            y = 0.5 - 1.5 * X[:, 0] + 0.3 * rng.standard_normal(40)
            model = LinearRegression().fit(X, y)
            design = np.hstack([np.ones((40, 1)), X])
            print("mml:", model.intercept_, model.coef_)
            print("NumPy lstsq:", np.linalg.lstsq(design, y, rcond=None)[0])
            bayes = BayesianLinearRegression().fit(X, y)
            mean, std = bayes.predict(np.array([[0.0], [3.0]]), return_std=True)
            print("posterior predictive mean and std:", mean.round(3), std.round(3))
            """
        ),
        md("## Exercises"),
        *exercise_cells("linear_regression.normal_equation", 1, "(0, 0)"),
        *coding_cells(
            "normal_equations",
            """
            def normal_equations(X, y):
                # First attempt: adds a ridge term by accident.
                M, v = X.T @ X + np.eye(X.shape[1]), X.T @ y
                L = np.zeros_like(M)
                for j in range(len(M)):
                    L[j, j] = np.sqrt(M[j, j] - L[j, :j] @ L[j, :j])
                    for i in range(j + 1, len(M)):
                        L[i, j] = (M[i, j] - L[i, :j] @ L[j, :j]) / L[j, j]
                z = np.zeros(len(M))
                for i in range(len(M)):
                    z[i] = (v[i] - L[i, :i] @ z[:i]) / L[i, i]
                theta = np.zeros(len(M))
                for i in reversed(range(len(M))):
                    theta[i] = (z[i] - L[i + 1 :, i] @ theta[i + 1 :]) / L[i, i]
                return theta
            """,
        ),
    ],
)

# ------------------------------------------------------------------------- chapter 10
chapter(
    "ch10_pca",
    "Chapter 10: Dimensionality Reduction with PCA",
    [
        md(
            """
            ## Paper: the first principal component of a small data set

            The principal directions are the eigenvectors of the data covariance matrix
            (MML book §10.2); here with exact numbers.
            """
        ),
        code(
            """
            from mml.probability.worked_statistics import summary_statistics

            stats = summary_statistics([[2, 0], [0, 2], [-2, 0], [0, -2], [1, 1], [-1, -1]])
            S = stats.covariance
            print(S)
            eigen = exact.eigenvectors(S)
            show(eigen.steps)
            """
        ),
        md(
            """
            ## Code: PCA on arrays

            `mml.models.PCA` against the SVD of the centred data in NumPy.
            """
        ),
        code(
            """
            from mml.models import PCA

            rng = np.random.default_rng(5)
            X = rng.standard_normal((200, 5)) @ rng.standard_normal((5, 5))
            pca = PCA(n_components=2).fit(X)
            _, s, Vt = np.linalg.svd(X - X.mean(axis=0), full_matrices=False)
            print("same directions up to sign:", np.allclose(np.abs(pca.components_), np.abs(Vt[:2])))
            print("explained variance:", pca.explained_variance_.round(4), (s[:2] ** 2 / 199).round(4))
            """
        ),
        md("## Exercises"),
        *exercise_cells("pca.first_component", 1, "(1, 0)"),
        *exercise_cells("power_iteration.steps", 2, "(1, 0)"),
        *coding_cells(
            "pca",
            """
            def pca(X, n_components):
                # First attempt: power iteration without deflation finds the same direction again.
                centred = X - X.mean(axis=0)
                S = centred.T @ centred / (len(X) - 1)
                v = np.ones(S.shape[0])
                for _ in range(2000):
                    v = S @ v
                    v = v / np.sqrt(v @ v)
                return np.array([v] * n_components), np.array([v @ S @ v] * n_components)
            """,
        ),
    ],
)

# ------------------------------------------------------------------------- chapter 11
chapter(
    "ch11_gmm",
    "Chapter 11: Density Estimation with Gaussian Mixture Models",
    [
        md(
            """
            ## Paper: responsibilities and one M-step, exactly

            MML book §11.2–11.3, on a handful of points.
            """
        ),
        code(
            """
            ex = exercises.generate("gmm.responsibilities", seed=1)
            display(Markdown(ex.render("markdown", with_solution=True)))
            """
        ),
        md(
            """
            ## Code: EM on arrays

            `mml.models.GaussianMixture` on two well-separated clusters; the log-likelihood
            never decreases from one EM iteration to the next.
            """
        ),
        code(
            """
            from mml.datasets import make_blobs
            from mml.models import GaussianMixture

            X, labels = make_blobs(n_samples=300, centers=[[-3, 0], [3, 1]], random_state=0)
            gmm = GaussianMixture(n_components=2, random_state=0).fit(X)
            print("weights:", gmm.weights_.round(3))
            print("means:", gmm.means_.round(2).tolist())
            print("mean log-likelihood:", round(gmm.score(X), 4), " converged:", gmm.converged_)
            """
        ),
        md("## Exercises"),
        *exercise_cells("gmm.m_step", 2, "0"),
        *coding_cells(
            "gmm_em_step",
            """
            from mml.exercises.coding.solutions_learning import gaussian_log_density


            def gmm_em_step(X, weights, means, covariances):
                # First attempt: forgets to divide N_k by N in the weights.
                logs = np.stack(
                    [
                        np.log(weights[k]) + gaussian_log_density(X, means[k], covariances[k])
                        for k in range(len(weights))
                    ],
                    axis=1,
                )
                top = logs.max(axis=1, keepdims=True)
                norm = top + np.log(np.exp(logs - top).sum(axis=1, keepdims=True))
                r = np.exp(logs - norm)
                nk = r.sum(axis=0)
                mu = r.T @ X / nk[:, None]
                cov = np.stack([(r[:, k, None] * (X - mu[k])).T @ (X - mu[k]) / nk[k] for k in range(len(nk))])
                return nk, mu, cov, float(norm.sum())
            """,
        ),
    ],
)

# ------------------------------------------------------------------------- chapter 12
chapter(
    "ch12_svm",
    "Chapter 12: Classification with Support Vector Machines",
    [
        md(
            """
            ## Paper: the margin and the hinge loss

            MML book §12.2, exactly.
            """
        ),
        code(
            """
            ex = exercises.generate("svm.margin", seed=1)
            display(Markdown(ex.render("markdown", with_solution=True)))
            """
        ),
        md(
            """
            ## Code: SVC by SMO, and the perceptron

            `mml.models.SVC` on separable data: every training point has margin
            `y (wᵀx + b) ≥ 1` up to tolerance, and the support vectors sit on it.
            """
        ),
        code(
            """
            from mml.datasets import make_blobs
            from mml.models import SVC, Perceptron

            X, labels = make_blobs(n_samples=80, centers=[[-2, -2], [2, 2]], random_state=1)
            y = np.where(labels == 1, 1.0, -1.0)
            svc = SVC(kernel="linear", C=100.0).fit(X, y)
            w = (svc.dual_coef_ @ svc.support_vectors_)[0]  # w = Σ αₙ yₙ xₙ (eq. 12.38)
            b = svc.intercept_[0]
            margins = y * (X @ w + b)
            print("smallest margin:", margins.min().round(4), " support vectors:", len(svc.support_))
            print("margin width 2/‖w‖ =", 2 / np.sqrt(w @ w))
            print("perceptron training accuracy:", Perceptron(random_state=0).fit(X, y).score(X, y))
            """
        ),
        md("## Exercises"),
        *exercise_cells("svm.hinge_loss", 1, "0"),
        *coding_cells(
            "hinge_loss",
            """
            def hinge_loss(w, b, X, y, C=1.0):
                # First attempt: the hinge term's gradient has the wrong sign.
                margins = y * (X @ w + b)
                active = margins < 1.0
                value = 0.5 * (w @ w) + C * np.maximum(0.0, 1.0 - margins).sum()
                return value, w + C * (y[active] @ X[active]), C * y[active].sum()
            """,
        ),
    ],
)


def build(filename: str, title: str, cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    """One notebook: the title, the shared setup cell, then the chapter's cells."""
    notebook = nbf.new_notebook()
    notebook.cells.append(
        nbf.new_markdown_cell(
            f"# {title}\n\nPart of the `mml` course notebooks (*Mathematics for Machine"
            " Learning*, Deisenroth, Faisal & Ong). **Paper** cells work exactly, with every"
            " step shown; **Code** cells run the from-scratch NumPy implementations and compare"
            " them with NumPy. In Colab, run `pip install mml` first."
        )
    )
    notebook.cells.append(nbf.new_code_cell(setup_cell(cells)))
    for kind, text in cells:
        make = nbf.new_markdown_cell if kind == "markdown" else nbf.new_code_cell
        notebook.cells.append(make(text))
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    notebook.metadata["language_info"] = {"name": "python"}
    for index, cell in enumerate(notebook.cells):  # stable ids: rebuilding changes nothing
        cell["id"] = f"{filename.split('_')[0]}-{index:02d}"
    return notebook


def main(output: Path = HERE) -> None:
    """Write every chapter notebook into ``output`` (this folder by default)."""
    for filename, (title, cells) in CHAPTERS.items():
        notebook = build(filename, title, cells)
        nbformat.validate(notebook)
        nbformat.write(notebook, output / f"{filename}.ipynb")
        print(f"wrote {filename}.ipynb ({len(notebook.cells)} cells)")


if __name__ == "__main__":
    main()
