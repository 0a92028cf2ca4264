"""Matrices and vectors written as text.

Accepted spellings::

    [[1, 2], [3, 4]]        nested brackets (entries may be any constant expression)
    1 2; 3 4                rows separated by ';' or new lines, entries by spaces or commas
    [1 2; 3 4]              the same inside one pair of brackets
    (1, 2, 3)   [1, 2, 3]   vectors

Entries are read exactly: ``0.5`` is 1/2 and ``-1/3`` is −1/3.
"""

from __future__ import annotations

from fractions import Fraction

from mml.errors import ParseError
from mml.parse.expressions import Negate, Node, Number
from mml.parse.linear import constant_value
from mml.parse.parser import Parser
from mml.parse.tokenizer import Token

__all__ = ["parse_matrix", "parse_vector"]

_ROW_BREAKS = (";", "\n")


def _entry_whitespace_form(parser: Parser) -> Node:
    """One entry of a row whose entries are separated by spaces: ``-3``, ``1/2``, ``(2+1)``."""
    sign = 1
    start = parser.current.position
    while parser.at("-", "+"):
        if parser.advance().text == "-":
            sign = -sign
    if parser.at("("):
        node = parser.primary()
    else:
        token = parser.current
        if token.kind != "number":
            raise parser.error(f"expected a matrix entry, found {token}", expected="a number")
        parser.advance()
        assert token.value is not None
        value = token.value
        if parser.at("/") and not parser.current.space_before:
            parser.advance()
            denominator = parser.current
            if denominator.kind != "number" or denominator.value is None:
                raise parser.error(
                    f"expected a denominator after '/', found {denominator}", expected="a number"
                )
            if denominator.value == 0:
                raise parser.error("division by zero", denominator)
            parser.advance()
            value = value / denominator.value
        node = Number(value, start=token.position, end=parser.current.position)
    return Negate(node, start=start, end=node.end) if sign < 0 else node


def _row(parser: Parser, stop: tuple[str, ...]) -> list[Fraction]:
    """Entries up to a row break or one of ``stop``; commas or spaces between entries."""
    entries: list[Fraction] = []
    row_tokens = _tokens_until(parser, stop)
    comma_form = any(t.kind == "op" and t.text == "," for t in row_tokens)
    while not (parser.at(*stop) or parser.current.kind in ("end", "newline")):
        if comma_form:
            node = parser.expression()
            entries.append(constant_value(node, parser.text))
            if parser.at(","):
                parser.advance()
                if parser.at(*stop) or parser.current.kind in ("end", "newline"):
                    raise parser.error(f"expected an entry after ',', found {parser.current}")
            elif not (parser.at(*stop) or parser.current.kind in ("end", "newline")):
                raise parser.error(
                    f"expected ',' between entries, found {parser.current}", expected="','"
                )
        else:
            entries.append(constant_value(_entry_whitespace_form(parser), parser.text))
    return entries


def _tokens_until(parser: Parser, stop: tuple[str, ...]) -> list[Token]:
    tokens, depth = [], 0
    for token in parser.tokens[parser.index :]:
        if token.kind == "end" or (depth == 0 and (token.kind == "newline" or token.text in stop)):
            break
        if token.text in "([":
            depth += 1
        elif token.text in ")]":
            depth -= 1
        tokens.append(token)
    return tokens


def _rows_form(parser: Parser, closing: str | None) -> list[list[Fraction]]:
    """Rows separated by ';' or new lines, until ``closing`` (or the end)."""
    stop = _ROW_BREAKS + ((closing,) if closing else ())
    rows: list[list[Fraction]] = []
    while True:
        while parser.at(*_ROW_BREAKS):
            parser.advance()
        if (closing and parser.at(closing)) or parser.current.kind == "end":
            break
        row = _row(parser, stop)
        if row:
            rows.append(row)
    return rows


def _nested_form(parser: Parser) -> list[list[Fraction]]:
    """``[[1, 2], [3, 4]]``"""
    opening = parser.expect("[", "to open the matrix")
    rows: list[list[Fraction]] = []
    while True:
        while parser.current.kind == "newline":
            parser.advance()
        row_open = parser.expect("[", "to open a row")
        rows.append(_row(parser, ("]",)) if not parser.at("]") else [])
        if not parser.at("]"):
            raise parser.error(
                f"expected ']' to close the row opened at position {row_open.position}, "
                f"found {parser.current}",
                expected="']'",
            )
        parser.advance()
        while parser.current.kind == "newline":
            parser.advance()
        if parser.at(","):
            parser.advance()
            while parser.current.kind == "newline":
                parser.advance()
            if parser.at("]"):
                break
            continue
        break
    if not parser.at("]"):
        raise parser.error(
            f"expected ']' to close the matrix opened at position {opening.position}, "
            f"found {parser.current}",
            expected="']'",
        )
    parser.advance()
    return rows


def _check_rectangular(rows: list[list[Fraction]], text: str) -> None:
    lengths = [len(row) for row in rows]
    if len(set(lengths)) > 1:
        raise ParseError(
            f"rows have different lengths {lengths}; every row of a matrix needs the same "
            "number of entries",
            text,
            0,
        )


def parse_matrix(text: str) -> list[list[Fraction]]:
    """Read a matrix from text into rows of exact Fractions.

    Raises
    ------
    ParseError
        For malformed text, a variable where a number belongs, or rows of different lengths.

    Examples
    --------
    >>> rows = parse_matrix("[[1, 2], [3, 4]]")
    >>> rows == parse_matrix("1 2; 3 4") == parse_matrix("[1, 2; 3, 4]")
    True
    >>> [str(v) for v in parse_matrix("1/2 -0.25")[0]]
    ['1/2', '-1/4']
    """
    parser = Parser(text)
    while parser.current.kind == "newline":
        parser.advance()
    tokens = parser.tokens
    if (
        parser.at("[")
        and tokens[parser.index + 1].kind == "op"
        and tokens[parser.index + 1].text == "["
    ):
        rows = _nested_form(parser)
    elif parser.at("["):
        opening = parser.advance()
        rows = _rows_form(parser, "]")
        if not parser.at("]"):
            raise parser.error(
                f"expected ']' to close the '[' at position {opening.position}",
                expected="']'",
            )
        parser.advance()
    else:
        rows = _rows_form(parser, None)
    while parser.current.kind == "newline":
        parser.advance()
    if parser.current.kind != "end":
        raise parser.error(f"unexpected {parser.current} after the matrix")
    if not rows or not any(rows):
        raise ParseError("expected at least one matrix entry", text, 0, expected="a number")
    _check_rectangular(rows, text)
    return rows


def parse_vector(text: str) -> list[Fraction]:
    """Read a vector: ``(1, 2, 3)``, ``[1, 2, 3]``, ``1 2 3`` or a one-column matrix.

    Examples
    --------
    >>> [str(v) for v in parse_vector("(1, -1/2, 0.75)")]
    ['1', '-1/2', '3/4']
    >>> parse_vector("[[1], [2]]") == parse_vector("1 2")
    True
    """
    stripped = text.strip()
    if stripped.startswith("(") and stripped.endswith(")"):
        inner_start = text.index("(")
        inner_end = text.rindex(")")
        text = (
            text[:inner_start]
            + "["
            + text[inner_start + 1 : inner_end]
            + "]"
            + text[inner_end + 1 :]
        )
    rows = parse_matrix(text)
    if len(rows) == 1:
        return rows[0]
    if all(len(row) == 1 for row in rows):
        return [row[0] for row in rows]
    raise ParseError(
        f"expected a vector, found a {len(rows)}×{len(rows[0])} matrix",
        text,
        0,
        expected="a vector",
    )
