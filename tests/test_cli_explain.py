"""`mml explain`: each model's mathematics from the command line."""

from __future__ import annotations

import pytest

from mml.cli import main


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["linear-regression", "--data", "0; 1; 2", "--targets", "1 3 4"], "θ"),
        (["pca", "--data", "1 1; 2 2; 3 3; 2 4"], "eigen"),
        (
            [
                "gmm",
                "--data",
                "-1; 0; 2; 3",
                "--means",
                "0; 2",
                "--covariances",
                "1 1",
                "--weights",
                "1/2 1/2",
            ],
            "log-likelihood",
        ),
        (
            ["svm", "--data", "1 1; 2 2; -1 -1; -2 -2", "--targets", "1 1 -1 -1"],
            "w = (1/2, 1/2), b = 0",
        ),
    ],
)
def test_explain_each_model(capsys, argv, expected):
    status = main(["explain", *argv])
    out = capsys.readouterr().out
    assert status == 0 and expected in out


def test_explain_without_targets_is_a_clear_error(capsys):
    status = main(["explain", "svm", "--data", "1 1; 2 2"])
    assert status == 2 and "--targets" in capsys.readouterr().err
