"""Subcommands for probability on paper (book ch. 6): Bayes, Gaussians, statistics, conjugacy."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from mml.cli.common import _add_plot_option, _new_subcommand, _render, _save_plot


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


SUBCOMMANDS: list[Callable[[Any], None]] = [
    _add_bayes,
    _add_gaussian_conditional,
    _add_stats,
    _add_conjugate,
]
