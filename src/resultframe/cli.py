"""The ``resultframe`` command: run a framework and its data without writing Python.

::

    resultframe demo                                   # the bundled example
    resultframe init framework.yaml                    # a starter framework
    resultframe validate framework.yaml [RECORDS...]   # valid? do the facts fit?
    resultframe lint framework.yaml                    # advice on the design
    resultframe evaluate framework.yaml obs.csv --as-of 2026-09-30
    resultframe agenda framework.yaml obs.csv --cycle kwartaal --period 2026Q3
    resultframe schema framework                       # the JSON Schema

Reports take ``--format text|json|markdown|html``, ``--lang en|nl`` and
``--output FILE``. Exit codes: 0 when all is well, 1 when the input has problems
(each printed to stderr with its file and path or line, never a traceback), 2 for
a usage error (argparse's own message).

The ``cli`` extra installs PyYAML (for YAML frameworks) and rich. rich is only
used when writing to a terminal: a progress bar while reading large facts files,
a table for ``validate``, coloured errors. Output to a file or a pipe is plain
text, the same with or without rich. See ``docs/cli.md``.
"""

from __future__ import annotations

import argparse
import bisect
import codecs
import datetime as dt
import html
import io
import json
import re
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final

import attrs

from resultframe.errors import (
    InvalidDocument,
    InvalidFramework,
    InvalidRecords,
    ResultframeError,
)
from resultframe.model import Level, Records, ResultsFramework

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from resultframe.model import FeedbackCycle, Period

__all__ = ["main"]

PROG: Final = "resultframe"
FORMATS: Final = ("text", "json", "markdown", "html")
LANGS: Final = ("en", "nl")
PROGRESS_BYTES: Final = 4 * 1024 * 1024
"""Files at least this large get a progress bar (on a terminal, with rich)."""

_FRAMEWORK_SUFFIXES: Final = (".yaml", ".yml", ".json")
_QUARTER: Final = re.compile(r"(\d{4})-?[Qq]([1-4])")
_MONTH: Final = re.compile(r"(\d{4})-(\d{2})")


class _Failure(Exception):
    """The input has problems: one readable line per problem."""

    def __init__(self, *lines: str) -> None:
        self.lines = lines
        super().__init__("\n".join(self.lines))


class _Usage(Exception):
    """An option's value is not valid: a usage error (exit code 2)."""


@attrs.frozen
class _CsvOptions:
    """How to read CSV facts files: ``--encoding``, ``--decimal``, ``--date-format``."""

    encoding: str = "utf-8"
    decimal: str | None = None
    date_format: str = "yyyy-mm-dd"

    @classmethod
    def of(cls, args: argparse.Namespace) -> _CsvOptions:
        return cls(
            encoding=getattr(args, "encoding", "utf-8"),
            decimal=getattr(args, "decimal", None),
            date_format=getattr(args, "date_format", "yyyy-mm-dd"),
        )


# -- reading the input -------------------------------------------------------------------


def _document_problems(path: str, error: InvalidDocument) -> _Failure:
    return _Failure(*(f"{path}: {e}" for e in error.errors))


def load_framework(path: str) -> ResultsFramework:
    """Load a framework from a YAML (``.yaml``, ``.yml``) or JSON (``.json``) file.

    Raises:
        _Failure: the file is not a valid framework document.
        OSError: the file cannot be read.
    """
    from resultframe.serialization import load_yaml, loads  # noqa: PLC0415

    suffix = Path(path).suffix.lower()
    if suffix not in _FRAMEWORK_SUFFIXES:
        raise _Failure(
            f"{path}: expected a framework as .yaml, .yml or .json, got {suffix!r}"
        )
    data = Path(path).read_bytes()
    framework: object
    try:
        if suffix == ".json":
            framework = loads(data, kind="framework")
        else:
            framework = load_yaml(data, kind="framework")
    except InvalidDocument as e:
        raise _document_problems(path, e) from None
    except ModuleNotFoundError as e:  # PyYAML is missing
        raise _Failure(f"{path}: {e}; or give the framework as .json") from None
    if not isinstance(framework, ResultsFramework):  # pragma: no cover - kind= says
        raise _Failure(f"{path}: expected a framework document")
    return framework


def _sniff_kind(columns: set[str]) -> str:
    """Tell what a facts file holds from its columns (CSV) or keys (JSON Lines)."""
    if {"condition", "status"} <= columns:
        return "assessments"
    if {"id", "level"} <= columns:
        return "subjects"
    if "target" in columns or any(c.startswith("target.") for c in columns):
        return "goals"
    return "observations"


def _first_line(path: str, encoding: str = "utf-8") -> str:
    """The first line of a file that is not blank (at most 64 KiB of it)."""
    from resultframe.serialization import _sources  # noqa: PLC0415

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


def _sniff_csv(path: str, encoding: str = "utf-8") -> tuple[str, str]:
    """Return the kind of facts and the delimiter of a CSV file, from its header."""
    header = _first_line(path, encoding)
    delimiter = max(",;\t", key=header.count)
    if not header.count(delimiter):
        delimiter = ","
    columns = {c.strip().strip('"') for c in header.strip().split(delimiter)}
    return _sniff_kind(columns), delimiter


def _sniff_jsonl(path: str, encoding: str = "utf-8") -> str:
    """Return the kind of facts of a JSON Lines file, from its first object's keys."""
    try:
        first = json.loads(_first_line(path, encoding) or "{}")
    except ValueError:
        return "observations"  # the reader reports the line
    return _sniff_kind(set(first) if isinstance(first, dict) else set())


class _Counting(io.RawIOBase):
    """A binary file that counts the bytes read from it (for the progress bar)."""

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__()
        self._raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:  # noqa: ANN401
        n = self._raw.readinto(buffer)  # type: ignore[attr-defined]
        self.count += n or 0
        return int(n or 0)

    def close(self) -> None:
        self._raw.close()
        super().close()


def _wants_progress(path: str) -> bool:
    """Whether to show a progress bar: a large file, a terminal and rich."""
    if not sys.stderr.isatty() or Path(path).stat().st_size < PROGRESS_BYTES:
        return False
    try:
        import rich.progress  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


def _read_facts(
    path: str,
    framework: ResultsFramework,
    reader: Callable[..., Any],
    **options: Any,  # noqa: ANN401
) -> Any:  # noqa: ANN401
    """Read one CSV or JSON Lines file, with a progress bar when it is worth one."""
    if not _wants_progress(path):
        return reader(path, framework=framework, **options)
    from rich.progress import (  # noqa: PLC0415
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    size = Path(path).stat().st_size
    with Path(path).open("rb") as raw:
        counting = _Counting(raw)
        binary = io.BufferedReader(counting)
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TimeRemainingColumn(),
            console=_console(stderr=True),
            transient=True,
        ) as bar:
            task = bar.add_task(f"{Path(path).name}: 0 rows", total=size)

            def report(rows: int) -> None:
                bar.update(
                    task,
                    completed=counting.count,
                    description=f"{Path(path).name}: {rows:,} rows",
                )

            return reader(binary, framework=framework, progress=report, **options)


def _load_records_file(
    path: str,
    framework: ResultsFramework,
    csv_options: _CsvOptions | None = None,
    *,
    collect: bool = False,
) -> Any:  # noqa: ANN401
    """Read one file: Records, or (facts files, *collect*) a ReadResult."""
    from resultframe.serialization import (  # noqa: PLC0415
        load_yaml,
        loads,
        read_csv,
        read_jsonl,
    )

    options = csv_options or _CsvOptions()
    collecting: dict[str, Any] = (
        {"on_error": "collect", "max_reported": None} if collect else {}
    )
    suffix = Path(path).suffix.lower()
    try:
        if suffix == ".json":
            return loads(Path(path).read_bytes(), kind="records")
        if suffix in {".yaml", ".yml"}:
            records = load_yaml(Path(path).read_bytes(), kind="records")
            if not isinstance(records, Records):  # pragma: no cover - kind= says
                raise _Failure(f"{path}: expected a records document")
            return records
        if suffix == ".csv":
            kind, delimiter = _sniff_csv(path, options.encoding)
            result = _read_facts(
                path,
                framework,
                read_csv,
                kind=kind,
                delimiter=delimiter,
                encoding=options.encoding,
                decimal=options.decimal,
                date_format=options.date_format,
                **collecting,
            )
            return result if collect else result.records
        if suffix in {".jsonl", ".ndjson"}:
            result = _read_facts(
                path,
                framework,
                read_jsonl,
                kind=_sniff_jsonl(path, options.encoding),
                encoding=options.encoding,
                **collecting,
            )
            return result if collect else result.records
    except InvalidDocument as e:
        raise _document_problems(path, e) from None
    except UnicodeDecodeError as e:
        raise _Failure(
            f"{path}: not {e.encoding} text (invalid byte at offset {e.start}); "
            'save the file as "CSV UTF-8", or give its encoding with --encoding'
        ) from None
    except ModuleNotFoundError as e:  # PyYAML is missing
        raise _Failure(f"{path}: {e}") from None
    raise _Failure(
        f"{path}: expected records as .json, .yaml or .yml (a records document), "
        f".csv or .jsonl (facts), got {suffix!r}"
    )


def _try_records_file(
    path: str,
    framework: ResultsFramework,
    problems: list[str],
    csv_options: _CsvOptions | None = None,
) -> Records | None:
    """Load one file, or add its problems to *problems* and return None."""
    try:
        return _load_records_file(path, framework, csv_options)  # type: ignore[no-any-return]
    except _Failure as e:
        problems += e.lines
    except OSError as e:
        problems.append(_os_message(e, path))
    return None


def load_records(
    paths: Sequence[str],
    framework: ResultsFramework,
    csv_options: _CsvOptions | None = None,
) -> Records:
    """Load and combine records from documents and facts files.

    Problems of every file are collected before giving up, so one run lists them
    all.

    Raises:
        _Failure: files cannot be read as records; one line per problem.
    """
    parts: list[Records] = []
    problems: list[str] = []
    for path in paths:
        part = _try_records_file(path, framework, problems, csv_options)
        if part is not None:
            parts.append(part)
    if problems:
        raise _Failure(*problems)
    return _combine(parts)


def _combine(parts: list[Records]) -> Records:
    """One Records of several (the others added to the largest)."""
    if not parts:
        return Records()
    parts.sort(key=len, reverse=True)  # add the others to the largest
    records = parts[0]
    for other in parts[1:]:
        records = records.add(
            other.subjects,
            other.goals,
            other.assessments,
            other.reviews,
            iter(other) if len(other) else (),
        )
    return records


# -- days, periods, cycles ---------------------------------------------------------------


def _day(text: str) -> dt.date:
    """An argparse type: a day written YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        msg = f"expected a day as YYYY-MM-DD, got {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


def _cycle(framework: ResultsFramework, cycle_id: str, path: str) -> FeedbackCycle:
    if not framework.has_id("cycle", cycle_id):
        known = ", ".join(c.id for c in framework.cycles) or "none"
        raise _Failure(f"{path}: no cycle with id {cycle_id!r} (cycles: {known})")
    return framework.cycle(cycle_id)


def period_day(text: str) -> dt.date:
    """The day a ``--period`` names: ``2026-07-01``, ``2026Q3`` or ``2026-07``.

    A day names the period that contains it; ``2026Q3`` is the first day of that
    calendar quarter, ``2026-07`` the first day of that month; a period written
    as ``START/END`` names its start.

    Raises:
        _Usage: the text is none of these.
    """
    text = text.strip().split("/", 1)[0]
    quarter = _QUARTER.fullmatch(text)
    month = _MONTH.fullmatch(text)
    try:
        if quarter:
            return dt.date(int(quarter[1]), 3 * int(quarter[2]) - 2, 1)
        if month:
            return dt.date(int(month[1]), int(month[2]), 1)
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    msg = (
        f"--period: expected a day (2026-07-01), a quarter (2026Q3) or a month "
        f"(2026-07), got {text!r}"
    )
    raise _Usage(msg)


def _period(cycle: FeedbackCycle, text: str | None, today: dt.date) -> Period:
    """The period of *cycle* that *text* names; by default the last one ended."""
    if text is None:
        ended = [p for p in cycle.periods(until=today) if p.end < today]
        if not ended:
            raise _Failure(
                f"no period of cycle {cycle.id!r} has ended yet (it starts "
                f"{cycle.starts_on}); pass --period"
            )
        return ended[-1]
    day = period_day(text)
    if day < cycle.starts_on:
        msg = f"--period: {text!r} lies before cycle {cycle.id!r} starts ({cycle.starts_on})"
        raise _Usage(msg)
    try:
        return cycle.period_on(day)
    except (OverflowError, ValueError):
        msg = f"--period: {text!r} lies beyond the last day the calendar can hold"
        raise _Usage(msg) from None


# -- output ------------------------------------------------------------------------------


def _console(*, stderr: bool = False) -> Any:  # noqa: ANN401
    from rich.console import Console  # noqa: PLC0415

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def _has_rich() -> bool:
    try:
        import rich  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


def _emit(text: str, output: str | None) -> None:
    """Write *text* to *output* (a file) or to stdout."""
    if not text.endswith("\n"):
        text += "\n"
    if output is None:
        sys.stdout.write(text)
        return
    Path(output).write_text(text, encoding="utf-8")
    sys.stderr.write(f"{PROG}: wrote {output}\n")


def _os_message(error: OSError, path: str | None = None) -> str:
    where = error.filename if error.filename is not None else path
    reason = error.strerror or str(error)
    return f"{where}: {reason}" if where is not None else reason


def _fail(lines: Sequence[str], count: int | None = None) -> int:
    """Print the problems to stderr and return exit code 1."""
    n = len(lines) if count is None else count
    summary = f"{n} problem{'s' if n != 1 else ''} in the input"
    if sys.stderr.isatty() and _has_rich():
        from rich.markup import escape  # noqa: PLC0415

        console = _console(stderr=True)
        for line in lines:
            console.print(f"[bold red]{PROG}:[/] {escape(line)}")
        console.print(f"[bold red]{PROG}:[/] {summary}")
    else:
        for line in lines:
            sys.stderr.write(f"{PROG}: {line}\n")
        sys.stderr.write(f"{PROG}: {summary}\n")
    return 1


def _warn(lines: Sequence[str]) -> None:
    """Print warnings to stderr: probably mistakes, but the command goes on."""
    for line in lines:
        sys.stderr.write(f"{PROG}: warning: {line}\n")


PRIVACY_FLOOR: Final = 10
"""Groups smaller than this are shown only with a warning (``--min-group``)."""
FAR_DAYS: Final = 366
"""``--as-of`` more than this many days from the facts gets a warning."""


def _warnings(
    framework: ResultsFramework,
    records: Records,
    *,
    as_of: dt.date | None = None,
    min_group: int | None = None,
) -> list[str]:
    """What is probably a mistake in the input or the options (not an error)."""
    from resultframe.model import Measure  # noqa: PLC0415

    found: list[str] = []
    if min_group is not None and min_group < PRIVACY_FLOOR:
        found.append(
            f"--min-group {min_group} is below the privacy floor of {PRIVACY_FLOOR}: "
            "small groups of residents may be recognisable"
        )
    agreed = framework.agreement.period
    first: dt.date | None = None
    last: dt.date | None = None
    for indicator_id in records.indicators_observed():
        days = sorted(day for _, day, _ in records.rows(indicator_id))
        if not days:
            continue
        lo, hi = days[0], days[-1]
        first = lo if first is None else min(first, lo)
        last = hi if last is None else max(last, hi)
        outside = bisect.bisect_left(days, agreed.start) + (
            len(days) - bisect.bisect_right(days, agreed.end)
        )
        if outside:
            found.append(
                f"{outside} observation(s) of {indicator_id!r} lie outside the "
                f"agreement's period ({agreed.start} to {agreed.end})"
            )
        if not framework.has_id("indicator", indicator_id):
            continue
        indicator = framework.indicator(indicator_id)
        if indicator.measure is Measure.QUANTITY and _never_negative(indicator):
            negative = sum(
                1
                for _, _, v in records.rows(indicator_id)
                if not isinstance(v, bool | str) and v < 0
            )
            if negative:
                found.append(
                    f"{negative} negative value(s) of {indicator_id!r}, whose "
                    "baseline and targets are all 0 or more"
                )
    found += [
        f"goal {goal.subject}/{goal.indicator}: target by {goal.target.by}, "
        f"after the agreement ends ({agreed.end})"
        for goal in records.goals
        if goal.target.by > agreed.end
    ]
    for indicator in framework.indicators:
        found += [
            f"indicator {indicator.id!r}: target by {t.by}, after the agreement "
            f"ends ({agreed.end})"
            for t in indicator.targets
            if t.by > agreed.end
        ]
    if as_of is not None and first is not None and last is not None:
        if as_of > last + dt.timedelta(days=FAR_DAYS):
            found.append(
                f"--as-of {as_of} is more than a year after the last observation "
                f"({last})"
            )
        elif as_of < first:
            found.append(
                f"--as-of {as_of} lies before the first observation ({first}): "
                "no fact counts"
            )
    return found


def _never_negative(indicator: Any) -> bool:  # noqa: ANN401
    """Whether an indicator's baseline and targets are all 0 or more."""
    numbers = [t.value for t in indicator.targets]
    if indicator.baseline is not None:
        numbers.append(indicator.baseline.value)
    return bool(numbers) and min(numbers) >= 0


def _problem_lines(error: ResultframeError, where: str | None) -> list[str]:
    """One line per problem of *error*, each after *where* (a file), if given."""
    if isinstance(error, InvalidDocument):
        lines = list(error.errors)
    elif isinstance(error, InvalidRecords | InvalidFramework):
        lines = [str(p) for p in error.problems]
    else:
        lines = [str(error)]
    return lines if where is None else [f"{where}: {line}" for line in lines]


# -- the commands --------------------------------------------------------------------------

_SUMMARY: Final = {
    "valid": ("valid", "geldig"),
    "framework": ("Framework", "Resultatenkader"),
    "name": ("name", "naam"),
    "results": ("results", "resultaten"),
    "indicators": ("indicators", "indicatoren"),
    "conditions": ("conditions", "procescondities"),
    "cycles": ("cycles", "terugkoppelcycli"),
    "parties": ("parties", "partijen"),
    "fingerprint": ("fingerprint", "vingerafdruk"),
    "records": ("records", "feiten"),
    "fit": ("fit the framework", "passen bij het kader"),
}


def _word(key: str, lang: str) -> str:
    return _SUMMARY[key][LANGS.index(lang)]


def _summary(framework: ResultsFramework, records: Records | None) -> dict[str, Any]:
    from resultframe.serialization import fingerprint  # noqa: PLC0415

    levels = {
        level.value: len(framework.results_at(level))
        for level in Level
        if framework.results_at(level)
    }
    out: dict[str, Any] = {
        "framework": framework.id,
        "name": framework.name,
        "valid": True,
        "results": len(framework.results),
        "results_per_level": levels,
        "indicators": len(framework.indicators),
        "conditions": len(framework.conditions),
        "cycles": len(framework.cycles),
        "parties": len(framework.parties),
        "fingerprint": fingerprint(framework),
    }
    if records is not None:
        out["records"] = {
            "observations": len(records),
            "subjects": len(records.subjects),
            "goals": len(records.goals),
            "assessments": len(records.assessments),
            "reviews": len(records.reviews),
            "fit": True,
        }
    return out


def _summary_rows(summary: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    levels = ", ".join(
        f"{n} {level}" for level, n in summary["results_per_level"].items()
    )
    rows = [
        (_word("name", lang), str(summary["name"])),
        (_word("results", lang), f"{summary['results']} ({levels})" if levels else "0"),
    ]
    rows += [
        (_word(key, lang), str(summary[key]))
        for key in ("indicators", "conditions", "cycles", "parties", "fingerprint")
    ]
    facts = summary.get("records")
    if facts is not None:
        counts = ", ".join(f"{facts[k]:,} {k}" for k in facts if k != "fit")
        rows.append((_word("records", lang), f"{counts}: {_word('fit', lang)}"))
    return rows


def render_summary(summary: dict[str, Any], fmt: str, lang: str) -> str:
    """Render what ``validate`` found as text, JSON, Markdown or HTML."""
    if fmt == "json":
        return json.dumps(summary, indent=2, ensure_ascii=False)
    title = f"{_word('framework', lang)} {summary['framework']}: {_word('valid', lang)}"
    rows = _summary_rows(summary, lang)
    if fmt == "markdown":
        lines = [f"# {title}", "", "| | |", "|---|---|"]
        lines += ["| {} | {} |".format(k, v.replace("|", "\\|")) for k, v in rows]
        return "\n".join(lines)
    if fmt == "html":
        cells = "".join(
            f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>"
            for k, v in rows
        )
        return (
            f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title></head><body>"
            f"<h1>{html.escape(title)}</h1><table>{cells}</table></body></html>"
        )
    width = max(len(k) for k, _ in rows)
    return "\n".join([title, *(f"  {k:<{width}}  {v}" for k, v in rows)])


_AT_LINE: Final = re.compile(r"(.*) @ line (\d+)(?:, column '([^']*)'|, (\$\S*))?")


def _located_of_lines(path: str, lines: Sequence[str]) -> list[Any]:
    """Problems of a file given as ``path: message @ line N, column 'x'`` lines."""
    from resultframe.serialization import facts  # noqa: PLC0415

    found = []
    for text in lines:
        message = text.removeprefix(f"{path}: ")
        at = _AT_LINE.fullmatch(message)
        if at is None:
            found.append(
                facts.Located(
                    file=path,
                    line=None,
                    column=None,
                    code="invalid_file",
                    message=message,
                )
            )
        else:
            found.append(
                facts.Located(
                    file=path,
                    line=int(at[2]),
                    column=at[3] or at[4],
                    code="invalid_header"
                    if at[2] == "1" and not at[1].startswith("not valid ")
                    else facts.row_code("(row)" if at[3] is None else at[3], at[1]),
                    message=at[1],
                )
            )
    return found


def check_files(
    paths: Sequence[str],
    framework: ResultsFramework,
    csv_options: _CsvOptions | None = None,
) -> tuple[Records, list[Any]]:
    """Read every file, check the facts against *framework*; every problem, located.

    Rows a reader rejects and problems between the rows it kept
    (:meth:`Records.check`) come in one list, each at its file and line
    (:class:`~resultframe.serialization.facts.Located`), in file order.
    """
    from resultframe.errors import Problem  # noqa: PLC0415
    from resultframe.serialization import facts  # noqa: PLC0415

    found: list[Any] = []
    parts: list[Records] = []
    read: dict[str, Any] = {}
    documents: list[str] = []
    for path in paths:
        try:
            part = _load_records_file(path, framework, csv_options, collect=True)
        except _Failure as e:
            found += _located_of_lines(path, e.lines)
            continue
        except OSError as e:
            found.append(
                facts.Located(
                    file=path,
                    line=None,
                    column=None,
                    code="unreadable",
                    message=e.strerror or str(e),
                )
            )
            continue
        if isinstance(part, Records):
            documents.append(path)
            parts.append(part)
            continue
        read[path] = part
        parts.append(part.records)
        for row in part.rejected:
            for column, message in row.problems:
                where = None if column == "(row)" else column
                if where is not None and Path(path).suffix.lower() == ".csv":
                    where = where.removeprefix("$").removeprefix(".") or None
                found.append(
                    facts.Located(
                        file=path,
                        line=row.line,
                        column=where,
                        code=facts.row_code(column, message),
                        message=message,
                    )
                )
    try:
        records = _combine(parts)
        problems: Sequence[Problem] = records.check(framework)
    except InvalidRecords as e:
        records, problems = Records(), e.problems
    found += facts.locate(problems, read, documents=documents)
    order = {path: i for i, path in enumerate(paths)}
    found.sort(key=lambda p: (order.get(p.file, len(order)), p.line or 0))
    return records, found


def _fitting_records(args: argparse.Namespace, framework: ResultsFramework) -> Records:
    """The records of the command's files, or every problem at its line.

    Raises:
        _Failure: a file cannot be read, a row is bad or a fact does not fit.
    """
    records, found = check_files(args.records, framework, _CsvOptions.of(args))
    if found:
        raise _Failure(*map(str, found))
    return records


def _report_problems(found: Sequence[Any], args: argparse.Namespace) -> int:
    """Print the located problems (at most --max-problems) and return exit code 1."""
    listed = list(found[: args.max_problems])
    if args.format == "json":
        data = {
            "valid": False,
            "count": len(found),
            "listed": len(listed),
            "problems": [p.as_dict() for p in listed],
        }
        _emit(json.dumps(data, indent=2, ensure_ascii=False), args.output)
        return 1
    lines = [str(p) for p in listed]
    if len(found) > len(listed):
        lines.append(
            f"... and {len(found) - len(listed)} more (--max-problems lists more)"
        )
    return _fail(lines, count=len(found))


def _cmd_validate(args: argparse.Namespace) -> int:
    framework = load_framework(args.framework)
    records = None
    if args.records:
        records, found = check_files(args.records, framework, _CsvOptions.of(args))
        if found:
            return _report_problems(found, args)
        _warn(_warnings(framework, records))
    summary = _summary(framework, records)
    if args.format == "text" and args.output is None and _terminal_table():
        from rich.table import Table  # noqa: PLC0415

        table = Table(
            title=f"{_word('framework', args.lang)} {framework.id}: "
            f"{_word('valid', args.lang)}",
            title_justify="left",
            show_header=False,
            box=None,
        )
        table.add_column(style="bold")
        table.add_column(overflow="fold")
        for key, value in _summary_rows(summary, args.lang):
            table.add_row(key, value)
        _console().print(table)
        return 0
    _emit(render_summary(summary, args.format, args.lang), args.output)
    return 0


def _terminal_table() -> bool:
    return sys.stdout.isatty() and _has_rich()


def _where(paths: Sequence[str]) -> str:
    return paths[0] if len(paths) == 1 else "records"


def _cmd_lint(args: argparse.Namespace) -> int:
    from resultframe.report import render_lint  # noqa: PLC0415
    from resultframe.steering import Severity, lint  # noqa: PLC0415

    framework = load_framework(args.framework)
    advice = lint(framework)
    _emit(render_lint(advice, format=args.format, lang=args.lang), args.output)
    return 1 if any(a.severity is Severity.ERROR for a in advice) else 0


def _evaluate_report(  # noqa: PLR0913
    framework: ResultsFramework,
    records: Records,
    *,
    as_of: dt.date,
    cycle: str | None,
    period: Period | None,
    min_group: int,
    observation_notes: bool,
    where: str,
) -> Any:  # noqa: ANN401
    from resultframe.report import build_report  # noqa: PLC0415

    try:
        return build_report(
            framework,
            records,
            as_of=as_of,
            cycle=cycle,
            period=period,
            min_group=min_group,
            include_observation_notes=observation_notes,
        )
    except InvalidRecords as e:
        raise _Failure(*_problem_lines(e, where)) from None


def _render(report: Any, fmt: str, lang: str) -> str:  # noqa: ANN401
    """Render a report; without the ``report`` extra, HTML goes without charts."""
    from resultframe.report import charts, render  # noqa: PLC0415

    if fmt == "html" and not charts.available():
        sys.stderr.write(
            f"{PROG}: charts left out: drawing them needs vl-convert-python: "
            "pip install 'resultframe[report]'\n"
        )
    return render(report, format=fmt, lang=lang)


def _cmd_evaluate(args: argparse.Namespace) -> int:
    framework = load_framework(args.framework)
    period = None
    if args.cycle is not None:
        cycle = _cycle(framework, args.cycle, args.framework)
        if args.period is not None:
            period = _period(cycle, args.period, args.as_of)
    elif args.period is not None:
        msg = "--period: needs --cycle (the cycle whose period it is)"
        raise _Usage(msg)
    records = _fitting_records(args, framework)
    _warn(_warnings(framework, records, as_of=args.as_of, min_group=args.min_group))
    report = _evaluate_report(
        framework,
        records,
        as_of=args.as_of,
        cycle=args.cycle,
        period=period,
        min_group=args.min_group,
        observation_notes=args.observation_notes,
        where=_where(args.records),
    )
    _emit(_render(report, args.format, args.lang), args.output)
    return 0


def _cmd_agenda(args: argparse.Namespace) -> int:
    from resultframe.report import render_agenda  # noqa: PLC0415
    from resultframe.steering import agenda  # noqa: PLC0415

    framework = load_framework(args.framework)
    cycle = _cycle(framework, args.cycle, args.framework)
    period = _period(cycle, args.period, dt.date.today())  # noqa: DTZ011
    records = _fitting_records(args, framework)
    _warn(_warnings(framework, records, min_group=args.min_group))
    try:
        items = agenda(framework, records, cycle.id, period)
    except InvalidRecords as e:
        raise _Failure(*_problem_lines(e, _where(args.records))) from None
    text = render_agenda(
        framework,
        items,
        format=args.format,
        lang=args.lang,
        period=period,
        min_group=args.min_group,
        records=records,
    )
    _emit(text, args.output)
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from resultframe import example  # noqa: PLC0415

    if args.min_group < PRIVACY_FLOOR:
        _warn(_warnings(example.framework(), Records(), min_group=args.min_group))
    report = _evaluate_report(
        example.framework(),
        example.records(),
        as_of=example.AS_OF,
        cycle=example.CYCLE,
        period=example.period(),
        min_group=args.min_group,
        observation_notes=args.observation_notes,
        where="example",
    )
    _emit(_render(report, args.format, args.lang), args.output)
    return 0


def _cmd_init(args: argparse.Namespace) -> int:
    from resultframe import example  # noqa: PLC0415

    path = Path(args.path)
    if path.exists() and not args.force:
        raise _Failure(f"{path}: exists already; pass --force to overwrite it")
    path.write_text(example.starter_yaml(), encoding="utf-8")
    sys.stdout.write(
        f"wrote {path}, a starter framework. Next:\n"
        f"  edit it, then: {PROG} validate {path}\n"
        f"                 {PROG} lint {path}\n"
    )
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from resultframe.serialization import json_schema  # noqa: PLC0415

    schema = json_schema(args.kind)
    _emit(json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False), args.output)
    return 0


# -- the parser ------------------------------------------------------------------------------


def _version() -> str:
    from resultframe import __version__  # noqa: PLC0415

    return __version__


def _parser() -> argparse.ArgumentParser:
    from resultframe.serialization import KINDS  # noqa: PLC0415

    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Results-based steering (resultaatgericht sturen): check, "
        "evaluate and report on a results framework and its facts.",
        epilog="Exit codes: 0 fine, 1 the input has problems, 2 usage error. "
        "See docs/cli.md.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    output = argparse.ArgumentParser(add_help=False)
    output.add_argument(
        "--format", choices=FORMATS, default="text", help="output format (text)"
    )
    output.add_argument("--lang", choices=LANGS, default="en", help="language (en)")
    output.add_argument(
        "--output", "-o", metavar="FILE", help="write to FILE instead of stdout"
    )
    records = argparse.ArgumentParser(add_help=False)
    records.add_argument("framework", metavar="FRAMEWORK", help=".yaml, .yml or .json")
    records.add_argument(
        "records",
        metavar="RECORDS",
        nargs="+",
        help="records documents (.json, .yaml) and facts files (.csv, .jsonl)",
    )
    min_group = argparse.ArgumentParser(add_help=False)
    min_group.add_argument(
        "--min-group",
        type=int,
        default=10,
        metavar="N",
        help="suppress groups of fewer than N residents (10)",
    )
    notes = argparse.ArgumentParser(add_help=False)
    notes.add_argument(
        "--observation-notes",
        action="store_true",
        help="also show the notes on observations (they may be about residents)",
    )
    csv_options = argparse.ArgumentParser(add_help=False)
    csv_options.add_argument(
        "--encoding",
        default="utf-8",
        metavar="NAME",
        help="encoding of facts files without a byte order mark (utf-8); cp1252 "
        "for what Excel saves as plain CSV. A byte order mark means UTF-8 or UTF-16",
    )
    csv_options.add_argument(
        "--decimal",
        choices=(".", ","),
        default=None,
        help="decimal separator of numbers in CSV files (default: ',' when the "
        "delimiter is ';', else '.')",
    )
    csv_options.add_argument(
        "--date-format",
        choices=("yyyy-mm-dd", "d-m-yyyy"),
        default="yyyy-mm-dd",
        help="how CSV files write days (yyyy-mm-dd); d-m-yyyy also reads dd-mm-yyyy",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    demo = commands.add_parser(
        "demo", parents=[output, min_group, notes], help="evaluate the bundled example"
    )
    demo.set_defaults(run=_cmd_demo)

    init = commands.add_parser("init", help="write a starter framework (YAML)")
    init.add_argument("path", metavar="PATH", nargs="?", default="framework.yaml")
    init.add_argument("--force", action="store_true", help="overwrite PATH")
    init.set_defaults(run=_cmd_init)

    validate = commands.add_parser(
        "validate",
        parents=[output, csv_options],
        help="check a framework (and that facts fit it)",
    )
    validate.add_argument(
        "--max-problems",
        type=int,
        default=1000,
        metavar="N",
        help="list at most N problems (1000); the count is of all of them",
    )
    validate.add_argument("framework", metavar="FRAMEWORK", help=".yaml, .yml or .json")
    validate.add_argument(
        "records", metavar="RECORDS", nargs="*", help="facts to check against it"
    )
    validate.set_defaults(run=_cmd_validate)

    lint = commands.add_parser(
        "lint", parents=[output], help="advice on a framework's design"
    )
    lint.add_argument("framework", metavar="FRAMEWORK", help=".yaml, .yml or .json")
    lint.set_defaults(run=_cmd_lint)

    evaluate = commands.add_parser(
        "evaluate",
        parents=[records, output, min_group, notes, csv_options],
        help="evaluate a framework on a day and report",
    )
    evaluate.add_argument(
        "--as-of",
        type=_day,
        required=True,
        metavar="DAY",
        help="the day to evaluate on (YYYY-MM-DD); later facts are not used",
    )
    evaluate.add_argument("--cycle", metavar="ID", help="evaluate for this cycle")
    evaluate.add_argument(
        "--period",
        metavar="PERIOD",
        help="with --cycle: the period of the agenda (2026Q3, 2026-07 or a day in "
        "it); default: the last one ended on or before --as-of",
    )
    evaluate.set_defaults(run=_cmd_evaluate)

    agenda = commands.add_parser(
        "agenda",
        parents=[records, output, min_group, csv_options],
        help="the agenda of a review",
    )
    agenda.add_argument(
        "--cycle", required=True, metavar="ID", help="the feedback cycle's id"
    )
    agenda.add_argument(
        "--period",
        metavar="PERIOD",
        help="a day in the period (2026-07-01), 2026Q3 or 2026-07; default: the "
        "last period that has ended",
    )
    agenda.set_defaults(run=_cmd_agenda)

    schema = commands.add_parser("schema", help="print the JSON Schema of a document")
    schema.add_argument("kind", metavar="KIND", choices=KINDS, help=", ".join(KINDS))
    schema.add_argument("--output", "-o", metavar="FILE")
    schema.set_defaults(run=_cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the ``resultframe`` command with *argv* (default: ``sys.argv[1:]``).

    Returns:
        The exit code: 0 fine, 1 the input has problems, 2 usage error.
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # usage error (2), or --help / --version (0)
        return e.code if isinstance(e.code, int) else 2
    if getattr(args, "min_group", 10) < 0:
        parser.print_usage(sys.stderr)
        sys.stderr.write(f"{PROG}: error: --min-group: expected 0 or more\n")
        return 2
    if getattr(args, "max_problems", 0) < 0:
        parser.print_usage(sys.stderr)
        sys.stderr.write(f"{PROG}: error: --max-problems: expected 0 or more\n")
        return 2
    encoding = getattr(args, "encoding", "utf-8")
    try:
        codecs.lookup(encoding)
    except LookupError:
        parser.print_usage(sys.stderr)
        sys.stderr.write(
            f"{PROG}: error: --encoding: unknown encoding {encoding!r} "
            "(such as utf-8, cp1252, utf-16)\n"
        )
        return 2
    try:
        return int(args.run(args))
    except _Usage as e:
        parser.print_usage(sys.stderr)
        sys.stderr.write(f"{PROG}: error: {e}\n")
        return 2
    except _Failure as e:
        return _fail(e.lines)
    except ResultframeError as e:
        return _fail(_problem_lines(e, None))
    except OSError as e:
        return _fail([_os_message(e)])
    except KeyboardInterrupt:
        sys.stderr.write(f"{PROG}: interrupted\n")
        return 130
