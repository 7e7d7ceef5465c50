"""Reading observations in batches: the quick paths read what row-by-row reading reads.

The readers take a batch of lines at a time through a quick path (CSV lines split
in C, JSON lines parsed as one array) and fall back to reading row by row when a
batch is not plain. These tests force the row-by-row path and compare: the same
records, the same rows, the same rejected lines with the same messages and texts,
for files with bad lines mixed in. They also hold the readers to what they promise
the column store (``resultframe.model._columns.pack``): every row they keep passes
the checks of from_columns.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import example, given, reject
from hypothesis import strategies as st

import resultframe.strategies as rs
from resultframe import Records
from resultframe.errors import InvalidDocument, InvalidValue
from resultframe.model import _columns
from resultframe.model._columns import packing
from resultframe.model.records import columns_of, records_from
from resultframe.serialization import (
    _observations,
    _sources,
    read_csv,
    read_jsonl,
    write_csv,
    write_jsonl,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from resultframe.serialization import ReadResult

FRAMEWORKS = rs.frameworks(max_results=4, max_conditions=2, max_cycles=1)


def small_records(framework: Any) -> st.SearchStrategy[Records]:
    """Records of up to 30 observations and no other facts but subjects (quick)."""
    return rs.records(
        framework, max_observations=30, max_goals=0, max_assessments=0, max_reviews=0
    )


# Lines that break a JSON Lines file in the ways the batch parse must not miss.
JSON_JUNK = [
    "",
    "   ",
    "not json",
    "{",
    "}",
    "{}",
    "[]",
    "null",
    '{"value": 1}',
    "NaN",
    '{"indicator": "i", "subject": "s", "on": "2025-01-01", "value": NaN}',
    '{"indicator": "i", "subject": "s", "on": "2025-01-01", "value": Infinity}',
    '{"indicator": "i", "indicator": "j", "subject": "s", "on": "2025-01-01", "value": 1}',
    '{"indicator": "i", "subject": "s", "on": "2025-01-01", "value": 1, "x": 2}',
    '{"indicator": "i", "subject": "s", "on": "2025-01-01", "value": 1}, {"x": 1}',
    '{"indicator": "i", "subject": "s", "on": "2025-01-01", "value": 1} {"x": 1}',
    # An object split over two lines: each line alone is not JSON.
    '{"indicator": "i", "subject": "s"',
    '"on": "2025-01-01", "value": 1}',
    '{"indicator": "i", "subject": "s", "on": "2025-01-01", "value": [1]}',
    '{"indicator": "i", "subject": "s", "on": "2025-01-01", "value": {"a": 1}}',
    '{"indicator": "i", "subject": "s", "on": "2025-01-01", "value": null}',
    '{"indicator": 3, "subject": "s", "on": "2025-01-01", "value": 1}',
    '{"indicator": "i", "subject": "s", "on": "2025-01-01", "value": 1, "note": 5}',
    '{"indicator": "i", "subject": "s", "on": "2025-01-01", "value": 1, "note": "a \\" b"}',
    '{"indicator": "i", "subject": "s", "on": "2025-01-01", "value": 1, "note": "{x}"}',
    '{"indicator": "i", "subject": "s", "on": "2025-01-01", "value": "\\ud800"}',
    '{"indicator": "i", "subject": "s", "on": "2025-01-01", "value": 9007199254740993}',
    '{"indicator": "i", "subject": "s", "on": "2025-13-01", "value": 1e400}',
    '{"indicator": "i", "subject": "111222333", "on": "2025-01-01", "value": " "}',
    ' {"indicator": "i", "subject": "s", "on": "2025-01-01", "value": 2} ',
]
# Lines that break a CSV file of the six columns, quoted or not.
CSV_JUNK = [
    "",
    "a,b",
    'zrm,r-1,"2025-01-01,1,,',  # a quote left open: reads on to the next lines
    'zrm,r-1,2025-01-01,1,"a"x,',
    'zrm,r-1,2025-01-01,1,"two\nlines",',
    "zrm,r-1,2025-01-01,1,,,",
    "zrm fin,111222333,2025-13-01,,,",
    "zrm,r-1,2025-01-01,1e999,,",
    "zrm,r-1,2025-01-01, ,\ud800,",
    'zrm,r-1,2025-01-01,"1,5",,',
    "zrm,r-1,2025-01-01,goed,\x00,",
]


def outcome(read: Callable[[], ReadResult]) -> tuple[Any, ...]:
    """What a read gives: the result, or the errors it raised."""
    try:
        result = read()
    except InvalidDocument as e:
        return ("raised", e.errors)
    return ("read", result)


def row_by_row(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every batch take the row-by-row path."""
    monkeypatch.setattr(_sources, "_jsonl_batch", lambda *_: False)
    monkeypatch.setattr(_sources._CsvBatch, "split", lambda *_: False)
    monkeypatch.setattr(_sources._CsvBatch, "parse", lambda *_: False)


@st.composite
def jsonl_files(draw: st.DrawFn) -> str:
    """JSON Lines of valid observations with bad lines mixed in."""
    records = draw(small_records(draw(FRAMEWORKS)))
    out = io.StringIO()
    write_jsonl(records, out)
    lines = out.getvalue().split("\n")[:-1]  # not splitlines: texts may hold U+2028
    for _ in range(draw(st.integers(0, 6))):
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(JSON_JUNK)))
    return "\n".join(lines) + draw(st.sampled_from(["\n", ""]))


@st.composite
def csv_files(draw: st.DrawFn) -> str:
    """CSV of valid observations (as write_csv writes them) with bad lines mixed in."""
    framework = draw(FRAMEWORKS)
    records = draw(small_records(framework))
    out = io.StringIO()
    try:
        write_csv(records, out, framework=framework)
    except InvalidValue:
        # A text with U+0000, which CSV cannot hold (tested in test_serialization_facts).
        reject()
    lines = out.getvalue().split("\r\n")[:-1]  # a quoted line break splits too
    for _ in range(draw(st.integers(0, 6))):
        lines.insert(draw(st.integers(1, len(lines))), draw(st.sampled_from(CSV_JUNK)))
    end = draw(st.sampled_from(["\n", "\r\n"]))
    return end.join(lines) + end


# Two objects on one line, one object on two: as many objects as lines.
SPLIT_AND_JOINED = (
    '{"indicator": "i", "subject": "s", "on": "2025-01-01", "value": 1},'
    ' {"indicator": "j", "subject": "s", "on": "2025-01-01", "value": 2}\n'
    '{"indicator": "i", "subject": "t"\n'
    '"on": "2025-01-01", "value": 1}'
)
OPTIONS = st.fixed_dictionaries(
    {
        "on_error": st.sampled_from(["raise", "collect"]),
        "chunk_rows": st.sampled_from([1, 2, 3, 7, 65_536]),
        "max_reported": st.sampled_from([None, 2]),
    }
)


@given(jsonl_files(), OPTIONS)
@example(
    SPLIT_AND_JOINED,
    {"on_error": "collect", "chunk_rows": 65_536, "max_reported": None},
)
def test_batched_jsonl_reads_what_line_by_line_reading_reads(
    text: str, options: dict[str, Any]
) -> None:
    batched = outcome(lambda: read_jsonl(io.StringIO(text), **options))
    with pytest.MonkeyPatch.context() as monkeypatch:
        row_by_row(monkeypatch)
        alone = outcome(lambda: read_jsonl(io.StringIO(text), **options))
    assert batched == alone


@given(csv_files(), OPTIONS)
def test_batched_csv_reads_what_row_by_row_reading_reads(
    text: str, options: dict[str, Any]
) -> None:
    batched = outcome(lambda: read_csv(io.StringIO(text, newline=""), **options))
    with pytest.MonkeyPatch.context() as monkeypatch:
        row_by_row(monkeypatch)
        alone = outcome(lambda: read_csv(io.StringIO(text, newline=""), **options))
    assert batched == alone


def test_each_line_of_a_broken_batch_is_reported_alone() -> None:
    good = '{"indicator": "i", "subject": "s", "on": "2025-01-0%d", "value": 1}'
    text = "\n".join(
        [
            good % 1,
            good % 2 + ", " + good % 3,  # two objects on one line
            # One object on two lines: in an array, "," would join them.
            '{"indicator": "i", "subject": "t"',
            '"on": "2025-01-04", "value": 1}',
            good % 5,
        ]
    )
    result = read_jsonl(io.StringIO(text), on_error="collect")
    assert [row.line for row in result.rejected] == [2, 3, 4]
    # The first object on line 2 is 66 characters long: the rest starts at 67.
    assert result.rejected[0].errors == (
        "invalid JSON: Extra data (column 67) @ line 2",
    )
    assert [o.on.day for o in result.records] == [1, 5]


def test_a_repeated_key_is_found_in_a_batch_of_good_lines() -> None:
    good = '{"indicator": "i", "subject": "s", "on": "2025-01-%02d", "value": 1}'
    lines = [good % d for d in range(1, 29)]
    lines[9] = (
        '{"indicator": "i", "subject": "s", "subject": "t", "on": "2025-02-01", "value": 1}'
    )
    lines[20] = (
        '{"indicator": "i", "subject": "s", "on": "2025-03-01", "value": 1, "note": "a \\" b"}'
    )
    result = read_jsonl(io.StringIO("\n".join(lines)), on_error="collect")
    assert [(row.line, row.errors) for row in result.rejected] == [
        (10, ("key 'subject' occurs more than once in this object @ line 10, $",))
    ]
    assert len(result.records) == 27
    assert {o.note for o in result.records} == {"", 'a " b'}


@pytest.mark.parametrize(
    ("line", "error"),
    [
        (
            '{"indicator": 3, "subject": "s", "on": "2025-02-01", "value": 1}',
            "expected a string, got 3 @ line 5, $.indicator",
        ),
        (
            '{"indicator": "i", "subject": "s", "on": "2025-02-01", "value": 1, "note": 5}',
            "expected a string, got 5 @ line 5, $.note",
        ),
        (
            '{"indicator": "i", "subject": "s", "on": "2025-02-01", "value": null}',
            "expected a number, true, false or a text, got null @ line 5, $.value",
        ),
        (
            '{"indicator": "i", "subject": "s", "on": "2025-02-01", "value": 1, "x": 1}',
            (
                "unknown key (expected: indicator, subject, on, value, note, source) "
                "@ line 5, $.x"
            ),
        ),
        (
            '{"indicator": "i", "subject": "s", "on": "2025-02-01"}',
            "required key missing @ line 5, $.value",
        ),
    ],
)
def test_a_bad_line_in_a_batch_of_good_lines_is_reported_alone(
    line: str, error: str
) -> None:
    good = '{"indicator": "i", "subject": "s", "on": "2025-01-%02d", "value": 1}'
    lines = [good % d for d in range(1, 29)]
    lines[4] = line
    result = read_jsonl(io.StringIO("\n".join(lines)), on_error="collect")
    assert [row.errors for row in result.rejected] == [(error,)]
    assert len(result.records) == 27


# -- what the readers hand to the column store ----------------------------------------


def decoded(coded: _columns.Coded) -> Iterator[tuple[Any, ...]]:
    """The rows of coded columns as (indicator, subject, day, value, note, source)."""
    for i in range(len(coded.indicator)):
        yield (
            coded.indicators[coded.indicator[i]],
            coded.subjects[coded.subject[i]],
            dt.date.fromordinal(coded.day[i]),
            _columns.value_of(coded.kinds[i], coded.numbers[i], coded.strings),
            coded.strings[coded.notes[i]],
            coded.strings[coded.sources[i]],
        )


@given(st.one_of(jsonl_files(), csv_files()), OPTIONS)
def test_every_row_the_readers_keep_passes_the_checks_of_from_columns(
    text: str, options: dict[str, Any]
) -> None:
    packed: list[_columns.Coded] = []
    original = _columns.pack

    def checked_pack(coded: _columns.Coded) -> _columns.Columns:
        rows = list(decoded(coded))
        columns = [list(column) for column in zip(*rows, strict=True)] or [[]] * 6
        _columns.check_columns(*columns)  # raises if any item is bad
        if coded.all_used:
            assert set(coded.indicator) == set(range(len(coded.indicators)))
            assert set(coded.subject) == set(range(len(coded.subjects)))
        built = original(coded)
        # What from_columns builds from the same rows, once they pass its checks.
        expected = original(_columns.encode(*columns))
        assert records_from(built) == records_from(expected)
        assert (built.indicators, built.subjects) == (
            expected.indicators,
            expected.subjects,
        )
        packed.append(coded)
        return built

    read = read_csv if text.startswith("indicator,") else read_jsonl
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(_observations, "pack", checked_pack)
        result = outcome(lambda: read(io.StringIO(text, newline=""), **options))
    assert len(packed) == (result[0] == "read")


@given(st.data())
def test_sorting_by_integer_keys_packs_the_same_columns_as_by_float_keys(
    data: st.DataObject,
) -> None:
    records = data.draw(small_records(data.draw(FRAMEWORKS)))
    observations = records.observations
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(packing, "EXACT_FLOAT", 0)
        by_int = Records(observations=observations)
    by_float = Records(observations=observations)
    assert columns_of(by_int) == columns_of(by_float)


# -- batches and chunks -------------------------------------------------------------


@pytest.mark.parametrize("blank_every", [0, 7])
def test_progress_comes_after_each_chunk_however_the_batches_fall(
    blank_every: int,
) -> None:
    lines = []
    for n in range(2_600):
        lines.append(f"i,s,2025-01-01,{n},,")
        if blank_every and n % blank_every == 0:
            lines.append("")  # blank lines are skipped, not rows
    text = "indicator,subject,on,value,note,source\n" + "\n".join(lines) + "\n"
    seen: list[int] = []
    result = read_csv(io.StringIO(text), progress=seen.append, chunk_rows=1_100)
    # 2,600 rows in chunks of 1,100: after 1,100, 2,200 and the last 400.
    assert seen == [1_100, 2_200, 2_600]
    assert result.rows == 2_600
    seen.clear()
    jsonl = "\n".join(
        json.dumps({"indicator": "i", "subject": "s", "on": "2025-01-01", "value": n})
        if line
        else ""
        for n, line in enumerate(lines)
    )
    read_jsonl(io.StringIO(jsonl), progress=seen.append, chunk_rows=1_100)
    assert seen == [1_100, 2_200, 2_600]


def test_rows_the_csv_parser_refuses_count_in_their_chunk() -> None:
    # Lines 3 and 5 leave a quote open in the middle of a cell: refused rows.
    text = "indicator,subject,on,value\n" + "\n".join(
        ["i,s,2025-01-01,1", 'i,s,"2"x,1', "i,s,2025-01-02,1", 'i,s,"2"x,1'] * 3
    )
    seen: list[int] = []
    result = read_csv(
        io.StringIO(text), progress=seen.append, chunk_rows=5, on_error="collect"
    )
    # 12 rows, of which 6 refused, in chunks of 5.
    assert seen == [5, 10, 12]
    assert [row.line for row in result.rejected] == [3, 5, 7, 9, 11, 13]


def test_batch_sizes_end_every_chunk() -> None:
    sizes = _sources.batch_sizes(2_500, 1_024)
    # A chunk of 2,500 rows is 1,024 + 1,024 + 452.
    assert [next(sizes) for _ in range(6)] == [1_024, 1_024, 452] * 2
