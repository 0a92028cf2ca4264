"""Probability and distributions (MML book, chapter 6): the Code face.

- Distributions with SciPy's method names (``pdf``/``pmf``, ``logpdf``, ``cdf``, ``sf``,
  ``ppf``, ``mean``, ``var``, ``entropy``, ``sample(size, random_state)``):
  Bernoulli, Binomial, Categorical, Multinomial, Poisson, Geometric (discrete);
  Uniform, Normal, MultivariateNormal, Exponential, Gamma, Beta, Dirichlet, StudentT,
  Laplace (continuous); ``kl_divergence(p, q)`` in closed form; ``exponential_family(d)``
  for natural parameters, sufficient statistics and log-partition function;
  ``fit_mle(Family, data)`` for maximum-likelihood estimates (§8.3);
  ``change_of_variables`` and ``inverse_transform_sample`` (§6.7).
- Special functions written from scratch and vectorised, with the names of
  ``scipy.special``: ``gammaln``, ``digamma``, ``erf``, ``erfc``, ``erfinv``, ``ndtr``,
  ``ndtri``, ``gammainc``, ``gammaincc``, ``betainc``, ...
- Summary statistics with NumPy's signatures (``mean``, ``var``, ``std``, ``cov``,
  ``corrcoef``), streaming ``RunningMoments``, and Monte-Carlo helpers for the law of large
  numbers and the central limit theorem.

Examples
--------
>>> from mml.probability import Normal, erf, gammaln
>>> round(float(erf(0.5)), 6), round(float(gammaln(10.0)), 6)
(0.5205, 12.801827)
>>> round(float(Normal(0.0, 1.0).ppf(0.975)), 4)
1.96
"""

from __future__ import annotations

from mml.probability.bayes import BayesResult, bayes, diagnostic_test
from mml.probability.categorical import Categorical, Multinomial
from mml.probability.conjugate_updates import (
    beta_binomial_update,
    dirichlet_categorical_update,
    gamma_poisson_update,
    normal_normal_update,
)
from mml.probability.continuous import Exponential, Laplace, Normal, Uniform
from mml.probability.discrete import Bernoulli, Binomial, Geometric, Poisson
from mml.probability.exponential_family import ExponentialFamilyForm, exponential_family
from mml.probability.gamma_beta import Beta, Gamma, StudentT
from mml.probability.gaussian_algebra import (
    gaussian_affine,
    gaussian_conditional,
    gaussian_marginal,
    gaussian_product,
    gaussian_sum,
)
from mml.probability.incomplete_beta import betainc
from mml.probability.incomplete_gamma import gammainc, gammaincc, log1pmx
from mml.probability.joint_table import JointTable
from mml.probability.kl import kl_divergence
from mml.probability.maximum_likelihood import fit_mle
from mml.probability.monte_carlo import (
    MonteCarloEstimate,
    SampleMeanPath,
    kl_divergence_monte_carlo,
    monte_carlo_expectation,
    sample_mean_convergence,
    standardised_sample_means,
)
from mml.probability.multivariate import Dirichlet, GaussianProduct, MultivariateNormal
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
from mml.probability.statistics import RunningMoments, corrcoef, cov, mean, std, var
from mml.probability.transforms import change_of_variables, inverse_transform_sample
from mml.probability.worked_statistics import affine_moments, summary_statistics

__all__ = [
    # Paper: exact, with steps
    "bayes",
    "diagnostic_test",
    "BayesResult",
    "JointTable",
    "gaussian_marginal",
    "gaussian_conditional",
    "gaussian_affine",
    "gaussian_sum",
    "gaussian_product",
    "beta_binomial_update",
    "gamma_poisson_update",
    "normal_normal_update",
    "dirichlet_categorical_update",
    "summary_statistics",
    "affine_moments",
    # Code
    "Categorical",
    "Dirichlet",
    "ExponentialFamilyForm",
    "GaussianProduct",
    "MonteCarloEstimate",
    "Multinomial",
    "MultivariateNormal",
    "RunningMoments",
    "SampleMeanPath",
    "change_of_variables",
    "corrcoef",
    "cov",
    "exponential_family",
    "fit_mle",
    "inverse_transform_sample",
    "kl_divergence",
    "kl_divergence_monte_carlo",
    "mean",
    "monte_carlo_expectation",
    "sample_mean_convergence",
    "standardised_sample_means",
    "std",
    "var",
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
