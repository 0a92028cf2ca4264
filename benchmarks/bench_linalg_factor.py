"""Issue 3 (mml.linalg, LA-API half) benchmarks: factorisations and the solvers built on them.

Ratios are time(mml) / time(reference), float64, at one BLAS thread in every pool:

- ``lu_factor`` vs ``scipy.linalg.lu_factor``: n=2000 ≤ 1.4, n=1000 ≤ 2.5, n=500 ≤ 3.5;
- ``cholesky`` vs ``numpy.linalg.cholesky``: n=2000 ≤ 1.15, n=1000 ≤ 2;
- ``qr`` (reduced) vs ``numpy.linalg.qr``: 2000×1000 ≤ 1.3, 1000×500 ≤ 1.5;
- ``solve``, ``inv``, ``det``, ``slogdet`` vs numpy at n=2000: ≤ 1.5;
- small sizes (n = 10 and 50), where Python overhead dominates: reported, n=50 ≤ 20.
"""

from __future__ import annotations

import numpy as np

from benchmarks.harness import Row, compare


def _random(n: int, m: int | None = None, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal((n, m if m is not None else n))


def _spd(n: int) -> np.ndarray:
    a = _random(n)
    return a @ a.T + n * np.eye(n)


def _repeat(n: int, quick: bool) -> int:
    # many repeats: the machine is shared, and best-of-N needs a quiet moment on both sides
    if n >= 2000:
        return 2 if quick else 5
    if n >= 1000:
        return 3 if quick else 9
    if n >= 500:
        return 3 if quick else 15
    return 20 if quick else 50


def _factor_rows(quick: bool) -> list[Row]:
    import scipy.linalg

    import mml.linalg as la

    rows = []
    lu_targets = {500: 3.5, 1000: 2.5, 2000: 1.4}
    for n in (500, 1000) if quick else (500, 1000, 2000):
        a = _random(n)
        rows.append(
            compare(
                "lu_factor",
                f"n={n}",
                lambda a=a: la.lu_factor(a),
                lambda a=a: scipy.linalg.lu_factor(a),
                "scipy.linalg.lu_factor",
                target=lu_targets[n],
                repeat=_repeat(n, quick),
            )
        )
    cholesky_targets = {1000: 2.0, 2000: 1.15}
    for n in (1000,) if quick else (1000, 2000):
        a = _spd(n)
        rows.append(
            compare(
                "cholesky",
                f"n={n}",
                lambda a=a: la.cholesky(a),
                lambda a=a: np.linalg.cholesky(a),
                "numpy.linalg.cholesky",
                target=cholesky_targets[n],
                repeat=_repeat(n, quick),
            )
        )
    qr_targets = {(1000, 500): 1.5, (2000, 1000): 1.3}
    for m, n in ((1000, 500),) if quick else ((1000, 500), (2000, 1000)):
        a = _random(m, n)
        rows.append(
            compare(
                "qr (reduced)",
                f"{m}×{n}",
                lambda a=a: la.qr(a),
                lambda a=a: np.linalg.qr(a),
                "numpy.linalg.qr",
                target=qr_targets[(m, n)],
                repeat=_repeat(m, quick),
            )
        )
    return rows


def _solver_rows(quick: bool) -> list[Row]:
    import mml.linalg as la

    n = 1000 if quick else 2000
    a = _random(n)
    b = _random(n, 1, seed=1)[:, 0]
    cases = [
        ("solve", lambda: la.solve(a, b), lambda: np.linalg.solve(a, b), "numpy.linalg.solve"),
        ("inv", lambda: la.inv(a), lambda: np.linalg.inv(a), "numpy.linalg.inv"),
        ("det", lambda: la.det(a), lambda: np.linalg.det(a), "numpy.linalg.det"),
        ("slogdet", lambda: la.slogdet(a), lambda: np.linalg.slogdet(a), "numpy.linalg.slogdet"),
    ]
    return [
        compare(case, f"n={n}", ours, ref, name, target=1.5, repeat=_repeat(n, quick))
        for case, ours, ref, name in cases
    ]


def _small_rows(quick: bool) -> list[Row]:
    import scipy.linalg

    import mml.linalg as la

    rows = []
    for n in (10, 50):
        a, spd, b = _random(n), _spd(n), _random(n, 1, seed=2)[:, 0]
        target = 20.0 if n == 50 else None
        note = "Python overhead dominates"
        cases = [
            (
                "lu_factor",
                lambda a=a: la.lu_factor(a),
                lambda a=a: scipy.linalg.lu_factor(a),
                "scipy.linalg.lu_factor",
            ),
            (
                "cholesky",
                lambda s=spd: la.cholesky(s),
                lambda s=spd: np.linalg.cholesky(s),
                "numpy.linalg.cholesky",
            ),
            ("qr (reduced)", lambda a=a: la.qr(a), lambda a=a: np.linalg.qr(a), "numpy.linalg.qr"),
            (
                "solve",
                lambda a=a, b=b: la.solve(a, b),
                lambda a=a, b=b: np.linalg.solve(a, b),
                "numpy.linalg.solve",
            ),
            ("inv", lambda a=a: la.inv(a), lambda a=a: np.linalg.inv(a), "numpy.linalg.inv"),
            ("det", lambda a=a: la.det(a), lambda a=a: np.linalg.det(a), "numpy.linalg.det"),
        ]
        for case, ours, ref, name in cases:
            rows.append(
                compare(
                    case,
                    f"n={n}",
                    ours,
                    ref,
                    name,
                    target=target,
                    repeat=_repeat(n, quick),
                    number=5,
                    note=note,
                )
            )
    return rows


def run(quick: bool) -> list[Row]:
    return _factor_rows(quick) + _solver_rows(quick) + _small_rows(quick)
