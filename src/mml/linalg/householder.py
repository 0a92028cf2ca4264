"""Householder reflectors and their compact WY blocks, shared by QR and the eigen/SVD code.

A Householder reflector ``H = I - tau v v^H`` (``v[0] = 1``) maps a vector ``x`` onto a
multiple of the first unit vector: ``H^H x = beta e_1`` with ``|beta| = ||x||`` (MML book
§3.8, reflections). The conventions are LAPACK's ``larfg``, so factors agree with NumPy's,
sign for sign.

A product of ``b`` reflectors ``H_1 H_2 ... H_b`` is ``I - V T V^H`` (the compact WY
representation), with ``V = [v_1 ... v_b]`` unit lower trapezoidal and ``T`` upper
triangular. Applying it to a matrix costs three matmuls instead of ``b`` rank-1 updates.

Examples
--------
>>> import numpy as np
>>> x = np.array([3.0, 4.0])
>>> v, tau, beta = householder_vector(x)
>>> float(beta)
-5.0
>>> H = np.eye(2) - tau * np.outer(v, v)
>>> np.round(H.T @ x, 12) + 0.0
array([-5.,  0.])
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["householder_vector", "triangular_factor", "apply_block_reflector", "vector_norm2"]

# Outside this range of squared norms, sum(|x|^2) could overflow or lose accuracy to underflow.
_SAFE_LOW, _SAFE_HIGH = 1e-280, 1e280


def vector_norm2(x: np.ndarray) -> float:
    """Euclidean norm of a 1-D array, rescaled when squaring would under- or overflow.

    Examples
    --------
    >>> import numpy as np
    >>> vector_norm2(np.array([3e200, 4e200])) / 1e200
    5.0
    """
    squares = float(np.vdot(x, x).real)
    if _SAFE_LOW < squares < _SAFE_HIGH or squares == 0.0 and not x.any():
        return math.sqrt(squares)
    scale = float(np.abs(x).max())
    if scale == 0.0 or not math.isfinite(scale):
        return scale
    y = x / scale
    return scale * math.sqrt(float(np.vdot(y, y).real))


def householder_vector(x: np.ndarray) -> tuple[np.ndarray, complex | float, complex | float]:
    """LAPACK ``larfg``: ``v`` (with ``v[0] = 1``), ``tau`` and ``beta`` with ``H^H x = beta e_1``.

    ``tau = 0`` (``H = I``) when ``x`` is already a multiple of ``e_1`` with real first entry.

    Examples
    --------
    >>> import numpy as np
    >>> v, tau, beta = householder_vector(np.array([0.0, 0.0, 2.0]))
    >>> float(tau), float(beta)
    (1.0, -2.0)
    """
    alpha = x[0]
    tail = x[1:]
    tail_norm = vector_norm2(tail)
    complex_ = x.dtype.kind == "c"
    if tail_norm == 0.0 and (not complex_ or alpha.imag == 0):
        v = np.zeros_like(x)
        v[0] = 1
        return v, x.dtype.type(0), alpha
    beta = -math.copysign(math.hypot(abs(alpha), tail_norm), alpha.real)
    tau = (beta - alpha) / beta
    v = x / (alpha - beta)
    v[0] = 1
    return v, tau, x.dtype.type(beta)


def triangular_factor(V: np.ndarray, taus: np.ndarray) -> np.ndarray:
    """LAPACK ``larft`` (forward, columnwise): ``T`` with ``H_1 ... H_b = I - V T V^H``.

    Column ``i`` of ``T`` is ``-tau_i T[:i, :i] (V[:, :i]^H v_i)``; all the inner products
    come from one matmul ``V^H V``.

    Examples
    --------
    >>> import numpy as np
    >>> V = np.array([[1.0, 0.0], [0.5, 1.0], [0.5, 0.5]])
    >>> taus = np.array([1.2, 1.5])
    >>> T = triangular_factor(V, taus)
    >>> H1 = np.eye(3) - taus[0] * np.outer(V[:, 0], V[:, 0])
    >>> H2 = np.eye(3) - taus[1] * np.outer(V[:, 1], V[:, 1])
    >>> np.allclose(H1 @ H2, np.eye(3) - V @ T @ V.T)
    True
    """
    b = V.shape[1]
    gram = V.conj().T @ V
    T = np.zeros((b, b), dtype=np.result_type(V, taus))
    for i in range(b):
        T[i, i] = taus[i]
        if i:
            T[:i, i] = -taus[i] * (T[:i, :i] @ gram[:i, i])
    return T


def apply_block_reflector(
    V: np.ndarray, T: np.ndarray, C: np.ndarray, adjoint: bool = False
) -> None:
    """Overwrite ``C`` with ``(I - V T V^H) C``, or with ``(I - V T^H V^H) C`` if ``adjoint``.

    The block reflector is applied with three matmuls: ``W = V^H C``, ``W = T W``,
    ``C -= V W``.
    """
    if C.size == 0:
        return
    complex_ = V.dtype.kind == "c"
    W = (V.conj().T if complex_ else V.T) @ C
    if adjoint:
        W = (T.conj().T if complex_ else T.T) @ W
    else:
        W = T @ W
    C -= V @ W
