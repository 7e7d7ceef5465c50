"""Examples for the enums: values, and the order of Level and Recognition."""

from __future__ import annotations

import operator
from typing import TYPE_CHECKING

import pytest

from resultframe import Level, Recognition, Role, Stakeholder

if TYPE_CHECKING:
    from collections.abc import Callable


def test_level_is_ordered_by_scope() -> None:
    assert Level.MICRO < Level.MESO < Level.MACRO
    assert Level.MACRO > Level.MESO > Level.MICRO
    assert Level.MESO <= Level.MESO
    assert Level.MESO >= Level.MESO
    assert not Level.MACRO < Level.MICRO
    assert [Level.MICRO.rank, Level.MESO.rank, Level.MACRO.rank] == [0, 1, 2]


def test_level_order_is_by_scope_not_alphabetical() -> None:
    # Alphabetically "macro" < "meso" < "micro": exactly the wrong way round.
    assert sorted(["micro", "meso", "macro"]) == ["macro", "meso", "micro"]
    assert sorted([Level.MACRO, Level.MICRO, Level.MESO]) == [
        Level.MICRO,
        Level.MESO,
        Level.MACRO,
    ]
    assert max(Level) is Level.MACRO


def test_recognition_is_ordered_weakest_first() -> None:
    assert (
        Recognition.WELL_DESCRIBED
        < Recognition.WELL_FOUNDED
        < Recognition.FIRST_INDICATIONS
        < Recognition.GOOD_INDICATIONS
        < Recognition.STRONG_INDICATIONS
    )
    # Alphabetically "first_indications" would come first; by evidence it is third.
    assert min(Recognition) is Recognition.WELL_DESCRIBED
    assert Recognition.FIRST_INDICATIONS >= Recognition.WELL_FOUNDED


@pytest.mark.parametrize("op", [operator.lt, operator.le, operator.gt, operator.ge])
@pytest.mark.parametrize(
    ("left", "right"),
    [
        (Level.MICRO, "meso"),
        ("meso", Level.MICRO),
        (Level.MICRO, Recognition.WELL_DESCRIBED),
        (Recognition.GOOD_INDICATIONS, "good_indications"),
    ],
)
def test_ordering_against_another_type_raises_type_error(
    op: Callable[[object, object], bool], left: object, right: object
) -> None:
    with pytest.raises(TypeError, match="cannot order"):
        op(left, right)


def test_ordered_enums_still_equal_and_hash_as_their_value() -> None:
    meso: object = Level.MESO
    assert meso == "meso"
    assert hash(Level.MESO) == hash("meso")
    by_value: dict[str, int] = {Level.MESO: 1}
    assert by_value["meso"] == 1
    assert Level("macro") is Level.MACRO


def test_values_are_lower_case_english_words() -> None:
    assert [s.value for s in Stakeholder] == [
        "resident",
        "caregiver",
        "household",
        "network",
        "professional",
        "neighbourhood",
        "institution",
        "society",
    ]
    assert [r.value for r in Role] == [
        "commissioner",
        "provider",
        "professional",
        "resident",
        "partner",
    ]
