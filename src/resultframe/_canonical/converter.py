"""The one strict cattrs converter that turns model objects into JSON data and back.

Built once at import (never ``cattrs.global_converter``, never one per call). It is
strict: a JSON value is accepted only in the exact JSON type the field needs, so
``"3"`` is not 3, ``"false"`` is not a bool and 3.0 is not an integer. Unknown keys
are refused. Dates are ``YYYY-MM-DD`` strings, money a decimal string, a cadence an
ISO 8601 duration, enums their value, sets sorted, tuples arrays.

Evaluations (:class:`~resultframe.evaluation.FrameworkEvaluation` and the classes
it holds) are output, not authored: their numbers come from arithmetic on extreme
values too, so a float of theirs may be NaN or infinite. JSON has no such numbers;
such a float is written as one of the strings ``"NaN"``, ``"Infinity"`` and
``"-Infinity"`` (:data:`NON_FINITE`), and read back from them. A float of the
model is always finite, and a string is never accepted in its place.

Structuring collects **every** problem of a document: each field is structured on
its own, and when a constructor refuses the object, each field's validator is run
on its own to find all offending fields. :func:`errors_of` turns the exception
groups into ``message @ $.path`` strings with :func:`cattrs.transform_error`.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import math
import re
import types
import typing
from typing import TYPE_CHECKING, Any, Final

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    IterableValidationError,
    IterableValidationNote,
)

from resultframe._canonical import jsontext as _json
from resultframe.errors import InvalidFramework, InvalidValue, PrivacyError
from resultframe.evaluation.reasons import ReasonCode
from resultframe.evaluation.status import ConditionState, IndicatorStatus, Verdict
from resultframe.model import Cadence, Subject, _checks, enums
from resultframe.privacy import BSN_EXPECTATION, BSN_LIKE_IDS_ALLOWED

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "ALLOW_BSN_LIKE_IDS",
    "BSN_MESSAGE",
    "CADENCE_PATTERN",
    "DATE_PATTERN",
    "DECIMAL_PATTERN",
    "NON_FINITE",
    "NOT_UNICODE",
    "AnyFloat",
    "Mismatch",
    "describe",
    "document_hints",
    "errors_of",
    "is_unicode",
    "number_out",
    "parse_date",
    "structure",
    "unstructure",
]

DATE_PATTERN: Final = "[0-9]{4}-[0-9]{2}-[0-9]{2}"
"""A date in documents: ISO 8601 calendar date, ``YYYY-MM-DD`` and nothing else."""
DECIMAL_PATTERN: Final = r"[0-9]+(\.[0-9]+)?"
"""An amount of money in documents: digits, optionally a point and more digits."""
CADENCE_PATTERN: Final = (
    "P([0-9]+Y([0-9]+M)?([0-9]+W)?([0-9]+D)?|[0-9]+M([0-9]+W)?([0-9]+D)?"
    "|[0-9]+W([0-9]+D)?|[0-9]+D)"
)
"""A cadence in documents: an ISO 8601 duration of years, months, weeks, days.

Written without look-ahead, so that regular-expression engines of other languages
(which lack it) read the schema's pattern the same way.
"""

_DATE: Final = re.compile(DATE_PATTERN)
_DECIMAL: Final = re.compile(DECIMAL_PATTERN)
_CADENCE: Final = re.compile(CADENCE_PATTERN)
_MAX_EXACT: Final = 2**53
_FIELD_NAME: Final = re.compile(r"[.\[]")

ALLOW_BSN_LIKE_IDS: Final = BSN_LIKE_IDS_ALLOWED
"""Whether subjects being loaded may have an id that passes the BSN eleven test.

Set for the duration of one load by the loaders' ``allow_bsn_like_ids`` option;
documents never carry it. Every subject id rule reads it.
"""

_ENUMS: Final = (
    *(getattr(enums, name) for name in enums.__all__),
    IndicatorStatus,
    ConditionState,
    Verdict,
    ReasonCode,
)

NON_FINITE: Final = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}
"""How an evaluation's float that is not a finite number is written in documents."""


class AnyFloat:
    """Stands for ``float`` in an evaluation's fields: finite, or one of NON_FINITE.

    Never instantiated: a type for the converter and the schema to dispatch on.
    """


_OPTIONAL_FLOAT: Final = float | None
_OPTIONAL_ANY_FLOAT: Final = AnyFloat | None

BSN_MESSAGE: Final = BSN_EXPECTATION
"""The problem of a subject id that looks like a BSN. It never repeats the id."""

# Fields that exist on a class but never in documents.
HIDDEN: Final[dict[type, frozenset[str]]] = {
    Subject: frozenset({"allow_bsn_like_id"}),
}


MAX_ITEM_ERRORS: Final = 1000
"""Invalid items of one array after which the rest of it is left unchecked."""
STOPPED: Final = "stopped after"
"""How the message that says so begins."""


class Mismatch(Exception):
    """A JSON value of the wrong type or form; the message says what was expected."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def describe(value: object) -> str:
    """Describe a value for an error message, briefly and without nesting."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return repr(value.value)
    if isinstance(value, int | float | decimal.Decimal):
        text = str(value)
        return text if len(text) <= 40 else text[:37] + "..."
    if isinstance(value, str):
        return repr(value) if len(value) <= 60 else repr(value[:57]) + "..."
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list | tuple):
        return f"an array of {len(value)} items"
    return f"a {type(value).__name__}"


def _fail(expected: str, value: object) -> Mismatch:
    return Mismatch(f"expected {expected}, got {describe(value)}")


NOT_UNICODE: Final = "expected text of Unicode characters, got a lone surrogate"
"""The problem of a text that holds a lone surrogate (bytes no encoding can hold)."""


def is_unicode(text: str) -> bool:
    """Whether *text* holds only Unicode characters (no lone surrogate)."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check_text(value: str) -> str:
    if not is_unicode(value):
        raise Mismatch(NOT_UNICODE)
    return value


# -- primitive hooks -------------------------------------------------------------------


def _structure_str(value: object, _: object = None) -> str:
    if type(value) is not str:
        raise _fail("a string", value)
    return _check_text(value)


def _structure_int(value: object, _: object = None) -> int:
    if type(value) is not int:
        raise _fail("an integer", value)
    return value


def _structure_float(value: object, _: object = None) -> float:
    if type(value) is not float and type(value) is not int:
        raise _fail("a number", value)
    return value


def _structure_any_float(value: object, _: object = None) -> float:
    kind = type(value)
    if kind is int or (kind is float and math.isfinite(value)):  # type: ignore[arg-type]
        return value  # type: ignore[return-value]
    if kind is str:
        number: float | None = NON_FINITE.get(value)  # type: ignore[call-overload]
        if number is not None:
            return number
    # A JSON number too large for a float (1e999) is not read as infinity either.
    raise _fail("a finite number, or 'NaN', 'Infinity' or '-Infinity'", value)


def any_float_out(value: float | None) -> float | str | None:
    """Write an evaluation's float: a finite number as a number, else as a string."""
    if type(value) is not float:
        return value  # None, or an int as it is
    if math.isfinite(value):
        return number_out(value)
    if math.isnan(value):
        return "NaN"
    return "Infinity" if value > 0 else "-Infinity"


def may_be_non_finite(cls: type) -> bool:
    """Return whether the float fields of *cls* may hold NaN and infinities.

    True for the evaluation classes: output of arithmetic, never authored.
    """
    return cls.__module__.startswith("resultframe.evaluation.")


def document_hints(cls: type) -> dict[str, Any]:
    """Return the type of each field of *cls* as documents treat it.

    The class's own annotations, except that a float of an evaluation class is
    :class:`AnyFloat`.
    """
    hints = typing.get_type_hints(cls)
    if not may_be_non_finite(cls):
        return hints
    swap = {float: AnyFloat, _OPTIONAL_FLOAT: _OPTIONAL_ANY_FLOAT}
    return {name: swap.get(tp, tp) for name, tp in hints.items()}


def _structure_bool(value: object, _: object = None) -> bool:
    if type(value) is not bool:
        raise _fail("true or false", value)
    return value


def parse_date(value: object) -> dt.date:
    """Read a ``YYYY-MM-DD`` string; raise :class:`Mismatch` for anything else."""
    if type(value) is not str or _DATE.fullmatch(value) is None:
        raise _fail("a date as 'YYYY-MM-DD'", value)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _fail("a calendar date as 'YYYY-MM-DD'", value) from None


def _structure_date(value: object, _: object = None) -> dt.date:
    return parse_date(value)


def _structure_decimal(value: object, _: object = None) -> decimal.Decimal:
    if type(value) is not str or _DECIMAL.fullmatch(value) is None:
        raise _fail("an amount as a decimal string such as '1250.00'", value)
    return decimal.Decimal(value)


def _structure_cadence(value: object, _: object = None) -> Cadence:
    if type(value) is not str or _CADENCE.fullmatch(value) is None:
        raise _fail("an ISO 8601 duration such as 'P3M', 'P1Y' or 'P2W'", value)
    try:
        return Cadence.parse(value)
    except InvalidValue as e:
        raise _fail(e.expected.removeprefix("expected "), value) from None


def _structure_dimensions(
    value: object, _: object = None
) -> frozenset[tuple[str, str]]:
    if type(value) is not dict:
        raise _fail("an object of dimension names to values", value)
    for key, item in value.items():
        if type(key) is not str or type(item) is not str:
            raise _fail("an object of dimension names to string values", value)
        _check_text(key)
        _check_text(item)
    return frozenset(value.items())


def _structure_value(value: object, _: object = None) -> float | int | bool | str:
    kind = type(value)
    if kind is str:
        return _check_text(value)  # type: ignore[arg-type]
    if kind is float or kind is int or kind is bool:
        return value  # type: ignore[return-value]
    raise _fail("a number, true, false or a text", value)


def _enum_hook(cls: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
    table = {m.value: m for m in cls}
    choices = ", ".join(repr(v) for v in table)

    def structure(value: object, _: object = None) -> enum.Enum:
        if type(value) is str:
            member = table.get(value)
            if member is not None:
                return member
        raise _fail(f"one of {choices}", value)

    return structure


# -- generic hooks ---------------------------------------------------------------------


def _is_union(tp: object) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType)


def _union_hook(
    tp: Any,  # noqa: ANN401
    converter: cattrs.Converter,
) -> Callable[[object, object], Any]:
    args = typing.get_args(tp)
    rest = tuple(a for a in args if a is not type(None))
    if set(rest) == {float, int, bool, str}:
        inner: Callable[[object, object], Any] = _structure_value
    elif len(rest) == 1:
        inner = converter.get_structure_hook(rest[0])
    else:  # pragma: no cover - the model has no other unions
        msg = f"no structure hook for {tp!r}"
        raise TypeError(msg)
    if len(rest) == len(args):
        return inner
    inner_type = rest[0]

    def optional(value: object, _: object = None) -> Any:  # noqa: ANN401
        return None if value is None else inner(value, inner_type)

    return optional


def _is_tuple(tp: object) -> bool:
    args = typing.get_args(tp)
    return typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(
    tp: Any,  # noqa: ANN401
    converter: cattrs.Converter,
) -> Callable[[object, object], Any]:
    item_type = typing.get_args(tp)[0]
    item = converter.get_structure_hook(item_type)

    def structure(value: object, _: object = None) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _fail("an array", value)
        out = []
        errors: list[Exception] = []
        for i, x in enumerate(value):
            try:
                out.append(item(x, item_type))
            except Exception as e:  # noqa: BLE001, PERF203
                _add_note(e, IterableValidationNote(f"@ [{i}]", i, item_type))
                errors.append(e)
                if len(errors) >= MAX_ITEM_ERRORS and i + 1 < len(value):
                    # Enough to report: the rest is not checked, so refusing a
                    # huge invalid document takes time in proportion to its size.
                    stop = Mismatch(
                        f"{STOPPED} {MAX_ITEM_ERRORS} invalid items; "
                        f"{len(value) - i - 1} more items not checked"
                    )
                    _add_note(stop, IterableValidationNote(f"@ [{i + 1}]", i + 1, tp))
                    errors.append(stop)
                    break
        if errors:
            raise IterableValidationError("invalid items", errors, tp)
        return tuple(out)

    return structure


def _is_fixed_tuple(tp: object) -> bool:
    args = typing.get_args(tp)
    return typing.get_origin(tp) is tuple and bool(args) and Ellipsis not in args


def _fixed_tuple_hook(
    tp: Any,  # noqa: ANN401
    converter: cattrs.Converter,
) -> Callable[[object, object], Any]:
    types_ = typing.get_args(tp)
    items = tuple((converter.get_structure_hook(t), t) for t in types_)
    size = len(items)

    def structure(value: object, _: object = None) -> tuple[Any, ...]:
        if type(value) is not list or len(value) != size:
            raise _fail(f"an array of {size} items", value)
        out = []
        errors: list[Exception] = []
        for i, (x, (item, item_type)) in enumerate(zip(value, items, strict=True)):
            try:
                out.append(item(x, item_type))
            except Exception as e:  # noqa: BLE001, PERF203
                _add_note(e, IterableValidationNote(f"@ [{i}]", i, item_type))
                errors.append(e)
        if errors:
            raise IterableValidationError("invalid items", errors, tp)
        return tuple(out)

    return structure


def _add_note(exc: Exception, note: str) -> None:
    # BaseException.add_note is new in Python 3.11; cattrs reads __notes__.
    exc.__notes__ = [*getattr(exc, "__notes__", ()), note]  # type: ignore[attr-defined]


def _noted(exc: Exception, name: str) -> Exception:
    _add_note(exc, AttributeValidationNote(f"@ {name}", name, None))
    return exc


def _key_name(key: object) -> str:
    if isinstance(key, str) and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,63}", key):
        return key
    return describe(key)


class _ClassHook:
    """Structures one attrs class, collecting every problem of the object.

    Each field is structured on its own. When the constructor refuses the object,
    each field's validator runs on its own to find all offending fields; a rule
    between fields is reported at the field the constructor names.
    """

    __slots__ = (
        "by_name",
        "cls",
        "expected",
        "is_subject",
        "order",
        "references",
        "spec",
    )

    def __init__(self, cls: type, converter: cattrs.Converter) -> None:
        hints = document_hints(cls)
        hidden = HIDDEN.get(cls, frozenset())
        fields = [a for a in attrs.fields(cls) if a.init and a.name not in hidden]
        self.cls = cls
        self.spec = tuple(
            (
                a.name,
                converter.get_structure_hook(hints[a.name]),
                hints[a.name],
                a.default is attrs.NOTHING,
            )
            for a in fields
        )
        self.by_name = {a.name: a for a in fields}
        self.order = {a.name: i for i, a in enumerate(fields)}
        self.expected = ", ".join(a.name for a in fields)
        self.is_subject = cls is Subject
        # Fields holding a subject's id without a rule of their own (in results).
        self.references = {
            a.name: rule for a in fields if (rule := _checks.reference_rule(a))
        }

    def __call__(self, value: object, _: object = None) -> Any:  # noqa: ANN401
        if type(value) is not dict:
            raise self._not_an_object(value)
        kwargs: dict[str, Any] = {}
        errors: list[Exception] = []
        present = 0
        for name, hook, tp, required in self.spec:
            if name in value:
                present += 1
                try:
                    kwargs[name] = hook(value[name], tp)
                except Exception as e:  # noqa: BLE001
                    errors.append(_noted(e, name))
            elif required:
                errors.append(_noted(Mismatch("required key missing"), name))
        if present != len(value):
            errors.extend(
                _noted(
                    Mismatch(f"unknown key (expected: {self.expected})"), _key_name(k)
                )
                for k in value
                if k not in self.by_name
            )
        if errors:
            errors.extend(self._field_errors(kwargs))
            errors.sort(key=self._position)
            raise ClassValidationError(f"invalid {self.cls.__name__}", errors, self.cls)
        for name, rule in self.references.items():
            if name in kwargs:
                expected = rule.problem(kwargs[name])
                if expected is not None:
                    errors.append(
                        _noted(rule.error(name, kwargs[name], expected), name)
                    )
        if errors:
            errors.sort(key=self._position)
            raise ClassValidationError(f"invalid {self.cls.__name__}", errors, self.cls)
        if self.is_subject:
            kwargs["allow_bsn_like_id"] = ALLOW_BSN_LIKE_IDS.get()
        try:
            return self.cls(**kwargs)
        except InvalidFramework as e:
            errors = _framework_errors(e, kwargs)
        except InvalidValue as e:
            errors = sorted(self._field_errors(kwargs), key=self._position)
            errors = errors or [_noted(e, e.field)]
        raise ClassValidationError(f"invalid {self.cls.__name__}", errors, self.cls)

    def _not_an_object(self, value: object) -> Mismatch:
        if type(value) is _json.Repeated:
            keys = ", ".join(repr(k) for k in value.repeated)
            return Mismatch(f"keys occur more than once in this object: {keys}")
        return _fail(f"an object ({self.cls.__name__})", value)

    def _field_errors(self, kwargs: dict[str, Any]) -> list[Exception]:
        errors: list[Exception] = []
        for name, value in kwargs.items():
            field = self.by_name.get(name)  # None: a hidden field, given by the loader
            if field is None or field.validator is None:
                continue
            try:
                field.validator(None, field, value)
            except InvalidValue as e:
                errors.append(_noted(e, e.field))
        return errors

    def _position(self, error: Exception) -> int:
        # Problems in the order of the fields, unknown keys last.
        note = getattr(error, "__notes__", [""])[-1]
        name = getattr(note, "name", "")
        return self.order.get(_FIELD_NAME.split(name, maxsplit=1)[0], len(self.order))


def _framework_errors(
    error: InvalidFramework, kwargs: dict[str, Any]
) -> list[Exception]:
    """Turn the problems of a framework into errors at the paths of their objects."""
    paths: dict[str, list[str]] = {}

    def add(oid: str, path: str) -> None:
        paths.setdefault(oid, []).append(path)

    add(kwargs["id"], "")
    for i, result in enumerate(kwargs.get("results", ())):
        add(result.id, f"results[{i}]")
        for j, indicator in enumerate(result.indicators):
            add(indicator.id, f"results[{i}].indicators[{j}]")
    for name in ("conditions", "cycles", "parties"):
        for i, item in enumerate(kwargs.get(name, ())):
            add(item.id, f"{name}[{i}]")
    errors: list[Exception] = []
    for problem in error.problems:
        found = paths.get(problem.about, [""])
        # A repeated id is reported where it is repeated, not where it is first used.
        base = (
            found[1] if problem.code == "duplicate_id" and len(found) > 1 else found[0]
        )
        name = f"{base}.{problem.field}" if base else problem.field
        errors.append(_noted(Mismatch(problem.message), name))
    return errors


# -- unstructuring -----------------------------------------------------------------------


def number_out(value: float) -> float:
    """Write a number in its canonical form: an integral float as an integer.

    Equal numbers give equal documents (3.0 and 3 both become 3), so equal
    frameworks have equal fingerprints.
    """
    if (
        type(value) is float
        and value.is_integer()
        and -_MAX_EXACT <= value <= _MAX_EXACT
    ):
        return int(value)
    return value


def _decimal_out(value: decimal.Decimal) -> str:
    return format(value, "f")


def _dimensions_out(value: frozenset[tuple[str, str]]) -> dict[str, str]:
    return dict(sorted(value))


def _unstructure_class(cls: type, converter: cattrs.Converter) -> Callable[[Any], Any]:
    from cattrs.gen import make_dict_unstructure_fn, override  # noqa: PLC0415

    attrs.resolve_types(cls)
    overrides: dict[str, Any] = {
        name: override(omit=True) for name in HIDDEN.get(cls, ())
    }
    for name, tp in document_hints(cls).items():
        if tp is AnyFloat or tp == _OPTIONAL_ANY_FLOAT:
            overrides[name] = override(unstruct_hook=any_float_out)
    return make_dict_unstructure_fn(
        cls,
        converter,
        _cattrs_omit_if_default=True,
        _cattrs_use_linecache=False,
        **overrides,
    )


# -- the converter -------------------------------------------------------------------------


def _enum_out(member: enum.Enum) -> object:
    return member.value


def _is_dimensions(tp: object) -> bool:
    return tp == frozenset[tuple[str, str]]


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(
        detailed_validation=True,
        forbid_extra_keys=True,
        unstruct_collection_overrides={tuple: list},
    )
    # Primitives first: generated class hooks capture what is registered when built.
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(AnyFloat, _structure_any_float)
    # Each enum by its class: a str enum is a str subclass, and the most specific
    # registration wins.
    for cls in _ENUMS:
        converter.register_structure_hook(cls, _enum_hook(cls))
        converter.register_unstructure_hook(cls, _enum_out)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_structure_hook(decimal.Decimal, _structure_decimal)
    converter.register_structure_hook(Cadence, _structure_cadence)
    converter.register_structure_hook_func(_is_dimensions, _structure_dimensions)
    converter.register_structure_hook_factory(_is_union, _union_hook)
    converter.register_structure_hook_factory(_is_tuple, _tuple_hook)
    converter.register_structure_hook_factory(_is_fixed_tuple, _fixed_tuple_hook)
    converter.register_structure_hook_factory(
        lambda t: attrs.has(t) and t is not Cadence, _ClassHook
    )

    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_unstructure_hook(decimal.Decimal, _decimal_out)
    converter.register_unstructure_hook(Cadence, str)
    converter.register_unstructure_hook(float, number_out)
    converter.register_unstructure_hook_func(_is_dimensions, _dimensions_out)
    converter.register_unstructure_hook_factory(
        lambda t: attrs.has(t) and t is not Cadence, _unstructure_class
    )
    return converter


CONVERTER: Final = _make_converter()
"""The converter. Private to the package: use the functions of this module."""


def structure(data: object, cls: type[Any]) -> Any:  # noqa: ANN401
    """Build an object of *cls* from JSON data; raise cattrs' exception groups."""
    return CONVERTER.get_structure_hook(cls)(data, cls)


def unstructure(obj: object, cls: type[Any] | None = None) -> Any:  # noqa: ANN401
    """Turn a model object into JSON data (dicts, lists, strings, numbers)."""
    return CONVERTER.unstructure(obj, cls)


def _format(exc: BaseException, _type: object) -> str:
    if isinstance(exc, Mismatch):
        return exc.message
    if isinstance(exc, PrivacyError):
        return BSN_MESSAGE
    if isinstance(exc, InvalidValue):
        return f"{exc.expected}, got {describe(exc.value)}"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return f"invalid value ({type(exc).__name__})"


def errors_of(exc: BaseException, path: str = "$") -> list[str]:
    """Return one ``message @ $.path`` string per problem in *exc*."""
    return cattrs.transform_error(exc, path, _format)


def is_finite_number(value: object) -> bool:
    """Return whether *value* is an int or a finite float (not a bool)."""
    kind = type(value)
    return kind is int or (kind is float and math.isfinite(value))  # type: ignore[arg-type]
