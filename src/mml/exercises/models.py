"""Chapter 8–12 exercises, worked in exact arithmetic on small data: standardisation,
empirical risk, maximum likelihood, cross-validation folds, linear regression (least squares
and MAP), Bayesian linear regression, PCA, power iteration, GMM steps and SVM quantities."""

from __future__ import annotations

import math
import random
from fractions import Fraction

from mml.exact.matrix import Matrix
from mml.exact.systems import solve
from mml.exact.vectors import dot, vector_text
from mml.exercises.checking import (
    answer_is_number,
    answer_is_numeric,
    answer_is_vector,
    answer_up_to_scale,
)
from mml.exercises.core import register
from mml.exercises.linear_algebra import _matrix_text
from mml.exercises.nice_numbers import small_integer
from mml.steps import Derivation, MathText, Step, factor_text, fraction_text, latex_value


def _mean(values) -> Fraction:
    return sum(values, Fraction(0)) / len(values)


@register(
    "data.standardise",
    8,
    "8.1",
    "z-scores (x − mean)/σ with the 1/N standard deviation",
    answer_is_vector,
    skills=("standardisation",),
)
def _standardise(rng: random.Random, difficulty: int) -> dict:
    # Symmetric deviations ±d around an integer mean give a rational σ = d.
    centre, d = rng.randint(-5, 10), rng.randint(1, 4)
    values = [centre - d, centre + d] * (1 + difficulty // 2)
    rng.shuffle(values)
    mean = _mean(values)
    sigma = Fraction(d)
    z = tuple((v - mean) / sigma for v in values)
    steps = Derivation("Standardise: z = (x − mean)/σ")
    steps.add(Step("mean", f"mean = {fraction_text(mean)}"))
    steps.add(
        Step(
            "std",
            f"σ = √((1/N) Σ (x − mean)²) = √({fraction_text(sigma**2)}) = {fraction_text(sigma)}",
        )
    )
    steps.add(Step("z_scores", "z = " + vector_text(z)))
    steps.result = vector_text(z)
    return {
        "prompt": MathText(
            f"Standardise the data {vector_text(values)} (σ with 1/N).",
            f"Standardise the data ${latex_value(tuple(values))}$ ($\\sigma$ with $1/N$).",
        ),
        "answer": z,
        "answer_text": vector_text(z),
        "solution": steps,
        "data": {},
    }


@register(
    "erm.empirical_risk",
    8,
    "8.2",
    "the empirical risk with the squared loss",
    answer_is_number,
    skills=("loss functions",),
)
def _empirical_risk(rng: random.Random, difficulty: int) -> dict:
    n = 3 + difficulty
    y = [small_integer(rng, 4) for _ in range(n)]
    predictions = [v + small_integer(rng, 2) for v in y]
    losses = [Fraction((a - b) ** 2) for a, b in zip(y, predictions)]
    risk = _mean(losses)
    steps = Derivation("Empirical risk: R = (1/N) Σ (yₙ − f(xₙ))²")
    steps.add(Step("losses", "squared losses " + ", ".join(fraction_text(v) for v in losses)))
    steps.add(
        Step(
            "average", f"R = {fraction_text(sum(losses, Fraction(0)))}/{n} = {fraction_text(risk)}"
        )
    )
    steps.result = fraction_text(risk)
    return {
        "prompt": MathText(
            f"Targets y = {vector_text(y)}, predictions f(x) = {vector_text(predictions)}. Give the empirical risk with the squared loss.",
            f"Targets $y = {latex_value(tuple(y))}$, predictions ${latex_value(tuple(predictions))}$. Give the empirical risk with the squared loss.",
        ),
        "answer": risk,
        "answer_text": fraction_text(risk),
        "solution": steps,
        "data": {},
    }


@register(
    "mle.closed_form",
    8,
    "8.3",
    "the maximum-likelihood variance of Gaussian data (1/N)",
    answer_is_number,
    skills=("MLE",),
)
def _mle(rng: random.Random, difficulty: int) -> dict:
    data = [small_integer(rng, 5) for _ in range(3 + difficulty)]
    mean = _mean(data)
    variance = _mean([(x - mean) ** 2 for x in data])
    steps = Derivation("Maximum likelihood for N(μ, σ²)")
    steps.add(
        Step(
            "stationarity",
            "∂/∂μ log L = 0 gives μ_ML = mean; ∂/∂σ² log L = 0 gives σ²_ML = (1/N) Σ (xₙ − μ_ML)²",
        )
    )
    steps.add(Step("mean", f"μ_ML = {fraction_text(mean)}"))
    steps.add(Step("variance", f"σ²_ML = {fraction_text(variance)}"))
    steps.result = fraction_text(variance)
    return {
        "prompt": MathText(
            f"Data {vector_text(data)} from N(μ, σ²). Give the maximum-likelihood estimate of σ².",
            f"Data ${latex_value(tuple(data))}$ from $\\mathcal{{N}}(\\mu, \\sigma^2)$. Give $\\sigma^2_{{\\mathrm{{ML}}}}$.",
        ),
        "answer": variance,
        "answer_text": fraction_text(variance),
        "solution": steps,
        "data": {},
    }


@register(
    "cross_validation.folds",
    8,
    "8.2",
    "the test indices of fold k in K-fold (no shuffling)",
    answer_is_vector,
    skills=("cross-validation",),
)
def _folds(rng: random.Random, difficulty: int) -> dict:
    n, k = rng.randint(7, 12 + difficulty), rng.randint(2, 4)
    fold = rng.randrange(k)
    sizes = [n // k + (1 if i < n % k else 0) for i in range(k)]
    start = sum(sizes[:fold])
    indices = tuple(Fraction(i) for i in range(start, start + sizes[fold]))
    steps = Derivation(f"{k}-fold split of {n} samples, in order")
    steps.add(
        Step("sizes", f"fold sizes: the first n mod k = {n % k} folds get one extra: {sizes}")
    )
    steps.add(
        Step("fold", f"fold {fold} (0-based) holds indices {start}..{start + sizes[fold] - 1}")
    )
    steps.result = vector_text(indices)
    return {
        "prompt": MathText(
            f"{n} samples (indices 0..{n - 1}) are split into {k} folds without shuffling, as KFold does. Give the test indices of fold {fold} (0-based).",
            f"${n}$ samples (indices $0..{n - 1}$) are split into ${k}$ folds without shuffling, as \\texttt{{KFold}} does. Give the test indices of fold ${fold}$ (0-based).",
        ),
        "answer": indices,
        "answer_text": vector_text(indices),
        "solution": steps,
        "data": {},
    }


def _design(rng: random.Random, n: int) -> Matrix:
    # x values symmetric about 0 make ΦᵀΦ = diag(N, Σx²): small denominators (CURRICULUM §0.2).
    half = sorted(rng.sample(range(1, 4), n // 2))
    xs = [-h for h in half] + ([0] if n % 2 else []) + half
    return Matrix([[1, x] for x in xs])


@register(
    "linear_regression.normal_equation",
    9,
    "9.2",
    "least squares θ from the normal equations ΦᵀΦθ = Φᵀy",
    answer_is_vector,
    skills=("normal equations",),
)
def _normal_equation(rng: random.Random, difficulty: int) -> dict:
    Phi = _design(rng, 3 + difficulty)
    theta = (Fraction(small_integer(rng, 3)), Fraction(small_integer(rng, 3)))
    noise = [small_integer(rng, 1) for _ in range(Phi.shape[0])]
    y = tuple(a + e for a, e in zip(Phi @ theta, noise))
    gram, rhs = Phi.T @ Phi, Phi.T @ y
    solution = solve((gram, rhs), variables=("θ0", "θ1"))
    return {
        "prompt": MathText(
            "Fit y = θ0 + θ1·x by least squares to the points (x, y): "
            + ", ".join(
                f"({fraction_text(row[1])}, {fraction_text(v)})" for row, v in zip(Phi.rows, y)
            )
            + ". Give (θ0, θ1).",
            "Fit $y = \\theta_0 + \\theta_1 x$ by least squares to the points "
            + ", ".join(
                f"$({fraction_text(row[1])}, {fraction_text(v)})$" for row, v in zip(Phi.rows, y)
            )
            + ". Give $(\\theta_0, \\theta_1)$.",
        ),
        "answer": solution.particular,
        "answer_text": vector_text(solution.particular),
        "solution": solution.steps,
        "data": {},
    }


@register(
    "linear_regression.map",
    9,
    "9.2",
    "the MAP estimate (ridge): (ΦᵀΦ + λI)θ = Φᵀy",
    answer_is_vector,
    skills=("regularisation",),
)
def _map(rng: random.Random, difficulty: int) -> dict:
    Phi = _design(rng, 3 + difficulty)
    y = tuple(Fraction(small_integer(rng, 4)) for _ in range(Phi.shape[0]))
    lam = rng.choice([1, 2, Fraction(1, 2)])
    gram = Phi.T @ Phi + Matrix.identity(2) * lam
    solution = solve((gram, Phi.T @ y), variables=("θ0", "θ1"))
    return {
        "prompt": MathText(
            f"Φ = {_matrix_text(Phi)}, y = {vector_text(y)}. Give the MAP (ridge) estimate with λ = {fraction_text(lam)}: solve (ΦᵀΦ + λI)θ = Φᵀy.",
            f"$\\Phi = {latex_value(Phi)}$, $y = {latex_value(y)}$. Give the MAP (ridge) estimate with $\\lambda = {latex_value(Fraction(lam))}$.",
        ),
        "answer": solution.particular,
        "answer_text": vector_text(solution.particular),
        "solution": solution.steps,
        "data": {},
    }


@register(
    "bayesian_linear_regression.posterior",
    9,
    "9.3",
    "posterior mean and variance of a 1-D weight",
    answer_is_vector,
    skills=("posterior",),
)
def _blr(rng: random.Random, difficulty: int) -> dict:
    xs = [small_integer(rng, 3, nonzero=True) for _ in range(1 + difficulty)]
    ys = [small_integer(rng, 4) for _ in xs]
    prior_variance, noise_variance = Fraction(rng.choice([1, 2])), Fraction(rng.choice([1, 2, 4]))
    precision = 1 / prior_variance + sum(Fraction(x * x) for x in xs) / noise_variance
    variance = 1 / precision
    mean = variance * sum(Fraction(x * y) for x, y in zip(xs, ys)) / noise_variance
    steps = Derivation("Bayesian linear regression y = θx + ε, θ ~ N(0, s₀²)")
    steps.add(Step("precision", f"S_N⁻¹ = 1/s₀² + Σx²/σ² = {fraction_text(precision)}"))
    steps.add(Step("mean", f"m_N = S_N · Σxy/σ² = {fraction_text(mean)}"))
    steps.result = vector_text((mean, variance))
    return {
        "prompt": MathText(
            f"y = θx + ε with ε ~ N(0, {fraction_text(noise_variance)}), prior θ ~ N(0, {fraction_text(prior_variance)}); data (x, y): "
            + ", ".join(f"({x}, {y})" for x, y in zip(xs, ys))
            + ". Give the posterior (mean, variance) of θ.",
            f"$y = \\theta x + \\varepsilon$, $\\varepsilon \\sim \\mathcal{{N}}(0, {fraction_text(noise_variance)})$, "
            f"$\\theta \\sim \\mathcal{{N}}(0, {fraction_text(prior_variance)})$; data "
            + ", ".join(f"$({x}, {y})$" for x, y in zip(xs, ys))
            + ". Give the posterior (mean, variance) of $\\theta$.",
        ),
        "answer": (mean, variance),
        "answer_text": vector_text((mean, variance)),
        "solution": steps,
        "data": {},
    }


@register(
    "pca.first_component",
    10,
    "10.2",
    "the first principal direction of a 2×2 covariance (up to scale)",
    answer_up_to_scale,
    skills=("eigenvectors",),
)
def _pca(rng: random.Random, difficulty: int) -> dict:
    from mml.exact.eigen import eigenvectors

    # [[a, b], [b, a]] has eigenvectors (1, 1) and (1, −1) with eigenvalues a ± b.
    a, b = rng.randint(2, 6), small_integer(rng, 2, nonzero=True)
    S = Matrix([[a, b], [b, a]]) * difficulty
    result = eigenvectors(S)
    top = max(result.eigenvalues, key=lambda e: float(e.value) if e.is_real else -math.inf)
    direction = top.eigenspace[0] if top.eigenspace else (Fraction(1), Fraction(1))
    return {
        "prompt": MathText(
            f"The data covariance is S = {_matrix_text(S)}. Give the first principal direction (up to scale).",
            f"The data covariance is $S = {latex_value(S)}$. Give the first principal direction (up to scale).",
        ),
        "answer": tuple(float(v) for v in direction) if not top.is_rational else direction,
        "answer_text": vector_text(direction)
        if top.is_rational
        else "(" + ", ".join(str(v) for v in direction) + ")",
        "solution": result.steps,
        "data": {},
    }


@register(
    "power_iteration.steps",
    10,
    "10.4",
    "two steps of power iteration (no normalisation)",
    answer_is_vector,
    skills=("power iteration",),
)
def _power_iteration(rng: random.Random, difficulty: int) -> dict:
    upper = Matrix([[rng.randint(1, 4), small_integer(rng, 2)], [0, rng.randint(1, 3)]])
    A = upper + upper.T
    x0 = (Fraction(1), Fraction(small_integer(rng, 2)))
    steps = Derivation("Power iteration x_{k+1} = A x_k")
    x = x0
    for k in range(2):
        x = A @ x
        steps.add(Step("multiply", f"x{k + 1} = A x{k} = {vector_text(x)}"))
    steps.conclusion.append(
        "Normalising each step keeps the numbers small; the direction converges to the top eigenvector."
    )
    steps.result = vector_text(x)
    return {
        "prompt": MathText(
            f"Power iteration without normalisation: A = {_matrix_text(A)}, x0 = {vector_text(x0)}. Give x2.",
            f"Power iteration without normalisation: $A = {latex_value(A)}$, $x_0 = {latex_value(x0)}$. Give $x_2$.",
        ),
        "answer": x,
        "answer_text": vector_text(x),
        "solution": steps,
        "data": {},
    }


def _responsibility_text(value: float) -> str:
    return f"{value:.8g}"


@register(
    "gmm.responsibilities",
    11,
    "11.2",
    "the responsibility r_n1 of component 1 for one point (numeric)",
    answer_is_numeric,
    skills=("E-step",),
)
def _responsibilities(rng: random.Random, difficulty: int) -> dict:
    mu1, mu2 = rng.randint(-3, 0), rng.randint(1, 4)
    pi1 = Fraction(rng.randint(1, 3), 4)
    x = rng.randint(-2, 3)
    # Equal unit variances: r1 = π1 N(x|μ1,1) / (π1 N(x|μ1,1) + π2 N(x|μ2,1)).
    w1 = float(pi1) * math.exp(-((x - mu1) ** 2) / 2)
    w2 = float(1 - pi1) * math.exp(-((x - mu2) ** 2) / 2)
    r1 = w1 / (w1 + w2)
    steps = Derivation("Responsibility by Bayes' theorem on the component label")
    steps.add(
        Step(
            "weights",
            f"π1·N(x | μ1, 1) ∝ {fraction_text(pi1)}·exp(−{(x - mu1) ** 2}/2), π2·N(x | μ2, 1) ∝ {fraction_text(1 - pi1)}·exp(−{(x - mu2) ** 2}/2)",
        )
    )
    steps.add(Step("normalise", f"r_n1 = {w1:.6g} / ({w1:.6g} + {w2:.6g}) = {r1:.6g}"))
    steps.result = f"{r1:.6g}"
    return {
        "prompt": MathText(
            f"A 1-D mixture with π1 = {fraction_text(pi1)}, μ1 = {mu1}, μ2 = {mu2}, both variances 1. Give the responsibility of component 1 for x = {x} (6 digits).",
            f"A 1-D mixture with $\\pi_1 = {latex_value(pi1)}$, $\\mu_1 = {mu1}$, $\\mu_2 = {mu2}$, unit variances. Give $r_{{n1}}$ for $x = {x}$ (6 digits).",
        ),
        "answer": r1,
        "answer_text": _responsibility_text(r1),
        "solution": steps,
        "data": {},
    }


@register(
    "gmm.m_step",
    11,
    "11.2",
    "the updated mean μ_k from responsibilities",
    answer_is_number,
    skills=("M-step",),
)
def _m_step(rng: random.Random, difficulty: int) -> dict:
    xs = [small_integer(rng, 5) for _ in range(3 + difficulty)]
    rs = [Fraction(rng.randint(0, 4), 4) for _ in xs]
    if not any(rs):
        rs[0] = Fraction(1, 2)
    n_k = sum(rs, Fraction(0))
    mu = sum((r * x for r, x in zip(rs, xs)), Fraction(0)) / n_k
    steps = Derivation("M-step: μ_k = Σ r_nk xₙ / N_k")
    steps.add(Step("n_k", f"N_k = Σ r_nk = {fraction_text(n_k)}"))
    steps.add(
        Step(
            "mean",
            "μ_k = ("
            + " + ".join(f"{factor_text(r)}·{factor_text(x)}" for r, x in zip(rs, xs))
            + f") / {factor_text(n_k)} = {fraction_text(mu)}",
        )
    )
    steps.result = fraction_text(mu)
    return {
        "prompt": MathText(
            f"Points x = {vector_text(xs)} have responsibilities r = {vector_text(rs)} for component k. Give the updated mean μ_k.",
            f"Points $x = {latex_value(tuple(xs))}$ have responsibilities $r = {latex_value(tuple(rs))}$ for component $k$. Give the updated $\\mu_k$.",
        ),
        "answer": mu,
        "answer_text": fraction_text(mu),
        "solution": steps,
        "data": {},
    }


def _hyperplane(w: tuple[int, int], b: int) -> str:
    """``3x1 - 3x2 + 1`` (signs folded, zero terms dropped)."""
    from mml.exact.systems import _equation_text

    text = _equation_text((Fraction(w[0]), Fraction(w[1])), Fraction(0), ("x1", "x2")).text
    text = text[: -len(" = 0")]
    return text if b == 0 else f"{text} {'+' if b > 0 else '-'} {abs(b)}"


@register(
    "svm.margin",
    12,
    "12.2",
    "the margin 2/‖w‖ of a hyperplane (exact, e.g. 2/sqrt(5))",
    answer_is_numeric,
    skills=("margin",),
)
def _margin(rng: random.Random, difficulty: int) -> dict:
    w = (small_integer(rng, 3, nonzero=True), small_integer(rng, 3))
    b = small_integer(rng, 4)
    norm_squared = w[0] ** 2 + w[1] ** 2
    margin = 2 / math.sqrt(norm_squared)
    steps = Derivation("Margin between ⟨w, x⟩ + b = 1 and ⟨w, x⟩ + b = −1")
    steps.add(Step("norm", f"‖w‖ = √{norm_squared}"))
    steps.add(Step("margin", f"margin = 2/‖w‖ = 2/√{norm_squared} ≈ {margin:.6g}"))
    steps.result = f"2/sqrt({norm_squared})"
    return {
        "prompt": MathText(
            f"The SVM hyperplane is {_hyperplane(w, b)} = 0 in canonical form. Give the margin.",
            f"The SVM hyperplane is ${_hyperplane(w, b).replace('x1', 'x_1').replace('x2', 'x_2')} = 0$ in canonical form. Give the margin.",
        ),
        "answer": margin,
        "answer_text": f"2/sqrt({norm_squared})",
        "solution": steps,
        "data": {},
    }


@register(
    "svm.hinge_loss",
    12,
    "12.2",
    "the average hinge loss max(0, 1 − y f(x))",
    answer_is_number,
    skills=("hinge loss",),
)
def _hinge(rng: random.Random, difficulty: int) -> dict:
    w = (Fraction(small_integer(rng, 2, nonzero=True)), Fraction(small_integer(rng, 2)))
    b = Fraction(small_integer(rng, 1))
    points = [(small_integer(rng, 2), small_integer(rng, 2)) for _ in range(2 + difficulty)]
    labels = [rng.choice([-1, 1]) for _ in points]
    losses = [max(Fraction(0), 1 - y * (dot(w, p) + b)) for p, y in zip(points, labels)]
    average = _mean(losses)
    steps = Derivation("Hinge loss ℓ = max(0, 1 − y(⟨w, x⟩ + b)) per point, then the average")
    for p, y, loss in zip(points, labels, losses):
        steps.add(
            Step(
                "hinge",
                f"x = {p}, y = {y}: f(x) = {fraction_text(dot(w, p) + b)}, loss {fraction_text(loss)}",
            )
        )
    steps.result = fraction_text(average)
    return {
        "prompt": MathText(
            f"w = {vector_text(w)}, b = {fraction_text(b)}. Points and labels: "
            + ", ".join(f"{p}→{y:+d}" for p, y in zip(points, labels))
            + ". Give the average hinge loss.",
            f"$w = {latex_value(w)}$, $b = {latex_value(b)}$. Points and labels: "
            + ", ".join(f"${p} \\to {y:+d}$" for p, y in zip(points, labels))
            + ". Give the average hinge loss.",
        ),
        "answer": average,
        "answer_text": fraction_text(average),
        "solution": steps,
        "data": {},
    }
