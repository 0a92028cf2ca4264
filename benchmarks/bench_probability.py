"""Issue 5 (probability) benchmarks, against SciPy.

- ``MultivariateNormal.logpdf`` on 100k points in 50 dimensions vs
  ``scipy.stats.multivariate_normal.logpdf`` (which factors the covariance on every call, as
  a user calls it; ours is built once, as a user holds a distribution): target ≤ 1.5.
  A second row includes the construction (the Cholesky factor) in our time.
- ``Normal.cdf``, ``gammaln`` and ``erf`` on 1M points vs ``scipy.special.ndtr``,
  ``gammaln`` and ``erf``: target ≤ 3 (vectorised NumPy rational approximations against
  compiled C).
"""

from __future__ import annotations

import numpy as np

from benchmarks.harness import Row, compare


def run(quick: bool) -> list[Row]:
    import scipy.special as sc
    import scipy.stats as st

    from mml.probability import MultivariateNormal, Normal, erf, gammaln

    rng = np.random.default_rng(0)
    repeat = 3 if quick else 7
    rows = []

    n_points, d = (20_000, 50) if quick else (100_000, 50)
    A = rng.standard_normal((d, d))
    cov = A @ A.T / d + 0.5 * np.eye(d)
    mean = rng.standard_normal(d)
    X = rng.standard_normal((n_points, d))
    gaussian = MultivariateNormal(mean, cov)
    rows.append(
        compare(
            "MultivariateNormal.logpdf",
            f"{n_points}x{d}",
            lambda: gaussian.logpdf(X),
            lambda: st.multivariate_normal.logpdf(X, mean, cov),
            "scipy.stats.multivariate_normal.logpdf",
            target=1.5,
            repeat=repeat,
        )
    )
    rows.append(
        compare(
            "MultivariateNormal(mean, cov).logpdf",
            f"{n_points}x{d}",
            lambda: MultivariateNormal(mean, cov).logpdf(X),
            lambda: st.multivariate_normal.logpdf(X, mean, cov),
            "scipy.stats.multivariate_normal.logpdf",
            target=1.5,
            repeat=repeat,
            note="construction (Cholesky) included",
        )
    )

    n = 200_000 if quick else 1_000_000
    x = rng.uniform(-8.0, 8.0, n)
    positive = rng.uniform(0.0, 100.0, n)
    standard = Normal(0.0, 1.0)
    cases = [
        (
            "Normal.cdf",
            lambda: standard.cdf(x),
            lambda: sc.ndtr(x),
            "scipy.special.ndtr",
            "x ~ U(-8, 8)",
        ),
        (
            "gammaln",
            lambda: gammaln(positive),
            lambda: sc.gammaln(positive),
            "scipy.special.gammaln",
            "x ~ U(0, 100)",
        ),
        ("erf", lambda: erf(x), lambda: sc.erf(x), "scipy.special.erf", "x ~ U(-8, 8)"),
    ]
    for case, ours, reference, name, note in cases:
        rows.append(
            compare(case, f"{n}", ours, reference, name, target=3.0, repeat=repeat, note=note)
        )
    return rows
