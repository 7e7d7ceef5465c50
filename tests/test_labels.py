"""Every enum member has a Dutch and an English label; label() refuses the rest."""

from __future__ import annotations

import enum
import inspect
import types

import pytest

from resultframe import InvalidValue, ResultframeError
from resultframe.labels import LABELS, LANGUAGES, label
from resultframe.model import enums
from resultframe.model.enums import (
    Accumulation,
    Aggregation,
    ConditionKind,
    Direction,
    FundingVariant,
    Level,
    Question,
    Recognition,
    ResultKind,
    Role,
    Stakeholder,
)


def _model_enums() -> list[type[enum.Enum]]:
    """Every enum with members defined in resultframe.model.enums."""
    return [
        obj
        for _, obj in inspect.getmembers(enums, inspect.isclass)
        if issubclass(obj, enum.Enum)
        and obj.__module__ == enums.__name__
        and len(obj) > 0
    ]


MODEL_ENUMS = _model_enums()


def test_introspection_finds_the_enums_of_the_model() -> None:
    # A guard for the test below: it must see every public enum of the module.
    assert {cls.__name__ for cls in MODEL_ENUMS} == set(enums.__all__)
    assert len(MODEL_ENUMS) == 14


@pytest.mark.parametrize("cls", MODEL_ENUMS, ids=lambda cls: cls.__name__)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_member_has_a_non_empty_label_distinct_within_its_enum(
    cls: type[enum.Enum], lang: str
) -> None:
    labels = [label(member, lang) for member in cls]
    assert all(isinstance(x, str) and x.strip() == x and x for x in labels), labels
    assert len(set(labels)) == len(labels), labels


def test_labels_has_exactly_the_members_of_each_enum() -> None:
    for cls in MODEL_ENUMS:
        assert set(LABELS[cls]) == set(cls), cls.__name__
        assert all(set(pair) == {"en", "nl"} for pair in LABELS[cls].values())


def test_every_labelled_enum_has_a_label_for_every_member() -> None:
    # Not only the model's: the evaluation's and steering's enums too (a reason
    # added to AgendaReason without a label broke every report of its agenda).
    assert len(LABELS) > len(MODEL_ENUMS)
    for cls, pairs in LABELS.items():
        assert set(pairs) == set(cls), cls.__name__


def test_languages_are_english_and_dutch() -> None:
    assert LANGUAGES == ("en", "nl")
    assert label(Level.MESO) == label(Level.MESO, "en") == "meso level"


@pytest.mark.parametrize(
    ("member", "en", "nl"),
    [
        (Level.MICRO, "micro level", "microniveau"),
        (Level.MACRO, "macro level", "macroniveau"),
        (Stakeholder.CAREGIVER, "caregiver", "mantelzorger"),
        (Stakeholder.NEIGHBOURHOOD, "neighbourhood", "wijk of buurt"),
        (ResultKind.OUTPUT, "output", "prestatie"),
        (ResultKind.OUTCOME, "outcome", "effect"),
        (ResultKind.IMPACT, "impact", "maatschappelijk effect"),
        (Direction.MAINTAIN, "maintain", "handhaven"),
        (Question.HOW_MUCH, "How much did we do?", "Hoeveel hebben we gedaan?"),
        (Question.HOW_WELL, "How well did we do it?", "Hoe goed hebben we het gedaan?"),
        (
            Question.BETTER_OFF,
            "Is anyone better off?",
            "Is iemand er beter van geworden?",
        ),
        (ConditionKind.PROVEN_METHOD, "proven method", "bewezen methodiek"),
        (
            ConditionKind.EFFECT_MONITORING,
            "effect monitoring (tracking what effort yields what for whom)",
            "effectmonitoring (bijhouden wat welke inzet oplevert voor wie)",
        ),
        (Recognition.WELL_DESCRIBED, "Well described", "Goed beschreven"),
        (Recognition.WELL_FOUNDED, "Well founded", "Goed onderbouwd"),
        (
            Recognition.FIRST_INDICATIONS,
            "First indications of effect",
            "Effectief volgens eerste aanwijzingen",
        ),
        (
            Recognition.GOOD_INDICATIONS,
            "Good indications of effect",
            "Effectief volgens goede aanwijzingen",
        ),
        (
            Recognition.STRONG_INDICATIONS,
            "Strong indications of effect",
            "Effectief volgens sterke aanwijzingen",
        ),
        (FundingVariant.EFFORT_BASED, "Effort-based", "Inspanningsgericht"),
        (FundingVariant.OUTPUT_BASED, "Output-based", "Outputgericht"),
        (FundingVariant.TASK_BASED, "Task-based", "Taakgericht"),
        (Role.COMMISSIONER, "commissioner", "opdrachtgever"),
        (Role.PROVIDER, "provider", "aanbieder"),
    ],
)
def test_labels_use_the_domain_names(member: enum.Enum, en: str, nl: str) -> None:
    assert label(member, "en") == en
    assert label(member, "nl") == nl


def test_members_of_different_enums_with_the_same_value_keep_their_own_labels() -> None:
    # String enums: Accumulation.SUM == Aggregation.SUM == "sum", with equal hashes.
    # A table keyed by member alone would give both the same label.
    accumulation_sum: object = Accumulation.SUM
    assert accumulation_sum == Aggregation.SUM
    assert label(Accumulation.SUM, "nl") == "optelling over de tijd"
    assert label(Aggregation.SUM, "nl") == "som"
    role: object = Role.PROFESSIONAL
    assert role == Stakeholder.PROFESSIONAL
    assert (
        LABELS[Role][Role.PROFESSIONAL]
        is not LABELS[Stakeholder][Stakeholder.PROFESSIONAL]
    )


@pytest.mark.parametrize("lang", ["de", "NL", "", "en-GB"])
def test_an_unknown_language_is_refused_naming_lang(lang: str) -> None:
    with pytest.raises(InvalidValue) as info:
        label(Level.MICRO, lang)
    assert info.value.field == "lang"
    assert str(info.value).startswith("lang: ")
    assert f"got {lang!r}" in str(info.value)
    assert "en, nl" in str(info.value)


class _Unlabelled(enum.Enum):
    ONLY = "only"


@pytest.mark.parametrize("member", [_Unlabelled.ONLY, "micro", None, 3])
def test_a_member_without_label_raises_invalid_value_not_key_error(
    member: object,
) -> None:
    with pytest.raises(InvalidValue) as info:
        label(member, "nl")  # type: ignore[arg-type]
    assert isinstance(info.value, ResultframeError)
    assert info.value.field == "member"
    assert f"got {member!r}" in str(info.value)


def test_labels_are_read_only() -> None:
    assert isinstance(LABELS, types.MappingProxyType)
    assert isinstance(LABELS[Level], types.MappingProxyType)
    assert isinstance(LABELS[Level][Level.MICRO], types.MappingProxyType)
    with pytest.raises(TypeError):
        LABELS[_Unlabelled] = {}  # type: ignore[index]
    with pytest.raises(TypeError):
        LABELS[Level][Level.MICRO]["nl"] = "anders"
    assert label(Level.MICRO, "nl") == "microniveau"
