"""expm: against scipy.linalg.expm, the Taylor reference, and exp(A) exp(-A) = I."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.linalg.eigen_cases import random_matrix

from mml.errors import LinAlgError
from mml.linalg.matrix_functions import expm, expm_taylor


@pytest.mark.parametrize("scale", [1e-4, 1e-2, 0.2, 0.9, 2.0, 5.0, 40.0, 300.0])
@pytest.mark.parametrize("dtype", [np.float64, np.complex128])
def test_expm_matches_scipy_at_every_pade_degree(scale, dtype):
    rng = np.random.default_rng(int(scale * 100))
    a = random_matrix(rng, (6, 6), dtype) * scale / 6
    reference = scipy.linalg.expm(a)
    assert np.abs(expm(a) - reference).max() <= 1e-13 * max(1.0, np.abs(reference).max())


def test_taylor_reference_agrees_and_inverse_identity():
    rng = np.random.default_rng(1)
    a = random_matrix(rng, (8, 8))
    assert np.allclose(expm(a), expm_taylor(a), rtol=1e-12, atol=1e-12)
    assert np.allclose(expm(a) @ expm(-a), np.eye(8), atol=1e-12)


def test_known_closed_forms():
    theta = 0.7
    rotation = expm(np.array([[0.0, -theta], [theta, 0.0]]))
    assert np.allclose(rotation, [[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    nilpotent = np.diag(np.ones(3), 1)
    exact = (
        np.eye(4) + nilpotent + nilpotent @ nilpotent / 2 + nilpotent @ nilpotent @ nilpotent / 6
    )
    assert np.allclose(expm(nilpotent), exact, atol=1e-15)
    assert np.allclose(expm(np.diag([1.0, -2.0])), np.diag(np.exp([1.0, -2.0])))


def test_dtypes_stacks_and_empty():
    rng = np.random.default_rng(2)
    for dtype in (np.float32, np.complex64, np.float64, np.complex128):
        a = random_matrix(rng, (2, 3, 4, 4), dtype)
        out = expm(a)
        assert out.dtype == np.dtype(dtype) and out.shape == a.shape
        assert np.allclose(out, scipy.linalg.expm(a.astype(np.complex128)), rtol=1e-4, atol=1e-4)
    assert expm(np.array([[1]])).dtype == np.float64
    assert expm(np.zeros((0, 0))).shape == (0, 0)
    assert expm(np.zeros((3, 0, 0))).shape == (3, 0, 0)


def test_errors_and_overflow():
    with pytest.raises(LinAlgError, match=r"square.*\(2, 3\)"):
        expm(np.ones((2, 3)))
    with pytest.raises(LinAlgError, match="infs or NaNs"):
        expm(np.array([[np.nan]]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        big = expm(np.array([[1000.0, 0.0], [1.0, 1000.0]]))
    assert np.isinf(big).any()


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 12), seed=st.integers(0, 2**31), log_scale=st.floats(-6, 1.5))
def test_hypothesis_against_scipy(n, seed, log_scale):
    rng = np.random.default_rng(seed)
    a = random_matrix(rng, (n, n)) * 10.0**log_scale / n
    reference = scipy.linalg.expm(a)
    assert np.abs(expm(a) - reference).max() <= 1e-12 * max(1.0, np.abs(reference).max())
