"""``resultframe convert``: facts files (CSV, JSON Lines) into a Parquet directory.

The directory is what ``resultframe evaluate --engine duckdb`` (or ``spark``)
reads: ``observations/`` as Parquet (see
:func:`resultframe.engines.observations_table`), and the other facts beside it
as JSON Lines (``subjects.jsonl``, ``goals.jsonl``, ``assessments.jsonl``).
Every row is checked as ``resultframe check`` checks it (with a progress bar
for a large file when rich is installed) before anything is written.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from resultframe.cli._common import Failure, os_message
from resultframe.cli._input import fitting_records, load_framework

if TYPE_CHECKING:
    import argparse

    from resultframe.model import Records

OTHER_FACTS = ("subjects", "goals", "assessments")
"""The facts kept beside the observations, one JSON Lines file each."""


def facts_files(directory: str | Path) -> list[str]:
    """The JSON Lines files of the other facts in a converted *directory*."""
    return [
        str(p)
        for kind in OTHER_FACTS
        if (p := Path(directory) / f"{kind}.jsonl").is_file()
    ]


def is_parquet_directory(path: str) -> bool:
    """Whether *path* is a directory written by ``convert``."""
    return (Path(path) / "observations").is_dir()


def write(records: Records, directory: str | Path) -> int:
    """Write *records* as a Parquet directory; return the observations written."""
    from resultframe import engines  # noqa: PLC0415
    from resultframe.serialization import write_jsonl  # noqa: PLC0415

    out = Path(directory)
    engines.write_observations(records, out)
    for kind in OTHER_FACTS:
        write_jsonl(records, out / f"{kind}.jsonl", kind)  # type: ignore[arg-type]
    return len(records)


def run(args: argparse.Namespace) -> int:
    """Run ``convert``."""
    framework = load_framework(args.framework)
    records = fitting_records(args, framework)
    try:
        n = write(records, args.to)
    except OSError as e:
        raise Failure(os_message(e, args.to)) from None
    sys.stdout.write(f"{n} observations written to {args.to}\n")
    return 0
