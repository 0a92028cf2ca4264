"""Plain-text rendering of a derivation, for terminals and doctests."""

from __future__ import annotations

from typing import Any

from mml.steps.derivation import Derivation, Step
from mml.steps.mathtext import as_text, text_value


def _indent(block: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line for line in block.splitlines())


def _state_after(step: Step, previous: Any) -> Any:
    after = step.after
    return None if after is None or after is previous else after


def render_text(derivation: Derivation, show_steps: bool = True) -> str:
    """Render a derivation as plain text: title, numbered steps with states, result."""
    lines = [as_text(derivation.title)]
    if show_steps and derivation.given is not None:
        lines += ["", _indent(text_value(derivation.given))]
    if show_steps:
        previous = derivation.given
        for number, step in enumerate(derivation.steps, start=1):
            lines += ["", f"Step {number} ({step.rule}): {as_text(step.description)}"]
            state = _state_after(step, previous)
            if state is not None:
                lines.append(_indent(text_value(state)))
                previous = state
            if step.note:
                lines.append(f"    {as_text(step.note)}")
    if derivation.result is not None:
        result = text_value(derivation.result)
        lines += ["", f"Result: {result}" if "\n" not in result else "Result:\n" + _indent(result)]
    for sentence in derivation.conclusion:
        lines.append(as_text(sentence))
    return "\n".join(lines)
