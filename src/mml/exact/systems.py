"""Systems of linear equations, solved exactly with every step shown (book §2.1–2.3, §2.8).

``solve`` reads text (``"3x + y = 9; 4x - 2y = 5"``) or a pair ``(A, b)`` and returns a
:class:`Solution`: one point, a particular solution plus the span of the null space (found
with the book's Minus-1 trick), or no solution, with the contradicting row ``0 = c`` shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from mml.errors import ShapeError
from mml.exact.affine import AffineSubspace
from mml.exact.elimination import Eliminator
from mml.exact.matrix import AugmentedMatrix, Matrix, as_fraction, as_matrix, as_vector
from mml.exact.vectors import combination, smallest_integer_vector, vector_latex, vector_text
from mml.steps import Derivation, MathText, Step, fraction_latex, fraction_text

__all__ = ["Solution", "solve", "parameter_names", "null_space_basis"]


@dataclass(frozen=True)
class Solution:
    """The exact solution set of ``A x = b``.

    Attributes
    ----------
    kind : {"unique", "infinite", "none"}
    variables : tuple of str
        The unknowns, in order of first appearance (``x1..xn`` for ``(A, b)`` input).
    particular : tuple of Fraction or None
        One solution (free variables set to 0); ``None`` when there is none.
    directions : tuple of tuple of Fraction
        A basis of the null space of ``A``, each the smallest integer vector with its free
        variable positive; ``()`` for a unique solution.
    free : tuple of str
        The free variables (columns without a pivot).
    parameters : tuple of str
        The names of the parameters in the general solution (``t`` or ``t1, t2, ...``).
    steps : Derivation
        The row operations and how the solution is read off.
    A : Matrix
        The coefficient matrix.
    b : tuple of Fraction
        The right-hand side.
    rank : int
        The rank of ``A``.
    """

    kind: str
    variables: tuple[str, ...]
    particular: tuple[Fraction, ...] | None
    directions: tuple[tuple[Fraction, ...], ...]
    free: tuple[str, ...]
    parameters: tuple[str, ...]
    steps: Derivation
    A: Matrix
    b: tuple[Fraction, ...]
    rank: int

    def is_solution(self, point: Sequence[Any] | Mapping[str, Any]) -> bool:
        """Whether ``point`` satisfies every equation exactly.

        ``point`` is a sequence in the order of ``variables`` or a mapping from names.

        Raises
        ------
        ShapeError
            If the point has the wrong number of coordinates or unknown names.
        """
        vector = self._as_point(point)
        return self.A @ vector == self.b

    def _as_point(self, point: Sequence[Any] | Mapping[str, Any]) -> tuple[Fraction, ...]:
        if isinstance(point, Mapping):
            unknown = set(point) - set(self.variables)
            if unknown:
                raise ShapeError(
                    f"unknown variable(s) {sorted(unknown)}; the system has {self.variables}"
                )
            return tuple(as_fraction(point.get(name, 0), name) for name in self.variables)
        vector = as_vector(point, "point")
        if len(vector) != len(self.variables):
            raise ShapeError(
                f"point has {len(vector)} coordinates; the system has {len(self.variables)} "
                f"unknowns {self.variables}"
            )
        return vector

    def point(self, *parameters: Any) -> tuple[Fraction, ...]:
        """The solution for given parameter values: ``particular + Σ tᵢ·directionᵢ``.

        Raises
        ------
        ShapeError
            If the number of parameters differs from the number of directions.
        DomainError
            If the system has no solution (there is no point to give).
        """
        if self.particular is None:
            from mml.errors import DomainError

            raise DomainError("the system has no solution, so there is no point to give")
        if len(parameters) == 1 and isinstance(parameters[0], (list, tuple)):
            parameters = tuple(parameters[0])
        if len(parameters) != len(self.directions):
            raise ShapeError(
                f"expected {len(self.directions)} parameter value(s) ({', '.join(self.parameters) or 'none'}), "
                f"got {len(parameters)}"
            )
        values = [as_fraction(t, "parameter") for t in parameters]
        point = list(self.particular)
        for t, direction in zip(values, self.directions):
            point = [p + t * d for p, d in zip(point, direction)]
        return tuple(point)

    @property
    def solution_set(self) -> AffineSubspace | None:
        """The solution set as an affine subspace ``particular + span(directions)`` (§2.8)."""
        if self.particular is None:
            return None
        return AffineSubspace(self.particular, self.directions)

    def as_dict(self) -> dict[str, Fraction]:
        """``{name: value}`` of the particular solution (the solution, when unique)."""
        if self.particular is None:
            return {}
        return dict(zip(self.variables, self.particular))

    @property
    def general_solution(self) -> MathText:
        """``(x, y, z) = p + t·d`` as text and LaTeX; ``∅`` when there is no solution."""
        names = "(" + ", ".join(self.variables) + ")"
        if self.particular is None:
            return MathText(
                "no solution (the solution set is empty)", r"\text{no solution } (\emptyset)"
            )
        right = combination(self.particular, self.directions, self.parameters)
        left_latex = r"\begin{pmatrix} " + r" \\ ".join(self.variables) + r" \end{pmatrix}"
        return MathText(f"{names} = {right.text}", f"{left_latex} = {right.latex}")

    @property
    def meaning(self) -> str:
        """One sentence saying what the solution set is, geometrically."""
        n = len(self.variables)
        if self.kind == "none":
            return "No solution: the equations contradict each other."
        if self.kind == "unique":
            where = {1: "a single number", 2: "one point where the lines meet"}.get(n, "one point")
            return f"Exactly one solution: {where}."
        k = len(self.directions)
        shape = {1: "a line", 2: "a plane"}.get(k, f"a {k}-dimensional affine subspace")
        return f"Infinitely many solutions: {shape} of solutions in {n}-dimensional space."

    def __str__(self) -> str:
        return self.steps.render("text")

    def _repr_markdown_(self) -> str:
        return self.steps.render("markdown")

    def summary(self) -> str:
        """The answer in one or two lines, without the steps."""
        if self.kind == "unique":
            assert self.particular is not None
            answer = ", ".join(
                f"{v} = {fraction_text(x)}" for v, x in zip(self.variables, self.particular)
            )
            return f"{answer}\n{self.meaning}"
        return f"{self.general_solution.text}\n{self.meaning}"


def parameter_names(count: int, taken: Sequence[str]) -> tuple[str, ...]:
    """Names for the parameters of a general solution that clash with no variable.

    >>> parameter_names(1, ["x", "y"]), parameter_names(2, ["t"])
    (('t',), ('s1', 's2'))
    """
    for stem in ("t", "s", "r", "λ"):
        names = (stem,) if count == 1 else tuple(f"{stem}{i}" for i in range(1, count + 1))
        if not set(names) & set(taken) and stem not in taken:
            return names
    return tuple(f"param{i}" for i in range(1, count + 1))


def null_space_basis(
    reduced: Matrix, pivots: Sequence[int], n: int
) -> tuple[Matrix, list[tuple[Fraction, ...]]]:
    """The Minus-1 trick (book §2.3.3) on a matrix in RREF.

    Insert a row ``[0 … 0 −1 0 … 0]`` for each free column so that the matrix is n×n with
    pivots 1 and −1 on its diagonal; the columns with −1 on the diagonal span the null space.

    Returns the n×n matrix and the raw null-space vectors (columns with −1 on the diagonal).
    """
    zero = Fraction(0)
    pivot_row = {col: row for row, col in enumerate(pivots)}
    rows = []
    for j in range(n):
        if j in pivot_row:
            rows.append(reduced.row(pivot_row[j])[:n])
        else:
            rows.append(tuple(Fraction(-1) if k == j else zero for k in range(n)))
    square = Matrix._trusted(tuple(rows), n)
    vectors = [square.column(j) for j in range(n) if j not in pivot_row]
    return square, vectors


def _read_input(
    system: Any, rhs: Any, variables: Sequence[str] | None = None
) -> tuple[Matrix, tuple[Fraction, ...], tuple[str, ...], str]:
    if isinstance(system, str) and rhs is None:
        from mml.parse import parse_linear_system

        parsed = parse_linear_system(system)
        A = Matrix._trusted(parsed.coefficients, len(parsed.variables))
        return A, parsed.rhs, parsed.variables, "; ".join(parsed.equations)
    if rhs is None:
        if not (isinstance(system, (tuple, list)) and len(system) == 2):
            raise ShapeError("expected equations as text, or a pair (A, b)")
        system, rhs = system
    A = as_matrix(system, "A")
    b = as_vector(rhs, "b")
    if len(b) != A.shape[0]:
        raise ShapeError(
            f"A has {A.shape[0]} rows but b has {len(b)} entries; they must match (A is {A.shape})"
        )
    if variables is not None:
        names = tuple(variables)
        if len(names) != A.shape[1] or len(set(names)) != len(names):
            raise ShapeError(
                f"need {A.shape[1]} distinct variable names for A's columns; got {names}"
            )
    else:
        names = tuple(f"x{i}" for i in range(1, A.shape[1] + 1))
    return A, b, names, ""


def _equation_text(row: Sequence[Fraction], value: Fraction, names: Sequence[str]) -> MathText:
    terms_text, terms_latex = [], []
    for coefficient, name in zip(row, names):
        if coefficient == 0:
            continue
        sign = "-" if coefficient < 0 else "+"
        size = abs(coefficient)
        text = name if size == 1 else f"{fraction_text(size)}{name}"
        latex = name if size == 1 else f"{fraction_latex(size)}{name}"
        terms_text.append((sign, text))
        terms_latex.append((sign, latex))
    if not terms_text:
        return MathText(f"0 = {fraction_text(value)}", f"0 = {fraction_latex(value)}")

    def join(terms: list[tuple[str, str]]) -> str:
        first_sign, first = terms[0]
        out = ("-" if first_sign == "-" else "") + first
        for sign, term in terms[1:]:
            out += f" {sign} {term}"
        return out

    return MathText(
        f"{join(terms_text)} = {fraction_text(value)}",
        f"{join(terms_latex)} = {fraction_latex(value)}",
    )


def solve(system: Any, rhs: Any = None, variables: Sequence[str] | None = None) -> Solution:
    """Solve a system of linear equations exactly, with every row operation recorded.

    Gaussian elimination on the augmented matrix ``[A | b]`` (book §2.3): row echelon form;
    a row ``0 = c`` with ``c ≠ 0`` proves there is no solution; otherwise reduced row echelon
    form, a particular solution (free variables set to 0), and a basis of the null space by
    the Minus-1 trick. The general solution is ``particular + span(directions)``.

    Parameters
    ----------
    system : str or (A, b) or A
        Equations as text (``"3x + y = 9; 4x - 2y = 5"``; ``;``, ``,`` or new lines between
        them, terms on both sides), or a pair ``(A, b)`` of an m×n matrix and an m-vector
        (nested lists, integer arrays, Fractions). Text variables keep the order in which they
        first appear; ``(A, b)`` names them ``x1..xn``.
    rhs : vector, optional
        ``b``, when ``system`` is the matrix ``A``.
    variables : sequence of str, optional
        Names for the unknowns of ``(A, b)`` input (default ``x1..xn``).

    Returns
    -------
    Solution
        ``kind``, ``variables``, ``particular``, ``directions``, ``free``, ``steps``, ...

    Raises
    ------
    ParseError
        For text that cannot be read, or a non-linear term (with a caret under it).
    ShapeError
        If ``A`` and ``b`` do not fit together.
    DomainError
        For entries that are not finite rational numbers.

    Examples
    --------
    >>> sol = solve("2x + 4y - z = 5; 7x - 2y + 3z = 6; 9x + 2y + 2z = 11")
    >>> sol.kind, sol.rank, sol.free
    ('infinite', 2, ('z',))
    >>> print(sol.general_solution)
    (x, y, z) = (17/16, 23/32, 0) + t·(-10, 13, 32)
    >>> sol.is_solution(sol.point(1))
    True
    >>> solve(([[1, 1], [1, 1]], [1, 2])).kind
    'none'
    """
    A, b, names, source = _read_input(system, rhs, variables)
    m, n = A.shape
    augmented = (
        AugmentedMatrix.from_parts(A, [[v] for v in b])
        if m
        else AugmentedMatrix._with_bar((), n + 1, n)
    )
    title = f"Solve {source}" if source else f"Solve A·x = b for x = ({', '.join(names)})"
    engine = Eliminator(augmented)
    pivots = engine.forward(n)
    derivation = engine.derivation(title, augmented)
    derivation.add(
        Step(
            "row_echelon_form",
            f"Row echelon form reached: {len(pivots)} pivot(s), so rank(A) = {len(pivots)}.",
            data={"pivots": tuple(pivots)},
        )
    )
    contradiction = next((r for r in range(len(pivots), m) if not engine.is_zero(r, n)), None)
    if contradiction is not None:
        value = engine.entry(contradiction, n)
        equation = _equation_text([Fraction(0)] * n, value, names)
        derivation.add(
            Step(
                "contradiction",
                MathText(
                    f"Row {contradiction + 1} reads {equation.text}, which is impossible.",
                    rf"\text{{Row {contradiction + 1} reads }} {equation.latex}"
                    r"\text{, which is impossible.}",
                ),
                data={"row": contradiction, "value": value},
            )
        )
        solution = Solution("none", names, None, (), (), (), derivation, A, b, len(pivots))
        derivation.result = solution.general_solution
        derivation.conclusion.append(solution.meaning)
        return solution

    engine.backward(pivots)
    reduced = engine.matrix()
    free_columns = [j for j in range(n) if j not in pivots]
    particular = [Fraction(0)] * n
    for row, col in enumerate(pivots):
        particular[col] = engine.entry(row, n)
    particular_t = tuple(particular)
    free = tuple(names[j] for j in free_columns)

    if not free_columns:
        derivation.add(
            Step(
                "read_solution",
                MathText(
                    "Every column has a pivot; read off "
                    + ", ".join(f"{v} = {fraction_text(x)}" for v, x in zip(names, particular)),
                    r"\text{Every column has a pivot: } "
                    + ", ".join(f"{v} = {fraction_latex(x)}" for v, x in zip(names, particular)),
                ),
                data={"solution": particular_t},
            )
        )
        solution = Solution(
            "unique", names, particular_t, (), (), (), derivation, A, b, len(pivots)
        )
        derivation.result = MathText(
            ", ".join(f"{v} = {fraction_text(x)}" for v, x in zip(names, particular)),
            ", ".join(f"{v} = {fraction_latex(x)}" for v, x in zip(names, particular)),
        )
        derivation.conclusion.append(solution.meaning)
        return solution

    derivation.add(
        Step(
            "free_variables",
            f"Column(s) without a pivot: {', '.join(free)} "
            f"{'is a free variable' if len(free) == 1 else 'are free variables'}.",
            data={"free": free_columns},
        )
    )
    derivation.add(
        Step(
            "particular_solution",
            MathText(
                f"Set {', '.join(free)} = 0 and read the pivot variables from the last column: "
                f"particular solution {vector_text(particular_t)}.",
                r"\text{Set the free variables to 0: } x_p = " + vector_latex(particular_t),
            ),
            data={"particular": particular_t},
        )
    )
    square, raw = null_space_basis(reduced, pivots, n)
    derivation.add(
        Step(
            "minus_one_trick",
            "Minus-1 trick: add a row with −1 on the diagonal for each free column; the "
            "columns with −1 on the diagonal solve A·x = 0.",
            after=square,
            data={"columns": free_columns},
        )
    )
    directions = tuple(smallest_integer_vector(v, positive_at=j) for v, j in zip(raw, free_columns))
    derivation.add(
        Step(
            "integer_directions",
            MathText(
                "Scale each direction to the smallest integer vector, free variable positive: "
                + ", ".join(vector_text(d) for d in directions),
                r"\text{Smallest integer directions: } "
                + ", ".join(vector_latex(d) for d in directions),
            ),
            data={"directions": directions},
        )
    )
    parameters = parameter_names(len(directions), names)
    solution = Solution(
        "infinite", names, particular_t, directions, free, parameters, derivation, A, b, len(pivots)
    )
    derivation.result = solution.general_solution
    derivation.conclusion.append(solution.meaning)
    return solution
