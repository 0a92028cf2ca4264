"""`import mml` stays light: no SymPy, no matplotlib, and fast."""

from __future__ import annotations

import subprocess
import sys


def test_import_mml_does_not_import_sympy_or_matplotlib():
    code = (
        "import sys, mml; mml.solve('3x = 6'); import mml.exact, mml.parse, mml.steps; "
        "heavy = [m for m in ('sympy', 'matplotlib', 'scipy', 'sklearn', 'torch') if m in sys.modules]; "
        "print(heavy)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_subpackages_load_lazily():
    code = "import sys, mml; print('mml.exact' in sys.modules); mml.exact; print('mml.exact' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "True"]


def test_tour_quick_solves_the_four_lecture_problems(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mml.cli", "tour", "--quick", "--output", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    for problem in ("Problem 1", "Problem 2", "Problem 3", "Problem 4"):
        assert problem in result.stdout
    assert "a line of solutions" in result.stdout
    listed = [line.strip() for line in result.stdout.splitlines() if line.strip().endswith(".png")]
    assert len(listed) >= 4
    for name in listed:
        path = tmp_path / name.rsplit("/", 1)[-1]
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
