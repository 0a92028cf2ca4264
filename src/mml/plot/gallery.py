"""One picture per chapter of the MML book, drawn by :mod:`mml.plot` on data shipped with mml.

The README's figures (``make figures`` runs ``docs/make_figures.py``, which calls
:func:`write_gallery`) and ``mml tour`` use the same recipes, so what a newcomer sees in
the tour is what the README shows. Each entry of :data:`GALLERY` is a file name, a function
that returns the ``Figure``, and one line that says what to look at.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from mml.errors import DomainError

__all__ = ["GALLERY", "Picture", "write_gallery"]


def _ch02_linear_systems() -> Any:
    from mml.plot import linear_system

    # The lecture's problem 3: a rank-2 system, three planes that share a line.
    return linear_system("2x + 4y - z = 5; 7x - 2y + 3z = 6; 9x + 2y + 2z = 11")


def _ch03_projection() -> Any:
    from mml.plot import projection

    # MML book Example 3.11: x = (6, 0, 0) onto span{(1, 1, 1), (0, 1, 2)} is (5, 2, -1).
    return projection([6, 0, 0], [[1, 0], [1, 1], [1, 2]])


def _ch04_svd() -> Any:
    from mml.plot import svd_steps

    return svd_steps([[3, 0], [4, 5]])


def _ch05_computation_graph() -> Any:
    import mml.autodiff.numpy as anp
    from mml.plot import computation_graph

    def f(x: Any) -> Any:  # MML book §5.6: sqrt(x² + exp(x²)) + cos(x² + exp(x²))
        a = x**2
        c = a + anp.exp(a)
        return anp.sqrt(c) + anp.cos(c)

    return computation_graph(f, x=0.5)


def _ch06_conditioning() -> Any:
    from mml.plot import conditioning

    return conditioning([0.0, 1.0], [[1.0, 0.8], [0.8, 1.0]], x1=1.0)


def _ch07_optimisers() -> Any:
    from mml.plot import optimiser_paths

    def valley(p: Any) -> Any:  # a bent valley (Rosenbrock with b = 5)
        return (1 - p[0]) ** 2 + 5 * (p[1] - p[0] ** 2) ** 2

    return optimiser_paths(valley, [-1.5, 2.5], lr=0.02, steps=150)


def _ch08_validation_curve() -> Any:
    from mml.datasets import polynomial_regression_sample
    from mml.model_selection import validation_curve as compute
    from mml.models import Ridge
    from mml.plot import validation_curve

    x, y, _, _ = polynomial_regression_sample(40, 0)
    X = np.column_stack([(x / 5) ** d for d in range(1, 10)])  # degree-9 features
    alphas = np.logspace(-6, 2, 9)
    train, test = compute(Ridge(), X, y, param_name="alpha", param_range=alphas, cv=5, scoring="r2")
    return validation_curve(alphas, train, test, param_name="Ridge alpha (degree-9 features)")


def _ch09_bayesian_regression() -> Any:
    from mml.datasets import polynomial_regression_sample
    from mml.models import BayesianLinearRegression
    from mml.plot import regression_fit

    x, y, _, _ = polynomial_regression_sample(10, 0)

    def features(t: np.ndarray) -> np.ndarray:
        return np.column_stack([(t / 5) ** d for d in range(1, 6)])

    model = BayesianLinearRegression(prior_variance=4.0, noise_variance=0.04).fit(features(x), y)
    return regression_fit(model, x, y, features=features, x_range=(-5, 5))


def _ch10_pca() -> Any:
    from mml.models import PCA
    from mml.plot import pca_projection

    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 2)) @ np.array([[2.0, 1.2], [0.0, 0.6]]) + [1.0, 2.0]
    return pca_projection(PCA().fit(X), X)


def _ch11_gmm() -> Any:
    from mml.datasets import load_old_faithful
    from mml.models import GaussianMixture
    from mml.plot import gmm_iterations

    X = np.asarray(load_old_faithful().data, dtype=float)
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    gmm = GaussianMixture(
        2, init_params="random", record_covariances=True, random_state=3, max_iter=200, tol=1e-6
    ).fit(X)
    return gmm_iterations(gmm, X)


def _ch12_svm() -> Any:
    from mml.datasets import make_moons
    from mml.models import SVC
    from mml.plot import svm_margin

    X, y = make_moons(120, noise=0.15, random_state=0)
    return svm_margin(SVC(kernel="rbf", C=3.0, gamma=1.0).fit(X, y), X, y, resolution=150)


class Picture(NamedTuple):
    """A gallery entry: how to draw it and what to look at."""

    draw: Callable[[], Any]
    look_at: str


GALLERY: dict[str, Picture] = {
    "ch02_linear_systems.png": Picture(
        _ch02_linear_systems, "three planes of the lecture's problem 3 meet in a line"
    ),
    "ch03_projection.png": Picture(
        _ch03_projection, "x − π_U(x) is orthogonal to the plane U (book Example 3.11)"
    ),
    "ch04_svd.png": Picture(_ch04_svd, "A = UΣVᵀ: rotate, stretch the axes by σ₁ and σ₂, rotate"),
    "ch05_computation_graph.png": Picture(
        _ch05_computation_graph, "forward values and backward adjoints on each node of the graph"
    ),
    "ch06_conditioning.png": Picture(
        _ch06_conditioning, "p(x₂ | x₁ = 1) is a slice of the joint Gaussian: narrower, shifted"
    ),
    "ch07_optimisers.png": Picture(
        _ch07_optimisers, "gradient descent, momentum and Adam take different roads down a valley"
    ),
    "ch08_validation_curve.png": Picture(
        _ch08_validation_curve, "too little regularisation overfits, too much underfits"
    ),
    "ch09_bayesian_regression.png": Picture(
        _ch09_bayesian_regression, "the predictive band widens away from the data"
    ),
    "ch10_pca.png": Picture(_ch10_pca, "projections onto the first principal axis"),
    "ch11_gmm.png": Picture(_ch11_gmm, "EM moves two Gaussians onto the two Old Faithful clusters"),
    "ch12_svm.png": Picture(_ch12_svm, "the margins f(x) = ±1 pass through the support vectors"),
}


def _save(fig: Any, path: Path, dpi: int) -> None:
    from PIL import Image

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    buffer.seek(0)
    image = Image.open(buffer).convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT)
    image.save(path, optimize=True)


def write_gallery(
    folder: str | Path, names: Sequence[str] | None = None, dpi: int = 80
) -> list[Path]:
    """Draw the gallery's pictures into ``folder`` as small PNGs; return the paths written.

    PNGs are reduced to a 128-colour palette, so the eleven pictures take about 250 KB.

    Parameters
    ----------
    folder : str or Path
        Created if needed.
    names : sequence of str, optional
        Keys of :data:`GALLERY`; default all of them.
    dpi : int

    Returns
    -------
    list of Path

    Raises
    ------
    DomainError
        For a name that is not in the gallery.

    Examples
    --------
    >>> import tempfile
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [p.name for p in write_gallery(folder, ["ch10_pca.png"], dpi=40)]
    ['ch10_pca.png']
    """
    chosen = list(GALLERY) if names is None else list(names)
    unknown = [n for n in chosen if n not in GALLERY]
    if unknown:
        raise DomainError(f"not in the gallery: {unknown}; choose from {list(GALLERY)}")
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name in chosen:
        path = target / name
        _save(GALLERY[name].draw(), path, dpi)
        written.append(path)
    return written
