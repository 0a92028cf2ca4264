"""The singular value decomposition by hand, through the eigenvectors of ``AᵀA`` (book §4.5.2).

For ``A`` (m×n):

1. ``AᵀA`` is symmetric positive semidefinite; its orthonormal eigenvectors are the right
   singular vectors ``v_i`` (Gram–Schmidt inside each eigenspace, then normalisation);
2. ``σ_i = √λ_i``, in decreasing order;
3. ``u_i = A v_i / σ_i`` for each ``σ_i > 0``;
4. if fewer than m such ``u_i`` exist, ``U`` is completed by an orthonormal basis of the
   orthogonal complement of their span (``null`` of the ``u_i`` as rows).

Then ``A = U Σ Vᵀ`` exactly. The entries are :class:`~mml.exact.surd.Surd` numbers, so this works
whenever the eigenvalues of ``AᵀA`` are rational: the usual 2×2, 3×2 and 2×3 exercises.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from mml.errors import DomainError
from mml.exact.eigen import eigenvectors
from mml.exact.gram_schmidt import gram_schmidt, normalise
from mml.exact.matrix import Matrix, MatrixLike, as_matrix
from mml.exact.spaces import null_space
from mml.exact.surd import Surd, sqrt
from mml.exact.surd_arrays import SurdMatrix, SurdVector
from mml.steps import Derivation, MathText, Step, fraction_text

__all__ = ["SVDByHand", "svd"]


@dataclass(frozen=True)
class SVDByHand:
    """An exact singular value decomposition ``A = U Σ Vᵀ``.

    Attributes
    ----------
    U : SurdMatrix, shape (m, m)
        Orthonormal left singular vectors as columns.
    singular_values : tuple of Surd
        ``σ₁ ≥ σ₂ ≥ … ≥ σ_min(m,n) ≥ 0``.
    Sigma : SurdMatrix, shape (m, n)
    V : SurdMatrix, shape (n, n)
        Orthonormal right singular vectors as columns.
    rank : int
        The number of nonzero singular values.
    steps : Derivation
    """

    U: SurdMatrix
    singular_values: tuple[Surd, ...]
    Sigma: SurdMatrix
    V: SurdMatrix
    rank: int
    steps: Derivation

    @property
    def Vt(self) -> SurdMatrix:
        return self.V.T

    @property
    def value(self) -> tuple[SurdMatrix, SurdMatrix, SurdMatrix]:
        return self.U, self.Sigma, self.V

    def __str__(self) -> str:
        return self.steps.render("text")

    def _repr_markdown_(self) -> str:
        return self.steps.render("markdown")


def _right_singular_vectors(
    gram: Matrix, derivation: Derivation
) -> tuple[list[Fraction], list[SurdVector]]:
    eigen = eigenvectors(gram)
    derivation.extend(eigen.steps)
    if not eigen.is_rational:
        irrational = ", ".join(str(e.value) for e in eigen.eigenvalues if not e.is_rational)
        raise DomainError(
            f"AᵀA has irrational eigenvalues ({irrational}); the singular values would be nested "
            "roots. The SVD by hand here needs rational eigenvalues of AᵀA; use mml.linalg.svd"
        )
    values: list[Fraction] = []
    vectors: list[SurdVector] = []
    for e in sorted(eigen.eigenvalues, key=lambda e: e.value, reverse=True):
        basis = gram_schmidt(e.eigenspace, normalise=True)
        if len(e.eigenspace) > 1:
            derivation.extend(basis.steps)
        for v in basis.orthonormal or ():
            values.append(e.value)
            vectors.append(v)
            derivation.add(
                Step(
                    "right_singular_vector",
                    MathText(
                        f"λ = {fraction_text(e.value)}: v{len(vectors)} = {v}",
                        rf"\lambda = {e.value}:\ v_{{{len(vectors)}}} = {v.__mml_latex__()}",
                    ),
                )
            )
    return values, vectors


def svd(A: MatrixLike) -> SVDByHand:
    """The SVD ``A = U Σ Vᵀ`` by hand, from the eigen-decomposition of ``AᵀA`` (book §4.5).

    Parameters
    ----------
    A : matrix-like, shape (m, n)
        Rational entries, such that ``AᵀA`` has rational eigenvalues (true of the usual 2×2,
        3×2 and 2×3 exercises).

    Returns
    -------
    SVDByHand
        ``U`` (m×m), ``singular_values``, ``Sigma`` (m×n), ``V`` (n×n), ``rank``, ``steps``;
        ``U @ Sigma @ V.T == A`` exactly.

    Raises
    ------
    DomainError
        If ``AᵀA`` has irrational eigenvalues (the exact singular values would be nested
        roots), or ``A`` is empty.

    Examples
    --------
    >>> result = svd("3 2 2; 2 3 -2")
    >>> [str(s) for s in result.singular_values]
    ['5', '3']
    >>> result.U @ result.Sigma @ result.V.T == Matrix([[3, 2, 2], [2, 3, -2]])
    True
    >>> print(svd([[1, 0], [0, 1], [1, 1]]).singular_values[0])
    √3
    """
    matrix = as_matrix(A, "A")
    m, n = matrix.shape
    if m == 0 or n == 0:
        raise DomainError(f"A has shape {matrix.shape}; an SVD by hand needs a nonempty matrix")
    derivation = Derivation(f"Singular value decomposition of a {m}×{n} matrix", given=matrix)
    gram = matrix.T @ matrix
    derivation.add(Step("gram_matrix", "AᵀA (symmetric, eigenvalues ≥ 0)", after=gram))
    values, vs = _right_singular_vectors(gram, derivation)
    sigmas = [sqrt(value) for value in values]
    derivation.add(
        Step(
            "singular_values",
            "σ_i = √λ_i: " + ", ".join(f"σ{i + 1} = {s}" for i, s in enumerate(sigmas)),
            data={"singular_values": tuple(sigmas)},
        )
    )
    us: list[SurdVector] = []
    for i, (sigma, v) in enumerate(zip(sigmas, vs), start=1):
        if not sigma:
            continue
        Av = matrix @ v.direction
        u = normalise(Av)
        us.append(u)
        derivation.add(
            Step(
                "left_singular_vector",
                MathText(
                    f"u{i} = A·v{i} / σ{i} = {SurdVector(v.scale, Av)} / {sigma} = {u}",
                    rf"u_{{{i}}} = \frac{{A v_{{{i}}}}}{{\sigma_{{{i}}}}} = {u.__mml_latex__()}",
                ),
            )
        )
    rank = len(us)
    if rank < m:
        if rank:
            rows = Matrix.from_columns([u.direction for u in us]).T
            complement = null_space(rows).basis
        else:
            complement = Matrix.identity(m).columns
        extra = gram_schmidt(complement, normalise=True).orthonormal or ()
        us.extend(extra)
        derivation.add(
            Step(
                "complete_U",
                f"Only {rank} nonzero σ for m = {m}: complete U with an orthonormal basis of the "
                "orthogonal complement of span(u₁, …): " + ", ".join(str(u) for u in extra),
            )
        )
    U = SurdMatrix.from_columns(us)
    V = SurdMatrix.from_columns(vs)
    zero = Surd(0)
    Sigma = SurdMatrix([[sigmas[i] if i == j else zero for j in range(n)] for i in range(m)], n)
    derivation.add(Step("assemble_U", "U", after=U))
    derivation.add(Step("assemble_Sigma", "Σ", after=Sigma))
    derivation.add(Step("assemble_V", "V", after=V))
    holds = U @ Sigma @ V.T == matrix
    derivation.add(
        Step(
            "check",
            MathText(
                "Check U·Σ·Vᵀ = A: " + ("holds." if holds else "FAILS."),
                r"U \Sigma V^\top = A\ \text{" + ("holds" if holds else "FAILS") + "}",
            ),
            data={"holds": holds},
        )
    )
    singular = tuple(sigmas[: min(m, n)])
    derivation.result = MathText(
        "σ = " + ", ".join(str(s) for s in singular),
        r"\sigma = " + ", ".join(s.__mml_latex__() for s in singular),
    )
    return SVDByHand(U, singular, Sigma, V, rank, derivation)
