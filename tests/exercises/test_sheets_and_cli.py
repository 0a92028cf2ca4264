"""Sheets, exams and the kit's CLI: deterministic, complete, and clear without LaTeX."""

from __future__ import annotations

import pytest

from mml.cli import main
from mml.errors import DomainError
from mml.exercises.exams import make_exam, theory_bank, write_exam
from mml.exercises.sheets import latex_engine, make_sheet, render_sheet, write_sheet


def test_same_seed_same_sheet_and_variants_differ():
    a = make_sheet(["linear_system", "rref"], n=6, seed=42)
    b = make_sheet(["linear_system", "rref"], n=6, seed=42)
    assert [e.prompt.text for e in a.exercises] == [e.prompt.text for e in b.exercises]
    v = make_sheet(["linear_system", "rref"], n=6, seed=42, variant=3)
    assert [e.prompt.text for e in v.exercises] != [e.prompt.text for e in a.exercises]


def test_every_topic_gets_its_share():
    sheet = make_sheet(["rref", "determinant", "bayes"], n=6, seed=1)
    prefixes = [e.kind.split(".")[0] for e in sheet.exercises]
    assert prefixes.count("rref") == prefixes.count("determinant") == prefixes.count("bayes") == 2


def test_markdown_and_latex_have_questions_and_keys_with_answers():
    sheet = make_sheet(["linear_system"], n=3, seed=5)
    markdown = render_sheet(sheet, "markdown")
    assert markdown.questions.count("## Exercise") == 3
    for exercise in sheet.exercises:
        answer_line = f"**Answer:** `{exercise.answer_text}`"
        assert answer_line in markdown.answer_key
        assert answer_line not in markdown.questions and "**Answer:**" not in markdown.questions
    latex = render_sheet(sheet, "latex")
    assert latex.questions.startswith(r"\documentclass") and r"\end{document}" in latex.answer_key


def test_unknown_topic_lists_the_topics():
    with pytest.raises(DomainError, match="topics:"):
        make_sheet(["eigenvaluez"], n=2)


def test_pdf_is_made_or_the_missing_engine_is_named(tmp_path):
    sheet = make_sheet(["rref"], n=1, seed=0)
    if latex_engine() is None:
        with pytest.raises(DomainError, match="no LaTeX engine"):
            write_sheet(sheet, tmp_path, "pdf")
        assert (tmp_path / "sheet.tex").exists()
    else:
        written = write_sheet(sheet, tmp_path, "pdf")
        assert any(p.suffix == ".pdf" and p.read_bytes()[:4] == b"%PDF" for p in written)


def test_exam_has_three_parts_and_the_key_explains():
    exam = make_exam([2, 6], n_theory=3, n_math=2, seed=4)
    assert len(exam.theory) == 3 and len(exam.math.exercises) == 2 and exam.coding
    for question in theory_bank():
        assert 0 <= question.answer < len(question.choices) and question.explanation


def test_exam_files(tmp_path):
    exam = make_exam([2, 7], seed=2)
    question_file, key_file = write_exam(exam, tmp_path, "markdown")
    questions, key = question_file.read_text(), key_file.read_text()
    assert "Part A" in questions and "Part B" in questions and "Part C" in questions
    assert "**Answer:" in key and "**Answer:" not in questions


def run(capsys, *argv):
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_cli_exercise_then_check_round_trip(capsys):
    from mml import exercises

    status, out, _ = run(capsys, "exercise", "rref", "--seed", "3")
    assert status == 0 and "mml check rref --seed 3" in out
    answer = exercises.generate("rref", seed=3).answer_text
    status, out, _ = run(capsys, "check", "rref", "--seed", "3", "--answer", answer)
    assert status == 0 and out.startswith("correct")
    status, out, _ = run(capsys, "check", "rref", "--seed", "3", "--answer", "[[1, 0], [0")
    assert status == 1 and "^" in out


def test_cli_list_groups_by_chapter(capsys):
    status, out, _ = run(capsys, "exercise", "--list")
    assert status == 0 and "Chapter 2" in out and "kinds in all" in out


def test_cli_sheet_and_exam_write_files(capsys, tmp_path):
    status, out, _ = run(
        capsys,
        "sheet",
        "--topics",
        "linear_system,determinant",
        "--n",
        "4",
        "--variants",
        "2",
        "--output",
        str(tmp_path),
    )
    assert status == 0
    assert (tmp_path / "sheet.md").exists() and (tmp_path / "sheet-v01-key.md").exists()
    status, out, _ = run(
        capsys, "exam", "--chapters", "2,6", "--output", str(tmp_path), "--format", "latex"
    )
    assert status == 0 and (tmp_path / "exam-key.tex").exists()
    status, _, err = run(capsys, "exercise", "nope.kind")
    assert status == 2 and "unknown exercise kind" in err


def test_cli_assignment_writes_student_and_instructor_notebooks(capsys, tmp_path):
    status, out, _ = run(capsys, "assignment", "--list")
    assert status == 0 and "gram_schmidt" in out
    status, out, _ = run(capsys, "assignment", "gram_schmidt", "--output", str(tmp_path))
    assert status == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert len(written) == 2 and all(name.endswith(".ipynb") for name in written)
    status, _, err = run(capsys, "assignment", "no_such_task", "--output", str(tmp_path))
    assert status == 2 and "rref" in err
