"""The ch. 3–4 subcommands: eig, charpoly, diagonalise, gram-schmidt, project, cholesky, svd."""

from __future__ import annotations

from mml.cli import main


def run(capsys, *argv):
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_charpoly_expands_det_of_A_minus_lambda_I(capsys):
    status, out, _ = run(capsys, "charpoly", "4 2; 1 3")
    assert status == 0
    assert "(4 − λ)·(3 − λ) − 2·1" in out and "p(λ) = λ² − 7λ + 10" in out


def test_eig_reports_defective_matrix(capsys):
    status, out, _ = run(capsys, "eig", "1 1; 0 1")
    assert status == 0
    assert "algebraic multiplicity 2, geometric multiplicity 1" in out
    assert "defective" in out


def test_diagonalise_orthogonal_in_latex(capsys):
    status, out, _ = run(capsys, "diagonalise", "2 1; 1 2", "--orthogonal", "--format", "latex")
    assert status == 0
    assert r"\frac{\sqrt{2}}{2}" in out and "holds" in out


def test_gram_schmidt_normalised_result(capsys):
    status, out, _ = run(capsys, "gram-schmidt", "1 1 0; 1 0 1; 0 1 1", "--normalise", "--no-steps")
    assert status == 0
    assert "(1/√6)·(1, -1, 2)" in out


def test_project_onto_subspace_shows_normal_equations(capsys):
    status, out, _ = run(capsys, "project", "6 0 0", "--onto", "1 1 1; 0 1 2")
    assert status == 0
    assert "BᵀB" in out and "π(x) = (5, 2, -1)" in out and "√6" in out


def test_project_onto_affine_line(capsys):
    status, out, _ = run(capsys, "project", "2 3", "--onto", "1 0", "--point", "0 1", "--no-steps")
    assert status == 0 and "π_L(x) = (2, 1)" in out


def test_cholesky_failing_pivot_is_an_answer(capsys):
    status, out, _ = run(capsys, "cholesky", "1 2; 2 1")
    assert status == 0
    assert "not positive definite" in out and "-3" in out


def test_svd_and_rank_one_approximation(capsys):
    status, out, _ = run(capsys, "svd", "3 2 2; 2 3 -2")
    assert status == 0 and "σ = 5, 3" in out and "U·Σ·Vᵀ = A: holds" in out
    status, out, _ = run(capsys, "svd", "3 2 2; 2 3 -2", "--rank", "1", "--no-steps")
    assert status == 0 and "5/2" in out and "‖A − A_1‖₂ = 3" in out


def test_svd_with_irrational_eigenvalues_is_a_clear_error(capsys):
    status, out, err = run(capsys, "svd", "1 1; 0 1")
    assert status == 2 and out == ""
    assert "irrational" in err and "mml.linalg.svd" in err


def test_bad_matrix_text_exits_2(capsys):
    status, _, err = run(capsys, "eig", "1 2; 3")
    assert status == 2 and "different lengths" in err
