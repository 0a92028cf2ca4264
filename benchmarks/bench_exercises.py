"""Issue 7 benchmarks: time to generate and check one exercise of each kind (target < 50 ms
on average), and `mml sheet --n 20` as a whole process (target < 3 s, no PDF).

These are absolute times, not ratios: the issue sets absolute budgets for the course kit,
and there is no reference library to compare with. They are reported here, never asserted in
tests.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time

from benchmarks.harness import Row


def _time_kind(kind: str, seeds: int) -> float:
    from mml import exercises

    start = time.perf_counter()
    for seed in range(seeds):
        exercise = exercises.generate(kind, seed=seed, difficulty=1 + seed % 3)
        exercises.check(exercise, exercise.answer_text)
    return (time.perf_counter() - start) / seeds


def run(quick: bool = False) -> list[Row]:
    from mml import exercises

    kinds = [kind.name for chapter in exercises.list_kinds().values() for kind in chapter]
    seeds = 5 if quick else 20
    times = {kind: _time_kind(kind, seeds) for kind in kinds}
    average = sum(times.values()) / len(times)
    slowest = sorted(times.items(), key=lambda item: -item[1])[:5]
    rows = [
        Row(
            "generate + check, average over kinds",
            f"{len(kinds)} kinds × {seeds} seeds",
            "budget 50 ms",
            average,
            0.050,
            target=1.0,
            note="ratio = time / 50 ms",
        )
    ]
    for kind, seconds in slowest:
        rows.append(
            Row(
                f"slowest: {kind}",
                f"{seeds} seeds",
                "budget 50 ms",
                seconds,
                0.050,
                target=1.0,
                note="ratio = time / 50 ms",
            )
        )
    with tempfile.TemporaryDirectory() as folder:
        command = [
            sys.executable,
            "-m",
            "mml.cli",
            "sheet",
            "--topics",
            "linear_system,rref,determinant,eigen,bayes",
            "--n",
            "20",
            "--output",
            folder,
        ]
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            best = min(best, time.perf_counter() - start)
    rows.append(
        Row(
            "`mml sheet --n 20` whole process",
            "20 exercises, markdown",
            "budget 3 s",
            best,
            3.0,
            target=1.0,
            note="ratio = time / 3 s",
        )
    )
    for row in rows:
        print(f"{row.case:50s} {row.mml_seconds * 1000:9.1f} ms  ratio {row.ratio:.3f}", flush=True)
    return rows
