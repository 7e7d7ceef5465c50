"""Rows of facts files: the columns of each kind, CSV rows and JSON lines in chunks."""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import itertools
import json
import operator
import os
import re
from collections.abc import Callable
from typing import (
    IO,
    TYPE_CHECKING,
    Any,
    BinaryIO,
    Final,
    Literal,
    TextIO,
    TypeAlias,
)

import attrs
from cattrs.errors import BaseValidationError

from resultframe._canonical import converter as _converter
from resultframe._canonical import jsontext as _json
from resultframe.errors import InvalidDocument, InvalidValue
from resultframe.model import ConditionAssessment, Goal, Observation, Subject
from resultframe.privacy import looks_like_bsn
from resultframe.serialization import _cells
from resultframe.serialization._observations import BSN_MESSAGE, Problems

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = [
    "BATCH_ROWS",
    "CLASSES",
    "COLUMNS",
    "FACT_KINDS",
    "REQUIRED",
    "Chunk",
    "FactKind",
    "ReadSource",
    "Source",
    "batch_sizes",
    "csv_cell_data",
    "csv_line",
    "csv_observation_chunks",
    "csv_row_chunks",
    "jsonl_chunks",
    "jsonl_observation_chunks",
    "open_text",
    "read_header",
    "structure_fact",
]

FactKind: TypeAlias = Literal["observations", "subjects", "goals", "assessments"]
"""The kinds of fact a file can hold, one kind per file."""

Source: TypeAlias = "str | os.PathLike[str] | TextIO"
"""A path, or a file object opened in text mode (for CSV with ``newline=""``)."""
ReadSource: TypeAlias = "str | os.PathLike[str] | TextIO | BinaryIO"
"""What the readers read: a path, or a file object in text or binary mode."""

FACT_KINDS: Final[tuple[FactKind, ...]] = (
    "observations",
    "subjects",
    "goals",
    "assessments",
)
COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "observations": ("indicator", "subject", "on", "value", "note", "source"),
    "subjects": ("id", "level", "part_of", "name"),
    "goals": (
        "subject",
        "indicator",
        "target.value",
        "target.by",
        "target.note",
        "baseline.value",
        "baseline.on",
        "baseline.note",
    ),
    "assessments": ("condition", "on", "status", "note", "assessed_by"),
}
"""The CSV columns of each kind; subjects add one ``dimensions.<key>`` per dimension."""
REQUIRED: Final[dict[str, frozenset[str]]] = {
    "observations": frozenset({"indicator", "subject", "on", "value"}),
    "subjects": frozenset({"id", "level"}),
    "goals": frozenset({"subject", "indicator", "target.value", "target.by"}),
    "assessments": frozenset({"condition", "on", "status"}),
}
CLASSES: Final[dict[str, type]] = {
    "observations": Observation,
    "subjects": Subject,
    "goals": Goal,
    "assessments": ConditionAssessment,
}
DIMENSION: Final = "dimensions."
_NUMBER_COLUMNS: Final = frozenset({"target.value", "baseline.value"})
_DAY_COLUMNS: Final = frozenset({"on", "target.by", "baseline.on"})
_PLAIN: Final = _cells.CellFormat()
_MISSING: Final = object()
BATCH_ROWS: Final = 1024
"""The most observation rows read and checked together."""


_BOMS: Final = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
ENCODING_ERRORS: Final = "surrogateescape"
"""Bytes not valid in the encoding are read as lone surrogates, and the rows
holding one are rejected (see :func:`undecodable`): the other rows are kept."""
_ESCAPED: Final = re.compile("[\udc80-\udcff]")


def check_encoding(encoding: object) -> str:
    """Return the codec name of *encoding*, or raise :class:`InvalidValue`."""
    if isinstance(encoding, str):
        try:
            return codecs.lookup(encoding).name
        except LookupError:
            pass
    raise InvalidValue(
        "encoding",
        encoding,
        "expected the name of a text encoding, such as 'utf-8' or 'cp1252'",
    )


def _text_reader(raw: IO[bytes], encoding: str, newline: str | None) -> TextIO:
    """Wrap a binary file as text: a byte order mark decides UTF-8 or UTF-16."""
    buffered: Any = (
        raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)
    )
    start = buffered.peek(4)[:4]
    for bom, name in _BOMS:
        if start.startswith(bom):
            encoding = name
            break
    else:
        if codecs.lookup(encoding).name == "utf-8":
            encoding = "utf-8-sig"
    return io.TextIOWrapper(
        buffered, encoding=encoding, errors=ENCODING_ERRORS, newline=newline
    )


@contextlib.contextmanager
def _borrowed(source: object, text: Any) -> Iterator[TextIO]:  # noqa: ANN401
    """Read a caller's binary file as text, leaving it open afterwards."""
    try:
        yield text
    finally:
        with contextlib.suppress(ValueError):  # a closed or detached file
            buffered = text.detach()
            if buffered is not source:  # a buffer made for the caller's raw file
                buffered.detach()


def undecodable(text: str) -> int | None:
    """The first byte of *text* that was not valid in its encoding, or None."""
    if text.isascii():
        return None
    found = _ESCAPED.search(text)
    return None if found is None else ord(found[0]) - 0xDC00


def encoding_message(byte: int, encoding: str) -> str:
    """What to do about a byte that is not valid in *encoding*."""
    name = codecs.lookup(encoding).name
    shown = {"cp1252": "Windows-1252"}.get(name, name)
    if shown.startswith("utf-"):
        shown = shown.upper().removesuffix("-LE").removesuffix("-BE")
    advice = (
        'save the file as "CSV UTF-8", or read it with the encoding it was '
        "saved in (encoding cp1252 for what Excel saves by default)"
        if name == "utf-8"
        else 'save the file as "CSV UTF-8" and read it with encoding utf-8'
    )
    return f"not valid {shown} text (byte 0x{byte:02X}); {advice}"


def open_text(
    source: ReadSource,
    mode: Literal["r", "w"],
    *,
    newline: str | None,
    encoding: str = "utf-8",
) -> contextlib.AbstractContextManager[TextIO]:
    """Open a path or a binary file as text, or pass a text file on.

    Reading, a byte order mark decides the encoding (UTF-8 or UTF-16, the mark
    skipped); without one the file is read in *encoding*. Writing is UTF-8.
    """
    if isinstance(source, str | os.PathLike):
        if mode == "r":
            return _text_reader(open(source, "rb"), encoding, newline)  # noqa: PTH123
        return open(source, mode, encoding="utf-8", newline=newline)  # noqa: PTH123
    binary = isinstance(source, io.RawIOBase | io.BufferedIOBase)
    if binary and mode == "r":
        return _borrowed(source, _text_reader(source, encoding, newline))  # type: ignore[arg-type]
    if not binary and hasattr(source, "read" if mode == "r" else "write"):
        return contextlib.nullcontext(source)  # type: ignore[arg-type]
    raise InvalidValue(
        "source" if mode == "r" else "destination",
        type(source).__name__,
        "expected a path or a file object (binary or text)"
        if mode == "r"
        else "expected a path or a file object opened in text mode",
    )


# -- CSV --------------------------------------------------------------------------------


def read_header(reader: Any, kind: str, encoding: str = "utf-8") -> list[str]:  # noqa: ANN401
    """Read and check the header row; raise listing every problem with it."""
    try:
        header: list[str] | None = next(reader, None)
    except csv.Error as e:
        raise InvalidDocument([f"invalid CSV: {e} @ line 1"]) from None
    expected = ", ".join(COLUMNS[kind])
    if not header:
        raise InvalidDocument(
            [f"expected a header row with the columns {expected} @ line 1"]
        )
    errors = []
    seen: set[str] = set()
    byte = undecodable("".join(header))
    if byte is not None:
        errors.append(f"{encoding_message(byte, encoding)} @ line 1")
    for name in header:
        if name in seen:
            errors.append(f"column {name!r} appears more than once @ line 1")
        seen.add(name)
        known = name in COLUMNS[kind] or (
            kind == "subjects"
            and name.startswith(DIMENSION)
            and len(name) > len(DIMENSION)
        )
        if not known:
            extra = " or dimensions.<name>" if kind == "subjects" else ""
            errors.append(
                f"unknown column {name!r} (expected: {expected}{extra}) @ line 1"
            )
    errors.extend(
        f"required column {name!r} missing @ line 1"
        for name in COLUMNS[kind]
        if name in REQUIRED[kind] and name not in seen
    )
    if errors:
        raise InvalidDocument(errors)
    return header


def csv_line(row: list[str], delimiter: str) -> str:
    """Return a row as the CSV line it was (quoting as needed)."""
    out = io.StringIO()
    # With "\r\n" as the terminator, a cell holding a line break is quoted.
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerow(row)
    return out.getvalue().removesuffix("\r\n")


@attrs.define(eq=False)
class Chunk:
    """Rows read together: their lines, their problems so far, and their data.

    Observations come as ``columns`` (one list per field, in file order); other
    facts as ``rows`` (CSV cells, or parsed JSON values). ``text(i)`` gives row
    *i* as it stood in the file, for rejected rows.
    """

    render: Callable[[Chunk, int], str]
    lines: list[int] = attrs.field(factory=list)
    problems: Problems = attrs.field(factory=dict)
    columns: dict[str, list[Any]] = attrs.field(factory=dict)
    rows: list[Any] = attrs.field(factory=list)
    texts: dict[int, str] = attrs.field(factory=dict)

    def text(self, i: int) -> str:
        """Row *i* as it stood in the file."""
        known = self.texts.get(i)
        return known if known is not None else self.render(self, i)


def _wrong_width(width: int, row: list[str]) -> str:
    return f"expected {width} cells (as in the header), got {len(row)}"


def batch_sizes(chunk_rows: int, batch_rows: int | None = None) -> Iterator[int]:
    """Split chunks of *chunk_rows* rows into batches of at most *batch_rows*.

    Observations are read and checked in small batches, whose columns stay in
    the processor's cache while they are worked on; every chunk boundary is a
    batch boundary, so progress can still be reported after each chunk.
    """
    batch_rows = batch_rows or BATCH_ROWS
    whole, rest = divmod(chunk_rows, batch_rows)
    sizes = [batch_rows] * whole + ([rest] if rest else [])
    return itertools.cycle(sizes)


def csv_observation_chunks(
    handle: Iterator[str],
    header: list[str],
    start: int,
    sizes: Iterator[int],
    delimiter: str,
) -> Iterator[Chunk]:
    """Yield observation rows of a CSV file as columns, a chunk at a time.

    *handle* is the file after its header, which ended on line *start*. Lines
    are read a batch at a time and, when every line is one record of the right
    width (the usual case), split into columns in C: lines without quotes by
    ``str.split``, others by :func:`csv.reader`. Any other batch (a quoted line
    break, a blank line, a row of the wrong width, one the CSV parser refuses)
    is read row by row: a bad row stands as empty cells with its problem under
    ``(row)``; blank lines are skipped. No list per row is kept (a million small
    lists make Python's garbage collector work hard). Each chunk but the last
    has as many rows as the next of *sizes* says (see :func:`batch_sizes`).
    """
    width = len(header)
    names = COLUMNS["observations"]
    # An absent optional column reads the "" appended to every row.
    positions = [header.index(n) if n in header else width for n in names]
    batch = _CsvBatch(width, positions, delimiter)

    def render(chunk: Chunk, i: int) -> str:
        row = [""] * width
        for name, p in zip(names, positions, strict=True):
            if p < width:
                row[p] = chunk.columns[name][i]
        return csv_line(row, delimiter)

    def fresh() -> Chunk:
        return Chunk(render=render, columns={name: [] for name in names})

    chunk = fresh()
    line = start  # the last line read
    size = next(sizes)
    while True:
        lines = list(itertools.islice(handle, size - len(chunk.lines)))
        if not lines:
            break
        if batch.split(chunk, lines, line) or batch.parse(chunk, lines, line):
            line += len(lines)
        else:
            line = batch.rows(chunk, lines, handle, line)
        if len(chunk.lines) >= size:
            yield chunk
            chunk = fresh()
            size = next(sizes)
    if chunk.lines:
        yield chunk


@attrs.frozen
class _CsvBatch:
    """Adds a batch of CSV lines to a chunk of observation columns."""

    width: int
    positions: list[int]
    delimiter: str

    def _add(self, chunk: Chunk, columns: list[list[str]], first: int) -> None:
        n = len(columns[0])
        fresh = not chunk.lines
        for name, p in zip(COLUMNS["observations"], self.positions, strict=True):
            column = columns[p] if p < self.width else [""] * n
            if fresh:
                chunk.columns[name] = column
            else:
                chunk.columns[name].extend(column)
        chunk.lines.extend(range(first, first + n))

    def split(self, chunk: Chunk, lines: list[str], line: int) -> bool:
        """Add lines without quotes, each with one cell per column; or return False.

        Without a quote character, :func:`csv.reader` reads a line as the text
        between delimiters, up to its line break: what ``str.split`` gives.
        """
        d, width = self.delimiter, self.width
        if set(map(str.count, lines, itertools.repeat(d))) != {width - 1}:
            return False  # a blank line, or a row of another width
        text = d.join(map(str.rstrip, lines, itertools.repeat("\r\n")))
        if (
            '"' in text
            or "\r" in text
            or "\n" in text
            or "\x00" in text  # refused by the csv module of Python 3.10
            or max(map(len, lines)) > csv.field_size_limit()
        ):
            return False
        cells = text.split(d)
        self._add(chunk, [cells[p::width] for p in range(width)], line + 1)
        return True

    def parse(self, chunk: Chunk, lines: list[str], line: int) -> bool:
        """Add lines that are one record each of the right width; or return False."""
        reader = csv.reader(lines, delimiter=self.delimiter, strict=True)
        try:
            rows = list(reader)
        except csv.Error:
            return False
        if (
            reader.line_num != len(lines)
            or len(rows) != len(lines)
            or set(map(len, rows)) != {self.width}
        ):
            return False
        self._add(chunk, list(map(list, zip(*rows, strict=True))), line + 1)
        return True

    def rows(
        self, chunk: Chunk, lines: list[str], handle: Iterator[str], line: int
    ) -> int:
        """Add the rows that start on *lines* one by one; return the last line read.

        A row with a quoted line break may go on past *lines*, into *handle*.
        """
        width, delimiter = self.width, self.delimiter
        cells = operator.itemgetter(*self.positions)
        names = COLUMNS["observations"]
        appenders = [chunk.columns[name].append for name in names]
        reader = csv.reader(
            itertools.chain(lines, handle), delimiter=delimiter, strict=True
        )
        previous = 0  # lines of the batch read before the current row
        while previous < len(lines):
            try:
                for row in reader:
                    start = line + previous + 1
                    previous = reader.line_num
                    if row:
                        if len(row) != width:
                            index = len(chunk.lines)
                            chunk.texts[index] = csv_line(row, delimiter)
                            chunk.problems[index] = [
                                ("(row)", _wrong_width(width, row))
                            ]
                            row = [""] * width  # noqa: PLW2901
                        row.append("")
                        for append, cell in zip(appenders, cells(row), strict=True):
                            append(cell)
                        chunk.lines.append(start)
                    if previous >= len(lines):
                        break
                else:
                    break  # the end of the file
            except csv.Error as e:
                previous = _unreadable(reader, line, previous, chunk, e)
                for append in appenders:
                    append("")
        return line + reader.line_num


def _unreadable(
    reader: Any,  # noqa: ANN401
    line: int,
    previous: int,
    chunk: Chunk,
    error: csv.Error,
) -> int:
    """Note a row the CSV parser refused; return the lines the reader has read.

    *line* is the line before the reader's first; *previous* counts the lines it
    had read before this row.
    """
    start = previous + 1
    if reader.line_num < start:  # pragma: no cover - the reader did not move
        raise InvalidDocument([f"invalid CSV: {error} @ line {line + start}"]) from None
    index = len(chunk.lines)
    chunk.texts[index] = ""
    chunk.problems[index] = [("(row)", f"invalid CSV: {error}")]
    chunk.lines.append(line + start)
    return int(reader.line_num)


def csv_row_chunks(
    reader: Any,  # noqa: ANN401
    width: int,
    chunk_rows: int,
    delimiter: str,
) -> Iterator[Chunk]:
    """Yield the rows of a CSV file of subjects, goals or assessments, in chunks."""

    def render(chunk: Chunk, i: int) -> str:
        return csv_line(chunk.rows[i], delimiter)

    chunk = Chunk(render=render)
    previous = reader.line_num
    while True:
        try:
            for row in reader:
                start = previous + 1
                previous = reader.line_num
                if len(row) != width:
                    if not row:
                        continue
                    chunk.texts[len(chunk.lines)] = csv_line(row, delimiter)
                    chunk.problems[len(chunk.lines)] = [
                        ("(row)", _wrong_width(width, row))
                    ]
                chunk.rows.append(row)
                chunk.lines.append(start)
                if len(chunk.lines) >= chunk_rows:
                    yield chunk
                    chunk = Chunk(render=render)
            break
        except csv.Error as e:
            previous = _unreadable(reader, 0, previous, chunk, e)
            chunk.rows.append([])
    if chunk.lines:
        yield chunk


def csv_cell_data(
    kind: str,
    header: list[str],
    row: list[str],
    cell_format: _cells.CellFormat = _PLAIN,
) -> dict[str, Any]:
    """Turn the cells of a CSV row into the JSON data of one fact (not observations).

    Empty cells are left out (the field takes its default); ``target.by`` becomes
    ``{"target": {"by": ...}}``; number columns hold numbers when they read as one.
    """
    data: dict[str, Any] = {}
    for name, cell in zip(header, row, strict=True):
        if cell == "":
            continue
        if kind == "subjects" and name.startswith(DIMENSION):
            data.setdefault("dimensions", {})[name[len(DIMENSION) :]] = cell
            continue
        value: Any = cell
        if name in _NUMBER_COLUMNS:
            with contextlib.suppress(_cells.Bad):  # else: "expected a number"
                value = _cells.number(cell, cell_format)
        elif name in _DAY_COLUMNS and cell_format.date_format != "yyyy-mm-dd":
            with contextlib.suppress(_converter.Mismatch):  # else: "expected a date"
                value = _cells.parse_day(cell, cell_format).isoformat()
        if "." in name:
            outer, inner = name.split(".", 1)
            data.setdefault(outer, {})[inner] = value
        else:
            data[name] = value
    return data


def structure_fact(
    kind: str,
    data: object,
    *,
    allow_bsn_like_ids: bool,
) -> tuple[Any, list[tuple[str, str]]]:
    """Build one fact from JSON data; return it, or None and (path, message) pairs."""
    try:
        fact = _converter.structure(data, CLASSES[kind])
    except (BaseValidationError, _converter.Mismatch) as e:
        pairs = []
        for error in _converter.errors_of(e):
            message, _, path = error.rpartition(" @ ")
            pairs.append((path, message))
        return None, pairs
    if kind == "goals" and not allow_bsn_like_ids and looks_like_bsn(fact.subject):
        return None, [("$.subject", BSN_MESSAGE)]
    return fact, []


# -- JSON Lines ----------------------------------------------------------------------------


def _line_text(chunk: Chunk, i: int) -> str:
    return str(chunk.rows[i]).strip()


_VALUE_TYPES: Final = frozenset({int, float, bool, str})


def jsonl_chunks(
    numbered: Iterator[tuple[int, str]],
    *,
    observations: bool,
    chunk_rows: int,
    max_line_bytes: int,
) -> Iterator[Chunk]:
    """Yield the rows of a JSON Lines file in chunks; blank lines are skipped.

    Observations come as columns, checked for their shape on the way (an object
    with the right keys and JSON types); other facts as parsed values in
    ``columns["$"]``. A row that is not valid JSON stands with its problem.
    """
    chunk = Chunk(render=_line_text)
    for number, line in numbered:
        _jsonl_line(chunk, number, line, max_line_bytes, observations=observations)
        if len(chunk.lines) >= chunk_rows:
            yield chunk
            chunk = Chunk(render=_line_text)
    if chunk.lines:
        yield chunk


def _jsonl_line(
    chunk: Chunk,
    number: int,
    line: str,
    max_line_bytes: int,
    *,
    observations: bool,
) -> None:
    """Parse one line and add it to *chunk*, with its problems; skip a blank one."""
    if len(line) > max_line_bytes:
        _add_line(chunk, number, "", None, observations=observations)
        chunk.problems[len(chunk.lines) - 1] = [
            ("(row)", f"line longer than the limit of {max_line_bytes} characters")
        ]
        return
    try:
        value = _json.parse_value(line)
    except ValueError as e:
        if not line.strip():
            return
        _add_line(chunk, number, line, None, observations=observations)
        chunk.problems[len(chunk.lines) - 1] = [("(row)", str(e))]
        return
    found = _add_line(chunk, number, line, value, observations=observations)
    if found:
        chunk.problems[len(chunk.lines) - 1] = found


def _refuse_constant(name: str) -> object:
    msg = f"{name} is not a JSON number"
    raise ValueError(msg)


# Parses a batch of lines as one array (the per-line parser flags repeated keys).
_BATCH_DECODER: Final = json.JSONDecoder(parse_constant=_refuse_constant)


def jsonl_observation_chunks(
    handle: Iterator[str],
    *,
    sizes: Iterator[int],
    max_line_bytes: int,
) -> Iterator[Chunk]:
    """Yield the observations of a JSON Lines file as columns, a chunk at a time.

    Lines are read a batch at a time. A batch in which every line that is not
    blank is one flat object of an observation's keys and JSON types (the usual
    case) is parsed as one JSON array and taken apart in C; any other batch is
    parsed line by line, each line as :func:`jsonl_chunks` does, so every bad
    line stands with its own problem. Each chunk but the last has as many rows
    as the next of *sizes* says; blank lines are skipped.
    """

    def fresh() -> Chunk:
        return Chunk(
            render=_line_text,
            columns={name: [] for name in COLUMNS["observations"]},
        )

    chunk = fresh()
    line = 0  # the last line read
    size = next(sizes)
    while True:
        lines = list(itertools.islice(handle, size - len(chunk.lines)))
        if not lines:
            break
        if not _jsonl_batch(chunk, lines, line, max_line_bytes):
            for number, text in enumerate(lines, start=line + 1):
                _jsonl_line(chunk, number, text, max_line_bytes, observations=True)
        line += len(lines)
        if len(chunk.lines) >= size:
            yield chunk
            chunk = fresh()
            size = next(sizes)
    if chunk.lines:
        yield chunk


def _jsonl_batch(
    chunk: Chunk, lines: list[str], line: int, max_line_bytes: int
) -> bool:
    """Add a batch of well-formed observation lines to *chunk*; or return False.

    The lines are parsed as one array, ``[line, line, ...]``. That gives what
    parsing each line gives when every line holds exactly one ``{`` and one
    ``}`` and the array holds as many flat objects as there are lines: the
    objects' braces are then all of the braces, none is inside a string, so
    each object lies within its own line, with only whitespace around it. A
    repeated key would be lost in the array, so the quotes of each line are
    counted: two per key and per text value, unless a key is repeated (or a
    text holds an escaped quote; such a line is parsed alone to find out).
    Nothing is added unless the whole batch is well formed.
    """
    if max(map(len, lines)) > max_line_bytes:
        return False
    n = len(lines)
    numbers: Iterable[int] = range(line + 1, line + n + 1)
    opens = list(map(str.count, lines, itertools.repeat("{")))
    closes = list(map(str.count, lines, itertools.repeat("}")))
    if opens.count(1) != n or closes.count(1) != n:
        ones = list(map(operator.and_, map((1).__eq__, opens), map((1).__eq__, closes)))
        odd = itertools.compress(lines, map(operator.not_, ones))
        if any(map(str.strip, odd)):
            return False  # not blank
        lines = list(itertools.compress(lines, ones))
        numbers = list(itertools.compress(numbers, ones))
        n = len(lines)
        if not n:
            return True
    text = "[" + ",".join(lines) + "]"
    try:
        parsed = _BATCH_DECODER.decode(text)
    except (ValueError, RecursionError):
        return False
    if len(parsed) != n or set(map(type, parsed)) != {dict}:
        return False
    try:
        indicator, subject, on, value = (
            list(map(operator.itemgetter(key), parsed))
            for key in ("indicator", "subject", "on", "value")
        )
    except KeyError:
        return False
    note, source = (
        list(map(dict.get, parsed, itertools.repeat(key), itertools.repeat("")))
        for key in ("note", "source")
    )
    value_types = set(map(type, value))
    if not value_types <= _VALUE_TYPES:
        return False
    try:  # only texts can be joined (and JSON makes no subclass of str)
        "".join(itertools.chain(indicator, subject, on, note, source))
    except TypeError:
        return False
    keys = sum(map(len, parsed))
    optional = sum(map(operator.contains, parsed, itertools.repeat("note"))) + sum(
        map(operator.contains, parsed, itertools.repeat("source"))
    )
    if keys != 4 * n + optional:
        return False  # an unknown key
    # Two quotes per key and per text value: 4 per key, less 2 for each value
    # that is not a text (all other values are texts). A line never has fewer,
    # so equal totals mean equal counts on every line.
    texts = (
        sum(map(isinstance, value, itertools.repeat(str))) if str in value_types else 0
    )
    if text.count('"') != 4 * keys - 2 * (n - texts) and not _unrepeated(
        lines, parsed, value
    ):
        return False
    chunk.lines.extend(numbers)
    chunk.rows.extend(lines)
    columns = chunk.columns
    for name, column in zip(
        COLUMNS["observations"],
        (indicator, subject, on, value, note, source),
        strict=True,
    ):
        columns[name].extend(column)
    return True


def _unrepeated(lines: list[str], parsed: list[Any], value: list[Any]) -> bool:
    """Whether no line of a batch repeats a key (lines with extra quotes, alone)."""
    quotes = map(str.count, lines, itertools.repeat('"'))
    expected = map(
        operator.sub,
        map(operator.mul, map(len, parsed), itertools.repeat(4)),
        map(
            operator.mul,
            map(operator.is_not, map(type, value), itertools.repeat(str)),
            itertools.repeat(2),
        ),
    )
    for i in itertools.compress(itertools.count(), map(operator.ne, quotes, expected)):
        try:
            alone = _json.parse_value(lines[i])
        except ValueError:  # pragma: no cover - it was read in the array
            return False
        if type(alone) is _json.Repeated:
            return False
    return True


def _add_line(
    chunk: Chunk,
    number: int,
    line: str,
    value: Any,  # noqa: ANN401
    *,
    observations: bool,
) -> list[tuple[str, str]]:
    """Add one parsed line to *chunk*; return its problems (wrong shape)."""
    chunk.lines.append(number)
    chunk.rows.append(line)
    if not observations:
        chunk.columns.setdefault("$", []).append(value)
        return []
    if not chunk.columns:
        chunk.columns = {name: [] for name in COLUMNS["observations"]}
    columns = chunk.columns
    if type(value) is dict and len(value) <= 6:
        get = value.get
        row = (
            get("indicator"),
            get("subject"),
            get("on"),
            get("value", _MISSING),
            get("note", ""),
            get("source", ""),
        )
        if (
            type(row[0]) is str
            and type(row[1]) is str
            and type(row[2]) is str
            and type(row[3]) in _VALUE_TYPES
            and type(row[4]) is str
            and type(row[5]) is str
            and value.keys() <= _OBSERVATION_KEYS
        ):
            for name, x in zip(COLUMNS["observations"], row, strict=True):
                columns[name].append(x)
            return []
    # Placeholders keep the columns aligned; the row is rejected.
    for name in COLUMNS["observations"]:
        columns[name].append(0 if name == "value" else "")
    return _observation_problems(value) if value is not None else []


_OBSERVATION_KEYS: Final = frozenset(COLUMNS["observations"])


def _observation_problems(row: object) -> list[tuple[str, str]]:
    """Say what is wrong with the shape of one JSON Lines observation."""
    if type(row) is _json.Repeated:
        return [
            ("$", f"key {key!r} occurs more than once in this object")
            for key in row.repeated
        ]
    if type(row) is not dict:
        return [
            (
                "$",
                f"expected an object (an observation), got {_converter.describe(row)}",
            )
        ]
    names = COLUMNS["observations"]
    found = [
        (f"$.{k}", f"unknown key (expected: {', '.join(names)})")
        for k in row
        if k not in _OBSERVATION_KEYS
    ]
    for name in names:
        if name not in row:
            if name in REQUIRED["observations"]:
                found.append((f"$.{name}", "required key missing"))
            continue
        x = row[name]
        if name == "value":
            if type(x) not in _VALUE_TYPES:
                found.append(
                    (
                        "$.value",
                        (
                            "expected a number, true, false or a text, got "
                            f"{_converter.describe(x)}"
                        ),
                    )
                )
        elif type(x) is not str:
            found.append(
                (f"$.{name}", f"expected a string, got {_converter.describe(x)}")
            )
    return found
