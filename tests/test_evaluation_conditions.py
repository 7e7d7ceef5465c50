"""Process conditions on a day: latest assessment, staleness, recognition."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
    UnknownId,
)
from resultframe.evaluation import ConditionState, condition_status

D = dt.date

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
STAFF = ProcessCondition(
    id="staff", name="Trained staff", kind=ConditionKind.COMPETENCE
)
FW = ResultsFramework(
    id="fw",
    name="fw",
    agreement=Agreement(
        purpose="p", period=Period(start=D(2025, 1, 1), end=D(2025, 12, 31))
    ),
    conditions=(METHOD, STAFF),
)


def _assessed(*rows: tuple[str, dt.date, ConditionStatus]) -> Records:
    return Records(
        assessments=[
            ConditionAssessment(condition=c, on=d, status=s) for c, d, s in rows
        ]
    )


def test_a_condition_never_assessed_is_unassessed() -> None:
    ev = condition_status(FW, Records(), "staff", D(2025, 3, 1))
    assert ev.state is ConditionState.UNASSESSED
    assert (ev.assessed_on, ev.assessed_status, ev.stale_from) == (None, None, None)


def test_the_latest_assessment_on_or_before_the_day_counts() -> None:
    recs = _assessed(
        ("staff", D(2025, 1, 10), ConditionStatus.NOT_MET),
        ("staff", D(2025, 3, 1), ConditionStatus.PARTLY_MET),
        ("staff", D(2025, 5, 1), ConditionStatus.MET),
    )
    assert (
        condition_status(FW, recs, "staff", D(2025, 1, 9)).state
        is ConditionState.UNASSESSED
    )
    assert (
        condition_status(FW, recs, "staff", D(2025, 2, 1)).state
        is ConditionState.NOT_MET
    )
    assert (
        condition_status(FW, recs, "staff", D(2025, 3, 1)).state
        is ConditionState.PARTLY_MET
    )
    assert (
        condition_status(FW, recs, "staff", D(2025, 12, 1)).state is ConditionState.MET
    )


def test_without_reassess_every_an_assessment_never_goes_stale() -> None:
    recs = _assessed(("staff", D(2015, 1, 1), ConditionStatus.MET))
    assert (
        condition_status(FW, recs, "staff", D(2035, 1, 1)).state is ConditionState.MET
    )


def test_an_assessment_is_stale_from_one_cadence_after_it() -> None:
    # Assessed 15 January, every three months: valid through 14 April.
    recs = _assessed(("method", D(2025, 1, 15), ConditionStatus.MET))
    last_valid = condition_status(FW, recs, "method", D(2025, 4, 14))
    first_stale = condition_status(FW, recs, "method", D(2025, 4, 15))
    assert last_valid.state is ConditionState.MET
    assert first_stale.state is ConditionState.STALE
    assert first_stale.stale_from == D(2025, 4, 15)
    assert first_stale.assessed_status is ConditionStatus.MET  # what it found, then


def test_month_end_assessments_go_stale_at_the_clamped_month_end() -> None:
    # 30 November + 3 months = 28 February (2025 is no leap year)
    recs = _assessed(("method", D(2024, 11, 30), ConditionStatus.NOT_MET))
    assert (
        condition_status(FW, recs, "method", D(2025, 2, 27)).state
        is ConditionState.NOT_MET
    )
    assert (
        condition_status(FW, recs, "method", D(2025, 2, 28)).state
        is ConditionState.STALE
    )


def test_an_expired_recognition_makes_an_earlier_assessment_stale() -> None:
    # Recognised through 30 June; assessed met on 1 June, every three months (by
    # the cadence valid through 31 August). From 1 July the method is no longer
    # proven, so the June finding no longer holds: stale from 1 July.
    recs = _assessed(("method", D(2025, 6, 1), ConditionStatus.MET))
    before = condition_status(FW, recs, "method", D(2025, 6, 30))
    after = condition_status(FW, recs, "method", D(2025, 7, 1))
    assert (before.recognition, before.recognition_expired) == (
        Recognition.WELL_FOUNDED,
        False,
    )
    assert before.state is ConditionState.MET
    assert before.stale_from == D(2025, 9, 1)
    assert (after.recognition, after.recognition_expired) == (None, True)
    assert after.state is ConditionState.STALE
    assert after.stale_from == D(2025, 7, 1)
    assert after.assessed_status is ConditionStatus.MET


def test_an_assessment_on_the_last_recognised_day_is_still_before_the_expiry() -> None:
    recs = _assessed(("method", D(2025, 6, 30), ConditionStatus.MET))
    assert (
        condition_status(FW, recs, "method", D(2025, 7, 1)).state
        is ConditionState.STALE
    )


def test_a_reassessment_after_the_expiry_counts_as_it_is() -> None:
    # Assessed again on 2 July, after the expiry: that judgement stands (met until
    # its own cadence runs out on 2 October), although the recognition is gone.
    recs = _assessed(
        ("method", D(2025, 6, 1), ConditionStatus.MET),
        ("method", D(2025, 7, 2), ConditionStatus.MET),
    )
    ev = condition_status(FW, recs, "method", D(2025, 7, 2))
    assert ev.state is ConditionState.MET
    assert ev.recognition_expired
    assert ev.stale_from == D(2025, 10, 2)


def test_an_earlier_cadence_day_wins_over_the_expiry() -> None:
    # Assessed 1 February every three months: stale from 1 May by the cadence,
    # before the recognition ends on 30 June; the earlier day counts.
    recs = _assessed(("method", D(2025, 2, 1), ConditionStatus.MET))
    ev = condition_status(FW, recs, "method", D(2025, 7, 15))
    assert ev.state is ConditionState.STALE
    assert ev.stale_from == D(2025, 5, 1)


def test_a_method_without_recognition_is_not_reported_as_expired() -> None:
    plain = ProcessCondition(
        id="plain", name="n", kind=ConditionKind.PROVEN_METHOD, method=Method(name="M")
    )
    fw = ResultsFramework(
        id="fw", name="fw", agreement=FW.agreement, conditions=(plain,)
    )
    ev = condition_status(fw, Records(), "plain", D(2030, 1, 1))
    assert (ev.recognition, ev.recognition_expired) == (None, False)


def test_unknown_condition_and_wrong_arguments() -> None:
    with pytest.raises(UnknownId):
        condition_status(FW, Records(), "nope", D(2025, 1, 1))
    with pytest.raises(InvalidValue, match="as_of"):
        condition_status(FW, Records(), "staff", "2025-01-01")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="condition_id"):
        condition_status(FW, Records(), 3, D(2025, 1, 1))  # type: ignore[arg-type]


_DAYS = st.integers(0, 1000).map(lambda k: D(2024, 1, 1) + dt.timedelta(days=k))


@given(
    st.lists(st.tuples(_DAYS, st.sampled_from(list(ConditionStatus))), max_size=6),
    _DAYS,
    _DAYS,
)
def test_as_of_earlier_never_uses_later_assessments(
    rows: list[tuple[dt.date, ConditionStatus]], day: dt.date, later: dt.date
) -> None:
    known = _assessed(*(("method", d, s) for d, s in rows if d <= day))
    extra = _assessed(
        *(("method", d, s) for d, s in rows),
        ("method", max(later, day) + dt.timedelta(days=1), ConditionStatus.NOT_MET),
    )
    assert condition_status(FW, known, "method", day) == condition_status(
        FW, extra, "method", day
    )
