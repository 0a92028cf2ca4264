"""Derivations as data: ``Step`` records and the ``Derivation`` that holds them.

A derivation knows nothing about output formats; the renderers in
``mml.steps.render`` turn it into text, Markdown or LaTeX.

Examples
--------
>>> from mml.steps import Derivation, Step, MathText
>>> d = Derivation("Solve 3x = 6")
>>> _ = d.add(Step("scale", MathText("multiply both sides by 1/3", r"\\text{multiply both sides by } \\tfrac{1}{3}")))
>>> d.result = "x = 2"
>>> print(d.render("text"))
Solve 3x = 6
<BLANKLINE>
Step 1 (scale): multiply both sides by 1/3
<BLANKLINE>
Result: x = 2
"""

from mml.steps.derivation import Derivation, Step
from mml.steps.mathtext import (
    MathText,
    factor_text,
    fraction_latex,
    fraction_text,
    latex_value,
    text_value,
)

__all__ = [
    "Derivation",
    "Step",
    "MathText",
    "fraction_text",
    "fraction_latex",
    "factor_text",
    "text_value",
    "latex_value",
]
