"""Examples for the rules the definitions check in their constructors.

For each rule: a value that passes and one that is refused, with the exception
class and a message that names the field and the value.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import math
from typing import TYPE_CHECKING, Any

import pytest

from resultframe import (
    Accumulation,
    Aggregation,
    Agreement,
    Baseline,
    Cadence,
    ConditionKind,
    Derivation,
    Direction,
    FundingVariant,
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
    ResultframeError,
    ResultKind,
    Role,
    Scale,
    ScalePoint,
    Stakeholder,
    Target,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

D = dt.date
JAN, JUN, DEC = D(2025, 1, 1), D(2025, 6, 30), D(2025, 12, 31)


@contextlib.contextmanager
def refused(field: str, value: object) -> Iterator[pytest.ExceptionInfo[InvalidValue]]:
    """Expect an InvalidValue whose message names *field* and *value*."""
    with pytest.raises(InvalidValue) as info:
        yield info
    error = info.value
    assert isinstance(error, ResultframeError)
    assert isinstance(error, ValueError)
    assert error.field == field
    same = error.value == value or (
        isinstance(value, float)
        and isinstance(error.value, float)
        and math.isnan(value)
        and math.isnan(error.value)
    )
    assert same, (error.value, value)
    message = str(error)
    assert message.startswith(f"{field}: "), message
    assert f"got {value!r}" in message, message


def indicator(**fields: Any) -> Indicator:
    base: dict[str, Any] = {
        "id": "i",
        "name": "An indicator",
        "measure": Measure.QUANTITY,
        "direction": Direction.INCREASE,
        "question": Question.BETTER_OFF,
    }
    return Indicator(**{**base, **fields})


ZRM = Scale(
    id="zrm",
    name="Zelfredzaamheid",
    points=tuple(
        ScalePoint(value=v, label=x)
        for v, x in enumerate(
            [
                "Acute problematiek",
                "Niet zelfredzaam",
                "Beperkt zelfredzaam",
                "Voldoende zelfredzaam",
                "Volledig zelfredzaam",
            ],
            start=1,
        )
    ),
)


# -- ids --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "good", ["a", "A1", "0", "r-000123", "x.y_z:w-1", "a" * 128, "wijk:centrum"]
)
def test_an_id_matches_the_pattern(good: str) -> None:
    assert Party(id=good, name="P", role=Role.PROVIDER).id == good


@pytest.mark.parametrize(
    "bad",
    ["", "a" * 129, "-a", ".a", "_a", "a b", "a/b", "wijkcentrum\n", "é", "\uff41"],
)
def test_an_id_breaking_the_pattern_is_refused(bad: str) -> None:
    with refused("id", bad):
        Party(id=bad, name="P", role=Role.PROVIDER)


def test_an_id_that_is_not_a_string_is_refused() -> None:
    with refused("id", 12):
        Party(id=12, name="P", role=Role.PROVIDER)  # type: ignore[arg-type]


def test_the_message_says_what_an_id_looks_like() -> None:
    with pytest.raises(InvalidValue, match=r"1-128 characters"):
        Party(id="a" * 129, name="P", role=Role.PROVIDER)


# -- Party ------------------------------------------------------------------------


def test_party_needs_a_name_and_a_role() -> None:
    assert (
        Party(id="p", name="Gemeente", role=Role.COMMISSIONER).role is Role.COMMISSIONER
    )
    with refused("name", "  "):
        Party(id="p", name="  ", role=Role.COMMISSIONER)
    with refused("role", "commissioner"):
        Party(id="p", name="Gemeente", role="commissioner")  # type: ignore[arg-type]


# -- Scale ------------------------------------------------------------------------


def test_scale_lookups() -> None:
    assert ZRM.values == (1, 2, 3, 4, 5)
    assert (ZRM.lowest, ZRM.highest) == (1, 5)
    assert ZRM.label(3) == "Beperkt zelfredzaam"
    assert 3 in ZRM
    assert 3.0 in ZRM  # a whole float counts as the point
    assert 3.5 not in ZRM
    assert 0 not in ZRM
    assert True not in ZRM  # a bool is not a point
    assert "3" not in ZRM


def test_scale_label_of_an_unknown_point_is_refused() -> None:
    with refused("value", 6):
        ZRM.label(6)


def test_scale_points_strictly_increase() -> None:
    gas = Scale(
        id="gas",
        name="GAS",
        points=tuple(ScalePoint(value=v, label=str(v)) for v in (-2, -1, 0, 1, 2)),
    )
    assert gas.lowest == -2
    with refused("points[1].value", 1):
        Scale(
            id="s",
            name="S",
            points=(ScalePoint(value=1, label="a"), ScalePoint(value=1, label="b")),
        )
    with refused("points[2].value", 2):
        Scale(
            id="s",
            name="S",
            points=(
                ScalePoint(value=1, label="a"),
                ScalePoint(value=3, label="b"),
                ScalePoint(value=2, label="c"),
            ),
        )


def test_scale_needs_two_points() -> None:
    one = (ScalePoint(value=1, label="a"),)
    with refused("points", one):
        Scale(id="s", name="S", points=one)


def test_scale_points_must_be_a_tuple() -> None:
    points = [ScalePoint(value=1, label="a"), ScalePoint(value=2, label="b")]
    with refused("points", points) as info:
        Scale(id="s", name="S", points=points)  # type: ignore[arg-type]
    assert "(use tuple(...))" in str(info.value)


def test_scale_point_value_is_an_int_and_label_is_text() -> None:
    with refused("value", True):  # noqa: FBT003
        ScalePoint(value=True, label="yes")
    with refused("value", 1.0):
        ScalePoint(value=1.0, label="one")  # type: ignore[arg-type]
    with refused("label", ""):
        ScalePoint(value=1, label="")


# -- Baseline and Target ------------------------------------------------------------


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, "3", True, None])
def test_baseline_and_target_values_are_finite_numbers(bad: object) -> None:
    assert Baseline(value=3, on=JAN).value == 3
    assert Target(value=2.5, by=DEC).value == 2.5
    with refused("value", bad):
        Baseline(value=bad, on=JAN)  # type: ignore[arg-type]
    with refused("value", bad):
        Target(value=bad, by=DEC)  # type: ignore[arg-type]


def test_baseline_and_target_days_are_dates_without_time() -> None:
    moment = dt.datetime(2025, 1, 1, 9, 30)  # noqa: DTZ001
    with refused("on", moment):
        Baseline(value=1, on=moment)
    with refused("by", "2025-12-31"):
        Target(value=1, by="2025-12-31")  # type: ignore[arg-type]


# -- Derivation ---------------------------------------------------------------------


def test_share_reaching_needs_a_threshold() -> None:
    ok = Derivation(
        source="zrm-fin", aggregation=Aggregation.SHARE_REACHING, threshold=4
    )
    assert ok.threshold == 4
    with refused("threshold", None):
        Derivation(source="zrm-fin", aggregation=Aggregation.SHARE_REACHING)


@pytest.mark.parametrize(
    "aggregation", [a for a in Aggregation if a is not Aggregation.SHARE_REACHING]
)
def test_only_share_reaching_has_a_threshold(aggregation: Aggregation) -> None:
    assert Derivation(source="s", aggregation=aggregation).threshold is None
    with refused("threshold", 3):
        Derivation(source="s", aggregation=aggregation, threshold=3)


def test_derivation_threshold_is_finite() -> None:
    with refused("threshold", math.inf):
        Derivation(
            source="s", aggregation=Aggregation.SHARE_REACHING, threshold=math.inf
        )


@pytest.mark.parametrize(
    ("aggregation", "measure"),
    [
        (Aggregation.COUNT, Measure.QUANTITY),
        (Aggregation.SUM, Measure.QUANTITY),
        (Aggregation.MEAN, Measure.QUANTITY),
        (Aggregation.MEDIAN, Measure.QUANTITY),
        (Aggregation.SHARE_IMPROVED, Measure.PERCENTAGE),
        (Aggregation.SHARE_TRUE, Measure.PERCENTAGE),
    ],
)
def test_derivation_measure_is_percentage_for_shares(
    aggregation: Aggregation, measure: Measure
) -> None:
    assert Derivation(source="s", aggregation=aggregation).measure is measure


def test_derivation_source_is_an_id_and_aggregation_a_member() -> None:
    with refused("source", "not an id"):
        Derivation(source="not an id", aggregation=Aggregation.MEAN)
    with refused("aggregation", "mean"):
        Derivation(source="s", aggregation="mean")  # type: ignore[arg-type]


# -- Indicator: measure and scale ------------------------------------------------------


def test_an_ordinal_indicator_needs_a_scale() -> None:
    assert indicator(measure=Measure.ORDINAL, scale=ZRM).scale is ZRM
    with refused("scale", None):
        indicator(measure=Measure.ORDINAL)


@pytest.mark.parametrize("measure", [m for m in Measure if m is not Measure.ORDINAL])
def test_only_an_ordinal_indicator_has_a_scale(measure: Measure) -> None:
    with refused("scale", "zrm"):
        indicator(measure=measure, scale=ZRM)


def test_ordinal_baseline_and_targets_lie_on_the_scale() -> None:
    ok = indicator(
        measure=Measure.ORDINAL,
        scale=ZRM,
        baseline=Baseline(value=2, on=JAN),
        targets=(Target(value=3.0, by=JUN), Target(value=4, by=DEC)),
    )
    assert ok.final_target == Target(value=4, by=DEC)
    with refused("baseline.value", 0):
        indicator(
            measure=Measure.ORDINAL, scale=ZRM, baseline=Baseline(value=0, on=JAN)
        )
    with refused("targets[0].value", 6):
        indicator(
            measure=Measure.ORDINAL, scale=ZRM, targets=(Target(value=6, by=DEC),)
        )
    with refused("targets[1].value", 3.5):
        indicator(
            measure=Measure.ORDINAL,
            scale=ZRM,
            targets=(Target(value=3, by=JUN), Target(value=3.5, by=DEC)),
        )


def test_a_qualitative_indicator_carries_no_numbers() -> None:
    story = indicator(measure=Measure.QUALITATIVE, direction=Direction.MAINTAIN)
    assert story.band is None  # maintain needs no band when there are no numbers
    assert story.final_target is None
    baseline = Baseline(value=1, on=JAN)
    with refused("baseline", baseline):
        indicator(measure=Measure.QUALITATIVE, baseline=baseline)
    targets = (Target(value=1, by=DEC),)
    with refused("targets", targets):
        indicator(measure=Measure.QUALITATIVE, targets=targets)
    with refused("band", 0.5):
        indicator(measure=Measure.QUALITATIVE, direction=Direction.MAINTAIN, band=0.5)
    derivation = Derivation(source="s", aggregation=Aggregation.COUNT)
    with refused("derived_from", derivation):
        indicator(measure=Measure.QUALITATIVE, derived_from=derivation)


def test_percentage_values_run_from_0_to_100() -> None:
    ok = indicator(
        measure=Measure.PERCENTAGE,
        baseline=Baseline(value=0, on=JAN),
        targets=(Target(value=100, by=DEC),),
    )
    assert ok.baseline == Baseline(value=0, on=JAN)
    with refused("targets[0].value", 120):
        indicator(measure=Measure.PERCENTAGE, targets=(Target(value=120, by=DEC),))
    with refused("baseline.value", -1):
        indicator(measure=Measure.PERCENTAGE, baseline=Baseline(value=-1, on=JAN))


def test_binary_values_are_shares_from_0_to_1() -> None:
    ok = indicator(
        measure=Measure.BINARY,
        baseline=Baseline(value=0.2, on=JAN),
        targets=(Target(value=1, by=DEC),),
    )
    assert ok.final_target == Target(value=1, by=DEC)
    with refused("targets[0].value", 60):
        indicator(measure=Measure.BINARY, targets=(Target(value=60, by=DEC),))
    with refused("baseline.value", -0.5):
        indicator(measure=Measure.BINARY, baseline=Baseline(value=-0.5, on=JAN))


# -- Indicator: targets ---------------------------------------------------------------


def test_target_dates_strictly_increase() -> None:
    with refused("targets[1].by", JUN):
        indicator(targets=(Target(value=1, by=JUN), Target(value=2, by=JUN)))
    with refused("targets[1].by", JAN):
        indicator(targets=(Target(value=1, by=JUN), Target(value=2, by=JAN)))


def test_targets_lie_after_the_baseline() -> None:
    assert indicator(
        baseline=Baseline(value=1, on=JAN), targets=(Target(value=2, by=D(2025, 1, 2)),)
    ).targets
    with refused("targets[0].by", JAN):
        indicator(
            baseline=Baseline(value=1, on=JAN), targets=(Target(value=2, by=JAN),)
        )
    with refused("targets[0].by", D(2024, 12, 31)):
        indicator(
            baseline=Baseline(value=1, on=JAN),
            targets=(Target(value=2, by=D(2024, 12, 31)),),
        )


def test_targets_lie_in_the_indicators_direction_from_the_baseline() -> None:
    down = indicator(
        direction=Direction.DECREASE,
        baseline=Baseline(value=40, on=JAN),
        targets=(Target(value=30, by=JUN), Target(value=20, by=DEC)),
    )
    assert down.final_target == Target(value=20, by=DEC)
    with refused("targets[0].value", 40):  # equal is not an increase
        indicator(
            baseline=Baseline(value=40, on=JAN), targets=(Target(value=40, by=DEC),)
        )
    with refused("targets[0].value", 30):
        indicator(
            baseline=Baseline(value=40, on=JAN), targets=(Target(value=30, by=DEC),)
        )
    with refused("targets[0].value", 50):
        indicator(
            direction=Direction.DECREASE,
            baseline=Baseline(value=40, on=JAN),
            targets=(Target(value=50, by=DEC),),
        )


def test_each_target_is_at_least_as_far_as_the_one_before() -> None:
    # 10 -> 30 -> 30: a plateau is allowed.
    assert indicator(
        baseline=Baseline(value=10, on=JAN),
        targets=(
            Target(value=30, by=D(2025, 3, 31)),
            Target(value=30, by=JUN),
            Target(value=40, by=DEC),
        ),
    ).targets
    # 10 -> 30 -> 20: the second target goes back (still above the baseline).
    with refused("targets[1].value", 20):
        indicator(
            baseline=Baseline(value=10, on=JAN),
            targets=(Target(value=30, by=JUN), Target(value=20, by=DEC)),
        )
    # Without a baseline the targets must still move one way.
    with refused("targets[1].value", 20):
        indicator(targets=(Target(value=30, by=JUN), Target(value=20, by=DEC)))
    with refused("targets[1].value", 25):
        indicator(
            direction=Direction.DECREASE,
            targets=(Target(value=20, by=JUN), Target(value=25, by=DEC)),
        )


def test_targets_must_be_a_tuple_of_targets() -> None:
    targets = [Target(value=1, by=DEC)]
    with refused("targets", targets) as info:
        indicator(targets=targets)
    assert "(use tuple(...))" in str(info.value)
    baseline = Baseline(value=1, on=JAN)
    with refused("targets[0]", baseline):
        indicator(targets=(baseline,))


# -- Indicator: band, accumulation, derivation, tolerance ----------------------------------


def test_maintain_needs_a_band() -> None:
    kept = indicator(
        direction=Direction.MAINTAIN,
        band=2.0,
        baseline=Baseline(value=80, on=JAN),
        targets=(Target(value=75, by=JUN), Target(value=80, by=DEC)),
    )
    assert kept.band == 2.0  # maintain targets may lie either side of the baseline
    assert indicator(direction=Direction.MAINTAIN, band=0).band == 0
    with refused("band", None):
        indicator(direction=Direction.MAINTAIN)
    with refused("band", -1):
        indicator(direction=Direction.MAINTAIN, band=-1)
    with refused("band", math.nan):
        indicator(direction=Direction.MAINTAIN, band=math.nan)


@pytest.mark.parametrize("direction", [Direction.INCREASE, Direction.DECREASE])
def test_only_maintain_has_a_band(direction: Direction) -> None:
    with refused("band", 0.5):
        indicator(direction=direction, band=0.5)


def test_accumulation_sum_only_for_quantities() -> None:
    assert indicator(accumulation=Accumulation.SUM).accumulation is Accumulation.SUM
    with refused("accumulation", "sum"):
        indicator(measure=Measure.PERCENTAGE, accumulation=Accumulation.SUM)
    with refused("accumulation", "sum"):
        indicator(measure=Measure.ORDINAL, scale=ZRM, accumulation=Accumulation.SUM)


def test_a_derived_indicator_has_the_measure_of_its_aggregation() -> None:
    share = Derivation(source="s", aggregation=Aggregation.SHARE_IMPROVED)
    mean = Derivation(source="s", aggregation=Aggregation.MEAN)
    assert indicator(measure=Measure.PERCENTAGE, derived_from=share).derived_from
    assert indicator(measure=Measure.QUANTITY, derived_from=mean).derived_from
    with refused("measure", "quantity"):
        indicator(measure=Measure.QUANTITY, derived_from=share)
    with refused("measure", "percentage"):
        indicator(measure=Measure.PERCENTAGE, derived_from=mean)


@pytest.mark.parametrize("good", [0, 0.1, 1, 0.0, 1.0])
def test_tolerance_from_0_to_1(good: float) -> None:
    assert indicator(tolerance=good).tolerance == good
    assert indicator().tolerance == 0.10


@pytest.mark.parametrize("bad", [-0.1, 1.01, 10, math.nan, "0.1"])
def test_tolerance_outside_0_to_1_is_refused(bad: object) -> None:
    with refused("tolerance", bad):
        indicator(tolerance=bad)


def test_indicator_enums_are_members_not_strings() -> None:
    with refused("measure", "quantity"):
        indicator(measure="quantity")
    with refused("direction", "up"):
        indicator(direction="up")
    with refused("question", None):
        indicator(question=None)


# -- Method and ProcessCondition ---------------------------------------------------------


def test_recognised_until_needs_a_recognition() -> None:
    assert Method(
        name="Krachtwerk",
        recognition=Recognition.WELL_FOUNDED,
        recognised_until=D(2027, 6, 30),
    ).recognised_until == D(2027, 6, 30)
    with refused("recognised_until", D(2027, 6, 30)):
        Method(name="Eigen aanpak", recognised_until=D(2027, 6, 30))


def test_recognised_on_expires_after_the_last_day() -> None:
    method = Method(
        name="Krachtwerk",
        recognition=Recognition.WELL_FOUNDED,
        recognised_until=D(2027, 6, 30),
    )
    assert method.recognised_on(D(2025, 1, 1)) is Recognition.WELL_FOUNDED
    assert method.recognised_on(D(2027, 6, 30)) is Recognition.WELL_FOUNDED  # last day
    assert method.recognised_on(D(2027, 7, 1)) is None  # expired
    forever = Method(name="M", recognition=Recognition.GOOD_INDICATIONS)
    assert forever.recognised_on(D(2099, 1, 1)) is Recognition.GOOD_INDICATIONS
    assert Method(name="Eigen aanpak").recognised_on(D(2025, 1, 1)) is None


def test_method_fields() -> None:
    with refused("name", ""):
        Method(name="")
    with refused("recognition", "well_founded"):
        Method(name="M", recognition="well_founded")  # type: ignore[arg-type]


def test_process_condition_fields() -> None:
    condition = ProcessCondition(
        id="zrm-training",
        name="Trained in ZRM",
        kind=ConditionKind.COMPETENCE,
        reassess_every=Cadence(months=12),
    )
    assert condition.reassess_every == Cadence.parse("P1Y")
    with refused("kind", "competence"):
        ProcessCondition(id="c", name="C", kind="competence")  # type: ignore[arg-type]
    with refused("reassess_every", "P1Y"):
        ProcessCondition(
            id="c",
            name="C",
            kind=ConditionKind.COMPETENCE,
            reassess_every="P1Y",  # type: ignore[arg-type]
        )
    with refused("method", "Krachtwerk"):
        ProcessCondition(
            id="c",
            name="C",
            kind=ConditionKind.PROVEN_METHOD,
            method="Krachtwerk",  # type: ignore[arg-type]
        )


# -- Means and Agreement -----------------------------------------------------------------


def test_means_amount_is_a_decimal_in_a_currency() -> None:
    means = Means(description="Budget wijkteams", amount=decimal.Decimal("125000.50"))
    assert (means.amount, means.currency) == (decimal.Decimal("125000.50"), "EUR")
    assert Means(description="Two social workers").amount is None
    assert Means(description="B", amount=decimal.Decimal(0), currency="USD").amount == 0


@pytest.mark.parametrize(
    "bad", [125000.5, 100, decimal.Decimal("NaN"), decimal.Decimal("Infinity"), "100"]
)
def test_means_amount_is_refused_unless_a_finite_decimal(bad: object) -> None:
    with pytest.raises(InvalidValue) as info:
        Means(description="Budget", amount=bad)  # type: ignore[arg-type]
    assert info.value.field == "amount"
    assert f"got {bad!r}" in str(info.value)


def test_means_amount_is_not_negative() -> None:
    with refused("amount", decimal.Decimal(-1)):
        Means(description="Budget", amount=decimal.Decimal(-1))


@pytest.mark.parametrize("bad", ["eur", "EURO", "€", "", "E1R"])
def test_means_currency_is_an_iso_code(bad: str) -> None:
    with refused("currency", bad):
        Means(description="Budget", currency=bad)


def test_agreement_fields() -> None:
    period = Period(start=JAN, end=DEC)
    agreement = Agreement(
        purpose="Inwoners doen mee",
        period=period,
        means=(Means(description="Budget"),),
        funding=FundingVariant.TASK_BASED,
    )
    assert agreement.context == ""
    assert Agreement(purpose="", period=period).funding is None  # a draft
    with refused("period", (JAN, DEC)):
        Agreement(purpose="p", period=(JAN, DEC))  # type: ignore[arg-type]
    with refused("funding", "task_based"):
        Agreement(purpose="p", period=period, funding="task_based")  # type: ignore[arg-type]
    with refused("means[0]", "Budget"):
        Agreement(purpose="p", period=period, means=("Budget",))  # type: ignore[arg-type]


# -- Result ------------------------------------------------------------------------------


def result(**fields: Any) -> Result:
    base: dict[str, Any] = {
        "id": "r",
        "statement": "Inwoners zijn zelfredzaam",
        "level": Level.MICRO,
        "kind": ResultKind.OUTCOME,
    }
    return Result(**{**base, **fields})


def test_a_result_with_its_parts() -> None:
    r = result(
        for_whom=(Stakeholder.RESIDENT, Stakeholder.CAREGIVER),
        indicators=(indicator(id="a"), indicator(id="b")),
        conditions=("c1",),
        contributes_to=("meso-1",),
        responsible=("wijkteam",),
    )
    assert [i.id for i in r.indicators] == ["a", "b"]


def test_a_result_does_not_contribute_to_itself() -> None:
    with refused("contributes_to", "r"):
        result(contributes_to=("other", "r"))


def test_indicator_ids_within_a_result_are_unique() -> None:
    with refused("indicators[1].id", "a"):
        result(indicators=(indicator(id="a"), indicator(id="a", name="Again")))


def test_result_id_tuples_hold_unique_valid_ids() -> None:
    with refused("conditions[1]", "c1"):
        result(conditions=("c1", "c1"))
    with refused("responsible[0]", "wijk team"):
        result(responsible=("wijk team",))
    with refused("contributes_to", ["a"]):
        result(contributes_to=["a"])


def test_for_whom_holds_unique_stakeholders() -> None:
    with refused("for_whom[0]", "resident"):
        result(for_whom=("resident",))
    with refused("for_whom[1]", Stakeholder.RESIDENT):
        result(for_whom=(Stakeholder.RESIDENT, Stakeholder.RESIDENT))


def test_result_statement_level_and_kind() -> None:
    with refused("statement", " "):
        result(statement=" ")
    with refused("level", "micro"):
        result(level="micro")
    with refused("kind", "outcome"):
        result(kind="outcome")


def test_models_are_frozen() -> None:
    import attrs  # noqa: PLC0415

    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ZRM.id = "other"  # type: ignore[misc]
