"""``resultframe init`` and ``schema``: files to start from and to check against."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from resultframe.cli._common import PROG, Failure, emit

if TYPE_CHECKING:
    import argparse

__all__ = ["run_init", "run_schema"]


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


def run_schema(args: argparse.Namespace) -> int:
    """Run ``schema``: print the JSON Schema of a kind of document."""
    from resultframe.serialization import json_schema  # noqa: PLC0415

    schema = json_schema(args.kind)
    emit(json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False), args.output)
    return 0
