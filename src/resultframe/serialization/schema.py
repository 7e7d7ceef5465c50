"""JSON Schema (2020-12) of each kind of document, generated from the model classes.

The schema is built by walking the attrs fields of the classes: their types give
the JSON types (dates, money and cadences are patterned strings, enums their
values, optional fields may be ``null``, a pair such as ``(verdict, count)`` an
array of two items, an evaluation's float a number or ``"NaN"``, ``"Infinity"``
or ``"-Infinity"``), their validators the refinements (ids
match the id pattern, required text is not blank, tolerances lie from 0 to 1,
repeated ids are refused). Fields without a default are ``required``; no object
admits other keys. Rules between fields (a target after its baseline, references
between ids) are beyond a schema: the loader checks them.

The schemas ship inside the package (``resultframe/serialization/schemas/``);
:func:`json_schema` returns them. After a change to the model, regenerate them
with ``python -m resultframe.serialization.schema --write``; a test fails while
the shipped files differ from the generated ones.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import inspect
import json
import sys
import types
import typing
from importlib import resources
from pathlib import Path
from typing import Any, Final

import attrs

from resultframe._canonical import converter as _converter
from resultframe.errors import InvalidValue
from resultframe.evaluation import FrameworkEvaluation
from resultframe.model import (
    Cadence,
    ConditionAssessment,
    Goal,
    Means,
    Observation,
    ResultsFramework,
    Review,
    Scale,
    Subject,
    _checks,
)
from resultframe.serialization.documents import KINDS
from resultframe.serialization.migrations import CURRENT_VERSIONS

__all__ = ["generate_schema", "json_schema", "main", "write_schemas"]

DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
_ID: Final = {"type": "string", "pattern": f"^{_checks.ID_PATTERN.pattern}$"}
_NON_BLANK: Final = {"type": "string", "pattern": r"\S"}

# Rules a constructor checks on one field that a schema can still say.
_EXTRA: Final[dict[tuple[type, str], dict[str, Any]]] = {
    (Scale, "points"): {"minItems": 2},
    (Means, "currency"): {"minLength": 3, "maxLength": 3},
    (Review, "framework_fingerprint"): {"pattern": "^[0-9a-f]{64}$"},
}


def _pattern(regex: str) -> str:
    return f"^{regex}$"


class _Builder:
    """Collects the ``$defs`` of the classes a schema refers to."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # reserve the name first: no endless recursion
            self.defs[name] = self.object_schema(cls)
        return {"$ref": f"#/$defs/{name}"}

    def object_schema(self, cls: type) -> dict[str, Any]:
        hints = _converter.document_hints(cls)
        declared = typing.get_type_hints(cls)
        hidden = _converter.HIDDEN.get(cls, frozenset())
        properties: dict[str, Any] = {}
        required: list[str] = []
        for a in attrs.fields(cls):
            if not a.init or a.name in hidden:
                continue
            field = self.field_schema(hints[a.name], a.validator)
            field.update(_EXTRA.get((cls, a.name), {}))
            if a.default is attrs.NOTHING:
                required.append(a.name)
            else:
                field["default"] = _converter.unstructure(a.default, declared[a.name])
            properties[a.name] = field
        out: dict[str, Any] = {
            "type": "object",
            "description": _summary(cls),
            "properties": properties,
            "additionalProperties": False,
        }
        if required:
            out["required"] = required
        return out

    def field_schema(self, tp: Any, validator: Any) -> dict[str, Any]:  # noqa: ANN401
        args = typing.get_args(tp)
        if _is_union(tp) and type(None) in args:
            (inner,) = (a for a in args if a is not type(None))
            schema = self.field_schema(inner, validator)
            choices = schema["anyOf"] if list(schema) == ["anyOf"] else [schema]
            return {"anyOf": [*choices, {"type": "null"}]}
        info = _validator_info(validator)
        if typing.get_origin(tp) is tuple and args[-1] is Ellipsis:
            items = self.type_schema(args[0])
            if info.get("item_is_id"):
                items = dict(_ID)
            out: dict[str, Any] = {"type": "array", "items": items}
            if info.get("unique"):
                out["uniqueItems"] = True
            return out
        schema = self.type_schema(tp)
        if info.get("id"):
            schema = dict(_ID)
        if info.get("non_blank"):
            schema = dict(_NON_BLANK)
        if info.get("fraction"):
            schema = {**schema, "minimum": 0, "maximum": 1}
        return schema

    def type_schema(self, tp: Any) -> dict[str, Any]:  # noqa: ANN401
        if tp is str:
            return {"type": "string"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is float:
            return {"type": "number"}
        if tp is _converter.AnyFloat:
            return {
                "anyOf": [
                    {"type": "number"},
                    {"type": "string", "enum": list(_converter.NON_FINITE)},
                ]
            }
        if typing.get_origin(tp) is tuple and Ellipsis not in typing.get_args(tp):
            items = [self.type_schema(t) for t in typing.get_args(tp)]
            return {
                "type": "array",
                "prefixItems": items,
                "items": False,
                "minItems": len(items),
            }
        if tp is dt.date:
            return {
                "type": "string",
                "format": "date",
                "pattern": _pattern(_converter.DATE_PATTERN),
            }
        if tp is decimal.Decimal:
            return {"type": "string", "pattern": _pattern(_converter.DECIMAL_PATTERN)}
        if tp is Cadence:
            return {"type": "string", "pattern": _pattern(_converter.CADENCE_PATTERN)}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"type": "string", "enum": [m.value for m in tp]}
        if tp == frozenset[tuple[str, str]]:
            return {
                "type": "object",
                "propertyNames": {"minLength": 1},
                "additionalProperties": {"type": "string", "minLength": 1},
            }
        if _is_union(tp) and set(typing.get_args(tp)) == {float, int, bool, str}:
            return {
                "anyOf": [
                    {"type": "number"},
                    {"type": "boolean"},
                    dict(_NON_BLANK),
                ]
            }
        if attrs.has(tp):
            return self.ref(tp)
        msg = f"no JSON Schema for {tp!r}"  # pragma: no cover - the model has no other
        raise TypeError(msg)  # pragma: no cover


def _is_union(tp: object) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType)


def _validator_info(validator: Any) -> dict[str, bool]:  # noqa: ANN401
    """What a field's declared rule checks that a schema can say."""
    if isinstance(validator, _checks.Id):
        return {"id": True}
    if isinstance(validator, _checks.Text):
        return {"non_blank": validator.non_blank}
    if isinstance(validator, _checks.Fraction):
        return {"fraction": True}
    if isinstance(validator, _checks.TupleOf):
        return {
            "item_is_id": isinstance(validator.item, _checks.Id),
            "unique": validator.unique,
        }
    return {}


def _summary(cls: type) -> str:
    doc = inspect.getdoc(cls) or cls.__name__
    return doc.split("\n", 1)[0]


def _envelope(kind: str) -> dict[str, Any]:
    return {
        "format": {"const": f"resultframe/{kind}"},
        "version": {"const": CURRENT_VERSIONS[kind]},
    }


def _columns_schema(builder: _Builder) -> dict[str, Any]:
    hints = typing.get_type_hints(Observation)
    properties = {}
    required = []
    for a in attrs.fields(Observation):
        item = builder.field_schema(hints[a.name], a.validator)
        properties[a.name] = {"type": "array", "items": item}
        if a.default is attrs.NOTHING:
            required.append(a.name)
    return {
        "type": "object",
        "description": (
            "The observations as columns: item i of each array is observation i; "
            "all arrays have the same length."
        ),
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def generate_schema(kind: str) -> dict[str, Any]:
    """Return the JSON Schema of documents of *kind*, generated from the classes.

    Raises:
        InvalidValue: *kind* is not a kind of document.
    """
    if kind not in KINDS:
        raise InvalidValue(
            "kind", kind, f"expected one of {', '.join(map(repr, KINDS))}"
        )
    builder = _Builder()
    if kind in ("framework", "evaluation"):
        cls = ResultsFramework if kind == "framework" else FrameworkEvaluation
        root = builder.object_schema(cls)
        properties = {**_envelope(kind), **root["properties"]}
        required = ["format", "version", *root.get("required", [])]
        description = _summary(cls)
    else:
        properties = {
            **_envelope(kind),
            "subjects": {"type": "array", "items": builder.ref(Subject)},
            "observations": _columns_schema(builder),
            "goals": {"type": "array", "items": builder.ref(Goal)},
            "assessments": {"type": "array", "items": builder.ref(ConditionAssessment)},
            "reviews": {"type": "array", "items": builder.ref(Review)},
        }
        required = ["format", "version"]
        description = "Records: facts about subjects, conditions and reviews."
    version = CURRENT_VERSIONS[kind]
    return {
        "$schema": DIALECT,
        "$id": f"urn:resultframe:schema:{kind}:{version}",
        "title": f"resultframe/{kind} document, version {version}",
        "description": description,
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
        "$defs": dict(sorted(builder.defs.items())),
    }


def _text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def json_schema(kind: str) -> dict[str, Any]:
    """Return the shipped JSON Schema (2020-12) of documents of *kind*.

    >>> schema = json_schema("framework")
    >>> schema["$schema"], schema["properties"]["format"]
    ('https://json-schema.org/draft/2020-12/schema', {'const': 'resultframe/framework'})

    Raises:
        InvalidValue: *kind* is not a kind of document.
    """
    if kind not in KINDS:
        raise InvalidValue(
            "kind", kind, f"expected one of {', '.join(map(repr, KINDS))}"
        )
    text = (
        resources.files(__package__)
        .joinpath("schemas")
        .joinpath(f"{kind}.json")
        .read_text(encoding="utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


def shipped_text(kind: str) -> str:
    """Return the shipped schema file of *kind* as text (for the drift test)."""
    return (
        resources.files(__package__)
        .joinpath("schemas")
        .joinpath(f"{kind}.json")
        .read_text(encoding="utf-8")
    )


def generated_text(kind: str) -> str:
    """Return the generated schema of *kind* as the text of its file."""
    return _text(generate_schema(kind))


def write_schemas(directory: Path | None = None) -> list[Path]:
    """Write the generated schema of every kind into *directory* (default: the package).

    Returns:
        The paths written.
    """
    target = directory or Path(__file__).parent / "schemas"
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = target / f"{kind}.json"
        path.write_text(generated_text(kind), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Check the shipped schemas against the generated ones, or write them (``--write``)."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["--write"]:
        for path in write_schemas():
            sys.stdout.write(f"wrote {path}\n")
        return 0
    if args:
        sys.stderr.write(
            "usage: python -m resultframe.serialization.schema [--write]\n"
        )
        return 2
    stale = [kind for kind in KINDS if shipped_text(kind) != generated_text(kind)]
    for kind in stale:
        sys.stderr.write(f"schemas/{kind}.json differs from the generated schema\n")
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
