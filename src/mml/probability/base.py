"""The shared interface of every distribution: SciPy's method names on an object.

A distribution is built from its parameters (scalars, or arrays that broadcast like
``scipy.stats`` parameters) and then answers ``pdf``/``pmf``, ``logpdf``/``logpmf``,
``cdf``, ``sf``, ``ppf``, ``mean``, ``var``, ``std``, ``entropy`` and
``sample(size, random_state)``. Subclasses write the mathematics (log-density, cdf, moments);
this module adds what follows from it: ``pdf = exp(logpdf)``, ``std = sqrt(var)``, a
checked ``ppf`` and the random-state handling.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mml.errors import ShapeError
from mml.probability.validation import as_parameter, as_values, check_random_state

__all__ = ["Distribution", "ContinuousDistribution", "DiscreteDistribution", "scalar_or_array"]

Size = int | tuple[int, ...] | None


def scalar_or_array(values: Any) -> Any:
    """Return a NumPy scalar for 0-d results (as ufuncs do), else the array.

    Examples
    --------
    >>> type(scalar_or_array(np.array(3.0))).__name__, scalar_or_array(np.ones(2)).shape
    ('float64', (2,))
    """
    values = np.asarray(values)
    return values[()] if values.ndim == 0 else values


class Distribution:
    """Base class: parameters, moments, entropy and sampling.

    Examples
    --------
    >>> from mml.probability import Normal
    >>> float(Normal(0.0, 2.0).std()), Normal(0.0, 2.0).sample(3, random_state=0).shape
    (2.0, (3,))
    """

    _parameter_names: tuple[str, ...] = ()

    def parameters(self) -> dict[str, Any]:
        """The parameters by name, as the constructor took them."""
        return {name: scalar_or_array(getattr(self, name)) for name in self._parameter_names}

    def __repr__(self) -> str:
        inside = ", ".join(
            f"{key}={np.asarray(value).tolist()!r}" for key, value in self.parameters().items()
        )
        return f"{type(self).__name__}({inside})"

    def mean(self) -> Any:
        """The expected value E[X]."""
        raise NotImplementedError

    def var(self) -> Any:
        """The variance Var[X] = E[(X - E[X])^2]."""
        raise NotImplementedError

    def std(self) -> Any:
        """The standard deviation, sqrt(Var[X])."""
        return scalar_or_array(np.sqrt(self.var()))

    def entropy(self) -> Any:
        """The (differential) entropy -E[log p(X)] in nats."""
        raise NotImplementedError

    def sample(self, size: Size = None, random_state: Any = None) -> Any:
        """Draw independent samples.

        Parameters
        ----------
        size : int or tuple of int, optional
            Output shape (for array parameters it must broadcast with their shape); by
            default one draw per parameter.
        random_state : None, int or numpy.random.Generator
            Seed or generator; the same seed gives the same samples.
        """
        shape = self._sample_shape(size)
        if any(int(n) < 0 for n in shape):
            raise ShapeError(f"size must not be negative; got {size!r}")
        batch = self._batch_shape()
        try:
            np.broadcast_shapes(shape, batch)
        except ValueError as error:
            raise ShapeError(
                f"size {shape} does not broadcast with the parameter shape {batch}"
            ) from error
        return scalar_or_array(self._sample(shape, check_random_state(random_state)))

    def _sample(self, shape: tuple[int, ...], rng: np.random.Generator) -> NDArray[Any]:
        raise NotImplementedError

    def _batch_shape(self) -> tuple[int, ...]:
        return np.broadcast_shapes(*(np.shape(getattr(self, n)) for n in self._parameter_names))

    def _sample_shape(self, size: Size) -> tuple[int, ...]:
        if size is None:
            return self._batch_shape()
        return (size,) if isinstance(size, (int, np.integer)) else tuple(size)


class ContinuousDistribution(Distribution):
    """A distribution with a density: ``logpdf``, ``cdf`` and (optionally) ``sf`` and ``ppf``.

    Examples
    --------
    >>> from mml.probability import Exponential
    >>> e = Exponential(1.0)
    >>> round(float(e.sf(1.0)), 12) == round(float(np.exp(-1.0)), 12), float(e.ppf(0.0))
    (True, 0.0)
    """

    def logpdf(self, x: ArrayLike) -> Any:
        """The log-density log p(x); -inf outside the support."""
        with np.errstate(divide="ignore", over="ignore", under="ignore"):
            return scalar_or_array(self._logpdf(as_values(x)))

    def pdf(self, x: ArrayLike) -> Any:
        """The density p(x) = exp(logpdf(x)); 0 outside the support."""
        return scalar_or_array(np.exp(self.logpdf(x)))

    def cdf(self, x: ArrayLike) -> Any:
        """The cumulative distribution function F(x) = P(X <= x)."""
        with np.errstate(over="ignore", under="ignore"):  # (x - loc)/scale may overflow to inf
            return scalar_or_array(self._cdf(as_values(x)))

    def sf(self, x: ArrayLike) -> Any:
        """The survival function 1 - F(x), computed without cancellation in the right tail."""
        with np.errstate(over="ignore", under="ignore"):
            return scalar_or_array(self._sf(as_values(x)))

    def ppf(self, q: ArrayLike) -> Any:
        """The quantile function F^{-1}(q), the inverse of ``cdf``.

        Raises
        ------
        DomainError
            If some q is outside [0, 1].
        """
        q = as_parameter(q, "q", probability=True)
        with np.errstate(over="ignore", under="ignore"):
            return scalar_or_array(self._ppf(q))

    def _logpdf(self, x: NDArray[np.float64]) -> NDArray[np.float64]:
        raise NotImplementedError

    def _cdf(self, x: NDArray[np.float64]) -> NDArray[np.float64]:
        raise NotImplementedError

    def _sf(self, x: NDArray[np.float64]) -> NDArray[np.float64]:
        return 1.0 - self._cdf(x)

    def _ppf(self, q: NDArray[np.float64]) -> NDArray[np.float64]:
        raise NotImplementedError


class DiscreteDistribution(Distribution):
    """A distribution on the integers: ``logpmf``, ``cdf``, ``sf`` and ``ppf``.

    Examples
    --------
    >>> from mml.probability import Poisson
    >>> float(Poisson(2.0).pmf(2.5)), int(Poisson(2.0).ppf(0.5))
    (0.0, 2)
    """

    def logpmf(self, k: ArrayLike) -> Any:
        """log P(X = k); -inf off the support (including non-integers)."""
        k = as_values(k, "k")
        with np.errstate(divide="ignore", invalid="ignore", over="ignore", under="ignore"):
            values = self._logpmf(k)
        values = np.where(k == np.floor(k), values, -np.inf)
        return scalar_or_array(np.where(np.isnan(k), np.nan, values))

    def pmf(self, k: ArrayLike) -> Any:
        """The probability mass P(X = k) = exp(logpmf(k))."""
        return scalar_or_array(np.exp(self.logpmf(k)))

    def cdf(self, k: ArrayLike) -> Any:
        """F(k) = P(X <= k), a step function (non-integer k are rounded down)."""
        return scalar_or_array(self._cdf(np.floor(as_values(k, "k"))))

    def sf(self, k: ArrayLike) -> Any:
        """P(X > k) = 1 - F(k), without cancellation in the right tail."""
        return scalar_or_array(self._sf(np.floor(as_values(k, "k"))))

    def ppf(self, q: ArrayLike) -> Any:
        """The smallest k with F(k) >= q (the generalised inverse of the cdf).

        Raises
        ------
        DomainError
            If some q is outside [0, 1].
        """
        q = as_parameter(q, "q", probability=True)
        with np.errstate(over="ignore", under="ignore"):
            return scalar_or_array(self._ppf(q))

    def _logpmf(self, k: NDArray[np.float64]) -> NDArray[np.float64]:
        raise NotImplementedError

    def _cdf(self, k: NDArray[np.float64]) -> NDArray[np.float64]:
        raise NotImplementedError

    def _sf(self, k: NDArray[np.float64]) -> NDArray[np.float64]:
        return 1.0 - self._cdf(k)

    def _ppf(self, q: NDArray[np.float64]) -> NDArray[np.float64]:
        raise NotImplementedError
