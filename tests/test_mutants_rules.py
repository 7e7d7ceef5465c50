"""Conditions, verdicts and the calendar: cases mutation testing showed were open.

Each test kills mutants of ``evaluation/conditions.py``, ``evaluation/verdict.py``
or ``model/schedule.py`` that the other tests let live: whole evaluations compared
field by field, the edges of the calendar, and the exact text of each error (a
message names the field, the value and what was expected).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from resultframe import (
    Agreement,
    Cadence,
    ConditionAssessment,
    ConditionKind,
    ConditionStatus,
    InvalidValue,
    Method,
    Period,
    ProcessCondition,
    Recognition,
    Records,
    ResultsFramework,
)
from resultframe.evaluation import (
    ConditionEvaluation,
    ConditionState,
    IndicatorStatus,
    Reason,
    ReasonCode,
    condition_status,
    verdict,
)
from resultframe.model.schedule import add_months

if TYPE_CHECKING:
    from collections.abc import Callable

D = dt.date

# -- conditions -------------------------------------------------------------------------

METHOD = ProcessCondition(
    id="method",
    name="Proven debt counselling",
    kind=ConditionKind.PROVEN_METHOD,
    method=Method(
        name="Schuldhulp",
        recognition=Recognition.WELL_FOUNDED,
        recognised_until=D(2025, 6, 30),
    ),
    reassess_every=Cadence(months=3),
)
FW = ResultsFramework(
    id="fw",
    name="fw",
    agreement=Agreement(
        purpose="p", period=Period(start=D(2025, 1, 1), end=D(2025, 12, 31))
    ),
    conditions=(METHOD,),
)


def test_an_unassessed_condition_keeps_its_id_and_recognition() -> None:
    ev = condition_status(FW, Records(), "method", D(2025, 3, 1))
    assert ev == ConditionEvaluation(
        condition="method",
        state=ConditionState.UNASSESSED,
        recognition=Recognition.WELL_FOUNDED,
        reason=Reason(code=ReasonCode.CONDITION_UNASSESSED, condition="method"),
    )
    # After 30 June the recognition has expired: none valid, and flagged.
    ev = condition_status(FW, Records(), "method", D(2025, 7, 1))
    assert ev == ConditionEvaluation(
        condition="method",
        state=ConditionState.UNASSESSED,
        recognition_expired=True,
        reason=Reason(code=ReasonCode.RECOGNITION_EXPIRED, condition="method"),
    )


def test_an_assessed_condition_reports_every_field() -> None:
    recs = Records(
        assessments=[
            ConditionAssessment(
                condition="method", on=D(2025, 1, 15), status=ConditionStatus.MET
            )
        ]
    )
    # Assessed 15 January, every three months: stale from 15 April.
    ev = condition_status(FW, recs, "method", D(2025, 4, 14))
    assert ev == ConditionEvaluation(
        condition="method",
        state=ConditionState.MET,
        assessed_on=D(2025, 1, 15),
        assessed_status=ConditionStatus.MET,
        stale_from=D(2025, 4, 15),
        recognition=Recognition.WELL_FOUNDED,
        reason=Reason(
            code=ReasonCode.CONDITION_MET, condition="method", on=D(2025, 1, 15)
        ),
    )
    assert condition_status(FW, recs, "method", D(2025, 4, 15)).state is (
        ConditionState.STALE
    )


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (
            lambda: condition_status(FW, Records(), 7, D(2025, 1, 1)),  # type: ignore[arg-type]
            "condition_id",
        ),
        (
            lambda: condition_status(FW, Records(), "method", "2025-01-01"),  # type: ignore[arg-type]
            "as_of",
        ),
    ],
)
def test_condition_status_names_a_wrong_argument(
    call: Callable[[], object], field: str
) -> None:
    with pytest.raises(InvalidValue) as info:
        call()
    assert info.value.field == field


# -- verdict ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statuses", "conditions", "message"),
    [
        (
            "on_track",
            [],
            "statuses: expected an iterable of IndicatorStatus, got 'on_track'",
        ),
        ([], 3, "conditions: expected an iterable of ConditionState, got 3"),
        (
            [IndicatorStatus.ON_TRACK, "behind"],
            [],
            "statuses[1]: expected a IndicatorStatus, got 'behind'",
        ),
        (
            [],
            [ConditionState.MET, [1]],
            "conditions[1]: expected a ConditionState, got '<list>'",
        ),
    ],
)
def test_verdict_names_what_is_wrong_with_its_arguments(
    statuses: object, conditions: object, message: str
) -> None:
    with pytest.raises(InvalidValue) as info:
        verdict(statuses, conditions)  # type: ignore[arg-type]
    assert str(info.value) == message


# -- the calendar -----------------------------------------------------------------------


def test_add_months_reaches_the_first_and_last_years_but_not_beyond() -> None:
    # December of year 1 minus 11 months is January of year 1: allowed.
    assert add_months(D(1, 12, 15), -11) == D(1, 1, 15)
    # January of 9999 plus 11 months is December 9999: allowed.
    assert add_months(D(9999, 1, 31), 11) == D(9999, 12, 31)
    with pytest.raises(InvalidValue) as info:
        add_months(D(1, 1, 15), -1)
    assert str(info.value) == (
        "months: expected a step that stays within years 1-9999, got -1"
    )
    with pytest.raises(InvalidValue):
        add_months(D(9999, 12, 1), 1)


def test_a_step_of_weeks_only_keeps_the_anchor_for_months() -> None:
    # 31 January plus two weeks: 14 February (no months step, so no clamping)
    assert Cadence(weeks=2).step(D(2025, 1, 31), 1) == D(2025, 2, 14)
    # a step past the year 9999 is named by its k
    with pytest.raises(InvalidValue) as info:
        Cadence(days=1).step(D(9999, 12, 31), 1)
    assert (
        str(info.value) == "step: expected a step that stays within years 1-9999, got 1"
    )


def test_steps_until_a_day_before_the_anchor_steps_back_far_enough() -> None:
    # 1 January 2024, monthly; 31 January 2022 is 700 days before. The estimate
    # -700 // 30.44 = -23 lands on 1 February 2022, after the day: one more step
    # back, -24, is 1 January 2022.
    assert Cadence(months=1).steps_until(D(2024, 1, 1), D(2022, 1, 31)) == -24
    assert Cadence(months=1).step(D(2024, 1, 1), -24) == D(2022, 1, 1)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: Cadence(months=-1),
            "months: expected a whole number of 0 or more, got -1",
        ),
        (
            Cadence,
            "cadence: expected at least one of months, weeks, days above 0, got 'P0D'",
        ),
        (
            lambda: Cadence.parse("P1H"),
            (
                "cadence: expected an ISO 8601 duration of years, months, weeks and "
                "days, such as 'P3M', 'P1Y' or 'P2W', got 'P1H'"
            ),
        ),
        (
            lambda: Period(start=D(2025, 2, 1), end=D(2025, 1, 31)),
            (
                "end: expected a day on or after start 2025-02-01, got "
                "datetime.date(2025, 1, 31)"
            ),
        ),
    ],
)
def test_schedule_errors_say_what_was_expected(
    make: Callable[[], object], message: str
) -> None:
    with pytest.raises(InvalidValue) as info:
        make()
    assert str(info.value) == message
