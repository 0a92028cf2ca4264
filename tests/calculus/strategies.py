"""Hypothesis strategies for random expression trees in x and y."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import strategies as st

from mml.parse import BinaryOperation, FunctionCall, Negate, Number, Symbol

SMOOTH_FUNCTIONS = ("sin", "cos", "exp", "tanh", "arctan", "sigmoid", "sinh")

leaves = st.one_of(
    st.sampled_from([Symbol("x"), Symbol("y"), Symbol("x"), Symbol("pi")]),
    st.builds(
        Number,
        st.fractions(min_value=-5, max_value=5, max_denominator=4).filter(lambda q: q != 0),
    ),
)


def _extend(children):
    return st.one_of(
        st.builds(BinaryOperation, st.sampled_from("+-*"), children, children),
        st.builds(
            lambda a, b: BinaryOperation(
                "/",
                a,
                BinaryOperation(
                    "+", Number(Fraction(3)), BinaryOperation("^", b, Number(Fraction(2)))
                ),
            ),
            children,
            children,
        ),
        st.builds(
            lambda a, n: BinaryOperation("^", a, Number(Fraction(n))), children, st.integers(0, 3)
        ),
        st.builds(Negate, children),
        st.builds(
            lambda name, a: FunctionCall(name, (a,)), st.sampled_from(SMOOTH_FUNCTIONS), children
        ),
    )


expressions = st.recursive(leaves, _extend, max_leaves=10)
"""Expressions that are defined and smooth everywhere (denominators are 3 + u²)."""


def defined_value(node, point) -> float:
    """The float value of ``node`` at ``point``; rejects the example if it overflows."""
    from hypothesis import assume

    from mml.calculus import evaluate
    from mml.errors import DomainError

    try:
        value = float(evaluate(node, point))
    except DomainError:
        assume(False)
        raise  # pragma: no cover - assume(False) has already stopped the example
    assume(abs(value) < 1e12)
    return value
