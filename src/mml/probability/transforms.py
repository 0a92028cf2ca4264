r"""Transformations of random variables (MML book §6.7): change of variables and inverse
transform sampling.

If :math:`Y = g(X)` with g strictly monotone and differentiable, then

.. math:: p_Y(y) = p_X\big(g^{-1}(y)\big)\,\Big|\frac{d}{dy}g^{-1}(y)\Big|,

and if U is uniform on (0, 1) then :math:`F^{-1}(U)` has cdf F.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mml.probability.validation import check_random_state

__all__ = ["change_of_variables", "inverse_transform_sample"]

Array = NDArray[np.float64]


def change_of_variables(
    pdf: Callable[[Array], Any],
    inverse: Callable[[Array], Any],
    inverse_derivative: Callable[[Array], Any],
) -> Callable[[ArrayLike], Array]:
    r"""The density of :math:`Y = g(X)` for a strictly monotone g.

    .. math:: p_Y(y) = p_X(g^{-1}(y))\,|(g^{-1})'(y)|

    Parameters
    ----------
    pdf : callable
        The density :math:`p_X`, vectorised.
    inverse : callable
        :math:`g^{-1}`, vectorised.
    inverse_derivative : callable
        :math:`(g^{-1})'`, vectorised (its sign does not matter).

    Returns
    -------
    callable
        :math:`p_Y`, taking an array of y values.

    Examples
    --------
    >>> from mml.probability import Normal
    >>> lognormal = change_of_variables(Normal().pdf, np.log, lambda y: 1 / y)  # Y = exp(X)
    >>> round(float(lognormal(1.0)), 12) == round(float(Normal().pdf(0.0)), 12)
    True
    """

    def density(y: ArrayLike) -> Array:
        y = np.asarray(y, dtype=np.float64)
        return np.asarray(pdf(inverse(y))) * np.abs(np.asarray(inverse_derivative(y)))

    return density


def inverse_transform_sample(
    ppf: Callable[[Array], Any], size: int | tuple[int, ...], random_state: Any = None
) -> Array:
    r"""Draw samples :math:`F^{-1}(U)` with U uniform on [0, 1): inverse transform sampling.

    Parameters
    ----------
    ppf : callable
        The quantile function :math:`F^{-1}`, vectorised.
    size : int or tuple of int
        Output shape.
    random_state : None, int or numpy.random.Generator
        Seed or generator.

    Returns
    -------
    ndarray

    Examples
    --------
    >>> draws = inverse_transform_sample(lambda u: -np.log1p(-u), 10_000, random_state=0)
    >>> bool(abs(draws.mean() - 1.0) < 0.05)  # Exponential(1) has mean 1
    True
    """
    rng = check_random_state(random_state)
    return np.asarray(ppf(rng.random(size)), dtype=np.float64)
