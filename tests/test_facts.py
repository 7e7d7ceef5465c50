"""Examples for the rules the facts check in their constructors.

For each rule: a value that passes and one that is refused, with the exception
class and a message that names the field and the value.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import math
from typing import TYPE_CHECKING, Any

import pytest

from resultframe import (
    Baseline,
    ConditionAssessment,
    ConditionStatus,
    Decision,
    DecisionKind,
    Goal,
    InvalidValue,
    Level,
    Observation,
    Period,
    PrivacyError,
    Review,
    Subject,
    Target,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

D = dt.date
JAN, MAR, DEC = D(2025, 1, 1), D(2025, 3, 31), D(2025, 12, 31)


@contextlib.contextmanager
def refused(field: str, value: object) -> Iterator[pytest.ExceptionInfo[InvalidValue]]:
    """Expect an InvalidValue whose message names *field* and *value*."""
    with pytest.raises(InvalidValue) as info:
        yield info
    error = info.value
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


# -- Subject: the BSN guard -------------------------------------------------------
# 111222333: 9*1 + 8*1 + 7*1 + 6*2 + 5*2 + 4*2 + 3*3 + 2*3 - 1*3
#          = 9 + 8 + 7 + 12 + 10 + 8 + 9 + 6 - 3 = 66 = 6 * 11: passes the eleven test.
# 123456789: 9*1 + 8*2 + 7*3 + 6*4 + 5*5 + 4*6 + 3*7 + 2*8 - 1*9
#          = 9 + 16 + 21 + 24 + 25 + 24 + 21 + 16 - 9 = 147 = 13 * 11 + 4: fails.

BSN = "111222333"


@pytest.mark.parametrize("bsn_like", [BSN, "111.222.333", "1112-22-333"])
def test_an_id_that_passes_the_eleven_test_is_refused(bsn_like: str) -> None:
    with pytest.raises(PrivacyError) as info:
        Subject(id=bsn_like, level=Level.MICRO)
    error = info.value
    assert isinstance(error, InvalidValue)
    assert isinstance(error, ValueError)
    assert error.field == "id"
    message = str(error)
    assert message.startswith("id: ")
    assert "resultframe.pseudonymize" in message
    assert "allow_bsn_like_id=True" in message
    # The refused value never appears: not in the message, not in the error.
    assert bsn_like not in message
    assert "111222333" not in message
    assert "222" not in message
    assert error.value == "<withheld>"
    assert bsn_like not in repr(error)
    assert bsn_like not in repr(error.args)


def test_a_bsn_like_id_is_allowed_when_asked() -> None:
    subject = Subject(id=BSN, level=Level.MICRO, allow_bsn_like_id=True)
    assert subject.id == BSN
    # The flag is not part of equality or repr.
    assert "allow_bsn_like_id" not in repr(subject)
    plain = Subject(id="r1", level=Level.MICRO)
    assert plain == Subject(id="r1", level=Level.MICRO, allow_bsn_like_id=True)


def test_an_id_that_fails_the_eleven_test_is_accepted() -> None:
    assert Subject(id="123456789", level=Level.MICRO).id == "123456789"


def test_allow_bsn_like_id_is_a_bool() -> None:
    with refused("allow_bsn_like_id", "yes"):
        Subject(id="r1", level=Level.MICRO, allow_bsn_like_id="yes")  # type: ignore[arg-type]


# -- Subject: levels, names, part_of ----------------------------------------------


def test_a_micro_subject_has_no_name() -> None:
    assert Subject(id="wijk-noord", level=Level.MESO, name="Noord").name == "Noord"
    assert Subject(id="gemeente", level=Level.MACRO, name="Utrecht").name == "Utrecht"
    with pytest.raises(InvalidValue) as info:
        Subject(id="r1", level=Level.MICRO, name="Jan Jansen")
    assert info.value.field == "name"
    # The name of a resident is withheld from the message too.
    assert "Jan Jansen" not in str(info.value)
    assert str(info.value).startswith("name: ")
    assert info.value.value == "<withheld>"


def test_a_macro_subject_is_part_of_nothing() -> None:
    assert Subject(id="r1", level=Level.MICRO, part_of="wijk-noord").part_of
    assert Subject(id="wijk-noord", level=Level.MESO, part_of="gemeente").part_of
    with refused("part_of", "provincie"):
        Subject(id="gemeente", level=Level.MACRO, part_of="provincie")


def test_a_subject_is_not_part_of_itself() -> None:
    with refused("part_of", "wijk-noord"):
        Subject(id="wijk-noord", level=Level.MESO, part_of="wijk-noord")


def test_subject_id_level_and_part_of_are_checked() -> None:
    with refused("id", "r 1"):
        Subject(id="r 1", level=Level.MICRO)
    with refused("level", "micro"):
        Subject(id="r1", level="micro")  # type: ignore[arg-type]
    with refused("part_of", ""):
        Subject(id="r1", level=Level.MICRO, part_of="")


# -- Subject: dimensions ------------------------------------------------------------


def test_dimensions_are_a_frozenset_of_pairs() -> None:
    subject = Subject(
        id="r1",
        level=Level.MICRO,
        dimensions=frozenset({("age_group", "18-27"), ("wijk", "noord")}),
    )
    assert subject.dimension("age_group") == "18-27"
    assert subject.dimension("gender") is None


def test_dimensions_as_a_dict_are_refused_with_a_hint() -> None:
    dims = {"age_group": "18-27"}
    with refused("dimensions", dims) as info:
        Subject(id="r1", level=Level.MICRO, dimensions=dims)  # type: ignore[arg-type]
    assert "frozenset(mapping.items())" in str(info.value)


@pytest.mark.parametrize(
    "pair", [("age_group",), ("age_group", ""), ("age_group", 18), "age_group"]
)
def test_a_dimension_is_a_pair_of_non_empty_strings(pair: Any) -> None:
    with refused("dimensions", pair):
        Subject(id="r1", level=Level.MICRO, dimensions=frozenset({pair}))


def test_a_dimension_key_appears_once() -> None:
    dims = frozenset({("age_group", "18-27"), ("age_group", "28-65")})
    with refused("dimensions", "age_group"):
        Subject(id="r1", level=Level.MICRO, dimensions=dims)


# -- Observation --------------------------------------------------------------------


def observation(value: Any, **fields: Any) -> Observation:
    base: dict[str, Any] = {"indicator": "zrm-fin", "subject": "r1", "on": MAR}
    return Observation(value=value, **{**base, **fields})


@pytest.mark.parametrize(
    "value",
    [3, -2, 2.5, 0.0, True, False, "Gaat beter met de schulden", 2**53, -(2**53)],
)
def test_observation_values_of_every_measure_are_accepted(value: object) -> None:
    assert observation(value).value == value


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_observation_value_is_a_finite_number(value: float) -> None:
    with refused("value", value):
        observation(value)


@pytest.mark.parametrize("value", [2**53 + 1, -(2**53) - 1, 10**20])
def test_observation_whole_number_fits_a_float_exactly(value: int) -> None:
    with refused("value", value):
        observation(value)


@pytest.mark.parametrize("value", ["", "   ", "\n\t"])
def test_observation_text_is_not_blank(value: str) -> None:
    with refused("value", value):
        observation(value)


@pytest.mark.parametrize("value", [None, [3], b"3", 1j])
def test_observation_value_of_another_type_is_refused(value: object) -> None:
    with refused("value", value):
        observation(value)


def test_observation_other_fields() -> None:
    assert observation(3, note="Na de schuldhulp", source="wijkteam").note
    with refused("on", "2025-03-31"):
        observation(3, on="2025-03-31")
    with refused("indicator", "zrm fin"):
        observation(3, indicator="zrm fin")
    with refused("note", None):
        observation(3, note=None)


# -- Goal ---------------------------------------------------------------------------


def test_a_goal_baseline_lies_before_its_target() -> None:
    goal = Goal(
        subject="r1",
        indicator="zrm-fin",
        target=Target(value=4, by=DEC),
        baseline=Baseline(value=2, on=JAN),
    )
    assert goal.baseline is not None
    assert (
        Goal(subject="r1", indicator="zrm-fin", target=Target(value=4, by=DEC)).baseline
        is None
    )
    with refused("target.by", JAN):
        Goal(
            subject="r1",
            indicator="zrm-fin",
            target=Target(value=4, by=JAN),
            baseline=Baseline(value=2, on=JAN),
        )
    with refused("target.by", JAN):
        Goal(
            subject="r1",
            indicator="zrm-fin",
            target=Target(value=4, by=JAN),
            baseline=Baseline(value=2, on=MAR),
        )


def test_goal_fields_are_checked() -> None:
    with refused("target", 4):
        Goal(subject="r1", indicator="zrm-fin", target=4)  # type: ignore[arg-type]
    with refused("subject", "r/1"):
        Goal(subject="r/1", indicator="zrm-fin", target=Target(value=4, by=DEC))


# -- ConditionAssessment and Decision -------------------------------------------------


def test_condition_assessment_fields() -> None:
    a = ConditionAssessment(
        condition="zrm-training",
        on=MAR,
        status=ConditionStatus.PARTLY_MET,
        assessed_by="gemeente",
    )
    assert a.status is ConditionStatus.PARTLY_MET
    with refused("status", "met"):
        ConditionAssessment(condition="c", on=MAR, status="met")  # type: ignore[arg-type]
    with refused("assessed_by", "de gemeente"):
        ConditionAssessment(
            condition="c", on=MAR, status=ConditionStatus.MET, assessed_by="de gemeente"
        )


def test_decision_fields() -> None:
    d = Decision(
        kind=DecisionKind.ADJUST_APPROACH,
        about=("zrm-fin", "schulden"),
        follow_up_by=D(2025, 6, 30),
    )
    assert d.about == ("zrm-fin", "schulden")
    assert Decision(kind=DecisionKind.CONTINUE).about == ()
    with refused("kind", "continue"):
        Decision(kind="continue")  # type: ignore[arg-type]
    with refused("about[1]", "a"):
        Decision(kind=DecisionKind.STOP, about=("a", "a"))
    with refused("follow_up_by", "soon"):
        Decision(kind=DecisionKind.STOP, follow_up_by="soon")  # type: ignore[arg-type]


# -- Review -------------------------------------------------------------------------

Q1 = Period(start=JAN, end=MAR)
FINGERPRINT = hashlib.sha256(b"framework").hexdigest()


def test_a_review_is_held_on_or_after_the_period_starts() -> None:
    assert Review(cycle="q", period=Q1, held_on=D(2025, 4, 10)).note == ""
    assert Review(cycle="q", period=Q1, held_on=JAN).held_on == JAN  # the first day
    with refused("held_on", D(2024, 12, 31)):
        Review(cycle="q", period=Q1, held_on=D(2024, 12, 31))


def test_a_review_fingerprint_is_64_lower_case_hex_digits() -> None:
    assert len(FINGERPRINT) == 64
    review = Review(
        cycle="q", period=Q1, held_on=D(2025, 4, 10), framework_fingerprint=FINGERPRINT
    )
    assert review.framework_fingerprint == FINGERPRINT
    for bad in (FINGERPRINT.upper(), FINGERPRINT[:63], FINGERPRINT + "0", "g" * 64):
        with refused("framework_fingerprint", bad):
            Review(
                cycle="q", period=Q1, held_on=D(2025, 4, 10), framework_fingerprint=bad
            )


def test_review_fields_are_checked() -> None:
    with refused("period", (JAN, MAR)):
        Review(cycle="q", period=(JAN, MAR), held_on=MAR)  # type: ignore[arg-type]
    with refused("decisions[0]", "continue"):
        Review(cycle="q", period=Q1, held_on=MAR, decisions=("continue",))  # type: ignore[arg-type]
    with refused("framework_fingerprint", 12):
        Review(cycle="q", period=Q1, held_on=MAR, framework_fingerprint=12)  # type: ignore[arg-type]
