r"""Distributions of random vectors: the multivariate Gaussian and the Dirichlet.

``MultivariateNormal`` (MML book §6.5) factors its covariance once, :math:`\Sigma = LL^\top`
with :func:`mml.linalg.cholesky`, and keeps the whitening matrix :math:`L^{-1}`
(:func:`mml.linalg.solve_triangular`), so that

.. math:: \log p(x) = -\tfrac12\|L^{-1}(x-\mu)\|^2 - \tfrac d2\log 2\pi - \sum_i \log L_{ii}

costs one matrix product for a whole batch of points; sampling is :math:`\mu + Lz`.
Marginals, conditionals and affine maps are the block formulas of §6.5.

``Dirichlet`` is the distribution of a probability vector (conjugate prior of the
Categorical, §6.6), ``scipy.stats.dirichlet``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mml.errors import DomainError, NotPositiveDefiniteError, ShapeError
from mml.linalg import cholesky, solve_triangular
from mml.probability.base import Distribution, scalar_or_array
from mml.probability.gamma_function import digamma, gammaln
from mml.probability.series import LOG_SQRT_2PI
from mml.probability.validation import as_parameter, as_values, check_random_state

__all__ = ["MultivariateNormal", "Dirichlet", "GaussianProduct"]

Array = NDArray[np.float64]


def _factor_covariance(cov: Array) -> Array:
    """Cholesky factor of cov, or NotPositiveDefiniteError naming the argument."""
    scale = max(1.0, float(np.max(np.abs(cov))))
    if not np.allclose(cov, cov.T, rtol=0.0, atol=1e-10 * scale):
        raise NotPositiveDefiniteError("cov must be symmetric (a covariance matrix)")
    try:
        return cholesky(cov)
    except NotPositiveDefiniteError as error:
        raise NotPositiveDefiniteError(f"cov is not positive definite: {error}") from error


class GaussianProduct(NamedTuple):
    """The product c N(x | m, C) of two Gaussian densities: the Gaussian and log c."""

    distribution: MultivariateNormal
    log_scale: float


class MultivariateNormal(Distribution):
    r"""The Gaussian :math:`\mathcal N(\mu, \Sigma)` in d dimensions.

    ``scipy.stats.multivariate_normal(mean, cov)`` for a positive definite covariance.

    Parameters
    ----------
    mean : array_like, shape (d,)
        The mean vector μ.
    cov : array_like, shape (d, d)
        The covariance matrix Σ, symmetric positive definite.

    Raises
    ------
    ShapeError
        If the shapes of mean and cov do not fit.
    DomainError
        If an entry is NaN or infinite.
    NotPositiveDefiniteError
        If cov is not symmetric positive definite.

    Examples
    --------
    >>> g = MultivariateNormal([0.0, 0.0], [[1.0, 0.0], [0.0, 4.0]])
    >>> bool(np.isclose(g.logpdf([0.0, 0.0]), -np.log(2 * np.pi * 2.0)))
    True
    >>> g.condition([1], [2.0]).mean().tolist()
    [0.0]
    """

    _parameter_names = ("mean_vector", "cov_matrix")

    def __init__(self, mean: ArrayLike, cov: ArrayLike) -> None:
        mean_vector = as_parameter(mean, "mean")
        cov_matrix = as_parameter(cov, "cov")
        if mean_vector.ndim != 1:
            raise ShapeError(f"mean must be a vector of shape (d,); got shape {mean_vector.shape}")
        d = mean_vector.shape[0]
        if cov_matrix.shape != (d, d):
            raise ShapeError(
                f"cov must have shape ({d}, {d}) to match mean of shape ({d},); got {cov_matrix.shape}"
            )
        self.mean_vector = mean_vector
        self.cov_matrix = cov_matrix
        self.cholesky_factor = _factor_covariance(cov_matrix)
        # rows of (x - mu) @ whitening.T are L^{-1}(x - mu): one GEMM per batch
        self.whitening = solve_triangular(self.cholesky_factor, np.eye(d), lower=True)
        self.log_det_cov = 2.0 * float(np.sum(np.log(np.diag(self.cholesky_factor))))

    def parameters(self) -> dict[str, Any]:
        return {"mean": self.mean_vector, "cov": self.cov_matrix}

    @property
    def dim(self) -> int:
        """The dimension d."""
        return self.mean_vector.shape[0]

    def _batch_shape(self) -> tuple[int, ...]:
        return ()

    def _points(self, x: ArrayLike) -> Array:
        x = as_values(x)
        if x.shape[-1:] != (self.dim,):
            raise ShapeError(f"x must have shape (..., {self.dim}); got {x.shape}")
        return x

    def mahalanobis(self, x: ArrayLike) -> Any:
        r"""Squared Mahalanobis distance :math:`(x-\mu)^\top\Sigma^{-1}(x-\mu)`, shape (...)."""
        x = self._points(x)
        z = (x - self.mean_vector) @ self.whitening.T
        return scalar_or_array(np.einsum("...i,...i->...", z, z))

    def logpdf(self, x: ArrayLike) -> Any:
        """Log-density at points x of shape (..., d); returns shape (...)."""
        constant = self.dim * LOG_SQRT_2PI + 0.5 * self.log_det_cov
        return scalar_or_array(-0.5 * np.asarray(self.mahalanobis(x)) - constant)

    def pdf(self, x: ArrayLike) -> Any:
        """Density at points x of shape (..., d)."""
        return scalar_or_array(np.exp(self.logpdf(x)))

    def mean(self) -> Array:
        return self.mean_vector.copy()

    def cov(self) -> Array:
        """The covariance matrix Σ."""
        return self.cov_matrix.copy()

    def var(self) -> Array:
        """The variances of the components, diag(Σ)."""
        return np.diag(self.cov_matrix).copy()

    def entropy(self) -> Any:
        """(d/2)(1 + log 2 pi) + (1/2) log det Σ."""
        return scalar_or_array(self.dim * (0.5 + LOG_SQRT_2PI) + 0.5 * self.log_det_cov)

    def sample(self, size: int | tuple[int, ...] | None = None, random_state: Any = None) -> Array:
        """Draw x = μ + L z with z standard normal; returns shape (*size, d)."""
        rng = check_random_state(random_state)
        shape = (
            ()
            if size is None
            else ((size,) if isinstance(size, (int, np.integer)) else tuple(size))
        )
        z = rng.standard_normal((*shape, self.dim))
        return self.mean_vector + z @ self.cholesky_factor.T

    def marginal(self, indices: Sequence[int]) -> MultivariateNormal:
        """The Gaussian of the components ``indices``: pick the blocks of μ and Σ (§6.5.1)."""
        index = np.asarray(indices, dtype=np.int64)
        return MultivariateNormal(self.mean_vector[index], self.cov_matrix[np.ix_(index, index)])

    def condition(self, indices: Sequence[int], values: ArrayLike) -> MultivariateNormal:
        r"""The Gaussian of the other components given x[indices] = values (§6.5.1).

        .. math:: \mu_{1|2} = \mu_1 + \Sigma_{12}\Sigma_{22}^{-1}(x_2 - \mu_2), \quad
                  \Sigma_{1|2} = \Sigma_{11} - \Sigma_{12}\Sigma_{22}^{-1}\Sigma_{21}.
        """
        observed = np.asarray(indices, dtype=np.int64)
        values = as_parameter(values, "values").reshape(-1)
        if values.shape != observed.shape:
            raise ShapeError(f"values must have shape {observed.shape}; got {values.shape}")
        free = np.setdiff1d(np.arange(self.dim), observed)
        s22 = self.cov_matrix[np.ix_(observed, observed)]
        s12 = self.cov_matrix[np.ix_(free, observed)]
        # Sigma_12 Sigma_22^{-1} through the Cholesky factor of Sigma_22
        factor = _factor_covariance(s22)
        half = solve_triangular(factor, s12.T, lower=True)  # L22^{-1} Sigma_21
        shift = solve_triangular(factor, values - self.mean_vector[observed], lower=True)
        mean = self.mean_vector[free] + half.T @ shift
        cov = self.cov_matrix[np.ix_(free, free)] - half.T @ half
        return MultivariateNormal(mean, 0.5 * (cov + cov.T))

    def product(self, other: MultivariateNormal) -> GaussianProduct:
        r"""The product of two Gaussian densities, an unnormalised Gaussian (§6.5.2).

        .. math:: \mathcal N(x \mid a, A)\,\mathcal N(x \mid b, B)
                  = c\,\mathcal N(x \mid m, C), \quad C = (A^{-1} + B^{-1})^{-1},
                  \quad m = C(A^{-1}a + B^{-1}b), \quad c = \mathcal N(a \mid b, A + B).

        Returns
        -------
        GaussianProduct
            ``distribution`` = N(m, C) and ``log_scale`` = log c.

        Examples
        --------
        >>> left = MultivariateNormal([0.0], [[1.0]])
        >>> result = left.product(MultivariateNormal([2.0], [[1.0]]))
        >>> result.distribution.mean().round(12).tolist(), result.distribution.cov().round(12).tolist()
        ([1.0], [[0.5]])
        """
        if other.dim != self.dim:
            raise ShapeError(f"dimensions differ: {self.dim} and {other.dim}")
        precision_a = self.whitening.T @ self.whitening
        precision_b = other.whitening.T @ other.whitening
        precision = precision_a + precision_b
        # C = P^{-1} = L^{-T} L^{-1} through the Cholesky factor of the summed precision
        inverse_factor = solve_triangular(
            _factor_covariance(0.5 * (precision + precision.T)), np.eye(self.dim), lower=True
        )
        cov = inverse_factor.T @ inverse_factor
        mean = cov @ (precision_a @ self.mean_vector + precision_b @ other.mean_vector)
        log_scale = MultivariateNormal(
            other.mean_vector, self.cov_matrix + other.cov_matrix
        ).logpdf(self.mean_vector)
        return GaussianProduct(MultivariateNormal(mean, 0.5 * (cov + cov.T)), float(log_scale))

    def linear_transform(self, A: ArrayLike, b: ArrayLike | None = None) -> MultivariateNormal:
        r"""The Gaussian of :math:`y = Ax + b`: :math:`\mathcal N(A\mu + b, A\Sigma A^\top)` (§6.5.3)."""
        A = as_parameter(A, "A")
        if A.ndim != 2 or A.shape[1] != self.dim:
            raise ShapeError(f"A must have shape (m, {self.dim}); got {A.shape}")
        shift = np.zeros(A.shape[0]) if b is None else as_parameter(b, "b")
        if shift.shape != (A.shape[0],):
            raise ShapeError(f"b must have shape ({A.shape[0]},); got {shift.shape}")
        cov = A @ self.cov_matrix @ A.T
        return MultivariateNormal(A @ self.mean_vector + shift, 0.5 * (cov + cov.T))


class Dirichlet(Distribution):
    r"""The Dirichlet distribution of a probability vector (``scipy.stats.dirichlet(alpha)``).

    .. math:: p(x) = \frac{\Gamma(\alpha_0)}{\prod_i\Gamma(\alpha_i)}\prod_i x_i^{\alpha_i-1},
              \quad \alpha_0 = \sum_i \alpha_i, \; x \in \text{simplex}.

    Parameters
    ----------
    alpha : array_like, shape (k,)
        Positive concentration parameters, k >= 2.

    Raises
    ------
    DomainError
        If an entry of alpha is not positive.
    ShapeError
        If alpha is not a vector of length >= 2.

    Examples
    --------
    >>> d = Dirichlet([1.0, 1.0, 1.0])
    >>> round(float(d.pdf([0.2, 0.3, 0.5])), 12), d.mean().round(4).tolist()
    (2.0, [0.3333, 0.3333, 0.3333])
    """

    _parameter_names = ("alpha",)

    def __init__(self, alpha: ArrayLike) -> None:
        self.alpha = as_parameter(alpha, "alpha", positive=True)
        if self.alpha.ndim != 1 or self.alpha.shape[0] < 2:
            raise ShapeError(f"alpha must be a vector of length >= 2; got shape {self.alpha.shape}")

    def _batch_shape(self) -> tuple[int, ...]:
        return ()

    @property
    def total(self) -> float:
        """α0, the sum of the concentrations."""
        return float(np.sum(self.alpha))

    def log_normaliser(self) -> float:
        """log B(α) = sum log Γ(α_i) - log Γ(α0)."""
        return float(np.sum(gammaln(self.alpha)) - gammaln(self.total))

    def logpdf(self, x: ArrayLike) -> Any:
        """Log-density at points x of shape (..., k) on the simplex.

        Raises
        ------
        DomainError
            If a point has a negative entry or does not sum to 1 (within 1e-10).
        """
        x = as_values(x)
        k = self.alpha.shape[0]
        if x.shape[-1:] != (k,):
            raise ShapeError(f"x must have shape (..., {k}); got {x.shape}")
        if np.any(x < 0) or np.any(np.abs(np.sum(x, axis=-1) - 1.0) > 1e-10):
            raise DomainError("x must lie on the probability simplex (entries >= 0, summing to 1)")
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = np.where(self.alpha == 1.0, 0.0, (self.alpha - 1.0) * np.log(x))
        return scalar_or_array(np.sum(terms, axis=-1) - self.log_normaliser())

    def pdf(self, x: ArrayLike) -> Any:
        """Density at points x of shape (..., k) on the simplex."""
        return scalar_or_array(np.exp(self.logpdf(x)))

    def mean(self) -> Array:
        return self.alpha / self.total

    def var(self) -> Array:
        a0 = self.total
        return self.alpha * (a0 - self.alpha) / (a0**2 * (a0 + 1.0))

    def cov(self) -> Array:
        """Cov[x_i, x_j] = (δ_ij α_i α0 - α_i α_j) / (α0² (α0 + 1))."""
        a0 = self.total
        return (np.diag(self.alpha) * a0 - np.outer(self.alpha, self.alpha)) / (a0**2 * (a0 + 1.0))

    def entropy(self) -> Any:
        a, a0, k = self.alpha, self.total, self.alpha.shape[0]
        value = self.log_normaliser() + (a0 - k) * digamma(a0) - np.sum((a - 1.0) * digamma(a))
        return scalar_or_array(value)

    def _sample(self, shape: tuple[int, ...], rng: np.random.Generator) -> Array:
        # normalised independent Gamma(alpha_i) draws
        g = rng.standard_gamma(self.alpha, size=(*shape, self.alpha.shape[0]))
        return g / np.sum(g, axis=-1, keepdims=True)
