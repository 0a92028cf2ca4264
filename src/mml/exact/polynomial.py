"""Polynomials with rational coefficients, and their rational roots (book §4.2).

A characteristic polynomial ``p(λ) = det(A − λI)`` is a :class:`Polynomial`; its rational roots
come from the rational-root theorem (every rational root ``p/q`` in lowest terms of an integer
polynomial has ``p`` dividing the constant term and ``q`` dividing the leading coefficient),
each removed by synthetic division as often as it divides.

Examples
--------
>>> p = Polynomial([6, -5, 1])        # 6 − 5λ + λ²
>>> print(p)
λ² − 5λ + 6
>>> rational_roots(p).roots
((Fraction(2, 1), 1), (Fraction(3, 1), 1))
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from mml.errors import DomainError
from mml.exact.matrix import as_fraction
from mml.steps.mathtext import fraction_latex, fraction_text

__all__ = ["Polynomial", "RationalRoots", "rational_roots", "divisors"]

_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_MAX_CANDIDATE_DIVISORS = 20_000


class Polynomial:
    """An immutable polynomial ``c₀ + c₁λ + … + c_dλᵈ`` over ℚ.

    Parameters
    ----------
    coefficients : iterable of rationals
        From the constant term up; trailing zeros are dropped.
    variable : str
        The name used when printing (default ``λ``).

    Examples
    --------
    >>> x = Polynomial.variable_()
    >>> print((x - 2) * (x + 3))
    λ² + λ − 6
    >>> ((x - 2) * (x + 3))(2)
    Fraction(0, 1)
    """

    __slots__ = ("coefficients", "variable")

    def __init__(self, coefficients: Iterable[Any], variable: str = "λ") -> None:
        values = [as_fraction(c, "coefficient") for c in coefficients]
        while values and values[-1] == 0:
            values.pop()
        self.coefficients: tuple[Fraction, ...] = tuple(values)
        self.variable = variable

    @classmethod
    def variable_(cls, name: str = "λ") -> Polynomial:
        """The polynomial ``λ``."""
        return cls([0, 1], name)

    @classmethod
    def constant(cls, value: Any, name: str = "λ") -> Polynomial:
        return cls([value], name)

    @property
    def degree(self) -> int:
        """The degree (−1 for the zero polynomial)."""
        return len(self.coefficients) - 1

    @property
    def leading(self) -> Fraction:
        return self.coefficients[-1] if self.coefficients else Fraction(0)

    def _lift(self, other: Any) -> Polynomial:
        if isinstance(other, Polynomial):
            return other
        return Polynomial([other], self.variable)

    def __add__(self, other: Any) -> Polynomial:
        other = self._lift(other)
        size = max(len(self.coefficients), len(other.coefficients))
        a = self.coefficients + (Fraction(0),) * (size - len(self.coefficients))
        b = other.coefficients + (Fraction(0),) * (size - len(other.coefficients))
        return Polynomial([x + y for x, y in zip(a, b)], self.variable)

    __radd__ = __add__

    def __neg__(self) -> Polynomial:
        return Polynomial([-c for c in self.coefficients], self.variable)

    def __sub__(self, other: Any) -> Polynomial:
        return self + (-self._lift(other))

    def __rsub__(self, other: Any) -> Polynomial:
        return self._lift(other) - self

    def __mul__(self, other: Any) -> Polynomial:
        other = self._lift(other)
        if not self.coefficients or not other.coefficients:
            return Polynomial([], self.variable)
        product = [Fraction(0)] * (len(self.coefficients) + len(other.coefficients) - 1)
        for i, a in enumerate(self.coefficients):
            for j, b in enumerate(other.coefficients):
                product[i + j] += a * b
        return Polynomial(product, self.variable)

    __rmul__ = __mul__

    def __pow__(self, exponent: int) -> Polynomial:
        result = Polynomial([1], self.variable)
        for _ in range(exponent):
            result = result * self
        return result

    def __call__(self, value: Any) -> Any:
        """Evaluate by Horner's rule (exact for rationals)."""
        total: Any = Fraction(0)
        for c in reversed(self.coefficients):
            total = total * value + c
        return total

    def divide_by_root(self, root: Fraction) -> tuple[Polynomial, Fraction]:
        """Synthetic division by ``(λ − root)``: quotient and remainder ``p(root)``."""
        quotient: list[Fraction] = []
        carry = Fraction(0)
        for c in reversed(self.coefficients):
            carry = carry * root + c
            quotient.append(carry)
        remainder = quotient.pop() if quotient else Fraction(0)
        return Polynomial(reversed(quotient), self.variable), remainder

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Polynomial):
            return self.coefficients == other.coefficients
        try:
            return self.coefficients == Polynomial([other]).coefficients
        except (DomainError, TypeError, ValueError):
            return NotImplemented

    def __hash__(self) -> int:
        return hash(self.coefficients)

    # -- display ----------------------------------------------------------------------------
    def _terms(self, latex: bool) -> str:
        if not self.coefficients:
            return "0"
        pieces = []
        for power in range(self.degree, -1, -1):
            c = self.coefficients[power]
            if c == 0:
                continue
            size = abs(c)
            if latex:
                number = fraction_latex(size)
                var = (
                    ""
                    if power == 0
                    else (
                        self.variable_latex if power == 1 else f"{self.variable_latex}^{{{power}}}"
                    )
                )
            else:
                number = fraction_text(size)
                if "/" in number and power:
                    number = f"({number})"
                var = (
                    ""
                    if power == 0
                    else self.variable + (str(power).translate(_SUPERSCRIPTS) if power > 1 else "")
                )
            body = (
                var
                if size == 1 and power
                else number + ("" if not var else (" " if latex else "") + var)
            )
            if not pieces:
                pieces.append(("-" if c < 0 else "") + body)
            else:
                pieces.append(("- " if latex else "− ") + body if c < 0 else "+ " + body)
        return " ".join(pieces)

    @property
    def variable_latex(self) -> str:
        return r"\lambda" if self.variable == "λ" else self.variable

    def __mml_text__(self) -> str:
        return self._terms(latex=False)

    def __mml_latex__(self) -> str:
        return self._terms(latex=True)

    def __str__(self) -> str:
        return self.__mml_text__()

    def __repr__(self) -> str:
        return f"Polynomial({[fraction_text(c) for c in self.coefficients]})"


_MAX_TRIAL_DIVISOR = 10**6


def divisors(n: int) -> list[int]:
    """The positive divisors of ``|n|`` (``n ≠ 0``), by trial division up to √|n|.

    Raises
    ------
    DomainError
        If ``|n| > 10¹²`` (trial division would take too long).

    >>> divisors(12)
    [1, 2, 3, 4, 6, 12]
    """
    n = abs(n)
    if math.isqrt(n) > _MAX_TRIAL_DIVISOR:
        raise DomainError(f"{n} is too large to list its divisors by trial division")
    small, large = [], []
    for d in range(1, math.isqrt(n) + 1):
        if n % d == 0:
            small.append(d)
            if d != n // d:
                large.append(n // d)
    return small + large[::-1]


@dataclass(frozen=True)
class RationalRoots:
    """The rational roots of a polynomial and what is left after removing them.

    Attributes
    ----------
    roots : tuple of (Fraction, int)
        Each rational root with its multiplicity, in increasing order.
    remaining : Polynomial
        The factor with no rational root (a constant when the polynomial splits over ℚ).
    candidates : tuple of Fraction
        The candidates ±p/q that the rational-root theorem allowed.
    """

    roots: tuple[tuple[Fraction, int], ...]
    remaining: Polynomial
    candidates: tuple[Fraction, ...]


def rational_roots(polynomial: Polynomial) -> RationalRoots:
    """All rational roots with multiplicities, by the rational-root theorem and synthetic division.

    The coefficients are first cleared of denominators; the root 0 is factored out as a power of
    λ. Each candidate ``±p/q`` (``p`` | constant term, ``q`` | leading coefficient) is divided
    out as many times as it divides.

    Raises
    ------
    DomainError
        For the zero polynomial, or coefficients so large that the candidate list would explode.

    Examples
    --------
    >>> result = rational_roots(Polynomial([0, 0, -2, 1, 1]))   # λ⁴ + λ³ − 2λ² = λ²(λ−1)(λ+2)
    >>> result.roots
    ((Fraction(-2, 1), 1), (Fraction(0, 1), 2), (Fraction(1, 1), 1))
    """
    if not polynomial.coefficients:
        raise DomainError("the zero polynomial has every number as a root")
    found: dict[Fraction, int] = {}
    current = polynomial
    while current.degree > 0 and current.coefficients[0] == 0:
        current = Polynomial(current.coefficients[1:], current.variable)
        found[Fraction(0)] = found.get(Fraction(0), 0) + 1
    candidates: list[Fraction] = []
    if current.degree > 0:
        scale = math.lcm(*(c.denominator for c in current.coefficients))
        integers = [int(c * scale) for c in current.coefficients]
        ps, qs = divisors(integers[0]), divisors(integers[-1])
        if len(ps) * len(qs) > _MAX_CANDIDATE_DIVISORS:
            raise DomainError("the coefficients are too large to try every rational-root candidate")
        candidates = sorted({Fraction(s * p, q) for p in ps for q in qs for s in (1, -1)})
        for candidate in candidates:
            while current.degree > 0:
                quotient, remainder = current.divide_by_root(candidate)
                if remainder != 0:
                    break
                current = quotient
                found[candidate] = found.get(candidate, 0) + 1
    roots = tuple(sorted(found.items()))
    return RationalRoots(roots, current, tuple(candidates))
