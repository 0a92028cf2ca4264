"""The ``mml`` command line: exact worked solutions in the terminal.

Each subcommand has a function that builds its parser (``_add_<name>``) and one that runs it
(``_run_<name>``, returning the text to print). To add a subcommand, write both and append
the ``_add_`` function to the ``SUBCOMMANDS`` list of its topic module (``linear_algebra``,
``calculus``, ``probability``, ``optimisation``, ``models``, ``kit``); shared helpers live in ``common``.

Errors in the user's input (``ParseError``, ``ShapeError``, ``DomainError``) are printed to
stderr with their caret line and exit with status 2; a mathematical obstacle such as a
singular matrix exits with status 1. Never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any

from mml import __version__
from mml.cli import calculus, kit, linear_algebra, models, optimisation, probability
from mml.cli.common import _example, _new_subcommand
from mml.errors import MMLError

__all__ = ["main", "build_parser", "SUBCOMMANDS"]


# -- the guided tour ---------------------------------------------------------------------------
def _run_tour(args: argparse.Namespace) -> str:
    from mml.tour import run_tour

    run_tour(quick=args.quick, output_dir=args.output, open_folder=args.open)
    return ""


def _add_tour(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "tour",
        "a guided tour of mml: the lecture's problems solved with steps, and more",
        _run_tour,
        ["mml tour", "mml tour --quick"],
        output_options=False,
    )
    parser.add_argument("--quick", action="store_true", help="skip the slow parts")
    parser.add_argument(
        "--output", default="tour-output", help="folder for the files the tour writes"
    )
    parser.add_argument("--open", action="store_true", help="open the output folder at the end")


SUBCOMMANDS: list[Callable[[Any], None]] = [
    *linear_algebra.SUBCOMMANDS,
    *calculus.SUBCOMMANDS,
    *probability.SUBCOMMANDS,
    *optimisation.SUBCOMMANDS,
    *models.SUBCOMMANDS,
    *kit.SUBCOMMANDS,
    _add_tour,
]


def build_parser() -> argparse.ArgumentParser:
    """The ``mml`` argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="mml",
        description="Mathematics for Machine Learning, Code + Paper: exact worked solutions "
        "with every step, and from-scratch algorithms.",
        epilog=_example('mml solve "3x + y = 9; 4x - 2y = 5"', "mml tour", "mml <command> --help"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"mml {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="<command>")
    for add in SUBCOMMANDS:
        add(subparsers)
    return parser


def _is_linear_algebra_error(error: BaseException) -> bool:
    """A mathematical obstacle (singular, not positive definite, no convergence)."""
    from mml.errors import LinAlgError

    return isinstance(error, LinAlgError)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``mml`` with ``argv``; return the exit status (0 ok, 1 math obstacle, 2 bad input)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        output = args.run(args)
    except MMLError as error:
        if _is_linear_algebra_error(error):
            steps = getattr(error, "steps", None)
            if steps is not None and not getattr(args, "no_steps", False):
                print(steps.render(getattr(args, "format", "text")))
            print(f"mml {args.command}: {error}", file=sys.stderr)
            return 1
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # a file the user named could not be written (or read)
        where = f" {error.filename}" if error.filename else ""
        print(f"error: cannot use{where}: {error.strerror or error}", file=sys.stderr)
        return 2
    if output:
        try:
            print(output)
        except BrokenPipeError:  # e.g. `mml ... | head`: the reader has gone, nothing to say
            sys.stderr.close()
            return 0
    return getattr(args, "exit_status", 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
