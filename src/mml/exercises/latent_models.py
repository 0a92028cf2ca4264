"""More chapter 10–12 exercises: PCA reconstruction, the PPCA noise variance, a full EM
iteration, the small SVM dual and kernel Gram matrices."""

from __future__ import annotations

import random
from fractions import Fraction

from mml.exact.matrix import Matrix
from mml.exact.vectors import dot, vector_text
from mml.exercises.checking import (
    answer_is_matrix,
    answer_is_number,
    answer_is_numeric,
    answer_is_vector,
)
from mml.exercises.core import register
from mml.exercises.linear_algebra import _matrix_text
from mml.exercises.nice_numbers import small_integer
from mml.steps import Derivation, MathText, Step, fraction_text, latex_value


@register(
    "pca.reconstruction",
    10,
    "10.3",
    "the reconstruction error of a 1-D PCA code (= discarded eigenvalue)",
    answer_is_number,
    skills=("projection",),
)
def _pca_reconstruction(rng: random.Random, difficulty: int) -> dict:
    # Covariance [[a, b], [b, a]]: principal axes (1, ±1)/√2, eigenvalues a ± b.
    a, b = rng.randint(3, 6), rng.randint(1, 2)
    S = Matrix([[a, b], [b, a]])
    kept, dropped = a + b, a - b
    steps = Derivation("Reconstruction error of PCA with M = 1")
    steps.add(
        Step(
            "eigen",
            f"S = {_matrix_text(S)} has eigenvalues {a + b} (direction (1, 1)) and {a - b} (direction (1, -1)).",
        )
    )
    steps.add(
        Step(
            "error",
            f"Keeping the first direction, the mean squared reconstruction error is the discarded eigenvalue: {dropped}.",
        )
    )
    steps.result = str(dropped)
    return {
        "prompt": MathText(
            f"Centred data have covariance S = {_matrix_text(S)}. PCA keeps M = 1 component. What is the average squared reconstruction error?",
            f"Centred data have covariance $S = {latex_value(S)}$. PCA keeps $M = 1$ component. What is the average squared reconstruction error?",
        ),
        "answer": Fraction(dropped),
        "answer_text": str(dropped),
        "solution": steps,
        "data": {"kept": kept},
    }


@register(
    "ppca.noise_variance",
    10,
    "10.7",
    "the maximum-likelihood PPCA noise variance",
    answer_is_number,
    skills=("latent variables",),
)
def _ppca(rng: random.Random, difficulty: int) -> dict:
    eigenvalues = sorted(rng.sample(range(1, 13), 3 + difficulty), reverse=True)
    M = rng.randint(1, len(eigenvalues) - 1)
    discarded = eigenvalues[M:]
    sigma2 = Fraction(sum(discarded), len(discarded))
    steps = Derivation("PPCA: σ²_ML is the mean of the discarded eigenvalues (§10.7)")
    steps.add(
        Step(
            "mean",
            f"σ² = ({' + '.join(map(str, discarded))}) / {len(discarded)} = {fraction_text(sigma2)}",
        )
    )
    steps.result = fraction_text(sigma2)
    return {
        "prompt": MathText(
            f"The data covariance has eigenvalues {', '.join(map(str, eigenvalues))}. PPCA keeps M = {M}. Give σ²_ML.",
            f"The data covariance has eigenvalues ${', '.join(map(str, eigenvalues))}$. PPCA keeps $M = {M}$. Give $\\sigma^2_{{ML}}$.",
        ),
        "answer": sigma2,
        "answer_text": fraction_text(sigma2),
        "solution": steps,
        "data": {},
    }


@register(
    "gmm.em_iteration",
    11,
    "11.3",
    "the new mixture weight π₁ after one EM iteration (numeric)",
    answer_is_numeric,
    skills=("EM",),
)
def _em_iteration(rng: random.Random, difficulty: int) -> dict:
    import numpy as np

    from mml.models.explain import explain_gmm_iteration

    xs = sorted(rng.sample(range(-4, 6), 3 + difficulty))
    means = [float(rng.randint(-3, 0)), float(rng.randint(1, 4))]
    result = explain_gmm_iteration(
        np.array(xs, dtype=float)[:, None], np.array(means)[:, None], [1.0, 1.0], [0.5, 0.5]
    )
    weight = float(result.weights[0])
    return {
        "prompt": MathText(
            f"A 1-D mixture with μ = {means}, unit variances and equal weights sees the data {xs}. After one EM iteration, what is π₁? (6 digits)",
            f"A 1-D mixture with $\\mu = {means}$, unit variances and equal weights sees the data ${xs}$. After one EM iteration, what is $\\pi_1$? (6 digits)",
        ),
        "answer": weight,
        "answer_text": f"{weight:.8g}",
        "solution": result.steps,
        "data": {},
    }


@register(
    "svm.dual_small",
    12,
    "12.3",
    "w of a hard-margin SVM on four points, from the dual",
    answer_is_vector,
    skills=("dual", "support vectors"),
)
def _svm_dual(rng: random.Random, difficulty: int) -> dict:
    from mml.models.explain import explain_svm_dual

    # Symmetric clouds around the origin keep the dual's α rational.
    p = (rng.randint(1, 2), rng.randint(1, 2))
    q = (p[0] + rng.randint(0, 1), p[1] + rng.randint(1, 2))
    X = [p, q, (-p[0], -p[1]), (-q[0], -q[1])]
    y = [1, 1, -1, -1]
    result = explain_svm_dual(X, y)
    w = tuple(Fraction(v).limit_denominator(1000) for v in result.w)
    return {
        "prompt": MathText(
            f"Points {X[0]}, {X[1]} have label +1 and {X[2]}, {X[3]} label −1. Solve the hard-margin SVM (via its dual) and give w.",
            f"Points ${X[0]}, {X[1]}$ have label $+1$ and ${X[2]}, {X[3]}$ label $-1$. Solve the hard-margin SVM (via its dual) and give $w$.",
        ),
        "answer": w,
        "answer_text": vector_text(w),
        "solution": result.steps,
        "data": {},
    }


@register(
    "kernel.gram_matrix",
    12,
    "12.4",
    "the Gram matrix of a polynomial kernel",
    answer_is_matrix,
    skills=("kernels",),
)
def _gram(rng: random.Random, difficulty: int) -> dict:
    points = [(small_integer(rng, 2), small_integer(rng, 2)) for _ in range(2 + difficulty)]
    degree = 2
    K = Matrix(
        [[(dot(map(Fraction, p), map(Fraction, q)) + 1) ** degree for q in points] for p in points]
    )
    steps = Derivation("Gram matrix K_ij = k(x_i, x_j) with k(x, z) = (xᵀz + 1)²")
    for i, p in enumerate(points):
        steps.add(
            Step(
                "row",
                f"row {i + 1}: "
                + ", ".join(
                    f"({dot(map(Fraction, p), map(Fraction, q))} + 1)² = {K[i, j]}"
                    for j, q in enumerate(points)
                ),
            )
        )
    steps.result = _matrix_text(K)
    return {
        "prompt": MathText(
            f"For k(x, z) = (xᵀz + 1)² give the Gram matrix of the points {', '.join(map(str, points))}.",
            f"For $k(x, z) = (x^\\top z + 1)^2$ give the Gram matrix of the points ${', '.join(map(str, points))}$.",
        ),
        "answer": K,
        "answer_text": _matrix_text(K),
        "solution": steps,
        "data": {},
    }
