"""JSON Schema: shipped files match the classes, and schema and loader agree."""

from __future__ import annotations

import contextlib
import json
from typing import TYPE_CHECKING, Any, Literal

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import resultframe.strategies as rs
from resultframe.errors import InvalidDocument, InvalidValue
from resultframe.serialization import KINDS, json_schema, loads, to_dict
from resultframe.serialization.schema import (
    generate_schema,
    generated_text,
    main,
    shipped_text,
    write_schemas,
)

if TYPE_CHECKING:
    from pathlib import Path

    from resultframe import ResultsFramework

VALIDATORS = {
    kind: jsonschema.Draft202012Validator(json_schema(kind)) for kind in KINDS
}


@pytest.mark.parametrize("kind", KINDS)
def test_shipped_schema_is_the_generated_schema(kind: str) -> None:
    # Fails after a model change until the files are regenerated with
    # python -m resultframe.serialization.schema --write
    assert shipped_text(kind) == generated_text(kind)
    assert json_schema(kind) == generate_schema(kind)


@pytest.mark.parametrize("kind", KINDS)
def test_shipped_schema_is_a_valid_2020_12_schema(kind: str) -> None:
    schema = json_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["format"] == {"const": f"resultframe/{kind}"}


def test_schema_check_command_and_writer(tmp_path: Path) -> None:
    assert main([]) == 0
    assert main(["--bogus"]) == 2
    written = write_schemas(tmp_path)
    assert [p.name for p in written] == [
        "framework.json",
        "records.json",
        "evaluation.json",
    ]
    assert written[0].read_text(encoding="utf-8") == generated_text("framework")
    with pytest.raises(InvalidValue):
        json_schema("evaluations")
    with pytest.raises(InvalidValue):
        generate_schema("evaluations")


def test_schema_says_what_it_can() -> None:
    defs = json_schema("framework")["$defs"]
    indicator = defs["Indicator"]
    assert indicator["additionalProperties"] is False
    assert indicator["required"] == ["id", "name", "measure", "direction", "question"]
    assert (
        indicator["properties"]["id"]["pattern"]
        == "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"
    )
    assert indicator["properties"]["name"]["pattern"] == r"\S"  # not blank
    assert indicator["properties"]["tolerance"] == {
        "type": "number",
        "minimum": 0,
        "maximum": 1,
        "default": 0.1,
    }
    assert indicator["properties"]["measure"]["enum"] == [
        "quantity",
        "percentage",
        "binary",
        "ordinal",
        "qualitative",
    ]
    assert defs["Result"]["properties"]["conditions"]["uniqueItems"] is True
    assert defs["Scale"]["properties"]["points"]["minItems"] == 2
    assert defs["Means"]["properties"]["amount"]["anyOf"][0]["pattern"] == (
        r"^[0-9]+(\.[0-9]+)?$"
    )
    records = json_schema("records")
    columns = records["properties"]["observations"]
    assert columns["required"] == ["indicator", "subject", "on", "value"]
    assert "allow_bsn_like_id" not in records["$defs"]["Subject"]["properties"]


@given(rs.frameworks())
def test_every_framework_document_validates_against_the_schema(
    framework: ResultsFramework,
) -> None:
    VALIDATORS["framework"].validate(to_dict(framework))


@given(st.data())
def test_every_records_document_validates_against_the_schema(
    data: st.DataObject,
) -> None:
    framework = data.draw(rs.frameworks())
    VALIDATORS["records"].validate(to_dict(data.draw(rs.records(framework))))


def assert_schema_rejection_is_load_rejection(
    kind: Literal["framework", "records"], document: Any
) -> None:
    """A document the schema rejects is rejected by loads (and nothing else escapes)."""
    text = json.dumps(document)
    if VALIDATORS[kind].is_valid(document):
        # The loader checks more than a schema can say: it may still refuse.
        with contextlib.suppress(InvalidDocument):
            loads(text, kind=kind)
    else:
        with pytest.raises(InvalidDocument):
            loads(text, kind=kind)


@pytest.mark.parametrize(
    "document",
    [
        {"format": "resultframe/framework", "version": 1},
        {"format": "resultframe/framework", "version": 2, "id": "x"},
        {"format": "resultframe/framework", "version": 1, "id": "x", "name": " "},
        {
            "format": "resultframe/framework",
            "version": 1,
            "id": "x",
            "name": "X",
            "agreement": {"purpose": "", "period": {"start": "2025-01-01"}},
        },
    ],
)
def test_documents_the_schema_rejects_are_rejected(document: dict[str, Any]) -> None:
    assert not VALIDATORS["framework"].is_valid(document)
    assert_schema_rejection_is_load_rejection("framework", document)
