"""Uncertainty: Wilson intervals, means from sufficient statistics, reliable change."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resultframe.errors import InvalidValue
from resultframe.evaluation import mean_interval, reliable_change, wilson_interval
from resultframe.evaluation.uncertainty import t_quantile, z_quantile

# -- worked examples, by hand ---------------------------------------------------------


def test_wilson_seven_of_twelve_by_hand() -> None:
    # p = 7/12 = 0.58333, z = 1.95996, z² = 3.84146
    # denominator = 1 + 3.84146/12 = 1.32012
    # centre = (0.58333 + 3.84146/24) / 1.32012 = (0.58333 + 0.16006) / 1.32012 = 0.56312
    # half = 1.95996/1.32012 * sqrt(0.58333*0.41667/12 + 3.84146/576)
    #      = 1.48469 * sqrt(0.020255 + 0.006669) = 1.48469 * 0.16409 = 0.24362
    # low = 0.56312 - 0.24362 = 0.31950, high = 0.56312 + 0.24362 = 0.80674
    low, high = wilson_interval(7, 12)
    assert low == pytest.approx(0.31950, abs=1e-4)
    assert high == pytest.approx(0.80674, abs=1e-4)


def test_wilson_none_of_ten_by_hand() -> None:
    # p = 0: low is 0; high = (0 + z²/20) / (1 + z²/10) + z/(1 + z²/10) * sqrt(z²/400)
    #   = 2 * (3.84146/20) / 1.384146 = 0.38415 / 1.384146 = 0.27753
    low, high = wilson_interval(0, 10)
    assert low == 0.0
    assert high == pytest.approx(0.27753, abs=1e-4)


def test_wilson_all_of_ten_mirrors_none() -> None:
    low, high = wilson_interval(10, 10)
    assert high == 1.0
    assert low == pytest.approx(1 - 0.27753, abs=1e-4)


def test_mean_interval_by_hand() -> None:
    # mean 30/10 = 3; variance (100 - 30*3)/9 = 1.1111; s/sqrt(n) = sqrt(0.11111) = 0.33333
    # t(0.975, 9) = 2.2622; half = 0.75407
    low, high = mean_interval(10, 30.0, 100.0)
    assert low == pytest.approx(3 - 0.75407, abs=1e-3)
    assert high == pytest.approx(3 + 0.75407, abs=1e-3)


def test_mean_interval_of_equal_values_is_a_point() -> None:
    # Ten values of 4: variance 0, the interval is [4, 4].
    assert mean_interval(10, 40.0, 160.0) == (4.0, 4.0)


def test_reliable_change_by_hand() -> None:
    # SE = 10 * sqrt(1 - 0.8) = 4.4721; S_diff = sqrt(2) * 4.4721 = 6.3246
    # RCI = (52 - 40) / 6.3246 = 1.8974 -> below 1.96, not reliable
    assert reliable_change(40, 52, sd=10, reliability=0.8) == pytest.approx(
        1.8974, 1e-4
    )
    # A fall from 40 to 25: -15 / 6.3246 = -2.3717 -> a reliable deterioration
    assert reliable_change(40, 25, sd=10, reliability=0.8) == pytest.approx(
        -2.3717, 1e-4
    )


@pytest.mark.parametrize(
    ("df", "expected"),
    # Student's t, two-sided 95%, from the usual tables.
    [(1, 12.706), (2, 4.303), (5, 2.571), (9, 2.262), (30, 2.042), (120, 1.980)],
)
def test_t_quantile_matches_the_table(df: int, expected: float) -> None:
    assert t_quantile(0.95, df) == pytest.approx(expected, abs=1e-3)


def test_z_quantile() -> None:
    assert z_quantile(0.95) == pytest.approx(1.959964, abs=1e-6)
    assert z_quantile(0.90) == pytest.approx(1.644854, abs=1e-6)


# -- bad arguments ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ((1, 0), "n"),
        ((5, 4), "successes"),
        ((-1, 4), "successes"),
        ((1.0, 4), "successes"),
        ((True, 4), "successes"),
        ((1, 4, 1.0), "confidence"),
        ((1, 4, 0), "confidence"),
        ((1, 4, math.nan), "confidence"),
    ],
)
def test_wilson_refuses_bad_arguments(args: tuple[object, ...], field: str) -> None:
    with pytest.raises(InvalidValue) as info:
        wilson_interval(*args)  # type: ignore[arg-type]
    assert info.value.field == field


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"sd": 0}, "sd"),
        ({"sd": -1}, "sd"),
        ({"reliability": 1}, "reliability"),
        ({"reliability": -0.1}, "reliability"),
        ({"before": math.inf}, "before"),
        ({"after": "3"}, "after"),
    ],
)
def test_reliable_change_refuses_bad_arguments(
    kwargs: dict[str, object], field: str
) -> None:
    arguments: dict[str, object] = {
        "before": 1,
        "after": 2,
        "sd": 1,
        "reliability": 0.5,
    }
    arguments.update(kwargs)
    with pytest.raises(InvalidValue) as info:
        reliable_change(**arguments)  # type: ignore[arg-type]
    assert info.value.field == field


def test_mean_interval_refuses_a_single_value() -> None:
    with pytest.raises(InvalidValue) as info:
        mean_interval(1, 3.0, 9.0)
    assert info.value.field == "n"


# -- properties -------------------------------------------------------------------------

groups = st.integers(1, 10_000).flatmap(
    lambda n: st.tuples(st.integers(0, n), st.just(n))
)
levels = st.floats(0.5, 0.999)


@given(group=groups, confidence=levels)
def test_wilson_interval_contains_the_point_estimate(
    group: tuple[int, int], confidence: float
) -> None:
    successes, n = group
    low, high = wilson_interval(successes, n, confidence)
    assert 0.0 <= low <= successes / n <= high <= 1.0


@given(group=groups, confidence=levels)
def test_wilson_interval_shrinks_with_n(
    group: tuple[int, int], confidence: float
) -> None:
    # The same share from a group twice as large gives a narrower interval.
    successes, n = group
    low, high = wilson_interval(successes, n, confidence)
    low2, high2 = wilson_interval(2 * successes, 2 * n, confidence)
    assert high2 - low2 < high - low


@given(group=groups, low_level=levels, high_level=levels)
def test_wilson_interval_widens_with_confidence(
    group: tuple[int, int], low_level: float, high_level: float
) -> None:
    successes, n = group
    lo, hi = sorted((low_level, high_level))
    a = wilson_interval(successes, n, lo)
    b = wilson_interval(successes, n, hi)
    assert b[0] <= a[0] + 1e-12
    assert b[1] >= a[1] - 1e-12


@given(group=groups)
def test_wilson_interval_is_symmetric_under_complement(group: tuple[int, int]) -> None:
    successes, n = group
    low, high = wilson_interval(successes, n)
    c_low, c_high = wilson_interval(n - successes, n)
    assert low == pytest.approx(1 - c_high, abs=1e-12)
    assert high == pytest.approx(1 - c_low, abs=1e-12)


@given(
    values=st.lists(
        st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False), min_size=2
    )
)
def test_mean_interval_contains_the_mean(values: list[float]) -> None:
    total = math.fsum(values)
    low, high = mean_interval(len(values), total, math.fsum(v * v for v in values))
    mean = total / len(values)
    assert low <= mean + 1e-9
    assert high >= mean - 1e-9


@given(
    before=st.floats(-100, 100),
    after=st.floats(-100, 100),
    sd=st.floats(0.1, 50),
    reliability=st.floats(0, 0.99),
)
def test_reliable_change_is_antisymmetric_and_signed(
    before: float, after: float, sd: float, reliability: float
) -> None:
    forward = reliable_change(before, after, sd, reliability)
    backward = reliable_change(after, before, sd, reliability)
    assert forward == pytest.approx(-backward)
    assert math.copysign(1, forward) == math.copysign(1, after - before) or forward == 0


def test_wilson_coverage_is_at_least_94_percent_in_a_seeded_simulation() -> None:
    # 4,000 groups: n uniform in 10..200, the true share uniform in 0.05..0.95; a
    # group's count is a binomial draw. The 95% interval must hold the true share in
    # at least 94% of them. (The textbook normal interval covers about 93% here.)
    rng = random.Random(20261202)  # noqa: S311 - a seeded simulation, not a secret
    trials = 4_000
    covered = 0
    for _ in range(trials):
        n = rng.randint(10, 200)
        share = rng.uniform(0.05, 0.95)
        successes = sum(rng.random() < share for _ in range(n))
        low, high = wilson_interval(successes, n)
        covered += low <= share <= high
    assert covered / trials >= 0.94


@pytest.mark.parametrize("confidence", [1 - 2**-53, 0.9999999999999999, 1e-300])
def test_a_confidence_at_the_ends_of_the_range_gives_finite_quantiles(
    confidence: float,
) -> None:
    # 0.5 + c / 2 rounds to 1.0 for c = 1 - 2**-53, where the normal quantile
    # is infinite (statistics.StatisticsError escaped from evaluate with a
    # cycle's chance of 0.9999999999999999); from the tail (1 - c) / 2 it is
    # about 8.3.
    z = z_quantile(confidence)
    assert math.isfinite(z)
    assert z >= 0
    for df in (1, 2, 3, 30):
        assert math.isfinite(t_quantile(confidence, df))
    low, high = wilson_interval(3, 10, confidence)
    assert 0 <= low <= 0.3 <= high <= 1
