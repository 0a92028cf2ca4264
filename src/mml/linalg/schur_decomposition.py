"""Hessenberg reduction and the Schur decomposition by the QR algorithm (MML book §4.2).

Every square matrix is unitarily similar to an upper triangular one, ``A = Z T Z^H``
(Schur); for a real matrix with complex eigenvalues the real form has 2 x 2 blocks on the
diagonal (``A = Z T Z^T``, ``Z`` orthogonal, ``T`` *quasi*-triangular). The route:

1. *Hessenberg reduction* ``A = Q H Q^H``: Householder reflectors from both sides zero
   everything below the subdiagonal (``n - 2`` steps).
2. *QR iteration* on ``H``, chasing a bulge down the subdiagonal:

   - real input: Francis' implicit double shift (the two eigenvalues of the trailing 2 x 2
     block as a conjugate pair of shifts, so the arithmetic stays real), 3 x 3 reflectors;
   - complex input: a single Wilkinson shift, 2 x 2 complex Givens rotations.

   A subdiagonal entry below ``eps (|h_{k-1,k-1}| + |h_kk|)`` is set to zero (deflation);
   exceptional shifts at iterations 10 and 20 break cycles. Each converged real 2 x 2 block
   is put in standard form (LAPACK's ``lanv2``): equal diagonal and complex eigenvalues,
   or triangular with real ones.

:func:`schur` follows ``scipy.linalg.schur``'s signature (and :func:`hessenberg`, from
:mod:`mml.linalg.hessenberg_reduction`, is importable from here too).

Examples
--------
>>> import numpy as np
>>> A = np.array([[0.0, -1.0], [1.0, 0.0]])
>>> T, Z = schur(A)
>>> T
array([[ 0., -1.],
       [ 1.,  0.]])
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from mml.errors import ConvergenceError, MMLError
from mml.linalg._validation import as_matrix, check_square, common_dtypes
from mml.linalg._validation import check_finite as refuse_non_finite
from mml.linalg.hessenberg_reduction import hessenberg, hessenberg_reduce
from mml.linalg.real_schur_blocks import real_to_complex_schur, standardize_2x2
from mml.linalg.reflectors import apply_reflectors
from mml.linalg.schur_reordering import SORT_CRITERIA, reorder_schur

__all__ = ["schur", "hessenberg", "real_schur", "complex_schur", "schur_kernel"]

_EPS = float(np.finfo(np.float64).eps)
MAX_ITERATIONS = 40  # per eigenvalue, before ConvergenceError


def _active_start(H: np.ndarray, p: int, norm: float) -> int:
    """The first row ``l`` of the unreduced block ending at ``p`` (zeroing what is negligible)."""
    if p == 0:
        return 0
    sub = np.abs(np.diagonal(H, -1)[:p])  # sub[k-1] = |H[k, k-1]|
    diag = np.abs(np.diagonal(H)[: p + 1])
    scale = diag[:-1] + diag[1:]
    scale = np.where(scale == 0.0, norm, scale)
    # relative to the neighbouring diagonal (keeps graded matrices accurate), or below
    # eps^2 ||H||: a perturbation far under the backward error, and a block of rounding
    # noise would otherwise stall (its shifts underflow)
    small = np.flatnonzero((sub <= _EPS * scale) | (sub <= _EPS * _EPS * norm))
    if small.size == 0:
        return 0
    l = int(small[-1]) + 1
    H[l, l - 1] = 0.0
    return l


def _rotate_block(H: np.ndarray, ZT: np.ndarray | None, i: int, cs: float, sn: float) -> None:
    """Apply ``R^T . R`` on rows/columns ``i, i + 1`` outside the 2 x 2 block (``ZT = Z^T``)."""
    if ZT is None:  # eigenvalues only: the rest of T is not wanted
        return
    for rows in (H[i : i + 2, i + 2 :], ZT[i : i + 2]):
        top = rows[0].copy()
        rows[0] = cs * top + sn * rows[1]
        rows[1] = cs * rows[1] - sn * top
    cols = H[:i, i : i + 2]
    left = cols[:, 0].copy()
    cols[:, 0] = cs * left + sn * cols[:, 1]
    cols[:, 1] = cs * cols[:, 1] - sn * left


def real_schur(H: np.ndarray, Z: np.ndarray | None) -> tuple[np.ndarray, np.ndarray | None]:
    """Francis double-shift QR on a real Hessenberg ``H``, accumulating into ``Z``.

    Returns the real Schur form ``T`` (standardised 2 x 2 blocks) and ``Z``, accumulated
    transposed (``Z^T``: row operations on contiguous memory). With ``Z = None`` only the
    eigenvalues are wanted: the transformations touch the active block alone, and only the
    diagonal (blocks) of the returned ``T`` is meaningful.

    Raises
    ------
    ConvergenceError
        If an eigenvalue takes more than ``MAX_ITERATIONS`` iterations.

    Examples
    --------
    >>> import numpy as np
    >>> T, Z = real_schur(np.array([[1.0, 2.0], [3.0, 4.0]]), np.eye(2))
    >>> np.round(np.diag(T), 6)
    array([-0.372281,  5.372281])
    """
    n = H.shape[0]
    M = None  # [H | Z^T]: a row transformation of H and of Z^T is then one operation
    ZT = None
    if Z is not None:
        M = np.empty((n, 2 * n))
        M[:, :n], M[:, n:] = H, Z.T
        H, ZT = M[:, :n], M[:, n:]
    norm = float(np.abs(H).max()) if n else 0.0
    p = n - 1
    iterations = 0
    while p >= 0:
        l = _active_start(H, p, norm)
        if l == p:
            p -= 1
            iterations = 0
            continue
        if l == p - 1:
            i = p - 1
            aa, bb, cc, dd, cs, sn = standardize_2x2(H[i, i], H[i, p], H[p, i], H[p, p])
            H[i, i], H[i, p], H[p, i], H[p, p] = aa, bb, cc, dd
            _rotate_block(H, ZT, i, cs, sn)
            p -= 2
            iterations = 0
            continue
        iterations += 1
        if iterations > MAX_ITERATIONS:
            raise ConvergenceError(f"Francis QR iteration did not converge (eigenvalue {p} of {n})")
        _francis_step(H, M, l, p, iterations)
    return np.triu(H, -1), (None if ZT is None else ZT.T.copy())


def _francis_step(H: np.ndarray, M: np.ndarray | None, l: int, p: int, iterations: int) -> None:
    """One implicit double-shift QR sweep on the unreduced block ``H[l:p+1, l:p+1]``.

    ``M = [H | Z^T]`` when the Schur vectors are wanted (``H`` is its left half), else None:
    then only the eigenvalues are wanted and the active block alone is transformed.
    """
    full = M is not None
    wide, right, top = (M, None, 0) if full else (H, p + 1, l)
    # work in units of the active block's size, so that the products below cannot underflow
    unit = float(np.abs(H[l : p + 1, l : p + 1]).max())
    h = lambda i, j: float(H[i, j]) / unit  # noqa: E731
    if iterations % 10 == 0:  # exceptional shift (EISPACK hqr)
        w = abs(h(p, p - 1)) + abs(h(p - 1, p - 2))
        s, t = 1.5 * w, w * w
    else:  # the eigenvalues of the trailing 2 x 2: their sum s and product t
        s = h(p - 1, p - 1) + h(p, p)
        t = h(p - 1, p - 1) * h(p, p) - h(p - 1, p) * h(p, p - 1)
    # first column of (H - mu1)(H - mu2) = H^2 - s H + t I (a multiple of it)
    hll, h21 = h(l, l), h(l + 1, l)
    x = hll * hll + h(l, l + 1) * h21 - s * hll + t
    y = h21 * (hll + h(l + 1, l + 1) - s)
    z = h21 * h(l + 2, l + 1)
    v = np.empty(3)
    for k in range(l, p - 1):
        m = max(abs(x), abs(y), abs(z))
        if m != 0.0:  # the reflector of (x, y, z), computed on (x, y, z) / m: no underflow
            xs, ys, zs = x / m, y / m, z / m
            v0 = xs + math.copysign(math.sqrt(xs * xs + ys * ys + zs * zs), xs)
            beta = 2.0 / (v0 * v0 + ys * ys + zs * zs)
            v[0], v[1], v[2] = v0, ys, zs
            rows = wide[k : k + 3, max(l, k - 1) : right]  # and the rows of Z^T
            rows -= (beta * v)[:, None] * (v @ rows)
            cols = H[top : min(k + 4, p + 1), k : k + 3]
            cols -= (cols @ v)[:, None] * (beta * v)
            if k > l:
                H[k + 1, k - 1] = H[k + 2, k - 1] = 0.0
        x, y = float(H[k + 1, k]), float(H[k + 2, k])
        if k < p - 2:
            z = float(H[k + 3, k])
    m = max(abs(x), abs(y))
    if m != 0.0:
        xs, ys = x / m, y / m
        v2 = np.array([xs + math.copysign(math.hypot(xs, ys), xs), ys])
        bv = (2.0 / float(v2 @ v2)) * v2
        rows = wide[p - 1 : p + 1, p - 2 : right]
        rows -= bv[:, None] * (v2 @ rows)
        cols = H[top : p + 1, p - 1 : p + 1]
        cols -= (cols @ v2)[:, None] * bv
        H[p, p - 2] = 0.0


def complex_schur(H: np.ndarray, Z: np.ndarray | None) -> tuple[np.ndarray, np.ndarray | None]:
    """Single-shift (Wilkinson) QR on a complex Hessenberg ``H``: upper triangular ``T``, ``Z``.

    With ``Z = None`` only the eigenvalues (the diagonal of ``T``) are computed.

    Raises
    ------
    ConvergenceError
        If an eigenvalue takes more than ``MAX_ITERATIONS`` iterations.

    Examples
    --------
    >>> import numpy as np
    >>> T, Z = complex_schur(np.array([[0, -1], [1, 0]], dtype=complex), np.eye(2, dtype=complex))
    >>> np.round(sorted(np.diag(T), key=lambda z: z.imag), 6)
    array([0.-1.j, 0.+1.j])
    """
    n = H.shape[0]
    norm = float(np.abs(H).max()) if n else 0.0
    p = n - 1
    iterations = 0
    while p > 0:
        l = _active_start(H, p, norm)
        if l == p:
            p -= 1
            iterations = 0
            continue
        iterations += 1
        if iterations > MAX_ITERATIONS:
            raise ConvergenceError(f"complex QR iteration did not converge (eigenvalue {p} of {n})")
        if iterations % 10 == 0:
            mu = H[p, p] + abs(H[p, p - 1].real) + abs(H[p - 1, p - 2].real if p - 2 >= l else 0)
        else:
            mu = _wilkinson_shift(H[p - 1, p - 1], H[p - 1, p], H[p, p - 1], H[p, p])
        x, y = H[l, l] - mu, H[l + 1, l]
        right, top = (None, 0) if Z is not None else (p + 1, l)
        for k in range(l, p):
            r = math.hypot(abs(x), abs(y))
            if r != 0.0:
                c = abs(x) / r
                phase = x / abs(x) if x != 0 else 1.0
                s = phase * np.conj(y) / r
                rows = H[k : k + 2, max(l, k - 1) : right]
                first = rows[0].copy()
                rows[0] = c * first + s * rows[1]
                rows[1] = c * rows[1] - np.conj(s) * first
                targets = [H[top : min(k + 3, p + 1), k : k + 2]]
                if Z is not None:
                    targets.append(Z[:, k : k + 2])
                for M in targets:
                    left = M[:, 0].copy()
                    M[:, 0] = c * left + np.conj(s) * M[:, 1]
                    M[:, 1] = c * M[:, 1] - s * left
                if k > l:
                    H[k + 1, k - 1] = 0.0
            if k < p - 1:
                x, y = H[k + 1, k], H[k + 2, k]
    return np.triu(H), Z


def _wilkinson_shift(a: complex, b: complex, c: complex, d: complex) -> complex:
    """The eigenvalue of ``[[a, b], [c, d]]`` nearer to ``d`` (computed in units of the block)."""
    unit = max(abs(a), abs(b), abs(c), abs(d))
    if unit == 0:
        return d
    a, b, c, d = a / unit, b / unit, c / unit, d / unit
    half = (a - d) / 2
    root = np.sqrt(half * half + b * c)
    if abs(half + root) < abs(half - root):
        root = -root
    denominator = half + root
    if denominator == 0:
        return d * unit
    return (d - (b * c) / denominator) * unit


def schur_kernel(A: np.ndarray, complex_output: bool) -> tuple[np.ndarray, np.ndarray]:
    """Schur form of one square float64/complex128 matrix: ``(T, Z)``.

    ``A`` is scaled to unit largest entry first (``T`` scaled back), so entries from 1e-300
    to 1e300 neither overflow nor underflow in the iteration.
    """
    n = A.shape[0]
    scale = float(np.abs(A).max()) if n else 0.0
    if scale == 0.0:
        eye = np.eye(n, dtype=np.complex128 if complex_output else A.dtype)
        return np.zeros_like(eye), eye
    H, U = hessenberg_reduce(A / scale)
    Q = apply_reflectors(U, np.eye(n, dtype=H.dtype))
    if np.iscomplexobj(H) or complex_output:
        H = H.astype(np.complex128)
        Q = Q.astype(np.complex128)
        if not np.iscomplexobj(A):  # real input, complex output: real form first (rsf2csf)
            T, Z = real_to_complex_schur(*real_schur(H.real.copy(), Q.real.copy()))
        else:
            T, Z = complex_schur(H, Q)
    else:
        T, Z = real_schur(H, Q)
    return T * scale, Z


def schur(
    a: Any,
    output: str = "real",
    lwork: int | None = None,
    overwrite_a: bool = False,
    sort: Any = None,
    check_finite: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """Schur decomposition ``A = Z T Z^H`` (``scipy.linalg.schur``'s signature).

    ``Z`` is unitary and ``T`` upper triangular (``output='complex'``), or for real input
    with ``output='real'`` quasi-upper triangular with standardised 2 x 2 blocks for
    complex conjugate eigenvalue pairs.

    Parameters
    ----------
    a : array_like, shape (M, M)
        The matrix.
    output : {'real', 'complex'}, optional
        The form wanted; complex input always gives the complex form.
    lwork, overwrite_a : optional
        Accepted for compatibility (no workspace; ``a`` is never modified).
    sort : {None, 'lhp', 'rhp', 'iuc', 'ouc'} or callable, optional
        Reorder the (complex) Schur form so that the eigenvalues for which the criterion is
        true come first (left half plane, right half plane, inside or outside the unit
        circle, or ``sort(eigenvalue) -> bool``); a third value ``sdim`` (their count) is
        returned. Only with complex output (complex input, or ``output='complex'``).
    check_finite : bool, optional
        Refuse NaN/inf input (``LinAlgError``); the QR iteration cannot converge on them.

    Returns
    -------
    T : ndarray, shape (M, M)
    Z : ndarray, shape (M, M)
    sdim : int
        Only when ``sort`` is given: how many eigenvalues satisfy it.

    Raises
    ------
    LinAlgError
        If ``a`` is not square, or holds NaN/inf.
    ConvergenceError
        If the QR iteration does not converge.
    ValueError
        If ``output`` is not ``'real'`` or ``'complex'``.
    MMLError
        If ``sort`` is given with real output for real input.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[1.0, 2.0], [-2.0, 1.0]])
    >>> T, Z = schur(A, output="complex")
    >>> np.round(sorted(np.diag(T), key=lambda z: z.imag), 6)
    array([1.-2.j, 1.+2.j])
    >>> bool(np.allclose(Z @ T @ Z.conj().T, A))
    True
    """
    if output not in ("real", "complex", "r", "c"):
        raise ValueError(f"argument 'output' must be 'real' or 'complex', got {output!r}")
    A = check_square(as_matrix(a))
    if sort is not None and A.dtype.kind != "c" and output in ("real", "r"):
        raise MMLError(
            "schur(sort=...) reorders the complex Schur form only in mml.linalg (swapping "
            "real 2 x 2 blocks is not implemented); call with output='complex'"
        )
    refuse_non_finite(A)  # NaN/inf never converge: always refused, whatever check_finite says
    work, result = common_dtypes(A)
    complex_output = output in ("complex", "c")
    if complex_output and result.kind == "f":
        result = np.dtype(np.complex64 if result == np.float32 else np.complex128)
    if A.shape[0] == 0:
        empty = A.astype(result)
        return (empty, empty.copy()) if sort is None else (empty, empty.copy(), 0)
    T, Z = schur_kernel(A.astype(work), complex_output)
    if sort is None:
        return T.astype(result), Z.astype(result)
    eigenvalues = np.diagonal(T)
    if isinstance(sort, str):
        if sort not in SORT_CRITERIA:
            raise ValueError(f"sort must be 'lhp', 'rhp', 'iuc', 'ouc' or a callable, got {sort!r}")
        selected = SORT_CRITERIA[sort](eigenvalues)
    elif callable(sort):
        selected = np.array([bool(sort(value)) for value in eigenvalues])
    else:
        raise ValueError(f"sort must be 'lhp', 'rhp', 'iuc', 'ouc' or a callable, got {sort!r}")
    T, Z, sdim = reorder_schur(T, Z, selected)
    return T.astype(result), Z.astype(result), sdim
