"""A backpropagation trace for a scalar computation graph (MML book §5.6).

The expression is cut into intermediate variables, one per operation, with shared
sub-expressions computed once (the book's ``f(x) = √(x² + exp(x²)) + cos(x² + exp(x²))``
becomes ``a = x²``, ``b = exp(a)``, ``c = a + b``, ``d = √c``, ``g = cos(c)``,
``f = d + g``). The *forward* table lists each variable's definition and value; the
*backward* table lists each adjoint ``∂f/∂v = Σ_children ∂f/∂c · ∂c/∂v`` with every
chain-rule factor, its formula and its value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from mml.calculus.derivative import differentiate
from mml.calculus.evaluation import evaluate
from mml.calculus.expression import (
    CONSTANTS,
    ExpressionLike,
    as_expression,
    bounded,
    check_variables,
    parse_point,
    symbols_in,
    tree_size,
    variables_of,
)
from mml.calculus.printing import to_latex, to_text
from mml.calculus.table import Table
from mml.errors import DomainError
from mml.parse import FUNCTIONS, BinaryOperation, FunctionCall, Negate, Node, Symbol
from mml.steps import Derivation, MathText, Step

__all__ = ["backprop_trace", "BackpropTrace", "GraphNode", "Adjoint", "ChainFactor", "format_value"]

Value = Fraction | float

MAX_GRAPH_SIZE = 400
"""The largest expression (in nodes) that :func:`backprop_trace` cuts into a graph."""


def format_value(value: Value) -> str:
    """A value for a table: exact fractions as they are, floats to 6 significant digits.

    >>> format_value(Fraction(3, 4)), format_value(2.718281828)
    ('3/4', '2.71828')
    """
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else str(value)
    return f"{value:.6g}"


def _latex_value(value: Value) -> str:
    if isinstance(value, Fraction) and value.denominator != 1:
        sign = "-" if value < 0 else ""
        return rf"{sign}\frac{{{abs(value.numerator)}}}{{{value.denominator}}}"
    return format_value(value)


@dataclass(frozen=True)
class GraphNode:
    """An intermediate variable ``name = definition`` of the forward pass."""

    name: str
    definition: Node
    expression: Node
    value: Value


@dataclass(frozen=True)
class ChainFactor:
    """One term ``∂f/∂parent · ∂parent/∂v`` of an adjoint."""

    parent: str
    local: Node
    local_value: Value
    parent_adjoint: Value

    @property
    def contribution(self) -> Value:
        """``∂f/∂parent · ∂parent/∂v``."""
        return self.parent_adjoint * self.local_value


@dataclass(frozen=True)
class Adjoint:
    """``∂f/∂v``: the sum of its chain-rule factors."""

    name: str
    value: Value
    factors: tuple[ChainFactor, ...]


@dataclass(frozen=True)
class BackpropTrace:
    """The forward and backward pass of reverse-mode differentiation, with values.

    Attributes
    ----------
    expression : Node
    inputs : tuple of str
    nodes : tuple of GraphNode
        The forward pass in order; the last one is the output ``f``.
    adjoints : dict
        Name (intermediate or input) → :class:`Adjoint`.
    gradient : dict
        Input name → ``∂f/∂input``.
    forward_table, backward_table : Table
    steps : Derivation
    """

    expression: Node
    inputs: tuple[str, ...]
    point: dict[str, Value]
    nodes: tuple[GraphNode, ...]
    adjoints: dict[str, Adjoint]
    gradient: dict[str, Value]
    forward_table: Table = field(repr=False)
    backward_table: Table = field(repr=False)
    steps: Derivation = field(compare=False, repr=False)

    @property
    def output(self) -> GraphNode:
        """The last node, ``f``."""
        return self.nodes[-1]

    def __str__(self) -> str:
        return self.steps.render("text")

    def _repr_markdown_(self) -> str:
        return self.steps.render("markdown")


def _names(taken: set[str]):
    """a, b, c, d, g, h, ... (skipping e, f, used names); then v27, v28, ..."""
    for letter in "abcdghkmnpqrsuvw":
        if letter not in taken and letter not in FUNCTIONS:
            yield letter
    k = 27
    while True:
        if f"v{k}" not in taken:
            yield f"v{k}"
        k += 1


class _GraphBuilder:
    def __init__(self, inputs: tuple[str, ...], taken: set[str]) -> None:
        self.inputs = inputs
        self.names = _names(taken | {"f"})
        self.seen: dict[Node, Symbol] = {}
        self.order: list[tuple[str, Node, Node]] = []

    def visit(self, node: Node) -> Node:
        if not (symbols_in(node) - CONSTANTS):
            return node  # a constant stays inline
        if isinstance(node, Symbol):
            return node
        if node in self.seen:
            return self.seen[node]
        if isinstance(node, BinaryOperation):
            definition: Node = BinaryOperation(
                node.op, self.visit(node.left), self.visit(node.right)
            )
        elif isinstance(node, Negate):
            definition = Negate(self.visit(node.operand))
        else:
            assert isinstance(node, FunctionCall)
            definition = FunctionCall(node.name, tuple(self.visit(a) for a in node.arguments))
        name = next(self.names)
        reference = Symbol(name)
        self.seen[node] = reference
        self.order.append((name, definition, node))
        return reference


def _uses(definition: Node) -> list[str]:
    return list(dict.fromkeys(variables_of(definition)))


@bounded
def backprop_trace(
    expr: ExpressionLike, point: Mapping[str, Any] | str, variables: Any = None
) -> BackpropTrace:
    """Forward values and backward adjoints of ``f`` at ``point``, each tied to its factor.

    Forward: each intermediate ``v = op(parents)`` gets its value. Backward (reverse
    mode, MML book §5.6, eq. (5.145)): ``∂f/∂f = 1`` and
    ``∂f/∂v = Σ_{c uses v} ∂f/∂c · ∂c/∂v``, where each local derivative ``∂c/∂v`` is
    found by our :func:`differentiate` on the definition of ``c``.

    Parameters
    ----------
    expr : str or Node
        A scalar function, e.g. ``"sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))"``.
    point : mapping or "x = 2, y = 1/2"
        A value for every input variable; rational values stay exact while they can.
    variables : sequence of str or "x, y", optional
        The inputs (default: the variables of ``expr``).

    Returns
    -------
    BackpropTrace

    Raises
    ------
    ParseError
        For bad text.
    DomainError
        For a missing input value, or a value outside a function's domain.

    Examples
    --------
    >>> t = backprop_trace("sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))", {"x": 2})
    >>> [(n.name, to_text(n.definition)) for n in t.nodes]
    [('a', 'x^2'), ('b', 'exp(a)'), ('c', 'a + b'), ('d', 'sqrt(c)'), ('g', 'cos(c)'), ('f', 'd + g')]
    >>> round(t.gradient["x"], 6)
    -182.869807
    """
    node = as_expression(expr)
    if tree_size(node) > MAX_GRAPH_SIZE:
        raise DomainError(
            f"the expression has {tree_size(node)} nodes; a trace is readable (and built) for "
            f"at most {MAX_GRAPH_SIZE}"
        )
    point = parse_point(point)
    inputs = check_variables(variables) if variables is not None else variables_of(node)
    missing = [name for name in inputs if name not in point]
    if missing:
        raise DomainError(f"no value given for the input {', '.join(missing)}")
    taken = set(inputs) | set(variables_of(node))
    if "f" in taken:
        raise DomainError("the name f is kept for the output; rename the input variable f")
    builder = _GraphBuilder(inputs, taken)
    top = builder.visit(node)
    order = builder.order
    if order and isinstance(top, Symbol) and order[-1][0] == top.name:
        # the last operation is the output: call it f, as in the book
        order = [(name, _rename(d, top.name), e) for name, d, e in order[:-1]]
        order.append(("f", builder.order[-1][1], node))
    else:
        order.append(("f", top, node))  # f is an input or a constant itself
    environment: dict[str, Value] = {}
    for name in inputs:
        environment[name] = evaluate(Symbol(name), point)
    point_values = dict(environment)
    nodes = []
    for name, definition, expression in order:
        value = evaluate(definition, environment)
        environment[name] = value
        nodes.append(GraphNode(name, definition, expression, value))

    # backward pass: adjoints in reverse order of the forward pass
    adjoint_value: dict[str, Value] = {"f": Fraction(1)}
    factors: dict[str, list[ChainFactor]] = {}
    for graph_node in reversed(nodes):
        parent_adjoint = adjoint_value.get(graph_node.name, Fraction(0))
        for used in _uses(graph_node.definition):
            local = differentiate(graph_node.definition, used, steps=False).value
            local_value = evaluate(local, environment)
            factor = ChainFactor(graph_node.name, local, local_value, parent_adjoint)
            factors.setdefault(used, []).append(factor)
            adjoint_value[used] = adjoint_value.get(used, Fraction(0)) + factor.contribution
    adjoints = {"f": Adjoint("f", Fraction(1), ())}
    for graph_node in reversed(nodes[:-1]):
        name = graph_node.name
        adjoints[name] = Adjoint(
            name, adjoint_value.get(name, Fraction(0)), tuple(factors.get(name, ()))
        )
    for name in inputs:
        adjoints[name] = Adjoint(
            name, adjoint_value.get(name, Fraction(0)), tuple(factors.get(name, ()))
        )
    gradient = {name: adjoints[name].value for name in inputs}
    forward = _forward_table(nodes)
    backward = _backward_table(adjoints)
    derivation = Derivation(
        MathText(
            f"Backpropagation for f = {to_text(node)} at "
            + ", ".join(f"{k} = {format_value(v)}" for k, v in point_values.items()),
            r"\text{Backpropagation for } f = " + to_latex(node),
        )
    )
    derivation.add(
        Step(
            "forward_pass",
            "compute each intermediate variable from the ones before it",
            after=forward,
            note="shared sub-expressions are computed once",
            data={"nodes": tuple(nodes)},
        )
    )
    derivation.add(
        Step(
            "backward_pass",
            MathText(
                "from ∂f/∂f = 1 backwards: ∂f/∂v = Σ over the variables c that use v of ∂f/∂c · ∂c/∂v",
                r"\frac{\partial f}{\partial v} = \sum_{c \text{ uses } v} "
                r"\frac{\partial f}{\partial c}\frac{\partial c}{\partial v}",
            ),
            after=backward,
            note=MathText(
                "each local derivative ∂c/∂v comes from the definition of c",
                r"\text{each local derivative } \partial c / \partial v"
                r"\text{ comes from the definition of } c",
            ),
            data={"adjoints": adjoints},
        )
    )
    derivation.result = MathText(
        ", ".join(f"∂f/∂{name} = {format_value(v)}" for name, v in gradient.items()),
        ", ".join(
            rf"\frac{{\partial f}}{{\partial {to_latex(Symbol(name))}}} = {_latex_value(v)}"
            for name, v in gradient.items()
        ),
    )
    return BackpropTrace(
        node, inputs, point_values, tuple(nodes), adjoints, gradient, forward, backward, derivation
    )


def _rename(node: Node, old: str) -> Node:
    from mml.calculus.expression import substitute

    return substitute(node, {old: Symbol("f")})


def _forward_table(nodes: list[GraphNode]) -> Table:
    rows = []
    for graph_node in nodes:
        rows.append(
            (
                MathText(graph_node.name, to_latex(Symbol(graph_node.name))),
                MathText(to_text(graph_node.definition), to_latex(graph_node.definition)),
                MathText(format_value(graph_node.value), _latex_value(graph_node.value)),
            )
        )
    return Table.build(("variable", "definition", "value"), rows)


def _local_text(factor: ChainFactor, name: str) -> str:
    formula, value = to_text(factor.local), format_value(factor.local_value)
    shown = formula if formula == value else f"{formula} = {value}"
    return f"∂{factor.parent}/∂{name} = {shown}"


def _local_latex(factor: ChainFactor, name: str) -> str:
    formula, value = to_latex(factor.local), _latex_value(factor.local_value)
    shown = formula if formula == value else f"{formula} = {value}"
    parent, variable = to_latex(Symbol(factor.parent)), to_latex(Symbol(name))
    return rf"\frac{{\partial {parent}}}{{\partial {variable}}} = {shown}"


def _backward_table(adjoints: dict[str, Adjoint]) -> Table:
    rows = []
    for name, adjoint in adjoints.items():
        label = MathText(
            f"∂f/∂{name}", rf"\frac{{\partial f}}{{\partial {to_latex(Symbol(name))}}}"
        )
        if not adjoint.factors:
            chain = MathText("(start)" if name == "f" else "(unused)", r"\text{start}")
            local = MathText("", "")
        else:
            chain = MathText(
                " + ".join(f"∂f/∂{c.parent}·∂{c.parent}/∂{name}" for c in adjoint.factors),
                " + ".join(
                    rf"\frac{{\partial f}}{{\partial {c.parent}}}\frac{{\partial {c.parent}}}{{\partial {name}}}"
                    for c in adjoint.factors
                ),
            )
            local = MathText(
                "; ".join(_local_text(c, name) for c in adjoint.factors),
                r";\ ".join(_local_latex(c, name) for c in adjoint.factors),
            )
        value = MathText(format_value(adjoint.value), _latex_value(adjoint.value))
        rows.append((label, chain, local, value))
    return Table.build(("adjoint", "chain rule", "local derivatives", "value"), rows)
