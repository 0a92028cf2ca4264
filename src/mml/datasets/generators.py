"""Synthetic data generators with scikit-learn's signatures.

:func:`make_blobs`, :func:`make_moons` and :func:`make_regression` draw their random
numbers in the same order as scikit-learn, so the same ``random_state`` gives the
same data. :func:`make_classification` follows the same construction (Guyon's
Madelon design) but picks the hypercube vertices in its own way, so its draws differ.

Examples
--------
>>> from mml.datasets import make_moons
>>> X, y = make_moons(n_samples=6, shuffle=False)
>>> X.shape, y.tolist()
((6, 2), [0, 0, 0, 1, 1, 1])
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from mml.errors import DomainError, ShapeError
from mml.models._validation import check_random_state

__all__ = ["make_blobs", "make_moons", "make_regression", "make_classification"]


def _shuffle_rows(rng: np.random.RandomState, *arrays: np.ndarray) -> list[np.ndarray]:
    # scikit-learn's utils.shuffle: one in-place shuffle of an index vector.
    indices = np.arange(arrays[0].shape[0])
    rng.shuffle(indices)
    return [a[indices] for a in arrays]


def _positive_int(name: str, value: Any, minimum: int = 1) -> int:
    if not isinstance(value, numbers.Integral) or value < minimum:
        raise DomainError(f"{name} must be an integer >= {minimum}, got {value!r}.")
    return int(value)


def make_blobs(
    n_samples: Any = 100,
    n_features: int = 2,
    *,
    centers: Any = None,
    cluster_std: Any = 1.0,
    center_box: tuple[float, float] = (-10.0, 10.0),
    shuffle: bool = True,
    random_state: Any = None,
    return_centers: bool = False,
) -> tuple:
    """Isotropic Gaussian blobs: sample :math:`x \\sim \\mathcal N(c_k, \\sigma_k^2 I)` per centre.

    Parameters
    ----------
    n_samples : int or sequence of int
        Total number (split as evenly as possible) or the number per centre.
    n_features : int
    centers : int or array of shape (n_centers, n_features), default=None (3)
        Centres drawn uniformly from ``center_box`` when an int.
    cluster_std : float or sequence of float
    center_box : (float, float)
    shuffle : bool
    random_state : int, RandomState or None
    return_centers : bool

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
        The index of each sample's blob.
    centers : ndarray of shape (n_centers, n_features), if ``return_centers``

    Raises
    ------
    ShapeError
        Lengths of ``n_samples``, ``centers`` and ``cluster_std`` that disagree.

    Examples
    --------
    >>> X, y = make_blobs(n_samples=[2, 3], centers=[[0.0, 0.0], [5.0, 5.0]], random_state=0)
    >>> X.shape, sorted(y.tolist())
    ((5, 2), [0, 0, 1, 1, 1])
    """
    rng = check_random_state(random_state)
    if isinstance(n_samples, numbers.Integral):
        _positive_int("n_samples", n_samples)
        if centers is None:
            centers = 3
        if isinstance(centers, numbers.Integral):
            n_centers = _positive_int("centers", centers)
            centers = rng.uniform(center_box[0], center_box[1], size=(n_centers, n_features))
        else:
            centers = np.atleast_2d(np.asarray(centers, dtype=np.float64))
            n_centers, n_features = centers.shape
        per_center = [int(n_samples // n_centers)] * n_centers
        for i in range(n_samples % n_centers):
            per_center[i] += 1
    else:
        per_center = [int(n) for n in n_samples]
        n_centers = len(per_center)
        if centers is None:
            centers = rng.uniform(center_box[0], center_box[1], size=(n_centers, n_features))
        centers = np.atleast_2d(np.asarray(centers, dtype=np.float64))
        if centers.shape[0] != n_centers:
            raise ShapeError(
                f"Length of n_samples ({n_centers}) differs from the number of centers "
                f"({centers.shape[0]})."
            )
        n_features = centers.shape[1]
    if isinstance(cluster_std, numbers.Real):
        cluster_std = np.full(n_centers, float(cluster_std))
    elif len(cluster_std) != n_centers:
        raise ShapeError(
            f"cluster_std has {len(cluster_std)} entries but there are {n_centers} centers."
        )
    X = np.empty((sum(per_center), n_features))
    y = np.empty(sum(per_center), dtype=int)
    start = 0
    for i, (n, std) in enumerate(zip(per_center, cluster_std, strict=True)):
        X[start : start + n] = rng.normal(loc=centers[i], scale=std, size=(n, n_features))
        y[start : start + n] = i
        start += n
    if shuffle:
        X, y = _shuffle_rows(rng, X, y)
    return (X, y, centers) if return_centers else (X, y)


def make_moons(
    n_samples: Any = 100,
    *,
    shuffle: bool = True,
    noise: float | None = None,
    random_state: Any = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles: a classic data set that no line separates.

    The outer moon is :math:`(\\cos t, \\sin t)`, the inner one
    :math:`(1 - \\cos t, \\tfrac12 - \\sin t)`, :math:`t \\in [0, \\pi]`, plus
    Gaussian noise of standard deviation ``noise``.

    Raises
    ------
    DomainError
        If ``n_samples`` is neither an int nor a pair of ints.

    Examples
    --------
    >>> X, y = make_moons(n_samples=(1, 1), shuffle=False)
    >>> X.tolist()
    [[1.0, 0.0], [0.0, 0.5]]
    """
    if isinstance(n_samples, numbers.Integral):
        n_out = n_samples // 2
        n_in = n_samples - n_out
    else:
        try:
            n_out, n_in = n_samples
        except (TypeError, ValueError) as exc:
            raise DomainError("`n_samples` can be either an int or a two-element tuple.") from exc
    rng = check_random_state(random_state)
    t_out, t_in = np.linspace(0, np.pi, n_out), np.linspace(0, np.pi, n_in)
    X = np.vstack(
        [
            np.append(np.cos(t_out), 1 - np.cos(t_in)),
            np.append(np.sin(t_out), 1 - np.sin(t_in) - 0.5),
        ]
    ).T
    y = np.hstack([np.zeros(n_out, dtype=np.intp), np.ones(n_in, dtype=np.intp)])
    if shuffle:
        X, y = _shuffle_rows(rng, X, y)
    if noise is not None:
        X += rng.normal(scale=noise, size=X.shape)
    return X, y


def make_regression(
    n_samples: int = 100,
    n_features: int = 100,
    *,
    n_informative: int = 10,
    n_targets: int = 1,
    bias: float = 0.0,
    effective_rank: int | None = None,
    tail_strength: float = 0.5,
    noise: float = 0.0,
    shuffle: bool = True,
    coef: bool = False,
    random_state: Any = None,
) -> tuple:
    """A random linear regression problem :math:`y = X w + b + \\epsilon` (MML §9.1).

    ``X`` is standard normal; ``w`` has ``n_informative`` non-zero entries drawn
    from :math:`U(0, 100)`; :math:`\\epsilon \\sim \\mathcal N(0, \\text{noise}^2)`.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,) or (n_samples, n_targets)
    coef : ndarray of shape (n_features,) or (n_features, n_targets), if ``coef``

    Raises
    ------
    DomainError
        Non-positive sizes, or ``effective_rank`` (low-rank inputs are not provided).

    Examples
    --------
    >>> X, y, w = make_regression(n_samples=5, n_features=3, n_informative=1, coef=True,
    ...                           random_state=0)
    >>> bool(np.allclose(X @ w, y)), int((w != 0).sum())
    (True, 1)
    """
    _positive_int("n_samples", n_samples)
    _positive_int("n_features", n_features)
    _positive_int("n_targets", n_targets)
    if effective_rank is not None:
        raise DomainError(
            "effective_rank (low-rank, fat-tailed inputs) is not provided by mml; leave it None."
        )
    n_informative = min(n_features, n_informative)
    rng = check_random_state(random_state)
    X = rng.standard_normal(size=(n_samples, n_features))
    ground_truth = np.zeros((n_features, n_targets))
    ground_truth[:n_informative, :] = 100 * rng.uniform(size=(n_informative, n_targets))
    y = X @ ground_truth + bias
    if noise > 0.0:
        y += rng.normal(scale=noise, size=y.shape)
    if shuffle:
        X, y = _shuffle_rows(rng, X, y)
        indices = np.arange(n_features)
        rng.shuffle(indices)
        X[:, :] = X[:, indices]
        ground_truth = ground_truth[indices]
    y = np.squeeze(y)
    if coef:
        return X, y, np.squeeze(ground_truth)
    return X, y


def _hypercube_vertices(n_vertices: int, dimensions: int, rng: np.random.RandomState) -> np.ndarray:
    """``n_vertices`` distinct corners of the unit cube :math:`\\{0, 1\\}^d`, as rows."""
    if dimensions > 30:
        high = rng.randint(2, size=(n_vertices, dimensions - 30))
        return np.hstack([high, _hypercube_vertices(n_vertices, 30, rng)])
    codes = rng.choice(2**dimensions, n_vertices, replace=False)
    bits = (codes[:, None] >> np.arange(dimensions - 1, -1, -1)[None, :]) & 1
    return bits


def make_classification(
    n_samples: int = 100,
    n_features: int = 20,
    *,
    n_informative: int = 2,
    n_redundant: int = 2,
    n_repeated: int = 0,
    n_classes: int = 2,
    n_clusters_per_class: int = 2,
    weights: Any = None,
    flip_y: float = 0.01,
    class_sep: float = 1.0,
    hypercube: bool = True,
    shift: Any = 0.0,
    scale: Any = 1.0,
    shuffle: bool = True,
    random_state: Any = None,
    return_X_y: bool = True,
) -> Any:
    """A random n-class problem: Gaussian clusters on hypercube vertices (Guyon 2003).

    Each class has ``n_clusters_per_class`` clusters of standard normal points,
    mixed by a random matrix and moved to distinct vertices of a cube of side
    ``2 * class_sep`` in the informative subspace. Then come ``n_redundant`` random
    linear combinations of the informative features, ``n_repeated`` copies, and
    noise features; a fraction ``flip_y`` of labels is redrawn at random.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
        Or a :class:`~mml.datasets.Bunch` with ``X``, ``y`` and ``feature_info``
        when ``return_X_y`` is False.

    Raises
    ------
    DomainError
        Too many special features, too few informative ones for the clusters, or
        ``weights`` of the wrong length.

    Examples
    --------
    >>> X, y = make_classification(n_samples=50, random_state=0)
    >>> X.shape, sorted(set(y.tolist()))
    ((50, 20), [0, 1])
    """
    rng = check_random_state(random_state)
    if n_informative + n_redundant + n_repeated > n_features:
        raise DomainError(
            "Number of informative, redundant and repeated features must sum to less than the "
            "number of total features."
        )
    n_clusters = n_classes * n_clusters_per_class
    if n_informative < np.log2(n_clusters):
        raise DomainError(
            f"n_classes({n_classes}) * n_clusters_per_class({n_clusters_per_class}) must be "
            f"smaller or equal 2**n_informative({n_informative})={2**n_informative}."
        )
    if weights is None:
        weights_ = [1.0 / n_classes] * n_classes
    else:
        weights_ = [float(w) for w in weights]
        if len(weights_) == n_classes - 1:
            weights_.append(1.0 - sum(weights_))
        elif len(weights_) != n_classes:
            raise DomainError("Weights specified but incompatible with number of classes.")
    n_random = n_features - n_informative - n_redundant - n_repeated
    per_cluster = [
        int(n_samples * weights_[k % n_classes] / n_clusters_per_class) for k in range(n_clusters)
    ]
    for i in range(n_samples - sum(per_cluster)):
        per_cluster[i % n_clusters] += 1
    X = np.zeros((n_samples, n_features))
    y = np.zeros(n_samples, dtype=int)
    centroids = _hypercube_vertices(n_clusters, n_informative, rng).astype(float)
    centroids = centroids * 2 * class_sep - class_sep
    if not hypercube:
        centroids *= rng.uniform(size=(n_clusters, 1))
        centroids *= rng.uniform(size=(1, n_informative))
    X[:, :n_informative] = rng.standard_normal(size=(n_samples, n_informative))
    stop = 0
    for k, centroid in enumerate(centroids):
        start, stop = stop, stop + per_cluster[k]
        y[start:stop] = k % n_classes
        A = 2 * rng.uniform(size=(n_informative, n_informative)) - 1
        X[start:stop, :n_informative] = X[start:stop, :n_informative] @ A + centroid
    if n_redundant > 0:
        B = 2 * rng.uniform(size=(n_informative, n_redundant)) - 1
        X[:, n_informative : n_informative + n_redundant] = X[:, :n_informative] @ B
    n = n_informative + n_redundant
    if n_repeated > 0:
        indices = ((n - 1) * rng.uniform(size=n_repeated) + 0.5).astype(np.intp)
        X[:, n : n + n_repeated] = X[:, indices]
    if n_random > 0:
        X[:, -n_random:] = rng.standard_normal(size=(n_samples, n_random))
    if flip_y >= 0.0:
        flip = rng.uniform(size=n_samples) < flip_y
        y[flip] = rng.randint(n_classes, size=flip.sum())
    if shift is None:
        shift = (2 * rng.uniform(size=n_features) - 1) * class_sep
    X += shift
    if scale is None:
        scale = 1 + 100 * rng.uniform(size=n_features)
    X *= scale
    feature_order = np.arange(n_features)
    if shuffle:
        X, y = _shuffle_rows(rng, X, y)
        rng.shuffle(feature_order)
        X[:, :] = X[:, feature_order]
    if return_X_y:
        return X, y
    from mml.datasets.loaders import Bunch

    info = []
    for index in feature_order:
        if index < n_informative:
            info.append("informative")
        elif index < n:
            info.append("redundant")
        elif index < n + n_repeated:
            info.append("repeated")
        else:
            info.append("random")
    return Bunch(X=X, y=y, feature_info=info)
