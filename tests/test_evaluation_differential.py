"""Every batch path of evaluation agrees with the per-subject reference.

The reference below judges one subject at a time, as DESIGN §4 and
:mod:`resultframe.evaluation.indicators` describe it: it reads the subject's
series with :meth:`Records.series`, picks the baseline, value and targets by
hand, places the value with the public scalar functions
(:func:`~resultframe.evaluation.progress`,
:func:`~resultframe.evaluation.expected_progress`,
:func:`~resultframe.evaluation.deviation`) and finds the status from the
documented rules. The batch paths must give the same numbers, exactly:

- :func:`evaluate_indicator` (with and without ``per_subject``),
- :func:`evaluate_subject` for every subject,
- :func:`evaluate` (micro indicators and derived meso and macro ones),

for individual goals (several per resident, with and without a baseline),
``maintain`` indicators with a band, observed meso indicators with their own
baseline, ``sum`` indicators with several values per resident (several on one
day too) and derived indicators with and without a baseline (the first
published value).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from typing import TYPE_CHECKING

import attrs
from hypothesis import HealthCheck, event, given, settings
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
    strategies,
)
from resultframe.evaluation import (
    IndicatorEvaluation,
    IndicatorStatus,
    SubjectEvaluation,
    deviation,
    evaluate,
    evaluate_indicator,
    evaluate_subject,
    expected_progress,
    mean_interval,
    progress,
    rollup,
    wilson_interval,
)
from resultframe.evaluation._sums import fsum
from resultframe.model.framework import _SOURCES

if TYPE_CHECKING:
    from collections.abc import Sequence

S = IndicatorStatus
D = dt.date
ZRM = Scale(
    id="zrm",
    name="ZRM",
    points=tuple(ScalePoint(value=v, label=f"p{v}") for v in range(1, 6)),
)
_NUMERIC = (Measure.QUANTITY, Measure.PERCENTAGE, Measure.ORDINAL, Measure.BINARY)


# -- the reference: one subject at a time ----------------------------------------------


def _sign(direction: Direction) -> int:
    return {Direction.INCREASE: 1, Direction.DECREASE: -1}.get(direction, 0)


def _status(
    indicator: Indicator,
    b: float,
    p: float,
    dev: float,
    *,
    tol: float,
    day: dt.date,
    targets: Sequence[Target],
) -> IndicatorStatus:
    """The status of one subject judged against targets (DESIGN §4)."""
    if indicator.direction is Direction.MAINTAIN:
        # In the band (progress 1): achieved from the final target's day.
        if p == 0:
            return S.BEHIND
        return S.ACHIEVED if day >= targets[-1].by else S.ON_TRACK
    if (b - targets[-1].value) * _sign(indicator.direction) >= 0:
        # The baseline already meets the target: stay there (expected 1).
        return S.ACHIEVED if p >= 1 else S.BEHIND
    return _on_the_way(p, dev, tol)


def _on_the_way(p: float, dev: float, tol: float) -> IndicatorStatus:
    """The status of progress *p* that deviates *dev* from the expected."""
    if p >= 1:
        return S.ACHIEVED
    if p < 0:
        return S.DETERIORATED
    if dev > tol:
        return S.AHEAD
    if dev < -tol:
        return S.BEHIND
    return S.ON_TRACK


def _change(indicator: Indicator, first: float, value: float) -> IndicatorStatus:
    """The status of a change without a target: since the first value."""
    if indicator.direction is Direction.MAINTAIN:
        band = indicator.band or 0.0
        return S.STABLE if abs(value - first) <= band else S.WORSENED
    if value == first:
        return S.STABLE
    better = (value > first) == (indicator.direction is Direction.INCREASE)
    return S.IMPROVED if better else S.WORSENED


def _against_targets(
    indicator: Indicator,
    subject: str,
    *,
    value: float,
    on: dt.date,
    base: Baseline,
    targets: tuple[Target, ...],
    day: dt.date,
    tol: float,
) -> SubjectEvaluation:
    p = progress(indicator, value, baseline=base, targets=targets)
    e = expected_progress(indicator, day, baseline=base, targets=targets)
    dev = deviation(indicator, value, day, baseline=base, targets=targets)
    return SubjectEvaluation(
        subject=subject,
        status=_status(
            indicator, base.value, p, dev, tol=tol, day=day, targets=targets
        ),
        value=value,
        on=on,
        baseline=base.value,
        baseline_on=base.on,
        target=targets[-1].value,
        progress=p,
        expected_progress=e,
        deviation=dev,
    )


def _goal_that_counts(
    records: Records, indicator: str, subject: str, day: dt.date
) -> Goal | None:
    """The earliest known goal still due on *day*, else the last known one."""
    known = [
        g
        for g in records.goals
        if g.indicator == indicator
        and g.subject == subject
        and (g.baseline is None or g.baseline.on <= day)
    ]
    due = [g for g in known if g.target.by >= day]
    return due[0] if due else (known[-1] if known else None)


def _observed_subject(
    indicator: Indicator,
    level: Level,
    records: Records,
    subject: str,
    *,
    day: dt.date,
    tol: float,
) -> SubjectEvaluation | None:
    series = [(d, v) for d, v in records.series(indicator.id, subject) if d <= day]
    goal = _goal_that_counts(records, indicator.id, subject, day)
    if not series:
        return (
            None
            if goal is None
            else SubjectEvaluation(subject=subject, status=S.NO_DATA)
        )
    last_day = series[-1][0]
    if indicator.measure is Measure.QUALITATIVE:
        return SubjectEvaluation(subject=subject, status=S.NARRATIVE, on=last_day)
    values = [(d, float(v)) for d, v in series]
    first_day = values[0][0]
    is_sum = indicator.accumulation is Accumulation.SUM
    # Baseline: the goal's, else (meso, macro) the indicator's, else the first
    # observation (sum: 0 on the day before it).
    base = goal.baseline if goal is not None else None
    if base is None and level is not Level.MICRO:
        base = indicator.baseline
    after = base.on if base is not None else None
    if is_sum:
        # The amount accumulated by the baseline day, plus what came after it.
        value = math.fsum(v for d, v in values if after is None or d > after)
        if base is not None:
            value = base.value + value
    else:
        value = values[-1][1]
    targets = (goal.target,) if goal is not None else indicator.targets
    if not targets:
        if not is_sum:
            first = values[0][1]
        elif after is not None and first_day <= after:
            first = 0.0
        else:
            first = math.fsum(v for d, v in values if d == first_day)
        if is_sum and base is not None:
            first = base.value + first
        return SubjectEvaluation(
            subject=subject,
            status=_change(indicator, first, value),
            value=value,
            on=last_day,
            baseline=first,
            baseline_on=first_day,
        )
    if base is None:
        base = (
            Baseline(value=0.0, on=first_day - dt.timedelta(days=1))
            if is_sum
            else Baseline(value=values[0][1], on=first_day)
        )
    return _against_targets(
        indicator,
        subject,
        value=value,
        on=last_day,
        base=base,
        targets=targets,
        day=day,
        tol=tol,
    )


def _bottom(framework: ResultsFramework, indicator: Indicator) -> Indicator:
    source = indicator
    while source.derived_from is not None:
        source = framework.indicator(source.derived_from.source)
    return source


def _below(records: Records, group: str, level: Level) -> list[str]:
    """The subjects on *level* whose chain of ``part_of`` reaches *group*."""
    parent = {s.id: s.part_of for s in records.subjects}
    out = []
    for s in records.subjects:
        if s.level is not level:
            continue
        up = s.part_of
        while up is not None and up != group:
            up = parent.get(up)
        if up == group:
            out.append(s.id)
    return out


def _first_published(
    framework: ResultsFramework,
    records: Records,
    indicator: Indicator,
    group: str,
    *,
    day: dt.date,
    min_group: int,
) -> tuple[dt.date, float] | None:
    """The group's roll-up on the first day enough of its subjects have a value."""
    source = _bottom(framework, indicator)
    members = _below(records, group, framework.level_of(source.id))
    firsts = sorted(
        series[0]
        for m in members
        if (series := [d for d, _ in records.series(source.id, m) if d <= day])
    )
    need = max(min_group, 1)
    if len(firsts) < need:
        return None
    when = firsts[need - 1]
    value = rollup(framework, records, indicator.id, when, min_group=0).group(group)
    return None if value.value is None else (when, value.value)


def _derived_subjects(
    framework: ResultsFramework,
    indicator: Indicator,
    level: Level,
    records: Records,
    *,
    day: dt.date,
    tol: float,
    min_group: int,
) -> list[SubjectEvaluation]:
    out = []
    roll = rollup(framework, records, indicator.id, day, min_group=min_group)
    for a in roll.at(level):
        start: tuple[dt.date, float] | None
        if indicator.baseline is not None and indicator.targets:
            start = (indicator.baseline.on, indicator.baseline.value)
        else:
            start = _first_published(
                framework, records, indicator, a.subject, day=day, min_group=min_group
            )
        if a.value is None or start is None:
            out.append(SubjectEvaluation(subject=a.subject, status=S.NO_DATA))
            continue
        if not indicator.targets:
            out.append(
                SubjectEvaluation(
                    subject=a.subject,
                    status=_change(indicator, start[1], a.value),
                    value=a.value,
                    on=day,
                    baseline=start[1],
                    baseline_on=start[0],
                )
            )
            continue
        out.append(
            _against_targets(
                indicator,
                a.subject,
                value=a.value,
                on=day,
                base=Baseline(value=start[1], on=start[0]),
                targets=indicator.targets,
                day=day,
                tol=tol,
            )
        )
    return out


def _summary(
    indicator: Indicator,
    level: Level,
    subjects: list[SubjectEvaluation],
    tol: float,
) -> IndicatorEvaluation:
    """The indicator as a whole, from its subjects (IndicatorEvaluation's rules)."""
    counts = Counter(s.status for s in subjects)
    judged = [s for s in subjects if s.progress is not None]
    mp = me = md = None
    if indicator.measure is Measure.QUALITATIVE:
        status = S.NARRATIVE if counts[S.NARRATIVE] else S.NO_DATA
    elif judged:
        # Exact sums: the mean does not depend on the order of the subjects.
        mp = fsum(s.progress for s in judged if s.progress is not None) / len(judged)
        me = fsum(
            s.expected_progress for s in judged if s.expected_progress is not None
        ) / len(judged)
        md = mp - me
        status = _on_the_way(mp, md, tol)
        if (
            indicator.direction is Direction.MAINTAIN
            and status is S.ACHIEVED
            and counts[S.ACHIEVED] != len(judged)
        ):
            status = S.ON_TRACK
    elif counts[S.IMPROVED] + counts[S.STABLE] + counts[S.WORSENED]:
        up, down = counts[S.IMPROVED], counts[S.WORSENED]
        status = S.IMPROVED if up > down else S.WORSENED if down > up else S.STABLE
    else:
        status = S.NO_DATA
    # Worse than their own start: a change-based subject that worsened, and a
    # subject judged against a target whose value is worse than its baseline.
    deteriorated = sum(
        1
        for s in subjects
        if s.baseline is not None
        and s.value is not None
        and _change(indicator, s.baseline, s.value) is S.WORSENED
    )
    return IndicatorEvaluation(
        indicator=indicator.id,
        level=level,
        status=status,
        deteriorated=deteriorated,
        counts=tuple((s, counts[s]) for s in IndicatorStatus),
        tolerance=tol,
        progress=mp,
        expected_progress=me,
        deviation=md,
        subjects=tuple(subjects),
    )


def reference(
    framework: ResultsFramework,
    records: Records,
    indicator_id: str,
    day: dt.date,
    *,
    tolerance: float | None = None,
    min_group: int = 10,
) -> IndicatorEvaluation:
    """The evaluation of one indicator, one subject at a time."""
    indicator = framework.indicator(indicator_id)
    level = framework.level_of(indicator_id)
    tol = indicator.tolerance if tolerance is None else tolerance
    if indicator.derived_from is not None:
        subjects = _derived_subjects(
            framework, indicator, level, records, day=day, tol=tol, min_group=min_group
        )
    else:
        candidates = {s.id for s in records.subjects}
        found = (
            _observed_subject(indicator, level, records, s, day=day, tol=tol)
            for s in sorted(candidates)
        )
        subjects = [s for s in found if s is not None]
    return _summary(indicator, level, subjects, tol)


# -- cases -------------------------------------------------------------------------


def _result(level: Level, indicators: list[Indicator]) -> Result:
    return Result(
        id=f"r-{level.value}",
        statement="s",
        level=level,
        kind=ResultKind.OUTCOME,
        indicators=tuple(indicators),
    )


def _derived(
    draw: st.DrawFn,
    sources: list[Indicator],
    id: str,  # noqa: A002
) -> Indicator:
    source = draw(st.sampled_from(sources))
    allowed = [a for a in Aggregation if source.measure in _SOURCES[a]]
    how = draw(st.sampled_from(allowed))
    threshold = None
    if how is Aggregation.SHARE_REACHING:
        threshold = float(draw(st.integers(-3, 5)))
    return draw(
        strategies.indicators(
            ids=st.just(id),
            derived_from=st.just(
                Derivation(source=source.id, aggregation=how, threshold=threshold)
            ),
        )
    )


@st.composite
def frameworks(draw: st.DrawFn) -> ResultsFramework:
    """Micro indicators of every kind, an observed meso one, derived meso and macro ones.

    Quantities may be ``sum`` indicators; ``maintain`` indicators have a band;
    an indicator may have no baseline or no target.
    """
    micro = [
        draw(
            strategies.indicators(
                ids=st.just("m0"),
                measure=st.sampled_from(_NUMERIC),
                scale=st.just(ZRM),
                max_targets=3,
            )
        ),
        # A sum indicator: several values per resident, several on a day too.
        draw(
            strategies.indicators(
                ids=st.just("m1"),
                measure=st.just(Measure.QUANTITY),
                accumulation=st.just(Accumulation.SUM),
                max_targets=3,
            )
        ),
    ]
    micro += [
        draw(strategies.indicators(ids=st.just(f"m{k}"), scale=st.just(ZRM)))
        for k in range(2, draw(st.integers(2, 3)))
    ]
    meso = [
        draw(
            strategies.indicators(
                ids=st.just(f"o{k}"),
                measure=st.sampled_from(_NUMERIC),
                scale=st.just(ZRM),
            )
        )
        for k in range(1)
    ]
    micro_sources = [i for i in micro if i.measure is not Measure.QUALITATIVE]
    meso += [
        _derived(draw, micro_sources, f"d{k}") for k in range(draw(st.integers(1, 2)))
    ]
    macro_sources = micro_sources + [
        i
        for i in meso
        if i.derived_from is None and i.measure is not Measure.QUALITATIVE
    ]
    macro = [_derived(draw, macro_sources, f"t{k}") for k in range(1)]
    return ResultsFramework(
        id="fw",
        name="fw",
        agreement=Agreement(
            purpose="p", period=Period(start=D(2025, 1, 1), end=D(2025, 12, 31))
        ),
        results=tuple(
            _result(level, inds)
            for level, inds in (
                (Level.MICRO, micro),
                (Level.MESO, meso),
                (Level.MACRO, macro),
            )
            if inds
        ),
    )


@st.composite
def cases(
    draw: st.DrawFn,
) -> tuple[ResultsFramework, Records, dt.date, float | None, int]:
    """A framework, fitting records, a day, a tolerance override and a min_group."""
    fw = draw(frameworks())
    recs = draw(
        strategies.records(
            fw,
            max_subjects=10,
            max_observations=50,
            max_goals=8,
            max_assessments=0,
            max_reviews=0,
        )
    )
    days = sorted({o.on for o in recs.observations})
    # Mostly a day facts were recorded on, so that there is something to judge.
    day = draw(
        st.one_of(st.sampled_from(days), st.sampled_from(days), strategies.dates())
        if days
        else strategies.dates()
    )
    tolerance = draw(st.none() | st.sampled_from([0.0, 0.25, 1.0]))
    return fw, recs, day, tolerance, draw(st.integers(0, 3))


# -- the paths ---------------------------------------------------------------------


def _check_every_path(
    fw: ResultsFramework,
    recs: Records,
    day: dt.date,
    tolerance: float | None,
    min_group: int,
) -> None:
    whole = {
        i.indicator: i
        for r in evaluate(fw, recs, day, min_group=min_group, per_subject=True).results
        for i in r.indicators
    }
    plain = {
        i.indicator: i
        for r in evaluate(fw, recs, day, min_group=min_group).results
        for i in r.indicators
    }
    sure = {
        i.indicator: i
        for r in evaluate(
            fw, recs, day, min_group=min_group, per_subject=True, confidence=0.95
        ).results
        for i in r.indicators
    }
    for indicator in fw.indicators:
        ref = reference(
            fw, recs, indicator.id, day, tolerance=tolerance, min_group=min_group
        )
        full = evaluate_indicator(
            fw,
            recs,
            indicator.id,
            day,
            tolerance=tolerance,
            per_subject=True,
            min_group=min_group,
        )
        assert attrs.evolve(full, rollup=None) == ref
        _note_what_was_covered(fw, recs, indicator, ref, day)
        if indicator.derived_from is not None:
            assert full.rollup == rollup(
                fw, recs, indicator.id, day, min_group=min_group
            )
        summary = evaluate_indicator(
            fw, recs, indicator.id, day, tolerance=tolerance, min_group=min_group
        )
        if full.level is Level.MICRO:
            assert summary == attrs.evolve(full, subjects=())
        else:
            assert summary == full
        by_subject = {s.subject: s for s in ref.subjects}
        for s in recs.subjects:
            one = evaluate_subject(
                fw,
                recs,
                indicator.id,
                s.id,
                day,
                tolerance=tolerance,
                min_group=min_group,
            )
            assert one == by_subject.get(
                s.id, SubjectEvaluation(subject=s.id, status=S.NO_DATA)
            )
        if tolerance is None:
            assert whole[indicator.id] == full
            assert plain[indicator.id] == summary
            _check_intervals(sure[indicator.id], full, ref)


def _check_intervals(
    sure: IndicatorEvaluation, full: IndicatorEvaluation, ref: IndicatorEvaluation
) -> None:
    """With a confidence: the same numbers, and the intervals of the reference's."""
    roll = sure.rollup
    plain_roll = (
        attrs.evolve(
            roll, groups=tuple(attrs.evolve(g, interval=None) for g in roll.groups)
        )
        if roll is not None
        else None
    )
    assert (
        attrs.evolve(
            sure,
            shares=(),
            progress_interval=None,
            distinguishable=None,
            rollup=plain_roll,
            subjects=tuple(
                attrs.evolve(x, distinguishable=None) for x in sure.subjects
            ),
        )
        == full
    )
    total = ref.n
    assert sure.shares == tuple(
        (status, *wilson_interval(c, total)) for status, c in ref.counts if c
    )
    judged = [x for x in ref.subjects if x.progress is not None]
    ps = [x.progress for x in judged if x.progress is not None]
    total_p, squares = fsum(ps), fsum([p * p for p in ps])
    if (
        len(judged) >= 2
        and ref.expected_progress is not None
        and math.isfinite(total_p)
        and math.isfinite(squares)
    ):
        low, high = mean_interval(len(ps), total_p, squares)
        assert sure.progress_interval is not None
        assert math.isclose(sure.progress_interval[0], low, abs_tol=1e-9)
        assert math.isclose(sure.progress_interval[1], high, abs_tol=1e-9)
        apart = not low <= ref.expected_progress <= high
        if not (
            math.isclose(low, ref.expected_progress, abs_tol=1e-9)
            or math.isclose(high, ref.expected_progress, abs_tol=1e-9)
        ):
            assert sure.distinguishable is apart
    else:
        assert (sure.progress_interval, sure.distinguishable) == (None, None)
    if roll is None:
        return
    cells = {g.subject: g for g in roll.at(sure.level)}
    for g in roll.groups:
        if g.suppressed or g.n is None or g.numerator is None:
            assert g.interval is None
        elif g.aggregation in _SHARE_AGGREGATIONS and g.denominator:
            lo, hi = wilson_interval(round(g.numerator), round(g.denominator))
            assert g.interval == (100 * lo, 100 * hi)
        elif g.aggregation is Aggregation.MEAN and g.n >= 2:
            assert g.squares is not None
            assert g.interval == mean_interval(g.n, g.numerator, g.squares)
        else:
            assert g.interval is None
    for x in sure.subjects:
        cell = cells.get(x.subject)
        if (
            cell is None
            or cell.interval is None
            or x.progress is None
            or x.expected_progress is None
            or x.baseline is None
            or x.target is None
            or x.baseline == x.target
        ):
            assert x.distinguishable is None
            continue
        ends = [(v - x.baseline) / (x.target - x.baseline) for v in cell.interval]
        assert x.distinguishable is not (min(ends) <= x.expected_progress <= max(ends))


_SHARE_AGGREGATIONS = (
    Aggregation.SHARE_IMPROVED,
    Aggregation.SHARE_REACHING,
    Aggregation.SHARE_TRUE,
)


def _note_what_was_covered(
    fw: ResultsFramework,
    recs: Records,
    indicator: Indicator,
    ref: IndicatorEvaluation,
    day: dt.date,
) -> None:
    """Name the kinds of case judged (``--hypothesis-show-statistics``)."""
    judged = [s for s in ref.subjects if s.progress is not None]
    changed = [
        s for s in ref.subjects if s.status in (S.IMPROVED, S.STABLE, S.WORSENED)
    ]
    kind = "derived" if indicator.derived_from is not None else "observed"
    level = fw.level_of(indicator.id).value
    if judged:
        event(f"{level} {kind} judged against targets")
    if changed:
        event(f"{level} {kind} judged by change")
    if judged and indicator.direction is Direction.MAINTAIN:
        event("maintain judged against targets")
    if judged and indicator.derived_from is None and indicator.baseline is not None:
        event(f"{level} observed with an indicator baseline, judged")
    if any(s.progress is not None and s.expected_progress == 1 for s in judged):
        event("expected to be at the target")
    if indicator.derived_from is not None and indicator.baseline is None and judged:
        event("derived judged from its first published value")
    goals = [g for g in recs.goals if g.indicator == indicator.id]
    goal_subjects = Counter(g.subject for g in goals)
    if any(s.subject in goal_subjects for s in judged):
        event("resident judged against a goal")
    if any(goal_subjects[s.subject] > 1 for s in judged):
        event("resident with several goals judged")
    if indicator.accumulation is Accumulation.SUM and any(
        sum(1 for d, _ in recs.series(indicator.id, s.subject) if d <= day) > 1
        for s in ref.subjects
        if s.value is not None
    ):
        event("sum of several values per subject")
    if any(s.status is S.NO_DATA for s in ref.subjects):
        event("subject without data")
    if ref.deteriorated:
        event("subject worse than its own start")
    if indicator.accumulation is Accumulation.SUM and any(s.baseline for s in judged):
        event("sum judged from a non-zero baseline")
    sign = _sign(indicator.direction)
    if sign and any(
        s.baseline is not None
        and s.baseline_on is not None
        and any(
            t.by > s.baseline_on and (t.value - s.baseline) * sign < 0
            for t in indicator.targets[:-1]
        )
        for s in judged
    ):
        event("interim target behind a subject's baseline")


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(cases())
def test_every_batch_path_agrees_with_the_per_subject_reference(
    case: tuple[ResultsFramework, Records, dt.date, float | None, int],
) -> None:
    _check_every_path(*case)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(strategies.frameworks(max_results=4), st.data())
def test_every_batch_path_agrees_with_the_reference_on_whole_frameworks(
    fw: ResultsFramework, data: st.DataObject
) -> None:
    recs = data.draw(
        strategies.records(fw, max_subjects=10, max_observations=40, max_goals=6)
    )
    day = data.draw(strategies.dates())
    _check_every_path(fw, recs, day, None, data.draw(st.integers(0, 3)))


# -- a disagreement found and fixed ----------------------------------------------


def test_a_first_published_value_is_the_roll_up_published_that_day() -> None:
    # A macro sum without a baseline starts at its first published value: the
    # town's roll-up on 1 January. The roll-up adds up its neighbourhoods:
    # north 1e16 + 1 rounds to 1e16 (a tie, to even), south 1; 1e16 + 1 rounds
    # to 1e16 again. Adding the three residents at once gives 1e16 + 2, which
    # the evaluation used as the baseline before, a value never published.
    def quantity(id_: str, **kw: object) -> Indicator:
        return Indicator(
            id=id_,
            name=id_,
            measure=Measure.QUANTITY,
            direction=Direction.INCREASE,
            question=Question.HOW_MUCH,
            **kw,  # type: ignore[arg-type]
        )

    total = quantity(
        "total",
        targets=(Target(value=1e17, by=D(2025, 12, 31)),),
        derived_from=Derivation(source="hours", aggregation=Aggregation.SUM),
    )
    fw = ResultsFramework(
        id="fw",
        name="fw",
        agreement=Agreement(
            purpose="p", period=Period(start=D(2025, 1, 1), end=D(2025, 12, 31))
        ),
        results=(
            _result(Level.MICRO, [quantity("hours")]),
            _result(Level.MACRO, [total]),
        ),
    )
    people = [
        Subject(id="town", level=Level.MACRO),
        Subject(id="north", level=Level.MESO, part_of="town"),
        Subject(id="south", level=Level.MESO, part_of="town"),
        Subject(id="r1", level=Level.MICRO, part_of="north"),
        Subject(id="r2", level=Level.MICRO, part_of="north"),
        Subject(id="r3", level=Level.MICRO, part_of="south"),
    ]
    recs = Records(
        subjects=people,
        observations=[
            Observation(indicator="hours", subject=r, on=D(2025, 1, 1), value=v)
            for r, v in (("r1", 1e16), ("r2", 1.0), ("r3", 1.0))
        ],
    )
    published = rollup(fw, recs, "total", D(2025, 1, 1), min_group=0).group("town")
    assert published.value == 1e16
    town = evaluate_indicator(fw, recs, "total", D(2025, 6, 1), min_group=0).subject(
        "town"
    )
    assert (town.baseline, town.baseline_on) == (1e16, D(2025, 1, 1))
