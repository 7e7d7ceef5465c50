"""Dutch and English labels for the vocabularies of evaluation."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from resultframe import ConditionStatus
from resultframe.evaluation import ConditionState, IndicatorStatus, Verdict
from resultframe.labels import LABELS, LANGUAGES, label

if TYPE_CHECKING:
    import enum

EVALUATION_ENUMS: list[type[enum.Enum]] = [IndicatorStatus, ConditionState, Verdict]


@pytest.mark.parametrize("cls", EVALUATION_ENUMS, ids=lambda cls: cls.__name__)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_member_has_a_label_distinct_within_its_enum(
    cls: type[enum.Enum], lang: str
) -> None:
    assert set(LABELS[cls]) == set(cls)
    labels = [label(member, lang) for member in cls]
    assert all(x and x.strip() == x for x in labels), labels
    assert len(set(labels)) == len(labels), labels


@pytest.mark.parametrize(
    ("member", "en", "nl"),
    [
        (IndicatorStatus.ON_TRACK, "on track", "op schema"),
        (
            IndicatorStatus.DETERIORATED,
            "worse than the baseline",
            "slechter dan de nulmeting",
        ),
        (IndicatorStatus.NO_DATA, "no data", "geen gegevens"),
        (ConditionState.STALE, "assessment out of date", "toetsing verouderd"),
        (ConditionState.UNASSESSED, "not assessed", "niet getoetst"),
        (Verdict.UNSUSTAINED, "not sustained", "niet geborgd"),
    ],
)
def test_labels_use_the_domain_words(member: enum.Enum, en: str, nl: str) -> None:
    assert (label(member, "en"), label(member, "nl")) == (en, nl)


def test_a_condition_state_and_a_condition_status_keep_their_own_labels() -> None:
    # String enums: ConditionState.MET == ConditionStatus.MET == "met".
    state: object = ConditionState.MET
    assert state == ConditionStatus.MET
    assert (
        LABELS[ConditionState][ConditionState.MET]
        is not LABELS[ConditionStatus][ConditionStatus.MET]
    )
