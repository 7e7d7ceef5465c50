"""A report (rapportage): the evaluation, the agenda and the stories, ready to render.

:func:`build_report` gathers everything a report shows on a day; the renderers in
:mod:`resultframe.report` turn it into text, Markdown, HTML or JSON in English or
Dutch. Building and rendering are separate, so one report renders in every format
and language without evaluating twice.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Final

import attrs

from resultframe.errors import InvalidValue, UnknownId
from resultframe.evaluation import FrameworkEvaluation, evaluate, protect, rollup
from resultframe.evaluation.uncertainty import check_confidence
from resultframe.model.definitions import FeedbackCycle
from resultframe.model.enums import ConditionStatus, DecisionKind, Level
from resultframe.model.framework import ResultsFramework
from resultframe.model.records import Records
from resultframe.model.schedule import Period
from resultframe.privacy import gives_away, too_few
from resultframe.report import _args
from resultframe.steering import AgendaItem, AgendaReason, agenda

if TYPE_CHECKING:
    from resultframe.evaluation import Deviation
    from resultframe.model.definitions import Result

__all__ = ["Note", "NoteKind", "Report", "build_report"]


class NoteKind(str, enum.Enum):
    """Where a note in a report comes from (soort toelichting)."""

    REVIEW = "review"
    DECISION = "decision"
    ASSESSMENT = "assessment"
    OBSERVATION = "observation"


_KIND_ORDER: Final = {k: i for i, k in enumerate(NoteKind)}


@attrs.frozen(kw_only=True)
class Note:
    """One story behind the numbers (toelichting), as a report shows it.

    Identical observation notes on one indicator are merged into one note with a
    ``count``; a note on a resident's observation never names the resident.

    Args:
        kind: Where it comes from.
        about: The ids it is about: the cycle of a review, the ids a decision is
            about (the cycle's when it is about the whole cycle), the condition
            of an assessment, the indicator of an observation.
        on: The day (the latest day, for merged notes).
        text: The note, the decision's rationale or the review's summary.
        count: How many identical notes were merged into this one.
        subject: For an observation note on a meso or macro subject (a
            neighbourhood, the municipality), its id; never a resident's.
        decision: The kind of decision, for a decision.
        follow_up_by: The day a decision must be followed up by, if any.
        status: What an assessment found.
    """

    kind: NoteKind
    about: tuple[str, ...]
    on: dt.date
    text: str
    count: int = 1
    subject: str | None = None
    decision: DecisionKind | None = None
    follow_up_by: dt.date | None = None
    status: ConditionStatus | None = None


@attrs.frozen(kw_only=True)
class Report:
    """Everything a report shows about a framework on a day (rapportage).

    Build one with :func:`build_report`; render it with
    :func:`resultframe.report.render`.

    Args:
        framework: The framework reported on.
        records: The facts known on ``as_of`` (nothing dated after it).
        as_of: The day of the report.
        min_group: The smallest group a report shows figures of.
        evaluation: The framework evaluated on ``as_of`` (for ``cycle``, if
            given: its results and tolerance).
        cycle: The feedback cycle reported to, if any.
        period: The cycle's period under review, if any.
        agenda: The agenda of that period's review; empty without a cycle.
        agenda_withheld: For each agenda item, whether its figures are withheld
            because they are about a group smaller than ``min_group``: one flag,
            or one per deviation of an item that merges several.
        notes: The stories behind the numbers (see :class:`Note`).
        notes_window: The days the notes are taken from.
        include_observation_notes: Whether notes on observations are included.
    """

    framework: ResultsFramework
    records: Records = attrs.field(repr=False)
    as_of: dt.date
    min_group: int
    evaluation: FrameworkEvaluation
    cycle: FeedbackCycle | None = None
    period: Period | None = None
    agenda: tuple[AgendaItem, ...] = ()
    agenda_withheld: tuple[bool | tuple[bool, ...], ...] = ()
    notes: tuple[Note, ...] = ()
    notes_window: Period | None = None
    include_observation_notes: bool = False

    def group_name(self, subject_id: str) -> str:
        """The display name of a meso or macro subject: its name, else its id."""
        try:
            subject = self.records.subject(subject_id)
        except UnknownId:
            return subject_id
        return subject.name or subject.id


def build_report(  # noqa: PLR0913
    framework: ResultsFramework,
    records: Records,
    as_of: dt.date,
    *,
    cycle: str | None = None,
    period: Period | None = None,
    min_group: int = 10,
    include_observation_notes: bool = False,
    max_observation_notes: int = 50,
    evaluation: FrameworkEvaluation | None = None,
    confidence: float | None = None,
) -> Report:
    """Gather what a report on *framework* shows on *as_of* (rapportage opstellen).

    Only facts dated on or before *as_of* are used.

    Args:
        framework: The framework.
        records: The facts; those known on *as_of* must fit the framework.
        as_of: The day of the report.
        cycle: Report to this feedback cycle: its results only, judged with its
            tolerance, and the agenda of one of its periods.
        period: The cycle's period whose agenda to list. Without it, the last
            period that ended on or before *as_of* (or, while the first period
            runs, that period). Without a cycle, *period* only sets where the
            notes start.
        min_group: The smallest group a report shows figures of (default 10;
            0 or 1 shows every group).
        include_observation_notes: Also show the notes on observations, which
            may be about residents (off by default).
        max_observation_notes: At most this many observation notes, the most
            recent.
        evaluation: An evaluation you already have, to render instead of
            evaluating again. It must be of *framework* on *as_of*, with the
            same *min_group* and *cycle*.
        confidence: Show intervals at this confidence level (0.95, say): the
            evaluation is made with it (``evaluate(..., confidence=)``) and
            every shown figure that has an interval shows it, with whether a
            deviation is more than chance explains. Without it, the cycle's
            ``chance`` when reporting to a cycle that declares one, else none.
            A given *evaluation* keeps its own confidence.

    Raises:
        InvalidValue: an argument has the wrong type, *period* is not one of the
            cycle's periods, or *as_of* lies before the cycle starts.
        UnknownId: the framework has no such cycle.
        InvalidRecords: facts known on *as_of* do not fit the framework.
    """
    fw = _args.framework(framework)
    recs = _args.records(records)
    day = _args.day("as_of", as_of)
    cycle_id = _args.optional_id("cycle", cycle)
    chosen = _args.period(period)
    minimum = _args.count("min_group", min_group)
    with_observations = _args.flag(
        "include_observation_notes", include_observation_notes
    )
    most = _args.count("max_observation_notes", max_observation_notes)
    given = _given_evaluation(evaluation)
    level = None if confidence is None else check_confidence(confidence)
    known = recs.as_of(day)
    scope = fw.cycle(cycle_id) if cycle_id is not None else None
    if level is None and scope is not None:
        level = scope.chance
    under_review: Period | None = chosen
    if scope is not None:
        under_review = (
            _review_period(scope, day) if chosen is None else _check(scope, chosen)
        )
    # Nothing of a group too small to publish reaches a report: not its
    # status, not the verdict it would decide.
    evaluation = protect(
        evaluate(fw, known, day, min_group=minimum, cycle=cycle_id, confidence=level)
        if given is None
        else _matches(given, fw, day, minimum, cycle_id)
    )
    items: tuple[AgendaItem, ...] = ()
    if scope is not None and under_review is not None:
        items = agenda(fw, known, scope.id, under_review)
    start = (
        under_review.start if under_review is not None else fw.agreement.period.start
    )
    window = Period(start=min(start, day), end=day)
    return Report(
        framework=fw,
        records=known,
        as_of=day,
        min_group=minimum,
        evaluation=evaluation,
        cycle=scope,
        period=under_review if scope is not None else None,
        agenda=items,
        agenda_withheld=_withheld(fw, known, items, under_review, minimum, evaluation),
        notes=_notes(
            fw, known, scope, window, observations=with_observations, most=most
        ),
        notes_window=window,
        include_observation_notes=with_observations,
    )


def _given_evaluation(value: object) -> FrameworkEvaluation | None:
    if value is not None and not isinstance(value, FrameworkEvaluation):
        raise InvalidValue(
            "evaluation", _args.short(value), "expected None or a FrameworkEvaluation"
        )
    return value


def _matches(
    given: FrameworkEvaluation,
    fw: ResultsFramework,
    day: dt.date,
    minimum: int,
    cycle_id: str | None,
) -> FrameworkEvaluation:
    """Return *given* if it evaluates *fw* on *day* as the report would."""
    wanted = (
        ("framework", given.framework, fw.id),
        ("as_of", given.as_of, day),
        ("min_group", given.min_group, minimum),
        ("cycle", given.cycle, cycle_id),
    )
    problems = [
        f"{name} {have!r} (the report's is {want!r})"
        for name, have, want in wanted
        if have != want
    ]
    if problems:
        raise InvalidValue(
            "evaluation",
            "; ".join(problems),
            "expected an evaluation of the same framework, day, min_group and cycle",
        )
    return given


def _check(cycle: FeedbackCycle, period: Period) -> Period:
    if not cycle.has_period(period):
        raise InvalidValue(
            "period",
            str(period),
            f"expected a period of cycle {cycle.id!r} (cadence {cycle.cadence}, "
            f"from {cycle.starts_on})",
        )
    return period


def _review_period(cycle: FeedbackCycle, day: dt.date) -> Period:
    """The last period of *cycle* that ended on or before *day*, else the first."""
    if day < cycle.starts_on:
        raise InvalidValue(
            "as_of",
            day,
            f"expected a day on or after the start of cycle {cycle.id!r} "
            f"({cycle.starts_on})",
        )
    k = cycle.index_on(day)
    current = cycle.period(k)
    if current.end <= day or k == 0:
        return current
    return cycle.period(k - 1)


def _withheld(  # noqa: PLR0913, PLR0917
    fw: ResultsFramework,
    known: Records,
    items: tuple[AgendaItem, ...],
    period: Period | None,
    minimum: int,
    evaluation: FrameworkEvaluation,
) -> tuple[bool | tuple[bool, ...], ...]:
    """Whether each agenda item's figures are about a group too small to show.

    A micro deviation stands for its residents together: withheld when they are
    fewer than *minimum*; so is the number of residents worse than their own
    start, and wherever the protected *evaluation* withheld it. A deviation of a derived indicator for a group is
    withheld when the roll-up on the period's last day, with *minimum*,
    suppresses that group (the agenda itself uses the default threshold). An
    item with merged deviations gets one flag per deviation.
    """
    suppressed: dict[str, set[str]] = {}

    def hidden(d: Deviation) -> bool:
        if d.subject is None:
            return too_few(d.subjects, minimum)
        if period is None or fw.indicator(d.indicator).derived_from is None:
            return False
        if d.indicator not in suppressed:
            roll = rollup(fw, known, d.indicator, period.end, min_group=minimum)
            suppressed[d.indicator] = {g.subject for g in roll.groups if g.suppressed}
        return d.subject in suppressed[d.indicator]

    out: list[bool | tuple[bool, ...]] = []
    for item in items:
        if item.deviations:
            out.append(tuple(hidden(d) for d in item.deviations))
        elif item.reason is AgendaReason.DETERIORATED:
            # Residents worse than their start: a count like any other, shown
            # only where the protected evaluation shows it.
            out.append(
                gives_away(item.residents, minimum)
                or _deteriorated_withheld(evaluation, item.result, item.about)
            )
        else:
            out.append(item.deviation is not None and hidden(item.deviation))
    return tuple(out)


def _deteriorated_withheld(
    evaluation: FrameworkEvaluation, result: str | None, indicator: str
) -> bool:
    """Whether the protected *evaluation* withheld an indicator's number worse."""
    for r in evaluation.results:
        if result is None or r.result == result:
            for ie in r.indicators:
                if ie.indicator == indicator and ie.deteriorated is None:
                    return True
    return False


def _notes(  # noqa: PLR0913
    fw: ResultsFramework,
    known: Records,
    scope: FeedbackCycle | None,
    window: Period,
    *,
    observations: bool,
    most: int,
) -> tuple[Note, ...]:
    """The notes, decisions and assessments dated in *window*."""
    results = [r for r in fw.results if scope is None or scope.covers(r.id)]
    conditions = {c for r in results for c in r.conditions}
    notes: list[Note] = []
    for review in known.reviews:
        if review.held_on not in window or (
            scope is not None and review.cycle != scope.id
        ):
            continue
        if review.note.strip():
            notes.append(
                Note(
                    kind=NoteKind.REVIEW,
                    about=(review.cycle,),
                    on=review.held_on,
                    text=review.note.strip(),
                )
            )
        notes.extend(
            Note(
                kind=NoteKind.DECISION,
                about=d.about or (review.cycle,),
                on=review.held_on,
                text=d.rationale.strip(),
                decision=d.kind,
                follow_up_by=d.follow_up_by,
            )
            for d in review.decisions
        )
    notes.extend(
        Note(
            kind=NoteKind.ASSESSMENT,
            about=(a.condition,),
            on=a.on,
            text=a.note.strip(),
            status=a.status,
        )
        for a in known.assessments
        if a.on in window and a.note.strip() and a.condition in conditions
    )
    if observations:
        notes += _observation_notes(known, results, window, most)
    notes.sort(key=lambda n: (_KIND_ORDER[n.kind], n.on, n.about, n.text))
    return tuple(notes)


def _observation_notes(
    known: Records, results: list[Result], window: Period, most: int
) -> list[Note]:
    """Notes on observations in *window*, identical ones merged; never a resident's id."""
    merged: dict[tuple[str, str | None, str], tuple[int, dt.date]] = {}
    levels = {s.id: s.level for s in known.subjects}
    for result in results:
        for indicator in result.indicators:
            for o in known.observations_of(indicator.id):
                text = o.note.strip()
                if not text or o.on not in window:
                    continue
                subject = (
                    o.subject if levels.get(o.subject) is not Level.MICRO else None
                )
                key = (indicator.id, subject, text)
                n, last = merged.get(key, (0, o.on))
                merged[key] = (n + 1, max(last, o.on))
    newest = sorted(merged.items(), key=lambda kv: (kv[1][1], kv[0]), reverse=True)
    return [
        Note(
            kind=NoteKind.OBSERVATION,
            about=(indicator,),
            on=last,
            text=text,
            count=n,
            subject=subject,
        )
        for (indicator, subject, text), (n, last) in newest[:most]
    ]
