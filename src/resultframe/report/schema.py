"""The JSON Schemas (2020-12) of the report's and the agenda's JSON documents.

``render(report, "json")`` writes a ``resultframe/report`` document and
``render_agenda(..., format="json")`` a ``resultframe/agenda`` document; these
schemas describe them for the tools that read them (``resultframe schema report``,
``resultframe schema agenda``). Every code list (verdicts, statuses, reasons,
decisions) is read from the enums themselves, so a new member is in the schema at
once; the shape is checked against the documents the bundled example renders
(``tests/test_report_schema.py``).

>>> schema = report_schema()
>>> schema["properties"]["format"]
{'const': 'resultframe/report'}
>>> sorted(agenda_schema()["$defs"]["item"]["properties"]["reason"]["enum"])
... # doctest: +NORMALIZE_WHITESPACE
['ahead', 'behind', 'condition', 'deteriorated', 'follow_up', 'no_data',
 'unsustained']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from resultframe.evaluation import ConditionState, IndicatorStatus, ReasonCode, Verdict
from resultframe.model.enums import (
    ConditionKind,
    DecisionKind,
    Direction,
    Level,
    Measure,
    Question,
    ResultKind,
    Stakeholder,
)
from resultframe.report._json import VERSION
from resultframe.report.labels import LANGUAGES
from resultframe.steering.agenda import AgendaAsk, AgendaReason

if TYPE_CHECKING:
    import enum

__all__ = ["agenda_schema", "report_schema"]

DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"


def _codes(cls: type[enum.Enum], *, null: bool = False) -> dict[str, Any]:
    values: list[object] = [m.value for m in cls]
    if null:
        values.append(None)
    return {"enum": values}


def _nullable(kind: str) -> dict[str, Any]:
    return {"type": [kind, "null"]}


_DAY: Final = {"type": "string", "format": "date"}
_NULL_DAY: Final = {"type": ["string", "null"], "format": "date"}
_NUMBER: Final = _nullable("number")
_REASON: Final = {
    "type": ["object", "null"],
    "properties": {
        "code": _codes(ReasonCode),
        "indicator": _nullable("string"),
        "condition": _nullable("string"),
        "progress": _NUMBER,
        "expected_progress": _NUMBER,
        "deviation": _NUMBER,
        "tolerance": _NUMBER,
        "on": {"type": ["string", "null"], "format": "date"},
    },
    "required": ["code"],
}
"""A reason (resultframe.evaluation.Reason): the rule, what it is about, the numbers."""
_REASON_TEXT: Final = _nullable("string")


def _closed(
    properties: dict[str, Any], *, optional: tuple[str, ...] = ()
) -> dict[str, Any]:
    """An object with exactly *properties*, all required but *optional*."""
    return {
        "type": "object",
        "properties": properties,
        "required": [k for k in properties if k not in optional],
        "additionalProperties": False,
    }


def _open(
    properties: dict[str, Any], *, optional: tuple[str, ...] = ()
) -> dict[str, Any]:
    """An object with at least *properties*, all required but *optional*.

    A later version may add keys.
    """
    return {
        "type": "object",
        "properties": properties,
        "required": [k for k in properties if k not in optional],
    }


_INTERVAL: Final = {
    "type": ["array", "null"],
    "prefixItems": [{"type": "number"}, {"type": "number"}],
    "minItems": 2,
    "maxItems": 2,
}
"""An interval ``[low, high]`` (``build_report(..., confidence=)``), or null."""
_CHANCE: Final = _nullable("boolean")
"""Whether a deviation is more than chance explains; null without an interval."""


def _agenda_item() -> dict[str, Any]:
    return _closed(
        {
            "reason": _codes(AgendaReason),
            "reason_label": {"type": "string"},
            "about": {"type": "string"},
            "result": _nullable("string"),
            "subject": _nullable("string"),
            "text": {"type": "string"},
            "suggests": {"type": "array", "items": _codes(DecisionKind)},
            "asks": _codes(AgendaAsk, null=True),
            "residents": {"type": ["integer", "null"], "minimum": 0},
            "weight": {"type": "number", "minimum": 0},
            "state": _codes(ConditionState, null=True),
            "decision": {"type": ["object", "null"]},
            "withheld": {"type": "boolean"},
            "progress": {"type": "number"},
            "expected_progress": {"type": "number"},
            "deviation": {"type": "number"},
            "tolerance": {"type": "number"},
            "subjects": {"type": "integer", "minimum": 0},
        },
        optional=(
            "progress",
            "expected_progress",
            "deviation",
            "tolerance",
            "subjects",
        ),
    )


def _indicator() -> dict[str, Any]:
    return _open(
        {
            "id": {"type": "string"},
            "name": {"type": "string"},
            "unit": {"type": "string"},
            "measure": _codes(Measure),
            "direction": _codes(Direction),
            "question": _codes(Question),
            "level": _codes(Level),
            "status": _codes(IndicatorStatus),
            "status_label": {"type": "string"},
            "withheld": {"type": "boolean"},
            "with_data": {"type": ["integer", "null"], "minimum": 0},
            "counts": {
                "type": "object",
                "propertyNames": _codes(IndicatorStatus),
                "additionalProperties": {"type": "integer", "minimum": 0},
            },
            "withheld_statuses": {"type": "array", "items": _codes(IndicatorStatus)},
            "withheld_count": {"type": "integer", "minimum": 0},
            "progress": _NUMBER,
            "expected_progress": _NUMBER,
            "deviation": _NUMBER,
            "progress_interval": _INTERVAL,
            "distinguishable": _CHANCE,
            "shares": {
                "type": "array",
                "items": _closed(
                    {
                        "status": _codes(IndicatorStatus),
                        "low": {"type": "number"},
                        "high": {"type": "number"},
                    }
                ),
            },
            "reason": _REASON,
            "reason_text": _REASON_TEXT,
            "groups": {
                "type": "array",
                "items": _open(
                    {
                        "subject": {"type": "string"},
                        "name": {"type": "string"},
                        "suppressed": {"type": "boolean"},
                        "status": _codes(IndicatorStatus, null=True),
                        "observed": _NUMBER,
                        "observed_on": _NULL_DAY,
                        "interval": _INTERVAL,
                        "distinguishable": _CHANCE,
                    },
                    optional=("interval", "distinguishable"),
                ),
            },
        },
        optional=("progress_interval", "distinguishable", "shares"),
    )


def _result() -> dict[str, Any]:
    return _open(
        {
            "id": {"type": "string"},
            "statement": {"type": "string"},
            "level": _codes(Level),
            "kind": _codes(ResultKind),
            "for_whom": {"type": "array", "items": _codes(Stakeholder)},
            "verdict": _codes(Verdict),
            "verdict_label": {"type": "string"},
            "reason": _REASON,
            "reason_text": {"type": "string"},
            "indicators": {"type": "array", "items": {"$ref": "#/$defs/indicator"}},
            "conditions": {
                "type": "array",
                "items": _open(
                    {
                        "id": {"type": "string"},
                        "name": {"type": "string"},
                        "kind": _codes(ConditionKind),
                        "state": _codes(ConditionState),
                        "state_label": {"type": "string"},
                        "assessed_on": _NULL_DAY,
                        "reason": _REASON,
                        "reason_text": _REASON_TEXT,
                    }
                ),
            },
        }
    )


_PERIOD: Final = {
    "type": ["object", "null"],
    "properties": {"start": _DAY, "end": _DAY},
    "required": ["start", "end"],
}


def report_schema() -> dict[str, Any]:
    """The JSON Schema of a ``resultframe/report`` document (``render(..., "json")``)."""
    named = _closed({"id": {"type": "string"}, "name": {"type": "string"}})
    return {
        "$schema": DIALECT,
        "$id": "resultframe/report.schema.json",
        "title": "resultframe report",
        "description": (
            "A report rendered as JSON: what the text, Markdown and HTML reports "
            "show, as codes and numbers, with the same privacy rules. 'evaluation' "
            "is a resultframe/evaluation document (resultframe schema evaluation)."
        ),
        **_closed(
            {
                "format": {"const": "resultframe/report"},
                "version": {"const": VERSION},
                "lang": {"enum": list(LANGUAGES)},
                "framework": named,
                "as_of": _DAY,
                "min_group": {"type": "integer", "minimum": 0},
                "cycle": {"anyOf": [named, {"type": "null"}]},
                "period": _PERIOD,
                "agreement": _open(
                    {
                        "purpose": {"type": "string"},
                        "context": {"type": "string"},
                        "period": _PERIOD,
                        "means": {"type": "array"},
                        "parties": {"type": "array"},
                    }
                ),
                "summary": _closed(
                    {
                        "verdicts": {
                            "type": "object",
                            "propertyNames": _codes(Verdict),
                            "additionalProperties": {"type": "integer", "minimum": 0},
                        },
                        "behind": {"type": "integer", "minimum": 0},
                        "ahead": {"type": "integer", "minimum": 0},
                        "agenda": {"type": "integer", "minimum": 0},
                    }
                ),
                "results": {"type": "array", "items": {"$ref": "#/$defs/result"}},
                "deviations": {
                    "type": "array",
                    "items": _open(
                        {
                            "result": {"type": "string"},
                            "indicator": {"type": "string"},
                            "subject": _nullable("string"),
                            "direction": {"enum": ["ahead", "behind"]},
                            "status": _codes(IndicatorStatus),
                            "tolerance": {"type": "number"},
                            "withheld": {"type": "boolean"},
                            "distinguishable": _CHANCE,
                        },
                        optional=("distinguishable",),
                    ),
                },
                "agenda": {"type": "array", "items": {"$ref": "#/$defs/item"}},
                "notes": _closed(
                    {
                        "from": _NULL_DAY,
                        "to": _NULL_DAY,
                        "observation_notes": {"type": "boolean"},
                        "items": {"type": "array", "items": {"type": "object"}},
                    }
                ),
                "evaluation": _open(
                    {"format": {"const": "resultframe/evaluation"}},
                ),
                "charts": {
                    "type": "array",
                    "items": _open(
                        {"title": {"type": "string"}, "spec": {"type": "object"}}
                    ),
                },
            }
        ),
        "$defs": {
            "result": _result(),
            "indicator": _indicator(),
            "item": _agenda_item(),
        },
    }


def agenda_schema() -> dict[str, Any]:
    """The JSON Schema of a ``resultframe/agenda`` document (``render_agenda``)."""
    return {
        "$schema": DIALECT,
        "$id": "resultframe/agenda.schema.json",
        "title": "resultframe agenda",
        "description": (
            "The agenda of a review as JSON, heaviest item first (weight: the size "
            "of what is wrong times the residents it concerns)."
        ),
        **_closed(
            {
                "format": {"const": "resultframe/agenda"},
                "version": {"const": VERSION},
                "lang": {"enum": list(LANGUAGES)},
                "framework": _closed(
                    {"id": {"type": "string"}, "name": {"type": "string"}}
                ),
                "period": _PERIOD,
                "items": {"type": "array", "items": {"$ref": "#/$defs/item"}},
            }
        ),
        "$defs": {"item": _agenda_item()},
    }
