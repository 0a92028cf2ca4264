"""Write one picture per chapter of the MML book into docs/img/ (for the README).

Run ``python docs/make_figures.py [OUTPUT_DIR]`` (what ``make figures`` does). The recipes
live in :mod:`mml.plot.gallery`, shared with ``mml tour``; they use only data shipped with
mml, so the script runs offline and writes the same pictures each time.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from mml.plot.gallery import GALLERY, write_gallery  # noqa: E402


def main(output: str | Path = Path(__file__).parent / "img") -> list[Path]:
    """Draw every gallery picture into ``output``; print and return the paths."""
    written = write_gallery(output)
    for path in written:
        print(f"{path}  ({path.stat().st_size // 1024} KB): {GALLERY[path.name].look_at}")
    return written


if __name__ == "__main__":
    main(*sys.argv[1:2])
