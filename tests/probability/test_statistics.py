"""Summary statistics against NumPy, and RunningMoments merges against a one-pass computation."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mml.errors import DomainError, ShapeError
from mml.probability import RunningMoments, corrcoef, cov, mean, std, var

finite = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False)
tables = hnp.arrays(
    np.float64, hnp.array_shapes(min_dims=2, max_dims=2, min_side=3, max_side=7), elements=finite
)


@settings(max_examples=40, deadline=None)
@given(tables)
def test_mean_var_std_match_numpy_on_every_axis(x):
    for axis in (None, 0, 1):
        assert np.allclose(mean(x, axis=axis), np.mean(x, axis=axis), atol=1e-9)
        for ddof in (0, 1):
            assert np.allclose(
                var(x, axis=axis, ddof=ddof), np.var(x, axis=axis, ddof=ddof), atol=1e-7
            )
            assert np.allclose(
                std(x, axis=axis, ddof=ddof), np.std(x, axis=axis, ddof=ddof), atol=1e-7
            )
    assert mean(x, axis=0, keepdims=True).shape == (1, x.shape[1])


@settings(max_examples=40, deadline=None)
@given(tables, st.booleans(), st.booleans())
def test_cov_and_corrcoef_match_numpy(x, rowvar, bias):
    assert np.allclose(
        cov(x, rowvar=rowvar, bias=bias), np.cov(x, rowvar=rowvar, bias=bias), atol=1e-7
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = np.corrcoef(x, rowvar=rowvar)
    ours = corrcoef(x, rowvar=rowvar)
    # correlation is undefined for a constant variable (0/0, or rounding noise in numpy)
    spread = np.diag(np.atleast_2d(np.cov(x, rowvar=rowvar)))
    varying = spread > 1e-9 * max(1.0, np.max(np.abs(x)) ** 2)
    finite_entries = np.isfinite(expected) & varying[:, None] & varying[None, :]
    assert np.allclose(ours[finite_entries], expected[finite_entries], atol=1e-9)


def test_weighted_statistics_match_numpy_average_and_cov():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((5, 40))
    f = rng.integers(0, 4, 40)
    a = rng.random(40)
    assert np.allclose(mean(x, axis=1, weights=a), np.average(x, axis=1, weights=a))
    assert np.allclose(cov(x, fweights=f), np.cov(x, fweights=f))
    assert np.allclose(cov(x, aweights=a), np.cov(x, aweights=a))
    assert np.allclose(
        cov(x, fweights=f, aweights=a, ddof=0), np.cov(x, fweights=f, aweights=a, ddof=0)
    )
    assert np.allclose(cov(x[0], x[1]), np.cov(x[0], x[1]))
    # weighted variance = the diagonal of numpy's aweights covariance
    assert np.allclose(var(x, axis=1, weights=a, ddof=1), np.diag(np.cov(x, aweights=a)))


def test_population_variance_is_more_stable_than_the_textbook_shortcut():
    x = 1e9 + np.array([4.0, 7.0, 13.0, 16.0])
    assert var(x) == pytest.approx(22.5, rel=1e-12)


def test_bad_input_gives_typed_errors():
    with pytest.raises(DomainError, match="weights"):
        mean([1.0, 2.0], weights=[-1.0, 1.0])
    with pytest.raises(ShapeError, match="weights"):
        mean([[1.0, 2.0]], axis=1, weights=[1.0, 2.0, 3.0])
    with pytest.raises(DomainError, match="ddof"):
        var([1.0], ddof=1)
    with pytest.raises(ShapeError):
        cov(np.zeros((2, 2, 2)))


@settings(max_examples=40, deadline=None)
@given(
    hnp.arrays(np.float64, st.integers(2, 60), elements=finite),
    st.lists(st.integers(1, 60), min_size=1, max_size=5),
)
def test_running_moments_in_chunks_equal_one_pass(x, cuts):
    parts = np.split(x, sorted({c % len(x) for c in cuts} - {0}))
    streamed = RunningMoments()
    for part in parts:
        streamed.update(part)
    merged = RunningMoments()
    for part in parts:
        merged = merged + RunningMoments().update(part)
    for moments in (streamed, merged):
        assert moments.count == len(x)
        assert np.isclose(moments.mean, np.mean(x), atol=1e-9)
        assert np.isclose(moments.var(), np.var(x), atol=1e-6)
        assert np.isclose(moments.var(ddof=1), np.var(x, ddof=1), atol=1e-6)


def test_running_moments_of_vectors_and_shape_checks():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((100, 3))
    moments = RunningMoments().update(x[:30]).update(x[30:])
    assert np.allclose(moments.mean, x.mean(axis=0))
    assert np.allclose(moments.std(), x.std(axis=0))
    with pytest.raises(ShapeError):
        moments.update(np.zeros((2, 4)))
    with pytest.raises(DomainError):
        RunningMoments().var()
