"""Chapter 2 exercises: linear systems, elimination, inverses, determinants, spaces (book §2, §4.1).

Every generator picks the answer first (CURRICULUM §0.2) and builds the question from it.
"""

from __future__ import annotations

import random
from fractions import Fraction

from mml import exact
from mml.exact.matrix import Matrix
from mml.exact.systems import _equation_text
from mml.exact.vectors import vector_text
from mml.exercises.checking import (
    answer_is_matrix,
    answer_is_number,
    answer_is_vector,
    check_same_affine,
    check_same_subspace,
    check_verdict,
)
from mml.exercises.core import Exercise, Feedback, register
from mml.exercises.nice_numbers import (
    integer_vector,
    matrix_of_rank,
    matrix_with_determinant,
    small_integer,
    unimodular_matrix,
)
from mml.steps import MathText, latex_value, text_value

NAMES = ("x", "y", "z", "w")


def variable_names(n: int) -> tuple[str, ...]:
    return NAMES[:n] if n <= len(NAMES) else tuple(f"x{i + 1}" for i in range(n))


def system_prompt(A: Matrix, b: tuple[Fraction, ...], instruction: str) -> MathText:
    names = variable_names(A.shape[1])
    equations = [_equation_text(row, value, names) for row, value in zip(A.rows, b)]
    text = instruction + "\n" + "\n".join(f"  {e.text}" for e in equations)
    latex = (
        instruction
        + r" $$\begin{aligned} "
        + r" \\ ".join(e.latex.replace("=", "&=") for e in equations)
        + r" \end{aligned}$$"
    )
    return MathText(text, latex)


def matrix_prompt(instruction: str, A: Matrix, after: str = "") -> MathText:
    return MathText(
        f"{instruction}\n{text_value(A)}{after}", f"{instruction} $${latex_value(A)}$${after}"
    )


def _size(difficulty: int) -> int:
    return {1: 2, 2: 3}.get(difficulty, 4)


# -- linear systems -------------------------------------------------------------------------------
def _check_unique(exercise: Exercise, text: str) -> Feedback:
    return check_same_affine(
        exercise.data["A"], exercise.data["b"], exercise.data["variables"], text
    )


@register(
    "linear_system.unique",
    2,
    "2.3",
    "a square system with exactly one solution",
    _check_unique,
    skills=("Gaussian elimination",),
)
def _linear_system_unique(rng: random.Random, difficulty: int) -> dict:
    n = _size(difficulty)
    determinant = rng.choice([1, -1, 2, -2, 3, 5, -5, 10][: 2 + 2 * difficulty])
    A = matrix_with_determinant(rng, n, determinant)
    x = integer_vector(rng, n, 4)
    if difficulty >= 2:  # fractional answers with small denominators, as in the lecture's P2
        x = tuple(v / abs(determinant) if i == 0 else v for i, v in enumerate(x))
    b = A @ x
    names = variable_names(n)
    solution = exact.solve((A, b), variables=names)
    return {
        "prompt": system_prompt(A, b, "Solve the system by Gaussian elimination:"),
        "answer": x,
        "answer_text": vector_text(x),
        "solution": solution.steps,
        "data": {"A": A, "b": tuple(b), "variables": names},
    }


@register(
    "linear_system.infinite",
    2,
    "2.3",
    "a rank-deficient system: particular solution + span",
    _check_unique,
    skills=("Minus-1 trick", "general solution"),
)
def _linear_system_infinite(rng: random.Random, difficulty: int) -> dict:
    n = _size(difficulty) + (1 if difficulty == 3 else 0)
    r = max(1, n - (1 if difficulty < 3 else 2))
    A = matrix_of_rank(rng, n if difficulty > 1 else n, n, r, bound=2)
    x = integer_vector(rng, n, 3)
    b = A @ x
    names = variable_names(n)
    solution = exact.solve((A, b), variables=names)
    return {
        "prompt": system_prompt(
            A, b, "Find all solutions (particular solution + span of directions):"
        ),
        "answer": (solution.particular, solution.directions),
        "answer_text": exact.AffineSubspace(solution.particular, solution.directions).__str__(),
        "solution": solution.steps,
        "data": {"A": A, "b": tuple(b), "variables": names},
    }


@register(
    "linear_system.underdetermined",
    2,
    "2.8",
    "fewer equations than unknowns: a line or plane of solutions",
    _check_unique,
    skills=("free variables",),
)
def _linear_system_underdetermined(rng: random.Random, difficulty: int) -> dict:
    n = difficulty + 1
    m = n - 1
    A = matrix_of_rank(rng, m, n, m, bound=3)
    x = integer_vector(rng, n, 3)
    b = A @ x
    solution = exact.solve((A, b), variables=variable_names(n))
    return {
        "prompt": system_prompt(A, b, "Describe every solution of:"),
        "answer": (solution.particular, solution.directions),
        "answer_text": str(solution.solution_set),
        "solution": solution.steps,
        "data": {"A": A, "b": tuple(b), "variables": variable_names(n)},
    }


def _check_classify(exercise: Exercise, text: str) -> Feedback:
    return check_verdict(exercise.answer, text, ("unique", "infinite", "none"))


@register(
    "linear_system.classify",
    2,
    "2.1",
    "how many solutions: one, infinitely many, or none",
    _check_classify,
    skills=("rank", "consistency"),
)
def _linear_system_classify(rng: random.Random, difficulty: int) -> dict:
    n = _size(difficulty)
    kind = rng.choice(["unique", "infinite", "none"])
    if kind == "unique":
        A = matrix_with_determinant(rng, n, rng.choice([1, -1, 2]))
        b = A @ integer_vector(rng, n, 3)
    else:
        A = matrix_of_rank(rng, n, n, n - 1, bound=2)
        b = A @ integer_vector(rng, n, 3)
        if kind == "none":
            while True:
                shifted = tuple(
                    v + (1 if i == 0 else 0) * rng.choice([1, 2, -1]) for i, v in enumerate(b)
                )
                if exact.solve((A, shifted)).kind == "none":
                    b = shifted
                    break
                b = tuple(v + small_integer(rng, 2) for v in b)
    solution = exact.solve((A, b), variables=variable_names(n))
    return {
        "prompt": system_prompt(
            A, tuple(b), "Does this system have one solution, infinitely many, or none?"
        ),
        "answer": solution.kind,
        "answer_text": {"unique": "unique", "infinite": "infinitely many", "none": "no solution"}[
            solution.kind
        ],
        "solution": solution.steps,
        "data": {"A": A, "b": tuple(b)},
    }


# -- elimination and matrices ------------------------------------------------------------------


@register(
    "rref", 2, "2.3", "reduced row echelon form", answer_is_matrix, skills=("row operations",)
)
def _rref(rng: random.Random, difficulty: int) -> dict:
    m, n = {1: (2, 3), 2: (3, 4)}.get(difficulty, (4, 5))
    A = matrix_of_rank(rng, m, n, m - (1 if difficulty >= 2 and rng.random() < 0.5 else 0), bound=2)
    result = exact.rref(A)
    return {
        "prompt": matrix_prompt("Bring the matrix to reduced row echelon form:", A),
        "answer": result.matrix,
        "answer_text": "["
        + ", ".join("[" + ", ".join(text_value(v) for v in row) + "]" for row in result.matrix.rows)
        + "]",
        "solution": result.steps,
        "data": {"A": A},
    }


def _matrix_text(matrix: Matrix) -> str:
    return (
        "["
        + ", ".join("[" + ", ".join(text_value(v) for v in row) + "]" for row in matrix.rows)
        + "]"
    )


@register(
    "matrix.inverse",
    2,
    "2.2",
    "the inverse by Gauss–Jordan",
    answer_is_matrix,
    skills=("Gauss–Jordan",),
)
def _matrix_inverse(rng: random.Random, difficulty: int) -> dict:
    n = _size(difficulty)
    A = (
        unimodular_matrix(rng, n)
        if difficulty < 3
        else matrix_with_determinant(rng, n, rng.choice([2, -2]))
    )
    result = exact.inverse(A)
    return {
        "prompt": matrix_prompt("Find the inverse by Gauss–Jordan elimination on [A | I]:", A),
        "answer": result.value,
        "answer_text": _matrix_text(result.value),
        "solution": result.steps,
        "data": {"A": A},
    }


@register(
    "matrix.product",
    2,
    "2.2",
    "a matrix product, entry by entry",
    answer_is_matrix,
    skills=("row times column",),
)
def _matrix_product(rng: random.Random, difficulty: int) -> dict:
    m, k, n = {1: (2, 2, 2), 2: (2, 3, 2)}.get(difficulty, (3, 3, 2))
    A = Matrix([[small_integer(rng, 4) for _ in range(k)] for _ in range(m)])
    B = Matrix([[small_integer(rng, 4) for _ in range(n)] for _ in range(k)])
    C = A @ B
    from mml.steps import Derivation, Step

    steps = Derivation("Matrix product: entry (i, j) is row i of A times column j of B")
    for i in range(m):
        for j in range(n):
            terms = " + ".join(
                f"{text_value(a)}·{text_value(b)}" for a, b in zip(A.row(i), B.column(j))
            )
            steps.add(
                Step("row_times_column", f"c{i + 1}{j + 1} = {terms} = {text_value(C[i, j])}")
            )
    steps.result = C
    return {
        "prompt": MathText(
            f"Compute A·B for\nA =\n{text_value(A)}\nB =\n{text_value(B)}",
            f"Compute $AB$ for $$A = {latex_value(A)}, \\quad B = {latex_value(B)}$$",
        ),
        "answer": C,
        "answer_text": _matrix_text(C),
        "solution": steps,
        "data": {"A": A, "B": B},
    }


@register(
    "determinant.cofactor",
    4,
    "4.1",
    "a determinant by Laplace expansion",
    answer_is_number,
    skills=("cofactor expansion",),
)
def _determinant_cofactor(rng: random.Random, difficulty: int) -> dict:
    n = _size(difficulty) + (1 if difficulty >= 2 else 0) - (1 if difficulty == 3 else 0)
    n = max(2, min(n, 4))
    rows = [[small_integer(rng, 4) for _ in range(n)] for _ in range(n)]
    for _ in range(n - 1):  # a few zeros make a good expansion line
        rows[rng.randrange(n)][rng.randrange(n)] = 0
    A = Matrix(rows)
    result = exact.det(A, method="cofactor")
    return {
        "prompt": matrix_prompt("Compute the determinant by cofactor expansion:", A),
        "answer": result.value,
        "answer_text": text_value(result.value),
        "solution": result.steps,
        "data": {"A": A},
    }


@register(
    "determinant.elimination",
    4,
    "4.1",
    "a determinant by row reduction",
    answer_is_number,
    skills=("elimination", "sign of swaps"),
)
def _determinant_elimination(rng: random.Random, difficulty: int) -> dict:
    n = _size(difficulty) + 1
    A = matrix_with_determinant(rng, n, rng.choice([1, -1, 2, -3, 4, 6]))
    result = exact.det(A, method="elimination")
    return {
        "prompt": matrix_prompt("Compute the determinant by Gaussian elimination:", A),
        "answer": result.value,
        "answer_text": text_value(result.value),
        "solution": result.steps,
        "data": {"A": A},
    }


# -- spaces ---------------------------------------------------------------------------------------
def _check_subspace(exercise: Exercise, text: str) -> Feedback:
    return check_same_subspace(exercise.answer, text, exercise.data["n"])


def _basis_text(vectors: tuple) -> str:
    return "{" + ", ".join(vector_text(v) for v in vectors) + "}" if vectors else "{}"


@register(
    "basis.null_space",
    2,
    "2.6",
    "a basis of the null space",
    _check_subspace,
    skills=("Minus-1 trick",),
)
def _basis_null_space(rng: random.Random, difficulty: int) -> dict:
    m, n = {1: (2, 3), 2: (3, 4)}.get(difficulty, (3, 5))
    A = matrix_of_rank(rng, m, n, m - (1 if difficulty == 3 else 0), bound=2)
    result = exact.null_space(A)
    return {
        "prompt": matrix_prompt("Find a basis of the null space of", A),
        "answer": result.basis,
        "answer_text": _basis_text(result.basis),
        "solution": result.steps,
        "data": {"A": A, "n": n},
    }


@register(
    "basis.column_space",
    2,
    "2.6",
    "a basis of the column space",
    _check_subspace,
    skills=("pivot columns",),
)
def _basis_column_space(rng: random.Random, difficulty: int) -> dict:
    m, n = {1: (2, 3), 2: (3, 3)}.get(difficulty, (4, 4))
    A = matrix_of_rank(rng, m, n, max(1, min(m, n) - 1), bound=2)
    result = exact.column_space(A)
    return {
        "prompt": matrix_prompt("Find a basis of the column space (image) of", A),
        "answer": result.basis,
        "answer_text": _basis_text(result.basis),
        "solution": result.steps,
        "data": {"A": A, "n": m},
    }


@register("rank", 2, "2.6", "the rank of a matrix", answer_is_number, skills=("pivots",))
def _rank(rng: random.Random, difficulty: int) -> dict:
    m, n = {1: (3, 3), 2: (3, 4)}.get(difficulty, (4, 5))
    r = rng.randint(1, min(m, n))
    A = matrix_of_rank(rng, m, n, r, bound=2)
    result = exact.row_echelon_form(A)
    return {
        "prompt": matrix_prompt("What is the rank of", A, "?"),
        "answer": Fraction(result.rank),
        "answer_text": str(result.rank),
        "solution": result.steps,
        "data": {"A": A},
    }


def _check_membership(exercise: Exercise, text: str) -> Feedback:
    vectors, target = exercise.data["vectors"], exercise.data["target"]
    expected = "yes" if exercise.answer is not None else "no"
    verdict_text, _, coefficients_text = text.partition(":")
    verdict = check_verdict(expected, verdict_text, ("yes", "no"))
    if not verdict.correct or expected == "no":
        return verdict
    if not coefficients_text.strip():
        return Feedback(
            False,
            0.5,
            "yes is right; now give coefficients as 'yes: (c1, c2, …)'",
            "solve [v1 … vk] c = v",
        )
    from mml.exercises.answers import parse_vector_answer

    try:
        c = parse_vector_answer(coefficients_text)
    except Exception as error:  # noqa: BLE001 - MMLError subclasses; shown to the student
        return Feedback(False, 0.5, f"could not read the coefficients: {error}", "")
    if len(c) != len(vectors):
        return Feedback(False, 0.5, f"give {len(vectors)} coefficients", "")
    combination = tuple(
        sum((ci * v[i] for ci, v in zip(c, vectors)), Fraction(0)) for i in range(len(target))
    )
    if combination == tuple(target):
        return Feedback(
            True,
            1.0,
            "right: the combination gives the vector (any valid coefficients are accepted)",
        )
    return Feedback(
        False,
        0.5,
        f"your combination gives {vector_text(combination)}, not {vector_text(target)}",
        "",
    )


@register(
    "span.membership",
    2,
    "2.4",
    "is a vector in a span? with coefficients",
    _check_membership,
    skills=("linear combinations",),
)
def _span_membership(rng: random.Random, difficulty: int) -> dict:
    n, k = {1: (3, 2), 2: (3, 2)}.get(difficulty, (4, 3))
    vectors = [integer_vector(rng, n, 3) for _ in range(k)]
    while exact.rank(Matrix.from_columns(vectors)) < k:
        vectors = [integer_vector(rng, n, 3) for _ in range(k)]
    if rng.random() < 0.6:
        c = integer_vector(rng, k, 3)
        target = tuple(sum((ci * v[i] for ci, v in zip(c, vectors)), Fraction(0)) for i in range(n))
    else:
        target = integer_vector(rng, n, 4)
    membership = exact.in_span(target, vectors)
    listed = ", ".join(vector_text(v) for v in vectors)
    return {
        "prompt": MathText(
            f"Is v = {vector_text(target)} in span{{{listed}}}? Answer 'yes: (coefficients)' or 'no'.",
            f"Is $v = {latex_value(target)}$ in the span of "
            + ", ".join(f"${latex_value(v)}$" for v in vectors)
            + "? Answer `yes: (coefficients)` or `no`.",
        ),
        "answer": membership.coefficients,
        "answer_text": f"yes: {vector_text(membership.coefficients)}" if membership else "no",
        "solution": membership.steps,
        "data": {"vectors": vectors, "target": target},
    }


def _check_independence(exercise: Exercise, text: str) -> Feedback:
    return check_verdict(exercise.answer, text, ("yes", "no"))


@register(
    "independence",
    2,
    "2.5",
    "are these vectors linearly independent?",
    _check_independence,
    skills=("pivots",),
)
def _independence(rng: random.Random, difficulty: int) -> dict:
    n = _size(difficulty) + 1
    k = n - (0 if rng.random() < 0.5 else 1)
    dependent = rng.random() < 0.5
    A = matrix_of_rank(rng, n, k, k - 1 if dependent else k, bound=2)
    vectors = A.columns
    result = exact.is_linearly_independent(vectors)
    return {
        "prompt": MathText(
            "Are these vectors linearly independent (yes/no)? "
            + ", ".join(vector_text(v) for v in vectors),
            "Are these vectors linearly independent (yes/no)? "
            + ", ".join(f"${latex_value(v)}$" for v in vectors),
        ),
        "answer": "yes" if result else "no",
        "answer_text": "yes" if result else "no",
        "solution": result.steps,
        "data": {"vectors": vectors},
    }


@register(
    "basis.coordinates",
    2,
    "2.6",
    "coordinates of a vector in a basis",
    answer_is_vector,
    skills=("change of basis",),
)
def _coordinates(rng: random.Random, difficulty: int) -> dict:
    n = _size(difficulty)
    B = unimodular_matrix(rng, n)
    c = integer_vector(rng, n, 3)
    v = B @ c
    result = exact.coordinates(v, B.columns)
    return {
        "prompt": MathText(
            f"Find the coordinates of v = {vector_text(v)} in the basis "
            + ", ".join(vector_text(b) for b in B.columns),
            f"Find the coordinates of $v = {latex_value(v)}$ in the basis "
            + ", ".join(f"${latex_value(b)}$" for b in B.columns),
        ),
        "answer": result.value,
        "answer_text": vector_text(result.value),
        "solution": result.steps,
        "data": {"B": B, "v": v},
    }


@register(
    "linear_map.transformation_matrix",
    2,
    "2.7",
    "the matrix of a linear map in new bases",
    answer_is_matrix,
    skills=("basis change",),
)
def _transformation_matrix(rng: random.Random, difficulty: int) -> dict:
    n = 2 if difficulty < 3 else 3
    A = Matrix([[small_integer(rng, 3) for _ in range(n)] for _ in range(n)])
    B = unimodular_matrix(rng, n)
    C = unimodular_matrix(rng, n) if difficulty > 1 else Matrix.identity(n)
    result = exact.transformation_matrix(A, B.columns, C.columns)
    return {
        "prompt": MathText(
            f"Φ(x) = A x with A =\n{text_value(A)}\nGive the matrix of Φ w.r.t. the basis B = "
            + ", ".join(vector_text(b) for b in B.columns)
            + " (domain) and C = "
            + ", ".join(vector_text(c) for c in C.columns)
            + " (codomain).",
            f"$\\Phi(x) = Ax$ with $$A = {latex_value(A)}.$$ Give the matrix of $\\Phi$ with respect to $B = ("
            + ", ".join(latex_value(b) for b in B.columns)
            + ")$ and $C = ("
            + ", ".join(latex_value(c) for c in C.columns)
            + ")$.",
        ),
        "answer": result.value,
        "answer_text": _matrix_text(result.value),
        "solution": result.steps,
        "data": {"A": A, "B": B, "C": C},
    }
