"""The derivative from its definition, the limit of the difference quotient (MML book §5.1.1).

``df/dx = lim_{h→0} (f(x + h) − f(x)) / h``. For a polynomial the numerator, multiplied
out, is divisible by ``h``; after dividing, ``h → 0`` is simply ``h = 0``. Each of these
moves is a step, as in the book's Example 5.2 for ``f(x) = xⁿ``.
"""

from __future__ import annotations

from fractions import Fraction

from mml.calculus.expression import (
    ExpressionLike,
    as_expression,
    bounded,
    check_variable,
    children,
    substitute,
    symbols_in,
)
from mml.calculus.formulas import formula_of, join, words
from mml.calculus.printing import to_latex, to_text
from mml.calculus.simplify import Simplifier
from mml.errors import DomainError
from mml.parse import BinaryOperation, Negate, Node, Number, Symbol
from mml.steps import Derivation, MathText, Step

__all__ = ["difference_quotient"]


def _is_polynomial(node: Node, x: str) -> bool:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, BinaryOperation):
            if item.op == "^":
                exponent = item.right
                if x in symbols_in(exponent):
                    return False
                if x in symbols_in(item.left) and not (
                    isinstance(exponent, Number)
                    and exponent.value.denominator == 1
                    and 0 <= exponent.value <= 50
                ):
                    return False
            if item.op == "/" and x in symbols_in(item.right):
                return False
        elif not isinstance(item, (Number, Symbol, Negate)):
            if x in symbols_in(item):
                return False
            continue
        stack.extend(children(item))
    return True


@bounded
def difference_quotient(expr: ExpressionLike, wrt: str = "x") -> Derivation:
    """Work out ``df/dx`` from the definition ``lim_{h→0} (f(x + h) − f(x))/h``.

    Parameters
    ----------
    expr : str or Node
        A polynomial in ``wrt`` (other names are constants), degree at most 50.
    wrt : str

    Returns
    -------
    Derivation
        Steps ``definition``, ``substitute``, ``expand``, ``divide``, ``limit``; the
        result is the derivative.

    Raises
    ------
    DomainError
        If ``expr`` is not a polynomial in ``wrt`` (use :func:`differentiate` then).

    Examples
    --------
    >>> d = difference_quotient("x^3 - 2x")
    >>> [step.rule for step in d]
    ['definition', 'substitute', 'expand', 'divide', 'limit']
    >>> print(d.steps[-1].data["derivative"])
    ((3 * (x ^ 2)) - 2)
    """
    x = check_variable(wrt)
    node = as_expression(expr)
    if not _is_polynomial(node, x):
        raise DomainError(
            f"the difference quotient is worked here for polynomials in {x}; "
            f"{to_text(node)} is not one (differentiate() handles it by the rules)"
        )
    taken = symbols_in(node)
    h_name = next(name for name in ("h", "h_1", "h_2", "delta") if name not in taken)
    h = Symbol(h_name)
    tidy = Simplifier()
    shifted = substitute(node, {x: BinaryOperation("+", Symbol(x), h)})
    numerator = tidy.expand(BinaryOperation("-", shifted, node))
    divided_terms = []
    for coefficient, factors in tidy.terms_of(numerator):
        if coefficient == 0:
            continue  # f is constant: the numerator is 0
        powers = [e for base, e in factors if base == h and isinstance(e, Number)]
        if not powers or powers[0].value < 1:
            raise DomainError(f"a term of f({x} + {h_name}) − f({x}) has no factor {h_name}")
        rest = [(base, e) for base, e in factors if base != h]
        if powers[0].value > 1:
            rest.append((h, Number(powers[0].value - 1)))
        divided_terms.append((coefficient, rest))
    quotient = tidy.build_sum(divided_terms)
    derivative = tidy(substitute(quotient, {h_name: Fraction(0)}))

    def m(item: Node) -> MathText:
        return formula_of(item)

    fx = MathText(f"f({x})", f"f({to_latex(Symbol(x))})")
    title = join(words("The derivative of "), m(node), words(" from the definition"))
    derivation = Derivation(title)
    derivation.add(
        Step(
            "definition",
            MathText(
                f"df/d{x} = lim_{h_name}→0 (f({x} + {h_name}) − f({x}))/{h_name}",
                rf"\frac{{df}}{{d{x}}} = \lim_{{{h_name} \to 0}} "
                rf"\frac{{f({x} + {h_name}) - f({x})}}{{{h_name}}}",
            ),
            note=join(words("with "), fx, " = ", m(node)),
        )
    )
    derivation.add(
        Step(
            "substitute",
            join(MathText(f"f({x} + {h_name}) = ", f"f({x} + {h_name}) = "), m(shifted)),
            data={"shifted": shifted},
        )
    )
    derivation.add(
        Step(
            "expand",
            join(
                MathText(f"f({x} + {h_name}) − f({x}) = ", f"f({x} + {h_name}) - f({x}) = "),
                m(numerator),
            ),
            note=words(f"multiply out; the terms without {h_name} cancel"),
            data={"numerator": numerator},
        )
    )
    derivation.add(
        Step(
            "divide",
            join(
                MathText(
                    f"(f({x} + {h_name}) − f({x}))/{h_name} = ",
                    rf"\frac{{f({x} + {h_name}) - f({x})}}{{{h_name}}} = ",
                ),
                m(quotient),
            ),
            note=words(f"every term has a factor {h_name}"),
            data={"quotient": quotient},
        )
    )
    derivation.add(
        Step(
            "limit",
            join(
                MathText(
                    f"let {h_name} → 0: df/d{x} = ", rf"{h_name} \to 0: \frac{{df}}{{d{x}}} = "
                ),
                m(derivative),
            ),
            note=words("a polynomial in h is continuous, so the limit is its value at h = 0"),
            data={"derivative": derivative},
        )
    )
    derivation.result = join(MathText(f"df/d{x} = ", rf"\frac{{df}}{{d{x}}} = "), m(derivative))
    return derivation
