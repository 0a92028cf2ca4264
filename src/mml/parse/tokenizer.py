"""Split math text into tokens, each with its position in the text.

Bounded on purpose: the text may be at most ``MAX_INPUT_LENGTH`` characters long,
and a number in scientific notation may not have an exponent beyond
``MAX_DECIMAL_EXPONENT``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from mml.errors import ParseError

__all__ = ["Token", "tokenize", "MAX_INPUT_LENGTH", "MAX_DECIMAL_EXPONENT"]

MAX_INPUT_LENGTH = 20_000
MAX_DECIMAL_EXPONENT = 400

# Characters pasted from books and slides, read as their ASCII meaning (one for one, so
# positions in the text stay the same).
_SAME_AS = str.maketrans({"−": "-", "–": "-", "·": "*", "⋅": "*", "×": "*", "∙": "*", "÷": "/"})

_TOKEN = re.compile(
    r"""
    (?P<space>[ \t\r]+)
  | (?P<newline>\n)
  | (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+(?![\w]))?)
  | (?P<name>[^\W\d]\w*)
  | (?P<op>\*\*|[-+*/^=(),;\[\]|{}])
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Token:
    """A token: its ``kind`` (number, name, op, newline, end), its text and position."""

    kind: str
    text: str
    position: int
    value: Fraction | None = None
    space_before: bool = False

    def __str__(self) -> str:
        return "end of input" if self.kind == "end" else repr(self.text)


def _read_number(text: str, source: str, position: int) -> Fraction:
    """Read a decimal numeral exactly: ``0.5`` is 1/2, ``1e-3`` is 1/1000."""
    mantissa, _, exponent = text.lower().partition("e")
    if exponent and abs(int(exponent)) > MAX_DECIMAL_EXPONENT:
        raise ParseError(
            f"exponent {exponent} is too large (at most {MAX_DECIMAL_EXPONENT})",
            source,
            position,
            expected="a number of reasonable size",
        )
    if mantissa.endswith("."):
        mantissa = mantissa[:-1]
    value = Fraction(mantissa)
    if exponent:
        value *= Fraction(10) ** int(exponent)
    return value


def tokenize(source: str) -> list[Token]:
    """Split ``source`` into tokens, ending with an ``end`` token.

    Raises
    ------
    ParseError
        For text that is too long or a character that is not part of math text.

    Examples
    --------
    >>> [t.text for t in tokenize("3x + 1/2 y = 0.5")]
    ['3', 'x', '+', '1', '/', '2', 'y', '=', '0.5', '']
    >>> tokenize("0.5")[0].value
    Fraction(1, 2)
    """
    if not isinstance(source, str):
        raise ParseError(f"expected math text (a str), got {type(source).__name__}")
    if len(source) > MAX_INPUT_LENGTH:
        raise ParseError(
            f"input is {len(source)} characters long; at most {MAX_INPUT_LENGTH} are accepted"
        )
    text = source.translate(_SAME_AS)
    tokens: list[Token] = []
    position = 0
    space_before = False
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise ParseError(
                f"unexpected character {text[position]!r}",
                source,
                position,
                expected="a number, a variable, an operator or a bracket",
            )
        kind = match.lastgroup
        assert kind is not None
        lexeme = match.group()
        if kind == "space":
            space_before = True
        else:
            value = _read_number(lexeme, source, position) if kind == "number" else None
            if kind == "op" and lexeme == "**":
                lexeme = "^"
            tokens.append(Token(kind, lexeme, position, value, space_before))
            space_before = kind == "newline"
        position = match.end()
    tokens.append(Token("end", "", len(text), None, space_before))
    return tokens
