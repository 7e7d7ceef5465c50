"""JSON documents: frameworks, records and evaluations, with a format and a version.

A document is a JSON object ``{"format": "resultframe/<kind>", "version": 1,
...}`` whose other keys are the attributes of the object (``framework``: a
:class:`~resultframe.ResultsFramework`; ``records``: a
:class:`~resultframe.Records`; ``evaluation``: a
:class:`~resultframe.evaluation.FrameworkEvaluation`). Attributes equal to their
default are left out. Records keep their observations as columns, one array per
attribute. An evaluation's floats that are not finite numbers are the strings
``"NaN"``, ``"Infinity"`` and ``"-Infinity"``.

The canonical form (:func:`canonical`) has sorted keys and no whitespace; a
framework's :func:`fingerprint` is the SHA-256 of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, Literal, NoReturn, overload

from cattrs.errors import BaseValidationError

from resultframe._canonical import (
    CLASSES as _CLASSES,
)
from resultframe._canonical import (
    COLUMNS as _COLUMNS,
)
from resultframe._canonical import (
    FACT_LISTS as _FACT_LISTS,
)
from resultframe._canonical import (
    KINDS,
    Document,
    Kind,
    canonical,
    dumps,
    fingerprint,
    kind_of,
    to_dict,
)
from resultframe._canonical import converter as _converter
from resultframe._canonical import jsontext as _json
from resultframe.errors import InvalidDocument, InvalidRecords, InvalidValue
from resultframe.model import (
    Records,
    ResultsFramework,
    Subject,
)
from resultframe.serialization import _fast
from resultframe.serialization.migrations import MIGRATIONS

if TYPE_CHECKING:
    import datetime as dt

    from resultframe.evaluation import FrameworkEvaluation
    from resultframe.serialization.migrations import Migrations

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_DEPTH",
    "KINDS",
    "Document",
    "Kind",
    "canonical",
    "dumps",
    "fingerprint",
    "from_dict",
    "kind_of",
    "loads",
    "to_dict",
]

DEFAULT_MAX_BYTES: Final = _json.DEFAULT_MAX_BYTES
DEFAULT_MAX_DEPTH: Final = _json.DEFAULT_MAX_DEPTH
MAX_ERRORS: Final = 1000
"""How many problems an :class:`InvalidDocument` lists before it summarises."""

_FORMATS: Final = {f"resultframe/{kind}": kind for kind in KINDS}
_REQUIRED_COLUMNS: Final = frozenset(_COLUMNS[:4])
_RECORDS_KEYS: Final = ("subjects", "observations", "goals", "assessments", "reviews")


def _check_kind(kind: object) -> None:
    if kind is not None and kind not in KINDS:
        raise InvalidValue(
            "kind", kind, f"expected None or one of {', '.join(map(repr, KINDS))}"
        )


def raise_invalid(errors: list[str], limit: int = MAX_ERRORS) -> NoReturn:
    """Raise :class:`InvalidDocument` with *errors*, summarising beyond *limit*."""
    if len(errors) > limit:
        more = len(errors) - limit
        stopped = any(e.startswith(_converter.STOPPED) for e in errors[limit:])
        rest = (
            ", and the items after a run of invalid ones unchecked" if stopped else ""
        )
        errors = [*errors[:limit], f"... and {more} more problems{rest} @ $"]
    raise InvalidDocument(errors)


# -- writing -------------------------------------------------------------------------------


# -- reading -------------------------------------------------------------------------------


@overload
def loads(
    data: str | bytes | bytearray,
    *,
    kind: Literal["framework"],
    max_bytes: int = ...,
    max_depth: int = ...,
    allow_bsn_like_ids: bool = ...,
    migrations: Migrations = ...,
) -> ResultsFramework: ...
@overload
def loads(
    data: str | bytes | bytearray,
    *,
    kind: Literal["records"],
    max_bytes: int = ...,
    max_depth: int = ...,
    allow_bsn_like_ids: bool = ...,
    migrations: Migrations = ...,
) -> Records: ...
@overload
def loads(
    data: str | bytes | bytearray,
    *,
    kind: Literal["evaluation"],
    max_bytes: int = ...,
    max_depth: int = ...,
    allow_bsn_like_ids: bool = ...,
    migrations: Migrations = ...,
) -> FrameworkEvaluation: ...
@overload
def loads(
    data: str | bytes | bytearray,
    *,
    kind: None = None,
    max_bytes: int = ...,
    max_depth: int = ...,
    allow_bsn_like_ids: bool = ...,
    migrations: Migrations = ...,
) -> Document: ...
def loads(  # noqa: PLR0913
    data: str | bytes | bytearray,
    *,
    kind: Kind | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    allow_bsn_like_ids: bool = False,
    migrations: Migrations = MIGRATIONS,
) -> Document:
    """Load a framework, records or an evaluation from a JSON document.

    >>> records = loads('{"format": "resultframe/records", "version": 1}')
    >>> len(records)
    0
    >>> loads('{"format": "resultframe/records", "version": 1, "goals": "none"}')
    Traceback (most recent call last):
    ...
    resultframe.errors.InvalidDocument: invalid document: 1 problem
      - expected an array, got 'none' @ $.goals

    Args:
        data: The JSON text, as str or UTF-8 bytes.
        kind: The kind of document expected; None accepts any kind.
        max_bytes: Refuse larger documents (default 64 MiB).
        max_depth: Refuse documents nested deeper (default 64).
        allow_bsn_like_ids: Accept subject ids that pass the BSN eleven test. By
            default such a document is refused: subject ids must be pseudonyms.
        migrations: The registry that brings older versions up to date.

    Raises:
        InvalidDocument: the document cannot be loaded; ``.errors`` lists every
            problem as ``message @ $.path``.
    """
    _check_kind(kind)
    # A valid framework or evaluation loads the quick way; anything else (and any
    # problem) the full way, which reports every problem.
    quick = _fast.load(
        data,
        kind=kind,
        max_bytes=max_bytes,
        max_depth=max_depth,
        allow_bsn_like_ids=allow_bsn_like_ids,
        migrations=migrations,
    )
    if quick is not None:
        return quick  # type: ignore[no-any-return]
    value = _json.parse(data, max_bytes=max_bytes, max_depth=max_depth)
    return _load(
        value,
        kind=kind,
        allow_bsn_like_ids=allow_bsn_like_ids,
        migrations=migrations,
    )


@overload
def from_dict(
    data: object,
    *,
    kind: Literal["framework"],
    max_depth: int = ...,
    allow_bsn_like_ids: bool = ...,
    migrations: Migrations = ...,
) -> ResultsFramework: ...
@overload
def from_dict(
    data: object,
    *,
    kind: Literal["records"],
    max_depth: int = ...,
    allow_bsn_like_ids: bool = ...,
    migrations: Migrations = ...,
) -> Records: ...
@overload
def from_dict(
    data: object,
    *,
    kind: Literal["evaluation"],
    max_depth: int = ...,
    allow_bsn_like_ids: bool = ...,
    migrations: Migrations = ...,
) -> FrameworkEvaluation: ...
@overload
def from_dict(
    data: object,
    *,
    kind: None = None,
    max_depth: int = ...,
    allow_bsn_like_ids: bool = ...,
    migrations: Migrations = ...,
) -> Document: ...
def from_dict(
    data: object,
    *,
    kind: Kind | None = None,
    max_depth: int = DEFAULT_MAX_DEPTH,
    allow_bsn_like_ids: bool = False,
    migrations: Migrations = MIGRATIONS,
) -> Document:
    """Load a framework, records or an evaluation from JSON data (as :func:`to_dict` gives).

    The same rules as :func:`loads` apply (no coercion, no unknown keys).

    Raises:
        InvalidDocument: the data cannot be loaded; ``.errors`` lists every problem.
    """
    _check_kind(kind)
    _json.check_limits(DEFAULT_MAX_BYTES, max_depth)
    problems = _json.structure_problems(data, max_depth)
    if problems:
        raise_invalid(problems)
    return _load(
        data, kind=kind, allow_bsn_like_ids=allow_bsn_like_ids, migrations=migrations
    )


def _load(
    value: object,
    *,
    kind: Kind | None,
    allow_bsn_like_ids: bool,
    migrations: Migrations,
) -> Document:
    if not isinstance(allow_bsn_like_ids, bool):
        raise InvalidValue("allow_bsn_like_ids", allow_bsn_like_ids, "expected a bool")
    found, document = _envelope(value, kind, migrations)
    payload = {k: v for k, v in document.items() if k not in ("format", "version")}
    # The option allows; a caller's allowing_bsn_like_ids() already in force too.
    allow_bsn_like_ids = allow_bsn_like_ids or _converter.ALLOW_BSN_LIKE_IDS.get()
    token = _converter.ALLOW_BSN_LIKE_IDS.set(allow_bsn_like_ids)
    try:
        if found == "records":
            return _load_records(payload, allow_bsn_like_ids=allow_bsn_like_ids)
        return _load_object(payload, _CLASSES[found])  # type: ignore[no-any-return]
    finally:
        _converter.ALLOW_BSN_LIKE_IDS.reset(token)


def _envelope(
    value: object, kind: Kind | None, migrations: Migrations
) -> tuple[Kind, dict[str, Any]]:
    if type(value) is not dict:
        raise_invalid(
            [
                (
                    "expected a document: an object with 'format' and 'version', got "
                    f"{_converter.describe(value)} @ $"
                )
            ]
        )
    document: dict[str, Any] = value
    errors = []
    fmt = document.get("format")
    found = _FORMATS.get(fmt) if type(fmt) is str else None
    if "format" not in document:
        errors.append("required key missing @ $.format")
    elif found is None:
        choices = ", ".join(repr(f) for f in _FORMATS)
        errors.append(
            f"expected one of {choices}, got {_converter.describe(fmt)} @ $.format"
        )
    elif kind is not None and found != kind:
        errors.append(f"expected 'resultframe/{kind}', got {fmt!r} @ $.format")
    if "version" not in document:
        errors.append("required key missing @ $.version")
    if errors or found is None:
        raise_invalid(errors)
    return found, migrations.upgrade(found, document)


def _load_object(payload: dict[str, Any], cls: type) -> Any:  # noqa: ANN401
    """Structure a framework or an evaluation from the document's other keys."""
    try:
        return _converter.structure(payload, cls)
    except (BaseValidationError, _converter.Mismatch) as e:
        raise_invalid(_converter.errors_of(e))


def _structure_list(
    payload: dict[str, Any], name: str, errors: list[str]
) -> tuple[Any, ...]:
    if name not in payload:
        return ()
    cls = _FACT_LISTS[name]
    try:
        items: tuple[Any, ...] = _converter.structure(payload[name], tuple[cls, ...])  # type: ignore[valid-type]
    except (BaseValidationError, _converter.Mismatch) as e:
        errors.extend(_converter.errors_of(e, f"$.{name}"))
        return ()
    return items


def _load_records(payload: dict[str, Any], *, allow_bsn_like_ids: bool) -> Records:
    errors: list[str] = [
        f"unknown key (expected: {', '.join(_RECORDS_KEYS)}) @ $.{key}"
        for key in payload
        if key not in _RECORDS_KEYS
    ]
    subjects = _structure_list(payload, "subjects", errors)
    goals = _structure_list(payload, "goals", errors)
    assessments = _structure_list(payload, "assessments", errors)
    reviews = _structure_list(payload, "reviews", errors)
    errors.extend(_conflicting_subjects(subjects))
    columns = _observation_columns(payload.get("observations"), errors)
    # A BSN-like subject id is refused by the rule of the field (SubjectId), in
    # the goals as they are built and in the observation columns below.
    del allow_bsn_like_ids  # in force as ALLOW_BSN_LIKE_IDS for the whole load
    if errors:
        # The observations' own problems are listed too, not hidden by the others.
        if columns is not None:
            try:
                _from_columns(columns)
            except InvalidRecords as e:
                # A cell already reported (a day that is no date) is not repeated.
                known = {error.rpartition(" @ ")[2] for error in errors}
                errors.extend(
                    p
                    for p in _column_problems(e)
                    if p.rpartition(" @ ")[2] not in known
                )
        raise_invalid(errors)
    try:
        return _from_columns(
            columns or {name: [] for name in _COLUMNS},
            subjects=subjects,
            goals=goals,
            assessments=assessments,
            reviews=reviews,
        )
    except InvalidRecords as e:
        raise_invalid(_column_problems(e))
    except InvalidValue as e:  # pragma: no cover - checked above
        raise_invalid([f"{e} @ $"])
    raise AssertionError  # pragma: no cover - raise_invalid always raises


def _from_columns(columns: dict[str, list[Any]], **facts: Any) -> Records:  # noqa: ANN401
    return Records.from_columns(
        indicator=columns["indicator"],
        subject=columns["subject"],
        on=columns["on"],
        value=columns["value"],
        note=columns.get("note"),
        source=columns.get("source"),
        **facts,
    )


def _column_problems(error: InvalidRecords) -> list[str]:
    return [
        f"{p.message} @ $.observations.{p.field}[{p.about.removeprefix('row ')}]"
        for p in error.problems
    ]


def _conflicting_subjects(subjects: tuple[Subject, ...]) -> list[str]:
    seen: dict[str, Subject] = {}
    errors = []
    for i, subject in enumerate(subjects):
        known = seen.setdefault(subject.id, subject)
        if known != subject:
            errors.append(
                "expected one subject per id: another subject with this id differs "
                f"@ $.subjects[{i}].id"
            )
    return errors


def _observation_columns(
    value: object, errors: list[str]
) -> dict[str, list[Any]] | None:
    """Check the observation columns; convert dates. None when they cannot be used."""
    if value is None:
        return None
    path = "$.observations"
    if type(value) is not dict:
        errors.append(
            "expected an object of columns (indicator, subject, on, value, note, "
            f"source), got {_converter.describe(value)} @ {path}"
        )
        return None
    columns: dict[str, Any] = value
    ok = True
    for key in columns:
        if key not in _COLUMNS:
            errors.append(
                f"unknown column (expected: {', '.join(_COLUMNS)}) @ {path}.{key}"
            )
            ok = False
    for name in _COLUMNS:
        if name not in columns:
            if name in _REQUIRED_COLUMNS:
                errors.append(f"required key missing @ {path}.{name}")
                ok = False
        elif type(columns[name]) is not list:
            errors.append(
                f"expected an array, got {_converter.describe(columns[name])} "
                f"@ {path}.{name}"
            )
            ok = False
    if not ok:
        return None
    n = len(columns["indicator"])
    out = dict(columns)
    for name in _COLUMNS[1:]:
        if name in columns and len(columns[name]) != n:
            errors.append(
                f"expected {n} items (as many as indicator), got "
                f"{len(columns[name])} @ {path}.{name}"
            )
            if name in _REQUIRED_COLUMNS:
                ok = False
            else:  # the other columns can still be checked row by row
                del out[name]
    if not ok:
        return None
    out["on"] = _dates(columns["on"], f"{path}.on", errors)
    for name in ("value", "note", "source"):
        if name in out:
            errors.extend(text_problems(out[name], f"{path}.{name}"))
    return out


def _dates(column: list[Any], path: str, errors: list[str]) -> list[dt.date | None]:
    cache: dict[str, dt.date] = {}
    out: list[dt.date | None] = []
    append = out.append
    for i, text in enumerate(column):
        day = cache.get(text) if type(text) is str else None
        if day is None:
            try:
                day = _converter.parse_date(text)
            except _converter.Mismatch as e:
                errors.append(f"{e.message} @ {path}[{i}]")
                append(None)
                continue
            cache[text] = day
        append(day)
    return out


def text_problems(column: list[Any], path: str) -> list[str]:
    """Return an error for each text in *column* that holds a lone surrogate."""
    # The whole column at once first: almost every column is clean.
    if _converter.is_unicode("".join(x for x in column if type(x) is str)):
        return []
    return [
        f"{_converter.NOT_UNICODE} @ {path}[{i}]"
        for i, x in enumerate(column)
        if type(x) is str and not _converter.is_unicode(x)
    ]
