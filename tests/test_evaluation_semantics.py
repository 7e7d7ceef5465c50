"""Hand-computed cases of issue 12: sum baselines, interim targets, hidden residents."""

from __future__ import annotations

import datetime as dt
import math

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from resultframe import (
    Accumulation,
    Aggregation,
    Agreement,
    Baseline,
    Cadence,
    Direction,
    FeedbackCycle,
    Goal,
    Indicator,
    InvalidValue,
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
    Scale,
    ScalePoint,
    Subject,
    Target,
)
from resultframe.evaluation import (
    Aggregate,
    FrameworkEvaluation,
    IndicatorStatus,
    _kernels,
    combine,
    evaluate,
    evaluate_indicator,
    evaluate_subject,
    mean_interval,
    protect,
    reliable_counts,
    wilson_interval,
)
from resultframe.evaluation.rollup import interval_of
from resultframe.serialization import from_dict, to_dict
from resultframe.steering import AgendaReason, agenda

D = dt.date
S = IndicatorStatus


def _framework(level: Level, indicator: Indicator) -> ResultsFramework:
    return ResultsFramework(
        id="fw",
        name="fw",
        agreement=Agreement(
            purpose="p", period=Period(start=D(2025, 1, 1), end=D(2025, 12, 31))
        ),
        results=(
            Result(
                id="r",
                statement="s",
                level=level,
                kind=ResultKind.OUTCOME,
                indicators=(indicator,),
            ),
        ),
    )


def _quantity(id_: str, **kw: object) -> Indicator:
    return Indicator(
        id=id_,
        name=id_,
        measure=Measure.QUANTITY,
        direction=kw.pop("direction", Direction.INCREASE),  # type: ignore[arg-type]
        question=Question.HOW_MUCH,
        **kw,  # type: ignore[arg-type]
    )


# -- 1. a sum indicator starts from the amount of its baseline -------------------------

HOURS = _quantity(
    "hours",
    accumulation=Accumulation.SUM,
    baseline=Baseline(value=100, on=D(2025, 1, 1)),
    targets=(Target(value=300, by=D(2025, 12, 31)),),
)


def test_a_sum_indicator_adds_what_came_after_its_baseline_to_the_baseline() -> None:
    # 100 hours by 1 Jan; 40 on 1 Mar and 60 on 2 Jul come on top of them (the 7
    # recorded on 1 Jan itself are part of the baseline's 100). Value on 2 Jul:
    # 100 + 40 + 60 = 200; progress (200 - 100) / (300 - 100) = 0.5. Expected on
    # 2 Jul, 182 of 364 days: 100 + 200 * 182/364 = 200, progress 0.5: on track.
    # (Before: the value was 40 + 60 = 100, progress 0, behind.)
    fw = _framework(Level.MESO, HOURS)
    recs = Records(
        subjects=(Subject(id="north", level=Level.MESO),),
        observations=tuple(
            Observation(subject="north", indicator="hours", on=d, value=v)
            for d, v in ((D(2025, 1, 1), 7), (D(2025, 3, 1), 40), (D(2025, 7, 2), 60))
        ),
    )
    one = evaluate_subject(fw, recs, "hours", "north", D(2025, 7, 2))
    assert (one.value, one.progress, one.expected_progress) == (200, 0.5, 0.5)
    assert one.status is S.ON_TRACK


def test_a_resident_goal_on_a_sum_indicator_starts_from_its_baseline() -> None:
    # A resident with 10 contacts by 1 Jan, goal 30 by 31 Dec; 5 more on 1 Apr.
    # Value 10 + 5 = 15, progress (15 - 10) / (30 - 10) = 0.25; expected on 2 Jul
    # 0.5, deviation -0.25 beyond the tolerance 0.1: behind (not deteriorated,
    # as progress (5 - 10) / 20 = -0.25 would have had it before).
    contacts = _quantity(
        "contacts",
        accumulation=Accumulation.SUM,
        targets=(Target(value=300, by=D(2025, 12, 31)),),
    )
    fw = _framework(Level.MICRO, contacts)
    recs = Records(
        subjects=(Subject(id="r1", level=Level.MICRO),),
        observations=(
            Observation(subject="r1", indicator="contacts", on=D(2025, 4, 1), value=5),
        ),
        goals=(
            Goal(
                subject="r1",
                indicator="contacts",
                baseline=Baseline(value=10, on=D(2025, 1, 1)),
                target=Target(value=30, by=D(2025, 12, 31)),
            ),
        ),
    )
    one = evaluate_subject(fw, recs, "contacts", "r1", D(2025, 7, 2))
    assert (one.value, one.progress, one.expected_progress) == (15, 0.25, 0.5)
    assert one.status is S.BEHIND


# -- 2. interim targets behind a subject's baseline do not pull the path back ----------

STEPS = _quantity(
    "steps",
    targets=(Target(value=3, by=D(2025, 7, 2)), Target(value=5, by=D(2025, 12, 31))),
)


def test_an_interim_target_behind_the_baseline_does_not_pull_the_path_back() -> None:
    # The resident starts at 4 on 1 Jan, beyond the interim target 3 (2 Jul), and
    # stays at 4. On 1 Apr (90 days in): the interim target is left out, the path
    # runs from 4 on 1 Jan to 5 on 31 Dec: 4 + 1 * 90/364 = 4.247, expected
    # progress 0.247, progress 0, deviation -0.247: behind. (Before: the path ran
    # back towards 3, 4 - 90/182 = 3.505, expected progress -0.495: "ahead".)
    fw = _framework(Level.MICRO, STEPS)
    recs = Records(
        subjects=(Subject(id="r1", level=Level.MICRO),),
        observations=tuple(
            Observation(subject="r1", indicator="steps", on=d, value=4)
            for d in (D(2025, 1, 1), D(2025, 4, 1))
        ),
    )
    one = evaluate_subject(fw, recs, "steps", "r1", D(2025, 4, 1))
    assert one.progress == 0
    assert one.expected_progress is not None
    assert round(one.expected_progress, 3) == 0.247  # 90/364
    assert one.status is S.BEHIND


@st.composite
def _paths(draw: st.DrawFn) -> tuple[int, float, int, list[int], list[float]]:
    """A direction, a baseline and its day, and targets around the baseline."""
    sign = draw(st.sampled_from([-1, 0, 1]))
    b = float(draw(st.integers(-5, 5)))
    bday = draw(st.sampled_from([0, 50, 150]))
    tdays = sorted(draw(st.sets(st.sampled_from([100, 200, 300, 400]), min_size=1)))
    # Offsets from the baseline, in the direction (for maintain: upwards).
    tvals = [b + (sign or 1) * draw(st.integers(-2, 3)) for _ in tdays]
    return sign, b, bday, tdays, tvals


@given(
    path=_paths(),
    day=st.integers(0, 450),
    tol=st.sampled_from([0.0, 0.1, 0.5]),
)
def test_standing_still_is_never_ahead(
    path: tuple[int, float, int, list[int], list[float]], day: int, tol: float
) -> None:
    # A subject whose latest value is its baseline is never ahead, whatever the
    # interim targets do.
    sign, b, bday, tdays, tvals = path
    code, _p, _e = _kernels.judge(
        b, bday, b, sign=sign, band=1.0, tol=tol, tdays=tdays, tvals=tvals, day=day
    )
    assert _kernels.STATUSES[code] is not S.AHEAD


# -- 3. residents worse than their own start are counted ---------------------------


def test_residents_worse_than_their_start_are_counted_behind_a_good_mean() -> None:
    # Four residents, baseline their first score on 1 Jan, target 5 by 31 Dec;
    # judged on 2 Jul (expected progress 0.5 for everyone):
    #   r1 1 -> 5: progress 4/4 = 1     r2 1 -> 5: 1
    #   r3 3 -> 2: (2-3)/(5-3) = -0.5   r4 4 -> 5: 1/1 = 1
    # Mean progress (1 + 1 - 0.5 + 1) / 4 = 0.625 against 0.5 expected: on track
    # (deviation 0.125 > 0.1: ahead). One resident of four got worse.
    fw = _framework(
        Level.MICRO, _quantity("score", targets=(Target(value=5, by=D(2025, 12, 31)),))
    )
    scores = {"r1": (1, 5), "r2": (1, 5), "r3": (3, 2), "r4": (4, 5)}
    recs = Records(
        subjects=tuple(Subject(id=r, level=Level.MICRO) for r in scores),
        observations=tuple(
            Observation(subject=r, indicator="score", on=d, value=v)
            for r, pair in scores.items()
            for d, v in zip((D(2025, 1, 1), D(2025, 6, 1)), pair, strict=True)
        ),
    )
    ev = evaluate_indicator(fw, recs, "score", D(2025, 7, 2))
    assert ev.progress == 0.625
    assert ev.status is S.AHEAD
    assert ev.deteriorated == 1


def _micro_cycle(tolerance: float | None) -> ResultsFramework:
    fw = _framework(
        Level.MICRO, _quantity("score", targets=(Target(value=5, by=D(2025, 12, 31)),))
    )
    return attrs.evolve(
        fw,
        cycles=(
            FeedbackCycle(
                id="q",
                name="Quarterly",
                reports_to="p-town",
                cadence=Cadence(months=3),
                starts_on=D(2025, 1, 1),
                tolerance=tolerance,
            ),
        ),
        parties=(Party(id="p-town", name="Gemeente", role=Role.COMMISSIONER),),
    )


# Twelve residents: ten go from 1 to 5 (progress 1), two from 3 to 2 (progress
# (2 - 3)/(5 - 3) = -0.5). On 31 March the mean progress is (10 - 1)/12 = 0.75:
# ahead. But 2 of 12 = 16.7% are worse than their own start.
_TWELVE = {f"r{k:02}": (1, 5) for k in range(10)} | {"r10": (3, 2), "r11": (3, 2)}
_TWELVE_RECORDS = Records(
    subjects=tuple(Subject(id=r, level=Level.MICRO) for r in _TWELVE),
    observations=tuple(
        Observation(subject=r, indicator="score", on=d, value=v)
        for r, pair in _TWELVE.items()
        for d, v in zip((D(2025, 1, 1), D(2025, 3, 1)), pair, strict=True)
    ),
)
_Q1 = Period(start=D(2025, 1, 1), end=D(2025, 3, 31))


def test_the_agenda_raises_residents_worse_than_their_start() -> None:
    # 2/12 = 0.167 > tolerance 0.10, and 12 >= min_group 10: on the agenda, with
    # the two residents as its residents (weight 1.0 x 2 = 2).
    items = agenda(_micro_cycle(None), _TWELVE_RECORDS, "q", _Q1)
    worse = [i for i in items if i.reason is AgendaReason.DETERIORATED]
    assert len(worse) == 1
    assert (worse[0].about, worse[0].residents, worse[0].weight) == ("score", 2, 2.0)
    assert "2 of 12 subjects (17%)" in worse[0].why
    assert any(i.reason is AgendaReason.AHEAD for i in items)  # the mean is ahead


def test_the_agenda_leaves_out_small_groups_and_shares_within_tolerance() -> None:
    # 12 < min_group 13: not publishable. With the cycle's tolerance 0.2:
    # 2/12 = 0.167 <= 0.2.
    for fw, minimum in ((_micro_cycle(None), 13), (_micro_cycle(0.2), 10)):
        items = agenda(fw, _TWELVE_RECORDS, "q", _Q1, min_group=minimum)
        assert all(i.reason is not AgendaReason.DETERIORATED for i in items)


# -- 4. uncertainty ------------------------------------------------------------------


def test_a_micro_evaluation_with_a_confidence_gets_its_intervals() -> None:
    # The twelve residents on 31 March: 10 achieved (progress 1), 2
    # deteriorated (progress -0.5). Expected progress 89/364 = 0.2445.
    # Share achieved 10/12, Wilson at 95% (z 1.96, z² 3.8416): centre
    # (0.8333 + 3.8416/24) / (1 + 3.8416/12) = 0.99340/1.32013 = 0.7525, half
    # 1.96/1.32013 x sqrt(0.8333 x 0.1667/12 + 3.8416/576) = 0.2005:
    # 0.552 to 0.953.
    # Mean progress: n 12, sum 10 - 1 = 9, squares 10 + 2 x 0.25 = 10.5;
    # s² = (10.5 - 9²/12)/11 = 0.3409, s/√12 = 0.1686, t(11) = 2.201: half
    # 0.371, 0.379 to 1.121 - it excludes 0.2445: distinguishable.
    fw = _micro_cycle(None)
    ev = evaluate(fw, _TWELVE_RECORDS, D(2025, 3, 31), confidence=0.95)
    ie = ev.result("r").indicator("score")
    shares = {s: (round(lo, 3), round(hi, 3)) for s, lo, hi in ie.shares}
    assert shares[S.ACHIEVED] == (0.552, 0.953)
    assert set(shares) == {S.ACHIEVED, S.DETERIORATED}
    assert ie.progress_interval is not None
    low, high = ie.progress_interval
    assert (round(low, 2), round(high, 2)) == (0.38, 1.12)
    assert ie.distinguishable is True
    assert ev.confidence == 0.95
    # Without a confidence: none of it, and the same numbers otherwise.
    plain = evaluate(fw, _TWELVE_RECORDS, D(2025, 3, 31)).result("r").indicator("score")
    assert (plain.shares, plain.progress_interval, plain.distinguishable) == (
        (),
        None,
        None,
    )
    assert attrs.evolve(
        ie, shares=(), progress_interval=None, distinguishable=None
    ) == (plain)


_THREE = Records(
    subjects=tuple(Subject(id=r, level=Level.MICRO) for r in ("a", "b", "c")),
    observations=tuple(
        Observation(subject=r, indicator="score", on=d, value=v)
        for r, pair in {"a": (1, 5), "b": (1, 1), "c": (1, 3)}.items()
        for d, v in zip((D(2025, 1, 1), D(2025, 3, 1)), pair, strict=True)
    ),
)


def test_the_agenda_can_leave_out_a_deviation_chance_explains() -> None:
    # Three residents, progress 1, 0 and 0.5 on 31 March: mean 0.5 against
    # 0.2445 expected, 0.2555 ahead (> 0.10). Interval: sum 1.5, squares 1.25,
    # s² = (1.25 - 1.5²/3)/2 = 0.25, s/√3 = 0.2887, t(2) = 4.303: 0.5 ± 1.242,
    # -0.742 to 1.742, which holds 0.2445: chance explains it.
    fw = _micro_cycle(None)
    kept = agenda(fw, _THREE, "q", _Q1)
    assert [i.reason for i in kept if i.about == "score"] == [AgendaReason.AHEAD]
    left = agenda(fw, _THREE, "q", _Q1, chance=0.95)
    assert [i for i in left if i.about == "score"] == []
    with pytest.raises(InvalidValue, match="chance"):
        agenda(fw, _THREE, "q", _Q1, chance=1.5)
    # Twelve residents 0.75 against 0.2445: distinguishable, stays on.
    twelve = agenda(fw, _TWELVE_RECORDS, "q", _Q1, chance=0.95)
    assert AgendaReason.AHEAD in {i.reason for i in twelve}


def _with_chance(fw: ResultsFramework, chance: float | None) -> ResultsFramework:
    return attrs.evolve(fw, cycles=(attrs.evolve(fw.cycles[0], chance=chance),))


def test_a_cycle_declares_the_chance_its_agenda_leaves_out() -> None:
    # The three residents above, now with chance=0.95 declared on the cycle
    # itself: the same arithmetic (0.5 ± 1.242 holds the expected 0.2445), so
    # the agenda of the cycle leaves the deviation out without an argument.
    fw = _with_chance(_micro_cycle(None), 0.95)
    assert [i for i in agenda(fw, _THREE, "q", _Q1) if i.about == "score"] == []
    # The twelve residents (0.379 to 1.121 excludes 0.2445) stay on it.
    twelve = agenda(fw, _TWELVE_RECORDS, "q", _Q1)
    assert AgendaReason.AHEAD in {i.reason for i in twelve}
    # An argument overrides the cycle: a stricter level, 0.5, narrows the
    # interval to 0.5 ± 0.816 x 0.2887 = 0.5 ± 0.236 (t(2) at 75% = 0.816),
    # 0.264 to 0.736, which excludes 0.2445: raised again.
    strict = agenda(fw, _THREE, "q", _Q1, chance=0.5)
    assert [i.reason for i in strict if i.about == "score"] == [AgendaReason.AHEAD]
    # The cycle's chance goes through the framework document and back.
    assert from_dict(to_dict(fw), kind="framework").cycles[0].chance == 0.95


@pytest.mark.parametrize("bad", [0, 1, 1.5, -0.1, float("nan"), True, "0.95"])
def test_a_cycle_refuses_a_chance_that_is_no_confidence_level(bad: object) -> None:
    with pytest.raises(InvalidValue, match="chance") as e:
        _with_chance(_micro_cycle(None), bad)  # type: ignore[arg-type]
    assert "expected a" in str(e.value)


def test_a_deviation_says_whether_chance_explains_it() -> None:
    fw = _micro_cycle(None)
    day = _Q1.end
    # Without a confidence nothing is said.
    (plain,) = evaluate(fw, _THREE, day).deviations
    assert plain.distinguishable is None
    # With one, the deviation carries the indicator's verdict on chance:
    # three residents cannot tell 0.2555 ahead from chance, twelve can.
    (three,) = evaluate(fw, _THREE, day, confidence=0.95).deviations
    assert (round(three.deviation, 4), three.distinguishable) == (0.2555, False)
    (twelve,) = evaluate(fw, _TWELVE_RECORDS, day, confidence=0.95).deviations
    assert (round(twelve.deviation, 4), twelve.distinguishable) == (0.5055, True)
    # And it goes through the evaluation document and back.
    ev = evaluate(fw, _THREE, day, confidence=0.95)
    assert (
        from_dict(to_dict(ev), kind="evaluation").deviations[0].distinguishable is False
    )


def test_documents_written_before_chance_was_declared_still_load() -> None:
    # Evaluation and framework documents of the current version written before
    # a deviation said whether chance explains it, and before a cycle had a
    # chance: both load, with None for what they do not say.
    fw = _with_chance(_micro_cycle(None), 0.95)
    ev = evaluate(fw, _THREE, _Q1.end, confidence=0.95)
    doc = to_dict(ev)
    for d in doc["deviations"]:
        del d["distinguishable"]
    assert from_dict(doc) == attrs.evolve(
        ev,
        deviations=tuple(attrs.evolve(d, distinguishable=None) for d in ev.deviations),
    )
    old = to_dict(fw)
    for c in old["cycles"]:
        del c["chance"]
    assert from_dict(old) == _with_chance(fw, None)


def test_a_mean_interval_re_aggregates_exactly_from_the_sums_of_squares() -> None:
    # north: 2 and 4 (sum 6, squares 20); south: 3 and 5 (sum 8, squares 34).
    # town: n 4, sum 14, squares 54: mean 3.5, s² = (54 - 14²/4)/3 = 1.667,
    # s/√4 = 0.6455, t(3) = 3.182: 3.5 ± 2.054, 1.45 to 5.55 - the interval of
    # the four values themselves, not a combination of the two intervals.
    parts = [
        Aggregate(
            subject=g,
            level=Level.MESO,
            aggregation=Aggregation.MEAN,
            n=2,
            numerator=total,
            denominator=2.0,
            value=total / 2,
            squares=squares,
        )
        for g, total, squares in (("north", 6.0, 20.0), ("south", 8.0, 34.0))
    ]
    town = combine(parts, subject="town", level=Level.MACRO)
    assert (town.n, town.numerator, town.squares) == (4, 14.0, 54.0)
    interval = interval_of(town, 0.95)
    assert interval is not None
    assert (round(interval[0], 1), round(interval[1], 1)) == (1.4, 5.6)
    assert interval == mean_interval(4, 14.0, 54.0)
    # A share: the Wilson interval of the summed counts, in percent.
    share = Aggregate(
        subject="town",
        level=Level.MACRO,
        aggregation=Aggregation.SHARE_IMPROVED,
        n=12,
        numerator=10.0,
        denominator=12.0,
        value=100 * 10 / 12,
    )
    low, high = wilson_interval(10, 12)
    assert interval_of(share, 0.95) == (100 * low, 100 * high)


def test_reliable_counts_count_changes_beyond_measurement_error() -> None:
    # sd 1, reliability 0.8: S_diff = sqrt(2) x sqrt(0.2) = 0.632. Of the twelve
    # residents, ten rose 4 points (RCI 6.32: reliably improved), two fell 1
    # point (RCI -1.58: within measurement error). With sd 0.3: S_diff 0.190,
    # the fall of 1 is RCI -5.27: reliably deteriorated.
    fw = _micro_cycle(None)
    score = fw.indicator("score")
    ie = evaluate_indicator(
        fw, _TWELVE_RECORDS, "score", D(2025, 3, 31), per_subject=True
    )
    assert reliable_counts(ie, score, sd=1, reliability=0.8) == (10, 0)
    assert reliable_counts(ie, score, sd=0.3, reliability=0.8) == (10, 2)
    summary = evaluate_indicator(fw, _TWELVE_RECORDS, "score", D(2025, 3, 31))
    with pytest.raises(InvalidValue, match="per_subject=True"):
        reliable_counts(summary, score, sd=1, reliability=0.8)
    with pytest.raises(InvalidValue, match="reliability"):
        reliable_counts(ie, score, sd=1, reliability=1.0)
    with pytest.raises(InvalidValue, match="maintain"):
        reliable_counts(
            ie,
            attrs.evolve(score, direction=Direction.MAINTAIN, band=1.0),
            sd=1,
            reliability=0.8,
        )


def _five_points(**declared: float) -> Scale:
    return Scale(
        id="five",
        name="Five points",
        points=tuple(ScalePoint(value=v, label=str(v)) for v in range(1, 6)),
        **declared,
    )


def test_a_scale_declares_the_sd_and_reliability_reliable_change_uses() -> None:
    # The twelve residents again, now on an ordinal scale of 1-5 that declares
    # sd 0.3 and reliability 0.8: S_diff = sqrt(2) x 0.3 x sqrt(0.2) = 0.190.
    # Ten rose 4 points (RCI 21.1), two fell 1 (RCI -5.27): (10, 2) without
    # passing either; given values override the declared ones (sd 1: (10, 0)).
    fw = _micro_cycle(None)
    score = attrs.evolve(
        fw.indicator("score"),
        measure=Measure.ORDINAL,
        scale=_five_points(sd=0.3, reliability=0.8),
    )
    fw = attrs.evolve(fw, results=(attrs.evolve(fw.results[0], indicators=(score,)),))
    ie = evaluate_indicator(
        fw, _TWELVE_RECORDS, "score", D(2025, 3, 31), per_subject=True
    )
    assert reliable_counts(ie, score) == (10, 2)
    assert reliable_counts(ie, score, sd=1) == (10, 0)
    # The scale goes through the framework document and back.
    assert (
        from_dict(to_dict(fw), kind="framework").indicator("score").scale == score.scale
    )
    # Without a declaration, the figures must be given.
    bare = attrs.evolve(score, scale=_five_points())
    with pytest.raises(InvalidValue, match="expected a sd, given or declared"):
        reliable_counts(ie, bare)


@pytest.mark.parametrize(
    ("declared", "field"),
    [
        ({"sd": 1.0}, "reliability"),
        ({"reliability": 0.8}, "sd"),
        ({"sd": 0.0, "reliability": 0.8}, "sd"),
        ({"sd": float("inf"), "reliability": 0.8}, "sd"),
        ({"sd": 1.0, "reliability": 1.0}, "reliability"),
        ({"sd": 1.0, "reliability": -0.1}, "reliability"),
    ],
)
def test_a_scale_refuses_half_or_impossible_declarations(
    declared: dict[str, float], field: str
) -> None:
    with pytest.raises(InvalidValue, match=f"^{field}: ") as e:
        _five_points(**declared)
    assert "expected a" in str(e.value)


@given(path=_paths(), day=st.integers(0, 450))
def test_a_path_with_a_direction_is_the_path_through_the_targets_ahead(
    path: tuple[int, float, int, list[int], list[float]], day: int
) -> None:
    # The reference: drop every interim target not strictly ahead of the
    # baseline (none for maintain), then run the plain path through the rest.
    sign, b, bday, tdays, tvals = path
    last = len(tdays) - 1
    keep = [
        k for k in range(last + 1) if not sign or k == last or (tvals[k] - b) * sign > 0
    ]
    plain = _kernels.path_on([tdays[k] for k in keep], [tvals[k] for k in keep], day)
    assert _kernels.path_on(tdays, tvals, day, sign)(b, bday) == plain(b, bday)


def test_the_new_figures_round_trip_and_old_documents_still_load() -> None:
    # Every new field is in the evaluation document; a document written before
    # them (none of their keys) loads with their defaults.
    new = {
        "deteriorated",
        "progress_interval",
        "distinguishable",
        "shares",
        "squares",
        "interval",
        "confidence",
    }

    def without(o: object) -> object:
        if isinstance(o, dict):
            return {k: without(v) for k, v in o.items() if k not in new}
        if isinstance(o, list):
            return [without(x) for x in o]
        return o

    fw = _micro_cycle(None)
    ev = evaluate(fw, _TWELVE_RECORDS, D(2025, 3, 31), confidence=0.95)
    assert from_dict(to_dict(ev)) == ev
    old = from_dict(without(to_dict(ev)))
    assert isinstance(old, FrameworkEvaluation)
    ie = old.result("r").indicator("score")
    assert (ie.deteriorated, ie.shares, ie.progress_interval, old.confidence) == (
        0,
        (),
        None,
        None,
    )


def test_a_withheld_indicator_keeps_no_interval_and_no_deteriorated_count() -> None:
    # Three residents are fewer than min_group 10: protect() withholds the
    # indicator whole, its intervals and its count of deteriorated ones too.
    ev = evaluate(_micro_cycle(None), _THREE, D(2025, 3, 31), confidence=0.95)
    assert ev.result("r").indicator("score").shares
    ie = protect(ev).result("r").indicator("score")
    assert ie.suppressed
    assert (ie.deteriorated, ie.shares, ie.progress_interval, ie.distinguishable) == (
        0,
        (),
        None,
        None,
    )


def test_progress_beyond_the_floats_both_ways_has_no_mean() -> None:
    # Baseline 0, target -2.225e-309 (a gap of a subnormal float): resident c
    # at -1 has progress (-1 - 0) / (-2.225e-309 - 0) = inf (achieved), resident
    # d at +1 has -inf (deteriorated). Their mean progress is nan, not an
    # error; the counts per status are exact. A nan deviation is within no
    # bound: the indicator is behind, not on track.
    day = D(2015, 1, 1)
    ind = Indicator(
        id="m0",
        name="m0",
        measure=Measure.QUANTITY,
        direction=Direction.DECREASE,
        question=Question.HOW_MUCH,
        baseline=Baseline(value=0, on=day),
        targets=(Target(value=-2.225073858507203e-309, by=D(2015, 1, 2)),),
        accumulation=Accumulation.SUM,
    )
    recs = Records(
        subjects=[Subject(id=s, level=Level.MICRO) for s in "cd"],
        observations=[
            Observation(indicator="m0", subject="c", on=day, value=-1),
            Observation(indicator="m0", subject="d", on=day, value=1),
        ],
    )
    got = evaluate(_framework(Level.MICRO, ind), recs, day).results[0].indicators[0]
    assert got.progress is not None
    assert math.isnan(got.progress)
    assert got.count(S.ACHIEVED) == 1
    assert got.count(S.DETERIORATED) == 1
    assert got.status is S.BEHIND
