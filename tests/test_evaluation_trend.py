"""Trend, forecast, turning the curve, and what effort yields for whom."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resultframe import (
    Accumulation,
    Agreement,
    Baseline,
    Direction,
    Indicator,
    InvalidValue,
    Level,
    Measure,
    Observation,
    Period,
    Question,
    Records,
    Result,
    ResultKind,
    ResultsFramework,
    Subject,
    Target,
    UnknownId,
)
from resultframe.evaluation import (
    UNKNOWN,
    curve_turned,
    effort_yield,
    forecast,
    trend,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

D = dt.date


def test_trend_by_hand() -> None:
    # x = 0, 10, 20 days; y = 1, 4, 4. Means 10 and 3;
    # slope = sum((x-10)(y-3)) / sum((x-10)^2) = (20 + 0 + 10) / 200 = 0.15
    # intercept = 3 - 0.15 * 10 = 1.5
    t = trend([(D(2025, 1, 1), 1), (D(2025, 1, 11), 4), (D(2025, 1, 21), 4)])
    assert t.slope == pytest.approx(0.15)
    assert t.intercept == pytest.approx(1.5)
    assert (t.origin, t.n) == (D(2025, 1, 1), 3)
    # on day 30: 1.5 + 0.15 * 30 = 6
    assert forecast(
        [(D(2025, 1, 21), 4), (D(2025, 1, 1), 1), (D(2025, 1, 11), 4)], D(2025, 1, 31)
    ) == pytest.approx(6)


@pytest.mark.parametrize(
    "series",
    [
        [],
        [(D(2025, 1, 1), 1.0)],
        [(D(2025, 1, 1), 1.0), (D(2025, 1, 1), 2.0)],  # one day only
    ],
)
def test_a_trend_needs_two_points_on_different_days(
    series: list[tuple[dt.date, float]],
) -> None:
    with pytest.raises(InvalidValue, match="two points on different days"):
        trend(series)


@pytest.mark.parametrize(
    ("series", "field"),
    [
        ("abc", "series"),
        ([(D(2025, 1, 1), 1.0), 3], "series[1]"),
        ([("2025-01-01", 1.0)], "series[0][0]"),
        ([(D(2025, 1, 1), "1")], "series[0][1]"),
        ([(D(2025, 1, 1), float("nan"))], "series[0][1]"),
    ],
)
def test_bad_points_are_named(series: object, field: str) -> None:
    with pytest.raises(InvalidValue) as info:
        trend(series)  # type: ignore[arg-type]
    assert info.value.field == field


_POINT_DAYS = st.lists(st.integers(0, 1000), min_size=2, max_size=12, unique=True)


@given(_POINT_DAYS, st.floats(-10, 10), st.floats(-100, 100), st.integers(-500, 2000))
def test_a_straight_line_is_its_own_trend_and_forecast(
    days: list[int], slope: float, intercept: float, at: int
) -> None:
    origin = D(2025, 1, 1)
    series = [(origin + dt.timedelta(days=k), intercept + slope * k) for k in days]
    t = trend(series)
    assert t.slope == pytest.approx(slope, abs=1e-6)
    expected = intercept + slope * at
    assert forecast(series, origin + dt.timedelta(days=at)) == pytest.approx(
        expected, abs=1e-6 * (1 + abs(expected))
    )


# -- curve_turned -------------------------------------------------------------------


def _framework(*indicators: Indicator, level: Level = Level.MACRO) -> ResultsFramework:
    return ResultsFramework(
        id="fw",
        name="fw",
        agreement=Agreement(
            purpose="p", period=Period(start=D(2020, 1, 1), end=D(2026, 12, 31))
        ),
        results=(
            Result(
                id="r",
                statement="s",
                level=level,
                kind=ResultKind.IMPACT,
                indicators=indicators,
            ),
        ),
    )


def _yearly(indicator: str, values: Sequence[float], subject: str = "town") -> Records:
    return Records(
        subjects=[Subject(id="town", level=Level.MACRO)],
        observations=[
            Observation(
                indicator=indicator, subject=subject, on=D(2020 + i, 1, 1), value=v
            )
            for i, v in enumerate(values)
        ],
    )


def _youth_care(
    baseline: Baseline | None = None, direction: Direction = Direction.DECREASE
) -> Indicator:
    # Share of young people with jeugdhulp: lower is better.
    return Indicator(
        id="jeugdhulp",
        name="Young people with jeugdhulp",
        measure=Measure.PERCENTAGE,
        direction=direction,
        question=Question.BETTER_OFF,
        baseline=baseline,
        band=1.0 if direction is Direction.MAINTAIN else None,
        targets=(Target(value=10, by=D(2026, 1, 1)),) if baseline else (),
    )


def test_the_curve_turns_when_the_latest_value_beats_the_baseline_forecast() -> None:
    # 2020-2022 rising by about 1 a year (10, 11, 12): forecast for 2024 is 14.
    ind = _youth_care(Baseline(value=12, on=D(2022, 1, 1)))
    fw = _framework(ind)
    turned = _yearly("jeugdhulp", [10, 11, 12, 13, 13.5])  # 13.5 < 14: turned
    not_turned = _yearly("jeugdhulp", [10, 11, 12, 13, 14.5])
    assert curve_turned(fw, turned, "jeugdhulp", "town", D(2024, 6, 1)) is True
    assert curve_turned(fw, not_turned, "jeugdhulp", "town", D(2024, 6, 1)) is False
    # as of 2023 only 13 is known after the baseline: forecast 13, not beaten
    assert curve_turned(fw, turned, "jeugdhulp", "town", D(2023, 6, 1)) is False


def test_without_a_baseline_the_first_half_of_the_series_is_the_baseline() -> None:
    fw = _framework(_youth_care())
    # five points: the first three (10, 11, 12) make the trend; 2024 forecast 14
    recs = _yearly("jeugdhulp", [10, 11, 12, 20, 13])
    assert curve_turned(fw, recs, "jeugdhulp", "town", D(2025, 1, 1)) is True


def test_maintain_turns_when_closer_to_the_target_than_the_forecast() -> None:
    ind = _youth_care(Baseline(value=12, on=D(2022, 1, 1)), Direction.MAINTAIN)
    fw = _framework(ind)
    # forecast 14 for 2024 is 4 from the target 10; 12 is 2 from it: turned
    assert (
        curve_turned(
            fw,
            _yearly("jeugdhulp", [10, 11, 12, 13, 12]),
            "jeugdhulp",
            "town",
            D(2024, 6, 1),
        )
        is True
    )
    assert (
        curve_turned(
            fw,
            _yearly("jeugdhulp", [10, 11, 12, 13, 15]),
            "jeugdhulp",
            "town",
            D(2024, 6, 1),
        )
        is False
    )


def test_curve_turned_is_none_when_it_cannot_be_told() -> None:
    fw = _framework(_youth_care(Baseline(value=12, on=D(2022, 1, 1))))
    # one baseline point only
    assert (
        curve_turned(
            fw,
            _yearly("jeugdhulp", [12, 13, 14][1:]),
            "jeugdhulp",
            "town",
            D(2025, 1, 1),
        )
        is None
    )
    # nothing after the baseline
    assert (
        curve_turned(
            fw, _yearly("jeugdhulp", [10, 11, 12]), "jeugdhulp", "town", D(2025, 1, 1)
        )
        is None
    )
    # no observations at all
    assert (
        curve_turned(
            fw,
            Records(subjects=[Subject(id="town", level=Level.MACRO)]),
            "jeugdhulp",
            "town",
            D(2025, 1, 1),
        )
        is None
    )


def test_curve_turned_validates_its_ids() -> None:
    fw = _framework(_youth_care())
    recs = _yearly("jeugdhulp", [1, 2, 3])
    with pytest.raises(UnknownId):
        curve_turned(fw, recs, "nope", "town", D(2025, 1, 1))
    with pytest.raises(UnknownId):
        curve_turned(fw, recs, "jeugdhulp", "village", D(2025, 1, 1))
    with pytest.raises(InvalidValue, match="as_of"):
        curve_turned(fw, recs, "jeugdhulp", "town", None)  # type: ignore[arg-type]


# -- effort_yield -------------------------------------------------------------------


def _micro(id: str, accumulation: Accumulation = Accumulation.LATEST) -> Indicator:  # noqa: A002
    return Indicator(
        id=id,
        name=id,
        measure=Measure.QUANTITY,
        direction=Direction.INCREASE,
        question=Question.BETTER_OFF if id == "zrm" else Question.HOW_MUCH,
        accumulation=accumulation,
    )


def _effort_case() -> tuple[ResultsFramework, Records]:
    fw = _framework(_micro("zrm"), _micro("hours", Accumulation.SUM), level=Level.MICRO)
    people = {  # resident: (neighbourhood, age, zrm first, zrm last, hours)
        "r1": ("north", "young", 2, 4, [5.0, 5.0]),
        "r2": ("north", "old", 1, 2, [10.0]),
        "r3": ("south", None, 3, 3, [4.0, 4.0]),
        "r4": ("south", "young", 2, 1, [2.0]),
        "r5": ("south", "old", 1, 3, []),  # no effort recorded: left out
    }
    subjects = [
        Subject(id="town", level=Level.MACRO),
        Subject(id="north", level=Level.MESO, part_of="town"),
        Subject(id="south", level=Level.MESO, part_of="town"),
    ]
    obs = []
    for r, (w, age, a, b, hours) in people.items():
        dims = frozenset({("age", age)}) if age else frozenset()
        subjects.append(Subject(id=r, level=Level.MICRO, part_of=w, dimensions=dims))
        obs += [
            Observation(indicator="zrm", subject=r, on=D(2025, 1, 1), value=float(a)),
            Observation(indicator="zrm", subject=r, on=D(2025, 6, 1), value=float(b)),
        ]
        obs += [
            Observation(indicator="hours", subject=r, on=D(2025, 2, i + 1), value=h)
            for i, h in enumerate(hours)
        ]
    return fw, Records(subjects=subjects, observations=obs)


def test_effort_yield_by_neighbourhood() -> None:
    fw, recs = _effort_case()
    got = effort_yield(fw, recs, "zrm", "hours", D(2025, 7, 1), min_group=0)
    # north: change (4-2) + (2-1) = 3 over 10 + 10 = 20 hours: 0.15 per hour
    # south: (3-3) + (1-2) = -1 over 8 + 2 = 10 hours: -0.1 per hour
    assert [(y.group, y.n, y.outcome_change, y.effort) for y in got] == [
        ("north", 2, 3, 20),
        ("south", 2, -1, 10),
    ]
    assert [y.ratio for y in got] == pytest.approx([0.15, -0.1])


def test_effort_yield_by_dimension_keeps_the_unknown_group() -> None:
    fw, recs = _effort_case()
    got = effort_yield(fw, recs, "zrm", "hours", D(2025, 7, 1), by="age", min_group=0)
    # old: r2 (1 over 10); young: r1, r4 (2 - 1 = 1 over 12); unknown: r3 (0 over 8)
    assert [(y.group, y.outcome_change, y.effort) for y in got] == [
        ("old", 1, 10),
        (UNKNOWN, 0, 8),
        ("young", 1, 12),
    ]


def test_effort_yield_suppresses_small_groups_by_default() -> None:
    fw, recs = _effort_case()
    got = effort_yield(fw, recs, "zrm", "hours", D(2025, 7, 1))
    assert all(y.suppressed and y.ratio is None and y.n is None for y in got)


def test_effort_yield_leaves_out_subjects_without_effort() -> None:
    fw, recs = _effort_case()
    # as of 31 Jan there are no hours yet for anyone: nobody has both
    assert effort_yield(fw, recs, "zrm", "hours", D(2025, 1, 31), min_group=0) == ()


def test_effort_yield_of_no_effort_has_no_ratio() -> None:
    fw, recs = _effort_case()
    # Only r1 has hours, and they are 0: the change (4 - 2) over 0 hours.
    zero = Records(
        subjects=recs.subjects,
        observations=[
            *(o for o in recs.observations if o.indicator == "zrm"),
            Observation(indicator="hours", subject="r1", on=D(2025, 2, 1), value=0.0),
        ],
    )
    got = effort_yield(fw, zero, "zrm", "hours", D(2025, 7, 1), min_group=0)
    assert [(y.group, y.n, y.outcome_change, y.effort, y.ratio) for y in got] == [
        ("north", 1, 2, 0, None)
    ]


def test_effort_yield_refuses_indicators_on_different_levels() -> None:
    fw = ResultsFramework(
        id="fw",
        name="fw",
        agreement=Agreement(
            purpose="p", period=Period(start=D(2025, 1, 1), end=D(2025, 12, 31))
        ),
        results=(
            Result(
                id="a",
                statement="s",
                level=Level.MICRO,
                kind=ResultKind.OUTCOME,
                indicators=(_micro("zrm"),),
            ),
            Result(
                id="b",
                statement="s",
                level=Level.MESO,
                kind=ResultKind.OUTPUT,
                indicators=(_micro("hours"),),
            ),
        ),
    )
    with pytest.raises(InvalidValue, match="level"):
        effort_yield(fw, Records(), "zrm", "hours", D(2025, 1, 1))
    with pytest.raises(UnknownId):
        effort_yield(fw, Records(), "zrm", "nope", D(2025, 1, 1))
