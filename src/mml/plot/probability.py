"""Probability as pictures: densities, Gaussian ellipses, conditioning, conjugacy (book ch. 6).

* :func:`density`: the pdf of continuous distributions and the pmf of discrete ones.
* :func:`gaussian_ellipses`: a 2-D Gaussian as the ellipses ``(x − μ)ᵀΣ⁻¹(x − μ) = k²``.
* :func:`conditioning`: ``p(x₂ | x₁ = a)`` is the joint density along the line ``x₁ = a``,
  renormalised: a Gaussian with ``μ₂ + Σ₂₁Σ₁₁⁻¹(a − μ₁)`` and ``Σ₂₂ − Σ₂₁Σ₁₁⁻¹Σ₁₂`` (§6.5.1).
* :func:`beta_binomial` and :func:`normal_normal`: prior, likelihood and posterior of a
  conjugate update (§6.6.1); the posterior is the normalised product of the other two.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from mml.errors import DomainError, ShapeError
from mml.plot.axes import covariance_ellipse, new_axes, new_figure

__all__ = ["density", "gaussian_ellipses", "conditioning", "beta_binomial", "normal_normal"]

PRIOR, LIKELIHOOD, POSTERIOR = "tab:blue", "tab:orange", "tab:green"


def density(distributions: Any, ax: Any = None, points: int = 400) -> Any:
    """Draw the pdf (continuous) or pmf (discrete) of one or more distributions.

    The range covers the 0.1 % to 99.9 % quantiles of all of them; a pmf is drawn as
    stems at the integers, a pdf as a curve over a shaded area (which integrates to 1).

    Parameters
    ----------
    distributions : Distribution or sequence of Distribution
        Objects of :mod:`mml.probability` with ``pdf`` or ``pmf`` and ``ppf``.
    ax : matplotlib Axes, optional
    points : int
        Points on each pdf curve.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    DomainError
        For an object with neither ``pdf`` nor ``pmf``, or an empty sequence.
    ShapeError
        For a distribution with array parameters (a batch of distributions).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from mml.probability import Normal, Poisson
    >>> fig = density([Normal(0, 1), Poisson(3)])
    >>> [line.get_label() for line in fig.axes[0].lines][:1]
    ['Normal(loc=0.0, scale=1.0)']
    """
    items = list(distributions) if isinstance(distributions, (list, tuple)) else [distributions]
    if not items:
        raise DomainError("no distribution to draw")
    for d in items:
        if not (hasattr(d, "pdf") or hasattr(d, "pmf")) or not hasattr(d, "ppf"):
            raise DomainError(f"{d!r} is not a distribution with a pdf or pmf and a ppf")
        if np.size(d.ppf(0.5)) != 1:
            raise ShapeError(f"draw one distribution at a time; {d!r} holds a batch of them")
    lo = min(float(d.ppf(0.001)) for d in items)
    hi = max(float(d.ppf(0.999)) for d in items)
    if hi <= lo:
        lo, hi = lo - 1.0, hi + 1.0
    ax = new_axes(ax, figsize=(6, 4))
    for k, d in enumerate(items):
        colour = f"C{k}"
        label = repr(d)
        if hasattr(d, "pmf"):
            ks = np.arange(np.floor(lo), np.ceil(hi) + 1)
            pk = np.asarray(d.pmf(ks), dtype=float)
            ax.vlines(ks, 0, pk, color=colour, lw=2, alpha=0.7)
            ax.plot(ks, pk, "o", color=colour, markersize=4, label=label)
        else:
            xs = np.linspace(lo, hi, points)
            px = np.asarray(d.pdf(xs), dtype=float)
            ax.plot(xs, px, color=colour, lw=2, label=label)
            ax.fill_between(xs, px, color=colour, alpha=0.15)
    ax.set_xlabel("x")
    ax.set_ylabel("p(x)")
    ax.set_ylim(bottom=0)
    ax.set_title("densities (curves) and probability mass functions (stems)", fontsize=10)
    ax.legend(fontsize=8)
    return ax.figure


def _mean_cov(mean: Any, cov: Any) -> tuple[np.ndarray, np.ndarray]:
    mu, S = np.asarray(mean, dtype=float), np.asarray(cov, dtype=float)
    if mu.shape != (2,) or S.shape != (2, 2):
        raise ShapeError(
            f"a picture of a Gaussian in the plane needs a mean of shape (2,) and a covariance "
            f"of shape (2, 2); got {mu.shape} and {S.shape}"
        )
    return mu, S


def gaussian_ellipses(
    mean: Any,
    cov: Any,
    n_std: Sequence[float] = (1.0, 2.0, 3.0),
    samples: int = 0,
    random_state: Any = None,
    ax: Any = None,
) -> Any:
    """Draw a 2-D Gaussian ``N(μ, Σ)`` as its 1σ, 2σ, 3σ ellipses, with optional samples.

    The ellipse ``(x − μ)ᵀΣ⁻¹(x − μ) = k²`` has its axes along the eigenvectors of Σ, with
    half-lengths ``k√λᵢ``; it holds a share ``1 − e^{−k²/2}`` of the probability (39 %, 86 %,
    99 % for k = 1, 2, 3). A singular Σ gives a degenerate ellipse (a segment).

    Parameters
    ----------
    mean : array_like of shape (2,)
    cov : array_like of shape (2, 2)
        Symmetric positive semi-definite.
    n_std : sequence of float
        The Mahalanobis radii k.
    samples : int
        Number of points drawn from the Gaussian and scattered (0 for none).
    random_state : int or Generator, optional
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ShapeError
        If the shapes are not (2,) and (2, 2).
    DomainError
        If Σ is not symmetric positive semi-definite.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = gaussian_ellipses([0, 0], [[2, 1], [1, 1]])
    >>> [line.get_label() for line in fig.axes[0].lines]
    ['1σ (39%)', '2σ (86%)', '3σ (99%)', 'mean μ']
    """
    mu, S = _mean_cov(mean, cov)
    ax = new_axes(ax)
    if samples:
        from mml.linalg import eigh

        w, Q = eigh(S)
        rng = np.random.default_rng(random_state)
        z = rng.standard_normal((samples, 2))
        points = mu + z @ (Q * np.sqrt(np.clip(w, 0.0, None))).T
        ax.scatter(points[:, 0], points[:, 1], s=6, color="0.5", alpha=0.5, label="samples")
    for k in n_std:
        xy = covariance_ellipse(mu, S, n_std=k)
        share = 1.0 - np.exp(-(k**2) / 2)
        ax.plot(xy[:, 0], xy[:, 1], lw=2, label=f"{k:g}σ ({100 * share:.0f}%)")
    ax.plot([mu[0]], [mu[1]], "k+", markersize=12, mew=2, label="mean μ")
    ax.set_aspect("equal", adjustable="datalim")
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    ax.set_title(f"N(μ, Σ), Σ = {np.round(S, 3).tolist()}", fontsize=10)
    ax.legend(fontsize=8, loc="upper left")
    return ax.figure


def conditioning(mean: Any, cov: Any, x1: float, ax: Any = None) -> Any:
    """Draw ``p(x₂ | x₁ = a)`` as a slice of a 2-D Gaussian, beside the marginal ``p(x₂)``.

    Left: the joint ellipses and the line ``x₁ = a``, with the conditional mean on it.
    Right: the conditional Gaussian ``N(μ₂ + Σ₂₁/Σ₁₁ (a − μ₁), Σ₂₂ − Σ₂₁²/Σ₁₁)`` (the
    renormalised joint density along the line, dots) and the marginal ``N(μ₂, Σ₂₂)``
    (dashed). Conditioning never widens: the conditional variance is at most Σ₂₂.

    Parameters
    ----------
    mean : array_like of shape (2,)
    cov : array_like of shape (2, 2)
        Symmetric positive definite.
    x1 : float
        The observed value a of the first coordinate.
    ax : sequence of 2 matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ShapeError
        For shapes other than (2,) and (2, 2), or a wrong number of axes.
    DomainError
        If Σ is not positive definite (a singular Σ has no density to slice).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = conditioning([0, 0], [[1, 0.8], [0.8, 1]], x1=1.0)
    >>> fig.axes[1].get_title()
    'p(x₂ | x₁ = 1) = N(0.8, 0.36)'
    """
    from mml.probability import MultivariateNormal

    mu, S = _mean_cov(mean, cov)
    if S[0, 0] <= 0 or S[0, 0] * S[1, 1] - S[0, 1] * S[1, 0] <= 0 or not np.allclose(S, S.T):
        raise DomainError(
            f"conditioning needs a symmetric positive definite covariance; got {S.tolist()}"
        )
    if ax is None:
        fig = new_figure((11, 4.5))
        axes = fig.subplots(1, 2)
    else:
        axes = list(np.ravel(np.asarray(ax, dtype=object)))
        if len(axes) != 2:
            raise ShapeError(f"conditioning draws two panels; got {len(axes)} axes")
        fig = axes[0].figure
    joint = MultivariateNormal(mu, S)
    given = joint.condition([0], [x1])
    m, v = float(given.mean_vector[0]), float(given.cov_matrix[0, 0])
    left, right = axes
    for k in (1.0, 2.0, 3.0):
        xy = covariance_ellipse(mu, S, n_std=k)
        left.plot(
            xy[:, 0],
            xy[:, 1],
            color="tab:blue",
            lw=1,
            alpha=1.2 - 0.3 * k,
            label="joint p(x₁, x₂): 1, 2, 3σ" if k == 1 else "_ellipse",
        )
    left.axvline(x1, color="tab:red", lw=1.5, label=f"slice x₁ = {x1:g}")
    left.plot([x1], [m], "o", color="tab:red", label="conditional mean")
    left.set_xlabel("x₁")
    left.set_ylabel("x₂")
    left.set_title("joint Gaussian and the observed x₁", fontsize=10)
    left.legend(fontsize=8)
    spread = 4.0 * np.sqrt(S[1, 1])
    xs = np.linspace(mu[1] - spread, mu[1] + spread, 300)
    slice_density = np.asarray(joint.pdf(np.stack([np.full_like(xs, x1), xs], axis=1)))
    slice_density = slice_density / (slice_density.sum() * (xs[1] - xs[0]))
    conditional = np.exp(-((xs - m) ** 2) / (2 * v)) / np.sqrt(2 * np.pi * v)
    marginal = np.exp(-((xs - mu[1]) ** 2) / (2 * S[1, 1])) / np.sqrt(2 * np.pi * S[1, 1])
    right.plot(xs, conditional, color="tab:red", lw=2, label="p(x₂ | x₁) (formula)")
    right.plot(
        xs[::12],
        slice_density[::12],
        ".",
        color="black",
        label="joint along the slice, renormalised",
    )
    right.plot(xs, marginal, "--", color="tab:blue", lw=1.5, label="marginal p(x₂)")
    right.set_xlabel("x₂")
    right.set_ylabel("density")
    right.set_ylim(bottom=0)
    right.set_title(f"p(x₂ | x₁ = {x1:g}) = N({m:.3g}, {v:.3g})", fontsize=10)
    right.legend(fontsize=8)
    if ax is None:
        fig.tight_layout()
    return fig


def _update_plot(ax: Any, grid: np.ndarray, prior, likelihood, posterior, labels) -> None:
    step = grid[1] - grid[0]
    scaled = likelihood / (likelihood.sum() * step)  # likelihood rescaled to area 1
    ax.plot(grid, prior, color=PRIOR, lw=2, label=labels[0])
    ax.plot(grid, scaled, "--", color=LIKELIHOOD, lw=2, label=labels[1])
    ax.plot(grid, posterior, color=POSTERIOR, lw=2.5, label=labels[2])
    ax.fill_between(grid, posterior, color=POSTERIOR, alpha=0.15)
    ax.set_ylim(bottom=0)
    ax.set_ylabel("density")
    ax.legend(fontsize=8)


def beta_binomial(alpha: float, beta: float, successes: int, trials: int, ax: Any = None) -> Any:
    """Draw a Beta prior, a binomial likelihood and the Beta posterior (MML book §6.6.1).

    ``Beta(α, β)`` prior on μ, ``k`` successes in ``N`` trials, likelihood
    ``μᵏ(1 − μ)^{N−k}``, posterior ``Beta(α + k, β + N − k)`` from
    :func:`mml.probability.conjugate_updates.beta_binomial_update`. The likelihood is
    rescaled to area 1 so the three curves share an axis.

    Parameters
    ----------
    alpha, beta : float
        Prior hyperparameters (> 0).
    successes, trials : int
        ``0 ≤ k ≤ N``.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    DomainError
        For non-positive hyperparameters or impossible counts.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = beta_binomial(2, 2, successes=7, trials=10)
    >>> [line.get_label() for line in fig.axes[0].lines]
    ['prior Beta(2, 2)', 'likelihood μ^7 (1 − μ)^3 (rescaled)', 'posterior Beta(9, 5)']
    """
    from mml.probability import Beta
    from mml.probability.conjugate_updates import beta_binomial_update

    post = beta_binomial_update(alpha, beta, successes, trials).value
    a_n, b_n = float(post["alpha"]), float(post["beta"])
    k, n = int(successes), int(trials)
    grid = np.linspace(0.0005, 0.9995, 500)
    log_like = k * np.log(grid) + (n - k) * np.log1p(-grid)
    likelihood = np.exp(log_like - log_like.max())
    ax = new_axes(ax, figsize=(6, 4))
    _update_plot(
        ax,
        grid,
        np.asarray(Beta(float(alpha), float(beta)).pdf(grid)),
        likelihood,
        np.asarray(Beta(a_n, b_n).pdf(grid)),
        (
            f"prior Beta({alpha:g}, {beta:g})",
            f"likelihood μ^{k} (1 − μ)^{n - k} (rescaled)",
            f"posterior Beta({a_n:g}, {b_n:g})",
        ),
    )
    ax.set_xlabel("μ (probability of success)")
    ax.set_title(f"Beta–Binomial update: {k} successes in {n} trials", fontsize=10)
    return ax.figure


def normal_normal(
    prior_mean: float, prior_variance: float, noise_variance: float, data: Any, ax: Any = None
) -> Any:
    """Draw a Gaussian prior on a mean, the Gaussian likelihood of data, and the posterior.

    ``N(m₀, s₀²)`` prior on μ; data ``xᵢ ~ N(μ, σ²)`` with σ² known; posterior ``N(m_N, s_N²)``
    with ``1/s_N² = 1/s₀² + N/σ²``, ``m_N = s_N² (m₀/s₀² + Σxᵢ/σ²)``, from
    :func:`mml.probability.conjugate_updates.normal_normal_update`.

    Parameters
    ----------
    prior_mean, prior_variance, noise_variance : float
    data : array_like of shape (N,)
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    DomainError
        For non-positive variances.
    ShapeError
        For empty data.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = normal_normal(0, 1, 1, [2, 2, 2])
    >>> [line.get_label() for line in fig.axes[0].lines][2:]
    ['posterior N(1.5, 0.25)', 'data xᵢ']
    """
    from mml.probability.conjugate_updates import normal_normal_update

    xs = np.asarray(data, dtype=float).reshape(-1)
    post = normal_normal_update(prior_mean, prior_variance, noise_variance, list(xs)).value
    m_n, v_n = float(post["mean"]), float(post["variance"])
    m0, v0, s2 = float(prior_mean), float(prior_variance), float(noise_variance)
    centre = [m0, m_n] + ([float(xs.mean())] if xs.size else [])
    width = 4.0 * max(np.sqrt(v0), np.sqrt(s2 / max(xs.size, 1)))
    grid = np.linspace(min(centre) - width, max(centre) + width, 500)

    def gauss(m: float, v: float) -> np.ndarray:
        return np.exp(-((grid - m) ** 2) / (2 * v)) / np.sqrt(2 * np.pi * v)

    log_like = -((xs[:, None] - grid) ** 2).sum(axis=0) / (2 * s2)
    ax = new_axes(ax, figsize=(6, 4))
    _update_plot(
        ax,
        grid,
        gauss(m0, v0),
        np.exp(log_like - log_like.max()),
        gauss(m_n, v_n),
        (
            f"prior N({m0:g}, {v0:g})",
            f"likelihood of {xs.size} points (rescaled)",
            f"posterior N({m_n:.3g}, {v_n:.3g})",
        ),
    )
    ax.plot(xs, np.zeros_like(xs), "|", color="black", markersize=14, mew=2, label="data xᵢ")
    ax.legend(fontsize=8)
    ax.set_xlabel("μ")
    ax.set_title("Normal–Normal update of a mean (known noise variance)", fontsize=10)
    return ax.figure
