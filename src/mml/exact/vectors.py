"""Small exact-vector tools shared by the Paper functions."""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

from mml.steps import MathText, fraction_latex, fraction_text

__all__ = ["smallest_integer_vector", "vector_text", "vector_latex", "dot"]


def smallest_integer_vector(
    vector: Sequence[Fraction], positive_at: int | None = None
) -> tuple[Fraction, ...]:
    """The smallest integer multiple of ``vector`` with no common factor.

    The sign is chosen so that entry ``positive_at`` (default: the first nonzero entry)
    is positive.

    >>> smallest_integer_vector([Fraction(-5, 16), Fraction(13, 32), Fraction(1)], positive_at=2)
    (Fraction(-10, 1), Fraction(13, 1), Fraction(32, 1))
    """
    values = [Fraction(v) for v in vector]
    if not any(values):
        return tuple(values)
    scale = math.lcm(*(v.denominator for v in values))
    integers = [int(v * scale) for v in values]
    divisor = math.gcd(*integers)
    integers = [a // divisor for a in integers]
    anchor = (
        positive_at if positive_at is not None else next(i for i, a in enumerate(integers) if a)
    )
    if integers[anchor] < 0:
        integers = [-a for a in integers]
    return tuple(Fraction(a) for a in integers)


def dot(u: Sequence[Fraction], v: Sequence[Fraction]) -> Fraction:
    """The dot product ``uᵀv`` in exact arithmetic."""
    return sum((a * b for a, b in zip(u, v)), Fraction(0))


def vector_text(vector: Sequence[Fraction]) -> str:
    """``(1, -1/2, 3)``"""
    return "(" + ", ".join(fraction_text(v) for v in vector) + ")"


def vector_latex(vector: Sequence[Fraction]) -> str:
    r"""A column vector in LaTeX (``pmatrix``)."""
    return r"\begin{pmatrix} " + r" \\ ".join(fraction_latex(v) for v in vector) + r" \end{pmatrix}"


def combination(
    point: Sequence[Fraction] | None, directions: Sequence[Sequence[Fraction]], names: Sequence[str]
) -> MathText:
    """``p + t1·d1 + t2·d2`` as text and LaTeX (``point`` may be ``None`` for a span)."""
    text_parts = [vector_text(point)] if point is not None else []
    latex_parts = [vector_latex(point)] if point is not None else []
    for name, direction in zip(names, directions):
        text_parts.append(f"{name}·{vector_text(direction)}")
        latex_parts.append(f"{name} {vector_latex(direction)}")
    if not text_parts:
        zero = [Fraction(0)] * (len(point) if point is not None else 0)
        return MathText(vector_text(zero), vector_latex(zero))
    return MathText(" + ".join(text_parts), " + ".join(latex_parts))
