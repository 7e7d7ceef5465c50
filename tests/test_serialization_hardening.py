"""Refusing bad documents: every problem listed, and in time linear in the size."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resultframe._canonical.converter import MAX_ITEM_ERRORS
from resultframe.errors import InvalidDocument
from resultframe.serialization import loads


def _records(**parts: object) -> str:
    return json.dumps({"format": "resultframe/records", "version": 1, **parts})


def _problems(document: str) -> tuple[str, ...]:
    with pytest.raises(InvalidDocument) as info:
        loads(document)
    return info.value.errors


BAD_OBSERVATIONS = {
    "indicator": ["i", "-x"],
    "subject": ["a", "a"],
    "on": ["2025-01-01", "2025-13-02"],
    "value": [1, {}],
}


def test_problems_in_every_part_of_a_records_document_are_listed() -> None:
    # A goal without keys, a subject of an unknown level, and observation columns
    # with a bad day, a bad id and a value of no type: each is reported, the
    # observations' own problems (found by Records) as well as the others.
    errors = _problems(
        _records(
            goals=[{}],
            subjects=[{"id": "a", "level": "street"}],
            observations=BAD_OBSERVATIONS,
        )
    )
    paths = [e.rpartition(" @ ")[2] for e in errors]
    assert "$.goals[0].subject" in paths
    assert "$.subjects[0].level" in paths
    assert "$.observations.on[1]" in paths
    assert "$.observations.indicator[1]" in paths
    assert "$.observations.value[1]" in paths
    assert len(paths) == len(set(paths)), "no problem is reported twice"


@given(
    goal_broken=st.booleans(),
    subject_broken=st.booleans(),
    observation_broken=st.booleans(),
)
def test_a_problem_in_one_part_never_hides_one_in_another(
    goal_broken: bool, subject_broken: bool, observation_broken: bool
) -> None:
    good_observations = {
        "indicator": ["i"],
        "subject": ["a"],
        "on": ["2025-01-01"],
        "value": [1],
    }
    bad_id = dict(good_observations, indicator=["-x"])
    document = _records(
        goals=[{}] if goal_broken else [],
        subjects=[{"id": "a", "level": "street" if subject_broken else "micro"}],
        observations=bad_id if observation_broken else good_observations,
    )
    if not (goal_broken or subject_broken or observation_broken):
        loads(document)
        return
    paths = {e.rpartition(" @ ")[2] for e in _problems(document)}
    assert ("$.goals[0].subject" in paths) is goal_broken
    assert ("$.subjects[0].level" in paths) is subject_broken
    assert ("$.observations.indicator[0]" in paths) is observation_broken


def test_a_huge_array_of_bad_items_is_left_unchecked_after_the_cap() -> None:
    # 100,000 empty goals (a 300 KB document), three problems each. Checking stops
    # after MAX_ITEM_ERRORS (1,000) bad goals: 3,000 problems and one saying the
    # other 99,000 goals were not checked. The list keeps the first 1,000 and says
    # how many more there are, and that some items went unchecked.
    errors = _problems(_records(goals=[{}] * 100_000))
    assert len(errors) == 1001
    assert errors[-1] == (
        "... and 2001 more problems, and the items after a run of invalid ones "
        "unchecked @ $"
    )


def test_the_stop_is_reported_at_the_first_unchecked_item() -> None:
    # With a second kind of problem first (an unknown key per goal) the list stays
    # short enough to show the stop itself: 1,000 goals with 1 problem each, then
    # the stop at goal 1,000.
    goal = {
        "subject": "s",
        "indicator": "i",
        "target": {"value": 1, "by": "2025-01-01"},
    }
    bad = dict(goal, colour="red")
    errors = _problems(_records(goals=[bad] * (MAX_ITEM_ERRORS + 5)))
    assert len(errors) == 1001
    assert (
        errors[-1]
        == "... and 1 more problems, and the items after a run of invalid ones unchecked @ $"
    )


def test_goals_that_differ_only_in_0_and_0_point_0_keep_one_order() -> None:
    # Two goals of one resident, indicator and day whose targets are 0 and 0.0 (equal
    # numbers) with different notes. Ordered by repr, "value=0," and "value=0.0"
    # swapped places when a round trip turned one into the other, so dump -> load ->
    # dump was not byte-identical. Ordered canonically, 0 and 0.0 are one key and
    # the notes decide.
    import datetime as dt  # noqa: PLC0415

    from resultframe import Goal, Records, Target  # noqa: PLC0415
    from resultframe.serialization import dumps  # noqa: PLC0415

    day = dt.date(2025, 12, 31)
    goals = [
        Goal(subject="r1", indicator="i", target=Target(value=0.0, by=day, note="b")),
        Goal(subject="r1", indicator="i", target=Target(value=0, by=day, note="a")),
    ]
    for order in (goals, goals[::-1]):
        records = Records(goals=order)
        assert [g.target.note for g in records.goals] == ["a", "b"]
        first = dumps(records)
        again = dumps(loads(first))
        assert again == first
        assert loads(again) == records


def test_read_csv_with_a_framework_refuses_a_value_off_the_scale() -> None:
    # ZRM scores run 1-5: a 9 is refused with its line while reading (it was only
    # found later by Records.check), and the good row is kept.
    import io  # noqa: PLC0415

    from resultframe import example  # noqa: PLC0415
    from resultframe.serialization import read_csv  # noqa: PLC0415

    data = (
        "indicator,subject,on,value\n"
        "zrm2017-financien,r-00001,2025-03-01,9\n"
        "zrm2017-financien,r-00001,2025-04-01,3\n"
        "wijk-tevredenheid,wijk-noord,2025-04-01,101\n"
    )
    result = read_csv(
        io.StringIO(data),
        "observations",
        framework=example.framework(),
        on_error="collect",
    )
    assert [o.value for o in result.records] == [3]
    lines = {r.line: r.problems[0][1] for r in result.rejected}
    assert sorted(lines) == [2, 4]
    assert "on the indicator's scale" in lines[2]
    assert "from 0 to 100" in lines[4]
