"""Loading never fails with anything but InvalidDocument, and agrees with the schema.

Arbitrary JSON values and mutated valid documents (a key dropped or added, a value
replaced by one of another type or by anything) either load or raise
InvalidDocument. When the shipped schema rejects such a document, loads rejects it
too.
"""

from __future__ import annotations

import contextlib
import copy
import json
from typing import Any

import jsonschema
from hypothesis import given
from hypothesis import strategies as st

import resultframe.strategies as rs
from resultframe.errors import InvalidDocument
from resultframe.serialization import from_dict, json_schema, loads, to_dict

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**64), max_value=2**64)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
)
JSON = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
VALIDATORS = {
    kind: jsonschema.Draft202012Validator(json_schema(kind))
    for kind in ("framework", "records")
}


def loads_or_invalid(text: str) -> bool:
    """Return whether *text* loaded; re-raise anything but InvalidDocument."""
    try:
        loads(text)
    except InvalidDocument as e:
        assert e.errors
        assert all(" @ " in error for error in e.errors)
        return False
    return True


@given(JSON)
def test_loads_of_any_json_value_returns_or_raises_invalid_document(value: Any) -> None:
    loads_or_invalid(json.dumps(value))
    with contextlib.suppress(InvalidDocument):
        from_dict(value)


PAYLOAD_KEYS = [
    "id",
    "name",
    "agreement",
    "results",
    "conditions",
    "cycles",
    "parties",
    "subjects",
    "observations",
    "goals",
    "assessments",
    "reviews",
]


@given(
    st.sampled_from(["resultframe/framework", "resultframe/records"]),
    st.dictionaries(st.sampled_from(PAYLOAD_KEYS), JSON, max_size=6),
)
def test_loads_of_any_payload_returns_or_raises_invalid_document(
    fmt: str, payload: dict[str, Any]
) -> None:
    loads_or_invalid(json.dumps({"format": fmt, "version": 1, **payload}))


def _containers(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to an object or array in *value*, the document itself first."""
    if isinstance(value, dict):
        items = list(value.items())
    elif isinstance(value, list):
        items = list(enumerate(value))
    else:
        return []
    found = [path]
    for key, item in items:
        found += _containers(item, (*path, key))
    return found


def _at(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        value = value[step]
    return value


def _other_type(value: Any) -> st.SearchStrategy[Any]:
    kinds = {
        type(None): st.none(),
        bool: st.booleans(),
        int: st.integers(-10, 10),
        float: st.floats(-10, 10, allow_nan=False),
        str: st.text(max_size=5),
        list: st.lists(SCALARS, max_size=2),
        dict: st.dictionaries(st.text(max_size=5), SCALARS, max_size=2),
    }
    return st.one_of(*(s for t, s in kinds.items() if t is not type(value)))


@st.composite
def mutated(draw: st.DrawFn, document: dict[str, Any]) -> dict[str, Any]:
    """A copy of *document* with one key dropped or added, or one value replaced."""
    out = copy.deepcopy(document)
    path = draw(st.sampled_from(_containers(out)))
    container = _at(out, path)
    keys = (
        list(container) if isinstance(container, dict) else list(range(len(container)))
    )
    how = draw(st.sampled_from(["drop", "add", "retype", "replace"]))
    if how == "add" or not keys:
        if isinstance(container, dict):
            container[draw(st.text(max_size=8))] = draw(JSON)
        else:
            container.append(draw(JSON))
        return out
    key = draw(st.sampled_from(keys))
    if how == "drop":
        del container[key]
    elif how == "retype":
        container[key] = draw(_other_type(container[key]))
    else:
        container[key] = draw(JSON)
    return out


def check_mutation(kind: str, document: dict[str, Any]) -> None:
    text = json.dumps(document)
    loaded = loads_or_invalid(text)
    if not VALIDATORS[kind].is_valid(document):
        assert not loaded, "the schema rejects a document that loads"


@given(st.data())
def test_mutated_framework_documents_load_or_raise_and_agree_with_the_schema(
    data: st.DataObject,
) -> None:
    document = to_dict(data.draw(rs.frameworks()))
    check_mutation("framework", data.draw(mutated(document)))


@given(st.data())
def test_mutated_records_documents_load_or_raise_and_agree_with_the_schema(
    data: st.DataObject,
) -> None:
    framework = data.draw(rs.frameworks())
    document = to_dict(data.draw(rs.records(framework)))
    check_mutation("records", data.draw(mutated(document)))


@given(JSON)
def test_documents_the_schema_rejects_are_rejected_by_loads(payload: Any) -> None:
    for kind in ("framework", "records"):
        document = {"format": f"resultframe/{kind}", "version": 1}
        if isinstance(payload, dict):
            document.update(payload)
        check_mutation(kind, document)
