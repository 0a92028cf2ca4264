"""Householder reflectors ``H = I - 2 u u^H``, one at a time and in blocks (compact WY).

A reflector maps a vector ``x`` onto a multiple of ``e_1``: with ``v = x + phase(x_1) |x| e_1``
and ``u = v / |v|``, ``H x = -phase(x_1) |x| e_1`` (MML book §3.8 reflections; Golub & Van
Loan §5.1). A product ``H_0 H_1 ... H_{b-1}`` equals ``I - Y S Y^H`` with ``S`` upper
triangular (Schreiber & Van Loan), so applying ``b`` reflectors costs three matrix products.

Examples
--------
>>> import numpy as np
>>> u, beta = householder_vector(np.array([3.0, 4.0]))
>>> float(beta), bool(np.allclose(np.array([3.0, 4.0]) - 2 * u * (u @ [3.0, 4.0]), [beta, 0]))
(-5.0, True)
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["householder_vector", "apply_reflectors", "BLOCK"]

BLOCK = 32


def householder_vector(x: np.ndarray) -> tuple[np.ndarray | None, complex]:
    """Unit ``u`` with ``(I - 2 u u^H) x = beta e_1``; returns ``(u, beta)``, ``u`` None if ``x = 0``.

    Examples
    --------
    >>> import numpy as np
    >>> householder_vector(np.zeros(2))
    (None, 0.0)
    """
    alpha = _norm(x)
    if alpha == 0.0 or not 1e-150 < alpha < 1e150:  # squares under/overflow: rescale first
        biggest = float(np.abs(x).max()) if x.size else 0.0
        if biggest == 0.0:
            return None, 0.0
        shift = -math.frexp(biggest)[1]  # scale by a power of 2: exact, and no overflow
        u, beta = householder_vector(_times_power_of_two(x, shift))  # u is scale-free
        beta = _times_power_of_two(np.array([beta]), -shift)[0]
        return u, (complex(beta) if np.iscomplexobj(x) else float(beta))
    first = x[0]
    phase = first / abs(first) if first != 0 else 1.0
    v = x.copy()
    v[0] += phase * alpha  # adding (not subtracting) avoids cancellation
    # |v|^2 = |x|^2 + 2 alpha |x_0| + alpha^2 = 2 alpha (alpha + |x_0|)
    return v / (math.sqrt(2.0 * alpha) * math.sqrt(alpha + abs(first))), -phase * alpha


def _times_power_of_two(x: np.ndarray, exponent: int) -> np.ndarray:
    if x.dtype.kind == "c":
        return np.ldexp(x.real, exponent) + 1j * np.ldexp(x.imag, exponent)
    return np.ldexp(x, exponent)


def _norm(x: np.ndarray) -> float:
    """The 2-norm; inf or 0 when the squares overflow or underflow (the caller rescales)."""
    with np.errstate(over="ignore"):
        if x.dtype.kind == "c":
            return math.sqrt(float((x.real @ x.real) + (x.imag @ x.imag)))
        return math.sqrt(float(x @ x))


def apply_reflectors(
    U: np.ndarray, M: np.ndarray, offset: int = 1, block: int = BLOCK
) -> np.ndarray:
    """Return ``H_0 H_1 ... H_{r-1} M`` for ``H_k = I - 2 u_k u_k^H`` (``u_k`` = ``U[:, k]``).

    ``u_k`` must be zero above row ``k + offset``. The reflectors are grouped in blocks
    ``I - Y S Y^H`` (compact WY) so that each block costs three matrix products.

    Examples
    --------
    >>> import numpy as np
    >>> u = np.array([[0.0], [1.0]])
    >>> apply_reflectors(u, np.eye(2))
    array([[ 1.,  0.],
           [ 0., -1.]])
    """
    M = np.array(M, dtype=np.result_type(U.dtype, M.dtype))
    r = U.shape[1]
    for start in reversed(range(0, r, block)):
        stop = min(start + block, r)
        Y = U[start + offset :, start:stop]
        Yh = Y.conj().T
        gram = Yh @ Y
        size = stop - start
        S = np.zeros((size, size), dtype=U.dtype)
        for j in range(size):  # S[:j, j] = -2 S[:j, :j] (Y_j^H y_j), S[j, j] = 2
            S[j, j] = 2.0
            if j:
                S[:j, j] = -2.0 * (S[:j, :j] @ gram[:j, j])
        rows = M[start + offset :]
        rows -= Y @ (S @ (Yh @ rows))
    return M
