"""Reasons: why an indicator has its status, a condition its state, a result its verdict.

A :class:`Reason` names the rule that decided a judgement (a stable
:class:`ReasonCode`), what it is about (an indicator or a condition) and the
numbers behind it. Reasons are read from the figures the evaluation already has
(progress, expected progress, deviation, tolerance; a condition's state and
days); the rules that decide a status, a state and a verdict live in
:mod:`~resultframe.evaluation._kernels`, :mod:`~resultframe.evaluation.conditions`
and :mod:`~resultframe.evaluation.verdict`, and are not repeated here.

- an indicator's reason has the code of its status (``behind``, ``achieved``,
  ``no_data`` ...), or ``suppressed`` when its figures are withheld;
- a condition's reason is ``condition_met``, ``condition_partly_met``,
  ``condition_not_met``, ``condition_stale``, ``condition_unassessed``, or
  ``recognition_expired`` when the method's recognition lapsed and the condition
  has not been assessed since;
- a verdict's reason names the verdict and what decided it:
  ``verdict_negative_behind`` (and ``_deteriorated``, ``_worsened``) with the
  indicator furthest behind, ``verdict_undetermined_no_data`` with the indicator
  without data (``verdict_undetermined_suppressed`` when its figures are
  withheld), ``verdict_undetermined_no_product``,
  ``verdict_unsustained_stale`` (and ``_partly_met``, ``_not_met``,
  ``_unassessed``, ``_recognition_expired``) with the first condition not met,
  ``verdict_positive`` and ``verdict_positive_no_conditions``.

>>> from resultframe.evaluation import ConditionState, IndicatorStatus
>>> from resultframe.evaluation.indicators import IndicatorEvaluation
>>> from resultframe.model.enums import Level
>>> x = IndicatorEvaluation(indicator="zrm-housing", level=Level.MESO,
...     status=IndicatorStatus.BEHIND, counts=(), tolerance=0.1,
...     progress=0.13, expected_progress=0.48, deviation=-0.35)
>>> v, why = verdict_with_reason([x], [])
>>> v.value, why.code.value, why.indicator, why.deviation
('negative', 'verdict_negative_behind', 'zrm-housing', -0.35)
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from typing import TYPE_CHECKING, Final

import attrs

from resultframe.evaluation.status import ConditionState, IndicatorStatus, Verdict
from resultframe.evaluation.verdict import Rule, decide

if TYPE_CHECKING:
    from collections.abc import Sequence

    from resultframe.evaluation.conditions import ConditionEvaluation
    from resultframe.evaluation.framework import FrameworkEvaluation, ResultEvaluation
    from resultframe.evaluation.indicators import IndicatorEvaluation

__all__ = [
    "Reason",
    "ReasonCode",
    "condition_reason",
    "explain",
    "explained",
    "indicator_reason",
    "verdict_with_reason",
]


class ReasonCode(str, enum.Enum):
    """The rule that decided a judgement (stable; documents and reports use it)."""

    # indicator status
    ACHIEVED = "achieved"
    AHEAD = "ahead"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    DETERIORATED = "deteriorated"
    IMPROVED = "improved"
    STABLE = "stable"
    WORSENED = "worsened"
    NO_DATA = "no_data"
    NARRATIVE = "narrative"
    SUPPRESSED = "suppressed"
    # condition state
    CONDITION_MET = "condition_met"
    CONDITION_PARTLY_MET = "condition_partly_met"
    CONDITION_NOT_MET = "condition_not_met"
    CONDITION_STALE = "condition_stale"
    CONDITION_UNASSESSED = "condition_unassessed"
    RECOGNITION_EXPIRED = "recognition_expired"
    # verdict
    VERDICT_NEGATIVE_BEHIND = "verdict_negative_behind"
    VERDICT_NEGATIVE_DETERIORATED = "verdict_negative_deteriorated"
    VERDICT_NEGATIVE_WORSENED = "verdict_negative_worsened"
    VERDICT_UNDETERMINED_NO_DATA = "verdict_undetermined_no_data"
    VERDICT_UNDETERMINED_SUPPRESSED = "verdict_undetermined_suppressed"
    VERDICT_UNDETERMINED_NO_PRODUCT = "verdict_undetermined_no_product"
    VERDICT_UNSUSTAINED_PARTLY_MET = "verdict_unsustained_partly_met"
    VERDICT_UNSUSTAINED_NOT_MET = "verdict_unsustained_not_met"
    VERDICT_UNSUSTAINED_STALE = "verdict_unsustained_stale"
    VERDICT_UNSUSTAINED_UNASSESSED = "verdict_unsustained_unassessed"
    VERDICT_UNSUSTAINED_RECOGNITION_EXPIRED = "verdict_unsustained_recognition_expired"
    VERDICT_POSITIVE = "verdict_positive"
    VERDICT_POSITIVE_NO_CONDITIONS = "verdict_positive_no_conditions"


@attrs.frozen(kw_only=True)
class Reason:
    """Why a judgement is what it is: the rule, what it is about, the numbers.

    Args:
        code: The rule that decided it.
        indicator: The indicator it is about, if any.
        condition: The condition it is about, if any.
        progress: The indicator's progress (mean progress for a micro one).
        expected_progress: The progress its trajectory expects on the day.
        deviation: ``progress - expected_progress``.
        tolerance: The tolerance the status was judged with.
        on: The day that matters: when a condition was assessed, or from when
            its assessment is stale.
    """

    code: ReasonCode
    indicator: str | None = None
    condition: str | None = None
    progress: float | None = None
    expected_progress: float | None = None
    deviation: float | None = None
    tolerance: float | None = None
    on: dt.date | None = None


_CONDITION: Final = {
    ConditionState.MET: ReasonCode.CONDITION_MET,
    ConditionState.PARTLY_MET: ReasonCode.CONDITION_PARTLY_MET,
    ConditionState.NOT_MET: ReasonCode.CONDITION_NOT_MET,
    ConditionState.STALE: ReasonCode.CONDITION_STALE,
    ConditionState.UNASSESSED: ReasonCode.CONDITION_UNASSESSED,
}
_NEGATIVE: Final = {
    IndicatorStatus.BEHIND: ReasonCode.VERDICT_NEGATIVE_BEHIND,
    IndicatorStatus.DETERIORATED: ReasonCode.VERDICT_NEGATIVE_DETERIORATED,
    IndicatorStatus.WORSENED: ReasonCode.VERDICT_NEGATIVE_WORSENED,
}
_UNSUSTAINED: Final = {
    ReasonCode.CONDITION_PARTLY_MET: ReasonCode.VERDICT_UNSUSTAINED_PARTLY_MET,
    ReasonCode.CONDITION_NOT_MET: ReasonCode.VERDICT_UNSUSTAINED_NOT_MET,
    ReasonCode.CONDITION_STALE: ReasonCode.VERDICT_UNSUSTAINED_STALE,
    ReasonCode.CONDITION_UNASSESSED: ReasonCode.VERDICT_UNSUSTAINED_UNASSESSED,
    ReasonCode.RECOGNITION_EXPIRED: ReasonCode.VERDICT_UNSUSTAINED_RECOGNITION_EXPIRED,
}


def indicator_reason(evaluation: IndicatorEvaluation) -> Reason:
    """The reason for an indicator's status, from the figures it was judged on."""
    if evaluation.suppressed:
        return Reason(code=ReasonCode.SUPPRESSED, indicator=evaluation.indicator)
    measured = evaluation.progress is not None
    return Reason(
        code=ReasonCode(evaluation.status.value),
        indicator=evaluation.indicator,
        progress=evaluation.progress,
        expected_progress=evaluation.expected_progress,
        deviation=evaluation.deviation,
        tolerance=evaluation.tolerance if measured else None,
    )


def condition_reason(evaluation: ConditionEvaluation) -> Reason:
    """The reason for a condition's state, from its assessment and its days."""
    state = evaluation.state
    code = _CONDITION[state]
    if evaluation.recognition_expired and state in {
        ConditionState.STALE,
        ConditionState.UNASSESSED,
    }:
        code = ReasonCode.RECOGNITION_EXPIRED
    on = evaluation.stale_from if state is ConditionState.STALE else None
    return Reason(
        code=code,
        condition=evaluation.condition,
        on=on if on is not None else evaluation.assessed_on,
    )


def _shortfall(reason: Reason) -> float:
    d = reason.deviation
    return 0.0 if d is None or math.isnan(d) else d


def verdict_with_reason(
    indicators: Sequence[IndicatorEvaluation],
    conditions: Sequence[ConditionEvaluation],
) -> tuple[Verdict, Reason]:
    """The verdict on a result and its reason (the rule of :func:`verdict`).

    A negative verdict names the indicator furthest behind its trajectory (the
    first, when none has a deviation); an undetermined one the first indicator
    without data; an unsustained one the first condition that is not met.
    """
    found, rule = decide([i.status for i in indicators], [c.state for c in conditions])
    if rule is Rule.PROBLEM:
        problems = [indicator_reason(i) for i in indicators if i.status in _NEGATIVE]
        worst = min(problems, key=_shortfall)
        return found, attrs.evolve(
            worst, code=_NEGATIVE[IndicatorStatus(worst.code.value)]
        )
    if rule is Rule.NO_DATA:
        first = next(i for i in indicators if i.status is IndicatorStatus.NO_DATA)
        code = (
            ReasonCode.VERDICT_UNDETERMINED_SUPPRESSED
            if first.suppressed
            else ReasonCode.VERDICT_UNDETERMINED_NO_DATA
        )
        return found, Reason(code=code, indicator=first.indicator)
    if rule is Rule.NO_PRODUCT:
        return found, Reason(code=ReasonCode.VERDICT_UNDETERMINED_NO_PRODUCT)
    if rule is Rule.SUSTAINED:
        code = (
            ReasonCode.VERDICT_POSITIVE
            if conditions
            else ReasonCode.VERDICT_POSITIVE_NO_CONDITIONS
        )
        return found, Reason(code=code)
    first_c = next(c for c in conditions if c.state is not ConditionState.MET)
    why = condition_reason(first_c)
    return found, attrs.evolve(why, code=_UNSUSTAINED[why.code])


def explained(result: ResultEvaluation) -> ResultEvaluation:
    """*result* with its verdict, and every reason, judged from its figures."""
    conditions = tuple(
        attrs.evolve(c, reason=condition_reason(c)) for c in result.conditions
    )
    found, why = verdict_with_reason(result.indicators, conditions)
    return attrs.evolve(
        result,
        verdict=found,
        reason=why,
        indicator_reasons=tuple(indicator_reason(i) for i in result.indicators),
        conditions=conditions,
    )


def explain(evaluation: FrameworkEvaluation) -> FrameworkEvaluation:
    """*evaluation* with every reason filled in from its figures.

    For evaluations made without reasons (documents of version 1 are brought up
    to date with it). The verdicts stay as they are.
    """
    results = []
    for r in evaluation.results:
        again = explained(r)
        if again.verdict is not r.verdict:
            # Judged by another rule than today's: keep its verdict, without a
            # reason that would not fit it.
            again = attrs.evolve(again, verdict=r.verdict, reason=None)
        results.append(again)
    return attrs.evolve(evaluation, results=tuple(results))
