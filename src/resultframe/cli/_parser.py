"""The arguments of every command: one parser, each command's ``run`` as its default."""

from __future__ import annotations

import argparse

from resultframe.cli import files, reports, validate
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
    notes = argparse.ArgumentParser(add_help=False)
    notes.add_argument(
        "--observation-notes",
        action="store_true",
        help="also show the notes on observations (they may be about residents)",
    )
    return {
        "output": output,
        "records": records,
        "min_group": min_group,
        "notes": notes,
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
    commands = top.add_subparsers(dest="command", metavar="COMMAND", required=True)

    demo = commands.add_parser(
        "demo", parents=[output, min_group, notes], help="evaluate the bundled example"
    )
    demo.set_defaults(run=reports.run_demo)

    init = commands.add_parser("init", help="write a starter framework (YAML)")
    init.add_argument("path", metavar="PATH", nargs="?", default="framework.yaml")
    init.add_argument("--force", action="store_true", help="overwrite PATH")
    init.set_defaults(run=files.run_init)

    check = commands.add_parser(
        "validate",
        parents=[output],
        help="check a framework (and that facts fit it)",
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
        parents=[records, output, min_group, notes],
        help="evaluate a framework on a day and report",
    )
    evaluate.add_argument(
        "--as-of",
        type=day,
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
    evaluate.set_defaults(run=reports.run_evaluate)

    agenda = commands.add_parser(
        "agenda", parents=[records, output, min_group], help="the agenda of a review"
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

    kinds = files.schema_kinds()
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of a document, or the Table Schema of a CSV file",
    )
    schema.add_argument("kind", metavar="KIND", choices=kinds, help=", ".join(kinds))
    schema.add_argument("--output", "-o", metavar="FILE")
    schema.set_defaults(run=files.run_schema)
    return top
