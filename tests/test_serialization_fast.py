"""The quick way to load a framework or evaluation agrees with the full loader.

``loads`` first tries ``_fast.load``, which builds a valid document's object in one
pass and returns None at the first sign of anything else; the full loader then
reports the problems. These tests hold it to that: on every valid document it
gives the object the full loader gives, and it never accepts what the full
loader refuses (repeated keys, mutated documents, limits). The quick way writes the
clauses of each field's declared rule inline; every declared rule is tried with
values that break each clause it writes, and must agree with the full loader.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import typing
from typing import Any, Final

import attrs
import pytest
from cattrs.errors import BaseValidationError
from hypothesis import given
from hypothesis import strategies as st

import resultframe.strategies as rs
from resultframe import (
    Agreement,
    Cadence,
    Direction,
    Indicator,
    Level,
    Measure,
    Party,
    Period,
    Question,
    Result,
    ResultKind,
    ResultsFramework,
    Role,
    example,
)
from resultframe._canonical import converter as _converter
from resultframe._canonical import jsontext as _json
from resultframe.errors import InvalidDocument
from resultframe.evaluation import evaluate
from resultframe.model import _checks
from resultframe.serialization import (
    MIGRATIONS,
    _fast,
    dumps,
    loads,
    to_dict,
)
from resultframe.serialization.documents import Document, _load


def quick(text: str | bytes, **options: Any) -> Any:
    """What the quick way gives: the object, or None."""
    settings: dict[str, Any] = {
        "kind": None,
        "max_bytes": _json.DEFAULT_MAX_BYTES,
        "max_depth": _json.DEFAULT_MAX_DEPTH,
        "allow_bsn_like_ids": False,
        "migrations": MIGRATIONS,
        **options,
    }
    return _fast.load(text, **settings)


def full(text: str) -> Document:
    """What the full loader alone gives (it raises InvalidDocument)."""
    value = _json.parse(text)
    return _load(value, kind=None, allow_bsn_like_ids=False, migrations=MIGRATIONS)


def assert_agrees(text: str) -> None:
    """The quick way gives nothing or the full loader's object; loads agrees."""
    found = quick(text)
    try:
        expected = full(text)
    except InvalidDocument as e:
        assert found is None, "the quick way accepts a document the loader refuses"
        with pytest.raises(InvalidDocument) as info:
            loads(text)
        assert info.value.errors == e.errors
        return
    if found is not None:
        assert found == expected
        assert dumps(found) == dumps(expected)
    assert loads(text) == expected


@st.composite
def small_evaluations(draw: st.DrawFn) -> Any:
    framework = draw(
        rs.frameworks(
            max_results=3,
            max_indicators=2,
            max_conditions=2,
            max_cycles=1,
            max_parties=1,
        )
    )
    records = draw(
        rs.records(
            framework,
            max_subjects=6,
            max_observations=15,
            max_goals=3,
            max_assessments=3,
            max_reviews=1,
        )
    )
    return evaluate(framework, records, draw(rs.dates()), min_group=1, per_subject=True)


# -- the quick way is taken, and gives the same object -----------------------------


def _keys_in(value: Any) -> int:
    if isinstance(value, dict):
        return len(value) + sum(_keys_in(v) for v in value.values())
    if isinstance(value, list):
        return sum(_keys_in(v) for v in value)
    return 0


def _plain(text: str) -> bool:
    """Whether every ``":`` in *text* ends a key and no space comes before a colon.

    Only then can the quick way tell from the text that no key repeats; else (a
    name such as ``a :b``) it leaves the document to the full loader.
    """
    spaced = any(space + ":" in text for space in " \t\n\r")
    return not spaced and text.count('":') == _keys_in(json.loads(text))


def assert_quick(text: str, expected: object) -> None:
    found = quick(text)
    if _plain(text):
        assert found == expected
    else:
        assert found is None
    assert loads(text) == expected


@given(rs.frameworks())
def test_quick_load_of_every_framework_document_is_the_framework(
    framework: ResultsFramework,
) -> None:
    assert_quick(dumps(framework), framework)
    # Pretty-printed too: whitespace after colons, none before.
    assert_quick(dumps(framework, indent=2), framework)
    text = dumps(framework).encode("utf-8")
    assert quick(text, kind="framework") == quick(text)


@given(small_evaluations())
def test_quick_load_of_every_evaluation_document_is_the_evaluation(
    evaluation: Any,
) -> None:
    assert_quick(dumps(evaluation), evaluation)
    assert quick(dumps(evaluation), kind="framework") is None


def test_the_quick_way_leaves_other_documents_to_the_full_loader() -> None:
    framework = small_framework()
    text = dumps(framework)
    assert quick(text) == framework
    assert quick(dumps(framework).replace('"version":1', '"version":true')) is None
    # Below the deepest a framework document can nest, the full loader decides.
    assert quick(text, max_depth=7) is None
    assert quick(text, max_bytes=10) is None
    assert quick(text, allow_bsn_like_ids=1) is None
    assert quick(text, kind="records") is None
    assert quick('{"format": "resultframe/records", "version": 1}') is None
    assert quick('{"format": ["resultframe/framework"], "version": 1}') is None
    assert quick("[]") is None
    assert quick(b"\xff") is None
    assert quick("NaN") is None
    older = MIGRATIONS.current["framework"] + 1
    registry = type(MIGRATIONS)({**MIGRATIONS.current, "framework": older})
    assert quick(text, migrations=registry) is None  # version 1 must be migrated


def small_framework(name: str = "Wmo 2025") -> ResultsFramework:
    return ResultsFramework(
        id="wmo-2025",
        name=name,
        agreement=Agreement(
            purpose="p",
            period=Period(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)),
        ),
        results=(
            Result(
                id="r-1",
                statement="Inwoners doen mee",
                level=Level.MICRO,
                kind=ResultKind.OUTCOME,
                indicators=(
                    Indicator(
                        id="i-1",
                        name="Meedoen",
                        measure=Measure.QUALITATIVE,
                        direction=Direction.INCREASE,
                        question=Question.BETTER_OFF,
                    ),
                ),
                responsible=("gemeente",),
            ),
        ),
        parties=(Party(id="gemeente", name="Gemeente", role=Role.COMMISSIONER),),
    )


@pytest.mark.parametrize(
    "name",
    [
        'say "a":b',  # a quote and a colon inside a string
        ":first",  # a string that starts with a colon
        "a :b",  # a space before a colon inside a string
        "line\nbreak :",
        "tab\t:",
        "back\\slash",
        "é :",
    ],
)
def test_text_that_looks_like_a_key_still_loads(name: str) -> None:
    framework = small_framework(name=name)
    for text in (dumps(framework), dumps(framework, indent=1)):
        assert_agrees(text)
        assert_quick(text, framework)
    assert quick(dumps(small_framework(name="plain"))) is not None


# -- never more than the full loader ------------------------------------------------


def _write(
    value: Any, repeat: tuple[Any, ...] | None, colon: str, path: tuple[Any, ...] = ()
) -> str:
    """JSON text of *value*; the object at path *repeat* writes its first key twice."""
    if isinstance(value, dict):
        items = [
            f"{json.dumps(k)}{colon}{_write(v, repeat, colon, (*path, k))}"
            for k, v in value.items()
        ]
        if path == repeat and items:
            items.append(items[0])
        return "{" + ",".join(items) + "}"
    if isinstance(value, list):
        return (
            "["
            + ",".join(
                _write(v, repeat, colon, (*path, i)) for i, v in enumerate(value)
            )
            + "]"
        )
    return json.dumps(value, ensure_ascii=False)


def _objects(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        found = [path] if value else []
        return found + [p for k, v in value.items() for p in _objects(v, (*path, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _objects(v, (*path, i))]
    return []


@given(st.data(), st.sampled_from([":", " :", ": ", "\n:", "\t: ", "\r:"]))
def test_a_repeated_key_is_never_loaded_the_quick_way(
    data: st.DataObject, colon: str
) -> None:
    framework = data.draw(rs.frameworks(max_results=3))
    document = to_dict(framework)
    where = data.draw(st.sampled_from(_objects(document)))
    text = _write(document, where, colon)
    assert quick(text) is None
    with pytest.raises(InvalidDocument) as info:
        loads(text)
    assert any("occurs more than once" in error for error in info.value.errors)
    # Written without the repeat, the same text loads (the quick way, too).
    plain = _write(document, None, colon)
    assert loads(plain) == framework


SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**64), 2**64)
    | st.floats(allow_nan=False)
    | st.text(max_size=6)
    | st.sampled_from(
        ["", " ", "x", "micro", "P3M", "2025-02-30", "0", "NaN", "\ud800"]
    )
)


def _containers(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        items = list(value.items())
    elif isinstance(value, list):
        items = list(enumerate(value))
    else:
        return []
    return [path] + [p for key, item in items for p in _containers(item, (*path, key))]


@st.composite
def mutated(draw: st.DrawFn, document: dict[str, Any]) -> dict[str, Any]:
    """*document* with one key dropped or added, or one value replaced by a scalar."""
    out = copy.deepcopy(document)
    container: Any = out
    for step in draw(st.sampled_from(_containers(out))):
        container = container[step]
    keys = (
        list(container) if isinstance(container, dict) else list(range(len(container)))
    )
    how = draw(st.sampled_from(["drop", "add", "replace", "replace"]))
    if how == "add" or not keys:
        if isinstance(container, dict):
            container[draw(st.text(max_size=6))] = draw(SCALARS)
        else:
            container.append(draw(SCALARS | st.just({})))
    elif how == "drop":
        del container[draw(st.sampled_from(keys))]
    else:
        container[draw(st.sampled_from(keys))] = draw(
            SCALARS | st.just([]) | st.just({})
        )
    return out


@given(st.data())
def test_quick_load_of_a_mutated_framework_is_none_or_the_full_loaders_object(
    data: st.DataObject,
) -> None:
    framework = data.draw(rs.frameworks(max_results=3, max_indicators=2))
    document = data.draw(mutated(to_dict(framework)))
    assert_agrees(json.dumps(document, ensure_ascii=False))


@given(st.data())
def test_quick_load_of_a_mutated_evaluation_is_none_or_the_full_loaders_object(
    data: st.DataObject,
) -> None:
    document = data.draw(mutated(to_dict(data.draw(small_evaluations()))))
    assert_agrees(json.dumps(document, ensure_ascii=False))


# Values that are right for some field and wrong for others, at the edges of the
# rules: blank and long text, ids and not quite ids, numbers beyond 0..1 and 0..100,
# ints that are bools, dates that are not days, repeated items.
CANDIDATES: list[Any] = [
    None,
    True,
    False,
    0,
    1,
    -1,
    2,
    100,
    101,
    0.5,
    1.0,
    -0.0,
    1.5e308,
    math.inf,  # what 1e999 reads as
    -math.inf,
    10**30,
    "",
    " ",
    "x",
    "a b",
    "é",
    "\ud800",
    "r-1",
    "-r",
    "x" * 129,
    "2025-01-01",
    "2025-02-30",
    "20250101",
    "P3M",
    "P0D",
    "1250.00",
    "-1",
    "EUR",
    "micro",
    "macro",
    "quantity",
    "ordinal",
    "increase",
    "maintain",
    "how_much",
    "sum",
    "share_reaching",
    "proven_method",
    "well_described",
    "commissioner",
    "resident",
    "positive",
    "achieved",
    "met",
    "stale",
    "NaN",
    "-Infinity",
    [],
    ["r-1"],
    ["r-1", "r-1"],
    ["r 1"],
    ["resident", "household"],
    ["resident", "resident"],
    [1],
    ["achieved", 1],
    [["achieved", 1]],
    [["achieved", "1"]],
    {},
    {"value": 1, "label": "a"},
]

_quick_builders: dict[type, Any] = {}


def _quick_builder(cls: type) -> Any:
    if cls not in _quick_builders:
        _quick_builders[cls] = _fast._Generator().generate(cls)
    return _quick_builders[cls]


def _objects_in(value: object) -> list[Any]:
    """Every model or evaluation object in *value* (not cadences), itself first."""
    cls = type(value)
    if attrs.has(cls) and cls is not Cadence:
        found: list[Any] = [value]
        for a in attrs.fields(cls):
            if a.init:
                found += _objects_in(getattr(value, a.name))
        return found
    if isinstance(value, tuple):
        return [x for item in value for x in _objects_in(item)]
    return []


def _quick(cls: type, data: dict[str, Any]) -> Any:
    try:
        return _quick_builder(cls)(copy.deepcopy(data), [0])
    except Exception:  # noqa: BLE001 - as in _fast.load: anything means "not here"
        return None


def _full(cls: type, data: dict[str, Any]) -> Any:
    try:
        return _converter.structure(copy.deepcopy(data), cls)
    except (BaseValidationError, _converter.Mismatch):
        return None


def assert_same_values(obj: Any, name: str) -> None:
    """Field *name* of *obj* set to each candidate: both ways agree."""
    cls = type(obj)
    base = _converter.unstructure(obj, cls)
    for candidate in CANDIDATES:
        document = {**base, name: candidate}
        found = _quick(cls, document)
        expected = _full(cls, document)
        assert (found is None) == (expected is None), (cls.__name__, name, candidate)
        if found is not None:
            assert _converter.unstructure(found, cls) == _converter.unstructure(
                expected, cls
            )


@given(st.data())
def test_every_field_takes_the_same_values_the_quick_way_as_the_full_way(
    data: st.DataObject,
) -> None:
    root = data.draw(rs.frameworks(max_results=3) | small_evaluations())
    obj = data.draw(st.sampled_from(_objects_in(root)))
    cls = type(obj)
    name = data.draw(st.sampled_from([a.name for a in attrs.fields(cls) if a.init]))
    assert_same_values(obj, name)


def test_numbers_beyond_a_float_are_refused_both_ways() -> None:
    text = dumps(small_framework())
    assert quick(text) is not None
    # An Infinity literal is not JSON; 1e999 is, but is not finite.
    for bad in ('"purpose":NaN', '"purpose":Infinity', '"purpose":1e999'):
        assert_agrees(text.replace('"purpose":"p"', bad))


def test_the_memos_stay_small() -> None:
    memo = _fast._memo(_checks.Id())
    for k in range(_fast._MEMO_LIMIT + 10):
        _fast._remember(memo, f"id-{k}")
    assert 0 < len(memo) <= _fast._MEMO_LIMIT


# -- every declared rule, every candidate ---------------------------------------------


def _rich_objects() -> list[Any]:
    """Objects of every class a framework or evaluation document holds."""
    framework = example.framework()
    evaluation = evaluate(
        framework,
        example.records(),
        example.period().end,
        min_group=1,
        per_subject=True,
    )
    return _objects_in(framework) + _objects_in(evaluation)


def _ruled_fields() -> list[tuple[Any, str]]:
    """One object of each class, with each of its fields that declares a rule."""
    first: dict[type, Any] = {}
    for obj in _rich_objects():
        first.setdefault(type(obj), obj)
    return [
        (obj, a.name)
        for cls, obj in first.items()
        for a in attrs.fields(cls)
        if a.init and a.validator is not None
    ]


RULED = _ruled_fields()


@pytest.mark.parametrize(
    ("obj", "name"), RULED, ids=[f"{type(o).__name__}.{n}" for o, n in RULED]
)
def test_every_declared_rule_takes_the_same_values_the_quick_way(
    obj: Any, name: str
) -> None:
    cls = type(obj)
    assert _quick(cls, _converter.unstructure(obj, cls)) == obj
    assert_same_values(obj, name)


def _first_broken(rule: _checks.Rule, value: object) -> int | None:
    """The index of the first clause of *rule* that *value* breaks, else None."""
    if value is None and rule.optional:
        return None
    for k, clause in enumerate(rule.clauses()):
        test = eval(f"lambda v, R: {clause.fails}", dict(_checks.EXPRESSION_NAMES))  # noqa: S307
        if test(value, rule):
            return k
    return None


def _read(candidate: object, tp: object) -> tuple[bool, Any]:
    try:
        return True, _converter.CONVERTER.structure(copy.deepcopy(candidate), tp)  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - not a value of the type
        return False, None


# Clauses no document can break: what the converter reads never breaks them.
_UNREACHABLE: Final = {
    # The converter reads an amount as digits only: finite and not negative.
    ("Means", "amount", 0),
    ("Means", "amount", 1),
}


@pytest.mark.parametrize(
    ("obj", "name"), RULED, ids=[f"{type(o).__name__}.{n}" for o, n in RULED]
)
def test_the_candidates_break_every_clause_the_quick_way_writes(
    obj: Any, name: str
) -> None:
    # Else the test above would not look at some clause the quick way writes inline.
    cls = type(obj)
    field = attrs.fields_dict(cls)[name]
    tp = _converter.document_hints(cls)[name]
    rule = field.validator
    assert isinstance(rule, _checks.Rule)
    read = [value for ok, value in (_read(c, tp) for c in CANDIDATES) if ok]
    if isinstance(rule, _checks.TupleOf):
        item_type = typing.get_args(tp)[0]
        inline = _fast._inline(rule.item, _fast._built(item_type))
        broken = {_first_broken(rule.item, x) for value in read for x in value}
        needed = {rule.item.clauses().index(c) for c in inline}
        if rule.unique:
            assert any(_checks.has_repeats(value) for value in read)
    else:
        inline = _fast._inline(rule, _fast._built(tp))
        broken = {_first_broken(rule, value) for value in read}
        needed = {rule.clauses().index(c) for c in inline}
    needed -= {k for c, f, k in _UNREACHABLE if (c, f) == (cls.__name__, name)}
    assert needed <= broken, (cls.__name__, name, rule)
