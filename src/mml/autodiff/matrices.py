"""Differentiable products and matrix structure (part of ``anp``).

``matmul``, the layer map ``linear``, ``einsum`` with explicit subscripts, and the
compositions ``dot``, ``outer``, ``inner``, ``trace``; diagonals and triangles. Use them
through ``mml.autodiff.numpy``.

Examples
--------
>>> import numpy as np
>>> import mml.autodiff.numpy as anp
>>> from mml.autodiff import grad
>>> A = np.array([[1.0, 2.0], [3.0, 4.0]])
>>> grad(lambda x: anp.einsum("i,ij,j->", x, A, x))(np.array([1.0, 1.0]))   # (A + Aᵀ) x
array([ 7., 13.])
"""

from __future__ import annotations

import builtins
from typing import Any

import numpy as np

from mml.autodiff import numpy as anp
from mml.autodiff.primitive import Primitive
from mml.autodiff.shapes import _ndim, _shape, reshape
from mml.errors import DomainError, ShapeError

# -- products -----------------------------------------------------------------------------

matmul = Primitive(np.matmul, "matmul")


def _linear(x: Any, weight: Any, bias: Any = None) -> Any:
    y = np.matmul(x, weight.T if isinstance(weight, np.ndarray) else np.transpose(weight))
    if bias is not None:
        y += bias  # y is a fresh array: add in place, as BLAS's gemm with beta = 1 would
    return y


linear = Primitive(_linear, "linear")
linear.__doc__ = """The affine map of a layer, ``x Wᵀ + b`` (PyTorch's ``nn.functional.linear``).

One primitive instead of transpose, matmul and add: fewer graph nodes per layer, and the
weight's gradient ``gᵀx`` comes out in the weight's own (row-major) layout.
"""


def _einsum(*operands: Any, subscripts: str) -> Any:
    return np.einsum(subscripts, *operands)


_einsum_prim = Primitive(_einsum, "einsum")


def einsum_parts(subscripts: str, count: int) -> tuple[list[str], str]:
    """Split ``"ij,jk->ik"`` into ``(["ij", "jk"], "ik")``, checking it."""
    text = subscripts.replace(" ", "")
    if "." in text:
        raise DomainError("einsum: ellipsis ('...') is not supported; name every axis")
    inputs, arrow, output = text.partition("->")
    parts = inputs.split(",")
    if len(parts) != count:
        raise ShapeError(
            f"einsum subscripts '{subscripts}' name {len(parts)} operands, got {count}"
        )
    if not arrow:  # implicit output: the letters used once, in alphabetical order
        letters = "".join(parts)
        output = "".join(sorted(c for c in set(letters) if letters.count(c) == 1))
    if not all(p.isalpha() or p == "" for p in parts + [output]):
        raise DomainError(f"einsum subscripts must be letters: '{subscripts}'")
    return parts, output


def einsum(subscripts: str, *operands: Any) -> Any:
    """Einstein summation with explicit subscripts, as ``numpy.einsum("ij,jk->ik", A, B)``."""
    parts, output = einsum_parts(subscripts, len(operands))
    return _einsum_prim(*operands, subscripts=",".join(parts) + "->" + output)


def dot(a: Any, b: Any) -> Any:
    """``numpy.dot`` for scalars, vectors and matrices (``matmul`` or ``multiply``)."""
    if _ndim(a) == 0 or _ndim(b) == 0:
        return anp.multiply(a, b)
    if _ndim(a) <= 2 and _ndim(b) <= 2:
        return matmul(a, b)
    raise ShapeError(
        f"dot of arrays with shapes {_shape(a)} and {_shape(b)}: use matmul or einsum for "
        "arrays with more than two axes"
    )


def outer(a: Any, b: Any) -> Any:
    """Outer product ``a_i b_j`` of two vectors (flattened first, as NumPy)."""
    return anp.multiply(reshape(a, (-1, 1)), reshape(b, (1, -1)))


def inner(a: Any, b: Any) -> Any:
    """Sum of products over the last axes."""
    return anp.sum(anp.multiply(a, b), axis=-1)


def _diagonal_adjoint(g: Any, shape: tuple[int, ...], offset: int, axis1: int, axis2: int):
    ndim = len(shape)
    a1, a2 = axis1 % ndim, axis2 % ndim
    others = [k for k in range(ndim) if k not in (a1, a2)]
    moved = np.zeros(tuple(shape[k] for k in others) + (shape[a1], shape[a2]), np.result_type(g))
    length = np.shape(g)[-1]
    rows = np.arange(length) + builtins.max(-offset, 0)
    cols = np.arange(length) + builtins.max(offset, 0)
    moved[..., rows, cols] = g
    return np.transpose(moved, np.argsort(others + [a1, a2]))


_diagonal = Primitive(np.diagonal, "diagonal")
diagonal_adjoint = Primitive(_diagonal_adjoint, "diagonal_adjoint")


def diagonal(x: Any, offset: int = 0, axis1: int = 0, axis2: int = 1) -> Any:
    """The diagonal ``x[i, i + offset]`` of the (axis1, axis2) planes, as ``numpy.diagonal``."""
    return _diagonal(x, offset=offset, axis1=axis1, axis2=axis2)


def diag(v: Any, k: int = 0) -> Any:
    """A square matrix with ``v`` on diagonal ``k`` (1-D ``v``), or the diagonal of a matrix."""
    if _ndim(v) == 1:
        n = _shape(v)[0] + builtins.abs(k)
        return diagonal_adjoint(v, shape=(n, n), offset=k, axis1=0, axis2=1)
    if _ndim(v) == 2:
        return diagonal(v, offset=k)
    raise ShapeError(f"diag needs a 1-D or 2-D array, got shape {_shape(v)}")


def trace(x: Any, offset: int = 0) -> Any:
    """Sum of the diagonal of a matrix (MML book §4.1)."""
    return anp.sum(diagonal(x, offset=offset), axis=-1)


_triu = Primitive(np.triu, "triu")
_tril = Primitive(np.tril, "tril")


def triu(x: Any, k: int = 0) -> Any:
    """Upper triangle (entries on and above diagonal ``k``); the rest set to zero."""
    return _triu(x, k=k)


def tril(x: Any, k: int = 0) -> Any:
    """Lower triangle (entries on and below diagonal ``k``); the rest set to zero."""
    return _tril(x, k=k)
