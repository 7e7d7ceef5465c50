"""``resultframe init`` and ``schema``: files to start from and to check against."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from resultframe.cli._common import PROG, Failure, emit

if TYPE_CHECKING:
    import argparse

__all__ = ["FACT_FILES", "OUTPUTS", "run_init", "run_schema", "schema_kinds"]


def run_init(args: argparse.Namespace) -> int:
    """Run ``init``: write a starter framework."""
    from resultframe import example  # noqa: PLC0415

    path = Path(args.path)
    if path.exists() and not args.force:
        raise Failure(f"{path}: exists already; pass --force to overwrite it")
    path.write_text(example.starter_yaml(), encoding="utf-8")
    sys.stdout.write(
        f"wrote {path}, a starter framework. Next:\n"
        f"  edit it, then: {PROG} validate {path}\n"
        f"                 {PROG} lint {path}\n"
    )
    return 0


FACT_FILES: Final = ("observations", "subjects", "goals", "assessments")
"""The CSV fact files ``schema`` describes as a Frictionless Table Schema."""
OUTPUTS: Final = ("report", "agenda")
"""The JSON documents the command writes whose JSON Schema ``schema`` prints."""


def schema_kinds() -> tuple[str, ...]:
    """Every kind ``resultframe schema`` describes."""
    from resultframe.serialization import KINDS  # noqa: PLC0415

    return (*KINDS, *FACT_FILES, *OUTPUTS)


def run_schema(args: argparse.Namespace) -> int:
    """Run ``schema``: print the schema of a kind of document or fact file.

    A document (framework, records, evaluation, report, agenda) gets its JSON
    Schema; a CSV fact file its Frictionless Table Schema.
    """
    schema: dict[str, Any]
    if args.kind in FACT_FILES:
        from resultframe.serialization.table_schema import (  # noqa: PLC0415
            table_schema,
        )

        schema = table_schema(args.kind)
    elif args.kind == "report":
        from resultframe.report.schema import report_schema  # noqa: PLC0415

        schema = report_schema()
    elif args.kind == "agenda":
        from resultframe.report.schema import agenda_schema  # noqa: PLC0415

        schema = agenda_schema()
    else:
        from resultframe.serialization import json_schema  # noqa: PLC0415

        schema = json_schema(args.kind)
    emit(json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False), args.output)
    return 0
