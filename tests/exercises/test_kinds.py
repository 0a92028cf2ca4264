"""Every exercise kind: deterministic, its stored answer passes, its solution replays, its
numbers stay small, mutated answers fail, and other valid answers pass."""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction

import pytest
from tests.exact.replay import assert_each_step_follows

from mml import exercises
from mml.exact import Matrix
from mml.exercises.core import KINDS

exercises.list_kinds()  # registers every kind
ALL_KINDS = sorted(KINDS)
SEEDS = range(50)
# Posterior probabilities have the evidence as denominator: allow larger ones there.
MAX_DENOMINATOR = {
    "bayes.two_events": 10_000,
    "bayes.multi_hypothesis": 1_000,
    "metrics.regression": 1_000,
}


def mutations(exercise) -> list[str]:
    """Three wrong answers made from the right one."""
    answer = exercise.answer
    if isinstance(answer, float):
        return [repr(answer + 1), repr(-answer - 0.5), repr(answer * 1.01 + 0.01)]
    if isinstance(answer, str):
        return [f"({answer}) + 1", f"2*({answer}) + x", f"({answer})^2 + 3"]
    if isinstance(answer, list) and answer and isinstance(answer[0], list):
        rows = [row[:] for row in answer]
        rows[0][0] = f"({rows[0][0]}) + 1"
        first = "[" + ", ".join("[" + ", ".join(r) + "]" for r in rows) + "]"
        return [first, "[" + ", ".join("[" + ", ".join("0" for _ in r) + "]" for r in answer) + "]"]
    if isinstance(answer, Fraction):
        return [str(answer + 1), str(answer - 1), str(answer + 7)]
    if isinstance(answer, Matrix):
        rows = [list(r) for r in answer.rows]
        bumped = [r[:] for r in rows]
        bumped[0][0] += 1
        negated = (
            [[-v for v in r] for r in rows]
            if any(any(r) for r in rows)
            else [[1] * len(rows[0])] * len(rows)
        )
        last = [r[:] for r in rows]
        last[-1][-1] += 2
        return [str(Matrix(m).tolist()).replace("Fraction", "") for m in (bumped, negated, last)]
    text = exercise.answer_text
    if text in ("yes", "no"):
        return ["no" if text == "yes" else "yes"]
    if text in ("unique", "infinitely many", "no solution"):
        return [t for t in ("unique", "infinitely many", "no solution") if t != text]
    if text.startswith("yes:"):
        return ["no", "yes: (" + ", ".join(["99"] * len(exercise.answer)) + ")"]
    if exercise.kind.startswith("linear_system"):
        point = (
            exercise.answer
            if isinstance(exercise.answer, tuple) and not isinstance(exercise.answer[0], tuple)
            else exercise.answer[0]
        )
        shifted = "(" + ", ".join(str(v + (1 if i == 0 else 0)) for i, v in enumerate(point)) + ")"
        return [shifted + text[text.index(")") + 1 :] if ")" in text else shifted]
    if text.startswith("{") and text != "{}":
        first = text[1 : text.index(")") + 1]
        return ["{" + first.replace("(", "(1 + ") + "}"] if False else ["{}"]
    if text.startswith("("):
        vector = list(exercise.answer)
        from mml.exact import rank

        for k in range(len(vector)):  # bump one entry so the result is not even parallel
            bumped = vector[:]
            bumped[k] += 1
            if rank(Matrix.from_columns([vector, bumped])) == 2:
                return ["(" + ", ".join(str(v) for v in bumped) + ")"]
        return []
    return []


def magnitudes(value) -> list[Fraction]:
    if isinstance(value, Fraction):
        return [value]
    if isinstance(value, Matrix):
        return [v for row in value.rows for v in row]
    if isinstance(value, (tuple, list)):
        return [m for item in value if item is not None for m in magnitudes(item)]
    return []


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_stored_answers_pass_and_solutions_replay(kind):
    for seed in SEEDS:
        difficulty = 1 + seed % 3
        exercise = exercises.generate(kind, seed=seed, difficulty=difficulty)
        feedback = exercises.check(exercise, exercise.answer_text)
        assert feedback.correct, (kind, seed, exercise.answer_text, feedback)
        assert_each_step_follows(exercise.solution)
        for value in magnitudes(exercise.answer):
            assert abs(value.numerator) <= 10_000, (kind, seed, value)
            assert value.denominator <= MAX_DENOMINATOR.get(kind, 100), (kind, seed, value)


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_mutated_answers_are_rejected(kind):
    for seed in range(10):
        exercise = exercises.generate(kind, seed=seed, difficulty=2)
        for wrong in mutations(exercise):
            feedback = exercises.check(exercise, wrong)
            assert not feedback.correct, (kind, seed, wrong)


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_malformed_answers_get_a_message_not_a_crash(kind):
    exercise = exercises.generate(kind, seed=1)
    for junk in ("", "(1, 2", "x +", "[[1, 2], [3]]", "🙂"):
        feedback = exercises.check(exercise, junk)
        assert not feedback.correct and feedback.message


def test_same_seed_gives_the_same_exercise_in_another_process():
    code = (
        "from mml import exercises; "
        "print(exercises.generate('linear_system.infinite', seed=11, difficulty=2).prompt.text)"
    )
    other = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert (
        other.strip()
        == exercises.generate("linear_system.infinite", seed=11, difficulty=2).prompt.text
    )


def test_different_seeds_give_different_exercises():
    prompts = {exercises.generate("rref", seed=s).prompt.text for s in range(10)}
    assert len(prompts) >= 8


def test_another_parametrisation_of_a_solution_set_is_accepted():
    exercise = exercises.generate("linear_system.infinite", seed=3, difficulty=2)
    point, directions = exercise.answer
    other_point = tuple(p + 2 * d for p, d in zip(point, directions[0]))
    scaled = [tuple(-3 * v for v in d) for d in directions]
    text = (
        "("
        + ", ".join(str(v) for v in other_point)
        + ")"
        + "".join(f" + t{i}(" + ", ".join(str(v) for v in d) + ")" for i, d in enumerate(scaled))
    )
    assert exercises.check(exercise, text).correct


def test_equation_form_of_the_lecture_line_is_accepted():
    exercise = exercises.generate("linear_system.underdetermined", seed=0, difficulty=1)
    point, directions = exercise.answer
    (d,) = directions
    text = ", ".join(
        f"{name} = {p} + ({v})*t" for name, p, v in zip(exercise.data["variables"], point, d)
    )
    assert exercises.check(exercise, text).correct


def test_another_basis_of_the_null_space_is_accepted_and_a_partial_one_gets_credit():
    exercise = next(
        e
        for e in (exercises.generate("basis.null_space", seed=s, difficulty=3) for s in range(30))
        if len(e.answer) >= 2
    )
    a, b, *rest = exercise.answer
    other = [tuple(x + y for x, y in zip(a, b)), tuple(x - y for x, y in zip(a, b)), *rest]
    text = "{" + ", ".join("(" + ", ".join(str(v) for v in vec) + ")" for vec in other) + "}"
    assert exercises.check(exercise, text).correct
    partial = exercises.check(exercise, "{(" + ", ".join(str(v) for v in a) + ")}")
    assert not partial.correct and 0 < partial.score < 1


def test_a_transposed_matrix_gets_its_own_feedback():
    exercise = next(
        e
        for e in (exercises.generate("matrix.product", seed=s, difficulty=2) for s in range(20))
        if e.answer != e.answer.T
    )
    transposed = str([[str(v) for v in row] for row in exercise.answer.T.rows]).replace("'", "")
    feedback = exercises.check(exercise, transposed)
    assert not feedback.correct and "transposed" in feedback.message


def test_unknown_kind_names_close_kinds():
    from mml.errors import DomainError

    with pytest.raises(DomainError, match="linear_system"):
        exercises.generate("linear_system.unqiue")
