"""Characteristic polynomial, eigenvalues and eigenspaces, exactly and with steps (book §4.2).

- ``characteristic_polynomial``: ``p(λ) = det(A − λI)`` by Laplace expansion with polynomial
  entries (n ≤ 4, every minor shown), or by the Faddeev–LeVerrier recursion for larger n.
- ``eigenvalues``: the rational roots of ``p`` by the rational-root theorem; whatever factor has no
  rational root is handed to SymPy's ``roots`` (imported here, lazily, and only for that
  factor), so irrational and complex eigenvalues come back as SymPy numbers.
- ``eigenvectors``: each eigenspace ``E_λ = null(A − λI)`` with its algebraic multiplicity (as a
  root of ``p``) and geometric multiplicity (``dim E_λ``); a matrix with ``dim E_λ`` below the
  algebraic multiplicity for some λ is *defective*.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from mml.errors import DomainError
from mml.exact.characteristic_polynomial import characteristic_polynomial, square_matrix
from mml.exact.matrix import Matrix, MatrixLike
from mml.exact.polynomial import Polynomial, RationalRoots, rational_roots
from mml.exact.results import ExactResult, Subspace
from mml.exact.spaces import null_space, rank
from mml.exact.vectors import vector_text
from mml.steps import Derivation, MathText, Step, fraction_latex, fraction_text

__all__ = [
    "characteristic_polynomial",
    "eigenvalues",
    "eigenvectors",
    "Eigenvalue",
    "EigenResult",
    "irrational_diagonal_factors",
]

_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


# -- eigenvalues ----------------------------------------------------------------------------
def _linear_factor(root: Fraction, multiplicity: int) -> MathText:
    power = str(multiplicity).translate(_SUPERSCRIPTS) if multiplicity > 1 else ""
    power_latex = f"^{{{multiplicity}}}" if multiplicity > 1 else ""
    if root == 0:
        return MathText(f"λ{power}", rf"\lambda{power_latex}")
    sign = "−" if root > 0 else "+"
    return MathText(
        f"(λ {sign} {fraction_text(abs(root))}){power}",
        rf"(\lambda {'-' if root > 0 else '+'} {fraction_latex(abs(root))}){power_latex}",
    )


def _factored(roots: Sequence[tuple[Fraction, int]], remaining: Polynomial) -> MathText:
    factors = [_linear_factor(r, m) for r, m in roots]
    text, latex = "".join(f.text for f in factors), "".join(f.latex for f in factors)
    if remaining.degree > 0:
        text += f"({remaining})"
        latex += f"({remaining.__mml_latex__()})"
    elif remaining.coefficients[0] == -1:
        text, latex = "−" + text, "-" + latex
    elif remaining.coefficients[0] != 1:
        c = remaining.coefficients[0]
        text, latex = f"{fraction_text(c)}·{text}", f"{fraction_latex(c)} {latex}"
    return MathText(text, latex)


def _value_text(value: Any) -> MathText:
    if isinstance(value, Fraction):
        return MathText(fraction_text(value), fraction_latex(value))
    import sympy

    return MathText(str(value), sympy.latex(value))


def _sympy_roots(remaining: Polynomial) -> list[tuple[Any, int, Polynomial]]:
    """The roots of a polynomial with no rational root, as exact SymPy numbers, each with its
    multiplicity and the irreducible factor over ℚ it is a root of.

    Quadratic factors give radicals (``3/2 + sqrt(5)/2``); factors of degree ≥ 3 give SymPy's
    ``CRootOf`` (exact, indexed roots), which stay small where Cardano's formula would not.
    """
    import sympy

    x = sympy.Symbol("lambda")
    expression = sum(
        (
            sympy.Rational(c.numerator, c.denominator) * x**k
            for k, c in enumerate(remaining.coefficients)
        ),
        sympy.Integer(0),
    )
    _, factors = sympy.factor_list(sympy.Poly(expression, x))
    found: list[tuple[Any, int, Polynomial]] = []
    for factor, multiplicity in factors:
        poly = sympy.Poly(factor, x)
        ours = Polynomial(Fraction(int(c.p), int(c.q)) for c in reversed(poly.all_coeffs()))
        if poly.degree() <= 2:
            # radicals; real ones in increasing order, complex ones by imaginary part
            roots = sorted(
                sympy.roots(poly).keys(),
                key=lambda r: (float(sympy.im(r)), float(sympy.re(r))),
            )
        else:
            roots = poly.all_roots()  # real roots in increasing order, then complex pairs
        found += [
            (Fraction(int(root.p), int(root.q)) if root.is_Rational else root, multiplicity, ours)
            for root in roots
        ]
    return found


def _spectrum(matrix: Matrix, derivation: Derivation) -> tuple[Polynomial, list[tuple[Any, int]]]:
    charpoly = characteristic_polynomial(matrix)
    derivation.extend(charpoly.steps)
    p = charpoly.value
    try:
        search = rational_roots(p)
    except DomainError as error:
        # huge coefficients: SymPy's factorisation over ℤ finds the rational roots instead
        derivation.add(Step("large_coefficients", f"{error}; SymPy factors p over ℚ instead."))
        search = RationalRoots((), p, ())
    shown = ", ".join(fraction_text(c) for c in search.candidates[:24])
    more = " …" if len(search.candidates) > 24 else ""
    derivation.add(
        Step(
            "rational_root_theorem",
            "Rational-root theorem: a rational root p/q has p dividing the constant term and q "
            f"dividing the leading coefficient; candidates {shown or '(none)'}{more}.",
            data={"candidates": search.candidates},
        )
    )
    for root, multiplicity in search.roots:
        derivation.add(
            Step(
                "rational_root",
                MathText(
                    f"p({fraction_text(root)}) = 0, so (λ − {fraction_text(root)}) divides p "
                    f"{multiplicity} time(s)",
                    rf"p({fraction_latex(root)}) = 0",
                ),
                data={"root": root, "multiplicity": multiplicity},
            )
        )
    factored = _factored(search.roots, search.remaining)
    derivation.add(
        Step("factor", MathText(f"p(λ) = {factored.text}", rf"p(\lambda) = {factored.latex}"))
    )
    spectrum: list[tuple[Any, int]] = list(search.roots)
    factors: dict[Any, Polynomial] = {}
    if search.remaining.degree > 0:
        irrational = _sympy_roots(search.remaining)
        listed = ", ".join(str(r) for r, _, _ in irrational)
        derivation.add(
            Step(
                "irrational_roots",
                f"{search.remaining} has no rational root; its roots (exact, by SymPy): {listed}",
                data={"roots": tuple(r for r, _, _ in irrational)},
            )
        )
        spectrum += [(r, m) for r, m, _ in irrational]
        factors = {r: q for r, _, q in irrational if not isinstance(r, Fraction)}
        # rational roots found by SymPy (huge coefficients) go first, in increasing order
        spectrum.sort(key=lambda item: (not isinstance(item[0], Fraction), _order(item[0])))
    return p, spectrum, factors


def eigenvalues(A: MatrixLike) -> ExactResult:
    """The eigenvalues of ``A`` with algebraic multiplicities: the roots of ``det(A − λI)``.

    Rational roots are found exactly by the rational-root theorem; any factor without rational
    roots is solved by SymPy (irrational or complex eigenvalues are SymPy numbers).

    Returns
    -------
    ExactResult
        ``value``: a tuple of ``(eigenvalue, algebraic multiplicity)``, rational ones first in
        increasing order.

    Raises
    ------
    ShapeError
        If ``A`` is not square.

    Examples
    --------
    >>> eigenvalues("4 2; 1 3").value
    ((Fraction(2, 1), 1), (Fraction(5, 1), 1))
    >>> eigenvalues("2 1; 1 1").value
    ((3/2 - sqrt(5)/2, 1), (sqrt(5)/2 + 3/2, 1))
    """
    matrix = square_matrix(A)
    derivation = Derivation(f"Eigenvalues of a {matrix.shape[0]}×{matrix.shape[0]} matrix")
    _, spectrum, _ = _spectrum(matrix, derivation)
    listed = ", ".join(
        f"{_value_text(v).text}" + (f" (×{m})" if m > 1 else "") for v, m in spectrum
    )
    derivation.result = MathText(f"λ = {listed}", rf"\lambda = {listed}")
    return ExactResult(tuple(spectrum), derivation, "rational_roots")


@dataclass(frozen=True)
class Eigenvalue:
    """One eigenvalue with its eigenspace.

    Attributes
    ----------
    value : Fraction or SymPy number
    algebraic_multiplicity : int
        Its multiplicity as a root of the characteristic polynomial.
    eigenspace : tuple of vectors
        A basis of ``E_λ = null(A − λI)``: Fractions for rational λ, SymPy numbers for roots of
        quadratic factors, and ``()`` for roots of irreducible factors of degree ≥ 3 (whose
        eigenvectors have no short closed form).
    geometric_multiplicity : int
        ``dim E_λ``. For an irrational λ, a root of the irreducible factor ``q`` of ``p``, it is
        found exactly over ℚ as ``(n − rank q(A)) / deg q``: ``null q(A)`` is the sum of the
        eigenspaces of the ``deg q`` conjugate roots, which all have the same dimension.
    """

    value: Any
    algebraic_multiplicity: int
    eigenspace: tuple[tuple[Any, ...], ...]
    geometric_multiplicity: int

    @property
    def is_rational(self) -> bool:
        return isinstance(self.value, Fraction)

    @property
    def is_real(self) -> bool:
        return self.is_rational or bool(self.value.is_real)

    @property
    def defective(self) -> bool:
        """Whether the geometric multiplicity is below the algebraic one."""
        return self.geometric_multiplicity < self.algebraic_multiplicity


@dataclass(frozen=True)
class EigenResult:
    """Eigenvalues, eigenspaces and multiplicities of a square matrix.

    Attributes
    ----------
    characteristic_polynomial : Polynomial
    eigenvalues : tuple of Eigenvalue
    steps : Derivation
    """

    characteristic_polynomial: Polynomial
    eigenvalues: tuple[Eigenvalue, ...]
    steps: Derivation

    @property
    def value(self) -> tuple[Eigenvalue, ...]:
        return self.eigenvalues

    @property
    def defective(self) -> bool:
        """Whether some eigenvalue has fewer independent eigenvectors than its multiplicity."""
        return any(e.defective for e in self.eigenvalues)

    @property
    def is_rational(self) -> bool:
        return all(e.is_rational for e in self.eigenvalues)

    def __str__(self) -> str:
        return self.steps.render("text")

    def _repr_markdown_(self) -> str:
        return self.steps.render("markdown")


def _sympy_eigenspace(matrix: Matrix, value: Any) -> tuple[tuple[Any, ...], ...]:
    import sympy

    shifted = sympy.Matrix(
        [[sympy.Rational(a.numerator, a.denominator) for a in row] for row in matrix.rows]
    ) - value * sympy.eye(matrix.shape[0])
    return tuple(
        tuple(sympy.simplify(entry) for entry in v) for v in shifted.nullspace(simplify=True)
    )


def eigenvectors(A: MatrixLike) -> EigenResult:
    """Eigenvalues and eigenspaces ``E_λ = null(A − λI)`` with both multiplicities (book §4.2).

    Parameters
    ----------
    A : matrix-like, shape (n, n)

    Returns
    -------
    EigenResult
        ``characteristic_polynomial``, ``eigenvalues`` (each an :class:`Eigenvalue` with
        ``value``, ``algebraic_multiplicity``, ``eigenspace``, ``geometric_multiplicity``),
        ``defective``, ``steps``.

    Raises
    ------
    ShapeError
        If ``A`` is not square.

    Examples
    --------
    >>> result = eigenvectors("4 2; 1 3")
    >>> [(e.value, e.eigenspace) for e in result.eigenvalues]
    [(Fraction(2, 1), ((Fraction(-1, 1), Fraction(1, 1)),)), (Fraction(5, 1), ((Fraction(2, 1), Fraction(1, 1)),))]
    >>> shear = eigenvectors("1 1; 0 1")
    >>> shear.defective, shear.eigenvalues[0].algebraic_multiplicity, shear.eigenvalues[0].geometric_multiplicity
    (True, 2, 1)
    """
    matrix = square_matrix(A)
    n = matrix.shape[0]
    derivation = Derivation(f"Eigenvalues and eigenvectors of a {n}×{n} matrix", given=matrix)
    p, spectrum, factors = _spectrum(matrix, derivation)
    found: list[Eigenvalue] = []
    for value, multiplicity in spectrum:
        shown = _value_text(value)
        if isinstance(value, Fraction):
            shifted = matrix - Matrix.identity(n) * value
            derivation.add(
                Step(
                    "eigenspace",
                    MathText(
                        f"λ = {shown.text}: solve (A − {_paren_number(shown.text)}I)·x = 0",
                        rf"\lambda = {shown.latex}:\ (A - {shown.latex} I)x = 0",
                    ),
                    after=shifted,
                )
            )
            space: Subspace = null_space(shifted)
            derivation.extend(space.steps)
            basis = space.basis
            basis_text = space.__mml_text__()
            geometric = len(basis)
        else:
            q = factors[value]
            geometric = (n - rank(_evaluate(q, matrix))) // q.degree
            derivation.add(
                Step(
                    "conjugate_roots",
                    f"λ = {shown.text} is a root of the irreducible factor q(λ) = {q}: "
                    f"dim null q(A) = {geometric * q.degree} is shared by its {q.degree} "
                    f"conjugate roots, so dim E_λ = {geometric}",
                    data={"factor": q, "geometric": geometric},
                )
            )
            if q.degree <= 2:
                basis = _sympy_eigenspace(matrix, value)
                basis_text = "span{" + ", ".join(vector_text_any(v) for v in basis) + "}"
            else:
                basis = ()
                basis_text = "(eigenvectors not in closed form)"
        eigen = Eigenvalue(value, multiplicity, basis, geometric)
        verdict = (
            "defective: fewer independent eigenvectors than the multiplicity"
            if eigen.defective
            else "as many independent eigenvectors as the multiplicity"
        )
        derivation.add(
            Step(
                "multiplicities",
                f"E_{shown.text} = {basis_text}: algebraic multiplicity {multiplicity}, "
                f"geometric multiplicity {eigen.geometric_multiplicity} ({verdict})",
                data={
                    "value": value,
                    "algebraic": multiplicity,
                    "geometric": eigen.geometric_multiplicity,
                },
            )
        )
        found.append(eigen)
    result = EigenResult(p, tuple(found), derivation)
    derivation.result = MathText(
        "λ = " + ", ".join(_value_text(e.value).text for e in found),
        r"\lambda = " + ", ".join(_value_text(e.value).latex for e in found),
    )
    total = sum(e.geometric_multiplicity for e in found)
    derivation.conclusion.append(
        f"The matrix is defective: only {total} independent eigenvectors for n = {n}."
        if result.defective
        else f"{total} independent eigenvectors for n = {n}."
    )
    return result


def irrational_diagonal_factors(matrix: Matrix, eigen: EigenResult) -> tuple[Any, Any, Any, bool]:
    """``D``, ``P``, ``P⁻¹`` as SymPy matrices and whether ``A·P = P·D``, for a diagonalisable
    matrix with irrational eigenvalues (``P`` and ``P⁻¹`` are None when some eigenvalue is a root
    of an irreducible factor of degree ≥ 3, whose eigenvectors have no short closed form).
    """
    import sympy

    D = sympy.diag(*[e.value for e in eigen.eigenvalues for _ in range(e.geometric_multiplicity)])
    if any(len(e.eigenspace) < e.geometric_multiplicity for e in eigen.eigenvalues):
        return D, None, None, False
    P = sympy.Matrix.hstack(*[sympy.Matrix(v) for e in eigen.eigenvalues for v in e.eigenspace])
    A = sympy.Matrix([[sympy.Rational(a.numerator, a.denominator) for a in r] for r in matrix.rows])
    holds = sympy.simplify(A * P - P * D) == sympy.zeros(*A.shape)
    return D, P, sympy.simplify(P.inv()), bool(holds)


def _order(value: Any) -> Fraction:
    return value if isinstance(value, Fraction) else Fraction(0)


def _evaluate(q: Polynomial, matrix: Matrix) -> Matrix:
    """``q(A)`` by Horner's rule, exactly."""
    n = matrix.shape[0]
    result = Matrix.zeros(n, n)
    for c in reversed(q.coefficients):
        result = result @ matrix + Matrix.identity(n) * c
    return result


def _paren_number(text: str) -> str:
    return f"({text})" if text.startswith("-") or "/" in text else text


def vector_text_any(vector: Sequence[Any]) -> str:
    """A vector of Fractions or SymPy numbers as ``(a, b, c)``."""
    if all(isinstance(v, Fraction) for v in vector):
        return vector_text(vector)
    return "(" + ", ".join(str(v) for v in vector) + ")"
