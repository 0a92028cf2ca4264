"""Every derivative rule against finite differences (both modes, order 2) and HIPS autograd.

Each case is a function written once against a NumPy-like module, so the same lambda runs
on ``mml.autodiff.numpy`` and on ``autograd.numpy``. Inputs come from hypothesis, in the
function's domain, with broadcasting shapes for the binary operations.
"""

from __future__ import annotations

import warnings

import autograd
import autograd.numpy as agnp
import autograd.scipy.special as agspecial
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import mml.autodiff.numpy as anp
from mml.autodiff import check_grads, grad
from mml.autodiff.rules import expand_reduced

SETTINGS = settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


FEW = settings(max_examples=3, deadline=None, derandomize=True)


def floats_in(lo: float, hi: float, shape: tuple[int, ...], unique: bool = False):
    return arrays(
        np.float64,
        shape,
        elements=st.floats(lo, hi, allow_nan=False, allow_infinity=False, width=64),
        unique=unique,
    )


def well_separated(shape: tuple[int, ...]):
    """Values at least 0.5 apart, in random order, for functions with kinks at ties."""
    n = int(np.prod(shape))
    return st.tuples(st.permutations(range(n)), floats_in(-0.1, 0.1, (n,))).map(
        lambda pair: (0.7 * np.array(pair[0], dtype=float) - 1.5 + pair[1]).reshape(shape)
    )


def away_from_zero(shape: tuple[int, ...], lo: float = 0.3, hi: float = 2.0):
    """Values with |x| in [lo, hi] and both signs, for functions with a kink at 0."""
    return st.tuples(floats_in(lo, hi, shape), arrays(np.bool_, shape)).map(
        lambda pair: np.where(pair[1], pair[0], -pair[0])
    )


def assert_matches_autograd(ours, reference, args):
    """Gradients of sum(f(args) * weights) agree with autograd's, for every argument."""
    out = np.asarray(ours(anp, *args))
    weights = np.linspace(0.5, 1.5, out.size).reshape(out.shape)
    for argnum in range(len(args)):

        def loss(module, *xs):
            return module.sum(module.multiply(ours(module, *xs), weights))

        def loss_ref(*xs):
            return agnp.sum(reference(agnp, *xs) * weights)

        mine = grad(lambda *xs: loss(anp, *xs), argnum)(*args)
        with warnings.catch_warnings():  # autograd warns when an argument is unused
            warnings.simplefilter("ignore", UserWarning)
            theirs = autograd.grad(loss_ref, argnum)(*args)
        np.testing.assert_allclose(mine, theirs, rtol=1e-9, atol=1e-12)


# name -> (function(module, x), domain)
UNARY = {
    "negative": (lambda m, x: m.negative(x), (-2, 2)),
    "exp": (lambda m, x: m.exp(x), (-2, 2)),
    "exp2": (lambda m, x: m.exp2(x), (-2, 2)),
    "expm1": (lambda m, x: m.expm1(x), (-2, 2)),
    "log": (lambda m, x: m.log(x), (0.5, 3)),
    "log2": (lambda m, x: m.log2(x), (0.5, 3)),
    "log10": (lambda m, x: m.log10(x), (0.5, 3)),
    "log1p": (lambda m, x: m.log1p(x), (-0.5, 2)),
    "sqrt": (lambda m, x: m.sqrt(x), (0.5, 3)),
    "cbrt": (lambda m, x: m.cbrt(x), (0.5, 3)),
    "square": (lambda m, x: m.square(x), (-2, 2)),
    "reciprocal": (lambda m, x: m.reciprocal(x), (0.5, 2)),
    "sin": (lambda m, x: m.sin(x), (-3, 3)),
    "cos": (lambda m, x: m.cos(x), (-3, 3)),
    "tan": (lambda m, x: m.tan(x), (-1, 1)),
    "arcsin": (lambda m, x: m.arcsin(x), (-0.8, 0.8)),
    "arccos": (lambda m, x: m.arccos(x), (-0.8, 0.8)),
    "arctan": (lambda m, x: m.arctan(x), (-2, 2)),
    "sinh": (lambda m, x: m.sinh(x), (-2, 2)),
    "cosh": (lambda m, x: m.cosh(x), (-2, 2)),
    "tanh": (lambda m, x: m.tanh(x), (-2, 2)),
    "arcsinh": (lambda m, x: m.arcsinh(x), (-2, 2)),
    "arccosh": (lambda m, x: m.arccosh(x), (1.2, 3)),
    "arctanh": (lambda m, x: m.arctanh(x), (-0.8, 0.8)),
    "power_constant": (lambda m, x: x**3 - 2.0**x, (-2, 2)),
}
UNARY_REFERENCE = {"cbrt": lambda m, x: x ** (1.0 / 3.0)}  # autograd has no cbrt rule
KINKED = {  # derivative jumps at 0: sampled away from it
    "absolute": lambda m, x: m.abs(x),
    "relu": lambda m, x: m.relu(x) if m is anp else m.maximum(x, 0.0),
    "sign_times_x": lambda m, x: m.sign(x) * x**2,
}
REFERENCE_SPECIAL = {  # functions that autograd.numpy keeps under scipy.special
    "sigmoid": (lambda m, x: anp.sigmoid(x), lambda m, x: agspecial.expit(x)),
    "erf": (lambda m, x: anp.erf(x), lambda m, x: agspecial.erf(x)),
}


@pytest.mark.parametrize("name", sorted(UNARY))
@SETTINGS
@given(data=st.data())
def test_unary_rule_matches_finite_differences_and_autograd(name, data):
    f, (lo, hi) = UNARY[name]
    x = data.draw(floats_in(lo, hi, data.draw(st.sampled_from([(), (3,), (2, 2)]))))
    check_grads(lambda x: f(anp, x), (x,), order=2, modes=("fwd", "rev"))
    assert_matches_autograd(f, UNARY_REFERENCE.get(name, f), (x,))


@pytest.mark.parametrize("name", sorted(KINKED))
@SETTINGS
@given(x=away_from_zero((2, 3)))
def test_kinked_rule_matches_finite_differences_away_from_the_kink(name, x):
    f = KINKED[name]
    check_grads(lambda x: f(anp, x), (x,), order=2, modes=("fwd", "rev"))
    assert_matches_autograd(f, f, (x,))


@pytest.mark.parametrize("name", sorted(REFERENCE_SPECIAL))
@SETTINGS
@given(x=floats_in(-3, 3, (4,)))
def test_special_function_rule_matches_scipy_special_in_autograd(name, x):
    ours, reference = REFERENCE_SPECIAL[name]
    check_grads(lambda x: ours(anp, x), (x,), order=2, modes=("fwd", "rev"))
    assert_matches_autograd(ours, reference, (x,))


BROADCAST_SHAPES = [
    ((3,), (3,)),
    ((2, 3), (3,)),
    ((2, 1), (1, 3)),
    ((), (2, 2)),
    ((2, 3), ()),
    ((1, 3), (2, 1)),
]
BINARY = {
    "add": (lambda m, x, y: m.add(x, y), (-2, 2), (-2, 2)),
    "subtract": (lambda m, x, y: m.subtract(x, y), (-2, 2), (-2, 2)),
    "multiply": (lambda m, x, y: m.multiply(x, y), (-2, 2), (-2, 2)),
    "divide": (lambda m, x, y: m.divide(x, y), (-2, 2), (0.5, 2)),
    "power": (lambda m, x, y: m.power(x, y), (0.5, 2), (-1.5, 2)),
    "arctan2": (lambda m, x, y: m.arctan2(x, y), (0.3, 2), (0.3, 2)),
    "hypot": (lambda m, x, y: m.hypot(x, y), (0.3, 2), (0.3, 2)),
    "logaddexp": (lambda m, x, y: m.logaddexp(x, y), (-2, 2), (-2, 2)),
    "operators": (lambda m, x, y: (x + 1.0) * y - x / (y * y + 1.0) + x**2, (-2, 2), (-2, 2)),
}


@pytest.mark.parametrize("name", sorted(BINARY))
@SETTINGS
@given(data=st.data())
def test_binary_rule_with_broadcasting(name, data):
    f, x_domain, y_domain = BINARY[name]
    x_shape, y_shape = data.draw(st.sampled_from(BROADCAST_SHAPES))
    x = data.draw(floats_in(*x_domain, x_shape))
    y = data.draw(floats_in(*y_domain, y_shape))
    check_grads(lambda x, y: f(anp, x, y), (x, y), order=2, modes=("fwd", "rev"))
    assert_matches_autograd(f, f, (x, y))


@pytest.mark.parametrize("which", ["maximum", "minimum"])
@SETTINGS
@given(data=st.data())
def test_maximum_and_minimum_follow_the_larger_or_smaller_input(which, data):
    x = data.draw(floats_in(-2, 2, (2, 3)))
    gap = data.draw(away_from_zero((3,), 0.1, 1.0))
    y = x[0] + gap  # never tied with x[0]; x[1] is independent

    def f(m, x, y):
        return getattr(m, which)(x, y)

    x = np.stack([x[0], y + 0.05 + np.abs(x[1])])  # keep row 1 away from y as well
    check_grads(lambda x, y: f(anp, x, y), (x, y), order=2, modes=("fwd", "rev"))
    assert_matches_autograd(f, f, (x, y))


def test_maximum_splits_the_gradient_at_a_tie():
    g = grad(lambda x, y: anp.maximum(x, y).sum(), (0, 1))(np.array([1.0]), np.array([1.0]))
    assert [float(v[0]) for v in g] == [0.5, 0.5]


REDUCTIONS = {
    "sum": lambda m, x, axis, keepdims: m.sum(x, axis=axis, keepdims=keepdims),
    "mean": lambda m, x, axis, keepdims: m.mean(x, axis=axis, keepdims=keepdims),
    "max": lambda m, x, axis, keepdims: m.max(x, axis=axis, keepdims=keepdims),
    "min": lambda m, x, axis, keepdims: m.min(x, axis=axis, keepdims=keepdims),
    "var": lambda m, x, axis, keepdims: m.var(x, axis=axis, keepdims=keepdims),
    "std": lambda m, x, axis, keepdims: m.std(x, axis=axis, keepdims=keepdims),
}


@pytest.mark.parametrize("name", sorted(REDUCTIONS))
@pytest.mark.parametrize("axis", [None, 0, 1, -1, (0, 1)])
@pytest.mark.parametrize("keepdims", [False, True])
@FEW
@given(x=well_separated((2, 3)))  # no near-ties: max, min and std are differentiable there
def test_reduction_rule_over_each_axis(name, axis, keepdims, x):

    def f(m, x):
        return REDUCTIONS[name](m, x, axis, keepdims)

    check_grads(lambda x: f(anp, x), (x,), order=2, modes=("fwd", "rev"))
    assert_matches_autograd(f, f, (x,))


@pytest.mark.parametrize("axis", [None, 0, 1])
@pytest.mark.parametrize("keepdims", [False, True])
@SETTINGS
@given(x=floats_in(-3, 3, (2, 3)))
def test_logsumexp_rule(axis, keepdims, x):
    def ours(m, x):
        return anp.logsumexp(x, axis=axis, keepdims=keepdims)

    def reference(m, x):
        return agspecial.logsumexp(x, axis=axis, keepdims=keepdims)

    check_grads(lambda x: ours(anp, x), (x,), order=2, modes=("fwd", "rev"))
    assert_matches_autograd(ours, reference, (x,))


@pytest.mark.parametrize("axis", [0, 1, -1])
@pytest.mark.parametrize("which", ["softmax", "log_softmax"])
@SETTINGS
@given(x=floats_in(-3, 3, (2, 3)))
def test_softmax_rules(axis, which, x):
    def ours(m, x):
        return getattr(anp, which)(x, axis=axis)

    def reference(m, x):
        log_p = x - agspecial.logsumexp(x, axis=axis, keepdims=True)
        return log_p if which == "log_softmax" else agnp.exp(log_p)

    check_grads(lambda x: ours(anp, x), (x,), order=2, modes=("fwd", "rev"))
    assert_matches_autograd(ours, reference, (x,))


SHAPE_OPS = {
    "reshape": lambda m, x: m.reshape(x, (3, 2)),
    "ravel": lambda m, x: m.ravel(x),
    "transpose": lambda m, x: m.transpose(x),
    "transpose_axes": lambda m, x: m.transpose(m.reshape(x, (1, 2, 3)), (2, 0, 1)),
    "swapaxes": lambda m, x: m.swapaxes(x, 0, 1),
    "moveaxis": lambda m, x: m.moveaxis(m.reshape(x, (1, 2, 3)), 0, -1),
    "expand_dims": lambda m, x: m.expand_dims(x, 1),
    "squeeze": lambda m, x: m.squeeze(m.reshape(x, (2, 1, 3)), 1),
    "broadcast_to": lambda m, x: m.broadcast_to(x, (4, 2, 3)) * 1.0,
    "flip": lambda m, x: m.flip(x, 1),
    "basic_index": lambda m, x: x[1, ::2],
    "slice_and_newaxis": lambda m, x: x[:, None, 1:],
    "integer_array_index_with_repeats": lambda m, x: x[np.array([0, 1, 0]), np.array([2, 2, 2])],
    "boolean_mask": lambda m, x: x[np.array([[True, False, True], [False, True, True]])],
    "concatenate": lambda m, x: m.concatenate([x, x * 2.0, x[:1]], axis=0),
    "concatenate_axis1": lambda m, x: m.concatenate([x, m.sin(x)], axis=1),
    "stack": lambda m, x: m.stack([x, x**2], axis=1),
    "hstack": lambda m, x: m.hstack([x, x]),
    "vstack": lambda m, x: m.vstack([x[0], x]),
    "where": lambda m, x: m.where(np.array([True, False, True]), x, x**2),
    "clip": lambda m, x: m.clip(x, -1.0, 1.0),
    "diagonal": lambda m, x: m.diagonal(x),
    "diagonal_offset": lambda m, x: m.diagonal(x, 1),
    "diag_of_vector": lambda m, x: m.diag(x[0], 1),
    "trace": lambda m, x: m.trace(m.reshape(x, (3, 2)) @ x),
    "triu": lambda m, x: m.triu(x, 1),
    "tril": lambda m, x: m.tril(x),
    "cumsum": lambda m, x: m.cumsum(x, axis=1),
    "cumsum_flat": lambda m, x: m.cumsum(x),
}
SHAPE_REFERENCE = {  # the same maps in the forms autograd can differentiate
    "broadcast_to": lambda m, x: x[None] * np.ones((4, 1, 1)),
    "diagonal": lambda m, x: x[np.arange(2), np.arange(2)],
    "diagonal_offset": lambda m, x: x[np.arange(2), np.arange(1, 3)],
    "flip": lambda m, x: x[:, ::-1],
}


@pytest.mark.parametrize("name", sorted(SHAPE_OPS))
@SETTINGS
@given(x=away_from_zero((2, 3), 0.2, 0.9) | away_from_zero((2, 3), 1.1, 2.0))
def test_shape_and_selection_rules(name, x):
    f = SHAPE_OPS[name]
    check_grads(lambda x: f(anp, x), (x,), order=2, modes=("fwd", "rev"))
    assert_matches_autograd(f, SHAPE_REFERENCE.get(name, f), (x,))


MATMUL_SHAPES = [
    ((3,), (3,)),
    ((2, 3), (3,)),
    ((3,), (3, 2)),
    ((2, 3), (3, 4)),
    ((5, 2, 3), (3, 2)),
    ((3,), (4, 3, 2)),
    ((4, 2, 3), (3,)),
    ((1, 2, 3), (4, 3, 2)),
]


@pytest.mark.parametrize(("a_shape", "b_shape"), MATMUL_SHAPES)
@SETTINGS
@given(data=st.data())
def test_matmul_rule_for_vectors_matrices_and_stacks(a_shape, b_shape, data):
    a = data.draw(floats_in(-2, 2, a_shape))
    b = data.draw(floats_in(-2, 2, b_shape))

    def f(m, a, b):
        return m.matmul(a, b)

    check_grads(lambda a, b: f(anp, a, b), (a, b), order=2, modes=("fwd", "rev"))
    assert_matches_autograd(f, f, (a, b))


@pytest.mark.parametrize(
    ("which", "a_shape", "b_shape"),
    [("dot", (3,), (3,)), ("dot", (2, 3), (3,)), ("dot", (), (3,)), ("outer", (3,), (2,))],
)
@FEW
@given(data=st.data())
def test_dot_and_outer(which, a_shape, b_shape, data):
    a, b = data.draw(floats_in(-2, 2, a_shape)), data.draw(floats_in(-2, 2, b_shape))

    def f(m, a, b):
        return getattr(m, which)(a, b)

    check_grads(lambda a, b: f(anp, a, b), (a, b), order=2)
    assert_matches_autograd(f, f, (a, b))


EINSUMS = [
    ("ij,jk->ik", [(2, 3), (3, 4)]),
    ("ij->i", [(2, 3)]),
    ("ij->ji", [(2, 3)]),
    ("i,i->", [(3,), (3,)]),
    ("bij,bjk->bik", [(2, 2, 3), (2, 3, 2)]),
    ("ij,j->i", [(2, 3), (3,)]),
    ("ijk->kj", [(2, 3, 2)]),
    ("ij,kj->ik", [(2, 3), (4, 3)]),
    ("i,j,k->ijk", [(2,), (3,), (2,)]),
]


@pytest.mark.parametrize(("subscripts", "shapes"), EINSUMS)
@FEW
@given(data=st.data())
def test_einsum_rule(subscripts, shapes, data):
    operands = tuple(data.draw(floats_in(-2, 2, s)) for s in shapes)

    def f(m, *ops):
        return m.einsum(subscripts, *ops)

    check_grads(lambda *ops: f(anp, *ops), operands, order=2)
    assert_matches_autograd(f, f, operands)


def test_astype_casts_the_gradient_back_to_the_input_dtype():
    x = np.array([1.0, 2.0])
    g = grad(lambda x: anp.sum(anp.astype(x, np.float32) ** 2))(x)
    assert g.dtype == np.float64
    np.testing.assert_allclose(g, 2 * x)


def test_nondifferentiable_primitives_give_constants():
    x = np.array([0.5, -1.5])
    g = grad(lambda x: anp.sum(anp.floor(x) * x + anp.sign(x) * x))(x)
    np.testing.assert_allclose(g, np.floor(x) + np.sign(x))


def test_every_differentiable_primitive_has_rules():
    missing = [p.name for p in anp.PRIMITIVES if not p.nondifferentiable and not p.has_rules]
    assert missing == []
    assert len([p for p in anp.PRIMITIVES if p.has_rules]) >= 60


def test_expand_reduced_restores_the_reduced_axes():
    g = expand_reduced(np.array([1.0, 2.0]), (2, 3), (1,), False)
    np.testing.assert_array_equal(g, [[1, 1, 1], [2, 2, 2]])


def _sym(m, X):
    return X + m.swapaxes(X, -1, -2) if m is anp else X + agnp.swapaxes(X, -1, -2)


LINALG = {
    "solve_vector": (lambda m, A, B: m.linalg.solve(A, B[..., 0]), False),
    "solve_matrix": (lambda m, A, B: m.linalg.solve(A, B), False),
    "inv": (lambda m, A, B: m.linalg.inv(A) @ B, False),
    "det": (lambda m, A, B: m.linalg.det(A), False),
    "slogdet": (lambda m, A, B: m.linalg.slogdet(A)[1], False),
    "cholesky": (lambda m, A, B: m.linalg.cholesky(A @ m.swapaxes(A, -1, -2) + np.eye(3)), False),
    "eigh_values": (lambda m, A, B: m.linalg.eigh(_sym(m, A))[0], False),
    # eigenvectors up to sign: v v^T is sign-free, so autograd (LAPACK signs) can compare
    "eigh_vectors": (
        lambda m, A, B: (
            m.linalg.eigh(_sym(m, A))[1][..., :, :1]
            * m.swapaxes(m.linalg.eigh(_sym(m, A))[1][..., :, :1], -1, -2)
        ),
        False,
    ),
}


@pytest.mark.parametrize("name", sorted(LINALG))
@pytest.mark.parametrize("stack", [(), (2,)])
@FEW
@given(data=st.data())
def test_linear_algebra_rules_built_on_mml_linalg(name, stack, data):
    if name == "solve_vector" and stack:
        return  # NumPy 2 reads a 2-D b as a matrix, never as a stack of vectors
    # diagonally dominant, so A is well conditioned and A Aᵀ + I, A + Aᵀ are well separated
    A = data.draw(floats_in(-1, 1, stack + (3, 3))) + np.diag([4.0, 7.0, 10.0])
    B = data.draw(floats_in(-2, 2, stack + (3, 2)))
    f = LINALG[name][0]
    check_grads(lambda A, B: f(anp, A, B), (A, B), order=2, modes=("fwd", "rev"))
    assert_matches_autograd(f, f, (A, B))
