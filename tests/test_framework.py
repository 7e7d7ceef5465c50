"""Examples for ResultsFramework: integrity checks and lookups."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from resultframe import (
    Aggregation,
    Agreement,
    Baseline,
    Cadence,
    ConditionKind,
    Derivation,
    Direction,
    FeedbackCycle,
    Indicator,
    InvalidFramework,
    InvalidValue,
    Level,
    Measure,
    Method,
    Party,
    Period,
    Problem,
    ProcessCondition,
    Question,
    Recognition,
    Result,
    ResultframeError,
    ResultKind,
    ResultsFramework,
    Role,
    Scale,
    ScalePoint,
    Stakeholder,
    Target,
    UnknownId,
)

D = dt.date
AGREEMENT = Agreement(
    purpose="Inwoners redden zich zelf",
    context="Wijkteams in drie wijken",
    period=Period(start=D(2025, 1, 1), end=D(2026, 12, 31)),
)
ZRM = Scale(
    id="zrm",
    name="ZRM",
    points=tuple(ScalePoint(value=v, label=f"score {v}") for v in range(1, 6)),
)
GEMEENTE = Party(id="gemeente", name="Gemeente", role=Role.COMMISSIONER)
WIJKTEAM = Party(id="wijkteam", name="Wijkteam", role=Role.PROVIDER)
TRAINING = ProcessCondition(
    id="zrm-training", name="Trained in ZRM", kind=ConditionKind.COMPETENCE
)
KRACHTWERK = ProcessCondition(
    id="krachtwerk",
    name="Krachtwerk",
    kind=ConditionKind.PROVEN_METHOD,
    method=Method(name="Krachtwerk", recognition=Recognition.WELL_FOUNDED),
)


def ind(id: str, **fields: Any) -> Indicator:  # noqa: A002
    base: dict[str, Any] = {
        "id": id,
        "name": id,
        "measure": Measure.QUANTITY,
        "direction": Direction.INCREASE,
        "question": Question.BETTER_OFF,
    }
    return Indicator(**{**base, **fields})


def res(id: str, level: Level, **fields: Any) -> Result:  # noqa: A002
    return Result(
        id=id, statement=f"Result {id}", level=level, kind=ResultKind.OUTCOME, **fields
    )


def cyc(id: str, **fields: Any) -> FeedbackCycle:  # noqa: A002
    base: dict[str, Any] = {
        "id": id,
        "name": id,
        "reports_to": "gemeente",
        "cadence": Cadence(months=3),
        "starts_on": D(2025, 1, 1),
    }
    return FeedbackCycle(**{**base, **fields})


def framework(**fields: Any) -> ResultsFramework:
    base: dict[str, Any] = {
        "id": "fw",
        "name": "Wijkaanpak",
        "agreement": AGREEMENT,
        "parties": (GEMEENTE, WIJKTEAM),
    }
    return ResultsFramework(**{**base, **fields})


def problems(**fields: Any) -> list[Problem]:
    with pytest.raises(InvalidFramework) as info:
        framework(**fields)
    return list(info.value.problems)


ZRM_FIN = ind(
    "zrm-fin",
    measure=Measure.ORDINAL,
    scale=ZRM,
    baseline=Baseline(value=2, on=D(2025, 1, 1)),
    targets=(Target(value=4, by=D(2025, 12, 31)),),
)
MICRO = res(
    "r-micro",
    Level.MICRO,
    for_whom=(Stakeholder.RESIDENT,),
    indicators=(ZRM_FIN,),
    conditions=("zrm-training", "krachtwerk"),
    contributes_to=("r-meso",),
    responsible=("wijkteam",),
)
MICRO_2 = res(
    "r-micro-2",
    Level.MICRO,
    indicators=(ind("contacts", question=Question.HOW_MUCH),),
    contributes_to=("r-micro", "r-meso"),  # same level and one up
)
SHARE = ind(
    "share-improved",
    measure=Measure.PERCENTAGE,
    derived_from=Derivation(source="zrm-fin", aggregation=Aggregation.SHARE_IMPROVED),
)
MESO = res(
    "r-meso",
    Level.MESO,
    indicators=(SHARE,),
    contributes_to=("r-macro",),
    responsible=("wijkteam", "gemeente"),
)
BIJSTAND = ind("bijstand", direction=Direction.DECREASE, unit="per 10,000")
MACRO = res("r-macro", Level.MACRO, indicators=(BIJSTAND,))
KWARTAAL = cyc("kwartaal", results=("r-micro", "r-meso"))
JAAR = cyc("jaar", cadence=Cadence(months=12))

VALID = framework(
    results=(MICRO, MICRO_2, MESO, MACRO),
    conditions=(TRAINING, KRACHTWERK),
    cycles=(KWARTAAL, JAAR),
)


# -- a valid framework and its lookups ------------------------------------------------


def test_a_valid_framework_across_three_levels_constructs() -> None:
    assert {r.level for r in VALID.results} == set(Level)
    assert (
        framework(
            results=(MICRO, MICRO_2, MESO, MACRO),
            conditions=(TRAINING, KRACHTWERK),
            cycles=(KWARTAAL, JAAR),
        )
        == VALID
    )
    assert hash(VALID) == hash(
        framework(
            results=(MICRO, MICRO_2, MESO, MACRO),
            conditions=(TRAINING, KRACHTWERK),
            cycles=(KWARTAAL, JAAR),
        )
    )


def test_lookups_by_id() -> None:
    assert VALID.result("r-meso") is MESO
    assert VALID.indicator("zrm-fin") is ZRM_FIN
    assert VALID.indicator("bijstand") is BIJSTAND
    assert VALID.result_of("share-improved") is MESO
    assert VALID.result_of("contacts") is MICRO_2
    assert VALID.level_of("zrm-fin") is Level.MICRO
    assert VALID.level_of("bijstand") is Level.MACRO
    assert VALID.condition("krachtwerk") is KRACHTWERK
    assert VALID.cycle("jaar") is JAAR
    assert VALID.party("wijkteam") is WIJKTEAM


def test_results_at_a_level_in_framework_order() -> None:
    assert VALID.results_at(Level.MICRO) == (MICRO, MICRO_2)
    assert VALID.results_at(Level.MESO) == (MESO,)
    assert VALID.results_at(Level.MACRO) == (MACRO,)
    assert framework().results_at(Level.MICRO) == ()


def test_contributions_are_the_results_that_contribute() -> None:
    assert VALID.contributions("r-meso") == (MICRO, MICRO_2)
    assert VALID.contributions("r-micro") == (MICRO_2,)
    assert VALID.contributions("r-macro") == (MESO,)
    assert VALID.contributions("r-micro-2") == ()


def test_indicators_of_every_result_in_order() -> None:
    assert VALID.indicators == (
        ZRM_FIN,
        ind("contacts", question=Question.HOW_MUCH),
        SHARE,
        BIJSTAND,
    )
    assert framework().indicators == ()


@pytest.mark.parametrize(
    ("kind", "id", "expected"),
    [
        ("result", "r-micro", True),
        ("indicator", "zrm-fin", True),
        ("condition", "krachtwerk", True),
        ("cycle", "kwartaal", True),
        ("party", "gemeente", True),
        ("result", "zrm-fin", False),  # an indicator, not a result
        ("indicator", "r-micro", False),
        ("party", "nobody", False),
        ("subject", "r-micro", False),  # not a kind the framework holds
    ],
)
def test_has_id(kind: str, id: str, expected: bool) -> None:  # noqa: A002
    assert VALID.has_id(kind, id) is expected


@pytest.mark.parametrize(
    ("method", "kind"),
    [
        ("result", "result"),
        ("indicator", "indicator"),
        ("result_of", "indicator"),
        ("level_of", "indicator"),
        ("condition", "condition"),
        ("cycle", "cycle"),
        ("party", "party"),
        ("contributions", "result"),
    ],
)
def test_an_unknown_id_raises_unknown_id(method: str, kind: str) -> None:
    with pytest.raises(UnknownId) as info:
        getattr(VALID, method)("nope")
    error = info.value
    assert isinstance(error, ResultframeError)
    assert isinstance(error, KeyError)
    assert (error.kind, error.id) == (kind, "nope")
    assert str(error) == f"no {kind} with id 'nope'"


def test_unknown_id_can_be_caught_as_key_error() -> None:
    # A caller that knows only the builtin catches it too.
    with pytest.raises(KeyError, match="no result with id 'zrm-fin'"):
        VALID.result("zrm-fin")  # an indicator's id


def test_a_lookup_with_an_unhashable_id_raises_unknown_id() -> None:
    with pytest.raises(UnknownId):
        VALID.result(["r-micro"])  # type: ignore[arg-type]


def test_framework_fields_are_checked() -> None:
    with pytest.raises(InvalidValue, match=r"^results: expected a tuple \(use tuple"):
        framework(results=[MICRO])
    with pytest.raises(InvalidValue, match=r"^name: "):
        framework(name="")
    with pytest.raises(InvalidValue, match=r"^cycles\[0\]: "):
        framework(cycles=(MICRO,))


# -- three faults at once ----------------------------------------------------------------


def test_three_independent_faults_raise_one_error_listing_all_three() -> None:
    micro = res("r-micro", Level.MICRO, indicators=(ZRM_FIN,), conditions=("ghost",))
    meso = res(
        "r-meso",
        Level.MESO,
        indicators=(
            ind(
                "mean-bijstand",
                derived_from=Derivation(
                    source="bijstand", aggregation=Aggregation.MEAN
                ),
            ),
        ),
    )
    with pytest.raises(InvalidFramework) as info:
        framework(
            results=(micro, meso, MACRO),
            cycles=(cyc("kwartaal", reports_to="nobody"),),
        )
    found = [(p.about, p.field, p.code) for p in info.value.problems]
    assert found == [
        ("r-micro", "conditions[0]", "unknown_id"),
        ("mean-bijstand", "derived_from.source", "wrong_level"),
        ("kwartaal", "reports_to", "unknown_id"),
    ]
    message = str(info.value)
    assert message.startswith("invalid results framework: 3 problems")
    for about, field, _ in found:
        assert f"{about}.{field}: " in message
    assert "'ghost'" in message
    assert "'nobody'" in message
    assert "'bijstand'" in message


# -- each kind of problem ------------------------------------------------------------------


def test_ids_are_unique_across_kinds() -> None:
    clash = ProcessCondition(id="r-macro", name="Clash", kind=ConditionKind.OTHER)
    found = problems(results=(MACRO,), conditions=(clash,))
    assert [(p.about, p.field, p.code) for p in found] == [
        ("r-macro", "id", "duplicate_id")
    ]
    assert "used 2 times (by condition, result)" in found[0].message


def test_a_party_may_not_share_the_frameworks_id() -> None:
    found = problems(parties=(GEMEENTE, Party(id="fw", name="X", role=Role.PARTNER)))
    assert [(p.about, p.field, p.code) for p in found] == [("fw", "id", "duplicate_id")]
    assert "framework, party" in found[0].message


def test_an_indicator_id_is_unique_across_results() -> None:
    a = res("a", Level.MICRO, indicators=(ind("x"),))
    b = res("b", Level.MICRO, indicators=(ind("x"),))
    found = problems(results=(a, b))
    assert [(p.about, p.field, p.code) for p in found] == [("x", "id", "duplicate_id")]


def test_contributes_to_a_lower_level_is_a_problem() -> None:
    macro = res("r-macro", Level.MACRO, contributes_to=("r-micro",))
    found = problems(results=(res("r-micro", Level.MICRO), macro))
    assert [(p.about, p.field, p.code) for p in found] == [
        ("r-macro", "contributes_to[0]", "wrong_level")
    ]
    assert "'r-micro' is on level 'micro'" in found[0].message


def test_results_contributing_in_a_circle_of_two() -> None:
    a = res("a", Level.MICRO, contributes_to=("b",))
    b = res("b", Level.MICRO, contributes_to=("a",))
    found = problems(results=(a, b))
    assert [(p.about, p.field, p.code) for p in found] == [
        ("a", "contributes_to", "circular_contribution")
    ]
    assert found[0].message.endswith("a -> b -> a")


def test_results_contributing_in_a_circle_of_three() -> None:
    a = res("a", Level.MESO, contributes_to=("b",))
    b = res("b", Level.MESO, contributes_to=("c",))
    c = res("c", Level.MESO, contributes_to=("a",))
    d = res("d", Level.MICRO, contributes_to=("a",))  # leads into it, not part of it
    found = problems(results=(d, a, b, c))
    assert [(p.field, p.code) for p in found] == [
        ("contributes_to", "circular_contribution")
    ]
    assert found[0].message.endswith("a -> b -> c -> a")


def test_contributes_to_an_unknown_result() -> None:
    found = problems(results=(res("a", Level.MICRO, contributes_to=("ghost",)),))
    assert [(p.about, p.field, p.code) for p in found] == [
        ("a", "contributes_to[0]", "unknown_id")
    ]
    assert found[0].message == "no result with id 'ghost' in this framework"


def test_an_unknown_responsible_party() -> None:
    r = res("a", Level.MICRO, responsible=("wijkteam", "buurtteam"))
    found = problems(results=(r,))
    assert [(p.about, p.field, p.code) for p in found] == [
        ("a", "responsible[1]", "unknown_id")
    ]
    assert "'buurtteam'" in found[0].message


def test_an_unknown_condition() -> None:
    r = res("a", Level.MICRO, conditions=("zrm-training", "ghost"))
    found = problems(results=(r,), conditions=(TRAINING,))
    assert [(p.about, p.field, p.code) for p in found] == [
        ("a", "conditions[1]", "unknown_id")
    ]
    assert "no condition with id 'ghost'" in found[0].message


def test_derived_from_an_unknown_source() -> None:
    derived = ind(
        "mean", derived_from=Derivation(source="ghost", aggregation=Aggregation.MEAN)
    )
    found = problems(results=(res("m", Level.MESO, indicators=(derived,)),))
    assert [(p.about, p.field, p.code) for p in found] == [
        ("mean", "derived_from.source", "unknown_id")
    ]
    assert "no indicator with id 'ghost'" in found[0].message


def test_derived_from_the_same_level() -> None:
    derived = ind(
        "mean", derived_from=Derivation(source="count", aggregation=Aggregation.MEAN)
    )
    found = problems(
        results=(
            res("m1", Level.MESO, indicators=(ind("count"),)),
            res("m2", Level.MESO, indicators=(derived,)),
        )
    )
    assert [(p.about, p.field, p.code) for p in found] == [
        ("mean", "derived_from.source", "wrong_level")
    ]
    assert "'count' is on level 'meso', not below" in found[0].message


def test_derived_from_a_source_the_aggregation_cannot_combine() -> None:
    share_true = ind(
        "share-yes",
        measure=Measure.PERCENTAGE,
        derived_from=Derivation(source="zrm-fin", aggregation=Aggregation.SHARE_TRUE),
    )
    found = problems(
        results=(
            res("r-micro", Level.MICRO, indicators=(ZRM_FIN,)),
            res("r-meso", Level.MESO, indicators=(share_true,)),
        )
    )
    assert [(p.about, p.field, p.code) for p in found] == [
        ("share-yes", "derived_from.source", "wrong_measure")
    ]
    assert "'zrm-fin' is 'ordinal'" in found[0].message
    assert "'share_true' needs one of: binary" in found[0].message


def test_two_different_scales_with_one_id() -> None:
    other = Scale(
        id="zrm",
        name="Another ZRM",
        points=(ScalePoint(value=0, label="no"), ScalePoint(value=1, label="yes")),
    )
    a = ind("a", measure=Measure.ORDINAL, scale=ZRM)
    b = ind("b", measure=Measure.ORDINAL, scale=other)
    c = ind("c", measure=Measure.ORDINAL, scale=ZRM)  # the same scale again is fine
    found = problems(results=(res("r", Level.MICRO, indicators=(a, b, c)),))
    assert [(p.about, p.field, p.code) for p in found] == [
        ("b", "scale", "scale_conflict")
    ]
    assert "'zrm'" in found[0].message


def test_a_cycle_with_an_unknown_result() -> None:
    found = problems(results=(MACRO,), cycles=(cyc("q", results=("r-macro", "ghost")),))
    assert [(p.about, p.field, p.code) for p in found] == [
        ("q", "results[1]", "unknown_id")
    ]


def test_a_cycle_reporting_to_an_unknown_party() -> None:
    found = problems(cycles=(cyc("q", reports_to="raad"),))
    assert [(p.about, p.field, p.code) for p in found] == [
        ("q", "reports_to", "unknown_id")
    ]
    assert found[0].message == "no party with id 'raad' in this framework"


def test_a_framework_is_immutable() -> None:
    import attrs  # noqa: PLC0415

    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        VALID.name = "other"  # type: ignore[misc]
