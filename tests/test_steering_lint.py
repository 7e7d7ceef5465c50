"""The framework linter: one test per code, both ways, and order independence."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import TYPE_CHECKING, TypeVar

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from resultframe import (
    Agreement,
    Baseline,
    Cadence,
    ConditionKind,
    Direction,
    FeedbackCycle,
    Indicator,
    InvalidValue,
    Level,
    Means,
    Measure,
    Method,
    Party,
    Period,
    ProcessCondition,
    Question,
    Recognition,
    Result,
    ResultKind,
    ResultsFramework,
    Role,
    Target,
)
from resultframe.steering import CODES, Advice, Severity, lint
from resultframe.strategies import frameworks

if TYPE_CHECKING:
    import random

START = dt.date(2025, 1, 1)
END = dt.date(2025, 12, 31)


def _indicator(id_: str = "i-grip", **changes: object) -> Indicator:
    fields: dict[str, object] = {
        "id": id_,
        "name": "Grip on money",
        "measure": Measure.QUANTITY,
        "direction": Direction.INCREASE,
        "question": Question.BETTER_OFF,
        "baseline": Baseline(value=2, on=START),
        "targets": (Target(value=4, by=END),),
    }
    fields.update(changes)
    return Indicator(**fields)  # type: ignore[arg-type]


def _result(**changes: object) -> Result:
    fields: dict[str, object] = {
        "id": "r-grip",
        "statement": "Residents manage their money",
        "level": Level.MICRO,
        "kind": ResultKind.OUTCOME,
        "indicators": (_indicator(),),
        "conditions": ("c-method",),
        "responsible": ("p-provider",),
    }
    fields.update(changes)
    return Result(**fields)  # type: ignore[arg-type]


def _condition(**changes: object) -> ProcessCondition:
    fields: dict[str, object] = {
        "id": "c-method",
        "name": "Proven method",
        "kind": ConditionKind.PROVEN_METHOD,
        "method": Method(name="Schuldhulp", recognition=Recognition.GOOD_INDICATIONS),
        "reassess_every": Cadence(months=6),
    }
    fields.update(changes)
    return ProcessCondition(**fields)  # type: ignore[arg-type]


def clean(**changes: object) -> ResultsFramework:
    """A small framework the linter has nothing to say about."""
    fields: dict[str, object] = {
        "id": "fw",
        "name": "Grip op geld",
        "agreement": Agreement(
            purpose="Residents manage their money",
            context="Many households in debt",
            period=Period(start=START, end=END),
            means=(Means(description="Budget", amount=decimal.Decimal(100000)),),
        ),
        "results": (_result(),),
        "conditions": (_condition(),),
        "cycles": (
            FeedbackCycle(
                id="q",
                name="Quarterly",
                reports_to="p-town",
                cadence=Cadence(months=3),
                starts_on=START,
            ),
        ),
        "parties": (
            Party(id="p-town", name="Gemeente", role=Role.COMMISSIONER),
            Party(id="p-provider", name="Aanbieder", role=Role.PROVIDER),
        ),
    }
    fields.update(changes)
    return ResultsFramework(**fields)  # type: ignore[arg-type]


def _codes(fw: ResultsFramework) -> set[tuple[str, str]]:
    return {(a.code, a.about) for a in lint(fw)}


def test_the_clean_framework_gets_no_advice() -> None:
    assert lint(clean()) == ()


# One framework per code that triggers it; the clean framework does not.
BAD: dict[str, tuple[object, str]] = {
    "RF101": (lambda: clean(results=(_result(indicators=()),)), "r-grip"),
    "RF102": (
        lambda: clean(results=(_result(conditions=()),), conditions=()),
        "r-grip",
    ),
    "RF103": (
        lambda: clean(
            results=(
                _result(
                    level=Level.MESO,
                    indicators=(
                        _indicator(question=Question.HOW_WELL),
                        _indicator("i-count", question=Question.HOW_MUCH),
                    ),
                ),
            )
        ),
        "r-grip",
    ),
    "RF104": (
        lambda: clean(
            results=(
                _result(
                    kind=ResultKind.OUTPUT,
                    indicators=(_indicator(question=Question.HOW_MUCH),),
                ),
            )
        ),
        "fw",
    ),
    "RF105": (
        lambda: clean(
            results=(
                _result(level=Level.MACRO, indicators=(_indicator(baseline=None),)),
            )
        ),
        "i-grip",
    ),
    "RF106": (
        lambda: clean(results=(_result(indicators=(_indicator(targets=()),)),)),
        "i-grip",
    ),
    "RF107": (lambda: clean(conditions=(_condition(method=None),)), "c-method"),
    "RF108": (
        lambda: clean(
            conditions=(
                _condition(
                    method=Method(name="New", recognition=Recognition.WELL_DESCRIBED)
                ),
            )
        ),
        "c-method",
    ),
    "RF109": (lambda: clean(conditions=(_condition(reassess_every=None),)), "c-method"),
    "RF110": (lambda: clean(cycles=()), "r-grip"),
    "RF111": (
        lambda: clean(
            cycles=(
                FeedbackCycle(
                    id="q",
                    name="Quarterly",
                    reports_to="p-provider",
                    cadence=Cadence(months=3),
                    starts_on=START,
                ),
            )
        ),
        "q",
    ),
    "RF112": (
        lambda: clean(
            agreement=attrs.evolve(clean().agreement, purpose="  "),
        ),
        "fw",
    ),
    "RF113": (
        lambda: clean(agreement=attrs.evolve(clean().agreement, context="")),
        "fw",
    ),
    "RF114": (lambda: clean(agreement=attrs.evolve(clean().agreement, means=())), "fw"),
    "RF115": (lambda: clean(results=(_result(responsible=()),)), "r-grip"),
}


def test_every_code_has_a_test_and_a_severity() -> None:
    assert set(BAD) == set(CODES)


@pytest.mark.parametrize("code", sorted(BAD))
def test_code_is_triggered_by_its_bad_framework_only(code: str) -> None:
    make, about = BAD[code]
    bad = make()  # type: ignore[operator]
    advice = [a for a in lint(bad) if a.code == code]
    assert [a.about for a in advice] == [about]
    assert advice[0].severity is CODES[code][0]
    assert advice[0].message_en
    assert advice[0].message_nl
    assert advice[0].message_nl != advice[0].message_en
    assert code not in {a.code for a in lint(clean())}


def test_micro_indicator_without_baseline_is_info_not_warning() -> None:
    fw = clean(results=(_result(indicators=(_indicator(baseline=None),)),))
    (advice,) = lint(fw)
    assert (advice.code, advice.severity) == ("RF105", Severity.INFO)


def test_qualitative_indicators_need_no_baseline_or_target() -> None:
    story = Indicator(
        id="i-story",
        name="Story",
        measure=Measure.QUALITATIVE,
        direction=Direction.INCREASE,
        question=Question.BETTER_OFF,
    )
    fw = clean(results=(_result(indicators=(_indicator(), story)),))
    assert lint(fw) == ()


def test_a_well_founded_method_is_enough() -> None:
    method = Method(name="M", recognition=Recognition.WELL_FOUNDED)
    assert lint(clean(conditions=(_condition(method=method),))) == ()


def test_recognition_of_a_condition_that_is_not_a_proven_method_is_not_checked() -> (
    None
):
    fw = clean(conditions=(_condition(kind=ConditionKind.COMPETENCE, method=None),))
    assert lint(fw) == ()


def test_a_cycle_scoped_to_other_results_does_not_cover() -> None:
    other = _result(id="r-other", indicators=(_indicator("i-other"),))
    cycle = FeedbackCycle(
        id="q",
        name="Q",
        reports_to="p-town",
        cadence=Cadence(months=3),
        starts_on=START,
        results=("r-other",),
    )
    fw = clean(results=(_result(), other), cycles=(cycle,))
    assert _codes(fw) == {("RF110", "r-grip")}


def test_advice_is_sorted_by_code_then_id() -> None:
    fw = clean(
        results=(
            _result(id="r-b", indicators=(), responsible=()),
            _result(id="r-a", indicators=(), responsible=()),
        )
    )
    got = [(a.code, a.about) for a in lint(fw)]
    assert got == [
        ("RF101", "r-a"),
        ("RF101", "r-b"),
        ("RF103", "r-a"),  # no indicators, so no better_off one either
        ("RF103", "r-b"),
        ("RF115", "r-a"),
        ("RF115", "r-b"),
    ]


def test_advice_message_by_language_and_str() -> None:
    (advice,) = lint(clean(cycles=()))
    assert advice.message("nl") == advice.message_nl
    assert advice.message() == advice.message_en
    assert str(advice).startswith("RF110 warning r-grip: ")
    with pytest.raises(InvalidValue, match="lang"):
        advice.message("de")
    assert isinstance(advice, Advice)


def test_lint_refuses_what_is_not_a_framework() -> None:
    with pytest.raises(InvalidValue, match="framework: expected a ResultsFramework"):
        lint("fw")  # type: ignore[arg-type]


_T = TypeVar("_T")


def _shuffled(fw: ResultsFramework, rnd: random.Random) -> ResultsFramework:
    def mix(items: tuple[_T, ...]) -> tuple[_T, ...]:
        out = list(items)
        rnd.shuffle(out)
        return tuple(out)

    results = tuple(
        attrs.evolve(
            r,
            indicators=mix(r.indicators),
            conditions=mix(r.conditions),
            responsible=mix(r.responsible),
            contributes_to=mix(r.contributes_to),
        )
        for r in fw.results
    )
    return attrs.evolve(
        fw,
        results=mix(results),
        conditions=mix(fw.conditions),
        cycles=mix(fw.cycles),
        parties=mix(fw.parties),
    )


@given(frameworks(), st.randoms(use_true_random=False))
def test_lint_is_deterministic_and_independent_of_order(
    fw: ResultsFramework, rnd: random.Random
) -> None:
    first = lint(fw)
    assert lint(fw) == first
    assert lint(_shuffled(fw, rnd)) == first
    assert list(first) == sorted(first, key=lambda a: (a.code, a.about))
