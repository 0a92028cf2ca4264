"""Exact linear algebra over the rationals, with every step recorded (the Paper core).

Every function accepts a :class:`Matrix`, nested lists, integer or Fraction arrays, or math
text such as ``"1 2; 3 4"``, and returns a result whose ``steps`` is a
:class:`mml.steps.Derivation`.

Examples
--------
>>> from mml import exact
>>> exact.solve("3x + y = 9; 4x - 2y = 5").as_dict()
{'x': Fraction(23, 10), 'y': Fraction(21, 10)}
>>> exact.det("1 2; 3 4").value
Fraction(-2, 1)
"""

from mml.exact.affine import AffineSubspace
from mml.exact.cholesky import CholeskyResult, cholesky, is_positive_definite
from mml.exact.classify import MatrixClassification, classify_matrix
from mml.exact.determinant import det, determinant, trace
from mml.exact.diagonalise import Diagonalisation, diagonalise, diagonalize
from mml.exact.eigen import (
    EigenResult,
    Eigenvalue,
    characteristic_polynomial,
    eigenvalues,
    eigenvectors,
)
from mml.exact.elimination import EchelonForm, Eliminator
from mml.exact.gram_schmidt import GramSchmidtResult, gram_schmidt
from mml.exact.inner_products import (
    Angle,
    angle,
    are_orthogonal,
    distance,
    inner_product,
    is_inner_product,
    length,
)
from mml.exact.inverse import inverse
from mml.exact.linear_maps import LinearMap, image, kernel, transformation_matrix
from mml.exact.low_rank import LowRankApproximation, rank_k_approximation
from mml.exact.matrix import AugmentedMatrix, Matrix, as_fraction, as_matrix, as_vector, identity
from mml.exact.orthogonal_complement import orthogonal_complement
from mml.exact.polynomial import Polynomial, rational_roots
from mml.exact.projections import (
    ProjectionResult,
    project,
    project_onto_affine,
    project_onto_line,
)
from mml.exact.results import ExactResult, Subspace
from mml.exact.rref import reduced_row_echelon_form, row_echelon_form, rref
from mml.exact.spaces import (
    IndependenceResult,
    SpanMembership,
    basis,
    change_of_basis,
    column_space,
    coordinates,
    in_span,
    is_linearly_independent,
    null_space,
    rank,
    row_space,
)
from mml.exact.surd import Surd, sqrt
from mml.exact.surd_arrays import SurdMatrix, SurdVector
from mml.exact.svd import SVDByHand, svd
from mml.exact.systems import Solution, solve

__all__ = [
    "Matrix",
    "AugmentedMatrix",
    "as_matrix",
    "as_vector",
    "as_fraction",
    "identity",
    "EchelonForm",
    "Eliminator",
    "row_echelon_form",
    "rref",
    "reduced_row_echelon_form",
    "Solution",
    "solve",
    "AffineSubspace",
    "det",
    "determinant",
    "trace",
    "inverse",
    "ExactResult",
    "Subspace",
    "rank",
    "null_space",
    "column_space",
    "row_space",
    "is_linearly_independent",
    "IndependenceResult",
    "in_span",
    "SpanMembership",
    "basis",
    "coordinates",
    "change_of_basis",
    "LinearMap",
    "kernel",
    "image",
    "transformation_matrix",
    "Surd",
    "SurdVector",
    "SurdMatrix",
    "sqrt",
    "inner_product",
    "length",
    "distance",
    "angle",
    "Angle",
    "are_orthogonal",
    "is_inner_product",
    "orthogonal_complement",
    "classify_matrix",
    "MatrixClassification",
    "gram_schmidt",
    "GramSchmidtResult",
    "project",
    "project_onto_line",
    "project_onto_affine",
    "ProjectionResult",
    "Polynomial",
    "rational_roots",
    "characteristic_polynomial",
    "eigenvalues",
    "eigenvectors",
    "Eigenvalue",
    "EigenResult",
    "cholesky",
    "is_positive_definite",
    "CholeskyResult",
    "diagonalise",
    "diagonalize",
    "Diagonalisation",
    "svd",
    "SVDByHand",
    "rank_k_approximation",
    "LowRankApproximation",
]
