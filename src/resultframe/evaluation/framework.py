"""The evaluation of a whole framework on a day (evaluatie van het resultatenkader).

:func:`evaluate` checks that the records fit the framework, then judges every
result: its indicators, its process conditions and its verdict, and lists every
deviation outside tolerance, ahead as well as behind.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from resultframe.errors import InvalidRecords, UnknownId
from resultframe.evaluation import _access, _args
from resultframe.evaluation.conditions import (
    ConditionEvaluation,
    judge,
    latest_assessments,
)
from resultframe.evaluation.indicators import IndicatorEvaluation, evaluate_one
from resultframe.evaluation.reasons import (
    Reason,
    indicator_reason,
    verdict_with_reason,
)
from resultframe.evaluation.status import JUDGED_STATUSES, IndicatorStatus, Verdict
from resultframe.evaluation.uncertainty import check_confidence
from resultframe.model.enums import Level

if TYPE_CHECKING:
    from resultframe.model.definitions import FeedbackCycle
    from resultframe.model.framework import ResultsFramework
    from resultframe.model.records import Records

__all__ = ["Deviation", "FrameworkEvaluation", "ResultEvaluation", "evaluate"]


@attrs.frozen(kw_only=True)
class Deviation:
    """A deviation outside tolerance (afwijking) that asks for a decision.

    Ahead (positive) or behind (negative): both matter.

    Args:
        result: The result's id.
        indicator: The indicator's id.
        subject: The subject (a neighbourhood, the municipality); None for a
            micro indicator, whose deviation is reported for its subjects
            together (mean progress against mean expected progress), never per
            resident.
        status: The status behind the deviation.
        progress: Progress (mean progress for a micro indicator).
        expected_progress: Expected progress (its mean for a micro indicator).
        deviation: ``progress - expected_progress``.
        tolerance: The tolerance it lies outside of.
        subjects: How many subjects the figures stand for.
        distinguishable: With a confidence (``evaluate(..., confidence=)``):
            whether the deviation is more than chance explains, copied from the
            micro indicator's ``distinguishable`` (its progress interval excludes
            the expected progress) or from the derived indicator's group. None
            without a confidence or an interval (a single value: a meso or macro
            indicator that is not derived, or too few subjects).
    """

    result: str
    indicator: str
    subject: str | None
    status: IndicatorStatus
    progress: float
    expected_progress: float
    deviation: float
    tolerance: float
    subjects: int = 1
    distinguishable: bool | None = None

    @property
    def ahead(self) -> bool:
        """Whether the deviation is ahead of the trajectory (else behind)."""
        return self.deviation > 0


@attrs.frozen(kw_only=True)
class ResultEvaluation:
    """One result on a day: its indicators, its conditions and the verdict.

    Args:
        result: The result's id.
        level: Its level.
        verdict: The verdict.
        indicators: Its indicators' evaluations.
        conditions: Its linked conditions' states (each with its reason).
        reason: Why the verdict is what it is
            (:func:`~resultframe.evaluation.verdict_with_reason`).
        indicator_reasons: Why each indicator has its status, in the order of
            ``indicators``.

    Reasons are None and () only in evaluations made without them (documents
    of version 1 get them on load).
    """

    result: str
    level: Level
    verdict: Verdict
    indicators: tuple[IndicatorEvaluation, ...]
    conditions: tuple[ConditionEvaluation, ...]
    reason: Reason | None = None
    indicator_reasons: tuple[Reason, ...] = ()

    def indicator_reason(self, indicator_id: str) -> Reason | None:
        """Why one of the result's indicators has its status.

        Raises:
            UnknownId: the result has no such indicator.
        """
        for i, r in zip(self.indicators, self.indicator_reasons, strict=False):
            if i.indicator == indicator_id:
                return r
        self.indicator(indicator_id)  # raises for an unknown indicator
        return None

    def indicator(self, indicator_id: str) -> IndicatorEvaluation:
        """The evaluation of one of the result's indicators.

        Raises:
            UnknownId: the result has no such indicator.
        """
        for i in self.indicators:
            if i.indicator == indicator_id:
                return i
        raise UnknownId("indicator", indicator_id)


@attrs.frozen(kw_only=True)
class FrameworkEvaluation:
    """A framework evaluated on a day (frozen; serializable like the model).

    Args:
        framework: The framework's id.
        as_of: The day: only facts dated on or before it were used.
        min_group: The smallest published group in roll-ups.
        cycle: The feedback cycle it was evaluated for (its results and
            tolerance), or None for the whole framework.
        results: One :class:`ResultEvaluation` per result, in framework order.
        deviations: Every deviation outside tolerance, ahead and behind, by
            result, indicator and subject.
        verdicts: ``(verdict, number of results)`` for every verdict.
        confidence: The confidence level of its intervals
            (``evaluate(..., confidence=0.95)``); None: no intervals.
        protected: Whether :func:`~resultframe.evaluation.protect` withheld
            every figure of groups smaller than ``min_group``. False: for
            internal use only — figures of small groups (a micro indicator's
            mean progress and status for a handful of residents, per-resident
            evaluations) are in it.
    """

    framework: str
    as_of: dt.date
    min_group: int
    cycle: str | None
    results: tuple[ResultEvaluation, ...]
    deviations: tuple[Deviation, ...]
    verdicts: tuple[tuple[Verdict, int], ...]
    protected: bool = False
    confidence: float | None = None

    def result(self, result_id: str) -> ResultEvaluation:
        """The evaluation of one result.

        Raises:
            UnknownId: no such result was evaluated.
        """
        for r in self.results:
            if r.result == result_id:
                return r
        raise UnknownId("result", result_id)

    def count(self, verdict: Verdict) -> int:
        """The number of results with *verdict*."""
        for v, c in self.verdicts:
            if v is verdict:
                return c
        return 0


def deviations_of(result: str, evaluation: IndicatorEvaluation) -> list[Deviation]:
    """The deviations outside tolerance of *evaluation*, an indicator of *result*."""
    tol = evaluation.tolerance
    if evaluation.level is Level.MICRO:
        if (
            evaluation.deviation is None
            or evaluation.progress is None
            or evaluation.expected_progress is None
            or abs(evaluation.deviation) <= tol
        ):
            return []
        judged = sum(c for s, c in evaluation.counts if s in JUDGED_STATUSES)
        return [
            Deviation(
                result=result,
                indicator=evaluation.indicator,
                subject=None,
                status=evaluation.status,
                progress=evaluation.progress,
                expected_progress=evaluation.expected_progress,
                deviation=evaluation.deviation,
                tolerance=tol,
                subjects=judged,
                distinguishable=evaluation.distinguishable,
            )
        ]
    return [
        Deviation(
            result=result,
            indicator=evaluation.indicator,
            subject=s.subject,
            status=s.status,
            progress=s.progress,
            expected_progress=s.expected_progress,
            deviation=s.deviation,
            tolerance=tol,
            distinguishable=s.distinguishable,
        )
        for s in evaluation.subjects
        if s.deviation is not None
        and s.progress is not None
        and s.expected_progress is not None
        and abs(s.deviation) > tol
    ]


def evaluate(  # noqa: PLR0913
    framework: ResultsFramework,
    records: Records,
    as_of: dt.date,
    *,
    min_group: int = 10,
    cycle: str | None = None,
    per_subject: bool = False,
    confidence: float | None = None,
) -> FrameworkEvaluation:
    """Evaluate a framework on a day: every result, its conditions and verdict.

    Only facts dated on or before *as_of* are used, so the answer for a past day
    stays what it was. The same facts in any order give the same evaluation.

    Args:
        framework: The framework.
        records: The facts. Facts known on *as_of* must fit the framework.
        as_of: The day.
        min_group: The smallest published group in roll-ups (default 10; 0 or
            1 switches suppression off).
        cycle: Evaluate for this feedback cycle: only the results in its scope,
            judged with its tolerance if it overrides the indicators'.
        per_subject: Keep the evaluation of every micro subject (costly for
            many residents; off by default).
        confidence: Add intervals at this confidence level (0.95, say): the
            Wilson interval of every share and of each status's share of
            subjects, Student's *t* interval of every mean, and whether each
            deviation is distinguishable from chance (``docs/evaluation.md``,
            Uncertainty). None (the default): no intervals, no extra cost.

    Raises:
        InvalidRecords: facts known on *as_of* do not fit the framework;
            ``.problems`` lists every one (as :meth:`Records.check` does).
        UnknownId: the framework has no such cycle.
        InvalidValue: an argument has the wrong type.
    """
    fw = _args.framework(framework)
    recs = _args.records(records)
    day = _args.day("as_of", as_of)
    minimum = _args.min_group(min_group)
    keep = _args.flag("per_subject", per_subject)
    level = None if confidence is None else check_confidence(confidence)
    scope = None if cycle is None else fw.cycle(_args.text_id("cycle", cycle))
    return evaluate_with(
        fw,
        recs,
        day,
        min_group=minimum,
        scope=scope,
        per_subject=keep,
        confidence=level,
    )


def evaluate_with(  # noqa: PLR0913
    fw: ResultsFramework,
    recs: Records,
    day: dt.date,
    *,
    min_group: int,
    scope: FeedbackCycle | None,
    per_subject: bool,
    confidence: float | None = None,
    columns: _access.ColumnSource | None = None,
) -> FrameworkEvaluation:
    """:func:`evaluate` with checked arguments.

    *columns* gives each observed indicator's rows instead of *recs* (an
    engine's sufficient statistics, :mod:`resultframe.engines`); *recs* then
    holds the other facts and the observations of derived indicators' sources.
    """
    minimum, keep, level = min_group, per_subject, confidence
    problems = recs.check(fw)
    if problems:
        # Facts dated after the day do not count, so neither do their problems.
        problems = recs.as_of(day).check(fw)
        if problems:
            raise InvalidRecords(problems)
    override = scope.tolerance if scope is not None else None
    goals = _access.known_goals(recs, day)
    latest = latest_assessments(recs, day)
    states: dict[str, ConditionEvaluation] = {}
    results: list[ResultEvaluation] = []
    deviations: list[Deviation] = []
    for result in fw.results:
        if scope is not None and not scope.covers(result.id):
            continue
        indicators = []
        for indicator in result.indicators:
            evaluation = evaluate_one(
                fw,
                recs,
                indicator,
                day,
                tol=indicator.tolerance if override is None else override,
                goals=goals.get(indicator.id, {}),
                keep=keep,
                min_group=minimum,
                confidence=level,
                columns=columns,
            )
            indicators.append(evaluation)
            deviations += deviations_of(result.id, evaluation)
        conditions = []
        for cid in result.conditions:
            state = states.get(cid)
            if state is None:
                state = states[cid] = judge(fw.condition(cid), latest.get(cid), day)
            conditions.append(state)
        found, why = verdict_with_reason(indicators, conditions)
        results.append(
            ResultEvaluation(
                result=result.id,
                level=result.level,
                verdict=found,
                indicators=tuple(indicators),
                conditions=tuple(conditions),
                reason=why,
                indicator_reasons=tuple(indicator_reason(i) for i in indicators),
            )
        )
    return FrameworkEvaluation(
        framework=fw.id,
        as_of=day,
        min_group=minimum,
        cycle=scope.id if scope is not None else None,
        results=tuple(results),
        deviations=tuple(deviations),
        verdicts=tuple((v, sum(1 for r in results if r.verdict is v)) for v in Verdict),
        confidence=level,
    )
