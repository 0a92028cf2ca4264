"""Univariate distributions against scipy.stats: densities, cdfs and quantiles on grids with
tails, moments and entropy, and sampling checked by a Kolmogorov-Smirnov test."""

import mpmath
import numpy as np
import pytest
import scipy.special as sc
import scipy.stats as st
from hypothesis import given, settings
from hypothesis import strategies as st_h

from mml.errors import DomainError, ShapeError
from mml.probability import (
    Bernoulli,
    Beta,
    Binomial,
    Exponential,
    Gamma,
    Geometric,
    Laplace,
    Normal,
    Poisson,
    StudentT,
    Uniform,
)

from .test_special import assert_close

TINY = np.finfo(float).tiny

CONTINUOUS = [
    (Uniform(-1.0, 3.0), st.uniform(-1.0, 4.0)),
    (Normal(1.0, 2.0), st.norm(1.0, 2.0)),
    (Normal(-3.0, 1e-3), st.norm(-3.0, 1e-3)),
    (Exponential(3.0), st.expon(scale=1 / 3)),
    (Laplace(1.0, 2.0), st.laplace(1.0, 2.0)),
    (Gamma(0.01, 2.0), st.gamma(0.01, scale=0.5)),
    (Gamma(3.5, 2.0), st.gamma(3.5, scale=0.5)),
    (Gamma(80.0, 0.1), st.gamma(80.0, scale=10.0)),
    (Beta(0.5, 0.5), st.beta(0.5, 0.5)),
    (Beta(2.0, 300.0), st.beta(2.0, 300.0)),
    (Beta(40.0, 25.0), st.beta(40.0, 25.0)),
    (Beta(0.05, 7.0), st.beta(0.05, 7.0)),
    (StudentT(1.0), st.t(1.0)),
    (StudentT(3.5, 1.0, 2.0), st.t(3.5, 1.0, 2.0)),
    (StudentT(0.3), st.t(0.3)),
    (StudentT(5000.0), st.t(5000.0)),
    (StudentT(2e6), st.t(2e6)),
]
IDS = [repr(d) for d, _ in CONTINUOUS]


def evaluation_grid(reference):
    """A linear grid over the bulk plus points deep in both tails."""
    lo, hi = reference.ppf(1e-12), reference.ppf(1 - 1e-12)
    tails = np.geomspace(1e-100, 1e-3, 25)
    points = np.concatenate([np.linspace(lo, hi, 301), reference.ppf(tails), reference.isf(tails)])
    return points[np.isfinite(points)]


@pytest.mark.parametrize("ours, reference", CONTINUOUS, ids=IDS)
def test_logpdf_and_pdf_match_scipy(ours, reference):
    x = evaluation_grid(reference)
    expected = reference.logpdf(x)
    # scipy sums terms of size |a log x| and |log B(a, b)|: allow their rounding as absolute
    assert np.allclose(ours.logpdf(x), expected, rtol=1e-12, atol=1e-12)
    density = reference.pdf(x)
    normal = density >= TINY
    assert_close(ours.pdf(x)[normal], density[normal], rtol=1e-11)


@pytest.mark.parametrize("ours, reference", CONTINUOUS, ids=IDS)
def test_cdf_and_sf_match_scipy_in_both_tails(ours, reference):
    x = evaluation_grid(reference)
    cdf, sf = ours.cdf(x), ours.sf(x)
    expected_cdf, expected_sf = reference.cdf(x), reference.sf(x)
    # relative accuracy in the small tail, absolute near 1 (where scipy rounds to 1)
    small = (expected_cdf <= 0.5) & (expected_cdf >= 1e-290)
    assert_close(cdf[small], expected_cdf[small], rtol=1e-12)
    small = (expected_sf <= 0.5) & (expected_sf >= 1e-290)
    assert_close(sf[small], expected_sf[small], rtol=1e-12)
    assert np.allclose(cdf, expected_cdf, rtol=0, atol=1e-14)
    assert np.allclose(cdf + sf, 1.0, rtol=0, atol=1e-14)


@pytest.mark.parametrize("ours, reference", CONTINUOUS, ids=IDS)
def test_ppf_inverts_cdf_down_to_tiny_probabilities(ours, reference):
    q = np.concatenate([np.geomspace(1e-100, 0.5, 40), 1 - np.geomspace(1e-15, 0.5, 20)])
    x = ours.ppf(q)
    lower = q <= 0.5

    # relative accuracy of F(ppf(q)) = q in the lower half and of S(ppf(q)) = 1 - q above
    # it, up to the rounding of x itself: allow what one ulp of x changes F by
    def tail(points):
        return np.where(lower, ours.cdf(points), ours.sf(points))

    recovered = tail(x)
    target = np.where(lower, q, 1 - q)
    one_ulp = np.maximum(
        np.abs(tail(np.nextafter(x, np.inf)) - recovered),
        np.abs(tail(np.nextafter(x, -np.inf)) - recovered),
    )
    error = np.abs(recovered - target)
    allowed = 1e-9 * target + 2 * np.nan_to_num(one_ulp, nan=np.inf)
    # an answer within an ulp of the end of the support, or beyond the float range, rounds there
    support = np.array([reference.support()])
    with np.errstate(invalid="ignore"):
        distance = np.abs(x[:, None] - support)
    at_end = np.any(distance <= 4 * np.spacing(np.abs(x))[:, None], axis=1)
    allowed = np.where(at_end | np.isinf(x), np.inf, allowed)
    assert np.all(error <= allowed), f"worst at q = {q[np.argmax(error - allowed)]}"
    central = (q > 1e-10) & (q < 1 - 1e-10)
    assert_close(x[central], reference.ppf(q[central]), rtol=1e-10)


@pytest.mark.parametrize("ours, reference", CONTINUOUS, ids=IDS)
def test_moments_and_entropy_match_scipy(ours, reference):
    methods = ("mean", "var", "std", "entropy")
    if isinstance(ours, StudentT) and ours.df <= 1:
        methods = ("entropy",)  # the mean is undefined: NaN here, inf in scipy
        assert np.isnan(ours.mean()) and np.isnan(ours.var())
    for method in methods:
        assert_close(getattr(ours, method)(), getattr(reference, method)(), rtol=1e-11)


@pytest.mark.parametrize("ours, reference", CONTINUOUS, ids=IDS)
def test_samples_pass_a_kolmogorov_smirnov_test(ours, reference):
    samples = ours.sample(2000, random_state=1234)
    assert samples.shape == (2000,)
    assert st.kstest(samples, reference.cdf).pvalue > 1e-3


def test_the_kolmogorov_smirnov_check_can_fail():
    # the same test rejects samples of a slightly different distribution
    samples = Normal(0.15, 1.0).sample(2000, random_state=1234)
    assert st.kstest(samples, st.norm(0.0, 1.0).cdf).pvalue < 1e-3


def test_sampling_is_reproducible_and_shaped():
    a = Gamma(2.0, 1.0).sample((3, 4), random_state=7)
    b = Gamma(2.0, 1.0).sample((3, 4), random_state=np.random.default_rng(7))
    assert a.shape == (3, 4) and np.array_equal(a, b)


def test_array_parameters_broadcast_like_scipy():
    scales = np.array([1.0, 2.0, 3.0])
    x = np.array([[0.5], [1.5]])
    assert_close(Normal(0.0, scales).cdf(x), st.norm(0.0, scales).cdf(x))
    assert Normal(0.0, scales).sample(random_state=0).shape == (3,)


DISCRETE = [
    (Bernoulli(0.3), st.bernoulli(0.3), np.arange(-2, 4)),
    (Binomial(10, 0.3), st.binom(10, 0.3), np.arange(-2, 13)),
    (Binomial(1000, 0.01), st.binom(1000, 0.01), np.arange(0, 200)),
    (Binomial(50, 0.999), st.binom(50, 0.999), np.arange(0, 51)),
    (Poisson(0.01), st.poisson(0.01), np.arange(-1, 30)),
    (Poisson(30.0), st.poisson(30.0), np.arange(0, 150)),
    (Poisson(300.0), st.poisson(300.0), np.arange(100, 600, 3)),
    (Geometric(0.01), st.geom(0.01), np.arange(-1, 2000, 11)),
    (Geometric(0.5), st.geom(0.5), np.arange(-1, 60)),
]
DISCRETE_IDS = [repr(d) for d, _, _ in DISCRETE]


@pytest.mark.parametrize("ours, reference, k", DISCRETE, ids=DISCRETE_IDS)
def test_pmf_cdf_and_sf_match_scipy_including_tails(ours, reference, k):
    assert_close(ours.pmf(k), reference.pmf(k), rtol=1e-12)
    finite = np.isfinite(reference.logpmf(k))
    assert np.allclose(ours.logpmf(k)[finite], reference.logpmf(k)[finite], rtol=1e-12, atol=1e-12)
    for method in ("cdf", "sf"):
        expected = getattr(reference, method)(k)
        normal = (expected >= 1e-290) | (expected == 0)
        assert_close(getattr(ours, method)(k)[normal], expected[normal], rtol=1e-12)


@pytest.mark.parametrize("k", [1689, 2522, 3467])
def test_poisson_with_a_large_rate_against_mpmath(k):
    # scipy's own relative error reaches 6e-12 at rate 2500, so the reference is mpmath
    with mpmath.workdps(30):
        pmf = float(mpmath.e**-2500 * mpmath.mpf(2500) ** k / mpmath.factorial(k))
        cdf = float(mpmath.gammainc(k + 1, 2500, mpmath.inf, regularized=True))
        sf = float(mpmath.gammainc(k + 1, 0, 2500, regularized=True))
    poisson = Poisson(2500.0)
    assert_close([poisson.pmf(k), poisson.cdf(k), poisson.sf(k)], [pmf, cdf, sf], rtol=1e-13)


@pytest.mark.parametrize("ours, reference, k", DISCRETE, ids=DISCRETE_IDS)
def test_discrete_ppf_matches_scipy(ours, reference, k):
    q = np.concatenate([np.linspace(0.001, 0.999, 97), [1e-9, 0.5, 1 - 1e-9, 1.0]])
    assert np.array_equal(ours.ppf(q), reference.ppf(q))


@pytest.mark.parametrize("ours, reference, k", DISCRETE, ids=DISCRETE_IDS)
def test_discrete_moments_and_entropy_match_scipy(ours, reference, k):
    for method in ("mean", "var", "entropy"):
        assert_close(getattr(ours, method)(), getattr(reference, method)(), rtol=1e-11)


@pytest.mark.parametrize("ours, reference, k", DISCRETE, ids=DISCRETE_IDS)
def test_discrete_samples_follow_the_cdf(ours, reference, k):
    n = 4000
    samples = ours.sample(n, random_state=99)
    assert samples.dtype.kind == "i"
    support = np.arange(samples.min() - 1, samples.max() + 1)
    empirical = np.searchsorted(np.sort(samples), support, side="right") / n
    # Kolmogorov-Smirnov bound at level 0.001 (conservative for discrete laws)
    assert np.max(np.abs(empirical - reference.cdf(support))) < 1.95 / np.sqrt(n)


@pytest.mark.parametrize(
    "build, name",
    [
        (lambda: Bernoulli(1.2), "p"),
        (lambda: Binomial(10, -0.1), "p"),
        (lambda: Binomial(2.5, 0.5), "n"),
        (lambda: Poisson(-1.0), "rate"),
        (lambda: Geometric(0.0), "p"),
        (lambda: Normal(0.0, -1.0), "scale"),
        (lambda: Exponential(0.0), "rate"),
        (lambda: Gamma(-2.0), "shape"),
        (lambda: Beta(1.0, np.nan), "b"),
        (lambda: StudentT(0.0), "df"),
        (lambda: Laplace(0.0, -2.0), "scale"),
        (lambda: Uniform(1.0, 1.0), "high"),
    ],
)
def test_invalid_parameters_raise_domain_error_naming_the_argument(build, name):
    with pytest.raises(DomainError, match=name):
        build()


def test_ppf_rejects_probabilities_outside_the_unit_interval():
    with pytest.raises(DomainError, match="q"):
        Normal().ppf(1.5)
    with pytest.raises(DomainError, match="q"):
        Poisson(3.0).ppf(-0.1)


@pytest.mark.parametrize("df", [0.5, 4.0, 300.0])
def test_student_t_quantiles_near_the_median_keep_relative_accuracy(df):
    # scipy's own t.ppf returns 0.0 at q = 0.5 - 5e-9 (df = 4); the check is F(t) - 1/2
    # = I_y(1/2, v/2)/2 with y = t^2/(v + t^2), which scipy's betainc computes accurately
    offsets = np.geomspace(1e-15, 0.2, 30)
    for sign in (-1.0, 1.0):
        t = StudentT(df).ppf(0.5 + sign * offsets)
        assert np.all(np.sign(t) == sign)
        half = 0.5 * sc.betainc(0.5, df / 2, t * t / (df + t * t))
        # 0.5 +- offset is rounded to a double; compare with the offset it really carries
        actual_offset = np.abs((0.5 + sign * offsets) - 0.5)
        assert_close(half, actual_offset, rtol=1e-12)


@settings(max_examples=30, deadline=None)
@given(
    st_h.sampled_from(["gamma", "beta", "t"]),
    st_h.floats(min_value=0.05, max_value=200.0),
    st_h.floats(min_value=0.05, max_value=200.0),
    st_h.floats(min_value=1e-12, max_value=1 - 1e-12),
)
def test_ppf_round_trips_for_random_parameters(family, first, second, q):
    distribution = {
        "gamma": lambda: Gamma(first, second),
        "beta": lambda: Beta(first, second),
        "t": lambda: StudentT(first, 0.0, second),
    }[family]()
    x = distribution.ppf(q)
    tail, target = (distribution.cdf(x), q) if q <= 0.5 else (distribution.sf(x), 1 - q)
    one_ulp = max(
        abs(distribution.cdf(np.nextafter(x, np.inf)) - distribution.cdf(x)),
        abs(distribution.cdf(np.nextafter(x, -np.inf)) - distribution.cdf(x)),
    )
    assert abs(tail - target) <= 1e-10 * target + 2 * one_ulp


def test_sample_sizes_that_cannot_work_raise_shape_error():
    with pytest.raises(ShapeError, match="broadcast"):
        Normal(np.zeros(3)).sample(4)
    with pytest.raises(ShapeError, match="negative"):
        Gamma(2.0).sample(-1)
