import numpy as np
import pytest

from mml import errors


@pytest.mark.parametrize(
    "cls, base",
    [
        (errors.ParseError, ValueError),
        (errors.ShapeError, ValueError),
        (errors.DomainError, ValueError),
        (errors.NotFittedError, AttributeError),
        (errors.SingularMatrixError, np.linalg.LinAlgError),
        (errors.NotPositiveDefiniteError, np.linalg.LinAlgError),
        (errors.ConvergenceError, np.linalg.LinAlgError),
    ],
)
def test_every_error_is_an_mml_error_and_the_builtin_users_catch(cls, base):
    assert issubclass(cls, errors.MMLError)
    assert issubclass(cls, base)


def test_parse_error_shows_caret_under_the_position():
    err = errors.ParseError("expected a term after '+'", text="3x + = 9", position=5)
    lines = str(err).splitlines()
    assert lines[0] == "expected a term after '+' at position 5"
    assert lines[2].index("^") - 2 == 5


def test_parse_error_on_second_line_points_into_that_line():
    err = errors.ParseError("bad", text="x = 1\ny = ?", position=10)
    assert "(line 2)" in str(err)
    assert str(err).splitlines()[1].strip() == "y = ?"


def test_dtype_error_is_a_type_error_from_linalg():
    import mml.linalg as la

    with pytest.raises(errors.DTypeError, match="not numeric"):
        la.inv(np.array([["a", "b"], ["c", "d"]]))
    with pytest.raises(TypeError):
        la.det(np.ones((2, 2), dtype=np.float16))
