"""The grading engine of the coding exercises: tasks, properties, and the report.

A :class:`CodingTask` is a statement, a reference solution (NumPy only, whose signature and
docstring become the student's stub), a generator of seeded test inputs, and a list of
:class:`Property` checks. :func:`grade` calls the student's function on every input, checks
every property on every output, and returns a :class:`CodingReport` that names the first
input each failing property failed on.

Examples
--------
>>> import numpy as np
>>> def cases(rng):
...     return [Case("x = 2", {"x": 2.0}), Case("x = -3", {"x": -3.0})]
>>> def square_is_right(case, output, function):
...     x = case.inputs["x"]
...     expect(np.isclose(output, x**2), f"got {output}, expected {x**2}")
>>> def square(x):
...     '''Return x squared.'''
...     return x * x
>>> task = CodingTask("square", "Square a number", "Return x².", square, cases,
...                   (Property("value", "f(x) = x²", square_is_right),))
>>> grade(task, lambda x: x * x).passed
True
>>> print(grade(task, lambda x: 2 * x).results[0].message)
got -6.0, expected 9.0
"""

from __future__ import annotations

import copy
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mml.errors import DomainError
from mml.exercises.coding.time_limit import TimeLimitExceeded, time_limit

__all__ = [
    "Case",
    "Property",
    "PropertyFailed",
    "PropertyResult",
    "CodingTask",
    "CodingReport",
    "expect",
    "expect_close",
    "grade",
    "TASKS",
    "register_task",
]


class PropertyFailed(AssertionError):
    """A property does not hold on an input; the message says how."""


def expect(condition: Any, message: str) -> None:
    """Fail the current property with ``message`` unless ``condition`` holds."""
    if not bool(condition):
        raise PropertyFailed(message)


def expect_close(
    got: Any, expected: Any, what: str, rtol: float = 1e-6, atol: float = 1e-8
) -> None:
    """Fail unless ``got`` has the shape of ``expected`` and equals it to tolerance."""
    got_array = np.asarray(got, dtype=float)
    expected_array = np.asarray(expected, dtype=float)
    expect(
        got_array.shape == expected_array.shape,
        f"{what} has shape {got_array.shape}, expected {expected_array.shape}",
    )
    if not np.all(np.isfinite(got_array)):
        raise PropertyFailed(f"{what} contains NaN or inf")
    if not np.allclose(got_array, expected_array, rtol=rtol, atol=atol):
        gap = np.abs(got_array - expected_array)
        where = np.unravel_index(int(np.argmax(gap)), gap.shape) if gap.ndim else ()
        at = f" at index {tuple(int(i) for i in where)}" if where else ""
        raise PropertyFailed(
            f"{what} differs from the expected value{at}: got "
            f"{_number(got_array[where])}, expected {_number(expected_array[where])}"
        )


def _number(value: Any) -> str:
    return f"{float(value):.6g}"


@dataclass(frozen=True)
class Case:
    """One seeded test input: a label, the keyword arguments of the student's function, and
    ``extra`` facts about it that the properties may use (a true parameter, a rank)."""

    label: str
    inputs: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> str:
        """The input as the student would type it (arrays with 4 significant digits)."""
        parts = []
        for name, value in self.inputs.items():
            if isinstance(value, np.ndarray):
                text = np.array2string(value, precision=4, separator=", ", threshold=60)
            elif isinstance(value, dict):
                text = "{" + ", ".join(f"{k!r}: array{np.shape(v)}" for k, v in value.items())
                text += "}"
            else:
                text = repr(value)
            parts.append(f"{name} = {text}")
        return f"{self.label}\n" + "\n".join(parts)


PropertyCheck = Callable[[Case, Any, Callable[..., Any]], None]


@dataclass(frozen=True)
class Property:
    """A named property of a correct output: ``check(case, output, function)`` raises
    :class:`PropertyFailed` when it does not hold (``function`` lets a check call the
    student's code again, for finite differences)."""

    name: str
    description: str
    check: PropertyCheck


@dataclass(frozen=True)
class CodingTask:
    """A coding exercise.

    Attributes
    ----------
    name : str
        The registry name, also the function the student writes (``gram_schmidt``).
    title, statement : str
        A one-line title and the statement (Markdown with ``$…$`` math).
    solution : callable
        The reference solution, NumPy only; its signature and docstring are the stub.
    cases : callable
        ``rng -> list[Case]``, the seeded inputs.
    properties : tuple of Property
    helpers : tuple of callables
        Functions the solution calls, shown with it in the instructor notebook.
    chapter : int
    forbidden : tuple of str
        Module prefixes the student may not use, beyond the usual reference libraries.
    """

    name: str
    title: str
    statement: str
    solution: Callable[..., Any]
    cases: Callable[[np.random.Generator], list[Case]]
    properties: tuple[Property, ...]
    helpers: tuple[Callable[..., Any], ...] = ()
    chapter: int = 0
    forbidden: tuple[str, ...] = ()


@dataclass(frozen=True)
class PropertyResult:
    """The outcome of one property: passed, or the message and the input it failed on."""

    name: str
    description: str
    passed: bool
    message: str = ""
    failing_input: str = ""


@dataclass(frozen=True)
class CodingReport:
    """Everything :func:`grade` found.

    Attributes
    ----------
    task : str
    results : tuple of PropertyResult
    forbidden_uses : tuple of str
        Reference-library names the function uses (any one makes the score 0).
    n_cases : int
    """

    task: str
    results: tuple[PropertyResult, ...]
    forbidden_uses: tuple[str, ...] = ()
    n_cases: int = 0
    seed: int = 0

    @property
    def passed(self) -> bool:
        """All properties hold and no reference library is used."""
        return not self.forbidden_uses and all(r.passed for r in self.results)

    @property
    def score(self) -> float:
        """Fraction of properties that hold; 0 when a reference library is used."""
        if self.forbidden_uses or not self.results:
            return 0.0
        return sum(r.passed for r in self.results) / len(self.results)

    @property
    def failed(self) -> tuple[PropertyResult, ...]:
        return tuple(r for r in self.results if not r.passed)

    def __str__(self) -> str:
        verdict = "PASSED" if self.passed else "FAILED"
        lines = [
            f"{self.task}: {verdict}, score {self.score:.2f} "
            f"({sum(r.passed for r in self.results)}/{len(self.results)} properties, "
            f"{self.n_cases} seeded inputs, seed {self.seed})"
        ]
        if self.forbidden_uses:
            lines.append(
                "FORBIDDEN: the function uses " + ", ".join(self.forbidden_uses) + " (write it "
                "with NumPy arrays and arithmetic only; the score is 0)"
            )
        for result in self.results:
            mark = "ok  " if result.passed else "FAIL"
            lines.append(f"  [{mark}] {result.name}: {result.description}")
            if not result.passed:
                lines.append(f"         {result.message}")
                if result.failing_input:
                    lines.extend("         " + line for line in result.failing_input.splitlines())
        return "\n".join(lines)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))


TASKS: dict[str, CodingTask] = {}


def register_task(task: CodingTask) -> CodingTask:
    """Add ``task`` to the registry under its name."""
    TASKS[task.name] = task
    return task


def task_rng(name: str, seed: int) -> np.random.Generator:
    """The generator of a task's inputs: the same (name, seed) always gives the same inputs."""
    return np.random.default_rng([zlib.crc32(name.encode()), int(seed)])


def _call(function: Callable[..., Any], case: Case, seconds: float | None) -> tuple[Any, str]:
    try:
        with time_limit(seconds):
            return function(**copy.deepcopy(case.inputs)), ""
    except TimeLimitExceeded as error:
        return None, f"the function {error}"
    except Exception as error:  # noqa: BLE001  (student code may raise anything)
        return None, f"the function raised {type(error).__name__}: {error}"


def grade(
    task: CodingTask,
    function: Callable[..., Any],
    seed: int = 0,
    forbidden_uses: Sequence[str] = (),
    seconds: float | None = 30.0,
) -> CodingReport:
    """Run every property of ``task`` on ``function`` over the task's seeded inputs.

    Each property is checked on the inputs in order and stops at the first input where it
    fails, which the report shows. An exception from the student's function fails every
    property on that input with the exception's message; so does running past ``seconds``
    (per call, and per property check; ``None`` for no limit).

    Raises
    ------
    DomainError
        If ``function`` is not callable.
    """
    if not callable(function):
        raise DomainError(f"expected the function to check, got {type(function).__name__}")
    cases = task.cases(task_rng(task.name, seed))
    # NaN and overflow in the student's code are reported by the properties, not as warnings
    with np.errstate(all="ignore"):
        outputs = [_call(function, case, seconds) for case in cases]
        results = [
            _check_property(prop, cases, outputs, function, seconds) for prop in task.properties
        ]
    return CodingReport(task.name, tuple(results), tuple(forbidden_uses), len(cases), int(seed))


def _check_property(
    prop: Property,
    cases: Sequence[Case],
    outputs: Sequence[tuple[Any, str]],
    function: Callable[..., Any],
    seconds: float | None,
) -> PropertyResult:
    """The first input on which ``prop`` fails, or a pass."""
    for case, (output, error) in zip(cases, outputs):
        if error:
            return PropertyResult(prop.name, prop.description, False, error, case.describe())
        try:
            with time_limit(seconds):
                prop.check(copy.deepcopy(case), output, function)
        except TimeLimitExceeded as error:
            message = f"checking this property {error}"
            return PropertyResult(prop.name, prop.description, False, message, case.describe())
        except PropertyFailed as failed:
            return PropertyResult(prop.name, prop.description, False, str(failed), case.describe())
        except Exception as error:  # noqa: BLE001  (a malformed output)
            message = f"could not check the output ({type(error).__name__}: {error})"
            return PropertyResult(prop.name, prop.description, False, message, case.describe())
    return PropertyResult(prop.name, prop.description, True)
