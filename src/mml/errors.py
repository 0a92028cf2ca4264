"""Every exception that ``mml`` raises on purpose.

The hierarchy (ARCHITECTURE.md)::

    MMLError
    ├── ParseError(MMLError, ValueError)
    ├── ShapeError(MMLError, ValueError)
    ├── DomainError(MMLError, ValueError)
    ├── NotFittedError(MMLError, AttributeError)
    ├── DTypeError(MMLError, TypeError)
    └── LinAlgError subclasses (numpy.linalg.LinAlgError):
        SingularMatrixError, NotPositiveDefiniteError, ConvergenceError, InvalidMatrixError

Each error is also an instance of the built-in exception a NumPy, SciPy or
scikit-learn user would catch (``ValueError``, ``AttributeError`` or
``numpy.linalg.LinAlgError``), so existing ``except`` clauses keep working.

Examples
--------
>>> from mml.errors import ParseError
>>> err = ParseError("expected a term after '+'", text="3x + = 9", position=5)
>>> print(err)
expected a term after '+' at position 5
  3x + = 9
       ^
>>> isinstance(err, ValueError)
True
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "MMLError",
    "ParseError",
    "ShapeError",
    "DomainError",
    "NotFittedError",
    "DTypeError",
    "LinAlgError",
    "SingularMatrixError",
    "NotPositiveDefiniteError",
    "ConvergenceError",
    "InvalidMatrixError",
]


class MMLError(Exception):
    """Base class of every error that ``mml`` raises on purpose."""


class ParseError(MMLError, ValueError):
    """Math text that could not be read.

    Parameters
    ----------
    message : str
        What was wrong, and what was expected instead.
    text : str, optional
        The whole input text.
    position : int, optional
        The 0-based character offset of the problem in ``text``.
    expected : str, optional
        A short description of what would have been valid here.

    The string form names the position and shows the offending line of the
    input with a caret (``^``) under the problem.
    """

    def __init__(
        self,
        message: str,
        text: str | None = None,
        position: int | None = None,
        expected: str | None = None,
    ) -> None:
        self.message = message
        self.text = text
        self.position = position
        self.expected = expected
        super().__init__(self._format())

    @property
    def caret_line(self) -> str:
        """The line of input that holds the problem, and a caret under it."""
        if self.text is None or self.position is None:
            return ""
        line_start = self.text.rfind("\n", 0, self.position) + 1
        line_end = self.text.find("\n", self.position)
        if line_end == -1:
            line_end = len(self.text)
        line = self.text[line_start:line_end]
        column = self.position - line_start
        return f"  {line}\n  {' ' * column}^"

    def _format(self) -> str:
        if self.position is None:
            return self.message
        where = f"{self.message} at position {self.position}"
        if self.text is not None and "\n" in self.text:
            line_number = self.text.count("\n", 0, self.position) + 1
            where += f" (line {line_number})"
        caret = self.caret_line
        return f"{where}\n{caret}" if caret else where


class ShapeError(MMLError, ValueError):
    """Arrays or matrices whose shapes do not fit together; the message names both shapes."""


class DomainError(MMLError, ValueError):
    """A value outside the domain of a function (log of a negative, probability > 1, ...)."""


class NotFittedError(MMLError, AttributeError):
    """An estimator was used before ``fit`` was called (scikit-learn looks for this name)."""


class DTypeError(MMLError, TypeError):
    """An array whose dtype a function cannot compute with (object, str, float16, ...).

    A ``TypeError`` too, as NumPy raises for the same input."""


_LINEAR_ALGEBRA_ERRORS = {
    "SingularMatrixError": "A square matrix that has no inverse where one was needed.",
    "NotPositiveDefiniteError": "A matrix that should be symmetric positive definite is not.",
    "ConvergenceError": "An iterative method did not converge within its iteration limit.",
    "InvalidMatrixError": (
        "An array that linear algebra cannot work with: too few dimensions, not square where "
        "a square matrix is needed, or NaN/inf entries (NumPy raises LinAlgError here too)."
    ),
}


def __getattr__(name: str) -> Any:
    # The LinAlgError family subclasses numpy.linalg.LinAlgError, so that users' existing
    # ``except LinAlgError`` clauses catch them. NumPy is imported on first use only, which
    # keeps ``import mml`` and the exact (Paper) command line free of NumPy's start-up cost.
    if name == "LinAlgError" or name in _LINEAR_ALGEBRA_ERRORS:
        from numpy.linalg import LinAlgError

        globals()["LinAlgError"] = LinAlgError
        for class_name, doc in _LINEAR_ALGEBRA_ERRORS.items():
            if class_name not in globals():
                globals()[class_name] = type(
                    class_name, (MMLError, LinAlgError), {"__doc__": doc, "__module__": __name__}
                )
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
