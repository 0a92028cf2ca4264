"""The mml command line: output, formats, and errors with carets (never tracebacks)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mml.cli import main


def run(capsys, *argv):
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_solve_prints_row_operations_and_the_answer(capsys):
    status, out, _ = run(capsys, "solve", "3x + y = 9; 4x - 2y = 5")
    assert status == 0
    assert "R2 ← R2 − 4/3·R1" in out and "x = 23/10, y = 21/10" in out


def test_solve_rank_two_system_prints_general_solution(capsys):
    status, out, _ = run(
        capsys, "solve", "2x + 4y - z = 5; 7x - 2y + 3z = 6; 9x + 2y + 2z = 11", "--no-steps"
    )
    assert status == 0
    assert "(17/16, 23/32, 0) + t·(-10, 13, 32)" in out


def test_parse_error_goes_to_stderr_with_caret_and_status_2(capsys):
    status, out, err = run(capsys, "solve", "3x + = 9")
    assert status == 2 and out == ""
    lines = err.splitlines()
    assert "position 5" in lines[0]
    assert lines[-1].index("^") == lines[-2].index("=")


def test_singular_inverse_exits_1_with_the_elimination_shown(capsys):
    status, out, err = run(capsys, "inv", "1 2; 2 4")
    assert status == 1
    assert "singular" in err and "R2 ← R2 − 2·R1" in out


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["rref", "[[1, 2, 3], [4, 5, 6], [7, 8, 10]]", "--format", "latex"], r"\begin{bmatrix}"),
        (["det", "1 2; 3 4"], "det A = -2"),
        (["det", "2 0 1; 1 3 2; 1 1 2", "--method", "sarrus"], "det A = 6"),
        (["inv", "[[2, 1], [1, 1]]", "--format", "markdown"], "$$"),
        (["rank", "1 2 3; 2 4 6", "--no-steps"], "1"),
        (["null-space", "1 2 3; 2 4 6"], "(-2, 1, 0)"),
        (["column-space", "1 2; 2 4", "--no-steps"], "span{(1, 2)}"),
        (["row-space", "1 2; 2 4", "--no-steps"], "span{(1, 2)}"),
        (["ref", "2 4 -1; 7 -2 3; 9 2 2"], "R3 ← R3 − R2"),
    ],
)
def test_matrix_subcommands(capsys, argv, expected):
    status, out, _ = run(capsys, *argv)
    assert status == 0
    assert expected in out


def test_shape_error_is_reported_not_raised(capsys):
    status, _, err = run(capsys, "det", "1 2 3; 4 5 6")
    assert status == 2 and "square" in err


def test_console_script_runs_as_a_process():
    result = subprocess.run(
        [sys.executable, "-m", "mml.cli", "solve", "x + y = 1; x + y = 2"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "0 = 1" in result.stdout
    assert "Traceback" not in result.stderr


def test_help_lists_the_subcommands(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for name in ("solve", "rref", "det", "inv", "rank", "null-space", "tour"):
        assert name in out


def test_an_unwritable_output_file_is_an_error_not_a_traceback(capsys, tmp_path):
    status, _, err = run(
        capsys, "solve", "x + y = 1", "--plot", str(tmp_path / "missing" / "a.png")
    )
    assert status == 2 and "cannot use" in err
