"""Exams that mix the three parts of the course's exam: theory (multiple choice with
explanations), mathematics (generated exercises), and coding snippets.

Examples
--------
>>> exam = make_exam(chapters=[2, 6], n_theory=2, n_math=2, seed=1)
>>> len(exam.theory), len(exam.math.exercises), bool(exam.coding)
(2, 2, True)
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from mml.errors import DomainError
from mml.exercises import list_kinds
from mml.exercises.sheets import Sheet, latex_engine, make_sheet, render_sheet
from mml.steps.mathtext import escape_latex, unicode_to_latex

__all__ = ["TheoryQuestion", "Exam", "theory_bank", "make_exam", "write_exam"]

CODING_TASKS = {
    2: "Implement `rref(A)` with exact fractions; return the matrix and the pivot columns.",
    3: "Implement `gram_schmidt(vectors)` returning orthonormal vectors; test QᵀQ = I.",
    4: "Implement `power_iteration(A, iterations)` for the largest eigenpair of a symmetric matrix.",
    5: "Implement the backward pass of a 2-layer MLP and check it against finite differences.",
    6: "Implement `gaussian_conditional(mean, cov, given, values)` with NumPy.",
    7: "Implement gradient descent with backtracking line search for a quadratic.",
    9: "Implement least-squares regression through the normal equations solved by Cholesky.",
    10: "Implement PCA by the eigendecomposition of the covariance matrix.",
    11: "Implement one EM iteration for a Gaussian mixture.",
    12: "Implement the hinge loss and its subgradient for a linear SVM.",
}


@dataclass(frozen=True)
class TheoryQuestion:
    chapter: int
    section: str
    question: str
    choices: tuple[str, ...]
    answer: int
    explanation: str


@dataclass(frozen=True)
class Exam:
    theory: tuple[TheoryQuestion, ...]
    math: Sheet
    coding: tuple[str, ...]


def theory_bank() -> list[TheoryQuestion]:
    """The concept questions shipped with mml (``exercises/data/theory.json``)."""
    text = resources.files("mml.exercises").joinpath("data/theory.json").read_text(encoding="utf-8")
    return [
        TheoryQuestion(
            q["chapter"],
            q["section"],
            q["question"],
            tuple(q["choices"]),
            q["answer"],
            q["explanation"],
        )
        for q in json.loads(text)
    ]


def make_exam(
    chapters: list[int],
    n_theory: int = 4,
    n_math: int = 4,
    n_coding: int = 1,
    seed: int = 0,
    difficulty: int = 2,
) -> Exam:
    """An exam over the given chapters: theory questions, generated exercises, coding tasks.

    Raises
    ------
    DomainError
        If no exercise kind or theory question exists for the chapters.
    """
    rng = random.Random(f"exam:{seed}:{chapters}")
    questions = [q for q in theory_bank() if q.chapter in chapters]
    if not questions:
        raise DomainError(f"no theory questions for chapters {chapters}")
    theory = tuple(rng.sample(questions, min(n_theory, len(questions))))
    topics = sorted(
        {
            kind.name.split(".")[0]
            for chapter, kinds in list_kinds().items()
            if chapter in chapters
            for kind in kinds
        }
    )
    if not topics:
        raise DomainError(f"no exercise kinds for chapters {chapters}")
    math = make_sheet(
        topics, n=n_math, seed=seed, difficulty=difficulty, title="Mathematical questions"
    )
    tasks = [CODING_TASKS[c] for c in chapters if c in CODING_TASKS]
    coding = tuple(rng.sample(tasks, min(n_coding, len(tasks))))
    return Exam(theory, math, coding)


def _markdown(exam: Exam, key: bool) -> str:
    lines = ["# Exam" + (" — answer key" if key else ""), "", "## Part A: theory", ""]
    for number, q in enumerate(exam.theory, start=1):
        lines.append(f"{number}. {q.question}")
        lines += [f"   - ({chr(97 + i)}) {choice}" for i, choice in enumerate(q.choices)]
        if key:
            lines.append(f"   **Answer: ({chr(97 + q.answer)})** {q.explanation}")
        lines.append("")
    lines += ["## Part B: mathematics", ""]
    rendered = render_sheet(exam.math, "markdown")
    body = rendered.answer_key if key else rendered.questions
    lines += [
        line.replace("# ", "### ", 1) if line.startswith("# ") else line
        for line in body.splitlines()[1:]
    ]
    lines += ["", "## Part C: coding", ""]
    lines += [f"{i}. {task}" for i, task in enumerate(exam.coding, start=1)]
    return "\n".join(lines) + "\n"


def _latex(exam: Exam, key: bool) -> str:
    parts = [
        r"\documentclass[11pt]{article}",
        r"\usepackage[margin=2.2cm]{geometry}\usepackage{amsmath,amssymb}\usepackage[utf8]{inputenc}",
        r"\setcounter{MaxMatrixCols}{20}",
        r"\begin{document}",
        r"\section*{Exam" + (" --- answer key" if key else "") + "}",
        r"\subsection*{Part A: theory}",
        r"\begin{enumerate}",
    ]
    for q in exam.theory:
        parts.append(r"\item " + escape_latex(q.question))
        parts.append(r"\begin{enumerate}")
        parts += [
            r"\item[(" + chr(97 + i) + ")] " + escape_latex(c) for i, c in enumerate(q.choices)
        ]
        parts.append(r"\end{enumerate}")
        if key:
            parts.append(
                r"\textbf{Answer: (" + chr(97 + q.answer) + r")} " + escape_latex(q.explanation)
            )
    parts += [r"\end{enumerate}", r"\subsection*{Part B: mathematics}"]
    rendered = render_sheet(exam.math, "latex")
    body = rendered.answer_key if key else rendered.questions
    inner = body[body.index(r"\maketitle") + len(r"\maketitle") : body.index(r"\end{document}")]
    parts.append(inner.replace(r"\section*", r"\subsubsection*"))
    parts += [r"\subsection*{Part C: coding}", r"\begin{enumerate}"]
    parts += [r"\item " + escape_latex(task.replace("`", "")) for task in exam.coding]
    parts += [r"\end{enumerate}", r"\end{document}"]
    return unicode_to_latex("\n".join(parts) + "\n")


def write_exam(exam: Exam, output_dir: str | Path, fmt: str = "markdown") -> list[Path]:
    """Write the exam and its answer key (``markdown``, ``latex`` or ``pdf``)."""
    from mml.exercises.sheets import _compile_pdf

    folder = Path(output_dir)
    folder.mkdir(parents=True, exist_ok=True)
    if fmt == "markdown":
        files = [
            (folder / "exam.md", _markdown(exam, False)),
            (folder / "exam-key.md", _markdown(exam, True)),
        ]
    elif fmt in ("latex", "pdf"):
        files = [
            (folder / "exam.tex", _latex(exam, False)),
            (folder / "exam-key.tex", _latex(exam, True)),
        ]
    else:
        raise DomainError(f"unknown format {fmt!r}; expected markdown, latex or pdf")
    for path, text in files:
        path.write_text(text, encoding="utf-8")
    written = [path for path, _ in files]
    if fmt == "pdf":
        engine = latex_engine()
        if engine is None:
            raise DomainError(
                f"no LaTeX engine found, so no PDF; the LaTeX files {written[0]} and {written[1]} were written"
            )
        written += [_compile_pdf(text, path.with_suffix(".pdf"), engine) for path, text in files]
    return written
