"""Properties of the model's definitions, drawn from resultframe.strategies."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import resultframe.strategies as rs
from resultframe import (
    Agreement,
    Baseline,
    Cadence,
    ConditionAssessment,
    ConditionKind,
    Decision,
    Derivation,
    FeedbackCycle,
    Goal,
    Indicator,
    Level,
    Means,
    Measure,
    Method,
    Observation,
    Party,
    Period,
    ProcessCondition,
    Result,
    ResultsFramework,
    Review,
    Role,
    Scale,
    ScalePoint,
    Subject,
    Target,
    UnknownId,
    looks_like_bsn,
)
from resultframe.model._checks import ID_PATTERN
from resultframe.model.framework import _SOURCES

# Every public strategy that draws a model instance, with the class it draws.
INSTANCE_STRATEGIES: list[tuple[str, st.SearchStrategy[Any], type]] = [
    ("scale_points", rs.scale_points(), ScalePoint),
    ("scales", rs.scales(), Scale),
    ("baselines", rs.baselines(), Baseline),
    ("targets", rs.targets(), Target),
    ("derivations", rs.derivations(), Derivation),
    ("indicators", rs.indicators(), Indicator),
    ("methods", rs.methods(), Method),
    ("process_conditions", rs.process_conditions(), ProcessCondition),
    ("parties", rs.parties(), Party),
    ("means", rs.means(), Means),
    ("periods", rs.periods(), Period),
    ("cadences", rs.cadences(), Cadence),
    ("agreements", rs.agreements(), Agreement),
    ("results", rs.results(), Result),
    ("feedback_cycles", rs.feedback_cycles(), FeedbackCycle),
    ("subjects", rs.subjects(), Subject),
    ("observations", rs.observations(), Observation),
    ("goals", rs.goals(), Goal),
    ("condition_assessments", rs.condition_assessments(), ConditionAssessment),
    ("decisions", rs.decisions(), Decision),
    ("reviews", rs.reviews(), Review),
]


@pytest.mark.parametrize(
    ("strategy", "cls"),
    [pytest.param(s, c, id=name) for name, s, c in INSTANCE_STRATEGIES],
)
@given(data=st.data())
def test_every_strategy_draws_valid_instances_that_survive_evolve(
    strategy: st.SearchStrategy[Any], cls: type, data: st.DataObject
) -> None:
    x: Any = data.draw(strategy)
    # evolve re-runs every validator and __attrs_post_init__.
    again = attrs.evolve(x)
    assert again == x
    assert type(x) is cls


def test_every_public_strategy_is_tested_above() -> None:
    tested = {name for name, _, _ in INSTANCE_STRATEGIES}
    # Tested on their own: below, and in test_properties_records.py.
    helpers = {"dates", "ids", "subject_ids", "observation_values"}
    helpers |= {"frameworks", "records"}
    assert set(rs.__all__) == tested | helpers
    assert rs.__all__ == sorted(rs.__all__)


@given(rs.ids())
def test_ids_match_the_id_pattern(value: str) -> None:
    assert ID_PATTERN.fullmatch(value)


@given(rs.subject_ids(max_size=128))
def test_subject_ids_never_look_like_a_bsn(value: str) -> None:
    assert ID_PATTERN.fullmatch(value)
    assert not looks_like_bsn(value)


@given(rs.indicators(), st.data())
def test_observation_values_fit_the_indicator_measure(
    indicator: Indicator, data: st.DataObject
) -> None:
    value = data.draw(rs.observation_values(indicator))
    if indicator.measure is Measure.BINARY:
        assert isinstance(value, bool)
    elif indicator.measure is Measure.QUALITATIVE:
        assert isinstance(value, str)
        assert value.strip()
    else:
        assert isinstance(value, int | float)
        assert not isinstance(value, bool)
        assert math.isfinite(value)
        if indicator.measure is Measure.PERCENTAGE:
            assert 0 <= value <= 100
        if indicator.measure is Measure.ORDINAL:
            assert indicator.scale is not None
            assert value in indicator.scale


# -- frameworks ------------------------------------------------------------------


@given(rs.frameworks())
def test_every_framework_constructs_with_results_on_all_three_levels(
    framework: ResultsFramework,
) -> None:
    # Constructing again checks every reference once more.
    assert attrs.evolve(framework) == framework
    for level in Level:
        assert framework.results_at(level), level
    derived = [i for i in framework.indicators if i.derived_from is not None]
    assert derived
    for indicator in derived:
        assert indicator.derived_from is not None
        source = framework.indicator(indicator.derived_from.source)
        assert framework.level_of(source.id) < framework.level_of(indicator.id)
        assert source.measure in _SOURCES[indicator.derived_from.aggregation]
    assert len({i.measure for i in framework.indicators}) >= 2
    kinds = {c.kind for c in framework.conditions}
    assert len(kinds) >= 2
    assert any(
        c.kind is ConditionKind.PROVEN_METHOD
        and c.method is not None
        and c.method.recognition is not None
        for c in framework.conditions
    )
    referred = {cid for r in framework.results for cid in r.conditions}
    assert referred == {c.id for c in framework.conditions}
    assert any(p.role is Role.COMMISSIONER for p in framework.parties)
    assert framework.cycles
    for cycle in framework.cycles:
        assert framework.party(cycle.reports_to).id == cycle.reports_to
    for result in framework.results:
        for target in result.contributes_to:
            assert framework.result(target).level >= result.level


@given(rs.frameworks(), rs.ids())
def test_framework_lookups_agree_with_the_tuples(
    framework: ResultsFramework, other: str
) -> None:
    for result in framework.results:
        assert framework.result(result.id) is result
        assert framework.has_id("result", result.id)
        for indicator in result.indicators:
            assert framework.indicator(indicator.id) is indicator
            assert framework.result_of(indicator.id) is result
            assert framework.level_of(indicator.id) is result.level
        contributors = [r for r in framework.results if result.id in r.contributes_to]
        assert list(framework.contributions(result.id)) == contributors
    assert framework.indicators == tuple(
        i for r in framework.results for i in r.indicators
    )
    for level in Level:
        assert framework.results_at(level) == tuple(
            r for r in framework.results if r.level is level
        )
    for condition in framework.conditions:
        assert framework.condition(condition.id) is condition
    for cycle in framework.cycles:
        assert framework.cycle(cycle.id) is cycle
    for party in framework.parties:
        assert framework.party(party.id) is party
    known = {framework.id}
    known |= {r.id for r in framework.results}
    known |= {i.id for i in framework.indicators}
    known |= {c.id for c in framework.conditions}
    known |= {c.id for c in framework.cycles}
    known |= {p.id for p in framework.parties}
    if other not in known:
        for lookup in (
            framework.result,
            framework.indicator,
            framework.condition,
            framework.cycle,
            framework.party,
            framework.contributions,
        ):
            with pytest.raises(UnknownId):
                lookup(other)
            with pytest.raises(KeyError):
                lookup(other)


# -- cycle schedules ----------------------------------------------------------------

_DAYS = rs.dates(min_value=dt.date(2010, 1, 1), max_value=dt.date(2040, 12, 31))


@given(rs.feedback_cycles(), _DAYS)
def test_periods_are_contiguous_and_cover_the_span_from_start_to_until(
    cycle: FeedbackCycle, until: dt.date
) -> None:
    periods = cycle.periods(until)
    if until < cycle.starts_on:
        assert periods == ()
        return
    assert periods[0].start == cycle.starts_on
    assert until in periods[-1]
    assert periods[-1].start <= until
    for before, after in itertools.pairwise(periods):
        # Contiguous and not overlapping: the next starts the day after.
        assert after.start == before.end + dt.timedelta(days=1)
        assert before.start <= before.end
    assert periods == tuple(cycle.period(k) for k in range(len(periods)))


@given(rs.feedback_cycles(), _DAYS)
def test_period_on_contains_the_day(cycle: FeedbackCycle, day: dt.date) -> None:
    if day < cycle.starts_on:
        with pytest.raises(ValueError):
            cycle.period_on(day)
        return
    period = cycle.period_on(day)
    assert day in period
    assert cycle.has_period(period)
    assert cycle.period(cycle.index_on(day)) == period


@given(rs.feedback_cycles(), _DAYS)
def test_next_due_is_after_the_day_and_starts_a_period(
    cycle: FeedbackCycle, after: dt.date
) -> None:
    due = cycle.next_due(after)
    assert due > after
    assert due > cycle.starts_on
    # The review falls due on the first day of the next period.
    assert cycle.period_on(due).start == due
    assert cycle.period_on(due - dt.timedelta(days=1)).end == due - dt.timedelta(days=1)


@given(rs.feedback_cycles(), st.integers(0, 60))
def test_has_period_is_true_for_every_period_k(cycle: FeedbackCycle, k: int) -> None:
    period = cycle.period(k)
    assert cycle.has_period(period)
    assert cycle.index_on(period.start) == k
    assert cycle.index_on(period.end) == k
    shifted = Period(start=period.start, end=period.end + dt.timedelta(days=1))
    assert not cycle.has_period(shifted)


@given(rs.cadences(max_months=1200, max_weeks=600, max_days=5000))
def test_cadence_parse_of_str_round_trips(cadence: Cadence) -> None:
    assert Cadence.parse(str(cadence)) == cadence
