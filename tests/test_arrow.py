"""Records as Arrow tables and Parquet directories; sorting with numpy (arrow extra)."""

from __future__ import annotations

import datetime as dt
import math
import pathlib
import sys
import tempfile
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import resultframe.strategies as rs
from resultframe import Level, Observation, Records, Subject
from resultframe.errors import InvalidRecords, MissingExtra
from resultframe.model._columns import TEXT, packing
from resultframe.model.records import columns_of

pa = pytest.importorskip("pyarrow")
serialization = pytest.importorskip("resultframe.serialization")

_framework_and_records = rs.frameworks().flatmap(
    lambda f: rs.records(f, max_subjects=10, max_observations=40)
)
_observations = st.lists(rs.observations(), max_size=40)


def _pure(build: Any) -> Any:
    packing.WHOLE_COLUMN_SORT = False
    try:
        return build()
    finally:
        packing.WHOLE_COLUMN_SORT = True


def _same_columns(a: Records, b: Records) -> None:
    ca, cb = columns_of(a), columns_of(b)
    assert (ca.indicators, ca.subjects, ca.strings) == (
        cb.indicators,
        cb.subjects,
        cb.strings,
    )
    assert ca.keys == cb.keys
    # Compared bit for bit: -0.0 and 0.0 are different values of a row.
    assert ca.values.tobytes() == cb.values.tobytes()
    assert (ca.kinds, ca.notes, ca.sources) == (cb.kinds, cb.notes, cb.sources)


def _same_rows(a: Records, b: Records) -> None:
    """The same rows in the same order, numbers bit for bit (codes may differ)."""
    ca, cb = columns_of(a), columns_of(b)
    assert ca.keys == cb.keys
    assert ca.canonical() == cb.canonical()
    numbers = [
        [ca.values[r] if ca.kinds[r] != TEXT else 0.0 for r in range(len(ca))],
        [cb.values[r] if cb.kinds[r] != TEXT else 0.0 for r in range(len(cb))],
    ]
    assert [x.hex() for x in numbers[0]] == [x.hex() for x in numbers[1]]


# -- differential: numpy sort == pure sort ------------------------------------------


@given(_observations)
def test_numpy_sort_builds_the_columns_of_the_pure_sort(obs: list[Observation]) -> None:
    fast = Records(observations=obs)
    _same_columns(fast, _pure(lambda: Records(observations=obs)))


@given(_observations, st.randoms(use_true_random=False))
def test_numpy_sort_does_not_depend_on_the_order_of_the_rows(
    obs: list[Observation],
    random: Any,
) -> None:
    shuffled = list(obs)
    random.shuffle(shuffled)
    # Texts are coded in the order they come, so the rows are compared, not codes.
    fast = Records(observations=shuffled)
    pure = _pure(lambda: Records(observations=obs))
    _same_rows(fast, pure)


def test_sort_past_two_to_the_31_pairs() -> None:
    # 50_000 indicators x 50_000 subjects = 2.5e9 pairs > 2**31 (2.15e9): a
    # 32-bit pair number would overflow; the keys are 64-bit.
    n = 50_000
    day = dt.date(2025, 1, 1)
    columns: dict[str, Any] = {
        "indicator": [f"i{k}" for k in range(n)],
        "subject": [f"s{(k * 7919) % n}" for k in range(n)],
        "on": [day] * n,
        "value": list(range(n)),
    }
    fast = Records.from_columns(**columns)
    assert len(columns_of(fast).indicators) * len(columns_of(fast).subjects) > 2**31
    _same_columns(fast, _pure(lambda: Records.from_columns(**columns)))
    assert fast.latest("i3", f"s{(3 * 7919) % n}", day).value == 3  # type: ignore[union-attr]


# -- differential: Arrow and Parquet round trips ---------------------------------------


@given(_framework_and_records)
def test_from_arrow_of_to_arrow_is_the_records(records: Records) -> None:
    assert Records.from_arrow(**records.to_arrow(), reviews=records.reviews) == records


@given(_observations)
def test_from_arrow_keeps_every_value(obs: list[Observation]) -> None:
    records = Records(observations=obs)
    back = Records.from_arrow(**records.to_arrow())
    assert back == records
    _same_rows(back, records)


@settings(max_examples=25)
@given(_framework_and_records, st.sampled_from([(), ("year",), ("gemeente", "year")]))
def test_read_parquet_of_write_parquet_is_the_records(
    records: Records, partition_by: tuple[str, ...]
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        serialization.write_parquet(records, directory, partition_by=partition_by)
        assert serialization.read_parquet(directory) == records


def test_parquet_partitions_by_municipality_and_year(tmp_path: Any) -> None:
    subjects = [
        Subject(id="g0363", level=Level.MACRO, dimensions=frozenset()),
        Subject(
            id="r-1",
            level=Level.MICRO,
            dimensions=frozenset({("gemeente", "0363")}),
        ),
        Subject(
            id="r-2",
            level=Level.MICRO,
            dimensions=frozenset({("gemeente", "0518")}),
        ),
    ]
    records = Records(
        subjects=subjects,
        observations=[
            Observation(indicator="x", subject="r-1", on=dt.date(2024, 5, 1), value=1),
            Observation(indicator="x", subject="r-1", on=dt.date(2025, 5, 1), value=2),
            Observation(indicator="x", subject="r-2", on=dt.date(2025, 6, 1), value=3),
        ],
    )
    root = serialization.write_parquet(
        records, tmp_path / "facts", partition_by=["gemeente", "year"]
    )
    parts = sorted(
        str(p.parent.relative_to(root / "observations"))
        for p in (root / "observations").rglob("*.parquet")
    )
    assert parts == [
        "gemeente=0363/year=2024",
        "gemeente=0363/year=2025",
        "gemeente=0518/year=2025",
    ]
    assert serialization.read_parquet(root) == records


# -- checks on loading ----------------------------------------------------------------


def _bad_columns() -> dict[str, list[Any]]:
    day = dt.date(2025, 1, 1)
    return {
        "indicator": ["ok", "Bad Id", "ok", "ok", "ok", "ok"],
        "subject": ["r-1", "r-1", "r-2", "r-3", "r-4", "r-5"],
        "on": [day] * 6,
        "value": [1, 2, math.nan, math.inf, "  ", 2.5],
        "note": [""] * 6,
    }


def _table(columns: dict[str, list[Any]]) -> Any:
    values = columns["value"]
    kinds = [
        {bool: "bool", int: "int", float: "float", str: "text"}[type(v)] for v in values
    ]
    return pa.table(
        {
            "indicator": columns["indicator"],
            "subject": columns["subject"],
            "on": pa.array(columns["on"], pa.date32()),
            "kind": kinds,
            "number": [None if isinstance(v, str) else float(v) for v in values],
            "text": [v if isinstance(v, str) else None for v in values],
            "note": columns["note"],
            "source": [""] * len(values),
        }
    )


def test_from_arrow_reports_the_problems_from_columns_reports() -> None:
    columns: dict[str, Any] = dict(_bad_columns())
    with pytest.raises(InvalidRecords) as reference:
        Records.from_columns(**columns)
    with pytest.raises(InvalidRecords) as loaded:
        Records.from_arrow(observations=_table(columns))
    assert [str(p) for p in loaded.value.problems] == [
        str(p) for p in reference.value.problems
    ]
    # Four of the six rows are bad: the id, NaN, infinity and the blank text.
    assert len(loaded.value.problems) == 4


def test_from_arrow_names_every_null_cell_that_holds_a_fact() -> None:
    day = dt.date(2025, 1, 1)
    n = 8
    # Subjects as a dictionary with a null among its texts (row 1 points at
    # it); texts as a dictionary whose indices are null where a row has a
    # number: a null there is no problem, a null text of a text row is.
    subject = pa.DictionaryArray.from_arrays(
        pa.array([0, 1, 0, 0, 0, 0, 0, 0], pa.int32()), pa.array(["r-1", None])
    )
    text = pa.DictionaryArray.from_arrays(
        pa.array([None, None, None, None, None, 0, None, None], pa.int32()),
        pa.array(["goed"]),
    )
    table = pa.table(
        {
            "indicator": [None, "x", "x", "x", "x", "x", "x", "x"],
            "subject": subject,
            "on": pa.array([day] * n, pa.date32()),
            "kind": ["int", "int", "text", "float", "float", "text", "int", "int"],
            "number": [1.0, 1.0, None, None, 1.0, None, 1.0, 1.0],
            "text": text,
            "note": ["", "", "", "", "", "", None, ""],
            "source": ["", "", "", "", "", "", "", None],
        }
    )
    with pytest.raises(InvalidRecords) as caught:
        Records.from_arrow(observations=table)
    assert [str(p) for p in caught.value.problems] == [
        "row 0.indicator: expected a text, got null",
        "row 1.subject: expected a text, got null",
        "row 2.value: expected a text, got null",
        "row 3.value: expected a number, got null",
        "row 6.note: expected a text, got null",
        "row 7.source: expected a text, got null",
    ]
    # Without the bad rows, the nulls of the other rows are no facts: row 4 has
    # the number 1.0 and row 5 the text "goed".
    good = table.take([4, 5])
    (four, five) = Records.from_arrow(observations=good).observations
    assert (four.value, five.value) == (1.0, "goed")
    # A directory written by another program is checked as the table is: the
    # same problems, rows counted over the observations as read. (Parquet has
    # no null inside a dictionary: the subjects are plain texts there.)
    with tempfile.TemporaryDirectory() as tmp:
        where = pathlib.Path(tmp) / "observations"
        where.mkdir()
        pq = pytest.importorskip("pyarrow.parquet")
        plain = table.set_column(1, "subject", subject.cast(pa.string()))
        pq.write_table(plain, where / "part-0.parquet")
        with pytest.raises(InvalidRecords) as read:
            serialization.read_parquet(tmp)
        assert read.value.problems == caught.value.problems
        pq.write_table(plain.take([4, 5]), where / "part-0.parquet")
        assert serialization.read_parquet(tmp).observations == (four, five)


def test_a_dictionary_that_holds_a_text_twice_gives_one_id() -> None:
    # Arrow allows a dictionary with a text twice; rows that point at either
    # place are the same subject (and indicator), found together.
    first, second = dt.date(2025, 1, 1), dt.date(2025, 2, 1)
    twice = pa.array(["r-1", "r-1", "r-2"])
    table = pa.table(
        {
            "indicator": pa.DictionaryArray.from_arrays(
                pa.array([1, 0, 0], pa.int8()), pa.array(["x", "x"])
            ),
            "subject": pa.DictionaryArray.from_arrays(
                pa.array([0, 1, 2], pa.int32()), twice
            ),
            "on": pa.array([first, second, first], pa.date32()),
            "kind": ["int", "int", "int"],
            "number": [1.0, 2.0, 3.0],
        }
    )
    records = Records.from_arrow(observations=table)
    assert records.series("x", "r-1") == ((first, 1), (second, 2))
    assert records.latest("x", "r-1", second) == Observation(
        indicator="x", subject="r-1", on=second, value=2
    )
    _same_columns(records, Records(observations=records.observations))


def test_from_arrow_refuses_bsn_like_subjects_without_showing_them() -> None:
    table = _table(
        {
            "indicator": ["x", "x"],
            "subject": ["r-1", "111222333"],
            "on": [dt.date(2025, 1, 1)] * 2,
            "value": [1, 2],
            "note": ["", ""],
        }
    )
    with pytest.raises(InvalidRecords) as caught:
        Records.from_arrow(observations=table)
    (problem,) = caught.value.problems
    assert problem.about == "row 1"
    assert "BSN" in problem.message
    assert "111222333" not in str(caught.value)
    assert len(Records.from_arrow(observations=table, allow_bsn_like_ids=True)) == 2


def test_from_arrow_refuses_a_whole_number_that_is_not_whole() -> None:
    table = _table(
        {
            "indicator": ["x"],
            "subject": ["r-1"],
            "on": [dt.date(2025, 1, 1)],
            "value": [2],
            "note": [""],
        }
    )
    table = table.set_column(4, "number", pa.array([2.5]))
    with pytest.raises(InvalidRecords, match=r"row 0\.value: expected a whole number"):
        Records.from_arrow(observations=table)


def test_arrow_needs_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingExtra, match=r"resultframe\[arrow\]"):
        Records().to_arrow()


def test_arrow_names_numpy_when_numpy_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # pyarrow (since 16) does not bring numpy; the extra does, and without it
    # the message names numpy, not pyarrow, which is there.
    monkeypatch.setitem(sys.modules, "numpy", None)
    with pytest.raises(MissingExtra, match=r"module 'numpy'.*resultframe\[arrow\]"):
        Records().to_arrow()
