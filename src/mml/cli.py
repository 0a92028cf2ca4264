"""The ``mml`` command line: exact worked solutions in the terminal.

Each subcommand has a function that builds its parser (``_add_<name>``) and one that runs it
(``_run_<name>``, returning the text to print). To add a subcommand, write both and append
the ``_add_`` function to ``SUBCOMMANDS`` at the bottom of this file.

Errors in the user's input (``ParseError``, ``ShapeError``, ``DomainError``) are printed to
stderr with their caret line and exit with status 2; a mathematical obstacle such as a
singular matrix exits with status 1. Never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any

from mml import __version__
from mml.errors import MMLError

__all__ = ["main", "build_parser", "SUBCOMMANDS"]

FORMATS = ("text", "markdown", "latex")


def _output_options() -> argparse.ArgumentParser:
    """Options every Paper subcommand shares: ``--format`` and ``--no-steps``."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        default="text",
        help="output format (default: text)",
    )
    parent.add_argument(
        "--no-steps", action="store_true", help="print only the result, without the steps"
    )
    return parent


def _render(result: Any, args: argparse.Namespace) -> str:
    """Render a Paper result (anything with ``.steps``) in the chosen format."""
    return result.steps.render(args.format, show_steps=not args.no_steps)


def _add_plot_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plot", metavar="FILE.png", help="also draw the picture into FILE.png")


def _save_plot(args: argparse.Namespace, draw: Callable[[], Any]) -> str:
    """Draw with ``draw()`` into ``args.plot`` (when given); the line to print about it."""
    if not getattr(args, "plot", None):
        return ""
    try:
        import matplotlib

        matplotlib.use("Agg")
    except ImportError:
        from mml.errors import DomainError

        raise DomainError("--plot needs matplotlib: pip install 'mml[plot]'") from None
    figure = draw()
    figure.savefig(args.plot, dpi=100, bbox_inches="tight")
    return f"\npicture: {args.plot}"


def _example(*lines: str) -> str:
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def _new_subcommand(
    subparsers: Any,
    name: str,
    help_text: str,
    run: Callable[[argparse.Namespace], str],
    examples: Sequence[str] = (),
    output_options: bool = True,
) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        name,
        help=help_text,
        description=help_text,
        epilog=_example(*examples) if examples else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_output_options()] if output_options else [],
    )
    parser.set_defaults(run=run, command=name)
    return parser


# -- linear systems and matrices (book ch. 2) ------------------------------------------------
def _run_solve(args: argparse.Namespace) -> str:
    from mml.exact import solve

    solution = solve(args.system)
    out = solution.summary() if args.no_steps and args.format == "text" else _render(solution, args)

    def draw() -> Any:
        from mml.plot import linear_system

        return linear_system(solution)

    return out + _save_plot(args, draw)


def _add_solve(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "solve",
        "solve a system of linear equations exactly, showing every row operation",
        _run_solve,
        [
            'mml solve "3x + y = 9; 4x - 2y = 5"',
            'mml solve "2x + 4y - z = 5; 7x - 2y + 3z = 6; 9x + 2y + 2z = 11"',
            'mml solve "2x + 4y = 5" --format latex',
        ],
    )
    parser.add_argument(
        "system", help="equations separated by ';' or new lines, e.g. \"3x + y = 9; 4x - 2y = 5\""
    )
    _add_plot_option(parser)


def _run_rref(args: argparse.Namespace) -> str:
    from mml.exact import rref

    return _render(rref(args.matrix), args)


def _run_ref(args: argparse.Namespace) -> str:
    from mml.exact import row_echelon_form

    return _render(row_echelon_form(args.matrix), args)


_MATRIX_HELP = 'a matrix, e.g. "[[1, 2], [3, 4]]" or "1 2; 3 4"'


def _add_rref(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "rref",
        "reduced row echelon form with every row operation",
        _run_rref,
        ['mml rref "[[1, 2, 3], [4, 5, 6], [7, 8, 10]]" --format latex'],
    )
    parser.add_argument("matrix", help=_MATRIX_HELP)


def _add_ref(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "ref",
        "row echelon form (Gaussian elimination) with every row operation",
        _run_ref,
        ['mml ref "2 4 -1; 7 -2 3; 9 2 2"'],
    )
    parser.add_argument("matrix", help=_MATRIX_HELP)


def _run_det(args: argparse.Namespace) -> str:
    from mml.exact import det

    return _render(det(args.matrix, method=args.method), args)


def _add_det(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "det",
        "determinant by cofactor expansion, the rule of Sarrus, or elimination",
        _run_det,
        ['mml det "1 2; 3 4"', 'mml det "2 0 1; 1 3 2; 1 1 2" --method sarrus'],
    )
    parser.add_argument("matrix", help=_MATRIX_HELP)
    parser.add_argument(
        "--method",
        choices=("auto", "cofactor", "sarrus", "elimination"),
        default="auto",
        help="auto: cofactor expansion up to 4×4, elimination above",
    )


def _run_inv(args: argparse.Namespace) -> str:
    from mml.exact import inverse

    return _render(inverse(args.matrix), args)


def _add_inv(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "inv",
        "inverse by Gauss–Jordan elimination on [A | I]",
        _run_inv,
        ['mml inv "[[2, 1], [1, 1]]"'],
    )
    parser.add_argument("matrix", help=_MATRIX_HELP)


def _run_rank(args: argparse.Namespace) -> str:
    from mml.exact import row_echelon_form

    echelon = row_echelon_form(args.matrix)
    if args.no_steps:
        return str(echelon.rank)
    return _render(echelon, args)


def _add_rank(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "rank",
        "rank: the number of pivots in row echelon form",
        _run_rank,
        ['mml rank "1 2 3; 2 4 6"'],
    )
    parser.add_argument("matrix", help=_MATRIX_HELP)


def _space_runner(function_name: str) -> Callable[[argparse.Namespace], str]:
    def run(args: argparse.Namespace) -> str:
        import mml.exact

        return _render(getattr(mml.exact, function_name)(args.matrix), args)

    return run


def _add_spaces(subparsers: Any) -> None:
    for name, function_name, help_text in (
        ("null-space", "null_space", "a basis of the null space (kernel) by the Minus-1 trick"),
        ("column-space", "column_space", "a basis of the column space (image): pivot columns"),
        ("row-space", "row_space", "a basis of the row space: nonzero rows of the RREF"),
    ):
        parser = _new_subcommand(
            subparsers,
            name,
            help_text,
            _space_runner(function_name),
            [f'mml {name} "1 2 3; 2 4 6"'],
        )
        parser.add_argument("matrix", help=_MATRIX_HELP)


# -- eigenvalues, decompositions and geometry (book ch. 3–4) ----------------------------------
def _run_charpoly(args: argparse.Namespace) -> str:
    from mml.exact import characteristic_polynomial

    return _render(characteristic_polynomial(args.matrix), args)


def _add_charpoly(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "charpoly",
        "characteristic polynomial det(A − λI), expanded step by step",
        _run_charpoly,
        ['mml charpoly "4 2; 1 3"', 'mml charpoly "2 0 0; 0 3 4; 0 4 9" --format latex'],
    )
    parser.add_argument("matrix", help=_MATRIX_HELP)


def _run_eig(args: argparse.Namespace) -> str:
    from mml.exact import eigenvectors

    return _render(eigenvectors(args.matrix), args)


def _add_eig(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "eig",
        "eigenvalues (rational-root theorem) and eigenspaces null(A − λI), with multiplicities",
        _run_eig,
        ['mml eig "4 2; 1 3"', 'mml eig "1 1; 0 1"   # defective: one eigenvector for λ = 1 (×2)'],
    )
    parser.add_argument("matrix", help=_MATRIX_HELP)


def _run_diagonalise(args: argparse.Namespace) -> str:
    from mml.exact import diagonalise

    return _render(diagonalise(args.matrix, orthogonal=args.orthogonal), args)


def _add_diagonalise(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "diagonalise",
        "diagonalise A = P·D·P⁻¹ from eigenvectors, or explain why it fails (defective, complex)",
        _run_diagonalise,
        ['mml diagonalise "4 2; 1 3"', 'mml diagonalise "2 1; 1 2" --orthogonal'],
    )
    parser.add_argument("matrix", help=_MATRIX_HELP)
    parser.add_argument(
        "--orthogonal",
        action="store_true",
        help="symmetric A: orthonormal eigenvectors, A = Q·D·Qᵀ",
    )


def _run_gram_schmidt(args: argparse.Namespace) -> str:
    from mml.exact import gram_schmidt

    return _render(gram_schmidt(args.vectors, normalise=args.normalise, A=args.inner), args)


def _add_gram_schmidt(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "gram-schmidt",
        "Gram–Schmidt orthogonalisation, each projection subtracted shown (exact square roots)",
        _run_gram_schmidt,
        [
            'mml gram-schmidt "1 1 0; 1 0 1; 0 1 1" --normalise   # one vector per row',
            'mml gram-schmidt "1 0; 0 1" --inner "2 1; 1 2"',
        ],
    )
    parser.add_argument("vectors", help='the vectors, one per row, e.g. "1 1 0; 1 0 1"')
    parser.add_argument(
        "--normalise", action="store_true", help="also divide each vector by its length"
    )
    parser.add_argument("--inner", help="an SPD matrix A for the inner product xᵀAy")


def _run_project(args: argparse.Namespace) -> str:
    from mml.exact import project, project_onto_affine

    if args.point is not None:
        return _render(project_onto_affine(args.x, args.point, args.onto), args)
    return _render(project(args.x, args.onto), args)


def _add_project(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "project",
        "orthogonal projection onto a line, subspace or affine space, via the normal equations",
        _run_project,
        [
            'mml project "6 0 0" --onto "1 1 1; 0 1 2"   # U spanned by two vectors (rows)',
            'mml project "1 1 1" --onto "1 2 2"          # onto a line',
            'mml project "2 3" --onto "1 0" --point "0 1"   # onto the line y = 1',
        ],
    )
    parser.add_argument("x", help='the point to project, e.g. "6 0 0"')
    parser.add_argument("--onto", required=True, help="spanning vectors, one per row")
    parser.add_argument("--point", help="a point x₀ of an affine space x₀ + span(onto)")


def _run_cholesky(args: argparse.Namespace) -> str:
    from mml.exact import cholesky

    return _render(cholesky(args.matrix), args)


def _add_cholesky(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "cholesky",
        "Cholesky A = L·Lᵀ by hand, column by column; a pivot ≤ 0 shows A is not positive definite",
        _run_cholesky,
        ['mml cholesky "4 12 -16; 12 37 -43; -16 -43 98"', 'mml cholesky "2 1; 1 2"'],
    )
    parser.add_argument("matrix", help=_MATRIX_HELP)


def _run_svd(args: argparse.Namespace) -> str:
    from mml.exact import rank_k_approximation, svd

    if args.rank is not None:
        return _render(rank_k_approximation(args.matrix, args.rank), args)
    return _render(svd(args.matrix), args)


def _add_svd(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "svd",
        "SVD by hand via the eigenvectors of AᵀA; --rank k: best rank-k approximation (Eckart–Young)",
        _run_svd,
        ['mml svd "3 2 2; 2 3 -2"', 'mml svd "1 0 1; -2 1 0"', 'mml svd "3 2 2; 2 3 -2" --rank 1'],
    )
    parser.add_argument("matrix", help=_MATRIX_HELP)
    parser.add_argument("--rank", type=int, help="k: also build the best rank-k approximation")


# -- probability on paper (book ch. 6) --------------------------------------------------------
def _named_probabilities(text: str, option: str) -> dict[str, str]:
    """``"fair=1/2, loaded=1/2"`` → ``{"fair": "1/2", "loaded": "1/2"}``."""
    from mml.errors import ParseError

    pairs = {}
    for part in text.split(","):
        name, sep, value = part.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise ParseError(
                f"{option} expects name=probability pairs separated by commas, e.g. "
                f"'fair=1/2, loaded=1/2'; got {part.strip()!r}"
            )
        pairs[name.strip()] = value.strip()
    return pairs


def _run_bayes(args: argparse.Namespace) -> str:
    from mml.errors import ParseError
    from mml.probability.bayes import bayes, diagnostic_test

    if args.likelihood is not None:
        result = bayes(
            _named_probabilities(args.prior, "--prior"),
            _named_probabilities(args.likelihood, "--likelihood"),
            args.evidence,
        )
    elif args.sensitivity is None or args.specificity is None:
        raise ParseError(
            "give --sensitivity and --specificity (a diagnostic test), or --likelihood "
            "(named hypotheses)"
        )
    else:
        result = diagnostic_test(
            args.prior,
            args.sensitivity,
            args.specificity,
            "negative" if args.negative else "positive",
        )
    return _render(result, args)


def _add_bayes(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "bayes",
        "Bayes' theorem in exact fractions, with the product and sum rules named",
        _run_bayes,
        [
            "mml bayes --prior 0.01 --sensitivity 0.95 --specificity 0.9",
            "mml bayes --prior 0.01 --sensitivity 0.95 --specificity 0.9 --negative",
            'mml bayes --prior "fair=1/2, loaded=1/2" --likelihood "fair=1/6, loaded=1/2" '
            "--evidence six",
        ],
    )
    parser.add_argument(
        "--prior", required=True, help="prevalence p(disease), or name=probability pairs"
    )
    parser.add_argument("--sensitivity", help="p(positive test | disease)")
    parser.add_argument("--specificity", help="p(negative test | healthy)")
    parser.add_argument("--negative", action="store_true", help="the test came back negative")
    parser.add_argument("--likelihood", help="name=p(evidence | name) pairs, one per hypothesis")
    parser.add_argument("--evidence", default="e", help="how to write the evidence (default e)")


def _indices_from_text(text: str, option: str) -> list[int]:
    """1-based indices such as ``"2"`` or ``"1, 3"`` → 0-based."""
    from mml.errors import ParseError
    from mml.exact import as_vector

    values = as_vector(text, option)
    if any(v.denominator != 1 or v < 1 for v in values):
        raise ParseError(f"{option} expects 1-based whole-number indices; got {text!r}")
    return [int(v) - 1 for v in values]


def _run_gaussian_conditional(args: argparse.Namespace) -> str:
    from mml.probability.gaussian_algebra import gaussian_conditional

    given = _indices_from_text(args.given, "--given")
    result = gaussian_conditional(args.mean, args.cov, given, args.values)

    def draw() -> Any:
        from mml.exact import as_matrix, as_vector
        from mml.plot import conditioning

        mean = [float(v) for v in as_vector(args.mean)]
        cov = as_matrix(args.cov).to_numpy()
        values = as_vector(args.values)
        if len(mean) != 2:
            from mml.errors import ShapeError

            raise ShapeError("--plot draws 2-D Gaussians only")
        # conditioning() slices at x1 = a; reorder so the observed entry comes first.
        order = [given[0], 1 - given[0]]
        return conditioning([mean[i] for i in order], cov[order][:, order], x1=float(values[0]))

    return _render(result, args) + _save_plot(args, draw)


def _add_gaussian_conditional(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "gaussian-conditional",
        "conditional of a joint Gaussian, μ₁|₂ and Σ₁|₂, in exact fractions",
        _run_gaussian_conditional,
        ['mml gaussian-conditional --mean "0 0" --cov "2 1; 1 2" --given 2 --values 1'],
    )
    parser.add_argument("--mean", required=True, help='the mean vector, e.g. "0 0"')
    parser.add_argument("--cov", required=True, help='the covariance, e.g. "2 1; 1 2"')
    parser.add_argument("--given", required=True, help="1-based indices of the observed entries")
    parser.add_argument("--values", required=True, help="their observed values")
    _add_plot_option(parser)


def _run_stats(args: argparse.Namespace) -> str:
    from mml.probability.worked_statistics import summary_statistics

    return _render(summary_statistics(args.data), args)


def _add_stats(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "stats",
        "mean, covariance (1/N and 1/(N−1)) and correlation of small data, with steps",
        _run_stats,
        ['mml stats "1 2; 3 4; 5 9"   # 3 samples (rows), 2 features (columns)'],
    )
    parser.add_argument("data", help="samples as rows, features as columns")


_CONJUGATE_MODELS = ("beta-binomial", "gamma-poisson", "normal-normal", "dirichlet-categorical")


def _run_conjugate(args: argparse.Namespace) -> str:
    from mml.exact import as_vector
    from mml.probability import conjugate_updates as updates

    prior = as_vector(args.prior, "--prior")
    data = as_vector(args.data, "--data")
    if args.model == "beta-binomial":
        if len(prior) != 2 or len(data) != 2:
            from mml.errors import ShapeError

            raise ShapeError(
                "beta-binomial needs --prior 'alpha beta' and --data 'successes trials'"
            )
        result = updates.beta_binomial_update(*prior, *data)
    elif args.model == "gamma-poisson":
        result = updates.gamma_poisson_update(*prior[:2], data)
    elif args.model == "normal-normal":
        result = updates.normal_normal_update(*prior[:3], data)
    else:
        result = updates.dirichlet_categorical_update(prior, data)

    def draw() -> Any:
        from mml.plot import beta_binomial, normal_normal

        if args.model == "beta-binomial":
            return beta_binomial(float(prior[0]), float(prior[1]), int(data[0]), int(data[1]))
        if args.model == "normal-normal":
            return normal_normal(*(float(v) for v in prior[:3]), [float(v) for v in data])
        from mml.errors import DomainError

        raise DomainError("--plot draws beta-binomial and normal-normal updates")

    return _render(result, args) + _save_plot(args, draw)


def _add_conjugate(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "conjugate",
        "conjugate prior updates as hyperparameter arithmetic, with posterior mean and mode",
        _run_conjugate,
        [
            'mml conjugate beta-binomial --prior "2 2" --data "7 10"   # 7 successes in 10',
            'mml conjugate gamma-poisson --prior "2 1" --data "3 4 5"',
            'mml conjugate normal-normal --prior "0 1 1" --data "2 2 2"   # m0, s0², σ²',
            'mml conjugate dirichlet-categorical --prior "1 1 1" --data "2 0 5"',
        ],
    )
    parser.add_argument("model", choices=_CONJUGATE_MODELS)
    parser.add_argument("--prior", required=True, help="the prior's hyperparameters")
    parser.add_argument("--data", required=True, help="the observations (or counts)")
    _add_plot_option(parser)


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


# -- the course kit ----------------------------------------------------------------------------
def _run_exercise(args: argparse.Namespace) -> str:
    from mml import exercises

    if args.list or not args.kind:
        lines = []
        for chapter, kinds in exercises.list_kinds().items():
            lines.append(f"Chapter {chapter} ({len(kinds)} kinds)")
            lines += [f"  {kind.name:36s} §{kind.section:5s} {kind.description}" for kind in kinds]
        total = sum(len(kinds) for kinds in exercises.list_kinds().values())
        return "\n".join(lines + [f"{total} kinds in all"])
    exercise = exercises.generate(args.kind, seed=args.seed, difficulty=args.difficulty)
    fmt = "text" if args.format == "text" else args.format
    out = exercise.render(fmt, with_solution=args.solution)
    if not args.solution and fmt == "text":
        out += (
            f"\n\nWhen you have an answer: mml check {exercise.kind} --seed {args.seed}"
            f'{"" if args.difficulty == 1 else f" --difficulty {args.difficulty}"} --answer "..."'
        )
    return out


def _add_exercise(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "exercise",
        "a seeded exercise with nice numbers (--solution for the worked solution)",
        _run_exercise,
        [
            "mml exercise --list",
            "mml exercise linear_system.infinite --seed 7",
            "mml exercise rref --seed 3 --solution",
        ],
    )
    parser.add_argument("kind", nargs="?", help="an exercise kind (see --list)")
    parser.add_argument("--list", action="store_true", help="list every kind, by chapter")
    parser.add_argument("--seed", type=int, default=0, help="same seed, same exercise (default 0)")
    parser.add_argument("--difficulty", type=int, default=1, choices=(1, 2, 3))
    parser.add_argument(
        "--solution", action="store_true", help="show the answer and worked solution"
    )


def _run_check(args: argparse.Namespace) -> str:
    from mml import exercises

    exercise = exercises.generate(args.kind, seed=args.seed, difficulty=args.difficulty)
    feedback = exercises.check(exercise, args.answer)
    args.exit_status = 0 if feedback.correct else 1
    return str(feedback)


def _add_check(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "check",
        "check your answer to a seeded exercise: any valid form is accepted",
        _run_check,
        [
            'mml check linear_system.unique --seed 7 --answer "(1, 2)"',
            'mml check linear_system.infinite --seed 7 --answer "(0, 1, 0) + t(1, 1, 1)"',
            'mml check basis.null_space --seed 2 --answer "{(1, -2, 1)}"',
        ],
        output_options=False,
    )
    parser.add_argument("kind", help="the exercise kind")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--difficulty", type=int, default=1, choices=(1, 2, 3))
    parser.add_argument("--answer", required=True, help="your answer, as text")


def _run_sheet(args: argparse.Namespace) -> str:
    from mml.exercises.sheets import make_sheet, write_sheet

    topics = [t for t in args.topics.split(",") if t.strip()]
    written = []
    for variant in range(args.variants):
        sheet = make_sheet(
            topics, n=args.n, seed=args.seed, difficulty=args.difficulty, variant=variant
        )
        written += write_sheet(sheet, args.output, args.format)
    return "Wrote:\n" + "\n".join(f"  {path}" for path in written)


def _add_sheet(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "sheet",
        "an exercise sheet and its answer key (Markdown, LaTeX, or PDF with a LaTeX engine)",
        _run_sheet,
        [
            "mml sheet --topics linear_system,rref,determinant --n 8 --seed 42 --format markdown",
            "mml sheet --topics linear_system --n 5 --variants 30 --format latex",
        ],
        output_options=False,
    )
    parser.add_argument("--topics", required=True, help="comma-separated kinds or kind prefixes")
    parser.add_argument("--n", type=int, default=8, help="number of exercises (default 8)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--difficulty", type=int, default=1, choices=(1, 2, 3))
    parser.add_argument("--variants", type=int, default=1, help="one version per student")
    parser.add_argument("--format", choices=("markdown", "latex", "pdf"), default="markdown")
    parser.add_argument("--output", default="sheets", help="folder to write to (default sheets/)")


def _run_exam(args: argparse.Namespace) -> str:
    from mml.exercises.exams import make_exam, write_exam

    chapters = [int(c) for c in args.chapters.split(",") if c.strip()]
    exam = make_exam(chapters, n_theory=args.theory, n_math=args.math, seed=args.seed)
    written = write_exam(exam, args.output, args.format)
    return "Wrote:\n" + "\n".join(f"  {path}" for path in written)


def _add_exam(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "exam",
        "an exam: theory questions, generated exercises and coding tasks, with an answer key",
        _run_exam,
        ["mml exam --chapters 2,4,6 --seed 1 --format markdown"],
        output_options=False,
    )
    parser.add_argument("--chapters", required=True, help="comma-separated chapter numbers")
    parser.add_argument("--theory", type=int, default=4, help="theory questions (default 4)")
    parser.add_argument("--math", type=int, default=4, help="math exercises (default 4)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--format", choices=("markdown", "latex", "pdf"), default="markdown")
    parser.add_argument("--output", default="exams", help="folder to write to (default exams/)")


# -- coding assignments (mml.exercises.coding) -------------------------------------------------
def _run_assignment(args: argparse.Namespace) -> str:
    from mml.exercises import coding
    from mml.exercises.coding.notebooks import write_assignment

    if args.list or not args.task:
        return "\n".join(f"{name:24} {title}" for name, title in coding.list_tasks().items())
    names = list(coding.list_tasks()) if args.task == "all" else [args.task]
    written = []
    for name in names:
        written += write_assignment(name, args.output, seed=args.seed)
    return "Wrote:\n" + "\n".join(f"  {path}" for path in written)


def _add_assignment(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "assignment",
        "a coding assignment: a student notebook (stub) and an instructor notebook (solution)",
        _run_assignment,
        [
            "mml assignment --list",
            "mml assignment gram_schmidt --output assignments",
            "mml assignment all --output assignments --seed 3",
        ],
        output_options=False,
    )
    parser.add_argument("task", nargs="?", help="a coding task (see --list), or 'all'")
    parser.add_argument("--list", action="store_true", help="list the coding tasks")
    parser.add_argument("--seed", type=int, default=0, help="seed of the hidden tests' inputs")
    parser.add_argument(
        "--output", default="assignments", help="folder to write to (default assignments/)"
    )


# -- the guided tour ---------------------------------------------------------------------------
def _run_tour(args: argparse.Namespace) -> str:
    from mml.tour import run_tour

    run_tour(quick=args.quick, output_dir=args.output, open_folder=args.open)
    return ""


def _add_tour(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "tour",
        "a guided tour of mml: the lecture's problems solved with steps, and more",
        _run_tour,
        ["mml tour", "mml tour --quick"],
        output_options=False,
    )
    parser.add_argument("--quick", action="store_true", help="skip the slow parts")
    parser.add_argument(
        "--output", default="tour-output", help="folder for the files the tour writes"
    )
    parser.add_argument("--open", action="store_true", help="open the output folder at the end")


SUBCOMMANDS: list[Callable[[Any], None]] = [
    _add_solve,
    _add_rref,
    _add_ref,
    _add_det,
    _add_inv,
    _add_rank,
    _add_spaces,
    _add_charpoly,
    _add_eig,
    _add_diagonalise,
    _add_gram_schmidt,
    _add_project,
    _add_cholesky,
    _add_svd,
    _add_bayes,
    _add_gaussian_conditional,
    _add_stats,
    _add_conjugate,
    _add_lagrange,
    _add_gd,
    _add_simplex,
    _add_change_of_variables,
    _add_convex_conjugate,
    _add_exercise,
    _add_check,
    _add_sheet,
    _add_exam,
    _add_assignment,
    _add_diff,
    _add_grad,
    _add_backprop,
    _add_tour,
]


def build_parser() -> argparse.ArgumentParser:
    """The ``mml`` argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="mml",
        description="Mathematics for Machine Learning, Code + Paper: exact worked solutions "
        "with every step, and from-scratch algorithms.",
        epilog=_example('mml solve "3x + y = 9; 4x - 2y = 5"', "mml tour", "mml <command> --help"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"mml {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="<command>")
    for add in SUBCOMMANDS:
        add(subparsers)
    return parser


def _is_linear_algebra_error(error: BaseException) -> bool:
    """A mathematical obstacle (singular, not positive definite, no convergence)."""
    from mml.errors import LinAlgError

    return isinstance(error, LinAlgError)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``mml`` with ``argv``; return the exit status (0 ok, 1 math obstacle, 2 bad input)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        output = args.run(args)
    except MMLError as error:
        if _is_linear_algebra_error(error):
            steps = getattr(error, "steps", None)
            if steps is not None and not getattr(args, "no_steps", False):
                print(steps.render(getattr(args, "format", "text")))
            print(f"mml {args.command}: {error}", file=sys.stderr)
            return 1
        print(f"error: {error}", file=sys.stderr)
        return 2
    if output:
        try:
            print(output)
        except BrokenPipeError:  # e.g. `mml ... | head`: the reader has gone, nothing to say
            sys.stderr.close()
            return 0
    return getattr(args, "exit_status", 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
