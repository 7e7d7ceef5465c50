"""The CSV fact files described as Frictionless Table Schemas (tabelbeschrijving).

Data teams check CSV files with the `Frictionless <https://frictionlessdata.io>`_
tools and read their columns from a Table Schema. :func:`table_schema` writes one
for each kind of fact file (observations, subjects, goals, assessments) from the
same declarations :func:`~resultframe.serialization.read_csv` reads them with:
the columns and the required ones of each kind, and each column's type from the
field of the model class it fills (a day is a ``date``, a number a ``number``, a
code lists its members). ``resultframe schema observations`` prints one.

>>> schema = table_schema("assessments")
>>> [f["name"] for f in schema["fields"]]
['condition', 'on', 'status', 'note', 'assessed_by']
>>> schema["fields"][2]["constraints"]
{'required': True, 'enum': ['met', 'partly_met', 'not_met']}
>>> schema["fields"][1]["type"], schema["fields"][1]["format"]
('date', 'default')
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from typing import Any, Final

from resultframe.errors import InvalidValue
from resultframe.serialization._sources import (
    CLASSES,
    COLUMNS,
    DIMENSION,
    FACT_KINDS,
    REQUIRED,
)

__all__ = ["PROFILE", "table_schema"]

PROFILE: Final = "https://datapackage.org/profiles/2.0/tableschema.json"
"""The Table Schema profile (version 2) the descriptors follow."""

_DESCRIPTIONS: Final = {
    "observations": "One observation per row: an indicator's value for a subject on a day.",
    "subjects": (
        "One subject per row: a resident (by pseudonym), a neighbourhood or the "
        f"municipality. A column '{DIMENSION}<key>' per dimension (for example "
        f"'{DIMENSION}age_group') may follow the columns listed here."
    ),
    "goals": (
        "One goal per row: a resident's own target on an indicator (a GAS goal). "
        "The baseline is optional as a whole: fill baseline.value and baseline.on "
        "together, or leave all baseline columns empty."
    ),
    "assessments": "One assessment per row: the state of a process condition on a day.",
}


def _field_type(cls: type, path: str) -> Any:  # noqa: ANN401 - a type hint
    """The type hint of column *path* (``target.by``) of class *cls*."""
    tp: Any = cls
    for part in path.split("."):
        tp = _strip_none(tp)
        tp = typing.get_type_hints(tp)[part]
    return tp


def _strip_none(tp: Any) -> Any:  # noqa: ANN401 - a type hint
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return tp


def _describe(tp: Any) -> dict[str, Any]:  # noqa: ANN401 - a type hint
    """The Table Schema type (and, for a code, its members) of a type hint."""
    tp = _strip_none(tp)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"type": "string", "enum": [m.value for m in tp]}
    if tp is dt.date:
        return {"type": "date", "format": "default"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if tp is str:
        return {"type": "string"}
    # An observation's value: a number, true/false or a label of a scale.
    return {"type": "any"}


def table_schema(kind: str) -> dict[str, Any]:
    """Return the Frictionless Table Schema of a CSV file of facts of *kind*.

    Args:
        kind: ``observations``, ``subjects``, ``goals`` or ``assessments``.

    Raises:
        InvalidValue: *kind* is not a kind of fact file.
    """
    if kind not in FACT_KINDS:
        raise InvalidValue("kind", kind, f"expected one of {', '.join(FACT_KINDS)}")
    cls = CLASSES[kind]
    fields = []
    for name in COLUMNS[kind]:
        described = _describe(_field_type(cls, name))
        field: dict[str, Any] = {"name": name, "type": described["type"]}
        if "format" in described:
            field["format"] = described["format"]
        constraints: dict[str, Any] = {}
        if name in REQUIRED[kind]:
            constraints["required"] = True
        if "enum" in described:
            constraints["enum"] = described["enum"]
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    return {
        "$schema": PROFILE,
        "title": f"resultframe {kind}",
        "description": _DESCRIPTIONS[kind],
        "fields": fields,
        # Optional columns may be left out and columns come in any order; a
        # subjects file adds its dimension columns.
        "fieldsMatch": "partial" if kind == "subjects" else "superset",
        "missingValues": [""],
    }
