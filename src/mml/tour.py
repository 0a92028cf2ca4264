"""``mml tour``: a guided walk through mml, run by ``make demo``.

It starts where the course starts, with the four problems of Lecture 1, each solved exactly
with every row operation and a sentence that says what the answer means. Later stops show the
Code side. Each stop prints one line that says what to look at.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["run_tour", "LECTURE_PROBLEMS"]

LECTURE_PROBLEMS = (
    ("Problem 1", "3x = 6"),
    ("Problem 2", "3x + y = 9; 4x - 2y = 5"),
    ("Problem 3", "2x + 4y - z = 5; 7x - 2y + 3z = 6; 9x + 2y + 2z = 11"),
    ("Problem 4", "2x + 4y = 5"),
)

RULE = "─" * 72


def _heading(text: str) -> None:
    print(f"\n{RULE}\n{text}\n{RULE}")


def _matplotlib_available() -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
    except ImportError:
        print("(matplotlib is not installed, so no pictures: pip install 'mml[plot]')")
        return False
    return True


def _lecture_problems(output_dir: Path, quick: bool) -> list[Path]:
    import mml

    _heading("Lecture 1: the four problems, solved exactly (Paper)")
    print("Look at: each row operation in fractions, then what the solution set is.\n")
    written = []
    draw = _matplotlib_available()
    for number, (name, system) in enumerate(LECTURE_PROBLEMS, start=1):
        solution = mml.solve(system)
        print(f"== {name}: {system}")
        print(solution.steps.render("text"))
        print(f"→ {solution.meaning}")
        if draw:
            import matplotlib.pyplot as plt

            from mml.plot import linear_system

            output_dir.mkdir(parents=True, exist_ok=True)
            path = output_dir / f"lecture-problem-{number}.png"
            figure = linear_system(solution)
            figure.savefig(path, dpi=100, bbox_inches="tight")
            plt.close(figure)
            written.append(path)
            print(f"→ picture: {path}")
        print()
    return written


def _determinant_and_inverse(output_dir: Path, quick: bool) -> list[Path]:
    from mml import exact

    _heading("Determinant and inverse of Problem 2's matrix")
    print("Look at: det A ≠ 0 is why Problem 2 has exactly one solution.\n")
    A = "3 1; 4 -2"
    print(exact.det(A).steps.render("text"))
    print()
    print(exact.inverse(A).steps.render("text", show_steps=False))
    return []


STOPS: list[tuple[str, Callable[[Path, bool], list[Path]], bool]] = [
    # (name, function, slow?)
    ("lecture problems", _lecture_problems, False),
    ("determinant and inverse", _determinant_and_inverse, False),
]


def run_tour(quick: bool = False, output_dir: str | Path = "tour-output") -> list[Path]:
    """Run every stop of the tour; return the files written.

    Parameters
    ----------
    quick : bool
        Skip the slow stops.
    output_dir : str or Path
        Where pictures and other files go (created if needed).
    """
    start = time.perf_counter()
    folder = Path(output_dir)
    written: list[Path] = []
    print("Welcome to mml: Mathematics for Machine Learning, Code + Paper.")
    for _name, stop, slow in STOPS:
        if quick and slow:
            continue
        written.extend(stop(folder, quick))
    _heading("Where to go next")
    if written:
        print("Files written:")
        for path in written:
            print(f"  {path}")
    print("Try:")
    print('  mml solve "x + 2y = 3; 2x + 4y = 6"     # your own system')
    print('  mml rref "1 2 3; 4 5 6; 7 8 10" --format latex')
    print("  mml --help                              # every command")
    print(f"\nTour finished in {time.perf_counter() - start:.1f} s.")
    return written
