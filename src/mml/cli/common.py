"""What every ``mml`` subcommand shares: output options, rendering, pictures, the parser
factory."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["FORMATS"]

FORMATS = ("text", "markdown", "latex")


def _output_options() -> argparse.ArgumentParser:
    """Options every Paper subcommand shares: ``--format`` and ``--no-steps``."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        default="text",
        help="output format (default: text)",
    )
    parent.add_argument(
        "--no-steps", action="store_true", help="print only the result, without the steps"
    )
    return parent


def _render(result: Any, args: argparse.Namespace) -> str:
    """Render a Paper result (anything with ``.steps``) in the chosen format."""
    return result.steps.render(args.format, show_steps=not args.no_steps)


def _add_plot_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plot", metavar="FILE.png", help="also draw the picture into FILE.png")


def _save_plot(args: argparse.Namespace, draw: Callable[[], Any]) -> str:
    """Draw with ``draw()`` into ``args.plot`` (when given); the line to print about it."""
    if not getattr(args, "plot", None):
        return ""
    try:
        import matplotlib

        matplotlib.use("Agg")
    except ImportError:
        from mml.errors import DomainError

        raise DomainError("--plot needs matplotlib: pip install 'mml[plot]'") from None
    figure = draw()
    figure.savefig(args.plot, dpi=100, bbox_inches="tight")
    return f"\npicture: {args.plot}"


def _example(*lines: str) -> str:
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def _new_subcommand(
    subparsers: Any,
    name: str,
    help_text: str,
    run: Callable[[argparse.Namespace], str],
    examples: Sequence[str] = (),
    output_options: bool = True,
) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        name,
        help=help_text,
        description=help_text,
        epilog=_example(*examples) if examples else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_output_options()] if output_options else [],
    )
    parser.set_defaults(run=run, command=name)
    return parser
