"""Subcommands of the course kit: exercises, checking, sheets, exams, coding assignments."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from mml.cli.common import _new_subcommand


# -- the course kit ----------------------------------------------------------------------------
def _run_exercise(args: argparse.Namespace) -> str:
    from mml import exercises

    if args.list or not args.kind:
        lines = []
        for chapter, kinds in exercises.list_kinds().items():
            lines.append(f"Chapter {chapter} ({len(kinds)} kinds)")
            lines += [f"  {kind.name:36s} §{kind.section:5s} {kind.description}" for kind in kinds]
        total = sum(len(kinds) for kinds in exercises.list_kinds().values())
        return "\n".join(lines + [f"{total} kinds in all"])
    exercise = exercises.generate(args.kind, seed=args.seed, difficulty=args.difficulty)
    fmt = "text" if args.format == "text" else args.format
    out = exercise.render(fmt, with_solution=args.solution)
    if not args.solution and fmt == "text":
        out += (
            f"\n\nWhen you have an answer: mml check {exercise.kind} --seed {args.seed}"
            f'{"" if args.difficulty == 1 else f" --difficulty {args.difficulty}"} --answer "..."'
        )
    return out


def _add_exercise(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "exercise",
        "a seeded exercise with nice numbers (--solution for the worked solution)",
        _run_exercise,
        [
            "mml exercise --list",
            "mml exercise linear_system.infinite --seed 7",
            "mml exercise rref --seed 3 --solution",
        ],
    )
    parser.add_argument("kind", nargs="?", help="an exercise kind (see --list)")
    parser.add_argument("--list", action="store_true", help="list every kind, by chapter")
    parser.add_argument("--seed", type=int, default=0, help="same seed, same exercise (default 0)")
    parser.add_argument("--difficulty", type=int, default=1, choices=(1, 2, 3))
    parser.add_argument(
        "--solution", action="store_true", help="show the answer and worked solution"
    )


def _run_check(args: argparse.Namespace) -> str:
    from mml import exercises

    exercise = exercises.generate(args.kind, seed=args.seed, difficulty=args.difficulty)
    feedback = exercises.check(exercise, args.answer)
    args.exit_status = 0 if feedback.correct else 1
    return str(feedback)


def _add_check(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "check",
        "check your answer to a seeded exercise: any valid form is accepted",
        _run_check,
        [
            'mml check linear_system.unique --seed 7 --answer "(1, 2)"',
            'mml check linear_system.infinite --seed 7 --answer "(0, 1, 0) + t(1, 1, 1)"',
            'mml check basis.null_space --seed 2 --answer "{(1, -2, 1)}"',
        ],
        output_options=False,
    )
    parser.add_argument("kind", help="the exercise kind")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--difficulty", type=int, default=1, choices=(1, 2, 3))
    parser.add_argument("--answer", required=True, help="your answer, as text")


def _run_sheet(args: argparse.Namespace) -> str:
    from mml.exercises.sheets import make_sheet, write_sheet

    topics = [t for t in args.topics.split(",") if t.strip()]
    written = []
    for variant in range(args.variants):
        sheet = make_sheet(
            topics, n=args.n, seed=args.seed, difficulty=args.difficulty, variant=variant
        )
        written += write_sheet(sheet, args.output, args.format)
    return "Wrote:\n" + "\n".join(f"  {path}" for path in written)


def _add_sheet(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "sheet",
        "an exercise sheet and its answer key (Markdown, LaTeX, or PDF with a LaTeX engine)",
        _run_sheet,
        [
            "mml sheet --topics linear_system,rref,determinant --n 8 --seed 42 --format markdown",
            "mml sheet --topics linear_system --n 5 --variants 30 --format latex",
        ],
        output_options=False,
    )
    parser.add_argument("--topics", required=True, help="comma-separated kinds or kind prefixes")
    parser.add_argument("--n", type=int, default=8, help="number of exercises (default 8)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--difficulty", type=int, default=1, choices=(1, 2, 3))
    parser.add_argument("--variants", type=int, default=1, help="one version per student")
    parser.add_argument("--format", choices=("markdown", "latex", "pdf"), default="markdown")
    parser.add_argument("--output", default="sheets", help="folder to write to (default sheets/)")


def _run_exam(args: argparse.Namespace) -> str:
    from mml.exercises.exams import make_exam, write_exam

    chapters = [int(c) for c in args.chapters.split(",") if c.strip()]
    exam = make_exam(chapters, n_theory=args.theory, n_math=args.math, seed=args.seed)
    written = write_exam(exam, args.output, args.format)
    return "Wrote:\n" + "\n".join(f"  {path}" for path in written)


def _add_exam(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "exam",
        "an exam: theory questions, generated exercises and coding tasks, with an answer key",
        _run_exam,
        ["mml exam --chapters 2,4,6 --seed 1 --format markdown"],
        output_options=False,
    )
    parser.add_argument("--chapters", required=True, help="comma-separated chapter numbers")
    parser.add_argument("--theory", type=int, default=4, help="theory questions (default 4)")
    parser.add_argument("--math", type=int, default=4, help="math exercises (default 4)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--format", choices=("markdown", "latex", "pdf"), default="markdown")
    parser.add_argument("--output", default="exams", help="folder to write to (default exams/)")


# -- coding assignments (mml.exercises.coding) -------------------------------------------------
def _run_assignment(args: argparse.Namespace) -> str:
    from mml.exercises import coding
    from mml.exercises.coding.notebooks import write_assignment

    if args.list or not args.task:
        return "\n".join(f"{name:24} {title}" for name, title in coding.list_tasks().items())
    names = list(coding.list_tasks()) if args.task == "all" else [args.task]
    written = []
    for name in names:
        written += write_assignment(name, args.output, seed=args.seed)
    return "Wrote:\n" + "\n".join(f"  {path}" for path in written)


def _add_assignment(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "assignment",
        "a coding assignment: a student notebook (stub) and an instructor notebook (solution)",
        _run_assignment,
        [
            "mml assignment --list",
            "mml assignment gram_schmidt --output assignments",
            "mml assignment all --output assignments --seed 3",
        ],
        output_options=False,
    )
    parser.add_argument("task", nargs="?", help="a coding task (see --list), or 'all'")
    parser.add_argument("--list", action="store_true", help="list the coding tasks")
    parser.add_argument("--seed", type=int, default=0, help="seed of the hidden tests' inputs")
    parser.add_argument(
        "--output", default="assignments", help="folder to write to (default assignments/)"
    )


SUBCOMMANDS: list[Callable[[Any], None]] = [
    _add_exercise,
    _add_check,
    _add_sheet,
    _add_exam,
    _add_assignment,
]
