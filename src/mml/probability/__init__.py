"""Probability and distributions (MML book, chapter 6): the Code face.

- :mod:`~mml.probability.special` and :mod:`~mml.probability.incomplete`: special functions
  written from scratch (``gammaln``, ``digamma``, ``erf``, ``erfinv``, ``gammainc``,
  ``betainc``, ...), vectorised, with the names of ``scipy.special``.

Examples
--------
>>> from mml.probability import erf, gammaln
>>> round(float(erf(0.5)), 6), round(float(gammaln(10.0)), 6)
(0.5205, 12.801827)
"""

from __future__ import annotations

from mml.probability.continuous import Exponential, Laplace, Normal, Uniform
from mml.probability.discrete import Bernoulli, Binomial, Geometric, Poisson
from mml.probability.gamma_beta import Beta, Gamma, StudentT
from mml.probability.incomplete import betainc, gammainc, gammaincc, log1pmx
from mml.probability.special import (
    betaln,
    digamma,
    erf,
    erfc,
    erfcinv,
    erfcx,
    erfinv,
    gammaln,
    log_ndtr,
    ndtr,
    ndtri,
)

__all__ = [
    "Bernoulli",
    "Beta",
    "Binomial",
    "Exponential",
    "Gamma",
    "Geometric",
    "Laplace",
    "Normal",
    "Poisson",
    "StudentT",
    "Uniform",
    "betainc",
    "betaln",
    "digamma",
    "erf",
    "erfc",
    "erfcinv",
    "erfcx",
    "erfinv",
    "gammainc",
    "gammaincc",
    "gammaln",
    "log1pmx",
    "log_ndtr",
    "ndtr",
    "ndtri",
]
