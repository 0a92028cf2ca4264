"""``mml assignment``'s notebooks: same cells, stub for the student, solution for the
instructor; the instructor's runs and passes, the student's runs and scores 0."""

from __future__ import annotations

import pytest

from mml.errors import DomainError
from mml.exercises import coding
from mml.exercises.coding.notebooks import assignment_notebook, write_assignment

nbformat = pytest.importorskip("nbformat")


def _run(notebook) -> dict:
    namespace: dict = {}
    for cell in notebook.cells:
        if cell.cell_type == "code":
            exec(compile(cell.source, "<cell>", "exec"), namespace)  # our own generated cells
    return namespace


@pytest.mark.parametrize("name", list(coding.list_tasks()))
def test_instructor_notebook_passes_and_student_notebook_scores_zero(name):
    instructor = _run(assignment_notebook(name, "instructor"))
    student = _run(assignment_notebook(name, "student"))
    assert instructor["report"].passed
    assert student["report"].score == 0.0


def test_both_notebooks_are_written_valid_and_differ_only_in_the_function(tmp_path):
    student_path, instructor_path = write_assignment("gram_schmidt", tmp_path / "out", seed=5)
    student = nbformat.read(student_path, as_version=4)
    instructor = nbformat.read(instructor_path, as_version=4)
    nbformat.validate(student)
    nbformat.validate(instructor)
    assert len(student.cells) == len(instructor.cells)
    differ = [
        i for i, (a, b) in enumerate(zip(student.cells, instructor.cells)) if a.source != b.source
    ]
    assert differ == [0, 2, 3]  # title, instructions, the function
    assert "NotImplementedError" in student.cells[3].source
    assert "np.sqrt(u @ u)" not in student.cells[3].source
    assert "np.sqrt(u @ u)" in instructor.cells[3].source
    assert "seed=5" in student.cells[-1].source
    assert all(not cell.get("outputs") for cell in student.cells if cell.cell_type == "code")


def test_unknown_task_or_role():
    with pytest.raises(DomainError, match="rref"):
        assignment_notebook("nope")
    with pytest.raises(DomainError, match="role"):
        assignment_notebook("rref", role="teacher")


def test_chapter_notebooks_are_built_from_build_notebooks_py(tmp_path, capsys):
    import importlib.util
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "notebooks"
    spec = importlib.util.spec_from_file_location("build_notebooks", folder / "build_notebooks.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    builder.main(tmp_path)
    built = sorted(p.name for p in tmp_path.glob("*.ipynb"))
    assert built == sorted(p.name for p in folder.glob("ch*.ipynb"))
    assert len(built) == 11  # chapters 2 to 12
    for name in built:  # committed notebooks are the builder's output, outputs cleared
        assert (tmp_path / name).read_text() == (folder / name).read_text(), name
