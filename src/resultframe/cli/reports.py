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
from resultframe.cli.convert import facts_files, is_parquet_directory
from resultframe.errors import InvalidRecords
from resultframe.model import Records

if TYPE_CHECKING:
    import argparse

    from resultframe.evaluation import FrameworkEvaluation
    from resultframe.model import Period, ResultsFramework

__all__ = ["run_agenda", "run_demo", "run_evaluate", "run_lint"]


def run_lint(args: argparse.Namespace) -> int:
    """Run ``lint``: exit code 1 when any advice is an error."""
    from resultframe.report import render_lint  # noqa: PLC0415
    from resultframe.steering import Severity, lint  # noqa: PLC0415

    framework = load_framework(args.framework)
    advice = lint(framework)
    emit(render_lint(advice, format=args.format, lang=args.lang), args.output)
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
    evaluation: FrameworkEvaluation | None = None,
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
            evaluation=evaluation,
        )
    except InvalidRecords as e:
        raise Failure(*problem_lines(e, where)) from None


def _engine_evaluation(
    framework: ResultsFramework,
    source: Records | str,
    facts: Records,
    *,
    args: argparse.Namespace,
) -> FrameworkEvaluation:
    """Evaluate on the engine of ``--engine`` (records or a Parquet directory)."""
    from resultframe import engines  # noqa: PLC0415
    from resultframe.errors import MissingExtra  # noqa: PLC0415

    try:
        return engines.evaluate(
            framework,
            source,
            args.as_of,
            engine=args.engine,
            facts=facts,
            min_group=args.min_group,
            cycle=args.cycle,
        )
    except MissingExtra as e:
        raise Failure(str(e)) from None
    except InvalidRecords as e:
        raise Failure(*problem_lines(e, where(args.records))) from None


def _render(report: Any, fmt: str, lang: str) -> str:  # noqa: ANN401
    """Render a report; without the ``report`` extra, HTML goes without charts."""
    from resultframe.report import charts, render  # noqa: PLC0415

    if fmt == "html" and not charts.available():
        sys.stderr.write(
            f"{PROG}: charts left out: drawing them needs vl-convert-python "
            "(python -m pip install vl-convert-python)\n"
        )
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
    engine = getattr(args, "engine", "python")
    parquet = engine != "python" and any(map(is_parquet_directory, args.records))
    if parquet:
        if len(args.records) != 1:
            msg = "--engine: give one directory written by `convert`"
            raise Usage(msg)
        directory = args.records[0]
        args.records = facts_files(directory)
    records = fitting_records(args, framework) if args.records else Records()
    if not parquet:
        warn(
            likely_mistakes(
                framework, records, as_of=args.as_of, min_group=args.min_group
            )
        )
    evaluation = None
    if engine != "python":
        evaluation = _engine_evaluation(
            framework,
            directory if parquet else records,
            records,
            args=args,
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
        evaluation=evaluation,
    )
    emit(_render(report, args.format, args.lang), args.output)
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
    warn(likely_mistakes(framework, records, min_group=args.min_group))
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
    emit(text, args.output)
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
        warn(likely_mistakes(example.framework(), Records(), min_group=args.min_group))
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
    emit(_render(report, args.format, args.lang), args.output)
    return 0
