"""Where a picture is drawn: a fresh figure, or an axes the caller already has.

Every plotting function in :mod:`mml.plot` takes ``ax=``; :func:`new_axes` is the one place
that turns ``ax=None`` into a new figure, so all pictures share a size and a look.
:func:`covariance_ellipse` is the outline every Gaussian picture uses (book §6.5).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.errors import DomainError, NotFittedError, ShapeError

__all__ = [
    "new_figure",
    "new_axes",
    "check_fitted",
    "covariance_ellipse",
    "plane_points",
    "class_labels",
]


def new_figure(figsize: tuple[float, float] = (6, 5)) -> Any:
    """A new matplotlib ``Figure`` of size ``figsize`` (inches), not registered with pyplot.

    Nothing global is kept, so making many figures never leaks memory; save one with
    ``fig.savefig(path)``, or let Jupyter display it.

    Examples
    --------
    >>> new_figure((3, 2)).get_size_inches().tolist()
    [3.0, 2.0]
    """
    from matplotlib.figure import Figure

    return Figure(figsize=figsize)


def new_axes(ax: Any = None, figsize: tuple[float, float] = (6, 5), projection: Any = None) -> Any:
    """Return ``ax``, or the axes of a new figure of size ``figsize`` (inches).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = new_axes()
    >>> ax.figure.get_size_inches().tolist()
    [6.0, 5.0]
    """
    if ax is not None:
        return ax
    return new_figure(figsize).add_subplot(projection=projection)


def covariance_ellipse(mean: Any, cov: Any, n_std: float = 2.0, points: int = 100) -> np.ndarray:
    """Points on the ellipse ``(x - μ)ᵀ Σ⁻¹ (x - μ) = n_std²`` of a 2-D Gaussian.

    With ``Σ = L Lᵀ`` (here ``L = Q √Λ`` from the eigendecomposition, which also works for a
    singular Σ), the ellipse is ``μ + n_std · L u`` for ``u`` on the unit circle.

    Parameters
    ----------
    mean : array_like of shape (2,)
    cov : array_like of shape (2, 2)
        Symmetric positive semi-definite.
    n_std : float
        How many standard deviations (Mahalanobis radius).
    points : int
        Number of points on the outline.

    Returns
    -------
    ndarray of shape (points, 2)

    Raises
    ------
    ShapeError
        If ``mean`` is not of shape (2,) or ``cov`` not (2, 2).
    DomainError
        If ``cov`` is not symmetric positive semi-definite.

    Examples
    --------
    >>> xy = covariance_ellipse([0, 0], [[4, 0], [0, 1]], n_std=1, points=5)
    >>> round(float(xy[:, 0].max()), 6), round(float(xy[:, 1].max()), 6)
    (2.0, 1.0)
    """
    from mml.linalg import eigh

    mu = np.asarray(mean, dtype=float)
    S = np.asarray(cov, dtype=float)
    if mu.shape != (2,) or S.shape != (2, 2):
        raise ShapeError(
            f"an ellipse needs a mean of shape (2,) and a covariance of shape (2, 2); "
            f"got {mu.shape} and {S.shape}"
        )
    if not np.allclose(S, S.T):
        raise DomainError(f"covariance must be symmetric; got {S.tolist()}")
    w, Q = eigh(S)
    if w.min() < -1e-12 * max(1.0, abs(w).max()):
        raise DomainError(f"covariance must be positive semi-definite; eigenvalues {w.tolist()}")
    L = Q * np.sqrt(np.clip(w, 0.0, None))
    t = np.linspace(0.0, 2.0 * np.pi, points)
    circle = np.stack([np.cos(t), np.sin(t)])
    return (mu[:, None] + n_std * (L @ circle)).T


def plane_points(X: Any, name: str = "X") -> np.ndarray:
    """``X`` as a float array of shape (n, 2), or a ShapeError that says what it was."""
    A = np.asarray(X, dtype=float)
    if A.ndim != 2 or A.shape[1] != 2:
        raise ShapeError(f"{name} must have two features to be drawn in the plane; got {A.shape}")
    return A


def class_labels(y: Any, n: int) -> np.ndarray:
    """``y`` as an array of n labels, or a ShapeError that says what it was."""
    labels = np.asarray(y)
    if labels.shape != (n,):
        raise ShapeError(f"y must have one label per row of X, shape ({n},); got {labels.shape}")
    return labels


def check_fitted(model: Any, attribute: str) -> None:
    """Raise ``NotFittedError`` unless ``model`` has the fitted ``attribute``."""
    if not hasattr(model, attribute):
        raise NotFittedError(
            f"{type(model).__name__} is not fitted (no {attribute}); call fit before plotting"
        )
