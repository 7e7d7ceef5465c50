"""The agenda of a review (agenda): what a feedback cycle must decide on for a period.

:func:`agenda` evaluates the framework for the cycle as of the period's last day
(with the cycle's tolerance, if it overrides the indicators') and lists, for the
results in the cycle's scope:

- every deviation outside tolerance, **ahead** as well as **behind**;
- every linked process condition that is not met, partly met, stale or unassessed;
- every unsustained result (the product is there, the process is not kept alive);
- every indicator without any observation in the period (for a derived indicator:
  of its source);
- every follow-up of a decision of an earlier review of this cycle that falls due
  in the period.

Each :class:`AgendaItem` says what it is about, why it is there (with the numbers)
and which kinds of decision it suggests.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Final

import attrs

from resultframe.errors import InvalidValue
from resultframe.evaluation import (
    ConditionState,
    Deviation,
    FrameworkEvaluation,
    Verdict,
    evaluate,
)
from resultframe.model.enums import DecisionKind
from resultframe.model.facts import Decision
from resultframe.model.framework import ResultsFramework
from resultframe.model.records import Records
from resultframe.model.schedule import Period

if TYPE_CHECKING:
    from resultframe.evaluation import ConditionEvaluation
    from resultframe.model.definitions import FeedbackCycle

__all__ = ["AgendaItem", "AgendaReason", "agenda"]


class AgendaReason(str, enum.Enum):
    """Why something is on a review's agenda (agendapunt)."""

    BEHIND = "behind"
    AHEAD = "ahead"
    CONDITION = "condition"
    UNSUSTAINED = "unsustained"
    NO_DATA = "no_data"
    FOLLOW_UP = "follow_up"


BEHIND_SUGGESTS: Final = (
    DecisionKind.ADJUST_APPROACH,
    DecisionKind.ADJUST_CONDITIONS,
    DecisionKind.ESCALATE,
)
"""What a deviation behind the trajectory suggests."""

AHEAD_SUGGESTS: Final = (DecisionKind.SPREAD_SUCCESS, DecisionKind.ADJUST_TARGET)
"""What a deviation ahead of the trajectory suggests."""

_SUGGESTS: Final = {
    AgendaReason.CONDITION: (DecisionKind.ADJUST_CONDITIONS, DecisionKind.ESCALATE),
    AgendaReason.UNSUSTAINED: (DecisionKind.ADJUST_CONDITIONS,),
    AgendaReason.NO_DATA: (DecisionKind.ADJUST_CONDITIONS,),
    AgendaReason.FOLLOW_UP: (
        DecisionKind.CONTINUE,
        DecisionKind.ADJUST_APPROACH,
        DecisionKind.STOP,
    ),
}
_ORDER: Final = {r: i for i, r in enumerate(AgendaReason)}


@attrs.frozen(kw_only=True)
class AgendaItem:
    """One item on a review's agenda (agendapunt).

    Args:
        reason: Why it is on the agenda.
        about: The id it is about: an indicator (deviation, no data), a condition,
            a result (unsustained) or, for a follow-up, the first id the decision
            was about (the cycle's id for a decision about the cycle as a whole).
        result: The result it belongs to; None for a condition (which may serve
            several results) and a follow-up.
        subject: For a deviation on a meso or macro indicator, the subject (a
            neighbourhood, the municipality); else None.
        why: Why it is there, with the numbers, in English.
        suggests: The kinds of decision it suggests.
        deviation: The deviation, for ``behind`` and ``ahead``.
        state: The condition's state, for ``condition``.
        decision: The earlier decision, for ``follow_up``.
    """

    reason: AgendaReason
    about: str
    result: str | None
    subject: str | None
    why: str
    suggests: tuple[DecisionKind, ...]
    deviation: Deviation | None = None
    state: ConditionState | None = None
    decision: Decision | None = None

    def _key(self) -> tuple[int, str, str, str, str]:
        return (
            _ORDER[self.reason],
            self.about,
            self.result or "",
            self.subject or "",
            self.why,
        )


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def _deviation_item(d: Deviation) -> AgendaItem:
    ahead = d.ahead
    where = (
        f" for {d.subject!r}" if d.subject is not None else f" ({d.subjects} subjects)"
    )
    why = (
        f"indicator {d.indicator!r}{where}: progress {_pct(d.progress)} against "
        f"{_pct(d.expected_progress)} expected, {_pct(abs(d.deviation))} "
        f"{'ahead' if ahead else 'behind'} (tolerance {_pct(d.tolerance)}; "
        f"status {d.status.value})"
    )
    return AgendaItem(
        reason=AgendaReason.AHEAD if ahead else AgendaReason.BEHIND,
        about=d.indicator,
        result=d.result,
        subject=d.subject,
        why=why,
        suggests=AHEAD_SUGGESTS if ahead else BEHIND_SUGGESTS,
        deviation=d,
    )


def _evaluation_items(evaluation: FrameworkEvaluation) -> list[AgendaItem]:
    items = [_deviation_item(d) for d in evaluation.deviations]
    conditions: dict[str, tuple[ConditionEvaluation, list[str]]] = {}
    for r in evaluation.results:
        for c in r.conditions:
            if c.state is not ConditionState.MET:
                conditions.setdefault(c.condition, (c, []))[1].append(r.result)
        if r.verdict is Verdict.UNSUSTAINED:
            bad = sorted(
                c.condition for c in r.conditions if c.state is not ConditionState.MET
            )
            items.append(
                AgendaItem(
                    reason=AgendaReason.UNSUSTAINED,
                    about=r.result,
                    result=r.result,
                    subject=None,
                    why=(
                        f"result {r.result!r} is there but not sustained: "
                        f"conditions not met: {', '.join(bad)}"
                    ),
                    suggests=_SUGGESTS[AgendaReason.UNSUSTAINED],
                )
            )
    for cid, (c, results) in conditions.items():
        state = c.state
        last = f"last assessed {c.assessed_on}" if c.assessed_on else "never assessed"
        if c.recognition_expired:
            last += "; its method's recognition has expired"
        items.append(
            AgendaItem(
                reason=AgendaReason.CONDITION,
                about=cid,
                result=None,
                subject=None,
                why=(
                    f"condition {cid!r} is {state.value} ({last}); results "
                    f"{', '.join(sorted(results))} depend on it"
                ),
                suggests=_SUGGESTS[AgendaReason.CONDITION],
                state=state,
            )
        )
    return items


def _observed_in(records: Records, indicator: str, period: Period) -> bool:
    return any(
        day >= period.start for _s, day, _v in records.rows(indicator, until=period.end)
    )


def _no_data_items(
    fw: ResultsFramework, records: Records, cycle: FeedbackCycle, period: Period
) -> list[AgendaItem]:
    items = []
    for result in fw.results:
        if not cycle.covers(result.id):
            continue
        for indicator in result.indicators:
            source = (
                indicator.derived_from.source
                if indicator.derived_from is not None
                else indicator.id
            )
            if _observed_in(records, source, period):
                continue
            via = f" (nor of its source {source!r})" if source != indicator.id else ""
            items.append(
                AgendaItem(
                    reason=AgendaReason.NO_DATA,
                    about=indicator.id,
                    result=result.id,
                    subject=None,
                    why=(
                        f"indicator {indicator.id!r} has no observation from "
                        f"{period.start} to {period.end}{via}"
                    ),
                    suggests=_SUGGESTS[AgendaReason.NO_DATA],
                )
            )
    return items


def _follow_ups(
    records: Records, cycle: FeedbackCycle, period: Period
) -> list[tuple[Period, Decision]]:
    """Decisions of this cycle's reviews of earlier periods due in *period*."""
    return [
        (review.period, decision)
        for review in records.reviews
        if review.cycle == cycle.id and review.period.end < period.start
        for decision in review.decisions
        if decision.follow_up_by is not None and decision.follow_up_by in period
    ]


def _follow_up_items(
    records: Records, cycle: FeedbackCycle, period: Period
) -> list[AgendaItem]:
    items = []
    for earlier, decision in _follow_ups(records, cycle, period):
        about = decision.about[0] if decision.about else cycle.id
        ids = ", ".join(decision.about) if decision.about else f"cycle {cycle.id!r}"
        items.append(
            AgendaItem(
                reason=AgendaReason.FOLLOW_UP,
                about=about,
                result=None,
                subject=None,
                why=(
                    f"decision {decision.kind.value!r} about {ids} in the review of "
                    f"{earlier} is to be followed up by {decision.follow_up_by}"
                ),
                suggests=_SUGGESTS[AgendaReason.FOLLOW_UP],
                decision=decision,
            )
        )
    return items


def check_period(cycle: FeedbackCycle, period: object) -> Period:
    """Return *period* if it is one of *cycle*'s periods, else raise InvalidValue."""
    if not isinstance(period, Period):
        raise InvalidValue("period", type(period).__name__, "expected a Period")
    if not cycle.has_period(period):
        raise InvalidValue(
            "period",
            str(period),
            f"expected a period of cycle {cycle.id!r} (cadence {cycle.cadence}, "
            f"from {cycle.starts_on})",
        )
    return period


def check_args(framework: object, records: object) -> None:
    """Raise InvalidValue unless the arguments are a framework and records."""
    if not isinstance(framework, ResultsFramework):
        raise InvalidValue(
            "framework", type(framework).__name__, "expected a ResultsFramework"
        )
    if not isinstance(records, Records):
        raise InvalidValue("records", type(records).__name__, "expected Records")


def agenda(
    framework: ResultsFramework,
    records: Records,
    cycle_id: str,
    period: Period,
) -> tuple[AgendaItem, ...]:
    """The agenda of the review of *period* by the cycle *cycle_id* (agenda).

    Items come by reason (behind, ahead, condition, unsustained, no data, follow
    up), then by id; the order of the facts does not matter.

    Raises:
        UnknownId: the framework has no such cycle.
        InvalidValue: *period* is not one of the cycle's periods, or an argument
            has the wrong type.
        InvalidRecords: facts known at the period's end do not fit the framework.
    """
    check_args(framework, records)
    cycle = framework.cycle(cycle_id)
    check_period(cycle, period)
    evaluation = evaluate(framework, records, period.end, cycle=cycle.id)
    items = _evaluation_items(evaluation)
    items += _no_data_items(framework, records, cycle, period)
    items += _follow_up_items(records, cycle, period)
    return tuple(sorted(items, key=AgendaItem._key))  # noqa: SLF001
