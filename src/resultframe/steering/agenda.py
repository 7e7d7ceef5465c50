"""The agenda of a review (agenda): what a feedback cycle must decide on for a period.

:func:`agenda` evaluates the framework for the cycle as of the period's last day
(with the cycle's tolerance, if it overrides the indicators') and lists, for the
results in the cycle's scope:

- every deviation outside tolerance, **ahead** as well as **behind**;
- every indicator whose residents worse than their own start (``deteriorated``)
  are more than the tolerance's share of a publishable group, however its mean
  does;
- every linked process condition that is not met, partly met, stale or unassessed;
- every unsustained result (the product is there, the process is not kept alive);
- every indicator without any observation in the period (for a derived indicator:
  of its source);
- every follow-up of a decision of an earlier review of this cycle that falls due
  in the period.

Each :class:`AgendaItem` says what it is about, why it is there (with the numbers)
and which kinds of decision it suggests, or what the review should ask for first
(:class:`AgendaAsk`: a missing story asks for the story, not for new conditions).

Items about the same indicator or condition for the same reason are merged into
one (the deviations of every neighbourhood behind on one indicator are one item),
and the agenda comes heaviest first: the weight of an item is the size of what is
wrong times the number of residents it concerns (documented in ``docs/steering.md``).
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
    IndicatorStatus,
    Verdict,
    _args,
    evaluate,
)
from resultframe.evaluation.uncertainty import check_confidence
from resultframe.model.enums import DecisionKind, Level, Measure
from resultframe.model.facts import Decision
from resultframe.model.framework import ResultsFramework
from resultframe.model.records import Records
from resultframe.model.schedule import Period
from resultframe.privacy import too_few

if TYPE_CHECKING:
    from resultframe.evaluation import ConditionEvaluation
    from resultframe.model.definitions import FeedbackCycle

__all__ = ["SEVERITY", "AgendaAsk", "AgendaItem", "AgendaReason", "agenda"]


class AgendaReason(str, enum.Enum):
    """Why something is on a review's agenda (agendapunt)."""

    BEHIND = "behind"
    AHEAD = "ahead"
    DETERIORATED = "deteriorated"
    CONDITION = "condition"
    UNSUSTAINED = "unsustained"
    NO_DATA = "no_data"
    FOLLOW_UP = "follow_up"


class AgendaAsk(str, enum.Enum):
    """What a review should ask for before it can decide (wat er eerst nodig is)."""

    STORY = "story"
    """The story behind a qualitative indicator: nobody told it this period."""
    OBSERVATIONS = "observations"
    """Measurements of an indicator: none came in this period."""
    ASSESSMENT = "assessment"
    """An assessment of a condition: never assessed, or too long ago."""


BEHIND_SUGGESTS: Final = (
    DecisionKind.ADJUST_APPROACH,
    DecisionKind.ADJUST_CONDITIONS,
    DecisionKind.ESCALATE,
)
"""What a deviation behind the trajectory suggests."""

AHEAD_SUGGESTS: Final = (DecisionKind.SPREAD_SUCCESS, DecisionKind.ADJUST_TARGET)
"""What a deviation ahead of the trajectory suggests."""

_SUGGESTS: Final = {
    AgendaReason.DETERIORATED: (
        DecisionKind.ADJUST_APPROACH,
        DecisionKind.ADJUST_CONDITIONS,
    ),
    AgendaReason.CONDITION: (DecisionKind.ADJUST_CONDITIONS, DecisionKind.ESCALATE),
    AgendaReason.UNSUSTAINED: (DecisionKind.ADJUST_CONDITIONS,),
    # Without data there is nothing to decide on yet: the item asks for the data
    # (AgendaAsk) and suggests going on until it is there.
    AgendaReason.NO_DATA: (DecisionKind.CONTINUE,),
    AgendaReason.FOLLOW_UP: (
        DecisionKind.CONTINUE,
        DecisionKind.ADJUST_APPROACH,
        DecisionKind.STOP,
    ),
}
_ORDER: Final = {r: i for i, r in enumerate(AgendaReason)}

SEVERITY: Final[dict[AgendaReason | ConditionState, float]] = {
    ConditionState.NOT_MET: 0.5,
    AgendaReason.UNSUSTAINED: 0.5,
    ConditionState.PARTLY_MET: 0.25,
    ConditionState.STALE: 0.25,
    ConditionState.UNASSESSED: 0.25,
    AgendaReason.NO_DATA: 0.25,
    AgendaReason.FOLLOW_UP: 0.25,
    AgendaReason.DETERIORATED: 1.0,
}
"""The size of an item that is not a deviation, on the scale of a deviation's
(a fraction of the trajectory): a condition not met or a result not sustained
weighs as a deviation of 50 percentage points, the rest as one of 25. A resident
worse than their own start weighs as a whole trajectory lost (1): the item's
residents are the deteriorated ones."""


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
        deviation: The deviation, for ``behind`` and ``ahead`` (the largest,
            when several were merged).
        state: The condition's state, for ``condition``.
        decision: The earlier decision, for ``follow_up``.
        deviations: Every deviation merged into this item (for ``behind`` and
            ``ahead``: one per neighbourhood, say), largest first.
        follow_ups: Earlier decisions about the same id that fall due in the
            period, merged into this item instead of standing on their own.
        asks: What the review should ask for before it decides, if anything.
        residents: How many residents the item concerns.
        weight: How heavily it weighs: the size of what is wrong times
            ``residents`` (docs/steering.md); the agenda comes heaviest first.
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
    deviations: tuple[Deviation, ...] = ()
    follow_ups: tuple[Decision, ...] = ()
    asks: AgendaAsk | None = None
    residents: int = 0
    weight: float = 0.0

    def _key(self) -> tuple[float, int, str, str, str, str]:
        return (
            -self.weight,
            _ORDER[self.reason],
            self.about,
            self.result or "",
            self.subject or "",
            self.why,
        )


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def _pp(x: float) -> str:
    """A difference of fractions in percentage points (never ``%``)."""
    whole = f"{abs(x) * 100:.0f}"
    return f"{whole} percentage point{'' if whole == '1' else 's'}"


def _deviation_item(d: Deviation) -> AgendaItem:
    ahead = d.ahead
    where = (
        f" for {d.subject!r}" if d.subject is not None else f" ({d.subjects} subjects)"
    )
    why = (
        f"indicator {d.indicator!r}{where}: progress {_pct(d.progress)} against "
        f"{_pct(d.expected_progress)} expected, {_pp(d.deviation)} "
        f"{'ahead' if ahead else 'behind'} (tolerance {_pp(d.tolerance)}; "
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
        deviations=(d,),
    )


def _deteriorated_items(
    evaluation: FrameworkEvaluation, min_group: int
) -> list[AgendaItem]:
    """Residents worse than their start, in a publishable group, beyond tolerance.

    An indicator whose group has at least *min_group* subjects with data (any
    group when *min_group* is 0 or 1) and whose share of deteriorated subjects
    among them exceeds its tolerance; a withheld evaluation counts none.
    """
    items = []
    for r in evaluation.results:
        for i in r.indicators:
            n = i.n - i.count(IndicatorStatus.NO_DATA)
            if not i.deteriorated or too_few(n, min_group):
                continue
            share = i.deteriorated / n
            if share <= i.tolerance:
                continue
            items.append(
                AgendaItem(
                    reason=AgendaReason.DETERIORATED,
                    about=i.indicator,
                    result=r.result,
                    subject=None,
                    why=(
                        f"indicator {i.indicator!r}: {i.deteriorated} of {n} "
                        f"subjects ({_pct(share)}) are worse than their own start, "
                        f"more than the tolerance of {_pct(i.tolerance)} "
                        f"(status {i.status.value})"
                    ),
                    suggests=_SUGGESTS[AgendaReason.DETERIORATED],
                    residents=i.deteriorated,
                )
            )
    return items


def _by_chance(item: AgendaItem) -> bool:
    """Whether chance explains the deviation of *item* (never for other items)."""
    return item.deviation is not None and item.deviation.distinguishable is False


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
                # Not known to be in place: first an assessment. A method whose
                # recognition lapsed asks for a decision about the condition too.
                suggests=(
                    ()
                    if state in {ConditionState.UNASSESSED, ConditionState.STALE}
                    and not c.recognition_expired
                    else _SUGGESTS[AgendaReason.CONDITION]
                ),
                asks=(
                    AgendaAsk.ASSESSMENT
                    if state in {ConditionState.UNASSESSED, ConditionState.STALE}
                    else None
                ),
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
                    asks=(
                        AgendaAsk.STORY
                        if indicator.measure is Measure.QUALITATIVE
                        else AgendaAsk.OBSERVATIONS
                    ),
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


def agenda(  # noqa: PLR0913
    framework: ResultsFramework,
    records: Records,
    cycle_id: str,
    period: Period,
    *,
    min_group: int = 10,
    chance: float | None = None,
) -> tuple[AgendaItem, ...]:
    """The agenda of the review of *period* by the cycle *cycle_id* (agenda).

    Items come heaviest first (see :class:`AgendaItem`'s ``weight``), then by
    reason (behind, ahead, condition, unsustained, no data, follow up) and id;
    the order of the facts does not matter.

    *min_group* is the smallest group whose deteriorated residents are raised
    (as in :func:`~resultframe.evaluation.protect`; 0 or 1: every group).

    With *chance* a confidence level (0.95, say), the framework is evaluated
    with that confidence and a deviation that chance explains is left out: one
    whose progress interval holds the expected progress (its
    ``Deviation.distinguishable`` is False). A deviation without an interval
    (too few subjects) stays. Without *chance*, the cycle's own ``chance`` is
    used (:class:`~resultframe.FeedbackCycle`; None raises every deviation).

    Raises:
        UnknownId: the framework has no such cycle.
        InvalidValue: *period* is not one of the cycle's periods, or an argument
            has the wrong type.
        InvalidRecords: facts known at the period's end do not fit the framework.
    """
    check_args(framework, records)
    cycle = framework.cycle(cycle_id)
    check_period(cycle, period)
    minimum = _args.min_group(min_group)
    chance = cycle.chance if chance is None else check_confidence(chance, "chance")
    evaluation = evaluate(
        framework, records, period.end, cycle=cycle.id, confidence=chance
    )
    items = _evaluation_items(evaluation)
    if chance is not None:
        items = [i for i in items if not _by_chance(i)]
    items += _deteriorated_items(evaluation, minimum)
    items += _no_data_items(framework, records, cycle, period)
    items += _follow_up_items(records, cycle, period)
    weighed = _weigh(_merge(items), _Reach(framework, records, evaluation))
    return tuple(sorted(weighed, key=AgendaItem._key))  # noqa: SLF001


def _merge(items: list[AgendaItem]) -> list[AgendaItem]:
    """One item per reason and id: deviations of several groups merged, largest first."""
    merged: dict[tuple[AgendaReason, str, str], AgendaItem] = {}
    for item in items:
        if item.reason not in {AgendaReason.BEHIND, AgendaReason.AHEAD}:
            merged[item.reason, item.about, item.why] = item
            continue
        key = (item.reason, item.about, "")
        first = merged.get(key)
        if first is None:
            merged[key] = item
            continue
        both = sorted(
            (*first.deviations, *item.deviations),
            key=lambda d: (-abs(d.deviation), d.subject or ""),
        )
        merged[key] = attrs.evolve(
            first,
            subject=None if len({d.subject for d in both}) > 1 else first.subject,
            why="; ".join(_deviation_item(d).why for d in both),
            deviation=both[0],
            deviations=tuple(both),
        )
    out = list(merged.values())
    # A follow-up about an id that is on the agenda anyway joins that item.
    heads = {i.about for i in out if i.reason is not AgendaReason.FOLLOW_UP}
    joining: dict[str, list[AgendaItem]] = {}
    for item in out:
        if item.reason is AgendaReason.FOLLOW_UP and item.about in heads:
            joining.setdefault(item.about, []).append(item)
    result = []
    for item in out:
        if item.reason is AgendaReason.FOLLOW_UP and item.about in heads:
            continue
        extra = joining.pop(item.about, [])
        if extra:
            item = attrs.evolve(  # noqa: PLW2901
                item,
                why="; ".join([item.why, *(f.why for f in extra)]),
                suggests=tuple(
                    dict.fromkeys(
                        (*item.suggests, *(k for f in extra for k in f.suggests))
                    )
                ),
                follow_ups=tuple(f.decision for f in extra if f.decision is not None),
            )
        result.append(item)
    return result


class _Reach:
    """How many residents a deviation, a result or a condition concerns."""

    def __init__(
        self,
        fw: ResultsFramework,
        records: Records,
        evaluation: FrameworkEvaluation,
    ) -> None:
        self._under = _residents_under(records)
        self._groups: dict[tuple[str, str], int] = {}
        self._results: dict[str, int] = {}
        for r in evaluation.results:
            most = 0
            for i in r.indicators:
                n = i.n if i.level is Level.MICRO else 0
                if i.rollup is not None:
                    for g in i.rollup.groups:
                        self._groups[i.indicator, g.subject] = g.n or 0
                    n = max(
                        n,
                        sum(g.n or 0 for g in i.rollup.groups if g.level is i.level),
                    )
                most = max(most, n)
            self._results[r.result] = most
        self._conditions = {
            c.id: [r.id for r in fw.results if c.id in r.conditions]
            for c in fw.conditions
        }

    def deviation(self, d: Deviation) -> int:
        if d.subject is None:
            return d.subjects
        return self._groups.get(
            (d.indicator, d.subject), self._under.get(d.subject, d.subjects)
        )

    def result(self, result_id: str | None) -> int:
        return self._results.get(result_id or "", 0)

    def condition(self, condition_id: str) -> int:
        return max(
            (self.result(r) for r in self._conditions.get(condition_id, [])),
            default=0,
        )


def _residents_under(records: Records) -> dict[str, int]:
    """For each meso and macro subject, the number of residents (micro) under it."""
    parent = {s.id: s.part_of for s in records.subjects}
    counts: dict[str, int] = {}
    for s in records.subjects:
        if s.level is not Level.MICRO:
            continue
        seen = set()
        up = s.part_of
        while up is not None and up not in seen:
            seen.add(up)
            counts[up] = counts.get(up, 0) + 1
            up = parent.get(up)
    return counts


def _weight(item: AgendaItem, people: list[int]) -> float:
    """The weight of an agenda item: the size of what is wrong times its residents.

    For a deviation (``behind``, ``ahead``) the size is how far progress lies from
    the expected trajectory, each merged group's times its own residents
    (*people*, one number per deviation): ``sum(|deviation| * residents)``. For
    anything else it is its size (:data:`SEVERITY`: 0.5 for a condition not met
    or a result not sustained, 0.25 for the rest) times ``item.residents``. A
    count of 0 (no residents recorded under a subject) counts as one.
    """
    if item.deviations:
        return sum(
            abs(d.deviation) * max(1, n)
            for d, n in zip(item.deviations, people, strict=True)
        )
    size = SEVERITY.get(item.state if item.state is not None else item.reason, 0.5)
    return size * max(1, item.residents)


def _weigh(items: list[AgendaItem], reach: _Reach) -> list[AgendaItem]:
    out = []
    for item in items:
        if item.deviations:
            people = [reach.deviation(d) for d in item.deviations]
            n = sum(people)
        else:
            people = []
            if item.reason is AgendaReason.CONDITION:
                n = reach.condition(item.about)
            elif item.reason is AgendaReason.FOLLOW_UP:
                n = max(reach.result(item.about), reach.condition(item.about))
            elif item.reason is AgendaReason.DETERIORATED:
                n = item.residents
            else:
                n = reach.result(item.result)
        counted = attrs.evolve(item, residents=n)
        out.append(attrs.evolve(counted, weight=round(_weight(counted, people), 6)))
    return out
