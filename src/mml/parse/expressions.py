"""The expression tree that the parser builds.

Every node records the span ``[start, end)`` of the text it came from, so that later
errors (``not linear``, ``division by zero``) can put a caret under the right place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

__all__ = ["Node", "Number", "Symbol", "Negate", "BinaryOperation", "FunctionCall"]


@dataclass(frozen=True)
class Node:
    """Base class of expression nodes."""

    start: int = field(compare=False, kw_only=True, default=0)
    end: int = field(compare=False, kw_only=True, default=0)

    def symbols(self) -> frozenset[str]:
        """The names of the variables in this expression."""
        return frozenset()


@dataclass(frozen=True)
class Number(Node):
    """An exact rational number."""

    value: Fraction

    def __str__(self) -> str:
        v = self.value
        return str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"


@dataclass(frozen=True)
class Symbol(Node):
    """A variable such as ``x``, ``x_1`` or ``alpha``."""

    name: str

    def symbols(self) -> frozenset[str]:
        return frozenset({self.name})

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Negate(Node):
    """Unary minus: ``-operand``."""

    operand: Node

    def symbols(self) -> frozenset[str]:
        return self.operand.symbols()

    def __str__(self) -> str:
        return f"-({self.operand})"


@dataclass(frozen=True)
class BinaryOperation(Node):
    """``left op right`` with ``op`` one of ``+ - * / ^``.

    ``implicit`` marks a product written without ``*`` (``3x``, ``2(x + y)``).
    """

    op: str
    left: Node
    right: Node
    implicit: bool = field(default=False, compare=False)

    def symbols(self) -> frozenset[str]:
        return self.left.symbols() | self.right.symbols()

    def __str__(self) -> str:
        return f"({self.left} {self.op} {self.right})"


@dataclass(frozen=True)
class FunctionCall(Node):
    """A call of a known function: ``sin(x)``, ``exp(2x)``."""

    name: str
    arguments: tuple[Node, ...]

    def symbols(self) -> frozenset[str]:
        names: frozenset[str] = frozenset()
        for argument in self.arguments:
            names |= argument.symbols()
        return names

    def __str__(self) -> str:
        return f"{self.name}(" + ", ".join(str(a) for a in self.arguments) + ")"
