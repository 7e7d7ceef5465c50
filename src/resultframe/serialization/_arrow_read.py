r"""Observations read by pyarrow's parsers (the ``arrow`` extra; internal).

:func:`read` is the quick path of :func:`~resultframe.serialization.read_csv` and
:func:`~resultframe.serialization.read_jsonl` for observations. pyarrow's CSV or
JSON parser splits a block of the file into columns in C; each column is
dictionary-encoded, and only its *distinct* cells go through the
:class:`~resultframe.serialization._observations.ObservationChecker` the row
reader uses, so every rule (ids and the BSN guard, days in the chosen format,
values typed by their indicator, notes and sources) has one definition. The
coded columns go to the column store's :func:`~resultframe.model._columns.pack`
as the row reader's do.

It reads only what it can read exactly as the row reader does, and gives up
(returns None) on anything else, so that the row reader reads the file again and
reports every problem with its line. It gives up on:

- a text file object, or a binary one that cannot seek back to where it was (a
  raw file is read until each block is full: it may read short);
- a UTF-16 byte order mark, or an encoding in which a byte ``\n`` may be part of
  a character (only UTF-8, Windows-1252, Latin-1, Latin-9 and ASCII are read;
  JSON Lines in another than UTF-8 only when it is all ASCII);
- a NUL, a byte order mark after the file's first bytes (pyarrow's parsers skip
  one where a block starts), a line break other than ``\n`` or ``\r\n``, or a blank line anywhere in
  the file (the row reader skips blank lines, so the line of a row would no
  longer follow from its position);
- CSV: a header the row reader refuses, or one with quotes in it; a quote
  character anywhere; a row of the wrong width; a cell longer than
  :func:`csv.field_size_limit`; bytes not valid in the encoding;
- JSON Lines: a line that does not start with ``{`` (pyarrow's parser skips a
  line of spaces, reads two objects on one line, and crashes on ``null{}``), a
  line that is not one flat object of an observation's keys, a
  brace or an escaped quote inside a text, a key given twice, a ``null``, a
  lone surrogate, a line longer than ``max_line_bytes``, a value column of
  numbers of which one is a whole number written as a decimal or mixed with
  whole numbers (JSON's ``2`` and ``2.0`` are different values, pyarrow's parser
  makes both a double);
- any cell the checker refuses.

So a file with a problem is read twice, once up to the block that holds it.
"""

from __future__ import annotations

import codecs
import csv
import importlib
import io
import os
import re
from types import ModuleType
from typing import TYPE_CHECKING, Any, Final

import attrs

from resultframe.errors import InvalidDocument
from resultframe.model import Records
from resultframe.model._columns import Coded, encode_values, pack
from resultframe.model.records import records_from
from resultframe.serialization import _cells, _sources
from resultframe.serialization._lines import SourceLines
from resultframe.serialization._observations import BAD, FAILED, ObservationChecker

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["Read", "read"]

BLOCK_BYTES: Final = 1 << 24
"""How many bytes are parsed and checked together (a block ends at a line end)."""
FIRST_BYTES: Final = 1 << 20
"""The first block is smaller: a file the quick path cannot read is found cheaply."""
_ENCODINGS: Final = frozenset({"utf-8", "cp1252", "iso8859-1", "iso8859-15", "ascii"})
"""The codec names of encodings in which every byte ``\n`` is a line feed."""
_ARROW_ENCODING: Final = {"utf-8": "utf8"}
_JSON_TYPES: Final = frozenset({"int64", "double", "bool", "string"})
"""The value columns pyarrow's JSON parser gives that the quick path reads."""
_JSON_COLUMNS: Final = frozenset(
    {"indicator", "subject", "on", "value", "note", "source"}
)
_NOT_AN_OBJECT: Final = re.compile(rb"(?m)^[ \t]*(?:[^{ \t]|$)")
"""A line that does not start with ``{`` after spaces and tabs."""
_TEXT_COLUMNS: Final = ("indicator", "subject", "on", "note", "source")
_SURROGATE_ESCAPE: Final = re.compile(rb"\\u[dD][89a-fA-F]")


class _GiveUp(Exception):
    """The file is not one this path reads exactly as the row reader does."""


@attrs.frozen
class Read:
    """What the quick path read: the records, the number of rows, their lines."""

    records: Records
    rows: int
    lines: SourceLines


@attrs.frozen
class _Rows:
    """The kept rows in file order, for :class:`SourceLines`: row *i* on line i+first."""

    codes: tuple[Any, Any, Any]  # indicator, subject and day, numpy arrays
    first: int  # the line of the first row: 2 after a CSV header, 1 in JSON Lines

    @property
    def indicator(self) -> list[int]:
        return list(self.codes[0].tolist())

    @property
    def subject(self) -> list[int]:
        return list(self.codes[1].tolist())

    @property
    def day(self) -> list[int]:
        return list(self.codes[2].tolist())

    @property
    def lines(self) -> range:
        return range(self.first, self.first + len(self.codes[2]))


_Modules = tuple[ModuleType, ModuleType, ModuleType, ModuleType, ModuleType]


def _modules() -> _Modules | None:
    """pyarrow, pyarrow.compute, pyarrow.csv, pyarrow.json and numpy, or None."""
    try:
        return (
            importlib.import_module("pyarrow"),
            importlib.import_module("pyarrow.compute"),
            importlib.import_module("pyarrow.csv"),
            importlib.import_module("pyarrow.json"),
            importlib.import_module("numpy"),
        )
    except ImportError:
        return None


def read(  # noqa: PLR0913
    source: object,
    *,
    delimiter: str | None,
    encoding: str,
    checker: ObservationChecker,
    chunk_rows: int,
    progress: Callable[[int], object] | None,
    max_line_bytes: int = 0,
) -> Read | None:
    """Read a file of observations, or return None to leave it to the row reader.

    A CSV file with *delimiter*; JSON Lines when it is None (then lines longer
    than *max_line_bytes* are left to the row reader). *checker* must be fresh;
    *encoding* a codec name (``check_encoding``). *progress* is called as the
    row reader calls it: with each multiple of *chunk_rows* reached, and with
    the number of rows at the end.
    """
    modules = _modules()
    if modules is None or not (
        delimiter is None
        or delimiter == "\t"
        or (delimiter.isascii() and delimiter.isprintable())
    ):
        return None  # pyarrow takes one byte; a control character is left alone
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as raw:  # noqa: PTH123
            try:
                return _Reader(modules, checker, delimiter, max_line_bytes).read(
                    raw, encoding, chunk_rows, progress
                )
            except (_GiveUp, UnicodeDecodeError):  # the row reader reports it
                return None
    if not isinstance(source, io.RawIOBase | io.BufferedIOBase):
        return None  # a text file: the row reader reads it
    try:
        start = source.tell() if source.seekable() else None
    except (OSError, ValueError):
        start = None
    if start is None:
        return None
    try:
        return _Reader(modules, checker, delimiter, max_line_bytes).read(
            source, encoding, chunk_rows, progress
        )
    except (_GiveUp, UnicodeDecodeError):  # the row reader reports it
        source.seek(start)
        return None


def _read(raw: Any, size: int) -> bytes:  # noqa: ANN401
    """*size* bytes of *raw*, fewer only at its end (a raw file may read short)."""
    parts = []
    got = 0
    while got < size:
        more = raw.read(size - got)
        if more is None:
            raise _GiveUp  # a non-blocking file with nothing to read yet
        if not more:
            break
        parts.append(more)
        got += len(more)
    return b"".join(parts)


def _blocks(raw: Any, rest: bytes) -> Iterator[bytes]:  # noqa: ANN401
    """The bytes of *rest* and then of *raw*, in blocks that end at a line end."""
    while True:
        cut = rest.rfind(b"\n") + 1
        if cut:
            yield rest[:cut]
            rest = rest[cut:]
        more = _read(raw, BLOCK_BYTES)
        if not more:
            if rest:
                yield rest
            return
        rest += more


def _header(first: bytes, encoding: str, delimiter: str) -> tuple[list[str], int]:
    """The header's names and the length of its line in bytes, or give up."""
    end = first.find(b"\n")
    if end < 0 and len(first) >= FIRST_BYTES:
        raise _GiveUp  # a header of a megabyte: left to the row reader
    line = first if end < 0 else first[: end + 1]
    try:
        text = line.decode(encoding)
    except UnicodeDecodeError:
        raise _GiveUp from None
    bare = text.removesuffix("\n").removesuffix("\r")
    if '"' in bare or "\r" in bare or "\x00" in bare:
        raise _GiveUp
    try:
        header = _sources.read_header(
            csv.reader([bare], delimiter=delimiter), "observations", encoding
        )
    except InvalidDocument:
        raise _GiveUp from None  # the row reader reports it
    return header, len(line)


@attrs.define
class _Reader:
    """Reads the blocks of one file, coding them with one checker."""

    modules: _Modules
    checker: ObservationChecker
    delimiter: str | None  # None: JSON Lines
    max_line_bytes: int
    first: int = 1  # the line of the first row
    strings: dict[str, int] = attrs.field(factory=lambda: {"": 0})
    parts: dict[str, list[Any]] = attrs.field(
        factory=lambda: {
            name: []
            for name in (
                "indicator",
                "subject",
                "day",
                "numbers",
                "kinds",
                "notes",
                "sources",
            )
        }
    )

    def read(
        self,
        raw: Any,  # noqa: ANN401 - a binary file
        encoding: str,
        chunk_rows: int,
        progress: Callable[[int], object] | None,
    ) -> Read:
        first = _read(raw, FIRST_BYTES)
        if first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise _GiveUp
        if first.startswith(codecs.BOM_UTF8):  # the mark decides UTF-8
            first, encoding = first[len(codecs.BOM_UTF8) :], "utf-8"
        if encoding not in _ENCODINGS:
            raise _GiveUp
        header: list[str] = []
        skip = 0
        if self.delimiter is not None:
            header, skip = _header(first, encoding, self.delimiter)
            self.first = 2  # the header is line 1
        rows = reported = 0
        for block in _blocks(raw, first[skip:]):
            if block.startswith((b"\n", b"\r\n")):
                raise _GiveUp  # a blank line (a block starts at a line's start)
            n = self._check_bytes(block)
            if self.delimiter is None:
                cells, values = self._jsonl(block, encoding, n)
            else:
                cells, values = self._csv(block, header, encoding, n)
            self._code(cells, values, n)
            rows += n
            while progress is not None and reported + chunk_rows <= rows:
                reported += chunk_rows
                progress(reported)
        if progress is not None and (rows != reported or rows == 0):
            progress(rows)
        return self._finish(rows)

    def _check_bytes(self, block: bytes) -> int:
        """Give up on a block the row reader would read otherwise; count its lines."""
        returns = block.count(b"\r")
        if (
            b"\x00" in block
            # pyarrow's parsers skip a byte order mark at the start of their
            # input, which is where a block starts; the row reader keeps it.
            or codecs.BOM_UTF8 in block
            or b"\n\n" in block
            or b"\n\r\n" in block
            or (returns and returns != block.count(b"\r\n"))
            or (self.delimiter is not None and b'"' in block)
        ):
            raise _GiveUp
        return block.count(b"\n") + (not block.endswith(b"\n"))

    def _distinct(self, column: Any) -> tuple[list[Any], Any]:  # noqa: ANN401
        """The distinct items of a column, and the index of each row's item."""
        encoded = self.modules[1].dictionary_encode(column)
        return (
            encoded.dictionary.to_pylist(),
            encoded.indices.to_numpy(zero_copy_only=False),
        )

    def _csv(
        self, block: bytes, header: list[str], encoding: str, n: int
    ) -> tuple[dict[str, tuple[list[str], Any]], tuple[list[Any], Any]]:
        """The distinct cells of a CSV block, and its values typed by the checker."""
        pa, pc, pacsv, _, np = self.modules
        try:
            table = pacsv.read_csv(
                io.BytesIO(block),
                read_options=pacsv.ReadOptions(
                    column_names=header,
                    encoding=_ARROW_ENCODING.get(encoding, encoding),
                ),
                parse_options=pacsv.ParseOptions(
                    delimiter=self.delimiter,
                    quote_char=False,
                    newlines_in_values=False,
                    ignore_empty_lines=False,
                ),
                convert_options=pacsv.ConvertOptions(
                    column_types=dict.fromkeys(header, pa.string()),
                    strings_can_be_null=False,
                    quoted_strings_can_be_null=False,
                ),
            )
        except (pa.ArrowInvalid, UnicodeDecodeError):
            raise _GiveUp from None  # a row of another width, or bytes not valid
        if table.num_rows != n:
            raise _GiveUp
        limit = csv.field_size_limit()
        cells: dict[str, tuple[list[str], Any]] = {}
        for name in header:
            column = table.column(name).combine_chunks()
            if n and pc.max(pc.utf8_length(column)).as_py() > limit:
                raise _GiveUp  # the csv module refuses such a cell
            cells[name] = self._distinct(column)
        del table
        texts, index = cells.pop("value")
        keys: list[Any] = texts
        if self.checker.framework is not None:  # a cell is typed by its indicator
            indicators, by_indicator = cells["indicator"]
            width = len(texts)
            pairs = by_indicator.astype(np.int64) * width + index
            unique, index = np.unique(pairs, return_inverse=True)
            keys = [(indicators[p // width], texts[p % width]) for p in unique.tolist()]
        typed = self.checker.cell_values(keys)
        if any(value is FAILED for value in typed):
            raise _GiveUp
        return cells, (typed, np.asarray(index).reshape(-1))

    def _longest(self, block: bytes) -> int:
        """The length of the longest line, with its line break (as the row reader counts)."""
        np = self.modules[4]
        ends = np.flatnonzero(np.frombuffer(block, dtype=np.uint8) == ord("\n"))
        starts = np.concatenate(([0], ends + 1))
        stops = np.concatenate((ends + 1, [len(block)]))
        return int((stops - starts).max())

    def _valid(self, column: Any) -> Any:  # noqa: ANN401
        """The column in one piece, or give up if a text in it is not UTF-8."""
        column = column.combine_chunks()
        try:
            column.validate(full=True)  # pyarrow's JSON parser does not check
        except self.modules[0].ArrowInvalid:
            raise _GiveUp from None
        return column

    def _jsonl(
        self, block: bytes, encoding: str, n: int
    ) -> tuple[dict[str, tuple[list[str], Any]], tuple[list[Any], Any]]:
        """The distinct texts of a JSON Lines block, and its values as JSON typed them."""
        pa, pc, _, pajson, _ = self.modules
        if (
            (encoding != "utf-8" and not block.isascii())
            or block.count(b"{") != n
            or block.count(b"}") != n
            # Every line starts with an object: pyarrow's parser skips a line
            # of spaces and reads two objects on one line (the row reader
            # refuses both), and crashes on a line starting with null.
            or _NOT_AN_OBJECT.search(block.removesuffix(b"\n")) is not None
        ):
            raise _GiveUp  # not UTF-8, or not one object on every line
        if b"\\u" in block and _SURROGATE_ESCAPE.search(block):
            raise _GiveUp
        if (
            len(block) > self.max_line_bytes
            and self._longest(block) > self.max_line_bytes
        ):
            raise _GiveUp
        texts = pa.schema([(name, pa.string()) for name in _TEXT_COLUMNS])
        try:
            table = pajson.read_json(
                io.BytesIO(block),
                parse_options=pajson.ParseOptions(
                    explicit_schema=texts,
                    newlines_in_values=False,
                    unexpected_field_behavior="infer",
                ),
            )
        except pa.ArrowInvalid:
            raise _GiveUp from None  # not JSON, a key twice, a number for a text
        if table.num_rows != n or not set(table.column_names) <= _JSON_COLUMNS:
            raise _GiveUp
        value = table.column("value") if "value" in table.column_names else None
        if value is None or str(value.type) not in _JSON_TYPES:
            raise _GiveUp  # no value, a null, a list or an object
        cells: dict[str, tuple[list[str], Any]] = {}
        present = 0  # notes and sources given
        for name in _TEXT_COLUMNS:
            column = self._valid(table.column(name))
            if name in {"note", "source"}:
                present += n - column.null_count
                column = pc.fill_null(column, "")
            elif column.null_count:
                raise _GiveUp  # a required key missing, or null
            cells[name] = self._distinct(column)
        value = self._valid(value)
        if value.null_count:
            raise _GiveUp
        # Two quotes per key and per text: a key given null, or a text holding an
        # escaped quote, has more quotes than the parsed table accounts for.
        text_values = 3 * n + present + (n if str(value.type) == "string" else 0)
        if block.count(b'"') != 2 * (4 * n + present) + 2 * text_values:
            raise _GiveUp
        typed, index = self._distinct(value)
        if str(value.type) == "double" and any(float(v).is_integer() for v in typed):
            raise _GiveUp  # 2 or 2.0? The parser made a double of both
        try:
            typed = [_cells.checked_value(v) for v in typed]
        except _cells.Bad:
            raise _GiveUp from None
        return cells, (typed, index)

    def _code(
        self,
        cells: dict[str, tuple[list[str], Any]],
        values: tuple[list[Any], Any],
        n: int,
    ) -> None:
        """Check each distinct cell with the checker and code the rows."""
        np = self.modules[4]
        checker, parts = self.checker, self.parts
        for column in ("indicator", "subject"):
            distinct, index = cells[column]
            codes = checker.id_codes(column, distinct)
            if BAD in codes:
                raise _GiveUp
            parts[column].append(np.asarray(codes, dtype=np.int32)[index])
        distinct, index = cells["on"]
        days = checker.day_codes(distinct)
        if BAD in days:
            raise _GiveUp
        parts["day"].append(np.asarray(days, dtype=np.int32)[index])
        typed, index = values
        numbers, kinds = encode_values(typed, self.strings)
        parts["numbers"].append(np.frombuffer(numbers, dtype=np.float64)[index])
        parts["kinds"].append(np.frombuffer(kinds, dtype=np.int8)[index])
        for name, part in (("note", "notes"), ("source", "sources")):
            if name not in cells:
                parts[part].append(np.zeros(n, dtype=np.int32))
                continue
            distinct, index = cells[name]
            if checker.text_problems(name, distinct):
                raise _GiveUp
            setdefault, strings = self.strings.setdefault, self.strings
            codes = [setdefault(text, len(strings)) for text in distinct]
            parts[part].append(np.asarray(codes, dtype=np.int32)[index])

    def _finish(self, rows: int) -> Read:
        np = self.modules[4]
        types = {
            "indicator": np.int32,
            "subject": np.int32,
            "day": np.int32,
            "numbers": np.float64,
            "kinds": np.int8,
            "notes": np.int32,
            "sources": np.int32,
        }
        columns = {
            name: np.concatenate(parts) if parts else np.zeros(0, dtype=types[name])
            for name, parts in self.parts.items()
        }
        self.parts.clear()
        ids = self.checker.ids
        coded = Coded(
            indicators=ids["indicator"],
            subjects=ids["subject"],
            indicator=columns["indicator"],
            subject=columns["subject"],
            day=columns["day"],
            numbers=columns["numbers"],
            kinds=columns["kinds"],
            notes=columns["notes"],
            sources=columns["sources"],
            strings=tuple(self.strings),
            # Every id the checker coded is in a row: none was refused.
            all_used=True,
        )
        records = records_from(pack(coded))
        kept = _Rows(
            (columns["indicator"], columns["subject"], columns["day"]), self.first
        )
        return Read(records, rows, SourceLines.of_observations(kept, self.checker))  # type: ignore[arg-type]
