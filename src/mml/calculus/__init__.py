"""Paper calculus: exact derivatives with named steps, gradients, Taylor polynomials.

Everything works on the tree of :func:`mml.parse.parse_expression`; the rules and the
steps are ours, and SymPy (imported lazily) only tidies a final result on request
(MML book chapter 5):

- the expression layer: :func:`to_text`, :func:`to_latex`, :func:`evaluate` (exact at
  rational points), :func:`simplify`, :func:`expand`, :func:`equivalent`;
- §5.1 :func:`differentiate` (every rule a named step), :func:`difference_quotient`;
- §5.2–5.3, 5.7 :func:`partial`, :func:`gradient` (1×n), :func:`jacobian` (m×n),
  :func:`hessian`, :func:`chain_rule` (a product of Jacobians);
- §5.4–5.5 :func:`matrix_gradient` with :data:`GRADIENT_IDENTITIES`, shapes stated;
- §5.6 :func:`backprop_trace` (scalar graph) and :func:`mlp_backprop_trace`;
- §5.8 :func:`taylor_polynomial` and :func:`linearise`.

Examples
--------
>>> from mml.calculus import differentiate
>>> d = differentiate("x^2 * sin(x)", "x")
>>> d.text
'2x*sin(x) + x^2*cos(x)'
>>> [step.rule for step in d.steps]
['product', 'power', 'trig', 'simplify']
"""

from mml.calculus.backprop import Adjoint, BackpropTrace, ChainFactor, GraphNode, backprop_trace
from mml.calculus.chain_rule import chain_rule, parse_substitution
from mml.calculus.definition import difference_quotient
from mml.calculus.derivative import Derivative, differentiate
from mml.calculus.evaluation import equivalent, evaluate, exact_value
from mml.calculus.expression import (
    CONSTANTS,
    as_expression,
    check_variable,
    substitute,
    variables_of,
)
from mml.calculus.expression_matrix import ExpressionMatrix
from mml.calculus.gradients import (
    DerivativeMatrix,
    gradient,
    hessian,
    jacobian,
    parse_functions,
    partial,
)
from mml.calculus.matrix_gradients import (
    GRADIENT_IDENTITIES,
    GradientIdentity,
    MatrixGradient,
    matrix_gradient,
)
from mml.calculus.mlp_trace import MLPTrace, mlp_backprop_trace
from mml.calculus.printing import to_latex, to_text
from mml.calculus.rules import FUNCTION_RULES, RULES
from mml.calculus.simplify import expand, simplify
from mml.calculus.table import Table
from mml.calculus.taylor import TaylorPolynomial, linearise, taylor_polynomial

__all__ = [
    "CONSTANTS",
    "as_expression",
    "check_variable",
    "substitute",
    "variables_of",
    "to_text",
    "to_latex",
    "evaluate",
    "exact_value",
    "equivalent",
    "simplify",
    "expand",
    "differentiate",
    "Derivative",
    "RULES",
    "FUNCTION_RULES",
    "partial",
    "gradient",
    "jacobian",
    "hessian",
    "parse_functions",
    "DerivativeMatrix",
    "ExpressionMatrix",
    "Table",
    "taylor_polynomial",
    "linearise",
    "TaylorPolynomial",
    "backprop_trace",
    "BackpropTrace",
    "GraphNode",
    "Adjoint",
    "ChainFactor",
    "mlp_backprop_trace",
    "MLPTrace",
    "matrix_gradient",
    "MatrixGradient",
    "GradientIdentity",
    "GRADIENT_IDENTITIES",
    "chain_rule",
    "difference_quotient",
    "parse_substitution",
]
