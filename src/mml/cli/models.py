"""Subcommands for models on paper (book ch. 9–12): ``mml explain``."""

from __future__ import annotations

import argparse
from typing import Any

from mml.cli.common import _new_subcommand, _render

# -- models on paper (book ch. 9–12) ----------------------------------------------------------
_EXPLAIN_MODELS = ("linear-regression", "pca", "gmm", "svm")


def _needs(args: argparse.Namespace, *names: str) -> None:
    missing = [f"--{name.replace('_', '-')}" for name in names if getattr(args, name) is None]
    if missing:
        from mml.errors import ShapeError

        raise ShapeError(f"mml explain {args.model} needs {', '.join(missing)}")


def _run_explain(args: argparse.Namespace) -> str:
    from mml.exact import as_matrix, as_vector
    from mml.models import explain

    if args.model == "linear-regression":
        _needs(args, "targets")
        result = explain.explain_linear_regression(
            args.data,
            args.targets,
            prior_precision=args.prior_precision,
            prior_variance=args.prior_variance,
            noise_variance=args.noise_variance,
        )
    elif args.model == "pca":
        result = explain.explain_pca(args.data, n_components=args.components)
    elif args.model == "gmm":
        _needs(args, "means", "covariances", "weights")
        data = as_matrix(args.data, "--data").to_numpy()
        means = as_matrix(args.means, "--means").to_numpy()
        if data.shape[1] == 1 and len(args.covariances) == 1:
            covariances = [float(v) for v in as_vector(args.covariances[0], "--covariances")]
        else:
            covariances = [as_matrix(c, "--covariances").to_numpy() for c in args.covariances]
        weights = [float(w) for w in as_vector(args.weights, "--weights")]
        result = explain.explain_gmm_iteration(data, means, covariances, weights)
    else:
        _needs(args, "targets")
        labels = [int(v) if v.denominator == 1 else float(v) for v in as_vector(args.targets)]
        result = explain.explain_svm_dual(args.data, labels, C=args.C)
    return _render(result, args)


def _add_explain(subparsers: Any) -> None:
    parser = _new_subcommand(
        subparsers,
        "explain",
        "a model's mathematics worked on a small data set: linear regression (normal equations, "
        "MAP), PCA (covariance, eigenvectors, projections), one GMM EM iteration, the SVM dual",
        _run_explain,
        [
            'mml explain linear-regression --data "0; 1; 2" --targets "1 3 4"',
            'mml explain linear-regression --data "0; 1; 2" --targets "1 3 4" --prior-precision 1',
            'mml explain pca --data "1 1; 2 2; 3 3; 2 4" --components 1',
            'mml explain gmm --data "-1; 0; 2; 3" --means "0; 2" --covariances "1 1" '
            '--weights "1/2 1/2"',
            'mml explain gmm --data "0 0; 1 0; 4 4; 5 4" --means "0 0; 4 4" '
            '--covariances "1 0; 0 1" --covariances "2 1/2; 1/2 1" --weights "1/2 1/2"',
            'mml explain svm --data "1 1; 2 2; -1 -1; -2 -2" --targets "1 1 -1 -1"',
        ],
    )
    parser.add_argument("model", choices=_EXPLAIN_MODELS, help="which model to explain")
    parser.add_argument("--data", required=True, help='samples as rows, e.g. "1 2; 3 4"')
    parser.add_argument("--targets", help="regression targets or the two class labels")
    parser.add_argument("--prior-precision", help="linear regression: λ = σ²/b² of the prior")
    parser.add_argument("--prior-variance", help="linear regression: b² of θ ~ N(0, b²I)")
    parser.add_argument("--noise-variance", help="linear regression: σ², with --prior-variance")
    parser.add_argument("--components", type=int, default=1, help="PCA: M (default 1)")
    parser.add_argument("--means", help='GMM: one mean per row, e.g. "0 0; 4 4"')
    parser.add_argument(
        "--covariances",
        action="append",
        help="GMM: one --covariances per component (a D×D matrix); for 1-D data, all K "
        'variances at once, e.g. "1 1"',
    )
    parser.add_argument("--weights", help='GMM: mixture weights, e.g. "1/2 1/2"')
    parser.add_argument("--C", help="SVM: soft-margin C (default: hard margin)")


SUBCOMMANDS = [_add_explain]
