"""Assignment notebooks: a student notebook (stub) and an instructor notebook (solution),
written from the same task, so they cannot drift apart (``mml assignment``).

Both notebooks have the same cells: the statement, the imports, the function, and the check.
Only the function cell differs: the stub (signature, docstring, ``raise
NotImplementedError``) for the student, the reference solution for the instructor. The
notebooks run in Jupyter, Colab (after ``pip install mml``) and CI.

Examples
--------
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     paths = write_assignment("gram_schmidt", folder)
...     [p.name for p in paths]
['gram_schmidt_student.ipynb', 'gram_schmidt_instructor.ipynb']
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mml.errors import DomainError

__all__ = ["assignment_notebook", "write_assignment"]

_ROLES = ("student", "instructor")


def assignment_notebook(name: str, role: str = "student", seed: int = 0) -> Any:
    """The ``nbformat`` notebook of the coding task ``name`` for ``role``.

    Parameters
    ----------
    name : str
        A task from :func:`mml.exercises.coding.list_tasks`.
    role : {"student", "instructor"}
        The student gets the stub; the instructor the solution.
    seed : int
        The seed of the check cell (give each student their own).

    Returns
    -------
    nbformat.NotebookNode

    Raises
    ------
    DomainError
        For an unknown task or role.
    MMLError
        If ``nbformat`` is not installed (``pip install nbformat``).
    """
    from mml.errors import MMLError
    from mml.exercises.coding import solution_source, stub, task

    if role not in _ROLES:
        raise DomainError(f"role must be one of {_ROLES}; got {role!r}")
    registered = task(name)
    try:
        import nbformat.v4 as nbf
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise MMLError("writing notebooks needs nbformat: pip install nbformat") from error

    heading = f"# {registered.title}" + (" (instructor's copy)" if role == "instructor" else "")
    task_cell = (
        "Fill in the function below, run the cell, then run the check. Use NumPy arrays and"
        " arithmetic only: `numpy.linalg`, SciPy, scikit-learn, PyTorch and `mml`'s own"
        " implementations are not allowed, and the check says so if you use them."
        if role == "student"
        else "The reference solution, cut from the same source as the students' stub."
    )
    function_cell = stub(name) if role == "student" else solution_source(name)
    cells = [
        nbf.new_markdown_cell(f"{heading}\n\n{registered.statement}"),
        nbf.new_code_cell("import numpy as np\n\nfrom mml.exercises import coding"),
        nbf.new_markdown_cell(task_cell),
        nbf.new_code_cell(function_cell.rstrip()),
        nbf.new_markdown_cell(
            "The hidden tests call your function on seeded random inputs and check each"
            " property; a failing property shows the input it failed on."
        ),
        nbf.new_code_cell(
            f'report = coding.check("{name}", {name}, seed={int(seed)})\nprint(report)'
        ),
    ]
    notebook = nbf.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    notebook.metadata["mml"] = {"task": name, "role": role, "seed": int(seed)}
    return notebook


def write_assignment(name: str, output: str | Path, seed: int = 0) -> list[Path]:
    """Write ``NAME_student.ipynb`` and ``NAME_instructor.ipynb`` into the folder ``output``.

    Parameters
    ----------
    name : str
        A task from :func:`mml.exercises.coding.list_tasks`.
    output : str or Path
        The folder (created if missing).
    seed : int
        The seed of the check cell.

    Returns
    -------
    list of Path
        The student's notebook, then the instructor's.

    Raises
    ------
    DomainError
        For an unknown task.
    """
    notebooks = {role: assignment_notebook(name, role, seed) for role in _ROLES}
    import nbformat  # present: assignment_notebook has checked

    folder = Path(output)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for role, notebook in notebooks.items():
        path = folder / f"{name}_{role}.ipynb"
        nbformat.write(notebook, path)
        paths.append(path)
    return paths
