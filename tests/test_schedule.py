"""Examples for time in the model: add_months, Period, Cadence, FeedbackCycle.

Dates are computed by hand in the comments. ``step(k)`` is the anchor plus k
cadences, counted from the anchor (never chained); period k runs from step(k) to
the day before step(k + 1).
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resultframe import Cadence, FeedbackCycle, InvalidValue, Period
from resultframe.model.schedule import add_months

if TYPE_CHECKING:
    from collections.abc import Iterator

D = dt.date


@contextlib.contextmanager
def refused(field: str, value: object) -> Iterator[None]:
    """Expect an InvalidValue whose message names *field* and *value*."""
    with pytest.raises(InvalidValue) as info:
        yield
    assert info.value.field == field
    assert info.value.value == value
    message = str(info.value)
    assert message.startswith(f"{field}: "), message
    assert f"got {value!r}" in message, message


def cycle(cadence: str, starts_on: dt.date, **fields: object) -> FeedbackCycle:
    return FeedbackCycle(
        id="c",
        name="Review",
        reports_to="gemeente",
        cadence=Cadence.parse(cadence),
        starts_on=starts_on,
        **fields,  # type: ignore[arg-type]
    )


def spans(periods: tuple[Period, ...]) -> list[tuple[dt.date, dt.date]]:
    return [(p.start, p.end) for p in periods]


# -- add_months -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2025, 1, 31), 1, D(2025, 2, 28)),  # February 2025 has 28 days
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # 2024 is a leap year
        (D(2025, 1, 31), 2, D(2025, 3, 31)),  # from the anchor, not from 28 Feb
        (D(2025, 1, 31), 3, D(2025, 4, 30)),  # April has 30 days
        (D(2024, 2, 29), 12, D(2025, 2, 28)),  # no 29 February in 2025
        (D(2024, 2, 29), 48, D(2028, 2, 29)),  # 2028 is a leap year again
        (D(2025, 12, 15), 1, D(2026, 1, 15)),  # over the year's end
        (D(2025, 3, 31), -1, D(2025, 2, 28)),  # backwards clamps too
        (D(2025, 1, 31), -2, D(2024, 11, 30)),
        (D(2025, 5, 17), 0, D(2025, 5, 17)),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(
    day: dt.date, months: int, expected: dt.date
) -> None:
    assert add_months(day, months) == expected


def test_add_months_outside_the_calendar_is_refused() -> None:
    with refused("months", 1):
        add_months(D(9999, 12, 1), 1)
    with refused("months", -1):
        add_months(D(1, 1, 1), -1)


def _add_months_by_walking(day: dt.date, months: int) -> dt.date:
    """Reference: walk month by month over first days, then clamp the day."""
    first = day.replace(day=1)
    for _ in range(abs(months)):
        if months > 0:
            first = (first + dt.timedelta(days=32)).replace(day=1)
        else:
            first = (first - dt.timedelta(days=1)).replace(day=1)
    last = calendar.monthrange(first.year, first.month)[1]
    return first.replace(day=min(day.day, last))


@given(
    day=st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)),
    months=st.integers(min_value=-60, max_value=60),
)
def test_add_months_equals_walking_month_by_month_and_clamping(
    day: dt.date, months: int
) -> None:
    assert add_months(day, months) == _add_months_by_walking(day, months)


# -- Period ---------------------------------------------------------------------


def test_period_includes_both_ends() -> None:
    q1 = Period(start=D(2025, 1, 1), end=D(2025, 3, 31))
    # 31 + 28 + 31 = 90 days
    assert q1.days == 90
    assert D(2025, 1, 1) in q1
    assert D(2025, 3, 31) in q1
    assert D(2025, 4, 1) not in q1
    assert D(2024, 12, 31) not in q1
    assert "2025-02-01" not in q1
    assert str(q1) == "2025-01-01/2025-03-31"


def test_period_of_one_day() -> None:
    assert Period(start=D(2025, 1, 1), end=D(2025, 1, 1)).days == 1


def test_period_ending_before_it_starts_is_refused() -> None:
    with refused("end", D(2024, 12, 31)):
        Period(start=D(2025, 1, 1), end=D(2024, 12, 31))


def test_period_needs_dates_not_datetimes() -> None:
    moment = dt.datetime(2025, 1, 1, 12, 0)  # noqa: DTZ001
    with refused("start", moment):
        Period(start=moment, end=D(2025, 1, 2))
    with refused("end", "2025-01-02"):
        Period(start=D(2025, 1, 1), end="2025-01-02")  # type: ignore[arg-type]


# -- Cadence --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "months", "weeks", "days"),
    [
        ("P3M", 3, 0, 0),
        ("P1Y", 12, 0, 0),  # a year is twelve months
        ("P1Y2M", 14, 0, 0),  # 12 + 2
        ("P2W", 0, 2, 0),
        ("P1M15D", 1, 0, 15),
        ("P1D", 0, 0, 1),
        ("P1M1W1D", 1, 1, 1),
    ],
)
def test_cadence_parses_iso_durations(
    text: str, months: int, weeks: int, days: int
) -> None:
    assert Cadence.parse(text) == Cadence(months=months, weeks=weeks, days=days)


@pytest.mark.parametrize(
    ("cadence", "text"),
    [
        (Cadence(months=3), "P3M"),
        (Cadence(months=12), "P12M"),  # written in months, not as P1Y
        (Cadence(weeks=2), "P2W"),
        (Cadence(months=1, days=15), "P1M15D"),
        (Cadence(days=1), "P1D"),
    ],
)
def test_cadence_str_is_the_iso_duration(cadence: Cadence, text: str) -> None:
    assert str(cadence) == text
    assert Cadence.parse(text) == cadence


@pytest.mark.parametrize(
    "text", ["PT1H", "P1DT12H", "P", "3M", "", "p3m", "P-1M", "P1.5M", "P3M ", "P1W2M"]
)
def test_cadence_parse_refuses_what_is_not_a_duration_of_days(text: str) -> None:
    with refused("cadence", text):
        Cadence.parse(text)


def test_cadence_parse_refuses_a_non_string() -> None:
    with refused("cadence", 3):
        Cadence.parse(3)  # type: ignore[arg-type]


def test_cadence_of_zero_length_is_refused() -> None:
    with refused("cadence", "P0D"):
        Cadence.parse("P0D")
    with refused("cadence", "P0D"):
        Cadence()


@pytest.mark.parametrize(
    ("field", "value"), [("months", -1), ("weeks", 1.0), ("days", True)]
)
def test_cadence_parts_are_whole_numbers_of_zero_or_more(
    field: str, value: object
) -> None:
    with refused(field, value):
        Cadence(**{field: value})  # type: ignore[arg-type]


def test_cadence_step_counts_from_the_anchor() -> None:
    monthly = Cadence(months=1)
    # 31 Jan + 1 month = 28 Feb; + 2 months = 31 Mar (not 28 Mar: no chaining).
    assert monthly.step(D(2025, 1, 31), 1) == D(2025, 2, 28)
    assert monthly.step(D(2025, 1, 31), 2) == D(2025, 3, 31)
    assert monthly.step(D(2025, 1, 31), -1) == D(2024, 12, 31)
    # Mixed: k months first, then k * 15 days. 31 Jan + 2 months = 31 Mar, + 30 days.
    assert Cadence(months=1, days=15).step(D(2025, 1, 31), 2) == D(2025, 4, 30)


def test_cadence_step_outside_the_calendar_is_refused() -> None:
    with refused("step", 1):
        Cadence(days=1).step(D(9999, 12, 31), 1)


def test_cadence_approximate_days() -> None:
    # 3 * 30.436875 = 91.310625; 2 weeks = 14 days; 1 month and 15 days = 45.436875
    assert Cadence(months=3).approximate_days == pytest.approx(91.310625)
    assert Cadence(weeks=2).approximate_days == 14
    assert Cadence(months=1, days=15).approximate_days == pytest.approx(45.436875)


# -- FeedbackCycle: monthly, anchored on 31 January ------------------------------
# step(k) = 31 Jan 2025 + k months: 31 Jan, 28 Feb, 31 Mar, 30 Apr, ...
# period 0: 31 Jan - 27 Feb; period 1: 28 Feb - 30 Mar; period 2: 31 Mar - 29 Apr.


MONTHLY = cycle("P1M", D(2025, 1, 31))


def test_monthly_period_k() -> None:
    assert MONTHLY.period(0) == Period(start=D(2025, 1, 31), end=D(2025, 2, 27))
    assert MONTHLY.period(1) == Period(start=D(2025, 2, 28), end=D(2025, 3, 30))
    assert MONTHLY.period(2) == Period(start=D(2025, 3, 31), end=D(2025, 4, 29))
    # step(12) = 31 Jan 2026, so period 11 ends on 30 Jan 2026.
    assert MONTHLY.period(11) == Period(start=D(2025, 12, 31), end=D(2026, 1, 30))


def test_monthly_periods_until() -> None:
    # 1 Apr lies in period 2 (31 Mar - 29 Apr), so periods 0, 1 and 2.
    assert spans(MONTHLY.periods(until=D(2025, 4, 1))) == [
        (D(2025, 1, 31), D(2025, 2, 27)),
        (D(2025, 2, 28), D(2025, 3, 30)),
        (D(2025, 3, 31), D(2025, 4, 29)),
    ]
    # The first day alone: period 0 only, though it ends later.
    assert len(MONTHLY.periods(until=D(2025, 1, 31))) == 1
    # Before the start: none.
    assert MONTHLY.periods(until=D(2025, 1, 30)) == ()


def test_monthly_period_on() -> None:
    assert MONTHLY.period_on(D(2025, 2, 27)) == MONTHLY.period(0)
    assert MONTHLY.period_on(D(2025, 2, 28)) == MONTHLY.period(1)
    assert MONTHLY.period_on(D(2025, 3, 30)) == MONTHLY.period(1)
    assert MONTHLY.period_on(D(2025, 3, 31)) == MONTHLY.period(2)
    assert MONTHLY.index_on(D(2025, 3, 31)) == 2


def test_period_on_a_day_before_the_start_is_refused() -> None:
    with refused("day", D(2025, 1, 30)):
        MONTHLY.period_on(D(2025, 1, 30))


def test_monthly_next_due() -> None:
    # The review of period k falls due on step(k + 1).
    assert MONTHLY.next_due(D(2025, 2, 27)) == D(2025, 2, 28)  # period 0 -> step 1
    assert MONTHLY.next_due(D(2025, 2, 28)) == D(2025, 3, 31)  # period 1 -> step 2
    assert MONTHLY.next_due(D(2025, 1, 31)) == D(2025, 2, 28)
    # Before the start, the first review due is that of period 0.
    assert MONTHLY.next_due(D(2024, 6, 1)) == D(2025, 2, 28)


def test_monthly_has_period() -> None:
    assert MONTHLY.has_period(Period(start=D(2025, 2, 28), end=D(2025, 3, 30)))
    # A calendar month is not one of this cycle's periods.
    assert not MONTHLY.has_period(Period(start=D(2025, 2, 1), end=D(2025, 2, 28)))
    # One day too long.
    assert not MONTHLY.has_period(Period(start=D(2025, 1, 31), end=D(2025, 2, 28)))
    # Before the start.
    assert not MONTHLY.has_period(Period(start=D(2024, 12, 31), end=D(2025, 1, 30)))


def test_period_index_must_be_a_whole_number_of_zero_or_more() -> None:
    with refused("index", -1):
        MONTHLY.period(-1)
    with refused("index", True):  # noqa: FBT003
        MONTHLY.period(True)  # noqa: FBT003


@pytest.mark.parametrize("method", ["period_on", "periods", "next_due"])
def test_schedule_methods_need_a_date(method: str) -> None:
    with pytest.raises(InvalidValue) as info:
        getattr(MONTHLY, method)("2025-03-01")
    assert "got '2025-03-01'" in str(info.value)


# -- FeedbackCycle: quarterly from 1 January -------------------------------------

QUARTERLY = cycle("P3M", D(2025, 1, 1))


def test_quarterly_periods_are_the_calendar_quarters() -> None:
    assert spans(QUARTERLY.periods(until=D(2025, 12, 31))) == [
        (D(2025, 1, 1), D(2025, 3, 31)),
        (D(2025, 4, 1), D(2025, 6, 30)),
        (D(2025, 7, 1), D(2025, 9, 30)),
        (D(2025, 10, 1), D(2025, 12, 31)),
    ]
    # 1 Jan 2026 = step 4: a fifth period starts.
    assert QUARTERLY.periods(until=D(2026, 1, 1))[-1] == Period(
        start=D(2026, 1, 1), end=D(2026, 3, 31)
    )


def test_quarterly_period_on_next_due_and_has_period() -> None:
    q2 = Period(start=D(2025, 4, 1), end=D(2025, 6, 30))
    assert QUARTERLY.period_on(D(2025, 5, 15)) == q2
    assert QUARTERLY.next_due(D(2025, 5, 15)) == D(2025, 7, 1)
    assert QUARTERLY.next_due(D(2025, 6, 30)) == D(2025, 7, 1)
    assert QUARTERLY.next_due(D(2025, 7, 1)) == D(2025, 10, 1)
    assert QUARTERLY.has_period(q2)
    assert not QUARTERLY.has_period(Period(start=D(2025, 2, 1), end=D(2025, 4, 30)))


def test_quarterly_from_31_january_does_not_drift() -> None:
    # step(k) = 31 Jan + 3k months: 30 Apr, 31 Jul, 31 Oct (not 30 Jul, 30 Oct).
    q = cycle("P3M", D(2025, 1, 31))
    assert spans(q.periods(until=D(2025, 8, 1))) == [
        (D(2025, 1, 31), D(2025, 4, 29)),
        (D(2025, 4, 30), D(2025, 7, 30)),
        (D(2025, 7, 31), D(2025, 10, 30)),
    ]


# -- FeedbackCycle: weekly from Monday 6 January 2025 ---------------------------
# step(k) = 6 Jan + 7k days; period k = 6 Jan + 7k .. 12 Jan + 7k.

WEEKLY = cycle("P1W", D(2025, 1, 6))


def test_weekly_periods() -> None:
    assert WEEKLY.period(0) == Period(start=D(2025, 1, 6), end=D(2025, 1, 12))
    # 19 Jan (Sunday) is 13 days after 6 Jan: 13 // 7 = 1 -> period 1 (13-19 Jan).
    assert WEEKLY.period_on(D(2025, 1, 19)) == Period(
        start=D(2025, 1, 13), end=D(2025, 1, 19)
    )
    # 20 Jan is 14 days after: 14 // 7 = 2.
    assert WEEKLY.index_on(D(2025, 1, 20)) == 2
    assert WEEKLY.next_due(D(2025, 1, 19)) == D(2025, 1, 20)
    assert len(WEEKLY.periods(until=D(2025, 1, 20))) == 3
    # 52 weeks = 364 days; 6 Jan 2025 + 365 days = 6 Jan 2026, so 364 days = 5 Jan.
    assert WEEKLY.period(52) == Period(start=D(2026, 1, 5), end=D(2026, 1, 11))
    assert WEEKLY.has_period(Period(start=D(2026, 1, 5), end=D(2026, 1, 11)))
    assert not WEEKLY.has_period(Period(start=D(2026, 1, 6), end=D(2026, 1, 12)))


def test_fortnightly_period_on() -> None:
    fortnightly = cycle("P2W", D(2025, 1, 6))
    # 1 Feb is 26 days after 6 Jan: 26 // 14 = 1 -> period 1 = 20 Jan - 2 Feb.
    assert fortnightly.period_on(D(2025, 2, 1)) == Period(
        start=D(2025, 1, 20), end=D(2025, 2, 2)
    )


# -- FeedbackCycle: daily, over a leap day ---------------------------------------

DAILY = cycle("P1D", D(2024, 2, 28))


def test_daily_periods_are_single_days() -> None:
    assert spans(DAILY.periods(until=D(2024, 3, 1))) == [
        (D(2024, 2, 28), D(2024, 2, 28)),
        (D(2024, 2, 29), D(2024, 2, 29)),  # 2024 is a leap year
        (D(2024, 3, 1), D(2024, 3, 1)),
    ]
    assert DAILY.index_on(D(2024, 3, 1)) == 2
    assert DAILY.next_due(D(2024, 2, 29)) == D(2024, 3, 1)
    assert DAILY.has_period(Period(start=D(2024, 2, 29), end=D(2024, 2, 29)))
    assert not DAILY.has_period(Period(start=D(2024, 2, 29), end=D(2024, 3, 1)))


# -- FeedbackCycle: mixed cadence P1M15D from 31 January --------------------------
# step(k) = (31 Jan + k months) + 15k days:
#   step(1) = 28 Feb + 15 = 15 Mar
#   step(2) = 31 Mar + 30 = 30 Apr
#   step(3) = 30 Apr + 45 = 14 Jun (30 Apr + 31 = 31 May, + 14 = 14 Jun)

MIXED = cycle("P1M15D", D(2025, 1, 31))


def test_mixed_cadence_periods() -> None:
    assert spans(MIXED.periods(until=D(2025, 5, 1))) == [
        (D(2025, 1, 31), D(2025, 3, 14)),
        (D(2025, 3, 15), D(2025, 4, 29)),
        (D(2025, 4, 30), D(2025, 6, 13)),
    ]
    assert MIXED.period_on(D(2025, 4, 29)) == MIXED.period(1)
    assert MIXED.next_due(D(2025, 4, 29)) == D(2025, 4, 30)
    assert MIXED.next_due(D(2025, 4, 30)) == D(2025, 6, 14)
    assert MIXED.has_period(Period(start=D(2025, 4, 30), end=D(2025, 6, 13)))


# -- FeedbackCycle: scope and fields -----------------------------------------------


def test_an_empty_scope_covers_every_result() -> None:
    assert QUARTERLY.covers("any-result")


def test_a_scope_covers_only_its_results() -> None:
    scoped = cycle("P3M", D(2025, 1, 1), results=("a", "b"))
    assert scoped.covers("a")
    assert scoped.covers("b")
    assert not scoped.covers("c")


def test_cycle_fields_are_checked() -> None:
    with refused("tolerance", 1.5):
        cycle("P3M", D(2025, 1, 1), tolerance=1.5)
    with refused("results[1]", "a"):
        cycle("P3M", D(2025, 1, 1), results=("a", "a"))
    with refused("reports_to", "no spaces"):
        FeedbackCycle(
            id="c",
            name="Review",
            reports_to="no spaces",
            cadence=Cadence(months=1),
            starts_on=D(2025, 1, 1),
        )
    with refused("cadence", "P3M"):
        FeedbackCycle(
            id="c",
            name="Review",
            reports_to="gemeente",
            cadence="P3M",  # type: ignore[arg-type]
            starts_on=D(2025, 1, 1),
        )
    assert cycle("P3M", D(2025, 1, 1), tolerance=0.2).tolerance == 0.2
