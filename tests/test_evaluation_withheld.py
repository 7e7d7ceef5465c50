"""Small counts per status in a published micro indicator: withheld one by one.

A micro indicator of 35 residents is published (every one of its groups is large
enough), but 3 of them are worse than their start: a count of 3 published beside
the total gives those residents away, and so would any other count from which the
3 follows by subtraction. :func:`withheld_statuses` is the rule, written once;
:func:`protect` and the report both apply it.
"""

from __future__ import annotations

import datetime as dt
import json

import attrs
from hypothesis import given
from hypothesis import strategies as st

from resultframe import (
    Agreement,
    Cadence,
    Direction,
    FeedbackCycle,
    Indicator,
    IndicatorStatus,
    Level,
    Measure,
    Observation,
    Party,
    Period,
    Question,
    Records,
    Result,
    ResultKind,
    ResultsFramework,
    Role,
    Subject,
    Target,
)
from resultframe.evaluation import evaluate, protect, withheld_statuses
from resultframe.evaluation.status import JUDGED_STATUSES
from resultframe.report import build_report, charts, render
from resultframe.steering import AgendaReason

D = dt.date
S = IndicatorStatus
DAY = D(2025, 7, 1)


def _framework() -> ResultsFramework:
    return ResultsFramework(
        id="fw",
        name="fw",
        agreement=Agreement(
            purpose="p", period=Period(start=D(2025, 1, 1), end=D(2025, 12, 31))
        ),
        results=(
            Result(
                id="a",
                statement="s",
                level=Level.MICRO,
                kind=ResultKind.OUTCOME,
                indicators=(
                    Indicator(
                        id="src",
                        name="src",
                        measure=Measure.QUANTITY,
                        direction=Direction.INCREASE,
                        question=Question.BETTER_OFF,
                        targets=(Target(value=3.0, by=D(2025, 12, 31)),),
                    ),
                ),
            ),
        ),
    )


def _records(plan: list[tuple[float, float, int]]) -> Records:
    """Residents of one team: per line, ``n`` residents scoring *first* then *last*."""
    subjects = [Subject(id="team", level=Level.MESO)]
    obs = []
    k = 0
    for first, last, n in plan:
        for _ in range(n):
            k += 1
            rid = f"r{k:03d}"
            subjects.append(Subject(id=rid, level=Level.MICRO, part_of="team"))
            obs.append(
                Observation(indicator="src", subject=rid, on=D(2025, 1, 1), value=first)
            )
            obs.append(
                Observation(indicator="src", subject=rid, on=D(2025, 6, 1), value=last)
            )
    return Records(subjects=subjects, observations=obs)


# 20 reach the target of 3 (achieved); 12 go from 1 to 2, on track for 3 by the
# end of the year (1 + 2 * 182/364 = 2 expected by 1 July); 3 go from 2 to 1:
# worse than their start (deteriorated).
PLAN = [(1.0, 3.0, 20), (1.0, 2.0, 12), (2.0, 1.0, 3)]


def test_withheld_statuses_by_hand() -> None:
    counts = [(S.ACHIEVED, 20), (S.AHEAD, 3), (S.ON_TRACK, 0), (S.BEHIND, 12)]
    # 3 is small; alone it follows from 35 - 20 - 12, so the smallest other
    # count goes with it: 3 + 12 = 15 >= 10.
    assert withheld_statuses(counts, 10) == {S.AHEAD, S.BEHIND}
    # two small counts that add up to 10 need nothing more: 4 + 6 = 10.
    two = [(S.ACHIEVED, 20), (S.AHEAD, 4), (S.BEHIND, 6)]
    assert withheld_statuses(two, 10) == {S.AHEAD, S.BEHIND}
    # two small counts adding up to 5 < 10 take the next smallest, 20: 25.
    pair = [(S.ACHIEVED, 20), (S.AHEAD, 2), (S.BEHIND, 3), (S.ON_TRACK, 40)]
    assert withheld_statuses(pair, 10) == {S.AHEAD, S.BEHIND, S.ACHIEVED}
    # ties go in status order: of the two 15s, achieved comes first.
    tie = [(S.ACHIEVED, 15), (S.AHEAD, 1), (S.BEHIND, 15)]
    assert withheld_statuses(tie, 10) == {S.AHEAD, S.ACHIEVED}
    # a zero is taken only when nothing else is left: 1 + 0 + 0 < 10, so all.
    zeros = [(S.ACHIEVED, 0), (S.AHEAD, 1), (S.BEHIND, 0)]
    assert withheld_statuses(zeros, 10) == {S.ACHIEVED, S.AHEAD, S.BEHIND}
    # nothing small, nothing withheld; nor with a threshold of 1.
    assert withheld_statuses([(S.ACHIEVED, 10), (S.BEHIND, 0)], 10) == frozenset()
    assert withheld_statuses([(S.ACHIEVED, 1), (S.BEHIND, 2)], 1) == frozenset()


_STATUSES = list(S)


@given(
    st.lists(st.integers(0, 40), min_size=len(_STATUSES), max_size=len(_STATUSES)),
    st.integers(0, 15),
)
def test_no_withheld_count_can_be_found_or_narrowed(
    values: list[int], minimum: int
) -> None:
    counts = list(zip(_STATUSES, values, strict=True))
    of = dict(counts)
    hidden = withheld_statuses(counts, minimum)
    # every small count is withheld
    assert all(s in hidden for s, c in counts if 0 < c < minimum)
    # within each block whose total is known (judged against a target or not)
    for judged in (True, False):
        block = {s for s in _STATUSES if (s in JUDGED_STATUSES) is judged}
        mine = hidden & block
        total = sum(of[s] for s in mine)
        if mine:
            # more than one, together at least the threshold, so that each is
            # anything from 0 to their total; or the whole block, too small
            assert (len(mine) >= 2 and total >= minimum) or mine == block
            # nothing needless: without the largest complement the rule fails
            extra = mine - {s for s in block if 0 < of[s] < minimum}
            if extra and mine != block:
                last = max(extra, key=lambda s: (of[s] == 0, of[s]))
                assert total - of[last] < minimum
    # the rule is stable: the published counts, with the withheld ones at 0,
    # withhold nothing more
    published = [(s, 0 if s in hidden else c) for s, c in counts]
    assert withheld_statuses(published, minimum) <= hidden


def test_the_number_judged_gives_no_withheld_count_away() -> None:
    # 20 achieved, 3 behind, 12 without data: 35 in all. A deviation publishes
    # the 23 judged against the target; withholding behind with no_data (the
    # smallest other count of the whole group) would leave 23 - 20 = 3. Within
    # the judged block, achieved goes with behind instead: together 23.
    counts = [(S.ACHIEVED, 20), (S.BEHIND, 3), (S.NO_DATA, 12)]
    assert withheld_statuses(counts, 10) == {S.ACHIEVED, S.BEHIND}


def test_protect_withholds_small_counts_and_what_gives_them_away() -> None:
    raw = evaluate(_framework(), _records(PLAN), DAY)
    ie = raw.result("a").indicator("src")
    assert (ie.count(S.ACHIEVED), ie.count(S.ON_TRACK)) == (20, 12)
    assert (ie.count(S.DETERIORATED), ie.deteriorated) == (3, 3)
    got = protect(raw).result("a").indicator("src")
    # 3 deteriorated is small; it follows from 35 - 20 - 12 unless 12 goes too
    assert got.withheld_statuses == (S.ON_TRACK, S.DETERIORATED)
    assert got.withheld_count == 15  # 12 + 3
    assert got.count(S.ACHIEVED) == 20
    assert got.count(S.ON_TRACK) == got.count(S.DETERIORATED) == 0
    assert got.n == ie.n == 35
    # the number worse than their start is the same 3 residents: withheld
    assert got.deteriorated is None
    # what is about the group as a whole stays
    assert got.progress == ie.progress
    assert got.status is ie.status
    assert protect(protect(raw)) == protect(raw)


def test_protect_leaves_counts_alone_when_none_is_small() -> None:
    raw = evaluate(_framework(), _records([(1.0, 3.0, 20), (2.0, 1.0, 12)]), DAY)
    got = protect(raw).result("a").indicator("src")
    assert got.withheld_statuses == ()
    assert got.withheld_count == 0
    assert got.counts == raw.result("a").indicator("src").counts
    assert got.deteriorated == 12


def test_the_report_shows_withheld_counts_only_together() -> None:
    report = build_report(_framework(), _records(PLAN), DAY)
    text = render(report, charts=False)
    assert "achieved 20" in text
    assert "together 15 (each withheld)" in text
    assert "deteriorated 3" not in text
    assert "on track 12" not in text
    doc = render(report, "json", charts=False)
    assert '"withheld_count": 15' in doc
    assert '"deteriorated": 3' not in doc


def test_the_chart_withholds_small_counts_of_an_unprotected_evaluation() -> None:
    raw = evaluate(_framework(), _records(PLAN), DAY)
    assert not raw.protected
    for ev in (raw, protect(raw)):
        spec = charts.status_distribution(_framework(), ev, "a")
        parts = [(row["code"], row["count"]) for row in spec["data"]["values"]]
        # 20 achieved; 12 on track and 3 worse only together, as 15
        assert parts == [("achieved", 20), ("suppressed", 15)]


def _with_cycle() -> ResultsFramework:
    return attrs.evolve(
        _framework(),
        parties=(Party(id="p-town", name="Gemeente", role=Role.COMMISSIONER),),
        cycles=(
            FeedbackCycle(
                id="q",
                name="Quarterly",
                reports_to="p-town",
                cadence=Cadence(months=3),
                starts_on=D(2025, 1, 1),
            ),
        ),
    )


def test_the_agenda_names_no_small_number_worse_than_their_start() -> None:
    fw = _with_cycle()
    # 5 of 35 worse than their start: 14%, beyond the tolerance of 10%, so on
    # the agenda; but 5 residents is fewer than 10, so not how many.
    recs = _records([(1.0, 3.0, 20), (1.0, 2.0, 10), (2.0, 1.0, 5)])
    report = build_report(fw, recs, DAY, cycle="q")
    (item,) = [i for i in report.agenda if i.reason is AgendaReason.DETERIORATED]
    assert item.residents == 5  # the agenda itself is internal
    text = render(report, charts=False)
    assert "how many is withheld" in text
    assert "5 residents are worse" not in text
    doc = json.loads(render(report, "json", charts=False))
    (entry,) = [e for e in doc["agenda"] if e["reason"] == "deteriorated"]
    assert entry["residents"] is None
    # with 12 of 60 worse (20%), the number is large enough to show
    big = build_report(fw, _records([(1.0, 3.0, 48), (2.0, 1.0, 12)]), DAY, cycle="q")
    assert "12 residents are worse" in render(big, charts=False)


def test_the_number_worse_goes_with_any_withheld_count() -> None:
    # 20 achieved, 3 on track, 12 worse than their start: 3 is withheld, and 12
    # with it (the smallest other count). Beside it, "12 residents worse than
    # their start" would tell the 12, and so 35 - 20 - 12 = 3: it is withheld.
    plan = [(1.0, 3.0, 20), (1.0, 2.0, 3), (2.0, 1.0, 12)]
    raw = evaluate(_framework(), _records(plan), DAY)
    assert raw.result("a").indicator("src").deteriorated == 12
    got = protect(raw).result("a").indicator("src")
    assert got.withheld_statuses == (S.ON_TRACK, S.DETERIORATED)
    assert got.deteriorated is None
    report = build_report(_framework(), _records(plan), DAY)
    doc = json.loads(render(report, "json", charts=False))
    assert '"deteriorated": 12' not in json.dumps(doc)
    # on the agenda (12 of 35 is beyond the tolerance), without the number
    text = render(build_report(_with_cycle(), _records(plan), DAY, cycle="q"))
    assert "how many is withheld" in text
    assert "12 residents are worse" not in text
