"""Reasons: every status, state and verdict says which rule decided it and why."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from resultframe import example
from resultframe.evaluation import (
    ConditionEvaluation,
    ConditionState,
    IndicatorEvaluation,
    IndicatorStatus,
    Reason,
    ReasonCode,
    condition_reason,
    evaluate,
    explain,
    indicator_reason,
    protect,
    verdict,
    verdict_with_reason,
)
from resultframe.model.enums import Level
from resultframe.serialization import from_dict, loads, to_dict


def _indicator(
    name: str,
    status: IndicatorStatus,
    progress: float | None = None,
    expected: float | None = None,
) -> IndicatorEvaluation:
    return IndicatorEvaluation(
        indicator=name,
        level=Level.MESO,
        status=status,
        counts=(),
        tolerance=0.1,
        progress=progress,
        expected_progress=expected,
        deviation=None if progress is None or expected is None else progress - expected,
    )


def _condition(name: str, state: ConditionState) -> ConditionEvaluation:
    return ConditionEvaluation(condition=name, state=state)


INDICATORS = st.builds(
    _indicator,
    name=st.sampled_from(["a", "b", "c"]),
    status=st.sampled_from(IndicatorStatus),
    progress=st.none() | st.floats(-1, 2),
    expected=st.none() | st.floats(0, 1),
)
CONDITIONS = st.builds(
    _condition,
    name=st.sampled_from(["p", "q"]),
    state=st.sampled_from(ConditionState),
)


@given(st.lists(INDICATORS, max_size=4), st.lists(CONDITIONS, max_size=3))
def test_the_reason_names_the_verdict_of_the_one_rule(
    indicators: list[IndicatorEvaluation], conditions: list[ConditionEvaluation]
) -> None:
    found, why = verdict_with_reason(indicators, conditions)
    assert found is verdict(
        [i.status for i in indicators], [c.state for c in conditions]
    )
    assert why.code.value.startswith(f"verdict_{found.value}")
    if why.indicator is not None:
        assert why.indicator in {i.indicator for i in indicators}
    if why.condition is not None:
        assert why.condition in {c.condition for c in conditions}


def test_a_negative_verdict_names_the_indicator_furthest_behind() -> None:
    # a: progress 0.40 against 0.48 expected: deviation -0.08 (behind with tol 0.05)
    # b: progress 0.13 against 0.48 expected: deviation 0.13 - 0.48 = -0.35
    a = _indicator("a", IndicatorStatus.BEHIND, 0.40, 0.48)
    b = _indicator("b", IndicatorStatus.BEHIND, 0.13, 0.48)
    ok = _indicator("c", IndicatorStatus.ON_TRACK, 0.5, 0.48)
    found, why = verdict_with_reason([a, ok, b], [])
    assert found.value == "negative"
    assert why.code is ReasonCode.VERDICT_NEGATIVE_BEHIND
    assert why.indicator == "b"
    assert why.progress == 0.13
    assert why.expected_progress == 0.48
    assert why.deviation is not None
    assert abs(why.deviation - -0.35) < 1e-12
    assert why.tolerance == 0.1


def test_other_verdicts_name_what_decided_them() -> None:
    on = _indicator("a", IndicatorStatus.ON_TRACK, 0.5, 0.5)
    none = _indicator("b", IndicatorStatus.NO_DATA)
    met = _condition("p", ConditionState.MET)
    stale = _condition("q", ConditionState.STALE)
    assert verdict_with_reason([on, none], [met])[1] == Reason(
        code=ReasonCode.VERDICT_UNDETERMINED_NO_DATA, indicator="b"
    )
    stable = _indicator("c", IndicatorStatus.STABLE)
    assert (
        verdict_with_reason([stable], [met])[1].code
        is ReasonCode.VERDICT_UNDETERMINED_NO_PRODUCT
    )
    assert verdict_with_reason([on], [met, stale])[1] == Reason(
        code=ReasonCode.VERDICT_UNSUSTAINED_STALE, condition="q"
    )
    assert verdict_with_reason([on], [met])[1].code is ReasonCode.VERDICT_POSITIVE
    assert (
        verdict_with_reason([on], [])[1].code
        is ReasonCode.VERDICT_POSITIVE_NO_CONDITIONS
    )


def test_a_condition_says_when_and_why() -> None:
    assessed = ConditionEvaluation(
        condition="p",
        state=ConditionState.STALE,
        assessed_on=dt.date(2026, 1, 15),
        stale_from=dt.date(2026, 4, 15),
    )
    assert condition_reason(assessed) == Reason(
        code=ReasonCode.CONDITION_STALE, condition="p", on=dt.date(2026, 4, 15)
    )
    lapsed = attrs.evolve(assessed, recognition_expired=True)
    assert condition_reason(lapsed).code is ReasonCode.RECOGNITION_EXPIRED
    met = attrs.evolve(assessed, state=ConditionState.MET)
    assert condition_reason(met) == Reason(
        code=ReasonCode.CONDITION_MET, condition="p", on=dt.date(2026, 1, 15)
    )
    again = attrs.evolve(met, recognition_expired=True)  # reassessed after expiry
    assert condition_reason(again).code is ReasonCode.CONDITION_MET


def test_an_indicator_reason_carries_its_figures() -> None:
    x = _indicator("a", IndicatorStatus.AHEAD, 0.7, 0.5)
    assert indicator_reason(x) == Reason(
        code=ReasonCode.AHEAD,
        indicator="a",
        progress=0.7,
        expected_progress=0.5,
        deviation=0.7 - 0.5,
        tolerance=0.1,
    )
    withheld = attrs.evolve(x, suppressed=True)
    assert indicator_reason(withheld) == Reason(
        code=ReasonCode.SUPPRESSED, indicator="a"
    )


def _evaluation() -> Any:
    return evaluate(example.framework(), example.records(), example.AS_OF)


def test_every_judgement_of_the_example_has_a_reason() -> None:
    ev = _evaluation()
    for r in ev.results:
        assert r.reason is not None
        assert r.reason.code.value.startswith(f"verdict_{r.verdict.value}")
        assert len(r.indicator_reasons) == len(r.indicators)
        for i, why in zip(r.indicators, r.indicator_reasons, strict=True):
            assert why == indicator_reason(i)
            assert r.indicator_reason(i.indicator) == why
        assert all(c.reason == condition_reason(c) for c in r.conditions)
    negative = ev.result("inwoner-zelfredzaam")
    assert negative.reason is not None
    assert negative.reason.code is ReasonCode.VERDICT_NEGATIVE_BEHIND
    assert negative.reason.indicator == "zrm2017-huisvesting"


def _without_reasons(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: _without_reasons(v)
            for k, v in value.items()
            if k not in {"reason", "indicator_reasons"}
        }
    if isinstance(value, list):
        return [_without_reasons(v) for v in value]
    return value


def test_a_version_1_document_loads_with_its_reasons() -> None:
    ev = _evaluation()
    old = {**_without_reasons(to_dict(ev)), "version": 1}
    assert from_dict(old) == ev
    assert loads(json.dumps(old)) == ev
    assert explain(from_dict(to_dict(ev), kind="evaluation")) == ev


def test_protect_gives_withheld_indicators_no_figures_in_their_reasons() -> None:
    ev = evaluate(
        example.framework(), example.records(), example.AS_OF, min_group=10_000
    )
    safe = protect(ev)
    for r in safe.results:
        for i, why in zip(r.indicators, r.indicator_reasons, strict=True):
            if i.suppressed:
                assert why == Reason(code=ReasonCode.SUPPRESSED, indicator=i.indicator)
        assert r.reason is not None
        if (
            r.reason.indicator is not None
            and r.indicator(r.reason.indicator).suppressed
        ):
            assert r.reason.progress is None
