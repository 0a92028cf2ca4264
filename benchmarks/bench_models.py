"""mml.models against scikit-learn (issue 6): fit times at the issue's sizes, same settings.

Every case fixes the settings that make both sides do the same work (same initialisation,
same iteration counts, same tolerance) and notes the check that the answers agree.
Per-iteration cases run a fixed number of iterations on both sides, so the ratio of fit
times is the ratio per iteration.
"""

from __future__ import annotations

import warnings

import numpy as np

from benchmarks.harness import Row, compare


def _quiet(fn):
    def run():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return fn()

    return run


def _gmm(quick: bool) -> Row:
    from sklearn.datasets import make_blobs
    from sklearn.mixture import GaussianMixture as Reference

    from mml.models import GaussianMixture

    n = 2000 if quick else 10000
    X, _ = make_blobs(n, 10, centers=5, random_state=0)
    start = _quiet(lambda: Reference(5, max_iter=1, random_state=0).fit(X))()
    kwargs = dict(
        n_components=5,
        max_iter=50,
        tol=0,
        weights_init=start.weights_,
        means_init=start.means_,
        precisions_init=start.precisions_,
    )
    ours = _quiet(lambda: GaussianMixture(**kwargs).fit(X))
    reference = _quiet(lambda: Reference(**kwargs).fit(X))
    gap = abs(ours().lower_bound_ - reference().lower_bound_) / abs(reference().lower_bound_)
    return compare(
        "GaussianMixture full k=5, 50 EM iterations",
        f"{n}x10",
        ours,
        reference,
        "sklearn GaussianMixture",
        target=0.8,
        repeat=3 if quick else 5,
        note=f"same start; relative log-likelihood gap {gap:.1e}",
    )


def _pca(quick: bool) -> list[Row]:
    from sklearn.decomposition import PCA as Reference

    from mml.models import PCA

    rng = np.random.RandomState(0)
    rows = []
    shape = (1000, 300) if quick else (5000, 1000)
    X = rng.normal(size=shape) @ np.diag(np.linspace(3.0, 0.1, shape[1]))
    ours = PCA(20, svd_solver="randomized", random_state=0)
    ref = Reference(20, svd_solver="randomized", random_state=0)
    gap = np.max(np.abs(ours.fit(X).explained_variance_ / ref.fit(X).explained_variance_ - 1))
    rows.append(
        compare(
            "PCA randomized, 20 components",
            f"{shape[0]}x{shape[1]}",
            lambda: PCA(20, svd_solver="randomized", random_state=0).fit(X),
            lambda: Reference(20, svd_solver="randomized", random_state=0).fit(X),
            "sklearn PCA",
            target=1.0,
            repeat=3 if quick else 5,
            note=f"explained variance max rel. gap {gap:.1e}",
        )
    )
    shape = (600, 150) if quick else (2000, 500)
    X = rng.normal(size=shape)
    gap = np.max(
        np.abs(
            PCA(svd_solver="full").fit(X).explained_variance_
            / Reference(svd_solver="full").fit(X).explained_variance_
            - 1
        )
    )
    rows.append(
        compare(
            "PCA full",
            f"{shape[0]}x{shape[1]}",
            lambda: PCA(svd_solver="full").fit(X),
            lambda: Reference(svd_solver="full").fit(X),
            "sklearn PCA",
            target=2.0,
            repeat=3 if quick else 5,
            note=f"QR then SVD of R; explained variance max rel. gap {gap:.1e}",
        )
    )
    return rows


def _linear(quick: bool) -> list[Row]:
    from sklearn.linear_model import LinearRegression as RefLinear
    from sklearn.linear_model import Ridge as RefRidge

    from mml.models import LinearRegression, Ridge

    n = 20000 if quick else 100000
    rng = np.random.RandomState(0)
    X = rng.normal(size=(n, 100))
    y = X @ rng.normal(size=100) + rng.normal(size=n)
    rows = []
    for name, ours, ref, note in (
        ("LinearRegression", LinearRegression, RefLinear, "QR of [X y]"),
        ("Ridge alpha=1", Ridge, RefRidge, "Cholesky of X^T X + alpha I"),
    ):
        gap = np.max(np.abs(ours().fit(X, y).coef_ / ref().fit(X, y).coef_ - 1))
        rows.append(
            compare(
                name,
                f"{n}x100",
                lambda ours=ours: ours().fit(X, y),
                lambda ref=ref: ref().fit(X, y),
                f"sklearn {ref.__name__}",
                target=1.5,
                repeat=3 if quick else 5,
                note=f"{note}; coef max rel. gap {gap:.1e}",
            )
        )
    return rows


def _logistic(quick: bool) -> Row:
    from sklearn.datasets import make_classification
    from sklearn.linear_model import LogisticRegression as Reference

    from mml.models import LogisticRegression

    n = 5000 if quick else 20000
    X, y = make_classification(n, 50, n_informative=20, random_state=0)
    ours, ref = LogisticRegression().fit(X, y), Reference().fit(X, y)
    note = (
        f"lbfgs tol 1e-4 C=1; accuracy {ours.score(X, y):.4f} vs {ref.score(X, y):.4f}; "
        f"iterations {ours.n_iter_[0]} vs {ref.n_iter_[0]}"
    )
    return compare(
        "LogisticRegression lbfgs",
        f"{n}x50",
        lambda: LogisticRegression().fit(X, y),
        lambda: Reference().fit(X, y),
        "sklearn LogisticRegression",
        target=2.0,
        repeat=3 if quick else 5,
        note=note,
    )


def _kmeans(quick: bool) -> Row:
    from sklearn.cluster import KMeans as Reference

    from mml.models import KMeans

    n = 10000 if quick else 50000
    X = np.random.RandomState(0).normal(size=(n, 20))
    init = X[:8].copy()
    kwargs = dict(n_clusters=8, init=init, n_init=1, max_iter=10, tol=0)
    ours, ref = KMeans(**kwargs).fit(X), Reference(algorithm="lloyd", **kwargs).fit(X)
    note = (
        f"10 Lloyd iterations from the same centres (ran {ours.n_iter_} vs {ref.n_iter_}); "
        f"inertia rel. gap {abs(ours.inertia_ / ref.inertia_ - 1):.1e}"
    )
    return compare(
        "KMeans Lloyd k=8 (per iteration)",
        f"{n}x20",
        lambda: KMeans(**kwargs).fit(X),
        lambda: Reference(algorithm="lloyd", **kwargs).fit(X),
        "sklearn KMeans",
        target=2.0,
        repeat=3 if quick else 5,
        note=note,
    )


def _svc(quick: bool) -> Row:
    from sklearn.datasets import make_classification
    from sklearn.svm import SVC as Reference

    from mml.models import SVC

    n = 1500 if quick else 5000
    X, y = make_classification(n, 20, n_informative=10, random_state=0)
    ours, ref = SVC().fit(X, y), Reference().fit(X, y)
    gap = np.max(np.abs(ours.decision_function(X[:500]) - ref.decision_function(X[:500])))
    note = (
        f"rbf, gamma=scale, tol 1e-3; accuracy {ours.score(X, y):.4f} vs {ref.score(X, y):.4f}; "
        f"max abs(f - f_libsvm) {gap:.1e}"
    )
    return compare(
        "SVC rbf (SMO)",
        f"{n}x20",
        lambda: SVC().fit(X, y),
        lambda: Reference().fit(X, y),
        "sklearn SVC (libsvm)",
        target=5.0,
        repeat=2 if quick else 3,
        note=note,
    )


def _mlp(quick: bool) -> Row:
    from sklearn.datasets import load_digits
    from sklearn.neural_network import MLPClassifier as Reference

    from mml.models import MLPClassifier

    X, y = load_digits(return_X_y=True)
    X = X / 16.0
    epochs = 5 if quick else 20
    kwargs = dict(hidden_layer_sizes=(100,), batch_size=200, max_iter=epochs, tol=0, random_state=0)
    ours = _quiet(lambda: MLPClassifier(**kwargs).fit(X, y))
    reference = _quiet(lambda: Reference(**kwargs).fit(X, y))
    note = (
        f"{epochs} epochs of adam, 64-100-10 relu; accuracy {ours().score(X, y):.4f} vs "
        f"{reference().score(X, y):.4f}"
    )
    return compare(
        "MLPClassifier adam (per epoch)",
        "digits 1797x64",
        ours,
        reference,
        "sklearn MLPClassifier",
        target=1.0,
        repeat=3 if quick else 5,
        note=note,
    )


def run(quick: bool) -> list[Row]:
    rows = [_gmm(quick)]
    rows += _pca(quick)
    rows += _linear(quick)
    rows.append(_logistic(quick))
    rows.append(_kmeans(quick))
    rows.append(_svc(quick))
    rows.append(_mlp(quick))
    return rows
