"""`mml diff`, `mml grad` and `mml backprop`."""

from __future__ import annotations

import pytest

from mml.cli import main


def run(capsys, *argv):
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_diff_names_each_rule(capsys):
    status, out, _ = run(capsys, "diff", "x^2 * sin(x)", "--wrt", "x")
    assert status == 0
    assert "(product)" in out and "(power)" in out and "(trig)" in out
    assert "Result: d/dx[x^2*sin(x)] = 2x*sin(x) + x^2*cos(x)" in out


def test_diff_chain_quotient_and_latex(capsys):
    status, out, _ = run(capsys, "diff", "sin(x^2)/x", "--format", "latex")
    assert status == 0
    assert r"\textsc{quotient}" in out and r"\textsc{chain}" in out
    assert out.count("{") == out.count("}")


def test_diff_partial_derivative_with_sympy_tidying(capsys):
    status, out, _ = run(capsys, "diff", "sin(x*y)^2 + cos(x*y)^2", "--wrt", "y", "--sympy")
    assert status == 0
    assert out.rstrip().endswith("= 0")


def test_diff_bad_variable_and_bad_text_exit_2_with_a_caret(capsys):
    status, _, err = run(capsys, "diff", "x^2", "--wrt", "pi")
    assert status == 2 and "not a variable" in err
    status, _, err = run(capsys, "diff", "x^2 + * 3")
    assert status == 2
    assert err.splitlines()[-1].strip() == "^"


def test_grad_is_a_row_with_its_shape_and_evaluates_at_a_point(capsys):
    status, out, _ = run(capsys, "grad", "x^2*y + sin(y)", "--wrt", "x, y", "--at", "x = 1, y = 0")
    assert status == 0
    assert "1×2" in out
    assert "Result: [ 0  2 ]" in out


def test_grad_of_several_functions_is_the_jacobian(capsys):
    status, out, _ = run(capsys, "grad", "x^2*y, sin(x) + y, x - y")
    assert status == 0
    assert "3×2" in out and "3 outputs (rows), 2 inputs (columns)" in out


def test_grad_missing_coordinate_exit_2(capsys):
    status, _, err = run(capsys, "grad", "x*y", "--at", "x = 1")
    assert status == 2 and "no value for y" in err


def test_backprop_book_example(capsys):
    status, out, _ = run(
        capsys, "backprop", "sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))", "--at", "x = 2"
    )
    assert status == 0
    assert "forward_pass" in out and "backward_pass" in out
    assert "∂f/∂g·∂g/∂c + ∂f/∂d·∂d/∂c" in out
    assert "Result: ∂f/∂x = -182.87" in out


@pytest.mark.parametrize("fmt", ["markdown", "latex"])
def test_backprop_other_formats(capsys, fmt):
    status, out, _ = run(capsys, "backprop", "x*y + x", "--at", "x = 2, y = 1/2", "--format", fmt)
    assert status == 0 and "3/2" in out.replace(r"\frac{3}{2}", "3/2")


def test_backprop_bad_point_exit_2(capsys):
    status, _, err = run(capsys, "backprop", "x*y", "--at", "x = 2")
    assert status == 2 and "no value given for the input y" in err
