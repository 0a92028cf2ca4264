"""Exact orthogonal complements against scipy.linalg.null_space, with dim U + dim U^⊥ = n."""

from __future__ import annotations

import numpy as np
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.exact import Matrix, rank
from mml.exact.orthogonal_complement import orthogonal_complement
from mml.exact.vectors import dot

entries = st.integers(min_value=-4, max_value=4)


@given(st.integers(1, 4), st.integers(1, 4), st.data())
@settings(max_examples=30, deadline=None)
def test_complement_is_orthogonal_with_the_right_dimension(n, k, data):
    vectors = [tuple(data.draw(entries) for _ in range(n)) for _ in range(k)]
    complement = orthogonal_complement(vectors)
    assert complement.dimension == n - rank(Matrix(vectors))
    assert complement.dimension == scipy.linalg.null_space(np.array(vectors, float)).shape[1]
    for w in complement.basis:
        assert all(dot(w, v) == 0 for v in vectors)


def test_normal_of_a_plane():
    (normal,) = orthogonal_complement("1 0 1; 0 1 1").basis
    assert normal == (-1, -1, 1)
