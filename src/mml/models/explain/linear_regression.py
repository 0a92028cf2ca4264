"""Linear regression on paper: the normal equations solved exactly, then the MAP estimate
under a Gaussian prior (MML book §9.2), and the orthogonality of the residual (§9.4).

With features ``φ(x) = (1, x₁, …, x_D)`` the design matrix Φ has a column of ones. Maximum
likelihood solves ``ΦᵀΦ θ = Φᵀy`` (eq. 9.12); with the prior ``θ ~ N(0, b²I)`` and noise
variance σ², the MAP estimate solves ``(ΦᵀΦ + λI) θ = Φᵀy`` with ``λ = σ²/b²`` (eq. 9.29).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from mml.errors import DomainError, ShapeError, SingularMatrixError
from mml.exact import Matrix, as_fraction, as_matrix, as_vector, solve
from mml.exact.vectors import vector_text
from mml.steps import Derivation, MathText, Step, fraction_text

__all__ = ["LinearRegressionExplanation", "explain_linear_regression"]


@dataclass(frozen=True)
class LinearRegressionExplanation:
    """The exact fit of a small linear regression, with the derivation behind it.

    Attributes
    ----------
    design_matrix : Matrix, shape (N, D + 1)
        Φ, a column of ones then the features.
    gram : Matrix, shape (D + 1, D + 1)
        ΦᵀΦ.
    moment : tuple of Fraction
        Φᵀy.
    theta_ml : tuple of Fraction or None
        The maximum-likelihood parameters (intercept first); None when ΦᵀΦ is singular.
    residuals : tuple of Fraction or None
        ``y − Φθ_ML``.
    prior_precision : Fraction or None
        λ = σ²/b².
    theta_map : tuple of Fraction or None
        The MAP parameters, when a prior is given.
    steps : Derivation
    """

    design_matrix: Matrix
    gram: Matrix
    moment: tuple[Fraction, ...]
    theta_ml: tuple[Fraction, ...] | None
    residuals: tuple[Fraction, ...] | None
    prior_precision: Fraction | None
    theta_map: tuple[Fraction, ...] | None
    steps: Derivation

    def __str__(self) -> str:
        return self.steps.render("text")

    def _repr_markdown_(self) -> str:
        return self.steps.render("markdown")


def _prior(
    prior_precision: Any, prior_variance: Any, noise_variance: Any
) -> tuple[Fraction | None, str]:
    if prior_precision is not None:
        if prior_variance is not None or noise_variance is not None:
            raise ShapeError(
                "give prior_precision, or prior_variance with noise_variance, not both"
            )
        lam = as_fraction(prior_precision, "prior_precision")
        if lam < 0:
            raise DomainError(f"prior_precision must be ≥ 0, got {fraction_text(lam)}")
        return lam, f"prior θ ~ N(0, (σ²/λ)·I) with λ = σ²/b² = {fraction_text(lam)}"
    if prior_variance is None and noise_variance is None:
        return None, ""
    if prior_variance is None or noise_variance is None:
        raise ShapeError("the prior needs both prior_variance (b²) and noise_variance (σ²)")
    b2 = as_fraction(prior_variance, "prior_variance")
    s2 = as_fraction(noise_variance, "noise_variance")
    if b2 <= 0 or s2 <= 0:
        raise DomainError(
            f"variances must be positive; got b² = {fraction_text(b2)}, σ² = {fraction_text(s2)}"
        )
    lam = s2 / b2
    return lam, (
        f"prior θ ~ N(0, b²I) with b² = {fraction_text(b2)}, noise variance σ² = "
        f"{fraction_text(s2)}, so λ = σ²/b² = {fraction_text(lam)}"
    )


def _design_matrix(X: Any, y: Any) -> tuple[Matrix, tuple[Fraction, ...]]:
    features = as_matrix(X, "X")
    if features.shape[0] == 0:
        raise ShapeError("X has no samples")
    if features.shape[1] == 0 or features.shape[0] != len(features.rows):
        raise ShapeError(f"X must be N×D with D ≥ 1, got shape {features.shape}")
    targets = as_vector(y, "y")
    if len(targets) != features.shape[0]:
        raise ShapeError(
            f"X has {features.shape[0]} samples (rows) but y has {len(targets)} targets"
        )
    phi = Matrix([(Fraction(1), *row) for row in features.rows])
    return phi, targets


def _solve_normal(
    lhs: Matrix, rhs: tuple[Fraction, ...], names: tuple[str, ...], derivation: Derivation
) -> tuple[Fraction, ...] | None:
    solution = solve((lhs, rhs), variables=names)
    derivation.add(
        Step(
            "augmented",
            "Solve by Gaussian elimination on the augmented matrix:",
            after=solution.steps.given,
        )
    )
    derivation.extend(solution.steps)
    if solution.kind != "unique":
        derivation.add(
            Step(
                "not_unique",
                "The matrix has rank below its size: the columns of Φ are linearly dependent, "
                "so the estimate is not unique.",
            )
        )
        return None
    return solution.particular


def explain_linear_regression(
    X: Any,
    y: Any,
    prior_precision: Any = None,
    *,
    prior_variance: Any = None,
    noise_variance: Any = None,
) -> LinearRegressionExplanation:
    """Fit ``y ≈ θ₀ + θ₁x₁ + … + θ_D x_D`` exactly, showing the normal equations (§9.2).

    ``θ_ML`` solves ``ΦᵀΦ θ = Φᵀy`` by Gaussian elimination with every row operation shown;
    the residual ``r = y − Φθ_ML`` is then checked to be orthogonal to every column of Φ
    (``Φᵀr = 0``: Φθ_ML is the orthogonal projection of y onto the column space, §9.4).
    With a prior, ``θ_MAP`` solves ``(ΦᵀΦ + λI) θ = Φᵀy`` with ``λ = σ²/b²``; like the book,
    the prior covers every θ, the intercept θ₀ included.

    Parameters
    ----------
    X : matrix-like, shape (N, D)
        Samples as rows (exact: ints, Fractions, decimal strings or floats read as decimals).
    y : vector-like, shape (N,)
    prior_precision : rational, optional
        λ = σ²/b² ≥ 0.
    prior_variance, noise_variance : rational, optional
        b² and σ² of the prior ``θ ~ N(0, b²I)`` and the noise, instead of λ.

    Returns
    -------
    LinearRegressionExplanation
        ``design_matrix``, ``gram``, ``moment``, ``theta_ml``, ``residuals``, ``theta_map``,
        ``steps``.

    Raises
    ------
    ShapeError
        If X and y do not fit, or the prior is half given.
    DomainError
        For a negative precision or a non-positive variance.
    SingularMatrixError
        If ΦᵀΦ is singular (dependent columns) and no prior is given.

    Examples
    --------
    >>> fit = explain_linear_regression([[0], [1], [2]], [1, 3, 4])
    >>> fit.theta_ml
    (Fraction(7, 6), Fraction(3, 2))
    >>> explain_linear_regression([[0], [1], [2]], [1, 3, 4], prior_precision=1).theta_map
    (Fraction(1, 1), Fraction(4, 3))
    """
    phi, targets = _design_matrix(X, y)
    lam, prior_text = _prior(prior_precision, prior_variance, noise_variance)
    n, p = phi.shape
    names = tuple(f"θ{j}" for j in range(p))
    derivation = Derivation(
        f"Linear regression on {n} samples with {p - 1} feature(s): y ≈ "
        + " + ".join([names[0]] + [f"{names[j]}·x{j}" for j in range(1, p)]),
        given=phi,
    )
    derivation.add(
        Step(
            "design_matrix",
            "Φ (above) has a column of ones for θ0, then one column per feature; "
            f"y = {vector_text(targets)}.",
        )
    )
    gram = phi.T @ phi
    moment = phi.T @ targets
    derivation.add(Step("gram", "ΦᵀΦ (sums of products of the columns of Φ):", after=gram))
    derivation.add(Step("moment", f"Φᵀy = {vector_text(moment)}", data={"moment": tuple(moment)}))
    derivation.add(
        Step(
            "normal_equations",
            "Maximum likelihood (§9.2.1): set the gradient of ‖y − Φθ‖² to zero, "
            "giving the normal equations ΦᵀΦ θ = Φᵀy.",
        )
    )
    theta_ml = _solve_normal(gram, tuple(moment), names, derivation)
    residuals = None
    if theta_ml is not None:
        fitted = phi @ theta_ml
        residuals = tuple(t - f for t, f in zip(targets, fitted))
        derivation.add(
            Step(
                "theta_ml",
                f"θ_ML = {vector_text(theta_ml)}; fitted values Φθ_ML = {vector_text(fitted)}",
                data={"theta": theta_ml},
            )
        )
        products = phi.T @ residuals
        derivation.add(
            Step(
                "orthogonality",
                f"Residual r = y − Φθ_ML = {vector_text(residuals)}; Φᵀr = "
                f"{vector_text(products)}: r ⊥ every column of Φ, so Φθ_ML is the orthogonal "
                "projection of y onto the column space of Φ (§9.4).",
                data={"residuals": residuals, "products": tuple(products)},
            )
        )
        if any(v != 0 for v in products):  # cannot happen for an exact solution
            raise AssertionError("the residual is not orthogonal to the columns of Φ")
    elif lam is None or lam == 0:
        raise SingularMatrixError(
            "ΦᵀΦ is singular (the columns of Φ are linearly dependent), so θ_ML is not unique; "
            "give a prior_precision > 0 for the MAP estimate"
        )
    theta_map = None
    if lam is not None:
        derivation.add(Step("prior", f"MAP estimate (§9.2.3) with the {prior_text}."))
        regularised = gram + Matrix.identity(p) * lam
        derivation.add(
            Step(
                "regularised_gram",
                MathText(
                    f"Maximise log p(y|Φ,θ) + log p(θ): (ΦᵀΦ + λI) θ = Φᵀy with λ = "
                    f"{fraction_text(lam)}; ΦᵀΦ + λI =",
                    rf"(\Phi^\top\Phi + \lambda I)\theta = \Phi^\top y,\ \lambda = "
                    rf"{fraction_text(lam)}",
                ),
                after=regularised,
            )
        )
        theta_map = _solve_normal(regularised, tuple(moment), names, derivation)
        if theta_map is None:
            raise SingularMatrixError("ΦᵀΦ + λI is singular; use a prior_precision > 0")
        derivation.add(
            Step("theta_map", f"θ_MAP = {vector_text(theta_map)}", data={"theta": theta_map})
        )
    final = theta_map if theta_map is not None else theta_ml
    label = "θ_MAP" if theta_map is not None else "θ_ML"
    derivation.result = f"{label} = {vector_text(final)}"
    if theta_map is not None and theta_ml is not None:
        derivation.conclusion.append(
            f"The prior pulls θ towards 0: θ_ML = {vector_text(theta_ml)}, "
            f"θ_MAP = {vector_text(theta_map)}."
        )
    return LinearRegressionExplanation(
        phi, gram, tuple(moment), theta_ml, residuals, lam, theta_map, derivation
    )
