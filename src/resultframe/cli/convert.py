"""``resultframe convert``: facts files (CSV, JSON Lines) into a Parquet directory.

The directory is the one :func:`resultframe.serialization.write_parquet` writes
and :func:`~resultframe.serialization.read_parquet` reads (``observations/``,
optionally in hive partitions such as ``gemeente=0363/year=2025/``, beside
``subjects.parquet``, ``goals.parquet``, ``assessments.parquet`` and
``reviews.json``); ``resultframe evaluate --engine duckdb`` (or ``spark``) reads
the observations from it and the other facts with ``read_parquet(...,
observations=False)``. Every row is checked as ``resultframe check`` checks it
(with a progress bar for a large file when rich is installed) before anything
is written.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from resultframe.cli._common import Failure, os_message
from resultframe.cli._input import fitting_records, load_framework
from resultframe.errors import InvalidValue

if TYPE_CHECKING:
    import argparse

    from resultframe.model import Records


def is_parquet_directory(path: str) -> bool:
    """Whether *path* is a directory written by ``convert`` (or ``write_parquet``)."""
    return (Path(path) / "observations").is_dir()


def other_facts(directory: str | Path) -> Records:
    """The facts of a converted *directory* other than its observations."""
    from resultframe.serialization import read_parquet  # noqa: PLC0415

    return read_parquet(directory, observations=False)


def write(
    records: Records, directory: str | Path, partition_by: list[str] | None = None
) -> int:
    """Write *records* as a Parquet directory; return the observations written."""
    from resultframe.serialization import write_parquet  # noqa: PLC0415

    write_parquet(records, directory, partition_by=partition_by or ())
    return len(records)


def run(args: argparse.Namespace) -> int:
    """Run ``convert``."""
    framework = load_framework(args.framework)
    records = fitting_records(args, framework)
    try:
        n = write(records, args.to, getattr(args, "partition_by", []))
    except OSError as e:
        raise Failure(os_message(e, args.to)) from None
    except InvalidValue as e:
        raise Failure(str(e)) from None
    sys.stdout.write(f"{n} observations written to {args.to}\n")
    return 0
