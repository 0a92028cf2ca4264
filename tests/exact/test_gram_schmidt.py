"""Exact Gram–Schmidt: orthogonality, span, QᵀQ = I, and agreement with NumPy's QR."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.exact import Matrix, rank
from mml.exact.gram_schmidt import gram_schmidt
from mml.exact.inner_products import inner_product_value
from mml.exact.spaces import in_span

entries = st.integers(min_value=-5, max_value=5)


@st.composite
def vector_lists(draw):
    n = draw(st.integers(min_value=1, max_value=4))
    k = draw(st.integers(min_value=1, max_value=4))
    return [tuple(draw(entries) for _ in range(n)) for _ in range(k)]


@given(vector_lists())
@settings(max_examples=30, deadline=None)
def test_output_is_orthogonal_and_spans_the_input(vectors):
    result = gram_schmidt(vectors)
    us = result.orthogonal
    assert len(us) == rank(Matrix(vectors).T)
    for i, u in enumerate(us):
        for w in us[i + 1 :]:
            assert inner_product_value(u, w, None) == 0
    for b in vectors:
        assert not us and not any(b) or bool(in_span(b, us, steps=False))


@given(vector_lists())
@settings(max_examples=30, deadline=None)
def test_normalised_Q_has_orthonormal_columns_and_matches_numpy_qr(vectors):
    result = gram_schmidt(vectors, normalise=True)
    if not result.orthogonal:
        return
    Q = result.Q
    assert Q.T @ Q == Matrix.identity(Q.shape[1])
    if not result.dropped:
        # QR of the input: same columns up to sign
        q_ref, _ = np.linalg.qr(Matrix(vectors).T.to_numpy())
        np.testing.assert_allclose(np.abs(Q.to_numpy()), np.abs(q_ref), atol=1e-9)


def test_dependent_vector_is_dropped_and_reported():
    result = gram_schmidt([(1, 1, 0), (2, 2, 0), (0, 0, 1)])
    assert result.dropped == (1,)
    assert any(step.rule == "dependent" for step in result.steps)


def test_orthogonality_under_a_given_inner_product():
    A = [[2, 1], [1, 2]]
    result = gram_schmidt([(1, 0), (0, 1)], normalise=True, A=A)
    Q = result.Q
    assert Q.T @ Matrix(A) @ Q == Matrix.identity(2)


def test_each_projection_is_a_step_and_renders():
    result = gram_schmidt([(1, 1, 0), (1, 0, 1), (0, 1, 1)], normalise=True)
    assert len(result.steps.by_rule("subtract_projection")) == 3
    assert "(1/√6)·(1, -1, 2)" in result.steps.render("text")
    assert r"\frac{1}{\sqrt{6}}" in result.steps.render("latex")


def test_recorded_subtractions_replay_to_the_result():
    vectors = [(1, 2, 0), (3, 1, 1), (0, 1, 5)]
    result = gram_schmidt(vectors)
    us = [list(map(Fraction, v)) for v in vectors]
    current = [list(v) for v in us]
    found = []
    for step in result.steps:
        if step.rule == "subtract_projection":
            t, s, c = step.data["target"], step.data["source"], step.data["coefficient"]
            # the coefficient is ⟨b_t, u_s⟩ / ⟨u_s, u_s⟩ of the original vector
            b, u = us[t], found[s]
            assert c == inner_product_value(b, u, None) / inner_product_value(u, u, None)
            current[t] = [a - c * x for a, x in zip(current[t], u)]
            if s == len(found) - 1:
                found.append(tuple(current[t]))
        elif step.rule == "start":
            found.append(tuple(us[0]))
    assert tuple(found) == result.orthogonal


def test_integer_numpy_arrays_and_text_are_accepted():
    as_array = gram_schmidt(np.array([[1, 0], [1, 1]]))  # an integer array: one vector per row
    as_text = gram_schmidt("1 0; 1 1")
    assert as_text.orthogonal == ((1, 0), (0, 1))
    assert as_array.orthogonal == as_text.orthogonal
