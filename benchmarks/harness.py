"""The one benchmark harness: interleaved, best of N, at a fixed BLAS thread count.

Every benchmark module ``benchmarks/bench_<topic>.py`` defines ``run(quick: bool) -> list[Row]``.
``python -m benchmarks [topic ...]`` runs them, writes ``benchmarks/results/<topic>.md`` for
each, and rebuilds ``benchmarks/RESULTS.md`` from all the per-topic files.

Rules (README of the project): both sides run in one process, interleaved, best of N, with
``threadpoolctl`` fixing every BLAS pool (numpy's and scipy's are separate) to the same count.
A ratio is time(mml) / time(reference); below 1 means mml is faster.
"""

from __future__ import annotations

import platform
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

RESULTS_DIR = Path(__file__).parent / "results"
RESULTS_FILE = Path(__file__).parent / "RESULTS.md"
DEFAULT_THREADS = 1


@dataclass
class Row:
    """One measured case: time(mml) / time(reference) at one size."""

    case: str
    size: str
    reference: str
    mml_seconds: float
    reference_seconds: float
    target: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.mml_seconds / self.reference_seconds

    @property
    def verdict(self) -> str:
        if self.target is None:
            return "report"
        return "hit" if self.ratio <= self.target else "MISS"


def best_of_interleaved(
    ours: Callable[[], object],
    reference: Callable[[], object],
    repeat: int = 7,
    number: int = 1,
) -> tuple[float, float]:
    """Time both callables alternately; return (best mml seconds, best reference seconds)."""
    ours()
    reference()  # warm-up: imports, caches, page faults
    best_ours = best_reference = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            reference()
        best_reference = min(best_reference, (time.perf_counter() - start) / number)
        start = time.perf_counter()
        for _ in range(number):
            ours()
        best_ours = min(best_ours, (time.perf_counter() - start) / number)
    return best_ours, best_reference


def compare(
    case: str,
    size: str,
    ours: Callable[[], object],
    reference: Callable[[], object],
    reference_name: str,
    target: float | None = None,
    repeat: int = 7,
    number: int = 1,
    threads: int = DEFAULT_THREADS,
    note: str = "",
) -> Row:
    """Measure one case at a fixed BLAS thread count for every loaded BLAS pool."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=threads):
        mml_seconds, reference_seconds = best_of_interleaved(ours, reference, repeat, number)
    row = Row(case, size, reference_name, mml_seconds, reference_seconds, target, note)
    print(
        f"{case:40s} {size:>14s} ratio {row.ratio:7.3f}"
        + (f" (target <= {target})" if target is not None else "")
        + f"  [{row.verdict}]",
        flush=True,
    )
    return row


def blas_description(threads: int = DEFAULT_THREADS) -> str:
    """Which BLAS libraries are loaded, and at what thread count they were run."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:  # pragma: no cover - bench extras missing
        return "threadpoolctl not installed"
    pools = [
        f"{info.get('internal_api')} {info.get('version')} ({info.get('prefix')}, "
        f"arch {info.get('architecture')})"
        for info in threadpool_info()
        if info.get("user_api") == "blas"
    ]
    return f"{threads} thread(s) in every pool; " + "; ".join(sorted(set(pools)))


def format_table(topic: str, rows: list[Row], threads: int = DEFAULT_THREADS) -> str:
    lines = [
        f"## {topic}",
        "",
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()} "
        f"({platform.python_implementation()} {platform.python_version()}); "
        f"BLAS: {blas_description(threads)}.",
        "",
        "| case | size | reference | mml (s) | reference (s) | ratio | target | verdict | note |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        target = f"≤ {row.target}" if row.target is not None else "—"
        lines.append(
            f"| {row.case} | {row.size} | {row.reference} | {row.mml_seconds:.3g} | "
            f"{row.reference_seconds:.3g} | {row.ratio:.3g} | {target} | {row.verdict} | "
            f"{row.note} |"
        )
    return "\n".join(lines) + "\n"


def write_topic(topic: str, rows: list[Row], threads: int = DEFAULT_THREADS) -> None:
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / f"{topic}.md").write_text(format_table(topic, rows, threads))
    rebuild_results()


def rebuild_results() -> None:
    parts = [
        "# Benchmark results",
        "",
        "Ratios are time(mml) / time(reference), best of N, interleaved in one process, with",
        "every BLAS pool fixed to the same thread count by threadpoolctl. Below 1 means mml",
        "is faster. Produced by `make bench` (`python -m benchmarks [topic ...]`).",
        "",
    ]
    for path in sorted(RESULTS_DIR.glob("*.md")):
        parts.append(path.read_text())
    RESULTS_FILE.write_text("\n".join(parts))
