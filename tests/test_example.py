"""The bundled example: deterministic, synthetic, valid, and a mix of outcomes."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
from collections import Counter

import pytest

from resultframe import (
    ConditionKind,
    FrameworkEvaluation,
    Level,
    Records,
    ResultsFramework,
    Verdict,
    evaluate,
    example,
    looks_like_bsn,
    rollup,
)
from resultframe.evaluation import ConditionState, IndicatorStatus
from resultframe.example._framework import build_framework
from resultframe.example._records import build_records
from resultframe.instruments import zrm
from resultframe.serialization import dumps, fingerprint, load_yaml
from resultframe.steering import AgendaReason, Severity, agenda, lint


@pytest.fixture(scope="module")
def framework() -> ResultsFramework:
    return example.framework()


@pytest.fixture(scope="module")
def records() -> Records:
    return example.records()


@pytest.fixture(scope="module")
def evaluation(framework: ResultsFramework, records: Records) -> FrameworkEvaluation:
    return evaluate(framework, records, example.AS_OF)


# -- determinism -----------------------------------------------------------------------


def test_records_built_twice_are_equal(framework: ResultsFramework) -> None:
    # Bypass the cache: two independent builds from the same seed.
    fp = fingerprint(framework)
    first = build_records(framework, fp)
    second = build_records(framework, fp)
    assert first == second
    assert first == example.records()


def test_records_are_the_same_in_another_process(records: Records) -> None:
    # Another interpreter, with another hash seed: the same facts, byte for byte.
    script = (
        "import hashlib; from resultframe import example; "
        "from resultframe.serialization import dumps; "
        "print(hashlib.sha256(dumps(example.records()).encode()).hexdigest())"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
    )
    assert done.stdout.strip() == hashlib.sha256(dumps(records).encode()).hexdigest()


def test_framework_built_twice_is_equal() -> None:
    assert build_framework() == build_framework() == example.framework()
    assert build_framework() is not build_framework()


def test_calls_return_the_same_object() -> None:
    assert example.framework() is example.framework()
    assert example.records() is example.records()


# -- the framework --------------------------------------------------------------------------


def test_shipped_yaml_equals_framework(framework: ResultsFramework) -> None:
    loaded = load_yaml(example.yaml_text(), kind="framework")
    assert isinstance(loaded, ResultsFramework)
    assert loaded == framework
    assert fingerprint(loaded) == fingerprint(framework)


def test_starter_is_a_valid_framework_without_advice() -> None:
    starter = load_yaml(example.starter_yaml(), kind="framework")
    assert isinstance(starter, ResultsFramework)
    assert lint(starter) == ()


def test_lint_gives_no_warnings_or_errors(framework: ResultsFramework) -> None:
    advice = lint(framework)
    assert [a for a in advice if a.severity is not Severity.INFO] == []


def test_levels_and_hierarchy(framework: ResultsFramework) -> None:
    assert [len(framework.results_at(level)) for level in Level] == [2, 1, 1]
    meso = framework.results_at(Level.MESO)[0]
    derived = [i for i in meso.indicators if i.derived_from is not None]
    assert [i.derived_from.source for i in derived if i.derived_from] == [
        "zrm2017-financien"
    ]
    macro = framework.results_at(Level.MACRO)[0]
    assert all(i.derived_from is None for i in macro.indicators)


def test_instruments(framework: ResultsFramework) -> None:
    micro = framework.result("inwoner-zelfredzaam")
    assert zrm.same_version(micro.indicators) is zrm.ZrmVersion.V2017
    goals = framework.result("inwoner-doelen")
    assert [i.id for i in goals.indicators] == [f"gas-goal-{k}" for k in (1, 2, 3)]


def test_one_condition_of_every_kind(framework: ResultsFramework) -> None:
    kinds = Counter(c.kind for c in framework.conditions)
    assert kinds == Counter(set(ConditionKind))
    method = next(
        c.method for c in framework.conditions if c.kind is ConditionKind.PROVEN_METHOD
    )
    assert method is not None
    assert method.recognised_on(example.AS_OF) is not None


def test_quarterly_cycle_reports_to_the_commissioner(
    framework: ResultsFramework,
) -> None:
    cycle = framework.cycle(example.CYCLE)
    assert str(cycle.cadence) == "P3M"
    assert framework.party(cycle.reports_to).role.value == "commissioner"
    assert example.period().end == example.AS_OF


def test_agreement_has_context_and_means(framework: ResultsFramework) -> None:
    assert framework.agreement.context
    assert framework.agreement.means


# -- the records --------------------------------------------------------------------------


def test_records_fit_the_framework(
    framework: ResultsFramework, records: Records
) -> None:
    assert records.check(framework) == ()


def test_counts(records: Records) -> None:
    levels = Counter(s.level for s in records.subjects)
    assert levels == {Level.MICRO: 3000, Level.MESO: 4, Level.MACRO: 1}
    hoods = Counter(s.part_of for s in records.subjects if s.level is Level.MICRO)
    assert len(hoods) == 4
    assert sum(hoods.values()) == 3000
    assert len(records) > 40_000
    assert len(records.goals) >= 3000
    assert len(records.reviews) == 6
    assert len(records.assessments) > 8
    assert all(r.decisions for r in records.reviews)


def test_records_span_two_years(records: Records) -> None:
    days = [o.on for o in records.observations_of("zrm2017-financien")]
    assert min(days) >= dt.date(2024, 10, 1)
    assert max(days) <= example.AS_OF
    assert (max(days) - min(days)).days > 700


def test_no_id_looks_like_a_bsn(records: Records) -> None:
    ids = [s.id for s in records.subjects]
    assert not [i for i in ids if looks_like_bsn(i)]
    residents = [s.id for s in records.subjects if s.level is Level.MICRO]
    assert residents[0] == "inw-00001"
    assert residents[-1] == "inw-03000"


def test_residents_have_no_names(records: Records) -> None:
    assert all(s.name is None for s in records.subjects if s.level is Level.MICRO)


def test_some_observations_tell_a_story(records: Records) -> None:
    notes = [o.note for o in records.observations_of("zrm2017-huisvesting") if o.note]
    assert 0 < len(notes) < len(records.observations_of("zrm2017-huisvesting")) / 5


def test_reviews_name_the_framework_version(
    framework: ResultsFramework, records: Records
) -> None:
    assert {r.framework_fingerprint for r in records.reviews} == {
        fingerprint(framework)
    }


# -- the outcomes ---------------------------------------------------------------------------


def test_evaluation_gives_a_mix_of_verdicts(evaluation: FrameworkEvaluation) -> None:
    verdicts = {r.result: r.verdict for r in evaluation.results}
    assert verdicts == {
        "inwoner-zelfredzaam": Verdict.NEGATIVE,
        "inwoner-doelen": Verdict.POSITIVE,
        "wijk-zelfredzaam": Verdict.UNSUSTAINED,
        "gemeente-minder-maatwerk": Verdict.POSITIVE,
    }


def test_indicators_on_track_behind_and_ahead(evaluation: FrameworkEvaluation) -> None:
    statuses = {i.status for r in evaluation.results for i in r.indicators}
    assert {
        IndicatorStatus.ON_TRACK,
        IndicatorStatus.BEHIND,
        IndicatorStatus.AHEAD,
        IndicatorStatus.NARRATIVE,
    } <= statuses
    assert any(d.ahead for d in evaluation.deviations)
    assert any(not d.ahead for d in evaluation.deviations)


def test_neighbourhoods_differ(evaluation: FrameworkEvaluation) -> None:
    share = evaluation.result("wijk-zelfredzaam").indicator("wijk-financien-voldoende")
    statuses = {s.subject: s.status for s in share.subjects}
    assert statuses["wijk-noord"] is IndicatorStatus.AHEAD
    assert statuses["wijk-oost"] is IndicatorStatus.BEHIND


def test_conditions_not_met_and_partly_met(evaluation: FrameworkEvaluation) -> None:
    states = {c.condition: c.state for r in evaluation.results for c in r.conditions}
    assert states["c-mandaat"] is ConditionState.NOT_MET
    assert states["c-formatie"] is ConditionState.PARTLY_MET
    assert Counter(states.values())[ConditionState.MET] == 6


def test_a_small_age_group_is_suppressed(
    framework: ResultsFramework, records: Records
) -> None:
    split = rollup(
        framework, records, "wijk-financien-voldoende", example.AS_OF, by="leeftijd"
    )
    small = split.group("wijk-het-veld", "18-26")
    assert small.suppressed
    assert small.value is None
    assert small.n is None
    assert not split.group("voorbeeldstad", "18-26").suppressed
    # Without the split no neighbourhood is too small.
    whole = rollup(framework, records, "wijk-financien-voldoende", example.AS_OF)
    assert not any(g.suppressed for g in whole.groups)


def test_the_demo_agenda_has_every_reason(
    framework: ResultsFramework, records: Records
) -> None:
    items = agenda(framework, records, example.CYCLE, example.period())
    # Both follow-ups due are about conditions on the agenda anyway: they join
    # those items (follow_ups) instead of standing on their own.
    reasons = {i.reason for i in items} | {
        AgendaReason.FOLLOW_UP for i in items if i.follow_ups
    }
    # Every indicator's residents worse than their own start stay within the
    # tolerance of 10% (the most: housing, 109 of 1,134 = 9.6%).
    assert reasons == set(AgendaReason) - {AgendaReason.DETERIORATED}


def test_derived_trajectories_start_where_the_data_starts(
    framework: ResultsFramework, records: Records
) -> None:
    # The stated baseline of a rolled-up indicator is the value the residents'
    # measurements give on the baseline day, for the municipality as a whole: a
    # trajectory that starts elsewhere makes every later status meaningless. For
    # wijk-financien-voldoende: 29 of 483 residents score 4 or more on 31-12-2024,
    # 6.0%, and the baseline says 6.
    checked = 0
    for indicator in framework.indicators:
        if indicator.derived_from is None or indicator.baseline is None:
            continue
        whole = rollup(framework, records, indicator.id, indicator.baseline.on)
        (town,) = [g for g in whole.groups if g.level is Level.MACRO]
        assert town.value is not None
        assert town.value == pytest.approx(indicator.baseline.value, abs=1.0)
        checked += 1
    assert checked >= 1
