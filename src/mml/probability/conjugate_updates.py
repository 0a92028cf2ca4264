"""Conjugate prior updates as hyperparameter arithmetic, with steps (book §6.6.1).

Each function takes the prior's hyperparameters and the data, and returns the posterior's,
with the posterior mean (and mode where it exists) in exact fractions.

Examples
--------
>>> beta_binomial_update(2, 2, successes=7, trials=10).value
{'alpha': Fraction(9, 1), 'beta': Fraction(5, 1)}
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from mml.errors import DomainError, ShapeError
from mml.exact.matrix import as_fraction
from mml.exact.results import ExactResult
from mml.steps import Derivation, Step, fraction_text

__all__ = [
    "beta_binomial_update",
    "gamma_poisson_update",
    "normal_normal_update",
    "dirichlet_categorical_update",
]


def _positive(value: Any, name: str) -> Fraction:
    number = as_fraction(value, name)
    if number <= 0:
        raise DomainError(f"{name} must be positive; got {number}")
    return number


def _count(value: Any, name: str) -> int:
    number = as_fraction(value, name)
    if number.denominator != 1 or number < 0:
        raise DomainError(f"{name} must be a whole number ≥ 0; got {number}")
    return int(number)


def beta_binomial_update(alpha: Any, beta: Any, successes: Any, trials: Any) -> ExactResult:
    """Beta(α, β) prior, k successes in N Bernoulli trials → Beta(α + k, β + N − k).

    Raises
    ------
    DomainError
        For non-positive hyperparameters, or counts that are not whole numbers with k ≤ N.
    """
    a, b = _positive(alpha, "alpha"), _positive(beta, "beta")
    k, n = _count(successes, "successes"), _count(trials, "trials")
    if k > n:
        raise DomainError(f"successes ({k}) cannot exceed trials ({n})")
    a_post, b_post = a + k, b + n - k
    derivation = Derivation(
        f"Beta–Binomial update: prior Beta({fraction_text(a)}, {fraction_text(b)}), {k} of {n}"
    )
    derivation.add(
        Step(
            "conjugacy",
            "p(μ | data) ∝ μ^k (1 − μ)^(N−k) · μ^(α−1) (1 − μ)^(β−1): again the kernel of a Beta density.",
        )
    )
    derivation.add(
        Step("update", f"α' = α + k = {fraction_text(a)} + {k} = {fraction_text(a_post)}")
    )
    derivation.add(
        Step("update", f"β' = β + N − k = {fraction_text(b)} + {n - k} = {fraction_text(b_post)}")
    )
    mean = a_post / (a_post + b_post)
    derivation.add(Step("posterior_mean", f"E[μ | data] = α'/(α' + β') = {fraction_text(mean)}"))
    if a_post > 1 and b_post > 1:
        mode = (a_post - 1) / (a_post + b_post - 2)
        derivation.add(
            Step(
                "posterior_mode",
                f"MAP estimate (mode) = (α' − 1)/(α' + β' − 2) = {fraction_text(mode)}",
            )
        )
    derivation.result = f"Beta({fraction_text(a_post)}, {fraction_text(b_post)})"
    return ExactResult({"alpha": a_post, "beta": b_post}, derivation, "conjugate")


def gamma_poisson_update(shape: Any, rate: Any, counts: Sequence[Any]) -> ExactResult:
    """Gamma(α, β) prior (rate β) on a Poisson rate, counts x₁..x_N → Gamma(α + Σx, β + N).

    >>> gamma_poisson_update(2, 1, [3, 4, 5]).value
    {'shape': Fraction(14, 1), 'rate': Fraction(4, 1)}
    """
    a, b = _positive(shape, "shape"), _positive(rate, "rate")
    xs = [_count(x, f"counts[{i}]") for i, x in enumerate(counts)]
    total, n = sum(xs), len(xs)
    a_post, b_post = a + total, b + n
    derivation = Derivation(
        f"Gamma–Poisson update: prior Gamma({fraction_text(a)}, {fraction_text(b)}), counts {xs}"
    )
    derivation.add(
        Step(
            "conjugacy", "p(λ | x) ∝ λ^Σx e^(−Nλ) · λ^(α−1) e^(−βλ): the kernel of a Gamma density."
        )
    )
    derivation.add(
        Step("update", f"α' = α + Σx = {fraction_text(a)} + {total} = {fraction_text(a_post)}")
    )
    derivation.add(
        Step("update", f"β' = β + N = {fraction_text(b)} + {n} = {fraction_text(b_post)}")
    )
    derivation.add(Step("posterior_mean", f"E[λ | x] = α'/β' = {fraction_text(a_post / b_post)}"))
    derivation.result = f"Gamma({fraction_text(a_post)}, {fraction_text(b_post)})"
    return ExactResult({"shape": a_post, "rate": b_post}, derivation, "conjugate")


def normal_normal_update(
    prior_mean: Any, prior_variance: Any, noise_variance: Any, data: Sequence[Any]
) -> ExactResult:
    """N(m₀, s₀²) prior on the mean of N(μ, σ²) data with σ² known → N(m_N, s_N²), where
    ``1/s_N² = 1/s₀² + N/σ²`` and ``m_N = s_N² (m₀/s₀² + Σx/σ²)``.

    >>> normal_normal_update(0, 1, 1, [2, 2, 2]).value
    {'mean': Fraction(3, 2), 'variance': Fraction(1, 4)}
    """
    m0 = as_fraction(prior_mean, "prior_mean")
    s0 = _positive(prior_variance, "prior_variance")
    sigma2 = _positive(noise_variance, "noise_variance")
    xs = [as_fraction(x, f"data[{i}]") for i, x in enumerate(data)]
    if not xs:
        raise ShapeError("data is empty; the posterior would equal the prior")
    n, total = len(xs), sum(xs, Fraction(0))
    precision = 1 / s0 + n / sigma2
    variance = 1 / precision
    mean = variance * (m0 / s0 + total / sigma2)
    derivation = Derivation("Normal–Normal update of a mean with known noise variance")
    derivation.add(
        Step(
            "precision",
            f"1/s_N² = 1/s₀² + N/σ² = {fraction_text(1 / s0)} + {n}/{fraction_text(sigma2)} = {fraction_text(precision)}",
        )
    )
    derivation.add(Step("variance", f"s_N² = {fraction_text(variance)}"))
    derivation.add(
        Step(
            "mean",
            f"m_N = s_N² (m₀/s₀² + Σx/σ²) = {fraction_text(variance)}·({fraction_text(m0 / s0)} + "
            f"{fraction_text(total / sigma2)}) = {fraction_text(mean)}",
        )
    )
    derivation.result = f"N({fraction_text(mean)}, {fraction_text(variance)})"
    return ExactResult({"mean": mean, "variance": variance}, derivation, "conjugate")


def dirichlet_categorical_update(alphas: Sequence[Any], counts: Sequence[Any]) -> ExactResult:
    """Dirichlet(α) prior, category counts n → Dirichlet(α + n).

    >>> dirichlet_categorical_update([1, 1, 1], [2, 0, 5]).value
    (Fraction(3, 1), Fraction(1, 1), Fraction(6, 1))
    """
    a = [_positive(x, f"alphas[{i}]") for i, x in enumerate(alphas)]
    n = [_count(x, f"counts[{i}]") for i, x in enumerate(counts)]
    if len(a) != len(n):
        raise ShapeError(f"{len(a)} concentration parameters but {len(n)} counts")
    post = tuple(x + c for x, c in zip(a, n))
    total = sum(post, Fraction(0))
    derivation = Derivation("Dirichlet–Categorical update")
    derivation.add(
        Step(
            "update",
            "α'ₖ = αₖ + nₖ: "
            + ", ".join(f"{fraction_text(x)} + {c} = {fraction_text(x + c)}" for x, c in zip(a, n)),
        )
    )
    derivation.add(
        Step(
            "posterior_mean",
            "E[πₖ | data] = α'ₖ / Σα': " + ", ".join(fraction_text(x / total) for x in post),
        )
    )
    derivation.result = "Dirichlet(" + ", ".join(fraction_text(x) for x in post) + ")"
    return ExactResult(post, derivation, "conjugate")
