"""The student's stub and the instructor's solution, both cut from the one reference source.

The stub is the reference solution's ``def`` line and docstring followed by
``raise NotImplementedError``; the solution is the helpers' and the function's full source.
So the two notebooks of an assignment cannot drift apart.

Examples
--------
>>> print(stub("rref").splitlines()[0])
def rref(A: np.ndarray, tol: float = 1e-10) -> tuple[np.ndarray, list[int]]:
>>> stub("rref").splitlines()[-1].strip()
'raise NotImplementedError("write rref")'
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable
from typing import Any

__all__ = ["stub", "solution_source", "function_stub"]


def function_stub(function: Callable[..., Any]) -> str:
    """``function``'s signature and docstring, with a body that raises NotImplementedError."""
    source = textwrap.dedent(inspect.getsource(function))
    lines = source.splitlines()
    definition = ast.parse(source).body[0]
    assert isinstance(definition, ast.FunctionDef)
    first = definition.body[0]
    has_docstring = isinstance(first, ast.Expr) and isinstance(
        getattr(first, "value", None), ast.Constant
    )
    end = first.end_lineno if has_docstring else first.lineno - 1
    kept = lines[: end or 1]
    kept.append(f'    raise NotImplementedError("write {definition.name}")')
    return "\n".join(kept) + "\n"


def stub(name: str) -> str:
    """The stub the student fills in for the coding task ``name``.

    Raises
    ------
    DomainError
        For an unknown task.
    """
    from mml.exercises.coding import task

    return function_stub(task(name).solution)


def solution_source(name: str) -> str:
    """The full reference solution of the task ``name``, helpers first.

    Raises
    ------
    DomainError
        For an unknown task.
    """
    from mml.exercises.coding import task

    registered = task(name)
    parts = [textwrap.dedent(inspect.getsource(f)) for f in registered.helpers]
    parts.append(textwrap.dedent(inspect.getsource(registered.solution)))
    return "\n\n".join(part.rstrip() + "\n" for part in parts)
