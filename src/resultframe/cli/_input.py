"""Reading the files named on the command line, with their problems as lines.

The reading itself (which loader for which suffix, the kind of a facts file,
merging records) is :mod:`resultframe.serialization.files`; here the problems
get their file names, and a large file gets a progress bar on a terminal.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Final

from resultframe.cli._common import Failure, console, os_message
from resultframe.errors import InvalidDocument
from resultframe.model import Records

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from resultframe.model import ResultsFramework
    from resultframe.serialization import Located, ReadResult
    from resultframe.serialization.files import CsvOptions

PROGRESS_BYTES: Final = 4 * 1024 * 1024
"""Files at least this large get a progress bar (on a terminal, with rich)."""


def _document_problems(path: str, error: InvalidDocument) -> Failure:
    return Failure(*(f"{path}: {e}" for e in error.errors))


def load_framework(path: str) -> ResultsFramework:
    """Load a framework from a YAML (``.yaml``, ``.yml``) or JSON (``.json``) file.

    Raises:
        Failure: the file is not a valid framework document.
        OSError: the file cannot be read.
    """
    from resultframe.serialization.files import load_framework_file  # noqa: PLC0415

    try:
        return load_framework_file(path)
    except InvalidDocument as e:
        raise _document_problems(path, e) from None
    except ModuleNotFoundError as e:  # PyYAML is missing
        raise Failure(f"{path}: {e}; or give the framework as .json") from None


def wants_progress(path: str) -> bool:
    """Whether to show a progress bar: a large file, a terminal and rich."""
    if not sys.stderr.isatty() or Path(path).stat().st_size < PROGRESS_BYTES:
        return False
    try:
        import rich.progress  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


def csv_options(args: argparse.Namespace) -> CsvOptions:
    """How the facts files are written: ``--encoding``, ``--decimal``, ``--date-format``."""
    from resultframe.serialization.files import CsvOptions  # noqa: PLC0415

    return CsvOptions(
        encoding=getattr(args, "encoding", "utf-8"),
        decimal=getattr(args, "decimal", None),
        date_format=getattr(args, "date_format", "yyyy-mm-dd"),
    )


def _read_file(
    path: str,
    framework: ResultsFramework,
    options: CsvOptions | None,
    *,
    collect: bool,
) -> Records | ReadResult:
    """Read one file; a large one with a progress bar on a terminal."""
    from resultframe.serialization.files import (  # noqa: PLC0415
        load_records_file,
        read_records_file,
    )

    read = read_records_file if collect else load_records_file
    if not wants_progress(path):
        return read(path, framework, options=options)
    from rich.progress import (  # noqa: PLC0415
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    name = Path(path).name
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(f"{name}: 0 rows", total=Path(path).stat().st_size)

        def report(rows: int, done: int) -> None:
            bar.update(task, completed=done, description=f"{name}: {rows:,} rows")

        return read(path, framework, options=options, progress=report)


def _try_records_file(
    path: str,
    framework: ResultsFramework,
    problems: list[str],
    options: CsvOptions | None,
) -> Records | None:
    """Load one file, or add its problems to *problems* and return None."""
    try:
        records = _read_file(path, framework, options, collect=False)
    except InvalidDocument as e:
        problems += _document_problems(path, e).lines
    except UnicodeDecodeError as e:
        problems.append(
            f"{path}: not {e.encoding} text (invalid byte at offset {e.start}); "
            'save the file as "CSV UTF-8", or give its encoding with --encoding'
        )
    except ModuleNotFoundError as e:  # PyYAML is missing
        problems.append(f"{path}: {e}")
    except OSError as e:
        problems.append(os_message(e, path))
    else:
        return records if isinstance(records, Records) else records.records
    return None


def load_records(
    paths: Sequence[str],
    framework: ResultsFramework,
    options: CsvOptions | None = None,
) -> Records:
    """Load and combine records from documents and facts files.

    Problems of every file are collected before giving up, so one run lists them
    all. (The commands use :func:`check_files`, which also lists every row
    and every fact that does not fit.)

    Raises:
        Failure: files cannot be read as records; one line per problem.
    """
    from resultframe.serialization.files import merge_records  # noqa: PLC0415

    parts: list[Records] = []
    problems: list[str] = []
    for path in paths:
        part = _try_records_file(path, framework, problems, options)
        if part is not None:
            parts.append(part)
    if problems:
        raise Failure(*problems)
    return merge_records(parts)


def check_files(
    paths: Sequence[str],
    framework: ResultsFramework,
    options: CsvOptions | None = None,
) -> tuple[Records, list[Located]]:
    """Every problem of every file, located; a large file with a progress bar.

    See :func:`resultframe.serialization.files.check_files`.
    """
    from resultframe.serialization import files  # noqa: PLC0415

    def read(path: str) -> Records | ReadResult:
        return _read_file(path, framework, options, collect=True)

    return files.check_files(paths, framework, options=options, read=read)


def fitting_records(args: argparse.Namespace, framework: ResultsFramework) -> Records:
    """The records of the command's files, or every problem at its line.

    Raises:
        Failure: a file cannot be read, a row is bad or a fact does not fit.
    """
    records, found = check_files(args.records, framework, csv_options(args))
    if found:
        raise Failure(*map(str, found))
    return records
