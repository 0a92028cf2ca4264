"""classify_matrix: verdicts against NumPy/SymPy for random integer matrices."""

from __future__ import annotations

import numpy as np
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.exact import Matrix
from mml.exact.classify import classify_matrix

entries = st.integers(min_value=-3, max_value=3)


@given(st.integers(1, 2), st.data())
@settings(max_examples=25, deadline=None)
def test_verdicts_match_references(n, data):
    A = Matrix([[data.draw(entries) for _ in range(n)] for _ in range(n)])
    result = classify_matrix(A)
    a = A.to_numpy()
    assert result.symmetric == bool(np.array_equal(a, a.T))
    assert result.invertible == (round(np.linalg.det(a)) != 0)
    expected_spd = result.symmetric and np.linalg.eigvalsh(a).min() > 1e-12
    assert result.positive_definite == bool(expected_spd)
    reference = sympy.Matrix([[int(x) for x in r] for r in A.rows])
    assert result.diagonalisable == reference.is_diagonalizable(reals_only=True)
    assert ("Cholesky" in result.decompositions) == result.positive_definite


def test_rectangular_matrix_has_only_an_svd():
    result = classify_matrix([[1, 2, 3]])
    assert result.decompositions == ("SVD",) and not result.square


def test_rotation_by_90_degrees_is_orthogonal_but_not_real_diagonalisable():
    result = classify_matrix("0 -1; 1 0")
    assert result.orthogonal and result.invertible and not result.diagonalisable
