"""The coding-exercise grader: references pass, reports are complete and deterministic,
forbidden libraries are caught, and stubs and solutions come from one source."""

from __future__ import annotations

import ast

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.errors import DomainError
from mml.exercises import coding
from mml.exercises.coding.grading import task_rng

TASKS = list(coding.list_tasks())


def test_the_course_tasks_are_registered():
    assert {
        "rref",
        "gram_schmidt",
        "backprop_mlp",
        "gmm_em_step",
        "power_iteration",
        "normal_equations",
        "softmax_cross_entropy",
        "hinge_loss",
        "gaussian_conditional",
        "gradient_descent",
        "pca",
        "kmeans_step",
    } <= set(TASKS)


@pytest.mark.parametrize("name", TASKS)
def test_reference_solution_passes_every_property(name):
    report = coding.check(name, coding.task(name).solution)
    assert report.passed, str(report)
    assert report.score == 1.0
    assert report.forbidden_uses == ()
    assert report.n_cases >= 4
    assert len(report.results) >= 3


@settings(max_examples=6, deadline=None)
@given(seed=st.integers(0, 10**6), name=st.sampled_from(TASKS))
def test_reference_solution_passes_on_any_seed(seed, name):
    assert coding.check(name, coding.task(name).solution, seed=seed).passed


@pytest.mark.parametrize("name", TASKS)
def test_same_seed_same_inputs(name):
    task = coding.task(name)
    first = [c.describe() for c in task.cases(task_rng(name, 3))]
    again = [c.describe() for c in task.cases(task_rng(name, 3))]
    other = [c.describe() for c in task.cases(task_rng(name, 4))]
    assert first == again
    assert first != other


@pytest.mark.parametrize("name", TASKS)
def test_the_stub_fails_every_property_with_not_implemented(name):
    namespace: dict = {"np": np}
    code = compile(coding.stub(name), f"<stub {name}>", "exec")
    exec(code, namespace)  # our own stub text, in a test
    report = coding.check(name, namespace[name])
    assert report.score == 0.0
    assert all("NotImplementedError" in r.message for r in report.results)


@pytest.mark.parametrize("name", TASKS)
def test_stub_keeps_signature_and_docstring_but_not_the_body(name):
    stub, solution = coding.stub(name), coding.solution_source(name)
    tree = ast.parse(stub)
    (function,) = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    assert function.name == name
    assert ast.get_docstring(function)
    assert isinstance(function.body[-1], ast.Raise)
    assert f"def {name}(" in solution
    assert len(solution) > len(stub)


def test_solution_source_includes_its_helpers():
    assert "def cholesky_factor(" in coding.solution_source("normal_equations")
    assert "def gaussian_log_density(" in coding.solution_source("gmm_em_step")


def gram_schmidt_with_numpy_qr(A):
    return np.linalg.qr(A)[0]


def gram_schmidt_importing_scipy(A):
    import scipy.linalg

    return scipy.linalg.orth(A)


def test_numpy_linalg_attribute_is_forbidden():
    report = coding.check("gram_schmidt", gram_schmidt_with_numpy_qr)
    assert report.forbidden_uses == ("numpy.linalg.qr",)
    assert report.score == 0.0 and not report.passed
    assert "FORBIDDEN" in str(report) and "numpy.linalg.qr" in str(report)


def test_import_inside_the_function_is_forbidden():
    assert coding.forbidden_uses(gram_schmidt_importing_scipy) == ("scipy.linalg",)


def test_a_name_imported_from_numpy_linalg_in_another_cell_is_forbidden():
    namespace: dict = {}
    exec(  # a notebook: one cell imports, another defines the function
        "from numpy.linalg import qr\ndef gram_schmidt(A):\n    return qr(A)[0]\n", namespace
    )
    uses = coding.forbidden_uses(namespace["gram_schmidt"])
    assert uses and all(u.startswith("numpy.linalg") for u in uses)


def test_a_helper_that_uses_numpy_linalg_is_caught():
    namespace: dict = {}
    exec(  # a notebook: the function calls a helper from another cell
        "import numpy as np\n"
        "def normalise(v):\n    return v / np.linalg.norm(v)\n"
        "def gram_schmidt(A):\n    return np.stack([normalise(a) for a in A.T], axis=1)\n",
        namespace,
    )
    assert coding.forbidden_uses(namespace["gram_schmidt"]) == ("numpy.linalg.norm",)


def test_an_import_inside_code_without_source_is_caught():
    namespace: dict = {}
    exec("def f(A):\n    import sklearn.decomposition\n    return A\n", namespace)
    assert coding.forbidden_uses(namespace["f"]) == ("sklearn.decomposition",)


def test_a_recursive_helper_does_not_loop():
    namespace: dict = {}
    exec("def f(n):\n    return 1 if n == 0 else n * f(n - 1)\n", namespace)
    assert coding.forbidden_uses(namespace["f"]) == ()


def test_an_alias_of_sklearn_is_forbidden():
    import sklearn.linear_model as lm

    def normal_equations(X, y):
        return lm.LinearRegression(fit_intercept=False).fit(X, y).coef_

    report = coding.check("normal_equations", normal_equations)
    assert any(u.startswith("sklearn") for u in report.forbidden_uses)
    assert report.score == 0.0


def test_mml_own_implementation_is_forbidden():
    from mml.linalg import qr

    def gram_schmidt(A):
        return qr(A).Q

    assert coding.forbidden_uses(gram_schmidt)


@pytest.mark.parametrize("name", TASKS)
def test_reference_solutions_are_clean(name):
    assert coding.forbidden_uses(coding.task(name).solution) == ()


def test_a_crashing_function_is_reported_not_raised():
    def rref(A):
        raise ValueError("oops")

    report = coding.check("rref", rref)
    assert not report.passed
    assert all("ValueError: oops" in r.message for r in report.results)


def test_an_endless_loop_fails_instead_of_hanging():
    def power_iteration(A, num_iterations=1000, tol=1e-12):
        x = np.ones(len(A))
        while True:
            x = A @ x

    report = coding.check("power_iteration", power_iteration, seconds=0.2)
    assert report.score == 0.0
    assert all("took longer than 0.2 s" in r.message for r in report.results)


def test_an_except_exception_cannot_swallow_the_time_limit():
    def rref(A, tol=1e-10):
        while True:
            try:
                while True:
                    pass
            except Exception:
                continue

    report = coding.check("rref", rref, seconds=0.2)
    assert not report.passed and "took longer" in report.results[0].message


def test_a_malformed_output_is_reported():
    report = coding.check("rref", lambda A: "not a pair")
    assert not report.passed
    assert "expected a pair" in report.results[0].message


def test_unknown_task_names_the_known_ones():
    with pytest.raises(DomainError, match="gram_schmidt"):
        coding.check("gram_schmit", lambda A: A)


def test_not_callable_is_a_domain_error():
    with pytest.raises(DomainError, match="function"):
        coding.check("rref", 42)


def test_statement_and_titles():
    assert "Gram–Schmidt" in coding.statement("gram_schmidt")
    assert all(isinstance(t, str) and t for t in coding.list_tasks().values())
