"""Renderers: a :class:`~mml.steps.Derivation` to text, Markdown or LaTeX.

>>> from mml.steps import Derivation
>>> render(Derivation("empty"), "markdown").splitlines()[0]
'### empty'
"""

from __future__ import annotations

from typing import Any

from mml.errors import MMLError
from mml.steps.derivation import Derivation

FORMATS = ("text", "markdown", "latex")

__all__ = ["render", "FORMATS"]


class UnknownFormatError(MMLError, ValueError):
    """A render format that is not one of ``FORMATS``."""


def render(derivation: Derivation, fmt: str = "text", **options: Any) -> str:
    """Render ``derivation`` in ``fmt`` (one of ``"text"``, ``"markdown"``, ``"latex"``)."""
    if fmt == "text":
        from mml.steps.render.text import render_text

        return render_text(derivation, **options)
    if fmt == "markdown":
        from mml.steps.render.markdown import render_markdown

        return render_markdown(derivation, **options)
    if fmt == "latex":
        from mml.steps.render.latex import render_latex

        return render_latex(derivation, **options)
    raise UnknownFormatError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
