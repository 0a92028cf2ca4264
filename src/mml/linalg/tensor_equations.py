"""Tensor equations ``tensordot(a, x, x.ndim) = b`` and tensor inverses, by reshaping to matrices.

A tensor ``a`` whose first axes have as many entries in total as its last axes is a linear
map between those two index spaces; flattening each group of axes makes it a square
matrix, and the problem becomes :func:`mml.linalg.solve` or :func:`mml.linalg.inv`.

Examples
--------
>>> import numpy as np
>>> import mml.linalg as la
>>> a = np.eye(6).reshape(6, 2, 3)
>>> la.tensorsolve(a, np.arange(6.0)).shape
(2, 3)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.errors import InvalidMatrixError
from mml.linalg.linear_systems import inv, solve

__all__ = ["tensorsolve", "tensorinv"]


def tensorsolve(a: Any, b: Any, axes: Any = None) -> np.ndarray:
    """Solve ``tensordot(a, x, axes=x.ndim) = b`` for ``x``, as NumPy's ``linalg.tensorsolve``.

    Parameters
    ----------
    a : array_like
        Coefficient tensor of shape ``b.shape + Q``, with ``prod(Q) == prod(b.shape)``.
    b : array_like
        Right-hand tensor.
    axes : tuple of ints, optional
        Axes of ``a`` to move to the end (the ``x`` axes) before solving.

    Returns
    -------
    x : ndarray of shape ``Q``

    Raises
    ------
    LinAlgError
        If the sizes do not make a square system.
    SingularMatrixError
        If the flattened matrix is singular.

    Examples
    --------
    >>> import numpy as np
    >>> a = np.eye(4).reshape(2, 2, 2, 2) * 2.0
    >>> tensorsolve(a, np.ones((2, 2)))
    array([[0.5, 0.5],
           [0.5, 0.5]])
    """
    A = np.asarray(a)
    B = np.asarray(b)
    nd = A.ndim
    if axes is not None:
        order = list(range(nd))
        for k in axes:
            order.remove(k)
            order.insert(nd, k)
        A = A.transpose(order)
    solution_shape = A.shape[-(nd - B.ndim) :] if nd > B.ndim else ()
    size = int(np.prod(solution_shape))
    if A.size != size**2:
        raise InvalidMatrixError(
            "Input arrays must satisfy prod(a.shape[b.ndim:]) == prod(a.shape[:b.ndim]); "
            f"got a of shape {A.shape} and b of shape {B.shape}"
        )
    x = solve(A.reshape(size, size), B.ravel())
    return x.reshape(solution_shape)


def tensorinv(a: Any, ind: int = 2) -> np.ndarray:
    """Inverse of a tensor with respect to ``tensordot``, as NumPy's ``linalg.tensorinv``.

    The first ``ind`` axes form the rows and the rest the columns of a square matrix;
    its inverse is reshaped to ``a.shape[ind:] + a.shape[:ind]``.

    Raises
    ------
    ValueError
        If ``ind`` is not positive.
    LinAlgError
        If the flattened matrix is not square.
    SingularMatrixError
        If it is singular.

    Examples
    --------
    >>> import numpy as np
    >>> a = np.eye(6).reshape(6, 2, 3)
    >>> tensorinv(a, ind=1).shape
    (2, 3, 6)
    """
    A = np.asarray(a)
    if ind <= 0:
        raise ValueError("Invalid ind argument.")
    inverse_shape = A.shape[ind:] + A.shape[:ind]
    rows = int(np.prod(A.shape[ind:]))
    matrix = A.reshape(rows, -1) if rows else A.reshape(0, 0)
    return inv(matrix).reshape(*inverse_shape)
