"""Subcommands for calculus on paper (book ch. 5, §6.7, §7.3): derivatives, gradients, backprop,
change of variables and convex conjugates."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from mml.cli.common import _new_subcommand, _render


# -- calculus on paper (book ch. 5) ----------------------------------------------------------
def _run_diff(args: argparse.Namespace) -> str:
    from mml.calculus import differentiate

    simplify = "sympy" if args.sympy else True
    wrt = args.wrt
    if wrt is None:
        from mml.calculus import as_expression, variables_of
        from mml.errors import DomainError

        names = list(variables_of(as_expression(args.expression)))
        if len(names) > 1:
            raise DomainError(f"the expression has variables {names}; choose one with --wrt")
        wrt = names[0] if names else "x"
    return _render(differentiate(args.expression, wrt, simplify=simplify), args)


def _add_diff(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "diff",
        "derivative with every rule named (sum, product, quotient, chain, power, exp, log, trig)",
        _run_diff,
        ['mml diff "x^2 * sin(x)" --wrt x', 'mml diff "x^2*y + exp(x*y)" --wrt y --format latex'],
    )
    parser.add_argument("expression", help='a function, e.g. "x^2 * sin(x)"')
    parser.add_argument("--wrt", help="the variable (default: the only variable of the expression)")
    parser.add_argument(
        "--sympy",
        action="store_true",
        help="let SymPy simplify the final result (the steps stay ours)",
    )


def _run_grad(args: argparse.Namespace) -> str:
    from mml.calculus import gradient, jacobian, parse_functions

    functions = parse_functions(args.functions)
    build = gradient if len(functions) == 1 else jacobian
    argument = functions[0] if len(functions) == 1 else functions
    return _render(build(argument, args.wrt, at=args.at), args)


def _add_grad(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "grad",
        "gradient (1×n row) of a function, or Jacobian (m×n) of several, with the shapes",
        _run_grad,
        [
            'mml grad "x^2*y + sin(y)" --wrt "x, y" --at "x = 1, y = 0"',
            'mml grad "x^2*y, sin(x) + y"   # two functions: the 2×2 Jacobian',
        ],
    )
    parser.add_argument("functions", help="one function, or several separated by ',' or ';'")
    parser.add_argument(
        "--wrt", help='the variables, e.g. "x, y" (default: in order of appearance)'
    )
    parser.add_argument("--at", help='a point to evaluate at, e.g. "x = 1, y = 2"')


def _run_backprop(args: argparse.Namespace) -> str:
    from mml.calculus import backprop_trace

    return _render(backprop_trace(args.expression, args.at, args.inputs), args)


def _add_backprop(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "backprop",
        "backpropagation: forward table of values, backward table of adjoints with chain factors",
        _run_backprop,
        ['mml backprop "sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))" --at "x = 2"'],
    )
    parser.add_argument("expression", help="a scalar function of one or more inputs")
    parser.add_argument("--at", required=True, help='the input values, e.g. "x = 2, y = 1/2"')
    parser.add_argument("--inputs", help='the input variables, e.g. "x, y" (default: all)')


def _run_change_of_variables(args: argparse.Namespace) -> str:
    from mml.calculus.change_of_variables import (
        change_of_variables,
        distribution_function_technique,
    )

    if args.cdf:
        result = distribution_function_technique(
            args.cdf, args.inverse, increasing=not args.decreasing
        )
    elif args.density:
        result = change_of_variables(args.density, args.inverse, args.transform)
    else:
        from mml.errors import ParseError

        raise ParseError(
            "give --density (change of variables) or --cdf (distribution-function technique)"
        )
    return _render(result, args)


def _add_change_of_variables(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "change-of-variables",
        "the density of Y = g(X): change of variables or the distribution-function technique",
        _run_change_of_variables,
        [
            'mml change-of-variables --density "exp(-x^2/2)/sqrt(2*pi)" --transform "exp(x)" --inverse "log(y)"',
            'mml change-of-variables --cdf "1 - exp(-x)" --inverse "y^2"',
        ],
    )
    parser.add_argument("--density", help="f_X as an expression in x")
    parser.add_argument("--cdf", help="F_X as an expression in x (distribution-function technique)")
    parser.add_argument("--inverse", required=True, help="x = g⁻¹(y) as an expression in y")
    parser.add_argument("--transform", help="g(x), to check the inverse")
    parser.add_argument("--decreasing", action="store_true", help="g is decreasing (with --cdf)")


def _run_convex_conjugate(args: argparse.Namespace) -> str:
    from mml.calculus.convex_conjugate import convex_conjugate

    return _render(convex_conjugate(args.function, args.derivative_inverse), args)


def _add_convex_conjugate(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "convex-conjugate",
        "the Legendre–Fenchel conjugate f*(y) = sup_x (xy − f(x)), with steps",
        _run_convex_conjugate,
        [
            'mml convex-conjugate "exp(x)"',
            'mml convex-conjugate "x^6/6" --derivative-inverse "y^(1/5)"',
        ],
    )
    parser.add_argument("function", help="a convex function of x")
    parser.add_argument("--derivative-inverse", help="x = (f')⁻¹(y), when f is not a standard one")


SUBCOMMANDS: list[Callable[[Any], None]] = [
    _add_diff,
    _add_grad,
    _add_backprop,
    _add_change_of_variables,
    _add_convex_conjugate,
]
