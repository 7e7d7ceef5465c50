"""The quick way to a framework or an evaluation from a valid JSON document.

The full loader (:mod:`~resultframe.serialization.documents` with the converter of
:mod:`~resultframe._canonical.converter`) structures a document field by
field, collecting every problem with its path, and then each class's constructor
checks its fields once more. For a document without problems most of that work
is spent twice. :func:`load` reaches the same object in one pass:

- the JSON is parsed by the C parser without a hook per object; a repeated key is
  ruled out afterwards by counting the keys (:func:`_no_repeated_keys`);
- each class gets a function, generated once from its attrs fields, that reads
  its object and checks every field in one step: the JSON type as the converter
  wants it *and* the clauses of the field's declared rule
  (:mod:`resultframe.model._checks`), written into the function from the rule's
  own expressions, less those the type just read already implies. A rule that is
  not made of clauses alone, or a validator that is no rule, is called as the
  constructor would call it, after the converter's own hook;
- the object is made without running the validators a second time, and its
  ``__attrs_post_init__`` (the rules between fields, a framework's integrity) runs
  as in the constructor.

At the first sign of anything else (a problem of any kind, an older version, a
depth limit below the model's depth, a kind of document or field it does not
handle) :func:`load` returns None and the full loader runs from the start, so it
alone reports what is wrong. This module makes a valid document load faster; it
never decides what is wrong, and it never accepts what the full loader refuses.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import functools
import json
import math
import re
import types
import typing
from typing import TYPE_CHECKING, Any, Final

import attrs

from resultframe._canonical import converter as _converter
from resultframe._canonical import jsontext as _json
from resultframe.evaluation import FrameworkEvaluation
from resultframe.model import Cadence, ResultsFramework, _checks

if TYPE_CHECKING:
    from collections.abc import Callable

    from resultframe.serialization.migrations import Migrations

__all__ = ["load"]

_ROOTS: Final[dict[str, type]] = {
    "framework": ResultsFramework,
    "evaluation": FrameworkEvaluation,
}
_MEMO_LIMIT: Final = 4096


class _GiveUp(Exception):
    """Raised by the generated functions: let the full loader take over."""


class _Unsupported(Exception):
    """A class or field this module does not build; its kind goes the full way."""


# -- the checks the generated functions call -----------------------------------------


_encodable = _converter.is_unicode


_dates: dict[str, dt.date] = {}
_cadences: dict[str, Cadence] = {}
_passed: dict[_checks.Rule, set[object]] = {}


def _memo(rule: _checks.Rule) -> set[object]:
    """The texts that passed *rule* here (a rule whose look is costly, as an id's)."""
    return _passed.setdefault(rule, set())


def _remember(memo: set[object], value: object) -> None:
    if len(memo) >= _MEMO_LIMIT:
        memo.clear()
    memo.add(value)


def _date(value: object) -> dt.date:
    day: dt.date | None = _dates.get(value)  # type: ignore[call-overload]
    if day is None:
        day = _converter.parse_date(value)
        if len(_dates) >= _MEMO_LIMIT:
            _dates.clear()
        _dates[value] = day  # type: ignore[index]
    return day


def _cadence(value: object) -> Cadence:
    # A Cadence is immutable, so one instance may stand for every equal one.
    cadence: Cadence | None = _cadences.get(value)  # type: ignore[call-overload]
    if cadence is None:
        cadence = _converter.CONVERTER.get_structure_hook(Cadence)(value, Cadence)
        if len(_cadences) >= _MEMO_LIMIT:
            _cadences.clear()
        _cadences[value] = cadence  # type: ignore[index]
    return cadence


def _decimal(value: object) -> decimal.Decimal:
    number: decimal.Decimal = _converter.CONVERTER.get_structure_hook(decimal.Decimal)(
        value, decimal.Decimal
    )
    return number


# -- what a declared rule leaves to check ---------------------------------------------


def _fusable(rule: object) -> bool:
    """Whether *rule* is made of its clauses alone, so they can be written inline."""
    if not isinstance(rule, _checks.Rule) or isinstance(rule, _checks.TupleOf):
        return False
    kind = type(rule)
    own = ("problem", "check", "problems", "__call__")
    if any(getattr(kind, name) is not getattr(_checks.Rule, name) for name in own):
        return False
    try:
        rule.clauses()
    except NotImplementedError:
        return False
    return True


_USES_RULE: Final = re.compile(r"\bR\b")
_SCALARS: Final[dict[object, tuple[type, ...]]] = {
    str: (str,),
    int: (int,),
    bool: (bool,),
    float: (int, float),
    _converter.AnyFloat: (int, float),
    dt.date: (dt.date,),
    Cadence: (Cadence,),
    decimal.Decimal: (decimal.Decimal,),
}


def _inline(rule: _checks.Rule, types: tuple[type, ...]) -> tuple[_checks.Clause, ...]:
    """The clauses of *rule* to write for a value of one of the exact *types*.

    None passes an optional rule before any clause is looked at.
    """
    if rule.optional:
        types = tuple(t for t in types if t is not type(None))
    return rule.remaining(types) if types else rule.clauses()


def _built(tp: object) -> tuple[type, ...]:
    """The exact types of the values :meth:`_Generator.value_lines` makes for *tp*.

    Empty when not known (then every clause of a rule is checked).
    """
    found = _SCALARS.get(tp)
    if found is not None:
        return found
    if _is_enum(tp) or _is_model_class(tp):
        return (tp,)  # type: ignore[return-value]
    inner, optional = _optional(tp)
    if optional:
        rest = _built(inner)
        return (*rest, type(None)) if rest else ()
    if typing.get_origin(tp) is tuple:
        return (tuple,)
    return ()


def _optional(tp: object) -> tuple[object, bool]:
    """``(inner type, whether None is allowed)`` of a field's type."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        rest = tuple(a for a in args if a is not type(None))
        if len(rest) == 1 and len(rest) < len(args):
            return rest[0], True
    return tp, False


def _is_enum(tp: object) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


def _is_model_class(tp: object) -> bool:
    return attrs.has(tp) and tp is not Cadence  # type: ignore[arg-type]


# -- generating the functions ----------------------------------------------------------


class _Generator:
    """Writes one function per class (and per compound value type) as Python source."""

    def __init__(self) -> None:
        self.namespace: dict[str, Any] = {
            "GiveUp": _GiveUp,
            "MISSING": _MISSING,
            "new": object.__new__,
            "put": object.__setattr__,
            "encodable": _encodable,
            "remember": _remember,
            "has_repeats": _checks.has_repeats,
            "date": _date,
            "DATES": _dates,
            "cadence": _cadence,
            "money": _decimal,
            "NON_FINITE": _converter.NON_FINITE,
            "INF": math.inf,
            "str": str,
            "int": int,
            "float": float,
            "bool": bool,
            "dict": dict,
            "list": list,
            "tuple": tuple,
            "type": type,
            "len": len,
            "set": set,
            **_checks.EXPRESSION_NAMES,
        }
        self.names: dict[object, str] = {}
        self.pending: list[tuple[str, object]] = []
        self.source: list[str] = []

    def constant(self, value: object, prefix: str) -> str:
        name = f"{prefix}{len(self.namespace)}"
        self.namespace[name] = value
        return name

    def function_for(self, tp: object) -> str:
        """The name of the function that builds a value of *tp* (made on demand)."""
        name = self.names.get(tp)
        if name is None:
            name = self.names[tp] = f"build{len(self.names)}"
            self.pending.append((name, tp))
        return name

    def generate(self, root: type) -> Callable[[object, list[int]], Any]:
        entry = self.function_for(root)
        while self.pending:
            name, tp = self.pending.pop()
            if _is_model_class(tp):
                self.source += self.class_function(name, tp)  # type: ignore[arg-type]
            else:
                self.source += self.value_function(name, tp)
        code = compile(
            "\n".join(self.source), f"<resultframe fast {root.__name__}>", "exec"
        )
        exec(code, self.namespace)  # noqa: S102 - our own source, made from attrs fields
        function: Callable[[object, list[int]], Any] = self.namespace[entry]
        return function

    # A value of a type: lines that read ``v`` and leave the result in *out*.

    def value_lines(self, tp: object, out: str) -> list[str]:
        if tp is str:
            return [
                "if type(v) is not str or not (v.isascii() or encodable(v)):",
                "    raise GiveUp",
                f"{out} = v",
            ]
        if tp is int:
            return ["if type(v) is not int:", "    raise GiveUp", f"{out} = v"]
        if tp is bool:
            return ["if type(v) is not bool:", "    raise GiveUp", f"{out} = v"]
        if tp is float:
            # The converter's float: an int or any float (a validator asks more).
            return [
                "if type(v) is not float and type(v) is not int:",
                "    raise GiveUp",
                f"{out} = v",
            ]
        if tp is _converter.AnyFloat:
            return [
                "t = type(v)",
                "if t is float:",
                "    if not -INF < v < INF:",
                "        raise GiveUp",
                f"    {out} = v",
                "elif t is int:",
                f"    {out} = v",
                "elif t is str:",
                f"    {out} = NON_FINITE[v]",
                "else:",
                "    raise GiveUp",
            ]
        if tp is dt.date:
            # The memo of days read, looked into here to spare a call.
            return [
                f"{out} = DATES.get(v)",
                f"if {out} is None:",
                f"    {out} = date(v)",
            ]
        if tp is Cadence:
            return [f"{out} = cadence(v)"]
        if tp is decimal.Decimal:
            return [f"{out} = money(v)"]
        if _is_enum(tp):
            table = self.constant({m.value: m for m in tp}, "members")  # type: ignore[attr-defined]
            return [f"{out} = {table}[v]"]
        inner, optional = _optional(tp)
        if optional:
            lines = self.value_lines(inner, out)
            return [
                "if v is None:",
                f"    {out} = None",
                "else:",
                *(f"    {line}" for line in lines),
            ]
        if _is_model_class(tp):
            return [f"{out} = {self.function_for(tp)}(v, c)"]
        args = typing.get_args(tp)
        if typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
            item = self.function_for(args[0])
            return [
                "if type(v) is not list:",
                "    raise GiveUp",
                f"{out} = tuple([{item}(i, c) for i in v])",
            ]
        if typing.get_origin(tp) is tuple and args and Ellipsis not in args:
            items = ", ".join(
                f"{self.function_for(a)}(v[{i}], c)" for i, a in enumerate(args)
            )
            return [
                f"if type(v) is not list or len(v) != {len(args)}:",
                "    raise GiveUp",
                f"{out} = ({items},)",
            ]
        raise _Unsupported(repr(tp))

    def value_function(self, name: str, tp: object) -> list[str]:
        body = self.value_lines(tp, "x")
        return [
            f"def {name}(v, c):",
            *(f"    {line}" for line in body),
            "    return x",
            "",
        ]

    # A field: its type fused with its declared rule.

    def field_lines(
        self, cls: type, field: attrs.Attribute[Any], tp: object, out: str
    ) -> list[str]:
        rule = field.validator
        if rule is None:
            reference = _checks.reference_rule(field)
            lines = self.value_lines(tp, out)
            if reference is not None:  # a subject's id in a result: the BSN guard
                check = self.constant(reference.problem, "problem")
                lines += [f"if {check}({out}) is not None:", "    raise GiveUp"]
            return lines
        if isinstance(rule, _checks.TupleOf):
            return self.tuple_lines(cls, field, tp, rule, out)
        if not _fusable(rule):
            return self.fallback_lines(cls, field, tp, out)
        lines = self.value_lines(tp, out)
        # Most readings end in ``out = v``: the clauses may look at v itself.
        last = "v" if lines[-1] == f"{out} = v" else out
        return [*lines, *self.rule_lines(rule, _built(tp), last)]  # type: ignore[arg-type]

    def rule_lines(
        self, rule: _checks.Rule, types: tuple[type, ...], out: str
    ) -> list[str]:
        """Lines that give up when the value in *out* breaks a clause of *rule*.

        *types* are the exact types the value may have (empty: not known); the
        clauses those imply are left out, the others written as the rule declares
        them.
        """
        may_be_none = not types or type(None) in types
        clauses = _inline(rule, types)
        if not clauses:
            return []
        fails = " or ".join(f"({c.fails})" for c in clauses)
        body = [f"if {fails}:", "    raise GiveUp"]
        if rule.remember and types == (str,):
            memo = self.constant(_memo(rule), "memo")
            body = [
                f"if v not in {memo}:",
                *(f"    {line}" for line in body),
                f"    remember({memo}, v)",
            ]
        if rule.optional and may_be_none:
            body = ["if v is not None:", *(f"    {line}" for line in body)]
        if _USES_RULE.search(fails):
            body.insert(0, f"R = {self.constant(rule, 'rule')}")
        return [*([f"v = {out}"] if out != "v" else []), *body]

    def tuple_lines(
        self,
        cls: type,
        field: attrs.Attribute[Any],
        tp: object,
        rule: _checks.TupleOf,
        out: str,
    ) -> list[str]:
        args = typing.get_args(tp)
        if not (
            typing.get_origin(tp) is tuple
            and len(args) == 2
            and args[1] is Ellipsis
            and not rule.optional
            and _fusable(rule.item)
        ):
            return self.fallback_lines(cls, field, tp, out)
        item_type = args[0]
        unique = [f"if has_repeats({out}):", "    raise GiveUp"] if rule.unique else []
        types = _built(item_type)
        if item_type in _SCALARS or _is_enum(item_type):
            # Read and checked in one loop, without a call per item.
            each = [
                *self.value_lines(item_type, "z"),
                *self.rule_lines(rule.item, types, "z"),
                "y.append(z)",
            ]
            return [
                "if type(v) is not list:",
                "    raise GiveUp",
                "y = []",
                "for v in v:",
                *(f"    {line}" for line in each),
                f"{out} = tuple(y)",
                *unique,
            ]
        check = self.rule_lines(rule.item, types, "v")
        lines = self.value_lines(tp, out)
        if check:
            lines += [f"for v in {out}:", *(f"    {line}" for line in check)]
        return [*lines, *unique]

    def fallback_lines(
        self, cls: type, field: attrs.Attribute[Any], tp: object, out: str
    ) -> list[str]:
        """The converter's hook, then the validator as the constructor calls it."""
        del cls
        hook = self.constant(_converter.CONVERTER.get_structure_hook(tp), "hook")
        type_ = self.constant(tp, "type")
        lines = [f"{out} = {hook}(v, {type_})"]
        if field.validator is not None:
            check = self.constant(field.validator, "validator")
            attribute = self.constant(field, "attribute")
            lines.append(f"{check}(None, {attribute}, {out})")
        return lines

    def class_function(self, name: str, cls: type) -> list[str]:
        if getattr(cls, "__attrs_pre_init__", None) is not None or (
            # attrs' cache_hash: its __init__ resets a cached hash we would not.
            "_attrs_cached_hash" in getattr(cls, "__slots__", ())
        ):
            raise _Unsupported(cls.__name__)
        if _converter.HIDDEN.get(cls):
            raise _Unsupported(cls.__name__)
        hints = _converter.document_hints(cls)
        fields = attrs.fields(cls)
        required = sum(1 for a in fields if a.init and a.default is attrs.NOTHING)
        target = self.constant(cls, "cls")
        # n counts the keys not yet accounted for: every required key is read (a
        # missing one is a KeyError), each optional key found is counted off, and
        # any key left over is one the class does not have.
        lines = [
            f"def {name}(d, c):",
            "    if type(d) is not dict:",
            "        raise GiveUp",
            "    n = len(d)",
            "    c[0] += n",
            f"    n -= {required}",
        ]
        sets: list[str] = []
        for i, a in enumerate(fields):
            if a.converter is not None:
                raise _Unsupported(f"{cls.__name__}.{a.name}")
            out = f"x{i}"
            if not a.init:
                if a.default is attrs.NOTHING:
                    continue
                lines.append(f"    {out} = {self.default(cls, a)}")
            else:
                body = self.field_lines(cls, a, hints[a.name], out)
                if a.default is attrs.NOTHING:
                    lines.append(f"    v = d[{a.name!r}]")
                    lines += (f"    {line}" for line in body)
                else:
                    lines += [
                        f"    v = d.get({a.name!r}, MISSING)",
                        "    if v is MISSING:",
                        f"        {out} = {self.default(cls, a)}",
                        "    else:",
                        "        n -= 1",
                        *(f"        {line}" for line in body),
                    ]
            slot = cls.__dict__.get(a.name)
            if isinstance(slot, types.MemberDescriptorType):
                # A slot's own setter: what object.__setattr__ finds, without the search.
                sets.append(f"    {self.constant(slot.__set__, 'set')}(o, {out})")
            else:
                sets.append(f"    put(o, {a.name!r}, {out})")
        lines += ["    if n:", "        raise GiveUp", f"    o = new({target})", *sets]
        post = getattr(cls, "__attrs_post_init__", None)
        if post is not None:
            lines.append(f"    {self.constant(post, 'post')}(o)")
        lines += ["    return o", ""]
        return lines

    def default(self, cls: type, field: attrs.Attribute[Any]) -> str:
        default: Any = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            if default.takes_self:
                raise _Unsupported(f"{cls.__name__}.{field.name}")
            return f"{self.constant(default.factory, 'factory')}()"
        if field.validator is not None:
            # The constructor validates a default too; a default that fails is a
            # model bug, and such a class goes the full way.
            try:
                field.validator(None, field, default)
            except Exception:  # noqa: BLE001
                raise _Unsupported(f"{cls.__name__}.{field.name}") from None
        return self.constant(default, "default")


class _Missing:
    __slots__ = ()


_MISSING: Final = _Missing()

_builders: dict[type, Callable[[object, list[int]], Any] | None] = {}


def _builder(cls: type) -> Callable[[object, list[int]], Any] | None:
    if cls not in _builders:
        try:
            _builders[cls] = _Generator().generate(cls)
        except Exception:  # noqa: BLE001  # pragma: no cover - every root is supported
            # Whatever went wrong, the full loader still loads (more slowly); the
            # tests fail when the quick way is not taken.
            _builders[cls] = None
    return _builders[cls]


def _depth(tp: object, seen: frozenset[object] = frozenset()) -> int:
    """How deep JSON arrays and objects nest in the document of a value of *tp*."""
    if tp in seen:  # pragma: no cover - the model has no recursive classes
        return 10**6
    inner, _ = _optional(tp)
    if _is_model_class(inner):
        hints = _converter.document_hints(inner)  # type: ignore[arg-type]
        nested = (
            _depth(hints[a.name], seen | {inner})
            for a in attrs.fields(inner)  # type: ignore[arg-type]
            if a.init
        )
        return 1 + max(nested, default=0)
    args = typing.get_args(inner)
    if typing.get_origin(inner) in (tuple, frozenset):
        return 1 + max((_depth(a, seen) for a in args if a is not Ellipsis), default=0)
    return 0


@functools.cache
def _root_depth(kind: str) -> int:
    """The deepest a valid document of *kind* nests (worked out on first use)."""
    return _depth(_ROOTS[kind])


# A JSON parser as the full loader's, without its hook per object.
_DECODER: Final = json.JSONDecoder(parse_constant=_json.constant)
_SPACES: Final = (" ", "\t", "\n", "\r")


def _no_repeated_keys(text: str, keys: int) -> bool:
    r"""Prove that no object in *text* repeats a key, given the keys parsed.

    *keys* is the number of keys in all objects of the parsed document; an object
    that repeats a key lost one. In JSON text every key is a string followed by a
    colon, and no other string is. Without whitespace before a colon (the canonical
    form, and ``indent`` output; certain when every colon follows a quote) each key
    ends in ``":``, so there are at least as many ``":`` as keys written, and more
    than *keys* when a key repeats. A ``":`` inside a string (``\":``) or a
    string that starts with a colon add to the count too; then this returns False
    and the full loader looks (without cause).
    """
    ends = text.count('":')
    if text.count(":") != ends:
        # Some colon follows something else than a quote. Looking for one
        # character is much quicker than for two: look for a space and a colon
        # only where that space occurs at all (a canonical text has no line breaks).
        for space in _SPACES:
            if space in text and space + ":" in text:
                return False
    return ends == keys


def load(  # noqa: PLR0913
    data: object,
    *,
    kind: str | None,
    max_bytes: object,
    max_depth: object,
    allow_bsn_like_ids: object,
    migrations: Migrations,
) -> Any:  # noqa: ANN401
    """Return the framework or evaluation in a valid JSON document, else None.

    None means only "not here": the document may still be valid (records, an older
    version, a tight limit, a key written twice, text this module does not read)
    or not; the full loader finds out.
    """
    if (
        type(max_bytes) is not int
        or type(max_depth) is not int
        or max_bytes < 1
        or max_depth < 1
        or type(allow_bsn_like_ids) is not bool
    ):
        return None
    if (
        type(data) is not str
        and type(data) is not bytes
        and type(data) is not bytearray
    ):
        return None
    if _json.size_of(data) > max_bytes:
        return None
    if isinstance(data, str):
        text = data
    else:
        try:
            text = bytes(data).decode("utf-8")
        except UnicodeDecodeError:
            return None
    try:
        document = _DECODER.decode(text)
    except (ValueError, RecursionError):
        return None
    if type(document) is not dict:
        return None
    fmt = document.get("format")
    found = _FORMATS.get(fmt) if type(fmt) is str else None
    version = document.get("version")
    if (
        found is None
        or (kind is not None and kind != found)
        or type(version) is not int
        or version != migrations.current.get(found)
        or max_depth < _root_depth(found)
    ):
        return None
    build = _builder(_ROOTS[found])
    if build is None:  # pragma: no cover - every root kind is supported
        return None
    payload = dict(document)
    del payload["format"], payload["version"]
    count = [2]  # the keys format and version
    try:
        obj = build(payload, count)
    except Exception:  # noqa: BLE001 - whatever it is, the full loader reports it
        return None
    if not _no_repeated_keys(text, count[0]):
        return None
    return obj


_FORMATS: Final = {f"resultframe/{kind}": kind for kind in _ROOTS}
