"""The README gallery: one picture per chapter 2-12, written as valid small PNGs."""

from __future__ import annotations

import pytest
from PIL import Image

from mml.errors import DomainError
from mml.plot.gallery import GALLERY, write_gallery


def test_one_picture_per_chapter_with_a_caption():
    chapters = sorted(int(name[2:4]) for name in GALLERY)
    assert chapters == list(range(2, 13))
    assert all(picture.look_at for picture in GALLERY.values())


def test_written_pictures_are_small_pngs(tmp_path):
    paths = write_gallery(tmp_path, ["ch04_svd.png", "ch05_computation_graph.png"], dpi=40)
    assert [p.name for p in paths] == ["ch04_svd.png", "ch05_computation_graph.png"]
    for path in paths:
        with Image.open(path) as image:
            assert image.format == "PNG" and image.mode == "P"  # palette: small files
        assert path.stat().st_size < 60_000


def test_unknown_names_are_refused(tmp_path):
    with pytest.raises(DomainError, match="not in the gallery"):
        write_gallery(tmp_path, ["ch99.png"])
