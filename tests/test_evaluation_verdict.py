"""The verdict table, enumerated completely (DESIGN §4, seed 2 §3)."""

from __future__ import annotations

import itertools

import pytest

from resultframe import InvalidValue
from resultframe.evaluation import ConditionState, IndicatorStatus, Verdict, verdict

S = IndicatorStatus
C = ConditionState

PROBLEM = {S.BEHIND, S.DETERIORATED, S.WORSENED}
PRODUCT = {S.ACHIEVED, S.AHEAD, S.ON_TRACK, S.IMPROVED}


def _expected(statuses: tuple[S, ...], states: tuple[C, ...]) -> Verdict:
    """The table in words: negative, else undetermined, else positive/unsustained."""
    if any(s in PROBLEM for s in statuses):
        return Verdict.NEGATIVE
    # An indicator never measured: the product is not known to be there.
    if S.NO_DATA in statuses or not any(s in PRODUCT for s in statuses):
        return Verdict.UNDETERMINED
    if all(c is C.MET for c in states):
        return Verdict.POSITIVE
    return Verdict.UNSUSTAINED


# Every combination of up to two indicator statuses (all ten) with up to two
# condition states (all five): 1 + 10 + 100 status tuples x 1 + 5 + 25 states.
_STATUS_TUPLES = [t for n in range(3) for t in itertools.product(list(S), repeat=n)]
_STATE_TUPLES = [t for n in range(3) for t in itertools.product(list(C), repeat=n)]


def test_the_table_is_enumerated_completely() -> None:
    seen: dict[Verdict, int] = dict.fromkeys(Verdict, 0)
    for statuses in _STATUS_TUPLES:
        for states in _STATE_TUPLES:
            got = verdict(statuses, states)
            assert got is _expected(statuses, states), (statuses, states)
            seen[got] += 1
    # every verdict occurs; 111 x 31 combinations in all
    assert all(seen.values())
    assert sum(seen.values()) == 111 * 31


@pytest.mark.parametrize(
    ("statuses", "states", "expected"),
    [
        # the product is there and the process is kept alive
        ((S.ON_TRACK,), (C.MET, C.MET), Verdict.POSITIVE),
        # no conditions linked: positive (the linter flags such a result)
        ((S.ACHIEVED,), (), Verdict.POSITIVE),
        # one condition stale, unassessed, partly or not met: unsustained
        ((S.AHEAD,), (C.MET, C.STALE), Verdict.UNSUSTAINED),
        ((S.IMPROVED,), (C.UNASSESSED,), Verdict.UNSUSTAINED),
        ((S.ON_TRACK,), (C.PARTLY_MET,), Verdict.UNSUSTAINED),
        # a problem anywhere wins, whatever the conditions
        ((S.ACHIEVED, S.BEHIND), (C.MET,), Verdict.NEGATIVE),
        ((S.WORSENED,), (), Verdict.NEGATIVE),
        # nothing to judge by
        ((S.NO_DATA, S.NARRATIVE, S.STABLE), (C.MET,), Verdict.UNDETERMINED),
        # one indicator achieved, the other never measured: no verdict from
        # missing data (issue: this was called positive)
        ((S.ACHIEVED, S.NO_DATA), (C.MET,), Verdict.UNDETERMINED),
        ((S.ON_TRACK, S.NO_DATA), (), Verdict.UNDETERMINED),
        # ... but a problem found is still a problem
        ((S.BEHIND, S.NO_DATA), (C.MET,), Verdict.NEGATIVE),
        ((), (C.MET,), Verdict.UNDETERMINED),
    ],
)
def test_examples_in_words(
    statuses: tuple[S, ...], states: tuple[C, ...], expected: Verdict
) -> None:
    assert verdict(statuses, states) is expected


def test_order_of_statuses_and_states_does_not_matter() -> None:
    for statuses in _STATUS_TUPLES:
        for states in _STATE_TUPLES[:6]:
            assert verdict(statuses[::-1], states[::-1]) is verdict(statuses, states)


@pytest.mark.parametrize(
    ("statuses", "states", "field"),
    [
        ("on_track", (), "statuses"),
        (["on_track"], (), "statuses[0]"),
        ((S.ON_TRACK,), ["met"], "conditions[0]"),
        ((S.ON_TRACK,), 3, "conditions"),
    ],
)
def test_wrong_items_are_named(statuses: object, states: object, field: str) -> None:
    with pytest.raises(InvalidValue) as info:
        verdict(statuses, states)  # type: ignore[arg-type]
    assert info.value.field == field
