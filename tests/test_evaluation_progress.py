"""Progress, expected value, expected progress and deviation (DESIGN §4)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resultframe import (
    Baseline,
    Direction,
    Indicator,
    InvalidValue,
    Measure,
    Question,
    Target,
)
from resultframe.evaluation import (
    deviation,
    expected_progress,
    expected_value,
    progress,
)

D = dt.date


def _indicator(
    direction: Direction = Direction.INCREASE,
    baseline: Baseline | None = None,
    targets: tuple[Target, ...] = (),
    band: float | None = None,
) -> Indicator:
    return Indicator(
        id="x",
        name="x",
        measure=Measure.QUANTITY,
        direction=direction,
        question=Question.BETTER_OFF,
        baseline=baseline,
        targets=targets,
        band=band,
    )


# Contacts per month, from 10 on 1 January 2025 to 20 by 1 July and 30 by 31 Dec.
CONTACTS = _indicator(
    baseline=Baseline(value=10, on=D(2025, 1, 1)),
    targets=(Target(value=20, by=D(2025, 7, 1)), Target(value=30, by=D(2025, 12, 31))),
)
# Waiting days, from 60 down to 40 over 2025.
WAITING = _indicator(
    Direction.DECREASE,
    Baseline(value=60, on=D(2025, 1, 1)),
    (Target(value=40, by=D(2025, 12, 31)),),
)
# Occupancy kept at 85 ± 5.
OCCUPANCY = _indicator(
    Direction.MAINTAIN,
    Baseline(value=70, on=D(2025, 1, 1)),
    (Target(value=85, by=D(2025, 12, 31)),),
    band=5,
)


# -- examples, computed by hand ----------------------------------------------------


def test_progress_of_an_increase_uses_the_final_target() -> None:
    # (25 - 10) / (30 - 10) = 15 / 20
    assert progress(CONTACTS, 25) == 0.75


def test_progress_of_a_decrease_has_the_direction_in_its_sign() -> None:
    # (50 - 60) / (40 - 60) = -10 / -20
    assert progress(WAITING, 50) == 0.5
    # worse than the baseline: (70 - 60) / (40 - 60) = -0.5
    assert progress(WAITING, 70) == -0.5


def test_progress_of_maintain_is_one_within_the_band_else_zero() -> None:
    # band 85 ± 5: 80 and 90 are in, 79.9 and 90.1 are out
    assert [progress(OCCUPANCY, v) for v in (80, 90, 79.9, 90.1)] == [1, 1, 0, 0]


def test_expected_value_runs_through_each_dated_target() -> None:
    # 1 Jan -> 1 Jul is 181 days; 1 Apr is day 90: 10 + 10 * 90 / 181
    assert expected_value(CONTACTS, D(2025, 4, 1)) == pytest.approx(10 + 900 / 181)
    assert expected_value(CONTACTS, D(2025, 7, 1)) == 20
    # 1 Jul -> 31 Dec is 183 days; 1 Oct is day 92: 20 + 10 * 92 / 183
    assert expected_value(CONTACTS, D(2025, 10, 1)) == pytest.approx(20 + 920 / 183)


def test_expected_value_is_the_baseline_before_and_the_target_after() -> None:
    assert expected_value(CONTACTS, D(2024, 6, 1)) == 10
    assert expected_value(CONTACTS, D(2025, 1, 1)) == 10
    assert expected_value(CONTACTS, D(2026, 6, 1)) == 30


def test_expected_progress_and_deviation() -> None:
    # On 2 July 2025 waiting should be 60 - 20 * 182/364 = 50: progress 0.5.
    assert expected_progress(WAITING, D(2025, 7, 2)) == 0.5
    # 45 days is progress (45 - 60) / (40 - 60) = 0.75; deviation 0.75 - 0.5
    assert deviation(WAITING, 45, D(2025, 7, 2)) == 0.25


def test_a_given_baseline_and_targets_replace_the_indicators() -> None:
    # A goal: from 2 on 1 Mar to 4 by 1 Sep; value 3 is halfway.
    goal_base = Baseline(value=2, on=D(2025, 3, 1))
    goal_target = (Target(value=4, by=D(2025, 9, 1)),)
    assert progress(CONTACTS, 3, baseline=goal_base, targets=goal_target) == 0.5
    # 1 Mar -> 1 Sep is 184 days; 1 Jun is day 92: expected 2 + 2 * 92/184 = 3
    assert (
        expected_value(CONTACTS, D(2025, 6, 1), baseline=goal_base, targets=goal_target)
        == 3
    )


def test_a_baseline_that_already_meets_the_target_gives_one_or_zero() -> None:
    # A resident who starts at 5 with a goal of 4 (increase): stays or falls.
    start = Baseline(value=5, on=D(2025, 1, 1))
    goal = (Target(value=4, by=D(2025, 12, 31)),)
    assert progress(CONTACTS, 4, baseline=start, targets=goal) == 1
    assert progress(CONTACTS, 3.5, baseline=start, targets=goal) == 0


def test_targets_before_the_baseline_leave_the_final_target_expected() -> None:
    late = Baseline(value=12, on=D(2026, 2, 1))
    assert expected_value(CONTACTS, D(2026, 3, 1), baseline=late) == 30


def test_maintain_needs_no_baseline_for_progress() -> None:
    no_baseline = _indicator(
        Direction.MAINTAIN, None, (Target(value=85, by=D(2025, 12, 31)),), band=5
    )
    assert progress(no_baseline, 88) == 1


# -- errors ------------------------------------------------------------------------


def test_progress_without_a_baseline_is_refused() -> None:
    with pytest.raises(InvalidValue, match="baseline"):
        progress(_indicator(targets=(Target(value=3, by=D(2025, 1, 1)),)), 2)


def test_progress_without_targets_is_refused() -> None:
    with pytest.raises(InvalidValue, match="target"):
        progress(_indicator(baseline=Baseline(value=1, on=D(2025, 1, 1))), 2)


def test_progress_of_a_qualitative_indicator_is_refused() -> None:
    story = Indicator(
        id="s",
        name="story",
        measure=Measure.QUALITATIVE,
        direction=Direction.INCREASE,
        question=Question.HOW_WELL,
    )
    with pytest.raises(InvalidValue, match="qualitative"):
        progress(story, 1)


@pytest.mark.parametrize("value", ["3", None, float("nan"), float("inf")])
def test_progress_refuses_a_value_that_is_not_a_finite_number(value: object) -> None:
    with pytest.raises(InvalidValue, match="value"):
        progress(CONTACTS, value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: progress("x", 1), "indicator"),  # type: ignore[arg-type]
        (lambda: expected_value(CONTACTS, "2025-01-01"), "day"),  # type: ignore[arg-type]
        (lambda: expected_value(CONTACTS, dt.datetime(2025, 1, 1)), "day"),  # noqa: DTZ001
        (lambda: progress(CONTACTS, 1, baseline=3), "baseline"),  # type: ignore[arg-type]
        (lambda: progress(CONTACTS, 1, targets=[3]), "targets[0]"),  # type: ignore[list-item]
        (lambda: progress(CONTACTS, 1, targets=[]), "targets"),
    ],
)
def test_wrong_arguments_are_named(call: object, field: str) -> None:
    with pytest.raises(InvalidValue) as info:
        call()  # type: ignore[operator]
    assert info.value.field == field


def test_targets_out_of_order_are_refused() -> None:
    later, earlier = (
        Target(value=5, by=D(2025, 6, 1)),
        Target(value=6, by=D(2025, 1, 1)),
    )
    with pytest.raises(InvalidValue, match=r"targets\[1\]\.by"):
        progress(CONTACTS, 1, targets=[later, earlier])


# -- properties --------------------------------------------------------------------

_DAYS = st.integers(0, 2000).map(lambda k: D(2024, 1, 1) + dt.timedelta(days=k))
_VALUES = st.integers(-1000, 1000).map(float) | st.floats(-1e6, 1e6)


@st.composite
def _plans(draw: st.DrawFn) -> Indicator:
    """Increase or decrease indicators with a baseline and one to three targets."""
    direction = draw(st.sampled_from([Direction.INCREASE, Direction.DECREASE]))
    n = draw(st.integers(1, 3))
    values = sorted(
        draw(st.lists(_VALUES, min_size=n + 1, max_size=n + 1, unique=True))
    )
    if direction is Direction.DECREASE:
        values.reverse()
    stamps = sorted(draw(st.lists(_DAYS, min_size=n + 1, max_size=n + 1, unique=True)))
    return _indicator(
        direction,
        Baseline(value=values[0], on=stamps[0]),
        tuple(
            Target(value=v, by=d) for v, d in zip(values[1:], stamps[1:], strict=True)
        ),
    )


@given(_plans())
def test_progress_is_zero_at_the_baseline_and_one_at_the_final_target(
    indicator: Indicator,
) -> None:
    assert indicator.baseline is not None
    assert indicator.final_target is not None
    assert progress(indicator, indicator.baseline.value) == 0
    assert progress(indicator, indicator.final_target.value) == 1


@given(_plans(), _VALUES, _VALUES)
def test_progress_is_monotone_in_the_indicators_direction(
    indicator: Indicator, a: float, b: float
) -> None:
    low, high = min(a, b), max(a, b)
    if indicator.direction is Direction.INCREASE:
        assert progress(indicator, low) <= progress(indicator, high)
    else:
        assert progress(indicator, low) >= progress(indicator, high)


@given(_plans(), _DAYS)
def test_expected_value_passes_every_point_and_lies_between_its_neighbours(
    indicator: Indicator, day: dt.date
) -> None:
    assert indicator.baseline is not None
    points = [(indicator.baseline.on, indicator.baseline.value)]
    points += [(t.by, t.value) for t in indicator.targets]
    for on, value in points:
        assert expected_value(indicator, on) == value
    ev = expected_value(indicator, day)
    if day <= points[0][0]:
        assert ev == points[0][1]
    elif day >= points[-1][0]:
        assert ev == points[-1][1]
    else:
        after = next(i for i, (on, _) in enumerate(points) if on >= day)
        lo, hi = sorted((points[after - 1][1], points[after][1]))
        assert lo - 1e-9 <= ev <= hi + 1e-9


@given(_plans(), _DAYS, _VALUES)
def test_deviation_is_progress_minus_expected_progress(
    indicator: Indicator, day: dt.date, value: float
) -> None:
    assert deviation(indicator, value, day) == progress(
        indicator, value
    ) - expected_progress(indicator, day)


@given(_plans(), _DAYS, _DAYS)
def test_expected_progress_never_goes_back_in_time(
    indicator: Indicator, a: dt.date, b: dt.date
) -> None:
    early, late = min(a, b), max(a, b)
    assert (
        expected_progress(indicator, early)
        <= expected_progress(indicator, late) + 1e-12
    )
