"""The canonical document of a framework, records or an evaluation, and fingerprints.

The writing half of :mod:`resultframe.serialization`, one layer lower: the
cattrs converter (:mod:`~resultframe._canonical.converter`), canonical JSON text
(:mod:`~resultframe._canonical.jsontext`), :func:`to_dict`, :func:`dumps`,
:func:`canonical` and :func:`fingerprint`. It sits below ``steering`` (which
stamps a review with the framework's fingerprint) and above ``evaluation`` and
``model``; :mod:`resultframe.serialization` re-exports the public names, and
reading documents stays there. See ``docs/architecture.md``.
"""

from __future__ import annotations

import hashlib
import types
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

from resultframe._canonical import converter as _converter
from resultframe._canonical import jsontext as _json
from resultframe.errors import InvalidValue
from resultframe.evaluation import FrameworkEvaluation
from resultframe.model import (
    ConditionAssessment,
    Goal,
    Records,
    ResultsFramework,
    Review,
    Subject,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "CLASSES",
    "COLUMNS",
    "CURRENT_VERSIONS",
    "FACT_LISTS",
    "KINDS",
    "Document",
    "Kind",
    "canonical",
    "dumps",
    "fingerprint",
    "kind_of",
    "to_dict",
]

Kind: TypeAlias = Literal["framework", "records", "evaluation"]
"""The kinds of document."""
Document: TypeAlias = "ResultsFramework | Records | FrameworkEvaluation"
"""What a document holds."""

KINDS: Final[tuple[Kind, ...]] = ("framework", "records", "evaluation")
"""Every kind of document, in the order the docs list them."""
CURRENT_VERSIONS: Final[Mapping[str, int]] = types.MappingProxyType(
    {"framework": 1, "records": 1, "evaluation": 2}
)
"""The version of each kind of document this library writes."""

CLASSES: Final[Mapping[str, type]] = {
    "framework": ResultsFramework,
    "records": Records,
    "evaluation": FrameworkEvaluation,
}
"""The class each kind of document holds."""
FACT_LISTS: Final[dict[str, type]] = {
    "subjects": Subject,
    "goals": Goal,
    "assessments": ConditionAssessment,
    "reviews": Review,
}
COLUMNS: Final = ("indicator", "subject", "on", "value", "note", "source")


def kind_of(obj: object) -> Kind:
    """Return the kind of document *obj* is written as.

    Raises:
        InvalidValue: *obj* is not a framework, records or an evaluation.
    """
    if isinstance(obj, ResultsFramework):
        return "framework"
    if isinstance(obj, Records):
        return "records"
    if isinstance(obj, FrameworkEvaluation):
        return "evaluation"
    raise InvalidValue(
        "obj",
        type(obj).__name__,
        "expected a ResultsFramework, Records or FrameworkEvaluation",
    )


def to_dict(obj: Document) -> dict[str, Any]:
    """Return the document of *obj* as JSON data (dicts, lists, strings, numbers).

    >>> import datetime as dt
    >>> from resultframe import Level, Observation, Records, Subject
    >>> records = Records(
    ...     subjects=[Subject(id="r-001", level=Level.MICRO)],
    ...     observations=[Observation(indicator="zrm-fin", subject="r-001",
    ...                               on=dt.date(2025, 3, 1), value=2)])
    >>> to_dict(records)  # doctest: +NORMALIZE_WHITESPACE
    {'format': 'resultframe/records', 'version': 1,
     'subjects': [{'id': 'r-001', 'level': 'micro'}],
     'observations': {'indicator': ['zrm-fin'], 'subject': ['r-001'],
                      'on': ['2025-03-01'], 'value': [2]}}

    Raises:
        InvalidValue: *obj* is not a framework, records or an evaluation.
    """
    kind = kind_of(obj)
    head: dict[str, Any] = {
        "format": f"resultframe/{kind}",
        "version": CURRENT_VERSIONS[kind],
    }
    if isinstance(obj, Records):
        return {**head, **_records_out(obj)}
    return {**head, **_converter.unstructure(obj, CLASSES[kind])}


def _records_out(records: Records) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if records.subjects:
        out["subjects"] = [_converter.unstructure(s, Subject) for s in records.subjects]
    if len(records):
        columns: dict[str, list[Any]] = {name: [] for name in COLUMNS}
        for o in records:
            columns["indicator"].append(o.indicator)
            columns["subject"].append(o.subject)
            columns["on"].append(o.on)
            columns["value"].append(o.value)
            columns["note"].append(o.note)
            columns["source"].append(o.source)
        columns["on"] = [d.isoformat() for d in columns["on"]]
        for optional in ("note", "source"):
            if not any(columns[optional]):
                del columns[optional]
        out["observations"] = columns
    for name, items in (
        ("goals", records.goals),
        ("assessments", records.assessments),
        ("reviews", records.reviews),
    ):
        if items:
            cls = FACT_LISTS[name]
            out[name] = [_converter.unstructure(x, cls) for x in items]
    return out


def dumps(obj: Document, *, indent: int | None = None) -> str:
    """Return the JSON document of *obj*, in canonical form unless *indent* is given.

    >>> from resultframe import Records
    >>> dumps(Records())
    '{"format":"resultframe/records","version":1}'

    Raises:
        InvalidValue: *obj* is not a framework, records or an evaluation.
    """
    return _json.dump_canonical(to_dict(obj), indent=indent)


def canonical(obj: Document) -> bytes:
    """Return the canonical form of *obj*'s document: sorted keys, no whitespace, UTF-8.

    Equal objects have equal canonical forms (numbers are written the same way
    whether given as 3 or 3.0).

    Raises:
        InvalidValue: *obj* is not a framework, records or an evaluation, or
            holds text that cannot be written as UTF-8 (a lone surrogate).
    """
    text = dumps(obj)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidValue(
            "obj",
            "<text>",
            "expected text that can be written as UTF-8 (no lone surrogates)",
        ) from None


def fingerprint(framework: ResultsFramework) -> str:
    """Return the SHA-256 of the framework's canonical document, as 64 hex digits.

    A :class:`~resultframe.Review` stores it as ``framework_fingerprint`` to say
    which version of the agreement it was held against. Any change to the
    framework changes it; equal frameworks have equal fingerprints.

    Raises:
        InvalidValue: *framework* is not a ResultsFramework.
    """
    if not isinstance(framework, ResultsFramework):
        raise InvalidValue(
            "framework", type(framework).__name__, "expected a ResultsFramework"
        )
    return hashlib.sha256(canonical(framework)).hexdigest()
