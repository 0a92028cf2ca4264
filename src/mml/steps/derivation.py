"""The data of a worked solution: a title, a list of named steps, and a result.

Steps are named by rule (``swap``, ``scale``, ``add_multiple``, ``cofactor_expansion``,
``chain_rule``, ``bayes``, ...). ``before`` and ``after`` hold the state around the step
(for row operations: the matrix before and after it). They may be given as zero-argument
callables, which are called once on first access, so that producers can record many steps
cheaply and build the matrices only when someone looks at them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from mml.steps.mathtext import MathText

__all__ = ["Step", "Derivation"]

_UNSET = object()


class Step:
    """One named step of a derivation.

    Parameters
    ----------
    rule : str
        The rule's name, e.g. ``"add_multiple"``.
    description : str or MathText (or a callable returning one)
        What the step does, e.g. ``R2 ← R2 − 4/3·R1``.
    before, after : object or callable, optional
        The state before and after the step. A callable is evaluated lazily, once.
    note : str or MathText (or a callable returning one), optional
        A remark that helps a student (why this pivot, what the row says).
    data : mapping, optional
        The step's parameters in machine-readable form (row indices, factors), so that
        the step can be replayed and checked.

    Examples
    --------
    >>> s = Step("swap", "R1 ↔ R2", data={"rows": (0, 1)})
    >>> s.rule, s.data["rows"]
    ('swap', (0, 1))
    """

    __slots__ = ("rule", "_description", "_before", "_after", "_note", "data")

    def __init__(
        self,
        rule: str,
        description: str | MathText,
        before: Any = None,
        after: Any = None,
        note: str | MathText = "",
        data: Mapping[str, Any] | None = None,
    ) -> None:
        self.rule = rule
        self._description = description
        self._before = before
        self._after = after
        self._note = note
        self.data = dict(data) if data else {}

    @staticmethod
    def _resolve(value: Any) -> Any:
        return value() if callable(value) and not hasattr(value, "shape") else value

    @property
    def description(self) -> str | MathText:
        """What the step does (evaluated on first access)."""
        self._description = self._resolve(self._description)
        return self._description

    @property
    def note(self) -> str | MathText:
        """A remark for the student (evaluated on first access)."""
        self._note = self._resolve(self._note)
        return self._note

    @property
    def before(self) -> Any:
        """The state before the step (evaluated on first access)."""
        self._before = self._resolve(self._before)
        return self._before

    @property
    def after(self) -> Any:
        """The state after the step (evaluated on first access)."""
        self._after = self._resolve(self._after)
        return self._after

    def __repr__(self) -> str:
        return f"Step(rule={self.rule!r}, description={str(self.description)!r})"


class Derivation:
    """A worked solution: a title, named steps, and a result.

    The object is plain data; ``render(fmt)`` hands it to the renderer for ``fmt``
    (``"text"``, ``"markdown"`` or ``"latex"``). In Jupyter it shows itself as Markdown.

    Parameters
    ----------
    title : str or MathText
        What is being worked out.
    steps : list of Step, optional
    result : object, optional
        The answer, rendered at the end.
    conclusion : list of str or MathText, optional
        Sentences after the steps that say what the result means.
    given : object, optional
        The starting state (e.g. the augmented matrix), shown before the first step.

    Examples
    --------
    >>> d = Derivation("Add fractions", result="5/6")
    >>> len(d), d.result
    (0, '5/6')
    """

    def __init__(
        self,
        title: str | MathText,
        steps: list[Step] | None = None,
        result: Any = None,
        conclusion: list[str | MathText] | None = None,
        given: Any = None,
    ) -> None:
        self.title = title
        self.steps: list[Step] = list(steps or [])
        self.result = result
        self.conclusion: list[str | MathText] = list(conclusion or [])
        self.given = given

    def add(self, step: Step) -> Step:
        """Append a step and return it."""
        self.steps.append(step)
        return step

    def extend(self, other: Derivation) -> None:
        """Append all the steps of another derivation."""
        self.steps.extend(other.steps)

    def by_rule(self, rule: str) -> list[Step]:
        """The steps with the given rule name.

        >>> d = Derivation("t", [Step("swap", "a"), Step("scale", "b"), Step("swap", "c")])
        >>> [str(s.description) for s in d.by_rule("swap")]
        ['a', 'c']
        """
        return [step for step in self.steps if step.rule == rule]

    def __len__(self) -> int:
        return len(self.steps)

    def __iter__(self) -> Iterator[Step]:
        return iter(self.steps)

    def __getitem__(self, index: int) -> Step:
        return self.steps[index]

    def render(self, fmt: str = "text", **options: Any) -> str:
        """Render as ``"text"``, ``"markdown"`` or ``"latex"``.

        Raises
        ------
        ValueError
            For an unknown format (a :class:`mml.errors.MMLError`).
        """
        from mml.steps.render import render

        return render(self, fmt, **options)

    def __str__(self) -> str:
        return self.render("text")

    def __repr__(self) -> str:
        return f"Derivation({str(self.title)!r}, {len(self.steps)} steps)"

    def _repr_markdown_(self) -> str:
        return self.render("markdown")

    def _repr_latex_(self) -> str:
        return "$\\displaystyle " + self.render("latex", inline=True) + "$"


Renderer = Callable[[Derivation], str]
