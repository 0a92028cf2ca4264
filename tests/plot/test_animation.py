"""The EM animation has one frame per iteration, the last one of the fitted model."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from mml.errors import DomainError, NotFittedError
from mml.models import GaussianMixture
from mml.plot import gmm_animation

RNG = np.random.default_rng(2)
X = np.vstack([RNG.normal(0, 0.5, (25, 2)), RNG.normal(4, 0.5, (25, 2))])


def test_one_frame_per_em_iteration(tmp_path):
    gmm = GaussianMixture(2, record_covariances=True, random_state=0).fit(X)
    gif = gmm_animation(gmm, X, tmp_path / "em.gif", duration_ms=100)
    with Image.open(gif) as image:
        assert image.format == "GIF"
        assert image.n_frames == len(gmm.history_)
        image.seek(image.n_frames - 1)
        assert image.info["duration"] == 300  # the last frame lingers


def test_animation_refuses_missing_history_and_bad_durations(tmp_path):
    with pytest.raises(NotFittedError):
        gmm_animation(GaussianMixture(2), X, tmp_path / "a.gif")
    plain = GaussianMixture(2, random_state=0).fit(X)
    with pytest.raises(DomainError, match="record_covariances"):
        gmm_animation(plain, X, tmp_path / "b.gif")
    recorded = GaussianMixture(1, record_covariances=True, random_state=0).fit(X)
    with pytest.raises(DomainError, match="duration"):
        gmm_animation(recorded, X, tmp_path / "c.gif", duration_ms=0)
