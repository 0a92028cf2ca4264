"""``check_grads`` must catch wrong rules, in each mode and at second order."""

from __future__ import annotations

import numpy as np
import pytest

import mml.autodiff.numpy as anp
from mml.autodiff import GradientCheckError, check_grads
from mml.autodiff.primitive import Primitive
from mml.errors import DomainError

x0 = (np.array([0.3, -0.4, 1.1]),)


def cube_with(vjp_factor: float = 3.0, jvp_factor: float = 3.0, square=None) -> Primitive:
    """x**3 with rules that may be wrong by a factor; ``square`` is used for 3x^2."""
    cube = Primitive(lambda x: x**3, "cube")
    square = square or (lambda x: x * x)
    cube.defrules(
        vjp=lambda g, ans, x: g * vjp_factor * square(x),
        jvp=lambda t, ans, x: t * jvp_factor * square(x),
    )
    return cube


def test_correct_rules_pass():
    check_grads(cube_with(), x0, order=2)


def test_wrong_vjp_is_caught_in_reverse_mode_only():
    cube = cube_with(vjp_factor=2.9)
    check_grads(cube, x0, order=1, modes=("fwd",))
    with pytest.raises(GradientCheckError, match="reverse"):
        check_grads(cube, x0, order=1, modes=("rev",))


def test_wrong_jvp_is_caught_in_forward_mode():
    with pytest.raises(GradientCheckError, match="forward"):
        check_grads(cube_with(jvp_factor=3.1), x0, order=1, modes=("fwd",))


def test_first_derivative_right_but_not_differentiable_is_caught_at_order_two():
    # The rule uses a non-differentiable square, so its own derivative is zero: wrong.
    frozen_square = Primitive(lambda x: x * x, "frozen_square", nondifferentiable=True)
    cube = cube_with(square=frozen_square)
    check_grads(cube, x0, order=1)
    with pytest.raises(GradientCheckError):
        check_grads(cube, x0, order=2)


def test_bad_arguments_are_rejected():
    with pytest.raises(DomainError):
        check_grads(anp.sin, x0, order=0)
    with pytest.raises(DomainError, match="mode"):
        check_grads(anp.sin, x0, modes=("sideways",))
