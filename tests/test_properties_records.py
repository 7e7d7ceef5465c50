"""Properties of Records: fit, order independence, persistence and its views."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING

import attrs
from hypothesis import example, given
from hypothesis import strategies as st

import resultframe.strategies as rs
from resultframe import (
    ConditionAssessment,
    Goal,
    Observation,
    Records,
    ResultsFramework,
    Review,
    Subject,
    Value,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from resultframe import Fact


@attrs.frozen
class Facts:
    """The facts a Records is built from, as plain tuples."""

    subjects: tuple[Subject, ...] = ()
    observations: tuple[Observation, ...] = ()
    goals: tuple[Goal, ...] = ()
    assessments: tuple[ConditionAssessment, ...] = ()
    reviews: tuple[Review, ...] = ()

    @classmethod
    def of(cls, records: Records) -> Facts:
        return cls(
            subjects=records.subjects,
            observations=records.observations,
            goals=records.goals,
            assessments=records.assessments,
            reviews=records.reviews,
        )

    def all(self) -> list[Fact]:
        return [
            *self.subjects,
            *self.observations,
            *self.goals,
            *self.assessments,
            *self.reviews,
        ]

    def records(self) -> Records:
        return Records(
            subjects=self.subjects,
            observations=self.observations,
            goals=self.goals,
            assessments=self.assessments,
            reviews=self.reviews,
        )

    def days(self) -> set[dt.date]:
        out = {o.on for o in self.observations}
        out |= {a.on for a in self.assessments}
        out |= {r.held_on for r in self.reviews}
        out |= {g.baseline.on for g in self.goals if g.baseline is not None}
        return out


def key(o: Observation) -> tuple[object, ...]:
    """An observation as a tuple that tells 1, 1.0 and True apart."""
    return (o.indicator, o.subject, o.on, type(o.value), o.value, o.note, o.source)


def keys(observations: Iterable[Observation]) -> Counter[tuple[object, ...]]:
    return Counter(key(o) for o in observations)


# -- strategies ------------------------------------------------------------------

# Small pools, so that facts collide: several observations of one indicator and
# subject, on one day, with values that are equal across types (1, 1.0, True).
WINDOW = rs.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2025, 3, 31))
TRICKY_VALUES: st.SearchStrategy[Value] = st.sampled_from(
    [0, 1, 0.0, 1.0, -0.0, 2.5, True, False, "1", "ok"]
)


@st.composite
def loose_facts(draw: st.DrawFn) -> Facts:
    """Facts not bound to a framework, crowded into a few ids and days."""
    indicator_ids = st.sampled_from(
        draw(st.lists(rs.ids(), min_size=1, max_size=3, unique=True))
    )
    pool = draw(st.lists(rs.subject_ids(), min_size=1, max_size=5, unique=True))
    days = st.sampled_from(draw(st.lists(WINDOW, min_size=1, max_size=5, unique=True)))
    subject_ids = st.sampled_from(pool)
    subjects = draw(
        st.lists(rs.subjects(ids=subject_ids), max_size=5, unique_by=lambda s: s.id)
    )
    observations = draw(
        st.lists(
            rs.observations(
                indicator=indicator_ids,
                subject=subject_ids,
                on=days,
                value=TRICKY_VALUES | rs.observation_values(),
                note=st.sampled_from(["", "n", "story"]),
                source=st.sampled_from(["", "zrm"]),
            ),
            max_size=40,
        )
    )
    goals = draw(
        st.lists(rs.goals(subject=subject_ids, indicator=indicator_ids), max_size=4)
    )
    assessments = draw(
        st.lists(
            rs.condition_assessments(condition=st.sampled_from(["c1", "c2"]), on=days),
            max_size=4,
        )
    )
    reviews = draw(
        st.lists(
            rs.reviews(
                cycle=st.sampled_from(["q", "m"]),
                period=rs.periods(start=days, max_days=40),
            ),
            max_size=4,
        )
    )
    return Facts(
        subjects=tuple(subjects),
        observations=tuple(observations),
        goals=tuple(goals),
        assessments=tuple(assessments),
        reviews=tuple(reviews),
    )


SMALL_FRAMEWORKS = rs.frameworks(
    max_results=4, max_indicators=2, max_conditions=3, max_cycles=2, max_parties=2
)


def framework_facts() -> st.SearchStrategy[Facts]:
    """The facts of records that fit a (small) framework."""
    return SMALL_FRAMEWORKS.flatmap(
        lambda f: rs.records(f, max_subjects=12, max_observations=40)
    ).map(Facts.of)


# Facts of both kinds, for the properties that matter most; loose facts (cheaper,
# and more crowded) for the rest.
LOOSE_FACTS = loose_facts()
FACTS = st.one_of(LOOSE_FACTS, framework_facts())


@st.composite
def days_around(draw: st.DrawFn, facts: Facts) -> dt.date:
    """A day on, just before or just after a fact's day, or anywhere."""
    known = sorted(facts.days())
    if not known or draw(st.integers(0, 5)) == 0:
        return draw(rs.dates(min_value=dt.date(2010, 1, 1)))
    day = draw(st.sampled_from(known))
    return day + dt.timedelta(days=draw(st.sampled_from([-1, 0, 0, 1])))


# -- check -------------------------------------------------------------------------


@given(rs.frameworks().flatmap(lambda f: st.tuples(st.just(f), rs.records(f))))
def test_records_of_a_framework_pass_check(
    framework_and_records: tuple[ResultsFramework, Records],
) -> None:
    framework, records = framework_and_records
    assert records.check(framework) == ()
    # Not trivially: the records hold subjects on every level.
    assert {s.level for s in records.subjects} == {r.level for r in framework.results}


# -- order independence ----------------------------------------------------------


@given(FACTS, st.data())
def test_records_from_the_same_facts_in_any_order_are_equal(
    facts: Facts, data: st.DataObject
) -> None:
    reference = facts.records()
    draw = data.draw

    # The constructor, with every kind of fact in another order.
    permuted = Records(
        subjects=draw(st.permutations(facts.subjects)),
        observations=draw(st.permutations(facts.observations)),
        goals=draw(st.permutations(facts.goals)),
        assessments=draw(st.permutations(facts.assessments)),
        reviews=draw(st.permutations(facts.reviews)),
    )
    # Columns, rows in another order.
    rows = draw(st.permutations(facts.observations))
    columns = Records.from_columns(
        indicator=[o.indicator for o in rows],
        subject=[o.subject for o in rows],
        on=[o.on for o in rows],
        value=[o.value for o in rows],
        note=[o.note for o in rows],
        source=[o.source for o in rows],
        subjects=facts.subjects,
        goals=facts.goals,
        assessments=facts.assessments,
        reviews=facts.reviews,
    )
    # Repeated add, all facts mixed, in chunks given as facts or as iterables.
    everything = draw(st.permutations(facts.all()))
    cuts = sorted(draw(st.lists(st.integers(0, len(everything)), max_size=8)))
    added = Records()
    for lo, hi in zip([0, *cuts], [*cuts, len(everything)], strict=True):
        chunk = everything[lo:hi]
        added = added.add(chunk) if draw(st.booleans()) else added.add(*chunk)

    for other in (permuted, columns, added):
        assert other == reference
        assert hash(other) == hash(reference)
        assert len(other) == len(reference)
        assert [key(o) for o in other] == [key(o) for o in reference]
        assert other.subjects == reference.subjects
        assert other.goals == reference.goals
        assert other.assessments == reference.assessments
        assert other.reviews == reference.reviews


# -- persistence -------------------------------------------------------------------


@given(LOOSE_FACTS, st.data())
def test_add_leaves_the_old_records_untouched(
    facts: Facts, data: st.DataObject
) -> None:
    everything = facts.all()
    # Split the facts into what is there before and what is added.
    split = data.draw(st.integers(0, len(everything)))
    before_facts, new_facts = everything[:split], everything[split:]
    old = Records().add(before_facts)
    copy = Records().add(before_facts)
    listed = [key(o) for o in old]
    length = len(old)

    new = old.add(*new_facts)

    assert old == copy
    assert len(old) == length == len(copy)
    assert [key(o) for o in old] == listed
    assert old.subjects == copy.subjects
    assert old.goals == copy.goals
    assert old.assessments == copy.assessments
    assert old.reviews == copy.reviews
    assert new == facts.records()
    assert len(new) == len(facts.observations)


# -- latest ---------------------------------------------------------------------


def brute_latest(
    observations: Iterable[Observation], indicator: str, subject: str, on: dt.date
) -> list[Observation]:
    """Every observation of the pair on the latest day on or before *on*."""
    mine = [
        o
        for o in observations
        if o.indicator == indicator and o.subject == subject and o.on <= on
    ]
    if not mine:
        return []
    last = max(o.on for o in mine)
    return [o for o in mine if o.on == last]


Query = tuple[str, str, dt.date]


@st.composite
def latest_cases(
    draw: st.DrawFn,
) -> tuple[Facts, tuple[Observation, ...], tuple[Query, ...]]:
    """Facts, their observations in another order, and (indicator, subject, day)
    questions about known and unknown ids."""
    facts = draw(LOOSE_FACTS)
    indicators = sorted({o.indicator for o in facts.observations} | {"unknown"})
    subjects = sorted({o.subject for o in facts.observations} | {"nobody"})
    queries = draw(
        st.lists(
            st.tuples(
                st.sampled_from(indicators),
                st.sampled_from(subjects),
                days_around(facts),
            ),
            min_size=1,
            max_size=20,
        )
    )
    return facts, tuple(draw(st.permutations(facts.observations))), tuple(queries)


_TIE = (
    Observation(indicator="i1", subject="r1", on=dt.date(2025, 1, 2), value=1),
    Observation(indicator="i1", subject="r1", on=dt.date(2025, 1, 2), value=True),
    Observation(indicator="i1", subject="r2", on=dt.date(2025, 1, 9), value=3.5),
)


@given(latest_cases())
@example(
    (
        Facts(observations=_TIE),
        _TIE[::-1],
        (
            ("i1", "r1", dt.date(2025, 1, 1)),  # before
            ("i1", "r1", dt.date(2025, 1, 2)),  # on the tie
            ("i1", "r2", dt.date(2025, 1, 5)),  # between (no r2 yet)
            ("i1", "r2", dt.date(2025, 2, 1)),  # after
            ("i2", "r1", dt.date(2025, 2, 1)),  # unknown indicator
            ("i1", "r9", dt.date(2025, 2, 1)),  # unknown subject
        ),
    )
).via("hand-made: a tie on one day, days before, between and after, unknown ids")
def test_latest_equals_a_brute_force_scan(
    case: tuple[Facts, tuple[Observation, ...], tuple[Query, ...]],
) -> None:
    facts, reordered_observations, queries = case
    records = facts.records()
    reordered = Records(subjects=facts.subjects, observations=reordered_observations)
    for indicator, subject, day in queries:
        got = records.latest(indicator, subject, on=day)
        candidates = brute_latest(facts.observations, indicator, subject, day)
        if not candidates:
            assert got is None
            continue
        assert got is not None
        assert key(got) in keys(candidates)
        if len(candidates) == 1:
            assert key(got) == key(candidates[0])
        # Of several on one day, the last in the records' own (canonical) order.
        same_day = [
            o for o in records.observations_of(indicator, subject) if o.on == got.on
        ]
        assert key(got) == key(same_day[-1])
        # Of several on one day the same one, whatever order the facts came in.
        again = reordered.latest(indicator, subject, on=day)
        assert again is not None
        assert key(again) == key(got)


# -- as_of ------------------------------------------------------------------------


@given(FACTS, st.data())
def test_as_of_never_shows_a_fact_dated_after_the_day_and_keeps_the_rest(
    facts: Facts, data: st.DataObject
) -> None:
    records = facts.records()
    day = data.draw(days_around(facts))
    view = records.as_of(day)

    assert all(o.on <= day for o in view)
    assert all(a.on <= day for a in view.assessments)
    assert all(r.held_on <= day for r in view.reviews)
    assert all(g.baseline is None or g.baseline.on <= day for g in view.goals)

    assert keys(view) == keys(o for o in facts.observations if o.on <= day)
    assert Counter(view.assessments) == Counter(
        a for a in facts.assessments if a.on <= day
    )
    assert Counter(view.reviews) == Counter(
        r for r in facts.reviews if r.held_on <= day
    )
    assert Counter(view.goals) == Counter(
        g for g in facts.goals if g.baseline is None or g.baseline.on <= day
    )
    assert view.subjects == records.subjects
    # The view is what the constructor builds from the facts known on the day,
    # in the same order (as_of filters what is checked and sorted already).
    built = Records(
        observations=[o for o in records.observations if o.on <= day],
        subjects=records.subjects,
        goals=view.goals,
        assessments=view.assessments,
        reviews=view.reviews,
    )
    assert view == built
    assert hash(view) == hash(built)
    assert (view.goals, view.assessments, view.reviews) == (
        built.goals,
        built.assessments,
        built.reviews,
    )
    # The view answers latest as the whole records do, up to that day.
    for o in facts.observations:
        if o.on <= day:
            mine = view.latest(o.indicator, o.subject, on=day)
            whole = records.latest(o.indicator, o.subject, on=day)
            assert mine is not None
            assert whole is not None
            assert key(mine) == key(whole)


# -- observations_of ----------------------------------------------------------------


@given(LOOSE_FACTS)
def test_observations_of_is_in_date_order_and_matches_a_brute_force_filter(
    facts: Facts,
) -> None:
    records = facts.records()
    indicators = {o.indicator for o in facts.observations} | {"unknown"}
    subjects = {o.subject for o in facts.observations} | {"nobody"}
    for indicator in sorted(indicators):
        everyone = records.observations_of(indicator)
        assert keys(everyone) == keys(
            o for o in facts.observations if o.indicator == indicator
        )
        # By day, then by subject.
        order = [(o.on, o.subject) for o in everyone]
        assert order == sorted(order)
        for subject in sorted(subjects):
            theirs = records.observations_of(indicator, subject)
            assert keys(theirs) == keys(
                o
                for o in facts.observations
                if o.indicator == indicator and o.subject == subject
            )
            days = [o.on for o in theirs]
            assert days == sorted(days)
            assert [(o.on, o.value) for o in theirs] == list(
                records.series(indicator, subject)
            )


# -- iteration ------------------------------------------------------------------------


@given(LOOSE_FACTS)
def test_iteration_yields_exactly_the_observations_put_in(facts: Facts) -> None:
    records = facts.records()
    assert len(records) == len(facts.observations)
    assert keys(records) == keys(facts.observations)
    assert keys(records.observations) == keys(facts.observations)
    assert set(records.indicators_observed()) == {
        o.indicator for o in facts.observations
    }
