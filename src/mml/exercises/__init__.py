"""The course kit: seeded exercises with worked solutions, and answer checking by meaning.

Examples
--------
>>> from mml import exercises
>>> ex = exercises.generate("linear_system.unique", seed=7, difficulty=1)
>>> exercises.check(ex, ex.answer_text).correct
True
>>> exercises.check(ex, "(0, 0)").correct
False
>>> ex == exercises.generate("linear_system.unique", seed=7, difficulty=1)
True
"""

from __future__ import annotations

import random

from mml.errors import DomainError
from mml.exercises.core import DIFFICULTIES, KINDS, Exercise, ExerciseKind, Feedback, kind_named

__all__ = ["generate", "check", "list_kinds", "Exercise", "Feedback", "ExerciseKind"]


def generate(kind: str, seed: int = 0, difficulty: int = 1) -> Exercise:
    """Build the exercise of ``kind`` for ``seed`` and ``difficulty`` (1, 2 or 3).

    The same ``(kind, seed, difficulty)`` always gives the same exercise: the random numbers
    come from a generator seeded by the kind's name, version, seed and difficulty.

    Raises
    ------
    DomainError
        For an unknown kind (the message lists close names) or difficulty.
    """
    registered = kind_named(kind)
    if difficulty not in DIFFICULTIES:
        raise DomainError(f"difficulty must be one of {DIFFICULTIES}; got {difficulty!r}")
    rng = random.Random(f"{registered.name}@{registered.version}:{int(seed)}:{difficulty}")
    parts = registered.generate(rng, difficulty)
    return Exercise(
        kind=registered.name,
        seed=int(seed),
        difficulty=difficulty,
        section=registered.section,
        skills=registered.skills,
        **parts,
    )


def check(exercise: Exercise, answer: str) -> Feedback:
    """Check a student's answer (text) by its meaning; see :mod:`mml.exercises.checking`."""
    if not isinstance(answer, str):
        answer = str(answer)
    return KINDS[exercise.kind].check(exercise, answer)


def list_kinds() -> dict[int, list[ExerciseKind]]:
    """Every registered kind, grouped by chapter."""
    from mml.exercises import catalogue  # noqa: F401

    chapters: dict[int, list[ExerciseKind]] = {}
    for registered in sorted(KINDS.values(), key=lambda k: (k.chapter, k.section, k.name)):
        chapters.setdefault(registered.chapter, []).append(registered)
    return chapters
