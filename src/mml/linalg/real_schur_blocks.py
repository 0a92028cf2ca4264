"""The 2 x 2 blocks of a real Schur form: standard form, and splitting into complex form.

A real matrix with a complex conjugate pair of eigenvalues keeps a 2 x 2 block on the
diagonal of its real Schur form. LAPACK's ``lanv2`` rotates each block to *standard form*:
equal diagonal entries and off-diagonal entries of opposite sign (eigenvalues
``a +- i sqrt(-b c)``), or upper triangular when the eigenvalues are real. SciPy's
``rsf2csf`` then splits a standard block with one complex rotation to get the complex
(upper triangular) Schur form.

Examples
--------
>>> standardize_2x2(4.0, 1.0, 2.0, 3.0)[2]  # real eigenvalues: the block becomes triangular
0.0
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["standardize_2x2", "real_to_complex_schur"]

_EPS = float(np.finfo(np.float64).eps)


def standardize_2x2(a: float, b: float, c: float, d: float) -> tuple:
    """LAPACK's ``lanv2``: ``[[a, b], [c, d]] = R [[aa, bb], [cc, dd]] R^T``, ``R`` a rotation.

    Either ``cc = 0`` (real eigenvalues ``aa``, ``dd``) or ``aa = dd`` and ``bb cc < 0``
    (eigenvalues ``aa +- i sqrt(-bb cc)``). Returns ``(aa, bb, cc, dd, cs, sn)`` with
    ``R = [[cs, -sn], [sn, cs]]``.

    Examples
    --------
    >>> standardize_2x2(1.0, 2.0, 0.0, 3.0)
    (1.0, 2.0, 0.0, 3.0, 1.0, 0.0)
    """
    cs, sn = 1.0, 0.0
    if c == 0.0:
        pass
    elif b == 0.0:
        cs, sn = 0.0, 1.0
        a, d, b, c = d, a, -c, 0.0
    elif a - d == 0.0 and math.copysign(1.0, b) != math.copysign(1.0, c):
        pass
    else:
        temp = a - d
        p = 0.5 * temp
        bcmax = max(abs(b), abs(c))
        bcmis = min(abs(b), abs(c)) * math.copysign(1.0, b) * math.copysign(1.0, c)
        scale = max(abs(p), bcmax)
        z = p / scale * p + bcmax / scale * bcmis
        if z >= 4.0 * _EPS:  # real eigenvalues: make the block triangular
            z = p + math.copysign(math.sqrt(scale) * math.sqrt(z), p)
            a = d + z
            d = d - bcmax / z * bcmis
            tau = math.hypot(c, z)
            cs, sn = z / tau, c / tau
            b, c = b - c, 0.0
        else:  # complex (or nearly equal real) eigenvalues: equalise the diagonal
            sigma = b + c
            tau = math.hypot(sigma, temp)
            cs = math.sqrt(0.5 * (1.0 + abs(sigma) / tau))
            sn = -(p / (tau * cs)) * math.copysign(1.0, sigma)
            aa, bb = a * cs + b * sn, -a * sn + b * cs
            cc, dd = c * cs + d * sn, -c * sn + d * cs
            a, b = aa * cs + cc * sn, bb * cs + dd * sn
            c, d = -aa * sn + cc * cs, -bb * sn + dd * cs
            temp = 0.5 * (a + d)
            a = d = temp
            if c != 0.0:
                if b != 0.0:
                    if math.copysign(1.0, b) == math.copysign(1.0, c):  # real after all
                        sab, sac = math.sqrt(abs(b)), math.sqrt(abs(c))
                        p = math.copysign(sab * sac, c)
                        tau = 1.0 / math.sqrt(abs(b + c))
                        a, d = temp + p, temp - p
                        b, c = b - c, 0.0
                        cs1, sn1 = sab * tau, sac * tau
                        cs, sn = cs * cs1 - sn * sn1, cs * sn1 + sn * cs1
                else:
                    b, c = -c, 0.0
                    cs, sn = -sn, cs
    return a, b, c, d, cs, sn


def real_to_complex_schur(T: np.ndarray, Z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Split each standardised 2 x 2 block by a complex rotation (SciPy's ``rsf2csf``).

    Examples
    --------
    >>> import numpy as np
    >>> T, Z = real_to_complex_schur(np.array([[1.0, 2.0], [-2.0, 1.0]]), np.eye(2))
    >>> np.round(np.diag(T), 6)
    array([1.+2.j, 1.-2.j])
    """
    T = T.astype(np.complex128)
    Z = Z.astype(np.complex128)
    n = T.shape[0]
    for m in range(n - 1, 0, -1):
        if T[m, m - 1] == 0:
            continue
        i = m - 1
        # eigenvalue of the block and the rotation that makes it upper triangular
        block = T[i : m + 1, i : m + 1]
        mu = block[0, 0] + 1j * math.sqrt(abs((block[0, 1] * block[1, 0]).real))
        r = math.hypot(abs(mu - T[m, m]), abs(T[m, i]))
        c = (mu - T[m, m]) / r
        s = T[m, i] / r
        G = np.array([[np.conj(c), s], [-s, c]])
        T[i : m + 1, i:] = G @ T[i : m + 1, i:]
        T[: m + 1, i : m + 1] = T[: m + 1, i : m + 1] @ G.conj().T
        Z[:, i : m + 1] = Z[:, i : m + 1] @ G.conj().T
        T[m, i] = 0.0
    return T, Z
