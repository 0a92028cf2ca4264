"""The functional API against HIPS autograd, and higher-order derivatives."""

from __future__ import annotations

import autograd
import autograd.numpy as agnp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import mml.autodiff.numpy as anp
from mml.autodiff import (
    grad,
    hessian,
    hvp,
    jacfwd,
    jacobian,
    jacrev,
    jvp,
    no_grad,
    value_and_grad,
    vjp,
)
from mml.errors import DomainError, ShapeError


def logistic_loss(m, w, X, y):
    z = X @ w
    return m.mean(m.logaddexp(0.0, -y * z)) + 0.01 * m.sum(w * w)


def vector_map(m, x):
    return m.concatenate([m.sin(x) * x[0], m.exp(x[1:]) - x[:-1] ** 2])


vectors = arrays(np.float64, st.integers(2, 4), elements=st.floats(-1.5, 1.5))


@settings(max_examples=10, deadline=None)
@given(x=vectors)
def test_grad_of_a_scalar_function_matches_autograd(x):
    def f(m, x):
        return m.sum(m.tanh(x) * m.cos(x[::-1]) + m.sqrt(x**2 + 1.0))

    np.testing.assert_allclose(
        grad(lambda x: f(anp, x))(x), autograd.grad(lambda x: f(agnp, x))(x), rtol=1e-10
    )


@settings(max_examples=10, deadline=None)
@given(x=vectors)
def test_jacrev_and_jacfwd_match_autograd_jacobian(x):
    expected = autograd.jacobian(lambda x: vector_map(agnp, x))(x)
    np.testing.assert_allclose(jacrev(lambda x: vector_map(anp, x))(x), expected, rtol=1e-10)
    np.testing.assert_allclose(jacfwd(lambda x: vector_map(anp, x))(x), expected, rtol=1e-10)
    assert jacobian is jacrev


@settings(max_examples=10, deadline=None)
@given(x=vectors)
def test_hessian_matches_autograd_and_is_symmetric(x):
    def ours(x):
        return anp.sum(anp.exp(x[0] * x) * anp.sin(x)) + anp.sum(anp.log1p(x**2)) * x[-1]

    def theirs(x):
        return agnp.sum(agnp.exp(x[0] * x) * agnp.sin(x)) + agnp.sum(agnp.log1p(x**2)) * x[-1]

    H = hessian(ours)(x)
    np.testing.assert_allclose(H, autograd.hessian(theirs)(x), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(jacfwd(jacrev(ours))(x), H, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(jacfwd(jacfwd(ours))(x), H, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(H, H.T, rtol=1e-12, atol=1e-12)


def test_logistic_loss_gradient_and_hessian_match_autograd():
    rng = np.random.default_rng(0)
    X, y, w = rng.normal(size=(30, 5)), rng.choice([-1.0, 1.0], 30), rng.normal(size=5)
    np.testing.assert_allclose(
        grad(logistic_loss, 1)(anp, w, X, y),
        autograd.grad(logistic_loss, 1)(agnp, w, X, y),
        rtol=1e-10,
    )
    np.testing.assert_allclose(
        hessian(logistic_loss, 1)(anp, w, X, y),
        autograd.hessian(logistic_loss, 1)(agnp, w, X, y),
        rtol=1e-9,
    )


def test_grad_of_grad_of_a_scalar_function():
    def f(m, x):
        return m.sin(x) * x**3

    d2 = grad(grad(lambda x: f(anp, x)))(0.7)
    d3 = grad(grad(grad(lambda x: f(anp, x))))(0.7)
    assert np.isclose(d2, autograd.grad(autograd.grad(lambda x: f(agnp, x)))(0.7))
    assert np.isclose(d3, autograd.grad(autograd.grad(autograd.grad(lambda x: f(agnp, x))))(0.7))


def test_nested_gradients_keep_their_variables_apart():
    # d/dx [x * d/dy (x + y)] = d/dx [x * 1] = 1: a classic "perturbation confusion" case.
    def outer(x):
        return x * grad(lambda y: x + y)(1.0)

    assert grad(outer)(2.0) == 1.0
    # and with forward mode over reverse mode
    assert jvp(outer, (2.0,), (1.0,))[1] == 1.0


def test_value_and_grad_and_argnums():
    def f(a, b, scale=1.0):
        return scale * anp.sum(a * b**2)

    a, b = np.array([1.0, 2.0]), np.array([3.0, -1.0])
    value, (ga, gb) = value_and_grad(f, (0, 1))(a, b, scale=2.0)
    assert value == 2.0 * (9.0 + 2.0)
    np.testing.assert_allclose(ga, 2.0 * b**2)
    np.testing.assert_allclose(gb, 2.0 * 2 * a * b)
    np.testing.assert_allclose(grad(f, 1)(a, b), 2 * a * b)


def test_jvp_and_vjp_are_transposes_of_each_other():
    rng = np.random.default_rng(1)
    x, v = rng.normal(size=3), rng.normal(size=3)
    _, Jv = jvp(lambda x: vector_map(anp, x), (x,), (v,))
    value, pullback = vjp(lambda x: vector_map(anp, x), x)
    u = rng.normal(size=value.shape)
    (uJ,) = pullback(u)
    assert np.isclose(u @ Jv, uJ @ v)


def test_hvp_equals_hessian_times_vector():
    rng = np.random.default_rng(2)
    x, v = rng.normal(size=4), rng.normal(size=4)

    def f(x):
        return anp.sum(anp.exp(x) * x[::-1]) + anp.sum(x**4)

    np.testing.assert_allclose(hvp(f, x, v), hessian(f)(x) @ v, rtol=1e-10)


def test_matrix_argument_gradient_has_the_matrix_shape():
    A = np.array([[1.0, 2.0], [3.0, 4.0]])
    x = np.array([1.0, -1.0])
    g = grad(lambda A: x @ A @ x)(A)  # d(x^T A x)/dA = x x^T  (MML book §5.5)
    np.testing.assert_allclose(g, np.outer(x, x))


def test_function_independent_of_its_input_has_zero_gradient():
    assert grad(lambda x: 3.0 * anp.ones_like(x).sum())(np.array([1.0, 2.0])).tolist() == [0, 0]
    np.testing.assert_array_equal(jvp(lambda x: 5.0, (1.0,), (1.0,))[1], 0.0)


def test_grad_of_integer_input_raises_domain_error():
    with pytest.raises(DomainError, match="int"):
        grad(lambda x: x * x)(3)


def test_grad_of_vector_output_raises_shape_error():
    with pytest.raises(ShapeError, match="scalar"):
        grad(lambda x: x * 2.0)(np.array([1.0, 2.0]))


def test_wrong_tangent_shape_raises():
    with pytest.raises(ShapeError):
        jvp(anp.sin, (np.ones(3),), (np.ones(2),))


def test_no_grad_inside_grad_stops_the_gradient():
    def f(x):
        with no_grad():
            frozen = x * 2.0
        return anp.sum(frozen * x)

    np.testing.assert_allclose(grad(f)(np.array([1.0, 2.0])), [2.0, 4.0])


def test_float32_inputs_give_float32_gradients():
    x = np.array([1.0, 2.0], dtype=np.float32)
    assert grad(lambda x: anp.sum(anp.exp(x) * 2.0))(x).dtype == np.float32


def test_complex_inputs_are_refused_rather_than_differentiated_wrongly():
    with pytest.raises(DomainError, match="complex"):
        grad(lambda z: anp.sum(z * z))(np.array([1.0 + 1.0j]))
