"""``resultframe demo``, ``evaluate``, ``agenda`` and ``lint``: reports people read."""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING, Any

from resultframe.cli._common import (
    PROG,
    Failure,
    Usage,
    emit,
    problem_lines,
    warn,
    where,
)
from resultframe.cli._input import fitting_records, load_framework
from resultframe.cli._periods import cycle_of, period_of
from resultframe.errors import InvalidRecords
from resultframe.serialization import messages

if TYPE_CHECKING:
    import argparse

    from resultframe.model import Period, Records, ResultsFramework

__all__ = ["run_agenda", "run_demo", "run_evaluate", "run_lint"]


def run_lint(args: argparse.Namespace) -> int:
    """Run ``lint``: exit code 1 when any advice is an error."""
    from resultframe.report import render_lint  # noqa: PLC0415
    from resultframe.steering import Severity, lint  # noqa: PLC0415

    framework = load_framework(args.framework)
    advice = lint(framework)
    emit(
        render_lint(advice, format=args.format, lang=args.lang), args.output, args.lang
    )
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
        raise Failure(*problem_lines(e, where)) from None


def _render(report: Any, fmt: str, lang: str) -> str:  # noqa: ANN401
    """Render a report; without the ``report`` extra, HTML goes without charts."""
    from resultframe.report import charts, render  # noqa: PLC0415

    if fmt == "html" and not charts.available():
        sys.stderr.write(f"{PROG}: {messages.text('cli.charts', lang)}\n")
    return render(report, format=fmt, lang=lang)


def run_evaluate(args: argparse.Namespace) -> int:
    """Run ``evaluate``."""
    from resultframe.serialization.mistakes import likely_mistakes  # noqa: PLC0415

    framework = load_framework(args.framework)
    period = None
    if args.cycle is not None:
        cycle = cycle_of(framework, args.cycle, args.framework)
        if args.period is not None:
            period = period_of(cycle, args.period, args.as_of)
    elif args.period is not None:
        msg = "--period: needs --cycle (the cycle whose period it is)"
        raise Usage(msg)
    records = fitting_records(args, framework)
    warn(
        likely_mistakes(framework, records, as_of=args.as_of, min_group=args.min_group),
        args.lang,
    )
    report = _evaluate_report(
        framework,
        records,
        as_of=args.as_of,
        cycle=args.cycle,
        period=period,
        min_group=args.min_group,
        observation_notes=args.observation_notes,
        where=where(args.records),
    )
    emit(_render(report, args.format, args.lang), args.output, args.lang)
    return 0


def run_agenda(args: argparse.Namespace) -> int:
    """Run ``agenda``."""
    from resultframe.report import render_agenda  # noqa: PLC0415
    from resultframe.serialization.mistakes import likely_mistakes  # noqa: PLC0415
    from resultframe.steering import agenda  # noqa: PLC0415

    framework = load_framework(args.framework)
    cycle = cycle_of(framework, args.cycle, args.framework)
    period = period_of(cycle, args.period, dt.date.today())  # noqa: DTZ011
    records = fitting_records(args, framework)
    warn(likely_mistakes(framework, records, min_group=args.min_group), args.lang)
    try:
        items = agenda(framework, records, cycle.id, period)
    except InvalidRecords as e:
        raise Failure(*problem_lines(e, where(args.records))) from None
    text = render_agenda(
        framework,
        items,
        format=args.format,
        lang=args.lang,
        period=period,
        min_group=args.min_group,
        records=records,
    )
    emit(text, args.output, args.lang)
    return 0


def run_demo(args: argparse.Namespace) -> int:
    """Run ``demo``: the bundled example's report."""
    from resultframe import example  # noqa: PLC0415
    from resultframe.model import Records  # noqa: PLC0415
    from resultframe.serialization.mistakes import (  # noqa: PLC0415
        PRIVACY_FLOOR,
        likely_mistakes,
    )

    if args.min_group < PRIVACY_FLOOR:
        warn(
            likely_mistakes(example.framework(), Records(), min_group=args.min_group),
            args.lang,
        )
    # The example is written in both languages: the same ids and data, the
    # framework's own texts in the report's language.
    report = _evaluate_report(
        example.framework(args.lang),
        example.records(args.lang),
        as_of=example.AS_OF,
        cycle=example.CYCLE,
        period=example.period(),
        min_group=args.min_group,
        observation_notes=args.observation_notes,
        where="example",
    )
    emit(_render(report, args.format, args.lang), args.output, args.lang)
    return 0
