"""LaTeX rendering: a document fragment (or a standalone document) of the derivation."""

from __future__ import annotations

from mml.steps.derivation import Derivation
from mml.steps.mathtext import MathText, as_latex, escape_latex, latex_value, unicode_to_latex


def _text(item: MathText | str) -> str:
    """Running text with inline math."""
    return f"${item.latex}$" if isinstance(item, MathText) else escape_latex(str(item))


def _render_inline(derivation: Derivation, show_steps: bool) -> str:
    # One math-mode block (for Jupyter's text/latex display).
    rows = [r"\textbf{" + as_latex(derivation.title).replace(r"\text{", "").rstrip("}") + "}"]
    if show_steps and derivation.given is not None:
        rows.append(latex_value(derivation.given))
    if show_steps:
        for number, step in enumerate(derivation.steps, start=1):
            rows.append(rf"\text{{{number}.\ }} {as_latex(step.description)}")
            if step.after is not None:
                rows.append(latex_value(step.after))
    if derivation.result is not None:
        rows.append(r"\text{Result: } " + latex_value(derivation.result))
    return r"\begin{array}{l} " + r" \\ ".join(rows) + r" \end{array}"


def render_latex(
    derivation: Derivation, show_steps: bool = True, standalone: bool = False, inline: bool = False
) -> str:
    """Render a derivation as LaTeX.

    ``inline=True`` gives a single math-mode array; ``standalone=True`` wraps the fragment
    in a compilable ``article`` document.
    """
    if inline:
        return unicode_to_latex(_render_inline(derivation, show_steps))
    lines = [r"\textbf{" + _text(derivation.title) + "}", ""]
    if show_steps and derivation.given is not None:
        lines += [rf"\[ {latex_value(derivation.given)} \]", ""]
    if show_steps and derivation.steps:
        lines.append(r"\begin{enumerate}")
        previous = derivation.given
        for step in derivation.steps:
            lines.append(
                rf"  \item \textsc{{{escape_latex(step.rule)}}}: {_text(step.description)}"
            )
            after = step.after
            if after is not None and after is not previous:
                lines.append(rf"  \[ {latex_value(after)} \]")
                previous = after
            if step.note:
                lines.append(rf"  \emph{{{_text(step.note)}}}")
        lines += [r"\end{enumerate}", ""]
    if derivation.result is not None:
        lines += [rf"Result: $ {latex_value(derivation.result)} $", ""]
    for sentence in derivation.conclusion:
        lines += [_text(sentence), ""]
    # Producers may write Unicode math (λ, Σ, ᵀ) in their LaTeX: make it typeset anywhere.
    body = unicode_to_latex("\n".join(lines).rstrip() + "\n")
    if standalone:
        preamble = r"\documentclass{article}" + "\n" + r"\usepackage{amsmath,amssymb}" + "\n"
        return preamble + r"\begin{document}" + "\n" + body + r"\end{document}" + "\n"
    return body
