"""The column store's internal API (resultframe.model._columns) against brute force.

``Records`` answers its own queries through this API and is tested in
test_records.py and test_properties_records.py; these tests hold the parts that
evaluation, the facts readers and the fit checks use directly: spans per subject,
subject codes, repeated days, the rows up to a day, and building records from
coded columns.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import resultframe.strategies as rs
from resultframe import Observation, Records
from resultframe.model._columns import (
    DAY_MASK,
    Columns,
    build,
    encode,
    observation_columns,
    pack,
)
from resultframe.model.records import columns_of, records_from

DAYS = st.sampled_from([dt.date(2025, 1, d) for d in (1, 2, 9, 20)])


@st.composite
def crowded(draw: st.DrawFn) -> list[Observation]:
    """Observations crowded into a few indicators, subjects and days."""
    return draw(
        st.lists(
            rs.observations(
                indicator=st.sampled_from(["a", "b", "c"]),
                subject=st.sampled_from(["r1", "r2", "r3", "r4"]),
                on=DAYS,
                value=st.sampled_from([0, 1, 1.0, 2.5, True, "ok"]),
                note=st.sampled_from(["", "n"]),
                source=st.just(""),
            ),
            max_size=30,
        )
    )


def store(observations: list[Observation]) -> Columns:
    return build(*observation_columns(observations))


def row_key(c: Columns, r: int) -> tuple[Any, ...]:
    o = c.observation(r)
    return (o.indicator, o.subject, o.on, type(o.value), o.value, o.note)


def obs_key(o: Observation) -> tuple[Any, ...]:
    return (o.indicator, o.subject, o.on, type(o.value), o.value, o.note)


@given(crowded(), DAYS | st.just(dt.date(2024, 12, 31)))
def test_spans_hold_each_subjects_rows_up_to_the_day(
    observations: list[Observation], day: dt.date
) -> None:
    c = store(observations)
    for indicator in ["a", "b", "c", "unknown"]:
        spans = c.spans(indicator, day.toordinal())
        assert spans.subjects == sorted(spans.subjects)
        for subject, start, stop in zip(
            spans.subjects, spans.starts, spans.stops, strict=True
        ):
            got = [row_key(c, r) for r in range(start, stop)]
            expected = [
                obs_key(o)
                for o in observations
                if (o.indicator, o.subject) == (indicator, subject) and o.on <= day
            ]
            assert Counter(got) == Counter(expected)
            assert [k[2] for k in got] == sorted(k[2] for k in got)
        # A subject is left out exactly when it has no row up to the day.
        assert set(spans.subjects) == {
            o.subject for o in observations if o.indicator == indicator and o.on <= day
        }


@given(crowded())
def test_subject_codes_and_repeated_days_match_a_scan(
    observations: list[Observation],
) -> None:
    c = store(observations)
    for indicator in ["a", "b", "c", "unknown"]:
        rows = c.indicator_rows(indicator)
        mine = [o for o in observations if o.indicator == indicator]
        assert {c.subjects[s] for s in c.subject_codes(rows)} == {
            o.subject for o in mine
        }
        # One row reported per (subject, day) that has more than one observation.
        repeated = Counter((o.subject, o.on) for o in mine)
        assert sorted((c.subject(r), c.day(r)) for r in c.repeated_days(rows)) == (
            sorted(k for k, n in repeated.items() if n > 1)
        )
        for r in c.repeated_days(rows):
            assert c.keys[r] == c.keys[r - 1]


@given(crowded(), DAYS)
def test_until_keeps_the_rows_up_to_the_day(
    observations: list[Observation], day: dt.date
) -> None:
    c = store(observations)
    kept = c.until(day.toordinal())
    assert all(k & DAY_MASK <= day.toordinal() for k in kept.keys)
    assert kept.same_rows(store([o for o in observations if o.on <= day]))
    assert (
        kept.canonical() == store([o for o in observations if o.on <= day]).canonical()
    )


@given(crowded())
def test_records_from_packed_codes_are_what_from_columns_builds(
    observations: list[Observation],
) -> None:
    columns = observation_columns(observations)
    built = records_from(pack(encode(*columns)))
    indicator, subject, on, value, note, source = columns
    expected = Records.from_columns(
        indicator=indicator,
        subject=subject,
        on=on,
        value=value,
        note=note,
        source=source,
    )
    assert built == expected
    assert columns_of(built) == columns_of(expected)


def test_a_store_decodes_to_the_columns_it_was_built_from() -> None:
    observations = [
        Observation(indicator="b", subject="r2", on=dt.date(2025, 1, 9), value="ok"),
        Observation(indicator="a", subject="r1", on=dt.date(2025, 1, 2), value=True),
        Observation(indicator="a", subject="r1", on=dt.date(2025, 1, 1), value=2.5),
    ]
    c = store(observations)
    # Sorted by indicator, subject and day: rows 2, 1, 0 of the input.
    assert c.decoded() == observation_columns(observations[::-1])
    assert c.latest_row("a", "r1", dt.date(2025, 1, 1).toordinal()) == 0
    assert c.latest_row("a", "r1", dt.date(2024, 12, 31).toordinal()) is None
    assert c.latest_row("b", "r1", dt.date(2025, 2, 1).toordinal()) is None
    assert c.indicators_observed() == ("a", "b")
