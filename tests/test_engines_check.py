"""``engines.check``: the columnar check finds exactly what ``Records.check`` finds.

Records are generated to fit a generated framework and then spoiled: observations
of unknown or derived indicators, of unknown subjects or subjects on another
level, values of the wrong kind or off the scale, and a second value on a day of
a latest-value indicator. The columnar check (anti-joins and groupings in the
engine, the model's rules on the candidates) must give the problems of
``records.as_of(day).check(framework)``, equal and in the same order.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resultframe import (
    Level,
    Observation,
    Records,
    Subject,
    engines,
    strategies,
)
from resultframe.engines import _plan
from resultframe.errors import InvalidRecords, InvalidValue
from resultframe.serialization import read_parquet, write_parquet

if TYPE_CHECKING:
    from pathlib import Path

    from resultframe import ResultsFramework

pytest.importorskip("duckdb", reason="the duckdb extra is not installed")

_VALUES = st.one_of(
    st.integers(-3, 120),
    st.floats(-10, 150, allow_nan=False),
    st.booleans(),
    st.sampled_from(["goed", "slecht", "x"]),
)


@st.composite
def spoiled(draw: st.DrawFn) -> tuple[ResultsFramework, Records, dt.date]:
    fw = draw(strategies.frameworks(max_results=3))
    recs = draw(strategies.records(fw, max_subjects=6, max_observations=20))
    indicators = [i.id for r in fw.results for i in r.indicators]
    subjects = [s.id for s in recs.subjects]
    extra_subjects = draw(
        st.lists(
            st.builds(
                Subject,
                id=st.sampled_from(["s-x1", "s-x2"]),
                level=st.sampled_from(list(Level)),
            ),
            max_size=2,
            unique_by=lambda s: s.id,
        )
    )
    ids = st.sampled_from([*indicators, "unknown-1"]) if indicators else st.just("u")
    who = st.sampled_from([*subjects, "ghost-1", *(s.id for s in extra_subjects)])
    days = st.dates(dt.date(2024, 6, 1), dt.date(2026, 6, 1))
    extra = draw(
        st.lists(
            st.builds(Observation, indicator=ids, subject=who, on=days, value=_VALUES),
            max_size=12,
        )
    )
    # A second value on the day of an existing observation, now and then.
    twice = draw(st.booleans())
    if twice and len(recs.observations) > 0:
        o = draw(st.sampled_from(recs.observations))
        extra.append(
            Observation(indicator=o.indicator, subject=o.subject, on=o.on, value=1)
        )
    spoilt = Records(
        subjects=(*recs.subjects, *extra_subjects),
        observations=(*recs.observations, *extra),
        goals=recs.goals,
        assessments=recs.assessments,
        reviews=recs.reviews,
    )
    return fw, spoilt, draw(days)


@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(case=spoiled())
def test_the_columnar_check_finds_what_records_check_finds(
    case: tuple[ResultsFramework, Records, dt.date],
) -> None:
    fw, recs, day = case
    assert engines.check(fw, recs, day) == recs.as_of(day).check(fw)


def test_a_parquet_directory_is_checked_before_it_is_evaluated(
    tmp_path: Path,
) -> None:
    # The bundled example with one ZRM score of 7 (the scale is 1-5) and one
    # observation of a resident nobody recorded: both found, in the order of
    # Records.check, and evaluate refuses the directory.
    from resultframe import example  # noqa: PLC0415

    fw, recs = example.framework(), example.records()
    day = example.AS_OF
    zrm = next(o for o in recs.observations if o.indicator.startswith("zrm"))
    bad = recs.add(
        [
            Observation(indicator=zrm.indicator, subject=zrm.subject, on=day, value=7),
            Observation(indicator=zrm.indicator, subject="r-nobody", on=day, value=3),
        ]
    )
    write_parquet(bad, tmp_path / "facts")
    others = read_parquet(tmp_path / "facts", observations=False)
    found = engines.check(fw, tmp_path / "facts", day, facts=others)
    assert found == bad.as_of(day).check(fw)
    assert [p.code for p in found] == ["wrong_value", "unknown_id"]
    assert "got 7" in found[0].message
    with pytest.raises(InvalidRecords) as e:
        engines.evaluate(fw, tmp_path / "facts", day, facts=others)
    assert e.value.problems == found
    # A directory known to fit may skip the check of its observations.
    fine = tmp_path / "fine"
    write_parquet(recs, fine)
    assert engines.check(fw, fine, day, facts=others) == ()
    assert engines.evaluate(
        fw, fine, day, facts=others, check_facts=False
    ) == engines.evaluate(fw, fine, day, facts=others)


def test_check_refuses_what_it_cannot_check() -> None:
    from resultframe import example  # noqa: PLC0415

    fw = example.framework()
    with pytest.raises(InvalidValue, match="engine"):
        engines.check(fw, Records(), example.AS_OF, engine="python")
    with pytest.raises(InvalidValue, match="source"):
        engines.check(fw, "/nonexistent", example.AS_OF)


@settings(deadline=None, max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(case=spoiled())
def test_the_check_of_repeated_days_does_not_depend_on_its_hash(
    case: tuple[ResultsFramework, Records, dt.date],
) -> None:
    # The check finds repeated days among the (indicator, subject, day) whose
    # hashes repeat. A "hash" with two values (0 or 1, by indicator) collides
    # for nearly every row: nearly every one is a candidate, and the answer is
    # the same. The query calls {hash}(indicator, subject, day).
    fw, recs, day = case
    expected = recs.as_of(day).check(fw)
    two = "HASH(o.indicator) % 2 + 0 * HASH"
    with mock.patch.dict(_plan._HASH, {"duckdb": two}):
        assert engines.check(fw, recs, day) == expected
    # DuckDB sorts the hashes and compares neighbours; Spark groups them. The
    # grouping, run by DuckDB, finds the same.
    keys = _plan._CHECKS["duplicate_keys"]
    assert isinstance(keys, dict)
    with mock.patch.dict(keys, {"duckdb": keys["spark"]}):
        assert engines.check(fw, recs, day) == expected
        with mock.patch.dict(_plan._HASH, {"duckdb": two}):
            assert engines.check(fw, recs, day) == expected


def test_rows_no_observation_can_be_are_refused_by_name(tmp_path: Path) -> None:
    # A directory written by another program: a number left empty, a number
    # that is not finite, a day left empty and a subject left empty. Records
    # cannot hold such rows; the engine's check names each one (none is
    # dropped, none crashes the evaluation).
    from resultframe import example  # noqa: PLC0415

    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    fw, recs, day = example.framework(), example.records(), example.AS_OF
    write_parquet(recs, tmp_path / "facts")
    others = read_parquet(tmp_path / "facts", observations=False)
    zrm = next(o for o in recs.observations if o.indicator.startswith("zrm"))
    row = {
        "indicator": zrm.indicator,
        "subject": zrm.subject,
        "on": zrm.on,
        "kind": "int",
        "number": 3.0,
        "text": None,
        "note": "",
        "source": "",
    }
    rows = [
        {**row, "number": None},
        {**row, "kind": "float", "number": float("nan")},
        {**row, "on": None},
        {**row, "subject": None},
    ]
    where = tmp_path / "facts" / "observations"
    schema = pa.schema(
        [
            ("indicator", pa.string()),
            ("subject", pa.string()),
            ("on", pa.date32()),
            ("kind", pa.string()),
            ("number", pa.float64()),
            ("text", pa.string()),
            ("note", pa.string()),
            ("source", pa.string()),
        ]
    )
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), where / "bad.parquet")
    found = engines.check(fw, tmp_path / "facts", day, facts=others)
    # Each once, the rows first (by subject and day), then the day that now
    # has three values (the two numbers beside the records' own).
    assert [(p.about.split("/")[1], p.field, p.message) for p in found] == [
        ("?@2025-04-14", "subject", "expected a text, got null"),
        ("inw-00001@2025-04-14", "value", "expected a finite number, got nan"),
        ("inw-00001@2025-04-14", "value", "expected a number, got null"),
        ("inw-00001@?", "on", "expected a date, got null"),
        ("inw-00001@2025-04-14", "on", found[-1].message),
    ]
    assert [p.code for p in found] == ["invalid_value"] * 4 + ["duplicate_observation"]
    with pytest.raises(InvalidRecords) as e:
        engines.evaluate(fw, tmp_path / "facts", day, facts=others)
    assert e.value.problems == found
