"""Exact real numbers built from square roots: sums ``q₁√n₁ + q₂√n₂ + …`` (book §3.1–3.4, §4.3,
§4.5).

Norms, normalised Gram–Schmidt vectors, Cholesky factors, singular values and cosines of angles
are square roots of rationals. A :class:`Surd` keeps them exact: each term is a rational
coefficient times the square root of a square-free integer, and since square roots of distinct
square-free integers are linearly independent over ℚ, two surds are equal exactly when their
terms are. Sums and products are always closed; division is closed when the divisor has at most
one irrational term (``a + b√n``, a real quadratic field); ``sqrt`` is closed on rationals.

Vectors and matrices of surds are in :mod:`mml.exact.surd_arrays`.

Examples
--------
>>> print(sqrt(8), sqrt("1/2"), sqrt(2) * sqrt(6), sqrt(2) + sqrt(8))
2√2 √2/2 2√3 3√2
>>> print(1 / (1 + sqrt(2)))
-1 + √2
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from mml.errors import DomainError
from mml.exact.matrix import as_fraction
from mml.steps.mathtext import fraction_latex, fraction_text

__all__ = ["Surd", "sqrt", "square_free_part", "as_surd"]

_TRIAL_DIVISION_LIMIT = 100_000


def square_free_part(n: int) -> tuple[int, int]:
    """Write ``n ≥ 1`` as ``s²·r`` with ``r`` square-free; returns ``(s, r)``.

    Trial division runs up to the cube root of what is left (at most 10⁵): a cofactor with no
    smaller prime factor is then a prime, a product of two primes or a prime squared, and the
    last is caught by an integer square root.

    >>> square_free_part(72), square_free_part(14), square_free_part(1)
    ((6, 2), (1, 14), (1, 1))
    """
    if n < 1:
        raise DomainError(f"square_free_part needs a positive integer; got {n}")
    outside, inside, d = 1, 1, 2
    while d * d * d <= n and d <= _TRIAL_DIVISION_LIMIT:
        while n % (d * d) == 0:
            n //= d * d
            outside *= d
        if n % d == 0:
            n //= d
            inside *= d
        d += 1 if d == 2 else 2
    root = math.isqrt(n)
    if root * root == n:
        return outside * root, inside
    return outside, inside * n


class Surd:
    """An exact real number ``Σ qᵢ·√nᵢ`` with rational ``qᵢ`` and distinct square-free ``nᵢ``.

    Parameters
    ----------
    coefficient : rational, optional
        ``q`` of a single term ``q·√radicand`` (default 1).
    radicand : int, optional
        A positive integer (default 1); square factors are moved outside the root.

    Examples
    --------
    >>> x = Surd(3, 8)
    >>> print(x)
    6√2
    >>> x.terms
    ((2, Fraction(6, 1)),)
    >>> x * x == 72, float(x) == 6 * 2 ** 0.5
    (True, True)
    """

    __slots__ = ("_terms",)

    def __init__(self, coefficient: Any = 1, radicand: int = 1) -> None:
        if isinstance(radicand, bool) or not isinstance(radicand, int) or radicand < 1:
            raise DomainError(f"radicand must be a positive integer; got {radicand!r}")
        q = as_fraction(coefficient, "coefficient")
        outside, inside = square_free_part(radicand)
        self._terms: tuple[tuple[int, Fraction], ...] = ((inside, q * outside),) if q else ()

    @classmethod
    def _from_terms(cls, terms: dict[int, Fraction]) -> Surd:
        surd = object.__new__(cls)
        surd._terms = tuple(sorted((n, q) for n, q in terms.items() if q))
        return surd

    @classmethod
    def from_terms(cls, terms: dict[int, Any]) -> Surd:
        """``Σ q·√n`` from a mapping ``{n: q}`` (any positive integers ``n``).

        >>> print(Surd.from_terms({1: 1, 8: "1/2"}))
        1 + √2
        """
        total = Surd(0)
        for n, q in terms.items():
            total = total + Surd(q, n)
        return total

    @property
    def terms(self) -> tuple[tuple[int, Fraction], ...]:
        """The terms as ``(radicand, coefficient)`` pairs, radicands increasing."""
        return self._terms

    # -- kind ---------------------------------------------------------------------------
    def is_rational(self) -> bool:
        """Whether the number is rational (no irrational term)."""
        return all(n == 1 for n, _ in self._terms)

    def rational(self) -> Fraction:
        """The value as a Fraction.

        Raises
        ------
        DomainError
            If the number is irrational.
        """
        if not self.is_rational():
            raise DomainError(f"{self} is irrational, not a fraction")
        return self._terms[0][1] if self._terms else Fraction(0)

    def __bool__(self) -> bool:
        return bool(self._terms)

    def __float__(self) -> float:
        return float(sum(float(q) * math.sqrt(n) for n, q in self._terms))

    # -- arithmetic -----------------------------------------------------------------------
    def __add__(self, other: Any) -> Surd:
        other = as_surd(other)
        terms = dict(self._terms)
        for n, q in other._terms:
            terms[n] = terms.get(n, Fraction(0)) + q
        return Surd._from_terms(terms)

    __radd__ = __add__

    def __neg__(self) -> Surd:
        return Surd._from_terms({n: -q for n, q in self._terms})

    def __sub__(self, other: Any) -> Surd:
        return self + (-as_surd(other))

    def __rsub__(self, other: Any) -> Surd:
        return as_surd(other) - self

    def __mul__(self, other: Any) -> Surd:
        other = as_surd(other)
        terms: dict[int, Fraction] = {}
        for n1, q1 in self._terms:
            for n2, q2 in other._terms:
                # √n1·√n2 = g·√(n1 n2 / g²) with g = gcd(n1, n2), both square-free
                g = math.gcd(n1, n2)
                n = (n1 // g) * (n2 // g)
                terms[n] = terms.get(n, Fraction(0)) + q1 * q2 * g
        return Surd._from_terms(terms)

    __rmul__ = __mul__

    def inverse(self) -> Surd:
        """``1/self``, rationalised with the conjugate ``a − b√n``.

        Raises
        ------
        DomainError
            For zero, or a number with two or more irrational terms.
        """
        if not self._terms:
            raise DomainError("division by zero")
        irrational = [(n, q) for n, q in self._terms if n != 1]
        if len(irrational) > 1:
            raise DomainError(f"1/({self}) has no closed form here (two or more radicals)")
        if not irrational:
            return Surd._from_terms({1: 1 / self._terms[0][1]})
        a = self._terms[0][1] if self._terms[0][0] == 1 else Fraction(0)
        n, b = irrational[0]
        norm = a * a - b * b * n  # (a + b√n)(a − b√n), nonzero since √n is irrational
        return Surd._from_terms({1: a / norm, n: -b / norm})

    def __truediv__(self, other: Any) -> Surd:
        return self * as_surd(other).inverse()

    def __rtruediv__(self, other: Any) -> Surd:
        return as_surd(other) * self.inverse()

    def __pow__(self, exponent: int) -> Surd:
        if not isinstance(exponent, int):
            raise DomainError(f"surd powers need an integer exponent; got {exponent!r}")
        base = self if exponent >= 0 else self.inverse()
        result = Surd._from_terms({1: Fraction(1)})
        for _ in range(abs(exponent)):
            result = result * base
        return result

    def sqrt(self) -> Surd:
        """The square root of a rational ``self ≥ 0`` (see :func:`sqrt`)."""
        return sqrt(self)

    # -- comparison -----------------------------------------------------------------------
    def sign(self) -> int:
        """−1, 0 or 1, exactly (for at most two terms) or by a careful float otherwise."""
        if not self._terms:
            return 0
        if len(self._terms) == 1:
            return 1 if self._terms[0][1] > 0 else -1
        if len(self._terms) == 2:
            # q1√n1 + q2√n2: compare squares when the signs differ
            (n1, q1), (n2, q2) = self._terms
            if (q1 > 0) == (q2 > 0):
                return 1 if q1 > 0 else -1
            first, second = q1 * q1 * n1, q2 * q2 * n2
            return 1 if (first > second) == (q1 > 0) else -1
        value = float(self)
        scale = sum(abs(float(q)) * math.sqrt(n) for n, q in self._terms)
        if abs(value) <= 1e-12 * scale:
            raise DomainError(f"cannot decide the sign of {self} exactly")
        return 1 if value > 0 else -1

    def __eq__(self, other: object) -> bool:
        try:
            other_surd = as_surd(other)
        except (DomainError, TypeError, ValueError):
            return NotImplemented
        return self._terms == other_surd._terms

    def __hash__(self) -> int:
        if self.is_rational():
            return hash(self.rational())
        return hash(self._terms)

    def __lt__(self, other: Any) -> bool:
        return (self - as_surd(other)).sign() < 0

    def __le__(self, other: Any) -> bool:
        return (self - as_surd(other)).sign() <= 0

    def __gt__(self, other: Any) -> bool:
        return (self - as_surd(other)).sign() > 0

    def __ge__(self, other: Any) -> bool:
        return (self - as_surd(other)).sign() >= 0

    def __abs__(self) -> Surd:
        return -self if self.sign() < 0 else self

    # -- display --------------------------------------------------------------------------
    def __mml_text__(self) -> str:
        if not self._terms:
            return "0"
        parts = []
        for k, (n, q) in enumerate(self._terms):
            body = _term_text(abs(q), n)
            if k == 0:
                parts.append(("-" if q < 0 else "") + body)
            else:
                parts.append(("− " if q < 0 else "+ ") + body)
        return " ".join(parts)

    def __mml_latex__(self) -> str:
        if not self._terms:
            return "0"
        parts = []
        for k, (n, q) in enumerate(self._terms):
            body = _term_latex(abs(q), n)
            sign = "-" if q < 0 else ("+" if k else "")
            parts.append(f"{sign} {body}".strip() if k else sign + body)
        return " ".join(parts)

    def __str__(self) -> str:
        return self.__mml_text__()

    def __repr__(self) -> str:
        if len(self._terms) <= 1:
            n, q = self._terms[0] if self._terms else (1, Fraction(0))
            return f"Surd({fraction_text(q)!r}, {n})" if q.denominator != 1 else f"Surd({q}, {n})"
        body = ", ".join(f"{n}: {fraction_text(q)!r}" for n, q in self._terms)
        return f"Surd.from_terms({{{body}}})"


def _term_text(q: Fraction, n: int) -> str:
    """``|q|·√n`` as ``3√2/4``, ``√2``, ``3/4``."""
    if n == 1:
        return fraction_text(q)
    numerator = "" if q.numerator == 1 else str(q.numerator)
    body = f"{numerator}√{n}"
    return body if q.denominator == 1 else f"{body}/{q.denominator}"


def _term_latex(q: Fraction, n: int) -> str:
    if n == 1:
        return fraction_latex(q)
    numerator = ("" if q.numerator == 1 else str(q.numerator)) + rf"\sqrt{{{n}}}"
    return numerator if q.denominator == 1 else rf"\frac{{{numerator}}}{{{q.denominator}}}"


def as_surd(value: Any) -> Surd:
    """A :class:`Surd` from a Surd or any exact rational (int, Fraction, decimal string).

    >>> as_surd("3/4") == Fraction(3, 4)
    True
    """
    if isinstance(value, Surd):
        return value
    return Surd._from_terms({1: as_fraction(value, "value")})


def sqrt(value: Any) -> Surd:
    """The exact square root of a rational number ``x ≥ 0``: ``√(p/q) = √(pq)/q``, simplified.

    Parameters
    ----------
    value : rational or rational Surd

    Raises
    ------
    DomainError
        For a negative number, or a surd that is not rational (nested roots are not supported).

    Examples
    --------
    >>> print(sqrt(14), sqrt(Fraction(9, 4)), sqrt(Fraction(1, 3)), sqrt(0))
    √14 3/2 √3/3 0
    """
    x = as_surd(value)
    if not x.is_rational():
        raise DomainError(f"√({x}) is a nested radical; only roots of rationals are exact here")
    q = x.rational()
    if q < 0:
        raise DomainError(f"√({fraction_text(q)}) is not real: the number is negative")
    if q == 0:
        return Surd(0)
    return Surd(Fraction(1, q.denominator), q.numerator * q.denominator)
