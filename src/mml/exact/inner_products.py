"""Inner products, lengths, distances and angles, exactly, under the dot product or a given
symmetric positive definite matrix (book §3.2–3.4).

``⟨x, y⟩_A = xᵀ A y``; ``‖x‖_A = √⟨x, x⟩_A``; ``d(x, y) = ‖x − y‖_A``;
``cos ω = ⟨x, y⟩_A / (‖x‖_A ‖y‖_A)``. Lengths and cosines are :class:`~mml.exact.surd.Surd`
numbers, so ``√14`` stays ``√14``.

Examples
--------
>>> inner_product((1, 2), (3, 4)).value
Fraction(11, 1)
>>> print(length((1, 2, 3)).value)
√14
>>> print(angle((1, 1), (1, 0)).exact)
π/4
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from mml.errors import DomainError, ShapeError
from mml.exact.cholesky import cholesky, first_asymmetry
from mml.exact.matrix import Matrix, as_matrix, as_vector
from mml.exact.results import ExactResult
from mml.exact.surd import Surd, sqrt
from mml.exact.vectors import vector_latex, vector_text
from mml.steps import Derivation, MathText, Step, fraction_latex, fraction_text

__all__ = [
    "inner_product",
    "length",
    "distance",
    "angle",
    "Angle",
    "are_orthogonal",
    "as_inner_product_matrix",
    "inner_product_value",
    "is_inner_product",
]


def as_inner_product_matrix(A: Any, n: int) -> Matrix | None:
    """The one validator for the matrix of an inner product on ℚⁿ: n×n, symmetric, and
    positive definite (every Cholesky pivot > 0). ``None`` stands for the dot product.

    Raises
    ------
    ShapeError
        If ``A`` is not n×n.
    DomainError
        If ``A`` is not symmetric or not positive definite (the message names why).

    >>> as_inner_product_matrix("1 2; 2 1", 2)
    Traceback (most recent call last):
        ...
    mml.errors.DomainError: A is not positive definite (Cholesky pivot 2 is -3 ≤ 0), so ⟨x, y⟩ = xᵀAy is not an inner product
    """
    if A is None:
        return None
    matrix = as_matrix(A, "A")
    if matrix.shape != (n, n):
        raise ShapeError(f"A has shape {matrix.shape}; an inner product on ℚ^{n} needs {n}×{n}")
    asymmetry = first_asymmetry(matrix)
    if asymmetry is not None:
        i, j = asymmetry
        raise DomainError(
            f"A is not symmetric (a{i + 1}{j + 1} = {fraction_text(matrix[i, j])}, "
            f"a{j + 1}{i + 1} = {fraction_text(matrix[j, i])}), so xᵀAy is not an inner product"
        )
    factor = cholesky(matrix)
    if not factor.positive_definite:
        j = factor.failed_at
        pivot = factor.steps[-1].data["pivot"]
        raise DomainError(
            f"A is not positive definite (Cholesky pivot {j + 1} is {fraction_text(pivot)} ≤ 0), "
            "so ⟨x, y⟩ = xᵀAy is not an inner product"
        )
    return matrix


def inner_product_value(x: Sequence[Fraction], y: Sequence[Fraction], A: Matrix | None) -> Fraction:
    """``xᵀAy`` (or ``xᵀy`` for ``A = None``) with no steps, for validated input."""
    if A is not None:
        y = A @ tuple(y)
    return sum((a * b for a, b in zip(x, y)), Fraction(0))


def _pair(x: Any, y: Any) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
    u, v = as_vector(x, "x"), as_vector(y, "y")
    if len(u) != len(v):
        raise ShapeError(f"x has {len(u)} entries but y has {len(v)}")
    if not u:
        raise ShapeError("x and y are empty; an inner product needs at least one coordinate")
    return u, v


def _paren(value: Fraction) -> str:
    text = fraction_text(value)
    return f"({text})" if value < 0 or "/" in text else text


def _inner_steps(
    derivation: Derivation, u: tuple, v: tuple, A: Matrix | None, label: str
) -> Fraction:
    label_latex = label.replace("⟨", r"\langle ").replace("⟩", r" \rangle")
    first, second = label.strip("⟨⟩").split(", ")
    if A is None:
        value = inner_product_value(u, v, None)
        terms = " + ".join(f"{_paren(a)}·{_paren(b)}" for a, b in zip(u, v))
        derivation.add(
            Step(
                "dot_product",
                MathText(
                    f"{label} = {terms} = {fraction_text(value)}",
                    rf"{label_latex} = {fraction_latex(value)}",
                ),
                data={"value": value},
            )
        )
        return value
    Av = A @ v
    derivation.add(
        Step(
            "matrix_times_vector",
            MathText(
                f"A·{vector_text(v)} = {vector_text(Av)}",
                rf"A {vector_latex(v)} = {vector_latex(Av)}",
            ),
        )
    )
    value = inner_product_value(u, Av, None)
    terms = " + ".join(f"{_paren(a)}·{_paren(b)}" for a, b in zip(u, Av))
    derivation.add(
        Step(
            "dot_product",
            MathText(
                f"{label} = {first}ᵀ(A {second}) = {terms} = {fraction_text(value)}",
                rf"{label_latex} = {first}^\top (A {second}) = {fraction_latex(value)}",
            ),
            data={"value": value},
        )
    )
    return value


def inner_product(x: Any, y: Any, A: Any = None) -> ExactResult:
    """The inner product ``⟨x, y⟩ = xᵀ A y`` (the dot product when ``A`` is None), §3.2.

    Parameters
    ----------
    x, y : vector-like, length n
    A : matrix-like, shape (n, n), optional
        Symmetric positive definite.

    Returns
    -------
    ExactResult
        ``value`` (a Fraction) and ``steps``.

    Raises
    ------
    ShapeError
        If the lengths differ or ``A`` is not n×n.
    DomainError
        If ``A`` is not symmetric positive definite.

    Examples
    --------
    >>> inner_product((1, 1), (-1, 1), A="2 -1; -1 2").value
    Fraction(0, 1)
    """
    u, v = _pair(x, y)
    matrix = as_inner_product_matrix(A, len(u))
    derivation = Derivation(
        "Inner product ⟨x, y⟩ = " + ("xᵀy" if matrix is None else "xᵀAy"), given=matrix
    )
    value = _inner_steps(derivation, u, v, matrix, "⟨x, y⟩")
    derivation.result = MathText(
        f"⟨x, y⟩ = {fraction_text(value)}", rf"\langle x, y \rangle = {fraction_latex(value)}"
    )
    return ExactResult(value, derivation, "dot" if matrix is None else "matrix")


def length(x: Any, A: Any = None) -> ExactResult:
    """The induced norm ``‖x‖ = √⟨x, x⟩`` (§3.3), exactly as a :class:`Surd`.

    Raises
    ------
    ShapeError, DomainError
        As for :func:`inner_product`.

    Examples
    --------
    >>> print(length((1, 1), A="2 -1; -1 2").value)
    √2
    """
    u = as_vector(x, "x")
    if not u:
        raise ShapeError("x is empty")
    matrix = as_inner_product_matrix(A, len(u))
    derivation = Derivation(f"Length of x = {vector_text(u)}", given=matrix)
    squared = _inner_steps(derivation, u, u, matrix, "⟨x, x⟩")
    value = sqrt(squared)
    derivation.result = MathText(
        f"‖x‖ = √{_paren(squared)} = {value}",
        rf"\|x\| = \sqrt{{{fraction_latex(squared)}}} = {value.__mml_latex__()}",
    )
    return ExactResult(value, derivation, "dot" if matrix is None else "matrix")


def distance(x: Any, y: Any, A: Any = None) -> ExactResult:
    """The distance ``d(x, y) = ‖x − y‖`` under the inner product (§3.3).

    >>> print(distance((1, 2), (4, 6)).value)
    5
    """
    u, v = _pair(x, y)
    difference = tuple(a - b for a, b in zip(u, v))
    inner = length(difference, A)
    derivation = Derivation(f"Distance between {vector_text(u)} and {vector_text(v)}")
    derivation.add(
        Step(
            "difference",
            MathText(
                f"x − y = {vector_text(difference)}",
                rf"x - y = {vector_latex(difference)}",
            ),
        )
    )
    derivation.extend(inner.steps)
    derivation.result = MathText(
        f"d(x, y) = {inner.value}", rf"d(x, y) = {inner.value.__mml_latex__()}"
    )
    return ExactResult(inner.value, derivation, inner.method)


# cos ω for the angles a student knows by name: cos ω ↦ (text, LaTeX)
_NAMED_ANGLES: dict[Surd, tuple[str, str]] = {
    Surd(1): ("0", "0"),
    Surd(Fraction(1, 2), 3): ("π/6", r"\frac{\pi}{6}"),
    Surd(Fraction(1, 2), 2): ("π/4", r"\frac{\pi}{4}"),
    Surd(Fraction(1, 2)): ("π/3", r"\frac{\pi}{3}"),
    Surd(0): ("π/2", r"\frac{\pi}{2}"),
    Surd(Fraction(-1, 2)): ("2π/3", r"\frac{2\pi}{3}"),
    Surd(Fraction(-1, 2), 2): ("3π/4", r"\frac{3\pi}{4}"),
    Surd(Fraction(-1, 2), 3): ("5π/6", r"\frac{5\pi}{6}"),
    Surd(-1): ("π", r"\pi"),
}


@dataclass(frozen=True)
class Angle:
    """The angle ω between two vectors.

    Attributes
    ----------
    cosine : Surd
        ``cos ω``, exactly.
    radians : float
        ``ω = arccos(cos ω)`` in ``[0, π]``.
    exact : MathText or None
        ``ω`` as a multiple of π when it is one of the named angles (π/6, π/4, ...).
    steps : Derivation
    """

    cosine: Surd
    radians: float
    exact: MathText | None
    steps: Derivation

    @property
    def value(self) -> float:
        return self.radians

    @property
    def degrees(self) -> float:
        return math.degrees(self.radians)

    def __str__(self) -> str:
        return self.steps.render("text")

    def _repr_markdown_(self) -> str:
        return self.steps.render("markdown")


def angle(x: Any, y: Any, A: Any = None) -> Angle:
    """The angle ω between ``x`` and ``y``: ``cos ω = ⟨x, y⟩ / (‖x‖ ‖y‖)`` (book §3.4).

    Parameters
    ----------
    x, y : vector-like, nonzero, length n
    A : matrix-like, shape (n, n), optional
        Symmetric positive definite; the dot product when omitted.

    Returns
    -------
    Angle
        ``cosine`` (exact), ``radians``, ``exact`` (π/4, ... when named), ``steps``.

    Raises
    ------
    DomainError
        If ``x`` or ``y`` is the zero vector (no angle is defined), or ``A`` is not SPD.
    ShapeError
        If the lengths differ.

    Examples
    --------
    >>> result = angle((1, 1), (-1, 1), A="2 -1; -1 2")
    >>> print(result.cosine, result.exact)
    0 π/2
    >>> print(angle((1, 0, 0), (1, 1, 1)).cosine)
    √3/3
    """
    u, v = _pair(x, y)
    if not any(u) or not any(v):
        raise DomainError("the angle with the zero vector is not defined")
    matrix = as_inner_product_matrix(A, len(u))
    derivation = Derivation("Angle between x and y: cos ω = ⟨x, y⟩ / (‖x‖·‖y‖)", given=matrix)
    inner = _inner_steps(derivation, u, v, matrix, "⟨x, y⟩")
    xx = _inner_steps(derivation, u, u, matrix, "⟨x, x⟩")
    yy = _inner_steps(derivation, v, v, matrix, "⟨y, y⟩")
    cosine = inner / sqrt(xx * yy)
    derivation.add(
        Step(
            "cosine",
            MathText(
                f"cos ω = {fraction_text(inner)} / (√{_paren(xx)}·√{_paren(yy)}) = {cosine}",
                rf"\cos\omega = \frac{{{fraction_latex(inner)}}}{{\sqrt{{{fraction_latex(xx)}}}"
                rf"\sqrt{{{fraction_latex(yy)}}}}} = {cosine.__mml_latex__()}",
            ),
            data={"cosine": cosine},
        )
    )
    radians = math.acos(max(-1.0, min(1.0, float(cosine))))
    named = _NAMED_ANGLES.get(cosine)
    exact = MathText(*named) if named else None
    shown = named[0] if named else f"arccos({cosine}) ≈ {radians:.6g}"
    shown_latex = named[1] if named else rf"\arccos({cosine.__mml_latex__()}) \approx {radians:.6g}"
    derivation.result = MathText(
        f"ω = {shown} rad ({math.degrees(radians):.6g}°)", rf"\omega = {shown_latex}"
    )
    if inner == 0:
        derivation.conclusion.append("⟨x, y⟩ = 0: x and y are orthogonal under this inner product.")
    return Angle(cosine, radians, exact, derivation)


def are_orthogonal(x: Any, y: Any, A: Any = None) -> ExactResult:
    """Whether ``⟨x, y⟩ = 0`` under the inner product (book §3.4); ``value`` is a bool.

    The same pair can be orthogonal under one inner product and not under another:

    >>> are_orthogonal((1, 1), (-1, 1)).value, are_orthogonal((1, 1), (-1, 1), A="2 0; 0 1").value
    (True, False)
    """
    result = inner_product(x, y, A)
    orthogonal = result.value == 0
    result.steps.result = "orthogonal" if orthogonal else "not orthogonal"
    return ExactResult(orthogonal, result.steps, result.method)


def is_inner_product(A: Any) -> ExactResult:
    """Whether ``⟨x, y⟩ = xᵀAy`` is an inner product: ``A`` symmetric and positive definite
    (book §3.2.3), decided by the symmetry check and then the Cholesky pivots.

    Returns
    -------
    ExactResult
        ``value`` (a bool) and ``steps``.

    Raises
    ------
    ShapeError
        If ``A`` is not square.

    Examples
    --------
    >>> is_inner_product("9 6; 6 5").value, is_inner_product("9 6; 6 3").value
    (True, False)
    """
    matrix = as_matrix(A, "A")
    factor = cholesky(matrix)
    derivation = Derivation("Is ⟨x, y⟩ = xᵀAy an inner product?", given=matrix)
    derivation.add(
        Step(
            "criterion",
            "xᵀAy is an inner product exactly when A is symmetric (⟨x, y⟩ = ⟨y, x⟩) and "
            "positive definite (⟨x, x⟩ > 0 for x ≠ 0): Cholesky succeeds with positive pivots.",
        )
    )
    derivation.extend(factor.steps)
    verdict = factor.positive_definite
    derivation.result = "an inner product" if verdict else "not an inner product"
    derivation.conclusion.append(
        "A is symmetric positive definite." if verdict else "A is not symmetric positive definite."
    )
    return ExactResult(verdict, derivation, "cholesky")
