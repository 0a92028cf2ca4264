"""The project's own parser for math text: expressions, linear equations, matrices.

No ``eval``, ``exec`` or ``sympify``: text is tokenized and read by a recursive-descent
parser with limits on length, nesting depth and exponent size. Errors are
:class:`mml.errors.ParseError` with the position and a caret line.

Examples
--------
>>> from mml.parse import parse_linear_system
>>> parse_linear_system("2x + 4y = 5").variables
('x', 'y')
>>> parse_linear_system("3x + = 9")
Traceback (most recent call last):
    ...
mml.errors.ParseError: expected a term after '+', found '=' at position 5
  3x + = 9
       ^
"""

from mml.parse.expressions import BinaryOperation, FunctionCall, Negate, Node, Number, Symbol
from mml.parse.linear import (
    LinearForm,
    LinearSystem,
    constant_value,
    linear_form,
    parse_linear_system,
)
from mml.parse.matrices import parse_matrix, parse_vector
from mml.parse.parser import (
    FUNCTIONS,
    MAX_DEPTH,
    Equation,
    Parser,
    parse_equations,
    parse_expression,
)
from mml.parse.tokenizer import Token, tokenize

__all__ = [
    "Node",
    "Number",
    "Symbol",
    "Negate",
    "BinaryOperation",
    "FunctionCall",
    "Token",
    "tokenize",
    "Parser",
    "Equation",
    "FUNCTIONS",
    "MAX_DEPTH",
    "parse_expression",
    "parse_equations",
    "LinearForm",
    "LinearSystem",
    "linear_form",
    "constant_value",
    "parse_linear_system",
    "parse_matrix",
    "parse_vector",
]
