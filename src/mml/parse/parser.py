"""A recursive-descent parser for math text: expressions and equations.

Grammar (``implicit`` is a product written without ``*``, as in ``3x`` or ``2(x + y)``)::

    equations  := sep* equation (sep+ equation)* sep*        sep := ';' | ',' | newline
    equation   := expression '=' expression
    expression := term (('+' | '-') term)*
    term       := factor (('*' | '/') factor | implicit factor)*
    factor     := ('+' | '-') factor | power
    power      := primary ('^' factor)?
    primary    := number | name | function '(' expression (',' expression)* ')' | '(' expression ')'

Products and quotients group to the left, so ``1/2 z`` is ``(1/2)·z``; ``^`` (or ``**``)
binds tighter than unary minus, so ``-x^2`` is ``-(x^2)``. Nesting is limited to
``MAX_DEPTH`` levels: no input can make the parser recurse without bound.
"""

from __future__ import annotations

from dataclasses import dataclass

from mml.errors import ParseError
from mml.parse.expressions import BinaryOperation, FunctionCall, Negate, Node, Number, Symbol
from mml.parse.tokenizer import Token, tokenize

__all__ = ["Parser", "Equation", "parse_expression", "parse_equations", "FUNCTIONS", "MAX_DEPTH"]

MAX_DEPTH = 100

FUNCTIONS = frozenset(
    {"sin", "cos", "tan", "exp", "log", "ln", "sqrt", "sinh", "cosh", "tanh", "arcsin", "arccos"}
    | {"arctan", "abs", "sigmoid", "relu", "sign", "heaviside"}
)

_SEPARATORS = {";", ",", "\n"}


@dataclass(frozen=True)
class Equation:
    """``lhs = rhs`` with the span of text it came from."""

    lhs: Node
    rhs: Node
    start: int
    end: int


class Parser:
    """Parse a token list; ``text`` is kept for error messages with a caret."""

    def __init__(self, text: str, tokens: list[Token] | None = None) -> None:
        self.text = text
        self.tokens = tokenize(text) if tokens is None else tokens
        self.index = 0
        self.depth = 0

    # -- token access -------------------------------------------------------------
    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    @property
    def previous(self) -> Token | None:
        return self.tokens[self.index - 1] if self.index > 0 else None

    def at(self, *texts: str) -> bool:
        token = self.current
        return token.kind in ("op", "newline") and token.text in texts

    def advance(self) -> Token:
        token = self.current
        if token.kind != "end":
            self.index += 1
        return token

    def error(self, message: str, token: Token | None = None, expected: str | None = None):
        token = token or self.current
        return ParseError(message, self.text, token.position, expected)

    def expect(self, text: str, context: str) -> Token:
        if not self.at(text):
            raise self.error(f"expected {text!r} {context}, found {self.current}", expected=text)
        return self.advance()

    def _enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(f"expression is nested more than {MAX_DEPTH} levels deep")

    # -- grammar ------------------------------------------------------------------
    def expression(self) -> Node:
        self._enter()
        node = self.term()
        while self.at("+", "-"):
            op = self.advance().text
            right = self.term()
            node = BinaryOperation(op, node, right, start=node.start, end=right.end)
        self.depth -= 1
        return node

    def _starts_implicit_factor(self) -> bool:
        token = self.current
        return token.kind == "name" or (token.kind == "op" and token.text == "(")

    def term(self) -> Node:
        node = self.factor()
        while True:
            if self.at("*", "/"):
                op = self.advance().text
                right = self.factor()
                node = BinaryOperation(op, node, right, start=node.start, end=right.end)
            elif self._starts_implicit_factor():
                right = self.power()
                node = BinaryOperation(
                    "*", node, right, implicit=True, start=node.start, end=right.end
                )
            elif self.current.kind == "number":
                raise self.error(
                    f"missing operator before {self.current}", expected="'+', '-', '*' or '/'"
                )
            else:
                return node

    def factor(self) -> Node:
        if self.at("-", "+"):
            sign = self.advance()
            self._enter()
            operand = self.factor()
            self.depth -= 1
            if sign.text == "+":
                return operand
            return Negate(operand, start=sign.position, end=operand.end)
        return self.power()

    def power(self) -> Node:
        base = self.primary()
        if self.at("^"):
            self.advance()
            self._enter()
            exponent = self.factor()
            self.depth -= 1
            return BinaryOperation("^", base, exponent, start=base.start, end=exponent.end)
        return base

    def primary(self) -> Node:
        token = self.current
        if token.kind == "number":
            self.advance()
            assert token.value is not None
            return Number(token.value, start=token.position, end=token.position + len(token.text))
        if token.kind == "name":
            self.advance()
            end = token.position + len(token.text)
            if token.text in FUNCTIONS and self.at("("):
                return self.call(token)
            return Symbol(token.text, start=token.position, end=end)
        if self.at("("):
            self.advance()
            inner = self.expression()
            if not self.at(")"):
                raise self.error(
                    f"expected ')' to close the '(' at position {token.position}, "
                    f"found {self.current}",
                    expected="')'",
                )
            closing = self.advance()
            return _with_span(inner, token.position, closing.position + 1)
        previous = self.previous
        if previous is not None and previous.kind == "op" and previous.text in "+-*/^=(,":
            message = f"expected a term after {previous.text!r}, found {token}"
        else:
            message = f"expected a number, a variable or '(', found {token}"
        raise self.error(message, expected="a number, a variable or '('")

    def call(self, name: Token) -> FunctionCall:
        self.advance()  # '('
        arguments = [self.expression()]
        while self.at(","):
            self.advance()
            arguments.append(self.expression())
        closing = self.expect(")", f"to close the call of {name.text}")
        return FunctionCall(
            name.text, tuple(arguments), start=name.position, end=closing.position + 1
        )

    def skip_separators(self) -> None:
        while self.current.kind == "newline" or self.at(";", ","):
            self.advance()

    def equation(self) -> Equation:
        start = self.current.position
        lhs = self.expression()
        if not self.at("="):
            raise self.error(
                f"expected '=' after the left-hand side, found {self.current}", expected="'='"
            )
        self.advance()
        rhs = self.expression()
        return Equation(lhs, rhs, start, rhs.end)

    def equations(self) -> list[Equation]:
        self.skip_separators()
        if self.current.kind == "end":
            raise self.error("expected at least one equation, found end of input")
        found = [self.equation()]
        while self.current.kind != "end":
            if not (self.current.kind == "newline" or self.at(";", ",")):
                raise self.error(
                    f"expected ';' or a new line between equations, found {self.current}",
                    expected="';'",
                )
            self.skip_separators()
            if self.current.kind != "end":
                found.append(self.equation())
        return found

    def finish(self) -> None:
        if self.current.kind != "end":
            raise self.error(f"unexpected {self.current} after the expression")


def _with_span(node: Node, start: int, end: int) -> Node:
    """The same node, with the span widened to include its parentheses."""
    object.__setattr__(node, "start", start)
    object.__setattr__(node, "end", end)
    return node


def parse_expression(text: str) -> Node:
    """Parse one expression, such as ``x^2 * sin(x)`` or ``2(x + y) - 1/2 z``.

    Raises
    ------
    ParseError
        With the position of the problem and a caret line.

    Examples
    --------
    >>> print(parse_expression("2(x + y) - 1/2 z"))
    ((2 * (x + y)) - ((1 / 2) * z))
    """
    parser = Parser(text)
    parser.skip_separators()
    node = parser.expression()
    parser.skip_separators()
    parser.finish()
    return node


def parse_equations(text: str) -> list[Equation]:
    """Parse equations separated by ``;``, ``,`` or new lines.

    Examples
    --------
    >>> [str(eq.lhs) for eq in parse_equations("3x + y = 9; 4x - 2y = 5")]
    ['((3 * x) + y)', '((4 * x) - (2 * y))']
    """
    return Parser(text).equations()
