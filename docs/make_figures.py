"""Write one picture per chapter of the MML book into docs/img/ (for the README).

Run ``python docs/make_figures.py [OUTPUT_DIR]`` (``make figures``). Every picture comes
from :mod:`mml.plot` on data that ships with ``mml``, so the script runs offline and
gives the same files each time. PNGs are saved at 80 dpi and reduced to a 128-colour
palette, to keep the committed images small.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

DPI = 80


def _save(fig: Any, path: Path) -> None:
    from PIL import Image

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
    buffer.seek(0)
    image = Image.open(buffer).convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT)
    image.save(path, optimize=True)


def ch02_linear_systems() -> Any:
    from mml.plot import linear_system

    # The lecture's problem 3: a rank-2 system, three planes that share a line.
    return linear_system("2x + 4y - z = 5; 7x - 2y + 3z = 6; 9x + 2y + 2z = 11")


def ch03_projection() -> Any:
    from mml.plot import projection

    # MML book Example 3.11: x = (6, 0, 0) onto span{(1, 1, 1), (0, 1, 2)} is (5, 2, -1).
    return projection([6, 0, 0], [[1, 0], [1, 1], [1, 2]])


def ch04_svd() -> Any:
    from mml.plot import svd_steps

    return svd_steps([[3, 0], [4, 5]])


def ch05_computation_graph() -> Any:
    import mml.autodiff.numpy as anp
    from mml.plot import computation_graph

    def f(x: Any) -> Any:  # MML book eq. (5.109): sqrt(x² + exp(x²)) + cos(x² + exp(x²))
        a = x**2
        c = a + anp.exp(a)
        return anp.sqrt(c) + anp.cos(c)

    return computation_graph(f, x=0.5)


def ch06_conditioning() -> Any:
    from mml.plot import conditioning

    return conditioning([0.0, 1.0], [[1.0, 0.8], [0.8, 1.0]], x1=1.0)


def ch07_optimisers() -> Any:
    from mml.plot import optimiser_paths

    def valley(p: Any) -> Any:  # a bent valley (Rosenbrock with b = 5)
        return (1 - p[0]) ** 2 + 5 * (p[1] - p[0] ** 2) ** 2

    return optimiser_paths(valley, [-1.5, 2.5], lr=0.02, steps=150)


def ch08_validation_curve() -> Any:
    from mml.datasets import polynomial_regression_sample
    from mml.model_selection import validation_curve as compute
    from mml.models import Ridge
    from mml.plot import validation_curve

    x, y, _, _ = polynomial_regression_sample(40, 0)
    X = np.column_stack([(x / 5) ** d for d in range(1, 10)])  # degree-9 features
    alphas = np.logspace(-6, 2, 9)
    train, test = compute(Ridge(), X, y, param_name="alpha", param_range=alphas, cv=5, scoring="r2")
    return validation_curve(alphas, train, test, param_name="Ridge alpha (degree-9 features)")


def ch09_bayesian_regression() -> Any:
    from mml.datasets import polynomial_regression_sample
    from mml.models import BayesianLinearRegression
    from mml.plot import regression_fit

    x, y, _, _ = polynomial_regression_sample(10, 0)

    def features(t: np.ndarray) -> np.ndarray:
        return np.column_stack([(t / 5) ** d for d in range(1, 6)])

    model = BayesianLinearRegression(prior_variance=4.0, noise_variance=0.04).fit(features(x), y)
    return regression_fit(model, x, y, features=features, x_range=(-5, 5))


def ch10_pca() -> Any:
    from mml.models import PCA
    from mml.plot import pca_projection

    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 2)) @ np.array([[2.0, 1.2], [0.0, 0.6]]) + [1.0, 2.0]
    return pca_projection(PCA().fit(X), X)


def ch11_gmm() -> Any:
    from mml.datasets import load_old_faithful
    from mml.models import GaussianMixture
    from mml.plot import gmm_iterations

    X = np.asarray(load_old_faithful().data, dtype=float)
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    gmm = GaussianMixture(
        2, init_params="random", record_covariances=True, random_state=3, max_iter=200, tol=1e-6
    ).fit(X)
    return gmm_iterations(gmm, X)


def ch12_svm() -> Any:
    from mml.datasets import make_moons
    from mml.models import SVC
    from mml.plot import svm_margin

    X, y = make_moons(120, noise=0.15, random_state=0)
    return svm_margin(SVC(kernel="rbf", C=3.0, gamma=1.0).fit(X, y), X, y, resolution=150)


FIGURES: dict[str, Callable[[], Any]] = {
    "ch02_linear_systems.png": ch02_linear_systems,
    "ch03_projection.png": ch03_projection,
    "ch04_svd.png": ch04_svd,
    "ch05_computation_graph.png": ch05_computation_graph,
    "ch06_conditioning.png": ch06_conditioning,
    "ch07_optimisers.png": ch07_optimisers,
    "ch08_validation_curve.png": ch08_validation_curve,
    "ch09_bayesian_regression.png": ch09_bayesian_regression,
    "ch10_pca.png": ch10_pca,
    "ch11_gmm.png": ch11_gmm,
    "ch12_svm.png": ch12_svm,
}


def main(output: str | Path = Path(__file__).parent / "img") -> list[Path]:
    """Draw every figure into ``output``; return the paths written."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder = Path(output)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, draw in FIGURES.items():
        fig = draw()
        path = folder / name
        _save(fig, path)
        plt.close(fig)
        written.append(path)
        print(f"{path}  ({path.stat().st_size // 1024} KB)")
    return written


if __name__ == "__main__":
    main(*sys.argv[1:2])
