"""Files: a framework or records from a path, the kind of a facts file, records merged.

What the ``resultframe`` command (and any program that takes file names) needs
to turn paths into objects, without printing anything:

- :func:`load_framework_file` reads a framework from ``.yaml``, ``.yml`` or
  ``.json``;
- :func:`load_records_file` reads records from a records document (``.json``,
  ``.yaml``, ``.yml``) or a facts file (``.csv``, ``.jsonl``, ``.ndjson``), whose
  kind of facts it tells from the header (:func:`sniff_csv`, :func:`sniff_jsonl`),
  and reports how far it got through *progress*; :class:`CsvOptions` says how
  the facts files are written (encoding, decimal separator, days);
- :func:`read_records_file` reads the same, keeping the rows of a facts file
  that are good and listing the others;
- :func:`check_files` reads many files and checks their facts against a
  framework: every problem of every file at its file and line, in one list;
- :func:`merge_records` combines the records of several files into one.

>>> facts_kind({"indicator", "subject", "on", "value"})
'observations'
>>> facts_kind({"id", "level"})
'subjects'
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, Literal, TypeAlias

import attrs

from resultframe.errors import (
    InvalidDocument,
    InvalidRecords,
    InvalidValue,
    ResultframeError,
)
from resultframe.model import Records, ResultsFramework
from resultframe.serialization import _sources
from resultframe.serialization._lines import Located, locate, locate_errors, row_code
from resultframe.serialization.documents import loads
from resultframe.serialization.facts import ReadResult, read_csv, read_jsonl
from resultframe.serialization.yaml import load_yaml

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from resultframe.errors import Problem

__all__ = [
    "FRAMEWORK_SUFFIXES",
    "RECORDS_SUFFIXES",
    "CountingReader",
    "CsvOptions",
    "FactsKind",
    "check_files",
    "facts_kind",
    "load_framework_file",
    "load_records_file",
    "merge_records",
    "read_records_file",
    "sniff_csv",
    "sniff_jsonl",
]

FactsKind: TypeAlias = Literal["observations", "subjects", "goals", "assessments"]
"""The kinds of facts a CSV or JSON Lines file holds."""

FRAMEWORK_SUFFIXES: Final = (".yaml", ".yml", ".json")
"""The file name endings a framework may have."""
RECORDS_SUFFIXES: Final = (".json", ".yaml", ".yml", ".csv", ".jsonl", ".ndjson")
"""The file name endings records may have: documents, then facts files."""


def facts_kind(columns: set[str]) -> FactsKind:
    """Tell what a facts file holds from its columns (CSV) or keys (JSON Lines)."""
    if {"condition", "status"} <= columns:
        return "assessments"
    if {"id", "level"} <= columns:
        return "subjects"
    if "target" in columns or any(c.startswith("target.") for c in columns):
        return "goals"
    return "observations"


@attrs.frozen
class CsvOptions:
    """How facts files are written: see :func:`~resultframe.serialization.read_csv`.

    Attributes:
        encoding: The encoding of a file without a byte order mark (``"utf-8"``;
            ``"cp1252"`` for what Excel saves as plain CSV). JSON Lines too.
        decimal: The decimal separator of numbers in CSV files, ``"."`` or
            ``","``; None: ``","`` when the delimiter is ``;``, else ``"."``.
        date_format: How CSV files write days: ``"yyyy-mm-dd"`` or ``"d-m-yyyy"``.
    """

    encoding: str = "utf-8"
    decimal: str | None = None
    date_format: str = "yyyy-mm-dd"


def _first_line(path: str | Path, encoding: str = "utf-8") -> str:
    """The first line of a file that is not blank (at most 64 KiB of it)."""
    try:
        encoding = _sources.check_encoding(encoding)
    except ResultframeError:
        encoding = "utf-8"  # the reader refuses it
    with _sources.open_text(path, "r", newline=None, encoding=encoding) as handle:
        for _ in range(1000):
            line = handle.readline(64 * 1024)
            if not line:
                break
            if line.strip():
                return line
    return ""


def sniff_csv(path: str | Path, encoding: str = "utf-8") -> tuple[FactsKind, str]:
    """Return the kind of facts and the delimiter of a CSV file, from its header.

    The delimiter is the one of ``,``, ``;`` and tab the header has most of
    (``,`` when it has none). A byte order mark decides the encoding, else
    *encoding* does.

    Raises:
        OSError: the file cannot be read.
    """
    header = _first_line(path, encoding)
    delimiter = max(",;\t", key=header.count)
    if not header.count(delimiter):
        delimiter = ","
    columns = {c.strip().strip('"') for c in header.strip().split(delimiter)}
    return facts_kind(columns), delimiter


def sniff_jsonl(path: str | Path, encoding: str = "utf-8") -> FactsKind:
    """Return the kind of facts of a JSON Lines file, from its first object's keys.

    A first line that is not JSON counts as observations: the reader then
    reports that line.

    Raises:
        OSError: the file cannot be read.
    """
    try:
        first = json.loads(_first_line(path, encoding) or "{}")
    except ValueError:
        return "observations"
    return facts_kind(set(first) if isinstance(first, dict) else set())


class CountingReader(io.RawIOBase):
    """A binary file that counts the bytes read from it (for a progress bar)."""

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__()
        self._raw = raw
        self.count = 0
        """How many bytes have been read so far."""

    def readable(self) -> bool:
        """Always true: it is a file to read."""
        return True

    def readinto(self, buffer: Any) -> int:  # noqa: ANN401
        """Read into *buffer* and count what was read."""
        n = self._raw.readinto(buffer)  # type: ignore[attr-defined]
        self.count += n or 0
        return int(n or 0)

    def close(self) -> None:
        """Close the file counted."""
        self._raw.close()
        super().close()


def load_framework_file(path: str | Path) -> ResultsFramework:
    """Load a framework from a YAML (``.yaml``, ``.yml``) or JSON (``.json``) file.

    Raises:
        resultframe.errors.InvalidDocument: the file is not a framework
            document, or its name ends otherwise; ``.errors`` lists every
            problem.
        MissingExtra: a YAML file, and PyYAML is not installed.
        OSError: the file cannot be read.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in FRAMEWORK_SUFFIXES:
        raise InvalidDocument(
            [f"expected a framework as .yaml, .yml or .json, got {suffix!r}"]
        )
    data = Path(path).read_bytes()
    if suffix == ".json":
        return loads(data, kind="framework")
    framework = load_yaml(data, kind="framework")
    if not isinstance(framework, ResultsFramework):  # pragma: no cover - kind= says
        raise InvalidDocument(["expected a framework document"])
    return framework


def load_records_file(
    path: str | Path,
    framework: ResultsFramework,
    *,
    progress: Callable[[int, int], object] | None = None,
    options: CsvOptions | None = None,
) -> Records:
    """Load records from a records document or a facts file, told apart by suffix.

    ``.json``, ``.yaml`` and ``.yml`` hold a records document; ``.csv``,
    ``.jsonl`` and ``.ndjson`` hold facts, whose kind (observations, subjects,
    goals or assessments) comes from the header (:func:`sniff_csv`,
    :func:`sniff_jsonl`), read as *options* say. While a facts file is read,
    *progress* (if given) is called now and then with the rows and the bytes
    read so far.

    Raises:
        resultframe.errors.InvalidDocument: the file cannot be read as records,
            or its name ends otherwise; ``.errors`` lists every problem.
        UnicodeDecodeError: the file cannot be decoded at all (a UTF-16 file
            cut in the middle of a character).
        MissingExtra: a YAML file, and PyYAML is not installed.
        OSError: the file cannot be read.
    """
    read = _read_file(path, framework, progress, options, collect=False)
    return read if isinstance(read, Records) else read.records


def read_records_file(
    path: str | Path,
    framework: ResultsFramework,
    *,
    progress: Callable[[int, int], object] | None = None,
    options: CsvOptions | None = None,
) -> Records | ReadResult:
    """Read a file as :func:`load_records_file` does, keeping a facts file's good rows.

    A records document comes back as Records (it is valid or refused whole); a
    facts file as a :class:`~resultframe.serialization.ReadResult` with every
    rejected row (``on_error="collect"``, no cap) and the line of every kept one.

    Raises:
        The same as :func:`load_records_file`, but not for rows of a facts file.
    """
    return _read_file(path, framework, progress, options, collect=True)


def _read_file(
    path: str | Path,
    framework: ResultsFramework,
    progress: Callable[[int, int], object] | None,
    options: CsvOptions | None,
    *,
    collect: bool,
) -> Records | ReadResult:
    options = options or CsvOptions()
    collecting: dict[str, Any] = (
        {"on_error": "collect", "max_reported": None} if collect else {}
    )
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        return loads(Path(path).read_bytes(), kind="records")
    if suffix in {".yaml", ".yml"}:
        records = load_yaml(Path(path).read_bytes(), kind="records")
        if not isinstance(records, Records):  # pragma: no cover - kind= says
            raise InvalidDocument(["expected a records document"])
        return records
    if suffix == ".csv":
        kind, delimiter = sniff_csv(path, options.encoding)
        return _read_facts(
            path,
            framework,
            read_csv,
            progress,
            kind=kind,
            delimiter=delimiter,
            encoding=options.encoding,
            decimal=options.decimal,
            date_format=options.date_format,
            **collecting,
        )
    if suffix in {".jsonl", ".ndjson"}:
        return _read_facts(
            path,
            framework,
            read_jsonl,
            progress,
            kind=sniff_jsonl(path, options.encoding),
            encoding=options.encoding,
            **collecting,
        )
    message = (
        "expected records as .json, .yaml or .yml (a records document), "
        f".csv or .jsonl (facts), got {suffix!r}"
    )
    raise InvalidDocument([message])


def _read_facts(
    path: str | Path,
    framework: ResultsFramework,
    reader: Callable[..., ReadResult],
    progress: Callable[[int, int], object] | None,
    **options: Any,  # noqa: ANN401
) -> ReadResult:
    """Read one CSV or JSON Lines file, counting the bytes when asked to."""
    if progress is None:
        return reader(str(path), framework=framework, **options)
    with Path(path).open("rb") as raw:
        counting = CountingReader(raw)
        binary = io.BufferedReader(counting)

        def report(rows: int) -> None:
            progress(rows, counting.count)

        return reader(binary, framework=framework, progress=report, **options)


def _rejected(path: str, result: ReadResult) -> list[Located]:
    """The rows a reader rejected, each problem at its line and column."""
    csv = Path(path).suffix.lower() == ".csv"
    found = []
    for row in result.rejected:
        for column, message in row.problems:
            where = None if column == "(row)" else column
            if where is not None and csv:
                where = where.removeprefix("$").removeprefix(".") or None
            found.append(
                Located(
                    file=path,
                    line=row.line,
                    column=where,
                    code=row_code(column, message),
                    message=message,
                )
            )
    return found


def _unreadable(path: str, error: Exception) -> Located:
    """A file that could not be read at all, as one problem without a line."""
    if isinstance(error, InvalidDocument):  # pragma: no cover - located by lines
        message = "; ".join(error.errors)
    elif isinstance(error, UnicodeDecodeError):
        message = (
            f"not {error.encoding} text (invalid byte at offset {error.start}); "
            'save the file as "CSV UTF-8", or read it with the encoding it was '
            "saved in"
        )
    elif isinstance(error, OSError):
        return Located(
            file=path,
            line=None,
            column=None,
            code="unreadable",
            message=error.strerror or str(error),
        )
    else:
        message = str(error)
    return Located(
        file=path, line=None, column=None, code="invalid_file", message=message
    )


def check_files(
    paths: Sequence[str],
    framework: ResultsFramework,
    *,
    options: CsvOptions | None = None,
    read: Callable[[str], Records | ReadResult] | None = None,
) -> tuple[Records, list[Located]]:
    """Read every file, check the facts against *framework*; every problem, located.

    Rows a reader rejects and problems between the rows it kept
    (:meth:`Records.check <resultframe.Records.check>`) come in one list, each
    at its file and line (:class:`~resultframe.serialization.Located`), in the
    order of *paths* and then of lines. A file that cannot be read at all is
    one problem without a line (code ``unreadable``, or ``invalid_file``).

    Args:
        paths: Records documents and facts files.
        framework: The framework the facts must fit.
        options: How the facts files are written.
        read: How to read one path (default :func:`read_records_file` with
            *options*); a program may pass one that shows progress.

    Returns:
        The records of all files together (of the good rows, when there are
        problems), and the problems.
    """

    def default(path: str) -> Records | ReadResult:
        return read_records_file(path, framework, options=options)

    read_one = read or default
    found: list[Located] = []
    parts: list[Records] = []
    results: dict[str, ReadResult] = {}
    documents: list[str] = []
    for path in paths:
        try:
            part = read_one(path)
        except InvalidDocument as e:
            found += locate_errors(path, e.errors)
            continue
        except (UnicodeDecodeError, ModuleNotFoundError, OSError) as e:
            found.append(_unreadable(path, e))
            continue
        if isinstance(part, Records):
            documents.append(path)
            parts.append(part)
            continue
        results[path] = part
        parts.append(part.records)
        found += _rejected(path, part)
    try:
        records = merge_records(parts) if parts else Records()
        problems: Sequence[Problem] = records.check(framework)
    except InvalidRecords as e:
        records, problems = Records(), e.problems
    found += locate(problems, results, documents=documents)
    order = {path: i for i, path in enumerate(paths)}
    found.sort(key=lambda p: (order.get(p.file, len(order)), p.line or 0))
    return records, found


def merge_records(parts: Sequence[Records]) -> Records:
    """Return the records of all *parts* together: the others added to the largest.

    Raises:
        InvalidValue: *parts* is empty or holds something other than Records, or
            a subject of one part conflicts with one of another.
    """
    if not parts or not all(isinstance(p, Records) for p in parts):
        raise InvalidValue("parts", len(parts), "expected one or more Records")
    ordered = sorted(parts, key=len, reverse=True)
    records = ordered[0]
    for other in ordered[1:]:
        records = records.add(
            other.subjects,
            other.goals,
            other.assessments,
            other.reviews,
            iter(other) if len(other) else (),
        )
    return records
