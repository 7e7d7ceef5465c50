"""Indicator status per subject and per indicator (micro, meso, macro)."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from resultframe import (
    Accumulation,
    Aggregation,
    Agreement,
    Baseline,
    Derivation,
    Direction,
    Goal,
    Indicator,
    InvalidValue,
    Level,
    Measure,
    Observation,
    Period,
    Question,
    Records,
    Result,
    ResultKind,
    ResultsFramework,
    Scale,
    ScalePoint,
    Subject,
    Target,
    UnknownId,
)
from resultframe.evaluation import (
    IndicatorStatus,
    _access,
    evaluate_indicator,
    evaluate_subject,
    expected_progress,
    progress,
)

D = dt.date
S = IndicatorStatus
ZRM = Scale(
    id="zrm",
    name="ZRM",
    points=tuple(ScalePoint(value=v, label=f"p{v}") for v in range(1, 6)),
)


def _ind(
    id: str,  # noqa: A002
    *,
    measure: Measure = Measure.QUANTITY,
    direction: Direction = Direction.INCREASE,
    baseline: Baseline | None = None,
    targets: tuple[Target, ...] = (),
    band: float | None = None,
    accumulation: Accumulation = Accumulation.LATEST,
    derived_from: Derivation | None = None,
    tolerance: float = 0.1,
) -> Indicator:
    return Indicator(
        id=id,
        name=id,
        measure=measure,
        direction=direction,
        question=Question.BETTER_OFF,
        scale=ZRM if measure is Measure.ORDINAL else None,
        baseline=baseline,
        targets=targets,
        band=band,
        accumulation=accumulation,
        derived_from=derived_from,
        tolerance=tolerance,
    )


def _framework(
    micro: tuple[Indicator, ...] = (),
    meso: tuple[Indicator, ...] = (),
    macro: tuple[Indicator, ...] = (),
) -> ResultsFramework:
    results = [
        Result(
            id=f"r-{level.value}",
            statement="s",
            level=level,
            kind=ResultKind.OUTCOME,
            indicators=inds,
        )
        for level, inds in (
            (Level.MICRO, micro),
            (Level.MESO, meso),
            (Level.MACRO, macro),
        )
        if inds
    ]
    return ResultsFramework(
        id="fw",
        name="fw",
        agreement=Agreement(
            purpose="p", period=Period(start=D(2025, 1, 1), end=D(2025, 12, 31))
        ),
        results=tuple(results),
    )


PLACES = [
    Subject(id="town", level=Level.MACRO),
    Subject(id="north", level=Level.MESO, part_of="town"),
    Subject(id="south", level=Level.MESO, part_of="town"),
]

# ZRM finances, target 4 by 31 Dec 2025; every resident first scored on 1 Jan.
# On 2 July 2025, 182 of the 364 days have passed: expected progress 0.5 for a
# resident whose own baseline is that first score.
FIN = _ind(
    "fin", measure=Measure.ORDINAL, targets=(Target(value=4, by=D(2025, 12, 31)),)
)
SCORES = {  # resident: (neighbourhood, score on 1 Jan, score on 1 Jun)
    "r01": ("north", 2, 3),  # (3-2)/(4-2) = 0.5, deviation 0: on track
    "r02": ("north", 1, 1),  # 0/3 = 0, deviation -0.5: behind
    "r03": ("north", 3, 5),  # 2/1 = 2: achieved
    "r04": ("north", 1, 3),  # 2/3 = 0.667, deviation +0.167: ahead
    "r05": ("south", 2, 4),  # 2/2 = 1: achieved
    "r06": ("south", 4, 4),  # starts at the target and stays: achieved (1, expected 1)
    "r07": ("south", 3, 2),  # (2-3)/(4-3) = -1: deteriorated
}
DAY = D(2025, 7, 2)


def _residents() -> list[Subject]:
    return [
        Subject(id=r, level=Level.MICRO, part_of=w) for r, (w, _, _) in SCORES.items()
    ]


def _scores() -> Records:
    obs = []
    for r, (_, a, b) in SCORES.items():
        obs.append(Observation(indicator="fin", subject=r, on=D(2025, 1, 1), value=a))
        obs.append(Observation(indicator="fin", subject=r, on=D(2025, 6, 1), value=b))
    return Records(subjects=[*PLACES, *_residents()], observations=obs)


def _counts(evaluation: object) -> dict[str, int]:
    return {s.value: c for s, c in evaluation.counts if c}  # type: ignore[attr-defined]


# -- micro -------------------------------------------------------------------------


def test_micro_indicator_counts_residents_per_status() -> None:
    ev = evaluate_indicator(_framework((FIN,)), _scores(), "fin", DAY)
    assert _counts(ev) == {
        "achieved": 3,
        "ahead": 1,
        "on_track": 1,
        "behind": 1,
        "deteriorated": 1,
    }
    assert [s for s, _ in ev.counts] == list(IndicatorStatus)  # every status, zeros too
    assert ev.subjects == ()  # not asked for
    # mean progress (0.5 + 0 + 2 + 2/3 + 1 + 1 - 1) / 7 = (25/6) / 7
    assert ev.progress == pytest.approx(25 / 42)
    # mean expected (6 * 0.5 + 1) / 7: r06 already meets the target, expected 1
    assert ev.expected_progress == pytest.approx(4 / 7)
    # deviation 25/42 - 24/42 = 1/42 < 0.1: on track
    assert ev.status is S.ON_TRACK


def test_per_subject_evaluations_only_on_request_and_with_the_same_counts() -> None:
    fw, recs = _framework((FIN,)), _scores()
    plain = evaluate_indicator(fw, recs, "fin", DAY)
    full = evaluate_indicator(fw, recs, "fin", DAY, per_subject=True)
    assert plain.counts == full.counts
    assert plain.progress == full.progress
    statuses = {s.subject: s.status.value for s in full.subjects}
    assert statuses == {
        "r01": "on_track",
        "r02": "behind",
        "r03": "achieved",
        "r04": "ahead",
        "r05": "achieved",
        "r06": "achieved",
        "r07": "deteriorated",
    }
    r04 = full.subject("r04")
    assert (r04.value, r04.baseline, r04.baseline_on, r04.target) == (
        3,
        1,
        D(2025, 1, 1),
        4,
    )
    assert r04.progress == pytest.approx(2 / 3)
    assert r04.expected_progress == 0.5
    assert r04.on == D(2025, 6, 1)


def test_evaluate_subject_agrees_with_the_per_subject_evaluation() -> None:
    fw, recs = _framework((FIN,)), _scores()
    full = evaluate_indicator(fw, recs, "fin", DAY, per_subject=True)
    for s in full.subjects:
        assert evaluate_subject(fw, recs, "fin", s.subject, DAY) == s


def test_a_subject_without_observations_has_no_data() -> None:
    fw, recs = _framework((FIN,)), _scores()
    assert evaluate_subject(fw, recs, "fin", "north", DAY).status is S.NO_DATA
    assert evaluate_subject(fw, recs, "fin", "r01", D(2024, 12, 31)).status is S.NO_DATA


def test_an_unknown_subject_is_an_unknown_id() -> None:
    with pytest.raises(UnknownId):
        evaluate_subject(_framework((FIN,)), _scores(), "fin", "nobody", DAY)


def test_later_facts_are_not_used() -> None:
    # On 1 February only the January scores are known: every resident at its
    # baseline, progress 0, expected 31/364 = 0.085: on track (tolerance 0.1),
    # except r06, which starts at the target (achieved).
    ev = evaluate_indicator(_framework((FIN,)), _scores(), "fin", D(2025, 2, 1))
    assert _counts(ev) == {"on_track": 6, "achieved": 1}
    # On 1 March, expected 59/364 = 0.162: the same six are behind.
    ev = evaluate_indicator(_framework((FIN,)), _scores(), "fin", D(2025, 3, 1))
    assert _counts(ev) == {"behind": 6, "achieved": 1}


def test_a_goal_overrides_baseline_and_target() -> None:
    # r02's goal: from 1 on 1 Feb to 2 by 1 Aug (181 days). On 2 July (151 days)
    # expected 151/181 = 0.834; value 1 gives progress 0: behind.
    goal = Goal(
        subject="r02",
        indicator="fin",
        baseline=Baseline(value=1, on=D(2025, 2, 1)),
        target=Target(value=2, by=D(2025, 8, 1)),
    )
    recs = _scores().add(goal)
    s = evaluate_subject(_framework((FIN,)), recs, "fin", "r02", DAY)
    assert (s.baseline, s.baseline_on, s.target) == (1, D(2025, 2, 1), 2)
    assert s.expected_progress == pytest.approx(151 / 181)
    assert s.status is S.BEHIND


def test_the_goal_that_counts_is_the_earliest_still_due() -> None:
    goals = [
        Goal(subject="r01", indicator="fin", target=Target(value=3, by=D(2025, 6, 30))),
        Goal(
            subject="r01", indicator="fin", target=Target(value=5, by=D(2025, 12, 31))
        ),
    ]
    fw, recs = _framework((FIN,)), _scores().add(goals)
    # On 1 June the June goal counts: from 2 (first score) to 3, value 3: achieved.
    assert evaluate_subject(fw, recs, "fin", "r01", D(2025, 6, 1)).status is S.ACHIEVED
    # On 2 July the December goal counts: (3-2)/(5-2) = 1/3.
    assert evaluate_subject(fw, recs, "fin", "r01", DAY).progress == pytest.approx(
        1 / 3
    )
    # After both, the last one counts.
    assert evaluate_subject(fw, recs, "fin", "r01", D(2026, 3, 1)).target == 5


def test_a_goal_is_known_from_its_baseline_day() -> None:
    goal = Goal(
        subject="r01",
        indicator="fin",
        baseline=Baseline(value=1, on=D(2025, 8, 1)),
        target=Target(value=2, by=D(2025, 12, 1)),
    )
    fw, recs = _framework((FIN,)), _scores().add(goal)
    assert evaluate_subject(fw, recs, "fin", "r01", DAY).target == 4  # not yet known
    assert evaluate_subject(fw, recs, "fin", "r01", D(2025, 8, 1)).target == 2


def test_a_resident_with_a_goal_but_no_observation_counts_as_no_data() -> None:
    newcomer = Subject(id="r99", level=Level.MICRO, part_of="north")
    goal = Goal(
        subject="r99", indicator="fin", target=Target(value=3, by=D(2025, 12, 1))
    )
    recs = _scores().add(newcomer, goal)
    ev = evaluate_indicator(_framework((FIN,)), recs, "fin", DAY, per_subject=True)
    assert ev.count(S.NO_DATA) == 1
    assert ev.subject("r99").status is S.NO_DATA
    assert [s.subject for s in ev.subjects] == sorted(s.subject for s in ev.subjects)


def test_tolerance_override_changes_the_judgement() -> None:
    # r04 deviates +1/6 = 0.167: ahead with 0.1, on track with 0.2.
    fw, recs = _framework((FIN,)), _scores()
    assert evaluate_subject(fw, recs, "fin", "r04", DAY).status is S.AHEAD
    assert (
        evaluate_subject(fw, recs, "fin", "r04", DAY, tolerance=0.2).status
        is S.ON_TRACK
    )


# -- sum, maintain, change-based, narrative ---------------------------------------


def _one_resident(
    indicator: Indicator, values: list[tuple[dt.date, object]]
) -> Records:
    return Records(
        subjects=[*PLACES, Subject(id="r01", level=Level.MICRO, part_of="north")],
        observations=[
            Observation(indicator=indicator.id, subject="r01", on=d, value=v)  # type: ignore[arg-type]
            for d, v in values
        ],
    )


def test_a_sum_indicator_without_baseline_counts_every_observation() -> None:
    hours = _ind(
        "hours",
        accumulation=Accumulation.SUM,
        targets=(Target(value=40, by=D(2025, 12, 31)),),
    )
    recs = _one_resident(
        hours, [(D(2025, 1, 10), 5.0), (D(2025, 3, 1), 10.0), (D(2025, 8, 1), 7.0)]
    )
    s = evaluate_subject(_framework((hours,)), recs, "hours", "r01", DAY)
    # 5 + 10 (August not yet): 15 hours from a baseline of 0 on 9 Jan; 15/40
    assert (s.value, s.baseline, s.baseline_on) == (15, 0, D(2025, 1, 9))
    assert s.progress == 15 / 40


def test_a_sum_indicator_counts_only_after_its_baseline_day() -> None:
    # A meso indicator (the indicator's own baseline counts there).
    visits = _ind(
        "visits",
        accumulation=Accumulation.SUM,
        baseline=Baseline(value=0, on=D(2025, 1, 31)),
        targets=(Target(value=100, by=D(2025, 12, 31)),),
    )
    recs = Records(
        subjects=PLACES,
        observations=[
            Observation(
                indicator="visits", subject="north", on=D(2025, 1, 15), value=30.0
            ),
            Observation(
                indicator="visits", subject="north", on=D(2025, 1, 31), value=20.0
            ),
            Observation(
                indicator="visits", subject="north", on=D(2025, 3, 1), value=25.0
            ),
        ],
    )
    s = evaluate_subject(
        _framework(meso=(visits,)), recs, "visits", "north", D(2025, 4, 1)
    )
    assert s.value == 25  # January does not count: it is on or before the baseline day


def test_maintain_is_on_track_in_the_band_and_achieved_from_the_final_day() -> None:
    weight = _ind(
        "weight",
        direction=Direction.MAINTAIN,
        band=2,
        targets=(Target(value=70, by=D(2025, 6, 30)),),
    )
    fw = _framework((weight,))
    inside = _one_resident(weight, [(D(2025, 1, 1), 75.0), (D(2025, 3, 1), 71.5)])
    outside = _one_resident(weight, [(D(2025, 1, 1), 75.0), (D(2025, 3, 1), 72.5)])
    assert (
        evaluate_subject(fw, inside, "weight", "r01", D(2025, 4, 1)).status
        is S.ON_TRACK
    )
    assert (
        evaluate_subject(fw, inside, "weight", "r01", D(2025, 6, 30)).status
        is S.ACHIEVED
    )
    assert (
        evaluate_subject(fw, outside, "weight", "r01", D(2025, 4, 1)).status is S.BEHIND
    )


@pytest.mark.parametrize(
    ("direction", "first", "last", "status"),
    [
        (Direction.INCREASE, 3.0, 4.0, S.IMPROVED),
        (Direction.INCREASE, 3.0, 3.0, S.STABLE),
        (Direction.INCREASE, 3.0, 2.0, S.WORSENED),
        (Direction.DECREASE, 3.0, 2.0, S.IMPROVED),
        (Direction.DECREASE, 3.0, 4.0, S.WORSENED),
        # maintain (band 1): within 1 of the first value is stable, else worse
        (Direction.MAINTAIN, 3.0, 4.0, S.STABLE),
        (Direction.MAINTAIN, 3.0, 1.5, S.WORSENED),
    ],
)
def test_without_a_target_the_change_since_the_first_observation_counts(
    direction: Direction, first: float, last: float, status: IndicatorStatus
) -> None:
    ind = _ind(
        "x", direction=direction, band=1 if direction is Direction.MAINTAIN else None
    )
    recs = _one_resident(ind, [(D(2025, 1, 1), first), (D(2025, 2, 1), last)])
    ev = evaluate_indicator(_framework((ind,)), recs, "x", DAY)
    assert ev.status is status
    assert ev.count(status) == 1
    assert ev.progress is None


def test_qualitative_indicators_are_narrative() -> None:
    story = Indicator(
        id="story",
        name="story",
        measure=Measure.QUALITATIVE,
        direction=Direction.INCREASE,
        question=Question.HOW_WELL,
    )
    recs = _one_resident(story, [(D(2025, 1, 1), "Went well.")])
    fw = _framework((story,))
    assert evaluate_indicator(fw, recs, "story", DAY).status is S.NARRATIVE
    assert evaluate_indicator(fw, recs, "story", D(2024, 1, 1)).status is S.NO_DATA


def test_an_indicator_without_any_data_has_no_data() -> None:
    ev = evaluate_indicator(_framework((FIN,)), Records(subjects=PLACES), "fin", DAY)
    assert ev.status is S.NO_DATA
    assert ev.n == 0


# -- meso and macro ---------------------------------------------------------------


def test_a_meso_indicator_uses_its_own_baseline() -> None:
    # Safety score of a neighbourhood, from 6 on 1 Jan to 8 by 31 Dec (364 days).
    safety = _ind(
        "safety",
        baseline=Baseline(value=6, on=D(2025, 1, 1)),
        targets=(Target(value=8, by=D(2025, 12, 31)),),
    )
    recs = Records(
        subjects=PLACES,
        observations=[
            Observation(
                indicator="safety", subject="north", on=D(2025, 3, 1), value=6.5
            ),
            Observation(
                indicator="safety", subject="north", on=D(2025, 6, 1), value=7.5
            ),
        ],
    )
    ev = evaluate_indicator(_framework(meso=(safety,)), recs, "safety", DAY)
    north = ev.subject("north")  # meso subjects are always kept
    # (7.5 - 6) / 2 = 0.75, expected 0.5: ahead
    assert (north.baseline, north.progress, north.status) == (6, 0.75, S.AHEAD)


SHARE = _ind(
    "share",
    measure=Measure.PERCENTAGE,
    baseline=Baseline(value=20, on=D(2025, 1, 1)),
    targets=(Target(value=60, by=D(2025, 12, 31)),),
    derived_from=Derivation(source="fin", aggregation=Aggregation.SHARE_IMPROVED),
)
MEAN = _ind(
    "mean",
    baseline=Baseline(value=2.5, on=D(2025, 1, 1)),
    targets=(Target(value=3.5, by=D(2025, 12, 31)),),
    derived_from=Derivation(source="fin", aggregation=Aggregation.MEAN),
)


def test_a_derived_indicator_is_judged_per_group_on_its_roll_up() -> None:
    fw = _framework((FIN,), (SHARE,), (MEAN,))
    ev = evaluate_indicator(fw, _scores(), "share", DAY, min_group=3)
    # north: 3 of 4 improved = 75%: (75-20)/40 = 1.375, achieved
    # south: 1 of 3 = 33.3%: (33.3-20)/40 = 0.333, expected 0.5: behind
    assert ev.subject("north").status is S.ACHIEVED
    assert ev.subject("south").status is S.BEHIND
    assert ev.subject("south").progress == pytest.approx(1 / 3)
    assert ev.rollup is not None
    assert ev.rollup.group("town").value == pytest.approx(400 / 7)
    # summary: mean progress (1.375 + 1/3) / 2 = 0.854 against 0.5: ahead
    assert ev.status is S.AHEAD
    town = evaluate_indicator(fw, _scores(), "mean", DAY, min_group=3).subject("town")
    # mean of (3+1+5+3+4+4+2) / 7 = 22/7; (22/7 - 2.5) / 1 = 0.643: ahead
    assert town.value == pytest.approx(22 / 7)
    assert town.status is S.AHEAD


def test_a_suppressed_group_has_no_data() -> None:
    fw = _framework((FIN,), (SHARE,))
    # With the default of 10, both neighbourhoods are too small.
    ev = evaluate_indicator(fw, _scores(), "share", DAY)
    assert ev.count(S.NO_DATA) == 2
    assert ev.status is S.NO_DATA


def test_a_derived_indicator_without_baseline_starts_at_its_first_published_value() -> (
    None
):
    share = _ind(
        "share",
        measure=Measure.PERCENTAGE,
        targets=(Target(value=100, by=D(2025, 12, 31)),),
        derived_from=Derivation(
            source="fin", aggregation=Aggregation.SHARE_REACHING, threshold=3
        ),
    )
    fw = _framework((FIN,), (share,))
    # min_group 3: north (r01-r04) first has three residents scored on 1 Jan; then
    # 1 of 4 scores 3 or more (r03): 25%. On 2 July 3 of 4 do (r01, r03, r04):
    # 75%; progress (75-25)/(100-25) = 2/3; expected 182/364 = 0.5: ahead.
    north = evaluate_indicator(fw, _scores(), "share", DAY, min_group=3).subject(
        "north"
    )
    assert (north.baseline, north.baseline_on) == (25, D(2025, 1, 1))
    assert north.progress == pytest.approx(2 / 3)
    assert north.status is S.AHEAD


# -- arguments ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"framework": "fw"}, "framework"),
        ({"records": []}, "records"),
        ({"indicator_id": 3}, "indicator"),
        ({"as_of": "2025-01-01"}, "as_of"),
        ({"tolerance": 2}, "tolerance"),
        ({"tolerance": True}, "tolerance"),
        ({"per_subject": 1}, "per_subject"),
        ({"min_group": -1}, "min_group"),
        ({"min_group": 2.5}, "min_group"),
    ],
)
def test_wrong_arguments_raise_invalid_value_naming_them(
    kwargs: dict[str, object], field: str
) -> None:
    args: dict[str, object] = {
        "framework": _framework((FIN,)),
        "records": _scores(),
        "indicator_id": "fin",
        "as_of": DAY,
    }
    args.update(kwargs)
    with pytest.raises(InvalidValue) as info:
        evaluate_indicator(**args)  # type: ignore[arg-type]
    assert info.value.field == field


def test_an_unknown_indicator_is_an_unknown_id() -> None:
    with pytest.raises(UnknownId):
        evaluate_indicator(_framework((FIN,)), _scores(), "nope", DAY)


# -- properties ---------------------------------------------------------------------

_DAYS = st.integers(0, 600).map(lambda k: D(2025, 1, 1) + dt.timedelta(days=k))


@st.composite
def _micro_cases(draw: st.DrawFn) -> tuple[Indicator, Records, dt.date]:
    """A numeric micro indicator with targets, residents' scores, and a day."""
    direction = draw(st.sampled_from([Direction.INCREASE, Direction.DECREASE]))
    n = draw(st.integers(1, 3))
    values = sorted(
        draw(st.lists(st.integers(-20, 20), min_size=n, max_size=n, unique=True))
    )
    if direction is Direction.DECREASE:
        values.reverse()
    stamps = sorted(draw(st.lists(_DAYS, min_size=n, max_size=n, unique=True)))
    ind = _ind(
        "x",
        direction=direction,
        targets=tuple(
            Target(value=v, by=d) for v, d in zip(values, stamps, strict=True)
        ),
        tolerance=draw(st.sampled_from([0.0, 0.1, 0.3])),
    )
    people = [f"p{i}" for i in range(draw(st.integers(1, 8)))]
    rows = draw(
        st.lists(
            st.tuples(st.sampled_from(people), _DAYS, st.integers(-30, 30)),
            max_size=30,
            unique_by=lambda r: (r[0], r[1]),
        )
    )
    recs = Records(
        subjects=[
            *PLACES,
            *(Subject(id=p, level=Level.MICRO, part_of="north") for p in people),
        ],
        observations=[
            Observation(indicator="x", subject=p, on=d, value=float(v))
            for p, d, v in rows
        ],
    )
    return ind, recs, draw(_DAYS)


@given(_micro_cases())
def test_each_residents_progress_is_the_progress_of_its_own_trajectory(
    case: tuple[Indicator, Records, dt.date],
) -> None:
    ind, recs, day = case
    ev = evaluate_indicator(_framework((ind,)), recs, "x", day, per_subject=True)
    for s in ev.subjects:
        series = [(d, v) for d, v in recs.series("x", s.subject) if d <= day]
        first_day, first = series[0]
        assert s.value == series[-1][1]
        base = Baseline(value=float(first), on=first_day)
        assert s.progress == pytest.approx(progress(ind, series[-1][1], baseline=base))
        assert s.expected_progress == pytest.approx(
            expected_progress(ind, day, baseline=base)
        )
        # the status follows from the numbers
        assert s.progress is not None
        assert s.deviation is not None
        if s.progress >= 1:
            assert s.status is S.ACHIEVED
        elif s.progress < 0:
            assert s.status is S.DETERIORATED
        elif s.deviation > ind.tolerance:
            assert s.status is S.AHEAD
        elif s.deviation < -ind.tolerance:
            assert s.status is S.BEHIND
        else:
            assert s.status is S.ON_TRACK


@given(_micro_cases())
def test_counts_and_means_do_not_depend_on_keeping_subjects(
    case: tuple[Indicator, Records, dt.date],
) -> None:
    ind, recs, day = case
    fw = _framework((ind,))
    plain = evaluate_indicator(fw, recs, "x", day)
    full = evaluate_indicator(fw, recs, "x", day, per_subject=True)
    assert plain == attrs_evolve_subjects(full)
    assert sum(c for _, c in full.counts) == len(full.subjects)


def attrs_evolve_subjects(ev: object) -> object:
    import attrs  # noqa: PLC0415

    return attrs.evolve(ev, subjects=())  # type: ignore[misc]


def test_the_explicit_baseline_is_the_goals_else_the_indicators_above_micro() -> None:
    own = Baseline(value=40, on=D(2025, 1, 1))
    indicator = _ind(
        "share", baseline=own, targets=(Target(value=60, by=D(2026, 1, 1)),)
    )
    goal_without = Goal(
        subject="r01", indicator="share", target=Target(value=50, by=D(2025, 12, 31))
    )
    goals_own = Baseline(value=30, on=D(2025, 3, 1))
    goal_with = attrs.evolve(goal_without, baseline=goals_own)
    # A goal's baseline counts first; else the indicator's own, but not for a
    # resident (micro), who starts from their own first value.
    assert _access.explicit_baseline(indicator, Level.MESO, goal_with) is goals_own
    assert _access.explicit_baseline(indicator, Level.MICRO, goal_with) is goals_own
    assert _access.explicit_baseline(indicator, Level.MESO, goal_without) is own
    assert _access.explicit_baseline(indicator, Level.MESO, None) is own
    assert _access.explicit_baseline(indicator, Level.MICRO, goal_without) is None
    assert _access.explicit_baseline(indicator, Level.MICRO, None) is None
