"""Subcommands for linear algebra on paper (book ch. 2–4): systems, elimination, determinants,
inverses, spaces, eigenvalues, decompositions and geometry."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from mml.cli.common import _add_plot_option, _new_subcommand, _render, _save_plot


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


def _float_rows(text: str) -> Any:
    from mml.exact import as_matrix

    return as_matrix(text).to_numpy()


def _run_eig(args: argparse.Namespace) -> str:
    from mml.exact import eigenvectors

    def draw() -> Any:
        from mml.plot import eigenvectors as draw_eigenvectors

        return draw_eigenvectors(_float_rows(args.matrix))

    return _render(eigenvectors(args.matrix), args) + _save_plot(args, draw)


def _add_eig(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "eig",
        "eigenvalues (rational-root theorem) and eigenspaces null(A − λI), with multiplicities",
        _run_eig,
        ['mml eig "4 2; 1 3"', 'mml eig "1 1; 0 1"   # defective: one eigenvector for λ = 1 (×2)'],
    )
    parser.add_argument("matrix", help=_MATRIX_HELP)
    _add_plot_option(parser)


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

    result = gram_schmidt(args.vectors, normalise=args.normalise, A=args.inner)

    def draw() -> Any:
        from mml.plot import gram_schmidt_steps

        return gram_schmidt_steps(_float_rows(args.vectors).T)

    return _render(result, args) + _save_plot(args, draw)


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
    _add_plot_option(parser)
    parser.add_argument(
        "--normalise", action="store_true", help="also divide each vector by its length"
    )
    parser.add_argument("--inner", help="an SPD matrix A for the inner product xᵀAy")


def _run_project(args: argparse.Namespace) -> str:
    from mml.exact import project, project_onto_affine

    if args.point is not None:
        return _render(project_onto_affine(args.x, args.point, args.onto), args)

    def draw() -> Any:
        from mml.exact import as_vector
        from mml.plot import projection

        x = [float(v) for v in as_vector(args.x)]
        return projection(x, _float_rows(args.onto).T)

    return _render(project(args.x, args.onto), args) + _save_plot(args, draw)


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
    _add_plot_option(parser)


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

    def draw() -> Any:
        from mml.plot import svd_steps

        return svd_steps(_float_rows(args.matrix))

    return _render(svd(args.matrix), args) + _save_plot(args, draw)


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
    _add_plot_option(parser)


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
]
