"""Gradients with respect to vectors and matrices by the identities of MML book §5.5.

Each identity is worked on exact numbers, stating the shape of every intermediate:

- ``∂(aᵀx)/∂x = aᵀ`` (1×n)
- ``∂(xᵀAx)/∂x = xᵀ(A + Aᵀ)`` (1×n)
- ``∂(aᵀXb)/∂X = a bᵀ`` (m×n, the shape of X)
- ``∂ tr(AX)/∂X = Aᵀ`` (the shape of X)
- ``∂ tr(AXB)/∂X = AᵀBᵀ`` (the shape of X)
- ``∂ det(X)/∂X = det(X) X⁻ᵀ`` (n×n)
- ``∂‖y − Φθ‖²/∂θ = −2(y − Φθ)ᵀΦ`` (1×D; the least-squares loss through the chain rule, §5.3)

Gradients with respect to a vector are rows (1×n), as in the book; the gradient of a scalar
with respect to an m×n matrix is arranged as an m×n matrix (§5.4).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from mml.calculus.shape_work import GradientIdentity, ShapeWork, check_shapes, column, scalar
from mml.errors import DomainError
from mml.exact import Matrix, as_matrix, det, inverse
from mml.steps import Derivation, MathText, Step

__all__ = ["GRADIENT_IDENTITIES", "GradientIdentity", "MatrixGradient", "matrix_gradient"]


@dataclass(frozen=True)
class MatrixGradient:
    """The value of a §5.5 identity at given operands, with the shapes worked out.

    Attributes
    ----------
    value : Matrix
        The gradient (a 1×n row for a vector variable, the shape of X for a matrix).
    function_value : Fraction
        The scalar ``f`` at the operands.
    identity : GradientIdentity
    shapes : dict
        The shape of every operand and intermediate, by name.
    steps : Derivation
    """

    value: Matrix
    function_value: Fraction
    identity: GradientIdentity
    shapes: dict[str, tuple[int, int]]
    steps: Derivation = field(compare=False, repr=False)

    @property
    def shape(self) -> tuple[int, int]:
        """The gradient's shape: 1×n for a vector variable, the shape of X for a matrix."""
        return self.value.shape

    def __str__(self) -> str:
        return self.steps.render("text")

    def _repr_markdown_(self) -> str:
        return self.steps.render("markdown")


def _linear(work: ShapeWork, a: Any, x: Any) -> tuple[Matrix, Fraction]:
    a_col, x_col = work.given("a", column(a, "a")), work.given("x", column(x, "x"))
    check_shapes(
        a_col.shape == x_col.shape,
        f"a has length {a_col.shape[0]} but x has length {x_col.shape[0]}",
    )
    f = work.step("product", "aᵀx", MathText("aᵀx", r"a^\top x"), a_col.T @ x_col)
    g = work.step(
        "identity",
        "∂f/∂x",
        MathText("aᵀ", r"\frac{\partial f}{\partial x} = a^\top"),
        a_col.T,
        "a row vector: one entry per component of x",
    )
    return g, scalar(f)


def _quadratic_form(work: ShapeWork, A: Any, x: Any) -> tuple[Matrix, Fraction]:
    A_m, x_col = work.given("A", as_matrix(A, "A")), work.given("x", column(x, "x"))
    n = x_col.shape[0]
    check_shapes(
        A_m.shape == (n, n), f"A has shape {A_m.shape}; x has length {n}, so A must be {n}×{n}"
    )
    Ax = work.step("product", "Ax", MathText("Ax", "Ax"), A_m @ x_col)
    f = work.step(
        "product",
        "xᵀAx",
        MathText("xᵀ(Ax)", r"x^\top A x"),
        x_col.T @ Ax,
        "a 1×1 matrix: the scalar f",
    )
    sym = work.step("sum", "A + Aᵀ", MathText("A + Aᵀ", r"A + A^\top"), A_m + A_m.T)
    g = work.step(
        "identity",
        "∂f/∂x",
        MathText("xᵀ(A + Aᵀ)", r"\frac{\partial f}{\partial x} = x^\top (A + A^\top)"),
        x_col.T @ sym,
        "(1×n)(n×n) = 1×n; for symmetric A this is 2xᵀA",
    )
    return g, scalar(f)


def _bilinear(work: ShapeWork, a: Any, X: Any, b: Any) -> tuple[Matrix, Fraction]:
    a_col, X_m, b_col = (
        work.given("a", column(a, "a")),
        work.given("X", as_matrix(X, "X")),
        work.given("b", column(b, "b")),
    )
    m, n = X_m.shape
    check_shapes(
        a_col.shape[0] == m and b_col.shape[0] == n,
        f"X has shape {X_m.shape}, so a needs length {m} and b length {n}; got {a_col.shape[0]} and {b_col.shape[0]}",
    )
    Xb = work.step("product", "Xb", MathText("Xb", "Xb"), X_m @ b_col)
    f = work.step(
        "product", "aᵀXb", MathText("aᵀ(Xb)", r"a^\top X b"), a_col.T @ Xb, "the scalar f"
    )
    g = work.step(
        "identity",
        "∂f/∂X",
        MathText("a bᵀ", r"\frac{\partial f}{\partial X} = a b^\top"),
        a_col @ b_col.T,
        "entry (i, j) is a_i b_j, the coefficient of X_ij in f; the shape of X",
    )
    return g, scalar(f)


def _trace_of(M: Matrix) -> Fraction:
    return sum((M[i, i] for i in range(M.shape[0])), Fraction(0))


def _trace(work: ShapeWork, A: Any, X: Any) -> tuple[Matrix, Fraction]:
    A_m, X_m = work.given("A", as_matrix(A, "A")), work.given("X", as_matrix(X, "X"))
    check_shapes(
        A_m.shape == (X_m.shape[1], X_m.shape[0]),
        f"A has shape {A_m.shape} and X has shape {X_m.shape}; tr(AX) needs A to be {X_m.shape[1]}×{X_m.shape[0]}",
    )
    AX = work.step("product", "AX", MathText("AX", "AX"), A_m @ X_m)
    f = work.step(
        "trace",
        "tr(AX)",
        MathText("sum of the diagonal of AX", r"\operatorname{tr}(AX)"),
        Matrix([[_trace_of(AX)]]),
        "the scalar f",
    )
    g = work.step(
        "identity",
        "∂f/∂X",
        MathText("Aᵀ", r"\frac{\partial f}{\partial X} = A^\top"),
        A_m.T,
        "tr(AX) = Σ_ij A_ji X_ij, so entry (i, j) is A_ji; the shape of X",
    )
    return g, scalar(f)


def _trace_axb(work: ShapeWork, A: Any, X: Any, B: Any) -> tuple[Matrix, Fraction]:
    A_m, X_m, B_m = (
        work.given("A", as_matrix(A, "A")),
        work.given("X", as_matrix(X, "X")),
        work.given("B", as_matrix(B, "B")),
    )
    check_shapes(
        A_m.shape[1] == X_m.shape[0]
        and X_m.shape[1] == B_m.shape[0]
        and B_m.shape[1] == A_m.shape[0],
        f"A {A_m.shape}, X {X_m.shape}, B {B_m.shape} do not chain to a square AXB",
    )
    AXB = work.step("product", "AXB", MathText("AXB", "AXB"), A_m @ X_m @ B_m)
    f = work.step(
        "trace",
        "tr(AXB)",
        MathText("sum of the diagonal of AXB", r"\operatorname{tr}(AXB)"),
        Matrix([[_trace_of(AXB)]]),
        "the scalar f",
    )
    g = work.step(
        "identity",
        "∂f/∂X",
        MathText("AᵀBᵀ", r"\frac{\partial f}{\partial X} = A^\top B^\top"),
        A_m.T @ B_m.T,
        "the shape of X",
    )
    return g, scalar(f)


def _determinant(work: ShapeWork, X: Any) -> tuple[Matrix, Fraction]:
    X_m = work.given("X", as_matrix(X, "X"))
    check_shapes(X_m.is_square(), f"det needs a square matrix; X has shape {X_m.shape}")
    value = det(X_m).value
    f = work.step(
        "determinant", "det(X)", MathText("det(X)", r"\det(X)"), Matrix([[value]]), "the scalar f"
    )
    if value == 0:
        raise DomainError("det(X) = 0: the identity det(X)·X⁻ᵀ needs an invertible X")
    inv = work.step("inverse", "X⁻¹", MathText("X⁻¹", r"X^{-1}"), inverse(X_m).value)
    g = work.step(
        "identity",
        "∂f/∂X",
        MathText("det(X)·X⁻ᵀ", r"\frac{\partial f}{\partial X} = \det(X) X^{-\top}"),
        inv.T * value,
        "the matrix of cofactors; the shape of X",
    )
    return g, scalar(f)


def _least_squares(work: ShapeWork, Phi: Any, y: Any, theta: Any) -> tuple[Matrix, Fraction]:
    Phi_m, y_col, t_col = (
        work.given("Φ", as_matrix(Phi, "Phi"), r"\Phi"),
        work.given("y", column(y, "y")),
        work.given("θ", column(theta, "theta"), r"\theta"),
    )
    N, D = Phi_m.shape
    check_shapes(
        y_col.shape[0] == N and t_col.shape[0] == D,
        f"Φ has shape {Phi_m.shape}, so y needs length {N} and θ length {D}; got {y_col.shape[0]} and {t_col.shape[0]}",
    )
    e = work.step(
        "product",
        "e",
        MathText("y − Φθ", r"e = y - \Phi\theta"),
        y_col - Phi_m @ t_col,
        "the residual",
    )
    f = work.step("product", "L", MathText("eᵀe", r"L = e^\top e"), e.T @ e, "the scalar loss")
    dL_de = work.step(
        "chain", "∂L/∂e", MathText("2eᵀ", r"\frac{\partial L}{\partial e} = 2e^\top"), e.T * 2
    )
    de_dt = work.step(
        "chain", "∂e/∂θ", MathText("−Φ", r"\frac{\partial e}{\partial \theta} = -\Phi"), -Phi_m
    )
    g = work.step(
        "chain",
        "∂L/∂θ",
        MathText(
            "∂L/∂e · ∂e/∂θ = −2eᵀΦ",
            r"\frac{\partial L}{\partial \theta} = \frac{\partial L}{\partial e}\frac{\partial e}{\partial \theta}",
        ),
        dL_de @ de_dt,
        "chain rule: (1×N)(N×D) = 1×D",
    )
    return g, scalar(f)


def _identity(
    name: str,
    function: tuple[str, str],
    wrt: str,
    gradient: tuple[str, str],
    shape: str,
    operands: tuple[str, ...],
) -> GradientIdentity:
    return GradientIdentity(name, MathText(*function), wrt, MathText(*gradient), shape, operands)


GRADIENT_IDENTITIES: dict[str, tuple[GradientIdentity, Callable[..., tuple[Matrix, Fraction]]]] = {
    "linear": (
        _identity(
            "linear", ("f = aᵀx", r"f = a^\top x"), "x", ("aᵀ", r"a^\top"), "1×n", ("a", "x")
        ),
        _linear,
    ),
    "quadratic_form": (
        _identity(
            "quadratic_form",
            ("f = xᵀAx", r"f = x^\top A x"),
            "x",
            ("xᵀ(A + Aᵀ)", r"x^\top (A + A^\top)"),
            "1×n",
            ("A", "x"),
        ),
        _quadratic_form,
    ),
    "bilinear": (
        _identity(
            "bilinear",
            ("f = aᵀXb", r"f = a^\top X b"),
            "X",
            ("a bᵀ", r"a b^\top"),
            "m×n",
            ("a", "X", "b"),
        ),
        _bilinear,
    ),
    "trace": (
        _identity(
            "trace",
            ("f = tr(AX)", r"f = \operatorname{tr}(AX)"),
            "X",
            ("Aᵀ", r"A^\top"),
            "m×n",
            ("A", "X"),
        ),
        _trace,
    ),
    "trace_AXB": (
        _identity(
            "trace_AXB",
            ("f = tr(AXB)", r"f = \operatorname{tr}(AXB)"),
            "X",
            ("AᵀBᵀ", r"A^\top B^\top"),
            "m×n",
            ("A", "X", "B"),
        ),
        _trace_axb,
    ),
    "determinant": (
        _identity(
            "determinant",
            ("f = det(X)", r"f = \det(X)"),
            "X",
            ("det(X)·X⁻ᵀ", r"\det(X) X^{-\top}"),
            "n×n",
            ("X",),
        ),
        _determinant,
    ),
    "least_squares": (
        _identity(
            "least_squares",
            ("L = ‖y − Φθ‖²", r"L = \|y - \Phi\theta\|^2"),
            "θ",
            ("−2(y − Φθ)ᵀΦ", r"-2(y - \Phi\theta)^\top \Phi"),
            "1×D",
            ("Phi", "y", "theta"),
        ),
        _least_squares,
    ),
}
"""Name → (identity, worker). The identities of MML book §5.5 (and the least-squares example of §5.3)."""


_VECTORS = frozenset({"a", "x", "b", "y", "theta"})


def _squared_norm(v: Matrix) -> Fraction:
    return scalar(v.T @ v)


# f alone, for the check by differences
_FUNCTION_VALUES: dict[str, Callable[[dict[str, Matrix]], Fraction]] = {
    "linear": lambda o: scalar(o["a"].T @ o["x"]),
    "quadratic_form": lambda o: scalar(o["x"].T @ o["A"] @ o["x"]),
    "bilinear": lambda o: scalar(o["a"].T @ o["X"] @ o["b"]),
    "trace": lambda o: _trace_of(o["A"] @ o["X"]),
    "trace_AXB": lambda o: _trace_of(o["A"] @ o["X"] @ o["B"]),
    "determinant": lambda o: det(o["X"]).value,
    "least_squares": lambda o: _squared_norm(o["y"] - o["Phi"] @ o["theta"]),
}


def _check_by_differences(
    record: GradientIdentity, operands: dict[str, Any], gradient: Matrix
) -> Step:
    """Central differences ``(f(W + Eᵢⱼ) − f(W − Eᵢⱼ))/2`` for every entry of the variable.

    Every f here is at most quadratic in each single entry, so the central difference with
    step 1 is exact: the check is an equality of fractions, not an approximation.
    """
    exact = {
        name: column(value, name) if name in _VECTORS else as_matrix(value, name)
        for name, value in operands.items()
    }
    wrt = {"θ": "theta"}.get(record.wrt, record.wrt)
    W = exact[wrt]
    f = _FUNCTION_VALUES[record.name]
    rows = []
    for i in range(W.shape[0]):
        row = []
        for j in range(W.shape[1]):
            E = Matrix(
                [[int((k, l) == (i, j)) for l in range(W.shape[1])] for k in range(W.shape[0])]
            )
            row.append((f({**exact, wrt: W + E}) - f({**exact, wrt: W - E})) / 2)
        rows.append(row)
    differences = Matrix(rows)
    if wrt in _VECTORS:
        differences = differences.T  # gradients with respect to vectors are rows
    agrees = differences == gradient
    verdict = "agree with" if agrees else "DIFFER from"
    return Step(
        "check",
        MathText(
            f"check entry by entry: (f(W + E_ij) − f(W − E_ij))/2 {verdict} the identity",
            r"\frac{f(W + E_{ij}) - f(W - E_{ij})}{2} \text{ " + verdict + " the identity}",
        ),
        after=differences,
        note=MathText(
            "exact, because f is at most quadratic in each single entry",
            r"\text{exact, because } f \text{ is at most quadratic in each single entry}",
        ),
        data={"differences": differences, "agrees": agrees},
    )


def matrix_gradient(identity: str, **operands: Any) -> MatrixGradient:
    """Work one gradient identity of §5.5 on exact numbers, shapes stated at each step.

    Parameters
    ----------
    identity : str
        A key of :data:`GRADIENT_IDENTITIES`: ``"linear"`` (a, x), ``"quadratic_form"``
        (A, x), ``"bilinear"`` (a, X, b), ``"trace"`` (A, X), ``"trace_AXB"`` (A, X, B),
        ``"determinant"`` (X), ``"least_squares"`` (Phi, y, theta).
    **operands
        Matrices and vectors as nested lists, text (``"1 2; 3 4"``) or arrays.

    Returns
    -------
    MatrixGradient

    Raises
    ------
    DomainError
        For an unknown identity, missing or extra operands, or a singular X (determinant).
    ShapeError
        If the operands' shapes do not fit, naming them.

    Examples
    --------
    >>> g = matrix_gradient("quadratic_form", A="1 2; 0 3", x="1 -1")
    >>> g.value, g.shape, g.function_value
    (Matrix([[0, -4]]), (1, 2), Fraction(2, 1))
    >>> matrix_gradient("bilinear", a="1 2", X="1 0 1; 0 1 0", b="3 4 5").value
    Matrix([[3, 4, 5], [6, 8, 10]])
    """
    if identity not in GRADIENT_IDENTITIES:
        raise DomainError(
            f"unknown identity {identity!r}; expected one of {', '.join(GRADIENT_IDENTITIES)}"
        )
    record, worker = GRADIENT_IDENTITIES[identity]
    missing = [name for name in record.operands if name not in operands]
    extra = [name for name in operands if name not in record.operands]
    if missing or extra:
        raise DomainError(
            f"{identity} takes the operands {', '.join(record.operands)}; "
            + (f"missing {', '.join(missing)}" if missing else f"unexpected {', '.join(extra)}")
        )
    work = ShapeWork(record)
    value, function_value = worker(work, *(operands[name] for name in record.operands))
    work.derivation.add(_check_by_differences(record, operands, value))
    work.derivation.result = value
    return MatrixGradient(value, function_value, record, work.shapes, work.derivation)
