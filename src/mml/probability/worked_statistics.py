"""Summary statistics of small data sets, worked exactly with steps (book §6.4).

Data are an N×D table, one sample per row (the orientation is stated in every derivation).

Examples
--------
>>> stats = summary_statistics([[1, 2], [3, 4], [5, 9]])
>>> stats.mean
(Fraction(3, 1), Fraction(5, 1))
>>> stats.covariance.tolist()[0]
[Fraction(8, 3), Fraction(14, 3)]
>>> stats.sample_covariance.tolist()[0]
[Fraction(4, 1), Fraction(7, 1)]
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from mml.errors import ShapeError
from mml.exact.matrix import Matrix, MatrixLike, as_matrix, as_vector
from mml.exact.vectors import vector_text
from mml.steps import Derivation, Step, factor_text, fraction_text

__all__ = ["SummaryStatistics", "summary_statistics", "affine_moments"]


@dataclass(frozen=True)
class SummaryStatistics:
    """Mean, population (1/N) and sample (1/(N−1)) covariance, and correlations."""

    mean: tuple[Fraction, ...]
    covariance: Matrix
    sample_covariance: Matrix | None
    correlation: list[list[float]]
    steps: Derivation

    @property
    def variance(self) -> tuple[Fraction, ...]:
        """The population variances (diagonal of the 1/N covariance)."""
        return tuple(self.covariance[i, i] for i in range(self.covariance.shape[0]))

    def __str__(self) -> str:
        return self.steps.render("text")


def summary_statistics(data: MatrixLike) -> SummaryStatistics:
    """Empirical mean, covariance (1/N and 1/(N−1)) and correlation of N×D data, with steps.

    ``mean = (1/N) Σ xₙ``; ``Cov = (1/N) Σ (xₙ − mean)(xₙ − mean)ᵀ``; the sample version divides
    by N − 1. ``corr = Cov_ij / √(Cov_ii Cov_jj)`` is a float (it is usually irrational).

    Raises
    ------
    ShapeError
        For empty data.

    Examples
    --------
    >>> summary_statistics([[2], [4], [6]]).variance
    (Fraction(8, 3),)
    """
    X = as_matrix(data, "data")
    n, d = X.shape
    if n == 0 or d == 0:
        raise ShapeError(f"data must have at least one sample and one feature; got shape {X.shape}")
    derivation = Derivation(
        f"Summary statistics of {n} samples (rows) with {d} feature(s) (columns)", given=X
    )
    mean = tuple(sum(column, Fraction(0)) / n for column in X.columns)
    for j, column in enumerate(X.columns):
        derivation.add(
            Step(
                "mean",
                f"mean of feature {j + 1} = ("
                + " + ".join(fraction_text(v) for v in column)
                + f") / {n} = {fraction_text(mean[j])}",
            )
        )
    centred = Matrix._trusted(tuple(tuple(v - m for v, m in zip(row, mean)) for row in X.rows), d)
    derivation.add(Step("centre", "Subtract the mean from every sample:", after=centred))
    scatter = centred.T @ centred
    assert isinstance(scatter, Matrix)
    derivation.add(
        Step(
            "scatter",
            "Sum of outer products Σ (xₙ − mean)(xₙ − mean)ᵀ, i.e. (centred data)ᵀ(centred data):",
            after=scatter,
        )
    )
    covariance = scatter / n
    derivation.add(
        Step("covariance", f"Population covariance (divide by N = {n}):", after=covariance)
    )
    sample = scatter / (n - 1) if n > 1 else None
    if sample is not None:
        derivation.add(
            Step(
                "sample_covariance",
                f"Sample covariance (divide by N − 1 = {n - 1}, unbiased):",
                after=sample,
            )
        )
    correlation = [
        [
            float(covariance[i, j]) / math.sqrt(float(covariance[i, i] * covariance[j, j]))
            if covariance[i, i] and covariance[j, j]
            else float("nan")
            for j in range(d)
        ]
        for i in range(d)
    ]
    if d > 1:
        derivation.add(
            Step(
                "correlation",
                "corr(i, j) = Cov_ij / √(Cov_ii·Cov_jj): "
                + ", ".join(
                    f"corr({i + 1},{j + 1}) = {factor_text(covariance[i, j])}/√({factor_text(covariance[i, i])}·"
                    f"{factor_text(covariance[j, j])}) ≈ {correlation[i][j]:.4f}"
                    for i in range(d)
                    for j in range(i + 1, d)
                ),
            )
        )
    derivation.result = f"mean {vector_text(mean)}"
    return SummaryStatistics(mean, covariance, sample, correlation, derivation)


def affine_moments(
    mean: Any, covariance: MatrixLike, A: MatrixLike, b: Any = None
) -> tuple[tuple[Fraction, ...], Matrix, Derivation]:
    """``E[AX + b] = A E[X] + b`` and ``Cov[AX + b] = A Cov[X] Aᵀ`` (book eq. 6.50–6.51).

    Any random vector, Gaussian or not. Returns ``(mean, covariance, steps)``.

    Raises
    ------
    ShapeError
        If the shapes of ``mean``, ``covariance``, ``A`` and ``b`` do not fit.

    >>> mean, cov, _ = affine_moments([1, 2], "1 0; 0 4", [[1, 1]], [3])
    >>> mean, cov.tolist()
    ((Fraction(6, 1),), [[Fraction(5, 1)]])
    """
    mu = as_vector(mean, "mean")
    sigma = as_matrix(covariance, "covariance")
    if sigma.shape != (len(mu), len(mu)):
        raise ShapeError(
            f"the mean has {len(mu)} entries, so the covariance must be {len(mu)}×{len(mu)}; got {sigma.shape}"
        )
    matrix = as_matrix(A, "A")
    if matrix.shape[1] != len(mu):
        raise ShapeError(f"A must have {len(mu)} columns to act on X; it is {matrix.shape}")
    offset = as_vector(b, "b") if b is not None else (Fraction(0),) * matrix.shape[0]
    if len(offset) != matrix.shape[0]:
        raise ShapeError(f"b must have {matrix.shape[0]} entries; got {len(offset)}")
    image = matrix @ mu
    assert isinstance(image, tuple)
    new_mean = tuple(a + c for a, c in zip(image, offset))
    new_cov = matrix @ sigma @ matrix.T
    assert isinstance(new_cov, Matrix)
    derivation = Derivation("Mean and covariance of Y = A X + b")
    derivation.add(
        Step(
            "mean",
            f"E[Y] = A E[X] + b = {vector_text(image)} + {vector_text(offset)} = {vector_text(new_mean)}",
        )
    )
    derivation.add(
        Step("covariance", "Cov[Y] = A Cov[X] Aᵀ (the shift b does not spread):", after=new_cov)
    )
    derivation.result = f"E[Y] = {vector_text(new_mean)}"
    return new_mean, new_cov, derivation
