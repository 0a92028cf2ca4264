"""Math that reads well both as plain text and as LaTeX.

A :class:`MathText` carries the same statement twice: once in plain Unicode text
(``R2 ← R2 − 4/3·R1``) and once in LaTeX (``R_2 \\leftarrow R_2 - \\tfrac{4}{3} R_1``).
Producers of steps write both; renderers pick the one their format needs, so adding
a step never touches a renderer.

The ``text_value`` and ``latex_value`` functions format the values that appear in
derivations: integers, fractions, vectors (tuples), matrices (anything with
``tolist()`` and a two-element ``shape``), and objects that know how to render
themselves through a ``__mml_text__`` / ``__mml_latex__`` method.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from numbers import Rational
from typing import Any

__all__ = [
    "MathText",
    "fraction_text",
    "fraction_latex",
    "factor_text",
    "text_value",
    "latex_value",
]


@dataclass(frozen=True)
class MathText:
    """One statement in two spellings: plain ``text`` and ``latex``.

    Examples
    --------
    >>> m = MathText("x = 1/2", r"x = \\tfrac{1}{2}")
    >>> str(m)
    'x = 1/2'
    >>> (m + " exactly").latex
    'x = \\\\tfrac{1}{2} exactly'
    """

    text: str
    latex: str

    def __str__(self) -> str:
        return self.text

    def __add__(self, other: MathText | str) -> MathText:
        if isinstance(other, MathText):
            return MathText(self.text + other.text, self.latex + other.latex)
        return MathText(self.text + other, self.latex + escape_latex(other))

    def __radd__(self, other: str) -> MathText:
        return MathText(other + self.text, escape_latex(other) + self.latex)


_UNICODE_MATH = {
    "×": r"\times",
    "←": r"\leftarrow",
    "→": r"\to",
    "↦": r"\mapsto",
    "↔": r"\leftrightarrow",
    "−": "-",
    "–": "-",
    "·": r"\cdot",
    "≠": r"\neq",
    "≤": r"\leq",
    "≥": r"\geq",
    "≈": r"\approx",
    "√": r"\surd",
    "∈": r"\in",
    "∉": r"\notin",
    "ℝ": r"\mathbb{R}",
    "ℚ": r"\mathbb{Q}",
    "⊥": r"\perp",
    "∅": r"\emptyset",
    "∞": r"\infty",
    "∇": r"\nabla",
    "∂": r"\partial",
    "∑": r"\sum",
    "∝": r"\propto",
    "‖": r"\|",
    "⟨": r"\langle",
    "⟩": r"\rangle",
    "½": r"\tfrac{1}{2}",
    "ᵀ": r"^{\top}",
    "ᴴ": r"^{H}",
    "⁻": r"^{-}",
    "…": r"\ldots",
    "α": r"\alpha",
    "β": r"\beta",
    "γ": r"\gamma",
    "δ": r"\delta",
    "ε": r"\varepsilon",
    "θ": r"\theta",
    "λ": r"\lambda",
    "μ": r"\mu",
    "ν": r"\nu",
    "π": r"\pi",
    "ρ": r"\rho",
    "σ": r"\sigma",
    "τ": r"\tau",
    "φ": r"\varphi",
    "ω": r"\omega",
    "ξ": r"\xi",
    "Σ": r"\Sigma",
    "Φ": r"\Phi",
    "Λ": r"\Lambda",
    "Ω": r"\Omega",
    "Δ": r"\Delta",
    "ᵢ": r"_{i}",
    "ⱼ": r"_{j}",
    "ₖ": r"_{k}",
    "ₙ": r"_{n}",
    "ₚ": r"_{p}",
    "₊": r"_{+}",
    "ⁿ": r"^{n}",
    "ᵏ": r"^{k}",
}
_UNICODE_MATH |= {chr(0x2080 + d): f"_{{{d}}}" for d in range(10)}  # ₀ … ₉
_UNICODE_MATH |= {s: f"^{{{d}}}" for d, s in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}


def unicode_to_latex(text: str) -> str:
    r"""Replace the Unicode math symbols that derivations use by LaTeX, so that any engine
    (pdflatex included) can typeset them; works in text and in math mode.

    >>> print(unicode_to_latex("Σ₁₂ ≤ λ"))
    \ensuremath{\Sigma}\ensuremath{_{1}}\ensuremath{_{2}} \ensuremath{\leq} \ensuremath{\lambda}
    """
    return "".join(_latex_char(ch) for ch in text)


def _latex_char(ch: str) -> str:
    if ch in _UNICODE_MATH:
        return rf"\ensuremath{{{_UNICODE_MATH[ch]}}}"
    if ord(ch) > 0xFF:  # beyond Latin-1 and not in the table: keep the document compiling
        return "?"
    return ch


def escape_latex(text: str) -> str:
    """Escape the characters that LaTeX treats specially in running text.

    >>> escape_latex("50% of #1")
    '50\\\\% of \\\\#1'
    """
    replacements = {"\\": r"\textbackslash{}", "%": r"\%", "#": r"\#", "&": r"\&", "_": r"\_"}
    replacements |= {"$": r"\$", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}"}
    replacements |= {"^": r"\textasciicircum{}", "<": r"\textless{}", ">": r"\textgreater{}"}
    replacements |= {"|": r"\textbar{}"}
    replacements |= {
        symbol: rf"\ensuremath{{{command}}}" for symbol, command in _UNICODE_MATH.items()
    }
    return "".join(replacements.get(ch, ch) for ch in text)


def as_text(item: MathText | str) -> str:
    """The plain-text spelling of a description or note."""
    return item.text if isinstance(item, MathText) else str(item)


def as_latex(item: MathText | str) -> str:
    """The LaTeX spelling of a description or note (plain strings are escaped text)."""
    return item.latex if isinstance(item, MathText) else r"\text{" + escape_latex(str(item)) + "}"


def fraction_text(value: Rational | int) -> str:
    """A rational number as a student writes it in text: ``3``, ``-4/3``.

    >>> fraction_text(Fraction(-4, 3)), fraction_text(Fraction(6, 2))
    ('-4/3', '3')
    """
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


def factor_text(value: Rational | int) -> str:
    """A rational number as a factor in a product: parenthesised when negative or a fraction.

    >>> factor_text(Fraction(19, 20)) + "·" + factor_text(-3) + "·" + factor_text(2)
    '(19/20)·(-3)·2'
    """
    text = fraction_text(value)
    return f"({text})" if value < 0 or "/" in text else text


def fraction_latex(value: Rational | int) -> str:
    r"""A rational number in LaTeX: ``3`` or ``-\frac{4}{3}``.

    >>> fraction_latex(Fraction(-4, 3))
    '-\\frac{4}{3}'
    """
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    sign = "-" if value < 0 else ""
    return rf"{sign}\frac{{{abs(value.numerator)}}}{{{value.denominator}}}"


def _is_matrix_like(value: Any) -> bool:
    shape = getattr(value, "shape", None)
    return hasattr(value, "tolist") and isinstance(shape, tuple) and len(shape) == 2


def matrix_text_lines(rows: list[list[Any]], bar_before: int | None = None) -> list[str]:
    """Rows of a matrix as aligned text lines, with an optional bar before a column.

    >>> print("\\n".join(matrix_text_lines([[3, 1, 9], [4, -2, 5]], bar_before=2)))
    [ 3   1 | 9 ]
    [ 4  -2 | 5 ]
    """
    cells = [[text_value(entry) for entry in row] for row in rows]
    if not cells:
        return ["[ ]"]
    ncols = len(cells[0])
    widths = [max((len(row[j]) for row in cells), default=0) for j in range(ncols)]
    lines = []
    for row in cells:
        parts = []
        for j, cell in enumerate(row):
            if bar_before is not None and j == bar_before:
                parts.append("|")
            parts.append(cell.rjust(widths[j]))
        lines.append("[ " + "  ".join(parts).replace("  |  ", " | ") + " ]")
    return lines


def text_value(value: Any) -> str:
    """Format a value of a derivation as plain text (matrices on several lines).

    >>> text_value((Fraction(1, 2), 3))
    '(1/2, 3)'
    """
    if hasattr(value, "__mml_text__"):
        return value.__mml_text__()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, Fraction)):
        return fraction_text(value)
    if _is_matrix_like(value):
        return "\n".join(matrix_text_lines(value.tolist(), getattr(value, "bar_before", None)))
    if isinstance(value, (tuple, list)):
        return "(" + ", ".join(text_value(v) for v in value) + ")"
    if isinstance(value, MathText):
        return value.text
    return str(value)


def matrix_latex(rows: list[list[Any]], bar_before: int | None = None) -> str:
    r"""A matrix in LaTeX; with ``bar_before`` it is an augmented matrix ``[A | b]``.

    >>> matrix_latex([[1, 2], [3, 4]])
    '\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}'
    """
    body = r" \\ ".join(" & ".join(latex_value(entry) for entry in row) for row in rows)
    if bar_before is None:
        return rf"\begin{{bmatrix}} {body} \end{{bmatrix}}"
    ncols = len(rows[0]) if rows else 0
    spec = "r" * bar_before + "|" + "r" * (ncols - bar_before)
    return rf"\left[\begin{{array}}{{{spec}}} {body} \end{{array}}\right]"


def latex_value(value: Any) -> str:
    r"""Format a value of a derivation as LaTeX math (no surrounding ``$``).

    >>> latex_value((Fraction(1, 2), 3))
    '\\begin{pmatrix} \\frac{1}{2} \\\\ 3 \\end{pmatrix}'
    """
    if hasattr(value, "__mml_latex__"):
        return value.__mml_latex__()
    if isinstance(value, bool):
        return r"\text{" + str(value) + "}"
    if isinstance(value, (int, Fraction)):
        return fraction_latex(value)
    if _is_matrix_like(value):
        return matrix_latex(value.tolist(), getattr(value, "bar_before", None))
    if isinstance(value, (tuple, list)):
        return r"\begin{pmatrix} " + r" \\ ".join(latex_value(v) for v in value) + r" \end{pmatrix}"
    if isinstance(value, MathText):
        return value.latex
    return r"\text{" + escape_latex(str(value)) + "}"
