"""Each field rule is declared once, and every way into the model enforces it.

A rule (``Id()``, ``Text(non_blank=True)``, ...) declares its clauses; the
constructor's check, the quick document loader and the fact readers are all
generated from them. These tests add a clause in one place, the rule's
declaration, and see the constructor, ``loads`` (the quick way and the full
loader), ``from_dict``, YAML and the CSV and JSON Lines readers all refuse what
it forbids; and they hold the quick loader to calling any rule it cannot write
inline.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from resultframe import (
    Agreement,
    Direction,
    Indicator,
    Level,
    Measure,
    Observation,
    Party,
    Period,
    Question,
    Records,
    Result,
    ResultKind,
    ResultsFramework,
    Role,
)
from resultframe._canonical import jsontext as _json
from resultframe.errors import InvalidDocument, InvalidRecords, InvalidValue
from resultframe.model import _checks
from resultframe.serialization import (
    MIGRATIONS,
    _fast,
    dump_yaml,
    dumps,
    from_dict,
    load_yaml,
    loads,
    read_csv,
    read_jsonl,
    to_dict,
)

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture
def regenerate() -> Iterator[None]:
    """Drop what was generated from the rules, before and after a rule changes.

    A maintainer changes a rule in the source and the process starts afresh; a
    test that changes one in place drops what was made from the old one.
    """

    def drop() -> None:
        _checks.forget_generated()
        _fast._builders.clear()
        _fast._passed.clear()

    drop()
    yield
    drop()


def add_clause(
    monkeypatch: pytest.MonkeyPatch, rule: type[_checks.Rule], clause: _checks.Clause
) -> None:
    """Declare one more clause on every rule of class *rule* (the one place)."""
    declared = rule.clauses
    monkeypatch.setattr(rule, "clauses", lambda self: (*declared(self), clause))
    _checks.forget_generated()
    _fast._builders.clear()
    _fast._passed.clear()


def quick(text: str) -> Any:
    return _fast.load(
        text,
        kind=None,
        max_bytes=_json.DEFAULT_MAX_BYTES,
        max_depth=_json.DEFAULT_MAX_DEPTH,
        allow_bsn_like_ids=False,
        migrations=MIGRATIONS,
    )


def framework(framework_id: str = "wmo-2025", name: str = "Wmo") -> ResultsFramework:
    return ResultsFramework(
        id=framework_id,
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
                        measure=Measure.QUANTITY,
                        direction=Direction.INCREASE,
                        question=Question.BETTER_OFF,
                    ),
                ),
                responsible=("gemeente",),
            ),
        ),
        parties=(Party(id="gemeente", name="Gemeente", role=Role.COMMISSIONER),),
    )


def csv_text(subject: str = "s-1", value: str = "3", note: str = "") -> str:
    return f"indicator,subject,on,value,note\ni-1,{subject},2025-03-01,{value},{note}\n"


def jsonl_text(subject: str = "s-1", value: object = 3, note: str = "") -> str:
    row = {
        "indicator": "i-1",
        "subject": subject,
        "on": "2025-03-01",
        "value": value,
        "note": note,
    }
    return json.dumps(row) + "\n"


def refused(call: Any, expected: str) -> None:
    """*call* raises one of resultframe's errors, whose text holds *expected*."""
    with pytest.raises((InvalidValue, InvalidDocument, InvalidRecords)) as info:
        call()
    assert expected in str(info.value)


def documents_are_refused(text: str, expected: str) -> None:
    """Every way a framework document enters refuses *text* for *expected*."""
    document = json.loads(text)
    assert quick(text) is None
    refused(lambda: loads(text), expected)
    refused(lambda: loads(text.encode("utf-8")), expected)
    refused(lambda: from_dict(document), expected)
    refused(lambda: from_dict(document, kind="framework"), expected)
    refused(lambda: load_yaml(dump_yaml_of(document)), expected)


def dump_yaml_of(document: dict[str, Any]) -> str:
    # The document as YAML, written while the rule still allowed its object.
    return _yaml_texts[json.dumps(document, sort_keys=True)]


_yaml_texts: dict[str, str] = {}


def remember_yaml(obj: ResultsFramework) -> str:
    text = dumps(obj)
    _yaml_texts[json.dumps(json.loads(text), sort_keys=True)] = dump_yaml(obj)
    return text


def facts_are_refused(csv: str, jsonl: str, expected: str) -> None:
    refused(lambda: read_csv(io.StringIO(csv)), expected)
    refused(lambda: read_jsonl(io.StringIO(jsonl)), expected)
    # Collected, the row is left out, not kept.
    result = read_csv(io.StringIO(csv), on_error="collect")
    assert len(result.records.observations) == 0
    assert any(expected in e for r in result.rejected for e in r.errors)


def facts_are_read(csv: str, jsonl: str) -> None:
    assert len(read_csv(io.StringIO(csv)).records.observations) == 1
    assert len(read_jsonl(io.StringIO(jsonl)).records.observations) == 1


TOO_LONG = "expected at most 12 characters"


@pytest.mark.usefixtures("regenerate")
def test_a_clause_added_to_the_id_rule_is_enforced_everywhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    long_id = "wmo-2025-long"  # 13 characters: an id today
    text = remember_yaml(framework(long_id))
    assert quick(text) == framework(long_id)  # without the clause, the quick way
    facts_are_read(csv_text("s-0123456789ab"), jsonl_text("s-0123456789ab"))

    add_clause(monkeypatch, _checks.Id, _checks.Clause("len(v) > 12", TOO_LONG))

    refused(lambda: framework(long_id), TOO_LONG)
    refused(lambda: _observation(subject="s-0123456789ab"), TOO_LONG)
    documents_are_refused(text, TOO_LONG)
    facts_are_refused(
        csv_text("s-0123456789ab"), jsonl_text("s-0123456789ab"), TOO_LONG
    )
    # Ids within the new limit still load, the quick way too.
    assert quick(dumps(framework())) == framework()
    facts_are_read(csv_text(), jsonl_text())


@pytest.mark.usefixtures("regenerate")
def test_a_clause_added_to_the_text_rule_is_enforced_everywhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    name = "Wmo en jeugd 2025 (concept)"  # 27 characters
    text = remember_yaml(framework(name=name))
    assert quick(text) == framework(name=name)
    facts_are_read(csv_text(note=name), jsonl_text(note=name))

    longer = "expected at most 20 characters"
    add_clause(monkeypatch, _checks.Text, _checks.Clause("len(v) > 20", longer))

    refused(lambda: framework(name=name), longer)
    documents_are_refused(text, longer)
    facts_are_refused(csv_text(note=name), jsonl_text(note=name), longer)
    assert quick(dumps(framework())) == framework()


@pytest.mark.usefixtures("regenerate")
def test_a_clause_added_to_the_value_rule_is_enforced_everywhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    records = Records(observations=[_observation(value=5000)])
    document = dumps(records)
    assert loads(document) == records
    facts_are_read(csv_text(value="5000"), jsonl_text(value=5000))

    below = "expected a number below 1000"
    clause = _checks.Clause("type(v) is int and v >= 1000", below)
    add_clause(monkeypatch, _checks.ObservationValue, clause)

    refused(lambda: _observation(value=5000), below)
    refused(lambda: Records.from_columns(**_columns(5000)), below)
    refused(lambda: loads(document), below)
    refused(lambda: from_dict(to_dict(records)), below)
    facts_are_refused(csv_text(value="5000"), jsonl_text(value=5000), below)
    facts_are_read(csv_text(value="999"), jsonl_text(value=999))


def _observation(subject: str = "s-1", value: Any = 3) -> Observation:
    return Observation(
        indicator="i-1", subject=subject, on=dt.date(2025, 3, 1), value=value
    )


def _columns(value: object) -> dict[str, Any]:
    return {
        "indicator": ["i-1"],
        "subject": ["s-1"],
        "on": [dt.date(2025, 3, 1)],
        "value": [value],
    }


# -- the quick loader writes inline only what it can; anything else it calls ---------


@attrs.frozen(cache_hash=True)
class _Even(_checks.Rule):
    """A test-only rule made of clauses: the quick way writes it inline."""

    def clauses(self) -> tuple[_checks.Clause, ...]:
        return (
            _checks.Clause("type(v) is not int", "expected a whole number", (int,)),
            _checks.Clause("v % 2", "expected an even number"),
        )


@attrs.frozen(cache_hash=True)
class _Small(_checks.Rule):
    """A test-only rule with a check of its own: the quick way calls it."""

    def problem(self, value: object) -> str | None:
        return "expected at most 9" if value > 9 else None  # type: ignore[operator]

    def check(self, field: str, value: object) -> None:
        expected = self.problem(value)
        if expected is not None:
            raise InvalidValue(field, value, expected)

    def __call__(self, _instance: object, attribute: Any, value: Any) -> None:
        self.check(attribute.name, value)


def _odd_three(_instance: object, attribute: Any, value: Any) -> None:
    if value == 3:
        raise InvalidValue(attribute.name, value, "expected anything but 3")


@attrs.frozen
class _Ruled:
    even: int = attrs.field(validator=_Even())
    small: int = attrs.field(validator=_Small())
    not_three: int = attrs.field(validator=_odd_three)
    evens: tuple[int, ...] = attrs.field(
        default=(), validator=_checks.TupleOf(_Even(), unique=True)
    )
    smalls: tuple[int, ...] = attrs.field(
        default=(), validator=_checks.TupleOf(_Small())
    )


def _quick_ruled(data: dict[str, Any]) -> _Ruled | None:
    build = _fast._Generator().generate(_Ruled)
    try:
        found: _Ruled = build(data, [0])
    except Exception:  # noqa: BLE001 - as in _fast.load: anything means "not here"
        return None
    return found


def _constructed(data: dict[str, Any]) -> _Ruled | None:
    try:
        fields: dict[str, Any] = {
            k: tuple(v) if type(v) is list else v for k, v in data.items()
        }
        return _Ruled(**fields)
    except InvalidValue:
        return None


@given(
    st.fixed_dictionaries(
        {
            "even": st.integers(-5, 12),
            "small": st.integers(0, 12),
            "not_three": st.integers(0, 5),
        },
        optional={
            "evens": st.lists(st.integers(-4, 6), max_size=4),
            "smalls": st.lists(st.integers(0, 12), max_size=3),
        },
    )
)
def test_the_quick_way_enforces_every_rule_it_meets(data: dict[str, Any]) -> None:
    found = _quick_ruled(dict(data))
    assert found == _constructed(data)


def test_a_rule_of_clauses_is_written_inline_and_any_other_is_called() -> None:
    generator = _fast._Generator()
    generator.generate(_Ruled)
    source = "\n".join(generator.source)
    assert "(v % 2)" in source  # _Even's clause, written inline
    called = [v for v in generator.namespace.values() if isinstance(v, _Small)]
    assert called  # _Small is called as the constructor calls it
    assert _odd_three in generator.namespace.values()
    assert _fast._fusable(_Even())
    assert not _fast._fusable(_Small())
    assert not _fast._fusable(_odd_three)


# -- a rule's whole-column look agrees with its clauses ---------------------------------

VALUES = st.one_of(
    st.booleans(),
    st.integers(-(2**60), 2**60),
    st.floats(),
    st.text(max_size=3),
    st.none(),
    st.just(b"x"),
)


@given(st.lists(VALUES, max_size=8))
def test_the_whole_column_look_passes_only_columns_whose_values_all_pass(
    values: list[Any],
) -> None:
    rule = _checks.ObservationValue()
    if rule.all_pass(values):
        assert all(rule.problem(v) is None for v in values)


@given(
    st.lists(
        st.one_of(
            st.booleans(),
            st.integers(-(2**53), 2**53),
            st.floats(-(2.0**53), 2.0**53),
            st.text(min_size=1, max_size=3).filter(str.strip),
        ),
        max_size=8,
    )
)
def test_the_whole_column_look_passes_a_column_of_valid_values(
    values: list[Any],
) -> None:
    # Within ±2**53 (the bound it looks at for ints and floats alike), eight
    # numbers cannot sum beyond a float.
    assert _checks.ObservationValue().all_pass(values)


@given(st.lists(VALUES, max_size=8))
def test_problems_of_a_column_are_the_problems_of_its_values(
    values: list[Any],
) -> None:
    for rule in (
        _checks.ObservationValue(),
        _checks.Text(non_blank=True),
        _checks.Id(),
    ):
        hashable = [v for v in values if type(v) is not float or not math.isnan(v)]
        expected = {v: p for v in hashable if (p := rule.problem(v)) is not None}
        assert rule.problems(hashable) == expected
