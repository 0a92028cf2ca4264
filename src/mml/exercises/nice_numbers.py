"""Recipes for nice numbers: exercises are built backwards from a chosen answer
(CURRICULUM.md §0.2), so every intermediate stays a small integer or a simple fraction."""

from __future__ import annotations

import random
from fractions import Fraction

from mml.exact.matrix import Matrix

__all__ = [
    "small_integer",
    "integer_vector",
    "unimodular_matrix",
    "matrix_with_determinant",
    "matrix_of_rank",
]


def small_integer(rng: random.Random, bound: int, nonzero: bool = False) -> int:
    """An integer in [−bound, bound] (never 0 when ``nonzero``)."""
    while True:
        value = rng.randint(-bound, bound)
        if value or not nonzero:
            return value


def integer_vector(rng: random.Random, n: int, bound: int) -> tuple[Fraction, ...]:
    """A vector of n small integers (not all zero)."""
    while True:
        vector = tuple(Fraction(small_integer(rng, bound)) for _ in range(n))
        if any(vector):
            return vector


def unimodular_matrix(
    rng: random.Random, n: int, operations: int | None = None, bound: int = 6
) -> Matrix:
    """An n×n integer matrix with determinant ±1 (so its inverse is an integer matrix too):
    a product of elementary integer row operations and swaps, with entries kept ≤ ``bound``."""
    while True:
        rows = [[1 if i == j else 0 for j in range(n)] for i in range(n)]
        for _ in range(operations if operations is not None else 2 * n + 1):
            i, j = rng.sample(range(n), 2) if n > 1 else (0, 0)
            if n == 1:
                break
            if rng.random() < 0.2:
                rows[i], rows[j] = rows[j], rows[i]
            else:
                factor = small_integer(rng, 2, nonzero=True)
                rows[i] = [a + factor * b for a, b in zip(rows[i], rows[j])]
        if n == 1 and rng.random() < 0.5:
            rows = [[-1]]
        if max(abs(a) for row in rows for a in row) <= bound:
            return Matrix(rows)


def matrix_with_determinant(rng: random.Random, n: int, determinant: int) -> Matrix:
    """An n×n integer matrix with the given determinant: a unimodular matrix times a
    diagonal matrix ``diag(d, 1, …, 1)`` mixed by a second unimodular matrix."""
    left, right = unimodular_matrix(rng, n), unimodular_matrix(rng, n)
    diagonal = Matrix(
        [[determinant if i == j == 0 else int(i == j) for j in range(n)] for i in range(n)]
    )
    product = left @ diagonal @ right
    assert isinstance(product, Matrix)
    sign = 1
    from mml.exact.determinant import det

    if det(product, method="elimination").value != determinant:
        sign = -1
    if sign == -1:  # a swap of two rows of ``left`` flipped the sign: undo it on the first row
        product = Matrix([[-a for a in product.row(0)], *[list(r) for r in product.rows[1:]]])
    return product


def matrix_of_rank(rng: random.Random, m: int, n: int, rank: int, bound: int = 3) -> Matrix:
    """An m×n integer matrix of exactly the given rank: ``C R`` with C m×r and R r×n."""
    from mml.exact.spaces import rank as rank_of

    while True:
        C = Matrix([[small_integer(rng, bound) for _ in range(rank)] for _ in range(m)])
        R = Matrix([[small_integer(rng, bound) for _ in range(n)] for _ in range(rank)])
        A = C @ R
        assert isinstance(A, Matrix)
        no_zero_lines = all(any(row) for row in A.rows) and all(any(col) for col in A.columns)
        no_zero_lines = no_zero_lines and len(set(A.rows)) == m  # no repeated equation either
        small = max(abs(a) for row in A.rows for a in row) <= 4 * bound * bound
        if rank_of(A) == rank and small and no_zero_lines:
            return A
