"""Subcommands for optimisation on paper (book ch. 7): gradient descent, Lagrange, simplex."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from mml.cli.common import _add_plot_option, _new_subcommand, _render, _save_plot


# -- optimisation on paper (book ch. 7) ------------------------------------------------------
def _run_lagrange(args: argparse.Namespace) -> str:
    from mml.optim.lagrange import lagrange

    return _render(lagrange(args.objective, args.subject_to), args)


def _add_lagrange(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "lagrange",
        "Lagrange multipliers: quadratic objective, linear equality constraints, solved exactly",
        _run_lagrange,
        ['mml lagrange "x^2 + y^2" --subject-to "x + y = 1"'],
    )
    parser.add_argument("objective", help="a polynomial of degree ≤ 2 (write products as x*y)")
    parser.add_argument(
        "--subject-to", required=True, help="linear equality constraints separated by ';'"
    )


def _run_gd(args: argparse.Namespace) -> str:
    from mml.optim.gradient_descent_table import gradient_descent_table

    table = gradient_descent_table(
        args.A, args.b, args.x0, args.step_size, args.iterations, args.momentum
    )

    def draw() -> Any:
        import numpy as np

        from mml.errors import ShapeError
        from mml.exact import as_matrix, as_vector
        from mml.plot import optimiser_paths

        A, b = as_matrix(args.A).to_numpy(), np.array([float(v) for v in as_vector(args.b)])
        if A.shape != (2, 2):
            raise ShapeError("--plot draws 2-D quadratics only")

        def f(p: Any) -> Any:
            return (
                0.5 * (A[0, 0] * p[0] * p[0] + 2 * A[0, 1] * p[0] * p[1] + A[1, 1] * p[1] * p[1])
                - b[0] * p[0]
                - b[1] * p[1]
            )

        iterates = np.array([[float(v) for v in x] for x in table.iterates])
        return optimiser_paths(f, iterates[0], optimisers={}, paths={"gradient descent": iterates})

    return _render(table, args) + _save_plot(args, draw)


def _add_gd(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "gd",
        "gradient descent on f(x) = ½xᵀAx − bᵀx, iterate by iterate in fractions",
        _run_gd,
        ['mml gd --A "2 0; 0 1" --b "2 1" --x0 "0 0" --step-size 1/2 --iterations 4'],
    )
    parser.add_argument("--A", required=True, help="a symmetric matrix")
    parser.add_argument("--b", required=True, help="the linear term")
    parser.add_argument("--x0", required=True, help="the starting point")
    parser.add_argument("--step-size", required=True, help="γ > 0")
    parser.add_argument("--iterations", type=int, default=5, help="number of steps (default 5)")
    parser.add_argument("--momentum", default="0", help="heavy-ball momentum α in [0, 1)")
    _add_plot_option(parser)


def _run_simplex(args: argparse.Namespace) -> str:
    from mml.exact import as_matrix, as_vector
    from mml.optim.simplex_tableaux import simplex_tableaux

    def matrix(text: str | None) -> list | None:
        return None if text is None else as_matrix(text).tolist()

    def vector(text: str | None) -> list | None:
        return None if text is None else list(as_vector(text))

    result = simplex_tableaux(
        vector(args.c),
        A_ub=matrix(args.A_ub),
        b_ub=vector(args.b_ub),
        A_eq=matrix(args.A_eq),
        b_eq=vector(args.b_eq),
    )
    return _render(result, args)


def _add_simplex(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "simplex",
        "a linear program min cᵀx (x ≥ 0) by the simplex method, every tableau in fractions",
        _run_simplex,
        ['mml simplex --c "-3 -2" --A-ub "1 1; 1 3" --b-ub "4 6"'],
    )
    parser.add_argument("--c", required=True, help="the cost vector")
    parser.add_argument("--A-ub", dest="A_ub", help="≤ constraints, one row each")
    parser.add_argument("--b-ub", dest="b_ub", help="their right-hand sides")
    parser.add_argument("--A-eq", dest="A_eq", help="= constraints")
    parser.add_argument("--b-eq", dest="b_eq", help="their right-hand sides")


SUBCOMMANDS: list[Callable[[Any], None]] = [
    _add_lagrange,
    _add_gd,
    _add_simplex,
]
