"""read_csv through pyarrow reads exactly what the row reader reads.

With pyarrow installed, :func:`read_csv` reads a CSV file of observations with
pyarrow's parser and checks each distinct cell with the row reader's checker
(``resultframe.serialization._arrow_read``); on anything it cannot read exactly as
the row reader does it gives up and the row reader reads the file. These tests
hold the two to the same outcome (records, rows, rejected rows and their
messages, the line of every kept row) over generated files in the shapes real
exports have: both delimiters and decimal separators, UTF-8 with and without a
byte order mark, Windows-1252, ``\\n`` and ``\\r\\n``, bad lines mixed in. They
also check that the quick path does read the plain files, so that the
comparison is not between the row reader and itself.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, reject
from hypothesis import strategies as st

import resultframe.strategies as rs
from resultframe import Records
from resultframe.errors import InvalidDocument, InvalidValue
from resultframe.model import Observation
from resultframe.serialization import (
    _arrow_read,
    read_csv,
    read_jsonl,
    write_csv,
    write_jsonl,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from resultframe.serialization import ReadResult

    Reader = Callable[..., ReadResult]

pytest.importorskip("pyarrow")

FRAMEWORKS = rs.frameworks(max_results=4, max_conditions=2, max_cycles=1)

# Lines that the quick path must hand to the row reader (or refuse as it does).
JUNK = [
    "",  # a blank line: skipped by the row reader, so later lines shift
    "\r",  # a lone carriage return ends a line for the csv module
    "a{d}b",
    'zrm{d}r-1{d}"2025-01-01{d}1{d}{d}',
    "zrm{d}r-1{d}2025-01-01{d}1{d}{d}{d}",
    "zrm fin{d}111222333{d}2025-13-01{d}{d}{d}",
    "zrm{d}r-1{d}2025-01-01{d}1e999{d}{d}",
    "zrm{d}r-1{d}2025-01-01{d} {d}{d}",
    "zrm{d}r-1{d}2025-01-01{d}goed{d}\x00{d}",
    "zrm{d}r-1{d}31-12-2025{d}1{d}{d}",
    "zrm{d}r-1{d}2025-01-01{d}1{d}" + "x" * 140_000 + "{d}",
]


@st.composite
def spoiled_bytes(draw: st.DrawFn, data: bytes, encoding: str) -> bytes:
    """*data*, or *data* with a byte not valid in *encoding* put into a line."""
    if draw(st.integers(0, 4)) != 0 or b"\n" not in data:
        return data
    # 0xE9 is é in Windows-1252 but no UTF-8; 0x81 is no Windows-1252 at all.
    byte = b"\x81" if encoding == "cp1252" else b"\xe9"
    # Into a text: after a quote (JSON), or into a line's last cell (CSV).
    places = [i + 1 for i, b in enumerate(data) if b == ord('"')] or [
        i for i, b in enumerate(data) if b == ord("\n")
    ]
    at = draw(st.sampled_from(places))
    return data[:at] + byte + data[at:]


def outcome(read: Callable[[], ReadResult]) -> tuple[Any, ...]:
    """What a read gives: the result and its lines, or the errors it raised."""
    try:
        result = read()
    except InvalidDocument as e:
        return ("raised", e.errors)
    lines = result.lines
    assert lines is not None
    where = [
        (
            o.indicator,
            o.subject,
            o.on,
            lines.observation_lines(o.indicator, o.subject, o.on),
        )
        for o in result.records.observations
    ]
    return ("read", result, where)


@st.composite
def exports(draw: st.DrawFn) -> tuple[bytes, dict[str, Any], bool]:
    """A CSV export of observations as bytes, the options to read it, and whether it is plain."""
    framework = draw(FRAMEWORKS)
    records = draw(
        rs.records(
            framework,
            max_observations=30,
            max_goals=0,
            max_assessments=0,
            max_reviews=0,
        )
    )
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    decimal = draw(st.sampled_from([None, ".", ","]))
    if decimal == delimiter:
        decimal = "."
    out = io.StringIO()
    try:
        write_csv(
            records, out, framework=framework, delimiter=delimiter, decimal=decimal
        )
    except InvalidValue:
        reject()  # a text CSV cannot hold (tested in test_serialization_facts)
    lines = out.getvalue().split("\r\n")[:-1]
    junk = draw(st.integers(0, 3))
    for _ in range(junk):
        line = draw(st.sampled_from(JUNK)).format(d=delimiter)
        lines.insert(draw(st.integers(1, len(lines))), line)
    end = draw(st.sampled_from(["\n", "\r\n"]))
    text = end.join(lines) + draw(st.sampled_from([end, ""]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")  # read as cp1252 below: bytes it may refuse
    data = draw(spoiled_bytes(data, encoding))
    options = {
        "framework": draw(st.sampled_from([None, framework])),
        "delimiter": delimiter,
        "decimal": decimal,
        "encoding": "cp1252" if encoding == "cp1252" else "utf-8",
        "on_error": draw(st.sampled_from(["raise", "collect"])),
        "chunk_rows": draw(st.sampled_from([1, 7, 65_536])),
    }
    if options["framework"] is None:
        # Without the framework a text value may read back as a number.
        options["on_error"] = "collect"
    plain = junk == 0 and b'"' not in data and encoding != "cp1252"
    return data, options, plain


# The quick path's block sizes: as shipped, and small enough that a generated
# file spans many blocks (boundaries between lines, a blank line at a block's start).
BLOCKS = st.sampled_from([(_arrow_read.FIRST_BYTES, _arrow_read.BLOCK_BYTES), (48, 64)])


def assert_same_as_row_reader(
    read: Reader, data: bytes, options: dict[str, Any], blocks: tuple[int, int]
) -> None:
    """*read* gives what its row reader gives, and calls progress with the same rows."""
    seen: list[int] = []
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(_arrow_read, "FIRST_BYTES", blocks[0])
        monkeypatch.setattr(_arrow_read, "BLOCK_BYTES", blocks[1])
        quick = outcome(lambda: read(io.BytesIO(data), progress=seen.append, **options))
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(_arrow_read, "_modules", lambda: None)
        rows_seen: list[int] = []
        alone = outcome(
            lambda: read(io.BytesIO(data), progress=rows_seen.append, **options)
        )
    assert quick == alone
    if quick[0] == "read":
        assert seen[-len(rows_seen) :] == rows_seen


def read_quickly(
    read: Reader, data: bytes, options: dict[str, Any]
) -> tuple[ReadResult | None, bool]:
    """What *read* gives (None if it raised), and whether the quick path read it."""
    taken: list[bool] = []
    original = _arrow_read.read

    def spy(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        taken.append(result is not None)
        return result

    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(_arrow_read, "read", spy)
        try:
            result: ReadResult | None = read(io.BytesIO(data), **options)
        except InvalidDocument:
            result = None
    if taken == [True]:  # the quick path never rejects a row
        assert result is not None
        assert not result.rejected
    return result, taken == [True]


@given(exports(), BLOCKS)
def test_read_csv_through_pyarrow_reads_what_the_row_reader_reads(
    export: tuple[bytes, dict[str, Any], bool], blocks: tuple[int, int]
) -> None:
    data, options, _ = export
    assert_same_as_row_reader(read_csv, data, options, blocks)


@given(exports())
def test_the_quick_path_reads_plain_exports(
    export: tuple[bytes, dict[str, Any], bool],
) -> None:
    data, options, plain = export
    result, taken = read_quickly(read_csv, data, options)
    if plain and result is not None and not result.rejected:
        assert taken


def test_a_dutch_export_is_read_by_the_quick_path_with_its_lines(tmp_path: Any) -> None:
    # What Excel saves as "CSV (puntkomma)": Windows-1252, ";" and decimal commas,
    # days as d-m-yyyy, CRLF line ends.
    text = (
        "indicator;subject;on;value;note\r\n"
        "zrm-fin;r-001;1-3-2025;2,5;schuld geregeld\r\n"
        "zrm-fin;r-002;15-03-2025;3;\xe9\xe9n gesprek\r\n"
    )
    path = tmp_path / "export.csv"
    path.write_bytes(text.encode("cp1252"))
    result = _arrow_read.read(
        str(path),
        delimiter=";",
        encoding="cp1252",
        checker=_checker(decimal=",", date_format="d-m-yyyy"),
        chunk_rows=1,
        progress=None,
    )
    assert result is not None  # read by pyarrow, not left to the row reader
    read = read_csv(path, delimiter=";", encoding="cp1252", date_format="d-m-yyyy")
    assert read.records == result.records
    assert read.records.observations == (
        Observation(
            indicator="zrm-fin",
            subject="r-001",
            on=dt.date(2025, 3, 1),
            value=2.5,
            note="schuld geregeld",
        ),
        Observation(
            indicator="zrm-fin",
            subject="r-002",
            on=dt.date(2025, 3, 15),
            value=3,
            note="\xe9\xe9n gesprek",
        ),
    )
    lines = read.lines
    assert lines is not None
    # The header is line 1, so the rows are on lines 2 and 3.
    assert lines.observation_lines("zrm-fin", "r-002") == [3]


def test_a_bad_cell_is_reported_by_the_row_reader_with_its_line() -> None:
    rows = [f"zrm-fin,r-{n:03},2025-03-01,{n % 5}" for n in range(2_000)]
    rows[1_500] = "zrm-fin,r-1500,2025-02-30,1"  # no such day
    data = ("indicator,subject,on,value\n" + "\n".join(rows) + "\n").encode()
    with pytest.raises(InvalidDocument) as raised:
        read_csv(io.BytesIO(data))
    # Row 1,500 is line 1,502: the header is line 1, row 0 is line 2.
    expected = "expected a calendar date as 'YYYY-MM-DD', got '2025-02-30'"
    assert list(raised.value.errors) == [f"{expected} @ line 1502, column 'on'"]


def test_a_file_object_is_left_where_the_row_reader_can_read_it() -> None:
    data = b'indicator,subject,on,value,note\nzrm-fin,r-001,2025-03-01,2,"a, b"\n'
    source = io.BytesIO(b"preamble" + data)
    source.seek(len(b"preamble"))
    # A quoted cell: the quick path gives up and puts the file back where it was.
    assert (
        _arrow_read.read(
            source,
            delimiter=",",
            encoding="utf-8",
            checker=_checker(),
            chunk_rows=10,
            progress=None,
        )
        is None
    )
    assert source.tell() == len(b"preamble")
    assert read_csv(source).records.observations[0].note == "a, b"


def _checker(**cell_format: str) -> Any:
    from resultframe.serialization import _cells, _observations  # noqa: PLC0415

    return _observations.ObservationChecker(
        framework=None,
        allow_bsn_like_ids=False,
        cell_format=_cells.CellFormat(**cell_format),
    )


def test_records_read_quickly_equal_records_built_from_facts() -> None:
    data = b"indicator,subject,on,value\ni,s,2025-01-01,1\ni,s,2025-01-01,1.0\n"
    read = read_csv(io.BytesIO(data))
    assert read.records == Records(
        observations=[
            Observation(indicator="i", subject="s", on=dt.date(2025, 1, 1), value=1),
            Observation(indicator="i", subject="s", on=dt.date(2025, 1, 1), value=1.0),
        ]
    )


# -- JSON Lines -------------------------------------------------------------------

_LINE = '{{"indicator": "zrm", "subject": "r-1", "on": "2025-01-01", "value": {}{}}}'
# Lines the quick path must hand to the row reader (or read as it does).
JSON_LINES = [
    "",
    "\r",
    "   ",
    _LINE.format(1, ', "note": null'),
    '{"indicator": "zrm", "indicator": "x", "subject": "r-1", "on": "2025-01-01", "value": 1}',
    _LINE.format(1, ', "note": "a \\" b"'),
    _LINE.format(1, ', "note": "{x}"'),
    _LINE.format(1, ', "x": 2'),
    _LINE.format(1, ', "note": 5'),
    _LINE.format("2.0", ""),
    _LINE.format("1e2", ""),
    _LINE.format("NaN", ""),
    _LINE.format("null", ""),
    _LINE.format("[1]", ""),
    _LINE.format('"\\ud800"', ""),
    _LINE.format('"\\u00e9t\\u00e9"', ""),
    _LINE.format("9007199254740993", ""),
    _LINE.format("true", ""),
    _LINE.format('"goed"', ""),
    _LINE.format('" "', ""),
    # Numbers whose parsing must agree with Python's to the last bit.
    _LINE.format("0.1", ""),
    _LINE.format("2.5000000000000004", ""),
    _LINE.format("1.7976931348623157e308", ""),
    _LINE.format("5e-324", ""),
    _LINE.format("-0.30000000000000004", ""),
    _LINE.format("123456.789e-3", ""),
    _LINE.format(1, "") + " " + _LINE.format(2, ""),
    '{"indicator": "zrm", "subject": "r-1",',
    '"on": "2025-01-01", "value": 1}',
    '{"indicator": "zrm", "subject": "111222333", "on": "2025-01-01", "value": 1}',
    '{"indicator": "zrm", "subject": "r-1", "on": "2025-02-30", "value": 1}',
    '{"subject": "r-1", "on": "2025-01-01", "value": 1}',
]


@st.composite
def jsonl_exports(draw: st.DrawFn) -> tuple[bytes, dict[str, Any], bool]:
    """A JSON Lines export of observations as bytes, its read options, and whether it is plain."""
    framework = draw(FRAMEWORKS)
    records = draw(
        rs.records(
            framework,
            max_observations=30,
            max_goals=0,
            max_assessments=0,
            max_reviews=0,
        )
    )
    out = io.StringIO()
    write_jsonl(records, out)
    lines = out.getvalue().split("\n")[:-1]  # not splitlines: texts may hold U+2028
    junk = draw(st.lists(st.sampled_from(JSON_LINES), max_size=3))
    for line in junk:
        lines.insert(draw(st.integers(0, len(lines))), line)
    end = draw(st.sampled_from(["\n", "\r\n"]))
    text = end.join(lines) + draw(st.sampled_from([end, ""]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    data = draw(spoiled_bytes(data, encoding))
    max_line_bytes = draw(st.sampled_from([1024 * 1024, 80]))
    options = {
        "framework": draw(st.sampled_from([None, framework])),
        "encoding": "cp1252" if encoding == "cp1252" else "utf-8",
        "on_error": draw(st.sampled_from(["raise", "collect"])),
        "chunk_rows": draw(st.sampled_from([1, 7, 65_536])),
        "max_line_bytes": max_line_bytes,
    }
    plain = (
        not junk
        and encoding != "cp1252"
        and max_line_bytes > len(data)
        and b"\\" not in data
        and data.count(b"{") == data.count(b"\n") + (not data.endswith(b"\n"))
    )
    return data, options, plain


@given(jsonl_exports(), BLOCKS)
def test_read_jsonl_through_pyarrow_reads_what_the_row_reader_reads(
    export: tuple[bytes, dict[str, Any], bool], blocks: tuple[int, int]
) -> None:
    data, options, _ = export
    assert_same_as_row_reader(read_jsonl, data, options, blocks)


@given(jsonl_exports())
def test_the_quick_path_reads_plain_json_lines(
    export: tuple[bytes, dict[str, Any], bool],
) -> None:
    data, options, plain = export
    result, taken = read_quickly(read_jsonl, data, options)
    kinds = {
        "whole float"
        if isinstance(o.value, float) and o.value.is_integer()
        else type(o.value)
        for o in (result.records.observations if result is not None else ())
    }
    if (
        plain
        and result is not None
        and not result.rejected
        and len(kinds) <= 1
        and "whole float" not in kinds
    ):
        # Values of one JSON type: pyarrow's parser refuses a column of numbers
        # and texts, and makes 2 and 2.0 the same double (see the module).
        assert taken


# -- what an attack on the quick path found ---------------------------------------

_OBJECT = b'{"indicator":"i1","subject":"s%d","on":"2025-01-01","value":%d}'


@pytest.mark.parametrize(
    ("read", "data"),
    [
        # A byte order mark where a block starts (the first data line): pyarrow
        # skips it, the row reader keeps it in the cell.
        (read_csv, b"indicator,subject,on,value\n\xef\xbb\xbfi1,s1,2025-01-01,1\n"),
        (
            read_csv,
            b"note,indicator,subject,on,value\n\xef\xbb\xbfa,i1,s1,2025-01-01,1\n",
        ),
        (read_jsonl, b"\xef\xbb\xbf\xef\xbb\xbf" + _OBJECT % (1, 1) + b"\n"),
        # Two objects on one line and a line of spaces: as many braces as lines.
        (read_jsonl, _OBJECT % (1, 1) + _OBJECT % (2, 2) + b"\n \n"),
        (read_jsonl, b"\t\n" + _OBJECT % (1, 1) + b" " + _OBJECT % (2, 2) + b"\n"),
        # pyarrow's JSON parser crashed the process on a line starting with null.
        (read_jsonl, b"null{}\n"),
        (read_jsonl, b" null{}\n" + _OBJECT % (1, 1) + b"\n"),
    ],
)
@pytest.mark.parametrize(
    "blocks", [(_arrow_read.FIRST_BYTES, _arrow_read.BLOCK_BYTES), (48, 64)]
)
def test_inputs_an_attack_found_read_as_the_row_reader_reads_them(
    read: Reader, data: bytes, blocks: tuple[int, int]
) -> None:
    assert_same_as_row_reader(read, data, {"on_error": "collect"}, blocks)
    assert_same_as_row_reader(read, data, {"on_error": "raise"}, blocks)


class _ShortReads(io.RawIOBase):
    """A raw file that reads at most 26 bytes at a time, as raw files may."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._data.seek(offset, whence)

    def tell(self) -> int:
        return self._data.tell()

    def readinto(self, buffer: Any) -> int:
        chunk = self._data.read(min(len(buffer), 26))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def test_a_raw_file_that_reads_short_is_read_whole() -> None:
    # The header is 27 bytes: a first read of 26 must not be taken for all of it.
    data = b"indicator,subject,on,value\ni1,s1,2025-01-01,1\n"
    short = read_csv(_ShortReads(data))  # type: ignore[arg-type]
    assert short.records == read_csv(io.BytesIO(data)).records
    bad = b"indicator,subject,on,valuei1,s1,2025-01-01,1\n"
    with pytest.raises(InvalidDocument) as raised:
        read_csv(_ShortReads(bad))  # type: ignore[arg-type]
    assert "unknown column 'valuei1'" in raised.value.errors[0]
