"""CSV and JSON Lines files of facts: observations, subjects, goals and assessments.

Case systems export facts as CSV; pipelines pass them as JSON Lines. The readers
stream: they read a file a batch of rows at a time, never a list of all rows.
Observations go into :class:`~resultframe.Records` without an object per row:
each batch is split into columns in C (CSV lines by ``str.split`` or
:mod:`csv`, JSON lines parsed as one array), checked once per distinct id, day
and value, and kept as compact coded columns; a batch that is not plain (a bad
line, a quoted line break) is read row by row, so that each bad row is reported
on its own line.

No row is dropped silently. Every bad row is reported with its line number and
the reason, as ``message @ line 12, column 'on'`` (CSV) or ``message @ line 12,
$.on`` (JSON Lines), up to ``max_reported`` rows; further bad rows are counted.
With ``on_error="raise"`` (the default) a file with any bad row raises
:class:`~resultframe.errors.InvalidDocument` listing them; with
``on_error="collect"`` the good rows come back together with the rejected ones.

The writers write what the readers read: reading a written file gives the same
facts back.
"""

from __future__ import annotations

import csv
import functools
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from resultframe._canonical import converter as _converter
from resultframe._canonical import jsontext as _json
from resultframe.errors import InvalidDocument, InvalidValue
from resultframe.model import Records, ResultsFramework
from resultframe.serialization import _arrow_read, _cells, _sources
from resultframe.serialization._lines import Located, SourceLines, locate, row_code
from resultframe.serialization._observations import (
    ObservationChecker,
    ObservationTable,
)
from resultframe.serialization._sources import (
    COLUMNS,
    DIMENSION,
    FACT_KINDS,
    FactKind,
    ReadSource,
    Source,
)

if TYPE_CHECKING:
    from collections.abc import Iterable


__all__ = [
    "COLUMNS",
    "FACT_KINDS",
    "FactKind",
    "Located",
    "ReadResult",
    "RejectedRow",
    "SourceLines",
    "infer_value",
    "locate",
    "read_csv",
    "read_jsonl",
    "row_code",
    "write_csv",
    "write_jsonl",
]

infer_value = _cells.infer_value
DEFAULT_CHUNK_ROWS: Final = 65_536
_MISSING: Final = object()


@attrs.frozen(kw_only=True)
class RejectedRow:
    """A row of a facts file that was not read, and why.

    Attributes:
        line: The line the row starts on (the header is line 1).
        errors: Every problem of the row, as ``message @ line N, column 'x'``.
        text: The row as it stood in the file (a CSV line or a JSON line), to
            correct and read again. Left out of ``repr``: it may hold subject data.
        problems: Each problem as a (column or JSON path, message) pair; the
            column is ``(row)`` for a problem of the whole row.
    """

    line: int
    errors: tuple[str, ...]
    text: str = attrs.field(repr=False)
    problems: tuple[tuple[str, str], ...] = attrs.field(default=(), repr=False)


@attrs.frozen(kw_only=True)
class ReadResult:
    """What a facts file held: the good rows as records, and the rejected rows.

    Attributes:
        records: The facts of the good rows.
        rows: How many rows the file had (not counting the header and blank lines).
        rejected: The rejected rows, up to ``max_reported``, by line.
        more_rejected: How many more rows were rejected than are listed.
        lines: Where each kept row stood in the file, to put the problems of
            :meth:`Records.check <resultframe.Records.check>` at their lines
            (see :func:`locate`).
    """

    records: Records
    rows: int
    rejected: tuple[RejectedRow, ...] = ()
    more_rejected: int = 0
    lines: SourceLines | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def accepted(self) -> int:
        """How many rows were read into :attr:`records`."""
        return self.rows - len(self.rejected) - self.more_rejected


@attrs.define
class _Sink:
    """Collects good rows (as columns or facts) and rejected rows up to the cap."""

    kind: str
    on_error: str
    max_reported: int | None
    progress: Callable[[int], object] | None
    chunk_rows: int
    checker: ObservationChecker
    encoding: str = "utf-8"
    table: ObservationTable = attrs.field(factory=ObservationTable)
    facts: list[Any] = attrs.field(factory=list)
    fact_lines: list[int] = attrs.field(factory=list)
    rejected: list[RejectedRow] = attrs.field(factory=list)
    more: int = 0
    rows: int = 0
    reported: int = -1

    def reject(
        self,
        line: int,
        found: list[tuple[str, str]],
        text: str,
        where: Callable[[int, str, str], str],
    ) -> None:
        if self.max_reported is None or len(self.rejected) < self.max_reported:
            byte = _sources.undecodable(text)
            if byte is not None:  # the row's other problems follow from it
                found = [("(row)", _sources.encoding_message(byte, self.encoding))]
            self.rejected.append(
                RejectedRow(
                    line=line,
                    errors=tuple(where(line, c, m) for c, m in found),
                    text=text,
                    problems=tuple(found),
                )
            )
        else:
            self.more += 1

    @property
    def keep(self) -> bool:
        """Whether good rows are still worth keeping (not when about to raise)."""
        return self.on_error == "collect" or not (self.rejected or self.more)

    def report(self, *, last: bool = False) -> None:
        """Report the rows read, at the end of a chunk (or of the file)."""
        if (
            self.progress is not None
            and self.rows != self.reported
            and (last or self.rows % self.chunk_rows == 0)
        ):
            self.reported = self.rows
            self.progress(self.rows)

    def take_observations(
        self,
        chunk: _sources.Chunk,
        where: Callable[[int, str, str], str],
        *,
        cells: bool,
    ) -> None:
        """Check a chunk of observations; keep the good rows, reject the bad ones."""
        columns = chunk.columns
        coded = self.checker.check(columns, chunk.problems, cells=cells)
        lines, problems = chunk.lines, chunk.problems
        good: list[bool] | None = None
        if problems:
            good = [True] * len(lines)
            for i in sorted(problems):
                good[i] = False
                self.reject(lines[i], problems[i], chunk.text(i), where)
        self.rows += len(lines)
        if self.keep:
            self.table.add(coded, columns, good, lines)

    def take_facts(
        self,
        chunk: _sources.Chunk,
        data_of: Callable[[int], object],
        where: Callable[[int, str, str], str],
        *,
        allow_bsn_like_ids: bool,
    ) -> None:
        """Build the facts of a chunk one by one; keep the good, reject the bad."""
        for i, line in enumerate(chunk.lines):
            self.rows += 1
            found = chunk.problems.get(i)
            fact = None
            if found is None:
                fact, found = _sources.structure_fact(
                    self.kind, data_of(i), allow_bsn_like_ids=allow_bsn_like_ids
                )
            if found:
                self.reject(line, found, chunk.text(i), where)
            elif self.keep:
                self.facts.append(fact)
                self.fact_lines.append(line)

    def finish(self) -> ReadResult:
        self.report(last=True)
        if self.on_error == "raise" and (self.rejected or self.more):
            errors = [e for row in self.rejected for e in row.errors]
            if self.more:
                errors.append(f"... and {self.more} more rejected rows")
            raise InvalidDocument(errors)
        if self.kind == "observations":
            # Every row kept was checked as Records.from_columns checks it.
            records = self.table.records(self.checker)
            lines = SourceLines.of_observations(self.table, self.checker)
        else:
            records = Records(**{self.kind: self.facts})
            lines = SourceLines.of_facts(self.kind, self.facts, self.fact_lines)
        return ReadResult(
            records=records,
            rows=self.rows,
            rejected=tuple(self.rejected),
            more_rejected=self.more,
            lines=lines,
        )


def _check_options(
    kind: object, on_error: object, max_reported: object, chunk_rows: object
) -> None:
    if kind not in FACT_KINDS:
        raise InvalidValue(
            "kind", kind, f"expected one of {', '.join(map(repr, FACT_KINDS))}"
        )
    if on_error not in ("raise", "collect"):
        raise InvalidValue("on_error", on_error, "expected 'raise' or 'collect'")
    if max_reported is not None and (
        isinstance(max_reported, bool)
        or not isinstance(max_reported, int)
        or max_reported < 0
    ):
        raise InvalidValue(
            "max_reported",
            max_reported,
            "expected a whole number of 0 or more, or None",
        )
    if (
        isinstance(chunk_rows, bool)
        or not isinstance(chunk_rows, int)
        or chunk_rows < 1
    ):
        raise InvalidValue(
            "chunk_rows", chunk_rows, "expected a whole number of 1 or more"
        )


def _check_delimiter(delimiter: object) -> None:
    if not isinstance(delimiter, str) or len(delimiter) != 1 or delimiter in '\r\n"':
        raise InvalidValue(
            "delimiter", delimiter, "expected one character (not a quote or line break)"
        )


def _csv_where(line: int, column: str, message: str) -> str:
    if column == "(row)":
        return f"{message} @ line {line}"
    column = column.removeprefix("$").removeprefix(".") or "(row)"
    if column == "(row)":
        return f"{message} @ line {line}"
    return f"{message} @ line {line}, column {column!r}"


def _jsonl_where(line: int, path: str, message: str) -> str:
    if path == "(row)":
        return f"{message} @ line {line}"
    if not path.startswith("$"):
        path = f"$.{path}"
    return f"{message} @ line {line}, {path}"


def _cell_data(
    kind: str,
    header: list[str],
    rows: list[list[str]],
    cell_format: _cells.CellFormat,
    i: int,
) -> object:
    return _sources.csv_cell_data(kind, header, rows[i], cell_format)


def _cell_format(
    delimiter: str, decimal: object, date_format: object
) -> _cells.CellFormat:
    if decimal is None:
        decimal = "," if delimiter == ";" else "."
    if decimal not in (".", ","):
        raise InvalidValue("decimal", decimal, "expected '.' or ','")
    if decimal == delimiter:
        raise InvalidValue(
            "decimal", decimal, "expected a decimal separator other than the delimiter"
        )
    if date_format not in _cells.DATE_FORMATS:
        raise InvalidValue(
            "date_format",
            date_format,
            f"expected one of {', '.join(map(repr, _cells.DATE_FORMATS))}",
        )
    return _cells.CellFormat(decimal=str(decimal), date_format=str(date_format))


# -- reading -------------------------------------------------------------------------------


def _sink(  # noqa: PLR0913
    *,
    kind: FactKind,
    on_error: str,
    max_reported: int | None,
    progress: Callable[[int], object] | None,
    chunk_rows: int,
    framework: ResultsFramework | None,
    allow_bsn_like_ids: object,
    encoding: str,
    cell_format: _cells.CellFormat,
) -> _Sink:
    """The sink both readers collect rows in, once the BSN option is checked."""
    if not isinstance(allow_bsn_like_ids, bool):
        raise InvalidValue("allow_bsn_like_ids", allow_bsn_like_ids, "expected a bool")
    return _Sink(
        kind=kind,
        on_error=on_error,
        max_reported=max_reported,
        progress=progress,
        chunk_rows=chunk_rows,
        checker=ObservationChecker(
            framework=framework,
            # The option allows; a caller's allowing_bsn_like_ids() in force too.
            allow_bsn_like_ids=allow_bsn_like_ids
            or _converter.ALLOW_BSN_LIKE_IDS.get(),
            cell_format=cell_format,
        ),
        encoding=encoding,
    )


def _read_quickly(
    source: ReadSource,
    new_sink: Callable[[], _Sink],
    *,
    delimiter: str | None,
    max_line_bytes: int = 0,
) -> tuple[ReadResult | None, _Sink]:
    """Read observations through pyarrow; or give a fresh sink to the row reader.

    The result of :func:`_arrow_read.read <resultframe.serialization._arrow_read.read>`
    when it reads the file, else None and a sink whose checker has seen nothing.
    """
    sink = new_sink()
    if sink.kind != "observations":
        return None, sink
    quick = _arrow_read.read(
        source,
        delimiter=delimiter,
        encoding=sink.encoding,
        checker=sink.checker,
        chunk_rows=sink.chunk_rows,
        progress=sink.progress,
        max_line_bytes=max_line_bytes,
    )
    if quick is None:
        return None, new_sink()
    return ReadResult(records=quick.records, rows=quick.rows, lines=quick.lines), sink


def read_csv(  # noqa: PLR0913
    source: ReadSource,
    kind: FactKind = "observations",
    *,
    framework: ResultsFramework | None = None,
    on_error: Literal["raise", "collect"] = "raise",
    max_reported: int | None = 1000,
    progress: Callable[[int], object] | None = None,
    delimiter: str = ",",
    allow_bsn_like_ids: bool = False,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    encoding: str = "utf-8",
    decimal: str | None = None,
    date_format: str = "yyyy-mm-dd",
) -> ReadResult:
    r"""Read facts of one kind from a CSV file with a header row.

    The header names the columns (:data:`COLUMNS`; optional ones may be left
    out, in any order). An empty cell of an optional column takes the default.
    A ``value`` cell is typed by its indicator's measure when *framework* is
    given (a number for quantity and percentage, a whole number for ordinal,
    ``true`` or ``false`` for binary, the text as it is for qualitative), and by
    :func:`infer_value` without one.

    >>> import datetime as dt, io
    >>> text = "indicator,subject,on,value\nzrm-fin,r-001,2025-03-01,2\n"
    >>> read_csv(io.StringIO(text)).records.latest(
    ...     "zrm-fin", "r-001", on=dt.date(2025, 12, 31)).value
    2

    Args:
        source: A path, or a file object: binary, or text (opened with
            ``newline=""``; then *encoding* does not apply).
        kind: What the rows are.
        framework: Types values by their indicator; refuses unknown indicators.
        on_error: ``"raise"``: raise if any row is bad; ``"collect"``: return the
            good rows and the rejected ones.
        max_reported: List at most this many rejected rows (None: all); further
            ones are counted.
        progress: Called with the number of rows read so far, after each chunk.
        delimiter: The cell separator (``";"`` in Dutch spreadsheet exports).
        allow_bsn_like_ids: Accept subject ids that pass the BSN eleven test.
        chunk_rows: How many rows make a chunk, after which *progress* is called
            (rows are read and checked in batches of at most 1,024 within it).
        encoding: The encoding of a file without a byte order mark (``"cp1252"``
            for what Excel saves as plain "CSV"); a byte order mark decides
            UTF-8 or UTF-16. A row that is not valid in it is rejected.
        decimal: The decimal separator of numbers, ``"."`` or ``","``; by
            default ``","`` when *delimiter* is ``";"`` (Dutch spreadsheets),
            else ``"."``. See :func:`~resultframe.serialization.facts.read_csv`'s
            rules in the documentation (thousands separators, ambiguity).
        date_format: How days are written: ``"yyyy-mm-dd"`` or ``"d-m-yyyy"``
            (also ``dd-mm-yyyy``, and ISO days).

    Raises:
        InvalidDocument: the header is missing or wrong, or (with
            ``on_error="raise"``) rows are bad; ``.errors`` lists every problem.
        InvalidValue: an option is not valid.
    """
    _check_options(kind, on_error, max_reported, chunk_rows)
    _check_delimiter(delimiter)
    encoding = _sources.check_encoding(encoding)
    cell_format = _cell_format(delimiter, decimal, date_format)
    new_sink = functools.partial(
        _sink,
        kind=kind,
        on_error=on_error,
        max_reported=max_reported,
        progress=progress,
        chunk_rows=chunk_rows,
        framework=framework,
        allow_bsn_like_ids=allow_bsn_like_ids,
        encoding=encoding,
        cell_format=cell_format,
    )
    token = _converter.ALLOW_BSN_LIKE_IDS.set(
        allow_bsn_like_ids or _converter.ALLOW_BSN_LIKE_IDS.get()
    )
    try:
        quick, sink = _read_quickly(source, new_sink, delimiter=delimiter)
        if quick is not None:
            return quick
        with _sources.open_text(source, "r", newline="", encoding=encoding) as handle:
            reader = csv.reader(handle, delimiter=delimiter, strict=True)
            header = _sources.read_header(reader, kind, encoding)
            if kind == "observations":
                for chunk in _sources.csv_observation_chunks(
                    handle,
                    header,
                    reader.line_num,
                    _sources.batch_sizes(chunk_rows),
                    delimiter,
                ):
                    sink.take_observations(chunk, _csv_where, cells=True)
                    sink.report()
            else:
                for chunk in _sources.csv_row_chunks(
                    reader, len(header), chunk_rows, delimiter
                ):
                    sink.take_facts(
                        chunk,
                        functools.partial(
                            _cell_data, kind, header, chunk.rows, cell_format
                        ),
                        _csv_where,
                        allow_bsn_like_ids=allow_bsn_like_ids,
                    )
                    sink.report()
    except UnicodeDecodeError as e:  # what surrogateescape cannot hold (UTF-16)
        raise InvalidDocument(
            [_sources.encoding_message(e.object[e.start], e.encoding)]
        ) from None
    finally:
        _converter.ALLOW_BSN_LIKE_IDS.reset(token)
    return sink.finish()


def read_jsonl(  # noqa: PLR0913
    source: ReadSource,
    kind: FactKind = "observations",
    *,
    framework: ResultsFramework | None = None,
    on_error: Literal["raise", "collect"] = "raise",
    max_reported: int | None = 1000,
    progress: Callable[[int], object] | None = None,
    allow_bsn_like_ids: bool = False,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    max_line_bytes: int = 1024 * 1024,
    encoding: str = "utf-8",
) -> ReadResult:
    """Read facts of one kind from a JSON Lines file: one JSON object per line.

    Each object has the keys a document uses for the fact, such as
    ``{"indicator": "zrm-fin", "subject": "r-001", "on": "2025-03-01", "value":
    2}``; values keep their JSON type. Blank lines are skipped. The options are
    those of :func:`read_csv`.

    Args:
        source: A path, or a file object (binary, or text).
        kind: What the rows are.
        framework: Refuses observations of indicators it does not have.
        on_error: ``"raise"`` or ``"collect"``, as for :func:`read_csv`.
        max_reported: List at most this many rejected rows (None: all).
        progress: Called with the number of rows read so far, after each chunk.
        allow_bsn_like_ids: Accept subject ids that pass the BSN eleven test.
        chunk_rows: How many rows make a chunk, after which *progress* is called
            (rows are read and checked in batches of at most 1,024 within it).
        max_line_bytes: Reject longer lines (characters, after decoding).
        encoding: The encoding of a file without a byte order mark.

    Raises:
        InvalidDocument: with ``on_error="raise"``, rows are bad.
        InvalidValue: an option is not valid.
    """
    _check_options(kind, on_error, max_reported, chunk_rows)
    _json.check_limits(max_line_bytes, _json.DEFAULT_MAX_DEPTH)
    encoding = _sources.check_encoding(encoding)
    new_sink = functools.partial(
        _sink,
        kind=kind,
        on_error=on_error,
        max_reported=max_reported,
        progress=progress,
        chunk_rows=chunk_rows,
        framework=framework,
        allow_bsn_like_ids=allow_bsn_like_ids,
        encoding=encoding,
        cell_format=_cells.CellFormat(),
    )
    token = _converter.ALLOW_BSN_LIKE_IDS.set(
        allow_bsn_like_ids or _converter.ALLOW_BSN_LIKE_IDS.get()
    )
    try:
        quick, sink = _read_quickly(
            source, new_sink, delimiter=None, max_line_bytes=max_line_bytes
        )
        if quick is not None:
            return quick
        with _sources.open_text(source, "r", newline=None, encoding=encoding) as handle:
            if kind == "observations":
                for chunk in _sources.jsonl_observation_chunks(
                    iter(handle),
                    sizes=_sources.batch_sizes(chunk_rows),
                    max_line_bytes=max_line_bytes,
                ):
                    sink.take_observations(chunk, _jsonl_where, cells=False)
                    sink.report()
            else:
                for chunk in _sources.jsonl_chunks(
                    enumerate(handle, start=1),
                    observations=False,
                    chunk_rows=chunk_rows,
                    max_line_bytes=max_line_bytes,
                ):
                    values = chunk.columns["$"]
                    sink.take_facts(
                        chunk,
                        values.__getitem__,
                        _jsonl_where,
                        allow_bsn_like_ids=allow_bsn_like_ids,
                    )
                    sink.report()
    except UnicodeDecodeError as e:  # what surrogateescape cannot hold (UTF-16)
        raise InvalidDocument(
            [_sources.encoding_message(e.object[e.start], e.encoding)]
        ) from None
    finally:
        _converter.ALLOW_BSN_LIKE_IDS.reset(token)
    return sink.finish()


# -- writing -------------------------------------------------------------------------------


def _facts_of(records: Records, kind: str) -> Iterable[Any]:
    if kind == "observations":
        return records
    return getattr(records, kind)  # type: ignore[no-any-return]


def write_csv(  # noqa: PLR0913
    records: Records,
    destination: Source,
    kind: FactKind = "observations",
    *,
    framework: ResultsFramework | None = None,
    delimiter: str = ",",
    decimal: str | None = None,
) -> int:
    """Write facts of one kind from *records* as CSV, header first; return the rows.

    Observation values are written so that :func:`read_csv` reads them back the
    same: ``true``/``false``, whole numbers, and decimal numbers as Python writes
    them. Without *framework*, a text value that would read back as something
    else (``"12"``, ``"true"``) cannot be written: pass the framework, to write
    and read values by their indicator's measure.

    A text with the NUL character (U+0000) cannot be written: the :mod:`csv`
    module of Python 3.10 can neither write nor read it. JSON Lines can.

    *decimal* is the decimal separator, as for :func:`read_csv` (by default
    ``","`` with the delimiter ``";"``).

    Raises:
        InvalidValue: *records* is not Records, an option is not valid, or a fact
            cannot be written so that it reads back the same.
    """
    if not isinstance(records, Records):
        raise InvalidValue("records", type(records).__name__, "expected Records")
    _check_options(kind, "raise", None, 1)
    _check_delimiter(delimiter)
    cell_format = _cell_format(delimiter, decimal, "yyyy-mm-dd")
    with _sources.open_text(destination, "w", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\r\n")
        if kind == "observations":
            return _write_csv_observations(records, writer, framework, cell_format)
        header = list(COLUMNS[kind])
        if kind == "subjects":
            keys = sorted({k for s in records.subjects for k, _ in s.dimensions})
            header += [f"{DIMENSION}{k}" for k in keys]
        writer.writerow(header)
        count = 0
        for i, fact in enumerate(_facts_of(records, kind)):
            if kind == "subjects" and fact.name == "":
                raise InvalidValue(
                    f"subjects[{i}].name",
                    "",
                    "expected None or a name that is not empty (an empty cell reads "
                    "as None)",
                )
            data = _flatten(_converter.unstructure(fact, _sources.CLASSES[kind]))
            row = [_cell(data.get(name), cell_format.decimal) for name in header]
            if any("\0" in cell for cell in row):
                _refuse_nul(f"{kind}[{i}]", header, row)
            writer.writerow(row)
            count += 1
        return count


def _flatten(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            prefix = DIMENSION if key == "dimensions" else f"{key}."
            for inner, x in value.items():
                out[f"{prefix}{inner}"] = x
        else:
            out[key] = value
    return out


def _cell(value: object, decimal: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return _cells.value_text(value, decimal)
    return str(value)


def _write_csv_observations(
    records: Records,
    writer: Any,  # noqa: ANN401
    framework: ResultsFramework | None,
    cell_format: _cells.CellFormat,
) -> int:
    writer.writerow(COLUMNS["observations"])
    parsers: dict[str, Callable[[str], Any]] = {}
    count = 0
    for i, o in enumerate(records):
        text = _cells.value_text(o.value, cell_format.decimal)
        parse = parsers.get(o.indicator)
        if parse is None:
            known = framework is not None and framework.has_id("indicator", o.indicator)
            measure = framework.indicator(o.indicator).measure if known else None  # type: ignore[union-attr]
            parse = parsers[o.indicator] = _cells.parser_for(measure, cell_format)
        try:
            back = parse(text)
        except _cells.Bad:
            back = _MISSING
        if type(back) is not type(o.value) or back != o.value:
            hint = (
                ""
                if framework is not None
                else "; pass the framework to write it by its indicator's measure"
            )
            raise InvalidValue(
                f"observations[{i}].value",
                f"<a {type(o.value).__name__}>",
                f"expected a value that reads back the same from CSV{hint}",
            )
        row = (o.indicator, o.subject, o.on.isoformat(), text, o.note, o.source)
        if "\0" in text or "\0" in o.note or (o.source and "\0" in o.source):
            _refuse_nul(f"observations[{i}]", COLUMNS["observations"], row)
        writer.writerow(row)
        count += 1
    return count


def _refuse_nul(where: str, header: Iterable[str], row: Iterable[str | None]) -> None:
    """Refuse a row with the NUL character: CSV cannot hold it on every Python."""
    for name, cell in zip(header, row, strict=True):
        if cell and "\0" in cell:
            raise InvalidValue(
                f"{where}.{name}",
                "<text with U+0000>",
                "expected text without the NUL character (U+0000), which a CSV "
                "file cannot hold; write JSON Lines instead",
            )


def write_jsonl(
    records: Records, destination: Source, kind: FactKind = "observations"
) -> int:
    """Write facts of one kind from *records* as JSON Lines; return the rows written.

    One object per line, keys sorted, attributes equal to their default left out.

    Raises:
        InvalidValue: *records* is not Records, or *kind* is not a kind of fact.
    """
    if not isinstance(records, Records):
        raise InvalidValue("records", type(records).__name__, "expected Records")
    _check_options(kind, "raise", None, 1)
    count = 0
    with _sources.open_text(destination, "w", newline=None) as handle:
        for fact in _facts_of(records, kind):
            if kind == "observations":
                data: dict[str, Any] = {
                    "indicator": fact.indicator,
                    "subject": fact.subject,
                    "on": fact.on.isoformat(),
                    "value": fact.value,
                }
                if fact.note:
                    data["note"] = fact.note
                if fact.source:
                    data["source"] = fact.source
            else:
                data = _converter.unstructure(fact, _sources.CLASSES[kind])
            handle.write(
                json.dumps(data, sort_keys=True, ensure_ascii=False, allow_nan=False)
            )
            handle.write("\n")
            count += 1
    return count
