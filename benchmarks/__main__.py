"""Run the ratio benchmarks: ``python -m benchmarks [--quick] [topic ...]``."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from pathlib import Path

from benchmarks.harness import write_topic


def available_topics() -> list[str]:
    here = Path(__file__).parent
    return sorted(
        info.name.removeprefix("bench_")
        for info in pkgutil.iter_modules([str(here)])
        if info.name.startswith("bench_")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "topics", nargs="*", help=f"topics to run (default all): {available_topics()}"
    )
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer repeats")
    args = parser.parse_args()
    for topic in args.topics or available_topics():
        module = importlib.import_module(f"benchmarks.bench_{topic}")
        print(f"== {topic}", flush=True)
        rows = module.run(quick=args.quick)
        write_topic(topic, rows)


if __name__ == "__main__":
    main()
