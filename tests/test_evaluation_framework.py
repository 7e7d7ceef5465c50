"""evaluate(): the whole framework on a day, its verdicts and deviations."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resultframe import (
    Accumulation,
    Aggregation,
    Agreement,
    Baseline,
    Cadence,
    ConditionAssessment,
    ConditionKind,
    ConditionStatus,
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
    Method,
    Observation,
    Party,
    Period,
    ProcessCondition,
    Question,
    Recognition,
    Records,
    Result,
    ResultKind,
    ResultsFramework,
    Role,
    Scale,
    ScalePoint,
    Subject,
    Target,
    UnknownId,
    Value,
)
from resultframe import strategies as rs
from resultframe.evaluation import (
    ConditionState,
    FrameworkEvaluation,
    IndicatorStatus,
    Verdict,
    evaluate,
)
from resultframe.steering import AgendaReason, agenda

D = dt.date
S = IndicatorStatus
START = D(2025, 1, 1)
DAY = D(2025, 7, 2)  # 182 of the 364 days from 1 Jan to 31 Dec 2025
ZRM = Scale(
    id="zrm",
    name="ZRM",
    points=tuple(ScalePoint(value=v, label=f"p{v}") for v in range(1, 6)),
)


def _town() -> ResultsFramework:
    """The worked example of docs/evaluation.md, on three levels."""
    fin = Indicator(
        id="zrm-fin",
        name="ZRM finances",
        measure=Measure.ORDINAL,
        scale=ZRM,
        direction=Direction.INCREASE,
        question=Question.BETTER_OFF,
        targets=(Target(value=4, by=D(2025, 12, 31)),),
    )
    share = Indicator(
        id="share-improved",
        name="Share of residents improved",
        measure=Measure.PERCENTAGE,
        direction=Direction.INCREASE,
        question=Question.BETTER_OFF,
        baseline=Baseline(value=20, on=START),
        targets=(Target(value=60, by=D(2025, 12, 31)),),
        derived_from=Derivation(
            source="zrm-fin", aggregation=Aggregation.SHARE_IMPROVED
        ),
    )
    mean = Indicator(
        id="mean-zrm",
        name="Mean ZRM finances",
        measure=Measure.QUANTITY,
        direction=Direction.INCREASE,
        question=Question.BETTER_OFF,
        baseline=Baseline(value=2.5, on=START),
        targets=(Target(value=3.5, by=D(2025, 12, 31)),),
        derived_from=Derivation(source="zrm-fin", aggregation=Aggregation.MEAN),
    )
    return ResultsFramework(
        id="town",
        name="Town",
        agreement=Agreement(
            purpose="p", period=Period(start=START, end=D(2025, 12, 31))
        ),
        results=(
            Result(
                id="r-self",
                statement="Residents manage their money",
                level=Level.MICRO,
                kind=ResultKind.OUTCOME,
                indicators=(fin,),
                conditions=("c-method",),
            ),
            Result(
                id="r-hood",
                statement="Neighbourhoods improve",
                level=Level.MESO,
                kind=ResultKind.OUTCOME,
                indicators=(share,),
                conditions=("c-monitor",),
            ),
            Result(
                id="r-town",
                statement="The town is more self-reliant",
                level=Level.MACRO,
                kind=ResultKind.IMPACT,
                indicators=(mean,),
            ),
            Result(
                id="r-empty",
                statement="Not measured yet",
                level=Level.MACRO,
                kind=ResultKind.IMPACT,
            ),
        ),
        conditions=(
            ProcessCondition(
                id="c-method",
                name="Proven method",
                kind=ConditionKind.PROVEN_METHOD,
                method=Method(
                    name="Schuldhulp",
                    recognition=Recognition.WELL_FOUNDED,
                    recognised_until=D(2025, 6, 30),
                ),
                reassess_every=Cadence(months=6),
            ),
            ProcessCondition(
                id="c-monitor",
                name="Effect monitoring",
                kind=ConditionKind.EFFECT_MONITORING,
                reassess_every=Cadence(months=6),
            ),
        ),
        parties=(Party(id="gemeente", name="Gemeente", role=Role.COMMISSIONER),),
        cycles=(
            FeedbackCycle(
                id="q",
                name="Quarterly",
                reports_to="gemeente",
                cadence=Cadence(months=3),
                starts_on=START,
                results=("r-hood",),
                tolerance=0.5,
            ),
        ),
    )


SCORES = {
    "r01": ("north", 2, 3),
    "r02": ("north", 1, 1),
    "r03": ("north", 3, 5),
    "r04": ("north", 1, 3),
    "r05": ("south", 2, 4),
    "r06": ("south", 4, 4),
    "r07": ("south", 3, 2),
}


def _facts() -> list[object]:
    facts: list[object] = [
        Subject(id="town", level=Level.MACRO),
        Subject(id="north", level=Level.MESO, part_of="town"),
        Subject(id="south", level=Level.MESO, part_of="town"),
        ConditionAssessment(
            condition="c-method", on=D(2025, 3, 1), status=ConditionStatus.MET
        ),
        ConditionAssessment(
            condition="c-monitor", on=D(2024, 12, 1), status=ConditionStatus.MET
        ),
    ]
    for r, (w, a, b) in SCORES.items():
        facts.append(Subject(id=r, level=Level.MICRO, part_of=w))
        facts.append(Observation(indicator="zrm-fin", subject=r, on=START, value=a))
        facts.append(
            Observation(indicator="zrm-fin", subject=r, on=D(2025, 6, 1), value=b)
        )
    return facts


def _records() -> Records:
    return Records().add(_facts())  # type: ignore[arg-type]


def test_the_worked_example() -> None:
    ev = evaluate(_town(), _records(), DAY, min_group=3)
    assert isinstance(ev, FrameworkEvaluation)
    assert (ev.framework, ev.as_of, ev.min_group, ev.cycle) == ("town", DAY, 3, None)
    # micro: mean progress 25/42 against 24/42: on track; the method was assessed
    # met on 1 March, but its recognition ran until 30 June: that assessment is
    # stale from 1 July, so the product is there but not sustained
    micro = ev.result("r-self")
    assert micro.indicator("zrm-fin").status is S.ON_TRACK
    assert micro.conditions[0].state is ConditionState.STALE
    assert micro.conditions[0].stale_from == D(2025, 7, 1)
    assert micro.conditions[0].recognition_expired  # recognised until 30 June
    assert micro.verdict is Verdict.UNSUSTAINED
    # meso: ahead on the mean of the neighbourhoods, but monitoring assessed
    # 1 Dec 2024 is stale from 1 Jun 2025: unsustained
    hood = ev.result("r-hood")
    assert hood.indicator("share-improved").status is S.AHEAD
    assert hood.conditions[0].state is ConditionState.STALE
    assert hood.verdict is Verdict.UNSUSTAINED
    # macro: 22/7 against 2.5 -> 3.5: progress 0.643, ahead; no conditions
    assert ev.result("r-town").verdict is Verdict.POSITIVE
    # a result without indicators cannot be judged
    assert ev.result("r-empty").verdict is Verdict.UNDETERMINED
    assert ev.verdicts == (
        (Verdict.POSITIVE, 1),
        (Verdict.UNSUSTAINED, 2),
        (Verdict.NEGATIVE, 0),
        (Verdict.UNDETERMINED, 1),
    )
    assert ev.count(Verdict.POSITIVE) == 1


def test_an_expired_recognition_reaches_the_agenda() -> None:
    # The same town with a quarterly cycle: the review of Q3 2025 (as of 30
    # September) must raise the method whose recognition lapsed on 30 June.
    fw = _town()
    cycle = FeedbackCycle(
        id="q",
        name="Quarterly",
        reports_to="gemeente",
        cadence=Cadence(months=3),
        starts_on=D(2025, 1, 1),
    )
    fw = attrs.evolve(fw, cycles=(cycle,))
    items = agenda(fw, _records(), "q", Period(start=D(2025, 7, 1), end=D(2025, 9, 30)))
    method = [i for i in items if i.about == "c-method"]
    assert [i.reason for i in method] == [AgendaReason.CONDITION]
    assert method[0].state is ConditionState.STALE
    assert DecisionKind.ADJUST_CONDITIONS in method[0].suggests
    assert "recognition" in method[0].why


def test_deviations_are_listed_in_both_directions() -> None:
    ev = evaluate(_town(), _records(), DAY, min_group=3)
    found = [(d.indicator, d.subject, d.status, d.ahead) for d in ev.deviations]
    assert found == [
        # north 75%: 1.375 - 0.5; south 33%: 0.333 - 0.5
        ("share-improved", "north", S.ACHIEVED, True),
        ("share-improved", "south", S.BEHIND, False),
        # town 0.643 - 0.5 = 0.143 > 0.1
        ("mean-zrm", "town", S.AHEAD, True),
    ]
    south = ev.deviations[1]
    assert south.deviation == pytest.approx(1 / 3 - 1 / 2)
    assert (south.result, south.tolerance, south.subjects) == ("r-hood", 0.1, 1)


def test_a_micro_deviation_is_reported_for_the_residents_together() -> None:
    # On 1 March every resident is still at the January score, expected 59/364:
    # six of seven are behind, and so is their mean.
    ev = evaluate(_town(), _records(), D(2025, 3, 1), min_group=3)
    micro = [d for d in ev.deviations if d.indicator == "zrm-fin"]
    assert len(micro) == 1
    assert micro[0].subject is None
    assert micro[0].subjects == 7
    assert not micro[0].ahead
    assert ev.result("r-self").verdict is Verdict.NEGATIVE


def test_the_default_min_group_hides_small_neighbourhoods() -> None:
    ev = evaluate(_town(), _records(), DAY)
    hood = ev.result("r-hood").indicator("share-improved")
    assert hood.status is S.NO_DATA
    assert ev.result("r-hood").verdict is Verdict.UNDETERMINED
    assert ev.min_group == 10


def test_per_subject_keeps_every_resident() -> None:
    ev = evaluate(_town(), _records(), DAY, min_group=3, per_subject=True)
    assert len(ev.result("r-self").indicator("zrm-fin").subjects) == 7
    plain = evaluate(_town(), _records(), DAY, min_group=3)
    assert plain.result("r-self").indicator("zrm-fin").subjects == ()


def test_a_cycle_narrows_the_scope_and_overrides_the_tolerance() -> None:
    ev = evaluate(_town(), _records(), DAY, min_group=3, cycle="q")
    assert [r.result for r in ev.results] == ["r-hood"]
    assert ev.cycle == "q"
    # tolerance 0.5: south deviates -0.167, north +0.875 is still outside
    assert [(d.subject, d.tolerance) for d in ev.deviations] == [("north", 0.5)]
    assert ev.result("r-hood").indicator("share-improved").tolerance == 0.5


def test_an_unknown_cycle_is_an_unknown_id() -> None:
    with pytest.raises(UnknownId):
        evaluate(_town(), _records(), DAY, cycle="monthly")


def test_records_that_do_not_fit_are_refused_with_every_problem() -> None:
    bad = _records().add(
        Observation(indicator="zrm-fin", subject="r01", on=D(2025, 2, 1), value=9),
        Observation(indicator="nope", subject="r01", on=D(2025, 2, 1), value=1.0),
    )
    with pytest.raises(InvalidRecords) as info:
        evaluate(_town(), bad, DAY)
    assert len(info.value.problems) == 2
    assert {p.code for p in info.value.problems} == {"wrong_value", "unknown_id"}


def test_facts_dated_after_the_day_are_not_checked() -> None:
    later = _records().add(
        Observation(indicator="zrm-fin", subject="r01", on=D(2025, 9, 1), value=9)
    )
    assert evaluate(_town(), later, DAY) == evaluate(_town(), _records(), DAY)
    with pytest.raises(InvalidRecords):
        evaluate(_town(), later, D(2025, 9, 1))


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"framework": None}, "framework"),
        ({"records": ()}, "records"),
        ({"as_of": dt.datetime(2025, 1, 1)}, "as_of"),  # noqa: DTZ001
        ({"min_group": -3}, "min_group"),
        ({"per_subject": "yes"}, "per_subject"),
        ({"cycle": 4}, "cycle"),
    ],
)
def test_wrong_arguments_are_named(kwargs: dict[str, object], field: str) -> None:
    args: dict[str, object] = {
        "framework": _town(),
        "records": _records(),
        "as_of": DAY,
    }
    args.update(kwargs)
    with pytest.raises(InvalidValue) as info:
        evaluate(**args)  # type: ignore[arg-type]
    assert info.value.field == field


def test_evaluations_are_frozen_and_hashable() -> None:
    ev = evaluate(_town(), _records(), DAY, min_group=3)
    assert hash(ev) == hash(evaluate(_town(), _records(), DAY, min_group=3))
    with pytest.raises(AttributeError):
        ev.as_of = START  # type: ignore[misc]


# -- properties ----------------------------------------------------------------------

_DAYS = st.integers(-10, 800).map(lambda k: START + dt.timedelta(days=k))
_MICRO = (Measure.QUANTITY, Measure.ORDINAL, Measure.PERCENTAGE, Measure.BINARY)


def _levels(measure: Measure) -> st.SearchStrategy[float]:
    if measure is Measure.ORDINAL:
        return st.integers(1, 5).map(float)
    if measure is Measure.BINARY:
        return st.sampled_from([0.0, 0.5, 1.0])
    if measure is Measure.PERCENTAGE:
        return st.integers(0, 100).map(float)
    return st.integers(-50, 50).map(float)


def _values(measure: Measure) -> st.SearchStrategy[Value]:
    if measure is Measure.ORDINAL:
        return st.integers(1, 5)
    if measure is Measure.BINARY:
        return st.booleans()
    if measure is Measure.PERCENTAGE:
        return st.integers(0, 100).map(float)
    return st.integers(-50, 50).map(float) | st.floats(-50, 50)


@st.composite
def _plan(
    draw: st.DrawFn, measure: Measure, direction: Direction
) -> tuple[Baseline | None, tuple[Target, ...]]:
    n = draw(st.integers(0, 2))
    raw = draw(st.lists(_levels(measure), min_size=n + 1, max_size=n + 1, unique=True))
    raw.sort(reverse=direction is Direction.DECREASE)
    stamps = sorted(
        draw(st.lists(st.integers(0, 500), min_size=n + 1, max_size=n + 1, unique=True))
    )
    when = [START + dt.timedelta(days=k) for k in stamps]
    baseline = Baseline(value=raw[0], on=when[0]) if draw(st.booleans()) else None
    return baseline, tuple(
        Target(value=v, by=d) for v, d in zip(raw[1:], when[1:], strict=True)
    )


@st.composite
def _micro_indicator(draw: st.DrawFn, id: str) -> Indicator:  # noqa: A002
    measure = draw(st.sampled_from(_MICRO))
    direction = draw(st.sampled_from(list(Direction)))
    baseline, targets = draw(_plan(measure, direction))
    summed = measure is Measure.QUANTITY and draw(st.booleans())
    return Indicator(
        id=id,
        name=id,
        measure=measure,
        direction=direction,
        question=Question.BETTER_OFF,
        scale=ZRM if measure is Measure.ORDINAL else None,
        baseline=baseline,
        targets=targets,
        tolerance=draw(st.sampled_from([0.0, 0.1, 0.25])),
        band=draw(st.sampled_from([0.0, 1.0]))
        if direction is Direction.MAINTAIN
        else None,
        accumulation=Accumulation.SUM if summed else Accumulation.LATEST,
    )


_FITS = {
    Aggregation.COUNT: set(_MICRO) | {Measure.QUANTITY},
    Aggregation.SUM: set(_MICRO),
    Aggregation.MEAN: set(_MICRO),
    Aggregation.MEDIAN: {Measure.QUANTITY, Measure.ORDINAL, Measure.PERCENTAGE},
    Aggregation.SHARE_IMPROVED: {Measure.QUANTITY, Measure.ORDINAL, Measure.PERCENTAGE},
    Aggregation.SHARE_REACHING: {Measure.QUANTITY, Measure.ORDINAL, Measure.PERCENTAGE},
    Aggregation.SHARE_TRUE: {Measure.BINARY},
}


@st.composite
def _derived(draw: st.DrawFn, id: str, source: Indicator) -> Indicator:  # noqa: A002
    how = draw(st.sampled_from([a for a, ms in _FITS.items() if source.measure in ms]))
    threshold = (
        draw(_levels(source.measure)) if how is Aggregation.SHARE_REACHING else None
    )
    derivation = Derivation(source=source.id, aggregation=how, threshold=threshold)
    direction = draw(st.sampled_from([Direction.INCREASE, Direction.DECREASE]))
    baseline, targets = draw(_plan(derivation.measure, direction))
    return Indicator(
        id=id,
        name=id,
        measure=derivation.measure,
        direction=direction,
        question=Question.BETTER_OFF,
        baseline=baseline,
        targets=targets,
        derived_from=derivation,
    )


@st.composite
def _frameworks(draw: st.DrawFn) -> ResultsFramework:
    """Micro indicators of every numeric kind; meso and macro ones derived."""
    micro = [draw(_micro_indicator(f"m{i}")) for i in range(draw(st.integers(1, 3)))]
    meso = [draw(_derived(f"w{i}", draw(st.sampled_from(micro)))) for i in range(2)]
    macro = [draw(_derived("t0", draw(st.sampled_from(micro + meso))))]
    pick = st.lists(st.sampled_from(["c-method", "c-staff"]), unique=True).map(tuple)
    return ResultsFramework(
        id="fw",
        name="fw",
        agreement=Agreement(
            purpose="p", period=Period(start=START, end=D(2026, 12, 31))
        ),
        results=tuple(
            Result(
                id=f"r-{level.value}",
                statement="s",
                level=level,
                kind=ResultKind.OUTCOME,
                indicators=tuple(inds),
                conditions=draw(pick),
            )
            for level, inds in (
                (Level.MICRO, micro),
                (Level.MESO, meso),
                (Level.MACRO, macro),
            )
        ),
        conditions=(
            ProcessCondition(
                id="c-method",
                name="method",
                kind=ConditionKind.PROVEN_METHOD,
                method=Method(
                    name="M",
                    recognition=Recognition.WELL_FOUNDED,
                    recognised_until=START + dt.timedelta(days=200),
                ),
                reassess_every=Cadence(months=3),
            ),
            ProcessCondition(id="c-staff", name="staff", kind=ConditionKind.COMPETENCE),
        ),
    )


@st.composite
def _fitting_facts(draw: st.DrawFn, fw: ResultsFramework) -> list[object]:
    """Subjects in a hierarchy, observations, goals and assessments that fit *fw*."""
    hoods = [f"n{i}" for i in range(draw(st.integers(1, 4)))]
    facts: list[object] = [Subject(id="town", level=Level.MACRO)]
    facts += [Subject(id=h, level=Level.MESO, part_of="town") for h in hoods]
    people = [f"p{i:02d}" for i in range(draw(st.integers(0, 20)))]
    facts += [
        Subject(id=p, level=Level.MICRO, part_of=draw(st.sampled_from(hoods)))
        for p in people
    ]
    observed = [i for i in fw.indicators if i.derived_from is None]
    if people:
        seen: set[tuple[str, str, dt.date]] = set()
        for _ in range(draw(st.integers(0, 50))):
            ind = draw(st.sampled_from(observed))
            key = (ind.id, draw(st.sampled_from(people)), draw(_DAYS))
            if ind.accumulation is Accumulation.LATEST and key in seen:
                continue
            seen.add(key)
            facts.append(
                Observation(
                    indicator=key[0],
                    subject=key[1],
                    on=key[2],
                    value=draw(_values(ind.measure)),
                )
            )
        for _ in range(draw(st.integers(0, 3))):
            ind = draw(st.sampled_from(observed))
            a, b = sorted(
                draw(
                    st.lists(_levels(ind.measure), min_size=2, max_size=2, unique=True)
                )
            )
            if ind.direction is Direction.DECREASE:
                a, b = b, a
            on = draw(_DAYS)
            facts.append(
                Goal(
                    subject=draw(st.sampled_from(people)),
                    indicator=ind.id,
                    baseline=Baseline(value=a, on=on) if draw(st.booleans()) else None,
                    target=Target(
                        value=b, by=on + dt.timedelta(days=draw(st.integers(1, 300)))
                    ),
                )
            )
    for _ in range(draw(st.integers(0, 4))):
        facts.append(
            ConditionAssessment(
                condition=draw(st.sampled_from(["c-method", "c-staff"])),
                on=draw(_DAYS),
                status=draw(st.sampled_from(list(ConditionStatus))),
            )
        )
    return facts


@st.composite
def _cases(draw: st.DrawFn) -> tuple[ResultsFramework, list[object], dt.date, int]:
    fw = draw(_frameworks())
    return fw, draw(_fitting_facts(fw)), draw(_DAYS), draw(st.integers(0, 4))


@settings(suppress_health_check=[HealthCheck.too_slow])  # many facts per case
@given(_cases(), st.randoms(use_true_random=False))
def test_evaluation_is_independent_of_the_order_of_the_facts(
    case: tuple[ResultsFramework, list[object], dt.date, int], random: object
) -> None:
    fw, facts, day, minimum = case
    shuffled = list(facts)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    one = Records().add(facts)  # type: ignore[arg-type]
    other = Records().add(*shuffled)  # type: ignore[arg-type]
    assert evaluate(fw, one, day, min_group=minimum, per_subject=True) == evaluate(
        fw, other, day, min_group=minimum, per_subject=True
    )


@settings(suppress_health_check=[HealthCheck.too_slow])  # many facts per case
@given(_cases(), _DAYS)
def test_as_of_earlier_never_uses_later_facts(
    case: tuple[ResultsFramework, list[object], dt.date, int], later: dt.date
) -> None:
    fw, facts, day, minimum = case
    recs = Records().add(facts)  # type: ignore[arg-type]
    got = evaluate(fw, recs, day, min_group=minimum, per_subject=True)
    # The same as on the records known that day...
    assert got == evaluate(
        fw, recs.as_of(day), day, min_group=minimum, per_subject=True
    )
    # ...and unchanged by any fact dated after the day, fitting or not.
    after = max(later, day) + dt.timedelta(days=1)
    extra = recs.add(
        Observation(indicator="m0", subject="nobody", on=after, value=1.0),
        ConditionAssessment(
            condition="c-method", on=after, status=ConditionStatus.NOT_MET
        ),
    )
    assert evaluate(fw, extra, day, min_group=minimum, per_subject=True) == got


@settings(suppress_health_check=[HealthCheck.too_slow])  # whole frameworks are big
@given(
    rs.frameworks(max_results=4).flatmap(
        lambda fw: st.tuples(
            st.just(fw), rs.records(fw, max_subjects=10, max_observations=30)
        )
    ),
    rs.dates(),
)
def test_any_fitting_records_evaluate_without_error(
    case: tuple[ResultsFramework, Records], day: dt.date
) -> None:
    fw, recs = case
    ev = evaluate(fw, recs, day, min_group=2)
    assert [r.result for r in ev.results] == [r.id for r in fw.results]
    assert sum(c for _, c in ev.verdicts) == len(fw.results)
    for r in ev.results:
        for i in r.indicators:
            assert sum(c for _, c in i.counts) >= len(i.subjects)
