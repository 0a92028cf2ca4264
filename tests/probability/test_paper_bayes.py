"""Bayes' theorem and joint tables with steps, against brute-force float enumeration."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.errors import DomainError, ShapeError
from mml.probability.bayes import bayes, diagnostic_test
from mml.probability.joint_table import JointTable


def test_disease_test_posterior_matches_the_float_formula():
    result = diagnostic_test(prior="0.01", sensitivity="0.95", specificity="0.9")
    expected = 0.95 * 0.01 / (0.95 * 0.01 + 0.1 * 0.99)
    assert float(result.posterior["disease"]) == pytest.approx(expected, rel=1e-15)
    assert result.posterior["disease"] == Fraction(19, 217)
    assert [s.rule for s in result.steps][:3] == ["product_rule", "product_rule", "sum_rule"]


def test_negative_result_uses_the_complements():
    result = diagnostic_test(0.01, 0.95, 0.9, result="negative")
    expected = 0.05 * 0.01 / (0.05 * 0.01 + 0.9 * 0.99)
    assert float(result.posterior["disease"]) == pytest.approx(expected)


probabilities = st.fractions(min_value=0, max_value=1, max_denominator=20)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(1, 20), min_size=2, max_size=5), st.data())
def test_posterior_is_normalised_and_proportional_to_prior_times_likelihood(weights, data):
    total = sum(weights)
    prior = {f"h{i}": Fraction(w, total) for i, w in enumerate(weights)}
    likelihood = {h: data.draw(probabilities) for h in prior}
    if not any(likelihood[h] * prior[h] for h in prior):
        with pytest.raises(DomainError, match="impossible"):
            bayes(prior, likelihood)
        return
    result = bayes(prior, likelihood)
    assert sum(result.posterior.values()) == 1
    joint = np.array([float(likelihood[h] * prior[h]) for h in prior])
    np.testing.assert_allclose([float(result.posterior[h]) for h in prior], joint / joint.sum())


def test_bad_probabilities_name_the_argument():
    with pytest.raises(DomainError, match="sensitivity"):
        diagnostic_test(0.01, 1.2, 0.9)
    with pytest.raises(DomainError, match="sum to 1"):
        bayes({"a": "0.5", "b": "0.6"}, {"a": 1, "b": 1})
    with pytest.raises(DomainError, match="hypotheses"):
        bayes({"a": 1}, {"b": 1})


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.data())
def test_joint_table_marginals_and_conditionals_match_numpy(m, n, data):
    counts = np.array(
        data.draw(st.lists(st.integers(0, 9), min_size=m * n, max_size=m * n)), dtype=float
    ).reshape(m, n)
    if counts.sum() == 0:
        counts[0, 0] = 1
    total = int(counts.sum())
    table = JointTable([[Fraction(int(c), total) for c in row] for row in counts])
    joint = counts / counts.sum()
    np.testing.assert_allclose([float(v) for v in table.marginal("X").value.values()], joint.sum(1))
    np.testing.assert_allclose([float(v) for v in table.marginal("Y").value.values()], joint.sum(0))
    column = int(np.argmax(joint.sum(0)))
    conditional = table.conditional("X", given=f"y{column + 1}").value
    np.testing.assert_allclose(
        [float(v) for v in conditional.values()], joint[:, column] / joint[:, column].sum()
    )
    independent = np.allclose(joint, np.outer(joint.sum(1), joint.sum(0)), atol=0, rtol=1e-12)
    assert bool(table.independence()) == independent


def test_independent_table_is_recognised_and_dependent_cell_named():
    assert JointTable("1/6 1/3; 1/6 1/3").independence()
    check = JointTable("1/2 0; 0 1/2").independence()
    assert not check and check.counterexample == ("x1", "y1")


def test_joint_table_validation():
    with pytest.raises(DomainError, match="sum to 1"):
        JointTable("0.5 0.6")
    with pytest.raises(ShapeError):
        JointTable("0.5 0.5", rows=("a", "b"))
    with pytest.raises(DomainError, match="unknown variable"):
        JointTable("0.5 0.5").marginal("Z")
