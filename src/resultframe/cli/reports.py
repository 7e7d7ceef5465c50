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
from resultframe.cli.convert import is_parquet_directory, other_facts
from resultframe.errors import InvalidRecords
from resultframe.model import Records
from resultframe.serialization import messages

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
    round_to: int | None,
    observation_notes: bool,
    where: str,
    evaluation: FrameworkEvaluation | None = None,
    confidence: float | None = None,
) -> Any:  # noqa: ANN401
    """The report, with its evaluation protected as one publication and audited.

    Raises:
        Failure: the facts do not fit, or the audit finds a withheld count that
            the published figures narrow below the promised protection.
    """
    from resultframe.evaluation import evaluate  # noqa: PLC0415
    from resultframe.report import build_report  # noqa: PLC0415

    try:
        known = records.as_of(as_of)
        if evaluation is None:
            evaluation = evaluate(
                framework,
                known,
                as_of,
                min_group=min_group,
                cycle=cycle,
                confidence=confidence,
            )
        released = _audited(framework, known, as_of, evaluation, min_group, round_to)
        return build_report(
            framework,
            records,
            as_of=as_of,
            cycle=cycle,
            period=period,
            min_group=min_group,
            include_observation_notes=observation_notes,
            evaluation=released,
        )
    except InvalidRecords as e:
        raise Failure(*problem_lines(e, where)) from None


DEMO_CONFIDENCE = 0.95
"""The confidence level of the demo's intervals without ``--confidence``."""

_NOT_AUDITED = (
    "disclosure audit not run: the report's tables are not purely hierarchical "
    "and the audit of such tables needs SciPy (python -m pip install "
    "'resultframe[audit]'); cells were withheld over all tables, but no interval "
    "was checked"
)


def _audited(  # noqa: PLR0913, PLR0917
    framework: ResultsFramework,
    known: Records,
    as_of: dt.date,
    evaluation: Any,  # noqa: ANN401
    min_group: int,
    round_to: int | None,
) -> Any:  # noqa: ANN401
    """The evaluation as one publication releases it, once its audit passes.

    Every roll-up the report shows joins one :func:`publication` (cells withheld
    over all of them, counts rounded with *round_to*); :func:`audit` then
    computes each withheld cell's interval. Without SciPy only hierarchical
    tables can be audited: the others are named on stderr as not audited.
    """
    from resultframe.errors import MissingExtra  # noqa: PLC0415
    from resultframe.evaluation.disclosure import audit, publication  # noqa: PLC0415

    released = publication(
        framework,
        known,
        as_of,
        min_group=min_group,
        round_to=round_to,
        evaluation=evaluation,
    )
    try:
        result = audit(released)
    except MissingExtra:
        warn([_NOT_AUDITED])
        return released.evaluation
    if not result.passed:
        n = len(result.failures)
        raise Failure(
            f"disclosure audit failed: {n} withheld count{'s' if n != 1 else ''} "
            f"can be narrowed below the promised protection ({result.protection}) "
            "from the published figures; no report written. Raise --min-group or "
            "use --round-counts 5",
            *(
                f"table {c.table}: a withheld cell "
                f"({'split by a dimension' if c.dimension is not None else 'plain'}) "
                f"is pinned to {c.width:g} wide"
                for c in result.failures
            ),
        )
    return released.evaluation


def _engine_evaluation(
    framework: ResultsFramework,
    source: Records | str,
    facts: Records,
    *,
    as_of: dt.date,
    args: argparse.Namespace,
) -> FrameworkEvaluation:
    """Evaluate on the engine of ``--engine`` (records or a Parquet directory)."""
    from resultframe import engines  # noqa: PLC0415
    from resultframe.errors import MissingExtra  # noqa: PLC0415

    try:
        return engines.evaluate(
            framework,
            source,
            as_of,
            engine=args.engine,
            facts=facts,
            min_group=args.min_group,
            cycle=args.cycle,
            memory_limit=args.memory_limit,
        )
    except MissingExtra as e:
        raise Failure(str(e)) from None
    except InvalidRecords as e:
        raise Failure(*problem_lines(e, where(args.records))) from None


def _render(report: Any, fmt: str, lang: str) -> str:  # noqa: ANN401
    """Render a report; without the ``report`` extra, HTML goes without charts."""
    from resultframe.report import charts, render  # noqa: PLC0415

    if fmt == "html" and not charts.available():
        sys.stderr.write(f"{PROG}: {messages.text('cli.charts', lang)}\n")
    return render(report, format=fmt, lang=lang)


def _engine_options(
    args: argparse.Namespace, engine: str, confidence: float | None
) -> None:
    """Refuse the options the chosen engine cannot honour (a usage error)."""
    if confidence is not None and engine != "python":
        msg = "--confidence: the engines give no intervals yet (use --engine python)"
        raise Usage(msg)
    if getattr(args, "memory_limit", None) is not None and engine != "duckdb":
        msg = "--memory-limit: only with --engine duckdb"
        raise Usage(msg)


def run_evaluate(args: argparse.Namespace) -> int:
    """Run ``evaluate``.

    With ``--cycle`` and no ``--as-of``, the report is of the last day of the
    cycle's last ended period (or of ``--period``): reports on the cycle's own
    days, not on arbitrary ones, so two reports never differ by a day's facts.
    The report's tables are one publication: withheld cells are decided over all
    of them, counts are rounded with ``--round-counts``, and the disclosure audit
    must pass or no report is written (exit 1).
    """
    from resultframe.serialization.mistakes import likely_mistakes  # noqa: PLC0415

    if args.as_of is None and args.cycle is None:
        msg = "--as-of: required without --cycle (then the last period's end)"
        raise Usage(msg)
    if args.round_counts is not None and args.round_counts < 1:
        msg = "--round-counts: expected 1 or more (CBS rounds to 5)"
        raise Usage(msg)
    confidence = _confidence(args.confidence)
    engine = getattr(args, "engine", "python")
    _engine_options(args, engine, confidence)
    framework = load_framework(args.framework)
    period = None
    as_of = args.as_of
    if args.cycle is not None:
        cycle = cycle_of(framework, args.cycle, args.framework)
        if confidence is None and engine == "python":
            confidence = cycle.chance
        if as_of is None:
            period = period_of(cycle, args.period, dt.date.today())  # noqa: DTZ011
            as_of = period.end
        elif args.period is not None:
            period = period_of(cycle, args.period, as_of)
    elif args.period is not None:
        msg = "--period: needs --cycle (the cycle whose period it is)"
        raise Usage(msg)
    parquet = engine != "python" and any(map(is_parquet_directory, args.records))
    if parquet:
        if len(args.records) != 1:
            msg = "--engine: give one directory written by `convert`"
            raise Usage(msg)
        directory = args.records[0]
        try:
            records = other_facts(directory)
        except InvalidRecords as e:
            raise Failure(*problem_lines(e, directory)) from None
    else:
        records = fitting_records(args, framework) if args.records else Records()
    if not parquet:
        warn(
            likely_mistakes(framework, records, as_of=as_of, min_group=args.min_group),
            args.lang,
        )
    evaluation = None
    if engine != "python":
        evaluation = _engine_evaluation(
            framework,
            directory if parquet else records,
            records,
            as_of=as_of,
            args=args,
        )
        if parquet:
            # The report's roll-ups and their audit need the observations of
            # the derived indicators' sources, its charts those of the groups
            # (meso, macro), its notes the noted ones: only those are read.
            from resultframe import engines  # noqa: PLC0415

            records = engines.source_records(
                framework,
                directory,
                as_of,
                facts=records,
                engine=engine,
                memory_limit=args.memory_limit,
                notes=args.observation_notes,
            )
    report = _evaluate_report(
        framework,
        records,
        as_of=as_of,
        cycle=args.cycle,
        period=period,
        min_group=args.min_group,
        round_to=args.round_counts,
        observation_notes=args.observation_notes,
        where=where(args.records),
        evaluation=evaluation,
        confidence=confidence,
    )
    emit(_render(report, args.format, args.lang), args.output, args.lang)
    return 0


def _confidence(value: float | None) -> float | None:
    """``--confidence``: a level strictly between 0 and 1, or None."""
    if value is not None and not 0 < value < 1:
        msg = f"--confidence: expected a level between 0 and 1 (such as 0.95), got {value}"
        raise Usage(msg)
    return value


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
        round_to=None,
        observation_notes=args.observation_notes,
        where="example",
        # The demo shows what a report can: 95% intervals unless told otherwise.
        confidence=_confidence(args.confidence) or DEMO_CONFIDENCE,
    )
    emit(_render(report, args.format, args.lang), args.output, args.lang)
    return 0
