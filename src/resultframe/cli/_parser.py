"""The arguments of every command: one parser, each command's ``run`` as its default."""

from __future__ import annotations

import argparse
from typing import Any

from resultframe.cli import convert, files, pseudonymize, reports, validate
from resultframe.cli._common import FORMATS, LANGS, PROG
from resultframe.cli._periods import day


def _version() -> str:
    from resultframe import __version__  # noqa: PLC0415

    return __version__


def _shared() -> dict[str, argparse.ArgumentParser]:
    """The options several commands share, as parent parsers."""
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
    confidence = argparse.ArgumentParser(add_help=False)
    confidence.add_argument(
        "--confidence",
        type=float,
        default=None,
        metavar="LEVEL",
        help="show confidence intervals at LEVEL (such as 0.95) and whether each "
        "deviation is more than chance explains (default: the cycle's chance, "
        "if it declares one; none)",
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
    return {
        "csv_options": csv_options,
        "output": output,
        "records": records,
        "min_group": min_group,
        "notes": notes,
        "confidence": confidence,
    }


def parser() -> argparse.ArgumentParser:
    """The parser of the ``resultframe`` command."""
    top = argparse.ArgumentParser(
        prog=PROG,
        description="Results-based steering (resultaatgericht sturen): check, "
        "evaluate and report on a results framework and its facts.",
        epilog="Exit codes: 0 fine, 1 the input has problems, 2 usage error. "
        "See docs/cli.md.",
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    shared = _shared()
    output, records = shared["output"], shared["records"]
    min_group, notes = shared["min_group"], shared["notes"]
    confidence = shared["confidence"]
    csv_options = shared["csv_options"]
    commands = top.add_subparsers(dest="command", metavar="COMMAND", required=True)

    demo = commands.add_parser(
        "demo",
        parents=[output, min_group, notes, confidence],
        help="evaluate the bundled example (with 95%% intervals unless --confidence)",
    )
    demo.set_defaults(run=reports.run_demo)

    init = commands.add_parser("init", help="write a starter framework (YAML)")
    init.add_argument("path", metavar="PATH", nargs="?", default="framework.yaml")
    init.add_argument("--force", action="store_true", help="overwrite PATH")
    init.set_defaults(run=files.run_init)

    check = commands.add_parser(
        "validate",
        parents=[output, csv_options],
        help="check a framework (and that facts fit it)",
    )
    check.add_argument(
        "--max-problems",
        type=int,
        default=1000,
        metavar="N",
        help="list at most N problems (1000); the count is of all of them",
    )
    check.add_argument("framework", metavar="FRAMEWORK", help=".yaml, .yml or .json")
    check.add_argument(
        "records", metavar="RECORDS", nargs="*", help="facts to check against it"
    )
    check.set_defaults(run=validate.run)

    lint = commands.add_parser(
        "lint", parents=[output], help="advice on a framework's design"
    )
    lint.add_argument("framework", metavar="FRAMEWORK", help=".yaml, .yml or .json")
    lint.set_defaults(run=reports.run_lint)

    evaluate = commands.add_parser(
        "evaluate",
        parents=[records, output, min_group, notes, confidence, csv_options],
        help="evaluate a framework on a day and report",
    )
    evaluate.add_argument(
        "--as-of",
        type=day,
        metavar="DAY",
        help="the day to evaluate on (YYYY-MM-DD); later facts are not used; "
        "with --cycle, by default the last day of its last ended period (or of "
        "--period)",
    )
    evaluate.add_argument(
        "--round-counts",
        type=int,
        metavar="N",
        help="round every published count to a multiple of N (CBS: 5); shares "
        "and means are computed after rounding",
    )
    evaluate.add_argument("--cycle", metavar="ID", help="evaluate for this cycle")
    evaluate.add_argument(
        "--engine",
        choices=("python", "duckdb", "spark"),
        default="python",
        help="the evaluation engine (python); duckdb and spark also read a "
        "directory written by `convert` (the duckdb or spark extra)",
    )
    evaluate.add_argument(
        "--memory-limit",
        metavar="AMOUNT",
        help="with --engine duckdb: the most memory DuckDB may hold, such as 4GB "
        "(beyond it DuckDB spills to disk, which takes longer)",
    )
    evaluate.add_argument(
        "--period",
        metavar="PERIOD",
        help="with --cycle: the period of the agenda (2026Q3, 2026-07 or a day in "
        "it); default: the last one ended on or before --as-of",
    )
    evaluate.set_defaults(run=reports.run_evaluate)

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
    agenda.set_defaults(run=reports.run_agenda)

    _add_pseudonymize(commands)

    conv = commands.add_parser(
        "convert",
        parents=[records, csv_options],
        help="check facts files and write them as a Parquet directory for the "
        "duckdb and spark engines",
    )
    conv.add_argument("--to", required=True, metavar="DIR", help="the directory")
    conv.add_argument(
        "--partition-by",
        action="append",
        default=[],
        metavar="NAME",
        help="hive partitions of the observations, in order: 'year' or a subject "
        "dimension such as 'gemeente' (repeat for more)",
    )
    conv.set_defaults(run=convert.run)

    kinds = files.schema_kinds()
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of a document, or the Table Schema of a CSV file",
    )
    schema.add_argument("kind", metavar="KIND", choices=kinds, help=", ".join(kinds))
    schema.add_argument("--output", "-o", metavar="FILE")
    schema.set_defaults(run=files.run_schema)
    return top


def _add_pseudonymize(commands: Any) -> None:  # noqa: ANN401 - argparse's private type
    """The ``pseudonymize`` command and its options."""
    pseudo = commands.add_parser(
        "pseudonymize",
        help="replace a column of a CSV export by keyed pseudonyms",
        description="Write a copy of a CSV export with one column (BSNs, case "
        "numbers) replaced by keyed pseudonyms (HMAC-SHA-256). The key is read "
        "from a file or an environment variable, never from the command line.",
    )
    pseudo.add_argument("input", metavar="CSV", help="the export to pseudonymize")
    pseudo.add_argument(
        "--column", required=True, metavar="NAME", help="the column to pseudonymize"
    )
    pseudo.add_argument(
        "--output", "-o", required=True, metavar="FILE", help="the clean copy"
    )
    keys = pseudo.add_mutually_exclusive_group()
    keys.add_argument(
        "--key-file", metavar="FILE", help="read the key (32 bytes or more) from FILE"
    )
    keys.add_argument(
        "--key-env",
        metavar="NAME",
        help=f"read the key from the environment variable NAME "
        f"(default {pseudonymize.KEY_ENV})",
    )
    pseudo.add_argument(
        "--delimiter",
        metavar="CHAR",
        help="the field separator (default: ';' or ',', whichever the file uses)",
    )
    pseudo.add_argument(
        "--encoding",
        default="utf-8-sig",
        metavar="NAME",
        help="the file's encoding (default utf-8, with or without BOM; Excel's "
        "default is cp1252)",
    )
    pseudo.add_argument(
        "--lang", choices=LANGS, default="en", help="language of messages (en)"
    )
    pseudo.set_defaults(run=pseudonymize.run)
