"""Instrument indicators in a framework: evaluate, roll up and serialize."""

from __future__ import annotations

import datetime as dt

from resultframe import (
    Aggregation,
    Agreement,
    Derivation,
    Direction,
    Indicator,
    Level,
    Measure,
    Period,
    Question,
    Records,
    Result,
    ResultKind,
    ResultsFramework,
    Subject,
)
from resultframe.evaluation import evaluate, rollup
from resultframe.instruments import gas, positive_health, zrm
from resultframe.instruments.zrm import ZrmVersion
from resultframe.serialization import dumps, loads

D = dt.date
V17 = ZrmVersion.V2017


def _framework() -> ResultsFramework:
    share = Indicator(
        id="share-fin-improved",
        name="Residents whose ZRM finances improved (%)",
        measure=Measure.PERCENTAGE,
        direction=Direction.INCREASE,
        question=Question.BETTER_OFF,
        derived_from=Derivation(
            source="zrm2017-financien", aggregation=Aggregation.SHARE_IMPROVED
        ),
    )
    return ResultsFramework(
        id="wijkteams",
        name="Wijkteams",
        agreement=Agreement(
            purpose="Residents manage their lives",
            period=Period(start=D(2025, 1, 1), end=D(2025, 12, 31)),
        ),
        results=(
            zrm.result(V17, id="r-zrm", statement="Residents are more self-reliant"),
            Result(
                id="r-gas",
                statement="Residents reach their own goals",
                level=Level.MICRO,
                kind=ResultKind.OUTCOME,
                indicators=gas.indicators(3),
            ),
            Result(
                id="r-ph",
                statement="Residents feel healthier",
                level=Level.MICRO,
                kind=ResultKind.OUTCOME,
                indicators=positive_health.indicators(),
            ),
            Result(
                id="r-hood",
                statement="Neighbourhoods move forward",
                level=Level.MESO,
                kind=ResultKind.OUTCOME,
                indicators=(share,),
            ),
        ),
    )


def _records() -> Records:
    # resident: (neighbourhood, finances in January, finances in June)
    scores = {
        "r1": ("north", 2, 3),
        "r2": ("north", 1, 1),
        "r3": ("north", 3, "onbesproken"),
        "r4": ("south", 2, 4),
        "r5": ("south", 4, 3),
    }
    facts: list[object] = [
        Subject(id="north", level=Level.MESO),
        Subject(id="south", level=Level.MESO),
    ]
    for resident, (hood, january, june) in scores.items():
        facts.append(Subject(id=resident, level=Level.MICRO, part_of=hood))
        facts += zrm.observations(
            V17, {"financien": january}, subject=resident, on=D(2025, 1, 15)
        )
        facts += zrm.observations(
            V17, {"financien": june}, subject=resident, on=D(2025, 6, 15)
        )
    return Records().add(facts)  # type: ignore[arg-type]


def test_helper_indicators_fit_a_framework_and_records() -> None:
    framework = _framework()
    assert framework.indicator("zrm2017-financien").scale == zrm.SCALE
    assert framework.indicator("gas-goal-2").scale == gas.SCALE
    assert framework.indicator("ph-meedoen").scale == positive_health.SCALE
    assert _records().check(framework) == ()


def test_share_of_residents_whose_finances_improved_per_neighbourhood() -> None:
    up = rollup(
        _framework(), _records(), "share-fin-improved", D(2025, 7, 1), min_group=1
    )
    north, south = up.group("north"), up.group("south")
    # north: r1 2 -> 3 improved, r2 1 -> 1 did not, r3 not discussed in June
    # (one score only: not improved): 1 of 3 = 33.3%
    assert (north.n, north.numerator, north.denominator) == (3, 1.0, 3.0)
    assert north.value is not None
    assert round(north.value, 1) == 33.3
    # south: r4 2 -> 4 improved, r5 4 -> 3 did not: 1 of 2 = 50%
    assert (south.n, south.value) == (2, 50.0)


def test_evaluate_a_framework_built_with_the_helpers() -> None:
    ev = evaluate(
        _framework(), _records(), D(2025, 7, 1), min_group=1, per_subject=True
    )
    fin = ev.result("r-zrm").indicator("zrm2017-financien")
    # without targets: the change since each resident's first score; r3's
    # "onbesproken" in June left only January's score
    assert [(s.subject, s.status.value) for s in fin.subjects] == [
        ("r1", "improved"),
        ("r2", "stable"),
        ("r3", "stable"),
        ("r4", "improved"),
        ("r5", "worsened"),
    ]
    hood = ev.result("r-hood").indicator("share-fin-improved").rollup
    assert hood is not None
    assert hood.group("south").value == 50.0


def test_framework_built_with_the_helpers_round_trips() -> None:
    framework = _framework()
    text = dumps(framework)
    again = loads(text, kind="framework")
    assert again == framework
    assert dumps(again) == text
