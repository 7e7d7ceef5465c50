"""Examples for Records: building, adding, reading, and checking against a framework."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import attrs
import pytest

from resultframe import (
    Accumulation,
    Aggregation,
    Agreement,
    Baseline,
    Cadence,
    ConditionAssessment,
    ConditionKind,
    ConditionStatus,
    Decision,
    DecisionKind,
    Derivation,
    Direction,
    FeedbackCycle,
    Goal,
    Indicator,
    InvalidRecords,
    InvalidValue,
    Level,
    Measure,
    Observation,
    Party,
    Period,
    ProcessCondition,
    Question,
    Records,
    Result,
    ResultframeError,
    ResultKind,
    ResultsFramework,
    Review,
    Role,
    Scale,
    ScalePoint,
    Subject,
    Target,
    UnknownId,
)
from resultframe.steering import record_review

D = dt.date
MAR, APR, JUN, SEP = D(2025, 3, 1), D(2025, 4, 1), D(2025, 6, 1), D(2025, 9, 1)

GEMEENTE = Subject(id="gemeente", level=Level.MACRO, name="Gemeente")
NOORD = Subject(id="wijk-noord", level=Level.MESO, part_of="gemeente", name="Noord")
R1 = Subject(id="r1", level=Level.MICRO, part_of="wijk-noord")
R2 = Subject(id="r2", level=Level.MICRO, part_of="wijk-noord")
SUBJECTS = (GEMEENTE, NOORD, R1, R2)


def obs(
    indicator: str, subject: str, on: dt.date, value: Any, **kw: Any
) -> Observation:
    return Observation(indicator=indicator, subject=subject, on=on, value=value, **kw)


# r1: zrm-fin 2 on 1 Mar, 3 on 1 Jun, 4 on 1 Sep; r2: zrm-fin 3 on 1 Mar, 2 on 1 Apr.
ZRM_OBS = (
    obs("zrm-fin", "r1", MAR, 2, note="Schulden in beeld"),
    obs("zrm-fin", "r1", JUN, 3, source="wijkteam"),
    obs("zrm-fin", "r1", SEP, 4),
    obs("zrm-fin", "r2", MAR, 3),
    obs("zrm-fin", "r2", APR, 2),
)
RECORDS = Records(subjects=SUBJECTS, observations=ZRM_OBS)


# -- building ---------------------------------------------------------------------------


def test_from_objects_and_from_columns_give_equal_records() -> None:
    from_columns = Records.from_columns(
        indicator=[o.indicator for o in ZRM_OBS],
        subject=[o.subject for o in ZRM_OBS],
        on=[o.on for o in ZRM_OBS],
        value=[o.value for o in ZRM_OBS],
        note=[o.note for o in ZRM_OBS],
        source=[o.source for o in ZRM_OBS],
        subjects=SUBJECTS,
    )
    assert from_columns == RECORDS
    assert from_columns.observations == RECORDS.observations
    assert hash(from_columns) == hash(RECORDS)


def test_from_columns_without_notes_and_sources() -> None:
    r = Records.from_columns(indicator=["i"], subject=["r1"], on=[MAR], value=[1.5])
    assert r.observations == (obs("i", "r1", MAR, 1.5),)


def test_from_columns_reports_every_bad_row() -> None:
    with pytest.raises(InvalidRecords) as info:
        Records.from_columns(
            indicator=["zrm fin", "zrm-fin", "zrm-fin", "zrm-fin"],
            subject=["r1", "r1", "r2", "r2"],
            on=[MAR, APR, MAR, "2025-04-01"],  # type: ignore[list-item]
            value=[2, 3, math.nan, 4],
        )
    found = [(p.about, p.field) for p in info.value.problems]
    assert found == [("row 0", "indicator"), ("row 2", "value"), ("row 3", "on")]
    messages = [p.message for p in info.value.problems]
    assert "'zrm fin'" in messages[0]
    assert "nan" in messages[1]
    assert "'2025-04-01'" in messages[2]
    assert str(info.value).startswith("records do not fit the framework: 3 problems")
    assert isinstance(info.value, ResultframeError)
    assert isinstance(info.value, ValueError)


def test_from_columns_reports_every_bad_field_of_a_row() -> None:
    with pytest.raises(InvalidRecords) as info:
        Records.from_columns(
            indicator=["i"],
            subject=[""],
            on=[MAR],
            value=["  "],
            note=[None],  # type: ignore[list-item]
            source=[3],  # type: ignore[list-item]
        )
    assert [(p.about, p.field) for p in info.value.problems] == [
        ("row 0", "subject"),
        ("row 0", "value"),
        ("row 0", "note"),
        ("row 0", "source"),
    ]


def test_from_columns_with_columns_of_different_lengths_is_refused() -> None:
    with pytest.raises(InvalidValue) as info:
        Records.from_columns(
            indicator=["i", "i"], subject=["r1"], on=[MAR, APR], value=[1, 2]
        )
    assert info.value.field == "subject"
    assert (
        str(info.value)
        == "subject: expected as many items as indicator (2), got '1 items'"
    )


def test_records_take_only_facts_of_the_right_kind() -> None:
    with pytest.raises(InvalidValue) as info:
        Records(observations=[R1])  # type: ignore[list-item]
    assert info.value.field == "observations[0]"
    with pytest.raises(InvalidValue) as info:
        Records(subjects="r1")  # type: ignore[arg-type]
    assert info.value.field == "subjects"


def test_two_different_subjects_with_one_id_are_refused() -> None:
    other_r1 = Subject(id="r1", level=Level.MICRO, part_of="wijk-zuid")
    with pytest.raises(InvalidValue) as info:
        Records(subjects=[R1, other_r1])
    assert info.value.field == "subjects"
    assert "got 'r1'" in str(info.value)
    with pytest.raises(InvalidValue):
        RECORDS.add(other_r1)


def test_identical_subjects_collapse() -> None:
    r = Records(
        subjects=[R1, R1, Subject(id="r1", level=Level.MICRO, part_of="wijk-noord")]
    )
    assert r.subjects == (R1,)
    assert RECORDS.add(R1) == RECORDS


# -- adding -------------------------------------------------------------------------------


def test_add_returns_new_records_and_leaves_the_old_unchanged() -> None:
    before = RECORDS.observations
    new = obs("zrm-fin", "r2", SEP, 4)
    added = RECORDS.add(new)
    assert len(RECORDS) == 5
    assert RECORDS.observations == before
    assert len(added) == 6
    assert new in added.observations
    assert added != RECORDS


def test_add_takes_facts_of_every_kind_one_by_one_or_as_iterables() -> None:
    r3 = Subject(id="r3", level=Level.MICRO)
    goal = Goal(
        subject="r1", indicator="zrm-fin", target=Target(value=4, by=D(2025, 12, 31))
    )
    assessment = ConditionAssessment(
        condition="training", on=MAR, status=ConditionStatus.MET
    )
    review = Review(cycle="kwartaal", period=Q1, held_on=APR)
    added = RECORDS.add([r3, goal], assessment, (review, obs("zrm-fin", "r3", MAR, 1)))
    assert r3 in added.subjects
    assert added.goals == (goal,)
    assert added.assessments == (assessment,)
    assert added.reviews == (review,)
    assert len(added) == 6
    assert (RECORDS.goals, RECORDS.assessments, RECORDS.reviews) == ((), (), ())
    assert len(RECORDS.subjects) == 4


@pytest.mark.parametrize("bad", ["r1", 3, [3]])
def test_add_refuses_what_is_not_a_fact(bad: object) -> None:
    with pytest.raises(InvalidValue) as info:
        RECORDS.add(bad)  # type: ignore[arg-type]
    assert info.value.field == "facts"


# -- reading ------------------------------------------------------------------------------


def test_latest() -> None:
    def value(on: dt.date) -> object:
        found = RECORDS.latest("zrm-fin", "r1", on=on)
        return None if found is None else found.value

    assert value(D(2025, 2, 28)) is None  # before the first observation
    assert value(MAR) == 2  # on the day
    assert value(D(2025, 4, 15)) == 2  # between 1 Mar and 1 Jun
    assert value(JUN) == 3
    assert value(D(2026, 1, 1)) == 4  # after the last
    assert RECORDS.latest("zrm-fin", "r1", on=MAR) == ZRM_OBS[0]  # with its note


def test_latest_of_unknown_indicator_or_subject_is_none() -> None:
    assert RECORDS.latest("ghost", "r1", on=SEP) is None
    assert RECORDS.latest("zrm-fin", "r9", on=SEP) is None
    # A known subject without observations of the indicator.
    assert RECORDS.latest("zrm-fin", "wijk-noord", on=SEP) is None
    assert Records().latest("zrm-fin", "r1", on=SEP) is None


def test_latest_needs_a_date() -> None:
    with pytest.raises(InvalidValue) as info:
        RECORDS.latest("zrm-fin", "r1", on="2025-06-01")  # type: ignore[arg-type]
    assert info.value.field == "on"


def test_observations_of_one_subject_in_date_order() -> None:
    assert [(o.on, o.value) for o in RECORDS.observations_of("zrm-fin", "r1")] == [
        (MAR, 2),
        (JUN, 3),
        (SEP, 4),
    ]
    assert RECORDS.observations_of("zrm-fin", "r9") == ()


def test_observations_of_every_subject_by_day_then_subject() -> None:
    assert [(o.on, o.subject) for o in RECORDS.observations_of("zrm-fin")] == [
        (MAR, "r1"),
        (MAR, "r2"),
        (APR, "r2"),
        (JUN, "r1"),
        (SEP, "r1"),
    ]
    assert RECORDS.observations_of("ghost") == ()


def test_series_subjects_of_and_indicators_observed() -> None:
    r = RECORDS.add(obs("hours", "r2", MAR, 1.5))
    assert r.series("zrm-fin", "r2") == ((MAR, 3), (APR, 2))
    assert r.series("hours", "r1") == ()
    assert r.subjects_of("zrm-fin") == ("r1", "r2")
    assert r.subjects_of("hours") == ("r2",)
    assert r.subjects_of("ghost") == ()
    assert r.indicators_observed() == ("hours", "zrm-fin")
    assert Records().indicators_observed() == ()


def test_subject_by_id() -> None:
    assert RECORDS.subject("r1") is R1
    with pytest.raises(UnknownId) as info:
        RECORDS.subject("r9")
    assert isinstance(info.value, KeyError)
    assert str(info.value) == "no subject with id 'r9'"


def test_subjects_are_sorted_by_id() -> None:
    assert [s.id for s in RECORDS.subjects] == ["gemeente", "r1", "r2", "wijk-noord"]


# -- as_of ----------------------------------------------------------------------------------

Q1 = Period(start=D(2025, 1, 1), end=D(2025, 3, 31))
Q2 = Period(start=D(2025, 4, 1), end=D(2025, 6, 30))


def test_as_of_for_each_kind_of_fact() -> None:
    goal_with_baseline = Goal(
        subject="r1",
        indicator="zrm-fin",
        target=Target(value=4, by=D(2025, 12, 31)),
        baseline=Baseline(value=2, on=APR),
    )
    goal_without = Goal(
        subject="r2", indicator="zrm-fin", target=Target(value=4, by=D(2025, 12, 31))
    )
    met = ConditionAssessment(condition="training", on=MAR, status=ConditionStatus.MET)
    not_met = ConditionAssessment(
        condition="training", on=JUN, status=ConditionStatus.NOT_MET
    )
    review_q1 = Review(cycle="kwartaal", period=Q1, held_on=APR)
    review_q2 = Review(cycle="kwartaal", period=Q2, held_on=D(2025, 7, 10))
    r = RECORDS.add(
        goal_with_baseline, goal_without, met, not_met, review_q1, review_q2
    )

    on_1_april = r.as_of(APR)
    # Observations by their day (1 Apr itself included): r1 1 Mar, r2 1 Mar, r2 1 Apr.
    assert [(o.subject, o.on) for o in on_1_april] == [
        ("r1", MAR),
        ("r2", MAR),
        ("r2", APR),
    ]
    assert on_1_april.subjects == r.subjects  # subjects are always kept
    assert set(on_1_april.goals) == {goal_with_baseline, goal_without}  # baseline 1 Apr
    assert on_1_april.assessments == (met,)
    assert on_1_april.reviews == (review_q1,)  # held on 1 Apr

    on_31_march = r.as_of(D(2025, 3, 31))
    assert len(on_31_march) == 2
    assert on_31_march.goals == (goal_without,)  # no baseline, no day: always kept
    assert on_31_march.assessments == (met,)
    assert on_31_march.reviews == ()

    assert r.as_of(D(2025, 12, 31)) == r
    assert len(r.as_of(D(2025, 1, 1))) == 0


def test_as_of_needs_a_date() -> None:
    with pytest.raises(InvalidValue) as info:
        RECORDS.as_of(dt.datetime(2025, 4, 1, 12, 0))  # noqa: DTZ001
    assert info.value.field == "day"


# -- repr, equality, immutability --------------------------------------------------------------


def test_repr_shows_counts_only() -> None:
    text = repr(RECORDS.add(obs("story", "r1", MAR, "Zij voelt zich gehoord")))
    assert text == (
        "<Records: 6 observations, 4 subjects, 0 goals, 0 assessments, 0 reviews>"
    )
    for secret in ("r1", "r2", "zrm-fin", "gemeente", "gehoord", "Schulden"):
        assert secret not in text


def test_equality_and_hash_do_not_depend_on_order() -> None:
    backwards = Records(subjects=SUBJECTS[::-1], observations=ZRM_OBS[::-1])
    assert backwards == RECORDS
    assert hash(backwards) == hash(RECORDS)
    assert len({backwards, RECORDS}) == 1
    changed = Records(
        subjects=SUBJECTS, observations=(*ZRM_OBS[:-1], obs("zrm-fin", "r2", APR, 3))
    )
    assert changed != RECORDS
    assert RECORDS != ZRM_OBS
    assert Records() == Records()


def test_records_are_immutable() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        RECORDS._columns = None  # type: ignore[assignment]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        RECORDS.anything = 1
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del RECORDS._subjects
    assert len(RECORDS) == 5


# -- check against a framework ---------------------------------------------------------------

ZRM = Scale(
    id="zrm",
    name="ZRM",
    points=tuple(ScalePoint(value=v, label=f"score {v}") for v in range(1, 6)),
)


def ind(id: str, measure: Measure = Measure.QUANTITY, **kw: Any) -> Indicator:  # noqa: A002
    return Indicator(
        id=id,
        name=id,
        measure=measure,
        direction=kw.pop("direction", Direction.INCREASE),
        question=Question.BETTER_OFF,
        **kw,
    )


FRAMEWORK = ResultsFramework(
    id="fw",
    name="Wijkaanpak",
    agreement=Agreement(
        purpose="p", period=Period(start=D(2025, 1, 1), end=D(2025, 12, 31))
    ),
    parties=(Party(id="gemeente-bestuur", name="Gemeente", role=Role.COMMISSIONER),),
    conditions=(
        ProcessCondition(id="training", name="Training", kind=ConditionKind.COMPETENCE),
    ),
    results=(
        Result(
            id="r-micro",
            statement="Inwoners redden zich",
            level=Level.MICRO,
            kind=ResultKind.OUTCOME,
            conditions=("training",),
            indicators=(
                ind("zrm-fin", Measure.ORDINAL, scale=ZRM),
                ind("hours", accumulation=Accumulation.SUM),
                ind("count"),
                ind("pct", Measure.PERCENTAGE),
                ind("works", Measure.BINARY),
                ind("story", Measure.QUALITATIVE, direction=Direction.MAINTAIN),
            ),
        ),
        Result(
            id="r-meso",
            statement="De wijk redt zich",
            level=Level.MESO,
            kind=ResultKind.OUTCOME,
            indicators=(
                ind(
                    "share-improved",
                    Measure.PERCENTAGE,
                    derived_from=Derivation(
                        source="zrm-fin", aggregation=Aggregation.SHARE_IMPROVED
                    ),
                ),
                ind("buurtscore"),
            ),
        ),
    ),
    cycles=(
        FeedbackCycle(
            id="kwartaal",
            name="Kwartaal",
            reports_to="gemeente-bestuur",
            cadence=Cadence(months=3),
            starts_on=D(2025, 1, 1),
        ),
    ),
)


def found(records: Records) -> list[tuple[str, str, str]]:
    return [(p.about, p.field, p.code) for p in records.check(FRAMEWORK)]


def test_clean_records_have_no_problems() -> None:
    clean = RECORDS.add(
        obs("hours", "r1", MAR, 2.5),
        obs("hours", "r1", MAR, 1),  # two on a day is fine for a sum
        obs("count", "r1", MAR, 3),
        obs("pct", "r1", MAR, 100),
        obs("works", "r1", MAR, True),  # noqa: FBT003
        obs("story", "r1", MAR, "Ze heeft weer contact met haar zus"),
        obs("buurtscore", "wijk-noord", MAR, 7.5),
        Goal(
            subject="r1",
            indicator="zrm-fin",
            target=Target(value=4, by=D(2025, 12, 31)),
            baseline=Baseline(value=2, on=MAR),
        ),
        ConditionAssessment(
            condition="training",
            on=MAR,
            status=ConditionStatus.MET,
            assessed_by="gemeente-bestuur",
        ),
        Review(
            cycle="kwartaal",
            period=Q1,
            held_on=APR,
            decisions=(
                Decision(
                    kind=DecisionKind.CONTINUE,
                    about=("r-micro", "zrm-fin", "training", "kwartaal"),
                ),
            ),
        ),
    )
    assert clean.check(FRAMEWORK) == ()
    assert Records().check(FRAMEWORK) == ()


def test_an_observation_of_an_unknown_indicator() -> None:
    r = RECORDS.add(obs("ghost", "r1", MAR, 1), obs("ghost", "r2", MAR, 1))
    assert found(r) == [("observations of ghost", "indicator", "unknown_id")]
    assert "2 observation(s) of indicator 'ghost'" in r.check(FRAMEWORK)[0].message


def test_an_observation_of_an_unknown_subject() -> None:
    r = RECORDS.add(obs("zrm-fin", "r9", MAR, 3))
    assert found(r) == [("observations of zrm-fin", "subject", "unknown_id")]
    assert "'r9'" in r.check(FRAMEWORK)[0].message


@pytest.mark.parametrize(
    ("indicator", "value"),
    [
        ("count", True),  # quantity got a bool
        ("works", 1),  # binary got a number
        ("zrm-fin", 6),  # off the 1-5 scale
        ("zrm-fin", 2.5),  # between two points
        ("pct", 120),  # a percentage above 100
        ("pct", -1),
        ("story", 3),  # qualitative got a number
        ("count", "three"),  # quantity got a text
    ],
)
def test_an_observation_value_that_does_not_fit_the_measure(
    indicator: str, value: object
) -> None:
    r = RECORDS.add(obs(indicator, "r2", JUN, value))
    assert found(r) == [
        (f"observation {indicator}/r2@2025-06-01", "value", "wrong_value")
    ]
    assert f"got {value!r}" in r.check(FRAMEWORK)[0].message


def test_an_off_scale_value_names_the_scale() -> None:
    r = RECORDS.add(obs("zrm-fin", "r2", JUN, 0))
    (problem,) = r.check(FRAMEWORK)
    assert "scale 'zrm': [1, 2, 3, 4, 5]" in problem.message


def test_a_derived_indicator_observed_directly() -> None:
    r = RECORDS.add(obs("share-improved", "wijk-noord", JUN, 40))
    assert found(r) == [
        ("observations of share-improved", "indicator", "derived_observed")
    ]


def test_two_observations_on_one_day_for_a_latest_indicator() -> None:
    r = RECORDS.add(obs("zrm-fin", "r1", MAR, 3))  # r1 already has 2 on 1 March
    assert found(r) == [
        ("observation zrm-fin/r1@2025-03-01", "on", "duplicate_observation")
    ]
    # Three on one day are still one problem.
    assert len(r.add(obs("zrm-fin", "r1", MAR, 4)).check(FRAMEWORK)) == 1


def test_two_observations_on_one_day_are_fine_for_a_sum_indicator() -> None:
    r = RECORDS.add(obs("hours", "r1", MAR, 2), obs("hours", "r1", MAR, 3))
    assert r.check(FRAMEWORK) == ()


def test_a_subject_on_another_level_than_the_indicator() -> None:
    r = RECORDS.add(
        obs("zrm-fin", "wijk-noord", MAR, 3), obs("buurtscore", "r1", MAR, 7)
    )
    assert found(r) == [
        ("observations of buurtscore", "subject", "wrong_level"),
        ("observations of zrm-fin", "subject", "wrong_level"),
    ]
    assert "subject 'wijk-noord' is on level 'meso'" in r.check(FRAMEWORK)[1].message


def test_part_of_an_unknown_subject() -> None:
    r = RECORDS.add(Subject(id="r3", level=Level.MICRO, part_of="wijk-zuid"))
    assert found(r) == [("subject r3", "part_of", "unknown_id")]


@pytest.mark.parametrize(
    "subject",
    [
        Subject(id="r3", level=Level.MICRO, part_of="gemeente"),  # skips a level
        Subject(id="r3", level=Level.MICRO, part_of="r1"),  # the same level
        Subject(id="wijk-zuid", level=Level.MESO, part_of="r1"),  # a level down
    ],
)
def test_part_of_a_subject_not_one_level_up(subject: Subject) -> None:
    r = RECORDS.add(subject)
    assert found(r) == [(f"subject {subject.id}", "part_of", "wrong_level")]


def goal(
    indicator: str, target: float, baseline: float | None = None, subject: str = "r1"
) -> Goal:
    return Goal(
        subject=subject,
        indicator=indicator,
        target=Target(value=target, by=D(2025, 12, 31)),
        baseline=None if baseline is None else Baseline(value=baseline, on=MAR),
    )


@pytest.mark.parametrize(
    ("fact", "expected"),
    [
        (goal("ghost", 4), [("indicator", "unknown_id")]),
        (goal("zrm-fin", 4, subject="r9"), [("subject", "unknown_id")]),
        (goal("zrm-fin", 4, subject="wijk-noord"), [("subject", "wrong_level")]),
        (goal("zrm-fin", 7), [("target.value", "wrong_value")]),  # off the scale
        (goal("zrm-fin", 4, baseline=0), [("baseline.value", "wrong_value")]),
        (goal("zrm-fin", 2, baseline=3), [("target.value", "wrong_direction")]),
        (goal("zrm-fin", 3, baseline=3), [("target.value", "wrong_direction")]),
        (goal("pct", 120), [("target.value", "wrong_value")]),
        (goal("works", 2), [("target.value", "wrong_value")]),
        (goal("story", 1), [("indicator", "wrong_measure")]),
    ],
)
def test_goal_problems(fact: Goal, expected: list[tuple[str, str]]) -> None:
    r = RECORDS.add(fact)
    about = f"goal {fact.subject}/{fact.indicator}@2025-12-31"
    assert found(r) == [(about, field, code) for field, code in expected]


def test_a_goal_that_fits() -> None:
    assert (
        RECORDS.add(goal("zrm-fin", 4, baseline=2), goal("works", 1)).check(FRAMEWORK)
        == ()
    )


def test_assessment_problems() -> None:
    r = RECORDS.add(
        ConditionAssessment(condition="ghost", on=MAR, status=ConditionStatus.MET),
        ConditionAssessment(
            condition="training",
            on=APR,
            status=ConditionStatus.MET,
            assessed_by="nobody",
        ),
    )
    assert found(r) == [
        ("assessment ghost@2025-03-01", "condition", "unknown_id"),
        ("assessment training@2025-04-01", "assessed_by", "unknown_id"),
    ]


def test_a_review_for_a_period_the_cycle_does_not_have() -> None:
    # Quarters from 1 Jan: 1 Feb - 30 Apr is not one of them.
    r = RECORDS.add(
        Review(
            cycle="kwartaal",
            period=Period(start=D(2025, 2, 1), end=D(2025, 4, 30)),
            held_on=D(2025, 5, 1),
        )
    )
    assert found(r) == [
        ("review kwartaal@2025-02-01/2025-04-30", "period", "wrong_period")
    ]


def test_a_review_of_an_unknown_cycle() -> None:
    r = RECORDS.add(Review(cycle="maand", period=Q1, held_on=APR))
    assert found(r) == [("review maand@2025-01-01/2025-03-31", "cycle", "unknown_id")]


def test_two_reviews_for_one_period() -> None:
    r = RECORDS.add(
        Review(cycle="kwartaal", period=Q1, held_on=APR),
        Review(cycle="kwartaal", period=Q1, held_on=D(2025, 4, 8), note="Again"),
    )
    assert found(r) == [
        ("review kwartaal@2025-01-01/2025-03-31", "period", "duplicate_review")
    ]
    # The message names the earliest review (held on APR), as record_review's does.
    assert r.check(FRAMEWORK)[0].message == (
        "cycle 'kwartaal' already held its review of 2025-01-01/2025-03-31 on "
        "2025-04-01; a cycle holds one review per period and history is never "
        "rewritten"
    )


def test_three_reviews_for_one_period_are_one_problem() -> None:
    r = RECORDS.add(
        Review(cycle="kwartaal", period=Q1, held_on=D(2025, 4, 9)),
        Review(cycle="kwartaal", period=Q1, held_on=D(2025, 4, 8)),
        Review(cycle="kwartaal", period=Q1, held_on=APR, note="First"),
    )
    problems = r.check(FRAMEWORK)
    assert [p.code for p in problems] == ["duplicate_review"]
    # Reviews are kept by held_on, so the earliest (APR = 2025-04-01) is named.
    assert "on 2025-04-01;" in problems[0].message


def test_record_review_and_check_report_a_second_review_alike() -> None:
    first = Review(cycle="kwartaal", period=Q1, held_on=APR)
    again = Review(cycle="kwartaal", period=Q1, held_on=D(2025, 4, 8))
    with pytest.raises(InvalidRecords) as caught:
        record_review(FRAMEWORK, RECORDS.add(first), again)
    assert caught.value.problems == RECORDS.add(first, again).check(FRAMEWORK)


def test_a_decision_about_an_unknown_id() -> None:
    decision = Decision(kind=DecisionKind.ESCALATE, about=("zrm-fin", "ghost"))
    r = RECORDS.add(
        Review(cycle="kwartaal", period=Q1, held_on=APR, decisions=(decision,))
    )
    assert found(r) == [
        ("review kwartaal@2025-01-01/2025-03-31", "decisions[0].about[1]", "unknown_id")
    ]
