"""Chapter 3 and 4 exercises: inner products, lengths, angles, Gram–Schmidt, projections,
eigenvalues and eigenvectors, diagonalisation, Cholesky and singular values."""

from __future__ import annotations

import math
import random
from fractions import Fraction

from mml.exact.cholesky import cholesky
from mml.exact.diagonalise import diagonalise
from mml.exact.eigen import characteristic_polynomial, eigenvectors
from mml.exact.gram_schmidt import gram_schmidt
from mml.exact.inner_products import angle, inner_product, length
from mml.exact.matrix import Matrix, as_matrix
from mml.exact.projections import project, project_onto_line
from mml.exact.spaces import null_space
from mml.exact.vectors import vector_text
from mml.exercises.checking import (
    answer_is_matrix,
    answer_is_number,
    answer_is_numeric,
    answer_is_same_set,
    answer_is_vector,
    answer_up_to_scale,
    check_expression,
    check_same_subspace,
    check_up_to_scale,
    guarded,
    split_top_level,
)
from mml.exercises.core import Exercise, Feedback, register
from mml.exercises.linear_algebra import _matrix_text
from mml.exercises.nice_numbers import integer_vector, small_integer, unimodular_matrix
from mml.steps import MathText, fraction_text, latex_value, text_value


def _vector_list_text(vectors) -> str:
    return ", ".join(vector_text(v) for v in vectors)


def _vector_list_latex(vectors) -> str:
    return ", ".join(f"${latex_value(v)}$" for v in vectors)


# -- chapter 3 ------------------------------------------------------------------------------------
@register(
    "inner_product.general",
    3,
    "3.2",
    "⟨x, y⟩ = xᵀAy for a symmetric positive definite A",
    answer_is_number,
    skills=("bilinear form",),
)
def _inner_product(rng: random.Random, difficulty: int) -> dict:
    L = Matrix([[rng.randint(1, 2), 0], [small_integer(rng, 2), rng.randint(1, 2)]])
    A = L @ L.T
    x, y = integer_vector(rng, 2, 3), integer_vector(rng, 2, 3)
    result = inner_product(x, y, A)
    return {
        "prompt": MathText(
            f"Compute ⟨x, y⟩ = xᵀAy for x = {vector_text(x)}, y = {vector_text(y)}, A = {_matrix_text(A)}.",
            f"Compute $\\langle x, y\\rangle = x^\\top A y$ for $x = {latex_value(x)}$, $y = {latex_value(y)}$, $A = {latex_value(A)}$.",
        ),
        "answer": result.value,
        "answer_text": fraction_text(result.value),
        "solution": result.steps,
        "data": {},
    }


@register(
    "norm.vector",
    3,
    "3.1",
    "the Euclidean length of a vector (exact, e.g. sqrt(14))",
    answer_is_numeric,
    skills=("norms",),
)
def _norm(rng: random.Random, difficulty: int) -> dict:
    x = integer_vector(rng, 1 + difficulty, 4)
    result = length(x)
    return {
        "prompt": MathText(
            f"Give ‖x‖₂ for x = {vector_text(x)} (exact, e.g. sqrt(14)).",
            f"Give $\\|x\\|_2$ for $x = {latex_value(x)}$ (exact, e.g. \\texttt{{sqrt(14)}}).",
        ),
        "answer": float(result.value),
        "answer_text": _surd_text(result.value),
        "solution": result.steps,
        "data": {},
    }


@register(
    "angle", 3, "3.4", "cos ω between two vectors (exact)", answer_is_numeric, skills=("angles",)
)
def _angle(rng: random.Random, difficulty: int) -> dict:
    x, y = (
        integer_vector(rng, 2 + (difficulty > 1), 3),
        integer_vector(rng, 2 + (difficulty > 1), 3),
    )
    result = angle(x, y)
    return {
        "prompt": MathText(
            f"Give cos ω for the angle ω between x = {vector_text(x)} and y = {vector_text(y)}.",
            f"Give $\\cos\\omega$ for the angle between $x = {latex_value(x)}$ and $y = {latex_value(y)}$.",
        ),
        "answer": float(result.cosine),
        "answer_text": _surd_text(result.cosine),
        "solution": result.steps,
        "data": {},
    }


def _surd_text(value) -> str:
    """``5√3/9`` → ``5*sqrt(3)/9``: a surd as text the parser reads."""
    import re

    text = str(value).replace("−", "-")
    return re.sub(
        r"(\d)?√(\d+)",
        lambda m: (m.group(1) + "*" if m.group(1) else "") + f"sqrt({m.group(2)})",
        text,
    )


def _gram_schmidt_check(exercise: Exercise, text: str) -> Feedback:
    from mml.exercises.answers import parse_vector_set

    @guarded
    def run(text: str) -> Feedback:
        given = parse_vector_set(text)
        expected = exercise.answer
        if len(given) != len(expected):
            return Feedback(
                False, 0.0, f"expected {len(expected)} vectors", "one vector per input vector"
            )
        for i, (u, e) in enumerate(zip(given, expected)):
            verdict = check_up_to_scale(e, vector_text(u))
            if not verdict.correct:
                return Feedback(
                    False,
                    i / len(expected),
                    f"vector {i + 1} is not right (any nonzero multiple is accepted)",
                    f"subtract the projections onto the first {i} vector(s)",
                )
        return Feedback(True, 1.0, "right (any scaling of each vector is accepted)")

    return run(text)


@register(
    "gram_schmidt",
    3,
    "3.8",
    "Gram–Schmidt orthogonalisation (orthogonal vectors; any scaling)",
    _gram_schmidt_check,
    skills=("projections",),
)
def _gram_schmidt(rng: random.Random, difficulty: int) -> dict:
    n = 2 + (difficulty > 1)
    # Integer orthogonal vectors mixed by a unimodular upper-triangular matrix (CURRICULUM §0.2).
    orthogonal = [(1, 1, 0), (1, -1, 1), (-1, 1, 2)] if n == 3 else [(1, 2), (-2, 1)]
    if n == 3 and rng.random() < 0.5:
        orthogonal = [(1, 0, 1), (1, 2, -1), (-1, 1, 1)]
    vectors = [list(orthogonal[0])]
    for k in range(1, n):
        mix = [small_integer(rng, 2) for _ in range(k)]
        vectors.append(
            [
                orthogonal[k][i] + sum(m * orthogonal[j][i] for j, m in enumerate(mix))
                for i in range(n)
            ]
        )
    result = gram_schmidt(vectors)
    return {
        "prompt": MathText(
            f"Orthogonalise by Gram–Schmidt (no normalisation): {_vector_list_text(vectors)}",
            f"Orthogonalise by Gram–Schmidt (no normalisation): {_vector_list_latex(vectors)}",
        ),
        "answer": result.orthogonal,
        "answer_text": "{" + _vector_list_text(result.orthogonal) + "}",
        "solution": result.steps,
        "data": {},
    }


@register(
    "projection.onto_line",
    3,
    "3.8",
    "the orthogonal projection of x onto a line",
    answer_is_vector,
    skills=("projection",),
)
def _projection_line(rng: random.Random, difficulty: int) -> dict:
    b = integer_vector(rng, 2 + (difficulty > 1), 2)
    x = integer_vector(rng, len(b), 4)
    result = project_onto_line(x, b)
    return {
        "prompt": MathText(
            f"Project x = {vector_text(x)} onto the line spanned by b = {vector_text(b)}.",
            f"Project $x = {latex_value(x)}$ onto the line spanned by $b = {latex_value(b)}$.",
        ),
        "answer": result.point,
        "answer_text": vector_text(result.point),
        "solution": result.steps,
        "data": {},
    }


@register(
    "projection.onto_subspace",
    3,
    "3.8",
    "the orthogonal projection onto a plane in ℝ³",
    answer_is_vector,
    skills=("normal equations",),
)
def _projection_subspace(rng: random.Random, difficulty: int) -> dict:
    basis = (
        [(1, 0, 1), (0, 1, 1)]
        if difficulty == 1
        else [(1, 1, 0), (0, 1, small_integer(rng, 2, nonzero=True))]
    )
    x = integer_vector(rng, 3, 4)
    result = project(x, basis)
    return {
        "prompt": MathText(
            f"Project x = {vector_text(x)} onto U = span{{{_vector_list_text(basis)}}}.",
            f"Project $x = {latex_value(x)}$ onto $U = \\operatorname{{span}}$ of {_vector_list_latex(basis)}.",
        ),
        "answer": result.point,
        "answer_text": vector_text(result.point),
        "solution": result.steps,
        "data": {},
    }


def _subspace(exercise: Exercise, text: str) -> Feedback:
    return check_same_subspace(exercise.answer, text, exercise.data["n"])


@register(
    "orthogonal_complement",
    3,
    "3.6",
    "a basis of the orthogonal complement U⊥",
    _subspace,
    skills=("null space of Bᵀ",),
)
def _orthogonal_complement(rng: random.Random, difficulty: int) -> dict:
    k = 1 if difficulty == 1 else 2
    vectors = [integer_vector(rng, 3, 3) for _ in range(k)]
    result = null_space(Matrix(vectors))
    return {
        "prompt": MathText(
            f"Give a basis of U⊥ for U = span{{{_vector_list_text(vectors)}}} in ℝ³.",
            f"Give a basis of $U^\\perp$ for $U = \\operatorname{{span}}$ of {_vector_list_latex(vectors)} in $\\mathbb{{R}}^3$.",
        ),
        "answer": result.basis,
        "answer_text": "{" + _vector_list_text(result.basis) + "}" if result.basis else "{}",
        "solution": result.steps,
        "data": {"n": 3},
    }


# -- chapter 4 ------------------------------------------------------------------------------------
def _matrix_with_eigenvalues(
    rng: random.Random, n: int, distinct: bool = True
) -> tuple[Matrix, list[int]]:
    """``A = P D P⁻¹`` with P unimodular and D integer (CURRICULUM §0.2)."""
    values = rng.sample(range(-3, 5), n) if distinct else [rng.randint(-2, 4)] * n
    P = unimodular_matrix(rng, n, bound=3)
    D = Matrix([[values[i] if i == j else 0 for j in range(n)] for i in range(n)])
    from mml.exact.inverse import inverse

    A = P @ D @ inverse(P).value
    return A, values


def _polynomial(exercise: Exercise, text: str) -> Feedback:
    return check_expression(exercise.answer, text, ("x",))


@register(
    "characteristic_polynomial",
    4,
    "4.2",
    "det(A − xI) as a polynomial in x",
    _polynomial,
    skills=("determinant",),
)
def _characteristic(rng: random.Random, difficulty: int) -> dict:
    A, _ = _matrix_with_eigenvalues(rng, 1 + difficulty if difficulty < 3 else 3)
    result = characteristic_polynomial(A)
    coefficients = result.value.coefficients
    text = " + ".join(f"({fraction_text(c)})*x^{k}" for k, c in enumerate(coefficients) if c)
    return {
        "prompt": matrix_prompt_text("Give the characteristic polynomial p(x) = det(A − xI) of", A),
        "answer": text,
        "answer_text": str(result.value)
        .replace("λ", "x")
        .replace("−", "-")
        .replace("²", "^2")
        .replace("³", "^3"),
        "solution": result.steps,
        "data": {},
    }


def matrix_prompt_text(instruction: str, A: Matrix) -> MathText:
    return MathText(f"{instruction}\n{text_value(A)}", f"{instruction} $${latex_value(A)}$$")


@register(
    "eigen.values",
    4,
    "4.2",
    "the eigenvalues, with multiplicity, in any order",
    answer_is_same_set,
    skills=("characteristic polynomial",),
)
def _eigenvalues(rng: random.Random, difficulty: int) -> dict:
    A, values = _matrix_with_eigenvalues(rng, 1 + difficulty if difficulty < 3 else 3)
    result = eigenvectors(A)
    return {
        "prompt": matrix_prompt_text("Give all eigenvalues (with multiplicity) of", A),
        "answer": tuple(Fraction(v) for v in values),
        "answer_text": ", ".join(str(v) for v in sorted(values)),
        "solution": result.steps,
        "data": {},
    }


@register(
    "eigen.vectors",
    4,
    "4.2",
    "an eigenvector for a given eigenvalue (any nonzero multiple)",
    answer_up_to_scale,
    skills=("null space",),
)
def _eigenvector(rng: random.Random, difficulty: int) -> dict:
    A, values = _matrix_with_eigenvalues(rng, 2 if difficulty < 3 else 3)
    result = eigenvectors(A)
    chosen = rng.choice([e for e in result.eigenvalues if len(e.eigenspace) == 1])
    (vector,) = chosen.eigenspace
    return {
        "prompt": matrix_prompt_text(
            f"Give an eigenvector for the eigenvalue λ = {fraction_text(chosen.value)} of", A
        ),
        "answer": vector,
        "answer_text": vector_text(vector),
        "solution": result.steps,
        "data": {},
    }


def _parse_named_matrices(text: str) -> dict[str, Matrix]:
    """``P = [[1, 1], [1, -1]], D = diag(3, 1)`` → {"P": …, "D": …}."""
    from mml.errors import ParseError

    parts: dict[str, Matrix] = {}
    for chunk in split_top_level(text):
        name, sep, value = chunk.partition("=")
        if not sep:
            raise ParseError("write the answer as P = [[…]], D = diag(…)", text, text.find(chunk))
        value = value.strip()
        if value.startswith("diag(") and value.endswith(")"):
            entries = [as_matrix(f"[[{v}]]")[0, 0] for v in split_top_level(value[5:-1])]
            value_matrix = Matrix(
                [
                    [entries[i] if i == j else 0 for j in range(len(entries))]
                    for i in range(len(entries))
                ]
            )
        else:
            value_matrix = as_matrix(value)
        parts[name.strip()] = value_matrix
    return parts


def _diagonalise_check(exercise: Exercise, text: str) -> Feedback:
    A = exercise.data["A"]

    @guarded
    def run(text: str) -> Feedback:
        parts = _parse_named_matrices(text)
        if set(parts) != {"P", "D"}:
            return Feedback(False, 0.0, "give both P and D: P = [[…]], D = diag(…)", "")
        P, D = parts["P"], parts["D"]
        n = A.shape[0]
        if P.shape != (n, n) or D.shape != (n, n):
            return Feedback(False, 0.0, f"P and D must both be {n}×{n}", "")
        if any(D[i, j] for i in range(n) for j in range(n) if i != j):
            return Feedback(False, 0.0, "D must be diagonal", "")
        from mml.exact.spaces import rank

        if rank(P) < n:
            return Feedback(
                False, 0.25, "P is not invertible: its columns must be independent eigenvectors", ""
            )
        AP, PD = A @ P, P @ D
        for j in range(n):
            if AP.column(j) != PD.column(j):
                return Feedback(
                    False,
                    0.5,
                    f"column {j + 1} of P is not an eigenvector for λ = {fraction_text(D[j, j])}",
                    f"solve (A − {fraction_text(D[j, j])}I)v = 0",
                )
        return Feedback(True, 1.0, "A = P D P⁻¹ holds (any valid P is accepted)")

    return run(text)


@register(
    "eigen.diagonalise",
    4,
    "4.4",
    "diagonalise A = P D P⁻¹ (answer P = …, D = diag(…))",
    _diagonalise_check,
    skills=("eigendecomposition",),
)
def _diagonalise(rng: random.Random, difficulty: int) -> dict:
    A, _ = _matrix_with_eigenvalues(rng, 2 if difficulty < 3 else 3)
    result = diagonalise(A)
    P, D = result.P, result.D
    diag = ", ".join(fraction_text(D[i, i]) for i in range(D.shape[0]))
    return {
        "prompt": matrix_prompt_text(
            "Diagonalise (give P = [[…]], D = diag(…) with A = P D P⁻¹):", A
        ),
        "answer": (P, D),
        "answer_text": f"P = {_matrix_text(P)}, D = diag({diag})",
        "solution": result.steps,
        "data": {"A": A},
    }


@register(
    "cholesky",
    4,
    "4.3",
    "the Cholesky factor L (lower triangular, positive diagonal)",
    answer_is_matrix,
    skills=("Cholesky",),
)
def _cholesky(rng: random.Random, difficulty: int) -> dict:
    n = 1 + difficulty if difficulty < 3 else 3
    L = Matrix(
        [
            [
                rng.randint(1, 3) if i == j else (small_integer(rng, 2) if j < i else 0)
                for j in range(n)
            ]
            for i in range(n)
        ]
    )
    A = L @ L.T
    result = cholesky(A)
    return {
        "prompt": matrix_prompt_text("Give the Cholesky factor L (A = L Lᵀ) of", A),
        "answer": L,
        "answer_text": _matrix_text(L),
        "solution": result.steps,
        "data": {},
    }


def _singular_values_check(exercise: Exercise, text: str) -> Feedback:
    @guarded
    def run(text: str) -> Feedback:
        from mml.calculus import evaluate

        values = sorted(
            float(evaluate(part, {})) for part in split_top_level(text.strip("(){}[] ")) if part
        )
        expected = sorted(exercise.answer)
        if len(values) == len(expected) and all(
            math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9) for a, b in zip(values, expected)
        ):
            return Feedback(True, 1.0, "the same singular values")
        return Feedback(
            False,
            0.0,
            "not the singular values",
            "they are the square roots of the eigenvalues of AᵀA",
        )

    return run(text)


@register(
    "svd.singular_values",
    4,
    "4.5",
    "singular values via the eigenvalues of AᵀA",
    _singular_values_check,
    skills=("SVD",),
)
def _singular_values(rng: random.Random, difficulty: int) -> dict:
    # Orthogonal factors from the 3-4-5 triple keep AᵀA's eigenvalues perfect squares.
    sigma = sorted(rng.sample(range(1, 6), 2), reverse=True)
    U = Matrix([[Fraction(3, 5), Fraction(-4, 5)], [Fraction(4, 5), Fraction(3, 5)]])
    V = (
        Matrix([[1, 0], [0, 1]])
        if difficulty == 1
        else Matrix([[Fraction(4, 5), Fraction(3, 5)], [Fraction(-3, 5), Fraction(4, 5)]])
    )
    A = U @ Matrix([[sigma[0], 0], [0, sigma[1]]]) @ V.T
    ata = A.T @ A
    result = eigenvectors(ata)
    return {
        "prompt": matrix_prompt_text("Give the singular values of", A),
        "answer": tuple(float(s) for s in sigma),
        "answer_text": ", ".join(str(s) for s in sigma),
        "solution": result.steps,
        "data": {},
    }
