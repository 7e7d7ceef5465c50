"""Cycle health (gezondheid van de cyclus): is the feedback loop actually running?

A cycle's review of a period falls due on the day after the period ends. On a day
*as_of*, :func:`cycle_health` counts the periods that have ended, the reviews held
and how late, the periods whose review is overdue, the follow-ups that are overdue,
and how many agenda items got a decision.

Rules, for the record:

- a period has **ended** when its last day lies before *as_of*;
- a review is **late** by the days between its due day and the day it was held
  (0 when held on or before the due day);
- a period is **overdue** when its due day lies before *as_of* and no review of it
  was held on or before *as_of*;
- a decision's **follow-up is overdue** when its ``follow_up_by`` lies before
  *as_of* and no review of a later period, held on or before *as_of*, took a
  decision naming one of the same ids (for a decision about the cycle as a whole:
  any decision about the cycle as a whole, or naming the cycle);
- an agenda item **got a decision** when the review of its period took a decision
  whose ``about`` names the item's ``about`` or its ``result``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from resultframe.errors import InvalidValue
from resultframe.model.facts import Decision, Review
from resultframe.model.schedule import Period
from resultframe.steering.agenda import AgendaItem, agenda, check_args

if TYPE_CHECKING:
    from resultframe.model.definitions import FeedbackCycle
    from resultframe.model.framework import ResultsFramework
    from resultframe.model.records import Records

__all__ = ["CycleHealth", "cycle_health"]


@attrs.frozen(kw_only=True)
class CycleHealth:
    """How well a feedback cycle runs on a day (gezondheid van de cyclus).

    Args:
        cycle: The cycle's id.
        as_of: The day.
        periods_ended: How many of its periods had ended by then.
        reviews_held: How many reviews it held on or before the day.
        days_late: ``(period, days late)`` for every review held, by period (0 when
            on time).
        periods_overdue: The periods whose review is overdue, in order.
        follow_ups_overdue: ``(period, decision)``: the decisions, with the period
            of the review that took them, whose follow-up is overdue.
        agenda_items: How many items were on the agendas of the reviews held.
        agenda_items_decided: How many of them got a decision.
    """

    cycle: str
    as_of: dt.date
    periods_ended: int
    reviews_held: int
    days_late: tuple[tuple[Period, int], ...]
    periods_overdue: tuple[Period, ...]
    follow_ups_overdue: tuple[tuple[Period, Decision], ...]
    agenda_items: int
    agenda_items_decided: int

    @property
    def held_late(self) -> int:
        """How many reviews were held after their due day."""
        return sum(1 for _p, days in self.days_late if days > 0)

    @property
    def decided_share(self) -> float | None:
        """The share of agenda items that got a decision; None without items."""
        if not self.agenda_items:
            return None
        return self.agenda_items_decided / self.agenda_items

    @property
    def running(self) -> bool:
        """Whether the loop runs: nothing overdue, periods or follow-ups."""
        return not self.periods_overdue and not self.follow_ups_overdue


def _names(decision: Decision, cycle: FeedbackCycle) -> frozenset[str]:
    return frozenset(decision.about) if decision.about else frozenset({cycle.id})


def _followed_up(
    decision: Decision, deciding: Review, later: list[Review], cycle: FeedbackCycle
) -> bool:
    wanted = _names(decision, cycle)
    return any(
        review.period.start > deciding.period.start
        and any(_names(d, cycle) & wanted for d in review.decisions)
        for review in later
    )


def _decided(item: AgendaItem, review: Review) -> bool:
    return any(
        item.about in d.about or (item.result is not None and item.result in d.about)
        for d in review.decisions
    )


def cycle_health(
    framework: ResultsFramework,
    records: Records,
    cycle_id: str,
    as_of: dt.date,
) -> CycleHealth:
    """How well the cycle *cycle_id* runs on *as_of*: is the loop running?

    Only facts dated on or before *as_of* count (reviews by the day they were
    held).

    Raises:
        UnknownId: the framework has no such cycle.
        InvalidValue: an argument has the wrong type.
        InvalidRecords: the records do not fit the framework.
    """
    check_args(framework, records)
    if not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime):
        raise InvalidValue("as_of", as_of, "expected a date")
    cycle = framework.cycle(cycle_id)
    known = records.as_of(as_of)
    held = sorted(
        (r for r in known.reviews if r.cycle == cycle.id),
        key=lambda r: r.period.start,
    )
    reviewed = {r.period for r in held}
    periods = cycle.periods(until=as_of)
    ended = [p for p in periods if p.end < as_of]
    overdue = tuple(
        p for p in ended if p.end + dt.timedelta(days=1) < as_of and p not in reviewed
    )
    days_late = tuple(
        (r.period, max(0, (r.held_on - r.period.end).days - 1)) for r in held
    )
    follow_ups = tuple(
        (r.period, d)
        for r in held
        for d in r.decisions
        if d.follow_up_by is not None
        and d.follow_up_by < as_of
        and not _followed_up(d, r, held, cycle)
    )
    items = decided = 0
    for review in held:
        for item in agenda(framework, known, cycle.id, review.period):
            items += 1
            decided += _decided(item, review)
    return CycleHealth(
        cycle=cycle.id,
        as_of=as_of,
        periods_ended=len(ended),
        reviews_held=len(held),
        days_late=days_late,
        periods_overdue=overdue,
        follow_ups_overdue=follow_ups,
        agenda_items=items,
        agenda_items_decided=decided,
    )
