"""Differentiable linear algebra, ``anp.linalg``: built on ``mml.linalg``, never numpy.linalg.

``solve``, ``inv``, ``det``, ``slogdet``, ``cholesky`` and ``eigh`` with NumPy's names and
shapes (stacks ``(..., n, n)`` included). Their rules are in ``mml.autodiff.rules`` with
the others; they are the identities of MML book §5.5 (for example
``∂ det(A)/∂A = det(A) A⁻ᵀ`` and ``d(A⁻¹) = -A⁻¹ dA A⁻¹``).

``cholesky`` and ``eigh`` read one triangle of a symmetric matrix; their derivatives are
those along symmetric directions (the cotangent returned is symmetric), and ``eigh``'s need
distinct eigenvalues.

Examples
--------
>>> import numpy as np
>>> import mml.autodiff.numpy as anp
>>> from mml.autodiff import grad
>>> A = np.array([[2.0, 1.0], [0.0, 3.0]])
>>> grad(anp.linalg.det)(A) + 0.0          # det(A) A^{-T} = cofactor matrix
array([[ 3.,  0.],
       [-1.,  2.]])
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from mml.autodiff.primitive import Primitive
from mml.autodiff.tensor import raw

__all__ = ["solve", "inv", "det", "slogdet", "cholesky", "eigh", "SlogdetResult", "EighResult"]


class SlogdetResult(NamedTuple):
    """``sign`` (a constant) and ``logabsdet = log |det A|`` (differentiable)."""

    sign: Any
    logabsdet: Any


class EighResult(NamedTuple):
    """Eigenvalues (ascending) and eigenvectors (columns) of a symmetric matrix."""

    eigenvalues: Any
    eigenvectors: Any


def _solve(a: Any, b: Any) -> np.ndarray:
    from mml.linalg import solve as linalg_solve

    return linalg_solve(a, b)


def _inv(a: Any) -> np.ndarray:
    from mml.linalg import inv as linalg_inv

    return linalg_inv(a)


def _det(a: Any) -> Any:
    from mml.linalg import det as linalg_det

    return linalg_det(a)


def _logabsdet(a: Any) -> Any:
    from mml.linalg import slogdet as linalg_slogdet

    return linalg_slogdet(a).logabsdet


def _cholesky(a: Any) -> np.ndarray:
    from mml.linalg import cholesky as linalg_cholesky

    return linalg_cholesky(a)


def _eigh_packed(a: Any) -> np.ndarray:
    # One primitive with one array result: row 0 holds the eigenvalues, rows 1..n the
    # eigenvectors, so that both outputs share one derivative rule.
    from mml.linalg import eigh as linalg_eigh

    w, v = linalg_eigh(a)
    return np.concatenate([w[..., None, :], v], axis=-2)


solve_prim = Primitive(_solve, "linalg.solve")
inv_prim = Primitive(_inv, "linalg.inv")
det_prim = Primitive(_det, "linalg.det")
logabsdet_prim = Primitive(_logabsdet, "linalg.slogdet")
cholesky_prim = Primitive(_cholesky, "linalg.cholesky")
eigh_packed_prim = Primitive(_eigh_packed, "linalg.eigh")


def solve(a: Any, b: Any) -> Any:
    """``x`` with ``a @ x = b`` (``b`` of shape ``(..., n)`` only when 1-D, as NumPy 2)."""
    return solve_prim(a, b)


def inv(a: Any) -> Any:
    """The inverse matrix ``a⁻¹``."""
    return inv_prim(a)


def det(a: Any) -> Any:
    """The determinant (MML book §4.1)."""
    return det_prim(a)


def slogdet(a: Any) -> SlogdetResult:
    """``(sign, log |det a|)``: the log-determinant without overflow."""
    from mml.linalg import slogdet as linalg_slogdet

    return SlogdetResult(linalg_slogdet(raw(a)).sign, logabsdet_prim(a))


def cholesky(a: Any) -> Any:
    """Lower-triangular ``L`` with ``a = L Lᵀ`` (MML book §4.3)."""
    return cholesky_prim(a)


def eigh(a: Any) -> EighResult:
    """Eigen-decomposition of a symmetric matrix: ascending ``w`` and orthonormal ``V``."""
    from mml.autodiff import numpy as anp

    packed = eigh_packed_prim(a)
    return EighResult(anp.getitem(packed, (Ellipsis, 0, slice(None))),
                      anp.getitem(packed, (Ellipsis, slice(1, None), slice(None))))  # fmt: skip
