"""Autograded coding exercises: write the algorithm, and hidden property tests grade it.

In a notebook (Jupyter or Colab) after ``pip install``::

    from mml.exercises import coding
    print(coding.statement("gram_schmidt"))
    print(coding.stub("gram_schmidt"))        # the signature and docstring to fill in
    coding.check("gram_schmidt", my_gram_schmidt)

:func:`check` runs the task's properties on seeded inputs (the same seed gives the same
inputs) and returns a :class:`CodingReport`: each property passed or failed, the input it
failed on, and a score. The student's function may not use ``numpy.linalg``, SciPy,
scikit-learn, PyTorch, JAX, autograd or ``mml``'s own implementations; if it does, the
report says so and the score is 0.

Examples
--------
>>> import numpy as np
>>> from mml.exercises import coding
>>> sorted(coding.list_tasks())[:3]
['backprop_mlp', 'gaussian_conditional', 'gmm_em_step']
>>> def lazy_gram_schmidt(A):
...     return A / np.sqrt((A * A).sum(axis=0))      # normalises, never orthogonalises
>>> report = coding.check("gram_schmidt", lazy_gram_schmidt)
>>> report.passed, [r.name for r in report.failed]
(False, ['orthonormal', 'same_span', 'same_order', 'matches_mml_qr'])
>>> def borrowed(A):
...     return np.linalg.qr(A)[0]
>>> coding.check("gram_schmidt", borrowed).forbidden_uses
('numpy.linalg.qr',)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mml.errors import DomainError
from mml.exercises.coding import (  # noqa: F401  (importing registers the tasks)
    gradient_tasks,
    linear_algebra_tasks,
    model_tasks,
    optimisation_tasks,
    probability_tasks,
)
from mml.exercises.coding.forbidden import FORBIDDEN_MODULES, forbidden_uses
from mml.exercises.coding.grading import (
    TASKS,
    Case,
    CodingReport,
    CodingTask,
    Property,
    PropertyResult,
    grade,
)
from mml.exercises.coding.source import solution_source, stub

__all__ = [
    "check",
    "task",
    "list_tasks",
    "statement",
    "stub",
    "solution_source",
    "forbidden_uses",
    "FORBIDDEN_MODULES",
    "CodingTask",
    "CodingReport",
    "PropertyResult",
    "Property",
    "Case",
]


def task(name: str) -> CodingTask:
    """The registered task called ``name``.

    Raises
    ------
    DomainError
        For an unknown name; the message lists the tasks.
    """
    if name not in TASKS:
        raise DomainError(f"unknown coding task {name!r}; the tasks are {', '.join(sorted(TASKS))}")
    return TASKS[name]


def list_tasks(chapter: int | None = None) -> dict[str, str]:
    """Every task's name and title in chapter order, or only those of ``chapter``.

    >>> list_tasks()["rref"]
    'Reduced row echelon form'
    >>> list(list_tasks(chapter=11))
    ['gmm_em_step', 'kmeans_step']
    """
    ordered = sorted(TASKS.values(), key=lambda t: (t.chapter, t.name))
    return {t.name: t.title for t in ordered if chapter is None or t.chapter == chapter}


def statement(name: str) -> str:
    """The task's statement (Markdown with ``$…$`` math)."""
    return task(name).statement


def check(
    name: str, function: Callable[..., Any], seed: int = 0, seconds: float | None = 30.0
) -> CodingReport:
    """Grade ``function`` on the coding task ``name``.

    Parameters
    ----------
    name : str
        A task from :func:`list_tasks` (``"rref"``, ``"gram_schmidt"``, ...).
    function : callable
        The student's implementation, with the stub's signature.
    seed : int
        Picks the random inputs; the same seed always gives the same inputs.
    seconds : float or None
        Time limit per call of ``function`` (an endless loop fails instead of hanging);
        enforced on Unix in the main thread, as in Jupyter and Colab.

    Returns
    -------
    CodingReport
        ``passed``, ``score`` (fraction of properties that hold, 0 if a forbidden library is
        used), ``results`` per property with the failing input, ``forbidden_uses``.
        ``print(report)`` shows it all.

    Raises
    ------
    DomainError
        For an unknown task or a ``function`` that is not callable.
    """
    registered = task(name)
    if not callable(function):
        raise DomainError(f"expected the function to check, got {type(function).__name__}")
    used = forbidden_uses(function, registered.forbidden)
    return grade(registered, function, seed=seed, forbidden_uses=used, seconds=seconds)
