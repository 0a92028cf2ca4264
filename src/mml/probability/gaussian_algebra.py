"""Gaussian algebra in exact arithmetic, with steps (book §6.5).

For ``x ~ N(μ, Σ)`` with rational parameters: marginals (pick blocks), conditionals
(``μ₁|₂ = μ₁ + Σ₁₂Σ₂₂⁻¹(x₂ − μ₂)``, ``Σ₁|₂ = Σ₁₁ − Σ₁₂Σ₂₂⁻¹Σ₂₁``), affine maps
(``N(Aμ + b, AΣAᵀ)``), sums of independent Gaussians and products of densities.

Examples
--------
>>> result = gaussian_conditional([0, 0], "2 1; 1 2", given=[1], values=[1])
>>> result.mean, result.covariance.tolist()
((Fraction(1, 2),), [[Fraction(3, 2)]])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from mml.errors import ShapeError
from mml.exact.inverse import inverse
from mml.exact.matrix import Matrix, MatrixLike, as_matrix, as_vector
from mml.exact.vectors import vector_latex, vector_text
from mml.steps import Derivation, MathText, Step, fraction_text

__all__ = [
    "GaussianResult",
    "gaussian_marginal",
    "gaussian_conditional",
    "gaussian_affine",
    "gaussian_sum",
    "gaussian_product",
    "as_gaussian_parameters",
]


@dataclass(frozen=True)
class GaussianResult:
    """The parameters of a Gaussian, ``N(mean, covariance)``, with the steps that gave them."""

    mean: tuple[Fraction, ...]
    covariance: Matrix
    steps: Derivation

    def __str__(self) -> str:
        return self.steps.render("text")

    def _repr_markdown_(self) -> str:
        return self.steps.render("markdown")


def _describe(mean: Sequence[Fraction], covariance: Matrix) -> MathText:
    return MathText(
        f"N(mean {vector_text(mean)}, covariance {covariance.tolist() and _rows_text(covariance)})",
        rf"\mathcal{{N}}\left({vector_latex(mean)}, {covariance.__mml_latex__()}\right)",
    )


def _rows_text(matrix: Matrix) -> str:
    return "[" + "; ".join(" ".join(str(v) for v in row) for row in matrix.rows) + "]"


def _leading_minors_positive(covariance: Matrix) -> tuple[bool, int]:
    from mml.exact.determinant import det

    for k in range(1, covariance.shape[0] + 1):
        minor = Matrix._trusted(tuple(row[:k] for row in covariance.rows[:k]), k)
        if det(minor, method="elimination").value <= 0:
            return False, k
    return True, 0


def as_gaussian_parameters(
    mean: Any, covariance: MatrixLike, name: str = "covariance"
) -> tuple[tuple[Fraction, ...], Matrix]:
    """Validate exact Gaussian parameters: a mean vector and a symmetric positive definite
    covariance of matching size (Sylvester's criterion on the leading minors).

    Raises
    ------
    ShapeError
        If the sizes differ or the covariance is not square.
    NotPositiveDefiniteError
        If the covariance is not symmetric positive definite; names the argument.
    """
    from mml.errors import NotPositiveDefiniteError

    mu = as_vector(mean, "mean")
    sigma = as_matrix(covariance, name)
    if sigma.shape != (len(mu), len(mu)):
        raise ShapeError(
            f"the mean has {len(mu)} entries, so {name} must be {len(mu)}×{len(mu)}; got {sigma.shape}"
        )
    if sigma != sigma.T:
        raise NotPositiveDefiniteError(f"{name} is not symmetric")
    positive, k = _leading_minors_positive(sigma)
    if not positive:
        raise NotPositiveDefiniteError(
            f"{name} is not positive definite: its leading {k}×{k} minor is not positive"
        )
    return mu, sigma


def _block(matrix: Matrix, rows: Sequence[int], columns: Sequence[int]) -> Matrix:
    return Matrix._trusted(tuple(tuple(matrix[i, j] for j in columns) for i in rows), len(columns))


def _indices(indices: Sequence[int], n: int, name: str) -> list[int]:
    chosen = [int(i) for i in indices]
    if not chosen or len(set(chosen)) != len(chosen) or any(not 0 <= i < n for i in chosen):
        raise ShapeError(f"{name} must be distinct indices in 0..{n - 1}; got {list(indices)}")
    return chosen


def gaussian_marginal(mean: Any, covariance: MatrixLike, indices: Sequence[int]) -> GaussianResult:
    """The marginal of ``x_indices``: keep those entries of μ and that block of Σ.

    >>> gaussian_marginal([1, 2], "2 1; 1 3", [1]).covariance.tolist()
    [[Fraction(3, 1)]]
    """
    mu, sigma = as_gaussian_parameters(mean, covariance)
    keep = _indices(indices, len(mu), "indices")
    new_mean = tuple(mu[i] for i in keep)
    new_cov = _block(sigma, keep, keep)
    derivation = Derivation("Marginal of a Gaussian", given=_describe(mu, sigma))
    derivation.add(
        Step(
            "marginal",
            f"Marginalising a Gaussian keeps its blocks: the entries {[i + 1 for i in keep]} of "
            "the mean and the matching rows and columns of the covariance.",
            after=new_cov,
        )
    )
    derivation.result = _describe(new_mean, new_cov)
    return GaussianResult(new_mean, new_cov, derivation)


def gaussian_conditional(
    mean: Any, covariance: MatrixLike, given: Sequence[int], values: Any
) -> GaussianResult:
    """``p(x_rest | x_given = values)`` of a joint Gaussian (book eq. 6.65–6.66).

    ``μ₁|₂ = μ₁ + Σ₁₂ Σ₂₂⁻¹ (x₂ − μ₂)`` and ``Σ₁|₂ = Σ₁₁ − Σ₁₂ Σ₂₂⁻¹ Σ₂₁``, where block 2 is
    ``given`` and block 1 the remaining indices.

    Raises
    ------
    ShapeError
        For bad indices or a wrong number of values.
    NotPositiveDefiniteError
        If the covariance is not symmetric positive definite.
    """
    mu, sigma = as_gaussian_parameters(mean, covariance)
    n = len(mu)
    second = _indices(given, n, "given")
    first = [i for i in range(n) if i not in second]
    if not first:
        raise ShapeError("conditioning on every variable leaves nothing to describe")
    x2 = as_vector(values, "values")
    if len(x2) != len(second):
        raise ShapeError(f"{len(second)} value(s) needed for the given indices; got {len(x2)}")
    s11, s12 = _block(sigma, first, first), _block(sigma, first, second)
    s21, s22 = _block(sigma, second, first), _block(sigma, second, second)
    mu1, mu2 = [mu[i] for i in first], [mu[i] for i in second]
    derivation = Derivation(
        "Conditional Gaussian p("
        + ", ".join(f"x{i + 1}" for i in first)
        + " | "
        + ", ".join(f"x{i + 1} = {fraction_text(v)}" for i, v in zip(second, x2))
        + ")",
        given=_describe(mu, sigma),
    )
    derivation.add(Step("partition", "Σ₁₁ (block of the unknowns):", after=s11))
    derivation.add(Step("partition", "Σ₁₂ (cross-covariance):", after=s12))
    derivation.add(Step("partition", "Σ₂₂ (block of the observed):", after=s22))
    s22_inverse = inverse(s22)
    derivation.add(Step("inverse", "Σ₂₂⁻¹ by Gauss–Jordan:", after=s22_inverse.value))
    gain = s12 @ s22_inverse.value
    assert isinstance(gain, Matrix)
    derivation.add(Step("gain", "Σ₁₂ Σ₂₂⁻¹:", after=gain))
    residual = tuple(a - b for a, b in zip(x2, mu2))
    shift = gain @ residual
    assert isinstance(shift, tuple)
    new_mean = tuple(a + b for a, b in zip(mu1, shift))
    derivation.add(
        Step(
            "conditional_mean",
            MathText(
                f"μ₁|₂ = μ₁ + Σ₁₂Σ₂₂⁻¹(x₂ − μ₂) = {vector_text(mu1)} + Σ₁₂Σ₂₂⁻¹·{vector_text(residual)} = {vector_text(new_mean)}",
                r"\mu_{1|2} = \mu_1 + \Sigma_{12}\Sigma_{22}^{-1}(x_2 - \mu_2) = "
                + vector_latex(new_mean),
            ),
        )
    )
    correction = gain @ s21
    assert isinstance(correction, Matrix)
    new_cov = s11 - correction
    derivation.add(
        Step(
            "conditional_covariance",
            "Σ₁|₂ = Σ₁₁ − Σ₁₂Σ₂₂⁻¹Σ₂₁ (observing x₂ can only shrink the uncertainty):",
            after=new_cov,
        )
    )
    derivation.result = _describe(new_mean, new_cov)
    return GaussianResult(new_mean, new_cov, derivation)


def gaussian_affine(
    mean: Any, covariance: MatrixLike, A: MatrixLike, b: Any = None
) -> GaussianResult:
    """``y = A x + b`` for ``x ~ N(μ, Σ)`` is ``N(Aμ + b, A Σ Aᵀ)`` (book §6.5.3).

    >>> gaussian_affine([1, 1], "1 0; 0 1", [[1, 1]]).covariance.tolist()
    [[Fraction(2, 1)]]
    """
    from mml.probability.worked_statistics import affine_moments

    mu, sigma = as_gaussian_parameters(mean, covariance)
    new_mean, new_cov, moments = affine_moments(mu, sigma, A, b)
    derivation = Derivation(
        "Affine transformation y = A x + b of a Gaussian", given=_describe(mu, sigma)
    )
    derivation.extend(moments)
    derivation.add(
        Step(
            "gaussian",
            "An affine map of a Gaussian is Gaussian, so these two moments determine it.",
        )
    )
    derivation.result = _describe(new_mean, new_cov)
    return GaussianResult(new_mean, new_cov, derivation)


def gaussian_sum(
    mean1: Any, covariance1: MatrixLike, mean2: Any, covariance2: MatrixLike
) -> GaussianResult:
    """``x + y`` for independent ``x ~ N(μ₁, Σ₁)``, ``y ~ N(μ₂, Σ₂)`` is ``N(μ₁ + μ₂, Σ₁ + Σ₂)``.

    >>> gaussian_sum([1], [[2]], [3], [[4]]).mean
    (Fraction(4, 1),)
    """
    mu1, s1 = as_gaussian_parameters(mean1, covariance1, "covariance1")
    mu2, s2 = as_gaussian_parameters(mean2, covariance2, "covariance2")
    if len(mu1) != len(mu2):
        raise ShapeError(f"the two Gaussians have dimensions {len(mu1)} and {len(mu2)}")
    new_mean = tuple(a + b for a, b in zip(mu1, mu2))
    new_cov = s1 + s2
    derivation = Derivation("Sum of two independent Gaussians")
    derivation.add(
        Step(
            "mean", f"means add: {vector_text(mu1)} + {vector_text(mu2)} = {vector_text(new_mean)}"
        )
    )
    derivation.add(
        Step("covariance", "covariances add (independence kills the cross terms):", after=new_cov)
    )
    derivation.result = _describe(new_mean, new_cov)
    return GaussianResult(new_mean, new_cov, derivation)


def gaussian_product(
    mean1: Any, covariance1: MatrixLike, mean2: Any, covariance2: MatrixLike
) -> GaussianResult:
    """The product of densities ``N(x | a, A)·N(x | b, B) = c·N(x | m, C)`` (book eq. 6.74–6.76).

    ``C = (A⁻¹ + B⁻¹)⁻¹``, ``m = C(A⁻¹a + B⁻¹b)`` and ``c = N(a | b, A + B)``. The constant
    ``c`` involves a square root and an exponential, so the steps state it as an expression.

    >>> gaussian_product([0], [[1]], [2], [[1]]).mean
    (Fraction(1, 1),)
    """
    a, A_ = as_gaussian_parameters(mean1, covariance1, "covariance1")
    b, B_ = as_gaussian_parameters(mean2, covariance2, "covariance2")
    if len(a) != len(b):
        raise ShapeError(f"the two Gaussians have dimensions {len(a)} and {len(b)}")
    A_inv, B_inv = inverse(A_).value, inverse(B_).value
    precision = A_inv + B_inv
    C = inverse(precision).value
    weighted = tuple(x + y for x, y in zip(A_inv @ a, B_inv @ b))  # type: ignore[arg-type]
    m = C @ weighted
    assert isinstance(m, tuple)
    derivation = Derivation("Product of two Gaussian densities")
    derivation.add(Step("precision", "Precisions add: C⁻¹ = A⁻¹ + B⁻¹", after=precision))
    derivation.add(Step("covariance", "C = (A⁻¹ + B⁻¹)⁻¹", after=C))
    derivation.add(
        Step("mean", f"m = C (A⁻¹a + B⁻¹b) = C·{vector_text(weighted)} = {vector_text(m)}")
    )
    derivation.add(
        Step(
            "normaliser",
            f"The product is c·N(x | m, C) with c = N(a | b, A + B) = N({vector_text(a)} | {vector_text(b)}, "
            f"{_rows_text(A_ + B_)}), a number, not a density in x.",
        )
    )
    derivation.result = _describe(m, C)
    return GaussianResult(m, C, derivation)
