"""Progress cases that mutation testing showed were not pinned down.

Each test kills mutants of the progress arithmetic (comparisons flipped, ``+`` and
``-`` swapped, constants off by one) that the other progress tests let live. They
use the public functions only; the numbers are worked out in the comments.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

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

if TYPE_CHECKING:
    from collections.abc import Callable

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


# -- a baseline equal to the target ---------------------------------------------------

# An indicator refuses a target equal to its baseline; a resident's goal can
# start at its target. Contacts per month (increase): 4 at the start of 2025 and
# 4 agreed by its end. Waiting days (decrease): 40 and 40.
UP = _indicator(
    baseline=Baseline(value=0, on=D(2024, 1, 1)),
    targets=(Target(value=100, by=D(2026, 12, 31)),),
)
DOWN = _indicator(
    Direction.DECREASE,
    Baseline(value=100, on=D(2024, 1, 1)),
    (Target(value=0, by=D(2026, 12, 31)),),
)
START = D(2025, 1, 1)
END = D(2025, 12, 31)
STAY_UP = (UP, Baseline(value=4, on=START), (Target(value=4, by=END),))
STAY_DOWN = (DOWN, Baseline(value=40, on=START), (Target(value=40, by=END),))
Goal = tuple[Indicator, Baseline, tuple[Target, ...]]


@pytest.mark.parametrize(
    ("goal", "value", "expected"),
    [
        # No way to go (t - b = 0, nothing to divide by): 1 while the value meets
        # the target, 0 when it does not.
        (STAY_UP, 4, 1.0),
        (STAY_UP, 5, 1.0),
        (STAY_UP, 3.9, 0.0),
        (STAY_DOWN, 40, 1.0),
        (STAY_DOWN, 39, 1.0),
        (STAY_DOWN, 40.5, 0.0),
    ],
)
def test_progress_from_a_baseline_equal_to_the_target_is_one_or_zero(
    goal: Goal, value: float, expected: float
) -> None:
    indicator, base, targets = goal
    assert progress(indicator, value, baseline=base, targets=targets) == expected


@pytest.mark.parametrize("goal", [STAY_UP, STAY_DOWN])
def test_a_baseline_equal_to_the_target_is_expected_throughout(goal: Goal) -> None:
    indicator, base, targets = goal
    for day in (D(2024, 6, 1), START, D(2025, 7, 2), D(2026, 6, 1)):
        assert expected_value(indicator, day, baseline=base, targets=targets) == (
            base.value
        )
        assert expected_progress(indicator, day, baseline=base, targets=targets) == 1
        # met: progress 1 - expected 1 = 0
        assert (
            deviation(indicator, base.value, day, baseline=base, targets=targets) == 0
        )
    # missed: progress 0 - expected 1 = -1
    missed = 3 if indicator is UP else 41
    assert deviation(indicator, missed, END, baseline=base, targets=targets) == -1


def test_a_baseline_at_the_final_target_stays_there_despite_a_step_away() -> None:
    # From 4 to 4 by year end, with 6 by 1 July on the way: the baseline already
    # meets the final target, so 4 is expected all year, not a rise to 6.
    up = (Target(value=6, by=D(2025, 7, 1)), Target(value=4, by=END))
    assert expected_value(UP, D(2025, 7, 1), baseline=STAY_UP[1], targets=up) == 4
    # A decrease the same way: 40 to 40 with 30 by 1 July: 40 throughout.
    down = (Target(value=30, by=D(2025, 7, 1)), Target(value=40, by=END))
    assert expected_value(DOWN, D(2025, 7, 1), baseline=STAY_DOWN[1], targets=down) == (
        40
    )


def test_a_baseline_one_step_short_of_the_target_still_moves() -> None:
    # 4 to 5 (increase): halfway on 2 July, 182 of 364 days: 4 + 1 * 182 / 364
    base = STAY_UP[1]
    short = (Target(value=5, by=END),)
    assert expected_value(UP, D(2025, 7, 2), baseline=base, targets=short) == 4.5
    # progress (4.5 - 4) / (5 - 4)
    assert progress(UP, 4.5, baseline=base, targets=short) == 0.5
    # a decrease, the wrong way: 41 from 40 towards 39 is (41 - 40) / (39 - 40)
    towards = (Target(value=39, by=END),)
    assert progress(DOWN, 41, baseline=STAY_DOWN[1], targets=towards) == -1


# -- valid goal overrides with several targets ---------------------------------------

# A resident's goal: 10 on 1 January; 20 by 1 April, 25 by 1 July, 40 by 1 October.
GOAL_BASE = Baseline(value=10, on=D(2025, 1, 1))
GOAL_TARGETS = [
    Target(value=20, by=D(2025, 4, 1)),
    Target(value=25, by=D(2025, 7, 1)),
    Target(value=40, by=D(2025, 10, 1)),
]
# The indicator's own targets differ, so an override that is ignored shows.
OWN = _indicator(
    baseline=Baseline(value=0, on=D(2024, 1, 1)),
    targets=(Target(value=100, by=D(2026, 12, 31)),),
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # 1 Jan -> 1 Apr is 90 days; 31 Jan is day 30: 10 + 10 * 30 / 90
        (D(2025, 1, 31), 10 + 10 * 30 / 90),
        (D(2025, 4, 1), 20),
        # 1 Apr -> 1 Jul is 91 days; 2 May is day 31: 20 + 5 * 31 / 91
        (D(2025, 5, 2), 20 + 5 * 31 / 91),
        (D(2025, 7, 1), 25),
        # 1 Jul -> 1 Oct is 92 days; 2 Aug is day 32: 25 + 15 * 32 / 92
        (D(2025, 8, 2), 25 + 15 * 32 / 92),
        (D(2025, 10, 1), 40),
        (D(2025, 12, 1), 40),
    ],
)
def test_a_goal_with_several_targets_is_followed_target_by_target(
    day: dt.date, expected: float
) -> None:
    got = expected_value(OWN, day, baseline=GOAL_BASE, targets=GOAL_TARGETS)
    assert got == pytest.approx(expected)
    # progress towards the goal's final 40: (v - 10) / 30
    assert expected_progress(
        OWN, day, baseline=GOAL_BASE, targets=GOAL_TARGETS
    ) == pytest.approx((expected - 10) / 30)


def test_progress_against_a_goal_uses_its_last_target() -> None:
    # (25 - 10) / (40 - 10) = 0.5; on 1 July 25 is expected: deviation 0
    assert progress(OWN, 25, baseline=GOAL_BASE, targets=GOAL_TARGETS) == 0.5
    assert (
        deviation(OWN, 25, D(2025, 7, 1), baseline=GOAL_BASE, targets=GOAL_TARGETS) == 0
    )
    # A tuple of targets works the same as a list.
    assert progress(OWN, 25, baseline=GOAL_BASE, targets=tuple(GOAL_TARGETS)) == 0.5


def test_a_target_on_the_baseline_day_is_not_a_step_on_the_way() -> None:
    # Baseline 10 on 1 January, a target of 15 on that same day and 30 by
    # 31 December: the path runs from (1 Jan, 10) straight to (31 Dec, 30).
    # 2 July is day 182 of 364: 10 + 20 * 182 / 364 = 20.
    targets = [Target(value=15, by=D(2025, 1, 1)), Target(value=30, by=D(2025, 12, 31))]
    assert expected_value(OWN, D(2025, 7, 2), baseline=GOAL_BASE, targets=targets) == 20


@pytest.mark.parametrize(
    ("days", "index"),
    [
        # the same day twice is not "after"
        ((D(2025, 4, 1), D(2025, 4, 1)), 1),
        # the third one goes back
        ((D(2025, 4, 1), D(2025, 7, 1), D(2025, 6, 30)), 2),
    ],
)
def test_goal_targets_must_each_come_after_the_one_before(
    days: tuple[dt.date, ...], index: int
) -> None:
    targets = [Target(value=20 + k, by=d) for k, d in enumerate(days)]
    with pytest.raises(InvalidValue) as info:
        progress(OWN, 25, baseline=GOAL_BASE, targets=targets)
    assert info.value.field == f"targets[{index}].by"
    assert str(days[index - 1]) in str(info.value)


@pytest.mark.parametrize("targets", ["20", b"20", 20])
def test_targets_that_are_not_a_sequence_are_named(targets: object) -> None:
    with pytest.raises(InvalidValue) as info:
        progress(OWN, 25, targets=targets)  # type: ignore[arg-type]
    assert info.value.field == "targets"


def test_maintain_without_a_baseline_expects_nothing() -> None:
    # progress needs no baseline for maintain (85 +- 5), expected values do
    keep = _indicator(
        Direction.MAINTAIN, None, (Target(value=85, by=D(2025, 12, 31)),), band=5
    )
    assert progress(keep, 80) == 1
    assert progress(keep, 91) == 0
    with pytest.raises(InvalidValue) as info:
        expected_value(keep, D(2025, 7, 2))
    assert info.value.field == "baseline"


# -- what each refusal says ----------------------------------------------------------

STORY = Indicator(
    id="story",
    name="story",
    measure=Measure.QUALITATIVE,
    direction=Direction.INCREASE,
    question=Question.HOW_WELL,
)
NO_BASELINE = _indicator(targets=(Target(value=3, by=D(2025, 1, 1)),))
NO_TARGETS = _indicator(baseline=Baseline(value=1, on=D(2025, 1, 1)))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: progress(OWN, 1, targets=20),  # type: ignore[arg-type]
            "targets: expected a sequence of Target, got 20",
        ),
        (
            lambda: progress(OWN, 1, targets=[GOAL_TARGETS[0], 3]),  # type: ignore[list-item]
            "targets[1]: expected a Target, got 3",
        ),
        (
            lambda: progress(OWN, 1, targets=[GOAL_TARGETS[1], GOAL_TARGETS[0]]),
            (
                "targets[1].by: expected a day after the previous target's 2025-07-01, "
                "got datetime.date(2025, 4, 1)"
            ),
        ),
        (
            lambda: progress(NO_TARGETS, 1),
            "targets: expected at least one target (indicator 'x' has none), got ()",
        ),
        (
            lambda: progress("x", 1),  # type: ignore[arg-type]
            "indicator: expected an Indicator, got 'x'",
        ),
        (
            lambda: progress(STORY, 1),
            (
                "indicator: expected a numeric indicator (a qualitative one has no "
                "progress), got 'story'"
            ),
        ),
        (
            lambda: progress(OWN, 1, baseline=3),  # type: ignore[arg-type]
            "baseline: expected a Baseline or None, got 3",
        ),
        (
            lambda: progress(NO_BASELINE, 1),
            "baseline: expected a Baseline (indicator 'x' has none), got None",
        ),
    ],
)
def test_each_refusal_names_the_field_the_value_and_what_was_expected(
    call: Callable[[], object], message: str
) -> None:
    with pytest.raises(InvalidValue) as info:
        call()
    assert str(info.value) == message


def test_targets_all_on_or_before_the_baseline_leave_the_last_one_expected() -> None:
    # Targets 20, 25 and 40 by 1 April, 1 July and 1 October; a baseline on
    # 1 November comes after all of them: the final 40 is expected, not 25.
    late = Baseline(value=10, on=D(2025, 11, 1))
    assert (
        expected_value(OWN, D(2025, 12, 1), baseline=late, targets=GOAL_TARGETS) == 40
    )


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: expected_progress(OWN, "2025-01-01"), "day"),  # type: ignore[arg-type]
        (lambda: expected_progress(NO_BASELINE, D(2025, 1, 1)), "baseline"),
        (lambda: progress(OWN, "3"), "value"),  # type: ignore[arg-type]
    ],
)
def test_expected_progress_and_progress_name_a_wrong_argument(
    call: Callable[[], object], field: str
) -> None:
    with pytest.raises(InvalidValue) as info:
        call()
    assert info.value.field == field


# Occupancy kept at 85 +- 5, starting from 70 on 1 January 2025.
OCCUPANCY = _indicator(
    Direction.MAINTAIN,
    Baseline(value=70, on=D(2025, 1, 1)),
    (Target(value=85, by=D(2025, 12, 31)),),
    band=5,
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # 1 January: 70 is expected, 15 from 85: outside the band, 0.
        (D(2025, 1, 1), 0.0),
        # Day 300 of 364: 70 + 15 * 300 / 364 = 82.4, within 85 +- 5: 1.
        (D(2025, 1, 1) + dt.timedelta(days=300), 1.0),
        # 31 December: 85 itself: 1.
        (D(2025, 12, 31), 1.0),
    ],
)
def test_expected_progress_of_maintain_is_whether_the_expected_value_is_in_band(
    day: dt.date, expected: float
) -> None:
    assert expected_progress(OCCUPANCY, day) == expected
