"""Exercise sheets and exams with answer keys, as Markdown, LaTeX and (with a LaTeX engine) PDF.

Templates are Jinja2 (``mml/exercises/templates``); the same ``(topics, n, seed)`` always gives
the same sheet, and ``variant`` gives each student their own version.

Examples
--------
>>> sheet = make_sheet(["linear_system", "determinant"], n=4, seed=42)
>>> [item.kind.split(".")[0] for item in sheet.exercises]
['linear_system', 'determinant', 'linear_system', 'determinant']
>>> "Exercise 1" in render_sheet(sheet, "markdown").questions
True
"""

from __future__ import annotations

import random
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mml.errors import DomainError
from mml.exercises import generate, list_kinds
from mml.exercises.core import Exercise
from mml.steps.mathtext import escape_latex, unicode_to_latex

__all__ = [
    "Sheet",
    "RenderedSheet",
    "make_sheet",
    "render_sheet",
    "write_sheet",
    "latex_engine",
    "kinds_for_topics",
]

FORMATS = ("markdown", "latex", "pdf")
LATEX_ENGINES = ("pdflatex", "xelatex", "lualatex", "tectonic")


@dataclass(frozen=True)
class Sheet:
    """A list of exercises with a title; ``variant`` 0 is the base version."""

    title: str
    exercises: tuple[Exercise, ...]
    seed: int
    variant: int = 0


@dataclass(frozen=True)
class RenderedSheet:
    """The questions and the answer key, as text in one format."""

    questions: str
    answer_key: str
    extension: str


def kinds_for_topics(topics: list[str]) -> list[str]:
    """Kinds matching each topic: a kind name (``rref``) or a prefix (``linear_system``).

    Raises
    ------
    DomainError
        For a topic that matches no kind; the message lists the topics there are.
    """
    every = [kind.name for kinds in list_kinds().values() for kind in kinds]
    chosen: list[str] = []
    for topic in topics:
        topic = topic.strip()
        matches = [
            k for k in every if k == topic or k.startswith(topic + ".") or k.split(".")[0] == topic
        ]
        if not matches:
            prefixes = sorted({k.split(".")[0] for k in every})
            raise DomainError(
                f"no exercise kind for topic {topic!r}; topics: {', '.join(prefixes)}"
            )
        chosen.extend(m for m in matches if m not in chosen)
    return chosen


def make_sheet(
    topics: list[str],
    n: int = 8,
    seed: int = 0,
    difficulty: int = 1,
    variant: int = 0,
    title: str = "Exercise sheet",
) -> Sheet:
    """Pick ``n`` exercises from the topics, in a seeded order, and generate them.

    Each exercise's own seed is derived from ``(seed, variant, position)``, so versions differ
    while the base sheet never changes.
    """
    if n < 1:
        raise DomainError(f"a sheet needs at least one exercise; got n = {n}")
    groups = [kinds_for_topics([topic]) for topic in topics]
    rng = random.Random(f"sheet:{seed}:{variant}:{','.join(topics)}")
    for group in groups:
        rng.shuffle(group)
    # Round-robin over the topics, so each topic gets its share of the n exercises.
    picked = [
        groups[i % len(groups)][(i // len(groups)) % len(groups[i % len(groups)])] for i in range(n)
    ]
    exercises = tuple(
        generate(kind, seed=rng.randrange(10**6), difficulty=difficulty) for kind in picked
    )
    return Sheet(title, exercises, seed, variant)


def _environment():
    try:
        import jinja2
    except ImportError as error:  # pragma: no cover - the kit extra is installed in tests
        raise DomainError("sheets need Jinja2: pip install 'mml[kit]'") from error
    return jinja2.Environment(
        loader=jinja2.PackageLoader("mml.exercises", "templates"),
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_sheet(
    sheet: Sheet,
    fmt: str = "markdown",
    intro: str = "Work each exercise on paper, then check it with `mml check`.",
) -> RenderedSheet:
    """Render the questions and the answer key (``fmt`` is ``markdown`` or ``latex``)."""
    environment = _environment()
    items = [
        {
            "exercise": exercise,
            "kind_latex": escape_latex(exercise.kind),
            "answer_latex": escape_latex(exercise.answer_text),
            "solution_markdown": exercise.solution.render("markdown"),
            "solution_latex": exercise.solution.render("latex"),
        }
        for exercise in sheet.exercises
    ]
    context = {"title": sheet.title, "variant": sheet.variant, "items": items, "intro": intro}
    if fmt == "markdown":
        questions = environment.get_template("sheet.md.j2").render(**context)
        key = environment.get_template("key.md.j2").render(**context)
        return RenderedSheet(questions, key, "md")
    if fmt == "latex":
        template = environment.get_template("sheet.tex.j2")
        intro_latex = escape_latex(intro.replace("`", ""))
        return RenderedSheet(
            unicode_to_latex(template.render(**context | {"intro": intro_latex}, key=False)),
            unicode_to_latex(template.render(**context | {"intro": intro_latex}, key=True)),
            "tex",
        )
    raise DomainError(
        f"unknown format {fmt!r}; expected markdown or latex (or pdf when writing files)"
    )


def latex_engine() -> str | None:
    """The first LaTeX engine on the PATH, or None."""
    return next((engine for engine in LATEX_ENGINES if shutil.which(engine)), None)


def _compile_pdf(tex: str, target: Path, engine: str) -> Path:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "sheet.tex"
        source.write_text(tex, encoding="utf-8")
        command = (
            [engine, "-interaction=nonstopmode", "-halt-on-error", source.name]
            if engine != "tectonic"
            else [engine, source.name]
        )
        result = subprocess.run(
            command, cwd=folder, capture_output=True, text=True, timeout=120, check=False
        )
        pdf = source.with_suffix(".pdf")
        if result.returncode != 0 or not pdf.exists():
            log = (result.stdout + result.stderr)[-1500:]
            raise DomainError(f"{engine} could not compile the sheet:\n{log}")
        shutil.copyfile(pdf, target)
    return target


def write_sheet(
    sheet: Sheet, output_dir: str | Path, fmt: str = "markdown", stem: str = "sheet"
) -> list[Path]:
    """Write the questions and the answer key; returns the files written.

    ``fmt="pdf"`` writes the LaTeX files and compiles them when a LaTeX engine is installed.

    Raises
    ------
    DomainError
        For an unknown format, or ``pdf`` when no LaTeX engine is installed (the message says
        so; the ``.tex`` files are written first so nothing is lost).
    """
    if fmt not in FORMATS:
        raise DomainError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    folder = Path(output_dir)
    folder.mkdir(parents=True, exist_ok=True)
    suffix = f"-v{sheet.variant:02d}" if sheet.variant else ""
    rendered = render_sheet(sheet, "latex" if fmt == "pdf" else fmt)
    questions = folder / f"{stem}{suffix}.{rendered.extension}"
    key = folder / f"{stem}{suffix}-key.{rendered.extension}"
    questions.write_text(rendered.questions, encoding="utf-8")
    key.write_text(rendered.answer_key, encoding="utf-8")
    written = [questions, key]
    if fmt == "pdf":
        engine = latex_engine()
        if engine is None:
            raise DomainError(
                f"no LaTeX engine found ({', '.join(LATEX_ENGINES)}), so no PDF; the LaTeX files "
                f"{questions} and {key} were written: compile them elsewhere, or install one "
                "(for example: apt-get install texlive-latex-base texlive-latex-extra)"
            )
        written += [
            _compile_pdf(rendered.questions, questions.with_suffix(".pdf"), engine),
            _compile_pdf(rendered.answer_key, key.with_suffix(".pdf"), engine),
        ]
    return written
