"""Pictures that move: EM for a Gaussian mixture as an animated GIF (book §11.3).

Each frame is one panel of :func:`mml.plot.gmm_iterations`, on fixed axes, so the ellipses
can be watched settling onto the clusters. Frames are joined with Pillow (which comes with
matplotlib); no ffmpeg or ImageMagick is needed.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np

from mml.errors import DomainError
from mml.plot.axes import check_fitted, new_figure, plane_points

__all__ = ["gmm_animation"]


def gmm_animation(
    gmm: Any, X: Any, path: str | Path, duration_ms: int = 400, dpi: int = 60
) -> Path:
    """Save the EM iterations of a fitted 2-D Gaussian mixture as an animated GIF.

    Frame t shows the data, each component's 2σ ellipse and mean after the t-th M-step,
    and the mean log-likelihood, which never decreases from frame to frame.

    Parameters
    ----------
    gmm : fitted :class:`mml.models.GaussianMixture`
        Fitted with ``record_covariances=True``.
    X : array_like of shape (n, 2)
        The data it was fitted on.
    path : str or Path
        Where to write the ``.gif``.
    duration_ms : int
        How long each frame shows, in milliseconds (the last one shows three times as long).
    dpi : int
        Resolution of each frame.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    NotFittedError
        If the model is not fitted.
    DomainError
        If the history has no covariances, or ``duration_ms`` is not positive.
    ShapeError
        If X is not 2-D data.

    Examples
    --------
    >>> import tempfile
    >>> from PIL import Image
    >>> from mml.models import GaussianMixture
    >>> rng = np.random.default_rng(0)
    >>> X = np.vstack([rng.normal(0, 1, (30, 2)), rng.normal(4, 1, (30, 2))])
    >>> gmm = GaussianMixture(2, record_covariances=True, random_state=0).fit(X)
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     gif = gmm_animation(gmm, X, f"{folder}/em.gif")
    ...     Image.open(gif).n_frames == len(gmm.history_)
    True
    """
    from PIL import Image

    from mml.plot.models import gmm_iterations

    check_fitted(gmm, "history_")
    A = plane_points(X)
    if duration_ms <= 0:
        raise DomainError(f"duration_ms must be positive; got {duration_ms}")
    lo, hi = A.min(axis=0), A.max(axis=0)
    pad = 0.25 * np.maximum(hi - lo, 1e-9)
    frames = []
    for t in range(1, len(gmm.history_) + 1):
        fig = new_figure((5, 4))
        ax = fig.add_subplot()
        gmm_iterations(gmm, A, iterations=[t], ax=[ax])
        ax.set_xlim(lo[0] - pad[0], hi[0] + pad[0])
        ax.set_ylim(lo[1] - pad[1], hi[1] + pad[1])
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=dpi)
        buffer.seek(0)
        frames.append(Image.open(buffer).convert("RGB").quantize(colors=64))
    durations = [duration_ms] * (len(frames) - 1) + [3 * duration_ms]
    target = Path(path)
    frames[0].save(
        target, save_all=True, append_images=frames[1:], duration=durations, loop=0, disposal=1
    )
    return target
