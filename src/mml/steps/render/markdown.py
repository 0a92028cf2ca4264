"""Markdown rendering (with ``$$`` math blocks) for Jupyter, GitHub and notes."""

from __future__ import annotations

from mml.steps.derivation import Derivation
from mml.steps.mathtext import MathText, as_text, latex_value


def _inline(item: MathText | str) -> str:
    return f"${item.latex}$" if isinstance(item, MathText) else as_text(item)


def render_markdown(derivation: Derivation, show_steps: bool = True) -> str:
    """Render a derivation as Markdown: a heading, a numbered list of steps, the result."""
    lines = [f"### {_inline(derivation.title)}", ""]
    if show_steps and derivation.given is not None:
        lines += [f"$$ {latex_value(derivation.given)} $$", ""]
    if show_steps:
        previous = derivation.given
        for number, step in enumerate(derivation.steps, start=1):
            lines.append(f"{number}. **{step.rule}**: {_inline(step.description)}")
            after = step.after
            if after is not None and after is not previous:
                lines += ["", f"   $$ {latex_value(after)} $$", ""]
                previous = after
            if step.note:
                lines.append(f"   *{_inline(step.note)}*")
        lines.append("")
    if derivation.result is not None:
        lines += [f"**Result:** $ {latex_value(derivation.result)} $", ""]
    lines += [_inline(sentence) for sentence in derivation.conclusion]
    return "\n".join(lines).rstrip() + "\n"
