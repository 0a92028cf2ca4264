r"""Gamma, Beta and Student's t: the distributions behind the incomplete gamma and beta functions.

Their cdfs are :func:`~mml.probability.incomplete_gamma.gammainc` and
:func:`~mml.probability.incomplete_beta.betainc`; their quantiles come from safeguarded Newton
inversion (:mod:`mml.probability.inversion`). Log-densities are written around the mode
(:math:`x^a e^{-x}/\Gamma(a)` as one accurate "prefix"), so they stay accurate for shape
parameters in the thousands. Conjugate priors of the MML book §6.6: Gamma for a Poisson
rate, Beta for a Bernoulli probability.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mml.probability.base import ContinuousDistribution, scalar_or_array
from mml.probability.gamma_function import betaln, digamma, gammaln
from mml.probability.incomplete_beta import _log_beta_prefix, _regularised_beta
from mml.probability.incomplete_gamma import _incomplete_gamma, _log_gamma_prefix
from mml.probability.inverse_error_function import ndtri
from mml.probability.inversion import invert_continuous
from mml.probability.validation import as_parameter

__all__ = ["Gamma", "Beta", "StudentT"]

Array = NDArray[np.float64]


def _flat(*arrays: ArrayLike) -> tuple[tuple[int, ...], list[Array]]:
    broadcast = np.broadcast_arrays(*(np.asarray(a, dtype=np.float64) for a in arrays))
    return broadcast[0].shape, [b.ravel() for b in broadcast]


def _gamma_logpdf(x: Array, a: Array) -> Array:
    """log of x^(a-1) e^-x / Gamma(a) for the standard gamma, any x."""
    positive = x > 0
    out = np.where(x == 0, np.where(a < 1, np.inf, np.where(a == 1, 0.0, -np.inf)), -np.inf)
    xp, ap = x[positive], a[positive]
    out[positive] = _log_gamma_prefix(ap, xp) - np.log(xp)
    return out


def _gamma_tail(x: Array, shape: Array, lower: bool) -> Array:
    x = np.maximum(x, 0.0)
    p, q, _ = _incomplete_gamma(shape, x)
    return p if lower else q


class Gamma(ContinuousDistribution):
    r"""The Gamma distribution with shape α and rate β (MML book §6.6).

    .. math:: p(x) = \frac{\beta^\alpha}{\Gamma(\alpha)} x^{\alpha-1} e^{-\beta x}, \quad x > 0.

    ``scipy.stats.gamma(a=shape, scale=1/rate)``.

    Parameters
    ----------
    shape : float or array_like
        α > 0.
    rate : float or array_like
        β > 0 (the mean is α/β).

    Raises
    ------
    DomainError
        If shape or rate is not positive.

    Examples
    --------
    >>> g = Gamma(2.0, 4.0)
    >>> float(g.mean()), float(g.var()), round(float(g.cdf(g.ppf(0.3))), 12)
    (0.5, 0.125, 0.3)
    """

    _parameter_names = ("shape", "rate")

    def __init__(self, shape: ArrayLike, rate: ArrayLike = 1.0) -> None:
        self.shape = as_parameter(shape, "shape", positive=True)
        self.rate = as_parameter(rate, "rate", positive=True)

    def _logpdf(self, x: Array) -> Array:
        out_shape, (x, a, rate) = _flat(x, self.shape, self.rate)
        return (_gamma_logpdf(rate * x, a) + np.log(rate)).reshape(out_shape)

    def _cdf(self, x: Array) -> Array:
        out_shape, (x, a, rate) = _flat(x, self.shape, self.rate)
        return _gamma_tail(rate * x, a, lower=True).reshape(out_shape)

    def _sf(self, x: Array) -> Array:
        out_shape, (x, a, rate) = _flat(x, self.shape, self.rate)
        return _gamma_tail(rate * x, a, lower=False).reshape(out_shape)

    def _ppf(self, q: Array) -> Array:
        out_shape, (q, a, rate) = _flat(q, self.shape, self.rate)
        # Wilson-Hilferty: (X/a)^(1/3) is nearly normal; for small q, P(a, x) ~ x^a / Gamma(a+1)
        z = ndtri(np.clip(q, 1e-300, 1 - 1e-16))
        wilson_hilferty = a * (1.0 - 1.0 / (9.0 * a) + z / (3.0 * np.sqrt(a))) ** 3
        with np.errstate(divide="ignore", over="ignore"):
            small = np.exp((np.log(q) + gammaln(a + 1.0)) / a)
        guess = np.where((wilson_hilferty > 0) & (a >= 1), wilson_hilferty, small)
        standard = invert_continuous(
            q,
            lambda x, a: _gamma_tail(x, a, True),
            lambda x, a: _gamma_tail(x, a, False),
            _gamma_logpdf,
            {"a": a},
            guess,
            lower=0.0,
        )
        return (standard / rate).reshape(out_shape)

    def mean(self) -> Any:
        return scalar_or_array(self.shape / self.rate)

    def var(self) -> Any:
        return scalar_or_array(self.shape / self.rate**2)

    def entropy(self) -> Any:
        a = self.shape
        return scalar_or_array(a - np.log(self.rate) + gammaln(a) + (1.0 - a) * digamma(a))

    def _sample(self, shape: tuple[int, ...], rng: np.random.Generator) -> Array:
        return rng.standard_gamma(self.shape, size=shape) / self.rate


def _beta_logpdf(x: Array, a: Array, b: Array) -> Array:
    out = np.full(x.shape, -np.inf)
    inside = (x > 0) & (x < 1)
    xi, ai, bi = x[inside], a[inside], b[inside]
    yi = 1.0 - xi
    out[inside] = _log_beta_prefix(ai, bi, xi, yi) - np.log(xi) - np.log(yi)
    for edge, own, other in ((x == 0, a, b), (x == 1, b, a)):
        value = np.where(own < 1, np.inf, np.where(own == 1, -betaln(own, other), -np.inf))
        out[edge] = value[edge]
    return out


class Beta(ContinuousDistribution):
    r"""The Beta distribution on [0, 1] (MML book §6.6), ``scipy.stats.beta(a, b)``.

    .. math:: p(x) = \frac{x^{a-1}(1-x)^{b-1}}{B(a, b)}.

    Parameters
    ----------
    a, b : float or array_like
        Positive shape parameters (pseudo-counts of successes and failures).

    Raises
    ------
    DomainError
        If a or b is not positive.

    Examples
    --------
    >>> beta = Beta(2.0, 3.0)
    >>> float(beta.mean()), round(float(beta.pdf(0.5)), 12), round(float(beta.cdf(0.4)), 12)
    (0.4, 1.5, 0.5248)
    """

    _parameter_names = ("a", "b")

    def __init__(self, a: ArrayLike, b: ArrayLike) -> None:
        self.a = as_parameter(a, "a", positive=True)
        self.b = as_parameter(b, "b", positive=True)

    def _logpdf(self, x: Array) -> Array:
        out_shape, (x, a, b) = _flat(x, self.a, self.b)
        return _beta_logpdf(x, a, b).reshape(out_shape)

    @staticmethod
    def _tail(x: Array, a: Array, b: Array, lower: bool) -> Array:
        x = np.clip(x, 0.0, 1.0)
        if lower:
            return _regularised_beta(a, b, x, 1.0 - x)
        return _regularised_beta(b, a, 1.0 - x, x)

    def _cdf(self, x: Array) -> Array:
        out_shape, (x, a, b) = _flat(x, self.a, self.b)
        return self._tail(x, a, b, True).reshape(out_shape)

    def _sf(self, x: Array) -> Array:
        out_shape, (x, a, b) = _flat(x, self.a, self.b)
        return self._tail(x, a, b, False).reshape(out_shape)

    def _ppf(self, q: Array) -> Array:
        out_shape, (q, a, b) = _flat(q, self.a, self.b)
        # I_x(a, b) ~ x^a / (a B(a, b)) near 0, and symmetrically near 1
        log_beta = betaln(a, b)
        with np.errstate(divide="ignore", over="ignore"):
            near_zero = np.exp((np.log(q * a) + log_beta) / a)
            near_one = 1.0 - np.exp((np.log((1.0 - q) * b) + log_beta) / b)
        mean = a / (a + b)
        guess = np.where(near_zero < mean, near_zero, np.where(near_one > mean, near_one, mean))
        values = invert_continuous(
            q,
            lambda x, a, b: self._tail(x, a, b, True),
            lambda x, a, b: self._tail(x, a, b, False),
            _beta_logpdf,
            {"a": a, "b": b},
            guess,
            lower=0.0,
            upper=1.0,
        )
        return values.reshape(out_shape)

    def mean(self) -> Any:
        return scalar_or_array(self.a / (self.a + self.b))

    def var(self) -> Any:
        a, b = self.a, self.b
        return scalar_or_array(a * b / ((a + b) ** 2 * (a + b + 1.0)))

    def entropy(self) -> Any:
        a, b = self.a, self.b
        h = (
            betaln(a, b)
            - (a - 1) * digamma(a)
            - (b - 1) * digamma(b)
            + (a + b - 2) * digamma(a + b)
        )
        return scalar_or_array(h)

    def _sample(self, shape: tuple[int, ...], rng: np.random.Generator) -> Array:
        # X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b) is Beta(a, b)
        x = rng.standard_gamma(self.a, size=shape)
        y = rng.standard_gamma(self.b, size=shape)
        return x / (x + y)


def _t_logpdf(t: Array, df: Array) -> Array:
    # Gamma((v+1)/2) / Gamma(v/2) = 1 / (sqrt(pi) B(v/2, 1/2)): no large cancelling terms
    with np.errstate(over="ignore", divide="ignore"):
        # log(1 + t^2/v), also for |t| so large that t^2 overflows
        huge = np.abs(t) > 1e100
        log_term = np.where(
            huge, 2.0 * np.log(np.abs(t)) - np.log(df), np.log1p(np.where(huge, 0.0, t) ** 2 / df)
        )
    return -betaln(0.5 * df, 0.5) - 0.5 * np.log(df) - 0.5 * (df + 1.0) * log_term


def _t_tail(t: Array, df: Array, lower: bool) -> Array:
    """P(T <= t) (lower) or P(T > t): I_x(v/2, 1/2)/2 with x = v/(v+t^2) on the far side."""
    huge = np.abs(t) > 1e100
    th = np.where(huge, 1.0, t)
    t2 = th * th
    x = df / (df + t2)
    y = t2 / (df + t2)
    half = 0.5 * _regularised_beta(0.5 * df, np.full_like(df, 0.5), x, y)
    # far out, x = v/t^2 may underflow: I_x(v/2, 1/2) = x^(v/2) / ((v/2) B(v/2, 1/2)) (1 + O(x))
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        log_x = np.log(df) - 2.0 * np.log(np.abs(t))
        far_half = 0.5 * np.exp(0.5 * df * log_x - np.log(0.5 * df) - betaln(0.5 * df, 0.5))
    half = np.where(huge, far_half, half)
    far = (t < 0) if lower else (t > 0)
    return np.where(far, half, 1.0 - half)


def _digamma_half_step(x: Array) -> Array:
    """psi(x + 1/2) - psi(x), without the cancellation of two nearly equal digammas for large x.

    From the asymptotic series psi(x) = log x - 1/(2x) - sum_k B_2k / (2k x^2k), each
    difference is formed exactly: log(1 + 1/(2x)), 1/(2x) - 1/(2x+1) = 1/(2x(2x+1)), and
    (x + 1/2)^-2k - x^-2k = x^-2k expm1(-2k log(1 + 1/(2x))).
    """
    x = np.asarray(x, dtype=np.float64)
    direct = digamma(x + 0.5) - digamma(x)
    large = np.maximum(x, 10.0)
    log_ratio = np.log1p(0.5 / large)
    series = log_ratio + 1.0 / (2.0 * large * (2.0 * large + 1.0))
    coefficients = (
        1 / 12,
        -1 / 120,
        1 / 252,
        -1 / 240,
        1 / 132,
        -691 / 32760,
        1 / 12,
        -3617 / 8160,
    )
    for k, coefficient in enumerate(coefficients, start=1):
        series -= coefficient * large ** (-2 * k) * np.expm1(-2 * k * log_ratio)
    return np.where(x >= 10.0, series, direct)


def _t_half_centre(t: Array, df: Array) -> Array:
    """P(0 < T <= t) = I_y(1/2, v/2)/2 with y = t^2/(v + t^2), for t >= 0, without cancellation."""
    t2 = t * t
    y = t2 / (df + t2)
    return 0.5 * _regularised_beta(np.full_like(df, 0.5), 0.5 * df, y, df / (df + t2))


class StudentT(ContinuousDistribution):
    r"""Student's t distribution with df = ν degrees of freedom, ``scipy.stats.t(df, loc, scale)``.

    .. math:: p(x) = \frac{\Gamma(\frac{\nu+1}{2})}{\sqrt{\nu\pi}\,\sigma\,\Gamma(\frac\nu2)}
              \Big(1 + \frac{z^2}{\nu}\Big)^{-\frac{\nu+1}{2}}, \quad z = \frac{x-\mu}{\sigma}.

    Parameters
    ----------
    df : float or array_like
        ν > 0 (need not be a whole number).
    loc, scale : float or array_like
        Location μ and scale σ > 0.

    Raises
    ------
    DomainError
        If df or scale is not positive.

    Examples
    --------
    >>> t = StudentT(3.0)
    >>> float(t.cdf(0.0)), round(float(t.ppf(0.975)), 6), float(t.var())
    (0.5, 3.182446, 3.0)
    """

    _parameter_names = ("df", "loc", "scale")

    def __init__(self, df: ArrayLike, loc: ArrayLike = 0.0, scale: ArrayLike = 1.0) -> None:
        self.df = as_parameter(df, "df", positive=True)
        self.loc = as_parameter(loc, "loc")
        self.scale = as_parameter(scale, "scale", positive=True)

    def _logpdf(self, x: Array) -> Array:
        out_shape, (x, df, loc, scale) = _flat(x, self.df, self.loc, self.scale)
        return (_t_logpdf((x - loc) / scale, df) - np.log(scale)).reshape(out_shape)

    def _cdf(self, x: Array) -> Array:
        out_shape, (x, df, loc, scale) = _flat(x, self.df, self.loc, self.scale)
        return _t_tail((x - loc) / scale, df, lower=True).reshape(out_shape)

    def _sf(self, x: Array) -> Array:
        out_shape, (x, df, loc, scale) = _flat(x, self.df, self.loc, self.scale)
        return _t_tail((x - loc) / scale, df, lower=False).reshape(out_shape)

    def _ppf(self, q: Array) -> Array:
        out_shape, (q, df, loc, scale) = _flat(q, self.df, self.loc, self.scale)
        # start from the normal quantile, or from the power-law tail F(t) ~ C |t|^-v
        z = ndtri(np.clip(q, 1e-300, 1 - 1e-16))
        tail_q = np.minimum(q, 1.0 - q)
        with np.errstate(divide="ignore", over="ignore"):
            log_c = -betaln(0.5 * df, 0.5) + (0.5 * df - 1.0) * np.log(df) - np.log(df)
            power = np.exp((log_c - np.log(tail_q)) / df)
        guess = np.where(np.abs(z) < power, np.sign(z) * power, z)
        guess = np.where(np.isfinite(guess), guess, z)
        standard = np.empty_like(q)
        # Near the median solve F(t) - 1/2 = q - 1/2 (exact there) for |t|, so that small
        # quantiles keep their relative accuracy; elsewhere solve F(t) = q.
        central = np.abs(q - 0.5) < 0.25
        offset = q[central] - 0.5
        standard[central] = np.sign(offset) * invert_continuous(
            np.abs(offset),
            _t_half_centre,
            _t_half_centre,
            _t_logpdf,
            {"df": df[central]},
            np.abs(z[central]),
            lower=0.0,
        )
        outer = ~central
        standard[outer] = invert_continuous(
            q[outer],
            lambda t, df: _t_tail(t, df, True),
            lambda t, df: _t_tail(t, df, False),
            _t_logpdf,
            {"df": df[outer]},
            guess[outer],
        )
        return (loc + scale * standard).reshape(out_shape)

    def mean(self) -> Any:
        df, loc = np.broadcast_arrays(self.df, self.loc)
        return scalar_or_array(np.where(df > 1, loc, np.nan))

    def var(self) -> Any:
        df, scale = np.broadcast_arrays(self.df, self.scale)
        with np.errstate(divide="ignore", invalid="ignore"):
            value = scale**2 * df / (df - 2.0)
        return scalar_or_array(np.where(df > 2, value, np.where(df > 1, np.inf, np.nan)))

    def entropy(self) -> Any:
        v = self.df
        h = 0.5 * (v + 1) * _digamma_half_step(0.5 * v) + 0.5 * np.log(v) + betaln(0.5 * v, 0.5)
        return scalar_or_array(h + np.log(self.scale) + 0.0 * self.loc)

    def _sample(self, shape: tuple[int, ...], rng: np.random.Generator) -> Array:
        # Z / sqrt(G / v) with G ~ chi-squared(v) = 2 Gamma(v/2)
        chi_squared = 2.0 * rng.standard_gamma(0.5 * self.df, size=shape)
        return self.loc + self.scale * rng.standard_normal(shape) / np.sqrt(chi_squared / self.df)
