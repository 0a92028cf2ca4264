"""Function inner products by Gauss–Legendre against scipy.integrate.quad and exact polynomials."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import quad
from scipy.special import roots_legendre

from mml.errors import DomainError
from mml.geometry import function_inner_product, function_norm, gauss_legendre, integrate


@pytest.mark.parametrize("m", [1, 2, 5, 16, 64, 200])
def test_nodes_and_weights_match_scipy(m):
    x, w = gauss_legendre(m)
    x_ref, w_ref = roots_legendre(m)
    np.testing.assert_allclose(x, x_ref, atol=1e-14)
    np.testing.assert_allclose(w, w_ref, atol=1e-14)


@given(
    st.lists(st.integers(-5, 5), min_size=1, max_size=8),
    st.lists(st.integers(-5, 5), min_size=1, max_size=8),
)
@settings(max_examples=30, deadline=None)
def test_polynomials_are_integrated_exactly(p, q):
    # ∫₀¹ p(x) q(x) dx, exact in rationals: Σ pᵢ qⱼ / (i + j + 1)
    exact = sum(Fraction(a * b, i + j + 1) for i, a in enumerate(p) for j, b in enumerate(q))
    result = function_inner_product(
        lambda x: np.polyval(p[::-1], x),
        lambda x: np.polyval(q[::-1], x),
        0,
        1,
        points=8,
        intervals=1,
    )
    assert result == pytest.approx(float(exact), abs=1e-10)


@pytest.mark.parametrize(
    ("u", "v", "a", "b"),
    [
        (np.sin, np.cos, -np.pi, np.pi),
        (np.exp, np.cos, 0.0, 3.0),
        (np.abs, np.exp, -1.0, 1.0),
        (lambda x: 1 / (1 + 25 * x * x), lambda x: x * x, -1.0, 1.0),
    ],
)
def test_matches_scipy_quad(u, v, a, b):
    expected, _ = quad(lambda x: u(x) * v(x), a, b, epsabs=1e-13, epsrel=1e-13)
    assert function_inner_product(u, v, a, b) == pytest.approx(expected, abs=1e-7)


def test_sin_and_cos_are_orthogonal_and_have_norm_sqrt_pi():
    for k in range(1, 4):
        for m in range(1, 4):
            value = function_inner_product(
                lambda x, k=k: np.sin(k * x), lambda x, m=m: np.cos(m * x), -np.pi, np.pi
            )
            assert abs(value) < 1e-12
    assert function_norm(np.sin, -np.pi, np.pi) == pytest.approx(np.sqrt(np.pi), abs=1e-13)


def test_errors():
    with pytest.raises(DomainError, match="finite"):
        integrate(np.sin, 0, np.inf)
    with pytest.raises(DomainError, match="NaN"):
        integrate(np.log, -1, 1)
    with pytest.raises(DomainError, match="integer"):
        gauss_legendre(0)
