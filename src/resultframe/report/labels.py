"""Dutch and English labels (labels) for every member of the enums we ship.

Enum values are lower-case English words meant for documents and programs; these
labels are what people read in reports and screens. They live in the report
layer because it may import every layer with enums (model, evaluation, steering);
:mod:`resultframe.labels` gives the same names.

>>> from resultframe.model.enums import Level, Question
>>> label(Level.MICRO, "nl")
'microniveau'
>>> label(Question.BETTER_OFF)
'Is anyone better off?'
>>> LABELS[Question][Question.HOW_WELL]["nl"]
'Hoe goed hebben we het gedaan?'

The table has one dictionary per enum, ``{member: (English, Dutch)}``, listed in
``_TABLES``. To give a new enum its labels, add such a dictionary and list it
there; a test fails for any member of :mod:`resultframe.model.enums` without
labels.

:data:`LABELS` is keyed by enum class first, then by member. A flat mapping keyed
by member would not work: the enums are string enums, so members of different
enums with the same value are equal and hash alike (``Role.PROFESSIONAL ==
Stakeholder.PROFESSIONAL``, ``Accumulation.SUM == Aggregation.SUM``), and one
would hide the other.
"""

from __future__ import annotations

import enum
import types
from typing import TYPE_CHECKING, Any, Final, TypeAlias

from resultframe.errors import InvalidValue
from resultframe.evaluation.status import ConditionState, IndicatorStatus, Verdict
from resultframe.model.enums import (
    Accumulation,
    Aggregation,
    ConditionKind,
    ConditionStatus,
    DecisionKind,
    Direction,
    FundingVariant,
    Level,
    Measure,
    Question,
    Recognition,
    ResultKind,
    Role,
    Stakeholder,
)
from resultframe.steering.agenda import AgendaAsk, AgendaReason
from resultframe.steering.lint import Severity

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["LABELS", "LANGUAGES", "label"]

LANGUAGES: Final = ("en", "nl")
"""The languages labels exist in, in the order of the pairs below."""

_Pair: TypeAlias = "tuple[str, str]"  # (English, Dutch)

_LEVEL: dict[Level, _Pair] = {
    Level.MICRO: ("micro level", "microniveau"),
    Level.MESO: ("meso level", "mesoniveau"),
    Level.MACRO: ("macro level", "macroniveau"),
}

_STAKEHOLDER: dict[Stakeholder, _Pair] = {
    Stakeholder.RESIDENT: ("resident", "inwoner"),
    Stakeholder.CAREGIVER: ("caregiver", "mantelzorger"),
    Stakeholder.HOUSEHOLD: ("household", "huishouden"),
    Stakeholder.NETWORK: ("network", "netwerk"),
    Stakeholder.PROFESSIONAL: ("professional", "professional"),
    Stakeholder.NEIGHBOURHOOD: ("neighbourhood", "wijk of buurt"),
    Stakeholder.INSTITUTION: ("institution", "instelling"),
    Stakeholder.SOCIETY: ("society", "samenleving"),
}

_RESULT_KIND: dict[ResultKind, _Pair] = {
    ResultKind.OUTPUT: ("output", "prestatie"),
    ResultKind.OUTCOME: ("outcome", "effect"),
    ResultKind.IMPACT: ("impact", "maatschappelijk effect"),
}

_MEASURE: dict[Measure, _Pair] = {
    Measure.QUANTITY: ("quantity", "hoeveelheid"),
    Measure.PERCENTAGE: ("percentage", "percentage"),
    Measure.BINARY: ("yes or no", "ja of nee"),
    Measure.ORDINAL: ("score on a scale", "score op een schaal"),
    Measure.QUALITATIVE: ("qualitative", "kwalitatief"),
}

_DIRECTION: dict[Direction, _Pair] = {
    Direction.INCREASE: ("increase", "toename"),
    Direction.DECREASE: ("decrease", "afname"),
    Direction.MAINTAIN: ("maintain", "handhaven"),
}

_QUESTION: dict[Question, _Pair] = {
    Question.HOW_MUCH: ("How much did we do?", "Hoeveel hebben we gedaan?"),
    Question.HOW_WELL: ("How well did we do it?", "Hoe goed hebben we het gedaan?"),
    Question.BETTER_OFF: ("Is anyone better off?", "Is iemand er beter van geworden?"),
}

_ACCUMULATION: dict[Accumulation, _Pair] = {
    Accumulation.LATEST: ("latest value", "laatste waarde"),
    Accumulation.SUM: ("sum over time", "optelling over de tijd"),
}

_AGGREGATION: dict[Aggregation, _Pair] = {
    Aggregation.COUNT: ("count", "aantal"),
    Aggregation.SUM: ("sum", "som"),
    Aggregation.MEAN: ("mean", "gemiddelde"),
    Aggregation.MEDIAN: ("median", "mediaan"),
    Aggregation.SHARE_IMPROVED: ("share improved", "aandeel verbeterd"),
    Aggregation.SHARE_REACHING: (
        "share reaching the threshold",
        "aandeel dat de drempel haalt",
    ),
    Aggregation.SHARE_TRUE: ("share yes", "aandeel ja"),
}

_CONDITION_KIND: dict[ConditionKind, _Pair] = {
    ConditionKind.PROVEN_METHOD: ("proven method", "bewezen methodiek"),
    ConditionKind.QUALITY_ASSURANCE: ("quality assurance", "kwaliteitsbewaking"),
    ConditionKind.EFFECT_MONITORING: (
        "effect monitoring (tracking what effort yields what for whom)",
        "effectmonitoring (bijhouden wat welke inzet oplevert voor wie)",
    ),
    ConditionKind.COMPETENCE: ("competence", "competentie"),
    ConditionKind.MANDATE: ("mandate", "mandaat"),
    ConditionKind.SELF_STEERING: ("self-steering", "zelfsturing"),
    ConditionKind.RESOURCES: ("resources", "middelen"),
    ConditionKind.OTHER: ("other", "overig"),
}

_CONDITION_STATUS: dict[ConditionStatus, _Pair] = {
    ConditionStatus.MET: ("met", "voldaan"),
    ConditionStatus.PARTLY_MET: ("partly met", "deels voldaan"),
    ConditionStatus.NOT_MET: ("not met", "niet voldaan"),
}

# The names of the Dutch recognition levels (Erkenningscommissie Interventies).
_RECOGNITION: dict[Recognition, _Pair] = {
    Recognition.WELL_DESCRIBED: ("Well described", "Goed beschreven"),
    Recognition.WELL_FOUNDED: ("Well founded", "Goed onderbouwd"),
    Recognition.FIRST_INDICATIONS: (
        "First indications of effect",
        "Effectief volgens eerste aanwijzingen",
    ),
    Recognition.GOOD_INDICATIONS: (
        "Good indications of effect",
        "Effectief volgens goede aanwijzingen",
    ),
    Recognition.STRONG_INDICATIONS: (
        "Strong indications of effect",
        "Effectief volgens sterke aanwijzingen",
    ),
}

# The names of the uitvoeringsvarianten of the iStandaarden (iWmo, iJw).
_FUNDING_VARIANT: dict[FundingVariant, _Pair] = {
    FundingVariant.EFFORT_BASED: ("Effort-based", "Inspanningsgericht"),
    FundingVariant.OUTPUT_BASED: ("Output-based", "Outputgericht"),
    FundingVariant.TASK_BASED: ("Task-based", "Taakgericht"),
}

_ROLE: dict[Role, _Pair] = {
    Role.COMMISSIONER: ("commissioner", "opdrachtgever"),
    Role.PROVIDER: ("provider", "aanbieder"),
    Role.PROFESSIONAL: ("professional", "professional"),
    Role.RESIDENT: ("resident", "inwoner"),
    Role.PARTNER: ("partner", "partner"),
}

_DECISION_KIND: dict[DecisionKind, _Pair] = {
    DecisionKind.CONTINUE: ("continue", "doorgaan"),
    DecisionKind.ADJUST_APPROACH: ("adjust the approach", "aanpak bijsturen"),
    DecisionKind.ADJUST_CONDITIONS: ("adjust the conditions", "condities bijsturen"),
    DecisionKind.ADJUST_TARGET: ("adjust the target", "streefwaarde bijstellen"),
    DecisionKind.SPREAD_SUCCESS: ("spread the success", "succes verspreiden"),
    DecisionKind.ESCALATE: ("escalate", "escaleren"),
    DecisionKind.STOP: ("stop", "stoppen"),
}

# The vocabularies of evaluation (resultframe.evaluation.status).
_INDICATOR_STATUS: dict[IndicatorStatus, _Pair] = {
    IndicatorStatus.ACHIEVED: ("achieved", "behaald"),
    IndicatorStatus.AHEAD: ("ahead of schedule", "voor op schema"),
    IndicatorStatus.ON_TRACK: ("on track", "op schema"),
    IndicatorStatus.BEHIND: ("behind schedule", "achter op schema"),
    IndicatorStatus.DETERIORATED: (
        "worse than the baseline",
        "slechter dan de nulmeting",
    ),
    IndicatorStatus.IMPROVED: ("improved", "verbeterd"),
    IndicatorStatus.STABLE: ("stable", "stabiel"),
    IndicatorStatus.WORSENED: ("worsened", "verslechterd"),
    IndicatorStatus.NO_DATA: ("no data", "geen gegevens"),
    IndicatorStatus.NARRATIVE: ("narrative", "verhaal"),
}

_CONDITION_STATE: dict[ConditionState, _Pair] = {
    ConditionState.MET: ("met", "voldaan"),
    ConditionState.PARTLY_MET: ("partly met", "deels voldaan"),
    ConditionState.NOT_MET: ("not met", "niet voldaan"),
    ConditionState.STALE: ("assessment out of date", "toetsing verouderd"),
    ConditionState.UNASSESSED: ("not assessed", "niet getoetst"),
}

_VERDICT: dict[Verdict, _Pair] = {
    Verdict.POSITIVE: ("positive", "positief"),
    Verdict.UNSUSTAINED: ("not sustained", "niet geborgd"),
    Verdict.NEGATIVE: ("negative", "negatief"),
    Verdict.UNDETERMINED: ("undetermined", "onbepaald"),
}

# The vocabularies of steering (resultframe.steering).
_AGENDA_REASON: dict[AgendaReason, _Pair] = {
    AgendaReason.BEHIND: ("behind schedule", "achter op schema"),
    AgendaReason.AHEAD: ("ahead of schedule", "voor op schema"),
    AgendaReason.CONDITION: (
        "process condition not in place",
        "procesconditie niet op orde",
    ),
    AgendaReason.UNSUSTAINED: ("result not sustained", "resultaat niet geborgd"),
    AgendaReason.NO_DATA: ("no data in the period", "geen gegevens in de periode"),
    AgendaReason.FOLLOW_UP: ("follow-up due", "opvolging aan de orde"),
    AgendaReason.DETERIORATED: (
        "residents worse than their start",
        "inwoners slechter dan bij hun start",
    ),
}

_AGENDA_ASK: dict[AgendaAsk, _Pair] = {
    AgendaAsk.STORY: ("ask for the story", "vraag het verhaal op"),
    AgendaAsk.OBSERVATIONS: ("ask for the measurements", "vraag de metingen op"),
    AgendaAsk.ASSESSMENT: (
        "ask for an assessment of the condition",
        "vraag een toetsing van de conditie",
    ),
}

_SEVERITY: dict[Severity, _Pair] = {
    Severity.ERROR: ("error", "fout"),
    Severity.WARNING: ("warning", "waarschuwing"),
    Severity.INFO: ("information", "ter informatie"),
}

# Every enum with labels, and its table. Add new enums here.
_TABLES: dict[type[enum.Enum], Mapping[Any, _Pair]] = {
    Level: _LEVEL,
    Stakeholder: _STAKEHOLDER,
    ResultKind: _RESULT_KIND,
    Measure: _MEASURE,
    Direction: _DIRECTION,
    Question: _QUESTION,
    Accumulation: _ACCUMULATION,
    Aggregation: _AGGREGATION,
    ConditionKind: _CONDITION_KIND,
    ConditionStatus: _CONDITION_STATUS,
    Recognition: _RECOGNITION,
    FundingVariant: _FUNDING_VARIANT,
    Role: _ROLE,
    DecisionKind: _DECISION_KIND,
    IndicatorStatus: _INDICATOR_STATUS,
    ConditionState: _CONDITION_STATE,
    Verdict: _VERDICT,
    AgendaReason: _AGENDA_REASON,
    AgendaAsk: _AGENDA_ASK,
    Severity: _SEVERITY,
}

LABELS: Final[Mapping[type[enum.Enum], Mapping[enum.Enum, Mapping[str, str]]]] = (
    types.MappingProxyType(
        {
            cls: types.MappingProxyType(
                {
                    member: types.MappingProxyType(
                        dict(zip(LANGUAGES, pair, strict=True))
                    )
                    for member, pair in table.items()
                }
            )
            for cls, table in _TABLES.items()
        }
    )
)
"""Read-only labels: ``LABELS[EnumClass][member][lang]``."""


def label(member: enum.Enum, lang: str = "en") -> str:
    """Return the label of an enum member in a language (``"en"`` or ``"nl"``).

    >>> from resultframe.model.enums import Recognition
    >>> label(Recognition.WELL_FOUNDED, lang="nl")
    'Goed onderbouwd'

    Raises:
        InvalidValue: *lang* is not one of :data:`LANGUAGES`, or *member* is not
            an enum member with labels.
    """
    if lang not in LANGUAGES:
        raise InvalidValue("lang", lang, f"expected one of {', '.join(LANGUAGES)}")
    table = LABELS.get(type(member)) if isinstance(member, enum.Enum) else None
    labels = table.get(member) if table is not None else None
    if labels is None:
        raise InvalidValue(
            "member", member, "expected a member of an enum that has labels"
        )
    return labels[lang]
