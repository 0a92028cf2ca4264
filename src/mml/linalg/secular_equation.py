"""The secular equation of a rank-one update, for many updates at once.

The eigenvalues of ``diag(d) + rho z z^T`` (``d`` ascending, ``z_j != 0``, ``rho > 0``) are
the roots of

    f(lam) = 1 / rho + sum_j z_j^2 / (d_j - lam),

which is increasing between its poles: one root in each gap ``(d_i, d_{i+1})`` and one in
``(d_k, d_k + rho |z|^2]``. Each root is measured from its nearer pole (the sign of ``f`` at
the gap's midpoint tells which), so that ``d_j - lam`` is computed without cancellation,
and found by Li's "middle way" (LAPACK ``laed4``): ``f`` is approximated by a constant plus
two simple poles at ``d_i`` and ``d_{i+1}`` matching its value and slope, and the quadratic
for the approximation's root gives the next iterate, safeguarded by bisection. Then
Löwner's formula recomputes a ``z_hat`` for which the computed roots are exact,

    z_hat_j^2 = (lam_j - d_j) / rho * prod_{i != j} (lam_i - d_j) / (d_i - d_j),

and the eigenvectors ``z_hat_j / (d_j - lam_i)`` are orthogonal to working precision
(Gu & Eisenstat 1995).

All the problems of one level of divide and conquer are solved together: each is padded
to the longest with poles at infinity and weight zero, which leave ``f`` unchanged, so a
level costs the NumPy calls of one problem.

Examples
--------
>>> import numpy as np
>>> [(lam, U)] = secular_roots([(np.array([0.0, 1.0]), np.array([1.0, 1.0]), 1.0)])
>>> A = np.diag([0.0, 1.0]) + np.ones((2, 2))
>>> bool(np.allclose(A @ U, U * lam))
True
"""

from __future__ import annotations

import numpy as np

from mml.errors import ConvergenceError

__all__ = ["secular_roots"]

_EPS = float(np.finfo(np.float64).eps)


def secular_roots(
    problems: list[tuple[np.ndarray, np.ndarray, float]],
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Roots and eigenvectors for each ``(d, z, rho)``: ``diag(d) + rho z z^T = U diag(lam) U^T``.

    Raises
    ------
    ConvergenceError
        If some root has not converged after 100 iterations (not expected).
    """
    sizes = np.array([d.shape[0] for d, _, _ in problems])
    count, width = len(problems), int(sizes.max())
    poles = np.full((count, width), np.inf)
    weights = np.zeros((count, width))
    for m, (d, z, _) in enumerate(problems):
        poles[m, : d.shape[0]] = d
        weights[m, : d.shape[0]] = z * z
    rho = np.array([float(r) for _, _, r in problems])
    owner = np.repeat(np.arange(count), sizes)  # the problem of each root
    index = np.concatenate([np.arange(k) for k in sizes])  # its position there
    last = index == sizes[owner] - 1
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        lam_offset, dd, lo, hi, tau = _brackets(poles, weights, rho, owner, index, last)
        tau = _iterate(dd, weights, owner, 1.0 / rho[owner], index, sizes[owner], last, lo, hi, tau)
        return _loewner(problems, poles, rho, owner, index, sizes, lam_offset, dd, tau)


def _brackets(poles, weights, rho, owner, index, last):
    """Origin (nearer pole), shifted poles ``d_j - origin``, bracket and starting point."""
    d_i = poles[owner, index]
    d_next = np.where(last, d_i, poles[owner, np.minimum(index + 1, poles.shape[1] - 1)])
    gap = np.where(last, 0.0, d_next - d_i)
    mid = d_i + gap / 2
    z2 = weights[owner]
    inv_rho = 1.0 / rho[owner]
    f_mid = inv_rho + (z2 / (poles[owner] - mid[:, None])).sum(axis=1)
    left = last | (f_mid >= 0.0)
    origin = np.where(left, d_i, d_next)
    total = rho * weights.sum(axis=1)
    lo = np.where(left, 0.0, -gap / 2)
    hi = np.where(left, np.where(last, total[owner], gap / 2), 0.0)
    dd = poles[owner] - origin[:, None]
    # start where f, its other poles frozen at the midpoint, vanishes: a quadratic in tau
    zi = weights[owner, index]
    zj = np.where(last, 0.0, weights[owner, np.minimum(index + 1, poles.shape[1] - 1)])
    half = np.where(last, 1.0, gap / 2)
    c = f_mid + zi / half - zj / half
    qb = np.where(left, -(c * gap + zi + zj), c * gap - zi - zj)
    qc = np.where(left, zi * gap, -zj * gap)
    disc = np.sqrt(np.abs(qb * qb - 4 * c * qc))
    q = -(qb + np.copysign(disc, qb)) / 2
    first, second = q / c, qc / q
    tau = (lo + hi) / 2
    inside_first = np.isfinite(first) & (first > lo) & (first < hi)
    inside_second = np.isfinite(second) & (second > lo) & (second < hi)
    tau = np.where(inside_second, second, tau)
    tau = np.where(inside_first, first, tau)
    # the last root: the other poles frozen at the bracket's far end, c - z_k^2 / tau = 0
    ends = np.flatnonzero(last)
    m = owner[ends]
    far = origin[ends] + hi[ends]
    others = weights[m].copy()
    others[np.arange(ends.size), index[ends]] = 0.0
    c_last = inv_rho[ends] + (others / (poles[m] - far[:, None])).sum(axis=1)
    guess = zi[ends] / c_last
    good = (c_last > 0) & np.isfinite(guess) & (guess > lo[ends]) & (guess < hi[ends])
    tau[ends] = np.where(good, guess, (lo[ends] + hi[ends]) / 2)
    return origin, dd, lo, hi, tau


def _iterate(dd, weights, owner, inv_rho, index, sizes, last, lo, hi, tau) -> np.ndarray:
    """Middle-way iterations on the roots still moving (``rows``), bisection as safeguard."""
    rows = np.arange(dd.shape[0])
    right_pole = np.minimum(index + 1, sizes - 1)
    lower_all = (np.arange(dd.shape[1])[None, :] <= index[:, None]).astype(float)
    single = weights.shape[0] == 1  # one problem: its weights broadcast over every root
    for _ in range(100):
        full = rows.shape[0] == dd.shape[0]  # no gathers while every root is still moving
        delta = (dd if full else dd[rows]) - tau[rows, None]
        terms = (weights[0] if single else weights[owner[rows]]) / delta
        lower = lower_all if full else lower_all[rows]
        total = terms.sum(axis=1)
        psi = np.einsum("ij,ij->i", terms, lower)  # the negative terms: poles left of lam
        f = inv_rho[rows] + total
        slopes = terms / delta
        dpsi = np.einsum("ij,ij->i", slopes, lower)
        dphi = slopes.sum(axis=1) - dpsi
        t = tau[rows]
        error = 8.0 * (total - 2 * psi) + 2 * inv_rho[rows] + 3 * np.abs(t) * (dpsi + dphi)
        lo_r = np.where(f < 0, t, lo[rows])
        hi_r = np.where(f > 0, t, hi[rows])
        converged = np.abs(f) <= _EPS * error
        converged |= (hi_r - lo_r) <= 4 * _EPS * np.maximum(np.abs(lo_r), np.abs(hi_r))
        lo[rows], hi[rows] = lo_r, hi_r
        going = np.flatnonzero(~converged)
        if going.size == 0:
            return tau
        r = rows[going]
        eta = _middle_way_step(
            delta[going], f[going], dpsi[going], dphi[going], index[r], right_pole[r], last[r]
        )
        step = t[going] + eta
        outside = ~np.isfinite(step) | (step <= lo[r]) | (step >= hi[r])
        tau[r] = np.where(outside, (lo[r] + hi[r]) / 2, step)
        rows = r
    raise ConvergenceError("the secular equation of divide and conquer did not converge")


def _middle_way_step(delta, f, dpsi, dphi, index, right_pole, last) -> np.ndarray:
    """Li's middle way: fit two poles (``d_i``, ``d_{i+1}``) to f and solve the quadratic."""
    rows = np.arange(delta.shape[0])
    d_i = delta[rows, index]
    d_ip1 = delta[rows, right_pole]
    c = f - d_i * dpsi - np.where(last, 0.0, d_ip1 * dphi)
    a = (d_i + d_ip1) * f - d_i * d_ip1 * (dpsi + dphi)
    b = d_i * d_ip1 * f
    root = np.sqrt(np.abs(a * a - 4 * b * c))
    quad = np.where(a <= 0.0, (a - root) / (2 * c), 2 * b / (a + root))
    quad = np.where(c == 0.0, b / a, quad)
    # the last root has one pole d_k: f ~ c + s / (delta_k - eta), s = delta_k^2 dpsi
    one_pole = d_i + d_i * d_i * dpsi / (f - d_i * dpsi)
    eta = np.where(last, one_pole, quad)
    newton = -f / (dpsi + dphi)
    return np.where(f * eta >= 0.0, newton, eta)  # wrong direction: fall back to Newton


def _loewner(problems, poles, rho, owner, index, sizes, origin, dd, tau):
    """Roots ``origin + tau`` and Löwner's orthogonal eigenvectors, all problems at once."""
    count, width = poles.shape
    delta = np.ones((count, width, width))  # delta[m, i, j] = d_j - lam_i (padding: 1)
    delta[owner, index] = dd - tau[:, None]
    valid = np.arange(width)[None, :] < sizes[:, None]
    pair = valid[:, :, None] & valid[:, None, :]
    delta = np.where(pair, delta, 1.0)
    gaps = np.where(pair, poles[:, None, :] - poles[:, :, None], 1.0)  # d_j - d_i
    diagonal = np.arange(width)
    gaps[:, diagonal, diagonal] = 1.0
    ratios = delta / gaps  # (lam_i - d_j) / (d_i - d_j)
    ratios[:, diagonal, diagonal] = 1.0
    z_hat2 = (-delta[:, diagonal, diagonal] / rho[:, None]) * ratios.prod(axis=1)
    signs = np.zeros((count, width))
    for m, (_, z, _) in enumerate(problems):
        signs[m, : z.shape[0]] = np.sign(z)
    z_hat = signs * np.sqrt(np.abs(z_hat2))
    U = np.where(pair, z_hat[:, None, :] / delta, 0.0).transpose(0, 2, 1)  # U[m, j, i]
    U /= np.sqrt(np.einsum("mji,mji->mi", U, U))[:, None, :]
    roots = origin + tau
    out = []
    start = 0
    for m, k in enumerate(sizes):
        out.append((roots[start : start + k], U[m, :k, :k].copy()))
        start += k
    return out
