"""One turn of a feedback cycle: the agenda, recording a review, cycle health."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from resultframe import (
    Agreement,
    Baseline,
    Cadence,
    ConditionAssessment,
    ConditionKind,
    ConditionState,
    ConditionStatus,
    Decision,
    DecisionKind,
    Direction,
    FeedbackCycle,
    Indicator,
    InvalidRecords,
    InvalidValue,
    Level,
    Means,
    Measure,
    Observation,
    Party,
    Period,
    ProcessCondition,
    Question,
    Records,
    Result,
    ResultKind,
    ResultsFramework,
    Review,
    Role,
    Subject,
    Target,
    UnknownId,
    evaluate,
)
from resultframe.serialization import fingerprint
from resultframe.steering import (
    AHEAD_SUGGESTS,
    BEHIND_SUGGESTS,
    AgendaReason,
    agenda,
    cycle_health,
    record_review,
)
from resultframe.strategies import frameworks, records

START = dt.date(2025, 1, 1)
END = dt.date(2025, 12, 31)
Q1 = Period(start=START, end=dt.date(2025, 3, 31))
Q2 = Period(start=dt.date(2025, 4, 1), end=dt.date(2025, 6, 30))


def _indicator(id_: str, direction: Direction, base: float, target: float) -> Indicator:
    return Indicator(
        id=id_,
        name=id_,
        measure=Measure.QUANTITY,
        direction=direction,
        question=Question.BETTER_OFF,
        baseline=Baseline(value=base, on=START),
        targets=(Target(value=target, by=END),),
    )


def _result(id_: str, indicator: Indicator, condition: str) -> Result:
    return Result(
        id=id_,
        statement=id_,
        level=Level.MACRO,
        kind=ResultKind.OUTCOME,
        indicators=(indicator,),
        conditions=(condition,),
        responsible=("p-town",),
    )


def framework(*, tolerance: float | None = None) -> ResultsFramework:
    """Three macro results steered on by a quarterly cycle from 1 January 2025."""
    return ResultsFramework(
        id="fw",
        name="Werk en schulden",
        agreement=Agreement(
            purpose="More work, less debt",
            context="A town",
            period=Period(start=START, end=END),
            means=(Means(description="Budget"),),
        ),
        results=(
            _result(
                "r-jobs", _indicator("i-jobs", Direction.INCREASE, 100, 200), "c-coach"
            ),
            _result(
                "r-debt", _indicator("i-debt", Direction.DECREASE, 500, 300), "c-team"
            ),
            _result(
                "r-care", _indicator("i-care", Direction.INCREASE, 10, 20), "c-team"
            ),
        ),
        conditions=(
            ProcessCondition(
                id="c-coach",
                name="Coaches",
                kind=ConditionKind.COMPETENCE,
                reassess_every=Cadence(months=3),
            ),
            ProcessCondition(
                id="c-team",
                name="Team",
                kind=ConditionKind.RESOURCES,
                reassess_every=Cadence(months=3),
            ),
        ),
        cycles=(
            FeedbackCycle(
                id="q",
                name="Quarterly",
                reports_to="p-town",
                cadence=Cadence(months=3),
                starts_on=START,
                tolerance=tolerance,
            ),
            FeedbackCycle(
                id="jobs",
                name="Jobs only",
                reports_to="p-town",
                cadence=Cadence(months=1),
                starts_on=START,
                results=("r-jobs",),
            ),
        ),
        parties=(Party(id="p-town", name="Gemeente", role=Role.COMMISSIONER),),
    )


FACTS = Records(
    subjects=[Subject(id="town", level=Level.MACRO, name="Town")],
    observations=[
        Observation(
            indicator="i-jobs", subject="town", on=dt.date(2025, 3, 15), value=150
        ),
        Observation(
            indicator="i-debt", subject="town", on=dt.date(2025, 3, 20), value=490
        ),
    ],
    assessments=[
        ConditionAssessment(
            condition="c-coach", on=dt.date(2024, 12, 1), status=ConditionStatus.MET
        ),
        ConditionAssessment(
            condition="c-team", on=dt.date(2025, 3, 1), status=ConditionStatus.NOT_MET
        ),
    ],
)


def _review(period: Period = Q1, **changes: object) -> Review:
    fields: dict[str, object] = {
        "cycle": "q",
        "period": period,
        "held_on": period.end + dt.timedelta(days=10),
        "decisions": (
            Decision(
                kind=DecisionKind.SPREAD_SUCCESS,
                about=("i-jobs",),
                follow_up_by=dt.date(2025, 5, 15),
            ),
            Decision(kind=DecisionKind.ADJUST_CONDITIONS, about=("c-team",)),
        ),
    }
    fields.update(changes)
    return Review(**fields)  # type: ignore[arg-type]


# -- agenda ---------------------------------------------------------------------------


def test_agenda_of_the_first_quarter_lists_every_kind_of_item() -> None:
    items = agenda(framework(), FACTS, "q", Q1)
    got = [(i.reason, i.about) for i in items]
    # Heaviest first. No residents are recorded, so every item concerns one
    # (counted as 1): the weight is the size alone. Ties go by reason, then id.
    assert got == [
        (AgendaReason.CONDITION, "c-team"),  # not met: 0.5
        (AgendaReason.UNSUSTAINED, "r-jobs"),  # ahead, but c-coach is stale: 0.5
        (AgendaReason.AHEAD, "i-jobs"),  # 0.5 - 89 / 364 = 0.2555
        (AgendaReason.CONDITION, "c-coach"),  # assessed 1 Dec, stale from 1 March: 0.25
        (AgendaReason.NO_DATA, "i-care"),  # 0.25
        (AgendaReason.BEHIND, "i-debt"),  # 89 / 364 - 0.05 = 0.1945
    ]
    assert [i.weight for i in items] == sorted((i.weight for i in items), reverse=True)


def test_deviations_behind_and_ahead_carry_their_numbers_and_suggestions() -> None:
    items = {i.about: i for i in agenda(framework(), FACTS, "q", Q1)}
    # Expected progress on 31 March: 89 of the 364 days from 1 Jan to 31 Dec, 0.2445.
    # Jobs: (150 - 100) / (200 - 100) = 0.5, deviation +0.2555 > 0.10: ahead.
    jobs = items["i-jobs"]
    assert jobs.deviation is not None
    assert jobs.deviation.deviation == pytest.approx(0.5 - 89 / 364)
    assert jobs.suggests == AHEAD_SUGGESTS
    assert (jobs.result, jobs.subject) == ("r-jobs", "town")
    assert "progress 50% against 24% expected, 26 percentage points ahead" in jobs.why
    # Debt: (490 - 500) / (300 - 500) = 0.05, deviation -0.1945: behind.
    debt = items["i-debt"]
    assert debt.deviation is not None
    assert debt.deviation.deviation == pytest.approx(0.05 - 89 / 364)
    assert debt.suggests == BEHIND_SUGGESTS
    assert "progress 5% against 24% expected, 19 percentage points behind" in debt.why
    assert DecisionKind.SPREAD_SUCCESS in jobs.suggests
    assert DecisionKind.ESCALATE in debt.suggests


def test_agenda_uses_the_cycle_tolerance_override() -> None:
    # With a tolerance of 0.30 neither 0.2555 nor 0.1945 lies outside it.
    items = agenda(framework(tolerance=0.30), FACTS, "q", Q1)
    reasons = {i.reason for i in items}
    assert AgendaReason.AHEAD not in reasons
    assert AgendaReason.BEHIND not in reasons


def test_agenda_only_covers_the_results_in_the_cycle_scope() -> None:
    jan = Period(start=START, end=dt.date(2025, 1, 31))
    items = agenda(framework(), FACTS, "jobs", jan)
    assert {i.result for i in items if i.result is not None} == {"r-jobs"}
    assert "c-team" not in {i.about for i in items}
    assert (AgendaReason.NO_DATA, "i-jobs") in {(i.reason, i.about) for i in items}


def test_agenda_only_uses_facts_known_at_the_end_of_the_period() -> None:
    later = FACTS.add(
        Observation(
            indicator="i-care", subject="town", on=dt.date(2025, 4, 1), value=20
        )
    )
    assert agenda(framework(), later, "q", Q1) == agenda(framework(), FACTS, "q", Q1)


def test_follow_ups_of_earlier_decisions_fall_due_in_their_period() -> None:
    fw = framework()
    recs = record_review(fw, FACTS, _review())
    # i-jobs has no observation in Q2: the follow-up joins that item.
    follow = [i for i in agenda(fw, recs, "q", Q2) if i.follow_ups]
    assert [(i.reason, i.about) for i in follow] == [(AgendaReason.NO_DATA, "i-jobs")]
    assert [d.kind for d in follow[0].follow_ups] == [DecisionKind.SPREAD_SUCCESS]
    assert "by 2025-05-15" in follow[0].why
    assert DecisionKind.STOP in follow[0].suggests  # what a follow-up suggests
    q3 = fw.cycle("q").period(2)
    assert not [
        i
        for i in agenda(fw, recs, "q", q3)
        if i.reason is AgendaReason.FOLLOW_UP or i.follow_ups
    ]


def test_agenda_refuses_a_period_the_cycle_does_not_have() -> None:
    odd = Period(start=dt.date(2025, 1, 2), end=dt.date(2025, 3, 31))
    with pytest.raises(InvalidValue, match="expected a period of cycle 'q'"):
        agenda(framework(), FACTS, "q", odd)
    with pytest.raises(InvalidValue, match="period: expected a Period"):
        agenda(framework(), FACTS, "q", "2025-Q1")  # type: ignore[arg-type]


def test_agenda_refuses_an_unknown_cycle_and_wrong_arguments() -> None:
    with pytest.raises(UnknownId, match="no cycle with id 'x'"):
        agenda(framework(), FACTS, "x", Q1)
    with pytest.raises(InvalidValue, match="records: expected Records"):
        agenda(framework(), [], "q", Q1)  # type: ignore[arg-type]


def test_agenda_is_independent_of_the_order_of_facts() -> None:
    shuffled = Records(
        subjects=FACTS.subjects,
        observations=reversed(FACTS.observations),
        assessments=reversed(FACTS.assessments),
    )
    assert agenda(framework(), shuffled, "q", Q1) == agenda(framework(), FACTS, "q", Q1)


@given(st.data())
def test_every_deviation_evaluate_reports_for_the_cycle_is_on_the_agenda(
    data: st.DataObject,
) -> None:
    fw = data.draw(frameworks())
    recs = data.draw(records(fw))
    cycle = data.draw(st.sampled_from(fw.cycles))
    days = sorted({o.on for o in recs.observations if o.on >= cycle.starts_on})
    day = data.draw(st.sampled_from(days) if days else st.just(cycle.starts_on))
    period = cycle.period_on(day)
    items = agenda(fw, recs, cycle.id, period)
    on_agenda = [d for i in items for d in i.deviations]
    # A cycle that declares a chance leaves out what chance explains.
    reported = [
        d
        for d in evaluate(
            fw, recs, period.end, cycle=cycle.id, confidence=cycle.chance
        ).deviations
        if d.distinguishable is not False
    ]
    assert sorted(map(repr, on_agenda)) == sorted(map(repr, reported))
    for item in items:
        if item.deviation is not None:
            assert item.suggests == (
                AHEAD_SUGGESTS if item.deviation.ahead else BEHIND_SUGGESTS
            )
        if item.result is not None:
            assert cycle.covers(item.result)


# -- reviews ----------------------------------------------------------------------------


def test_record_review_appends_and_sets_the_fingerprint() -> None:
    fw = framework()
    recs = record_review(fw, FACTS, _review())
    assert FACTS.reviews == ()  # the old records are untouched
    (review,) = recs.reviews
    assert review.framework_fingerprint == fingerprint(fw)
    assert attrs.evolve(review, framework_fingerprint=None) == _review()
    assert recs.check(fw) == ()


def test_record_review_keeps_a_matching_fingerprint() -> None:
    fw = framework()
    review = _review(framework_fingerprint=fingerprint(fw))
    assert record_review(fw, FACTS, review).reviews == (review,)


def _problems(fw: ResultsFramework, recs: Records, review: Review) -> list[str]:
    with pytest.raises(InvalidRecords) as caught:
        record_review(fw, recs, review)
    return [p.code for p in caught.value.problems]


def test_record_review_refuses_an_unknown_cycle() -> None:
    assert _problems(framework(), FACTS, _review(cycle="nope")) == ["unknown_id"]


def test_record_review_refuses_a_period_the_cycle_does_not_have() -> None:
    odd = Period(start=dt.date(2025, 1, 1), end=dt.date(2025, 2, 28))
    assert _problems(framework(), FACTS, _review(period=odd)) == ["wrong_period"]


def test_record_review_refuses_a_second_review_of_a_period() -> None:
    fw = framework()
    recs = record_review(fw, FACTS, _review())
    again = _review(held_on=dt.date(2025, 4, 20))
    with pytest.raises(InvalidRecords, match="already held its review") as caught:
        record_review(fw, recs, again)
    assert [p.code for p in caught.value.problems] == ["duplicate_review"]


def test_record_review_refuses_decisions_about_unknown_ids() -> None:
    decisions = (Decision(kind=DecisionKind.STOP, about=("i-jobs", "ghost")),)
    review = _review(decisions=decisions)
    with pytest.raises(InvalidRecords, match="'ghost'") as caught:
        record_review(framework(), FACTS, review)
    assert [(p.code, p.field) for p in caught.value.problems] == [
        ("unknown_id", "decisions[0].about[1]")
    ]


def test_record_review_refuses_a_fingerprint_of_another_framework() -> None:
    other = fingerprint(framework(tolerance=0.2))
    review = _review(framework_fingerprint=other)
    assert _problems(framework(), FACTS, review) == ["fingerprint_mismatch"]


def test_record_review_lists_every_problem_at_once() -> None:
    review = _review(
        cycle="nope", decisions=(Decision(kind=DecisionKind.STOP, about=("x",)),)
    )
    assert _problems(framework(), FACTS, review) == ["unknown_id", "unknown_id"]


def test_record_review_refuses_what_is_not_a_review() -> None:
    with pytest.raises(InvalidValue, match="review: expected a Review"):
        record_review(framework(), FACTS, "review")  # type: ignore[arg-type]


# -- cycle health -------------------------------------------------------------------------


def test_health_of_a_running_cycle_with_one_late_review() -> None:
    fw = framework()
    recs = record_review(fw, FACTS, _review())
    health = cycle_health(fw, recs, "q", dt.date(2025, 7, 10))
    assert health.periods_ended == 2  # Q1 and Q2 ended; Q3 runs
    assert health.reviews_held == 1
    # Q1's review falls due on 1 April and was held on 10 April: 9 days late.
    assert health.days_late == ((Q1, 9),)
    assert health.held_late == 1
    # Q2's review fell due on 1 July and was not held by 10 July.
    assert health.periods_overdue == (Q2,)
    # The follow-up by 15 May was not taken up in a later review.
    assert [(p, d.about) for p, d in health.follow_ups_overdue] == [(Q1, ("i-jobs",))]
    # Q1's agenda had 6 items; i-jobs and c-team got a decision: 2 / 6.
    assert (health.agenda_items, health.agenda_items_decided) == (6, 2)
    assert health.decided_share == pytest.approx(2 / 6)
    assert not health.running


def test_health_on_the_due_day_is_not_overdue_yet() -> None:
    health = cycle_health(framework(), FACTS, "q", dt.date(2025, 4, 1))
    assert health.periods_ended == 1
    assert health.periods_overdue == ()
    health = cycle_health(framework(), FACTS, "q", dt.date(2025, 4, 2))
    assert health.periods_overdue == (Q1,)


def test_health_counts_a_follow_up_done_in_a_later_review() -> None:
    fw = framework()
    recs = record_review(fw, FACTS, _review())
    q2 = _review(
        Q2,
        held_on=dt.date(2025, 7, 1),
        decisions=(Decision(kind=DecisionKind.CONTINUE, about=("i-jobs",)),),
    )
    recs = record_review(fw, recs, q2)
    health = cycle_health(fw, recs, "q", dt.date(2025, 7, 10))
    assert health.follow_ups_overdue == ()
    assert health.periods_overdue == ()
    assert health.days_late == ((Q1, 9), (Q2, 0))
    assert health.running


def test_health_ignores_reviews_held_after_as_of() -> None:
    fw = framework()
    recs = record_review(fw, FACTS, _review())
    health = cycle_health(fw, recs, "q", dt.date(2025, 4, 5))
    assert health.reviews_held == 0
    assert health.periods_overdue == (Q1,)
    assert health.decided_share is None


def test_health_before_the_cycle_starts_is_empty() -> None:
    health = cycle_health(framework(), FACTS, "q", dt.date(2024, 6, 1))
    assert (health.periods_ended, health.reviews_held, health.periods_overdue) == (
        0,
        0,
        (),
    )


def test_health_refuses_an_unknown_cycle_and_a_non_date() -> None:
    with pytest.raises(UnknownId):
        cycle_health(framework(), FACTS, "x", dt.date(2025, 7, 1))
    with pytest.raises(InvalidValue, match="as_of: expected a date"):
        cycle_health(framework(), FACTS, "q", "2025-07-01")  # type: ignore[arg-type]


def test_unassessed_conditions_are_on_the_agenda_with_their_state() -> None:
    bare = Records(subjects=FACTS.subjects, observations=FACTS.observations)
    items = agenda(framework(), bare, "q", Q1)
    states = {i.about: i.state for i in items if i.reason is AgendaReason.CONDITION}
    assert states == {
        "c-coach": ConditionState.UNASSESSED,
        "c-team": ConditionState.UNASSESSED,
    }


def test_a_follow_up_of_a_decision_about_the_whole_cycle_is_about_the_cycle() -> None:
    fw = framework()
    decision = Decision(kind=DecisionKind.CONTINUE, follow_up_by=dt.date(2025, 6, 1))
    recs = record_review(fw, FACTS, _review(decisions=(decision,)))
    follow = [
        i for i in agenda(fw, recs, "q", Q2) if i.reason is AgendaReason.FOLLOW_UP
    ]
    assert [(i.about, i.decision) for i in follow] == [("q", decision)]
    assert "about cycle 'q'" in follow[0].why
