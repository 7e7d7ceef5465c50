"""``resultframe validate``: is the framework valid, and do the facts fit it?"""

from __future__ import annotations

import html
import json
import sys
from typing import TYPE_CHECKING, Any, Final

from resultframe.cli._common import LANGS, console, emit, fail, has_rich, warn
from resultframe.cli._input import check_files, csv_options, load_framework
from resultframe.model import Level
from resultframe.serialization.messages import text

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from resultframe.model import Records, ResultsFramework
    from resultframe.serialization import Located

__all__ = ["render_summary", "run", "summary"]

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


def summary(framework: ResultsFramework, records: Records | None) -> dict[str, Any]:
    """What ``validate`` found: counts of the framework and of the records."""
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


def terminal_table() -> bool:
    """Whether to print the summary as a rich table: on a terminal, with rich."""
    return sys.stdout.isatty() and has_rich()


def report_problems(found: Sequence[Located], args: argparse.Namespace) -> int:
    """Print the located problems (at most --max-problems) and return exit code 1.

    As JSON (``--format json``) the list goes to the output; as text, to stderr.
    """
    listed = [p.in_language(args.lang) for p in found[: args.max_problems]]
    if args.format == "json":
        data = {
            "valid": False,
            "count": len(found),
            "listed": len(listed),
            "problems": [p.as_dict() for p in listed],
        }
        emit(json.dumps(data, indent=2, ensure_ascii=False), args.output, args.lang)
        return 1
    lines = [str(p) for p in listed]
    if len(found) > len(listed):
        lines.append(text("cli.more", args.lang, n=len(found) - len(listed)))
    return fail(lines, count=len(found), lang=args.lang)


def run(args: argparse.Namespace) -> int:
    """Run ``validate``."""
    from resultframe.serialization.mistakes import likely_mistakes  # noqa: PLC0415

    framework = load_framework(args.framework)
    records = None
    if args.records:
        records, problems = check_files(args.records, framework, csv_options(args))
        if problems:
            return report_problems(problems, args)
        warn(likely_mistakes(framework, records), args.lang)
    found = summary(framework, records)
    if args.format == "text" and args.output is None and terminal_table():
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
        for key, value in _summary_rows(found, args.lang):
            table.add_row(key, value)
        console().print(table)
        return 0
    emit(render_summary(found, args.format, args.lang), args.output, args.lang)
    return 0
