"""`mml bayes`, `mml gaussian-conditional`, `mml stats` and `mml conjugate`."""

from __future__ import annotations

import pytest

from mml.cli import main


def run(capsys, *argv):
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["bayes", "--prior", "0.01", "--sensitivity", "0.95", "--specificity", "0.9"], "19/217"),
        (
            [
                "bayes",
                "--prior",
                "0.01",
                "--sensitivity",
                "0.95",
                "--specificity",
                "0.9",
                "--negative",
            ],
            "1/1783",
        ),
        (
            ["bayes", "--prior", "fair=1/2, loaded=1/2", "--likelihood", "fair=1/6, loaded=1/2"],
            "p(loaded | e) = 3/4",
        ),
        (
            [
                "gaussian-conditional",
                "--mean",
                "0 0",
                "--cov",
                "2 1; 1 2",
                "--given",
                "2",
                "--values",
                "1",
            ],
            "N(mean (1/2), covariance [3/2])",
        ),
        (["stats", "1 2; 3 4; 5 9"], "mean (3, 5)"),
        (["conjugate", "beta-binomial", "--prior", "2 2", "--data", "7 10"], "Beta(9, 5)"),
        (
            ["conjugate", "dirichlet-categorical", "--prior", "1 1 1", "--data", "2 0 5"],
            "Dirichlet(3, 1, 6)",
        ),
    ],
)
def test_probability_subcommands_print_exact_answers(capsys, argv, expected):
    status, out, _ = run(capsys, *argv)
    assert status == 0
    assert expected in out


def test_sum_and_product_rules_are_named_in_the_steps(capsys):
    _, out, _ = run(
        capsys, "bayes", "--prior", "1/100", "--sensitivity", "19/20", "--specificity", "9/10"
    )
    assert "(product_rule)" in out and "(sum_rule)" in out and "(bayes)" in out


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (
            ["bayes", "--prior", "2", "--sensitivity", "0.9", "--specificity", "0.9"],
            "prior must be a probability",
        ),
        (["bayes", "--prior", "0.1"], "--sensitivity"),
        (["bayes", "--prior", "a:1", "--likelihood", "a=1"], "name=probability"),
        (
            [
                "gaussian-conditional",
                "--mean",
                "0 0",
                "--cov",
                "1 2; 2 1",
                "--given",
                "2",
                "--values",
                "0",
            ],
            "positive definite",
        ),
        (
            [
                "gaussian-conditional",
                "--mean",
                "0 0",
                "--cov",
                "1 0; 0 1",
                "--given",
                "0",
                "--values",
                "0",
            ],
            "1-based",
        ),
    ],
)
def test_bad_input_is_a_clear_error_with_status_2(capsys, argv, fragment):
    status, _, err = run(capsys, *argv)
    assert status in (1, 2)
    assert fragment in err


def test_lagrange_and_gd_subcommands(capsys):
    status, out, _ = run(capsys, "lagrange", "x^2 + y^2", "--subject-to", "x + y = 1")
    assert status == 0 and "x = 1/2, y = 1/2, λ1 = -1" in out
    status, out, _ = run(
        capsys,
        "gd",
        "--A",
        "2 0; 0 1",
        "--b",
        "2 1",
        "--x0",
        "0 0",
        "--step-size",
        "1/2",
        "--iterations",
        "2",
    )
    assert status == 0 and "x_2 = (1, 3/4)" in out
    status, _, err = run(capsys, "lagrange", "x^3", "--subject-to", "x = 1")
    assert status == 2 and "degree" in err


def test_simplex_subcommand(capsys):
    status, out, _ = run(capsys, "simplex", "--c", "-3 -2", "--A-ub", "1 1; 1 3", "--b-ub", "4 6")
    assert status == 0 and "x* = (4, 0), cᵀx* = -12" in out
    status, _, err = run(
        capsys, "simplex", "--c", "-3 -2", "--A-ub", "1 1 1; 1 3 1", "--b-ub", "4 6"
    )
    assert status == 2 and "shape" in err.lower()


def test_change_of_variables_and_convex_conjugate_subcommands(capsys):
    status, out, _ = run(
        capsys,
        "change-of-variables",
        "--density",
        "exp(-x)",
        "--inverse",
        "log(y)",
        "--transform",
        "exp(x)",
    )
    assert status == 0 and "f_Y(y) = 1/y^2" in out
    status, out, _ = run(
        capsys, "change-of-variables", "--cdf", "1 - exp(-x)", "--inverse", "y^2", "--no-steps"
    )
    assert status == 0 and "2y*exp(-y^2)" in out
    status, out, _ = run(capsys, "convex-conjugate", "x^2/2")
    assert status == 0 and "y^2/2" in out
    status, _, err = run(capsys, "convex-conjugate", "x^6")
    assert status == 2 and "derivative_inverse" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["solve", "3x + y = 9; 4x - 2y = 5"],
        ["gd", "--A", "2 0; 0 1", "--b", "2 1", "--x0", "0 0", "--step-size", "1/2"],
        [
            "gaussian-conditional",
            "--mean",
            "0 0",
            "--cov",
            "2 1; 1 2",
            "--given",
            "2",
            "--values",
            "1",
        ],
        ["conjugate", "beta-binomial", "--prior", "2 2", "--data", "7 10"],
    ],
)
def test_plot_option_writes_a_png(capsys, tmp_path, argv):
    target = tmp_path / "picture.png"
    status, out, _ = run(capsys, *argv, "--plot", str(target))
    assert status == 0 and f"picture: {target}" in out
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_diff_uses_the_only_variable_and_asks_when_there_are_several(capsys):
    status, out, _ = run(capsys, "diff", "t^2", "--no-steps")
    assert status == 0 and "2t" in out
    status, _, err = run(capsys, "diff", "x*y")
    assert status == 2 and "--wrt" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["eig", "2 1; 1 2"],
        ["svd", "3 0; 4 5"],
        ["project", "6 0 0", "--onto", "1 1 1; 0 1 2"],
        ["gram-schmidt", "1 1; 0 1"],
    ],
)
def test_plot_option_on_chapter_3_and_4_commands(capsys, tmp_path, argv):
    target = tmp_path / "picture.png"
    status, out, _ = run(capsys, *argv, "--plot", str(target))
    assert status == 0 and target.read_bytes()[:4] == b"\x89PNG"
