"""What a report may show (weergave): the evaluation as rows, with privacy applied.

Every renderer (text, Markdown, HTML, JSON) reads these rows, never the evaluation
directly, so the privacy rules live in one place:

- a derived group the roll-up suppressed shows as *suppressed*, never as a value
  (the evaluation's suppression is taken as it is, never recomputed);
- a micro indicator shows its residents together, never one by one: counts per
  status and mean progress, withheld when fewer than ``min_group`` residents
  have data (or are judged against a target, for the progress);
- a micro deviation is withheld in the same way.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from resultframe.errors import InvalidValue
from resultframe.evaluation import (
    ConditionEvaluation,
    Deviation,
    IndicatorEvaluation,
    IndicatorStatus,
    ResultEvaluation,
    expected_value,
    withheld_statuses,
)
from resultframe.evaluation.status import JUDGED_STATUSES
from resultframe.model.definitions import (
    Baseline,
    Indicator,
    ProcessCondition,
    Result,
)
from resultframe.model.enums import Level, Measure
from resultframe.privacy import gives_away, too_few

if TYPE_CHECKING:
    from resultframe.model.definitions import Target
    from resultframe.report._model import Report

__all__ = [
    "DeviationView",
    "GroupRow",
    "IndicatorView",
    "ResultView",
    "deviations",
    "distribution",
    "expected_on",
    "results",
]


@attrs.frozen(kw_only=True)
class GroupRow:
    """One meso or macro subject's figures for an indicator (a neighbourhood)."""

    subject: str
    name: str
    status: IndicatorStatus | None
    suppressed: bool = False
    baseline: float | None = None
    baseline_on: dt.date | None = None
    expected: float | None = None
    observed: float | None = None
    observed_on: dt.date | None = None
    target: float | None = None
    progress: float | None = None
    expected_progress: float | None = None
    deviation: float | None = None
    interval: tuple[float, float] | None = None
    distinguishable: bool | None = None


@attrs.frozen(kw_only=True)
class IndicatorView:
    """An indicator as a report shows it.

    For a micro indicator, ``counts``, ``with_data`` and the progress figures
    stand for its residents together (``withheld`` when too few); ``groups`` is
    empty. The counts of ``withheld_statuses`` are withheld one by one
    (:func:`~resultframe.evaluation.withheld_statuses`): ``counts`` leaves them
    out, ``withheld_count`` is their total, and ``with_data`` is None when the
    residents without data are among them. For a meso or macro indicator, ``groups`` has a row per subject.
    With a confidence (``build_report(..., confidence=)``), ``progress_interval``
    and ``shares`` are the evaluation's intervals, shown only where the figures
    they are about are shown; a group's ``interval`` is its roll-up value's.
    """

    indicator: Indicator
    level: Level
    status: IndicatorStatus
    withheld: bool
    counts: tuple[tuple[IndicatorStatus, int], ...]
    with_data: int | None
    progress: float | None
    expected_progress: float | None
    deviation: float | None
    expected: float | None
    groups: tuple[GroupRow, ...]
    progress_interval: tuple[float, float] | None = None
    distinguishable: bool | None = None
    shares: tuple[tuple[IndicatorStatus, float, float], ...] = ()
    withheld_statuses: tuple[IndicatorStatus, ...] = ()
    withheld_count: int = 0

    @property
    def counted(self) -> int:
        """Every subject counted: the published counts and the withheld ones."""
        return sum(n for _, n in self.counts) + self.withheld_count

    @property
    def baseline(self) -> Baseline | None:
        """The indicator's own baseline, if it has one."""
        return self.indicator.baseline

    @property
    def target(self) -> Target | None:
        """The indicator's final target, if it has one."""
        return self.indicator.final_target


@attrs.frozen(kw_only=True)
class ResultView:
    """A result, its evaluation, its indicators and its conditions."""

    result: Result
    evaluation: ResultEvaluation
    indicators: tuple[IndicatorView, ...]
    conditions: tuple[tuple[ProcessCondition, ConditionEvaluation], ...]


@attrs.frozen(kw_only=True)
class DeviationView:
    """A deviation outside tolerance, its figures withheld for a small group."""

    deviation: Deviation
    withheld: bool


def _expected(
    indicator: Indicator, day: dt.date, baseline: Baseline | None
) -> float | None:
    """The trajectory's value on *day*, or None when there is no trajectory."""
    if (
        indicator.measure is Measure.QUALITATIVE
        or not indicator.targets
        or (baseline is None and indicator.baseline is None)
    ):
        return None
    try:
        return expected_value(indicator, day, baseline=baseline)
    except InvalidValue:  # pragma: no cover - a baseline the model would refuse
        return None


def _micro(
    indicator: Indicator, ie: IndicatorEvaluation, day: dt.date, minimum: int
) -> IndicatorView:
    with_data = ie.n - ie.count(IndicatorStatus.NO_DATA)
    judged = sum(c for s, c in ie.counts if s in JUDGED_STATUSES)
    shown = distribution(ie, minimum)
    withheld = shown is None
    # A protected evaluation publishes progress only for enough residents
    # judged against a target (withheld counts hide how many, not whether),
    # and none without any.
    hide_progress = withheld or (
        (judged == 0 or too_few(judged, minimum)) and not ie.withheld_statuses
    )
    hidden = frozenset(() if shown is None else shown.withheld_statuses)
    return IndicatorView(
        indicator=indicator,
        level=ie.level,
        status=ie.status,
        withheld=withheld,
        counts=() if shown is None else shown.counts,
        with_data=(
            None if withheld or IndicatorStatus.NO_DATA in hidden else with_data
        ),
        withheld_statuses=() if shown is None else shown.withheld_statuses,
        withheld_count=0 if shown is None else shown.withheld_count,
        progress=None if hide_progress else ie.progress,
        expected_progress=None if hide_progress else ie.expected_progress,
        deviation=None if hide_progress else ie.deviation,
        expected=_expected(indicator, day, None),
        groups=(),
        progress_interval=None if hide_progress else ie.progress_interval,
        distinguishable=None if hide_progress else ie.distinguishable,
        shares=() if withheld else tuple(x for x in ie.shares if x[0] not in hidden),
    )


def _groups(
    report: Report, indicator: Indicator, ie: IndicatorEvaluation
) -> tuple[GroupRow, ...]:
    suppressed = (
        {g.subject for g in ie.rollup.at(ie.level) if g.suppressed}
        if ie.rollup is not None
        else set()
    )
    intervals = (
        {g.subject: g.interval for g in ie.rollup.at(ie.level) if g.dimension is None}
        if ie.rollup is not None
        else {}
    )
    rows = []
    for s in ie.subjects:
        name = report.group_name(s.subject)
        if s.subject in suppressed:
            rows.append(
                GroupRow(subject=s.subject, name=name, status=None, suppressed=True)
            )
            continue
        expected = None
        if s.target is not None and s.baseline is not None and s.baseline_on:
            expected = _expected(
                indicator,
                report.as_of,
                Baseline(value=s.baseline, on=s.baseline_on),
            )
        rows.append(
            GroupRow(
                subject=s.subject,
                name=name,
                status=s.status,
                baseline=s.baseline,
                baseline_on=s.baseline_on,
                expected=expected,
                observed=s.value,
                observed_on=s.on,
                target=s.target,
                progress=s.progress,
                expected_progress=s.expected_progress,
                deviation=s.deviation,
                interval=intervals.get(s.subject),
                distinguishable=s.distinguishable,
            )
        )
    return tuple(rows)


def indicator_view(
    report: Report, indicator: Indicator, ie: IndicatorEvaluation
) -> IndicatorView:
    """The report's view of one evaluated indicator."""
    if ie.level is Level.MICRO:
        return _micro(indicator, ie, report.as_of, report.min_group)
    return IndicatorView(
        indicator=indicator,
        level=ie.level,
        status=ie.status,
        withheld=False,
        counts=ie.counts,
        with_data=ie.n - ie.count(IndicatorStatus.NO_DATA),
        progress=ie.progress,
        expected_progress=ie.expected_progress,
        deviation=ie.deviation,
        expected=_expected(indicator, report.as_of, None),
        groups=_groups(report, indicator, ie),
    )


def results(report: Report) -> tuple[ResultView, ...]:
    """Every evaluated result of the report, in framework order."""
    fw = report.framework
    views = []
    for re in report.evaluation.results:
        result = fw.result(re.result)
        views.append(
            ResultView(
                result=result,
                evaluation=re,
                indicators=tuple(
                    indicator_view(report, fw.indicator(ie.indicator), ie)
                    for ie in re.indicators
                ),
                conditions=tuple((fw.condition(c.condition), c) for c in re.conditions),
            )
        )
    return tuple(views)


@attrs.frozen
class Distribution:
    """An indicator's subjects per status as published.

    ``counts`` leaves out the statuses withheld one by one
    (:func:`~resultframe.evaluation.withheld_statuses`); ``withheld_count`` is
    their residents together.
    """

    counts: tuple[tuple[IndicatorStatus, int], ...]
    withheld_statuses: tuple[IndicatorStatus, ...] = ()
    withheld_count: int = 0

    @property
    def total(self) -> int:
        """Every subject counted, published or withheld."""
        return sum(c for _, c in self.counts) + self.withheld_count


def distribution(ie: IndicatorEvaluation, minimum: int) -> Distribution | None:
    """An indicator's subjects per status, or None when withheld (too few residents).

    A micro indicator's small counts are withheld one by one, and the counts that
    would give them away with them: those :func:`~resultframe.evaluation.protect`
    withheld, and on an evaluation it did not protect, by the same rule.
    """
    if ie.suppressed:
        return None
    if ie.level is not Level.MICRO:
        return Distribution(ie.counts)
    with_data = ie.n - ie.count(IndicatorStatus.NO_DATA)
    if gives_away(with_data, minimum):
        return None
    hidden = set(ie.withheld_statuses) | withheld_statuses(ie.counts, minimum)
    return Distribution(
        counts=tuple(c for c in ie.counts if c[0] not in hidden),
        withheld_statuses=tuple(s for s, _ in ie.counts if s in hidden),
        withheld_count=ie.withheld_count + sum(c for s, c in ie.counts if s in hidden),
    )


def expected_on(indicator: Indicator, day: dt.date) -> float | None:
    """The indicator's own trajectory's value on *day*, or None without one."""
    return _expected(indicator, day, None)


def deviation_withheld(d: Deviation, minimum: int) -> bool:
    """Whether a deviation's figures are about too few residents to show."""
    return d.subject is None and too_few(d.subjects, minimum)


def deviations(report: Report) -> tuple[DeviationView, ...]:
    """Every deviation outside tolerance, behind first, then ahead."""
    ds = report.evaluation.deviations
    ordered = [d for d in ds if not d.ahead] + [d for d in ds if d.ahead]
    return tuple(
        DeviationView(deviation=d, withheld=deviation_withheld(d, report.min_group))
        for d in ordered
    )
