"""Process conditions on a day: assessed, met, stale - and a method's recognition.

A condition's state is the status of its latest assessment on or before the day;
``unassessed`` without one. An assessment made on day *a* of a condition with
``reassess_every = c`` is valid up to and including the day before ``c.step(a,
1)``; from that day on the condition is ``stale``. (Assessed on 15 January every
three months: valid through 14 April, stale from 15 April.)

A proven method whose recognition has expired (the day is after the method's
``recognised_until``) is no longer proven: an assessment made on or before the
last day of the recognition is stale from the day after it, whatever the cadence
says, until the condition is assessed again after the expiry. (Recognised until
30 June, assessed met on 1 May: stale from 1 July; an assessment on 2 July counts
as it is.)
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from resultframe.evaluation import _args, reasons
from resultframe.evaluation.reasons import Reason
from resultframe.evaluation.status import ConditionState
from resultframe.model.enums import ConditionKind, ConditionStatus, Recognition

if TYPE_CHECKING:
    from resultframe.model.definitions import ProcessCondition
    from resultframe.model.facts import ConditionAssessment
    from resultframe.model.framework import ResultsFramework
    from resultframe.model.records import Records

__all__ = ["ConditionEvaluation", "condition_status"]

_STATE = {
    ConditionStatus.MET: ConditionState.MET,
    ConditionStatus.PARTLY_MET: ConditionState.PARTLY_MET,
    ConditionStatus.NOT_MET: ConditionState.NOT_MET,
}


@attrs.frozen(kw_only=True)
class ConditionEvaluation:
    """The state of a process condition on a day.

    Args:
        condition: The condition's id.
        state: Met, partly met, not met, stale or unassessed.
        assessed_on: The day of the latest assessment, if any.
        assessed_status: What that assessment found, if any (also when stale).
        stale_from: The first day on which that assessment is stale, if the
            condition must be reassessed at all.
        recognition: For a condition with a method: the method's recognition
            valid on the day, if any.
        recognition_expired: The method had a recognition that has expired by
            the day: a proven method that is no longer proven. An assessment
            made before the expiry is then stale (``stale_from`` is the day after
            the last day of the recognition, if that comes first); one made
            after it counts as it is.
        reason: Why the condition is in its state
            (:func:`~resultframe.evaluation.reasons.condition_reason`); None
            only in evaluations made without reasons.
    """

    condition: str
    state: ConditionState
    assessed_on: dt.date | None = None
    assessed_status: ConditionStatus | None = None
    stale_from: dt.date | None = None
    recognition: Recognition | None = None
    recognition_expired: bool = False
    reason: Reason | None = None


def judge(
    condition: ProcessCondition,
    latest: ConditionAssessment | None,
    day: dt.date,
) -> ConditionEvaluation:
    """The state of *condition* on *day* given its latest assessment by then."""
    found = _judge(condition, latest, day)
    return attrs.evolve(found, reason=reasons.condition_reason(found))


def _judge(
    condition: ProcessCondition,
    latest: ConditionAssessment | None,
    day: dt.date,
) -> ConditionEvaluation:
    method = condition.method
    recognition = method.recognised_on(day) if method is not None else None
    expired = (
        method is not None
        and condition.kind is ConditionKind.PROVEN_METHOD
        and method.recognition is not None
        and recognition is None
    )
    if latest is None:
        return ConditionEvaluation(
            condition=condition.id,
            state=ConditionState.UNASSESSED,
            recognition=recognition,
            recognition_expired=expired,
        )
    stale_from = (
        condition.reassess_every.step(latest.on, 1)
        if condition.reassess_every is not None
        else None
    )
    if expired and method is not None and method.recognised_until is not None:
        # Assessed while the method was still recognised: that finding no longer
        # holds once the recognition has lapsed.
        lapsed = method.recognised_until + dt.timedelta(days=1)
        if latest.on < lapsed and (stale_from is None or lapsed < stale_from):
            stale_from = lapsed
    state = (
        ConditionState.STALE
        if stale_from is not None and day >= stale_from
        else _STATE[latest.status]
    )
    return ConditionEvaluation(
        condition=condition.id,
        state=state,
        assessed_on=latest.on,
        assessed_status=latest.status,
        stale_from=stale_from,
        recognition=recognition,
        recognition_expired=expired,
    )


def latest_assessments(
    records: Records, day: dt.date
) -> dict[str, ConditionAssessment]:
    """The latest assessment of each condition on or before *day*.

    Of several on the same day, the last in the records' canonical order counts.
    """
    out: dict[str, ConditionAssessment] = {}
    for a in records.assessments:  # by condition, then day
        if a.on <= day:
            out[a.condition] = a
    return out


def condition_status(
    framework: ResultsFramework,
    records: Records,
    condition_id: str,
    as_of: dt.date,
) -> ConditionEvaluation:
    """The state of a process condition on a day (stand van een procesconditie).

    Raises:
        UnknownId: the framework has no such condition.
        InvalidValue: an argument has the wrong type.
    """
    fw = _args.framework(framework)
    recs = _args.records(records)
    condition = fw.condition(_args.text_id("condition_id", condition_id))
    day = _args.day("as_of", as_of)
    latest = latest_assessments(recs, day).get(condition.id)
    return judge(condition, latest, day)
