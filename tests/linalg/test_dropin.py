"""``import mml.linalg as la`` as a drop-in for ``numpy.linalg``.

One shared set of cases runs against both backends: each case is a property that must
hold whichever library computes it (A x = b, Q R = A, ...), and then mml's output is
compared with numpy's, entry for entry, with the same shape and dtype.
"""

from __future__ import annotations

import numpy as np
import numpy.linalg
import pytest

import mml.linalg

BACKENDS = [pytest.param(numpy.linalg, id="numpy"), pytest.param(mml.linalg, id="mml")]
RNG = np.random.default_rng(2026)


def _random(shape, dtype=np.float64):
    a = RNG.standard_normal(shape)
    if np.dtype(dtype).kind == "c":
        a = a + 1j * RNG.standard_normal(shape)
    return a.astype(dtype)


def _spd(n, dtype=np.float64):
    a = _random((n, n), dtype)
    return (a @ a.conj().T + n * np.eye(n)).astype(dtype)


SQUARE = _random((2, 6, 6))
SQUARE_C = _random((6, 6), np.complex128)
SPD = _spd(7)
TALL = _random((9, 4))
RHS = _random((2, 6, 3))
CHAIN = _random((4, 3))
TENSOR = _random((6, 2, 3))
TENSOR4 = _random((4, 6, 8, 3))
VECTORS = _random((2, 5, 3))


def check_solve(la):
    x = la.solve(SQUARE, RHS)
    np.testing.assert_allclose(SQUARE @ x, RHS, atol=1e-10)
    return x


def check_inv(la):
    inverse = la.inv(SQUARE_C)
    np.testing.assert_allclose(inverse @ SQUARE_C, np.eye(6), atol=1e-10)
    return inverse


def check_det(la):
    d = la.det(SQUARE)
    sign, logabsdet = la.slogdet(SQUARE)
    np.testing.assert_allclose(d, sign * np.exp(logabsdet), rtol=1e-10)
    return d


def check_slogdet(la):
    return la.slogdet(SQUARE_C)


def check_cholesky(la):
    L = la.cholesky(SPD)
    np.testing.assert_allclose(L @ L.T, SPD, atol=1e-10)
    return L


def check_cholesky_upper(la):
    U = la.cholesky(SPD, upper=True)
    np.testing.assert_allclose(U.T @ U, SPD, atol=1e-10)
    return U


def check_qr(la):
    Q, R = la.qr(TALL)
    np.testing.assert_allclose(Q @ R, TALL, atol=1e-12)
    return la.qr(TALL, mode="complete")


def check_lstsq(la):
    x, residuals, rank, s = la.lstsq(TALL, TALL[:, 0] + 1.0, rcond=None)
    assert rank == 4
    return x, residuals, s


def check_pinv(la):
    p = la.pinv(TALL)
    np.testing.assert_allclose(p @ TALL, np.eye(4), atol=1e-12)
    return p


def check_matrix_rank(la):
    deficient = TALL[:, :2] @ CHAIN[:2]
    assert la.matrix_rank(deficient) == 2
    return la.matrix_rank(deficient)


def check_matrix_power(la):
    return la.matrix_power(SQUARE, 5), la.matrix_power(SQUARE, -2)


def check_multi_dot(la):
    return la.multi_dot([TALL.T, TALL, CHAIN, np.ones(3)])


def check_norms(la):
    return (
        la.norm(TALL),
        la.norm(TALL, 2),
        la.norm(TALL, "nuc"),
        la.norm(TALL, -np.inf),
        la.norm(TALL, 3, axis=0),
        la.vector_norm(SQUARE, ord=1, axis=(1, 2), keepdims=True),
        la.matrix_norm(SQUARE, ord=1),
    )


def check_cond(la):
    return la.cond(SQUARE), la.cond(SQUARE, "fro"), la.cond(SQUARE, -np.inf)


def check_tensor_equations(la):
    x = la.tensorsolve(TENSOR, np.arange(6.0))
    np.testing.assert_allclose(np.tensordot(TENSOR, x, 2), np.arange(6.0), atol=1e-10)
    return x, la.tensorinv(TENSOR4, ind=2)


def check_small_operations(la):
    return (
        la.outer(np.arange(3.0), np.arange(4.0)),
        la.cross(VECTORS[0], VECTORS[1]),
        la.trace(SQUARE, offset=1),
        la.diagonal(SQUARE, offset=-1),
        la.matmul(SQUARE, RHS),
        la.vecdot(SQUARE_C, SQUARE_C),
        la.matrix_transpose(RHS),
        la.tensordot(SQUARE, RHS, axes=([0, 1], [0, 1])),
    )


def check_svd(la):
    U, S, Vh = la.svd(TALL, full_matrices=False)
    np.testing.assert_allclose((U * S) @ Vh, TALL, atol=1e-12)
    return S, la.svdvals(SQUARE)


def check_eigh(la):
    w, v = la.eigh(SPD)
    np.testing.assert_allclose(SPD @ v, v * w, atol=1e-10)
    return w, la.eigvalsh(SPD)


def check_eig(la):
    w, v = la.eig(SQUARE_C)
    np.testing.assert_allclose(SQUARE_C @ v, v * w[None, :], atol=1e-10)
    return np.sort_complex(w), np.sort_complex(la.eigvals(SQUARE[0]))


CASES = [
    check_solve,
    check_inv,
    check_det,
    check_slogdet,
    check_cholesky,
    check_cholesky_upper,
    check_qr,
    check_lstsq,
    check_pinv,
    check_matrix_rank,
    check_matrix_power,
    check_multi_dot,
    check_norms,
    check_cond,
    check_tensor_equations,
    check_small_operations,
    check_svd,
    check_eigh,
    check_eig,
]


def _flatten(result):
    if isinstance(result, tuple):
        return [item for part in result for item in _flatten(part)]
    return [np.asarray(result)]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.__name__.removeprefix("check_"))
@pytest.mark.parametrize("la", BACKENDS)
def test_case_holds_for_backend(case, la):
    case(la)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.__name__.removeprefix("check_"))
def test_mml_output_equals_numpy_output(case):
    ours, ref = _flatten(case(mml.linalg)), _flatten(case(numpy.linalg))
    assert len(ours) == len(ref)
    for x, y in zip(ours, ref):
        assert x.shape == y.shape
        assert x.dtype.kind == y.dtype.kind
        if x.dtype.kind in "fc":
            assert x.dtype == y.dtype
        np.testing.assert_allclose(x, y, rtol=1e-9, atol=1e-10)


@pytest.mark.parametrize("la", BACKENDS)
@pytest.mark.parametrize(
    "call",
    [
        lambda la: la.inv(np.ones((2, 3))),
        lambda la: la.det(np.ones(3)),
        lambda la: la.solve(np.zeros((2, 2)), np.ones(2)),
        lambda la: la.cholesky(-np.eye(2)),
        lambda la: la.slogdet(np.ones((3, 2))),
    ],
    ids=["non-square", "one-dimensional", "singular", "not-positive-definite", "slogdet-shape"],
)
def test_same_error_type_for_bad_input(la, call):
    with pytest.raises(numpy.linalg.LinAlgError):
        call(la)


def test_every_numpy_linalg_name_exists_in_mml():
    public = {name for name in dir(numpy.linalg) if not name.startswith("_") and name != "test"}
    assert public <= set(dir(mml.linalg))
