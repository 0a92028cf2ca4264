"""PCA on paper: centring, the covariance, its eigen-decomposition, and the projection of
each point with its reconstruction error (MML book §10.2–10.3).

The covariance ``S = (1/N) Σ (xₙ − μ)(xₙ − μ)ᵀ`` and its characteristic polynomial are exact.
Rational eigenvalues and eigenvectors come from :func:`mml.exact.eigenvectors`; irrational
ones are shown exactly as SymPy numbers (as that function gives them), and the unit
directions and projections, which involve square roots, are floats.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from mml.errors import ShapeError
from mml.exact import Matrix, eigenvectors, gram_schmidt
from mml.exact.vectors import vector_text
from mml.models.explain.float_tables import FloatMatrix, float_text, float_vector_text
from mml.probability.worked_statistics import summary_statistics
from mml.steps import Derivation, MathText, Step, fraction_text

__all__ = ["PCAExplanation", "explain_pca"]


@dataclass(frozen=True)
class PCAExplanation:
    """The worked principal component analysis of a small data set.

    Attributes
    ----------
    mean : tuple of Fraction, shape (D,)
    covariance : Matrix, shape (D, D)
        ``S``, divided by N.
    eigenvalues : tuple
        Every eigenvalue of S, largest first, repeated by multiplicity: Fractions, or SymPy
        numbers when irrational.
    explained_variance : ndarray, shape (D,)
        The same eigenvalues as floats.
    components : ndarray, shape (n_components, D)
        The principal directions (unit vectors) as rows.
    projections : ndarray, shape (N, n_components)
        ``zₙ = Bᵀ(xₙ − μ)``.
    reconstruction_error : float
        ``(1/N) Σ ‖xₙ − x̃ₙ‖²`` computed from the reconstructions.
    discarded_variance : Fraction or SymPy number
        The sum of the discarded eigenvalues (equal to the reconstruction error, §10.3).
    steps : Derivation
    """

    mean: tuple[Fraction, ...]
    covariance: Matrix
    eigenvalues: tuple[Any, ...]
    explained_variance: np.ndarray
    components: np.ndarray
    projections: np.ndarray
    reconstruction_error: float
    discarded_variance: Any
    steps: Derivation

    def __str__(self) -> str:
        return self.steps.render("text")

    def _repr_markdown_(self) -> str:
        return self.steps.render("markdown")


def _value_text(value: Any) -> str:
    return fraction_text(value) if isinstance(value, Fraction) else str(value)


def _oriented(vector: np.ndarray) -> np.ndarray:
    """The unit vector with its largest-magnitude entry positive (a sign convention)."""
    unit = vector / np.sqrt(vector @ vector)
    return unit if unit[np.argmax(np.abs(unit))] > 0 else -unit


def _directions(
    covariance: Matrix, derivation: Derivation
) -> list[tuple[Any, np.ndarray, tuple[Fraction, ...] | None]]:
    """``(eigenvalue, unit direction as floats, exact rational direction or None)`` for every
    eigenvalue of S, repeated by multiplicity, largest first."""
    eigen = eigenvectors(covariance)
    derivation.extend(eigen.steps)
    fallback = None
    found = []
    for e in eigen.eigenvalues:
        basis = list(e.eigenspace)
        if e.is_rational and len(basis) > 1:
            orthogonal = gram_schmidt(basis)
            derivation.add(
                Step(
                    "orthogonalise",
                    f"λ = {_value_text(e.value)} has a {len(basis)}-dimensional eigenspace: "
                    "Gram–Schmidt gives orthogonal directions "
                    + ", ".join(vector_text(v) for v in orthogonal.orthogonal),
                )
            )
            basis = list(orthogonal.orthogonal)
        if e.is_rational:
            for v in basis:
                exact = tuple(v)
                floats = np.array([float(c) for c in exact])
                sign = 1 if _oriented(floats) @ floats > 0 else -1
                found.append((e.value, _oriented(floats), tuple(sign * c for c in exact)))
        elif basis:
            for v in basis:
                found.append((e.value, _oriented(np.array([float(c) for c in v])), None))
        else:  # a root of an irreducible cubic or worse: no closed-form eigenvector
            if fallback is None:
                from mml.linalg import eigh

                fallback = eigh(covariance.to_numpy())
            index = int(np.argmin(np.abs(fallback.eigenvalues - float(e.value))))
            found.append((e.value, _oriented(fallback.eigenvectors[:, index]), None))
    found.sort(key=lambda item: -float(item[0]))
    return found


def explain_pca(X: Any, n_components: int = 1) -> PCAExplanation:
    """Principal component analysis of small data, worked with the numbers (§10.2–10.3).

    Centre the data, form ``S = (1/N) Σ (xₙ − μ)(xₙ − μ)ᵀ``, find its eigenvalues (roots of
    ``det(S − λI)``) and eigenvectors; the principal subspace is spanned by the unit
    eigenvectors ``b₁, …, b_M`` of the M largest eigenvalues. Each point is projected to
    ``zₙ = Bᵀ(xₙ − μ)`` and reconstructed as ``x̃ₙ = μ + B zₙ``; the average squared
    reconstruction error equals the sum of the discarded eigenvalues.

    Parameters
    ----------
    X : matrix-like, shape (N, D)
        Samples as rows, exact (ints, Fractions, decimal strings).
    n_components : int
        M, between 1 and D.

    Returns
    -------
    PCAExplanation
        ``mean``, ``covariance``, ``eigenvalues``, ``components``, ``projections``,
        ``reconstruction_error``, ``discarded_variance``, ``steps``.

    Raises
    ------
    ShapeError
        For empty data or ``n_components`` outside ``1..D``.

    Examples
    --------
    >>> pca = explain_pca([[1, 1], [2, 2], [3, 3], [2, 4]])
    >>> pca.eigenvalues
    (Fraction(3, 2), Fraction(1, 4))
    >>> pca.components.round(4)
    array([[0.4472, 0.8944]])
    >>> round(pca.reconstruction_error, 10)
    0.25
    """
    stats = summary_statistics(X)
    data = stats.steps.given
    n, d = data.shape
    if isinstance(n_components, bool) or not isinstance(n_components, (int, np.integer)):
        raise ShapeError(f"n_components must be an integer, got {n_components!r}")
    if not 1 <= n_components <= d:
        raise ShapeError(f"n_components must be between 1 and D = {d}, got {n_components}")
    derivation = Derivation(
        f"PCA of {n} samples in {d} dimensions, keeping M = {n_components} component(s)",
        given=data,
    )
    derivation.extend(stats.steps)
    covariance = stats.covariance
    derivation.add(
        Step(
            "eigen_decomposition",
            "The principal directions are the eigenvectors of S with the largest eigenvalues "
            "(§10.2): find them from det(S − λI) = 0.",
            after=covariance,
        )
    )
    found = _directions(covariance, derivation)
    values = tuple(v for v, _, _ in found)
    variance = np.array([float(v) for v in values])
    B = np.array([u for _, u, _ in found[:n_components]]).T  # D×M
    total = float(variance.sum())
    for j, (value, unit, exact) in enumerate(found[:n_components], start=1):
        share = f"{float_text(100 * float(value) / total)}%" if total > 0 else "none"

        how = (
            f" = {vector_text(exact)}/√{fraction_text(sum(c * c for c in exact))}"
            if exact is not None
            else ""
        )
        derivation.add(
            Step(
                "principal_direction",
                f"b{j} (λ = {_value_text(value)} ≈ {float_text(float(value))}, "
                f"{share} of the variance): "
                f"unit eigenvector{how} ≈ {float_vector_text(unit)}",
            )
        )
    centred = data.to_numpy() - np.array([float(m) for m in stats.mean])
    Z = centred @ B
    derivation.add(
        Step(
            "project",
            MathText(
                "Project each centred point: zₙ = Bᵀ(xₙ − μ), one row per sample:",
                r"\text{Project each centred point: } z_n = B^\top (x_n - \mu)",
            ),
            after=FloatMatrix(Z),
        )
    )
    reconstructed = Z @ B.T
    error = float(np.sum((centred - reconstructed) ** 2) / n)
    discarded = sum(values[n_components:], Fraction(0))
    derivation.add(
        Step(
            "reconstruct",
            "Reconstruct x̃ₙ = μ + B zₙ (one row per sample):",
            after=FloatMatrix(reconstructed + np.array([float(m) for m in stats.mean])),
        )
    )
    derivation.add(
        Step(
            "reconstruction_error",
            f"(1/N) Σ ‖xₙ − x̃ₙ‖² ≈ {float_text(error, 6)} = sum of the discarded eigenvalues "
            f"{_value_text(discarded)} ≈ {float_text(float(discarded), 6)} (§10.3)",
            data={"error": error, "discarded": discarded},
        )
    )
    derivation.result = "principal directions " + ", ".join(float_vector_text(u) for u in B.T)
    return PCAExplanation(
        stats.mean, covariance, values, variance, B.T.copy(), Z, error, discarded, derivation
    )
