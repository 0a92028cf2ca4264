"""The records of the course kit: ``Exercise``, ``Feedback``, and the registry of kinds.

An exercise kind is a generator ``(rng, difficulty) -> Exercise parts`` and a checker
``(exercise, answer text) -> Feedback``, registered under a dotted name such as
``linear_system.unique``. Each kind carries a version (``linear_system.unique@1``): a fix to a
generator bumps it, so old sheets keep their numbers.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mml.errors import DomainError
from mml.steps import Derivation, MathText

__all__ = ["Exercise", "Feedback", "ExerciseKind", "KINDS", "register", "kind_named"]

DIFFICULTIES = (1, 2, 3)


@dataclass(frozen=True)
class Feedback:
    """The verdict on an answer.

    Attributes
    ----------
    correct : bool
    score : float
        Partial credit in [0, 1].
    message : str
        What was right or wrong.
    hint : str
        Where to look next (empty when correct).
    """

    correct: bool
    score: float
    message: str
    hint: str = ""

    def __str__(self) -> str:
        verdict = "correct" if self.correct else "not correct"
        text = f"{verdict} (score {self.score:g}): {self.message}"
        return text + (f"\nhint: {self.hint}" if self.hint else "")


@dataclass(frozen=True)
class Exercise:
    """One generated exercise: prompt, answer, and worked solution.

    Attributes
    ----------
    kind, seed, difficulty : the recipe; the same three always give the same exercise
    prompt : MathText
        The question: plain text, and LaTeX running text with ``$…$`` / ``$$…$$`` math (which
        Markdown viewers with MathJax show as well).
    answer : object
        The stored answer, in the form the checker expects.
    answer_text : str
        The answer written as a student would type it (it passes ``check``).
    solution : Derivation
        The worked solution.
    section, skills : where it belongs in the book and what it practises
    data : dict
        The inputs of the exercise (matrices, vectors), for checkers and sheets.
    """

    kind: str
    seed: int
    difficulty: int
    prompt: MathText
    answer: Any
    answer_text: str
    solution: Derivation = field(compare=False)
    section: str
    skills: tuple[str, ...]
    data: dict = field(default_factory=dict, compare=False)

    @property
    def version(self) -> int:
        return KINDS[self.kind].version

    def render(self, fmt: str = "text", with_solution: bool = False) -> str:
        """The prompt (and, on request, the worked solution) in ``text``, ``markdown`` or ``latex``."""
        if fmt == "text":
            out = f"[{self.kind} · seed {self.seed} · §{self.section}]\n{self.prompt.text}"
        elif fmt == "markdown":
            out = f"**{self.kind}** (seed {self.seed}, §{self.section})\n\n{self.prompt.latex}"
        else:
            out = self.prompt.latex
        if with_solution:
            out += (
                "\n\n"
                + self.solution.render(fmt)
                + "\n"
                + ("Answer: " + self.answer_text if fmt != "latex" else "")
            )
        return out

    def __str__(self) -> str:
        return self.render("text")


@dataclass(frozen=True)
class ExerciseKind:
    """A registered kind: its generator, checker, chapter, section and version."""

    name: str
    chapter: int
    section: str
    description: str
    generate: Callable[[random.Random, int], dict]
    check: Callable[[Exercise, str], Feedback]
    version: int = 1
    skills: tuple[str, ...] = ()


KINDS: dict[str, ExerciseKind] = {}


def register(
    name: str,
    chapter: int,
    section: str,
    description: str,
    check: Callable[[Exercise, str], Feedback],
    version: int = 1,
    skills: tuple[str, ...] = (),
) -> Callable[[Callable[[random.Random, int], dict]], Callable[[random.Random, int], dict]]:
    """Register a generator under ``name`` (a decorator)."""

    def decorate(
        generate: Callable[[random.Random, int], dict],
    ) -> Callable[[random.Random, int], dict]:
        KINDS[name] = ExerciseKind(
            name, chapter, section, description, generate, check, version, skills
        )
        return generate

    return decorate


def kind_named(name: str) -> ExerciseKind:
    """The registered kind, or a DomainError listing close names."""
    from mml.exercises import catalogue  # noqa: F401  (registers every kind)

    base = name.split("@", 1)[0]
    if base not in KINDS:
        close = [k for k in KINDS if k.split(".")[0] == base.split(".")[0]] or sorted(KINDS)[:10]
        raise DomainError(
            f"unknown exercise kind {name!r}; did you mean one of {', '.join(close)}?"
        )
    return KINDS[base]
