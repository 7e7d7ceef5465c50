"""Files: a framework or records from a path, the kind of a facts file, records merged.

What the ``resultframe`` command (and any program that takes file names) needs
to turn paths into objects, without printing anything:

- :func:`load_framework_file` reads a framework from ``.yaml``, ``.yml`` or
  ``.json``;
- :func:`load_records_file` reads records from a records document (``.json``,
  ``.yaml``, ``.yml``) or a facts file (``.csv``, ``.jsonl``, ``.ndjson``), whose
  kind of facts it tells from the header (:func:`sniff_csv`, :func:`sniff_jsonl`),
  and reports how far it got through *progress*;
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

from resultframe.errors import InvalidDocument, InvalidValue
from resultframe.model import Records, ResultsFramework
from resultframe.serialization.documents import loads
from resultframe.serialization.facts import read_csv, read_jsonl
from resultframe.serialization.yaml import load_yaml

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = [
    "FRAMEWORK_SUFFIXES",
    "RECORDS_SUFFIXES",
    "CountingReader",
    "FactsKind",
    "facts_kind",
    "load_framework_file",
    "load_records_file",
    "merge_records",
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


def _first_line(path: str | Path) -> str:
    """The first line of a file that is not blank (at most 64 KiB of it)."""
    with Path(path).open(encoding="utf-8-sig", errors="replace") as handle:
        for _ in range(1000):
            line = handle.readline(64 * 1024)
            if not line:
                break
            if line.strip():
                return line
    return ""


def sniff_csv(path: str | Path) -> tuple[FactsKind, str]:
    """Return the kind of facts and the delimiter of a CSV file, from its header.

    The delimiter is the one of ``,``, ``;`` and tab the header has most of
    (``,`` when it has none).

    Raises:
        OSError: the file cannot be read.
    """
    header = _first_line(path)
    delimiter = max(",;\t", key=header.count)
    if not header.count(delimiter):
        delimiter = ","
    columns = {c.strip().strip('"') for c in header.strip().split(delimiter)}
    return facts_kind(columns), delimiter


def sniff_jsonl(path: str | Path) -> FactsKind:
    """Return the kind of facts of a JSON Lines file, from its first object's keys.

    A first line that is not JSON counts as observations: the reader then
    reports that line.

    Raises:
        OSError: the file cannot be read.
    """
    try:
        first = json.loads(_first_line(path) or "{}")
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
) -> Records:
    """Load records from a records document or a facts file, told apart by suffix.

    ``.json``, ``.yaml`` and ``.yml`` hold a records document; ``.csv``,
    ``.jsonl`` and ``.ndjson`` hold facts, whose kind (observations, subjects,
    goals or assessments) comes from the header (:func:`sniff_csv`,
    :func:`sniff_jsonl`). While a facts file is read, *progress* (if given) is
    called now and then with the rows and the bytes read so far.

    Raises:
        resultframe.errors.InvalidDocument: the file cannot be read as records,
            or its name ends otherwise; ``.errors`` lists every problem.
        UnicodeDecodeError: the file is not UTF-8 text.
        MissingExtra: a YAML file, and PyYAML is not installed.
        OSError: the file cannot be read.
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        return loads(Path(path).read_bytes(), kind="records")
    if suffix in {".yaml", ".yml"}:
        records = load_yaml(Path(path).read_bytes(), kind="records")
        if not isinstance(records, Records):  # pragma: no cover - kind= says
            raise InvalidDocument(["expected a records document"])
        return records
    if suffix == ".csv":
        kind, delimiter = sniff_csv(path)
        return _read_facts(
            path, framework, read_csv, progress, kind=kind, delimiter=delimiter
        )
    if suffix in {".jsonl", ".ndjson"}:
        return _read_facts(
            path, framework, read_jsonl, progress, kind=sniff_jsonl(path)
        )
    message = (
        "expected records as .json, .yaml or .yml (a records document), "
        f".csv or .jsonl (facts), got {suffix!r}"
    )
    raise InvalidDocument([message])


def _read_facts(
    path: str | Path,
    framework: ResultsFramework,
    reader: Callable[..., Any],
    progress: Callable[[int, int], object] | None,
    **options: str,
) -> Records:
    """Read one CSV or JSON Lines file, counting the bytes when asked to."""
    if progress is None:
        return reader(str(path), framework=framework, **options).records  # type: ignore[no-any-return]
    newline = "" if reader is read_csv else None
    with Path(path).open("rb") as raw:
        counting = CountingReader(raw)
        text = io.TextIOWrapper(
            io.BufferedReader(counting), encoding="utf-8-sig", newline=newline
        )

        def report(rows: int) -> None:
            progress(rows, counting.count)

        result = reader(text, framework=framework, progress=report, **options)
    return result.records  # type: ignore[no-any-return]


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
