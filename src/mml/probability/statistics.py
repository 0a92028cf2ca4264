r"""Summary statistics with NumPy's signatures, and streaming moments that merge (MML book §6.4).

``mean``, ``var``, ``cov`` and ``corrcoef`` follow ``numpy.average``/``numpy.var``/
``numpy.cov``/``numpy.corrcoef`` (``ddof``, ``bias``, ``rowvar``, frequency and reliability
weights). They are computed in two passes, mean first and then centred sums, which avoids
the cancellation of :math:`E[X^2] - E[X]^2`.

:class:`RunningMoments` keeps count, mean and the sum of squared deviations of a stream
(Welford's update), and two partial results merge exactly (Chan, Golub and LeVeque), so
chunks can be summarised separately, even on different machines, and combined.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mml.errors import DomainError, ShapeError
from mml.probability.base import scalar_or_array

__all__ = ["mean", "var", "std", "cov", "corrcoef", "RunningMoments"]

Array = NDArray[np.float64]
Axis = int | tuple[int, ...] | None


def _as_data(a: ArrayLike, name: str = "a") -> Array:
    try:
        data = np.asarray(a, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise DomainError(f"{name} must be an array of real numbers") from error
    return data


def _weights_for(data: Array, weights: ArrayLike | None, axis: Axis) -> Array:
    """Weights broadcast against data (1-d weights run along a single axis, as numpy.average)."""
    if weights is None:
        return np.ones_like(data)
    w = _as_data(weights, "weights")
    if np.any(w < 0):
        raise DomainError("weights must be non-negative")
    if w.shape == data.shape:
        return w
    if w.ndim == 1 and isinstance(axis, int) and w.shape[0] == data.shape[axis]:
        shape = [1] * data.ndim
        shape[axis] = w.shape[0]
        return np.broadcast_to(w.reshape(shape), data.shape)
    raise ShapeError(
        f"weights of shape {w.shape} do not fit data of shape {data.shape} on axis {axis}"
    )


def _reduced(result: Array, axis: Axis, keepdims: bool) -> Any:
    """Drop the reduced axes (kept with length 1 during the computation) unless keepdims."""
    if keepdims:
        return result
    return scalar_or_array(result.reshape(()) if axis is None else np.squeeze(result, axis=axis))


def mean(
    a: ArrayLike, axis: Axis = None, *, weights: ArrayLike | None = None, keepdims: bool = False
) -> Any:
    r"""The (weighted) mean :math:`\bar x = \sum_i w_i x_i / \sum_i w_i` (``numpy.average``).

    Parameters
    ----------
    a : array_like
        Data.
    axis : int or tuple of int, optional
        Axis or axes to average over; all by default.
    weights : array_like, optional
        Non-negative weights, the shape of ``a`` or 1-d along ``axis``.
    keepdims : bool
        Keep the reduced axes with length 1.

    Returns
    -------
    float or ndarray

    Raises
    ------
    DomainError
        If the weights are negative or sum to zero.
    ShapeError
        If the weights do not fit the data.

    Examples
    --------
    >>> float(mean([1.0, 2.0, 6.0]))
    3.0
    >>> float(mean([1.0, 2.0, 6.0], weights=[1, 1, 2]))
    3.75
    """
    data = _as_data(a)
    w = _weights_for(data, weights, axis)
    total = np.sum(w, axis=axis, keepdims=True)
    if np.any(total == 0):
        raise DomainError("weights sum to zero: the weighted mean is undefined")
    result = np.sum(w * data, axis=axis, keepdims=True) / total
    return _reduced(result, axis, keepdims)


def var(
    a: ArrayLike,
    axis: Axis = None,
    *,
    ddof: float = 0,
    weights: ArrayLike | None = None,
    keepdims: bool = False,
) -> Any:
    r"""The variance, :math:`\frac{1}{N - \text{ddof}}\sum_i (x_i - \bar x)^2` (``numpy.var``).

    ``ddof=0`` is the population (maximum-likelihood) variance the MML book writes with
    :math:`1/N`; ``ddof=1`` the unbiased sample variance. With ``weights`` (reliability
    weights, as ``aweights`` in ``numpy.cov``) the denominator is
    :math:`V_1 - \text{ddof}\,V_2/V_1` with :math:`V_1 = \sum w_i`, :math:`V_2 = \sum w_i^2`.

    Parameters
    ----------
    a : array_like
        Data.
    axis : int or tuple of int, optional
        Axis or axes to reduce; all by default.
    ddof : float
        Delta degrees of freedom.
    weights : array_like, optional
        Non-negative weights, the shape of ``a`` or 1-d along ``axis``.
    keepdims : bool
        Keep the reduced axes with length 1.

    Raises
    ------
    DomainError
        If the denominator is not positive (too few observations for ``ddof``).

    Examples
    --------
    >>> float(var([1.0, 2.0, 3.0, 4.0])), round(float(var([1.0, 2.0, 3.0, 4.0], ddof=1)), 12)
    (1.25, 1.666666666667)
    """
    data = _as_data(a)
    w = _weights_for(data, weights, axis)
    centre = mean(data, axis=axis, weights=w, keepdims=True)
    v1 = np.sum(w, axis=axis, keepdims=True)
    v2 = np.sum(w * w, axis=axis, keepdims=True)
    denominator = v1 - ddof * v2 / v1
    if np.any(denominator <= 0):
        raise DomainError(f"ddof={ddof} leaves no degrees of freedom for this many observations")
    result = np.sum(w * (data - centre) ** 2, axis=axis, keepdims=True) / denominator
    return _reduced(result, axis, keepdims)


def std(
    a: ArrayLike,
    axis: Axis = None,
    *,
    ddof: float = 0,
    weights: ArrayLike | None = None,
    keepdims: bool = False,
) -> Any:
    """The standard deviation, the square root of :func:`var` (``numpy.std``).

    Examples
    --------
    >>> float(std([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]))
    2.0
    """
    return scalar_or_array(
        np.sqrt(var(a, axis=axis, ddof=ddof, weights=weights, keepdims=keepdims))
    )


def cov(
    m: ArrayLike,
    y: ArrayLike | None = None,
    rowvar: bool = True,
    bias: bool = False,
    ddof: int | None = None,
    fweights: ArrayLike | None = None,
    aweights: ArrayLike | None = None,
) -> Any:
    r"""The covariance matrix, with the signature and conventions of ``numpy.cov``.

    .. math:: \operatorname{Cov}[x_i, x_j] = \frac{1}{N - \text{ddof}}
              \sum_n (x_{ni} - \bar x_i)(x_{nj} - \bar x_j),

    by default ``ddof = 1`` (``bias=True`` gives the MML book's :math:`1/N`). With rows as
    variables (``rowvar=True``, NumPy's default); pass ``rowvar=False`` for an (N, D) data table.

    Parameters
    ----------
    m : array_like, 1-d or 2-d
        Variables and observations.
    y : array_like, optional
        More variables, stacked under ``m``.
    rowvar : bool
        Whether rows (True) or columns (False) are the variables.
    bias : bool
        Normalise by N (True) instead of N - 1.
    ddof : int, optional
        Overrides ``bias`` when given.
    fweights : array_like of int, optional
        Frequency weights: how often each observation occurs.
    aweights : array_like, optional
        Reliability weights.

    Returns
    -------
    ndarray, shape (D, D), or a float for a single variable

    Raises
    ------
    ShapeError
        If the data are more than 2-d or the weights have the wrong length.
    DomainError
        If weights are negative or fractional frequency weights are given.

    Examples
    --------
    >>> cov([[0.0, 1.0, 2.0], [2.0, 1.0, 0.0]]).tolist()
    [[1.0, -1.0], [-1.0, 1.0]]
    """
    X = _as_data(m, "m")
    if X.ndim > 2:
        raise ShapeError(f"m must be 1-d or 2-d; got shape {X.shape}")
    X = np.atleast_2d(X)
    if not rowvar and X.shape[0] != 1:
        X = X.T
    if y is not None:
        Y = np.atleast_2d(_as_data(y, "y"))
        if not rowvar and Y.shape[0] != 1:
            Y = Y.T
        X = np.concatenate([X, Y], axis=0)
    n = X.shape[1]
    w = np.ones(n)
    if fweights is not None:
        f = _as_data(fweights, "fweights")
        if f.shape != (n,):
            raise ShapeError(f"fweights must have shape ({n},); got {f.shape}")
        if np.any(f < 0) or np.any(f != np.round(f)):
            raise DomainError("fweights must be non-negative whole numbers")
        w = w * f
    a = None
    if aweights is not None:
        a = _as_data(aweights, "aweights")
        if a.shape != (n,):
            raise ShapeError(f"aweights must have shape ({n},); got {a.shape}")
        if np.any(a < 0):
            raise DomainError("aweights must be non-negative")
        w = w * a
    if ddof is None:
        ddof = 0 if bias else 1
    v1 = np.sum(w)
    # numpy.cov: N - ddof for frequency weights, V1 - ddof V2 / V1 once aweights are present
    factor = v1 - ddof if a is None else v1 - ddof * np.sum(w * a) / v1
    centred = X - (X @ w / v1)[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        C = (centred * w) @ centred.T / factor
    return scalar_or_array(C.squeeze()) if C.shape == (1, 1) else C


def corrcoef(x: ArrayLike, y: ArrayLike | None = None, rowvar: bool = True) -> Any:
    r"""Pearson correlation coefficients (``numpy.corrcoef``): covariance over standard deviations.

    .. math:: \rho_{ij} = \frac{C_{ij}}{\sqrt{C_{ii} C_{jj}}},

    the cosine of the angle between the centred variables (MML book §6.4.4). Entries are
    clipped to [-1, 1] against rounding.

    Examples
    --------
    >>> corrcoef([[1.0, 2.0, 3.0], [2.0, 4.0, 6.5]]).round(4).tolist()
    [[1.0, 0.9979], [0.9979, 1.0]]
    """
    C = np.atleast_2d(cov(x, y, rowvar=rowvar))
    d = np.sqrt(np.diag(C))
    with np.errstate(divide="ignore", invalid="ignore"):
        R = C / d[:, None] / d[None, :]
    R = np.clip(R, -1.0, 1.0)
    return scalar_or_array(R.squeeze()) if R.shape == (1, 1) else R


@dataclass
class RunningMoments:
    r"""Streaming count, mean and variance (Welford), mergeable across chunks.

    Keeps :math:`n`, :math:`\bar x` and :math:`M_2 = \sum (x - \bar x)^2` per component of
    an observation. ``update`` adds a chunk of observations along its first axis;
    ``merge`` (or ``+``) combines two partial results exactly:

    .. math:: \delta = \bar x_B - \bar x_A, \quad \bar x = \bar x_A + \delta\,\frac{n_B}{n},
              \quad M_2 = M_{2,A} + M_{2,B} + \delta^2\,\frac{n_A n_B}{n}.

    Examples
    --------
    >>> left = RunningMoments().update([1.0, 2.0])
    >>> right = RunningMoments().update([3.0, 4.0, 5.0])
    >>> total = left + right
    >>> total.count, float(total.mean), float(total.var()), float(total.var(ddof=1))
    (5, 3.0, 2.0, 2.5)
    """

    count: int = 0
    mean: Any = 0.0
    sum_squared_deviations: Any = field(default=0.0)

    def update(self, observations: ArrayLike) -> RunningMoments:
        """Add a chunk of observations (stacked along axis 0; a scalar is one observation)."""
        chunk = np.atleast_1d(_as_data(observations, "observations"))
        if chunk.shape[0] == 0:
            return self
        if self.count and np.shape(self.mean) != chunk.shape[1:]:
            raise ShapeError(
                f"observations of shape {chunk.shape[1:]} do not match earlier ones {np.shape(self.mean)}"
            )
        chunk_mean = chunk.mean(axis=0)
        chunk_m2 = ((chunk - chunk_mean) ** 2).sum(axis=0)
        merged = self.merge(RunningMoments(chunk.shape[0], chunk_mean, chunk_m2))
        self.count, self.mean, self.sum_squared_deviations = (
            merged.count,
            merged.mean,
            merged.sum_squared_deviations,
        )
        return self

    def merge(self, other: RunningMoments) -> RunningMoments:
        """The moments of both streams together (Chan-Golub-LeVeque), as a new object."""
        if other.count == 0:
            return RunningMoments(self.count, self.mean, self.sum_squared_deviations)
        if self.count == 0:
            return RunningMoments(other.count, other.mean, other.sum_squared_deviations)
        n = self.count + other.count
        delta = np.asarray(other.mean) - np.asarray(self.mean)
        mean = self.mean + delta * (other.count / n)
        m2 = (
            self.sum_squared_deviations
            + other.sum_squared_deviations
            + delta**2 * (self.count * other.count / n)
        )
        return RunningMoments(n, mean, m2)

    def __add__(self, other: RunningMoments) -> RunningMoments:
        return self.merge(other)

    def var(self, ddof: int = 0) -> Any:
        """M2 / (n - ddof).

        Raises
        ------
        DomainError
            If n - ddof <= 0.
        """
        if self.count - ddof <= 0:
            raise DomainError(
                f"{self.count} observations leave no degrees of freedom for ddof={ddof}"
            )
        return scalar_or_array(np.asarray(self.sum_squared_deviations) / (self.count - ddof))

    def std(self, ddof: int = 0) -> Any:
        """sqrt(var(ddof))."""
        return scalar_or_array(np.sqrt(self.var(ddof)))
