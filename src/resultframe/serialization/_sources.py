"""Rows of facts files: the columns of each kind, CSV rows and JSON lines in chunks."""

from __future__ import annotations

import contextlib
import csv
import io
import operator
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final, Literal, TextIO, TypeAlias

import attrs
from cattrs.errors import BaseValidationError

from resultframe.errors import InvalidDocument, InvalidValue
from resultframe.model import ConditionAssessment, Goal, Observation, Subject
from resultframe.privacy import looks_like_bsn
from resultframe.serialization import _cells, _converter, _json
from resultframe.serialization._observations import BSN_MESSAGE, Problems

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "CLASSES",
    "COLUMNS",
    "FACT_KINDS",
    "REQUIRED",
    "Chunk",
    "FactKind",
    "Source",
    "csv_cell_data",
    "csv_line",
    "csv_observation_chunks",
    "csv_row_chunks",
    "jsonl_chunks",
    "open_text",
    "read_header",
    "structure_fact",
]

FactKind: TypeAlias = Literal["observations", "subjects", "goals", "assessments"]
"""The kinds of fact a file can hold, one kind per file."""

Source: TypeAlias = "str | os.PathLike[str] | TextIO"
"""A path, or a file object opened in text mode (for CSV with ``newline=""``)."""

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
_MISSING: Final = object()


def open_text(
    source: Source, mode: Literal["r", "w"], *, newline: str | None
) -> contextlib.AbstractContextManager[TextIO]:
    """Open a path as UTF-8 text (a byte order mark is skipped), or pass a file on."""
    if isinstance(source, str | os.PathLike):
        encoding = "utf-8-sig" if mode == "r" else "utf-8"
        return open(source, mode, encoding=encoding, newline=newline)  # noqa: PTH123
    binary = isinstance(source, io.RawIOBase | io.BufferedIOBase)
    if not binary and hasattr(source, "read" if mode == "r" else "write"):
        return contextlib.nullcontext(source)
    raise InvalidValue(
        "source" if mode == "r" else "destination",
        type(source).__name__,
        "expected a path or a file object opened in text mode",
    )


# -- CSV --------------------------------------------------------------------------------


def read_header(reader: Any, kind: str) -> list[str]:  # noqa: ANN401
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


def csv_observation_chunks(
    reader: Any,  # noqa: ANN401
    header: list[str],
    chunk_rows: int,
    delimiter: str,
) -> Iterator[Chunk]:
    """Yield observation rows of a CSV file as columns, a chunk at a time.

    Rows are not kept: each row's cells go straight into the columns (keeping a
    million small lists alive makes Python's garbage collector work hard). A row
    of the wrong width, or one the CSV parser refuses, stands as empty cells with
    its problem under ``(row)``. Blank lines are skipped.
    """
    width = len(header)
    names = COLUMNS["observations"]
    # An absent optional column reads the "" appended to every row.
    positions = [header.index(n) if n in header else width for n in names]
    cells = operator.itemgetter(*positions)

    def render(chunk: Chunk, i: int) -> str:
        row = [""] * width
        for name, p in zip(names, positions, strict=True):
            if p < width:
                row[p] = chunk.columns[name][i]
        return csv_line(row, delimiter)

    def fresh() -> Chunk:
        return Chunk(render=render, columns={name: [] for name in names})

    chunk = fresh()
    previous = reader.line_num
    while True:
        cols = chunk.columns
        add_indicator, add_subject, add_on, add_value, add_note, add_source = (
            cols[name].append for name in names
        )
        add_line = chunk.lines.append
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
                    row = [""] * width  # noqa: PLW2901
                row.append("")
                indicator, subject, on, value, note, source = cells(row)
                add_indicator(indicator)
                add_subject(subject)
                add_on(on)
                add_value(value)
                add_note(note)
                add_source(source)
                add_line(start)
                if len(chunk.lines) >= chunk_rows:
                    yield chunk
                    chunk = fresh()
                    break
            else:
                break
        except csv.Error as e:
            previous = _unreadable(reader, previous, chunk, e)
            for name in names:
                chunk.columns[name].append("")
    if chunk.lines:
        yield chunk


def _unreadable(reader: Any, previous: int, chunk: Chunk, error: csv.Error) -> int:  # noqa: ANN401
    """Note a row the CSV parser refused; return the line the reader is at."""
    start = previous + 1
    if reader.line_num < start:  # pragma: no cover - the reader did not move
        raise InvalidDocument([f"invalid CSV: {error} @ line {start}"]) from None
    index = len(chunk.lines)
    chunk.texts[index] = ""
    chunk.problems[index] = [("(row)", f"invalid CSV: {error}")]
    chunk.lines.append(start)
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
            previous = _unreadable(reader, previous, chunk, e)
            chunk.rows.append([])
    if chunk.lines:
        yield chunk


def csv_cell_data(kind: str, header: list[str], row: list[str]) -> dict[str, Any]:
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
                value = _cells.number(cell)
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
        if len(line) > max_line_bytes:
            _add_line(chunk, number, "", None, observations=observations)
            chunk.problems[len(chunk.lines) - 1] = [
                ("(row)", f"line longer than the limit of {max_line_bytes} characters")
            ]
        else:
            try:
                value = _json.parse_value(line)
            except ValueError as e:
                if not line.strip():
                    continue
                _add_line(chunk, number, line, None, observations=observations)
                chunk.problems[len(chunk.lines) - 1] = [("(row)", str(e))]
            else:
                found = _add_line(chunk, number, line, value, observations=observations)
                if found:
                    chunk.problems[len(chunk.lines) - 1] = found
        if len(chunk.lines) >= chunk_rows:
            yield chunk
            chunk = Chunk(render=_line_text)
    if chunk.lines:
        yield chunk


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
