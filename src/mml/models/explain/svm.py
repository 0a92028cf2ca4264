"""The SVM dual for a handful of points, with its KKT conditions checked (MML book §12.3).

For labels ``yᵢ ∈ {−1, +1}`` the dual of the (hard- or soft-margin) SVM is

    maximise  Σᵢ αᵢ − ½ Σᵢ Σⱼ αᵢ αⱼ yᵢ yⱼ ⟨xᵢ, xⱼ⟩   subject to  Σᵢ αᵢ yᵢ = 0,  0 ≤ αᵢ (≤ C),

solved here with :func:`mml.optim.quadprog`. Then ``w = Σᵢ αᵢ yᵢ xᵢ``, ``b`` is the multiplier
of the equality constraint (equal to ``yₛ − ⟨w, xₛ⟩`` at every support vector with
``0 < αₛ < C``), and the margin is ``2/‖w‖``. When the data are rational and the α are
rational (small symmetric examples), the solver's α are recovered as fractions and every
KKT condition is verified exactly; otherwise to a tolerance.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from mml.errors import ConvergenceError, DomainError, ShapeError
from mml.exact import Matrix, as_matrix
from mml.exact.vectors import dot, vector_text
from mml.models.explain.float_tables import float_text, float_vector_text
from mml.steps import Derivation, MathText, Step, factor_text, fraction_text

__all__ = ["SVMDualExplanation", "explain_svm_dual"]

_TOL = 1e-7


@dataclass(frozen=True)
class SVMDualExplanation:
    """The solved SVM dual of a small example.

    Attributes
    ----------
    labels : tuple of int
        ``yᵢ ∈ {−1, +1}`` (the larger of the two given labels is +1).
    kernel_matrix : Matrix
        ``Qᵢⱼ = yᵢ yⱼ ⟨xᵢ, xⱼ⟩``.
    alpha : ndarray, shape (N,)
        The dual variables.
    exact : bool
        Whether α, w and b were recovered as fractions and the KKT conditions hold exactly.
    alpha_exact, w_exact, b_exact : tuple of Fraction, tuple of Fraction, Fraction, or None
        The exact values, when ``exact``.
    support : tuple of int
        Indices of the support vectors (αᵢ > 0).
    w : ndarray, shape (D,)
    b : float
    margin : float
        ``2/‖w‖``.
    kkt_satisfied : bool
        Whether every KKT condition holds (exactly when ``exact``, else to a tolerance).
    steps : Derivation
    """

    labels: tuple[int, ...]
    kernel_matrix: Matrix
    alpha: np.ndarray
    exact: bool
    alpha_exact: tuple[Fraction, ...] | None
    w_exact: tuple[Fraction, ...] | None
    b_exact: Fraction | None
    support: tuple[int, ...]
    w: np.ndarray
    b: float
    margin: float
    kkt_satisfied: bool
    steps: Derivation

    @property
    def dual_coef(self) -> np.ndarray:
        """``αᵢ yᵢ`` for the support vectors (scikit-learn's ``dual_coef_[0]``)."""
        return np.array([self.alpha[i] * self.labels[i] for i in self.support])

    def __str__(self) -> str:
        return self.steps.render("text")

    def _repr_markdown_(self) -> str:
        return self.steps.render("markdown")


def _labels(y: Any, n: int) -> tuple[int, ...]:
    values = list(np.asarray(y).ravel().tolist())
    if len(values) != n:
        raise ShapeError(f"X has {n} samples (rows) but y has {len(values)} labels")
    classes = sorted(set(values))
    if len(classes) != 2:
        raise ShapeError(f"the SVM needs exactly two classes in y, got {classes}")
    return tuple(1 if v == classes[1] else -1 for v in values)


def _objective_text(Q: Matrix) -> str:
    """``α1 + α2 − ½(2α1² − 4α1α2 + …)`` for the dual objective."""
    n = Q.shape[0]
    quadratic = ""
    for i in range(n):
        for j in range(i, n):
            c = Q[i, j] * (1 if i == j else 2)
            if c == 0:
                continue
            term = f"α{i + 1}²" if i == j else f"α{i + 1}α{j + 1}"
            size = "" if abs(c) == 1 else factor_text(abs(c))
            sign = ("−" if c < 0 else "") if not quadratic else (" − " if c < 0 else " + ")
            quadratic += f"{sign}{size}{term}"
    linear = " + ".join(f"α{i + 1}" for i in range(n))
    return f"{linear} − ½({quadratic or '0'})"


def _exact_solution(
    X: Matrix, labels: tuple[int, ...], alpha: np.ndarray, C: Fraction | None
) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...], Fraction] | None:
    """α, w, b as fractions when rounding α to small denominators satisfies the KKT
    conditions exactly (which proves it optimal), else None."""
    for largest in (100, 10_000, 1_000_000):
        found = _rounded_solution(X, labels, alpha, C, largest)
        if found is not None:
            return found
    return None


def _rounded_solution(
    X: Matrix, labels: tuple[int, ...], alpha: np.ndarray, C: Fraction | None, largest: int
) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...], Fraction] | None:
    a = tuple(Fraction(float(v)).limit_denominator(largest) for v in np.clip(alpha, 0, None))
    if any(abs(float(x) - v) > 1e-6 for x, v in zip(a, alpha)):
        return None
    if sum(ai * yi for ai, yi in zip(a, labels)) != 0:
        return None
    d = X.shape[1]
    w = tuple(
        sum((a[i] * labels[i] * X[i, k] for i in range(len(a))), Fraction(0)) for k in range(d)
    )
    free = [i for i, ai in enumerate(a) if ai > 0 and (C is None or ai < C)]
    if not free:
        return None
    b = labels[free[0]] - dot(w, X.row(free[0]))
    for i, ai in enumerate(a):
        margin = labels[i] * (dot(w, X.row(i)) + b)
        if ai < 0 or (C is not None and ai > C):
            return None
        if (C is None or ai < C) and margin < 1:
            return None
        if ai > 0 and (C is None or ai < C) and margin != 1:
            return None
        if C is not None and ai == C and margin > 1:
            return None
    return a, w, b


def explain_svm_dual(X: Any, y: Any, C: Any = None) -> SVMDualExplanation:
    """Solve the SVM dual of a small example and check its KKT conditions (§12.3).

    Parameters
    ----------
    X : matrix-like, shape (N, D)
        Samples as rows (a handful: the kernel matrix is shown whole).
    y : array_like, shape (N,)
        Two classes; the larger label becomes +1, the other −1.
    C : positive number, optional
        The soft-margin box ``0 ≤ αᵢ ≤ C``; None for the hard margin.

    Returns
    -------
    SVMDualExplanation
        ``alpha``, ``support``, ``w``, ``b``, ``margin``, ``exact`` (with ``alpha_exact``,
        ``w_exact``, ``b_exact``), ``steps``.

    Raises
    ------
    ShapeError
        If X and y do not fit, or y has other than two classes.
    DomainError
        If C ≤ 0, or the data are not linearly separable with the hard margin.
    ConvergenceError
        If the QP solver stops early.

    Examples
    --------
    >>> svm = explain_svm_dual([[1, 1], [2, 2], [-1, -1], [-2, -2]], [1, 1, -1, -1])
    >>> svm.alpha_exact, svm.w_exact, svm.b_exact
    ((Fraction(1, 4), Fraction(0, 1), Fraction(1, 4), Fraction(0, 1)), (Fraction(1, 2), Fraction(1, 2)), Fraction(0, 1))
    >>> round(svm.margin, 6)  # 2/‖w‖ = 2/√(1/2)
    2.828427
    """
    from mml.optim import quadprog

    data = as_matrix(X, "X")
    n, d = data.shape
    if n < 2 or d == 0:
        raise ShapeError(
            f"X must have at least two samples and one feature, got shape {data.shape}"
        )
    labels = _labels(y, n)
    box = None
    if C is not None:
        box = Fraction(C) if not isinstance(C, float) else Fraction(repr(C))
        if box <= 0:
            raise DomainError(f"C must be positive, got {C}")
    gram = data @ data.T
    Q = Matrix([[labels[i] * labels[j] * gram[i, j] for j in range(n)] for i in range(n)])
    derivation = Derivation(
        f"SVM dual for {n} points in {d} dimension(s), labels y = {vector_text(labels)}",
        given=data,
    )
    derivation.add(Step("gram", "Inner products ⟨xᵢ, xⱼ⟩ (the Gram matrix):", after=gram))
    derivation.add(Step("kernel_matrix", "Qᵢⱼ = yᵢ yⱼ ⟨xᵢ, xⱼ⟩:", after=Q))
    bound = "0 ≤ αᵢ" if box is None else f"0 ≤ αᵢ ≤ C = {fraction_text(box)}"
    derivation.add(
        Step(
            "dual_problem",
            MathText(
                f"Dual (§12.3.1): maximise {_objective_text(Q)} subject to "
                + " ".join(
                    f"{'+' if t > 0 else '−'} α{i + 1}" for i, t in enumerate(labels)
                ).lstrip("+ ")
                + f" = 0 and {bound}",
                r"\max_\alpha \sum_i \alpha_i - \tfrac12 \sum_{i,j} \alpha_i\alpha_j y_i y_j "
                r"\langle x_i, x_j\rangle \ \text{s.t.}\ \sum_i \alpha_i y_i = 0,\ "
                + (
                    r"\alpha_i \ge 0"
                    if box is None
                    else rf"0 \le \alpha_i \le {fraction_text(box)}"
                ),
            ),
        )
    )
    y_float = np.array(labels, dtype=float)
    result = quadprog(
        Q.to_numpy(),
        -np.ones(n),
        A_eq=y_float[None, :],
        b_eq=[0.0],
        bounds=(0, None if box is None else float(box)),
    )
    if result.status == 3:
        raise DomainError(
            "the hard-margin dual is unbounded: the data are not linearly separable; give C"
        )
    if result.status != 0:
        raise ConvergenceError(f"the QP solver stopped: {result.message}")
    alpha = np.clip(result.x, 0, None)
    derivation.add(
        Step(
            "solve_dual",
            f"Solved with mml.optim.quadprog (minimising ½αᵀQα − 1ᵀα): α ≈ "
            f"{float_vector_text(alpha, 6)}",
        )
    )
    exact = _exact_solution(data, labels, alpha, box)
    X_float = data.to_numpy()
    scale = max(1.0, float(alpha.max()))
    if exact is not None:
        a, w_exact, b_exact = exact
        alpha = np.array([float(v) for v in a])
        support = tuple(i for i, v in enumerate(a) if v > 0)
        w, b = np.array([float(v) for v in w_exact]), float(b_exact)
        derivation.add(
            Step(
                "exact_alpha", f"The α are rational: α = {vector_text(a)} (checked exactly below)."
            )
        )
    else:
        a = w_exact = b_exact = None
        support = tuple(i for i, v in enumerate(alpha) if v > _TOL * scale)
        w = (alpha * y_float) @ X_float
        b = float(result.eqlin[0])
    sv_text = ", ".join(f"x{i + 1}" for i in support)
    derivation.add(Step("support_vectors", f"Support vectors (αᵢ > 0): {sv_text}"))
    w_text = vector_text(w_exact) if w_exact is not None else float_vector_text(w)
    derivation.add(
        Step(
            "weights",
            "w = Σᵢ αᵢ yᵢ xᵢ = "
            + " + ".join(
                f"{fraction_text(a[i]) if a else float_text(alpha[i])}·({'+' if labels[i] > 0 else '−'}1)·x{i + 1}"
                for i in support
            )
            + f" = {w_text}",
        )
    )
    free = [i for i in support if box is None or alpha[i] < float(box) - _TOL * scale]
    b_text = fraction_text(b_exact) if b_exact is not None else float_text(b, 6)
    derivation.add(
        Step(
            "intercept",
            "b = yₛ − ⟨w, xₛ⟩ at a support vector with 0 < αₛ"
            + ("" if box is None else " < C")
            + f" (also the multiplier of Σ αᵢ yᵢ = 0): b = {b_text}",
        )
    )
    norm_sq = float(w @ w)
    margin = 2 / math.sqrt(norm_sq) if norm_sq > 0 else math.inf
    norm_text = (
        f"√{factor_text(dot(w_exact, w_exact))}"
        if w_exact is not None
        else float_text(math.sqrt(norm_sq))
    )
    derivation.add(Step("margin", f"margin 2/‖w‖ = 2/{norm_text} ≈ {float_text(margin, 6)}"))
    kkt = _check_kkt(derivation, data, X_float, labels, alpha, a, w, w_exact, b, b_exact, box, free)
    derivation.result = f"w = {w_text}, b = {b_text}, margin ≈ {float_text(margin, 6)}"
    derivation.conclusion.append(
        "All KKT conditions hold "
        + ("exactly, so α is optimal." if exact is not None else "to tolerance.")
        if kkt
        else "Some KKT condition fails: the solver's answer is not optimal."
    )
    return SVMDualExplanation(
        labels,
        Q,
        alpha,
        exact is not None,
        a,
        w_exact,
        b_exact,
        support,
        w,
        b,
        margin,
        kkt,
        derivation,
    )


def _check_kkt(
    derivation: Derivation,
    data: Matrix,
    X_float: np.ndarray,
    labels: tuple[int, ...],
    alpha: np.ndarray,
    a: tuple[Fraction, ...] | None,
    w: np.ndarray,
    w_exact: tuple[Fraction, ...] | None,
    b: float,
    b_exact: Fraction | None,
    box: Fraction | None,
    free: list[int],
) -> bool:
    """Add one step per KKT condition (§12.3, §7.2) and return whether all hold."""
    n = len(labels)
    exact = a is not None
    scale = max(1.0, float(np.max(np.abs(X_float))) ** 2 * max(1.0, float(alpha.max())))
    if exact:
        values = [labels[i] * (dot(w_exact, data.row(i)) + b_exact) for i in range(n)]
        show = fraction_text
    else:
        values = [labels[i] * (float(w @ X_float[i]) + b) for i in range(n)]
        show = float_text
    tol = 0 if exact else 1e-6 * scale
    ok = True
    balance = (
        sum(ai * yi for ai, yi in zip(a, labels)) if exact else float(alpha @ np.array(labels))
    )
    holds = abs(balance) <= tol
    ok &= holds
    derivation.add(
        Step("kkt_equality", f"Σ αᵢ yᵢ = {show(balance)} {'✓' if holds else '✗ (should be 0)'}")
    )
    feasible = all(alpha >= 0) and (box is None or all(alpha <= float(box) + 1e-12))
    ok &= feasible
    derivation.add(
        Step(
            "kkt_dual_feasibility",
            f"every αᵢ ≥ 0{'' if box is None else ' and ≤ C'} {'✓' if feasible else '✗'}",
        )
    )
    for i in range(n):
        at_box = box is not None and i not in free and alpha[i] > 0
        primal = values[i] <= 1 + tol if at_box else values[i] >= 1 - tol
        coefficient = a[i] if exact else alpha[i]
        slack = (coefficient * (values[i] - 1)) if not at_box else 0
        complementary = abs(slack) <= tol
        ok &= primal and complementary
        if at_box:
            text = (
                f"x{i + 1}: αᵢ = C, so it may violate the margin: slack ξᵢ = 1 − yᵢ(⟨w, xᵢ⟩ + b) "
                f"= {show(1 - values[i])} ≥ 0 {'✓' if primal else '✗'}"
            )
        else:
            text = (
                f"x{i + 1}: yᵢ(⟨w, xᵢ⟩ + b) = {show(values[i])} ≥ 1 {'✓' if primal else '✗'}; "
                f"αᵢ·(yᵢ(⟨w, xᵢ⟩ + b) − 1) = {show(slack)} {'✓' if complementary else '✗'}"
            )
        derivation.add(
            Step(
                "kkt_point",
                text,
                data={"margin": values[i], "alpha": coefficient},
            )
        )
    return bool(ok)
