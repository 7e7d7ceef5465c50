r"""Observations read from CSV by pyarrow's parser (the ``arrow`` extra; internal).

:func:`read` is the quick path of :func:`~resultframe.serialization.read_csv` for
observations. pyarrow splits the file into columns in C; each column is
dictionary-encoded, and only its *distinct* cells go through the
:class:`~resultframe.serialization._observations.ObservationChecker` the row
reader uses, so every rule (ids and the BSN guard, days in the chosen format,
values typed by their indicator, notes and sources) has one definition. The
coded columns go to the column store's :func:`~resultframe.model._columns.pack`
as the row reader's do.

It reads only what it can read exactly as the row reader does, and gives up
(returns None) on anything else, so that the row reader reads the file again and
reports every problem with its line. It gives up on:

- a text file object, or a binary one that cannot seek back to where it was;
- a UTF-16 byte order mark, or an encoding in which a byte ``\n`` may be part of
  a character (only UTF-8, Windows-1252, Latin-1, Latin-9 and ASCII are read);
- a header the row reader refuses, or one with quotes or a line break in it;
- a quote character, a NUL, a line break other than ``\n`` or ``\r\n``, or a
  blank line anywhere in the file (the row reader skips blank lines, so the line
  of a row would no longer follow from its position);
- a row of the wrong width, a cell longer than :func:`csv.field_size_limit`,
  bytes not valid in the encoding, and any cell the checker refuses.

So a file with a problem is read twice, once up to the block that holds it.
"""

from __future__ import annotations

import codecs
import csv
import importlib
import io
import os
from types import ModuleType
from typing import TYPE_CHECKING, Any, Final

import attrs

from resultframe.errors import InvalidDocument
from resultframe.model import Records
from resultframe.model._columns import Coded, encode_values, pack
from resultframe.model.records import records_from
from resultframe.serialization import _sources
from resultframe.serialization._lines import SourceLines
from resultframe.serialization._observations import BAD, FAILED, ObservationChecker

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["Read", "read"]

BLOCK_BYTES: Final = 1 << 24
"""How many bytes are parsed and checked together (a block ends at a line end)."""
_ENCODINGS: Final = frozenset({"utf-8", "cp1252", "iso8859-1", "iso8859-15", "ascii"})
"""The codec names of encodings in which every byte ``\n`` is a line feed."""
_ARROW_ENCODING: Final = {"utf-8": "utf8"}
_FIRST_LINE: Final = 2  # the header is line 1, and no blank line is read


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
    """The kept rows in file order, for :class:`SourceLines` (row *i* on line i+2)."""

    codes: tuple[Any, Any, Any]  # indicator, subject and day, numpy arrays

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
        return range(_FIRST_LINE, _FIRST_LINE + len(self.codes[2]))


def _modules() -> tuple[ModuleType, ModuleType, ModuleType, ModuleType] | None:
    """pyarrow, pyarrow.compute, pyarrow.csv and numpy, or None."""
    try:
        return (
            importlib.import_module("pyarrow"),
            importlib.import_module("pyarrow.compute"),
            importlib.import_module("pyarrow.csv"),
            importlib.import_module("numpy"),
        )
    except ImportError:
        return None


def read(  # noqa: PLR0913
    source: object,
    *,
    delimiter: str,
    encoding: str,
    checker: ObservationChecker,
    chunk_rows: int,
    progress: Callable[[int], object] | None,
) -> Read | None:
    """Read a CSV file of observations, or return None to leave it to the row reader.

    *checker* must be fresh; *encoding* a codec name (``check_encoding``).
    *progress* is called as the row reader calls it: with each multiple of
    *chunk_rows* reached, and with the number of rows at the end.
    """
    modules = _modules()
    if modules is None or not (
        delimiter == "\t" or (delimiter.isascii() and delimiter.isprintable())
    ):
        return None  # pyarrow takes one byte; a control character is left alone
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as raw:  # noqa: PTH123
            try:
                return _Reader(modules, checker, delimiter).read(
                    raw, encoding, chunk_rows, progress
                )
            except _GiveUp:
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
        return _Reader(modules, checker, delimiter).read(
            source, encoding, chunk_rows, progress
        )
    except _GiveUp:
        source.seek(start)
        return None


def _blocks(raw: Any, rest: bytes) -> Iterator[bytes]:  # noqa: ANN401
    """The bytes of *rest* and then of *raw*, in blocks that end at a line end."""
    while True:
        more = raw.read(BLOCK_BYTES)
        if not more:
            if rest:
                yield rest
            return
        rest += more
        cut = rest.rfind(b"\n") + 1
        if cut:
            yield rest[:cut]
            rest = rest[cut:]


def _header(first: bytes, encoding: str, delimiter: str) -> tuple[list[str], int]:
    """The header's names and the length of its line in bytes, or give up."""
    end = first.find(b"\n")
    if end < 0 and len(first) >= BLOCK_BYTES:
        raise _GiveUp
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

    modules: tuple[ModuleType, ModuleType, ModuleType, ModuleType]
    checker: ObservationChecker
    delimiter: str
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
        first = raw.read(BLOCK_BYTES)
        if first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise _GiveUp
        if first.startswith(codecs.BOM_UTF8):  # the mark decides UTF-8
            first, encoding = first[len(codecs.BOM_UTF8) :], "utf-8"
        if encoding not in _ENCODINGS:
            raise _GiveUp
        header, skip = _header(first, encoding, self.delimiter)
        rows = reported = 0
        for block in _blocks(raw, first[skip:]):
            rows += self._block(block, header, encoding, first_block=rows == 0)
            while progress is not None and reported + chunk_rows <= rows:
                reported += chunk_rows
                progress(reported)
        if progress is not None and (rows != reported or rows == 0):
            progress(rows)
        return self._finish(rows)

    def _block(
        self, block: bytes, header: list[str], encoding: str, *, first_block: bool
    ) -> int:
        """Parse, check and code the rows of one block; return how many there are."""
        pa, pc, pacsv, _ = self.modules
        returns = block.count(b"\r")
        if (
            b'"' in block
            or b"\x00" in block
            or b"\n\n" in block
            or b"\n\r\n" in block
            or (first_block and block.startswith((b"\n", b"\r\n")))
            or (returns and returns != block.count(b"\r\n"))
        ):
            raise _GiveUp
        n = block.count(b"\n") + (not block.endswith(b"\n"))
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
            encoded = pc.dictionary_encode(column)
            cells[name] = (
                encoded.dictionary.to_pylist(),
                encoded.indices.to_numpy(zero_copy_only=False),
            )
        del table
        self._code(cells, n)
        return n

    def _code(self, cells: dict[str, tuple[list[str], Any]], n: int) -> None:
        """Check each distinct cell with the checker and code the rows."""
        np = self.modules[3]
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
        texts, index = cells["value"]
        keys: list[Any] = texts
        if checker.framework is not None:  # a cell is typed by its indicator
            indicators, by_indicator = cells["indicator"]
            pairs = by_indicator.astype(np.int64) * len(texts) + index
            unique, index = np.unique(pairs, return_inverse=True)
            width = len(texts)
            keys = [(indicators[p // width], texts[p % width]) for p in unique.tolist()]
        typed = checker.cell_values(keys)
        if any(value is FAILED for value in typed):
            raise _GiveUp
        numbers, kinds = encode_values(typed, self.strings)
        index = np.asarray(index).reshape(-1)
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
        np = self.modules[3]
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
        kept = _Rows((columns["indicator"], columns["subject"], columns["day"]))
        return Read(records, rows, SourceLines.of_observations(kept, self.checker))  # type: ignore[arg-type]
