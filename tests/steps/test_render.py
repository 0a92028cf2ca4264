"""Derivations render in every format; formats never touch the mathematics."""

from __future__ import annotations

from fractions import Fraction

import pytest

from mml.errors import MMLError
from mml.exact import AugmentedMatrix, rref
from mml.steps import Derivation, MathText, Step


def test_augmented_matrix_renders_with_a_bar_in_text_and_latex():
    matrix = AugmentedMatrix.from_parts([[3, 1], [4, -2]], [[9], [5]])
    derivation = Derivation("t", given=matrix)
    assert "| 9 ]" in derivation.render("text")
    assert r"\begin{array}{rr|r}" in derivation.render("latex")


def test_row_operation_reads_as_on_paper_in_each_format():
    step = rref([[3, 1], [4, -2]]).steps[0]
    assert str(step.description) == "R2 ← R2 − 4/3·R1"
    assert step.description.latex == r"R_{2} \leftarrow R_{2} - \frac{4}{3}\, R_{1}"


def test_jupyter_representations_exist_and_differ_by_format():
    derivation = rref("1 2; 3 4").steps
    markdown = derivation._repr_markdown_()
    latex = derivation._repr_latex_()
    assert markdown.startswith("### ") and "$$" in markdown
    assert latex.startswith("$") and r"\begin{array}" in latex


def test_standalone_latex_is_a_document():
    out = rref("1 2; 3 4").steps.render("latex", standalone=True)
    assert out.startswith(r"\documentclass") and out.rstrip().endswith(r"\end{document}")


def test_unknown_format_is_an_mml_error():
    with pytest.raises(MMLError, match="unknown format"):
        Derivation("x").render("html")


def test_lazy_states_are_evaluated_once():
    calls = []

    def build():
        calls.append(1)
        return Fraction(1, 2)

    step = Step("scale", "x", after=build)
    assert step.after == Fraction(1, 2) and step.after == Fraction(1, 2)
    assert len(calls) == 1


def test_text_descriptions_are_escaped_in_latex():
    out = Derivation("50% of #1", [Step("note", "a_b & c")]).render("latex")
    assert r"50\% of \#1" in out and r"a\_b \& c" in out


def test_mathtext_concatenation_keeps_both_spellings():
    m = MathText("x", "x") + " = 1"
    assert m.text == "x = 1" and m.latex == "x = 1"
