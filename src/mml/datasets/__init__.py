"""Small embedded data sets and synthetic data generators.

Loaders (files shipped in ``datasets/data/``, sources in ``datasets/README.md``):
:func:`load_iris`, :func:`load_digits`, :func:`load_old_faithful`,
:func:`load_polynomial_regression`. Generators with scikit-learn's signatures:
:func:`make_blobs`, :func:`make_moons`, :func:`make_regression`,
:func:`make_classification`.

Examples
--------
>>> from mml.datasets import load_old_faithful, make_blobs
>>> load_old_faithful().data.shape
(272, 2)
>>> make_blobs(n_samples=10, random_state=0)[0].shape
(10, 2)
"""

from __future__ import annotations

from mml.datasets.generators import make_blobs, make_classification, make_moons, make_regression
from mml.datasets.loaders import (
    Bunch,
    load_digits,
    load_iris,
    load_old_faithful,
    load_polynomial_regression,
    polynomial_regression_sample,
)

__all__ = [
    "Bunch",
    "load_digits",
    "load_iris",
    "load_old_faithful",
    "load_polynomial_regression",
    "make_blobs",
    "make_classification",
    "make_moons",
    "make_regression",
    "polynomial_regression_sample",
]
